/*
 * ascii.h - ASCII character classes that do not depend on the process
 * locale.
 *
 * <ctype.h> answers by the current locale: a host program that calls
 * setlocale() could make bytes of UTF-8 count as letters, or fold them
 * into other bytes. Policy names, JSON syntax and detectors are defined
 * over ASCII, so they use these instead.
 */
#ifndef LP_ASCII_H
#define LP_ASCII_H

static inline int lp_is_digit(int c) { return c >= '0' && c <= '9'; }
static inline int lp_is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static inline int lp_is_lower(int c) { return c >= 'a' && c <= 'z'; }
static inline int lp_is_alpha(int c) { return lp_is_upper(c) || lp_is_lower(c); }
static inline int lp_is_alnum(int c) { return lp_is_alpha(c) || lp_is_digit(c); }
static inline int lp_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}
static inline int lp_to_lower(int c) { return lp_is_upper(c) ? c + 32 : c; }

#endif
