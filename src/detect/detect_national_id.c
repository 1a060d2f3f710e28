/*
 * detect_national_id.c - the `national_id` detector: national identity
 * numbers of twelve countries, each in the forms people write it and each
 * validated by its official check rule:
 *
 *   SE personnummer      YYMMDD-NNNN, YYMMDD+NNNN, YYYYMMDD-NNNN (Luhn,
 *                        date; samordningsnummer day + 60); 10 or 12 bare
 *                        digits after a context word
 *   NO fodselsnummer     DDMMYYNNNNN or DDMMYY NNNNN (two mod-11 digits,
 *                        date, century from the individual number;
 *                        D-number day + 40, H-number month + 40)
 *   DK CPR               DDMMYY-SSSS (date, century from the 7th digit);
 *                        10 bare digits after a context word
 *   FI HETU              DDMMYY[+-A-FU-Y]NNNC (mod-31 check character)
 *   ES DNI / NIE         12345678Z, X1234567L (mod-23 letter)
 *   IT codice fiscale    RSSMRA85T10A562S (omocodia, odd/even check)
 *   FR NIR               1 84 12 76 451 089 46 or compact (key 97 - n mod
 *                        97, Corsica 2A/2B)
 *   NL BSN               9 digits, 11-proof, after a context word
 *   BR CPF               NNN.NNN.NNN-NN; 11 bare digits after "CPF"
 *   IN Aadhaar           NNNN NNNN NNNN (Verhoeff, first digit 2-9); bare
 *                        or dashed after a context word
 *   CN resident ID       17 digits + check (ISO 7064 MOD 11-2), province
 *                        code and birth date
 *   UK NINO              AB123456C, AB 12 34 56 C (HMRC prefix rules)
 *
 * A check digit passed by one random number in ten or in a hundred is no
 * evidence in a text full of order numbers and timestamps, so the shapes
 * that are nothing but such a run of digits (nine-digit BSNs, bare CPR,
 * personnummer, CPF and Aadhaar numbers) need a context word before them.
 * US social-security numbers are the `us_ssn` detector's.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

/* How far before a number its context word may end, in bytes. */
#define CONTEXT_WINDOW 32

static const char *const ctx_se[] = {
	"personnummer", "personnumret", "personnr", "pnr", "p-nr",
	"samordningsnummer", "personal identity number",
	"personal number", "person number", NULL,
};
static const char *const ctx_dk[] = {
	"cpr", "cpr-nr", "cpr nr", "cpr-nummer", "cprnummer", "cpr-nummeret",
	"personnummer", "personnr", NULL,
};
static const char *const ctx_nl[] = {
	"bsn", "bsn-nummer", "burgerservicenummer", "sofinummer",
	"sofi-nummer", "sofi nummer", NULL,
};
static const char *const ctx_br[] = { "cpf", NULL };
static const char *const ctx_in[] = {
	"aadhaar", "aadhar", "adhaar", "aadhaar no", "uid", "uidai",
	"\xE0\xA4\x86\xE0\xA4\xA7\xE0\xA4\xBE\xE0\xA4\xB0", /* Hindi */
	NULL,
};
static const char *const ctx_es[] = { "dni", "nie", "nif", NULL };
static const char *const ctx_fr[] = {
	"nir", "insee", "secu", "s\xC3\xA9" "cu", "s\xC3\xA9" "curit\xC3\xA9 sociale",
	"securite sociale", "carte vitale", NULL,
};

static int ctx(const char *s, size_t i, const char *const *words)
{
	return lp_context_before(s, i, CONTEXT_WINDOW, words);
}

/* ---- shared pieces ---------------------------------------------------- */

/*
 * The number of digits starting at i, counted up to max: all that a
 * caller needs to tell the lengths it asks about apart. Eight bytes of
 * the text at a time while there are eight left, without a branch per
 * digit (the length of a number is what a branch predicts worst): a byte
 * is a digit when its high four bits are 3 and adding 6 to its low four
 * does not carry into them.
 */
static size_t run_len(const char *s, size_t len, size_t i, size_t max)
{
	size_t r = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (r < max && i + r + 8 <= len) {
		uint64_t x, other;

		memcpy(&x, s + i + r, 8);
		other = ((x & 0xF0F0F0F0F0F0F0F0u) ^ 0x3030303030303030u) |
		        (((x & 0x0F0F0F0F0F0F0F0Fu) + 0x0606060606060606u) &
		         0xF0F0F0F0F0F0F0F0u);
		if (other) {
			/* Its lowest bit is in the first byte that is
			 * not a digit. */
			r += lp_ctz64(other) >> 3;
			return r < max ? r : max;
		}
		r += 8;
	}
#endif
	while (r < max && i + r < len && lp_is_digit((unsigned char)s[i + r]))
		r++;
	return r < max ? r : max;
}

/* Exactly n digits at i (no digit after them): their values into d. */
static int digits_exact(const char *s, size_t len, size_t i, size_t n, int *d)
{
	size_t k;

	if (run_len(s, len, i, n + 1) != n)
		return 0;
	for (k = 0; k < n; k++)
		d[k] = s[i + k] - '0';
	return 1;
}

static int num2(const int *d) { return d[0] * 10 + d[1]; }

/*
 * The number may end at j: no word character, currency or percent sign
 * after it, and not followed by a separator and a digit (the head of a
 * longer dashed or spaced number: a card, a phone number).
 */
static int end_ok(const char *s, size_t len, size_t j)
{
	unsigned char c = lp_at(s, len, j);

	if ((c == ' ' || c == '+') && lp_is_digit(lp_at(s, len, j + 1)))
		return 0;
	return lp_num_end_ok(s, len, j);
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* A calendar date. year is -(100 + yy) when only its last two digits yy
 * are known: a 29 February is then allowed when yy is a multiple of 4. */
static int date_ok(int year, int month, int day)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
				       30, 31 };

	if (month < 1 || month > 12 || day < 1 || day > mdays[month - 1])
		return 0;
	if (month == 2 && day == 29)
		return year < 0 ? -year % 4 == 0 : leap(year);
	return 1;
}

/* A date with a two-digit year yy of unknown century. */
static int date_yy_ok(int yy, int month, int day)
{
	return date_ok(-(yy + 100), month, day);
}

/* The index of c in set, or -1. */
static int index_of(const char *set, int c)
{
	int k;

	for (k = 0; set[k]; k++) {
		if ((unsigned char)set[k] == c)
			return k;
	}
	return -1;
}

/* Luhn over n digits (the last is the check digit). */
static int luhn_ok(const int *d, size_t n)
{
	int sum = 0, dbl = 0;
	size_t k;

	for (k = n; k-- > 0;) {
		int v = d[k];

		if (dbl) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

static int all_same(const int *d, size_t n)
{
	size_t k;

	for (k = 1; k < n; k++) {
		if (d[k] != d[0])
			return 0;
	}
	return 1;
}

/* HH and MM are an hour and a minute: 2021-11-30 12:45 written
 * 20211130-1245 looks like a personnummer. */
static int time_like(const int *d)
{
	return num2(d) < 24 && num2(d + 2) < 60;
}

/* ---- country rules ---------------------------------------------------- */

/* SE: YYMMDDNNNC, Luhn over all ten; samordningsnummer day + 60. */
static int se10_ok(const int *d)
{
	int day = num2(d + 4);

	if (day > 60)
		day -= 60;
	if (!date_yy_ok(num2(d), num2(d + 2), day))
		return 0;
	if (d[6] == 0 && d[7] == 0 && d[8] == 0)
		return 0;
	return luhn_ok(d, 10);
}

/* SE: CCYYMMDDNNNC, born 1800-2099. */
static int se12_ok(const int *d)
{
	int c = num2(d), day = num2(d + 6);

	if (c < 18 || c > 20)
		return 0;
	if (day > 60)
		day -= 60;
	if (!date_ok(c * 100 + num2(d + 2), num2(d + 4), day))
		return 0;
	if (d[8] == 0 && d[9] == 0 && d[10] == 0)
		return 0;
	return luhn_ok(d + 2, 10);
}

/* DK: DDMMYYSSSS; the century follows from the 7th digit. */
static int dk_ok(const int *d)
{
	int yy = num2(d + 4), s = d[6], year;

	if (s <= 3)
		year = 1900 + yy;
	else if (s == 4 || s == 9)
		year = (yy <= 36 ? 2000 : 1900) + yy;
	else
		year = (yy <= 57 ? 2000 : 1800) + yy;
	return date_ok(year, num2(d + 2), num2(d));
}

/* NO: DDMMYYIIIKK. */
static int no_ok(const int *d)
{
	static const int w1[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	int day = num2(d), month = num2(d + 2), yy = num2(d + 4);
	int ind = d[6] * 100 + d[7] * 10 + d[8], year, s1 = 0, s2 = 0, k;

	if (day > 40)
		day -= 40; /* D-number */
	if (month > 40)
		month -= 40; /* H-number */
	if (ind <= 499)
		year = 1900 + yy;
	else if (ind >= 900 && yy >= 40)
		year = 1900 + yy;
	else if (yy <= 39)
		year = 2000 + yy;
	else if (ind <= 749 && yy >= 54)
		year = 1800 + yy;
	else
		return 0;
	if (!date_ok(year, month, day))
		return 0;
	for (k = 0; k < 9; k++)
		s1 += d[k] * w1[k];
	s1 = (11 - s1 % 11) % 11;
	if (s1 == 10 || s1 != d[9])
		return 0;
	for (k = 0; k < 10; k++)
		s2 += d[k] * w2[k];
	s2 = (11 - s2 % 11) % 11;
	return s2 != 10 && s2 == d[10];
}

static const char fi_check[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

/* FI: DDMMYY, century sign, NNN, check character c. */
static int fi_ok(const int *d, unsigned char sign, const int *n, unsigned char c)
{
	long v = 0;
	int year, k;

	if (sign == '+')
		year = 1800;
	else if (lp_in_set(sign, "-YXWVU"))
		year = 1900;
	else if (lp_in_set(sign, "ABCDEF"))
		year = 2000;
	else
		return 0;
	if (!date_ok(year + num2(d + 4), num2(d + 2), num2(d)))
		return 0;
	if (n[0] * 100 + n[1] * 10 + n[2] < 2)
		return 0;
	for (k = 0; k < 6; k++)
		v = v * 10 + d[k];
	for (k = 0; k < 3; k++)
		v = v * 10 + n[k];
	return fi_check[v % 31] == (char)c;
}

static const char es_letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";

/* BR: NNNNNNNNNDD, two mod-11 digits. */
static int cpf_ok(const int *d)
{
	int s = 0, k, r;

	if (all_same(d, 11))
		return 0;
	for (k = 0; k < 9; k++)
		s += d[k] * (10 - k);
	r = s * 10 % 11 % 10;
	if (r != d[9])
		return 0;
	for (s = 0, k = 0; k < 10; k++)
		s += d[k] * (11 - k);
	r = s * 10 % 11 % 10;
	return r == d[10];
}

/* NL: the 11-proof, 9*d1 + 8*d2 + ... + 2*d8 - d9 = 0 (mod 11). */
static int bsn_ok(const int *d)
{
	int s = 0, k;

	if (all_same(d, 9))
		return 0;
	for (k = 0; k < 8; k++)
		s += d[k] * (9 - k);
	s -= d[8];
	return s > 0 && s % 11 == 0;
}

/* IN: Verhoeff over 12 digits, the first 2-9. */
static int aadhaar_ok(const int *d)
{
	static const unsigned char vd[10][10] = {
		{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
		{ 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 }, { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
		{ 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
		{ 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
		{ 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 }, { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
	};
	static const unsigned char vp[8][10] = {
		{ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
		{ 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 }, { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 },
		{ 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
		{ 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
	};
	int c = 0, k;

	if (d[0] < 2 || all_same(d, 12))
		return 0;
	for (k = 0; k < 12; k++)
		c = vd[c][vp[k % 8][d[11 - k]]];
	return c == 0;
}

/* Four groups of four digits that read as years: 1999 2000 2001. */
static int years_like(const int *d)
{
	int k;

	for (k = 0; k < 12; k += 4) {
		int y = num2(d + k);

		if (y != 19 && y != 20)
			return 0;
	}
	return 1;
}

/* CN: AAAAAA YYYYMMDD SSS C; c is the check character (digit or 'X'). */
static int cn_ok(const int *d, unsigned char c)
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5,
				   8, 4, 2 };
	static const char chk[] = "10X98765432";
	int prov = num2(d), year = num2(d + 6) * 100 + num2(d + 8), s = 0, k;

	if (!((prov >= 11 && prov <= 15) || (prov >= 21 && prov <= 23) ||
	      (prov >= 31 && prov <= 37) || (prov >= 41 && prov <= 46) ||
	      (prov >= 50 && prov <= 54) || (prov >= 61 && prov <= 65) ||
	      prov == 71 || (prov >= 81 && prov <= 83)))
		return 0;
	if (year < 1900 || year > 2099 ||
	    !date_ok(year, num2(d + 10), num2(d + 12)))
		return 0;
	for (k = 0; k < 17; k++)
		s += d[k] * w[k];
	if (c == 'x')
		c = 'X';
	return chk[s % 11] == (char)c;
}

/* ---- shapes ----------------------------------------------------------- */

/*
 * Six digits and a separator: SE YYMMDD-NNNN / YYMMDD+NNNN, DK DDMMYY-SSSS,
 * FI DDMMYY?NNNC, NO DDMMYY NNNNN.
 */
static size_t try_six(const char *s, size_t len, size_t i)
{
	int d[11], n[4];
	unsigned char sep, c;
	size_t j = i + 7, k;

	if (!digits_exact(s, len, i, 6, d))
		return 0;
	sep = lp_at(s, len, i + 6);
	/* FI: three digits and a check character of the mod-31 table. */
	if (lp_in_set(sep, "+-ABCDEFUVWXY") && run_len(s, len, j, 3) >= 3) {
		for (k = 0; k < 3; k++)
			n[k] = s[j + k] - '0';
		c = lp_at(s, len, j + 3);
		if (c && lp_in_set(c, fi_check) && end_ok(s, len, j + 4) &&
		    fi_ok(d, sep, n, c))
			return j + 4;
	}
	if (sep == '-' || sep == '+') {
		if (!digits_exact(s, len, j, 4, d + 6) || !end_ok(s, len, j + 4))
			return 0;
		if (se10_ok(d))
			return j + 4;
		if (sep == '-' && dk_ok(d))
			return j + 4;
		return 0;
	}
	if (sep == ' ') {
		if (!digits_exact(s, len, j, 5, d + 6) || !end_ok(s, len, j + 5))
			return 0;
		return no_ok(d) ? j + 5 : 0;
	}
	return 0;
}

/* SE: YYYYMMDD-NNNN or YYYYMMDD+NNNN. */
static size_t try_eight(const char *s, size_t len, size_t i)
{
	int d[12];
	unsigned char sep = lp_at(s, len, i + 8);

	if ((sep != '-' && sep != '+') || !digits_exact(s, len, i, 8, d) ||
	    !digits_exact(s, len, i + 9, 4, d + 8) || !end_ok(s, len, i + 13))
		return 0;
	if (!se12_ok(d))
		return 0;
	/* 20211130-1245: a timestamp unless a context word says otherwise. */
	if (num2(d) >= 20 && time_like(d + 8) && !ctx(s, i, ctx_se))
		return 0;
	return i + 13;
}

/* ES DNI: eight digits and the mod-23 letter, glued or after a dash. */
static size_t try_dni(const char *s, size_t len, size_t i)
{
	int d[8];
	size_t j = i + 8, k;
	unsigned char c;
	long v = 0;

	if (!digits_exact(s, len, i, 8, d))
		return 0;
	if (lp_at(s, len, j) == '-')
		j++;
	c = lp_at(s, len, j);
	if (lp_is_lower(c) && ctx(s, i, ctx_es))
		c = (unsigned char)(c - 32);
	if (!lp_is_upper(c) || !end_ok(s, len, j + 1))
		return 0;
	for (k = 0; k < 8; k++)
		v = v * 10 + d[k];
	if (v == 0)
		return 0;
	return es_letters[v % 23] == (char)c ? j + 1 : 0;
}

/* ES NIE: X, Y or Z, seven digits and the letter; dashes allowed. A
 * lower-case one needs a context word, looked for last: many words begin
 * with x, y or z. */
static size_t try_nie(const char *s, size_t len, size_t i)
{
	unsigned char p = lp_at(s, len, i), c;
	int d[7], lower = 0;
	size_t j = i + 1, k;
	long v;

	if (p == 'x' || p == 'y' || p == 'z') {
		lower = 1;
		p = (unsigned char)(p - 32);
	}
	if (p != 'X' && p != 'Y' && p != 'Z')
		return 0;
	if (lp_at(s, len, j) == '-')
		j++;
	if (!digits_exact(s, len, j, 7, d))
		return 0;
	j += 7;
	if (lp_at(s, len, j) == '-')
		j++;
	c = lp_at(s, len, j);
	if (lower && lp_is_lower(c))
		c = (unsigned char)(c - 32);
	if (!lp_is_upper(c) || !end_ok(s, len, j + 1))
		return 0;
	v = p - 'X';
	for (k = 0; k < 7; k++)
		v = v * 10 + d[k];
	if (es_letters[v % 23] != (char)c)
		return 0;
	return !lower || ctx(s, i, ctx_es) ? j + 1 : 0;
}

/* IT: the value of a character at an odd position (1st, 3rd, ...). */
static int cf_odd(int c)
{
	static const unsigned char odd[26] = {
		1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
		12, 14, 16, 10, 22, 25, 24, 23,
	};

	return odd[lp_is_digit(c) ? c - '0' : c - 'A'];
}

/* IT codice fiscale: 16 characters, upper case or wholly lower case. */
static size_t try_cf(const char *s, size_t len, size_t i)
{
	/* Positions of digits that omocodia may replace, left to right. */
	static const int omo[7] = { 6, 7, 9, 10, 12, 13, 14 };
	static const char omo_letters[] = "LMNPQRSTUV";
	static const char months[] = "ABCDEHLMPRST";
	char v[16];
	int dig[16] = { 0 }, k, sum = 0, lower, letters_from = 7, month, day;

	if (len - i < 16)
		return 0;
	/* Four bytes first, which most long words fail: a word character
	 * after the sixteenth, and the letters of the month and the last two
	 * places. */
	if (lp_is_alnum(lp_at(s, len, i + 16)) ||
	    !lp_is_alpha((unsigned char)s[i + 15]) ||
	    !lp_is_alpha((unsigned char)s[i + 11]) ||
	    !lp_is_alpha((unsigned char)s[i + 8]))
		return 0;
	lower = lp_is_lower((unsigned char)s[i]);
	for (k = 0; k < 16; k++) {
		unsigned char c = (unsigned char)s[i + (size_t)k];

		if (lp_is_alpha(c) && lp_is_lower(c) != lower)
			return 0;
		if (!lp_is_alnum(c))
			return 0;
		v[k] = (char)(lp_is_lower(c) ? c - 32 : c);
	}
	if (!end_ok(s, len, i + 16))
		return 0;
	for (k = 0; k < 6; k++) {
		if (!lp_is_upper((unsigned char)v[k]))
			return 0;
	}
	if (!lp_is_upper((unsigned char)v[8]) || !lp_is_upper((unsigned char)v[11]) ||
	    !lp_is_upper((unsigned char)v[15]))
		return 0;
	/* Omocodia replaces digits from the right: the letters form a suffix
	 * of omo[]. */
	for (k = 0; k < 7; k++) {
		char c = v[omo[k]];
		int x;

		if (lp_is_digit((unsigned char)c)) {
			if (k >= letters_from)
				return 0;
			dig[omo[k]] = c - '0';
			continue;
		}
		x = index_of(omo_letters, (unsigned char)c);
		if (x < 0)
			return 0;
		if (letters_from == 7)
			letters_from = k;
		dig[omo[k]] = x;
	}
	month = index_of(months, (unsigned char)v[8]) + 1;
	day = dig[9] * 10 + dig[10];
	if (day > 40)
		day -= 40;
	if (!month || !date_yy_ok(dig[6] * 10 + dig[7], month, day))
		return 0;
	for (k = 0; k < 15; k++) {
		int c = (unsigned char)v[k];

		if (k % 2 == 0)
			sum += cf_odd(c);
		else
			sum += lp_is_digit(c) ? c - '0' : c - 'A';
	}
	return v[15] == 'A' + sum % 26 ? i + 16 : 0;
}

/*
 * FR NIR: sex, YY, MM, department (2A/2B for Corsica), commune, order and
 * key, in groups 1 2 2 2 3 3 2 separated by single spaces, compact, or
 * compact with the key apart.
 */
static size_t try_nir(const char *s, size_t len, size_t i)
{
	static const int glen[7] = { 1, 2, 2, 2, 3, 3, 2 };
	int d[15], g, k, n = 0, corsica = 0, spaced = 0, month;
	unsigned long long v = 0;
	size_t j = i;

	for (g = 0; g < 7; g++) {
		if (g > 0 && lp_at(s, len, j) == ' ' &&
		    lp_is_alnum(lp_at(s, len, j + 1))) {
			spaced |= 1 << g;
			j++;
		}
		for (k = 0; k < glen[g]; k++, j++) {
			unsigned char c = lp_at(s, len, j);

			if (g == 3 && k == 1 && d[n - 1] == 2 &&
			    (c == 'A' || c == 'B')) {
				corsica = c;
				d[n++] = 0;
				continue;
			}
			if (!lp_is_digit(c))
				return 0;
			d[n++] = c - '0';
		}
	}
	if (spaced != 0 && spaced != 0x7E && spaced != 0x40)
		return 0;
	if (!end_ok(s, len, j))
		return 0;
	/* Men 1, women 2; 3, 7 and 8 are provisional numbers, and taken only
	 * when written as a NIR is, or after a context word. */
	if (d[0] != 1 && d[0] != 2) {
		if (d[0] != 3 && d[0] != 7 && d[0] != 8)
			return 0;
		if (spaced != 0x7E && !ctx(s, i, ctx_fr))
			return 0;
	}
	month = num2(d + 3);
	if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) ||
	      month >= 50))
		return 0;
	if (num2(d + 5) == 0)
		return 0;
	for (k = 0; k < 13; k++)
		v = v * 10 + (unsigned)d[k];
	if (corsica)
		v -= corsica == 'A' ? 1000000 : 2000000; /* 2A -> 19, 2B -> 18 */
	return (int)(97 - v % 97) == num2(d + 13) ? j : 0;
}

/* NL BSN written 1234.56.782, after a context word. */
static size_t try_bsn_dotted(const char *s, size_t len, size_t i)
{
	int d[9];

	/* The separators first, which most numbers fail. */
	if (lp_at(s, len, i + 4) != '.' || lp_at(s, len, i + 7) != '.' ||
	    !digits_exact(s, len, i, 4, d) ||
	    !digits_exact(s, len, i + 5, 2, d + 4) ||
	    !digits_exact(s, len, i + 8, 3, d + 6) || !end_ok(s, len, i + 11))
		return 0;
	return bsn_ok(d) && ctx(s, i, ctx_nl) ? i + 11 : 0;
}

/* BR CPF written NNN.NNN.NNN-NN. */
static size_t try_cpf(const char *s, size_t len, size_t i)
{
	int d[11];

	/* The separators first, which most numbers fail. */
	if (lp_at(s, len, i + 3) != '.' || lp_at(s, len, i + 7) != '.' ||
	    lp_at(s, len, i + 11) != '-' || !digits_exact(s, len, i, 3, d) ||
	    !digits_exact(s, len, i + 4, 3, d + 3) ||
	    !digits_exact(s, len, i + 8, 3, d + 6) ||
	    !digits_exact(s, len, i + 12, 2, d + 9) || !end_ok(s, len, i + 14))
		return 0;
	return cpf_ok(d) ? i + 14 : 0;
}

/* IN Aadhaar written NNNN NNNN NNNN, or with dashes after a context word. */
static size_t try_aadhaar(const char *s, size_t len, size_t i)
{
	int d[12];
	unsigned char sep = lp_at(s, len, i + 4);

	/* The separators and the end first: most numbers grouped in fours
	 * (cards, IBANs) go on after the third group. */
	if ((sep != ' ' && sep != '-') || lp_at(s, len, i + 9) != sep ||
	    !end_ok(s, len, i + 14) || !digits_exact(s, len, i, 4, d) ||
	    !digits_exact(s, len, i + 5, 4, d + 4) ||
	    !digits_exact(s, len, i + 10, 4, d + 8))
		return 0;
	if (!aadhaar_ok(d))
		return 0;
	if (ctx(s, i, ctx_in))
		return i + 14;
	return sep == ' ' && !years_like(d) ? i + 14 : 0;
}

/* A run of n bare digits (n <= 18): its length picks the countries it
 * may be. */
static size_t try_bare(const char *s, size_t len, size_t i, size_t n)
{
	int d[18];
	size_t k;
	unsigned char x;

	for (k = 0; k < n; k++)
		d[k] = s[i + k] - '0';
	/* CN: 17 digits and an X. */
	x = lp_at(s, len, i + n);
	if (n == 17 && (x == 'X' || x == 'x') && end_ok(s, len, i + 18))
		return cn_ok(d, 'X') ? i + 18 : 0;
	if (!end_ok(s, len, i + n))
		return 0;
	switch (n) {
	case 9:
		return bsn_ok(d) && ctx(s, i, ctx_nl) ? i + n : 0;
	case 10:
		if (se10_ok(d) && ctx(s, i, ctx_se))
			return i + n;
		return dk_ok(d) && ctx(s, i, ctx_dk) ? i + n : 0;
	case 11:
		if (no_ok(d))
			return i + n;
		return cpf_ok(d) && ctx(s, i, ctx_br) ? i + n : 0;
	case 12:
		if (se12_ok(d) && ctx(s, i, ctx_se))
			return i + n;
		return aadhaar_ok(d) && ctx(s, i, ctx_in) ? i + n : 0;
	case 18:
		return cn_ok(d, (unsigned char)('0' + d[17])) ? i + n : 0;
	default:
		return 0;
	}
}

/*
 * UK National Insurance number: two letters (the first not D, F, I, Q, U
 * or V, the second not D, F, I, O, Q, U or V, and not BG, GB, KN, NK, NT,
 * TN or ZZ), six digits and A-D; compact or spaced AB 12 34 56 C.
 */
static size_t try_nino(const char *s, size_t len, size_t i)
{
	static const char *const banned[] = { "BG", "GB", "KN", "NK", "NT",
					      "TN", "ZZ" };
	unsigned char a = lp_at(s, len, i), b = lp_at(s, len, i + 1), c;
	size_t j = i + 2, k;
	int g;

	if (!lp_is_upper(a) || !lp_is_upper(b) || lp_in_set(a, "DFIQUV") ||
	    lp_in_set(b, "DFIOQUV"))
		return 0;
	for (k = 0; k < sizeof(banned) / sizeof(banned[0]); k++) {
		if (banned[k][0] == a && banned[k][1] == b)
			return 0;
	}
	if (lp_at(s, len, j) == ' ') {
		j++;
		if (run_len(s, len, j, 7) == 6) {
			j += 6; /* AB 123456 C */
		} else {
			for (g = 0; g < 3; g++) { /* AB 12 34 56 C */
				if (g > 0 && lp_at(s, len, j++) != ' ')
					return 0;
				if (run_len(s, len, j, 3) != 2)
					return 0;
				j += 2;
			}
		}
	} else {
		if (run_len(s, len, j, 7) != 6)
			return 0;
		j += 6;
	}
	/* The suffix, glued or after a space. */
	if (lp_at(s, len, j) == ' ')
		j++;
	c = lp_at(s, len, j);
	if (!c || !lp_in_set(c, "ABCD") || !end_ok(s, len, j + 1))
		return 0;
	return j + 1;
}

/*
 * The first bytes of a letter-led number, which most words fail at once:
 * NIE X1234567L or X-1234567-L, a codice fiscale (six letters first) and
 * NINO AB123456C or AB 12 34 56 C. Each byte read follows one that is
 * not NUL, so none lies past the NUL that ends the text.
 */
static int letters_shape(const char *s, size_t i)
{
	unsigned char c0 = (unsigned char)s[i], c1 = (unsigned char)s[i + 1], c2;
	size_t k;

	if (lp_is_digit(c1) || c1 == '-')
		return (c0 | 0x20) == 'x' || (c0 | 0x20) == 'y' ||
		       (c0 | 0x20) == 'z';
	if (!lp_is_alpha(c1))
		return 0;
	c2 = (unsigned char)s[i + 2];
	if (c2 == ' ' || lp_is_digit(c2))
		return lp_is_upper(c0) && lp_is_upper(c1);
	for (k = 2; k < 6; k++) {
		if (!lp_is_alpha((unsigned char)s[i + k]))
			return 0;
	}
	return 1;
}

/* A letter-led number may start at the word start i: not glued to a
 * word, an id, a handle, a path or an amount. */
static int letters_can_start(const char *s, size_t i)
{
	return !lp_word_before(s, i) &&
	       !(i > 0 && lp_in_set((unsigned char)s[i - 1],
	                            "#@/\\_=&%~^*+-.$"));
}

/* A letter-led number: NIE, codice fiscale or NINO. Whether one may
 * start here at all is asked last, of the rare match. */
static size_t try_letters(const char *s, size_t len, size_t i)
{
	size_t e;

	if (!letters_shape(s, i))
		return 0;
	if ((e = try_nie(s, len, i)) == 0 && (e = try_cf(s, len, i)) == 0 &&
	    (e = try_nino(s, len, i)) == 0)
		return 0;
	return letters_can_start(s, i) ? e : 0;
}

static size_t max_end(size_t a, size_t b) { return a > b ? a : b; }

/* The first digit of a NIR: 1, 2, or a provisional 3, 7 or 8 (try_nir). */
static int nir_first(unsigned char c)
{
	return c == '1' || c == '2' || c == '3' || c == '7' || c == '8';
}

/*
 * A digit-led number: the longest of the shapes that match at i. The
 * length of the first run of digits tells which shapes can: trying only
 * those is what makes the common short numbers (years, prices, times)
 * cheap to pass over. So does the byte after the run, which each shape
 * asks for first here, though its function asks for it too.
 */
static size_t try_digits(const char *s, size_t len, size_t i)
{
	size_t n;
	unsigned char c;

	/* not the tail of a spaced number: 1 2345 6789 0123 */
	if (i >= 2 && s[i - 1] == ' ' && lp_is_digit((unsigned char)s[i - 2]))
		return 0;
	n = run_len(s, len, i, 19); /* 19: more than any shape has */
	c = lp_at(s, len, i + n);
	switch (n) {
	case 1:  /* NIR 1 84 12 76 451 089 46: spaced from the first group */
		return c == ' ' && nir_first((unsigned char)s[i])
		       ? try_nir(s, len, i) : 0;
	case 13: /* NIR 1841276451089 46 */
	case 15: /* NIR 184127645108946 */
		return nir_first((unsigned char)s[i]) ? try_nir(s, len, i) : 0;
	case 3:
		return c == '.' ? try_cpf(s, len, i) : 0;
	case 4:
		if (c == '.')
			return try_bsn_dotted(s, len, i);
		return c == ' ' || c == '-' ? try_aadhaar(s, len, i) : 0;
	case 6: /* and NIR 184122A..., Corsica */
		if (!c || !lp_in_set(c, "+-ABCDEFUVWXY "))
			return 0;
		return max_end(try_six(s, len, i), try_nir(s, len, i));
	case 8: /* SE YYYYMMDD-NNNN, ES 12345678Z or 12345678-Z */
		if (c != '-' && c != '+' && !lp_is_alpha(c))
			return 0;
		return max_end(try_eight(s, len, i), try_dni(s, len, i));
	case 9:
	case 10:
	case 11:
	case 12:
	case 17:
	case 18:
		return try_bare(s, len, i, n);
	default:
		return 0;
	}
}

/* ---- the scan ----------------------------------------------------------- */

/*
 * The candidate sets of one block of the text (bytes 64k to 64k + 63,
 * bit b for byte 64k + b), with those of the next block where the scan
 * looks a few bytes ahead.
 */
struct block {
	uint64_t numok, num, word;
	uint64_t next_num, next_word; /* 0 after the last block */
	uint64_t room16; /* the bytes followed by 15 more of the text */
};

static void read_block(const lp_text *text, size_t k, struct block *b)
{
	const uint64_t *sets = text->sets;
	size_t w = text->words;
	/* How many bytes of the block have 15 more after them, and their
	 * bits: computed without a branch on the length of the text, which
	 * a branch predicts badly. */
	size_t room = text->len - 15 - k * 64; /* wraps around when none */

	room &= -(size_t)(text->len >= k * 64 + 16);
	b->room16 = (((uint64_t)1 << (room & 63)) - 1) |
	            -(uint64_t)(room >= 64);

	b->numok = sets[LP_SET_NUMOK * w + k];
	b->num = sets[LP_SET_NUM * w + k];
	b->word = sets[LP_SET_WORD * w + k];
	b->next_num = k + 1 < w ? sets[LP_SET_NUM * w + k + 1] : 0;
	b->next_word = k + 1 < w ? sets[LP_SET_WORD * w + k + 1] : 0;
}

/* Set bits m of a block, next those of the next, looked at d bytes
 * ahead (0 < d < 64): bit b is whether byte 64k + b + d is in the set. */
static uint64_t ahead(uint64_t m, uint64_t next, unsigned d)
{
	return m >> d | next << (64 - d);
}

/* As ahead, for every d from 1 to 16 at once: bit b is whether one of
 * the 16 bytes after byte 64k + b is in the set. */
static uint64_t within_16(uint64_t m, uint64_t next)
{
	uint64_t lo = ahead(m, next, 1), hi = next >> 1;

	/* hi:lo or-ed with itself shifted by 1, 2, 4 and 8 (written out:
	 * the shifts by constants cost a third of a loop's). */
	lo |= ahead(lo, hi, 1);
	hi |= hi >> 1;
	lo |= ahead(lo, hi, 2);
	hi |= hi >> 2;
	lo |= ahead(lo, hi, 4);
	hi |= hi >> 4;
	return lo | ahead(lo, hi, 8);
}

/*
 * The first letters of words where a letter-led number may start. Each
 * needs a digit close after its first letter (a run of digits starts
 * there): NIE X1234567L and X-1234567-L, NINO AB123456C and AB 12 34 56
 * C, a codice fiscale RSSMRA85T10A562S; or else it is a codice fiscale
 * whose seven digits all became letters (omocodia), sixteen letters in
 * which no other word or number starts, and which fit in the text. Most
 * words are none of these, and are not even looked at.
 */
static uint64_t letter_starts(const struct block *b)
{
	uint64_t digit_near = ahead(b->num, b->next_num, 1) |
	                      ahead(b->num, b->next_num, 2) |
	                      ahead(b->num, b->next_num, 3) |
	                      ahead(b->num, b->next_num, 6);
	uint64_t alone = ~within_16(b->word | b->num,
	                            b->next_word | b->next_num) & b->room16;

	return b->word & (digit_near | alone);
}

/*
 * The digits where a number whose first run has fewer than eight digits
 * may start: each such shape goes on with another run of digits two bytes
 * on (NIR 1 84 ...), four (CPF 123.456...), five (1234 5678 ...,
 * 1234.56...) or seven (123456-7890, FI 131052-308T, NO 010203 12345, NIR
 * 184122A...). Of the other digits only those that begin a run of eight
 * or more can start a number (long_run).
 */
static uint64_t short_starts(const struct block *b)
{
	return ahead(b->num, b->next_num, 2) | ahead(b->num, b->next_num, 4) |
	       ahead(b->num, b->next_num, 5) | ahead(b->num, b->next_num, 7);
}

/* The digit at i may begin a run of eight digits or more. */
static int long_run(const char *s, size_t len, size_t i)
{
	return i + 7 < len && lp_is_digit((unsigned char)s[i + 7]);
}

/* The bits of block k (bytes 64k to 64k + 63) for the bytes at or after
 * from. */
static uint64_t from_on(size_t k, size_t from)
{
	if (from <= k * 64)
		return ~(uint64_t)0;
	return from >= k * 64 + 64 ? 0 : ~(uint64_t)0 << (from - k * 64);
}

int lp_detect_national_id(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, k, from = 0;

	if (text->digits < 6)
		return 0; /* the UK National Insurance number has the fewest */
	/*
	 * As lp_scan_tokens over the digits where a number may start
	 * (LP_SET_NUMOK) and the first letters of words (LP_SET_WORD), with
	 * URLs skipped whole, but walking the bits of each block in place of
	 * a search per candidate, without calls through pointers, and
	 * leaving out at once the candidates that the sets show cannot start
	 * a number. Skipping the rest of a token that matched nothing is not
	 * needed: no candidate inside a token may start a number (a digit
	 * after a letter is not in LP_SET_NUMOK, and a letter after a digit
	 * is glued to a word). Nor is skipping URLs as such: only a match is
	 * asked whether it is in one (lp_text_in_url), as no match holds the
	 * start of a URL (each ends before a byte that is not a letter or a
	 * digit, and a letter of one after another byte is its last), and a
	 * candidate that is not a match changes nothing.
	 */
	for (k = 0; k < text->words; k++) {
		struct block b;
		uint64_t m, short_ok;

		read_block(text, k, &b);
		short_ok = short_starts(&b);
		m = (b.numok | letter_starts(&b)) & from_on(k, from);
		while (m) {
			unsigned bit = lp_ctz64(m);
			size_t i = k * 64 + bit, end;

			m &= m - 1;
			if (!lp_is_digit((unsigned char)s[i]))
				end = try_letters(s, len, i);
			else if (((short_ok >> bit) & 1) || long_run(s, len, i))
				end = try_digits(s, len, i);
			else
				continue;
			if (!end || lp_text_in_url(text, i))
				continue;
			if (lp_spans_push(out, i, end))
				return -1;
			from = end;
			m &= from_on(k, from);
		}
	}
	return 0;
}
