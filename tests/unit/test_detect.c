/*
 * test_detect.c - the built-in text detectors: exact spans of what each
 * one must find in ordinary tweets, and the dates, times, prices, ids and
 * versions none of them may fire on.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "detect.h"
#include "libpolicy/limits.h"
#include "mask.h"
#include "testutil.h"

static void expect(const char *name, const char *text, const char *want)
{
	char got[1024];

	tu_detect(name, text, got, sizeof(got));
	if (strcmp(got, want) != 0)
		fail_msg("%s on \"%s\": got \"%s\", want \"%s\"", name, text, got, want);
}

/* The byte span of the only match. */
static void expect_span(const char *name, const char *text, size_t start,
			size_t end)
{
	const lp_builtin_detector *d = lp_builtin_detector_find(name);
	lp_text t = { 0 };
	lp_spans sp = { 0 };

	assert_non_null(d);
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(d->detect(&t, &sp), 0);
	assert_int_equal(sp.n, 1);
	assert_int_equal(sp.v[0].start, start);
	assert_int_equal(sp.v[0].end, end);
	lp_spans_free(&sp);
	lp_text_free(&t);
}

static void test_registry(void **state)
{
	static const char *const names[] = {
		"email", "phone", "street_address", "gps_coordinates", "us_ssn",
		"payment_card", "iban", "credentials", "national_id", "us_itin",
		"aba_routing",
	};
	size_t i, n = 0;
	const lp_builtin_detector *d;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		d = lp_builtin_detector_find(names[i]);
		assert_non_null(d);
		assert_string_equal(d->name, names[i]);
		assert_non_null(d->detect);
		assert_non_null(d->description);
	}
	for (d = lp_builtin_detectors; d->name; d++)
		n++;
	assert_int_equal(n, 11);
	assert_null(lp_builtin_detector_find("nope"));
	assert_null(lp_builtin_detector_find(NULL));
	assert_int_equal(lp_builtin_detector_find("street_address")->mask,
			 LP_MASK_ADDRESS);
	assert_int_equal(lp_builtin_detector_find("email")->mask, LP_MASK_EMAIL);
}

static void test_spans_limit(void **state)
{
	lp_spans sp = { 0 };
	size_t i;

	(void)state;
	for (i = 0; i < LP_MAX_DETECTOR_MATCHES; i++)
		assert_int_equal(lp_spans_push(&sp, i, i + 1), 0);
	assert_int_equal(lp_spans_push(&sp, i, i + 1), -1);
	assert_int_equal(sp.n, LP_MAX_DETECTOR_MATCHES);
	assert_int_equal(sp.v[5].start, 5);
	lp_spans_clear(&sp);
	assert_int_equal(sp.n, 0);
	assert_int_equal(lp_spans_push(&sp, 1, 2), 0);
	lp_spans_free(&sp);
	assert_null(sp.v);
}

static void test_email(void **state)
{
	(void)state;
	expect("email", "mail jane.doe@example.com now", "jane.doe@example.com");
	expect_span("email", "mail jane.doe@example.com now", 5, 25);
	expect("email", "(jane@example.com) <bob@x.io>, \"carol@y.org\".",
	       "jane@example.com|bob@x.io|carol@y.org");
	expect("email", "write First.Last+tag@sub.domain.org.",
	       "First.Last+tag@sub.domain.org");
	expect("email", "name@mail.example.co.uk", "name@mail.example.co.uk");
	expect("email", "josé@bücher.de", "josé@bücher.de");
	expect("email", "a@b.com", "a@b.com");
	/* Full-width @ is folded to '@'. */
	expect("email", "jane\xEF\xBC\xA0" "example.com", "jane@example.com");
}

static void test_email_obfuscated(void **state)
{
	(void)state;
	expect("email", "jane [at] example [dot] com",
	       "jane [at] example [dot] com");
	expect("email", "john (at) mail (dot) co (dot) uk",
	       "john (at) mail (dot) co (dot) uk");
	expect("email", "reach bob at corp dot io today", "bob at corp dot io");
	expect("email", "jane[at]example[dot]com", "jane[at]example[dot]com");
	expect("email", "jane [at] example.com", "jane [at] example.com");
	expect("email", "jane@example [dot] com", "jane@example [dot] com");
	expect("email", "JANE AT EXAMPLE DOT COM", "JANE AT EXAMPLE DOT COM");
	/* A TLD that is also an English word is still a TLD... */
	expect("email", "mail fgarcia at proton dot me", "fgarcia at proton dot me");
	/* ...but a label before it is not a domain. */
	expect("email", "see you at home dot me", "");
}

static void test_email_negative(void **state)
{
	(void)state;
	expect("email", "meet at home later", "");
	expect("email", "look at this dot com bubble", "");
	expect("email", "I'm at work. dot dot dot", "");
	expect("email", "icon@2x.png and @jack and foo@bar", "");
	expect("email", "user@localhost", "");
	expect("email", "see https://user@example.com/path", "");
	expect("email", "a..b@example.com", "");
}

static void test_phone(void **state)
{
	(void)state;
	expect("phone", "call +44 20 7946 0018 now", "+44 20 7946 0018");
	expect_span("phone", "call +44 20 7946 0018 now", 5, 21);
	expect("phone", "(555) 123-4567 or 555-123-4567 or 555.123.4567",
	       "(555) 123-4567|555-123-4567|555.123.4567");
	expect("phone", "1-555-123-4567, +1 (555) 123-4567",
	       "1-555-123-4567|+1 (555) 123-4567");
	expect("phone", "Call (555)123-4567 now", "(555)123-4567");
	expect("phone", "mobile 07700 900123, office 020 7946 0018",
	       "07700 900123|020 7946 0018");
	expect("phone", "06 12 34 56 78", "06 12 34 56 78");
	expect("phone", "+33 6 12 34 56 78 / +4915123456789",
	       "+33 6 12 34 56 78|+4915123456789");
	expect("phone", "+44 (0)20 7946 0018", "+44 (0)20 7946 0018");
	expect("phone", "+7 912 345-67-89", "+7 912 345-67-89");
	expect("phone", "call me 5551234567", "5551234567");
	expect("phone", "whatsapp: 07700900123", "07700900123");
	expect("phone", "reach me at 5 5 5 1 2 3 4 5 6 7", "5 5 5 1 2 3 4 5 6 7");
	expect("phone", "call 555-123-4567 2 times", "555-123-4567");
	expect("phone", "2021-11-30 555-123-4567", "555-123-4567");
}

static void test_phone_obfuscated(void **state)
{
	(void)state;
	/* Full-width digits and zero-width spaces. */
	expect("phone", "call \xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x97\xEF\xBC\x90"
			"\xEF\xBC\x90 900123", "07700 900123");
	expect("phone", "5\xE2\x80\x8B" "55-123-4567", "555-123-4567");
	/* An en dash and a no-break space. */
	expect("phone", "555\xE2\x80\x93" "123\xE2\x80\x93" "4567",
	       "555-123-4567");
	expect("phone", "+44\xC2\xA0" "20 7946 0018", "+44 20 7946 0018");
}

static void test_phone_negative(void **state)
{
	(void)state;
	expect("phone", "5551234567", "");            /* no context */
	expect("phone", "+999 123 456 789", "");      /* no such code */
	expect("phone", "+1 055 123 4567", "");       /* NANP area 0xx */
	expect("phone", "123-456-7890", "");          /* NANP area 1xx */
	expect("phone", "call me at 12:30 on 555, 5551234 short", "");
	expect("phone", "order #5551234567, order number 5551234567", "");
	expect("phone", "my number 14657890123456789012", "");
	expect("phone", "phone 1465789012345678901", "");
	expect("phone", "ISBN 0-306-40615-2", "");
	expect("phone", "078-05-1120", "");
	expect("phone", "555-123-4567abc and x555-123-4567", "");
	expect("phone", "IP 192.168.1.100", "");
	expect("phone", "$555-123-4567", "");
	expect("phone", "4111 1111 1111 1111", "");
}

static void test_address(void **state)
{
	(void)state;
	/* SPEC §4. */
	expect_span("street_address", "her address is 1428 Elm Street, Springfield",
		    15, 43);
	expect("street_address", "221B Baker Street", "221B Baker Street");
	expect("street_address", "meet at 350 Fifth Avenue at noon",
	       "350 Fifth Avenue");
	expect("street_address", "10 Downing Street, London SW1A 2AA",
	       "10 Downing Street, London SW1A 2AA");
	expect("street_address", "at 10 Downing Street London SW1A 2AA.",
	       "10 Downing Street London SW1A 2AA");
	expect("street_address",
	       "lives at 1600 Pennsylvania Avenue NW, Washington, DC 20500",
	       "1600 Pennsylvania Avenue NW, Washington, DC 20500");
	expect("street_address", "1428 Elm St, Apt 4B, Springfield, IL 62704",
	       "1428 Elm St, Apt 4B, Springfield, IL 62704");
	expect("street_address", "I live at 123 Main St. It is nice.",
	       "123 Main St");
	expect("street_address", "1428 Elm Street is haunted", "1428 Elm Street");
	expect("street_address", "42 Wallaby Way, Sydney", "42 Wallaby Way, Sydney");
	expect("street_address", "she lives at 7 Maple Close", "7 Maple Close");
	expect("street_address", "12 Rue de Rivoli, Paris", "12 Rue de Rivoli, Paris");
	expect("street_address", "350 5th Avenue", "350 5th Avenue");
	expect("street_address", "12 St. James Street", "12 St. James Street");
}

static void test_address_negative(void **state)
{
	(void)state;
	expect("street_address", "Top 10 Ways to save", "");
	expect("street_address", "I ran 5 miles down the road", "");
	expect("street_address", "3 Street Fighter games", "");
	expect("street_address", "5 Best Road Trips In Europe", "");
	expect("street_address", "10 Best Way To learn", "");
	expect("street_address", "In 1999 Wall Street Journal wrote", "");
	expect("street_address", "Chapter 11 Main Street", "");
	expect("street_address", "since 2019 Oxford Street changed", "");
	expect("street_address", "#1 Main Street", "");
	expect("street_address", "Nov 30 2021", "");
	expect("street_address", "2 Lane Highway, 4 Way Stop", "");
	expect("street_address", "the 1990 Kings Road scene", "");
	expect("street_address", "iPhone 12 Pro Max, Route 66, Windows 11 Home", "");
	expect("street_address", "Happy 4th of July! 3 Days Grace on 5th", "");
}

static void test_gps(void **state)
{
	(void)state;
	expect("gps_coordinates", "at 40.7128, -74.0060 now", "40.7128, -74.0060");
	expect_span("gps_coordinates", "at 40.7128, -74.0060 now", 3, 20);
	expect("gps_coordinates", "40.7128,-74.0060", "40.7128,-74.0060");
	expect("gps_coordinates", "40.7128 N, 74.0060 W", "40.7128 N, 74.0060 W");
	expect("gps_coordinates", "40.7128 -74.0060", "40.7128 -74.0060");
	expect("gps_coordinates", "location: 40.71, -74.00", "40.71, -74.00");
	expect("gps_coordinates", "lat 40.7128 lon -74.0060",
	       "40.7128 lon -74.0060");
	expect("gps_coordinates", "40\xC2\xB0" "42'46\"N 74\xC2\xB0" "0'21\"W",
	       "40\xC2\xB0" "42'46\"N 74\xC2\xB0" "0'21\"W");
	expect("gps_coordinates",
	       "40\xC2\xB0 42\xE2\x80\xB2 46\xE2\x80\xB3 N, 74\xC2\xB0 0\xE2\x80\xB2 "
	       "21\xE2\x80\xB3 W",
	       "40\xC2\xB0 42\xE2\x80\xB2 46\xE2\x80\xB3 N, 74\xC2\xB0 0\xE2\x80\xB2 "
	       "21\xE2\x80\xB3 W");
	expect("gps_coordinates", "geo:40.7128,-74.0060", "40.7128,-74.0060");
	expect("gps_coordinates", "https://www.google.com/maps/@40.7128,-74.0060,15z",
	       "40.7128,-74.0060");
	expect("gps_coordinates", "https://maps.google.com/?q=40.71,-74.00",
	       "40.71,-74.00");
	expect("gps_coordinates", "https://maps.apple.com/?ll=40.7128%2C-74.0060",
	       "40.7128%2C-74.0060");
	expect("gps_coordinates", "https://www.openstreetmap.org/#map=15/40.7128/-74.0060",
	       "40.7128/-74.0060");
}

static void test_gps_negative(void **state)
{
	(void)state;
	expect("gps_coordinates", "Update to 1.2.3 or v10.4.12, 2.10.1.4567", "");
	expect("gps_coordinates", "Price $12.50, $13.75 or 12.50, 13.75", "");
	expect("gps_coordinates", "Rated 4.5, 3.7 stars", "");
	expect("gps_coordinates", "91.1234, 10.1234 and 45.1234, 181.1234", "");
	expect("gps_coordinates", "ratio 1.234, 2.345", "");
	expect("gps_coordinates", "40.7128 N, -74.0060", "");
	expect("gps_coordinates", "https://example.com/v1.2345,6.7890", "");
	expect("gps_coordinates", "12:30:45 and 11.30.2021", "");
}

static void test_ssn(void **state)
{
	(void)state;
	expect("us_ssn", "ssn 123-45-6789", "123-45-6789");
	expect_span("us_ssn", "ssn 123-45-6789", 4, 15);
	expect("us_ssn", "his is 123 45 6789.", "123 45 6789");
	expect("us_ssn", "SSN: 123456789", "123456789");
	expect("us_ssn", "social security number 123.45.6789", "123.45.6789");
	expect("us_ssn", "ss# 123456789", "123456789");
}

static void test_ssn_negative(void **state)
{
	(void)state;
	expect("us_ssn", "078-05-1120 and 219-09-9999", "");
	expect("us_ssn", "000-12-3456 666-12-3456 900-12-3456 999-12-3456", "");
	expect("us_ssn", "123-00-4567 123-45-0000", "");
	expect("us_ssn", "123456789", "");            /* no context */
	expect("us_ssn", "123.45.6789", "");          /* dots need context */
	expect("us_ssn", "123-45-6789-0 and 1-123-45-6789", "");
	expect("us_ssn", "123-456-7890 and 2021-11-30", "");
	expect("us_ssn", "ssn 1465789012345678901", "");
}

/* Numbers spread out with one separator between groups of any size, the
 * way people slip them past filters: taken after a word that names them. */
static void test_spread_out(void **state)
{
	(void)state;
	expect("us_ssn", "SSN: 12 34 567 89 ok", "12 34 567 89");
	expect("us_ssn", "social security number 1.2.3.4.5.6.7.8.9",
	       "1.2.3.4.5.6.7.8.9");
	expect("us_ssn", "my SSN is 12/34/56/789", "12/34/56/789");
	expect("us_ssn", "ssn 0-0-0-4-5-6-7-8-9", "");      /* area 000 */
	expect("us_ssn", "see 12 34 567 89", "");            /* no word */
	expect("payment_card", "card: 4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1",
	       "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1");
	expect("payment_card", "leaked 41/11/111/1111/111/11", "41/11/111/1111/111/11");
	expect("payment_card", "cc 4111.11111111.1111", "4111.11111111.1111");
	expect("payment_card", "leaked 4111.11111111.1111", ""); /* 3 groups */
	expect("payment_card", "card 4-1-1-1-1-1-1-1-1-1-1-1-1-1-1-2", ""); /* Luhn */
	expect("phone", "call me 5/5/5/1/2/3/4/5/6/7", "5/5/5/1/2/3/4/5/6/7");
	expect("phone", "whatsapp +44/20/79/46/00/18", "+44/20/79/46/00/18");
	expect("phone", "see 5/5/5/1/2/3/4/5/6/7", "");       /* no word */
	expect("phone", "my number: 123-45-6789", "");       /* an SSN */
	expect("phone", "call +999/123/456/789", "");        /* no such code */
}

/* The groups after an IBAN's country and check digits are its account
 * number, however much they look like a card. */
static void test_card_in_iban(void **state)
{
	(void)state;
	expect("payment_card", "IBAN AT05 2501 6294 4744 8776 thx", "");
	expect("payment_card", "cz35 8742 4111 1111 1111 1111 thx", "");
	expect("payment_card", "AT05 then 4111 1111 1111 1111", "4111 1111 1111 1111");
}

static void test_itin(void **state)
{
	(void)state;
	expect("us_itin", "ITIN 912-70-1234 on the form", "912-70-1234");
	expect_span("us_itin", "ITIN 912-70-1234 on the form", 5, 16);
	expect("us_itin", "her 999 99 9999", "999 99 9999");
	expect("us_itin", "taxpayer id 912941234", "912941234");
	/* Groups the IRS does not issue, areas below 900, no context. */
	expect("us_itin", "912-93-1234 912-65-1234 123-70-1234", "");
	expect("us_itin", "912701234", "");
	/* An ITIN is not an SSN. */
	expect("us_ssn", "ssn 912-70-1234", "");
}

static void test_aba(void **state)
{
	(void)state;
	expect("aba_routing", "routing number 021000021 acct 12345678",
	       "021000021");
	expect_span("aba_routing", "routing number 021000021", 15, 24);
	expect("aba_routing", "ABA: 011000015", "011000015");
	/* Checksum, district prefix, context, a longer number. */
	expect("aba_routing", "routing 021000022", "");
	expect("aba_routing", "routing 991000011", "");
	expect("aba_routing", "order 021000021 shipped", "");
	expect("aba_routing", "routing 0210000210", "");
}

static void test_card(void **state)
{
	(void)state;
	expect("payment_card", "card 4111 1111 1111 1111 exp 12/25",
	       "4111 1111 1111 1111");
	expect_span("payment_card", "card 4111 1111 1111 1111 exp 12/25", 5, 24);
	expect("payment_card", "378282246310005", "378282246310005");
	expect("payment_card", "3782 822463 10005", "3782 822463 10005");
	expect("payment_card", "5555-5555-5555-4444", "5555-5555-5555-4444");
	expect("payment_card", "6011111111111117", "6011111111111117");
	expect("payment_card", "2221000000000009", "2221000000000009");
	expect("payment_card", "3530111333300000", "3530111333300000");
	expect("payment_card", "30569309025904", "30569309025904");
	expect("payment_card", "4111 1111 1111 1111 123", "4111 1111 1111 1111");
}

static void test_card_negative(void **state)
{
	(void)state;
	expect("payment_card", "tweet 1465789012345678901", "");
	expect("payment_card", "4111 1111 1111 1112", "");      /* Luhn */
	expect("payment_card", "1234 5678 9012 3456", "");      /* no issuer */
	expect("payment_card", "order 123456789012", "");
	expect("payment_card", "order 4111111111111111", "");
	expect("payment_card", "1Z999AA10123456784", "");
	expect("payment_card", "ISBN 9780306406157", "");
	expect("payment_card", "4111 1111 1111 1111 1111 1111", "");
	expect("payment_card", "4111-1111 1111-1111", "");
	expect("payment_card", "https://x.com/?c=4111111111111111", "");
	expect("payment_card", "$4111111111111111", "");
}

static void test_iban(void **state)
{
	(void)state;
	expect("iban", "IBAN DE89 3704 0044 0532 0130 00 thanks",
	       "DE89 3704 0044 0532 0130 00");
	expect_span("iban", "IBAN DE89 3704 0044 0532 0130 00 thanks", 5, 32);
	expect("iban", "GB82WEST12345698765432", "GB82WEST12345698765432");
	expect("iban", "FR14 2004 1010 0505 0001 3M02 606",
	       "FR14 2004 1010 0505 0001 3M02 606");
	expect("iban", "NL91ABNA0417164300, NO9386011117947",
	       "NL91ABNA0417164300|NO9386011117947");
	expect("iban", "de89370400440532013000", "de89370400440532013000");
	expect("iban", "BE68539007547034", "BE68539007547034");
}

static void test_iban_negative(void **state)
{
	(void)state;
	expect("iban", "DE89 3704 0044 0532 0130 01", "");     /* mod 97 */
	expect("iban", "DE89370400440532013000123", "");       /* length */
	expect("iban", "GB82 WEST 1234 5698 7654", "");        /* short */
	expect("iban", "ZZ89370400440532013000", "");          /* country */
	expect("iban", "xDE89370400440532013000", "");
	expect("iban", "De89370400440532013000", "");          /* mixed case */
	expect("iban", "DE89 37040044 0532 0130 00", "");
}

static void test_credentials(void **state)
{
	(void)state;
	expect("credentials", "password: hunter2", "password: hunter2");
	expect_span("credentials", "wifi password: hunter2.", 5, 22);
	expect("credentials", "pw: x, pwd=abc123 and PASS: letmein.",
	       "pw: x|pwd=abc123|PASS: letmein");
	expect("credentials", "passcode: 1234", "passcode: 1234");
	expect("credentials", "login: bob pw: hunter2", "login: bob pw: hunter2");
	expect("credentials", "username: bob password: s3cret",
	       "username: bob password: s3cret");
	expect("credentials", "user/pass: bob / hunter2", "user/pass: bob / hunter2");
	expect("credentials", "email: a@b.com password: x",
	       "email: a@b.com password: x");
	expect("credentials", "login:bob password:hunter2", "login:bob password:hunter2");
	expect("credentials", "Login: alice / Password: wonderland",
	       "Login: alice / Password: wonderland");
	expect("credentials", "Password: \"correct horse\"",
	       "Password: \"correct horse\"");
	expect("credentials", "user: bob\npassword: hunter2",
	       "user: bob\npassword: hunter2");
}

static void test_credentials_negative(void **state)
{
	(void)state;
	expect("credentials", "forgot my password", "");
	expect("credentials", "password reset link", "");
	expect("credentials", "change your password now", "");
	expect("credentials", "what's the wifi password?", "");
	expect("credentials", "Password: reset it now", "");
	expect("credentials", "New password: must be 8 characters", "");
	expect("credentials", "password: ********", "");
	expect("credentials", "Enter your password: ", "");
	expect("credentials", "bypass: 5 and compass: north", "");
	expect("credentials", "boarding pass: gate 5, season pass: $99", "");
}

/* Texts no detector may fire on. */
static void test_nothing_fires(void **state)
{
	static const char *const texts[] = {
		"See you on 2021-11-30 or 30/11/2021 or 11.30.2021 or Nov 30 2021",
		"at 12:30 or 12:30:45, it took 1:23:45 and 2-3 hours, 3.5 hrs",
		"Price $1,234.56 or \xE2\x82\xAC" "12.50 or 1.299,00 \xE2\x82\xAC",
		"\xC2\xA3" "1,000,000 or 1,234,567,890 dollars",
		"Final score 3-1 and 102-99, 2021-2022 season, 110-105 OT",
		"https://twitter.com/jack/status/1465789012345678901",
		"tweet 1465789012345678901 and id 1465789012345678902",
		"Update to 1.2.3 or v10.4.12 or build 10.0.19041.1348",
		"order 123456789012 and tracking 1Z999AA10123456784",
		"#A123-456-7890 and order #5551234567",
		"ISBN 978-0-306-40615-7 or 0-306-40615-2 or ISBN 0306406152",
		"#2021Goals #100DaysOfCode #COVID19 #Top10",
		"https://example.com/page/555-123-4567?id=4111111111111111",
		"forgot my password, password reset link, change your password now",
		"what's the wifi password?",
		"meet at home later, look at this dot com bubble",
		"Top 10 Ways to save, I ran 5 miles down the road",
		"IP 192.168.1.100 and 10.0.0.1, mac 00:1A:2B:3C:4D:5E",
		"Rated 4.5 stars, 3.14159 pi, 2.71828 e, 0.5, 1.5",
		"1 million people, 10,000 steps, 100 days, 2 of 3",
		"I was born 12/05/1990 or 05.12.1990 or 1990-05-12",
		"",
	};
	size_t i;
	const lp_builtin_detector *d;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		for (d = lp_builtin_detectors; d->name; d++)
			expect(d->name, texts[i], "");
	}
}

/* Offsets are into the normalised text: a removed zero-width space moves
 * the match, and lp_text_cp maps it back to the original code points. */
static void test_offsets_after_normalisation(void **state)
{
	const char *text = "\xE2\x80\x8B\xC3\xA9 call 555-123-4567";
	lp_text t = { 0 };
	lp_spans sp = { 0 };

	(void)state;
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(lp_builtin_detector_find("phone")->detect(&t, &sp), 0);
	assert_int_equal(sp.n, 1);
	assert_int_equal(sp.v[0].start, 8);
	assert_int_equal(sp.v[0].end, 20);
	assert_int_equal(lp_text_cp(&t, sp.v[0].start), 8);
	assert_int_equal(lp_text_cp(&t, sp.v[0].end), 20);
	lp_spans_free(&sp);
	lp_text_free(&t);
}

/* The byte offset in text of code point cp. */
static size_t byte_of_cp(const char *text, size_t cp)
{
	size_t b = 0;

	while (cp > 0 && text[b]) {
		b++;
		while (((unsigned char)text[b] & 0xC0) == 0x80)
			b++;
		cp--;
	}
	return b;
}

/* The evidence of the first match, as a decision shows it: the original
 * characters of the match, masked in the detector's style. */
static void expect_excerpt(const char *name, const char *text,
			   const char *want)
{
	const lp_builtin_detector *d = lp_builtin_detector_find(name);
	lp_text t = { 0 };
	lp_spans sp = { 0 };
	size_t b0, b1;
	char *out = NULL;

	assert_non_null(d);
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(d->detect(&t, &sp), 0);
	assert_true(sp.n >= 1);
	b0 = byte_of_cp(text, lp_text_cp(&t, sp.v[0].start));
	b1 = byte_of_cp(text, lp_text_cp(&t, sp.v[0].end));
	assert_int_equal(lp_mask(&out, text + b0, b1 - b0, d->mask), 0);
	lp_spans_free(&sp);
	lp_text_free(&t);
	if (strcmp(out, want) != 0) {
		fail_msg("%s on \"%s\": excerpt \"%s\", want \"%s\"", name, text,
			 out, want);
	}
	lp_free(out);
}

#define B LP_MASK_CHAR

/* Matches written in full-width or Arabic-Indic digits are found after
 * normalisation; their excerpts (of the original characters) keep the
 * house number only, and no other digit of any script. */
static void test_excerpts_hide_unicode_digits(void **state)
{
	(void)state;
	expect_excerpt("street_address",
		       "her address is \xEF\xBC\x91\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC"
		       "\x98 Elm Street, Springfield",
		       "\xEF\xBC\x91\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC\x98 E" B B
		       " S" B B B B B ", S" B B B B B B B B B B);
	expect_excerpt("street_address",
		       "lives at \xD9\xA1\xD9\xA4\xD9\xA2\xD9\xA8 Elm St, Apt 4B, "
		       "Springfield",
		       "\xD9\xA1\xD9\xA4\xD9\xA2\xD9\xA8 E" B B " S" B ", A" B B
		       " " B B ", S" B B B B B B B B B B);
	expect_excerpt("phone", "call \xEF\xBC\x95\xEF\xBC\x95\xEF\xBC\x95-123-"
		       "\xD9\xA4\xD9\xA5\xD9\xA6\xD9\xA7 now",
		       B B B "-" B B B "-" B B B B);
	expect_excerpt("email", "mail 5551234567@example.com please",
		       B B B B B B B B B B "@e" B B B B B B ".com");
	expect_excerpt("iban", "IBAN DE89 3704 0044 0532 0130 00 thanks",
		       B B B B " " B B B B " " B B B B " " B B B B " " B B B B
		       " " B B);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_spans_limit),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_email_obfuscated),
		cmocka_unit_test(test_email_negative),
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_phone_obfuscated),
		cmocka_unit_test(test_phone_negative),
		cmocka_unit_test(test_address),
		cmocka_unit_test(test_address_negative),
		cmocka_unit_test(test_gps),
		cmocka_unit_test(test_gps_negative),
		cmocka_unit_test(test_ssn),
		cmocka_unit_test(test_ssn_negative),
		cmocka_unit_test(test_itin),
		cmocka_unit_test(test_aba),
		cmocka_unit_test(test_card),
		cmocka_unit_test(test_card_negative),
		cmocka_unit_test(test_iban),
		cmocka_unit_test(test_iban_negative),
		cmocka_unit_test(test_credentials),
		cmocka_unit_test(test_credentials_negative),
		cmocka_unit_test(test_spread_out),
		cmocka_unit_test(test_card_in_iban),
		cmocka_unit_test(test_nothing_fires),
		cmocka_unit_test(test_offsets_after_normalisation),
		cmocka_unit_test(test_excerpts_hide_unicode_digits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
