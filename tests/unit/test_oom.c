/*
 * test_oom.c - out-of-memory injection.
 *
 * A counting allocator, plugged in with lp_set_allocator, fails the Nth
 * allocation, for N = 1, 2, ... until a cycle runs through without reaching
 * N. Two variants: only the Nth allocation fails (the library must not
 * carry on as if nothing happened once a later allocation succeeds), or the
 * Nth and every one after it (cleanup must not depend on allocating). At
 * each N, every call of the cycle must return LP_OK (or its documented
 * status for a bad input) as long as no allocation has failed, and LP_ENOMEM
 * from the call in which one failed, with its output parameter NULL. After
 * the cycle frees everything, the allocator must hold exactly the blocks it
 * held before (nothing leaked, nothing freed twice or freed that it did not
 * hand out); AddressSanitizer, under LP_SANITIZE, catches the rest. Output
 * that is produced must be byte-identical to a run with no failure.
 *
 * Cycles, each swept in both variants unless said otherwise:
 *   - policies with errors (the diagnostic paths allocate too): one that
 *     parses but does not validate, one libyaml refuses, one the tree
 *     builder refuses (anchors, aliases, duplicate keys);
 *   - rules/default read from disk through lp_compiler_add_path and
 *     compiled (found through $LP_SOURCE_DIR, skipped without it; the Nth
 *     and after only, to keep the test fast: the same text is parsed and
 *     compiled in both variants by the full cycle);
 *   - each report of a set that exercises text findings, labels, media,
 *     exceptions, referrals, missing signals, enforcement and rejected
 *     reports, evaluated with lp_evaluate_json and printed compact and
 *     pretty against a policy compiled once; the struct API lp_evaluate;
 *   - the full cycle: lp_policy_load(NULL) + every report + the struct
 *     report + free. Its first steps are the sweep of the default policy's
 *     compilation.
 * Each sweep prints its number of steps (the allocations of its cycle).
 *
 * libyaml: it has no allocator hook of its own, but every allocation it
 * makes goes through its four exported functions yaml_malloc, yaml_realloc,
 * yaml_free and yaml_strdup, and the shared library calls them through its
 * PLT (checked on Debian 12's libyaml-0-2 0.2.5: objdump -d shows every
 * call as yaml_malloc@plt and so on, and no other call of malloc). This
 * file defines the four; the dynamic linker binds libyaml's calls to these
 * definitions in the executable before its own, so libyaml's allocations
 * are counted and failed by the same N as libpolicy's. No link option is
 * needed. Not covered:
 *   - a libyaml built to bind its own calls locally (-Bsymbolic, LTO with
 *     -fno-semantic-interposition): the four are then never called, the
 *     test says so on stdout ("libyaml allocations are not intercepted")
 *     and sweeps libpolicy's allocations only (were only some calls bound
 *     locally, a block allocated here and released by libyaml's own
 *     yaml_free would be reported as a leak);
 *   - a static libyaml.a: api.o defines the four too, so linking it would
 *     clash with the definitions here; the tests link libyaml shared
 *     (pkg-config yaml-0.1 without --static);
 *   - allocations of the C library itself (fopen, opendir, qsort): they
 *     are not libpolicy's to fail.
 * Blocks are tracked by address in a table rather than behind a header, so
 * that a block allocated by the real libyaml functions and freed here (or
 * the other way round) could never be misread.
 *
 * cJSON needs no hook (cJSON_InitHooks): the library does not use it; only
 * the tests and benchmarks do.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testutil.h"

/* ---- a table of live blocks --------------------------------------------- */

#define SLOT_BITS 15
#define SLOTS ((size_t)1 << SLOT_BITS)
#define SLOT_MASK (SLOTS - 1)

enum owner { OWNER_LP = 1, OWNER_YAML = 2 };

typedef struct slot {
	void *p;
	size_t size;
	unsigned call; /* which allocation of the cycle made it; 0: none */
	int owner;
} slot;

static slot slots[SLOTS];
static size_t live_count, live_bytes, live_peak;

static size_t slot_of(const void *p)
{
	uint64_t h = (uint64_t)(uintptr_t)p;

	h ^= h >> 29;
	h *= 0x9E3779B97F4A7C15ull;
	return (size_t)(h >> (64 - SLOT_BITS));
}

static void track_add(void *p, size_t size, unsigned long call, int owner)
{
	size_t i = slot_of(p);

	if (live_count >= SLOTS / 4 * 3) {
		fprintf(stderr, "test_oom: more than %zu live blocks\n", live_count);
		abort();
	}
	while (slots[i].p)
		i = (i + 1) & SLOT_MASK;
	slots[i].p = p;
	slots[i].size = size;
	slots[i].call = (unsigned)call;
	slots[i].owner = owner;
	live_count++;
	live_bytes += size;
	if (live_count > live_peak)
		live_peak = live_count;
}

/* Removes p; returns its owner, or 0 when p is not in the table. */
static int track_remove(void *p)
{
	size_t i = slot_of(p), j;
	int owner;

	while (slots[i].p && slots[i].p != p)
		i = (i + 1) & SLOT_MASK;
	if (!slots[i].p)
		return 0;
	owner = slots[i].owner;
	live_count--;
	live_bytes -= slots[i].size;
	slots[i].p = NULL;
	/* Backward-shift deletion keeps every probe chain unbroken. */
	for (j = (i + 1) & SLOT_MASK; slots[j].p; j = (j + 1) & SLOT_MASK) {
		size_t k = slot_of(slots[j].p);

		if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
			continue;
		slots[i] = slots[j];
		slots[j].p = NULL;
		i = j;
	}
	return owner;
}

/* ---- failure injection -------------------------------------------------- */

enum mode { FAIL_NEVER, FAIL_ONLY_NTH, FAIL_FROM_NTH };

static const char *const mode_names[] = {"never", "only the Nth",
                                         "the Nth and after"};

static struct {
	enum mode mode;
	unsigned long fail_at;
	unsigned long calls;      /* allocations asked for since the reset */
	unsigned long injected;   /* of which failed on purpose */
	unsigned long yaml_calls; /* of which by libyaml */
	unsigned long misuse;     /* breaches of the lp_allocator contract */
	unsigned long stray;      /* frees of blocks that were not handed out */
} inj;

static void arm(enum mode mode, unsigned long n)
{
	inj.mode = mode;
	inj.fail_at = n;
	inj.calls = 0;
	inj.injected = 0;
	inj.yaml_calls = 0;
}

static int should_fail(void)
{
	inj.calls++;
	if (inj.mode == FAIL_NEVER)
		return 0;
	if (inj.calls == inj.fail_at ||
	    (inj.mode == FAIL_FROM_NTH && inj.calls > inj.fail_at)) {
		inj.injected++;
		return 1;
	}
	return 0;
}

static void *t_malloc(size_t size, void *ctx)
{
	void *p;

	(void)ctx;
	if (size == 0)
		inj.misuse++;
	if (should_fail())
		return NULL;
	p = malloc(size ? size : 1);
	if (!p)
		abort();
	track_add(p, size, inj.calls, OWNER_LP);
	return p;
}

static void *t_realloc(void *ptr, size_t size, void *ctx)
{
	void *q;

	(void)ctx;
	if (!ptr || size == 0)
		inj.misuse++;
	if (should_fail())
		return NULL;
	if (ptr && track_remove(ptr) != OWNER_LP)
		inj.stray++;
	q = realloc(ptr, size ? size : 1);
	if (!q)
		abort();
	track_add(q, size, inj.calls, OWNER_LP);
	return q;
}

static void t_free(void *ptr, void *ctx)
{
	(void)ctx;
	if (!ptr) {
		inj.misuse++;
		return;
	}
	if (track_remove(ptr) != OWNER_LP)
		inj.stray++;
	free(ptr);
}

/* libyaml's allocation functions (yaml_private.h), replacing its own; they
 * behave as libyaml 0.2.5's do when nothing fails. */
void *yaml_malloc(size_t size);
void *yaml_realloc(void *ptr, size_t size);
void yaml_free(void *ptr);
unsigned char *yaml_strdup(const unsigned char *str);

void *yaml_malloc(size_t size)
{
	void *p;

	inj.yaml_calls++;
	if (should_fail())
		return NULL;
	p = malloc(size ? size : 1);
	if (!p)
		return NULL;
	track_add(p, size, inj.calls, OWNER_YAML);
	return p;
}

void *yaml_realloc(void *ptr, size_t size)
{
	void *q;
	int owner;

	if (!ptr)
		return yaml_malloc(size);
	inj.yaml_calls++;
	if (should_fail())
		return NULL;
	owner = track_remove(ptr);
	if (owner == OWNER_LP)
		inj.stray++;
	q = realloc(ptr, size ? size : 1);
	if (!q) {
		if (owner)
			track_add(ptr, 0, inj.calls, owner);
		return NULL;
	}
	/* A block the real libyaml allocated (owner 0) stays untracked. */
	if (owner)
		track_add(q, size, inj.calls, OWNER_YAML);
	return q;
}

void yaml_free(void *ptr)
{
	if (!ptr)
		return;
	if (track_remove(ptr) == OWNER_LP)
		inj.stray++;
	free(ptr);
}

unsigned char *yaml_strdup(const unsigned char *str)
{
	size_t len;
	unsigned char *d;

	if (!str)
		return NULL;
	len = strlen((const char *)str);
	d = yaml_malloc(len + 1);
	if (d)
		memcpy(d, str, len + 1);
	return d;
}

static const lp_allocator counting = {t_malloc, t_realloc, t_free, NULL};

/* ---- checking one cycle ------------------------------------------------- */

static unsigned long problems;

#define PROBLEM(...)                                                          \
	do {                                                                      \
		fprintf(stderr, "test_oom: N=%lu (%s): ", inj.fail_at,                \
		        mode_names[inj.mode]);                                        \
		fprintf(stderr, __VA_ARGS__);                                         \
		fputc('\n', stderr);                                                  \
		problems++;                                                           \
	} while (0)

/*
 * Checks the status rc of one call of the cycle, made when inj.injected
 * was before: LP_ENOMEM if an allocation failed during the call, want if
 * none did. Returns 1 when the cycle should go on (nothing failed).
 */
static int check_rc(const char *what, int rc, int want, unsigned long before)
{
	if (inj.injected > before) {
		if (rc != LP_ENOMEM)
			PROBLEM("%s: an allocation failed but it returned %d (%s), "
			        "not LP_ENOMEM", what, rc, lp_status_string(rc));
		return 0;
	}
	if (rc != want) {
		PROBLEM("%s: no allocation failed but it returned %d (%s), not %d",
		        what, rc, lp_status_string(rc), want);
		return 0;
	}
	return 1;
}

static void check_null(const char *what, const void *out, int rc)
{
	if (rc != LP_OK && out)
		PROBLEM("%s: failed with %d but left its output set", what, rc);
}

static unsigned diag_errors;

static void count_diag(const lp_diagnostic *d, void *payload)
{
	(void)payload;
	if (!d->message || !d->code || !d->file)
		PROBLEM("a diagnostic without message, code or file");
	if (d->level == LP_DIAG_ERROR)
		diag_errors++;
}

/* ---- reports ------------------------------------------------------------ */

typedef struct report_case {
	const char *name;
	const char *json;
	int status; /* what lp_evaluate_json returns when nothing fails */
} report_case;

/* From tests/examples, made compact; and a few rejected ones. */
static const report_case reports[] = {
	{"address",
	 "{\"id\":\"r-1001\",\"content\":{\"text\":\"her address is 1428 Elm "
	 "Street, Springfield\",\"media\":[{\"type\":\"image\",\"depicts_person"
	 "\":true,\"nudity\":false}],\"labels\":[\"identity_document\"]},"
	 "\"reporter\":{\"role\":\"subject\"},\"subject\":{\"public_figure\":"
	 "false,\"consented\":false},\"author\":{\"is_subject\":false,"
	 "\"prior_violations\":0},\"context\":{\"region\":\"US\","
	 "\"publicly_available\":false,\"mainstream_media_coverage\":false,"
	 "\"public_interest\":false,\"crisis_situation\":false,"
	 "\"newsworthy_event\":false,\"public_event\":false,"
	 "\"intent_to_harass\":false,\"threat_to_expose\":false,"
	 "\"bounty_for_posting\":false,\"bounty_for_not_posting\":false}}",
	 LP_OK},
	{"address-bystander",
	 "{\"id\":\"r-2001\",\"content\":{\"text\":\"\xF0\x9F\x8F\xA0 Everyone "
	 "go say hi to @jdoe_art at home: 742 Evergreen Terrace, Springfield, "
	 "IL 62704 \xF0\x9F\x99\x82\"},\"reporter\":{\"role\":\"bystander\"},"
	 "\"subject\":{\"public_figure\":false},\"context\":{\"region\":\"US\"}}",
	 LP_OK},
	{"repeat-offender",
	 "{\"id\":\"r-2007\",\"content\":{\"text\":\"Call him and tell him what "
	 "you think: (415) 555-0132, or mail j.smith [at] example [dot] com\"},"
	 "\"reporter\":{\"role\":\"subject\"},\"author\":{\"is_subject\":false,"
	 "\"prior_violations\":2},\"context\":{\"region\":\"US\"}}",
	 LP_OK},
	{"public-figure-harassment",
	 "{\"id\":\"r-2004\",\"content\":{\"text\":\"Keep posting this clip of "
	 "the senator everywhere until she quits\",\"media\":[{\"type\":\"video"
	 "\",\"depicts_person\":true}]},\"reporter\":{\"role\":\"automated\"},"
	 "\"subject\":{\"public_figure\":true,\"consented\":false},\"context\":"
	 "{\"region\":\"US\",\"intent_to_harass\":true,\"publicly_available\":"
	 "true}}",
	 LP_OK},
	{"se-identity-number",
	 "{\"id\":\"1465789012345678901\",\"content\":{\"text\":\"Hennes "
	 "personnummer/SSN: 123-45-6789 (offentlig handling)\"},\"reporter\":"
	 "{\"role\":\"bystander\"},\"subject\":{\"public_figure\":false,"
	 "\"consented\":false},\"author\":{\"is_subject\":false,"
	 "\"prior_violations\":0},\"context\":{\"region\":\"SE\"}}",
	 LP_OK},
	{"nudity",
	 "{\"id\":2005,\"content\":{\"media\":[{\"type\":\"image\","
	 "\"depicts_person\":true,\"nudity\":true}]},\"reporter\":{\"role\":"
	 "\"automated\"},\"subject\":{\"public_figure\":false},\"author\":"
	 "{\"prior_violations\":0}}",
	 LP_OK},
	{"private-media-bystander",
	 "{\"id\":\"r-2003\",\"content\":{\"text\":\"look who I saw at the gym "
	 "this morning lol\",\"media\":[{\"type\":\"image\",\"depicts_person\":"
	 "true,\"nudity\":false},{\"type\":\"video\",\"depicts_person\":false}]"
	 "},\"reporter\":{\"role\":\"bystander\"},\"context\":{\"region\":\"GB\""
	 "}}",
	 LP_OK},
	{"credentials",
	 "{\"id\":\"r-2006\",\"content\":{\"text\":\"lol her bank login is "
	 "user: jane.doe password: Spr1ngfield!42 enjoy\"},\"reporter\":"
	 "{\"role\":\"bystander\"},\"subject\":{\"public_figure\":true},"
	 "\"context\":{\"region\":\"US\",\"public_interest\":true,"
	 "\"publicly_available\":true}}",
	 LP_OK},
	{"benign",
	 "{\"id\":\"1466000000000000001\",\"content\":{\"text\":\"Order "
	 "#4402-118-7731 shipped 2021-11-30 at 14:35 (tracking "
	 "1Z999AA10123456784). Paid $1,299.99 / 1.299,99 \xE2\x82\xAC, v2.13.4 "
	 "on 30/11/2021, see tweet 1465789012345678901. Meet at 10:30-11:45, "
	 "call ext. 1204.\"},\"reporter\":{\"role\":\"automated\"},\"context\":"
	 "{\"region\":\"US\"}}",
	 LP_OK},
	{"escapes",
	 "{\"id\":\"r-\\\"9\\\"\",\"content\":{\"text\":\"mail me: "
	 "jane\\u002edoe@example.com\\n\\ttab\",\"labels\":["
	 "\"medical_record\"]},\"reporter\":{\"role\":\"authorized_"
	 "representative\"},\"context\":{\"region\":\"DE\"}}",
	 LP_OK},
	{"unknown-label",
	 "{\"id\":\"r-w\",\"content\":{\"labels\":[\"medical_record\","
	 "\"no_such_label\"]},\"reporter\":{\"role\":\"subject\"}}",
	 LP_EINVALID},
	{"bad-role",
	 "{\"id\":\"r-x\",\"content\":{\"text\":\"hi\"},\"reporter\":{\"role\":"
	 "\"nobody\"}}",
	 LP_EINVALID},
	{"bad-type",
	 "{\"id\":\"r-y\",\"content\":{\"text\":\"hi\"},\"reporter\":{\"role\":"
	 "\"subject\"},\"subject\":{\"public_figure\":\"yes\"}}",
	 LP_EINVALID},
	{"bad-json", "{\"id\":\"r-z\",\"content\":{\"text\":\"hi\"", LP_EINVALID},
};

#define REPORT_COUNT (sizeof(reports) / sizeof(reports[0]))

/* The output of each report with no failure: [i][0] compact, [i][1]
 * pretty; and the struct report's. */
static char *golden[REPORT_COUNT][2];
static char *golden_struct;

static lp_policy *policy; /* compiled once, for the evaluation sweeps */

static void check_json(const char *what, const char *got, size_t len,
                       const char *want)
{
	if (!want)
		return; /* recording the golden output */
	if (strlen(got) != len)
		PROBLEM("%s: length %zu but the string holds %zu bytes", what, len,
		        strlen(got));
	if (strcmp(got, want) != 0)
		PROBLEM("%s: output differs from the run without failures:\n%s\n"
		        "instead of\n%s", what, got, want);
}

/* Evaluates report i and prints it both ways; returns 1 when it all went
 * through. With record set, keeps the output as the golden one. */
static int cycle_report(const lp_policy *p, size_t i, int record)
{
	const report_case *rc_ = &reports[i];
	lp_decision *d = NULL;
	lp_error err;
	char *out[2] = {NULL, NULL};
	size_t len = 0, k;
	unsigned long before = inj.injected;
	int rc, ok = 0;

	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, p, rc_->json, strlen(rc_->json),
	                      (unsigned long)i + 1, &err);
	check_null("lp_evaluate_json", d, rc);
	if (rc != LP_OK && err.status != rc)
		PROBLEM("lp_evaluate_json (%s): returned %d but err.status is %d",
		        rc_->name, rc, err.status);
	if (rc != LP_OK && !err.message[0])
		PROBLEM("lp_evaluate_json (%s): failed with no message", rc_->name);
	if (!check_rc("lp_evaluate_json", rc, rc_->status, before))
		goto out;
	if (rc_->status != LP_OK) {
		ok = 1;
		goto out;
	}
	/* Accessors allocate nothing; walk them all for ASan's sake. */
	for (k = 0; k < lp_decision_violation_count(d); k++) {
		lp_evidence_info ev;
		size_t e;

		for (e = 0; e < lp_decision_evidence_count(d, k); e++)
			if (lp_decision_evidence(d, k, e, &ev) != LP_OK)
				PROBLEM("lp_decision_evidence(%zu, %zu) failed", k, e);
	}
	for (k = 0; k < 2; k++) {
		unsigned flags = k ? LP_JSON_PRETTY : LP_JSON_COMPACT;

		before = inj.injected;
		rc = lp_decision_to_json(&out[k], &len, d, flags);
		check_null("lp_decision_to_json", out[k], rc);
		if (!check_rc(k ? "lp_decision_to_json (pretty)"
		                : "lp_decision_to_json (compact)",
		              rc, LP_OK, before))
			goto out;
		check_json(rc_->name, out[k], len, golden[i][k]);
	}
	ok = 1;
	if (record) {
		golden[i][0] = strdup(out[0]);
		golden[i][1] = strdup(out[1]);
	}
out:
	lp_free(out[0]);
	lp_free(out[1]);
	lp_decision_free(d);
	return ok;
}

/* A policy with pattern detectors: PCRE2's compile and match memory goes
 * through the hook too. */
static const char pattern_policy[] =
	"policy: {name: p, version: '1'}\n"
	"categories: [{id: c, kind: k}]\n"
	"detectors:\n"
	"  - {id: passport, pattern: '\\b[A-Z]{2}[0-9]{7}\\b', category: c}\n"
	"  - {id: code, pattern: 'red\\s+falcon', ignore_case: true, "
	"category: c}\n"
	"rules: [{id: r, for: findings, outcome: violation, "
	"category: finding.category}]\n";
static const char pattern_report[] =
	"{\"content\":{\"text\":\"passport AB1234567, RED falcon\"},"
	"\"reporter\":{\"role\":\"bystander\"}}";

static int cycle_pattern(void)
{
	lp_compiler *c = NULL;
	lp_policy *p = NULL;
	lp_decision *d = NULL;
	lp_error err;
	char *out = NULL;
	unsigned long before = inj.injected;
	int rc, ok = 0;

	rc = lp_compiler_new(&c, NULL, NULL);
	check_null("lp_compiler_new", c, rc);
	if (!check_rc("lp_compiler_new", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_add_buffer(c, "pattern.yaml", pattern_policy,
	                            sizeof(pattern_policy) - 1);
	if (!check_rc("lp_compiler_add_buffer(pattern.yaml)", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_compile(&p, c);
	check_null("lp_compiler_compile", p, rc);
	if (!check_rc("lp_compiler_compile(pattern.yaml)", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, p, pattern_report, sizeof(pattern_report) - 1,
	                      1, &err);
	check_null("lp_evaluate_json", d, rc);
	if (!check_rc("lp_evaluate_json(pattern)", rc, LP_OK, before))
		goto out;
	if (lp_decision_violation_count(d) != 1 ||
	    lp_decision_evidence_count(d, 0) != 2)
		PROBLEM("the pattern detectors found %zu pieces of evidence, not 2",
		        lp_decision_violation_count(d)
		            ? lp_decision_evidence_count(d, 0) : 0);
	before = inj.injected;
	rc = lp_decision_to_json(&out, NULL, d, LP_JSON_COMPACT);
	check_null("lp_decision_to_json", out, rc);
	if (!check_rc("lp_decision_to_json(pattern)", rc, LP_OK, before))
		goto out;
	ok = 1;
out:
	lp_free(out);
	lp_decision_free(d);
	lp_policy_free(p);
	lp_compiler_free(c);
	return ok;
}

/* The struct API: lp_evaluate of a report with text, labels, media and
 * signals, printed compact. */
static int cycle_struct(const lp_policy *p, int record)
{
	lp_report r = LP_REPORT_INIT;
	lp_decision *d = NULL;
	lp_error err;
	const char *text = "her address is 1428 Elm Street, Springfield, call "
	                   "(415) 555-0132";
	const char *labels[] = {"medical_record", "identity_document"};
	lp_media media[] = {{LP_MEDIA_IMAGE, 1, 0}, {LP_MEDIA_VIDEO, 1, 1}};
	lp_signal signals[] = {{"subject.public_figure", 0},
	                       {"context.public_event", 0},
	                       {"author.is_subject", 0}};
	char *out = NULL;
	size_t len = 0;
	unsigned long before = inj.injected;
	int rc, ok = 0;

	r.id = "struct-1";
	r.text = text;
	r.text_len = strlen(text);
	r.labels = labels;
	r.label_count = 2;
	r.media = media;
	r.media_count = 2;
	r.reporter_role = "subject";
	r.region = "US";
	r.prior_violations = 1;
	r.signals = signals;
	r.signal_count = 3;
	rc = lp_evaluate(&d, p, &r, &err);
	check_null("lp_evaluate", d, rc);
	if (!check_rc("lp_evaluate", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_decision_to_json(&out, &len, d, LP_JSON_COMPACT);
	check_null("lp_decision_to_json", out, rc);
	if (!check_rc("lp_decision_to_json (struct)", rc, LP_OK, before))
		goto out;
	check_json("struct report", out, len, golden_struct);
	if (record)
		golden_struct = strdup(out);
	ok = 1;
out:
	lp_free(out);
	lp_decision_free(d);
	return ok;
}

/* ---- policies ----------------------------------------------------------- */

static int cycle_load_default(void)
{
	lp_policy *p = NULL;
	unsigned long before = inj.injected;
	int rc, ok = 0;

	rc = lp_policy_load(&p, NULL, count_diag, NULL);
	check_null("lp_policy_load", p, rc);
	if (!check_rc("lp_policy_load(NULL)", rc, LP_OK, before))
		goto out;
	if (strcmp(lp_policy_name(p), "private-information-and-media") != 0)
		PROBLEM("the default policy is named %s", lp_policy_name(p));
	ok = 1;
out:
	lp_policy_free(p);
	return ok;
}

/* A policy that parses but does not validate: unknown keys with and
 * without a suggestion, wrong types, undefined references, duplicate ids,
 * a bad placeholder, a rule that never fires. */
static const char bad_policy[] =
	"policy: {name: t, version: '1'}\n"
	"signals:\n"
	"  - id: context.harass\n"
	"categories:\n"
	"  - {id: home_address, kind: private_information}\n"
	"  - {id: private_media, kind: private_media}\n"
	"  - {id: home_address, kind: private_information}\n"
	"referrals:\n"
	"  - id: abuse\n"
	"actions:\n"
	"  - id: remove\n"
	"detectors:\n"
	"  - {id: d, builtin: emial, category: home_address}\n"
	"labels:\n"
	"  - {id: l, category: nowhere}\n"
	"exceptions:\n"
	"  - {id: e, when: context.harras, reason: r}\n"
	"  - {id: e, when: context.harass, reason: r}\n"
	"rules:\n"
	"  - id: r1\n"
	"    for: report\n"
	"    outcom: violation\n"
	"  - id: r2\n"
	"    for: report\n"
	"    outcome: violation\n"
	"    category: home_adress\n"
	"    unless: [nope]\n"
	"    enabled: maybe\n"
	"    explain: 'see {rulez}'\n"
	"  - id: r3\n"
	"    for: report\n"
	"    outcome: refer\n"
	"    referral: abus\n"
	"  - just text\n"
	"enforcement:\n"
	"  - {id: s, actions: [remov]}\n"
	"zzzzzzzz: 1\n";

/* Text libyaml refuses, and YAML the tree builder refuses. */
static const char syntax_error[] =
	"policy: {name: t, version: '1'\n"
	"rules: [\n";
static const char refused_yaml[] =
	"policy: &p {name: t, version: '1'}\n"
	"copy: *p\n"
	"categories: {id: x}\n"
	"categories: {id: y}\n";

static unsigned bad_policy_errors; /* with no failure */

static int cycle_bad_policies(int record)
{
	lp_compiler *c = NULL;
	lp_policy *p = NULL;
	unsigned long before = inj.injected;
	int rc, ok = 0;

	diag_errors = 0;
	rc = lp_compiler_new(&c, count_diag, NULL);
	check_null("lp_compiler_new", c, rc);
	if (!check_rc("lp_compiler_new", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_add_buffer(c, "bad.yaml", bad_policy,
	                            sizeof(bad_policy) - 1);
	if (!check_rc("lp_compiler_add_buffer(bad.yaml)", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_compile(&p, c);
	check_null("lp_compiler_compile", p, rc);
	if (!check_rc("lp_compiler_compile(bad.yaml)", rc, LP_EPOLICY, before))
		goto out;
	if (record)
		bad_policy_errors = diag_errors;
	else if (diag_errors != bad_policy_errors)
		PROBLEM("bad.yaml gave %u errors, not %u", diag_errors,
		        bad_policy_errors);
	lp_compiler_free(c);
	c = NULL;

	rc = lp_compiler_new(&c, count_diag, NULL);
	if (!check_rc("lp_compiler_new", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_add_buffer(c, "syntax.yaml", syntax_error,
	                            sizeof(syntax_error) - 1);
	if (!check_rc("lp_compiler_add_buffer(syntax.yaml)", rc, LP_EPOLICY,
	              before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_add_buffer(c, "refused.yaml", refused_yaml,
	                            sizeof(refused_yaml) - 1);
	if (!check_rc("lp_compiler_add_buffer(refused.yaml)", rc, LP_EPOLICY,
	              before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_compile(&p, c);
	check_null("lp_compiler_compile", p, rc);
	if (!check_rc("lp_compiler_compile(syntax)", rc, LP_EPOLICY, before))
		goto out;
	ok = 1;
out:
	lp_policy_free(p);
	lp_compiler_free(c);
	return ok;
}

static char rules_dir[4096];

static int cycle_add_path(void)
{
	lp_compiler *c = NULL;
	lp_policy *p = NULL;
	unsigned long before = inj.injected;
	int rc, ok = 0;

	rc = lp_compiler_new(&c, count_diag, NULL);
	if (!check_rc("lp_compiler_new", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_add_path(c, rules_dir);
	if (!check_rc("lp_compiler_add_path", rc, LP_OK, before))
		goto out;
	before = inj.injected;
	rc = lp_compiler_compile(&p, c);
	check_null("lp_compiler_compile", p, rc);
	if (!check_rc("lp_compiler_compile(rules/default)", rc, LP_OK, before))
		goto out;
	ok = 1;
out:
	lp_policy_free(p);
	lp_compiler_free(c);
	return ok;
}

/* Load + evaluate every report + print + struct API + free. */
static int cycle_full(void)
{
	lp_policy *p = NULL;
	unsigned long before = inj.injected;
	size_t i;
	int rc, ok = 0;

	rc = lp_policy_load(&p, NULL, count_diag, NULL);
	check_null("lp_policy_load", p, rc);
	if (!check_rc("lp_policy_load(NULL)", rc, LP_OK, before))
		goto out;
	for (i = 0; i < REPORT_COUNT; i++)
		if (!cycle_report(p, i, 0))
			goto out;
	if (!cycle_struct(p, 0))
		goto out;
	ok = 1;
out:
	lp_policy_free(p);
	return ok;
}

/* ---- the sweep ---------------------------------------------------------- */

/* Marks blocks allocated outside any cycle (the shared policy) as not
 * belonging to one, so that leak reports name only the cycle's. */
static void forget_calls(void)
{
	size_t s;

	for (s = 0; s < SLOTS; s++)
		if (slots[s].p)
			slots[s].call = 0;
}

typedef struct cycle {
	const char *name;
	int (*run)(void *arg);
	void *arg;
} cycle;

/*
 * Runs the cycle with the Nth allocation failing, N = 1, 2, ..., in the
 * given mode, until N is past its last allocation (the cycle must then
 * succeed). Checks after each N that the live blocks are the same as
 * before. Returns the number of allocations of the cycle.
 */
static unsigned long sweep(const cycle *cy, enum mode mode)
{
	size_t base_count = live_count, base_bytes = live_bytes;
	unsigned long n, allocations = 0;
	unsigned long problems_before = problems;

	for (n = 1;; n++) {
		int ok;

		arm(mode, n);
		ok = cy->run(cy->arg);
		if (inj.misuse)
			PROBLEM("%s: %lu calls broke the lp_allocator contract",
			        cy->name, inj.misuse);
		if (inj.stray)
			PROBLEM("%s: %lu frees of blocks not handed out (or of a "
			        "libyaml block through lp_free)", cy->name, inj.stray);
		inj.misuse = inj.stray = 0;
		if (live_count != base_count || live_bytes != base_bytes) {
			size_t s;

			PROBLEM("%s: %zu live blocks (%zu bytes) before the cycle, "
			        "%zu (%zu bytes) after", cy->name, base_count,
			        base_bytes, live_count, live_bytes);
			/* Name the allocations that leaked, then forget them so
			 * that the next N is checked on its own. */
			for (s = 0; s < SLOTS; s++)
				if (slots[s].p && slots[s].call)
					fprintf(stderr, "  leaked: allocation %u of %zu "
					        "bytes (%s)\n", slots[s].call, slots[s].size,
					        slots[s].owner == OWNER_YAML ? "libyaml"
					                                     : "libpolicy");
			forget_calls();
			base_count = live_count;
			base_bytes = live_bytes;
		}
		if (inj.injected == 0) {
			if (!ok)
				PROBLEM("%s: no allocation failed, yet the cycle failed",
				        cy->name);
			allocations = inj.calls;
			break;
		}
		if (problems - problems_before > 20) {
			fprintf(stderr, "test_oom: %s: too many problems, stopping\n",
			        cy->name);
			break;
		}
		if (n > 10000000ul) {
			PROBLEM("%s: the sweep does not end", cy->name);
			break;
		}
	}
	arm(FAIL_NEVER, 0);
	return allocations;
}

/* Sweeps cy in both modes, or (both 0) with the Nth and later failing
 * only. */
static void run_sweeps(const cycle *cy, int both)
{
	unsigned long only, from;
	clock_t start = clock();

	from = sweep(cy, FAIL_FROM_NTH);
	only = both ? sweep(cy, FAIL_ONLY_NTH) : from;
	print_message("%-28s %6lu allocations swept %s (%.2f s)\n", cy->name,
	              from, both ? "twice" : "once",
	              (double)(clock() - start) / CLOCKS_PER_SEC);
	if (only != from)
		PROBLEM("%s: %lu allocations in one sweep, %lu in the other",
		        cy->name, only, from);
	assert_int_equal(problems, 0);
}

static int run_bad(void *arg) { (void)arg; return cycle_bad_policies(0); }
static int run_pattern(void *arg) { (void)arg; return cycle_pattern(); }
static int run_add_path(void *arg) { (void)arg; return cycle_add_path(); }
static int run_full(void *arg) { (void)arg; return cycle_full(); }
static int run_struct(void *arg) { (void)arg; return cycle_struct(policy, 0); }

static int run_report(void *arg)
{
	return cycle_report(policy, (size_t)((const report_case *)arg - reports),
	                    0);
}

/* ---- tests -------------------------------------------------------------- */

static int group_setup(void **state)
{
	const char *src = getenv("LP_SOURCE_DIR");
	size_t i;

	(void)state;
	if (src && *src)
		snprintf(rules_dir, sizeof(rules_dir), "%s/rules/default", src);
	if (lp_set_allocator(&counting) != LP_OK)
		return -1;
	arm(FAIL_NEVER, 0);
	/* One run with no failure records the output to compare with. */
	if (lp_policy_load(&policy, NULL, count_diag, NULL) != LP_OK)
		return -1;
	forget_calls();
	for (i = 0; i < REPORT_COUNT; i++)
		if (!cycle_report(policy, i, 1))
			return -1;
	if (!cycle_struct(policy, 1) || !cycle_bad_policies(1))
		return -1;
	return problems ? -1 : 0;
}

static int group_teardown(void **state)
{
	size_t i;

	(void)state;
	lp_policy_free(policy);
	policy = NULL;
	for (i = 0; i < REPORT_COUNT; i++) {
		free(golden[i][0]);
		free(golden[i][1]);
	}
	free(golden_struct);
	if (live_count) {
		fprintf(stderr, "test_oom: %zu blocks still live at the end\n",
		        live_count);
		return -1;
	}
	return lp_set_allocator(NULL);
}

static void test_set_allocator(void **state)
{
	lp_allocator partial = {t_malloc, NULL, t_free, NULL};

	(void)state;
	assert_int_equal(lp_set_allocator(&partial), LP_EINVALID);
	/* The counting allocator is still the one in use. */
	arm(FAIL_NEVER, 0);
	lp_free(NULL);
	assert_int_equal(inj.misuse, 0);
	{
		char *s = NULL;
		size_t before = live_count;

		assert_int_equal(lp_decision_to_json(&s, NULL, NULL, 0),
		                 LP_EINVALID);
		assert_null(s);
		assert_int_equal(live_count, before);
	}
}

static void test_yaml_is_intercepted(void **state)
{
	(void)state;
	arm(FAIL_NEVER, 0);
	assert_true(cycle_load_default());
	if (inj.yaml_calls == 0)
		print_message("libyaml allocations are not intercepted: the sweeps "
		              "cover libpolicy's allocations only\n");
	else
		print_message("libyaml allocations intercepted: %lu of %lu in a "
		              "load of the default policy\n",
		              inj.yaml_calls, inj.calls);
}

static void test_oom_bad_policies(void **state)
{
	const cycle cy = {"policies with errors", run_bad, NULL};

	(void)state;
	run_sweeps(&cy, 1);
}

static void test_oom_patterns(void **state)
{
	const cycle cy = {"pattern detectors", run_pattern, NULL};

	(void)state;
	run_sweeps(&cy, 1);
}

static void test_oom_add_path(void **state)
{
	const cycle cy = {"add_path rules/default", run_add_path, NULL};

	(void)state;
	if (!rules_dir[0]) {
		print_message("LP_SOURCE_DIR is not set: skipping rules/default\n");
		skip();
	}
	/* One mode only, to keep the test fast under ASan: parsing and
	 * compiling these files, most of the allocations, is swept in both
	 * modes by the full cycle, from the same text embedded. */
	run_sweeps(&cy, 0);
}

static void test_oom_evaluate(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < REPORT_COUNT; i++) {
		cycle cy;

		cy.name = reports[i].name;
		cy.run = run_report;
		cy.arg = (void *)(uintptr_t)&reports[i];
		run_sweeps(&cy, 1);
	}
	{
		const cycle cy = {"struct report", run_struct, NULL};

		run_sweeps(&cy, 1);
	}
}

/* Its first steps fail each allocation of lp_policy_load(NULL) in turn,
 * which is the sweep of the default policy's compilation. */
static void test_oom_full_cycle(void **state)
{
	const cycle cy = {"full cycle", run_full, NULL};

	(void)state;
	run_sweeps(&cy, 1);
	print_message("at most %zu blocks were live at once\n", live_peak);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_allocator),
		cmocka_unit_test(test_yaml_is_intercepted),
		cmocka_unit_test(test_oom_bad_policies),
		cmocka_unit_test(test_oom_patterns),
		cmocka_unit_test(test_oom_add_path),
		cmocka_unit_test(test_oom_evaluate),
		cmocka_unit_test(test_oom_full_cycle),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
