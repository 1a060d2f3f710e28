#include "json_scan.h"

#include <string.h>

#include "json_doc.h"

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
	lp_jdoc doc;
	int same;

	if (!memchr(k, '\\', (size_t)(kend - k)))
		return (size_t)(kend - 1 - k) == klen && memcmp(k, key, klen) == 0;
	if (lp_jdoc_parse(&doc, k - 1, (size_t)(kend - k + 1), NULL) != LP_OK)
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
