/*
 * cmd_explain.c - `policyctl explain`: the decision on one report, walked
 * through for a moderator in plain text.
 *
 * Everything shown comes from the decision's public accessors: the
 * structured parts (violations and their masked evidence, exceptions,
 * referrals, actions, missing signals) and the explanation lines, which
 * carry the why (exception reasons, rule texts, "Not stated: ..." lines).
 * Explanation lines are sorted into the section they belong to by their
 * leading words; a line this file does not recognise is still shown (in
 * "Rules"), so a policy with its own explanation templates loses nothing.
 *
 * Only masked text reaches the output: excerpts are masked by the library
 * and the report's own text is never printed. Control characters and
 * bidirectional overrides that a masked excerpt may still hold are shown
 * as U+FFFD so that they cannot rewrite the moderator's terminal.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
	"usage: policyctl explain [OPTIONS] [REPORT]\n"
	"\n"
	"Evaluates one report (a file holding one JSON object; no REPORT, or\n"
	"-, reads standard input) and walks through the decision: verdict,\n"
	"what was found (masked), the rules that fired, exceptions, referrals,\n"
	"enforcement, and the unstated signals that would change the verdict.\n"
	"\n"
	"  -p, --policy PATH   policy file or directory (default: the policy\n"
	"                      built into policyctl)\n"
	"      --json          print the decision as indented JSON instead\n"
	"  -h, --help          show this help\n"
	"\n"
	"Exit status: 0 explained, 1 the report is invalid (the message names\n"
	"the field), 2 usage error, unreadable report or invalid policy.\n";

enum { WIDTH = 78 };

/* ---- output: clean, wrapped text --------------------------------------- */

typedef struct out {
	FILE *f;
	int bold;     /* headings in bold (a terminal, NO_COLOR unset) */
	int sections; /* headings printed so far */
} out;

/* Length of the UTF-8 sequence at s (at most n bytes), or 0 when s does
 * not start a well-formed sequence. Sets *cp to the code point. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len, i;
	unsigned long c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, c = s[0] & 0x1Fu;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, c = s[0] & 0x0Fu;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, c = s[0] & 0x07u;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3Fu);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Characters that must not reach a terminal as they are: C0 and C1
 * controls, DEL, line and paragraph separators, and the bidirectional
 * embeddings, overrides and isolates. */
static int unsafe(unsigned long c)
{
	return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 ||
	       c == 0x2029 || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069);
}

/* Writes n bytes of s, each unsafe or malformed character as U+FFFD. */
static void put_clean(out *o, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned long c;
		size_t len = utf8_seq(p + i, n - i, &c);

		if (len == 0 || unsafe(c)) {
			fputs("\xEF\xBF\xBD", o->f);
			i += len ? len : 1;
			continue;
		}
		fwrite(p + i, 1, len, o->f);
		i += len;
	}
}

/* Columns taken by n bytes of UTF-8: one per code point (the text shown
 * here is English, rule ids and masked excerpts). */
static size_t columns(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

/* Prints len bytes of text word-wrapped to WIDTH columns: the first line
 * after first (a prefix such as "  - ", counted in the width), the others
 * indented by rest spaces. A word longer than the line gets a line of its
 * own. */
static void wrap_n(out *o, const char *first, size_t rest, const char *text,
                   size_t len)
{
	size_t col = columns(first, strlen(first));
	const char *s = text, *end = text + len;
	int line_empty = 1;

	fputs(first, o->f);
	for (;;) {
		size_t n, w;

		while (s < end && *s == ' ')
			s++;
		if (s == end)
			break;
		for (n = 0; s + n < end && s[n] != ' '; n++)
			;
		w = columns(s, n);
		if (!line_empty && col + 1 + w > WIDTH) {
			fprintf(o->f, "\n%*s", (int)rest, "");
			col = rest;
			line_empty = 1;
		}
		if (!line_empty) {
			fputc(' ', o->f);
			col++;
		}
		put_clean(o, s, n);
		col += w;
		line_empty = 0;
		s += n;
	}
	fputc('\n', o->f);
}

static void wrap(out *o, const char *first, size_t rest, const char *text)
{
	wrap_n(o, first, rest, text, strlen(text));
}

static void heading(out *o, const char *title)
{
	fputs(o->sections++ ? "\n" : "", o->f);
	if (o->bold)
		fprintf(o->f, "\033[1m%s\033[0m\n", title);
	else
		fprintf(o->f, "%s\n", title);
}

/* ---- explanation lines, sorted by what they are about -------------------- */

typedef enum line_kind {
	LINE_OTHER,     /* a policy's own wording: shown under Rules */
	LINE_FOUND,     /* "Detector ...", "Label ..." */
	LINE_RULE,      /* "Rule ID: ..." */
	LINE_EXCEPTION, /* "Rule ID does not apply ...: exception E applies ..." */
	LINE_ENFORCE,   /* "Enforcement STEP: ..." */
	LINE_VERDICT,   /* "Verdict: ..." (said by the Verdict section) */
	LINE_MISSING    /* "Not stated: S; if true, the verdict would be V." */
} line_kind;

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* For "Rule ID..." lines: the rule id's start and length. */
static int rule_id(const char *line, const char **id, size_t *len)
{
	if (!starts(line, "Rule "))
		return 0;
	*id = line + 5;
	*len = strcspn(*id, " :");
	return *len > 0;
}

static line_kind classify(const char *line)
{
	const char *id;
	size_t n;

	if (starts(line, "Detector ") || starts(line, "Label "))
		return LINE_FOUND;
	if (starts(line, "Enforcement "))
		return LINE_ENFORCE;
	if (starts(line, "Verdict: "))
		return LINE_VERDICT;
	if (starts(line, "Not stated: "))
		return LINE_MISSING;
	if (rule_id(line, &id, &n)) {
		if (starts(id + n, " does not apply"))
			return LINE_EXCEPTION;
		if (id[n] == ':')
			return LINE_RULE;
	}
	return LINE_OTHER;
}

/* Is the rule id of this "Rule ..." line exactly rule? */
static int line_rule_is(const char *line, const char *rule)
{
	const char *id;
	size_t n;

	return rule_id(line, &id, &n) && n == strlen(rule) &&
	       strncmp(id, rule, n) == 0;
}

/* Does the text hold word as a whole word (ids: letters, digits, _ -)? */
static int has_word(const char *text, const char *word)
{
	size_t n = strlen(word);
	const char *s = text;

	if (n == 0)
		return 0;
	while ((s = strstr(s, word)) != NULL) {
		char before = s == text ? ' ' : s[-1], after = s[n];
		int word_before = (before >= 'a' && before <= 'z') ||
		                  (before >= 'A' && before <= 'Z') ||
		                  (before >= '0' && before <= '9') ||
		                  before == '_' || before == '-';
		int word_after = (after >= 'a' && after <= 'z') ||
		                 (after >= 'A' && after <= 'Z') ||
		                 (after >= '0' && after <= '9') || after == '_' ||
		                 after == '-';

		if (!word_before && !word_after)
			return 1;
		s += n;
	}
	return 0;
}

/* ---- the sections ------------------------------------------------------- */

typedef struct ctx {
	out *o;
	const lp_decision *d;
	size_t nlines;
	const char **lines;
	line_kind *kinds;
} ctx;

static const char *verdict_meaning(lp_verdict v)
{
	switch (v) {
	case LP_VERDICT_VIOLATION:
		return "the Tweet breaks the policy; the actions under Enforcement "
		       "apply.";
	case LP_VERDICT_REFER:
		return "another policy owns this case; send it on as listed under "
		       "Referrals.";
	case LP_VERDICT_NEEDS_FIRST_PERSON_REPORT:
		return "this may be private media, but only the person concerned "
		       "(or an authorized representative) can have it removed; "
		       "wait for their report.";
	case LP_VERDICT_NO_VIOLATION:
		break;
	}
	return "no rule of the policy is broken; no action.";
}

static void section_verdict(ctx *c, const char *id, size_t id_len,
                            const lp_policy *policy)
{
	lp_verdict v = lp_decision_verdict(c->d);
	char buf[512];

	fputs("Decision on report ", c->o->f);
	put_clean(c->o, id, id_len);
	fputc('\n', c->o->f);
	snprintf(buf, sizeof(buf), "%s %s (revision %s)", lp_policy_name(policy),
	         lp_policy_version(policy), lp_policy_revision(policy));
	wrap(c->o, "Policy: ", 8, buf);
	c->o->sections = 1;

	heading(c->o, "Verdict");
	snprintf(buf, sizeof(buf), "%s: %s", lp_verdict_name(v),
	         verdict_meaning(v));
	wrap(c->o, "  ", 2, buf);
}

/* A line naming one finding: "Detector D found C in the text at S-E: X."
 * or a label ("Label L was given ...", "Label L is not private ..."). */
static int is_finding(const char *line)
{
	return starts(line, "Label ") ||
	       (starts(line, "Detector ") && strstr(line, " in the text at "));
}

/* Is the finding of a "Detector D found C in the text at S-E: ..." or
 * "Label L was given ..." line among the violations' evidence? */
static int finding_counted(const lp_decision *d, const char *line)
{
	size_t v, i, nv = lp_decision_violation_count(d);
	char name[128];
	unsigned long start = 0, end = 0;
	int is_label = starts(line, "Label ");
	const char *s = line + (is_label ? 6 : 9), *at;
	size_t n = strcspn(s, " ");

	if (n == 0 || n >= sizeof(name))
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	if (!is_label) {
		char *e;

		at = strstr(s, " in the text at ");
		if (!at)
			return 0;
		start = strtoul(at + 16, &e, 10);
		if (*e != '-')
			return 0;
		end = strtoul(e + 1, &e, 10);
	}
	for (v = 0; v < nv; v++)
		for (i = 0; i < lp_decision_evidence_count(d, v); i++) {
			lp_evidence_info ev;

			if (lp_decision_evidence(d, v, i, &ev) != LP_OK)
				continue;
			if (is_label && ev.label && strcmp(ev.label, name) == 0)
				return 1;
			if (!is_label && ev.detector && strcmp(ev.detector, name) == 0 &&
			    ev.start == start && ev.end == end)
				return 1;
		}
	return 0;
}

static void section_found(ctx *c)
{
	const lp_decision *d = c->d;
	size_t v, i, nv = lp_decision_violation_count(d), item = 0, extra = 0;
	char buf[1024];

	heading(c->o, "Found");
	for (v = 0; v < nv; v++)
		item += lp_decision_evidence_count(d, v);
	if (item)
		wrap(c->o, "  ", 2,
		     "Counted as evidence (text offsets are code points into "
		     "content.text; excerpts are masked):");
	item = 0;
	for (v = 0; v < nv; v++) {
		const char *cat = lp_decision_violation_category(d, v);

		for (i = 0; i < lp_decision_evidence_count(d, v); i++) {
			lp_evidence_info ev;
			char num[16];

			if (lp_decision_evidence(d, v, i, &ev) != LP_OK)
				continue;
			snprintf(num, sizeof(num), "  %zu. ", ++item);
			if (strcmp(ev.source, "text") == 0)
				snprintf(buf, sizeof(buf), "%s: detector %s in the text at "
				         "%zu-%zu", cat, ev.detector ? ev.detector : "?",
				         ev.start, ev.end);
			else if (strcmp(ev.source, "labels") == 0)
				snprintf(buf, sizeof(buf), "%s: label %s, given with the "
				         "report", cat, ev.label ? ev.label : "?");
			else if (strcmp(ev.source, "media") == 0)
				snprintf(buf, sizeof(buf), "%s: media %ld (%s)", cat,
				         ev.media_index + 1,
				         ev.media_type ? ev.media_type : "?");
			else
				snprintf(buf, sizeof(buf), "%s: from %s", cat, ev.source);
			wrap(c->o, num, 7, buf);
			if (ev.excerpt) {
				size_t n = strlen(ev.excerpt);
				char *q = malloc(n + 3);

				if (q) {
					q[0] = '"';
					memcpy(q + 1, ev.excerpt, n);
					memcpy(q + 1 + n, "\"", 2);
				}
				wrap(c->o, "       ", 8, q ? q : ev.excerpt);
				free(q);
			}
		}
	}
	/* Findings the explanation names that no violation counted: kept
	 * out by an exception, or labels the policy does not protect. */
	for (i = 0; i < c->nlines; i++) {
		if (c->kinds[i] != LINE_FOUND || !is_finding(c->lines[i]) ||
		    finding_counted(d, c->lines[i]))
			continue;
		if (extra++ == 0)
			wrap(c->o, "  ", 2,
			     lp_decision_exception_count(d)
			             ? (item ? "Also found, not counted (see Exceptions):"
			                     : "Found, not counted (see Exceptions):")
			             : (item ? "Also found, not counted:"
			                     : "Found, not counted:"));
		wrap(c->o, "  - ", 4, c->lines[i]);
	}
	if (item == 0 && extra == 0)
		wrap(c->o, "  ", 2,
		     "Nothing counted as evidence: no detector matched the text, and "
		     "no label or media item counted as a violation.");
	/* Other notes on the findings ("found more than N matches"). */
	for (i = 0; i < c->nlines; i++)
		if (c->kinds[i] == LINE_FOUND && !is_finding(c->lines[i]))
			wrap(c->o, "  Note: ", 8, c->lines[i]);
}

static void section_rules(ctx *c)
{
	const lp_decision *d = c->d;
	size_t i, v, nv = lp_decision_violation_count(d), shown = 0;

	heading(c->o, "Rules");
	/* Rules in the order the explanation gives them, with the
	 * categories each one found. */
	for (i = 0; i < c->nlines; i++) {
		const char *id, *text;
		size_t n, k;
		char head[512];
		int seen = 0;

		if (c->kinds[i] != LINE_RULE || !rule_id(c->lines[i], &id, &n))
			continue;
		for (k = 0; k < i; k++)
			if (c->kinds[k] == LINE_RULE && strncmp(c->lines[k] + 5, id, n) == 0 &&
			    (c->lines[k][5 + n] == ':'))
				seen = 1;
		text = id + n + 1;
		while (*text == ' ')
			text++;
		if (!seen) {
			size_t len;

			snprintf(head, sizeof(head), "  %.*s", (int)n, id);
			len = strlen(head);
			for (v = 0, k = 0; v < nv; v++) {
				if (!line_rule_is(c->lines[i], lp_decision_violation_rule(d, v)))
					continue;
				snprintf(head + len, sizeof(head) - len, "%s%s",
				         k++ ? ", " : " -> violation: ",
				         lp_decision_violation_category(d, v));
				len = strlen(head);
			}
			put_clean(c->o, head, strlen(head));
			fputc('\n', c->o->f);
		}
		wrap(c->o, "      ", 6, text);
		shown++;
	}
	/* Violations whose rule has no line of its own (a policy without
	 * an explain template for it). */
	for (v = 0; v < nv; v++) {
		const char *rule = lp_decision_violation_rule(d, v);
		int seen = 0;

		for (i = 0; i < c->nlines; i++)
			if (c->kinds[i] == LINE_RULE && line_rule_is(c->lines[i], rule))
				seen = 1;
		if (!seen) {
			fprintf(c->o->f, "  %s -> violation: %s\n", rule,
			        lp_decision_violation_category(d, v));
			shown++;
		}
	}
	for (i = 0; i < c->nlines; i++)
		if (c->kinds[i] == LINE_OTHER) {
			wrap(c->o, "  ", 2, c->lines[i]);
			shown++;
		}
	if (!shown)
		wrap(c->o, "  ", 2, "No rule applied.");
}

/* "Rule R does not apply to WHAT: exception E applies - WHY." */
static void show_exception_line(out *o, const char *line, const char *reason)
{
	char key[160];
	const char *to = strstr(line, " does not apply to ");
	const char *ex, *why;

	snprintf(key, sizeof(key), ": exception %s applies", reason);
	ex = strstr(line, key);
	if (!ex) {
		wrap(o, "      ", 6, line);
		return;
	}
	if (to && to < ex) {
		to += strlen(" does not apply to ");
		wrap_n(o, "      to:  ", 11, to, (size_t)(ex - to));
	}
	why = ex + strlen(key);
	if (starts(why, " - "))
		wrap(o, "      why: ", 11, why + 3);
}

static void section_exceptions(ctx *c)
{
	const lp_decision *d = c->d;
	size_t i, k, n = lp_decision_exception_count(d);
	char buf[512];
	int shown = 0;

	heading(c->o, "Exceptions");
	for (i = 0; i < n; i++) {
		const char *rule = lp_decision_exception_rule(d, i);
		const char *reason = lp_decision_exception_reason(d, i);
		char key[160];

		snprintf(buf, sizeof(buf), "%s: rule %s does not apply", reason, rule);
		wrap(c->o, "  ", 4, buf);
		snprintf(key, sizeof(key), "exception %s applies", reason);
		for (k = 0; k < c->nlines; k++)
			if (c->kinds[k] == LINE_EXCEPTION &&
			    line_rule_is(c->lines[k], rule) && strstr(c->lines[k], key))
				show_exception_line(c->o, c->lines[k], reason);
		shown = 1;
	}
	/* Exception lines no structured exception matched: still shown. */
	for (k = 0; k < c->nlines; k++) {
		int matched = 0;

		if (c->kinds[k] != LINE_EXCEPTION)
			continue;
		for (i = 0; i < n; i++) {
			char key[160];

			snprintf(key, sizeof(key), "exception %s applies",
			         lp_decision_exception_reason(d, i));
			if (line_rule_is(c->lines[k], lp_decision_exception_rule(d, i)) &&
			    strstr(c->lines[k], key))
				matched = 1;
		}
		if (!matched) {
			wrap(c->o, "  - ", 4, c->lines[k]);
			shown = 1;
		}
	}
	if (!shown)
		wrap(c->o, "  ", 2, "None.");
}

static void section_referrals(ctx *c)
{
	size_t i, k, n = lp_decision_referral_count(c->d);

	heading(c->o, "Referrals");
	for (i = 0; i < n; i++) {
		const char *ref = lp_decision_referral(c->d, i);
		char buf[512];
		size_t len;

		snprintf(buf, sizeof(buf), "%s", ref);
		len = strlen(buf);
		for (k = 0; k < c->nlines; k++) {
			const char *id;
			size_t idn;

			if (c->kinds[k] == LINE_RULE && has_word(c->lines[k], ref) &&
			    rule_id(c->lines[k], &id, &idn)) {
				snprintf(buf + len, sizeof(buf) - len, " (from rule %.*s)",
				         (int)idn, id);
				break;
			}
		}
		wrap(c->o, "  ", 4, buf);
	}
	if (n == 0)
		wrap(c->o, "  ", 2, "None: no other policy owns this case.");
}

static void section_enforcement(ctx *c)
{
	size_t i, n = lp_decision_action_count(c->d);
	char buf[512];
	size_t len = 0;

	heading(c->o, "Enforcement");
	buf[0] = '\0';
	for (i = 0; i < n && len < sizeof(buf) - 1; i++) {
		snprintf(buf + len, sizeof(buf) - len, "%s%s", i ? ", " : "",
		         lp_decision_action(c->d, i));
		len = strlen(buf);
	}
	if (n)
		wrap(c->o, "  Actions: ", 11, buf);
	else
		wrap(c->o, "  ", 2, "None: actions are taken only on a violation.");
	for (i = 0; i < c->nlines; i++)
		if (c->kinds[i] == LINE_ENFORCE)
			wrap(c->o, "  Step ", 4, c->lines[i] + strlen("Enforcement "));
}

/* "Not stated: S; if true, the verdict would be V." for signal s, or
 * NULL; *verdict and *vlen receive V. */
static const char *missing_line(ctx *c, const char *signal,
                                const char **verdict, size_t *vlen)
{
	static const char mid[] = "; if true, the verdict would be ";
	size_t i, n = strlen(signal);

	for (i = 0; i < c->nlines; i++) {
		const char *l = c->lines[i];

		if (c->kinds[i] != LINE_MISSING || strncmp(l + 12, signal, n) != 0 ||
		    !starts(l + 12 + n, mid))
			continue;
		*verdict = l + 12 + n + strlen(mid);
		*vlen = strcspn(*verdict, ".");
		return l;
	}
	return NULL;
}

static void section_missing(ctx *c)
{
	size_t i, k, n = lp_decision_missing_signal_count(c->d), w = 0;

	heading(c->o, "To find out");
	if (n == 0) {
		wrap(c->o, "  ", 2,
		     "Nothing: no signal the report left unstated would change the "
		     "verdict.");
	} else {
		wrap(c->o, "  ", 2,
		     "The report does not state these signals, so they were taken "
		     "as false. If one of them were true, the verdict would be:");
		for (i = 0; i < n; i++) {
			size_t len = strlen(lp_decision_missing_signal(c->d, i));

			if (len > w)
				w = len;
		}
		if (w > 40)
			w = 40;
		for (i = 0; i < n; i++) {
			const char *s = lp_decision_missing_signal(c->d, i), *v;
			size_t vlen;

			if (missing_line(c, s, &v, &vlen)) {
				char buf[256];

				snprintf(buf, sizeof(buf), "%-*s -> %.*s", (int)w, s,
				         (int)vlen, v);
				fputs("    ", c->o->f);
				put_clean(c->o, buf, strlen(buf));
				fputc('\n', c->o->f);
			} else {
				wrap(c->o, "    ", 6, s);
			}
		}
	}
	/* "Not stated" lines for signals the list does not hold. */
	for (k = 0; k < c->nlines; k++) {
		int listed = 0;

		if (c->kinds[k] != LINE_MISSING)
			continue;
		for (i = 0; i < n; i++) {
			const char *v;
			size_t vlen;

			if (missing_line(c, lp_decision_missing_signal(c->d, i), &v,
			                 &vlen) == c->lines[k])
				listed = 1;
		}
		if (!listed)
			wrap(c->o, "  - ", 4, c->lines[k]);
	}
}

/* ---- the command ------------------------------------------------------------ */

/* The decision's id as its JSON text ("r-1" or 2005), from the compact
 * JSON, which begins {"id":. */
static void decision_id(const char *json, const char **id, size_t *len)
{
	const char *s = strstr(json, "\"id\":");

	*id = "(unknown)";
	*len = strlen(*id);
	if (!s)
		return;
	s += 5;
	if (*s == '"') {
		const char *e = s + 1;

		while (*e && *e != '"')
			e += e[0] == '\\' && e[1] ? 2 : 1;
		if (*e == '"') {
			*id = s;
			*len = (size_t)(e + 1 - s);
		}
	} else {
		*id = s;
		*len = strcspn(s, ",}");
	}
}

static int explain_decision(const lp_decision *d, const lp_policy *policy)
{
	out o = {stdout, 0, 0};
	ctx c;
	char *json = NULL;
	const char *id;
	size_t i, id_len;
	int rc = 0;

	if (isatty(STDOUT_FILENO)) {
		const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

		o.bold = !(nc && *nc) && !(term && strcmp(term, "dumb") == 0);
	}
	c.o = &o;
	c.d = d;
	c.nlines = lp_decision_explanation_count(d);
	c.lines = calloc(c.nlines ? c.nlines : 1, sizeof(*c.lines));
	c.kinds = calloc(c.nlines ? c.nlines : 1, sizeof(*c.kinds));
	if (!c.lines || !c.kinds ||
	    lp_decision_to_json(&json, NULL, d, LP_JSON_COMPACT) != LP_OK) {
		cli_error("explain: out of memory");
		rc = -1;
		goto done;
	}
	for (i = 0; i < c.nlines; i++) {
		c.lines[i] = lp_decision_explanation(d, i);
		c.kinds[i] = classify(c.lines[i]);
	}
	decision_id(json, &id, &id_len);
	section_verdict(&c, id, id_len, policy);
	section_found(&c);
	section_rules(&c);
	section_exceptions(&c);
	section_referrals(&c);
	section_enforcement(&c);
	section_missing(&c);
done:
	lp_free(json);
	free(c.lines);
	free(c.kinds);
	return rc;
}

int cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{"policy", required_argument, NULL, 'p'},
		{"json", no_argument, NULL, 'J'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *policy_path = NULL, *path = NULL, *name;
	int c, as_json = 0, status = EXIT_ALL_EVALUATED, rc;
	char *data = NULL;
	size_t len = 0;
	lp_policy *policy;
	lp_decision *d = NULL;
	lp_error err;

	optind = 1;
	while ((c = getopt_long(argc, argv, "p:h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': policy_path = optarg; break;
		case 'J': as_json = 1; break;
		case 'h': fputs(usage, stdout); return EXIT_ALL_EVALUATED;
		default: fputs(usage, stderr); return EXIT_USAGE;
		}
	}
	if (argc - optind > 1) {
		cli_error("explain: one report at a time (use 'policyctl evaluate' "
		          "for batches)");
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (optind < argc)
		path = argv[optind];
	name = path && strcmp(path, "-") != 0 ? path : "stdin";
	if (cli_read_file(path, &data, &len, LP_MAX_REPORT_BYTES) != 0)
		return EXIT_USAGE;
	/* As evaluate: a UTF-8 byte order mark is not part of the JSON. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		memmove(data, data + 3, len - 3);
		len -= 3;
	}
	policy = cli_load_policy(policy_path, 1);
	if (!policy) {
		free(data);
		return EXIT_USAGE;
	}
	memset(&err, 0, sizeof(err));
	rc = lp_evaluate_json(&d, policy, data, len, 1, &err);
	if (rc == LP_EINVALID || rc == LP_ELIMIT) {
		cli_error("explain: %s: %s", name,
		          err.message[0] ? err.message : lp_status_string(rc));
		status = EXIT_SOME_INVALID;
	} else if (rc != LP_OK) {
		cli_error("explain: %s: %s", name, lp_status_string(rc));
		status = EXIT_USAGE;
	} else if (as_json) {
		char *json = NULL;

		if (lp_decision_to_json(&json, NULL, d, LP_JSON_PRETTY) != LP_OK) {
			cli_error("explain: out of memory");
			status = EXIT_USAGE;
		} else {
			fputs(json, stdout);
			fputc('\n', stdout);
		}
		lp_free(json);
	} else if (explain_decision(d, policy) != 0) {
		status = EXIT_USAGE;
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error("explain: error writing the output");
		status = EXIT_USAGE;
	}
	lp_decision_free(d);
	lp_policy_free(policy);
	free(data);
	return status;
}
