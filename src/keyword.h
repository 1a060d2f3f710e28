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
 * How words begin, as a 64-bit digest: bit lp_word_pair(a, b) for a word
 * whose first two bytes are a and b, ASCII case ignored. A keyword whose
 * bit is missing from the text's digest does not occur in it, so most
 * texts are passed over without looking for context words at all.
 */
static inline unsigned lp_word_pair(unsigned char a, unsigned char b)
{
	return ((unsigned)lp_to_lower(a) * 7u + (unsigned)lp_to_lower(b)) & 63u;
}

/* The digest of the keywords' beginnings, or 0 when one of them does not
 * begin with an ASCII letter and another byte (nothing can be ruled out
 * then). */
uint64_t lp_keyword_pairs(char *const *keywords, size_t n);

/* The digest of the beginnings of text's words (those that begin with an
 * ASCII letter after a byte that is not one, LP_SET_WORD). */
uint64_t lp_text_word_pairs(const lp_text *text);

/* Lower-cases the ASCII letters of the NUL-terminated keyword s in place,
 * leaving every other byte (UTF-8 included) as it is, whatever the
 * locale: the form lp_keyword_detect expects its keywords in. */
void lp_keyword_fold(char *s);

#endif
