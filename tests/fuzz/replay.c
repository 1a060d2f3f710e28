/*
 * replay.c - runs files through a fuzz target without libFuzzer, so that
 * the ordinary test suite (gcc, and gcc under ASan + UBSan) replays every
 * seed and every input that once crashed.
 *
 * Usage: <target>_replay PATH...
 * Each PATH is a file, or a directory whose files (not subdirectories;
 * names starting with '.' and README* are skipped) are replayed in name
 * order. Each input is copied into a buffer of exactly its size, as
 * libFuzzer does, so that a read past its end is caught by ASan.
 * Exits 0 when every input ran (a failing input traps or is reported by a
 * sanitizer and the program dies), 2 when a path cannot be read or no
 * input was found.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int read_file(const char *path, uint8_t **out, size_t *out_len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL, *tmp;
	size_t len = 0, cap = 0, n;

	if (!f)
		return -1;
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			tmp = realloc(buf, cap);
			if (!tmp)
				goto fail;
			buf = tmp;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		goto fail;
	fclose(f);
	/* Exactly len bytes (at least one allocated): ASan sees overreads. */
	tmp = malloc(len ? len : 1);
	if (!tmp) {
		free(buf);
		return -1;
	}
	if (len)
		memcpy(tmp, buf, len);
	free(buf);
	*out = tmp;
	*out_len = len;
	return 0;
fail:
	free(buf);
	fclose(f);
	return -1;
}

static int run_file(const char *path)
{
	uint8_t *data;
	size_t len;

	if (read_file(path, &data, &len) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays the regular files of dir in name order; returns the count, or
 * -1 on an error. */
static long run_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	char **names = NULL, **tmp;
	size_t n = 0, cap = 0, i;
	long done = 0;

	if (!dp) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			tmp = realloc(names, cap * sizeof(*names));
			if (!tmp)
				goto fail;
			names = tmp;
		}
		names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
		if (!names[n])
			goto fail;
		sprintf(names[n], "%s/%s", dir, e->d_name);
		n++;
	}
	closedir(dp);
	dp = NULL;
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		struct stat st;

		if (stat(names[i], &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (run_file(names[i]) != 0) {
			done = -1;
			break;
		}
		done++;
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return done;
fail:
	if (dp)
		closedir(dp);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	fprintf(stderr, "replay: out of memory\n");
	return -1;
}

int main(int argc, char **argv)
{
	long total = 0;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE_OR_DIR...\n", argv[0]);
		return 2;
	}
	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		struct stat st;

		if (stat(argv[i], &st) != 0) {
			fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
			return 2;
		}
		if (S_ISDIR(st.st_mode)) {
			long n = run_dir(argv[i]);

			if (n < 0)
				return 2;
			total += n;
		} else {
			if (run_file(argv[i]) != 0)
				return 2;
			total++;
		}
	}
	if (total == 0) {
		fprintf(stderr, "replay: no input found\n");
		return 2;
	}
	printf("replay: %ld input(s), no failure\n", total);
	return 0;
}
