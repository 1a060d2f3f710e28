#include "batch.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "decision.h"
#include "eval.h"
#include "json_doc.h"
#include "json_scan.h"

/* A chunk holds up to this many records or bytes of input. */
#define CHUNK_RECORDS 1024
#define CHUNK_BYTES (8u * 1024 * 1024)
/* Records a worker takes at a time: few enough that the workers end a
 * chunk together, enough that they seldom meet at the counter. */
#define CLAIM_RECORDS 8

typedef struct item {
	size_t off;           /* the record's bytes in chunk.text */
	size_t len;
	unsigned long record; /* 1-based, over all inputs */
	unsigned long line;   /* where it begins in its input (records.h) */
	unsigned long column;
	const char *problem;
	const char *problem_code;
	size_t res_off;       /* the decision or error record, one line (and */
	size_t res_len;       /* its newline in JSON Lines), in */
	int res_buf;          /* chunk.out[res_buf], its worker's buffer */
} item;

/*
 * What each worker writes for every record (its output buffer's length,
 * its scratch) must not share a cache line with another worker's: the
 * line would go back and forth between the cores dozens of times per
 * record. Per-worker data is kept this far apart (two lines, as cores
 * fetch lines in pairs).
 */
#define APART 128

/* A worker's output buffer of a chunk, apart from the others'. */
typedef union out_buf {
	lp_buf b;
	char apart[APART];
} out_buf;

typedef struct chunk {
	item v[CHUNK_RECORDS];
	size_t n;
	lp_buf text;          /* the records' bytes, copied from the reader */
	/* The first record no worker has taken yet. Workers take records as
	 * they go, so that one that is slowed down (a core shared with the
	 * reading and writing, or with another program) leaves more of the
	 * chunk to the others instead of holding them all up. */
	atomic_size_t next;
	/* The results, one buffer per worker, kept from chunk to chunk: a
	 * result costs no allocation once they have grown. */
	out_buf *out;
	int workers;
	int lines;            /* JSON Lines: each result ends with its newline */
	int show_line;        /* error records give the record's line (not
	                         for a single object: it is the input) */
	int left;             /* threads not yet done with it (pool.mu) */
} chunk;

/*
 * The workers' threads live as long as batch_run: starting two threads per
 * chunk cost about 4% of a two-thread run. Each chunk is a round: the
 * reading thread hands it out (start_chunk) and later waits for every
 * worker to be done with it (finish_chunk). It hands out the next chunk
 * before it waits, so that a worker done with one goes on to the next
 * at once instead of waiting for the others and for this thread: two
 * rounds at most are open, the chunks of ring[].
 */
typedef struct pool {
	pthread_mutex_t mu;
	pthread_cond_t go;     /* a new round, or stop */
	pthread_cond_t done;   /* a chunk's left fell to 0 */
	unsigned long round;   /* rounds handed out */
	chunk *ring[2];        /* round r's chunk is ring[r % 2] */
	int threads;           /* workers with a thread */
	int stop;
} pool;

typedef struct worker {
	pthread_t thread;
	pool *pool;
	const batch_options *o;
	chunk *c;             /* of the current round */
	int index;            /* its buffer of chunk.out */
	int started;          /* it has a thread; else finish_chunk works for it */
	batch_summary sum;
	int oom;
	/* Kept from report to report and chunk to chunk: a worker's
	 * evaluations allocate only their decisions once it has grown. */
	lp_eval_scratch scratch;
	char apart[APART];    /* from the next worker's (see APART) */
} worker;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tally_add(tally *t, const char *name, unsigned long n)
{
	size_t i;

	/* Names are the policy's own strings: nearly always the same pointer,
	 * so the text is compared only when no pointer matched. */
	for (i = 0; i < t->n && t->v[i].name != name; i++)
		;
	if (i == t->n)
		for (i = 0; i < t->n && strcmp(t->v[i].name, name) != 0; i++)
			;
	if (i < t->n) {
		t->v[i].count += n;
		return;
	}
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		tally_entry *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return; /* a summary line short: never a lost record */
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n].name = name;
	t->v[t->n++].count = n;
}

static int by_count_then_name(const void *a, const void *b)
{
	const tally_entry *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

void tally_sort(tally *t)
{
	if (t->n > 1)
		qsort(t->v, t->n, sizeof(*t->v), by_count_then_name);
}

static void merge(tally *into, const tally *from)
{
	size_t i;

	for (i = 0; i < from->n; i++)
		tally_add(into, from->v[i].name, from->v[i].count);
}

static void summary_free(batch_summary *s)
{
	free(s->verdicts.v);
	free(s->categories.v);
	free(s->actions.v);
	free(s->referrals.v);
	memset(s, 0, sizeof(*s));
}

/* The id of a record that failed, when it can still be read (only the id
 * itself need be valid): the output stays valid JSON whatever the record
 * held. */
void batch_write_id(lp_buf *b, const char *json, size_t len)
{
	lp_jdoc doc = {NULL, NULL};
	size_t vlen = 0;
	const char *v = json ? lp_json_find_member(json, len, "id", &vlen) : NULL;
	long long n;

	if (v && lp_jdoc_parse(&doc, v, vlen, NULL) == LP_OK) {
		if (doc.root->type == LP_JSTRING)
			lp_buf_json_string(b, doc.root->str, doc.root->len);
		else if (lp_jdoc_integer(doc.root, 9007199254740992ull, &n) == 0)
			/* As written, as a decision echoes it: "-0"
			 * stays "-0". */
			lp_buf_append(b, doc.root->str, doc.root->len);
		else
			v = NULL;
	} else {
		v = NULL;
	}
	if (!v)
		lp_buf_puts(b, "null");
	lp_jdoc_free(&doc);
}

void batch_write_place(lp_buf *b, unsigned long record, const char *file,
                       unsigned long line)
{
	lp_buf_printf(b, ",\"record\":%lu", record);
	if (file) {
		lp_buf_puts(b, ",\"file\":");
		lp_buf_json_string(b, file, strlen(file));
	}
	if (line)
		lp_buf_printf(b, ",\"line\":%lu", line);
}

const char *batch_error_code(int status, const lp_error *err)
{
	return status == LP_ELIMIT ? "limit_exceeded"
	       : status == LP_EINVALID
	       ? (err->field[0] ? "invalid_field" : "invalid_json")
	       : "internal_error";
}

static void error_record(lp_buf *b, const worker *w, const item *it,
                         const char *code, const char *message,
                         const char *json)
{
	lp_buf_puts(b, "{\"id\":");
	batch_write_id(b, json, it->len);
	batch_write_place(b, it->record, w->o->file,
	                  w->c->show_line ? it->line : 0);
	lp_buf_printf(b, ",\"error\":{\"code\":\"%s\",\"message\":", code);
	lp_buf_json_string(b, message, strlen(message));
	lp_buf_puts(b, "}}");
}

static void count_decision(batch_summary *s, const lp_decision *d)
{
	size_t i, k, n = lp_decision_violation_count(d);

	tally_add(&s->verdicts, lp_verdict_name(lp_decision_verdict(d)), 1);
	for (i = 0; i < n; i++) {
		const char *cat = lp_decision_violation_category(d, i);

		/* A category under two rules counts once per record; the
		 * policy holds each category name once. */
		for (k = 0; k < i; k++)
			if (lp_decision_violation_category(d, k) == cat)
				break;
		if (k == i)
			tally_add(&s->categories, cat, 1);
	}
	for (i = 0; i < lp_decision_action_count(d); i++)
		tally_add(&s->actions, lp_decision_action(d, i), 1);
	for (i = 0; i < lp_decision_referral_count(d); i++)
		tally_add(&s->referrals, lp_decision_referral(d, i), 1);
}

static void evaluate_item(worker *w, item *it)
{
	const char *json = w->c->text.s + it->off;
	lp_buf *out = &w->c->out[w->index].b;
	lp_decision *d = NULL;
	lp_error err;
	int rc;

	/* What is read of err when evaluation fails without a message. */
	err.status = 0;
	err.field[0] = err.message[0] = '\0';
	it->res_buf = w->index;
	it->res_off = out->len;
	if (it->problem) {
		error_record(out, w, it, it->problem_code ? it->problem_code
		                                       : "invalid_json",
		             it->problem, json);
		w->sum.invalid++;
	} else {
		lp_jorigin at;

		at.line = it->line;
		at.column = it->column;
		rc = lp_evaluate_json_in(&d, w->o->policy, &w->scratch, json,
		                         it->len, it->record, &at, &err);
		if (rc == LP_OK) {
			lp_decision_append_json(out, d, w->o->pretty ? LP_JSON_PRETTY
			                                             : LP_JSON_COMPACT);
			count_decision(&w->sum, d);
		} else {
			error_record(out, w, it, batch_error_code(rc, &err),
			             err.message[0] ? err.message
			                            : lp_status_string(rc),
			             json);
			w->sum.invalid++;
		}
		lp_eval_scratch_recycle(&w->scratch, d);
	}
	if (w->c->lines)
		lp_buf_putc(out, '\n');
	if (lp_buf_failed(out))
		w->oom = 1;
	it->res_len = out->len - it->res_off;
}

static void *work(void *arg)
{
	worker *w = arg;
	chunk *c = w->c;
	size_t i, end;

	while ((i = atomic_fetch_add_explicit(&c->next, CLAIM_RECORDS,
	                                      memory_order_relaxed)) < c->n) {
		end = i + CLAIM_RECORDS < c->n ? i + CLAIM_RECORDS : c->n;
		for (; i < end; i++)
			evaluate_item(w, &c->v[i]);
	}
	return NULL;
}

/* Reads up to a chunk of records; returns 0, or -1 on a read error. */
static int read_chunk(rec_reader *r, chunk *c, batch_state *st)
{
	int t;

	c->n = 0;
	atomic_store_explicit(&c->next, 0, memory_order_relaxed);
	c->text.len = 0;
	for (t = 0; t < c->workers; t++)
		c->out[t].b.len = 0;
	while (c->n < CHUNK_RECORDS && c->text.len < CHUNK_BYTES) {
		rec_record rec;
		item *it;
		int rc = rec_next(r, &rec);

		if (rc < 0)
			return -1;
		if (rc == 0)
			break;
		it = &c->v[c->n++];
		memset(it, 0, sizeof(*it));
		it->off = c->text.len;
		it->len = rec.len;
		it->line = rec.line;
		it->column = rec.column;
		it->problem = rec.problem;
		it->problem_code = rec.code;
		it->record = ++st->record;
		/* A NUL after each record keeps every parse inside its own. */
		lp_buf_append(&c->text, rec.json ? rec.json : "", rec.len);
		lp_buf_putc(&c->text, '\0');
		if (lp_buf_failed(&c->text))
			return -1;
	}
	return 0;
}

static void progress(const batch_options *o, batch_state *st,
                     const rec_reader *r, int final)
{
	double t = now(), elapsed = t - st->started;
	uint64_t done = st->bytes_before + r->consumed;

	if (!o->progress || (!final && t - st->last_progress < 0.5))
		return;
	st->last_progress = t;
	fprintf(stderr, "\rpolicyctl: %lu records, %.0f records/s",
	        st->record, elapsed > 0 ? (double)st->record / elapsed : 0.0);
	if (o->total_bytes && done <= o->total_bytes) {
		double frac = (double)done / (double)o->total_bytes;

		fprintf(stderr, ", %.1f%%", 100.0 * frac);
		if (frac > 0 && !final) {
			double left = elapsed / frac - elapsed;

			fprintf(stderr, ", ETA %dm%02ds", (int)(left / 60),
			        (int)left % 60);
		}
	}
	fputs("   ", stderr);
	fflush(stderr);
}

void batch_init(batch_state *st)
{
	memset(st, 0, sizeof(*st));
	st->started = now();
}

/* A worker's thread: a round of work() each time one is handed out. */
static void *work_rounds(void *arg)
{
	worker *w = arg;
	pool *pl = w->pool;
	unsigned long seen = 0;

	pthread_mutex_lock(&pl->mu);
	for (;;) {
		chunk *c;

		while (pl->round == seen && !pl->stop)
			pthread_cond_wait(&pl->go, &pl->mu);
		if (pl->round == seen)
			break; /* stopped, every round done */
		c = w->c = pl->ring[seen++ % 2];
		pthread_mutex_unlock(&pl->mu);
		work(w);
		pthread_mutex_lock(&pl->mu);
		if (--c->left == 0)
			pthread_cond_signal(&pl->done);
	}
	pthread_mutex_unlock(&pl->mu);
	return NULL;
}

/* Starts a thread for each worker; one that cannot start leaves its
 * worker to the reading thread (finish_chunk). Returns 0, or -1 when the
 * pool cannot be set up (then no worker has a thread). */
static int start_workers(pool *pl, worker *w, int threads,
                         const batch_options *o)
{
	int t;

	memset(pl, 0, sizeof(*pl));
	for (t = 0; t < threads; t++) {
		w[t].pool = pl;
		w[t].o = o;
		w[t].index = t;
		w[t].started = 0;
	}
	if (pthread_mutex_init(&pl->mu, NULL) != 0)
		return -1;
	if (pthread_cond_init(&pl->go, NULL) != 0) {
		pthread_mutex_destroy(&pl->mu);
		return -1;
	}
	if (pthread_cond_init(&pl->done, NULL) != 0) {
		pthread_cond_destroy(&pl->go);
		pthread_mutex_destroy(&pl->mu);
		return -1;
	}
	for (t = 0; t < threads; t++) {
		w[t].started = pthread_create(&w[t].thread, NULL, work_rounds,
		                              &w[t]) == 0;
		pl->threads += w[t].started;
	}
	return 0;
}

static void stop_workers(pool *pl, worker *w, int threads, int ok)
{
	int t;

	if (!ok)
		return;
	pthread_mutex_lock(&pl->mu);
	pl->stop = 1;
	pthread_cond_broadcast(&pl->go);
	pthread_mutex_unlock(&pl->mu);
	for (t = 0; t < threads; t++)
		if (w[t].started)
			pthread_join(w[t].thread, NULL);
	pthread_cond_destroy(&pl->done);
	pthread_cond_destroy(&pl->go);
	pthread_mutex_destroy(&pl->mu);
}

/* Hands chunk c to the workers' threads, as the next round (the round
 * before the last is finished: see pool). */
static void start_chunk(pool *pl, chunk *c, int ok)
{
	if (!ok || !pl->threads)
		return;
	pthread_mutex_lock(&pl->mu);
	c->left = pl->threads;
	pl->ring[pl->round % 2] = c;
	pl->round++;
	pthread_cond_broadcast(&pl->go);
	pthread_mutex_unlock(&pl->mu);
}

/* Works on chunk c for the workers without a thread, then waits for the
 * others to be done with it. */
static void finish_chunk(pool *pl, worker *w, int threads, chunk *c, int ok)
{
	int t;

	for (t = 0; t < threads; t++) {
		if (!w[t].started) {
			w[t].c = c;
			work(&w[t]);
		}
	}
	if (!ok || !pl->threads)
		return;
	pthread_mutex_lock(&pl->mu);
	while (c->left)
		pthread_cond_wait(&pl->done, &pl->mu);
	pthread_mutex_unlock(&pl->mu);
}

/* Ends the array of results that array inputs write into, if one is open. */
static void close_array(const batch_options *o, batch_state *st)
{
	if (!st->array_open)
		return;
	fputs(st->array_items ? "\n]\n" : "]\n", o->out);
	st->array_open = 0;
	st->array_items = 0;
}

/*
 * Writes the results of chunk c in order. In JSON Lines, the results that
 * one worker made one after another lie one after another in its buffer,
 * newlines included, and go out in one write: with one worker, the whole
 * chunk, which stdio hands to the system without copying it.
 */
static void write_chunk(const batch_options *o, chunk *c, size_t *written)
{
	size_t i, k;

	for (i = 0; i < c->n; i = k) {
		const item *it = &c->v[i];
		size_t end = it->res_off + it->res_len;

		if (!c->lines) {
			fputs((*written)++ ? ",\n" : "\n", o->out);
			fwrite(c->out[it->res_buf].b.s + it->res_off, 1, it->res_len,
			       o->out);
			k = i + 1;
			continue;
		}
		for (k = i + 1; k < c->n && c->v[k].res_buf == it->res_buf &&
		                c->v[k].res_off == end; k++)
			end += c->v[k].res_len;
		fwrite(c->out[it->res_buf].b.s + it->res_off, 1, end - it->res_off,
		       o->out);
	}
}

/*
 * Two chunks in flight: while the workers evaluate one, this thread
 * writes the results of the one before and reads the one after, so that
 * reading and writing cost no evaluation time.
 */
int batch_run(const batch_options *o, batch_state *st, rec_reader *r)
{
	chunk *a = calloc(1, sizeof(*a)), *b = calloc(1, sizeof(*b)), *swap;
	worker *w = calloc((size_t)o->threads, sizeof(*w));
	int t, rc = 0, ok = 0;
	pool pl;

	if (!a || !b || !w ||
	    !(a->out = calloc((size_t)o->threads, sizeof(out_buf))) ||
	    !(b->out = calloc((size_t)o->threads, sizeof(out_buf)))) {
		if (a)
			free(a->out);
		if (b)
			free(b->out);
		free(a);
		free(b);
		free(w);
		return -1;
	}
	a->workers = b->workers = o->threads;
	a->show_line = b->show_line = r->shape != REC_OBJECT;
	for (t = 0; t < o->threads; t++)
		lp_eval_scratch_init(&w[t].scratch);
	if (read_chunk(r, a, st) != 0)
		rc = -1;
	/* The first input that is an array or holds a record decides the
	 * shape of the whole output, so that it stays one JSON text or one
	 * JSON Lines stream however many files the records came in, and
	 * whatever their shapes: an array of every result, or a line each. */
	if (!st->shape_chosen && (r->shape == REC_ARRAY || a->n)) {
		st->shape_chosen = 1;
		st->as_array = r->shape == REC_ARRAY;
	}
	a->lines = b->lines = !st->as_array;
	if (st->as_array && !st->array_open) {
		fputc('[', o->out);
		st->array_open = 1;
	}
	if (a->n) {
		ok = start_workers(&pl, w, o->threads, o) == 0;
		start_chunk(&pl, a, ok);
	}
	while (a->n) {
		if (rc == 0 && read_chunk(r, b, st) != 0)
			rc = -1;
		if (rc != 0)
			b->n = 0;
		if (b->n)
			start_chunk(&pl, b, ok);
		finish_chunk(&pl, w, o->threads, a, ok);
		write_chunk(o, a, &st->array_items);
		progress(o, st, r, 0);
		swap = a;
		a = b;
		b = swap;
		b->n = 0;
	}
	stop_workers(&pl, w, o->threads, ok);
	for (t = 0; t < o->threads; t++) {
		st->summary.invalid += w[t].sum.invalid;
		merge(&st->summary.verdicts, &w[t].sum.verdicts);
		merge(&st->summary.categories, &w[t].sum.categories);
		merge(&st->summary.actions, &w[t].sum.actions);
		merge(&st->summary.referrals, &w[t].sum.referrals);
		if (w[t].oom)
			rc = -1;
		summary_free(&w[t].sum);
		lp_eval_scratch_free(&w[t].scratch);
	}
	st->summary.records = st->record;
	st->bytes_before += r->consumed;
	lp_buf_free(&a->text);
	lp_buf_free(&b->text);
	for (t = 0; t < o->threads; t++) {
		lp_buf_free(&a->out[t].b);
		lp_buf_free(&b->out[t].b);
	}
	free(a->out);
	free(b->out);
	free(a);
	free(b);
	free(w);
	return rc;
}

void batch_finish(const batch_options *o, batch_state *st)
{
	close_array(o, st);
	if (!o->progress)
		return;
	st->last_progress = 0;
	{
		rec_reader none;

		memset(&none, 0, sizeof(none));
		progress(o, st, &none, 1);
	}
	fputc('\n', stderr);
}

void batch_free(batch_state *st)
{
	summary_free(&st->summary);
}
