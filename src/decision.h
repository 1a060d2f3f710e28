/*
 * decision.h - the outcome of one evaluation, as eval.c builds it and
 * decision.c prints it (SPEC §4).
 *
 * A decision refers to the policy's names by index and copies nothing it
 * can point to: it must not outlive the policy it was evaluated under.
 */
#ifndef LP_DECISION_H
#define LP_DECISION_H

#include <stddef.h>

#include "policy_internal.h"
#include "report.h"

typedef struct lp_evidence {
	lp_source source;
	int detector;         /* text */
	int label;            /* labels */
	int media_index;      /* media */
	lp_media_type media_type;
	size_t start, end;    /* text: code points */
	char *excerpt;        /* text: masked */
} lp_evidence;

typedef struct lp_violation {
	int rule;
	int category;
	lp_evidence *evidence;
	size_t evidence_count;
} lp_violation;

typedef struct lp_applied_exception {
	int rule;
	int exception;
} lp_applied_exception;

struct lp_decision {
	const lp_policy *policy;
	lp_verdict verdict;
	lp_id_kind id_kind;
	char *id;              /* string id or integer digits; NULL: use record */
	unsigned long record;
	const char **actions;  /* point into the policy */
	size_t action_count;
	lp_violation *violations;
	size_t violation_count;
	lp_applied_exception *exceptions;
	size_t exception_count;
	int *referrals;
	size_t referral_count;
	int *missing;          /* signal indices */
	size_t missing_count;
	char **explanation;
	size_t explanation_count;
	size_t explanation_cap;
};

/* Appends d as JSON (LP_JSON_* flags) to b, for callers that gather many
 * decisions in one buffer; lp_buf_failed(b) tells whether memory ran out. */
struct lp_buf;
void lp_decision_append_json(struct lp_buf *b, const lp_decision *d,
                             unsigned flags);

#endif
