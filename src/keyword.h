/*
 * keyword.h - the policy-defined keyword detector: whole words or phrases,
 * matched without regard to ASCII case.
 */
#ifndef LP_KEYWORD_H
#define LP_KEYWORD_H

#include "detect.h"

/* Appends to out every occurrence in text of any of the n lower-case
 * keywords, as non-overlapping spans in start order (the earliest, then
 * longest, match wins). Returns 0, or -1 on allocation failure. */
int lp_keyword_detect(const lp_text *text, char *const *keywords, size_t n,
                      lp_spans *out);

#endif
