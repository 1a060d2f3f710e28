/*
 * mask.h - masked excerpts for evidence.
 *
 * A decision lands in moderation logs; an engine that copied the address it
 * found into those logs would itself leak it. Excerpts keep the shape of a
 * match (length, separators, a letter per word) and hide its content.
 */
#ifndef LP_MASK_H
#define LP_MASK_H

#include <stddef.h>

#include "detect.h"

/* The character that replaces hidden ones: U+2022 BULLET. */
#define LP_MASK_CHAR "\xE2\x80\xA2"

/*
 * Writes the masked form of the len bytes of UTF-8 at src into a new
 * NUL-terminated string at *out (to be freed with lp_free). Returns 0, or
 * -1 on allocation failure.
 */
int lp_mask(char **out, const char *src, size_t len, lp_mask_style style);

#endif
