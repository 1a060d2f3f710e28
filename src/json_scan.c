#include "json_scan.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ascii.h"
#include "buf.h"
#include "json_doc.h"
#include "report.h"

typedef struct level {
	char type;          /* '{' or '[' */
	int expect_key;     /* object: the next string is a key */
	const char *key;    /* object: the current member's key */
	size_t key_len;
	size_t index;       /* array: the current element */
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

typedef struct scanner {
	const char *json;
	size_t len;
	level stack[LP_MAX_JSON_DEPTH];
	size_t depth;
	lp_error *err;
} scanner;

/* "line 1, column 12 (in content.media[0])", counting characters; "after"
 * when the error follows a complete member. */
static void where(const scanner *sc, size_t at, int after, char *out,
                  size_t size)
{
	size_t i, line = 1, col = 1;
	char path[128];

	for (i = 0; i < at && i < sc->len; i++) {
		if (sc->json[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)sc->json[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	path_of(sc->stack, sc->depth, path, sizeof(path));
	snprintf(out, size, "line %zu, column %zu%s%s%s", line, col,
	         !sc->depth ? "" : after ? " (after " : " (in ",
	         sc->depth ? path : "", sc->depth ? ")" : "");
}

static int syntax_at(const scanner *sc, size_t at, int after,
                     const char *what)
{
	char place[200];

	where(sc, at, after, place, sizeof(place));
	return lp_error_set(sc->err, LP_EINVALID, "",
	                    "report: invalid JSON at %s: %s", place, what);
}

static int syntax(const scanner *sc, size_t at, const char *what)
{
	return syntax_at(sc, at, 0, what);
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

/* Scans the string whose opening quote is at *i; leaves *i on the closing
 * quote. Returns LP_OK, an error, or 1 when the input ends inside it. */
static int scan_string(scanner *sc, size_t *i)
{
	const char *s = sc->json;
	size_t j = *i + 1, start = j;
	char path[128];
	int high = 0; /* a byte >= 0x80: the string needs a UTF-8 check */

	for (; j < sc->len; j++) {
		unsigned char c;
		unsigned u, lo;

		/* Bytes >= 0x80 among the plain ones ask for the UTF-8
		 * check. */
		while (j + 16 <= sc->len) {
			size_t k = lp_json_plain16(s + j, &high);

			j += k;
			if (k < 16)
				break;
		}
		if (j >= sc->len)
			break;
		c = (unsigned char)s[j];
		if (c == '"')
			break;
		high |= c >= 0x80;
		if (c < 0x20)
			return syntax(sc, j, "a control character inside a string "
			                     "(write it as an escape such as \\n)");
		if (c != '\\')
			continue;
		if (++j >= sc->len)
			return 1;
		/* s[j] may be a NUL byte, which strchr would find. */
		if (s[j] && strchr("\"\\/bfnrt", s[j]))
			continue;
		if (s[j] != 'u')
			return syntax(sc, j - 1, "an invalid escape in a string");
		if (j + 4 >= sc->len)
			return 1;
		if (hex4(s + j + 1, &u) != 0)
			return syntax(sc, j - 1, "\\u needs four hexadecimal digits");
		if (u == 0) {
			path_of(sc->stack, sc->depth, path, sizeof(path));
			return lp_error_set(sc->err, LP_EINVALID, path,
			                    "%s: holds \\u0000 (text may not contain "
			                    "U+0000)", path);
		}
		j += 4;
		if (u >= 0xDC00 && u <= 0xDFFF)
			return syntax(sc, j - 5, "a lone low surrogate (\\udc00-\\udfff)");
		if (u >= 0xD800 && u <= 0xDBFF) {
			/* Truncated only if what is there could still be "\\uDCxx". */
			int bad = (j + 1 < sc->len && s[j + 1] != '\\') ||
			          (j + 2 < sc->len && s[j + 2] != 'u');

			if (!bad && j + 6 >= sc->len)
				return 1;
			if (bad || hex4(s + j + 3, &lo) != 0 || lo < 0xDC00 ||
			    lo > 0xDFFF)
				return syntax(sc, j - 5, "a high surrogate not followed "
				                         "by a low surrogate");
			j += 6;
		}
	}
	if (j >= sc->len)
		return 1;
	/* Bytes below 0x80 (and not NUL, a control character) are valid
	 * UTF-8 whatever their order: only a string with others is checked. */
	if (high && !lp_utf8_valid(s + start, j - start)) {
		path_of(sc->stack, sc->depth, path, sizeof(path));
		return lp_error_set(sc->err, LP_EINVALID, path,
		                    "%s: not valid UTF-8", path);
	}
	*i = j;
	return LP_OK;
}

/* Scans a number (JSON grammar, no leading zeros, no '+'); leaves *i on
 * its last character. */
static int scan_number(scanner *sc, size_t *i)
{
	const char *s = sc->json;
	size_t j = *i, n = sc->len;

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
		return syntax(sc, j, "a malformed number");
	if (j < n && s[j] == '.') {
		if (!DIGIT(j + 1))
			return j + 1 >= n ? 1 : syntax(sc, j, "a malformed number");
		for (j++; DIGIT(j); j++)
			;
	}
	if (j < n && (s[j] == 'e' || s[j] == 'E')) {
		j++;
		if (j < n && (s[j] == '+' || s[j] == '-'))
			j++;
		if (!DIGIT(j))
			return j >= n ? 1 : syntax(sc, j, "a malformed number");
		while (DIGIT(j))
			j++;
	}
#undef DIGIT
	if (j < n && (lp_is_alnum((unsigned char)s[j]) || s[j] == '.'))
		return syntax(sc, j, "a malformed number");
	*i = j - 1;
	return LP_OK;
}

int lp_json_prescan(lp_json_scan *out, const char *json, size_t len,
                    lp_error *err)
{
	scanner sc;
	expect x = X_VALUE;
	size_t i;
	int rc;

	memset(out, 0, sizeof(*out));
	sc.json = json;
	sc.len = len;
	sc.depth = 0;
	sc.err = err;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)json[i];
		level *top = sc.depth ? &sc.stack[sc.depth - 1] : NULL;
		int value_start = x == X_VALUE || x == X_VALUE_OR_CLOSE;

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (x == X_END)
			return lp_error_set(err, LP_EINVALID, "",
			                    "report: unexpected text after the JSON "
			                    "value (at byte %zu)", i);
		if ((c == '}' && (x == X_KEY_OR_CLOSE || x == X_COMMA_OR_CLOSE) &&
		     top->type == '{') ||
		    (c == ']' && (x == X_VALUE_OR_CLOSE || x == X_COMMA_OR_CLOSE) &&
		     top->type == '[')) {
			sc.depth--;
			x = sc.depth ? X_COMMA_OR_CLOSE : X_END;
			continue;
		}
		if (c == ',' && x == X_COMMA_OR_CLOSE) {
			if (top->type == '{') {
				top->expect_key = 1;
				x = X_KEY;
			} else {
				top->index++;
				x = X_VALUE;
			}
			continue;
		}
		if (c == ':' && x == X_COLON) {
			top->expect_key = 0;
			x = X_VALUE;
			continue;
		}
		if (c == '"' && (x == X_KEY || x == X_KEY_OR_CLOSE)) {
			size_t start = i + 1;

			if ((rc = scan_string(&sc, &i)) != LP_OK)
				goto stop;
			top->key = json + start;
			top->key_len = i - start;
			x = X_COLON;
			continue;
		}
		if (!value_start) {
			char what[80];

			snprintf(what, sizeof(what), "expected %s", expected_text[x]);
			return syntax_at(&sc, i, x == X_COMMA_OR_CLOSE, what);
		}
		out->values++;
		if (c == '{' || c == '[') {
			if (sc.depth == LP_MAX_JSON_DEPTH)
				return lp_error_set(err, LP_ELIMIT, "",
				                    "report: nested deeper than %d levels",
				                    LP_MAX_JSON_DEPTH);
			memset(&sc.stack[sc.depth], 0, sizeof(sc.stack[0]));
			sc.stack[sc.depth].type = (char)c;
			sc.stack[sc.depth++].expect_key = c == '{';
			x = c == '{' ? X_KEY_OR_CLOSE : X_VALUE_OR_CLOSE;
			continue;
		}
		if (c == '"') {
			rc = scan_string(&sc, &i);
		} else if (c == '-' || (c >= '0' && c <= '9')) {
			rc = scan_number(&sc, &i);
		} else {
			static const char *const words[] = {"true", "false", "null"};
			size_t k, wl;

			rc = -1;
			for (k = 0; k < 3; k++) {
				wl = strlen(words[k]);
				if (len - i < wl && memcmp(json + i, words[k], len - i) == 0) {
					rc = 1;
					break;
				}
				if (len - i >= wl && memcmp(json + i, words[k], wl) == 0 &&
				    (len - i == wl || !lp_is_alnum((unsigned char)json[i + wl]))) {
					i += wl - 1;
					rc = LP_OK;
					break;
				}
			}
			if (rc < 0)
				return syntax(&sc, i, c >= 0x80 ? "a byte that is not valid "
				                                  "JSON here (text must be "
				                                  "in quotes)"
				                                : "expected a value");
		}
		if (rc != LP_OK)
			goto stop;
		x = sc.depth ? X_COMMA_OR_CLOSE : X_END;
	}
	if (x == X_END)
		return LP_OK;
	if (x == X_VALUE && sc.depth == 0)
		return lp_error_set(err, LP_EINVALID, "", "report: the input is empty");
	rc = 1;
stop:
	if (rc == 1) {
		char path[128];

		/* After a complete member, the input ends in its object. */
		if (x == X_COMMA_OR_CLOSE && sc.depth &&
		    sc.stack[sc.depth - 1].type == '{')
			sc.stack[sc.depth - 1].expect_key = 1;
		out->truncated = 1;
		path_of(sc.stack, sc.depth, path, sizeof(path));
		return lp_error_set(err, LP_EINVALID, "",
		                    "report: truncated JSON (the input ends inside %s)",
		                    path);
	}
	return rc;
}

const char *lp_json_value_end(const char *s, const char *end)
{
	size_t depth = 0;
	int in_string = 0;

	if (s < end && *s != '{' && *s != '[' && *s != '"') {
		while (s < end && !strchr(",]}\n\r\t ", *s))
			s++;
		return s;
	}
	for (; s < end; s++) {
		if (in_string) {
			if (*s == '\\')
				s++;
			else if (*s == '"')
				in_string = 0;
			if (!in_string && depth == 0)
				return s + 1;
			continue;
		}
		if (*s == '"')
			in_string = 1;
		else if (*s == '{' || *s == '[')
			depth++;
		else if ((*s == '}' || *s == ']') && --depth == 0)
			return s + 1;
	}
	return NULL;
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return s;
}

/* Whether the key token [k - 1, kend) (quotes included) is key: written
 * plainly, or with escapes ("i\u0064" is "id"). */
static int key_is(const char *k, const char *kend, const char *key,
                  size_t klen)
{
	lp_json_scan scan;
	lp_jdoc doc;
	int same;

	if (!memchr(k, '\\', (size_t)(kend - k)))
		return (size_t)(kend - 1 - k) == klen && memcmp(k, key, klen) == 0;
	if (lp_json_prescan(&scan, k - 1, (size_t)(kend - k + 1), NULL) != LP_OK ||
	    lp_jdoc_parse(&doc, k - 1, (size_t)(kend - k + 1), scan.values) != 0)
		return 0;
	same = doc.root->len == klen && memcmp(doc.root->str, key, klen) == 0;
	lp_jdoc_free(&doc);
	return same;
}

const char *lp_json_find_member(const char *json, size_t len, const char *key,
                                size_t *vlen)
{
	const char *s = json, *end = json + len;
	size_t klen = strlen(key);

	s = skip_space(s, end);
	if (s >= end || *s != '{')
		return NULL;
	for (s++;;) {
		const char *k, *kend, *v, *vend;

		s = skip_space(s, end);
		if (s >= end || *s != '"')
			return NULL;
		k = s + 1;
		kend = lp_json_value_end(s, end);
		if (!kend)
			return NULL;
		s = skip_space(kend, end);
		if (s >= end || *s != ':')
			return NULL;
		v = skip_space(s + 1, end);
		/* Nested values are skipped by depth alone, however deep. */
		vend = v < end ? lp_json_value_end(v, end) : NULL;
		if (key_is(k, kend, key, klen)) {
			if (!vend)
				return NULL;
			*vlen = (size_t)(vend - v);
			return v;
		}
		if (!vend)
			return NULL;
		s = skip_space(vend, end);
		if (s >= end || *s != ',')
			return NULL;
		s++;
	}
}
