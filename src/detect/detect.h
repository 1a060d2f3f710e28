/*
 * detect.h - built-in text detectors.
 *
 * A detector finds candidate spans of private information in a normalised
 * tweet text and validates them (check digits, plausible ranges, context).
 * It knows nothing about categories: the YAML policy maps each detector to
 * a category, so the same detector can serve another platform's policy.
 *
 * Detectors see the normalised text (see text_norm.h) and report half-open
 * byte spans into it; the evaluator maps spans back to code points of the
 * original text through lp_text_cp.
 */
#ifndef LP_DETECT_H
#define LP_DETECT_H

#include <stddef.h>

#include "text_norm.h"

typedef struct lp_span {
	size_t start; /* byte offset into lp_text.s */
	size_t end;   /* one past the last byte */
} lp_span;

/* Growable list of spans, owned by the caller and reused across texts. */
typedef struct lp_spans {
	lp_span *v;
	size_t n;
	size_t cap;
} lp_spans;

/* Appends a span; returns 0, or -1 when memory runs out or the per-text
 * match limit (LP_MAX_DETECTOR_MATCHES) is reached. */
int lp_spans_push(lp_spans *spans, size_t start, size_t end);
static inline void lp_spans_clear(lp_spans *spans) { spans->n = 0; }
void lp_spans_free(lp_spans *spans);

/* How an excerpt of a match is masked (see mask.h). */
typedef enum lp_mask_style {
	LP_MASK_WORDS,   /* first letter of each word kept, digits hidden */
	LP_MASK_ADDRESS, /* like WORDS, but a leading house number is kept */
	LP_MASK_DIGITS,  /* every letter and digit hidden, separators kept */
	LP_MASK_EMAIL    /* first letter of local part and domain, TLD kept */
} lp_mask_style;

/* Appends every match in text to out (in increasing start order, not
 * overlapping). Returns 0, or -1 on allocation failure. */
typedef int (*lp_detect_fn)(const lp_text *text, lp_spans *out);

typedef struct lp_builtin_detector {
	const char *name;        /* referenced from YAML as `builtin: NAME` */
	lp_detect_fn detect;
	lp_mask_style mask;
	const char *description; /* one line, for `policyctl explain` */
} lp_builtin_detector;

/* The table of built-in detectors, terminated by an entry with name NULL. */
extern const lp_builtin_detector lp_builtin_detectors[];

/* Returns the detector named name, or NULL. */
const lp_builtin_detector *lp_builtin_detector_find(const char *name);

#endif
