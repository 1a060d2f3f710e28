/*
 * policy_load.h - checking the YAML trees of a policy's files against the
 * policy language and building the compiled lp_policy from them.
 *
 * All files together form one policy: each section (categories, rules...)
 * is gathered from every file in file order before the next section is
 * read, so a rule may use a category defined in any file.
 */
#ifndef LP_POLICY_LOAD_H
#define LP_POLICY_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "yaml_tree.h"

/* Builds *out from roots (NULL entries are empty files), read from the
 * files names (for messages about no place in particular). Returns LP_OK,
 * LP_EPOLICY when any error was reported, or LP_ENOMEM. */
int lp_policy_build(lp_policy **out, const lp_ynode *const *roots,
                    const char *const *names, size_t count,
                    const char *revision, lp_diag_sink *sink);

#endif
