#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

static int reserve(lp_buf *b, size_t extra)
{
	/* The common case, room already there, costs no call. */
	if (extra < b->cap - b->len && !b->failed)
		return 0;
	if (b->failed)
		return -1;
	if (extra > (size_t)-1 - b->len - 1 ||
	    lp_grow(&b->s, &b->cap, b->len + extra + 1, 1) != 0) {
		b->failed = 1;
		return -1;
	}
	return 0;
}

void lp_buf_append(lp_buf *b, const char *s, size_t len)
{
	if (reserve(b, len) != 0)
		return;
	memcpy(b->s + b->len, s, len);
	b->len += len;
	b->s[b->len] = '\0';
}

void lp_buf_puts(lp_buf *b, const char *s) { lp_buf_append(b, s, strlen(s)); }

void lp_buf_putc(lp_buf *b, char c)
{
	if (reserve(b, 1) != 0)
		return;
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
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
	if (n < 0 || reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* Eight bytes of s need no escape: none is a control character, '"' or
 * a backslash (bytes >= 0x80 never match). Decision strings are long runs
 * of plain text, so they are checked a word at a time. */
static int plain8(const char *s)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t x, q, bs;

	memcpy(&x, s, 8);
	q = x ^ (ones * '"');
	bs = x ^ (ones * '\\');
	/* (v - ones) & ~v & high is non-zero when some byte of v is zero,
	 * and (x - 0x20..) & ~x & high when some byte is below 0x20. */
	return (((q - ones) & ~q) | ((bs - ones) & ~bs) |
	        ((x - ones * 0x20) & ~x)) & high ? 0 : 1;
}

void lp_buf_json_string(lp_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;

	lp_buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c;
		const char *esc = NULL;
		char u[6];

		while (i + 8 <= len && plain8(s + i))
			i += 8;
		if (i == len)
			break;
		c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		lp_buf_append(b, s + run, i - run);
		run = i + 1;
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
		lp_buf_puts(b, esc);
	}
	lp_buf_append(b, s + run, len - run);
	lp_buf_putc(b, '"');
}

int lp_buf_failed(const lp_buf *b) { return b->failed ? -1 : 0; }

char *lp_buf_detach(lp_buf *b, size_t *len)
{
	char *s;

	if (b->failed || (!b->s && reserve(b, 0) != 0)) {
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
