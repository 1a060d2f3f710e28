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

/*
 * Plain runs are copied sixteen bytes at a time as they are scanned: the
 * copy may run past the run, into room reserved for it, and the bytes
 * past are overwritten next. The last few bytes of the string are
 * scanned behind plain padding, so that its end is not read byte by byte.
 * The room reserved is the string's length plus a block; an escape, which
 * writes more than it reads, reserves again for the rest.
 */
void lp_buf_json_string(lp_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	char *o;

	if (lp_buf_reserve(b, len + 2 + 16) != 0)
		return;
	o = b->s + b->len;
	*o++ = '"';
	while (i < len) {
		size_t k;
		unsigned char c;

		if (i + 16 <= len) {
			k = lp_json_plain16(s + i, NULL);
			memcpy(o, s + i, 16);
		} else {
			char tail[16];

			memset(tail, ' ', sizeof(tail));
			memcpy(tail, s + i, len - i);
			k = lp_json_plain16(tail, NULL);
			if (k > len - i)
				k = len - i;
			memcpy(o, tail, 16);
		}
		o += k;
		i += k;
		if (k == 16 || i == len)
			continue;
		c = (unsigned char)s[i++];
		if (c >= 0x20 && c != '"' && c != '\\') {
			*o++ = (char)c; /* the portable scan stops short */
			continue;
		}
		b->len = (size_t)(o - b->s);
		if (lp_buf_reserve(b, len - i + 6 + 2 + 16) != 0)
			return;
		o = b->s + b->len;
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
			break;
		}
	}
	*o++ = '"';
	*o = '\0';
	b->len = (size_t)(o - b->s);
}

int lp_json_is_plain(const char *s, size_t len)
{
	size_t i = 0;

	char tail[16];

	for (; i + 16 <= len; i += 16)
		if (lp_json_plain16(s + i, NULL) < 16)
			return 0;
	if (i == len)
		return 1;
	/* The rest behind plain padding, as lp_buf_json_string reads it. */
	memset(tail, ' ', sizeof(tail));
	memcpy(tail, s + i, len - i);
	return lp_json_plain16(tail, NULL) == 16;
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
