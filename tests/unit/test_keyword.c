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
	lp_word_digest kd, td;
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
	if (lp_keyword_digest(kw, n, &kd)) {
		lp_text_word_digest(&t, kd.initials, &td);
		if (!lp_word_digest_meets(&kd, &td))
			assert_false(may);
	}
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

static int has_triple(const lp_word_digest *d, const char *w)
{
	unsigned h = lp_word_triple((unsigned char)w[0], (unsigned char)w[1],
	                            (unsigned char)w[2]);

	return (int)(d->bits[h >> 6] >> (h & 63) & 1);
}

static int bit_count(const lp_word_digest *d)
{
	int n = 0, k;

	for (k = 0; k < 4; k++)
		n += __builtin_popcountll(d->bits[k]);
	return n;
}

static void test_word_digest(void **state)
{
	char *kw[2] = { "acct", "passport" }, *two[1] = { "ab" },
	     *hash[1] = { "#xy" };
	/* 63 bytes: the last word's third byte would be past the buffer's
	 * 64; it counts as 0. */
	static const char end[] =
		"..............................................x My ACct, x9pa b";
	lp_text t = { 0 };
	lp_word_digest d;

	(void)state;
	assert_int_equal(lp_keyword_digest(kw, 2, &d), 1);
	assert_true(has_triple(&d, "acc"));
	assert_true(has_triple(&d, "pas"));
	assert_true(bit_count(&d) <= 2);
	assert_int_equal(d.initials, 1u << 0 | 1u << ('p' - 'a'));
	/* Nothing can be ruled out for a short or non-letter keyword. */
	assert_int_equal(lp_keyword_digest(two, 1, &d), 0);
	assert_int_equal(bit_count(&d), 0);
	assert_int_equal(lp_keyword_digest(hash, 1, &d), 0);
	assert_int_equal(sizeof(end) - 1, 63);
	assert_int_equal(lp_text_normalise(&t, end, sizeof(end) - 1), 0);
	/* Only the words of the initials asked for. */
	lp_text_word_digest(&t, 1u << ('m' - 'a'), &d);
	assert_true(has_triple(&d, "my "));
	assert_int_equal(bit_count(&d), 1);
	lp_text_word_digest(&t, 0x3FFFFFF, &d);
	assert_true(has_triple(&d, "x m"));
	assert_true(has_triple(&d, "my "));
	assert_true(has_triple(&d, "acc"));
	assert_true(has_triple(&d, "pa ")); /* after 9 */
	assert_true(has_triple(&d, "b\0\0")); /* the last byte */
	assert_false(has_triple(&d, "...")); /* words begin with a letter */
	assert_true(bit_count(&d) <= 6);
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
		cmocka_unit_test(test_word_digest),
		cmocka_unit_test(test_keyword_fold),
		cmocka_unit_test(test_locale_c),
		cmocka_unit_test(test_other_locales),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
