#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libpolicy.h"

void *lp_malloc(size_t size) { return malloc(size ? size : 1); }

void *lp_calloc(size_t count, size_t size)
{
	return calloc(count ? count : 1, size ? size : 1);
}

void *lp_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size ? size : 1);
}

void lp_free(void *ptr) { free(ptr); }

int lp_grow(void *ptr, size_t *cap, size_t need, size_t size)
{
	void **p = ptr;
	size_t n = *cap ? *cap : 8;
	void *v;

	if (need <= *cap)
		return 0;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return -1;
		n *= 2;
	}
	if (n > SIZE_MAX / size)
		return -1;
	v = lp_realloc(*p, n * size);
	if (!v)
		return -1;
	*p = v;
	*cap = n;
	return 0;
}

static size_t implied_capacity(size_t count)
{
	size_t cap = 8;

	while (cap < count && cap <= SIZE_MAX / 2)
		cap *= 2;
	return cap;
}

int lp_grow_one(void *ptr, size_t count, size_t size)
{
	size_t cap = count ? implied_capacity(count) : 0;

	return lp_grow(ptr, &cap, count + 1, size);
}

char *lp_strndup(const char *s, size_t len)
{
	char *d = lp_malloc(len + 1);

	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *lp_strdup(const char *s) { return lp_strndup(s, strlen(s)); }
