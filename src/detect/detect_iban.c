/*
 * detect_iban.c - the `iban` detector: International Bank Account Numbers,
 * compact (DE89370400440532013000) or in groups of four separated by
 * single spaces (DE89 3704 0044 0532 0130 00), with the exact length of
 * the country and a valid ISO 7064 mod-97 check.
 */
#include "detectors.h"
#include "scan_util.h"

#define MAX_IBAN 34

/* The index of country code ab (upper-case letters) in iban_len. */
#define CC(a, b) (((a) - 'A') * 26 + ((b) - 'A'))

/* IBAN lengths of the countries in the SWIFT IBAN registry, by country
 * code: one look-up instead of a search through the list. */
static const unsigned char iban_len[26 * 26] = {
	[CC('A', 'D')] = 24, [CC('A', 'E')] = 23, [CC('A', 'L')] = 28,
	[CC('A', 'T')] = 20, [CC('A', 'Z')] = 28, [CC('B', 'A')] = 20,
	[CC('B', 'E')] = 16, [CC('B', 'G')] = 22, [CC('B', 'H')] = 22,
	[CC('B', 'I')] = 27, [CC('B', 'R')] = 29, [CC('B', 'Y')] = 28,
	[CC('C', 'H')] = 21, [CC('C', 'R')] = 22, [CC('C', 'Y')] = 28,
	[CC('C', 'Z')] = 24, [CC('D', 'E')] = 22, [CC('D', 'J')] = 27,
	[CC('D', 'K')] = 18, [CC('D', 'O')] = 28, [CC('E', 'E')] = 20,
	[CC('E', 'G')] = 29, [CC('E', 'S')] = 24, [CC('F', 'I')] = 18,
	[CC('F', 'K')] = 18, [CC('F', 'O')] = 18, [CC('F', 'R')] = 27,
	[CC('G', 'B')] = 22, [CC('G', 'E')] = 22, [CC('G', 'I')] = 23,
	[CC('G', 'L')] = 18, [CC('G', 'R')] = 27, [CC('G', 'T')] = 28,
	[CC('H', 'R')] = 21, [CC('H', 'U')] = 28, [CC('I', 'E')] = 22,
	[CC('I', 'L')] = 23, [CC('I', 'Q')] = 23, [CC('I', 'S')] = 26,
	[CC('I', 'T')] = 27, [CC('J', 'O')] = 30, [CC('K', 'W')] = 30,
	[CC('K', 'Z')] = 20, [CC('L', 'B')] = 28, [CC('L', 'C')] = 32,
	[CC('L', 'I')] = 21, [CC('L', 'T')] = 20, [CC('L', 'U')] = 20,
	[CC('L', 'V')] = 21, [CC('L', 'Y')] = 25, [CC('M', 'C')] = 27,
	[CC('M', 'D')] = 24, [CC('M', 'E')] = 22, [CC('M', 'K')] = 19,
	[CC('M', 'N')] = 20, [CC('M', 'R')] = 27, [CC('M', 'T')] = 31,
	[CC('M', 'U')] = 30, [CC('N', 'I')] = 28, [CC('N', 'L')] = 18,
	[CC('N', 'O')] = 15, [CC('O', 'M')] = 23, [CC('P', 'K')] = 24,
	[CC('P', 'L')] = 28, [CC('P', 'S')] = 29, [CC('P', 'T')] = 25,
	[CC('Q', 'A')] = 29, [CC('R', 'O')] = 24, [CC('R', 'S')] = 22,
	[CC('R', 'U')] = 33, [CC('S', 'A')] = 24, [CC('S', 'C')] = 31,
	[CC('S', 'D')] = 18, [CC('S', 'E')] = 24, [CC('S', 'I')] = 19,
	[CC('S', 'K')] = 24, [CC('S', 'M')] = 27, [CC('S', 'O')] = 23,
	[CC('S', 'T')] = 25, [CC('S', 'V')] = 28, [CC('T', 'L')] = 23,
	[CC('T', 'N')] = 24, [CC('T', 'R')] = 26, [CC('U', 'A')] = 29,
	[CC('V', 'A')] = 22, [CC('V', 'G')] = 24, [CC('X', 'K')] = 20,
	[CC('Y', 'E')] = 30,
};

static char up(unsigned char c)
{
	return lp_is_lower(c) ? (char)(c - 32) : (char)c;
}

/* The IBAN length of the country whose code is the letters a and b (of
 * either case), or 0. */
static unsigned country_len(unsigned char a, unsigned char b)
{
	return iban_len[CC(up(a), up(b))];
}

/* One step of MOD 97-10 over character c, letters counting as 10..35. */
static unsigned mod97_step(unsigned r, char c)
{
	if (lp_is_digit((unsigned char)c))
		return (r * 10 + (unsigned)(c - '0')) % 97;
	return (r * 100 + (unsigned)(c - 'A' + 10)) % 97;
}

/* ISO 7064 MOD 97-10 over the IBAN moved four characters to the left. */
static int mod97_ok(const char *v, size_t n)
{
	unsigned r = 0;
	size_t k;

	for (k = 4; k < n; k++)
		r = mod97_step(r, v[k]);
	for (k = 0; k < 4; k++)
		r = mod97_step(r, v[k]);
	return r == 1;
}

/* An IBAN at i, whose first two bytes are letters and next two digits;
 * returns its end or 0. Upper case, or wholly lower case (as people type
 * them). */
static size_t try_iban(const char *s, size_t len, size_t i)
{
	char v[MAX_IBAN];
	size_t n = 0, j = i, want, run;
	int lower = lp_is_lower((unsigned char)s[i]);

	want = country_len((unsigned char)s[i], (unsigned char)s[i + 1]);
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

/*
 * Where an IBAN may start in block k of the text (bit b for byte 64k + b),
 * or a URL, which is skipped whole: a letter after a byte not a letter
 * (LP_SET_WORD) two bytes before a run of digits begins (LP_SET_NUM). The
 * check digits always begin such a run, so the few word starts this
 * leaves are all the candidates there are, and most tweets have none.
 */
static uint64_t starts_in_block(const lp_text *text, const void *ctx,
                                size_t k)
{
	const uint64_t *num = text->sets + LP_SET_NUM * text->words;
	const uint64_t *word = text->sets + LP_SET_WORD * text->words;
	const uint64_t *url = text->sets + LP_SET_URL * text->words;
	uint64_t digits_at_2 = num[k] >> 2;

	(void)ctx;
	if (k + 1 < text->words)
		digits_at_2 |= num[k + 1] << 62;
	return (word[k] & digits_at_2) | url[k];
}

/* The first candidate (starts_in_block) at or after from, or len. */
static size_t next_start(const lp_text *text, size_t from)
{
	return lp_text_next_of(text, starts_in_block, NULL, from);
}

/*
 * The word start at i can begin an IBAN: two letters, two digits, and no
 * word character before it. Asked only at candidates (next_start), so
 * s[i] is a letter and s[i + 2] a digit; s[i + 3] is at most the NUL
 * that ends the text.
 */
static int can_start(const char *s, size_t i)
{
	return lp_is_alpha((unsigned char)s[i + 1]) &&
	       lp_is_digit((unsigned char)s[i + 3]) && !lp_word_before(s, i);
}

int lp_detect_iban(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i, end;

	if (text->digits < 4)
		return 0; /* two check digits and a bank or account number */
	/* As lp_scan_tokens over LP_SET_WORD, but only
	 * at the candidates of next_start. Skipping the rest of a token that
	 * is not an IBAN is not needed: no IBAN starts inside a token. */
	for (i = next_start(text, 0); i < len; i = next_start(text, i)) {
		if (lp_text_in(text, LP_SET_URL, i)) {
			i = lp_text_url_end(text, i);
			continue;
		}
		end = can_start(s, i) ? try_iban(s, len, i) : 0;
		if (!end) {
			i++;
			continue;
		}
		if (lp_spans_push(out, i, end))
			return -1;
		i = end;
	}
	return 0;
}
