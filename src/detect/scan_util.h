/*
 * scan_util.h - character classes and boundary tests shared by the
 * built-in detectors.
 *
 * Every detector is a hand-written scanner over the normalised text. What
 * makes them precise is mostly the same few questions: is this digit the
 * start of a number or the middle of a longer one (a tweet id, a price)?
 * Does a context word ("call", "ssn") occur just before? Is this inside a
 * URL? Answering them in one place keeps the detectors consistent.
 */
#ifndef LP_SCAN_UTIL_H
#define LP_SCAN_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "ascii.h"
#include "detect.h"

/* c is one of the characters of set (never true for NUL, which a text
 * decoded from JSON may contain). */
static inline int lp_in_set(int c, const char *set)
{
	for (; *set; set++) {
		if ((unsigned char)*set == c)
			return 1;
	}
	return 0;
}

/* The byte at i as an unsigned value, or 0 past the end. */
static inline unsigned char lp_at(const char *s, size_t len, size_t i)
{
	return i < len ? (unsigned char)s[i] : 0;
}

/*
 * Decodes the code point at s[pos] (pos < len); *n gets its length in
 * bytes (at least 1). A malformed or truncated sequence decodes as its
 * first byte, so a scanner always makes progress.
 */
uint32_t lp_cp_at(const char *s, size_t len, size_t pos, size_t *n);
/* Decodes the code point that ends just before pos (pos > 0); *start gets
 * its first byte. */
uint32_t lp_cp_before(const char *s, size_t pos, size_t *start);

/* A letter of some script: ASCII letters, or a non-ASCII code point that
 * is not punctuation, a symbol, a space or an emoji. */
int lp_cp_is_letter(uint32_t cp);
/* Scripts written without spaces between words (Han, kana, Hangul, Thai):
 * a number may follow such a letter directly. */
int lp_cp_is_spaceless(uint32_t cp);

/* The character before pos is part of a word (a letter or digit), so a
 * token cannot start at pos. */
int lp_word_before(const char *s, size_t pos);
/* The character at pos is part of a word, so a token cannot end at pos. */
int lp_word_at(const char *s, size_t len, size_t pos);

/* What an ASCII byte before a digit says of a number starting there:
 * LP_BEFORE_NO, it cannot (a word, a currency sign, an id, a handle, a
 * path); LP_BEFORE_CONT, it cannot when an alphanumeric precedes that
 * byte too (12:30, 1,234, 1.5, 10-4). */
enum { LP_BEFORE_OK, LP_BEFORE_NO, LP_BEFORE_CONT };
extern const unsigned char lp_byte_before_number[128];

/* The whole rule of lp_num_start_ok, for any byte before pos. */
int lp_num_start_ok_slow(const char *s, size_t len, size_t pos);

/*
 * A number may start at pos: it is not glued to a word, and it is not the
 * continuation of another number or token (12:30, 1,234, v1.2, #123,
 * $5, /status/123, a_1). An ASCII byte before, nearly always, is
 * answered inline with one look-up.
 */
static inline int lp_num_start_ok(const char *s, size_t len, size_t pos)
{
	unsigned char p;

	if (pos == 0)
		return 1;
	p = (unsigned char)s[pos - 1];
	if (p >= 0x80)
		return lp_num_start_ok_slow(s, len, pos);
	switch (lp_byte_before_number[p]) {
	case LP_BEFORE_NO:
		return 0;
	case LP_BEFORE_CONT:
		return !(pos >= 2 && lp_is_alnum((unsigned char)s[pos - 2]));
	default:
		return 1;
	}
}

/* The whole rule of lp_num_end_ok, for any byte at pos. */
int lp_num_end_ok_slow(const char *s, size_t len, size_t pos);

/* A number may end at pos: not followed by a word character, nor by a
 * separator and a digit that would make it part of a longer number, nor by
 * a percent sign, a currency sign or an '@'. An ASCII byte, nearly always,
 * is answered inline. */
static inline int lp_num_end_ok(const char *s, size_t len, size_t pos)
{
	unsigned char c = pos < len ? (unsigned char)s[pos] : 0;

	if (pos >= len)
		return 1;
	if (c >= 0x80)
		return lp_num_end_ok_slow(s, len, pos);
	if (lp_is_alnum(c) || c == '_' || c == '$' || c == '%' || c == '@')
		return 0;
	if (c == '.' || c == ',' || c == ':' || c == '-' || c == '/')
		return !(pos + 1 < len && lp_is_digit((unsigned char)s[pos + 1]));
	return 1;
}

/* s[pos..] starts with word, ignoring ASCII case. */
int lp_ci_prefix(const char *s, size_t len, size_t pos, const char *word);
/* As lp_ci_prefix, and word is a whole word there (no ASCII letter just
 * before or just after). */
int lp_ci_word(const char *s, size_t len, size_t pos, const char *word);

/* The longest context word lp_context_before accepts. */
#define LP_CONTEXT_WORD_MAX 48

/* One of words (a NULL-terminated list of words of at most
 * LP_CONTEXT_WORD_MAX bytes) occurs as a whole word ending within window
 * bytes before pos. */
int lp_context_before(const char *s, size_t pos, size_t window,
		      const char *const *words);

size_t lp_url_end_slow(const char *s, size_t len, size_t pos);

/* When a URL (http://, https://, www.) starts at pos, the offset one past
 * its end (the next white space); otherwise 0. Asked at many bytes, so the
 * answer for every byte but "ht" and "ww" is given inline. */
static inline size_t lp_url_end(const char *s, size_t len, size_t pos)
{
	int c = pos < len ? (unsigned char)s[pos] | 0x20 : 0;
	int d = pos + 1 < len ? (unsigned char)s[pos + 1] | 0x20 : 0;

	return (c == 'h' && d == 't') || (c == 'w' && d == 'w')
	       ? lp_url_end_slow(s, len, pos) : 0;
}

/*
 * Whether byte p (< text->len) lies in a URL, from a byte of LP_SET_URL to
 * its lp_url_end (LP_SET_INURL): where lp_scan_tokens skips. A detector
 * none of whose matches can hold the start of a URL (a match of digits
 * and separators cannot), and which does nothing at a candidate that is
 * not a match, may visit the candidates in URLs too and ask this only of
 * its matches.
 */
static inline int lp_text_in_url(const lp_text *text, size_t p)
{
	return lp_text_in(text, LP_SET_INURL, p);
}

/*
 * The scan loop that token detectors share. It visits only the bytes in
 * the candidate sets of starts (LP_IN bits of lp_text_next, which must
 * hold every byte where can_start() may be true), skipping URLs whole. At
 * each it asks can_start(), then try_at(); it records a match and resumes
 * after it, or else goes on to the next candidate. can_start() must refuse
 * a byte after an ASCII letter or digit: a token that was not a match is
 * then never tried again from inside. Returns 0, or -1 when a span cannot
 * be recorded.
 *
 * Inline, so that each detector's loop calls its can_start() and try_at()
 * directly, and the sets to visit are known when it is compiled.
 */
static inline int lp_scan_tokens(const lp_text *text, lp_spans *out,
                                 unsigned starts,
                                 int (*can_start)(const char *s, size_t len,
                                                  size_t i),
                                 size_t (*try_at)(const char *s, size_t len,
                                                  size_t i))
{
	const char *s = text->s;
	size_t len = text->len, i;

	/* URLs are skipped whole whatever the detector (a digit run inside
	 * one is not a number of its own). */
	starts |= LP_IN(LP_SET_URL);
	i = lp_text_next(text, starts, 0);
	while (i < len) {
		size_t u = lp_text_url_at(text, i), end;

		if (u) {
			i = lp_text_next(text, starts, u);
			continue;
		}
		if (!can_start(s, len, i)) {
			i = lp_text_next(text, starts, i + 1);
			continue;
		}
		end = try_at(s, len, i);
		if (end) {
			if (lp_spans_push(out, i, end))
				return -1;
			i = lp_text_next(text, starts, end);
		} else {
			i = lp_text_next(text, starts, i + 1);
		}
	}
	return 0;
}

/* The word before start, across one space, mixes letters and digits: a
 * number there goes on a code like an IBAN ("NO41 0378 5986 708"). */
int lp_after_code(const char *s, size_t start);

/*
 * Evasion: a number spread out with one kind of separator (' ', '.', '-'
 * or '/') between groups of any size: "4-1-1-1-...", "54.19.942.191",
 * "12/61/45/303". Reads from the digit at i and copies at most cap digits
 * into d (*n gets their count). Returns the end of the last group, or 0
 * when there are fewer than two groups or more than cap digits. Such a
 * number is taken only after a word that names it: on its own it is as
 * likely a date, a score or an id.
 */
size_t lp_spread_digits(const char *s, size_t len, size_t i, char *d,
                        size_t cap, size_t *n);

#endif
