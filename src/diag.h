/*
 * diag.h - diagnostics of policy loading: where (file:line:column), what
 * (a stable code), and a message a policy analyst understands.
 */
#ifndef LP_DIAG_H
#define LP_DIAG_H

#include <stdarg.h>

#include "libpolicy.h"

/* A place in a policy source. file points into the compiler's own copy of
 * the source name and lives as long as the compiler. */
typedef struct lp_mark {
	const char *file;
	unsigned line;
	unsigned column;
} lp_mark;

typedef struct lp_diag_sink {
	lp_diagnostic_fn fn;
	void *payload;
	unsigned errors;
	unsigned warnings;
} lp_diag_sink;

void lp_diag(lp_diag_sink *sink, lp_diag_level level, const char *code,
             const lp_mark *at, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

void lp_vdiag(lp_diag_sink *sink, lp_diag_level level, const char *code,
              const lp_mark *at, const char *fmt, va_list ap)
	__attribute__((format(printf, 5, 0)));

/* The candidate closest to word by edit distance, or NULL when none is
 * close enough to be a plausible typo. */
const char *lp_did_you_mean(const char *word, const char *const *candidates,
                            size_t count);

/* The same over a table of count entries, stride bytes apart, each
 * starting with its name (a char *): every table of a compiled policy. */
const char *lp_did_you_mean_in(const char *word, const void *table,
                               size_t count, size_t stride);

#endif
