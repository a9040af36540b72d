/* whosaid: who said what, who reported it, and who disagrees. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "diag.h"

#ifndef WHOSAID_VERSION
#define WHOSAID_VERSION "0.1.0"
#endif

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "extract", cmd_extract, "find quotations and their speakers (JSON Lines or text)" },
	{ "rules", cmd_rules, "rules check [DIR]: validate the rule files" },
	{ "ingest", cmd_ingest, "extract and store articles in the database (out/whosaid.db)" },
	{ "sources", cmd_sources, "list sources across the stored articles" },
	{ "claims", cmd_claims, "list claims, the same claim across articles in one cluster" },
	{ "quotes", cmd_quotes, "list stored quotes with their source and claim" },
	{ "stories", cmd_stories, "list articles grouped into stories" },
	{ "conflicts", cmd_conflicts, "list propositions with sources for and against them" },
	{ "stance", cmd_stance, "stance of every stored article toward given claims (for, against, observing)" },
	{ "graph", cmd_graph, "draw who said what and who reported it (DOT or SVG)" },
	{ "check", cmd_check, "lint articles for CI: unattributed, vague, anonymous, misquoted (text, JSON, SARIF, ...)" },
	{ "db", cmd_db, "db check: run the database's integrity checks" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: whosaid <command> [options] [FILE...]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "\n'whosaid <command> --help' shows a command's options.\n"
		   "exit status: 0 ok, 1 findings at or above --fail-on (check), 2 usage, input, rule or internal error\n"
		   "\nenvironment:\n"
		   "  WHOSAID_CACHE_DIR  where compiled rule patterns are kept between runs\n"
		   "                     (default $XDG_CACHE_HOME/whosaid, else ~/.cache/whosaid)\n"
		   "  WHOSAID_NO_CACHE=1 compile every pattern on each run and keep none\n"
		   "  WHOSAID_TIMING=1   ingest and the first query print per-thread and per-step times on stderr\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("whosaid %s\n", WHOSAID_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "whosaid: error: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
