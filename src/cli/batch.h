/*
 * batch.h - evaluating a stream of records on several threads, with the
 * results written in input order.
 *
 * The reader cuts the input into chunks of records; the worker threads
 * evaluate a chunk, taking a few records at a time, against the one shared
 * policy, while the reading thread writes the results of the chunk before
 * in input order and reads the next. Memory is bounded by two chunks, not
 * the input.
 */
#ifndef POLICYCTL_BATCH_H
#define POLICYCTL_BATCH_H

#include <stdint.h>
#include <stdio.h>

#include "libpolicy.h"
#include "records.h"

/* Counts by name (verdicts, categories, actions, referrals). */
typedef struct tally_entry {
	const char *name; /* points into the policy */
	unsigned long count;
} tally_entry;

typedef struct tally {
	tally_entry *v;
	size_t n;
	size_t cap;
} tally;

typedef struct batch_summary {
	unsigned long records;
	unsigned long invalid;
	tally verdicts;
	tally categories;
	tally actions;
	tally referrals;
} batch_summary;

typedef struct batch_options {
	const lp_policy *policy;
	FILE *out;
	int threads;          /* >= 1 */
	int pretty;           /* indented decisions */
	int progress;         /* a progress line on standard error */
	uint64_t total_bytes; /* of all inputs, 0 when unknown (for percent) */
	const char *file;     /* the input's name, which error records give
	                         when there are several inputs; else NULL */
} batch_options;

typedef struct batch_state {
	unsigned long record;  /* records done so far, over all inputs */
	uint64_t bytes_before; /* bytes of inputs finished before this one */
	double started;        /* monotonic seconds */
	double last_progress;
	batch_summary summary;
	int shape_chosen;      /* the first input has set as_array */
	int as_array;          /* results go into one array, not lines */
	int array_open;        /* a '[' of results is written, not its ']' */
	size_t array_items;    /* results written into it */
} batch_state;

void batch_init(batch_state *st);
/* Evaluates every record of r, writing results in the shape of the first
 * input of st: when that was an array, every result of every input goes
 * into one array, which batch_finish closes; otherwise each result is a
 * line. Returns 0, or -1 on a read error or when memory runs out. */
int batch_run(const batch_options *o, batch_state *st, rec_reader *r);
/* Closes the array of results, if one is open, and ends the progress
 * line, if one was shown. */
void batch_finish(const batch_options *o, batch_state *st);
void batch_free(batch_state *st);

struct lp_buf;
/* Appends the "id" member of a record's JSON text as JSON: the string, or
 * the integer when within 2^53; null when there is none or it cannot be
 * read (only the id itself need be valid). What error records echo. */
void batch_write_id(struct lp_buf *b, const char *json, size_t len);
/* Appends where a record stands: ,"record":N, then ,"file":.. when file
 * is not NULL (several inputs) and ,"line":L when line is not 0. */
void batch_write_place(struct lp_buf *b, unsigned long record,
                       const char *file, unsigned long line);
/* The error code (SPEC §7) of a record lp_evaluate_json rejected with
 * status: limit_exceeded, invalid_field, invalid_json or internal_error. */
const char *batch_error_code(int status, const lp_error *err);

void tally_add(tally *t, const char *name, unsigned long n);
/* Sorts by count (highest first), then name, for printing. */
void tally_sort(tally *t);

#endif
