/*
 * fuzz_detect.c - text normalisation, every built-in detector and the
 * masking of each match.
 *
 * The input is a tweet text. Like the evaluator, which only ever passes
 * valid UTF-8 without NULs (the report parser refuses the rest), the
 * target first makes it so: NULs become '?' and lp_utf8_repair replaces
 * what is left of malformed bytes. Texts over LP_MAX_TEXT_BYTES are
 * skipped, as reports refuse them.
 *
 * Checked, with a trap on violation:
 *  - normalisation: no longer than the input, NUL-terminated, code-point
 *    offsets non-decreasing and within the code points of the input; every
 *    candidate set holds exactly the bytes it should, and lp_text_next
 *    finds the next of them from any offset;
 *  - each detector: spans in range, non-empty, in increasing order,
 *    not overlapping, on character boundaries; -1 only at the match limit;
 *  - each match masked as a decision shows it (the original characters
 *    the span maps back to): valid UTF-8, one character per character of
 *    the original, and no ASCII digit unless the style is ADDRESS (whose
 *    leading house number is kept).
 * The raw input (malformed bytes included) is also masked in every style.
 */
#include <stdlib.h>
#include <string.h>

#include "detect.h"
#include "fuzz.h"
#include "libpolicy/limits.h"
#include "mask.h"
#include "report.h"
#include "scan_util.h"
#include "text_norm.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static size_t count_cps(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

/* The byte offset in s (valid UTF-8) of each code point, and len at
 * [cps]: eval.c's byte_of_cp for every code point at once (one pass, not
 * one per match: the harness must not be what makes runs slow). */
static size_t *byte_offsets(const char *s, size_t len, size_t cps)
{
	size_t *at = malloc((cps + 1) * sizeof(*at));
	size_t i, n = 0;

	if (!at)
		return NULL;
	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			at[n++] = i;
	}
	at[n] = len;
	return at;
}

static int is_boundary(const char *s, size_t len, size_t i)
{
	return i == len || ((unsigned char)s[i] & 0xC0) != 0x80;
}

static void check_mask(const char *src, size_t len, lp_mask_style style)
{
	char *out = NULL;
	size_t n;

	FUZZ_CHECK(lp_mask(&out, src, len, style) == 0);
	FUZZ_CHECK(out != NULL);
	n = strlen(out);
	FUZZ_CHECK(lp_utf8_valid(out, n));
	FUZZ_CHECK(count_cps(out, n) == count_cps(src, len));
	if (style != LP_MASK_ADDRESS) {
		size_t i;

		for (i = 0; i < n; i++)
			FUZZ_CHECK(out[i] < '0' || out[i] > '9');
	}
	lp_free(out);
}

/* Bit i of set, read straight (lp_text_in stops at len). */
static int in_set(const lp_text *t, unsigned set, size_t i)
{
	return (int)((t->sets[set * t->words + i / 64] >> (i % 64)) & 1);
}

/* Each candidate set holds exactly the bytes its definition names, and
 * lp_text_next finds the next of them from anywhere. */
static void check_sets(const lp_text *t)
{
	const char *s = t->s;
	size_t i, digits = 0;
	unsigned set;

	FUZZ_CHECK(t->words == (t->len + 63) / 64);
	for (i = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)s[i], p = i ? (unsigned char)s[i - 1] : 0;
		int num = lp_is_digit(c) && !lp_is_digit(p);

		digits += lp_is_digit(c);
		FUZZ_CHECK(in_set(t, LP_SET_NUM, i) == num);
		FUZZ_CHECK(in_set(t, LP_SET_NUMOK, i) ==
		           (num && lp_num_start_ok(s, t->len, i)));
		FUZZ_CHECK(in_set(t, LP_SET_WORD, i) ==
		           (lp_is_alpha(c) && !lp_is_alpha(p)));
		FUZZ_CHECK(in_set(t, LP_SET_SIGN, i) ==
		           (c == '+' || c == '-' || c == '('));
		FUZZ_CHECK(in_set(t, LP_SET_MARK, i) ==
		           (c == '@' || c == '[' || c == '(' || c == '{' || c == '<' ||
		            ((c | 0x20) == 'a' && p == ' ')));
		FUZZ_CHECK(in_set(t, LP_SET_URL, i) == (lp_url_end(s, t->len, i) != 0));
		FUZZ_CHECK(in_set(t, LP_SET_KV, i) == (c == ':' || c == '='));
	}
	FUZZ_CHECK(t->digits == digits);
	/* No bit past the end. */
	for (set = 0; set < LP_SET_COUNT; set++) {
		for (i = t->len; i < t->words * 64; i++)
			FUZZ_CHECK(!in_set(t, set, i));
	}
	for (set = 0; set < LP_SET_COUNT; set++) {
		size_t from, next = t->len;

		/* Backwards, so that next is the answer for from. */
		for (from = t->len + 1; from-- > 0;) {
			if (from < t->len && in_set(t, set, from))
				next = from;
			FUZZ_CHECK(lp_text_next(t, LP_IN(set), from) == next);
		}
	}
}

static void check_text(const char *src, size_t len, size_t cps, lp_text *t)
{
	size_t i;

	FUZZ_CHECK(lp_text_normalise(t, src, len) == 0);
	FUZZ_CHECK(t->len <= len);
	FUZZ_CHECK(t->s[t->len] == '\0');
	FUZZ_CHECK(lp_text_cp(t, t->len) == cps);
	for (i = 0; i < t->len; i++) {
		FUZZ_CHECK(lp_text_cp(t, i) < cps);
		FUZZ_CHECK(lp_text_cp(t, i) <= lp_text_cp(t, i + 1));
		FUZZ_CHECK(!t->ascii || (unsigned char)t->s[i] < 0x80);
	}
	FUZZ_CHECK(!t->ascii || t->len == len);
	check_sets(t);
}

static void check_detector(const lp_builtin_detector *d, const char *src,
                           const size_t *byte_at, size_t cps,
                           const lp_text *t, lp_spans *sp)
{
	size_t i;
	int rc;

	lp_spans_clear(sp);
	rc = d->detect(t, sp);
	FUZZ_CHECK(rc == 0 || sp->n == LP_MAX_DETECTOR_MATCHES);
	FUZZ_CHECK(sp->n <= LP_MAX_DETECTOR_MATCHES);
	for (i = 0; i < sp->n; i++) {
		size_t s = sp->v[i].start, e = sp->v[i].end, c0, c1, b0, b1;

		FUZZ_CHECK(s < e);
		FUZZ_CHECK(e <= t->len);
		FUZZ_CHECK(i == 0 || s >= sp->v[i - 1].end);
		FUZZ_CHECK(is_boundary(t->s, t->len, s));
		FUZZ_CHECK(is_boundary(t->s, t->len, e));
		/* The evidence: code points of the original, then its bytes. */
		c0 = lp_text_cp(t, s);
		c1 = lp_text_cp(t, e - 1) + 1;
		FUZZ_CHECK(c0 < c1 && c1 <= cps);
		b0 = byte_at[c0];
		b1 = byte_at[c1];
		FUZZ_CHECK(b0 < b1);
		check_mask(src + b0, b1 - b0, d->mask);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const lp_mask_style styles[] = {
		LP_MASK_WORDS, LP_MASK_ADDRESS, LP_MASK_DIGITS, LP_MASK_EMAIL
	};
	const lp_builtin_detector *d;
	lp_text t;
	lp_spans sp = { NULL, 0, 0 };
	char *src, *out;
	size_t i, cps, *byte_at;

	if (size > LP_MAX_TEXT_BYTES)
		return 0;
	/* Malformed input must not break masking either (the evaluator never
	 * gives it any, but lp_mask promises not to copy such bytes). */
	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		out = NULL;
		FUZZ_CHECK(lp_mask(&out, (const char *)data, size, styles[i]) == 0);
		FUZZ_CHECK(out != NULL);
		lp_free(out);
	}

	src = malloc(size + 1);
	if (!src)
		return 0;
	for (i = 0; i < size; i++)
		src[i] = data[i] ? (char)data[i] : '?';
	src[size] = '\0';
	lp_utf8_repair(src);
	FUZZ_CHECK(lp_utf8_valid(src, size));

	cps = count_cps(src, size);
	byte_at = byte_offsets(src, size, cps);
	if (!byte_at) {
		free(src);
		return 0;
	}
	memset(&t, 0, sizeof(t));
	check_text(src, size, cps, &t);
	for (d = lp_builtin_detectors; d->name; d++)
		check_detector(d, src, byte_at, cps, &t, &sp);
	lp_spans_free(&sp);
	lp_text_free(&t);
	free(byte_at);
	free(src);
	return 0;
}
