/*
 * fuzz.h - the two entry points every fuzz target defines, declared once
 * so that the targets build warning-free under -Wmissing-prototypes and so
 * that replay.c can call them without libFuzzer.
 *
 * libFuzzer calls LLVMFuzzerInitialize once before the first input (when
 * it is defined; every target here defines it) and LLVMFuzzerTestOneInput
 * once per input. An input that breaks an invariant the target checks
 * ends in FUZZ_CHECK's __builtin_trap(), which libFuzzer (and the
 * sanitizers) report as a crash with the input saved.
 */
#ifndef LP_FUZZ_H
#define LP_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Traps with a message on stderr (the trap alone says nothing of which
 * invariant broke). */
#define FUZZ_CHECK(cond)                                                    \
	do {                                                                    \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, \
			        __LINE__, #cond);                                       \
			__builtin_trap();                                               \
		}                                                                   \
	} while (0)

#endif
