/*
 * cond.c - compiling and evaluating conditions.
 *
 * Grammar (lowest precedence first):
 *
 *   or     := and ("or" and)*
 *   and    := unary ("and" unary)*
 *   unary  := "not" unary | "(" or ")" | "true" | "false" | test
 *   test   := FIELD                                (a boolean field)
 *           | FIELD ("==" | "!=") VALUE
 *           | FIELD ("<" | "<=" | ">" | ">=") NUMBER
 *           | FIELD "in" (LIST-ID | "[" VALUE ("," VALUE)* "]")
 *
 * Every VALUE is checked against its field's vocabulary at compile time:
 * a category that does not exist, a role the report format does not know,
 * a malformed region code are errors, not conditions that silently never
 * match.
 */
#include "cond.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ascii.h"
#include "policy_internal.h"
#include "report.h"

typedef enum field {
	F_SIGNAL,
	F_ROLE,
	F_REGION,
	F_PRIOR,
	F_FCATEGORY,
	F_FKIND,
	F_FSOURCE,
	F_FDETECTOR,
	F_FLABEL,
	F_MTYPE,
	F_MDEPICTS,
	F_MNUDITY
} field;

typedef enum vtype { V_BOOL, V_ENUM, V_REGION, V_INT } vtype;

static const struct field_def {
	const char *name;
	field f;
	vtype t;
	unsigned needs;
} fields[] = {
	{"reporter.role", F_ROLE, V_ENUM, 0},
	{"context.region", F_REGION, V_REGION, 0},
	{"author.prior_violations", F_PRIOR, V_INT, 0},
	{"finding.category", F_FCATEGORY, V_ENUM, LP_COND_NEEDS_FINDING},
	{"finding.kind", F_FKIND, V_ENUM, LP_COND_NEEDS_FINDING},
	{"finding.source", F_FSOURCE, V_ENUM, LP_COND_NEEDS_FINDING},
	{"finding.detector", F_FDETECTOR, V_ENUM, LP_COND_NEEDS_FINDING},
	{"finding.label", F_FLABEL, V_ENUM, LP_COND_NEEDS_FINDING},
	{"media.type", F_MTYPE, V_ENUM, LP_COND_NEEDS_MEDIA},
	{"media.depicts_person", F_MDEPICTS, V_BOOL, LP_COND_NEEDS_MEDIA},
	{"media.nudity", F_MNUDITY, V_BOOL, LP_COND_NEEDS_MEDIA},
};
#define FIELD_COUNT (sizeof(fields) / sizeof(fields[0]))

typedef enum ntype { N_TRUE, N_FALSE, N_AND, N_OR, N_NOT, N_BOOL, N_CMP } ntype;
typedef enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN } op;

typedef struct node {
	ntype t;
	field f;
	int signal;    /* F_SIGNAL: signal index */
	op o;
	int *vals;     /* N_CMP on enums and regions: accepted values */
	size_t nvals;
	size_t vcap;
	long long num; /* N_CMP on integers */
	int a, b;      /* children */
} node;

struct lp_cond {
	node *n;
	size_t count;
	size_t cap;
	int root;
	unsigned needs;
};

/* ---- lexer ---------------------------------------------------------------- */

typedef enum tok_type {
	T_END, T_IDENT, T_NUMBER, T_LPAREN, T_RPAREN, T_LBRACKET, T_RBRACKET,
	T_COMMA, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE, T_BAD, T_LONG
} tok_type;

/* Longest name or value a condition may use. */
#define MAX_WORD 127

typedef struct token {
	tok_type t;
	size_t pos;
	size_t len;
} token;

typedef struct parser {
	const lp_ynode *src;
	const char *s;
	const lp_policy *p;
	lp_diag_sink *sink;
	lp_cond *c;
	token tok;
	size_t at;
	int depth;
	int failed; /* 1: reported error, 2: out of memory */
} parser;

static int is_ident_char(int ch)
{
	return lp_is_alnum(ch) || ch == '_' || ch == '-' || ch == '.';
}

static void next(parser *ps)
{
	const char *s = ps->s;
	size_t i = ps->at;

	while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')
		i++;
	ps->tok.pos = i;
	ps->tok.len = 1;
	switch (s[i]) {
	case '\0': ps->tok.t = T_END; ps->tok.len = 0; break;
	case '(': ps->tok.t = T_LPAREN; break;
	case ')': ps->tok.t = T_RPAREN; break;
	case '[': ps->tok.t = T_LBRACKET; break;
	case ']': ps->tok.t = T_RBRACKET; break;
	case ',': ps->tok.t = T_COMMA; break;
	case '=':
		ps->tok.t = s[i + 1] == '=' ? T_EQ : T_BAD;
		ps->tok.len = s[i + 1] == '=' ? 2 : 1;
		break;
	case '!':
		ps->tok.t = s[i + 1] == '=' ? T_NE : T_BAD;
		ps->tok.len = s[i + 1] == '=' ? 2 : 1;
		break;
	case '<':
	case '>':
		if (s[i + 1] == '=') {
			ps->tok.t = s[i] == '<' ? T_LE : T_GE;
			ps->tok.len = 2;
		} else {
			ps->tok.t = s[i] == '<' ? T_LT : T_GT;
		}
		break;
	default:
		if (lp_is_digit((unsigned char)s[i])) {
			size_t j = i;

			while (lp_is_digit((unsigned char)s[j]))
				j++;
			ps->tok.t = is_ident_char((unsigned char)s[j]) ? T_IDENT
			                                                : T_NUMBER;
			while (is_ident_char((unsigned char)s[j]))
				j++;
			ps->tok.len = j - i;
		} else if (is_ident_char((unsigned char)s[i])) {
			size_t j = i;

			while (is_ident_char((unsigned char)s[j]))
				j++;
			ps->tok.t = T_IDENT;
			ps->tok.len = j - i;
		} else {
			ps->tok.t = T_BAD;
		}
	}
	if ((ps->tok.t == T_IDENT || ps->tok.t == T_NUMBER) &&
	    ps->tok.len > MAX_WORD)
		ps->tok.t = T_LONG;
	ps->at = i + ps->tok.len;
}

static int tok_is(const parser *ps, const char *word)
{
	return ps->tok.t == T_IDENT && strlen(word) == ps->tok.len &&
	       memcmp(ps->s + ps->tok.pos, word, ps->tok.len) == 0;
}

static int is_keyword(const parser *ps)
{
	return tok_is(ps, "and") || tok_is(ps, "or") || tok_is(ps, "not") ||
	       tok_is(ps, "in") || tok_is(ps, "true") || tok_is(ps, "false");
}

/* In a condition written over several lines, this is its start: the
 * message quotes the word at fault. */
static lp_mark mark_at(const parser *ps, size_t pos)
{
	return lp_yscalar_mark_at(ps->src, pos);
}

static void fail(parser *ps, const char *code, size_t pos, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

static void fail(parser *ps, const char *code, size_t pos, const char *fmt,
                 ...)
{
	lp_mark m;
	va_list ap;

	if (ps->failed)
		return;
	m = mark_at(ps, pos);
	va_start(ap, fmt);
	lp_vdiag(ps->sink, LP_DIAG_ERROR, code, &m, fmt, ap);
	va_end(ap);
	ps->failed = 1;
}

/* The current token as a NUL-terminated string in buf (the lexer refuses
 * names too long for the buffers, so nothing is cut short). */
static const char *tok_text(const parser *ps, char *buf, size_t size)
{
	size_t n = ps->tok.len < size - 1 ? ps->tok.len : size - 1;

	memcpy(buf, ps->s + ps->tok.pos, n);
	buf[n] = '\0';
	return buf;
}

/* ---- tree ----------------------------------------------------------------- */

static int add_node(parser *ps, ntype t)
{
	lp_cond *c = ps->c;

	if (c->count >= LP_MAX_CONDITION_NODES) {
		fail(ps, "limit", ps->tok.pos, "condition is too long");
		return -1;
	}
	if (lp_grow(&c->n, &c->cap, c->count + 1, sizeof(*c->n)) != 0) {
		ps->failed = 2;
		return -1;
	}
	memset(&c->n[c->count], 0, sizeof(c->n[0]));
	c->n[c->count].t = t;
	c->n[c->count].a = c->n[c->count].b = -1;
	return (int)c->count++;
}

static int add_binary(parser *ps, ntype t, int a, int b)
{
	int n = add_node(ps, t);

	if (n >= 0) {
		ps->c->n[n].a = a;
		ps->c->n[n].b = b;
	}
	return n;
}

/* ---- vocabularies ---------------------------------------------------------- */

/* The values a field may take: a table of the policy or of the report
 * format, count entries stride bytes apart, each starting with its name. */
typedef struct vocab {
	const void *table;
	size_t count;
	size_t stride;
} vocab;

static size_t count_of(const char *const *list)
{
	size_t n = 0;

	while (list[n])
		n++;
	return n;
}

static vocab vocabulary(const parser *ps, field f)
{
	const lp_policy *p = ps->p;
	vocab v = {NULL, 0, sizeof(char *)};

	switch (f) {
	case F_ROLE: v.table = lp_roles; v.count = count_of(lp_roles); break;
	case F_FSOURCE: v.table = lp_sources; v.count = count_of(lp_sources); break;
	case F_MTYPE:
		v.table = lp_media_types;
		v.count = count_of(lp_media_types);
		break;
	case F_FKIND: v.table = p->kinds; v.count = p->kind_count; break;
	case F_FCATEGORY:
		v.table = p->categories;
		v.count = p->category_count;
		v.stride = sizeof(lp_category);
		break;
	case F_FDETECTOR:
		v.table = p->detectors;
		v.count = p->detector_count;
		v.stride = sizeof(lp_detector_def);
		break;
	case F_FLABEL:
		v.table = p->labels;
		v.count = p->label_count;
		v.stride = sizeof(lp_label);
		break;
	default:
		break;
	}
	return v;
}

static const char *vocab_name(const vocab *v, size_t i)
{
	return *(const char *const *)((const char *)v->table + i * v->stride);
}

/* Resolves word for field f into *v; reports and returns -1 if invalid. */
static int resolve_value(parser *ps, field f, const char *word, size_t pos,
                         int *v)
{
	vocab voc;
	size_t i;

	if (f == F_REGION) {
		if (!lp_region_valid(word)) {
			fail(ps, "invalid-value", pos,
			     "'%s' is not a region code: write an ISO 3166-1 "
			     "alpha-2 code such as SE", word);
			return -1;
		}
		*v = (word[0] << 8) | word[1];
		return 0;
	}
	voc = vocabulary(ps, f);
	for (i = 0; i < voc.count; i++) {
		if (strcmp(vocab_name(&voc, i), word) == 0) {
			*v = (int)i;
			return 0;
		}
	}
	{
		const char *guess = lp_did_you_mean_in(word, voc.table, voc.count,
		                                       voc.stride);
		char hint[160] = "";
		const char *fname = "";

		for (i = 0; i < FIELD_COUNT; i++)
			if (fields[i].f == f)
				fname = fields[i].name;
		if (guess)
			snprintf(hint, sizeof(hint), " (did you mean '%s'?)", guess);
		fail(ps, "undefined-reference", pos, "'%s' is not a value of %s%s",
		     word, fname, hint);
	}
	return -1;
}

static int push_val(parser *ps, node *nd, int v)
{
	if (lp_grow(&nd->vals, &nd->vcap, nd->nvals + 1, sizeof(int)) != 0) {
		ps->failed = 2;
		return -1;
	}
	nd->vals[nd->nvals++] = v;
	return 0;
}

/* ---- parser ----------------------------------------------------------------- */

static int parse_or(parser *ps);

/* Finds the field named by the current token. Returns the fields[] index,
 * or FIELD_COUNT for a signal (index in *signal), or -1. */
static int lookup_field(parser *ps, int *signal)
{
	char name[128];
	size_t i;
	const char *guess;

	tok_text(ps, name, sizeof(name));
	for (i = 0; i < FIELD_COUNT; i++)
		if (strcmp(fields[i].name, name) == 0)
			return (int)i;
	*signal = lp_policy_find_signal(ps->p, name);
	if (*signal >= 0)
		return (int)FIELD_COUNT;
	guess = lp_did_you_mean_in(name, fields, FIELD_COUNT, sizeof(fields[0]));
	if (!guess)
		guess = lp_did_you_mean_in(name, ps->p->signals,
		                           ps->p->signal_count, sizeof(lp_named));
	if (guess)
		fail(ps, "undefined-reference", ps->tok.pos,
		     "unknown field or signal '%s' (did you mean '%s'?)", name,
		     guess);
	else
		fail(ps, "undefined-reference", ps->tok.pos,
		     "unknown field or signal '%s': signals are declared under "
		     "'signals:'", name);
	return -1;
}

static int parse_in_list(parser *ps, node *nd, field f)
{
	char word[128];

	if (ps->tok.t == T_LBRACKET) {
		next(ps);
		for (;;) {
			int v;

			if (ps->tok.t != T_IDENT && ps->tok.t != T_NUMBER) {
				fail(ps, "syntax", ps->tok.pos,
				     "expected a value in the list");
				return -1;
			}
			if (resolve_value(ps, f, tok_text(ps, word, sizeof(word)),
			                  ps->tok.pos, &v) != 0 ||
			    push_val(ps, nd, v) != 0)
				return -1;
			next(ps);
			if (ps->tok.t == T_RBRACKET)
				break;
			if (ps->tok.t != T_COMMA) {
				fail(ps, "syntax", ps->tok.pos,
				     "expected ',' or ']' in the list");
				return -1;
			}
			next(ps);
		}
		next(ps);
		return 0;
	}
	if (ps->tok.t == T_IDENT) {
		const lp_policy *p = ps->p;
		size_t i, j;

		tok_text(ps, word, sizeof(word));
		for (i = 0; i < p->list_count; i++) {
			const lp_list *l = &p->lists[i];

			if (strcmp(l->id, word) != 0)
				continue;
			for (j = 0; j < l->count; j++) {
				int v;

				if (resolve_value(ps, f, l->items[j], ps->tok.pos,
				                  &v) != 0 ||
				    push_val(ps, nd, v) != 0)
					return -1;
			}
			next(ps);
			return 0;
		}
		{
			const char *guess = lp_did_you_mean_in(word, p->lists,
			                                       p->list_count,
			                                       sizeof(lp_list));
			char hint[160] = "";

			if (guess)
				snprintf(hint, sizeof(hint), " (did you mean '%s'?)",
				         guess);
			fail(ps, "undefined-reference", ps->tok.pos,
			     "unknown list '%s'%s", word, hint);
		}
		return -1;
	}
	fail(ps, "syntax", ps->tok.pos,
	     "expected a list name or [values] after 'in'");
	return -1;
}

static int parse_test(parser *ps)
{
	int signal = -1, fi, n;
	node *nd;
	field f;
	vtype t;
	size_t field_pos = ps->tok.pos;
	char word[128];

	fi = lookup_field(ps, &signal);
	if (fi < 0)
		return -1;
	if (fi == (int)FIELD_COUNT) {
		f = F_SIGNAL;
		t = V_BOOL;
	} else {
		f = fields[fi].f;
		t = fields[fi].t;
		ps->c->needs |= fields[fi].needs;
	}
	next(ps);
	if (t == V_BOOL) {
		int negate = 0;

		if (ps->tok.t == T_EQ || ps->tok.t == T_NE) {
			negate = ps->tok.t == T_NE;
			next(ps);
			if (tok_is(ps, "false"))
				negate = !negate;
			else if (!tok_is(ps, "true")) {
				fail(ps, "wrong-type", ps->tok.pos,
				     "%s is true or false; compare it with true or "
				     "false%s", tok_text(ps, word, sizeof(word)), "");
				return -1;
			}
			next(ps);
		}
		n = add_node(ps, N_BOOL);
		if (n < 0)
			return -1;
		ps->c->n[n].f = f;
		ps->c->n[n].signal = signal;
		return negate ? add_binary(ps, N_NOT, n, -1) : n;
	}
	n = add_node(ps, N_CMP);
	if (n < 0)
		return -1;
	nd = &ps->c->n[n];
	nd->f = f;
	switch (ps->tok.t) {
	case T_EQ: nd->o = OP_EQ; break;
	case T_NE: nd->o = OP_NE; break;
	case T_LT: nd->o = OP_LT; break;
	case T_LE: nd->o = OP_LE; break;
	case T_GT: nd->o = OP_GT; break;
	case T_GE: nd->o = OP_GE; break;
	default:
		if (tok_is(ps, "in")) {
			nd->o = OP_IN;
			break;
		}
		fail(ps, "syntax", ps->tok.pos,
		     "expected ==, !=, in or a comparison after %s%s",
		     fields[fi].name, "");
		return -1;
	}
	next(ps);
	if (t == V_INT) {
		char *end;

		if (nd->o == OP_IN || ps->tok.t != T_NUMBER) {
			fail(ps, "wrong-type", ps->tok.pos,
			     "%s is a whole number: compare it with ==, !=, <, <=, "
			     ">, >= and a number%s", fields[fi].name, "");
			return -1;
		}
		errno = 0;
		nd->num = strtoll(tok_text(ps, word, sizeof(word)), &end, 10);
		if (errno) {
			fail(ps, "invalid-value", ps->tok.pos, "number %s is too large%s",
			     word, "");
			return -1;
		}
		next(ps);
		return n;
	}
	if (nd->o != OP_EQ && nd->o != OP_NE && nd->o != OP_IN) {
		fail(ps, "wrong-type", field_pos,
		     "%s is compared with ==, != or in, not an ordering%s",
		     fields[fi].name, "");
		return -1;
	}
	if (nd->o == OP_IN) {
		if (parse_in_list(ps, &ps->c->n[n], f) != 0)
			return -1;
		return n;
	}
	if (ps->tok.t != T_IDENT && ps->tok.t != T_NUMBER) {
		fail(ps, "syntax", ps->tok.pos, "expected a value after %s%s",
		     fields[fi].name, "");
		return -1;
	}
	{
		int v;

		if (resolve_value(ps, f, tok_text(ps, word, sizeof(word)),
		                  ps->tok.pos, &v) != 0 ||
		    push_val(ps, &ps->c->n[n], v) != 0)
			return -1;
	}
	next(ps);
	return n;
}

static int parse_unary(parser *ps)
{
	int n;

	if (++ps->depth > 32) {
		fail(ps, "limit", ps->tok.pos, "condition is nested too deeply");
		return -1;
	}
	if (tok_is(ps, "not")) {
		next(ps);
		n = parse_unary(ps);
		n = n < 0 ? -1 : add_binary(ps, N_NOT, n, -1);
	} else if (ps->tok.t == T_LPAREN) {
		next(ps);
		n = parse_or(ps);
		if (n >= 0 && ps->tok.t != T_RPAREN) {
			fail(ps, "syntax", ps->tok.pos,
			     "expected ')' to close a '('");
			n = -1;
		}
		if (n >= 0)
			next(ps);
	} else if (tok_is(ps, "true") || tok_is(ps, "false")) {
		n = add_node(ps, tok_is(ps, "true") ? N_TRUE : N_FALSE);
		next(ps);
	} else if (ps->tok.t == T_IDENT && !is_keyword(ps)) {
		n = parse_test(ps);
	} else if (ps->tok.t == T_LONG) {
		fail(ps, "limit", ps->tok.pos,
		     "a name longer than %d characters", MAX_WORD);
		n = -1;
	} else {
		char word[64];

		fail(ps, "syntax", ps->tok.pos,
		     ps->tok.t == T_END ? "condition ends too early%s%s"
		                        : "unexpected '%s'%s",
		     tok_text(ps, word, sizeof(word)), "");
		n = -1;
	}
	ps->depth--;
	return n;
}

static int parse_and(parser *ps)
{
	int a = parse_unary(ps);

	while (a >= 0 && tok_is(ps, "and")) {
		int b;

		next(ps);
		b = parse_unary(ps);
		a = b < 0 ? -1 : add_binary(ps, N_AND, a, b);
	}
	return a;
}

static int parse_or(parser *ps)
{
	int a = parse_and(ps);

	while (a >= 0 && tok_is(ps, "or")) {
		int b;

		next(ps);
		b = parse_and(ps);
		a = b < 0 ? -1 : add_binary(ps, N_OR, a, b);
	}
	return a;
}

void lp_cond_free(lp_cond *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->count; i++)
		lp_free(c->n[i].vals);
	lp_free(c->n);
	lp_free(c);
}

int lp_cond_compile(lp_cond **out, const lp_ynode *src, const lp_policy *p,
                    lp_diag_sink *sink)
{
	parser ps;
	int root;

	*out = NULL;
	if (src->kind != LP_YSCALAR) {
		lp_diag(sink, LP_DIAG_ERROR, "wrong-type", &src->mark,
		        "expected a condition (text such as "
		        "'context.public_event and not context.intent_to_harass')");
		return LP_EPOLICY;
	}
	memset(&ps, 0, sizeof(ps));
	ps.src = src;
	ps.s = src->value;
	ps.p = p;
	ps.sink = sink;
	ps.c = lp_calloc(1, sizeof(*ps.c));
	if (!ps.c)
		return LP_ENOMEM;
	next(&ps);
	root = parse_or(&ps);
	if (root >= 0 && ps.tok.t != T_END) {
		char word[64];

		fail(&ps, "syntax", ps.tok.pos,
		     "unexpected '%s' (join tests with 'and' or 'or')%s",
		     tok_text(&ps, word, sizeof(word)), "");
	}
	if (ps.failed || root < 0) {
		lp_cond_free(ps.c);
		return ps.failed == 2 ? LP_ENOMEM : LP_EPOLICY;
	}
	ps.c->root = root;
	*out = ps.c;
	return LP_OK;
}

unsigned lp_cond_needs(const lp_cond *c) { return c ? c->needs : 0; }

uint64_t lp_cond_signals(const lp_cond *c)
{
	uint64_t mask = 0;
	size_t i;

	for (i = 0; c && i < c->count; i++)
		if (c->n[i].t == N_BOOL && c->n[i].f == F_SIGNAL)
			mask |= 1ull << c->n[i].signal;
	return mask;
}

/* ---- evaluation ---------------------------------------------------------------- */

static long long field_value(const node *nd, const lp_cond_ctx *ctx)
{
	const lp_rdata *r = ctx->report;

	switch (nd->f) {
	case F_ROLE: return r->role;
	case F_REGION:
		return r->region[0] ? (r->region[0] << 8) | r->region[1] : -1;
	case F_PRIOR: /* a count past LLONG_MAX is still a large one */
		return r->prior_violations > LLONG_MAX ? LLONG_MAX
		                                       : (long long)r->prior_violations;
	case F_FCATEGORY: return ctx->finding ? ctx->finding->category : -1;
	case F_FKIND: return ctx->finding ? ctx->finding->kind : -1;
	case F_FSOURCE: return ctx->finding ? (long long)ctx->finding->source : -1;
	case F_FDETECTOR: return ctx->finding ? ctx->finding->detector : -1;
	case F_FLABEL: return ctx->finding ? ctx->finding->label : -1;
	case F_MTYPE: return ctx->media ? (long long)ctx->media->type : -1;
	default: return -1;
	}
}

static int eval_cmp(const node *nd, const lp_cond_ctx *ctx)
{
	long long v = field_value(nd, ctx);
	size_t i;
	int member = 0;

	if (nd->f == F_PRIOR) {
		switch (nd->o) {
		case OP_LT: return v < nd->num;
		case OP_LE: return v <= nd->num;
		case OP_GT: return v > nd->num;
		case OP_GE: return v >= nd->num;
		case OP_NE: return v != nd->num;
		default: return v == nd->num;
		}
	}
	/* Enumerations and regions: ==, != and in test membership of vals. */
	for (i = 0; i < nd->nvals && !member; i++)
		member = v == nd->vals[i];
	return nd->o == OP_NE ? !member : member;
}

static int eval_node(const lp_cond *c, int i, const lp_cond_ctx *ctx)
{
	const node *nd = &c->n[i];

	switch (nd->t) {
	case N_TRUE: return 1;
	case N_FALSE: return 0;
	case N_AND:
		return eval_node(c, nd->a, ctx) && eval_node(c, nd->b, ctx);
	case N_OR:
		return eval_node(c, nd->a, ctx) || eval_node(c, nd->b, ctx);
	case N_NOT: return !eval_node(c, nd->a, ctx);
	case N_BOOL:
		if (nd->f == F_SIGNAL)
			return (int)((ctx->signals >> nd->signal) & 1u);
		if (!ctx->media)
			return 0;
		return nd->f == F_MDEPICTS ? ctx->media->depicts_person != 0
		                           : ctx->media->nudity != 0;
	default:
		return eval_cmp(nd, ctx);
	}
}

int lp_cond_eval(const lp_cond *c, const lp_cond_ctx *ctx)
{
	return c ? eval_node(c, c->root, ctx) : 1;
}

/* ---- satisfiability --------------------------------------------------------------- */

#define MAX_ATOMS 12

static int same_atom(const node *x, const node *y)
{
	return x->t == y->t && x->f == y->f && x->signal == y->signal &&
	       x->o == y->o && x->num == y->num && x->nvals == y->nvals &&
	       (x->nvals == 0 ||
	        memcmp(x->vals, y->vals, x->nvals * sizeof(int)) == 0);
}

/*
 * The truth of c under 64 assignments at once: bit k of the result is
 * its truth under assignment base + k (base a multiple of 64), in which
 * atom j is true when bit j of the assignment is set. A table of 12
 * atoms takes 64 such passes instead of 4,096 evaluations.
 */
static uint64_t eval_block(const lp_cond *c, int i, const int *atom_of,
                           unsigned base)
{
	/* Bit k of low[j] is bit j of k. */
	static const uint64_t low[6] = {
		0xAAAAAAAAAAAAAAAAu, 0xCCCCCCCCCCCCCCCCu, 0xF0F0F0F0F0F0F0F0u,
		0xFF00FF00FF00FF00u, 0xFFFF0000FFFF0000u, 0xFFFFFFFF00000000u,
	};
	const node *nd = &c->n[i];

	switch (nd->t) {
	case N_TRUE: return ~(uint64_t)0;
	case N_FALSE: return 0;
	case N_AND:
		return eval_block(c, nd->a, atom_of, base) &
		       eval_block(c, nd->b, atom_of, base);
	case N_OR:
		return eval_block(c, nd->a, atom_of, base) |
		       eval_block(c, nd->b, atom_of, base);
	case N_NOT: return ~eval_block(c, nd->a, atom_of, base);
	default:
		if (atom_of[i] < 6)
			return low[atom_of[i]];
		return (base >> atom_of[i]) & 1u ? ~(uint64_t)0 : 0;
	}
}

/* Counts assignments that make c true: returns -1 when too many atoms. */
static int truth_table(const lp_cond *c, int *any_true, int *all_true)
{
	int atom_of[LP_MAX_CONDITION_NODES];
	int atoms = 0;
	size_t i, j;
	unsigned a;

	for (i = 0; i < c->count; i++) {
		atom_of[i] = -1;
		if (c->n[i].t != N_BOOL && c->n[i].t != N_CMP)
			continue;
		for (j = 0; j < i; j++)
			if (atom_of[j] >= 0 && same_atom(&c->n[i], &c->n[j]))
				atom_of[i] = atom_of[j];
		if (atom_of[i] < 0) {
			if (atoms == MAX_ATOMS)
				return -1;
			atom_of[i] = atoms++;
		}
	}
	*any_true = 0;
	*all_true = 1;
	/* Once one assignment makes it true and another false, both answers
	 * are known: only a condition that is always or never true needs
	 * the whole table. With fewer than 6 atoms, the bits past the
	 * first 2^atoms repeat those (so does every atom's pattern), and
	 * the block is read whole. */
	for (a = 0; a < (1u << atoms) && !(*any_true && !*all_true); a += 64) {
		uint64_t v = eval_block(c, c->root, atom_of, a);

		if (v)
			*any_true = 1;
		if (v != ~(uint64_t)0)
			*all_true = 0;
	}
	return 0;
}

int lp_cond_satisfiable(const lp_cond *c)
{
	int any, all;

	if (!c || truth_table(c, &any, &all) != 0)
		return 1;
	return any;
}

int lp_cond_tautology(const lp_cond *c)
{
	int any, all;

	if (!c)
		return 1;
	if (truth_table(c, &any, &all) != 0)
		return 0;
	return all;
}
