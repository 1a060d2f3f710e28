/*
 * test_address.c - the street_address detector across countries: the
 * exact span it reports for each country's common written forms, the
 * look-alikes it must leave alone (scores, titles, counts, ordinary words
 * that are also street types), and the masked excerpt of the forms that
 * put the house number after the street name.
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
#include "mask.h"
#include "testutil.h"

static void expect(const char *text, const char *want)
{
	char got[1024];

	tu_detect("street_address", text, got, sizeof(got));
	if (strcmp(got, want) != 0)
		fail_msg("street_address on \"%s\": got \"%s\", want \"%s\"", text, got,
			 want);
}

/* The texts are ASCII or plain UTF-8 without foldable characters, so the
 * normalised span is the original's and can be masked directly. */
static void expect_excerpt(const char *text, const char *want)
{
	const lp_builtin_detector *d = lp_builtin_detector_find("street_address");
	lp_text t = { 0 };
	lp_spans sp = { 0 };
	char *out = NULL;

	assert_int_equal(lp_text_normalise(&t, text, strlen(text)), 0);
	assert_int_equal(d->detect(&t, &sp), 0);
	assert_int_equal(sp.n, 1);
	assert_int_equal(lp_mask(&out, t.s + sp.v[0].start,
				 sp.v[0].end - sp.v[0].start, d->mask), 0);
	if (strcmp(out, want) != 0)
		fail_msg("excerpt of \"%s\": \"%s\", want \"%s\"", text, out, want);
	lp_free(out);
	lp_spans_free(&sp);
	lp_text_free(&t);
}

static void test_north_america_australia(void **state)
{
	(void)state;
	expect("lives at 24 Sussex Drive, Ottawa, ON K1A 0A2 lol",
	       "24 Sussex Drive, Ottawa, ON K1A 0A2");
	expect("350 Bloor Street, Suite 200, Toronto, ON M5V 3L9",
	       "350 Bloor Street, Suite 200, Toronto, ON M5V 3L9");
	expect("42 Wallaby Way, Sydney NSW 2000", "42 Wallaby Way, Sydney NSW 2000");
	expect("at 12 George Street Sydney NSW 2000.",
	       "12 George Street Sydney NSW 2000");
	expect("7 Collins St, Melbourne VIC 3000", "7 Collins St, Melbourne VIC 3000");
	expect("9 Smith Street, Darwin NT 0800", "9 Smith Street, Darwin NT 0800");
	/* A US state that is also an Australian one keeps its ZIP. */
	expect("100 Pike Street, Seattle, WA 98101",
	       "100 Pike Street, Seattle, WA 98101");
}

static void test_germany_austria_switzerland(void **state)
{
	(void)state;
	expect("Die Party ist in der Hauptstra\xC3\x9F" "e 12, 10115 Berlin!",
	       "Hauptstra\xC3\x9F" "e 12, 10115 Berlin");
	expect("Musterweg 5a", "Musterweg 5a");
	expect("wohnt Berliner Str. 7 seit Jahren", "Berliner Str. 7");
	expect("Potsdamer Platz 1, 10785 Berlin", "Potsdamer Platz 1, 10785 Berlin");
	expect("Konrad-Adenauer-Stra\xC3\x9F" "e 1", "Konrad-Adenauer-Stra\xC3\x9F" "e 1");
	expect("Karl-Marx-Allee 5", "Karl-Marx-Allee 5");
	expect("Goethestr. 3 10625 Berlin", "Goethestr. 3 10625 Berlin");
	expect("Bahnhofstrasse 10, 8001 Z\xC3\xBCrich",
	       "Bahnhofstrasse 10, 8001 Z\xC3\xBCrich");
	expect("K\xC3\xA4rntner Stra\xC3\x9F" "e 12/3, 1010 Wien",
	       "K\xC3\xA4rntner Stra\xC3\x9F" "e 12/3, 1010 Wien");
	expect("Frankfurter Allee 20-22", "Frankfurter Allee 20-22");
	/* A lower-case tweet. */
	expect("ich wohn in der hauptstra\xC3\x9F" "e 12 lol",
	       "hauptstra\xC3\x9F" "e 12");
	/* An ending English shares is weak: it needs its postcode. */
	expect("Opernring 2, 1010 Wien", "Opernring 2, 1010 Wien");
	expect("Opernring 2", "");
}

static void test_netherlands_belgium(void **state)
{
	(void)state;
	expect("Kalverstraat 92, 1012 PH Amsterdam", "Kalverstraat 92, 1012 PH Amsterdam");
	expect("Prinsengracht 263", "Prinsengracht 263");
	expect("Ik woon op de Keizersgracht 3-2, 1016GV Amsterdam",
	       "Keizersgracht 3-2, 1016GV Amsterdam");
	expect("Coolsingel 40 3011 AD Rotterdam", "Coolsingel 40 3011 AD Rotterdam");
	expect("Rue de la Loi 16, 1000 Bruxelles", "Rue de la Loi 16, 1000 Bruxelles");
	expect("Rue du March\xC3\xA9 aux Herbes 36", "Rue du March\xC3\xA9 aux Herbes 36");
	expect("Avenue Louise 54, 1050 Ixelles", "Avenue Louise 54, 1050 Ixelles");
	expect("Veldstraat 10, 9000 Gent", "Veldstraat 10, 9000 Gent");
}

static void test_france(void **state)
{
	(void)state;
	expect("12 rue de la Paix, 75002 Paris", "12 rue de la Paix, 75002 Paris");
	expect("5 bis avenue Victor Hugo", "5 bis avenue Victor Hugo");
	expect("12bis rue Mouffetard", "12bis rue Mouffetard");
	expect("3 boulevard Haussmann, 75009 Paris", "3 boulevard Haussmann, 75009 Paris");
	expect("3 place de la R\xC3\xA9publique", "3 place de la R\xC3\xA9publique");
	expect("8 Place des Lilas", "8 Place des Lilas");
	expect("7 impasse des Roses", "7 impasse des Roses");
	expect("2 quai d'Orsay", "2 quai d'Orsay");
	expect("Rendez-vous au 12 rue de la Paix, 75002 Paris \xC3\xA0 20h",
	       "12 rue de la Paix, 75002 Paris");
	expect("On a d\xC3\xA9m\xC3\xA9nag\xC3\xA9 : 4 rue du Commerce. Passez !",
	       "4 rue du Commerce");
}

static void test_spain_latin_america(void **state)
{
	(void)state;
	expect("Calle Mayor 5, 28013 Madrid", "Calle Mayor 5, 28013 Madrid");
	expect("C/ Alcal\xC3\xA1 42, 3\xC2\xBA izq", "C/ Alcal\xC3\xA1 42, 3\xC2\xBA izq");
	expect("C/Alcal\xC3\xA1,42", "C/Alcal\xC3\xA1,42");
	expect("Avenida de la Constituci\xC3\xB3n 12", "Avenida de la Constituci\xC3\xB3n 12");
	expect("Avda. Diagonal 640, 08017 Barcelona", "Avda. Diagonal 640, 08017 Barcelona");
	expect("Paseo de Gracia 92", "Paseo de Gracia 92");
	expect("Calle Serrano n\xC2\xBA 5, 2\xC2\xBA B", "Calle Serrano n\xC2\xBA 5, 2\xC2\xBA B");
	expect("Av. Insurgentes Sur 1602", "Av. Insurgentes Sur 1602");
	expect("Av. 9 de Julio 1000, Buenos Aires", "Av. 9 de Julio 1000, Buenos Aires");
	expect("Calle Morelos #45", "Calle Morelos #45");
	expect("Av. Reforma 222, 06600 Ciudad de M\xC3\xA9xico",
	       "Av. Reforma 222, 06600 Ciudad de M\xC3\xA9xico");
	/* Plaza is an English word too: a connector or a postcode. */
	expect("Plaza de Espa\xC3\xB1" "a 3", "Plaza de Espa\xC3\xB1" "a 3");
	expect("Plaza Hotel 5", "");
}

static void test_italy(void **state)
{
	(void)state;
	expect("Via Roma 10, 00184 Roma", "Via Roma 10, 00184 Roma");
	expect("Via dei Condotti 8, 00187 Roma (RM)", "Via dei Condotti 8, 00187 Roma (RM)");
	expect("Via della Spiga 5", "Via della Spiga 5");
	expect("Viale Europa 22", "Viale Europa 22");
	expect("Piazza Navona n. 5", "Piazza Navona n. 5");
	expect("Corso Buenos Aires, 15, 20124 Milano",
	       "Corso Buenos Aires, 15, 20124 Milano");
	expect("abito in via Roma 10", "via Roma 10");
	/* Via alone is an English word. */
	expect("Via Roma 10", "");
}

static void test_portugal_brazil(void **state)
{
	(void)state;
	expect("Rua Augusta, 1500 - S\xC3\xA3o Paulo", "Rua Augusta, 1500 - S\xC3\xA3o Paulo");
	expect("Av. Paulista, 1578", "Av. Paulista, 1578");
	expect("Av. Paulista, 1578 - Bela Vista, S\xC3\xA3o Paulo - SP",
	       "Av. Paulista, 1578 - Bela Vista, S\xC3\xA3o Paulo - SP");
	expect("Rua Oscar Freire, 900, apto 12 - S\xC3\xA3o Paulo - SP, 01426-001",
	       "Rua Oscar Freire, 900, apto 12 - S\xC3\xA3o Paulo - SP, 01426-001");
	expect("Rua XV de Novembro, 100 - Curitiba/PR",
	       "Rua XV de Novembro, 100 - Curitiba/PR");
	expect("Rua das Flores 10, 4050-262 Porto", "Rua das Flores 10, 4050-262 Porto");
	expect("Avenida da Liberdade 110, 1250-146 Lisboa",
	       "Avenida da Liberdade 110, 1250-146 Lisboa");
	/* Rua without the comma or a postcode is too weak. */
	expect("Rua Augusta 1500", "");
}

/* Ordinary tweets full of look-alikes: street-type words next to numbers,
 * scores, titles, counts, years. */
static void test_lookalikes(void **state)
{
	static const char *const texts[] = {
		"Sent via Twitter for iPhone 13",
		"Via Twitter: 5 things I learned today",
		"via Reuters 3 hours ago",
		"you'll rue the day you crossed me",
		"5 Avenue Q tickets",
		"Avenue Q 2 tickets left",
		"Platz 3 in the charts",
		"Wir sind auf Tabellenplatz 3 geklettert",
		"Parkplatz 2 ist frei",
		"Calle 13 concert tonight",
		"Calle Ocho 2023 festival",
		"Route 66",
		"listening to 10 Downtown Road on repeat",
		"\"10 Downtown Road\" is my favourite",
		"10 Downtown Road by The Owls",
		"21 Jump Street is a funny movie",
		"Rua is a name, she turned 5 today",
		"Bayern 3 Dortmund 1",
		"Final score: Real Madrid 2 Barcelona 1",
		"Feyenoord 3-1 Ajax",
		"Via Roma 2 Lazio 1",
		"Spring 2024 collection",
		"Spring 3, London is lovely",
		"Corso di inglese 2 volte a settimana",
		"Place Vend\xC3\xB4me 2 fois cette semaine",
		"Calle Mayor 2 minutos andando",
		"Die Hauptstra\xC3\x9F" "e 12 Uhr gesperrt",
		"In der Hauptstra\xC3\x9F" "e 2020 war was los",
		"Avenida Brasil 3 temporadas",
		"Piazza Affari 2 per cento",
		"Gran Turismo 7 Calle Mayor",
		"Ronda Rousey 2 wins",
		"Meeting moved to 12/05/2021 at 10:30",
		"Price drop: 49,99 \xE2\x82\xAC for 3 days",
		"Illustr. 5 zeigt das Modell",
		/* A street name at the end of a URL path. */
		"see https://example.com/Hauptstra\xC3\x9F" "e 12 now",
		NULL,
	};
	size_t i;

	(void)state;
	for (i = 0; texts[i]; i++)
		expect(texts[i], "");
}

/* A number that counts things named after a street is followed by the
 * plural noun it counts; a house number by a comma, a unit, a city, a
 * preposition, a time word or a verb. */
static void test_counts_of_street_names(void **state)
{
	static const char *const counts[] = {
		"got 8 Abbey Road vinyls",
		"12 Park Avenue shows",
		"8 Coronation Street episodes tonight",
		"6 Electric Avenue remixes are all bangers",
		"12 Penny Lane covers on my playlist",
		"sold 5 Sesame Street plushies at the fair",
		"got 2 21 Jump Street rewatches in",
		/* Any plural noun, after a verb of having or getting or "x". */
		"bought 3 Baker Street souvenirs",
		"we have 4 Wall Street bankers in the family",
		"3 \xC3\x97 221B Baker Street bookmarks",
		"2 x 10 Downing Street coasters",
		"12 Park Ave. streams last night",
		NULL,
	};
	size_t i;

	(void)state;
	for (i = 0; counts[i]; i++)
		expect(counts[i], "");
	expect("lives at 8 Abbey Road", "8 Abbey Road");
	expect("8 Abbey Road, London NW8 9AY", "8 Abbey Road, London NW8 9AY");
	expect("meet me at 12 Park Avenue tomorrow", "12 Park Avenue");
	expect("12 Park Avenue is her flat", "12 Park Avenue");
	expect("12 Park Avenue looks lovely in spring", "12 Park Avenue");
	/* The same words after a comma or a period, or a verb after an
	 * address word. */
	expect("my address is 12 Park Avenue, shows start at 8",
	       "12 Park Avenue");
	expect("got 8 Abbey Road. Vinyls are in the loft", "8 Abbey Road");
	expect("the studio at 3 Abbey Road records on Sundays", "3 Abbey Road");
	expect("she lives at 12 Park Avenue shows her the way", "12 Park Avenue");
	/* A verb of having or buying with no plural after: a house bought
	 * or sold. */
	expect("we bought 14 Maple Street!!", "14 Maple Street");
	expect("sold 8 Abbey Road years ago", "8 Abbey Road");
	expect("have 5 Elm Street as the delivery address", "5 Elm Street");
	expect("got 12 Park Avenue, Apt 4B", "12 Park Avenue, Apt 4B");
	expect("bought 22 Oak Lane apartment 3", "22 Oak Lane apartment 3");
}

/* The number-last forms keep no house number in the excerpt: the street
 * name, number, postcode and city are all hidden but for first letters. */
#define B LP_MASK_CHAR
static void test_excerpts(void **state)
{
	(void)state;
	expect_excerpt("Kalverstraat 92, 1012 PH Amsterdam",
		       "K" B B B B B B B B B B B " " B B ", " B B B B " P" B " A" B B B
		       B B B B B);
	expect_excerpt("Via Roma 10, 00184 Roma",
		       "V" B B " R" B B B " " B B ", " B B B B B " R" B B B);
	expect_excerpt("C/ Alcal\xC3\xA1 42, 3\xC2\xBA izq",
		       "C/ A" B B B B B " " B B ", " B "\xC2\xBA i" B B);
	/* A leading house number is kept, as for English addresses. */
	expect_excerpt("12 rue de la Paix, 75002 Paris",
		       "12 r" B B " d" B " l" B " P" B B B ", " B B B B B " P" B B B B);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_north_america_australia),
		cmocka_unit_test(test_germany_austria_switzerland),
		cmocka_unit_test(test_netherlands_belgium),
		cmocka_unit_test(test_france),
		cmocka_unit_test(test_spain_latin_america),
		cmocka_unit_test(test_italy),
		cmocka_unit_test(test_portugal_brazil),
		cmocka_unit_test(test_lookalikes),
		cmocka_unit_test(test_counts_of_street_names),
		cmocka_unit_test(test_excerpts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
