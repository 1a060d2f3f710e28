/*
 * decision.c - reading a decision and writing it as JSON (SPEC §4).
 *
 * The JSON is written directly into a buffer rather than built as a cJSON
 * tree: a batch prints millions of decisions, and the writer's fixed key
 * order is what makes the output byte-identical run after run.
 */
#include "decision.h"

#include <string.h>

#include "alloc.h"
#include "buf.h"

#define ROUND(n) (((n) + LP_DALIGN - 1) & ~(size_t)(LP_DALIGN - 1))

/* Blocks after the first: big enough for a long explanation line. */
#define BLOCK_BYTES 4096

/* Releases the blocks after the first. */
static void free_blocks(lp_decision *d)
{
	lp_dblock *b, *next;

	for (b = d->blocks; b; b = next) {
		next = b->next;
		lp_free(b);
	}
}

/* An empty decision in d's own memory, its first block of first bytes. */
static lp_decision *init(lp_decision *d, const lp_policy *p, size_t first)
{
	memset(d, 0, sizeof(*d));
	d->policy = p;
	d->free_at = (char *)d + ROUND(sizeof(*d));
	d->free_left = first;
	return d;
}

lp_decision *lp_decision_new(const lp_policy *p, size_t first)
{
	lp_decision *d = lp_malloc(ROUND(sizeof(*d)) + first);

	return d ? init(d, p, first) : NULL;
}

lp_decision *lp_decision_renew(lp_decision *d, const lp_policy *p,
                               size_t first)
{
	free_blocks(d);
	return init(d, p, first);
}

int lp_decision_reserve(lp_decision *d, size_t size)
{
	size_t head = ROUND(sizeof(lp_dblock)), bytes = BLOCK_BYTES;
	lp_dblock *b;

	if (size <= d->free_left)
		return 0;
	if (size > (size_t)-1 / 2 - head)
		return -1;
	while (bytes < size)
		bytes *= 2;
	b = lp_malloc(head + bytes);
	if (!b)
		return -1;
	b->next = d->blocks;
	d->blocks = b;
	d->free_at = (char *)b + head;
	d->free_left = bytes;
	return 0;
}

int lp_decision_grow(lp_decision *d, void *arr, size_t *cap, size_t need,
                     size_t size)
{
	void **p = arr;
	size_t n = *cap ? *cap : 4;
	void *v;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	if (n > ((size_t)-1 / 2) / size || !(v = lp_decision_alloc(d, n * size)))
		return -1;
	if (*cap)
		memcpy(v, *p, *cap * size);
	*p = v;
	*cap = n;
	return 0;
}

void lp_decision_free(lp_decision *d)
{
	if (!d)
		return;
	free_blocks(d);
	lp_free(d);
}

const char *lp_verdict_name(lp_verdict v)
{
	switch (v) {
	case LP_VERDICT_VIOLATION: return "violation";
	case LP_VERDICT_REFER: return "refer";
	case LP_VERDICT_NEEDS_FIRST_PERSON_REPORT: return "needs_first_person_report";
	default: return "no_violation";
	}
}

lp_verdict lp_decision_verdict(const lp_decision *d) { return d->verdict; }
size_t lp_decision_action_count(const lp_decision *d) { return d->action_count; }

const char *lp_decision_action(const lp_decision *d, size_t i)
{
	return i < d->action_count ? d->actions[i] : NULL;
}

size_t lp_decision_violation_count(const lp_decision *d)
{
	return d->violation_count;
}

const char *lp_decision_violation_category(const lp_decision *d, size_t i)
{
	return i < d->violation_count
	       ? d->policy->categories[d->violations[i].category].id : NULL;
}

const char *lp_decision_violation_rule(const lp_decision *d, size_t i)
{
	return i < d->violation_count ? d->policy->rules[d->violations[i].rule].id
	                              : NULL;
}

size_t lp_decision_evidence_count(const lp_decision *d, size_t violation)
{
	return violation < d->violation_count
	       ? d->violations[violation].evidence_count : 0;
}

int lp_decision_evidence(const lp_decision *d, size_t violation, size_t i,
                         lp_evidence_info *out)
{
	const lp_evidence *e;
	const lp_policy *p = d->policy;

	if (!out || violation >= d->violation_count ||
	    i >= d->violations[violation].evidence_count)
		return LP_EINVALID;
	e = &d->violations[violation].evidence[i];
	memset(out, 0, sizeof(*out));
	out->source = lp_sources[e->source];
	out->media_index = -1;
	if (e->source == LP_SOURCE_TEXT) {
		out->detector = p->detectors[e->detector].id;
		out->start = e->start;
		out->end = e->end;
		out->excerpt = e->excerpt;
	} else if (e->source == LP_SOURCE_LABELS) {
		out->label = p->labels[e->label].id;
	} else {
		out->media_index = e->media_index;
		out->media_type = lp_media_types[e->media_type];
	}
	return LP_OK;
}

size_t lp_decision_exception_count(const lp_decision *d)
{
	return d->exception_count;
}

const char *lp_decision_exception_rule(const lp_decision *d, size_t i)
{
	return i < d->exception_count ? d->policy->rules[d->exceptions[i].rule].id
	                              : NULL;
}

const char *lp_decision_exception_reason(const lp_decision *d, size_t i)
{
	return i < d->exception_count
	       ? d->policy->exceptions[d->exceptions[i].exception].id : NULL;
}

size_t lp_decision_referral_count(const lp_decision *d)
{
	return d->referral_count;
}

const char *lp_decision_referral(const lp_decision *d, size_t i)
{
	return i < d->referral_count ? d->policy->referrals[d->referrals[i]].id
	                             : NULL;
}

size_t lp_decision_missing_signal_count(const lp_decision *d)
{
	return d->missing_count;
}

const char *lp_decision_missing_signal(const lp_decision *d, size_t i)
{
	return i < d->missing_count ? d->policy->signals[d->missing[i]].id : NULL;
}

size_t lp_decision_explanation_count(const lp_decision *d)
{
	return d->explanation_count;
}

const char *lp_decision_explanation(const lp_decision *d, size_t i)
{
	return i < d->explanation_count ? d->explanation[i].s : NULL;
}

/* ---- JSON writer ------------------------------------------------------------ */

typedef struct jw {
	lp_buf *b;
	int pretty;
	int depth;
	int first;  /* no member written yet at this level */
} jw;

/* A byte of the decision's JSON. The buffer's NUL is written once, when
 * the decision is done (end()): a decision has some hundred of these. */
static inline void jw_putc(jw *w, char c)
{
	if (lp_buf_reserve(w->b, 1) == 0)
		w->b->s[w->b->len++] = c;
}

/* Ends the buffer's text: lp_buf_reserve always leaves room for it. */
static void end(jw *w)
{
	if (!lp_buf_failed(w->b) && w->b->s)
		w->b->s[w->b->len] = '\0';
}

static void newline(jw *w)
{
	int i;

	if (!w->pretty)
		return;
	jw_putc(w, '\n');
	for (i = 0; i < w->depth; i++)
		lp_buf_append(w->b, "  ", 2);
}

/* Starts a member or element: separator and indentation. */
static void item(jw *w)
{
	if (!w->first)
		jw_putc(w, ',');
	w->first = 0;
	newline(w);
}

/* Member names are literals of this file: nothing to escape, and their
 * length known. key() takes the literal and passes it quoted, with its
 * colon, so that a member name is one copy of a constant size (key_n is
 * inlined for that: a decision has some thirty names). */
static inline __attribute__((always_inline)) void key_n(jw *w, const char *k,
                                                        size_t len)
{
	if (!w->first)
		jw_putc(w, ',');
	w->first = 0;
	if (w->pretty)
		newline(w);
	if (lp_buf_reserve(w->b, len + 1) != 0)
		return;
	/* Room is there: '"name":' and, pretty, a space. */
	memcpy(w->b->s + w->b->len, k, len);
	w->b->len += len;
	if (w->pretty)
		w->b->s[w->b->len++] = ' ';
}

#define key(w, k) key_n((w), "\"" k "\":", sizeof(k) + 2)

static void open(jw *w, char c)
{
	jw_putc(w, c);
	w->depth++;
	w->first = 1;
}

static void close_(jw *w, char c)
{
	w->depth--;
	if (!w->first)
		newline(w);
	w->first = 0;
	jw_putc(w, c);
}

static void str(jw *w, const char *s)
{
	lp_buf_json_string(w->b, s, strlen(s));
}

/* A string with nothing to escape: a policy id or a word of the fixed
 * vocabularies (the loader allows only letters, digits, '_', '-' and
 * '.'), or an excerpt or explanation line the evaluator found plain. */
static void ident_n(jw *w, const char *s, size_t len)
{
	if (lp_buf_reserve(w->b, len + 2) != 0)
		return;
	w->b->s[w->b->len++] = '"';
	memcpy(w->b->s + w->b->len, s, len);
	w->b->len += len;
	w->b->s[w->b->len++] = '"';
}

static void ident(jw *w, const char *s)
{
	ident_n(w, s, strlen(s));
}

#define key_ident(w, k, v) (key((w), k), ident((w), (v)))
/* The same for a policy id (an lp_named or the like), whose length the
 * compiler measured. */
#define key_id(w, k, named) (key((w), k), ident_n((w), (named).id, \
                                                  (named).id_len))

#define key_num(w, k, v) key_num_n((w), "\"" k "\":", sizeof(k) + 2, (v))

static void key_num_n(jw *w, const char *k, size_t klen, size_t v)
{
	char digits[24];
	size_t n = sizeof(digits);

	key_n(w, k, klen);
	do
		digits[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	lp_buf_append(w->b, digits + n, sizeof(digits) - n);
}

/* An array of strings, on one line even when pretty. */
#define string_array(w, k, v, n, idx, names) \
	string_array_n((w), "\"" k "\":", sizeof(k) + 2, (v), (n), (idx), \
	               (names))

static void string_array_n(jw *w, const char *k, size_t klen,
                           const char *const *v, size_t n, const int *idx,
                           const lp_named *names)
{
	size_t i;

	key_n(w, k, klen);
	jw_putc(w, '[');
	for (i = 0; i < n; i++) {
		if (i)
			lp_buf_append(w->b, w->pretty ? ", " : ",", w->pretty ? 2 : 1);
		if (idx)
			ident_n(w, names[idx[i]].id, names[idx[i]].id_len);
		else
			ident(w, v[i]);
	}
	jw_putc(w, ']');
}

static void write_evidence(jw *w, const lp_policy *p, const lp_evidence *e)
{
	item(w);
	open(w, '{');
	key_ident(w, "source", lp_sources[e->source]);
	if (e->source == LP_SOURCE_TEXT) {
		key_id(w, "detector", p->detectors[e->detector]);
		key_num(w, "start", e->start);
		key_num(w, "end", e->end);
		key(w, "excerpt");
		if (e->excerpt_plain)
			ident_n(w, e->excerpt, e->excerpt_len);
		else
			lp_buf_json_string(w->b, e->excerpt, e->excerpt_len);
	} else if (e->source == LP_SOURCE_LABELS) {
		key_id(w, "label", p->labels[e->label]);
	} else {
		key_num(w, "index", (size_t)e->media_index);
		key_ident(w, "type", lp_media_types[e->media_type]);
	}
	close_(w, '}');
}

void lp_decision_append_json(lp_buf *b, const lp_decision *d, unsigned flags)
{
	const lp_policy *p = d->policy;
	jw w = {b, (flags & LP_JSON_PRETTY) != 0, 0, 1};
	size_t i, k;

	open(&w, '{');
	key(&w, "id");
	if (d->id_kind == LP_ID_STRING)
		lp_buf_json_string(b, d->id, d->id_len);
	else if (d->id_kind == LP_ID_NUMBER)
		lp_buf_append(b, d->id, d->id_len);
	else
		lp_buf_printf(b, "%lu", d->record);
	key_ident(&w, "verdict", lp_verdict_name(d->verdict));
	string_array(&w, "actions", d->actions, d->action_count, NULL, NULL);

	key(&w, "violations");
	open(&w, '[');
	for (i = 0; i < d->violation_count; i++) {
		const lp_violation *v = &d->violations[i];

		item(&w);
		open(&w, '{');
		key_id(&w, "category", p->categories[v->category]);
		key_id(&w, "rule", p->rules[v->rule]);
		key(&w, "evidence");
		open(&w, '[');
		for (k = 0; k < v->evidence_count; k++)
			write_evidence(&w, p, &v->evidence[k]);
		close_(&w, ']');
		close_(&w, '}');
	}
	close_(&w, ']');

	key(&w, "exceptions");
	open(&w, '[');
	for (i = 0; i < d->exception_count; i++) {
		item(&w);
		open(&w, '{');
		key_id(&w, "rule", p->rules[d->exceptions[i].rule]);
		key_id(&w, "reason", p->exceptions[d->exceptions[i].exception]);
		close_(&w, '}');
	}
	close_(&w, ']');

	string_array(&w, "referrals", NULL, d->referral_count, d->referrals,
	             p->referrals);
	string_array(&w, "missing_signals", NULL, d->missing_count, d->missing,
	             p->signals);

	key(&w, "explanation");
	open(&w, '[');
	for (i = 0; i < d->explanation_count; i++) {
		item(&w);
		if (d->explanation[i].plain)
			ident_n(&w, d->explanation[i].s, d->explanation[i].len);
		else
			lp_buf_json_string(b, d->explanation[i].s,
			                   d->explanation[i].len);
	}
	close_(&w, ']');

	if (!w.pretty && p->json_tail) {
		lp_buf_append(b, p->json_tail, p->json_tail_len);
		end(&w);
		return;
	}
	key(&w, "policy");
	open(&w, '{');
	key(&w, "name");
	str(&w, p->name);
	key(&w, "version");
	str(&w, p->version);
	key_ident(&w, "revision", p->revision);
	close_(&w, '}');
	close_(&w, '}');
	end(&w);
}

int lp_decision_to_json(char **out, size_t *out_len, const lp_decision *d,
                        unsigned flags)
{
	lp_buf b = LP_BUF_INIT;

	if (!out || !d)
		return LP_EINVALID;
	*out = NULL;
	lp_decision_append_json(&b, d, flags);
	if (lp_buf_failed(&b)) {
		lp_buf_free(&b);
		return LP_ENOMEM;
	}
	*out = lp_buf_detach(&b, out_len);
	return *out ? LP_OK : LP_ENOMEM;
}
