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

typedef struct lp_text {
	char *s;          /* normalised UTF-8, NUL-terminated */
	size_t len;       /* bytes in s, without the NUL */
	uint32_t *cp_of;  /* len + 1 entries: code-point offset in the original
	                     text of the character that normalised byte i came
	                     from; cp_of[len] = code points in the original */
	size_t cap;       /* allocated bytes of s (and entries of cp_of - 1) */
	/* What the text holds, counted while normalising, so that a detector
	 * can tell in one comparison that it cannot match (most tweets have
	 * too few digits for an SSN, no '@', no "key: value"). */
	size_t digits;    /* ASCII digits in s */
	unsigned has;     /* LP_HAS_* bits */
} lp_text;

#define LP_HAS_AT 0x1u    /* '@' */
#define LP_HAS_KV 0x2u    /* ':' or '=' */
#define LP_HAS_ATW 0x4u   /* the letters "at" (any case), as in "name at host" */

/*
 * Normalises len bytes of valid UTF-8 into text (its buffers are reused
 * across calls and grow as needed). Returns 0, or -1 on allocation failure.
 * The caller has already checked that src is valid UTF-8.
 */
int lp_text_normalise(lp_text *text, const char *src, size_t len);
void lp_text_free(lp_text *text);

#endif
