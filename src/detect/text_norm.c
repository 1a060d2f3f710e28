/*
 * text_norm.c - folds the characters people use to slip private
 * information past filters (full-width and non-Latin digits, invisible
 * characters, exotic spaces and dashes) into the plain ASCII the detectors
 * scan for, and records where each normalised byte came from.
 *
 * Everything else is copied byte for byte: case and letters matter to the
 * detectors (street names are capitalised), and the evidence must point at
 * the original characters.
 */
#include "text_norm.h"

#include "alloc.h"
#include "scan_util.h"
#include "unicode.h"

/* The zero of every block of ten Unicode decimal digits (category Nd,
 * Unicode 14) but ASCII, in increasing order. */
static const uint32_t digit_zeros[] = {
	0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6,
	0xC66, 0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090,
	0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0,
	0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50,
	0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136,
	0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730,
	0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
	0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140,
	0x1E2F0, 0x1E950, 0x1FBF0,
};

int lp_cp_decimal_value(uint32_t cp)
{
	size_t lo = 0, hi = sizeof(digit_zeros) / sizeof(digit_zeros[0]);

	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	/* Binary search for the last zero <= cp. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (digit_zeros[mid] <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	if (cp - digit_zeros[lo - 1] < 10)
		return (int)(cp - digit_zeros[lo - 1]);
	return -1;
}

/* Characters that render as nothing: zero-width spaces and joiners,
 * direction marks and embeddings, invisible operators, the BOM, the soft
 * hyphen and the Mongolian vowel separator. */
static int is_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) ||
	       cp == 0xFEFF || cp == 0xAD || cp == 0x180E;
}

int lp_cp_is_space_sep(uint32_t cp)
{
	return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
	       cp == 0x205F || cp == 0x3000;
}

static int is_dash(uint32_t cp)
{
	return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 ||
	       cp == 0xFF0D;
}

/* The single ASCII byte cp folds to, 0 when it is removed, or -1 when it is
 * kept as it is. */
static int fold(uint32_t cp)
{
	int d;

	if (cp < 0x80)
		return -1;
	if (is_invisible(cp))
		return 0;
	if (lp_cp_is_space_sep(cp))
		return ' ';
	if (is_dash(cp))
		return '-';
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return (int)(cp - 0xFEE0); /* full-width ASCII */
	d = lp_cp_decimal_value(cp);
	if (d >= 0)
		return '0' + d;
	return -1;
}

/* Makes room for need bytes of s and need + 1 entries of cp_of. Both
 * buffers are grown before either is replaced, so a failure leaves text
 * as it was. */
static int reserve(lp_text *text, size_t need)
{
	size_t cap = text->cap ? text->cap : 64;
	char *s;
	uint32_t *cp_of;

	if (need <= text->cap && text->s && text->cp_of)
		return 0;
	while (cap < need) {
		if (cap > SIZE_MAX / 2 / sizeof(uint32_t) - 1)
			return -1;
		cap *= 2;
	}
	s = lp_realloc(text->s, cap);
	if (!s)
		return -1;
	text->s = s;
	cp_of = lp_realloc(text->cp_of, (cap + 1) * sizeof(*cp_of));
	if (!cp_of)
		return -1; /* s grew but cap is unchanged: still consistent */
	text->cp_of = cp_of;
	text->cap = cap;
	return 0;
}

/* Records what byte c (just written after prev) tells about the text. */
static inline void note(lp_text *text, unsigned char prev, unsigned char c)
{
	if ((unsigned)(c - '0') < 10u)
		text->digits++;
	else if (c == '@')
		text->has |= LP_HAS_AT;
	else if (c == ':' || c == '=')
		text->has |= LP_HAS_KV;
	else if ((c | 0x20) == 't' && (prev | 0x20) == 'a')
		text->has |= LP_HAS_ATW;
}

int lp_text_normalise(lp_text *text, const char *src, size_t len)
{
	size_t i = 0, o = 0, n;
	uint32_t cps = 0;
	unsigned char prev = 0;

	/* Folding never lengthens the text, so len + 1 bytes suffice. */
	if (len == SIZE_MAX || reserve(text, len + 1))
		return -1;
	text->digits = 0;
	text->has = 0;
	while (i < len) {
		uint32_t cp;
		int f;

		/* ASCII, nearly every byte of most tweets, is kept as it is. */
		if (!((unsigned char)src[i] & 0x80)) {
			unsigned char c = (unsigned char)src[i++];

			note(text, prev, c);
			prev = c;
			text->s[o] = (char)c;
			text->cp_of[o++] = cps++;
			continue;
		}
		cp = lp_cp_at(src, len, i, &n);
		f = fold(cp);
		if (f < 0) {
			size_t k;

			for (k = 0; k < n; k++) {
				text->s[o] = src[i + k];
				text->cp_of[o++] = cps;
			}
			prev = 0x80;
		} else if (f > 0) {
			note(text, prev, (unsigned char)f);
			prev = (unsigned char)f;
			text->s[o] = (char)f;
			text->cp_of[o++] = cps;
		}
		i += n;
		cps++;
	}
	text->s[o] = '\0';
	text->cp_of[o] = cps;
	text->len = o;
	return 0;
}

void lp_text_free(lp_text *text)
{
	if (!text)
		return;
	lp_free(text->s);
	lp_free(text->cp_of);
	text->s = NULL;
	text->cp_of = NULL;
	text->len = 0;
	text->cap = 0;
}
