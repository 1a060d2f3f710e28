/*
 * detect_email.c - the `email` detector: local@domain.tld, and the forms
 * people use to dodge filters: name [at] domain [dot] com, name (at)
 * domain (dot) com, name at domain dot com.
 *
 * A plain "at" is an English word, so the spelled-out form is accepted only
 * when the domain also has a spelled-out or bracketed "dot" ("meet at home"
 * is not an address, "jane at example dot com" is), and not when the words
 * around it are common English ("look at this dot com bubble").
 */
#include <string.h>

#include "detectors.h"
#include "scan_util.h"

#define MAX_LOCAL 64
#define MAX_DOMAIN 253

enum marker { M_PLAIN, M_BRACKET, M_WORD };

/* Words that are not e-mail local parts or domains in running English. */
static const char *const stop_words[] = {
	"this", "that", "the", "a", "an", "it", "home", "work", "me", "you",
	"him", "her", "them", "us", "my", "your", "his", "our", "their",
	"least", "last", "all", "once", "first", "night", "school", "noon",
	"look", "looking", "meet", "see", "be", "is", "are", "was", "am",
	"and", "or", "but", "not", "so", NULL,
};

/* File extensions that follow an '@' in image names (icon@2x.png). */
static const char *const file_exts[] = {
	"png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "pdf", "js",
	"css", "json", "txt", "htm", "html", "php", "mp4", "mov", "heic", NULL,
};

static int is_local_char(unsigned char c)
{
	return lp_is_alnum(c) || lp_in_set(c, "._%+-'");
}

/* A domain character at i (ASCII letter, digit, '-', or a letter of
 * another script); its length in bytes, or 0. */
static size_t domain_char(const char *s, size_t len, size_t i)
{
	size_t n;
	uint32_t cp;

	if (i >= len)
		return 0;
	cp = lp_cp_at(s, len, i, &n);
	if (cp < 0x80)
		return lp_is_alnum((int)cp) || cp == '-' ? 1 : 0;
	return lp_cp_is_letter(cp) ? n : 0;
}

static size_t label_end(const char *s, size_t len, size_t i)
{
	size_t n;

	while ((n = domain_char(s, len, i)) != 0)
		i += n;
	return i;
}

/* A bracketed word: [at] (at) {at} <at>, and [.] (.) for "dot". */
static size_t bracketed(const char *s, size_t len, size_t i, const char *w)
{
	static const char open[] = "[({<", close[] = "])}>";
	const char *o = lp_in_set(lp_at(s, len, i), open) ?
			strchr(open, lp_at(s, len, i)) : NULL;
	size_t wl = strlen(w);

	if (!o)
		return 0;
	if (lp_ci_prefix(s, len, i + 1, w) &&
	    lp_at(s, len, i + 1 + wl) == (unsigned char)close[o - open])
		return wl + 2;
	return 0;
}

/*
 * A marker (w is "at" or "dot") at i, allowing spaces around bracketed and
 * spelled-out ones. *kind says which form; returns the offset just past
 * the marker and its trailing spaces, or 0.
 */
static size_t marker(const char *s, size_t len, size_t i, const char *w,
		     enum marker *kind)
{
	size_t j = i, b, wl = strlen(w);
	char sym = w[0] == 'a' ? '@' : '.';

	if (lp_at(s, len, j) == (unsigned char)sym) {
		*kind = M_PLAIN;
		return j + 1;
	}
	while (lp_at(s, len, j) == ' ' && j - i < 3)
		j++;
	b = bracketed(s, len, j, w);
	if (!b) {
		/* [@] (@) [.] (.) */
		const char sq[4] = { '[', sym, ']', 0 }, pa[4] = { '(', sym, ')', 0 };

		if (lp_ci_prefix(s, len, j, sq) || lp_ci_prefix(s, len, j, pa))
			b = 3;
	}
	if (b) {
		j += b;
		*kind = M_BRACKET;
	} else if (j > i && lp_ci_word(s, len, j, w) &&
		   lp_at(s, len, j + wl) == ' ') {
		j += wl;
		*kind = M_WORD;
	} else {
		return 0;
	}
	while (lp_at(s, len, j) == ' ' && j - i < 12)
		j++;
	/* A spelled-out marker needs spaces on both sides. */
	if (*kind == M_WORD && lp_at(s, len, j - 1) != ' ')
		return 0;
	return j;
}

static int is_stop_word(const char *s, size_t start, size_t end)
{
	size_t w;

	for (w = 0; stop_words[w]; w++) {
		/* The first letter before the length: most words differ there. */
		if (lp_to_lower((unsigned char)s[start]) == stop_words[w][0] &&
		    strlen(stop_words[w]) == end - start &&
		    lp_ci_prefix(s, end, start, stop_words[w]))
			return 1;
	}
	return 0;
}

/* The TLD is letters (any script), at least two, or IDNA "xn--". */
static int tld_ok(const char *s, size_t start, size_t end)
{
	size_t i, n, chars = 0;
	uint32_t cp;

	if (end - start >= 5 && lp_ci_prefix(s, end, start, "xn--"))
		return 1;
	for (i = start; i < end; i += n) {
		cp = lp_cp_at(s, end, i, &n);
		if (!lp_cp_is_letter(cp))
			return 0;
		chars++;
	}
	if (chars < 2)
		return 0;
	for (i = 0; file_exts[i]; i++) {
		if (lp_to_lower((unsigned char)s[start]) == file_exts[i][0] &&
		    strlen(file_exts[i]) == end - start &&
		    lp_ci_prefix(s, end, start, file_exts[i]))
			return 0;
	}
	return 1;
}

/*
 * Parses the domain after an at-marker. Returns the end of the TLD or 0;
 * *fancy is set when a bracketed or spelled-out dot was used, *stop when a
 * label before the TLD is a common English word (the TLD is checked
 * against the real ones, and .me, .us and .is are real).
 */
static size_t parse_domain(const char *s, size_t len, size_t i, int *fancy,
			   int *stop)
{
	size_t start = i, e, last_start = i, last_end = 0, labels = 0;
	enum marker k;
	int last_stop = 0;

	*fancy = 0;
	*stop = 0;
	for (;;) {
		size_t next;

		e = label_end(s, len, i);
		if (e == i || s[i] == '-' || s[e - 1] == '-' ||
		    e - start > MAX_DOMAIN)
			break;
		*stop |= last_stop;
		last_stop = is_stop_word(s, i, e);
		last_start = i;
		last_end = e;
		labels++;
		next = marker(s, len, e, "dot", &k);
		if (!next || (k == M_PLAIN && !domain_char(s, len, next)))
			break;
		if (k != M_PLAIN)
			*fancy = 1;
		i = next;
	}
	if (labels < 2 || !tld_ok(s, last_start, last_end))
		return 0;
	return last_end;
}

/* The code point before pos may end a local part: ASCII local characters,
 * or letters of scripts written with spaces (josé@, not 联系jane@).
 * Returns its length in bytes, or 0. */
static size_t local_char_before(const char *s, size_t pos)
{
	size_t st;
	uint32_t cp = lp_cp_before(s, pos, &st);

	if (cp < 0x80)
		return is_local_char((unsigned char)cp) ? 1 : 0;
	return lp_cp_is_letter(cp) && !lp_cp_is_spaceless(cp) ? pos - st : 0;
}

/* Whether the byte at p, an 'o' or a '.', is the middle of "dot" (any
 * case), "[.]" or "(.)" within the len bytes of s. */
static int fancy_dot_at(const char *s, size_t len, size_t p)
{
	if (p == 0 || p + 1 >= len)
		return 0;
	if (s[p] == '.')
		return (s[p - 1] == '[' && s[p + 1] == ']') ||
		       (s[p - 1] == '(' && s[p + 1] == ')');
	return lp_to_lower((unsigned char)s[p]) == 'o' &&
	       lp_to_lower((unsigned char)s[p - 1]) == 'd' &&
	       lp_to_lower((unsigned char)s[p + 1]) == 't';
}

/*
 * Whether the text holds what a bracketed or spelled-out dot needs: "dot"
 * in any case ([dot], (dot), " dot "...), "[.]" or "(.)". Eight bytes at
 * a time, looking closer only at an 'o' or a '.': the normalised text is
 * padded with NULs to its 64-byte blocks (text_norm.h), so the last eight
 * may run past its end.
 */
static int has_fancy_dot(const lp_text *text)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones * 0x80;
	const char *s = text->s;
	size_t len = text->len, i, b;

	for (i = 0; i < len; i += 8) {
		uint64_t x, o, d, m;

		memcpy(&x, s + i, 8);
		o = (x | ones * 0x20) ^ (ones * 'o');
		d = x ^ (ones * '.');
		/* The high bit of each byte that is 'o', 'O' or '.' (and
		 * perhaps of some byte above one: each is checked). */
		m = (((o - ones) & ~o) | ((d - ones) & ~d)) & high;
		if (!m)
			continue;
		for (b = 0; b < 8; b++)
			if ((m >> (8 * b + 7) & 1) && fancy_dot_at(s, len, i + b))
				return 1;
	}
	return 0;
}

/* Tries an e-mail address whose at-marker starts at m. Returns its end and
 * sets *start, or returns 0. *dots is has_fancy_dot() of the text, -1
 * until a spelled-out "at" asks for it. */
static size_t try_at(const lp_text *text, size_t m, size_t min_start,
		     size_t *start, int *dots)
{
	const char *s = text->s;
	size_t len = text->len, ls, le, dstart, dend, i, n;
	enum marker k;
	int fancy, stop;

	dstart = marker(s, len, m, "at", &k);
	if (!dstart)
		return 0;
	/* A spelled-out "at" needs a spelled-out or bracketed dot (below):
	 * in most texts with an "at" there is none to find. */
	if (k == M_WORD) {
		if (*dots < 0)
			*dots = has_fancy_dot(text);
		if (!*dots)
			return 0;
	}
	/* The local part ends at m, or before the spaces ahead of a
	 * bracketed or spelled-out marker. */
	le = m;
	if (k != M_PLAIN) {
		while (le > min_start && s[le - 1] == ' ')
			le--;
	}
	ls = le;
	while (ls > min_start && le - ls < MAX_LOCAL &&
	       (n = local_char_before(s, ls)) != 0)
		ls -= n;
	/* Punctuation around the local part belongs to the sentence. */
	while (ls < le && lp_in_set((unsigned char)s[ls], ".-'+"))
		ls++;
	while (le > ls && lp_in_set((unsigned char)s[le - 1], ".-'"))
		le--;
	if (ls == le || (k == M_PLAIN && le != m))
		return 0;
	if (lp_word_before(s, ls) ||
	    (k != M_PLAIN && ls > 0 && lp_in_set((unsigned char)s[ls - 1], "@/:")))
		return 0;
	for (i = ls; i + 1 < le; i++) {
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
	}
	dend = parse_domain(s, len, dstart, &fancy, &stop);
	if (!dend)
		return 0;
	if (k == M_WORD) {
		/* "at" alone is English: require a spelled-out or bracketed
		 * dot, and no common word as the name or a label. */
		if (!fancy || stop || is_stop_word(s, ls, le))
			return 0;
	}
	if (lp_at(s, len, dend) == '@')
		return 0;
	*start = ls;
	return dend;
}

int lp_detect_email(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, from = 0, last_end = 0;
	const unsigned starts = LP_IN(LP_SET_MARK) | LP_IN(LP_SET_URL);
	int dots = -1;

	/* An address needs an '@', or an "at" spelled out or bracketed. */
	if (!(text->has & (LP_HAS_AT | LP_HAS_ATW)))
		return 0;
	while (from < len) {
		size_t p = lp_text_next(text, starts, from), u, m, start = 0, end = 0;

		if (p == len)
			break;
		/* The "a" of a word is only ever the spelled-out marker:
		 * "at ", and a dot to go with it. */
		if (lp_to_lower((unsigned char)s[p]) == 'a' &&
		    !lp_text_in(text, LP_SET_URL, p) &&
		    (lp_to_lower(lp_at(s, len, p + 1)) != 't' ||
		     lp_at(s, len, p + 2) != ' ' ||
		     !(dots < 0 ? (dots = has_fancy_dot(text)) : dots))) {
			from = p + 1;
			continue;
		}
		u = lp_text_url_at(text, p);
		if (u) {
			from = u;
			continue;
		}
		/* The at-marker is tried at p, an '@', a bracket or the "a" of
		 * a spelled-out "at", and from each of the up to three spaces
		 * before it (which marker() allows), the first first. */
		for (m = p; m > from && p - m < 3 && s[m - 1] == ' '; m--)
			;
		for (; m <= p && !end; m++)
			end = try_at(text, m, last_end, &start, &dots);
		if (end) {
			if (lp_spans_push(out, start, end))
				return -1;
			from = last_end = end;
		} else {
			from = p + 1;
		}
	}
	return 0;
}
