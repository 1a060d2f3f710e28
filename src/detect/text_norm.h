/*
 * text_norm.h - the normalised form of a tweet text that detectors scan.
 *
 * People who dox try to slip past filters with full-width digits,
 * zero-width characters and the like. Normalising once, before any
 * detector runs, lets every detector stay simple while each match is still
 * reported at its place in the original text (Twitter's entity indices are
 * code points of the original).
 */
#ifndef LP_TEXT_NORM_H
#define LP_TEXT_NORM_H

#include <stddef.h>
#include <stdint.h>

#include "bits.h"

/*
 * Where the bytes of the normalised text stop being one per code point of
 * the original: one mark per character that was not ASCII. The n bytes of
 * s from at came from code point cp (n is 0 when the character was
 * removed, 1 when it was folded to ASCII); each byte after them, up to the
 * next mark, is one ASCII code point. A list of the few characters that
 * are not ASCII, rather than an offset per byte, keeps normalising a text
 * with an emoji in it as cheap as a copy.
 */
typedef struct lp_text_mark {
	uint32_t at;
	uint32_t cp;
	uint32_t n;
} lp_text_mark;

typedef struct lp_text {
	char *s;          /* normalised UTF-8, NUL-terminated */
	size_t len;       /* bytes in s, without the NUL */
	lp_text_mark *marks; /* in increasing order of at (read through
	                        lp_text_cp); none when ascii is set */
	size_t nmarks;
	size_t mark_cap;  /* allocated marks */
	int ascii;        /* the text was all ASCII: byte i is code point i */
	size_t cap;       /* allocated bytes of s */
	/* What the text holds, counted while normalising, so that a detector
	 * can tell in one comparison that it cannot match (most tweets have
	 * too few digits for an SSN, no '@', no "key: value"). */
	size_t digits;    /* ASCII digits in s */
	unsigned has;     /* LP_HAS_* bits */
	/* Where candidates can begin (LP_SET_*), one bit per byte of s, so
	 * that a detector jumps from one to the next (lp_text_next) instead
	 * of testing every byte: set k is words 64-bit words from
	 * sets + k * words. */
	uint64_t *sets;
	size_t words;
} lp_text;

#define LP_HAS_AT 0x1u    /* '@' */
#define LP_HAS_KV 0x2u    /* ':' or '=' */
#define LP_HAS_ATW 0x4u   /* the letters "at" (any case), as in "name at host" */

/* The candidate sets of lp_text.sets. "Not alphanumeric" means not an
 * ASCII letter or digit; the first byte of the text follows nothing. */
enum lp_text_set {
	LP_SET_NUM,   /* an ASCII digit after a byte not a digit: where a
	                 run of digits begins */
	LP_SET_NUMOK, /* those of LP_SET_NUM where a number may start
	                 (lp_num_start_ok) */
	LP_SET_WORD,  /* an ASCII letter after a byte not a letter */
	LP_SET_SIGN,  /* '+', '-' or '(' */
	LP_SET_MARK,  /* where an e-mail address's at-sign may be: '@', '[',
	                 '(', '{', '<', or 'a'/'A' after a space */
	LP_SET_URL,   /* where a URL begins (lp_url_end is not 0) */
	LP_SET_KV,    /* ':' or '=', where a key's value may follow */
	LP_SET_INURL, /* every byte of a URL, from its start in LP_SET_URL
	                 to the white space after it */
	LP_SET_DIGIT, /* every ASCII digit */
	LP_SET_COUNT
};

/* A set of candidate sets, for lp_text_next. */
#define LP_IN(set) (1u << (set))

/* Whether byte i (< text->len) is in set. */
static inline int lp_text_in(const lp_text *text, unsigned set, size_t i)
{
	return (int)(text->sets[set * text->words + (i >> 6)] >> (i & 63) & 1);
}

/* Word k of a set of candidates made from text's sets (a detector's own
 * mix of them); ctx is the caller's. Bits past text->len must be 0. */
typedef uint64_t (*lp_block_fn)(const lp_text *text, const void *ctx,
                                size_t k);

/* The first byte at or after from in the set whose words block() gives,
 * or text->len when there is none. Inline, so that a constant block()
 * is inlined too. */
static inline size_t lp_text_next_of(const lp_text *text, lp_block_fn block,
                                     const void *ctx, size_t from)
{
	size_t k = from >> 6;
	uint64_t m;

	if (from >= text->len)
		return text->len;
	m = block(text, ctx, k) & (~(uint64_t)0 << (from & 63));
	while (!m) {
		if (++k == text->words)
			return text->len;
		m = block(text, ctx, k);
	}
	return (k << 6) + (size_t)lp_ctz64(m);
}

/* Word k of the union of the sets in *(const unsigned *)mask. */
static inline uint64_t lp_sets_block(const lp_text *text, const void *mask,
                                     size_t k)
{
	unsigned sets = *(const unsigned *)mask;
	uint64_t m = 0;

	for (; sets; sets &= sets - 1)
		m |= text->sets[lp_ctz64(sets) * text->words + k];
	return m;
}

/* The first byte at or after from that is in one of the sets of mask
 * (LP_IN bits), or text->len when there is none. */
static inline size_t lp_text_next(const lp_text *text, unsigned mask,
                                  size_t from)
{
	return lp_text_next_of(text, lp_sets_block, &mask, from);
}

/* The first byte from i on (i <= text->len) that is not in set, or
 * text->len. */
static inline size_t lp_text_run_end(const lp_text *text, unsigned set,
                                     size_t i)
{
	const uint64_t *in = text->sets + set * text->words;
	size_t k = i >> 6;
	uint64_t m;

	if (i >= text->len)
		return text->len;
	m = ~in[k] & (~(uint64_t)0 << (i & 63));
	while (!m) {
		if (++k == text->words)
			return text->len;
		m = ~in[k];
	}
	return (k << 6) + (size_t)lp_ctz64(m);
}

/*
 * One past the end of the URL that byte i is in (LP_SET_INURL): the first
 * byte from i on outside it. The indexer finds each URL's end once, so that
 * the detectors that skip URLs whole do not each read it again.
 */
static inline size_t lp_text_url_end(const lp_text *text, size_t i)
{
	return lp_text_run_end(text, LP_SET_INURL, i);
}

/* The end of the run of ASCII digits from i: the first byte from i on
 * that is not one. A look-up in place of a loop whose length the
 * processor cannot guess. */
static inline size_t lp_text_digits_end(const lp_text *text, size_t i)
{
	return lp_text_run_end(text, LP_SET_DIGIT, i);
}

/* When a URL starts at i (< text->len), one past its end; otherwise 0. */
static inline size_t lp_text_url_at(const lp_text *text, size_t i)
{
	return lp_text_in(text, LP_SET_URL, i) ? lp_text_url_end(text, i) : 0;
}

/* lp_text_cp for a text that was not all ASCII. */
uint32_t lp_text_cp_marked(const lp_text *text, size_t i);

/* The code-point offset in the original text of the character that
 * normalised byte i came from (i <= len; at len, the number of code points
 * of the original). */
static inline uint32_t lp_text_cp(const lp_text *text, size_t i)
{
	return text->ascii ? (uint32_t)i : lp_text_cp_marked(text, i);
}

/*
 * Normalises len bytes of valid UTF-8 into text (its buffers are reused
 * across calls and grow as needed). Returns 0, or -1 on allocation failure.
 * The caller has already checked that src is valid UTF-8.
 */
int lp_text_normalise(lp_text *text, const char *src, size_t len);
void lp_text_free(lp_text *text);

#endif
