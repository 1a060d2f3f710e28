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
	expect_mask("Apt 4B", LP_MASK_WORDS, "A" B B " " B "B");
	/* Non-ASCII counts as a letter, one bullet per code point. */
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
		    "10 D" B B B B B B " S" B B B B B ", L" B B B B B " S" B B "A "
		    B "A" B);
	/* Not a house number: masked like words. */
	expect_mask("Baker Street 12", LP_MASK_ADDRESS,
		    "B" B B B B " S" B B B B B " " B B);
	expect_mask("12AB Road", LP_MASK_ADDRESS, B B "A" B " R" B B B);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_digits),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_empty_and_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
