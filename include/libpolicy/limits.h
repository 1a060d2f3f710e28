/*
 * libpolicy/limits.h - every bound libpolicy enforces, in one place.
 *
 * Reports come from anyone on the internet and policies are edited by
 * hand; each input the library reads is bounded so that no input can make
 * it allocate or loop without end. Each limit can be changed at build time
 * (e.g. -DLP_MAX_REPORT_BYTES=2097152); exceeding one gives its own error.
 */
#ifndef LIBPOLICY_LIMITS_H
#define LIBPOLICY_LIMITS_H

/* Bytes of one report's JSON text. */
#ifndef LP_MAX_REPORT_BYTES
#define LP_MAX_REPORT_BYTES (1024 * 1024)
#endif

/* Bytes of content.text (a tweet is at most 280 characters; long-form
 * posts and OCR text are longer, so leave room). */
#ifndef LP_MAX_TEXT_BYTES
#define LP_MAX_TEXT_BYTES (64 * 1024)
#endif

/* Nesting depth of a report's JSON. */
#ifndef LP_MAX_JSON_DEPTH
#define LP_MAX_JSON_DEPTH 32
#endif

/* Entries of content.media and content.labels. */
#ifndef LP_MAX_MEDIA
#define LP_MAX_MEDIA 64
#endif
#ifndef LP_MAX_LABELS
#define LP_MAX_LABELS 256
#endif

/* Matches one detector may report in one text. */
#ifndef LP_MAX_DETECTOR_MATCHES
#define LP_MAX_DETECTOR_MATCHES 1024
#endif

/* Bytes of one policy file. */
#ifndef LP_MAX_POLICY_FILE_BYTES
#define LP_MAX_POLICY_FILE_BYTES (4 * 1024 * 1024)
#endif

/* Files loaded from one policy directory. */
#ifndef LP_MAX_POLICY_FILES
#define LP_MAX_POLICY_FILES 256
#endif

/* Nesting depth of a policy's YAML. */
#ifndef LP_MAX_YAML_DEPTH
#define LP_MAX_YAML_DEPTH 32
#endif

/* Rules, exceptions, detectors, categories... of one kind in a policy. */
#ifndef LP_MAX_POLICY_ITEMS
#define LP_MAX_POLICY_ITEMS 4096
#endif

/* Nodes of one condition expression. */
#ifndef LP_MAX_CONDITION_NODES
#define LP_MAX_CONDITION_NODES 256
#endif

/* A pattern detector's regular-expression match: backtracking steps and
 * depth (PCRE2's match and depth limits). A pattern that needs more, on a
 * text, is an error for that report rather than a stuck thread. */
#ifndef LP_MAX_REGEX_MATCH_LIMIT
#define LP_MAX_REGEX_MATCH_LIMIT 1000000
#endif
#ifndef LP_MAX_REGEX_DEPTH_LIMIT
#define LP_MAX_REGEX_DEPTH_LIMIT 10000
#endif

/* Keywords of one keyword detector. */
#ifndef LP_MAX_KEYWORDS
#define LP_MAX_KEYWORDS 4096
#endif

#endif
