/*
 * policyctl.c - the command-line front end of libpolicy: picks the
 * command and hands over. Each command lives in cmd_NAME.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
	"usage: policyctl COMMAND [OPTIONS] [ARGS]\n"
	"\n"
	"Applies a private-information-and-media policy to reports of Tweets.\n"
	"\n"
	"Commands:\n"
	"  evaluate [FILE...]   decide reports (JSON object, array or JSON Lines)\n"
	"  explain [REPORT]     walk through the decision on one report\n"
	"  diff --old P --new P [FILE...]\n"
	"                       what a policy change does to past reports\n"
	"  validate [PATH]      check a policy file or directory\n"
	"  test PATH...         run policy test files\n"
	"  help [COMMAND]       show help for a command\n"
	"\n"
	"Options:\n"
	"  -h, --help           show this help\n"
	"  -V, --version        show the version of policyctl and its policy\n"
	"\n"
	"Without --policy, commands use the default policy built into\n"
	"policyctl (rules/default in the source tree).\n"
	"\n"
	"Example:\n"
	"  policyctl evaluate report.json\n"
	"  policyctl evaluate --policy rules/default reports.jsonl > decisions.jsonl\n";

static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{"evaluate", cmd_evaluate},
	{"explain", cmd_explain},
	{"diff", cmd_diff},
	{"validate", cmd_validate},
	{"test", cmd_test},
};

static const struct command *find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

static int version(void)
{
	lp_policy *p = cli_load_policy(NULL, 1);

	printf("policyctl %s (libpolicy %s)\n", LP_VERSION_STRING,
	       lp_version_string());
	if (p)
		printf("default policy: %s %s (revision %s)\n", lp_policy_name(p),
		       lp_policy_version(p), lp_policy_revision(p));
	lp_policy_free(p);
	return p ? 0 : EXIT_USAGE;
}

/* What a command returned, unless its standard output could not all be
 * written (a full disk, a closed pipe with SIGPIPE ignored): a script must
 * not take a cut-off report or list for a whole one. */
static int finish(int status)
{
	if (status == EXIT_USAGE)
		return status; /* the command has said what went wrong */
	errno = 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		if (errno)
			cli_error("error writing the output: %s", strerror(errno));
		else
			cli_error("error writing the output");
		return EXIT_USAGE;
	}
	return status;
}

static int run(int argc, char **argv)
{
	const struct command *cmd;

	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs(usage, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version"))
		return version();
	if (!strcmp(argv[1], "help")) {
		char *help_argv[] = {argv[2], "--help", NULL};

		if (argc < 3 || strcmp(argv[2], "help") == 0) {
			fputs(usage, stdout);
			return 0;
		}
		cmd = find(argv[2]);
		if (!cmd) {
			cli_error("no command '%s'; see 'policyctl --help'", argv[2]);
			return EXIT_USAGE;
		}
		return cmd->run(2, help_argv);
	}
	cmd = find(argv[1]);
	if (!cmd) {
		cli_error("no command '%s'; see 'policyctl --help'", argv[1]);
		return EXIT_USAGE;
	}
	return cmd->run(argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	return finish(run(argc, argv));
}
