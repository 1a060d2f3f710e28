/*
 * decision.h - the outcome of one evaluation, as eval.c builds it and
 * decision.c prints it (SPEC §4).
 *
 * A decision refers to the policy's names by index and copies nothing it
 * can point to: it must not outlive the policy it was evaluated under.
 *
 * Its arrays and strings are carved from blocks of memory it owns (the
 * first inside the decision's own allocation), so that building one costs
 * a malloc or two rather than one per line, excerpt and array, and
 * lp_decision_free releases the blocks at once.
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
	const char *excerpt;  /* text: masked */
	size_t excerpt_len;
	int excerpt_plain;    /* nothing in it to escape in JSON */
} lp_evidence;

typedef struct lp_violation {
	int rule;
	int category;
	lp_evidence *evidence;
	size_t evidence_count;
	size_t evidence_cap;
} lp_violation;

typedef struct lp_applied_exception {
	int rule;
	int exception;
} lp_applied_exception;

/* A NUL-terminated string of a decision and its length. */
typedef struct lp_line {
	const char *s;
	size_t len;
	int plain;     /* nothing in it to escape in JSON (lp_json_is_plain) */
} lp_line;

/* A block of a decision's memory beyond the first. */
typedef struct lp_dblock {
	struct lp_dblock *next;
	size_t pad;            /* keeps what follows 16-byte aligned */
} lp_dblock;

struct lp_decision {
	const lp_policy *policy;
	lp_verdict verdict;
	lp_id_kind id_kind;
	const char *id;        /* string id or integer digits; NULL: use record */
	size_t id_len;
	unsigned long record;
	const char **actions;  /* point into the policy */
	size_t action_count;
	lp_violation *violations;
	size_t violation_count;
	size_t violation_cap;
	lp_applied_exception *exceptions;
	size_t exception_count;
	size_t exception_cap;
	int *referrals;
	size_t referral_count;
	size_t referral_cap;
	int *missing;          /* signal indices */
	size_t missing_count;
	size_t missing_cap;
	lp_line *explanation;
	size_t explanation_count;
	size_t explanation_cap;
	/* Memory: free_left bytes (a multiple of LP_DALIGN) at free_at, in
	 * the first block (after this struct) or the newest of blocks. */
	char *free_at;
	size_t free_left;
	lp_dblock *blocks;
};

/* Every piece of a decision's memory is aligned to this. */
#define LP_DALIGN 16

/* A new decision under p with its first block of first bytes (a multiple
 * of LP_DALIGN), or NULL. */
lp_decision *lp_decision_new(const lp_policy *p, size_t first);
/* Empties d, made by lp_decision_new with the same first, for another
 * decision: its first block is kept, the others are released. */
lp_decision *lp_decision_renew(lp_decision *d, const lp_policy *p,
                               size_t first);

/* Makes at least size contiguous bytes free at d->free_at, in a new block
 * when the current one has not got them (what is left of it stays unused
 * until the decision is freed). Returns 0, or -1 when memory runs out. */
int lp_decision_reserve(lp_decision *d, size_t size);

/* size bytes of d's memory, aligned to LP_DALIGN, or NULL. */
static inline void *lp_decision_alloc(lp_decision *d, size_t size)
{
	char *p;

	size = (size + LP_DALIGN - 1) & ~(size_t)(LP_DALIGN - 1);
	if (size > d->free_left && lp_decision_reserve(d, size) != 0)
		return NULL;
	p = d->free_at;
	d->free_at += size;
	d->free_left -= size;
	return p;
}

/* Grows an array of d's memory to hold need elements of size bytes:
 * doubles *cap (from 4) and copies the elements into a new region. Returns
 * 0, or -1 (leaving the array as it was) when memory runs out. */
int lp_decision_grow(lp_decision *d, void *arr, size_t *cap, size_t need,
                     size_t size);

/* Appends d as JSON (LP_JSON_* flags) to b, for callers that gather many
 * decisions in one buffer; lp_buf_failed(b) tells whether memory ran out. */
struct lp_buf;
void lp_decision_append_json(struct lp_buf *b, const lp_decision *d,
                             unsigned flags);

#endif
