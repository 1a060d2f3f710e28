/*
 * idmap.c - open addressing with linear probing, kept at most half full.
 */
#include "idmap.h"

#include <stdint.h>
#include <string.h>

#include "alloc.h"

/* FNV-1a: ids are short, and nothing here is chosen by an adversary
 * who gains from collisions (a policy is the platform's own). */
static size_t hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3u;
	}
	return (size_t)(h ^ (h >> 32));
}

void lp_idmap_init(lp_idmap *m)
{
	memset(m, 0, sizeof(*m));
}

void lp_idmap_free(lp_idmap *m)
{
	lp_free(m->keys);
	lp_free(m->values);
	memset(m, 0, sizeof(*m));
}

/* The slot of key, or the empty slot where it would go. */
static size_t slot_of(const lp_idmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

int lp_idmap_get(const lp_idmap *m, const char *key)
{
	size_t i;

	if (!m->cap)
		return -1;
	i = slot_of(m, key);
	return m->keys[i] ? m->values[i] : -1;
}

static int grow(lp_idmap *m)
{
	lp_idmap bigger;
	size_t i;

	bigger.cap = m->cap ? m->cap * 2 : 16;
	bigger.n = m->n;
	bigger.keys = lp_calloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = lp_calloc(bigger.cap, sizeof(*bigger.values));
	if (!bigger.keys || !bigger.values) {
		lp_free(bigger.keys);
		lp_free(bigger.values);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t k = slot_of(&bigger, m->keys[i]);

			bigger.keys[k] = m->keys[i];
			bigger.values[k] = m->values[i];
		}
	}
	lp_idmap_free(m);
	*m = bigger;
	return 0;
}

int lp_idmap_put(lp_idmap *m, const char *key, int value)
{
	size_t i;

	if (m->cap) {
		i = slot_of(m, key);
		if (m->keys[i])
			return m->values[i];
	}
	if ((m->n + 1) * 2 > m->cap && grow(m) != 0)
		return -2;
	i = slot_of(m, key);
	m->keys[i] = key;
	m->values[i] = value;
	m->n++;
	return -1;
}
