/* cluster: claims that say the same thing, found without comparing every
 * pair (see claims_cluster in include/claims.h).
 *
 * Each claim is a set of 64-bit term hashes. MinHash gives, per band of r
 * hash functions, one key per claim; two claims with Jaccard similarity s
 * share a band's key with probability s^r, so with b bands a pair is a
 * candidate with probability 1 - (1 - s^r)^b. Claims sharing a key are
 * compared exactly (sorted hash arrays, merged), and pairs at or above the
 * threshold are joined with union-find. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "claims.h"
#include "hash.h"
#include "strbuf.h"

#define BANDS 32
#define BAND_BLOCK 8
#define MAX_ROWS 8
/* Claims a bucket keeps to compare later members with. A bucket of many
 * unrelated claims (a common term as the minimum) costs at most this many
 * comparisons per member, which keeps the whole linear. */
#define BUCKET_REPS 8
#define MIN_SHARED 2

static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 31;
	return x;
}

static uint64_t hash_term(const char *s, size_t n)
{
	return mix64(fnv1a(FNV1A_OFFSET, s, n));
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* 32 bits of a band's key: two claims whose keys differ only in the
 * other 32 meet in one bucket about once per band in 2^32 pairs, which
 * costs an exact comparison and nothing else. Small pairs keep the sort
 * and the bucket scan in cache. */
struct pair {
	uint32_t key;
	uint32_t idx;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Sorts by key, then index: an LSD radix sort, 8 bits a pass (few enough
 * output streams to stay in cache, unlike 16), stable, so pairs written in
 * index order stay in index order within a key. Small inputs use qsort. */
static void sort_pairs(struct pair *p, struct pair *tmp, size_t n)
{
	if (n < 1024) {
		qsort(p, n, sizeof(*p), cmp_pair);
		return;
	}
	size_t count[256];
	for (int shift = 0; shift < 32; shift += 8) {
		memset(count, 0, sizeof(count));
		for (size_t i = 0; i < n; i++)
			count[(p[i].key >> shift) & 0xff]++;
		size_t sum = 0;
		for (size_t d = 0; d < 256; d++) {
			size_t c = count[d];
			count[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[(p[i].key >> shift) & 0xff]++] = p[i];
		struct pair *t = p;
		p = tmp;
		tmp = t;
	}
	/* four passes: the sorted pairs are back in the caller's p */
}

static uint32_t uf_find(uint32_t *parent, uint32_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static void uf_union(uint32_t *parent, uint32_t *size, uint32_t a, uint32_t b)
{
	a = uf_find(parent, a);
	b = uf_find(parent, b);
	if (a == b)
		return;
	if (size[a] < size[b]) {
		uint32_t t = a;
		a = b;
		b = t;
	}
	parent[b] = a;
	size[a] += size[b];
}

/* A claim's terms folded into 64 bits (bit = hash & 63), and how many
 * terms were lost to bits another of its terms had set. The terms two
 * claims share map into the bits both have set, losing at most the lost
 * count of either claim, so
 *     shared <= popcount(bits_a & bits_b) + min(lost_a, lost_b)
 * is a bound that rules out most candidates without reading their terms. */
struct term_sketch {
	uint64_t bits;
	uint32_t len, lost;
};

struct sets {
	uint64_t *h;      /* every claim's sorted, distinct term hashes */
	size_t *off;      /* claim i: h[off[i] .. off[i+1]) */
	struct term_sketch *sk;
};

static int similar(const struct sets *s, size_t a, size_t b, double threshold)
{
	const struct term_sketch *ka = &s->sk[a], *kb = &s->sk[b];
	size_t nx = ka->len, ny = kb->len;
	/* Jaccard is at most min/max: most candidates of a crowded bucket
	 * differ in length enough to be ruled out without the merge */
	size_t lo = nx < ny ? nx : ny, hi = nx < ny ? ny : nx;
	if (lo < MIN_SHARED || (double)lo < threshold * (double)hi)
		return 0;
	/* the fewest shared terms that reach the threshold: J = t/(nx+ny-t) */
	double need_d = threshold * (double)(nx + ny) / (1.0 + threshold);
	size_t need = (size_t)need_d;
	if ((double)need < need_d - 1e-9)
		need++;
	if (need < MIN_SHARED)
		need = MIN_SHARED;
	size_t bound = (size_t)__builtin_popcountll(ka->bits & kb->bits) + (ka->lost < kb->lost ? ka->lost : kb->lost);
	if (bound < need)
		return 0;
	const uint64_t *x = s->h + s->off[a], *y = s->h + s->off[b];
	size_t i = 0, j = 0, inter = 0;
	for (size_t step = 0; i < nx && j < ny; step++) {
		/* give up once the terms left cannot make up the difference (now
		 * and then: giving up later changes nothing, as inter < need is
		 * below the threshold by a whole term) */
		if (!(step & 7)) {
			size_t left = nx - i < ny - j ? nx - i : ny - j;
			if (inter + left < need)
				return 0;
		}
		/* without branches: which side moves is a coin toss to the CPU */
		uint64_t u = x[i], v = y[j];
		inter += u == v;
		i += u <= v;
		j += v <= u;
	}
	return inter >= MIN_SHARED && (double)inter >= threshold * (double)(nx + ny - inter);
}

/* What claims_cluster_with knows beyond the terms, and the figure terms
 * ("38", "nine") of every claim: their hashes, sorted, per claim how many
 * it has and the bits (hash & 63) they set, which rule out most pairs
 * without a search; and the hashes of the unit terms claims.c writes. */
struct lax {
	const struct claim_info *info;
	const uint64_t *figs;
	size_t nfigs;
	const uint64_t *figbits;
	const uint32_t *nfig;
	uint64_t units[8];
	size_t nunits;
	const uint64_t *names;   /* claim i's name hashes: names[name_off[i] .. name_off[i+1]) */
	const size_t *name_off;
};

/* Is h in the sorted v[0, n)? */
static int sorted_has(const uint64_t *v, size_t n, uint64_t h)
{
	size_t l = 0, r = n;
	while (l < r) {
		size_t m = (l + r) / 2;
		if (v[m] < h)
			l = m + 1;
		else
			r = m;
	}
	return l < n && v[l] == h;
}

/* Is h one of claim b's terms? */
static int has_term(const struct sets *s, size_t b, uint64_t h)
{
	return sorted_has(s->h + s->off[b], s->off[b + 1] - s->off[b], h);
}

/* Does claim a name something ("Dana", "Morocco") that b does not? */
static int names_other(const struct sets *s, const struct lax *lx, size_t a, size_t b)
{
	for (size_t k = lx->name_off[a]; k < lx->name_off[a + 1]; k++)
		if (!has_term(s, b, lx->names[k]))
			return 1;
	return 0;
}

/* Claims told in other words by several outlets share fewer terms than
 * the threshold asks: one outlet gives more detail ("about nine tonnes of
 * fertiliser had spilled from the overturned wagons into the brook",
 * "about nine tonnes of fertilizer spilled") or other words around the
 * same core. Two claims of one polarity join also when
 *   the shorter is contained in the longer: they share at least LAX_SHARED
 *     terms and three quarters of the shorter's, and the longer has at most
 *     2.5 times as many (a quote much longer than the other is more often
 *     two claims joined, "found a broken rail but that it was too early"); or
 *   they share at least LAX_MANY terms and a Jaccard similarity of 0.4;
 * and the figures of the one with fewer are all in the other ("its sales
 * rose 4 pct" and "its sales rose 9 pct" are two claims), and either one
 * source makes both or they give the same measure, a figure and its unit
 * ("nine tonnes", "61 km/h"). Figures without a unit are too common in
 * news text (prices, counts, dates) to join claims of other sources by. */
#define LAX_SHARED 3
#define LAX_MANY 4
#define LAX_BANDS 12

static const char *const unit_terms[] = { "kmh", "km", "mph", "tonn", "kg", "litr" };

static int is_figure_term(const char *p, size_t n)
{
	static const char *const words[] = { "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
					     "eleven", "twelv", "twenti", "thirti", "forti", "fifti", "sixti",
					     "seventi", "eighti", "nineti", "hundr", "dozen", NULL };
	if (n && p[0] >= '0' && p[0] <= '9')
		return 1;
	if (!n || n > 7 || !strchr("tfsenhd", p[0]))   /* the words' lengths and first letters */
		return 0;
	for (int i = 0; words[i]; i++)
		if (words[i][0] == p[0] && !strncmp(words[i], p, n) && !words[i][n])
			return 1;
	return 0;
}

static int is_fig_hash(const struct lax *lx, size_t a, uint64_t h)
{
	return (lx->figbits[a] & (1ull << (h & 63))) && sorted_has(lx->figs, lx->nfigs, h);
}

/* Is h the term of a unit (unit_terms)? */
static int is_unit_hash(const struct lax *lx, uint64_t h)
{
	for (size_t u = 0; u < lx->nunits; u++)
		if (h == lx->units[u])
			return 1;
	return 0;
}

static int similar_lax(const struct sets *s, const struct lax *lx, size_t a, size_t b)
{
	const struct claim_info *ia = &lx->info[a], *ib = &lx->info[b];
	if (ia->polarity != ib->polarity)
		return 0;
	size_t nx = s->sk[a].len, ny = s->sk[b].len;
	size_t lo = nx < ny ? nx : ny, hi = nx < ny ? ny : nx;
	if (lo < LAX_SHARED)
		return 0;
	int same = ia->source && ia->source == ib->source;
	if (!same && !(lx->figbits[a] & lx->figbits[b]))
		return 0;
	/* the fewest shared terms either test could pass with, against the
	   bound the sketches give (see similar) */
	size_t need = (size_t)-1;
	if (2 * hi <= 5 * lo)
		need = (3 * lo + 3) / 4 > LAX_SHARED ? (3 * lo + 3) / 4 : LAX_SHARED;
	size_t need_many = (2 * (nx + ny) + 6) / 7;   /* 5t >= 2(nx+ny-t): t >= 2(nx+ny)/7 */
	if (need_many < LAX_MANY)
		need_many = LAX_MANY;
	if (need_many < need)
		need = need_many;
	const struct term_sketch *ka = &s->sk[a], *kb = &s->sk[b];
	if ((size_t)__builtin_popcountll(ka->bits & kb->bits) + (ka->lost < kb->lost ? ka->lost : kb->lost) < need)
		return 0;
	const uint64_t *x = s->h + s->off[a], *y = s->h + s->off[b];
	size_t i = 0, j = 0, inter = 0, figs = 0;
	int unit = 0;
	while (i < nx && j < ny) {
		if (x[i] == y[j]) {
			inter++;
			figs += is_fig_hash(lx, a, x[i]);
			unit |= is_unit_hash(lx, x[i]);
			i++;
			j++;
		} else if (x[i] < y[j]) {
			i++;
		} else {
			j++;
		}
	}
	/* the figures of the claim with fewer are all in the other */
	uint32_t fewer = lx->nfig[a] < lx->nfig[b] ? lx->nfig[a] : lx->nfig[b];
	if (figs < fewer || !(same || (figs && unit)))
		return 0;
	if (!(inter >= LAX_SHARED && 4 * inter >= 3 * lo && 2 * hi <= 5 * lo) &&
	    !(inter >= LAX_MANY && 5 * inter >= 2 * (nx + ny - inter)))
		return 0;
	/* each names something the other does not: other subjects ("it
	   downgraded Dana Corp's debt", "it downgraded Bethlehem Steel") */
	return !(names_other(s, lx, a, b) && names_other(s, lx, b, a));
}

/* The most rows per band that still finds a pair at the threshold with a
 * chance of 98%: more rows make fewer, purer candidates. */
static int rows_for(double threshold)
{
	int r = 1;
	for (int k = 2; k <= MAX_ROWS; k++)
		if (1.0 - pow(1.0 - pow(threshold, k), BANDS) >= 0.98)
			r = k;
	return r;
}

/* The next word of the space-separated list at *p (its length in *len),
 * *p moved past it; NULL at the end. */
static const char *next_word(const char **p, size_t *len)
{
	const char *w = *p;
	while (*w == ' ')
		w++;
	const char *e = w;
	while (*e && *e != ' ')
		e++;
	*p = e;
	*len = (size_t)(e - w);
	return e > w ? w : NULL;
}

/* Hashes the terms of s (separated by spaces) into buf, up to cap of
 * them; returns how many there are. */
static size_t each_term(const char *s, uint64_t *buf, size_t cap)
{
	size_t n = 0, len;
	const char *p = s ? s : "";
	for (const char *w; (w = next_word(&p, &len)); n++)
		if (n < cap)
			buf[n] = hash_term(w, len);
	return n;
}

/* Sorts the np (key, claim) pairs and compares each bucket's members with
 * its representatives, the first few earlier members of distinct
 * clusters, by similar(), or by similar_lax() when lx is not NULL; pairs
 * that pass are joined. */
static void compare_buckets(const struct sets *s, double threshold, const struct lax *lx, uint32_t *parent,
			    uint32_t *size, struct pair *pairs, struct pair *tmp, size_t np)
{
	sort_pairs(pairs, tmp, np);
	for (size_t g = 0; g < np;) {
		size_t e = g + 1;
		while (e < np && pairs[e].key == pairs[g].key)
			e++;
		uint32_t reps[BUCKET_REPS];
		size_t nreps = 0;
		for (size_t m = g; m < e && e - g > 1; m++) {
			uint32_t i = pairs[m].idx;
			int joined = 0;
			for (size_t q = 0; q < nreps; q++) {
				uint32_t j = reps[q];
				if (uf_find(parent, i) == uf_find(parent, j)) {
					joined = 1;
					continue;
				}
				if (lx ? similar_lax(s, lx, i, j) : similar(s, i, j, threshold)) {
					uf_union(parent, size, i, j);
					joined = 1;
				}
			}
			if (!joined && nreps < BUCKET_REPS)
				reps[nreps++] = i;
		}
		g = e;
	}
}

/* One pass of LSH banding: bands bands of rows MinHash rows each (salt
 * picks the hash functions), each bucket's members compared (see
 * compare_buckets). With claim_key, a claim's keys mix in its own key, so
 * that only claims of one key meet (0: the claim takes no part). */
static void lsh_pass(const struct sets *s, size_t n, int bands, int rows, uint64_t salt, const uint64_t *claim_key,
		     double threshold, const struct lax *lx, uint32_t *parent, uint32_t *size, struct pair *pairs,
		     struct pair *tmp, uint32_t *keys)
{
	/* Band keys are computed BAND_BLOCK bands at a time, claim by claim,
	 * so that each claim's terms are read once per block while they are
	 * in cache rather than once per band from all over memory. */
	uint64_t seeds[BAND_BLOCK][MAX_ROWS], mults[BAND_BLOCK][MAX_ROWS];
	for (int band = 0; band < bands; band++) {
		int bb = band % BAND_BLOCK;
		if (!bb) {
			int nb = bands - band < BAND_BLOCK ? bands - band : BAND_BLOCK;
			for (int x = 0; x < nb; x++)
				for (int r = 0; r < rows; r++) {
					seeds[x][r] = mix64(0x9e3779b97f4a7c15ull * (uint64_t)((band + x) * MAX_ROWS + r + 1) + salt);
					mults[x][r] = mix64(seeds[x][r]) | 1;
				}
			for (size_t i = 0; i < n; i++) {
				size_t a = s->off[i], b = s->off[i + 1];
				if (b - a < MIN_SHARED || (claim_key && !claim_key[i]))
					continue;   /* cannot share enough terms with anything */
				for (int x = 0; x < nb; x++) {
					uint64_t key = mix64((uint64_t)(band + x) + 0x51ed270b7f4a7c15ull +
							     (claim_key ? claim_key[i] : 0));
					for (int r = 0; r < rows; r++) {
						uint64_t m = UINT64_MAX;
						for (size_t j = a; j < b; j++) {
							/* the term hashes are mixed already: one
							 * odd multiply orders them afresh per row */
							uint64_t v = (s->h[j] ^ seeds[x][r]) * mults[x][r];
							if (v < m)
								m = v;
						}
						key = mix64(key ^ m) + (uint64_t)r;
					}
					keys[i * BAND_BLOCK + (size_t)x] = (uint32_t)(key >> 32);
				}
			}
		}
		size_t np = 0;
		for (size_t i = 0; i < n; i++) {
			if (s->off[i + 1] - s->off[i] < MIN_SHARED || (claim_key && !claim_key[i]))
				continue;
			pairs[np].key = keys[i * BAND_BLOCK + (size_t)bb];
			pairs[np++].idx = (uint32_t)i;
		}
		compare_buckets(s, threshold, lx, parent, size, pairs, tmp, np);
	}
}

size_t claims_cluster(char *const *terms, const long long *article_ids, size_t n,
		      double threshold, size_t *cluster_out)
{
	(void)article_ids;
	return claims_cluster_with(terms, NULL, NULL, n, threshold, cluster_out);
}

size_t claims_cluster_with(char *const *terms, const struct claim_info *info, const size_t *seed, size_t n,
			   double threshold, size_t *cluster_out)
{
	if (!n)
		return 0;
	if (n >= UINT32_MAX) {
		/* indexes are 32 bits to keep the tables in cache */
		fprintf(stderr, "whosaid: fatal: %zu claims are more than claims_cluster can index\n", n);
		abort();
	}
	if (!(threshold > 0))
		threshold = 1e-9;
	if (threshold > 1)
		threshold = 1;

	/* term hashes, sorted and distinct per claim */
	struct sets s;
	s.off = xmalloc((n + 1) * sizeof(*s.off));
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += each_term(terms[i], NULL, 0);
	s.h = xmalloc((total + 1) * sizeof(*s.h));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		s.off[i] = k;
		k += each_term(terms[i], s.h + k, total - k);
		qsort(s.h + s.off[i], k - s.off[i], sizeof(*s.h), cmp_u64);
		size_t w = s.off[i];
		for (size_t j = s.off[i]; j < k; j++)
			if (j == s.off[i] || s.h[j] != s.h[w - 1])
				s.h[w++] = s.h[j];
		k = w;
	}
	s.off[n] = k;
	s.sk = xmalloc((n + 1) * sizeof(*s.sk));
	for (size_t i = 0; i < n; i++) {
		uint64_t bits = 0;
		uint32_t lost = 0;
		for (size_t j = s.off[i]; j < s.off[i + 1]; j++) {
			uint64_t bit = 1ull << (s.h[j] & 63);
			if (bits & bit)
				lost++;
			bits |= bit;
		}
		s.sk[i].bits = bits;
		s.sk[i].len = (uint32_t)(s.off[i + 1] - s.off[i]);
		s.sk[i].lost = lost;
	}

	uint32_t *parent = xmalloc(n * sizeof(*parent));
	uint32_t *size = xmalloc(n * sizeof(*size));
	for (size_t i = 0; i < n; i++) {
		parent[i] = (uint32_t)i;
		size[i] = 1;
	}
	struct pair *pairs = xmalloc(n * sizeof(*pairs));
	struct pair *tmp = xmalloc(n * sizeof(*tmp));

	uint32_t *keys = xmalloc((n + 1) * BAND_BLOCK * sizeof(*keys));
	if (seed) {
		/* the clusters the caller found already: their claims start
		   joined, and the pass that would find them is not run again */
		uint32_t *first = xmalloc((n + 1) * sizeof(*first));
		for (size_t i = 0; i < n; i++)
			first[i] = UINT32_MAX;
		for (size_t i = 0; i < n; i++) {
			size_t c = seed[i] < n ? seed[i] : i;
			if (first[c] == UINT32_MAX)
				first[c] = (uint32_t)i;
			else
				uf_union(parent, size, first[c], (uint32_t)i);
		}
		free(first);
	} else {
		lsh_pass(&s, n, BANDS, rows_for(threshold), 0, NULL, threshold, NULL, parent, size, pairs, tmp, keys);
	}
	if (info) {
		/* the lax joins: candidates of one source or one measure only */
		struct lax lx = { info, NULL, 0, NULL, NULL, { 0 }, 0, NULL, NULL };
		for (size_t u = 0; u < sizeof(unit_terms) / sizeof(*unit_terms); u++)
			lx.units[lx.nunits++] = hash_term(unit_terms[u], strlen(unit_terms[u]));
		uint64_t *figs = NULL, *figbits = xcalloc(n + 1, sizeof(*figbits));
		uint32_t *nfig = xcalloc(n + 1, sizeof(*nfig));
		size_t nf = 0, fa = 0;
		for (size_t i = 0; i < n; i++) {
			const char *p = terms[i] ? terms[i] : "";
			size_t len;
			for (const char *w; (w = next_word(&p, &len));) {
				if (!is_figure_term(w, len))
					continue;
				uint64_t h = hash_term(w, len);
				ALLOC_GROW(figs, nf + 1, fa);
				figs[nf++] = h;
				figbits[i] |= 1ull << (h & 63);
				nfig[i]++;
			}
		}
		if (nf)
			qsort(figs, nf, sizeof(*figs), cmp_u64);
		lx.figs = figs;
		lx.nfigs = nf;
		lx.figbits = figbits;
		lx.nfig = nfig;
		size_t *name_off = xmalloc((n + 1) * sizeof(*name_off));
		uint64_t *names = NULL;
		size_t nn = 0, na = 0;
		for (size_t i = 0; i < n; i++) {
			name_off[i] = nn;
			const char *p = info[i].names ? info[i].names : "";
			size_t len;
			for (const char *w; (w = next_word(&p, &len));) {
				ALLOC_GROW(names, nn + 1, na);
				names[nn++] = hash_term(w, len);
			}
		}
		name_off[n] = nn;
		lx.names = names;
		lx.name_off = name_off;
		/* candidates of one source: bands of one row whose keys mix in
		   the source, so a bucket holds one source's claims (a pair of
		   Jaccard 0.27 meets with a chance of 97%, 0.4 of 99.8%) */
		uint64_t *by_source = xmalloc((n + 1) * sizeof(*by_source));
		for (size_t i = 0; i < n; i++)
			by_source[i] = info[i].source && s.off[i + 1] - s.off[i] >= LAX_SHARED
					       ? mix64((uint64_t)info[i].source) | 1
					       : 0;
		lsh_pass(&s, n, LAX_BANDS, 1, 0x2545f4914f6cdd1dull, by_source, threshold, &lx, parent, size, pairs, tmp,
			 keys);
		free(by_source);
		/* candidates of one measure: a bucket per figure and unit a
		   claim gives ("nine" "tonn") */
		struct pair *mp = NULL, *mtmp;
		size_t nm = 0, ma = 0;
		for (size_t i = 0; i < n; i++) {
			if (!figbits[i] || s.off[i + 1] - s.off[i] < LAX_SHARED)
				continue;
			for (size_t u = s.off[i]; u < s.off[i + 1]; u++) {
				if (!is_unit_hash(&lx, s.h[u]))
					continue;
				for (size_t f = s.off[i]; f < s.off[i + 1]; f++) {
					if (!is_fig_hash(&lx, i, s.h[f]))
						continue;
					ALLOC_GROW(mp, nm + 1, ma);
					mp[nm].key = (uint32_t)(mix64(s.h[f] ^ mix64(s.h[u])) >> 32);
					mp[nm++].idx = (uint32_t)i;
				}
			}
		}
		if (nm) {
			mtmp = xmalloc(nm * sizeof(*mtmp));
			compare_buckets(&s, threshold, &lx, parent, size, mp, mtmp, nm);
			free(mtmp);
		}
		free(mp);
		free(figs);
		free(figbits);
		free(nfig);
		free(names);
		free(name_off);
	}

	/* cluster ids in order of first member: size[] now maps root -> id */
	size_t nclusters = 0;
	for (size_t i = 0; i < n; i++)
		size[i] = UINT32_MAX;
	for (size_t i = 0; i < n; i++) {
		uint32_t r = uf_find(parent, (uint32_t)i);
		if (size[r] == UINT32_MAX)
			size[r] = (uint32_t)nclusters++;
		cluster_out[i] = size[r];
	}
	free(s.h);
	free(s.off);
	free(s.sk);
	free(keys);
	free(parent);
	free(size);
	free(pairs);
	free(tmp);
	return nclusters;
}

/* ---- stories ----------------------------------------------------------------- */

/* Counts of term hashes (open addressing; 0 marks an empty slot, so a term
 * whose hash is 0 is counted under 1: a collision of no consequence). */
struct counts {
	uint64_t *keys;
	size_t *vals;
	size_t cap;
};

static size_t *counts_slot(struct counts *c, uint64_t h)
{
	if (!h)
		h = 1;
	size_t i = (size_t)h & (c->cap - 1);
	while (c->keys[i] && c->keys[i] != h)
		i = (i + 1) & (c->cap - 1);
	c->keys[i] = h;
	return &c->vals[i];
}


/* " %llx" (no space first), as printf would write it. */
static void add_hex(strbuf *sb, uint64_t v)
{
	char buf[17];
	int k = 16;
	buf[16] = 0;
	do {
		buf[--k] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	if (sb->len)
		strbuf_addch(sb, ' ');
	strbuf_add(sb, buf + k, (size_t)(16 - k));
}

size_t claims_stories(char *const *article_terms, size_t n, double threshold, size_t *story_out)
{
	if (!n)
		return 0;
	/* document frequency of every term */
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += each_term(article_terms[i], NULL, 0);
	struct counts c;
	c.cap = 64;
	while (c.cap < 2 * total + 2)
		c.cap *= 2;
	c.keys = xcalloc(c.cap, sizeof(*c.keys));
	c.vals = xcalloc(c.cap, sizeof(*c.vals));
	uint64_t *h = xmalloc((total + 1) * sizeof(*h));
	size_t *off = xmalloc((n + 1) * sizeof(*off));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		off[i] = k;
		size_t m = each_term(article_terms[i], h + k, total - k);
		qsort(h + k, m, sizeof(*h), cmp_u64);
		size_t w = k;
		for (size_t j = k; j < k + m; j++)
			if (j == k || h[j] != h[w - 1])
				h[w++] = h[j];
		for (size_t j = k; j < w; j++)
			(*counts_slot(&c, h[j]))++;
		k = w;
	}
	off[n] = k;

	/* each article as the terms it shares with some other article, written
	 * as hex hashes: claims_cluster hashes them again, which is harmless */
	char **kept = xmalloc(n * sizeof(*kept));
	strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		strbuf_reset(&sb);
		for (size_t j = off[i]; j < off[i + 1]; j++)
			if (*counts_slot(&c, h[j]) >= 2)
				add_hex(&sb, h[j]);
		kept[i] = xstrdup(sb.buf);
	}
	size_t stories = claims_cluster(kept, NULL, n, threshold, story_out);
	for (size_t i = 0; i < n; i++)
		free(kept[i]);
	free(kept);
	strbuf_release(&sb);
	free(h);
	free(off);
	free(c.keys);
	free(c.vals);
	return stories;
}
