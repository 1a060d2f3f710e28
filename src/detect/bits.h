/*
 * bits.h - counting bits in a 64-bit word, with the compiler's built-ins
 * where it has them (one instruction) and portable C where it does not.
 */
#ifndef LP_BITS_H
#define LP_BITS_H

#include <stdint.h>

/* The index of the lowest set bit of m; m must not be 0. */
static inline unsigned lp_ctz64(uint64_t m)
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_ctzll(m);
#else
	unsigned n = 0;

	while (!(m & 1)) {
		m >>= 1;
		n++;
	}
	return n;
#endif
}

/* The number of set bits of m. */
static inline unsigned lp_popcount64(uint64_t m)
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_popcountll(m);
#else
	m = m - ((m >> 1) & 0x5555555555555555u);
	m = (m & 0x3333333333333333u) + ((m >> 2) & 0x3333333333333333u);
	m = (m + (m >> 4)) & 0x0F0F0F0F0F0F0F0Fu;
	return (unsigned)((m * 0x0101010101010101u) >> 56);
#endif
}

#endif
