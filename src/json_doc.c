#include "json_doc.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"

typedef struct builder {
	const char *s;
	size_t len;       /* the text need not end with a NUL */
	size_t i;
	lp_jnode *nodes;  /* next free node */
	char *text;       /* next free byte for decoded strings */
} builder;

static void skip_ws(builder *b)
{
	while (b->i < b->len &&
	       (b->s[b->i] == ' ' || b->s[b->i] == '\t' || b->s[b->i] == '\n' ||
	        b->s[b->i] == '\r'))
		b->i++;
}

static unsigned hex4(const char *s)
{
	unsigned v = 0;
	int k;

	for (k = 0; k < 4; k++) {
		char c = s[k];

		v = v * 16 + (unsigned)(c <= '9' ? c - '0'
		                        : (c | 0x20) - 'a' + 10);
	}
	return v;
}

static char *put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xC0 | (cp >> 6));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xE0 | (cp >> 12));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	} else {
		*o++ = (char)(0xF0 | (cp >> 18));
		*o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
		*o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
		*o++ = (char)(0x80 | (cp & 0x3F));
	}
	return o;
}

/* Decodes the string whose opening quote is at b->i; the text is valid,
 * so an escape is never malformed and the result is never longer than
 * the source (a \uXXXX of 6 bytes gives at most 3, a pair of 12 gives 4). */
static const char *decode_string(builder *b, size_t *len)
{
	const char *s = b->s;
	char *start = b->text, *o = b->text;
	size_t i = b->i + 1;

	for (;;) {
		char c;

		/* Plain runs are copied eight bytes at a time: a word without a
		 * quote lies inside the string, and the output never runs ahead
		 * of the input. */
		while (i + 16 <= b->len) {
			size_t k = lp_json_plain16(s + i, NULL);

			memcpy(o, s + i, 16);
			o += k;
			i += k;
			if (k < 16)
				break;
		}
		c = s[i];
		if (c == '"')
			break;
		if (c != '\\') {
			*o++ = c;
			i++;
			continue;
		}
		c = s[i + 1];
		i += 2;
		switch (c) {
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			unsigned long cp = hex4(s + i);

			i += 4;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(s + i + 2) - 0xDC00);
				i += 6;
			}
			o = put_utf8(o, cp);
			break;
		}
		default: *o++ = c; break; /* " \ / */
		}
	}
	*o++ = '\0';
	b->i = i + 1;
	b->text = o;
	*len = (size_t)(o - start - 1);
	return start;
}

static int is_number_char(char c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	       c == 'e' || c == 'E';
}

static lp_jnode *value(builder *b)
{
	lp_jnode *n = b->nodes++;
	const char *s = b->s;
	lp_jnode **tail;

	memset(n, 0, sizeof(*n));
	skip_ws(b);
	switch (s[b->i]) {
	case '{':
	case '[':
		n->type = s[b->i] == '{' ? LP_JOBJECT : LP_JARRAY;
		b->i++;
		tail = &n->child;
		for (;;) {
			const char *key = NULL;
			size_t key_len = 0;
			lp_jnode *kid;

			skip_ws(b);
			if (s[b->i] == '}' || s[b->i] == ']') {
				b->i++;
				break;
			}
			if (s[b->i] == ',') {
				b->i++;
				skip_ws(b);
			}
			if (n->type == LP_JOBJECT) {
				key = decode_string(b, &key_len);
				skip_ws(b);
				b->i++; /* ':' */
			}
			/* Depth is bounded by the validator (LP_MAX_JSON_DEPTH). */
			kid = value(b);
			kid->key = key;
			kid->key_len = key_len;
			*tail = kid;
			tail = &kid->next;
			n->count++;
		}
		break;
	case '"':
		n->type = LP_JSTRING;
		n->str = decode_string(b, &n->len);
		break;
	case 't': n->type = LP_JTRUE; b->i += 4; break;
	case 'f': n->type = LP_JFALSE; b->i += 5; break;
	case 'n': n->type = LP_JNULL; b->i += 4; break;
	default:
		n->type = LP_JNUMBER;
		n->str = s + b->i;
		while (b->i < b->len && is_number_char(s[b->i]))
			b->i++;
		n->len = (size_t)(s + b->i - n->str);
		break;
	}
	return n;
}

/* Nodes first (aligned), then decoded strings: never longer than the
 * text, plus a NUL per string. */
static size_t block_size(size_t len, size_t values)
{
	return (values ? values : 1) * sizeof(lp_jnode) + 2 * len + 1;
}

static void build(lp_jdoc *doc, void *block, const char *json, size_t len,
                  size_t values)
{
	builder b;

	b.s = json;
	b.len = len;
	b.i = 0;
	b.nodes = block;
	b.text = (char *)block + (values ? values : 1) * sizeof(lp_jnode);
	doc->root = value(&b);
}

int lp_jdoc_parse(lp_jdoc *doc, const char *json, size_t len, size_t values)
{
	doc->root = NULL;
	doc->block = lp_malloc(block_size(len, values));
	if (!doc->block)
		return -1;
	build(doc, doc->block, json, len, values);
	return 0;
}

int lp_jdoc_parse_in(lp_jdoc *doc, const char *json, size_t len,
                     size_t values, void **block, size_t *cap)
{
	size_t need = block_size(len, values);

	doc->root = NULL;
	doc->block = NULL;
	if (need > *cap) {
		/* Nothing in the old block is kept: free it first. */
		lp_free(*block);
		*cap = 0;
		if (!(*block = lp_malloc(need)))
			return -1;
		*cap = need;
	}
	build(doc, *block, json, len, values);
	return 0;
}

void lp_jdoc_free(lp_jdoc *doc)
{
	lp_free(doc->block);
	doc->block = NULL;
	doc->root = NULL;
}

const lp_jnode *lp_jdoc_get(const lp_jnode *obj, const char *key)
{
	const lp_jnode *kid;
	size_t len = strlen(key);

	for (kid = obj->child; kid; kid = kid->next)
		if (kid->key_len == len && memcmp(kid->key, key, len) == 0)
			return kid;
	return NULL;
}

int lp_jdoc_integer(const lp_jnode *n, unsigned long long limit,
                    long long *value)
{
	unsigned long long v = 0;
	size_t i = 0;
	int negative = 0;

	if (n->type != LP_JNUMBER)
		return -1;
	if (n->str[0] == '-') {
		negative = 1;
		i = 1;
	}
	if (i == n->len)
		return -1;
	for (; i < n->len; i++) {
		char c = n->str[i];

		if (c < '0' || c > '9')
			return -1; /* a fraction or an exponent */
		if (v > (limit - (unsigned long long)(c - '0')) / 10)
			return -1;
		v = v * 10 + (unsigned long long)(c - '0');
	}
	*value = negative ? -(long long)v : (long long)v;
	return 0;
}
