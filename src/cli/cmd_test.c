/*
 * cmd_test.c - `policyctl test`: runs policy test files, which pair a
 * report with the decision it must get (verdict, actions, categories,
 * referrals and, optionally, the rules, exceptions and missing signals
 * behind it), in the spirit of Cedar's run-tests.
 */
#include <dirent.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "cli.h"
#include "yaml_tree.h"

static const char usage[] =
	"usage: policyctl test [--policy PATH] [--verbose] PATH...\n"
	"\n"
	"Runs policy test files (YAML; a directory runs every *.yaml in it).\n"
	"Each file may name its policy with `policy: PATH` (relative to the\n"
	"file); --policy overrides it; the default is the built-in policy.\n"
	"\n"
	"  tests:\n"
	"    - name: address shared by a bystander\n"
	"      report: {content: {text: \"...\"}, reporter: {role: bystander}}\n"
	"      expect:\n"
	"        verdict: violation\n"
	"        actions: [remove_content, lock_account]\n"
	"        categories: [home_address]\n"
	"        referrals: []\n"
	"        rules: [private-information]         # optional\n"
	"        exceptions: [consent]                # optional\n"
	"        missing_signals: [subject.consented] # optional\n"
	"\n"
	"Lists are compared as sets; an 'expect' with no key, an unknown\n"
	"key or an empty 'error' fails. Prints each failure with what was\n"
	"expected and what came, then 'N passed, N failed'.\n"
	"\n"
	"      --policy PATH     the policy to test\n"
	"      --verbose         also name the tests that pass, and show the\n"
	"                        explanation of each failure's decision\n"
	"Exit status: 0 all passed, 1 some failed, 2 a file or policy could\n"
	"not be read.\n";

typedef struct totals {
	unsigned passed;
	unsigned failed;
	int broken;
	int verbose;
} totals;

typedef struct strs {
	const char *v[256];
	size_t n;
} strs;

static void add(strs *s, const char *v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return;
	if (s->n < 256)
		s->v[s->n++] = v;
}

static int has(const strs *s, const char *v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->v[i], v) == 0)
			return 1;
	return 0;
}

static void print_set(const strs *s)
{
	size_t i;

	putchar('[');
	for (i = 0; i < s->n; i++)
		printf("%s%s", i ? ", " : "", s->v[i]);
	putchar(']');
}

static void failure_head(const lp_ynode *test, const char *name, int *first)
{
	if (*first)
		printf("%s:%u:%u: FAIL %s\n", test->mark.file, test->mark.line,
		       test->mark.column, name);
	*first = 0;
}

/* Compares one expected list with what the decision gave. */
static int compare_set(const lp_ynode *expect, const char *key, const strs *got,
                       const lp_ynode *test, const char *name, int *first)
{
	const lp_ynode *list = lp_ymap_get(expect, key);
	strs want = {{0}, 0};
	size_t i;
	int same;

	if (!list)
		return 1;
	if (list->kind != LP_YSEQUENCE) {
		failure_head(test, name, first);
		printf("  %s: expected a list in the test file\n", key);
		return 0;
	}
	for (i = 0; i < list->n; i++)
		if (list->kids[i]->kind == LP_YSCALAR)
			add(&want, list->kids[i]->value);
	same = want.n == got->n;
	for (i = 0; same && i < want.n; i++)
		same = has(got, want.v[i]);
	if (same)
		return 1;
	failure_head(test, name, first);
	printf("  %s:\n    expected ", key);
	print_set(&want);
	printf("\n    got      ");
	print_set(got);
	printf("\n");
	for (i = 0; i < want.n; i++)
		if (!has(got, want.v[i]))
			printf("    - missing: %s\n", want.v[i]);
	for (i = 0; i < got->n; i++)
		if (!has(&want, got->v[i]))
			printf("    + unexpected: %s\n", got->v[i]);
	return 0;
}

/* What an 'expect' mapping may hold. */
static const char *const expect_keys[] = {
	"verdict", "actions", "categories", "rules", "referrals", "exceptions",
	"missing_signals", "error", NULL
};

/* A test that would check nothing, or not what its author meant (a
 * misspelt key, an empty 'error' that any rejection contains), is a
 * broken test: says why and returns 0. */
static int expect_ok(const lp_ynode *expect, size_t index)
{
	size_t i, k;

	if (LP_YMAP_COUNT(expect) == 0) {
		printf("%s:%u:%u: test %zu: expect is empty: give a verdict, "
		       "lists or an error\n", expect->mark.file, expect->mark.line,
		       expect->mark.column, index + 1);
		return 0;
	}
	for (i = 0; i < LP_YMAP_COUNT(expect); i++) {
		const lp_ynode *key = LP_YMAP_KEY(expect, i);
		const lp_ynode *value = LP_YMAP_VALUE(expect, i);

		for (k = 0; expect_keys[k]; k++)
			if (key->kind == LP_YSCALAR && strcmp(key->value, expect_keys[k]) == 0)
				break;
		if (!expect_keys[k]) {
			printf("%s:%u:%u: test %zu: unknown key '%s' in expect "
			       "(verdict, actions, categories, rules, referrals, "
			       "exceptions, missing_signals or error)\n",
			       key->mark.file, key->mark.line, key->mark.column,
			       index + 1, key->kind == LP_YSCALAR ? key->value : "?");
			return 0;
		}
		if (strcmp(key->value, "error") == 0 &&
		    (value->kind != LP_YSCALAR || value->len == 0)) {
			printf("%s:%u:%u: test %zu: error takes a part of the "
			       "message that rejects the report, not empty\n",
			       value->mark.file, value->mark.line, value->mark.column,
			       index + 1);
			return 0;
		}
	}
	return 1;
}

static void passed(const lp_ynode *test, const char *name, totals *t)
{
	if (t->verbose)
		printf("%s:%u:%u: ok %s\n", test->mark.file, test->mark.line,
		       test->mark.column, name);
	t->passed++;
}

static void run_test(const lp_policy *p, const lp_ynode *test, size_t index,
                     totals *t)
{
	const lp_ynode *report = lp_ymap_get(test, "report");
	const lp_ynode *expect = lp_ymap_get(test, "expect");
	const lp_ynode *name_node = lp_ymap_get(test, "name");
	char name[256];
	char *json;
	lp_decision *d = NULL;
	lp_error err;
	strs got;
	size_t i, n;
	int ok = 1, first = 1, rc;

	snprintf(name, sizeof(name), "%s",
	         name_node && name_node->kind == LP_YSCALAR ? name_node->value
	                                                    : "(unnamed)");
	if (!report || !expect || expect->kind != LP_YMAPPING) {
		printf("%s:%u:%u: test %zu needs 'report' and an 'expect' mapping\n",
		       test->mark.file, test->mark.line, test->mark.column, index + 1);
		t->failed++;
		return;
	}
	if (!expect_ok(expect, index)) {
		t->failed++;
		return;
	}
	json = cli_yaml_to_json(report);
	memset(&err, 0, sizeof(err));
	rc = json ? lp_evaluate_json(&d, p, json, strlen(json), index + 1, &err)
	          : LP_ENOMEM;
	lp_free(json);
	if (rc != LP_OK) {
		const lp_ynode *ve = lp_ymap_get(expect, "error");

		/* A test may expect the report to be rejected. */
		if (ve && ve->kind == LP_YSCALAR && strstr(err.message, ve->value)) {
			passed(test, name, t);
			return;
		}
		failure_head(test, name, &first);
		printf("  report rejected: %s\n", err.message);
		t->failed++;
		return;
	}
	if (lp_ymap_get(expect, "error")) {
		failure_head(test, name, &first);
		printf("  expected the report to be rejected, but it was evaluated\n");
		ok = 0;
	}
	{
		const lp_ynode *v = lp_ymap_get(expect, "verdict");
		const char *verdict = lp_verdict_name(lp_decision_verdict(d));

		if (v && (v->kind != LP_YSCALAR || strcmp(v->value, verdict) != 0)) {
			failure_head(test, name, &first);
			printf("  verdict:\n    expected %s\n    got      %s\n",
			       v->kind == LP_YSCALAR ? v->value : "?", verdict);
			ok = 0;
		}
	}
#define SET(key, count_fn, item_fn)                      \
	do {                                                 \
		got.n = 0;                                       \
		n = count_fn(d);                                 \
		for (i = 0; i < n; i++)                          \
			add(&got, item_fn(d, i));                    \
		ok &= compare_set(expect, key, &got, test, name, &first); \
	} while (0)
	SET("actions", lp_decision_action_count, lp_decision_action);
	SET("categories", lp_decision_violation_count,
	    lp_decision_violation_category);
	SET("rules", lp_decision_violation_count, lp_decision_violation_rule);
	SET("referrals", lp_decision_referral_count, lp_decision_referral);
	SET("exceptions", lp_decision_exception_count,
	    lp_decision_exception_reason);
	SET("missing_signals", lp_decision_missing_signal_count,
	    lp_decision_missing_signal);
#undef SET
	if (!ok && t->verbose) {
		n = lp_decision_explanation_count(d);
		printf("  explanation:\n");
		for (i = 0; i < n; i++)
			printf("    %s\n", lp_decision_explanation(d, i));
	}
	if (ok)
		passed(test, name, t);
	else
		t->failed++;
	lp_decision_free(d);
}

static void print_diag(const lp_diagnostic *d, void *payload)
{
	(void)payload;
	cli_print_diagnostic(d, stdout);
}

static void run_file(const char *path, const char *policy_override, totals *t)
{
	lp_diag_sink sink = {print_diag, NULL, 0, 0};
	lp_ynode *root = NULL;
	const lp_ynode *tests, *pol;
	lp_policy *p = NULL;
	char *data;
	size_t len, i;

	if (cli_read_file(path, &data, &len, LP_MAX_POLICY_FILE_BYTES) != 0) {
		t->broken = 1;
		return;
	}
	if (lp_yaml_parse(&root, path, data, len, &sink) != LP_OK || !root ||
	    root->kind != LP_YMAPPING) {
		if (root || !sink.errors)
			printf("%s: a test file is a mapping with 'tests:'\n", path);
		t->broken = 1;
		lp_ynode_free(root);
		free(data);
		return;
	}
	pol = lp_ymap_get(root, "policy");
	if (policy_override) {
		p = cli_load_policy(policy_override, 1);
	} else if (pol && pol->kind == LP_YSCALAR) {
		char *copy = strdup(path), full[4096];

		snprintf(full, sizeof(full), "%s/%s", dirname(copy), pol->value);
		free(copy);
		p = cli_load_policy(pol->value[0] == '/' ? pol->value : full, 1);
	} else {
		p = cli_load_policy(NULL, 1);
	}
	tests = lp_ymap_get(root, "tests");
	if (!p) {
		t->broken = 1;
	} else if (!tests || tests->kind != LP_YSEQUENCE) {
		printf("%s:%u:%u: a test file needs a 'tests:' list\n", path,
		       root->mark.line, root->mark.column);
		t->broken = 1;
	} else {
		for (i = 0; i < tests->n; i++) {
			if (tests->kids[i]->kind != LP_YMAPPING) {
				printf("%s:%u:%u: each test is a mapping\n", path,
				       tests->kids[i]->mark.line,
				       tests->kids[i]->mark.column);
				t->failed++;
				continue;
			}
			run_test(p, tests->kids[i], i, t);
		}
	}
	lp_policy_free(p);
	lp_ynode_free(root);
	free(data);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path, const char *policy, totals *t)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;
	char *names[1024];
	size_t n = 0, i;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		run_file(path, policy, t);
		return;
	}
	dir = opendir(path);
	if (!dir) {
		cli_error("test: cannot open %s", path);
		t->broken = 1;
		return;
	}
	while ((de = readdir(dir)) != NULL && n < 1024) {
		size_t l = strlen(de->d_name);
		char full[4096];

		if (de->d_name[0] == '.' || l < 6 ||
		    strcmp(de->d_name + l - 5, ".yaml") != 0)
			continue;
		snprintf(full, sizeof(full), "%s/%s", path, de->d_name);
		names[n++] = strdup(full);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		if (names[i])
			run_file(names[i], policy, t);
		free(names[i]);
	}
}

int cmd_test(int argc, char **argv)
{
	static const struct option opts[] = {
		{"policy", required_argument, NULL, 'p'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *policy = NULL;
	totals t = {0, 0, 0, 0};
	int c, i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:vh", opts, NULL)) != -1) {
		switch (c) {
		case 'p': policy = optarg; break;
		case 'v': t.verbose = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++)
		run_path(argv[i], policy, &t);
	printf("%u passed, %u failed\n", t.passed, t.failed);
	if (t.broken)
		return EXIT_USAGE;
	return t.failed ? 1 : 0;
}
