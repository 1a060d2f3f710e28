/*
 * test_national_id.c - the `national_id` detector: national identity
 * numbers of twelve countries in the forms people write them, with exact
 * spans; the same numbers with one character changed (their check rule
 * fails); and the dates, times, prices, phone numbers, ids and codes it
 * must not fire on.
 *
 * Valid numbers are published examples (Skatteverket's Tolvan Tolvansson
 * 19121212-1212, FI 131052-308T, ES 12345678Z, IT RSSMRA85T10A562S, FR
 * 1 84 12 76 451 089 46, NL 111222333, BR 111.444.777-35, CN
 * 11010519491231002X) or were computed by the official rules.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "ascii.h"
#include "detect.h"
#include "mask.h"

#define NAME "national_id"

/* Runs the detector over text (normalised first): the matched substrings
 * joined by '|' into subs, their spans as "start-end,..." into offs. */
static void run(const char *text, char *subs, size_t scap, char *offs,
		size_t ocap)
{
	const lp_builtin_detector *d = lp_builtin_detector_find(NAME);
	lp_text t = { 0 };
	lp_spans sp = { 0 };
	size_t i, o = 0, p = 0;

	assert_non_null(d);
	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(d->detect(&t, &sp), 0);
	subs[0] = '\0';
	offs[0] = '\0';
	for (i = 0; i < sp.n; i++) {
		size_t n = sp.v[i].end - sp.v[i].start;
		int w;

		assert_true(sp.v[i].start < sp.v[i].end);
		assert_true(sp.v[i].end <= t.len);
		if (i > 0)
			assert_true(sp.v[i].start >= sp.v[i - 1].end);
		assert_true(o + n + 2 < scap);
		if (i > 0)
			subs[o++] = '|';
		memcpy(subs + o, t.s + sp.v[i].start, n);
		o += n;
		subs[o] = '\0';
		w = snprintf(offs + p, ocap - p, "%s%zu-%zu", i ? "," : "",
			     sp.v[i].start, sp.v[i].end);
		assert_true(w > 0 && (size_t)w < ocap - p);
		p += (size_t)w;
	}
	lp_spans_free(&sp);
	lp_text_free(&t);
}

/* The detector finds exactly want (substrings joined by '|') at the byte
 * spans offs ("start-end,..."). */
static void found(const char *text, const char *want, const char *offs)
{
	char got[1024], at[256];

	run(text, got, sizeof(got), at, sizeof(at));
	if (strcmp(got, want) != 0 || strcmp(at, offs) != 0)
		fail_msg("on \"%s\": got \"%s\" at %s, want \"%s\" at %s", text,
			 got, at, want, offs);
}

/* The detector finds nothing in text. */
static void none(const char *text)
{
	found(text, "", "");
}

static void test_registry_entry(void **state)
{
	const lp_builtin_detector *d = lp_builtin_detector_find(NAME);

	(void)state;
	assert_non_null(d);
	assert_string_equal(d->name, NAME);
	assert_non_null(d->detect);
	assert_non_null(d->description);
	assert_int_equal(d->mask, LP_MASK_DIGITS);
}

/* ---- Sweden ------------------------------------------------------------ */

static void test_se(void **state)
{
	(void)state;
	/* YYMMDD-NNNN; Skatteverket's Tolvan Tolvansson in the 12-digit
	 * form; a samordningsnummer (day + 60); + for the over-100s. */
	found("mitt personnummer 811228-9874 tack",
	      "811228-9874", "18-29");
	found("Tolvan: 19121212-1212.",
	      "19121212-1212", "8-21");
	found("born 640823-3234",
	      "640823-3234", "5-16");
	found("samordningsnummer 701063-2391",
	      "701063-2391", "18-29");
	found("over 100: 121212+1212",
	      "121212+1212", "10-21");
	/* Bare digits after a context word; the timestamp-like serial too. */
	found("personnummer: 8112289874",
	      "8112289874", "14-24");
	found("pnr 198112289874",
	      "198112289874", "4-16");
	found("personnummer 20211130-1244",
	      "20211130-1244", "13-26");
}

static void test_se_negative(void **state)
{
	(void)state;
	/* One digit changed: the Luhn check fails (and DDMMYY is no date,
	 * so the Danish dash form does not take them either). */
	none("811228-9875");
	none("19121212-1213");
	none("640823-3235 and 701063-2392");
	none("personnummer 8112289875");
	/* No date: month 13, day 32, samordningsnummer day 92. */
	none("811328-9874 811232-9874 811292-9874");
	/* Bare ten or twelve digits need a context word. */
	none("8112289874");
	none("198112289874");
	/* A timestamp, 2021-11-30 12:44, passes Luhn but is no personnummer
	 * without a context word. */
	none("IMG_20211130-1244.jpg and backup 20211130-1244");
	/* Glued to letters or digits, or part of a longer number. */
	none("v811228-9874 811228-9874x 811228-98745 1811228-9874");
	none("#811228-9874 id=811228-9874 /811228-9874");
}

/* ---- Norway ------------------------------------------------------------ */

static void test_no(void **state)
{
	(void)state;
	/* Born 2007 (individual number 501), 1999; a D-number (day + 40);
	 * born 2001 (912). */
	found("fnr 01010750160",
	      "01010750160", "4-15");
	found("f\xC3\xB8" "dselsnummer: 150399 45662",
	      "150399 45662", "16-28");
	found("(15039945662)",
	      "15039945662", "1-12");
	found("D-nummer 41017012337 ok",
	      "41017012337", "9-20");
	found("02030191261",
	      "02030191261", "0-11");
}

static void test_no_negative(void **state)
{
	(void)state;
	/* One digit changed: a mod-11 check digit fails. */
	none("01010750161 15039945672 41017012338");
	none("f\xC3\xB8" "dselsnummer 150399 45663");
	/* Both check digits right, but individual number 800 was never
	 * given to anyone born in 1945 (nor in 2045). */
	none("01014580049");
	/* Day 32, with right check digits. */
	none("32010750112");
	/* Phone numbers: a Chinese mobile, a Brazilian one. */
	none("13800138000 or 11987654321");
}

/* ---- Denmark ----------------------------------------------------------- */

static void test_dk(void **state)
{
	(void)state;
	/* The dash form needs no context; bare digits do (born 1948 by the
	 * 7th digit 9). Without a check digit, any dashed DDMMYY-SSSS with a
	 * real date is taken. */
	found("CPR 070761-4285",
	      "070761-4285", "4-15");
	found("min cpr-nr er 0707614285",
	      "0707614285", "14-24");
	found("personnummer 2512489996",
	      "2512489996", "13-23");
	found("nr. 010203-0405 her",
	      "010203-0405", "4-15");
	/* Full-width digits and dash fold to ASCII. */
	found("CPR \xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x90\xEF\xBC\x97\xEF\xBC\x96"
	      "\xEF\xBC\x91\xEF\xBC\x8D\xEF\xBC\x94\xEF\xBC\x92\xEF\xBC\x98"
	      "\xEF\xBC\x95", "070761-4285", "4-15");
}

static void test_dk_negative(void **state)
{
	(void)state;
	/* Ten bare digits without cpr/personnummer before them. */
	none("0707614285");
	none("call 0707614285 now");
	/* No date: day 32, month 13. */
	none("CPR 320190-1234 and 011390-1234");
	none("cpr 3201901234");
	/* The spaced form is no CPR shape. */
	none("070761 4285");
}

/* ---- Finland ----------------------------------------------------------- */

static void test_fi(void **state)
{
	(void)state;
	/* Century signs -, Y (1900s) and A (2000s); 29 February 2000. */
	found("HETU 131052-308T",
	      "131052-308T", "5-16");
	found("010594Y9021 and 010101A123N",
	      "010594Y9021|010101A123N", "0-11,16-27");
	found("s. 290200A101K.",
	      "290200A101K", "3-14");
}

static void test_fi_negative(void **state)
{
	(void)state;
	/* Check character or a digit changed. */
	none("131052-308U");
	none("131052-309T");
	none("010594Y9022");
	/* 29 February 1900 ('-') was no date; 2000 ('A') was. */
	none("290200-101K");
	/* G is no century sign; lower case is not how HETUs are written. */
	none("131052G308T 131052-308t");
}

/* ---- Spain ------------------------------------------------------------- */

static void test_es(void **state)
{
	(void)state;
	/* Glued or dashed; lower case after dni/nie; NIEs X, Y, Z. */
	found("DNI 12345678Z",
	      "12345678Z", "4-13");
	found("mi dni es 87654321-X",
	      "87654321-X", "10-20");
	found("dni: 12345678z",
	      "12345678z", "5-14");
	found("NIE X1234567L",
	      "X1234567L", "4-13");
	found("NIE Y-7654321-G y Z0000001Y",
	      "Y-7654321-G|Z0000001Y", "4-15,18-27");
	found("nie x1234567l",
	      "x1234567l", "4-13");
}

static void test_es_negative(void **state)
{
	(void)state;
	/* Letter or a digit changed. */
	none("DNI 12345678A");
	none("12345679Z");
	none("X1234567M Y-7654321-H");
	/* W is no NIE prefix; all zeros is no DNI. */
	none("W1234567L 00000000T");
	/* Lower case only after dni/nie/nif. */
	none("12345678z x1234567l");
	/* Nine digits, glued to a letter before, more letters after. */
	none("123456789Z A12345678Z 12345678ZZ 12345678Zs");
}

/* ---- Italy ------------------------------------------------------------- */

static void test_it(void **state)
{
	(void)state;
	/* A man, a woman (day + 40), lower case, and omocodia (digits
	 * replaced by LMNPQRSTUV from the right). */
	found("CF: RSSMRA85T10A562S",
	      "RSSMRA85T10A562S", "4-20");
	found("codice fiscale BNCLRA90M41F205Z.",
	      "BNCLRA90M41F205Z", "15-31");
	found("cf rssmra85t10a562s",
	      "rssmra85t10a562s", "3-19");
	found("omocodia RSSMRA85T10A5SNT e RSSMRA85T1LAQSNP",
	      "RSSMRA85T10A5SNT|RSSMRA85T1LAQSNP", "9-25,28-44");
}

static void test_it_negative(void **state)
{
	(void)state;
	/* Check character or a digit changed. */
	none("RSSMRA85T10A562T");
	none("RSSMRA85T10A563S");
	none("BNCLRA90M41F205A");
	/* Mixed case. */
	none("RssMRA85T10A562S");
	/* Right check characters, but X is no month letter and day 35 (a
	 * woman's would be 41-71) is no day. */
	none("RSSMRA85X10A562D RSSMRA85T35A562G");
	/* Omocodia replaces digits from the right: a letter for the day
	 * while the code's digits are left is no codice fiscale, even with
	 * a right check character. */
	none("RSSMRA85T1LA562V");
	/* Glued, or one character longer. */
	none("RSSMRA85T10A562SX xRSSMRA85T10A562S");
}

/* ---- France ------------------------------------------------------------ */

static void test_fr(void **state)
{
	(void)state;
	/* Spaced, compact, key apart, Corsica (2A, 2B), provisional (3). */
	found("NIR 1 84 12 76 451 089 46",
	      "1 84 12 76 451 089 46", "4-25");
	found("s\xC3\xA9" "cu: 184127645108946",
	      "184127645108946", "7-22");
	found("num\xC3\xA9ro 2 69 05 99 350 071 39 merci",
	      "2 69 05 99 350 071 39", "8-29");
	found("1841276451089 46",
	      "1841276451089 46", "0-16");
	found("Corse 1 85 02 2A 004 025 09 et 285032B01203345",
	      "1 85 02 2A 004 025 09|285032B01203345", "6-27,31-46");
	found("provisoire 3 85 12 99 123 456 19",
	      "3 85 12 99 123 456 19", "11-32");
}

static void test_fr_negative(void **state)
{
	(void)state;
	/* Key or a digit changed. */
	none("1 84 12 76 451 089 47");
	none("184127645108947");
	none("1 84 12 76 451 088 46");
	none("1 85 02 2A 004 025 08 and 1 85 02 2B 004 025 09");
	/* Right keys, but sex 4, month 13, department 00. */
	none("4 84 12 76 451 089 90");
	none("1 84 13 76 451 089 62");
	none("1 84 12 00 451 089 61");
	/* A provisional number (3) compact, without a context word. */
	none("385129912345619");
	/* Mixed spacing, longer runs. */
	none("184 12 76 451 089 46");
	none("1 84 12 76 451 089 46 12");
	none("9 1 84 12 76 451 089 46");
	none("1841276451089461");
}

/* ---- Netherlands ------------------------------------------------------- */

static void test_nl(void **state)
{
	(void)state;
	/* Only after bsn, burgerservicenummer, sofinummer. */
	found("BSN 111222333",
	      "111222333", "4-13");
	found("mijn burgerservicenummer is 123456782.",
	      "123456782", "28-37");
	found("sofinummer: 1234.56.782",
	      "1234.56.782", "12-23");
}

static void test_nl_negative(void **state)
{
	(void)state;
	/* Nine digits pass the 11-proof once in eleven: context required. */
	none("111222333");
	none("order 123456782 shipped");
	none("1234.56.782");
	/* One digit changed; all zeros. */
	none("BSN 111222334");
	none("BSN 000000000");
	/* Ten digits. */
	none("BSN 1112223330");
}

/* ---- Brazil ------------------------------------------------------------ */

static void test_br(void **state)
{
	(void)state;
	/* Formatted anywhere; bare only after "CPF". */
	found("CPF 111.444.777-35",
	      "111.444.777-35", "4-18");
	found("meu cpf: 529.982.247-25 e 123.456.789-09",
	      "529.982.247-25|123.456.789-09", "9-23,26-40");
	found("CPF 52998224725",
	      "52998224725", "4-15");
}

static void test_br_negative(void **state)
{
	(void)state;
	/* One digit changed. */
	none("111.444.777-36");
	none("529.982.247-24 and 529.982.248-25");
	/* Every digit the same passes both checks, but is never issued. */
	none("111.111.111-11 and 000.000.000-00");
	/* Eleven bare digits need "CPF" before them. */
	none("52998224725");
	none("CPF 52998224726");
	/* Other dotted shapes. */
	none("111.444.777.35 111.444.77735 1.111.444.777-35");
}

/* ---- India ------------------------------------------------------------- */

static void test_in(void **state)
{
	(void)state;
	/* Spaced anywhere; bare or dashed after a context word. */
	found("Aadhaar 2345 6789 0124",
	      "2345 6789 0124", "8-22");
	found("card 4987 6543 2102 lost",
	      "4987 6543 2102", "5-19");
	found("aadhaar no: 998877665548",
	      "998877665548", "12-24");
	found("UID 2345-6789-0124",
	      "2345-6789-0124", "4-18");
}

static void test_in_negative(void **state)
{
	(void)state;
	/* One digit changed: Verhoeff fails. */
	none("2345 6789 0125");
	none("4987 6543 2101");
	/* Right Verhoeff, but the first digit is 1. */
	none("1234 5678 9010");
	/* Twelve bare or dashed digits need a context word. */
	none("234567890124");
	none("2345-6789-0124");
	/* Three years. */
	none("2019 2020 2000");
	/* Card numbers: four groups, not three. */
	none("4111 1111 1111 1111 and 2345 6789 0124 5678");
	none("9 2345 6789 0124");
}

/* ---- China ------------------------------------------------------------- */

static void test_cn(void **state)
{
	(void)state;
	/* After Han text (no space needed), lower-case x, a 29 February. */
	found("\xE8\xBA\xAB\xE4\xBB\xBD\xE8\xAF\x81" "11010519491231002X",
	      "11010519491231002X", "9-27");
	found("ID 11010519491231002x ok",
	      "11010519491231002x", "3-21");
	found("440301199003071230, 310104200002294568",
	      "440301199003071230|310104200002294568", "0-18,20-38");
	found("510108198511032534",
	      "510108198511032534", "0-18");
}

static void test_cn_negative(void **state)
{
	(void)state;
	/* Check character or a digit changed. */
	none("110105194912310021");
	none("11010519491231003X");
	none("440301199003071231");
	/* Right check digits, but month 13, province 99, born 1899. */
	none("110105194913310021");
	none("990105194912310023");
	none("110105189912310023");
	/* 29 February 2001. */
	none("310104200102294565");
	/* Tweet ids have 19 digits; 17 digits and a letter other than X. */
	none("1465789012345678901");
	none("11010519491231002Y");
}

/* ---- United Kingdom ---------------------------------------------------- */

static void test_uk(void **state)
{
	(void)state;
	/* Compact, spaced in pairs, spaced in two ways, prefix O (allowed
	 * first). */
	found("NI number AB123456C",
	      "AB123456C", "10-19");
	found("my NINO is AB 12 34 56 C.",
	      "AB 12 34 56 C", "11-24");
	found("JG 103759 A and JG103759 A",
	      "JG 103759 A|JG103759 A", "0-11,16-26");
	found("(OA123456D)",
	      "OA123456D", "1-10");
}

static void test_uk_negative(void **state)
{
	(void)state;
	/* HMRC's own example QQ 12 34 56 C: Q is never a prefix letter. */
	none("QQ123456C");
	none("QQ 12 34 56 C");
	/* D, F, I, Q, U, V first; D, F, I, O, Q, U, V second. */
	none("DA123456A FA123456A IA123456A UA123456A VA123456A");
	none("AD123456A AF123456A AI123456A AO123456A AQ123456A AU123456A");
	/* The prefixes never allocated. */
	none("BG123456A GB123456A KN123456A NK123456A NT123456A TN123456A");
	none("ZZ123456A");
	/* Suffix E, no suffix, seven digits, lower case, glued. */
	none("AB123456E AB123456 AB1234567C ab123456c xAB123456C AB123456CD");
	none("AB 12 34 567 C");
}

/* ---- what must not fire -------------------------------------------------- */

static void test_benign(void **state)
{
	static const char *const texts[] = {
		"Meeting on 2021-11-30 at 12:30, or 30.11.2021 or 11/30/2021",
		"20211130 and 2021113012 and 202111301245 and 20211130124530",
		"born 12/05/1990 or 05.12.1990 or 1990-05-12 or 12-05-1990",
		"12:30:45, 23:59, 10:00-12:00 and 08.00-17.00",
		"Price $1234567890, 12345678901\xE2\x82\xAC or EUR 1,234,567.89",
		"\xC2\xA3" "123456789012 or 123456789012% or 9.99",
		"call +46 70 123 45 67 or 070-123 45 67 or +4915123456789",
		"(555) 123-4567, 555-123-4567, 1-555-123-4567, 5551234567",
		"+91 98765 43210, 9876543210, +86 138 0013 8000, 06 12 34 56 78",
		"mobile 07700 900123, office 020 7946 0018, +33 6 12 34 56 78",
		"https://twitter.com/jack/status/1465789012345678901",
		"tweet 1465789012345678901 and id 1465789012345678902",
		"https://example.com/p/811228-9874?id=11010519491231002X",
		"order 123456789012 and tracking 1Z999AA10123456784",
		"order #811228-9874 and #12345678Z and @AB123456C",
		"ISBN 978-0-306-40615-7 or 0-306-40615-2 or ISBN 0306406152",
		"ISBN 9780306406157 and EAN 4006381333931",
		"IP 192.168.1.100 and 10.0.0.1, mac 00:1A:2B:3C:4D:5E",
		"Update to 1.2.3 or v10.4.12 or build 10.0.19041.1348",
		"1 million people, 10,000 steps, 100 days, 2 of 3",
		"4111 1111 1111 1111 and 4111111111111111",
		"IBAN DE89 3704 0044 0532 0130 00, GB82WEST12345698765432",
		"SSN 123-45-6789 or 123 45 6789",
		"abc123456789012def, x811228-9874, 811228-9874y",
		"#2021Goals #100DaysOfCode #COVID19 #Top10",
		"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		none(texts[i]);
}

/* Several countries in one text, each found in turn. */
static void test_mixed(void **state)
{
	(void)state;
	found("DNI 12345678Z, CPF 111.444.777-35, NIR 1 84 12 76 451 089 46 and AB123456C; tweet 1465789012345678901",
	      "12345678Z|111.444.777-35|1 84 12 76 451 089 46|AB123456C",
	      "4-13,19-33,39-60,65-74");
}

/* Invisible characters are removed before scanning: the span is into the
 * normalised text. */
static void test_normalised(void **state)
{
	(void)state;
	found("\xE2\x80\x8B" "DNI 1234\xE2\x80\x8B" "5678Z", "12345678Z", "4-13");
	/* A no-break space becomes one ASCII space. */
	found("BSN\xC2\xA0" "111222333", "111222333", "4-13");
}

/* The evidence hides every letter and digit, keeping the separators. */
static void test_mask(void **state)
{
	static const char *const ids[] = {
		"811228-9874", "RSSMRA85T10A562S", "1 84 12 76 451 089 46",
		"AB 12 34 56 C",
	};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char *out = NULL, offs[32];

		snprintf(offs, sizeof(offs), "0-%zu", strlen(ids[i]));
		found(ids[i], ids[i], offs);
		assert_int_equal(lp_mask(&out, ids[i], strlen(ids[i]),
					 lp_builtin_detector_find(NAME)->mask), 0);
		assert_non_null(out);
		for (k = 0; out[k]; k++)
			assert_false(lp_is_alnum((unsigned char)out[k]));
		lp_free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_entry),
		cmocka_unit_test(test_se),
		cmocka_unit_test(test_se_negative),
		cmocka_unit_test(test_no),
		cmocka_unit_test(test_no_negative),
		cmocka_unit_test(test_dk),
		cmocka_unit_test(test_dk_negative),
		cmocka_unit_test(test_fi),
		cmocka_unit_test(test_fi_negative),
		cmocka_unit_test(test_es),
		cmocka_unit_test(test_es_negative),
		cmocka_unit_test(test_it),
		cmocka_unit_test(test_it_negative),
		cmocka_unit_test(test_fr),
		cmocka_unit_test(test_fr_negative),
		cmocka_unit_test(test_nl),
		cmocka_unit_test(test_nl_negative),
		cmocka_unit_test(test_br),
		cmocka_unit_test(test_br_negative),
		cmocka_unit_test(test_in),
		cmocka_unit_test(test_in_negative),
		cmocka_unit_test(test_cn),
		cmocka_unit_test(test_cn_negative),
		cmocka_unit_test(test_uk),
		cmocka_unit_test(test_uk_negative),
		cmocka_unit_test(test_benign),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_normalised),
		cmocka_unit_test(test_mask),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
