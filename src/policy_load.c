/*
 * policy_load.c - the policy language's schema: which sections and keys
 * exist, what type each holds, what each name must refer to, and the
 * warnings for rules that can never fire.
 *
 * Every message says where (the node's file:line:column) and what to do;
 * checking goes on after an error so that one run shows every problem.
 */
#include "policy_load.h"

#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "idmap.h"
#include "ascii.h"
#include "buf.h"
#include "cond.h"
#include "keyword.h"
#include "pattern.h"
#include "policy_internal.h"

/* Ids already used in one namespace, with where they were defined. */
typedef struct idset {
	const lp_ynode **at; /* where each id was first defined (NULL: it is
	                        a category) */
	size_t n, cap;
	lp_idmap index;      /* id -> its position in at */
} idset;

/* The ids of a table that references are resolved against (categories,
 * exceptions...), indexed as far as count: the table only grows while a
 * policy is read, and its ids outlive the loader. */
typedef struct table_index {
	size_t count;
	lp_idmap map;
} table_index;

#define OVER_LIMIT_KINDS 16

typedef struct loader {
	lp_policy *p;
	lp_diag_sink *sink;
	const lp_ynode *const *roots;
	const char *const *names;
	size_t root_count;
	int oom;
	/* The YAML entry each compiled item came from, for messages. */
	const lp_ynode **rule_src;
	const lp_ynode **step_src;
	const lp_ynode **exception_src;
	size_t rule_src_cap, step_src_cap, exception_src_cap;
	idset ids; /* ids of the section being read */
	/* The tables that references are resolved against. */
	table_index category_index, referral_index, action_index;
	table_index exception_index;
	/* The counts of the kinds of entries found over the limit. */
	const size_t *over_limit[OVER_LIMIT_KINDS];
	size_t over_limit_count;
} loader;

static const char *const top_keys[] = {
	"policy", "signals", "categories", "labels", "detectors", "lists",
	"referrals", "actions", "exceptions", "rules", "enforcement", NULL
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]) - 1)

static void err(loader *L, const char *code, const lp_ynode *at,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void err(loader *L, const char *code, const lp_ynode *at,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_vdiag(L->sink, LP_DIAG_ERROR, code, at ? &at->mark : NULL, fmt, ap);
	va_end(ap);
}

static const char *kind_name(const lp_ynode *n)
{
	if (n->kind == LP_YMAPPING)
		return "a mapping";
	if (n->kind == LP_YSEQUENCE)
		return "a list";
	return "text";
}

static char *dup(loader *L, const char *s)
{
	char *d;

	if (!s)
		return NULL;
	d = lp_strdup(s);
	if (!d)
		L->oom = 1;
	return d;
}

/* Reports every key of m that is not in allowed, with a suggestion. */
static void check_keys(loader *L, const lp_ynode *m, const char *const *allowed,
                       size_t allowed_count, const char *what)
{
	size_t i, j;

	for (i = 0; i < LP_YMAP_COUNT(m); i++) {
		const lp_ynode *k = LP_YMAP_KEY(m, i);
		const char *guess;
		char hint[160];

		if (k->kind != LP_YSCALAR)
			continue;
		for (j = 0; j < allowed_count; j++)
			if (strcmp(k->value, allowed[j]) == 0)
				break;
		if (j < allowed_count)
			continue;
		guess = lp_did_you_mean(k->value, allowed, allowed_count);
		if (guess) {
			snprintf(hint, sizeof(hint), " (did you mean '%s'?)", guess);
		} else {
			size_t off = 0;

			off += (size_t)snprintf(hint, sizeof(hint), "; %s takes:", what);
			for (j = 0; j < allowed_count && off < sizeof(hint); j++)
				off += (size_t)snprintf(hint + off, sizeof(hint) - off,
				                        "%s %s", j ? "," : "", allowed[j]);
		}
		err(L, "unknown-key", k, "unknown key '%s'%s", k->value, hint);
	}
}

/* The text of key in m; NULL (reported when required) if absent or not
 * text. */
static const char *get_text(loader *L, const lp_ynode *m, const char *key,
                            int required, const char *what)
{
	const lp_ynode *v = lp_ymap_get(m, key);
	char msg[160];

	if (!v) {
		if (required) {
			snprintf(msg, sizeof(msg), "%s needs '%s'", what, key);
			err(L, "missing-key", m, "%s%s", msg, "");
		}
		return NULL;
	}
	if (v->kind != LP_YSCALAR || lp_yscalar_is_null(v)) {
		snprintf(msg, sizeof(msg), "'%s' of %s must be text, not ", key, what);
		err(L, "wrong-type", v, "%s%s", msg,
		    v->kind == LP_YSCALAR ? "empty" : kind_name(v));
		return NULL;
	}
	return v->value;
}

/* A list of text items under key; returns the node or NULL. */
static const lp_ynode *get_text_list(loader *L, const lp_ynode *m,
                                     const char *key, int required,
                                     const char *what)
{
	const lp_ynode *v = lp_ymap_get(m, key);
	size_t i;
	char msg[160];

	if (!v) {
		if (required) {
			snprintf(msg, sizeof(msg), "%s needs '%s'", what, key);
			err(L, "missing-key", m, "%s%s", msg, "");
		}
		return NULL;
	}
	if (v->kind != LP_YSEQUENCE) {
		snprintf(msg, sizeof(msg), "'%s' of %s must be a list", key, what);
		err(L, "wrong-type", v, "%s, not %s", msg, kind_name(v));
		return NULL;
	}
	for (i = 0; i < v->n; i++) {
		if (v->kids[i]->kind != LP_YSCALAR || lp_yscalar_is_null(v->kids[i])) {
			err(L, "wrong-type", v->kids[i],
			    "items of '%s' must be text, not %s", key,
			    kind_name(v->kids[i]));
			return NULL;
		}
	}
	return v;
}

/* Identifiers: letters, digits, '_', '-' and '.', starting with a letter. */
static int valid_id(const char *s)
{
	if (!lp_is_alpha((unsigned char)*s))
		return 0;
	for (; *s; s++)
		if (!lp_is_alnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return 0;
	return 1;
}

/*
 * Visits every entry of section name in every file: fn is called with each
 * entry (a mapping with a valid id) in file order.
 */
typedef void (*entry_fn)(loader *L, const lp_ynode *entry, const char *id);

static void each_entry(loader *L, const char *section, const char *what,
                       entry_fn fn)
{
	size_t f, i;

	for (f = 0; f < L->root_count; f++) {
		const lp_ynode *list = lp_ymap_get(L->roots[f], section);

		if (!list || lp_yscalar_is_null(list))
			continue;
		if (list->kind != LP_YSEQUENCE) {
			err(L, "wrong-type", list,
			    "'%s' must be a list of entries, not %s", section,
			    kind_name(list));
			continue;
		}
		for (i = 0; i < list->n && !L->oom; i++) {
			const lp_ynode *e = list->kids[i];
			const char *id;

			if (e->kind != LP_YMAPPING) {
				err(L, "wrong-type", e,
				    "each entry of '%s' must be a mapping with an id, "
				    "not %s", section, kind_name(e));
				continue;
			}
			id = get_text(L, e, "id", 1, what);
			if (!id)
				continue;
			if (!valid_id(id)) {
				err(L, "invalid-value", lp_ymap_get(e, "id"),
				    "'%s' is not a valid id: use letters, digits, '_', "
				    "'-' and '.', starting with a letter%s", id, "");
				continue;
			}
			fn(L, e, id);
		}
	}
}

/* Grows a policy array by one zeroed element; NULL when out of memory or
 * over the item limit. */
static void *push(loader *L, void *arr, size_t *count, size_t size,
                  const lp_ynode *at)
{
	void **a = arr;
	char *base;

	if (*count >= LP_MAX_POLICY_ITEMS) {
		size_t i;

		/* Once per kind: the entries after the first one over are
		 * over too, and would bury every other message. */
		for (i = 0; i < L->over_limit_count; i++)
			if (L->over_limit[i] == count)
				return NULL;
		if (L->over_limit_count < OVER_LIMIT_KINDS)
			L->over_limit[L->over_limit_count++] = count;
		err(L, "limit", at, "more than %d entries of one kind (the "
		    "entries from here on are not read)", LP_MAX_POLICY_ITEMS);
		return NULL;
	}
	if (lp_grow_one(a, *count, size) != 0) {
		L->oom = 1;
		return NULL;
	}
	base = *a;
	memset(base + *count * size, 0, size);
	return base + (*count)++ * size;
}

/* Records id, first defined at at (NULL: it is a category). Returns 0,
 * or -1 when memory runs out. */
static int idset_add(loader *L, idset *s, const char *id, const lp_ynode *at)
{
	if (lp_grow(&s->at, &s->cap, s->n + 1, sizeof(*s->at)) != 0 ||
	    lp_idmap_put(&s->index, id, (int)s->n) == -2) {
		L->oom = 1;
		return -1;
	}
	s->at[s->n++] = at;
	return 0;
}

/* Returns 0 if id is new (and records it), -1 if it was already defined. */
static int claim_id(loader *L, idset *s, const char *id, const lp_ynode *e,
                    const char *what)
{
	int i = lp_idmap_get(&s->index, id);

	if (i >= 0) {
		const lp_ynode *first = s->at[i];
		char where[300];

		if (first)
			snprintf(where, sizeof(where), "first defined at %s:%u:%u",
			         first->mark.file, first->mark.line,
			         first->mark.column);
		else
			snprintf(where, sizeof(where), "it is a category");
		lp_diag(L->sink, LP_DIAG_ERROR, "duplicate-id",
		        &lp_ymap_get(e, "id")->mark,
		        "duplicate %s id '%s' (%s)", what, id, where);
		return -1;
	}
	return idset_add(L, s, id, lp_ymap_get(e, "id"));
}

static void idset_free(idset *s)
{
	lp_free(s->at);
	lp_idmap_free(&s->index);
	memset(s, 0, sizeof(*s));
}

/* ---- policy: ------------------------------------------------------------ */

static void load_header(loader *L)
{
	static const char *const keys[] = {"name", "version", "description",
	                                   "no_rule_applies", NULL};
	const lp_ynode *first = NULL;
	size_t f;

	for (f = 0; f < L->root_count; f++) {
		const lp_ynode *m = lp_ymap_get(L->roots[f], "policy");
		char where[300];

		if (!m)
			continue;
		if (first) {
			snprintf(where, sizeof(where), "%s:%u:%u", first->mark.file,
			         first->mark.line, first->mark.column);
			err(L, "duplicate-key", m,
			    "'policy' is given in more than one file (first at %s)%s",
			    where, "");
			continue;
		}
		first = m;
		if (m->kind != LP_YMAPPING) {
			err(L, "wrong-type", m,
			    "'policy' must be a mapping with name and version, not %s%s",
			    kind_name(m), "");
			continue;
		}
		check_keys(L, m, keys, COUNT_OF(keys), "policy");
		L->p->name = dup(L, get_text(L, m, "name", 1, "policy"));
		L->p->version = dup(L, get_text(L, m, "version", 1, "policy"));
		L->p->description = dup(L, get_text(L, m, "description", 0, "policy"));
		L->p->no_rule_applies =
			dup(L, get_text(L, m, "no_rule_applies", 0, "policy"));
	}
	if (!first) {
		lp_mark at = {L->root_count ? L->names[0] : "(no files)", 0, 0};

		lp_diag(L->sink, LP_DIAG_ERROR, "missing-key", &at,
		        "no file of the policy has a 'policy:' section with its name "
		        "and version");
	}
}

/* ---- signals: ------------------------------------------------------------ */

static void on_signal(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "description", NULL};
	/* Report fields that are not booleans cannot be signals. */
	static const char *const not_signals[] = {
		"context.region", "author.prior_violations", "reporter.role", NULL};
	lp_named *sig;
	size_t i;

	check_keys(L, e, keys, COUNT_OF(keys), "a signal");
	if (claim_id(L, &L->ids, id, e, "signal") != 0)
		return;
	if (strncmp(id, "subject.", 8) != 0 && strncmp(id, "author.", 7) != 0 &&
	    strncmp(id, "context.", 8) != 0) {
		err(L, "invalid-value", lp_ymap_get(e, "id"),
		    "signal '%s' must be a field of the report's subject, author "
		    "or context (e.g. context.%s)", id, strchr(id, '.') ? strchr(id, '.') + 1 : id);
		return;
	}
	for (i = 0; not_signals[i]; i++)
		if (strcmp(id, not_signals[i]) == 0) {
			err(L, "invalid-value", lp_ymap_get(e, "id"),
			    "%s is not a true/false field and cannot be a signal%s",
			    id, "");
			return;
		}
	if (L->p->signal_count >= LP_MAX_SIGNALS) {
		err(L, "limit", e, "a policy may declare at most 64 signals");
		return;
	}
	sig = push(L, &L->p->signals, &L->p->signal_count, sizeof(*sig), e);
	if (!sig)
		return;
	sig->id = dup(L, id);
	sig->description = dup(L, get_text(L, e, "description", 0, "a signal"));
}

/* ---- categories: and labels: ----------------------------------------------- */

static int find_kind(loader *L, const char *kind)
{
	size_t i;
	char **k;

	for (i = 0; i < L->p->kind_count; i++)
		if (strcmp(L->p->kinds[i], kind) == 0)
			return (int)i;
	k = push(L, &L->p->kinds, &L->p->kind_count, sizeof(*k), NULL);
	if (!k)
		return -1;
	*k = dup(L, kind);
	return (int)i;
}

static void on_category(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "kind", "description", NULL};
	lp_category *c;
	const char *kind;

	check_keys(L, e, keys, COUNT_OF(keys), "a category");
	kind = get_text(L, e, "kind", 1, "a category");
	if (claim_id(L, &L->ids, id, e, "category") != 0 || !kind)
		return;
	c = push(L, &L->p->categories, &L->p->category_count, sizeof(*c), e);
	if (!c)
		return;
	c->id = dup(L, id);
	c->description = dup(L, get_text(L, e, "description", 0, "a category"));
	c->kind = find_kind(L, kind);
}

/* Resolves the category named by key of e; reports and returns -1. */
/*
 * Finds name in a table of the policy (count entries, stride bytes apart,
 * each starting with its id); reports an undefined reference at at, with a
 * suggestion, and returns -1 when it is not there.
 */
/* The position of name in a table of count entries of stride bytes, each
 * beginning with its id, which t indexes; -1 when it is not there. */
static int lookup(loader *L, table_index *t, const void *table, size_t count,
                  size_t stride, const char *name)
{
	for (; t->count < count; t->count++) {
		const char *id = *(const char *const *)((const char *)table +
		                                        t->count * stride);

		if (lp_idmap_put(&t->map, id, (int)t->count) == -2) {
			L->oom = 1;
			return -1;
		}
	}
	return lp_idmap_get(&t->map, name);
}

static int resolve(loader *L, table_index *t, const void *table, size_t count,
                   size_t stride, const char *name, const lp_ynode *at,
                   const char *what, const char *section)
{
	const char *guess;
	char hint[160];
	int i = lookup(L, t, table, count, stride, name);

	if (i >= 0 || L->oom)
		return i;
	guess = lp_did_you_mean_in(name, table, count, stride);
	if (guess)
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", guess);
	else
		snprintf(hint, sizeof(hint), ": define it under '%s:'", section);
	err(L, "undefined-reference", at, "undefined %s '%s'%s", what, name, hint);
	return -1;
}

static int ref_category(loader *L, const lp_ynode *e, const char *key,
                        const char *what)
{
	const char *name = get_text(L, e, key, 1, what);

	return name ? resolve(L, &L->category_index, L->p->categories,
	                      L->p->category_count,
	                      sizeof(lp_category), name, lp_ymap_get(e, key),
	                      "category", "categories")
	            : -1;
}

static void on_label(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "category", "not_private",
	                                   "description", NULL};
	lp_label *l;
	int has_cat = lp_ymap_get(e, "category") != NULL;
	int has_np = lp_ymap_get(e, "not_private") != NULL;
	int cat = -1;
	const char *note = NULL;

	check_keys(L, e, keys, COUNT_OF(keys), "a label");
	if (claim_id(L, &L->ids, id, e, "label (or category)") != 0)
		return;
	if (has_cat == has_np) {
		err(L, has_cat ? "invalid-value" : "missing-key", e,
		    "label '%s' needs either 'category' (what it is) or "
		    "'not_private' (why the policy does not protect it)%s", id, "");
		return;
	}
	if (has_cat && (cat = ref_category(L, e, "category", "a label")) < 0)
		return;
	if (has_np && !(note = get_text(L, e, "not_private", 1, "a label")))
		return;
	l = push(L, &L->p->labels, &L->p->label_count, sizeof(*l), e);
	if (!l)
		return;
	l->id = dup(L, id);
	l->category = cat;
	l->note = dup(L, note);
}

/* Every category is also a label of its own name (SPEC §2). */
static void add_category_labels(loader *L)
{
	size_t i;

	if (L->p->label_count + L->p->category_count > LP_MAX_POLICY_ITEMS) {
		/* Said here, at the categories, rather than at no place. */
		const lp_ynode *at = NULL;

		for (i = 0; i < L->root_count && !at; i++)
			at = lp_ymap_get(L->roots[i], "categories");
		err(L, "limit", at, "%zu categories and %zu labels: more than %d "
		    "labels in all (each category is also a label)",
		    L->p->category_count, L->p->label_count, LP_MAX_POLICY_ITEMS);
		return;
	}
	for (i = 0; i < L->p->category_count && !L->oom; i++) {
		lp_label *l = push(L, &L->p->labels, &L->p->label_count,
		                   sizeof(*l), NULL);
		if (!l)
			return;
		l->id = dup(L, L->p->categories[i].id);
		l->category = (int)i;
	}
}

/* ---- detectors: ------------------------------------------------------------ */

/* A built-in detector by name; reports an unknown one with the list. */
static const lp_builtin_detector *builtin_named(loader *L, const lp_ynode *at,
                                                const char *name)
{
	const lp_builtin_detector *bd = lp_builtin_detector_find(name);
	const char *guess;
	char hint[600] = "";
	size_t i, n = 0;

	if (bd)
		return bd;
	while (lp_builtin_detectors[n].name)
		n++;
	guess = lp_did_you_mean_in(name, lp_builtin_detectors, n,
	                           sizeof(lp_builtin_detectors[0]));
	if (guess) {
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", guess);
	} else {
		size_t off = (size_t)snprintf(hint, sizeof(hint),
		                              "; the built-in detectors are:");

		for (i = 0; i < n && off < sizeof(hint); i++)
			off += (size_t)snprintf(hint + off, sizeof(hint) - off, " %s",
			                        lp_builtin_detectors[i].name);
	}
	err(L, "undefined-reference", at, "unknown built-in detector '%s'%s",
	    name, hint);
	return NULL;
}

/* Compiles the pattern of e; reports a bad one at its own column. */
static lp_pattern *pattern_of(loader *L, const lp_ynode *e)
{
	const lp_ynode *node = lp_ymap_get(e, "pattern");
	const lp_ynode *ic = lp_ymap_get(e, "ignore_case");
	const char *src = get_text(L, e, "pattern", 1, "a detector");
	char msg[256];
	size_t off;
	int ignore_case = 0, oom;
	lp_pattern *pat;

	if (!src)
		return NULL;
	if (ic && lp_yscalar_bool(ic, &ignore_case) != 0) {
		err(L, "wrong-type", ic, "'ignore_case' must be true or false");
		return NULL;
	}
	pat = lp_pattern_compile(src, ignore_case, &off, msg, sizeof(msg), &oom);
	if (!pat && oom) {
		L->oom = 1;
	} else if (!pat) {
		lp_mark at = lp_yscalar_mark_at(node, off);

		lp_diag(L->sink, LP_DIAG_ERROR, "invalid-value", &at,
		        "invalid pattern: %s (at character %zu of the pattern)", msg,
		        off + 1);
	}
	return pat;
}

/* The words of list node (folded to ASCII lower case) into *out; returns
 * 0, or -1 after reporting a problem. */
static int load_words(loader *L, const lp_ynode *list, char ***out,
                      size_t *count)
{
	size_t i;

	if (list->n == 0 || list->n > LP_MAX_KEYWORDS) {
		err(L, "invalid-value", list,
		    "a word list needs between 1 and %d words", LP_MAX_KEYWORDS);
		return -1;
	}
	*out = lp_calloc(list->n, sizeof(char *));
	if (!*out) {
		L->oom = 1;
		return -1;
	}
	*count = list->n;
	for (i = 0; i < list->n; i++) {
		char *w = dup(L, list->kids[i]->value);

		if (!w)
			return -1;
		lp_keyword_fold(w);
		(*out)[i] = w;
		if (!*w) {
			err(L, "invalid-value", list->kids[i], "empty word");
			return -1;
		}
	}
	return 0;
}

/* context: words one of which must be near a match; context_window: how
 * near, in bytes before and after it. */
static void load_context(loader *L, const lp_ynode *e, lp_detector_def *d)
{
	const lp_ynode *ctx = get_text_list(L, e, "context", 0, "a detector");
	const lp_ynode *win = lp_ymap_get(e, "context_window");
	char *end;
	long w = 40;

	if (win) {
		if (win->kind != LP_YSCALAR ||
		    (w = strtol(win->value, &end, 10), *end) || w < 1 || w > 1000) {
			err(L, "wrong-type", win,
			    "'context_window' is a number of characters from 1 to 1000");
			return;
		}
		if (!ctx)
			err(L, "invalid-value", win,
			    "'context_window' says how near the 'context' words must "
			    "be; this detector has none");
	}
	d->context_window = (size_t)w;
	if (ctx && load_words(L, ctx, &d->context, &d->context_count) == 0)
		d->has_context_digest = lp_keyword_digest(d->context,
		                                          d->context_count,
		                                          &d->context_digest);
}

static void on_detector(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "builtin", "keywords", "pattern",
	                                   "ignore_case", "context",
	                                   "context_window", "category",
	                                   "description", NULL};
	const lp_ynode *kw = lp_ymap_get(e, "keywords");
	const lp_builtin_detector *bd = NULL;
	lp_pattern *pat = NULL;
	lp_detector_def *d;
	int cat, kinds;

	check_keys(L, e, keys, COUNT_OF(keys), "a detector");
	if (claim_id(L, &L->ids, id, e, "detector") != 0)
		return;
	kinds = (lp_ymap_get(e, "builtin") != NULL) + (kw != NULL) +
	        (lp_ymap_get(e, "pattern") != NULL);
	if (kinds != 1) {
		err(L, kinds ? "invalid-value" : "missing-key", e,
		    "detector '%s' needs exactly one of 'builtin' (a detector of the "
		    "engine), 'keywords' (a list of words) or 'pattern' (a regular "
		    "expression)", id);
		return;
	}
	if (lp_ymap_get(e, "ignore_case") && !lp_ymap_get(e, "pattern")) {
		err(L, "invalid-value", lp_ymap_get(e, "ignore_case"),
		    "'ignore_case' is for pattern detectors (keywords always ignore "
		    "case)");
		return;
	}
	if (lp_ymap_get(e, "builtin")) {
		const char *name = get_text(L, e, "builtin", 1, "a detector");

		if (!name || !(bd = builtin_named(L, lp_ymap_get(e, "builtin"), name)))
			return;
	} else if (lp_ymap_get(e, "pattern")) {
		if (!(pat = pattern_of(L, e)))
			return;
	} else if (!get_text_list(L, e, "keywords", 1, "a detector")) {
		return;
	}
	cat = ref_category(L, e, "category", "a detector");
	if (cat < 0 ||
	    !(d = push(L, &L->p->detectors, &L->p->detector_count, sizeof(*d), e))) {
		lp_pattern_free(pat);
		return;
	}
	d->id = dup(L, id);
	d->description = dup(L, get_text(L, e, "description", 0, "a detector"));
	d->category = cat;
	d->builtin = bd;
	d->pattern = pat;
	d->mask = bd ? bd->mask : LP_MASK_WORDS;
	load_context(L, e, d);
	if (kw)
		load_words(L, kw, &d->keywords, &d->keyword_count);
}

/* ---- lists:, referrals:, actions: -------------------------------------------- */

static void on_list(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "items", "description", NULL};
	const lp_ynode *items;
	lp_list *l;
	size_t i;

	check_keys(L, e, keys, COUNT_OF(keys), "a list");
	if (claim_id(L, &L->ids, id, e, "list") != 0)
		return;
	items = get_text_list(L, e, "items", 1, "a list");
	if (!items)
		return;
	/* Kept when empty, so that its users get no second error. */
	if (items->n == 0)
		err(L, "invalid-value", items,
		    "list '%s' is empty: 'x in %s' could never hold", id, id);
	l = push(L, &L->p->lists, &L->p->list_count, sizeof(*l), e);
	if (!l)
		return;
	l->id = dup(L, id);
	l->description = dup(L, get_text(L, e, "description", 0, "a list"));
	l->items = lp_calloc(items->n, sizeof(char *));
	if (!l->items) {
		L->oom = 1;
		return;
	}
	for (i = 0; i < items->n; i++)
		l->items[l->count++] = dup(L, items->kids[i]->value);
}

static void on_named(loader *L, const lp_ynode *e, const char *id,
                     lp_named **arr, size_t *count, const char *what)
{
	static const char *const keys[] = {"id", "description", NULL};
	lp_named *n;

	check_keys(L, e, keys, COUNT_OF(keys), what);
	if (claim_id(L, &L->ids, id, e, strchr(what, ' ') + 1) != 0)
		return;
	n = push(L, arr, count, sizeof(*n), e);
	if (!n)
		return;
	n->id = dup(L, id);
	n->description = dup(L, get_text(L, e, "description", 0, what));
}

static void on_referral(loader *L, const lp_ynode *e, const char *id)
{
	on_named(L, e, id, &L->p->referrals, &L->p->referral_count, "a referral");
}

static void on_action(loader *L, const lp_ynode *e, const char *id)
{
	on_named(L, e, id, &L->p->actions, &L->p->action_count, "an action");
}

/* Resolves a referral or action name (what), declared under what + "s:". */
static int ref_named(loader *L, table_index *t, const lp_named *arr, size_t n,
                     const char *id, const lp_ynode *at, const char *what)
{
	char section[32];

	snprintf(section, sizeof(section), "%ss", what);
	return resolve(L, t, arr, n, sizeof(*arr), id, at, what, section);
}

/* ---- templates ------------------------------------------------------------------ */

/* The placeholders each kind of template may use (eval.c fills them), in
 * the order of enum lp_rule_placeholder and lp_step_placeholder. */
static const char *const rule_placeholders[] = {
	"rule", "title", "category", "referral", "evidence", "reporter", NULL};
static const char *const step_placeholders[] = {"actions", "reporter", NULL};

/* The template t, whose every {placeholder} is one of known, split into
 * its parts (see lp_template). */
static lp_template *split_template(loader *L, const char *t,
                                   const char *const *known)
{
	size_t n = 1, len = strlen(t), i;
	const char *s, *open, *close;
	lp_template *tp;
	char *text;

	for (s = strchr(t, '{'); s; s = strchr(s + 1, '{'))
		n++;
	tp = lp_malloc(sizeof(*tp) + n * sizeof(tp->part[0]) + len + 1);
	if (!tp) {
		L->oom = 1;
		return NULL;
	}
	text = (char *)&tp->part[n];
	memcpy(text, t, len + 1);
	tp->count = 0;
	for (s = text; *s; s = close + 1) {
		lp_template_part *part = &tp->part[tp->count++];

		part->lit = s;
		part->slot = -1;
		open = strchr(s, '{');
		part->lit_len = open ? (size_t)(open - s) : strlen(s);
		part->lit_plain = lp_json_is_plain(part->lit, part->lit_len);
		if (!open)
			break;
		close = strchr(open, '}');
		for (i = 0; known[i]; i++)
			if (strlen(known[i]) == (size_t)(close - open - 1) &&
			    memcmp(known[i], open + 1, (size_t)(close - open - 1)) == 0)
				part->slot = (int)i;
	}
	return tp;
}

/* Checks that every {placeholder} of an explanation template is known. */
static lp_template *get_template(loader *L, const lp_ynode *e, const char *key,
                                 const char *what, const char *const *known)
{
	const char *t = get_text(L, e, key, 0, what);
	const char *s;
	size_t count = 0;

	if (!t)
		return NULL;
	while (known[count])
		count++;
	for (s = strchr(t, '{'); s; s = strchr(s + 1, '{')) {
		const char *end = strchr(s, '}');
		char name[64];
		size_t i, n;

		if (!end || (n = (size_t)(end - s - 1)) >= sizeof(name)) {
			err(L, "invalid-value", lp_ymap_get(e, key),
			    "unclosed '{' in %s of %s", key, what);
			return NULL;
		}
		memcpy(name, s + 1, n);
		name[n] = '\0';
		for (i = 0; known[i]; i++)
			if (strcmp(known[i], name) == 0)
				break;
		if (!known[i]) {
			const char *guess = lp_did_you_mean(name, known, count);
			char hint[200];

			if (guess) {
				snprintf(hint, sizeof(hint), " (did you mean '{%s}'?)", guess);
			} else {
				size_t off = (size_t)snprintf(hint, sizeof(hint),
				                              "; %s may use:", what);

				for (i = 0; known[i] && off < sizeof(hint); i++)
					off += (size_t)snprintf(hint + off, sizeof(hint) - off,
					                        " {%s}", known[i]);
			}
			err(L, "undefined-reference", lp_ymap_get(e, key),
			    "unknown placeholder '{%s}'%s", name, hint);
			return NULL;
		}
	}
	return split_template(L, t, known);
}

/* ---- exceptions: ------------------------------------------------------------------ */

static int compile_cond(loader *L, const lp_ynode *e, const char *key,
                        lp_cond **out)
{
	const lp_ynode *v = lp_ymap_get(e, key);
	int rc;

	*out = NULL;
	if (!v)
		return 0;
	rc = lp_cond_compile(out, v, L->p, L->sink);
	if (rc == LP_ENOMEM)
		L->oom = 1;
	return rc == LP_OK ? 0 : -1;
}

static int track(loader *L, const lp_ynode ***arr, size_t *cap, size_t n,
                 const lp_ynode *e)
{
	if (lp_grow(arr, cap, n + 1, sizeof(**arr)) != 0) {
		L->oom = 1;
		return -1;
	}
	(*arr)[n] = e;
	return 0;
}

static void on_exception(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "when", "reason", NULL};
	lp_exception *x;
	lp_cond *when;

	check_keys(L, e, keys, COUNT_OF(keys), "an exception");
	if (claim_id(L, &L->ids, id, e, "exception") != 0)
		return;
	if (!lp_ymap_get(e, "when")) {
		err(L, "missing-key", e,
		    "exception '%s' needs 'when': the condition under which it "
		    "applies%s", id, "");
		return;
	}
	/* Kept even when its condition has an error, so that the rules that
	 * use it do not add a second, misleading "undefined" error. */
	compile_cond(L, e, "when", &when);
	if (track(L, &L->exception_src, &L->exception_src_cap,
	          L->p->exception_count, e) != 0 ||
	    !(x = push(L, &L->p->exceptions, &L->p->exception_count, sizeof(*x),
	               e))) {
		lp_cond_free(when);
		return;
	}
	x->id = dup(L, id);
	x->when = when;
	x->reason = dup(L, get_text(L, e, "reason", 1, "an exception"));
}

/* ---- rules: ------------------------------------------------------------------------ */

static const char *const scope_names[] = {"report", "findings", "media", NULL};
static const char *const outcome_names[] = {
	"none", "needs_first_person_report", "refer", "violation", NULL};

static int pick(loader *L, const lp_ynode *e, const char *key,
                const char *const *names, int dflt, const char *what)
{
	const char *v = get_text(L, e, key, dflt < 0, what);
	const char *guess;
	char hint[200];
	size_t i, n = 0;

	if (!v)
		return dflt;
	for (i = 0; names[i]; i++, n++)
		if (strcmp(names[i], v) == 0)
			return (int)i;
	guess = lp_did_you_mean(v, names, n);
	if (guess) {
		snprintf(hint, sizeof(hint), " (did you mean '%s'?)", guess);
	} else {
		size_t off = (size_t)snprintf(hint, sizeof(hint), "; one of:");

		for (i = 0; names[i] && off < sizeof(hint); i++)
			off += (size_t)snprintf(hint + off, sizeof(hint) - off, " %s",
			                        names[i]);
	}
	err(L, "invalid-value", lp_ymap_get(e, key), "'%s' is not allowed here%s",
	    v, hint);
	return -2;
}

/* A condition must read only what the rule's scope provides. */
static int fits_scope(loader *L, const lp_ynode *at, unsigned needs,
                      lp_scope scope, const char *whose)
{
	if ((needs & LP_COND_NEEDS_FINDING) && scope != LP_SCOPE_FINDINGS) {
		err(L, "invalid-value", at,
		    "%s reads finding.* fields, so the rule must be 'for: "
		    "findings'%s", whose, "");
		return 0;
	}
	if ((needs & LP_COND_NEEDS_MEDIA) && scope != LP_SCOPE_MEDIA) {
		err(L, "invalid-value", at,
		    "%s reads media.* fields, so the rule must be 'for: media'%s",
		    whose, "");
		return 0;
	}
	return 1;
}

static void free_rule(lp_rule *r);

/*
 * A rule's category and referral serve both its outcome and its
 * 'otherwise': whichever of the two is a violation needs the category,
 * whichever is a referral needs the referral.
 */
static void rule_outcome(loader *L, const lp_ynode *e, lp_rule *r)
{
	const lp_ynode *cat_node = lp_ymap_get(e, "category");
	const lp_ynode *ref_node = lp_ymap_get(e, "referral");
	int violates = r->outcome == LP_OUTCOME_VIOLATION ||
	               r->otherwise == LP_OUTCOME_VIOLATION;
	int refers = r->outcome == LP_OUTCOME_REFER ||
	             r->otherwise == LP_OUTCOME_REFER;

	if (violates) {
		const char *cat = get_text(L, e, "category", 1, "a violation rule");

		if (cat && strcmp(cat, "finding.category") == 0) {
			if (r->scope != LP_SCOPE_FINDINGS)
				err(L, "invalid-value", cat_node,
				    "'category: finding.category' needs 'for: findings'");
			r->category = LP_CATEGORY_OF_FINDING;
		} else if (cat) {
			r->category = ref_category(L, e, "category", "a violation rule");
		}
	} else if (cat_node) {
		err(L, "invalid-value", cat_node,
		    "'category' is only for rules that can give a violation");
	}
	if (refers) {
		const char *ref = get_text(L, e, "referral", 1, "a referral rule");

		if (ref)
			r->referral = ref_named(L, &L->referral_index,
			                        L->p->referrals, L->p->referral_count,
			                        ref, ref_node, "referral");
	} else if (ref_node) {
		err(L, "invalid-value", ref_node,
		    "'referral' is only for rules that can give a referral");
	}
}

static void on_rule(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {
		"id", "title", "description", "for", "where", "unless", "requires",
		"otherwise", "outcome", "category", "referral", "explain",
		"otherwise_explain", "enabled", NULL};
	const lp_ynode *unless;
	lp_rule r, *slot;
	int bad = 0, scope, outcome, otherwise;
	unsigned errors = L->sink->errors;
	size_t i;

	memset(&r, 0, sizeof(r));
	check_keys(L, e, keys, COUNT_OF(keys), "a rule");
	if (claim_id(L, &L->ids, id, e, "rule") != 0)
		return;
	scope = pick(L, e, "for", scope_names, -1, "a rule");
	outcome = pick(L, e, "outcome", outcome_names, -1, "a rule");
	otherwise = pick(L, e, "otherwise", outcome_names, LP_OUTCOME_NONE,
	                 "a rule");
	if (scope < 0 || outcome < 0 || otherwise < 0)
		return;
	r.scope = (lp_scope)scope;
	r.outcome = (lp_outcome)outcome;
	r.otherwise = (lp_outcome)otherwise;
	r.category = -1;
	r.referral = -1;
	r.enabled = 1;
	if (lp_ymap_get(e, "enabled") &&
	    lp_yscalar_bool(lp_ymap_get(e, "enabled"), &r.enabled) != 0) {
		err(L, "wrong-type", lp_ymap_get(e, "enabled"),
		    "'enabled' must be true or false");
		bad = 1;
	}
	if (r.outcome == LP_OUTCOME_NONE) {
		err(L, "invalid-value", lp_ymap_get(e, "outcome"),
		    "a rule's outcome must be violation, refer or "
		    "needs_first_person_report");
		bad = 1;
	}
	if (lp_ymap_get(e, "otherwise") && !lp_ymap_get(e, "requires")) {
		err(L, "invalid-value", lp_ymap_get(e, "otherwise"),
		    "'otherwise' says what happens when 'requires' does not hold; "
		    "this rule has no 'requires'");
		bad = 1;
	}
	rule_outcome(L, e, &r);
	r.title = dup(L, get_text(L, e, "title", 0, "a rule"));
	r.explain = get_template(L, e, "explain", "a rule", rule_placeholders);
	r.otherwise_explain = get_template(L, e, "otherwise_explain", "a rule",
	                                   rule_placeholders);
	if (compile_cond(L, e, "where", &r.where) != 0 ||
	    compile_cond(L, e, "requires", &r.requires) != 0)
		bad = 1;
	if (r.where && !fits_scope(L, lp_ymap_get(e, "where"),
	                           lp_cond_needs(r.where), r.scope, "'where'"))
		bad = 1;
	if (r.requires && !fits_scope(L, lp_ymap_get(e, "requires"),
	                              lp_cond_needs(r.requires), r.scope,
	                              "'requires'"))
		bad = 1;
	unless = get_text_list(L, e, "unless", 0, "a rule");
	if (unless && unless->n) {
		r.unless = lp_calloc(unless->n, sizeof(int));
		if (!r.unless)
			L->oom = 1;
		for (i = 0; r.unless && i < unless->n; i++) {
			const lp_ynode *u = unless->kids[i];
			int x = resolve(L, &L->exception_index, L->p->exceptions,
			                L->p->exception_count,
			                sizeof(lp_exception), u->value, u, "exception",
			                "exceptions");

			if (x < 0) {
				bad = 1;
				continue;
			}
			if (!fits_scope(L, u, lp_cond_needs(L->p->exceptions[x].when),
			                r.scope, "this exception"))
				bad = 1;
			r.unless[r.unless_count++] = x;
		}
	}
	r.id = dup(L, id);
	if (bad || L->oom || L->sink->errors != errors ||
	    track(L, &L->rule_src, &L->rule_src_cap, L->p->rule_count, e) != 0 ||
	    !(slot = push(L, &L->p->rules, &L->p->rule_count, sizeof(*slot), e))) {
		free_rule(&r);
		return;
	}
	r.where_reads = lp_cond_signals(r.where);
	r.reads = r.where_reads | lp_cond_signals(r.requires);
	for (i = 0; i < r.unless_count; i++)
		r.reads |= lp_cond_signals(L->p->exceptions[r.unless[i]].when);
	*slot = r;
}

/* ---- enforcement: -------------------------------------------------------------------- */

static void on_step(loader *L, const lp_ynode *e, const char *id)
{
	static const char *const keys[] = {"id", "when", "actions", "explain",
	                                   NULL};
	const lp_ynode *acts;
	lp_step *s;
	lp_cond *when = NULL;
	size_t i;

	check_keys(L, e, keys, COUNT_OF(keys), "an enforcement step");
	if (claim_id(L, &L->ids, id, e, "enforcement step") != 0)
		return;
	acts = get_text_list(L, e, "actions", 1, "an enforcement step");
	if (!acts || compile_cond(L, e, "when", &when) != 0)
		return;
	if (when && lp_cond_needs(when)) {
		err(L, "invalid-value", lp_ymap_get(e, "when"),
		    "an enforcement step reads the report only, not finding.* or "
		    "media.*");
		lp_cond_free(when);
		return;
	}
	if (track(L, &L->step_src, &L->step_src_cap, L->p->step_count, e) != 0 ||
	    !(s = push(L, &L->p->steps, &L->p->step_count, sizeof(*s), e))) {
		lp_cond_free(when);
		return;
	}
	s->id = dup(L, id);
	s->when = when;
	s->explain = get_template(L, e, "explain", "an enforcement step",
	                          step_placeholders);
	s->actions = lp_calloc(acts->n, sizeof(int));
	if (!s->actions) {
		L->oom = 1;
		return;
	}
	for (i = 0; i < acts->n; i++) {
		int a = ref_named(L, &L->action_index, L->p->actions,
		                  L->p->action_count, acts->kids[i]->value,
		                  acts->kids[i], "action");

		if (a >= 0)
			s->actions[s->action_count++] = a;
	}
}

/* ---- whole policy ------------------------------------------------------------------------ */

static void warn(loader *L, const lp_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void warn(loader *L, const lp_ynode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_vdiag(L->sink, LP_DIAG_WARNING, "never-fires", &at->mark, fmt, ap);
	va_end(ap);
}

/* Warns about rules and steps that no report can ever trigger. */
static void check_reachability(loader *L)
{
	const lp_policy *p = L->p;
	size_t i, k;
	/* Whether each exception always applies: -1 until asked. Many rules
	 * may name the same exception, and a truth table of a long
	 * condition costs thousands of evaluations: each is made once. */
	signed char *always = NULL;

	if (p->exception_count &&
	    !(always = lp_malloc(p->exception_count))) {
		L->oom = 1;
		return;
	}
	if (always)
		memset(always, -1, p->exception_count);

	for (i = 0; i < p->rule_count; i++) {
		const lp_rule *r = &p->rules[i];
		const lp_ynode *e = L->rule_src[i];

		if (!r->enabled)
			continue;
		if (!lp_cond_satisfiable(r->where)) {
			warn(L, lp_ymap_get(e, "where"),
			     "rule '%s' can never fire: its 'where' condition is "
			     "never true%s", r->id, "");
			continue;
		}
		for (k = 0; k < r->unless_count; k++) {
			const lp_exception *x = &p->exceptions[r->unless[k]];

			if (always[r->unless[k]] < 0)
				always[r->unless[k]] =
					(signed char)lp_cond_tautology(x->when);
			if (always[r->unless[k]])
				warn(L, e, "rule '%s' can never fire: exception '%s' "
				     "always applies", r->id, x->id);
		}
		if (r->requires && !lp_cond_satisfiable(r->requires) &&
		    r->otherwise == LP_OUTCOME_NONE)
			warn(L, lp_ymap_get(e, "requires"),
			     "rule '%s' can never fire: its 'requires' condition is "
			     "never true%s", r->id, "");
	}
	for (i = 0; i < p->step_count; i++) {
		if (p->steps[i].when && !lp_cond_tautology(p->steps[i].when))
			continue;
		for (k = i + 1; k < p->step_count; k++)
			warn(L, L->step_src[k],
			     "enforcement step '%s' is never used: step '%s' before "
			     "it always applies", p->steps[k].id, p->steps[i].id);
		break;
	}
	lp_free(always);
}

static void check_top_keys(loader *L)
{
	size_t f;

	for (f = 0; f < L->root_count; f++) {
		const lp_ynode *root = L->roots[f];

		if (!root)
			continue;
		if (root->kind != LP_YMAPPING) {
			err(L, "wrong-type", root,
			    "a policy file must be a mapping of sections (policy:, "
			    "categories:, rules:...), not %s%s", kind_name(root), "");
			continue;
		}
		check_keys(L, root, top_keys, COUNT_OF(top_keys), "a policy file");
	}
}

static void section(loader *L, const char *name, const char *what,
                    entry_fn fn)
{
	idset_free(&L->ids);
	each_entry(L, name, what, fn);
}

static void free_rule(lp_rule *r)
{
	lp_free(r->id);
	lp_free(r->title);
	lp_cond_free(r->where);
	lp_cond_free(r->requires);
	lp_free(r->unless);
	lp_free(r->explain);
	lp_free(r->otherwise_explain);
}

static void free_named(lp_named *arr, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		lp_free(arr[i].id);
		lp_free(arr[i].description);
	}
	lp_free(arr);
}

void lp_policy_free(lp_policy *p)
{
	size_t i, k;

	if (!p)
		return;
	lp_free(p->readers);
	lp_free(p->json_tail);
	lp_free(p->not_stated);
	lp_free(p->lines);
	lp_free(p->name);
	lp_free(p->version);
	lp_free(p->description);
	lp_free(p->no_rule_applies);
	for (i = 0; i < p->kind_count; i++)
		lp_free(p->kinds[i]);
	lp_free(p->kinds);
	free_named(p->signals, p->signal_count);
	for (i = 0; i < p->category_count; i++) {
		lp_free(p->categories[i].id);
		lp_free(p->categories[i].description);
	}
	lp_free(p->categories);
	for (i = 0; i < p->label_count; i++) {
		lp_free(p->labels[i].id);
		lp_free(p->labels[i].note);
	}
	lp_free(p->labels);
	for (i = 0; i < p->detector_count; i++) {
		lp_detector_def *d = &p->detectors[i];

		lp_free(d->id);
		lp_free(d->description);
		lp_pattern_free(d->pattern);
		for (k = 0; k < d->keyword_count; k++)
			lp_free(d->keywords[k]);
		lp_free(d->keywords);
		for (k = 0; k < d->context_count; k++)
			lp_free(d->context[k]);
		lp_free(d->context);
	}
	lp_free(p->detectors);
	for (i = 0; i < p->list_count; i++) {
		for (k = 0; k < p->lists[i].count; k++)
			lp_free(p->lists[i].items[k]);
		lp_free(p->lists[i].items);
		lp_free(p->lists[i].id);
		lp_free(p->lists[i].description);
	}
	lp_free(p->lists);
	free_named(p->referrals, p->referral_count);
	free_named(p->actions, p->action_count);
	for (i = 0; i < p->exception_count; i++) {
		lp_free(p->exceptions[i].id);
		lp_free(p->exceptions[i].reason);
		lp_cond_free(p->exceptions[i].when);
	}
	lp_free(p->exceptions);
	for (i = 0; i < p->rule_count; i++)
		free_rule(&p->rules[i]);
	lp_free(p->rules);
	for (i = 0; i < p->step_count; i++) {
		lp_free(p->steps[i].id);
		lp_free(p->steps[i].explain);
		lp_free(p->steps[i].actions);
		lp_cond_free(p->steps[i].when);
	}
	lp_free(p->steps);
	lp_free(p);
}

int lp_policy_build(lp_policy **out, const lp_ynode *const *roots,
                    const char *const *names, size_t count,
                    const char *revision, lp_diag_sink *sink)
{
	loader L;
	unsigned errors = sink->errors;
	size_t i;

	*out = NULL;
	memset(&L, 0, sizeof(L));
	L.sink = sink;
	L.roots = roots;
	L.names = names;
	L.root_count = count;
	L.p = lp_calloc(1, sizeof(*L.p));
	if (!L.p)
		return LP_ENOMEM;
	snprintf(L.p->revision, sizeof(L.p->revision), "%s", revision);
	check_top_keys(&L);
	load_header(&L);
	section(&L, "signals", "a signal", on_signal);
	section(&L, "categories", "a category", on_category);
	/* Labels share one namespace with categories. */
	idset_free(&L.ids);
	for (i = 0; i < L.p->category_count && !L.oom; i++)
		idset_add(&L, &L.ids, L.p->categories[i].id, NULL);
	each_entry(&L, "labels", "a label", on_label);
	add_category_labels(&L);
	section(&L, "detectors", "a detector", on_detector);
	section(&L, "lists", "a list", on_list);
	section(&L, "referrals", "a referral", on_referral);
	section(&L, "actions", "an action", on_action);
	section(&L, "exceptions", "an exception", on_exception);
	section(&L, "rules", "a rule", on_rule);
	section(&L, "enforcement", "an enforcement step", on_step);
	idset_free(&L.ids);
	lp_idmap_free(&L.category_index.map);
	lp_idmap_free(&L.referral_index.map);
	lp_idmap_free(&L.action_index.map);
	lp_idmap_free(&L.exception_index.map);
	if (!L.oom && sink->errors == errors)
		check_reachability(&L);
	lp_free(L.rule_src);
	lp_free(L.step_src);
	lp_free(L.exception_src);
	if (L.oom || sink->errors != errors) {
		lp_policy_free(L.p);
		return L.oom ? LP_ENOMEM : LP_EPOLICY;
	}
	*out = L.p;
	return LP_OK;
}
