/* Unit tests of the condition language: parsing, precedence, vocabularies,
 * errors with columns, evaluation and satisfiability. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cond.h"
#include "policy_internal.h"
#include "report.h"
#include "testutil.h"
#include "yaml_tree.h"

static const char *policy_yaml =
	"policy: {name: t, version: '1'}\n"
	"signals:\n"
	"  - id: context.a\n"
	"  - id: context.b\n"
	"  - id: context.c\n"
	"  - id: context.d\n"
	"  - id: context.e\n"
	"  - id: context.f\n"
	"  - id: context.g\n"
	"  - id: context.h\n"
	"  - id: context.i\n"
	"  - id: context.j\n"
	"  - id: context.k\n"
	"  - id: context.l\n"
	"  - id: context.m\n"
	"categories:\n"
	"  - {id: home_address, kind: private_information}\n"
	"  - {id: private_media, kind: private_media}\n"
	"lists:\n"
	"  - {id: nordics, items: [SE, NO, DK]}\n"
	"  - {id: firsts, items: [subject, authorized_representative]}\n"
	"  - {id: bad-regions, items: [se]}\n";

static lp_policy *policy;
static char messages[2048];

static void collect(const lp_diagnostic *d, void *payload)
{
	size_t len = strlen(messages);

	(void)payload;
	snprintf(messages + len, sizeof(messages) - len, "%u:%u: %s [%s]\n",
	         d->line, d->column, d->message, d->code);
}

static int setup(void **state)
{
	(void)state;
	policy = tu_policy(policy_yaml);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	lp_policy_free(policy);
	return 0;
}

/* Compiles "when: TEXT" (so the condition starts at line 1, column 7). */
static lp_cond *compile(const char *text, int expect)
{
	char yaml[512];
	lp_diag_sink sink = {collect, NULL, 0, 0};
	lp_ynode *root = NULL;
	lp_cond *c = NULL;
	int rc;

	messages[0] = '\0';
	snprintf(yaml, sizeof(yaml), "when: %s\n", text);
	assert_int_equal(lp_yaml_parse(&root, "t.yaml", yaml, strlen(yaml), &sink),
	                 LP_OK);
	rc = lp_cond_compile(&c, lp_ymap_get(root, "when"), policy, &sink);
	lp_ynode_free(root);
	if (rc != expect)
		fail_msg("compiling '%s' gave %d, expected %d:\n%s", text, rc, expect,
		         messages);
	return c;
}

static int eval(const char *text, uint64_t signals, const char *region,
                int role, unsigned long prior)
{
	lp_cond *c = compile(text, LP_OK);
	lp_rdata r;
	lp_cond_ctx ctx;
	int v;

	memset(&r, 0, sizeof(r));
	snprintf(r.region, sizeof(r.region), "%s", region);
	r.role = role;
	r.prior_violations = prior;
	ctx.report = &r;
	ctx.signals = signals;
	ctx.finding = NULL;
	ctx.media = NULL;
	v = lp_cond_eval(c, &ctx);
	lp_cond_free(c);
	return v;
}

#define A 1u
#define B 2u
#define C 4u

static void test_boolean_operators(void **state)
{
	(void)state;
	assert_true(eval("context.a", A, "", 0, 0));
	assert_false(eval("context.a", B, "", 0, 0));
	assert_true(eval("not context.a", 0, "", 0, 0));
	assert_true(eval("context.a and context.b", A | B, "", 0, 0));
	assert_false(eval("context.a and context.b", A, "", 0, 0));
	assert_true(eval("context.a or context.b", B, "", 0, 0));
	assert_true(eval("context.a == true", A, "", 0, 0));
	assert_true(eval("context.a == false", 0, "", 0, 0));
	assert_true(eval("context.a != true", 0, "", 0, 0));
	assert_true(eval("true", 0, "", 0, 0));
	assert_false(eval("false", 0, "", 0, 0));
}

static void test_precedence(void **state)
{
	(void)state;
	/* and binds tighter than or: a or (b and c). */
	assert_true(eval("context.a or context.b and context.c", A, "", 0, 0));
	assert_false(eval("(context.a or context.b) and context.c", A, "", 0, 0));
	/* not binds tightest. */
	assert_true(eval("not context.a and context.b", B, "", 0, 0));
	assert_false(eval("not (context.a or context.b)", B, "", 0, 0));
	assert_true(eval("not not context.a", A, "", 0, 0));
}

static void test_fields(void **state)
{
	(void)state;
	assert_true(eval("context.region == SE", 0, "SE", 0, 0));
	assert_false(eval("context.region == SE", 0, "US", 0, 0));
	assert_false(eval("context.region == SE", 0, "", 0, 0));
	assert_true(eval("context.region != SE", 0, "US", 0, 0));
	assert_true(eval("context.region in nordics", 0, "NO", 0, 0));
	assert_false(eval("context.region in nordics", 0, "FI", 0, 0));
	assert_true(eval("context.region in [FI, IS]", 0, "IS", 0, 0));
	assert_true(eval("reporter.role in firsts", 0, "", 1, 0));
	assert_false(eval("reporter.role in firsts", 0, "", 2, 0));
	assert_true(eval("reporter.role == bystander", 0, "", 2, 0));
	assert_true(eval("author.prior_violations >= 1", 0, "", 0, 1));
	assert_false(eval("author.prior_violations >= 1", 0, "", 0, 0));
	assert_true(eval("author.prior_violations < 3", 0, "", 0, 2));
	assert_true(eval("author.prior_violations == 0", 0, "", 0, 0));
	assert_true(eval("author.prior_violations > 2", 0, "", 0, 3));
	assert_true(eval("author.prior_violations <= 2", 0, "", 0, 2));
	assert_false(eval("author.prior_violations != 0", 0, "", 0, 0));
	/* A count past the range of long long is still a large count. */
	assert_true(eval("author.prior_violations >= 1", 0, "", 0, ULONG_MAX));
	assert_true(eval("author.prior_violations > 2", 0, "", 0,
	                 (unsigned long)LLONG_MAX + 1));
	assert_true(eval("author.prior_violations != 0", 0, "", 0, 4));
	assert_false(eval("reporter.role != subject", 0, "", 0, 0));
	assert_true(eval("reporter.role != subject", 0, "", 2, 0));
	assert_false(eval("context.region != SE", 0, "SE", 0, 0));
}

static void test_needs(void **state)
{
	lp_cond *c;

	(void)state;
	c = compile("finding.category == home_address and context.a", LP_OK);
	assert_int_equal(lp_cond_needs(c), LP_COND_NEEDS_FINDING);
	lp_cond_free(c);
	c = compile("media.depicts_person", LP_OK);
	assert_int_equal(lp_cond_needs(c), LP_COND_NEEDS_MEDIA);
	lp_cond_free(c);
	c = compile("finding.kind == private_media", LP_OK);
	lp_cond_free(c);
}

static void test_errors_name_the_column(void **state)
{
	(void)state;
	compile("context.a and context.bb", LP_EPOLICY);
	assert_contains(messages, "1:21: unknown field or signal 'context.bb' "
	                          "(did you mean 'context.b'?) [undefined-reference]");
	compile("context.region == Sweden", LP_EPOLICY);
	assert_contains(messages, "1:25: 'Sweden' is not a region code");
	compile("finding.category == home_adress", LP_EPOLICY);
	assert_contains(messages, "(did you mean 'home_address'?)");
	compile("reporter.role == victim", LP_EPOLICY);
	assert_contains(messages, "'victim' is not a value of reporter.role");
	compile("context.region in nordic", LP_EPOLICY);
	assert_contains(messages, "unknown list 'nordic' (did you mean 'nordics'?)");
	compile("context.region in bad-regions", LP_EPOLICY);
	assert_contains(messages, "'se' is not a region code");
	compile("context.a and", LP_EPOLICY);
	assert_contains(messages, "condition ends too early");
	compile("(context.a or context.b", LP_EPOLICY);
	assert_contains(messages, "expected ')'");
	compile("context.a context.b", LP_EPOLICY);
	assert_contains(messages, "join tests with 'and' or 'or'");
	compile("author.prior_violations >= many", LP_EPOLICY);
	assert_contains(messages, "[wrong-type]");
	compile("reporter.role > subject", LP_EPOLICY);
	assert_contains(messages, "not an ordering");
	compile("context.a = true", LP_EPOLICY);
	assert_contains(messages, "[syntax]");
	compile("'context.a and context.zz'", LP_EPOLICY);
	/* In a quoted condition, columns count from inside the quotes: the
	 * quote is column 7, so context.zz (index 14) is column 22. */
	assert_contains(messages, "1:22: unknown field or signal 'context.zz'");
	/* An escape counts as the characters it is written with: "\u0061"
	 * is six columns, so context.zz (index 14) is column 27. */
	compile("\"context.a \\u0061nd context.zz\"", LP_EPOLICY);
	assert_contains(messages, "1:27: unknown field or signal 'context.zz'");
}

static void test_long_names_and_multiline_places(void **state)
{
	char text[300];

	(void)state;
	memset(text, 'a', 200);
	memcpy(text, "context.", 8);
	text[200] = '\0';
	compile(text, LP_EPOLICY);
	assert_contains(messages, "a name longer than 127 characters [limit]");
	/* Written over several lines, the place is the condition's start. */
	compile(">-\n  context.a\n  and context.zz", LP_EPOLICY);
	assert_contains(messages, "1:7: unknown field or signal 'context.zz'");
}

static void test_nesting_limit(void **state)
{
	char text[256];
	size_t i;

	(void)state;
	for (i = 0; i < 40; i++)
		text[i] = '(';
	snprintf(text + 40, sizeof(text) - 40, "context.a");
	compile(text, LP_EPOLICY);
	assert_contains(messages, "nested too deeply");
}

static void test_satisfiability(void **state)
{
	lp_cond *c;

	(void)state;
	c = compile("context.a and not context.a", LP_OK);
	assert_false(lp_cond_satisfiable(c));
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
	c = compile("context.a or not context.a", LP_OK);
	assert_true(lp_cond_satisfiable(c));
	assert_true(lp_cond_tautology(c));
	lp_cond_free(c);
	c = compile("context.a and (context.b or not context.c)", LP_OK);
	assert_true(lp_cond_satisfiable(c));
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
	c = compile("false or (context.region == SE and not context.region == SE)",
	            LP_OK);
	assert_false(lp_cond_satisfiable(c));
	lp_cond_free(c);
	assert_true(lp_cond_satisfiable(NULL));
	assert_true(lp_cond_tautology(NULL));
}

/* Tables of more than 6 atoms span several blocks of 64 assignments: the
 * one assignment that decides must be found in any block. */
static void test_satisfiability_many_atoms(void **state)
{
	static const char *const all12 =
		"context.a and context.b and context.c and context.d and "
		"context.e and context.f and context.g and context.h and "
		"context.i and context.j and context.k and context.l";
	char text[512];
	lp_cond *c;

	(void)state;
	/* True only when every atom is: the last assignment of the last
	 * block. */
	c = compile(all12, LP_OK);
	assert_true(lp_cond_satisfiable(c));
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
	/* False only there. */
	snprintf(text, sizeof(text), "not (%s)", all12);
	c = compile(text, LP_OK);
	assert_true(lp_cond_satisfiable(c));
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
	snprintf(text, sizeof(text), "(%s) and not context.k", all12);
	c = compile(text, LP_OK);
	assert_false(lp_cond_satisfiable(c));
	lp_cond_free(c);
	snprintf(text, sizeof(text), "(%s) or not context.g or not context.l "
	         "or not context.a", all12);
	c = compile(text, LP_OK);
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
	snprintf(text, sizeof(text), "(%s) or not context.a or not context.b "
	         "or not context.c or not context.d or not context.e or not "
	         "context.f or not context.g or not context.h or not context.i "
	         "or not context.j or not context.k or not context.l", all12);
	c = compile(text, LP_OK);
	assert_true(lp_cond_tautology(c));
	lp_cond_free(c);
	/* Three atoms: the table is 8 bits of one block, not 64. */
	c = compile("context.a or context.b or context.c", LP_OK);
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
	/* Past 12 atoms nothing is claimed: satisfiable, not always true. */
	snprintf(text, sizeof(text), "(%s) and context.m and not context.m",
	         all12);
	c = compile(text, LP_OK);
	assert_true(lp_cond_satisfiable(c));
	assert_false(lp_cond_tautology(c));
	lp_cond_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boolean_operators),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_needs),
		cmocka_unit_test(test_errors_name_the_column),
		cmocka_unit_test(test_long_names_and_multiline_places),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_satisfiability),
		cmocka_unit_test(test_satisfiability_many_atoms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
