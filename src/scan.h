/*
 * scan.h - the scan path: runs every text detector of a policy over one
 * text and reports each match, in policy order.
 *
 * The scratch a scan needs (the normalised text, the span list, PCRE2's
 * match data) lives in an lp_scanner that its owner reuses from one text to
 * the next, so that once its buffers have grown to the largest text seen,
 * scanning allocates nothing. A scanner belongs to one thread at a time;
 * the policy it scans with is shared and read-only.
 */
#ifndef LP_SCAN_H
#define LP_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "detect.h"
#include "pattern.h"

struct lp_policy;

typedef struct lp_scanner {
	lp_text text;
	lp_spans spans;
	lp_pattern_scratch *pattern; /* created on the first pattern detector */
} lp_scanner;

/* Prepares an empty scanner (it allocates on first use). */
void lp_scanner_init(lp_scanner *sc);

/* Called for each match: detector is an index into the policy's detectors;
 * start and end are code-point offsets into the original text (end
 * exclusive). A non-zero return stops the scan and is returned by lp_scan. */
typedef int (*lp_scan_match_fn)(void *ctx, size_t detector, uint32_t start,
                                uint32_t end);

typedef struct lp_scan_result {
	/* Detectors that reached LP_MAX_DETECTOR_MATCHES: their first matches
	 * were reported and the rest of the text was not scanned by them. */
	int capped[8];
	size_t capped_count;
	/* The detector that stopped the scan with LP_ELIMIT: its pattern
	 * reached a match limit, or (limit_candidates set) it needs context
	 * words and reached LP_MAX_DETECTOR_MATCHES candidates with none in
	 * context. */
	int limit_detector;
	int limit_candidates;
} lp_scan_result;

/*
 * Scans len bytes of valid UTF-8. Returns 0; -1 when memory runs out;
 * LP_ELIMIT when a detector cannot tell what the text holds (see
 * res->limit_detector); or what on_match returned.
 */
int lp_scan(const struct lp_policy *policy, lp_scanner *sc, const char *s,
            size_t len, lp_scan_match_fn on_match, void *ctx,
            lp_scan_result *res);

void lp_scanner_free(lp_scanner *sc);

#endif
