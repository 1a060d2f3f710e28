/*
 * keyword.c - the policy-defined keyword detector (see keyword.h). Only
 * ASCII classes and case are used, never <ctype.h>: a match must not
 * depend on the locale the host process happens to run in.
 */
#include "keyword.h"

#include <string.h>

#include "scan_util.h"

static int is_word_byte(unsigned char c)
{
	/* Bytes of multi-byte UTF-8 count as letters: "café" is one word. */
	return lp_is_alnum(c) || c == '_' || c >= 0x80;
}

/* Length of the keyword matching at s[i], or 0. */
static size_t match_at(const char *s, size_t len, size_t i, const char *kw)
{
	size_t k;

	if (!kw[0])
		return 0; /* an empty keyword matches nothing */
	for (k = 0; kw[k]; k++) {
		if (i + k >= len ||
		    lp_to_lower((unsigned char)s[i + k]) != (unsigned char)kw[k])
			return 0;
	}
	if (i + k < len && is_word_byte((unsigned char)s[i + k]) &&
	    is_word_byte((unsigned char)kw[k - 1]))
		return 0;
	return k;
}

/* The longest keyword that starts a word at s[i] and ends by len, or 0. */
static size_t longest_at(const char *s, size_t len, size_t i,
                         char *const *keywords, size_t n)
{
	size_t best = 0, k;

	if (i > 0 && is_word_byte((unsigned char)s[i - 1]) &&
	    is_word_byte((unsigned char)s[i]))
		return 0;
	for (k = 0; k < n; k++) {
		size_t m = match_at(s, len, i, keywords[k]);

		if (m > best)
			best = m;
	}
	return best;
}

int lp_keyword_near(const lp_text *text, char *const *keywords, size_t n,
                    size_t from, size_t to)
{
	size_t i;

	if (to > text->len)
		to = text->len;
	for (i = from; i < to; i++)
		if (longest_at(text->s, to, i, keywords, n))
			return 1;
	return 0;
}

/* keyword is a prefix of s[i..len), ignoring ASCII case. */
static int prefix_at(const char *s, size_t len, size_t i, const char *kw)
{
	size_t k;

	for (k = 0; kw[k]; k++) {
		if (i + k >= len ||
		    lp_to_lower((unsigned char)s[i + k]) != (unsigned char)kw[k])
			return 0;
	}
	return k > 0;
}

int lp_keyword_may_occur(const lp_text *text, char *const *keywords,
                         size_t n)
{
	const char *s = text->s;
	size_t len = text->len, i, k;
	int letters = 1;

	for (k = 0; k < n; k++)
		letters &= lp_is_alpha((unsigned char)keywords[k][0]);
	if (!letters) {
		for (i = 0; i < len; i++) {
			if (i > 0 && is_word_byte((unsigned char)s[i - 1]) &&
			    is_word_byte((unsigned char)s[i]))
				continue;
			for (k = 0; k < n; k++) {
				if (prefix_at(s, len, i, keywords[k]))
					return 1;
			}
		}
		return 0;
	}
	/* A keyword that begins with a letter begins after a byte that is
	 * not one: only the first letters of words need be tried. */
	for (i = lp_text_next(text, LP_IN(LP_SET_WORD), 0); i < len;
	     i = lp_text_next(text, LP_IN(LP_SET_WORD), i + 1)) {
		unsigned char c = (unsigned char)lp_to_lower((unsigned char)s[i]);

		for (k = 0; k < n; k++) {
			if ((unsigned char)keywords[k][0] == c &&
			    prefix_at(s, len, i, keywords[k]))
				return 1;
		}
	}
	return 0;
}

int lp_keyword_digest(char *const *keywords, size_t n, lp_word_digest *out)
{
	size_t k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < n; k++) {
		const unsigned char *w = (const unsigned char *)keywords[k];
		unsigned h;

		if (!lp_is_alpha(w[0]) || !w[1] || !w[2]) {
			memset(out, 0, sizeof(*out));
			return 0;
		}
		h = lp_word_triple(w[0], w[1], w[2]);
		out->bits[h >> 6] |= (uint64_t)1 << (h & 63);
		out->initials |= (uint32_t)1 << (lp_to_lower(w[0]) - 'a');
	}
	return n > 0;
}

void lp_text_word_digest(const lp_text *text, uint32_t initials,
                         lp_word_digest *out)
{
	const uint64_t *word = text->sets + LP_SET_WORD * text->words;
	const unsigned char *s = (const unsigned char *)text->s;
	size_t k, len = text->len;

	memset(out, 0, sizeof(*out));
	out->initials = initials;
	for (k = 0; k < text->words; k++) {
		uint64_t m;

		for (m = word[k]; m; m &= m - 1) {
			size_t i = 64 * k + lp_ctz64(m);
			unsigned h;

			/* A letter: (c | 0x20) - 'a' is its index. */
			if (!(initials >> (((unsigned)s[i] | 0x20u) - 'a') & 1))
				continue;
			/* s[len] is the NUL: the second byte is at most that. */
			h = lp_word_triple(s[i], s[i + 1],
			                   i + 2 <= len ? s[i + 2] : 0);
			out->bits[h >> 6] |= (uint64_t)1 << (h & 63);
		}
	}
}

int lp_keyword_detect(const lp_text *text, char *const *keywords, size_t n,
                      lp_spans *out)
{
	const char *s = text->s;
	size_t i = 0;

	while (i < text->len) {
		size_t best = longest_at(s, text->len, i, keywords, n);

		if (best) {
			if (lp_spans_push(out, i, i + best) != 0)
				return -1;
			i += best;
		} else {
			i++;
		}
	}
	return 0;
}

void lp_keyword_fold(char *s)
{
	for (; *s; s++)
		*s = (char)lp_to_lower((unsigned char)*s);
}
