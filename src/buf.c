#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

int lp_buf_grow(lp_buf *b, size_t extra)
{
	if (b->failed)
		return -1;
	if (extra < b->cap - b->len)
		return 0;
	if (extra > (size_t)-1 - b->len - 1 ||
	    lp_grow(&b->s, &b->cap, b->len + extra + 1, 1) != 0) {
		b->failed = 1;
		return -1;
	}
	return 0;
}

void lp_buf_printf(lp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Formatted once into the room there is, and again only when the
	 * result did not fit. */
	if (!b->failed && b->cap - b->len > 1) {
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->s[b->len] = '\0';
	}
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || lp_buf_reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* How many bytes from s[i] on, before len, are plain: a block of 16 at a
 * time, and the last few behind plain padding, so that the end of a
 * string is not read byte by byte. */
static size_t plain_run(const char *s, size_t i, size_t len)
{
	char tail[16];
	size_t k;

	if (i + 16 <= len)
		return lp_json_plain16(s + i, NULL);
	memset(tail, ' ', sizeof(tail));
	memcpy(tail, s + i, len - i);
	k = lp_json_plain16(tail, NULL);
	return k < len - i ? k : len - i;
}

void lp_buf_json_string(lp_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, run = 0;

	lp_buf_putc(b, '"');
	while (i < len) {
		size_t k = plain_run(s, i, len);
		unsigned char c;
		const char *esc = NULL;
		char u[6];

		i += k;
		if (k == 16 || i == len)
			continue;
		c = (unsigned char)s[i++];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue; /* the portable scan stops short */
		lp_buf_append(b, s + run, i - 1 - run);
		run = i;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			lp_buf_append(b, u, 6);
			continue;
		}
		lp_buf_append(b, esc, 2);
	}
	lp_buf_append(b, s + run, len - run);
	lp_buf_putc(b, '"');
}

int lp_buf_failed(const lp_buf *b) { return b->failed ? -1 : 0; }

char *lp_buf_detach(lp_buf *b, size_t *len)
{
	char *s;

	if (b->failed || (!b->s && lp_buf_reserve(b, 0) != 0)) {
		lp_buf_free(b);
		return NULL;
	}
	s = b->s;
	if (len)
		*len = b->len;
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void lp_buf_free(lp_buf *b)
{
	lp_free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
	b->failed = 0;
}
