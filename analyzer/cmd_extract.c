#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "claims.h"
#include "conflicts.h"
#include "cmd.h"
#include "extract.h"
#include "read.h"

const char *opt_value(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc) {
		fprintf(stderr, "whosaid: error: option '%s' needs a value\n", name);
		exit(2);
	}
	return argv[++*i];
}

int opt_file(const char *arg, char **files, int *nfiles, void (*usage)(FILE *))
{
	if (arg[0] == '-' && arg[1]) {
		fprintf(stderr, "whosaid: error: unknown option '%s'\n", arg);
		usage(stderr);
		return 2;
	}
	files[(*nfiles)++] = (char *)arg;
	return 0;
}

int opt_unknown(const char *arg)
{
	fprintf(stderr, "whosaid: error: unknown %s '%s'\n", arg[0] == '-' ? "option" : "argument", arg);
	return 2;
}

int opt_default_stdin(char **files, int *nfiles, void (*usage)(FILE *))
{
	if (*nfiles)
		return 0;
	if (isatty(0)) {
		usage(stderr);
		return 2;
	}
	files[(*nfiles)++] = "-";
	return 0;
}

struct extract_ctx {
	const struct rules *r;
	struct quote_scratch qs;
	struct extraction x;
	strbuf out;
	int text;
	unsigned articles;
};

static int on_article(struct article *a, void *vctx)
{
	struct extract_ctx *c = vctx;
	extraction_run(&c->x, a, c->r, &c->qs, &diag_default);
	if (c->text) {
		emit_quotes_text(&c->out, &c->x, c->r);
	} else {
		emit_article_json(&c->out, a);
		emit_quotes_json(&c->out, &c->x, c->r);
	}
	c->articles++;
	if (c->out.len > (1 << 16)) {
		fwrite(c->out.buf, 1, c->out.len, stdout);
		strbuf_reset(&c->out);
	}
	if (isatty(2) && c->articles % 500 == 0)
		fprintf(stderr, "\rwhosaid: %u articles", c->articles);
	return 0;
}

static void extract_usage(FILE *f)
{
	fprintf(f, "usage: whosaid extract [--format json|text] [--rules DIR] [-q] [FILE|DIR|-]...\n"
		   "  --format json   JSON Lines: one article record, then its quotes (default)\n"
		   "  --format text   file:line:col: speaker (title) [cue]: content\n"
		   "  --rules DIR     rule files (default: the rules/ next to the binary)\n"
		   "  -q              do not print warnings\n");
}

int cmd_extract(int argc, char **argv)
{
	struct extract_ctx c;
	memset(&c, 0, sizeof(c));
	const char *rules_dir = NULL;
	char **files = xcalloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			extract_usage(stdout);
			free(files);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--format"))) {
			if (!strcmp(v, "text"))
				c.text = 1;
			else if (strcmp(v, "json") != 0) {
				fprintf(stderr, "whosaid: error: unknown format '%s' (json, text)\n", v);
				free(files);
				return 2;
			}
		} else if ((v = opt_value(argc, argv, &i, "--rules"))) {
			rules_dir = v;
		} else if (!strcmp(argv[i], "-q")) {
			diag_default.quiet_warnings = 1;
		} else if (opt_file(argv[i], files, &nfiles, extract_usage)) {
			free(files);
			return 2;
		}
	}
	if (opt_default_stdin(files, &nfiles, extract_usage)) {
		free(files);
		return 2;
	}
	struct rules *r = rules_load(rules_dir, &diag_default);
	if (!r) {
		free(files);
		return 2;
	}
	c.r = r;
	quote_scratch_init(&c.qs);
	extraction_init(&c.x);
	strbuf_init(&c.out, 1 << 17);
	struct read_opts ro = { &diag_default, 0 };
	unsigned failed = read_inputs(files, nfiles, &ro, on_article, &c);
	fwrite(c.out.buf, 1, c.out.len, stdout);
	fflush(stdout);
	if (isatty(2) && c.articles >= 500)
		fprintf(stderr, "\rwhosaid: %u articles\n", c.articles);
	strbuf_release(&c.out);
	extraction_release(&c.x);
	quote_scratch_release(&c.qs);
	rules_free(r);
	free(files);
	return failed || diag_default.errors ? 2 : 0;
}

int cmd_rules(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "check") != 0) {
		fprintf(stderr, "usage: whosaid rules check [DIR]\n");
		return 2;
	}
	const char *dir = argc > 2 ? argv[2] : NULL;
	struct rules *r = rules_load(dir, &diag_default);
	/* the claim rules are checked even when the others failed, so one run
	 * reports every problem */
	struct claim_rules *cr = claim_rules_load(r ? r->dir : dir, &diag_default);
	struct conflict_rules *cf = cr ? conflict_rules_load(r ? r->dir : dir, cr, &diag_default) : NULL;
	if (!r || !cr || !cf) {
		rules_free(r);
		conflict_rules_free(cf);
		claim_rules_free(cr);
		return 2;
	}
	strbuf sb = STRBUF_INIT;
	claim_rules_describe(cr, &sb);
	strbuf_addstr(&sb, "; ");
	conflict_rules_describe(cf, &sb);
	printf("%s: %zu attribution rules, %zu cues, %zu titles, %zu source nouns; %s: ok\n",
	       r->dir, r->nrules, r->ncues, r->titles.n, r->source_nouns.n, sb.buf);
	strbuf_release(&sb);
	conflict_rules_free(cf);
	claim_rules_free(cr);
	rules_free(r);
	return diag_default.errors ? 2 : 0;
}
