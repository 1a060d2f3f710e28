/*
 * detect_gps.c - the `gps_coordinates` detector: latitude/longitude pairs
 * in decimal degrees ("40.7128, -74.0060", "40.7128 N, 74.0060 W"), in
 * degrees-minutes-seconds ("40°42'46"N 74°0'21"W"), geo: URIs and map
 * links ("maps.google.com/...@40.7128,-74.0060,15z", "?q=40.7,-74.0").
 *
 * Pairs of decimals are common in tweets (prices, ratings, versions), so a
 * decimal pair needs precision that only coordinates have (four decimals
 * on both), or two decimals with a word like "location" just before or
 * hemisphere letters, or one decimal inside a geo: URI or a map link.
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

enum mode { M_TEXT, M_URL, M_GEO, M_SLASH };

struct coord {
	size_t start, end;
	int sign;        /* written with '-' or '+' */
	int neg;
	unsigned ip;     /* integer part */
	int frac_zero;   /* every decimal is 0 */
	size_t ndec;     /* decimals */
	char hemi;       /* N, S, E, W or 0 */
};

static const char *const context_words[] = {
	"lat", "lon", "lng", "long", "latitude", "longitude", "coordinates",
	"coords", "coord", "gps", "location", "loc", "geo", "position", "pin",
	"located", "geolocation", NULL,
};

static const char *const lon_labels[] = {
	"longitude", "long", "lon", "lng", NULL,
};

/* Hemisphere letter at i (optionally after a space), not starting a
 * word. Returns the end or 0. */
static size_t hemisphere(const char *s, size_t len, size_t i, char *h)
{
	size_t j = i;

	if (lp_at(s, len, j) == ' ')
		j++;
	if (!lp_in_set(lp_at(s, len, j), "NSEW") || lp_word_at(s, len, j + 1))
		return 0;
	*h = s[j];
	return j + 1;
}

/* A degree sign at i: °, º or ˚; returns its length or 0. */
static size_t degree_sign(const char *s, size_t len, size_t i)
{
	unsigned char a = lp_at(s, len, i), b = lp_at(s, len, i + 1);

	if (a == 0xC2 && (b == 0xB0 || b == 0xBA))
		return 2;
	if (a == 0xCB && b == 0x9A)
		return 2;
	return 0;
}

/* A minute sign: ' ′ ’ ´; returns its length or 0. */
static size_t minute_sign(const char *s, size_t len, size_t i)
{
	unsigned char a = lp_at(s, len, i), b = lp_at(s, len, i + 1),
		      c = lp_at(s, len, i + 2);

	if (a == '\'')
		return lp_at(s, len, i + 1) == '\'' ? 0 : 1;
	if (a == 0xE2 && b == 0x80 && (c == 0xB2 || c == 0x99))
		return 3;
	if (a == 0xC2 && b == 0xB4)
		return 2;
	return 0;
}

/* A second sign: " ″ ” or ''; returns its length or 0. */
static size_t second_sign(const char *s, size_t len, size_t i)
{
	unsigned char a = lp_at(s, len, i), b = lp_at(s, len, i + 1),
		      c = lp_at(s, len, i + 2);

	if (a == '"')
		return 1;
	if (a == '\'' && b == '\'')
		return 2;
	if (a == 0xE2 && b == 0x80 && (c == 0xB3 || c == 0x9D))
		return 3;
	return 0;
}

/* A decimal number of degrees at i, with an optional degree sign and
 * hemisphere letter. Returns 1 and fills c, or 0. */
static int parse_decimal(const char *s, size_t len, size_t i, struct coord *c)
{
	size_t j = i, d, n;

	c->start = i;
	c->sign = c->neg = 0;
	c->hemi = 0;
	if (lp_at(s, len, j) == '-' || lp_at(s, len, j) == '+') {
		c->sign = 1;
		c->neg = s[j] == '-';
		j++;
	}
	c->ip = 0;
	for (d = j; d < len && lp_is_digit((unsigned char)s[d]); d++) {
		if (d - j >= 3)
			return 0;
		c->ip = c->ip * 10 + (unsigned)(s[d] - '0');
	}
	if (d == j || lp_at(s, len, d) != '.' || !lp_is_digit(lp_at(s, len, d + 1)))
		return 0;
	j = d + 1;
	c->frac_zero = 1;
	while (j < len && lp_is_digit((unsigned char)s[j])) {
		if (s[j] != '0')
			c->frac_zero = 0;
		j++;
	}
	c->ndec = j - d - 1;
	/* 1.2.3 is a version, 1.5x or 1.5km a quantity. */
	if (lp_at(s, len, j) == '.' && lp_is_digit(lp_at(s, len, j + 1)))
		return 0;
	if ((n = degree_sign(s, len, j)) != 0)
		j += n;
	if (!c->sign && (n = hemisphere(s, len, j, &c->hemi)) != 0)
		j = n;
	c->end = j;
	return 1;
}

static int in_range(const struct coord *c, unsigned max)
{
	return c->ip < max || (c->ip == max && c->frac_zero);
}

/* The separator between latitude and longitude at i; returns where the
 * longitude starts, or 0. */
static size_t separator(const char *s, size_t len, size_t i, enum mode m,
			int *spaced_only)
{
	size_t j = i, k;

	*spaced_only = 0;
	if (m == M_SLASH)
		return lp_at(s, len, j) == '/' ? j + 1 : 0;
	if (m != M_TEXT && lp_at(s, len, j) == '%' && lp_at(s, len, j + 1) == '2' &&
	    (lp_at(s, len, j + 2) == 'C' || lp_at(s, len, j + 2) == 'c'))
		return j + 3;
	if (lp_at(s, len, j) == ',' || lp_at(s, len, j) == ';')
		j++;
	else if (lp_at(s, len, j) != ' ' || m != M_TEXT)
		return 0;
	else
		*spaced_only = 1;
	while (lp_at(s, len, j) == ' ' && j - i < 4)
		j++;
	if (m != M_TEXT)
		return j;
	/* "lat 40.7128, lon -74.0060" */
	for (k = 0; lon_labels[k]; k++) {
		if (lp_ci_word(s, len, j, lon_labels[k])) {
			while (lp_is_alpha(lp_at(s, len, j)))
				j++;
			if (lp_at(s, len, j) == ':' || lp_at(s, len, j) == '=')
				j++;
			while (lp_at(s, len, j) == ' ' && j - i < 16)
				j++;
			*spaced_only = 0;
			break;
		}
	}
	return j;
}

/* A decimal pair starting at i. Returns its end or 0. */
static size_t try_decimal_pair(const char *s, size_t len, size_t i, enum mode m)
{
	struct coord lat, lon;
	size_t j, fewest;
	int spaced_only, hemis;

	if (!parse_decimal(s, len, i, &lat))
		return 0;
	if (lat.hemi && lat.hemi != 'N' && lat.hemi != 'S')
		return 0;
	j = separator(s, len, lat.end, m, &spaced_only);
	if (!j || !parse_decimal(s, len, j, &lon))
		return 0;
	if (lon.hemi && lon.hemi != 'E' && lon.hemi != 'W')
		return 0;
	if (!in_range(&lat, 90) || !in_range(&lon, 180))
		return 0;
	/* Both or neither carry hemisphere letters. */
	if (!lat.hemi != !lon.hemi)
		return 0;
	hemis = lat.hemi != 0;
	/* The context words are looked for only when they decide: in text,
	 * a pair with four decimals on both needs none, one with fewer than
	 * two is never taken, and one spaced without hemispheres needs four
	 * whatever the words. */
	fewest = lat.ndec < lon.ndec ? lat.ndec : lon.ndec;
	if (m != M_TEXT) {
		if (fewest < 1)
			return 0;
	} else if (fewest < 4) {
		if (fewest < 2 || (spaced_only && !hemis))
			return 0;
		if (!hemis && !lp_context_before(s, i, 40, context_words))
			return 0;
	}
	if (m == M_TEXT) {
		if (!lp_num_end_ok(s, len, lon.end))
			return 0;
	} else if (lp_is_digit(lp_at(s, len, lon.end)) ||
		   (lp_at(s, len, lon.end) == '.' &&
		    lp_is_digit(lp_at(s, len, lon.end + 1)))) {
		return 0;
	}
	return lon.end;
}

/* Parses a number of up to max_digits digits with optional decimals. */
static size_t dms_number(const char *s, size_t len, size_t i, size_t max_digits,
			 unsigned *v)
{
	size_t j = i;

	*v = 0;
	while (j < len && lp_is_digit((unsigned char)s[j])) {
		if (j - i >= max_digits)
			return 0;
		*v = *v * 10 + (unsigned)(s[j] - '0');
		j++;
	}
	if (j == i)
		return 0;
	if (lp_at(s, len, j) == '.' && lp_is_digit(lp_at(s, len, j + 1))) {
		j++;
		while (j < len && lp_is_digit((unsigned char)s[j]))
			j++;
	}
	return j;
}

/* One degrees-minutes(-seconds) coordinate with a hemisphere letter. */
static size_t dms_one(const char *s, size_t len, size_t i, char *hemi)
{
	size_t j, n;
	unsigned deg, min, sec;

	j = dms_number(s, len, i, 3, &deg);
	if (!j || lp_at(s, len, j) == '.' || !(n = degree_sign(s, len, j)))
		return 0;
	j += n;
	if (lp_at(s, len, j) == ' ')
		j++;
	if (!(j = dms_number(s, len, j, 2, &min)) || min >= 60 ||
	    !(n = minute_sign(s, len, j)))
		return 0;
	j += n;
	n = j;
	if (lp_at(s, len, n) == ' ')
		n++;
	if (lp_is_digit(lp_at(s, len, n))) {
		size_t k = dms_number(s, len, n, 2, &sec);
		size_t q = k ? second_sign(s, len, k) : 0;

		if (k && q && sec < 60)
			j = k + q;
	}
	if (!(n = hemisphere(s, len, j, hemi)))
		return 0;
	if ((*hemi == 'N' || *hemi == 'S') ? deg > 90 : deg > 180)
		return 0;
	return n;
}

static size_t try_dms_pair(const char *s, size_t len, size_t i)
{
	char h1, h2;
	size_t e1, j, e2;

	if (!(e1 = dms_one(s, len, i, &h1)))
		return 0;
	j = e1;
	if (lp_at(s, len, j) == ',' || lp_at(s, len, j) == ';')
		j++;
	while (lp_at(s, len, j) == ' ' && j - e1 < 4)
		j++;
	if (!(e2 = dms_one(s, len, j, &h2)))
		return 0;
	/* One latitude and one longitude, in either order. */
	if ((h1 == 'N' || h1 == 'S') == (h2 == 'N' || h2 == 'S'))
		return 0;
	return e2;
}

/* Map-link markers after which a pair follows. */
static const struct {
	const char *m;
	enum mode mode;
} url_markers[] = {
	{ "@", M_URL }, { "q=", M_URL }, { "ll=", M_URL }, { "sll=", M_URL },
	{ "query=", M_URL }, { "center=", M_URL }, { "destination=", M_URL },
	{ "daddr=", M_URL }, { "saddr=", M_URL }, { "q=loc:", M_URL },
	{ "geo:", M_URL }, { "mlat=", M_URL }, { NULL, M_URL },
};

/* A decimal number ("40.7") lies within [a, b): a digit, '.', a digit.
 * Every pair in a URL starts with one. */
static int has_decimal(const char *s, size_t a, size_t b)
{
	const char *p = s + a + 1, *end = s + b;

	while (p + 1 < end && (p = memchr(p, '.', (size_t)(end - 1 - p))) != NULL) {
		if (lp_is_digit((unsigned char)p[-1]) && lp_is_digit((unsigned char)p[1]))
			return 1;
		p++;
	}
	return 0;
}

/* Scans a URL for map coordinates. */
static int scan_url(const char *s, size_t a, size_t b, lp_spans *out)
{
	size_t i, k, e;

	/* Most links (t.co) hold no decimal number, so no pair. */
	if (!has_decimal(s, a, b))
		return 0;
	for (i = a; i < b; i++) {
		int c = lp_to_lower((unsigned char)s[i]);

		/* Every marker, and "map=", starts with one of these. */
		if (!lp_in_set(c, "@qlscdgm"))
			continue;
		for (k = 0; url_markers[k].m; k++) {
			const char *m = url_markers[k].m;
			size_t ml = 0;

			if ((unsigned char)m[0] != c)
				continue;
			while (m[ml])
				ml++;
			if (!lp_ci_prefix(s, b, i, m))
				continue;
			e = try_decimal_pair(s, b, i + ml, M_URL);
			if (e) {
				if (lp_spans_push(out, i + ml, e))
					return -1;
				i = e - 1;
				break;
			}
		}
		/* OpenStreetMap: #map=ZOOM/LAT/LON */
		if (lp_ci_prefix(s, b, i, "map=")) {
			size_t j = i + 4;

			while (j < b && lp_is_digit((unsigned char)s[j]))
				j++;
			if (j > i + 4 && lp_at(s, b, j) == '/' &&
			    (e = try_decimal_pair(s, b, j + 1, M_SLASH)) != 0) {
				if (lp_spans_push(out, j + 1, e))
					return -1;
				i = e - 1;
			}
		}
	}
	return 0;
}

/* The text holds "geo:" (any case) somewhere. Only then can a word
 * start a match, so only then does the scan stop at words. */
static int has_geo(const lp_text *text)
{
	const char *s = text->s, *p = s, *end = s + text->len;

	if (!(text->has & LP_HAS_KV))
		return 0;
	while ((p = memchr(p, ':', (size_t)(end - p))) != NULL) {
		if (p - s >= 3 && (p[-3] | 0x20) == 'g' && (p[-2] | 0x20) == 'e' &&
		    (p[-1] | 0x20) == 'o')
			return 1;
		p++;
	}
	return 0;
}

/* Bytes that glue onto a number (1.5x, 2.0.1): after a number that
 * starts no pair, the scan skips them. */
static const unsigned char glued[256] = {
	['.'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};

/* A pair can start at i only with the shape of its first number: 1-3
 * digits (after an optional sign), then a '.' and a digit (decimal
 * degrees, or DMS degrees with decimals) or, for DMS, a degree sign.
 * Nearly every number in a tweet fails this on the byte after its
 * digits, before any parsing. d is where the digits start (i, or i + 1
 * after a sign); *e gets where the digits end, or a place inside them
 * when there are more than 3. */
static int pair_shape(const char *s, size_t i, size_t d, size_t *e)
{
	size_t j = d;
	unsigned char c;

	/* s is NUL-terminated: the loops stop at its end. */
	while (lp_is_digit((unsigned char)s[j]) && j - d < 4)
		j++;
	*e = j;
	if (j == d || j - d > 3)
		return 0;
	c = (unsigned char)s[j];
	if (c == '.')
		return lp_is_digit((unsigned char)s[j + 1]);
	/* The first byte of a degree sign; DMS starts with a digit. */
	return (c == 0xC2 || c == 0xCB) && d == i;
}

/* Where the scan stops (for lp_text_next_of): digits after anything but
 * a digit (one after a digit is only reached by jumping), signs, URLs, and
 * words when the text holds "geo:" (*with_words is then all ones). */
static uint64_t starts_block(const lp_text *text, const void *with_words,
                             size_t k)
{
	const uint64_t *set = text->sets;
	size_t w = text->words;

	return set[LP_SET_NUM * w + k] | set[LP_SET_SIGN * w + k] |
	       set[LP_SET_URL * w + k] |
	       (set[LP_SET_WORD * w + k] & *(const uint64_t *)with_words);
}

/* The text holds two decimal numbers ("40.7") or a degree sign: a
 * decimal pair, in text, a link or a geo: URI, is two decimals
 * (parse_decimal), and a DMS pair has degree signs (dms_one). The digit
 * after the '.' of a decimal starts a run of digits, so only those are
 * looked at. A text with one decimal, a price or a version, holds no
 * pair. */
static int may_hold_pair(const lp_text *text)
{
	const char *s = text->s;
	const uint64_t *num = text->sets + LP_SET_NUM * text->words;
	size_t k;
	int decimals = 0;

	for (k = 0; k < text->words; k++) {
		uint64_t m = num[k];

		while (m) {
			size_t p = (k << 6) + (size_t)lp_ctz64(m);

			if (p >= 2 && s[p - 1] == '.' &&
			    lp_is_digit((unsigned char)s[p - 2]) && ++decimals == 2)
				return 1;
			m &= m - 1;
		}
	}
	return !text->ascii && (memchr(s, 0xC2, text->len) || memchr(s, 0xCB, text->len));
}

int lp_detect_gps(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, i;
	uint64_t with_words;

	if (text->digits < 2)
		return 0; /* a pair of coordinates has at least two digits */
	if (!may_hold_pair(text))
		return 0;
	/* Words matter only for "geo:", which few texts hold. */
	with_words = has_geo(text) ? ~(uint64_t)0 : 0;
	i = lp_text_next_of(text, starts_block, &with_words, 0);
	while (i < len) {
		size_t e = 0, start = i, d, de = i;
		unsigned char c = (unsigned char)s[i];

		if (lp_text_in(text, LP_SET_URL, i)) {
			size_t u = lp_text_url_end(text, i);

			if (scan_url(s, i, u, out))
				return -1;
			i = u;
			continue;
		}
		d = c == '-' || c == '+' ? i + 1 : i;
		if ((c | 0x20) == 'g' && lp_ci_word(s, len, i, "geo") &&
		    lp_at(s, len, i + 3) == ':') {
			start = i + 4;
			e = try_decimal_pair(s, len, start, M_GEO);
		} else if (pair_shape(s, i, d, &de) && lp_num_start_ok(s, len, i)) {
			e = try_dms_pair(s, len, i);
			if (!e)
				e = try_decimal_pair(s, len, i, M_TEXT);
		}
		if (e) {
			if (lp_spans_push(out, start, e))
				return -1;
			i = e;
			continue;
		}
		/* Past a number and what is glued to it: the byte after can
		 * only start a match if it is a candidate. (After a sign, the
		 * number is a candidate of its own: "-40.7 N" fails, "40.7 N"
		 * may not.) */
		if (lp_is_digit(c)) {
			for (i = de; glued[(unsigned char)s[i]]; i++)
				;
		} else {
			i++;
		}
		i = lp_text_next_of(text, starts_block, &with_words, i);
	}
	return 0;
}
