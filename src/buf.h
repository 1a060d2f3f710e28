/*
 * buf.h - a growable byte buffer for building text (JSON, messages).
 *
 * An allocation failure is sticky: later appends do nothing and
 * lp_buf_failed() reports it once at the end, which keeps the many small
 * appends of the JSON writer free of error checks.
 */
#ifndef LP_BUF_H
#define LP_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct lp_buf {
	char *s;
	size_t len;
	size_t cap;
	int failed;
} lp_buf;

#define LP_BUF_INIT {NULL, 0, 0, 0}

void lp_buf_append(lp_buf *b, const char *s, size_t len);
void lp_buf_puts(lp_buf *b, const char *s);
void lp_buf_putc(lp_buf *b, char c);
void lp_buf_printf(lp_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
void lp_buf_json_string(lp_buf *b, const char *s, size_t len);
/* Returns 0, or -1 when an append failed to allocate. */
int lp_buf_failed(const lp_buf *b);
/* Hands the NUL-terminated contents to the caller and resets b. */
char *lp_buf_detach(lp_buf *b, size_t *len);
void lp_buf_free(lp_buf *b);

#endif
