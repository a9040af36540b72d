#define _POSIX_C_SOURCE 200809L
#include "rules.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "patcache.h"
#include "strbuf.h"
#include "text.h"

#ifndef WHOSAID_RULES_DIR
#define WHOSAID_RULES_DIR "rules"
#endif

/* ---- wordset ---------------------------------------------------------- */

static size_t hash_bytes(const char *s, size_t len)
{
	size_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void wordset_put(struct wordset *ws, const char *s, size_t len, int val);

static void wordset_rehash(struct wordset *ws, size_t cap)
{
	struct wordset old = *ws;
	ws->cap = cap;
	ws->n = 0;
	ws->keys = xcalloc(cap, sizeof(char *));
	ws->vals = xcalloc(cap, sizeof(int));
	ws->lens = xcalloc(cap, sizeof(size_t));
	ws->hashes = xcalloc(cap, sizeof(unsigned));
	for (size_t i = 0; i < old.cap; i++)
		if (old.keys[i]) {
			wordset_put(ws, old.keys[i], old.lens[i], old.vals[i]);
			free(old.keys[i]);
		}
	free(old.keys);
	free(old.vals);
	free(old.lens);
	free(old.hashes);
}

/* First value wins: word lists list the preferred reading first. */
static void wordset_put(struct wordset *ws, const char *s, size_t len, int val)
{
	if ((ws->n + 1) * 2 > ws->cap)
		wordset_rehash(ws, ws->cap ? ws->cap * 2 : 64);
	size_t h = hash_bytes(s, len);
	size_t i = h & (ws->cap - 1);
	while (ws->keys[i]) {
		if (ws->lens[i] == len && !memcmp(ws->keys[i], s, len))
			return;
		i = (i + 1) & (ws->cap - 1);
	}
	ws->keys[i] = xstrndup(s, len);
	ws->lens[i] = strlen(ws->keys[i]);
	if (ws->lens[i]) {
		unsigned b = wordset_shape_bit(ws->keys[i], ws->lens[i]);
		ws->shape[b / 64] |= 1ULL << (b % 64);
		if (ws->lens[i] >= 2) {
			b = wordset_shape_bit2(ws->keys[i], ws->lens[i]);
			ws->shape2[b / 64] |= 1ULL << (b % 64);
		}
	}
	if (ws->lens[i] > ws->max_len)
		ws->max_len = ws->lens[i];
	ws->hashes[i] = (unsigned)h;
	ws->vals[i] = val;
	ws->n++;
}

static int wordset_find(const struct wordset *ws, const char *s, size_t len, size_t h)
{
	size_t i = h & (ws->cap - 1);
	while (ws->keys[i]) {
		if (ws->hashes[i] == (unsigned)h && ws->lens[i] == len && !memcmp(ws->keys[i], s, len))
			return ws->vals[i];
		i = (i + 1) & (ws->cap - 1);
	}
	return -1;
}

int wordset_get_shaped(const struct wordset *ws, const char *s, size_t len)
{
	if (!ws->cap)
		return -1;
	return wordset_find(ws, s, len, hash_bytes(s, len));
}

int wordset_get_ci_shaped(const struct wordset *ws, const char *s, size_t len)
{
	char tmp[128];
	if (!len || len >= sizeof(tmp) || !ws->cap)
		return -1;
	/* lowercase and hash in one pass (ASCII only, as tolower in the C locale) */
	size_t h = wordset_fold_hash(s, len, tmp);
	return wordset_find(ws, tmp, len, h);
}

static void wordset_release(struct wordset *ws)
{
	for (size_t i = 0; i < ws->cap; i++)
		free(ws->keys[i]);
	free(ws->keys);
	free(ws->vals);
	free(ws->lens);
	free(ws->hashes);
	memset(ws, 0, sizeof(*ws));
}

/* ---- line reading ----------------------------------------------------- */

struct rule_file {
	char *path;
	strbuf text;
	size_t pos;
	unsigned lineno;
};

static void rule_file_close(struct rule_file *f)
{
	free(f->path);
	strbuf_release(&f->text);
}

/* Reads dir/name whole; on failure reports it and leaves nothing to close. */
static int rule_file_open(struct rule_file *f, const char *dir, const char *name, struct diag *d)
{
	strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s", dir, name);
	f->path = strbuf_detach(&p, NULL);
	strbuf_init(&f->text, 0);
	f->pos = 0;
	f->lineno = 0;
	if (strbuf_read_file(&f->text, f->path) < 0) {
		diag_report(d, DIAG_ERROR, f->path, 0, 0, "cannot read rule file '%s': %s",
			    f->path, strerror(errno));
		rule_file_close(f);
		return -1;
	}
	return 0;
}

/* Next line without its newline, trailing spaces or comment; returns 0 at EOF. */
static int next_line(struct rule_file *f, const char **s, size_t *len, int keep_comment)
{
	while (f->pos < f->text.len) {
		const char *start = f->text.buf + f->pos;
		const char *nl = memchr(start, '\n', f->text.len - f->pos);
		size_t n = nl ? (size_t)(nl - start) : f->text.len - f->pos;
		f->pos += n + (nl ? 1 : 0);
		f->lineno++;
		if (!keep_comment) {
			const char *hash = memchr(start, '#', n);
			if (hash && (hash == start || hash[-1] == ' ' || hash[-1] == '\t'))
				n = (size_t)(hash - start);
		}
		while (n && isspace((unsigned char)start[n - 1]))
			n--;
		size_t lead = 0;
		while (lead < n && isspace((unsigned char)start[lead]))
			lead++;
		if (lead == n)
			continue;
		if (keep_comment && start[lead] == '#')
			continue;
		*s = start;
		*len = n;
		return 1;
	}
	return 0;
}

static void lower_into(strbuf *sb, const char *s, size_t n)
{
	strbuf_reset(sb);
	for (size_t i = 0; i < n; i++)
		strbuf_addch(sb, tolower((unsigned char)s[i]));
}

static const char *skip_space(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

/* Splits [s,end) at sep into trimmed fields; returns the count. */
static size_t split_fields(const char *s, const char *end, char sep, const char **fs,
			   size_t *fl, size_t max)
{
	size_t n = 0;
	while (s <= end && n < max) {
		const char *e = memchr(s, sep, (size_t)(end - s));
		if (!e)
			e = end;
		const char *a = skip_space(s, e);
		const char *b = e;
		while (b > a && isspace((unsigned char)b[-1]))
			b--;
		fs[n] = a;
		fl[n] = (size_t)(b - a);
		n++;
		s = e + 1;
		if (e == end)
			break;
	}
	return n;
}

/* A word list: one entry a line, optionally "entry | value". values maps
 * the value names to ints; a missing value gives def. Lowercases entries
 * unless keep_case. */
static int load_wordlist(struct wordset *ws, const char *dir, const char *name,
			 const char *const *values, int def, int keep_case, struct diag *d)
{
	struct rule_file f;
	if (rule_file_open(&f, dir, name, d) < 0)
		return -1;
	int errors = 0;
	const char *s;
	size_t n;
	strbuf low = STRBUF_INIT;
	while (next_line(&f, &s, &n, 0)) {
		const char *fs[2];
		size_t fl[2];
		size_t nf = split_fields(s, s + n, '|', fs, fl, 2);
		int val = def;
		if (nf == 2 && values) {
			val = -1;
			for (int i = 0; values[i]; i++)
				if (strlen(values[i]) == fl[1] && !strncmp(values[i], fs[1], fl[1]))
					val = i;
			if (val < 0) {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(fs[1] - s) + 1,
					    "unknown value '%.*s'", (int)fl[1], fs[1]);
				errors++;
				continue;
			}
		}
		if (keep_case) {
			strbuf_reset(&low);
			strbuf_add(&low, fs[0], fl[0]);
		} else {
			lower_into(&low, fs[0], fl[0]);
		}
		if (wordset_get(ws, low.buf, low.len) >= 0 && !keep_case) {
			/* duplicates in word lists are harmless but usually a slip */
			diag_report(d, DIAG_WARNING, f.path, f.lineno, 1, "duplicate entry '%s'", low.buf);
		}
		wordset_put(ws, low.buf, low.len, val);
	}
	strbuf_release(&low);
	rule_file_close(&f);
	return errors ? -1 : 0;
}


/* org-kinds.txt: "head: word word ...", one kind a line; each word maps
 * to its head ("union: federation guild ..."). Optional: a rules
 * directory without the file has no kinds. */
static int load_org_kinds(struct rules *r, struct diag *d)
{
	strbuf path = STRBUF_INIT;
	strbuf_addf(&path, "%s/org-kinds.txt", r->dir);
	int missing = access(path.buf, F_OK) != 0;
	strbuf_release(&path);
	if (missing)
		return 0;
	struct rule_file f;
	if (rule_file_open(&f, r->dir, "org-kinds.txt", d) < 0)
		return -1;
	int errors = 0;
	const char *s;
	size_t n;
	strbuf low = STRBUF_INIT;
	while (next_line(&f, &s, &n, 0)) {
		const char *colon = memchr(s, ':', n);
		size_t h0 = 0, h1 = colon ? (size_t)(colon - s) : 0;
		while (h0 < h1 && isspace((unsigned char)s[h0]))
			h0++;
		while (h1 > h0 && isspace((unsigned char)s[h1 - 1]))
			h1--;
		if (h0 == h1) {
			diag_report(d, DIAG_ERROR, f.path, f.lineno, 1, "expected 'head: word word ...'");
			errors++;
			continue;
		}
		ALLOC_GROW(r->org_kind_heads, r->norg_kinds + 1, r->org_kinds_alloc);
		lower_into(&low, s + h0, h1 - h0);
		r->org_kind_heads[r->norg_kinds] = xstrdup(low.buf);
		for (size_t i = (size_t)(colon - s) + 1; i < n;) {
			while (i < n && isspace((unsigned char)s[i]))
				i++;
			size_t w = i;
			while (i < n && !isspace((unsigned char)s[i]))
				i++;
			if (i > w) {
				lower_into(&low, s + w, i - w);
				wordset_put(&r->org_kind_words, low.buf, low.len, (int)r->norg_kinds);
			}
		}
		r->norg_kinds++;
	}
	strbuf_release(&low);
	rule_file_close(&f);
	return errors ? -1 : 0;
}

const char *rules_org_kind(const struct rules *r, const char *word, size_t len)
{
	int k = wordset_get_ci(&r->org_kind_words, word, len);
	return k >= 0 ? r->org_kind_heads[k] : NULL;
}

static const char *const word_list_names[] = { "determiner", "quantifier", "joiner", "number", "share-lead",
	"share-whole", "share-part", "calendar", "kin", "possessive", "female", "male", "opening",
	"not-name", "opener", "adverb", "not-adverb", "adverbial", "title-modifier", "asked", "count", "elision",
	"group", "seeming", "place-kind", "writer", "winning", "prize", "work", "compound",
	"phrase-end", "preposition", "subject-pronoun", "complement-lead", "clause-lead", "no-subject",
	"subject-verb", "tell", "not-owned",
	"place-first", "apposition-lead", "town-lead", "third-pronoun", "not-subject", "scene-lead",
	"scene-adverb", "narrative-verb", "be", "open-end", "clause-aux",
	"finite-verb", "appositive-verb", "that-subject", NULL };

int cue_lemma_in_list(const struct rules *r, int cue, lex_lists list)
{
	if (cue < 0 || (size_t)cue >= r->ncues)
		return 0;
	const char *lemma = r->cues[cue].lemma;
	return (rules_word_lists(r, lemma, strlen(lemma)) & list) != 0;
}

int rules_is_adverb(const struct rules *r, const char *s, size_t a, size_t b)
{
	if (b - a < 3)
		return 0;
	for (size_t i = a; i < b; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	lex_lists k = rules_word_lists(r, s + a, b - a);
	if (k & WL_ADVERB)
		return 1;
	return b - a >= 5 && s[b - 2] == 'l' && s[b - 1] == 'y' && !(k & WL_NOT_ADVERB);
}

int rules_lower_in_list(const struct rules *r, const char *s, size_t a, size_t b, lex_lists list)
{
	for (size_t i = a; i < b; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return b > a && (rules_word_lists(r, s + a, b - a) & list) != 0;
}

int rules_capital_in_list(const struct rules *r, const char *s, size_t a, size_t b, lex_lists list)
{
	if (b <= a || s[a] < 'A' || s[a] > 'Z')
		return 0;
	for (size_t i = a + 1; i < b; i++)
		if (s[i] < 'a' || s[i] > 'z')
			return 0;
	return (rules_word_lists(r, s + a, b - a) & list) != 0;
}

const char *word_list_name(int bit)
{
	return bit >= 0 && bit < (int)(sizeof(word_list_names) / sizeof(*word_list_names)) - 1 ?
		word_list_names[bit] : NULL;
}

/* words.txt: "list | word, word, ..." lines. A word's value in r->words
 * is its index in r->word_masks, which holds the set of its lists (WL_
 * bits, 64 at most). Every list must
 * be there: the code reads them all, and an empty one would silently
 * change what it finds. */
static int load_word_lists(struct rules *r, struct diag *d)
{
	struct rule_file f;
	if (rule_file_open(&f, r->dir, "words.txt", d) < 0)
		return -1;
	int errors = 0;
	lex_lists seen = 0;
	lex_lists *masks = NULL;
	size_t nmasks = 0, cap = 0;
	strbuf low = STRBUF_INIT;
	const char *s;
	size_t n;
	while (next_line(&f, &s, &n, 0)) {
		const char *end = s + n;
		const char *name = skip_space(s, end);
		const char *bar = memchr(name, '|', (size_t)(end - name));
		if (!bar) {
			diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(name - s) + 1,
				    "expected 'list | word, word, ...'");
			errors++;
			continue;
		}
		const char *ne = bar;
		while (ne > name && isspace((unsigned char)ne[-1]))
			ne--;
		int list = -1;
		for (int i = 0; word_list_names[i]; i++)
			if (strlen(word_list_names[i]) == (size_t)(ne - name) &&
			    !strncmp(word_list_names[i], name, (size_t)(ne - name)))
				list = i;
		if (list < 0) {
			diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(name - s) + 1,
				    "unknown word list '%.*s'", (int)(ne - name), name);
			errors++;
			continue;
		}
		seen |= (lex_lists)1 << list;
		for (const char *p = bar + 1; p <= end;) {
			const char *comma = memchr(p, ',', (size_t)(end - p));
			const char *fe = comma ? comma : end;
			const char *w = skip_space(p, fe);
			const char *we = fe;
			while (we > w && isspace((unsigned char)we[-1]))
				we--;
			unsigned col = (unsigned)(w - s) + 1;
			p = fe + 1;
			if (w == we) {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, col, "empty word in list '%s'",
					    word_list_names[list]);
				errors++;
				continue;
			}
			const char *sp = w;
			while (sp < we && !isspace((unsigned char)*sp))
				sp++;
			if (sp < we) {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, col,
					    "'%.*s' is not one word (words are separated by commas)", (int)(we - w), w);
				errors++;
				continue;
			}
			lower_into(&low, w, (size_t)(we - w));
			int k = wordset_get(&r->words, low.buf, low.len);
			if (k < 0) {
				if (nmasks == cap) {
					cap = cap ? cap * 2 : 256;
					masks = xrealloc(masks, cap * sizeof(*masks));
				}
				k = (int)nmasks;
				masks[nmasks++] = 0;
				wordset_put(&r->words, low.buf, low.len, k);
			}
			if (masks[k] & (lex_lists)1 << list)
				diag_report(d, DIAG_WARNING, f.path, f.lineno, col, "duplicate entry '%s' in list '%s'",
					    low.buf, word_list_names[list]);
			masks[k] |= (lex_lists)1 << list;
		}
	}
	for (int i = 0; word_list_names[i]; i++)
		if (!(seen & (lex_lists)1 << i)) {
			diag_report(d, DIAG_ERROR, f.path, 0, 0, "no word list '%s' (a line '%s | word, ...')",
				    word_list_names[i], word_list_names[i]);
			errors++;
		}
	r->word_masks = masks;
	strbuf_release(&low);
	rule_file_close(&f);
	return errors ? -1 : 0;
}


/* A cue form is words of ASCII letters with one space between them, or
 * ":" alone. */
static int cue_form_ok(const char *form, size_t n)
{
	if (n == 1 && form[0] == ':')
		return 1;
	for (size_t k = 0; k < n; k++) {
		unsigned char c = (unsigned char)form[k];
		if (c == ' ' ? k == 0 || k + 1 == n || form[k - 1] == ' ' : !(c >= 'a' && c <= 'z'))
			return 0;
	}
	return n > 0;
}
static int load_cues(struct rules *r, struct diag *d)
{
	static const char *const stances[] = { "assert", "deny", "hedge", NULL };
	static const char *const frames[] = { "clause", "that", "quote", "source", "object", NULL };
	struct rule_file f;
	if (rule_file_open(&f, r->dir, "cues.txt", d) < 0)
		return -1;
	int errors = 0;
	size_t alloc = 0;
	const char *s;
	size_t n;
	strbuf low = STRBUF_INIT;
	while (next_line(&f, &s, &n, 0)) {
		const char *fs[4];
		size_t fl[4];
		size_t nf = split_fields(s, s + n, '|', fs, fl, 4);
		if (nf != 4) {
			diag_report(d, DIAG_ERROR, f.path, f.lineno, 1,
				    "expected 'lemma | stance | frame | form, form, ...'");
			errors++;
			continue;
		}
		int st = -1, fr = -1;
		for (int i = 0; stances[i]; i++)
			if (strlen(stances[i]) == fl[1] && !strncmp(stances[i], fs[1], fl[1]))
				st = i;
		for (int i = 0; frames[i]; i++)
			if (strlen(frames[i]) == fl[2] && !strncmp(frames[i], fs[2], fl[2]))
				fr = i;
		if (st < 0 || fr < 0) {
			const char *bad = st < 0 ? fs[1] : fs[2];
			size_t bl = st < 0 ? fl[1] : fl[2];
			diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(bad - s) + 1,
				    "unknown %s '%.*s'", st < 0 ? "stance" : "frame", (int)bl, bad);
			errors++;
			continue;
		}
		ALLOC_GROW(r->cues, r->ncues + 1, alloc);
		struct cue *c = &r->cues[r->ncues];
		c->lemma = xstrndup(fs[0], fl[0]);
		c->stance = (enum stance)st;
		c->frame = (enum cue_frame)fr;
		const char *forms[64];
		size_t flen[64];
		size_t nforms = split_fields(fs[3], fs[3] + fl[3], ',', forms, flen, 64);
		for (size_t i = 0; i < nforms; i++) {
			if (!flen[i])
				continue;
			lower_into(&low, forms[i], flen[i]);
			if (!cue_form_ok(low.buf, low.len)) {
				/* find_cues() records forms by their letters: the
				 * offset limit and the cue gate (?C1) would miss a
				 * form with any other byte and drop matches */
				diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(forms[i] - s) + 1,
					    "cue form '%s' may hold only ASCII letters and single spaces (or be ':')",
					    low.buf);
				errors++;
				continue;
			}
			if (wordset_get(&r->cue_forms, low.buf, low.len) >= 0) {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(forms[i] - s) + 1,
					    "duplicate cue form '%s'", low.buf);
				errors++;
				continue;
			}
			wordset_put(&r->cue_forms, low.buf, low.len, (int)r->ncues);
			size_t tail = low.len;
			while (tail > 0 && isalpha((unsigned char)low.buf[tail - 1]) && (unsigned char)low.buf[tail - 1] < 0x80)
				tail--;
			if (tail > 0 && tail < low.len)
				wordset_put(&r->cue_tails, low.buf + tail, low.len - tail, 1);
			size_t words = 1;
			for (size_t k = 0; k < low.len; k++)
				words += low.buf[k] == ' ';
			if (words > r->max_cue_words)
				r->max_cue_words = words;
		}
		r->ncues++;
	}
	strbuf_release(&low);
	rule_file_close(&f);
	return errors ? -1 : 0;
}

/* ---- pattern macros --------------------------------------------------- */

/* Macros become PCRE2 subroutines: a reference is "(?&NAME)" and the rule
 * gets a (?(DEFINE)...) block with every macro it needs, so a pattern grows
 * with the number of macros, not with how often they nest. A macro that
 * holds a named capture (such as appos) is inlined instead, because PCRE2
 * does not keep captures made inside a subroutine call. */
struct macro {
	char *name;
	char *body;          /* already expanded */
	unsigned line, col;  /* where it was defined */
	int inline_only;
	/* the body in a rule's ASCII form, when it differs (a word list
	 * answered by a callout: word_list_ascii), else NULL */
	char *ascii_body;
	int probe;           /* index into rules.probes, or -1: an ordinary macro */
	uint64_t probes;     /* the probes its body calls, directly or not (bits) */
	size_t *deps;        /* macros its body calls */
	size_t ndeps;
	/* trie_words() of its body (0) and of its ascii_body (1), worked out
	 * once for all the rules that carry it (trie_split): tw_state 0 not
	 * yet, 1 as written, 2 rewritten into tw, 3 refused */
	char *tw[2];
	unsigned char tw_state[2];
};

struct macros {
	struct macro *v;
	size_t n, alloc;
};

static const struct macro *macro_find(const struct macros *m, const char *name, size_t len)
{
	for (size_t i = 0; i < m->n; i++)
		if (strlen(m->v[i].name) == len && !memcmp(m->v[i].name, name, len))
			return &m->v[i];
	return NULL;
}

static int has_named_capture(const char *body)
{
	for (const char *p = strstr(body, "(?<"); p; p = strstr(p + 3, "(?<"))
		if (islower((unsigned char)p[3]))
			return 1;
	return 0;
}

static void macro_add(struct macros *m, const char *name, char *body, unsigned line, unsigned col,
		      const size_t *deps, size_t ndeps)
{
	ALLOC_GROW(m->v, m->n + 1, m->alloc);
	struct macro *mac = &m->v[m->n];
	mac->name = xstrdup(name);
	mac->body = body;
	mac->line = line;
	mac->col = col;
	mac->inline_only = has_named_capture(body);
	mac->ascii_body = NULL;
	mac->tw[0] = mac->tw[1] = NULL;
	mac->tw_state[0] = mac->tw_state[1] = 0;
	mac->probe = -1;
	mac->probes = 0;
	mac->ndeps = ndeps;
	mac->deps = NULL;
	if (ndeps) {
		mac->deps = xmalloc(ndeps * sizeof(size_t));
		memcpy(mac->deps, deps, ndeps * sizeof(size_t));
	}
	m->n++;
}

static void macros_release(struct macros *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].name);
		free(m->v[i].body);
		free(m->v[i].ascii_body);
		free(m->v[i].tw[0]);
		free(m->v[i].tw[1]);
		free(m->v[i].deps);
	}
	free(m->v);
}

struct seg {            /* where expanded bytes came from, for error columns */
	size_t out;          /* first output byte of the segment */
	unsigned line, col;  /* source position of its first byte */
	int literal;         /* 1: bytes map 1:1 to the source line */
};

struct expansion {
	strbuf out;
	struct seg *segs;
	size_t nsegs, alloc;
	size_t *used;        /* macros called, directly */
	size_t nused, used_alloc;
	int rule;            /* expanding a rule (not a define) */
	int fast;            /* paste a rule's opening macro; compile ASCII variants
				(off with WHOSAID_NO_FAST, to test that they change nothing) */
	struct patcache *pc; /* compiled patterns of earlier runs (NULL: none) */
	uint64_t probes;     /* the probes the expansion calls, directly or not */
	int ascii_differs;   /* append_defines wrote a macro with an ascii_body */
	/* what append_defines wrote after the pattern's own bytes (own_len):
	 * whether it wrote the DEFINE group, and its macros in order, each
	 * with its ascii_body (1) or its body (0) */
	int defined;
	size_t own_len;
	size_t *defs;
	unsigned char *def_ascii;
	size_t ndefs, defs_alloc, def_ascii_alloc;
};

static void mark_used(struct expansion *x, size_t idx)
{
	for (size_t i = 0; i < x->nused; i++)
		if (x->used[i] == idx)
			return;
	ALLOC_GROW(x->used, x->nused + 1, x->used_alloc);
	x->used[x->nused++] = idx;
}

static void seg_push(struct expansion *x, unsigned line, unsigned col, int literal)
{
	ALLOC_GROW(x->segs, x->nsegs + 1, x->alloc);
	x->segs[x->nsegs++] = (struct seg){ x->out.len, line, col, literal };
}

static int only_space(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Expands {NAME} references of one source line into x. A macro that opens
 * a rule's pattern is pasted rather than called, so that PCRE2 sees the
 * bytes a match can start with and skips to them (it does not look into a
 * subroutine for them). Pasted there, at the very start, the body runs
 * with the options it was defined with, as a call would. */
static int expand_line(struct expansion *x, const char *s, size_t n, unsigned line,
		       unsigned col0, const struct macros *m, const char *file, struct diag *d)
{
	size_t i = 0;
	int errors = 0;
	seg_push(x, line, col0, 1);
	while (i < n) {
		if (s[i] == '\\' && i + 1 < n) {
			size_t k = 2;
			/* \p{L}: a Unicode property, not a macro */
			if ((s[i + 1] == 'p' || s[i + 1] == 'P') && i + 2 < n && s[i + 2] == '{') {
				const char *close = memchr(s + i, '}', n - i);
				if (close)
					k = (size_t)(close - (s + i)) + 1;
			}
			strbuf_add(&x->out, s + i, k);
			i += k;
			continue;
		}
		if (s[i] == '{' && i + 1 < n && isupper((unsigned char)s[i + 1])) {
			size_t j = i + 1;
			while (j < n && (isupper((unsigned char)s[j]) || s[j] == '_' || isdigit((unsigned char)s[j])))
				j++;
			if (j < n && s[j] == '}') {
				const struct macro *mac = macro_find(m, s + i + 1, j - i - 1);
				if (!mac) {
					diag_report(d, DIAG_ERROR, file, line, col0 + (unsigned)i,
						    "unknown macro '{%.*s}'", (int)(j - i - 1), s + i + 1);
					errors++;
				} else {
					seg_push(x, line, col0 + (unsigned)i, 0);
					x->probes |= mac->probes;
					if (mac->probe >= 0) {
						/* a probe: answered by quotes.c */
						strbuf_addf(&x->out, "(?C%d)", 2 + mac->probe);
						x->probes |= (uint64_t)1 << mac->probe;
					} else if (mac->inline_only || (x->rule && x->fast && only_space(x->out.buf, x->out.len))) {
						strbuf_addstr(&x->out, mac->body);
						for (size_t k = 0; k < mac->ndeps; k++)
							mark_used(x, mac->deps[k]);
					} else {
						strbuf_addf(&x->out, "(?&%s)", mac->name);
						mark_used(x, (size_t)(mac - m->v));
					}
				}
				i = j + 1;
				seg_push(x, line, col0 + (unsigned)i, 1);
				continue;
			}
		}
		strbuf_addch(&x->out, s[i]);
		i++;
	}
	strbuf_addch(&x->out, '\n');
	return errors;
}

static void where(const struct expansion *x, size_t off, unsigned *line, unsigned *col)
{
	const struct seg *best = &x->segs[0];
	for (size_t i = 0; i < x->nsegs && x->segs[i].out <= off; i++)
		best = &x->segs[i];
	*line = best->line;
	*col = best->col + (best->literal ? (unsigned)(off - best->out) : 0);
}

static const char *const allowed_groups[] = { "speaker", "cue", "content", "obj", "appos", "content2", "qend",
						"framed", "rel", "asked", "qgoes", "scene", NULL };

/* PCRE2_USE_OFFSET_LIMIT: quotes.c tells each match how far in it may
 * start (no later than the last cue it could use) */
#define PATTERN_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_EXTENDED | \
			 PCRE2_USE_OFFSET_LIMIT)
#define ASCII_PATTERN_OPTIONS (PCRE2_EXTENDED | PCRE2_USE_OFFSET_LIMIT)

/* Appends (?(DEFINE)...) with every macro the expansion calls, directly
 * or through other macros; for a rule's ASCII form when ascii. */
static void append_defines(struct expansion *x, const struct macros *m, int ascii)
{
	x->defined = 0;
	x->ndefs = 0;
	x->own_len = x->out.len;
	if (!x->nused)
		return;
	x->defined = 1;
	char *seen = xcalloc(m->n, 1);
	size_t *todo = xmalloc((m->n + 1) * sizeof(size_t));
	size_t ntodo = 0;
	for (size_t i = 0; i < x->nused; i++)
		if (!seen[x->used[i]]) {
			seen[x->used[i]] = 1;
			todo[ntodo++] = x->used[i];
		}
	strbuf_addstr(&x->out, "\n(?(DEFINE)");
	for (size_t t = 0; t < ntodo; t++) {
		const struct macro *mac = &m->v[todo[t]];
		for (size_t k = 0; k < mac->ndeps; k++)
			if (!seen[mac->deps[k]]) {
				seen[mac->deps[k]] = 1;
				todo[ntodo++] = mac->deps[k];
			}
		if (mac->inline_only)
			continue;
		/* (not strbuf_addf: its formatting of a body of kilobytes, for
		 * every macro of every pattern, cost as much as a tenth of the
		 * work of loading the rules) */
		if (mac->ascii_body)
			x->ascii_differs = 1;
		ALLOC_GROW(x->defs, x->ndefs + 1, x->defs_alloc);
		ALLOC_GROW(x->def_ascii, x->ndefs + 1, x->def_ascii_alloc);
		x->defs[x->ndefs] = todo[t];
		x->def_ascii[x->ndefs++] = ascii && mac->ascii_body;
		strbuf_addstr(&x->out, "(?<");
		strbuf_addstr(&x->out, mac->name);
		strbuf_addch(&x->out, '>');
		strbuf_addstr(&x->out, ascii && mac->ascii_body ? mac->ascii_body : mac->body);
		strbuf_addstr(&x->out, "\n)");
	}
	strbuf_addstr(&x->out, ")");
	free(seen);
	free(todo);
}


/* The pattern s[0, n) rewritten for subjects of ASCII bytes only, to be
 * compiled without PCRE2_UTF and PCRE2_UCP. On such a subject the two
 * compiled patterns match alike: \w \d \s \b \p{..} and caseless letters
 * agree on ASCII characters with and without UCP, and a character above
 * U+007F can match nothing there. Such a character, written as itself or
 * as \x{...} \o{...} \N{U+...} above 0xff, becomes \xff, one byte (which
 * never occurs in the subject either), so that a quantifier after it or a
 * range ending in it keeps its meaning. NULL when the pattern sets its own
 * options with a leading (*...) or quotes text with \Q (left as they are).
 *
 * A character of U+0080..U+00FF written as itself becomes \x{..}, its
 * code point, which is the byte that stands for it in a sentence
 * transcoded to Latin-1 (quotes.c; only some symbols are, and never \xff):
 * so the pattern also serves such sentences. */
static char *ascii_pattern(const char *s, size_t n)
{
	strbuf out = STRBUF_INIT;
	strbuf_grow(&out, n + n / 8);
	size_t i = 0;
	while (i < n) {
		/* ASCII that is no escape and no "(": as it is, in one piece
		 * (eight bytes at a time: every run loads some 3 MB of rule
		 * text, the macros' bodies in each rule's DEFINE block) */
		size_t plain = i;
		for (uint64_t x; plain + 8 <= n && !text_has_high8(x = text_load8(s + plain)) &&
				 !text_has_byte8(x, '\\') && !text_has_byte8(x, '(');)
			plain += 8;
		while (plain < n && (unsigned char)s[plain] < 0x80 && s[plain] != '\\' && s[plain] != '(')
			plain++;
		if (plain > i) {
			strbuf_add(&out, s + i, plain - i);
			i = plain;
			continue;
		}
		unsigned char ch = (unsigned char)s[i];
		if (ch == '(' && i + 1 < n && s[i + 1] == '*')
			goto refuse;
		if (ch == '\\' && i + 1 < n) {
			char e = s[i + 1];
			if (e == 'Q')
				goto refuse;
			if ((e == 'x' || e == 'o' || e == 'N') && i + 2 < n && s[i + 2] == '{') {
				const char *close = memchr(s + i + 3, '}', n - i - 3);
				if (!close)
					goto refuse;
				const char *num = s + i + 3;
				int base = e == 'o' ? 8 : 16;
				if (e == 'N') {
					if (close - num < 2 || num[0] != 'U' || num[1] != '+')
						goto refuse;   /* \N{name}: not in PCRE2 anyway */
					num += 2;
				}
				unsigned long v = 0;
				for (const char *q = num; q < close; q++) {
					int d = isdigit((unsigned char)*q) ? *q - '0' :
						isxdigit((unsigned char)*q) ? (tolower((unsigned char)*q) - 'a' + 10) : -1;
					if (d < 0 || d >= base || v > 0x10ffff)
						goto refuse;
					v = v * (unsigned long)base + (unsigned long)d;
				}
				if (v > 0xff)
					strbuf_addstr(&out, "\\xff");
				else
					strbuf_add(&out, s + i, (size_t)(close - (s + i)) + 1);
				i = (size_t)(close - s) + 1;
				continue;
			}
			/* any other escape: both bytes as they are (a non-ASCII
			 * byte after the backslash is handled below) */
			if ((unsigned char)e < 0x80) {
				strbuf_add(&out, s + i, 2);
				i += 2;
				continue;
			}
			i++;   /* "\’": the character itself, as a literal */
			continue;
		}
		if (ch >= 0x80) {
			/* U+0080..U+00FF: a lead byte 0xc2 or 0xc3 and one more */
			if ((ch == 0xc2 || ch == 0xc3) && i + 1 < n && ((unsigned char)s[i + 1] & 0xc0) == 0x80)
				strbuf_addf(&out, "\\x{%x}", (ch & 0x1f) << 6 | ((unsigned char)s[i + 1] & 0x3f));
			else
				strbuf_addstr(&out, "\\xff");
			i++;
			while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
			continue;
		}
		strbuf_addch(&out, (char)ch);
		i++;
	}
	return strbuf_detach(&out, NULL);
refuse:
	strbuf_release(&out);
	return NULL;
}

/* Compiles a rule's pattern, and its ASCII variant into *ascii when ascii
 * is not NULL; a macro is compiled only to report its errors where they
 * are, and then freed. Neither is JIT-compiled here: rule_code() does
 * that on first use. */
/* Does the pattern name a POSIX class ("[:punct:]")? */
static int has_posix_class(const char *s, size_t n)
{
	/* (memchr to each "[": the text is tens of kilobytes, a rule) */
	for (const char *p = n ? memchr(s, '[', n - 1) : NULL; p; p = memchr(p + 1, '[', n - 1 - (size_t)(p + 1 - s))) {
		size_t i = (size_t)(p - s);
		if (s[i + 1] != ':')
			continue;
		size_t k = i + 2;
		if (k < n && s[k] == '^')
			k++;
		while (k < n && islower((unsigned char)s[k]))
			k++;
		if (k + 1 < n && s[k] == ':' && s[k + 1] == ']')
			return 1;
	}
	return 0;
}

/* ---- word lists as prefix trees ---------------------------------------- */

/* A group of plain lowercase words, "(?:has|have|had|is|was|...)", makes
 * PCRE2 try every word in turn at every place it is reached; words that
 * share a first letter, factored out ("(?:h(?:a(?:s|ve|d))|is|was|...)"),
 * fail after a byte or two. The rewrite keeps what the group matches and
 * the order in which it offers its words on backtracking: words with
 * different first letters cannot both match at one place (caseless too:
 * no two lowercase ASCII letters share a case partner), so only words
 * with the same first letter are drawn together, and never past an empty
 * alternative, which matches wherever the others do. A token is one
 * letter or "\s+". */

#define TRIE_MAX_WORDS 256
#define TRIE_MAX_TOKENS 64

struct trie_word {
	const char *tok[TRIE_MAX_TOKENS];   /* each points at "\s+" or at a letter */
	int n;
};

/* Where the text lit first occurs in s[0..n), or NULL. */
static const char *find_text(const char *s, size_t n, const char *lit)
{
	size_t l = strlen(lit);
	for (size_t i = 0; i + l <= n; i++)
		if (s[i] == lit[0] && !memcmp(s + i, lit, l))
			return s + i;
	return NULL;
}

static int tok_eq(const char *a, const char *b)
{
	return *a == *b;   /* a letter, or the backslash of "\s+" */
}

static void tok_add(strbuf *sb, const char *t)
{
	if (*t == '\\')
		strbuf_addstr(sb, "\\s+");
	else
		strbuf_addch(sb, *t);
}

/* Emits the alternation of the words w[0..n) from token `depth` on. */
static void trie_emit(strbuf *sb, struct trie_word **w, int n, int depth)
{
	struct trie_word *group[TRIE_MAX_WORDS];
	for (int i = 0, alts = 0; i < n; alts++) {
		if (alts)
			strbuf_addch(sb, '|');
		if (w[i]->n == depth) {
			i++;   /* the empty alternative: a bar between the others */
			continue;
		}
		/* the words up to the next empty one that share w[i]'s next token,
		 * in their order; the rest of that stretch stays for later */
		int ng = 0, end = i;
		while (end < n && w[end]->n > depth)
			end++;
		for (int k = i; k < end; k++)
			if (tok_eq(w[k]->tok[depth], w[i]->tok[depth]))
				group[ng++] = w[k];
		tok_add(sb, w[i]->tok[depth]);
		if (ng == 1) {
			for (int t = depth + 1; t < w[i]->n; t++)
				tok_add(sb, w[i]->tok[t]);
		} else {
			strbuf_addstr(sb, "(?:");
			trie_emit(sb, group, ng, depth + 1);
			strbuf_addch(sb, ')');
		}
		/* what is left of the stretch, in order */
		const char *first = w[i]->tok[depth];
		int k2 = i;
		for (int k = i; k < end; k++)
			if (!tok_eq(w[k]->tok[depth], first))
				w[k2++] = w[k];
		if (k2 == i) {
			i = end;
		} else {
			/* move the empty alternative and beyond up behind them */
			for (int k = end; k < n; k++)
				w[k2++] = w[k];
			n = k2;
		}
	}
}

/* Parses the body s[0..n) of a group as words; 0 if it is something else. */
static int trie_parse(const char *s, size_t n, struct trie_word *words, int *nwords)
{
	int nw = 0;
	struct trie_word *cur = &words[0];
	cur->n = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v')
			continue;
		if (ch == '#') {
			while (i < n && s[i] != '\n')
				i++;
			continue;
		}
		if (ch == '|') {
			if (++nw == TRIE_MAX_WORDS)
				return 0;
			cur = &words[nw];
			cur->n = 0;
			continue;
		}
		if (cur->n == TRIE_MAX_TOKENS)
			return 0;
		if (ch >= 'a' && ch <= 'z') {
			cur->tok[cur->n++] = s + i;
		} else if (ch == '\\' && i + 2 < n && s[i + 1] == 's' && s[i + 2] == '+') {
			cur->tok[cur->n++] = s + i;
			i += 2;
		} else {
			return 0;
		}
	}
	*nwords = nw + 1;
	return 1;
}

/* Where the class that opens at s[i] ends: after its closing bracket
 * ("[]..." and "[^]..." hold one; "[:alpha:]" inside is skipped whole). */
static size_t class_end(const char *s, size_t i, size_t n)
{
	size_t k = i + 1;
	if (k < n && s[k] == '^')
		k++;
	if (k < n && s[k] == ']')
		k++;
	while (k < n && s[k] != ']') {
		if (s[k] == '\\')
			k++;
		else if (s[k] == '[' && k + 1 < n && s[k + 1] == ':') {
			const char *e = find_text(s + k + 2, n - k - 2, ":]");
			if (e)
				k = (size_t)(e - s) + 1;
		}
		k++;
	}
	return k < n ? k + 1 : n;
}

#define TRIE_MAX_ALTS 256

/* The body of a group, from `body` to its closing parenthesis, cut at its
 * bars into alts[] (start offsets; alts[nalts] is the closing parenthesis).
 * 0 when the group holds another group or does not close here. */
static int group_alts(const char *s, size_t body, size_t n, size_t *alts, int *nalts)
{
	int na = 0;
	alts[na++] = body;
	for (size_t k = body; k < n;) {
		char ch = s[k];
		if (ch == '\\') {
			k += 2;
		} else if (ch == '[') {
			k = class_end(s, k, n);
		} else if (ch == '#') {
			while (k < n && s[k] != '\n')
				k++;
		} else if (ch == '(') {
			return 0;
		} else if (ch == '|') {
			if (na == TRIE_MAX_ALTS)
				return 0;
			alts[na++] = ++k;
		} else if (ch == ')') {
			alts[na] = k + 1;   /* one past the bar that would come next */
			*nalts = na;
			return 1;
		} else {
			k++;
		}
	}
	return 0;
}

/* The pattern s[0..n) with the runs of four or more plain words among the
 * alternatives of its innermost groups written as prefix trees, each run
 * where it stood, appended to *outp: 1 when so rewritten, 0 when there is
 * none (appended as written), -1 when the pattern changes its own options
 * or quotes text, which is left as it is (*outp then holds part of it) */
static int trie_piece(strbuf *outp, const char *s, size_t n)
{
#define out (*outp)
	struct trie_word *words = xmalloc(TRIE_MAX_WORDS * sizeof(*words));
	struct trie_word *order[TRIE_MAX_WORDS];
	size_t alts[TRIE_MAX_ALTS + 1];
	int changed = 0;
	size_t i = 0;
	while (i < n) {
		/* the bytes that start nothing looked at here, in one piece */
		size_t plain = i;
		while (plain < n && s[plain] != '\\' && s[plain] != '[' && s[plain] != '#' && s[plain] != '(')
			plain++;
		if (plain > i) {
			strbuf_add(&out, s + i, plain - i);
			i = plain;
			continue;
		}
		char ch = s[i];
		if (ch == '\\') {
			if (i + 1 < n && s[i + 1] == 'Q')
				goto refuse;
			strbuf_add(&out, s + i, i + 1 < n ? 2 : 1);
			i += 2;
			continue;
		}
		if (ch == '(' && i + 2 < n && (s[i + 1] == '*' || (s[i + 1] == '?' && (s[i + 2] == 'x' || s[i + 2] == '-' || s[i + 2] == '^'))))
			goto refuse;
		if (ch == '[') {
			size_t k = class_end(s, i, n);
			strbuf_add(&out, s + i, k - i);
			i = k;
			continue;
		}
		if (ch == '#') {
			/* a comment (extended mode), to the end of its line */
			size_t k = i;
			while (k < n && s[k] != '\n')
				k++;
			strbuf_add(&out, s + i, k - i);
			i = k;
			continue;
		}
		int na;
		if (ch == '(' && i + 2 < n && s[i + 1] == '?' && (s[i + 2] == ':' || (s[i + 2] == 'i' && i + 3 < n && s[i + 3] == ':')) &&
		    group_alts(s, i + (s[i + 2] == ':' ? 3 : 4), n, alts, &na)) {
			size_t body = alts[0];
			strbuf_add(&out, s + i, body - i);
			int a = 0, done = 0;
			while (a < na) {
				/* the run of plain words that starts at alternative a */
				int nw = 0, one;
				while (a + nw < na && nw < TRIE_MAX_WORDS &&
				       trie_parse(s + alts[a + nw], alts[a + nw + 1] - 1 - alts[a + nw], &words[nw], &one))
					nw++;
				if (done)
					strbuf_addch(&out, '|');
				if (nw >= 4) {
					for (int w = 0; w < nw; w++)
						order[w] = &words[w];
					trie_emit(&out, order, nw, 0);
					changed = 1;
					a += nw;
				} else {
					/* as written: the short run, and the alternative after it */
					int upto = a + nw < na ? a + nw + 1 : na;
					strbuf_add(&out, s + alts[a], alts[upto] - 1 - alts[a]);
					a = upto;
				}
				done = 1;
			}
			strbuf_addch(&out, ')');
			i = alts[na];
			continue;
		}
		strbuf_addch(&out, ch);
		i++;
	}
	free(words);
	return changed;
refuse:
	free(words);
	return -1;
#undef out
}

/* The rule x->out (its own bytes, then the macros append_defines wrote)
 * with trie_piece's prefix trees, or NULL when there is none or it refuses
 * the pattern: the same bytes as trie_piece of the whole, with each macro's
 * body rewritten once for all
 * the rules that carry it rather than in each (the rewriting looks at one
 * innermost group at a time, and a body is whole groups: it was 4% of the
 * instructions of extract on a fourteenth of news.jsonl, every run). */
static char *trie_split(struct expansion *x, const struct macros *m)
{
	strbuf out = STRBUF_INIT;
	int st = trie_piece(&out, x->out.buf, x->own_len);
	int changed = st == 1;
	if (st < 0)
		goto refuse;
	if (x->defined) {
		strbuf_addstr(&out, "\n(?(DEFINE)");
		for (size_t i = 0; i < x->ndefs; i++) {
			struct macro *mac = (struct macro *)&m->v[x->defs[i]];
			int v = x->def_ascii[i];
			const char *body = v ? mac->ascii_body : mac->body;
			if (!mac->tw_state[v]) {
				strbuf t = STRBUF_INIT;
				int r = trie_piece(&t, body, strlen(body));
				mac->tw_state[v] = r < 0 ? 3 : r == 1 ? 2 : 1;
				mac->tw[v] = r == 1 ? strbuf_detach(&t, NULL) : NULL;
				strbuf_release(&t);
			}
			if (mac->tw_state[v] == 3)
				goto refuse;
			if (mac->tw_state[v] == 2)
				changed = 1;
			strbuf_addstr(&out, "(?<");
			strbuf_addstr(&out, mac->name);
			strbuf_addch(&out, '>');
			strbuf_addstr(&out, mac->tw_state[v] == 2 ? mac->tw[v] : body);
			strbuf_addstr(&out, "\n)");
		}
		strbuf_addstr(&out, ")");
	}
	if (!changed) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out, NULL);
refuse:
	strbuf_release(&out);
	return NULL;
}

static pcre2_code *compile_checked(struct expansion *x, const struct macros *m, const char *file,
				   const char *what, struct diag *d, pcre2_code **ascii, int *latin1)
{
	if (ascii)
		*ascii = NULL;
	if (latin1)
		*latin1 = 0;
	int err;
	PCRE2_SIZE off;
	size_t own_len = x->out.len;
	x->ascii_differs = 0;
	append_defines(x, m, 0);
	/* a rule's word lists as prefix trees; a pattern that does not compile
	 * so is compiled as written, to be reported where the file says */
	char *tree = ascii && x->fast ? trie_split(x, m) : NULL;
	pcre2_code *code = NULL;
	if (tree)
		code = patcache_compile(x->pc, tree, strlen(tree), PATTERN_OPTIONS, &err, &off);
	if (!code && !ascii) {
		/* a macro, compiled only to report its errors where they are:
		 * the cache keeps the code; any non-NULL pointer says it compiled */
		if (getenv("WHOSAID_RULE_SIZES")) {
			pcre2_code *c = pcre2_compile((PCRE2_SPTR)x->out.buf, x->out.len, PATTERN_OPTIONS, &err, &off, NULL);
			size_t size = 0;
			if (c && pcre2_pattern_info(c, PCRE2_INFO_SIZE, &size) == 0)
				fprintf(stderr, "size: %s: %zu bytes compiled\n", what, size);
			code = c ? (pcre2_code *)x : NULL;
			pcre2_code_free(c);
		} else if (patcache_check(x->pc, x->out.buf, x->out.len, PATTERN_OPTIONS, &err, &off) == 0) {
			code = (pcre2_code *)x;
		}
	} else if (!code) {
		free(tree);
		tree = NULL;
		code = patcache_compile(x->pc, x->out.buf, x->out.len, PATTERN_OPTIONS, &err, &off);
	}
	if (!code && off > own_len)
		off = own_len;  /* inside a macro: reported where that macro was defined */
	const char *pat = tree ? tree : x->out.buf;
	size_t pat_len = tree ? strlen(tree) : x->out.len;
	if (code && ascii && x->fast) {
		/* the ASCII form's own defines: word lists as callouts */
		char *atree = NULL;
		const char *apat = pat;
		size_t apat_len = pat_len;
		int posix = has_posix_class(pat, pat_len);
		if (x->ascii_differs) {
			free(tree);
			tree = NULL;
			strbuf_setlen(&x->out, own_len);
			append_defines(x, m, 1);
			atree = trie_split(x, m);
			apat = atree ? atree : x->out.buf;
			apat_len = atree ? strlen(atree) : x->out.len;
		}
		char *a = ascii_pattern(apat, apat_len);
		if (a) {
			*ascii = patcache_compile(x->pc, a, strlen(a), ASCII_PATTERN_OPTIONS, &err, &off);
			free(a);
			if (latin1)
				*latin1 = *ascii && !posix;
		}
		free(atree);
	}
	free(tree);
	strbuf_setlen(&x->out, own_len);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		unsigned line, col;
		where(x, off, &line, &col);
		diag_report(d, DIAG_ERROR, file, line, col, "bad pattern in '%s': %s", what, (char *)msg);
		return NULL;
	}
	if (ascii && getenv("WHOSAID_RULE_SIZES")) {
		/* how close each pattern is to PCRE2's 64 KB limit (rules/README.md) */
		size_t size = 0;
		pcre2_pattern_info(code, PCRE2_INFO_SIZE, &size);
		fprintf(stderr, "size: %s: %zu bytes compiled\n", what, size);
	}
	return code;
}

enum { JIT_NONE, JIT_OK, JIT_FAILED, JIT_BUSY };   /* rule.jitted */

/* guard nothing but the wait for a rule another thread is compiling:
 * PCRE2 compiles different patterns in different threads at once */
static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t jit_done = PTHREAD_COND_INITIALIZER;

/* The calling thread compiles variant v of w if no other thread has. */
static int jit_claim(struct rule *w, int v)
{
	int none = JIT_NONE;
	return atomic_compare_exchange_strong_explicit(&w->jitted[v], &none, JIT_BUSY, memory_order_acquire,
						       memory_order_acquire);
}

static void jit_compile(struct rule *w, int v)
{
	int ok = pcre2_jit_compile(v ? w->code_ascii : w->code, PCRE2_JIT_COMPLETE) == 0;
	pthread_mutex_lock(&jit_lock);
	atomic_store_explicit(&w->jitted[v], ok ? JIT_OK : JIT_FAILED, memory_order_release);
	pthread_cond_broadcast(&jit_done);
	pthread_mutex_unlock(&jit_lock);
}

const pcre2_code *rule_code(const struct rule *rl, int ascii)
{
	int v = ascii && rl->code_ascii;
	/* the JIT state is the one part of a loaded rule that changes; the
	 * rule itself was allocated writable by rules_load() */
	struct rule *w = (struct rule *)rl;
	pcre2_code *code = v ? w->code_ascii : w->code;
	int state = atomic_load_explicit(&w->jitted[v], memory_order_acquire);
	if (state == JIT_OK || state == JIT_FAILED)
		return code;
	if (jit_claim(w, v)) {
		jit_compile(w, v);
		return code;
	}
	/* Another thread compiles it. The threads of an ingest start
	 * together and try the rules in the same order, so one waited for
	 * the other through most of the compilations (0.2 s of a core on
	 * news.jsonl, --jobs 2): meanwhile, it compiles the rules it tries
	 * next, which would otherwise be the other's to compile. */
	for (size_t k = 1; k <= w->jit_after && atomic_load_explicit(&w->jitted[v], memory_order_acquire) == JIT_BUSY;
	     k++) {
		struct rule *next = w + k;
		int nv = ascii && next->code_ascii;
		if (atomic_load_explicit(&next->jitted[nv], memory_order_relaxed) == JIT_NONE && jit_claim(next, nv))
			jit_compile(next, nv);
	}
	pthread_mutex_lock(&jit_lock);
	while (atomic_load_explicit(&w->jitted[v], memory_order_acquire) == JIT_BUSY)
		pthread_cond_wait(&jit_done, &jit_lock);
	pthread_mutex_unlock(&jit_lock);
	return code;
}

/* How many calls a rule's UTF form is interpreted for before it is
 * JIT-compiled, when the rule has an ASCII form: on the news corpus five
 * rules call their UTF form, eight times in all, and compiling each cost
 * some 17M instructions, as much as a few hundred interpreted calls. */
#define UTF_INTERPRETED_CALLS 16

int rule_match(const struct rule *rl, int ascii, const char *subject, size_t len, size_t start,
	       pcre2_match_data *md, pcre2_match_context *mctx)
{
	int v = ascii && rl->code_ascii;
	if (!v && rl->code_ascii && atomic_load_explicit(&rl->jitted[0], memory_order_acquire) == JIT_NONE &&
	    atomic_fetch_add_explicit(&((struct rule *)rl)->utf_calls, 1, memory_order_relaxed) <
		    UTF_INTERPRETED_CALLS) {
		int rc = pcre2_match(rl->code, (PCRE2_SPTR)subject, len, start, 0, md, mctx);
		/* past a limit of the interpreter's own (its heap, its depth):
		 * the JIT code answers, as it would have from the start */
		if (rc != PCRE2_ERROR_MATCHLIMIT && rc != PCRE2_ERROR_HEAPLIMIT && rc != PCRE2_ERROR_DEPTHLIMIT &&
		    rc != PCRE2_ERROR_NOMEMORY)
			return rc;
	}
	const pcre2_code *code = rule_code(rl, ascii);
	/* JIT code: straight to it, past pcre2_match's checks of the
	 * arguments (which these are sure to pass) */
	if (atomic_load_explicit(&rl->jitted[v], memory_order_relaxed) == JIT_OK)
		return pcre2_jit_match(code, (PCRE2_SPTR)subject, len, start, 0, md, mctx);
	return pcre2_match(code, (PCRE2_SPTR)subject, len, start, 0, md, mctx);
}

int wordset_has_word(const struct wordset *ws, const char *s, size_t n, int plural)
{
	if (wordset_get_ci(ws, s, n) >= 0)
		return 1;
	if (!plural)
		return 0;
	if (n > 3 && s[n - 1] == 's' && wordset_get_ci(ws, s, n - 1) >= 0)
		return 1;
	if (n > 4 && s[n - 1] == 's' && s[n - 2] == 'e' && wordset_get_ci(ws, s, n - 2) >= 0)
		return 1;
	return 0;
}

/* Appends str as a PCRE2 literal, spaces as \\s+ (extended mode). */
static void add_literal(strbuf *sb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ') {
			strbuf_addstr(sb, "\\s+");
		} else if (strchr("\\^$.[]|()?*+{}#-'", c)) {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, c);
		} else {
			strbuf_addch(sb, c);
		}
	}
}

static int cmp_str_asc(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Emits sorted keys[lo, hi), which share their first `depth` bytes, as a
 * prefix tree: (?:a(?:dd(?:s|ed)?|...)|...). A regex engine tries the
 * alternatives of a flat list one by one at every position; a tree fails
 * after a byte or two. */
static void emit_trie(strbuf *sb, char **keys, size_t lo, size_t hi, size_t depth)
{
	int optional = 0;
	if (lo < hi && keys[lo][depth] == '\0') {
		optional = 1;   /* a key ends here; the rest are longer */
		lo++;
	}
	if (lo >= hi)
		return;
	strbuf_addstr(sb, "(?:");
	for (size_t i = lo; i < hi;) {
		unsigned char c = (unsigned char)keys[i][depth];
		size_t j = i;
		while (j < hi && (unsigned char)keys[j][depth] == c)
			j++;
		if (i > lo)
			strbuf_addch(sb, '|');
		/* the longest run shared by all of keys[i, j) */
		size_t k = depth + 1;
		while (keys[i][k] && keys[j - 1][k] == keys[i][k]) {
			size_t m;
			for (m = i; m < j && keys[m][k] == keys[i][k]; m++)
				;
			if (m < j)
				break;
			k++;
		}
		add_literal(sb, keys[i] + depth, k - depth);
		emit_trie(sb, keys, i, j, k);
		i = j;
	}
	strbuf_addch(sb, ')');
	if (optional)
		strbuf_addch(sb, '?');
}

static int word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Is s[0, n) a word of w (ASCII case aside), or its plural when w takes
 * them, as the pattern (?i:\b(?:WORDS)(?:s|es)?\b) reads it? */
static int word_list_has(const struct word_callout *w, const char *s, size_t n)
{
	if (wordset_get_ci(&w->words, s, n) >= 0)
		return 1;
	if (!w->plural || n < 2 || ((unsigned char)s[n - 1] | 0x20) != 's')
		return 0;
	if (wordset_get_ci(&w->words, s, n - 1) >= 0)
		return 1;
	return n > 2 && ((unsigned char)s[n - 2] | 0x20) == 'e' && wordset_get_ci(&w->words, s, n - 2) >= 0;
}

int rules_words_callout(const struct rules *r, const pcre2_callout_block *cb)
{
	size_t k = cb->callout_number - RULE_WORDS_CALLOUT;
	if (k >= r->nwlists)
		return 0;
	const char *s = (const char *)cb->subject;
	size_t p = cb->current_position, e = p;
	if (p > 0 && word_byte((unsigned char)s[p - 1]))
		return 1;
	while (e < cb->subject_length && word_byte((unsigned char)s[e]))
		e++;
	return e == p || !word_list_has(&r->wlists[k], s + p, e - p) ||
	       (r->wlists[k].names && rules_name_word(r, s, cb->subject_length, p, e));
}

/* (the bytes of a sentence as the patterns see it: ASCII letters, white
 * space, and the quotation tokens \x01 to \x06 with the start byte \x07) */
static int name_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

/* Is m[a, b) a word with a capital initial (not the pronoun "I")? */
static int capitalized_word(const char *m, size_t a, size_t b)
{
	return b > a && m[a] >= 'A' && m[a] <= 'Z' && !(b - a == 1 && m[a] == 'I');
}

/* A headline in Title Case ("Harbor Chief Says Talks Failed"): most
 * words outside its quotations capitalized, the short ones aside. */
static int title_case_sentence(const char *m, size_t len)
{
	unsigned caps = 0, counted = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && !text_is_ascii_letter(m[i]))
			i++;
		size_t s = i;
		while (i < len && !name_space(m[i]) && (unsigned char)m[i] > 0x07)
			i++;
		if (i == s)
			break;
		/* (a word glued to something before it, as "2pm" or "O'Hare",
		 * counts where it starts) */
		if (s > 0 && !name_space(m[s - 1]) && (unsigned char)m[s - 1] > 0x07)
			continue;
		if (m[s] >= 'A' && m[s] <= 'Z')
			caps++, counted++;
		else if (!text_title_small_word(m + s, i - s))
			counted++;
	}
	return counted >= 2 && caps * 10 >= counted * 7;
}

/* "appealed to the United States to ...", "spokeswoman Hope Varga",
 * "the Islamic State", "the Secretary of State": a cue form with a
 * capital initial inside a sentence, next to another capitalized word
 * (or after "of" and one), is a word of a name, not a verb. Not at the
 * start of the sentence, after a colon or an opening mark (a
 * quotation's first word), nor in a headline in Title Case. A document
 * noun stays a source in a name ("the Harbor Poll found ..."). A word
 * after a period may open a sentence the segmenter kept whole (after an
 * abbreviation: "... in the U.S. Says who?"): it stays a cue. */
int rules_name_word(const struct rules *r, const char *m, size_t len, size_t a, size_t b)
{
	if (!capitalized_word(m, a, b) || !text_is_ascii_word(m, a, b))
		return 0;   /* not capitalized, or a form of several words */
	size_t p = a;
	while (p > 0 && m[p - 1] == ' ')
		p--;
	if (p == 0)
		return 0;
	unsigned char pc = (unsigned char)m[p - 1];
	/* what may come before a word inside a clause; anything else (the
	 * start byte, a colon, an opening mark or bracket, a dash, a line
	 * break, a period) may open what was said or a sentence */
	if (!(text_is_ascii_letter((char)pc) || (pc >= '0' && pc <= '9') || pc == ',' || pc == ';' ||
	      pc == ')' || pc == '\'' || pc == '\x03' || pc == '\x06'))
		return 0;
	int name = 0;
	if (text_is_ascii_letter((char)pc) && p < a) {
		size_t w = p;
		while (w > 0 && !name_space(m[w - 1]) && (unsigned char)m[w - 1] > 0x07)
			w--;
		if (capitalized_word(m, w, p))
			name = 1;
		else if (p - w == 2 && m[w] == 'o' && m[w + 1] == 'f') {
			/* "Secretary of State" */
			size_t q = w;
			while (q > 0 && m[q - 1] == ' ')
				q--;
			size_t v = q;
			while (v > 0 && !name_space(m[v - 1]) && (unsigned char)m[v - 1] > 0x07)
				v--;
			name = q < w && capitalized_word(m, v, q) && text_is_ascii_letter(m[q - 1]);
		}
	}
	if (!name && b < len && m[b] == ' ') {
		size_t n = b;
		while (n < len && m[n] == ' ')
			n++;
		size_t e = n;
		while (e < len && text_is_ascii_letter(m[e]))
			e++;
		name = capitalized_word(m, n, e);
	}
	if (!name)
		return 0;
	int sn = wordset_get_ci(&r->source_nouns, m + a, b - a);
	if (sn == SN_DOCUMENT)
		return 0;
	return !title_case_sentence(m, len);
}

int rules_name_callout(const struct rules *r, const pcre2_callout_block *cb)
{
	const char *s = (const char *)cb->subject;
	size_t e = cb->current_position, a = e;
	while (a > 0 && text_is_ascii_letter(s[a - 1]))
		a--;
	/* (no form of several words ends in a word that is a form: the
	 * word before the end is the whole form when it is one) */
	return a < e && wordset_get_ci(&r->cue_forms, s + a, e - a) >= 0 &&
	       rules_name_word(r, s, cb->subject_length, a, e);
}

/* A lookahead for the first two bytes of the words of ws (caseless): the
 * callout costs some hundreds of instructions, and most words at a boundary
 * are none of a list's, most of them by their first two letters. */
static void add_bigram_filter(strbuf *sb, const struct wordset *ws)
{
	/* second[c]: the bytes a word opening with c goes on with; any[c]: a
	 * word of one byte opens with c (then anything may follow) */
	static const char *hex = "0123456789abcdef";
	unsigned char second[256][32] = { { 0 } }, any[256] = { 0 }, first[256] = { 0 };
	for (size_t i = 0; i < ws->cap; i++) {
		if (!ws->keys[i])
			continue;
		unsigned char a = (unsigned char)ws->keys[i][0], b = (unsigned char)ws->keys[i][1];
		first[a] = 1;
		if (!b)
			any[a] = 1;
		else
			second[a][b / 8] |= (unsigned char)(1u << (b % 8));
	}
	strbuf_addstr(sb, "(?=(?i:");
	int alt = 0;
	for (int a = 0; a < 256; a++) {
		if (!first[a])
			continue;
		if (alt++)
			strbuf_addch(sb, '|');
		strbuf_addf(sb, "\\x%c%c", hex[a >> 4], hex[a & 15]);
		if (any[a])
			continue;
		strbuf_addch(sb, '[');
		for (int b = 0; b < 256; b++)
			if (second[a][b / 8] >> (b % 8) & 1)
				strbuf_addf(sb, "\\x%c%c", hex[b >> 4], hex[b & 15]);
		strbuf_addch(sb, ']');
	}
	strbuf_addstr(sb, "))");
}

/* The ASCII form of the list keys[0, n) (sorted), or NULL to keep the
 * tree. The tree of a list of 150 words costs some 25 KB of JIT code in
 * every rule that calls it, and a word list is in most rules: answered by
 * a callout and a hash look-up it is compiled once. Without UTF and UCP
 * the tree can only match, at a word boundary, the whole run of word
 * characters there when its words are made of word characters: so can
 * (?=BIGRAMS)(?C<n>)\w++ then. The other words (a space, a hyphen, a
 * period) keep a tree of their own, tried first: one that matches where
 * the callout does goes on past that run ("cried out", "cried"), and the
 * tree tried its longer words before a word that ends where they go on,
 * so the matches come in the same order. */
static char *word_list_ascii(struct rules *r, char **keys, size_t n, int plural, int names)
{
	if (!n || r->nwlists >= 256 - RULE_WORDS_CALLOUT)
		return NULL;
	struct word_callout w = { .plural = plural, .names = names };
	char **other = xmalloc(n * sizeof(char *));
	size_t nother = 0;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(keys[i]), j = 0;
		while (j < len && word_byte((unsigned char)keys[i][j]))
			j++;
		if (j == len)
			wordset_put(&w.words, keys[i], len, 1);
		else
			other[nother++] = keys[i];
	}
	if (!w.words.n) {
		free(other);
		return NULL;
	}
	ALLOC_GROW(r->wlists, r->nwlists + 1, r->wlists_alloc);
	r->wlists[r->nwlists] = w;
	strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "(?:");
	if (nother) {
		strbuf_addstr(&sb, "(?i:\\b(?:");
		emit_trie(&sb, other, 0, nother, 0);
		strbuf_addstr(&sb, plural ? ")(?:s|es)?\\b)|" : ")\\b)|");
	}
	add_bigram_filter(&sb, &w.words);
	strbuf_addf(&sb, "(?C%zu)\\w++)", RULE_WORDS_CALLOUT + r->nwlists++);
	free(other);
	return strbuf_detach(&sb, NULL);
}

/* An alternation of a word set's keys (filtered by value, or by cue frame
 * when cues is given), case-insensitive, whole words: the words of ws
 * (those of frame filter, or all when filter < 0) as
 * (?i:\b(?:TREE)(?:s|es)?\b); their ASCII form in *ascii_body (NULL when
 * the same). */
static char *alternation(struct rules *r, const struct wordset *ws, int filter, int plural, const struct cue *cues,
			 char **ascii_body)
{
	char **keys = xmalloc((ws->n + 1) * sizeof(char *));
	size_t n = 0;
	for (size_t i = 0; i < ws->cap; i++)
		if (ws->keys[i] && (filter < 0 || (cues ? (int)cues[ws->vals[i]].frame : ws->vals[i]) == filter))
			keys[n++] = ws->keys[i];
	qsort(keys, n, sizeof(char *), cmp_str_asc);
	strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "(?i:\\b(?:");
	emit_trie(&sb, keys, 0, n, 0);
	if (!n)
		strbuf_addstr(&sb, "(*FAIL)");
	strbuf_addstr(&sb, plural ? ")(?:s|es)?\\b)" : ")\\b)");
	/* a cue form that is a word of a name is none (rules_name_word);
	 * the ASCII form's word callout asks that itself */
	if (cues)
		strbuf_addf(&sb, "(?C%d)", RULE_NAME_CALLOUT);
	if (ascii_body)
		*ascii_body = getenv("WHOSAID_NO_WORD_CALLOUTS") ? NULL : word_list_ascii(r, keys, n, plural, cues != NULL);
	free(keys);
	return strbuf_detach(&sb, NULL);
}

/* macro_add of a word list with its ASCII form, or its tree in both
 * forms when tree */
static void list_macro_add(struct rules *r, struct macros *m, const char *name, const struct wordset *ws,
			   int filter, int plural, const struct cue *cues, int tree)
{
	char *ascii_body = NULL;
	macro_add(m, name, alternation(r, ws, filter, plural, cues, tree ? NULL : &ascii_body), 0, 0, NULL, 0);
	m->v[m->n - 1].ascii_body = ascii_body;
}

static void add_builtin_macros(struct rules *r, struct macros *m)
{
	/* the forms of each frame, then the unions of some frames as calls of
	 * those: a rule that uses {CUE} and {CUE_CLAUSE} (CLAUSE_END and
	 * CUE_CL) then carries each form once, not twice, and its JIT code
	 * costs 18% less to make */
	size_t first = m->n;
	list_macro_add(r, m, "CUE_CLAUSE", &r->cue_forms, CUE_CLAUSE, 0, r->cues, 0);
	list_macro_add(r, m, "CUE_THAT", &r->cue_forms, CUE_THAT, 0, r->cues, 0);
	list_macro_add(r, m, "CUE_QUOTE", &r->cue_forms, CUE_QUOTE, 0, r->cues, 0);
	list_macro_add(r, m, "CUE_OBJECT", &r->cue_forms, CUE_OBJECT, 0, r->cues, 0);
	size_t verb[3] = { first, first + 1, first + 2 };
	/* every cue of speech: the attitudes of frame object ("endorsed",
	 * "called for") are left out, as they end no reported clause */
	{
		char *e = alternation(r, &r->cue_forms, CUE_SOURCE, 0, r->cues, NULL);
		strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "(?:(?&CUE_CLAUSE)|(?&CUE_THAT)|(?&CUE_QUOTE)|%s)", e);
		free(e);
		macro_add(m, "CUE", strbuf_detach(&sb, NULL), 0, 0, verb, 3);
	}
	/* every cue but "according to", which only its own rules spell out */
	macro_add(m, "CUE_VERB", xstrdup("(?:(?&CUE_CLAUSE)|(?&CUE_THAT)|(?&CUE_QUOTE))"), 0, 0, verb, 3);
	list_macro_add(r, m, "TITLE", &r->titles, -1, 1, NULL, 0);
	/* tried on the head of every noun phrase a rule reads: on news.jsonl
	 * its callouts (430,000) cost more than its tree's JIT code (a
	 * callout copies every capture slot of the pattern, those of the
	 * macros' groups too) */
	list_macro_add(r, m, "SOURCE_NOUN", &r->source_nouns, -1, 1, NULL, 1);
	list_macro_add(r, m, "ANON_NOUN", &r->source_nouns, SN_ANONYMOUS, 1, NULL, 0);
	list_macro_add(r, m, "VAGUE_NOUN", &r->source_nouns, SN_VAGUE, 1, NULL, 0);
	list_macro_add(r, m, "DOC_NOUN", &r->source_nouns, SN_DOCUMENT, 1, NULL, 0);
	list_macro_add(r, m, "ORG_WORD", &r->org_words, -1, 1, NULL, 0);
	/* A quotation in a sentence is replaced, byte for byte, by one of two
	 * tokens: \x01\x02..\x03 for a quotation that reads like speech and
	 * \x04\x05..\x06 for a short one (a title, a name, a scare quote). */
	macro_add(m, "START", xstrdup("(?:\\x07)"), 0, 0, NULL, 0);
	macro_add(m, "QF", xstrdup("(?:\\x01\\x02*\\x03)"), 0, 0, NULL, 0);
	macro_add(m, "QS", xstrdup("(?:\\x04\\x05*\\x06)"), 0, 0, NULL, 0);
	macro_add(m, "Q", xstrdup("(?:\\x01\\x02*\\x03|\\x04\\x05*\\x06)"), 0, 0, NULL, 0);
	/* pasted, not called: these bytes match alike under any options, and a
	 * pattern that begins with one of them lets PCRE2 skip straight to it
	 * (it does not look into a subroutine for the bytes a match starts with) */
	for (size_t i = m->n - 4; i < m->n; i++)
		m->v[i].inline_only = 1;
}

static int check_groups(struct rule *rl, const char *file, unsigned line, struct diag *d)
{
	uint32_t count, entry;
	PCRE2_SPTR table;
	pcre2_pattern_info(rl->code, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(rl->code, PCRE2_INFO_NAMEENTRYSIZE, &entry);
	pcre2_pattern_info(rl->code, PCRE2_INFO_NAMETABLE, &table);
	int errors = 0;
	for (uint32_t i = 0; i < count; i++) {
		PCRE2_SPTR e = table + i * entry;
		int num = (e[0] << 8) | e[1];
		const char *name = (const char *)e + 2;
		if (isupper((unsigned char)name[0]))
			continue;   /* a macro's subroutine */
		int k;
		for (k = 0; allowed_groups[k]; k++)
			if (!strcmp(allowed_groups[k], name))
				break;
		if (!allowed_groups[k]) {
			diag_report(d, DIAG_ERROR, file, line, 1,
				    "rule '%s': unknown group name '%s' (known: speaker, cue, content, content2, obj, appos, qend, framed, rel, asked, qgoes, scene)",
				    rl->id, name);
			errors++;
			continue;
		}
		int *slot[] = { &rl->g_speaker, &rl->g_cue, &rl->g_content, &rl->g_obj, &rl->g_appos,
				&rl->g_content2, &rl->g_qend, &rl->g_framed, &rl->g_rel, &rl->g_asked,
				&rl->g_qgoes, &rl->g_scene };
		*slot[k] = num;
	}
	if (!errors && (!rl->g_cue || !rl->g_content)) {
		diag_report(d, DIAG_ERROR, file, line, 1,
			    "rule '%s' needs the groups 'cue' and 'content'", rl->id);
		errors++;
	}
	return errors;
}

static int valid_name(const char *s, size_t n, int upper)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (upper ? !(isupper(c) || isdigit(c) || c == '_')
			  : !(islower(c) || isdigit(c) || c == '-'))
			return 0;
	}
	return 1;
}

static void cue_need_release(struct rule_cue_need *cn)
{
	free(cn->cue_ok);
	free(cn->then);
	free(cn->next);
	free(cn->next_len);
	free(cn->next_order);
	free(cn->next_off);
	free(cn->prev);
	free(cn->suffix);
	free(cn->unless);
	memset(cn, 0, sizeof(*cn));
}

static void set_byte_bit(unsigned char *set, unsigned char b)
{
	set[b >> 3] |= (unsigned char)(1u << (b & 7));
}

/* cn->next_first: where quotes.c's cue_form_fits can fit a "next" text:
 * a word at either case of its first letter, a mark ("." or ",") at
 * itself or at the sentence's end, "-TEXT" (a word in TEXT) at any letter */
static void next_first_bytes(struct rule_cue_need *cn)
{
	size_t n = 0;
	for (const char *alt = cn->next; *alt; alt += strlen(alt) + 1)
		n++;
	cn->next_len = xcalloc(n + 1, 1);
	n = 0;
	memset(cn->next_first, 0, sizeof(cn->next_first));
	for (const char *alt = cn->next; *alt; alt += strlen(alt) + 1) {
		unsigned char a = (unsigned char)alt[0];
		size_t len = strlen(alt);
		cn->next_len[n++] = (unsigned char)len;   /* at most 250 */
		if (a == '-' && alt[1]) {
			for (unsigned char l = 'a'; l <= 'z'; l++) {
				set_byte_bit(cn->next_first, l);
				set_byte_bit(cn->next_first, (unsigned char)toupper(l));
			}
		} else if (isalnum(a)) {
			set_byte_bit(cn->next_first, (unsigned char)tolower(a));
			set_byte_bit(cn->next_first, (unsigned char)toupper(a));
		} else {
			set_byte_bit(cn->next_first, a);
			set_byte_bit(cn->next_first, 0);
		}
	}
	/* the texts by their first byte (a counting sort: in list order
	 * within a byte) */
	cn->next_order = xcalloc(n + 1, sizeof(*cn->next_order));
	cn->next_off = xcalloc(n + 1, sizeof(*cn->next_off));
	unsigned count[129] = { 0 };
	size_t i = 0;
	for (const char *alt = cn->next; *alt; alt += strlen(alt) + 1, i++) {
		cn->next_off[i] = (unsigned)(alt - cn->next);
		count[tolower((unsigned char)alt[0]) & 127]++;
	}
	cn->next_from[0] = 0;
	for (int b = 0; b < 128; b++)
		cn->next_from[b + 1] = cn->next_from[b] + count[b];
	unsigned fill[128];
	memcpy(fill, cn->next_from, sizeof(fill));
	for (size_t t = 0; t < n; t++)
		cn->next_order[fill[tolower((unsigned char)cn->next[cn->next_off[t]]) & 127]++] = (unsigned)t;
}

/* "needs cue WHAT... [suffix TEXT...] [then TEXT...] [next TEXT...] [unless TEXT...]
 * [prev TEXT...]"
 * (rules/README.md): WHAT is a frame (clause, that, quote, source, object) or a
 * quoted lemma of cues.txt; suffix texts are quoted lowercase letters;
 * then-texts are quoted, or the word quote; next, unless and prev texts
 * are quoted ASCII. Returns the number of errors. */
static int parse_cue_need(const struct rules *r, struct rule_cue_need *cn, const char *line,
			  const char *arg, const char *end, const char *file, unsigned lineno,
			  struct diag *d)
{
	static const char *const frames[] = { "clause", "that", "quote", "source", "object", NULL };
	memset(cn, 0, sizeof(*cn));
	cn->cue_ok = xcalloc(r->ncues ? r->ncues : 1, 1);
	int state = 0, named = 0;   /* 0 what, 4 suffix, 1 then, 2 next, 5 unless, 3 prev */
	int not = 0;                /* after "not": lemmas the cue group cannot match */
	strbuf then = STRBUF_INIT, next = STRBUF_INIT, prev = STRBUF_INIT, suffix = STRBUF_INIT;
	strbuf unless = STRBUF_INIT;
	const char *p = arg;
	while (p < end) {
		p = skip_space(p, end);
		if (p >= end)
			break;
		const char *w = p, *we;
		int quoted = *p == '"';
		if (quoted) {
			we = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (!we)
				goto bad;
			w = p + 1;
			p = we + 1;
		} else {
			we = p;
			while (we < end && !isspace((unsigned char)*we))
				we++;
			p = we;
		}
		size_t wl = (size_t)(we - w);
		if (!quoted && wl == 6 && !strncmp(w, "suffix", 6) && state == 0 && named && not != 1) {
			state = 4;
		} else if (!quoted && wl == 4 && !strncmp(w, "then", 4) && (state == 0 || state == 4) &&
			   (state != 4 || suffix.len)) {
			state = 1;
		} else if (!quoted && wl == 4 && !strncmp(w, "next", 4) && (state < 2 || state == 4) &&
			   (state != 4 || suffix.len)) {
			state = 2;
		} else if (!quoted && wl == 6 && !strncmp(w, "unless", 6) && state < 5 && state != 3 &&
			   (state != 2 || next.len) && (state != 4 || suffix.len)) {
			state = 5;
		} else if (!quoted && wl == 4 && !strncmp(w, "prev", 4) && state != 3 &&
			   (state != 2 || next.len) && (state != 4 || suffix.len) && (state != 5 || unless.len)) {
			state = 3;
		} else if (state == 4 && quoted && wl) {
			/* the letters a form ends with, as find_cues reads them */
			for (size_t i = 0; i < wl; i++)
				if (!(w[i] >= 'a' && w[i] <= 'z'))
					goto bad;
			strbuf_add(&suffix, w, wl);
			strbuf_addch(&suffix, '\0');
		} else if (!quoted && wl == 3 && !strncmp(w, "not", 3) && state == 0 && named && !not) {
			not = 1;
		} else if (state == 0 && quoted) {
			int found = 0;
			/* (the first byte first: strlen of every cue's lemma for
			 * every word of every "needs cue" line was 4M instructions
			 * a run) */
			for (size_t i = 0; i < r->ncues; i++)
				if (r->cues[i].lemma[0] == w[0] && strlen(r->cues[i].lemma) == wl &&
				    !strncmp(r->cues[i].lemma, w, wl))
					cn->cue_ok[i] = !not, found = 1;
			if (not)
				not = 2;
			if (!found) {
				diag_report(d, DIAG_ERROR, file, lineno, (unsigned)(w - line) + 1,
					    "unknown cue lemma '%.*s' (cues.txt)", (int)wl, w);
				goto fail;
			}
			named = 1;
		} else if (state == 0 && !not) {
			int fr = -1;
			for (int i = 0; frames[i]; i++)
				if (strlen(frames[i]) == wl && !strncmp(frames[i], w, wl))
					fr = i;
			if (fr < 0)
				goto bad;
			for (size_t i = 0; i < r->ncues; i++)
				if ((int)r->cues[i].frame == fr)
					cn->cue_ok[i] = 1;
			named = 1;
		} else if (state == 1 && quoted && wl) {
			strbuf_add(&then, w, wl);
			strbuf_addch(&then, '\0');
		} else if (state == 1 && wl == 5 && !strncmp(w, "quote", 5)) {
			cn->then_quote = 1;
		} else if ((state == 2 || state == 3 || state == 5) && quoted && wl) {
			/* ASCII: the test skips any non-ASCII byte as white space;
			 * a byte holds its length (next_len) */
			if (wl > 250)
				goto bad;
			for (size_t i = 0; i < wl; i++)
				if ((unsigned char)w[i] >= 0x80 || isspace((unsigned char)w[i]))
					goto bad;
			strbuf *alts = state == 2 ? &next : state == 5 ? &unless : &prev;
			strbuf_add(alts, w, wl);
			strbuf_addch(alts, '\0');
		} else {
			goto bad;
		}
	}
	if (!named || not == 1 || (state == 2 && !next.len) || (state == 3 && !prev.len) ||
	    (state == 1 && !then.len && !cn->then_quote) || (state == 4 && !suffix.len) ||
	    (state == 5 && !unless.len))
		goto bad;
	/* each list of texts ends with an empty string */
	if (then.len) {
		strbuf_addch(&then, '\0');
		cn->then = strbuf_detach(&then, NULL);
	}
	if (next.len) {
		strbuf_addch(&next, '\0');
		cn->next = strbuf_detach(&next, NULL);
		next_first_bytes(cn);
	}
	if (prev.len) {
		strbuf_addch(&prev, '\0');
		cn->prev = strbuf_detach(&prev, NULL);
	}
	if (suffix.len) {
		strbuf_addch(&suffix, '\0');
		cn->suffix = strbuf_detach(&suffix, NULL);
	}
	if (unless.len) {
		strbuf_addch(&unless, '\0');
		cn->unless = strbuf_detach(&unless, NULL);
	}
	strbuf_release(&then);
	strbuf_release(&next);
	strbuf_release(&prev);
	strbuf_release(&suffix);
	strbuf_release(&unless);
	return 0;
bad:
	diag_report(d, DIAG_ERROR, file, lineno, (unsigned)(arg - line) + 1,
		    "expected 'needs cue FRAME|\"LEMMA\"... [not \"LEMMA\"...] [suffix \"TEXT\"...] [then \"TEXT\"|quote ...] [next \"TEXT\"...] [unless \"WORD\"...] [prev \"TEXT\"...]'");
fail:
	strbuf_release(&then);
	strbuf_release(&next);
	strbuf_release(&prev);
	strbuf_release(&suffix);
	strbuf_release(&unless);
	cue_need_release(cn);
	return 1;
}

/* "needs end TEXT... | quote": the sentence, less the white space that
 * closes it, ends with one of the texts (quoted ASCII without white
 * space), or with a quotation ("quote"). Returns the number of errors. */
static int parse_end_need(struct rule_need *nd, const char *line, const char *arg,
			  const char *end, const char *file, unsigned lineno, struct diag *d)
{
	strbuf alts = STRBUF_INIT;
	const char *p = arg;
	while ((p = skip_space(p, end)) < end) {
		const char *w = p, *we;
		if (*p == '"') {
			we = memchr(p + 1, '"', (size_t)(end - p - 1));
			if (!we || we == p + 1)
				goto bad;
			for (const char *q = p + 1; q < we; q++)
				if ((unsigned char)*q >= 0x80 || isspace((unsigned char)*q))
					goto bad;
			strbuf_add(&alts, p + 1, (size_t)(we - p - 1));
			strbuf_addch(&alts, '\0');
			p = we + 1;
			continue;
		}
		for (we = p; we < end && !isspace((unsigned char)*we);)
			we++;
		if (we - w != 5 || strncmp(w, "quote", 5))
			goto bad;
		nd->end_quote = 1;
		p = we;
		continue;
bad:
		diag_report(d, DIAG_ERROR, file, lineno, (unsigned)(w - line) + 1,
			    "expected 'needs end \"TEXT\"|quote ...' (ASCII texts without white space)");
		strbuf_release(&alts);
		return 1;
	}
	if (!alts.len && !nd->end_quote) {
		diag_report(d, DIAG_ERROR, file, lineno, (unsigned)(arg - line) + 1,
			    "expected 'needs end \"TEXT\"|quote ...' (ASCII texts without white space)");
		strbuf_release(&alts);
		return 1;
	}
	nd->end = 1;
	if (alts.len) {
		strbuf_addch(&alts, '\0');
		nd->text = strbuf_detach(&alts, NULL);
	}
	strbuf_release(&alts);
	return 0;
}

/* attribution.rules: "define NAME" or "rule ID" header lines, each
 * followed by indented pattern lines (extended mode). */
/* A rule or a probe as compiled, with no JIT code yet and the id its
 * own copy (rules_free() frees both). */
static void rule_init(struct rule *rl, const char *id, pcre2_code *code, pcre2_code *code_ascii, int latin1)
{
	memset(rl, 0, sizeof(*rl));
	atomic_init(&rl->jitted[0], 0);
	atomic_init(&rl->jitted[1], 0);
	atomic_init(&rl->utf_calls, 0);
	rl->id = xstrdup(id);
	rl->code = code;
	rl->code_ascii = code_ascii;
	rl->latin1 = latin1;
}

static int load_patterns(struct rules *r, struct diag *d)
{
	struct rule_file f;
	if (rule_file_open(&f, r->dir, "attribution.rules", d) < 0)
		return -1;
	struct macros m = { 0 };
	add_builtin_macros(r, &m);
	int errors = 0;
	size_t alloc = 0;
	const char *s;
	size_t n;
	/* current block */
	int kind = 0;  /* 0 none, 1 define, 2 rule, 3 probe */
	char *name = NULL;
	unsigned hline = 0;
	struct expansion x = { STRBUF_INIT, NULL, 0, 0, NULL, 0, 0, 0, !getenv("WHOSAID_NO_FAST"), NULL, 0, 0,
			       0, 0, NULL, NULL, 0, 0, 0 };
	size_t probe_alloc = 0;
	/* (not for the sizes: those are printed when a pattern is compiled) */
	if (!getenv("WHOSAID_RULE_SIZES"))
		x.pc = patcache_open();
	struct rule_need needs[4];
	int nneeds = 0;
	struct rule_cue_need cue_needs[4];
	int ncue_needs = 0;

	for (int more = 1; more;) {
		more = next_line(&f, &s, &n, 1);
		int header = more && !isspace((unsigned char)s[0]);
		int needs_line = header && kind == 2 && !x.out.len && n > 6 && !strncmp(s, "needs ", 6);
		if (((header && !needs_line) || !more) && kind) {
			/* finish the block */
			if (!x.out.len) {
				diag_report(d, DIAG_ERROR, f.path, hline, 1, "'%s' has no pattern lines", name);
				errors++;
			} else if (kind == 1) {
				/* compile alone to report errors where they are */
				/* (not a code to free: the cache keeps it) */
				if (!compile_checked(&x, &m, f.path, name, d, NULL, NULL))
					errors++;
				strbuf body = STRBUF_INIT;
				strbuf_addf(&body, "(?:%s)", x.out.buf);
				macro_add(&m, name, strbuf_detach(&body, NULL), hline, 1, x.used, x.nused);
				m.v[m.n - 1].probes = x.probes;
			} else if (kind == 3) {
				/* anchored where the callout is: \G before it (the
				 * error columns move with it) */
				strbuf body = STRBUF_INIT;
				strbuf_addf(&body, "(?:%s)", x.out.buf);
				strbuf w = STRBUF_INIT;
				strbuf_addstr(&w, "\\G(?:");
				size_t shift = w.len;
				strbuf_add(&w, x.out.buf, x.out.len);
				strbuf_addstr(&w, "\n)");
				strbuf tmp = x.out;
				x.out = w;
				strbuf_release(&tmp);
				for (size_t k = 0; k < x.nsegs; k++)
					x.segs[k].out += shift;
				pcre2_code *ascii;
				int latin1;
				pcre2_code *c = compile_checked(&x, &m, f.path, name, d, &ascii, &latin1);
				if (!c) {
					errors++;
					free(strbuf_detach(&body, NULL));
				} else {
					ALLOC_GROW(r->probes, r->nprobes + 1, probe_alloc);
					struct rule *pr = &r->probes[r->nprobes];
					rule_init(pr, name, c, ascii, latin1);
					pr->file = "attribution.rules";
					pr->line = hline;
					macro_add(&m, name, strbuf_detach(&body, NULL), hline, 1, NULL, 0);
					m.v[m.n - 1].probe = (int)r->nprobes;
					m.v[m.n - 1].probes = x.probes;
					r->nprobes++;
				}
			} else {
				pcre2_code *ascii;
				int latin1;
				pcre2_code *c = compile_checked(&x, &m, f.path, name, d, &ascii, &latin1);
				if (!c) {
					errors++;
				} else {
					ALLOC_GROW(r->rules, r->nrules + 1, alloc);
					struct rule *rl = &r->rules[r->nrules];
					rule_init(rl, name, c, ascii, latin1);
					/* a Latin-1 copy of a sentence goes to the probes
					 * the rule calls too: by their ASCII forms */
					for (size_t k = 0; k < r->nprobes; k++)
						if ((x.probes >> k & 1) && (!r->probes[k].code_ascii || !r->probes[k].latin1))
							rl->latin1 = 0;
					rl->file = "attribution.rules";
					rl->line = hline;
					memcpy(rl->needs, needs, sizeof(needs));
					rl->nneeds = nneeds;
					nneeds = 0;
					memcpy(rl->cue_needs, cue_needs, sizeof(cue_needs));
					rl->ncue_needs = ncue_needs;
					ncue_needs = 0;
					memset(rl->cue_bits, 0, sizeof(rl->cue_bits));
					rl->has_cue_bits = rl->ncue_needs && r->ncues <= RULE_CUE_BITS;
					for (int k = 0; k < rl->ncue_needs && rl->has_cue_bits; k++)
						for (size_t cue = 0; cue < r->ncues; cue++)
							if (rl->cue_needs[k].cue_ok[cue])
								rl->cue_bits[cue / 64] |= (uint64_t)1 << (cue % 64);
					if (check_groups(rl, f.path, hline, d)) {
						errors++;
						pcre2_code_free(c);
						pcre2_code_free(ascii);
						free(rl->id);
						for (int k = 0; k < rl->nneeds; k++)
							free(rl->needs[k].text);
						for (int k = 0; k < rl->ncue_needs; k++)
							cue_need_release(&rl->cue_needs[k]);
					} else {
						r->nrules++;
					}
				}
			}
			for (int k = 0; k < nneeds; k++)
				free(needs[k].text);
			nneeds = 0;
			for (int k = 0; k < ncue_needs; k++)
				cue_need_release(&cue_needs[k]);
			ncue_needs = 0;
			free(name);
			name = NULL;
			kind = 0;
			strbuf_reset(&x.out);
			x.nsegs = 0;
			x.nused = 0;
			x.probes = 0;
		}
		if (!more)
			break;
		x.rule = kind == 2;
		if (needs_line) {
			/* needs "TEXT" or needs quote: a cheap test before the pattern */
			const char *arg = skip_space(s + 6, s + n);
			size_t alen = (size_t)(s + n - arg);
			struct rule_need nd = { 0 };
			int words = 0;
			if (alen > 4 && !strncmp(arg, "cue ", 4)) {
				/* needs cue ...: several lines are alternatives */
				if (ncue_needs == 4) {
					diag_report(d, DIAG_ERROR, f.path, f.lineno, 1, "at most 4 'needs cue' lines a rule");
					errors++;
				} else if (parse_cue_need(r, &cue_needs[ncue_needs], s, arg + 4, s + n, f.path,
							  f.lineno, d)) {
					errors++;
				} else {
					ncue_needs++;
				}
				continue;
			} else if (alen == 5 && !strncmp(arg, "quote", 5)) {
				nd.quote = 1;
			} else if (alen >= 3 && !strncmp(arg, "end", 3) && (alen == 3 || isspace((unsigned char)arg[3]))) {
				if (parse_end_need(&nd, s, arg + 3, s + n, f.path, f.lineno, d)) {
					errors++;
					continue;
				}
			} else if ((alen > 10 && !strncmp(arg, "after-cue ", 10) && (words = atoi(arg + 10)) > 0) ||
				   (alen > 11 && !strncmp(arg, "before-cue ", 11) && (words = atoi(arg + 11)) > 0)) {
				if (arg[0] == 'a')
					nd.after_cue = words;
				else
					nd.before_cue = words;
			} else if (alen >= 3 && arg[0] == '"' && arg[alen - 1] == '"') {
				/* one or more "TEXT": any of them will do; kept as
				 * NUL-separated strings ending in an empty one */
				strbuf alts = STRBUF_INIT;
				const char *p = arg, *e = arg + alen;
				while (p < e) {
					const char *q1 = memchr(p, '"', (size_t)(e - p));
					if (!q1)
						break;
					const char *q2 = memchr(q1 + 1, '"', (size_t)(e - q1 - 1));
					if (!q2)
						break;
					strbuf_add(&alts, q1 + 1, (size_t)(q2 - q1 - 1));
					strbuf_addch(&alts, '\0');
					p = q2 + 1;
				}
				strbuf_addch(&alts, '\0');
				nd.text = strbuf_detach(&alts, NULL);
			} else {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)(arg - s) + 1,
					    "expected 'needs quote', 'needs \"TEXT\" ...', 'needs end ...', 'needs after-cue N', 'needs before-cue N' or 'needs cue ...'");
				errors++;
				continue;
			}
			if (nneeds < 4) {
				needs[nneeds++] = nd;
			} else {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, 1, "at most 4 'needs' lines a rule");
				errors++;
				free(nd.text);
			}
			continue;
		}
		if (header) {
			const char *sp = memchr(s, ' ', n);
			size_t kw = sp ? (size_t)(sp - s) : n;
			const char *arg = sp ? skip_space(sp, s + n) : s + n;
			size_t alen = (size_t)(s + n - arg);
			unsigned acol = (unsigned)(arg - s) + 1;
			if ((kw == 6 && !strncmp(s, "define", 6)) || (kw == 5 && !strncmp(s, "probe", 5))) {
				if (!valid_name(arg, alen, 1)) {
					diag_report(d, DIAG_ERROR, f.path, f.lineno, acol,
						    "macro names are UPPER_CASE: '%.*s'", (int)alen, arg);
					errors++;
					continue;
				}
				if (macro_find(&m, arg, alen)) {
					diag_report(d, DIAG_ERROR, f.path, f.lineno, acol,
						    "duplicate macro '%.*s'", (int)alen, arg);
					errors++;
					continue;
				}
				if (kw == 5 && r->nprobes >= 64) {
					diag_report(d, DIAG_ERROR, f.path, f.lineno, 1, "at most 64 probes");
					errors++;
					continue;
				}
				kind = kw == 6 ? 1 : 3;
			} else if (kw == 4 && !strncmp(s, "rule", 4)) {
				if (!valid_name(arg, alen, 0)) {
					diag_report(d, DIAG_ERROR, f.path, f.lineno, acol,
						    "rule ids are lower-case-with-dashes: '%.*s'", (int)alen, arg);
					errors++;
					continue;
				}
				for (size_t i = 0; i < r->nrules; i++)
					if (strlen(r->rules[i].id) == alen && !strncmp(r->rules[i].id, arg, alen)) {
						diag_report(d, DIAG_ERROR, f.path, f.lineno, acol,
							    "duplicate rule id '%.*s' (first at line %u)",
							    (int)alen, arg, r->rules[i].line);
						errors++;
					}
				kind = 2;
			} else {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, 1,
					    "expected 'define NAME', 'probe NAME' or 'rule ID', got '%.*s'", (int)kw, s);
				errors++;
				continue;
			}
			name = xstrndup(arg, alen);
			hline = f.lineno;
			continue;
		}
		if (!kind) {
			diag_report(d, DIAG_ERROR, f.path, f.lineno, 1, "pattern line outside a rule or define");
			errors++;
			continue;
		}
		size_t lead = 0;
		while (lead < n && isspace((unsigned char)s[lead]))
			lead++;
		if (n - lead > 7 && !strncmp(s + lead, "@words ", 7)) {
			/* a word list, compiled to a prefix tree */
			struct wordset ws = { 0 };
			const char *p = s + lead + 7, *e = s + n;
			while (p < e) {
				while (p < e && isspace((unsigned char)*p))
					p++;
				const char *w = p;
				while (p < e && !isspace((unsigned char)*p))
					p++;
				if (p > w) {
					strbuf low = STRBUF_INIT;
					lower_into(&low, w, (size_t)(p - w));
					wordset_put(&ws, low.buf, low.len, 0);
					strbuf_release(&low);
				}
			}
			char *alt = alternation(r, &ws, -1, 0, NULL, NULL);
			seg_push(&x, f.lineno, (unsigned)lead + 1, 0);
			strbuf_addstr(&x.out, alt);
			strbuf_addch(&x.out, '\n');
			free(alt);
			wordset_release(&ws);
			continue;
		}
		{
			/* "@words" anywhere else ("| @words a b") is no word list:
			   in extended mode it would match the letters "@wordsab",
			   never a word; a comment ("#" not after "\\") may name it */
			size_t at = lead;
			int found = 0;
			for (; at + 6 <= n; at++) {
				if (s[at] == '#' && (at == 0 || s[at - 1] != '\\'))
					break;
				if (!strncmp(s + at, "@words", 6)) {
					found = 1;
					break;
				}
			}
			if (found) {
				diag_report(d, DIAG_ERROR, f.path, f.lineno, (unsigned)at + 1,
					    "'@words' must open its line: a word list line holds nothing else");
				errors++;
				continue;
			}
		}
		errors += expand_line(&x, s + lead, n - lead, f.lineno, (unsigned)lead + 1, &m, f.path, d);
	}
	free(name);
	strbuf_release(&x.out);
	free(x.segs);
	free(x.used);
	free(x.defs);
	free(x.def_ascii);
	macros_release(&m);
	rule_file_close(&f);
	/* (the rules' codes are alive: the cache writes them all) */
	patcache_finish(x.pc, !errors && r->nrules);
	/* number the distinct texts of the "needs" lines */
	struct wordset texts = { 0 };
	for (size_t i = 0; i < r->nrules; i++) {
		for (int k = 0; k < r->rules[i].nneeds; k++) {
			struct rule_need *nd = &r->rules[i].needs[k];
			if (!nd->text || nd->end)
				continue;
			size_t nalt = 0;
			for (const char *alt = nd->text; *alt; alt += strlen(alt) + 1)
				nalt++;
			nd->ids = xmalloc((nalt + 1) * sizeof(int));
			nd->alts = xmalloc((nalt + 1) * sizeof(*nd->alts));
			nalt = 0;
			for (const char *alt = nd->text; *alt; alt += strlen(alt) + 1) {
				int id = wordset_get(&texts, alt, strlen(alt));
				if (id < 0) {
					id = (int)r->nneed_texts++;
					wordset_put(&texts, alt, strlen(alt), id);
				}
				nd->alts[nalt] = alt;
				nd->ids[nalt++] = id;
			}
			nd->alts[nalt] = NULL;
		}
	}
	wordset_release(&texts);
	if (!r->nrules && !errors) {
		diag_report(d, DIAG_ERROR, f.path, 0, 0, "no rules");
		errors++;
	}
	return errors ? -1 : 0;
}

const char *rules_default_dir(void)
{
	static char buf[PATH_MAX];
	const char *env = getenv("WHOSAID_RULES");
	if (env && *env)
		return env;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 16);
	if (n > 0) {
		buf[n] = '\0';
		char *slash = strrchr(buf, '/');
		if (slash) {
			strcpy(slash + 1, "rules/cues.txt");
			if (access(buf, R_OK) == 0) {
				slash[1 + 5] = '\0';
				return buf;
			}
		}
	}
	return WHOSAID_RULES_DIR;
}

struct rules *rules_load(const char *dir, struct diag *d)
{
	static const char *const noun_kinds[] = { "anonymous", "vague", "document", "generic", NULL };
	static const char *const abbrev_kinds[] = { "any", "title", "rank", NULL };
	static const char *const org_kinds[] = { "any", "company", "place", "outlet", NULL };
	struct rules *r = xcalloc(1, sizeof(*r));
	r->dir = xstrdup(dir ? dir : rules_default_dir());
	int bad = 0;
	bad |= load_wordlist(&r->abbrev, r->dir, "abbreviations.txt", abbrev_kinds, 0, 1, d);
	bad |= load_cues(r, d);
	bad |= load_wordlist(&r->source_nouns, r->dir, "sources.txt", noun_kinds, SN_GENERIC, 0, d);
	bad |= load_wordlist(&r->titles, r->dir, "titles.txt", NULL, 0, 0, d);
	bad |= load_wordlist(&r->org_words, r->dir, "organizations.txt", org_kinds, ORG_ANY, 0, d);
	bad |= load_org_kinds(r, d);
	bad |= load_wordlist(&r->places, r->dir, "places.txt", NULL, 0, 0, d);
	bad |= load_word_lists(r, d);
	if (!bad)
		bad |= load_patterns(r, d);
	for (size_t i = 0; !bad && i < r->nrules; i++)
		r->rules[i].jit_after = r->nrules - 1 - i;
	if (bad) {
		rules_free(r);
		return NULL;
	}
	return r;
}

void rules_free(struct rules *r)
{
	if (!r)
		return;
	wordset_release(&r->abbrev);
	wordset_release(&r->cue_forms);
	wordset_release(&r->cue_tails);
	wordset_release(&r->source_nouns);
	wordset_release(&r->titles);
	wordset_release(&r->org_words);
	wordset_release(&r->org_kind_words);
	for (size_t i = 0; i < r->norg_kinds; i++)
		free(r->org_kind_heads[i]);
	free(r->org_kind_heads);
	wordset_release(&r->places);
	wordset_release(&r->words);
	free(r->word_masks);
	for (size_t i = 0; i < r->ncues; i++)
		free(r->cues[i].lemma);
	free(r->cues);
	for (size_t i = 0; i < r->nrules; i++) {
		free(r->rules[i].id);
		for (int k = 0; k < r->rules[i].nneeds; k++) {
			free(r->rules[i].needs[k].text);
			free(r->rules[i].needs[k].ids);
			free(r->rules[i].needs[k].alts);
		}
		for (int k = 0; k < r->rules[i].ncue_needs; k++)
			cue_need_release(&r->rules[i].cue_needs[k]);
		pcre2_code_free(r->rules[i].code);
		pcre2_code_free(r->rules[i].code_ascii);
	}
	free(r->rules);
	for (size_t i = 0; i < r->nwlists; i++)
		wordset_release(&r->wlists[i].words);
	free(r->wlists);
	for (size_t i = 0; i < r->nprobes; i++) {
		free(r->probes[i].id);
		pcre2_code_free(r->probes[i].code);
		pcre2_code_free(r->probes[i].code_ascii);
	}
	free(r->probes);
	pcre2_code_free(r->prefilter);
	free(r->dir);
	free(r);
}
