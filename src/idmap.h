/*
 * idmap.h - an index from names to positions, for the policy loader.
 *
 * A policy may hold thousands of ids, each referred to many times (the
 * exceptions a rule names, the categories of detectors and rules):
 * looking every reference up by a scan of the table made loading a large
 * policy take seconds. Keys are not copied: they must outlive the map.
 */
#ifndef LP_IDMAP_H
#define LP_IDMAP_H

#include <stddef.h>

typedef struct lp_idmap {
	const char **keys; /* NULL: an empty slot */
	int *values;
	size_t cap;        /* slots, a power of two, or 0 */
	size_t n;          /* keys held */
} lp_idmap;

void lp_idmap_init(lp_idmap *m);
void lp_idmap_free(lp_idmap *m);

/* The value of key, or -1 when it is not in m. */
int lp_idmap_get(const lp_idmap *m, const char *key);

/* Adds key with value (>= 0) unless key is there already. Returns -1
 * when it was added, the value it already had, or -2 when memory runs
 * out (m is unchanged). */
int lp_idmap_put(lp_idmap *m, const char *key, int value);

#endif
