/*
 * eval.c - evaluating a report under a compiled policy.
 *
 * Order of evaluation (documented for analysts in rules/README.md):
 *   1. Findings: every detector of the policy scans the normalised text;
 *      every label of the report becomes a finding of its category.
 *   2. Rules, in policy order, each over its scope (the report once, each
 *      finding, or each media item). For each item: 'where' must hold;
 *      then exceptions are weighed first: if any listed exception holds,
 *      the item is excepted (and the exception recorded); otherwise
 *      'requires' decides between the rule's outcome and its 'otherwise'.
 *   3. Outcomes combine without order: the verdict is the highest of
 *      violation > refer > needs_first_person_report > no_violation;
 *      referrals are all kept, whatever the verdict.
 *   4. On a violation, the first enforcement step whose 'when' holds
 *      gives the actions.
 *   5. Missing signals: each boolean signal the report did not state is
 *      set in turn, and named if that alone changes the verdict.
 * Detection runs once; steps 2-3 are cheap integer work, which is what
 * makes the counterfactuals of step 5 affordable.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ascii.h"
#include "buf.h"
#include "decision.h"
#include "eval.h"
#include "json_doc.h"
#include "mask.h"
#include "pattern.h"
#include "policy_internal.h"
#include "report.h"
#include "scan.h"

typedef struct eval_state {
	const lp_policy *p;
	const lp_rdata *r;
	lp_eval_scratch *sc;  /* findings, items and otherwise are its */
	lp_finding *findings;
	size_t finding_count;
	size_t finding_cap;
	lp_line *excerpts;   /* masked excerpt of each text finding, in the
	                        decision's memory */
	size_t excerpt_count; /* = the text findings, which come first */
	size_t *items;       /* scratch: items of one rule */
	size_t *otherwise;   /* scratch: items that failed 'requires' */
	lp_decision *d;      /* NULL while weighing counterfactuals */
	lp_decision *out;    /* the decision, also while d is NULL */
	size_t line_len;     /* the explanation line being written */
	int line_dirty;      /* it has bytes JSON must escape */
	int oom;
	/* Detectors that reached LP_MAX_DETECTOR_MATCHES: the first matches
	 * stand as evidence and the explanation says there were more. */
	int capped[8];
	size_t capped_count;
	const char *limit_detector; /* a detector could not finish (lp_scan) */
	int limit_candidates;       /* ... for too many candidates */
} eval_state;

/* ---- explanation lines ------------------------------------------------------ */

/*
 * A line is written piece by piece straight into the decision's memory at
 * d->free_at and ends there as a NUL-terminated string: no format string
 * to interpret and no allocation of its own. A decision has a handful of
 * lines, and a batch writes millions.
 *
 * put() takes the engine's own text (literals, policy ids, numbers),
 * which never needs escaping in JSON; text from elsewhere (the report's
 * excerpts, the policy's sentences) comes with whether it does, found
 * once (an excerpt's lp_line.plain, and the like), or put_text() looks.
 * Most lines have nothing to escape, and their JSON is then a copy.
 */

/* Starts a line; 0 when no line is to be written (counterfactuals, or
 * memory already ran out). */
static int begin_line(eval_state *st)
{
	st->line_len = 0;
	st->line_dirty = 0;
	return st->d && !st->oom;
}

static void put(eval_state *st, const char *s, size_t n)
{
	lp_decision *d = st->d;

	if (st->oom)
		return;
	if (n >= d->free_left - st->line_len) {
		const char *line = d->free_at;

		/* A new block: the line so far moves with it. */
		if (lp_decision_reserve(d, st->line_len + n + 1) != 0) {
			st->oom = 1;
			return;
		}
		memcpy(d->free_at, line, st->line_len);
	}
	memcpy(d->free_at + st->line_len, s, n);
	st->line_len += n;
}

static void put_text(eval_state *st, const char *s, size_t n)
{
	put(st, s, n);
	if (!st->line_dirty && !lp_json_is_plain(s, n))
		st->line_dirty = 1;
}

static void put_str(eval_state *st, const char *s)
{
	put_text(st, s, strlen(s));
}

/* Text whose plainness is known. */
static void put_known(eval_state *st, const char *s, size_t n, int plain)
{
	put(st, s, n);
	st->line_dirty |= !plain;
}

/* A word of the fixed vocabularies (verdicts, roles). */
static void put_word(eval_state *st, const char *s)
{
	put(st, s, strlen(s));
}

/* A string literal, and a policy id whose length the compiler measured. */
#define put_lit(st, lit) put((st), (lit), sizeof(lit) - 1)
#define put_id(st, named) put((st), (named).id, (named).id_len)

/* The decimal digits of v, at the end of digits[24]; returns the first. */
static const char *decimal(char *digits, size_t v, size_t *len)
{
	size_t n = 24;

	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	*len = 24 - n;
	return digits + n;
}

static void put_num(eval_state *st, size_t v)
{
	char digits[24];
	size_t len;
	const char *s = decimal(digits, v, &len);

	put(st, s, len);
}

static void end_line(eval_state *st)
{
	lp_decision *d = st->d;
	size_t len = st->line_len;
	char *s;

	if (st->oom)
		return;
	if (len + 1 > d->free_left && lp_decision_reserve(d, len + 1) != 0) {
		st->oom = 1;
		return;
	}
	d->free_at[len] = '\0';
	/* The line stands where it was written: taking its bytes (which fit,
	 * free_left being a multiple of LP_DALIGN) returns its start. */
	s = lp_decision_alloc(d, len + 1);
	if (lp_decision_grow(d, &d->explanation, &d->explanation_cap,
	                     d->explanation_count + 1, sizeof(lp_line)) != 0) {
		st->oom = 1;
		return;
	}
	d->explanation[d->explanation_count].s = s;
	d->explanation[d->explanation_count].plain = !st->line_dirty;
	d->explanation[d->explanation_count++].len = len;
}

/* Text of at most size - 1 bytes that keeps what fits, as snprintf does:
 * a long description is cut where the explanations have always cut it. */
typedef struct sbuf {
	char *s;
	size_t len;
	size_t size;
	int dirty; /* holds text JSON must escape */
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n)
{
	size_t room = b->size - 1 - b->len;

	if (n > room)
		n = room;
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static lp_word sb_word(const sbuf *b)
{
	lp_word w;

	w.w = b->s;
	w.len = b->len;
	return w;
}

static void sb_num(sbuf *b, size_t v)
{
	char digits[24];
	size_t len;
	const char *s = decimal(digits, v, &len);

	sb_put(b, s, len);
}

/* Appends one int to an array of the decision's memory. */
static int push_int(eval_state *st, int **arr, size_t *count, size_t *cap,
                    int v)
{
	if (lp_decision_grow(st->out, arr, cap, *count + 1, sizeof(int)) != 0) {
		st->oom = 1;
		return -1;
	}
	(*arr)[(*count)++] = v;
	return 0;
}

/* "phone at 19-35 (+•• ••)" or "label x", cut at out->size - 1 bytes. */
static void describe_finding(const eval_state *st, const lp_finding *f,
                             sbuf *out)
{
	const lp_policy *p = st->p;

	out->len = 0;
	out->s[0] = '\0';
	out->dirty = 0;
	if (f->source == LP_SOURCE_TEXT) {
		const lp_line *x = &st->excerpts[f - st->findings];

		sb_put(out, p->detectors[f->detector].id,
		       p->detectors[f->detector].id_len);
		sb_put(out, " at ", 4);
		sb_num(out, f->start);
		sb_put(out, "-", 1);
		sb_num(out, f->end);
		sb_put(out, " (", 2);
		sb_put(out, x->s, x->len);
		out->dirty |= !x->plain;
		sb_put(out, ")", 1);
	} else {
		sb_put(out, "label ", 6);
		sb_put(out, p->labels[f->label].id, p->labels[f->label].id_len);
	}
	/* A long excerpt is cut at a byte: never in the middle of a bullet. */
	out->len = lp_utf8_trim_len(out->s, out->len);
}

/* "media 2 (image)". */
static void describe_media(const eval_state *st, size_t i, sbuf *out)
{
	out->len = 0;
	out->s[0] = '\0';
	out->dirty = 0;
	sb_put(out, "media ", 6);
	sb_num(out, i + 1);
	sb_put(out, " (", 2);
	sb_str(out, lp_media_types[st->r->media[i].type]);
	sb_put(out, ")", 1);
}

/* Fills the {placeholders} of an explanation template from names/values
 * (the loader has checked that the template uses no others) and adds the
 * line, after prefix. */
static void render(eval_state *st, const char *prefix, size_t prefix_len,
                   const lp_template *tmpl, const lp_word *values,
                   unsigned dirty_values)
{
	size_t i;

	if (!begin_line(st))
		return;
	put(st, prefix, prefix_len);
	for (i = 0; i < tmpl->count; i++) {
		const lp_template_part *part = &tmpl->part[i];

		put_known(st, part->lit, part->lit_len, part->lit_plain);
		if (part->slot >= 0)
			put_known(st, values[part->slot].w, values[part->slot].len,
			          !(dirty_values >> part->slot & 1));
	}
	end_line(st);
}

/* The placeholders of rule templates: see rules/README.md. */
static void render_rule(eval_state *st, const lp_template *tmpl,
                        const lp_rule *rule, lp_word category,
                        const sbuf *evidence)
{
	const char *role = lp_roles[st->r->role];
	lp_word values[LP_RULE_PLACEHOLDERS];

	values[LP_RULE_RULE].w = rule->id;
	values[LP_RULE_RULE].len = rule->id_len;
	values[LP_RULE_TITLE].w = rule->title ? rule->title : rule->id;
	values[LP_RULE_TITLE].len = rule->title ? rule->title_len : rule->id_len;
	values[LP_RULE_CATEGORY] = category;
	values[LP_RULE_REFERRAL].w = rule->referral >= 0
	                             ? st->p->referrals[rule->referral].id : "";
	values[LP_RULE_REFERRAL].len = rule->referral >= 0
	                               ? st->p->referrals[rule->referral].id_len
	                               : 0;
	values[LP_RULE_EVIDENCE] = sb_word(evidence);
	values[LP_RULE_REPORTER].w = role;
	values[LP_RULE_REPORTER].len = strlen(role);
	/* The rest are ids and words of the engine's. */
	render(st, "", 0, tmpl, values,
	       (rule->title && !rule->title_plain ? 1u << LP_RULE_TITLE : 0) |
	       (evidence->dirty ? 1u << LP_RULE_EVIDENCE : 0));
}

static int add_evidence(eval_state *st, lp_violation *v, const lp_finding *f,
                        int media_index)
{
	lp_evidence *e;

	if (lp_decision_grow(st->d, &v->evidence, &v->evidence_cap,
	                     v->evidence_count + 1, sizeof(*e)) != 0) {
		st->oom = 1;
		return -1;
	}
	e = &v->evidence[v->evidence_count++];
	memset(e, 0, sizeof(*e));
	e->detector = e->label = e->media_index = -1;
	if (!f) {
		e->source = LP_SOURCE_MEDIA;
		e->media_index = media_index;
		e->media_type = st->r->media[media_index].type;
		return 0;
	}
	e->source = f->source;
	e->detector = f->detector;
	e->label = f->label;
	e->start = f->start;
	e->end = f->end;
	if (f->source == LP_SOURCE_TEXT) {
		/* The excerpt is already in the decision's memory. */
		e->excerpt = st->excerpts[f - st->findings].s;
		e->excerpt_len = st->excerpts[f - st->findings].len;
		e->excerpt_plain = st->excerpts[f - st->findings].plain;
	}
	return 0;
}

static lp_violation *add_violation(eval_state *st, int rule, int category)
{
	lp_decision *d = st->d;
	lp_violation *v;

	if (lp_decision_grow(d, &d->violations, &d->violation_cap,
	                     d->violation_count + 1, sizeof(*v)) != 0) {
		st->oom = 1;
		return NULL;
	}
	v = &d->violations[d->violation_count++];
	memset(v, 0, sizeof(*v));
	v->rule = rule;
	v->category = category;
	return v;
}

/* Records that exception kept rule from applying (to what, when not
 * NULL) and explains it, once per rule and exception. */
static void note_exception(eval_state *st, int rule, int exception,
                           const sbuf *what)
{
	lp_decision *d = st->d;
	const lp_policy *p = st->p;
	size_t i, len;
	const char *reason;

	for (i = 0; i < d->exception_count; i++)
		if (d->exceptions[i].rule == rule &&
		    d->exceptions[i].exception == exception)
			return;
	if (lp_decision_grow(d, &d->exceptions, &d->exception_cap,
	                     d->exception_count + 1,
	                     sizeof(*d->exceptions)) != 0) {
		st->oom = 1;
		return;
	}
	d->exceptions[d->exception_count].rule = rule;
	d->exceptions[d->exception_count++].exception = exception;
	reason = p->exceptions[exception].reason;
	len = reason ? strlen(reason) : 0;
	/* Reasons are sentences; do not end the line with a second stop. */
	while (len && (reason[len - 1] == '.' || reason[len - 1] == ' '))
		len--;
	if (!begin_line(st))
		return;
	put(st, "Rule ", 5);
	put_id(st, p->rules[rule]);
	put(st, " does not apply", 15);
	if (what) {
		put(st, " to ", 4);
		put_known(st, what->s, what->len, !what->dirty);
	}
	put(st, ": exception ", 12);
	put_id(st, p->exceptions[exception]);
	put(st, " applies", 8);
	if (len) {
		put(st, " - ", 3);
		put_known(st, reason, len, p->exceptions[exception].reason_plain);
	}
	put(st, ".", 1);
	end_line(st);
}

/* ---- rules -------------------------------------------------------------------- */

typedef struct tally {
	int violation;
	int refer;
	int needs_first_person;
	int hits; /* some item met the rule's 'where' */
} tally;

/* Records what the items of one rule lead to. is_otherwise: the items did
 * not meet 'requires'. */
static void apply_outcome(eval_state *st, tally *t, int ri, lp_outcome o,
                          const size_t *items, size_t n, int is_otherwise)
{
	const lp_policy *p = st->p;
	const lp_rule *rule = &p->rules[ri];
	lp_decision *d = st->d;
	char evidence_text[512], one_text[256];
	sbuf evidence = {evidence_text, 0, sizeof(evidence_text), 0};
	sbuf one = {one_text, 0, sizeof(one_text), 0};
	size_t i;

	if (n == 0 || o == LP_OUTCOME_NONE)
		return;
	/* The loader guarantees both; never index a table with -1. */
	if ((o == LP_OUTCOME_VIOLATION && rule->category == -1) ||
	    (o == LP_OUTCOME_REFER && rule->referral < 0))
		return;
	if (o == LP_OUTCOME_VIOLATION)
		t->violation = 1;
	else if (o == LP_OUTCOME_REFER)
		t->refer = 1;
	else
		t->needs_first_person = 1;
	if (!d)
		return;
	/* A short description of the evidence, for explanations. */
	evidence_text[0] = '\0';
	for (i = 0; i < n && evidence.len < sizeof(evidence_text) - 100; i++) {
		if (rule->scope == LP_SCOPE_FINDINGS) {
			describe_finding(st, &st->findings[items[i]], &one);
		} else if (rule->scope == LP_SCOPE_MEDIA) {
			describe_media(st, items[i], &one);
		} else {
			one.len = 0;
			sb_put(&one, "the report", 10);
		}
		if (i)
			sb_put(&evidence, ", ", 2);
		sb_put(&evidence, one.s, one.len);
		evidence.dirty |= one.dirty;
		evidence.len = lp_utf8_trim_len(evidence.s, evidence.len);
	}
	if (is_otherwise) {
		if (rule->otherwise_explain) {
			static const lp_word no_category = LP_WORD("");

			render_rule(st, rule->otherwise_explain, rule, no_category,
			            &evidence);
		} else if (begin_line(st)) {
			put(st, "Rule ", 5);
			put_id(st, *rule);
			put(st, ": ", 2);
			put_known(st, evidence.s, evidence.len, !evidence.dirty);
			put_lit(st, " needs a first-person report; the reporter is ");
			put_word(st, lp_roles[st->r->role]);
			put(st, ".", 1);
			end_line(st);
		}
	}
	if (o == LP_OUTCOME_REFER) {
		size_t k;

		for (k = 0; k < d->referral_count; k++)
			if (d->referrals[k] == rule->referral)
				break;
		if (k == d->referral_count)
			push_int(st, &d->referrals, &d->referral_count,
			         &d->referral_cap, rule->referral);
	}
	if (o == LP_OUTCOME_VIOLATION) {
		/* One violation per category, in order of first appearance, its
		 * evidence in item order. */
		size_t first = d->violation_count, k;

		for (i = 0; i < n && !st->oom; i++) {
			const lp_finding *f = rule->scope == LP_SCOPE_FINDINGS
			                      ? &st->findings[items[i]] : NULL;
			int cat = rule->category == LP_CATEGORY_OF_FINDING
			          ? f->category : rule->category;
			lp_violation *v = NULL;

			for (k = first; k < d->violation_count && !v; k++)
				if (d->violations[k].category == cat)
					v = &d->violations[k];
			if (!v && !(v = add_violation(st, ri, cat)))
				return;
			if (rule->scope != LP_SCOPE_REPORT)
				add_evidence(st, v, f, (int)items[i]);
		}
	}
	if (!is_otherwise) {
		char cats_text[256] = "";
		sbuf cats = {cats_text, 0, sizeof(cats_text), 0};

		if (o == LP_OUTCOME_VIOLATION) {
			size_t k;

			for (k = 0; k < d->violation_count; k++) {
				const lp_violation *v = &d->violations[k];

				if (v->rule != ri)
					continue;
				if (cats.len)
					sb_put(&cats, ", ", 2);
				sb_put(&cats, p->categories[v->category].id,
				       p->categories[v->category].id_len);
			}
		}
		if (rule->explain) {
			render_rule(st, rule->explain, rule, sb_word(&cats),
			            &evidence);
		} else if (begin_line(st)) {
			put(st, "Rule ", 5);
			put_id(st, *rule);
			put(st, " fires on ", 10);
			put_known(st, evidence.s, evidence.len, !evidence.dirty);
			put(st, ".", 1);
			end_line(st);
		}
	}
}

/* Whether an exception of rule ri holds for the item of ctx (item i of
 * the rule's scope); each that holds is recorded in the decision. */
static int excepted(eval_state *st, int ri, const lp_cond_ctx *ctx, size_t i)
{
	const lp_rule *rule = &st->p->rules[ri];
	char what_text[256];
	sbuf what = {what_text, 0, sizeof(what_text), 0};
	const sbuf *whatp = NULL;
	size_t k;
	int any = 0;

	for (k = 0; k < rule->unless_count; k++) {
		const lp_exception *x = &st->p->exceptions[rule->unless[k]];

		if (!lp_cond_eval(x->when, ctx))
			continue;
		if (!st->d)
			return 1; /* one is enough to decide */
		/* What the exception is about, described only when one holds. */
		if (!any && ctx->finding) {
			describe_finding(st, ctx->finding, &what);
			whatp = &what;
		} else if (!any && ctx->media) {
			describe_media(st, i, &what);
			whatp = &what;
		}
		any = 1;
		note_exception(st, ri, rule->unless[k], whatp);
	}
	return any;
}

static void run_rule(eval_state *st, tally *t, int ri, uint64_t signals)
{
	const lp_rule *rule = &st->p->rules[ri];
	lp_cond_ctx ctx = {st->r, signals, NULL, NULL};
	size_t count, i, n = 0, n_other = 0;

	switch (rule->scope) {
	case LP_SCOPE_FINDINGS: count = st->finding_count; break;
	case LP_SCOPE_MEDIA: count = st->r->media_count; break;
	default: count = 1; break;
	}
	for (i = 0; i < count; i++) {
		ctx.finding = rule->scope == LP_SCOPE_FINDINGS ? &st->findings[i]
		                                               : NULL;
		ctx.media = rule->scope == LP_SCOPE_MEDIA ? &st->r->media[i] : NULL;
		if (!lp_cond_eval(rule->where, &ctx))
			continue;
		t->hits = 1;
		if (excepted(st, ri, &ctx, i))
			continue;
		if (!lp_cond_eval(rule->requires, &ctx))
			st->otherwise[n_other++] = i;
		else
			st->items[n++] = i;
	}
	apply_outcome(st, t, ri, rule->outcome, st->items, n, 0);
	apply_outcome(st, t, ri, rule->otherwise, st->otherwise, n_other, 1);
}

static lp_verdict verdict_of(const tally *t)
{
	if (t->violation)
		return LP_VERDICT_VIOLATION;
	if (t->refer)
		return LP_VERDICT_REFER;
	if (t->needs_first_person)
		return LP_VERDICT_NEEDS_FIRST_PERSON_REPORT;
	return LP_VERDICT_NO_VIOLATION;
}

/* Runs every rule under the report's own signals, writing the decision,
 * and keeps each rule's outcome in base[] for the counterfactuals. */
static lp_verdict decide(eval_state *st, tally *base)
{
	const lp_policy *p = st->p;
	tally all = {0, 0, 0, 0};
	size_t i;

	for (i = 0; i < p->rule_count && !st->oom; i++) {
		memset(&base[i], 0, sizeof(base[i]));
		if (p->rules[i].enabled)
			run_rule(st, &base[i], (int)i, st->r->signals);
		all.violation |= base[i].violation;
		all.refer |= base[i].refer;
		all.needs_first_person |= base[i].needs_first_person;
	}
	return verdict_of(&all);
}

/*
 * Finds the signals the report did not state whose presence alone would
 * change the verdict v0. Each rule's outcome under the report's own
 * signals (base, from decide) is kept, so that a counterfactual re-runs
 * only the rules that read the flipped signal; the others cannot change.
 * When those others already give a violation, the highest verdict, no
 * re-run can change it, and none is made. Nor is a rule re-run that no
 * item met the 'where' of, when 'where' does not read the signal.
 */
static int find_missing(eval_state *st, const tally *base, lp_verdict v0,
                        lp_verdict *flipped)
{
	const lp_policy *p = st->p;
	const lp_rdata *r = st->r;
	lp_decision *d = st->out;
	size_t i, k, all[3] = {0, 0, 0};

	/* How many rules gave each outcome: the others of a signal's readers
	 * gave one when more rules did than readers. */
	for (i = 0; i < p->rule_count; i++) {
		all[0] += (size_t)base[i].violation;
		all[1] += (size_t)base[i].refer;
		all[2] += (size_t)base[i].needs_first_person;
	}
	for (k = 0; k < p->signal_count && !st->oom; k++) {
		size_t n = p->reader_at[k + 1] - p->reader_at[k];
		/* readers is NULL when no rule reads a signal. */
		const int *rd = n ? p->readers + p->reader_at[k] : NULL;
		uint64_t bit = 1ull << k;
		size_t left[3] = {all[0], all[1], all[2]};
		tally t;
		lp_verdict v;

		if (r->present & bit)
			continue;
		for (i = 0; i < n; i++) {
			left[0] -= (size_t)base[rd[i]].violation;
			left[1] -= (size_t)base[rd[i]].refer;
			left[2] -= (size_t)base[rd[i]].needs_first_person;
		}
		if (left[0])
			continue; /* v0 is a violation, and stays one */
		t.violation = 0;
		t.refer = left[1] != 0;
		t.needs_first_person = left[2] != 0;
		t.hits = 0;
		for (i = 0; i < n && !t.violation; i++) {
			/* No item met 'where', which does not read the
			 * signal: none will now, and the rule still gives
			 * nothing. */
			if (!base[rd[i]].hits &&
			    !(p->rules[rd[i]].where_reads & bit))
				continue;
			run_rule(st, &t, rd[i], r->signals | bit);
		}
		v = verdict_of(&t);
		if (v == v0)
			continue;
		flipped[d->missing_count] = v;
		if (push_int(st, &d->missing, &d->missing_count, &d->missing_cap,
		             (int)k) != 0)
			break;
	}
	return st->oom ? -1 : 0;
}

/* ---- findings ----------------------------------------------------------------- */

static lp_finding *new_finding(eval_state *st)
{
	lp_finding *f;

	if (lp_grow(&st->findings, &st->finding_cap, st->finding_count + 1,
	            sizeof(*f)) != 0) {
		st->oom = 1;
		return NULL;
	}
	f = &st->findings[st->finding_count++];
	memset(f, 0, sizeof(*f));
	f->detector = f->label = -1;
	return f;
}

/* Byte offset in s of code point cp. */
static size_t byte_of_cp(const char *s, size_t len, size_t cp)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue;
		if (n++ == cp)
			return i;
	}
	return len;
}

static int by_position(const void *a, const void *b)
{
	const lp_finding *x = a, *y = b;

	if (x->source != y->source)
		return (int)x->source - (int)y->source;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->detector - y->detector;
}

static int add_text_finding(void *ctx, size_t detector, uint32_t start,
                            uint32_t end)
{
	eval_state *st = ctx;
	const lp_policy *p = st->p;
	lp_finding *f = new_finding(st);

	if (!f)
		return -1;
	f->source = LP_SOURCE_TEXT;
	f->category = p->detectors[detector].category;
	f->kind = p->categories[f->category].kind;
	f->detector = (int)detector;
	f->start = start;
	f->end = end;
	return 0;
}

static int find_in_text(eval_state *st)
{
	const lp_policy *p = st->p;
	const lp_rdata *r = st->r;
	lp_scan_result res;
	size_t i, text_findings;
	int rc;

	rc = lp_scan(p, &st->sc->scanner, r->text, r->text_len,
	             add_text_finding, st, &res);
	for (i = 0; i < res.capped_count; i++)
		st->capped[st->capped_count++] = res.capped[i];
	if (rc == LP_ELIMIT) {
		st->limit_detector = p->detectors[res.limit_detector].id;
		st->limit_candidates = res.limit_candidates;
		return -1;
	}
	if (rc != 0) {
		st->oom = 1;
		return -1;
	}
	text_findings = st->finding_count;
	if (text_findings > 1)
		qsort(st->findings, text_findings, sizeof(*st->findings),
		      by_position);
	/* The excerpts live in the decision: evidence points to them. */
	st->excerpts = lp_decision_alloc(st->out, text_findings * sizeof(lp_line));
	if (!st->excerpts) {
		st->oom = 1;
		return -1;
	}
	st->excerpt_count = text_findings;
	for (i = 0; i < text_findings; i++) {
		lp_finding *f = &st->findings[i];
		char *masked, *copy;
		size_t len;

		if (st->sc->scanner.text.ascii) { /* code point i is byte i */
			f->byte_start = f->start;
			f->byte_end = f->end;
		} else {
			f->byte_start = byte_of_cp(r->text, r->text_len, f->start);
			f->byte_end = byte_of_cp(r->text, r->text_len, f->end);
		}
		if (lp_mask(&masked, r->text + f->byte_start,
		            f->byte_end - f->byte_start,
		            p->detectors[f->detector].mask) != 0) {
			st->oom = 1;
			return -1;
		}
		len = strlen(masked);
		copy = lp_decision_alloc(st->out, len + 1);
		if (copy)
			memcpy(copy, masked, len + 1);
		lp_free(masked);
		if (!copy) {
			st->oom = 1;
			return -1;
		}
		st->excerpts[i].s = copy;
		st->excerpts[i].len = len;
		st->excerpts[i].plain = lp_json_is_plain(copy, len);
	}
	return 0;
}

static int find_all(eval_state *st)
{
	const lp_policy *p = st->p;
	const lp_rdata *r = st->r;
	size_t i;

	if (r->text && p->detector_count && find_in_text(st) != 0)
		return -1;
	for (i = 0; i < r->label_count; i++) {
		const lp_label *l = &p->labels[r->labels[i]];
		lp_finding *f;

		if (l->category < 0)
			continue;
		if (!(f = new_finding(st)))
			return -1;
		f->source = LP_SOURCE_LABELS;
		f->category = l->category;
		f->kind = p->categories[l->category].kind;
		f->label = r->labels[i];
	}
	return 0;
}

/* The findings, as the first lines of the explanation. */
static void explain_findings(eval_state *st)
{
	const lp_policy *p = st->p;
	const lp_rdata *r = st->r;
	size_t i;

	for (i = 0; i < st->capped_count && begin_line(st); i++) {
		put(st, "Detector ", 9);
		put_id(st, p->detectors[st->capped[i]]);
		put(st, " found more than ", 17);
		put_num(st, LP_MAX_DETECTOR_MATCHES);
		put_lit(st, " matches; the evidence lists the first ");
		put_num(st, LP_MAX_DETECTOR_MATCHES);
		put(st, ".", 1);
		end_line(st);
	}
	for (i = 0; i < st->finding_count && begin_line(st); i++) {
		const lp_finding *f = &st->findings[i];
		const lp_category *category = &p->categories[f->category];

		if (f->source == LP_SOURCE_TEXT) {
			put(st, "Detector ", 9);
			put_id(st, p->detectors[f->detector]);
			put(st, " found ", 7);
			put_id(st, *category);
			put(st, " in the text at ", 16);
			put_num(st, f->start);
			put(st, "-", 1);
			put_num(st, f->end);
			put(st, ": ", 2);
			put_known(st, st->excerpts[i].s, st->excerpts[i].len,
			          st->excerpts[i].plain);
			put(st, ".", 1);
		} else {
			const lp_label *label = &p->labels[f->label];

			put(st, "Label ", 6);
			put_id(st, *label);
			put(st, " was given with the report", 26);
			if (strcmp(label->id, category->id) != 0) {
				put(st, ": ", 2);
				put_id(st, *category);
			}
			put(st, ".", 1);
		}
		end_line(st);
	}
	for (i = 0; i < r->label_count; i++) {
		const lp_label *l = &p->labels[r->labels[i]];

		if (l->category >= 0 || !begin_line(st))
			continue;
		put(st, "Label ", 6);
		put_id(st, *l);
		put_lit(st, " is not private information: ");
		put_str(st, l->note ? l->note : "the policy does not protect it.");
		end_line(st);
	}
}

/* ---- entry points ------------------------------------------------------------------ */

static int set_id(lp_decision *d, const lp_rdata *r)
{
	const char *id;
	char *copy;

	d->id_kind = r->id_kind;
	d->record = r->record;
	if (r->id_kind == LP_ID_STRING) {
		id = r->id;
		d->id_len = r->id_len;
	} else if (r->id_kind == LP_ID_NUMBER) {
		id = r->id_number;
		d->id_len = strlen(r->id_number);
	} else {
		return 0;
	}
	if (!(copy = lp_decision_alloc(d, d->id_len + 1)))
		return -1;
	memcpy(copy, id, d->id_len);
	copy[d->id_len] = '\0';
	d->id = copy;
	return 0;
}

static void enforce(eval_state *st, uint64_t signals)
{
	const lp_policy *p = st->p;
	lp_decision *d = st->d;
	lp_cond_ctx ctx = {st->r, signals, NULL, NULL};
	size_t i, k;

	for (i = 0; i < p->step_count; i++) {
		const lp_step *s = &p->steps[i];
		size_t len = 0;
		char *acts, *o;

		if (!lp_cond_eval(s->when, &ctx))
			continue;
		/* The actions, and their names joined with ", " for the line. */
		for (k = 0; k < s->action_count; k++)
			len += (k ? 2 : 0) + p->actions[s->actions[k]].id_len;
		d->actions = lp_decision_alloc(d, (s->action_count ? s->action_count
		                                                   : 1) *
		                                  sizeof(char *));
		acts = lp_decision_alloc(d, len + 1);
		if (!d->actions || !acts) {
			st->oom = 1;
			return;
		}
		for (k = 0, o = acts; k < s->action_count; k++) {
			const char *id = p->actions[s->actions[k]].id;
			size_t n = p->actions[s->actions[k]].id_len;

			d->actions[k] = id;
			if (k) {
				memcpy(o, ", ", 2);
				o += 2;
			}
			memcpy(o, id, n);
			o += n;
		}
		*o = '\0';
		d->action_count = s->action_count;
		if (s->explain) {
			lp_word values[LP_STEP_PLACEHOLDERS];
			char prefix_text[160];
			sbuf prefix = {prefix_text, 0, sizeof(prefix_text), 0};

			values[LP_STEP_ACTIONS].w = acts;
			values[LP_STEP_ACTIONS].len = len;
			values[LP_STEP_REPORTER].w = lp_roles[st->r->role];
			values[LP_STEP_REPORTER].len = strlen(lp_roles[st->r->role]);
			sb_put(&prefix, "Enforcement ", 12);
			sb_put(&prefix, s->id, s->id_len);
			sb_put(&prefix, ": ", 2);
			render(st, prefix.s, prefix.len, s->explain, values, 0);
		} else if (begin_line(st)) {
			put(st, "Enforcement ", 12);
			put_id(st, *s);
			put(st, ": ", 2);
			put(st, acts, len);
			put(st, ".", 1);
			end_line(st);
		}
		return;
	}
}

/* Hands the findings array back to the scratch, which keeps it. */
static void state_free(eval_state *st)
{
	st->sc->findings = st->findings;
	st->sc->finding_cap = st->finding_cap;
}

void lp_eval_scratch_init(lp_eval_scratch *s)
{
	memset(s, 0, sizeof(*s));
	lp_scanner_init(&s->scanner);
}

void lp_eval_scratch_recycle(lp_eval_scratch *s, lp_decision *d)
{
	if (s->spare)
		lp_decision_free(d);
	else
		s->spare = d;
}

void lp_eval_scratch_free(lp_eval_scratch *s)
{
	lp_decision_free(s->spare);
	lp_scanner_free(&s->scanner);
	lp_free(s->jdoc);
	lp_free(s->findings);
	lp_free(s->items);
	lp_free(s->otherwise);
	memset(s, 0, sizeof(*s));
}

/* Makes room for n items in the scratch's items and otherwise. */
static int reserve_items(lp_eval_scratch *s, size_t n)
{
	size_t *items, *otherwise;

	if (n <= s->item_cap)
		return 0;
	items = lp_realloc(s->items, n * sizeof(size_t));
	if (items)
		s->items = items;
	otherwise = items ? lp_realloc(s->otherwise, n * sizeof(size_t)) : NULL;
	if (!otherwise)
		return -1;
	s->otherwise = otherwise;
	s->item_cap = n;
	return 0;
}

/* The first block of a decision: room for the lines and arrays of most
 * decisions, so that one allocation holds the whole of it. */
#define DECISION_BYTES 2048

static int evaluate(lp_decision **out, const lp_policy *p, const lp_rdata *r,
                    lp_eval_scratch *sc, lp_error *err)
{
	eval_state st;
	lp_decision *d;
	size_t i, scratch;
	lp_verdict flipped[LP_MAX_SIGNALS];
	tally small[16], *base = small;

	memset(&st, 0, sizeof(st));
	st.p = p;
	st.r = r;
	st.sc = sc;
	st.findings = sc->findings;
	st.finding_cap = sc->finding_cap;
	d = st.out = sc->spare ? lp_decision_renew(sc->spare, p, DECISION_BYTES)
	                       : lp_decision_new(p, DECISION_BYTES);
	sc->spare = NULL;
	if (!d || set_id(d, r) != 0 || find_all(&st) != 0)
		goto oom;
	scratch = st.finding_count > r->media_count ? st.finding_count
	                                            : r->media_count;
	if (reserve_items(sc, scratch + 1) != 0)
		goto oom;
	st.items = sc->items;
	st.otherwise = sc->otherwise;

	if (p->rule_count > sizeof(small) / sizeof(small[0]) &&
	    !(base = lp_calloc(p->rule_count, sizeof(*base))))
		goto oom;
	st.d = d;
	explain_findings(&st);
	d->verdict = decide(&st, base);
	if (d->verdict == LP_VERDICT_VIOLATION)
		enforce(&st, r->signals);
	if (d->verdict == LP_VERDICT_NO_VIOLATION && d->exception_count == 0 &&
	    begin_line(&st)) {
		if (p->no_rule_applies)
			put_known(&st, p->no_rule_applies, p->no_rule_applies_len,
			          p->no_rule_applies_plain);
		else
			put_lit(&st, "No rule of the policy applies.");
		end_line(&st);
	}
	if (begin_line(&st)) {
		put(&st, p->verdict_line[d->verdict].w,
		    p->verdict_line[d->verdict].len);
		end_line(&st);
	}
	/* The counterfactuals write nothing but the missing signals. */
	st.d = NULL;
	if (!st.oom && find_missing(&st, base, d->verdict, flipped) != 0)
		goto oom;
	st.d = d;
	for (i = 0; i < d->missing_count && begin_line(&st); i++) {
		const lp_word *line = &p->not_stated[(size_t)d->missing[i] *
		                                     LP_VERDICTS + flipped[i]];

		put(&st, line->w, line->len);
		end_line(&st);
	}
	if (st.oom)
		goto oom;
	if (base != small)
		lp_free(base);
	state_free(&st);
	*out = d;
	return LP_OK;
oom:
	if (base != small)
		lp_free(base);
	state_free(&st);
	lp_decision_free(d);
	if (st.limit_detector && st.limit_candidates)
		return lp_error_set(err, LP_ELIMIT, "content.text",
		                    "content.text: detector %s stopped at %d "
		                    "candidates, none near its context words: the "
		                    "text after them was not scanned",
		                    st.limit_detector, LP_MAX_DETECTOR_MATCHES);
	if (st.limit_detector)
		return lp_error_set(err, LP_ELIMIT, "content.text",
		                    "content.text: the pattern of detector %s needs "
		                    "more than its match limit "
		                    "(LP_MAX_REGEX_MATCH_LIMIT) on this text",
		                    st.limit_detector);
	return lp_error_set(err, LP_ENOMEM, "", "out of memory");
}

int lp_evaluate(lp_decision **out, const lp_policy *p, const lp_report *report,
                lp_error *err)
{
	lp_rdata r;
	lp_eval_scratch sc;
	int rc;

	if (out)
		*out = NULL; /* on every failure, as the header says */
	if (!out || !p || !report)
		return lp_error_set(err, LP_EINVALID, "", "a NULL argument");
	rc = lp_rdata_from_report(&r, p, report, err);
	if (rc != LP_OK)
		return rc;
	lp_eval_scratch_init(&sc);
	rc = evaluate(out, p, &r, &sc, err);
	lp_eval_scratch_free(&sc);
	return rc;
}

int lp_evaluate_json_in(lp_decision **out, const lp_policy *p,
                        lp_eval_scratch *sc, const char *json, size_t len,
                        unsigned long record, const lp_jorigin *at,
                        lp_error *err)
{
	lp_rdata r;
	lp_jdoc doc;
	int rc;

	if (out)
		*out = NULL; /* on every failure, as the header says */
	if (!out || !p || !sc || (!json && len))
		return lp_error_set(err, LP_EINVALID, "", "a NULL argument");
	rc = lp_rdata_from_json_in(&r, &doc, p, json ? json : "", len, record,
	                           &sc->jdoc, &sc->jdoc_cap, at, err);
	if (rc == LP_OK)
		rc = evaluate(out, p, &r, sc, err);
	return rc;
}

int lp_evaluate_json_at(lp_decision **out, const lp_policy *p,
                        const char *json, size_t len, unsigned long record,
                        unsigned long line, unsigned long column,
                        lp_error *err)
{
	lp_eval_scratch sc;
	lp_jorigin at;
	int rc;

	/* lp_evaluate_json_in checks the other arguments. */
	if (line == 0 || column == 0) {
		if (out)
			*out = NULL;
		return lp_error_set(err, LP_EINVALID, "",
		                    "line and column count from 1");
	}
	at.line = line;
	at.column = column;
	lp_eval_scratch_init(&sc);
	rc = lp_evaluate_json_in(out, p, &sc, json, len, record, &at, err);
	lp_eval_scratch_free(&sc);
	return rc;
}

int lp_evaluate_json(lp_decision **out, const lp_policy *p, const char *json,
                     size_t len, unsigned long record, lp_error *err)
{
	return lp_evaluate_json_at(out, p, json, len, record, 1, 1, err);
}
