/*
 * libpolicy/alloc.h - plugging in an allocator.
 *
 * Every allocation libpolicy makes goes through one hook, so that a program
 * can give the library its own allocator (an arena, a counting or failing
 * allocator in tests). The hook does not reach libyaml, which allocates
 * with the C library's malloc while a policy is read; see
 * tests/unit/test_oom.c for how the tests cover it.
 *
 * This is the library's one piece of global state. The allocator is
 * process-wide: set it before any other libpolicy call and before any
 * thread uses libpolicy, and do not change it while any compiler, policy,
 * decision or string the library returned still exists (memory is freed
 * through the allocator that is current when it is freed). Changing it is
 * not thread-safe. This is the contract of libgit2's
 * GIT_OPT_SET_ALLOCATOR and of cJSON_InitHooks.
 */
#ifndef LIBPOLICY_ALLOC_H
#define LIBPOLICY_ALLOC_H

#include <stddef.h>

#ifndef LP_EXTERN
#if defined(LP_BUILDING) && defined(__GNUC__)
#define LP_EXTERN __attribute__((visibility("default")))
#else
#define LP_EXTERN
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

/*
 * An allocator: three functions and the ctx passed to each of them.
 *
 *   malloc   returns size bytes (size is never 0), or NULL when out of
 *            memory; the library then fails with LP_ENOMEM.
 *   realloc  like the C library's: resizes ptr (never NULL; size never 0)
 *            to size bytes, or returns NULL and leaves ptr untouched.
 *   free     releases ptr (never NULL).
 *
 * Memory need not be aligned beyond what malloc would give
 * (alignof(max_align_t)).
 */
typedef struct lp_allocator {
	void *(*malloc)(size_t size, void *ctx);
	void *(*realloc)(void *ptr, size_t size, void *ctx);
	void (*free)(void *ptr, void *ctx);
	void *ctx;
} lp_allocator;

/*
 * Makes *a (copied) the allocator of every later libpolicy allocation; NULL
 * restores the C library's malloc, realloc and free. Returns LP_OK, or
 * LP_EINVALID (changing nothing) when a function of *a is NULL.
 */
LP_EXTERN int lp_set_allocator(const lp_allocator *a);

#ifdef __cplusplus
}
#endif

#endif
