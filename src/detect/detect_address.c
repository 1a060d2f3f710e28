/*
 * detect_address.c - the `street_address` detector: a house number, one
 * to four capitalised street-name words and a street type ("1428 Elm
 * Street", "221B Baker Street", "350 Fifth Avenue"), or a street type
 * first ("12 Rue de Rivoli"); then an optional unit ("Apt 4B"), city
 * (", Springfield") and postcode (", IL 62704", "London SW1A 2AA").
 *
 * Headlines are title case too ("5 Best Road Trips"), so a street that is
 * followed directly by another capitalised word is not taken, unless a
 * city and postcode make it plainly an address; and street types that are
 * ordinary English words (Way, Close, Square...) need more evidence: a
 * unit, a city, or a word like "address" or "lives" just before.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

#define MAX_WORDS 6

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

/* Street types written before the name (Rue de Rivoli, Via Roma). The
 * ones that are also English suffixes need a connector word ("Avenue of
 * the Americas"), or "350 Avenue" would start a street. */
static const char *const prefix_types[] = {
	"rue", "via", "calle", "avenida", "rua", "viale", "piazza", "carrer",
	"strada", "chemin", "allee", "place", NULL,
};
static const char *const prefix_types_connector[] = {
	"avenue", "boulevard", "plaza", NULL,
};
static const char *const connectors[] = {
	"de", "du", "des", "la", "le", "les", "del", "della", "di", "da",
	"do", "dos", "das", "of", "the", "y", "d'", "l'", NULL,
};

static const char *const unit_words[] = {
	"apt", "apartment", "suite", "ste", "unit", "flat", "fl", "floor",
	"room", "rm", NULL,
};

static const char *const states[] = {
	"AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID",
	"IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS",
	"MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
	"OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
	"WI", "WY", "DC", "PR", "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU",
	"ON", "PE", "QC", "SK", "YT", NULL,
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
static const char *const address_words[] = {
	"address", "addr", "lives", "live", "living", "lived", "located",
	"house", "home", "apartment", "flat", "moved", "staying", "stays",
	"at", NULL,
};
/* Capitalised words that do not start a city. */
static const char *const not_city[] = {
	"i", "but", "and", "or", "so", "the", "it", "we", "he", "she",
	"they", "you", "this", "that", "if", "then", "lol", "my", "our",
	"his", "her", "their", "your", "a", "an", "is", "was", NULL,
};

static int in_list(const char *s, size_t a, size_t b, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++) {
		if (strlen(list[i]) == b - a && lp_ci_prefix(s, b, a, list[i]))
			return 1;
	}
	return 0;
}

/* The end of a word of letters (any script), apostrophes and hyphens. */
static size_t letters_end(const char *s, size_t len, size_t i)
{
	size_t n;

	while (i < len) {
		uint32_t cp = lp_cp_at(s, len, i, &n);

		if (!lp_cp_is_letter(cp) && cp != '\'' && cp != '-' && cp != 0x2019)
			break;
		i += n;
	}
	return i;
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
		if (lp_ci_prefix(s, len, e, "st") || lp_ci_prefix(s, len, e, "nd") ||
		    lp_ci_prefix(s, len, e, "rd") || lp_ci_prefix(s, len, e, "th")) {
			e += 2;
			if (!lp_word_at(s, len, e)) {
				w->e = e;
				w->name = 1;
				return 1;
			}
		}
		return 0;
	}
	if (i >= len || !lp_cp_is_letter(lp_cp_at(s, len, i, &n)))
		return 0;
	e = letters_end(s, len, i);
	if (e == i || lp_is_digit(lp_at(s, len, e)))
		return 0;
	w->e = e;
	w->name = lp_is_upper(c) || c >= 0x80;
	return 1;
}

static enum strength suffix_of(const char *s, const struct word *w, int *abbrev)
{
	size_t i;

	if (!lp_is_upper((unsigned char)s[w->s]))
		return NOT_SUFFIX;
	for (i = 0; suffixes[i].w; i++) {
		if (strlen(suffixes[i].w) == w->e - w->s &&
		    lp_ci_prefix(s, w->e, w->s, suffixes[i].w)) {
			*abbrev = suffixes[i].abbrev;
			return suffixes[i].st;
		}
	}
	return NOT_SUFFIX;
}

/* A house number at i: 1-5 digits not starting with 0, optionally one
 * letter (221B), then a space. Returns the offset of the space, or 0. */
static size_t house_number(const char *s, size_t len, size_t i)
{
	size_t e = i;

	if (lp_at(s, len, i) == '0' || !lp_num_start_ok(s, len, i))
		return 0;
	while (e < len && lp_is_digit((unsigned char)s[e]))
		e++;
	if (e - i > 5)
		return 0;
	if (lp_is_alpha(lp_at(s, len, e)))
		e++;
	return lp_at(s, len, e) == ' ' ? e : 0;
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
	if (in_list(s, a, b, count_words) || (b - a == 1 && s[a] == '#'))
		return 1;
	for (i = num; i < num_end && lp_is_digit(lp_at(s, len, i)); i++)
		v = v * 10 + (size_t)(s[i] - '0');
	return i - num == 4 && v >= 1800 && v <= 2099 &&
	       in_list(s, a, b, year_words);
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
		if (!parse_word(s, len, i, &w) || !in_list(s, w.s, w.e, unit_words))
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
	if (e == id || lp_word_at(s, len, e))
		return 0;
	/* "Apt B" is a unit, "Apt Building" is not. */
	if (e - id > 1 && !lp_is_digit((unsigned char)s[id]))
		return 0;
	return e;
}

static int is_state(const char *s, size_t len, size_t i)
{
	size_t k;

	if (!lp_is_upper(lp_at(s, len, i)) || !lp_is_upper(lp_at(s, len, i + 1)) ||
	    lp_word_at(s, len, i + 2))
		return 0;
	for (k = 0; states[k]; k++) {
		if (s[i] == states[k][0] && s[i + 1] == states[k][1])
			return 1;
	}
	return 0;
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
	    !lp_is_upper(lp_at(s, len, e + 2)) || lp_word_at(s, len, e + 3))
		return 0;
	return e + 3;
}

/* State and ZIP, ZIP alone, or a UK postcode at i; returns the end or 0. */
static size_t parse_region(const char *s, size_t len, size_t i)
{
	size_t e;

	e = parse_postcode(s, len, i);
	if (e)
		return e;
	if (is_state(s, len, i)) {
		if (lp_at(s, len, i + 2) == ' ' && (e = parse_zip(s, len, i + 3)))
			return e;
		return i + 2;
	}
	return parse_zip(s, len, i);
}

/* After ", " or " ": a region, or a city and optionally a region. *region
 * tells whether a postcode or state was found. Returns the end or 0. */
static size_t parse_locality(const char *s, size_t len, size_t i, int *region)
{
	size_t e = i, end = 0, r;
	struct word w;
	int words = 0;

	*region = 0;
	if ((r = parse_region(s, len, i)) != 0) {
		*region = 1;
		return r;
	}
	while (words < 3 && parse_word(s, len, e, &w) && w.name &&
	       !lp_is_digit((unsigned char)s[w.s])) {
		if (words == 0 && in_list(s, w.s, w.e, not_city))
			return 0;
		if (is_state(s, len, w.s) && words > 0)
			break;
		words++;
		end = w.e;
		if (lp_at(s, len, end) == '.' && lp_at(s, len, end + 1) == ' ' &&
		    end - w.s <= 3)
			end++; /* St. Louis */
		if (lp_at(s, len, end) != ' ')
			break;
		e = end + 1;
	}
	if (!words)
		return 0;
	e = end;
	if (lp_at(s, len, e) == ',' && lp_at(s, len, e + 1) == ' ')
		e += 2;
	else if (lp_at(s, len, e) == ' ')
		e += 1;
	else
		return s[end - 1] == '.' ? end - 1 : end;
	if ((r = parse_region(s, len, e)) != 0) {
		*region = 1;
		return r;
	}
	return s[end - 1] == '.' ? end - 1 : end;
}

/*
 * The street part after the house number (at i, after its space): name
 * words and a suffix, or a prefix type and name words. Returns its end or
 * 0; *strength says how sure the street type is.
 */
static size_t parse_street(const char *s, size_t len, size_t i,
			   enum strength *strength, int *abbrev)
{
	struct word w[MAX_WORDS];
	size_t n = 0, k, e = i;

	while (n < MAX_WORDS && parse_word(s, len, e, &w[n])) {
		e = w[n].e;
		n++;
		/* Name words may end in '.' (St. James). */
		if (lp_at(s, len, e) == '.')
			e++;
		if (lp_at(s, len, e) != ' ')
			break;
		e++;
	}
	if (n == 0 || !w[0].name)
		return 0;
	*abbrev = 0;
	/* Name words, then a suffix. */
	for (k = 1; k < n && k <= 4; k++) {
		enum strength st = suffix_of(s, &w[k], abbrev);

		if (st != NOT_SUFFIX) {
			*strength = st;
			return w[k].e;
		}
		if (!w[k].name)
			break;
	}
	/* A street type first, then words up to a capitalised one. */
	if (n >= 2 && lp_is_upper((unsigned char)s[w[0].s])) {
		int need_conn = in_list(s, w[0].s, w[0].e, prefix_types_connector);
		int conn = 0;
		size_t end = 0;

		if (!need_conn && !in_list(s, w[0].s, w[0].e, prefix_types))
			return 0;
		for (k = 1; k < n && k <= 4; k++) {
			if (in_list(s, w[k].s, w[k].e, connectors) &&
			    !lp_is_upper((unsigned char)s[w[k].s]))
				conn = 1;
			else if (w[k].name)
				end = w[k].e;
			else
				break;
		}
		if (end && (conn || !need_conn)) {
			*strength = STRONG;
			return end;
		}
	}
	return 0;
}

static size_t try_address(const char *s, size_t len, size_t i)
{
	size_t num_end, e, end, r;
	enum strength st = NOT_SUFFIX;
	int abbrev = 0, evidence = 0, region = 0, ignored;
	struct word w;

	num_end = house_number(s, len, i);
	if (!num_end || number_is_count(s, len, i, num_end))
		return 0;
	end = parse_street(s, len, num_end + 1, &st, &abbrev);
	if (!end)
		return 0;
	/* "2 Lane Highway", "4 Way Stop": a count of lanes, not a house. */
	if (num_end == i + 1 && parse_word(s, len, num_end + 1, &w) &&
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
	    !lp_word_at(s, len, w.e)) {
		end = e = w.e;
	}
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
	if (st == WEAK && !evidence && !lp_context_before(s, i, 40, address_words))
		return 0;
	return end;
}

static int address_can_start(const char *s, size_t len, size_t i)
{
	(void)len;
	return lp_is_digit((unsigned char)s[i]) && !lp_word_before(s, i);
}

int lp_detect_street_address(const lp_text *text, lp_spans *out)
{
	return lp_scan_tokens(text, out, address_can_start, try_address,
	                      lp_is_alnum_byte);
}
