/*
 * fuzz_report.c - report JSON parsing and evaluation under the embedded
 * default policy.
 *
 * The policy is compiled once (LLVMFuzzerInitialize); each input is one
 * report for lp_evaluate_json. A decision is read back through every
 * accessor (every string valid UTF-8), its evidence checked, and written
 * as compact and pretty JSON, valid UTF-8 too. A rejected report must say
 * why.
 */
#include <string.h>

#include "fuzz.h"
#include "libpolicy.h"
#include "report.h"

static lp_policy *policy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (lp_policy_load(&policy, NULL, NULL, NULL) != LP_OK) {
		fprintf(stderr, "fuzz_report: the default policy does not load\n");
		__builtin_trap();
	}
	return 0;
}

/* s is a string of valid UTF-8: every string of a decision ends up in
 * its JSON, which must be valid UTF-8 (RFC 8259). */
static int utf8(const char *s)
{
	return s != NULL && lp_utf8_valid(s, strlen(s));
}

static void walk(const lp_decision *d)
{
	size_t i, j, n;

	FUZZ_CHECK(lp_verdict_name(lp_decision_verdict(d)) != NULL);
	for (i = 0, n = lp_decision_action_count(d); i < n; i++)
		FUZZ_CHECK(lp_decision_action(d, i) != NULL);
	for (i = 0, n = lp_decision_violation_count(d); i < n; i++) {
		size_t ne = lp_decision_evidence_count(d, i);

		FUZZ_CHECK(lp_decision_violation_category(d, i) != NULL);
		FUZZ_CHECK(lp_decision_violation_rule(d, i) != NULL);
		for (j = 0; j < ne; j++) {
			lp_evidence_info ev;

			FUZZ_CHECK(lp_decision_evidence(d, i, j, &ev) == LP_OK);
			FUZZ_CHECK(ev.source != NULL);
			if (strcmp(ev.source, "text") == 0) {
				FUZZ_CHECK(ev.detector != NULL);
				FUZZ_CHECK(ev.excerpt != NULL);
				FUZZ_CHECK(ev.start < ev.end);
				FUZZ_CHECK(utf8(ev.excerpt));
			} else if (strcmp(ev.source, "media") == 0) {
				FUZZ_CHECK(ev.media_index >= 0);
				FUZZ_CHECK(ev.media_type != NULL);
			}
		}
		{
			lp_evidence_info ev;

			FUZZ_CHECK(lp_decision_evidence(d, i, ne, &ev) == LP_EINVALID);
		}
	}
	for (i = 0, n = lp_decision_exception_count(d); i < n; i++) {
		FUZZ_CHECK(lp_decision_exception_rule(d, i) != NULL);
		FUZZ_CHECK(lp_decision_exception_reason(d, i) != NULL);
	}
	for (i = 0, n = lp_decision_referral_count(d); i < n; i++)
		FUZZ_CHECK(lp_decision_referral(d, i) != NULL);
	for (i = 0, n = lp_decision_missing_signal_count(d); i < n; i++)
		FUZZ_CHECK(lp_decision_missing_signal(d, i) != NULL);
	for (i = 0, n = lp_decision_explanation_count(d); i < n; i++)
		FUZZ_CHECK(utf8(lp_decision_explanation(d, i)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned flags[] = { LP_JSON_COMPACT, LP_JSON_PRETTY };
	lp_decision *d = NULL;
	lp_error err;
	size_t i;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, policy, (const char *)data, size, 1, &err);
	if (rc != LP_OK) {
		FUZZ_CHECK(d == NULL);
		FUZZ_CHECK(rc == LP_EINVALID || rc == LP_ELIMIT || rc == LP_ENOMEM);
		FUZZ_CHECK(err.status == rc);
		FUZZ_CHECK(memchr(err.field, '\0', sizeof(err.field)) != NULL);
		FUZZ_CHECK(memchr(err.message, '\0', sizeof(err.message)) != NULL);
		FUZZ_CHECK(rc == LP_ENOMEM || err.message[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(d != NULL);
	walk(d);
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		char *json = NULL;
		size_t len = 0;

		FUZZ_CHECK(lp_decision_to_json(&json, &len, d, flags[i]) == LP_OK);
		FUZZ_CHECK(json != NULL && strlen(json) == len);
		FUZZ_CHECK(lp_utf8_valid(json, len));
		lp_free(json);
	}
	lp_decision_free(d);
	return 0;
}
