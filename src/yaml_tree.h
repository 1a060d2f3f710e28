/*
 * yaml_tree.h - YAML text to a small tree of nodes that remember where they
 * stand in the source.
 *
 * Built on libyaml's event API rather than its document API so that the
 * hazards of hand-edited YAML are refused while reading: anchors and
 * aliases (no alias-expansion bombs), nesting deeper than LP_MAX_YAML_DEPTH,
 * duplicate mapping keys, several documents in one file, and explicit tags.
 */
#ifndef LP_YAML_TREE_H
#define LP_YAML_TREE_H

#include <stddef.h>

#include "diag.h"

typedef enum lp_ynode_kind {
	LP_YSCALAR,
	LP_YSEQUENCE,
	LP_YMAPPING
} lp_ynode_kind;

typedef struct lp_ynode lp_ynode;
struct lp_ynode {
	lp_ynode_kind kind;
	lp_mark mark;
	char *value;     /* scalar text, NUL-terminated */
	size_t len;
	int plain;       /* unquoted scalar: may be a boolean, number or null */
	int multiline;   /* the scalar spans lines in the source (a block or
	                    folded scalar): offsets in value are not columns */
	char *quoted;    /* a one-line quoted scalar with an escape in it:
	                    its source, quotes included, so that an offset in
	                    value can be traced to its column; else NULL */
	lp_ynode **kids; /* sequence: items; mapping: key, value, key, value... */
	size_t n;        /* entries of kids */
	size_t cap;
};

/*
 * The place in the source of byte off (<= len) of scalar n's value, for a
 * message about something inside it (a condition's word, a pattern's
 * error). Columns count characters, and an escape ("\\d", "\\u00e9", '')
 * counts as the characters it is written with. In a scalar written over
 * several lines, offsets are not columns: the place is its start.
 */
lp_mark lp_yscalar_mark_at(const lp_ynode *n, size_t off);

/* Number of pairs of a mapping, and its i-th key and value. */
#define LP_YMAP_COUNT(m) ((m)->n / 2)
#define LP_YMAP_KEY(m, i) ((m)->kids[2 * (i)])
#define LP_YMAP_VALUE(m, i) ((m)->kids[2 * (i) + 1])

/*
 * Parses len bytes of YAML named file. On success returns 0 and *out is the
 * root node, or NULL for an empty document. Problems go to sink; returns
 * LP_EPOLICY when any was found (and *out is NULL), LP_ENOMEM when memory
 * ran out. file must outlive the tree (marks point to it).
 */
int lp_yaml_parse(lp_ynode **out, const char *file, const char *data,
                  size_t len, lp_diag_sink *sink);
void lp_ynode_free(lp_ynode *node);

/* The value of key in mapping m, or NULL. */
const lp_ynode *lp_ymap_get(const lp_ynode *m, const char *key);

/* Plain-scalar interpretation (YAML 1.2 core schema subset). */
int lp_yscalar_is_null(const lp_ynode *n);
/* Returns 0 and sets *v for true/false, else -1. */
int lp_yscalar_bool(const lp_ynode *n, int *v);

#endif
