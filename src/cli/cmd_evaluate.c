/*
 * cmd_evaluate.c - `policyctl evaluate`: reports in, decisions out.
 *
 * Input is a JSON object, a JSON array of objects, or JSON Lines; the
 * output has the same shape. Every record gives exactly one result, in
 * input order: a decision, or an error record in its place (SPEC §7).
 * Records stream through (records.c) and are evaluated on several threads
 * (batch.c), so memory stays flat whatever the input size.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "records.h"

static const char usage[] =
	"usage: policyctl evaluate [OPTIONS] [FILE...]\n"
	"\n"
	"Evaluates reports and prints one decision per report, in order.\n"
	"Input: a JSON object, a JSON array of objects, or JSON Lines; the\n"
	"output has the same shape. With several FILEs, the first that is\n"
	"an array or holds a record sets the shape of the whole output:\n"
	"one array of every result, or JSON Lines. Indented objects one\n"
	"after another (as jq prints them) give JSON Lines. No FILE, or -,\n"
	"reads standard input.\n"
	"\n"
	"  -p, --policy PATH     policy file or directory (default: the policy\n"
	"                        built into policyctl)\n"
	"  -f, --format FMT      auto (default), json (object or array), jsonl\n"
	"  -o, --output FILE     write to FILE instead of standard output\n"
	"  -j, --threads N       evaluate on N threads (default: the cores)\n"
	"      --summary[=FMT]   counts by verdict, category, action and referral\n"
	"                        on standard error: table (default) or json\n"
	"      --progress        a progress line on standard error (default when\n"
	"      --no-progress     standard error is a terminal)\n"
	"      --pretty          indented output (default for one object on a\n"
	"                        terminal)\n"
	"      --compact         one line per decision\n"
	"  -h, --help            show this help\n"
	"\n"
	"A malformed record gives an error record in its place and the rest\n"
	"are still evaluated. Exit status: 0 all records evaluated, 1 some\n"
	"records were invalid, 2 usage error, unreadable input or invalid\n"
	"policy.\n";

typedef enum summary_kind { SUMMARY_NONE, SUMMARY_TABLE, SUMMARY_JSON } summary_kind;

static void print_tally_table(const char *title, tally *t)
{
	size_t i;

	if (t->n == 0)
		return;
	tally_sort(t);
	fprintf(stderr, "%s\n", title);
	for (i = 0; i < t->n; i++)
		fprintf(stderr, "  %-36s %12lu\n", t->v[i].name, t->v[i].count);
}

static void print_tally_json(const char *key, tally *t, int last)
{
	size_t i;

	tally_sort(t);
	fprintf(stderr, "\"%s\":{", key);
	for (i = 0; i < t->n; i++)
		fprintf(stderr, "%s\"%s\":%lu", i ? "," : "", t->v[i].name,
		        t->v[i].count);
	fprintf(stderr, "}%s", last ? "" : ",");
}

static void print_summary(summary_kind kind, batch_summary *s)
{
	if (kind == SUMMARY_JSON) {
		/* Names are policy ids, which need no escaping. */
		fprintf(stderr, "{\"records\":%lu,\"invalid\":%lu,", s->records,
		        s->invalid);
		print_tally_json("verdicts", &s->verdicts, 0);
		print_tally_json("categories", &s->categories, 0);
		print_tally_json("actions", &s->actions, 0);
		print_tally_json("referrals", &s->referrals, 1);
		fputs("}\n", stderr);
		return;
	}
	fprintf(stderr, "%lu records, %lu evaluated, %lu invalid\n", s->records,
	        s->records - s->invalid, s->invalid);
	print_tally_table("verdict", &s->verdicts);
	print_tally_table("category", &s->categories);
	print_tally_table("action", &s->actions);
	print_tally_table("referral", &s->referrals);
}

static int default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}


static int evaluate_input(batch_options *o, batch_state *st, const char *path,
                          rec_shape forced, int pretty_flag)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	rec_reader r;
	int rc;

	if (!f) {
		cli_error("evaluate: cannot read %s", path);
		return -1;
	}
	rc = rec_open(&r, f, forced, LP_MAX_REPORT_BYTES);
	if (rc == 0) {
		o->pretty = pretty_flag > 0 ||
		            (pretty_flag < 0 && r.shape == REC_OBJECT &&
		             isatty(fileno(o->out)));
		rc = batch_run(o, st, &r);
	}
	if (rc != 0)
		cli_error("evaluate: %s: %s", cli_input_name(path),
		          r.error ? strerror(r.saved_errno) : "out of memory");
	rec_close(&r);
	if (f != stdin)
		fclose(f);
	return rc;
}

int cmd_evaluate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"policy", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"threads", required_argument, NULL, 'j'},
		{"summary", optional_argument, NULL, 'S'},
		{"progress", no_argument, NULL, 'G'},
		{"no-progress", no_argument, NULL, 'N'},
		{"pretty", no_argument, NULL, 'P'},
		{"compact", no_argument, NULL, 'C'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	static char *stdin_only[] = {"-"};
	const char *policy_path = NULL, *output = NULL;
	rec_shape forced = REC_AUTO;
	summary_kind summary = SUMMARY_NONE;
	int pretty = -1, progress = -1, c, i, nin, status = EXIT_ALL_EVALUATED;
	char **inputs;
	lp_policy *policy;
	batch_options o;
	batch_state st;

	memset(&o, 0, sizeof(o));
	o.threads = default_threads();
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:f:o:j:h", opts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'p': policy_path = optarg; break;
		case 'o': output = optarg; break;
		case 'P': pretty = 1; break;
		case 'C': pretty = 0; break;
		case 'G': progress = 1; break;
		case 'N': progress = 0; break;
		case 'h': fputs(usage, stdout); return EXIT_ALL_EVALUATED;
		case 'j': {
			long n;

			errno = 0;
			n = strtol(optarg, &end, 10);
			if (*end || end == optarg || errno || n < 1 || n > 256) {
				cli_error("evaluate: --threads takes a number from 1 to "
				          "256, not '%s'", optarg);
				return EXIT_USAGE;
			}
			o.threads = (int)n;
			break;
		}
		case 'S': {
			static const char *const kinds[] = {"table", "json", NULL};
			int k = cli_pick("evaluate", "summary", optarg, kinds);

			if (k < 0)
				return EXIT_USAGE;
			summary = k == 0 ? SUMMARY_TABLE : SUMMARY_JSON;
			break;
		}
		case 'f':
			if (rec_shape_parse("evaluate", optarg, &forced) != 0)
				return EXIT_USAGE;
			break;
		default:
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	inputs = optind < argc ? argv + optind : stdin_only;
	nin = optind < argc ? argc - optind : 1;
	if (cli_check_inputs("evaluate", inputs, nin, &o.total_bytes) != 0)
		return EXIT_USAGE;
	policy = cli_load_policy(policy_path, 1);
	if (!policy)
		return EXIT_USAGE;
	o.policy = policy;
	o.out = cli_open_output("evaluate", output, inputs, nin);
	if (!o.out) {
		lp_policy_free(policy);
		return EXIT_USAGE;
	}
	o.progress = progress > 0 || (progress < 0 && isatty(STDERR_FILENO));
	batch_init(&st);
	for (i = 0; i < nin && status == EXIT_ALL_EVALUATED; i++) {
		/* With several inputs, a line number alone is ambiguous. */
		o.file = nin > 1 ? cli_input_name(inputs[i]) : NULL;
		if (evaluate_input(&o, &st, inputs[i], forced, pretty) != 0)
			status = EXIT_USAGE;
	}
	batch_finish(&o, &st);
	if (fflush(o.out) != 0 || ferror(o.out)) {
		cli_error("evaluate: error writing the output");
		status = EXIT_USAGE;
	}
	if (output)
		fclose(o.out);
	if (summary != SUMMARY_NONE)
		print_summary(summary, &st.summary);
	if (status == EXIT_ALL_EVALUATED && st.summary.invalid)
		status = EXIT_SOME_INVALID;
	batch_free(&st);
	lp_policy_free(policy);
	return status;
}
