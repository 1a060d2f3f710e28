/*
 * json_scan.h - finding things in raw JSON bytes without parsing them:
 * where a batch's records end, and the id of a record that is otherwise
 * invalid (json_doc.h parses).
 */
#ifndef LP_JSON_SCAN_H
#define LP_JSON_SCAN_H

#include <stddef.h>

/* The value of member key of the top-level object of json, found without
 * validating anything else (to name a record that is otherwise invalid):
 * its first byte, with its length in *vlen, or NULL. */
const char *lp_json_find_member(const char *json, size_t len, const char *key,
                                size_t *vlen);

/* Where the JSON value starting at s ends (one past it), tracking only
 * strings and bracket depth; NULL when the text ends inside the value. */
const char *lp_json_value_end(const char *s, const char *end);

#endif
