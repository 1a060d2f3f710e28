/*
 * alloc.h - the one place libpolicy allocates memory.
 *
 * Every allocation of the library goes through these wrappers, which call
 * the allocator set with lp_set_allocator (libpolicy/alloc.h) or the C
 * library's, so that an allocator can be plugged in and out-of-memory paths
 * can be tested (tests/unit/test_oom.c). A size of 0 is allocated as 1
 * byte; lp_calloc returns NULL when count * size overflows; lp_realloc of
 * NULL allocates; lp_free of NULL does nothing.
 */
#ifndef LP_ALLOC_H
#define LP_ALLOC_H

#include <stddef.h>

void *lp_malloc(size_t size);
void *lp_calloc(size_t count, size_t size);
void *lp_realloc(void *ptr, size_t size);
/* Grows *ptr to hold at least need elements of size bytes, doubling the
 * capacity *cap; returns 0, or -1 (leaving *ptr untouched) on failure. */
int lp_grow(void *ptr, size_t *cap, size_t need, size_t size);
/* Makes room for one more element in an array of count elements that
 * keeps no capacity of its own: the capacity is implied by count (the next
 * power of two, at least 8), so appending stays amortised O(1). Returns 0,
 * or -1 (leaving *ptr untouched) on failure. */
int lp_grow_one(void *ptr, size_t count, size_t size);
char *lp_strndup(const char *s, size_t len);
char *lp_strdup(const char *s);
void lp_free(void *ptr);

#endif
