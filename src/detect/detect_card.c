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

/* By first digit (2 to 6), so that a number is compared only with the
 * ranges of its own: those of digit c are from ranges_of[c - '2'] to
 * ranges_of[c - '1']. */
static const struct range ranges[] = {
	{ 2221, 2720, 4, 16, 16, 0 },   /* Mastercard 2-series */
	{ 2200, 2204, 4, 16, 19, 0 },   /* Mir */
	{ 34, 34, 2, 15, 15, 0 },       /* American Express */
	{ 37, 37, 2, 15, 15, 0 },
	{ 3528, 3589, 4, 16, 19, 0 },   /* JCB */
	{ 300, 305, 3, 14, 19, 0 },     /* Diners Club */
	{ 3095, 3095, 4, 14, 19, 0 },
	{ 36, 36, 2, 14, 19, 0 },
	{ 38, 39, 2, 14, 19, 0 },
	{ 4, 4, 1, 13, 19, 1 },         /* Visa: 13, 16, 19 */
	{ 51, 55, 2, 16, 16, 0 },       /* Mastercard */
	{ 5018, 5018, 4, 13, 19, 0 },   /* Maestro */
	{ 5020, 5020, 4, 13, 19, 0 },
	{ 5038, 5038, 4, 13, 19, 0 },
	{ 5893, 5893, 4, 13, 19, 0 },
	{ 6011, 6011, 4, 16, 19, 0 },   /* Discover */
	{ 644, 649, 3, 16, 19, 0 },
	{ 65, 65, 2, 16, 19, 0 },
	{ 62, 62, 2, 16, 19, 0 },       /* UnionPay */
	{ 6304, 6304, 4, 13, 19, 0 },   /* Maestro */
	{ 6759, 6759, 4, 13, 19, 0 },
	{ 6761, 6763, 4, 13, 19, 0 },
};
static const unsigned char ranges_of[6] = { 0, 2, 9, 10, 15, 22 };

static const char *const other_numbers[] = {
	"order", "tracking", "invoice", "isbn", "ref", "reference", "id",
	"parcel", "shipment", "booking", "receipt", "transaction", "serial",
	"imei", "ticket", "confirmation", NULL,
};

static int issuer_ok(const char *d, size_t n)
{
	/* The values of the first one to four digits (n >= 13). */
	unsigned v[5] = { 0 };
	size_t k;

	if (d[0] < '2' || d[0] > '6')
		return 0; /* no range begins with it */
	for (k = 1; k <= 4; k++)
		v[k] = v[k - 1] * 10 + (unsigned)(d[k - 1] - '0');
	for (k = ranges_of[d[0] - '2']; k < ranges_of[d[0] - '1']; k++) {
		const struct range *r = &ranges[k];

		if (v[r->digits] < r->lo || v[r->digits] > r->hi ||
		    n < r->min_len || n > r->max_len)
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
	if (!issuer_ok(d, n) || !luhn_ok(d, n))
		return 0;
	return groups >= 5 || lp_context_before(s, i, 25, card_words) ? e : 0;
}

/* An IBAN's account number may start at i: lp_after_code, which asks
 * first for a space before i. */
static int after_code(const char *s, size_t i)
{
	return i >= 2 && s[i - 1] == ' ' && lp_after_code(s, i);
}

/*
 * A card number at i; returns its end or 0. *skip gets the end of the
 * whole number token when there is none; *spread_may is cleared when
 * try_spread_card cannot find one either: lp_spread_digits would read the
 * same number (its groups joined by ' ' or '-', all of them, with no more
 * than 19 digits) and find it fails the same tests, or it would read more
 * than 19 digits.
 */
static size_t try_card(const char *s, size_t len, size_t i, size_t *skip,
                       int *spread_may)
{
	size_t g[MAX_GROUPS], ends[MAX_GROUPS], k = 0, nd = 0, j = i, t;
	char d[19 + 8];
	unsigned char sep = 0;
	int whole;

	if (after_code(s, i)) {
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
				*spread_may = 0;
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
	if (nd > 19)
		*spread_may = 0;
	whole = k >= 2 && nd <= 19 &&
	        !(lp_at(s, len, j) == sep && lp_is_digit(lp_at(s, len, j + 1)));
	/* Too few digits, or a part of a longer number. */
	if (whole && (nd < 13 || !lp_num_end_ok(s, len, j)))
		*spread_may = 0;
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
		if (t == k && whole)
			*spread_may = 0; /* the same digits, the same tests */
	}
	return 0;
}

/* What card_may_start sees at a digit. */
enum { CARD_NONE, CARD_RUN, CARD_GROUPS };

/*
 * Whether a card number may start at i, from its digits alone: CARD_RUN
 * for one run of digits (with no separator and a digit after it, so that
 * lp_spread_digits finds no second group), CARD_GROUPS for more, and
 * CARD_NONE when neither try_card nor try_spread_card can find one there;
 * *skip then gets where try_card would have had the scan go on. Most
 * numbers are one of two shapes that cannot be a card:
 *
 * - One run of fewer than 13 digits or more than 19, which try_card reads
 *   as one group of that many, and in which lp_spread_digits finds no
 *   second group (or more than 19 digits). try_card goes on after the
 *   run, or after its 27th digit, which comes to the same: no candidate
 *   follows a digit.
 * - A chain of at most eight groups with fewer than 13 digits in all,
 *   joined by one kind of separator: neither try_card nor
 *   lp_spread_digits reads more digits than the chain has, as both read
 *   only a chain with the separator of its first. try_card goes on after
 *   the chain when the separator is ' ' or '-', after the first run when
 *   it is '.' or '/' (not a separator of printed cards), and so it does
 *   too after an IBAN's code (lp_after_code) before a dashed number; one
 *   with spaces it skips whole, as here.
 */
static int card_may_start(const lp_text *text, size_t i, size_t *skip)
{
	const char *s = text->s;
	size_t r, j, digits, groups = 1;
	unsigned char c;

	j = lp_text_digits_end(text, i);
	r = j - i;
	c = (unsigned char)s[j];
	if (!((c == ' ' || c == '-' || c == '.' || c == '/') &&
	      lp_is_digit((unsigned char)s[j + 1]))) {
		if (r >= 13 && r <= 19)
			return CARD_RUN;
		*skip = j;
		return CARD_NONE;
	}
	digits = r;
	while (digits < 13 && groups <= 8 && (unsigned char)s[j] == c &&
	       lp_is_digit((unsigned char)s[j + 1])) {
		size_t e = lp_text_digits_end(text, j + 1);

		digits += e - (j + 1);
		j = e;
		groups++;
	}
	if (digits >= 13 || groups > 8)
		return CARD_GROUPS;
	if (c == '.' || c == '/' || (c == '-' && after_code(s, i)))
		*skip = i + r;
	else
		*skip = j;
	return CARD_NONE;
}

int lp_detect_payment_card(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, w = text->words, k, from = 0;
	const uint64_t *numok = text->sets + LP_SET_NUMOK * w;
	const uint64_t *url = text->sets + LP_SET_URL * w;

	if (text->digits < 13)
		return 0;
	/* A card number starts where a number may start (LP_SET_NUMOK);
	 * URLs are skipped whole. The candidates are visited in order, from
	 * where the last one had the scan go on (from), walking the bits of
	 * each block in place. */
	for (k = 0; k < w; k++) {
		uint64_t m = numok[k] | url[k];

		while (m) {
			size_t i = k * 64 + lp_ctz64(m), end, skip = i + 1;
			int shape, spread_may;

			m &= m - 1;
			if (i < from)
				continue;
			if ((url[k] >> (i & 63)) & 1) {
				/* Skipped whole, unless no digit follows: then
				 * there is nothing left to skip. */
				if (lp_text_next(text, LP_IN(LP_SET_NUMOK), i) ==
				    len)
					return 0;
				from = lp_text_url_end(text, i);
				continue;
			}
			shape = card_may_start(text, i, &skip);
			spread_may = shape == CARD_GROUPS;
			end = 0;
			if (shape != CARD_NONE)
				end = try_card(s, len, i, &skip, &spread_may);
			if (!end && spread_may &&
			    (end = try_spread_card(s, len, i)) != 0)
				skip = end;
			if (end) {
				if (lp_spans_push(out, i, end))
					return -1;
				from = end;
			} else {
				/* The rest of a word that the number ends
				 * in need not be skipped as well: skip is
				 * just after a digit, and no candidate
				 * follows a letter or a digit. */
				from = skip;
			}
		}
	}
	return 0;
}
