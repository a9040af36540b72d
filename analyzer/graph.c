/* The source graph: the store read into memory, a view chosen and pruned
 * to a budget, then built as a cgraph graph in id order (graph.h). */
#define _POSIX_C_SOURCE 200809L
#include "graph.h"

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* ---- escaping ------------------------------------------------------------- */

/* The next code point of [s, s+len) at *i as something every consumer
 * accepts: invalid UTF-8 and the two characters XML forbids (U+FFFE,
 * U+FFFF) become U+FFFD; control characters become spaces, except a
 * newline when keep_newline. */
static int32_t next_cp(const char *s, size_t len, size_t *i, int keep_newline)
{
	int32_t cp;
	*i += text_decode(s, *i, len, &cp);
	if (cp == '\n' && keep_newline)
		return cp;
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return ' ';
	if (cp == 0xfffe || cp == 0xffff)
		return 0xfffd;
	return cp;
}

static void add_cp(strbuf *out, int32_t cp)
{
	char b[4];
	size_t n;
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	strbuf_add(out, b, n);
}

static void add_html_cp(strbuf *out, int32_t cp)
{
	switch (cp) {
	case '&': strbuf_addstr(out, "&amp;"); break;
	case '<': strbuf_addstr(out, "&lt;"); break;
	case '>': strbuf_addstr(out, "&gt;"); break;
	case '"': strbuf_addstr(out, "&quot;"); break;
	case '\'': strbuf_addstr(out, "&#39;"); break;
	/* Graphviz reads \N, \G, \L... in HTML labels too: "\\" is one
	   backslash there */
	case '\\': strbuf_addstr(out, "\\\\"); break;
	default: add_cp(out, cp);
	}
}

static const char ellipsis[] = "\xe2\x80\xa6";

/* Appends the text of [s, s+len) as one line: spaces and line breaks
 * collapsed, leading and trailing ones dropped. */
static void clean_line(strbuf *out, const char *s, size_t len)
{
	size_t i = 0;
	int space = 0;
	while (i < len) {
		int32_t cp = next_cp(s, len, &i, 0);
		if (cp == ' ') {
			space = 1;
			continue;
		}
		if (space && out->len)
			strbuf_addch(out, ' ');
		space = 0;
		add_cp(out, cp);
	}
}

/* Escapes clean text (valid UTF-8), at most max code points; when cut or
 * when more (the text goes on elsewhere), the last place is "…". */
static void escape_clean(strbuf *out, const char *s, size_t len, size_t max, int more)
{
	size_t i = 0, cps = 0, start = out->len, last = out->len;
	int cut = 0;
	while (i < len) {
		int32_t cp;
		size_t step = text_decode(s, i, len, &cp);
		if (cps + 1 > max) {
			cut = 1;
			break;
		}
		last = out->len;
		add_html_cp(out, cp);
		cps++;
		i += step;
	}
	if (!cut && more && cps + 1 > max)
		cut = 1;
	if (cut) {
		/* the last character kept gives its place to the ellipsis */
		strbuf_setlen(out, last);
		while (out->len > start && out->buf[out->len - 1] == ' ')
			strbuf_setlen(out, out->len - 1);
	}
	if (cut || more)
		strbuf_addstr(out, ellipsis);
}

void graph_escape_html(strbuf *out, const char *s, size_t len, size_t max)
{
	strbuf clean = STRBUF_INIT;
	clean_line(&clean, s, len);
	escape_clean(out, clean.buf, clean.len, max, 0);
	strbuf_release(&clean);
}

size_t graph_wrap_html(strbuf *out, const char *s, size_t len, size_t width, size_t lines)
{
	if (width < 2)
		width = 2;
	if (lines < 1)
		lines = 1;
	strbuf clean = STRBUF_INIT;
	clean_line(&clean, s, len);
	const char *t = clean.buf;
	size_t n = clean.len, i = 0, line = 0, longest = 0;
	while (i < n && line < lines) {
		/* fill a line: whole words while they fit; a word longer than a
		   line is split */
		size_t end = i, cps = 0, brk = 0, brk_next = 0, brk_cps = 0;
		while (end < n) {
			int32_t cp;
			size_t step = text_decode(t, end, n, &cp);
			if (cp == ' ') {
				brk = end;
				brk_next = end + 1;
				brk_cps = cps;
			}
			if (cps + 1 > width)
				break;
			end += step;
			cps++;
		}
		size_t stop = end, next = end;
		if (end < n && t[end] != ' ' && brk > i) {
			stop = brk;
			next = brk_next;
			cps = brk_cps;
		} else if (end < n && t[end] == ' ') {
			next = end + 1;
		}
		line++;
		int more = next < n && line == lines;
		if (line > 1)
			strbuf_addstr(out, "<BR/>");
		escape_clean(out, t + i, stop - i, width, more);
		if (more && cps < width)
			cps++;
		if (cps > longest)
			longest = cps;
		i = next;
	}
	strbuf_release(&clean);
	return longest;
}

void graph_escape_text(strbuf *out, const char *s, size_t len, int url)
{
	size_t i = 0;
	while (i < len) {
		int32_t cp = next_cp(s, len, &i, 0);
		if (cp == '\\')
			/* a tooltip is read twice (escapes such as \n, then \N and
			   the like), a URL once: each halves the backslashes */
			strbuf_addstr(out, url ? "\\\\" : "\\\\\\\\");
		else if (cp == '&')
			/* Graphviz keeps what looks like an entity as it is */
			strbuf_addstr(out, "&amp;");
		else
			add_cp(out, cp);
	}
}

/* ---- the store in memory ----------------------------------------------- */

enum edge_stance { ST_ASSERT, ST_DENY, ST_HEDGE };

struct gsource {
	long long id, member_of;
	char *name, *kind, *title;
	size_t quotes, articles, claims;    /* in the store */
	size_t shown_claims;
	int allowed;    /* may be shown (--top) */
	int seed;       /* matched --source */
	int in_view;    /* counted in the view's sources */
	int shown;
};

struct garticle {
	long long id;
	char *doc, *title, *outlet, *date, *url;
	size_t shown_claims;
	int shown;
};

struct gquote {
	long long id;
	size_t article;
	long source;     /* index, -1 when unattributed */
	size_t claim;
	char *cue;       /* as written, NULL */
	enum edge_stance stance;
	unsigned line;
};

struct gclaim {
	long long id;
	size_t q0, nq;
	size_t narticles, nsources;
	int depth;       /* -1: not in the view */
	size_t round;    /* its place among its best source's claims */
	int shown;
};

/* Two claim clusters on opposite sides of one proposition. */
struct conflict_pair {
	long long a, b;      /* claim cluster ids, a < b */
	char *label;         /* the proposition (the first one, by key) */
	size_t head;         /* the length of what names it: a figure's dimension */
};

struct model {
	struct gsource *src;
	size_t nsrc;
	struct garticle *art;
	size_t nart;
	struct gquote *q;
	size_t nq, q_alloc;
	struct gclaim *cl;
	size_t ncl, cl_alloc;
	/* quotes by source and by article (indices into q) */
	size_t *src_off, *src_q, *art_off, *art_q;
	struct conflict_pair *conf;
	size_t nconf;
};


/* The index of the element whose id is id in an array sorted by id (the
 * long long at id_off in each element of size bytes), or -1. */
static long find_by_id(const void *base, size_t n, size_t size, size_t id_off, long long id)
{
	const char *b = base;
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		long long v;
		memcpy(&v, b + mid * size + id_off, sizeof(v));
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	long long v = 0;
	if (lo < n)
		memcpy(&v, b + lo * size + id_off, sizeof(v));
	return lo < n && v == id ? (long)lo : -1;
}

static long find_source(const struct model *m, long long id)
{
	return find_by_id(m->src, m->nsrc, sizeof(*m->src), offsetof(struct gsource, id), id);
}

static long find_article(const struct model *m, long long id)
{
	return find_by_id(m->art, m->nart, sizeof(*m->art), offsetof(struct garticle, id), id);
}

static void conflict_pairs_free(struct conflict_pair *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].label);
	free(p);
}

static int by_pair(const void *x, const void *y)
{
	const struct conflict_pair *a = x, *b = y;
	if (a->a != b->a)
		return a->a < b->a ? -1 : 1;
	if (a->b != b->b)
		return a->b < b->b ? -1 : 1;
	return strcmp(a->label, b->label);
}

/* Figures (conflicts.h: amount(DIM:VALUE)) of one story, from two sources,
 * that do not agree: their claims conflict, as in `whosaid conflicts`.
 * Appends to *v; returns SQLITE_DONE or the failing step's code. */
static int figure_pairs(struct store *s, struct conflict_pair **v, size_t *n, size_t *alloc)
{
	sqlite3_stmt *st = store_prepare(
		s, "SELECT p.key, p.label, coalesce(c.cluster, c.id), coalesce(t.story, -1), coalesce(q.source_id, -1), "
		   "q.article_id "
		   "FROM propositions p JOIN claims c ON c.id = p.quote_id JOIN quotes q ON q.id = p.quote_id "
		   "LEFT JOIN stories t ON t.article_id = q.article_id "
		   "WHERE p.key >= 'amount(' AND p.key < 'amount)' AND p.side = 'for' ORDER BY 4, 1, 3");
	if (!st)
		return SQLITE_ERROR;
	struct fig {
		char dim[16];
		double v;
		char bound;
		long long cluster, story, source, article;
		char *label;
	} *f = NULL;
	size_t nf = 0, fa = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct fig x;
		/* (a figure nobody is named for takes no side, as in `whosaid
		   conflicts`) */
		if (!conflicts_figure_parse((const char *)sqlite3_column_text(st, 0), x.dim, sizeof(x.dim), &x.v,
					    &x.bound) || sqlite3_column_int64(st, 3) < 0 || sqlite3_column_int64(st, 4) < 0)
			continue;
		x.cluster = sqlite3_column_int64(st, 2);
		x.story = sqlite3_column_int64(st, 3);
		x.source = sqlite3_column_int64(st, 4);
		x.article = sqlite3_column_int64(st, 5);
		x.label = store_column_dup(st, 1);
		ALLOC_GROW(f, nf + 1, fa);
		f[nf++] = x;
	}
	sqlite3_finalize(st);
	/* as `whosaid conflicts` has them: two sources in two articles that
	   quote or name a source in common */
	sqlite3_stmt *shared = store_prepare(
		s, "SELECT 1 FROM mentions m1 JOIN mentions m2 ON m2.source_id = m1.source_id JOIN sources x ON "
		   "x.id = m1.source_id WHERE m1.article_id = ?1 AND m2.article_id = ?2 AND x.article_id IS NULL AND "
		   "x.kind IN ('person', 'organization') LIMIT 1");
	/* rows come by story: pairs within one story, at most 200 figures
	   apart (a story of thousands of articles is drawn pruned anyway) */
	/* (as `whosaid conflicts` has it, a story with more than 50 figures
	   of one dimension is a market's figures, no dispute: the rows of a
	   story and dimension are one run, by the order above) */
	size_t run_end = 0;
	int market = 0;
	for (size_t i = 0; i < nf && rc == SQLITE_DONE; i++) {
		if (i >= run_end) {
			run_end = i + 1;
			while (run_end < nf && f[run_end].story == f[i].story && !strcmp(f[run_end].dim, f[i].dim))
				run_end++;
			market = run_end - i > 50;
		}
		if (market)
			continue;
		for (size_t j = i + 1; j < nf && j < i + 200 && f[j].story == f[i].story; j++) {
			if (strcmp(f[i].dim, f[j].dim) || f[i].cluster == f[j].cluster || f[i].source == f[j].source ||
			    f[i].article == f[j].article || conflicts_figures_agree(f[i].v, f[i].bound, f[j].v, f[j].bound))
				continue;
			int common = 0;
			if (shared) {
				sqlite3_reset(shared);
				sqlite3_bind_int64(shared, 1, f[i].article);
				sqlite3_bind_int64(shared, 2, f[j].article);
				common = sqlite3_step(shared) == SQLITE_ROW;
				sqlite3_reset(shared);
			}
			if (!common)
				continue;
			ALLOC_GROW(*v, *n + 1, *alloc);
			struct conflict_pair *p = &(*v)[(*n)++];
			p->a = f[i].cluster < f[j].cluster ? f[i].cluster : f[j].cluster;
			p->b = f[i].cluster < f[j].cluster ? f[j].cluster : f[i].cluster;
			strbuf lb = STRBUF_INIT;
			strbuf_addf(&lb, "%s: %s or %s", f[i].dim, f[i].label ? f[i].label : "?", f[j].label ? f[j].label : "?");
			p->label = strbuf_detach(&lb, NULL);
			p->head = strlen(f[i].dim);
		}
	}
	sqlite3_finalize(shared);
	for (size_t i = 0; i < nf; i++)
		free(f[i].label);
	free(f);
	return rc;
}

/* The conflicts stage (conflicts.h) stores each quote's side toward a
 * proposition in the propositions table (store.h, version 2): two claim
 * clusters conflict when one has a quote for a proposition and the other
 * a quote against it. Pairs come sorted, each once. */
static int load_conflicts(struct store *s, struct conflict_pair **out, size_t *nout)
{
	*out = NULL;
	*nout = 0;
	sqlite3_stmt *st = store_prepare(
		s, "SELECT p.key, min(p.label), coalesce(c.cluster, c.id), p.side FROM propositions p "
		   "JOIN claims c ON c.id = p.quote_id WHERE p.side IN ('for', 'against') AND "
		   "p.stance_rule <> 'narrative.denied' AND p.key IN "
		   "(SELECT key FROM propositions GROUP BY key HAVING sum(side = 'for') > 0 AND "
		   "sum(side = 'against') > 0) GROUP BY 1, 3, 4 ORDER BY 1, 3, 4");
	if (!st)
		return -1;
	struct conflict_pair *v = NULL;
	size_t n = 0, alloc = 0;
	/* one proposition's claims for and against */
	long long *side[2] = { NULL, NULL };
	size_t nside[2] = { 0, 0 }, aside[2] = { 0, 0 };
	char *key = NULL, *label = NULL;
	int rc;
	for (;;) {
		rc = sqlite3_step(st);
		const char *k = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		if (key && (!k || strcmp(k, key))) {
			for (size_t i = 0; i < nside[0]; i++)
				for (size_t j = 0; j < nside[1]; j++) {
					long long a = side[0][i], b = side[1][j];
					if (a == b)
						continue;   /* one cluster says both: not drawn */
					ALLOC_GROW(v, n + 1, alloc);
					v[n].a = a < b ? a : b;
					v[n].b = a < b ? b : a;
					v[n].label = xstrdup(label ? label : "");
					v[n].head = strlen(v[n].label);
					n++;
				}
			nside[0] = nside[1] = 0;
			free(key);
			free(label);
			key = label = NULL;
		}
		if (rc != SQLITE_ROW)
			break;
		if (!key) {
			key = xstrdup(k ? k : "");
			label = store_column_dup(st, 1);
		}
		const char *sd = (const char *)sqlite3_column_text(st, 3);
		int against = sd && !strcmp(sd, "against");
		ALLOC_GROW(side[against], nside[against] + 1, aside[against]);
		side[against][nside[against]++] = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	free(side[0]);
	free(side[1]);
	if (rc == SQLITE_DONE)
		rc = figure_pairs(s, &v, &n, &alloc);
	if (rc != SQLITE_DONE) {
		store_error(s, "cannot read the propositions");
		conflict_pairs_free(v, n);
		return -1;
	}
	if (n)
		qsort(v, n, sizeof(*v), by_pair);
	/* a pair on several propositions: the first one names it */
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		if (w && v[w - 1].a == v[i].a && v[w - 1].b == v[i].b) {
			free(v[i].label);
			continue;
		}
		v[w++] = v[i];
	}
	*out = v;
	*nout = w;
	return 0;
}

static void model_free(struct model *m)
{
	for (size_t i = 0; i < m->nsrc; i++) {
		free(m->src[i].name);
		free(m->src[i].kind);
		free(m->src[i].title);
	}
	for (size_t i = 0; i < m->nart; i++) {
		free(m->art[i].doc);
		free(m->art[i].title);
		free(m->art[i].outlet);
		free(m->art[i].date);
		free(m->art[i].url);
	}
	for (size_t i = 0; i < m->nq; i++)
		free(m->q[i].cue);
	free(m->src);
	free(m->art);
	free(m->q);
	free(m->cl);
	free(m->src_off);
	free(m->src_q);
	free(m->art_off);
	free(m->art_q);
	conflict_pairs_free(m->conf, m->nconf);
}

static int count_rows(struct store *s, const char *table, size_t *n)
{
	char sql[64];
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	sqlite3_stmt *st = store_prepare(s, sql);
	if (!st)
		return -1;
	*n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return 0;
}

/* Groups quote indices by a key (source or article index): CSR arrays. */
static void index_quotes(const struct model *m, size_t nkeys, int by_source, size_t **off_out, size_t **idx_out)
{
	size_t *off = xcalloc(nkeys + 1, sizeof(size_t));
	size_t *idx = xcalloc(m->nq ? m->nq : 1, sizeof(size_t));
	for (size_t i = 0; i < m->nq; i++) {
		long k = by_source ? m->q[i].source : (long)m->q[i].article;
		if (k >= 0)
			off[k + 1]++;
	}
	for (size_t k = 0; k < nkeys; k++)
		off[k + 1] += off[k];
	size_t *fill = xcalloc(nkeys + 1, sizeof(size_t));
	for (size_t i = 0; i < m->nq; i++) {
		long k = by_source ? m->q[i].source : (long)m->q[i].article;
		if (k >= 0)
			idx[off[k] + fill[k]++] = i;
	}
	free(fill);
	*off_out = off;
	*idx_out = idx;
}

static int model_load(struct model *m, struct store *s)
{
	memset(m, 0, sizeof(*m));
	if (count_rows(s, "sources", &m->nsrc) || count_rows(s, "articles", &m->nart))
		return -1;
	m->src = xcalloc(m->nsrc + 1, sizeof(*m->src));
	m->art = xcalloc(m->nart + 1, sizeof(*m->art));
	sqlite3_stmt *st = store_prepare(s, "SELECT id, name, kind, title, member_of FROM sources ORDER BY id");
	if (!st)
		return -1;
	size_t n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < m->nsrc) {
		struct gsource *g = &m->src[n++];
		g->id = sqlite3_column_int64(st, 0);
		g->name = store_column_dup(st, 1);
		g->kind = store_column_dup(st, 2);
		g->title = store_column_dup(st, 3);
		g->member_of = sqlite3_column_type(st, 4) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 4);
		if (!g->name)
			g->name = xstrdup("");
		if (!g->kind)
			g->kind = xstrdup("person");
	}
	m->nsrc = n;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_error(s, "cannot read the sources");
		return -1;
	}
	st = store_prepare(s, "SELECT id, doc, title, outlet, date, url FROM articles ORDER BY id");
	if (!st)
		return -1;
	n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < m->nart) {
		struct garticle *a = &m->art[n++];
		a->id = sqlite3_column_int64(st, 0);
		a->doc = store_column_dup(st, 1);
		a->title = store_column_dup(st, 2);
		a->outlet = store_column_dup(st, 3);
		a->date = store_column_dup(st, 4);
		a->url = store_column_dup(st, 5);
		if (!a->doc)
			a->doc = xstrdup("");
	}
	m->nart = n;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_error(s, "cannot read the articles");
		return -1;
	}
	/* quotes by claim cluster: each cluster's quotes are contiguous */
	st = store_prepare(s, "SELECT x.id, x.article_id, x.source_id, coalesce(c.cluster, c.id, x.id), x.cue_text, "
			      "x.stance, x.line FROM quotes x LEFT JOIN claims c ON c.id = x.id ORDER BY 4, x.id");
	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long art = find_article(m, sqlite3_column_int64(st, 1));
		if (art < 0)
			continue;
		long long cluster = sqlite3_column_int64(st, 3);
		if (!m->ncl || m->cl[m->ncl - 1].id != cluster) {
			ALLOC_GROW(m->cl, m->ncl + 1, m->cl_alloc);
			struct gclaim *c = &m->cl[m->ncl++];
			memset(c, 0, sizeof(*c));
			c->id = cluster;
			c->q0 = m->nq;
			c->depth = -1;
		}
		ALLOC_GROW(m->q, m->nq + 1, m->q_alloc);
		struct gquote *q = &m->q[m->nq++];
		q->id = sqlite3_column_int64(st, 0);
		q->article = (size_t)art;
		q->source = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1
									: find_source(m, sqlite3_column_int64(st, 2));
		q->claim = m->ncl - 1;
		q->cue = store_column_dup(st, 4);
		const char *stance = (const char *)sqlite3_column_text(st, 5);
		q->stance = stance && !strcmp(stance, "deny") ? ST_DENY
			    : stance && !strcmp(stance, "hedge") ? ST_HEDGE : ST_ASSERT;
		q->line = (unsigned)sqlite3_column_int(st, 6);
		m->cl[m->ncl - 1].nq++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_error(s, "cannot read the quotes");
		return -1;
	}
	index_quotes(m, m->nsrc, 1, &m->src_off, &m->src_q);
	index_quotes(m, m->nart, 0, &m->art_off, &m->art_q);
	/* distinct articles and sources per claim, claims and articles per source */
	size_t *mark_a = xcalloc(m->nart + 1, sizeof(size_t));
	size_t *mark_s = xcalloc(m->nsrc + 1, sizeof(size_t));
	for (size_t c = 0; c < m->ncl; c++) {
		struct gclaim *cl = &m->cl[c];
		for (size_t k = cl->q0; k < cl->q0 + cl->nq; k++) {
			const struct gquote *q = &m->q[k];
			if (mark_a[q->article] != c + 1) {
				mark_a[q->article] = c + 1;
				cl->narticles++;
			}
			if (q->source >= 0 && mark_s[q->source] != c + 1) {
				mark_s[q->source] = c + 1;
				cl->nsources++;
				m->src[q->source].claims++;
			}
		}
	}
	memset(mark_a, 0, (m->nart + 1) * sizeof(size_t));
	for (size_t i = 0; i < m->nsrc; i++) {
		struct gsource *g = &m->src[i];
		g->quotes = m->src_off[i + 1] - m->src_off[i];
		for (size_t k = m->src_off[i]; k < m->src_off[i + 1]; k++) {
			size_t a = m->q[m->src_q[k]].article;
			if (mark_a[a] != i + 1) {
				mark_a[a] = i + 1;
				g->articles++;
			}
		}
	}
	free(mark_a);
	free(mark_s);
	return load_conflicts(s, &m->conf, &m->nconf);
}

/* ---- the view ------------------------------------------------------------ */

/* A claim that many sources made brings at most this many new ones. */
#define MAX_NEW_SOURCES_PER_CLAIM 6

void graph_view_init(struct graph_view *v)
{
	memset(v, 0, sizeof(*v));
	v->depth = 1;
	v->max_claims = GRAPH_DEFAULT_MAX_CLAIMS;
	v->max_articles = GRAPH_DEFAULT_MAX_ARTICLES;
	v->max_sources = GRAPH_DEFAULT_MAX_SOURCES;
}

/* Marks the claims of the seed sources and articles with depth 1, then
 * walks depth - 1 more steps through the sources and articles of the
 * claims found. */
static void walk(struct model *m, int depth, unsigned char *src_seen, unsigned char *art_seen)
{
	for (int d = 1; d <= depth; d++) {
		/* sources and articles reached at this step give claims of depth d */
		for (size_t i = 0; i < m->nsrc; i++)
			if (src_seen[i] == d)
				for (size_t k = m->src_off[i]; k < m->src_off[i + 1]; k++) {
					struct gclaim *c = &m->cl[m->q[m->src_q[k]].claim];
					if (c->depth < 0)
						c->depth = d;
				}
		for (size_t i = 0; i < m->nart; i++)
			if (art_seen[i] == d)
				for (size_t k = m->art_off[i]; k < m->art_off[i + 1]; k++) {
					struct gclaim *c = &m->cl[m->q[m->art_q[k]].claim];
					if (c->depth < 0)
						c->depth = d;
				}
		if (d == depth)
			break;
		for (size_t c = 0; c < m->ncl; c++) {
			if (m->cl[c].depth != d)
				continue;
			for (size_t k = m->cl[c].q0; k < m->cl[c].q0 + m->cl[c].nq; k++) {
				const struct gquote *q = &m->q[k];
				if (q->source >= 0 && !src_seen[q->source])
					src_seen[q->source] = (unsigned char)(d + 1);
				if (!art_seen[q->article])
					art_seen[q->article] = (unsigned char)(d + 1);
			}
		}
	}
}

static long find_claim(const struct model *m, long long id)
{
	size_t lo = 0, hi = m->ncl;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->cl[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->ncl && m->cl[lo].id == id ? (long)lo : -1;
}

/* A claim in a neighbourhood brings the claims it conflicts with, at its
 * own depth (one hop: their own conflicts stay out). */
static void conflict_hop(struct model *m)
{
	int *was = xcalloc(m->ncl + 1, sizeof(int));
	for (size_t c = 0; c < m->ncl; c++)
		was[c] = m->cl[c].depth;
	for (size_t i = 0; i < m->nconf; i++) {
		long a = find_claim(m, m->conf[i].a), b = find_claim(m, m->conf[i].b);
		if (a < 0 || b < 0)
			continue;
		if (was[a] >= 0 && m->cl[b].depth < 0)
			m->cl[b].depth = was[a];
		if (was[b] >= 0 && m->cl[a].depth < 0)
			m->cl[a].depth = was[b];
	}
	free(was);
}

/* Finds the seeds of the view; returns 1 when something matched, 0 when
 * nothing did, -1 on a database error. */
static int seed_view(struct model *m, struct store *s, const struct graph_view *v)
{
	int depth = v->depth < 1 ? 1 : v->depth > 200 ? 200 : v->depth;
	if (!v->doc && !v->source && !v->claim) {
		for (size_t c = 0; c < m->ncl; c++)
			m->cl[c].depth = 0;
		return 1;
	}
	unsigned char *src_seen = xcalloc(m->nsrc + 1, 1);
	unsigned char *art_seen = xcalloc(m->nart + 1, 1);
	int found = 0;
	if (v->doc) {
		for (size_t i = 0; i < m->nart; i++)
			if (!strcmp(m->art[i].doc, v->doc)) {
				art_seen[i] = 1;
				found = 1;
			}
	}
	if (v->source) {
		sqlite3_stmt *st = store_prepare(s,
			"SELECT s.id FROM sources s WHERE CAST(?1 AS TEXT) = CAST(s.id AS TEXT) OR s.name LIKE ?1 "
			"OR EXISTS (SELECT 1 FROM mentions fm WHERE fm.source_id = s.id AND (fm.name LIKE ?1 OR "
			"fm.text LIKE ?1)) ORDER BY s.id");
		if (!st) {
			free(src_seen);
			free(art_seen);
			return -1;
		}
		sqlite3_bind_text(st, 1, v->source, -1, SQLITE_STATIC);
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			long i = find_source(m, sqlite3_column_int64(st, 0));
			if (i >= 0) {
				src_seen[i] = 1;
				m->src[i].seed = 1;
				found = 1;
			}
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			store_error(s, "cannot look up the source");
			free(src_seen);
			free(art_seen);
			return -1;
		}
	}
	if (v->claim) {
		for (size_t k = 0; k < m->nq; k++)
			if (m->q[k].id == v->claim || m->cl[m->q[k].claim].id == v->claim) {
				struct gclaim *c = &m->cl[m->q[k].claim];
				c->depth = 1;
				found = 1;
				/* its sources and articles lead on from depth 2 */
				for (size_t j = c->q0; j < c->q0 + c->nq; j++) {
					if (m->q[j].source >= 0 && !src_seen[m->q[j].source])
						src_seen[m->q[j].source] = 2;
					if (!art_seen[m->q[j].article])
						art_seen[m->q[j].article] = 2;
				}
				break;
			}
	}
	walk(m, depth, src_seen, art_seen);
	conflict_hop(m);
	free(src_seen);
	free(art_seen);
	return found;
}

static struct model *sort_model;   /* qsort has no context argument */

static int by_source_rank(const void *a, const void *b)
{
	const struct gsource *x = &sort_model->src[*(const size_t *)a], *y = &sort_model->src[*(const size_t *)b];
	if (x->seed != y->seed)
		return y->seed - x->seed;
	if (x->quotes != y->quotes)
		return x->quotes > y->quotes ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Claims closest to the seed first, then the most reported. */
static int claim_cmp(const struct gclaim *x, const struct gclaim *y)
{
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	if (x->narticles != y->narticles)
		return x->narticles > y->narticles ? -1 : 1;
	if (x->nq != y->nq)
		return x->nq > y->nq ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_claim_rank(const void *a, const void *b)
{
	return claim_cmp(&sort_model->cl[*(const size_t *)a], &sort_model->cl[*(const size_t *)b]);
}

static int by_claim_round(const void *a, const void *b)
{
	const struct gclaim *x = &sort_model->cl[*(const size_t *)a], *y = &sort_model->cl[*(const size_t *)b];
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	if (x->round != y->round)
		return x->round < y->round ? -1 : 1;
	return claim_cmp(x, y);
}

/* A claim's sources: those shown already, then the most quoted. */
static int by_speaker(const void *a, const void *b)
{
	const struct gsource *x = &sort_model->src[*(const size_t *)a], *y = &sort_model->src[*(const size_t *)b];
	if (x->shown != y->shown)
		return y->shown - x->shown;
	if (x->quotes != y->quotes)
		return x->quotes > y->quotes ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_article_rank(const void *a, const void *b)
{
	const struct garticle *x = &sort_model->art[*(const size_t *)a], *y = &sort_model->art[*(const size_t *)b];
	if (x->shown_claims != y->shown_claims)
		return x->shown_claims > y->shown_claims ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int by_source_shown(const void *a, const void *b)
{
	const struct gsource *x = &sort_model->src[*(const size_t *)a], *y = &sort_model->src[*(const size_t *)b];
	if (x->seed != y->seed)
		return y->seed - x->seed;
	if (x->shown_claims != y->shown_claims)
		return x->shown_claims > y->shown_claims ? -1 : 1;
	return by_source_rank(a, b);
}

/* Chooses what is shown: the filters, then the budget. */
static void choose(struct model *m, const struct graph_view *v, struct graph_summary *sum)
{
	sort_model = m;
	size_t *order = xcalloc(m->ncl + m->nsrc + m->nart + 1, sizeof(size_t));
	if (v->min_articles > 1)
		for (size_t c = 0; c < m->ncl; c++)
			if (m->cl[c].narticles < (size_t)v->min_articles)
				m->cl[c].depth = -1;
	/* sources of claims in the view; --top keeps the most quoted */
	size_t n = 0;
	size_t *mark = xcalloc(m->nsrc + 1, sizeof(size_t));
	for (size_t c = 0; c < m->ncl; c++)
		if (m->cl[c].depth >= 0)
			for (size_t k = m->cl[c].q0; k < m->cl[c].q0 + m->cl[c].nq; k++) {
				long si = m->q[k].source;
				if (si >= 0 && !mark[si]) {
					mark[si] = 1;
					order[n++] = (size_t)si;
				}
			}
	free(mark);
	qsort(order, n, sizeof(size_t), by_source_rank);
	size_t allowed = v->top > 0 && (size_t)v->top < n ? (size_t)v->top : n;
	for (size_t i = 0; i < allowed; i++)
		m->src[order[i]].allowed = 1;
	if (v->top > 0)
		for (size_t c = 0; c < m->ncl; c++) {
			struct gclaim *cl = &m->cl[c];
			int keep = 0;
			for (size_t k = cl->q0; k < cl->q0 + cl->nq && !keep; k++)
				keep = m->q[k].source >= 0 && m->src[m->q[k].source].allowed;
			if (!keep)
				cl->depth = -1;
		}
	/* the view's size */
	for (size_t c = 0; c < m->ncl; c++)
		if (m->cl[c].depth >= 0) {
			sum->view_claims++;
			m->cl[c].round = (size_t)-1;
		}
	{
		unsigned char *sa = xcalloc(m->nart + 1, 1), *ss = xcalloc(m->nsrc + 1, 1);
		for (size_t c = 0; c < m->ncl; c++)
			if (m->cl[c].depth >= 0)
				for (size_t k = m->cl[c].q0; k < m->cl[c].q0 + m->cl[c].nq; k++) {
					const struct gquote *q = &m->q[k];
					if (!sa[q->article]) {
						sa[q->article] = 1;
						sum->view_articles++;
					}
					if (q->source >= 0 && m->src[q->source].allowed && !ss[q->source]) {
						ss[q->source] = 1;
						m->src[q->source].in_view = 1;
						sum->view_sources++;
					}
				}
		free(sa);
		free(ss);
	}
	/* each source's claims in turn: a claim's round is its place in the
	   list of its best-placed source; unattributed claims take turns as
	   if they were one source */
	size_t *list = xcalloc(m->ncl + 1, sizeof(size_t));
	for (size_t i = 0; i < m->nsrc; i++) {
		if (!m->src[i].allowed)
			continue;
		size_t nl = 0;
		for (size_t k = m->src_off[i]; k < m->src_off[i + 1]; k++) {
			size_t c = m->q[m->src_q[k]].claim;
			if (m->cl[c].depth >= 0 && (!nl || list[nl - 1] != c))
				list[nl++] = c;
		}
		qsort(list, nl, sizeof(size_t), by_claim_rank);
		for (size_t r = 0; r < nl; r++) {
			if (r && list[r] == list[r - 1])
				continue;
			if (r < m->cl[list[r]].round)
				m->cl[list[r]].round = r;
		}
	}
	size_t nl = 0;
	for (size_t c = 0; c < m->ncl; c++)
		if (m->cl[c].depth >= 0 && m->cl[c].round == (size_t)-1)
			list[nl++] = c;
	qsort(list, nl, sizeof(size_t), by_claim_rank);
	for (size_t r = 0; r < nl; r++)
		m->cl[list[r]].round = r;
	/* the claims, in turn, while their sources fit the budget */
	nl = 0;
	for (size_t c = 0; c < m->ncl; c++)
		if (m->cl[c].depth >= 0)
			list[nl++] = c;
	qsort(list, nl, sizeof(size_t), by_claim_round);
	size_t max_claims = v->max_claims > 0 ? (size_t)v->max_claims : (size_t)-1;
	size_t max_sources = v->max_sources > 0 ? (size_t)v->max_sources : (size_t)-1;
	size_t shown_sources = 0;
	size_t *speakers = xcalloc(m->nsrc + 1, sizeof(size_t));
	size_t *stamp = xcalloc(m->nsrc + 1, sizeof(size_t));
	for (size_t r = 0; r < nl && sum->claims < max_claims; r++) {
		struct gclaim *cl = &m->cl[list[r]];
		/* its sources, those shown already first, then the most quoted;
		   a claim many sources made brings only the first few */
		size_t ns = 0;
		for (size_t k = cl->q0; k < cl->q0 + cl->nq; k++) {
			long si = m->q[k].source;
			if (si >= 0 && m->src[si].allowed && stamp[si] != r + 1) {
				stamp[si] = r + 1;
				speakers[ns++] = (size_t)si;
			}
		}
		qsort(speakers, ns, sizeof(size_t), by_speaker);
		if (ns > MAX_NEW_SOURCES_PER_CLAIM)
			ns = MAX_NEW_SOURCES_PER_CLAIM;
		size_t fresh = 0;
		for (size_t k = 0; k < ns; k++)
			fresh += !m->src[speakers[k]].shown;
		if (shown_sources + fresh > max_sources && shown_sources)
			continue;
		for (size_t k = 0; k < ns; k++)
			m->src[speakers[k]].shown = 1;
		cl->shown = 1;
		sum->claims++;
		shown_sources += fresh;
	}
	free(speakers);
	free(stamp);
	/* sources and articles of the claims shown, within the budget */
	for (size_t c = 0; c < m->ncl; c++) {
		if (!m->cl[c].shown)
			continue;
		size_t q0 = m->cl[c].q0, nq = m->cl[c].nq;
		for (size_t k = q0; k < q0 + nq; k++) {
			const struct gquote *q = &m->q[k];
			int first_a = 1, first_s = 1;
			for (size_t j = q0; j < k; j++) {
				first_a &= m->q[j].article != q->article;
				first_s &= m->q[j].source != q->source;
			}
			if (first_a)
				m->art[q->article].shown_claims++;
			if (q->source >= 0 && first_s)
				m->src[q->source].shown_claims++;
		}
	}
	n = 0;
	for (size_t i = 0; i < m->nsrc; i++)
		if (m->src[i].shown)
			order[n++] = i;
	qsort(order, n, sizeof(size_t), by_source_shown);
	for (size_t i = max_sources; i < n; i++)
		m->src[order[i]].shown = 0;
	sum->sources = n < max_sources ? n : max_sources;
	n = 0;
	for (size_t i = 0; i < m->nart; i++)
		if (m->art[i].shown_claims > 0)
			order[n++] = i;
	qsort(order, n, sizeof(size_t), by_article_rank);
	size_t max_articles = v->max_articles > 0 ? (size_t)v->max_articles : (size_t)-1;
	for (size_t i = 0; i < n; i++)
		m->art[order[i]].shown = i < max_articles;
	/* the article asked for is always there */
	if (v->doc)
		for (size_t i = 0; i < m->nart; i++)
			if (!strcmp(m->art[i].doc, v->doc) && m->art[i].shown_claims)
				m->art[i].shown = 1;
	sum->articles = 0;
	for (size_t i = 0; i < m->nart; i++)
		sum->articles += m->art[i].shown != 0;
	free(list);
	free(order);
}

/* ---- the cgraph graph ---------------------------------------------------- */

struct attrs {
	Agraph_t *g;
	Agraph_t *claims;   /* every claim in one column (rank=same) */
	Agsym_t *n_label, *n_shape, *n_style, *n_fill, *n_color, *n_tooltip, *n_url, *n_pen, *n_margin;
	Agsym_t *e_label, *e_color, *e_fontcolor, *e_style, *e_tooltip, *e_pen, *e_dir, *e_constraint,
		*e_arrowhead, *e_arrowtail;
};

static void declare(struct attrs *at, Agraph_t *g)
{
	at->g = g;
	agattr(g, AGRAPH, "rankdir", "LR");
	agattr(g, AGRAPH, "ranksep", "1.1");
	agattr(g, AGRAPH, "nodesep", "0.18");
	agattr(g, AGRAPH, "fontname", "Helvetica");
	agattr(g, AGRAPH, "fontsize", "18");
	agattr(g, AGRAPH, "labelloc", "t");
	agattr(g, AGRAPH, "labeljust", "l");
	agattr(g, AGRAPH, "outputorder", "edgesfirst");
	agattr(g, AGRAPH, "bgcolor", "white");
	agattr(g, AGRAPH, "pad", "0.3");
	agattr(g, AGRAPH, "label", "");
	agattr(g, AGRAPH, "tooltip", "");
	agattr(g, AGNODE, "fontname", "Helvetica");
	agattr(g, AGNODE, "fontsize", "11");
	at->n_label = agattr(g, AGNODE, "label", "\\N");
	at->n_shape = agattr(g, AGNODE, "shape", "box");
	at->n_style = agattr(g, AGNODE, "style", "filled");
	at->n_fill = agattr(g, AGNODE, "fillcolor", "white");
	at->n_color = agattr(g, AGNODE, "color", "#555555");
	at->n_pen = agattr(g, AGNODE, "penwidth", "1");
	at->n_margin = agattr(g, AGNODE, "margin", "0.1,0.06");
	at->n_tooltip = agattr(g, AGNODE, "tooltip", "");
	at->n_url = agattr(g, AGNODE, "URL", "");
	agattr(g, AGEDGE, "fontname", "Helvetica");
	agattr(g, AGEDGE, "fontsize", "9");
	at->e_label = agattr(g, AGEDGE, "label", "");
	at->e_color = agattr(g, AGEDGE, "color", "#888888");
	at->e_fontcolor = agattr(g, AGEDGE, "fontcolor", "#444444");
	at->e_style = agattr(g, AGEDGE, "style", "solid");
	at->e_pen = agattr(g, AGEDGE, "penwidth", "1");
	at->e_dir = agattr(g, AGEDGE, "dir", "forward");
	at->e_arrowhead = agattr(g, AGEDGE, "arrowhead", "normal");
	at->e_arrowtail = agattr(g, AGEDGE, "arrowtail", "normal");
	at->e_constraint = agattr(g, AGEDGE, "constraint", "true");
	at->e_tooltip = agattr(g, AGEDGE, "tooltip", "");
	/* Anonymous: cgraph orders subgraphs by id, and a named one's id is
	   the address of its name, which would make the DOT depend on the
	   allocator; the boxes of conflicts are the only named ones. */
	at->claims = agsubg(g, NULL, 1);
	agsafeset(at->claims, "rank", "same", "");
}

static void set_html(struct attrs *at, void *obj, Agsym_t *sym, const strbuf *html)
{
	char *h = agstrdup_html(at->g, html->buf);
	agxset(obj, sym, h);
	agstrfree(at->g, h);
}

/* A plain string never ends with an odd run of backslashes: cgraph's
 * writer would turn the last one and the closing quote into an escaped
 * quote. (The escapes write backslashes in pairs; this guards the rest.) */
static void set_text(void *obj, Agsym_t *sym, strbuf *sb)
{
	size_t n = 0;
	while (n < sb->len && sb->buf[sb->len - 1 - n] == '\\')
		n++;
	if (n % 2)
		strbuf_addch(sb, ' ');
	agxset(obj, sym, sb->buf);
}

static void add_text(strbuf *sb, const char *s)
{
	if (s)
		graph_escape_text(sb, s, strlen(s), 0);
}

static void add_html(strbuf *sb, const char *s, size_t max)
{
	if (s)
		graph_escape_html(sb, s, strlen(s), max);
}

static size_t add_wrapped(strbuf *sb, const char *s, size_t width, size_t lines)
{
	return s ? graph_wrap_html(sb, s, strlen(s), width, lines) : 0;
}

/* Graphviz sizes a label with Helvetica's widths, but viewers often draw
 * it in a wider sans (DejaVu Sans): each label is a cell wide enough for
 * the widest, so no text runs out of its box. */
#define EM_REGULAR 0.62
#define EM_BOLD 0.74

static double text_width(size_t cps, double points, double em)
{
	return (double)cps * points * em;
}

static void cell_open(strbuf *h, double width, const char *align)
{
	strbuf_addf(h, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"0\" CELLSPACING=\"0\"><TR>"
		       "<TD WIDTH=\"%d\" ALIGN=\"%s\" BALIGN=\"%s\">", (int)(width + 1.5), align, align);
}

static void cell_close(strbuf *h)
{
	strbuf_addstr(h, "</TD></TR></TABLE>");
}

/* Colours: the sources' fills by kind, the edges' by stance (ColorBrewer,
 * readable for the common colour blindnesses). */
static const struct kind_style {
	const char *kind, *shape, *style, *fill, *line, *legend;
} kind_styles[] = {
	{ "person", "ellipse", "filled", "#cfe2f3", "#3d6e99", "person" },
	{ "organization", "box", "filled,rounded,bold", "#d9ead3", "#4f7a3a", "organization" },
	{ "anonymous", "ellipse", "filled,dashed", "#eeeeee", "#666666", "anonymous" },
	{ "vague", "ellipse", "filled,dotted", "#fff2cc", "#8a6d00", "vague" },
	{ "document", "note", "filled", "#f4e1d2", "#8a5a3a", "document" },
};

static const struct kind_style *style_of(const char *kind)
{
	for (size_t i = 0; i < sizeof(kind_styles) / sizeof(*kind_styles); i++)
		if (!strcmp(kind, kind_styles[i].kind))
			return &kind_styles[i];
	return &kind_styles[0];
}

static const char *const stance_color[] = { "#1b7837", "#762a83", "#d97c00" };
static const char *const stance_verb[] = { "asserts", "denies", "hedges" };
#define CLAIM_FILL "#fffbe6"
#define CLAIM_LINE "#9a8a4a"
#define ARTICLE_FILL "#ede7f6"
#define ARTICLE_LINE "#6a5a8a"
#define CONFLICT_COLOR "#e31a1cc0"

static void plural(strbuf *sb, size_t n, const char *what)
{
	strbuf_addf(sb, "%zu %s%s", n, what, n == 1 ? "" : "s");
}

static void add_legend(struct attrs *at)
{
	/* (its frame is the table's own, not a cluster's: a named subgraph
	   would be written before or after the boxes of conflicts in the
	   order of their names' addresses, which differ from one allocator
	   to another) */
	Agnode_t *n = agnode(at->g, "legend", 1);
	agxset(n, at->n_shape, "plaintext");
	agxset(n, at->n_style, "solid");
	agxset(n, at->n_margin, "0");
	static const char *const kind_help[] = {
		"a named person who is quoted",
		"an organization, a government, a company",
		"an unnamed source (&#8220;a person familiar with&#8230;&#8221;)",
		"a vague source (&#8220;critics&#8221;, &#8220;experts&#8221;)",
		"a document that is quoted",
	};
	strbuf h = STRBUF_INIT;
	strbuf_addstr(&h, "<TABLE BORDER=\"1\" COLOR=\"#bbbbbb\" STYLE=\"rounded\" CELLBORDER=\"0\" CELLSPACING=\"3\" "
			  "CELLPADDING=\"3\"><TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>How to read this graph</B></TD></TR>");
	for (size_t i = 0; i < sizeof(kind_styles) / sizeof(*kind_styles); i++)
		strbuf_addf(&h, "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\" STYLE=\"%s\" WIDTH=\"120\">%s</TD>"
				"<TD ALIGN=\"LEFT\" WIDTH=\"330\">%s</TD></TR>",
			    kind_styles[i].fill, kind_styles[i].line,
			    !strcmp(kind_styles[i].kind, "person") || !strcmp(kind_styles[i].kind, "organization")
				    ? "rounded" : "dashed",
			    kind_styles[i].legend, kind_help[i]);
	strbuf_addf(&h, "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\" STYLE=\"rounded\">&#8220;claim&#8221;</TD>"
			"<TD ALIGN=\"LEFT\">what was said: the same claim in other words<BR ALIGN=\"LEFT\"/>"
			"is one box (hover for every wording)</TD></TR>",
		    CLAIM_FILL, CLAIM_LINE);
	strbuf_addf(&h, "<TR><TD BGCOLOR=\"%s\" BORDER=\"1\" COLOR=\"%s\">article</TD>"
			"<TD ALIGN=\"LEFT\">where it was reported: outlet, title, date</TD></TR>",
		    ARTICLE_FILL, ARTICLE_LINE);
	static const char *const stance_arrow[] = { "&#9472;&#9472;&#9472;&#9654;", "&#9472;&#9472;&#9472;&#9654;",
						    "&#9548;&#9548;&#9548;&#9654;" };
	for (int s = 0; s < 3; s++)
		strbuf_addf(&h, "<TR><TD><FONT COLOR=\"%s\"><B>%s</B></FONT></TD>"
				"<TD ALIGN=\"LEFT\">the source %s it (label: the verb, &#215;quotes)</TD></TR>",
			    stance_color[s], stance_arrow[s], stance_verb[s]);
	strbuf_addstr(&h, "<TR><TD><FONT COLOR=\"#888888\">&#9472;&#9472;&#9472;&#9654;</FONT></TD>"
			  "<TD ALIGN=\"LEFT\">the claim was reported in the article</TD></TR>"
			  "<TR><TD><FONT COLOR=\"#555555\">&#9548;&#9548;&#9548;&#9655;</FONT></TD>"
			  "<TD ALIGN=\"LEFT\">the person is a member of the organization</TD></TR>");
	strbuf_addf(&h, "<TR><TD><FONT COLOR=\"%s\"><B>&#9664;&#9472;&#9472;&#9654;</B></FONT></TD>"
			"<TD ALIGN=\"LEFT\">the claims conflict (one for, one against)</TD></TR>"
			"<TR><TD><FONT COLOR=\"%s\">&#9476;&#9476;&#9476;&#9476;</FONT></TD>"
			"<TD ALIGN=\"LEFT\">conflicting claims, boxed: &#8220;disputed: what&#8221;</TD></TR>"
			"<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">"
			"A thicker claim box is reported by more than one article.</FONT></TD></TR></TABLE>",
		    CONFLICT_COLOR, CONFLICT_COLOR);
	set_html(at, n, at->n_label, &h);
	strbuf_release(&h);
	strbuf t = STRBUF_INIT;
	strbuf_addstr(&t, "legend");
	set_text(n, at->n_tooltip, &t);
	strbuf_release(&t);
}

static Agnode_t *source_node(struct attrs *at, const struct model *m, size_t i)
{
	const struct gsource *g = &m->src[i];
	char name[40];
	snprintf(name, sizeof(name), "s%lld", g->id);
	Agnode_t *n = agnode(at->g, name, 1);
	const struct kind_style *ks = style_of(g->kind);
	agxset(n, at->n_shape, (char *)ks->shape);
	agxset(n, at->n_style, (char *)ks->style);
	agxset(n, at->n_fill, (char *)ks->fill);
	agxset(n, at->n_color, (char *)ks->line);
	strbuf body = STRBUF_INIT, counts = STRBUF_INIT;
	strbuf_addstr(&body, "<B>");
	double w = text_width(add_wrapped(&body, g->name, 26, 3), 11, EM_BOLD);
	strbuf_addstr(&body, "</B>");
	if (g->title) {
		strbuf_addstr(&body, "<BR/><FONT POINT-SIZE=\"9\">");
		double tw = text_width(add_wrapped(&body, g->title, 30, 3), 9, EM_REGULAR);
		strbuf_addstr(&body, "</FONT>");
		if (tw > w)
			w = tw;
	}
	/* an organization shown for its members may have no quotes at all */
	if (g->quotes) {
		plural(&counts, g->quotes, "quote");
		strbuf_addstr(&counts, ", ");
		plural(&counts, g->articles, "article");
	} else {
		strbuf_addstr(&counts, "no quotes of its own");
	}
	if (g->claims > g->shown_claims)
		strbuf_addf(&counts, "; %zu of %zu claims shown", g->shown_claims, g->claims);
	if (text_width(counts.len, 8, EM_REGULAR) > w)
		w = text_width(counts.len, 8, EM_REGULAR);
	strbuf h = STRBUF_INIT;
	cell_open(&h, w, "CENTER");
	strbuf_addf(&h, "%s<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">%s</FONT>", body.buf, counts.buf);
	cell_close(&h);
	strbuf_release(&body);
	strbuf_release(&counts);
	set_html(at, n, at->n_label, &h);
	strbuf t = STRBUF_INIT;
	add_text(&t, g->name);
	if (g->title) {
		strbuf_addstr(&t, ", ");
		add_text(&t, g->title);
	}
	strbuf_addf(&t, " (%s, source %lld): ", g->kind, g->id);
	if (g->quotes) {
		plural(&t, g->quotes, "quote");
		strbuf_addstr(&t, " in ");
		plural(&t, g->articles, "article");
	} else {
		strbuf_addstr(&t, "no quotes of its own");
	}
	set_text(n, at->n_tooltip, &t);
	strbuf_release(&h);
	strbuf_release(&t);
	return n;
}

static int is_web_url(const char *u)
{
	return u && (!strncmp(u, "https://", 8) || !strncmp(u, "http://", 7));
}

static Agnode_t *article_node(struct attrs *at, const struct model *m, size_t i)
{
	const struct garticle *a = &m->art[i];
	char name[40];
	snprintf(name, sizeof(name), "a%lld", a->id);
	Agnode_t *n = agnode(at->g, name, 1);
	agxset(n, at->n_shape, "tab");
	agxset(n, at->n_fill, ARTICLE_FILL);
	agxset(n, at->n_color, ARTICLE_LINE);
	strbuf body = STRBUF_INIT;
	double w = 0;
	if (a->outlet) {
		strbuf_addstr(&body, "<B>");
		w = text_width(add_wrapped(&body, a->outlet, 30, 1), 11, EM_BOLD);
		strbuf_addstr(&body, "</B><BR/>");
	}
	if (a->title) {
		double tw = text_width(add_wrapped(&body, a->title, 32, 3), 11, EM_REGULAR);
		if (tw > w)
			w = tw;
	} else {
		strbuf_addstr(&body, "<I>(no title)</I>");
	}
	strbuf_addstr(&body, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">");
	size_t cps = 0;
	if (a->date) {
		cps += add_wrapped(&body, a->date, 30, 1) + 3;
		strbuf_addstr(&body, " &#183; ");
	}
	cps += add_wrapped(&body, a->doc, 40, 1);
	strbuf_addstr(&body, "</FONT>");
	if (text_width(cps, 9, EM_REGULAR) > w)
		w = text_width(cps, 9, EM_REGULAR);
	strbuf h = STRBUF_INIT;
	cell_open(&h, w, "LEFT");
	strbuf_add(&h, body.buf, body.len);
	cell_close(&h);
	strbuf_release(&body);
	set_html(at, n, at->n_label, &h);
	strbuf t = STRBUF_INIT;
	strbuf_addstr(&t, "article ");
	add_text(&t, a->doc);
	strbuf_addstr(&t, ": ");
	add_text(&t, a->title ? a->title : "(no title)");
	if (a->outlet || a->date) {
		strbuf_addstr(&t, " (");
		add_text(&t, a->outlet);
		strbuf_addstr(&t, a->outlet && a->date ? ", " : "");
		add_text(&t, a->date);
		strbuf_addstr(&t, ")");
	}
	set_text(n, at->n_tooltip, &t);
	if (is_web_url(a->url)) {
		strbuf_reset(&t);
		graph_escape_text(&t, a->url, strlen(a->url), 1);
		set_text(n, at->n_url, &t);
	}
	strbuf_release(&h);
	strbuf_release(&t);
	return n;
}

/* The texts of a claim cluster's quotes, read when it is drawn. */
static char *quote_text(sqlite3_stmt *st, long long id)
{
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return xstrdup("");
	return store_column_dup(st, 0);
}

#define TOOLTIP_QUOTES 12

static Agnode_t *claim_node(struct attrs *at, const struct model *m, size_t c, sqlite3_stmt *text_st)
{
	const struct gclaim *cl = &m->cl[c];
	char name[40];
	snprintf(name, sizeof(name), "c%lld", cl->id);
	Agnode_t *n = agnode(at->claims, name, 1);
	agxset(n, at->n_shape, "box");
	agxset(n, at->n_style, "filled,rounded");
	agxset(n, at->n_fill, CLAIM_FILL);
	agxset(n, at->n_color, CLAIM_LINE);
	if (cl->narticles > 1)
		agxset(n, at->n_pen, "2");
	char *text = quote_text(text_st, m->q[cl->q0].id);
	if (!text)
		text = xstrdup("");
	strbuf body = STRBUF_INIT;
	strbuf_addstr(&body, "<FONT POINT-SIZE=\"10\">&#8220;");
	double w = text_width(add_wrapped(&body, text, 38, 4) + 2, 10, EM_REGULAR);
	strbuf_addstr(&body, "&#8221;</FONT>");
	if (cl->nq > 1 || cl->narticles > 1) {
		strbuf counts = STRBUF_INIT;
		plural(&counts, cl->nq, "quote");
		strbuf_addstr(&counts, " in ");
		plural(&counts, cl->narticles, "article");
		strbuf_addf(&body, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#666666\">%s</FONT>", counts.buf);
		if (text_width(counts.len, 8, EM_REGULAR) > w)
			w = text_width(counts.len, 8, EM_REGULAR);
		strbuf_release(&counts);
	}
	strbuf h = STRBUF_INIT;
	cell_open(&h, w, "LEFT");
	strbuf_add(&h, body.buf, body.len);
	cell_close(&h);
	strbuf_release(&body);
	set_html(at, n, at->n_label, &h);
	strbuf t = STRBUF_INIT;
	strbuf_addf(&t, "claim %lld: ", cl->id);
	add_text(&t, text);
	if (cl->nq > 1) {
		strbuf_addstr(&t, "\n\nin other words:");
		for (size_t k = cl->q0 + 1; k < cl->q0 + cl->nq && k < cl->q0 + TOOLTIP_QUOTES; k++) {
			const struct gquote *q = &m->q[k];
			char *qt = quote_text(text_st, q->id);
			strbuf_addstr(&t, "\n- ");
			add_text(&t, m->art[q->article].doc);
			strbuf_addf(&t, ":%u", q->line);
			if (q->source >= 0) {
				strbuf_addstr(&t, " ");
				add_text(&t, m->src[q->source].name);
			}
			strbuf_addstr(&t, ": ");
			if (qt)
				graph_escape_text(&t, qt, strlen(qt), 0);
			free(qt);
		}
		if (cl->nq > TOOLTIP_QUOTES)
			strbuf_addf(&t, "\n- and %zu more", cl->nq - TOOLTIP_QUOTES);
	}
	set_text(n, at->n_tooltip, &t);
	free(text);
	strbuf_release(&h);
	strbuf_release(&t);
	return n;
}

/* Lowercase ASCII and spaces collapsed: "Told reporters" and "told
 * reporters" are one cue. */
static void fold_cue(strbuf *out, const char *cue)
{
	int space = 0;
	for (const char *p = cue; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
			space = out->len > 0;
			continue;
		}
		if (space)
			strbuf_addch(out, ' ');
		space = 0;
		strbuf_addch(out, ch >= 'A' && ch <= 'Z' ? (char)(ch + 32) : (char)ch);
	}
}

static int has_letter(const char *s)
{
	for (; *s; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* Source to claim: one edge per source and stance, labelled with the
 * cues; the more quotes, the thicker. */
static void speech_edges(struct attrs *at, const struct model *m, size_t c, Agnode_t *cn, Agnode_t **src_nodes)
{
	const struct gclaim *cl = &m->cl[c];
	for (size_t k = cl->q0; k < cl->q0 + cl->nq; k++) {
		const struct gquote *q = &m->q[k];
		if (q->source < 0 || !src_nodes[q->source])
			continue;
		int done = 0;
		for (size_t j = cl->q0; j < k && !done; j++)
			done = m->q[j].source == q->source && m->q[j].stance == q->stance;
		if (done)
			continue;
		/* the distinct cues of this source and stance, in quote order */
		strbuf cues = STRBUF_INIT, folded = STRBUF_INIT, one = STRBUF_INIT;
		size_t count = 0, ncues = 0;
		for (size_t j = k; j < cl->q0 + cl->nq; j++) {
			const struct gquote *o = &m->q[j];
			if (o->source != q->source || o->stance != q->stance)
				continue;
			count++;
			if (!o->cue || !has_letter(o->cue))
				continue;   /* a colon, a dash: no verb to show */
			strbuf_reset(&one);
			fold_cue(&one, o->cue);
			int seen = 0;
			for (size_t p = 0; p < folded.len && !seen; p += strlen(folded.buf + p) + 1)
				seen = !strcmp(folded.buf + p, one.buf);
			if (seen)
				continue;
			strbuf_add(&folded, one.buf, one.len + 1);
			if (ncues++ < 2) {
				if (cues.len)
					strbuf_addstr(&cues, ", ");
				graph_escape_html(&cues, one.buf, one.len, 24);
			} else if (ncues == 3) {
				strbuf_addstr(&cues, ", &#8230;");
			}
		}
		Agedge_t *e = agedge(at->g, src_nodes[q->source], cn, NULL, 1);
		if (!cues.len)
			strbuf_addstr(&cues, " ");
		if (count > 1)
			strbuf_addf(&cues, " &#215;%zu", count);
		set_html(at, e, at->e_label, &cues);
		agxset(e, at->e_color, (char *)stance_color[q->stance]);
		agxset(e, at->e_fontcolor, (char *)stance_color[q->stance]);
		char pen[16];
		snprintf(pen, sizeof(pen), "%.1f", 1.2 + (count > 4 ? 4 : (double)(count - 1)) * 0.5);
		agxset(e, at->e_pen, pen);
		if (q->stance == ST_HEDGE)
			agxset(e, at->e_style, "dashed");
		strbuf t = STRBUF_INIT;
		add_text(&t, m->src[q->source].name);
		strbuf_addf(&t, " %s claim %lld (", stance_verb[q->stance], cl->id);
		plural(&t, count, "quote");
		strbuf_addstr(&t, ")");
		set_text(e, at->e_tooltip, &t);
		strbuf_release(&t);
		strbuf_release(&cues);
		strbuf_release(&folded);
		strbuf_release(&one);
	}
}

static void report_edges(struct attrs *at, const struct model *m, size_t c, Agnode_t *cn, Agnode_t **art_nodes)
{
	const struct gclaim *cl = &m->cl[c];
	for (size_t k = cl->q0; k < cl->q0 + cl->nq; k++) {
		const struct gquote *q = &m->q[k];
		if (!art_nodes[q->article])
			continue;
		int done = 0;
		for (size_t j = cl->q0; j < k && !done; j++)
			done = m->q[j].article == q->article;
		if (done)
			continue;
		Agedge_t *e = agedge(at->g, cn, art_nodes[q->article], NULL, 1);
		agxset(e, at->e_arrowhead, "vee");
		strbuf t = STRBUF_INIT;
		strbuf_addf(&t, "claim %lld reported in ", cl->id);
		add_text(&t, m->art[q->article].doc);
		set_text(e, at->e_tooltip, &t);
		strbuf_release(&t);
	}
}

/* The group (union-find root) of conflict-group member i. */
static size_t group_root(size_t *parent, size_t i)
{
	while (parent[i] != i)
		i = parent[i] = parent[parent[i]];
	return i;
}

/* Conflict ends (conflict_boxes) by node, then as given. */
static Agnode_t *const *sort_ends;
static const size_t *sort_key;

static int by_end_node(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	IDTYPE sa = AGSEQ(sort_ends[a]), sb = AGSEQ(sort_ends[b]);
	if (sa != sb)
		return sa < sb ? -1 : 1;
	return a < b ? -1 : a > b;
}

static int by_group(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	if (sort_key[a] != sort_key[b])
		return sort_key[a] < sort_key[b] ? -1 : 1;
	return a < b ? -1 : a > b;
}

/* Claims that conflict, drawn together in a dashed red box, "disputed:
 * LABEL", one box a group of claims joined by conflicts: without it
 * the layout put them anywhere in the claims' column, and a conflict was
 * an arc across dozens of claims (tests/xheld: 2 to 56 claims between the
 * ends of its 7 conflicts; 0 to 2 with the boxes). A box is a cluster,
 * which dot keeps contiguous; "newrank" lets its claims stay in the
 * claims' rank. Clusters are named subgraphs, which cgraph writes in the
 * order of their names' addresses: the same input gives the same DOT with
 * the same build (goldens hold at most one box). ends holds the two
 * claims of each conflict, pairwise; sorting, not comparing every pair,
 * keeps a store of thousands of conflicts (--max-claims 0) quick. */
static void conflict_boxes(Agraph_t *g, Agnode_t **ends, const struct conflict_pair **pairs, size_t nends)
{
	size_t *parent = xmalloc((nends + 1) * sizeof(*parent));
	size_t *order = xmalloc((nends + 1) * sizeof(*order));
	for (size_t i = 0; i < nends; i++)
		parent[i] = order[i] = i;
	/* the same claim in several conflicts: one member */
	sort_ends = ends;
	qsort(order, nends, sizeof(*order), by_end_node);
	for (size_t k = 1; k < nends; k++)
		if (ends[order[k]] == ends[order[k - 1]])
			parent[order[k]] = group_root(parent, order[k - 1]);
	for (size_t i = 0; i + 1 < nends; i += 2) {
		size_t a = group_root(parent, i), b = group_root(parent, i + 1);
		if (a != b)
			parent[a > b ? a : b] = a < b ? a : b;
	}
	/* the members of each group together, groups by their first end */
	for (size_t i = 0; i < nends; i++) {
		order[i] = i;
		parent[i] = group_root(parent, i);
	}
	sort_key = parent;
	qsort(order, nends, sizeof(*order), by_group);
	size_t boxes = 0;
	for (size_t k = 0; k < nends;) {
		size_t r = parent[order[k]], kend = k;
		while (kend < nends && parent[order[kend]] == r)
			kend++;
		char name[48];
		snprintf(name, sizeof(name), "cluster_conflict_%zu", boxes++);
		Agraph_t *box = agsubg(g, name, 1);
		agsafeset(box, "color", CONFLICT_COLOR, "");
		agsafeset(box, "style", "dashed", "");
		agsafeset(box, "fontcolor", CONFLICT_COLOR, "");
		agsafeset(box, "fontsize", "11", "");
		agsafeset(box, "labeljust", "l", "");
		strbuf t = STRBUF_INIT;
		strbuf_addstr(&t, "disputed: ");
		/* (a figure's dimension: its claims in the box give the values) */
		strbuf head = STRBUF_INIT;
		strbuf_add(&head, pairs[r / 2]->label, pairs[r / 2]->head);
		add_text(&t, head.buf);
		strbuf_release(&head);
		if (t.len > 60) {   /* a frame's label can be a sentence */
			size_t cut = 57;
			while (cut > 10 && ((unsigned char)t.buf[cut] & 0xc0) == 0x80)
				cut--;   /* not inside a UTF-8 character */
			strbuf_setlen(&t, cut);
			strbuf_addstr(&t, "...");
		}
		Agsym_t *label = agattr(g, AGRAPH, "label", NULL);
		if (!label)
			label = agattr(g, AGRAPH, "label", "");
		set_text(box, label, &t);
		strbuf_release(&t);
		for (; k < kend; k++)
			agsubnode(box, ends[order[k]], 1);
	}
	if (boxes)
		agsafeset(g, "newrank", "true", "");
	free(order);
	free(parent);
}

size_t graph_add_conflict_edges(Agraph_t *g, struct store *s, struct diag *d)
{
	(void)d;   /* store errors are reported through the store's sink */
	struct conflict_pair *v;
	size_t n, added = 0;
	if (load_conflicts(s, &v, &n))
		return 0;
	/* the two claims of each conflict drawn, pairwise, and its label */
	Agnode_t **ends = xmalloc((2 * n + 1) * sizeof(*ends));
	const struct conflict_pair **pairs = xmalloc((n + 1) * sizeof(*pairs));
	for (size_t i = 0; i < n; i++) {
		char a[40], b[40];
		snprintf(a, sizeof(a), "c%lld", v[i].a);
		snprintf(b, sizeof(b), "c%lld", v[i].b);
		Agnode_t *na = agnode(g, a, 0), *nb = agnode(g, b, 0);
		if (!na || !nb)
			continue;
		Agedge_t *e = agedge(g, na, nb, NULL, 1);
		agsafeset(e, "color", CONFLICT_COLOR, "");
		agsafeset(e, "fontcolor", CONFLICT_COLOR, "");
		agsafeset(e, "dir", "both", "");
		agsafeset(e, "constraint", "false", "");
		agsafeset(e, "penwidth", "1.6", "");
		/* no label: a labelled edge within one rank makes Graphviz
		   2.42's dot layout free memory twice (flat.c); the legend and
		   the tooltip say what it is */
		strbuf t = STRBUF_INIT;
		strbuf_addstr(&t, "conflict: ");
		add_text(&t, v[i].label);
		agsafeset(e, "tooltip", t.buf, "");
		strbuf_release(&t);
		ends[2 * added] = na;
		ends[2 * added + 1] = nb;
		pairs[added] = &v[i];
		added++;
	}
	conflict_boxes(g, ends, pairs, 2 * added);
	free(ends);
	free(pairs);
	conflict_pairs_free(v, n);
	return added;
}

static void member_edges(struct attrs *at, struct model *m, Agnode_t **src_nodes)
{
	for (size_t i = 0; i < m->nsrc; i++) {
		if (!src_nodes[i] || !m->src[i].member_of)
			continue;
		long o = find_source(m, m->src[i].member_of);
		if (o < 0 || (size_t)o == i || !src_nodes[o])
			continue;
		/* drawn from the organization, arrow back at it: the
		   organization is ranked left of its members, next to them,
		   instead of looping round the sources' column */
		Agedge_t *e = agedge(at->g, src_nodes[o], src_nodes[i], NULL, 1);
		agxset(e, at->e_style, "dashed");
		agxset(e, at->e_color, "#555555");
		agxset(e, at->e_fontcolor, "#555555");
		agxset(e, at->e_dir, "back");
		agxset(e, at->e_arrowtail, "empty");
		strbuf l = STRBUF_INIT;
		strbuf_addstr(&l, "<I>member of</I>");
		set_html(at, e, at->e_label, &l);
		strbuf_reset(&l);
		add_text(&l, m->src[i].name);
		strbuf_addstr(&l, " is a member of ");
		add_text(&l, m->src[o].name);
		set_text(e, at->e_tooltip, &l);
		strbuf_release(&l);
	}
}

static void graph_title(struct attrs *at, const struct graph_view *v, const struct graph_summary *sum)
{
	strbuf h = STRBUF_INIT;
	strbuf_addstr(&h, "<B>Who said what, and who reported it</B><BR ALIGN=\"LEFT\"/>"
			  "<FONT POINT-SIZE=\"11\" COLOR=\"#555555\">");
	if (v->doc) {
		strbuf_addstr(&h, "around article ");
		add_html(&h, v->doc, 60);
	} else if (v->source) {
		strbuf_addstr(&h, "around source ");
		add_html(&h, v->source, 60);
	} else if (v->claim) {
		strbuf_addf(&h, "around claim %lld", v->claim);
	} else {
		strbuf_addstr(&h, "the whole store");
	}
	if ((v->doc || v->source || v->claim) && v->depth > 1)
		strbuf_addf(&h, " (depth %d)", v->depth);
	if (v->top > 0)
		strbuf_addf(&h, ", the %d most quoted sources", v->top);
	if (v->min_articles > 1)
		strbuf_addf(&h, ", claims in %d or more articles", v->min_articles);
	strbuf_addstr(&h, ": ");
	plural(&h, sum->sources, "source");
	strbuf_addstr(&h, ", ");
	plural(&h, sum->claims, "claim");
	strbuf_addstr(&h, ", ");
	plural(&h, sum->articles, "article");
	if (sum->claims < sum->view_claims || sum->sources < sum->view_sources || sum->articles < sum->view_articles)
		strbuf_addf(&h, " (of %zu, %zu, %zu: the rest left out)", sum->view_sources, sum->view_claims,
			    sum->view_articles);
	strbuf_addstr(&h, "</FONT><BR ALIGN=\"LEFT\"/>");
	char *s = agstrdup_html(at->g, h.buf);
	agsafeset(at->g, "label", s, "");
	agstrfree(at->g, s);
	strbuf_release(&h);
}

Agraph_t *graph_build(struct store *s, const struct graph_view *v, struct graph_summary *sum, struct diag *d)
{
	memset(sum, 0, sizeof(*sum));
	struct model m;
	if (model_load(&m, s)) {
		model_free(&m);
		return NULL;
	}
	int found = seed_view(&m, s, v);
	if (found < 0) {
		model_free(&m);
		return NULL;
	}
	sum->seed_found = found;
	choose(&m, v, sum);
	sqlite3_stmt *text_st = store_prepare(s, "SELECT text FROM quotes WHERE id = ?1");
	if (!text_st) {
		model_free(&m);
		return NULL;
	}
	Agraph_t *g = agopen("whosaid", Agdirected, NULL);
	struct attrs at;
	declare(&at, g);
	add_legend(&at);
	Agnode_t **src_nodes = xcalloc(m.nsrc + 1, sizeof(Agnode_t *));
	Agnode_t **art_nodes = xcalloc(m.nart + 1, sizeof(Agnode_t *));
	for (size_t i = 0; i < m.nsrc; i++)
		if (m.src[i].shown)
			src_nodes[i] = source_node(&at, &m, i);
	/* the organizations the people shown belong to */
	for (size_t i = 0; i < m.nsrc; i++) {
		if (!src_nodes[i] || !m.src[i].member_of)
			continue;
		long o = find_source(&m, m.src[i].member_of);
		if (o >= 0 && !src_nodes[o]) {
			/* part of the view through its members */
			src_nodes[o] = source_node(&at, &m, (size_t)o);
			sum->sources++;
			if (!m.src[o].in_view)
				sum->view_sources++;
		}
	}
	for (size_t c = 0; c < m.ncl; c++)
		if (m.cl[c].shown) {
			Agnode_t *cn = claim_node(&at, &m, c, text_st);
			speech_edges(&at, &m, c, cn, src_nodes);
		}
	for (size_t i = 0; i < m.nart; i++)
		if (m.art[i].shown)
			art_nodes[i] = article_node(&at, &m, i);
	for (size_t c = 0; c < m.ncl; c++)
		if (m.cl[c].shown) {
			char name[40];
			snprintf(name, sizeof(name), "c%lld", m.cl[c].id);
			report_edges(&at, &m, c, agnode(g, name, 0), art_nodes);
		}
	member_edges(&at, &m, src_nodes);
	sum->conflicts = graph_add_conflict_edges(g, s, d);
	graph_title(&at, v, sum);
	sqlite3_finalize(text_st);
	free(src_nodes);
	free(art_nodes);
	model_free(&m);
	return g;
}

/* ---- output -------------------------------------------------------------- */

/* The layout and core plugins, linked in: SVG without Graphviz's plugin
 * configuration file (written when the graphviz package is installed,
 * missing in minimal containers). */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;

lt_symlist_t lt_preloaded_symbols[] = {
	{ "gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library },
	{ "gvplugin_core_LTX_library", &gvplugin_core_LTX_library },
	{ NULL, NULL },
};

static struct diag *gv_diag;

/* Graphviz's messages ("Warning: ...", "Error: ...") through our sink. */
static int gv_message(char *msg)
{
	if (!gv_diag)
		return 0;
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	if (!n)
		return 0;
	enum diag_level level = DIAG_ERROR;
	if (!strncmp(msg, "Warning: ", 9)) {
		level = DIAG_WARNING;
		msg += 9;
		n -= 9;
	} else if (!strncmp(msg, "Error: ", 7)) {
		msg += 7;
		n -= 7;
	}
	diag_report(gv_diag, level, NULL, 0, 0, "graphviz: %.*s", (int)n, msg);
	return 0;
}

int graph_write(Agraph_t *g, enum graph_format f, FILE *out, struct diag *d)
{
	gv_diag = d;
	agseterrf(gv_message);
	agreseterrors();
	int ret = 0;
	if (f == GRAPH_DOT) {
		if (agwrite(g, out) != 0)
			ret = -1;
	} else {
		GVC_t *gvc = gvContextPlugins(lt_preloaded_symbols, 0);
		if (!gvc) {
			diag_report(d, DIAG_ERROR, NULL, 0, 0, "graphviz: cannot start");
			gv_diag = NULL;
			return -1;
		}
		if (gvLayout(gvc, g, "dot") != 0 || agerrors() >= AGERR) {
			diag_report(d, DIAG_ERROR, NULL, 0, 0, "graphviz: the layout failed");
			ret = -1;
		} else {
			if (gvRender(gvc, g, "svg", out) != 0 || agerrors() >= AGERR) {
				diag_report(d, DIAG_ERROR, NULL, 0, 0, "graphviz: cannot render SVG");
				ret = -1;
			}
			gvFreeLayout(gvc, g);
		}
		gvFreeContext(gvc);
	}
	if (!ret && agerrors() >= AGERR)
		ret = -1;
	agseterrf(NULL);
	gv_diag = NULL;
	return ret;
}
