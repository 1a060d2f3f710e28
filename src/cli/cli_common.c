#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const char *cli_program = "policyctl";

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cli_program);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_read_file(const char *path, char **data, size_t *len, size_t max)
{
	int is_stdin = !path || strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;

	if (!f) {
		cli_error("%s: %s", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t got;

		if (cap - n < 65536) {
			char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap + 1);
			if (!nb) {
				cli_error("%s: out of memory", is_stdin ? "stdin" : path);
				free(buf);
				if (!is_stdin)
					fclose(f);
				return -1;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n > max + 1 - n ? max + 1 - n : cap - n,
		            f);
		n += got;
		if (got == 0 || n > max)
			break;
	}
	if (ferror(f)) {
		cli_error("%s: %s", is_stdin ? "stdin" : path, strerror(errno));
		free(buf);
		if (!is_stdin)
			fclose(f);
		return -1;
	}
	if (!is_stdin)
		fclose(f);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

void cli_print_diagnostic(const lp_diagnostic *d, void *stream)
{
	FILE *out = stream;
	const char *level = d->level == LP_DIAG_ERROR ? "error" : "warning";

	if (d->line)
		fprintf(out, "%s:%u:%u: %s: %s [%s]\n", d->file, d->line, d->column,
		        level, d->message, d->code);
	else
		fprintf(out, "%s: %s: %s [%s]\n", d->file, level, d->message, d->code);
}

static void print_errors_only(const lp_diagnostic *d, void *stream)
{
	if (d->level == LP_DIAG_ERROR)
		cli_print_diagnostic(d, stream);
}

lp_policy *cli_load_policy(const char *path, int quiet_warnings)
{
	lp_policy *p = NULL;
	int rc = lp_policy_load(&p, path,
	                        quiet_warnings ? print_errors_only
	                                       : cli_print_diagnostic,
	                        stderr);

	if (rc != LP_OK) {
		cli_error("%s: %s", path ? path : "the default policy",
		          lp_status_string(rc));
		return NULL;
	}
	return p;
}

int cli_check_inputs(const char *command, char **paths, int n,
                     uint64_t *total)
{
	int i;

	*total = 0;
	for (i = 0; i < n; i++) {
		struct stat st;

		if (strcmp(paths[i], "-") == 0) {
			if (fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
				*total += (uint64_t)st.st_size;
			continue;
		}
		if (stat(paths[i], &st) != 0 || access(paths[i], R_OK) != 0) {
			cli_error("%s: cannot read %s: %s", command, paths[i],
			          strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode)) {
			cli_error("%s: %s is a directory", command, paths[i]);
			return -1;
		}
		if (S_ISREG(st.st_mode))
			*total += (uint64_t)st.st_size;
	}
	return 0;
}

FILE *cli_open_output(const char *command, const char *path, char **inputs,
                      int n)
{
	struct stat out, in;
	FILE *f;
	int i;

	if (!path)
		return stdout;
	/* Opening the output truncates it: an input it names would be lost
	 * before it is read. */
	if (stat(path, &out) == 0 && S_ISREG(out.st_mode)) {
		for (i = 0; i < n; i++) {
			int same = strcmp(inputs[i], "-") == 0
			           ? fstat(STDIN_FILENO, &in) == 0
			           : stat(inputs[i], &in) == 0;

			if (same && in.st_dev == out.st_dev && in.st_ino == out.st_ino) {
				cli_error("%s: the output %s is also an input; "
				          "write the results to another file",
				          command, path);
				return NULL;
			}
		}
	}
	f = fopen(path, "w");
	if (!f)
		cli_error("%s: cannot write %s: %s", command, path, strerror(errno));
	return f;
}

int cli_pick(const char *command, const char *option, const char *value,
             const char *const *words)
{
	char list[200] = "";
	size_t off = 0;
	int i;

	if (!value)
		return 0;
	for (i = 0; words[i]; i++)
		if (strcmp(words[i], value) == 0)
			return i;
	for (i = 0; words[i] && off < sizeof(list); i++)
		off += (size_t)snprintf(list + off, sizeof(list) - off, "%s%s",
		                        i == 0 ? "" : words[i + 1] ? ", " : " or ",
		                        words[i]);
	cli_error("%s: --%s is %s, not '%s'", command, option, list, value);
	return -1;
}

const char *cli_input_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "stdin" : path;
}
