/*
 * test_buf.c - the output buffer: JSON string escaping (checked a word at a
 * time, so every character that needs an escape is tried at every offset
 * of a word) and printf that grows the buffer.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

/* The escape of one byte, written the slow, obvious way. */
static void reference(char *out, const char *s, size_t len)
{
	size_t i;

	*out++ = '"';
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			*out++ = '\\';
			*out++ = (char)c;
		} else if (c == '\n') {
			out += sprintf(out, "\\n");
		} else if (c == '\r') {
			out += sprintf(out, "\\r");
		} else if (c == '\t') {
			out += sprintf(out, "\\t");
		} else if (c == '\b') {
			out += sprintf(out, "\\b");
		} else if (c == '\f') {
			out += sprintf(out, "\\f");
		} else if (c < 0x20) {
			out += sprintf(out, "\\u%04x", c);
		} else {
			*out++ = (char)c;
		}
	}
	*out++ = '"';
	*out = '\0';
}

static void test_escape_every_offset(void **state)
{
	/* Every byte that needs an escape, the bytes around them that do not
	 * (space, '!', '#', '[', ']', DEL, UTF-8 bytes), at offsets 0..23 of a
	 * 24-byte text. */
	static const unsigned char special[] = {
		0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, '"', '\\',
		0x20, '!', '#', '[', ']', 0x7F, 0x80, 0xC3, 0xFF,
	};
	char text[24], want[24 * 6 + 3];
	size_t k, pos, len;

	(void)state;
	for (k = 0; k < sizeof(special); k++) {
		for (len = 1; len <= sizeof(text); len++) {
			for (pos = 0; pos < len; pos++) {
				lp_buf b = LP_BUF_INIT;

				memset(text, 'a', sizeof(text));
				text[pos] = (char)special[k];
				reference(want, text, len);
				lp_buf_json_string(&b, text, len);
				assert_int_equal(lp_buf_failed(&b), 0);
				assert_string_equal(b.s, want);
				lp_buf_free(&b);
			}
		}
	}
}

static void test_escape_all_bytes(void **state)
{
	char text[256], want[256 * 6 + 3];
	lp_buf b = LP_BUF_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < 256; i++)
		text[i] = (char)(255 - i);
	reference(want, text, sizeof(text));
	lp_buf_json_string(&b, text, sizeof(text));
	assert_string_equal(b.s, want);
	lp_buf_free(&b);
}

static void test_printf_grows(void **state)
{
	lp_buf b = LP_BUF_INIT;
	char big[3000];
	size_t i;

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	lp_buf_printf(&b, "%d-", 42);
	assert_string_equal(b.s, "42-");
	/* Larger than the room left: formatted again after growing. */
	lp_buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 3 + 1 + 2999 + 1);
	assert_int_equal(b.s[3], '[');
	assert_int_equal(b.s[b.len - 1], ']');
	assert_int_equal(b.s[b.len], '\0');
	for (i = 0; i < 100; i++)
		lp_buf_printf(&b, "%zu,", i);
	assert_non_null(strstr(b.s, "]0,1,2,"));
	assert_non_null(strstr(b.s, ",98,99,"));
	lp_buf_putc(&b, '!');
	assert_int_equal(b.s[b.len - 1], '!');
	assert_int_equal(b.s[b.len], '\0');
	lp_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_every_offset),
		cmocka_unit_test(test_escape_all_bytes),
		cmocka_unit_test(test_printf_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
