#define _POSIX_C_SOURCE 200809L
/* whosaid conflicts and whosaid stance: who disagrees with whom, on what,
 * and where it is written. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "conflicts.h"
#include "diag.h"
#include "rules.h"
#include "stance.h"
#include "store.h"
#include "strbuf.h"
#include "xref.h"

/* ---- conflicts ----------------------------------------------------------- */

static void conflicts_usage(FILE *f)
{
	fprintf(f, "usage: whosaid conflicts [--db PATH] [--source NAME] [--format text|json]\n"
		   "  lists every proposition with sources on both sides, most contested first\n"
		   "  --db PATH        the database (default " WHOSAID_DEFAULT_DB ")\n"
		   "  --source NAME    only the conflicts that source is part of (a name, any case)\n"
		   "  --format json    JSON Lines (the contract in DESIGN.md)\n"
		   "  --format text    for people (default)\n");
}

struct side_quote {
	char *quote_id, *doc, *path, *speaker, *title, *text;
	long long start, end, line;
	enum side side;
	char *stance_rule;
	long long story;    /* the story of its article (stories table) */
	long long article;  /* its article's id */
	char *figure;       /* amount(...): the figure as written */
};

struct conflict {
	char *key, *label;
	struct side_quote *q;
	size_t nq, alloc;
	size_t nside[3];
	int matches_source;
};


static void conflict_free(struct conflict *c)
{
	for (size_t i = 0; i < c->nq; i++) {
		struct side_quote *q = &c->q[i];
		free(q->quote_id);
		free(q->doc);
		free(q->path);
		free(q->speaker);
		free(q->title);
		free(q->text);
		free(q->stance_rule);
		free(q->figure);
	}
	free(c->q);
	free(c->key);
	free(c->label);
}

static size_t min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

static int cmp_conflict(const void *a, const void *b)
{
	const struct conflict *x = a, *y = b;
	size_t cx = min_sz(x->nside[SIDE_FOR], x->nside[SIDE_AGAINST]);
	size_t cy = min_sz(y->nside[SIDE_FOR], y->nside[SIDE_AGAINST]);
	if (cx != cy)
		return cx > cy ? -1 : 1;
	if (x->nq != y->nq)
		return x->nq > y->nq ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void emit_side_json(strbuf *out, const struct conflict *c, enum side side)
{
	int first = 1;
	strbuf_addch(out, '[');
	for (size_t i = 0; i < c->nq; i++) {
		const struct side_quote *q = &c->q[i];
		if (q->side != side)
			continue;
		if (!first)
			strbuf_addch(out, ',');
		first = 0;
		strbuf_addstr(out, "{\"quote\":");
		strbuf_add_json_str(out, q->quote_id);
		strbuf_addstr(out, ",\"doc\":");
		strbuf_add_json_str(out, q->doc);
		strbuf_addf(out, ",\"start\":%lld,\"end\":%lld,\"line\":%lld,\"speaker\":", q->start, q->end, q->line);
		strbuf_add_json_str(out, q->speaker);
		strbuf_addstr(out, ",\"title\":");
		strbuf_add_json_str(out, q->title);
		strbuf_addstr(out, ",\"file\":");
		strbuf_add_json_str(out, q->path);
		strbuf_addstr(out, ",\"text\":");
		strbuf_add_json_str(out, q->text);
		strbuf_addstr(out, ",\"rule\":");
		strbuf_add_json_str(out, q->stance_rule);
		strbuf_addch(out, '}');
	}
	strbuf_addch(out, ']');
}

static void add_cut(strbuf *out, const char *s, size_t max)
{
	size_t cps = 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xc0) != 0x80 && ++cps > max) {
			strbuf_addstr(out, "...");
			return;
		}
		strbuf_addch(out, c == '\n' || c == '\t' || c == '\r' ? ' ' : (char)c);
	}
}

static void emit_side_text(strbuf *out, const struct conflict *c, enum side side)
{
	if (!c->nside[side])
		return;
	strbuf_addf(out, "  %s:\n", side_name(side));
	for (size_t i = 0; i < c->nq; i++) {
		const struct side_quote *q = &c->q[i];
		if (q->side != side)
			continue;
		strbuf_addf(out, "    %s", q->speaker ? q->speaker : "(no speaker)");
		if (q->title)
			strbuf_addf(out, " (%s)", q->title);
		strbuf_addstr(out, ": \"");
		add_cut(out, q->text ? q->text : "", 100);
		strbuf_addf(out, "\"\n      %s:%lld  %s  [%s]\n", q->path ? q->path : q->doc, q->line, q->quote_id,
			    q->stance_rule);
	}
}

/* Who a denial told by the narrative names: "a charge its leaders deny"
 * after "Liberal Reform is positioning itself ..." is "Liberal Reform's
 * leaders"; "which the company disputes" is "the company". The words
 * between the description ("a charge", "which") and the verb, with "its"
 * or "their" read as the first name (capitalized words) of the claim. */
static char *narrative_denier(const char *span, const char *claim)
{
	static const char *const skip[] = { "a", "an", "which", "that", NULL };
	static const char *const adverbs[] = { "has", "have", "had", "also", "strongly", "flatly", "firmly",
					       "repeatedly", "vehemently", "always", "long", NULL };
	const char *w[16];
	size_t wl[16], n = 0;
	for (const char *p = span; *p && n < 16;) {
		p += strspn(p, " \n");
		size_t l = strcspn(p, " \n");
		if (!l)
			break;
		w[n] = p;
		wl[n++] = l;
		p += l;
	}
	size_t a = 0, e = n ? n - 1 : 0;   /* the last word is the verb */
	if (a < e && (wl[a] == 1 || wl[a] == 2) && strncasecmp(w[a], "which", 5))
		a += 2;   /* "a charge" */
	for (int more = 1; more && a < e;) {
		more = 0;
		for (int k = 0; skip[k]; k++)
			if (strlen(skip[k]) == wl[a] && !strncasecmp(w[a], skip[k], wl[a])) {
				a++;
				more = 1;
				break;
			}
	}
	for (int more = 1; more && e > a;) {
		more = 0;
		for (int k = 0; adverbs[k]; k++)
			if (strlen(adverbs[k]) == wl[e - 1] && !strncasecmp(w[e - 1], adverbs[k], wl[e - 1])) {
				e--;
				more = 1;
				break;
			}
	}
	strbuf o = STRBUF_INIT;
	if (a >= e)
		return xstrdup(span);
	size_t from = a;
	if ((wl[a] == 3 && !strncasecmp(w[a], "its", 3)) || (wl[a] == 5 && !strncasecmp(w[a], "their", 5))) {
		/* the claim's first run of capitalized words */
		const char *c = claim ? claim : "";
		while (*c && !(*c >= 'A' && *c <= 'Z'))
			c++;
		const char *ce = c;
		while (*ce >= 'A' && *ce <= 'Z') {
			const char *nx = ce + strcspn(ce, " ");
			const char *after = nx + strspn(nx, " ");
			if (!(*after >= 'A' && *after <= 'Z')) {
				ce = nx;
				break;
			}
			ce = after;
		}
		if (ce > c && ce - c < 80) {
			strbuf_add(&o, c, (size_t)(ce - c));
			strbuf_addstr(&o, "'s");
			from = a + 1;
		}
	}
	for (size_t k = from; k < e; k++) {
		if (o.len)
			strbuf_addch(&o, ' ');
		strbuf_add(&o, w[k], wl[k]);
	}
	return strbuf_detach(&o, NULL);
}

static int source_matches(const char *want, const char *name)
{
	if (!name)
		return 0;
	size_t n = strlen(want);
	for (const char *p = name; *p; p++)
		if (!strncasecmp(p, want, n))
			return 1;
	return 0;
}

/* Words of the agent in a key "frame(a_b_c)": the frame's length and the
 * words, for comparing as sets. */
static size_t key_words(const char *key, size_t *frame_len, const char **w, size_t *wl, size_t max)
{
	const char *open = strchr(key, '(');
	size_t n = 0;
	*frame_len = open ? (size_t)(open - key) : strlen(key);
	if (!open)
		return 0;
	const char *p = open + 1;
	while (*p && *p != ')' && n < max) {
		const char *e = p;
		while (*e && *e != '_' && *e != ')')
			e++;
		w[n] = p;
		wl[n++] = (size_t)(e - p);
		p = *e == '_' ? e + 1 : e;
	}
	return n;
}

static int words_subset(const char **a, const size_t *al, size_t na, const char **b, const size_t *bl, size_t nb)
{
	for (size_t i = 0; i < na; i++) {
		size_t k;
		for (k = 0; k < nb; k++)
			if (al[i] == bl[k] && !memcmp(a[i], b[k], al[i]))
				break;
		if (k == nb)
			return 0;
	}
	return 1;
}

/* One article writes "Calder Tide", another "Calder Tide Chemicals": an
 * agent of two or more words that is part of a longer agent of the same
 * frame is that agent. Merges such propositions into the longer one and
 * returns the new count; conflicts are kept in key order. */
static size_t merge_agent_variants(struct conflict *cs, size_t n)
{
	enum { MAXW = 8 };
	for (size_t i = 0; i < n; i++) {
		const char *wi[MAXW], *wj[MAXW];
		size_t li[MAXW], lj[MAXW], fi, fj;
		size_t ni = key_words(cs[i].key, &fi, wi, li, MAXW);
		if (ni < 2 || !cs[i].nq)
			continue;
		size_t into = n;
		for (size_t j = 0; j < n; j++) {
			if (j == i || !cs[j].nq)
				continue;
			size_t nj = key_words(cs[j].key, &fj, wj, lj, MAXW);
			if (nj <= ni || fi != fj || memcmp(cs[i].key, cs[j].key, fi))
				continue;
			if (words_subset(wi, li, ni, wj, lj, nj) && (into == n || nj > key_words(cs[into].key, &fj, wj, lj, MAXW)))
				into = j;
		}
		if (into == n)
			continue;
		struct conflict *to = &cs[into];
		for (size_t k = 0; k < cs[i].nq; k++) {
			ALLOC_GROW(to->q, to->nq + 1, to->alloc);
			to->q[to->nq++] = cs[i].q[k];
			to->nside[cs[i].q[k].side]++;
		}
		to->matches_source |= cs[i].matches_source;
		cs[i].nq = 0;
		memset(cs[i].nside, 0, sizeof(cs[i].nside));
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (!cs[i].nq) {
			conflict_free(&cs[i]);
			continue;
		}
		cs[kept++] = cs[i];
	}
	return kept;
}

/* The figures ("amount(speed:38)", one conflict per figure as read) of one
 * dimension in one story that do not agree: one conflict, the figure most
 * quotes give for, the others against (a hedged figure stays hedged).
 * Figures that no other figure of their story contradicts are dropped. */
/* Do two articles quote (or name) one person or organization of the
 * store? */
static int share_source(sqlite3_stmt *st, long long a, long long b)
{
	if (!st)
		return 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	int r = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return r;
}

/* A figure quote of figure_conflicts(). */
struct fq {
	struct side_quote q;
	char dim[16];
	double v;
	char bound;
	int bucket;
	int part;       /* in a pair that makes the conflict */
	size_t order;   /* as read: by key */
};

/* By story, then dimension, then as read. */
static int by_story_dim(const void *a, const void *b)
{
	const struct fq *x = a, *y = b;
	if (x->q.story != y->q.story)
		return x->q.story < y->q.story ? -1 : 1;
	int c = strcmp(x->dim, y->dim);
	if (c)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static size_t figure_conflicts(struct conflict **csp, size_t n, size_t *alloc, const char *source,
			       sqlite3_stmt *shared)
{
	struct conflict *cs = *csp;
	/* every figure quote, taken out of its conflict */
	struct fq *f = NULL;
	size_t nf = 0, fa = 0, kept = 0;
	for (size_t i = 0; i < n; i++) {
		char dim[16], b;
		double v;
		if (!conflicts_figure_parse(cs[i].key, dim, sizeof(dim), &v, &b)) {
			cs[kept++] = cs[i];
			continue;
		}
		for (size_t k = 0; k < cs[i].nq; k++) {
			ALLOC_GROW(f, nf + 1, fa);
			f[nf].q = cs[i].q[k];
			memcpy(f[nf].dim, dim, sizeof(dim));
			f[nf].v = v;
			f[nf].bound = b;
			f[nf].bucket = -1;
			f[nf].part = 0;
			f[nf].order = nf;
			nf++;
		}
		free(cs[i].q);
		free(cs[i].key);
		free(cs[i].label);
	}
	n = kept;
	/* the figures of a story and dimension side by side, as read within
	   them: each group is read once, so the time grows with the sizes of
	   the groups, not with the square of all the store's figures */
	if (nf)
		qsort(f, nf, sizeof(*f), by_story_dim);
	size_t gend = 0;   /* the end of the group of f[i] */
	for (size_t i = 0; i < nf; i++) {
		if (i >= gend)
			for (gend = i + 1; gend < nf && f[gend].q.story == f[i].q.story && !strcmp(f[gend].dim, f[i].dim);
			     gend++)
				;
		if (f[i].bucket >= 0 || f[i].q.story < 0)
			continue;
		/* the figures of its dimension and story, in buckets that agree
		   with their first figure */
		size_t first[64], nb = 0, count[64];
		for (size_t k = i; k < gend; k++) {
			if (f[k].bucket >= 0 || f[k].q.story != f[i].q.story || strcmp(f[k].dim, f[i].dim))
				continue;
			size_t b = 0;
			while (b < nb && !conflicts_figures_agree(f[first[b]].v, f[first[b]].bound, f[k].v, f[k].bound))
				b++;
			if (b == nb) {
				if (nb == 64) {
					/* (past 64 figures that disagree: a market's
					   figures, which the 50 below leave out; kept
					   out of every bucket) */
					f[k].bucket = 64;
					continue;
				}
				first[nb] = k;
				count[nb++] = 0;
			}
			f[k].bucket = (int)b;
			count[b] += f[k].q.side != SIDE_HEDGE;
		}
		/* the pairs that make a dispute: two sources in two articles
		   that quote a source in common (one source's figures for two
		   things are no dispute; nor are the figures of two articles on
		   one commodity that share no source, nor two figures one article
		   sets side by side). A story with more than 50 figures of one
		   dimension is a market's figures, not a dispute over one. */
		size_t m = 0;
		for (size_t a = i; a < gend; a++)
			m += f[a].bucket >= 0 && f[a].bucket < 64 && f[a].q.story == f[i].q.story && !strcmp(f[a].dim, f[i].dim);
		size_t parts = 0;
		for (size_t a = i; a < gend && m <= 50; a++) {
			if (f[a].bucket < 0 || f[a].bucket >= 64 || f[a].q.story != f[i].q.story ||
			    strcmp(f[a].dim, f[i].dim) || f[a].q.side == SIDE_HEDGE || !f[a].q.speaker)
				continue;
			for (size_t b2 = a + 1; b2 < gend; b2++) {
				if (f[b2].bucket < 0 || f[b2].bucket >= 64 || f[b2].bucket == f[a].bucket ||
				    f[b2].q.story != f[a].q.story || strcmp(f[b2].dim, f[a].dim) ||
				    f[b2].q.side == SIDE_HEDGE || !f[b2].q.speaker || !strcmp(f[a].q.speaker, f[b2].q.speaker) ||
				    f[a].q.article == f[b2].q.article || (f[a].part && f[b2].part) ||
				    !share_source(shared, f[a].q.article, f[b2].q.article))
					continue;
				parts += !f[a].part + !f[b2].part;
				f[a].part = f[b2].part = 1;
			}
		}
		if (!parts)
			continue;
		for (size_t b = 0; b < nb; b++)
			count[b] = 0;
		for (size_t a = i; a < gend; a++)
			if (f[a].part && f[a].bucket >= 0 && f[a].bucket < 64 && f[a].q.story == f[i].q.story &&
			    !strcmp(f[a].dim, f[i].dim))
				count[f[a].bucket]++;
		size_t top = 0;
		for (size_t b = 0; b < nb; b++)
			if (count[b] > count[top])
				top = b;
		ALLOC_GROW(cs, n + 1, *alloc);
		struct conflict *c = &cs[n++];
		memset(c, 0, sizeof(*c));
		strbuf lb = STRBUF_INIT;
		strbuf_addf(&lb, "the figures of %s disagree: ", f[i].dim);
		for (size_t b = 0, any = 0; b < nb; b++) {
			size_t o = b == 0 ? top : b == top ? 0 : b;   /* the one most give first */
			const char *fig = f[first[o]].q.figure ? f[first[o]].q.figure : "?";
			if (!count[o])
				continue;
			if (any++)
				strbuf_addstr(&lb, " or ");
			/* "Less than two tonnes" begun a sentence */
			if (fig[0] >= 'A' && fig[0] <= 'Z' && fig[1] >= 'a' && fig[1] <= 'z') {
				strbuf_addch(&lb, (char)(fig[0] - 'A' + 'a'));
				fig++;
			}
			strbuf_addstr(&lb, fig);
		}
		c->label = strbuf_detach(&lb, NULL);
		strbuf kb = STRBUF_INIT;
		strbuf_addf(&kb, "amount(%s,story%lld)", f[i].dim, f[i].q.story);
		c->key = strbuf_detach(&kb, NULL);
		long long story = f[i].q.story;
		char dim[16];
		memcpy(dim, f[i].dim, sizeof(dim));
		for (size_t k = i; k < gend; k++) {
			if (f[k].q.story != story || strcmp(f[k].dim, dim) || f[k].bucket < 0 || !f[k].q.quote_id ||
			    !f[k].part)
				continue;
			ALLOC_GROW(c->q, c->nq + 1, c->alloc);
			struct side_quote *q = &c->q[c->nq++];
			*q = f[k].q;
			memset(&f[k].q, 0, sizeof(f[k].q));
			if (q->side != SIDE_HEDGE)
				q->side = (size_t)f[k].bucket == top ? SIDE_FOR : SIDE_AGAINST;
			c->nside[q->side]++;
			if (source && source_matches(source, q->speaker))
				c->matches_source = 1;
			f[k].bucket = 1 << 30;   /* taken */
		}
	}
	/* what no conflict took */
	for (size_t i = 0; i < nf; i++) {
		if (!f[i].q.quote_id)
			continue;
		struct conflict rest = { 0 };
		rest.q = xmalloc(sizeof(*rest.q));
		rest.q[0] = f[i].q;
		rest.nq = 1;
		conflict_free(&rest);
	}
	free(f);
	*csp = cs;
	return n;
}

int cmd_conflicts(int argc, char **argv)
{
	const char *db = WHOSAID_DEFAULT_DB, *source = NULL;
	int json = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			conflicts_usage(stdout);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--db"))) {
			db = v;
		} else if ((v = opt_value(argc, argv, &i, "--source"))) {
			source = v;
		} else if ((v = opt_value(argc, argv, &i, "--format"))) {
			if (!strcmp(v, "json"))
				json = 1;
			else if (strcmp(v, "text") != 0) {
				fprintf(stderr, "whosaid: error: unknown format '%s' (json, text)\n", v);
				return 2;
			}
		} else {
			opt_unknown(argv[i]);
			conflicts_usage(stderr);
			return 2;
		}
	}
	struct store *s = store_open(db, STORE_READ, &diag_default);
	if (!s)
		return 2;
	/* the stories, which figures are compared within */
	double threshold = XREF_DEFAULT_THRESHOLD, story_threshold = XREF_STORY_THRESHOLD;
	const char *env = getenv("WHOSAID_THRESHOLD");
	if (env && *env)
		threshold = strtod(env, NULL);
	if ((env = getenv("WHOSAID_STORY_THRESHOLD")) && *env)
		story_threshold = strtod(env, NULL);
	if (xref_refresh(s, threshold, story_threshold, &diag_default)) {
		store_close(s);
		return 2;
	}
	/* only propositions that have both sides somewhere are read in full */
	sqlite3_stmt *st = store_prepare(
		s, "SELECT p.key, p.label, p.side, a.doc || '#q' || q.n, a.doc, a.path, s.name, "
		   "COALESCE(m.title, s.title), q.text, q.start, q.end, q.line, p.stance_rule, "
		   "CASE WHEN p.stance_rule = 'narrative.denied' THEN CAST(substr(CAST(a.body AS BLOB), p.start + 1, "
		   "p.end - p.start) AS TEXT) END, p.start, p.end, "
		   "(SELECT story FROM stories WHERE article_id = a.id), a.id "
		   "FROM propositions p JOIN quotes q ON q.id = p.quote_id JOIN articles a ON a.id = q.article_id "
		   "LEFT JOIN sources s ON s.id = q.source_id LEFT JOIN mentions m ON m.id = q.mention_id "
		   "ORDER BY p.key, a.doc, q.n, p.id");
	if (!st) {
		store_close(s);
		return 2;
	}
	struct conflict *cs = NULL;
	size_t ncs = 0, cs_alloc = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (!ncs || strcmp(cs[ncs - 1].key, key)) {
			ALLOC_GROW(cs, ncs + 1, cs_alloc);
			memset(&cs[ncs], 0, sizeof(cs[ncs]));
			cs[ncs].key = xstrdup(key);
			cs[ncs].label = store_column_dup(st, 1);
			ncs++;
		}
		struct conflict *c = &cs[ncs - 1];
		ALLOC_GROW(c->q, c->nq + 1, c->alloc);
		struct side_quote *q = &c->q[c->nq++];
		const char *side = (const char *)sqlite3_column_text(st, 2);
		q->side = !strcmp(side, "against") ? SIDE_AGAINST : !strcmp(side, "hedge") ? SIDE_HEDGE : SIDE_FOR;
		c->nside[q->side]++;
		q->quote_id = store_column_dup(st, 3);
		q->doc = store_column_dup(st, 4);
		q->path = store_column_dup(st, 5);
		q->speaker = store_column_dup(st, 6);
		q->title = store_column_dup(st, 7);
		q->text = store_column_dup(st, 8);
		q->start = sqlite3_column_int64(st, 9);
		q->end = sqlite3_column_int64(st, 10);
		q->line = sqlite3_column_int64(st, 11);
		q->stance_rule = store_column_dup(st, 12);
		q->story = sqlite3_column_type(st, 16) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 16);
		q->article = sqlite3_column_int64(st, 17);
		q->figure = !strncmp(key, "amount(", 7) ? store_column_dup(st, 1) : NULL;
		if (sqlite3_column_type(st, 13) == SQLITE_TEXT) {
			/* a denial the narrative tells: its words, and who they name */
			char *span = store_column_dup(st, 13);
			char *who = narrative_denier(span, q->text);
			free(q->speaker);
			free(q->title);
			free(q->text);
			q->speaker = who;
			q->title = NULL;
			q->text = span;
			q->start = sqlite3_column_int64(st, 14);
			q->end = sqlite3_column_int64(st, 15);
		}
		if (source && source_matches(source, q->speaker))
			c->matches_source = 1;
	}
	int ret = 0;
	if (rc != SQLITE_DONE) {
		store_error(s, "cannot read the propositions");
		ret = 2;
	}
	sqlite3_finalize(st);
	ncs = merge_agent_variants(cs, ncs);
	sqlite3_stmt *shared = store_prepare(
		s, "SELECT 1 FROM mentions m1 JOIN mentions m2 ON m2.source_id = m1.source_id JOIN sources x ON "
		   "x.id = m1.source_id WHERE m1.article_id = ?1 AND m2.article_id = ?2 AND x.article_id IS NULL AND "
		   "x.kind IN ('person', 'organization') LIMIT 1");
	ncs = figure_conflicts(&cs, ncs, &cs_alloc, source, shared);
	sqlite3_finalize(shared);
	if (ncs)
		qsort(cs, ncs, sizeof(*cs), cmp_conflict);
	strbuf out;
	strbuf_init(&out, 1 << 14);
	size_t shown = 0;
	for (size_t i = 0; i < ncs && !ret; i++) {
		struct conflict *c = &cs[i];
		if (!c->nside[SIDE_FOR] || !c->nside[SIDE_AGAINST])
			continue;
		if (source && !c->matches_source)
			continue;
		shown++;
		if (json) {
			strbuf_addstr(&out, "{\"id\":");
			strbuf_add_json_str(&out, c->key);
			strbuf_addstr(&out, ",\"proposition\":");
			strbuf_add_json_str(&out, c->label);
			strbuf_addstr(&out, ",\"for\":");
			emit_side_json(&out, c, SIDE_FOR);
			strbuf_addstr(&out, ",\"against\":");
			emit_side_json(&out, c, SIDE_AGAINST);
			strbuf_addstr(&out, ",\"hedge\":");
			emit_side_json(&out, c, SIDE_HEDGE);
			strbuf_addstr(&out, "}\n");
		} else {
			strbuf_addf(&out, "%s%s  [%s]  %zu for, %zu against", shown > 1 ? "\n" : "", c->label, c->key,
				    c->nside[SIDE_FOR], c->nside[SIDE_AGAINST]);
			if (c->nside[SIDE_HEDGE])
				strbuf_addf(&out, ", %zu hedged", c->nside[SIDE_HEDGE]);
			strbuf_addch(&out, '\n');
			emit_side_text(&out, c, SIDE_FOR);
			emit_side_text(&out, c, SIDE_AGAINST);
			emit_side_text(&out, c, SIDE_HEDGE);
		}
		if (out.len > (1 << 16)) {
			fwrite(out.buf, 1, out.len, stdout);
			strbuf_reset(&out);
		}
	}
	if (!json && !shown && !ret)
		strbuf_addstr(&out, source ? "no conflicts involve that source\n" : "no conflicts\n");
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	for (size_t i = 0; i < ncs; i++)
		conflict_free(&cs[i]);
	free(cs);
	store_close(s);
	return ret ? ret : diag_default.errors ? 2 : 0;
}

/* ---- stance -------------------------------------------------------------- */

static void stance_usage(FILE *f)
{
	fprintf(f, "usage: whosaid stance [--db PATH] (--claim TEXT | --claims FILE.jsonl) [--format json|text]\n"
		   "  for every stored article that bears on a claim: for, against or observing\n"
		   "  --db PATH          the database (default " WHOSAID_DEFAULT_DB ")\n"
		   "  --claim TEXT       one claim (its claim_id is \"claim\"); may be repeated\n"
		   "  --claims FILE      JSON Lines rows {\"claim_id\": ..., \"claim\": ...}; - for stdin\n"
		   "  --rules DIR        rule files (default: the installed rules directory)\n"
		   "  --format json      JSON Lines (default; the contract in DESIGN.md)\n"
		   "  --format text      for people\n");
}

struct claim_in {
	char *id, *text;
};

static int read_claims(const char *path, struct claim_in **v, size_t *n, size_t *alloc)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	if (!f) {
		diag_report(&diag_default, DIAG_ERROR, path, 0, 0, "cannot open '%s'", path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned lineno = 0;
	int bad = 0;
	while ((len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t k = (size_t)len;
		while (k && (line[k - 1] == '\n' || line[k - 1] == '\r' || line[k - 1] == ' '))
			k--;
		if (!k)
			continue;
		json_error_t err;
		json_t *row = json_loadb(line, k, 0, &err);
		if (!row) {
			diag_report(&diag_default, DIAG_ERROR, path, lineno, (unsigned)err.column,
				    "bad JSON: %s", err.text);
			bad++;
			continue;
		}
		json_t *id = json_object_get(row, "claim_id"), *claim = json_object_get(row, "claim");
		if (!json_is_string(claim) || !(json_is_string(id) || json_is_integer(id))) {
			diag_report(&diag_default, DIAG_ERROR, path, lineno, 1,
				    "a row needs \"claim_id\" and \"claim\" (a string)");
			bad++;
			json_decref(row);
			continue;
		}
		ALLOC_GROW(*v, *n + 1, *alloc);
		char num[32];
		if (json_is_integer(id))
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(id));
		(*v)[*n].id = xstrdup(json_is_string(id) ? json_string_value(id) : num);
		(*v)[*n].text = xstrdup(json_string_value(claim));
		(*n)++;
		json_decref(row);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return bad ? -1 : 0;
}

int cmd_stance(int argc, char **argv)
{
	const char *db = WHOSAID_DEFAULT_DB, *rules_dir = NULL;
	int json = 1, bad = 0;
	struct claim_in *claims = NULL;
	size_t nclaims = 0, claims_alloc = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			stance_usage(stdout);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--db"))) {
			db = v;
		} else if ((v = opt_value(argc, argv, &i, "--rules"))) {
			rules_dir = v;
		} else if ((v = opt_value(argc, argv, &i, "--claim"))) {
			ALLOC_GROW(claims, nclaims + 1, claims_alloc);
			claims[nclaims].id = xstrdup("claim");
			claims[nclaims].text = xstrdup(v);
			nclaims++;
		} else if ((v = opt_value(argc, argv, &i, "--claims"))) {
			if (read_claims(v, &claims, &nclaims, &claims_alloc))
				bad = 1;
		} else if ((v = opt_value(argc, argv, &i, "--format"))) {
			if (!strcmp(v, "text"))
				json = 0;
			else if (strcmp(v, "json") != 0) {
				fprintf(stderr, "whosaid: error: unknown format '%s' (json, text)\n", v);
				bad = 2;
			}
		} else {
			bad = opt_unknown(argv[i]);
			stance_usage(stderr);
		}
	}
	int ret = 0;
	if (!bad && !nclaims) {
		fprintf(stderr, "whosaid: error: no claims: give --claim TEXT or --claims FILE\n");
		stance_usage(stderr);
		bad = 2;
	}
	struct store *s = NULL;
	struct claim_rules *cr = NULL;
	struct conflict_rules *cf = NULL;
	if (bad == 2)
		goto out_claims;
	s = store_open(db, STORE_READ, &diag_default);
	if (!s || !(cr = claim_rules_load(rules_dir, &diag_default)) ||
	    !(cf = conflict_rules_load(rules_dir, cr, &diag_default))) {
		ret = 2;
		goto out;
	}
	/* every article's body, in id order */
	char **docs = NULL, **bodies = NULL;
	size_t *lens = NULL;
	long long *ids = NULL;
	size_t n = 0, alloc = 0;
	sqlite3_stmt *st = store_prepare(s, "SELECT id, doc, body FROM articles ORDER BY id");
	if (!st) {
		ret = 2;
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (n == alloc) {
			alloc = alloc ? alloc * 2 : 256;
			docs = xrealloc(docs, alloc * sizeof(*docs));
			bodies = xrealloc(bodies, alloc * sizeof(*bodies));
			lens = xrealloc(lens, alloc * sizeof(*lens));
			ids = xrealloc(ids, alloc * sizeof(*ids));
		}
		ids[n] = sqlite3_column_int64(st, 0);
		docs[n] = store_column_dup(st, 1);
		const char *b = (const char *)sqlite3_column_text(st, 2);
		lens[n] = (size_t)sqlite3_column_bytes(st, 2);
		bodies[n] = xstrndup(b ? b : "", lens[n]);
		n++;
	}
	sqlite3_finalize(st);
	struct stance_index *ix = stance_index_build(cr, cf, (const char *const *)bodies, lens, n);
	sqlite3_stmt *ev = store_prepare(s, "SELECT n FROM quotes WHERE article_id = ?1 AND start < ?3 AND end > ?2 "
					    "ORDER BY n");
	strbuf out;
	strbuf_init(&out, 1 << 16);
	for (size_t c = 0; c < nclaims && ev; c++) {
		struct stance_row *rows;
		size_t nr = stance_judge(ix, claims[c].text, strlen(claims[c].text), &rows);
		for (size_t r = 0; r < nr; r++) {
			const struct stance_row *row = &rows[r];
			const char *doc = docs[row->article];
			if (json) {
				strbuf_addstr(&out, "{\"claim_id\":");
				strbuf_add_json_str(&out, claims[c].id);
				strbuf_addstr(&out, ",\"article\":");
				strbuf_add_json_str(&out, doc);
				strbuf_addf(&out, ",\"stance\":\"%s\",\"relevance\":%.3f,\"evidence\":[",
					    stance_label_name(row->label), row->relevance);
			} else {
				strbuf_addf(&out, "%s\t%s\t%s\t%.3f\t", claims[c].id, doc, stance_label_name(row->label),
					    row->relevance);
			}
			int first = 1;
			for (size_t e = 0; e < row->nev; e++) {
				sqlite3_reset(ev);
				sqlite3_bind_int64(ev, 1, ids[row->article]);
				sqlite3_bind_int64(ev, 2, (sqlite3_int64)row->ev_start[e]);
				sqlite3_bind_int64(ev, 3, (sqlite3_int64)row->ev_end[e]);
				while (sqlite3_step(ev) == SQLITE_ROW) {
					if (!first)
						strbuf_addch(&out, json ? ',' : ' ');
					first = 0;
					strbuf_addf(&out, json ? "\"%s#q%lld\"" : "%s#q%lld", doc,
						    (long long)sqlite3_column_int64(ev, 0));
				}
			}
			strbuf_addstr(&out, json ? "]}\n" : "\n");
			if (out.len > (1 << 16)) {
				fwrite(out.buf, 1, out.len, stdout);
				strbuf_reset(&out);
			}
		}
		free(rows);
	}
	fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	sqlite3_finalize(ev);
	stance_index_free(ix);
	for (size_t i = 0; i < n; i++) {
		free(docs[i]);
		free(bodies[i]);
	}
	free(docs);
	free(bodies);
	free(lens);
	free(ids);
out:
	conflict_rules_free(cf);
	claim_rules_free(cr);
	store_close(s);
out_claims:
	for (size_t i = 0; i < nclaims; i++) {
		free(claims[i].id);
		free(claims[i].text);
	}
	free(claims);
	if (bad)
		return 2;
	return ret ? ret : diag_default.errors ? 2 : 0;
}
