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

/* Reads n digits at *i into d. */
static int digits(const char *s, size_t len, size_t *i, size_t n, char *d)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (!lp_is_digit(lp_at(s, len, *i + k)))
			return 0;
		d[k] = s[*i + k];
	}
	*i += n;
	return 1;
}

/*
 * A number of the nine-digit form at i that passes valid; returns its end
 * or 0. AAA-GG-SSSS and AAA GG SSSS stand on their own; any other way of
 * spreading the nine digits out (dots, slashes, odd groups: what people
 * use to slip past filters), or none, counts only after one of words. The
 * words are looked for last: most numbers never get that far.
 */
static size_t try_form(const char *s, size_t len, size_t i,
                       int (*valid)(const char *), const char *const *words)
{
	char d[9];
	size_t n, j = i, e = lp_spread_digits(s, len, i, d, sizeof(d), &n);

	if (e) {
		/* Not the start of something longer: 123-45-6789-0, 123 45
		 * 6789 1 (lp_num_end_ok sees to the other separators). */
		if (n != 9 || !lp_num_end_ok(s, len, e) ||
		    (lp_at(s, len, e) == ' ' && lp_is_digit(lp_at(s, len, e + 1))))
			return 0;
		if (!(e - i == 11 && (s[i + 3] == '-' || s[i + 3] == ' ') &&
		      s[i + 6] == s[i + 3]) &&
		    !lp_context_before(s, i, 25, words))
			return 0;
		return valid(d) ? e : 0;
	}
	if (!digits(s, len, &j, 9, d) || !lp_num_end_ok(s, len, j) ||
	    !lp_context_before(s, i, 25, words))
		return 0;
	return valid(d) ? j : 0;
}

static size_t try_ssn(const char *s, size_t len, size_t i)
{
	return try_form(s, len, i, valid_ssn, ssn_words);
}

static size_t try_itin(const char *s, size_t len, size_t i)
{
	return try_form(s, len, i, valid_itin, itin_words);
}

/* Offered only where a number may start (LP_SET_NUMOK), and not at the
 * tail of a spaced or dashed number: 1 123 45 6789. */
static int ssn_can_start(const char *s, size_t len, size_t i)
{
	(void)len;
	return !(i >= 2 && (s[i - 1] == ' ' || s[i - 1] == '-') &&
	         lp_is_digit((unsigned char)s[i - 2]));
}

int lp_detect_us_ssn(const lp_text *text, lp_spans *out)
{
	if (text->digits < 9)
		return 0;
	return lp_scan_tokens(text, out, LP_IN(LP_SET_NUMOK), ssn_can_start,
	                      try_ssn);
}

int lp_detect_us_itin(const lp_text *text, lp_spans *out)
{
	if (text->digits < 9)
		return 0;
	return lp_scan_tokens(text, out, LP_IN(LP_SET_NUMOK), ssn_can_start,
	                      try_itin);
}
