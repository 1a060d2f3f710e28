/*
 * spans.c - the growable span list detectors append their matches to.
 */
#include "detect.h"

#include "alloc.h"
#include "libpolicy/limits.h"

int lp_spans_push(lp_spans *spans, size_t start, size_t end)
{
	/* A text crafted to hold thousands of matches must not make one
	 * detector allocate without bound. */
	if (spans->n >= LP_MAX_DETECTOR_MATCHES)
		return -1;
	if (lp_grow(&spans->v, &spans->cap, spans->n + 1, sizeof(*spans->v)))
		return -1;
	spans->v[spans->n].start = start;
	spans->v[spans->n].end = end;
	spans->n++;
	return 0;
}

void lp_spans_free(lp_spans *spans)
{
	lp_free(spans->v);
	spans->v = NULL;
	spans->n = 0;
	spans->cap = 0;
}
