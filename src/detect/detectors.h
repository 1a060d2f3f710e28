/*
 * detectors.h - the entry points of the built-in detectors, one per file
 * (detect_*.c), gathered into lp_builtin_detectors[] by registry.c.
 */
#ifndef LP_DETECTORS_H
#define LP_DETECTORS_H

#include "detect.h"

int lp_detect_email(const lp_text *text, lp_spans *out);
int lp_detect_phone(const lp_text *text, lp_spans *out);
int lp_detect_street_address(const lp_text *text, lp_spans *out);
int lp_detect_gps(const lp_text *text, lp_spans *out);
int lp_detect_us_ssn(const lp_text *text, lp_spans *out);
int lp_detect_us_itin(const lp_text *text, lp_spans *out);
int lp_detect_aba_routing(const lp_text *text, lp_spans *out);
int lp_detect_payment_card(const lp_text *text, lp_spans *out);
int lp_detect_iban(const lp_text *text, lp_spans *out);
int lp_detect_credentials(const lp_text *text, lp_spans *out);
int lp_detect_national_id(const lp_text *text, lp_spans *out);

#endif
