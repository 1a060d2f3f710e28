/*
 * backend.c - an example moderation backend built against an installed
 * libpolicy, using only the public API (<libpolicy.h>).
 *
 * It loads the default policy embedded in the library, evaluates reports
 * through the C struct API and through lp_evaluate_json, checks that the
 * verdicts are the ones the policy prescribes, and evaluates from several
 * threads at once on the one shared policy, checking that every thread gets
 * byte-identical decisions. Exit status 0 when every check holds.
 */
#include <libpolicy.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 50

static int failures;

static void check(int ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	if (!ok)
		failures++;
}

static void on_diag(const lp_diagnostic *d, void *payload)
{
	(void)payload;
	fprintf(stderr, "%s:%u:%u: %s: %s [%s]\n", d->file ? d->file : "?",
	        d->line, d->column,
	        d->level == LP_DIAG_ERROR ? "error" : "warning", d->message,
	        d->code);
}

static int has_action(const lp_decision *d, const char *name)
{
	size_t i;

	for (i = 0; i < lp_decision_action_count(d); i++)
		if (strcmp(lp_decision_action(d, i), name) == 0)
			return 1;
	return 0;
}

static int has_category(const lp_decision *d, const char *name)
{
	size_t i;

	for (i = 0; i < lp_decision_violation_count(d); i++)
		if (strcmp(lp_decision_violation_category(d, i), name) == 0)
			return 1;
	return 0;
}

static int has_exception(const lp_decision *d, const char *reason)
{
	size_t i;

	for (i = 0; i < lp_decision_exception_count(d); i++)
		if (strcmp(lp_decision_exception_reason(d, i), reason) == 0)
			return 1;
	return 0;
}

static void print_decision(const char *label, const lp_decision *d)
{
	size_t i;

	printf("# %s: %s", label, lp_verdict_name(lp_decision_verdict(d)));
	for (i = 0; i < lp_decision_violation_count(d); i++)
		printf(" %s(%s)", lp_decision_violation_category(d, i),
		       lp_decision_violation_rule(d, i));
	for (i = 0; i < lp_decision_action_count(d); i++)
		printf(" +%s", lp_decision_action(d, i));
	for (i = 0; i < lp_decision_exception_count(d); i++)
		printf(" except:%s", lp_decision_exception_reason(d, i));
	printf("\n");
	for (i = 0; i < lp_decision_explanation_count(d); i++)
		printf("#   %s\n", lp_decision_explanation(d, i));
}

/* ---- the reports ------------------------------------------------------ */

static const char address_text[] =
	"her address is 1428 Elm Street, Springfield";

/* An address shared by a bystander: a violation, first offence. */
static int eval_address(lp_decision **out, const lp_policy *p, lp_error *err)
{
	static const lp_signal signals[] = {
		{"subject.public_figure", 0},
		{"context.intent_to_harass", 0},
	};
	lp_report r = LP_REPORT_INIT;

	r.id = "backend-1";
	r.text = address_text;
	r.text_len = strlen(address_text);
	r.reporter_role = "bystander";
	r.region = "US";
	r.signals = signals;
	r.signal_count = sizeof(signals) / sizeof(signals[0]);
	return lp_evaluate(out, p, &r, err);
}

/* Media of a private person reported by a bystander, then with consent. */
static int eval_media(lp_decision **out, const lp_policy *p, int consented,
                      lp_error *err)
{
	static const lp_media media[] = {{LP_MEDIA_IMAGE, 1, 0}};
	lp_signal signals[] = {{"subject.consented", 0}};
	lp_report r = LP_REPORT_INIT;

	signals[0].value = consented;
	r.record = 2;
	r.media = media;
	r.media_count = 1;
	r.reporter_role = "bystander";
	r.signals = signals;
	r.signal_count = 1;
	return lp_evaluate(out, p, &r, err);
}

static const char se_json[] =
	"{\"id\":\"backend-3\",\"content\":{\"text\":\"her SSN is 123-45-6789\"},"
	"\"reporter\":{\"role\":\"bystander\"},\"context\":{\"region\":\"SE\"}}";

static const char repeat_json[] =
	"{\"id\":\"backend-4\",\"content\":{\"text\":\"her address is 1428 Elm "
	"Street, Springfield\"},\"reporter\":{\"role\":\"automated\"},"
	"\"author\":{\"prior_violations\":3}}";

static const char invalid_json[] =
	"{\"id\":\"backend-5\",\"reporter\":{\"role\":\"bystander\"},"
	"\"subject\":{\"public_figure\":\"yes\"}}";

/* ---- threads ---------------------------------------------------------- */

static const char *const thread_reports[] = {
	se_json,
	repeat_json,
	"{\"id\":\"t-1\",\"content\":{\"text\":\"mail me: jane.doe@example.com or "
	"call +1 415 555 0132\"},\"reporter\":{\"role\":\"bystander\"}}",
	"{\"id\":\"t-2\",\"content\":{\"media\":[{\"type\":\"video\","
	"\"depicts_person\":true,\"nudity\":true}]},"
	"\"reporter\":{\"role\":\"automated\"},\"subject\":{\"public_figure\":true},"
	"\"context\":{\"intent_to_harass\":true}}",
	"{\"id\":\"t-3\",\"content\":{\"text\":\"shipped 2021-11-30, order "
	"#4402-118-7731, $1,299.99\"},\"reporter\":{\"role\":\"automated\"}}",
};
#define NREPORTS (sizeof(thread_reports) / sizeof(thread_reports[0]))

struct job {
	const lp_policy *policy;
	char *out[NREPORTS]; /* the JSON of the last round */
	int mismatches;
	int errors;
};

static char *decide_json(const lp_policy *p, const char *json)
{
	lp_decision *d = NULL;
	char *s = NULL;

	if (lp_evaluate_json(&d, p, json, strlen(json), 1, NULL) != LP_OK)
		return NULL;
	if (lp_decision_to_json(&s, NULL, d, LP_JSON_COMPACT) != LP_OK)
		s = NULL;
	lp_decision_free(d);
	return s;
}

static void *worker(void *arg)
{
	struct job *j = arg;
	int round;
	size_t i;

	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < NREPORTS; i++) {
			char *s = decide_json(j->policy, thread_reports[i]);

			if (!s) {
				j->errors++;
				continue;
			}
			if (j->out[i] && strcmp(j->out[i], s) != 0)
				j->mismatches++;
			lp_free(j->out[i]);
			j->out[i] = s;
		}
	}
	return NULL;
}

static void run_threads(const lp_policy *p)
{
	struct job jobs[THREADS];
	pthread_t tids[THREADS];
	char *ref[NREPORTS];
	int started = 0, t, same = 1, mismatches = 0, errors = 0;
	size_t i;

	for (i = 0; i < NREPORTS; i++)
		ref[i] = decide_json(p, thread_reports[i]);
	memset(jobs, 0, sizeof(jobs));
	for (t = 0; t < THREADS; t++) {
		jobs[t].policy = p;
		if (pthread_create(&tids[t], NULL, worker, &jobs[t]) != 0)
			break;
		started++;
	}
	check(started == THREADS, "4 threads started");
	for (t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	for (t = 0; t < started; t++) {
		mismatches += jobs[t].mismatches;
		errors += jobs[t].errors;
		for (i = 0; i < NREPORTS; i++) {
			if (!ref[i] || !jobs[t].out[i] ||
			    strcmp(ref[i], jobs[t].out[i]) != 0)
				same = 0;
			lp_free(jobs[t].out[i]);
		}
	}
	check(errors == 0, "no evaluation failed in the threads");
	check(mismatches == 0, "each thread got the same decision every round");
	check(same, "all threads got byte-identical decisions, equal to a "
	            "single-threaded run");
	for (i = 0; i < NREPORTS; i++)
		lp_free(ref[i]);
}

int main(void)
{
	lp_policy *p = NULL;
	lp_decision *d = NULL;
	lp_error err;
	char *json = NULL;
	int rc;

	check(lp_version_number() == LP_VERSION_NUMBER,
	      "the linked library is the version of the header");
	printf("# libpolicy %s\n", lp_version_string());

	rc = lp_policy_load(&p, NULL, on_diag, NULL);
	check(rc == LP_OK && p != NULL, "the embedded default policy loads");
	if (!p)
		return 1;
	printf("# policy %s %s (revision %s)\n", lp_policy_name(p),
	       lp_policy_version(p), lp_policy_revision(p));
	check(strcmp(lp_policy_name(p), "private-information-and-media") == 0,
	      "the default policy's name");

	/* 1. the C struct API: an address shared by a bystander. */
	rc = eval_address(&d, p, &err);
	check(rc == LP_OK && d, "lp_evaluate: address shared by a bystander");
	if (d) {
		print_decision("address/bystander", d);
		check(lp_decision_verdict(d) == LP_VERDICT_VIOLATION,
		      "address/bystander: verdict violation");
		check(has_category(d, "home_address"),
		      "address/bystander: category home_address");
		check(lp_decision_action_count(d) == 2 &&
		      has_action(d, "remove_content") && has_action(d, "lock_account"),
		      "address/bystander: remove_content + lock_account");
		rc = lp_decision_to_json(&json, NULL, d, LP_JSON_PRETTY);
		check(rc == LP_OK && json && strstr(json, "\"backend-1\"") &&
		      !strstr(json, "Elm Street"),
		      "address/bystander: JSON echoes the id and masks the address");
		if (json)
			printf("%s\n", json);
		lp_free(json);
		json = NULL;
		lp_decision_free(d);
		d = NULL;
	}

	/* 2. private media: needs a first-person report, unless consented. */
	rc = eval_media(&d, p, 0, &err);
	check(rc == LP_OK && d &&
	      lp_decision_verdict(d) == LP_VERDICT_NEEDS_FIRST_PERSON_REPORT &&
	      lp_decision_action_count(d) == 0,
	      "lp_evaluate: media reported by a bystander needs a first-person report");
	if (d)
		print_decision("media/bystander", d);
	lp_decision_free(d);
	d = NULL;
	rc = eval_media(&d, p, 1, &err);
	check(rc == LP_OK && d &&
	      lp_decision_verdict(d) == LP_VERDICT_NO_VIOLATION &&
	      has_exception(d, "consent"),
	      "lp_evaluate: consented media is no_violation (exception consent)");
	if (d)
		print_decision("media/consented", d);
	lp_decision_free(d);
	d = NULL;

	/* 3. lp_evaluate_json: regional exception, and the enforcement ladder. */
	rc = lp_evaluate_json(&d, p, se_json, strlen(se_json), 1, &err);
	check(rc == LP_OK && d &&
	      lp_decision_verdict(d) == LP_VERDICT_NO_VIOLATION &&
	      has_exception(d, "regional-identity-number"),
	      "lp_evaluate_json: identity number in SE is no_violation");
	if (d && lp_decision_to_json(&json, NULL, d, LP_JSON_COMPACT) == LP_OK) {
		printf("%s\n", json);
		lp_free(json);
		json = NULL;
	}
	lp_decision_free(d);
	d = NULL;

	rc = lp_evaluate_json(&d, p, repeat_json, strlen(repeat_json), 1, &err);
	check(rc == LP_OK && d &&
	      lp_decision_verdict(d) == LP_VERDICT_VIOLATION &&
	      has_action(d, "suspend_account") && !has_action(d, "lock_account"),
	      "lp_evaluate_json: a repeat offender's account is suspended");
	if (d)
		print_decision("address/repeat", d);
	lp_decision_free(d);
	d = NULL;

	/* 4. an invalid report is rejected, naming the field. */
	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, p, invalid_json, strlen(invalid_json), 1, &err);
	printf("# invalid: %s (%s)\n", err.message, lp_status_string(rc));
	check(rc == LP_EINVALID && d == NULL && err.status == LP_EINVALID &&
	      strcmp(err.field, "subject.public_figure") == 0 &&
	      strstr(err.message, "subject.public_figure: expected boolean"),
	      "lp_evaluate_json: an invalid report is rejected, naming the field");

	/* 5. one shared policy, four threads. */
	run_threads(p);

	lp_policy_free(p);
	printf("%s\n", failures ? "FAILED" : "PASSED");
	return failures ? 1 : 0;
}
