/*
 * embedded.h - the default policy, compiled into the library at build time
 * (see cmake/embed_policy.cmake), so that no path is needed to use it.
 */
#ifndef LP_EMBEDDED_H
#define LP_EMBEDDED_H

#include <stddef.h>

typedef struct lp_embedded_file {
	const char *name; /* "default/NAME.yaml", used in diagnostics */
	const char *data;
	size_t len;
} lp_embedded_file;

/* Terminated by an entry with name NULL, sorted by name. */
extern const lp_embedded_file lp_default_policy_files[];

#endif
