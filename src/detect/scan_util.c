/*
 * scan_util.c - character classes and boundary tests shared by the
 * built-in detectors (see scan_util.h).
 */
#include "scan_util.h"

#include <string.h>

uint32_t lp_cp_at(const char *s, size_t len, size_t pos, size_t *n)
{
	unsigned char c = (unsigned char)s[pos];
	size_t need, i;
	uint32_t cp;

	*n = 1;
	if (c < 0x80)
		return c;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		cp = c & 0x07;
	} else {
		return c;
	}
	if (len - pos < need)
		return c;
	for (i = 1; i < need; i++) {
		unsigned char d = (unsigned char)s[pos + i];

		if ((d & 0xC0) != 0x80)
			return c;
		cp = (cp << 6) | (d & 0x3F);
	}
	*n = need;
	return cp;
}

uint32_t lp_cp_before(const char *s, size_t pos, size_t *start)
{
	size_t b = pos - 1, n, k;
	uint32_t cp;

	/* Walk back over at most three continuation bytes to a lead byte. */
	for (k = 0; k < 3 && b > 0 && ((unsigned char)s[b] & 0xC0) == 0x80; k++)
		b--;
	cp = lp_cp_at(s, pos, b, &n);
	if (b + n != pos) {
		/* Not one well-formed character: take the last byte alone. */
		*start = pos - 1;
		return (unsigned char)s[pos - 1];
	}
	*start = b;
	return cp;
}

int lp_cp_is_letter(uint32_t cp)
{
	if (cp < 0x80)
		return lp_is_alpha((int)cp);
	if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7)
		return 0; /* Latin-1 punctuation and symbols, × and ÷ */
	if (cp >= 0x2000 && cp <= 0x2BFF)
		return 0; /* punctuation, currency, arrows, maths, dingbats */
	if (cp >= 0x3000 && cp <= 0x303F)
		return 0; /* CJK punctuation */
	if (cp >= 0xD800 && cp <= 0xF8FF)
		return 0; /* surrogates, private use */
	if (cp >= 0xFE00 && cp <= 0xFE6F)
		return 0; /* variation selectors, small and vertical forms */
	if ((cp >= 0xFF00 && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
	    (cp >= 0xFF5B && cp <= 0xFF65) || (cp >= 0xFFF0 && cp <= 0xFFFF))
		return 0; /* full-width punctuation, specials */
	if (cp >= 0x1F000 && cp <= 0x1FAFF)
		return 0; /* emoji and pictographs */
	return 1;
}

int lp_cp_is_spaceless(uint32_t cp)
{
	return (cp >= 0x0E00 && cp <= 0x0EFF) ||   /* Thai, Lao */
	       (cp >= 0x3040 && cp <= 0x30FF) ||   /* kana */
	       (cp >= 0x3400 && cp <= 0x4DBF) ||   /* Han extension A */
	       (cp >= 0x4E00 && cp <= 0x9FFF) ||   /* Han */
	       (cp >= 0xAC00 && cp <= 0xD7AF) ||   /* Hangul */
	       (cp >= 0xF900 && cp <= 0xFAFF) ||   /* Han compatibility */
	       (cp >= 0x20000 && cp <= 0x2FFFF);  /* Han supplementary */
}

int lp_word_before(const char *s, size_t pos)
{
	size_t st;
	uint32_t cp;

	if (pos == 0)
		return 0;
	cp = lp_cp_before(s, pos, &st);
	if (cp < 0x80)
		return lp_is_alnum((int)cp) || cp == '_';
	return lp_cp_is_letter(cp) && !lp_cp_is_spaceless(cp);
}

int lp_word_at(const char *s, size_t len, size_t pos)
{
	size_t n;
	uint32_t cp;

	if (pos >= len)
		return 0;
	cp = lp_cp_at(s, len, pos, &n);
	if (cp < 0x80)
		return lp_is_alnum((int)cp) || cp == '_';
	return lp_cp_is_letter(cp) && !lp_cp_is_spaceless(cp);
}

/* Currency signs: a number next to one is an amount of money. */
static int is_currency(uint32_t cp)
{
	return cp == '$' || (cp >= 0xA2 && cp <= 0xA5) ||
	       (cp >= 0x20A0 && cp <= 0x20CF);
}

/* See scan_util.h. */
const unsigned char lp_byte_before_number[128] = {
	['0'] = LP_BEFORE_NO, ['1'] = LP_BEFORE_NO, ['2'] = LP_BEFORE_NO,
	['3'] = LP_BEFORE_NO, ['4'] = LP_BEFORE_NO, ['5'] = LP_BEFORE_NO,
	['6'] = LP_BEFORE_NO, ['7'] = LP_BEFORE_NO, ['8'] = LP_BEFORE_NO,
	['9'] = LP_BEFORE_NO,
	['A'] = LP_BEFORE_NO, ['B'] = LP_BEFORE_NO, ['C'] = LP_BEFORE_NO,
	['D'] = LP_BEFORE_NO, ['E'] = LP_BEFORE_NO, ['F'] = LP_BEFORE_NO,
	['G'] = LP_BEFORE_NO, ['H'] = LP_BEFORE_NO, ['I'] = LP_BEFORE_NO,
	['J'] = LP_BEFORE_NO, ['K'] = LP_BEFORE_NO, ['L'] = LP_BEFORE_NO,
	['M'] = LP_BEFORE_NO, ['N'] = LP_BEFORE_NO, ['O'] = LP_BEFORE_NO,
	['P'] = LP_BEFORE_NO, ['Q'] = LP_BEFORE_NO, ['R'] = LP_BEFORE_NO,
	['S'] = LP_BEFORE_NO, ['T'] = LP_BEFORE_NO, ['U'] = LP_BEFORE_NO,
	['V'] = LP_BEFORE_NO, ['W'] = LP_BEFORE_NO, ['X'] = LP_BEFORE_NO,
	['Y'] = LP_BEFORE_NO, ['Z'] = LP_BEFORE_NO,
	['a'] = LP_BEFORE_NO, ['b'] = LP_BEFORE_NO, ['c'] = LP_BEFORE_NO,
	['d'] = LP_BEFORE_NO, ['e'] = LP_BEFORE_NO, ['f'] = LP_BEFORE_NO,
	['g'] = LP_BEFORE_NO, ['h'] = LP_BEFORE_NO, ['i'] = LP_BEFORE_NO,
	['j'] = LP_BEFORE_NO, ['k'] = LP_BEFORE_NO, ['l'] = LP_BEFORE_NO,
	['m'] = LP_BEFORE_NO, ['n'] = LP_BEFORE_NO, ['o'] = LP_BEFORE_NO,
	['p'] = LP_BEFORE_NO, ['q'] = LP_BEFORE_NO, ['r'] = LP_BEFORE_NO,
	['s'] = LP_BEFORE_NO, ['t'] = LP_BEFORE_NO, ['u'] = LP_BEFORE_NO,
	['v'] = LP_BEFORE_NO, ['w'] = LP_BEFORE_NO, ['x'] = LP_BEFORE_NO,
	['y'] = LP_BEFORE_NO, ['z'] = LP_BEFORE_NO,
	['_'] = LP_BEFORE_NO, ['$'] = LP_BEFORE_NO,
	['#'] = LP_BEFORE_NO, ['@'] = LP_BEFORE_NO, ['/'] = LP_BEFORE_NO,
	['\\'] = LP_BEFORE_NO, ['='] = LP_BEFORE_NO, ['&'] = LP_BEFORE_NO,
	['%'] = LP_BEFORE_NO, ['~'] = LP_BEFORE_NO, ['^'] = LP_BEFORE_NO,
	['*'] = LP_BEFORE_NO, ['+'] = LP_BEFORE_NO,
	['.'] = LP_BEFORE_CONT, [','] = LP_BEFORE_CONT, [':'] = LP_BEFORE_CONT,
	['-'] = LP_BEFORE_CONT,
};

int lp_num_start_ok_slow(const char *s, size_t len, size_t pos)
{
	size_t st;
	uint32_t cp;
	unsigned char p;

	if (pos == 0 || (unsigned char)s[pos - 1] < 0x80)
		return lp_num_start_ok(s, len, pos);
	if (lp_word_before(s, pos))
		return 0;
	cp = lp_cp_before(s, pos, &st);
	if (is_currency(cp))
		return 0;
	p = (unsigned char)s[pos - 1];
	/* Ids, handles, hashtags, URL paths and query values, identifiers. */
	if (lp_in_set(p, "#@/\\_=&%~^*+"))
		return 0;
	/* 12:30, 1,234, 1.5, 10-4: the continuation of another number. */
	if (lp_in_set(p, ".,:-") && pos >= 2 &&
	    lp_is_alnum((unsigned char)s[pos - 2]))
		return 0;
	return 1;
}

int lp_num_end_ok_slow(const char *s, size_t len, size_t pos)
{
	size_t n;
	uint32_t cp;
	unsigned char c;

	if (pos >= len)
		return 1;
	if (lp_word_at(s, len, pos))
		return 0;
	cp = lp_cp_at(s, len, pos, &n);
	if (is_currency(cp) || cp == '%')
		return 0;
	c = (unsigned char)s[pos];
	if (lp_in_set(c, ".,:-/") && lp_is_digit(lp_at(s, len, pos + 1)))
		return 0;
	if (c == '@' || c == '_')
		return 0;
	return 1;
}

int lp_ci_prefix(const char *s, size_t len, size_t pos, const char *word)
{
	size_t i;

	for (i = 0; word[i]; i++) {
		if (pos + i >= len)
			return 0;
		if (lp_to_lower((unsigned char)s[pos + i]) !=
		    lp_to_lower((unsigned char)word[i]))
			return 0;
	}
	return 1;
}

int lp_ci_word(const char *s, size_t len, size_t pos, const char *word)
{
	size_t wl = strlen(word);

	if (!lp_ci_prefix(s, len, pos, word))
		return 0;
	if (pos > 0 && lp_is_alpha((unsigned char)s[pos - 1]))
		return 0;
	if (lp_is_alpha(lp_at(s, len, pos + wl)))
		return 0;
	return 1;
}

int lp_context_before(const char *s, size_t pos, size_t window,
		      const char *const *words)
{
	size_t j, lo;

	/* Read the window once, and compare a word only where it could
	 * begin: after a byte that is not a letter, with its first letter. */
	lo = pos > window + LP_CONTEXT_WORD_MAX ? pos - window - LP_CONTEXT_WORD_MAX
	                                        : 0;
	for (j = lo; j < pos; j++) {
		int c = lp_to_lower((unsigned char)s[j]);
		size_t w;

		if (j > 0 && lp_is_alpha((unsigned char)s[j - 1]))
			continue;
		for (w = 0; words[w]; w++) {
			size_t wl;

			if (lp_to_lower((unsigned char)words[w][0]) != c)
				continue;
			wl = strlen(words[w]);
			/* The word must end between pos - window and pos. */
			if (wl <= pos - j && j + wl + window >= pos &&
			    lp_ci_word(s, pos, j, words[w]))
				return 1;
		}
	}
	return 0;
}

size_t lp_url_end_slow(const char *s, size_t len, size_t pos)
{
	size_t e;
	int c = pos < len ? lp_to_lower((unsigned char)s[pos]) : 0;

	/* Called at every position of every text: decide on one byte first. */
	if ((c != 'h' && c != 'w') ||
	    (pos > 0 && lp_is_alnum((unsigned char)s[pos - 1])))
		return 0;
	if (!lp_ci_prefix(s, len, pos, "http://") &&
	    !lp_ci_prefix(s, len, pos, "https://") &&
	    !lp_ci_prefix(s, len, pos, "www."))
		return 0;
	for (e = pos; e < len && !lp_is_space((unsigned char)s[e]); e++)
		;
	return e;
}

int lp_after_code(const char *s, size_t start)
{
	size_t b;
	int digit = 0, alpha = 0;

	if (start < 2 || s[start - 1] != ' ')
		return 0;
	for (b = start - 1; b > 0 && lp_is_alnum((unsigned char)s[b - 1]); b--) {
		digit |= lp_is_digit((unsigned char)s[b - 1]);
		alpha |= lp_is_alpha((unsigned char)s[b - 1]);
	}
	return digit && alpha;
}

size_t lp_spread_digits(const char *s, size_t len, size_t i, char *d,
                        size_t cap, size_t *n)
{
	size_t j = i, groups = 0;
	unsigned char sep = 0;

	*n = 0;
	for (;;) {
		unsigned char c;

		if (!lp_is_digit(lp_at(s, len, j)))
			return 0;
		while (j < len && lp_is_digit((unsigned char)s[j])) {
			if (*n == cap)
				return 0;
			d[(*n)++] = s[j++];
		}
		groups++;
		c = lp_at(s, len, j);
		if ((c == ' ' || c == '.' || c == '-' || c == '/') &&
		    (!sep || c == sep) && lp_is_digit(lp_at(s, len, j + 1))) {
			sep = c;
			j++;
			continue;
		}
		return groups >= 2 ? j : 0;
	}
}
