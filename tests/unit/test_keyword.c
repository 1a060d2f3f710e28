/*
 * test_keyword.c - the policy-defined keyword detector: whole words,
 * ASCII-case-insensitive, and the same result whatever the locale.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "detect.h"
#include "keyword.h"

/* Runs the keyword detector for the keywords kws (NULL-terminated, folded
 * with lp_keyword_fold first, as the policy loader does) over text and
 * returns the matched substrings joined by '|' in buf. */
static void run(const char *const *kws, const char *text, char *buf,
		size_t cap)
{
	char *kw[8];
	lp_text t = { 0 };
	lp_spans sp = { 0 };
	size_t n = 0, i, o = 0;

	for (n = 0; kws[n]; n++) {
		assert_true(n < 8);
		kw[n] = lp_malloc(strlen(kws[n]) + 1);
		assert_non_null(kw[n]);
		strcpy(kw[n], kws[n]);
		lp_keyword_fold(kw[n]);
	}
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(lp_keyword_detect(&t, kw, n, &sp), 0);
	buf[0] = '\0';
	for (i = 0; i < sp.n; i++) {
		size_t m = sp.v[i].end - sp.v[i].start;

		assert_true(o + m + 2 < cap);
		if (i > 0)
			buf[o++] = '|';
		memcpy(buf + o, t.s + sp.v[i].start, m);
		o += m;
		buf[o] = '\0';
	}
	lp_spans_free(&sp);
	lp_text_free(&t);
	for (i = 0; i < n; i++)
		lp_free(kw[i]);
}

#define KWS(...) ((const char *const[]){ __VA_ARGS__, NULL })

static void expect(const char *const *kws, const char *text, const char *want)
{
	char got[512];

	run(kws, text, got, sizeof(got));
	if (strcmp(got, want) != 0)
		fail_msg("on \"%s\": got \"%s\", want \"%s\" (locale %s)", text, got,
			 want, setlocale(LC_ALL, NULL));
}

/* Every expectation; run once per locale. */
static void check_all(void)
{
	/* ASCII case does not matter. */
	expect(KWS("fluffy"), "FLUFFY", "FLUFFY");
	expect(KWS("FLUFFY"), "so fluffy!", "fluffy");
	expect(KWS("Kiwi"), "KIWI and kiwi", "KIWI|kiwi"); /* no Turkish ı/İ */
	/* Whole words only. */
	expect(KWS("fluffy"), "fluffyness", "");
	expect(KWS("fluffy"), "unfluffy", "");
	expect(KWS("fluffy"), "fluffy_cat", "");
	expect(KWS("fluffy"), "(fluffy), fluffy.", "fluffy|fluffy");
	/* Non-ASCII: matched exactly, a UTF-8 letter is a word character. */
	expect(KWS("caf\xC3\xA9"), "un caf\xC3\xA9 noir", "caf\xC3\xA9");
	expect(KWS("caf\xC3\xA9"), "CAF\xC3\xA9!", "CAF\xC3\xA9");
	expect(KWS("caf\xC3\xA9"), "caf\xC3\xA9s", "");
	expect(KWS("caf\xC3\xA9"), "caf\xC3\xA9\xC3\xA9", "");
	expect(KWS("caf"), "caf\xC3\xA9", "");
	/* Case folding is ASCII-only (keyword.h): É is not é. */
	expect(KWS("caf\xC3\xA9"), "CAF\xC3\x89", "");
	expect(KWS("CAF\xC3\x89"), "caf\xC3\x89", "caf\xC3\x89");
	/* Phrases; the earliest, then longest, match wins. */
	expect(KWS("red", "red panda"), "a RED Panda here", "RED Panda");
	/* An empty keyword matches nothing. */
	expect(KWS(""), "anything", "");
}

/* lp_keyword_may_occur for the folded keywords kws over text; and, when it
 * is false, lp_keyword_near must be false for every range of the text
 * (which is what lets the scanner skip a detector on it). When the digests
 * of how words begin rule the keywords out, it must be false too. */
static int may_occur(const char *const *kws, const char *text)
{
	char *kw[8];
	lp_text t = { 0 };
	size_t n, i, from, to;
	uint64_t pairs;
	int may;

	for (n = 0; kws[n]; n++) {
		assert_true(n < 8);
		kw[n] = lp_malloc(strlen(kws[n]) + 1);
		assert_non_null(kw[n]);
		strcpy(kw[n], kws[n]);
		lp_keyword_fold(kw[n]);
	}
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	may = lp_keyword_may_occur(&t, kw, n);
	pairs = lp_keyword_pairs(kw, n);
	if (pairs && !(pairs & lp_text_word_pairs(&t)))
		assert_false(may);
	for (from = 0; !may && from < t.len; from++) {
		for (to = from + 1; to <= t.len; to++)
			assert_false(lp_keyword_near(&t, kw, n, from, to));
	}
	lp_text_free(&t);
	for (i = 0; i < n; i++)
		lp_free(kw[i]);
	return may;
}

static void test_may_occur(void **state)
{
	(void)state;
	assert_true(may_occur(KWS("passport"), "my PASSPORT no"));
	assert_true(may_occur(KWS("acct", "account number"), "Account Number: 1"));
	/* Whatever follows: a window may end inside a word. */
	assert_true(may_occur(KWS("acct"), "acctx"));
	assert_false(may_occur(KWS("acct"), "xacct macct bacct"));
	assert_false(may_occur(KWS("passport"), "pass port, passpor"));
	assert_false(may_occur(KWS("passport"), ""));
	/* Keywords that do not begin with a letter are looked for everywhere. */
	assert_true(may_occur(KWS("#acct"), "see x#acct"));
	assert_true(may_occur(KWS("9acct"), "see 9ACCT"));
	assert_false(may_occur(KWS("9acct"), "see x9acct"));
	assert_true(may_occur(KWS("caf\xC3\xA9"), "un CAF\xC3\xA9"));
	assert_false(may_occur(KWS(""), "anything"));
	assert_true(may_occur(KWS("", "thing"), "anything thing"));
	/* The digests. */
	assert_true(may_occur(KWS("Account no"), "ACCOUNT NO 1"));
	assert_false(may_occur(KWS("account no"), "accent acorn"));
}

static void test_word_pairs(void **state)
{
	char *kw[2] = { "acct", "passport" }, *one[1] = { "a" }, *hash[1] = { "#x" };
	lp_text t = { 0 };
	uint64_t p;

	(void)state;
	p = lp_keyword_pairs(kw, 2);
	assert_int_equal(p, ((uint64_t)1 << lp_word_pair('a', 'c')) |
	                    ((uint64_t)1 << lp_word_pair('p', 'a')));
	/* Nothing can be ruled out for a one-letter or non-letter keyword. */
	assert_int_equal(lp_keyword_pairs(one, 1), 0);
	assert_int_equal(lp_keyword_pairs(hash, 1), 0);
	assert_int_equal(lp_text_normalise(&t, "My ACct, x9pa b", 15), 0);
	p = lp_text_word_pairs(&t);
	assert_true(p & ((uint64_t)1 << lp_word_pair('m', 'y')));
	assert_true(p & ((uint64_t)1 << lp_word_pair('a', 'c')));
	assert_true(p & ((uint64_t)1 << lp_word_pair('p', 'a'))); /* after 9 */
	assert_true(p & ((uint64_t)1 << lp_word_pair('b', '\0'))); /* at the end */
	lp_text_free(&t);
}

static void test_keyword_fold(void **state)
{
	char s[] = "FluFFy CAF\xC3\x89 \xC3\x80 I";

	(void)state;
	lp_keyword_fold(s);
	assert_string_equal(s, "fluffy caf\xC3\x89 \xC3\x80 i");
}

static void test_locale_c(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	check_all();
	test_keyword_fold(state);
}

/* The same results in UTF-8 and single-byte locales, where the <ctype.h>
 * functions would classify and fold bytes >= 0x80 (and Turkish 'I'). */
static void test_other_locales(void **state)
{
	static const char *const locales[] = {
		"C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.ISO-8859-1",
		"de_DE.ISO-8859-1", "tr_TR.UTF-8", "tr_TR.ISO-8859-9",
	};
	size_t i, ran = 0;

	(void)state;
	for (i = 0; i < sizeof(locales) / sizeof(locales[0]); i++) {
		if (!setlocale(LC_ALL, locales[i]))
			continue; /* not installed here */
		ran++;
		check_all();
		test_keyword_fold(state);
	}
	setlocale(LC_ALL, "C");
	if (ran == 0)
		skip();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_may_occur),
		cmocka_unit_test(test_word_pairs),
		cmocka_unit_test(test_keyword_fold),
		cmocka_unit_test(test_locale_c),
		cmocka_unit_test(test_other_locales),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
