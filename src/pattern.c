#include "pattern.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "libpolicy.h"

struct lp_pattern {
	pcre2_general_context *gcx;
	pcre2_code *code;
	pcre2_match_context *mcx;
};

/* PCRE2's memory goes through libpolicy's allocator (and so through the
 * out-of-memory tests). */
static void *pcre_malloc(PCRE2_SIZE size, void *ctx)
{
	(void)ctx;
	return lp_malloc(size);
}

static void pcre_free(void *ptr, void *ctx)
{
	(void)ctx;
	lp_free(ptr);
}

static int no_jit(void)
{
	const char *v = getenv("LP_NO_JIT");

	return v && *v && strcmp(v, "0") != 0;
}

void lp_pattern_free(lp_pattern *p)
{
	if (!p)
		return;
	pcre2_match_context_free(p->mcx);
	pcre2_code_free(p->code);
	pcre2_general_context_free(p->gcx);
	lp_free(p);
}

lp_pattern *lp_pattern_compile(const char *source, int ignore_case,
                               size_t *err_offset, char *err_msg,
                               size_t err_size, int *oom)
{
	lp_pattern *p = lp_calloc(1, sizeof(*p));
	pcre2_compile_context *ccx = NULL;
	int errcode = 0;
	PCRE2_SIZE off = 0;

	*oom = 0;
	*err_offset = 0;
	if (!p || !(p->gcx = pcre2_general_context_create(pcre_malloc, pcre_free,
	                                                  NULL)) ||
	    !(ccx = pcre2_compile_context_create(p->gcx)) ||
	    !(p->mcx = pcre2_match_context_create(p->gcx)))
		goto oom;
	p->code = pcre2_compile((PCRE2_SPTR)source, PCRE2_ZERO_TERMINATED,
	                        PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C |
	                            (ignore_case ? PCRE2_CASELESS : 0),
	                        &errcode, &off, ccx);
	pcre2_compile_context_free(ccx);
	ccx = NULL;
	if (!p->code) {
		if (errcode == PCRE2_ERROR_HEAP_FAILED)
			goto oom;
		pcre2_get_error_message(errcode, (PCRE2_UCHAR *)err_msg, err_size);
		*err_offset = off;
		lp_pattern_free(p);
		return NULL;
	}
	/* JIT where the platform has it, the interpreter otherwise; but memory
	 * running out is an error like any other, not a silent slow path.
	 * LP_NO_JIT keeps to the interpreter, for memory checkers (valgrind)
	 * that cannot follow generated code. */
	if (!no_jit() &&
	    pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE) == PCRE2_ERROR_NOMEMORY)
		goto oom;
	pcre2_set_match_limit(p->mcx, LP_MAX_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(p->mcx, LP_MAX_REGEX_DEPTH_LIMIT);
	return p;
oom:
	pcre2_compile_context_free(ccx);
	lp_pattern_free(p);
	*oom = 1;
	return NULL;
}

struct lp_pattern_scratch {
	pcre2_general_context *gcx;
	pcre2_match_data *md;
};

lp_pattern_scratch *lp_pattern_scratch_new(void)
{
	lp_pattern_scratch *s = lp_calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	/* One pair is all a detector reads (the whole match); PCRE2 still
	 * matches patterns with groups, returning 0 for "ovector too small". */
	if (!(s->gcx = pcre2_general_context_create(pcre_malloc, pcre_free,
	                                            NULL)) ||
	    !(s->md = pcre2_match_data_create(1, s->gcx))) {
		lp_pattern_scratch_free(s);
		return NULL;
	}
	return s;
}

void lp_pattern_scratch_free(lp_pattern_scratch *s)
{
	if (!s)
		return;
	pcre2_match_data_free(s->md);
	pcre2_general_context_free(s->gcx);
	lp_free(s);
}

int lp_pattern_detect(const lp_pattern *p, lp_pattern_scratch *scratch,
                      const lp_text *text, lp_spans *out)
{
	pcre2_match_data *md = scratch->md;
	PCRE2_SIZE start = 0;
	int rc = 0;

	while (start <= text->len) {
		int n = pcre2_match(p->code, (PCRE2_SPTR)text->s, text->len, start,
		                    0, md, p->mcx);
		PCRE2_SIZE *ov;

		if (n == PCRE2_ERROR_NOMATCH)
			break;
		if (n == PCRE2_ERROR_MATCHLIMIT || n == PCRE2_ERROR_DEPTHLIMIT ||
		    n == PCRE2_ERROR_JIT_STACKLIMIT) {
			rc = LP_ELIMIT;
			break;
		}
		if (n < 0) {
			rc = n == PCRE2_ERROR_NOMEMORY ? -1 : LP_ELIMIT;
			break;
		}
		ov = pcre2_get_ovector_pointer(md);
		if (ov[1] > ov[0] && lp_spans_push(out, ov[0], ov[1]) != 0) {
			rc = -1;
			break;
		}
		/* An empty match moves on by one character. */
		start = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		while (start < text->len &&
		       ((unsigned char)text->s[start] & 0xC0) == 0x80)
			start++;
	}
	return rc;
}
