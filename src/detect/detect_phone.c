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
	char d[MAX_DIGITS]; /* the digits, in order (not NUL-terminated),
			       once copy_digits() has copied them */
	size_t nd;
	int too_long;
	/* Index of the group where the token would have ended under the strict
	 * rule (a space after '-' or '.' ends a number), or 0; see read_token. */
	size_t split;
};

/*
 * The words looked for before a number, by their first two letters: a
 * word of the text is compared only with those that begin like it, most
 * often with none, and is then not even read to its end. Each entry is
 * the list of the lower-case words that begin with its two letters. No
 * word is longer than LONGEST_WORD letters.
 */
#define PAIR(a, b) [(a) - 'a'][(b) - 'a']
#define WORDS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define LONGEST_WORD 12

typedef const char *const *const word_table[26][26];

/* Words that announce a phone number. */
static word_table phone_words = {
	PAIR('c', 'a') = WORDS("call"), PAIR('c', 'e') = WORDS("cell"),
	PAIR('c', 'o') = WORDS("contact"), PAIR('d', 'i') = WORDS("dial"),
	PAIR('f', 'a') = WORDS("fax"), PAIR('l', 'a') = WORDS("landline"),
	PAIR('m', 'o') = WORDS("mob", "mobile"), PAIR('n', 'u') = WORDS("number"),
	PAIR('p', 'h') = WORDS("ph", "phone"), PAIR('r', 'e') = WORDS("reach"),
	PAIR('r', 'i') = WORDS("ring"), PAIR('s', 'i') = WORDS("signal"),
	PAIR('s', 'm') = WORDS("sms"),
	PAIR('t', 'e') = WORDS("tel", "text", "telegram", "telephone"),
	PAIR('w', 'h') = WORDS("whatsapp"),
};

/* Words that announce some other number of the same shape. */
static word_table other_words = {
	PAIR('a', 'a') = WORDS("aadhaar"), PAIR('a', 'b') = WORDS("aba"),
	PAIR('a', 'c') = WORDS("acct", "account"), PAIR('b', 'o') = WORDS("booking"),
	PAIR('c', 'a') = WORDS("case", "card"), PAIR('c', 'o') = WORDS("confirmation"),
	PAIR('d', 'r') = WORDS("draw"), PAIR('f', 'n') = WORDS("fnr"),
	PAIR('i', 'b') = WORDS("iban"), PAIR('i', 'd') = WORDS("id"),
	PAIR('i', 'n') = WORDS("invoice", "insurance"), PAIR('i', 's') = WORDS("isbn"),
	PAIR('i', 't') = WORDS("itin"), PAIR('j', 'a') = WORDS("jackpot"),
	PAIR('l', 'i') = WORDS("licence", "license"),
	PAIR('l', 'o') = WORDS("lotto", "lottery"), PAIR('n', 'i') = WORDS("ni", "nin"),
	PAIR('n', 'u') = WORDS("numbers"), PAIR('o', 'r') = WORDS("order"),
	PAIR('p', 'a') = WORDS("parcel", "passport"),
	PAIR('p', 'e') = WORDS("personnummer"), PAIR('p', 'i') = WORDS("pin"),
	PAIR('p', 'o') = WORDS("powerball"),
	PAIR('r', 'e') = WORDS("ref", "record", "receipt", "reference"),
	PAIR('r', 'o') = WORDS("routing"),
	PAIR('s', 'e') = WORDS("serial", "security"), PAIR('s', 'h') = WORDS("shipment"),
	PAIR('s', 'k') = WORDS("sku"), PAIR('s', 'o') = WORDS("sort"),
	PAIR('s', 's') = WORDS("ss", "ssn"), PAIR('s', 'w') = WORDS("swift"),
	PAIR('t', 'i') = WORDS("ticket"),
	PAIR('t', 'r') = WORDS("tracking", "transaction"), PAIR('v', 'a') = WORDS("vat"),
};

/*
 * The words that may be the word at s[b], an ASCII letter: the entry of
 * its first two letters, or NULL (for a one-letter word too). An ASCII
 * letter | 0x20 is its lower case, and no other byte | 0x20 is a
 * lower-case letter.
 */
static inline const char *const *entry_of(word_table *words, const char *s,
					  size_t b)
{
	unsigned c0 = (unsigned)((unsigned char)s[b] | 0x20) - 'a';
	unsigned c1 = (unsigned)((unsigned char)s[b + 1] | 0x20) - 'a';

	return c1 < 26 ? (*words)[c0][c1] : NULL;
}

/* The n letters at s (n >= 2) are one of the words of entry w (all
 * beginning with the first two). */
static int word_is(const char *const *w, const char *s, size_t n)
{
	for (; *w; w++) {
		size_t i = 2;

		while (i < n && (*w)[i] == (char)(s[i] | 0x20))
			i++;
		if (i == n && !(*w)[n])
			return 1;
	}
	return 0;
}

/* When the word at s[b], its letters up to the next byte that is not
 * one, is one of the words of entry w (all beginning with its first two
 * letters), the end of that word; otherwise 0. */
static size_t word_end(const char *const *w, const char *s, size_t b)
{
	for (; *w; w++) {
		const char *p = *w + 2, *q = s + b + 2;

		/* Stops at the first byte that is not a letter at the
		 * latest: never past the NUL at s[len]. */
		while (*p && (char)(*q | 0x20) == *p) {
			p++;
			q++;
		}
		if (!*p && !lp_is_alpha((unsigned char)*q))
			return (size_t)(q - s);
	}
	return 0;
}

/*
 * One of words occurs as a whole word (a run of ASCII letters) ending
 * within window bytes before pos. It reads the window once, right to
 * left; word_before() (below) is what the scanner asks, and this is its
 * answer when asked out of order.
 */
static int context_before(const char *s, size_t pos, size_t window,
			  word_table *words)
{
	size_t lo = pos > window ? pos - window : 0, e = pos;

	while (e > lo) {
		size_t b = e;
		const char *const *w;

		if (!lp_is_alpha((unsigned char)s[e - 1])) {
			e--;
			continue;
		}
		while (b > 0 && lp_is_alpha((unsigned char)s[b - 1]))
			b--;
		if (e - b >= 2 && (w = entry_of(words, s, b)) != NULL &&
		    word_is(w, s + b, e - b))
			return 1;
		e = b;
	}
	return 0;
}

/* The windows the words are looked for in, before a number. */
#define PHONE_WINDOW 30
#define OTHER_WINDOW 25

/*
 * context_before of both lists, for one text, asked at token starts in
 * increasing order (the scan only goes forward): every word of the text
 * is looked up once at most, in both lists at once, not once per token.
 *
 * The words that begin before `read` have been looked up, and the end of
 * the last one of each list kept. A word that begins before pos ends at or
 * before it when s[pos] is not a letter (a token starts with a digit, '+'
 * or '('), so the last such end alone tells whether a word of the list
 * ends within the window, as context_before would find.
 *
 * A word that begins more than PHONE_WINDOW + LONGEST_WORD bytes before
 * pos is not looked up: if it is one of the words, it ends more than
 * PHONE_WINDOW bytes before pos, and before any later token too, out of
 * every window asked (OTHER_WINDOW is shorter). Such an unread word's end
 * is never kept, but an end kept earlier is smaller still, as much out of
 * the window.
 */
struct context {
	const lp_text *text;
	size_t read;      /* the words that begin before it have been looked up */
	size_t phone_end; /* one past the last of them that is a phone word */
	size_t other_end; /* one past the last that is an other-number word */
};

/* Looks up the words that begin in [c->read, pos) (LP_SET_WORD), but
 * those too far before pos; pos > c->read. */
static void read_words(struct context *c, size_t pos)
{
	const char *s = c->text->s;
	const uint64_t *starts = c->text->sets + LP_SET_WORD * c->text->words;
	size_t from = c->read, last = (pos - 1) >> 6, k;

	if (pos > PHONE_WINDOW + LONGEST_WORD &&
	    from < pos - PHONE_WINDOW - LONGEST_WORD)
		from = pos - PHONE_WINDOW - LONGEST_WORD;
	c->read = pos;
	for (k = from >> 6; k <= last; k++) {
		uint64_t m = starts[k];

		if (k == from >> 6)
			m &= ~(uint64_t)0 << (from & 63);
		if (k == last)
			m &= ~(uint64_t)0 >> (63 - ((pos - 1) & 63));
		for (; m; m &= m - 1) {
			size_t b = (k << 6) + lp_ctz64(m), e;
			const char *const *entry;

			/* Every word that begins before pos ends at or
			 * before it. No word is in both lists. */
			if ((entry = entry_of(&phone_words, s, b)) != NULL &&
			    (e = word_end(entry, s, b)) != 0)
				c->phone_end = e;
			else if ((entry = entry_of(&other_words, s, b)) != NULL &&
				 (e = word_end(entry, s, b)) != 0)
				c->other_end = e;
		}
	}
}

/* context_before(s, pos, window, words), where end is the kept end of
 * words. */
static inline int word_before(struct context *c, size_t pos, size_t window,
			      word_table *words, const size_t *end)
{
	if (pos != c->read) {
		if (pos < c->read || lp_is_alpha((unsigned char)c->text->s[pos]))
			return context_before(c->text->s, pos, window, words);
		read_words(c, pos);
	}
	/* end > pos - window, as context_before's loop reads it (no word is
	 * empty, so end != 0 is end > 0 when pos <= window). */
	return *end != 0 && *end + window > pos;
}

/* A word like "call" ends within PHONE_WINDOW bytes before pos. */
static int phone_word_before(struct context *c, size_t pos)
{
	return word_before(c, pos, PHONE_WINDOW, &phone_words, &c->phone_end);
}

/* A word like "order" ends within OTHER_WINDOW bytes before pos. */
static int other_word_before(struct context *c, size_t pos)
{
	return word_before(c, pos, OTHER_WINDOW, &other_words, &c->other_end);
}

/*
 * The token readers below index the text directly: it is NUL-terminated
 * (lp_text), and they read a byte past another only when that one is not
 * NUL, so never past s[len].
 */

/* Parses one digit group at i: digits, or 1-4 digits in parentheses. */
static inline int parse_group(const char *s, size_t i, struct group *g)
{
	size_t j = i;

	if (s[j] == '(') {
		j++;
		while (lp_is_digit((unsigned char)s[j]) && j - i <= 4)
			j++;
		if (j - i < 2 || j - i > 5 || s[j] != ')')
			return 0;
		g->paren = 1;
		g->start = i;
		g->end = j + 1;
		g->ndig = j - i - 1;
		return 1;
	}
	while (lp_is_digit((unsigned char)s[j]))
		j++;
	if (j == i)
		return 0;
	g->paren = 0;
	g->start = i;
	g->end = j;
	g->ndig = j - i;
	return 1;
}

static int group_starts(const char *s, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	return lp_is_digit(c) || (c == '(' && lp_is_digit((unsigned char)s[i + 1]));
}

/*
 * How the token goes on after a group that ends at j: the offset where the
 * next group begins, with the separator in *sep, or 0 when the token ends
 * at j. Groups are joined by one space, one dash or dot (optionally
 * spaced: " - "), or nothing around a parenthesised group (paren: the
 * group that ends at j is one).
 */
static inline size_t next_group(const char *s, size_t j, int paren, char *sep)
{
	unsigned char c = (unsigned char)s[j];

	if (c == ' ' && group_starts(s, j + 1)) {
		*sep = ' ';
		return j + 1;
	}
	if ((c == '-' || c == '.') && group_starts(s, j + 1)) {
		*sep = (char)c;
		return j + 1;
	}
	if (c == ' ' && (s[j + 1] == '-' || s[j + 1] == '.') && s[j + 2] == ' ' &&
	    group_starts(s, j + 3)) {
		*sep = s[j + 1];
		return j + 3;
	}
	if ((paren && lp_is_digit(c)) || group_starts(s, j)) {
		/* "(555)123-4567", "+44(0)20": only around parentheses,
		 * since digits after digits are one group. */
		*sep = 0;
		return j;
	}
	return 0;
}

/*
 * Reads the number token at start: groups joined as next_group says. A
 * space after two dash- or dot-separated groups ends the token:
 * "2021-11-30 555-123-4567" is two tokens. After just one dash or dot a
 * space may go on (Malaysia and Sweden write "03-2385 6789", "08-123 45
 * 67"); t->split then remembers where the token would have ended, and the
 * scanner resumes there when the whole token is no number. The digits are
 * not copied (copy_digits). first_end: where the first group, a run of
 * digits, ends, when the caller has found it already; otherwise 0.
 */
static void read_token(const char *s, size_t start, size_t first_end,
		       struct token *t)
{
	size_t i = start, n = 0, nd = 0, split = 0;
	unsigned punct = 0;
	char sep = 0;
	int too_long = 0;
	struct group *g = &t->g[0];

	t->start = start;
	t->intl = s[i] == '+';
	i += (size_t)t->intl;
	if (first_end) {
		g->paren = 0;
		g->start = i;
		g->end = first_end;
		g->ndig = first_end - i;
	} else if (!parse_group(s, i, g)) {
		t->n = t->nd = t->split = 0;
		t->too_long = 0;
		return;
	}
	for (;;) {
		g->sep = sep;
		n++;
		if (nd + g->ndig > MAX_DIGITS) {
			too_long = 1;
			break;
		}
		nd += g->ndig;
		i = next_group(s, g->end, g->paren, &sep);
		if (!i)
			break;
		if (sep == ' ') {
			if (punct > 1)
				break;
			if (punct == 1 && !split)
				split = n;
		} else if (sep) {
			punct++;
		}
		if (n == MAX_GROUPS) {
			/* More groups than a phone number has: part of
			 * something else. */
			too_long = 1;
			break;
		}
		g = &t->g[n];
		if (!parse_group(s, i, g)) {
			/* No group after the space after all: "7.1 (35435)". */
			if (split == n)
				split = 0;
			break;
		}
	}
	t->n = n;
	t->nd = nd;
	t->split = split;
	t->too_long = too_long;
}

/*
 * Copies n bytes: the few digits of a group are copied with at most two
 * moves of a size known when compiled, which may overlap, rather than
 * with a call.
 */
static inline void copy_short(char *d, const char *s, size_t n)
{
	if (n > 8) {
		memcpy(d, s, n);
	} else if (n >= 4) {
		memcpy(d, s, 4);
		memcpy(d + n - 4, s + n - 4, 4);
	} else if (n >= 2) {
		memcpy(d, s, 2);
		memcpy(d + n - 2, s + n - 2, 2);
	} else if (n == 1) {
		d[0] = s[0];
	}
}

/* Copies the digits of a token read whole (not too_long) into t->d: only
 * intl_ok() and national_ok() read them, and most tokens never get
 * there. */
static void copy_digits(const char *s, struct token *t)
{
	size_t i, nd = 0;

	/* A group's digits are all its bytes, or those inside its
	 * parentheses. */
	for (i = 0; i < t->n; i++) {
		copy_short(t->d + nd, s + t->g[i].start + t->g[i].paren, t->g[i].ndig);
		nd += t->g[i].ndig;
	}
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

/*
 * How the first k groups of a token write a national number of n digits,
 * with the trunk prefix (in the first group) or not, whatever the market.
 */
struct written {
	size_t tg[MAX_GROUPS]; /* digits of each group, trunk prefix dropped */
	size_t ng;
	/* Parentheses only round the first group, two groups or more, not
	 * all of one digit, and seven digits or more with the trunk prefix:
	 * the number may be written the way a market's format groups it. */
	int plain;
};

static void written_groups(const struct token *t, size_t k, size_t n,
			   int trunk, struct written *w)
{
	size_t i, singles = 0;

	w->ng = 0;
	w->plain = 0;
	for (i = 0; i < k; i++) {
		size_t nd = t->g[i].ndig;

		if (i == 0 && trunk) {
			if (nd == 1)
				continue; /* "8 (912) ...", "0 801 ..." */
			nd--;
		}
		/* Parentheses go round the area code, and nowhere else. */
		if (t->g[i].paren && w->ng != 0)
			return;
		singles += nd == 1;
		w->tg[w->ng++] = nd;
	}
	/* A bare run, or digits spaced out one by one, is a phone number
	 * only when something says so; and six digits or fewer in two or
	 * three groups are more often a score, a decimal or a code than a
	 * short service number. */
	w->plain = w->ng >= 2 && singles != w->ng && n + (size_t)trunk >= 7;
}

/* Market m writes its national number d (trunk prefix removed) with some
 * format, and with the trunk prefix when that format does (trunk: it is
 * written). */
static int market_writes(const lp_phone_market *m, const char *d, size_t n,
			 int trunk, const lp_phone_format **fp)
{
	const lp_phone_format *f = format_of(m, d, n);

	*fp = f;
	return f && (trunk || f->trunk != LP_PHONE_TRUNK_YES);
}

/*
 * Without a word that says so, the digits must be a valid number (of a
 * number type), not merely a possible one: the general descriptions let
 * through "1990-2000" in Korea and "4000-5000" in Brazil. North America
 * is the exception: there the general description already fixes ten
 * digits and an area code [2-9], the (NXX) NXX-XXXX shape is used for
 * nothing else, and new area codes open faster than metadata follows (as
 * do 555 numbers, fiction's and examples' favourites).
 */
static int valid_without_word(const lp_phone_market *m, const char *d, size_t n)
{
	return m->cc == 1 ||
	       (lp_phone_run(lp_phone_cc_start[m->cc], d, n) & LP_PHONE_ANY_TYPE);
}

/*
 * The first k groups of t, nd digits, are a national number of one of the
 * markets: its digits, after the trunk prefix or not, are a possible
 * number there that one of its formats writes (with the trunk prefix
 * where it writes one); and either a word like "call" comes just before
 * it, which makes any grouping enough, even none, or it is grouped the
 * way that format groups it and is valid there.
 *
 * The word is looked up first (match() has looked the words up already):
 * with it, the first market that writes the digits decides; without it,
 * a grouping no format has (not plain) decides nothing, and the grouping,
 * cheaper, is asked of a market's format before validity.
 */
static int national_ok(struct context *c, const struct token *t, size_t k,
		       size_t nd)
{
	size_t skip, i, singles = 0;
	int word;
	/* The label bits of the markets (the others are flags). */
	const uint32_t markets = lp_phone_nmarkets < 32
				 ? ((uint32_t)1 << lp_phone_nmarkets) - 1
				 : ~(uint32_t)0;

	if (nd < 5 || nd > LP_PHONE_MAX_DIGITS + 1)
		return 0;
	/* A bare run or spaced-out digits needs a word before it whatever the
	 * digits are. */
	for (i = 0; i < k; i++)
		singles += t->g[i].ndig == 1;
	word = phone_word_before(c, t->start);
	if ((k == 1 || singles == k || (k == 2 && singles == 1 && t->g[0].ndig == 1)) &&
	    !word)
		return 0;
	for (skip = 0; skip <= 1; skip++) {
		uint32_t bits = skip ? lp_phone_trunk_bits[t->d[0] - '0'] : ~(uint32_t)0;
		const char *d = t->d + skip;
		size_t n = nd - skip;
		struct written w;

		if (bits)
			bits &= lp_phone_run(lp_phone_national_start, d, n);
		if (!bits)
			continue;
		/* Its own way of writing, "011 15-2345-6789", grouped or
		 * after a word. */
		if ((bits & ((uint32_t)1 << lp_phone_ar15_bit)) &&
		    (word || k - (skip && t->g[0].ndig == 1) >= 2))
			return 1;
		bits &= markets;
		if (!bits)
			continue;
		written_groups(t, k, n, (int)skip, &w);
		/* Without a word, only a grouping a format may have. */
		if (!word && !w.plain)
			continue;
		for (; bits; bits &= bits - 1) {
			const lp_phone_market *m = &lp_phone_markets[lp_ctz64(bits)];
			const lp_phone_format *f;

			if (market_writes(m, d, n, (int)skip, &f) &&
			    (word || (grouping_ok(f, w.tg, w.ng) &&
				      valid_without_word(m, d, n))))
				return 1;
		}
	}
	return 0;
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

/* The end of the longest phone number in t, or 0. */
static size_t match(struct context *c, struct token *t)
{
	const char *s = c->text->s;
	size_t len = c->text->len;
	size_t k, cand[2], ncand, first_space, i, nd;
	int copied = 0;

	/*
	 * A shorter candidate must end at a space: the rest of the token is
	 * another word ("call 555-123-4567 2 times"). A national number
	 * grouped by spaces has no such end, so its only shorter candidate
	 * ends at its first space: "4111 1111 1111 1111" holds no phone
	 * number.
	 */
	if (t->intl) {
		copy_digits(s, t);
		for (k = t->n; k >= 1; k--) {
			if (k < t->n && t->g[k].sep != ' ')
				continue;
			if (intl_ok(t, k))
				return t->g[k - 1].end;
		}
		return 0;
	}
	for (first_space = 1; first_space < t->n && t->g[first_space].sep != ' ';
	     first_space++)
		;
	cand[0] = t->n;
	cand[1] = first_space;
	ncand = first_space < t->n ? 2 : 1;
	for (i = 0; i < ncand; i++) {
		k = cand[i];
		nd = digits_in(t, k);
		if (ip_address(s, t, k) || ssn_shape(t, k) || mixed_dots(t, k) ||
		    round_range(s, t, k) || date_shape(s, t, k) ||
		    money_after(s, len, t->g[k - 1].end) ||
		    nd < 5 || nd > LP_PHONE_MAX_DIGITS + 1)
			continue;
		/* A word like "order" before it rules out every candidate:
		 * asked before national_ok(), which costs more, and the words
		 * are looked up for both at once. */
		if (other_word_before(c, t->start))
			return 0;
		if (!copied) {
			copy_digits(s, t);
			copied = 1;
		}
		/* After a code like an IBAN's, no national number at all: asked
		 * last, as it is the rarest answer (and has no side effect). */
		if (national_ok(c, t, k, nd))
			return lp_after_code(s, t->start) ? 0 : t->g[k - 1].end;
	}
	return 0;
}

/*
 * A number spread out to slip past filters ("9-1-9-4-1-5-0-4-3-0-0-6",
 * "191/18/35/59/71") right after a word like "call": valid when its digits
 * are a possible number of one of the 30 markets (with or without the
 * trunk prefix) or of North America. Its end, or 0.
 */
static size_t spread_phone(struct context *c, const struct token *t)
{
	const char *s = c->text->s;
	size_t len = c->text->len, i = t->start, n, e, cc, x;
	char d[LP_PHONE_MAX_DIGITS + 4];
	uint32_t bits;
	int plus = t->intl;
	unsigned char sep;

	/*
	 * The shape first, from the token at i (t): most tokens that get
	 * here are not spread out at all. lp_spread_digits reads runs of
	 * digits from s[i + plus], joined by one kind of separator, ' ', '.',
	 * '-' or '/', before a digit; it wants two runs and seven digits.
	 *
	 * Its first run is the token's first group, and each ' ', '.' or '-'
	 * it crosses, read_token crosses too (a space ends the token only
	 * after two dashes or dots, which that kind of chain has not crossed).
	 * So it reads no digit outside the token, unless the token stops at
	 * a '/' before a digit or is cut short (too_long): it has at most
	 * t->nd digits.
	 */
	if (!lp_is_digit(lp_at(s, len, i + (size_t)plus)))
		return 0;
	x = t->g[0].end;
	sep = (unsigned char)s[x];
	if ((sep != ' ' && sep != '.' && sep != '-' && sep != '/') ||
	    !lp_is_digit(lp_at(s, len, x + 1)))
		return 0;
	x = t->g[t->n - 1].end;
	if (t->nd < 7 && !t->too_long &&
	    !(s[x] == '/' && lp_is_digit(lp_at(s, len, x + 1))))
		return 0;
	if (!phone_word_before(c, i) ||
	    other_word_before(c, i))
		return 0;
	e = lp_spread_digits(s, len, i + (size_t)plus, d, sizeof(d), &n);
	if (!e || n < 7 || !lp_num_end_ok(s, len, e))
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

/*
 * Most tokens are one run of digits (a year, a count, an id): whether the
 * token at i, the run of digits [i, j) and nothing more, can be skipped
 * whole, as neither match() nor spread_phone() could find a phone number
 * in it.
 *
 * Such a token is one group, so match() tries only k = 1, a national
 * number (no '+'): national_ok() wants five to LP_PHONE_MAX_DIGITS + 1
 * digits and a word like "call" before a bare run, and match() finds
 * nothing after a word like "order"; and match() is not asked when the
 * run ends where no number may end. spread_phone() wants a second group
 * after a separator, and a run followed by ' ', '.' or '-' and a digit
 * would have gone on (next_group): only '/' is left, and then seven
 * digits in the runs it joins. The token has no split, so the scanner
 * would skip to its end.
 */
static int one_group_skip(struct context *c, size_t i, size_t j)
{
	const char *s = c->text->s;
	size_t len = c->text->len, nd = j - i, x;

	if (nd >= 5 && nd <= LP_PHONE_MAX_DIGITS + 1 && lp_num_end_ok(s, len, j) &&
	    phone_word_before(c, i) && !other_word_before(c, i))
		return 0;
	if (s[j] != '/' || !lp_is_digit((unsigned char)s[j + 1]))
		return 1;
	/* "1/10", "11/2/99": lp_spread_digits reads the runs joined by '/'
	 * (before a digit), and wants seven digits. */
	for (x = j + 1; s[x] == '/' || lp_is_digit((unsigned char)s[x]); x++) {
		if (s[x] == '/' && !lp_is_digit((unsigned char)s[x + 1]))
			break;
		nd += s[x] != '/';
	}
	return nd < 7;
}

static int may_start(const char *s, size_t len, size_t i)
{
	unsigned char c = (unsigned char)s[i];

	if (c == '+')
		return !lp_word_before(s, i) && group_starts(s, i + 1) &&
		       (i == 0 || !lp_is_digit((unsigned char)s[i - 1]));
	if (c == '(')
		return group_starts(s, i) && lp_num_start_ok(s, len, i);
	/* A digit is offered only where a number may start (LP_SET_NUMOK). */
	return lp_is_digit(c);
}

/*
 * Where a number may start, '+' or '(' (and '-', passed over), and URLs
 * to skip: the union of three sets of the text, as lp_text_next finds it,
 * with the sets' words found once per text.
 */
struct candidates {
	const uint64_t *numok, *sign, *url;
	size_t words, len;
};

static inline size_t next_candidate(const struct candidates *cs, size_t from)
{
	size_t k = from >> 6;
	uint64_t m;

	/* Bits past the end of the text are 0. */
	if (k >= cs->words)
		return cs->len;
	m = (cs->numok[k] | cs->sign[k] | cs->url[k]) & (~(uint64_t)0 << (from & 63));
	while (!m) {
		if (++k == cs->words)
			return cs->len;
		m = cs->numok[k] | cs->sign[k] | cs->url[k];
	}
	return (k << 6) + lp_ctz64(m);
}

int lp_detect_phone(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i;
	struct token t;
	struct context c = { text, 0, 0, 0 };
	const struct candidates cs = {
		text->sets + LP_SET_NUMOK * text->words,
		text->sets + LP_SET_SIGN * text->words,
		text->sets + LP_SET_URL * text->words, text->words, len
	};

	for (i = next_candidate(&cs, 0); i < len; i = next_candidate(&cs, i)) {
		unsigned char ch = (unsigned char)s[i];
		size_t end, tend, j, first_end;
		char sep;

		first_end = 0;
		if (lp_is_digit(ch)) {
			/* A digit is offered only where a number may start
			 * (LP_SET_NUMOK). Most tokens are one run of digits,
			 * and end here. */
			j = lp_text_digits_end(text, i + 1);
			if (!next_group(s, j, 0, &sep) && one_group_skip(&c, i, j)) {
				/* Skip it, and any letters or digits glued
				 * to it. */
				for (i = j; lp_is_alnum((unsigned char)s[i]); i++)
					;
				continue;
			}
			first_end = j;
		} else if (ch == '-') {
			i++; /* passed over */
			continue;
		} else if (ch != '+' && ch != '(') {
			/* Not a digit, '+', '-' or '(' (LP_SET_NUMOK,
			 * LP_SET_SIGN): where a URL begins (LP_SET_URL).
			 * Skip it. */
			i = lp_text_url_end(text, i);
			continue;
		} else if (!may_start(s, len, i)) {
			i++;
			continue;
		}
		read_token(s, i, first_end, &t);
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
			end = match(&c, &t);
		if (!end)
			end = spread_phone(&c, &t);
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
			for (i = tend; lp_is_alnum((unsigned char)s[i]); i++)
				;
		}
	}
	return 0;
}
