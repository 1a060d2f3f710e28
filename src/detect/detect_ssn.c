/*
 * detect_ssn.c - the `us_ssn` and `us_itin` detectors: US social-security
 * numbers and individual taxpayer identification numbers, both written
 * AAA-GG-SSSS or AAA GG SSSS, and nine bare (or dotted) digits right after
 * a word like "SSN", "social security" or "ITIN".
 *
 * The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000,
 * and two numbers printed in advertising (078-05-1120, 219-09-9999) are
 * quoted far more often than they belong to anyone. The IRS issues ITINs
 * in area 900-999 with group 70-88, 90-92 or 94-99.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

static const char *const ssn_words[] = {
	"ssn", "ss#", "social security", "soc sec", "ss no", "ss number",
	NULL,
};
static const char *const itin_words[] = {
	"itin", "tax id", "taxpayer id", "taxpayer identification", NULL,
};

static int valid_itin(const char *d)
{
	int group = (d[3] - '0') * 10 + (d[4] - '0');

	return d[0] == '9' && ((group >= 70 && group <= 88) ||
	                       (group >= 90 && group <= 92) ||
	                       (group >= 94 && group <= 99));
}

static int valid_ssn(const char *d)
{
	int area = (d[0] - '0') * 100 + (d[1] - '0') * 10 + (d[2] - '0');
	int group = (d[3] - '0') * 10 + (d[4] - '0');
	int serial = (d[5] - '0') * 1000 + (d[6] - '0') * 100 +
		     (d[7] - '0') * 10 + (d[8] - '0');

	if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0)
		return 0;
	if ((area == 78 && group == 5 && serial == 1120) ||
	    (area == 219 && group == 9 && serial == 9999))
		return 0;
	return 1;
}

/*
 * lp_context_before(text->s, pos, window, words), with the same answer,
 * but looking only at the starts of words (LP_SET_WORD) that begin with
 * the first letter of one of words: where one of them can match when each
 * begins with an ASCII letter, or the text is all ASCII (a word of other
 * bytes cannot occur in it). Else it asks lp_context_before. Most nine
 * digits that pass valid are something else (an order number, another
 * country's identity number), and the window of a failed search is read
 * whole.
 */
static int context_before(const lp_text *text, size_t pos, size_t window,
                          const char *const *words)
{
	const char *s = text->s;
	const uint64_t *starts = text->sets + LP_SET_WORD * text->words;
	uint32_t firsts = 0; /* bit c - 'a' for each first letter c */
	size_t lo, k, w;

	for (w = 0; words[w]; w++) {
		unsigned c = (unsigned char)words[w][0] | 0x20;

		if (c >= 'a' && c <= 'z')
			firsts |= (uint32_t)1 << (c - 'a');
		else if (!text->ascii)
			return lp_context_before(s, pos, window, words);
	}
	lo = pos > window + LP_CONTEXT_WORD_MAX
	     ? pos - window - LP_CONTEXT_WORD_MAX : 0;
	for (k = lo >> 6; k << 6 < pos; k++) {
		uint64_t m = starts[k];

		if (k == lo >> 6)
			m &= ~(uint64_t)0 << (lo & 63);
		if ((k << 6) + 64 > pos)
			m &= ((uint64_t)1 << (pos & 63)) - 1;
		for (; m; m &= m - 1) {
			size_t j = (k << 6) + lp_ctz64(m);
			int c = lp_to_lower((unsigned char)s[j]), c1;

			if (!(firsts >> (c - 'a') & 1))
				continue;
			/* s[j + 1] is a byte of the text or its NUL; when
			 * it is past pos, no word fits anyway. */
			c1 = lp_to_lower((unsigned char)s[j + 1]);
			for (w = 0; words[w]; w++) {
				const char *x = words[w];
				size_t wl;

				/* The first two letters, before the whole
				 * word. */
				if (lp_to_lower((unsigned char)x[0]) != c ||
				    (x[1] &&
				     lp_to_lower((unsigned char)x[1]) != c1))
					continue;
				wl = strlen(x);
				/* The word must end between pos - window and
				 * pos. */
				if (wl <= pos - j && j + wl + window >= pos &&
				    lp_ci_word(s, pos, j, x))
					return 1;
			}
		}
	}
	return 0;
}

/* Not at the tail of a spaced or dashed number: 1 123 45 6789. */
static int ssn_can_start(const char *s, size_t len, size_t i)
{
	(void)len;
	return !(i >= 2 && (s[i - 1] == ' ' || s[i - 1] == '-') &&
	         lp_is_digit((unsigned char)s[i - 2]));
}

/* How the nine digits of a number are written (read_nine). */
enum { NINE_NONE, NINE_BARE, NINE_SPREAD };

/*
 * Reads the nine digits of a number at i into d: NINE_SPREAD when
 * lp_spread_digits, with room for nine digits, reads exactly nine (in two
 * groups or more, joined by one kind of separator, ' ', '.', '-' or '/',
 * each followed by a digit), *end getting the end of the last group;
 * NINE_BARE for a run of exactly nine, which lp_spread_digits does not
 * read (a tenth digit would follow its first group); NINE_NONE otherwise.
 * A run of ten digits or more is neither: lp_spread_digits has no room
 * for it, and its tenth digit fails lp_num_end_ok. s ends with a NUL,
 * which stops every run; a byte after a separator is read only when the
 * separator is not the NUL.
 */
static int read_nine(const char *s, size_t i, char *d, size_t *end)
{
	size_t j = i, n = 0;
	unsigned char c;

	for (; lp_is_digit((unsigned char)s[j]); j++) {
		if (n == 9)
			return NINE_NONE;
		d[n++] = s[j];
	}
	*end = j;
	if (n == 9)
		return NINE_BARE;
	c = (unsigned char)s[j];
	if (c != ' ' && c != '.' && c != '-' && c != '/')
		return NINE_NONE;
	while ((unsigned char)s[j] == c &&
	       lp_is_digit((unsigned char)s[j + 1])) {
		for (j++; lp_is_digit((unsigned char)s[j]); j++) {
			if (n == 9)
				return NINE_NONE;
			d[n++] = s[j];
		}
	}
	*end = j;
	return n == 9 ? NINE_SPREAD : NINE_NONE;
}

/*
 * A number of the nine-digit form at i that passes valid, whose digits d
 * read_nine read, written as form says and ending at e; returns e or 0.
 * AAA-GG-SSSS and AAA GG SSSS stand on their own; any other way of
 * spreading the nine digits out (dots, slashes, odd groups: what people
 * use to slip past filters), or none, counts only after one of words. The
 * words are looked for last: most numbers never get that far.
 */
static size_t try_form(const lp_text *text, size_t i, const char *d,
                       int form, size_t e, int (*valid)(const char *),
                       const char *const *words)
{
	const char *s = text->s;
	size_t len = text->len;

	if (form == NINE_BARE) {
		if (!lp_num_end_ok(s, len, e) || !valid(d) ||
		    !context_before(text, i, 25, words))
			return 0;
		return e;
	}
	/* Not the start of something longer: 123-45-6789-0, 123 45
	 * 6789 1 (lp_num_end_ok sees to the other separators). */
	if (!lp_num_end_ok(s, len, e) ||
	    (lp_at(s, len, e) == ' ' && lp_is_digit(lp_at(s, len, e + 1))))
		return 0;
	if (!valid(d))
		return 0;
	if (!(e - i == 11 && (s[i + 3] == '-' || s[i + 3] == ' ') &&
	      s[i + 6] == s[i + 3]) &&
	    !context_before(text, i, 25, words))
		return 0;
	return e;
}

/*
 * As lp_scan_tokens over LP_SET_NUMOK with ssn_can_start and try_form, but
 * walking the bits of each block in place, and asking whether a number
 * is in a URL (which lp_scan_tokens skips whole) only of a match
 * (lp_text_in_url). The first digit leaves out most numbers at once: the
 * area of an ITIN begins with 9, that of an SSN never does (valid_ssn
 * refuses 900-999), and the first digit of the number is the one at i
 * however it is spread out.
 */
static int ssn_scan(const lp_text *text, lp_spans *out, int itin)
{
	const char *s = text->s;
	size_t len = text->len, w = text->words, k, from = 0;
	const uint64_t *numok = text->sets + LP_SET_NUMOK * w;

	if (text->digits < 9)
		return 0;
	for (k = 0; k < w; k++) {
		uint64_t m = numok[k];

		while (m) {
			size_t i = k * 64 + lp_ctz64(m), end;
			char d[9];
			int form;

			m &= m - 1;
			if (i < from)
				continue; /* inside the last match */
			if ((s[i] == '9') != itin || !ssn_can_start(s, len, i))
				continue;
			form = read_nine(s, i, d, &end);
			if (form == NINE_NONE)
				continue;
			end = itin ? try_form(text, i, d, form, end, valid_itin,
			                      itin_words)
			           : try_form(text, i, d, form, end, valid_ssn,
			                      ssn_words);
			/* A number in a URL, which lp_scan_tokens skips
			 * whole, is no match: only a match is asked. */
			if (!end || lp_text_in_url(text, i))
				continue;
			if (lp_spans_push(out, i, end))
				return -1;
			from = end;
		}
	}
	return 0;
}

int lp_detect_us_ssn(const lp_text *text, lp_spans *out)
{
	return ssn_scan(text, out, 0);
}

int lp_detect_us_itin(const lp_text *text, lp_spans *out)
{
	return ssn_scan(text, out, 1);
}
