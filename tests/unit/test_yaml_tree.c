/* Unit tests of yaml_tree: the YAML reader and the hazards it refuses. */
#include <stdio.h>
#include <string.h>

#include "testutil.h"
#include "yaml_tree.h"

static char messages[4096];

static void collect(const lp_diagnostic *d, void *payload)
{
	size_t len = strlen(messages);

	(void)payload;
	snprintf(messages + len, sizeof(messages) - len, "%u:%u: %s [%s]\n",
	         d->line, d->column, d->message, d->code);
}

static int parse(lp_ynode **root, const char *yaml)
{
	lp_diag_sink sink = {collect, NULL, 0, 0};

	messages[0] = '\0';
	return lp_yaml_parse(root, "t.yaml", yaml, strlen(yaml), &sink);
}

static void test_tree_and_marks(void **state)
{
	lp_ynode *root;
	const lp_ynode *rules, *first;

	(void)state;
	assert_int_equal(parse(&root, "policy:\n  name: x\nrules:\n  - id: a\n"
	                              "    enabled: false\n"), LP_OK);
	assert_int_equal(root->kind, LP_YMAPPING);
	assert_int_equal(LP_YMAP_COUNT(root), 2);
	rules = lp_ymap_get(root, "rules");
	assert_non_null(rules);
	assert_int_equal(rules->kind, LP_YSEQUENCE);
	first = rules->kids[0];
	assert_int_equal(first->mark.line, 4);
	assert_int_equal(first->mark.column, 5);
	assert_string_equal(lp_ymap_get(first, "id")->value, "a");
	assert_int_equal(lp_ymap_get(first, "id")->mark.column, 9);
	assert_null(lp_ymap_get(first, "missing"));
	lp_ynode_free(root);
}

static void test_scalars(void **state)
{
	lp_ynode *root;
	int v = -1;

	(void)state;
	assert_int_equal(parse(&root, "[true, 'true', false, ~, null, '', x]"),
	                 LP_OK);
	assert_int_equal(lp_yscalar_bool(root->kids[0], &v), 0);
	assert_int_equal(v, 1);
	/* A quoted 'true' is text, not a boolean. */
	assert_int_equal(lp_yscalar_bool(root->kids[1], &v), -1);
	assert_int_equal(lp_yscalar_bool(root->kids[2], &v), 0);
	assert_int_equal(v, 0);
	assert_true(lp_yscalar_is_null(root->kids[3]));
	assert_true(lp_yscalar_is_null(root->kids[4]));
	assert_false(lp_yscalar_is_null(root->kids[5]));
	assert_false(lp_yscalar_is_null(root->kids[6]));
	lp_ynode_free(root);
}

/* A message about something inside a scalar points at its column: the
 * characters of the value, each escape counted as it is written. */
static void test_places_inside_scalars(void **state)
{
	lp_ynode *root;
	const lp_ynode *n;

	(void)state;
	assert_int_equal(parse(&root,
	                       "a: \"p\\\\d{2}\xC3\xA9\\x41\\u00e9\\\"z\"\n"
	                       "b: 'it''s x'\n"
	                       "c: \xC3\xA9" "a(b\n"
	                       "d: >-\n  x\n  y(\n"
	                       "e: \"ab\"\n"), LP_OK);
	n = lp_ymap_get(root, "a");
	assert_string_equal(n->value, "p\\d{2}\xC3\xA9" "A\xC3\xA9\"z");
	assert_int_equal(lp_yscalar_mark_at(n, 0).column, 5);
	assert_int_equal(lp_yscalar_mark_at(n, 1).column, 6);  /* \\ */
	assert_int_equal(lp_yscalar_mark_at(n, 2).column, 8);
	assert_int_equal(lp_yscalar_mark_at(n, 5).column, 11);
	assert_int_equal(lp_yscalar_mark_at(n, 6).column, 12); /* é */
	assert_int_equal(lp_yscalar_mark_at(n, 7).column, 12);
	assert_int_equal(lp_yscalar_mark_at(n, 8).column, 13); /* \x41 */
	assert_int_equal(lp_yscalar_mark_at(n, 9).column, 17); /* \u00e9 */
	assert_int_equal(lp_yscalar_mark_at(n, 11).column, 23); /* \" */
	assert_int_equal(lp_yscalar_mark_at(n, 12).column, 25);
	assert_int_equal(lp_yscalar_mark_at(n, 13).column, 26); /* the end */
	assert_int_equal(lp_yscalar_mark_at(n, 13).line, 1);
	n = lp_ymap_get(root, "b");
	assert_int_equal(lp_yscalar_mark_at(n, 2).column, 7);
	assert_int_equal(lp_yscalar_mark_at(n, 3).column, 9);  /* after '' */
	assert_int_equal(lp_yscalar_mark_at(n, 5).column, 11);
	n = lp_ymap_get(root, "c");
	assert_int_equal(lp_yscalar_mark_at(n, 3).column, 6);  /* é is one */
	n = lp_ymap_get(root, "d");
	assert_int_equal(lp_yscalar_mark_at(n, 3).line, 4);    /* its start */
	assert_int_equal(lp_yscalar_mark_at(n, 3).column, 4);
	n = lp_ymap_get(root, "e");
	assert_null(n->quoted);
	assert_int_equal(lp_yscalar_mark_at(n, 1).column, 6);
	lp_ynode_free(root);
}

static void test_empty_document(void **state)
{
	lp_ynode *root = (lp_ynode *)1;

	(void)state;
	assert_int_equal(parse(&root, ""), LP_OK);
	assert_null(root);
	assert_int_equal(parse(&root, "# only a comment\n"), LP_OK);
	assert_null(root);
}

static void test_duplicate_key(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	assert_int_equal(parse(&root, "a: 1\nb: 2\na: 3\n"), LP_EPOLICY);
	assert_null(root);
	assert_contains(messages, "3:1: duplicate key 'a' (first given at line 1, "
	                          "column 1) [duplicate-key]");
}

static void test_alias_and_anchor_refused(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	assert_int_equal(parse(&root, "a: &x [1, 2]\nb: *x\n"), LP_EPOLICY);
	assert_contains(messages, "1:4: anchors (&x) are not allowed");
	assert_int_equal(parse(&root, "b: *x\n"), LP_EPOLICY);
	assert_contains(messages, "[syntax]");
}

static void test_billion_laughs_refused(void **state)
{
	const char *yaml = "a: &a [x, x, x, x, x, x, x, x, x]\n"
	                   "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	                   "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
	lp_ynode *root = NULL;

	(void)state;
	assert_int_equal(parse(&root, yaml), LP_EPOLICY);
	assert_null(root);
}

static void test_depth_limit(void **state)
{
	char yaml[512];
	lp_ynode *root = NULL;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < LP_MAX_YAML_DEPTH + 1; i++)
		yaml[n++] = '[';
	for (i = 0; i < LP_MAX_YAML_DEPTH + 1; i++)
		yaml[n++] = ']';
	yaml[n] = '\0';
	assert_int_equal(parse(&root, yaml), LP_EPOLICY);
	assert_contains(messages, "nesting deeper than");
	/* Exactly at the limit is fine. */
	for (i = 0; i < LP_MAX_YAML_DEPTH; i++)
		yaml[i] = '[';
	for (i = 0; i < LP_MAX_YAML_DEPTH; i++)
		yaml[LP_MAX_YAML_DEPTH + i] = ']';
	yaml[2 * LP_MAX_YAML_DEPTH] = '\0';
	assert_int_equal(parse(&root, yaml), LP_OK);
	lp_ynode_free(root);
}

static void test_multiple_documents(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	assert_int_equal(parse(&root, "a: 1\n---\nb: 2\n"), LP_EPOLICY);
	assert_contains(messages, "one YAML document");
}

static void test_tags_refused(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	assert_int_equal(parse(&root, "a: !!python/object x\n"), LP_EPOLICY);
	assert_contains(messages, "explicit tags");
}

static void test_syntax_errors_have_places(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	/* A tab cannot indent YAML. */
	assert_int_equal(parse(&root, "a:\n\t- b\n"), LP_EPOLICY);
	assert_contains(messages, "2:1:");
	assert_int_equal(parse(&root, "a: [1, 2\n"), LP_EPOLICY);
	assert_contains(messages, "[syntax]");
	/* A quote left open is found at the end, but named where it begins. */
	assert_int_equal(parse(&root, "a: 1\nb: \"open\nc: 3\nd: 4\n"), LP_EPOLICY);
	assert_contains(messages, "5:1: found unexpected end of stream while "
	                "scanning a quoted scalar that begins at line 2, column 4");
	/* Not UTF-8: placed at the bad byte, not at the start. */
	assert_int_equal(parse(&root, "a: 1\nb: caf\xe9\n"), LP_EPOLICY);
	assert_contains(messages, "2:7: incomplete UTF-8 octet sequence [syntax]");
}

static void test_every_problem_is_found(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	/* An earlier problem does not stop the reading: each is named. */
	assert_int_equal(parse(&root, "a: 1\na: 2\nc: &x 3\nd: !!str 4\n"
	                              "e: 5\ne: 6\n"), LP_EPOLICY);
	assert_null(root);
	assert_contains(messages, "2:1: duplicate key 'a'");
	assert_contains(messages, "3:4: anchors (&x)");
	assert_contains(messages, "4:4: explicit tags");
	assert_contains(messages, "6:1: duplicate key 'e'");
}

static void test_non_scalar_key(void **state)
{
	lp_ynode *root = NULL;

	(void)state;
	assert_int_equal(parse(&root, "? [a, b]\n: 1\n"), LP_EPOLICY);
	assert_contains(messages, "a mapping key must be a plain name");
}

static void test_file_size_limit(void **state)
{
	lp_diag_sink sink = {collect, NULL, 0, 0};
	lp_ynode *root = NULL;

	(void)state;
	messages[0] = '\0';
	/* The size is checked before anything is read. */
	assert_int_equal(lp_yaml_parse(&root, "big.yaml", "a: 1",
	                               (size_t)LP_MAX_POLICY_FILE_BYTES + 1, &sink),
	                 LP_EPOLICY);
	assert_contains(messages, "bytes a policy file may hold: split it");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_and_marks),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_places_inside_scalars),
		cmocka_unit_test(test_empty_document),
		cmocka_unit_test(test_duplicate_key),
		cmocka_unit_test(test_alias_and_anchor_refused),
		cmocka_unit_test(test_billion_laughs_refused),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_multiple_documents),
		cmocka_unit_test(test_tags_refused),
		cmocka_unit_test(test_syntax_errors_have_places),
		cmocka_unit_test(test_every_problem_is_found),
		cmocka_unit_test(test_non_scalar_key),
		cmocka_unit_test(test_file_size_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
