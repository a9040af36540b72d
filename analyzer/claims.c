/* claims: a quote's content as a set of normalized terms with a polarity,
 * and the rule files that drive it (see include/claims.h and the section
 * "Claim rules" of rules/README.md). Clustering is in cluster.c. */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE   /* madvise */
#include "claims.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <utf8proc.h>

#include "rules.h"
#include "text.h"

/* ---- a string -> int map (open addressing, owns its keys) ---------------- */

struct smap {
	char **keys;
	size_t *lens;
	int *vals;
	size_t cap, n;
};

/* The bytes of s[0, n) mixed into h eight at a time: the maps and the
 * word cache are looked up for every word and phrase of every claim. */
static uint64_t hash_mix(uint64_t h, const char *s, size_t n)
{
	while (n >= 8) {
		uint64_t v;
		memcpy(&v, s, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n) {
		uint64_t v = 0;
		memcpy(&v, s, n);
		h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
	}
	return h;
}

/* The maps' hash (nothing depends on the order of the slots). */
static uint64_t hash_str(const char *s, size_t n)
{
	uint64_t h = hash_mix(0xcbf29ce484222325ull ^ n, s, n);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static int smap_get(const struct smap *m, const char *s, size_t n)
{
	if (!m->cap)
		return -1;
	for (size_t i = hash_str(s, n) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return -1;
		if (m->lens[i] == n && !memcmp(m->keys[i], s, n))
			return m->vals[i];
	}
}

static void smap_insert_slot(struct smap *m, char *key, size_t n, int val)
{
	size_t i = hash_str(key, n) & (m->cap - 1);
	while (m->keys[i])
		i = (i + 1) & (m->cap - 1);
	m->keys[i] = key;
	m->lens[i] = n;
	m->vals[i] = val;
}

/* Adds s -> val unless s is there; returns the value already there, or -1
 * when it was added. */
static int smap_put(struct smap *m, const char *s, size_t n, int val)
{
	int old = smap_get(m, s, n);
	if (old >= 0)
		return old;
	if (2 * (m->n + 1) > m->cap) {
		struct smap g = { 0 };
		g.cap = m->cap ? 2 * m->cap : 64;
		g.keys = xcalloc(g.cap, sizeof(*g.keys));
		g.lens = xcalloc(g.cap, sizeof(*g.lens));
		g.vals = xcalloc(g.cap, sizeof(*g.vals));
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i])
				smap_insert_slot(&g, m->keys[i], m->lens[i], m->vals[i]);
		g.n = m->n;
		free(m->keys);
		free(m->lens);
		free(m->vals);
		*m = g;
	}
	smap_insert_slot(m, xstrndup(s, n), n, val);
	m->n++;
	return -1;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->lens);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ---- the rules ----------------------------------------------------------- */

enum cue_kind { CK_FRAME = 1, CK_HEDGE, CK_NEG };

/* A phrase table: phrases of words (stems, folded or cased words, as the
 * table says) joined by single spaces, longest first when matched. */
struct phrases {
	struct smap map;      /* phrase -> value */
	struct smap first;    /* first word of any phrase -> 1: a cheap test */
	struct smap heads;    /* every phrase's bytes before each of its spaces */
	size_t max_words;
};

struct canon_word {
	char *fold, *stem;
};

/* An alias group or a synonym group: what its forms become. */
struct group {
	char *term;                 /* aliases: "north_korea" */
	struct canon_word *words;   /* synonyms: the canonical's words */
	size_t nwords;
};

struct claim_rules {
	struct smap stop;           /* folded stop words */
	struct phrases cues_fold;   /* folded words -> enum cue_kind */
	struct phrases cues_stem;   /* stems -> enum cue_kind */
	struct phrases alias_stem;  /* stems -> alias group (so plurals match) */
	struct phrases alias_cased; /* words in capitals, as written -> alias group */
	struct smap syn_word;       /* stem of a one-word form -> synonym group */
	struct phrases syn_phrase;  /* mapped stems -> synonym group */
	struct group *aliases, *syns;
	size_t naliases, nsyns;
	char **prefixes;
	size_t *prefix_lens;
	size_t nprefixes;
	unsigned char prefix_first[256];   /* 1: some prefix starts with the byte */
};

static void phrases_free(struct phrases *p)
{
	smap_free(&p->map);
	smap_free(&p->first);
	smap_free(&p->heads);
}

void claim_rules_free(struct claim_rules *cr)
{
	if (!cr)
		return;
	smap_free(&cr->stop);
	phrases_free(&cr->cues_fold);
	phrases_free(&cr->cues_stem);
	phrases_free(&cr->alias_stem);
	phrases_free(&cr->alias_cased);
	smap_free(&cr->syn_word);
	phrases_free(&cr->syn_phrase);
	for (size_t i = 0; i < cr->naliases; i++)
		free(cr->aliases[i].term);
	free(cr->aliases);
	for (size_t i = 0; i < cr->nsyns; i++) {
		for (size_t j = 0; j < cr->syns[i].nwords; j++) {
			free(cr->syns[i].words[j].fold);
			free(cr->syns[i].words[j].stem);
		}
		free(cr->syns[i].words);
	}
	free(cr->syns);
	for (size_t i = 0; i < cr->nprefixes; i++)
		free(cr->prefixes[i]);
	free(cr->prefixes);
	free(cr->prefix_lens);
	free(cr);
}

void claim_rules_describe(const struct claim_rules *cr, strbuf *out)
{
	strbuf_addf(out, "%zu stop words, %zu claim cues, %zu alias groups, %zu synonym groups, %zu prefixes",
		    cr->stop.n, cr->cues_fold.map.n, cr->naliases, cr->nsyns, cr->nprefixes);
}

const char *claim_polarity_name(enum claim_polarity p)
{
	return p == CLAIM_DENY ? "deny" : p == CLAIM_HEDGE ? "hedge" : "assert";
}

/* ---- tokens -------------------------------------------------------------- */

/* T_ENTITY: the word starts an entity (an alias); T_GONE: it was taken
 * into an entity or a cue and gives no term. */
enum { T_ENTITY = 1, T_GONE = 2 };

/* What a word's first-word tests found (see word_info): whether it can
 * start a phrase of each table, and whether it is a stop word. */
enum {
	F_ALIAS_CASED = 1,   /* the word as written starts an alias_cased phrase */
	F_ALIAS_STEM = 2,    /* its stem starts an alias_stem phrase */
	F_CUE_FOLD = 4,      /* its folded form starts a cues_fold phrase */
	F_CUE_STEM = 8,      /* its stem starts a cues_stem phrase */
	F_SYN = 16,          /* its unit starts a syn_phrase phrase */
	F_STOP = 32          /* its folded form is a stop word */
};

/* One word of a text. Its strings live in the token list's arena, as
 * offsets because the arena moves when it grows. */
struct tok {
	size_t cased, fold, stem;   /* NUL-terminated strings in the arena */
	int group;                  /* T_ENTITY: the alias group */
	unsigned flags;
	int syn;                    /* the stem's one-word synonym group, -1 */
	unsigned tests;             /* F_* (only when the toks have a cache) */
};

/* The words already seen by a scratch, with their folded form, stem and
 * what the rules say of them: most words of news text recur, and folding,
 * stemming and the table lookups cost far more than one hash lookup.
 * Entries live as long as the scratch's arena (see claim_scratch_begin). */
/* A slot holds its entry: a word looked up touches one cache line, not a
 * slot, an entry and the arena (in a cache of tens of thousands of words,
 * each of those was a cache miss). */
#define WORD_HEAD 24
struct word_slot {
	uint32_t hash;                   /* low bits of the word's hash */
	uint32_t len;                    /* 0: empty */
	char head[WORD_HEAD];            /* the first bytes, zero padded */
	size_t cased, fold, stem;        /* in the arena */
	int syn;
	unsigned tests;
};

struct word_cache {
	const struct claim_rules *cr;    /* the rules the tests were made with */
	size_t n;                        /* entries */
	struct word_slot *slot;
	size_t cap;
};

struct toks {
	struct tok *v;
	size_t n, alloc;
	strbuf arena;
	struct sb_stemmer *stemmer;
	strbuf key;                 /* scratch: a phrase being looked up */
	struct word_cache *wc;      /* NULL while the rules load: no tests */
};

static void toks_init(struct toks *t)
{
	memset(t, 0, sizeof(*t));
	strbuf_init(&t->arena, 256);
	strbuf_init(&t->key, 64);
	t->stemmer = sb_stemmer_new("english", NULL);
	if (!t->stemmer) {
		fprintf(stderr, "whosaid: fatal: cannot start the Snowball English stemmer\n");
		abort();
	}
}

static void toks_release(struct toks *t)
{
	free(t->v);
	strbuf_release(&t->arena);
	strbuf_release(&t->key);
	sb_stemmer_delete(t->stemmer);
}

static size_t arena_add(strbuf *a, const char *s, size_t n)
{
	size_t off = a->len;
	strbuf_add(a, s, n);
	strbuf_addch(a, '\0');
	return off;
}

#define TS(t, off) ((t)->arena.buf + (off))

static int is_ascii_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void add_unit(strbuf *out, const struct claim_rules *cr, int group, const char *stem);

static int smap_has(const struct smap *m, const char *s)
{
	return smap_get(m, s, strlen(s)) >= 0;
}

/* The tests of a word (F_*) and its one-word synonym group, as
 * claim_normalize would make them one by one. */
static unsigned word_tests(const struct claim_rules *cr, const char *cased, const char *fold, const char *stem,
			   int *syn, strbuf *unit)
{
	unsigned f = 0;
	*syn = smap_get(&cr->syn_word, stem, strlen(stem));
	if (smap_has(&cr->alias_cased.first, cased))
		f |= F_ALIAS_CASED;
	if (smap_has(&cr->alias_stem.first, stem))
		f |= F_ALIAS_STEM;
	if (smap_has(&cr->cues_fold.first, fold))
		f |= F_CUE_FOLD;
	if (smap_has(&cr->cues_stem.first, stem))
		f |= F_CUE_STEM;
	if (smap_has(&cr->stop, fold))
		f |= F_STOP;
	strbuf_reset(unit);
	add_unit(unit, cr, *syn, stem);
	if (smap_has(&cr->syn_phrase.first, unit->buf))
		f |= F_SYN;
	return f;
}

/* Zeroed slots. A big table is on huge pages where the system gives
 * them on request (transparent huge pages "madvise"): a look-up goes to
 * a random slot of many megabytes, and push_word spent most of its time
 * waiting for it, a page walk each time with 4 KB pages. */
#define HUGE_PAGE (2u << 20)
static struct word_slot *alloc_slots(size_t cap)
{
	size_t bytes = cap * sizeof(struct word_slot);
	void *p = NULL;
	if (bytes >= HUGE_PAGE && !posix_memalign(&p, HUGE_PAGE, bytes)) {
#ifdef MADV_HUGEPAGE
		madvise(p, bytes, MADV_HUGEPAGE);
#endif
		memset(p, 0, bytes);
		return p;
	}
	return xcalloc(cap, sizeof(struct word_slot));
}

static void cache_grow(struct word_cache *wc)
{
	/* small at first: claim_normalize() makes a scratch for one claim
	   (4096 slots, 256 KB zeroed, were 1 in 40 of xref_doc's instructions) */
	size_t cap = wc->cap ? wc->cap * 2 : 256;
	struct word_slot *slot = alloc_slots(cap);
	for (size_t i = 0; i < wc->cap; i++) {
		if (!wc->slot[i].len)
			continue;
		size_t h = wc->slot[i].hash & (cap - 1);
		while (slot[h].len)
			h = (h + 1) & (cap - 1);
		slot[h] = wc->slot[i];
	}
	free(wc->slot);
	wc->slot = slot;
	wc->cap = cap;
}

/* The word cache's hash (words are short; the cache is looked up once
 * for every word of every claim). */
static uint64_t word_hash(const char *s, size_t n)
{
	/* hash_mix, but the last bytes read by fixed-size loads (a copy of
	   a variable length was a fifth of a cached word's instructions):
	   the eight last, overlapping the run before, or two of four
	   overlapping, or three single bytes; n, mixed in first, tells
	   the cases apart */
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, v;
	size_t m = n;
	const char *p = s;
	while (m > 8) {
		memcpy(&v, p, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdull;
		h ^= h >> 29;
		p += 8;
		m -= 8;
	}
	if (n >= 8) {
		memcpy(&v, s + n - 8, 8);
	} else if (m >= 4) {
		uint32_t a, b;
		memcpy(&a, p, 4);
		memcpy(&b, p + m - 4, 4);
		v = (uint64_t)a | (uint64_t)b << 32;
	} else if (m) {
		v = (uint64_t)(unsigned char)p[0] | (uint64_t)(unsigned char)p[m / 2] << 8 |
		    (uint64_t)(unsigned char)p[m - 1] << 16;
	} else {
		v = 0;
	}
	h = (h ^ v) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 32;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 29;
	return h;
}

/* Outlets write one word in one of two spellings: "fertiliser" and
 * "fertilizer", "kilometres" and "kilometers", "labour" and "labor".
 * Writes into buf the form the stem is taken of (the American spelling)
 * and returns 1, or returns 0 when the folded word f is its own form. The
 * folded form itself is kept (stop words and cues are looked up by it).
 * (Numbers in words, "nine" for "9", and abbreviated months, "Aug. 19",
 * were tried: each lowered the FNC-1 story score, tests/claims_fnc1.sh.) */
/* words in -our that are no British spelling of an -or word */
static const char *const our_words[] = { "contour", "detour", "devour", "velour", "amour", "paramour",
					 "troubadour", "scour", "flour", NULL };

static int respell(const char *f, char *buf, size_t cap)
{
	size_t n = strlen(f);
	if (n < 3 || n + 2 > cap)
		return 0;
	/* -ise, -ised, -ises, -ising, -isation(s), -iser(s), and -yse, ...:
	   "realise" -> "realize", "analysed" -> "analyzed" */
	static const char *const ise[] = { "ise", "ised", "ises", "ising", "isation", "isations", "iser", "isers",
					   "isable", NULL };
	for (int i = 0; ise[i]; i++) {
		size_t l = strlen(ise[i]);
		if (n >= l + 4 && !strcmp(f + n - l, ise[i])) {
			memcpy(buf, f, n + 1);
			buf[n - l + 1] = 'z';   /* the s after the i (or the y) */
			return 1;
		}
		if (n >= l + 3 && f[n - l] == 'y' && !strcmp(f + n - l + 1, ise[i] + 1)) {
			memcpy(buf, f, n + 1);
			buf[n - l + 1] = 'z';   /* "analyse" */
			return 1;
		}
	}
	/* -tre, -tres, -tred: "kilometre" -> "kilometer", "centred" -> "centered" */
	static const char *const tre[] = { "tre", "tres", "tred", NULL };
	for (int i = 0; tre[i]; i++) {
		size_t l = strlen(tre[i]);
		if (n >= l + 2 && !strcmp(f + n - l, tre[i])) {
			memcpy(buf, f, n - l);
			snprintf(buf + (n - l), cap - (n - l), "ter%s", tre[i] + 3);
			return 1;
		}
	}
	/* -our, -ours, -oured, -ouring, -ourable, -ourite: "labour" -> "labor",
	   "favourite" -> "favorite" (not "four", "hour", "tour", "detour") */
	static const char *const our[] = { "our", "ours", "oured", "ouring", "ourable", "ourite", "ourites", NULL };
	for (int i = 0; our[i]; i++) {
		size_t l = strlen(our[i]);
		if (n < l + 3 || strcmp(f + n - l, our[i]))
			continue;
		size_t base = n - l + 3;   /* the word up to "our" */
		int skip = 0;
		for (int j = 0; our_words[j]; j++)
			if (strlen(our_words[j]) == base && !strncmp(f, our_words[j], base))
				skip = 1;
		if (skip || strchr("aeiouy", f[n - l - 1]))   /* "sour", "pour": too short anyway */
			return 0;
		memcpy(buf, f, n - l + 1);   /* up to the o */
		memcpy(buf + (n - l + 1), f + n - l + 2, l - 1);   /* without the u */
		buf[n - 1] = 0;
		return 1;
	}
	return 0;
}

/* Adds one word: its folded form (case folded, compatibility forms and
 * accents removed, so "Pérez" and "PEREZ" fold alike) and its stem. */
static void push_word(struct toks *t, const char *w, size_t n)
{
	if (!n)
		return;
	ALLOC_GROW(t->v, t->n + 1, t->alloc);
	struct tok *k = &t->v[t->n++];
	memset(k, 0, sizeof(*k));
	k->group = -1;
	k->syn = -1;
	struct word_cache *wc = t->wc;
	uint64_t hash = 0;
	size_t h = 0;
	if (wc) {
		hash = word_hash(w, n);
		/* (a head is zero padded: among words of one length, its
		   first n bytes tell them apart) */
		for (h = hash & (wc->cap - 1); wc->slot[h].len; h = (h + 1) & (wc->cap - 1)) {
			const struct word_slot *e = &wc->slot[h];
			if (e->hash != (uint32_t)hash || e->len != n || memcmp(e->head, w, n < WORD_HEAD ? n : WORD_HEAD) ||
			    (n > WORD_HEAD && memcmp(TS(t, e->cased) + WORD_HEAD, w + WORD_HEAD, n - WORD_HEAD)))
				continue;
			k->cased = e->cased;
			k->fold = e->fold;
			k->stem = e->stem;
			k->syn = e->syn;
			k->tests = e->tests;
			return;
		}
	}
	k->cased = arena_add(&t->arena, w, n);
	int ascii = 1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)w[i] >= 0x80)
			ascii = 0;
	if (ascii) {
		k->fold = arena_add(&t->arena, w, n);
		for (char *p = TS(t, k->fold); *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	} else {
		utf8proc_uint8_t *out = NULL;
		utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)n, &out,
						  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
							  UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
		if (m < 0)   /* cannot happen on the valid UTF-8 we pass; keep the word */
			k->fold = arena_add(&t->arena, w, n);
		else
			k->fold = arena_add(&t->arena, (const char *)out, (size_t)m);
		free(out);
	}
	const char *f = TS(t, k->fold);
	char spelled[64];
	if (respell(f, spelled, sizeof(spelled)))
		f = spelled;
	const sb_symbol *st = sb_stemmer_stem(t->stemmer, (const sb_symbol *)f, (int)strlen(f));
	if (st)
		k->stem = arena_add(&t->arena, (const char *)st, (size_t)sb_stemmer_length(t->stemmer));
	else
		k->stem = arena_add(&t->arena, f, strlen(f));
	if (!wc)
		return;
	k->tests = word_tests(wc->cr, TS(t, k->cased), TS(t, k->fold), TS(t, k->stem), &k->syn, &t->key);
	struct word_slot *e = &wc->slot[h];
	e->hash = (uint32_t)hash;
	e->len = (uint32_t)n;
	memset(e->head, 0, WORD_HEAD);
	memcpy(e->head, w, n < WORD_HEAD ? n : WORD_HEAD);
	e->cased = k->cased;
	e->fold = k->fold;
	e->stem = k->stem;
	e->syn = k->syn;
	e->tests = k->tests;
	if (2 * ++wc->n > wc->cap)
		cache_grow(wc);
}

/* Adds a word, first split after a prefix of claim-prefixes.txt when at
 * least three letters follow it ("cyberattacks" -> "cyber" "attacks"),
 * which is what a hyphen or a space would have given. */
static void push_word_split(struct toks *t, const struct claim_rules *cr, const char *w, size_t n)
{
	if (cr && n && cr->prefix_first[(unsigned char)(w[0] | 0x20)]) {
		int alpha = -1;   /* the word is ASCII letters: found out once */
		for (size_t p = 0; p < cr->nprefixes; p++) {
			size_t pl = cr->prefix_lens[p];
			/* (the first letter first: most prefixes start with another) */
			if (n < pl + 3 || (pl && cr->prefixes[p][0] != (w[0] | 0x20)))
				continue;
			size_t i;
			if (alpha < 0) {
				for (i = 0; i < n && is_ascii_alpha((unsigned char)w[i]); i++)
					;
				alpha = i == n;
			}
			if (!alpha)
				break;   /* only plain ASCII words are split */
			for (i = 0; i < pl; i++)
				if ((w[i] | 0x20) != cr->prefixes[p][i])
					break;
			if (i < pl)
				continue;
			push_word(t, w, pl);
			push_word(t, w + pl, n - pl);
			return;
		}
	}
	push_word(t, w, n);
}

/* (a table: the tokenizer asks this of every byte of every claim) */
static const unsigned char ascii_alnum_tab[256] = {
	/* 0x00 to 0x7f, by rows of sixteen; the rest 0 */
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
	0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
};

static int ascii_alnum(unsigned char c)
{
	return ascii_alnum_tab[c];
}

/* text_is_word_char, with ASCII (most of the text) decided here */
static int word_at(const char *s, size_t i, size_t n)
{
	if (i >= n)
		return 0;
	unsigned char c = (unsigned char)s[i];
	return c < 0x80 ? ascii_alnum(c) : text_is_word_char(s, i, n);
}

static size_t word_end(const char *s, size_t i, size_t n)
{
	for (;;) {
		while (i < n && ascii_alnum((unsigned char)s[i]))
			i++;
		if (!word_at(s, i, n))
			return i;
		int32_t cp;
		i += text_decode(s, i, n, &cp);
	}
}

static int is_digits(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return a < b;
}

/* A letter alone: one code point, then no word character. */
static size_t single_letter(const char *s, size_t i, size_t n)
{
	if (!word_at(s, i, n))
		return 0;
	unsigned char a = (unsigned char)s[i];
	if (a < 0x80)   /* a letter, not a digit (category Lu to Lo) */
		return is_ascii_alpha(a) && !word_at(s, i + 1, n) ? 1 : 0;
	int32_t cp;
	size_t l = text_decode(s, i, n, &cp);
	utf8proc_category_t c = utf8proc_category(cp);
	if (c > UTF8PROC_CATEGORY_LO || word_at(s, i + l, n))
		return 0;
	return l;
}

/* Splits NFKC text into words. Hyphens, dashes and every other mark split
 * words; dotted capitals are their letters ("U.S." -> "US"); numbers keep
 * their decimal point and lose their thousands commas; clitics: "isn't"
 * gives "is" "n't", "'s" "'re" "'ve" "'ll" "'d" "'m" are dropped; any other
 * apostrophe inside a word is dropped ("O'Neil" -> "ONeil"). */
static void tokenize_nfkc(struct toks *t, const struct claim_rules *cr, const char *s, size_t n)
{
	strbuf w = STRBUF_INIT;
	size_t i = 0;
	while (i < n) {
		if (!word_at(s, i, n)) {
			int32_t cp;
			i += text_decode(s, i, n, &cp);
			continue;
		}
		size_t start = i, j = word_end(s, i, n);
		strbuf_reset(&w);
		size_t l;
		if (j < n && s[j] == '.' && single_letter(s, start, n) && single_letter(s, j + 1, n)) {
			/* U.S., U.N.: letters with periods after them */
			size_t k = start;
			while ((l = single_letter(s, k, n)) && k + l < n && s[k + l] == '.') {
				strbuf_add(&w, s + k, l);
				k += l + 1;
			}
			if ((l = single_letter(s, k, n))) {   /* "U.S" without the last period */
				strbuf_add(&w, s + k, l);
				k += l;
			}
			push_word(t, w.buf, w.len);
			i = k;
			continue;
		}
		if (is_digits(s, start, j)) {
			strbuf_add(&w, s + start, j - start);
			while (j + 1 < n && (s[j] == ',' || s[j] == '.') && s[j + 1] >= '0' && s[j + 1] <= '9') {
				size_t e = word_end(s, j + 1, n);
				if (s[j] == '.')
					strbuf_addch(&w, '.');
				strbuf_add(&w, s + j + 1, e - j - 1);
				j = e;
			}
			push_word(t, w.buf, w.len);
			i = j;
			continue;
		}
		if (!(j + 1 < n && s[j] == '\'' && word_at(s, j + 1, n))) {
			/* no apostrophe inside: the word as written */
			push_word_split(t, cr, s + start, j - start);
			i = j;
			continue;
		}
		strbuf_add(&w, s + start, j - start);
		while (j + 1 < n && s[j] == '\'' && word_at(s, j + 1, n)) {
			size_t e = word_end(s, j + 1, n);
			const char *c = s + j + 1;
			size_t cl = e - j - 1;
			if (cl == 1 && (c[0] | 0x20) == 't' && w.len && (w.buf[w.len - 1] | 0x20) == 'n') {
				push_word_split(t, cr, w.buf, w.len - 1);
				strbuf_reset(&w);
				strbuf_addstr(&w, "n't");
				j = e;
				break;
			}
			int clitic = (cl == 1 && strchr("sdmSDM", c[0])) ||
				     (cl == 2 && (!strncmp(c, "re", 2) || !strncmp(c, "ve", 2) ||
						  !strncmp(c, "ll", 2) || !strncmp(c, "RE", 2) ||
						  !strncmp(c, "VE", 2) || !strncmp(c, "LL", 2)));
			if (!clitic)
				strbuf_add(&w, c, cl);
			j = e;
			if (clitic)
				break;
		}
		if (!strcmp(w.buf, "n't"))
			push_word(t, w.buf, w.len);
		else
			push_word_split(t, cr, w.buf, w.len);
		i = j;
	}
	strbuf_release(&w);
}

/* Tokenizes any UTF-8: NFKC with typographic quotes and dashes lumped to
 * ASCII (so "don’t" is "don't"); invalid bytes become spaces. */
static void tokenize(struct toks *t, const struct claim_rules *cr, const char *s, size_t n)
{
	const int opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_LUMP;
	size_t ascii = 0;
	for (; ascii + 8 <= n; ascii += 8) {   /* eight bytes at a time */
		uint64_t v;
		memcpy(&v, s + ascii, 8);
		if (v & 0x8080808080808080ull)
			break;
	}
	while (ascii < n && (unsigned char)s[ascii] < 0x80)
		ascii++;
	if (ascii == n) {   /* ASCII is its own NFKC: spare the copy */
		tokenize_nfkc(t, cr, s, n);
		return;
	}
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out, opts);
	if (m < 0) {
		strbuf clean = STRBUF_INIT;
		for (size_t i = 0; i < n;) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							      (utf8proc_ssize_t)(n - i), &cp);
			if (l <= 0 || !utf8proc_codepoint_valid(cp)) {
				strbuf_addch(&clean, ' ');
				i++;
			} else {
				strbuf_add(&clean, s + i, (size_t)l);
				i += (size_t)l;
			}
		}
		m = utf8proc_map((const utf8proc_uint8_t *)clean.buf, (utf8proc_ssize_t)clean.len, &out, opts);
		if (m < 0) {   /* cannot happen after cleaning; read the cleaned bytes */
			tokenize_nfkc(t, cr, clean.buf, clean.len);
			strbuf_release(&clean);
			return;
		}
		strbuf_release(&clean);
	}
	tokenize_nfkc(t, cr, (const char *)out, (size_t)m);
	free(out);
}

/* ---- phrase matching ------------------------------------------------------ */

enum which { W_CASED, W_FOLD, W_STEM };

static const char *tok_str(const struct toks *t, size_t i, enum which w)
{
	const struct tok *k = &t->v[i];
	return TS(t, w == W_CASED ? k->cased : w == W_FOLD ? k->fold : k->stem);
}

/* The longest phrase of p that starts at word idx[at] of the words idx[]
 * (indexes into t); returns its length in words (0: none) and its value.
 * test is the F_* bit that says whether the word can start one. */
static size_t match_phrase_at(struct toks *t, const struct phrases *p, const size_t *idx, size_t nidx,
			      size_t at, enum which w, const char *const *alt, int *val);

/* (Most words start no phrase: that test is inline, the lookups are not.) */
static inline size_t match_phrase(struct toks *t, const struct phrases *p, const size_t *idx, size_t nidx,
				  size_t at, enum which w, const char *const *alt, unsigned test, int *val)
{
	if (!p->map.n || !(t->v[idx[at]].tests & test))
		return 0;
	return match_phrase_at(t, p, idx, nidx, at, w, alt, val);
}

static size_t match_phrase_at(struct toks *t, const struct phrases *p, const size_t *idx, size_t nidx,
			      size_t at, enum which w, const char *const *alt, int *val)
{
	size_t maxl = nidx - at < p->max_words ? nidx - at : p->max_words;
	/* the key of l words is the first l words of the longest one: built
	   once, looked up by its prefixes */
	size_t ends[16];
	if (maxl <= sizeof(ends) / sizeof(*ends)) {
		/* no longer than the words that begin some longer phrase
		   (p->heads): most phrases stop after a word or two */
		strbuf_reset(&t->key);
		size_t k = 0;
		while (k < maxl) {
			if (k)
				strbuf_addch(&t->key, ' ');
			strbuf_addstr(&t->key, alt ? alt[at + k] : tok_str(t, idx[at + k], w));
			ends[k++] = t->key.len;
			if (k < maxl && smap_get(&p->heads, t->key.buf, t->key.len) < 0)
				break;
		}
		for (size_t l = k; l >= 1; l--) {
			int v = smap_get(&p->map, t->key.buf, ends[l - 1]);
			if (v >= 0) {
				*val = v;
				return l;
			}
		}
		return 0;
	}
	for (size_t l = maxl; l >= 1; l--) {
		strbuf_reset(&t->key);
		for (size_t k = 0; k < l; k++) {
			if (k)
				strbuf_addch(&t->key, ' ');
			strbuf_addstr(&t->key, alt ? alt[at + k] : tok_str(t, idx[at + k], w));
		}
		int v = smap_get(&p->map, t->key.buf, t->key.len);
		if (v >= 0) {
			*val = v;
			return l;
		}
	}
	return 0;
}

/* ---- loading ---------------------------------------------------------------- */

struct loader {
	struct claim_rules *cr;
	struct diag *d;
	struct toks t;
	const char *dir;
	strbuf path;
	int syn_pass;   /* claim-synonyms.txt is read twice: see on_synonym */
};

/* Calls fn on every entry of a word-list file: comments and blank lines
 * skipped, white space trimmed (the syntax of the other word lists). */
typedef void (*line_fn)(struct loader *L, const char *file, unsigned line, const char *text,
			size_t len, unsigned col);

static int load_file(struct loader *L, const char *name, line_fn fn)
{
	strbuf_reset(&L->path);
	strbuf_addf(&L->path, "%s/%s", L->dir, name);
	strbuf sb = STRBUF_INIT;
	if (strbuf_read_file(&sb, L->path.buf) < 0) {
		diag_report(L->d, DIAG_ERROR, L->path.buf, 0, 0, "cannot read '%s'", L->path.buf);
		strbuf_release(&sb);
		return -1;
	}
	char *file = xstrdup(L->path.buf);
	unsigned line = 0;
	for (size_t i = 0; i < sb.len;) {
		size_t e = i;
		while (e < sb.len && sb.buf[e] != '\n')
			e++;
		line++;
		size_t a = i, b = e;
		for (size_t k = a; k < b; k++)
			if (sb.buf[k] == '#' && (k == a || sb.buf[k - 1] == ' ' || sb.buf[k - 1] == '\t')) {
				b = k;
				break;
			}
		while (a < b && (sb.buf[a] == ' ' || sb.buf[a] == '\t' || sb.buf[a] == '\r'))
			a++;
		while (b > a && (sb.buf[b - 1] == ' ' || sb.buf[b - 1] == '\t' || sb.buf[b - 1] == '\r'))
			b--;
		if (b > a)
			fn(L, file, line, sb.buf + a, b - a, utf8_count(sb.buf + i, a - i) + 1);
		i = e + 1;
	}
	free(file);
	strbuf_release(&sb);
	return 0;
}

/* Splits [s, s+n) at sep; calls back with each trimmed field and its column. */
struct field {
	const char *s;
	size_t len;
	unsigned col;
};

static size_t split_fields(const char *s, size_t n, unsigned col0, char sep, struct field *f, size_t max)
{
	size_t nf = 0, a = 0;
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != sep)
			continue;
		size_t x = a, y = i;
		while (x < y && (s[x] == ' ' || s[x] == '\t'))
			x++;
		while (y > x && (s[y - 1] == ' ' || s[y - 1] == '\t'))
			y--;
		if (nf < max) {
			f[nf].s = s + x;
			f[nf].len = y - x;
			f[nf].col = col0 + utf8_count(s, x);
		}
		nf++;
		a = i + 1;
	}
	return nf;
}

/* Tokenizes one entry of a rule file as claim text is tokenized. */
static size_t entry_words(struct loader *L, const char *s, size_t n)
{
	L->t.n = 0;
	strbuf_reset(&L->t.arena);
	tokenize(&L->t, L->cr, s, n);
	return L->t.n;
}

static void join_words(struct loader *L, strbuf *out, size_t from, size_t to, enum which w)
{
	strbuf_reset(out);
	for (size_t i = from; i < to; i++) {
		if (i > from)
			strbuf_addch(out, ' ');
		strbuf_addstr(out, tok_str(&L->t, i, w));
	}
}

static void phrases_add(struct phrases *p, const char *key, size_t len, const char *first, int val,
			size_t words)
{
	smap_put(&p->map, key, len, val);
	smap_put(&p->first, first, strlen(first), 1);
	for (size_t i = 0; i < len; i++)
		if (key[i] == ' ')
			smap_put(&p->heads, key, i, 1);
	if (words > p->max_words)
		p->max_words = words;
}

/* The files of one field ignore fields after it, as the other word lists
 * do: "not | anything" is "not". */
static size_t first_field(const char *s, size_t n)
{
	const char *bar = memchr(s, '|', n);
	if (bar)
		n = (size_t)(bar - s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

static void on_stopword(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
			unsigned col)
{
	n = first_field(s, n);
	size_t nw = entry_words(L, s, n);
	if (nw != 1) {
		diag_report(L->d, DIAG_ERROR, file, line, col, "a stop word must be one word: '%.*s'", (int)n, s);
		return;
	}
	const char *f = tok_str(&L->t, 0, W_FOLD);
	if (smap_put(&L->cr->stop, f, strlen(f), 1) >= 0)
		diag_report(L->d, DIAG_WARNING, file, line, col, "'%s' is listed twice", f);
}

/* A cue is stored twice: as written (folded) and as stems. Text matches
 * the written form first, so "reportedly" (a hedge) is not taken for
 * "report" (a frame) though both have the stem "report"; a stem already
 * taken by an earlier cue stays with it. */
static void add_cue(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
		    unsigned col, enum cue_kind kind)
{
	size_t nw = entry_words(L, s, n);
	if (!nw) {
		diag_report(L->d, DIAG_ERROR, file, line, col, "no word in '%.*s'", (int)n, s);
		return;
	}
	strbuf key = STRBUF_INIT;
	join_words(L, &key, 0, nw, W_FOLD);
	int old = smap_get(&L->cr->cues_fold.map, key.buf, key.len);
	if (old >= 0 && old != (int)kind)
		diag_report(L->d, DIAG_ERROR, file, line, col, "'%s' is already a cue of another kind", key.buf);
	else if (old >= 0)
		diag_report(L->d, DIAG_WARNING, file, line, col, "'%s' is listed twice", key.buf);
	else
		phrases_add(&L->cr->cues_fold, key.buf, key.len, tok_str(&L->t, 0, W_FOLD), (int)kind, nw);
	join_words(L, &key, 0, nw, W_STEM);
	if (smap_get(&L->cr->cues_stem.map, key.buf, key.len) < 0)
		phrases_add(&L->cr->cues_stem, key.buf, key.len, tok_str(&L->t, 0, W_STEM), (int)kind, nw);
	strbuf_release(&key);
}

static void on_frame(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
		     unsigned col)
{
	struct field f[3];
	size_t nf = split_fields(s, n, col, '|', f, 3);
	enum cue_kind kind = CK_FRAME;
	if (nf >= 2) {
		if (f[1].len == 5 && !memcmp(f[1].s, "frame", 5))
			kind = CK_FRAME;
		else if (f[1].len == 5 && !memcmp(f[1].s, "hedge", 5))
			kind = CK_HEDGE;
		else {
			diag_report(L->d, DIAG_ERROR, file, line, f[1].col,
				    "unknown kind '%.*s' (expected 'frame' or 'hedge')", (int)f[1].len, f[1].s);
			return;
		}
	}
	add_cue(L, file, line, f[0].s, f[0].len, f[0].col, kind);
}

static void on_negation(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
			unsigned col)
{
	add_cue(L, file, line, s, first_field(s, n), col, CK_NEG);
}

static void on_prefix(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
		      unsigned col)
{
	struct claim_rules *cr = L->cr;
	n = first_field(s, n);
	for (size_t i = 0; i < n; i++)
		if (!is_ascii_alpha((unsigned char)s[i])) {
			diag_report(L->d, DIAG_ERROR, file, line, col + (unsigned)i,
				    "a prefix is ASCII letters only: '%.*s'", (int)n, s);
			return;
		}
	for (size_t i = 0; i < cr->nprefixes; i++)
		if (cr->prefix_lens[i] == n && !strncasecmp(cr->prefixes[i], s, n)) {
			diag_report(L->d, DIAG_WARNING, file, line, col, "'%.*s' is listed twice", (int)n, s);
			return;
		}
	cr->prefixes = xrealloc(cr->prefixes, (cr->nprefixes + 1) * sizeof(*cr->prefixes));
	cr->prefix_lens = xrealloc(cr->prefix_lens, (cr->nprefixes + 1) * sizeof(*cr->prefix_lens));
	char *p = xstrndup(s, n);
	for (char *q = p; *q; q++)
		*q = (char)(*q | 0x20);
	cr->prefixes[cr->nprefixes] = p;
	cr->prefix_lens[cr->nprefixes++] = n;
	if (n)
		cr->prefix_first[(unsigned char)p[0]] = 1;
	else
		memset(cr->prefix_first, 1, sizeof(cr->prefix_first));
}

/* A form all in capitals ("US", "U.S.", "WHO"): at least two letters, no
 * lowercase one. */
static int all_caps(const char *s)
{
	int upper = 0;
	for (const char *p = s; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			return 0;
		if (*p >= 'A' && *p <= 'Z')
			upper++;
		if ((unsigned char)*p >= 0x80)
			return 0;
	}
	return upper >= 2;
}

/* Splits an "a = b = c" group line into f; reports and returns 0 when it
 * is not a group of 2 to 64 forms (report only when asked). */
static size_t group_fields(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
			   unsigned col, struct field *f, int report)
{
	size_t nf = split_fields(s, n, col, '=', f, 64);
	if (nf > 64 || nf < 2) {
		if (report)
			diag_report(L->d, DIAG_ERROR, file, line, col, nf > 64 ? "more than 64 forms in one group"
				    : "a group needs at least two forms: 'a = b'");
		return 0;
	}
	return nf;
}

static void on_alias(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
		     unsigned col)
{
	struct field f[64];
	size_t nf = group_fields(L, file, line, s, n, col, f, 1);
	if (!nf)
		return;
	struct claim_rules *cr = L->cr;
	int g = (int)cr->naliases;
	strbuf key = STRBUF_INIT;
	for (size_t i = 0; i < nf; i++) {
		size_t nw = entry_words(L, f[i].s, f[i].len);
		if (!nw) {
			diag_report(L->d, DIAG_ERROR, file, line, f[i].col, "empty form in a group");
			continue;
		}
		if (i == 0) {
			join_words(L, &key, 0, nw, W_FOLD);
			for (char *p = key.buf; *p; p++)
				if (*p == ' ')
					*p = '_';
			cr->aliases = xrealloc(cr->aliases, (cr->naliases + 1) * sizeof(*cr->aliases));
			memset(&cr->aliases[cr->naliases], 0, sizeof(*cr->aliases));
			cr->aliases[cr->naliases++].term = xstrdup(key.buf);
		}
		int cased = 1;
		for (size_t k = 0; k < nw; k++)
			if (!all_caps(tok_str(&L->t, k, W_CASED)))
				cased = 0;
		struct phrases *p = cased ? &cr->alias_cased : &cr->alias_stem;
		enum which w = cased ? W_CASED : W_STEM;
		join_words(L, &key, 0, nw, w);
		int old = smap_get(&p->map, key.buf, key.len);
		if (old >= 0 && old != g)
			diag_report(L->d, DIAG_ERROR, file, line, f[i].col,
				    "'%.*s' is already a form of '%s'", (int)f[i].len, f[i].s,
				    cr->aliases[old].term);
		else if (old < 0)
			phrases_add(p, key.buf, key.len, tok_str(&L->t, 0, w), g, nw);
	}
	strbuf_release(&key);
}

/* Synonym groups are read in two passes: first every group's one-word
 * forms (so "is" -> "be" is known), then the phrases, whose words are
 * mapped through the one-word forms before they are stored. */
/* Writes the words' units into key, joined by spaces, and the first unit
 * alone into first. */

/* A word as a unit of matching: its synonym group's stems (the canonical
 * group, so any member matches), or its own stem. */
static void add_unit(strbuf *out, const struct claim_rules *cr, int group, const char *stem)
{
	if (group < 0) {
		strbuf_addstr(out, stem);
		return;
	}
	const struct group *g = &cr->syns[group];
	for (size_t j = 0; j < g->nwords; j++) {
		if (j)
			strbuf_addch(out, ' ');
		strbuf_addstr(out, g->words[j].stem);
	}
}

static void syn_mapped_words(struct loader *L, size_t nw, strbuf *key, strbuf *first)
{
	strbuf_reset(key);
	for (size_t k = 0; k < nw; k++) {
		const char *st = tok_str(&L->t, k, W_STEM);
		int g = smap_get(&L->cr->syn_word, st, strlen(st));
		if (k)
			strbuf_addch(key, ' ');
		add_unit(key, L->cr, g, st);
		if (k == 0)
			strbuf_add(first, key->buf, key->len);
	}
}

static void on_synonym(struct loader *L, const char *file, unsigned line, const char *s, size_t n,
		       unsigned col)
{
	struct field f[64];
	size_t nf = group_fields(L, file, line, s, n, col, f, L->syn_pass == 0);
	struct claim_rules *cr = L->cr;
	if (!nf)
		return;
	/* the group index is the count of groups read before this line in this pass */
	int g = -1;
	for (size_t i = 0; i < nf && i < 64; i++) {
		size_t nw = entry_words(L, f[i].s, f[i].len);
		if (!nw) {
			if (L->syn_pass == 0)
				diag_report(L->d, DIAG_ERROR, file, line, f[i].col, "empty form in a group");
			continue;
		}
		if (i == 0 && L->syn_pass == 0) {
			cr->syns = xrealloc(cr->syns, (cr->nsyns + 1) * sizeof(*cr->syns));
			struct group *gr = &cr->syns[cr->nsyns++];
			gr->term = NULL;
			gr->nwords = nw;
			gr->words = xcalloc(nw, sizeof(*gr->words));
			for (size_t k = 0; k < nw; k++) {
				gr->words[k].fold = xstrdup(tok_str(&L->t, k, W_FOLD));
				gr->words[k].stem = xstrdup(tok_str(&L->t, k, W_STEM));
			}
		}
		if (i == 0) {
			/* find this group by its canonical words */
			g = L->syn_pass == 0 ? (int)cr->nsyns - 1 : -1;
			if (L->syn_pass == 1)
				for (size_t k = 0; k < cr->nsyns && g < 0; k++) {
					const struct group *gr = &cr->syns[k];
					if (gr->nwords != nw)
						continue;
					size_t m = 0;
					while (m < nw && !strcmp(gr->words[m].stem, tok_str(&L->t, m, W_STEM)))
						m++;
					if (m == nw)
						g = (int)k;
				}
			if (g < 0)
				return;
			if (nw > 1 && L->syn_pass == 0)
				continue;   /* a phrase canonical is matched as a phrase in pass 1 */
		}
		const char *st = tok_str(&L->t, 0, W_STEM);
		if (L->syn_pass == 0 && nw == 1) {
			int old = smap_put(&cr->syn_word, st, strlen(st), g);
			if (old >= 0 && old != g)
				diag_report(L->d, DIAG_ERROR, file, line, f[i].col,
					    "'%.*s' is already a form of '%s' (its stem '%s')", (int)f[i].len,
					    f[i].s, cr->syns[old].words[0].fold, st);
		} else if (L->syn_pass == 1 && nw > 1) {
			strbuf key = STRBUF_INIT, first = STRBUF_INIT;
			syn_mapped_words(L, nw, &key, &first);
			int old = smap_get(&cr->syn_phrase.map, key.buf, key.len);
			if (old >= 0 && old != g)
				diag_report(L->d, DIAG_ERROR, file, line, f[i].col,
					    "'%.*s' is already a form of '%s' (as '%s')", (int)f[i].len, f[i].s,
					    cr->syns[old].words[0].fold, key.buf);
			else if (old < 0)
				phrases_add(&cr->syn_phrase, key.buf, key.len, first.buf, g, nw);
			strbuf_release(&key);
			strbuf_release(&first);
		}
	}
}

struct claim_rules *claim_rules_load(const char *rules_dir, struct diag *d)
{
	struct loader L;
	memset(&L, 0, sizeof(L));
	L.cr = xcalloc(1, sizeof(*L.cr));
	L.d = d;
	L.dir = rules_dir ? rules_dir : rules_default_dir();
	strbuf_init(&L.path, 128);
	toks_init(&L.t);
	unsigned errors0 = d->errors;
	/* prefixes first: the other files' entries are split by them as text is */
	load_file(&L, "claim-prefixes.txt", on_prefix);
	load_file(&L, "stopwords.txt", on_stopword);
	load_file(&L, "claim-frames.txt", on_frame);
	load_file(&L, "negation.txt", on_negation);
	load_file(&L, "aliases.txt", on_alias);
	if (load_file(&L, "claim-synonyms.txt", on_synonym) == 0) {
		/* pass 1 reports only phrases listed in two groups: the other
		 * errors were found in pass 0 */
		L.syn_pass = 1;
		load_file(&L, "claim-synonyms.txt", on_synonym);
	}
	toks_release(&L.t);
	strbuf_release(&L.path);
	if (d->errors != errors0) {
		claim_rules_free(L.cr);
		return NULL;
	}
	return L.cr;
}

/* ---- normalizing a claim ------------------------------------------------------ */

/* Units of measure written after a figure, as folded words ("km/h" is
 * "km" "h"), and the one term each gives ([0]): "38 km/h" and "38
 * kilometres an hour" give the same terms. Longest first within each
 * first word. */
static const char *const units[][5] = {
	{ "kmh", "km", "h" }, { "kmh", "km", "an", "hour" }, { "kmh", "km", "per", "hour" }, { "km", "km" },
	{ "kmh", "kph" }, { "kmh", "kmh" }, { "mph", "mph" },
	{ "kmh", "kilometres", "an", "hour" }, { "kmh", "kilometers", "an", "hour" },
	{ "kmh", "kilometres", "per", "hour" }, { "kmh", "kilometers", "per", "hour" }, { "km", "kilometres" },
	{ "km", "kilometers" }, { "km", "kilometre" }, { "km", "kilometer" },
	{ "mph", "miles", "an", "hour" }, { "mph", "miles", "per", "hour" },
	{ "tonn", "tonnes" }, { "tonn", "tonne" }, { "tonn", "tons" }, { "tonn", "ton" }, { "kg", "kilograms" },
	{ "kg", "kilogrammes" }, { "litr", "litres" }, { "litr", "liters" },
};

/* How many words from i are a unit of measure (0: none); *term is the
 * term they give. */
static size_t unit_after(const struct toks *t, size_t i, const char **term)
{
	for (size_t u = 0; u < sizeof(units) / sizeof(*units); u++) {
		size_t l = 0;
		while (l < 4 && units[u][l + 1] && i + l < t->n && !(t->v[i + l].flags & (T_ENTITY | T_GONE)) &&
		       !strcmp(TS(t, t->v[i + l].fold), units[u][l + 1]))
			l++;
		if (l && (l == 4 || !units[u][l + 1])) {
			*term = units[u][0];
			return l;
		}
	}
	return 0;
}

/* A figure: digits, or a number in words ("two", "sixty"). */
static int is_figure(const char *f)
{
	static const char *const words[] = { "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
					     "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "forty", "fifty",
					     "sixty", "seventy", "eighty", "ninety", "hundred", "dozen", NULL };
	if (f[0] >= '0' && f[0] <= '9')
		return 1;
	/* (asked of every word of every claim: the first letter before the
	   calls, which 23 calls a word made 3% of an ingest) */
	if (!f[0] || !strchr("otfsenhd", f[0]))
		return 0;
	for (int i = 0; words[i]; i++)
		if (words[i][0] == f[0] && !strcmp(f, words[i]))
			return 1;
	return 0;
}

/* Is the negation cue that ends at run[k] the bound of a figure: "above",
 * "over", "beyond", "exceed" or a comparative with "than" ("more than",
 * "faster than"), then a figure, within the next four words ("never went
 * above 38", "not more than two tonnes", "no faster than 40")? */
static int bound_after(const struct toks *t, const size_t *run, size_t nr, size_t k)
{
	static const char *const over[] = { "above", "over", "beyond", "exceed", "exceeded", "exceeding", "exceeds",
					    "past", "under", "below", NULL };
	for (size_t m = k; m < nr && m < k + 4; m++) {
		const char *f = TS(t, t->v[run[m]].fold);
		int hit = 0;
		for (int j = 0; over[j]; j++)
			hit |= !strcmp(f, over[j]);
		size_t after = m + 1;
		if (!hit && m + 1 < nr && !strcmp(TS(t, t->v[run[m + 1]].fold), "than") && strlen(f) > 2 &&
		    (!strcmp(f, "more") || !strcmp(f, "less") || !strcmp(f, "fewer") ||
		     !strcmp(f + strlen(f) - 2, "er"))) {
			hit = 1;
			after = m + 2;
		}
		if (hit)
			return after < nr && is_figure(TS(t, t->v[run[after]].fold));
	}
	return 0;
}

struct out_word {
	const char *term;   /* stem, canonical stem or entity term */
	const char *fold;   /* for the stop-word test; NULL: never a stop word */
	int stop;           /* 1, 0, or -1: look fold up */
};

struct out_words {
	struct out_word *v;
	size_t n, alloc;
};

static void out_add(struct out_words *o, const char *term, const char *fold, int stop)
{
	ALLOC_GROW(o->v, o->n + 1, o->alloc);
	o->v[o->n++] = (struct out_word){ term, fold, stop };
}

static void out_group(struct out_words *o, const struct group *g)
{
	for (size_t j = 0; j < g->nwords; j++)
		out_add(o, g->words[j].stem, g->words[j].fold, -1);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Reused from one claim to the next (claims.h); the word cache is for the
 * rules of the last call. */
struct claim_scratch {
	struct toks t;
	struct word_cache wc;
	size_t *all, *run, idx_alloc;
	const char **u, **v;
	int *ug;
	size_t *off;
	size_t u_alloc, v_alloc;
	struct out_words o;
	strbuf units;
};

struct claim_scratch *claim_scratch_new(void)
{
	struct claim_scratch *cs = xcalloc(1, sizeof(*cs));
	toks_init(&cs->t);
	cs->t.wc = &cs->wc;
	strbuf_init(&cs->units, 64);
	return cs;
}

void claim_scratch_free(struct claim_scratch *cs)
{
	if (!cs)
		return;
	toks_release(&cs->t);
	free(cs->wc.slot);
	free(cs->all);
	free(cs->run);
	free(cs->u);
	free(cs->v);
	free(cs->ug);
	free(cs->off);
	free(cs->o.v);
	strbuf_release(&cs->units);
	free(cs);
}

/* Starts a claim: the word cache is emptied when the rules change or it
 * has grown large (a stream of unusual words must not hold memory). */
static void claim_scratch_begin(struct claim_scratch *cs, const struct claim_rules *cr)
{
	struct word_cache *wc = &cs->wc;
	if (wc->cr != cr || wc->n > (1u << 18) || cs->t.arena.len > (64u << 20)) {
		wc->cr = cr;
		wc->n = 0;
		if (wc->slot)
			memset(wc->slot, 0, wc->cap * sizeof(*wc->slot));
		strbuf_reset(&cs->t.arena);
	}
	if (!wc->slot)
		cache_grow(wc);
	cs->t.n = 0;
	cs->o.n = 0;
}

/* The synonyms of one run of words (between entities; words taken by cues
 * are skipped): phrases longest first, then one-word forms, else the stem. */
static void synonyms_run(struct claim_scratch *cs, const struct claim_rules *cr, const size_t *idx, size_t n)
{
	struct toks *t = &cs->t;
	struct out_words *o = &cs->o;
	int phrases = 0;
	for (size_t i = 0; i < n && !phrases; i++)
		phrases = (t->v[idx[i]].tests & F_SYN) != 0;
	const char **u = NULL;
	if (phrases && cr->syn_phrase.map.n) {
		/* each word as a unit: its stem, or its one-word group's canonical */
		if (n + 1 > cs->u_alloc) {
			cs->u_alloc = 2 * (n + 1);
			cs->u = xrealloc(cs->u, cs->u_alloc * sizeof(*cs->u));
			cs->off = xrealloc(cs->off, cs->u_alloc * sizeof(*cs->off));
		}
		u = cs->u;
		strbuf_reset(&cs->units);
		for (size_t i = 0; i < n; i++) {
			cs->off[i] = cs->units.len;
			add_unit(&cs->units, cr, t->v[idx[i]].syn, tok_str(t, idx[i], W_STEM));
			strbuf_addch(&cs->units, '\0');
		}
		for (size_t i = 0; i < n; i++)
			u[i] = cs->units.buf + cs->off[i];
	}
	for (size_t i = 0; i < n;) {
		int g = -1;
		size_t l = u ? match_phrase(t, &cr->syn_phrase, idx, n, i, W_STEM, u, F_SYN, &g) : 0;
		if (l) {
			out_group(o, &cr->syns[g]);
			i += l;
			continue;
		}
		const struct tok *k = &t->v[idx[i]];
		if (k->syn >= 0)
			out_group(o, &cr->syns[k->syn]);
		else
			out_add(o, TS(t, k->stem), TS(t, k->fold), (k->tests & F_STOP) != 0);
		i++;
	}
}

enum claim_polarity claim_normalize_with(struct claim_scratch *cs, const struct claim_rules *cr, const char *text,
					 size_t len, enum claim_polarity stance, strbuf *terms)
{
	claim_scratch_begin(cs, cr);
	struct toks *tp = &cs->t;
	tokenize(tp, cr, text ? text : "", text ? len : 0);
	size_t n = tp->n;
	if (n + 1 > cs->idx_alloc) {
		cs->idx_alloc = 2 * (n + 1);
		cs->all = xrealloc(cs->all, cs->idx_alloc * sizeof(*cs->all));
		cs->run = xrealloc(cs->run, cs->idx_alloc * sizeof(*cs->run));
	}
	size_t *all = cs->all, *run = cs->run;
	struct tok *tv = tp->v;
	for (size_t i = 0; i < n; i++)
		all[i] = i;

	/* 1. aliases, on the words as written (in capitals) or their stems
	 * ("North Koreans" is "north korean"); the longer match wins,
	 * capitals on a tie */
	for (size_t i = 0; i < n;) {
		int g1 = -1, g2 = -1;
		size_t l1 = match_phrase(tp, &cr->alias_cased, all, n, i, W_CASED, NULL, F_ALIAS_CASED, &g1);
		size_t l2 = match_phrase(tp, &cr->alias_stem, all, n, i, W_STEM, NULL, F_ALIAS_STEM, &g2);
		size_t l = l1 >= l2 ? l1 : l2;
		if (!l) {
			i++;
			continue;
		}
		tv[i].flags |= T_ENTITY;
		tv[i].group = l1 >= l2 ? g1 : g2;
		for (size_t k = 1; k < l; k++)
			tv[i + k].flags |= T_GONE;
		i += l;
	}

	/* 1b. the unit after a figure: "38 km/h" and "38 kilometres an hour"
	 * give the same terms (the figure, and one term for the unit however
	 * it is written) */
	for (size_t i = 0; i + 1 < n; i++) {
		if ((tv[i].flags & (T_ENTITY | T_GONE)) || !is_figure(TS(tp, tv[i].fold)))
			continue;
		const char *unit = NULL;
		size_t l = unit_after(tp, i + 1, &unit);
		if (!l)
			continue;
		/* the unit's first word gives its term, the others none */
		tv[i + 1].stem = arena_add(&tp->arena, unit, strlen(unit));
		tv[i + 1].syn = -1;
		tv[i + 1].tests &= ~(unsigned)(F_SYN | F_STOP | F_CUE_FOLD | F_CUE_STEM | F_ALIAS_STEM);
		for (size_t k = 1; k < l; k++)
			tv[i + 1 + k].flags |= T_GONE;
		i += l;
	}

	/* 2. frame, hedge and negation cues, on the stems of each run of words
	 * between entities */
	int neg = 0, hedge = 0;
	for (size_t i = 0; i < n;) {
		size_t nr = 0;
		while (i < n && !(tv[i].flags & T_ENTITY)) {
			if (!(tv[i].flags & T_GONE))
				run[nr++] = i;
			i++;
		}
		for (size_t k = 0; k < nr;) {
			int kind = 0, k2 = 0;
			size_t l = match_phrase(tp, &cr->cues_fold, run, nr, k, W_FOLD, NULL, F_CUE_FOLD, &kind);
			size_t l2 = match_phrase(tp, &cr->cues_stem, run, nr, k, W_STEM, NULL, F_CUE_STEM, &k2);
			if (l2 > l) {
				l = l2;
				kind = k2;
			}
			if (!l) {
				k++;
				continue;
			}
			/* "never went above 38", "no more than two tonnes": a bound
			   on a figure, not a denial of the claim */
			neg += kind == CK_NEG && !bound_after(tp, run, nr, k + l);
			hedge += kind == CK_HEDGE;
			for (size_t m = 0; m < l; m++)
				tv[run[k + m]].flags |= T_GONE;
			k += l;
		}
		i++;   /* past the entity */
	}

	/* 3. entities and synonyms give the words of the claim */
	struct out_words *o = &cs->o;
	for (size_t i = 0; i < n;) {
		size_t nr = 0;
		while (i < n && !(tv[i].flags & T_ENTITY)) {
			if (!(tv[i].flags & T_GONE))
				run[nr++] = i;
			i++;
		}
		if (nr)
			synonyms_run(cs, cr, run, nr);
		if (i < n)
			out_add(o, cr->aliases[tv[i].group].term, NULL, 0);
		i++;
	}

	/* 4. stop words out; sorted, once each */
	ALLOC_GROW(cs->v, o->n + 1, cs->v_alloc);
	const char **v = cs->v;
	size_t nv = 0;
	for (size_t i = 0; i < o->n; i++) {
		const struct out_word *w = &o->v[i];
		if (!*w->term)
			continue;
		if (w->stop > 0 || (w->stop < 0 && w->fold && smap_get(&cr->stop, w->fold, strlen(w->fold)) >= 0))
			continue;
		v[nv++] = w->term;
	}
	/* a claim has a few terms: an insertion sort does not pay qsort's
	   merge sort and a call per comparison (a tenth of a claim) */
	if (nv > 32) {
		qsort(v, nv, sizeof(*v), cmp_str);
	} else {
		for (size_t i = 1; i < nv; i++) {
			const char *x = v[i];
			size_t j = i;
			/* (most terms differ in their first byte) */
			for (; j && ((unsigned char)v[j - 1][0] != (unsigned char)x[0]
					     ? (unsigned char)v[j - 1][0] > (unsigned char)x[0]
					     : strcmp(v[j - 1], x) > 0);
			     j--)
				v[j] = v[j - 1];
			v[j] = x;
		}
	}
	strbuf_reset(terms);
	for (size_t i = 0; i < nv; i++) {
		if (i && !strcmp(v[i], v[i - 1]))
			continue;
		if (terms->len)
			strbuf_addch(terms, ' ');
		strbuf_addstr(terms, v[i]);
	}

	if (stance == CLAIM_DENY || neg)
		return CLAIM_DENY;
	if (stance == CLAIM_HEDGE || hedge)
		return CLAIM_HEDGE;
	return CLAIM_ASSERT;
}

enum claim_polarity claim_normalize(const struct claim_rules *cr, const char *text, size_t len,
				    enum claim_polarity stance, strbuf *terms)
{
	struct claim_scratch *cs = claim_scratch_new();
	enum claim_polarity p = claim_normalize_with(cs, cr, text, len, stance, terms);
	claim_scratch_free(cs);
	return p;
}
