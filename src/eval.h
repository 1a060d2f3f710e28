/*
 * eval.h - evaluating with scratch memory kept from one report to the
 * next.
 *
 * lp_evaluate_json allocates its working memory (the scanner's buffers,
 * the parsed report, the findings) for every report and frees it after.
 * A caller that evaluates many reports on one thread, such as a batch
 * worker, keeps an lp_eval_scratch instead: once its buffers have grown
 * to the largest report seen, a report allocates only its decision. A
 * scratch belongs to one thread at a time; the decisions it helped build
 * do not refer to it.
 */
#ifndef LP_EVAL_H
#define LP_EVAL_H

#include <stddef.h>

#include "report.h"
#include "scan.h"

typedef struct lp_eval_scratch {
	lp_scanner scanner;
	void *jdoc;            /* the parsed report (lp_jdoc_parse_in) */
	size_t jdoc_cap;
	lp_finding *findings;
	size_t finding_cap;
	size_t *items;         /* the items of one rule, and those that */
	size_t *otherwise;     /* failed its 'requires' */
	size_t item_cap;
	struct lp_decision *spare; /* a decision handed back, for the next */
} lp_eval_scratch;

void lp_eval_scratch_init(lp_eval_scratch *s);
void lp_eval_scratch_free(lp_eval_scratch *s);
/* Takes back a decision of lp_evaluate_json_in (or NULL) that the caller
 * is done with: the next evaluation reuses its memory instead of asking
 * for more, which in a batch is once per record. */
void lp_eval_scratch_recycle(lp_eval_scratch *s, struct lp_decision *d);

struct lp_jorigin;
/* lp_evaluate_json, with s's memory, for a report that begins at at in
 * the input it was cut from (NULL: the report is the whole input), which
 * is where the positions in error messages count from. */
int lp_evaluate_json_in(lp_decision **out, const lp_policy *p,
                        lp_eval_scratch *s, const char *json, size_t len,
                        unsigned long record, const struct lp_jorigin *at,
                        lp_error *err);

#endif
