#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libpolicy.h"
#include "libpolicy/alloc.h"

/*
 * The allocator in use: the library's one piece of global state (see
 * libpolicy/alloc.h). custom is 0 while the C library's is in use, so that
 * the common case costs one test and a direct call.
 */
static lp_allocator current;
static int custom;

int lp_set_allocator(const lp_allocator *a)
{
	if (!a) {
		custom = 0;
		memset(&current, 0, sizeof(current));
		return LP_OK;
	}
	if (!a->malloc || !a->realloc || !a->free)
		return LP_EINVALID;
	current = *a;
	custom = 1;
	return LP_OK;
}

void *lp_malloc(size_t size)
{
	if (!size)
		size = 1;
	return custom ? current.malloc(size, current.ctx) : malloc(size);
}

void *lp_calloc(size_t count, size_t size)
{
	void *p;

	if (!count)
		count = 1;
	if (!size)
		size = 1;
	if (count > SIZE_MAX / size)
		return NULL;
	p = lp_malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void *lp_realloc(void *ptr, size_t size)
{
	if (!ptr)
		return lp_malloc(size);
	if (!size)
		size = 1;
	return custom ? current.realloc(ptr, size, current.ctx)
	              : realloc(ptr, size);
}

void lp_free(void *ptr)
{
	if (!ptr)
		return;
	if (custom)
		current.free(ptr, current.ctx);
	else
		free(ptr);
}

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
	char *d;

	if (len == SIZE_MAX)
		return NULL;
	d = lp_malloc(len + 1);
	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *lp_strdup(const char *s) { return lp_strndup(s, strlen(s)); }
