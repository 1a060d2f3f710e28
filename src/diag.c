#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "report.h"

void lp_diag(lp_diag_sink *sink, lp_diag_level level, const char *code,
             const lp_mark *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lp_vdiag(sink, level, code, at, fmt, ap);
	va_end(ap);
}

void lp_vdiag(lp_diag_sink *sink, lp_diag_level level, const char *code,
              const lp_mark *at, const char *fmt, va_list ap)
{
	char msg[512];
	lp_diagnostic d;

	if (level == LP_DIAG_ERROR)
		sink->errors++;
	else
		sink->warnings++;
	if (!sink->fn)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* A message cut at the buffer's end may end inside a character:
	 * what is printed stays valid UTF-8. */
	lp_utf8_trim(msg);
	d.level = level;
	d.code = code;
	d.file = at ? at->file : "";
	d.line = at ? at->line : 0;
	d.column = at ? at->column : 0;
	d.message = msg;
	sink->fn(&d, sink->payload);
}

/* Optimal string alignment distance, bounded to short identifiers: names in
 * a policy are short, and anything longer than the buffer is no typo. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[3][65];

	if (la > 64 || lb > 64)
		return (size_t)-1;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *cur = d[i % 3], *prev = d[(i + 2) % 3], *prev2 = d[(i + 1) % 3];

		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
	}
	return d[la % 3][lb];
}

const char *lp_did_you_mean_in(const char *word, const void *table,
                               size_t count, size_t stride)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i, limit;

	limit = strlen(word) / 3 + 1;
	if (limit > 3)
		limit = 3;
	for (i = 0; i < count; i++) {
		const char *name =
			*(const char *const *)((const char *)table + i * stride);
		size_t d = name ? edit_distance(word, name) : (size_t)-1;

		if (d < best_d) {
			best_d = d;
			best = name;
		}
	}
	return best_d <= limit ? best : NULL;
}

const char *lp_did_you_mean(const char *word, const char *const *candidates,
                            size_t count)
{
	return lp_did_you_mean_in(word, candidates, count, sizeof(*candidates));
}
