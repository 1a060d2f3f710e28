/*
 * gen_address_corpus.c - writes the labelled street-address corpus
 * (tests/corpus/address.jsonl) or its look-alikes
 * (tests/corpus/address_lookalikes.jsonl) to standard output.
 *
 *   gen_address_corpus [-n PER_SET] [--lookalikes]
 *
 * Each country's addresses are built from its own street names, types,
 * house numbers, units, postcodes and cities, in the forms that country
 * writes, and set inside a tweet in its language. The expected match is
 * the address as built: the detector reports the street with its number,
 * and the unit, postcode and city that follow it (see
 * tests/corpus/README-address.md). A fixed seed keeps the files
 * reproducible, so a change in recall shows up as a diff of results, not
 * of the corpus.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ADDR_MAX 256
#define TEXT_MAX 512

static unsigned long long rng_state = 0x5DEECE66DULL;

/* A 64-bit LCG: the same sequence on every platform. */
static unsigned pick(unsigned n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng_state >> 33) % n);
}

#define ONE(a) ((a)[pick((unsigned)N(a))])

/* Appends to a fixed buffer; the pieces are short and bounded, so a
 * truncation would be a bug in the tables: abort rather than mislabel. */
static void cat(char *buf, size_t cap, const char *s)
{
	size_t n = strlen(buf), m = strlen(s);

	if (n + m + 1 > cap)
		abort();
	memcpy(buf + n, s, m + 1);
}

static void catn(char *buf, size_t cap, unsigned v)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", v);
	cat(buf, cap, num);
}

/* A house number: mostly small, as real ones are. */
static unsigned house(unsigned max)
{
	switch (pick(4)) {
	case 0:
		return 1 + pick(9);
	case 1:
	case 2:
		return 10 + pick(90);
	default:
		return 100 + pick(max - 100);
	}
}

/* ---- English-speaking countries ---- */

static const char *const en_templates[] = {
	"her address is {}, go say hi",
	"he lives at {} and never leaves the house lol",
	"just moved into {}!! housewarming soon",
	"party tonight at {}, bring snacks",
	"package says delivered to {} but nobody was home",
	"{} is where that guy lives, everyone go there",
	"dox: {}",
	"meet me at {} at 8 tonight",
	"They live at {}. Go tell them what you think.",
	"new place: {} - come visit",
	"can someone send pizza to {} lmao",
	"found her: {}",
};

static const char *const us_names[] = {
	"Elm", "Maple", "Oak", "Cedar", "Pine", "Walnut", "Lincoln",
	"Washington", "Jefferson", "Madison", "Lake", "Hill", "Park", "Sunset",
	"Highland", "Franklin", "Church", "Mill", "River", "Ridge", "Chestnut",
	"Spruce", "Grant", "Main", "Market", "Broad", "Cherry", "Willow",
	"Meadow", "Glen Oaks", "Old Mill", "Martin Luther King", "5th", "42nd",
};
static const char *const us_types[] = {
	"Street", "St", "Avenue", "Ave", "Road", "Rd", "Boulevard", "Blvd",
	"Lane", "Ln", "Drive", "Dr", "Court", "Ct", "Parkway", "Terrace",
};
static const char *const us_cities[] = {
	"Springfield, IL 62704", "Austin, TX 78701", "Denver, CO 80202",
	"Portland, OR 97205", "Columbus, OH 43215", "Nashville, TN 37203",
	"Phoenix, AZ 85004", "Boston, MA 02108", "Seattle, WA 98101",
	"Atlanta, GA 30303", "St. Louis, MO 63101", "New York, NY 10001",
	"San Diego, CA 92101", "Miami, FL 33130", "Madison, WI 53703-2120",
};

static void make_us(char *a)
{
	catn(a, ADDR_MAX, house(9999));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(us_names));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(us_types));
	switch (pick(6)) {
	case 0:
	case 1:
		break;
	case 2:
		cat(a, ADDR_MAX, ", Apt ");
		catn(a, ADDR_MAX, 1 + pick(30));
		cat(a, ADDR_MAX, pick(2) ? "B" : "");
		/* fall through */
	default:
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(us_cities));
	}
}

static const char *const uk_names[] = {
	"Baker", "Abbey", "Station", "Victoria", "Albert", "Manor", "Kings",
	"Queens", "Oxford", "Cambridge", "Mill", "Church", "Park", "Chapel",
	"High", "Green", "Windsor", "York", "Gloucester", "Portobello",
	"Whitechapel", "Coronation",
};
static const char *const uk_types[] = {
	"Road", "Street", "Lane", "Avenue", "Drive", "Crescent", "Terrace",
};
static const char *const uk_weak_types[] = {
	"Close", "Gardens", "Grove", "Mews", "Square", "Way", "Place",
};
static const char *const uk_posts[] = {
	"London SW1A 2AA", "London E1 6AN", "London N1 9GU", "Manchester M1 1AE",
	"Birmingham B33 8TH", "Edinburgh EH1 1YZ", "Leeds LS1 4AP",
	"Cardiff CF10 1EP", "Glasgow G2 3BZ", "Bristol BS1 5TR",
	"Newcastle NE1 7RU", "Liverpool L1 8JQ", "Brighton BN1 1AA",
};

static void make_uk(char *a)
{
	int weak = pick(3) == 0;

	catn(a, ADDR_MAX, house(400));
	if (pick(6) == 0)
		cat(a, ADDR_MAX, pick(2) ? "B" : "a");
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(uk_names));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, weak ? ONE(uk_weak_types) : ONE(uk_types));
	/* A type that is also an English word comes with its postcode. */
	if (weak || pick(3)) {
		cat(a, ADDR_MAX, pick(4) ? ", " : " ");
		cat(a, ADDR_MAX, ONE(uk_posts));
	}
}

static const char *const ca_names[] = {
	"Sussex", "Yonge", "Bloor", "Queen", "King", "Granville", "Robson",
	"Jasper", "Portage", "Barrington", "Sherbrooke", "Wellington",
	"Bank", "Elgin", "Spadina", "Dundas",
};
static const char *const ca_types[] = {
	"Street", "Avenue", "Drive", "Road", "Boulevard", "Crescent", "St",
};
static const char *const ca_cities[] = {
	"Ottawa, ON K1P 5J2", "Toronto, ON M5V 3L9", "Montreal, QC H3B 4W8",
	"Vancouver, BC V6B 1A1", "Calgary, AB T2P 1J9", "Halifax, NS B3J 1S9",
	"Winnipeg, MB R3C 4T3", "Edmonton, AB T5J 0N3", "Ottawa ON K1A 0A2",
	"Toronto ON M4W1A8",
};

static void make_ca(char *a)
{
	catn(a, ADDR_MAX, house(9999));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(ca_names));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(ca_types));
	if (pick(4) == 0) {
		cat(a, ADDR_MAX, ", Suite ");
		catn(a, ADDR_MAX, 100 + pick(900));
	}
	cat(a, ADDR_MAX, ", ");
	cat(a, ADDR_MAX, ONE(ca_cities));
}

static const char *const au_names[] = {
	"George", "Pitt", "Collins", "Flinders", "Bourke", "Queen", "Wallaby",
	"Oxford", "Crown", "Hay", "Murray", "Hunter", "Elizabeth", "Swanston",
	"Brunswick", "Chapel",
};
static const char *const au_types[] = {
	"Street", "Road", "Avenue", "Terrace", "Drive", "Lane", "Way", "St",
};
static const char *const au_places[] = {
	"Sydney NSW 2000", "Surry Hills NSW 2010", "Melbourne VIC 3000",
	"Fitzroy VIC 3065", "Brisbane QLD 4000", "Perth WA 6000",
	"Adelaide SA 5000", "Hobart TAS 7000", "Canberra ACT 2600",
	"Darwin NT 0800", "Newcastle NSW 2300",
};

static void make_au(char *a)
{
	catn(a, ADDR_MAX, house(999));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(au_names));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, ONE(au_types));
	cat(a, ADDR_MAX, pick(4) ? ", " : " ");
	cat(a, ADDR_MAX, ONE(au_places));
}

/* ---- German-speaking countries ---- */

static const char *const de_templates[] = {
	"Die Party ist in der {}!",
	"Ich wohne jetzt in der {}, kommt vorbei",
	"Neue Adresse: {}",
	"Paket bitte an {} schicken, danke",
	"Er wohnt in der {} und geht nie raus",
	"{} - da wohnt der Typ, geht mal hin",
	"Treffen um 8 in der {}",
	"seine Adresse ist {} lol",
	"Wir sind umgezogen: {}. Besucht uns!",
	"Lieferung an {} ist angekommen",
};

static const char *const de_stems[] = {
	"Haupt", "Bahnhof", "Schiller", "Goethe", "Linden", "Kirch", "Garten",
	"Mozart", "Beethoven", "Berg", "Wald", "Schul", "Rosen", "Birken",
	"Eichen", "Friedrich", "Wilhelm", "Kant", "Ahorn", "Tannen", "Sonnen",
	"Blumen", "M\xC3\xBChlen", "Post", "Dorf", "Feld", "Wiesen", "Park",
	"See",
};
static const char *const de_suffixes[] = {
	"stra\xC3\x9F" "e", "stra\xC3\x9F" "e", "strasse", "str.", "weg",
	"allee", "platz", "gasse", "damm",
};
static const char *const de_adj[] = {
	"Berliner", "Frankfurter", "M\xC3\xBCnchner", "K\xC3\xB6lner",
	"Hamburger", "Potsdamer", "Leipziger", "Dresdner", "Bremer",
};
static const char *const de_sep_types[] = {
	"Stra\xC3\x9F" "e", "Str.", "Allee", "Platz", "Ring",
};
static const char *const de_people[] = {
	"Konrad-Adenauer-", "Karl-Marx-", "Friedrich-Ebert-",
	"Willy-Brandt-", "Rosa-Luxemburg-", "Heinrich-Heine-",
};
static const char *const de_cities[] = {
	"10115 Berlin", "80331 M\xC3\xBCnchen", "20095 Hamburg",
	"50667 K\xC3\xB6ln", "60311 Frankfurt am Main", "70173 Stuttgart",
	"04109 Leipzig", "01067 Dresden", "28195 Bremen",
	"90402 N\xC3\xBCrnberg", "40213 D\xC3\xBCsseldorf", "30159 Hannover",
};

static void de_number(char *a, int doors)
{
	cat(a, ADDR_MAX, " ");
	catn(a, ADDR_MAX, 1 + pick(pick(3) ? 60 : 250));
	switch (pick(8)) {
	case 0:
		cat(a, ADDR_MAX, pick(2) ? "a" : "b");
		break;
	case 1:
		if (doors) {
			cat(a, ADDR_MAX, "/");
			catn(a, ADDR_MAX, 1 + pick(20));
		}
		break;
	default:
		break;
	}
}

static void de_street(char *a)
{
	switch (pick(5)) {
	case 0:
		cat(a, ADDR_MAX, ONE(de_adj));
		cat(a, ADDR_MAX, " ");
		cat(a, ADDR_MAX, ONE(de_sep_types));
		break;
	case 1:
		cat(a, ADDR_MAX, ONE(de_people));
		cat(a, ADDR_MAX, pick(3) ? "Stra\xC3\x9F" "e" : "Allee");
		break;
	default: {
		const char *stem = ONE(de_stems), *suf = ONE(de_suffixes);

		/* "Parkplatz" is a car park, not a street. */
		if (!strcmp(stem, "Park") && !strcmp(suf, "platz"))
			suf = "weg";
		cat(a, ADDR_MAX, stem);
		cat(a, ADDR_MAX, suf);
		break;
	}
	}
}

static void make_de(char *a)
{
	de_street(a);
	de_number(a, 0);
	/* "Ring" is also an English ending: it comes with its postcode. */
	if (pick(2) || strstr(a, "Ring")) {
		cat(a, ADDR_MAX, pick(5) ? ", " : " ");
		cat(a, ADDR_MAX, ONE(de_cities));
	}
}

static const char *const at_streets[] = {
	"Mariahilfer Stra\xC3\x9F" "e", "K\xC3\xA4rntner Stra\xC3\x9F" "e",
	"Favoritenstra\xC3\x9F" "e", "Praterstra\xC3\x9F" "e", "Herrengasse",
	"Getreidegasse", "Landstra\xC3\x9F" "e", "Schottenring", "Opernring",
	"Hauptplatz", "Annenstra\xC3\x9F" "e", "Herzog-Friedrich-Stra\xC3\x9F" "e",
	"Linzer Gasse", "Burggasse", "Neubaugasse", "Wiedner G\xC3\xBCrtel",
};
static const char *const at_cities[] = {
	"1010 Wien", "1060 Wien", "1070 Wien", "1100 Wien", "8010 Graz",
	"5020 Salzburg", "4020 Linz", "6020 Innsbruck", "9020 Klagenfurt",
};

static void make_at(char *a)
{
	const char *st = ONE(at_streets);

	/* "Wiedner Gürtel" has no type word; use a plain one there. */
	if (strstr(st, "rtel"))
		st = "Hauptstra\xC3\x9F" "e";
	cat(a, ADDR_MAX, st);
	de_number(a, 1);
	if (pick(3) || strstr(st, "ring")) {
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(at_cities));
	}
}

static const char *const ch_streets[] = {
	"Bahnhofstrasse", "Seestrasse", "Marktgasse", "Spitalgasse",
	"Kramgasse", "Rennweg", "Hauptstrasse", "Dorfstrasse", "Kirchweg",
	"Freiestrasse", "Badenerstrasse", "Langstrasse", "Schifflände",
	"Gerechtigkeitsgasse", "Z\xC3\xBCrcherstrasse", "Aeschenplatz",
};
static const char *const ch_cities[] = {
	"8001 Z\xC3\xBCrich", "8004 Z\xC3\xBCrich", "3011 Bern", "4051 Basel",
	"6003 Luzern", "8400 Winterthur", "2502 Biel", "9000 St.Gallen",
	"7000 Chur",
};

static void make_ch(char *a)
{
	const char *st = ONE(ch_streets);

	if (strstr(st, "nde"))
		st = "Bahnhofstrasse";
	cat(a, ADDR_MAX, st);
	de_number(a, 0);
	if (pick(3)) {
		const char *c = ONE(ch_cities);

		if (strstr(c, "St.Gallen"))
			c = "9000 Sankt Gallen";
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, c);
	}
}

/* ---- Dutch ---- */

static const char *const nl_templates[] = {
	"Ik woon op de {}, kom langs",
	"Nieuw adres: {}",
	"Feestje op {} vanavond!",
	"Hij woont op {}, ga maar kijken",
	"Pakketje bezorgd op {} maar niemand thuis",
	"{} is waar die gast woont",
	"adres is {} hoor",
	"Wij zitten nu op {}. Tot snel!",
};

static const char *const nl_streets[] = {
	"Kalverstraat", "Prinsengracht", "Keizersgracht", "Herengracht",
	"Leidsestraat", "Kerkstraat", "Molenweg", "Dorpsstraat",
	"Stationsplein", "Spuistraat", "Hoogstraat", "Oudegracht",
	"Vondelstraat", "Rembrandtplein", "Museumplein", "Coolsingel",
	"Stadhouderskade", "Beethovenlaan", "Rijksstraatweg", "Zeedijk",
	"Lange Voorhout", "Bloemgracht",
};
static const char *const nl_cities[] = {
	"1012 PH Amsterdam", "1016 GV Amsterdam", "3011 AD Rotterdam",
	"2511 CV Den Haag", "3511 LX Utrecht", "5611 AZ Eindhoven",
	"9711 LM Groningen", "2311 EP Leiden", "6811 AA Arnhem",
	"1017CT Amsterdam",
};
static const char *const nl_additions[] = {
	"", "", "", "", "A", "-2", "-1", "B", " bis",
};

static void make_nl(char *a)
{
	const char *st = ONE(nl_streets);

	/* "Lange Voorhout" has no type word in it. */
	if (strstr(st, "Voorhout"))
		st = "Lange Voorhoutstraat";
	if (strchr(st, ' '))
		st = "Javastraat";
	cat(a, ADDR_MAX, st);
	cat(a, ADDR_MAX, " ");
	catn(a, ADDR_MAX, house(600));
	cat(a, ADDR_MAX, ONE(nl_additions));
	if (pick(2)) {
		cat(a, ADDR_MAX, pick(5) ? ", " : " ");
		cat(a, ADDR_MAX, ONE(nl_cities));
	}
}

/* ---- French-speaking countries ---- */

static const char *const fr_templates[] = {
	"J'habite au {}, venez !",
	"Nouvelle adresse : {}",
	"Rendez-vous au {} \xC3\xA0 20h",
	"Il habite {}, allez le voir",
	"{} c'est l\xC3\xA0 qu'elle habite",
	"colis livr\xC3\xA9 au {} mais personne",
	"son adresse c'est {} lol",
	"On a d\xC3\xA9m\xC3\xA9nag\xC3\xA9 : {}. Passez nous voir !",
	"f\xC3\xAA" "te ce soir au {}",
};

static const char *const fr_strong_types[] = {
	"rue", "rue", "rue", "impasse", "all\xC3\xA9" "e", "chemin", "quai", "bd",
	"Rue",
};
static const char *const fr_weak_types[] = {
	"avenue", "boulevard", "place", "Avenue", "Boulevard", "Place",
};
static const char *const fr_names[] = {
	"de la Paix", "de Rivoli", "du Faubourg Saint-Honor\xC3\xA9",
	"des Lilas", "de la R\xC3\xA9publique", "Victor Hugo", "Jean Jaur\xC3\xA8s",
	"Pasteur", "de l'\xC3\x89glise", "Saint-Michel", "Voltaire",
	"de la Gare", "du Commerce", "Gambetta", "des \xC3\x89" "coles",
	"Lafayette", "\xC3\x89mile Zola", "du G\xC3\xA9n\xC3\xA9ral de Gaulle",
	"des Roses", "de Vaugirard", "d'Alsace",
};
static const char *const fr_cities[] = {
	"75002 Paris", "75011 Paris", "69001 Lyon", "13001 Marseille",
	"31000 Toulouse", "33000 Bordeaux", "59000 Lille", "44000 Nantes",
	"67000 Strasbourg", "06000 Nice", "34000 Montpellier", "35000 Rennes",
	"92100 Boulogne-Billancourt",
};

static void make_fr(char *a)
{
	int weak = pick(3) == 0, bis = pick(6) == 0;
	const char *name = ONE(fr_names);
	/* A name with a connector confirms a type that is an English word. */
	int conn = name[0] == 'd';

	catn(a, ADDR_MAX, house(250));
	if (bis)
		cat(a, ADDR_MAX, pick(2) ? " bis" : "ter");
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, weak ? ONE(fr_weak_types) : ONE(fr_strong_types));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, name);
	if ((weak && !conn && !bis) || pick(2)) {
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(fr_cities));
	}
}

/* Belgium: French streets with the number last, Flemish compounds. */
static const char *const be_fr_streets[] = {
	"Rue de la Loi", "Rue Neuve", "Avenue Louise", "Boulevard Anspach",
	"Chauss\xC3\xA9" "e de Waterloo", "Rue du Midi", "Rue Royale",
	"Rue de Flandre", "Rue des Bouchers", "Place du March\xC3\xA9",
	"Rue du March\xC3\xA9 aux Herbes", "Chauss\xC3\xA9" "e d'Ixelles",
	"Rue Saint-Gilles",
};
static const char *const be_nl_streets[] = {
	"Veldstraat", "Nieuwstraat", "Hoogstraat", "Bondgenotenlaan",
	"Korenmarkt", "Steenstraat", "Kammenstraat", "Naamsestraat",
};
static const char *const be_fr_cities[] = {
	"1000 Bruxelles", "1050 Ixelles", "1060 Saint-Gilles", "4000 Li\xC3\xA8ge",
	"5000 Namur", "6000 Charleroi", "1348 Louvain-la-Neuve",
};
static const char *const be_nl_cities[] = {
	"2000 Antwerpen", "9000 Gent", "3000 Leuven", "8000 Brugge",
	"2800 Mechelen",
};

static void make_be(char *a)
{
	if (pick(3)) {
		const char *st = ONE(be_fr_streets);
		/* Avenue, Boulevard and Place are English words too. */
		int weak = st[0] == 'A' || st[0] == 'B' || st[0] == 'P';

		cat(a, ADDR_MAX, st);
		cat(a, ADDR_MAX, " ");
		catn(a, ADDR_MAX, house(300));
		if (weak || pick(3)) {
			cat(a, ADDR_MAX, ", ");
			cat(a, ADDR_MAX, ONE(be_fr_cities));
		}
	} else {
		const char *st = ONE(be_nl_streets);

		cat(a, ADDR_MAX, st);
		cat(a, ADDR_MAX, " ");
		catn(a, ADDR_MAX, house(300));
		if (pick(3) || strstr(st, "markt")) {
			cat(a, ADDR_MAX, ", ");
			cat(a, ADDR_MAX, ONE(be_nl_cities));
		}
	}
}

/* ---- Spanish-speaking countries ---- */

static const char *const es_templates[] = {
	"Vivo en la {}, ven cuando quieras",
	"Mi nueva direcci\xC3\xB3n: {}",
	"La fiesta es en {}!!",
	"Nos vemos en {} a las 8",
	"\xC2\xBF" "Alguien sabe qui\xC3\xA9n vive en {}? jaja",
	"su casa est\xC3\xA1 en {}, id a verle",
	"paquete entregado en {} pero no hab\xC3\xAD" "a nadie",
	"{} es donde vive ese tipo",
	"Nos mudamos a {}. \xC2\xA1Visitadnos!",
};

static const char *const es_types[] = {
	"Calle", "Calle", "C/", "Avenida", "Avda.", "Paseo", "Plaza", "calle",
	"Ronda", "Carrer",
};
static const char *const es_names[] = {
	"Mayor", "Alcal\xC3\xA1", "Serrano", "Princesa", "de Atocha", "Goya",
	"Vel\xC3\xA1zquez", "de la Castellana", "de Gracia", "de la Constituci\xC3\xB3n",
	"de Espa\xC3\xB1" "a", "Col\xC3\xB3n", "Fuencarral", "del Arenal",
	"de Toledo", "del Carmen", "Preciados", "de Andaluc\xC3\xAD" "a",
	"de Sagasta", "de Mallorca", "Gran de Gr\xC3\xA0" "cia",
};
static const char *const es_floors[] = {
	"3\xC2\xBA izq", "2\xC2\xBA B", "1\xC2\xBA 2\xC2\xAA", "4\xC2\xBA dcha",
	"piso 3", "5\xC2\xBA A", "bajo B",
};
static const char *const es_cities[] = {
	"28013 Madrid", "28001 Madrid", "08001 Barcelona", "08008 Barcelona",
	"41001 Sevilla", "46001 Valencia", "48001 Bilbao", "29001 M\xC3\xA1laga",
	"50001 Zaragoza", "18001 Granada", "37001 Salamanca",
};

static void make_es(char *a)
{
	const char *t = ONE(es_types), *name = ONE(es_names);
	/* Plaza and Ronda are also words and names: give them a connector or
	 * a postcode. */
	int weak = !strcmp(t, "Plaza") || !strcmp(t, "Ronda");
	int conn = name[0] == 'd', city;
	const char *f;

	cat(a, ADDR_MAX, t);
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, name);
	cat(a, ADDR_MAX, pick(5) ? " " : (pick(2) ? ", " : " n\xC2\xBA "));
	catn(a, ADDR_MAX, house(300));
	city = (weak && !conn) || pick(2);
	if (pick(3) == 0) {
		f = ONE(es_floors);
		/* "bajo" is not a floor the detector knows: keep to ordinals. */
		if (!strncmp(f, "bajo", 4))
			f = "2\xC2\xBA izq";
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, f);
	}
	if (city) {
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(es_cities));
	}
}

static const char *const latam_streets[] = {
	"Av. Insurgentes Sur", "Av. Reforma", "Calle Morelos", "Av. Corrientes",
	"Av. 9 de Julio", "Avenida Ju\xC3\xA1rez", "Av. Providencia",
	"Calle Larco", "Avenida Santa Fe", "Calle Florida", "Av. Libertador",
	"Calle 5 de Mayo", "Avenida Madero", "Calle Hidalgo",
	"Av. Javier Prado",
};
static const char *const latam_cities[] = {
	"06600 Ciudad de M\xC3\xA9xico", "Buenos Aires", "Santiago",
	"Miraflores", "Guadalajara", "Monterrey", "Lima", "Bogot\xC3\xA1",
	"C1043 Buenos Aires",
};

static void make_latam(char *a)
{
	const char *c;

	cat(a, ADDR_MAX, ONE(latam_streets));
	cat(a, ADDR_MAX, pick(5) ? " " : " #");
	catn(a, ADDR_MAX, house(4000));
	if (pick(2)) {
		c = ONE(latam_cities);
		/* Argentina's CPA is not a postcode form the detector reads. */
		if (c[0] == 'C')
			c = "Buenos Aires";
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, c);
	}
}

/* ---- Italian ---- */

static const char *const it_templates[] = {
	"Abito in {}, passate a trovarmi",
	"Nuovo indirizzo: {}",
	"Ci vediamo in {} alle 9",
	"La festa \xC3\xA8 in {} stasera!",
	"lui sta in {}, andate a vedere",
	"pacco consegnato in {} ma non c'era nessuno",
	"{} \xC3\xA8 dove abita quel tizio",
	"Ci siamo trasferiti in {}. Venite a trovarci!",
};

static const char *const it_strong[] = {
	"Viale", "Piazza", "Vicolo", "Piazzale", "Lungomare",
};
static const char *const it_weak[] = {
	"Via", "Via", "Via", "via", "Corso", "Largo",
};
static const char *const it_names[] = {
	"Roma", "Garibaldi", "Mazzini", "Dante", "Verdi", "Cavour",
	"dei Condotti", "della Spiga", "XX Settembre", "Manzoni", "Navona",
	"del Popolo", "Vittorio Emanuele", "Buenos Aires", "Europa", "Marconi",
	"Nazionale", "del Plebiscito", "Torino", "Montenapoleone",
	"dell'Indipendenza",
};
static const char *const it_cities[] = {
	"00184 Roma", "00187 Roma (RM)", "20121 Milano", "20121 Milano (MI)",
	"80132 Napoli", "10121 Torino", "50123 Firenze", "40121 Bologna (BO)",
	"30124 Venezia", "90133 Palermo", "16121 Genova",
};

static void make_it(char *a)
{
	int weak = pick(2);
	const char *name = ONE(it_names);
	int conn = name[0] == 'd', marker = pick(5) == 0, city;

	cat(a, ADDR_MAX, weak ? ONE(it_weak) : ONE(it_strong));
	cat(a, ADDR_MAX, " ");
	cat(a, ADDR_MAX, name);
	cat(a, ADDR_MAX, pick(3) ? " " : ", ");
	if (marker)
		cat(a, ADDR_MAX, pick(2) ? "n. " : "n\xC2\xB0 ");
	catn(a, ADDR_MAX, house(200));
	if (pick(8) == 0)
		cat(a, ADDR_MAX, "/A");
	city = (weak && !conn && !marker) || pick(2);
	if (city) {
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(it_cities));
	}
}

/* ---- Portuguese ---- */

static const char *const pt_templates[] = {
	"Moro na {}, aparece l\xC3\xA1",
	"Meu endere\xC3\xA7o novo: {}",
	"Festa hoje na {}!!",
	"Ele mora na {}, vai l\xC3\xA1",
	"Entrega feita na {} mas ningu\xC3\xA9m atendeu",
	"{} \xC3\xA9 onde esse cara mora",
	"endere\xC3\xA7o dela: {} kkkk",
	"Mudamos para a {}. Venham visitar!",
};

static const char *const br_streets[] = {
	"Rua Augusta", "Av. Paulista", "Rua Oscar Freire", "Rua da Consola\xC3\xA7\xC3\xA3o",
	"Rua das Flores", "Av. Atl\xC3\xA2ntica", "Av. Brigadeiro Faria Lima",
	"Rua Haddock Lobo", "Rua dos Andradas", "Rua Sete de Setembro",
	"Av. Presidente Vargas", "Av. Rio Branco", "Alameda Santos",
	"Rua XV de Novembro", "Avenida Afonso Pena", "Travessa do Com\xC3\xA9rcio",
};
static const char *const br_districts[] = {
	"Bela Vista", "Jardins", "Centro", "Copacabana", "Pinheiros",
	"Savassi", "Moinhos de Vento",
};
static const char *const br_cities[] = {
	"S\xC3\xA3o Paulo - SP", "Rio de Janeiro - RJ", "Belo Horizonte - MG",
	"Curitiba - PR", "Porto Alegre - RS", "Salvador - BA", "Recife/PE",
	"Fortaleza - CE",
};
static const char *const br_ceps[] = {
	"01310-100", "01426-001", "22021-001", "30130-170", "80020-310",
	"90010-150",
};

static void make_br(char *a)
{
	cat(a, ADDR_MAX, ONE(br_streets));
	cat(a, ADDR_MAX, ", ");
	catn(a, ADDR_MAX, house(3000));
	if (pick(4) == 0) {
		cat(a, ADDR_MAX, pick(2) ? ", apto " : " apto ");
		catn(a, ADDR_MAX, 11 + pick(180));
	}
	switch (pick(4)) {
	case 0:
		break;
	case 1:
		cat(a, ADDR_MAX, " - ");
		cat(a, ADDR_MAX, ONE(br_districts));
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(br_cities));
		break;
	case 2:
		cat(a, ADDR_MAX, " - ");
		cat(a, ADDR_MAX, ONE(br_cities));
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(br_ceps));
		break;
	default:
		cat(a, ADDR_MAX, " - S\xC3\xA3o Paulo");
		break;
	}
}

static const char *const pt_streets[] = {
	"Rua das Flores", "Avenida da Liberdade", "Rua Augusta",
	"Pra\xC3\xA7" "a do Com\xC3\xA9rcio", "Rua de Santa Catarina",
	"Rua Garrett", "Avenida dos Aliados", "Travessa do Carmo",
	"Rua do Ouro", "Largo do Chiado", "Rua Miguel Bombarda",
	"Avenida da Boavista", "Rua de Cedofeita",
};
static const char *const pt_cities[] = {
	"4050-262 Porto", "1250-146 Lisboa", "1100-053 Lisboa",
	"1100-148 Lisboa", "4000-447 Porto", "1200-094 Lisboa",
	"3000-214 Coimbra", "4700-321 Braga", "8000-138 Faro",
};

static void make_pt(char *a)
{
	const char *st = ONE(pt_streets);
	/* "Rua Augusta", "Rua Garrett": a weak type and no connector, so
	 * the postcode confirms it. */
	int conn = strstr(st, " d") != NULL;

	cat(a, ADDR_MAX, st);
	cat(a, ADDR_MAX, pick(4) ? " " : ", ");
	catn(a, ADDR_MAX, house(400));
	if (!conn || pick(3)) {
		cat(a, ADDR_MAX, ", ");
		cat(a, ADDR_MAX, ONE(pt_cities));
	}
}

struct form {
	const char *set;
	void (*make)(char *addr);
	const char *const *templates;
	size_t ntemplates;
};

static const struct form forms[] = {
	{ "address_us", make_us, en_templates, N(en_templates) },
	{ "address_uk", make_uk, en_templates, N(en_templates) },
	{ "address_ca", make_ca, en_templates, N(en_templates) },
	{ "address_au", make_au, en_templates, N(en_templates) },
	{ "address_de", make_de, de_templates, N(de_templates) },
	{ "address_at", make_at, de_templates, N(de_templates) },
	{ "address_ch", make_ch, de_templates, N(de_templates) },
	{ "address_nl", make_nl, nl_templates, N(nl_templates) },
	{ "address_fr", make_fr, fr_templates, N(fr_templates) },
	{ "address_be", make_be, fr_templates, N(fr_templates) },
	{ "address_es", make_es, es_templates, N(es_templates) },
	{ "address_latam", make_latam, es_templates, N(es_templates) },
	{ "address_it", make_it, it_templates, N(it_templates) },
	{ "address_br", make_br, pt_templates, N(pt_templates) },
	{ "address_pt", make_pt, pt_templates, N(pt_templates) },
};

/* Benign tweets full of look-alikes: street-type words, numbers next to
 * names, scores, dates, prices, titles. None is an address. */
static const char *const lookalikes[] = {
	"Sent via Twitter for iPhone 13",
	"Via Twitter: 5 things I learned today",
	"you'll rue the day you crossed me, 100%",
	"Got 2 tickets for Avenue Q on Broadway, 5 Avenue Q tickets left!",
	"Our song is at Platz 3 in the charts this week",
	"Platz 3 in den Charts, danke an alle!",
	"Calle 13 concert was amazing last night",
	"Road trip on Route 66 for 10 days",
	"Listening to 10 Downtown Road on repeat",
	"\"10 Downtown Road\" is the best song on the album",
	"now playing: 10 Downtown Road by The Midnight Owls",
	"Rua is a name I love, she turned 5 today",
	"Bayern 3 Dortmund 1 what a game",
	"Final score: Real Madrid 2 Barcelona 1",
	"Ajax 3 Feyenoord 0 #Eredivisie",
	"Juventus 1 Inter 1, Serie A is back",
	"PSG 4 Lyon 2 ce soir, quel match",
	"Hamburg 2 Freiburg 1 nach 90 Minuten",
	"Union Berlin 3 Werder Bremen 1",
	"Bought it for $15 at the mall on 5th",
	"Meeting moved to 12/05/2021 at 10:30",
	"Price drop: 49,99 \xE2\x82\xAC only for 3 days",
	"Via Reuters: 3 people injured in the storm",
	"via Spotify 2 hours ago",
	"via Netflix 10 episodes later and I still don't get it",
	"I'm at Place 2 Be with 5 friends",
	"Plaza Hotel 5 stars experience, would stay again",
	"Corso di inglese 2 volte a settimana",
	"Largo 3 from the symphony is my favourite",
	"Spring 2024 collection drops on Friday",
	"Platz 1 f\xC3\xBCr Bayern nach 10 Spielen",
	"Wir sind auf Tabellenplatz 3 geklettert",
	"Parkplatz 2 ist frei, kommt schnell",
	"Calle Ocho 2023 festival in Miami was lit",
	"Rue McClanahan 1934-2010, rest in peace",
	"Via Lattea 2 was a great album",
	"Avenue Q 2 tickets left for Saturday",
	"Boulevard of Broken Dreams 2004 classic",
	"Place Your Bets 3 Times a day",
	"5 Best Road Trips In Europe",
	"Top 10 Streets in London for food",
	"the 1990 Kings Road scene was wild",
	"iPhone 12 Pro Max, Route 66, Windows 11 Home",
	"Chapter 11 Main Street finally out",
	"Version 2.3.1 is out now",
	"In 1999 Wall Street Journal wrote about it",
	"Gran Turismo 7 Calle Mayor track is hard",
	"Mario Kart 8 Deluxe on sale",
	"Room 101 was scary",
	"Ronda Rousey 2 wins in a row",
	"Estrada 3 goals this season",
	"Camino 2 is coming out",
	"Mike Piazza 31 forever",
	"Street Fighter 6 is out, 3 Street Fighter games in a row",
	"I ran 5 miles down the road",
	"2 Lane Highway, 4 Way Stop",
	"Happy 4th of July! 3 Days Grace on 5th",
	"Nov 30 2021 was the day",
	"#1 Main Street fan here",
	"since 2019 Oxford Street changed a lot",
	"Top 10 Ways to save money",
	"10 Best Way To learn Spanish",
	"Via Roma 2 Lazio 1 al 90esimo",
	"Roma 2 Lazio 1, derby della capitale",
	"Feyenoord 3-1 Ajax, wat een wedstrijd",
	"Kalverstraat was druk vandaag, 3 uur gewinkeld",
	"Hauptstra\xC3\x9F" "e gesperrt wegen Bauarbeiten seit 3 Wochen",
	"Die Stra\xC3\x9F" "e 2020 war voller Leute",
	"In der Hauptstra\xC3\x9F" "e 2020 war was los",
	"Rue de la Paix est la case la plus ch\xC3\xA8re du Monopoly, 400 euros",
	"Place Vend\xC3\xB4me 2 fois cette semaine",
	"Plaza Mayor 3 veces este mes jaja",
	"Calle Mayor 2 minutos andando",
	"La Via Appia 2 volte in bici",
	"Avenida Brasil 3 temporadas na Netflix",
	"Rua 2 vezes por semana",
	"Corso Como 10 Tipps, jetzt lesen",
	"Platz 2 bei den Olympischen Spielen",
	"Weg 3 von 5 ist geschafft",
	"Ring 2 ist die schwerste Runde",
	"Spring 3, London is lovely in April",
	"Offering 5 tickets for the show tonight",
	"String 4 broke during the concert",
	"Bring 2 friends and get in free",
	"Boxring 3 war heute ausverkauft",
	"Sackgasse 2 Mal falsch abgebogen",
	"Illustr. 5 zeigt das Modell",
	"Step 3: Road to the finals",
	"Lane 4 won the race in 52.3 seconds",
	"Drive 2 hours to get there",
	"Avenue 5 on HBO is hilarious",
	"Avenida 5 de Mayo parade today at 10:30",
	"Via 3 is closed due to works",
	"Plaza 2 at the mall has a new store",
	"Rua Augusta 1500 metros de pura emo\xC3\xA7\xC3\xA3o",
	"score was 3-1 at half time, 5-2 final",
	"Order #12345 shipped on 2021-11-30",
	"Tracking 1Z999AA10123456784 out for delivery",
	"The 405 freeway had 3 accidents",
	"Apollo 11 landed in 1969",
	"Season 2 Episode 5 was the best",
	"Vol 3 of the manga drops 12.05.",
	"Bayern M\xC3\xBCnchen 4 Hertha 0, Platz 1 bleibt",
	"Heute 3 Tore von Haaland, Platz 1 in der Liga",
	"Parc des Princes 2 buts en 5 minutes",
	"Ligue 1: Marseille 2 Nice 1",
	"Serie A: Napoli 3 Roma 1",
	"LaLiga: Sevilla 1 Valencia 1",
	"Eredivisie: PSV 4 Utrecht 0",
	"Brasileir\xC3\xA3o: Flamengo 2 Palmeiras 2",
	"Flamengo 2x1 Vasco, que jogo",
	"Gracias a Calle 13 por 20 a\xC3\xB1os de m\xC3\xBAsica",
	"Calle 13 en vivo 2024",
	"Via col vento 2 ore di film",
	"Viale del tramonto 1950 capolavoro",
	"Piazza Affari 2 per cento in rialzo",
	"Place du march\xC3\xA9 3 fois par semaine",
	"Route 1 down the coast, 10 stops",
	"US Route 101 road trip",
	"Highway 61 Revisited is a classic album",
	"Abbey Road 50th anniversary edition",
	"Penny Lane 2 covers in one night",
	"Sesame Street 50 years",
	"21 Jump Street is a funny movie",
	"Listening to 42nd Street soundtrack",
	"Electric Avenue 1983 hit song",
	"Album: 8 Mile Road, track 3",
	"My top 3: Baker Street, Penny Lane, Abbey Road",
	"Meet at 7, Cafe on the corner",
	"3 Plaza tickets still available",
	"Die Hauptstra\xC3\x9F" "e 12 Uhr gesperrt",
	"Kalverstraat 10 minuten lopen",
	"Calle Mayor 5 minutos de aqu\xC3\xAD",
	"Via Roma 10 minuti a piedi",
	"La Rambla 3 hores de cua",
	"Av. Paulista 5 km de corrida hoje",
	"Rua Augusta, 2 vezes por semana",
	"I owe you 20 bucks, via Venmo 2 hours ago",
	"Avenue Montaigne 2 fois, Avenue Foch 3 fois",
	"Place Pigalle 4 stars",
	"Corso Italia 2022 collection",
	"Via Veneto 1960 film",
	"Strada 2 is the new Fiat pickup",
	"Largo Winch 2 est sorti",
	"Alameda 3 points behind",
	"Camino Real 3 games won",
	"Route de Lausanne 10 km de bouchons",
};

/* Writes s as a JSON string (UTF-8 passes through). */
static void json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			putchar('\\');
		putchar(*s);
	}
	putchar('"');
}

/* template with "{}" replaced by addr */
static void fill(char *out, size_t cap, const char *tmpl, const char *addr)
{
	const char *p = strstr(tmpl, "{}");

	out[0] = '\0';
	if (!p || (size_t)(p - tmpl) + strlen(addr) + strlen(p + 2) + 1 > cap)
		abort();
	memcpy(out, tmpl, (size_t)(p - tmpl));
	out[p - tmpl] = '\0';
	cat(out, cap, addr);
	cat(out, cap, p + 2);
}

int main(int argc, char **argv)
{
	int per_set = 50, look = 0, i;
	size_t f, k;
	char addr[ADDR_MAX], text[TEXT_MAX];

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--lookalikes")) {
			look = 1;
		} else if (!strcmp(argv[i], "-n") && i + 1 < argc) {
			per_set = atoi(argv[++i]);
		} else {
			fprintf(stderr, "usage: gen_address_corpus [-n PER_SET] [--lookalikes]\n");
			return 2;
		}
	}
	if (look) {
		for (k = 0; k < N(lookalikes); k++) {
			printf("{\"set\":\"benign_address\",\"text\":");
			json_string(lookalikes[k]);
			printf(",\"expect\":[]}\n");
		}
		return 0;
	}
	for (f = 0; f < N(forms); f++) {
		for (i = 0; i < per_set; i++) {
			addr[0] = '\0';
			forms[f].make(addr);
			fill(text, sizeof(text),
			     forms[f].templates[pick((unsigned)forms[f].ntemplates)], addr);
			printf("{\"set\":\"%s\",\"text\":", forms[f].set);
			json_string(text);
			printf(",\"expect\":[{\"detector\":\"street_address\",\"match\":");
			json_string(addr);
			printf("}]}\n");
		}
	}
	return 0;
}
