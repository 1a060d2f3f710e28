/*
 * test_mask.c - masked excerpts: each style keeps the shape of a match
 * and hides its content, one bullet per hidden code point.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "mask.h"

#define B LP_MASK_CHAR

static void expect_mask(const char *src, lp_mask_style style, const char *want)
{
	char *out = NULL;

	assert_int_equal(lp_mask(&out, src, strlen(src), style), 0);
	assert_non_null(out);
	assert_string_equal(out, want);
	lp_free(out);
}

static void test_words(void **state)
{
	(void)state;
	expect_mask("Jane Doe", LP_MASK_WORDS, "J" B B B " D" B B);
	expect_mask("abc 123 x-y.", LP_MASK_WORDS, "a" B B " " B B B " x-y.");
	expect_mask("Apt 4B", LP_MASK_WORDS, "A" B B " " B B);
	/* Non-ASCII letters are letters, one bullet per code point. */
	expect_mask("Zo\xC3\xAB \xC3\x89lise", LP_MASK_WORDS,
		    "Z" B B " \xC3\x89" B B B B);
	expect_mask("\xE6\x97\xA5\xE6\x9C\xAC", LP_MASK_WORDS, "\xE6\x97\xA5" B);
}

static void test_address(void **state)
{
	(void)state;
	/* SPEC §4's match; each letter after the first is one bullet. */
	expect_mask("1428 Elm Street, Springfield", LP_MASK_ADDRESS,
		    "1428 E" B B " S" B B B B B ", S" B B B B B B B B B B);
	expect_mask("221B Baker Street", LP_MASK_ADDRESS,
		    "221B B" B B B B " S" B B B B B);
	expect_mask("10 Downing Street, London SW1A 2AA", LP_MASK_ADDRESS,
		    "10 D" B B B B B B " S" B B B B B ", L" B B B B B " S" B B B " "
		    B B B);
	/* Not a house number: masked like words. */
	expect_mask("Baker Street 12", LP_MASK_ADDRESS,
		    "B" B B B B " S" B B B B B " " B B);
	expect_mask("12AB Road", LP_MASK_ADDRESS, B B B B " R" B B B);
}

static void test_digits(void **state)
{
	(void)state;
	expect_mask("+44 20 7946 0018", LP_MASK_DIGITS,
		    "+" B B " " B B " " B B B B " " B B B B);
	expect_mask("(555) 123-4567", LP_MASK_DIGITS,
		    "(" B B B ") " B B B "-" B B B B);
	expect_mask("DE89 3704", LP_MASK_DIGITS, B B B B " " B B B B);
	expect_mask("pw: h\xC3\xA9!", LP_MASK_DIGITS, B B ": " B B "!");
}

static void test_email(void **state)
{
	(void)state;
	expect_mask("jane.doe@example.com", LP_MASK_EMAIL,
		    "j" B B B B B B B "@e" B B B B B B ".com");
	expect_mask("a@b.co.uk", LP_MASK_EMAIL, "a@b." B B ".uk");
	expect_mask("jane [at] example [dot] com", LP_MASK_EMAIL,
		    "j" B B B " [at] e" B B B B B B " [dot] com");
	expect_mask("bob at corp dot io", LP_MASK_EMAIL,
		    "b" B B " at c" B B B " dot io");
	expect_mask("jos\xC3\xA9@b\xC3\xBC" "cher.de", LP_MASK_EMAIL,
		    "j" B B B "@b" B B B B B ".de");
	/* No '@' or "at": masked like words. */
	expect_mask("nothing here", LP_MASK_EMAIL, "n" B B B B B B " h" B B B);
}

static void test_empty_and_bounds(void **state)
{
	char *out = NULL;

	(void)state;
	expect_mask("", LP_MASK_WORDS, "");
	expect_mask("", LP_MASK_EMAIL, "");
	/* Only len bytes are read; a truncated sequence is masked safely. */
	assert_int_equal(lp_mask(&out, "ab\xE6\x97\xA5", 3, LP_MASK_DIGITS), 0);
	assert_string_equal(out, B B B);
	lp_free(out);
	assert_int_equal(lp_mask(&out, "12 Elm", 2, LP_MASK_ADDRESS), 0);
	assert_string_equal(out, "12");
	lp_free(out);
}

/* Full-width "１４２８" and Arabic-Indic "١٤٢٨". */
#define FW_1428 "\xEF\xBC\x91\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC\x98"
#define AR_1428 "\xD9\xA1\xD9\xA4\xD9\xA2\xD9\xA8"

/* Review finding 1: a digit of another script counted as a letter, so the
 * first one of a run was kept ("１•••", "١•••"). Only ADDRESS keeps a
 * leading house number, in whatever digits it is written. */
static void test_unicode_digits(void **state)
{
	(void)state;
	expect_mask(FW_1428 " Elm Street, Springfield", LP_MASK_ADDRESS,
		    FW_1428 " E" B B " S" B B B B B ", S" B B B B B B B B B B);
	expect_mask(AR_1428 " Elm Street, Springfield", LP_MASK_ADDRESS,
		    AR_1428 " E" B B " S" B B B B B ", S" B B B B B B B B B B);
	/* Full-width "２２１Ｂ": digits and one Latin letter. */
	expect_mask("\xEF\xBC\x92\xEF\xBC\x92\xEF\xBC\x91\xEF\xBC\xA2 Baker St",
		    LP_MASK_ADDRESS,
		    "\xEF\xBC\x92\xEF\xBC\x92\xEF\xBC\x91\xEF\xBC\xA2 B" B B B B
		    " S" B);
	/* Anywhere but at the start, no house number. */
	expect_mask("Elm Street " FW_1428, LP_MASK_ADDRESS,
		    "E" B B " S" B B B B B " " B B B B);
	expect_mask(AR_1428 "xy Elm", LP_MASK_ADDRESS, B B B B B B " E" B B);
	/* WORDS, DIGITS, EMAIL: no digit of any script is ever kept. */
	expect_mask(FW_1428 " Elm", LP_MASK_WORDS, B B B B " E" B B);
	expect_mask(AR_1428, LP_MASK_WORDS, B B B B);
	expect_mask("\xE0\xA5\xAA\xE0\xA5\xA8", LP_MASK_WORDS, B B); /* ४२ */
	expect_mask(FW_1428, LP_MASK_DIGITS, B B B B);
	expect_mask("\xEF\xBC\x8B" AR_1428, LP_MASK_DIGITS,  /* ＋ kept */
		    "\xEF\xBC\x8B" B B B B);
	expect_mask(FW_1428 "@example.com", LP_MASK_EMAIL,
		    B B B B "@e" B B B B B B ".com");
	expect_mask("x@" AR_1428 ".com", LP_MASK_EMAIL,
		    "x@" B B B B ".com");
	/* Digits that are not decimal digits: superscripts, circled and
	 * dingbat numbers, fractions, Roman numerals. */
	expect_mask("x\xC2\xB2 \xE2\x91\xA0\xE2\x91\xA1 \xE2\x9D\xB6 "
		    "\xC2\xBD \xE2\x85\xA3", LP_MASK_WORDS,
		    "x" B " " B B " " B " " B " " B);
	/* Unicode spaces and punctuation are the shape: kept. */
	expect_mask("Jane\xC2\xA0" "Doe\xE3\x80\x80" "X\xE2\x80\x94Y",
		    LP_MASK_WORDS,
		    "J" B B B "\xC2\xA0" "D" B B "\xE3\x80\x80" "X\xE2\x80\x94Y");
	expect_mask("\xE2\x80\x83" FW_1428, LP_MASK_DIGITS,
		    "\xE2\x80\x83" B B B B);
	/* Letterlike symbols are letters: "ℍ𝕖𝕝𝕝𝕠" keeps only its first. */
	expect_mask("\xE2\x84\x8D\xF0\x9D\x95\x96\xF0\x9D\x95\x9D\xF0\x9D\x95"
		    "\x9D\xF0\x9D\x95\xA0 \xF0\x9D\x95\x96\xE2\x84\x8D",
		    LP_MASK_WORDS,
		    "\xE2\x84\x8D" B B B B " \xF0\x9D\x95\x96" B);
}

/* Review finding 2: EMAIL kept a leading digit. A first character stays
 * only when it is a letter; the TLD's letters stay, never its digits. */
static void test_email_digits(void **state)
{
	(void)state;
	expect_mask("5551234567@example.com", LP_MASK_EMAIL,
		    B B B B B B B B B B "@e" B B B B B B ".com");
	expect_mask("jane@1and1.com", LP_MASK_EMAIL,
		    "j" B B B "@" B B B B B ".com");
	expect_mask("x@10.0.0.1", LP_MASK_EMAIL, "x@" B B "." B "." B "." B);
	expect_mask("5551234567 at example dot com", LP_MASK_EMAIL,
		    B B B B B B B B B B " at e" B B B B B B " dot com");
	expect_mask("\"5jane\"@mail.co", LP_MASK_EMAIL,
		    "\"" B B B B B "\"@m" B B B ".co");
}

/* Review finding 3: a digit started a new word, so the letter after it
 * was kept ("A•• •B"). Letters and digits now form one word, whose first
 * character is kept only when it is a letter. */
static void test_alnum_words(void **state)
{
	(void)state;
	expect_mask("Apt 4B", LP_MASK_WORDS, "A" B B " " B B);
	expect_mask("B4 4th 4B2", LP_MASK_WORDS, "B" B " " B B B " " B B B);
	expect_mask("SW1A 2AA", LP_MASK_WORDS, "S" B B B " " B B B);
	expect_mask("1428 Elm St, Apt 4B", LP_MASK_ADDRESS,
		    "1428 E" B B " S" B ", A" B B " " B B);
	expect_mask("jo" FW_1428 "e", LP_MASK_WORDS, "j" B B B B B B);
}

/* Bytes that are not well-formed UTF-8 are hidden, never copied. */
static void test_malformed(void **state)
{
	(void)state;
	expect_mask("\x80" "ab", LP_MASK_WORDS, B B B);
	expect_mask("ab \xC3", LP_MASK_WORDS, "a" B " " B);
	expect_mask("\xC1\x81 x", LP_MASK_WORDS, B B " x");          /* overlong */
	expect_mask("\xE0\x81\x81 x", LP_MASK_WORDS, B " x");        /* overlong */
	expect_mask("\xED\xA0\x80 x", LP_MASK_WORDS, B " x");        /* surrogate */
	expect_mask("\xF4\x90\x80\x80 x", LP_MASK_ADDRESS, B " x");  /* > U+10FFFF */
	expect_mask("\xEE\x80\x80", LP_MASK_WORDS, B);               /* private use */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_empty_and_bounds),
		cmocka_unit_test(test_unicode_digits),
		cmocka_unit_test(test_email_digits),
		cmocka_unit_test(test_alnum_words),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
