/* cmd: the subcommands; each parses its own options and returns the exit
 * status (0 ok, 1 findings, 2 usage/input/rule/internal error). */
#ifndef WHOSAID_CMD_H
#define WHOSAID_CMD_H

#include <stdio.h>

int cmd_extract(int argc, char **argv);
int cmd_rules(int argc, char **argv);
/* cmd_store.c: the store and its queries */
int cmd_ingest(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_sources(int argc, char **argv);
int cmd_claims(int argc, char **argv);
int cmd_quotes(int argc, char **argv);
int cmd_stories(int argc, char **argv);
/* cmd_conflicts.c: who disagrees (issue 4) */
int cmd_conflicts(int argc, char **argv);
int cmd_stance(int argc, char **argv);
/* cmd_graph.c: the source graph (issue 5) */
int cmd_graph(int argc, char **argv);
/* cmd_check.c: findings on new articles for CI (issue 6) */
int cmd_check(int argc, char **argv);

/* The database the store commands use when --db is not given. */
#define WHOSAID_DEFAULT_DB "out/whosaid.db"

/* Shared option helpers: "--name=value" or "--name value". Returns the
 * value and advances *i, or NULL when argv[*i] is not that option. */
const char *opt_value(int argc, char **argv, int *i, const char *name);

/* An argument that is no known option: a file (appended to files), or an
 * unknown option (reported with the usage; returns 2). */
int opt_file(const char *arg, char **files, int *nfiles, void (*usage)(FILE *));
/* An argument a command that takes no files does not know: reports it
 * ("unknown option" or "unknown argument") and returns 2; the caller
 * prints its usage. */
int opt_unknown(const char *arg);
/* No file given: "-" when standard input is not a terminal, else the usage
 * and 2. */
int opt_default_stdin(char **files, int *nfiles, void (*usage)(FILE *));

#endif
