/*
 * report.h - a report as the evaluator reads it: validated, with every name
 * resolved against the policy, and with no allocation of its own.
 *
 * Both entry points fill the same lp_rdata: lp_rdata_from_report for the C
 * struct API, lp_rdata_from_json_in (report_json.c) for JSON. Strings point
 * into the caller's memory or the parsed JSON, which outlive the
 * evaluation.
 */
#ifndef LP_REPORT_H
#define LP_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "libpolicy.h"

typedef enum lp_source {
	LP_SOURCE_TEXT,
	LP_SOURCE_LABELS,
	LP_SOURCE_MEDIA
} lp_source;

/* Something found in a report that a rule may be about. */
typedef struct lp_finding {
	lp_source source;
	int category;      /* index into the policy's categories */
	int kind;          /* the category's kind */
	int detector;      /* text: index into the policy's detectors, else -1 */
	int label;         /* labels: index into the policy's labels, else -1 */
	size_t start, end; /* text: code points into content.text */
	size_t byte_start, byte_end; /* text: bytes into content.text */
} lp_finding;

typedef enum lp_id_kind { LP_ID_NONE, LP_ID_STRING, LP_ID_NUMBER } lp_id_kind;

typedef struct lp_rdata {
	lp_id_kind id_kind;
	const char *id;       /* string id, not NUL-terminated */
	size_t id_len;
	char id_number[24];   /* integer id, as decimal text */
	unsigned long record;
	const char *text;     /* NULL when absent */
	size_t text_len;
	size_t media_count;
	size_t label_count;
	int role;             /* index into lp_roles */
	char region[3];       /* "" when absent */
	unsigned long prior_violations;
	uint64_t signals;     /* bit i: signal i is true */
	uint64_t present;     /* bit i: the report states signal i */
	/* Last, so that clearing an lp_rdata can stop before them: only the
	 * first media_count and label_count are ever read. */
	lp_media media[LP_MAX_MEDIA];
	int labels[LP_MAX_LABELS]; /* indices into the policy's labels */
} lp_rdata;

/* Fills r from the struct API's report. Returns 0 or LP_EINVALID (err says
 * which field). */
int lp_rdata_from_report(lp_rdata *r, const lp_policy *p, const lp_report *in,
                         lp_error *err);

struct lp_jdoc;
struct lp_jorigin;
/* Parses and validates a JSON report into r, parsing into *block (*cap
 * bytes), which the caller keeps from one report to the next (see
 * lp_jdoc_parse_in) and which r points into; errors give positions from
 * at (NULL: the text's own). */
int lp_rdata_from_json_in(lp_rdata *r, struct lp_jdoc *doc,
                          const lp_policy *p, const char *json, size_t len,
                          unsigned long record, void **block, size_t *cap,
                          const struct lp_jorigin *at, lp_error *err);

/* Records a rejection in err (may be NULL) and returns status. */
int lp_error_set(lp_error *err, int status, const char *field,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Shared checks of both entry points. */
int lp_utf8_valid(const char *s, size_t len);
int lp_region_valid(const char *s);
/* Cuts s before a last UTF-8 character that a byte-count cut (snprintf)
 * left incomplete. */
void lp_utf8_trim(char *s);
/* The same for s of len bytes (its NUL at s[len]); returns the new
 * length. */
size_t lp_utf8_trim_len(char *s, size_t len);
/* Replaces every byte of s that does not start a valid UTF-8 character
 * (such as half a character left by a cut) with '?'. */
void lp_utf8_repair(char *s);

#endif
