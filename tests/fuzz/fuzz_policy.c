/*
 * fuzz_policy.c - the YAML policy loader and compiler on arbitrary bytes.
 *
 * The input is one policy file: lp_compiler_add_buffer, then
 * lp_compiler_compile, diagnostics to a callback that only checks them.
 * When the input compiles, the policy's accessors are read and a report
 * rich in findings is evaluated under it and written as JSON, so that the
 * evaluator also meets policies nobody wrote by hand. Single-file seeds
 * (corpus/fuzz_policy/) are whole policies: every section in one file.
 */
#include <string.h>

#include "fuzz.h"
#include "libpolicy.h"
#include "report.h"

/* Checks what a diagnostic promises: a code, a message, a file. */
static void on_diag(const lp_diagnostic *d, void *payload)
{
	unsigned *count = payload;

	FUZZ_CHECK(d != NULL);
	FUZZ_CHECK(d->code != NULL && d->code[0] != '\0');
	FUZZ_CHECK(d->message != NULL);
	FUZZ_CHECK(d->file != NULL);
	FUZZ_CHECK(d->level == LP_DIAG_ERROR || d->level == LP_DIAG_WARNING);
	/* Touch every byte of the strings: ASan checks them. */
	(void)strlen(d->code);
	(void)strlen(d->message);
	(void)strlen(d->file);
	(*count)++;
}

/* Text that some built-in detector finds (see corpus/fuzz_detect/). */
static const char kText[] =
	"call +44 20 7946 0958 or mail jane.doe@example.com, she lives at "
	"1428 Elm Street, Springfield IL 62704; card 4111 1111 1111 1111, "
	"IBAN GB82 WEST 1234 5698 7654 32, SSN 123-45-6789, "
	"password: hunter2, 48.8584, 2.2945";

static void evaluate_under(const lp_policy *policy)
{
	static const char *const labels[] = { "identity_document" };
	static const lp_media media[] = { { LP_MEDIA_IMAGE, 1, 0 } };
	lp_report r = LP_REPORT_INIT;
	lp_decision *d = NULL;
	lp_error err;
	char *json = NULL;
	size_t len = 0;

	r.text = kText;
	r.text_len = sizeof(kText) - 1;
	r.media = media;
	r.media_count = 1;
	r.reporter_role = "bystander";
	r.region = "US";
	/* The label may not exist in this policy: then the report is invalid,
	 * which is a result like any other. Try with and without. */
	r.labels = labels;
	r.label_count = 1;
	if (lp_evaluate(&d, policy, &r, &err) != LP_OK) {
		FUZZ_CHECK(d == NULL);
		r.labels = NULL;
		r.label_count = 0;
		if (lp_evaluate(&d, policy, &r, &err) != LP_OK) {
			FUZZ_CHECK(d == NULL);
			return;
		}
	}
	FUZZ_CHECK(lp_verdict_name(lp_decision_verdict(d)) != NULL);
	if (lp_decision_to_json(&json, &len, d, LP_JSON_COMPACT) == LP_OK) {
		FUZZ_CHECK(json != NULL && strlen(json) == len);
		FUZZ_CHECK(lp_utf8_valid(json, len));
		lp_free(json);
	}
	lp_decision_free(d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_compiler *c = NULL;
	lp_policy *p = NULL;
	unsigned diags = 0;
	int added, rc;

	if (lp_compiler_new(&c, on_diag, &diags) != LP_OK)
		return 0;
	added = lp_compiler_add_buffer(c, "fuzz.yaml", (const char *)data, size);
	FUZZ_CHECK(added == LP_OK || added == LP_EPOLICY || added == LP_ENOMEM);
	/* A rejected source is rejected with a reason. */
	FUZZ_CHECK(added != LP_EPOLICY || lp_compiler_error_count(c) > 0);
	rc = lp_compiler_compile(&p, c);
	FUZZ_CHECK(lp_compiler_error_count(c) + lp_compiler_warning_count(c) ==
	           diags);
	if (rc == LP_OK) {
		FUZZ_CHECK(p != NULL);
		FUZZ_CHECK(lp_compiler_error_count(c) == 0);
	} else {
		FUZZ_CHECK(p == NULL);
		FUZZ_CHECK(added == LP_ENOMEM || rc == LP_ENOMEM ||
		           (rc == LP_EPOLICY && lp_compiler_error_count(c) > 0));
	}
	lp_compiler_free(c);
	if (p) {
		FUZZ_CHECK(lp_policy_name(p) != NULL);
		FUZZ_CHECK(lp_policy_version(p) != NULL);
		FUZZ_CHECK(lp_policy_revision(p) != NULL);
		evaluate_under(p);
		lp_policy_free(p);
	}
	return 0;
}
