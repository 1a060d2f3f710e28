/*
 * mask.c - masked excerpts of matches for the evidence of a decision.
 *
 * The excerpt tells a reviewer what kind of thing was found and where its
 * parts are (a house number, a street, a city; the shape of a phone
 * number) without repeating the private information into moderation logs.
 * Every non-ASCII code point counts as a letter: one bullet per hidden code
 * point, so the excerpt keeps the length of the original in characters.
 */
#include "mask.h"

#include <stdint.h>

#include "alloc.h"
#include "scan_util.h"

enum cls { C_LETTER, C_DIGIT, C_SPACE, C_OTHER };

static enum cls classify(const char *s, size_t len, size_t i, size_t *n)
{
	uint32_t cp = lp_cp_at(s, len, i, n);

	if (cp >= 0x80 || lp_is_alpha((int)cp))
		return C_LETTER;
	if (lp_is_digit((int)cp))
		return C_DIGIT;
	if (lp_is_space((int)cp))
		return C_SPACE;
	return C_OTHER;
}

struct out {
	char *p;
};

static void put_bytes(struct out *o, const char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		*o->p++ = s[k];
}

static void put_bullet(struct out *o)
{
	put_bytes(o, LP_MASK_CHAR, sizeof(LP_MASK_CHAR) - 1);
}

/* WORDS from i on: the first letter of each run of letters is kept, the
 * rest of the run and every digit hidden, everything else kept. */
static void mask_words(struct out *o, const char *s, size_t len, size_t i)
{
	int in_run = 0;
	size_t n;

	while (i < len) {
		enum cls c = classify(s, len, i, &n);

		if (c == C_LETTER) {
			if (in_run)
				put_bullet(o);
			else
				put_bytes(o, s + i, n);
			in_run = 1;
		} else if (c == C_DIGIT) {
			put_bullet(o);
			in_run = 0;
		} else {
			put_bytes(o, s + i, n);
			in_run = 0;
		}
		i += n;
	}
}

/* The length of a leading house number (digits and at most one letter,
 * as in 221B) followed by a non-alphanumeric, or 0. */
static size_t house_number(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && lp_is_digit((unsigned char)s[i]))
		i++;
	if (i == 0)
		return 0;
	if (i < len && lp_is_alpha((unsigned char)s[i]))
		i++;
	if (i < len && (lp_is_alnum((unsigned char)s[i]) ||
			(unsigned char)s[i] >= 0x80))
		return 0;
	return i;
}

static void mask_digits(struct out *o, const char *s, size_t len)
{
	size_t i = 0, n;

	while (i < len) {
		enum cls c = classify(s, len, i, &n);

		if (c == C_LETTER || c == C_DIGIT)
			put_bullet(o);
		else
			put_bytes(o, s + i, n);
		i += n;
	}
}

/* The alphanumeric run at i is exactly the word w (a marker of an
 * obfuscated address such as "at" or "dot"). */
static int marker_word(const char *s, size_t len, size_t i, size_t runlen,
		       const char *w)
{
	size_t k;

	for (k = 0; w[k]; k++) {
		if (k >= runlen || i + k >= len ||
		    lp_to_lower((unsigned char)s[i + k]) != w[k])
			return 0;
	}
	return k == runlen;
}

static size_t alnum_run(const char *s, size_t len, size_t i)
{
	size_t e = i, n;

	while (e < len && classify(s, len, e, &n) <= C_DIGIT)
		e += n;
	return e - i;
}

/* Finds the separator between local part and domain: '@', else the first
 * word "at" after the first character. Returns its offset and length. */
static int find_at(const char *s, size_t len, size_t *at, size_t *at_len)
{
	size_t i, n, r;

	for (i = 0; i < len; i++) {
		if (s[i] == '@') {
			*at = i;
			*at_len = 1;
			return 1;
		}
	}
	for (i = 0; i < len;) {
		if (classify(s, len, i, &n) > C_DIGIT) {
			i += n;
			continue;
		}
		r = alnum_run(s, len, i);
		if (i > 0 && marker_word(s, len, i, r, "at")) {
			*at = i;
			*at_len = r;
			return 1;
		}
		i += r;
	}
	return 0;
}

/* EMAIL: "jane.doe@example.com" -> "j•••••••@e••••••.com". The first
 * character of the local part and of the domain, the '@', the dots (and
 * the words "at"/"dot" of an obfuscated address) and the last label stay. */
static void mask_email(struct out *o, const char *s, size_t len)
{
	size_t at, at_len, i, n, last = len, first_dom, loc_end = 0;
	int kept = 0;

	if (!find_at(s, len, &at, &at_len)) {
		mask_words(o, s, len, 0);
		return;
	}
	/* Local part: everything but its first character is hidden, up to
	 * its last letter or digit (what follows is " [" of "[at]"). */
	for (i = 0; i < at; i += n) {
		if (classify(s, at, i, &n) <= C_DIGIT)
			loc_end = i + n;
	}
	for (i = 0; i < at; i += n) {
		enum cls c = classify(s, at, i, &n);

		if (i >= loc_end || c == C_SPACE ||
		    (!kept && c != C_LETTER && c != C_DIGIT)) {
			put_bytes(o, s + i, n);
		} else if (!kept) {
			put_bytes(o, s + i, n);
			kept = 1;
		} else {
			put_bullet(o);
		}
	}
	put_bytes(o, s + at, at_len);
	/* The last alphanumeric run of the domain is the TLD. */
	first_dom = at + at_len;
	for (i = first_dom; i < len; i += n) {
		size_t r;

		if (classify(s, len, i, &n) > C_DIGIT)
			continue;
		r = alnum_run(s, len, i);
		if (!marker_word(s, len, i, r, "dot"))
			last = i;
		n = r;
	}
	kept = 0;
	for (i = first_dom; i < len; i += n) {
		enum cls c = classify(s, len, i, &n);
		size_t r;

		if (c > C_DIGIT) {
			put_bytes(o, s + i, n);
			continue;
		}
		r = alnum_run(s, len, i);
		if (i == last && kept) {
			put_bytes(o, s + i, r);
			n = r;
			continue;
		}
		if (marker_word(s, len, i, r, "dot")) {
			put_bytes(o, s + i, r);
			n = r;
			continue;
		}
		/* Hide the run but its first character if it is the first of
		 * the domain. */
		{
			size_t e = i + r, m;

			while (i < e) {
				lp_cp_at(s, len, i, &m);
				if (!kept) {
					put_bytes(o, s + i, m);
					kept = 1;
				} else {
					put_bullet(o);
				}
				i += m;
			}
			n = 0;
		}
	}
}

int lp_mask(char **out, const char *src, size_t len, lp_mask_style style)
{
	struct out o;
	char *buf;
	size_t h;

	*out = NULL;
	/* A byte becomes at most one bullet of three bytes. */
	if (len > (SIZE_MAX - 1) / 3)
		return -1;
	buf = lp_malloc(len * 3 + 1);
	if (!buf)
		return -1;
	o.p = buf;
	switch (style) {
	case LP_MASK_ADDRESS:
		h = house_number(src, len);
		put_bytes(&o, src, h);
		mask_words(&o, src, len, h);
		break;
	case LP_MASK_DIGITS:
		mask_digits(&o, src, len);
		break;
	case LP_MASK_EMAIL:
		mask_email(&o, src, len);
		break;
	case LP_MASK_WORDS:
	default:
		mask_words(&o, src, len, 0);
		break;
	}
	*o.p = '\0';
	*out = buf;
	return 0;
}
