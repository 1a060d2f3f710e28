/*
 * report.c - validating a report given through the C struct API, and the
 * checks both entry points share (UTF-8, region codes, error records).
 */
#include "report.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "policy_internal.h"

int lp_error_set(lp_error *err, int status, const char *field,
                 const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return status;
	err->status = status;
	snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	/* Names from the report are cut at a byte count: never leave half a
	 * character in an error record that must stay valid JSON. */
	lp_utf8_repair(err->field);
	lp_utf8_repair(err->message);
	return status;
}

/* Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above
 * U+10FFFF, and no NUL (a NUL would cut the text short in C). */
int lp_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		unsigned long cp;

		if (c == 0)
			return 0;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return 0;
		}
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

void lp_utf8_trim(char *s)
{
	lp_utf8_trim_len(s, strlen(s));
}

size_t lp_utf8_trim_len(char *s, size_t len)
{
	size_t i = len, need;

	/* Back up over at most three continuation bytes to the lead byte. */
	while (i > 0 && len - i < 4 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0 || ((unsigned char)s[i - 1] & 0x80) == 0)
		return len;
	i--;
	need = (unsigned char)s[i] >= 0xF0 ? 4 : (unsigned char)s[i] >= 0xE0 ? 3 : 2;
	if (len - i < need) {
		s[i] = '\0';
		return i;
	}
	return len;
}

void lp_utf8_repair(char *s)
{
	size_t i = 0, len = strlen(s);

	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;

		if (i + n <= len && lp_utf8_valid(s + i, n)) {
			i += n;
			continue;
		}
		s[i++] = '?';
	}
}

int lp_region_valid(const char *s)
{
	return s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' &&
	       s[2] == '\0';
}

int lp_rdata_from_report(lp_rdata *r, const lp_policy *p, const lp_report *in,
                         lp_error *err)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	if (!in || in->version != LP_REPORT_VERSION)
		return lp_error_set(err, LP_EINVALID, "",
		                    "report: version must be LP_REPORT_VERSION (%d)",
		                    LP_REPORT_VERSION);
	r->record = in->record;
	if (in->id) {
		r->id_kind = LP_ID_STRING;
		r->id = in->id;
		r->id_len = strlen(in->id);
		if (!lp_utf8_valid(in->id, r->id_len))
			return lp_error_set(err, LP_EINVALID, "id",
			                    "id: not valid UTF-8");
	}
	if (in->text) {
		if (in->text_len > LP_MAX_TEXT_BYTES)
			return lp_error_set(err, LP_ELIMIT, "content.text",
			                    "content.text: %zu bytes; at most %d allowed",
			                    in->text_len, LP_MAX_TEXT_BYTES);
		if (!lp_utf8_valid(in->text, in->text_len))
			return lp_error_set(err, LP_EINVALID, "content.text",
			                    "content.text: not valid UTF-8 (or holds "
			                    "U+0000)");
		r->text = in->text;
		r->text_len = in->text_len;
	}
	if (in->media_count > LP_MAX_MEDIA)
		return lp_error_set(err, LP_ELIMIT, "content.media",
		                    "content.media: %zu items; at most %d allowed",
		                    in->media_count, LP_MAX_MEDIA);
	for (i = 0; i < in->media_count; i++) {
		if ((unsigned)in->media[i].type > LP_MEDIA_OTHER)
			return lp_error_set(err, LP_EINVALID, "content.media",
			                    "content.media[%zu].type: unknown media type",
			                    i);
		r->media[i] = in->media[i];
	}
	r->media_count = in->media_count;
	if (in->label_count > LP_MAX_LABELS)
		return lp_error_set(err, LP_ELIMIT, "content.labels",
		                    "content.labels: %zu labels; at most %d allowed",
		                    in->label_count, LP_MAX_LABELS);
	for (i = 0; i < in->label_count; i++) {
		int l = in->labels[i] ? lp_policy_find_label(p, in->labels[i]) : -1;

		if (l < 0)
			return lp_error_set(err, LP_EINVALID, "content.labels",
			                    "content.labels[%zu]: unknown label '%.64s'",
			                    i, in->labels[i] ? in->labels[i] : "(null)");
		r->labels[r->label_count++] = l;
	}
	r->role = in->reporter_role ? lp_vocab_index(lp_roles, in->reporter_role)
	                            : -1;
	if (!in->reporter_role)
		return lp_error_set(err, LP_EINVALID, "reporter.role",
		                    "reporter.role: required");
	if (r->role < 0)
		return lp_error_set(err, LP_EINVALID, "reporter.role",
		                    "reporter.role: '%.64s' is not one of subject, "
		                    "authorized_representative, bystander, automated",
		                    in->reporter_role);
	if (in->region) {
		if (!lp_region_valid(in->region))
			return lp_error_set(err, LP_EINVALID, "context.region",
			                    "context.region: expected an ISO 3166-1 "
			                    "alpha-2 code such as \"US\"");
		memcpy(r->region, in->region, 3);
	}
	r->prior_violations = in->prior_violations;
	for (i = 0; i < in->signal_count; i++) {
		const char *name = in->signals[i].name;
		int s = name ? lp_policy_find_signal(p, name) : -1;

		if (s < 0)
			return lp_error_set(err, LP_EINVALID, name ? name : "",
			                    "%.64s: not a signal of this policy",
			                    name ? name : "(null)");
		if (r->present & (1ull << s))
			return lp_error_set(err, LP_EINVALID, name,
			                    "%s: given twice", name);
		r->present |= 1ull << s;
		if (in->signals[i].value)
			r->signals |= 1ull << s;
	}
	return LP_OK;
}
