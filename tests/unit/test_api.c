/* Unit tests of the public API as a backend uses it: the struct report,
 * accessors, JSON output, versions, and many threads on one policy. */
#include <cjson/cJSON.h>
#include <pthread.h>
#include <stdlib.h>

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

static void test_versions(void **state)
{
	(void)state;
	assert_int_equal(lp_version_number(), LP_VERSION_NUMBER);
	assert_string_equal(lp_version_string(), LP_VERSION_STRING);
	assert_string_equal(lp_status_string(LP_OK), "success");
	assert_string_equal(lp_status_string(LP_EPOLICY), "the policy has errors");
	assert_string_equal(lp_status_string(-99), "internal error");
	/* Every *_free accepts NULL. */
	lp_policy_free(NULL);
	lp_compiler_free(NULL);
	lp_decision_free(NULL);
	lp_free(NULL);
}

static void test_struct_report(void **state)
{
	lp_report r = LP_REPORT_INIT;
	lp_decision *d = NULL;
	lp_error err;
	const char *text = "her address is 1428 Elm Street, Springfield";
	const char *labels[] = {"medical_record"};
	lp_media media[] = {{LP_MEDIA_IMAGE, 1, 0}};
	lp_signal signals[] = {{"subject.public_figure", 0},
	                       {"context.public_event", 0}};

	(void)state;
	r.id = "r-1";
	r.text = text;
	r.text_len = strlen(text);
	r.labels = labels;
	r.label_count = 1;
	r.media = media;
	r.media_count = 1;
	r.reporter_role = "subject";
	r.region = "US";
	r.signals = signals;
	r.signal_count = 2;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_OK);
	assert_int_equal(lp_decision_verdict(d), LP_VERDICT_VIOLATION);
	assert_string_equal(tu_categories(d),
	                    "home_address,other_private_information,private_media");
	assert_string_equal(lp_decision_violation_rule(d, 0), "private-information");
	assert_string_equal(tu_actions(d), "remove_content,lock_account");
	assert_null(lp_decision_action(d, 2));
	assert_null(lp_decision_violation_category(d, 99));
	assert_true(lp_decision_explanation_count(d) > 3);
	assert_non_null(lp_decision_explanation(d, 0));
	assert_null(strstr(tu_missing(d), "subject.public_figure"));
	lp_decision_free(d);

	/* Same report, JSON path and struct path agree. */
	r.prior_violations = 1;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_OK);
	assert_string_equal(tu_actions(d), "remove_content,suspend_account");
	lp_decision_free(d);
}

static void test_struct_report_rejections(void **state)
{
	lp_report r = LP_REPORT_INIT;
	lp_decision *d = (lp_decision *)1;
	lp_error err;
	const char *bad_labels[] = {"shoe_size"};
	lp_signal bad_signal[] = {{"context.weather", 1}};
	lp_signal twice[] = {{"subject.consented", 1}, {"subject.consented", 0}};

	(void)state;
	/* *out is NULL on every failure, a NULL argument's too. */
	assert_int_equal(lp_evaluate(&d, NULL, &r, &err), LP_EINVALID);
	assert_null(d);
	d = (lp_decision *)1;
	assert_int_equal(lp_evaluate(&d, policy, NULL, &err), LP_EINVALID);
	assert_null(d);
	d = (lp_decision *)1;
	assert_int_equal(lp_evaluate_json(&d, NULL, "{}", 2, 1, &err), LP_EINVALID);
	assert_null(d);
	d = (lp_decision *)1;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_null(d);
	assert_string_equal(err.field, "reporter.role");
	r.reporter_role = "victim";
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_contains(err.message, "'victim' is not one of");
	r.reporter_role = "bystander";
	r.labels = bad_labels;
	r.label_count = 1;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_contains(err.message, "content.labels[0]: unknown label 'shoe_size'");
	r.label_count = 0;
	r.signals = bad_signal;
	r.signal_count = 1;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_contains(err.message, "context.weather: not a signal of this policy");
	r.signals = twice;
	r.signal_count = 2;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_contains(err.message, "given twice");
	r.signal_count = 0;
	r.text = "caf\xe9";
	r.text_len = 4;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_string_equal(err.field, "content.text");
	r.text = NULL;
	r.text_len = 0;
	r.region = "Sweden";
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_string_equal(err.field, "context.region");
	r.region = NULL;
	r.version = 99;
	assert_int_equal(lp_evaluate(&d, policy, &r, &err), LP_EINVALID);
	assert_int_equal(lp_evaluate(&d, NULL, &r, NULL), LP_EINVALID);
	assert_int_equal(lp_evaluate_json(&d, policy, NULL, 5, 1, NULL),
	                 LP_EINVALID);
}

static void test_json_shape(void **state)
{
	static const char *keys[] = {"id", "verdict", "actions", "violations",
	                             "exceptions", "referrals", "missing_signals",
	                             "explanation", "policy"};
	const char *report = "{\"id\":7,\"content\":{\"text\":\"call 555-123-4567\","
	                     "\"media\":[{\"type\":\"video\",\"depicts_person\":true,"
	                     "\"nudity\":true}]},\"reporter\":{\"role\":\"subject\"}}";
	lp_decision *d = tu_eval(policy, report);
	char *compact = NULL, *pretty = NULL;
	size_t len = 0, i;
	cJSON *a, *b, *kid;

	(void)state;
	assert_int_equal(lp_decision_to_json(&compact, &len, d, LP_JSON_COMPACT),
	                 LP_OK);
	assert_int_equal(len, strlen(compact));
	assert_null(strchr(compact, '\n'));
	assert_int_equal(lp_decision_to_json(&pretty, NULL, d, LP_JSON_PRETTY),
	                 LP_OK);
	assert_non_null(strchr(pretty, '\n'));
	a = cJSON_Parse(compact);
	b = cJSON_Parse(pretty);
	assert_non_null(a);
	assert_true(cJSON_Compare(a, b, 1));
	/* Keys in the order of SPEC §4. */
	for (kid = a->child, i = 0; kid; kid = kid->next, i++)
		assert_string_equal(kid->string, keys[i]);
	assert_int_equal(i, 9);
	assert_int_equal(cJSON_GetObjectItem(a, "id")->valueint, 7);
	kid = cJSON_GetArrayItem(cJSON_GetObjectItem(a, "violations"), 0);
	kid = cJSON_GetArrayItem(cJSON_GetObjectItem(kid, "evidence"), 0);
	assert_string_equal(cJSON_GetObjectItem(kid, "source")->valuestring, "text");
	assert_int_equal(cJSON_GetObjectItem(kid, "start")->valueint, 5);
	assert_int_equal(cJSON_GetObjectItem(kid, "end")->valueint, 17);
	/* Masked: no digit of the number survives. */
	assert_null(strpbrk(cJSON_GetObjectItem(kid, "excerpt")->valuestring,
	                    "0123456789"));
	{
		lp_evidence_info ev;

		assert_int_equal(lp_decision_evidence_count(d, 0), 1);
		assert_int_equal(lp_decision_evidence(d, 0, 0, &ev), LP_OK);
		assert_string_equal(ev.source, "text");
		assert_string_equal(ev.detector, "phone");
		assert_int_equal(ev.start, 5);
		assert_int_equal(ev.end, 17);
		assert_null(strpbrk(ev.excerpt, "0123456789"));
		assert_int_equal(ev.media_index, -1);
		assert_int_equal(lp_decision_evidence(d, 0, 1, &ev), LP_EINVALID);
		assert_int_equal(lp_decision_evidence(d, 9, 0, &ev), LP_EINVALID);
		assert_int_equal(lp_decision_evidence_count(d, 9), 0);
	}
	assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(a, "referrals"),
	                                       0)->valuestring,
	                    "non_consensual_nudity");
	cJSON_Delete(a);
	cJSON_Delete(b);
	lp_free(compact);
	lp_free(pretty);
	lp_decision_free(d);
}

/* Every explanation line reads back from the decision's JSON as it is,
 * whether it holds bytes to escape (from the policy's sentences, the
 * report's text) or not (most lines, copied as they are). */
static void test_explanation_json(void **state)
{
	/* Each source of text to escape is alone on some line, so that a
	 * line taken for plain by mistake shows as invalid JSON. */
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1', no_rule_applies: 'say \"no\"'}\n"
		"signals: [{id: context.ok}, {id: context.fine}]\n"
		"categories: [{id: secret, kind: secret}]\n"
		"labels: [{id: meh, not_private: \"a \\\\ b\\tc\"}]\n"
		"detectors: [{id: pets, keywords: ['\"fluffy\"', rex], "
		"category: secret}]\n"
		"exceptions:\n"
		"  - {id: okay, when: context.ok, reason: 'it is \"ok\"'}\n"
		"  - {id: fine, when: context.fine, reason: fine}\n"
		"rules:\n"
		"  - {id: r, title: 'The \"Title\"', for: findings, unless: [okay],\n"
		"     outcome: violation, category: secret, explain: '{title}'}\n"
		"  - {id: r2, for: findings, unless: [fine], outcome: violation,\n"
		"     category: secret, explain: '{rule}: {evidence}'}\n"
		"enforcement:\n"
		"  - {id: e, actions: [], explain: 'done \"{reporter}\"'}\n");
	static const char *const reports[] = {
		"{\"content\":{\"text\":\"a \\\"fluffy\\\" b\"},\"reporter\":"
		"{\"role\":\"bystander\"}}",
		"{\"content\":{\"text\":\"rex\"},\"reporter\":{\"role\":\"bystander\"},"
		"\"context\":{\"ok\":true}}",
		"{\"content\":{\"text\":\"\\\"fluffy\\\"\",\"labels\":[\"meh\"]},"
		"\"reporter\":{\"role\":\"bystander\"},\"context\":{\"fine\":true}}",
		"{\"reporter\":{\"role\":\"bystander\"}}",
	};
	size_t r, i, k, lines = 0, escaped = 0, excerpts = 0;

	(void)state;
	for (r = 0; r < sizeof(reports) / sizeof(reports[0]); r++) {
		lp_decision *d = tu_eval(q, reports[r]);
		char *json = NULL;
		size_t len;
		cJSON *root, *ex;

		assert_int_equal(lp_decision_to_json(&json, &len, d, 0), LP_OK);
		root = cJSON_Parse(json);
		assert_non_null(root);
		ex = cJSON_GetObjectItem(root, "explanation");
		assert_int_equal((size_t)cJSON_GetArraySize(ex),
		                 lp_decision_explanation_count(d));
		for (i = 0; i < lp_decision_explanation_count(d); i++, lines++) {
			const char *line = lp_decision_explanation(d, i);

			assert_string_equal(cJSON_GetArrayItem(ex, (int)i)->valuestring,
			                    line);
			escaped += strpbrk(line, "\"\\\t") != NULL;
		}
		ex = cJSON_GetObjectItem(root, "violations");
		for (i = 0; i < lp_decision_violation_count(d); i++) {
			cJSON *ev = cJSON_GetObjectItem(cJSON_GetArrayItem(ex, (int)i),
			                                "evidence");

			for (k = 0; k < lp_decision_evidence_count(d, i); k++) {
				lp_evidence_info info;
				cJSON *x = cJSON_GetObjectItem(
					cJSON_GetArrayItem(ev, (int)k), "excerpt");

				assert_int_equal(lp_decision_evidence(d, i, k, &info), LP_OK);
				if (!info.excerpt)
					continue;
				assert_non_null(x);
				assert_string_equal(x->valuestring, info.excerpt);
				excerpts++;
			}
		}
		cJSON_Delete(root);
		lp_free(json);
		lp_decision_free(d);
	}
	/* Both kinds were written: lines and excerpts with and without
	 * bytes to escape. */
	assert_true(lines >= 12);
	assert_true(escaped >= 6 && escaped < lines);
	assert_true(excerpts >= 2);
	lp_policy_free(q);
}

static void test_compiler_api(void **state)
{
	lp_compiler *c;
	lp_policy *p = (lp_policy *)1;

	(void)state;
	assert_int_equal(lp_compiler_new(&c, NULL, NULL), LP_OK);
	assert_int_equal(lp_compiler_add_buffer(c, "x.yaml", "a: [", 4),
	                 LP_EPOLICY);
	assert_int_equal(lp_compiler_compile(&p, c), LP_EPOLICY);
	assert_null(p);
	assert_int_equal(lp_compiler_error_count(c), 1);
	lp_compiler_free(c);
	assert_int_equal(lp_compiler_add_path(NULL, "x"), LP_EINVALID);
	assert_int_equal(lp_compiler_new(&c, NULL, NULL), LP_OK);
	assert_int_equal(lp_compiler_add_path(c, "/nonexistent.yaml"), LP_EIO);
	lp_compiler_free(c);
	assert_int_equal(lp_compiler_new(&c, NULL, NULL), LP_OK);
	assert_int_equal(lp_compiler_add_default(c), LP_OK);
	assert_int_equal(lp_compiler_compile(&p, c), LP_OK);
	assert_string_equal(lp_policy_revision(p), lp_policy_revision(policy));
	lp_compiler_free(c);
	lp_policy_free(p);
}

/* ---- threads ---------------------------------------------------------- */

static const char *thread_reports[] = {
	"{\"id\":\"a\",\"content\":{\"text\":\"lives at 1428 Elm Street, "
	"Springfield\"},\"reporter\":{\"role\":\"bystander\"}}",
	"{\"id\":\"b\",\"content\":{\"media\":[{\"type\":\"image\","
	"\"depicts_person\":true}]},\"reporter\":{\"role\":\"automated\"}}",
	"{\"id\":\"c\",\"content\":{\"text\":\"SSN 123-45-6789\"},"
	"\"reporter\":{\"role\":\"subject\"},\"context\":{\"region\":\"SE\"}}",
	"{\"id\":\"d\",\"reporter\":{\"role\":\"subject\"},"
	"\"context\":{\"bounty_for_not_posting\":true}}",
};
#define NREPORTS (sizeof(thread_reports) / sizeof(thread_reports[0]))

static char *expected[NREPORTS];

typedef struct worker {
	pthread_t thread;
	int mismatches;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	int round;
	size_t i;

	for (round = 0; round < 100; round++) {
		for (i = 0; i < NREPORTS; i++) {
			lp_decision *d = NULL;
			char *json = NULL;

			if (lp_evaluate_json(&d, policy, thread_reports[i],
			                     strlen(thread_reports[i]), 1, NULL) != LP_OK ||
			    lp_decision_to_json(&json, NULL, d, 0) != LP_OK ||
			    strcmp(json, expected[i]) != 0)
				w->mismatches++;
			lp_free(json);
			lp_decision_free(d);
		}
	}
	return NULL;
}

static void test_threads_share_one_policy(void **state)
{
	worker w[4];
	size_t i;

	(void)state;
	for (i = 0; i < NREPORTS; i++) {
		lp_decision *d = tu_eval(policy, thread_reports[i]);

		assert_int_equal(lp_decision_to_json(&expected[i], NULL, d, 0), LP_OK);
		lp_decision_free(d);
	}
	for (i = 0; i < 4; i++) {
		w[i].mismatches = 0;
		assert_int_equal(pthread_create(&w[i].thread, NULL, work, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(w[i].thread, NULL);
		assert_int_equal(w[i].mismatches, 0);
	}
	for (i = 0; i < NREPORTS; i++)
		lp_free(expected[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_struct_report),
		cmocka_unit_test(test_struct_report_rejections),
		cmocka_unit_test(test_json_shape),
		cmocka_unit_test(test_explanation_json),
		cmocka_unit_test(test_compiler_api),
		cmocka_unit_test(test_threads_share_one_policy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
