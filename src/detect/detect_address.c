/*
 * detect_address.c - the `street_address` detector: the street addresses
 * people write in tweets, in the common forms of these countries:
 *
 *  - US, UK, Canada, Australia: a house number, street-name words and a
 *    street type ("1428 Elm Street", "221B Baker Street", "350 Fifth
 *    Avenue"), then an optional unit ("Apt 4B"), city and postcode
 *    (", IL 62704", "London SW1A 2AA", "Ottawa, ON K1A 0B1",
 *    "Sydney NSW 2000");
 *  - France, Belgium, Switzerland (French): the number, then the street
 *    type ("12 rue de la Paix, 75002 Paris", "5 bis avenue Victor Hugo"),
 *    or in Belgium the type first and the number last ("Rue de la Loi 16,
 *    1000 Bruxelles");
 *  - Germany, Austria, Switzerland, the Netherlands: a street name that
 *    ends in its type, then the number ("Hauptstraße 12, 10115 Berlin",
 *    "Musterweg 5a", "Berliner Str. 7", "Kalverstraat 92, 1012 PH
 *    Amsterdam");
 *  - Spain, Latin America, Italy, Portugal, Brazil: the type, the name,
 *    then the number ("Calle Mayor 5, 28013 Madrid", "C/ Alcalá 42, 3º
 *    izq", "Via Roma 10, 00184 Roma", "Av. Paulista, 1578", "Rua Augusta,
 *    1500 - São Paulo").
 *
 * An address needs a house number, so the scan stops only at digits and
 * looks at the words next to each number: the words before it for the
 * forms that put the number last, the words after it for the others. Each
 * look is bounded (a few words of at most MAX_WORD bytes), so the whole
 * scan is one pass over the text and never allocates.
 *
 * Precision comes from asking for the whole shape. A street type that is
 * also an ordinary word ("Via", "Place", "Plaza", "Rua", "Way", "Close")
 * needs more evidence: a unit, a city or postcode, a connector that
 * English does not use ("Via della Spiga 5"), a number marker ("n. 10"),
 * or a word like "address" or "lives" just before. Headlines and titles
 * are title case too ("5 Best Road Trips", a song called "10 Downtown
 * Road"), and a number followed by a unit ("Via Twitter 5 times", "Platz
 * 3") or that reads as a year is not a house number, unless a postcode
 * makes the address plain. Nor is a number that counts things named after
 * a street ("got 8 Abbey Road vinyls"): an address is followed by a comma,
 * a unit, a city, a preposition or a verb, a count by the plural noun it
 * counts.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

/* A function the compiler should not inline: one that the scan reaches
 * rarely, and that would only make the scan loop spill registers. */
#if defined(__GNUC__) || defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

#define MAX_WORDS 6
/* Longer "words" are not street names (and bound the backward looks). */
#define MAX_WORD 48
/* Words before a number-last house number: type, name words, connectors. */
#define MAX_BACK_WORDS 6

struct word {
	size_t s, e;
	int name; /* may be part of a street name (capitalised, 5th) */
};

enum strength { NOT_SUFFIX, WEAK, STRONG };

struct suffix {
	const char *w;
	enum strength st;
	int abbrev; /* may be followed by a '.' */
};

/* English street types, after the name (number first). */
static const struct suffix suffixes[] = {
	{ "street", STRONG, 0 }, { "st", STRONG, 1 }, { "avenue", STRONG, 0 },
	{ "ave", STRONG, 1 }, { "av", STRONG, 1 }, { "road", STRONG, 0 },
	{ "rd", STRONG, 1 }, { "boulevard", STRONG, 0 }, { "blvd", STRONG, 1 },
	{ "lane", STRONG, 0 }, { "ln", STRONG, 1 }, { "drive", STRONG, 0 },
	{ "dr", STRONG, 1 }, { "court", STRONG, 0 }, { "ct", STRONG, 1 },
	{ "parkway", STRONG, 0 }, { "pkwy", STRONG, 1 }, { "highway", STRONG, 0 },
	{ "hwy", STRONG, 1 }, { "terrace", STRONG, 0 }, { "ter", STRONG, 1 },
	{ "terr", STRONG, 1 }, { "crescent", STRONG, 0 }, { "cres", STRONG, 1 },
	{ "pl", STRONG, 1 }, { "sq", STRONG, 1 }, { "cir", STRONG, 1 },
	{ "gdns", STRONG, 1 }, { "expressway", STRONG, 0 }, { "expy", STRONG, 1 },
	{ "freeway", STRONG, 0 }, { "fwy", STRONG, 1 }, { "trl", STRONG, 1 },
	{ "aly", STRONG, 1 }, { "way", WEAK, 0 }, { "place", WEAK, 0 },
	{ "square", WEAK, 0 }, { "circle", WEAK, 0 }, { "close", WEAK, 0 },
	{ "gardens", WEAK, 0 }, { "grove", WEAK, 0 }, { "row", WEAK, 0 },
	{ "mews", WEAK, 0 }, { "walk", WEAK, 0 }, { "plaza", WEAK, 0 },
	{ "trail", WEAK, 0 }, { "alley", WEAK, 0 }, { "loop", WEAK, 0 },
	{ "pike", WEAK, 0 }, { NULL, NOT_SUFFIX, 0 },
};

/*
 * Street types written before the name, after a leading number ("12 Rue
 * de Rivoli", "12 rue de la Paix", "3 bd Saint-Michel").
 */
struct lead_type {
	const char *w;
	enum strength st; /* with a capitalised name but no connector */
	int lower;        /* may be written in lower case (French usage) */
};

/* c is a first letter of the types in first_types[] that may be written
 * in lower case ("abcefimpqrsv"): a quick test for the common lower-case
 * word. */
static inline int lower_type_initial(int c)
{
	switch (c) {
	case 'a': case 'b': case 'c': case 'e': case 'f': case 'i':
	case 'm': case 'p': case 'q': case 'r': case 's': case 'v':
		return 1;
	default:
		return 0;
	}
}

static const struct lead_type first_types[] = {
	{ "rue", STRONG, 1 }, { "chemin", STRONG, 1 }, { "allee", STRONG, 1 },
	{ "all\xC3\xA9" "e", STRONG, 1 }, { "impasse", STRONG, 1 },
	{ "quai", STRONG, 1 }, { "bd", STRONG, 1 }, { "bld", STRONG, 1 },
	{ "av", STRONG, 1 }, { "cit\xC3\xA9", STRONG, 1 },
	{ "ruelle", STRONG, 1 }, { "sentier", STRONG, 1 },
	{ "faubourg", STRONG, 1 }, { "chauss\xC3\xA9" "e", STRONG, 1 },
	{ "mont\xC3\xA9" "e", STRONG, 1 }, { "rond-point", STRONG, 1 },
	/* English words too: a connector ("Place de la Concorde"), "bis", a
	 * city or a postcode must confirm them ("5 Avenue Q tickets"). */
	{ "place", WEAK, 1 }, { "avenue", WEAK, 1 }, { "boulevard", WEAK, 1 },
	{ "plaza", WEAK, 0 }, { "route", WEAK, 1 }, { "cours", WEAK, 1 },
	{ "passage", WEAK, 1 }, { "square", WEAK, 1 }, { "villa", WEAK, 1 },
	{ "promenade", WEAK, 1 }, { "esplanade", WEAK, 1 },
	/* These countries put the number last ("Via Roma 10"); a number
	 * first is more often a count ("Gran Turismo 7 Calle Mayor"). */
	{ "via", WEAK, 0 }, { "calle", WEAK, 0 }, { "avenida", WEAK, 0 },
	{ "rua", WEAK, 0 }, { "viale", WEAK, 0 }, { "piazza", WEAK, 0 },
	{ "carrer", WEAK, 0 }, { "strada", WEAK, 0 },
	{ NULL, NOT_SUFFIX, 0 },
};

/*
 * Street types written before the name with the number last ("Calle
 * Mayor 5", "Via Roma, 10", "Rue Neuve 123", "Av. Paulista, 1578").
 * A comma before the number confirms the ones marked so (Brazil writes
 * "Rua Augusta, 1500").
 */
struct last_type {
	const char *w;
	enum strength st;
	int comma_confirms;
};

static const struct last_type last_types[] = {
	/* Spanish, Catalan */
	{ "calle", STRONG, 0 }, { "c/", STRONG, 0 }, { "avenida", STRONG, 0 },
	{ "avda.", STRONG, 0 }, { "avda", STRONG, 0 }, { "avd.", STRONG, 0 },
	{ "av.", STRONG, 0 }, { "paseo", STRONG, 0 }, { "p\xC2\xBA", STRONG, 0 },
	{ "carrer", STRONG, 0 }, { "avinguda", STRONG, 0 },
	{ "passeig", STRONG, 0 }, { "pla\xC3\xA7" "a", STRONG, 0 },
	{ "carretera", STRONG, 0 }, { "ctra.", STRONG, 0 },
	{ "traves\xC3\xAD" "a", STRONG, 0 }, { "glorieta", STRONG, 0 },
	{ "rambla", STRONG, 0 }, { "callej\xC3\xB3n", STRONG, 0 },
	{ "bulevar", STRONG, 0 },
	/* Italian */
	{ "viale", STRONG, 0 }, { "v.le", STRONG, 0 }, { "piazza", STRONG, 0 },
	{ "p.za", STRONG, 0 }, { "piazzale", STRONG, 0 }, { "p.le", STRONG, 0 },
	{ "vicolo", STRONG, 0 }, { "lungomare", STRONG, 0 },
	{ "lungotevere", STRONG, 0 }, { "c.so", STRONG, 0 },
	/* Portuguese */
	{ "travessa", STRONG, 0 }, { "pra\xC3\xA7" "a", STRONG, 0 },
	{ "alameda", STRONG, 0 }, { "ladeira", STRONG, 0 },
	{ "cal\xC3\xA7" "ada", STRONG, 0 }, { "rodovia", STRONG, 0 },
	/* French (Belgium, Switzerland) */
	{ "rue", STRONG, 0 }, { "chauss\xC3\xA9" "e", STRONG, 0 },
	{ "chemin", STRONG, 0 }, { "quai", STRONG, 0 }, { "impasse", STRONG, 0 },
	/* Also ordinary words, names or English: need more evidence. */
	{ "via", WEAK, 0 }, { "v\xC3\xAD" "a", WEAK, 0 }, { "rua", WEAK, 1 },
	{ "place", WEAK, 0 }, { "plaza", WEAK, 0 }, { "avenue", WEAK, 0 },
	{ "boulevard", WEAK, 0 }, { "av", WEAK, 1 }, { "largo", WEAK, 0 },
	{ "strada", WEAK, 0 }, { "camino", WEAK, 0 }, { "ronda", WEAK, 0 },
	{ "estrada", WEAK, 0 }, { "corso", WEAK, 0 }, { "borgo", WEAK, 0 },
	{ "route", WEAK, 0 }, { "all\xC3\xA9" "e", WEAK, 0 },
	{ "pza.", WEAK, 0 }, { "beco", WEAK, 0 },
	{ NULL, NOT_SUFFIX, 0 },
};

/*
 * German and Dutch street names end in their type ("Hauptstraße",
 * "Kalverstraat"). A compound needs a stem of at least MIN_STEM letters,
 * so that "Platz 3" (third place) or "Weg" alone is not a street. Endings
 * that English words share ("spring", "string") are weak.
 */
#define MIN_STEM 3

struct compound {
	const char *w;
	size_t n; /* strlen(w) */
	enum strength st;
	int lower; /* "hauptstraße 12" in a lower-case tweet */
};

#define C(w) w, sizeof(w) - 1
static const struct compound compounds[] = {
	{ C("stra\xC3\x9F" "e"), STRONG, 1 }, { C("strasse"), STRONG, 1 },
	{ C("str."), STRONG, 0 }, { C("straat"), STRONG, 1 },
	{ C("gracht"), STRONG, 1 }, { C("laan"), STRONG, 0 },
	{ C("weg"), STRONG, 0 }, { C("plein"), STRONG, 0 },
	{ C("kade"), STRONG, 0 }, { C("singel"), STRONG, 0 },
	{ C("dijk"), STRONG, 0 }, { C("steeg"), STRONG, 0 },
	{ C("dreef"), STRONG, 0 }, { C("allee"), STRONG, 0 },
	{ C("gasse"), STRONG, 0 }, { C("platz"), STRONG, 0 },
	{ C("damm"), STRONG, 0 }, { C("ufer"), STRONG, 0 },
	{ C("chaussee"), STRONG, 0 }, { C("quai"), STRONG, 0 },
	{ C("ring"), WEAK, 0 }, { C("markt"), WEAK, 0 },
	{ C("steig"), WEAK, 0 }, { NULL, 0, NOT_SUFFIX, 0 },
};

/* Compounds that are ordinary nouns, not streets ("auf Tabellenplatz 3",
 * "Parkplatz 2", "Abb. Illustr. 5"). */
static const char *const not_streets[] = {
	"tabellenplatz", "parkplatz", "sitzplatz", "startplatz", "stellplatz",
	"arbeitsplatz", "spielplatz", "listenplatz", "stehplatz",
	"campingplatz", "sportplatz", "tennisplatz", "golfplatz",
	"studienplatz", "ausbildungsplatz", "podestplatz", "rangplatz",
	"illustr.", "instr.", "constr.", "demonstr.", "registr.", "orchestr.",
	"ministr.", "administr.", "sackgasse", "ausweg", "umweg", "heimweg",
	"r\xC3\xBC" "ckweg", "staudamm", "boxring", NULL,
};

/* Types written as a word of their own after an adjective ("Berliner
 * Straße 7", "Potsdamer Platz 1", "Frankfurter Allee 5"). */
static const char *const separate_types[] = {
	"stra\xC3\x9F" "e", "strasse", "str.", "allee", "platz", "weg", "ring",
	"damm", "gasse", "ufer", "chaussee", "markt", NULL,
};
/* Adjectives that are not street names ("Der Weg 3", "Dieser Platz 2"). */
static const char *const not_adjectives[] = {
	"der", "aber", "oder", "jeder", "dieser", "meiner", "deiner",
	"seiner", "unser", "euer", "einer", "keiner", "immer", "wieder",
	"hier", "unter", "hinter", "unsere", "eure", "meine", "deine",
	"seine", "ihre", "keine", "jede", "diese", "andere", "eine",
	"welcher", "anderer", "neuer", "bester", "erster", "zweiter",
	"dritter", "letzter", NULL,
};

/* Street types written first ("Rue de Rivoli") that are also English
 * suffixes need a connector word ("Avenue of the Americas"). */
static const char *const connectors[] = {
	"de", "du", "des", "la", "le", "les", "del", "della", "delle", "dei",
	"degli", "dello", "di", "da", "do", "dos", "das", "of", "the", "y",
	"e", "i", "los", "las", "el", "van", "der", "den", "au", "aux", NULL,
};
/* Connectors that English does not use, so they confirm a street type
 * that is also an English word ("Via della Spiga", not "via the M25"). */
static const char *const romance_connectors[] = {
	"de", "du", "des", "del", "della", "delle", "dei", "degli", "dello",
	"di", "da", "do", "dos", "das", "los", "las", "au", "aux", NULL,
};

static const char *const unit_words[] = {
	"apt", "apartment", "suite", "ste", "unit", "flat", "fl", "floor",
	"room", "rm", NULL,
};
/* Units after a number-last house number: Spanish floors and doors,
 * Italian staircases, Portuguese flats, Belgian letter boxes... */
static const char *const unit_words_intl[] = {
	"apt", "apartment", "suite", "unit", "flat", "piso", "planta", "apto",
	"ap", "apartamento", "depto", "dpto", "departamento", "int", "interno",
	"scala", "sc", "esc", "escalera", "puerta", "pta", "bloco", "bloque",
	"casa", "sala", "andar", "bte", "bus", "whg", "lokal", "local", "portal",
	NULL,
};
/* Spanish floor ordinals: "3º izq", "2º B", "1º 2ª". */
static const char *const floor_sides[] = {
	"izq", "izda", "izquierda", "dcha", "dch", "der", "derecha", "centro",
	"ctro", "int", "ext", "interior", "exterior", NULL,
};

/* Markers of a house number: "n. 10", "nº 10", "Nr. 5", "núm. 42". */
static const char *const number_markers[] = {
	"n.", "n\xC2\xBA", "n\xC2\xB0", "n.\xC2\xBA", "n.\xC2\xB0", "nr.", "nr",
	"n\xC3\xBA" "m.", "num.", "nro.", "no.", "n\xC3\xBA" "mero", "numero",
	"civico", NULL,
};

static const char *const states[] = {
	"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID",
	"IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS",
	"MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
	"OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
	"WI", "WY", "DC", "PR", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU",
	"ON", "PE", "QC", "SK", "YT", NULL,
};
/* Australian states, always followed by a 4-digit postcode. */
static const char *const au_states[] = {
	"NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT", NULL,
};

/* Words that make the following number something other than a house
 * number ("Top 10", "Chapter 11"). */
static const char *const count_words[] = {
	"top", "best", "chapter", "page", "episode", "season", "vol",
	"volume", "part", "step", "rule", "day", "week", "level", "game",
	"round", "act", "scene", "lesson", "tip", "reason", "ways", "things",
	NULL,
};
static const char *const year_words[] = {
	"in", "since", "until", "till", "circa", "during", "year", "by",
	"from", "before", "after", "the", NULL,
};
/* Words after a number that make it a count, a time or an amount. */
static const char *const unit_after[] = {
	"times", "time", "minutes", "minute", "mins", "min", "hours", "hour",
	"hrs", "hr", "h", "days", "weeks", "months", "years", "yrs", "people",
	"points", "pts", "goals", "votes", "likes", "followers", "retweets",
	"rts", "views", "tickets", "km", "mi", "miles", "m", "kg", "lbs",
	"euro", "euros", "eur", "usd", "dollars", "pounds", "gbp", "am", "pm",
	"x", "stars", "percent", "songs", "tracks", "of", "mal", "minuten",
	"stunden", "tage", "tagen", "wochen", "monate", "monaten", "jahre",
	"jahren", "uhr", "tore", "punkte", "leute", "personen", "prozent",
	"meter", "std", "veces", "vezes", "volte", "minutos", "minuti", "horas",
	"ore", "d\xC3\xAD" "as", "dias", "giorni", "semanas", "settimane",
	"meses", "mesi", "a\xC3\xB1" "os", "anos", "anni", "personas",
	"pessoas", "persone", "goles", "gols", "puntos", "pontos", "punti",
	"reais", "pesos", "metros", "metri", "fois", "heures", "jours", "ans",
	"semaines", "mois", "personnes", "buts", "keer", "uur", "dagen", "jaar",
	"jaren", "mensen", "punten", "doelpunten", "plays", "streams", "per",
	"por", "pour", "seasons", "season", "episodes", "temporadas",
	"temporada", "episodios", "epis\xC3\xB3" "dios", "cap\xC3\xAD" "tulos",
	"stagioni", "puntate", "saisons", "staffeln", "folgen", NULL,
};
static const char *const address_words[] = {
	"address", "addr", "lives", "live", "living", "lived", "located",
	"house", "home", "apartment", "flat", "moved", "staying", "stays",
	"at", "adresse", "wohnt", "wohne", "wohnen", "anschrift", "habite",
	"domicile", "direcci\xC3\xB3n", "direccion", "domicilio", "vive",
	"vivo", "indirizzo", "abita", "abito", "residenza", "endere\xC3\xA7o",
	"endereco", "mora", "moro", "adres", "woont", "woon", NULL,
};
/* Words before a match that make it a title ("listening to 10 Downtown
 * Road", "tickets for Avenue Q"). */
static const char *const title_words[] = {
	"song", "songs", "album", "track", "listening", "playing",
	"nowplaying", "single", "film", "movie", "novel", "titled", "episode",
	"mixtape", "lyrics", "remix", "ep", "lp", NULL,
};
/* Words soon after a match that make it a title ("21 Jump Street is a
 * great movie"). */
static const char *const title_after[] = {
	"movie", "film", "song", "album", "soundtrack", "series", "episode",
	"trailer", "lyrics", "remix", "tickets", NULL,
};
/*
 * A number can count things named after a street rather than give a house
 * number ("got 8 Abbey Road vinyls", "12 Sesame Street plushies"). An
 * address is followed by a comma, a unit, a city or postcode, the end of
 * the sentence, a preposition, a time word or a verb ("12 Park Avenue is
 * her flat"); a count is followed by the plural noun it counts, straight
 * after the street name, with no punctuation between.
 *
 * Plural nouns of media and merchandise, the things that are named after
 * streets, make a count on their own.
 */
static const char *const counted_things[] = {
	"vinyls", "lps", "cds", "dvds", "cassettes", "editions", "pressings",
	"reissues", "boxsets", "albums", "singles", "songs", "remixes",
	"demos", "bootlegs", "versions", "episodes", "seasons", "reruns",
	"rewatches", "sequels", "screenings", "tickets", "gigs", "concerts",
	"performances", "videos", "memes", "gifs", "posters", "shirts", "tees",
	"hoodies", "mugs", "plushies", "plushes", "toys", "figurines",
	"stickers", "badges", "magnets", "keyrings", "replicas", "playsets",
	"kits", NULL,
};
/* The same, but also verbs ("the studio at 3 Abbey Road records on
 * Sundays"): a count unless an address word comes before the number. */
static const char *const counted_or_verb[] = {
	"shows", "records", "covers", "tracks", "streams", "plays", "prints",
	"mixes", "edits", "sets", "models", "figures", "reviews", "copies",
	"repeats", "tapes", "clips", NULL,
};
/* Verbs of having, getting, buying, watching or selling just before the
 * number, and "x" ("x 3"), make any plural noun after the street a count
 * ("bought 3 Baker Street souvenirs"); with nothing after, the number
 * stays a house number ("we bought 14 Maple Street"). */
static const char *const count_verbs[] = {
	"got", "get", "gets", "getting", "have", "has", "had", "having", "own",
	"owns", "owned", "bought", "buy", "buys", "buying", "sold", "sell",
	"sells", "selling", "watched", "watch", "watching", "rewatched",
	"streamed", "collected", "collect", "collecting", "ordered", "order",
	"won", "x", NULL,
};
/* Words ending in "s" after an address that are not plural things: time
 * words ("bought 8 Abbey Road years ago"), adverbs and verbs. */
static const char *const not_plural_things[] = {
	"years", "months", "weeks", "days", "hours", "minutes", "decades",
	"ages", "nights", "mornings", "evenings", "weekends", "always",
	"perhaps", "sometimes", "besides", "towards", "afterwards", "upstairs",
	"downstairs", "indoors", "outdoors", "whereas", "does", "goes", "gets",
	"looks", "seems", "needs", "means", "costs", NULL,
};

/* Capitalised words that do not start a city. */
static const char *const not_city[] = {
	"i", "but", "and", "or", "so", "the", "it", "we", "he", "she",
	"they", "you", "this", "that", "if", "then", "lol", "my", "our",
	"his", "her", "their", "your", "a", "an", "is", "was", "y", "e",
	"und", "et", "pero", "ma", "mas", "aber", "en", "na", "no", "em",
	"in", "im", "at", "on", NULL,
};
static const char *const city_connectors[] = {
	"de", "del", "da", "do", "di", "am", "an", "der", "im", "sur", "en",
	"la", "le", "les", "los", "las", "aan", "den", "upon", NULL,
};

/* [a, a + n) is the word w, ignoring ASCII case. The lists are written
 * in lower case. */
static inline int word_is(const char *s, size_t a, size_t n, const char *w)
{
	size_t k;

	if ((unsigned char)w[0] != lp_to_lower((unsigned char)s[a]))
		return 0;
	for (k = 1; k < n && (unsigned char)w[k] == lp_to_lower((unsigned char)s[a + k]);
	     k++)
		;
	return k == n && w[k] == '\0';
}

/* The word lists, searched by in_list. */
enum list {
	L_SUFFIXES, L_FIRST_TYPES, L_LAST_TYPES, L_COMPOUNDS, L_NOT_STREETS,
	L_SEPARATE_TYPES, L_NOT_ADJECTIVES, L_CONNECTORS, L_ROMANCE_CONNECTORS,
	L_UNIT_WORDS, L_UNIT_WORDS_INTL, L_FLOOR_SIDES, L_NUMBER_MARKERS,
	L_COUNT_WORDS, L_YEAR_WORDS, L_UNIT_AFTER, L_ADDRESS_WORDS,
	L_TITLE_WORDS, L_TITLE_AFTER, L_COUNTED_THINGS, L_COUNTED_OR_VERB,
	L_COUNT_VERBS, L_NOT_PLURAL_THINGS, L_NOT_CITY, L_CITY_CONNECTORS,
	L_COUNT
};

/* A list: an array of entries that each begin with their word (a plain
 * list of strings, or structures whose first member is the word), ended
 * by a NULL word. */
struct list_def {
	const void *entries;
	size_t size;  /* of an entry */
	size_t count; /* entries before the NULL one */
};
#define ENTRIES(a) (sizeof(a) / sizeof((a)[0]) - 1)
#define LIST(a) { a, sizeof((a)[0]), ENTRIES(a) }

static const struct list_def lists[L_COUNT] = {
	[L_SUFFIXES] = LIST(suffixes),
	[L_FIRST_TYPES] = LIST(first_types),
	[L_LAST_TYPES] = LIST(last_types),
	[L_COMPOUNDS] = LIST(compounds),
	[L_NOT_STREETS] = LIST(not_streets),
	[L_SEPARATE_TYPES] = LIST(separate_types),
	[L_NOT_ADJECTIVES] = LIST(not_adjectives),
	[L_CONNECTORS] = LIST(connectors),
	[L_ROMANCE_CONNECTORS] = LIST(romance_connectors),
	[L_UNIT_WORDS] = LIST(unit_words),
	[L_UNIT_WORDS_INTL] = LIST(unit_words_intl),
	[L_FLOOR_SIDES] = LIST(floor_sides),
	[L_NUMBER_MARKERS] = LIST(number_markers),
	[L_COUNT_WORDS] = LIST(count_words),
	[L_YEAR_WORDS] = LIST(year_words),
	[L_UNIT_AFTER] = LIST(unit_after),
	[L_ADDRESS_WORDS] = LIST(address_words),
	[L_TITLE_WORDS] = LIST(title_words),
	[L_TITLE_AFTER] = LIST(title_after),
	[L_COUNTED_THINGS] = LIST(counted_things),
	[L_COUNTED_OR_VERB] = LIST(counted_or_verb),
	[L_COUNT_VERBS] = LIST(count_verbs),
	[L_NOT_PLURAL_THINGS] = LIST(not_plural_things),
	[L_NOT_CITY] = LIST(not_city),
	[L_CITY_CONNECTORS] = LIST(city_connectors),
};

/* The word of entry k of list l. */
static inline const char *list_word(enum list l, size_t k)
{
	return *(const char *const *)((const char *)lists[l].entries + k * lists[l].size);
}

/* The first entry of list l whose word is [a, a + n), ignoring ASCII
 * case, or -1. */
static int find_word(enum list l, const char *s, size_t a, size_t n)
{
	size_t k;

	for (k = 0; k < lists[l].count; k++) {
		if (word_is(s, a, n, list_word(l, k)))
			return (int)k;
	}
	return -1;
}

/* [a, b) is one of the words of list l, ignoring ASCII case. */
static inline int in_list(const char *s, size_t a, size_t b, enum list l)
{
	return a < b && b - a <= MAX_WORD && find_word(l, s, a, b - a) >= 0;
}

/* lp_ci_prefix for a word (a literal) that is not empty and has no
 * upper-case letter, so that its bytes are compared as they are. */
static inline int ci_prefix(const char *s, size_t len, size_t pos, const char *word)
{
	size_t k;

	/* Nearly every place asked about fails on the first byte. */
	if (pos >= len || lp_to_lower((unsigned char)s[pos]) != (unsigned char)word[0])
		return 0;
	for (k = 1; word[k]; k++) {
		if (pos + k >= len ||
		    lp_to_lower((unsigned char)s[pos + k]) != (unsigned char)word[k])
			return 0;
	}
	return 1;
}

/* lp_word_at, with an ASCII byte answered inline. */
static inline int word_at(const char *s, size_t len, size_t pos)
{
	unsigned char c = lp_at(s, len, pos);

	return c < 0x80 ? lp_is_alnum(c) || c == '_' : lp_word_at(s, len, pos);
}

/* A lower-case Latin letter with an accent ("à", "é", "ł"): not the
 * start of a name. Latin Extended-A alternates capital and small. */
static int cp_lower_latin(uint32_t cp)
{
	return (cp >= 0xDF && cp <= 0xFF && cp != 0xF7) ||
	       (cp >= 0x100 && cp <= 0x17F && (cp & 1));
}

/* The letter at a may start a name: a capital, or a letter of another
 * script, or an accented capital ("Évry", "Øster"). */
static int cap_at(const char *s, size_t a)
{
	unsigned char c = (unsigned char)s[a];
	size_t n;

	if (c < 0x80)
		return lp_is_upper(c);
	return !cp_lower_latin(lp_cp_at(s, a + 4, a, &n));
}

/* The end of a word of letters (any script), apostrophes and hyphens. */
static size_t letters_end(const char *s, size_t len, size_t i)
{
	size_t n;

	if (i >= len)
		return i;
	for (;;) {
		unsigned char c;
		uint32_t cp;

		/* ASCII letters, nearly every byte (the NUL after the text
		 * stops this, as any byte that is not a letter). */
		while (lp_is_alpha((unsigned char)s[i]))
			i++;
		c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c != '\'' && c != '-')
				break;
			i++;
			continue;
		}
		cp = lp_cp_at(s, len, i, &n);
		if (!lp_cp_is_letter(cp) && cp != 0x2019)
			break;
		i += n;
	}
	return i;
}

/* "l'Université", "d'Orsay", "dell'Indipendenza": an elided article glued
 * to a name is a name. */
static inline int elided_name(const char *s, size_t a, size_t b)
{
	size_t k;

	for (k = a; k < b && k - a < 5 && lp_is_lower((unsigned char)s[k]); k++)
		;
	if (k == a || k >= b)
		return 0;
	if (s[k] == '\'' && k + 1 < b)
		return cap_at(s, k + 1);
	if ((unsigned char)s[k] == 0xE2 && k + 3 < b &&
	    (unsigned char)s[k + 1] == 0x80 && (unsigned char)s[k + 2] == 0x99)
		return cap_at(s, k + 3);
	return 0;
}

/* Parses a word at i: letters starting with a capital or another
 * script's letter, or an ordinal (5th, 42nd). */
static int parse_word(const char *s, size_t len, size_t i, struct word *w)
{
	size_t e, n;
	unsigned char c = lp_at(s, len, i);

	w->s = i;
	w->name = 0;
	if (lp_is_digit(c)) {
		e = i;
		while (e < len && lp_is_digit((unsigned char)s[e]) && e - i < 3)
			e++;
		if (ci_prefix(s, len, e, "st") || ci_prefix(s, len, e, "nd") ||
		    ci_prefix(s, len, e, "rd") || ci_prefix(s, len, e, "th")) {
			e += 2;
			if (!word_at(s, len, e)) {
				w->e = e;
				w->name = 1;
				return 1;
			}
		}
		return 0;
	}
	/* A letter: an ASCII byte is answered inline (and the NUL at len is
	 * none). */
	if (c < 0x80 ? !lp_is_alpha(c) : !lp_cp_is_letter(lp_cp_at(s, len, i, &n)))
		return 0;
	e = letters_end(s, len, i);
	if (e == i || lp_is_digit(lp_at(s, len, e)))
		return 0;
	w->e = e;
	w->name = cap_at(s, i) || elided_name(s, i, e);
	return 1;
}

static enum strength suffix_of(const char *s, const struct word *w, int *abbrev)
{
	int k;

	if (!lp_is_upper((unsigned char)s[w->s]) ||
	    (k = find_word(L_SUFFIXES, s, w->s, w->e - w->s)) < 0)
		return NOT_SUFFIX;
	*abbrev = suffixes[k].abbrev;
	return suffixes[k].st;
}

static const struct lead_type *first_type_of(const char *s, const struct word *w)
{
	int k = find_word(L_FIRST_TYPES, s, w->s, w->e - w->s);

	if (k < 0 || (!lp_is_upper((unsigned char)s[w->s]) && !first_types[k].lower))
		return NULL;
	return &first_types[k];
}

/* A house number at i: 1-5 digits not starting with 0, optionally one
 * letter (221B) or a French "bis"/"ter" (12bis), then a space. The scan
 * has checked the digits, found their end e, and checked that the
 * number is not glued to the punctuation of a longer number or token
 * ("12:30", "$5", "/status/1": number_first_may()). Returns the offset of
 * the space, or 0. */
static size_t house_number(const char *s, size_t len, size_t e, int *bis)
{
	*bis = 0;
	if (s[e] == ' ')
		return e;
	if ((ci_prefix(s, len, e, "bis") || ci_prefix(s, len, e, "ter")) &&
	    lp_at(s, len, e + 3) == ' ') {
		*bis = 1;
		return e + 3;
	}
	if (lp_is_alpha(lp_at(s, len, e)) && lp_at(s, len, e + 1) == ' ')
		return e + 1;
	return 0;
}

/* An ordinal may start at the digit at i: 1-3 digits, then "st", "nd",
 * "rd" or "th" (s is NUL-terminated, so the digits stop at its end). */
static inline int ordinal_may_start(const char *s, size_t i)
{
	size_t k = i + 1;

	while (k < i + 3 && lp_is_digit((unsigned char)s[k]))
		k++;
	switch (lp_to_lower((unsigned char)s[k])) {
	case 's': case 'n': case 'r': case 't':
		return 1;
	default:
		return 0;
	}
}

/* The first word of a number-first street may start at i: a capital, a
 * digit (42nd), a letter of another script, or a lower-case letter that
 * may begin a French street type ("rue") or an elided name
 * ("l'Avenue"). Most numbers are followed by a lower-case word, and this
 * turns them away before any word is parsed. */
static int street_may_start(const char *s, size_t len, size_t i)
{
	unsigned char c = lp_at(s, len, i);
	size_t k;

	if (lp_is_digit(c))
		return ordinal_may_start(s, i);
	if (!lp_is_lower(c))
		return lp_is_upper(c) || c >= 0x80;
	if (lower_type_initial(c))
		return 1;
	for (k = i; k < len && k - i < 5 && lp_is_lower((unsigned char)s[k]); k++)
		;
	return lp_at(s, len, k) == '\'' || lp_at(s, len, k) == 0xE2;
}

/* The word before pos (skipping spaces), as [*a, *b); 0 if none. */
static int word_before(const char *s, size_t pos, size_t *a, size_t *b)
{
	size_t e = pos;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	*b = e;
	while (e > 0 && (lp_is_alpha((unsigned char)s[e - 1]) || s[e - 1] == '#'))
		e--;
	*a = e;
	return *a < *b;
}

static int number_is_count(const char *s, size_t len, size_t num, size_t num_end)
{
	size_t a, b, v = 0, i;

	if (!word_before(s, num, &a, &b))
		return 0;
	if (in_list(s, a, b, L_COUNT_WORDS) || (b - a == 1 && s[a] == '#'))
		return 1;
	for (i = num; i < num_end && lp_is_digit(lp_at(s, len, i)); i++)
		v = v * 10 + (size_t)(s[i] - '0');
	return i - num == 4 && v >= 1800 && v <= 2099 &&
	       in_list(s, a, b, L_YEAR_WORDS);
}

/* A unit after the street: "Apt 4B", "Suite 200", "#12". Returns its end
 * or 0. */
static size_t parse_unit(const char *s, size_t len, size_t i)
{
	size_t e, id;
	struct word w;

	if (lp_at(s, len, i) == '#') {
		id = i + 1;
	} else {
		if (!lp_is_alpha(lp_at(s, len, i)))
			return 0;
		if (!parse_word(s, len, i, &w) || !in_list(s, w.s, w.e, L_UNIT_WORDS))
			return 0;
		e = w.e;
		if (lp_at(s, len, e) == '.')
			e++;
		if (lp_at(s, len, e) == ' ')
			e++;
		if (lp_at(s, len, e) == '#')
			e++;
		id = e;
	}
	e = id;
	while (e < len && lp_is_alnum((unsigned char)s[e]) && e - id < 6)
		e++;
	if (e == id || word_at(s, len, e))
		return 0;
	/* "Apt B" is a unit, "Apt Building" is not. */
	if (e - id > 1 && !lp_is_digit((unsigned char)s[id]))
		return 0;
	return e;
}

/* "º", "ª" or "°" at i (an ordinal indicator); returns its length. */
static size_t ordinal_mark(const char *s, size_t len, size_t i)
{
	if (lp_at(s, len, i) == 0xC2 &&
	    lp_in_set(lp_at(s, len, i + 1), "\xBA\xAA\xB0"))
		return 2;
	return 0;
}

/* A Spanish floor: "3º", "3.º", "2ª", optionally a side or door ("3º
 * izq", "2º B", "1º 2ª"). Returns its end or 0. */
static size_t parse_floor(const char *s, size_t len, size_t i)
{
	size_t e = i, k, m;
	struct word w;

	while (e < len && lp_is_digit((unsigned char)s[e]) && e - i < 2)
		e++;
	if (e == i)
		return 0;
	if (lp_at(s, len, e) == '.')
		e++;
	if (!(m = ordinal_mark(s, len, e)))
		return 0;
	e += m;
	if (lp_at(s, len, e) != ' ')
		return e;
	k = e + 1;
	if (lp_is_upper(lp_at(s, len, k)) && !word_at(s, len, k + 1))
		return k + 1;
	if (lp_is_digit(lp_at(s, len, k)) && (m = ordinal_mark(s, len, k + 1)))
		return k + 1 + m;
	if (parse_word(s, len, k, &w) && in_list(s, w.s, w.e, L_FLOOR_SIDES))
		return lp_at(s, len, w.e) == '.' ? w.e + 1 : w.e;
	return e;
}

/* A unit after a number-last house number: a floor ("3º izq"), a word
 * and a number or letter ("piso 3", "apto 12", "bus 3", "int. 5"). */
static size_t parse_unit_intl(const char *s, size_t len, size_t i)
{
	size_t e, id;
	struct word w;

	if ((e = parse_floor(s, len, i)) != 0)
		return e;
	if (!lp_is_alpha(lp_at(s, len, i)))
		return 0;
	if (!parse_word(s, len, i, &w) || !in_list(s, w.s, w.e, L_UNIT_WORDS_INTL))
		return 0;
	e = w.e;
	if (lp_at(s, len, e) == '.')
		e++;
	if (lp_at(s, len, e) == ' ')
		e++;
	id = e;
	while (e < len && lp_is_alnum((unsigned char)s[e]) && e - id < 5)
		e++;
	if (e == id)
		return 0;
	e += ordinal_mark(s, len, e);
	if (word_at(s, len, e))
		return 0;
	if (e - id > 1 && !lp_is_digit((unsigned char)s[id]))
		return 0;
	return e;
}

static int is_state(const char *s, size_t len, size_t i)
{
	size_t k;

	if (!lp_is_upper(lp_at(s, len, i)) || !lp_is_upper(lp_at(s, len, i + 1)) ||
	    word_at(s, len, i + 2))
		return 0;
	for (k = 0; states[k]; k++) {
		if (s[i] == states[k][0] && s[i + 1] == states[k][1])
			return 1;
	}
	return 0;
}

/* The end of an Australian state at i, or 0. */
static size_t au_state(const char *s, size_t len, size_t i)
{
	size_t k, n;

	if (!lp_is_upper(lp_at(s, len, i)))
		return 0;
	for (k = 0; au_states[k]; k++) {
		for (n = 0; au_states[k][n] && lp_at(s, len, i + n) == au_states[k][n]; n++)
			;
		if (!au_states[k][n] && !word_at(s, len, i + n))
			return i + n;
	}
	return 0;
}

/* n digits at i, ending there; returns the end or 0. */
static size_t digits_n(const char *s, size_t len, size_t i, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++) {
		if (!lp_is_digit(lp_at(s, len, i + k)))
			return 0;
	}
	return lp_num_end_ok(s, len, i + n) ? i + n : 0;
}

/* A US ZIP code (12345 or 12345-6789) at i; returns its end or 0. */
static size_t parse_zip(const char *s, size_t len, size_t i)
{
	size_t k;

	for (k = 0; k < 5; k++) {
		if (!lp_is_digit(lp_at(s, len, i + k)))
			return 0;
	}
	if (lp_at(s, len, i + 5) == '-') {
		for (k = 6; k < 10; k++) {
			if (!lp_is_digit(lp_at(s, len, i + k)))
				break;
		}
		if (k == 10 && lp_num_end_ok(s, len, i + 10))
			return i + 10;
	}
	return lp_num_end_ok(s, len, i + 5) ? i + 5 : 0;
}

/* A UK postcode (SW1A 2AA, M1 1AE, B33 8TH) at i; returns its end or 0. */
static size_t parse_postcode(const char *s, size_t len, size_t i)
{
	size_t e = i;

	if (!lp_is_upper(lp_at(s, len, e)))
		return 0;
	e++;
	if (lp_is_upper(lp_at(s, len, e)))
		e++;
	if (!lp_is_digit(lp_at(s, len, e)))
		return 0;
	e++;
	if (lp_is_digit(lp_at(s, len, e)) || lp_is_upper(lp_at(s, len, e)))
		e++;
	if (lp_at(s, len, e) == ' ')
		e++;
	if (!lp_is_digit(lp_at(s, len, e)) || !lp_is_upper(lp_at(s, len, e + 1)) ||
	    !lp_is_upper(lp_at(s, len, e + 2)) || word_at(s, len, e + 3))
		return 0;
	return e + 3;
}

/* A Canadian postcode (K1A 0B1, M5V 3L9) at i; returns its end or 0. */
static size_t parse_ca_postcode(const char *s, size_t len, size_t i)
{
	static const char first[] = "ABCEGHJKLMNPRSTVXY";
	static const char rest[] = "ABCEGHJKLMNPRSTVWXYZ";
	size_t e = i;

	if (!lp_is_digit(lp_at(s, len, e + 1)) || !lp_in_set(lp_at(s, len, e), first) ||
	    !lp_in_set(lp_at(s, len, e + 2), rest))
		return 0;
	e += 3;
	if (lp_at(s, len, e) == ' ')
		e++;
	if (!lp_is_digit(lp_at(s, len, e)) || !lp_in_set(lp_at(s, len, e + 1), rest) ||
	    !lp_is_digit(lp_at(s, len, e + 2)) || word_at(s, len, e + 3))
		return 0;
	return e + 3;
}

/* Capitalised city words at i ("Paris", "São Paulo", "Rio de Janeiro",
 * "Frankfurt am Main"); returns the end or 0. */
static size_t city_words(const char *s, size_t len, size_t i)
{
	size_t e = i, end = 0;
	struct word w;
	int words = 0;

	while (words < 4 && parse_word(s, len, e, &w) &&
	       !lp_is_digit((unsigned char)s[w.s])) {
		if (!w.name) {
			/* A connector inside a name, followed by a name. */
			struct word nx;

			if (!words || !in_list(s, w.s, w.e, L_CITY_CONNECTORS) ||
			    lp_at(s, len, w.e) != ' ' ||
			    !parse_word(s, len, w.e + 1, &nx) || !nx.name)
				break;
		} else if (words == 0 && in_list(s, w.s, w.e, L_NOT_CITY)) {
			return 0;
		} else if (words > 0 && (is_state(s, len, w.s) || au_state(s, len, w.s))) {
			break;
		} else {
			end = w.e;
		}
		words++;
		if (lp_at(s, len, w.e) != ' ')
			break;
		e = w.e + 1;
	}
	return end;
}

/*
 * A European postcode first, then the city: "75002 Paris", "1000
 * Bruxelles", "1012 PH Amsterdam", "4050-262 Porto", "00184 Roma (RM)";
 * a Brazilian CEP ("01310-100") may stand alone. Returns the end or 0.
 */
static size_t parse_eu_postcode(const char *s, size_t len, size_t i)
{
	size_t e = i, n, r;
	int dutch = 0;

	while (e < len && lp_is_digit((unsigned char)s[e]) && e - i < 6)
		e++;
	n = e - i;
	if ((n != 4 && n != 5) || (n == 4 && s[i] == '0') || !lp_num_start_ok(s, len, i))
		return 0;
	if (lp_at(s, len, e) == '-' && digits_n(s, len, e + 1, 3)) {
		/* Portugal 1234-567, Brazil 01310-100. */
		e += 4;
		if (n == 5)
			goto city;
	} else if (n == 4) {
		/* The Netherlands: 1012 PH, 1012PH (not SA, SD, SS). */
		size_t k = lp_at(s, len, e) == ' ' ? e + 1 : e;

		if (lp_is_upper(lp_at(s, len, k)) && lp_is_upper(lp_at(s, len, k + 1)) &&
		    !word_at(s, len, k + 2) &&
		    !(s[k] == 'S' && lp_in_set((unsigned char)s[k + 1], "ADS"))) {
			e = k + 2;
			dutch = 1;
		}
	}
	if (word_at(s, len, e))
		return 0;
city:
	if (lp_at(s, len, e) == ' ' && (r = city_words(s, len, e + 1)) != 0) {
		e = r;
		/* An Italian province: "Milano (MI)". */
		if (lp_at(s, len, e) == ' ' && lp_at(s, len, e + 1) == '(' &&
		    lp_is_upper(lp_at(s, len, e + 2)) && lp_is_upper(lp_at(s, len, e + 3)) &&
		    lp_at(s, len, e + 4) == ')')
			e += 5;
		return e;
	}
	/* A bare 4 digits is too often a year or a count. */
	if (n == 4 && !dutch && lp_at(s, len, i + 4) != '-')
		return 0;
	return lp_num_end_ok(s, len, e) ? e : 0;
}

/* State and ZIP or Canadian postcode, an Australian state and postcode, a
 * UK or Canadian postcode, a European postcode and city, or a ZIP at i;
 * returns the end or 0. */
static size_t parse_region(const char *s, size_t len, size_t i)
{
	size_t e;

	if (lp_is_upper(lp_at(s, len, i))) {
		if ((e = parse_postcode(s, len, i)) || (e = parse_ca_postcode(s, len, i)))
			return e;
		if ((e = au_state(s, len, i)) != 0) {
			if (lp_at(s, len, e) == ' ' && digits_n(s, len, e + 1, 4))
				return e + 5;
			if (e - i == 3)
				return 0;
		}
		if (is_state(s, len, i)) {
			if (lp_at(s, len, i + 2) == ' ' &&
			    ((e = parse_zip(s, len, i + 3)) ||
			     (e = parse_ca_postcode(s, len, i + 3))))
				return e;
			return i + 2;
		}
		return 0;
	}
	if (!lp_is_digit(lp_at(s, len, i)))
		return 0;
	if ((e = parse_eu_postcode(s, len, i)) != 0)
		return e;
	return parse_zip(s, len, i);
}

/* The separator after a city (", ", " - ", "/" or " "): returns the
 * offset after it, or 0. */
static size_t locality_sep(const char *s, size_t len, size_t e)
{
	if (lp_at(s, len, e) == ',' && lp_at(s, len, e + 1) == ' ')
		return e + 2;
	if (ci_prefix(s, len, e, " - "))
		return e + 3;
	if (lp_at(s, len, e) == '/' || lp_at(s, len, e) == ' ')
		return e + 1;
	return 0;
}

/* The region after a city and its separator (ending at e): a state, a
 * postcode, or after " - " or "/" a Brazilian state ("São Paulo - SP",
 * "Curitiba/PR"), optionally with its CEP. Returns the end or 0. */
static size_t region_after_city(const char *s, size_t len, size_t e)
{
	size_t r, end;

	if ((end = parse_region(s, len, e)) == 0) {
		if (s[e - 1] != '/' && s[e - 2] != '-')
			return 0;
		if (!lp_is_upper(lp_at(s, len, e)) || !lp_is_upper(lp_at(s, len, e + 1)) ||
		    word_at(s, len, e + 2))
			return 0;
		end = e + 2;
	}
	/* A postcode after the state: "Curitiba - PR, 80020-310". */
	if (lp_at(s, len, end) == ',' && lp_at(s, len, end + 1) == ' ' &&
	    lp_is_digit(lp_at(s, len, end + 2)) &&
	    (r = parse_region(s, len, end + 2)) != 0)
		end = r;
	return end;
}

/* After ", " or " ": a region, or a city and optionally a region. *region
 * tells whether a postcode or state was found. Returns the end or 0. */
static size_t parse_locality(const char *s, size_t len, size_t i, int *region)
{
	size_t e, end, r;

	*region = 0;
	if ((r = parse_region(s, len, i)) != 0) {
		*region = 1;
		return r;
	}
	end = city_words(s, len, i);
	if (!end)
		return 0;
	/* St. Louis */
	if (lp_at(s, len, end) == '.' && lp_at(s, len, end + 1) == ' ' &&
	    end - i <= 3) {
		r = city_words(s, len, end + 2);
		if (r)
			end = r;
	}
	e = locality_sep(s, len, end);
	if (!e)
		return end;
	if ((r = region_after_city(s, len, e)) != 0) {
		*region = 1;
		return r;
	}
	/* A district, then the city and its region: "Bela Vista, São Paulo
	 * - SP". */
	if (s[e - 2] == ',' && (r = city_words(s, len, e)) != 0) {
		size_t e2 = locality_sep(s, len, r);

		if (e2 && (e2 = region_after_city(s, len, e2)) != 0) {
			*region = 1;
			return e2;
		}
	}
	return end;
}

/*
 * The street part after the house number (at i, after its space): name
 * words and a suffix, or a prefix type and name words. Returns its end or
 * 0; *strength says how sure the street type is.
 */
static size_t parse_street(const char *s, size_t len, size_t i,
			   enum strength *strength, int *abbrev, int *type_first)
{
	struct word w[MAX_WORDS];
	size_t n = 0, k, e = i;
	const struct lead_type *t;

	while (n < MAX_WORDS && parse_word(s, len, e, &w[n])) {
		/* Most numbers are followed by a lower-case word: unless it
		 * is a French street type, there is nothing to parse. */
		if (n == 0 && !w[0].name &&
		    (!lower_type_initial((unsigned char)s[w[0].s]) ||
		     !first_type_of(s, &w[0])))
			return 0;
		e = w[n].e;
		n++;
		/* Abbreviated name words end in '.' (St. James); after a
		 * longer word, a '.' ends the sentence. */
		if (lp_at(s, len, e) == '.') {
			if (w[n - 1].e - w[n - 1].s > 3)
				break;
			e++;
		}
		if (lp_at(s, len, e) != ' ')
			break;
		e++;
	}
	if (n == 0)
		return 0;
	*abbrev = 0;
	*type_first = 0;
	/* Name words, then a suffix. */
	for (k = 1; w[0].name && k < n && k <= 4; k++) {
		enum strength st = suffix_of(s, &w[k], abbrev);

		if (st != NOT_SUFFIX) {
			*strength = st;
			return w[k].e;
		}
		if (!w[k].name)
			break;
	}
	/* A street type first, then words up to a capitalised one. */
	if (n >= 2 && (t = first_type_of(s, &w[0])) != NULL) {
		int conn = 0, names = 0;
		size_t end = 0;

		for (k = 1; k < n && k <= 4; k++) {
			if (in_list(s, w[k].s, w[k].e, L_CONNECTORS) &&
			    !lp_is_upper((unsigned char)s[w[k].s])) {
				conn = 1;
			} else if (w[k].name) {
				end = w[k].e;
				names++;
				conn |= elided_name(s, w[k].s, w[k].e);
			} else {
				break;
			}
		}
		if (end) {
			*strength = conn ? STRONG : t->st;
			*type_first = 1;
			return end;
		}
	}
	return 0;
}

/* One of words ends within window bytes before pos: one backward pass
 * over the words there, each looked up once. */
static int context_before(const char *s, size_t pos, size_t window,
			  enum list words)
{
	size_t lo = pos > window ? pos - window : 0, e = pos, a;

	while (e > lo) {
		while (e > lo && !lp_is_alpha((unsigned char)s[e - 1]) &&
		       (unsigned char)s[e - 1] < 0x80)
			e--;
		a = e;
		while (a > 0 && (lp_is_alpha((unsigned char)s[a - 1]) ||
				 (unsigned char)s[a - 1] >= 0x80) && e - a <= MAX_WORD)
			a--;
		if (a < e && in_list(s, a, e, words))
			return 1;
		e = a;
	}
	return 0;
}

/* One of words occurs as a word within the next few words after pos
 * (up to MAX_AFTER_WORDS of them, within the sentence). */
#define MAX_AFTER_WORDS 5
static int context_after(const char *s, size_t len, size_t pos,
			 enum list words)
{
	size_t i = pos, e;
	int k;

	for (k = 0; k < MAX_AFTER_WORDS && i < len; k++) {
		while (i < len && (s[i] == ' ' || s[i] == ',' || s[i] == '"'))
			i++;
		e = letters_end(s, len, i);
		if (e == i || e - i > MAX_WORD)
			return 0;
		if (in_list(s, i, e, words))
			return 1;
		i = e;
	}
	return 0;
}

/* The match is a title: a title word just before or soon after, quotes
 * around it, or "by <Artist>" after it. */
static int looks_like_title(const char *s, size_t len, size_t start, size_t end)
{
	size_t n;
	uint32_t b, a;

	if (context_before(s, start, 40, L_TITLE_WORDS) ||
	    context_after(s, len, end, L_TITLE_AFTER))
		return 1;
	if (start > 0 && end < len) {
		b = lp_cp_before(s, start, &n);
		a = lp_cp_at(s, len, end, &n);
		if ((b == '"' && a == '"') || (b == 0x201C && a == 0x201D) ||
		    (b == 0x2018 && a == 0x2019) || (b == '\'' && a == '\''))
			return 1;
	}
	return ci_prefix(s, len, end, " by ") && lp_is_upper(lp_at(s, len, end + 4));
}

/* The word just before the number at num is a verb of having, getting,
 * buying, watching or selling, or "x" or "×" ("got 8", "2 × 12"). */
static int count_cue_before(const char *s, size_t num)
{
	size_t a, b, n;

	if (word_before(s, num, &a, &b))
		return in_list(s, a, b, L_COUNT_VERBS);
	for (b = num; b > 0 && s[b - 1] == ' '; b--)
		;
	return b > 0 && lp_cp_before(s, b, &n) == 0xD7;
}

/* A lower-case plural noun at [a, b): "souvenirs", "flats"; not "boss",
 * "bus", "this", "its", nor a time word or verb ("years", "looks"). */
static int plural_noun(const char *s, size_t a, size_t b)
{
	size_t k;

	if (b - a < 4 || b - a > MAX_WORD || s[b - 1] != 's' ||
	    lp_in_set((unsigned char)s[b - 2], "siu'"))
		return 0;
	for (k = a; k < b; k++) {
		if (!lp_is_lower((unsigned char)s[k]))
			return 0;
	}
	return !in_list(s, a, b, L_NOT_PLURAL_THINGS);
}

/*
 * The number at num counts things named after the street that ends at e
 * ("got 8 Abbey Road vinyls", "12 Park Avenue shows"): the word straight
 * after the street is a plural noun of media or merchandise, or any plural
 * noun when a verb of having or getting comes before the number.
 */
static int counts_things(const char *s, size_t len, size_t num, size_t e)
{
	size_t a = e + 1, b;

	if (lp_at(s, len, e) != ' ' || !lp_is_lower(lp_at(s, len, a)))
		return 0;
	b = letters_end(s, len, a);
	if (lp_is_digit(lp_at(s, len, b)))
		return 0;
	if (in_list(s, a, b, L_COUNTED_THINGS))
		return 1;
	if (count_cue_before(s, num))
		return plural_noun(s, a, b);
	return in_list(s, a, b, L_COUNTED_OR_VERB) &&
	       !context_before(s, num, 40, L_ADDRESS_WORDS);
}

/* The number-first forms: "1428 Elm Street", "12 rue de la Paix, 75002
 * Paris", at the house number i whose digits end at d, where
 * number_first_may() is true. Returns the end of the match, or 0. */
static size_t try_number_first(const char *s, size_t len, size_t i, size_t d)
{
	size_t num_end, e, end, r, street;
	enum strength st = NOT_SUFFIX;
	int abbrev = 0, evidence = 0, region = 0, ignored, bis, type_first;
	struct word w;

	num_end = house_number(s, len, d, &bis);
	if (!num_end || !(lp_is_alnum(lp_at(s, len, num_end + 1)) ||
			  lp_at(s, len, num_end + 1) >= 0x80))
		return 0;
	street = num_end + 1;
	/* "5 bis avenue Victor Hugo" */
	if (!bis && (ci_prefix(s, len, street, "bis ") ||
		     ci_prefix(s, len, street, "ter "))) {
		street += 4;
		bis = 1;
	}
	if (!street_may_start(s, len, street))
		return 0;
	end = parse_street(s, len, street, &st, &abbrev, &type_first);
	if (!end || number_is_count(s, len, i, num_end))
		return 0;
	evidence = bis;
	/* "2 Lane Highway", "4 Way Stop": a count of lanes, not a house. */
	if (num_end == i + 1 && !type_first && parse_word(s, len, num_end + 1, &w) &&
	    suffix_of(s, &w, &ignored) != NOT_SUFFIX)
		return 0;
	e = end;
	if (abbrev && lp_at(s, len, e) == '.')
		e++;
	/* A directional: 1600 Pennsylvania Avenue NW. */
	if (lp_at(s, len, e) == ' ' && parse_word(s, len, e + 1, &w) &&
	    w.e - w.s <= 2 && lp_is_upper((unsigned char)s[w.s]) &&
	    (w.e - w.s == 1 || lp_is_upper((unsigned char)s[w.s + 1])) &&
	    lp_in_set((unsigned char)s[w.s], "NSEW") &&
	    (w.e - w.s == 1 || lp_in_set((unsigned char)s[w.s + 1], "EW")) &&
	    !word_at(s, len, w.e)) {
		end = e = w.e;
	}
	if (counts_things(s, len, i, e))
		return 0;
	/* A unit. */
	if (lp_at(s, len, e) == ',' && lp_at(s, len, e + 1) == ' ' &&
	    (r = parse_unit(s, len, e + 2)) != 0) {
		end = e = r;
		evidence = 1;
	} else if (lp_at(s, len, e) == ' ' && (r = parse_unit(s, len, e + 1)) != 0) {
		end = e = r;
		evidence = 1;
	}
	/* A city and a region. */
	if (lp_at(s, len, e) == ',' && lp_at(s, len, e + 1) == ' ' &&
	    (r = parse_locality(s, len, e + 2, &region)) != 0) {
		end = r;
		evidence = 1;
	} else if (lp_at(s, len, e) == ' ' && (r = parse_locality(s, len, e + 1, &region)) &&
		   region) {
		end = r;
		evidence = 1;
	} else if (s[e - 1] != '.' && lp_at(s, len, e) == ' ' &&
		   parse_word(s, len, e + 1, &w) &&
		   lp_is_upper((unsigned char)s[w.s]) &&
		   !(w.e - w.s == 1 && s[w.s] == 'I')) {
		/* "5 Best Road Trips": a headline, not an address. */
		return 0;
	}
	if (st == WEAK && !evidence && !context_before(s, i, 40, L_ADDRESS_WORDS))
		return 0;
	if (!region && looks_like_title(s, len, i, end))
		return 0;
	return end;
}

/* The start of the word that ends at b: letters, apostrophes, hyphens,
 * periods, ordinal signs and the '/' of "C/". Returns b when there is
 * none or it is longer than MAX_WORD bytes. */
static size_t word_start_before(const char *s, size_t b)
{
	/* The loop goes on while a > 0 and b - a <= MAX_WORD: while a > lo. */
	size_t a = b, st, lo = b > MAX_WORD + 1 ? b - MAX_WORD - 1 : 0;
	uint32_t cp;

	while (a > lo) {
		unsigned char c = (unsigned char)s[a - 1];

		if (lp_is_alpha(c)) {
			a--;
			continue;
		}
		if (c < 0x80) {
			/* '/' only ends a word ("C/"): "C/Alcalá" is two. */
			if (lp_is_alpha(c) || c == '\'' || c == '-' || c == '.' ||
			    (c == '/' && a == b)) {
				a--;
				continue;
			}
			break;
		}
		cp = lp_cp_before(s, a, &st);
		if (!lp_cp_is_letter(cp) && cp != 0x2019 && cp != 0xBA &&
		    cp != 0xAA && cp != 0xB0)
			break;
		a = st;
	}
	if (b - a > MAX_WORD)
		return b;
	/* Leading punctuation is not part of the word ("-Via", "...Rua"). */
	while (a < b && (s[a] == '\'' || s[a] == '-' || s[a] == '.' || s[a] == '/'))
		a++;
	return a;
}

/* A word (as word_start_before() reads one) may end at b: what comes
 * before is a letter, a character of another script, or punctuation a
 * word may end in. Cheaper than finding the word, and false for the
 * digits, spaces and symbols that come before most numbers. */
static int word_may_end_at(const char *s, size_t b)
{
	unsigned char c = (unsigned char)s[b - 1];

	return lp_is_alpha(c) || c >= 0x80 || c == '\'' || c == '-' || c == '.' ||
	       c == '/';
}

/* A street may start at a: not glued to a word, a handle or a URL path. */
static int street_start_ok(const char *s, size_t a)
{
	return a == 0 || (!lp_word_before(s, a) &&
			  !lp_in_set((unsigned char)s[a - 1], "@#/=&_\\"));
}

/* The number of letters in [a, b). */
static size_t count_letters(const char *s, size_t a, size_t b)
{
	size_t n = 0;

	for (; a < b; a++) {
		unsigned char c = (unsigned char)s[a];

		n += lp_is_alpha(c) || c >= 0xC0;
	}
	return n;
}

/* [a, b) ends in the n bytes of suffix, ignoring ASCII case. */
static inline int ends_with(const char *s, size_t a, size_t b,
			    const char *suffix, size_t n)
{
	return b - a >= n &&
	       lp_to_lower((unsigned char)s[b - 1]) == (unsigned char)suffix[n - 1] &&
	       lp_ci_prefix(s, b, b - n, suffix);
}

/* A word [a, b) that ends in a German or Dutch street type with a stem
 * ("Hauptstraße", "Konrad-Adenauer-Straße", "Prinsengracht"). */
static enum strength compound_of(const char *s, size_t a, size_t b)
{
	size_t k, stem;
	int last = lp_to_lower((unsigned char)s[b - 1]);

	for (k = 0; k < ENTRIES(compounds); k++) {
		if ((unsigned char)compounds[k].w[compounds[k].n - 1] != last ||
		    !ends_with(s, a, b, compounds[k].w, compounds[k].n))
			continue;
		stem = b - compounds[k].n;
		if (count_letters(s, a, stem) < MIN_STEM)
			return NOT_SUFFIX;
		if (!cap_at(s, a) && !compounds[k].lower)
			return NOT_SUFFIX;
		if (in_list(s, a, b, L_NOT_STREETS))
			return NOT_SUFFIX;
		return compounds[k].st;
	}
	return NOT_SUFFIX;
}

/* A German adjective that names a street: "Berliner", "Potsdamer",
 * "Alte", "Neue". */
static int street_adjective(const char *s, size_t a, size_t b)
{
	if (!lp_is_upper((unsigned char)s[a]) || in_list(s, a, b, L_NOT_ADJECTIVES))
		return 0;
	if (ends_with(s, a, b, "er", 2))
		return count_letters(s, a, b) >= 5;
	return ends_with(s, a, b, "e", 1) && count_letters(s, a, b) >= 4;
}

static const struct last_type *last_type_of(const char *s, size_t a, size_t b)
{
	int k = find_word(L_LAST_TYPES, s, a, b - a);

	return k < 0 ? NULL : &last_types[k];
}

/* What street_before() found. */
struct street_back {
	size_t start;
	enum strength st;
	int confirmed;      /* a connector English does not use */
	int comma_confirms; /* a comma before the number is the usual form */
	int germanic;       /* never written with a comma before the number */
};

/* A name word of a number-last street: capitalised, or an elided article
 * and a name ("dell'Indipendenza"). */
static int name_word(const char *s, size_t a, size_t b)
{
	return (cap_at(s, a) && s[b - 1] != '.') || elided_name(s, a, b);
}

/*
 * The street that ends at b, just before the separator of a number-last
 * house number: a German or Dutch compound, an adjective and a type
 * ("Berliner Str."), or a type, name words and connectors ("Calle de
 * Alcalá", "C/Alcalá", "Rua 25 de Março"). Looks at MAX_BACK_WORDS
 * words at most, none starting before lo. Returns 1 when found.
 */
static NOINLINE int street_before(const char *s, size_t b, size_t lo,
				  struct street_back *r)
{
	size_t a = word_start_before(s, b), pa, pb, k;
	int names = 0, conn = 0;
	enum strength cst;
	const struct last_type *t;

	memset(r, 0, sizeof(*r));
	if (a == b || a < lo)
		return 0;
	/* Street names are capitalised, but for a lower-case "straße" or
	 * "gracht" in a lower-case tweet, or "dell'Indipendenza": most
	 * words before a number end the look here. */
	if (!cap_at(s, a) && !lp_in_set(lp_to_lower((unsigned char)s[b - 1]), "et") &&
	    !elided_name(s, a, b))
		return 0;
	/* "Hauptstraße 12", "Kalverstraat 92" */
	if ((cst = compound_of(s, a, b)) != NOT_SUFFIX && street_start_ok(s, a)) {
		r->start = a;
		r->st = cst;
		r->germanic = 1;
		return 1;
	}
	/* "Berliner Straße 7", "Potsdamer Platz 1" */
	if (lp_is_upper((unsigned char)s[a]) && in_list(s, a, b, L_SEPARATE_TYPES) &&
	    a >= 2 && s[a - 1] == ' ') {
		pa = word_start_before(s, a - 1);
		if (pa >= lo && pa < a - 1 && street_adjective(s, pa, a - 1) &&
		    street_start_ok(s, pa)) {
			r->start = pa;
			r->st = STRONG;
			r->germanic = 1;
			return 1;
		}
		return 0;
	}
	/* A type, then name words: walk back to the type. */
	if (!name_word(s, a, b))
		return 0;
	pb = b;
	for (k = 0; k < MAX_BACK_WORDS; k++) {
		if (k > 0 && (t = last_type_of(s, a, pb)) != NULL && names &&
		    street_start_ok(s, a)) {
			r->start = a;
			r->st = t->st;
			r->confirmed = conn;
			r->comma_confirms = t->comma_confirms;
			return 1;
		}
		if (name_word(s, a, pb)) {
			names++;
			conn |= elided_name(s, a, pb);
		} else if (lp_is_lower((unsigned char)s[a]) &&
			   in_list(s, a, pb, L_CONNECTORS)) {
			conn |= in_list(s, a, pb, L_ROMANCE_CONNECTORS);
		} else {
			return 0;
		}
		/* "C/Alcalá" */
		if (a >= 2 && s[a - 1] == '/' && (s[a - 2] == 'C' || s[a - 2] == 'c') &&
		    a - 2 >= lo && street_start_ok(s, a - 2)) {
			r->start = a - 2;
			r->st = STRONG;
			return 1;
		}
		if (a < 2 || s[a - 1] != ' ')
			return 0;
		pb = a - 1;
		/* A day in a name, after a connector: "Calle 5 de Mayo". */
		if (lp_is_digit((unsigned char)s[pb - 1])) {
			size_t d = pb;

			while (d > 0 && lp_is_digit((unsigned char)s[d - 1]) && pb - d < 3)
				d--;
			if (pb - d > 2 || d < 2 || s[d - 1] != ' ' ||
			    !lp_is_lower((unsigned char)s[a]))
				return 0;
			pb = d - 1;
		}
		a = word_start_before(s, pb);
		if (a == pb || a < lo)
			return 0;
	}
	return 0;
}

/*
 * The word that ends at b is a plain lower-case word ("at", "is",
 * "card"), one street_before() refuses: word_start_before() finds it
 * whole (a byte where it stops comes before), it is no name (no capital,
 * no elided article: cap_at(), elided_name()), and a word in lower case is
 * a street only as a compound ending in 'e' or 't' ("hauptstraße",
 * "kalverstraat"). Cheaper than street_before(), and true for most words
 * before a number, so it is asked before house_number_last() too. False
 * when unsure.
 */
static int plain_word_before(const char *s, size_t b)
{
	/* As in word_start_before(): on while a > 0 and b - a <= MAX_WORD. */
	size_t a = b, lo = b > MAX_WORD + 1 ? b - MAX_WORD - 1 : 0;
	unsigned char c;

	while (a > lo && lp_is_lower((unsigned char)s[a - 1]))
		a--;
	if (a == b || b - a > MAX_WORD)
		return 0;
	c = a > 0 ? (unsigned char)s[a - 1] : ' ';
	if (lp_is_alpha(c) || c >= 0x80 || c == '\'' || c == '-' || c == '.' || c == '/')
		return 0;
	c = (unsigned char)s[b - 1];
	return (c != 'e' && c != 't') || compound_of(s, a, b) == NOT_SUFFIX;
}

/* A number-last house number at i: 1-4 digits, optionally a letter
 * ("5a"), "bis", a range ("12-14"), a Dutch floor ("92-2", after a
 * Germanic street only: elsewhere "3-1" is a score) or a door ("12/3",
 * "10/A"). The scan has checked the digits (not starting with 0, at most
 * 4: number_last_may()) and found their end d. Returns its end or 0. */
static size_t house_number_last(const char *s, size_t len, size_t i, size_t d,
				int *descending)
{
	size_t e = d, v = 0, w = 0, k;
	unsigned char c;

	*descending = 0;
	if (lp_is_alpha(lp_at(s, len, e))) {
		if (ci_prefix(s, len, e, "bis") && !word_at(s, len, e + 3))
			e += 3;
		else if (!word_at(s, len, e + 1))
			e++;
	}
	c = lp_at(s, len, e);
	if (c == '-' && lp_is_digit(lp_at(s, len, e + 1))) {
		for (k = i; k < d; k++)
			v = v * 10 + (size_t)(s[k] - '0');
		for (k = e + 1; k < len && lp_is_digit((unsigned char)s[k]) && k - e <= 4; k++)
			w = w * 10 + (size_t)(s[k] - '0');
		if (word_at(s, len, k))
			return 0;
		*descending = w <= v;
		e = k;
	} else if (c == '/' && lp_is_alnum(lp_at(s, len, e + 1))) {
		for (k = e + 1; k < len && lp_is_alnum((unsigned char)s[k]) && k - e <= 3; k++)
			;
		if (word_at(s, len, k) || lp_at(s, len, k) == '/')
			return 0;
		e = k;
	}
	if (!lp_num_end_ok(s, len, e))
		return 0;
	if (ci_prefix(s, len, e, " bis") && !word_at(s, len, e + 4))
		e += 4;
	return e;
}

/* The two bytes before b may end a number marker: those of "n.",
 * "nr.", "núm.", "no.", "nr", "numero", "civico", "nº" and "n°". Few
 * words do, so the word is looked for only then. */
static int marker_ending(const char *s, size_t b)
{
	int x, y;

	if (b < 2)
		return 0; /* every marker has two bytes or more */
	x = lp_to_lower((unsigned char)s[b - 2]);
	y = lp_to_lower((unsigned char)s[b - 1]);
	switch (y) {
	case '.':
		return x == 'n' || x == 'r' || x == 'm' || x == 'o';
	case 'r':
		return x == 'n';
	case 'o':
		return x == 'r' || x == 'c';
	case 0xBA:
	case 0xB0:
		return x == 0xC2;
	default:
		return 0;
	}
}

/* The number is followed by a unit or a count noun: "5 times", "3 Tore". */
static int unit_follows(const char *s, size_t len, size_t e)
{
	size_t b;

	if (lp_at(s, len, e) != ' ')
		return lp_at(s, len, e) == '%';
	b = letters_end(s, len, e + 1);
	return b > e + 1 && in_list(s, e + 1, b, L_UNIT_AFTER);
}

/*
 * The number-last forms, at the house number i whose digits end at d,
 * where number_last_may() is true: finds the street before it (not before
 * lo) and what follows. Returns the end of the match and sets *start, or
 * returns 0.
 */
static size_t try_number_last(const char *s, size_t len, size_t i, size_t d,
			      size_t lo, size_t *start)
{
	struct street_back st;
	size_t p = i, b, a, num_end, e, r, v = 0, k;
	int comma = 0, marker = 0, region = 0, confirm = 0, descending;
	unsigned char c = i > 0 ? (unsigned char)s[i - 1] : 0;

	/* Most numbers are not house numbers: a time, a date, a price or a
	 * count. Reject them on the bytes before (what comes before the
	 * separator must be able to end a word) and the number's shape
	 * before looking back for a street. */
	if ((c != ' ' && c != ',' && c != '#' && c != '.' && c < 0x80) || s[i] == '0')
		return 0;
	/* A marker: "#45", "n. 10", "nº10", "Nr. 5". */
	if (c == '#') {
		p--;
		marker = 1;
	} else {
		b = c == ' ' ? p - 1 : p;
		if (marker_ending(s, b)) {
			a = word_start_before(s, b);
			if (a < b && b - a <= 7 &&
			    lp_in_set(lp_to_lower((unsigned char)s[a]), "nc") &&
			    in_list(s, a, b, L_NUMBER_MARKERS)) {
				p = a;
				marker = 1;
			}
		}
	}
	/* The separator: " ", ", " or ",". */
	if (p >= 2 && s[p - 1] == ' ' && s[p - 2] == ',') {
		b = p - 2;
		comma = 1;
	} else if (p >= 1 && s[p - 1] == ',') {
		b = p - 1;
		comma = 1;
	} else if (p >= 1 && s[p - 1] == ' ') {
		b = p - 1;
	} else {
		return 0;
	}
	if (b == 0 || b < lo || !word_may_end_at(s, b) || plain_word_before(s, b))
		return 0;
	num_end = house_number_last(s, len, i, d, &descending);
	if (!num_end || !street_before(s, b, lo, &st))
		return 0;
	if (comma && st.germanic)
		return 0;
	if ((descending && !st.germanic) || unit_follows(s, len, num_end))
		return 0;
	e = num_end;
	/* A unit: "3º izq", "piso 2", "apto 12". */
	if (lp_at(s, len, e) == ',' && lp_at(s, len, e + 1) == ' ' &&
	    (r = parse_unit_intl(s, len, e + 2)) != 0)
		e = r, confirm = 1;
	else if (lp_at(s, len, e) == ' ' && (r = parse_unit_intl(s, len, e + 1)) != 0)
		e = r, confirm = 1;
	/* A postcode and city, or a city: ", 10115 Berlin", " - São Paulo". */
	if (lp_at(s, len, e) == ',' && lp_at(s, len, e + 1) == ' ' &&
	    (r = parse_locality(s, len, e + 2, &region)) != 0)
		e = r, confirm = 1;
	else if (ci_prefix(s, len, e, " - ") &&
		 (r = parse_locality(s, len, e + 3, &region)) != 0)
		e = r, confirm = 1;
	else if (lp_at(s, len, e) == ' ' && (r = parse_region(s, len, e + 1)) != 0)
		e = r, confirm = region = 1;
	confirm |= marker || st.confirmed || (comma && st.comma_confirms);
	/* A year is not a house number without a postcode. */
	for (k = i; k < num_end && lp_is_digit((unsigned char)s[k]); k++)
		v = v * 10 + (size_t)(s[k] - '0');
	if (k - i == 4 && v >= 1900 && v <= 2099 && !region)
		return 0;
	if (st.st == WEAK && !confirm &&
	    !context_before(s, st.start, 40, L_ADDRESS_WORDS))
		return 0;
	if (!region && looks_like_title(s, len, st.start, e))
		return 0;
	*start = st.start;
	return e;
}

/*
 * What try_number_last() needs before it looks back for a street, read on
 * the two bytes before the number at i and the bytes after its digits
 * (which end at d): a separator (" ", ", " or ",", or "#" after one) after
 * a byte that may end a word, or the end of a number marker ("n. 10",
 * "nº10"); an end of the number that house_number_last() may take. Nearly
 * every number fails this (a card's or a phone's groups, a time, an
 * amount).
 * False only where try_number_last() returns 0, case by case:
 *  - more than 4 digits: house_number_last() refuses them;
 *  - after the digits, a separator and a digit, or a sign: the same;
 *  - ' ': a marker ends in '.', 'r', 'o' or "º"/"°"; else a ',' comes
 *    before the space, or word_may_end_at() needs the byte before it;
 *  - ',': marker_ending() is false on a ',', and word_may_end_at() needs
 *    the byte before the comma;
 *  - '#': the separator (' ' or ',') comes just before it;
 *  - '.', "º", "°": only a marker ("n.", "nr.", "núm.", "no.", "nº")
 *    can come before the number without a separator;
 *  - anything else, or fewer than two bytes before: no separator.
 */
static inline int number_last_may(const char *s, size_t i, size_t d)
{
	unsigned char c = (unsigned char)s[d], x;

	if (i < 2 || d - i > 4)
		return 0;
	/* A decimal, a thousands group or a time goes on ("2.5", "1,084",
	 * "12:30"), or a percent or an amount follows: lp_num_end_ok()
	 * refuses the end of the digits in house_number_last(). */
	if (((c == '.' || c == ',' || c == ':') && lp_is_digit((unsigned char)s[d + 1])) ||
	    c == '%' || c == '$' || c == '@' || c == '_')
		return 0;
	c = (unsigned char)s[i - 1];
	x = (unsigned char)s[i - 2];
	switch (c) {
	case ' ':
		if (x == ',')
			return 1;
		/* fall through */
	case ',':
		return lp_is_alpha(x) || x >= 0x80 || x == '\'' || x == '-' ||
		       x == '.' || x == '/';
	case '#':
		return x == ' ' || x == ',';
	case '.':
	case 0xBA:
	case 0xB0:
		return marker_ending(s, i);
	default:
		return 0;
	}
}

/*
 * The word at i, after the space after a house number, is a plain
 * lower-case word that parse_street() refuses ("5 times", "3 people"): it
 * is not "bis" or "ter" ("5 bis avenue"), parse_word() takes it whole (a
 * byte that ends letters_end() comes after), it is no name (no capital,
 * no elided article), and it is not a street type that may be written in
 * lower case ("12 rue de la Paix"). False when unsure.
 */
static int plain_word_after(const char *s, size_t len, size_t i)
{
	size_t e = i;
	unsigned char c;
	int k;

	if (ci_prefix(s, len, i, "bis ") || ci_prefix(s, len, i, "ter "))
		return 0;
	while (lp_is_lower((unsigned char)s[e]))
		e++;
	c = (unsigned char)s[e];
	if (e == i || lp_is_upper(c) || c >= 0x80 || c == '\'' || c == '-')
		return 0;
	/* A digit after the letters: parse_word() refuses the word. */
	if (lp_is_digit(c))
		return 1;
	if (!lower_type_initial((unsigned char)s[i]))
		return 1;
	k = find_word(L_FIRST_TYPES, s, i, e - i);
	return k < 0 || !first_types[k].lower;
}

/*
 * What try_number_first() needs before it parses a street, read on the
 * bytes after the number (d is the end of its digits): house_number()
 * wants a space or a letter after the digits, and the number must not
 * continue a longer one or a token ("12:30", "$5", "/status/1": num_ok,
 * lp_num_start_ok() at its start); after the space, the street starts
 * with a letter, a byte of another script, or the digits of an ordinal
 * (street_may_start()). False only where try_number_first() returns 0;
 * true, it has checked what house_number() leaves to it.
 */
static inline int number_first_may(const char *s, size_t len, size_t d,
				   int num_ok)
{
	unsigned char c = (unsigned char)s[d], t;

	if ((c != ' ' && !lp_is_alpha(c)) || !num_ok)
		return 0;
	if (c != ' ') {
		/* "12bis", "12ter": left to try_number_first(). */
		if ((ci_prefix(s, len, d, "bis") || ci_prefix(s, len, d, "ter")) &&
		    s[d + 3] == ' ')
			return 1;
		/* "221B" */
		if (s[++d] != ' ')
			return 0;
	}
	/* s[d] is the space after the house number, so d + 1 <= len: at
	 * worst the NUL. */
	t = (unsigned char)s[d + 1];
	if (lp_is_digit(t))
		return ordinal_may_start(s, d + 1);
	if (lp_is_lower(t))
		return !plain_word_after(s, len, d + 1);
	return lp_is_upper(t) || t >= 0x80;
}

int lp_detect_street_address(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	const uint64_t *runs = text->sets + LP_SET_NUM * text->words;
	const uint64_t *may_start = text->sets + LP_SET_NUMOK * text->words;
	size_t len = text->len, i, k, last = 0, from = 0, start, end, d;
	uint64_t m, ok, other;
	unsigned char c;
	int first, last_may, num_ok;

	/* An address has a house number: most texts have no digit. */
	if (!text->digits)
		return 0;
	/* Visit the runs of digits in order (LP_SET_NUM), from where the
	 * scan resumes (after a match or a URL) on. Each number turned away
	 * below is passed by going to the next run of digits: one that
	 * starts inside the letters and digits glued to it ("12ab34") is
	 * turned away here too. Nothing but where the scan resumes depends
	 * on an earlier number, so the cheapest tests come first. */
	for (k = 0; k < text->words; k++) {
		/* A run of digits starts at each bit of runs[k], so its bit
		 * of LP_SET_NUMOK is lp_num_start_ok(), which a space before
		 * implies. Where a number may not start, the first form
		 * cannot (house_number()), and the last form needs a ',', '#'
		 * or '.' before it, or a marker's "º" or "°"
		 * (number_last_may()): this turns away most groups of cards,
		 * phone numbers, dates and times. */
		ok = may_start[k];
		m = runs[k] & ok;
		for (other = runs[k] & ~ok; other; other &= other - 1) {
			i = (k << 6) + lp_ctz64(other);
			c = i > 0 ? (unsigned char)s[i - 1] : 0;
			if (c == ',' || c == '#' || c == '.' || c >= 0x80)
				m |= other & -other;
		}
		for (; m; m &= m - 1) {
			i = (k << 6) + lp_ctz64(m);
			if (i < from)
				continue;
			c = i > 0 ? (unsigned char)s[i - 1] : 0;
			num_ok = (int)(ok >> (i & 63) & 1);
			/* Not after a word character. An ASCII one is not
			 * left: a digit is not before a run, and a number may
			 * not start after a letter or '_'. */
			if (c >= 0x80 && lp_word_before(s, i))
				continue;
			/* Both forms need a house number of 1-5 digits not
			 * starting with 0: phone numbers, card numbers and ids
			 * are turned away here. d is the end of its digits. */
			if (s[i] == '0')
				continue;
			d = lp_text_digits_end(text, i + 1);
			if (d - i > 5)
				continue;
			first = number_first_may(s, len, d, num_ok);
			/* The groups of a number ("4111 1111", "555 1234"):
			 * a digit before the space ends no word. */
			last_may = !(c == ' ' && i >= 2 && lp_is_digit((unsigned char)s[i - 2])) &&
				   number_last_may(s, i, d);
			if (!first && !last_may)
				continue;
			/* A number inside a URL is passed with the URL. Asked
			 * only here: a number turned away above is turned away
			 * inside a URL or not. */
			if (lp_text_in_url(text, i)) {
				from = lp_text_url_end(text, i);
				continue;
			}
			start = i;
			end = 0;
			if (last_may)
				end = try_number_last(s, len, i, d, last, &start);
			if (!end && first) {
				start = i;
				end = try_number_first(s, len, i, d);
			}
			if (end) {
				if (lp_spans_push(out, start, end))
					return -1;
				last = from = end;
			}
		}
	}
	return 0;
}
