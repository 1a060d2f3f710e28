/*
 * detect_iban.c - the `iban` detector: International Bank Account Numbers,
 * compact (DE89370400440532013000) or in groups of four separated by
 * single spaces (DE89 3704 0044 0532 0130 00), with the exact length of
 * the country and a valid ISO 7064 mod-97 check.
 */
#include "detectors.h"
#include "scan_util.h"

#define MAX_IBAN 34

/* IBAN lengths of the countries in the SWIFT IBAN registry. */
static const struct {
	char cc[3];
	unsigned char len;
} countries[] = {
	{ "AD", 24 }, { "AE", 23 }, { "AL", 28 }, { "AT", 20 }, { "AZ", 28 },
	{ "BA", 20 }, { "BE", 16 }, { "BG", 22 }, { "BH", 22 }, { "BI", 27 },
	{ "BR", 29 }, { "BY", 28 }, { "CH", 21 }, { "CR", 22 }, { "CY", 28 },
	{ "CZ", 24 }, { "DE", 22 }, { "DJ", 27 }, { "DK", 18 }, { "DO", 28 },
	{ "EE", 20 }, { "EG", 29 }, { "ES", 24 }, { "FI", 18 }, { "FK", 18 },
	{ "FO", 18 }, { "FR", 27 }, { "GB", 22 }, { "GE", 22 }, { "GI", 23 },
	{ "GL", 18 }, { "GR", 27 }, { "GT", 28 }, { "HR", 21 }, { "HU", 28 },
	{ "IE", 22 }, { "IL", 23 }, { "IQ", 23 }, { "IS", 26 }, { "IT", 27 },
	{ "JO", 30 }, { "KW", 30 }, { "KZ", 20 }, { "LB", 28 }, { "LC", 32 },
	{ "LI", 21 }, { "LT", 20 }, { "LU", 20 }, { "LV", 21 }, { "LY", 25 },
	{ "MC", 27 }, { "MD", 24 }, { "ME", 22 }, { "MK", 19 }, { "MN", 20 },
	{ "MR", 27 }, { "MT", 31 }, { "MU", 30 }, { "NI", 28 }, { "NL", 18 },
	{ "NO", 15 }, { "OM", 23 }, { "PK", 24 }, { "PL", 28 }, { "PS", 29 },
	{ "PT", 25 }, { "QA", 29 }, { "RO", 24 }, { "RS", 22 }, { "RU", 33 },
	{ "SA", 24 }, { "SC", 31 }, { "SD", 18 }, { "SE", 24 }, { "SI", 19 },
	{ "SK", 24 }, { "SM", 27 }, { "SO", 23 }, { "ST", 25 }, { "SV", 28 },
	{ "TL", 23 }, { "TN", 24 }, { "TR", 26 }, { "UA", 29 }, { "VA", 22 },
	{ "VG", 24 }, { "XK", 20 }, { "YE", 30 },
};

static unsigned country_len(char a, char b)
{
	size_t k;

	for (k = 0; k < sizeof(countries) / sizeof(countries[0]); k++) {
		if (countries[k].cc[0] == a && countries[k].cc[1] == b)
			return countries[k].len;
	}
	return 0;
}

static char up(unsigned char c)
{
	return lp_is_lower(c) ? (char)(c - 32) : (char)c;
}

/* ISO 7064 MOD 97-10 over the IBAN moved four characters to the left,
 * letters counting as 10..35. */
static int mod97_ok(const char *v, size_t n)
{
	unsigned r = 0;
	size_t k;

	for (k = 0; k < n; k++) {
		char c = v[(k + 4) % n];

		if (lp_is_digit((unsigned char)c))
			r = (r * 10 + (unsigned)(c - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
	}
	return r == 1;
}

/* An IBAN at i; returns its end or 0. Upper case, or wholly lower case
 * (as people type them). */
static size_t try_iban(const char *s, size_t len, size_t i)
{
	char v[MAX_IBAN];
	size_t n = 0, j = i, want, run;
	int lower = lp_is_lower(lp_at(s, len, i));

	if (!lp_is_alpha(lp_at(s, len, i)) || !lp_is_alpha(lp_at(s, len, i + 1)) ||
	    !lp_is_digit(lp_at(s, len, i + 2)) || !lp_is_digit(lp_at(s, len, i + 3)))
		return 0;
	want = country_len(up((unsigned char)s[i]), up((unsigned char)s[i + 1]));
	if (!want)
		return 0;
	/* The first run: the whole IBAN, or its first group of four. */
	for (;;) {
		size_t st = j;

		while (j < len && lp_is_alnum((unsigned char)s[j])) {
			unsigned char c = (unsigned char)s[j];

			if (lp_is_alpha(c) && lp_is_lower(c) != lower)
				return 0;
			if (n == want)
				return 0; /* longer than the country's IBAN */
			v[n++] = up(c);
			j++;
		}
		run = j - st;
		if (n == want)
			break;
		/* Groups of four, the last one shorter. */
		if (run != 4 || lp_at(s, len, j) != ' ' ||
		    !lp_is_alnum(lp_at(s, len, j + 1)))
			return 0;
		j++;
	}
	if (lp_word_at(s, len, j))
		return 0;
	if (v[2] == '0' && v[3] < '2')
		return 0; /* check digits 00 and 01 are never issued */
	return mod97_ok(v, n) ? j : 0;
}

static int iban_can_start(const char *s, size_t len, size_t i)
{
	(void)len;
	return lp_is_alpha((unsigned char)s[i]) && !lp_word_before(s, i);
}

int lp_detect_iban(const lp_text *text, lp_spans *out)
{
	if (text->digits < 4)
		return 0; /* two check digits and a bank or account number */
	return lp_scan_tokens(text, out, LP_IN(LP_SET_WORD), iban_can_start,
	                      try_iban, LP_TOKEN_ALNUM);
}
