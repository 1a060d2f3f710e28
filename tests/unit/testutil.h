/*
 * testutil.h - one-line test cases: "this report under this policy gives
 * this verdict", in the spirit of libyara's tests/util.h.
 */
#ifndef LP_TESTUTIL_H
#define LP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "libpolicy.h"

/* Compiles YAML text as a one-file policy named "test.yaml"; the test fails
 * (printing the diagnostics) if it does not compile. */
lp_policy *tu_policy(const char *yaml);
/* The embedded default policy. */
lp_policy *tu_default(void);

/* Compiles YAML and returns every diagnostic as lines of
 * "file:line:column: level: message [code]" (static buffer). */
const char *tu_diagnostics(const char *yaml);
const char *tu_diagnostics_files(const char *const *names,
                                 const char *const *yamls, size_t n);

/* Evaluates a JSON report; fails the test if it is rejected. */
lp_decision *tu_eval(const lp_policy *p, const char *json);
/* Evaluates and returns the decision JSON (static buffer). */
const char *tu_eval_json(const lp_policy *p, const char *json);
/* Evaluates a report that must be rejected; returns the message. */
const char *tu_reject(const lp_policy *p, const char *json, int status);

/* "a,b,c": the decision's categories / referrals / actions / exceptions /
 * missing signals, comma-joined (static buffers, one per kind). */
const char *tu_categories(const lp_decision *d);
const char *tu_referrals(const lp_decision *d);
const char *tu_actions(const lp_decision *d);
const char *tu_exceptions(const lp_decision *d);
const char *tu_missing(const lp_decision *d);

#define assert_verdict(policy, json, verdict)                                 \
	do {                                                                      \
		lp_decision *d_ = tu_eval((policy), (json));                          \
		assert_string_equal(lp_verdict_name(lp_decision_verdict(d_)),         \
		                    (verdict));                                       \
		lp_decision_free(d_);                                                 \
	} while (0)

#define assert_contains(haystack, needle)                                     \
	do {                                                                      \
		const char *h_ = (haystack);                                          \
		if (!strstr(h_, (needle)))                                            \
			fail_msg("expected to find \"%s\" in:\n%s", (needle), h_);        \
	} while (0)

/* Runs the built-in detector name over text (normalised first), checks
 * that its spans are in order, non-empty and inside the text, and writes
 * the matched substrings joined by '|' into buf. */
void tu_detect(const char *name, const char *text, char *buf, size_t cap);

#endif
