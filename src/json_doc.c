#include "json_doc.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "ascii.h"
#include "buf.h"
#include "report.h"

typedef struct level {
	char type;          /* '{' or '[' */
	int expect_key;     /* object: the next string is a key */
	const char *key;    /* object: the current member's key as written */
	size_t key_len;
	size_t index;       /* array: the current element */
	const char *name;   /* object: the current member's key, decoded */
	size_t name_len;
	lp_jnode *node;     /* the container */
	lp_jnode **tail;    /* where its next child is linked */
} level;

/* The dotted path of the value being read, e.g. content.media[1].type. */
static void path_of(const level *stack, size_t depth, char *out, size_t size)
{
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < depth && n < size; i++) {
		if (stack[i].type == '{' && stack[i].key && !stack[i].expect_key)
			n += (size_t)snprintf(out + n, size - n, "%s%.*s", n ? "." : "",
			                      (int)(stack[i].key_len > 40 ? 40
			                                                  : stack[i].key_len),
			                      stack[i].key);
		else if (stack[i].type == '[')
			n += (size_t)snprintf(out + n, size - n, "[%zu]", stack[i].index);
	}
	if (!out[0])
		snprintf(out, size, "report");
}

/* What may come next. */
typedef enum expect {
	X_VALUE,          /* any value */
	X_VALUE_OR_CLOSE, /* after '[' */
	X_KEY_OR_CLOSE,   /* after '{' */
	X_KEY,            /* after ',' in an object */
	X_COLON,
	X_COMMA_OR_CLOSE,
	X_END             /* the top-level value is complete */
} expect;

static const char *const expected_text[] = {
	"a value", "a value or ']'", "a member name or '}'", "a member name",
	"':'", "',' or a closing bracket", "the end of the input"};

typedef struct parser {
	const char *json;
	size_t len;
	lp_jorigin origin; /* where json begins in its input */
	level stack[LP_MAX_JSON_DEPTH];
	size_t depth;
	lp_error *err;
	lp_jnode *nodes;  /* next free node */
	char *text;       /* next free byte for decoded strings */
	lp_jnode *root;
} parser;

/* "line 1, column 12 (in content.media[0])", counting characters; "after"
 * when the error follows a complete member. */
static void where(const parser *ps, size_t at, int after, char *out,
                  size_t size)
{
	unsigned long line = ps->origin.line, col = ps->origin.column;
	size_t i;
	char path[128];

	for (i = 0; i < at && i < ps->len; i++) {
		if (ps->json[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)ps->json[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	path_of(ps->stack, ps->depth, path, sizeof(path));
	snprintf(out, size, "line %lu, column %lu%s%s%s", line, col,
	         !ps->depth ? "" : after ? " (after " : " (in ",
	         ps->depth ? path : "", ps->depth ? ")" : "");
}

static int syntax_at(const parser *ps, size_t at, int after,
                     const char *what)
{
	char place[200];

	where(ps, at, after, place, sizeof(place));
	return lp_error_set(ps->err, LP_EINVALID, "",
	                    "report: invalid JSON at %s: %s", place, what);
}

static int syntax(const parser *ps, size_t at, const char *what)
{
	return syntax_at(ps, at, 0, what);
}

static int hex4(const char *s, unsigned *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c = s[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	return 0;
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

/*
 * Reads the string whose opening quote is at *i, checking it and decoding
 * it into ps->text (NUL-terminated) as it goes; leaves *i on the closing
 * quote. Returns LP_OK, an error, or 1 when the input ends inside it.
 *
 * Plain runs are copied sixteen bytes at a time. The copy may run past
 * the run, never past the text area: what is decoded so far is shorter
 * than what was read (every string has quotes, no escape grows), so the
 * output stays at least one byte behind the input, which has 16 more.
 */
static int read_string(parser *ps, size_t *i, const char **str, size_t *len)
{
	const char *s = ps->json;
	size_t j = *i + 1, start = j;
	char *o = ps->text, path[128];
	int high = 0; /* a byte >= 0x80: the string needs a UTF-8 check */

	for (; j < ps->len; j++) {
		unsigned char c;
		unsigned u, lo;

		while (j + 16 <= ps->len) {
			size_t k = lp_json_plain16(s + j, &high);

			memcpy(o, s + j, 16);
			o += k;
			j += k;
			if (k < 16)
				break;
		}
		if (j >= ps->len)
			break;
		c = (unsigned char)s[j];
		if (c == '"')
			break;
		high |= c >= 0x80;
		if (c < 0x20)
			return syntax(ps, j, "a control character inside a string "
			                     "(write it as an escape such as \\n)");
		if (c != '\\') {
			*o++ = (char)c;
			continue;
		}
		if (++j >= ps->len)
			return 1;
		switch (s[j]) {
		case '"': case '\\': case '/': *o++ = s[j]; continue;
		case 'b': *o++ = '\b'; continue;
		case 'f': *o++ = '\f'; continue;
		case 'n': *o++ = '\n'; continue;
		case 'r': *o++ = '\r'; continue;
		case 't': *o++ = '\t'; continue;
		case 'u': break;
		default: return syntax(ps, j - 1, "an invalid escape in a string");
		}
		if (j + 4 >= ps->len)
			return 1;
		if (hex4(s + j + 1, &u) != 0)
			return syntax(ps, j - 1, "\\u needs four hexadecimal digits");
		if (u == 0) {
			path_of(ps->stack, ps->depth, path, sizeof(path));
			return lp_error_set(ps->err, LP_EINVALID, path,
			                    "%s: holds \\u0000 (text may not contain "
			                    "U+0000)", path);
		}
		j += 4;
		if (u >= 0xDC00 && u <= 0xDFFF)
			return syntax(ps, j - 5, "a lone low surrogate (\\udc00-\\udfff)");
		if (u >= 0xD800 && u <= 0xDBFF) {
			/* Truncated only if what is there could still be "\\uDCxx". */
			int bad = (j + 1 < ps->len && s[j + 1] != '\\') ||
			          (j + 2 < ps->len && s[j + 2] != 'u');

			if (!bad && j + 6 >= ps->len)
				return 1;
			if (bad || hex4(s + j + 3, &lo) != 0 || lo < 0xDC00 ||
			    lo > 0xDFFF)
				return syntax(ps, j - 5, "a high surrogate not followed "
				                         "by a low surrogate");
			j += 6;
			o = put_utf8(o, 0x10000 + ((unsigned long)(u - 0xD800) << 10) +
			                    (lo - 0xDC00));
		} else {
			o = put_utf8(o, u);
		}
	}
	if (j >= ps->len)
		return 1;
	/* Bytes below 0x80 (and not NUL, a control character) are valid
	 * UTF-8 whatever their order: only a string with others is checked. */
	if (high && !lp_utf8_valid(s + start, j - start)) {
		path_of(ps->stack, ps->depth, path, sizeof(path));
		return lp_error_set(ps->err, LP_EINVALID, path,
		                    "%s: not valid UTF-8", path);
	}
	*o++ = '\0';
	*str = ps->text;
	*len = (size_t)(o - ps->text - 1);
	ps->text = o;
	*i = j;
	return LP_OK;
}

/* Reads a number (JSON grammar, no leading zeros, no '+'); leaves *i on
 * its last character. */
static int read_number(parser *ps, size_t *i)
{
	const char *s = ps->json;
	size_t j = *i, n = ps->len;

#define DIGIT(k) ((k) < n && s[k] >= '0' && s[k] <= '9')
	if (s[j] == '-')
		j++;
	if (j >= n)
		return 1;
	if (s[j] == '0')
		j++;
	else if (DIGIT(j))
		while (DIGIT(j))
			j++;
	else
		return syntax(ps, j, "a malformed number");
	if (j < n && s[j] == '.') {
		if (!DIGIT(j + 1))
			return j + 1 >= n ? 1 : syntax(ps, j, "a malformed number");
		for (j++; DIGIT(j); j++)
			;
	}
	if (j < n && (s[j] == 'e' || s[j] == 'E')) {
		j++;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		if (!DIGIT(j))
			return j >= n ? 1 : syntax(ps, j, "a malformed number");
		while (DIGIT(j))
			j++;
	}
#undef DIGIT
	if (j < n && (lp_is_alnum((unsigned char)s[j]) || s[j] == '.'))
		return syntax(ps, j, "a malformed number");
	*i = j - 1;
	return LP_OK;
}

/* Reads true, false or null at *i; leaves *i on its last character. */
static int read_word(parser *ps, size_t *i, lp_jtype *type)
{
	static const struct {
		lp_word w;
		lp_jtype type;
	} words[] = {{LP_WORD("true"), LP_JTRUE}, {LP_WORD("false"), LP_JFALSE},
	             {LP_WORD("null"), LP_JNULL}};
	const char *s = ps->json + *i;
	size_t k, left = ps->len - *i;

	for (k = 0; k < 3; k++) {
		size_t wl = words[k].w.len;

		if (left < wl && memcmp(s, words[k].w.w, left) == 0)
			return 1;
		if (left >= wl && memcmp(s, words[k].w.w, wl) == 0 &&
		    (left == wl || !lp_is_alnum((unsigned char)s[wl]))) {
			*i += wl - 1;
			*type = words[k].type;
			return LP_OK;
		}
	}
	return syntax(ps, *i, (unsigned char)*s >= 0x80
	                          ? "a byte that is not valid JSON here (text "
	                            "must be in quotes)"
	                          : "expected a value");
}

/* A node for the value starting now: the next child of the open
 * container, or the root. */
static lp_jnode *add_node(parser *ps)
{
	lp_jnode *n = ps->nodes++;

	memset(n, 0, sizeof(*n));
	if (ps->depth) {
		level *top = &ps->stack[ps->depth - 1];

		n->key = top->name;
		n->key_len = top->name_len;
		*top->tail = n;
		top->tail = &n->next;
		top->node->count++;
	} else {
		ps->root = n;
	}
	return n;
}

/*
 * One pass checks the text and builds its tree: the checks are those of
 * RFC 8259 plus valid UTF-8, no \u0000 and the depth limit, and the
 * nodes and decoded strings go to the areas set up in ps. Without
 * recursion: the depth is bounded, and the open containers are ps->stack.
 */
static int parse(parser *ps)
{
	const char *json = ps->json;
	size_t i, len = ps->len;
	expect x = X_VALUE;
	int rc;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)json[i];
		level *top = ps->depth ? &ps->stack[ps->depth - 1] : NULL;
		lp_jnode *n;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (x == X_END)
			return lp_error_set(ps->err, LP_EINVALID, "",
			                    "report: unexpected text after the JSON "
			                    "value (at byte %zu)", i);
		/* The punctuation that is not a value, where it may be; a
		 * byte that fits nowhere is taken for a value below, where
		 * it gets its message. */
		switch (c) {
		case '}':
		case ']':
			if ((c == '}' ? x == X_KEY_OR_CLOSE : x == X_VALUE_OR_CLOSE) ||
			    x == X_COMMA_OR_CLOSE) {
				if (top->type != (c == '}' ? '{' : '['))
					break;
				ps->depth--;
				x = ps->depth ? X_COMMA_OR_CLOSE : X_END;
				continue;
			}
			break;
		case ',':
			if (x != X_COMMA_OR_CLOSE)
				break;
			if (top->type == '{') {
				top->expect_key = 1;
				x = X_KEY;
			} else {
				top->index++;
				x = X_VALUE;
			}
			continue;
		case ':':
			if (x != X_COLON)
				break;
			top->expect_key = 0;
			x = X_VALUE;
			continue;
		case '"':
			if (x == X_KEY || x == X_KEY_OR_CLOSE) {
				size_t start = i + 1;

				if ((rc = read_string(ps, &i, &top->name,
				                      &top->name_len)) != LP_OK)
					goto stop;
				top->key = json + start;
				top->key_len = i - start;
				x = X_COLON;
				continue;
			}
			break;
		default:
			break;
		}
		if (x != X_VALUE && x != X_VALUE_OR_CLOSE) {
			char what[80];

			snprintf(what, sizeof(what), "expected %s", expected_text[x]);
			return syntax_at(ps, i, x == X_COMMA_OR_CLOSE, what);
		}
		if ((c == '{' || c == '[') && ps->depth == LP_MAX_JSON_DEPTH)
			return lp_error_set(ps->err, LP_ELIMIT, "",
			                    "report: nested deeper than %d levels",
			                    LP_MAX_JSON_DEPTH);
		n = add_node(ps);
		if (c == '{' || c == '[') {
			level *l = &ps->stack[ps->depth++];

			memset(l, 0, sizeof(*l));
			l->type = (char)c;
			l->expect_key = c == '{';
			l->node = n;
			l->tail = &n->child;
			n->type = c == '{' ? LP_JOBJECT : LP_JARRAY;
			x = c == '{' ? X_KEY_OR_CLOSE : X_VALUE_OR_CLOSE;
			continue;
		}
		if (c == '"') {
			n->type = LP_JSTRING;
			rc = read_string(ps, &i, &n->str, &n->len);
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			n->type = LP_JNUMBER;
			n->str = json + i;
			rc = read_number(ps, &i);
			n->len = (size_t)(json + i + 1 - n->str);
		} else {
			rc = read_word(ps, &i, &n->type);
		}
		if (rc != LP_OK)
			goto stop;
		x = ps->depth ? X_COMMA_OR_CLOSE : X_END;
	}
	if (x == X_END)
		return LP_OK;
	if (x == X_VALUE && ps->depth == 0)
		return lp_error_set(ps->err, LP_EINVALID, "",
		                    "report: the input is empty");
	rc = 1;
stop:
	if (rc == 1) {
		char path[128];

		/* After a complete member, the input ends in its object. */
		if (x == X_COMMA_OR_CLOSE && ps->depth &&
		    ps->stack[ps->depth - 1].type == '{')
			ps->stack[ps->depth - 1].expect_key = 1;
		path_of(ps->stack, ps->depth, path, sizeof(path));
		return lp_error_set(ps->err, LP_EINVALID, "",
		                    "report: truncated JSON (the input ends inside %s)",
		                    path);
	}
	return rc;
}

/*
 * Decoded strings first, then nodes (aligned), last so that a count too
 * small would run off the end of the allocation, where the sanitizers and
 * valgrind look. Strings decode to no more than the text, plus a NUL each
 * (and room for the last 16-byte copy). In a complete text every value
 * but the root comes with a byte of its own and a separator or a closing
 * bracket, so there are at most len / 2 + 1 of them. A text cut short, or
 * wrong at some byte, has no more nodes than the complete text it would
 * become with at most 8 bytes to finish the value at hand (an escaped
 * surrogate pair is the longest) and one closing bracket per open level:
 * LP_MAX_JSON_DEPTH more is room enough.
 */
static size_t text_size(size_t len)
{
	size_t n = 2 * len + 17, align = sizeof(lp_jnode);

	return (n + align - 1) / align * align;
}

static size_t block_size(size_t len)
{
	return text_size(len) +
	       (len / 2 + 1 + LP_MAX_JSON_DEPTH) * sizeof(lp_jnode);
}

static int parse_into(lp_jdoc *doc, void *block, const lp_jorigin *at,
                      const char *json, size_t len, lp_error *err)
{
	parser ps;
	int rc;

	ps.json = json;
	ps.len = len;
	ps.origin.line = at ? at->line : 1;
	ps.origin.column = at ? at->column : 1;
	ps.depth = 0;
	ps.err = err;
	ps.text = block;
	ps.nodes = (lp_jnode *)(void *)((char *)block + text_size(len));
	ps.root = NULL;
	rc = parse(&ps);
	if (rc == LP_OK)
		doc->root = ps.root;
	return rc;
}

static int out_of_memory(lp_error *err)
{
	return lp_error_set(err, LP_ENOMEM, "", "report: out of memory");
}

int lp_jdoc_parse(lp_jdoc *doc, const char *json, size_t len, lp_error *err)
{
	int rc;

	doc->root = NULL;
	doc->block = lp_malloc(block_size(len));
	if (!doc->block)
		return out_of_memory(err);
	if ((rc = parse_into(doc, doc->block, NULL, json, len, err)) != LP_OK)
		lp_jdoc_free(doc);
	return rc;
}

int lp_jdoc_parse_in(lp_jdoc *doc, const char *json, size_t len,
                     void **block, size_t *cap, const lp_jorigin *at,
                     lp_error *err)
{
	size_t need = block_size(len);

	doc->root = NULL;
	doc->block = NULL;
	if (need > *cap) {
		/* Nothing in the old block is kept: free it first. */
		lp_free(*block);
		*cap = 0;
		if (!(*block = lp_malloc(need)))
			return out_of_memory(err);
		*cap = need;
	}
	return parse_into(doc, *block, at, json, len, err);
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
