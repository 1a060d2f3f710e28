/*
 * mask.c - masked excerpts of matches for the evidence of a decision.
 *
 * The excerpt tells a reviewer what kind of thing was found and where its
 * parts are (a house number, a street, a city; the shape of a phone
 * number) without repeating the private information into moderation logs.
 * One bullet per hidden code point, so the excerpt keeps the length of the
 * original in characters. Digits of every script (full-width, Arabic-Indic,
 * superscript, circled...) are always hidden; only a letter may be kept,
 * and only as the first character of a word. The one exception is the
 * leading house number of the ADDRESS style.
 */
#include "mask.h"

#include <stdint.h>

#include "alloc.h"
#include "scan_util.h"
#include "unicode.h"

/*
 * C_LETTER: a letter, which may be kept as the first of a word.
 * C_DIGIT: a digit of any script, or anything else that must never be
 * shown (private-use characters, malformed bytes).
 * C_SPACE and C_OTHER (punctuation, symbols): the shape, kept.
 * alnum_run relies on C_LETTER and C_DIGIT being the two smallest.
 */
enum cls { C_LETTER, C_DIGIT, C_SPACE, C_OTHER };

/* Characters that stand for numbers without being decimal digits, and
 * enclosed letters: superscripts and subscripts, fractions, Roman
 * numerals, circled and parenthesised numbers, letters and ideographs. */
static int is_number_form(uint32_t cp)
{
	return cp == 0xB2 || cp == 0xB3 || cp == 0xB9 ||
	       (cp >= 0xBC && cp <= 0xBE) ||
	       (cp >= 0x2070 && cp <= 0x209F) || /* super- and subscripts */
	       (cp >= 0x2150 && cp <= 0x218F) || /* number forms */
	       (cp >= 0x2460 && cp <= 0x24FF) || /* enclosed alphanumerics */
	       (cp >= 0x2776 && cp <= 0x2793) || /* dingbat circled digits */
	       cp == 0x3007 || (cp >= 0x3021 && cp <= 0x3029) ||
	       (cp >= 0x3038 && cp <= 0x303A) || /* Hangzhou numerals */
	       (cp >= 0x3220 && cp <= 0x325F) || /* parenthesised, circled */
	       (cp >= 0x3280 && cp <= 0x32BF) ||
	       (cp >= 0x1F100 && cp <= 0x1F1FF); /* enclosed supplement */
}

/* The code point at s[i]; *n gets its length. *bad is set when the bytes
 * are not one well-formed character (a stray byte, an overlong form, a
 * surrogate, past U+10FFFF): such bytes are never copied to the excerpt. */
static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *n,
		      int *bad)
{
	uint32_t cp = lp_cp_at(s, len, i, n);
	size_t want = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;

	*bad = *n != want || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF;
	return cp;
}

static enum cls classify(const char *s, size_t len, size_t i, size_t *n)
{
	int bad;
	uint32_t cp = (unsigned char)s[i];

	/* An ASCII byte is one well-formed character: no decoding. */
	if (cp < 0x80)
		*n = 1;
	else if ((cp = cp_at(s, len, i, n, &bad)), bad)
		return C_DIGIT;
	if (cp < 0x80) {
		if (lp_is_alpha((int)cp))
			return C_LETTER;
		if (lp_is_digit((int)cp))
			return C_DIGIT;
		if (lp_is_space((int)cp))
			return C_SPACE;
		return C_OTHER;
	}
	if (lp_cp_decimal_value(cp) >= 0 || is_number_form(cp))
		return C_DIGIT;
	if (lp_cp_is_space_sep(cp))
		return C_SPACE;
	if (cp >= 0xE000 && cp <= 0xF8FF)
		return C_DIGIT; /* private use: unknown, so hidden */
	if (cp >= 0x2100 && cp <= 0x214F)
		return C_LETTER; /* letterlike symbols: the H of "ℍ𝕖𝕝𝕝𝕠" */
	return lp_cp_is_letter(cp) ? C_LETTER : C_OTHER;
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

/* WORDS from i on: a word is a run of letters and digits (of any script);
 * its first character is kept when it is a letter, the rest of it hidden
 * ("Apt 4B" -> "A•• ••"); everything else is kept. */
static void mask_words(struct out *o, const char *s, size_t len, size_t i)
{
	int in_word = 0;
	size_t n;

	while (i < len) {
		enum cls c = classify(s, len, i, &n);

		if (c == C_LETTER || c == C_DIGIT) {
			if (!in_word && c == C_LETTER)
				put_bytes(o, s + i, n);
			else
				put_bullet(o);
			in_word = 1;
		} else {
			put_bytes(o, s + i, n);
			in_word = 0;
		}
		i += n;
	}
}

/* The value of the decimal digit (of any script) at s[i], or -1. */
static int decimal_at(const char *s, size_t len, size_t i, size_t *n)
{
	int bad;
	uint32_t cp = cp_at(s, len, i, n, &bad);

	return bad ? -1 : lp_cp_decimal_value(cp);
}

/* The length of a leading house number (decimal digits of any script, as
 * in 1428 or １４２８, and at most one Latin letter, as
 * in 221B) followed by neither a letter nor a digit, or 0. */
static size_t house_number(const char *s, size_t len)
{
	size_t i = 0, n;
	int bad;
	uint32_t cp;

	while (i < len && decimal_at(s, len, i, &n) >= 0)
		i += n;
	if (i == 0)
		return 0;
	if (i < len) {
		cp = cp_at(s, len, i, &n, &bad);
		if (!bad && (lp_is_alpha((int)cp) ||
			     (cp >= 0xFF21 && cp <= 0xFF3A) ||
			     (cp >= 0xFF41 && cp <= 0xFF5A)))
			i += n; /* ASCII or full-width Latin letter */
	}
	if (i < len && classify(s, len, i, &n) <= C_DIGIT)
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

/* Writes the run s[i..e) with every character hidden, except the first
 * when keep_first is set and it is a letter. */
static void mask_run(struct out *o, const char *s, size_t len, size_t i,
		     size_t e, int keep_first)
{
	size_t n;

	for (; i < e; i += n) {
		if (classify(s, len, i, &n) == C_LETTER && keep_first)
			put_bytes(o, s + i, n);
		else
			put_bullet(o);
		keep_first = 0;
	}
}

/* EMAIL: "jane.doe@example.com" -> "j•••••••@e••••••.com". The first
 * character of the local part and of the domain when it is a letter, the
 * '@', the dots (and the words "at"/"dot" of an obfuscated address) and the
 * letters of the last label stay; digits never do. */
static void mask_email(struct out *o, const char *s, size_t len)
{
	size_t at, at_len, i, n, r, last = len, first_dom, loc_end = 0;
	int first = 1;

	if (!find_at(s, len, &at, &at_len)) {
		mask_words(o, s, len, 0);
		return;
	}
	/* Local part: everything from its first letter or digit up to its
	 * last one (what follows is " [" of "[at]") is hidden, but the first
	 * character when it is a letter. */
	for (i = 0; i < at; i += n) {
		if (classify(s, at, i, &n) <= C_DIGIT)
			loc_end = i + n;
	}
	for (i = 0; i < at; i += n) {
		enum cls c = classify(s, at, i, &n);

		if (i >= loc_end || c == C_SPACE || (first && c == C_OTHER)) {
			put_bytes(o, s + i, n);
		} else {
			mask_run(o, s, at, i, i + n, first);
			first = 0;
		}
	}
	put_bytes(o, s + at, at_len);
	/* The last alphanumeric run of the domain is the TLD. */
	first_dom = at + at_len;
	for (i = first_dom; i < len; i += n) {
		if (classify(s, len, i, &n) > C_DIGIT)
			continue;
		r = alnum_run(s, len, i);
		if (!marker_word(s, len, i, r, "dot"))
			last = i;
		n = r;
	}
	first = 1;
	for (i = first_dom; i < len; i += n) {
		if (classify(s, len, i, &n) > C_DIGIT) {
			put_bytes(o, s + i, n);
			continue;
		}
		n = alnum_run(s, len, i);
		if (marker_word(s, len, i, n, "dot")) {
			put_bytes(o, s + i, n);
		} else if (i == last && !first) {
			/* The TLD: its letters stay, its digits (the end of an
			 * IP address) are hidden. */
			size_t e = i + n, j, m;

			for (j = i; j < e; j += m) {
				if (classify(s, len, j, &m) == C_LETTER)
					put_bytes(o, s + j, m);
				else
					put_bullet(o);
			}
		} else {
			mask_run(o, s, len, i, i + n, first);
			first = 0;
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
