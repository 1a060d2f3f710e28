/*
 * json_scan.h - one pass over raw JSON bytes, before (or instead of) a
 * parse.
 *
 * cJSON decodes "\u0000" into a NUL that silently cuts a string short,
 * and keeps no trace of where a value stood. Scanning the raw text first
 * lets the report parser refuse such input and name the field at fault,
 * and lets a batch be cut into records without parsing them.
 */
#ifndef LP_JSON_SCAN_H
#define LP_JSON_SCAN_H

#include <stddef.h>

#include "libpolicy.h"

typedef struct lp_json_scan {
	int truncated;  /* the text ends inside a string, object or array */
	size_t values;  /* values in the text (objects and arrays included) */
} lp_json_scan;

/*
 * Validates json as exactly one JSON value (RFC 8259) with valid UTF-8, no
 * \u0000 in any string and nesting within LP_MAX_JSON_DEPTH, without
 * recursion. Errors name the field path ("content.text: ...") or the line
 * and column. Returns LP_OK, LP_EINVALID or LP_ELIMIT (err says why).
 *
 * cJSON then only ever parses valid text, so its failure path (which
 * records the error position in a process-wide variable) is taken only
 * when memory runs out. cJSON 1.7.15 still resets that variable to NULL
 * at the start of every parse: a write of constant values that nothing in
 * libpolicy reads, but a write all the same, which ThreadSanitizer reports.
 */
int lp_json_prescan(lp_json_scan *out, const char *json, size_t len,
                    lp_error *err);

/* The value of member key of the top-level object of json, found without
 * validating anything else (to name a record that is otherwise invalid):
 * its first byte, with its length in *vlen, or NULL. */
const char *lp_json_find_member(const char *json, size_t len, const char *key,
                                size_t *vlen);

/* Where the JSON value starting at s ends (one past it), tracking only
 * strings and bracket depth; NULL when the text ends inside the value. */
const char *lp_json_value_end(const char *s, const char *end);

#endif
