/* whosaid check: lints articles on their own and against the store, and
 * writes the findings as text, JSON Lines, SARIF, GitHub workflow commands
 * or JUnit XML. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "cmd.h"
#include "hash.h"
#include "xref.h"

enum check_format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB, FMT_JUNIT };

/* One article's findings, kept for the formats written at the end. */
struct checked {
	char *path, *doc;
	int jsonl;
	unsigned file_line;
	struct check_findings found;
	char (*fingerprints)[17];
};

struct check_run {
	const struct rules *r;
	const struct xref_rules *xr;
	struct checker *checker;
	struct check_config cfg;
	struct store *st;
	enum check_format format;
	enum diag_level fail_on;
	const char *root;
	struct quote_scratch qs;
	struct extraction x;
	struct checked *done;
	size_t ndone, done_alloc;
	unsigned articles, failing, errors;
	unsigned count[3];     /* by enum diag_level */
	strbuf out;
};

/* GitHub workflow commands: % CR LF always, and : , inside properties */
static void add_property_escaped(strbuf *sb, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			strbuf_addstr(sb, "%25");
		else if (*s == '\r')
			strbuf_addstr(sb, "%0D");
		else if (*s == '\n')
			strbuf_addstr(sb, "%0A");
		else if (property && *s == ':')
			strbuf_addstr(sb, "%3A");
		else if (property && *s == ',')
			strbuf_addstr(sb, "%2C");
		else
			strbuf_addch(sb, *s);
	}
}

static void add_xml(strbuf *sb, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '&')
			strbuf_addstr(sb, "&amp;");
		else if (ch == '<')
			strbuf_addstr(sb, "&lt;");
		else if (ch == '>')
			strbuf_addstr(sb, "&gt;");
		else if (ch == '"')
			strbuf_addstr(sb, "&quot;");
		else if (ch < 0x20 && ch != '\n' && ch != '\t')
			strbuf_addch(sb, ' ');
		else
			strbuf_addch(sb, (char)ch);
	}
}

/* The path relative to the repository root (root, else the working
 * directory) when it lies under it, "./" dropped; as a URI reference. */
static void add_repo_uri(strbuf *sb, const char *path, const char *root)
{
	if (path[0] == '/' && root) {
		size_t n = strlen(root);
		while (n > 1 && root[n - 1] == '/')
			n--;
		if (!strncmp(path, root, n) && path[n] == '/')
			path += n + 1;
	}
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~/", *p))
			strbuf_addch(sb, (char)*p);
		else
			strbuf_addf(sb, "%%%02X", *p);
	}
}

/* A finding's identity that survives edits elsewhere in the article: the
 * rule, the article and the words flagged, and which occurrence of them. */
static void fingerprint(const struct article *a, const struct check_findings *fs, size_t i, char out[17])
{
	const struct check_finding *f = &fs->v[i];
	unsigned occurrence = 0;
	for (size_t k = 0; k < i; k++) {
		const struct check_finding *g = &fs->v[k];
		if (g->rule == f->rule && g->end - g->start == f->end - f->start &&
		    !memcmp(a->raw + g->start, a->raw + f->start, f->end - f->start))
			occurrence++;
	}
	strbuf sb = STRBUF_INIT;
	strbuf_addf(&sb, "%s\x1f%s\x1f", check_rule_info[f->rule].id, a->doc);
	strbuf_add(&sb, a->raw + f->start, f->end - f->start);
	strbuf_addf(&sb, "\x1f%u", occurrence);
	uint64_t h = fnv1a(FNV1A_START_V1, sb.buf, sb.len);
	strbuf_release(&sb);
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

static void write_text(struct check_run *c, struct article *a, const struct check_findings *fs)
{
	fwrite(c->out.buf, 1, c->out.len, stdout);
	strbuf_reset(&c->out);
	struct diag d = { stdout, 0, 0, 0 };
	strbuf file = STRBUF_INIT;
	if (a->format == FORMAT_JSONL)
		strbuf_addf(&file, "%s:%s", a->path, a->doc);
	else
		strbuf_addstr(&file, a->path);
	/* findings on one line share it: finding a long line's end once, not
	 * once per finding, keeps an article of one huge line linear */
	size_t ls = 0, ll = 0;
	unsigned span_line = 0;
	for (size_t i = 0; i < fs->n; i++) {
		const struct check_finding *f = &fs->v[i];
		if (f->line != span_line) {
			article_line_span(a, f->start, &ls, &ll);
			span_line = f->line;
		}
		diag_report_caret(&d, f->level, file.buf, f->line, f->col, a->raw + ls, ll, "%s [%s]", f->message,
				  check_rule_info[f->rule].id);
	}
	strbuf_release(&file);
}

static void write_json(struct check_run *c, struct article *a, const struct check_findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct check_finding *f = &fs->v[i];
		strbuf_addstr(&c->out, "{\"doc\":");
		strbuf_add_json_str(&c->out, a->doc);
		strbuf_addstr(&c->out, ",\"file\":");
		strbuf_add_json_str(&c->out, a->path);
		if (a->format == FORMAT_JSONL)
			strbuf_addf(&c->out, ",\"file_line\":%u", a->file_line);
		strbuf_addf(&c->out, ",\"line\":%u,\"col\":%u,\"end_line\":%u,\"end_col\":%u,\"start\":%zu,\"end\":%zu",
			    f->line, f->col, f->end_line, f->end_col, f->start, f->end);
		strbuf_addf(&c->out, ",\"rule\":\"%s\",\"severity\":\"%s\",\"message\":", check_rule_info[f->rule].id,
			    check_level_name(f->level));
		strbuf_add_json_str(&c->out, f->message);
		if (f->other_doc) {
			strbuf_addstr(&c->out, ",\"other\":{\"doc\":");
			strbuf_add_json_str(&c->out, f->other_doc);
			strbuf_addstr(&c->out, ",\"file\":");
			strbuf_add_json_str(&c->out, f->other_path);
			strbuf_addf(&c->out, ",\"line\":%u,\"col\":%u,\"text\":", f->other_line, f->other_col);
			strbuf_add_json_str(&c->out, f->other_text);
			strbuf_addch(&c->out, '}');
		}
		strbuf_addstr(&c->out, "}\n");
	}
}

static void write_github(struct check_run *c, struct article *a, const struct check_findings *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct check_finding *f = &fs->v[i];
		strbuf_addf(&c->out, "::%s file=", f->level == DIAG_ERROR ? "error"
						   : f->level == DIAG_WARNING ? "warning" : "notice");
		add_property_escaped(&c->out, a->path, 1);
		strbuf msg = STRBUF_INIT;
		if (a->format == FORMAT_JSONL) {
			strbuf_addf(&c->out, ",line=%u", a->file_line);
			strbuf_addf(&msg, "%s line %u col %u: ", a->doc, f->line, f->col);
		} else {
			strbuf_addf(&c->out, ",line=%u,col=%u", f->line, f->col);
			if (f->end_line == f->line)
				strbuf_addf(&c->out, ",endColumn=%u", f->end_col);
			else
				strbuf_addf(&c->out, ",endLine=%u", f->end_line);
		}
		strbuf_addstr(&c->out, ",title=");
		add_property_escaped(&c->out, check_rule_info[f->rule].id, 1);
		strbuf_addstr(&c->out, "::");
		strbuf_addstr(&msg, f->message);
		strbuf_addf(&msg, " [%s]", check_rule_info[f->rule].id);
		add_property_escaped(&c->out, msg.buf, 0);
		strbuf_release(&msg);
		strbuf_addch(&c->out, '\n');
	}
}

static void keep_for_end(struct check_run *c, struct article *a, struct check_findings *fs)
{
	ALLOC_GROW(c->done, c->ndone + 1, c->done_alloc);
	struct checked *k = &c->done[c->ndone++];
	k->path = xstrdup(a->path);
	k->doc = xstrdup(a->doc);
	k->jsonl = a->format == FORMAT_JSONL;
	k->file_line = a->file_line;
	k->fingerprints = xmalloc((fs->n + 1) * sizeof(*k->fingerprints));
	for (size_t i = 0; i < fs->n; i++)
		fingerprint(a, fs, i, k->fingerprints[i]);
	k->found = *fs;
	memset(fs, 0, sizeof(*fs));
}

static void add_json_text(strbuf *sb, const char *key, const char *text)
{
	strbuf_addf(sb, "\"%s\":{\"text\":", key);
	strbuf_add_json_str(sb, text);
	strbuf_addch(sb, '}');
}

static void write_sarif(struct check_run *c)
{
	strbuf *o = &c->out;
	strbuf_addstr(o, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
			 "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n      \"tool\": {\n"
			 "        \"driver\": {\n          \"name\": \"whosaid\",\n          \"rules\": [\n");
	for (int i = 0; i < CHECK__N; i++) {
		const struct check_rule_info *ri = &check_rule_info[i];
		strbuf_addf(o, "            {\"id\":\"%s\",\"name\":\"%s\",", ri->id, ri->name);
		add_json_text(o, "shortDescription", ri->summary);
		strbuf_addch(o, ',');
		strbuf full = STRBUF_INIT;
		strbuf_addf(&full, "%s%s", ri->summary,
			    ri->needs_store ? " Runs only with a store of published articles (--db)." : "");
		add_json_text(o, "fullDescription", full.buf);
		strbuf_release(&full);
		strbuf_addch(o, ',');
		add_json_text(o, "help", ri->help);
		strbuf_addf(o, ",\"defaultConfiguration\":{\"enabled\":%s,\"level\":\"%s\"}}%s\n",
			    c->cfg.enabled[i] ? "true" : "false", check_level_name(c->cfg.level[i]),
			    i + 1 < CHECK__N ? "," : "");
	}
	strbuf_addstr(o, "          ]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n"
			 "      \"results\": [");
	int any = 0;
	for (size_t k = 0; k < c->ndone; k++) {
		const struct checked *ck = &c->done[k];
		for (size_t i = 0; i < ck->found.n; i++) {
			const struct check_finding *f = &ck->found.v[i];
			strbuf_addstr(o, any ? ",\n        {" : "\n        {");
			any = 1;
			strbuf_addf(o, "\"ruleId\":\"%s\",\"ruleIndex\":%d,\"level\":\"%s\",\"message\":{\"text\":",
				    check_rule_info[f->rule].id, (int)f->rule, check_level_name(f->level));
			strbuf msg = STRBUF_INIT;
			if (ck->jsonl)
				strbuf_addf(&msg, "%s line %u col %u: ", ck->doc, f->line, f->col);
			strbuf_addstr(&msg, f->message);
			strbuf_add_json_str(o, msg.buf);
			strbuf_release(&msg);
			strbuf_addstr(o, "},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"");
			strbuf uri = STRBUF_INIT;
			add_repo_uri(&uri, ck->path, c->root);
			strbuf_add_json(o, uri.buf, uri.len);
			strbuf_release(&uri);
			strbuf_addstr(o, "\",\"uriBaseId\":\"SRCROOT\"},\"region\":{");
			if (ck->jsonl)
				strbuf_addf(o, "\"startLine\":%u", ck->file_line);
			else
				strbuf_addf(o, "\"startLine\":%u,\"startColumn\":%u,\"endLine\":%u,\"endColumn\":%u", f->line,
					    f->col, f->end_line, f->end_col);
			strbuf_addstr(o, "}}}]");
			if (f->other_path) {
				strbuf_addstr(o, ",\"relatedLocations\":[{\"id\":1,\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"");
				strbuf ou = STRBUF_INIT;
				add_repo_uri(&ou, f->other_path, c->root);
				strbuf_add_json(o, ou.buf, ou.len);
				strbuf_release(&ou);
				strbuf_addstr(o, "\",\"uriBaseId\":\"SRCROOT\"}");
				if (f->other_line && !strstr(f->other_path, ".jsonl"))
					strbuf_addf(o, ",\"region\":{\"startLine\":%u,\"startColumn\":%u}", f->other_line,
						    f->other_col ? f->other_col : 1);
				strbuf_addstr(o, "},\"message\":{\"text\":");
				strbuf om = STRBUF_INIT;
				strbuf_addf(&om, "the other version, in '%s'", f->other_doc);
				strbuf_add_json_str(o, om.buf);
				strbuf_release(&om);
				strbuf_addstr(o, "}}]");
			}
			strbuf_addf(o, ",\"partialFingerprints\":{\"whosaidFinding/v1\":\"%s\"}}", ck->fingerprints[i]);
		}
	}
	strbuf_addstr(o, any ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n");
}

static void write_junit(struct check_run *c)
{
	strbuf body = STRBUF_INIT;
	unsigned tests = 0, failures = 0, skipped = 0;
	for (size_t k = 0; k < c->ndone; k++) {
		const struct checked *ck = &c->done[k];
		strbuf name = STRBUF_INIT;
		strbuf_addstr(&name, ck->path);
		if (ck->jsonl)
			strbuf_addf(&name, ":%s", ck->doc);
		strbuf suite = STRBUF_INIT;
		unsigned s_fail = 0, s_skip = 0;
		for (int r = 0; r < CHECK__N; r++) {
			strbuf_addstr(&suite, "    <testcase classname=\"");
			add_xml(&suite, name.buf);
			strbuf_addf(&suite, "\" name=\"%s\"", check_rule_info[r].id);
			const char *why = !c->cfg.enabled[r] ? "turned off in the check config"
					  : check_rule_info[r].needs_store && !c->st ? "needs a store (--db)" : NULL;
			if (why) {
				strbuf_addf(&suite, ">\n      <skipped message=\"%s\"/>\n    </testcase>\n", why);
				s_skip++;
				continue;
			}
			strbuf failing = STRBUF_INIT, other = STRBUF_INIT;
			unsigned nfail = 0;
			for (size_t i = 0; i < ck->found.n; i++) {
				const struct check_finding *f = &ck->found.v[i];
				if ((int)f->rule != r)
					continue;
				strbuf *dst = f->level >= c->fail_on ? &failing : &other;
				nfail += f->level >= c->fail_on;
				strbuf line = STRBUF_INIT;
				strbuf_addf(&line, "%s:%u:%u: %s: %s\n", name.buf, f->line, f->col, check_level_name(f->level),
					    f->message);
				add_xml(dst, line.buf);
				strbuf_release(&line);
			}
			if (!failing.len && !other.len) {
				strbuf_addstr(&suite, "/>\n");
			} else {
				strbuf_addstr(&suite, ">\n");
				if (failing.len) {
					strbuf_addf(&suite, "      <failure type=\"%s\" message=\"%u finding%s\">",
						    check_rule_info[r].id, nfail, nfail == 1 ? "" : "s");
					strbuf_addstr(&suite, failing.buf);
					strbuf_addstr(&suite, "</failure>\n");
					s_fail++;
				}
				if (other.len) {
					strbuf_addstr(&suite, "      <system-out>");
					strbuf_addstr(&suite, other.buf);
					strbuf_addstr(&suite, "</system-out>\n");
				}
				strbuf_addstr(&suite, "    </testcase>\n");
			}
			strbuf_release(&failing);
			strbuf_release(&other);
		}
		strbuf_addstr(&body, "  <testsuite name=\"");
		add_xml(&body, name.buf);
		strbuf_addf(&body, "\" tests=\"%d\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n", CHECK__N, s_fail,
			    s_skip);
		strbuf_addstr(&body, suite.buf);
		strbuf_addstr(&body, "  </testsuite>\n");
		tests += CHECK__N;
		failures += s_fail;
		skipped += s_skip;
		strbuf_release(&suite);
		strbuf_release(&name);
	}
	strbuf_addstr(&c->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	strbuf_addf(&c->out, "<testsuites name=\"whosaid check\" tests=\"%u\" failures=\"%u\" errors=\"0\" skipped=\"%u\">\n",
		    tests, failures, skipped);
	strbuf_addstr(&c->out, body.buf);
	strbuf_addstr(&c->out, "</testsuites>\n");
	strbuf_release(&body);
}


static int on_article(struct article *in, void *ctx)
{
	struct check_run *c = ctx;
	struct article *a = in;
	struct store_doc *sd = NULL;
	if (c->st)
		a = article_copy(in);
	check_blank_comments(a);
	/* unclosed quotation marks become findings, not warnings */
	extraction_run(&c->x, a, c->r, &c->qs, NULL);
	if (c->st) {
		sd = xref_doc(&c->x, xstrdup(in->path ? in->path : "-"), c->r, c->xr, NULL);
		a = sd->a;
	}
	struct check_findings fs = { 0 };
	if (check_article(c->checker, &c->x, sd, &fs, &diag_default))
		c->errors++;
	c->articles++;
	for (size_t i = 0; i < fs.n; i++) {
		c->count[fs.v[i].level]++;
		c->failing += fs.v[i].level >= c->fail_on;
	}
	switch (c->format) {
	case FMT_TEXT: write_text(c, a, &fs); break;
	case FMT_JSON: write_json(c, a, &fs); break;
	case FMT_GITHUB: write_github(c, a, &fs); break;
	case FMT_SARIF:
	case FMT_JUNIT: keep_for_end(c, a, &fs); break;
	}
	check_findings_release(&fs);
	if (c->out.len > (1 << 16)) {
		fwrite(c->out.buf, 1, c->out.len, stdout);
		strbuf_reset(&c->out);
	}
	c->x.a = NULL;
	store_doc_free(sd);
	return 0;
}

static void check_usage(FILE *f)
{
	fprintf(f, "usage: whosaid check [--db PATH] [--format text|json|sarif|github|junit] [--config FILE]\n"
		   "                     [--fail-on error|warning|note] [--exit-zero] [--rules DIR] [--root DIR] [-q]\n"
		   "                     FILE|DIR|-...\n"
		   "  --db PATH        also compare with the stored articles (quote-drift, attribution-drift,\n"
		   "                   contradicts-store)\n"
		   "  --format F       text (default; github when GITHUB_ACTIONS=true), json (JSON Lines),\n"
		   "                   sarif (SARIF 2.1.0), github (workflow commands), junit (JUnit XML)\n"
		   "  --config FILE    which rules run and their severity (default: rules/checks)\n"
		   "  --fail-on L      exit 1 when a finding is at least L (default: error)\n"
		   "  --exit-zero      exit 0 even with findings (errors in input or config still exit 2)\n"
		   "  --rules DIR      rule files (default: the rules/ next to the binary)\n"
		   "  --root DIR       SARIF paths are relative to DIR (default: the working directory)\n"
		   "  -q               no summary on standard error\n"
		   "rules: unattributed-quote, vague-attribution, anonymous-source, unclosed-quote, quote-drift,\n"
		   "       attribution-drift, contradicts-store\n"
		   "exit status: 0 nothing at or above --fail-on, 1 something is, 2 usage, input, config or\n"
		   "internal error\n");
}

int cmd_check(int argc, char **argv)
{
	struct check_run c;
	memset(&c, 0, sizeof(c));
	const char *db = NULL, *config = NULL, *rules_dir = NULL;
	const char *env = getenv("GITHUB_ACTIONS");
	c.format = env && !strcmp(env, "true") ? FMT_GITHUB : FMT_TEXT;
	c.fail_on = DIAG_ERROR;
	int exit_zero = 0, quiet = 0;
	char **files = xcalloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			check_usage(stdout);
			free(files);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--format"))) {
			static const char *const names[] = { "text", "json", "sarif", "github", "junit" };
			int k = 0;
			while (k < 5 && strcmp(v, names[k]) != 0)
				k++;
			if (k == 5) {
				fprintf(stderr, "whosaid: error: unknown format '%s' (text, json, sarif, github, junit)\n", v);
				free(files);
				return 2;
			}
			c.format = (enum check_format)k;
		} else if ((v = opt_value(argc, argv, &i, "--fail-on"))) {
			if (!strcmp(v, "error"))
				c.fail_on = DIAG_ERROR;
			else if (!strcmp(v, "warning"))
				c.fail_on = DIAG_WARNING;
			else if (!strcmp(v, "note"))
				c.fail_on = DIAG_NOTE;
			else {
				fprintf(stderr, "whosaid: error: unknown severity '%s' for --fail-on (error, warning, note)\n",
					v);
				free(files);
				return 2;
			}
		} else if ((v = opt_value(argc, argv, &i, "--db"))) {
			db = v;
		} else if ((v = opt_value(argc, argv, &i, "--config"))) {
			config = v;
		} else if ((v = opt_value(argc, argv, &i, "--rules"))) {
			rules_dir = v;
		} else if ((v = opt_value(argc, argv, &i, "--root"))) {
			c.root = v;
		} else if (!strcmp(argv[i], "--exit-zero")) {
			exit_zero = 1;
		} else if (!strcmp(argv[i], "-q")) {
			quiet = 1;
		} else if (opt_file(argv[i], files, &nfiles, check_usage)) {
			free(files);
			return 2;
		}
	}
	if (opt_default_stdin(files, &nfiles, check_usage)) {
		free(files);
		return 2;
	}
	char cwd[4096];
	if (!c.root && getcwd(cwd, sizeof(cwd)))
		c.root = cwd;

	int status = 2;
	strbuf_init(&c.out, 1 << 16);
	struct rules *r = rules_load(rules_dir, &diag_default);
	struct xref_rules *xr = NULL;
	check_config_default(&c.cfg);
	if (!r || check_config_load(&c.cfg, config, r->dir, &diag_default))
		goto out;
	if (db) {
		c.st = store_open(db, STORE_READ, &diag_default);
		if (!c.st)
			goto out;
		xr = xref_rules_load(r->dir, r, &diag_default);
		if (!xr)
			goto out;
	}
	c.r = r;
	c.xr = xr;
	c.checker = checker_new(r, &c.cfg, c.st, &diag_default);
	if (!c.checker)
		goto out;
	quote_scratch_init(&c.qs);
	extraction_init(&c.x);
	struct read_opts ro = { &diag_default, 0 };
	unsigned failed = read_inputs(files, nfiles, &ro, on_article, &c);
	if (c.format == FMT_SARIF)
		write_sarif(&c);
	else if (c.format == FMT_JUNIT)
		write_junit(&c);
	fwrite(c.out.buf, 1, c.out.len, stdout);
	fflush(stdout);
	extraction_release(&c.x);
	quote_scratch_release(&c.qs);
	if (!quiet)
		fprintf(stderr, "whosaid: check: %u article%s: %u error%s, %u warning%s, %u note%s\n", c.articles,
			c.articles == 1 ? "" : "s", c.count[DIAG_ERROR], c.count[DIAG_ERROR] == 1 ? "" : "s",
			c.count[DIAG_WARNING], c.count[DIAG_WARNING] == 1 ? "" : "s", c.count[DIAG_NOTE],
			c.count[DIAG_NOTE] == 1 ? "" : "s");
	if (failed || c.errors || diag_default.errors)
		status = 2;
	else
		status = c.failing && !exit_zero ? 1 : 0;
out:
	for (size_t k = 0; k < c.ndone; k++) {
		free(c.done[k].path);
		free(c.done[k].doc);
		free(c.done[k].fingerprints);
		check_findings_release(&c.done[k].found);
	}
	free(c.done);
	strbuf_release(&c.out);
	checker_free(c.checker);
	xref_rules_free(xr);
	store_close(c.st);
	rules_free(r);
	free(files);
	return status;
}
