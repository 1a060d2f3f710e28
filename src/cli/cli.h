/*
 * cli.h - what policyctl's commands share: reading input, loading the
 * policy, printing diagnostics. No policy logic lives in the CLI; it only
 * calls the library and formats what comes back.
 */
#ifndef POLICYCTL_CLI_H
#define POLICYCTL_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "libpolicy.h"

/* Exit statuses (SPEC §7). */
#define EXIT_ALL_EVALUATED 0
#define EXIT_SOME_INVALID 1
#define EXIT_USAGE 2

extern const char *cli_program; /* "policyctl", for messages */

/* Reads a whole file ("-" or NULL: standard input) into *data, but no
 * more than max + 1 bytes (so that a caller can tell an input over max
 * without holding all of it). Returns 0, or -1 after printing why. */
int cli_read_file(const char *path, char **data, size_t *len, size_t max);

/* Prints a diagnostic as "file:line:column: level: message [code]". */
void cli_print_diagnostic(const lp_diagnostic *d, void *stream);

/* Loads the policy at path (NULL: the embedded default), printing every
 * diagnostic to stderr. Returns NULL on failure. */
lp_policy *cli_load_policy(const char *path, int quiet_warnings);

/* Checks that every input (a path, or - for standard input) can be read
 * and is not a directory, before anything is written, so that a bad
 * argument never leaves half an output behind; *total receives the bytes
 * of the regular files, for the progress line. Prints "policyctl: COMMAND:
 * ..." and returns -1 on the first bad one. */
int cli_check_inputs(const char *command, char **paths, int n,
                     uint64_t *total);

/* Opens the output file path for writing (NULL: standard output), but
 * not when it is one of the n inputs (a path, or - for standard input),
 * which opening it would empty. Returns NULL after printing
 * "policyctl: COMMAND: ..." with the reason. */
FILE *cli_open_output(const char *command, const char *path, char **inputs,
                      int n);

/* The index of value among words (NULL-terminated); otherwise prints
 * "policyctl: COMMAND: --OPTION is a, b or c, not 'value'" and returns -1.
 * A NULL value (an optional argument left out) picks the first word. */
int cli_pick(const char *command, const char *option, const char *value,
             const char *const *words);

/* How messages and records name an input: its path, or "stdin" for -. */
const char *cli_input_name(const char *path);

/* Prints "policyctl: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

int cmd_evaluate(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_test(int argc, char **argv);

/* YAML node tree (the library's yaml_tree) to JSON text, for policy test
 * files. */
struct lp_ynode;
char *cli_yaml_to_json(const struct lp_ynode *node);

#endif
