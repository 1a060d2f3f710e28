/*
 * cmd_diff.c - `policyctl diff`: what a policy change does to past reports.
 *
 * Every record is evaluated under the old and the new policy; the records
 * whose outcome changes (verdict, or the set of actions, categories or
 * referrals) are printed as JSON Lines, in input order, with both sides.
 * A policy that rejects a record shows its error on that side; a record
 * both policies reject is printed as an error record (SPEC §7). At the
 * end, the verdict transitions and the totals go to standard error.
 *
 * One record at a time, on one thread: records stream through records.c
 * and every buffer is reused, so memory stays flat whatever the input.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "batch.h"
#include "buf.h"
#include "cli.h"
#include "eval.h"
#include "json_doc.h"
#include "records.h"

static const char usage[] =
	"usage: policyctl diff --old POLICY --new POLICY [OPTIONS] [FILE...]\n"
	"\n"
	"Evaluates each report under both policies and prints, as JSON Lines,\n"
	"the records whose decision changes (verdict, or the set of actions,\n"
	"categories or referrals), sorted lists on each side:\n"
	"  {\"id\":..,\"record\":N,\"line\":L,\"old\":{\"verdict\":..,\"actions\":[..],\n"
	"   \"categories\":[..],\"referrals\":[..]},\"new\":{..}}\n"
	"A side whose policy rejects the record holds {\"error\":{\"code\",\n"
	"\"message\"}}; a record both reject prints as an error record. Input as\n"
	"for evaluate; no FILE, or -, reads standard input.\n"
	"\n"
	"      --old, --new POLICY  policy file or directory; `builtin' is the\n"
	"                        policy built into policyctl (./builtin: a path)\n"
	"      --all             print every record, changed or not\n"
	"      --table[=FMT]     verdict transitions (old -> new) of the changed\n"
	"                        records and totals on standard error: table\n"
	"                        (default), json or none\n"
	"  -f, --format FMT      auto (default), json (object or array), jsonl\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"      --[no-]progress   a progress line (default: stderr is a terminal)\n"
	"\n"
	"Exit status: 0 all records evaluated under both policies (changed or\n"
	"not), 1 some records were rejected by either policy, 2 usage error,\n"
	"unreadable input or invalid policy.\n";

typedef enum table_kind { TABLE_NONE, TABLE_TEXT, TABLE_JSON } table_kind;

/* The outcome of a record on one side: the verdicts, then "invalid". */
#define STATE_INVALID 4
#define STATES 5

static const char *state_name(int s)
{
	return s == STATE_INVALID ? "invalid" : lp_verdict_name((lp_verdict)s);
}

/* One policy's outcome of the current record. */
typedef struct side {
	int state;            /* a verdict, or STATE_INVALID */
	lp_buf error;         /* {"code":..,"message":..} when invalid */
	lp_buf json;          /* what is compared and printed */
} side;

typedef struct diff {
	const lp_policy *policy[2]; /* old, new */
	FILE *out;
	int all;
	int progress;
	uint64_t total_bytes; /* of all inputs, 0 when unknown */
	uint64_t bytes_before; /* of the inputs finished */
	double started, last_progress;
	unsigned long records, changed, unchanged, invalid;
	unsigned long rejected; /* by at least one policy */
	unsigned long transitions[STATES][STATES];
	side sides[2];
	lp_buf text;          /* the record, NUL-terminated */
	lp_buf line;          /* the output line */
	const char **names;   /* scratch for sorting a list */
	size_t names_cap;
	lp_eval_scratch scratch; /* kept from record to record */
	const char *file;     /* the input's name when there are several */
	int show_line;        /* records give their line (not a single object) */
	int oom;
} diff;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* n with thousands separators: 1204 -> "1,204". */
static const char *thousands(unsigned long n, char buf[32])
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%lu", n), i, o = 0;

	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Writes "key":[...] holding the n names of get(d, i), sorted, each once. */
static void write_set(diff *df, lp_buf *b, const char *key,
                      const lp_decision *d, size_t n,
                      const char *(*get)(const lp_decision *, size_t))
{
	size_t i, w = 0;

	if (n > df->names_cap) {
		const char **v = realloc(df->names, n * sizeof(*v));

		if (!v) {
			df->oom = 1;
			return;
		}
		df->names = v;
		df->names_cap = n;
	}
	for (i = 0; i < n; i++)
		df->names[i] = get(d, i);
	if (n > 1)
		qsort(df->names, n, sizeof(*df->names), by_name);
	lp_buf_printf(b, ",\"%s\":[", key);
	for (i = 0; i < n; i++) {
		if (i && strcmp(df->names[i], df->names[i - 1]) == 0)
			continue;
		if (w++)
			lp_buf_putc(b, ',');
		lp_buf_json_string(b, df->names[i], strlen(df->names[i]));
	}
	lp_buf_putc(b, ']');
}

static void set_error(side *s, const char *code, const char *message)
{
	s->state = STATE_INVALID;
	lp_buf_printf(&s->error, "{\"code\":\"%s\",\"message\":", code);
	lp_buf_json_string(&s->error, message, strlen(message));
	lp_buf_putc(&s->error, '}');
	lp_buf_puts(&s->json, "{\"error\":");
	lp_buf_append(&s->json, s->error.s, s->error.len);
	lp_buf_putc(&s->json, '}');
}

/* Evaluates the record in df->text under policy p into s. */
static void evaluate_side(diff *df, side *s, const lp_policy *p,
                          const rec_record *rec)
{
	lp_decision *d = NULL;
	lp_jorigin at;
	lp_error err;
	int rc;

	s->error.len = 0;
	s->json.len = 0;
	if (rec->problem) {
		set_error(s, rec->code ? rec->code : "invalid_json", rec->problem);
		return;
	}
	memset(&err, 0, sizeof(err));
	at.line = rec->line;
	at.column = rec->column;
	rc = lp_evaluate_json_in(&d, p, &df->scratch, df->text.s, df->text.len,
	                         df->records, &at, &err);
	if (rc != LP_OK) {
		set_error(s, batch_error_code(rc, &err),
		          err.message[0] ? err.message : lp_status_string(rc));
		return;
	}
	s->state = (int)lp_decision_verdict(d);
	lp_buf_printf(&s->json, "{\"verdict\":\"%s\"",
	              lp_verdict_name(lp_decision_verdict(d)));
	write_set(df, &s->json, "actions", d, lp_decision_action_count(d),
	          lp_decision_action);
	write_set(df, &s->json, "categories", d, lp_decision_violation_count(d),
	          lp_decision_violation_category);
	write_set(df, &s->json, "referrals", d, lp_decision_referral_count(d),
	          lp_decision_referral);
	lp_buf_putc(&s->json, '}');
	lp_eval_scratch_recycle(&df->scratch, d);
}

static int same(const lp_buf *a, const lp_buf *b)
{
	return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static void diff_record(diff *df, const rec_record *rec)
{
	side *o = &df->sides[0], *n = &df->sides[1];
	lp_buf *b = &df->line;
	int i, print;

	df->records++;
	df->text.len = 0;
	lp_buf_append(&df->text, rec->json ? rec->json : "", rec->len);
	lp_buf_putc(&df->text, '\0');
	df->text.len--; /* the NUL ends the parse; it is not part of the record */
	for (i = 0; i < 2; i++)
		evaluate_side(df, &df->sides[i], df->policy[i], rec);
	if (lp_buf_failed(&df->text) || lp_buf_failed(&o->json) ||
	    lp_buf_failed(&n->json) || lp_buf_failed(&o->error) ||
	    lp_buf_failed(&n->error) || df->oom) {
		df->oom = 1;
		return;
	}

	if (o->state == STATE_INVALID || n->state == STATE_INVALID)
		df->rejected++;
	if (o->state == STATE_INVALID && n->state == STATE_INVALID) {
		df->invalid++;
		print = 1;
	} else if (same(&o->json, &n->json)) {
		df->unchanged++;
		print = df->all;
	} else {
		df->changed++;
		df->transitions[o->state][n->state]++;
		print = 1;
	}
	if (!print)
		return;

	b->len = 0;
	lp_buf_puts(b, "{\"id\":");
	batch_write_id(b, df->text.s, df->text.len);
	if (!lp_buf_failed(b) && b->len == 10 && memcmp(b->s + 6, "null", 4) == 0 &&
	    (o->state != STATE_INVALID || n->state != STATE_INVALID)) {
		/* No id in a report a policy accepted: the decision's id, the
		 * record number (SPEC §2), as evaluate prints it. */
		b->len = 6;
		lp_buf_printf(b, "%lu", df->records);
	}
	batch_write_place(b, df->records, df->file,
	                  df->show_line ? rec->line : 0);
	if (o->state == STATE_INVALID && same(&o->json, &n->json)) {
		/* Rejected alike by both: the error record of evaluate. */
		lp_buf_puts(b, ",\"error\":");
		lp_buf_append(b, o->error.s, o->error.len);
	} else {
		lp_buf_puts(b, ",\"old\":");
		lp_buf_append(b, o->json.s, o->json.len);
		lp_buf_puts(b, ",\"new\":");
		lp_buf_append(b, n->json.s, n->json.len);
	}
	lp_buf_puts(b, "}\n");
	if (lp_buf_failed(b))
		df->oom = 1;
	else
		fwrite(b->s, 1, b->len, df->out);
}

static void progress(diff *df, const rec_reader *r, int final)
{
	double t = now(), elapsed = t - df->started;
	uint64_t done = df->bytes_before + (r ? r->consumed : 0);
	char n1[32], n2[32];

	if (!df->progress || (!final && t - df->last_progress < 0.5))
		return;
	df->last_progress = t;
	fprintf(stderr, "\rpolicyctl: diff: %s records, %s changed, %.0f records/s",
	        thousands(df->records, n1), thousands(df->changed, n2),
	        elapsed > 0 ? (double)df->records / elapsed : 0.0);
	if (!final && df->total_bytes && done <= df->total_bytes)
		fprintf(stderr, ", %.1f%%",
		        100.0 * (double)done / (double)df->total_bytes);
	fputs("   ", stderr);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
}


/* Returns 0, or -1 after saying why (read error, out of memory). */
static int diff_input(diff *df, const char *path, rec_shape forced)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	rec_reader r;
	rec_record rec;
	int rc;

	if (!f) {
		cli_error("diff: cannot read %s", path);
		return -1;
	}
	rc = rec_open(&r, f, forced, LP_MAX_REPORT_BYTES);
	df->show_line = r.shape != REC_OBJECT;
	while (rc == 0 && !df->oom && (rc = rec_next(&r, &rec)) == 1) {
		diff_record(df, &rec);
		progress(df, &r, 0);
		rc = 0;
	}
	if (df->oom)
		rc = -1;
	if (rc != 0)
		cli_error("diff: %s: %s", cli_input_name(path),
		          r.error ? strerror(r.saved_errno) : "out of memory");
	df->bytes_before += r.consumed;
	rec_close(&r);
	if (!is_stdin)
		fclose(f);
	return rc;
}

typedef struct transition {
	const char *from, *to;
	unsigned long count;
} transition;

static int by_count_then_names(const void *a, const void *b)
{
	const transition *x = a, *y = b;
	int c;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	c = strcmp(x->from, y->from);
	return c ? c : strcmp(x->to, y->to);
}

static void print_table(const diff *df, table_kind kind)
{
	transition t[STATES * STATES];
	size_t n = 0, i;
	int a, b;
	char num[32];

	for (a = 0; a < STATES; a++)
		for (b = 0; b < STATES; b++)
			if (df->transitions[a][b]) {
				t[n].from = state_name(a);
				t[n].to = state_name(b);
				t[n++].count = df->transitions[a][b];
			}
	qsort(t, n, sizeof(*t), by_count_then_names);
	if (kind == TABLE_JSON) {
		/* Revisions are hex digests, names policy ids: no escaping. */
		fprintf(stderr, "{\"old_revision\":\"%s\",\"new_revision\":\"%s\","
		        "\"records\":%lu,\"changed\":%lu,\"unchanged\":%lu,"
		        "\"invalid\":%lu,\"transitions\":[",
		        lp_policy_revision(df->policy[0]),
		        lp_policy_revision(df->policy[1]), df->records, df->changed,
		        df->unchanged, df->invalid);
		for (i = 0; i < n; i++)
			fprintf(stderr, "%s{\"old\":\"%s\",\"new\":\"%s\",\"count\":%lu}",
			        i ? "," : "", t[i].from, t[i].to, t[i].count);
		fputs("]}\n", stderr);
		return;
	}
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s -> %s: %s\n", t[i].from, t[i].to,
		        thousands(t[i].count, num));
	fprintf(stderr, "records: %s\n", thousands(df->records, num));
	fprintf(stderr, "changed: %s\n", thousands(df->changed, num));
	fprintf(stderr, "unchanged: %s\n", thousands(df->unchanged, num));
	fprintf(stderr, "invalid: %s\n", thousands(df->invalid, num));
}

static lp_policy *load(const char *path)
{
	return cli_load_policy(strcmp(path, "builtin") == 0 ? NULL : path, 1);
}

int cmd_diff(int argc, char **argv)
{
	enum { OPT_OLD = 256, OPT_NEW, OPT_ALL, OPT_TABLE, OPT_PROGRESS,
	       OPT_NO_PROGRESS };
	static const struct option opts[] = {
		{"old", required_argument, NULL, OPT_OLD},
		{"new", required_argument, NULL, OPT_NEW},
		{"all", no_argument, NULL, OPT_ALL},
		{"table", optional_argument, NULL, OPT_TABLE},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"progress", no_argument, NULL, OPT_PROGRESS},
		{"no-progress", no_argument, NULL, OPT_NO_PROGRESS},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	static char *stdin_only[] = {"-"};
	const char *old_path = NULL, *new_path = NULL, *output = NULL;
	rec_shape forced = REC_AUTO;
	table_kind table = TABLE_TEXT;
	int progress_flag = -1, c, i, nin, status = EXIT_ALL_EVALUATED;
	lp_policy *old_policy = NULL, *new_policy = NULL;
	char **inputs;
	diff df;

	memset(&df, 0, sizeof(df));
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_OLD: old_path = optarg; break;
		case OPT_NEW: new_path = optarg; break;
		case OPT_ALL: df.all = 1; break;
		case OPT_PROGRESS: progress_flag = 1; break;
		case OPT_NO_PROGRESS: progress_flag = 0; break;
		case 'o': output = optarg; break;
		case 'h': fputs(usage, stdout); return EXIT_ALL_EVALUATED;
		case OPT_TABLE: {
			static const char *const kinds[] = {"table", "json", "none",
			                                    NULL};
			static const table_kind tables[] = {TABLE_TEXT, TABLE_JSON,
			                                    TABLE_NONE};
			int k = cli_pick("diff", "table", optarg, kinds);

			if (k < 0)
				return EXIT_USAGE;
			table = tables[k];
			break;
		}
		case 'f':
			if (rec_shape_parse("diff", optarg, &forced) != 0)
				return EXIT_USAGE;
			break;
		default:
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (!old_path || !new_path) {
		cli_error("diff: both --old and --new are required (a policy path, "
		          "or builtin); see 'policyctl diff --help'");
		return EXIT_USAGE;
	}
	inputs = optind < argc ? argv + optind : stdin_only;
	nin = optind < argc ? argc - optind : 1;
	if (cli_check_inputs("diff", inputs, nin, &df.total_bytes) != 0)
		return EXIT_USAGE;
	old_policy = load(old_path);
	new_policy = old_policy ? load(new_path) : NULL;
	if (!new_policy) {
		lp_policy_free(old_policy);
		return EXIT_USAGE;
	}
	df.policy[0] = old_policy;
	df.policy[1] = new_policy;
	df.out = cli_open_output("diff", output, inputs, nin);
	if (!df.out) {
		lp_policy_free(old_policy);
		lp_policy_free(new_policy);
		return EXIT_USAGE;
	}
	if (table == TABLE_TEXT && strcmp(lp_policy_revision(old_policy),
	           lp_policy_revision(new_policy)) == 0)
		cli_error("diff: note: both policies have revision %s (the same "
		          "content)", lp_policy_revision(old_policy));
	df.progress = progress_flag > 0 ||
	              (progress_flag < 0 && isatty(STDERR_FILENO));
	df.started = now();
	lp_eval_scratch_init(&df.scratch);
	for (i = 0; i < nin && status == EXIT_ALL_EVALUATED; i++) {
		df.file = nin > 1 ? cli_input_name(inputs[i]) : NULL;
		if (diff_input(&df, inputs[i], forced) != 0)
			status = EXIT_USAGE;
	}
	lp_eval_scratch_free(&df.scratch);
	if (df.progress)
		progress(&df, NULL, 1);
	if (fflush(df.out) != 0 || ferror(df.out)) {
		cli_error("diff: error writing the output");
		status = EXIT_USAGE;
	}
	if (output && fclose(df.out) != 0 && status == EXIT_ALL_EVALUATED) {
		cli_error("diff: error writing %s", output);
		status = EXIT_USAGE;
	}
	if (table != TABLE_NONE)
		print_table(&df, table);
	if (status == EXIT_ALL_EVALUATED && df.rejected)
		status = EXIT_SOME_INVALID;
	for (i = 0; i < 2; i++) {
		lp_buf_free(&df.sides[i].error);
		lp_buf_free(&df.sides[i].json);
	}
	lp_buf_free(&df.text);
	lp_buf_free(&df.line);
	free(df.names);
	lp_policy_free(old_policy);
	lp_policy_free(new_policy);
	return status;
}
