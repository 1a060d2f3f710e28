/*
 * detect_phone.c - the `phone` detector: international numbers (+CC ...)
 * of every calling code, and national numbers of the 30 largest markets
 * written the way people there write them.
 *
 * What is a phone number comes from libphonenumber's metadata, compiled
 * into automata over digits (phone_metadata.h): an international number
 * is one whose national part is a possible number of one of the regions of
 * its calling code. A national number has no '+' to announce it, and a
 * tweet is full of numbers that are not phone numbers (dates, times,
 * prices, scores, ids), so it must also look like one: its digits, after an
 * optional trunk prefix, are a possible number of one of the markets, and
 * either it is grouped the way that market's national format groups it
 * (the format libphonenumber would choose for those digits, with the trunk
 * prefix where that format writes it), or a word like "call" comes just
 * before it.
 *
 * The scanner reads a whole "number token" (digit groups joined by single
 * separators) starting only where a number may start, and accepts it, or a
 * prefix of it ending at a space, only when it is a phone number. A token
 * that is not one is skipped whole, so no phone number is ever found inside
 * a longer number. Nothing is allocated: a token lives on the stack and the
 * tables are constant.
 */
#include <string.h>

#include "detectors.h"
#include "phone_metadata.h"
#include "scan_util.h"

#define MAX_GROUPS 16
/* Room for a calling code, a trunk prefix or "(0)", and the longest
 * national number; a longer run is some other number. */
#define MAX_DIGITS (3 + 1 + LP_PHONE_MAX_DIGITS)

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
	char d[MAX_DIGITS]; /* the digits, in order (not NUL-terminated) */
	size_t nd;
	int too_long;
	/* Index of the group where the token would have ended under the strict
	 * rule (a space after '-' or '.' ends a number), or 0; see read_token. */
	size_t split;
};

#define W LP_WORD

/* Words that announce a phone number. */
static const lp_word context_words[] = {
	W("call"), W("phone"), W("tel"), W("text"), W("mobile"), W("cell"),
	W("whatsapp"), W("number"), W("contact"), W("reach"), W("ph"),
	W("mob"), W("telephone"), W("sms"), W("fax"), W("signal"),
	W("telegram"), W("ring"), W("landline"), W("dial"), { NULL, 0 },
};

/* Words that announce some other number of the same shape. */
static const lp_word other_numbers[] = {
	W("order"), W("tracking"), W("invoice"), W("isbn"), W("ref"),
	W("reference"), W("id"), W("account"), W("acct"), W("case"),
	W("ticket"), W("confirmation"), W("serial"), W("sku"), W("parcel"),
	W("shipment"), W("booking"), W("receipt"), W("transaction"),
	W("iban"), W("routing"), W("aba"), W("pin"), W("card"), W("swift"),
	W("sort"), W("numbers"), W("lotto"), W("lottery"), W("powerball"),
	W("draw"), W("jackpot"), W("record"), W("security"), W("ssn"),
	W("itin"), W("passport"), W("licence"), W("license"), W("vat"),
	W("insurance"), W("aadhaar"), W("fnr"), W("personnummer"), W("ss"),
	W("ni"), W("nin"), { NULL, 0 },
};

/*
 * One of words occurs as a whole word (a run of ASCII letters) ending
 * within window bytes before pos. Like lp_context_before, but it reads the
 * window once, right to left, and compares a word only with the words of
 * its length: the phone detector asks this of many number tokens.
 */
static int context_before(const char *s, size_t pos, size_t window,
			  const lp_word *words)
{
	size_t lo = pos > window ? pos - window : 0, e = pos;

	while (e > lo) {
		size_t b = e, k, i;

		if (!lp_is_alpha((unsigned char)s[e - 1])) {
			e--;
			continue;
		}
		while (b > 0 && lp_is_alpha((unsigned char)s[b - 1]))
			b--;
		for (k = 0; words[k].w; k++) {
			if (words[k].len != e - b)
				continue;
			for (i = 0; i < e - b; i++) {
				if (lp_to_lower((unsigned char)s[b + i]) != words[k].w[i])
					break;
			}
			if (i == e - b)
				return 1;
		}
		e = b;
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
 * parenthesised group. A space after two dash- or dot-separated groups
 * ends the token: "2021-11-30 555-123-4567" is two tokens. After just one
 * dash or dot a space may go on (Malaysia and Sweden write "03-2385 6789",
 * "08-123 45 67"); t->split then remembers where the token would have
 * ended, and the scanner resumes there when the whole token is no number.
 */
static void read_token(const char *s, size_t len, size_t start, struct token *t)
{
	size_t i = start;
	unsigned punct = 0;
	char sep = 0;

	t->start = start;
	t->intl = 0;
	t->n = 0;
	t->nd = 0;
	t->too_long = 0;
	t->split = 0;
	if (s[i] == '+') {
		t->intl = 1;
		i++;
	}
	while (t->n < MAX_GROUPS) {
		struct group *g = &t->g[t->n];
		size_t k, j;

		if (!parse_group(s, len, i, g)) {
			/* No group after the space after all: "7.1 (35435)". */
			if (t->split == t->n)
				t->split = 0;
			break;
		}
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
			if (punct > 1)
				return;
			if (punct == 1 && !t->split)
				t->split = t->n;
			sep = ' ';
			i = j + 1;
		} else if ((lp_at(s, len, j) == '-' || lp_at(s, len, j) == '.') &&
			   group_starts(s, len, j + 1)) {
			sep = s[j];
			punct++;
			i = j + 1;
		} else if (lp_at(s, len, j) == ' ' &&
			   (lp_at(s, len, j + 1) == '-' || lp_at(s, len, j + 1) == '.') &&
			   lp_at(s, len, j + 2) == ' ' && group_starts(s, len, j + 3)) {
			sep = s[j + 1];
			punct++;
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

/*
 * +CC and a possible national number of one of the code's regions.
 * "+44 (0)20 ..." writes the trunk prefix in parentheses, and some people
 * write it bare ("+44 020 ..."): both are dropped, as libphonenumber does
 * when it parses them.
 */
static int intl_ok(const struct token *t, size_t k)
{
	size_t nd = digits_in(t, k), cc, i, skip, pos;
	unsigned q = 0;

	cc = lp_phone_cc_len(t->d, nd);
	if (!cc)
		return 0;
	for (i = 0; i < cc; i++)
		q = q * 10 + (unsigned)(t->d[i] - '0');
	q = lp_phone_cc_start[q];
	/* The group that holds the calling code's last digit. */
	for (i = 0, pos = 0; i < k && pos + t->g[i].ndig < cc; i++)
		pos += t->g[i].ndig;
	skip = cc;
	if (pos + t->g[i].ndig == cc && i + 1 < k && t->g[i + 1].paren &&
	    t->g[i + 1].ndig == 1 && t->d[cc] == '0')
		skip++;
	if (nd - skip > LP_PHONE_MAX_DIGITS || nd == skip)
		return 0;
	if (lp_phone_run(q, t->d + skip, nd - skip) & LP_PHONE_POSSIBLE)
		return 1;
	return t->d[skip] == '0' && skip == cc &&
	       (lp_phone_run(q, t->d + skip + 1, nd - skip - 1) & LP_PHONE_POSSIBLE);
}

/* The leading digits of d select the format whose automaton is ld. */
static int leading_digits_match(unsigned ld, const char *d, size_t n)
{
	size_t i;

	if (!ld)
		return 1;
	for (i = 0; i < n; i++) {
		ld = lp_phone_next[ld][d[i] - '0'];
		if (!ld)
			return 0;
		if (lp_phone_label[ld])
			return 1;
	}
	return 0;
}

/* The format libphonenumber writes the national number d of market m
 * with: the first whose leading digits and lengths fit; NULL if none. */
static const lp_phone_format *format_of(const lp_phone_market *m,
					const char *d, size_t n)
{
	size_t i;

	for (i = 0; i < m->nformats; i++) {
		const lp_phone_format *f = &lp_phone_formats[m->first_format + i];

		if (n >= f->min && n <= f->max && leading_digits_match(f->ld, d, n))
			return f;
	}
	return NULL;
}

/* The written groups tg[0..m) are the format's groups from fi on, some of
 * them run together ("0121 2345678" for "0121 234 5678"). */
static int coarsens(const lp_phone_format *f, size_t fi, const size_t *tg,
		    size_t m)
{
	size_t j, lo = 0, hi = 0;

	if (m == 0)
		return fi == f->ngroups;
	for (j = fi; j < f->ngroups && j < LP_PHONE_MAX_GROUPS; j++) {
		lo += f->group[j][0];
		hi += f->group[j][1];
		if (tg[0] >= lo && tg[0] <= hi && coarsens(f, j + 1, tg + 1, m - 1))
			return 1;
	}
	return 0;
}

/*
 * The written groups fit format f. The first group is the format's first
 * (the area code or mobile prefix: nobody writes part of the subscriber
 * number with it, and "811228-9874" is a Swedish identity number, not a
 * Mexican phone number); after it, libphonenumber's groups or coarser ones,
 * or, for an area code and one long subscriber number, pairs, triples and
 * fours ("030 12 34 56" for "030 123456").
 */
static int grouping_ok(const lp_phone_format *f, const size_t *tg, size_t m)
{
	size_t i;

	if (tg[0] < f->group[0][0] || tg[0] > f->group[0][1])
		return 0;
	if (coarsens(f, 1, tg + 1, m - 1))
		return 1;
	if (f->ngroups != 2 || f->group[1][1] < 6)
		return 0;
	for (i = 1; i < m; i++) {
		if (tg[i] < 2 || tg[i] > 4)
			return 0;
	}
	return 1;
}

/* What national_shape_ok says of a candidate. */
enum { NO, YES, IF_CONTEXT };

/*
 * National number d (trunk prefix removed) of market m, written as the
 * first k groups of t with the trunk prefix or not: YES, NO, or
 * IF_CONTEXT when a word like "call" just before it would make any
 * grouping, even none, enough (the caller looks that up only then: it
 * costs more than all the rest).
 */
static int national_shape_ok(const struct token *t, size_t k,
			     const lp_phone_market *m, const char *d, size_t n,
			     int trunk)
{
	const lp_phone_format *f = format_of(m, d, n);
	size_t tg[MAX_GROUPS], ng = 0, i, singles = 0;

	/* Digits no format fits are not written as a number there. */
	if (!f)
		return NO;
	if (!trunk && f->trunk == LP_PHONE_TRUNK_YES)
		return NO;
	for (i = 0; i < k; i++) {
		size_t nd = t->g[i].ndig;

		if (i == 0 && trunk) {
			if (nd == 1)
				continue; /* "8 (912) ...", "0 801 ..." */
			nd--;
		}
		/* Parentheses go round the area code, and nowhere else. */
		if (t->g[i].paren && ng != 0)
			return IF_CONTEXT;
		singles += nd == 1;
		tg[ng++] = nd;
	}
	/* A bare run, or digits spaced out one by one, is a phone number only
	 * when something says so. */
	if (ng < 2 || singles == ng || !grouping_ok(f, tg, ng))
		return IF_CONTEXT;
	/* Six digits or fewer in two or three groups are more often a score,
	 * a decimal or a code than a short service number. */
	if (n + (size_t)trunk < 7)
		return IF_CONTEXT;
	/*
	 * Without a word that says so, the digits must be a valid number (of
	 * a number type), not merely a possible one: the general descriptions
	 * let through "1990-2000" in Korea and "4000-5000" in Brazil. North
	 * America is the exception: there the general description already
	 * fixes ten digits and an area code [2-9], the (NXX) NXX-XXXX shape is
	 * used for nothing else, and new area codes open faster than metadata
	 * follows (as do 555 numbers, fiction's and examples' favourites).
	 */
	if (m->cc != 1 &&
	    !(lp_phone_run(lp_phone_cc_start[m->cc], d, n) & LP_PHONE_ANY_TYPE))
		return IF_CONTEXT;
	return YES;
}

static int national_ok(const char *s, const struct token *t, size_t k)
{
	size_t nd = digits_in(t, k), skip, i, singles = 0;
	int maybe = 0;

	if (nd < 5 || nd > LP_PHONE_MAX_DIGITS + 1)
		return 0;
	/* A bare run or spaced-out digits needs a word before it whatever the
	 * digits are: ask that first, it is cheaper than the rest. */
	for (i = 0; i < k; i++)
		singles += t->g[i].ndig == 1;
	if ((k == 1 || singles == k || (k == 2 && singles == 1 && t->g[0].ndig == 1)) &&
	    !context_before(s, t->start, 30, context_words))
		return 0;
	for (skip = 0; skip <= 1; skip++) {
		uint32_t bits = skip ? lp_phone_trunk_bits[t->d[0] - '0'] : ~(uint32_t)0;

		if (bits)
			bits &= lp_phone_run(lp_phone_national_start, t->d + skip,
					     nd - skip);
		if (!bits)
			continue;
		if (bits & ((uint32_t)1 << lp_phone_ar15_bit)) {
			/* Its own way of writing: "011 15-2345-6789". */
			if (k - (skip && t->g[0].ndig == 1) >= 2)
				return 1;
			maybe = 1;
		}
		for (i = 0; i < lp_phone_nmarkets && bits >> i; i++) {
			int r;

			if (!(bits & ((uint32_t)1 << i)))
				continue;
			r = national_shape_ok(t, k, &lp_phone_markets[i], t->d + skip,
					      nd - skip, (int)skip);
			if (r == YES)
				return 1;
			maybe |= r == IF_CONTEXT;
		}
	}
	return maybe && context_before(s, t->start, 30, context_words);
}

/* Four dot-separated numbers up to 255: an IP address. */
static int ip_address(const char *s, const struct token *t, size_t k)
{
	size_t i;

	if (k != 4)
		return 0;
	for (i = 0; i < 4; i++) {
		const struct group *g = &t->g[i];
		unsigned v = 0;
		size_t j;

		if (g->paren || g->ndig > 3 || (i > 0 && g->sep != '.'))
			return 0;
		for (j = g->start; j < g->end; j++)
			v = v * 10 + (unsigned)(s[j] - '0');
		if (v > 255)
			return 0;
	}
	return 1;
}

/* 078-05-1120 has the shape of a US social-security number. */
static int ssn_shape(const struct token *t, size_t k)
{
	return k == 3 && t->g[0].ndig == 3 && t->g[1].ndig == 2 &&
	       t->g[2].ndig == 4 && !t->g[0].paren && !t->g[1].paren &&
	       !t->g[2].paren;
}

/* Dots join the groups of a number written with dots and nothing else:
 * "03.10.2005 - 72" is a date and another number. */
static int mixed_dots(const struct token *t, size_t k)
{
	size_t i, dots = 0;

	for (i = 1; i < k; i++)
		dots += t->g[i].sep == '.';
	return dots && dots != k - 1;
}

/* A currency sign follows across one space: "648 880 \u20bd" is money. */
static int money_after(const char *s, size_t len, size_t end)
{
	size_t n;
	uint32_t cp;

	if (end + 1 >= len || s[end] != ' ')
		return 0;
	cp = lp_cp_at(s, len, end + 1, &n);
	return cp == '$' || (cp >= 0xA2 && cp <= 0xA5) ||
	       (cp >= 0x20A0 && cp <= 0x20CF);
}

/* Two round numbers joined by a dash are a range: "4000-5000 fans". */
static int round_range(const char *s, const struct token *t, size_t k)
{
	const struct group *a = &t->g[0], *b = &t->g[1];

	return k == 2 && b->sep == '-' && !a->paren && !b->paren &&
	       a->ndig >= 3 && b->ndig >= 3 &&
	       s[a->end - 1] == '0' && s[a->end - 2] == '0' &&
	       s[b->end - 1] == '0' && s[b->end - 2] == '0';
}

static unsigned group_value(const char *s, const struct group *g)
{
	unsigned v = 0;
	size_t j;

	for (j = g->start; j < g->end; j++) {
		if (lp_is_digit((unsigned char)s[j]))
			v = v * 10 + (unsigned)(s[j] - '0');
	}
	return v;
}

/* A date: day and month (either order) and a year 1900-2099, in three
 * groups, "02.12.1998", "02-03-2005", "2021-11-30". */
static int date_shape(const char *s, const struct token *t, size_t k)
{
	const struct group *g = t->g;
	unsigned a, b, y;

	if (k != 3 || g[0].paren || g[1].paren || g[2].paren ||
	    g[1].sep == ' ' || g[2].sep != g[1].sep)
		return 0;
	if (g[0].ndig == 4 && g[1].ndig == 2 && g[2].ndig == 2) {
		y = group_value(s, &g[0]);
		a = group_value(s, &g[1]);
		b = group_value(s, &g[2]);
	} else if (g[0].ndig <= 2 && g[1].ndig <= 2 && g[2].ndig == 4) {
		a = group_value(s, &g[0]);
		b = group_value(s, &g[1]);
		y = group_value(s, &g[2]);
	} else {
		return 0;
	}
	return y >= 1900 && y <= 2099 && a >= 1 && b >= 1 &&
	       ((a <= 31 && b <= 12) || (a <= 12 && b <= 31));
}

/* Some separator inside the first k groups is a space. */
static int spaced(const struct token *t, size_t k)
{
	size_t i;

	for (i = 1; i < k; i++) {
		if (t->g[i].sep == ' ')
			return 1;
	}
	return 0;
}

/* The end of the longest phone number in t, or 0. */
static size_t match(const char *s, size_t len, const struct token *t)
{
	size_t k;
	int other = -1;

	if (!t->intl && lp_after_code(s, t->start))
		return 0;
	for (k = t->n; k >= 1; k--) {
		/* A shorter candidate must end at a space: the rest of the
		 * token is another word ("call 555-123-4567 2 times"). A
		 * national number grouped by spaces has no such end: "4111
		 * 1111 1111 1111" holds no phone number. */
		if (k < t->n && (t->g[k].sep != ' ' || (!t->intl && spaced(t, k))))
			continue;
		if (t->intl) {
			if (intl_ok(t, k))
				return t->g[k - 1].end;
			continue;
		}
		if (ip_address(s, t, k) || ssn_shape(t, k) || mixed_dots(t, k) ||
		    round_range(s, t, k) || date_shape(s, t, k) ||
		    money_after(s, len, t->g[k - 1].end) || !national_ok(s, t, k))
			continue;
		if (other < 0)
			other = context_before(s, t->start, 25, other_numbers);
		if (!other)
			return t->g[k - 1].end;
	}
	return 0;
}

/*
 * A number spread out to slip past filters ("9-1-9-4-1-5-0-4-3-0-0-6",
 * "191/18/35/59/71") right after a word like "call": valid when its digits
 * are a possible number of one of the 30 markets (with or without the
 * trunk prefix) or of North America. Its end, or 0.
 */
static size_t spread_phone(const char *s, size_t len, size_t i)
{
	char d[LP_PHONE_MAX_DIGITS + 4];
	size_t n, e, cc;
	uint32_t bits;
	int plus = s[i] == '+';

	/* The shape first: it is cheaper than the words, and most tokens
	 * that get here are not spread out at all. */
	if (!lp_is_digit(lp_at(s, len, i + (size_t)plus)))
		return 0;
	e = lp_spread_digits(s, len, i + (size_t)plus, d, sizeof(d), &n);
	if (!e || n < 7 || !lp_num_end_ok(s, len, e) ||
	    !context_before(s, i, 30, context_words) ||
	    context_before(s, i, 25, other_numbers))
		return 0;
	if (plus) {
		/* "+44/7/53/...": the calling code, then a possible number of
		 * one of its regions. */
		unsigned q = 0;
		size_t k;

		if (!(cc = lp_phone_cc_len(d, n)) || n - cc > LP_PHONE_MAX_DIGITS)
			return 0;
		for (k = 0; k < cc; k++)
			q = q * 10 + (unsigned)(d[k] - '0');
		return lp_phone_run(lp_phone_cc_start[q], d + cc, n - cc) &
		       LP_PHONE_POSSIBLE ? e : 0;
	}
	/* AAA-GG-SSSS is a social-security number, valid or not. */
	if (e - i == 11 && n == 9 && s[i + 3] == s[i + 6] &&
	    !lp_is_digit((unsigned char)s[i + 3]))
		return 0;
	if ((n == 10 && d[0] >= '2') || (n == 11 && d[0] == '1' && d[1] >= '2'))
		return e;
	bits = lp_phone_run(lp_phone_national_start, d, n);
	if (!bits && n > 7)
		bits = lp_phone_trunk_bits[d[0] - '0'] &
		       lp_phone_run(lp_phone_national_start, d + 1, n - 1);
	return bits ? e : 0;
}

static int may_start(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c == '+')
		return !lp_word_before(s, i) && group_starts(s, len, i + 1) &&
		       (i == 0 || !lp_is_digit((unsigned char)s[i - 1]));
	if (c == '(')
		return group_starts(s, len, i) && lp_num_start_ok(s, len, i);
	/* A digit is offered only where a number may start (LP_SET_NUMOK). */
	return lp_is_digit(c);
}

int lp_detect_phone(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i = 0;
	struct token t;
	/* Where a number may start, '+' or '(' (and '-', passed over), and
	 * URLs to skip. */
	const unsigned starts = LP_IN(LP_SET_NUMOK) | LP_IN(LP_SET_SIGN) |
	                        LP_IN(LP_SET_URL);

	while (i < len) {
		size_t u, end, tend;

		i = lp_text_next(text, starts, i);
		if (i == len)
			break;
		u = lp_url_end(s, len, i);
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
		/* A national number has five digits or more (national_ok):
		 * most tokens, years, times and prices, end here. */
		if (!t.too_long && (t.intl || t.nd >= 5) &&
		    lp_num_end_ok(s, len, tend))
			end = match(s, len, &t);
		if (!end)
			end = spread_phone(s, len, i);
		if (end) {
			if (lp_spans_push(out, t.start, end))
				return -1;
			i = end;
		} else if (t.split) {
			/* Read again from where the strict rule would have
			 * ended the token: "12-30 555-123-4567" (always
			 * forward, so that the scan ends). */
			i = t.g[t.split].start > i ? t.g[t.split].start : i + 1;
		} else {
			/* Skip the whole token, and any digits glued to it. */
			i = tend;
			while (i < len && lp_is_alnum((unsigned char)s[i]))
				i++;
		}
	}
	return 0;
}
