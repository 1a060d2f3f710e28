/* Unit tests of the evaluator on small policies written for each test:
 * the engine's semantics must not depend on the default policy. */
#include <stdlib.h>

#include "testutil.h"

/* A made-up platform policy: nothing in it comes from the default. */
static const char *platform =
	"policy: {name: other-platform, version: '7', no_rule_applies: all clear}\n"
	"signals:\n"
	"  - id: subject.minor\n"
	"  - id: context.satire\n"
	"  - id: context.doxx\n"
	"categories:\n"
	"  - {id: pet_name, kind: secret}\n"
	"  - {id: locker_code, kind: secret}\n"
	"  - {id: photo, kind: image}\n"
	"  - {id: doxxing, kind: behaviour}\n"
	"labels:\n"
	"  - {id: dog_tag, category: pet_name}\n"
	"  - {id: favourite_colour, not_private: nobody minds}\n"
	"detectors:\n"
	"  - {id: pets, keywords: [fluffy, mr whiskers], category: pet_name}\n"
	"  - {id: lockers, keywords: [locker code], category: locker_code}\n"
	"lists:\n"
	"  - {id: speakers, items: [subject]}\n"
	"  - {id: lenient, items: [NZ, IS]}\n"
	"referrals:\n"
	"  - {id: child_safety}\n"
	"actions:\n"
	"  - {id: warn}\n"
	"  - {id: ban}\n"
	"exceptions:\n"
	"  - {id: satire, when: context.satire, reason: it is satire}\n"
	"  - {id: lenient-region, when: 'finding.category == pet_name and "
	"context.region in lenient', reason: pets are public there}\n"
	"rules:\n"
	"  - id: secrets\n"
	"    for: findings\n"
	"    where: finding.kind == secret\n"
	"    unless: [satire, lenient-region]\n"
	"    outcome: violation\n"
	"    category: finding.category\n"
	"  - id: photos\n"
	"    for: media\n"
	"    where: media.depicts_person and media.type != gif\n"
	"    requires: reporter.role in speakers\n"
	"    outcome: violation\n"
	"    category: photo\n"
	"    otherwise: needs_first_person_report\n"
	"  - id: minors\n"
	"    for: media\n"
	"    where: subject.minor\n"
	"    outcome: refer\n"
	"    referral: child_safety\n"
	"  - id: doxx\n"
	"    for: report\n"
	"    where: context.doxx\n"
	"    outcome: violation\n"
	"    category: doxxing\n"
	"  - id: disabled\n"
	"    for: report\n"
	"    where: context.satire\n"
	"    outcome: violation\n"
	"    category: doxxing\n"
	"    enabled: false\n"
	"enforcement:\n"
	"  - {id: second, when: author.prior_violations >= 2, actions: [ban]}\n"
	"  - {id: first, actions: [warn], explain: 'warned ({actions}) on a "
	"{reporter} report.'}\n";

static lp_policy *p;

static int setup(void **state)
{
	(void)state;
	p = tu_policy(platform);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	lp_policy_free(p);
	return 0;
}

#define R(role) "\"reporter\":{\"role\":\"" role "\"}"

static void test_keyword_detector(void **state)
{
	lp_decision *d;

	(void)state;
	assert_verdict(p, "{\"content\":{\"text\":\"my cat FLUFFY!\"}," R("bystander") "}",
	               "violation");
	/* Whole words only. */
	assert_verdict(p, "{\"content\":{\"text\":\"fluffyness\"}," R("bystander") "}",
	               "no_violation");
	d = tu_eval(p, "{\"content\":{\"text\":\"Mr Whiskers and the locker code\"},"
	               R("bystander") "}");
	assert_string_equal(tu_categories(d), "pet_name,locker_code");
	assert_string_equal(tu_actions(d), "warn");
	lp_decision_free(d);
}

static void test_offsets_are_code_points(void **state)
{
	const char *out;

	(void)state;
	/* "é" is 2 bytes but 1 code point; "😀" is 4 bytes, 1 code point. */
	out = tu_eval_json(p, "{\"content\":{\"text\":\"caf\xc3\xa9 \xf0\x9f\x98\x80 "
	                      "fluffy\"}," R("bystander") "}");
	assert_contains(out, "\"start\":7,\"end\":13,\"excerpt\":\"f\xe2\x80\xa2"
	                     "\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\xe2\x80\xa2\"");
}

static void test_exceptions_weighed_first(void **state)
{
	lp_decision *d;

	(void)state;
	d = tu_eval(p, "{\"content\":{\"text\":\"fluffy\"}," R("bystander")
	               ",\"context\":{\"satire\":true}}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "no_violation");
	assert_string_equal(tu_exceptions(d), "satire");
	assert_string_equal(lp_decision_exception_rule(d, 0), "secrets");
	lp_decision_free(d);
	/* An exception can look at the finding: only pet names are lenient. */
	d = tu_eval(p, "{\"content\":{\"text\":\"fluffy, locker code\"},"
	               R("bystander") ",\"context\":{\"region\":\"NZ\"}}");
	assert_string_equal(tu_categories(d), "locker_code");
	assert_string_equal(tu_exceptions(d), "lenient-region");
	lp_decision_free(d);
}

static void test_requires_and_otherwise(void **state)
{
	(void)state;
	assert_verdict(p, "{\"content\":{\"media\":[{\"type\":\"image\","
	                  "\"depicts_person\":true}]}," R("subject") "}", "violation");
	assert_verdict(p, "{\"content\":{\"media\":[{\"type\":\"image\","
	                  "\"depicts_person\":true}]}," R("bystander") "}",
	               "needs_first_person_report");
	/* media.type != gif in where. */
	assert_verdict(p, "{\"content\":{\"media\":[{\"type\":\"gif\","
	                  "\"depicts_person\":true}]}," R("subject") "}",
	               "no_violation");
}

static void test_verdict_ladder_and_referrals(void **state)
{
	lp_decision *d;

	(void)state;
	/* Referral only: refer. */
	d = tu_eval(p, "{\"content\":{\"media\":[{\"type\":\"gif\"}]},"
	               R("automated") ",\"subject\":{\"minor\":true}}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "refer");
	assert_string_equal(tu_referrals(d), "child_safety");
	assert_string_equal(tu_actions(d), "");
	lp_decision_free(d);
	/* Referral and needs-first-person: refer wins. */
	assert_verdict(p, "{\"content\":{\"media\":[{\"type\":\"image\","
	                  "\"depicts_person\":true}]}," R("bystander")
	                  ",\"subject\":{\"minor\":true}}", "refer");
	/* Violation outranks, and the referral is still reported. */
	d = tu_eval(p, "{\"content\":{\"media\":[{\"type\":\"image\","
	               "\"depicts_person\":true}]}," R("subject")
	               ",\"subject\":{\"minor\":true}}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "violation");
	assert_string_equal(tu_referrals(d), "child_safety");
	lp_decision_free(d);
}

static void test_enforcement_first_matching_step(void **state)
{
	lp_decision *d;

	(void)state;
	d = tu_eval(p, "{" R("bystander") ",\"context\":{\"doxx\":true},"
	               "\"author\":{\"prior_violations\":1}}");
	assert_string_equal(tu_actions(d), "warn");
	assert_string_equal(lp_decision_explanation(d, 1),
	                    "Enforcement first: warned (warn) on a bystander report.");
	lp_decision_free(d);
	d = tu_eval(p, "{" R("bystander") ",\"context\":{\"doxx\":true},"
	               "\"author\":{\"prior_violations\":2}}");
	assert_string_equal(tu_actions(d), "ban");
	lp_decision_free(d);
}

static void test_disabled_rule_and_labels(void **state)
{
	lp_decision *d;

	(void)state;
	/* The disabled rule would fire on satire. */
	assert_verdict(p, "{" R("bystander") ",\"context\":{\"satire\":true}}",
	               "no_violation");
	d = tu_eval(p, "{\"content\":{\"labels\":[\"dog_tag\",\"favourite_colour\"]},"
	               R("bystander") "}");
	assert_string_equal(tu_categories(d), "pet_name");
	lp_decision_free(d);
	assert_contains(tu_eval_json(p, "{\"content\":{\"labels\":"
	                                "[\"favourite_colour\"]}," R("bystander") "}"),
	                "Label favourite_colour is not private information: nobody "
	                "minds");
	assert_contains(tu_eval_json(p, "{" R("bystander") "}"), "all clear");
	/* The default policy's labels mean nothing here. */
	tu_reject(p, "{\"content\":{\"labels\":[\"medical_record\"]}," R("subject") "}",
	          LP_EINVALID);
}

static void test_missing_signals(void **state)
{
	lp_decision *d;

	(void)state;
	d = tu_eval(p, "{\"content\":{\"text\":\"fluffy\"}," R("bystander") "}");
	/* satire would except it; doxx would not change violation; minor adds
	 * only a referral when there is media. */
	assert_string_equal(tu_missing(d), "context.satire");
	lp_decision_free(d);
	d = tu_eval(p, "{\"content\":{\"text\":\"fluffy\"}," R("bystander")
	               ",\"context\":{\"satire\":false}}");
	assert_string_equal(tu_missing(d), "");
	lp_decision_free(d);
}

/* Templates are split when the policy loads: every placeholder, one
 * used twice, one at each end, a lone '}' and text with none. */
static void test_explain_templates(void **state)
{
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1'}\n"
		"categories: [{id: secret, kind: secret}]\n"
		"detectors: [{id: pets, keywords: [fluffy], category: secret}]\n"
		"referrals: [{id: elsewhere}]\n"
		"rules:\n"
		"  - id: r\n"
		"    title: The Title\n"
		"    for: findings\n"
		"    outcome: violation\n"
		"    category: secret\n"
		"    explain: '{rule}|{title}|{category}|{referral}|{evidence}|"
		"{reporter} } {rule}{rule}'\n"
		"  - id: s\n"
		"    for: report\n"
		"    outcome: refer\n"
		"    referral: elsewhere\n"
		"    explain: 'plain text, no placeholder'\n"
		"enforcement:\n"
		"  - {id: e, actions: [], explain: '{actions}'}\n");
	const char *json;

	(void)state;
	json = tu_eval_json(q, "{\"content\":{\"text\":\"fluffy\"},"
	                       R("bystander") "}");
	assert_contains(json, "\"r|The Title|secret||pets at 0-6 (f•••••)|"
	                      "bystander } rr\"");
	assert_contains(json, "\"plain text, no placeholder\"");
	assert_contains(json, "\"Enforcement e: \"");
	lp_policy_free(q);
}

/* A counterfactual re-runs a rule only when an item met its 'where' or
 * 'where' reads the flipped signal; an item that met 'where' and was
 * excepted still counts, as the flipped signal may lift the exception. */
static void test_missing_signals_where(void **state)
{
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1'}\n"
		"signals: [{id: context.loud}, {id: context.flagged}]\n"
		"categories: [{id: secret, kind: secret}, {id: flag, kind: behaviour}]\n"
		"detectors: [{id: pets, keywords: [fluffy], category: secret}]\n"
		"exceptions: [{id: quiet, when: not context.loud, reason: quiet}]\n"
		"rules:\n"
		"  - {id: r, for: findings, where: finding.kind == secret,\n"
		"     unless: [quiet], outcome: violation, category: secret}\n"
		"  - {id: f, for: media, where: context.flagged,\n"
		"     outcome: violation, category: flag}\n");
	lp_decision *d;

	(void)state;
	d = tu_eval(q, "{\"content\":{\"text\":\"fluffy\"}," R("bystander") "}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)),
	                    "no_violation");
	assert_string_equal(tu_missing(d), "context.loud");
	lp_decision_free(d);
	/* No finding met r's 'where', and no media f's: nothing can change. */
	d = tu_eval(q, "{\"content\":{\"text\":\"hello\"}," R("bystander") "}");
	assert_string_equal(tu_missing(d), "");
	lp_decision_free(d);
	/* f's 'where' reads context.flagged: re-run though no item met it. */
	d = tu_eval(q, "{\"content\":{\"text\":\"hello\",\"media\":"
	               "[{\"type\":\"image\"}]}," R("bystander") "}");
	assert_string_equal(tu_missing(d), "context.flagged");
	lp_decision_free(d);
	lp_policy_free(q);
}

/* Signals that no rule reads are never missing; a policy whose rules read
 * none at all has no readers to look up (found by fuzzing). */
static void test_signals_no_rule_reads(void **state)
{
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1'}\n"
		"signals: [{id: context.unused}]\n"
		"categories: [{id: secret, kind: secret}]\n"
		"detectors: [{id: pets, keywords: [fluffy], category: secret}]\n"
		"rules:\n"
		"  - {id: r, for: findings, outcome: violation, category: secret}\n");
	lp_decision *d;

	(void)state;
	d = tu_eval(q, "{\"content\":{\"text\":\"fluffy\"}," R("bystander") "}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "violation");
	assert_string_equal(tu_missing(d), "");
	lp_decision_free(d);
	d = tu_eval(q, "{" R("bystander") "}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)),
	                    "no_violation");
	assert_string_equal(tu_missing(d), "");
	lp_decision_free(d);
	lp_policy_free(q);
}

static void test_detector_match_limit(void **state)
{
	char *json = malloc(16 * (LP_MAX_DETECTOR_MATCHES + 1) + 64);
	lp_decision *d;
	size_t n, i;

	(void)state;
	/* A dump of more matches than the limit is still decided: the first
	 * matches stand as evidence, and the explanation says so. */
	n = (size_t)sprintf(json, "{" R("bystander") ",\"content\":{\"text\":\"");
	for (i = 0; i <= LP_MAX_DETECTOR_MATCHES; i++)
		n += (size_t)sprintf(json + n, "fluffy ");
	strcpy(json + n, "\"}}");
	d = tu_eval(p, json);
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "violation");
	assert_string_equal(tu_categories(d), "pet_name");
	assert_string_equal(lp_decision_explanation(d, 0),
	                    "Detector pets found more than 1024 matches; the "
	                    "evidence lists the first 1024.");
	lp_decision_free(d);
	free(json);
}

static void test_candidates_out_of_context(void **state)
{
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1'}\n"
		"categories: [{id: account, kind: financial}]\n"
		"detectors:\n"
		"  - {id: account-no, pattern: '\\b[0-9]{8,17}\\b', "
		"context: [account number], context_window: 30, category: account}\n"
		"rules:\n"
		"  - {id: r, for: findings, outcome: violation, "
		"category: finding.category}\n");
	char *json = malloc(9 * LP_MAX_DETECTOR_MATCHES + 256);
	lp_decision *d = NULL;
	lp_error err;
	size_t n, i, decoys;

	(void)state;
	/* Numbers out of context fill the candidate list; the one in context
	 * after them must not be passed over as if the text held none. With
	 * one decoy fewer, the list has room and the number is found. */
	for (decoys = LP_MAX_DETECTOR_MATCHES - 1; decoys <= LP_MAX_DETECTOR_MATCHES;
	     decoys++) {
		n = (size_t)sprintf(json, "{" R("bystander") ",\"content\":{\"text\":\"");
		for (i = 0; i < decoys; i++)
			n += (size_t)sprintf(json + n, "%08zu ", 10000000 + i);
		strcpy(json + n, "and that is all there is to say about those. "
		                "my account number 123456789012\"}}");
		memset(&err, 0, sizeof(err));
		if (decoys < LP_MAX_DETECTOR_MATCHES) {
			d = tu_eval(q, json);
			assert_string_equal(lp_verdict_name(lp_decision_verdict(d)),
			                    "violation");
			lp_decision_free(d);
			continue;
		}
		assert_int_equal(lp_evaluate_json(&d, q, json, strlen(json), 1, &err),
		                 LP_ELIMIT);
		assert_null(d);
		assert_string_equal(err.field, "content.text");
		assert_non_null(strstr(err.message, "detector account-no stopped at "
		                                    "1024 candidates, none near its "
		                                    "context words"));
	}
	free(json);
	lp_policy_free(q);
}

static void test_pattern_detector(void **state)
{
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1'}\n"
		"categories: [{id: passport, kind: secret}, {id: slow, kind: secret}]\n"
		"detectors:\n"
		"  - {id: passport-no, pattern: '\\b[A-Z]{2}[0-9]{7}\\b', "
		"category: passport}\n"
		"  - {id: codeword, pattern: 'red\\s+falcon', ignore_case: true, "
		"category: passport}\n"
		"  - {id: backtracker, pattern: '^(a+)+$', category: slow}\n"
		"rules:\n"
		"  - {id: r, for: findings, outcome: violation, "
		"category: finding.category}\n");
	char *json;
	size_t n;
	lp_decision *d;
	lp_evidence_info ev;

	(void)state;
	d = tu_eval(q, "{\"content\":{\"text\":\"passport AB1234567, and RED  "
	               "Falcon\"}," R("bystander") "}");
	assert_string_equal(lp_verdict_name(lp_decision_verdict(d)), "violation");
	assert_int_equal(lp_decision_evidence_count(d, 0), 2);
	assert_int_equal(lp_decision_evidence(d, 0, 0, &ev), LP_OK);
	assert_string_equal(ev.detector, "passport-no");
	assert_int_equal(ev.start, 9);
	assert_int_equal(ev.end, 18);
	assert_int_equal(lp_decision_evidence(d, 0, 1, &ev), LP_OK);
	assert_string_equal(ev.detector, "codeword");
	lp_decision_free(d);
	assert_verdict(q, "{\"content\":{\"text\":\"AB12345678 is too long\"},"
	                  R("bystander") "}", "no_violation");
	/* A pattern that backtracks without end stops at its match limit with
	 * an error for the report, not a stuck thread. */
	json = malloc(200);
	n = (size_t)sprintf(json, "{" R("bystander") ",\"content\":{\"text\":\"");
	memset(json + n, 'a', 40);
	strcpy(json + n + 40, "b\"}}");
	assert_contains(tu_reject(q, json, LP_ELIMIT),
	                "the pattern of detector backtracker needs more than its "
	                "match limit");
	free(json);
	lp_policy_free(q);
}

static void test_context_words(void **state)
{
	lp_policy *q = tu_policy(
		"policy: {name: t, version: '1'}\n"
		"categories: [{id: passport, kind: secret}]\n"
		"detectors:\n"
		"  - id: passport-no\n"
		"    pattern: '\\b[A-Z][0-9]{8}\\b'\n"
		"    context: [passport, passport number, 'pass no']\n"
		"    context_window: 20\n"
		"    category: passport\n"
		"rules:\n"
		"  - {id: r, for: findings, outcome: violation, "
		"category: finding.category}\n");

	(void)state;
	/* With a context word near it, before or after: a finding. */
	assert_verdict(q, "{\"content\":{\"text\":\"her Passport Number: "
	                  "K12345678\"}," R("bystander") "}", "violation");
	assert_verdict(q, "{\"content\":{\"text\":\"K12345678 is her pass no\"},"
	                  R("bystander") "}", "violation");
	/* Without one, or too far away, or only inside another word: none. */
	assert_verdict(q, "{\"content\":{\"text\":\"order K12345678 shipped\"},"
	                  R("bystander") "}", "no_violation");
	assert_verdict(q, "{\"content\":{\"text\":\"passport renewal is slow; "
	                  "meanwhile order K12345678 shipped\"}," R("bystander") "}",
	               "no_violation");
	assert_verdict(q, "{\"content\":{\"text\":\"passports K12345678\"},"
	                  R("bystander") "}", "no_violation");
	lp_policy_free(q);
	assert_contains(tu_diagnostics(
		"policy: {name: t, version: '1'}\n"
		"categories: [{id: c, kind: k}]\n"
		"detectors:\n"
		"  - {id: d, keywords: [x], context_window: 20, category: c}\n"
		"  - {id: e, keywords: [y], context: [z], context_window: big, "
		"category: c}\n"),
		"this detector has none");
	assert_contains(tu_diagnostics(
		"policy: {name: t, version: '1'}\n"
		"categories: [{id: c, kind: k}]\n"
		"detectors:\n"
		"  - {id: e, keywords: [y], context: [z], context_window: big, "
		"category: c}\n"),
		"'context_window' is a number of characters from 1 to 1000");
}

static void test_determinism(void **state)
{
	const char *json = "{\"id\":\"x\",\"content\":{\"text\":\"fluffy and locker "
	                   "code\",\"media\":[{\"type\":\"image\",\"depicts_person\":"
	                   "true}]}," R("subject") ",\"subject\":{\"minor\":true}}";
	char first[8192];

	(void)state;
	snprintf(first, sizeof(first), "%s", tu_eval_json(p, json));
	assert_string_equal(tu_eval_json(p, json), first);
	assert_contains(first, "\"policy\":{\"name\":\"other-platform\","
	                       "\"version\":\"7\",\"revision\":\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keyword_detector),
		cmocka_unit_test(test_candidates_out_of_context),
		cmocka_unit_test(test_offsets_are_code_points),
		cmocka_unit_test(test_exceptions_weighed_first),
		cmocka_unit_test(test_requires_and_otherwise),
		cmocka_unit_test(test_verdict_ladder_and_referrals),
		cmocka_unit_test(test_enforcement_first_matching_step),
		cmocka_unit_test(test_disabled_rule_and_labels),
		cmocka_unit_test(test_missing_signals),
		cmocka_unit_test(test_missing_signals_where),
		cmocka_unit_test(test_explain_templates),
		cmocka_unit_test(test_signals_no_rule_reads),
		cmocka_unit_test(test_detector_match_limit),
		cmocka_unit_test(test_pattern_detector),
		cmocka_unit_test(test_context_words),
		cmocka_unit_test(test_determinism),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
