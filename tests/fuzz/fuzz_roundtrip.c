/*
 * fuzz_roundtrip.c - decision -> JSON -> parse again.
 *
 * The input is evaluated as a report under the default policy (compiled
 * once). When it is accepted, the decision is written as compact and as
 * pretty JSON. Both must be one valid JSON value that parses
 * (lp_jdoc_parse) to the same tree, the compact text must hold
 * no white space outside strings, the tree's verdict and counts must be
 * the accessors', and a second evaluation of the same input must give the
 * same bytes (the output is documented as byte-identical). Any mismatch
 * traps.
 */
#include <string.h>

#include "fuzz.h"
#include "json_doc.h"
#include "libpolicy.h"

static lp_policy *policy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (lp_policy_load(&policy, NULL, NULL, NULL) != LP_OK) {
		fprintf(stderr, "fuzz_roundtrip: the default policy does not load\n");
		__builtin_trap();
	}
	return 0;
}

/* Same type, key, scalar text and children, in order. Decisions are a few
 * levels deep (and the parser bounds the depth), so recursion is fine. */
static int same_tree(const lp_jnode *a, const lp_jnode *b)
{
	for (; a && b; a = a->next, b = b->next) {
		if (a->type != b->type || a->count != b->count)
			return 0;
		if ((a->key == NULL) != (b->key == NULL))
			return 0;
		if (a->key && (a->key_len != b->key_len ||
		               memcmp(a->key, b->key, a->key_len) != 0))
			return 0;
		if ((a->type == LP_JSTRING || a->type == LP_JNUMBER) &&
		    (a->len != b->len || memcmp(a->str, b->str, a->len) != 0))
			return 0;
		if (!same_tree(a->child, b->child))
			return 0;
	}
	return a == NULL && b == NULL;
}

static void parse(lp_jdoc *doc, const char *json, size_t len)
{
	lp_error err;

	memset(&err, 0, sizeof(err));
	if (lp_jdoc_parse(doc, json, len, &err) != LP_OK) {
		fprintf(stderr, "decision JSON is invalid: %s\n%.*s\n", err.message,
		        (int)(len > 4096 ? 4096 : len), json);
		__builtin_trap();
	}
	FUZZ_CHECK(doc->root != NULL && doc->root->type == LP_JOBJECT);
}

/* No white space between tokens of compact output. */
static int is_compact(const char *s, size_t len)
{
	size_t i;
	int in_str = 0;

	for (i = 0; i < len; i++) {
		char c = s[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			return 0;
		}
	}
	return 1;
}

static size_t array_count(const lp_jnode *obj, const char *key)
{
	const lp_jnode *n = lp_jdoc_get(obj, key);

	FUZZ_CHECK(n != NULL && n->type == LP_JARRAY);
	return n->count;
}

static void check_against(const lp_jnode *root, const lp_decision *d)
{
	const lp_jnode *v = lp_jdoc_get(root, "verdict");

	FUZZ_CHECK(v != NULL && v->type == LP_JSTRING);
	FUZZ_CHECK(strcmp(v->str, lp_verdict_name(lp_decision_verdict(d))) == 0);
	FUZZ_CHECK(lp_jdoc_get(root, "id") != NULL);
	FUZZ_CHECK(array_count(root, "actions") == lp_decision_action_count(d));
	FUZZ_CHECK(array_count(root, "violations") ==
	           lp_decision_violation_count(d));
	FUZZ_CHECK(array_count(root, "exceptions") ==
	           lp_decision_exception_count(d));
	FUZZ_CHECK(array_count(root, "referrals") ==
	           lp_decision_referral_count(d));
	FUZZ_CHECK(array_count(root, "missing_signals") ==
	           lp_decision_missing_signal_count(d));
	FUZZ_CHECK(array_count(root, "explanation") ==
	           lp_decision_explanation_count(d));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	lp_decision *d = NULL, *again = NULL;
	char *compact = NULL, *pretty = NULL, *second = NULL;
	size_t clen = 0, plen = 0, slen = 0;
	lp_jdoc cdoc, pdoc;

	if (lp_evaluate_json(&d, policy, (const char *)data, size, 7, NULL) !=
	    LP_OK)
		return 0;
	FUZZ_CHECK(lp_decision_to_json(&compact, &clen, d, LP_JSON_COMPACT) ==
	           LP_OK);
	FUZZ_CHECK(lp_decision_to_json(&pretty, &plen, d, LP_JSON_PRETTY) ==
	           LP_OK);
	FUZZ_CHECK(compact && strlen(compact) == clen);
	FUZZ_CHECK(pretty && strlen(pretty) == plen);
	FUZZ_CHECK(is_compact(compact, clen));

	parse(&cdoc, compact, clen);
	parse(&pdoc, pretty, plen);
	if (!same_tree(cdoc.root, pdoc.root)) {
		fprintf(stderr, "compact and pretty differ:\n%s\n%s\n", compact,
		        pretty);
		__builtin_trap();
	}
	check_against(cdoc.root, d);
	lp_jdoc_free(&cdoc);
	lp_jdoc_free(&pdoc);

	/* Same input, same policy: same bytes. */
	FUZZ_CHECK(lp_evaluate_json(&again, policy, (const char *)data, size, 7,
	                            NULL) == LP_OK);
	FUZZ_CHECK(lp_decision_to_json(&second, &slen, again, LP_JSON_COMPACT) ==
	           LP_OK);
	FUZZ_CHECK(slen == clen && memcmp(second, compact, clen) == 0);

	lp_free(second);
	lp_free(pretty);
	lp_free(compact);
	lp_decision_free(again);
	lp_decision_free(d);
	return 0;
}
