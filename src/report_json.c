/*
 * report_json.c - a JSON report (SPEC §2) into an lp_rdata.
 *
 * cJSON parses, but it is lenient where a moderation engine must not be:
 * it keeps duplicate keys, cuts strings at an escaped U+0000, and accepts
 * any nesting up to its own limit. A pre-scan of the raw bytes rejects
 * invalid UTF-8, \u0000 and deep nesting before cJSON sees them, and the
 * walk over the parsed tree rejects duplicate and case-variant keys, so a
 * report is either read whole or refused with the field at fault.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json_scan.h"
#include "policy_internal.h"
#include "report.h"

/* 2^53: integers from here on cannot all be represented by a double. */
#define EXACT_INT_LIMIT 9007199254740992.0

/* Rejects the report for field; fmt's first %s is the field's path. */
#define invalid(err, field, fmt, ...) \
	lp_error_set((err), LP_EINVALID, (field), fmt, (field), __VA_ARGS__)

static int compare_keys(const void *a, const void *b)
{
	return strcmp((*(const cJSON *const *)a)->string,
	              (*(const cJSON *const *)b)->string);
}

/* Rejects an object (anywhere in the report) that repeats a key. */
static int check_duplicates(const cJSON *node, const char *path, lp_error *err)
{
	const cJSON *kid;
	size_t n = 0;

	for (kid = node->child; kid; kid = kid->next) {
		n++;
		if (cJSON_IsObject(kid) || cJSON_IsArray(kid)) {
			char sub[128];
			int rc;

			if (cJSON_IsObject(node))
				snprintf(sub, sizeof(sub), "%s%s%s", path, *path ? "." : "",
				         kid->string);
			else
				snprintf(sub, sizeof(sub), "%s[]", path);
			rc = check_duplicates(kid, sub, err);
			if (rc != LP_OK)
				return rc;
		}
	}
	if (!cJSON_IsObject(node) || n < 2)
		return LP_OK;
	{
		const cJSON *small[16];
		const cJSON **keys = small;
		size_t i = 0;
		int rc = LP_OK;

		if (n > 16 && !(keys = cJSON_malloc(n * sizeof(*keys))))
			return lp_error_set(err, LP_ENOMEM, "", "out of memory");
		for (kid = node->child; kid; kid = kid->next)
			keys[i++] = kid;
		qsort(keys, n, sizeof(*keys), compare_keys);
		for (i = 1; i < n && rc == LP_OK; i++) {
			if (strcmp(keys[i]->string, keys[i - 1]->string) != 0)
				continue;
			char field[128];

			snprintf(field, sizeof(field), "%s%s%.64s", path,
			         *path ? "." : "", keys[i]->string);
			rc = lp_error_set(err, LP_EINVALID, field,
			                  "%s: duplicated key", field);
		}
		if (keys != small)
			cJSON_free(keys);
		return rc;
	}
}

/*
 * Rejects keys that differ from a known one only by case: a sender who
 * wrote "Public_Figure" meant the signal, and ignoring it as unknown would
 * silently evaluate a different report.
 */
static int check_case(const cJSON *obj, const char *path,
                      const char *const *known, size_t count, lp_error *err)
{
	const cJSON *kid;
	size_t i;

	for (kid = obj->child; kid; kid = kid->next) {
		for (i = 0; i < count; i++) {
			if (strcmp(kid->string, known[i]) == 0)
				break;
			if (strcasecmp(kid->string, known[i]) == 0)
				return lp_error_set(err, LP_EINVALID, path,
				                    "%s.%.64s: unknown field; did you mean "
				                    "%s?", path, kid->string, known[i]);
		}
	}
	return LP_OK;
}

static const cJSON *get(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* An optional object member; 1 if absent, 0 if an object, else error. */
static int get_object(const cJSON *parent, const char *key, const cJSON **out,
                      lp_error *err)
{
	*out = get(parent, key);
	if (!*out)
		return 1;
	if (!cJSON_IsObject(*out))
		return invalid(err, key, "%s: expected object%s", "");
	return 0;
}

static int read_id(lp_rdata *r, const cJSON *id, const lp_json_scan *scan,
                   lp_error *err)
{
	if (!id)
		return LP_OK;
	if (cJSON_IsString(id)) {
		r->id_kind = LP_ID_STRING;
		r->id = id->valuestring;
		r->id_len = strlen(id->valuestring);
		return LP_OK;
	}
	if (!cJSON_IsNumber(id) || !isfinite(id->valuedouble) ||
	    floor(id->valuedouble) != id->valuedouble)
		return invalid(err, "id", "%s: expected string or integer%s", "");
	/* 2^53 itself is exact, but so does 2^53 + 1 parse: look at the
	 * digits as written. */
	if (fabs(id->valuedouble) > EXACT_INT_LIMIT ||
	    (fabs(id->valuedouble) == EXACT_INT_LIMIT &&
	     !(scan->id_token &&
	       ((scan->id_len == 16 &&
	         memcmp(scan->id_token, "9007199254740992", 16) == 0) ||
	        (scan->id_len == 17 &&
	         memcmp(scan->id_token, "-9007199254740992", 17) == 0)))))
		return invalid(err, "id",
		               "%s: integer ids beyond 2^53 cannot be echoed "
		               "exactly; send the id as a string%s", "");
	r->id_kind = LP_ID_NUMBER;
	snprintf(r->id_number, sizeof(r->id_number), "%.0f", id->valuedouble);
	return LP_OK;
}

static int read_media(lp_rdata *r, const cJSON *media, lp_error *err)
{
	const cJSON *m;
	static const char *const keys[] = {"type", "depicts_person", "nudity"};
	size_t i = 0;

	if (!cJSON_IsArray(media))
		return invalid(err, "content.media", "%s: expected array%s", "");
	if ((size_t)cJSON_GetArraySize(media) > LP_MAX_MEDIA)
		return lp_error_set(err, LP_ELIMIT, "content.media",
		                    "content.media: more than %d items",
		                    LP_MAX_MEDIA);
	for (m = media->child; m; m = m->next, i++) {
		char path[64];
		const cJSON *v;
		lp_media *out = &r->media[i];
		int t, rc;

		snprintf(path, sizeof(path), "content.media[%zu]", i);
		if (!cJSON_IsObject(m))
			return invalid(err, path, "%s: expected object%s", "");
		rc = check_case(m, path, keys, 3, err);
		if (rc != LP_OK)
			return rc;
		v = get(m, "type");
		snprintf(path, sizeof(path), "content.media[%zu].type", i);
		if (!v)
			return invalid(err, path, "%s: required (image, video, gif or "
			               "other)%s", "");
		if (!cJSON_IsString(v))
			return invalid(err, path, "%s: expected string%s", "");
		t = lp_vocab_index(lp_media_types, v->valuestring);
		if (t < 0)
			return invalid(err, path, "%s: '%.64s' is not one of image, "
			               "video, gif, other", v->valuestring);
		out->type = (lp_media_type)t;
		v = get(m, "depicts_person");
		snprintf(path, sizeof(path), "content.media[%zu].depicts_person", i);
		if (v && !cJSON_IsBool(v))
			return invalid(err, path, "%s: expected boolean%s", "");
		out->depicts_person = v && cJSON_IsTrue(v);
		v = get(m, "nudity");
		snprintf(path, sizeof(path), "content.media[%zu].nudity", i);
		if (v && !cJSON_IsBool(v))
			return invalid(err, path, "%s: expected boolean%s", "");
		out->nudity = v && cJSON_IsTrue(v);
	}
	r->media_count = i;
	return LP_OK;
}

static int read_labels(lp_rdata *r, const lp_policy *p, const cJSON *labels,
                       lp_error *err)
{
	const cJSON *l;
	size_t i = 0;

	if (!cJSON_IsArray(labels))
		return invalid(err, "content.labels", "%s: expected array%s", "");
	if ((size_t)cJSON_GetArraySize(labels) > LP_MAX_LABELS)
		return lp_error_set(err, LP_ELIMIT, "content.labels",
		                    "content.labels: more than %d labels",
		                    LP_MAX_LABELS);
	for (l = labels->child; l; l = l->next, i++) {
		char path[64];
		int k;

		snprintf(path, sizeof(path), "content.labels[%zu]", i);
		if (!cJSON_IsString(l))
			return invalid(err, path, "%s: expected string%s", "");
		k = lp_policy_find_label(p, l->valuestring);
		if (k < 0)
			return invalid(err, path, "%s: unknown label '%.64s'",
			               l->valuestring);
		r->labels[r->label_count++] = k;
	}
	return LP_OK;
}

static int read_content(lp_rdata *r, const lp_policy *p, const cJSON *root,
                        lp_error *err)
{
	static const char *const keys[] = {"text", "media", "labels"};
	const cJSON *content, *v;
	int rc = get_object(root, "content", &content, err);

	if (rc != 0)
		return rc < 0 ? rc : LP_OK;
	if ((rc = check_case(content, "content", keys, 3, err)) != LP_OK)
		return rc;
	v = get(content, "text");
	if (v) {
		if (!cJSON_IsString(v))
			return invalid(err, "content.text", "%s: expected string%s", "");
		r->text = v->valuestring;
		r->text_len = strlen(v->valuestring);
		if (r->text_len > LP_MAX_TEXT_BYTES)
			return lp_error_set(err, LP_ELIMIT, "content.text",
			                    "content.text: %zu bytes; at most %d allowed",
			                    r->text_len, LP_MAX_TEXT_BYTES);
	}
	v = get(content, "media");
	if (v && (rc = read_media(r, v, err)) != LP_OK)
		return rc;
	v = get(content, "labels");
	if (v && (rc = read_labels(r, p, v, err)) != LP_OK)
		return rc;
	return LP_OK;
}

static int read_reporter(lp_rdata *r, const cJSON *root, lp_error *err)
{
	static const char *const keys[] = {"role"};
	const cJSON *rep, *role;
	int rc = get_object(root, "reporter", &rep, err);

	if (rc < 0)
		return rc;
	if (rc > 0)
		return invalid(err, "reporter.role", "%s: required (subject, "
		               "authorized_representative, bystander or "
		               "automated)%s", "");
	if ((rc = check_case(rep, "reporter", keys, 1, err)) != LP_OK)
		return rc;
	role = get(rep, "role");
	if (!role)
		return invalid(err, "reporter.role", "%s: required (subject, "
		               "authorized_representative, bystander or "
		               "automated)%s", "");
	if (!cJSON_IsString(role))
		return invalid(err, "reporter.role", "%s: expected string%s", "");
	r->role = lp_vocab_index(lp_roles, role->valuestring);
	if (r->role < 0)
		return invalid(err, "reporter.role",
		               "%s: '%.64s' is not one of subject, "
		               "authorized_representative, bystander, automated",
		               role->valuestring);
	return LP_OK;
}

/* Reads the declared signals of one object (subject, author or context)
 * and the non-boolean fields it holds. */
static int read_signals(lp_rdata *r, const lp_policy *p, const cJSON *root,
                        const char *object, lp_error *err)
{
	const char *known[LP_MAX_SIGNALS + 2];
	size_t nknown = 0, plen = strlen(object), i;
	const cJSON *obj, *v;
	int rc = get_object(root, object, &obj, err);

	if (rc != 0)
		return rc < 0 ? rc : LP_OK;
	for (i = 0; i < p->signal_count; i++) {
		const char *id = p->signals[i].id;
		char path[128];

		if (strncmp(id, object, plen) != 0 || id[plen] != '.')
			continue;
		known[nknown++] = id + plen + 1;
		v = get(obj, id + plen + 1);
		if (!v)
			continue;
		snprintf(path, sizeof(path), "%s", id);
		if (!cJSON_IsBool(v))
			return invalid(err, path, "%s: expected boolean%s", "");
		r->present |= 1ull << i;
		if (cJSON_IsTrue(v))
			r->signals |= 1ull << i;
	}
	if (strcmp(object, "author") == 0) {
		known[nknown++] = "prior_violations";
		v = get(obj, "prior_violations");
		if (v && (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) ||
		          v->valuedouble < 0 || v->valuedouble >= EXACT_INT_LIMIT ||
		          floor(v->valuedouble) != v->valuedouble))
			return invalid(err, "author.prior_violations",
			               "%s: expected a whole number >= 0%s", "");
		if (v)
			r->prior_violations = (unsigned long)v->valuedouble;
	}
	if (strcmp(object, "context") == 0) {
		known[nknown++] = "region";
		v = get(obj, "region");
		if (v && (!cJSON_IsString(v) || !lp_region_valid(v->valuestring)))
			return invalid(err, "context.region",
			               "%s: expected an ISO 3166-1 alpha-2 code such as "
			               "\"US\"%s", "");
		if (v)
			memcpy(r->region, v->valuestring, 3);
	}
	return check_case(obj, object, known, nknown, err);
}

int lp_rdata_from_json(lp_rdata *r, cJSON **tree, const lp_policy *p,
                       const char *json, size_t len, unsigned long record,
                       lp_error *err)
{
	static const char *const top[] = {"id", "content", "reporter", "subject",
	                                  "author", "context"};
	static const char *const objects[] = {"subject", "author", "context"};
	const char *end = NULL;
	cJSON *root;
	lp_json_scan scan;
	size_t i;
	int rc;

	*tree = NULL;
	memset(r, 0, sizeof(*r));
	r->record = record;
	r->role = -1;
	if (len > LP_MAX_REPORT_BYTES)
		return lp_error_set(err, LP_ELIMIT, "",
		                    "report: %zu bytes; at most %d allowed", len,
		                    LP_MAX_REPORT_BYTES);
	if ((rc = lp_json_prescan(&scan, json, len, err)) != LP_OK)
		return rc;
	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (!root) /* the text is valid JSON: only memory can have run out */
		return lp_error_set(err, LP_ENOMEM, "", "report: out of memory");
	*tree = root;
	if (!cJSON_IsObject(root))
		return lp_error_set(err, LP_EINVALID, "",
		                    "report: expected a JSON object");
	if ((rc = check_duplicates(root, "", err)) != LP_OK ||
	    (rc = check_case(root, "report", top, 6, err)) != LP_OK ||
	    (rc = read_id(r, get(root, "id"), &scan, err)) != LP_OK ||
	    (rc = read_content(r, p, root, err)) != LP_OK ||
	    (rc = read_reporter(r, root, err)) != LP_OK)
		return rc;
	for (i = 0; i < 3; i++)
		if ((rc = read_signals(r, p, root, objects[i], err)) != LP_OK)
			return rc;
	return LP_OK;
}
