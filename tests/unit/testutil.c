#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "detect.h"

static char diag_text[16384];

static void collect(const lp_diagnostic *d, void *payload)
{
	size_t len = strlen(diag_text);

	(void)payload;
	snprintf(diag_text + len, sizeof(diag_text) - len,
	         "%s:%u:%u: %s: %s [%s]\n", d->file, d->line, d->column,
	         d->level == LP_DIAG_ERROR ? "error" : "warning", d->message,
	         d->code);
}

lp_policy *tu_policy(const char *yaml)
{
	lp_compiler *c;
	lp_policy *p = NULL;

	diag_text[0] = '\0';
	assert_int_equal(lp_compiler_new(&c, collect, NULL), LP_OK);
	lp_compiler_add_buffer(c, "test.yaml", yaml, strlen(yaml));
	if (lp_compiler_compile(&p, c) != LP_OK)
		fail_msg("policy does not compile:\n%s", diag_text);
	lp_compiler_free(c);
	return p;
}

lp_policy *tu_default(void)
{
	lp_policy *p = NULL;

	diag_text[0] = '\0';
	if (lp_policy_load(&p, NULL, collect, NULL) != LP_OK)
		fail_msg("default policy does not compile:\n%s", diag_text);
	return p;
}

const char *tu_diagnostics_files(const char *const *names,
                                 const char *const *yamls, size_t n)
{
	lp_compiler *c;
	lp_policy *p = NULL;
	size_t i;

	diag_text[0] = '\0';
	assert_int_equal(lp_compiler_new(&c, collect, NULL), LP_OK);
	for (i = 0; i < n; i++)
		lp_compiler_add_buffer(c, names[i], yamls[i], strlen(yamls[i]));
	lp_compiler_compile(&p, c);
	lp_compiler_free(c);
	lp_policy_free(p);
	return diag_text;
}

const char *tu_diagnostics(const char *yaml)
{
	const char *name = "test.yaml";

	return tu_diagnostics_files(&name, &yaml, 1);
}

lp_decision *tu_eval(const lp_policy *p, const char *json)
{
	lp_decision *d = NULL;
	lp_error err;

	memset(&err, 0, sizeof(err));
	if (lp_evaluate_json(&d, p, json, strlen(json), 1, &err) != LP_OK)
		fail_msg("report rejected: %s\n%s", err.message, json);
	return d;
}

const char *tu_eval_json(const lp_policy *p, const char *json)
{
	static char out[65536];
	lp_decision *d = tu_eval(p, json);
	char *s = NULL;

	assert_int_equal(lp_decision_to_json(&s, NULL, d, LP_JSON_COMPACT), LP_OK);
	snprintf(out, sizeof(out), "%s", s);
	lp_free(s);
	lp_decision_free(d);
	return out;
}

const char *tu_reject(const lp_policy *p, const char *json, int status)
{
	static char msg[512];
	lp_decision *d = NULL;
	lp_error err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, p, json, strlen(json), 1, &err);
	if (rc == LP_OK) {
		lp_decision_free(d);
		fail_msg("report was accepted but should be rejected:\n%s", json);
	}
	assert_int_equal(rc, status);
	assert_null(d);
	snprintf(msg, sizeof(msg), "%s", err.message);
	return msg;
}

typedef const char *(*item_fn)(const lp_decision *, size_t);
typedef size_t (*count_fn)(const lp_decision *);

static const char *join(char *buf, size_t size, const lp_decision *d,
                        count_fn count, item_fn item)
{
	size_t i, n = count(d), len = 0;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		const char *s = item(d, i);

		/* Violations of one category under two rules list it once. */
		if (strstr(buf, s) && count == lp_decision_violation_count)
			continue;
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "",
		                        s);
	}
	return buf;
}

#define JOINER(fn, count, item)                                   \
	const char *fn(const lp_decision *d)                          \
	{                                                             \
		static char buf[1024];                                    \
		return join(buf, sizeof(buf), d, count, item);            \
	}
JOINER(tu_categories, lp_decision_violation_count, lp_decision_violation_category)
JOINER(tu_referrals, lp_decision_referral_count, lp_decision_referral)
JOINER(tu_actions, lp_decision_action_count, lp_decision_action)
JOINER(tu_exceptions, lp_decision_exception_count, lp_decision_exception_reason)
JOINER(tu_missing, lp_decision_missing_signal_count, lp_decision_missing_signal)

void tu_detect(const char *name, const char *text, char *buf, size_t cap)
{
	const lp_builtin_detector *d = lp_builtin_detector_find(name);
	lp_text t = { 0 };
	lp_spans sp = { 0 };
	size_t i, o = 0;

	assert_non_null(d);
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(d->detect(&t, &sp), 0);
	buf[0] = '\0';
	for (i = 0; i < sp.n; i++) {
		size_t n = sp.v[i].end - sp.v[i].start;

		assert_true(sp.v[i].start < sp.v[i].end);
		assert_true(sp.v[i].end <= t.len);
		if (i > 0)
			assert_true(sp.v[i].start >= sp.v[i - 1].end);
		assert_true(o + n + 2 < cap);
		if (i > 0)
			buf[o++] = '|';
		memcpy(buf + o, t.s + sp.v[i].start, n);
		o += n;
		buf[o] = '\0';
	}
	lp_spans_free(&sp);
	lp_text_free(&t);
}
