/*
 * compiler.c - lp_compiler: gathers policy sources (files, directories,
 * buffers, the embedded default), parses each into a YAML tree, and hands
 * them together to the loader.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "buf.h"
#include "diag.h"
#include "embedded.h"
#include "policy_internal.h"
#include "policy_load.h"
#include "yaml_tree.h"

typedef struct source {
	char *name;
	lp_ynode *root;
} source;

struct lp_compiler {
	lp_diag_sink sink;
	source *sources;
	size_t count;
	size_t cap;
	uint64_t hash; /* FNV-1a over every source's name and bytes */
	int failed;    /* a source could not be read or parsed */
};

static void hash_bytes(uint64_t *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		*h ^= p[i];
		*h *= 1099511628211ull;
	}
}

int lp_compiler_new(lp_compiler **out, lp_diagnostic_fn fn, void *payload)
{
	lp_compiler *c = lp_calloc(1, sizeof(*c));

	*out = NULL;
	if (!c)
		return LP_ENOMEM;
	c->sink.fn = fn;
	c->sink.payload = payload;
	c->hash = 14695981039346656037ull;
	*out = c;
	return LP_OK;
}

void lp_compiler_free(lp_compiler *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->count; i++) {
		lp_ynode_free(c->sources[i].root);
		lp_free(c->sources[i].name);
	}
	lp_free(c->sources);
	lp_free(c);
}

unsigned lp_compiler_error_count(const lp_compiler *c) { return c->sink.errors; }

unsigned lp_compiler_warning_count(const lp_compiler *c)
{
	return c->sink.warnings;
}

int lp_compiler_add_buffer(lp_compiler *c, const char *name, const char *yaml,
                           size_t len)
{
	source *s;
	const char *base;
	int rc;

	if (!c || !name || (!yaml && len))
		return LP_EINVALID;
	if (lp_grow(&c->sources, &c->cap, c->count + 1, sizeof(*c->sources)))
		return LP_ENOMEM;
	s = &c->sources[c->count];
	s->root = NULL;
	s->name = lp_strdup(name);
	if (!s->name)
		return LP_ENOMEM;
	c->count++;
	/* The file's own name counts, not the directory it was loaded from:
	 * the same files give the same revision wherever they are. */
	base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
	hash_bytes(&c->hash, base, strlen(base) + 1);
	hash_bytes(&c->hash, yaml, len);
	rc = lp_yaml_parse(&s->root, s->name, yaml ? yaml : "", len, &c->sink);
	if (rc != LP_OK)
		c->failed = 1;
	return rc;
}

static void io_error(lp_compiler *c, const char *path, const char *what)
{
	lp_mark at = {path, 0, 0};

	lp_diag(&c->sink, LP_DIAG_ERROR, "io", &at, "%s: %s", what,
	        strerror(errno));
	c->failed = 1;
}

static int add_file(lp_compiler *c, const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat st;
	size_t cap, len = 0;
	char *data;
	int rc;

	if (!f) {
		io_error(c, path, "cannot open");
		return LP_EIO;
	}
	/* Read no more than the limit allows: a size from fstat when there is
	 * one (a pipe has none), and one byte past the limit to detect it. */
	cap = (size_t)LP_MAX_POLICY_FILE_BYTES + 1;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size < (off_t)LP_MAX_POLICY_FILE_BYTES)
		cap = (size_t)st.st_size + 1;
	data = lp_malloc(cap);
	if (!data) {
		fclose(f);
		return LP_ENOMEM;
	}
	for (;;) {
		size_t got = fread(data + len, 1, cap - len, f);

		len += got;
		if (got == 0 || len > LP_MAX_POLICY_FILE_BYTES)
			break;
		if (len == cap) { /* the file grew: read on, up to the limit */
			size_t more = cap * 2 > (size_t)LP_MAX_POLICY_FILE_BYTES + 1
			              ? (size_t)LP_MAX_POLICY_FILE_BYTES + 1 : cap * 2;
			char *bigger = lp_realloc(data, more);

			if (!bigger) {
				fclose(f);
				lp_free(data);
				return LP_ENOMEM;
			}
			data = bigger;
			cap = more;
		}
	}
	if (ferror(f)) {
		io_error(c, path, "cannot read");
		fclose(f);
		lp_free(data);
		return LP_EIO;
	}
	fclose(f);
	/* An oversized file is reported by the parser with its limit. */
	rc = lp_compiler_add_buffer(c, path, data, len);
	lp_free(data);
	return rc;
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);

	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_directory(lp_compiler *c, const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = LP_OK;

	if (!d) {
		io_error(c, path, "cannot open directory");
		return LP_EIO;
	}
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		char *full;
		size_t len;

		if (de->d_name[0] == '.' || !has_yaml_suffix(de->d_name))
			continue;
		if (n >= LP_MAX_POLICY_FILES) {
			lp_mark at = {path, 0, 0};

			lp_diag(&c->sink, LP_DIAG_ERROR, "limit", &at,
			        "more than %d policy files in one directory",
			        LP_MAX_POLICY_FILES);
			c->failed = 1;
			rc = LP_EPOLICY;
			break;
		}
		len = strlen(path) + strlen(de->d_name) + 2;
		full = lp_malloc(len);
		if (!full || lp_grow(&names, &cap, n + 1, sizeof(*names))) {
			lp_free(full);
			rc = LP_ENOMEM;
			break;
		}
		snprintf(full, len, "%s%s%s", path,
		         path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
		/* A subdirectory is not read, even one named like a policy
		 * file; what cannot be stat'ed is left to add_file to say. */
		if (stat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			lp_free(full);
			continue;
		}
		names[n++] = full;
	}
	closedir(d);
	if (rc == LP_OK && n == 0) {
		lp_mark at = {path, 0, 0};

		lp_diag(&c->sink, LP_DIAG_ERROR, "io", &at,
		        "no *.yaml or *.yml file in this directory");
		c->failed = 1;
		rc = LP_EPOLICY;
	}
	/* Name order makes the policy independent of the file system. */
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		if (rc != LP_ENOMEM) {
			int r = add_file(c, names[i]);

			if (r != LP_OK && rc == LP_OK)
				rc = r;
		}
		lp_free(names[i]);
	}
	lp_free(names);
	return rc;
}

int lp_compiler_add_path(lp_compiler *c, const char *path)
{
	struct stat st;

	if (!c || !path)
		return LP_EINVALID;
	if (stat(path, &st) != 0) {
		io_error(c, path, "cannot open");
		return LP_EIO;
	}
	return S_ISDIR(st.st_mode) ? add_directory(c, path) : add_file(c, path);
}

int lp_compiler_add_default(lp_compiler *c)
{
	const lp_embedded_file *f;
	int rc = LP_OK;

	for (f = lp_default_policy_files; f->name && rc != LP_ENOMEM; f++) {
		int r = lp_compiler_add_buffer(c, f->name, f->data, f->len);

		if (r != LP_OK && rc == LP_OK)
			rc = r;
	}
	return rc;
}

/* Sorts the signals by the report object that holds them (see
 * lp_policy.signal_members). */
static void index_signal_members(lp_policy *p)
{
	size_t i, o;

	for (i = 0; i < p->signal_count; i++) {
		const char *id = p->signals[i].id;

		for (o = 0; lp_signal_objects[o]; o++) {
			size_t plen = strlen(lp_signal_objects[o]);
			lp_signal_member *m;

			if (strncmp(id, lp_signal_objects[o], plen) != 0 ||
			    id[plen] != '.')
				continue;
			m = &p->signal_members[o][p->signal_member_count[o]++];
			m->name = id + plen + 1;
			m->len = strlen(m->name);
			m->signal = (int)i;
		}
	}
}

/* Lists the readers of each signal (see lp_policy.readers). */
static int index_signal_readers(lp_policy *p)
{
	size_t i, k, n = 0;

	for (i = 0; i < p->rule_count; i++)
		if (p->rules[i].enabled)
			n += (size_t)__builtin_popcountll(p->rules[i].reads);
	if (n && !(p->readers = lp_malloc(n * sizeof(*p->readers))))
		return LP_ENOMEM;
	n = 0;
	for (k = 0; k < p->signal_count; k++) {
		p->reader_at[k] = n;
		for (i = 0; i < p->rule_count; i++)
			if (p->rules[i].enabled && (p->rules[i].reads >> k & 1))
				p->readers[n++] = (int)i;
	}
	p->reader_at[k] = n;
	return LP_OK;
}

/* See lp_policy.context_initials. */
static void join_context_initials(lp_policy *p)
{
	size_t i;

	p->context_initials = 0;
	for (i = 0; i < p->detector_count; i++)
		if (p->detectors[i].has_context_digest)
			p->context_initials |= p->detectors[i].context_digest.initials;
}

/* The end of a compact decision (see lp_policy.json_tail). */
static int write_json_tail(lp_policy *p)
{
	lp_buf b = LP_BUF_INIT;

	lp_buf_puts(&b, ",\"policy\":{\"name\":");
	lp_buf_json_string(&b, p->name, strlen(p->name));
	lp_buf_puts(&b, ",\"version\":");
	lp_buf_json_string(&b, p->version, strlen(p->version));
	lp_buf_puts(&b, ",\"revision\":");
	lp_buf_json_string(&b, p->revision, strlen(p->revision));
	lp_buf_puts(&b, "}}");
	p->json_tail = lp_buf_detach(&b, &p->json_tail_len);
	return p->json_tail ? LP_OK : LP_ENOMEM;
}

/* See lp_policy.verdict_line and not_stated. */
static int write_lines(lp_policy *p)
{
	lp_buf b = LP_BUF_INIT;
	size_t n = p->signal_count * LP_VERDICTS, k, at[LP_VERDICTS], i;
	size_t *not_at = lp_malloc((n ? n : 1) * sizeof(*not_at));
	int v;

	if (!not_at || !(p->not_stated = lp_malloc((n ? n : 1) *
	                                           sizeof(*p->not_stated)))) {
		lp_free(not_at);
		return LP_ENOMEM;
	}
	/* Offsets first: the buffer moves as it grows. */
	for (v = 0; v < LP_VERDICTS; v++) {
		at[v] = b.len;
		lp_buf_puts(&b, "Verdict: ");
		lp_buf_puts(&b, lp_verdict_name((lp_verdict)v));
		lp_buf_puts(&b, ".");
		lp_buf_putc(&b, '\0');
	}
	for (k = 0; k < p->signal_count; k++) {
		for (v = 0; v < LP_VERDICTS; v++) {
			not_at[k * LP_VERDICTS + (size_t)v] = b.len;
			lp_buf_puts(&b, "Not stated: ");
			lp_buf_append(&b, p->signals[k].id, p->signals[k].id_len);
			lp_buf_puts(&b, "; if true, the verdict would be ");
			lp_buf_puts(&b, lp_verdict_name((lp_verdict)v));
			lp_buf_puts(&b, ".");
			lp_buf_putc(&b, '\0');
		}
	}
	if (!(p->lines = lp_buf_detach(&b, NULL))) {
		lp_free(not_at);
		return LP_ENOMEM;
	}
	for (v = 0; v < LP_VERDICTS; v++) {
		p->verdict_line[v].w = p->lines + at[v];
		p->verdict_line[v].len = strlen(p->verdict_line[v].w);
	}
	for (i = 0; i < n; i++) {
		p->not_stated[i].w = p->lines + not_at[i];
		p->not_stated[i].len = strlen(p->not_stated[i].w);
	}
	lp_free(not_at);
	return LP_OK;
}

/* The length of every id that goes into decisions, which write ids by
 * the million: measured once here rather than with each write. */
static void measure_ids(lp_policy *p)
{
	size_t i;

#define MEASURE(v, n) \
	for (i = 0; i < (n); i++) \
		(v)[i].id_len = strlen((v)[i].id)
	MEASURE(p->categories, p->category_count);
	MEASURE(p->detectors, p->detector_count);
	MEASURE(p->labels, p->label_count);
	MEASURE(p->signals, p->signal_count);
	MEASURE(p->referrals, p->referral_count);
	MEASURE(p->actions, p->action_count);
	MEASURE(p->exceptions, p->exception_count);
	MEASURE(p->rules, p->rule_count);
	MEASURE(p->steps, p->step_count);
#undef MEASURE
	/* And whether the sentences explanations quote need escaping. */
	for (i = 0; i < p->rule_count; i++) {
		lp_rule *r = &p->rules[i];

		r->title_len = r->title ? strlen(r->title) : 0;
		r->title_plain = !r->title || lp_json_is_plain(r->title, r->title_len);
	}
	for (i = 0; i < p->exception_count; i++) {
		const char *why = p->exceptions[i].reason;

		p->exceptions[i].reason_plain = !why ||
		                                lp_json_is_plain(why, strlen(why));
	}
	if (p->no_rule_applies) {
		p->no_rule_applies_len = strlen(p->no_rule_applies);
		p->no_rule_applies_plain = lp_json_is_plain(p->no_rule_applies,
		                                            p->no_rule_applies_len);
	}
}

int lp_compiler_compile(lp_policy **out, lp_compiler *c)
{
	const lp_ynode **roots;
	const char **names;
	char revision[17];
	size_t i;
	int rc;

	*out = NULL;
	if (!c)
		return LP_EINVALID;
	if (c->failed || c->sink.errors)
		return LP_EPOLICY;
	roots = lp_calloc(c->count, sizeof(*roots));
	names = lp_calloc(c->count, sizeof(*names));
	if (!roots || !names) {
		lp_free(roots);
		lp_free(names);
		return LP_ENOMEM;
	}
	for (i = 0; i < c->count; i++) {
		roots[i] = c->sources[i].root;
		names[i] = c->sources[i].name;
	}
	snprintf(revision, sizeof(revision), "%016llx",
	         (unsigned long long)c->hash);
	rc = lp_policy_build(out, roots, names, c->count, revision, &c->sink);
	if (rc == LP_OK) {
		measure_ids(*out);
		index_signal_members(*out);
		join_context_initials(*out);
		if ((rc = index_signal_readers(*out)) != LP_OK ||
		    (rc = write_json_tail(*out)) != LP_OK ||
		    (rc = write_lines(*out)) != LP_OK) {
			lp_policy_free(*out);
			*out = NULL;
		}
	}
	lp_free(roots);
	lp_free(names);
	return rc;
}

int lp_policy_load(lp_policy **out, const char *path, lp_diagnostic_fn fn,
                   void *payload)
{
	lp_compiler *c;
	int rc;

	*out = NULL;
	rc = lp_compiler_new(&c, fn, payload);
	if (rc != LP_OK)
		return rc;
	rc = path ? lp_compiler_add_path(c, path) : lp_compiler_add_default(c);
	if (rc == LP_OK || rc == LP_EPOLICY)
		rc = lp_compiler_compile(out, c);
	lp_compiler_free(c);
	return rc;
}
