/*
 * buf.h - a growable byte buffer for building text (JSON, messages).
 *
 * An allocation failure is sticky: later appends do nothing and
 * lp_buf_failed() reports it once at the end, which keeps the many small
 * appends of the JSON writer free of error checks.
 */
#ifndef LP_BUF_H
#define LP_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__) && !defined(LP_JSON_PORTABLE)
#include <emmintrin.h>
#endif

typedef struct lp_buf {
	char *s;
	size_t len;
	size_t cap;
	int failed;
} lp_buf;

#define LP_BUF_INIT {NULL, 0, 0, 0}

/* Makes room for extra more bytes and a NUL when there is not; returns
 * 0, or -1 (and the buffer is failed). Called only by lp_buf_reserve. */
int lp_buf_grow(lp_buf *b, size_t extra);

/* The appends are inline: the JSON writer makes several per member, and
 * the common case, room already there, is a compare and a copy. */
static inline int lp_buf_reserve(lp_buf *b, size_t extra)
{
	if (extra < b->cap - b->len && !b->failed)
		return 0;
	return lp_buf_grow(b, extra);
}

static inline void lp_buf_append(lp_buf *b, const char *s, size_t len)
{
	if (lp_buf_reserve(b, len) != 0)
		return;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

static inline void lp_buf_puts(lp_buf *b, const char *s)
{
	lp_buf_append(b, s, strlen(s));
}

static inline void lp_buf_putc(lp_buf *b, char c)
{
	if (lp_buf_reserve(b, 1) != 0)
		return;
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void lp_buf_printf(lp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/*
 * JSON strings are long runs of plain text, so they are read eight bytes
 * at a time. lp_json_special8 gives, as the high bit of each of its
 * bytes, the bytes of the eight at s that end a plain run: '"', '\\' and
 * control characters (bytes >= 0x80 are not flagged). The lowest flagged
 * byte is exact (a false flag can only follow a true one, where a borrow
 * carries), so lp_first_flagged(m), the offset of the first flagged byte,
 * skips the plain bytes before it; it is 0 where the byte order is not
 * known to be little-endian, and the caller then goes byte by byte.
 */
static inline uint64_t lp_json_special8(const char *s)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t x, q, bs;

	memcpy(&x, s, 8);
	q = x ^ (ones * '"');
	bs = x ^ (ones * '\\');
	/* (v - ones) & ~v & high is non-zero when some byte of v is zero,
	 * and (x - 0x20..) & ~x & high when some byte is below 0x20. */
	return (((q - ones) & ~q) | ((bs - ones) & ~bs) | ((x - ones * 0x20) & ~x)) &
	       high;
}

static inline size_t lp_first_flagged(uint64_t m)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(m) / 8;
#else
	(void)m;
	return 0;
#endif
}

/*
 * The number of bytes at the start of the 16 at s that are plain (see
 * lp_json_special8); 16 when all are. Less than 16 ends the caller's fast
 * loop: the byte there may be special (or, without SSE2 on a byte order
 * not known, any byte), and the caller looks at it alone. *high, when not
 * NULL, is set when a plain byte counted is >= 0x80. The portable loop
 * (LP_JSON_PORTABLE) is tested on its own by test_buf_portable.
 */
static inline size_t lp_json_plain16(const char *s, int *high)
{
#if defined(__SSE2__) && !defined(LP_JSON_PORTABLE)
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
	__m128i q = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
	__m128i bs = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
	unsigned m = (unsigned)_mm_movemask_epi8(_mm_or_si128(ctl,
	                                                      _mm_or_si128(q, bs)));
	size_t k = m ? (size_t)__builtin_ctz(m) : 16;

	if (high)
		*high |= ((unsigned)_mm_movemask_epi8(x) &
		          (((unsigned)1 << k) - 1)) != 0;
	return k;
#else
	size_t k = 0;

	while (k < 16) {
		uint64_t x, m = lp_json_special8(s + k);
		size_t n = m ? lp_first_flagged(m) : 8;

		memcpy(&x, s + k, 8);
		if (n < 8)
			x &= ((uint64_t)1 << (8 * n)) - 1;
		if (high)
			*high |= (x & 0x8080808080808080ull) != 0;
		k += n;
		if (m)
			break;
	}
	return k;
#endif
}

/* Appends s as a JSON string literal, quotes included. */
void lp_buf_json_string(lp_buf *b, const char *s, size_t len);
/* Whether s holds no byte that a JSON string literal must escape (a
 * control character, '"' or '\\'): then the literal is s in quotes. */
int lp_json_is_plain(const char *s, size_t len);
/* Returns 0, or -1 when an append failed to allocate. */
int lp_buf_failed(const lp_buf *b);
/* Hands the NUL-terminated contents to the caller and resets b. */
char *lp_buf_detach(lp_buf *b, size_t *len);
void lp_buf_free(lp_buf *b);

#endif
