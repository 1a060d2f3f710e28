/*
 * scan.c - runs a policy's text detectors over one text (see scan.h).
 */
#include "scan.h"

#include <string.h>

#include "keyword.h"
#include "libpolicy.h"
#include "libpolicy/limits.h"
#include "policy_internal.h"

/* Keeps the matches that have one of the detector's context words within
 * its window before or after them (Presidio's context words). */
static void keep_in_context(const lp_detector_def *d, const lp_text *text,
                            lp_spans *spans)
{
	size_t i, kept = 0;

	for (i = 0; i < spans->n; i++) {
		size_t from = spans->v[i].start > d->context_window
		              ? spans->v[i].start - d->context_window : 0;
		size_t to = spans->v[i].end + d->context_window;

		if (lp_keyword_near(text, d->context, d->context_count, from, to))
			spans->v[kept++] = spans->v[i];
	}
	spans->n = kept;
}

static int run_detector(const lp_detector_def *d, lp_scanner *sc)
{
	if (d->builtin)
		return d->builtin->detect(&sc->text, &sc->spans);
	if (d->pattern) {
		if (!sc->pattern && !(sc->pattern = lp_pattern_scratch_new()))
			return -1;
		return lp_pattern_detect(d->pattern, sc->pattern, &sc->text,
		                         &sc->spans);
	}
	return lp_keyword_detect(&sc->text, d->keywords, d->keyword_count,
	                         &sc->spans);
}

int lp_scan(const lp_policy *p, lp_scanner *sc, const char *s, size_t len,
            lp_scan_match_fn on_match, void *ctx, lp_scan_result *res)
{
	size_t di, i;
	lp_word_digest digest;
	int have_digest = 0, capped;

	res->capped_count = 0;
	res->limit_detector = -1;
	res->limit_candidates = 0;
	if (lp_text_normalise(&sc->text, s, len) != 0)
		return -1;
	for (di = 0; di < p->detector_count; di++) {
		const lp_detector_def *d = &p->detectors[di];
		int rc;

		lp_spans_clear(&sc->spans);
		/* Matches that need a context word the text lacks would all
		 * be dropped: do not look for them. Most texts have no word
		 * that begins like a context word. */
		if (d->context && d->has_context_digest) {
			if (!have_digest) {
				lp_text_word_digest(&sc->text,
				                    p->context_initials, &digest);
				have_digest = 1;
			}
			if (!lp_word_digest_meets(&digest, &d->context_digest))
				continue;
		}
		if (d->context &&
		    !lp_keyword_may_occur(&sc->text, d->context, d->context_count))
			continue;
		rc = run_detector(d, sc);
		if (rc == LP_ELIMIT) {
			res->limit_detector = (int)di;
			return rc;
		}
		capped = 0;
		if (rc != 0) {
			/* A full span list is not an error: the first matches
			 * stand for the rest, and the caller says so. */
			if (sc->spans.n < LP_MAX_DETECTOR_MATCHES)
				return -1;
			capped = 1;
			if (res->capped_count < 8)
				res->capped[res->capped_count++] = (int)di;
		}
		if (d->context) {
			keep_in_context(d, &sc->text, &sc->spans);
			/* Candidates out of context that fill the list would
			 * hide a match after them ("1000000N " a thousand
			 * times, then an account number): with none kept,
			 * the text is not known to hold nothing. */
			if (capped && sc->spans.n == 0) {
				res->limit_detector = (int)di;
				res->limit_candidates = 1;
				return LP_ELIMIT;
			}
		}
		for (i = 0; i < sc->spans.n; i++) {
			const lp_span *sp = &sc->spans.v[i];

			rc = on_match(ctx, di, lp_text_cp(&sc->text, sp->start),
			              lp_text_cp(&sc->text, sp->end - 1) + 1);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

void lp_scanner_init(lp_scanner *sc)
{
	memset(sc, 0, sizeof(*sc));
}

void lp_scanner_free(lp_scanner *sc)
{
	lp_text_free(&sc->text);
	lp_spans_free(&sc->spans);
	lp_pattern_scratch_free(sc->pattern);
	sc->pattern = NULL;
}
