/*
 * ascii.h - ASCII character classes that do not depend on the process
 * locale, and words of fixed lists.
 *
 * <ctype.h> answers by the current locale: a host program that calls
 * setlocale() could make bytes of UTF-8 count as letters, or fold them
 * into other bytes. Policy names, JSON syntax and detectors are defined
 * over ASCII, so they use these instead.
 */
#ifndef LP_ASCII_H
#define LP_ASCII_H

#include <stddef.h>

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

/* A word of a fixed list (a detector's context words, a report object's
 * members, a template's placeholders) with its length, so that the list
 * is searched without strlen; LP_WORD("call") makes one from a literal. */
typedef struct lp_word {
	const char *w;
	size_t len;
} lp_word;
#define LP_WORD(x) { x, sizeof(x) - 1 }

#endif
