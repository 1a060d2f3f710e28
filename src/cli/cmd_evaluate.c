/*
 * cmd_evaluate.c - `policyctl evaluate`: reports in, decisions out.
 *
 * Input is a JSON object, a JSON array of objects, or JSON Lines; the
 * output has the same shape. Every record gives exactly one result, in
 * input order: a decision, or an error record in its place (SPEC §7).
 */
#include <cjson/cJSON.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "json_scan.h"
#include "report.h"

typedef enum format { FMT_AUTO, FMT_OBJECT, FMT_ARRAY, FMT_LINES } format;

typedef struct run {
	const lp_policy *policy;
	FILE *out;
	format shape;
	int pretty;
	unsigned long record;  /* records seen so far, over all inputs */
	unsigned long invalid;
	size_t in_array;       /* results written in the current array */
} run;

static const char usage[] =
	"usage: policyctl evaluate [--policy PATH] [--format FMT] [-o FILE]\n"
	"                          [--pretty | --compact] [FILE...]\n"
	"\n"
	"Evaluates reports (SPEC §2) and prints one decision per report.\n"
	"Input: a JSON object, a JSON array of objects, or JSON Lines; the\n"
	"output has the same shape. No FILE, or -, reads standard input.\n"
	"\n"
	"  -p, --policy PATH   policy file or directory (default: the policy\n"
	"                      built into policyctl)\n"
	"  -f, --format FMT    auto (default), json (object or array), jsonl\n"
	"  -o, --output FILE   write to FILE instead of standard output\n"
	"      --pretty        indented output (default for one object on a\n"
	"                      terminal)\n"
	"      --compact       one line per decision\n"
	"  -h, --help          show this help\n"
	"\n"
	"A malformed record gives an error record in its place and the rest\n"
	"are still evaluated. Exit status: 0 all records evaluated, 1 some\n"
	"records were invalid, 2 usage error, unreadable input or invalid\n"
	"policy.\n";

static const char *skip_ws(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	return s;
}

/* The id of a record that failed, when it can still be read. */
static void write_id_of(FILE *out, const char *json, size_t len)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	const cJSON *id = root ? cJSON_GetObjectItemCaseSensitive(root, "id") : NULL;
	char *s = NULL;

	/* Echo only what is valid: the error record must stay valid JSON. */
	if (id && cJSON_IsString(id) &&
	    lp_utf8_valid(id->valuestring, strlen(id->valuestring)))
		s = cJSON_PrintUnformatted(id);
	else if (id && cJSON_IsNumber(id) && isfinite(id->valuedouble) &&
	         floor(id->valuedouble) == id->valuedouble &&
	         fabs(id->valuedouble) < 9007199254740992.0)
		s = cJSON_PrintUnformatted(id);
	fputs(s ? s : "null", out);
	cJSON_free(s);
	cJSON_Delete(root);
}

static void write_string(FILE *out, const char *s)
{
	cJSON *str = cJSON_CreateString(s);
	char *text = str ? cJSON_PrintUnformatted(str) : NULL;

	fputs(text ? text : "\"\"", out);
	cJSON_free(text);
	cJSON_Delete(str);
}

static void begin_result(run *r)
{
	if (r->shape != FMT_ARRAY)
		return;
	fputs(r->in_array++ ? ",\n" : "\n", r->out);
}

static void end_result(run *r)
{
	if (r->shape != FMT_ARRAY)
		fputc('\n', r->out);
}

static void write_error(run *r, const cli_record *rec, const char *code,
                        const char *message)
{
	begin_result(r);
	fputs("{\"id\":", r->out);
	write_id_of(r->out, rec->json, rec->len);
	fprintf(r->out, ",\"record\":%lu", r->record);
	if (rec->line)
		fprintf(r->out, ",\"line\":%lu", rec->line);
	fprintf(r->out, ",\"error\":{\"code\":\"%s\",\"message\":", code);
	write_string(r->out, message);
	fputs("}}", r->out);
	end_result(r);
	r->invalid++;
}

static void evaluate_record(run *r, const cli_record *rec)
{
	lp_decision *d = NULL;
	lp_error err;
	char *json = NULL;
	int rc;

	r->record++;
	if (rec->problem) {
		write_error(r, rec, "invalid_json", rec->problem);
		return;
	}
	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, r->policy, rec->json, rec->len, r->record, &err);
	if (rc == LP_OK)
		rc = lp_decision_to_json(&json, NULL, d,
		                         r->pretty ? LP_JSON_PRETTY : LP_JSON_COMPACT);
	if (rc == LP_OK) {
		begin_result(r);
		fputs(json, r->out);
		end_result(r);
	} else if (rc == LP_ELIMIT) {
		write_error(r, rec, "limit_exceeded", err.message);
	} else if (rc == LP_EINVALID) {
		write_error(r, rec, err.field[0] ? "invalid_field" : "invalid_json",
		            err.message);
	} else {
		write_error(r, rec, "internal_error", lp_status_string(rc));
	}
	lp_free(json);
	lp_decision_free(d);
}

static void evaluate_lines(run *r, const char *s, const char *end)
{
	unsigned long line = 0;

	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *stop = nl ? nl : end;
		cli_record rec = {s, (size_t)(stop - s), ++line, NULL};

		if (skip_ws(s, stop) < stop) /* blank lines are not records */
			evaluate_record(r, &rec);
		s = nl ? nl + 1 : end;
	}
}

static void evaluate_array(run *r, const char *s, const char *end)
{
	s = skip_ws(s + 1, end);
	if (s < end && *s == ']')
		return;
	while (s < end) {
		const char *v = lp_json_value_end(s, end);
		cli_record rec = {s, v ? (size_t)(v - s) : (size_t)(end - s), 0, NULL};

		if (!v) {
			rec.problem = "report: truncated JSON (the array ends inside "
			              "this record)";
			evaluate_record(r, &rec);
			return;
		}
		evaluate_record(r, &rec);
		s = skip_ws(v, end);
		if (s < end && *s == ']')
			return;
		if (s >= end || *s != ',') {
			cli_record bad = {s, (size_t)(end - s), 0,
			                  s >= end ? "report: truncated JSON (the array "
			                             "is not closed)"
			                           : "report: expected ',' or ']' between "
			                             "array elements"};
			evaluate_record(r, &bad);
			return;
		}
		s = skip_ws(s + 1, end);
	}
}

static format detect_format(const char *s, const char *end)
{
	const char *v, *nl;

	s = skip_ws(s, end);
	if (s < end && *s == '[')
		return FMT_ARRAY;
	if (s >= end || *s != '{')
		return FMT_LINES;
	v = lp_json_value_end(s, end);
	if (v)
		return skip_ws(v, end) == end ? FMT_OBJECT : FMT_LINES;
	/* The first value never ends: one object cut short, unless its first
	 * line is a whole value (then the cut is in a later JSON Line). */
	nl = memchr(s, '\n', (size_t)(end - s));
	return nl && lp_json_value_end(s, nl) ? FMT_LINES : FMT_OBJECT;
}

static int evaluate_input(run *r, const char *path, format forced,
                          int pretty_flag)
{
	char *data;
	size_t len;
	const char *s, *end;
	format f;

	if (cli_read_file(path, &data, &len) != 0)
		return -1;
	s = data;
	end = data + len;
	/* A UTF-8 byte order mark is not part of the JSON. */
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	f = detect_format(s, end);
	if (forced == FMT_LINES)
		f = FMT_LINES;
	else if (forced == FMT_OBJECT && f == FMT_LINES)
		f = FMT_OBJECT; /* json: one value, even if it is malformed */
	r->shape = f;
	r->pretty = pretty_flag > 0 ||
	            (pretty_flag < 0 && f == FMT_OBJECT && isatty(fileno(r->out)));
	if (f == FMT_ARRAY) {
		r->in_array = 0;
		fputc('[', r->out);
		evaluate_array(r, skip_ws(s, end), end);
		fputs(r->in_array ? "\n]\n" : "]\n", r->out);
	} else if (f == FMT_OBJECT) {
		cli_record rec = {s, (size_t)(end - s), 0, NULL};

		if (skip_ws(s, end) == end)
			rec.problem = "report: the input is empty";
		evaluate_record(r, &rec);
	} else {
		evaluate_lines(r, s, end);
	}
	free(data);
	return 0;
}

int cmd_evaluate(int argc, char **argv)
{
	static const struct option opts[] = {
		{"policy", required_argument, NULL, 'p'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"pretty", no_argument, NULL, 'P'},
		{"compact", no_argument, NULL, 'C'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *policy_path = NULL, *output = NULL;
	format forced = FMT_AUTO;
	int pretty = -1, c, i, status = EXIT_ALL_EVALUATED;
	lp_policy *policy;
	run r;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:f:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': policy_path = optarg; break;
		case 'o': output = optarg; break;
		case 'P': pretty = 1; break;
		case 'C': pretty = 0; break;
		case 'h': fputs(usage, stdout); return EXIT_ALL_EVALUATED;
		case 'f':
			if (strcmp(optarg, "auto") == 0)
				forced = FMT_AUTO;
			else if (strcmp(optarg, "json") == 0)
				forced = FMT_OBJECT;
			else if (strcmp(optarg, "jsonl") == 0)
				forced = FMT_LINES;
			else {
				cli_error("evaluate: --format is auto, json or jsonl, not "
				          "'%s'", optarg);
				return EXIT_USAGE;
			}
			break;
		default:
			fputs(usage, stderr);
			return EXIT_USAGE;
		}
	}
	/* Every input is checked before anything is written, so that a bad
	 * argument never leaves half an output behind. */
	for (i = optind; i < argc; i++) {
		struct stat st;

		if (strcmp(argv[i], "-") == 0)
			continue;
		if (stat(argv[i], &st) != 0 || access(argv[i], R_OK) != 0) {
			cli_error("evaluate: cannot read %s", argv[i]);
			return EXIT_USAGE;
		}
		if (S_ISDIR(st.st_mode)) {
			cli_error("evaluate: %s is a directory", argv[i]);
			return EXIT_USAGE;
		}
	}
	policy = cli_load_policy(policy_path, 1);
	if (!policy)
		return EXIT_USAGE;
	memset(&r, 0, sizeof(r));
	r.policy = policy;
	r.out = output ? fopen(output, "w") : stdout;
	if (!r.out) {
		cli_error("evaluate: cannot write %s", output);
		lp_policy_free(policy);
		return EXIT_USAGE;
	}
	if (optind == argc) {
		if (evaluate_input(&r, NULL, forced, pretty) != 0)
			status = EXIT_USAGE;
	}
	for (i = optind; i < argc && status != EXIT_USAGE; i++)
		if (evaluate_input(&r, argv[i], forced, pretty) != 0)
			status = EXIT_USAGE;
	if (fflush(r.out) != 0 || ferror(r.out)) {
		cli_error("evaluate: error writing the output");
		status = EXIT_USAGE;
	}
	if (output)
		fclose(r.out);
	lp_policy_free(policy);
	if (status == EXIT_ALL_EVALUATED && r.invalid)
		status = EXIT_SOME_INVALID;
	return status;
}
