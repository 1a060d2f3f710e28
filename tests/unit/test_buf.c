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
	 * (space, '!', '#', '[', ']', DEL, UTF-8 bytes), at every offset of
	 * texts of up to 40 bytes: two blocks of 16 and a tail. */
	static const unsigned char special[] = {
		0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, '"', '\\',
		0x20, '!', '#', '[', ']', 0x7F, 0x80, 0xC3, 0xFF,
	};
	char text[40], want[40 * 6 + 3];
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

/* Escapes write more than they read: a string of nothing but escapes,
 * after what the buffer already holds, both of each length up to 100. */
static void test_escape_grows(void **state)
{
	char text[100], want[100 * 6 + 3 + 100];
	size_t len, before;

	(void)state;
	for (before = 0; before <= 100; before += 9) {
		for (len = 0; len <= sizeof(text); len++) {
			lp_buf b = LP_BUF_INIT;

			memset(text, len % 2 ? '\x01' : '"', sizeof(text));
			memset(want, '.', before);
			reference(want + before, text, len);
			lp_buf_append(&b, want, before);
			lp_buf_json_string(&b, text, len);
			assert_int_equal(lp_buf_failed(&b), 0);
			assert_int_equal(b.len, strlen(want));
			assert_string_equal(b.s, want);
			lp_buf_free(&b);
		}
	}
}

/* lp_json_plain16 against its definition, for one special byte at each
 * offset after plain bytes that are >= 0x80 or not. */
static void test_plain16(void **state)
{
	static const unsigned char special[] = {0x00, 0x1F, '"', '\\'};
	static const unsigned char plain[] = {'a', 0x20, 0x7F, 0x80, 0xFF};
	char text[16];
	size_t k, p, pos, hi;

	(void)state;
	for (p = 0; p < sizeof(plain); p++) {
		int high = 0;

		memset(text, (char)plain[p], sizeof(text));
		assert_int_equal(lp_json_plain16(text, &high), 16);
		assert_int_equal(high, plain[p] >= 0x80);
		for (k = 0; k < sizeof(special); k++) {
			for (pos = 0; pos < 16; pos++) {
				size_t got;

				memset(text, 'a', sizeof(text));
				text[pos] = (char)special[k];
				/* A high byte before the special one counts, one
				 * after it does not. */
				for (hi = 0; hi < 16; hi++) {
					if (hi == pos)
						continue;
					text[hi] = (char)plain[p];
					high = 0;
					got = lp_json_plain16(text, &high);
					assert_true(got <= pos);
					if (got == pos)
						assert_int_equal(high,
						                 hi < pos && plain[p] >= 0x80);
					text[hi] = 'a';
				}
			}
		}
	}
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
		cmocka_unit_test(test_escape_grows),
		cmocka_unit_test(test_plain16),
		cmocka_unit_test(test_printf_grows),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
