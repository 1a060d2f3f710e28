/*
 * json_doc.h - a read-only tree of a JSON text, checked as it is built.
 *
 * Reports are parsed here rather than by cJSON: cJSON decodes "\u0000"
 * into a NUL that silently cuts a string short, keeps no trace of where a
 * value stood (errors here name the field), and records the error
 * position of every failed parse in a process-wide variable, while
 * evaluation must share nothing between threads. The whole tree (nodes
 * and decoded strings) is one allocation sized from the text.
 */
#ifndef LP_JSON_DOC_H
#define LP_JSON_DOC_H

#include <stddef.h>

#include "libpolicy.h"

typedef enum lp_jtype {
	LP_JNULL,
	LP_JFALSE,
	LP_JTRUE,
	LP_JNUMBER,
	LP_JSTRING,
	LP_JARRAY,
	LP_JOBJECT
} lp_jtype;

typedef struct lp_jnode lp_jnode;
struct lp_jnode {
	lp_jtype type;
	const char *key;    /* member name, decoded and NUL-terminated */
	size_t key_len;
	const char *str;    /* string: decoded, NUL-terminated;
	                       number: the token as written (not terminated) */
	size_t len;
	lp_jnode *child;    /* first element or member */
	lp_jnode *next;     /* next sibling */
	size_t count;       /* elements or members */
};

/* Where a JSON text begins in the input it was cut from (a line of JSON
 * Lines, an element of an array), so that errors give positions in that
 * input rather than in the text alone. Both count from 1; the column
 * counts characters, as the positions of errors do. */
typedef struct lp_jorigin {
	unsigned long line;
	unsigned long column;
} lp_jorigin;

typedef struct lp_jdoc {
	lp_jnode *root;
	void *block;        /* the one allocation */
} lp_jdoc;

/*
 * Checks json as exactly one JSON value (RFC 8259) with valid UTF-8, no
 * \u0000 in any string and nesting within LP_MAX_JSON_DEPTH, and builds
 * its tree, in one pass and without recursion. Errors name the field path
 * ("content.text: ...") or the line and column. Returns LP_OK,
 * LP_EINVALID, LP_ELIMIT or LP_ENOMEM (err, which may be NULL, says why);
 * on error doc holds nothing.
 */
int lp_jdoc_parse(lp_jdoc *doc, const char *json, size_t len, lp_error *err);
/* The same in *block (*cap bytes), grown when too small, which the caller
 * keeps from one text to the next and frees with lp_free: doc does not
 * own it (doc->block is NULL). Errors give positions from at (NULL: line
 * 1, column 1). */
int lp_jdoc_parse_in(lp_jdoc *doc, const char *json, size_t len,
                     void **block, size_t *cap, const lp_jorigin *at,
                     lp_error *err);
void lp_jdoc_free(lp_jdoc *doc);

/* The member of object obj named key, or NULL. */
const lp_jnode *lp_jdoc_get(const lp_jnode *obj, const char *key);

/* The value of an integer token (-?[0-9]+) if |value| <= limit. Returns
 * 0, or -1 for a fraction, an exponent or a value beyond the limit. */
int lp_jdoc_integer(const lp_jnode *n, unsigned long long limit,
                    long long *value);

#endif
