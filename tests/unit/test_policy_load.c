/* Unit tests of the policy loader: every kind of problem is reported with
 * its file:line:column and a stable code, and valid policies compile. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>

#include "diag.h"
#include "libpolicy/limits.h"
#include "policy_internal.h"
#include "testutil.h"

/* A small valid policy; tests append or alter one thing. */
#define HEAD                                                  \
	"policy: {name: t, version: '1'}\n"                       \
	"signals:\n"                                              \
	"  - id: context.harass\n"                                \
	"categories:\n"                                           \
	"  - {id: home_address, kind: private_information}\n"     \
	"  - {id: private_media, kind: private_media}\n"          \
	"referrals:\n"                                            \
	"  - id: abuse\n"                                         \
	"actions:\n"                                              \
	"  - id: remove\n"

static void test_valid_policy_compiles(void **state)
{
	lp_policy *p;

	(void)state;
	p = tu_policy(HEAD
	              "exceptions:\n"
	              "  - {id: mine, when: context.harass, reason: r}\n"
	              "rules:\n"
	              "  - id: r1\n"
	              "    for: findings\n"
	              "    where: finding.kind == private_information\n"
	              "    unless: [mine]\n"
	              "    outcome: violation\n"
	              "    category: finding.category\n"
	              "enforcement:\n"
	              "  - {id: s1, actions: [remove]}\n");
	assert_string_equal(lp_policy_name(p), "t");
	assert_string_equal(lp_policy_version(p), "1");
	assert_int_equal(strlen(lp_policy_revision(p)), 16);
	assert_int_equal(p->rule_count, 1);
	lp_policy_free(p);
}

static void test_unknown_key_did_you_mean(void **state)
{
	(void)state;
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcom: violation\n"),
	                "test.yaml:14:5: error: unknown key 'outcom' (did you mean "
	                "'outcome'?) [unknown-key]");
	assert_contains(tu_diagnostics(HEAD "rulez: []\n"),
	                "test.yaml:11:1: error: unknown key 'rulez' (did you mean "
	                "'rules'?) [unknown-key]");
	/* Far from every key: the message lists the keys instead. */
	assert_contains(tu_diagnostics(HEAD "zzzzzzzz: 1\n"),
	                "unknown key 'zzzzzzzz'; a policy file takes: policy,");
}

static void test_wrong_types(void **state)
{
	(void)state;
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: violation\n"
	                               "    category: private_media\n"
	                               "    unless: consent\n"),
	                "test.yaml:16:13: error: 'unless' of a rule must be a "
	                "list, not text [wrong-type]");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: violation\n"
	                               "    category: private_media\n"
	                               "    enabled: maybe\n"),
	                "test.yaml:16:14: error: 'enabled' must be true or false "
	                "[wrong-type]");
	assert_contains(tu_diagnostics(HEAD "categories: {id: x}\n"),
	                "[duplicate-key]");
	assert_contains(tu_diagnostics("policy: [a]\n"),
	                "test.yaml:1:9: error: 'policy' must be a mapping");
	assert_contains(tu_diagnostics(HEAD "rules:\n  - just text\n"),
	                "test.yaml:12:5: error: each entry of 'rules' must be a "
	                "mapping with an id, not text [wrong-type]");
	assert_contains(tu_diagnostics("- a\n- b\n"),
	                "must be a mapping of sections");
}

static void test_undefined_references(void **state)
{
	(void)state;
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: violation\n"
	                               "    category: home_adress\n"),
	                "test.yaml:15:15: error: undefined category 'home_adress' "
	                "(did you mean 'home_address'?) [undefined-reference]");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: refer\n"
	                               "    referral: abus\n"),
	                "test.yaml:15:15: error: undefined referral 'abus' (did "
	                "you mean 'abuse'?) [undefined-reference]");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: violation\n"
	                               "    category: home_address\n"
	                               "    unless: [nope]\n"),
	                "test.yaml:16:14: error: undefined exception 'nope': define it "
	                "under 'exceptions:' "
	                "[undefined-reference]");
	assert_contains(tu_diagnostics(HEAD
	                               "exceptions:\n"
	                               "  - {id: x, when: context.harras, reason: r}\n"),
	                "test.yaml:12:19: error: unknown field or signal "
	                "'context.harras' (did you mean 'context.harass'?) "
	                "[undefined-reference]");
	assert_contains(tu_diagnostics(HEAD
	                               "enforcement:\n"
	                               "  - {id: s, actions: [remov]}\n"),
	                "undefined action 'remov' (did you mean 'remove'?)");
	assert_contains(tu_diagnostics(HEAD
	                               "detectors:\n"
	                               "  - {id: d, builtin: emial, category: "
	                               "home_address}\n"),
	                "unknown built-in detector 'emial' (did you mean 'email'?)");
	assert_contains(tu_diagnostics(HEAD
	                               "labels:\n"
	                               "  - {id: l, category: nowhere}\n"),
	                "undefined category 'nowhere'");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: violation\n"
	                               "    category: home_address\n"
	                               "    explain: 'see {rulez}'\n"),
	                "unknown placeholder '{rulez}' (did you mean '{rule}'?)");
}

static void test_duplicate_ids(void **state)
{
	const char *names[] = {"a.yaml", "b.yaml"};
	const char *files[] = {
		HEAD "rules:\n  - {id: r1, for: report, outcome: violation, "
		     "category: home_address}\n",
		"rules:\n  - {id: r1, for: report, outcome: violation, "
		"category: home_address}\n"};

	(void)state;
	assert_contains(tu_diagnostics(HEAD
	                               "categories:\n"
	                               "  - {id: home_address, kind: x}\n"),
	                "[duplicate-key]");
	assert_contains(tu_diagnostics(HEAD
	                               "exceptions:\n"
	                               "  - {id: e, when: context.harass, reason: r}\n"
	                               "  - {id: e, when: context.harass, reason: r}\n"),
	                "test.yaml:13:10: error: duplicate exception id 'e' (first "
	                "defined at test.yaml:12:10) [duplicate-id]");
	/* Across files of one policy. */
	assert_contains(tu_diagnostics_files(names, files, 2),
	                "b.yaml:2:10: error: duplicate rule id 'r1' (first defined "
	                "at a.yaml:12:10) [duplicate-id]");
	/* Labels share their namespace with categories. */
	assert_contains(tu_diagnostics(HEAD
	                               "labels:\n"
	                               "  - {id: home_address, not_private: x}\n"),
	                "duplicate label (or category) id 'home_address' (it is a "
	                "category)");
}

/* Over the item limit: one message per kind of entry, at the first one
 * over; labels that categories add are counted at the categories. */
static void test_item_limits(void **state)
{
	size_t cap = 300000, n = 0;
	char *yaml = malloc(cap);
	const char *d, *first;
	int i;

	(void)state;
	assert_non_null(yaml);
	n += (size_t)snprintf(yaml + n, cap - n, "%s", HEAD "exceptions:\n");
	for (i = 0; i < LP_MAX_POLICY_ITEMS + 3; i++)
		n += (size_t)snprintf(yaml + n, cap - n,
		                      "  - {id: e%d, when: context.harass, reason: r}\n", i);
	d = tu_diagnostics(yaml);
	first = strstr(d, "more than 4096 entries of one kind");
	assert_non_null(first);
	assert_contains(d, "test.yaml:4108:5: error: more than 4096 entries");
	assert_null(strstr(first + 1, "more than 4096 entries of one kind"));

	n = 0;
	n += (size_t)snprintf(yaml + n, cap - n, "%s", HEAD "labels:\n");
	for (i = 0; i < LP_MAX_POLICY_ITEMS - 1; i++)
		n += (size_t)snprintf(yaml + n, cap - n,
		                      "  - {id: l%d, category: home_address}\n", i);
	d = tu_diagnostics(yaml);
	assert_contains(d, "test.yaml:5:3: error: 2 categories and 4095 labels: "
	                   "more than 4096 labels in all (each category is also "
	                   "a label) [limit]");
	free(yaml);
}

static void keep_message(const lp_diagnostic *d, void *payload)
{
	snprintf(payload, 1024, "%s", d->message);
}

/* A diagnostic longer than its buffer is cut, never inside a character. */
static void test_long_diagnostic_stays_utf8(void **state)
{
	char arg[1024], got[1024];
	lp_diag_sink sink = {keep_message, got, 0, 0};
	size_t i, len;

	(void)state;
	for (i = 0; i < 300; i++)
		memcpy(arg + 2 * i, "\xc3\xa9", 2); /* U+00E9, two bytes */
	arg[600] = '\0';
	lp_diag(&sink, LP_DIAG_ERROR, "test", NULL, "%s", arg);
	len = strlen(got);
	assert_int_equal(sink.errors, 1);
	/* 510 bytes of whole characters: the cut fell inside the 256th. */
	assert_int_equal(len, 510);
	assert_int_equal(memcmp(got, arg, len), 0);
}

static void test_scope_and_outcome_rules(void **state)
{
	(void)state;
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    where: finding.source == text\n"
	                               "    outcome: violation\n"
	                               "    category: home_address\n"),
	                "test.yaml:14:12: error: 'where' reads finding.* fields, so "
	                "the rule must be 'for: findings'");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: media\n"
	                               "    outcome: violation\n"
	                               "    category: finding.category\n"),
	                "'category: finding.category' needs 'for: findings'");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: everything\n"
	                               "    outcome: violation\n"),
	                "'everything' is not allowed here; one of: report findings "
	                "media");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: refer\n"),
	                "a referral rule needs 'referral' [missing-key]");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    outcome: violation\n"
	                               "    category: home_address\n"
	                               "    otherwise: refer\n"),
	                "this rule has no 'requires'");
	assert_contains(tu_diagnostics(HEAD
	                               "signals:\n"
	                               "  - id: context.region\n"),
	                "[duplicate-key]");
}

static void test_otherwise_needs_its_category_or_referral(void **state)
{
	(void)state;
	/* 'otherwise: violation' needs a category even when the outcome is a
	 * referral (and the other way round): a decision must never name a
	 * category that does not exist. */
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    requires: context.harass\n"
	                               "    outcome: refer\n"
	                               "    referral: abuse\n"
	                               "    otherwise: violation\n"),
	                "a violation rule needs 'category' [missing-key]");
	assert_contains(tu_diagnostics(HEAD
	                               "rules:\n"
	                               "  - id: r1\n"
	                               "    for: report\n"
	                               "    requires: context.harass\n"
	                               "    outcome: violation\n"
	                               "    category: home_address\n"
	                               "    otherwise: refer\n"),
	                "a referral rule needs 'referral' [missing-key]");
	assert_contains(tu_diagnostics(HEAD "lists: [{id: none, items: []}]\n"),
	                "list 'none' is empty");
}

static void test_pattern_errors(void **state)
{
	(void)state;
	/* A bad pattern is an error at its own column. */
	assert_contains(tu_diagnostics(HEAD
	                               "detectors:\n"
	                               "  - id: d\n"
	                               "    pattern: 'ab(cd'\n"
	                               "    category: home_address\n"),
	                "test.yaml:13:20: error: invalid pattern: missing closing "
	                "parenthesis (at character 6 of the pattern) "
	                "[invalid-value]");
	/* Escaped in a double-quoted scalar, each "\\" is two columns. */
	assert_contains(tu_diagnostics(HEAD
	                               "detectors:\n"
	                               "  - id: d\n"
	                               "    pattern: \"\\\\d\\\\d(x\"\n"
	                               "    category: home_address\n"),
	                "test.yaml:13:23: error: invalid pattern: missing closing "
	                "parenthesis (at character 7 of the pattern) "
	                "[invalid-value]");
	assert_contains(tu_diagnostics(HEAD
	                               "detectors:\n"
	                               "  - {id: d, builtin: email, keywords: [x], "
	                               "category: home_address}\n"),
	                "needs exactly one of 'builtin'");
	assert_contains(tu_diagnostics(HEAD
	                               "detectors:\n"
	                               "  - {id: d, keywords: [x], ignore_case: true, "
	                               "category: home_address}\n"),
	                "'ignore_case' is for pattern detectors");
	assert_contains(tu_diagnostics(HEAD
	                               "detectors:\n"
	                               "  - {id: d, pattern: x, ignore_case: maybe, "
	                               "category: home_address}\n"),
	                "'ignore_case' must be true or false");
}

static void test_signals_and_labels(void **state)
{
	(void)state;
	assert_contains(tu_diagnostics("policy: {name: t, version: '1'}\n"
	                               "signals:\n"
	                               "  - id: context.region\n"),
	                "context.region is not a true/false field");
	assert_contains(tu_diagnostics("policy: {name: t, version: '1'}\n"
	                               "signals:\n"
	                               "  - id: weather.sunny\n"),
	                "must be a field of the report's subject, author or context");
	assert_contains(tu_diagnostics(HEAD
	                               "labels:\n"
	                               "  - {id: l, category: home_address, "
	                               "not_private: x}\n"),
	                "needs either 'category' (what it is) or 'not_private'");
	assert_contains(tu_diagnostics(HEAD "labels:\n  - {id: 9lives, "
	                               "not_private: x}\n"),
	                "'9lives' is not a valid id");
}

static void test_never_fires_warnings(void **state)
{
	lp_compiler *c;
	lp_policy *p = NULL;
	const char *yaml = HEAD
		"exceptions:\n"
		"  - {id: always, when: context.harass or not context.harass, "
		"reason: r}\n"
		"rules:\n"
		"  - id: contradiction\n"
		"    for: report\n"
		"    where: context.harass and not context.harass\n"
		"    outcome: violation\n"
		"    category: home_address\n"
		"  - id: excepted\n"
		"    for: report\n"
		"    where: context.harass\n"
		"    unless: [always]\n"
		"    outcome: violation\n"
		"    category: home_address\n"
		"enforcement:\n"
		"  - {id: first, actions: [remove]}\n"
		"  - {id: second, actions: [remove]}\n";

	(void)state;
	assert_contains(tu_diagnostics(yaml),
	                "test.yaml:16:12: warning: rule 'contradiction' can never "
	                "fire: its 'where' condition is never true [never-fires]");
	assert_contains(tu_diagnostics(yaml),
	                "rule 'excepted' can never fire: exception 'always' always "
	                "applies [never-fires]");
	assert_contains(tu_diagnostics(yaml),
	                "test.yaml:27:5: warning: enforcement step 'second' is never "
	                "used");
	/* Warnings do not stop compilation. */
	assert_int_equal(lp_compiler_new(&c, NULL, NULL), LP_OK);
	lp_compiler_add_buffer(c, "w.yaml", yaml, strlen(yaml));
	assert_int_equal(lp_compiler_compile(&p, c), LP_OK);
	assert_int_equal(lp_compiler_error_count(c), 0);
	assert_int_equal(lp_compiler_warning_count(c), 3);
	lp_compiler_free(c);
	lp_policy_free(p);
}

static void test_missing_policy_header(void **state)
{
	(void)state;
	assert_contains(tu_diagnostics("categories: []\n"),
	                "no file of the policy has a 'policy:' section");
	assert_contains(tu_diagnostics("policy: {name: x}\n"),
	                "policy needs 'version' [missing-key]");
}

static void test_multi_file_policy(void **state)
{
	lp_compiler *c;
	lp_policy *p = NULL;
	/* The rule comes first and uses a category of a later file. */
	const char *rules = "rules:\n  - {id: r, for: report, where: "
	                    "context.harass, outcome: violation, category: x}\n";
	const char *rest = "policy: {name: t, version: '1'}\n"
	                   "signals: [{id: context.harass}]\n"
	                   "categories: [{id: x, kind: k}]\n";

	(void)state;
	assert_int_equal(lp_compiler_new(&c, NULL, NULL), LP_OK);
	assert_int_equal(lp_compiler_add_buffer(c, "1.yaml", rules, strlen(rules)),
	                 LP_OK);
	assert_int_equal(lp_compiler_add_buffer(c, "2.yaml", rest, strlen(rest)),
	                 LP_OK);
	assert_int_equal(lp_compiler_compile(&p, c), LP_OK);
	lp_compiler_free(c);
	assert_verdict(p, "{\"reporter\":{\"role\":\"bystander\"},"
	                  "\"context\":{\"harass\":true}}", "violation");
	lp_policy_free(p);
}

static void test_revision_follows_content(void **state)
{
	lp_policy *a = tu_policy(HEAD), *b = tu_policy(HEAD), *c;
	char ra[17];

	(void)state;
	assert_string_equal(lp_policy_revision(a), lp_policy_revision(b));
	snprintf(ra, sizeof(ra), "%s", lp_policy_revision(a));
	c = tu_policy(HEAD "lists: [{id: l, items: [x]}]\n");
	assert_string_not_equal(ra, lp_policy_revision(c));
	lp_policy_free(a);
	lp_policy_free(b);
	lp_policy_free(c);
}

static void test_load_paths(void **state)
{
	lp_policy *p = NULL;
	unsigned errors = 0;

	(void)state;
	assert_int_equal(lp_policy_load(&p, "/nonexistent/policy", NULL, NULL),
	                 LP_EIO);
	assert_null(p);
	assert_int_equal(lp_policy_load(&p, "/", NULL, NULL), LP_EPOLICY);
	(void)errors;
	/* A subdirectory named like a policy file is not read. */
	{
		char dir[] = "/tmp/lp-policy-XXXXXX", sub[64], file[64];
		FILE *f;

		assert_non_null(mkdtemp(dir));
		snprintf(sub, sizeof(sub), "%s/old.yaml", dir);
		snprintf(file, sizeof(file), "%s/policy.yaml", dir);
		assert_int_equal(mkdir(sub, 0700), 0);
		f = fopen(file, "w");
		assert_non_null(f);
		fputs(HEAD, f);
		fclose(f);
		assert_int_equal(lp_policy_load(&p, dir, NULL, NULL), LP_OK);
		assert_string_equal(lp_policy_name(p), "t");
		lp_policy_free(p);
		remove(file);
		rmdir(sub);
		rmdir(dir);
	}
	p = tu_default();
	assert_string_equal(lp_policy_name(p), "private-information-and-media");
	assert_string_equal(lp_policy_version(p), "2021-11-30");
	lp_policy_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_policy_compiles),
		cmocka_unit_test(test_unknown_key_did_you_mean),
		cmocka_unit_test(test_wrong_types),
		cmocka_unit_test(test_undefined_references),
		cmocka_unit_test(test_duplicate_ids),
		cmocka_unit_test(test_item_limits),
		cmocka_unit_test(test_long_diagnostic_stays_utf8),
		cmocka_unit_test(test_scope_and_outcome_rules),
		cmocka_unit_test(test_otherwise_needs_its_category_or_referral),
		cmocka_unit_test(test_pattern_errors),
		cmocka_unit_test(test_signals_and_labels),
		cmocka_unit_test(test_never_fires_warnings),
		cmocka_unit_test(test_missing_policy_header),
		cmocka_unit_test(test_multi_file_policy),
		cmocka_unit_test(test_revision_follows_content),
		cmocka_unit_test(test_load_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
