/* stance: claims against stored articles through an inverted index (see
 * include/stance.h). */
#include "stance.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Thresholds measured on the FNC-1 development split (tests/stance_fnc1.sh);
 * the environment can override them to tune. */
#define RELATED_MIN 0.30    /* share of the claim's weight an article must hold */
#define SENTENCE_MIN 0.25   /* share a sentence must hold to be evidence */
#define FOR_MIN 0.85        /* share the best sentence holds to restate the claim */
#define REPORT_WEIGHT 0.2   /* a reporting word offsets a fifth of a refutation */

struct term_map {
	char **keys;
	uint32_t *ids;
	size_t cap, n;
};

struct sentence {
	size_t start, end;
	uint32_t *terms;   /* sorted term ids */
	size_t nterms;
};

struct article_terms {
	struct sentence *s;  /* NULL until an article is first judged */
	size_t ns;
	struct stance_counts counts; /* of the whole article, with s */
};

struct stance_index {
	const struct claim_rules *cr;
	const struct conflict_rules *cf;
	struct claim_scratch *cs;
	const char *const *bodies;
	const size_t *lens;
	size_t n;
	struct term_map terms;
	uint32_t *df;               /* per term id */
	size_t nterm_alloc;
	size_t *post_start;         /* CSR: articles holding term t are */
	uint32_t *post;             /* post[post_start[t] .. post_start[t+1]) */
	struct article_terms *art;
	double related_min, sentence_min, for_min, report_weight;
	/* per query scratch */
	double *score;
	uint32_t *touched;
	size_t ntouched;
};

static uint64_t fnv(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* The id of a term, added when add is set; UINT32_MAX when unknown. */
static uint32_t term_id(struct term_map *m, const char *s, size_t n, int add)
{
	if (m->cap == 0) {
		if (!add)
			return UINT32_MAX;
		m->cap = 1024;
		m->keys = xcalloc(m->cap, sizeof(char *));
		m->ids = xcalloc(m->cap, sizeof(uint32_t));
	}
	size_t h = (size_t)fnv(s, n) & (m->cap - 1);
	while (m->keys[h]) {
		if (strlen(m->keys[h]) == n && !memcmp(m->keys[h], s, n))
			return m->ids[h];
		h = (h + 1) & (m->cap - 1);
	}
	if (!add)
		return UINT32_MAX;
	m->keys[h] = xstrndup(s, n);
	m->ids[h] = (uint32_t)m->n++;
	uint32_t id = m->ids[h];
	if (m->n * 2 > m->cap) {
		size_t ncap = m->cap * 2;
		char **nk = xcalloc(ncap, sizeof(char *));
		uint32_t *ni = xcalloc(ncap, sizeof(uint32_t));
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = (size_t)fnv(m->keys[i], strlen(m->keys[i])) & (ncap - 1);
			while (nk[j])
				j = (j + 1) & (ncap - 1);
			nk[j] = m->keys[i];
			ni[j] = m->ids[i];
		}
		free(m->keys);
		free(m->ids);
		m->keys = nk;
		m->ids = ni;
		m->cap = ncap;
	}
	return id;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

/* The term ids of [s, s+n) (sorted, unique); add: new terms get ids. */
static size_t text_terms(struct stance_index *ix, const char *s, size_t n, int add, strbuf *scratch,
			 uint32_t **out, size_t *alloc)
{
	claim_normalize_with(ix->cs, ix->cr, s, n, CLAIM_ASSERT, scratch);
	size_t k = 0;
	const char *p = scratch->buf, *end = scratch->buf + scratch->len;
	while (p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		const char *we = sp ? sp : end;
		uint32_t id = term_id(&ix->terms, p, (size_t)(we - p), add);
		if (id != UINT32_MAX) {
			ALLOC_GROW(*out, k + 1, *alloc);
			(*out)[k++] = id;
		}
		p = sp ? sp + 1 : end;
	}
	if (k > 1)
		qsort(*out, k, sizeof(uint32_t), cmp_u32);
	return k;
}

static double env_or(const char *name, double dflt)
{
	const char *v = getenv(name);
	return v && *v ? atof(v) : dflt;
}

struct stance_index *stance_index_build(const struct claim_rules *cr, const struct conflict_rules *cf,
					const char *const *bodies, const size_t *lens, size_t n)
{
	struct stance_index *ix = xcalloc(1, sizeof(*ix));
	ix->cr = cr;
	ix->cf = cf;
	ix->cs = claim_scratch_new();
	ix->bodies = bodies;
	ix->lens = lens;
	ix->n = n;
	ix->related_min = env_or("WHOSAID_STANCE_RELATED", RELATED_MIN);
	ix->sentence_min = env_or("WHOSAID_STANCE_SENTENCE", SENTENCE_MIN);
	ix->for_min = env_or("WHOSAID_STANCE_FOR", FOR_MIN);
	ix->report_weight = env_or("WHOSAID_STANCE_REPORT", REPORT_WEIGHT);
	ix->art = xcalloc(n ? n : 1, sizeof(*ix->art));
	strbuf scratch;
	strbuf_init(&scratch, 4096);
	/* two passes: the terms of every article, then postings in CSR form */
	uint32_t **aterms = xcalloc(n ? n : 1, sizeof(uint32_t *));
	size_t *naterms = xcalloc(n ? n : 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		size_t alloc = 0;
		naterms[i] = text_terms(ix, bodies[i], lens[i], 1, &scratch, &aterms[i], &alloc);
	}
	size_t nt = ix->terms.n;
	ix->df = xcalloc(nt + 1, sizeof(uint32_t));
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < naterms[i]; k++)
			ix->df[aterms[i][k]]++;
	ix->post_start = xcalloc(nt + 2, sizeof(size_t));
	for (size_t t = 0; t < nt; t++)
		ix->post_start[t + 1] = ix->post_start[t] + ix->df[t];
	ix->post = xmalloc((ix->post_start[nt] + 1) * sizeof(uint32_t));
	size_t *fill = xcalloc(nt + 1, sizeof(size_t));
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < naterms[i]; k++) {
			uint32_t t = aterms[i][k];
			ix->post[ix->post_start[t] + fill[t]++] = (uint32_t)i;
		}
		free(aterms[i]);
	}
	free(fill);
	free(aterms);
	free(naterms);
	strbuf_release(&scratch);
	ix->score = xcalloc(n ? n : 1, sizeof(double));
	ix->touched = xmalloc((n ? n : 1) * sizeof(uint32_t));
	return ix;
}

void stance_index_free(struct stance_index *ix)
{
	if (!ix)
		return;
	claim_scratch_free(ix->cs);
	for (size_t i = 0; i < ix->terms.cap; i++)
		free(ix->terms.keys[i]);
	free(ix->terms.keys);
	free(ix->terms.ids);
	free(ix->df);
	free(ix->post_start);
	free(ix->post);
	for (size_t i = 0; i < ix->n; i++) {
		for (size_t k = 0; k < ix->art[i].ns; k++)
			free(ix->art[i].s[k].terms);
		free(ix->art[i].s);
	}
	free(ix->art);
	free(ix->score);
	free(ix->touched);
	free(ix);
}

const char *stance_label_name(enum stance_label l)
{
	switch (l) {
	case STANCE_FOR: return "for";
	case STANCE_AGAINST: return "against";
	case STANCE_OBSERVING: return "observing";
	}
	return "observing";
}

static double idf(const struct stance_index *ix, uint32_t t)
{
	double df = t == UINT32_MAX ? 0 : ix->df[t];
	return log((double)(ix->n + 1) / (df + 1.0)) + 0.1;
}

/* Sentences of an article with their terms, made on first use. Sentence
 * ends: . ! ? followed by a space, and line ends. */
static void split_sentences(struct stance_index *ix, size_t a, strbuf *scratch)
{
	struct article_terms *at = &ix->art[a];
	if (at->s)
		return;
	const char *b = ix->bodies[a];
	size_t len = ix->lens[a], start = 0, alloc = 0;
	at->s = xcalloc(1, sizeof(*at->s));
	conflicts_count(ix->cf, b, len, &at->counts);
	for (size_t i = 0; i <= len; i++) {
		int end = i == len || b[i] == '\n' ||
			  ((b[i] == '.' || b[i] == '!' || b[i] == '?') && i + 1 < len && (b[i + 1] == ' '));
		if (!end)
			continue;
		size_t stop = i < len ? i + 1 : len;
		if (stop > start + 1) {
			ALLOC_GROW(at->s, at->ns + 1, alloc);
			struct sentence *s = &at->s[at->ns];
			size_t talloc = 0;
			s->start = start;
			s->end = stop;
			s->terms = NULL;
			s->nterms = text_terms(ix, b + start, stop - start, 0, scratch, &s->terms, &talloc);
			if (s->nterms)
				at->ns++;
			else
				free(s->terms);
		}
		start = stop;
	}
}

static int has_term(const uint32_t *v, size_t n, uint32_t t)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[mid] < t)
			lo = mid + 1;
		else if (v[mid] > t)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

static int cmp_row(const void *a, const void *b)
{
	const struct stance_row *x = a, *y = b;
	if (x->relevance != y->relevance)
		return x->relevance > y->relevance ? -1 : 1;
	return x->article < y->article ? -1 : x->article > y->article;
}

size_t stance_judge(struct stance_index *ix, const char *claim, size_t len, struct stance_row **rows)
{
	strbuf scratch;
	strbuf_init(&scratch, 256);
	*rows = NULL;
	uint32_t *ct = NULL;
	size_t ct_alloc = 0;
	/* every term of the claim weighs, known to the index or not; the
	 * words that call a story a hoax say nothing of what it is about */
	strbuf topic;
	strbuf_init(&topic, len + 1);
	conflicts_blank_refute(ix->cf, claim, len, &topic);
	claim_normalize_with(ix->cs, ix->cr, topic.buf, topic.len, CLAIM_ASSERT, &scratch);
	strbuf_release(&topic);
	double total = 0;
	size_t nct = 0;
	{
		const char *p = scratch.buf, *end = scratch.buf + scratch.len;
		while (p < end) {
			const char *sp = memchr(p, ' ', (size_t)(end - p));
			const char *we = sp ? sp : end;
			uint32_t id = term_id(&ix->terms, p, (size_t)(we - p), 0);
			total += idf(ix, id);
			if (id != UINT32_MAX) {
				ALLOC_GROW(ct, nct + 1, ct_alloc);
				ct[nct++] = id;
			}
			p = sp ? sp + 1 : end;
		}
	}
	size_t nrows = 0;
	if (total <= 0) {
		strbuf_release(&scratch);
		free(ct);
		return 0;
	}
	ix->ntouched = 0;
	for (size_t k = 0; k < nct; k++) {
		uint32_t t = ct[k];
		double w = idf(ix, t);
		for (size_t p = ix->post_start[t]; p < ix->post_start[t + 1]; p++) {
			uint32_t a = ix->post[p];
			if (ix->score[a] == 0)
				ix->touched[ix->ntouched++] = a;
			ix->score[a] += w;
		}
	}
	struct stance_counts claim_counts;
	conflicts_count(ix->cf, claim, len, &claim_counts);
	size_t alloc = 0;
	for (size_t k = 0; k < ix->ntouched; k++) {
		uint32_t a = ix->touched[k];
		double rel = ix->score[a] / total;
		ix->score[a] = 0;
		if (rel < ix->related_min)
			continue;
		split_sentences(ix, a, &scratch);
		/* the best sentences for the claim */
		struct stance_row r = { .article = a, .relevance = rel };
		double best[STANCE_EVIDENCE_MAX] = { 0 };
		const struct article_terms *at = &ix->art[a];
		for (size_t si = 0; si < at->ns; si++) {
			const struct sentence *s = &at->s[si];
			double got = 0;
			for (size_t c = 0; c < nct; c++)
				if (has_term(s->terms, s->nterms, ct[c]))
					got += idf(ix, ct[c]);
			got /= total;
			if (got < ix->sentence_min)
				continue;
			size_t pos = r.nev < STANCE_EVIDENCE_MAX ? r.nev : STANCE_EVIDENCE_MAX;
			while (pos > 0 && best[pos - 1] < got) {
				if (pos < STANCE_EVIDENCE_MAX) {
					best[pos] = best[pos - 1];
					r.ev_start[pos] = r.ev_start[pos - 1];
					r.ev_end[pos] = r.ev_end[pos - 1];
				}
				pos--;
			}
			if (pos < STANCE_EVIDENCE_MAX) {
				best[pos] = got;
				r.ev_start[pos] = s->start;
				r.ev_end[pos] = s->end;
				if (r.nev < STANCE_EVIDENCE_MAX)
					r.nev++;
			}
		}
		/* An article that calls the story fake is against a claim that
		 * tells it, and against a claim that calls it fake only when
		 * it never says so itself: whole-article counts, measured on
		 * FNC-1 to beat sentence-level ones. */
		const struct stance_counts *ac = &at->counts;
		int refutes = (double)ac->refute - ix->report_weight * ac->report >= 1.0;
		unsigned hedge = 0;
		for (size_t e = 0; e < r.nev; e++) {
			struct stance_counts c;
			conflicts_count(ix->cf, ix->bodies[a] + r.ev_start[e], r.ev_end[e] - r.ev_start[e], &c);
			hedge += c.hedge;
		}
		if (claim_counts.refute ? ac->refute == 0 : refutes)
			r.label = STANCE_AGAINST;
		else if (hedge == 0 && r.nev > 0 && best[0] >= ix->for_min)
			r.label = STANCE_FOR;
		else
			r.label = STANCE_OBSERVING;
		ALLOC_GROW(*rows, nrows + 1, alloc);
		(*rows)[nrows++] = r;
	}
	for (size_t k = 0; k < ix->ntouched; k++)
		ix->score[ix->touched[k]] = 0;
	if (nrows)
		qsort(*rows, nrows, sizeof(**rows), cmp_row);
	free(ct);
	strbuf_release(&scratch);
	return nrows;
}
