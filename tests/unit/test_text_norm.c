/*
 * test_text_norm.c - normalisation of tweet text before detection: the
 * folded characters, the removed ones, and the map from each normalised
 * byte back to a code point of the original.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "ascii.h"
#include "scan_util.h"
#include "text_norm.h"

static void norm(lp_text *t, const char *src)
{
	assert_int_equal(lp_text_normalise(t, src, strlen(src)), 0);
	assert_int_equal(strlen(t->s), t->len);
}

static void expect_norm(const char *src, const char *want)
{
	lp_text t = { 0 };

	norm(&t, src);
	assert_string_equal(t.s, want);
	lp_text_free(&t);
}

static void test_ascii_unchanged(void **state)
{
	lp_text t = { 0 };
	size_t i;

	(void)state;
	norm(&t, "Call Me at 555-123-4567!");
	assert_string_equal(t.s, "Call Me at 555-123-4567!");
	assert_true(t.ascii);
	for (i = 0; i <= t.len; i++)
		assert_int_equal(lp_text_cp(&t, i), i);
	norm(&t, "caf\xC3\xA9 1");
	assert_false(t.ascii);
	assert_int_equal(lp_text_cp(&t, 5), 4);
	assert_int_equal(lp_text_cp(&t, 6), 5);
	lp_text_free(&t);
	assert_null(t.s);
	assert_null(t.marks);
	assert_null(t.sets);
}

static void test_full_width(void **state)
{
	lp_text t = { 0 };

	(void)state;
	/* ０７７００ → 07700: three bytes become one, offsets count code points. */
	norm(&t, "\xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x97\xEF\xBC\x90\xEF\xBC\x90");
	assert_string_equal(t.s, "07700");
	assert_int_equal(lp_text_cp(&t, 0), 0);
	assert_int_equal(lp_text_cp(&t, 4), 4);
	assert_int_equal(lp_text_cp(&t, 5), 5);
	lp_text_free(&t);
	/* Full-width letters and punctuation, case kept: ｊａｎｅ＠Ｘ．ｃｏｍ */
	expect_norm("\xEF\xBD\x8A\xEF\xBD\x81\xEF\xBD\x8E\xEF\xBD\x85\xEF\xBC\xA0"
		    "\xEF\xBC\xB8\xEF\xBC\x8E\xEF\xBD\x83\xEF\xBD\x8F\xEF\xBD\x8D",
		    "jane@X.com");
}

static void test_other_digits(void **state)
{
	(void)state;
	/* Arabic-Indic, Eastern Arabic-Indic, Devanagari, Bengali. */
	expect_norm("\xD9\xA0\xD9\xA1\xD9\xA2\xD9\xA9", "0129");
	expect_norm("\xDB\xB0\xDB\xB5\xDB\xB9", "059");
	expect_norm("\xE0\xA5\xA6\xE0\xA5\xA7\xE0\xA5\xAF", "019");
	expect_norm("\xE0\xA7\xA6\xE0\xA7\xAF", "09");
	/* Mathematical bold 0 (U+1D7CE) and monospace 9 (U+1D7FF). */
	expect_norm("\xF0\x9D\x9F\x8E\xF0\x9D\x9F\xBF", "09");
	/* Thai ๕. */
	expect_norm("\xE0\xB9\x95", "5");
}

static void test_invisible_removed(void **state)
{
	lp_text t = { 0 };

	(void)state;
	/* a ZWSP b BOM c SHY d WJ e ZWJ f */
	norm(&t, "a\xE2\x80\x8B" "b\xEF\xBB\xBF" "c\xC2\xAD" "d\xE2\x81\xA0"
		 "e\xE2\x80\x8D" "f");
	assert_string_equal(t.s, "abcdef");
	assert_int_equal(lp_text_cp(&t, 0), 0);
	assert_int_equal(lp_text_cp(&t, 1), 2);
	assert_int_equal(lp_text_cp(&t, 2), 4);
	assert_int_equal(lp_text_cp(&t, 3), 6);
	assert_int_equal(lp_text_cp(&t, 4), 8);
	assert_int_equal(lp_text_cp(&t, 5), 10);
	assert_int_equal(lp_text_cp(&t, 6), 11);
	lp_text_free(&t);
	expect_norm("5\xE1\xA0\x8E" "5\xE2\x80\x8F" "5", "555");
}

static void test_spaces_and_dashes(void **state)
{
	(void)state;
	expect_norm("a\xC2\xA0" "b\xE2\x80\x83" "c\xE3\x80\x80" "d\xE2\x80\xAF" "e",
		    "a b c d e");
	expect_norm("1\xE2\x80\x93" "2\xE2\x80\x94" "3\xE2\x88\x92" "4\xEF\xBC\x8D"
		    "5\xE2\x80\x90" "6\xEF\xB9\xA3" "7", "1-2-3-4-5-6-7");
}

static void test_multibyte_offsets(void **state)
{
	lp_text t = { 0 };

	(void)state;
	/* é (2 bytes), 日 (3), 😀 (4), x: kept byte for byte. */
	norm(&t, "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80x");
	assert_int_equal(t.len, 10);
	assert_memory_equal(t.s, "\xC3\xA9\xE6\x97\xA5\xF0\x9F\x98\x80x", 10);
	assert_int_equal(lp_text_cp(&t, 0), 0);
	assert_int_equal(lp_text_cp(&t, 1), 0);
	assert_int_equal(lp_text_cp(&t, 2), 1);
	assert_int_equal(lp_text_cp(&t, 4), 1);
	assert_int_equal(lp_text_cp(&t, 5), 2);
	assert_int_equal(lp_text_cp(&t, 8), 2);
	assert_int_equal(lp_text_cp(&t, 9), 3);
	assert_int_equal(lp_text_cp(&t, 10), 4);
	lp_text_free(&t);
}

/* Texts of random pieces (ASCII runs of any length, removed, folded and
 * kept characters, next to each other and at either end): every byte's
 * code point is the one the reference gives, built by normalising each
 * piece alone, since a character folds the same wherever it is. */
static void test_offsets_of_random_texts(void **state)
{
	static const char *const pieces[] = {
		"a", "12", "abcdefghijklmnopq", " ", "\xE2\x80\x8B", /* ZWSP */
		"\xEF\xBC\x95",     /* full-width 5 */
		"\xC3\xA9",          /* é, kept */
		"\xF0\x9F\x98\x80",  /* emoji, kept */
		"\xE2\x80\x93",     /* en dash */
		"\xC2\xAD",          /* soft hyphen, removed */
		"\xE6\x97\xA5",     /* kept */
	};
	enum { NPIECES = sizeof(pieces) / sizeof(pieces[0]) };
	lp_text t = { 0 }, one = { 0 };
	char src[600], want_s[600];
	uint32_t want[600];
	unsigned seed = 12345, round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t len = 0, out = 0, k, npieces = seed % 24;
		uint32_t cps = 0;

		for (k = 0; k < npieces; k++) {
			const char *p;
			size_t b, n;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % NPIECES];
			n = strlen(p);
			memcpy(src + len, p, n);
			len += n;
			/* What this piece becomes, and from which code point
			 * of it each byte came: ASCII bytes one each, any
			 * other character all its bytes from one. */
			norm(&one, p);
			memcpy(want_s + out, one.s, one.len);
			for (b = 0; b < one.len; b++)
				want[out + b] = cps + ((unsigned char)p[0] < 0x80
				                       ? (uint32_t)b : 0);
			out += one.len;
			cps += (unsigned char)p[0] < 0x80 ? (uint32_t)n : 1;
		}
		want[out] = cps;
		want_s[out] = '\0';
		src[len] = '\0';
		norm(&t, src);
		/* The bytes too: ASCII is copied many bytes at a time, up to
		 * each character that is not, wherever it falls. */
		assert_string_equal(t.s, want_s);
		assert_int_equal(t.len, out);
		for (k = 0; k <= out; k++)
			assert_int_equal(lp_text_cp(&t, k), want[k]);
	}
	lp_text_free(&t);
	lp_text_free(&one);
}

static void test_reuse_and_empty(void **state)
{
	lp_text t = { 0 };
	char big[3000];
	size_t cap;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	norm(&t, big);
	assert_int_equal(t.len, sizeof(big) - 1);
	assert_int_equal(lp_text_cp(&t, t.len), sizeof(big) - 1);
	cap = t.cap;
	assert_true(cap >= t.len + 1);
	norm(&t, "ab");
	assert_string_equal(t.s, "ab");
	assert_int_equal(t.cap, cap);
	assert_int_equal(lp_text_cp(&t, 2), 2);
	assert_int_equal(lp_text_normalise(&t, "", 0), 0);
	assert_int_equal(t.len, 0);
	assert_string_equal(t.s, "");
	assert_int_equal(lp_text_cp(&t, 0), 0);
	lp_text_free(&t);
	lp_text_free(&t);
}

static void test_malformed_is_safe(void **state)
{
	lp_text t = { 0 };

	(void)state;
	/* A stray continuation byte and a truncated sequence at the end. */
	assert_int_equal(lp_text_normalise(&t, "a\x80" "b\xEF\xBC", 5), 0);
	assert_int_equal(t.len, 5);
	assert_int_equal(lp_text_cp(&t, 5), 5);
	/* Only the first len bytes are read. */
	assert_int_equal(lp_text_normalise(&t, "\xEF\xBC\x90\xEF\xBC\x91", 4), 0);
	assert_int_equal(t.len, 2);
	assert_int_equal(t.s[0], '0');
	assert_int_equal(lp_text_cp(&t, 2), 2);
	lp_text_free(&t);
}

/* Stray bytes of malformed UTF-8 are a character each: a text of nothing
 * else has as many characters that are not ASCII as bytes, each mapped
 * to its own code point, and a shorter text after it reuses the list. */
static void test_stray_bytes_each_a_character(void **state)
{
	lp_text t = { 0 };
	char src[1000];
	size_t i;

	(void)state;
	memset(src, 0x80, sizeof(src));
	src[500] = 'x';
	assert_int_equal(lp_text_normalise(&t, src, sizeof(src)), 0);
	assert_int_equal(t.len, sizeof(src));
	assert_false(t.ascii);
	for (i = 0; i <= t.len; i++)
		assert_int_equal(lp_text_cp(&t, i), i);
	norm(&t, "\xC3\xA9x");
	assert_int_equal(lp_text_cp(&t, 2), 1);
	assert_int_equal(lp_text_cp(&t, 3), 2);
	lp_text_free(&t);
}

/* Every offset of set in t, in order, through lp_text_next, as a string of
 * offsets ("0 5 9"). */
static const char *members(const lp_text *t, unsigned set)
{
	static char buf[512];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = lp_text_next(t, LP_IN(set), 0); i < t->len;
	     i = lp_text_next(t, LP_IN(set), i + 1))
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, n ? " %zu" : "%zu", i);
	return buf;
}

static void test_candidate_sets(void **state)
{
	lp_text t = { 0 };

	(void)state;
	/*       0         1         2         3         4
	 *       0123456789012345678901234567890123456789012345 */
	norm(&t, "Call +1 (555) 12:30 x9 $5 at me@x.io [at] see www.a.b #7");
	assert_string_equal(members(&t, LP_SET_NUM), "6 9 14 17 21 24 55");
	/* Not 17 (12:30), 21 (x9), 24 ($5) nor 55 (#7); 6 follows '+'. */
	assert_string_equal(members(&t, LP_SET_NUMOK), "9 14");
	assert_string_equal(members(&t, LP_SET_WORD),
	                    "0 20 26 29 32 34 38 42 46 50 52");
	assert_string_equal(members(&t, LP_SET_SIGN), "5 8");
	assert_string_equal(members(&t, LP_SET_MARK), "8 26 31 37");
	assert_string_equal(members(&t, LP_SET_URL), "46");
	assert_string_equal(members(&t, LP_SET_KV), "16");
	assert_int_equal(t.digits, 11);
	assert_int_equal(t.has, LP_HAS_AT | LP_HAS_KV | LP_HAS_ATW);
	/* Both fold to ASCII: the sets see the normalised bytes. */
	norm(&t, "\xEF\xBC\x91\xE2\x80\x8B" "2 a");
	assert_string_equal(t.s, "12 a");
	assert_string_equal(members(&t, LP_SET_NUM), "0");
	assert_int_equal(t.has, 0);
	lp_text_free(&t);
}

/* Each URL is read once, by the indexer: LP_SET_INURL holds its bytes up
 * to the white space after it, across blocks, and lp_text_url_end finds
 * that end from any byte of it. */
static void test_url_extent(void **state)
{
	lp_text t = { 0 };
	char buf[160];
	size_t end;

	(void)state;
	/* 0-59 a word, then a URL from 61 that holds another from 76 and
	 * ends at 83, in the second block. */
	memset(buf, 'x', 60);
	strcpy(buf + 60, " https://ex.com/www.b/c d2");
	norm(&t, buf);
	end = strchr(buf + 61, ' ') - buf;
	assert_int_equal(end, 83);
	assert_string_equal(members(&t, LP_SET_URL), "61 76");
	assert_int_equal(lp_text_url_end(&t, 61), end);
	assert_int_equal(lp_text_url_end(&t, 76), end);
	assert_int_equal(lp_text_url_end(&t, 63), end);
	assert_int_equal(lp_text_url_at(&t, 61), end);
	assert_int_equal(lp_text_url_at(&t, 62), 0);
	assert_false(lp_text_in(&t, LP_SET_INURL, 60));
	assert_true(lp_text_in(&t, LP_SET_INURL, 61));
	assert_true(lp_text_in(&t, LP_SET_INURL, 64));
	assert_true(lp_text_in(&t, LP_SET_INURL, end - 1));
	assert_false(lp_text_in(&t, LP_SET_INURL, end));
	assert_false(lp_text_in(&t, LP_SET_INURL, end + 1));
	/* A URL that ends the text, at the end of its last block. */
	memset(buf, 'y', 115);
	strcpy(buf + 115, " www.a.b/cd");
	assert_int_equal(strlen(buf), 126);
	norm(&t, buf);
	assert_string_equal(members(&t, LP_SET_URL), "116");
	assert_int_equal(lp_text_url_end(&t, 116), t.len);
	assert_int_equal(lp_text_url_end(&t, 125), t.len);
	memset(buf, 'y', 115);
	strcpy(buf + 115, " www.a.b/cd.ef");
	assert_int_equal(strlen(buf), 129);
	norm(&t, buf);
	assert_int_equal(lp_text_url_end(&t, 127), t.len);
	/* "www" glued to a word starts no URL. */
	norm(&t, "awww.a.b 1");
	assert_string_equal(members(&t, LP_SET_INURL), "");
	lp_text_free(&t);
}

/* The end of a run of digits is read from LP_SET_DIGIT, across blocks
 * and up to the end of a text that fills its last block. */
static void test_digit_runs(void **state)
{
	lp_text t = { 0 };
	char buf[80];

	(void)state;
	memset(buf, 'x', 60);
	strcpy(buf + 60, "1234");
	norm(&t, buf);
	assert_int_equal(t.len, 64);
	assert_int_equal(lp_text_digits_end(&t, 60), 64);
	assert_int_equal(lp_text_digits_end(&t, 63), 64);
	assert_int_equal(lp_text_digits_end(&t, 64), 64);
	assert_int_equal(lp_text_digits_end(&t, 59), 59);
	memset(buf, 'x', 62);
	strcpy(buf + 62, "12345 a9");
	norm(&t, buf);
	assert_int_equal(lp_text_digits_end(&t, 62), 67);
	assert_int_equal(lp_text_digits_end(&t, 67), 67);
	assert_int_equal(lp_text_digits_end(&t, 69), 70);
	lp_text_free(&t);
}

/* LP_SET_NUMOK is lp_num_start_ok() at every run of digits, whatever
 * the bytes before it, across block boundaries. */
static void test_number_starts_match_the_rule(void **state)
{
	static const char alphabet[] = "0123abcXYZ .,:-_$#@/\\=&%~^*+()!'";
	static const char *const wide[] = { "\xC3\xA9", "\xE6\x97\xA5",
	                                    "\xC2\xA0", "\xE2\x82\xAC" };
	lp_text t = { 0 };
	char src[300];
	unsigned seed = 777, round;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t len = 0, i, n = 1 + round % 200;

		while (len < n) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 16 == 0) {
				const char *w = wide[(seed >> 8) % 4];

				memcpy(src + len, w, strlen(w));
				len += strlen(w);
			} else {
				src[len++] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
			}
		}
		src[len] = '\0';
		norm(&t, src);
		for (i = 0; i < t.len; i++) {
			if (!lp_text_in(&t, LP_SET_NUM, i))
				continue;
			if (lp_text_in(&t, LP_SET_NUMOK, i) !=
			    lp_num_start_ok(t.s, t.len, i))
				fail_msg("at %zu of \"%s\"", i, t.s);
		}
	}
	lp_text_free(&t);
}

/* Whether byte i of t is in set by the set's definition (text_norm.h),
 * read a byte at a time. */
static int in_by_definition(const lp_text *t, unsigned set, size_t i)
{
	unsigned char c = (unsigned char)t->s[i], low = c | 0x20;
	unsigned char p = i > 0 ? (unsigned char)t->s[i - 1] : 0;
	size_t j;

	switch (set) {
	case LP_SET_NUM:
		return lp_is_digit(c) && !lp_is_digit(p);
	case LP_SET_NUMOK:
		return lp_is_digit(c) && !lp_is_digit(p) &&
		       lp_num_start_ok(t->s, t->len, i);
	case LP_SET_WORD:
		return lp_is_alpha(c) && !lp_is_alpha(p);
	case LP_SET_SIGN:
		return c == '+' || c == '-' || c == '(';
	case LP_SET_MARK:
		return c == '@' || c == '[' || c == '(' || c == '{' ||
		       c == '<' || (low == 'a' && p == ' ');
	case LP_SET_URL:
		return !lp_is_alnum(p) && lp_url_end(t->s, t->len, i) != 0;
	case LP_SET_KV:
		return c == ':' || c == '=';
	case LP_SET_INURL:
		for (j = 0; j <= i; j++) {
			if (in_by_definition(t, LP_SET_URL, j) &&
			    i < lp_url_end(t->s, t->len, j))
				return 1;
		}
		return 0;
	case LP_SET_DIGIT:
		return lp_is_digit(c);
	}
	return -1;
}

/* Every candidate set, the digit count and the LP_HAS_* bits are what
 * their definitions say, byte by byte, for random texts of up to four
 * blocks made of the bytes the sets are about. Run with each indexer (the
 * tests are built once per indexer). */
static void test_sets_match_their_definitions(void **state)
{
	static const char *const pieces[] = {
		"0", "7", "9", "a", "A", "t", "T", "h", "w", "W", "z", "Z",
		"@", "[", "{", "<", "(", ")", "+", "-", ":", "=", " ", ".", "/",
		"_", "`", "~", "\x7f", "http://", "www.", "HTTP://x", " at ",
		"\xC3\xA9", "\xEF\xBC\x91", "\xE2\x80\x8B", "\xC2\xA0",
		"\xF0\x9F\x98\x80",
	};
	lp_text t = { 0 };
	char src[300];
	unsigned seed = 4242, round, set;

	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t len = 0, i, digits = 0, n = round % 240;
		unsigned has = 0;

		while (len < n) {
			const char *w;

			seed = seed * 1103515245u + 12345u;
			w = pieces[(seed >> 16) % (sizeof(pieces) / sizeof(pieces[0]))];
			memcpy(src + len, w, strlen(w));
			len += strlen(w);
		}
		src[len] = '\0';
		norm(&t, src);
		for (i = 0; i < t.len; i++) {
			for (set = 0; set < LP_SET_COUNT; set++) {
				if (lp_text_in(&t, set, i) !=
				    in_by_definition(&t, set, i))
					fail_msg("set %u at %zu of \"%s\"", set, i, t.s);
			}
			digits += lp_is_digit((unsigned char)t.s[i]);
			if (t.s[i] == '@')
				has |= LP_HAS_AT;
			if (t.s[i] == ':' || t.s[i] == '=')
				has |= LP_HAS_KV;
			if (i > 0 && (t.s[i - 1] | 0x20) == 'a' &&
			    (t.s[i] | 0x20) == 't')
				has |= LP_HAS_ATW;
		}
		/* Nothing past the text: the scans rely on it. */
		for (i = t.len; i < t.words * 64; i++) {
			for (set = 0; set < LP_SET_COUNT; set++)
				assert_int_equal(lp_text_in(&t, set, i), 0);
		}
		assert_int_equal(t.digits, digits);
		assert_int_equal(t.has, has);
	}
	lp_text_free(&t);
}

/* The sets run across 64-byte blocks: what comes before a block's first
 * byte is the last byte of the block before. */
static void test_candidate_sets_across_blocks(void **state)
{
	char src[200];
	lp_text t = { 0 };

	(void)state;
	memset(src, 'x', sizeof(src));
	src[sizeof(src) - 1] = '\0';
	src[63] = ' ';
	src[64] = '7';   /* after a space in the block before: a number */
	src[127] = '8';
	src[128] = '9';  /* after a digit in the block before: not one */
	src[129] = ' ';
	src[130] = 'a';
	src[191] = ' ';
	src[192] = 'A';  /* "a" after a space, and "at" across no boundary */
	src[193] = 't';
	norm(&t, src);
	assert_string_equal(members(&t, LP_SET_NUM), "64 127");
	assert_string_equal(members(&t, LP_SET_NUMOK), "64");
	assert_string_equal(members(&t, LP_SET_WORD), "0 65 130 192");
	assert_string_equal(members(&t, LP_SET_MARK), "130 192");
	assert_int_equal(t.digits, 3);
	assert_int_equal(t.has, LP_HAS_ATW);
	/* Reused for a shorter text: nothing of the longer one is left. */
	norm(&t, "1");
	assert_string_equal(members(&t, LP_SET_NUM), "0");
	assert_string_equal(members(&t, LP_SET_WORD), "");
	assert_int_equal(lp_text_next(&t, LP_IN(LP_SET_NUM), 1), 1);
	norm(&t, "");
	assert_int_equal(lp_text_next(&t, LP_IN(LP_SET_NUM), 0), 0);
	lp_text_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_unchanged),
		cmocka_unit_test(test_full_width),
		cmocka_unit_test(test_other_digits),
		cmocka_unit_test(test_invisible_removed),
		cmocka_unit_test(test_spaces_and_dashes),
		cmocka_unit_test(test_multibyte_offsets),
		cmocka_unit_test(test_offsets_of_random_texts),
		cmocka_unit_test(test_reuse_and_empty),
		cmocka_unit_test(test_malformed_is_safe),
		cmocka_unit_test(test_stray_bytes_each_a_character),
		cmocka_unit_test(test_candidate_sets),
		cmocka_unit_test(test_candidate_sets_across_blocks),
		cmocka_unit_test(test_url_extent),
		cmocka_unit_test(test_digit_runs),
		cmocka_unit_test(test_number_starts_match_the_rule),
		cmocka_unit_test(test_sets_match_their_definitions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
