/*
 * pattern.h - policy-defined regular-expression detectors (PCRE2).
 *
 * A pattern is compiled (and JIT-compiled where PCRE2 can) when the policy
 * loads, so a bad pattern is an error at its file:line:column, never a
 * surprise at evaluation time. Matching is bounded by the match and depth
 * limits of libpolicy/limits.h: a pattern that backtracks without end
 * (such as (a+)+$ on a long run of a's) stops with LP_ELIMIT instead of
 * hanging an evaluation thread. Compiled patterns are read-only and shared
 * by every thread; each thread matches with its own lp_pattern_scratch. The environment
 * variable LP_NO_JIT=1 turns PCRE2's JIT off (memory checkers cannot follow
 * generated code).
 */
#ifndef LP_PATTERN_H
#define LP_PATTERN_H

#include <stddef.h>

#include "detect.h"

typedef struct lp_pattern lp_pattern;

/* Compiles source (UTF-8, PCRE2 syntax). On error returns NULL and sets
 * *err_offset (byte offset into source) and err_msg; *oom when memory ran
 * out instead. */
lp_pattern *lp_pattern_compile(const char *source, int ignore_case,
                               size_t *err_offset, char *err_msg,
                               size_t err_size, int *oom);
void lp_pattern_free(lp_pattern *p);

/* The match data of one thread, reused across texts and patterns. */
typedef struct lp_pattern_scratch lp_pattern_scratch;
lp_pattern_scratch *lp_pattern_scratch_new(void);
void lp_pattern_scratch_free(lp_pattern_scratch *s);

/* Appends every match in text to out (non-overlapping, in order). Returns
 * 0; -1 when memory runs out or out is full (LP_MAX_DETECTOR_MATCHES);
 * LP_ELIMIT (negative) when a match limit of limits.h was reached. */
int lp_pattern_detect(const lp_pattern *p, lp_pattern_scratch *scratch,
                      const lp_text *text, lp_spans *out);

#endif
