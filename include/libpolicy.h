/*
 * libpolicy.h - evaluate reports of private information and media against
 * a policy written in YAML.
 *
 * Three objects, one job each:
 *
 *   lp_compiler  reads YAML policy sources, reports every problem through a
 *                diagnostic callback (file:line:column), and compiles them
 *                into
 *   lp_policy    an immutable compiled policy. One lp_policy may be shared
 *                by any number of threads evaluating at once;
 *   lp_decision  the outcome of evaluating one report: verdict, actions,
 *                violations with masked evidence, exceptions, referrals,
 *                missing signals and an explanation.
 *
 * Conventions: functions return 0 (LP_OK) on success and a negative
 * lp_status on failure; output parameters come first; every *_free accepts
 * NULL; strings returned by accessors belong to the object they came from
 * and live as long as it does. A decision refers to its policy's names:
 * free every decision before the policy it was evaluated under. The
 * library keeps no global mutable state other than the allocator of
 * libpolicy/alloc.h, set once before use.
 */
#ifndef LIBPOLICY_H
#define LIBPOLICY_H

#include <stddef.h>

#include "libpolicy/alloc.h"
#include "libpolicy/limits.h"

#ifdef __cplusplus
extern "C" {
#endif

#if defined(LP_BUILDING) && defined(__GNUC__)
#define LP_EXTERN __attribute__((visibility("default")))
#else
#define LP_EXTERN
#endif

/* ---- version ------------------------------------------------------- */

#define LP_VERSION_MAJOR 0
#define LP_VERSION_MINOR 1
#define LP_VERSION_PATCH 0
#define LP_VERSION_STRING "0.1.0"
#define LP_VERSION_NUMBER \
	(LP_VERSION_MAJOR * 10000 + LP_VERSION_MINOR * 100 + LP_VERSION_PATCH)

/* The version of the library actually linked (compare LP_VERSION_NUMBER). */
LP_EXTERN int lp_version_number(void);
LP_EXTERN const char *lp_version_string(void);

/* ---- status codes ---------------------------------------------------- */

typedef enum lp_status {
	LP_OK = 0,
	LP_ERROR = -1,    /* unexpected internal failure */
	LP_ENOMEM = -2,   /* out of memory */
	LP_EINVALID = -3, /* the report (or an argument) is invalid */
	LP_EPOLICY = -4,  /* the policy has errors; see the diagnostics */
	LP_EIO = -5,      /* a file could not be read */
	LP_ELIMIT = -6    /* an input exceeds a limit of libpolicy/limits.h */
} lp_status;

/* A short English description of a status code. */
LP_EXTERN const char *lp_status_string(int status);

/* Frees memory the library returned to the caller (JSON strings). */
LP_EXTERN void lp_free(void *ptr);

/* ---- diagnostics ------------------------------------------------------ */

typedef enum lp_diag_level { LP_DIAG_ERROR, LP_DIAG_WARNING } lp_diag_level;

typedef struct lp_diagnostic {
	lp_diag_level level;
	/* Stable identifier of the kind of problem, for scripts:
	 * "syntax", "unknown-key", "wrong-type", "missing-key",
	 * "undefined-reference", "duplicate-id", "duplicate-key",
	 * "invalid-value", "limit", "io", "never-fires". */
	const char *code;
	const char *file;  /* as given to the compiler */
	unsigned line;     /* 1-based; 0 when the problem has no place */
	unsigned column;   /* 1-based */
	const char *message;
} lp_diagnostic;

/* Called once per problem, in the order found. The diagnostic and its
 * strings are valid only during the call. */
typedef void (*lp_diagnostic_fn)(const lp_diagnostic *diag, void *payload);

/* ---- compiling a policy ----------------------------------------------- */

typedef struct lp_compiler lp_compiler;
typedef struct lp_policy lp_policy;

/* Creates a compiler; fn (may be NULL) receives every diagnostic. */
LP_EXTERN int lp_compiler_new(lp_compiler **out, lp_diagnostic_fn fn,
                              void *payload);
LP_EXTERN void lp_compiler_free(lp_compiler *compiler);

/* Adds a YAML file, or every *.yaml / *.yml file of a directory (not its
 * subdirectories) in name order. Problems are reported as diagnostics;
 * returns LP_EPOLICY or LP_EIO when the source could not be read. */
LP_EXTERN int lp_compiler_add_path(lp_compiler *compiler, const char *path);

/* Adds YAML text held in memory; name is used in diagnostics. */
LP_EXTERN int lp_compiler_add_buffer(lp_compiler *compiler, const char *name,
                                     const char *yaml, size_t len);

/* Adds the default policy embedded in the library. */
LP_EXTERN int lp_compiler_add_default(lp_compiler *compiler);

/* Validates everything added and, when there is no error, compiles it into
 * *out. Returns LP_EPOLICY when any diagnostic of level error was given.
 * Warnings do not stop compilation. The compiler may be freed afterwards. */
LP_EXTERN int lp_compiler_compile(lp_policy **out, lp_compiler *compiler);

/* Counts of the diagnostics given so far. */
LP_EXTERN unsigned lp_compiler_error_count(const lp_compiler *compiler);
LP_EXTERN unsigned lp_compiler_warning_count(const lp_compiler *compiler);

/* Shortcut: compiles the policy at path (file or directory), or the
 * embedded default policy when path is NULL. */
LP_EXTERN int lp_policy_load(lp_policy **out, const char *path,
                             lp_diagnostic_fn fn, void *payload);
LP_EXTERN void lp_policy_free(lp_policy *policy);

LP_EXTERN const char *lp_policy_name(const lp_policy *policy);
LP_EXTERN const char *lp_policy_version(const lp_policy *policy);
/* Hex digest of the policy's source: the name and bytes of each file, so
 * it changes whenever any file changes (comments included), and not when
 * the same files are loaded from another directory. */
LP_EXTERN const char *lp_policy_revision(const lp_policy *policy);

/* ---- reports ---------------------------------------------------------- */

typedef enum lp_media_type {
	LP_MEDIA_IMAGE,
	LP_MEDIA_VIDEO,
	LP_MEDIA_GIF,
	LP_MEDIA_OTHER
} lp_media_type;

typedef struct lp_media {
	lp_media_type type;
	int depicts_person; /* an identifiable person appears */
	int nudity;
} lp_media;

/* A boolean signal the report states, by its dotted name
 * ("subject.public_figure", "context.public_event"). A signal the report
 * does not state is missing: taken as false, and named in the decision's
 * missing_signals when stating it would change the verdict. */
typedef struct lp_signal {
	const char *name;
	int value;
} lp_signal;

#define LP_REPORT_VERSION 1

/*
 * A report as a backend that already holds the fields passes it (SPEC §2).
 * Initialise with LP_REPORT_INIT so that fields added in later versions
 * keep their defaults. Nothing is retained after lp_evaluate returns.
 */
typedef struct lp_report {
	unsigned int version;       /* LP_REPORT_VERSION */
	const char *id;             /* echoed in the decision; may be NULL */
	unsigned long record;       /* used as the id when id is NULL (1-based) */
	const char *text;           /* content.text, UTF-8; NULL when absent */
	size_t text_len;
	const lp_media *media;
	size_t media_count;
	const char *const *labels;  /* category or policy label names */
	size_t label_count;
	const char *reporter_role;  /* required: subject, authorized_representative,
	                               bystander or automated */
	const char *region;         /* ISO 3166-1 alpha-2; NULL when absent */
	unsigned long prior_violations;
	const lp_signal *signals;   /* the boolean signals the report states */
	size_t signal_count;
} lp_report;

#define LP_REPORT_INIT {LP_REPORT_VERSION, NULL, 0, NULL, 0, NULL, 0, NULL, 0, \
                        NULL, NULL, 0, NULL, 0}

/* Why a report was rejected: the field at fault and a readable message. */
typedef struct lp_error {
	int status;          /* the lp_status returned */
	char field[128];     /* dotted path, e.g. "subject.public_figure"; or "" */
	char message[256];   /* "subject.public_figure: expected boolean" */
} lp_error;

/* ---- evaluating ----------------------------------------------------------- */

typedef enum lp_verdict {
	LP_VERDICT_NO_VIOLATION,
	LP_VERDICT_NEEDS_FIRST_PERSON_REPORT,
	LP_VERDICT_REFER,
	LP_VERDICT_VIOLATION
} lp_verdict;

typedef struct lp_decision lp_decision;

/*
 * Evaluates report under policy into a new decision. Thread-safe: any
 * number of threads may evaluate against one policy at once. On failure
 * *out is NULL and err (may be NULL) says why.
 */
LP_EXTERN int lp_evaluate(lp_decision **out, const lp_policy *policy,
                          const lp_report *report, lp_error *err);

/*
 * Parses one report from len bytes of JSON (SPEC §2) and evaluates it.
 * record is the 1-based position of the report in its batch, used as the
 * decision's id when the report has none.
 */
LP_EXTERN int lp_evaluate_json(lp_decision **out, const lp_policy *policy,
                               const char *json, size_t len,
                               unsigned long record, lp_error *err);

/*
 * lp_evaluate_json for a report that a caller cut out of a larger text (a
 * file of JSON Lines, an array): line and column (1-based) are where its
 * first byte is in that text, so that a syntax error's "at line L, column
 * C" points into the caller's file rather than into the report.
 * lp_evaluate_json is lp_evaluate_json_at with line 1, column 1.
 */
LP_EXTERN int lp_evaluate_json_at(lp_decision **out, const lp_policy *policy,
                                  const char *json, size_t len,
                                  unsigned long record, unsigned long line,
                                  unsigned long column, lp_error *err);

/* Frees a decision; call it before lp_policy_free of its policy. */
LP_EXTERN void lp_decision_free(lp_decision *decision);

LP_EXTERN lp_verdict lp_decision_verdict(const lp_decision *decision);
/* "violation", "refer", "needs_first_person_report" or "no_violation". */
LP_EXTERN const char *lp_verdict_name(lp_verdict verdict);

LP_EXTERN size_t lp_decision_action_count(const lp_decision *decision);
LP_EXTERN const char *lp_decision_action(const lp_decision *decision, size_t i);
LP_EXTERN size_t lp_decision_violation_count(const lp_decision *decision);
LP_EXTERN const char *lp_decision_violation_category(const lp_decision *decision,
                                                     size_t i);
LP_EXTERN const char *lp_decision_violation_rule(const lp_decision *decision,
                                                 size_t i);
/* The evidence of violation i (SPEC §4 "evidence"). */
typedef struct lp_evidence_info {
	const char *source;     /* "text", "labels" or "media" */
	const char *detector;   /* text: the detector's id; else NULL */
	const char *label;      /* labels: the label; else NULL */
	size_t start;           /* text: code points into content.text */
	size_t end;
	const char *excerpt;    /* text: the masked excerpt; else NULL */
	long media_index;       /* media: 0-based index; else -1 */
	const char *media_type; /* media: image, video, gif or other */
} lp_evidence_info;

LP_EXTERN size_t lp_decision_evidence_count(const lp_decision *decision,
                                            size_t violation);
/* Fills *out with evidence i of violation; returns LP_OK, or LP_EINVALID
 * when either index is out of range. */
LP_EXTERN int lp_decision_evidence(const lp_decision *decision,
                                   size_t violation, size_t i,
                                   lp_evidence_info *out);

/* Exceptions that kept a rule from applying: the rule and the exception's
 * name (the decision JSON's "reason"). */
LP_EXTERN size_t lp_decision_exception_count(const lp_decision *decision);
LP_EXTERN const char *lp_decision_exception_rule(const lp_decision *decision,
                                                 size_t i);
LP_EXTERN const char *lp_decision_exception_reason(const lp_decision *decision,
                                                   size_t i);
LP_EXTERN size_t lp_decision_referral_count(const lp_decision *decision);
LP_EXTERN const char *lp_decision_referral(const lp_decision *decision, size_t i);
LP_EXTERN size_t lp_decision_missing_signal_count(const lp_decision *decision);
LP_EXTERN const char *lp_decision_missing_signal(const lp_decision *decision,
                                                 size_t i);
LP_EXTERN size_t lp_decision_explanation_count(const lp_decision *decision);
LP_EXTERN const char *lp_decision_explanation(const lp_decision *decision,
                                              size_t i);

/* Output flags for lp_decision_to_json. */
#define LP_JSON_COMPACT 0u
#define LP_JSON_PRETTY 1u

/* Writes the decision as JSON (SPEC §4) into a new NUL-terminated string
 * (free with lp_free); *out_len (may be NULL) receives its length. The
 * output is byte-identical for the same report and policy. */
LP_EXTERN int lp_decision_to_json(char **out, size_t *out_len,
                                  const lp_decision *decision, unsigned flags);

#ifdef __cplusplus
}
#endif

#endif
