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

#include <string.h>

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

/* Makes room for need bytes of s and the candidate sets of need bytes. s
 * is rounded up to whole 64-byte blocks, which the indexer reads. Every
 * buffer is grown before any is replaced, so a failure leaves text as it
 * was. */
static int reserve(lp_text *text, size_t need)
{
	size_t cap = text->cap ? text->cap : 64;
	char *s;
	uint64_t *sets;

	if (need <= text->cap && text->s && text->sets)
		return 0;
	while (cap < need) {
		if (cap > SIZE_MAX / 2 / sizeof(*sets))
			return -1;
		cap *= 2;
	}
	s = lp_realloc(text->s, cap);
	if (!s)
		return -1;
	text->s = s;
	sets = lp_realloc(text->sets, cap / 64 * LP_SET_COUNT * sizeof(*sets));
	if (!sets)
		return -1; /* s grew but cap is unchanged: still consistent */
	text->sets = sets;
	text->cap = cap;
	return 0;
}

/* Appends a mark. The list grows only when a text has more characters
 * that are not ASCII than any before it (as many as its bytes when they
 * are stray bytes of malformed UTF-8), and is kept for the next. */
static int add_mark(lp_text *text, size_t at, uint32_t cp, size_t n)
{
	lp_text_mark *m;

	if (text->nmarks == text->mark_cap) {
		size_t cap = text->mark_cap ? text->mark_cap * 2 : 16;

		if (cap > SIZE_MAX / sizeof(*m))
			return -1;
		m = lp_realloc(text->marks, cap * sizeof(*m));
		if (!m)
			return -1;
		text->marks = m;
		text->mark_cap = cap;
	}
	m = &text->marks[text->nmarks++];
	m->at = (uint32_t)at;
	m->cp = cp;
	m->n = (uint32_t)n;
	return 0;
}

/* The bytes of one 64-byte block that the candidate sets are made of, one
 * bit per byte. */
struct block {
	uint64_t digit, letter, space, sign, paren, at, open, a, t, hw, kv;
};

#if defined(__SSE2__) && !defined(LP_INDEX_PORTABLE)
#include <emmintrin.h>

/* One bit per byte of the 16 bytes of m (a comparison's result). */
static inline uint64_t bits16(__m128i m)
{
	return (uint64_t)(unsigned)_mm_movemask_epi8(m);
}

static inline __m128i is16(__m128i v, char c)
{
	return _mm_cmpeq_epi8(v, _mm_set1_epi8(c));
}

/* Bytes from lo to hi. Bytes from 0x80 compare as negative: never in an
 * ASCII range. */
static inline __m128i range16(__m128i v, char lo, char hi)
{
	return _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)(lo - 1))),
	                     _mm_cmplt_epi8(v, _mm_set1_epi8((char)(hi + 1))));
}

static void read_block(const char *p, struct block *b)
{
	int k;

	memset(b, 0, sizeof(*b));
	for (k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		__m128i low = _mm_or_si128(v, _mm_set1_epi8(0x20));
		unsigned sh = (unsigned)(16 * k);

		/* A class of several bytes is one movemask of the OR of its
		 * comparisons. */
		b->digit |= bits16(range16(v, '0', '9')) << sh;
		b->letter |= bits16(range16(low, 'a', 'z')) << sh;
		b->space |= bits16(is16(v, ' ')) << sh;
		b->sign |= bits16(_mm_or_si128(is16(v, '+'), is16(v, '-'))) << sh;
		b->paren |= bits16(is16(v, '(')) << sh;
		b->at |= bits16(is16(v, '@')) << sh;
		b->open |= bits16(_mm_or_si128(_mm_or_si128(is16(v, '['),
		                                            is16(v, '{')),
		                               is16(v, '<'))) << sh;
		b->a |= bits16(is16(low, 'a')) << sh;
		b->t |= bits16(is16(low, 't')) << sh;
		b->hw |= bits16(_mm_or_si128(is16(low, 'h'), is16(low, 'w'))) << sh;
		b->kv |= bits16(_mm_or_si128(is16(v, ':'), is16(v, '='))) << sh;
	}
}

/* With GCC or Clang on x86-64, an AVX2 reader too, used when the processor
 * has it (index_text). LP_INDEX_SSE2_ONLY leaves it out, so that a test can
 * check the SSE2 reader on a machine that has AVX2. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__)) && \
	!defined(LP_INDEX_SSE2_ONLY)
#define LP_INDEX_AVX2 1
#include <immintrin.h>

/* One bit per byte of the 32 bytes of m (a comparison's result). */
__attribute__((target("avx2")))
static inline uint64_t bits32(__m256i m)
{
	return (uint64_t)(uint32_t)_mm256_movemask_epi8(m);
}

__attribute__((target("avx2")))
static inline __m256i is32(__m256i v, char c)
{
	return _mm256_cmpeq_epi8(v, _mm256_set1_epi8(c));
}

/* Bytes from lo to hi, as range16. */
__attribute__((target("avx2")))
static inline __m256i range32(__m256i v, char lo, char hi)
{
	return _mm256_and_si256(
		_mm256_cmpgt_epi8(v, _mm256_set1_epi8((char)(lo - 1))),
		_mm256_cmpgt_epi8(_mm256_set1_epi8((char)(hi + 1)), v));
}

__attribute__((target("avx2")))
static inline void read_block_avx2(const char *p, struct block *b)
{
	int k;

	memset(b, 0, sizeof(*b));
	for (k = 0; k < 2; k++) {
		__m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32 * k));
		__m256i low = _mm256_or_si256(v, _mm256_set1_epi8(0x20));
		unsigned sh = (unsigned)(32 * k);

		b->digit |= bits32(range32(v, '0', '9')) << sh;
		b->letter |= bits32(range32(low, 'a', 'z')) << sh;
		b->space |= bits32(is32(v, ' ')) << sh;
		b->sign |= bits32(_mm256_or_si256(is32(v, '+'), is32(v, '-'))) << sh;
		b->paren |= bits32(is32(v, '(')) << sh;
		b->at |= bits32(is32(v, '@')) << sh;
		b->open |= bits32(_mm256_or_si256(_mm256_or_si256(is32(v, '['),
		                                                  is32(v, '{')),
		                                  is32(v, '<'))) << sh;
		b->a |= bits32(is32(low, 'a')) << sh;
		b->t |= bits32(is32(low, 't')) << sh;
		b->hw |= bits32(_mm256_or_si256(is32(low, 'h'), is32(low, 'w'))) << sh;
		b->kv |= bits32(_mm256_or_si256(is32(v, ':'), is32(v, '='))) << sh;
	}
}
#endif
#else
/* Portable (and built into a test of its own with LP_INDEX_PORTABLE): the
 * same, a byte at a time. */
static void read_block(const char *p, struct block *b)
{
	int k;

	memset(b, 0, sizeof(*b));
	for (k = 0; k < 64; k++) {
		unsigned char c = (unsigned char)p[k], low = c | 0x20;
		uint64_t bit = (uint64_t)1 << k;

		if (c >= '0' && c <= '9')
			b->digit |= bit;
		if (low >= 'a' && low <= 'z')
			b->letter |= bit;
		if (c == ' ')
			b->space |= bit;
		if (c == '+' || c == '-')
			b->sign |= bit;
		if (c == '(')
			b->paren |= bit;
		if (c == '@')
			b->at |= bit;
		if (c == '[' || c == '{' || c == '<')
			b->open |= bit;
		if (low == 'a')
			b->a |= bit;
		if (low == 't')
			b->t |= bit;
		if (low == 'h' || low == 'w')
			b->hw |= bit;
		if (c == ':' || c == '=')
			b->kv |= bit;
	}
}
#endif

/* The bits of a block below n (n > 0): its bytes before offset n. */
static inline uint64_t upto(size_t n)
{
	return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
}

/* What indexing carries from one block to the next. */
struct index_state {
	/* The byte before the block's first, as bits: letter or digit (and
	 * the two bytes before, for prev_alnum2), digit, letter, space,
	 * 'a'. */
	uint64_t prev_alnum, prev_alnum2, prev_digit, prev_letter;
	uint64_t prev_space, prev_a;
	/* One past the end of the last URL begun: it may run on into the
	 * blocks after the one it starts in. */
	size_t url_until;
};

static void index_begin(lp_text *text, struct index_state *st)
{
	size_t words = (text->len + 63) / 64;

	memset(st, 0, sizeof(*st));
	text->words = words;
	text->digits = 0;
	text->has = 0;
	/* Zero the rest of the last block, so that it is read as defined
	 * bytes that belong to no set. */
	memset(text->s + text->len, 0, words * 64 - text->len);
}

/* Fills in word k of the candidate sets from block k's bytes b. Inline
 * in each indexer, so that it is compiled for that indexer's instruction
 * set (a popcount instruction where there is one). */
static inline void index_block(lp_text *text, struct index_state *st,
                               size_t k, const struct block *bp)
{
	const struct block b = *bp;
	size_t words = text->words;
	uint64_t *set = text->sets;
	uint64_t alnum, before_alnum, before2_alnum, before_letter;
	uint64_t before_space, urls;
	uint64_t num, ok, inurl;

	alnum = b.digit | b.letter;
	before_alnum = alnum << 1 | st->prev_alnum;
	before2_alnum = alnum << 2 | st->prev_alnum2;
	before_letter = b.letter << 1 | st->prev_letter;
	before_space = b.space << 1 | st->prev_space;
	num = b.digit & ~(b.digit << 1 | st->prev_digit);
	set[LP_SET_NUM * words + k] = num;
	set[LP_SET_WORD * words + k] = b.letter & ~before_letter;
	set[LP_SET_SIGN * words + k] = b.sign | b.paren;
	set[LP_SET_MARK * words + k] = b.at | b.open | b.paren |
	                               (b.a & before_space);
	/* The rare candidates are confirmed one by one, as
	 * lp_num_start_ok() does, but without a branch on the byte before
	 * (which the processor cannot guess): whether the byte before that
	 * is a letter or digit is a bit of before2_alnum. */
	ok = 0;
	while (num) {
		unsigned bit = lp_ctz64(num);
		size_t pos = 64 * k + bit;
		unsigned char p;
		unsigned v;

		num &= num - 1;
		if (pos == 0) {
			ok |= 1;
			continue;
		}
		p = (unsigned char)text->s[pos - 1];
		if (p >= 0x80) {
			if (lp_num_start_ok_slow(text->s, text->len, pos))
				ok |= (uint64_t)1 << bit;
			continue;
		}
		v = lp_byte_before_number[p];
		ok |= (uint64_t)((v == LP_BEFORE_OK) |
		                 ((v == LP_BEFORE_CONT) &
		                  !(before2_alnum >> bit & 1))) << bit;
	}
	set[LP_SET_NUMOK * words + k] = ok;
	urls = b.hw & ~before_alnum;
	ok = 0;
	inurl = st->url_until > 64 * k ? upto(st->url_until - 64 * k) : 0;
	while (urls) {
		unsigned bit = lp_ctz64(urls);
		size_t e = lp_url_end(text->s, text->len, 64 * k + bit);

		if (e) {
			ok |= (uint64_t)1 << bit;
			inurl |= upto(e - 64 * k) & (~(uint64_t)0 << bit);
			if (e > st->url_until)
				st->url_until = e;
		}
		urls &= urls - 1;
	}
	set[LP_SET_URL * words + k] = ok;
	set[LP_SET_INURL * words + k] = inurl;
	set[LP_SET_KV * words + k] = b.kv;
	set[LP_SET_DIGIT * words + k] = b.digit;
	text->digits += lp_popcount64(b.digit);
	if (b.at)
		text->has |= LP_HAS_AT;
	if (b.kv)
		text->has |= LP_HAS_KV;
	if (b.t & (b.a << 1 | st->prev_a))
		text->has |= LP_HAS_ATW;
	st->prev_alnum = alnum >> 63;
	st->prev_alnum2 = alnum >> 62;
	st->prev_digit = b.digit >> 63;
	st->prev_letter = b.letter >> 63;
	st->prev_space = b.space >> 63;
	st->prev_a = b.a >> 63;
}

/* Fills in the candidate sets, the digit count and the LP_HAS_* bits of
 * text from its normalised bytes. */
static void index_text_default(lp_text *text)
{
	struct index_state st;
	size_t k;

	index_begin(text, &st);
	for (k = 0; k < text->words; k++) {
		struct block b;

		read_block(text->s + 64 * k, &b);
		index_block(text, &st, k, &b);
	}
}

#ifdef LP_INDEX_AVX2
/* The same, 32 bytes at a time, where the processor has AVX2 (nearly
 * every x86-64 server since 2013). Indexing is most of normalising, and
 * normalising is a fixed cost of every scan. */
__attribute__((target("avx2,popcnt")))
static void index_text_avx2(lp_text *text)
{
	struct index_state st;
	size_t k;

	index_begin(text, &st);
	for (k = 0; k < text->words; k++) {
		struct block b;

		read_block_avx2(text->s + 64 * k, &b);
		index_block(text, &st, k, &b);
	}
}

static void index_text(lp_text *text)
{
	/* The answer is cached by the compiler's run-time support: one
	 * load and a test. */
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt"))
		index_text_avx2(text);
	else
		index_text_default(text);
}
#else
static void index_text(lp_text *text)
{
	index_text_default(text);
}
#endif

/* Copies the bytes of src up to the first that is not ASCII (at most n)
 * to dst, which has room for n; returns how many. Most texts are all
 * ASCII, so checking while copying is most of normalising. Bytes after
 * the first that is not ASCII may be copied too: the caller writes over
 * them. */
#if defined(__SSE2__) && !defined(LP_INDEX_PORTABLE)
static size_t copy_ascii(char *dst, const char *src, size_t n)
{
	size_t i = 0;

	for (; i + 16 <= n; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
		unsigned high = (unsigned)_mm_movemask_epi8(v);

		_mm_storeu_si128((__m128i *)(void *)(dst + i), v);
		if (high)
			return i + lp_ctz64(high);
	}
	if (i < n && n >= 16) {
		/* The last 16 bytes, some copied already: the high bits of
		 * the n - i not yet looked at. */
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + n - 16));
		unsigned high = (unsigned)_mm_movemask_epi8(v) >> (16 - (n - i));

		_mm_storeu_si128((__m128i *)(void *)(dst + n - 16), v);
		return high ? i + lp_ctz64(high) : n;
	}
	for (; i < n && !((unsigned char)src[i] & 0x80); i++)
		dst[i] = src[i];
	return i;
}
#else
static size_t copy_ascii(char *dst, const char *src, size_t n)
{
	size_t i = 0;
	uint64_t w;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, src + i, 8);
		if (w & 0x8080808080808080u)
			break;
		memcpy(dst + i, &w, 8);
	}
	for (; i < n && !((unsigned char)src[i] & 0x80); i++)
		dst[i] = src[i];
	return i;
}
#endif

int lp_text_normalise(lp_text *text, const char *src, size_t len)
{
	size_t i = 0, o = 0, n;
	uint32_t cps = 0;

	/* Folding never lengthens the text, so len + 1 bytes suffice; the
	 * indexer reads whole blocks of 64. */
	if (len > SIZE_MAX - 128 || len >= UINT32_MAX ||
	    reserve(text, (len + 1 + 63) / 64 * 64))
		return -1;
	text->nmarks = 0;
	while (i < len) {
		uint32_t cp;
		size_t at;
		int f;

		/* Runs of ASCII are copied as they are. */
		n = copy_ascii(text->s + o, src + i, len - i);
		o += n;
		cps += (uint32_t)n;
		if ((i += n) == len)
			break;
		at = o;
		cp = lp_cp_at(src, len, i, &n);
		f = fold(cp);
		if (f < 0) {
			memcpy(text->s + o, src + i, n);
			o += n;
		} else if (f > 0) {
			text->s[o++] = (char)f;
		}
		if (add_mark(text, at, cps, o - at) != 0) {
			text->len = 0; /* an empty text, consistent */
			text->s[0] = '\0';
			text->ascii = 1;
			text->nmarks = 0;
			index_text(text);
			return -1;
		}
		i += n;
		cps++;
	}
	text->ascii = text->nmarks == 0;
	text->s[o] = '\0';
	text->len = o;
	index_text(text);
	return 0;
}

uint32_t lp_text_cp_marked(const lp_text *text, size_t i)
{
	size_t lo = 0, hi = text->nmarks;
	const lp_text_mark *m;

	/* The last mark at or before i: a removed character's mark shares
	 * its at with the next one, which comes later and counts it. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (text->marks[mid].at <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return (uint32_t)i;
	m = &text->marks[lo - 1];
	if (i < (size_t)m->at + m->n)
		return m->cp;
	return m->cp + 1 + (uint32_t)(i - m->at - m->n);
}

void lp_text_free(lp_text *text)
{
	if (!text)
		return;
	lp_free(text->s);
	lp_free(text->marks);
	lp_free(text->sets);
	text->s = NULL;
	text->marks = NULL;
	text->nmarks = 0;
	text->mark_cap = 0;
	text->sets = NULL;
	text->words = 0;
	text->len = 0;
	text->cap = 0;
}
