/*
 * records.h - reading reports one record at a time from a stream.
 *
 * Input is a JSON object, a JSON array of objects or JSON Lines (SPEC §7),
 * from a file or a pipe of any size. The reader keeps at most one record
 * (bounded by LP_MAX_REPORT_BYTES) in memory, so a batch of millions of
 * records runs in constant memory. A record that cannot be cut out whole
 * (cut short, over the size limit, or between broken array punctuation)
 * still comes out, with a problem, so that the caller can put an error
 * record in its place: nothing is dropped.
 */
#ifndef POLICYCTL_RECORDS_H
#define POLICYCTL_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef enum rec_shape {
	REC_AUTO,   /* decide from the input */
	REC_OBJECT, /* one JSON object */
	REC_ARRAY,  /* a JSON array of objects */
	REC_LINES,  /* JSON Lines */
	REC_STREAM  /* objects one after another, over several lines each
	               (what `jq .` prints): results as JSON Lines */
} rec_shape;

typedef struct rec_reader {
	FILE *f;
	rec_shape shape;      /* after rec_open: OBJECT, ARRAY or LINES */
	char *buf;
	size_t pos;           /* start of the unread bytes */
	size_t len;           /* end of the buffered bytes */
	size_t cap;
	int eof;
	int error;            /* a read error (errno in saved_errno) */
	int saved_errno;
	int done;             /* no more records */
	/* Where the next unread byte (at pos) is in the input, from 1; the
	 * column counts characters, as the positions in error messages do. */
	unsigned long at_line;
	unsigned long at_column;
	unsigned long elements; /* array elements read */
	int after_array;      /* the array has ended, and more follows */
	uint64_t consumed;    /* bytes of input consumed, for progress */
	size_t max_record;    /* longest record kept whole */
	/* The problems of a record over max_record, which name the limit
	 * (made once: every such record points to them). */
	char too_long[96];
	char too_long_cut[112];
} rec_reader;

typedef struct rec_record {
	const char *json;     /* valid until the next rec_next */
	size_t len;
	/* Where the record begins in the input (from 1; the column in
	 * characters); 0 for the one record of a single object. */
	unsigned long line;
	unsigned long column;
	const char *problem;  /* set when the record could not be read whole;
	                         valid while the reader is open */
	const char *code;     /* its error code when not invalid_json */
} rec_record;

/* Starts reading f. shape REC_AUTO detects the shape; REC_LINES forces
 * JSON Lines; REC_OBJECT means "JSON": an object or an array. Returns 0,
 * or -1 on a read error or when memory runs out. */
int rec_open(rec_reader *r, FILE *f, rec_shape shape, size_t max_record);

/* The next record: 1 when *out holds one, 0 at the end, -1 on a read
 * error (r->saved_errno) or when memory runs out. */
int rec_next(rec_reader *r, rec_record *out);

void rec_close(rec_reader *r);

/* The shape a --format word asks for (auto, json, jsonl) into *out;
 * returns 0, or -1 after printing "policyctl: COMMAND: --format is ...". */
int rec_shape_parse(const char *command, const char *word, rec_shape *out);

#endif
