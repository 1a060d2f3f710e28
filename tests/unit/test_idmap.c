/*
 * test_idmap.c - the name index of the policy loader: every key put is
 * found with its value through growth, a key put twice keeps its first
 * value, and keys never put are not found.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "idmap.h"

#define KEYS 5000

static void test_put_and_get(void **state)
{
	static char keys[KEYS][16];
	lp_idmap m;
	int i;

	(void)state;
	lp_idmap_init(&m);
	assert_int_equal(lp_idmap_get(&m, "x"), -1);
	for (i = 0; i < KEYS; i++) {
		snprintf(keys[i], sizeof(keys[i]), "ex-%d", i);
		assert_int_equal(lp_idmap_put(&m, keys[i], i), -1);
	}
	assert_int_equal((int)m.n, KEYS);
	/* Never more than half full, so that a miss ends soon. */
	assert_true(m.n * 2 <= m.cap);
	for (i = 0; i < KEYS; i++)
		assert_int_equal(lp_idmap_get(&m, keys[i]), i);
	/* Looked up by content, not by pointer. */
	assert_int_equal(lp_idmap_get(&m, "ex-4999"), 4999);
	assert_int_equal(lp_idmap_get(&m, "ex-5000"), -1);
	assert_int_equal(lp_idmap_get(&m, "ex-"), -1);
	assert_int_equal(lp_idmap_get(&m, ""), -1);
	/* A second put of a key keeps the first value and says what it is. */
	assert_int_equal(lp_idmap_put(&m, "ex-17", 99), 17);
	assert_int_equal(lp_idmap_get(&m, "ex-17"), 17);
	assert_int_equal((int)m.n, KEYS);
	lp_idmap_free(&m);
	assert_int_equal(lp_idmap_get(&m, "ex-1"), -1);
}

static void test_empty_key(void **state)
{
	lp_idmap m;

	(void)state;
	lp_idmap_init(&m);
	assert_int_equal(lp_idmap_put(&m, "", 3), -1);
	assert_int_equal(lp_idmap_get(&m, ""), 3);
	assert_int_equal(lp_idmap_get(&m, "a"), -1);
	lp_idmap_free(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_put_and_get),
		cmocka_unit_test(test_empty_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
