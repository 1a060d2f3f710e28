/* cmd_validate.c - `policyctl validate`: every problem of a policy, with
 * file:line:column, on standard output. */
#include <getopt.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: policyctl validate [PATH]\n"
	"\n"
	"Checks a policy (a YAML file or a directory of them; default: the\n"
	"policy built into policyctl) and prints every problem as\n"
	"file:line:column: level: message [code].\n"
	"\n"
	"Exit status: 0 valid (warnings allowed), 2 the policy has errors or\n"
	"cannot be read.\n";

typedef struct counts {
	unsigned errors;
	unsigned warnings;
} counts;

static void print_and_count(const lp_diagnostic *d, void *payload)
{
	counts *c = payload;

	cli_print_diagnostic(d, stdout);
	if (d->level == LP_DIAG_ERROR)
		c->errors++;
	else
		c->warnings++;
}

int cmd_validate(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	counts c = {0, 0};
	lp_policy *p = NULL;
	const char *path;
	int rc, ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (argc - optind > 1) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	path = optind < argc ? argv[optind] : NULL;
	rc = lp_policy_load(&p, path, print_and_count, &c);
	if (rc != LP_OK) {
		fprintf(stderr, "%s: %u error%s, %u warning%s\n",
		        path ? path : "default policy", c.errors,
		        c.errors == 1 ? "" : "s", c.warnings,
		        c.warnings == 1 ? "" : "s");
		return EXIT_USAGE;
	}
	printf("%s: valid: %s %s (revision %s), %u warning%s\n",
	       path ? path : "default policy", lp_policy_name(p),
	       lp_policy_version(p), lp_policy_revision(p), c.warnings,
	       c.warnings == 1 ? "" : "s");
	lp_policy_free(p);
	return 0;
}
