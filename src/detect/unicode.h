/*
 * unicode.h - the little Unicode knowledge shared by text normalisation
 * and masking: which code points are decimal digits, and which are
 * spaces.
 */
#ifndef LP_UNICODE_H
#define LP_UNICODE_H

#include <stdint.h>

/* The value 0-9 of cp when it is a decimal digit of any script (general
 * category Nd, Unicode 14: ASCII, full-width, Arabic-Indic, Devanagari,
 * ...), otherwise -1. */
int lp_cp_decimal_value(uint32_t cp);

/* cp is a space separator other than ASCII white space: no-break space,
 * the spaces U+2000-U+200A, narrow no-break, medium mathematical and
 * ideographic spaces. */
int lp_cp_is_space_sep(uint32_t cp);

#endif
