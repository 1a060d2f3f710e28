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
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "decision.h"
#include "json_doc.h"
#include "mask.h"
#include "pattern.h"
#include "policy_internal.h"
#include "report.h"
#include "scan.h"

typedef struct eval_state {
	const lp_policy *p;
	const lp_rdata *r;
	lp_finding *findings;
	size_t finding_count;
	size_t finding_cap;
	char **excerpts;     /* masked excerpt of each text finding */
	size_t excerpt_count; /* = the text findings, which come first */
	size_t *items;       /* scratch: items of one rule */
	size_t *otherwise;   /* scratch: items that failed 'requires' */
	lp_decision *d;      /* NULL while weighing counterfactuals */
	int oom;
	/* Detectors that reached LP_MAX_DETECTOR_MATCHES: the first matches
	 * stand as evidence and the explanation says there were more. */
	int capped[8];
	size_t capped_count;
	const char *limit_detector; /* a pattern reached its match limit */
} eval_state;

/* ---- decision building ---------------------------------------------------- */

static void explain(eval_state *st, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void explain(eval_state *st, const char *fmt, ...)
{
	lp_decision *d = st->d;
	va_list ap;
	char *line, small[512];
	int n;

	if (!d || st->oom)
		return;
	/* Most lines fit the stack buffer: format once, copy once. */
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		st->oom = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		line = lp_strndup(small, (size_t)n);
	} else if ((line = lp_malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(line, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (!line) {
		st->oom = 1;
		return;
	}
	if (lp_grow(&d->explanation, &d->explanation_cap,
	            d->explanation_count + 1, sizeof(char *)) != 0) {
		lp_free(line);
		st->oom = 1;
		return;
	}
	d->explanation[d->explanation_count++] = line;
}

/* Appends one int to an array that grows one by one (decisions are
 * small). */
static int push_int(eval_state *st, int **arr, size_t *count, int v)
{
	if (lp_grow_one(arr, *count, sizeof(int)) != 0) {
		st->oom = 1;
		return -1;
	}
	(*arr)[(*count)++] = v;
	return 0;
}

static void describe_finding(const eval_state *st, const lp_finding *f,
                             char *out, size_t size)
{
	const lp_policy *p = st->p;

	if (f->source == LP_SOURCE_TEXT)
		snprintf(out, size, "%s at %zu-%zu (%s)", p->detectors[f->detector].id,
		         f->start, f->end, st->excerpts[f - st->findings]);
	else
		snprintf(out, size, "label %s", p->labels[f->label].id);
	/* A long excerpt is cut at a byte: never in the middle of a bullet. */
	lp_utf8_trim(out);
}

/* Fills the {placeholders} of an explanation template from names/values
 * (the loader has checked that the template uses no others) and adds the
 * line, after prefix. */
static void render(eval_state *st, const char *prefix, const char *tmpl,
                   const char *const *names, const char *const *values,
                   size_t n)
{
	lp_buf b = LP_BUF_INIT;
	const char *s = tmpl;
	size_t i;

	lp_buf_puts(&b, prefix);
	while (*s) {
		const char *open = strchr(s, '{'), *close;

		if (!open || !(close = strchr(open, '}'))) {
			lp_buf_puts(&b, s);
			break;
		}
		lp_buf_append(&b, s, (size_t)(open - s));
		for (i = 0; i < n; i++)
			if (strlen(names[i]) == (size_t)(close - open - 1) &&
			    strncmp(open + 1, names[i], (size_t)(close - open - 1)) == 0)
				lp_buf_puts(&b, values[i] ? values[i] : "");
		s = close + 1;
	}
	if (lp_buf_failed(&b))
		st->oom = 1;
	else
		explain(st, "%s", b.s ? b.s : "");
	lp_buf_free(&b);
}

/* The placeholders of rule templates: see rules/README.md. */
static void render_rule(eval_state *st, const char *tmpl, const lp_rule *rule,
                        const char *category, const char *evidence)
{
	static const char *const names[] = {"rule", "title", "category",
	                                    "referral", "evidence", "reporter"};
	const char *values[6];

	values[0] = rule->id;
	values[1] = rule->title ? rule->title : rule->id;
	values[2] = category;
	values[3] = rule->referral >= 0 ? st->p->referrals[rule->referral].id : "";
	values[4] = evidence;
	values[5] = lp_roles[st->r->role];
	render(st, "", tmpl, names, values, 6);
}

static int add_evidence(eval_state *st, lp_violation *v, const lp_finding *f,
                        int media_index)
{
	lp_evidence *e;

	if (lp_grow_one(&v->evidence, v->evidence_count, sizeof(*e)) != 0) {
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
		e->excerpt = lp_strdup(st->excerpts[f - st->findings]);
		if (!e->excerpt) {
			st->oom = 1;
			return -1;
		}
	}
	return 0;
}

static lp_violation *add_violation(eval_state *st, int rule, int category)
{
	lp_decision *d = st->d;
	lp_violation *v;

	if (lp_grow_one(&d->violations, d->violation_count, sizeof(*v))) {
		st->oom = 1;
		return NULL;
	}
	v = &d->violations[d->violation_count++];
	memset(v, 0, sizeof(*v));
	v->rule = rule;
	v->category = category;
	return v;
}

static void note_exception(eval_state *st, int rule, int exception,
                           const char *what)
{
	lp_decision *d = st->d;
	const lp_policy *p = st->p;
	size_t i, len;
	const char *reason;

	for (i = 0; i < d->exception_count; i++)
		if (d->exceptions[i].rule == rule &&
		    d->exceptions[i].exception == exception)
			return;
	if (lp_grow_one(&d->exceptions, d->exception_count,
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
	explain(st, "Rule %s does not apply%s%s: exception %s applies%s%.*s.",
	        p->rules[rule].id, what ? " to " : "", what ? what : "",
	        p->exceptions[exception].id, len ? " - " : "", (int)len,
	        reason ? reason : "");
}

/* ---- rules -------------------------------------------------------------------- */

typedef struct tally {
	int violation;
	int refer;
	int needs_first_person;
} tally;

/* Records what the items of one rule lead to. is_otherwise: the items did
 * not meet 'requires'. */
static void apply_outcome(eval_state *st, tally *t, int ri, lp_outcome o,
                          const size_t *items, size_t n, int is_otherwise)
{
	const lp_policy *p = st->p;
	const lp_rule *rule = &p->rules[ri];
	char evidence[512];
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
	if (!st->d)
		return;
	/* A short description of the evidence, for explanations. */
	evidence[0] = '\0';
	for (i = 0; i < n && strlen(evidence) < sizeof(evidence) - 100; i++) {
		char one[256];

		if (rule->scope == LP_SCOPE_FINDINGS)
			describe_finding(st, &st->findings[items[i]], one, sizeof(one));
		else if (rule->scope == LP_SCOPE_MEDIA)
			snprintf(one, sizeof(one), "media %zu (%s)", items[i] + 1,
			         lp_media_types[st->r->media[items[i]].type]);
		else
			snprintf(one, sizeof(one), "the report");
		snprintf(evidence + strlen(evidence), sizeof(evidence) - strlen(evidence),
		         "%s%s", i ? ", " : "", one);
		lp_utf8_trim(evidence);
	}
	if (is_otherwise) {
		if (rule->otherwise_explain)
			render_rule(st, rule->otherwise_explain, rule, "", evidence);
		else
			explain(st, "Rule %s: %s needs a first-person report; the "
			        "reporter is %s.", rule->id, evidence,
			        lp_roles[st->r->role]);
	}
	if (o == LP_OUTCOME_REFER) {
		size_t k;

		for (k = 0; k < st->d->referral_count; k++)
			if (st->d->referrals[k] == rule->referral)
				break;
		if (k == st->d->referral_count)
			push_int(st, &st->d->referrals, &st->d->referral_count,
			         rule->referral);
	}
	if (o == LP_OUTCOME_VIOLATION) {
		/* One violation per category, in order of first appearance, its
		 * evidence in item order. */
		size_t first = st->d->violation_count, k;

		for (i = 0; i < n && !st->oom; i++) {
			const lp_finding *f = rule->scope == LP_SCOPE_FINDINGS
			                      ? &st->findings[items[i]] : NULL;
			int cat = rule->category == LP_CATEGORY_OF_FINDING
			          ? f->category : rule->category;
			lp_violation *v = NULL;

			for (k = first; k < st->d->violation_count && !v; k++)
				if (st->d->violations[k].category == cat)
					v = &st->d->violations[k];
			if (!v && !(v = add_violation(st, ri, cat)))
				return;
			if (rule->scope != LP_SCOPE_REPORT)
				add_evidence(st, v, f, (int)items[i]);
		}
	}
	if (!is_otherwise) {
		const char *cat = "";
		char cats_text[256] = "";

		if (o == LP_OUTCOME_VIOLATION) {
			size_t k;

			for (k = 0; k < st->d->violation_count; k++) {
				const lp_violation *v = &st->d->violations[k];

				if (v->rule != ri)
					continue;
				snprintf(cats_text + strlen(cats_text),
				         sizeof(cats_text) - strlen(cats_text), "%s%s",
				         *cats_text ? ", " : "", p->categories[v->category].id);
			}
			cat = cats_text;
		}
		if (rule->explain)
			render_rule(st, rule->explain, rule, cat, evidence);
		else
			explain(st, "Rule %s fires on %s.", rule->id, evidence);
	}
}

static int excepted(eval_state *st, int ri, const lp_cond_ctx *ctx,
                    const char *what)
{
	const lp_rule *rule = &st->p->rules[ri];
	size_t k;
	int any = 0;

	for (k = 0; k < rule->unless_count; k++) {
		const lp_exception *x = &st->p->exceptions[rule->unless[k]];

		if (!lp_cond_eval(x->when, ctx))
			continue;
		any = 1;
		if (!st->d)
			return 1; /* one is enough to decide */
		note_exception(st, ri, rule->unless[k], what);
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
		char what[256];

		ctx.finding = rule->scope == LP_SCOPE_FINDINGS ? &st->findings[i]
		                                               : NULL;
		ctx.media = rule->scope == LP_SCOPE_MEDIA ? &st->r->media[i] : NULL;
		if (!lp_cond_eval(rule->where, &ctx))
			continue;
		what[0] = '\0';
		if (st->d && ctx.finding)
			describe_finding(st, ctx.finding, what, sizeof(what));
		else if (st->d && ctx.media)
			snprintf(what, sizeof(what), "media %zu (%s)", i + 1,
			         lp_media_types[ctx.media->type]);
		if (excepted(st, ri, &ctx, what[0] ? what : NULL))
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

static lp_verdict decide(eval_state *st, uint64_t signals)
{
	tally t = {0, 0, 0};
	size_t i;

	for (i = 0; i < st->p->rule_count && !st->oom; i++)
		if (st->p->rules[i].enabled)
			run_rule(st, &t, (int)i, signals);
	return verdict_of(&t);
}

/*
 * Finds the signals the report did not state whose presence alone would
 * change the verdict. Each rule's outcome under the report's own signals
 * is kept, so that a counterfactual re-runs only the rules that read the
 * flipped signal; the others cannot change.
 */
static int find_missing(eval_state *st, lp_decision *d, lp_verdict *flipped)
{
	const lp_policy *p = st->p;
	const lp_rdata *r = st->r;
	tally small[16], *base = small, all = {0, 0, 0};
	lp_verdict v0;
	size_t i, k;

	if (p->rule_count > 16 &&
	    !(base = lp_calloc(p->rule_count, sizeof(*base))))
		return -1;
	for (i = 0; i < p->rule_count; i++) {
		memset(&base[i], 0, sizeof(base[i]));
		if (p->rules[i].enabled)
			run_rule(st, &base[i], (int)i, r->signals);
		all.violation |= base[i].violation;
		all.refer |= base[i].refer;
		all.needs_first_person |= base[i].needs_first_person;
	}
	v0 = verdict_of(&all);
	for (k = 0; k < p->signal_count && !st->oom; k++) {
		uint64_t bit = 1ull << k;
		tally t = {0, 0, 0};
		lp_verdict v;

		if (r->present & bit)
			continue;
		for (i = 0; i < p->rule_count; i++) {
			const tally *one = &base[i];
			tally again = {0, 0, 0};

			if (p->rules[i].enabled && (p->rules[i].reads & bit)) {
				run_rule(st, &again, (int)i, r->signals | bit);
				one = &again;
			}
			t.violation |= one->violation;
			t.refer |= one->refer;
			t.needs_first_person |= one->needs_first_person;
		}
		v = verdict_of(&t);
		if (v == v0)
			continue;
		flipped[d->missing_count] = v;
		if (push_int(st, &d->missing, &d->missing_count, (int)k) != 0)
			break;
	}
	if (base != small)
		lp_free(base);
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
	lp_scanner own;
	lp_scan_result res;
	size_t i, text_findings;
	int rc;

	lp_scanner_init(&own);
	rc = lp_scan(p, &own, r->text, r->text_len, add_text_finding, st, &res);
	lp_scanner_free(&own);
	for (i = 0; i < res.capped_count; i++)
		st->capped[st->capped_count++] = res.capped[i];
	if (rc == LP_ELIMIT) { /* a pattern that backtracks without end */
		st->limit_detector = p->detectors[res.limit_detector].id;
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
	st->excerpts = lp_calloc(text_findings, sizeof(char *));
	if (!st->excerpts) {
		st->oom = 1;
		return -1;
	}
	st->excerpt_count = text_findings;
	for (i = 0; i < text_findings; i++) {
		lp_finding *f = &st->findings[i];

		f->byte_start = byte_of_cp(r->text, r->text_len, f->start);
		f->byte_end = byte_of_cp(r->text, r->text_len, f->end);
		if (lp_mask(&st->excerpts[i], r->text + f->byte_start,
		            f->byte_end - f->byte_start,
		            p->detectors[f->detector].mask) != 0) {
			st->oom = 1;
			return -1;
		}
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

	for (i = 0; i < st->capped_count; i++)
		explain(st, "Detector %s found more than %d matches; the evidence "
		        "lists the first %d.", p->detectors[st->capped[i]].id,
		        LP_MAX_DETECTOR_MATCHES, LP_MAX_DETECTOR_MATCHES);
	for (i = 0; i < st->finding_count; i++) {
		const lp_finding *f = &st->findings[i];

		if (f->source == LP_SOURCE_TEXT)
			explain(st, "Detector %s found %s in the text at %zu-%zu: %s.",
			        p->detectors[f->detector].id, p->categories[f->category].id,
			        f->start, f->end, st->excerpts[i]);
		else if (strcmp(p->labels[f->label].id,
		                p->categories[f->category].id) == 0)
			explain(st, "Label %s was given with the report.",
			        p->labels[f->label].id);
		else
			explain(st, "Label %s was given with the report: %s.",
			        p->labels[f->label].id, p->categories[f->category].id);
	}
	for (i = 0; i < r->label_count; i++) {
		const lp_label *l = &p->labels[r->labels[i]];

		if (l->category < 0)
			explain(st, "Label %s is not private information: %s", l->id,
			        l->note ? l->note : "the policy does not protect it.");
	}
}

/* ---- entry points ------------------------------------------------------------------ */

static int set_id(lp_decision *d, const lp_rdata *r)
{
	d->id_kind = r->id_kind;
	d->record = r->record;
	if (r->id_kind == LP_ID_STRING)
		d->id = lp_strndup(r->id, r->id_len);
	else if (r->id_kind == LP_ID_NUMBER)
		d->id = lp_strdup(r->id_number);
	else
		return 0;
	return d->id ? 0 : -1;
}

static void enforce(eval_state *st, uint64_t signals)
{
	const lp_policy *p = st->p;
	lp_cond_ctx ctx = {st->r, signals, NULL, NULL};
	size_t i, k;

	for (i = 0; i < p->step_count; i++) {
		const lp_step *s = &p->steps[i];
		lp_buf acts = LP_BUF_INIT;

		if (!lp_cond_eval(s->when, &ctx))
			continue;
		st->d->actions = lp_calloc(s->action_count, sizeof(char *));
		if (!st->d->actions) {
			st->oom = 1;
			return;
		}
		for (k = 0; k < s->action_count; k++) {
			st->d->actions[k] = p->actions[s->actions[k]].id;
			lp_buf_printf(&acts, "%s%s", k ? ", " : "",
			              p->actions[s->actions[k]].id);
		}
		st->d->action_count = s->action_count;
		if (s->explain) {
			static const char *const names[] = {"actions", "reporter"};
			const char *values[2];
			char prefix[160];

			values[0] = acts.s ? acts.s : "";
			values[1] = lp_roles[st->r->role];
			snprintf(prefix, sizeof(prefix), "Enforcement %s: ", s->id);
			render(st, prefix, s->explain, names, values, 2);
		} else {
			explain(st, "Enforcement %s: %s.", s->id, acts.s ? acts.s : "");
		}
		if (lp_buf_failed(&acts))
			st->oom = 1;
		lp_buf_free(&acts);
		return;
	}
}

static void state_free(eval_state *st)
{
	size_t i;

	for (i = 0; i < st->excerpt_count; i++)
		lp_free(st->excerpts[i]);
	lp_free(st->excerpts);
	lp_free(st->findings);
	lp_free(st->items);
	lp_free(st->otherwise);
}

static int evaluate(lp_decision **out, const lp_policy *p, const lp_rdata *r,
                    lp_error *err)
{
	eval_state st;
	lp_decision *d;
	size_t i, scratch;
	lp_verdict flipped[LP_MAX_SIGNALS];

	memset(&st, 0, sizeof(st));
	st.p = p;
	st.r = r;
	d = lp_calloc(1, sizeof(*d));
	if (!d || set_id(d, r) != 0 || find_all(&st) != 0)
		goto oom;
	d->policy = p;
	scratch = st.finding_count > r->media_count ? st.finding_count
	                                            : r->media_count;
	st.items = lp_calloc(scratch + 1, sizeof(size_t));
	st.otherwise = lp_calloc(scratch + 1, sizeof(size_t));
	if (!st.items || !st.otherwise)
		goto oom;

	/* Counterfactuals first, while no decision is being written. */
	if (find_missing(&st, d, flipped) != 0)
		goto oom;
	st.d = d;
	explain_findings(&st);
	d->verdict = decide(&st, r->signals);
	if (d->verdict == LP_VERDICT_VIOLATION)
		enforce(&st, r->signals);
	if (d->verdict == LP_VERDICT_NO_VIOLATION && d->exception_count == 0)
		explain(&st, "%s", p->no_rule_applies ? p->no_rule_applies
		                                      : "No rule of the policy applies.");
	explain(&st, "Verdict: %s.", lp_verdict_name(d->verdict));
	for (i = 0; i < d->missing_count; i++)
		explain(&st, "Not stated: %s; if true, the verdict would be %s.",
		        p->signals[d->missing[i]].id, lp_verdict_name(flipped[i]));
	if (st.oom)
		goto oom;
	state_free(&st);
	*out = d;
	return LP_OK;
oom:
	state_free(&st);
	lp_decision_free(d);
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
	int rc;

	if (!out || !p || !report)
		return lp_error_set(err, LP_EINVALID, "", "a NULL argument");
	*out = NULL;
	rc = lp_rdata_from_report(&r, p, report, err);
	if (rc != LP_OK)
		return rc;
	return evaluate(out, p, &r, err);
}

int lp_evaluate_json(lp_decision **out, const lp_policy *p, const char *json,
                     size_t len, unsigned long record, lp_error *err)
{
	lp_rdata r;
	lp_jdoc doc;
	int rc;

	if (!out || !p || (!json && len))
		return lp_error_set(err, LP_EINVALID, "", "a NULL argument");
	*out = NULL;
	rc = lp_rdata_from_json(&r, &doc, p, json ? json : "", len, record, err);
	if (rc == LP_OK)
		rc = evaluate(out, p, &r, err);
	lp_jdoc_free(&doc);
	return rc;
}
