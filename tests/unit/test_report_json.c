/* Unit tests of JSON report parsing: a report is read whole or refused with
 * the field at fault (SPEC §2). */
#include <stdlib.h>
#include <string.h>

#include "eval.h"
#include "json_doc.h"
#include "testutil.h"

static lp_policy *policy;

static int setup(void **state)
{
	(void)state;
	policy = tu_default();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	lp_policy_free(policy);
	return 0;
}

#define ROLE "\"reporter\":{\"role\":\"bystander\"}"

static void reject(const char *json, int status, const char *message)
{
	assert_contains(tu_reject(policy, json, status), message);
}

/* The parser sizes its node area from the text's length alone. The texts
 * with the most values per byte parse to the right number of nodes, and
 * every prefix of them is refused; each is parsed from an allocation of
 * its exact size, so that under ASan a read past the text, or a node past
 * the area, is caught. */
static void count_nodes(const lp_jnode *n, size_t *count)
{
	for (; n; n = n->next) {
		(*count)++;
		count_nodes(n->child, count);
	}
}

static void check_dense(const char *text, size_t values)
{
	size_t len = strlen(text), cut, count = 0;
	lp_jdoc doc;

	for (cut = 0; cut <= len; cut++) {
		char *copy = malloc(cut ? cut : 1);

		assert_non_null(copy);
		memcpy(copy, text, cut);
		if (cut < len) {
			assert_int_not_equal(lp_jdoc_parse(&doc, copy, cut, NULL), LP_OK);
		} else {
			assert_int_equal(lp_jdoc_parse(&doc, copy, cut, NULL), LP_OK);
			count_nodes(doc.root, &count);
			assert_int_equal(count, values);
			lp_jdoc_free(&doc);
		}
		free(copy);
	}
}

static void test_densest_texts(void **state)
{
	char text[1024];
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < LP_MAX_JSON_DEPTH; i++)
		text[n++] = '[';
	for (i = 0; i < LP_MAX_JSON_DEPTH; i++)
		text[n++] = ']';
	text[n] = '\0';
	check_dense(text, LP_MAX_JSON_DEPTH);
	n = 0;
	text[n++] = '[';
	for (i = 0; i < 300; i++) {
		text[n++] = '0';
		text[n++] = ',';
	}
	text[n - 1] = ']';
	text[n] = '\0';
	check_dense(text, 301);
	check_dense("[[],[],[[]],{},{\"a\":[0]},\"\\ud83d\\ude00\"]", 10);
}

/* A backslash followed by a NUL byte is no escape: the byte must not be
 * taken for the end of the list of escape letters (found by fuzzing). */
static void test_escape_of_nul_byte(void **state)
{
	static const char json[] =
		"{" ROLE ",\"id\":\"a\\\0b\"}";
	lp_decision *d = NULL;
	lp_error err;

	(void)state;
	memset(&err, 0, sizeof(err));
	assert_int_equal(lp_evaluate_json(&d, policy, json, sizeof(json) - 1, 1,
	                                  &err), LP_EINVALID);
	assert_null(d);
	assert_non_null(strstr(err.message, "an invalid escape"));
}

static void test_minimal_report(void **state)
{
	(void)state;
	assert_verdict(policy, "{" ROLE "}", "no_violation");
	/* Unknown fields are ignored (forward compatibility). */
	assert_verdict(policy, "{" ROLE ",\"future\":{\"x\":[1,2]},\"context\":"
	                       "{\"mood\":\"sunny\"}}", "no_violation");
}

static void test_reporter_required(void **state)
{
	(void)state;
	reject("{}", LP_EINVALID, "reporter.role: required");
	reject("{\"reporter\":{}}", LP_EINVALID, "reporter.role: required");
	reject("{\"reporter\":\"subject\"}", LP_EINVALID,
	       "reporter: expected object");
	reject("{\"reporter\":{\"role\":\"victim\"}}", LP_EINVALID,
	       "reporter.role: 'victim' is not one of subject");
	reject("{\"reporter\":{\"role\":1}}", LP_EINVALID,
	       "reporter.role: expected string");
}

static void test_wrong_types_name_the_field(void **state)
{
	(void)state;
	reject("{" ROLE ",\"subject\":{\"public_figure\":\"yes\"}}", LP_EINVALID,
	       "subject.public_figure: expected boolean");
	reject("{" ROLE ",\"context\":{\"public_event\":1}}", LP_EINVALID,
	       "context.public_event: expected boolean");
	reject("{" ROLE ",\"context\":{\"region\":\"usa\"}}", LP_EINVALID,
	       "context.region: expected an ISO 3166-1 alpha-2 code");
	reject("{" ROLE ",\"content\":{\"text\":5}}", LP_EINVALID,
	       "content.text: expected string");
	reject("{" ROLE ",\"content\":[]}", LP_EINVALID,
	       "content: expected object");
	reject("{" ROLE ",\"content\":{\"media\":{}}}", LP_EINVALID,
	       "content.media: expected array");
	reject("{" ROLE ",\"content\":{\"media\":[{\"type\":\"photo\"}]}}",
	       LP_EINVALID, "content.media[0].type: 'photo' is not one of");
	reject("{" ROLE ",\"content\":{\"media\":[{\"depicts_person\":true}]}}",
	       LP_EINVALID, "content.media[0].type: required");
	reject("{" ROLE ",\"content\":{\"media\":[{\"type\":\"gif\"},"
	       "{\"type\":\"image\",\"nudity\":\"no\"}]}}",
	       LP_EINVALID, "content.media[1].nudity: expected boolean");
	reject("{" ROLE ",\"content\":{\"labels\":[\"shoe_size\"]}}", LP_EINVALID,
	       "content.labels[0]: unknown label 'shoe_size'");
	reject("{" ROLE ",\"content\":{\"labels\":[7]}}", LP_EINVALID,
	       "content.labels[0]: expected string");
	reject("{" ROLE ",\"subject\":null}", LP_EINVALID,
	       "subject: expected object");
}

static void test_numbers(void **state)
{
	(void)state;
	reject("{" ROLE ",\"author\":{\"prior_violations\":-1}}", LP_EINVALID,
	       "author.prior_violations: expected a whole number >= 0");
	reject("{" ROLE ",\"author\":{\"prior_violations\":1.5}}", LP_EINVALID,
	       "author.prior_violations");
	reject("{" ROLE ",\"author\":{\"prior_violations\":1e300}}", LP_EINVALID,
	       "author.prior_violations");
	reject("{" ROLE ",\"author\":{\"prior_violations\":\"2\"}}", LP_EINVALID,
	       "author.prior_violations");
	reject("{" ROLE ",\"id\":1.5}", LP_EINVALID,
	       "id: expected string or integer");
	reject("{" ROLE ",\"id\":9007199254740993}", LP_EINVALID,
	       "send the id as a string");
	reject("{" ROLE ",\"id\":-9007199254740993}", LP_EINVALID,
	       "send the id as a string");
	/* 9007199254740993 parses to 2^53 as well: only the digits tell. */
	reject("{" ROLE ",\"id\":9007199254740993.0}", LP_EINVALID, "id:");
	reject("{" ROLE ",\"id\":true}", LP_EINVALID, "id: expected string");
	/* An integer id is written as one: no fraction, no exponent. */
	reject("{" ROLE ",\"id\":1.0}", LP_EINVALID,
	       "id: expected string or integer");
	reject("{" ROLE ",\"id\":1e3}", LP_EINVALID,
	       "id: expected string or integer");
	reject("{" ROLE ",\"author\":{\"prior_violations\":2E0}}", LP_EINVALID,
	       "author.prior_violations: expected a whole number >= 0");
}

static void test_ids_are_echoed(void **state)
{
	(void)state;
	assert_contains(tu_eval_json(policy, "{\"id\":\"r-1\"," ROLE "}"),
	                "{\"id\":\"r-1\",");
	assert_contains(tu_eval_json(policy, "{\"id\":9007199254740991," ROLE "}"),
	                "{\"id\":9007199254740991,");
	assert_contains(tu_eval_json(policy, "{\"id\":9007199254740992," ROLE "}"),
	                "{\"id\":9007199254740992,");
	assert_contains(tu_eval_json(policy, "{" ROLE ",\"id\":-9007199254740992}"),
	                "{\"id\":-9007199254740992,");
	assert_contains(tu_eval_json(policy, "{\"id\":-42," ROLE "}"),
	                "{\"id\":-42,");
	/* As written: -0 is not 0, and 0 is not -0. */
	assert_contains(tu_eval_json(policy, "{\"id\":-0," ROLE "}"),
	                "{\"id\":-0,");
	assert_contains(tu_eval_json(policy, "{\"id\":0," ROLE "}"),
	                "{\"id\":0,");
	assert_contains(tu_eval_json(policy, "{\"id\":\"\\u00e9\\\"q\"," ROLE "}"),
	                "{\"id\":\"\xc3\xa9\\\"q\",");
	/* No id: the record number (1 in tu_eval_json). */
	assert_contains(tu_eval_json(policy, "{" ROLE "}"), "{\"id\":1,");
}

static void test_hazards(void **state)
{
	(void)state;
	/* cJSON would cut the text at the NUL: refuse instead of half-reading. */
	reject("{" ROLE ",\"content\":{\"text\":\"a\\u0000 555-123-4567\"}}",
	       LP_EINVALID, "content.text: holds \\u0000");
	reject("{" ROLE ",\"content\":{\"media\":[{\"type\":\"image\"},"
	       "{\"type\":\"im\\u0000age\"}]}}",
	       LP_EINVALID, "content.media[1].type: holds \\u0000");
	/* An escaped backslash before u0000 is not a NUL. */
	assert_verdict(policy, "{" ROLE ",\"content\":{\"text\":\"a\\\\u0000\"}}",
	               "no_violation");
	reject("{" ROLE ",\"content\":{\"text\":\"caf\xe9\"}}", LP_EINVALID,
	       "content.text: not valid UTF-8");
	reject("{" ROLE ",\"context\":{\"re\xffgion\":\"SE\"}}", LP_EINVALID,
	       "context: not valid UTF-8");
	reject("{" ROLE ",\"content\":{\"text\":\"\xed\xa0\x80\"}}", LP_EINVALID,
	       "not valid UTF-8");
	reject("{" ROLE ",\"content\":{\"text\":\"\xc0\xaf\"}}", LP_EINVALID,
	       "not valid UTF-8");
	reject("{" ROLE "," ROLE "}", LP_EINVALID, "reporter: duplicated key");
	reject("{\"id\":1,\"id\":2," ROLE "}", LP_EINVALID, "id: duplicated key");
	/* Keys are compared as decoded: "\u0069d" is "id". */
	reject("{\"id\":1,\"\\u0069d\":2," ROLE "}", LP_EINVALID,
	       "id: duplicated key");
	assert_verdict(policy, "{\"repor\\u0074er\":{\"role\":\"subject\"},"
	                       "\"context\":{\"threat_to_expose\":true}}",
	               "violation");
	/* Duplicates are refused in unknown objects too. */
	reject("{" ROLE ",\"x\":{\"y\":[{\"a\":1,\"a\":1}]}}", LP_EINVALID,
	       "x.y[].a: duplicated key");
	reject("{" ROLE ",\"subject\":{\"consented\":true,\"consented\":false}}",
	       LP_EINVALID, "subject.consented: duplicated key");
	reject("{" ROLE ",\"subject\":{\"Public_Figure\":true}}", LP_EINVALID,
	       "subject.Public_Figure: unknown field; did you mean public_figure?");
	reject("{" ROLE ",\"Context\":{}}", LP_EINVALID,
	       "report.Context: unknown field; did you mean context?");
	reject("{" ROLE ",\"content\":{\"TEXT\":\"x\"}}", LP_EINVALID,
	       "content.TEXT: unknown field; did you mean text?");
	reject("{\"reporter\":{\"Role\":\"subject\"}}", LP_EINVALID,
	       "reporter.Role: unknown field; did you mean role?");
	reject("{" ROLE ",\"content\":{\"media\":[{\"type\":\"image\"},"
	       "{\"type\":\"gif\",\"Nudity\":true}]}}", LP_EINVALID,
	       "content.media[1].Nudity: unknown field; did you mean nudity?");
	/* Unknown members that are no case variant are ignored. */
	assert_verdict(policy, "{" ROLE ",\"content\":{\"texts\":\"x\","
	                       "\"media\":[{\"type\":\"image\",\"size\":1}]},"
	                       "\"extra\":1}", "no_violation");
	/* A role or media type is the whole word, not a prefix of one. */
	reject("{\"reporter\":{\"role\":\"subjec\"}}", LP_EINVALID,
	       "'subjec' is not one of");
	reject("{\"reporter\":{\"role\":\"subjects\"}}", LP_EINVALID,
	       "'subjects' is not one of");
	reject("{" ROLE ",\"content\":{\"media\":[{\"type\":\"imag\"}]}}",
	       LP_EINVALID, "'imag' is not one of");
	reject("[{" ROLE "}]", LP_EINVALID, "expected a JSON object");
	reject("{" ROLE "} {}", LP_EINVALID, "unexpected text after");
	reject("{" ROLE ",\"content\":{\"text\":\"abc", LP_EINVALID, "truncated");
	reject("{" ROLE ",}", LP_EINVALID, "invalid JSON");
	reject("", LP_EINVALID, "the input is empty");
	reject("  \n ", LP_EINVALID, "the input is empty");
}

/* A report cut from a larger input (a line of JSON Lines, an element of
 * an array) gives positions in that input: the origin is where its
 * first byte stands, leading white space moves it, and only the first
 * line's columns are shifted. */
static void reject_at(const char *json, unsigned long line,
                      unsigned long column, const char *message)
{
	lp_eval_scratch sc;
	lp_decision *d = NULL;
	lp_jorigin at;
	lp_error err;

	at.line = line;
	at.column = column;
	memset(&err, 0, sizeof(err));
	lp_eval_scratch_init(&sc);
	assert_int_equal(lp_evaluate_json_in(&d, policy, &sc, json, strlen(json),
	                                     1, &at, &err),
	                 LP_EINVALID);
	assert_null(d);
	assert_contains(err.message, message);
	lp_eval_scratch_free(&sc);
}

static void test_syntax_errors_from_an_origin(void **state)
{
	(void)state;
	reject_at("{" ROLE " \"id\":1}", 7, 5,
	          "invalid JSON at line 7, column 38 (after reporter)");
	reject_at("{" ROLE ",\n\"content\":{\"text\":\"x\",}}", 7, 5,
	          "at line 8, column 23 (in content)");
	reject_at("\n  {" ROLE " \"id\":1}", 7, 5,
	          "invalid JSON at line 8, column 36 (after reporter)");
	reject_at("  {" ROLE " \"id\":1}", 1, 1,
	          "invalid JSON at line 1, column 36 (after reporter)");
}

/* The public lp_evaluate_json_at: positions from the caller's origin, a
 * decision as lp_evaluate_json gives one, and an origin of 0 refused. */
static void test_evaluate_json_at(void **state)
{
	static const char bad[] = "{" ROLE ",\n\"content\":{\"text\":\"x\",}}";
	static const char good[] = "{" ROLE "}";
	lp_decision *d = NULL, *e = NULL;
	lp_error err;

	(void)state;
	memset(&err, 0, sizeof(err));
	assert_int_equal(lp_evaluate_json_at(&d, policy, bad, strlen(bad), 1, 40, 9,
	                                     &err),
	                 LP_EINVALID);
	assert_null(d);
	assert_contains(err.message, "at line 41, column 23 (in content)");
	assert_int_equal(lp_evaluate_json_at(&d, policy, bad, strlen(bad), 1, 1, 1,
	                                     &err),
	                 LP_EINVALID);
	assert_contains(err.message, "at line 2, column 23 (in content)");
	assert_int_equal(lp_evaluate_json_at(&d, policy, good, strlen(good), 3, 7, 2,
	                                     &err),
	                 LP_OK);
	assert_int_equal(lp_evaluate_json(&e, policy, good, strlen(good), 3, &err),
	                 LP_OK);
	assert_int_equal(lp_decision_verdict(d), lp_decision_verdict(e));
	lp_decision_free(d);
	lp_decision_free(e);
	d = (lp_decision *)&err; /* set to NULL on failure */
	assert_int_equal(lp_evaluate_json_at(&d, policy, good, strlen(good), 1, 0, 1,
	                                     &err),
	                 LP_EINVALID);
	assert_null(d);
	assert_contains(err.message, "count from 1");
	d = (lp_decision *)&err;
	assert_int_equal(lp_evaluate_json_at(&d, policy, good, strlen(good), 1, 1, 0,
	                                     &err),
	                 LP_EINVALID);
	assert_null(d);
}

static void test_syntax_errors_have_places(void **state)
{
	(void)state;
	reject("{" ROLE " \"id\":1}", LP_EINVALID,
	       "invalid JSON at line 1, column 34 (after reporter): expected ',' "
	       "or a closing bracket");
	reject("{" ROLE ",\n\"content\":{\"text\":\"x\",}}", LP_EINVALID,
	       "at line 2, column 23 (in content): expected a member name");
	reject("{" ROLE ",\"subject\":{\"consented\":tru}}", LP_EINVALID,
	       "column 57 (in subject.consented): expected a value");
	reject("{" ROLE ",\"author\":{\"prior_violations\":01}}", LP_EINVALID,
	       "a malformed number");
	reject("{" ROLE ",\"author\":{\"prior_violations\":1.}}", LP_EINVALID,
	       "a malformed number");
	reject("{" ROLE ",\"author\":{\"prior_violations\":+1}}", LP_EINVALID,
	       "expected a value");
	reject("{" ROLE ",\"content\":{\"text\":\"\\ud83d x\"}}", LP_EINVALID,
	       "a high surrogate not followed by a low surrogate");
	reject("{" ROLE ",\"content\":{\"text\":\"\\ude00\"}}", LP_EINVALID,
	       "a lone low surrogate");
	reject("{" ROLE ",\"content\":{\"text\":\"\\q\"}}", LP_EINVALID,
	       "an invalid escape");
	reject("{" ROLE ",\"content\":{\"text\":\"a\tb\"}}", LP_EINVALID,
	       "a control character inside a string");
	reject("{" ROLE ",\"content\":{\"text\":\"\\u12G4\"}}", LP_EINVALID,
	       "four hexadecimal digits");
	reject("{" ROLE ",\"content\":{\"text\":\xc3\xa9t\xc3\xa9}}", LP_EINVALID,
	       "text must be in quotes");
	reject("{" ROLE "}}", LP_EINVALID, "unexpected text after the JSON value");
	reject("{" ROLE ",\"content\":{\"media\":[", LP_EINVALID,
	       "truncated JSON (the input ends inside content.media[0])");
	reject("{" ROLE ",\"id\":-", LP_EINVALID, "truncated JSON");
	reject("{" ROLE ",\"x\":nul", LP_EINVALID, "truncated JSON");
	reject("{\"reporter\"", LP_EINVALID, "truncated JSON");
}

static void test_valid_json_edges(void **state)
{
	(void)state;
	/* Escapes, a surrogate pair, exponents, nested unknown fields. */
	assert_contains(tu_eval_json(policy, "{\"id\":\"\\ud83d\\ude00\\n\\/\"," ROLE
	                                     ",\"x\":[1e5,-0.5E-3,0,{\"a\":null}]}"),
	                "{\"id\":\"\xf0\x9f\x98\x80\\n/\",");
	assert_verdict(policy, " \r\n\t{" ROLE "}\n", "no_violation");
}

static void test_limits(void **state)
{
	char *json;
	size_t i, n;

	(void)state;
	/* 10,000-deep nesting is refused before cJSON recurses into it. */
	json = malloc(20000 + 64);
	n = (size_t)sprintf(json, "{" ROLE ",\"x\":");
	for (i = 0; i < 10000; i++)
		json[n++] = '[';
	for (i = 0; i < 10000; i++)
		json[n++] = ']';
	json[n++] = '}';
	json[n] = '\0';
	reject(json, LP_ELIMIT, "nested deeper than");
	free(json);

	json = malloc(LP_MAX_TEXT_BYTES + 128);
	n = (size_t)sprintf(json, "{" ROLE ",\"content\":{\"text\":\"");
	memset(json + n, 'a', LP_MAX_TEXT_BYTES + 1);
	n += LP_MAX_TEXT_BYTES + 1;
	strcpy(json + n, "\"}}");
	reject(json, LP_ELIMIT, "content.text:");
	free(json);

	/* Over the size limit: content, not white space, counts. */
	json = malloc(LP_MAX_REPORT_BYTES + 128);
	n = (size_t)sprintf(json, "{\"x\":\"");
	memset(json + n, 'a', LP_MAX_REPORT_BYTES);
	strcpy(json + n + LP_MAX_REPORT_BYTES, "\"}");
	reject(json, LP_ELIMIT, "at most");
	/* White space around the object does not count. */
	n = (size_t)sprintf(json, "{" ROLE "}");
	memset(json + n, ' ', LP_MAX_REPORT_BYTES);
	json[n + LP_MAX_REPORT_BYTES] = '\0';
	assert_verdict(policy, json, "no_violation");
	free(json);

	json = malloc(64 * (LP_MAX_MEDIA + 2));
	n = (size_t)sprintf(json, "{" ROLE ",\"content\":{\"media\":[");
	for (i = 0; i <= LP_MAX_MEDIA; i++)
		n += (size_t)sprintf(json + n, "%s{\"type\":\"image\"}", i ? "," : "");
	strcpy(json + n, "]}}");
	reject(json, LP_ELIMIT, "content.media: more than");
	free(json);
}

static void test_booleans_default_false(void **state)
{
	lp_decision *d;

	(void)state;
	d = tu_eval(policy, "{\"content\":{\"media\":[{\"type\":\"image\","
	                    "\"depicts_person\":true}]},"
	                    "\"reporter\":{\"role\":\"subject\"}}");
	/* public_figure absent = false: private media, a violation. */
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "violation");
	assert_contains(tu_missing(d), "subject.public_figure");
	lp_decision_free(d);
	d = tu_eval(policy, "{\"content\":{\"media\":[{\"type\":\"image\","
	                    "\"depicts_person\":true}]},"
	                    "\"reporter\":{\"role\":\"subject\"},"
	                    "\"subject\":{\"public_figure\":false}}");
	/* Stated false: no longer missing. */
	assert_null(strstr(tu_missing(d), "subject.public_figure"));
	lp_decision_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_report),
		cmocka_unit_test(test_reporter_required),
		cmocka_unit_test(test_wrong_types_name_the_field),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_ids_are_echoed),
		cmocka_unit_test(test_hazards),
		cmocka_unit_test(test_syntax_errors_have_places),
		cmocka_unit_test(test_syntax_errors_from_an_origin),
		cmocka_unit_test(test_evaluate_json_at),
		cmocka_unit_test(test_valid_json_edges),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_booleans_default_false),
		cmocka_unit_test(test_escape_of_nul_byte),
		cmocka_unit_test(test_densest_texts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
