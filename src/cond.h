/*
 * cond.h - the condition language of rules, exceptions and enforcement.
 *
 * A condition is one line an analyst can read aloud:
 *
 *   context.publicly_available and not context.intent_to_harass
 *   finding.category == identity_document and context.region in id-public
 *   author.prior_violations >= 1
 *
 * It is compiled once, with every name resolved against the policy (a typo
 * is an error with its column), into a small tree of integer comparisons.
 */
#ifndef LP_COND_H
#define LP_COND_H

#include <stdint.h>

#include "diag.h"
#include "yaml_tree.h"

typedef struct lp_cond lp_cond;
struct lp_rdata;
struct lp_finding;
struct lp_media;

/* What a condition reads beyond the report itself. */
#define LP_COND_NEEDS_FINDING 1u
#define LP_COND_NEEDS_MEDIA 2u

typedef struct lp_cond_ctx {
	const struct lp_rdata *report;
	uint64_t signals;                 /* the signals in force */
	const struct lp_finding *finding; /* NULL outside findings rules */
	const struct lp_media *media;     /* NULL outside media rules */
} lp_cond_ctx;

/* Compiles the scalar src. Returns LP_OK, LP_EPOLICY (reported to sink)
 * or LP_ENOMEM. */
int lp_cond_compile(lp_cond **out, const lp_ynode *src, const lp_policy *p,
                    lp_diag_sink *sink);
void lp_cond_free(lp_cond *c);

unsigned lp_cond_needs(const lp_cond *c);
/* The signals the condition reads, as a bit mask of signal indices. */
uint64_t lp_cond_signals(const lp_cond *c);
int lp_cond_eval(const lp_cond *c, const lp_cond_ctx *ctx);

/* 0 when no assignment of the condition's comparisons makes it true (the
 * rule can never fire), 1 otherwise (or when there are too many to try). */
int lp_cond_satisfiable(const lp_cond *c);
/* 1 when every assignment makes it true. */
int lp_cond_tautology(const lp_cond *c);

#endif
