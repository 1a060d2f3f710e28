/*
 * test_phone.c - the phone detector and the metadata it is built on: the
 * generated numbering-plan tables (calling codes, number types, markets),
 * international numbers of many regions, national numbers written the way
 * each market writes them, and the look-alikes it must leave alone.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "detect.h"
#include "detectors.h"
#include "phone_metadata.h"
#include "testutil.h"

/* The label of the national significant number nsn under calling code cc. */
static uint32_t label_of(unsigned cc, const char *nsn)
{
	assert_true(cc < 1000);
	return lp_phone_run(lp_phone_cc_start[cc], nsn, strlen(nsn));
}

static const lp_phone_market *market(const char *region)
{
	size_t i;

	for (i = 0; i < lp_phone_nmarkets; i++) {
		if (strcmp(lp_phone_markets[i].region, region) == 0)
			return &lp_phone_markets[i];
	}
	fail_msg("no market %s", region);
	return NULL;
}

/* The phone matches in text (normalised first), joined by '|'. */
static void expect_phone(const char *text, const char *want)
{
	lp_text t = { 0 };
	lp_spans sp = { 0 };
	char got[512];
	size_t i, o = 0;

	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(lp_detect_phone(&t, &sp), 0);
	got[0] = '\0';
	for (i = 0; i < sp.n; i++) {
		size_t n = sp.v[i].end - sp.v[i].start;

		assert_true(o + n + 2 < sizeof(got));
		if (i > 0)
			got[o++] = '|';
		memcpy(got + o, t.s + sp.v[i].start, n);
		o += n;
		got[o] = '\0';
	}
	lp_spans_free(&sp);
	lp_text_free(&t);
	if (strcmp(got, want) != 0)
		fail_msg("phone on \"%s\": got \"%s\", want \"%s\"", text, got, want);
}

static void test_calling_codes(void **state)
{
	const lp_phone_code *c;
	int seen44 = 0;

	(void)state;
	assert_int_equal(lp_phone_cc_len("447400123456", 12), 2);
	assert_int_equal(lp_phone_cc_len("12015550123", 11), 1);
	assert_int_equal(lp_phone_cc_len("9715012345", 10), 3);
	assert_int_equal(lp_phone_cc_len("8008001234", 10), 3); /* +800 */
	assert_int_equal(lp_phone_cc_len("999123", 6), 0);
	assert_int_equal(lp_phone_cc_len("0441234", 7), 0);
	assert_int_equal(lp_phone_cc_start[999], 0);
	assert_int_equal(lp_phone_cc_start[0], 0);
	for (c = lp_phone_codes; c->regions; c++) {
		assert_int_not_equal(lp_phone_cc_start[c->cc], 0);
		if (c->cc == 44) {
			assert_string_equal(c->regions, "GB GG IM JE");
			seen44 = 1;
		}
		if (c->cc == 1)
			assert_memory_equal(c->regions, "US ", 3);
	}
	assert_true(seen44);
}

static void test_number_types(void **state)
{
	(void)state;
	/* libphonenumber's example numbers, by type. */
	assert_int_equal(label_of(44, "7400123456") &
			 (LP_PHONE_POSSIBLE | LP_PHONE_MOBILE),
			 LP_PHONE_POSSIBLE | LP_PHONE_MOBILE);
	assert_false(label_of(44, "7400123456") & LP_PHONE_FIXED_LINE);
	assert_true(label_of(44, "1212345678") & LP_PHONE_FIXED_LINE);
	assert_true(label_of(1, "8002345678") & LP_PHONE_TOLL_FREE);
	assert_true(label_of(33, "612345678") & LP_PHONE_MOBILE);
	assert_true(label_of(81, "312345678") & LP_PHONE_FIXED_LINE);
	assert_true(label_of(49, "15123456789") & LP_PHONE_MOBILE);
	assert_true(label_of(91, "8123456789") & LP_PHONE_MOBILE);
	/* Possible but of no type: the general description is looser. */
	assert_true(label_of(1, "5551234567") & LP_PHONE_POSSIBLE);
	assert_false(label_of(1, "5551234567") & LP_PHONE_ANY_TYPE);
	/* Wrong lengths and prefixes. */
	assert_int_equal(label_of(44, "74001234"), 0);
	assert_int_equal(label_of(44, "74001234567"), 0);
	assert_int_equal(label_of(1, "1551234567"), 0);
	assert_int_equal(label_of(33, "012345678"), 0);
	assert_int_equal(lp_phone_run(0, "123", 3), 0);
}

static void test_markets(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(lp_phone_nmarkets, 30);
	assert_int_equal(market("US")->cc, 1);
	assert_int_equal(market("US")->trunk, '1');
	assert_int_equal(market("RU")->trunk, '8');
	assert_int_equal(market("GB")->trunk, '0');
	assert_int_equal(market("IT")->trunk, 0);
	assert_int_equal(market("MX")->cc, 52);
	for (i = 0; i < lp_phone_nmarkets; i++) {
		const lp_phone_market *m = &lp_phone_markets[i];

		assert_true(m->nformats > 0);
		assert_true(lp_phone_cc_start[m->cc] != 0);
		/* Bit i of the trunk table is set exactly for the trunk digit. */
		if (m->trunk)
			assert_true(lp_phone_trunk_bits[m->trunk - '0'] & (1u << i));
	}
	/* The national automaton: GB's 07400 123456 without its trunk 0. */
	assert_true(lp_phone_run(lp_phone_national_start, "7400123456", 10) &
		    (1u << (market("GB") - lp_phone_markets)));
	/* Argentina: 011 15-2345-6789 is 9 11 2345 6789. */
	assert_false(lp_phone_run(lp_phone_national_start, "1115", 4) &
		     (1u << lp_phone_ar15_bit));
	assert_true(lp_phone_run(lp_phone_national_start, "111523456789", 12) &
		    (1u << lp_phone_ar15_bit));
}

static void test_international(void **state)
{
	(void)state;
	expect_phone("call me on +44 20 7946 0018 tonight", "+44 20 7946 0018");
	expect_phone("+81 90-1234-5678 is her number", "+81 90-1234-5678");
	expect_phone("whatsapp +91 81234 56789", "+91 81234 56789");
	expect_phone("+55 11 96123-4567 me liga", "+55 11 96123-4567");
	expect_phone("ring +7 912 345-67-89", "+7 912 345-67-89");
	expect_phone("+54 9 11 2345-6789", "+54 9 11 2345-6789");
	expect_phone("+60 3-2385 6789 office", "+60 3-2385 6789");
	expect_phone("+46 8-123 45 67", "+46 8-123 45 67");
	expect_phone("+247 62889", "+247 62889");       /* Ascension */
	expect_phone("+800 1234 5678", "+800 1234 5678"); /* non-geographic */
	expect_phone("+4915123456789", "+4915123456789");
	expect_phone("+44 (0)20 7946 0018", "+44 (0)20 7946 0018");
	expect_phone("+1 (555) 123-4567", "+1 (555) 123-4567");
}

static void test_national(void **state)
{
	(void)state;
	expect_phone("(201) 555-0123 or 201.555.0123", "(201) 555-0123|201.555.0123");
	expect_phone("1-800-234-5678", "1-800-234-5678");
	expect_phone("0121 234 5678 / 07400 123456", "0121 234 5678|07400 123456");
	expect_phone("07400 123 456", "07400 123 456"); /* grouped otherwise */
	expect_phone("06 12 34 56 78", "06 12 34 56 78");
	expect_phone("0 801 23 45 67", "0 801 23 45 67");
	expect_phone("03-1234-5678", "03-1234-5678");
	expect_phone("090-1234-5678", "090-1234-5678");
	expect_phone("081234 56789", "081234 56789");
	expect_phone("(11) 96123-4567", "(11) 96123-4567");
	expect_phone("8 (912) 345-67-89", "8 (912) 345-67-89");
	expect_phone("011 15-2345-6789", "011 15-2345-6789");
	expect_phone("0412 345 678", "0412 345 678");
	expect_phone("(02) 1234 5678", "(02) 1234 5678");
	expect_phone("222 123 4567", "222 123 4567");
	expect_phone("02 1234 5678 o 312 345 6789", "02 1234 5678|312 345 6789");
	expect_phone("612 34 56 78", "612 34 56 78");
	expect_phone("010-2000-0000", "010-2000-0000");
	expect_phone("030 123456 und 030 12 34 56", "030 123456|030 12 34 56");
	expect_phone("0802 123 4567", "0802 123 4567");
	expect_phone("050 123 4567", "050 123 4567");
	expect_phone("512 345 678", "512 345 678");
	/* Bare digits, or a grouping of no format, with a word before. */
	expect_phone("call me 07400123456", "07400123456");
	expect_phone("dial 0612345678 now", "0612345678");
	expect_phone("my number is 0 7 4 0 0 1 2 3 4 5 6", "0 7 4 0 0 1 2 3 4 5 6");
}

static void test_negative(void **state)
{
	(void)state;
	expect_phone("07400123456", "");             /* no context */
	expect_phone("7400 123456", "");             /* GB without its trunk 0 */
	expect_phone("+999 123 456 789", "");        /* no such code */
	expect_phone("+44 12 34", "");               /* too short */
	expect_phone("born 1990-05-12, 12.05.1990 or 12/05/1990", "");
	expect_phone("the 1990-2000 decade, 4000-5000 fans", "");
	expect_phone("years 1989 1990 1991 1992", "");
	expect_phone("tonight's numbers 09 18 24 30 43 + 07", "");
	expect_phone("IBAN NO41 0378 5986 708", "");
	expect_phone("paid 648 880 \xE2\x82\xBD for it", "");
	expect_phone("078-05-1120", "");
	expect_phone("her social security number is 397745711", "");
	expect_phone("card 4111 1111 1111 1111", "");
	expect_phone("router 192.168.100.200", "");
	expect_phone("Deadline is 03.10.2005 - 72", "");
	expect_phone("tweet 1462335542087737345", "");
	expect_phone("https://example.com/call/07400123456", "");
	expect_phone("7.1 (35435) and 12-30", "");
}

/* A number the detector finds is contact information under the default
 * policy: the metadata reaches the decision. */
static void test_policy(void **state)
{
	lp_policy *p = tu_default();
	lp_decision *d;

	(void)state;
	d = tu_eval(p, "{\"content\":{\"text\":\"her mobile: +81 90-1234-5678\"},"
		       "\"reporter\":{\"role\":\"bystander\"}}");
	assert_contains(tu_categories(d), "contact_information");
	lp_decision_free(d);
	d = tu_eval(p, "{\"content\":{\"text\":\"final 1990-2000, 4000-5000\"},"
		       "\"reporter\":{\"role\":\"bystander\"}}");
	assert_string_equal(tu_categories(d), "");
	lp_decision_free(d);
	lp_policy_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_calling_codes),
		cmocka_unit_test(test_number_types),
		cmocka_unit_test(test_markets),
		cmocka_unit_test(test_international),
		cmocka_unit_test(test_national),
		cmocka_unit_test(test_negative),
		cmocka_unit_test(test_policy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
