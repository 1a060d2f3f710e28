/*
 * registry.c - the table of built-in detectors that YAML policies refer to
 * by name (`builtin: NAME`), with the mask style of each one's evidence.
 */
#include "detect.h"

#include <string.h>

#include "detectors.h"

const lp_builtin_detector lp_builtin_detectors[] = {
	{ "email", lp_detect_email, LP_MASK_EMAIL,
	  "e-mail addresses, including obfuscated forms (name [at] domain [dot] com)" },
	{ "phone", lp_detect_phone, LP_MASK_DIGITS,
	  "phone numbers of every calling code (+CC) and in the national formats of the 30 largest markets (libphonenumber's numbering plans)" },
	{ "street_address", lp_detect_street_address, LP_MASK_ADDRESS,
	  "street addresses in the forms of 15 countries: house number, street name and type, optional unit, city and postcode" },
	{ "gps_coordinates", lp_detect_gps, LP_MASK_DIGITS,
	  "GPS coordinates: decimal and degrees-minutes-seconds pairs, geo: URIs, map links" },
	{ "us_ssn", lp_detect_us_ssn, LP_MASK_DIGITS,
	  "US social-security numbers valid under the SSA rules, also spread out (12/34/56/789) after a word that names them" },
	{ "payment_card", lp_detect_payment_card, LP_MASK_DIGITS,
	  "payment card numbers (Luhn check and issuer ranges), also spread out" },
	{ "iban", lp_detect_iban, LP_MASK_DIGITS,
	  "IBANs (country length and mod-97 check)" },
	/* The secret itself must not be hinted at, so credentials are masked
	 * like digits: only their shape remains. */
	{ "credentials", lp_detect_credentials, LP_MASK_DIGITS,
	  "sign-in credentials written as key-value pairs (password: ..., login: ... pw: ...)" },
	{ "us_itin", lp_detect_us_itin, LP_MASK_DIGITS,
	  "US individual taxpayer identification numbers (area 9xx, IRS groups)" },
	{ "aba_routing", lp_detect_aba_routing, LP_MASK_DIGITS,
	  "US bank routing (ABA) numbers after a routing word, with the 3-7-1 check" },
	{ "national_id", lp_detect_national_id, LP_MASK_DIGITS,
	  "national identity numbers of 12 countries (SE NO DK FI ES IT FR NL BR IN CN UK), with their check rules" },
	{ NULL, NULL, LP_MASK_WORDS, NULL }
};

const lp_builtin_detector *lp_builtin_detector_find(const char *name)
{
	const lp_builtin_detector *d;

	if (!name)
		return NULL;
	for (d = lp_builtin_detectors; d->name; d++) {
		if (strcmp(d->name, name) == 0)
			return d;
	}
	return NULL;
}
