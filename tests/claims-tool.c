/* claims-tool: a driver of the claims library for measurements (built and
 * run by tests/claims_fnc1.sh and tests/claims_bench.sh, not by make).
 *
 *   claims-tool normalize [RULES]         lines "stance<TAB>text" on stdin ->
 *                                         "polarity<TAB>terms"
 *   claims-tool quotes THRESHOLD [RULES]  `whosaid extract --format json` on
 *                                         stdin -> one JSON line per quote:
 *                                         doc, id, speaker, polarity, terms,
 *                                         claim (cluster id)
 *   claims-tool cluster THRESHOLD         lines of terms on stdin -> one
 *                                         cluster id a line
 *   claims-tool stories [RULES]           `whosaid extract --format json` on
 *                                         stdin -> {"article","cluster"} rows
 *                                         (score-claims --clusters input):
 *                                         claims clustered, then articles
 *                                         by their title, claim terms,
 *                                         claim clusters and named sources
 *   claims-tool bench N [SEED]            clusters N synthetic claims (a
 *                                         tenth of them paraphrases of
 *                                         others) and prints the time */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "claims.h"
#include "diag.h"
#include "strbuf.h"

static struct claim_rules *load(const char *dir)
{
	struct diag d = { 0 };
	struct claim_rules *cr = claim_rules_load(dir ? dir : "rules", &d);
	if (!cr)
		exit(2);
	return cr;
}

static enum claim_polarity stance_of(const char *s)
{
	return !s ? CLAIM_ASSERT : !strcmp(s, "deny") ? CLAIM_DENY : !strcmp(s, "hedge") ? CLAIM_HEDGE
											   : CLAIM_ASSERT;
}

static int do_normalize(const char *dir)
{
	struct claim_rules *cr = load(dir);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	strbuf terms = STRBUF_INIT;
	while ((n = getline(&line, &cap, stdin)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		char *tab = strchr(line, '\t');
		const char *text = tab ? tab + 1 : line;
		if (tab)
			*tab = '\0';
		enum claim_polarity p = claim_normalize(cr, text, strlen(text), stance_of(tab ? line : NULL), &terms);
		printf("%s\t%s\n", claim_polarity_name(p), terms.buf);
	}
	free(line);
	strbuf_release(&terms);
	claim_rules_free(cr);
	return 0;
}

static void strbuf_addbuf_sp(strbuf *sb, const strbuf *add)
{
	if (!add->len)
		return;
	if (sb->len)
		strbuf_addch(sb, ' ');
	strbuf_add(sb, add->buf, add->len);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int do_quotes(double threshold, const char *dir)
{
	struct claim_rules *cr = load(dir);
	json_t **recs = NULL;
	char **terms = NULL;
	long long *arts = NULL;
	size_t n = 0, alloc = 0, talloc = 0, aalloc = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	strbuf sb = STRBUF_INIT;
	long long art = -1;
	double tnorm = 0;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		json_t *r = json_loads(line, 0, NULL);
		if (!r)
			continue;
		const char *type = json_string_value(json_object_get(r, "type"));
		if (type && !strcmp(type, "article"))
			art++;
		if (!type || strcmp(type, "quote")) {
			json_decref(r);
			continue;
		}
		const char *text = json_string_value(json_object_get(r, "text"));
		double t0 = now();
		enum claim_polarity p = claim_normalize(cr, text ? text : "", text ? strlen(text) : 0,
							stance_of(json_string_value(json_object_get(r, "stance"))), &sb);
		tnorm += now() - t0;
		json_object_set_new(r, "polarity", json_string(claim_polarity_name(p)));
		json_object_set_new(r, "terms", json_string(sb.buf));
		ALLOC_GROW(recs, n + 1, alloc);
		ALLOC_GROW(terms, n + 1, talloc);
		ALLOC_GROW(arts, n + 1, aalloc);
		recs[n] = r;
		terms[n] = xstrdup(sb.buf);
		arts[n++] = art;
	}
	size_t *cl = xmalloc((n + 1) * sizeof(*cl));
	double t0 = now();
	size_t k = claims_cluster(terms, arts, n, threshold, cl);
	double tcl = now() - t0;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_object();
		json_t *sp = json_object_get(recs[i], "speaker");
		json_object_set(o, "doc", json_object_get(recs[i], "doc"));
		json_object_set(o, "id", json_object_get(recs[i], "id"));
		json_object_set(o, "speaker", sp ? json_object_get(sp, "name") : json_null());
		json_object_set(o, "speaker_kind", sp ? json_object_get(sp, "kind") : json_null());
		json_object_set(o, "text", json_object_get(recs[i], "text"));
		json_object_set(o, "polarity", json_object_get(recs[i], "polarity"));
		json_object_set(o, "terms", json_object_get(recs[i], "terms"));
		json_object_set_new(o, "claim", json_integer((json_int_t)cl[i]));
		char *s = json_dumps(o, JSON_COMPACT);
		puts(s);
		free(s);
		json_decref(o);
		json_decref(recs[i]);
		free(terms[i]);
	}
	fprintf(stderr, "claims-tool: %zu quotes, %zu clusters; normalize %.3fs, cluster %.3fs\n", n, k,
		tnorm, tcl);
	free(recs);
	free(terms);
	free(arts);
	free(cl);
	free(line);
	strbuf_release(&sb);
	claim_rules_free(cr);
	return 0;
}

static int do_cluster(double threshold)
{
	char **terms = NULL;
	size_t n = 0, alloc = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		ALLOC_GROW(terms, n + 1, alloc);
		terms[n++] = xstrdup(line);
	}
	size_t *cl = xmalloc((n + 1) * sizeof(*cl));
	double t0 = now();
	size_t k = claims_cluster(terms, NULL, n, threshold, cl);
	fprintf(stderr, "claims-tool: %zu lines, %zu clusters in %.3f s\n", n, k, now() - t0);
	for (size_t i = 0; i < n; i++) {
		printf("%zu\n", cl[i]);
		free(terms[i]);
	}
	free(terms);
	free(cl);
	free(line);
	return 0;
}

struct art {
	char *doc;
	strbuf feats;
};

/* The stories of the articles on stdin, as the store would form them. */
static int do_stories(const char *dir)
{
	struct claim_rules *cr = load(dir);
	/* which features make up an article: $CLAIMS_FEATURES, a list of
	 * title, terms, claims, sources (default: all four) */
	const char *fe = getenv("CLAIMS_FEATURES");
	if (!fe)
		fe = "title,terms,claims,sources";
	int f_title = !!strstr(fe, "title"), f_terms = !!strstr(fe, "terms");
	int f_claims = !!strstr(fe, "claims"), f_sources = !!strstr(fe, "sources");
	struct art *arts = NULL;
	size_t narts = 0, aalloc = 0;
	char **terms = NULL;
	size_t *qart = NULL, n = 0, talloc = 0, qalloc = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	strbuf sb = STRBUF_INIT;
	while ((len = getline(&line, &cap, stdin)) > 0) {
		json_t *r = json_loads(line, 0, NULL);
		const char *type = r ? json_string_value(json_object_get(r, "type")) : NULL;
		const char *doc = r ? json_string_value(json_object_get(r, "doc")) : NULL;
		if (type && doc && !strcmp(type, "article")) {
			ALLOC_GROW(arts, narts + 1, aalloc);
			struct art *a = &arts[narts++];
			a->doc = xstrdup(doc);
			strbuf_init(&a->feats, 256);
			const char *title = json_string_value(json_object_get(r, "title"));
			if (title && f_title) {
				claim_normalize(cr, title, strlen(title), CLAIM_ASSERT, &sb);
				strbuf_addbuf_sp(&a->feats, &sb);
			}
		} else if (type && narts && !strcmp(type, "quote")) {
			struct art *a = &arts[narts - 1];
			const char *text = json_string_value(json_object_get(r, "text"));
			claim_normalize(cr, text ? text : "", text ? strlen(text) : 0, CLAIM_ASSERT, &sb);
			if (f_terms)
				strbuf_addbuf_sp(&a->feats, &sb);
			ALLOC_GROW(terms, n + 1, talloc);
			ALLOC_GROW(qart, n + 1, qalloc);
			terms[n] = xstrdup(sb.buf);
			qart[n++] = narts - 1;
			json_t *sp = json_object_get(r, "speaker");
			const char *name = json_string_value(json_object_get(sp, "name"));
			const char *kind = json_string_value(json_object_get(sp, "kind"));
			if (f_sources && name && kind && (!strcmp(kind, "person") || !strcmp(kind, "organization"))) {
				strbuf_addstr(&a->feats, " s");
				for (const char *p = name; *p; p++)
					strbuf_addch(&a->feats, *p == ' ' ? '_' : *p);
			}
		}
		json_decref(r);
	}
	size_t *cl = xmalloc((n + 1) * sizeof(*cl));
	double t0 = now();
	size_t k = claims_cluster(terms, NULL, n, CLAIMS_CLAIM_THRESHOLD, cl);
	double tc = now() - t0;
	for (size_t i = 0; i < n; i++) {
		if (f_claims && strchr(terms[i], ' '))   /* two terms or more: a claim that can join */
			strbuf_addf(&arts[qart[i]].feats, " c%zu", cl[i]);
		free(terms[i]);
	}
	char **feats = xmalloc((narts + 1) * sizeof(*feats));
	for (size_t i = 0; i < narts; i++)
		feats[i] = arts[i].feats.buf;
	size_t *story = xmalloc((narts + 1) * sizeof(*story));
	t0 = now();
	size_t ns = claims_stories(feats, narts, CLAIMS_STORY_THRESHOLD, story);
	double ts = now() - t0;
	for (size_t i = 0; i < narts; i++) {
		strbuf_reset(&sb);
		strbuf_add_json(&sb, arts[i].doc, strlen(arts[i].doc));
		printf("{\"article\":\"%s\",\"cluster\":%zu}\n", sb.buf, story[i]);
		free(arts[i].doc);
		strbuf_release(&arts[i].feats);
	}
	fprintf(stderr, "claims-tool: %zu articles, %zu quotes; %zu claim clusters (%.3f s), %zu stories (%.3f s)\n",
		narts, n, k, tc, ns, ts);
	free(feats);
	free(story);
	free(arts);
	free(terms);
	free(qart);
	free(cl);
	free(line);
	strbuf_release(&sb);
	claim_rules_free(cr);
	return 0;
}

static unsigned long long rng_state;

static unsigned long long rnd(void)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	unsigned long long x = rng_state;
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdull;
	x ^= x >> 33;
	return x;
}

/* A word of a Zipf-like vocabulary of 60,000 words: a few common, most rare. */
static unsigned zipf_word(void)
{
	double u = (double)(rnd() >> 11) / 9007199254740992.0;
	return (unsigned)(60000.0 * u * u * u);
}

static int do_bench(size_t n, unsigned long long seed)
{
	rng_state = seed;
	char **terms = xmalloc(n * sizeof(*terms));
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&sb);
		if (i > 0 && rnd() % 10 == 0) {
			/* a paraphrase of an earlier claim: one word changed */
			const char *src = terms[rnd() % i];
			strbuf_addstr(&sb, src);
			strbuf_addf(&sb, " w%u", zipf_word());
		} else {
			unsigned words = 5 + (unsigned)(rnd() % 8);
			for (unsigned w = 0; w < words; w++)
				strbuf_addf(&sb, "%sw%u", w ? " " : "", zipf_word());
		}
		terms[i] = xstrdup(sb.buf);
	}
	size_t *cl = xmalloc(n * sizeof(*cl));
	double t0 = now();
	size_t k = claims_cluster(terms, NULL, n, 0.5, cl);
	double t = now() - t0;
	printf("%zu claims: %zu clusters in %.3f s (%.2f us a claim)\n", n, k, t, 1e6 * t / (double)n);
	for (size_t i = 0; i < n; i++)
		free(terms[i]);
	free(terms);
	free(cl);
	strbuf_release(&sb);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && !strcmp(argv[1], "normalize"))
		return do_normalize(argc > 2 ? argv[2] : NULL);
	if (argc >= 3 && !strcmp(argv[1], "quotes"))
		return do_quotes(atof(argv[2]), argc > 3 ? argv[3] : NULL);
	if (argc >= 2 && !strcmp(argv[1], "stories"))
		return do_stories(argc > 2 ? argv[2] : NULL);
	if (argc >= 3 && !strcmp(argv[1], "cluster"))
		return do_cluster(atof(argv[2]));
	if (argc >= 3 && !strcmp(argv[1], "bench"))
		return do_bench((size_t)atoll(argv[2]), argc > 3 ? (unsigned long long)atoll(argv[3]) : 1);
	fprintf(stderr, "usage: claims-tool normalize [RULES] | quotes THRESHOLD [RULES] | cluster THRESHOLD | stories [RULES] | bench N [SEED]\n");
	return 2;
}
