/*
 * gen_corpus.c - writes the labelled detection corpus (tests/corpus/) as
 * JSON Lines: Tweet-like sentences holding private information of each
 * detector, look-alikes that fail the check a detector relies on, the
 * evasion forms people use against filters, and a benign set of Tweets full
 * of dates, prices, ids and versions. tests/corpus/README.md describes the
 * format, the sets and the choices behind the labels.
 *
 * Every number is made by the public rule of its kind (Luhn, mod-97, the
 * national check digits), so a positive is valid and a look-alike is not.
 * A value that is valid under another rule as well (a national id that is
 * also a card number) is ambiguous and is left out rather than mislabelled.
 * The same seed and scale give the same file.
 *
 * usage: gen_corpus [--seed N] [--scale K] > corpus.jsonl
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(a) ((a)[rnd(N_OF(a))])

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

/* ---- deterministic random numbers (splitmix64) ------------------------ */

static uint64_t rng;

static uint64_t next_rand(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static unsigned rnd(unsigned n)
{
	return (unsigned)(next_rand() % n);
}

/* A number in [lo, hi]. */
static unsigned range(unsigned lo, unsigned hi)
{
	return lo + rnd(hi - lo + 1);
}

static int chance(unsigned percent)
{
	return rnd(100) < percent;
}

/* ---- the record being built ------------------------------------------- */

#define MAX_TEXT 1024
#define MAX_EXPECT 4

static struct {
	char text[MAX_TEXT];
	size_t n;
	int overflow;
	struct {
		const char *det;
		size_t off, len;
	} m[MAX_EXPECT];
	size_t nm;
} rec;

static void r_begin(void)
{
	rec.n = 0;
	rec.nm = 0;
	rec.overflow = 0;
	rec.text[0] = '\0';
}

static void r_add(const char *s)
{
	size_t l = strlen(s);

	if (rec.n + l >= MAX_TEXT) {
		rec.overflow = 1;
		return;
	}
	memcpy(rec.text + rec.n, s, l + 1);
	rec.n += l;
}

static void r_addf(const char *fmt, ...) PRINTF_LIKE(1, 2);
static void r_addf(const char *fmt, ...)
{
	char buf[MAX_TEXT];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	r_add(buf);
}

/* Appends s as the expected match of detector det. */
static void r_match(const char *det, const char *s)
{
	if (rec.nm == MAX_EXPECT) {
		rec.overflow = 1;
		return;
	}
	rec.m[rec.nm].det = det;
	rec.m[rec.nm].off = rec.n;
	rec.m[rec.nm].len = strlen(s);
	rec.nm++;
	r_add(s);
}

/* Texts already written (64-bit FNV-1a hashes, open addressing), so that
 * no record is written twice. */
static uint64_t *seen;
static size_t seen_cap, seen_n;

static uint64_t fnv(const char *s)
{
	uint64_t h = 0xCBF29CE484222325ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 0x100000001B3ull;
	return h ? h : 1;
}

static int seen_add(uint64_t h)
{
	size_t i;

	if ((seen_n + 1) * 2 > seen_cap) {
		uint64_t *old = seen;
		size_t oc = seen_cap, k;

		seen_cap = seen_cap ? seen_cap * 2 : 1 << 14;
		seen = calloc(seen_cap, sizeof(*seen));
		if (!seen) {
			fprintf(stderr, "gen_corpus: out of memory\n");
			exit(1);
		}
		seen_n = 0;
		for (k = 0; k < oc; k++) {
			if (old[k])
				seen_add(old[k]);
		}
		free(old);
	}
	for (i = h & (seen_cap - 1); seen[i]; i = (i + 1) & (seen_cap - 1)) {
		if (seen[i] == h)
			return 0;
	}
	seen[i] = h;
	seen_n++;
	return 1;
}

static void json_str(const char *s, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/*
 * Writes the record unless its text was written before or an expected
 * match is not the first occurrence of its text (the corpus format finds a
 * match by its first occurrence). Returns 1 when written.
 */
static int r_emit(const char *set, const char *form)
{
	size_t k;

	if (rec.overflow || rec.n == 0)
		return 0;
	/* A look-alike is built like its positive but expects nothing. */
	if (strstr(set, "_lookalike"))
		rec.nm = 0;
	for (k = 0; k < rec.nm; k++) {
		char save = rec.text[rec.m[k].off + rec.m[k].len];
		const char *first;

		rec.text[rec.m[k].off + rec.m[k].len] = '\0';
		first = strstr(rec.text, rec.text + rec.m[k].off);
		rec.text[rec.m[k].off + rec.m[k].len] = save;
		if (first != rec.text + rec.m[k].off || rec.m[k].len == 0)
			return 0;
	}
	if (!seen_add(fnv(rec.text)))
		return 0;
	fputs("{\"set\":", stdout);
	json_str(set, strlen(set));
	if (form) {
		fputs(",\"form\":", stdout);
		json_str(form, strlen(form));
	}
	fputs(",\"text\":", stdout);
	json_str(rec.text, rec.n);
	fputs(",\"expect\":[", stdout);
	for (k = 0; k < rec.nm; k++) {
		fputs(k ? ",{\"detector\":" : "{\"detector\":", stdout);
		json_str(rec.m[k].det, strlen(rec.m[k].det));
		fputs(",\"match\":", stdout);
		json_str(rec.text + rec.m[k].off, rec.m[k].len);
		putchar('}');
	}
	fputs("]}\n", stdout);
	return 1;
}

/* ---- small helpers ---------------------------------------------------- */

/* n random digits into d (the first from first_lo..9). */
static void rand_digits(int *d, size_t n, int first_lo)
{
	size_t k;

	for (k = 0; k < n; k++)
		d[k] = k == 0 ? (int)range((unsigned)first_lo, 9) : (int)rnd(10);
}

static void digits_str(char *out, const int *d, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		out[k] = (char)('0' + d[k]);
	out[n] = '\0';
}

/* Writes pat with each '#' replaced by the next digit of d. */
static void fmt_pat(char *out, const char *pat, const int *d)
{
	for (; *pat; pat++)
		*out++ = *pat == '#' ? (char)('0' + *d++) : *pat;
	*out = '\0';
}

/* A decimal number of n random digits, as a string. */
static void rand_num(char *out, size_t n, int first_lo)
{
	int d[64];

	rand_digits(d, n, first_lo);
	digits_str(out, d, n);
}

static int luhn_sum(const int *d, size_t n)
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
	return sum % 10;
}

static int luhn_ok(const int *d, size_t n)
{
	return luhn_sum(d, n) == 0;
}

/* Sets d[n - 1] so that the n digits pass Luhn. */
static void luhn_fix(int *d, size_t n)
{
	d[n - 1] = 0;
	d[n - 1] = (10 - luhn_sum(d, n)) % 10;
}

/* Some other digit than v. */
static int other_digit(int v)
{
	return (v + 1 + (int)rnd(9)) % 10;
}

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in(int year, int month)
{
	static const int md[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return month == 2 && leap(year) ? 29 : md[month - 1];
}

static int date_ok(int year, int month, int day)
{
	return month >= 1 && month <= 12 && day >= 1 && day <= days_in(year, month);
}

static void rand_date(int ylo, int yhi, int *y, int *m, int *d)
{
	*y = (int)range((unsigned)ylo, (unsigned)yhi);
	*m = (int)range(1, 12);
	*d = (int)range(1, (unsigned)days_in(*y, *m));
}

/* ---- payment cards ---------------------------------------------------- */

/* Issuer ranges (ISO/IEC 7812 IINs as the networks publish them). */
static const struct issuer {
	const char *name;
	unsigned lo, hi, digits;
	unsigned len[3];
} issuers[] = {
	{ "Visa", 4, 4, 1, { 16, 16, 13 } },
	{ "Visa", 4, 4, 1, { 16, 19, 16 } },
	{ "Mastercard", 51, 55, 2, { 16, 16, 16 } },
	{ "Mastercard", 2221, 2720, 4, { 16, 16, 16 } },
	{ "Amex", 34, 34, 2, { 15, 15, 15 } },
	{ "Amex", 37, 37, 2, { 15, 15, 15 } },
	{ "Discover", 6011, 6011, 4, { 16, 16, 19 } },
	{ "Discover", 644, 649, 3, { 16, 16, 16 } },
	{ "Discover", 65, 65, 2, { 16, 16, 16 } },
	{ "JCB", 3528, 3589, 4, { 16, 16, 16 } },
	{ "UnionPay", 62, 62, 2, { 16, 19, 16 } },
	{ "Diners", 36, 36, 2, { 14, 14, 14 } },
	{ "Diners", 300, 305, 3, { 14, 14, 14 } },
	{ "Diners", 38, 39, 2, { 16, 14, 16 } },
	{ "Maestro", 5018, 5018, 4, { 16, 19, 13 } },
	{ "Maestro", 5020, 5020, 4, { 16, 19, 16 } },
	{ "Maestro", 5038, 5038, 4, { 16, 16, 19 } },
	{ "Maestro", 6304, 6304, 4, { 16, 19, 16 } },
	{ "Maestro", 6759, 6759, 4, { 16, 19, 16 } },
	{ "Maestro", 6761, 6763, 4, { 16, 16, 19 } },
};

/* Whether n digits are in an issuer range at a length it issues. */
static int card_range_ok(const int *d, size_t n)
{
	size_t k, i;

	for (k = 0; k < N_OF(issuers); k++) {
		unsigned v = 0;

		for (i = 0; i < issuers[k].digits; i++)
			v = v * 10 + (unsigned)d[i];
		if (v < issuers[k].lo || v > issuers[k].hi)
			continue;
		for (i = 0; i < 3; i++) {
			if (issuers[k].len[i] == n)
				return 1;
		}
	}
	return 0;
}

/* Whether a run of digits reads as a valid card number. */
static int card_like(const int *d, size_t n)
{
	return n >= 12 && n <= 19 && card_range_ok(d, n) && luhn_ok(d, n);
}

/* Writes n digits grouped as cards are printed. groups lists the group
 * sizes (0-terminated) or is NULL for compact. */
static void group_digits(char *out, const int *d, size_t n, const unsigned *groups,
                         const char *sep)
{
	size_t k = 0, g = 0, o = 0, in = 0;

	for (k = 0; k < n; k++) {
		if (groups && groups[g] && in == groups[g]) {
			memcpy(out + o, sep, strlen(sep));
			o += strlen(sep);
			g++;
			in = 0;
		}
		out[o++] = (char)('0' + d[k]);
		in++;
	}
	out[o] = '\0';
}

static const unsigned g4[] = { 4, 4, 4, 4, 4, 0 };
static const unsigned g465[] = { 4, 6, 5, 0 };
static const unsigned g464[] = { 4, 6, 4, 0 };

/* A card number of issuer is, Luhn-valid or not; its printed form into
 * out. Returns 0 when the number is ambiguous (a look-alike whose leading
 * groups form a valid card). */
static int make_card(char *out, int valid)
{
	const struct issuer *is = &PICK(issuers);
	unsigned prefix = range(is->lo, is->hi);
	size_t n = is->len[rnd(3)], k, pd = is->digits;
	int d[19];
	const unsigned *groups = NULL;
	const char *sep = " ";

	for (k = pd; k-- > 0;) {
		d[k] = (int)(prefix % 10);
		prefix /= 10;
	}
	for (k = pd; k < n; k++)
		d[k] = (int)rnd(10);
	luhn_fix(d, n);
	if (!valid)
		d[n - 1] = other_digit(d[n - 1]);
	switch (rnd(10)) {
	case 0: case 1: case 2:
		break; /* compact */
	case 3: case 4:
		sep = "-";
		/* fall through */
	default:
		groups = n == 15 ? g465 : n == 14 ? (chance(50) ? g464 : g4) : g4;
		break;
	}
	if (!valid) {
		/* Every prefix at a group boundary must fail too. */
		size_t t = 0, g = 0;

		while (groups && groups[g] && t + groups[g] < n) {
			t += groups[g++];
			if (card_like(d, t))
				return 0;
		}
		if (card_like(d, n))
			return 0;
	}
	group_digits(out, d, n, groups, sep);
	return 1;
}

static void expiry(char *out)
{
	snprintf(out, 16, "%02u/%02u", range(1, 12), range(22, 30));
}

static const char *const card_pre[] = {
	"my card number is ", "card: ", "CC ", "cc# ", "Visa ", "card no. ",
	"new card lol ", "charge it to ", "use this one: ", "here's the card ",
	"pls pay with ", "Tarjeta: ", "Kartennummer ", "numéro de carte ",
	"@support the charge on ", "someone just used my card ", "card ",
	"credit card: ", "debit card ", "leaked: ", "number on the card is ",
	"it's ", "ok the card is ", "cartão ", "カード番号 ",
};

static int gen_card(int valid)
{
	char num[40], exp[16];

	if (!make_card(num, valid))
		return 0;
	r_begin();
	if (chance(20))
		r_add(chance(50) ? "ugh. " : "DM me if wrong but ");
	r_add(PICK(card_pre));
	r_match("payment_card", num);
	switch (rnd(6)) {
	case 0:
		expiry(exp);
		r_addf(" exp %s cvv %03u", exp, range(100, 999));
		break;
	case 1:
		expiry(exp);
		r_addf(", expires %s", exp);
		break;
	case 2:
		r_add(" thanks!!");
		break;
	case 3:
		r_add(" 🙏");
		break;
	case 4:
		r_addf(" (the one ending %u)", range(1000, 9999));
		break;
	default:
		break;
	}
	return r_emit(valid ? "card" : "card_lookalike", NULL);
}

/* ---- IBANs ------------------------------------------------------------ */

/* BBAN shapes: n digits, a upper-case letters, c letters or digits. */
static const struct {
	const char *cc;
	const char *bban;
} iban_formats[] = {
	{ "DE", "18n" }, { "GB", "4a14n" }, { "FR", "10n11c2n" },
	{ "ES", "20n" }, { "IT", "1a10n12c" }, { "NL", "4a10n" },
	{ "BE", "12n" }, { "AT", "16n" }, { "CH", "5n12c" }, { "PL", "24n" },
	{ "SE", "20n" }, { "NO", "11n" }, { "DK", "14n" }, { "FI", "14n" },
	{ "IE", "4a14n" }, { "PT", "21n" }, { "LU", "3n13c" },
	{ "CZ", "20n" }, { "SK", "20n" }, { "HU", "24n" }, { "RO", "4a16c" },
	{ "GR", "7n16c" }, { "TR", "5n1n16c" }, { "SA", "2n18c" },
	{ "AE", "19n" }, { "BR", "23n1a1c" }, { "HR", "17n" }, { "SI", "15n" },
	{ "LT", "16n" }, { "EE", "16n" }, { "BG", "4a6n8c" }, { "IL", "19n" },
	{ "IS", "22n" }, { "MT", "4a5n18c" }, { "CY", "8n16c" },
	{ "UA", "6n19c" },
};

static unsigned mod97(const char *v)
{
	unsigned r = 0;

	for (; *v; v++) {
		if (*v >= '0' && *v <= '9')
			r = (r * 10 + (unsigned)(*v - '0')) % 97;
		else
			r = (r * 100 + (unsigned)(*v - 'A' + 10)) % 97;
	}
	return r;
}

static int make_iban(char *out, int valid, int *lower)
{
	const char *f, *cc;
	char bban[40], tmp[64], iban[64];
	size_t n = 0, k, o = 0;
	unsigned cd;

	k = rnd(N_OF(iban_formats));
	cc = iban_formats[k].cc;
	for (f = iban_formats[k].bban; *f;) {
		unsigned cnt = 0;

		while (*f >= '0' && *f <= '9')
			cnt = cnt * 10 + (unsigned)(*f++ - '0');
		for (; cnt > 0; cnt--) {
			char c;

			if (*f == 'n' || (*f == 'c' && chance(85)))
				c = (char)('0' + rnd(10));
			else
				c = (char)('A' + rnd(26));
			bban[n++] = c;
		}
		f++;
	}
	bban[n] = '\0';
	snprintf(tmp, sizeof(tmp), "%s%s00", bban, cc);
	cd = 98 - mod97(tmp);
	if (!valid) {
		unsigned w;

		do
			w = range(2, 98);
		while (w == cd);
		cd = w;
	}
	snprintf(iban, sizeof(iban), "%s%02u%s", cc, cd, bban);
	*lower = chance(8);
	/* Grouped in fours or compact. */
	if (chance(60)) {
		for (k = 0; iban[k]; k++) {
			if (k && k % 4 == 0)
				out[o++] = ' ';
			out[o++] = iban[k];
		}
	} else {
		for (k = 0; iban[k]; k++)
			out[o++] = iban[k];
	}
	out[o] = '\0';
	if (*lower) {
		for (k = 0; out[k]; k++) {
			if (out[k] >= 'A' && out[k] <= 'Z')
				out[k] = (char)(out[k] + 32);
		}
	}
	return 1;
}

static const char *const iban_pre[] = {
	"IBAN: ", "send it to ", "my IBAN is ", "Überweisung bitte an ",
	"bank details: IBAN ", "rekeningnummer ", "IBAN ", "pay me at ",
	"virement sur ", "transfer to ", "Kontonummer (IBAN) ", "iban ",
	"for the deposit: ", "refund to ", "c/c IBAN ", "rent goes to ",
};

static int gen_iban(int valid)
{
	char v[48];
	int lower;

	make_iban(v, valid, &lower);
	r_begin();
	r_add(PICK(iban_pre));
	r_match("iban", v);
	switch (rnd(5)) {
	case 0:
		r_add(" (BIC on request)");
		break;
	case 1:
		r_addf(" ref: rent %s", chance(50) ? "march" : "june");
		break;
	case 2:
		r_add(" thx!");
		break;
	default:
		break;
	}
	return r_emit(valid ? "iban" : "iban_lookalike", NULL);
}

/* ---- US SSN, ITIN, ABA routing ---------------------------------------- */

static void fmt_nine(char *out, unsigned a, unsigned g, unsigned s, int style)
{
	switch (style) {
	case 0:
		snprintf(out, 16, "%03u-%02u-%04u", a, g, s);
		break;
	case 1:
		snprintf(out, 16, "%03u %02u %04u", a, g, s);
		break;
	default:
		snprintf(out, 16, "%03u%02u%04u", a, g, s);
		break;
	}
}

static const char *const ssn_ctx[] = {
	"my SSN is ", "SSN: ", "social security number ", "ssn ", "SS# ",
	"her social security number is ", "SSN ",
};
static const char *const ssn_noctx[] = {
	"lol here it is ", "found his number ", "it's ", "use ",
	"the form says ", "#doxxed ", "number: ",
};

static int gen_ssn(int valid)
{
	unsigned a, g, s;
	int style = (int)rnd(3);
	char v[16];

	if (valid) {
		do {
			a = range(1, 899);
			g = range(1, 99);
			s = range(1, 9999);
		} while (a == 666 || (a == 78 && g == 5 && s == 1120) ||
		         (a == 219 && g == 9 && s == 9999));
	} else {
		a = range(1, 899);
		g = range(1, 99);
		s = range(1, 9999);
		switch (rnd(5)) {
		case 0: a = 0; break;
		case 1: a = 666; break;
		case 2:
			/* 9xx with a group the IRS never uses for ITINs, so
			 * that it is not a valid ITIN either. */
			a = range(900, 999);
			g = chance(50) ? range(1, 69) : (chance(50) ? 89 : 93);
			break;
		case 3: g = 0; break;
		default: s = 0; break;
		}
	}
	fmt_nine(v, a, g, s, style);
	r_begin();
	r_add(style == 2 || chance(50) ? PICK(ssn_ctx) : PICK(ssn_noctx));
	r_match("us_ssn", v);
	if (chance(30))
		r_add(chance(50) ? " pls don't share" : " (real one)");
	return r_emit(valid ? "us_ssn" : "us_ssn_lookalike", NULL);
}

static int gen_itin(void)
{
	static const char *const pre[] = {
		"ITIN ", "my ITIN is ", "tax id: ", "taxpayer id ", "ITIN: ",
		"use my itin ",
	};
	unsigned g;
	char v[16];
	int style = (int)rnd(3);

	switch (rnd(3)) {
	case 0: g = range(70, 88); break;
	case 1: g = range(90, 92); break;
	default: g = range(94, 99); break;
	}
	fmt_nine(v, range(900, 999), g, range(1, 9999), style);
	r_begin();
	r_add(PICK(pre));
	r_match("us_itin", v);
	if (chance(30))
		r_add(" for the 1040");
	return r_emit("us_itin", NULL);
}

static int aba_prefix(void)
{
	switch (rnd(4)) {
	case 0: return (int)range(1, 12);
	case 1: return (int)range(21, 32);
	case 2: return (int)range(61, 72);
	default: return chance(20) ? 80 : (int)range(1, 12);
	}
}

static int gen_aba(int valid)
{
	static const char *const pre[] = {
		"routing number ", "routing: ", "ABA ", "RTN ", "routing no. ",
		"Routing number: ", "ABA routing ", "bank routing # ",
		"wire it, routing ",
	};
	int d[9], p = aba_prefix(), sum, k;
	char v[16], acct[24];

	d[0] = p / 10;
	d[1] = p % 10;
	for (k = 2; k < 8; k++)
		d[k] = (int)rnd(10);
	sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + d[2] + d[5];
	d[8] = (10 - sum % 10) % 10;
	if (!valid)
		d[8] = other_digit(d[8]);
	digits_str(v, d, 9);
	r_begin();
	r_add(PICK(pre));
	r_match("aba_routing", v);
	if (valid && chance(30)) {
		rand_num(acct, range(8, 12), 1);
		r_add(chance(50) ? ", account number " : " acct ");
		r_match("bank_account", acct);
	}
	return r_emit(valid ? "aba_routing" : "aba_lookalike", NULL);
}

/* ---- national identity numbers ---------------------------------------- */

/* The readings of a six-digits-dash-four number that the Nordic rules
 * accept: SE (YYMMDD, Luhn), DK (DDMMYY, date) and FI (DDMMYY, mod 31). */
static int se10_ok(const int *d)
{
	int day = d[4] * 10 + d[5];

	if (day > 60)
		day -= 60;
	if (!date_ok(2000 + d[0] * 10 + d[1], d[2] * 10 + d[3], day) &&
	    !date_ok(1900 + d[0] * 10 + d[1], d[2] * 10 + d[3], day))
		return 0;
	return luhn_ok(d, 10);
}

static int dk_date_ok(const int *d)
{
	int yy = d[4] * 10 + d[5], s = d[6], year;

	if (s <= 3)
		year = 1900 + yy;
	else if (s == 4 || s == 9)
		year = (yy <= 36 ? 2000 : 1900) + yy;
	else
		year = (yy <= 57 ? 2000 : 1800) + yy;
	return date_ok(year, d[2] * 10 + d[3], d[0] * 10 + d[1]);
}

static const char fi_check[] = "0123456789ABCDEFHJKLMNPRSTUVWXY";

static char fi_char(const int *d9)
{
	long v = 0;
	int k;

	for (k = 0; k < 9; k++)
		v = v * 10 + d9[k];
	return fi_check[v % 31];
}

/* A dashed ten-digit number that no Nordic rule accepts. */
static int nordic_dash_none(const int *d)
{
	return !se10_ok(d) && !dk_date_ok(d) && fi_char(d) != (char)('0' + d[9]);
}

static int digits_card_free(const int *d, size_t n)
{
	size_t a, b;

	/* No run of the digits at its ends reads as a card. */
	for (a = 0; a < n; a++) {
		for (b = a + 12; b <= n; b++) {
			if ((a == 0 || b == n) && card_like(d + a, b - a))
				return 0;
		}
	}
	return 1;
}

static int gen_se(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"mitt personnummer är ", "personnummer: ", "pnr ", "Personnr ",
		"hans personnummer ",
	};
	int d[10], y, m, day, form = (int)rnd(4);

	rand_date(1935, 2005, &y, &m, &day);
	if (chance(10))
		day += 60; /* samordningsnummer */
	d[0] = y / 10 % 10;
	d[1] = y % 10;
	d[2] = m / 10;
	d[3] = m % 10;
	d[4] = day / 10;
	d[5] = day % 10;
	rand_digits(d + 6, 3, 0);
	if (d[6] + d[7] + d[8] == 0)
		d[8] = 1;
	luhn_fix(d, 10);
	if (!valid) {
		d[9] = other_digit(d[9]);
		if (!nordic_dash_none(d))
			return 0;
		form = form == 1 ? 0 : form;
	}
	*ctx = form == 0 && chance(40) ? "" : PICK(c);
	switch (form) {
	case 0:
	case 3:
		fmt_pat(out, y < 1920 && chance(50) ? "######+####" : "######-####", d);
		break;
	case 1:
		/* Ten bare digits: taken only after a context word. */
		fmt_pat(out, "##########", d);
		*ctx = PICK(c);
		break;
	default:
		/* YYYYMMDD-NNNN, or twelve bare digits after a context word. */
		out[0] = y < 2000 ? '1' : '2';
		out[1] = y < 2000 ? '9' : '0';
		if (chance(60)) {
			fmt_pat(out + 2, "######-####", d);
		} else {
			fmt_pat(out + 2, "##########", d);
			*ctx = PICK(c);
		}
		break;
	}
	return 1;
}

static int gen_dk(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"CPR-nr. ", "cpr: ", "mit CPR-nummer er ", "CPR ", "cpr nr ",
	};
	int d[10], y, m, day;

	rand_date(1937, 1999, &y, &m, &day);
	d[0] = day / 10;
	d[1] = day % 10;
	d[2] = m / 10;
	d[3] = m % 10;
	d[4] = y / 10 % 10;
	d[5] = y % 10;
	rand_digits(d + 6, 4, 0);
	d[6] = (int)rnd(4); /* 1900-1999 */
	if (!valid) {
		/* DK has no check digit any more: a look-alike is a date
		 * that does not exist (31 April, 30 February, day 32-39). */
		switch (rnd(3)) {
		case 0: d[0] = 3; d[1] = (int)range(2, 9); break;
		case 1: d[0] = 3; d[1] = 1; d[2] = 0; d[3] = 4; break;
		default: d[0] = 3; d[1] = 0; d[2] = 0; d[3] = 2; break;
		}
		if (!nordic_dash_none(d))
			return 0;
	}
	*ctx = PICK(c);
	fmt_pat(out, chance(80) || !valid ? "######-####" : "##########", d);
	if (valid && out[6] != '-' && !digits_card_free(d, 10))
		return 0;
	return 1;
}

static int gen_fi(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"henkilötunnus ", "hetu: ", "HETU ", "henkilötunnukseni on ", "",
	};
	int d[9], y, m, day;
	char sign, chk;

	rand_date(1930, 2015, &y, &m, &day);
	sign = y >= 2000 ? 'A' : '-';
	d[0] = day / 10;
	d[1] = day % 10;
	d[2] = m / 10;
	d[3] = m % 10;
	d[4] = y / 10 % 10;
	d[5] = y % 10;
	rand_digits(d + 6, 3, 0);
	if (d[6] == 0 && d[7] == 0)
		d[8] = (int)range(2, 9);
	chk = fi_char(d);
	if (!valid) {
		/* A wrong check character that is a letter: a digit would make
		 * a DDMMYY-NNNN number, a valid Danish CPR. */
		do
			chk = fi_check[range(10, 30)];
		while (chk == fi_char(d));
	}
	*ctx = PICK(c);
	fmt_pat(out, "######", d);
	out[6] = sign;
	fmt_pat(out + 7, "###", d + 6);
	out[10] = chk;
	out[11] = '\0';
	return 1;
}

static int no_check(const int *d, const int *w, int n)
{
	int s = 0, k;

	for (k = 0; k < n; k++)
		s += d[k] * w[k];
	return (11 - s % 11) % 11;
}

static int gen_no(char *out, const char **ctx, int valid)
{
	static const int w1[9] = { 3, 7, 6, 1, 8, 9, 4, 5, 2 };
	static const int w2[10] = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };
	static const char *const c[] = {
		"fødselsnummer ", "fnr: ", "mitt fødselsnummer er ", "f.nr ",
		"personnummer ",
	};
	int d[11], y, m, day, ind;

	rand_date(1940, 1999, &y, &m, &day);
	d[0] = day / 10;
	d[1] = day % 10;
	d[2] = m / 10;
	d[3] = m % 10;
	d[4] = y / 10 % 10;
	d[5] = y % 10;
	ind = (int)range(0, 499);
	d[6] = ind / 100;
	d[7] = ind / 10 % 10;
	d[8] = ind % 10;
	d[9] = no_check(d, w1, 9);
	if (d[9] == 10)
		return 0;
	d[10] = no_check(d, w2, 10);
	if (d[10] == 10)
		return 0;
	if (!valid)
		d[10] = other_digit(d[10]);
	if (!digits_card_free(d, 11))
		return 0;
	*ctx = PICK(c);
	fmt_pat(out, chance(70) ? "###########" : "###### #####", d);
	return 1;
}

static const char es_letters[] = "TRWAGMYFPDXBNJZSQVHLCKE";

static int gen_es(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"DNI ", "mi DNI es ", "NIE: ", "DNI: ", "con DNI ", "",
	};
	unsigned long v;
	char letter;

	*ctx = PICK(c);
	if (chance(70)) {
		v = range(1000000, 99999999);
		letter = es_letters[v % 23];
		if (!valid)
			letter = es_letters[(v % 23 + range(1, 22)) % 23];
		snprintf(out, 32, chance(80) ? "%08lu%c" : "%08lu-%c", v, letter);
	} else {
		unsigned p = rnd(3);

		v = range(0, 9999999);
		letter = es_letters[(p * 10000000 + v) % 23];
		if (!valid)
			letter = es_letters[((p * 10000000 + v) % 23 + range(1, 22)) % 23];
		snprintf(out, 32, "%c%07lu%c", "XYZ"[p], v, letter);
	}
	return 1;
}

static int gen_it(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"codice fiscale ", "CF: ", "il mio codice fiscale è ", "C.F. ", "",
	};
	static const char *const towns[] = {
		"H501", "F205", "L219", "A662", "G273", "D612", "F839", "A944",
		"L736", "C351", "G224", "B354", "E506",
	};
	static const unsigned char odd[36] = {
		1, 0, 5, 7, 9, 13, 15, 17, 19, 21, /* 0-9 */
		1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
		14, 16, 10, 22, 25, 24, 23, /* A-Z */
	};
	static const char cons[] = "BCDFGLMNPRSTVZ", vow[] = "AEIOU";
	static const char months[] = "ABCDEHLMPRST";
	char v[17];
	int k, sum = 0, day;

	for (k = 0; k < 6; k++)
		v[k] = k == 4 && chance(30) ? vow[rnd(5)] : cons[rnd(14)];
	snprintf(v + 6, 3, "%02u", range(40, 99));
	v[8] = months[rnd(12)];
	day = (int)range(1, 28) + (chance(50) ? 40 : 0);
	snprintf(v + 9, 3, "%02d", day);
	memcpy(v + 11, PICK(towns), 4);
	for (k = 0; k < 15; k++) {
		int ch = (unsigned char)v[k];
		int idx = ch >= 'A' ? ch - 'A' + 10 : ch - '0';

		if (k % 2 == 0)
			sum += odd[idx];
		else
			sum += ch >= 'A' ? ch - 'A' : ch - '0';
	}
	v[15] = (char)('A' + sum % 26);
	if (!valid)
		v[15] = (char)('A' + (sum % 26 + (int)range(1, 25)) % 26);
	v[16] = '\0';
	*ctx = PICK(c);
	strcpy(out, v);
	return 1;
}

static int gen_fr(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"numéro de sécu ", "NIR : ", "n° sécurité sociale ", "mon numéro de sécu c'est ",
		"carte vitale ", "",
	};
	unsigned sex = range(1, 2), yy = rnd(100), mm = range(1, 12), dept, com,
		 ord, key;
	unsigned long long n;
	char dep[3];
	int corsica = chance(5) ? (int)range(1, 2) : 0, d[15], k;

	if (corsica) {
		dept = corsica == 1 ? 19 : 18;
		snprintf(dep, sizeof(dep), "2%c", corsica == 1 ? 'A' : 'B');
	} else {
		do
			dept = range(1, 95);
		while (dept == 20);
		snprintf(dep, sizeof(dep), "%02u", dept);
	}
	com = range(1, 990);
	ord = range(1, 999);
	n = (((((unsigned long long)sex * 100 + yy) * 100 + mm) * 100 + dept) * 1000 +
	     com) * 1000 + ord;
	key = 97 - (unsigned)(n % 97);
	if (!valid)
		key = (key + range(1, 96) - 1) % 97 + 1;
	*ctx = PICK(c);
	switch (rnd(3)) {
	case 0:
		snprintf(out, 40, "%u %02u %02u %s %03u %03u %02u", sex, yy, mm, dep,
		         com, ord, key);
		break;
	case 1:
		snprintf(out, 40, "%u%02u%02u%s%03u%03u%02u", sex, yy, mm, dep, com,
		         ord, key);
		break;
	default:
		snprintf(out, 40, "%u%02u%02u%s%03u%03u %02u", sex, yy, mm, dep, com,
		         ord, key);
		break;
	}
	if (!corsica) {
		char t[40];
		size_t o = 0;

		for (k = 0; out[k]; k++) {
			if (out[k] != ' ')
				t[o++] = out[k];
		}
		for (k = 0; k < 15; k++)
			d[k] = t[k] - '0';
		if (!digits_card_free(d, 15))
			return 0;
	}
	return 1;
}

static int gen_nl(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"BSN ", "mijn BSN is ", "burgerservicenummer: ", "BSN-nummer ",
		"sofinummer ",
	};
	int d[9], s = 0, k;

	rand_digits(d, 8, 1);
	for (k = 0; k < 8; k++)
		s += d[k] * (9 - k);
	d[8] = s % 11;
	if (d[8] == 10)
		return 0;
	if (!valid)
		d[8] = other_digit(d[8]);
	*ctx = PICK(c);
	fmt_pat(out, chance(75) ? "#########" : "####.##.###", d);
	return 1;
}

static int gen_br(char *out, const char **ctx, int valid)
{
	static const char *const c[] = {
		"CPF ", "meu CPF é ", "CPF: ", "cpf ", "o CPF dele é ",
	};
	int d[11], s, k;

	rand_digits(d, 9, 0);
	for (s = 0, k = 0; k < 9; k++)
		s += d[k] * (10 - k);
	d[9] = s * 10 % 11 % 10;
	for (s = 0, k = 0; k < 10; k++)
		s += d[k] * (11 - k);
	d[10] = s * 10 % 11 % 10;
	if (!valid)
		d[10] = other_digit(d[10]);
	*ctx = PICK(c);
	fmt_pat(out, chance(75) ? "###.###.###-##" : "###########", d);
	return 1;
}

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

static int gen_in(char *out, const char **ctx, int valid)
{
	static const unsigned char inv[10] = { 0, 4, 3, 2, 1, 5, 6, 7, 8, 9 };
	static const char *const c[] = {
		"Aadhaar ", "my aadhaar no ", "UID: ", "aadhar card number ",
		"Aadhaar number: ", "",
	};
	int d[12], c0 = 0, k, year = 1;

	rand_digits(d, 11, 2);
	for (k = 0; k < 11; k++)
		c0 = vd[c0][vp[(k + 1) % 8][d[10 - k]]];
	d[11] = inv[c0];
	if (!valid)
		d[11] = other_digit(d[11]);
	for (k = 0; k < 12; k += 4)
		year &= (d[k] == 1 && d[k + 1] == 9) || (d[k] == 2 && d[k + 1] == 0);
	*ctx = PICK(c);
	if (year && !**ctx)
		return 0; /* 1998 2004 2011: years, not an Aadhaar number */
	fmt_pat(out, **ctx && chance(20) ? "####-####-####" : "#### #### ####", d);
	return 1;
}

static int gen_cn(char *out, const char **ctx, int valid)
{
	static const char *const areas[] = {
		"110101", "110105", "310104", "310115", "440305", "440106",
		"510107", "330106", "420106", "320102", "500103", "610113",
		"210102", "370202", "350203", "430104", "120101", "410105",
	};
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char chk[] = "10X98765432";
	static const char *const c[] = {
		"身份证号 ", "身份证号码：", "ID ", "身份证 ", "",
	};
	int d[18], y, m, day, k, s = 0;
	char t[24], cc;

	rand_date(1950, 2005, &y, &m, &day);
	snprintf(t, sizeof(t), "%s%04d%02d%02d%03u", PICK(areas), y, m, day,
	         range(1, 999));
	for (k = 0; k < 17; k++) {
		d[k] = t[k] - '0';
		s += d[k] * w[k];
	}
	cc = chk[s % 11];
	if (!valid)
		cc = chk[(s % 11 + range(1, 10)) % 11];
	if (cc != 'X') {
		d[17] = cc - '0';
		if (!digits_card_free(d, 18))
			return 0;
	}
	*ctx = PICK(c);
	snprintf(out, 32, "%s%c", t, cc);
	return 1;
}

static int gen_uk(char *out, const char **ctx, int valid)
{
	static const char first_ok[] = "ABCEGHJKLMNOPRSTWXYZ";
	static const char second_ok[] = "ABCEGHJKLMNPRSTWXYZ";
	static const char *const banned[] = { "BG", "GB", "KN", "NK", "NT", "TN", "ZZ" };
	static const char *const c[] = {
		"NI number ", "national insurance no ", "NINO: ", "my NI no. is ",
		"National Insurance number ", "",
	};
	char a, b, suffix = "ABCD"[rnd(4)];
	unsigned n = range(0, 999999);
	size_t k;

	do {
		a = first_ok[rnd(sizeof(first_ok) - 1)];
		b = second_ok[rnd(sizeof(second_ok) - 1)];
		for (k = 0; k < N_OF(banned); k++) {
			if (banned[k][0] == a && banned[k][1] == b)
				break;
		}
	} while (k < N_OF(banned));
	if (!valid) {
		/* NINOs have no check digit: a look-alike has a prefix HMRC
		 * never issues. */
		if (chance(50)) {
			a = "DFIQUV"[rnd(6)];
		} else {
			const char *p = PICK(banned);

			a = p[0];
			b = p[1];
		}
	}
	*ctx = PICK(c);
	switch (rnd(3)) {
	case 0:
		snprintf(out, 32, "%c%c%06u%c", a, b, n, suffix);
		break;
	case 1:
		snprintf(out, 32, "%c%c %02u %02u %02u %c", a, b, n / 10000,
		         n / 100 % 100, n % 100, suffix);
		break;
	default:
		snprintf(out, 32, "%c%c %06u %c", a, b, n, suffix);
		break;
	}
	return 1;
}

static int gen_national_id(int valid)
{
	static int (*const gens[])(char *, const char **, int) = {
		gen_se, gen_no, gen_dk, gen_fi, gen_es, gen_it, gen_fr, gen_nl,
		gen_br, gen_in, gen_cn, gen_uk,
	};
	static const char *const tails[] = {
		"", "", " lol", " (don't ask)", " pls fix my account",
		" — why is this on the internet", " 😬",
	};
	static unsigned turn;
	char v[48];
	const char *ctx = "";

	if (!gens[turn++ % N_OF(gens)](v, &ctx, valid))
		return 0;
	r_begin();
	if (!*ctx)
		r_add(chance(50) ? "found it: " : "here: ");
	r_add(ctx);
	r_match("national_id", v);
	r_add(PICK(tails));
	return r_emit(valid ? "national_id" : "national_id_lookalike", NULL);
}

/* ---- e-mail, GPS, credentials ----------------------------------------- */

static const char *const first_names[] = {
	"jane", "mark", "sarah", "omar", "li.wei", "anna", "lukas", "maria",
	"kenji", "fatima", "diego", "chloe", "noah", "amara", "ivan", "sofia",
	"tom", "priya", "emma", "yusuf", "lea", "carlos", "mei", "olivia",
};
static const char *const last_names[] = {
	"doe", "smith", "garcia", "muller", "tanaka", "okafor", "rossi",
	"nguyen", "kowalski", "silva", "haddad", "berg", "kim", "patel",
};
static const char *const domains[] = {
	"gmail.com", "outlook.com", "yahoo.co.uk", "proton.me", "icloud.com",
	"hotmail.fr", "web.de", "gmx.net", "acme-corp.io", "uni-heidelberg.de",
	"mail.ru", "example.org", "company.com.br", "firma.se", "studio42.design",
	"kpn.nl",
};
static const char *const idn_domains[] = {
	"bücher.de", "müller-bau.at", "почта.рф", "münchen.de", "例え.jp",
	"xn--mnchen-3ya.de", "correo.españa.es", "café.fr", "ελληνικά.gr",
	"straße.de",
};

static void make_local(char *out, size_t cap)
{
	const char *f = PICK(first_names), *l = PICK(last_names);

	switch (rnd(6)) {
	case 0: snprintf(out, cap, "%s", f); break;
	case 1: snprintf(out, cap, "%s.%s", f, l); break;
	case 2: snprintf(out, cap, "%s_%s%u", f, l, range(1, 99)); break;
	case 3: snprintf(out, cap, "%s%u", f, range(70, 2005)); break;
	case 4: snprintf(out, cap, "%c%s", f[0], l); break;
	default: snprintf(out, cap, "%s.%s+%s", f, l, chance(50) ? "news" : "shop"); break;
	}
}

static const char *const email_pre[] = {
	"email me at ", "contact: ", "her email is ", "reach me on ",
	"DM or ", "send your CV to ", "his personal email ", "mail: ",
	"write to ", "questions? ", "E-Mail: ", "correo: ", "PayPal ",
	"Venmo/Zelle ",
};

static int gen_email(void)
{
	char local[64], addr[160];

	make_local(local, sizeof(local));
	snprintf(addr, sizeof(addr), "%s@%s", local,
	         chance(25) ? PICK(idn_domains) : PICK(domains));
	r_begin();
	r_add(PICK(email_pre));
	r_match("email", addr);
	if (chance(40))
		r_add(chance(50) ? " for collabs 💌" : " lol");
	return r_emit("email", NULL);
}

static const struct {
	double lat, lon;
} places[] = {
	{ 40.7128, -74.0060 }, { 51.5072, -0.1276 }, { 48.8584, 2.2945 },
	{ 35.6595, 139.7005 }, { -33.8688, 151.2093 }, { 52.5200, 13.4050 },
	{ 19.4326, -99.1332 }, { -23.5505, -46.6333 }, { 59.3293, 18.0686 },
	{ 41.9028, 12.4964 }, { 37.7749, -122.4194 }, { 28.6139, 77.2090 },
	{ 1.3521, 103.8198 }, { 55.7558, 37.6173 }, { -1.2921, 36.8219 },
	{ 30.0444, 31.2357 }, { 45.5017, -73.5673 }, { 34.0522, -118.2437 },
};

static void coord(char *out, size_t cap, double v, int dec)
{
	snprintf(out, cap, "%.*f", dec, v);
}

static int gen_gps(void)
{
	double lat, lon;
	int dec = (int)range(4, 6), k = (int)rnd(N_OF(places));
	char a[24], b[24], pair[96], url[200];

	lat = places[k].lat + ((double)rnd(20000) - 10000) / 100000.0;
	lon = places[k].lon + ((double)rnd(20000) - 10000) / 100000.0;
	coord(a, sizeof(a), lat, dec);
	coord(b, sizeof(b), lon, dec);
	r_begin();
	switch (rnd(8)) {
	case 0:
		r_add(chance(50) ? "she's at " : "we're parked at ");
		snprintf(pair, sizeof(pair), "%s, %s", a, b);
		r_match("gps_coordinates", pair);
		r_add(" right now");
		break;
	case 1: {
		unsigned dg1 = (unsigned)(lat < 0 ? -lat : lat),
			 dg2 = (unsigned)(lon < 0 ? -lon : lon);

		r_add(chance(50) ? "his house: " : "coords ");
		snprintf(pair, sizeof(pair), "%u°%u'%u\"%c %u°%u'%u\"%c", dg1,
		         range(0, 59), range(0, 59), lat < 0 ? 'S' : 'N', dg2,
		         range(0, 59), range(0, 59), lon < 0 ? 'W' : 'E');
		r_match("gps_coordinates", pair);
		break;
	}
	case 2:
		r_add("location ");
		snprintf(pair, sizeof(pair), "%.2f, %.2f", lat, lon);
		r_match("gps_coordinates", pair);
		r_add(" come find me");
		break;
	case 3:
		/* The detector reports the pair after "geo:". */
		r_add(chance(50) ? "📍 geo:" : "pin: geo:");
		snprintf(pair, sizeof(pair), "%s,%s", a, b);
		r_match("gps_coordinates", pair);
		break;
	case 4:
		snprintf(pair, sizeof(pair), "%s,%s", a, b);
		r_add("her place https://www.google.com/maps/@");
		r_match("gps_coordinates", pair);
		r_addf(",%uz", range(12, 19));
		break;
	case 5:
		snprintf(pair, sizeof(pair), "%s,%s", a, b);
		r_add("meet here https://maps.google.com/?q=");
		r_match("gps_coordinates", pair);
		break;
	case 6:
		snprintf(pair, sizeof(pair), "%s/%s", a, b);
		snprintf(url, sizeof(url), "https://www.openstreetmap.org/#map=%u/",
		         range(14, 19));
		r_add("this is where he lives ");
		r_add(url);
		r_match("gps_coordinates", pair);
		break;
	default:
		snprintf(pair, sizeof(pair), "%.4f° %c, %.4f° %c", lat < 0 ? -lat : lat,
		         lat < 0 ? 'S' : 'N', lon < 0 ? -lon : lon, lon < 0 ? 'W' : 'E');
		r_add("GPS ");
		r_match("gps_coordinates", pair);
		break;
	}
	return r_emit("gps", NULL);
}

static int gen_credentials(void)
{
	static const char *const words[] = {
		"Sunshine", "dragon", "Summer", "monkey", "Football", "shadow",
		"Princess", "qwerty", "Tr0ub4dor", "letmein", "Passw0rd",
		"hunter", "Bella", "Arsenal", "Kitty",
	};
	static const char *const syms[] = { "", "!", "#", "$", "!!", "@", "*" };
	char user[64], pw[64], pair[200], addr[160];

	make_local(user, sizeof(user));
	snprintf(pw, sizeof(pw), "%s%u%s", PICK(words), range(1, 2023), PICK(syms));
	r_begin();
	if (chance(25))
		r_add(chance(50) ? "leaked lol " : "for the shared account: ");
	switch (rnd(7)) {
	case 0: snprintf(pair, sizeof(pair), "login: %s pw: %s", user, pw); break;
	case 1: snprintf(pair, sizeof(pair), "username: %s password: %s", user, pw); break;
	case 2: snprintf(pair, sizeof(pair), "user/pass: %s / %s", user, pw); break;
	case 3: snprintf(pair, sizeof(pair), "password: %s", pw); break;
	case 4: snprintf(pair, sizeof(pair), "pwd=%s", pw); break;
	case 5: snprintf(pair, sizeof(pair), "Passwort: %s", pw); break;
	default:
		/* The pair holds an e-mail address: both are expected. */
		snprintf(addr, sizeof(addr), "%s@%s", user, PICK(domains));
		r_add("email: ");
		r_match("email", addr);
		snprintf(pair, sizeof(pair), "password: %s", pw);
		r_add(" ");
		r_match("credentials", pair);
		return r_emit("credentials", NULL);
	}
	r_match("credentials", pair);
	if (chance(30))
		r_add(" don't change it");
	return r_emit("credentials", NULL);
}

/* ---- evasion ---------------------------------------------------------- */

/* Appends the UTF-8 of cp to out. */
static size_t put_cp(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int is_digit_c(char c) { return c >= '0' && c <= '9'; }

/* Full-width forms of the ASCII letters, digits and punctuation. */
static void ev_fullwidth(char *out, const char *in)
{
	size_t o = 0;

	for (; *in; in++) {
		unsigned char c = (unsigned char)*in;

		if (c > 0x20 && c < 0x7F && (is_digit_c((char)c) || chance(90)))
			o += put_cp(out + o, 0xFF00 + c - 0x20);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
}

/* Digits of another script (each text one script). */
static void ev_script_digits(char *out, const char *in)
{
	static const uint32_t zeros[] = {
		0x660, 0x6F0, 0x966, 0x9E6, 0xE50, 0x1D7CE, 0xA66, 0x1040,
	};
	uint32_t z = PICK(zeros);
	size_t o = 0;

	for (; *in; in++) {
		if (is_digit_c(*in))
			o += put_cp(out + o, z + (uint32_t)(*in - '0'));
		else
			out[o++] = *in;
	}
	out[o] = '\0';
}

/* Invisible characters between characters of the value. */
static void ev_invisible(char *out, const char *in, int zero_width)
{
	static const uint32_t zw[] = { 0x200B, 0x200C, 0x200D };
	static const uint32_t inv[] = { 0x2060, 0xAD, 0xFEFF, 0x2062, 0x200E, 0x2063 };
	size_t o = 0;
	int placed = 0;

	for (; *in; in++) {
		out[o++] = *in;
		if (in[1] && (chance(35) || (!placed && !in[2])) && *in != ' ' &&
		    in[1] != ' ') {
			o += put_cp(out + o, zero_width ? PICK(zw) : PICK(inv));
			placed = 1;
		}
	}
	out[o] = '\0';
}

/* The digits of in, regrouped with separator sep: each digit apart, or
 * in groups of two or three. */
static void ev_separate(char *out, const char *in, char sep)
{
	char d[32];
	size_t n = 0, o = 0, k, in_group = 0, size;
	int each = chance(40);
	const char *start = in;

	for (; *in; in++) {
		if (is_digit_c(*in) && n < sizeof(d))
			d[n++] = *in;
	}
	size = each ? 1 : range(2, 3);
	if (*start == '+')
		out[o++] = '+'; /* +44: the calling code stays a calling code */
	for (k = 0; k < n; k++) {
		if (k && in_group == size) {
			out[o++] = sep;
			in_group = 0;
			if (!each)
				size = range(2, 3);
		}
		out[o++] = d[k];
		in_group++;
	}
	out[o] = '\0';
}

static const char *const evasion_forms[] = {
	"fullwidth", "unicode_digits", "zero_width", "invisible", "sep_space",
	"sep_dot", "sep_dash", "sep_slash", "at_bracket", "at_paren", "at_word",
	"dot_bracket",
};

/* A US, UK, German, French or Indian phone number, as people write it. */
static void make_phone(char *out, size_t cap)
{
	switch (rnd(6)) {
	case 0:
		snprintf(out, cap, "(%u) %u-%04u", range(201, 989), range(201, 989),
		         range(0, 9999));
		break;
	case 1:
		snprintf(out, cap, "+1 %u %u %04u", range(201, 989), range(201, 989),
		         range(0, 9999));
		break;
	case 2:
		snprintf(out, cap, "+44 7%03u %06u", range(400, 999), range(0, 999999));
		break;
	case 3:
		snprintf(out, cap, "+49 %u %u", range(30, 89) * 10 + rnd(10),
		         range(1000000, 9999999));
		break;
	case 4:
		snprintf(out, cap, "06 %02u %02u %02u %02u", rnd(100), rnd(100),
		         rnd(100), rnd(100));
		break;
	default:
		snprintf(out, cap, "+91 9%04u %05u", range(0, 9999), range(0, 99999));
		break;
	}
	/* US exchange codes: no N11 and not the fictional 555. */
	if (strstr(out, "555"))
		out[strstr(out, "555") - out] = '4';
}

static int gen_evasion(void)
{
	static unsigned turn;
	static const char *const kinds[] = { "phone", "card", "ssn", "email" };
	static const char *const phone_pre[] = {
		"call me ", "text her on ", "my number ", "whatsapp ", "ph: ",
		"reach him at ", "cell ",
	};
	const char *form = evasion_forms[turn % N_OF(evasion_forms)];
	const char *kind = kinds[(turn / N_OF(evasion_forms)) % 4], *det;
	char base[128], v[512], local[64];
	int email = strncmp(form, "at_", 3) == 0 || strcmp(form, "dot_bracket") == 0;

	turn++;
	if (email)
		kind = "email";
	else if (strcmp(kind, "email") == 0 && form[0] == 's')
		kind = "phone"; /* separators are a number's evasion */
	else if (strcmp(kind, "email") == 0 && strcmp(form, "unicode_digits") == 0)
		kind = "card";
	r_begin();
	if (strcmp(kind, "phone") == 0) {
		det = "phone";
		make_phone(base, sizeof(base));
		r_add(PICK(phone_pre));
	} else if (strcmp(kind, "card") == 0) {
		det = "payment_card";
		while (!make_card(base, 1))
			;
		r_add(PICK(card_pre));
	} else if (strcmp(kind, "ssn") == 0) {
		unsigned a, g = range(1, 99), s = range(1, 9999);

		det = "us_ssn";
		do
			a = range(1, 899);
		while (a == 666);
		fmt_nine(base, a, g, s, 0);
		r_add(PICK(ssn_ctx));
	} else {
		det = "email";
		make_local(local, sizeof(local));
		snprintf(base, sizeof(base), "%s@%s", local, PICK(domains));
		r_add(PICK(email_pre));
	}
	if (strcmp(form, "fullwidth") == 0) {
		ev_fullwidth(v, base);
	} else if (strcmp(form, "unicode_digits") == 0) {
		ev_script_digits(v, base);
	} else if (strcmp(form, "zero_width") == 0) {
		ev_invisible(v, base, 1);
	} else if (strcmp(form, "invisible") == 0) {
		ev_invisible(v, base, 0);
	} else if (form[0] == 's') {
		ev_separate(v, base, !strcmp(form, "sep_space") ? ' ' :
		            !strcmp(form, "sep_dot") ? '.' :
		            !strcmp(form, "sep_dash") ? '-' : '/');
	} else {
		/* E-mail: "[at]", "(at)", " at " and "[dot]". */
		const char *dom = PICK(domains), *dot = strchr(dom, '.');
		char d1[64];

		snprintf(d1, sizeof(d1), "%.*s", (int)(dot - dom), dom);
		if (strcmp(form, "at_bracket") == 0)
			snprintf(v, sizeof(v), chance(50) ? "%s [at] %s%s" : "%s[at]%s%s",
			         local, d1, dot);
		else if (strcmp(form, "at_paren") == 0)
			snprintf(v, sizeof(v), "%s (at) %s%s", local, d1, dot);
		else if (strcmp(form, "at_word") == 0)
			snprintf(v, sizeof(v), "%s at %s dot %s", local, d1, dot + 1);
		else
			snprintf(v, sizeof(v), chance(50) ? "%s@%s[dot]%s" :
			         "%s [at] %s [dot] %s", local, d1, dot + 1);
		/* A second dot (yahoo.co.uk) written the same way. */
		if (strchr(dot + 1, '.')) {
			char t[512];
			char *p = strrchr(v, '.');

			if (p && strcmp(form, "at_word") == 0) {
				snprintf(t, sizeof(t), "%.*s dot %s", (int)(p - v), v, p + 1);
				strcpy(v, t);
			} else if (p && strcmp(form, "dot_bracket") == 0) {
				snprintf(t, sizeof(t), "%.*s[dot]%s", (int)(p - v), v, p + 1);
				strcpy(v, t);
			}
		}
	}
	r_match(det, v);
	if (chance(40))
		r_add(chance(50) ? " 😉" : " before they delete it");
	return r_emit("evasion", form);
}

/* ---- benign Tweets ---------------------------------------------------- */

static char frag[512];

static void date_str(char *out, size_t cap)
{
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d;

	rand_date(1990, 2024, &y, &m, &d);
	switch (rnd(10)) {
	case 0: snprintf(out, cap, "%04d-%02d-%02d", y, m, d); break;
	case 1: snprintf(out, cap, "%02d/%02d/%04d", d, m, y); break;
	case 2: snprintf(out, cap, "%d/%d/%02d", m, d, y % 100); break;
	case 3: snprintf(out, cap, "%02d.%02d.%04d", d, m, y); break;
	case 4: snprintf(out, cap, "%s %d, %d", mon[m - 1], d, y); break;
	case 5: snprintf(out, cap, "%d %s %d", d, mon[m - 1], y); break;
	case 6: snprintf(out, cap, "%04d%02d%02d", y, m, d); break;
	case 7: snprintf(out, cap, "%04d/%02d/%02d", y, m, d); break;
	case 8: snprintf(out, cap, "%02d-%02d-%04d", d, m, y); break;
	default: snprintf(out, cap, "%d.%d.", d, m); break;
	}
}

static void time_str(char *out, size_t cap)
{
	switch (rnd(6)) {
	case 0: snprintf(out, cap, "%02u:%02u", rnd(24), rnd(12) * 5); break;
	case 1: snprintf(out, cap, "%u:%02u%s", range(1, 12), rnd(12) * 5, chance(50) ? "pm" : "am"); break;
	case 2: snprintf(out, cap, "%02uh%02u", rnd(24), rnd(4) * 15); break;
	case 3: snprintf(out, cap, "%u.%02u CET", range(8, 23), rnd(4) * 15); break;
	case 4: snprintf(out, cap, "%u PM ET", range(1, 11)); break;
	default: snprintf(out, cap, "%02u:%02u:%02u", rnd(24), rnd(60), rnd(60)); break;
	}
}

static void price_str(char *out, size_t cap)
{
	unsigned a = range(1, 2999), c = rnd(100);

	switch (rnd(12)) {
	case 0: snprintf(out, cap, "$%u.%02u", a, c); break;
	case 1: snprintf(out, cap, "$%u,%03u.%02u", range(1, 9), rnd(1000), c); break;
	case 2: snprintf(out, cap, "€%u,%02u", a, c); break;
	case 3: snprintf(out, cap, "£%u.%02u", a, c); break;
	case 4: snprintf(out, cap, "¥%u,%03u", range(1, 99), rnd(1000)); break;
	case 5: snprintf(out, cap, "%u.%03u €", range(1, 9), rnd(1000)); break;
	case 6: snprintf(out, cap, "R$ %u,%02u", a, c); break;
	case 7: snprintf(out, cap, "₹%u,%03u", range(1, 99), rnd(1000)); break;
	case 8: snprintf(out, cap, "CHF %u.-", a); break;
	case 9: snprintf(out, cap, "USD %u,%03u,000", range(1, 99), rnd(1000)); break;
	case 10: snprintf(out, cap, "$%u.99/mo", range(1, 49)); break;
	default: snprintf(out, cap, "%u %03u ₽", range(1, 999), rnd(1000)); break;
	}
}

static const char *const teams[] = {
	"Arsenal", "Spurs", "Real Madrid", "Barça", "Bayern", "PSG", "Lakers",
	"Celtics", "Yankees", "Red Sox", "Chiefs", "Eagles", "Juve", "Inter",
	"Flamengo", "Boca", "India", "Australia", "Leafs", "Habs",
};

static void tweet_id(char *out)
{
	snprintf(out, 32, "14%u%08u%07u", range(10, 79), range(0, 99999999),
	         range(0, 9999999));
}

static const char *const users[] = {
	"nytimes", "elonmusk", "NASA", "BBCSport", "jack", "verge", "espn",
	"SpaceX", "Reuters", "ManUtd", "taylorswift13", "github", "AP",
	"sfchronicle", "dril", "cnnbrk",
};

/* UPS tracking number 1Z + 6 shipper + 2 service + 7 package + check. */
static void ups(char *out)
{
	static const char an[] = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
	char b[20];
	int k, sum = 0;

	for (k = 0; k < 15; k++)
		b[k] = k < 6 ? an[rnd(sizeof(an) - 1)] : (char)('0' + rnd(10));
	for (k = 0; k < 15; k++) {
		int v = b[k] >= 'A' ? (b[k] - 'A' + 2) % 10 : b[k] - '0';

		sum += k % 2 ? 2 * v : v;
	}
	b[15] = (char)('0' + (10 - sum % 10) % 10);
	b[16] = '\0';
	snprintf(out, 24, "1Z%s", b);
}

/* ISBN-13 (978/979) or ISBN-10, with valid check digits. */
static void isbn(char *out, size_t cap)
{
	int d[13], k, s = 0;

	if (chance(60)) {
		d[0] = 9;
		d[1] = 7;
		d[2] = chance(85) ? 8 : 9;
		rand_digits(d + 3, 9, 0);
		for (k = 0; k < 12; k++)
			s += d[k] * (k % 2 ? 3 : 1);
		d[12] = (10 - s % 10) % 10;
		if (chance(50))
			snprintf(out, cap, "ISBN %d%d%d-%d-%d%d%d-%d%d%d%d%d-%d", d[0], d[1],
			         d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
			         d[11], d[12]);
		else
			snprintf(out, cap, "ISBN %d%d%d%d%d%d%d%d%d%d%d%d%d", d[0], d[1],
			         d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10],
			         d[11], d[12]);
	} else {
		char c;

		rand_digits(d, 9, 0);
		for (k = 0; k < 9; k++)
			s += d[k] * (10 - k);
		s = (11 - s % 11) % 11;
		c = s == 10 ? 'X' : (char)('0' + s);
		snprintf(out, cap, "ISBN-10 %d-%d%d%d-%d%d%d%d%d-%c", d[0], d[1], d[2],
		         d[3], d[4], d[5], d[6], d[7], d[8], c);
	}
}

static void version_str(char *out, size_t cap)
{
	switch (rnd(8)) {
	case 0: snprintf(out, cap, "v%u.%u.%u", range(0, 12), rnd(30), rnd(40)); break;
	case 1: snprintf(out, cap, "iOS %u.%u.%u", range(12, 17), rnd(7), range(1, 3)); break;
	case 2: snprintf(out, cap, "10.0.%u.%u", range(17000, 22631), rnd(3000)); break;
	case 3: snprintf(out, cap, "5.%u.0-%u-generic", range(4, 19), range(20, 120)); break;
	case 4: snprintf(out, cap, "Chrome %u.0.%u.%u", range(90, 120), range(4000, 6200), rnd(200)); break;
	case 5: snprintf(out, cap, "Python 3.%u.%u", range(6, 12), rnd(15)); break;
	case 6: snprintf(out, cap, "node %u.%u.%u", range(12, 21), rnd(20), rnd(10)); break;
	default: snprintf(out, cap, "build %u.%u (%u)", range(1, 9), rnd(20), range(1000, 99999)); break;
	}
}

/*
 * One clause of a benign Tweet into frag. The kinds are those a timeline
 * is full of; each holds numbers that look like something private.
 */
static void benign_fragment(void)
{
	char a[128], b[128], c[128];
	const char *t1 = PICK(teams), *t2 = PICK(teams);

	switch (rnd(44)) {
	case 0:
		date_str(a, sizeof(a));
		snprintf(frag, sizeof(frag), "%s %s", chance(50) ? "Deadline is" :
		         "Released", a);
		break;
	case 1:
		date_str(a, sizeof(a));
		time_str(b, sizeof(b));
		snprintf(frag, sizeof(frag), "see you on %s at %s!", a, b);
		break;
	case 2:
		time_str(a, sizeof(a));
		time_str(b, sizeof(b));
		snprintf(frag, sizeof(frag), "doors %s, show %s", a, b);
		break;
	case 3:
		snprintf(frag, sizeof(frag), "%s in %u:%02u:%02u, new PB", chance(50) ?
		         "finished the marathon" : "half done", range(2, 5), rnd(60), rnd(60));
		break;
	case 4:
		snprintf(frag, sizeof(frag), "%uh %02um on the train today", range(1, 9), rnd(60));
		break;
	case 5:
		price_str(a, sizeof(a));
		price_str(b, sizeof(b));
		snprintf(frag, sizeof(frag), "was %s now %s", a, b);
		break;
	case 6:
		price_str(a, sizeof(a));
		snprintf(frag, sizeof(frag), "paid %s for this?? %s", a, chance(50) ?
		         "never again" : "worth it");
		break;
	case 7:
		snprintf(frag, sizeof(frag), "FT: %s %u-%u %s", t1, rnd(6), rnd(6), t2);
		break;
	case 8:
		snprintf(frag, sizeof(frag), "%s win %u-%u", t1, range(90, 130), range(85, 125));
		break;
	case 9:
		snprintf(frag, sizeof(frag), "%u-%u %u-%u %u-%u(%u) what a final",
		         range(6, 7), rnd(5), rnd(5), range(6, 7), range(6, 7),
		         range(5, 6), rnd(8));
		break;
	case 10:
		snprintf(frag, sizeof(frag), "%s %u/%u (%u ov)", t1, range(150, 380),
		         rnd(11), range(20, 50));
		break;
	case 11:
		tweet_id(a);
		snprintf(frag, sizeof(frag), "https://twitter.com/%s/status/%s",
		         PICK(users), a);
		break;
	case 12:
		tweet_id(a);
		snprintf(frag, sizeof(frag), "%s tweet %s got deleted lol",
		         chance(50) ? "the" : "this", a);
		break;
	case 13:
		snprintf(frag, sizeof(frag), "order #%u still hasn't shipped", range(100000, 999999999));
		break;
	case 14:
		snprintf(frag, sizeof(frag), "Order %03u-%07u-%07u arrived damaged",
		         range(100, 999), rnd(10000000), rnd(10000000));
		break;
	case 15:
		ups(a);
		snprintf(frag, sizeof(frag), "tracking %s says out for delivery", a);
		break;
	case 16:
		rand_num(a, range(20, 22), 9);
		if (chance(40)) {
			size_t k, o = 0;

			for (k = 0; a[k]; k++) {
				if (k && k % 4 == 0)
					b[o++] = ' ';
				b[o++] = a[k];
			}
			b[o] = '\0';
			snprintf(frag, sizeof(frag), "USPS tracking %s stuck in transit", b);
		} else {
			snprintf(frag, sizeof(frag), "USPS %s delivered to wrong house??", a);
		}
		break;
	case 17:
		rand_num(a, chance(60) ? 12 : 15, 1);
		snprintf(frag, sizeof(frag), "FedEx tracking number %s, anyone else waiting", a);
		break;
	case 18:
		rand_num(a, 10, 1);
		snprintf(frag, sizeof(frag), "DHL %s hasn't moved in 4 days", a);
		break;
	case 19:
		version_str(a, sizeof(a));
		snprintf(frag, sizeof(frag), "updated to %s and %s", a, chance(50) ?
		         "battery is worse" : "it finally works");
		break;
	case 20:
		isbn(a, sizeof(a));
		snprintf(frag, sizeof(frag), "currently reading (%s)", a);
		break;
	case 21: {
		static const char *const tags[] = {
			"#COP26", "#WWDC21", "#Euro2020", "#100DaysOfCode", "#BTS7",
			"#AbuDhabiGP2021", "#Day47", "#Web3", "#F1", "#Top10", "#G20",
			"#Covid19", "#iPhone13", "#NBA75", "#Y2K", "#24hLeMans",
		};
		snprintf(frag, sizeof(frag), "day %u of %s %s", range(1, 365), PICK(tags),
		         PICK(tags));
		break;
	}
	case 22:
		switch (rnd(4)) {
		case 0:
			snprintf(frag, sizeof(frag), "https://example.com/p/%u", range(1000, 999999999));
			break;
		case 1:
			snprintf(frag, sizeof(frag), "https://github.com/%s/pull/%u",
			         chance(50) ? "torvalds/linux" : "rust-lang/rust", range(100, 99999));
			break;
		case 2:
			snprintf(frag, sizeof(frag), "https://www.reddit.com/r/soccer/comments/%c%u/",
			         'a' + rnd(26), range(10000, 99999));
			break;
		default:
			snprintf(frag, sizeof(frag), "https://www.amazon.com/dp/B0%u", range(10000000, 99999999));
			break;
		}
		break;
	case 23:
		snprintf(frag, sizeof(frag), "%s %u.%u%% %s", chance(50) ? "up" : "down",
		         range(0, 40), rnd(10), chance(50) ? "YoY" : "since Monday");
		break;
	case 24: {
		unsigned y = range(1960, 2015);

		snprintf(frag, sizeof(frag), "%s (%u-%u) was peak", chance(50) ?
		         "that era" : "the show", y, y + range(1, 9));
		break;
	}
	case 25:
		snprintf(frag, sizeof(frag), "averaging %u.%u / %u.%u this month",
		         range(1, 9), rnd(10), range(10, 30), rnd(10));
		break;
	case 26:
		snprintf(frag, sizeof(frag), "%u.%u pts, %u.%u reb, %u.%u ast", range(10, 35),
		         rnd(10), range(2, 14), rnd(10), range(1, 11), rnd(10));
		break;
	case 27:
		switch (rnd(4)) {
		case 0: snprintf(frag, sizeof(frag), "%ux + %u = %u", range(2, 9), range(1, 20), range(21, 99)); break;
		case 1: snprintf(frag, sizeof(frag), "2^%u = %lu", range(8, 30), 1ul << range(8, 30)); break;
		case 2: snprintf(frag, sizeof(frag), "355/113 ≈ 3.14159 and that's enough pi today"); break;
		default: snprintf(frag, sizeof(frag), "%u * %u = %u", range(11, 99), range(11, 99), range(121, 9801)); break;
		}
		break;
	case 28: {
		static const char *const things[] = {
			"Avenue Q tickets", "Sesame Street plushies", "Abbey Road vinyls",
			"Penny Lane covers", "Coronation Street episodes",
			"21 Jump Street rewatches", "Electric Avenue remixes",
			"Wall Street Journal subscriptions", "Park Avenue shows",
		};
		snprintf(frag, sizeof(frag), "got %u %s", range(2, 12), PICK(things));
		break;
	}
	case 29:
		snprintf(frag, sizeof(frag), "EUR/USD %u.%04u (%c0.%02u%%)", 1, rnd(10000),
		         chance(50) ? '+' : '-', rnd(100));
		break;
	case 30:
		snprintf(frag, sizeof(frag), "BTC $%u,%03u.%02u, ETH $%u,%03u", range(16, 69),
		         rnd(1000), rnd(100), range(1, 4), rnd(1000));
		break;
	case 31:
		snprintf(frag, sizeof(frag), "%s %s %u boarding at gate %c%u", chance(50) ?
		         "flight" : "Flight", chance(50) ? "BA" : "UA", range(10, 2999),
		         'A' + rnd(6), range(1, 60));
		break;
	case 32:
		snprintf(frag, sizeof(frag), "%u,%03u,%03u views in a day", range(1, 99),
		         rnd(1000), rnd(1000));
		break;
	case 33:
		snprintf(frag, sizeof(frag), "tonight's numbers %02u %02u %02u %02u %02u + %02u",
		         range(1, 9), range(10, 19), range(20, 29), range(30, 39),
		         range(40, 49), range(1, 12));
		break;
	case 34:
		snprintf(frag, sizeof(frag), "log from %04u-%02u-%02uT%02u:%02u:%02uZ says timeout",
		         range(2019, 2023), range(1, 12), range(1, 28), rnd(24), rnd(60), rnd(60));
		break;
	case 35:
		snprintf(frag, sizeof(frag), "%u%02u%02u-%02u%02u_IMG.jpg is my favourite shot",
		         range(2015, 2023), range(1, 12), range(1, 28), rnd(24), rnd(60));
		break;
	case 36:
		snprintf(frag, sizeof(frag), "%s %u:%u", chance(50) ? "John" : "Psalm",
		         range(1, 150), range(1, 30));
		break;
	case 37:
		snprintf(frag, sizeof(frag), "it's %d°C, feels like %d.%u°F, wind %u km/h",
		         (int)range(0, 40) - 10, (int)range(10, 90), rnd(10), range(3, 60));
		break;
	case 38:
		snprintf(frag, sizeof(frag), "Sec %u Row %c Seat %u, who's going?",
		         range(100, 330), 'A' + rnd(26), range(1, 30));
		break;
	case 39:
		snprintf(frag, sizeof(frag), "%u,%03u steps and %u,%03u kcal",
		         range(5, 30), rnd(1000), range(1, 3), rnd(1000));
		break;
	case 40:
		snprintf(frag, sizeof(frag), "RTX %u0%u0 restock at %u:%02u",
		         range(2, 4), range(6, 9), range(1, 12), rnd(60));
		break;
	case 41:
		snprintf(frag, sizeof(frag), "%s season record %u-%u-%u", t1, range(0, 30),
		         range(0, 30), range(0, 10));
		break;
	case 42:
		snprintf(frag, sizeof(frag), "router is 192.168.%u.%u and port %u",
		         rnd(3), range(1, 254), range(1024, 65535));
		break;
	default:
		snprintf(c, sizeof(c), "%u.%u", range(1, 5), rnd(10));
		snprintf(frag, sizeof(frag), "%s patch %s notes are out, rated %u/10",
		         chance(50) ? "Elden Ring" : "Warzone", c, range(1, 10));
		break;
	}
}

static int gen_benign(void)
{
	static const char *const openers[] = {
		"", "", "", "", "ok so ", "lol ", "PSA: ", "Update: ", "not me thinking ",
		"reminder: ", "can't believe ", "honestly ", "BREAKING: ", "ngl ",
	};
	static const char *const joins[] = { ". ", " — ", ", and ", " | ", "\n", " & " };
	static const char *const closers[] = {
		"", "", "", " 😂", " 🙏", "!!", " 🔥", " smh", " #tbt", " 🎉",
		" thoughts?", " 👀",
	};
	unsigned parts = range(1, 3), k;

	r_begin();
	r_add(PICK(openers));
	for (k = 0; k < parts; k++) {
		benign_fragment();
		if (k)
			r_add(PICK(joins));
		r_add(frag);
	}
	r_add(PICK(closers));
	return r_emit("benign", NULL);
}

/* ---- main ------------------------------------------------------------- */

static void usage(void)
{
	fprintf(stderr, "usage: gen_corpus [--seed N] [--scale K] > corpus.jsonl\n");
	exit(2);
}

/* Writes want records of one set: gen returns 1 for each record written. */
static void run(const char *name, unsigned want, int (*gen)(int), int arg)
{
	unsigned n = 0, tries = 0;

	while (n < want && tries++ < want * 100)
		n += (unsigned)gen(arg);
	if (n < want)
		fprintf(stderr, "gen_corpus: only %u of %u %s records\n", n, want, name);
}

static int g_email(int x) { (void)x; return gen_email(); }
static int g_gps(int x) { (void)x; return gen_gps(); }
static int g_cred(int x) { (void)x; return gen_credentials(); }
static int g_itin(int x) { (void)x; return gen_itin(); }
static int g_evasion(int x) { (void)x; return gen_evasion(); }
static int g_benign(int x) { (void)x; return gen_benign(); }

int main(int argc, char **argv)
{
	unsigned long seed = 20211130, scale = 1;
	int i;

	for (i = 1; i < argc; i++) {
		char *end;

		if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			seed = strtoul(argv[++i], &end, 10);
			if (*end)
				usage();
		} else if (strcmp(argv[i], "--scale") == 0 && i + 1 < argc) {
			scale = strtoul(argv[++i], &end, 10);
			if (*end || scale == 0 || scale > 10000)
				usage();
		} else {
			usage();
		}
	}
	rng = seed;
	run("card", 500 * (unsigned)scale, gen_card, 1);
	run("card_lookalike", 500 * (unsigned)scale, gen_card, 0);
	run("iban", 400 * (unsigned)scale, gen_iban, 1);
	run("iban_lookalike", 400 * (unsigned)scale, gen_iban, 0);
	run("us_ssn", 300 * (unsigned)scale, gen_ssn, 1);
	run("us_ssn_lookalike", 300 * (unsigned)scale, gen_ssn, 0);
	run("us_itin", 150 * (unsigned)scale, g_itin, 0);
	run("aba_routing", 150 * (unsigned)scale, gen_aba, 1);
	run("aba_lookalike", 150 * (unsigned)scale, gen_aba, 0);
	run("national_id", 480 * (unsigned)scale, gen_national_id, 1);
	run("national_id_lookalike", 480 * (unsigned)scale, gen_national_id, 0);
	run("email", 400 * (unsigned)scale, g_email, 0);
	run("gps", 300 * (unsigned)scale, g_gps, 0);
	run("credentials", 300 * (unsigned)scale, g_cred, 0);
	run("evasion", 480 * (unsigned)scale, g_evasion, 0);
	run("benign", 4000 * (unsigned)scale, g_benign, 0);
	free(seen);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("gen_corpus: stdout");
		return 1;
	}
	return 0;
}
