/*
 * detect_aba.c - the `aba_routing` detector: US bank routing (ABA) numbers,
 * nine digits whose weighted sum 3-7-1 is a multiple of ten and whose
 * first two digits name a Federal Reserve district (00-12, 21-32, 61-72)
 * or 80 (traveler's checks). One nine-digit number in ten passes the
 * checksum, so a routing number counts only after a word that says so.
 */
#include "detectors.h"
#include "scan_util.h"

static const char *const words[] = {
	"routing", "routing number", "routing no", "aba", "rtn", "transit",
	NULL,
};

static int valid_aba(const char *d)
{
	int prefix = (d[0] - '0') * 10 + (d[1] - '0');
	int sum = 3 * (d[0] + d[3] + d[6] - 3 * '0') +
	          7 * (d[1] + d[4] + d[7] - 3 * '0') +
	          (d[2] + d[5] + d[8] - 3 * '0');

	if (!((prefix <= 12) || (prefix >= 21 && prefix <= 32) ||
	      (prefix >= 61 && prefix <= 72) || prefix == 80))
		return 0;
	return sum % 10 == 0;
}

/*
 * A routing number at i, where nine digits start (see
 * lp_detect_aba_routing); returns its end or 0. The context words are
 * looked for last: most numbers fail the checks on their digits.
 */
static size_t try_aba(const char *s, size_t len, size_t i)
{
	if (!lp_num_end_ok(s, len, i + 9) || !valid_aba(s + i) ||
	    !lp_context_before(s, i, 30, words))
		return 0;
	return i + 9;
}

/*
 * The digits of block k of LP_SET_NUMOK after which no other run of
 * digits (LP_SET_NUM) starts within eight bytes: the only ones where a
 * run of nine digits or more can start. From bit b, whether a run starts
 * in bytes b + 1 to b + 8 is the runs of the block (and of the next)
 * shifted by one, or-ed with itself shifted by 1, 2 and 4.
 */
static uint64_t long_runs(const lp_text *text, size_t k)
{
	size_t w = text->words;
	const uint64_t *num = text->sets + LP_SET_NUM * w;
	uint64_t lo = num[k] >> 1, hi;

	if (k + 1 == w) {
		/* The last block (the only one of most texts): nothing
		 * follows it. */
		lo |= lo >> 1;
		lo |= lo >> 2;
		lo |= lo >> 4;
	} else {
		lo |= num[k + 1] << 63;
		hi = num[k + 1] >> 1;
		lo |= lo >> 1 | hi << 63;
		hi |= hi >> 1;
		lo |= lo >> 2 | hi << 62;
		hi |= hi >> 2;
		lo |= lo >> 4 | hi << 60;
	}
	return text->sets[LP_SET_NUMOK * w + k] & ~lo;
}

/*
 * As lp_scan_tokens over LP_SET_NUMOK with try_aba, walking the bits of
 * each block in place, and asking whether a number is in a URL (which
 * lp_scan_tokens skips whole) only of a match (lp_text_in_url). A routing
 * number is nine digits that lp_num_end_ok does not see go on: a run of
 * exactly nine, as a tenth digit fails lp_num_end_ok. Such a run starts
 * only at a digit of long_runs, and one of those starts a run of nine
 * digits or more when its ninth byte is a digit (no run starts between
 * them, so none of the bytes between is other than a digit).
 */
int lp_detect_aba_routing(const lp_text *text, lp_spans *out)
{
	const char *s = text->s;
	size_t len = text->len, k, from = 0;

	if (text->digits < 9)
		return 0;
	for (k = 0; k < text->words; k++) {
		uint64_t m = long_runs(text, k);

		while (m) {
			size_t i = k * 64 + lp_ctz64(m), end;

			m &= m - 1;
			/* Inside the last match, or fewer than nine digits. */
			if (i < from || i + 9 > len ||
			    !lp_is_digit((unsigned char)s[i + 8]))
				continue;
			end = try_aba(s, len, i);
			if (!end || lp_text_in_url(text, i))
				continue;
			if (lp_spans_push(out, i, end))
				return -1;
			from = end;
		}
	}
	return 0;
}
