/*
 * report_json.c - a JSON report (SPEC §2) into an lp_rdata.
 *
 * The text is validated and read into a tree in one pass (json_doc.c:
 * syntax, UTF-8, no \u0000, nesting), and the walk over that tree
 * rejects duplicate and case-variant keys and every field of the wrong
 * type, so a report is either read whole or refused with the field at
 * fault.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ascii.h"
#include "json_doc.h"
#include "policy_internal.h"
#include "report.h"

/* 2^53: integers beyond it cannot all be echoed through a double by the
 * systems that read decisions. */
#define EXACT_INT_LIMIT 9007199254740992ull

static int is_object(const lp_jnode *n) { return n->type == LP_JOBJECT; }
static int is_array(const lp_jnode *n) { return n->type == LP_JARRAY; }
static int is_string(const lp_jnode *n) { return n->type == LP_JSTRING; }
static int is_bool(const lp_jnode *n)
{
	return n->type == LP_JTRUE || n->type == LP_JFALSE;
}

/* ASCII case-insensitive equality, whatever the locale. */
static int same_but_case(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (lp_to_lower((unsigned char)*a) != lp_to_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* Rejects the report for field; fmt's first %s is the field's path. */
#define invalid(err, field, fmt, ...) \
	lp_error_set((err), LP_EINVALID, (field), fmt, (field), __VA_ARGS__)

static int compare_keys(const void *a, const void *b)
{
	return strcmp((*(const lp_jnode *const *)a)->key,
	              (*(const lp_jnode *const *)b)->key);
}

/* Rejects an object (anywhere in the report) that repeats a key. */
/* Where check_duplicates is: a chain of member names (NULL for an array
 * element) from the root, turned into text only for an error message, so
 * that a valid report costs no formatting. */
typedef struct path_link {
	const struct path_link *up;
	const char *key;
} path_link;

static void path_text(const path_link *at, char *out, size_t size)
{
	size_t n;

	if (!at) {
		out[0] = '\0';
		return;
	}
	path_text(at->up, out, size);
	n = strlen(out);
	if (at->key)
		snprintf(out + n, size - n, "%s%.64s", n ? "." : "", at->key);
	else
		snprintf(out + n, size - n, "[]");
}

static int duplicated(const path_link *at, const char *key, lp_error *err)
{
	path_link self = { at, key };
	char field[128];

	path_text(&self, field, sizeof(field));
	return lp_error_set(err, LP_EINVALID, field, "%s: duplicated key", field);
}

static int check_duplicates(const lp_jnode *node, const path_link *at,
                            lp_error *err)
{
	const lp_jnode *kid;
	size_t n = 0;

	for (kid = node->child; kid; kid = kid->next) {
		n++;
		if (is_object(kid) || is_array(kid)) {
			path_link sub = { at, is_object(node) ? kid->key : NULL };
			int rc = check_duplicates(kid, &sub, err);

			if (rc != LP_OK)
				return rc;
		}
	}
	if (!is_object(node) || n < 2)
		return LP_OK;
	if (n <= 8) { /* a report's objects are small: compare pairwise */
		const lp_jnode *a, *b;

		for (a = node->child; a; a = a->next)
			for (b = a->next; b; b = b->next)
				if (a->key_len == b->key_len &&
				    a->key[0] == b->key[0] &&
				    memcmp(a->key, b->key, a->key_len) == 0)
					return duplicated(at, b->key, err);
		return LP_OK;
	}
	{
		const lp_jnode *small[16];
		const lp_jnode **keys = small;
		size_t i = 0;
		int rc = LP_OK;

		if (n > 16 && !(keys = lp_malloc(n * sizeof(*keys))))
			return lp_error_set(err, LP_ENOMEM, "", "out of memory");
		for (kid = node->child; kid; kid = kid->next)
			keys[i++] = kid;
		qsort(keys, n, sizeof(*keys), compare_keys);
		for (i = 1; i < n && rc == LP_OK; i++) {
			if (strcmp(keys[i]->key, keys[i - 1]->key) == 0)
				rc = duplicated(at, keys[i]->key, err);
		}
		if (keys != small)
			lp_free(keys);
		return rc;
	}
}

/*
 * Finds the members of obj named by fields[0..n) in one pass over its
 * members: at[i] gets the member named fields[i], or NULL (check_duplicates
 * has run, so no name occurs twice). A member named by none of them is
 * ignored, unless it differs from one only by case: a sender who wrote
 * "Public_Figure" meant the signal, and ignoring it as unknown would
 * silently evaluate a different report. That member is returned, and
 * *near gets the index of the field it resembles; else NULL.
 */
static const lp_jnode *bind_fields(const lp_jnode *obj, const lp_word *fields,
                                   size_t n, const lp_jnode **at, size_t *near)
{
	const lp_jnode *kid;
	size_t i;

	for (i = 0; i < n; i++)
		at[i] = NULL;
	for (kid = obj->child; kid; kid = kid->next) {
		for (i = 0; i < n; i++)
			if (fields[i].len == kid->key_len &&
			    memcmp(fields[i].w, kid->key, kid->key_len) == 0)
				break;
		if (i < n) {
			at[i] = kid;
			continue;
		}
		/* The names are distinct in lower case, so a member that is one
		 * of them exactly cannot be a case variant of another. */
		for (i = 0; i < n; i++)
			if (fields[i].len == kid->key_len &&
			    same_but_case(kid->key, fields[i].w)) {
				*near = i;
				return kid;
			}
	}
	return NULL;
}

static int case_variant(const char *path, const lp_jnode *kid,
                        const char *name, lp_error *err)
{
	return lp_error_set(err, LP_EINVALID, path,
	                    "%s.%.64s: unknown field; did you mean %s?", path,
	                    kid->key, name);
}

/* bind_fields, and the error naming path for a member that differs from
 * a field only by case. */
static int bind(const lp_jnode *obj, const char *path, const lp_word *fields,
                size_t n, const lp_jnode **at, lp_error *err)
{
	size_t near = 0;
	const lp_jnode *kid = bind_fields(obj, fields, n, at, &near);

	return kid ? case_variant(path, kid, fields[near].w, err) : LP_OK;
}

/* An optional object member v named key; 1 if absent, 0 if an object, else
 * an error. */
static int check_object(const lp_jnode *v, const char *key, lp_error *err)
{
	if (!v)
		return 1;
	if (!is_object(v))
		return invalid(err, key, "%s: expected object%s", "");
	return 0;
}

static int read_id(lp_rdata *r, const lp_jnode *id, lp_error *err)
{
	long long v;

	if (!id)
		return LP_OK;
	if (is_string(id)) {
		r->id_kind = LP_ID_STRING;
		r->id = id->str;
		r->id_len = id->len;
		return LP_OK;
	}
	/* A number token is not NUL-terminated: look inside it only. */
	if (id->type != LP_JNUMBER || memchr(id->str, '.', id->len) ||
	    memchr(id->str, 'e', id->len) || memchr(id->str, 'E', id->len))
		return invalid(err, "id", "%s: expected string or integer%s", "");
	if (lp_jdoc_integer(id, EXACT_INT_LIMIT, &v) != 0)
		return invalid(err, "id",
		               "%s: integer ids beyond 2^53 cannot be echoed "
		               "exactly; send the id as a string%s", "");
	/* Echoed as written ("-0" stays "-0"): without '.' or an exponent,
	 * JSON's grammar leaves an optional '-' and digits with no leading
	 * zero, at most 17 bytes up to 2^53, which id_number holds. */
	_Static_assert(sizeof(((lp_rdata *)0)->id_number) > 17,
	               "id_number holds \"-9007199254740992\"");
	r->id_kind = LP_ID_NUMBER;
	memcpy(r->id_number, id->str, id->len);
	r->id_number[id->len] = '\0';
	return LP_OK;
}

/* "content.media[i]" and suffix into path[64]: written out only for an
 * error message. */
static const char *media_path(char *path, size_t i, const char *suffix)
{
	snprintf(path, 64, "content.media[%zu]%s", i, suffix);
	return path;
}

static int read_media(lp_rdata *r, const lp_jnode *media, lp_error *err)
{
	static const lp_word fields[] = {LP_WORD("type"), LP_WORD("depicts_person"),
	                               LP_WORD("nudity")};
	const lp_jnode *m;
	size_t i = 0;

	if (!is_array(media))
		return invalid(err, "content.media", "%s: expected array%s", "");
	if (media->count > LP_MAX_MEDIA)
		return lp_error_set(err, LP_ELIMIT, "content.media",
		                    "content.media: more than %d items",
		                    LP_MAX_MEDIA);
	for (m = media->child; m; m = m->next, i++) {
		char path[64];
		const lp_jnode *at[3], *v, *kid;
		lp_media *out = &r->media[i];
		size_t near = 0;
		int t;

		if (!is_object(m))
			return invalid(err, media_path(path, i, ""),
			               "%s: expected object%s", "");
		if ((kid = bind_fields(m, fields, 3, at, &near)) != NULL)
			return case_variant(media_path(path, i, ""), kid,
			                    fields[near].w, err);
		v = at[0];
		if (!v)
			return invalid(err, media_path(path, i, ".type"),
			               "%s: required (image, video, gif or other)%s",
			               "");
		if (!is_string(v))
			return invalid(err, media_path(path, i, ".type"),
			               "%s: expected string%s", "");
		t = lp_vocab_index_n(lp_media_types, v->str, v->len);
		if (t < 0)
			return invalid(err, media_path(path, i, ".type"),
			               "%s: '%.64s' is not one of image, video, gif, "
			               "other", v->str);
		out->type = (lp_media_type)t;
		v = at[1];
		if (v && !is_bool(v))
			return invalid(err, media_path(path, i, ".depicts_person"),
			               "%s: expected boolean%s", "");
		out->depicts_person = v && (v)->type == LP_JTRUE;
		v = at[2];
		if (v && !is_bool(v))
			return invalid(err, media_path(path, i, ".nudity"),
			               "%s: expected boolean%s", "");
		out->nudity = v && (v)->type == LP_JTRUE;
	}
	r->media_count = i;
	return LP_OK;
}

static int read_labels(lp_rdata *r, const lp_policy *p, const lp_jnode *labels,
                       lp_error *err)
{
	const lp_jnode *l;
	size_t i = 0;

	if (!is_array(labels))
		return invalid(err, "content.labels", "%s: expected array%s", "");
	if (labels->count > LP_MAX_LABELS)
		return lp_error_set(err, LP_ELIMIT, "content.labels",
		                    "content.labels: more than %d labels",
		                    LP_MAX_LABELS);
	for (l = labels->child; l; l = l->next, i++) {
		char path[64];
		int k;

		if (!is_string(l) || (k = lp_policy_find_label(p, l->str)) < 0) {
			/* The path is written out for the message only. */
			snprintf(path, sizeof(path), "content.labels[%zu]", i);
			if (!is_string(l))
				return invalid(err, path, "%s: expected string%s", "");
			return invalid(err, path, "%s: unknown label '%.64s'",
			               l->str);
		}
		r->labels[r->label_count++] = k;
	}
	return LP_OK;
}

static int read_content(lp_rdata *r, const lp_policy *p,
                        const lp_jnode *content, lp_error *err)
{
	static const lp_word fields[] = {LP_WORD("text"), LP_WORD("media"),
	                               LP_WORD("labels")};
	const lp_jnode *at[3], *v;
	int rc = check_object(content, "content", err);

	if (rc != 0)
		return rc < 0 ? rc : LP_OK;
	if ((rc = bind(content, "content", fields, 3, at, err)) != LP_OK)
		return rc;
	v = at[0];
	if (v) {
		if (!is_string(v))
			return invalid(err, "content.text", "%s: expected string%s", "");
		r->text = v->str;
		r->text_len = v->len;
		if (r->text_len > LP_MAX_TEXT_BYTES)
			return lp_error_set(err, LP_ELIMIT, "content.text",
			                    "content.text: %zu bytes; at most %d allowed",
			                    r->text_len, LP_MAX_TEXT_BYTES);
	}
	if (at[1] && (rc = read_media(r, at[1], err)) != LP_OK)
		return rc;
	if (at[2] && (rc = read_labels(r, p, at[2], err)) != LP_OK)
		return rc;
	return LP_OK;
}

static int read_reporter(lp_rdata *r, const lp_jnode *rep, lp_error *err)
{
	static const lp_word fields[] = {LP_WORD("role")};
	const lp_jnode *role;
	int rc = check_object(rep, "reporter", err);

	if (rc < 0)
		return rc;
	if (rc > 0)
		return invalid(err, "reporter.role", "%s: required (subject, "
		               "authorized_representative, bystander or "
		               "automated)%s", "");
	if ((rc = bind(rep, "reporter", fields, 1, &role, err)) != LP_OK)
		return rc;
	if (!role)
		return invalid(err, "reporter.role", "%s: required (subject, "
		               "authorized_representative, bystander or "
		               "automated)%s", "");
	if (!is_string(role))
		return invalid(err, "reporter.role", "%s: expected string%s", "");
	r->role = lp_vocab_index_n(lp_roles, role->str, role->len);
	if (r->role < 0)
		return invalid(err, "reporter.role",
		               "%s: '%.64s' is not one of subject, "
		               "authorized_representative, bystander, automated",
		               role->str);
	return LP_OK;
}

/* The index of the signal that is member kid of report object o (see
 * lp_policy.signal_members), or -1. */
static int signal_of(const lp_policy *p, size_t o, const lp_jnode *kid)
{
	const lp_signal_member *m = p->signal_members[o];
	size_t i, n = p->signal_member_count[o];

	for (i = 0; i < n; i++)
		if (m[i].len == kid->key_len &&
		    memcmp(m[i].name, kid->key, kid->key_len) == 0)
			return m[i].signal;
	return -1;
}

/* A member that is no signal of object, nor one of its fixed members, but
 * that differs from one only by case: a sender who wrote "Public_Figure"
 * meant the signal, and ignoring it as unknown would silently evaluate a
 * different report. */
static int check_member_case(const lp_policy *p, const char *object,
                             size_t plen, const char *fixed,
                             const lp_jnode *kid, lp_error *err)
{
	const char *near = NULL;
	size_t i;

	for (i = 0; i < p->signal_count && !near; i++) {
		const char *id = p->signals[i].id;

		if (strncmp(id, object, plen) == 0 && id[plen] == '.' &&
		    same_but_case(kid->key, id + plen + 1))
			near = id + plen + 1;
	}
	if (!near && fixed && same_but_case(kid->key, fixed))
		near = fixed;
	if (!near)
		return LP_OK;
	return lp_error_set(err, LP_EINVALID, object,
	                    "%s.%.64s: unknown field; did you mean %s?", object,
	                    kid->key, near);
}

/* Reads the declared signals of report object o (0 subject, 1 author, 2
 * context) and the non-boolean field it holds. */
static int read_signals(lp_rdata *r, const lp_policy *p, const lp_jnode *obj,
                        size_t o, lp_error *err)
{
	static const char *const fixed_of[] = {NULL, "prior_violations",
	                                       "region"};
	static const size_t fixed_len_of[] = {0, sizeof("prior_violations") - 1,
	                                      sizeof("region") - 1};
	const char *object = lp_signal_objects[o], *fixed = fixed_of[o];
	size_t plen = strlen(object), fixed_len = fixed_len_of[o];
	const lp_jnode *v;
	int rc = check_object(obj, object, err);

	if (rc != 0)
		return rc < 0 ? rc : LP_OK;
	/* Members are few and signals a dozen or two: one pass over the
	 * members, each looked up among the signals. */
	for (v = obj->child; v; v = v->next) {
		int i = signal_of(p, o, v);

		if (i >= 0) {
			if (!is_bool(v))
				return invalid(err, p->signals[i].id,
				               "%s: expected boolean%s", "");
			r->present |= 1ull << i;
			if (v->type == LP_JTRUE)
				r->signals |= 1ull << i;
		} else if (fixed && v->key_len == fixed_len &&
		           memcmp(v->key, fixed, fixed_len) == 0) {
			if (o == 1) { /* author.prior_violations */
				long long n;

				if (lp_jdoc_integer(v, EXACT_INT_LIMIT, &n) != 0 || n < 0)
					return invalid(err, "author.prior_violations",
					               "%s: expected a whole number >= 0%s",
					               "");
				r->prior_violations = (unsigned long)n;
			} else { /* context.region */
				if (!is_string(v) || !lp_region_valid(v->str))
					return invalid(err, "context.region",
					               "%s: expected an ISO 3166-1 alpha-2 "
					               "code such as \"US\"%s", "");
				memcpy(r->region, v->str, 3);
			}
		} else if ((rc = check_member_case(p, object, plen, fixed, v,
		                                   err)) != LP_OK) {
			return rc;
		}
	}
	return LP_OK;
}

int lp_rdata_from_json_in(lp_rdata *r, lp_jdoc *doc, const lp_policy *p,
                          const char *json, size_t len, unsigned long record,
                          void **block, size_t *cap, const lp_jorigin *at,
                          lp_error *err)
{
	/* subject, author and context in the order of lp_signal_objects. */
	static const lp_word top[] = {LP_WORD("id"), LP_WORD("content"),
	                            LP_WORD("reporter"), LP_WORD("subject"),
	                            LP_WORD("author"), LP_WORD("context")};
	const lp_jnode *root, *member[6];
	lp_jorigin origin = {1, 1};
	size_t i;
	int rc;

	if (at)
		origin = *at;
	doc->root = NULL;
	doc->block = NULL;
	/* White space around the object (a line's \r, a final newline) is not
	 * part of the report and does not count against its size. */
	while (len && (json[len - 1] == ' ' || json[len - 1] == '\t' ||
	               json[len - 1] == '\n' || json[len - 1] == '\r'))
		len--;
	while (len && (*json == ' ' || *json == '\t' || *json == '\n' ||
	               *json == '\r')) {
		/* Positions of errors stay those of the input. */
		if (*json == '\n') {
			origin.line++;
			origin.column = 1;
		} else {
			origin.column++;
		}
		json++;
		len--;
	}
	/* The arrays at the end are filled as far as their counts say. */
	memset(r, 0, offsetof(lp_rdata, media));
	r->record = record;
	r->role = -1;
	if (len > LP_MAX_REPORT_BYTES)
		return lp_error_set(err, LP_ELIMIT, "",
		                    "report: %zu bytes; at most %d allowed", len,
		                    LP_MAX_REPORT_BYTES);
	if ((rc = lp_jdoc_parse_in(doc, json, len, block, cap, &origin, err)) !=
	    LP_OK)
		return rc;
	root = doc->root;
	if (!is_object(root))
		return lp_error_set(err, LP_EINVALID, "",
		                    "report: expected a JSON object");
	if ((rc = check_duplicates(root, NULL, err)) != LP_OK ||
	    (rc = bind(root, "report", top, 6, member, err)) != LP_OK ||
	    (rc = read_id(r, member[0], err)) != LP_OK ||
	    (rc = read_content(r, p, member[1], err)) != LP_OK ||
	    (rc = read_reporter(r, member[2], err)) != LP_OK)
		return rc;
	for (i = 0; i < 3; i++)
		if ((rc = read_signals(r, p, member[3 + i], i, err)) != LP_OK)
			return rc;
	return LP_OK;
}
