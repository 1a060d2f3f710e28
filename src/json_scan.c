#include "json_scan.h"

#include <stdio.h>
#include <string.h>

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

int lp_json_prescan(lp_json_scan *out, const char *json, size_t len,
                    lp_error *err)
{
	level stack[LP_MAX_JSON_DEPTH];
	size_t depth = 0, i, str_start = 0;
	int in_string = 0, str_is_key = 0;
	char path[128];

	memset(out, 0, sizeof(*out));
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)json[i];
		level *top = depth ? &stack[depth - 1] : NULL;

		if (in_string) {
			if (c == '\\') {
				if (i + 5 < len && json[i + 1] == 'u' &&
				    memcmp(json + i + 2, "0000", 4) == 0) {
					path_of(stack, depth, path, sizeof(path));
					return lp_error_set(err, LP_EINVALID, path,
					                    "%s: holds \\u0000 (text may not "
					                    "contain U+0000)", path);
				}
				i++;
				continue;
			}
			if (c != '"')
				continue;
			in_string = 0;
			if (!lp_utf8_valid(json + str_start, i - str_start)) {
				path_of(stack, depth, path, sizeof(path));
				return lp_error_set(err, LP_EINVALID, path,
				                    "%s: not valid UTF-8", path);
			}
			if (str_is_key) {
				top->key = json + str_start;
				top->key_len = i - str_start;
			}
			continue;
		}
		switch (c) {
		case '"':
			in_string = 1;
			str_start = i + 1;
			str_is_key = top && top->type == '{' && top->expect_key;
			break;
		case '{':
		case '[':
			if (depth == LP_MAX_JSON_DEPTH)
				return lp_error_set(err, LP_ELIMIT, "",
				                    "report: nested deeper than %d levels",
				                    LP_MAX_JSON_DEPTH);
			memset(&stack[depth], 0, sizeof(stack[depth]));
			stack[depth].type = (char)c;
			stack[depth++].expect_key = c == '{';
			break;
		case '}':
		case ']':
			if (depth)
				depth--;
			break;
		case ',':
			if (top && top->type == '{')
				top->expect_key = 1;
			else if (top)
				top->index++;
			break;
		case ':':
			if (top)
				top->expect_key = 0;
			break;
		default:
			if (c >= 0x80 || c == 0)
				return lp_error_set(err, LP_EINVALID, "",
				                    "report: a byte 0x%02x outside any string "
				                    "(not valid JSON text)", c);
			/* The raw digits of the top-level id, to echo it exactly. */
			if (depth == 1 && top->type == '{' && !top->expect_key &&
			    !out->id_token && top->key_len == 2 &&
			    memcmp(top->key, "id", 2) == 0 &&
			    (c == '-' || (c >= '0' && c <= '9'))) {
				size_t j = i;

				while (j < len && strchr("0123456789+-.eE", json[j]) &&
				       json[j])
					j++;
				out->id_token = json + i;
				out->id_len = j - i;
				i = j - 1;
			}
			break;
		}
	}
	out->truncated = in_string || depth > 0;
	return LP_OK;
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
