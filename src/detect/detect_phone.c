/*
 * detect_phone.c - the `phone` detector: international numbers (+CC ...)
 * and the common national formats (US/CA, UK and other trunk-prefix-0
 * numbers), plus bare digit runs when a word like "call" comes just
 * before.
 *
 * A tweet is full of numbers that are not phone numbers: dates, times,
 * prices, scores, ids. The scanner therefore reads a whole "number token"
 * (digit groups joined by single separators) starting only where a number
 * may start, and accepts it, or a prefix of it ending at a space, only when
 * it has the shape of a phone number. A token that is not a phone number
 * is skipped whole, so no phone number is ever found inside a longer one.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

#define MAX_GROUPS 16
#define MAX_DIGITS 20

struct group {
	size_t start; /* first byte ('(' for a parenthesised group) */
	size_t end;   /* one past the last byte (past ')') */
	size_t ndig;
	int paren;
	char sep; /* separator before the group: ' ', '-', '.', or 0 */
};

struct token {
	size_t start; /* '+', '(' or the first digit */
	int intl;     /* starts with '+' */
	struct group g[MAX_GROUPS];
	size_t n;
	char d[MAX_DIGITS + 1]; /* the digits, in order */
	size_t nd;
	int too_long;
};

/* ITU-T E.164 country calling codes (a prefix-free set). */
static const unsigned short calling_codes[] = {
	1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47,
	48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60, 61, 62, 63, 64, 65, 66,
	81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211, 212, 213, 216, 218,
	220, 221, 222, 223, 224, 225, 226, 227, 228, 229, 230, 231, 232, 233,
	234, 235, 236, 237, 238, 239, 240, 241, 242, 243, 244, 245, 246, 247,
	248, 249, 250, 251, 252, 253, 254, 255, 256, 257, 258, 260, 261, 262,
	263, 264, 265, 266, 267, 268, 269, 290, 291, 297, 298, 299, 350, 351,
	352, 353, 354, 355, 356, 357, 358, 359, 370, 371, 372, 373, 374, 375,
	376, 377, 378, 379, 380, 381, 382, 383, 385, 386, 387, 389, 420, 421,
	423, 500, 501, 502, 503, 504, 505, 506, 507, 508, 509, 590, 591, 592,
	593, 594, 595, 596, 597, 598, 599, 670, 672, 673, 674, 675, 676, 677,
	678, 679, 680, 681, 682, 683, 685, 686, 687, 688, 689, 690, 691, 692,
	800, 808, 850, 852, 853, 855, 856, 870, 878, 880, 881, 882, 883, 886,
	888, 960, 961, 962, 963, 964, 965, 966, 967, 968, 970, 971, 972, 973,
	974, 975, 976, 977, 979, 992, 993, 994, 995, 996, 998,
};

/* Words that announce a phone number. */
static const char *const context_words[] = {
	"call", "phone", "tel", "text", "mobile", "cell", "whatsapp",
	"number", "contact", "reach", "ph", "mob", "telephone", "sms",
	"fax", "signal", "telegram", "ring", NULL,
};

/* Words that announce some other number of the same shape. */
static const char *const other_numbers[] = {
	"order", "tracking", "invoice", "isbn", "ref", "reference", "id",
	"account", "acct", "case", "ticket", "confirmation", "serial", "sku",
	"parcel", "shipment", "booking", "receipt", "transaction", "iban",
	NULL,
};

/* Length of the calling code d starts with (1 to 3 digits), or 0. The set
 * is prefix-free, so at most one length matches. */
static size_t calling_code(const char *d, size_t nd)
{
	size_t len, k;
	unsigned v = 0;

	for (len = 1; len <= 3 && len <= nd; len++) {
		v = v * 10 + (unsigned)(d[len - 1] - '0');
		if (v == 0)
			return 0;
		for (k = 0; k < sizeof(calling_codes) / sizeof(calling_codes[0]); k++) {
			if (calling_codes[k] == v)
				return len;
		}
	}
	return 0;
}

/* Parses one digit group at i: digits, or 1-4 digits in parentheses. */
static int parse_group(const char *s, size_t len, size_t i, struct group *g)
{
	size_t j = i;

	g->paren = 0;
	if (lp_at(s, len, j) == '(') {
		j++;
		while (j < len && lp_is_digit((unsigned char)s[j]) && j - i <= 4)
			j++;
		if (j - i < 2 || j - i > 5 || lp_at(s, len, j) != ')')
			return 0;
		g->paren = 1;
		g->start = i;
		g->end = j + 1;
		g->ndig = j - i - 1;
		return 1;
	}
	while (j < len && lp_is_digit((unsigned char)s[j]))
		j++;
	if (j == i)
		return 0;
	g->start = i;
	g->end = j;
	g->ndig = j - i;
	return 1;
}

static int group_starts(const char *s, size_t len, size_t i)
{
	unsigned char c = lp_at(s, len, i);

	return lp_is_digit(c) || (c == '(' && lp_is_digit(lp_at(s, len, i + 1)));
}

/*
 * Reads the number token at start. Groups are joined by one space, one
 * dash or dot (optionally spaced: " - "), or nothing around a
 * parenthesised group. A space after dash- or dot-separated groups ends
 * the token: "2021-11-30 555-123-4567" is two tokens.
 */
static void read_token(const char *s, size_t len, size_t start, struct token *t)
{
	size_t i = start;
	int punct_seen = 0;
	char sep = 0;

	memset(t, 0, sizeof(*t));
	t->start = start;
	if (s[i] == '+') {
		t->intl = 1;
		i++;
	}
	while (t->n < MAX_GROUPS) {
		struct group *g = &t->g[t->n];
		size_t k, j;

		if (!parse_group(s, len, i, g))
			break;
		g->sep = sep;
		for (k = g->start; k < g->end; k++) {
			if (!lp_is_digit((unsigned char)s[k]))
				continue;
			if (t->nd == MAX_DIGITS) {
				t->too_long = 1;
				break;
			}
			t->d[t->nd++] = s[k];
		}
		t->n++;
		if (t->too_long)
			return;
		/* The separator to the next group, if any. */
		j = g->end;
		if (lp_at(s, len, j) == ' ' && group_starts(s, len, j + 1)) {
			if (punct_seen)
				return;
			sep = ' ';
			i = j + 1;
		} else if ((lp_at(s, len, j) == '-' || lp_at(s, len, j) == '.') &&
			   group_starts(s, len, j + 1)) {
			sep = s[j];
			punct_seen = 1;
			i = j + 1;
		} else if (lp_at(s, len, j) == ' ' &&
			   (lp_at(s, len, j + 1) == '-' || lp_at(s, len, j + 1) == '.') &&
			   lp_at(s, len, j + 2) == ' ' && group_starts(s, len, j + 3)) {
			sep = s[j + 1];
			punct_seen = 1;
			i = j + 3;
		} else if ((g->paren && lp_is_digit(lp_at(s, len, j))) ||
			   group_starts(s, len, j)) {
			/* "(555)123-4567", "+44(0)20": only around parentheses,
			 * since digits after digits are one group. */
			sep = 0;
			i = j;
		} else {
			return;
		}
	}
	/* More groups than a phone number has: part of something else. */
	if (t->n == MAX_GROUPS)
		t->too_long = 1;
}

static size_t digits_in(const struct token *t, size_t k)
{
	size_t i, n = 0;

	for (i = 0; i < k; i++)
		n += t->g[i].ndig;
	return n;
}

static int intl_ok(const struct token *t, size_t k)
{
	size_t nd = digits_in(t, k), cc;

	if (nd < 8 || nd > 15)
		return 0;
	cc = calling_code(t->d, nd);
	if (!cc)
		return 0;
	/* NANP: +1 and ten digits, the area code not starting with 0 or 1. */
	if (cc == 1 && t->d[0] == '1')
		return nd == 11 && t->d[1] >= '2';
	return 1;
}

/* US/CA: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567,
 * 1-555-123-4567. */
static int nanp_ok(const struct token *t, size_t k)
{
	const struct group *g = t->g;
	size_t off = 0;

	if (k == 4 && g[0].ndig == 1 && !g[0].paren && t->d[0] == '1')
		off = 1;
	else if (k != 3)
		return 0;
	g += off;
	if (g[0].ndig != 3 || g[1].ndig != 3 || g[2].ndig != 4 ||
	    g[1].paren || g[2].paren)
		return 0;
	if (t->d[off] < '2')
		return 0;
	if (!g[0].paren && g[1].sep != g[2].sep &&
	    !(g[1].sep == ' ' && g[2].sep == '-'))
		return 0;
	return g[1].sep != 0 || g[0].paren;
}

/* Trunk-prefix numbers: 07700 900123, 020 7946 0018, 06 12 34 56 78. */
static int trunk_ok(const struct token *t, size_t k)
{
	size_t nd = digits_in(t, k), i;

	if (k < 2 || k > 5 || nd < 9 || nd > 11)
		return 0;
	if (t->d[0] != '0' || t->d[1] == '0')
		return 0;
	/* 078-05-1120 has the shape of a social-security number. */
	if (k == 3 && t->g[0].ndig == 3 && t->g[1].ndig == 2 && t->g[2].ndig == 4)
		return 0;
	for (i = 0; i < k; i++) {
		if (t->g[i].ndig < 2 || (i > 0 && t->g[i].paren))
			return 0;
		/* One kind of separator after the first group. */
		if (i > 1 && t->g[i].sep != t->g[1].sep)
			return 0;
	}
	return 1;
}

/* A bare run, or digits spaced out one by one, after a context word. */
static int bare_ok(const char *s, const struct token *t, size_t k)
{
	size_t nd = digits_in(t, k), i;

	if (nd < 10 || nd > 11)
		return 0;
	if (k > 1) {
		for (i = 0; i < k; i++) {
			if (t->g[i].ndig != 1 || t->g[i].paren ||
			    (i > 0 && t->g[i].sep != t->g[1].sep))
				return 0;
		}
	} else if (t->g[0].paren) {
		return 0;
	}
	return lp_context_before(s, t->start, 30, context_words);
}

/* The end of the longest phone number in t, or 0. */
static size_t match(const char *s, const struct token *t)
{
	size_t k;

	for (k = t->n; k >= 1; k--) {
		/* A shorter candidate must end at a space: the rest of the
		 * token is another word ("call 555-123-4567 2 times"). */
		if (k < t->n && t->g[k].sep != ' ')
			continue;
		if (t->intl) {
			if (intl_ok(t, k))
				return t->g[k - 1].end;
			continue;
		}
		if ((nanp_ok(t, k) || trunk_ok(t, k)) &&
		    !lp_context_before(s, t->start, 25, other_numbers))
			return t->g[k - 1].end;
		if (bare_ok(s, t, k) &&
		    !lp_context_before(s, t->start, 20, other_numbers))
			return t->g[k - 1].end;
	}
	return 0;
}

static int may_start(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c == '+')
		return !lp_word_before(s, i) && group_starts(s, len, i + 1) &&
		       (i == 0 || !lp_is_digit((unsigned char)s[i - 1]));
	if (c == '(')
		return group_starts(s, len, i) && lp_num_start_ok(s, len, i);
	return lp_is_digit(c) && lp_num_start_ok(s, len, i);
}

int lp_detect_phone(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i = 0;
	struct token t;

	while (i < len) {
		size_t u = lp_url_end(s, len, i), end, tend;

		if (u) {
			i = u;
			continue;
		}
		if (!may_start(s, len, i)) {
			i++;
			continue;
		}
		read_token(s, len, i, &t);
		if (t.n == 0) {
			i++;
			continue;
		}
		tend = t.g[t.n - 1].end;
		end = 0;
		if (!t.too_long && lp_num_end_ok(s, len, tend))
			end = match(s, &t);
		if (end) {
			if (lp_spans_push(out, t.start, end))
				return -1;
			i = end;
		} else {
			/* Skip the whole token, and any digits glued to it. */
			i = tend;
			while (i < len && lp_is_alnum((unsigned char)s[i]))
				i++;
		}
	}
	return 0;
}
