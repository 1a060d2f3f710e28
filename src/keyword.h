/*
 * keyword.h - the policy-defined keyword detector: whole words or phrases,
 * matched without regard to ASCII case.
 *
 * Case folding is ASCII-only and never depends on the process locale:
 * "FLUFFY" matches the keyword "fluffy", but "CAFÉ" does not match "café"
 * (É and é are different bytes); a non-ASCII keyword matches exactly as
 * written, apart from its ASCII letters. Bytes of multi-byte UTF-8
 * characters count as word characters, so "café" is one word.
 */
#ifndef LP_KEYWORD_H
#define LP_KEYWORD_H

#include <stdint.h>

#include "ascii.h"
#include "detect.h"

/* Appends to out every occurrence in text of any of the n lower-case
 * keywords (as lp_keyword_fold leaves them), as non-overlapping spans in
 * start order (the earliest, then longest, match wins). Returns 0, or -1
 * on allocation failure. */
int lp_keyword_detect(const lp_text *text, char *const *keywords, size_t n,
                      lp_spans *out);

/* Whether any of the keywords occurs whole within text bytes [from, to):
 * the context words of a detector. */
int lp_keyword_near(const lp_text *text, char *const *keywords, size_t n,
                    size_t from, size_t to);

/* Whether any of the keywords may occur in text: one of them begins where
 * a keyword may begin, whatever follows it. When none does,
 * lp_keyword_near is false for every range of text, so a detector whose
 * matches need context words need not run at all. */
int lp_keyword_may_occur(const lp_text *text, char *const *keywords,
                         size_t n);

/*
 * How words begin, as a 256-bit digest: bit lp_word_triple(a, b, c) for a
 * word whose first three bytes are a, b and c, ASCII case ignored. A
 * keyword whose bit is missing from the text's digest does not occur in
 * it, so most texts are passed over without looking for context words at
 * all. Three bytes, not two: "pa" begins "pay" and "park" as well as
 * "passport", and a text's dozen words would set most bits of a digest
 * of pairs.
 */
typedef struct lp_word_digest {
	uint64_t bits[4];
	uint32_t initials; /* bit c - 'a' for each first letter c */
} lp_word_digest;

static inline unsigned lp_word_triple(unsigned char a, unsigned char b,
                                      unsigned char c)
{
	uint32_t v = (uint32_t)lp_to_lower(a) << 16 |
	             (uint32_t)lp_to_lower(b) << 8 | (uint32_t)lp_to_lower(c);

	return (unsigned)((v * 0x9E3779B1u) >> 24);
}

/* Whether the two digests share a bit. */
static inline int lp_word_digest_meets(const lp_word_digest *a,
                                       const lp_word_digest *b)
{
	return ((a->bits[0] & b->bits[0]) | (a->bits[1] & b->bits[1]) |
	        (a->bits[2] & b->bits[2]) | (a->bits[3] & b->bits[3])) != 0;
}

/* The digest of the keywords' beginnings. Returns 1, or 0 (and an empty
 * digest) when one of them does not begin with an ASCII letter or is
 * shorter than three bytes: nothing can be ruled out then. */
int lp_keyword_digest(char *const *keywords, size_t n, lp_word_digest *out);

/* The digest of the beginnings of text's words (those that begin with an
 * ASCII letter after a byte that is not one, LP_SET_WORD) whose first
 * letter is one of initials (the initials of keyword digests, joined):
 * the others could meet no such digest. Bytes past the end of the text
 * count as 0. */
void lp_text_word_digest(const lp_text *text, uint32_t initials,
                         lp_word_digest *out);

/* Lower-cases the ASCII letters of the NUL-terminated keyword s in place,
 * leaving every other byte (UTF-8 included) as it is, whatever the
 * locale: the form lp_keyword_detect expects its keywords in. */
void lp_keyword_fold(char *s);

#endif
