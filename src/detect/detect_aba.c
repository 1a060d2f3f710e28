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

static size_t try_aba(const char *s, size_t len, size_t i)
{
	size_t k;

	for (k = 0; k < 9; k++)
		if (!lp_is_digit(lp_at(s, len, i + k)))
			return 0;
	if (!lp_num_end_ok(s, len, i + 9) ||
	    !lp_context_before(s, i, 30, words))
		return 0;
	return valid_aba(s + i) ? i + 9 : 0;
}

/* Offered only where a number may start (LP_SET_NUMOK). */
static int aba_can_start(const char *s, size_t len, size_t i)
{
	(void)s;
	(void)len;
	(void)i;
	return 1;
}

int lp_detect_aba_routing(const lp_text *text, lp_spans *out)
{
	if (text->digits < 9)
		return 0;
	return lp_scan_tokens(text, out, LP_IN(LP_SET_NUMOK), aba_can_start,
	                      try_aba);
}
