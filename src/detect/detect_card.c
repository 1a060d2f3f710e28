/*
 * detect_card.c - the `payment_card` detector: 13 to 19 digits, compact
 * or grouped by single spaces or dashes the way cards are printed
 * (4-4-4-4, 4-6-5 for Amex, 4-6-4 for Diners), with a valid Luhn check
 * digit and a length that the issuer range of its first digits allows.
 *
 * A tweet id (19 digits starting with 1) or an order number is not in any
 * issuer range, and a random number passes Luhn only one time in ten; a
 * grouped number that is part of a longer one is never taken.
 */
#include "detectors.h"
#include "scan_util.h"

#define MAX_GROUPS 8

struct range {
	unsigned lo, hi; /* prefix range, both of digits digits */
	unsigned digits;
	unsigned min_len, max_len;
	unsigned char lens; /* bit 0: only 13, 16, 19 (Visa) */
};

static const struct range ranges[] = {
	{ 4, 4, 1, 13, 19, 1 },         /* Visa: 13, 16, 19 */
	{ 51, 55, 2, 16, 16, 0 },       /* Mastercard */
	{ 2221, 2720, 4, 16, 16, 0 },   /* Mastercard 2-series */
	{ 34, 34, 2, 15, 15, 0 },       /* American Express */
	{ 37, 37, 2, 15, 15, 0 },
	{ 6011, 6011, 4, 16, 19, 0 },   /* Discover */
	{ 644, 649, 3, 16, 19, 0 },
	{ 65, 65, 2, 16, 19, 0 },
	{ 3528, 3589, 4, 16, 19, 0 },   /* JCB */
	{ 300, 305, 3, 14, 19, 0 },     /* Diners Club */
	{ 3095, 3095, 4, 14, 19, 0 },
	{ 36, 36, 2, 14, 19, 0 },
	{ 38, 39, 2, 14, 19, 0 },
	{ 62, 62, 2, 16, 19, 0 },       /* UnionPay */
	{ 2200, 2204, 4, 16, 19, 0 },   /* Mir */
	{ 5018, 5018, 4, 13, 19, 0 },   /* Maestro */
	{ 5020, 5020, 4, 13, 19, 0 },
	{ 5038, 5038, 4, 13, 19, 0 },
	{ 5893, 5893, 4, 13, 19, 0 },
	{ 6304, 6304, 4, 13, 19, 0 },
	{ 6759, 6759, 4, 13, 19, 0 },
	{ 6761, 6763, 4, 13, 19, 0 },
};

static const char *const other_numbers[] = {
	"order", "tracking", "invoice", "isbn", "ref", "reference", "id",
	"parcel", "shipment", "booking", "receipt", "transaction", "serial",
	"imei", "ticket", "confirmation", NULL,
};

static int issuer_ok(const char *d, size_t n)
{
	size_t k, i;

	for (k = 0; k < sizeof(ranges) / sizeof(ranges[0]); k++) {
		const struct range *r = &ranges[k];
		unsigned v = 0;

		for (i = 0; i < r->digits; i++)
			v = v * 10 + (unsigned)(d[i] - '0');
		if (v < r->lo || v > r->hi || n < r->min_len || n > r->max_len)
			continue;
		if (r->lens && n != 13 && n != 16 && n != 19)
			continue;
		return 1;
	}
	return 0;
}

static int luhn_ok(const char *d, size_t n)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned v = (unsigned)(d[n - 1 - i] - '0');

		if (i & 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

/* The groups of a printed card: all 4 but a shorter last one, or 4-6-5,
 * 4-6-4. */
static int grouping_ok(const size_t *g, size_t k)
{
	size_t i;

	if (k == 1)
		return 1;
	if (k == 3 && g[0] == 4 && g[1] == 6 && (g[2] == 5 || g[2] == 4))
		return 1;
	for (i = 0; i + 1 < k; i++) {
		if (g[i] != 4)
			return 0;
	}
	return g[k - 1] >= 1 && g[k - 1] <= 4;
}

/* Words that name a card number written out of its usual shape. */
static const char *const card_words[] = {
	"card", "credit card", "debit card", "cc", "visa", "mastercard",
	"amex", "card number", "card no", "cc#", "\xE3\x82\xAB\xE3\x83\xBC\xE3\x83\x89", /* カード */
	"tarjeta", "carte", "karte", "kartennummer", "cart\xC3\xA3o", NULL,
};

/*
 * A card number spread out to slip past filters ("4-1-1-1-...",
 * "54.19.942.191.552.972"); its end or 0. Cut into five groups or more it
 * is one on its own: nothing else of 13-19 digits that passes the issuer
 * ranges and the Luhn check is written that way. Fewer groups need a word
 * that names a card.
 */
static size_t try_spread_card(const char *s, size_t len, size_t i)
{
	char d[19];
	size_t n, e, k, groups = 1;

	e = lp_spread_digits(s, len, i, d, sizeof(d), &n);
	if (!e || n < 13 || !lp_num_end_ok(s, len, e))
		return 0;
	for (k = i; k < e; k++)
		groups += !lp_is_digit((unsigned char)s[k]);
	if (groups < 5 && !lp_context_before(s, i, 25, card_words))
		return 0;
	return issuer_ok(d, n) && luhn_ok(d, n) ? e : 0;
}

/* A card number at i; returns its end or 0. *skip gets the end of the
 * whole number token when there is none. */
static size_t try_card(const char *s, size_t len, size_t i, size_t *skip)
{
	size_t g[MAX_GROUPS], ends[MAX_GROUPS], k = 0, nd = 0, j = i, t;
	char d[19 + 8];
	unsigned char sep = 0;

	if (lp_after_code(s, i)) {
		/* The account number of an IBAN ("AT05 2501 6294 ..."): none
		 * of its groups starts a card either. */
		while (lp_is_digit(lp_at(s, len, j)) ||
		       (lp_at(s, len, j) == ' ' && lp_is_digit(lp_at(s, len, j + 1))))
			j++;
		*skip = j;
		return 0;
	}

	for (;;) {
		size_t st = j;

		while (j < len && lp_is_digit((unsigned char)s[j])) {
			if (nd == sizeof(d)) {
				*skip = j;
				return 0;
			}
			d[nd++] = s[j++];
		}
		g[k] = j - st;
		ends[k++] = j;
		if (k == MAX_GROUPS || nd > 19)
			break;
		/* One kind of single separator throughout. */
		if ((lp_at(s, len, j) == ' ' || lp_at(s, len, j) == '-') &&
		    (!sep || sep == s[j]) && lp_is_digit(lp_at(s, len, j + 1))) {
			sep = (unsigned char)s[j];
			j++;
			continue;
		}
		break;
	}
	*skip = j;
	if (!lp_num_end_ok(s, len, j) && !(k > 1 && sep == ' '))
		return 0;
	/* The longest run of groups that is a card; a shorter one must end
	 * at a space (a CVV or a date may follow). */
	for (t = k; t >= 1; t--) {
		size_t n = 0, x;

		for (x = 0; x < t; x++)
			n += g[x];
		if (t < k && sep != ' ')
			break;
		/* Another group of four: a longer number printed like a card. */
		if (t < k && g[t] == 4 && g[0] == 4 && g[t - 1] == 4)
			continue;
		if (t == k && !lp_num_end_ok(s, len, ends[t - 1]))
			continue;
		if (n < 13 || n > 19 || !grouping_ok(g, t))
			continue;
		if (issuer_ok(d, n) && luhn_ok(d, n)) {
			if (t == 1 && lp_context_before(s, i, 25, other_numbers))
				return 0;
			return ends[t - 1];
		}
	}
	return 0;
}

int lp_detect_payment_card(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i;
	/* A card number starts where a number may start. */
	const unsigned starts = LP_IN(LP_SET_NUMOK) | LP_IN(LP_SET_URL);

	if (text->digits < 13)
		return 0;
	for (i = lp_text_next(text, starts, 0); i < len;
	     i = lp_text_next(text, starts, i)) {
		size_t u = lp_url_end(s, len, i), end, skip = i + 1;

		if (u) {
			i = u;
			continue;
		}
		end = try_card(s, len, i, &skip);
		if (!end && (end = try_spread_card(s, len, i)) != 0)
			skip = end;
		if (end) {
			if (lp_spans_push(out, i, end))
				return -1;
			i = end;
		} else {
			i = skip > i ? skip : i + 1;
			while (i < len && lp_is_alnum((unsigned char)s[i]))
				i++;
		}
	}
	return 0;
}
