/* whosaid graph: the source graph of the store as DOT or SVG (graph.h). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmd.h"
#include "graph.h"
#include "store.h"
#include "xref.h"

#define DEFAULT_DB "out/whosaid.db"

static void graph_usage(FILE *f)
{
	fprintf(f,
		"usage: whosaid graph [--db PATH] [--doc ID | --source NAME | --claim ID] [--depth N] [--top N]\n"
		"                     [--min-articles N] [--max-claims N] [--max-articles N] [--max-sources N]\n"
		"                     [--format dot|svg] [-o FILE]\n"
		"  --db PATH          the database (default " DEFAULT_DB ")\n"
		"  --doc ID           the claims of that article, with their sources and articles\n"
		"  --source NAME      the claims of that source: its id, or a name (SQL LIKE, any case)\n"
		"  --claim ID         that claim cluster (any claim id in it)\n"
		"  --depth N          steps out from --doc, --source or --claim (default 1): each step adds\n"
		"                     the claims of the sources and articles already shown\n"
		"  --top N            only the N most quoted sources and their claims\n"
		"  --min-articles N   only claims reported by at least N articles\n"
		"  --max-claims N     at most N claims (default %d; 0: no limit); the claims closest to\n"
		"                     the seed, then each source's most reported claims in turn, are kept\n"
		"  --max-articles N   at most N articles (default %d; 0: no limit)\n"
		"  --max-sources N    at most N sources (default %d; 0: no limit)\n"
		"  --format dot|svg   DOT (cgraph's writer) or SVG (laid out with dot); default: from the\n"
		"                     -o file's extension (.dot, .gv, .svg), else SVG\n"
		"  -o FILE            write to FILE (default: standard output; SVG is not written to a terminal)\n"
		"  --threshold X      claim similarity (Jaccard of terms) that joins a cluster (default %.2f)\n"
		"What was left out to keep the graph readable is said on standard error.\n",
		GRAPH_DEFAULT_MAX_CLAIMS, GRAPH_DEFAULT_MAX_ARTICLES, GRAPH_DEFAULT_MAX_SOURCES,
		XREF_DEFAULT_THRESHOLD);
}

static int parse_count(const char *opt, const char *v, int min, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (!*v || *end || errno || n < min || n > 1000000) {
		fprintf(stderr, "whosaid: error: '%s' needs a whole number from %d, not '%s'\n", opt, min, v);
		return -1;
	}
	*out = (int)n;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcasecmp(s + n - k, suffix);
}

int cmd_graph(int argc, char **argv)
{
	const char *db = DEFAULT_DB, *out_path = NULL, *format = NULL;
	struct graph_view v;
	graph_view_init(&v);
	double threshold = XREF_DEFAULT_THRESHOLD, story_threshold = XREF_STORY_THRESHOLD;
	const char *env = getenv("WHOSAID_THRESHOLD");
	if (env && *env)
		threshold = strtod(env, NULL);
	for (int i = 1; i < argc; i++) {
		const char *val;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			graph_usage(stdout);
			return 0;
		} else if ((val = opt_value(argc, argv, &i, "--db"))) {
			db = val;
		} else if ((val = opt_value(argc, argv, &i, "--doc"))) {
			v.doc = val;
		} else if ((val = opt_value(argc, argv, &i, "--source"))) {
			v.source = val;
		} else if ((val = opt_value(argc, argv, &i, "--claim"))) {
			char *end;
			errno = 0;
			v.claim = strtoll(val, &end, 10);
			if (!*val || *end || errno || v.claim <= 0) {
				fprintf(stderr, "whosaid: error: '--claim' needs a claim id (a number), not '%s'\n", val);
				return 2;
			}
		} else if ((val = opt_value(argc, argv, &i, "--depth"))) {
			if (parse_count("--depth", val, 1, &v.depth))
				return 2;
		} else if ((val = opt_value(argc, argv, &i, "--top"))) {
			if (parse_count("--top", val, 1, &v.top))
				return 2;
		} else if ((val = opt_value(argc, argv, &i, "--min-articles"))) {
			if (parse_count("--min-articles", val, 1, &v.min_articles))
				return 2;
		} else if ((val = opt_value(argc, argv, &i, "--max-claims"))) {
			if (parse_count("--max-claims", val, 0, &v.max_claims))
				return 2;
		} else if ((val = opt_value(argc, argv, &i, "--max-articles"))) {
			if (parse_count("--max-articles", val, 0, &v.max_articles))
				return 2;
		} else if ((val = opt_value(argc, argv, &i, "--max-sources"))) {
			if (parse_count("--max-sources", val, 0, &v.max_sources))
				return 2;
		} else if ((val = opt_value(argc, argv, &i, "--format"))) {
			if (strcmp(val, "dot") != 0 && strcmp(val, "svg") != 0) {
				fprintf(stderr, "whosaid: error: unknown format '%s' (dot, svg)\n", val);
				return 2;
			}
			format = val;
		} else if ((val = opt_value(argc, argv, &i, "-o")) || (val = opt_value(argc, argv, &i, "--output"))) {
			out_path = val;
		} else if ((val = opt_value(argc, argv, &i, "--threshold"))) {
			char *end;
			threshold = strtod(val, &end);
			if (!*val || *end || threshold <= 0 || threshold > 1) {
				fprintf(stderr, "whosaid: error: '--threshold' needs a number in (0, 1], not '%s'\n", val);
				return 2;
			}
		} else {
			opt_unknown(argv[i]);
			graph_usage(stderr);
			return 2;
		}
	}
	if ((v.doc != NULL) + (v.source != NULL) + (v.claim != 0) > 1) {
		fprintf(stderr, "whosaid: error: give one of '--doc', '--source' and '--claim'\n");
		return 2;
	}
	enum graph_format f = GRAPH_SVG;
	if (format) {
		f = !strcmp(format, "dot") ? GRAPH_DOT : GRAPH_SVG;
	} else if (out_path && strcmp(out_path, "-") != 0) {
		if (ends_with(out_path, ".dot") || ends_with(out_path, ".gv"))
			f = GRAPH_DOT;
		else if (!ends_with(out_path, ".svg")) {
			fprintf(stderr, "whosaid: error: cannot tell the format of '%s' from its name: "
					"use '--format dot' or '--format svg'\n", out_path);
			return 2;
		}
	}
	int to_stdout = !out_path || !strcmp(out_path, "-");
	if (to_stdout && f == GRAPH_SVG && isatty(1)) {
		fprintf(stderr, "whosaid: error: not writing SVG to a terminal: use '-o FILE.svg', or "
				"'--format dot' to read the graph as text\n");
		return 2;
	}
	struct store *s = store_open(db, STORE_READ, &diag_default);
	if (!s)
		return 2;
	if (xref_refresh(s, threshold, story_threshold, &diag_default)) {
		store_close(s);
		return 2;
	}
	struct graph_summary sum;
	Agraph_t *g = graph_build(s, &v, &sum, &diag_default);
	store_close(s);
	if (!g)
		return 2;
	if (!sum.seed_found) {
		if (v.doc)
			diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "no article '%s' in '%s'", v.doc, db);
		else if (v.source)
			diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "no source matches '%s' in '%s'", v.source, db);
		else
			diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "no claim '%lld' in '%s'", v.claim, db);
		agclose(g);
		return 2;
	}
	if (sum.claims < sum.view_claims || sum.sources < sum.view_sources || sum.articles < sum.view_articles)
		fprintf(stderr,
			"whosaid: graph: showing %zu of %zu claims, %zu of %zu sources and %zu of %zu articles; "
			"left out: %zu claims (those furthest from the seed and least reported), %zu sources, %zu "
			"articles (those reporting the fewest claims shown); choose with --doc, --source, --claim, "
			"--top or --min-articles, or raise --max-claims, --max-sources, --max-articles\n",
			sum.claims, sum.view_claims, sum.sources, sum.view_sources, sum.articles, sum.view_articles,
			sum.view_claims - (sum.claims < sum.view_claims ? sum.claims : sum.view_claims),
			sum.view_sources - (sum.sources < sum.view_sources ? sum.sources : sum.view_sources),
			sum.view_articles - (sum.articles < sum.view_articles ? sum.articles : sum.view_articles));
	FILE *out = stdout;
	char *tmp_path = NULL;
	if (!to_stdout) {
		/* written whole, then renamed: a failed run leaves no half file */
		size_t n = strlen(out_path) + 16;
		tmp_path = xmalloc(n);
		snprintf(tmp_path, n, "%s.tmp%ld", out_path, (long)getpid());
		out = fopen(tmp_path, "w");
		if (!out) {
			diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "cannot open '%s': %s", out_path, strerror(errno));
			free(tmp_path);
			agclose(g);
			return 2;
		}
	}
	int ret = graph_write(g, f, out, &diag_default);
	agclose(g);
	if (fflush(out) || ferror(out)) {
		diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "cannot write '%s': %s",
			    to_stdout ? "standard output" : out_path, strerror(errno));
		ret = -1;
	}
	if (!to_stdout) {
		if (fclose(out))
			ret = -1;
		if (!ret && rename(tmp_path, out_path)) {
			diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "cannot write '%s': %s", out_path,
				    strerror(errno));
			ret = -1;
		}
		if (ret)
			remove(tmp_path);
		free(tmp_path);
	}
	return ret || diag_default.errors ? 2 : 0;
}
