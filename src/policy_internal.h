/*
 * policy_internal.h - the compiled, immutable form of a policy.
 *
 * Every name of the YAML is resolved to an index at compile time, so that
 * evaluation compares integers and never looks a string up. Nothing here is
 * written after lp_compiler_compile returns, which is what makes one policy
 * safe to share between threads.
 */
#ifndef LP_POLICY_INTERNAL_H
#define LP_POLICY_INTERNAL_H

#include <stdint.h>

#include "cond.h"
#include "detect.h"
#include "diag.h"
#include "keyword.h"
#include "libpolicy.h"

/* Signals are kept as bits of a uint64_t in a report. */
#define LP_MAX_SIGNALS 64

typedef struct lp_category {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	char *description;
	int kind; /* index into lp_policy.kinds */
} lp_category;

typedef struct lp_detector_def {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	char *description;
	int category;
	const lp_builtin_detector *builtin; /* NULL for a keyword detector */
	struct lp_pattern *pattern;         /* for pattern detectors */
	char **keywords;                    /* lower-case, for keyword detectors */
	size_t keyword_count;
	char **context;                     /* lower-case words one of which must
	                                       be near a match; NULL: none */
	size_t context_count;
	size_t context_window;              /* bytes before and after a match */
	/* How the context words begin (lp_keyword_digest), so that a text
	 * none of whose words begins like one is passed over at once. */
	lp_word_digest context_digest;
	int has_context_digest;
	lp_mask_style mask;
} lp_detector_def;

typedef struct lp_label {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	int category;     /* -1: the policy does not treat it as private */
	char *note;       /* why it is not private, for explanations */
} lp_label;

typedef struct lp_named {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	char *description;
} lp_named;

typedef struct lp_list {
	char *id;
	char *description;
	char **items;
	size_t count;
} lp_list;

typedef struct lp_exception {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	char *reason;
	int reason_plain;   /* reason has nothing to escape in JSON */
	lp_cond *when;
} lp_exception;

typedef enum lp_scope {
	LP_SCOPE_REPORT,   /* evaluated once per report */
	LP_SCOPE_FINDINGS, /* once per finding in the text and labels */
	LP_SCOPE_MEDIA     /* once per attached media item */
} lp_scope;

typedef enum lp_outcome {
	LP_OUTCOME_NONE,
	LP_OUTCOME_NEEDS_FIRST_PERSON_REPORT,
	LP_OUTCOME_REFER,
	LP_OUTCOME_VIOLATION
} lp_outcome;

/*
 * An explanation template ("Rule {rule}: {category} ..."), split when the
 * policy is loaded into literal pieces, each followed by a placeholder or
 * none, so that a decision's line is written with a few copies. A
 * placeholder is its index in the list the template was checked against:
 * LP_RULE_* for rules, LP_STEP_* for enforcement steps. One allocation.
 */
typedef struct lp_template_part {
	const char *lit;    /* into the template's own copy of its text */
	size_t lit_len;
	int lit_plain;      /* lit has nothing to escape in JSON */
	int slot;           /* the placeholder after lit, or -1 */
} lp_template_part;

typedef struct lp_template {
	size_t count;
	lp_template_part part[];
} lp_template;

enum lp_rule_placeholder {
	LP_RULE_RULE, LP_RULE_TITLE, LP_RULE_CATEGORY, LP_RULE_REFERRAL,
	LP_RULE_EVIDENCE, LP_RULE_REPORTER, LP_RULE_PLACEHOLDERS
};

enum lp_step_placeholder {
	LP_STEP_ACTIONS, LP_STEP_REPORTER, LP_STEP_PLACEHOLDERS
};

/* The number of verdicts (lp_verdict). */
#define LP_VERDICTS (LP_VERDICT_VIOLATION + 1)

/* Rule category that means "the category of the finding". */
#define LP_CATEGORY_OF_FINDING (-2)

typedef struct lp_rule {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	char *title;
	size_t title_len;
	int title_plain;    /* title has nothing to escape in JSON */
	lp_scope scope;
	lp_cond *where;        /* NULL: always */
	int *unless;           /* exception indices */
	size_t unless_count;
	lp_cond *requires;     /* NULL: no requirement */
	lp_outcome outcome;
	lp_outcome otherwise;  /* when requires does not hold */
	int category;          /* for violations: index or LP_CATEGORY_OF_FINDING */
	int referral;          /* for referrals: index */
	lp_template *explain;
	lp_template *otherwise_explain;
	int enabled;
	uint64_t reads;        /* signals read by where, requires and unless */
	uint64_t where_reads;  /* signals read by where alone */
} lp_rule;

typedef struct lp_step {
	char *id;
	size_t id_len;      /* strlen(id), measured at compile time */
	lp_cond *when;         /* NULL: always */
	int *actions;
	size_t action_count;
	lp_template *explain;
} lp_step;

/* A signal as a member of a report object, for reading reports. */
typedef struct lp_signal_member {
	const char *name;   /* after the object's "subject." etc. */
	size_t len;
	int signal;         /* index into lp_policy.signals */
} lp_signal_member;

struct lp_policy {
	char *name;
	char *version;
	char *description;
	char *no_rule_applies;
	size_t no_rule_applies_len;
	int no_rule_applies_plain;
	char revision[17];

	char **kinds;
	size_t kind_count;
	lp_named *signals;
	size_t signal_count;
	lp_category *categories;
	size_t category_count;
	lp_label *labels;
	size_t label_count;
	lp_detector_def *detectors;
	size_t detector_count;
	lp_list *lists;
	size_t list_count;
	lp_named *referrals;
	size_t referral_count;
	lp_named *actions;
	size_t action_count;
	lp_exception *exceptions;
	size_t exception_count;
	lp_rule *rules;
	size_t rule_count;
	lp_step *steps;
	size_t step_count;

	/* Derived by lp_compiler_compile from the signals, so that reading a
	 * report compares each member name with its object's signals only:
	 * the signals of subject (0), author (1) and context (2). Points into
	 * the signals' ids; nothing to free. */
	lp_signal_member signal_members[3][LP_MAX_SIGNALS];
	size_t signal_member_count[3];
	/* Derived too: the enabled rules that read signal k, in policy order,
	 * are readers[reader_at[k]] to readers[reader_at[k + 1]] - 1. The
	 * counterfactual of a missing signal re-runs those rules only. */
	int *readers;
	size_t reader_at[LP_MAX_SIGNALS + 1];
	/* Derived too: the first letters of the detectors' context words
	 * (lp_word_digest.initials, joined), the words a text's digest
	 * need look at. */
	uint32_t context_initials;
	/* The last member of every compact decision, written once:
	 * ,"policy":{"name":...,"version":...,"revision":...}} */
	char *json_tail;
	size_t json_tail_len;
	/* The explanation lines most decisions end with, written once:
	 * verdict_line[v] is "Verdict: V." and not_stated[k * LP_VERDICTS +
	 * v] "Not stated: SIGNAL; if true, the verdict would be V." for
	 * signal k and verdict v. They point into lines. */
	lp_word verdict_line[LP_VERDICTS];
	lp_word *not_stated;
	char *lines;
};

/* The objects of a report that hold signals, in the order of
 * lp_policy.signal_members. */
extern const char *const lp_signal_objects[]; /* NULL-terminated */

/* Lookups by name; each returns the index or -1. */
int lp_policy_find_signal(const lp_policy *p, const char *name);
int lp_policy_find_label(const lp_policy *p, const char *name);
int lp_policy_find_category(const lp_policy *p, const char *name);

/* The fixed vocabularies of the report format (SPEC §2). */
extern const char *const lp_roles[];       /* NULL-terminated */
extern const char *const lp_sources[];     /* text, labels, media */
extern const char *const lp_media_types[]; /* image, video, gif, other */
int lp_vocab_index(const char *const *vocab, const char *word);
/* The same for the len bytes at word, which hold no NUL. */
int lp_vocab_index_n(const char *const *vocab, const char *word, size_t len);

#endif
