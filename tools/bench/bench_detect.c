/*
 * bench_detect.c - measures the text detectors of a policy on a labelled
 * corpus (tests/corpus/README.md): precision and recall per detector, found
 * and flagged records per set, the evasion forms, scan throughput on one
 * core and the allocations the scan path makes per Tweet; then the targets
 * of the detection issue, PASS or FAIL. With --check it compares the counts
 * with a floors file and fails when one is broken, which is how the test
 * suite holds the figures (counts only: timings are never floors).
 *
 * It scans the way the evaluator does: one lp_scanner reused from one text
 * to the next through lp_scan (src/scan.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "libpolicy.h"
#include "libpolicy/alloc.h"
#include "policy_internal.h"
#include "scan.h"

#define USAGE \
	"usage: bench_detect [--policy PATH] [--seconds S] [--check FLOORS]\n" \
	"                    [--per-detector] [--examples N] [--verbose]\n" \
	"                    [--matches OUT] FILE...\n" \
	"\n" \
	"Scans every record of the corpus files (JSON Lines, tests/corpus/README.md)\n" \
	"with the policy's text detectors (default: the embedded default policy)\n" \
	"and prints precision, recall, flagged look-alikes and benign Tweets, the\n" \
	"evasion forms, throughput and allocations per Tweet, and the targets.\n" \
	"\n" \
	"  --seconds S     time the scan for at least S seconds (default 2), in\n" \
	"                  passes over the corpus; throughput is that of the median\n" \
	"                  pass. 0: one untimed pass, still counting allocations\n" \
	"  --check FLOORS  exit 1 naming every floor of FLOORS that is broken\n" \
	"  --per-detector  also time each detector alone\n" \
	"  --examples N    benign false positives shown per detector (default 3)\n" \
	"  --verbose       print every missed expectation and false positive\n" \
	"  --matches OUT   write every match to OUT, a line each: FILE:LINE DETECTOR\n" \
	"                  START END (code points); two builds whose files are the\n" \
	"                  same detect the same (for refactoring the detectors)\n" \
	"\n" \
	"Exit status: 0, 1 when a floor is broken, 2 on bad usage or input.\n"

/* ---- counting allocator ------------------------------------------------ */

static unsigned long long alloc_count;

static void *count_malloc(size_t size, void *ctx)
{
	(void)ctx;
	alloc_count++;
	return malloc(size);
}

static void *count_realloc(void *ptr, size_t size, void *ctx)
{
	(void)ctx;
	alloc_count++;
	return realloc(ptr, size);
}

static void count_free(void *ptr, void *ctx)
{
	(void)ctx;
	free(ptr);
}

/* ---- helpers ----------------------------------------------------------- */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		fprintf(stderr, "bench_detect: out of memory\n");
		exit(2);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "bench_detect: out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Whether len bytes are well-formed UTF-8 (no overlong forms, surrogates or
 * code points past U+10FFFF). */
static int utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t need, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			need = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			need = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (len - i <= need)
			return 0;
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

/* Code points in the first n bytes of s. */
static uint32_t cp_count(const char *s, size_t n)
{
	uint32_t c = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	}
	return c;
}

/* Byte offset of code point cp in s. */
static size_t byte_of_cp(const char *s, size_t len, uint32_t cp)
{
	size_t i;
	uint32_t c = 0;

	for (i = 0; i < len; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (c == cp)
				return i;
			c++;
		}
	}
	return len;
}

/* Prints s with newlines shown as \n, so that a record stays on a line. */
static void print_flat(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			fputs("\\n", stdout);
		else
			putchar(s[i]);
	}
}

/* ---- names: sets, forms, regions -------------------------------------- */

typedef struct names {
	char **v;
	size_t n;
} names;

static int name_find(const names *ns, const char *s)
{
	size_t i;

	for (i = 0; i < ns->n; i++) {
		if (strcmp(ns->v[i], s) == 0)
			return (int)i;
	}
	return -1;
}

static int name_intern(names *ns, const char *s)
{
	int i = name_find(ns, s);

	if (i >= 0)
		return i;
	ns->v = xrealloc(ns->v, (ns->n + 1) * sizeof(*ns->v));
	ns->v[ns->n] = xstrdup(s);
	return (int)ns->n++;
}

static void names_free(names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

/* ---- the corpus -------------------------------------------------------- */

typedef struct expectation {
	int det;
	uint32_t start, end; /* code points */
	int found;
} expectation;

typedef struct record {
	const char *file;
	unsigned line;
	int set, form, region; /* form and region: -1 when absent */
	char *text;
	size_t len;
	expectation *exp;
	size_t nexp;
} record;

typedef struct match {
	int det;
	uint32_t start, end;
} match;

static struct {
	const lp_policy *policy;
	record *recs;
	size_t nrecs, caprecs;
	names sets, forms, regions;
	match *m;
	size_t nm, capm;
	unsigned long long scan_matches;
} B;

static int is_negative_set(const char *name)
{
	size_t l = strlen(name);

	return strcmp(name, "benign") == 0 ||
	       (l > 10 && strcmp(name + l - 10, "_lookalike") == 0);
}

static int find_detector(const char *id)
{
	size_t i;

	for (i = 0; i < B.policy->detector_count; i++) {
		if (strcmp(B.policy->detectors[i].id, id) == 0)
			return (int)i;
	}
	return -1;
}

static void bad_input(const char *file, unsigned line, const char *what)
{
	fprintf(stderr, "bench_detect: %s:%u: %s\n", file, line, what);
	exit(2);
}

static const char *opt_string(const cJSON *o, const char *key,
                              const char *file, unsigned line)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	char msg[128];

	if (!v)
		return NULL;
	if (!cJSON_IsString(v)) {
		snprintf(msg, sizeof(msg), "\"%s\" must be a string", key);
		bad_input(file, line, msg);
	}
	return v->valuestring;
}

static void parse_record(const char *file, unsigned line, const char *json)
{
	cJSON *o = cJSON_Parse(json);
	const cJSON *ex, *it;
	const char *set, *text, *form, *region;
	record r;
	size_t k = 0;

	if (!o || !cJSON_IsObject(o))
		bad_input(file, line, "not a JSON object");
	set = opt_string(o, "set", file, line);
	text = opt_string(o, "text", file, line);
	form = opt_string(o, "form", file, line);
	region = opt_string(o, "region", file, line);
	if (!set || !*set)
		bad_input(file, line, "\"set\" is missing");
	if (!text)
		bad_input(file, line, "\"text\" is missing");
	if (!utf8_valid((const unsigned char *)text, strlen(text)))
		bad_input(file, line, "\"text\" is not valid UTF-8 (or holds \\u0000)");
	ex = cJSON_GetObjectItemCaseSensitive(o, "expect");
	if (!ex || !cJSON_IsArray(ex))
		bad_input(file, line, "\"expect\" must be an array");
	memset(&r, 0, sizeof(r));
	r.file = file;
	r.line = line;
	r.set = name_intern(&B.sets, set);
	r.form = form ? name_intern(&B.forms, form) : -1;
	r.region = region ? name_intern(&B.regions, region) : -1;
	r.text = xstrdup(text);
	r.len = strlen(text);
	r.nexp = (size_t)cJSON_GetArraySize(ex);
	r.exp = xmalloc(r.nexp * sizeof(*r.exp));
	if (r.nexp && is_negative_set(set))
		bad_input(file, line, "a benign or look-alike record expects no match");
	cJSON_ArrayForEach(it, ex) {
		const char *det, *m, *at;
		char msg[256];
		int d;

		if (!cJSON_IsObject(it))
			bad_input(file, line, "\"expect\" holds a non-object");
		det = opt_string(it, "detector", file, line);
		m = opt_string(it, "match", file, line);
		if (!det || !m || !*m)
			bad_input(file, line, "an expectation needs \"detector\" and a non-empty \"match\"");
		d = find_detector(det);
		if (d < 0) {
			snprintf(msg, sizeof(msg), "no detector \"%s\" in the policy", det);
			bad_input(file, line, msg);
		}
		at = strstr(r.text, m);
		if (!at) {
			snprintf(msg, sizeof(msg), "match \"%.100s\" is not in the text", m);
			bad_input(file, line, msg);
		}
		r.exp[k].det = d;
		r.exp[k].start = cp_count(r.text, (size_t)(at - r.text));
		r.exp[k].end = r.exp[k].start + cp_count(m, strlen(m));
		r.exp[k].found = 0;
		k++;
	}
	cJSON_Delete(o);
	if (B.nrecs == B.caprecs) {
		B.caprecs = B.caprecs ? B.caprecs * 2 : 1024;
		B.recs = xrealloc(B.recs, B.caprecs * sizeof(*B.recs));
	}
	B.recs[B.nrecs++] = r;
}

static void read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned ln = 0;
	const char *file;

	if (!f) {
		fprintf(stderr, "bench_detect: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	file = path;
	while ((n = getline(&line, &cap, f)) >= 0) {
		ssize_t k;

		ln++;
		for (k = 0; k < n && (line[k] == ' ' || line[k] == '\t' ||
		                      line[k] == '\n' || line[k] == '\r'); k++)
			;
		if (k == n)
			continue;
		if ((size_t)n != strlen(line))
			bad_input(file, ln, "the line holds a NUL byte");
		parse_record(file, ln, line);
	}
	if (ferror(f)) {
		fprintf(stderr, "bench_detect: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	free(line);
	fclose(f);
}

/* ---- scanning ----------------------------------------------------------- */

static int collect(void *ctx, size_t detector, uint32_t start, uint32_t end)
{
	(void)ctx;
	if (B.nm == B.capm) {
		B.capm = B.capm ? B.capm * 2 : 64;
		B.m = xrealloc(B.m, B.capm * sizeof(*B.m));
	}
	B.m[B.nm].det = (int)detector;
	B.m[B.nm].start = start;
	B.m[B.nm].end = end;
	B.nm++;
	return 0;
}

static int count_only(void *ctx, size_t detector, uint32_t start, uint32_t end)
{
	(void)ctx;
	(void)detector;
	(void)start;
	(void)end;
	B.scan_matches++;
	return 0;
}

static unsigned limit_warnings;

static void scan_one(const lp_policy *p, lp_scanner *sc, const record *r,
                     lp_scan_match_fn fn)
{
	lp_scan_result res;
	int rc = lp_scan(p, sc, r->text, r->len, fn, NULL, &res);

	if (rc == LP_ELIMIT) {
		if (limit_warnings++ < 5)
			fprintf(stderr, "bench_detect: %s:%u: detector %s reached its match limit\n",
			        r->file, r->line, p->detectors[res.limit_detector].id);
	} else if (rc != 0) {
		fprintf(stderr, "bench_detect: %s:%u: the scan failed (%d)\n", r->file,
		        r->line, rc);
		exit(2);
	}
}

/* Scans every record passes times; returns the seconds taken. */
static double scan_all(const lp_policy *p, lp_scanner *sc, unsigned long passes)
{
	double t0 = now();
	unsigned long k;
	size_t i;

	for (k = 0; k < passes; k++) {
		for (i = 0; i < B.nrecs; i++)
			scan_one(p, sc, &B.recs[i], count_only);
	}
	return now() - t0;
}

/* The seconds each timed pass took, the first MAX_PASS_TIMES of them. */
#define MAX_PASS_TIMES 65536
static double pass_time[MAX_PASS_TIMES];
static size_t npass_times;

/* Scans for at least seconds (one pass when 0); *passes gets the count.
 * Each pass's time is kept in pass_time[]. */
static double timed_scan(const lp_policy *p, lp_scanner *sc, double seconds,
                         unsigned long *passes)
{
	double t = 0;

	*passes = 0;
	npass_times = 0;
	do {
		double one = scan_all(p, sc, 1);

		if (npass_times < MAX_PASS_TIMES)
			pass_time[npass_times++] = one;
		t += one;
		(*passes)++;
	} while (t < seconds);
	return t;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median time of the passes timed_scan kept. It sorts them, so that
 * pass_time[0] is then the fastest. The median is the typical pass, which
 * a few passes slowed down by other work on the machine do not move. A
 * busy stretch slows most passes of a run, though, and then only the
 * fastest pass, slowed down least, stays comparable from run to run. */
static double median_pass(void)
{
	size_t n = npass_times;

	qsort(pass_time, n, sizeof(pass_time[0]), cmp_double);
	return n % 2 ? pass_time[n / 2]
	             : (pass_time[n / 2 - 1] + pass_time[n / 2]) / 2;
}

/* ---- statistics -------------------------------------------------------- */

typedef struct det_stats {
	unsigned long tp, fp, expected, found;
	unsigned long benign_flagged; /* negative-set records it matched in */
	size_t *examples;             /* record indices */
	size_t nex;
} det_stats;

typedef struct set_stats {
	unsigned long records, expected, found, flagged, matches;
} set_stats;

typedef struct group_stats {
	unsigned long expected, found;
} group_stats;

static det_stats *DS;
static set_stats *SS;
static group_stats *FS, *RS; /* per form, per region */
static group_stats *FDS;     /* per form and detector */
static unsigned examples_wanted = 3;
static int verbose;

static int overlaps(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
	return a0 < b1 && b0 < a1;
}

static void show_span(const record *r, uint32_t s, uint32_t e)
{
	size_t a = byte_of_cp(r->text, r->len, s), b = byte_of_cp(r->text, r->len, e);

	printf("[%u,%u) \"", (unsigned)s, (unsigned)e);
	print_flat(r->text + a, b - a);
	printf("\"");
}

static void score_record(size_t ri)
{
	record *r = &B.recs[ri];
	const char *set = B.sets.v[r->set];
	int negative = is_negative_set(set);
	size_t i, k, ndet = B.policy->detector_count;
	set_stats *ss = &SS[r->set];
	unsigned char *seen_det = xmalloc(ndet);

	memset(seen_det, 0, ndet);
	ss->records++;
	ss->matches += B.nm;
	if (B.nm)
		ss->flagged++;
	for (k = 0; k < r->nexp; k++) {
		expectation *e = &r->exp[k];

		e->found = 0;
		for (i = 0; i < B.nm; i++) {
			if (B.m[i].det == e->det &&
			    overlaps(B.m[i].start, B.m[i].end, e->start, e->end))
				e->found = 1;
		}
		DS[e->det].expected++;
		ss->expected++;
		if (r->form >= 0) {
			FS[r->form].expected++;
			FDS[(size_t)r->form * ndet + (size_t)e->det].expected++;
		}
		if (r->region >= 0)
			RS[r->region].expected++;
		if (e->found) {
			DS[e->det].found++;
			ss->found++;
			if (r->form >= 0) {
				FS[r->form].found++;
				FDS[(size_t)r->form * ndet + (size_t)e->det].found++;
			}
			if (r->region >= 0)
				RS[r->region].found++;
		} else if (verbose) {
			printf("MISS %s:%u %s %s ", r->file, r->line, set,
			       B.policy->detectors[e->det].id);
			show_span(r, e->start, e->end);
			printf(" in: ");
			print_flat(r->text, r->len);
			putchar('\n');
		}
	}
	for (i = 0; i < B.nm; i++) {
		const match *m = &B.m[i];
		int tp = 0;

		for (k = 0; k < r->nexp; k++) {
			if (r->exp[k].det == m->det &&
			    overlaps(m->start, m->end, r->exp[k].start, r->exp[k].end))
				tp = 1;
		}
		if (tp) {
			DS[m->det].tp++;
			continue;
		}
		DS[m->det].fp++;
		if (negative && !seen_det[m->det]) {
			det_stats *d = &DS[m->det];

			seen_det[m->det] = 1;
			d->benign_flagged++;
			if (strcmp(set, "benign") == 0 && d->nex < examples_wanted) {
				d->examples = xrealloc(d->examples,
				                       (d->nex + 1) * sizeof(*d->examples));
				d->examples[d->nex++] = ri;
			}
		}
		if (verbose) {
			printf("FP %s:%u %s %s ", r->file, r->line, set,
			       B.policy->detectors[m->det].id);
			show_span(r, m->start, m->end);
			printf(" in: ");
			print_flat(r->text, r->len);
			putchar('\n');
		}
	}
	free(seen_det);
}

static double ratio(unsigned long a, unsigned long b)
{
	return b ? (double)a / (double)b : 0.0;
}

static void print_ratio(unsigned long a, unsigned long b)
{
	if (b)
		printf(" %9.4f", ratio(a, b));
	else
		printf(" %9s", "-");
}

/* ---- floors ------------------------------------------------------------ */

typedef struct figures {
	double allocs_per_tweet;
	unsigned long long allocs;
} figures;

/* The value of metric (with name) for a floor; returns 0 and sets *v, or
 * -1 for an unknown metric, -2 for an unknown detector. *note gets a
 * remark for names the corpus does not have. */
static int floor_value(const char *metric, const char *name, const figures *fig,
                       double *v, const char **note)
{
	int i;

	*note = "";
	if (!strcmp(metric, "allocs_per_tweet") || !strcmp(metric, "allocs")) {
		if (name)
			return -1;
		*v = !strcmp(metric, "allocs") ? (double)fig->allocs : fig->allocs_per_tweet;
		return 0;
	}
	if (!name)
		return -1;
	if (!strcmp(metric, "records") || !strcmp(metric, "expected") ||
	    !strcmp(metric, "found") || !strcmp(metric, "missed") ||
	    !strcmp(metric, "flagged")) {
		const set_stats *s;

		i = name_find(&B.sets, name);
		if (i < 0) {
			*v = 0;
			*note = " (no such set in the corpus)";
			return 0;
		}
		s = &SS[i];
		*v = !strcmp(metric, "records") ? (double)s->records :
		     !strcmp(metric, "expected") ? (double)s->expected :
		     !strcmp(metric, "found") ? (double)s->found :
		     !strcmp(metric, "missed") ? (double)(s->expected - s->found) :
		     (double)s->flagged;
		return 0;
	}
	if (!strcmp(metric, "tp") || !strcmp(metric, "fp") || !strcmp(metric, "fn")) {
		i = find_detector(name);
		if (i < 0)
			return -2;
		*v = !strcmp(metric, "tp") ? (double)DS[i].tp :
		     !strcmp(metric, "fp") ? (double)DS[i].fp :
		     (double)(DS[i].expected - DS[i].found);
		return 0;
	}
	if (!strcmp(metric, "form_found") || !strcmp(metric, "form_missed")) {
		i = name_find(&B.forms, name);
		if (i < 0) {
			*v = 0;
			*note = " (no such form in the corpus)";
			return 0;
		}
		*v = !strcmp(metric, "form_found") ? (double)FS[i].found :
		     (double)(FS[i].expected - FS[i].found);
		return 0;
	}
	return -1;
}

/* Reads the floors file and checks each floor; returns how many are
 * broken. Exits 2 on a malformed line. */
static unsigned check_floors(const char *path, const figures *fig)
{
	FILE *f = fopen(path, "r");
	char line[512];
	unsigned ln = 0, broken = 0, checked = 0;

	if (!f) {
		fprintf(stderr, "bench_detect: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	printf("\n== floors (%s)\n", path);
	while (fgets(line, sizeof(line), f)) {
		char *tok[5], *p = line, *end;
		size_t nt = 0;
		const char *metric, *name = NULL, *op, *num, *note;
		double want, v;
		int ok, rc;

		ln++;
		if ((p = strchr(line, '#')) != NULL)
			*p = '\0';
		for (p = strtok(line, " \t\r\n"); p && nt < 5; p = strtok(NULL, " \t\r\n"))
			tok[nt++] = p;
		if (nt == 0)
			continue;
		if (nt != 3 && nt != 4)
			bad_input(path, ln, "a floor is: METRIC [NAME] (>=|<=|==) NUMBER");
		metric = tok[0];
		if (nt == 4)
			name = tok[1];
		op = tok[nt - 2];
		num = tok[nt - 1];
		if (strcmp(op, ">=") && strcmp(op, "<=") && strcmp(op, "=="))
			bad_input(path, ln, "the operator is >=, <= or ==");
		errno = 0;
		want = strtod(num, &end);
		if (*end || errno || end == num)
			bad_input(path, ln, "the bound is not a number");
		rc = floor_value(metric, name, fig, &v, &note);
		if (rc == -1)
			bad_input(path, ln, "unknown metric (records, expected, found, missed, "
			          "flagged SET; tp, fp, fn DETECTOR; form_found, form_missed "
			          "FORM; allocs_per_tweet; allocs)");
		if (rc == -2)
			bad_input(path, ln, "no such detector in the policy");
		ok = !strcmp(op, ">=") ? v >= want : !strcmp(op, "<=") ? v <= want :
		     v == want;
		checked++;
		if (!ok) {
			broken++;
			printf("BROKEN %s:%u: %s%s%s %s %g, measured %g%s\n", path, ln,
			       metric, name ? " " : "", name ? name : "", op, want, v, note);
		}
	}
	fclose(f);
	printf("%u floors checked, %u broken\n", checked, broken);
	return broken;
}

/* ---- report ------------------------------------------------------------ */

static unsigned targets_failed;

static void target(const char *what, int measured, int pass, const char *result)
{
	printf("  %-6s %-58s %s\n", !measured ? "SKIP" : pass ? "PASS" : "FAIL",
	       what, result);
	if (measured && !pass)
		targets_failed++;
}

static void target_set_recall(const char *set, double floor, const char *what)
{
	int i = name_find(&B.sets, set);
	char w[128], res[64];

	snprintf(w, sizeof(w), "%s (set %s)", what, set);
	if (i < 0 || SS[i].expected == 0) {
		target(w, 1, 0, "no records");
		return;
	}
	snprintf(res, sizeof(res), "recall %.4f (%lu/%lu)",
	         ratio(SS[i].found, SS[i].expected), SS[i].found, SS[i].expected);
	target(w, 1, ratio(SS[i].found, SS[i].expected) >= floor - 1e-12, res);
}

static void target_set_flagged(const char *set)
{
	int i = name_find(&B.sets, set);
	char w[128], res[64];

	snprintf(w, sizeof(w), "no checksum-failing look-alike flagged (set %s)", set);
	if (i < 0 || SS[i].records == 0) {
		target(w, 1, 0, "no records");
		return;
	}
	snprintf(res, sizeof(res), "%lu of %lu flagged", SS[i].flagged, SS[i].records);
	target(w, 1, SS[i].flagged == 0, res);
}

static int cmp_benign(const void *a, const void *b)
{
	const det_stats *x = &DS[*(const size_t *)a], *y = &DS[*(const size_t *)b];

	return x->benign_flagged < y->benign_flagged ? 1 :
	       x->benign_flagged > y->benign_flagged ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const lp_allocator counting = { count_malloc, count_realloc,
					       count_free, NULL };
	const char *policy_path = NULL, *floors = NULL;
	double seconds = 2, t, mbps;
	char res[96];
	int per_detector = 0, i, first_file = 0;
	const char *matches_path = NULL;
	FILE *matches_out = NULL;
	lp_compiler *c = NULL;
	lp_policy *policy = NULL;
	lp_scanner sc;
	size_t ri, d, ndet, bytes = 0, *order;
	unsigned long passes;
	unsigned long long allocs;
	figures fig;
	unsigned broken = 0;
	int benign;

	/* Before anything else, so that every allocation goes through it. */
	if (lp_set_allocator(&counting) != LP_OK) {
		fprintf(stderr, "bench_detect: lp_set_allocator failed\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(USAGE, stdout);
			return 0;
		} else if (!strcmp(argv[i], "--policy") && i + 1 < argc) {
			policy_path = argv[++i];
		} else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
			seconds = strtod(argv[++i], &end);
			if (*end || seconds < 0 || seconds > 3600) {
				fprintf(stderr, "bench_detect: --seconds wants 0 to 3600\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--check") && i + 1 < argc) {
			floors = argv[++i];
		} else if (!strcmp(argv[i], "--examples") && i + 1 < argc) {
			examples_wanted = (unsigned)strtoul(argv[++i], &end, 10);
			if (*end) {
				fprintf(stderr, "bench_detect: --examples wants a number\n");
				return 2;
			}
		} else if (!strcmp(argv[i], "--matches") && i + 1 < argc) {
			matches_path = argv[++i];
		} else if (!strcmp(argv[i], "--per-detector")) {
			per_detector = 1;
		} else if (!strcmp(argv[i], "--verbose") || !strcmp(argv[i], "-v")) {
			verbose = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "bench_detect: unknown option %s\n%s", argv[i], USAGE);
			return 2;
		} else {
			first_file = i;
			break;
		}
	}
	if (!first_file) {
		fprintf(stderr, "bench_detect: no corpus file\n%s", USAGE);
		return 2;
	}

	if (lp_compiler_new(&c, NULL, NULL) != LP_OK ||
	    (policy_path ? lp_compiler_add_path(c, policy_path)
	                 : lp_compiler_add_default(c)) != LP_OK ||
	    lp_compiler_compile(&policy, c) != LP_OK) {
		fprintf(stderr, "bench_detect: the policy %s does not compile "
		        "(policyctl validate says why)\n",
		        policy_path ? policy_path : "(default)");
		lp_compiler_free(c);
		return 2;
	}
	lp_compiler_free(c);
	B.policy = policy;
	ndet = policy->detector_count;
	lp_scanner_init(&sc);

	for (i = first_file; i < argc; i++)
		read_file(argv[i]);
	if (B.nrecs == 0) {
		fprintf(stderr, "bench_detect: no records in the corpus\n");
		return 2;
	}
	DS = calloc(ndet, sizeof(*DS));
	SS = calloc(B.sets.n, sizeof(*SS));
	FS = calloc(B.forms.n + 1, sizeof(*FS));
	FDS = calloc((B.forms.n + 1) * ndet, sizeof(*FDS));
	RS = calloc(B.regions.n + 1, sizeof(*RS));
	if (!DS || !SS || !FS || !FDS || !RS) {
		fprintf(stderr, "bench_detect: out of memory\n");
		return 2;
	}

	if (matches_path && !(matches_out = fopen(matches_path, "w"))) {
		fprintf(stderr, "bench_detect: %s: %s\n", matches_path, strerror(errno));
		return 2;
	}
	/* The scored pass, which is also the warm-up of the scanner. */
	for (ri = 0; ri < B.nrecs; ri++) {
		B.nm = 0;
		scan_one(policy, &sc, &B.recs[ri], collect);
		if (matches_out) {
			size_t k;

			for (k = 0; k < B.nm; k++)
				fprintf(matches_out, "%s:%u %s %u %u\n", B.recs[ri].file,
				        B.recs[ri].line, policy->detectors[B.m[k].det].id,
				        (unsigned)B.m[k].start, (unsigned)B.m[k].end);
		}
		score_record(ri);
		bytes += B.recs[ri].len;
	}
	if (matches_out && fclose(matches_out) != 0) {
		fprintf(stderr, "bench_detect: %s: %s\n", matches_path, strerror(errno));
		return 2;
	}

	printf("== corpus: %zu records, %zu text bytes, %zu files; policy %s, %zu detectors\n",
	       B.nrecs, bytes, (size_t)(argc - first_file),
	       policy_path ? policy_path : "(default)", ndet);

	printf("\n== per set\n%-24s %8s %8s %8s %9s %8s %9s\n", "set", "records",
	       "expected", "found", "recall", "flagged", "flag-rate");
	for (i = 0; i < (int)B.sets.n; i++) {
		const set_stats *s = &SS[i];

		printf("%-24s %8lu %8lu %8lu", B.sets.v[i], s->records, s->expected,
		       s->found);
		print_ratio(s->found, s->expected);
		printf(" %8lu", s->flagged);
		print_ratio(s->flagged, s->records);
		putchar('\n');
	}

	printf("\n== per detector\n%-16s %7s %7s %7s %10s %9s\n", "detector", "TP", "FP",
	       "FN", "precision", "recall");
	{
		unsigned long tp = 0, fp = 0, ex = 0, fo = 0;

		for (d = 0; d < ndet; d++) {
			printf("%-16s %7lu %7lu %7lu ", policy->detectors[d].id, DS[d].tp,
			       DS[d].fp, DS[d].expected - DS[d].found);
			print_ratio(DS[d].tp, DS[d].tp + DS[d].fp);
			print_ratio(DS[d].found, DS[d].expected);
			putchar('\n');
			tp += DS[d].tp;
			fp += DS[d].fp;
			ex += DS[d].expected;
			fo += DS[d].found;
		}
		printf("%-16s %7lu %7lu %7lu ", "overall", tp, fp, ex - fo);
		print_ratio(tp, tp + fp);
		print_ratio(fo, ex);
		putchar('\n');
	}

	if (B.forms.n) {
		printf("\n== evasion forms\n%-16s %-16s %8s %8s %9s\n", "form", "detector",
		       "expected", "found", "recall");
		for (i = 0; i < (int)B.forms.n; i++) {
			printf("%-16s %-16s %8lu %8lu", B.forms.v[i], "(all)",
			       FS[i].expected, FS[i].found);
			print_ratio(FS[i].found, FS[i].expected);
			putchar('\n');
			for (d = 0; d < ndet; d++) {
				const group_stats *g = &FDS[(size_t)i * ndet + d];

				if (!g->expected)
					continue;
				printf("%-16s %-16s %8lu %8lu", "", policy->detectors[d].id,
				       g->expected, g->found);
				print_ratio(g->found, g->expected);
				putchar('\n');
			}
		}
	}
	if (B.regions.n) {
		unsigned shown = 0;

		printf("\n== regions with recall below 0.97 (records with a \"region\")\n");
		for (i = 0; i < (int)B.regions.n; i++) {
			if (RS[i].expected && ratio(RS[i].found, RS[i].expected) < 0.97) {
				printf("%-8s %5lu/%-5lu %.4f\n", B.regions.v[i], RS[i].found,
				       RS[i].expected, ratio(RS[i].found, RS[i].expected));
				shown++;
			}
		}
		if (!shown)
			printf("(none)\n");
	}

	/* Timed passes, allocations counted from here. */
	alloc_count = 0;
	B.scan_matches = 0;
	t = timed_scan(policy, &sc, seconds, &passes);
	allocs = alloc_count;
	fig.allocs = allocs;
	fig.allocs_per_tweet = (double)allocs / ((double)passes * (double)B.nrecs);
	printf("\n== throughput (one thread, every detector on)\n");
	mbps = (double)bytes / median_pass() / 1e6;
	if (seconds > 0)
		printf("%lu passes in %.3f s: %.1f MB/s (median pass; fastest %.1f, mean %.1f), %.0f tweets/s\n",
		       passes, t, mbps,
		       (double)bytes / pass_time[0] / 1e6, /* sorted above */
		       (double)bytes * (double)passes / t / 1e6,
		       (double)B.nrecs * (double)passes / t);
	else
		printf("not measured (--seconds 0): one untimed pass\n");
	printf("allocations in the scan path: %llu in %lu passes, %.4f per tweet\n",
	       allocs, passes, fig.allocs_per_tweet);

	if (per_detector) {
		double each = seconds > 0 ? seconds / (double)(ndet + 1) : 0;
		lp_policy one;

		printf("\n== throughput per detector (alone, one thread)\n");
		one = *policy;
		one.detector_count = 0;
		timed_scan(&one, &sc, each, &passes);
		printf("%-16s %9.1f MB/s\n", "(normalise only)",
		       (double)bytes / median_pass() / 1e6);
		for (d = 0; d < ndet; d++) {
			one.detectors = &policy->detectors[d];
			one.detector_count = 1;
			timed_scan(&one, &sc, each, &passes);
			printf("%-16s %9.1f MB/s\n", policy->detectors[d].id,
			       (double)bytes / median_pass() / 1e6);
		}
	}

	printf("\n== targets\n");
	target_set_recall("phone_intl", 0.97, "phone recall >= 0.97, international formats");
	target_set_recall("phone_national", 0.93, "phone recall >= 0.93, national formats");
	target_set_recall("card", 1.0, "checksum-valid positives all found");
	target_set_recall("iban", 1.0, "checksum-valid positives all found");
	target_set_recall("us_ssn", 1.0, "checksum-valid positives all found");
	target_set_recall("national_id", 1.0, "checksum-valid positives all found");
	target_set_flagged("card_lookalike");
	target_set_flagged("iban_lookalike");
	target_set_flagged("us_ssn_lookalike");
	target_set_flagged("national_id_lookalike");
	benign = name_find(&B.sets, "benign");
	if (benign < 0 || SS[benign].records == 0) {
		target("benign Tweets flagged <= 0.5% (set benign)", 1, 0, "no records");
	} else {
		snprintf(res, sizeof(res), "%.3f%% (%lu/%lu)",
		         100 * ratio(SS[benign].flagged, SS[benign].records),
		         SS[benign].flagged, SS[benign].records);
		target("benign Tweets flagged <= 0.5% (set benign)", 1,
		       ratio(SS[benign].flagged, SS[benign].records) <= 0.005, res);
	}
	target_set_recall("evasion", 1.0, "every evasion form detected");
	if (seconds > 0)
		snprintf(res, sizeof(res), "%.1f MB/s", mbps);
	else
		snprintf(res, sizeof(res), "not measured (--seconds 0)");
	target("throughput >= 150 MB/s per core, every detector on", seconds > 0,
	       mbps >= 150, res);
	snprintf(res, sizeof(res), "%.4f per tweet", fig.allocs_per_tweet);
	target("no allocation per tweet in the scan path", 1, allocs == 0, res);
	printf("%u target(s) failed\n", targets_failed);

	order = xmalloc(ndet * sizeof(*order));
	for (d = 0; d < ndet; d++)
		order[d] = d;
	qsort(order, ndet, sizeof(*order), cmp_benign);
	printf("\n== false positives on benign and look-alike records, by detector\n");
	for (d = 0; d < ndet; d++) {
		const det_stats *s = &DS[order[d]];
		size_t k;

		if (!s->benign_flagged)
			continue;
		printf("%-16s %lu records\n", policy->detectors[order[d]].id,
		       s->benign_flagged);
		for (k = 0; k < s->nex; k++) {
			const record *r = &B.recs[s->examples[k]];

			printf("    %s:%u: ", r->file, r->line);
			print_flat(r->text, r->len);
			putchar('\n');
		}
	}
	free(order);

	if (floors)
		broken = check_floors(floors, &fig);

	lp_scanner_free(&sc);
	lp_policy_free(policy);
	for (ri = 0; ri < B.nrecs; ri++) {
		free(B.recs[ri].text);
		free(B.recs[ri].exp);
	}
	for (d = 0; d < ndet; d++)
		free(DS[d].examples);
	free(B.recs);
	free(B.m);
	free(DS);
	free(SS);
	free(FS);
	free(FDS);
	free(RS);
	names_free(&B.sets);
	names_free(&B.forms);
	names_free(&B.regions);
	return broken ? 1 : 0;
}
