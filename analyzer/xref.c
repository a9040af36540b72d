#define _POSIX_C_SOURCE 200809L
#include "xref.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <utf8proc.h>

#include "claims.h"
#include "strbuf.h"
#include "text.h"

static size_t uf_find(size_t *p, size_t x)
{
	while (p[x] != x) {
		p[x] = p[p[x]];
		x = p[x];
	}
	return x;
}

/* ---- rules --------------------------------------------------------------- */

/* folded alias -> folded canonical name */
struct amap {
	char **keys, **vals;
	size_t cap, n;
};

struct xref_rules {
	struct claim_rules *cr;
	struct conflict_rules *cf;
	struct amap aliases;   /* folded form -> folded canonical */
	struct amap forms;     /* folded canonical -> its forms as written, '\n' between */
};

static size_t str_hash(const char *s, size_t n)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * (size_t)1099511628211ULL;
	return h;
}

static const char *amap_get(const struct amap *m, const char *s, size_t n)
{
	if (!m->cap)
		return NULL;
	for (size_t i = str_hash(s, n) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (!strncmp(m->keys[i], s, n) && !m->keys[i][n])
			return m->vals[i];
	return NULL;
}

static void amap_put(struct amap *m, const char *k, const char *v)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct amap old = *m;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->keys = xcalloc(m->cap, sizeof(char *));
		m->vals = xcalloc(m->cap, sizeof(char *));
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.keys[i]) {
				amap_put(m, old.keys[i], old.vals[i]);
				free(old.keys[i]);
				free(old.vals[i]);
			}
		free(old.keys);
		free(old.vals);
	}
	size_t n = strlen(k);
	size_t i = str_hash(k, n) & (m->cap - 1);
	for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->keys[i], k))
			return;   /* first entry wins */
	m->keys[i] = xstrdup(k);
	m->vals[i] = xstrdup(v);
	m->n++;
}

/* Appends "\n" and v to the value of k (or sets it). */
static void amap_append(struct amap *m, const char *k, const char *v)
{
	size_t n = strlen(k);
	if (m->cap)
		for (size_t i = str_hash(k, n) & (m->cap - 1); m->keys[i]; i = (i + 1) & (m->cap - 1))
			if (!strcmp(m->keys[i], k)) {
				size_t a = strlen(m->vals[i]), b = strlen(v);
				m->vals[i] = xrealloc(m->vals[i], a + b + 2);
				m->vals[i][a] = '\n';
				memcpy(m->vals[i] + a + 1, v, b + 1);
				return;
			}
	amap_put(m, k, v);
}

static void amap_release(struct amap *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->keys[i]);
		free(m->vals[i]);
	}
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

/* ---- folding ------------------------------------------------------------- */

/* Case- and mark-folded copy of s, with typographic apostrophes made
 * ASCII, periods dropped ("U.S." is "us") and runs of space collapsed. */
static void fold(strbuf *out, const char *s, size_t len)
{
	utf8proc_uint8_t *m = NULL;
	strbuf_reset(out);
	size_t ascii = 0;
	while (ascii < len && (unsigned char)s[ascii] < 0x80)
		ascii++;
	/* ASCII folds to its lower case: spare utf8proc's copy (n < 0 below
	   lowers A-Z) */
	utf8proc_ssize_t n = ascii == len ? -1
					  : utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
							 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
								 UTF8PROC_STRIPMARK);
	const char *src = n >= 0 ? (const char *)m : s;
	size_t sl = n >= 0 ? (size_t)n : len;
	for (size_t i = 0; i < sl; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == 0xe2 && i + 2 < sl && (unsigned char)src[i + 1] == 0x80 &&
		    ((unsigned char)src[i + 2] == 0x99 || (unsigned char)src[i + 2] == 0x98)) {
			strbuf_addch(out, '\'');
			i += 2;
		} else if (c == '.') {
			continue;
		} else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == ',') {
			if (out->len && out->buf[out->len - 1] != ' ')
				strbuf_addch(out, ' ');
		} else if (n < 0 && c >= 'A' && c <= 'Z') {
			strbuf_addch(out, c | 0x20);
		} else {
			strbuf_addch(out, (char)c);
		}
	}
	while (out->len && out->buf[out->len - 1] == ' ')
		strbuf_setlen(out, out->len - 1);
	free(m);
}

struct xword {
	size_t s, e;
};

static size_t split(const char *s, size_t len, struct xword *w, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < max;) {
		while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == ','))
			i++;
		size_t a = i;
		while (i < len && !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == ','))
			i++;
		if (i > a)
			w[n++] = (struct xword){ a, i };
	}
	return n;
}

/* Length of a word without its possessive ('s, ’s). */
static size_t unpossessed(const char *s, size_t a, size_t e)
{
	if (e - a > 2 && s[e - 2] == '\'' && s[e - 1] == 's')
		return e - 2;
	if (e - a > 4 && !memcmp(s + e - 4, "\xe2\x80\x99s", 4))
		return e - 4;
	return e;
}

static int in_words(const struct wordset *ws, const char *s, size_t n)
{
	return wordset_has_word(ws, s, n, 1);
}

static int is_title_word(const struct rules *r, const char *s, size_t n)
{
	int k = wordset_get(&r->abbrev, s, n);
	return k == 1 || k == 2 || in_words(&r->titles, s, n);
}

static int has_upper(const char *s)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		if (text_is_upper(s, i, len))
			return 1;
		int32_t cp;
		i += text_decode(s, i, len, &cp);
	}
	return 0;
}

/* Written in capitals only (US, WHO): such a form matches only a name
 * written in capitals, so "who" and "us" stay words. */
static int all_caps(const char *s, size_t n)
{
	int letters = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
		letters += s[i] >= 'A' && s[i] <= 'Z';
	}
	return letters > 0;
}

char *xref_name_key(const char *name, size_t len, enum source_kind kind, const struct rules *r,
		    const struct xref_rules *xr)
{
	struct xword w[32];
	size_t n = split(name, len, w, 32);
	size_t first = 0;
	while (first + 1 < n && (w[first].e - w[first].s == 3 && !strncasecmp(name + w[first].s, "the", 3)))
		first++;
	if (kind == SK_PERSON)
		while (first + 1 < n && is_title_word(r, name + w[first].s, w[first].e - w[first].s))
			first++;
	strbuf raw = STRBUF_INIT, f = STRBUF_INIT;
	for (size_t i = first; i < n; i++) {
		if (raw.len)
			strbuf_addch(&raw, ' ');
		size_t e = i + 1 == n || kind != SK_PERSON ? unpossessed(name, w[i].s, w[i].e) : w[i].e;
		strbuf_add(&raw, name + w[i].s, e - w[i].s);
	}
	fold(&f, raw.buf, raw.len);
	const char *alias = NULL;
	if (xr) {
		alias = amap_get(&xr->aliases, f.buf, f.len);
		if (!alias && all_caps(raw.buf, raw.len)) {
			strbuf caps = STRBUF_INIT;
			strbuf_addch(&caps, '!');
			strbuf_addstr(&caps, f.buf);
			alias = amap_get(&xr->aliases, caps.buf, caps.len);
			strbuf_release(&caps);
		}
	}
	strbuf_release(&raw);
	strbuf key = STRBUF_INIT;
	strbuf_addstr(&key, "n:");
	strbuf_addstr(&key, alias ? alias : f.buf);
	strbuf_release(&f);
	return strbuf_detach(&key, NULL);
}

static char *per_article_key(const char *doc, const char *name)
{
	strbuf f = STRBUF_INIT, key = STRBUF_INIT;
	fold(&f, name, strlen(name));
	strbuf_addf(&key, "a:%s\x1f%s", doc, f.buf);
	strbuf_release(&f);
	return strbuf_detach(&key, NULL);
}

/* ---- names completed from the article ------------------------------------ */

static int word_char(const char *s, size_t i, size_t end)
{
	return i < end && text_is_word_char(s, i, end);
}

/* Is the word [a, e) of the text a whole word? */
static int whole_word(const char *s, size_t len, size_t a, size_t e)
{
	if (a > 0) {
		size_t p = text_prev(s, 0, a);
		if (word_char(s, p, len))
			return 0;
	}
	return !word_char(s, e, len);
}

static const char *const sentence_openers[] = {
	"The", "A", "An", "But", "And", "Or", "So", "Yet", "If", "When", "While", "After", "Before", "Then",
	"Yesterday", "Today", "On", "In", "At", "As", "For", "Of", "To", "By", "With", "This", "That",
	"Meanwhile", "However", "Still", "Also", "Now", "Later", "Earlier", "Mr.", "Mrs.", "Ms.", "Dr.", NULL
};

static int opener(const char *s, size_t n)
{
	for (int i = 0; sentence_openers[i]; i++)
		if (strlen(sentence_openers[i]) == n && !strncmp(s, sentence_openers[i], n))
			return 1;
	return 0;
}

/* A capitalized name word: not a title, organization word, honorific or
 * determiner; initials ("J.") allowed. */
static int name_word(const struct rules *r, const char *s, size_t a, size_t e)
{
	if (e <= a || !text_is_upper(s, a, e))
		return 0;
	for (size_t i = a; i < e; i++)
		if (s[i] == ',' || s[i] == ';' || s[i] == ':' || s[i] == '"' || s[i] == '(' || s[i] == ')')
			return 0;
	if (s[e - 1] == '.' && e - a > 2)
		return 0;    /* "Inc." or a sentence end, not an initial */
	if (is_title_word(r, s + a, e - a) || in_words(&r->org_words, s + a, e - a) || opener(s + a, e - a))
		return 0;
	return 1;
}

/* "Brekke": the full name it is short for in this article ("Environment
 * Minister Tomas Brekke"), found before one of its occurrences. Returns a
 * malloc'ed name or NULL. */
static char *full_name_in_text(const struct article *a, const char *surname, const struct rules *r)
{
	const char *s = a->scan;
	size_t n = strlen(surname);
	if (!n)
		return NULL;
	int tries = 0;
	for (const char *p = strstr(s, surname); p && tries < 200; p = strstr(p + 1, surname), tries++) {
		size_t at = (size_t)(p - s);
		if (!whole_word(s, a->len, at, at + n) || at < 2 || s[at - 1] != ' ')
			continue;
		/* up to three name words before it */
		size_t start = at;
		int words = 0;
		while (words < 3 && start >= 2 && s[start - 1] == ' ') {
			size_t e = start - 1, b = e;
			while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
				b--;
			if (!name_word(r, s, b, e))
				break;
			start = b;
			words++;
		}
		if (!words)
			continue;
		return xstrndup(a->raw + start, at + n - start);
	}
	return NULL;
}

/* "Calder Tide": its longer form in this article when an organization
 * word follows it ("Calder Tide Chemicals"). Returns malloc'ed or NULL. */
static char *longer_org_in_text(const struct article *a, const char *name, const struct rules *r)
{
	const char *s = a->scan;
	size_t n = strlen(name);
	int tries = 0;
	if (!n)
		return NULL;
	for (const char *p = strstr(s, name); p && tries < 200; p = strstr(p + 1, name), tries++) {
		size_t at = (size_t)(p - s), e = at + n;
		if (!whole_word(s, a->len, at, e))
			continue;
		size_t end = e;
		while (end < a->len && s[end] == ' ') {
			size_t b = end + 1, k = b;
			while (k < a->len && s[k] != ' ' && s[k] != '\n' && s[k] != ',' && s[k] != '.' && s[k] != ';')
				k++;
			if (k == b || !text_is_upper(s, b, k) || !in_words(&r->org_words, s + b, k - b))
				break;
			end = k;
		}
		if (end > e)
			return xstrndup(a->raw + at, end - at);
	}
	return NULL;
}

/* Does the word appear uncapitalized in the article (so a capitalized
 * one-word "name" is more likely an ordinary word: "There reports")? */
static int appears_lowercase(const struct article *a, const char *word)
{
	size_t n = strlen(word);
	if (!n || n > 60)
		return 0;
	char low[64];
	for (size_t i = 0; i < n; i++)
		low[i] = word[i] >= 'A' && word[i] <= 'Z' ? (char)(word[i] | 0x20) : word[i];
	low[n] = 0;
	if (!strcmp(low, word))
		return 1;
	int tries = 0;
	for (const char *p = strstr(a->scan, low); p && tries < 200; p = strstr(p + 1, low), tries++)
		if (whole_word(a->scan, a->len, (size_t)(p - a->scan), (size_t)(p - a->scan) + n))
			return 1;
	return 0;
}

static size_t word_count(const char *s)
{
	struct xword w[32];
	return split(s, strlen(s), w, 32);
}

/* ---- affiliations -------------------------------------------------------- */

/* Is s[0, n) one of the words of list (any case)? */
static int in_word_list(const char *s, size_t n, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncasecmp(s, list[i], n))
			return 1;
	return 0;
}

static int prep_word(const char *s, size_t n)
{
	static const char *const p[] = { "at", "of", "for", "with", "from", "to", NULL };
	return in_word_list(s, n, p);
}

static int joiner_word(const char *s, size_t n)
{
	static const char *const j[] = { "of", "for", "and", "&", "the", "on", NULL };
	return in_word_list(s, n, j);
}

/* The head of a public body whose staff a title names ("trade ministry
 * spokesman", "civil defence service official") */
static int body_word(const char *s, size_t n)
{
	static const char *const b[] = { "ministry", "department", "agency", "bureau", "office", "administration",
					 "government", "committee", "commission", "council", "authority", "police",
					 "service", "services", "board", NULL };
	return in_word_list(s, n, b);
}

/* "Moroccan", "Iraqi", "Danish", "Chinese": an adjective of a country, not
 * its name ("Moroccan interior ministry" names no organization by itself
 * ending in "ministry" of the country's); a place of rules/places.txt is a name */
static int demonym(const char *s, size_t n, const struct rules *r)
{
	if (in_words(&r->places, s, n))
		return 0;
	static const char *const suf[] = { "an", "ian", "ese", "i", "ish", "ic", NULL };
	for (int i = 0; suf[i]; i++) {
		size_t l = strlen(suf[i]);
		if (n > l + 2 && !strncasecmp(s + n - l, suf[i], l))
			return 1;
	}
	return 0;
}

/* The organization a title names: "Foreign Ministry spokeswoman" ->
 * "Foreign Ministry"; "researcher at Cloudflare" -> "Cloudflare"; "the
 * agency's chief inspector" -> "agency" (*bare set: only an org word,
 * which names an organization of the same article). Returns malloc'ed or
 * NULL. */
static char *title_org(const char *t, const struct rules *r, int *bare)
{
	struct xword w[48];
	size_t n = split(t, strlen(t), w, 48);
	*bare = 0;
	for (size_t i = 0; i < n; i++) {
		if (!text_is_upper(t, w[i].s, w[i].e))
			continue;
		/* a capitalized run, joiners inside */
		size_t j = i, last = i;
		int org = 0, poss = 0;
		while (j < n) {
			size_t e = unpossessed(t, w[j].s, w[j].e);
			if (text_is_upper(t, w[j].s, w[j].e)) {
				last = j;
				if (in_words(&r->org_words, t + w[j].s, e - w[j].s))
					org = 1;
				if (e != w[j].e) {
					poss = 1;
					break;
				}
			} else if (!(joiner_word(t + w[j].s, w[j].e - w[j].s) && j + 1 < n &&
				     text_is_upper(t, w[j + 1].s, w[j + 1].e))) {
				break;
			}
			j++;
		}
		/* drop title words at the end: "Foreign Minister" */
		size_t end = last + 1;
		while (end > i && is_title_word(r, t + w[end - 1].s, w[end - 1].e - w[end - 1].s))
			end--;
		int titles_inside = 0;
		for (size_t k = i; k < end; k++)
			if (is_title_word(r, t + w[k].s, w[k].e - w[k].s))
				titles_inside = 1;
		int after_prep = i > 0 && prep_word(t + w[i - 1].s, w[i - 1].e - w[i - 1].s);
		/* an organization word makes it one ("Foreign Ministry"); else
		   it must follow "at", "of"... or be possessive, and hold no
		   title ("adviser to President George W. Bush") */
		/* "Norland's port ministry", "Norland port ministry state
		   secretary": the organization is the country's ministry, not
		   the country (whose name may begin another of its
		   organizations' names) */
		if (end > i && !org && !titles_inside && end == last + 1) {
			size_t e = unpossessed(t, w[end - 1].s, w[end - 1].e);
			for (size_t k = last + 1; k < n && k <= last + 3; k++) {
				const char *p = t + w[k].s;
				size_t l = w[k].e - w[k].s;
				if (text_is_upper(t, w[k].s, w[k].e) || joiner_word(p, l) || prep_word(p, l) ||
				    unpossessed(t, w[k].s, w[k].e) != w[k].e)
					break;
				if (body_word(p, l) && !demonym(t + w[i].s, e - w[i].s, r) &&
				    (k + 1 == n || is_title_word(r, t + w[k + 1].s, w[k + 1].e - w[k + 1].s))) {
					strbuf o = STRBUF_INIT;
					strbuf_add(&o, t + w[i].s, e - w[i].s);
					strbuf_addch(&o, ' ');
					strbuf_add(&o, t + w[last + 1].s, w[k].e - w[last + 1].s);
					return strbuf_detach(&o, NULL);
				}
			}
		}
		/* "Rail safety chief", "Union health spokesman": one capitalized
		   word of an organization (a title's first word is capitalized)
		   before a lower-case word that is no title is what the person
		   works on, not an organization ("Agency chief inspector" is) */
		int modifier = end - i == 1 && !poss && !after_prep && end < n &&
			       !text_is_upper(t, w[end].s, w[end].e) &&
			       !is_title_word(r, t + w[end].s, w[end].e - w[end].s) &&
			       !joiner_word(t + w[end].s, w[end].e - w[end].s) &&
			       !prep_word(t + w[end].s, w[end].e - w[end].s);
		if (end > i && !modifier && (org || ((poss || after_prep) && !titles_inside))) {
			size_t e = unpossessed(t, w[end - 1].s, w[end - 1].e);
			*bare = end - i == 1 && in_words(&r->org_words, t + w[i].s, e - w[i].s);
			return xstrndup(t + w[i].s, e - w[i].s);
		}
		i = last;
	}
	/* "Foreign Minister": a member of the Foreign Ministry */
	for (size_t i = 0; i < n; i++) {
		if (!(w[i].e - w[i].s == 8 && !strncasecmp(t + w[i].s, "minister", 8)))
			continue;
		/* "Minister of Water Resources": a member of the Ministry of
		   Water Resources */
		if (i + 2 < n && w[i + 1].e - w[i + 1].s == 2 && !strncasecmp(t + w[i + 1].s, "of", 2) &&
		    text_is_upper(t, w[i + 2].s, w[i + 2].e)) {
			size_t j = i + 2, last = i + 2;
			while (j < n) {
				if (text_is_upper(t, w[j].s, w[j].e))
					last = j;
				else if (!(joiner_word(t + w[j].s, w[j].e - w[j].s) && j + 1 < n &&
					   text_is_upper(t, w[j + 1].s, w[j + 1].e)))
					break;
				if (unpossessed(t, w[j].s, w[j].e) != w[j].e)
					break;
				j++;
			}
			strbuf o = STRBUF_INIT;
			strbuf_addstr(&o, "Ministry of ");
			strbuf_add(&o, t + w[i + 2].s, w[last].e - w[i + 2].s);
			return strbuf_detach(&o, NULL);
		}
		if (i == 0)
			continue;
		size_t k = i;
		while (k > 0 && i - k < 3) {
			const char *p = t + w[k - 1].s;
			size_t l = w[k - 1].e - w[k - 1].s;
			if (unpossessed(t, w[k - 1].s, w[k - 1].e) != w[k - 1].e || joiner_word(p, l) ||
			    !word_char(p, 0, l))
				break;
			/* qualifiers of a ministry are title words too ("foreign");
			   the ranks are not */
			static const char *const ranks[] = { "prime", "deputy", "vice", "first", "former", "chief",
							     "junior", "senior", "state", "acting", "shadow", NULL };
			int rank = 0;
			for (int q = 0; ranks[q]; q++)
				if (strlen(ranks[q]) == l && !strncasecmp(p, ranks[q], l))
					rank = 1;
			if (rank)
				break;
			k--;
		}
		if (k < i) {
			strbuf o = STRBUF_INIT;
			strbuf_add(&o, t + w[k].s, w[i - 1].e - w[k].s);
			strbuf_addstr(&o, " Ministry");
			return strbuf_detach(&o, NULL);
		}
	}
	/* "union's general secretary", "agency's director": the title of
	   "the union's general secretary" without its article */
	if (n > 1) {
		size_t e = unpossessed(t, w[0].s, w[0].e);
		if (e != w[0].e && !text_is_upper(t, w[0].s, w[0].e) && in_words(&r->org_words, t + w[0].s, e - w[0].s)) {
			*bare = 1;
			return xstrndup(t + w[0].s, e - w[0].s);
		}
	}
	/* "spokeswoman for the agency", "the agency's chief inspector" */
	for (size_t i = 0; i + 1 < n; i++) {
		if (!(w[i].e - w[i].s == 3 && !strncasecmp(t + w[i].s, "the", 3)))
			continue;
		size_t e = unpossessed(t, w[i + 1].s, w[i + 1].e);
		if (in_words(&r->org_words, t + w[i + 1].s, e - w[i + 1].s)) {
			*bare = 1;
			return xstrndup(t + w[i + 1].s, e - w[i + 1].s);
		}
	}
	return NULL;
}

/* Does the folded name end with the folded words of tail? */
static int ends_with_words(const char *name, const char *tail)
{
	size_t n = strlen(name), t = strlen(tail);
	if (t > n || !t)
		return 0;
	return !strcmp(name + n - t, tail) && (t == n || name[n - t - 1] == ' ');
}

/* ---- one article --------------------------------------------------------- */

static int is_pronoun(const char *s)
{
	static const char *const p[] = { "he", "she", "it", "they", "i", "we", "you", NULL };
	for (int i = 0; p[i]; i++)
		if (!strcasecmp(s, p[i]))
			return 1;
	return 0;
}

/* Is the quotation [start, end) of the article one question: it ends with
 * a question mark (inside or right after its closing marks) and holds no
 * other sentence end? */
static int is_question(const struct article *a, size_t start, size_t end)
{
	const char *s = a->raw;
	size_t e = end;
	/* past closing quotation marks and spaces */
	while (e < a->len && e < end + 8) {
		unsigned char c = (unsigned char)s[e];
		if (c == ' ' || c == '"' || c == '\'')
			e++;
		else if (c == 0xe2 && e + 2 < a->len && (unsigned char)s[e + 1] == 0x80 &&
			 ((unsigned char)s[e + 2] == 0x9d || (unsigned char)s[e + 2] == 0x99))
			e += 3;
		else
			break;
	}
	size_t last = end;
	while (last > start && (s[last - 1] == ' ' || s[last - 1] == '"'))
		last--;
	int q = (last > start && s[last - 1] == '?') || (e < a->len && s[e] == '?');
	if (!q)
		return 0;
	for (size_t i = start; i + 1 < last; i++)
		if ((s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i + 1] == ' ')
			return 0;
	return 1;
}

/* An organization of the article that a word of the title abbreviates: a
 * word in capitals (two to eight letters) that the article writes in
 * parentheses right after the organization's name ("the Federation of Rail
 * and Transit Workers (FRTW)"). NULL when none. */
static const struct store_source *acronym_org(const struct article *a, const struct store_doc *sd,
					      const char *title)
{
	struct xword w[48];
	size_t n = split(title, strlen(title), w, 48);
	for (size_t i = 0; i < n; i++) {
		size_t l = w[i].e - w[i].s;
		if (l < 2 || l > 8)
			continue;
		int caps = 1;
		for (size_t k = 0; k < l && caps; k++)
			caps = title[w[i].s + k] >= 'A' && title[w[i].s + k] <= 'Z';
		if (!caps)
			continue;
		char paren[16];
		snprintf(paren, sizeof(paren), "(%.*s)", (int)l, title + w[i].s);
		for (size_t k = 0; k < sd->nsources; k++) {
			const struct store_source *o = &sd->sources[k];
			if (o->row_kind != SK_ORGANIZATION || o->per_article || !o->key)
				continue;
			const char *nm = o->display ? o->display : o->name;
			size_t nl = strlen(nm);
			int tries = 0;
			for (const char *p = nl ? strstr(a->raw, nm) : NULL; p && tries < 50;
			     p = strstr(p + 1, nm), tries++) {
				const char *q = p + nl;
				while (*q == ' ')
					q++;
				if (!strncmp(q, paren, l + 2))
					return o;
			}
		}
	}
	return NULL;
}

/* "Junior coalition partner the Green Alliance": an organization named
 * after a description of it, in place: the name after the last " the "
 * when words in lower case come before it and only capitalized words
 * after. */
static void drop_descriptor(char *name)
{
	char *the = NULL;
	for (char *p = strstr(name, " the "); p; p = strstr(p + 1, " the "))
		the = p;
	if (!the)
		return;
	const char *tail = the + 5;
	if (!(*tail >= 'A' && *tail <= 'Z'))
		return;
	for (const char *p = tail; *p; p++)
		if (p[0] == ' ' && p[1] >= 'a' && p[1] <= 'z' && strncmp(p + 1, "of ", 3) && strncmp(p + 1, "and ", 4) &&
		    strncmp(p + 1, "for ", 4))
			return;
	int lower = 0;
	for (const char *p = name; p < the && !lower; p++)
		lower = (p == name || p[-1] == ' ') && *p >= 'a' && *p <= 'z';
	if (!lower)
		return;
	/* the word before "the" is a noun of the description, not a
	   preposition or conjunction ("Others on the Hill", "the BBC and the
	   Post", "Organization for the Prohibition of ...") */
	const char *wb = the;
	while (wb > name && wb[-1] != ' ')
		wb--;
	static const char *const glue[] = { "and", "or", "of", "in", "on", "at", "for", "with", "from", "by", "to",
					     "into", "over", "under", "near", "about", "against", "between", "than",
					     "as", "like", "via", "including", NULL };
	for (int g = 0; glue[g]; g++)
		if (strlen(glue[g]) == (size_t)(the - wb) && !strncasecmp(wb, glue[g], (size_t)(the - wb)))
			return;
	if (!(*wb >= 'a' && *wb <= 'z'))
		return;
	memmove(name, tail, strlen(tail) + 1);
}

/* Does the article write the head word hw (folded, ASCII) after it first
 * names nm? A description refers back to a name. */
static int head_after_name(const struct article *a, const char *nm, const char *hw)
{
	const char *p = *nm ? strstr(a->raw, nm) : NULL;
	if (!p)
		return 0;
	size_t hl = strlen(hw), end = a->len;
	for (size_t i = (size_t)(p - a->raw) + strlen(nm); i + hl <= end; i++) {
		if ((a->raw[i] | 0x20) != hw[0] || strncasecmp(a->raw + i, hw, hl))
			continue;
		int before = (a->raw[i - 1] | 0x20) >= 'a' && (a->raw[i - 1] | 0x20) <= 'z';
		char c = i + hl < end ? a->raw[i + hl] : ' ';
		int after = (c | 0x20) >= 'a' && (c | 0x20) <= 'z' && c != 's';
		if (!before && !after)
			return 1;
	}
	return 0;
}

static int proper_name(const char *name);

/* Does s hold a word of a newspaper's name (organizations.txt "| outlet")? */
static int outlet_name(const char *s, const struct rules *r)
{
	for (const char *w = s; *w;) {
		w += strspn(w, " ");
		size_t wl = strcspn(w, " ");
		if (wl && wordset_get_ci(&r->org_words, w, wl) == ORG_OUTLET)
			return 1;
		w += wl;
	}
	return 0;
}

static int is_determiner(const char *s, size_t n)
{
	static const char *const d[] = { "the", "its", "their", "his", "her", "our", NULL };
	return in_word_list(s, n, d);
}

/* Is the organization named nm (as written) of the kind of the folded head
 * word hw ("union", "company", "paper")? A word of its name is the head
 * word (or its plural), a word org-kinds.txt gives that head, or, for a
 * business's or a newspaper's head word ("company", "operator", "paper"),
 * a word of organizations.txt of the same kind (a newspaper's name is no
 * business's). */
static int org_of_kind(const char *nm, const char *hw, const struct rules *r)
{
	size_t hl = strlen(hw);
	int hk = wordset_get_ci(&r->org_words, hw, hl);
	strbuf fw = STRBUF_INIT;
	int fits = 0;
	for (const char *w = nm; *w;) {
		size_t wl = strcspn(w, " ");
		if (wl) {
			strbuf_reset(&fw);
			fold(&fw, w, wl);
			const char *k = rules_org_kind(r, fw.buf, fw.len);
			int wk = wordset_get_ci(&r->org_words, w, wl);
			if (hk == ORG_COMPANY && wk == ORG_OUTLET) {
				fits = 0;   /* a newspaper is no "company" of its story */
				break;
			}
			fits |= !strcmp(fw.buf, hw) || (fw.len == hl + 1 && !strncmp(fw.buf, hw, hl) && fw.buf[hl] == 's') ||
				(k && !strcmp(k, hw)) || ((hk == ORG_COMPANY || hk == ORG_OUTLET) && wk == hk);
		}
		w += wl;
		w += strspn(w, " ");
	}
	strbuf_release(&fw);
	return fits;
}

/* The one name the article writes possessive before words ("Varnland's
 * trade ministry" for "trade ministry"): one or two capitalized words;
 * NULL when none or two different ones. */
static char *possessor_of(const struct article *a, const char *words)
{
	const char *s = a->raw;
	size_t n = strlen(words);
	char *found = NULL;
	int tries = 0;
	for (const char *p = strstr(s, words); p && tries < 200; p = strstr(p + 1, words), tries++) {
		size_t at = (size_t)(p - s);
		size_t k = at;
		if (k >= 3 && s[k - 1] == ' ' && s[k - 2] == 's' && s[k - 3] == '\'')
			k -= 3;
		else if (k >= 5 && s[k - 1] == ' ' && s[k - 2] == 's' && !memcmp(s + k - 5, "\xe2\x80\x99", 3))
			k -= 5;
		else
			continue;
		size_t b = k;
		while (b > 0 && (((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z') || s[b - 1] == '-'))
			b--;
		if (b == k || !(s[b] >= 'A' && s[b] <= 'Z') || (at + n < a->len && s[at + n] >= 'a' && s[at + n] <= 'z'))
			continue;
		if (found && (strlen(found) != k - b || strncmp(found, s + b, k - b))) {
			free(found);
			return NULL;
		}
		if (!found)
			found = xstrndup(s + b, k - b);
	}
	return found;
}

/* Are the words of name after its first n bytes ("Pellworth Freight"
 * after "Pellworth") all words of a business's name (organizations.txt,
 * company), none a newspaper's? */
static int company_tail(const struct rules *r, const char *name, size_t n)
{
	const char *w = name + n;
	int words = 0;
	while (*w) {
		w += strspn(w, " ");
		size_t l = strcspn(w, " ");
		if (!l)
			break;
		if (wordset_get_ci(&r->org_words, w, l) != ORG_COMPANY)
			return 0;
		words++;
		w += l;
	}
	return words > 0;
}

static void resolve_sources(struct store_doc *sd, const struct source_table *t, const struct rules *r,
			    const struct xref_rules *xr)
{
	const struct article *a = sd->a;
	sd->nsources = t->n;
	sd->sources = xcalloc(t->n + 1, sizeof(*sd->sources));
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		d->name = xstrdup(t->v[i].name ? t->v[i].name : "");
		if (t->v[i].kind == SK_ORGANIZATION)
			drop_descriptor(d->name);
		d->title = t->v[i].title ? xstrdup(t->v[i].title) : NULL;
		d->kind = d->row_kind = t->v[i].kind;
	}
	/* named sources first: a surname may need a full name of the article */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < t->n; i++) {
			struct store_source *d = &sd->sources[i];
			size_t words = word_count(d->name);
			int shared = d->kind != SK_ANONYMOUS && d->kind != SK_VAGUE && d->kind != SK_DOCUMENT &&
				     has_upper(d->name) && !is_pronoun(d->name) && words > 0;
			int single = words == 1;
			if (pass == 0 && (!shared || single))
				continue;
			if (pass == 1 && d->key)
				continue;
			if (shared && single) {
				/* a bare surname or one-word name: only through this article */
				if (appears_lowercase(a, d->name) && d->kind != SK_PERSON) {
					shared = 0;
				} else if (d->kind == SK_PERSON || !in_words(&r->places, d->name, strlen(d->name))) {
					char *full = NULL;
					strbuf fs = STRBUF_INIT, fo = STRBUF_INIT;
					fold(&fs, d->name, strlen(d->name));
					for (size_t k = 0; k < t->n && !full; k++) {
						const struct store_source *o = &sd->sources[k];
						if (k == i || o->row_kind != SK_PERSON || !o->key || word_count(o->name) < 2)
							continue;
						fold(&fo, o->name, strlen(o->name));
						if (ends_with_words(fo.buf, fs.buf)) {
							d->key = xstrdup(o->key);
							d->display = xstrdup(o->display ? o->display : o->name);
							full = d->display;
						}
					}
					strbuf_release(&fs);
					strbuf_release(&fo);
					if (d->key)
						continue;
					if (d->kind == SK_PERSON) {
						full = full_name_in_text(a, d->name, r);
						char *org = full ? NULL : longer_org_in_text(a, d->name, r);
						if (org && company_tail(r, org, strlen(d->name))) {
							/* "Pellworth said" taken for a surname in an
							   article that writes "Pellworth Freight" and
							   names no person so: the business ("Selm" is
							   not the paper "Selm Daily") */
							d->row_kind = SK_ORGANIZATION;
							d->key = xref_name_key(org, strlen(org), SK_ORGANIZATION, r, xr);
							d->display = org;
							continue;
						}
						free(org);
					} else {
						full = longer_org_in_text(a, d->name, r);
					}
					if (full) {
						d->key = xref_name_key(full, strlen(full), d->kind, r, xr);
						d->display = full;
						continue;
					}
					/* an organization's one-word name is a name; a person's
					   surname alone is not enough across articles */
					if (d->kind == SK_PERSON)
						shared = 0;
				}
			}
			if (!shared) {
				d->per_article = 1;
				d->key = per_article_key(a->doc, d->name);
				continue;
			}
			if (d->kind == SK_ORGANIZATION || d->kind == SK_PERSON) {
				/* "Calder Tide" of an article that writes "Calder Tide
				   Chemicals": the organization, whatever it was taken for */
				char *longer = longer_org_in_text(a, d->name, r);
				if (longer) {
					d->display = longer;
					d->row_kind = SK_ORGANIZATION;
					d->key = xref_name_key(longer, strlen(longer), SK_ORGANIZATION, r, xr);
					continue;
				}
			}
			d->key = xref_name_key(d->name, strlen(d->name), d->kind, r, xr);
		}
	}
	/* "Alliance co-leader Ada Voss" taken for an organization: the person
	   of the article whose full name ends it */
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (d->row_kind != SK_ORGANIZATION || word_count(d->name) < 4)
			continue;
		size_t nl = strlen(d->name);
		for (size_t k = 0; k < t->n; k++) {
			const struct store_source *o = &sd->sources[k];
			if (k == i || o->row_kind != SK_PERSON || !o->key || o->per_article || word_count(o->name) < 2)
				continue;
			size_t ol = strlen(o->name);
			if (ol + 2 > nl || d->name[nl - ol - 1] != ' ' || strcmp(d->name + nl - ol, o->name))
				continue;
			/* a title between the organization and the name: a lowercase word */
			int lower_word = 0;
			for (size_t c = 1; c + ol + 1 < nl && !lower_word; c++)
				lower_word = d->name[c - 1] == ' ' && d->name[c] >= 'a' && d->name[c] <= 'z';
			if (!lower_word)
				continue;
			free(d->key);
			d->key = xstrdup(o->key);
			free(d->display);
			d->display = xstrdup(o->display ? o->display : o->name);
			d->row_kind = SK_PERSON;
			d->per_article = 0;
			break;
		}
	}
	/* "the minister", "the agency": an unnamed description whose head word
	   is the title of exactly one named person of the article, or ends the
	   name of exactly one named organization of it, is that source */
	strbuf hw = STRBUF_INIT, cand = STRBUF_INIT;
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (!d->per_article || d->kind == SK_VAGUE || d->kind == SK_DOCUMENT)
			continue;
		struct xword w[32];
		size_t n = split(d->name, strlen(d->name), w, 32);
		if (!n || n > 4)
			continue;
		size_t he = unpossessed(d->name, w[n - 1].s, w[n - 1].e);
		const char *head = d->name + w[n - 1].s;
		size_t hl = he - w[n - 1].s;
		int title = in_words(&r->titles, head, hl), org = in_words(&r->org_words, head, hl);
		if (!title && !org)
			continue;
		fold(&hw, head, hl);
		/* of its kind: an organization's bare description ("the union",
		   "their union"), the head right after a determiner */
		int kind_ok = org && d->kind == SK_ORGANIZATION &&
			      (n == 1 || (n == 2 && is_determiner(d->name + w[0].s, w[0].e - w[0].s)));
		int found = -1, many = 0;
		for (size_t k = 0; k < t->n; k++) {
			const struct store_source *o = &sd->sources[k];
			if (k == i || o->per_article || !o->key || (found >= 0 && !strcmp(sd->sources[found].key, o->key)))
				continue;
			int match = 0;
			if (title && o->row_kind == SK_PERSON && o->title) {
				fold(&cand, o->title, strlen(o->title));
				match = strstr(cand.buf, hw.buf) && ends_with_words(cand.buf, hw.buf);
				if (!match) {
					/* "minister" in "environment minister of aldmark" */
					for (const char *p = strstr(cand.buf, hw.buf); p && !match; p = strstr(p + 1, hw.buf))
						match = (p == cand.buf || p[-1] == ' ') && (!p[hw.len] || p[hw.len] == ' ');
				}
			} else if (org && o->row_kind == SK_ORGANIZATION) {
				const char *nm = o->display ? o->display : o->name;
				fold(&cand, nm, strlen(nm));
				match = strcmp(cand.buf, hw.buf) != 0 &&
					(ends_with_words(cand.buf, hw.buf) ||
					 (kind_ok && org_of_kind(nm, hw.buf, r) && head_after_name(a, nm, hw.buf)));
			}
			if (match) {
				if (found >= 0)
					many = 1;
				found = (int)k;
			}
		}
		if (found >= 0 && !many) {
			const struct store_source *o = &sd->sources[found];
			free(d->key);
			d->key = xstrdup(o->key);
			d->display = xstrdup(o->display ? o->display : o->name);
			d->row_kind = o->row_kind;
			d->per_article = 0;
		}
	}
	strbuf_release(&hw);
	strbuf_release(&cand);

	/* affiliations: the organization a person's title names */
	strbuf f = STRBUF_INIT, fo = STRBUF_INIT;
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (d->row_kind != SK_PERSON || (!d->title && !t->v[i].affiliation))
			continue;
		int bare = 0;
		char *org = d->title ? title_org(d->title, r, &bare) : NULL;
		/* (or the outlet the text says the person writes in) */
		if (!org && t->v[i].affiliation)
			org = xstrdup(t->v[i].affiliation);
		if (!org)
			continue;
		fold(&f, org, strlen(org));
		for (size_t k = 0; k < t->n; k++) {
			const struct store_source *o = &sd->sources[k];
			if (o->row_kind != SK_ORGANIZATION || o->per_article)
				continue;
			fold(&fo, o->display ? o->display : o->name, strlen(o->display ? o->display : o->name));
			if (ends_with_words(fo.buf, f.buf) || (!bare && !strncmp(fo.buf, f.buf, f.len) &&
							       (fo.buf[f.len] == ' ' || !fo.buf[f.len]))) {
				d->affil_key = xstrdup(o->key);
				break;
			}
		}
		if (!d->affil_key && bare && wordset_get_ci(&r->org_words, org, strlen(org)) == ORG_COMPANY) {
			/* "a spokesman for the company": the one business the
			   article names (a word of organizations.txt's company kind
			   in its name) */
			const struct store_source *one = NULL;
			int many = 0;
			for (size_t k = 0; k < t->n && !many; k++) {
				const struct store_source *o = &sd->sources[k];
				if (o->row_kind != SK_ORGANIZATION || o->per_article || !o->key)
					continue;
				const char *nm = o->display ? o->display : o->name;
				int company = 0;
				for (const char *w = nm; *w && !company;) {
					size_t wl = strcspn(w, " ");
					company = wl && wordset_get_ci(&r->org_words, w, wl) == ORG_COMPANY;
					w += wl;
					w += strspn(w, " ");
				}
				if (!company || (one && !strcmp(one->key, o->key)))
					continue;
				many = one != NULL;
				one = o;
			}
			if (one && !many) {
				d->affil_key = xstrdup(one->key);
				free(org);
				org = xstrdup(one->display ? one->display : one->name);
			}
		}
		if (!d->affil_key && !bare)
			d->affil_key = xref_name_key(org, strlen(org), SK_ORGANIZATION, r, xr);
		if (d->affil_key)
			d->affiliation = org;
		else
			free(org);
	}
	/* "FRTW spokeswoman": the organization the article spells out before
	   "(FRTW)" */
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (d->row_kind != SK_PERSON || !d->title || d->affil_key)
			continue;
		const struct store_source *o = acronym_org(a, sd, d->title);
		if (o) {
			d->affil_key = xstrdup(o->key);
			d->affiliation = xstrdup(o->display ? o->display : o->name);
		}
	}
	strbuf_release(&f);
	strbuf_release(&fo);
	/* "Tessaro said" taken for a person's surname in an article whose
	   "Tessaro's chief financial officer" makes Tessaro an organization:
	   a one-word name that no full name of the article explains and that
	   is the organization a title of the article names is that one */
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (d->row_kind != SK_PERSON || !d->per_article || word_count(d->name) != 1)
			continue;
		for (size_t k = 0; k < t->n; k++) {
			const struct store_source *o = &sd->sources[k];
			if (k == i || !o->affiliation || !o->affil_key || strcasecmp(o->affiliation, d->name))
				continue;
			free(d->key);
			d->key = xstrdup(o->affil_key);
			free(d->display);
			d->display = xstrdup(o->affiliation);
			d->row_kind = SK_ORGANIZATION;
			d->per_article = 0;
			break;
		}
	}
	/* "the trade ministry" of an article that writes "Varnland's trade
	   ministry": the organization so named ("Varnland trade ministry"),
	   when one name alone owns those words in the article */
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (!d->per_article || d->row_kind != SK_ORGANIZATION || strncasecmp(d->name, "the ", 4))
			continue;
		struct xword w[8];
		const char *desc = d->name + 4;
		size_t n = split(desc, strlen(desc), w, 8);
		if (n < 2 || n > 4 || !in_words(&r->org_words, desc + w[n - 1].s, w[n - 1].e - w[n - 1].s) ||
		    has_upper(desc))
			continue;
		char *owner = possessor_of(a, desc);
		if (!owner)
			continue;
		strbuf o = STRBUF_INIT;
		strbuf_addf(&o, "%s %s", owner, desc);
		free(owner);
		free(d->key);
		free(d->display);
		d->display = strbuf_detach(&o, NULL);
		d->key = xref_name_key(d->display, strlen(d->display), SK_ORGANIZATION, r, xr);
		d->per_article = 0;
	}

	/* "Pellucid said" taken for a person's surname: a one-word name that
	   no full name explains is the organization of the article whose name
	   (capitalized words, no "and") it starts ("Pellucid Data"); not a
	   newspaper's ("Selm Daily" is no "Selm", a place it is named after) */
	for (size_t i = 0; i < t->n; i++) {
		struct store_source *d = &sd->sources[i];
		if (d->row_kind != SK_PERSON || !d->per_article || word_count(d->name) != 1 || is_pronoun(d->name))
			continue;
		size_t nl = strlen(d->name);
		const struct store_source *org = NULL;
		for (size_t k = 0; k < t->n; k++) {
			const struct store_source *o = &sd->sources[k];
			const char *nm = o->display ? o->display : o->name;
			if (k == i || o->row_kind != SK_ORGANIZATION || o->per_article || !o->key ||
			    strncmp(nm, d->name, nl) || nm[nl] != ' ' || !(nm[nl + 1] >= 'A' && nm[nl + 1] <= 'Z') ||
			    !proper_name(nm) || strstr(nm, " and ") || outlet_name(nm + nl, r) ||
			    (org && !strcmp(org->key, o->key)))
				continue;
			if (org) {
				org = NULL;   /* two of them: none */
				break;
			}
			org = o;
		}
		if (!org)
			continue;
		free(d->key);
		free(d->display);
		d->key = xstrdup(org->key);
		d->display = xstrdup(org->display ? org->display : org->name);
		d->row_kind = SK_ORGANIZATION;
		d->per_article = 0;
	}
}

/* ---- where else the article names its sources ---------------------------- */

#define MAX_OTHER_MENTIONS 400

struct span {
	size_t start, end;
};

struct finder {
	struct store_doc *sd;
	const char *low;     /* a->scan with ASCII lowercased: same offsets */
	size_t added;
	struct span *spk;    /* the speakers' mentions, by start, and */
	size_t nspk;         /* sd->mentions[nspk..] the ones found since */
	size_t maxlen;       /* the longest of spk */
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Does [s, e) overlap a mention already made? The speakers' mentions are
 * searched by start (an article of thousands of quotes must not make
 * this quadratic); the few found since, one by one. */
static int overlaps(const struct finder *f, size_t s, size_t e)
{
	size_t lo = 0, hi = f->nspk;
	size_t from = s > f->maxlen ? s - f->maxlen : 0;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (f->spk[mid].start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < f->nspk && f->spk[i].start < e; i++)
		if (s < f->spk[i].end)
			return 1;
	for (size_t i = f->nspk; i < f->sd->nmentions; i++)
		if (s < f->sd->mentions[i].end && f->sd->mentions[i].start < e)
			return 1;
	return 0;
}


/* Adds every whole-word occurrence of form (ASCII case ignored, unless
 * the form is in capitals) as a mention of source src. A capitalized form
 * matches lower-case text only after "the" when lower_after_the is set:
 * "the foreign ministry" is the Foreign Ministry, "holt" is nobody. */
static void find_form(struct finder *f, const char *form, size_t n, int src, int lower_after_the)
{
	struct article *a = f->sd->a;
	if (n < 2 || n > 200)
		return;
	int caps = all_caps(form, n);
	char low[256];
	for (size_t i = 0; i < n; i++)
		low[i] = form[i] >= 'A' && form[i] <= 'Z' ? (char)(form[i] | 0x20) : form[i];
	low[n] = 0;
	char *want = caps ? xstrndup(form, n) : xstrdup(low);
	const char *hay = caps ? a->scan : f->low;
	for (const char *p = strstr(hay, want); p && f->added < MAX_OTHER_MENTIONS; p = strstr(p + n, want)) {
		size_t s = (size_t)(p - hay), e = s + n;
		int after_the = s >= 4 && !strncmp(f->low + s - 4, "the ", 4) && whole_word(a->scan, a->len, s - 4, s - 1);
		if (!whole_word(a->scan, a->len, s, e) || (!caps && !text_is_upper(a->scan, s, e) &&
							     text_is_upper(form, 0, n) && !(lower_after_the && after_the)))
			continue;   /* "Holt" names nobody in "holt" */
		if (after_the)
			s -= 4;
		if (overlaps(f, s, e))
			continue;
		ALLOC_GROW(f->sd->mentions, f->sd->nmentions + 1, f->sd->mentions_alloc);
		f->sd->mentions[f->sd->nmentions++] = (struct store_mention){ s, e, article_line(a, s), src, 0 };
		f->added++;
	}
	free(want);
}

/* The organization a person's title names ("Foreign Ministry spokeswoman
 * Hua Chunying") is often named on its own elsewhere in the article ("The
 * foreign ministry will cooperate ..."). When it is not a source of the
 * article already, those places become mentions of a new organization
 * source with the affiliation's key, which xref_refresh may then join to
 * the one organization of the story whose name ends with those words. */
static void find_affiliations(struct finder *f)
{
	struct store_doc *sd = f->sd;
	size_t n = sd->nsources;
	for (size_t i = 0; i < n; i++) {
		const struct store_source *p = &sd->sources[i];
		if (p->row_kind != SK_PERSON || !p->affiliation || !p->affil_key || strchr(p->affiliation, '\n'))
			continue;
		int known = 0;
		for (size_t k = 0; k < sd->nsources && !known; k++)
			known = (k < i && sd->sources[k].row_kind == SK_PERSON && sd->sources[k].affil_key &&
				 !strcmp(sd->sources[k].affil_key, p->affil_key)) ||
				(sd->sources[k].row_kind == SK_ORGANIZATION && sd->sources[k].key &&
				 !strcmp(sd->sources[k].key, p->affil_key));
		if (known)
			continue;
		size_t before = sd->nmentions;
		find_form(f, p->affiliation, strlen(p->affiliation), (int)sd->nsources, 1);
		if (sd->nmentions == before)
			continue;
		sd->sources = xrealloc(sd->sources, (sd->nsources + 2) * sizeof(*sd->sources));
		p = &sd->sources[i];
		struct store_source *o = &sd->sources[sd->nsources++];
		memset(o, 0, sizeof(*o));
		o->name = xstrdup(p->affiliation);
		o->kind = o->row_kind = SK_ORGANIZATION;
		o->key = xstrdup(p->affil_key);
	}
}

/* dst[0, n) = src[0, n) with ASCII capitals in lower case, eight bytes
 * at a time (a byte at a time, this was a twentieth of xref_doc's
 * instructions; GCC's -O2 does not vectorize the loop). */
static void lower_ascii_copy(char *dst, const char *src, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, src + i, 8);
		uint64_t h = v & 0x7f7f7f7f7f7f7f7full;           /* no carry between bytes */
		uint64_t ge_a = h + 0x3f3f3f3f3f3f3f3full;        /* bit 7: h >= 'A' */
		uint64_t gt_z = h + 0x2525252525252525ull;        /* bit 7: h > 'Z' */
		uint64_t caps = ge_a & ~gt_z & ~v & 0x8080808080808080ull;
		v |= caps >> 2;                                   /* 0x20 */
		memcpy(dst + i, &v, 8);
	}
	for (; i < n; i++) {
		unsigned char c = (unsigned char)src[i];
		dst[i] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
	}
}

/* The named sources of the article are named elsewhere in it too: by
 * their full name, a person's surname, an organization's aliases ("the
 * DPRK" for North Korea). Those places become mentions that quote nothing. */
static void find_other_mentions(struct store_doc *sd, const struct xref_rules *xr)
{
	struct article *a = sd->a;
	char *low = xmalloc(a->len + 1);
	lower_ascii_copy(low, a->scan, a->len + 1);
	struct finder f = { sd, low, 0, NULL, sd->nmentions, 0 };
	f.spk = xmalloc((sd->nmentions + 1) * sizeof(*f.spk));
	for (size_t i = 0; i < sd->nmentions; i++) {
		f.spk[i] = (struct span){ sd->mentions[i].start, sd->mentions[i].end };
		if (f.spk[i].end - f.spk[i].start > f.maxlen)
			f.maxlen = f.spk[i].end - f.spk[i].start;
	}
	qsort(f.spk, f.nspk, sizeof(*f.spk), cmp_span);
	for (size_t i = 0; i < sd->nsources; i++) {
		const struct store_source *src = &sd->sources[i];
		if (src->per_article || !src->key || (src->row_kind != SK_PERSON && src->row_kind != SK_ORGANIZATION))
			continue;
		int first = 1;   /* one source per key does the looking */
		for (size_t k = 0; k < i && first; k++)
			first = !sd->sources[k].key || strcmp(sd->sources[k].key, src->key) != 0;
		if (!first)
			continue;
		const char *full = src->display ? src->display : src->name;
		find_form(&f, full, strlen(full), (int)i, 0);
		if (src->display)
			find_form(&f, src->name, strlen(src->name), (int)i, 0);
		if (src->row_kind == SK_PERSON) {
			const char *sp = strrchr(full, ' ');
			if (sp && strlen(sp + 1) >= 3)
				find_form(&f, sp + 1, strlen(sp + 1), (int)i, 0);
		} else if (!strncmp(src->key, "n:", 2)) {
			const char *forms = amap_get(&xr->forms, src->key + 2, strlen(src->key + 2));
			for (const char *p = forms; p && *p;) {
				size_t l = strcspn(p, "\n");
				find_form(&f, p, l, (int)i, 0);
				p += l + (p[l] == '\n');
			}
		}
	}
	find_affiliations(&f);
	free(f.spk);
	free(low);
}

struct ord {
	size_t start, i;
};

static int cmp_ord(const void *x, const void *y)
{
	const struct ord *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

/* Every word capitalized but the short ones names keep in lower case
 * ("Bank of England", "Friends of the River"). */
static int proper_name(const char *name)
{
	static const char *const lower[] = { "of", "and", "for", "the", "on", "in", "de", "du", "la", "von", NULL };
	for (const char *w = name; *w;) {
		size_t wl = strcspn(w, " ");
		if (wl && !(*w >= 'A' && *w <= 'Z') && !((unsigned char)*w >= 0x80)) {
			size_t k;
			for (k = 0; lower[k]; k++)
				if (strlen(lower[k]) == wl && !strncmp(w, lower[k], wl))
					break;
			if (!lower[k] || w == name)
				return 0;
		}
		w += wl;
		w += strspn(w, " ");
	}
	return *name != 0;
}

static int cmp_org(const void *a, const void *b)
{
	const struct prop_org *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

struct store_doc *xref_doc(struct extraction *x, char *path, const struct rules *r, const struct xref_rules *xr,
			   struct claim_scratch *cs)
{
	struct claim_scratch *own = cs ? NULL : (cs = claim_scratch_new());
	struct store_doc *sd = xcalloc(1, sizeof(*sd));
	struct article *a = x->a;
	sd->a = a;
	sd->path = path;
	a->path = path;
	store_article_hash(a, sd->hash);
	resolve_sources(sd, &x->sources, r, xr);

	const struct quote_list *ql = &x->quotes;
	struct ord *ord = xmalloc((ql->n + 1) * sizeof(*ord));
	for (size_t i = 0; i < ql->n; i++)
		ord[i] = (struct ord){ ql->v[i].start, i };
	qsort(ord, ql->n, sizeof(*ord), cmp_ord);
	sd->quotes = xcalloc(ql->n + 1, sizeof(*sd->quotes));
	sd->nquotes = ql->n;
	/* mentions by span: open addressing on start */
	size_t mcap = 16;
	while (mcap < ql->n * 2 + 2)
		mcap *= 2;
	int *mslot = xmalloc(mcap * sizeof(int));
	for (size_t i = 0; i < mcap; i++)
		mslot[i] = -1;
	strbuf terms = STRBUF_INIT;
	for (size_t n = 0; n < ql->n; n++) {
		const struct quote *q = &ql->v[ord[n].i];
		struct store_quote *sq = &sd->quotes[n];
		sq->n = (unsigned)(n + 1);
		sq->start = q->start;
		sq->end = q->end;
		article_linecol(a, q->start, &sq->line, &sq->col);
		sq->kind = quote_kind_name(q->kind);
		if (q->cue >= 0) {
			sq->cue_lemma = r->cues[q->cue].lemma;
			sq->cue_start = q->cue_start;
			sq->cue_end = q->cue_end;
		}
		sq->stance = stance_name(q->stance);
		sq->rule = q->rule;
		sq->unclosed = q->unclosed;
		sq->mention = sq->source = -1;
		size_t ms, me;
		if (q->source >= 0 && (size_t)q->source < sd->nsources && quote_mention(ql, ord[n].i, &ms, &me)) {
			sq->source = q->source;
			size_t h = (ms * 31 + me) & (mcap - 1);
			for (; mslot[h] >= 0; h = (h + 1) & (mcap - 1)) {
				const struct store_mention *m = &sd->mentions[mslot[h]];
				if (m->start == ms && m->end == me && m->source == q->source)
					break;
			}
			if (mslot[h] < 0) {
				ALLOC_GROW(sd->mentions, sd->nmentions + 1, sd->mentions_alloc);
				sd->mentions[sd->nmentions] = (struct store_mention){ ms, me, article_line(a, ms), q->source, 1 };
				mslot[h] = (int)sd->nmentions++;
			}
			sq->mention = mslot[h];
		}
		/* (the claim of the words: "&quot;" is no term) */
		strbuf qw = STRBUF_INIT;
		if (a->decoded)
			article_words(a, q->start, q->end, &qw);
		enum claim_polarity p = a->decoded ?
			claim_normalize_with(cs, xr->cr, qw.buf, qw.len, (enum claim_polarity)q->stance, &terms) :
			claim_normalize_with(cs, xr->cr, a->raw + q->start, q->end - q->start,
					     (enum claim_polarity)q->stance, &terms);
		strbuf_release(&qw);
		sq->polarity = claim_polarity_name(p);
		if (terms.len && is_question(a, q->start, q->end)) {
			/* a question asserts nothing: it meets only questions in
			   other words ("is the minister putting money on the
			   table?" is not "the minister has money on the table") */
			strbuf qt = STRBUF_INIT;
			for (const char *w = terms.buf; *w;) {
				size_t wl = strcspn(w, " ");
				if (qt.len)
					strbuf_addch(&qt, ' ');
				strbuf_addch(&qt, '?');
				strbuf_add(&qt, w, wl);
				w += wl;
				w += strspn(w, " ");
			}
			sq->terms = strbuf_detach(&qt, NULL);
		} else {
			sq->terms = xstrdup(terms.buf);
		}
	}
	find_other_mentions(sd, xr);
	if (ql->n) {
		struct prop_quote *pq = xmalloc(ql->n * sizeof(*pq));
		for (size_t n = 0; n < ql->n; n++) {
			const struct store_quote *sq = &sd->quotes[n];
			const struct store_source *src = sq->source >= 0 ? &sd->sources[sq->source] : NULL;
			pq[n] = (struct prop_quote){ sq->start, sq->end, sq->cue_lemma,
						     src ? (src->display ? src->display : src->name) : NULL,
						     src ? src->affiliation : NULL };
		}
		/* organizations in text order: mentions are in quote order */
		struct prop_org *orgs = xmalloc((sd->nmentions + 1) * sizeof(*orgs));
		size_t norgs = 0;
		for (size_t m = 0; m < sd->nmentions; m++) {
			const struct store_source *src = &sd->sources[sd->mentions[m].source];
			if (src->kind != SK_ORGANIZATION && src->row_kind != SK_ORGANIZATION)
				continue;
			const char *oname = src->display ? src->display : src->name;
			if (!proper_name(oname))
				continue; /* "many in the industry" is no one "the company" can be */
			int company = 0;
			for (const char *w = oname; *w && !company;) {
				size_t wl = strcspn(w, " ");
				company = wl && wordset_get_ci(&r->org_words, w, wl) == ORG_COMPANY;
				w += wl;
				w += strspn(w, " ");
			}
			orgs[norgs++] = (struct prop_org){ sd->mentions[m].start, oname, company };
		}
		qsort(orgs, norgs, sizeof(*orgs), cmp_org);
		conflicts_article(xr->cf, r, a->scan, a->len, pq, ql->n, orgs, norgs, &sd->props, &sd->nprops);
		free(orgs);
		free(pq);
	}
	if (a->title) {
		claim_normalize_with(cs, xr->cr, a->title, strlen(a->title), CLAIM_ASSERT, &terms);
		sd->title_terms = xstrdup(terms.buf);
	}
	claim_scratch_free(own);
	strbuf_release(&terms);
	free(mslot);
	free(ord);
	return sd;
}

/* ---- loading ------------------------------------------------------------- */

/* aliases.txt (shared with the claims library): "canonical = form = form",
 * one group a line, '#' comments. Each form maps to the canonical form;
 * a form in capitals only is stored with a leading '!'. A missing file
 * means no aliases. */
static void load_aliases(struct amap *m, struct amap *forms, const char *dir)
{
	strbuf path = STRBUF_INIT, text = STRBUF_INIT, canon = STRBUF_INIT, form = STRBUF_INIT;
	strbuf_addf(&path, "%s/aliases.txt", dir);
	if (strbuf_read_file(&text, path.buf) < 0) {
		strbuf_release(&path);
		strbuf_release(&text);
		return;
	}
	char *save = NULL;
	for (char *line = strtok_r(text.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *hash = strchr(line, '#');
		if (hash && (hash == line || hash[-1] == ' ' || hash[-1] == '\t'))
			*hash = 0;
		strbuf_reset(&canon);
		for (char *f = line; f;) {
			char *eq = strchr(f, '=');
			size_t l = eq ? (size_t)(eq - f) : strlen(f);
			while (l && (*f == ' ' || *f == '\t'))
				f++, l--;
			while (l && (f[l - 1] == ' ' || f[l - 1] == '\t' || f[l - 1] == '\r'))
				l--;
			if (l) {
				strbuf_reset(&form);
				if (canon.len && all_caps(f, l))
					strbuf_addch(&form, '!');
				strbuf tmp = STRBUF_INIT;
				fold(&tmp, f, l);
				strbuf_addstr(&form, tmp.buf);
				if (!canon.len)
					strbuf_addstr(&canon, tmp.buf);
				else
					amap_put(m, form.buf, canon.buf);
				char *as_written = xstrndup(f, l);
				amap_append(forms, canon.buf, as_written);
				free(as_written);
				strbuf_release(&tmp);
			}
			f = eq ? eq + 1 : NULL;
		}
	}
	strbuf_release(&path);
	strbuf_release(&text);
	strbuf_release(&canon);
	strbuf_release(&form);
}

struct xref_rules *xref_rules_load(const char *dir, const struct rules *r, struct diag *d)
{
	struct xref_rules *xr = xcalloc(1, sizeof(*xr));
	const char *use = dir ? dir : r->dir;
	xr->cr = claim_rules_load(use, d);
	if (!xr->cr) {
		xref_rules_free(xr);
		return NULL;
	}
	xr->cf = conflict_rules_load(use, xr->cr, d);
	if (!xr->cf) {
		xref_rules_free(xr);
		return NULL;
	}
	load_aliases(&xr->aliases, &xr->forms, use);
	return xr;
}

void xref_rules_free(struct xref_rules *xr)
{
	if (!xr)
		return;
	conflict_rules_free(xr->cf);
	claim_rules_free(xr->cr);
	amap_release(&xr->aliases);
	amap_release(&xr->forms);
	free(xr);
}

/* ---- clusters and stories ------------------------------------------------ */

struct idmap {
	long long *keys;
	size_t *vals;
	size_t cap;
};

static void idmap_init(struct idmap *m, size_t n)
{
	m->cap = 16;
	while (m->cap < n * 2 + 2)
		m->cap *= 2;
	m->keys = xmalloc(m->cap * sizeof(long long));
	m->vals = xmalloc(m->cap * sizeof(size_t));
	for (size_t i = 0; i < m->cap; i++)
		m->keys[i] = -1;
}

static size_t *idmap_slot(struct idmap *m, long long k, int add)
{
	size_t h = ((unsigned long long)k * 0x9E3779B97F4A7C15ULL >> 17) & (m->cap - 1);
	for (; m->keys[h] != -1; h = (h + 1) & (m->cap - 1))
		if (m->keys[h] == k)
			return &m->vals[h];
	if (!add)
		return NULL;
	m->keys[h] = k;
	return &m->vals[h];
}

static void idmap_release(struct idmap *m)
{
	free(m->keys);
	free(m->vals);
}

struct suffix {
	char *words;     /* a key without "n:", or a tail of two words or more */
	long long id;
	int whole;
	const char *name;   /* the organization's name (org_index owns it) */
	int described;      /* written "the foreign ministry" somewhere */
};

static int cmp_suffix(const void *a, const void *b)
{
	const struct suffix *x = a, *y = b;
	int c = strcmp(x->words, y->words);
	return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}

/* The stories an article set of a source is in, sorted. */
static size_t source_stories(sqlite3_stmt *st, long long id, size_t *par, struct idmap *amap, size_t *out,
			     size_t max)
{
	size_t n = 0;
	sqlite3_reset(st);
	sqlite3_bind_int64(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW && n < max) {
		size_t *x = idmap_slot(amap, sqlite3_column_int64(st, 0), 0);
		if (x)
			out[n++] = uf_find(par, *x);
	}
	return n;
}

/* The shared organizations by key, and by every tail of two words or
 * more of their keys. */
struct org_index {
	struct suffix *sx;
	size_t n;
	char **names;
	size_t nnames;
	sqlite3_stmt *arts;   /* the articles of a source */
	size_t *par;          /* stories of the articles */
	struct idmap *amap;
};

static int org_index_init(struct org_index *x, struct store *s, size_t *par, struct idmap *amap)
{
	size_t alloc = 0;
	memset(x, 0, sizeof(*x));
	x->par = par;
	x->amap = amap;
	/* described: a mention "the" + words in lower case, a description
	   rather than a name ("The foreign ministry will ...") */
	sqlite3_stmt *st = store_prepare(s, "SELECT id, key, name, EXISTS (SELECT 1 FROM mentions m WHERE "
					    "m.source_id = s.id AND lower(substr(m.text, 1, 4)) = 'the ' AND "
					    "substr(m.text, 2) = lower(substr(m.text, 2))) FROM sources s WHERE "
					    "kind = 'organization' AND article_id IS NULL AND key LIKE 'n:%'");
	if (!st)
		return -1;
	size_t nalloc = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1) + 2;
		ALLOC_GROW(x->names, x->nnames + 1, nalloc);
		const char *name = x->names[x->nnames++] = xstrdup((const char *)sqlite3_column_text(st, 2));
		int described = sqlite3_column_int(st, 3);
		ALLOC_GROW(x->sx, x->n + 1, alloc);
		x->sx[x->n++] = (struct suffix){ xstrdup(k), id, 1, name, described };
		for (const char *p = strchr(k, ' '); p; p = strchr(p + 1, ' ')) {
			if (!strchr(p + 1, ' '))
				break;
			ALLOC_GROW(x->sx, x->n + 1, alloc);
			x->sx[x->n++] = (struct suffix){ xstrdup(p + 1), id, 0, name, described };
		}
	}
	sqlite3_finalize(st);
	if (x->n)
		qsort(x->sx, x->n, sizeof(*x->sx), cmp_suffix);
	x->arts = store_prepare(s, "SELECT DISTINCT article_id FROM mentions WHERE source_id = ?1");
	return x->arts ? 0 : -1;
}

static void org_index_release(struct org_index *x)
{
	for (size_t i = 0; i < x->n; i++)
		free(x->sx[i].words);
	free(x->sx);
	for (size_t i = 0; i < x->nnames; i++)
		free(x->names[i]);
	free(x->names);
	sqlite3_finalize(x->arts);
}

/* "Chinese Foreign Ministry" for the tail "foreign ministry": one or two
 * capitalized words, no "of" or "and", before words that spell the tail. */
static int qualified_name(const char *name, const char *tail)
{
	size_t nl = strlen(name), tl = strlen(tail);
	if (nl <= tl + 1 || strcasecmp(name + nl - tl, tail) || name[nl - tl - 1] != ' ')
		return 0;
	int words = 0;
	for (const char *w = name; w < name + nl - tl - 1;) {
		size_t wl = strcspn(w, " ");
		if (!wl || !(*w >= 'A' && *w <= 'Z') || joiner_word(w, wl) || (wl > 2 && w[wl - 2] == '\'') ||
		    ++words > 2)
			return 0;
		w += wl + 1;
	}
	return words > 0;
}

/* The organization that the words k (a key without "n:") name for source
 * self: the organization with that key when whole is allowed; else the one
 * organization of self's stories whose key ends with those words (two
 * words at least; with qualified, one whose name only adds a qualifier:
 * qualified_name). -1 when none or several. */
static long long org_named(struct org_index *x, const char *k, long long self, int whole_ok, int qualified)
{
	struct suffix key = { (char *)k, -1, 0, NULL, 0 };
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cmp_suffix(&x->sx[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t a1[64], a2[64], n1 = 0, ncand = 0;
	long long found = -1;
	for (size_t i = lo; i < x->n && !strcmp(x->sx[i].words, k); i++) {
		if (x->sx[i].id == self)
			continue;
		if (x->sx[i].whole) {
			if (whole_ok)
				return x->sx[i].id;
			continue;
		}
		if (!strchr(k, ' ') || (qualified && !qualified_name(x->sx[i].name, k)))
			continue;
		if (!n1)
			n1 = source_stories(x->arts, self, x->par, x->amap, a1, 64);
		size_t n2 = source_stories(x->arts, x->sx[i].id, x->par, x->amap, a2, 64);
		int shared = 0;
		for (size_t p = 0; p < n1 && !shared; p++)
			for (size_t q = 0; q < n2 && !shared; q++)
				shared = a1[p] == a2[q];
		if (shared && found != x->sx[i].id) {
			found = x->sx[i].id;
			ncand++;
		}
	}
	return ncand <= 1 ? found : -1;
}

/* Pairs (generic, specific): an organization written as a description
 * somewhere ("the foreign ministry") whose words end the name of one
 * organization of its stories, which adds only a qualifier ("Chinese"),
 * is that organization. Names alone ("Chrysler Corp", "Western Airlines")
 * are never joined to longer ones. */
static long long *generic_orgs(struct org_index *x, size_t *nout)
{
	long long *out = NULL;
	size_t alloc = 0;
	*nout = 0;
	for (size_t i = 0; i < x->n; i++) {
		if (!x->sx[i].whole || !x->sx[i].described || !strchr(x->sx[i].words, ' '))
			continue;
		long long to = org_named(x, x->sx[i].words, x->sx[i].id, 0, 1);
		if (to < 0)
			continue;
		ALLOC_GROW(out, 2 * (*nout + 1), alloc);
		out[2 * *nout] = x->sx[i].id;
		out[2 * *nout + 1] = to;
		(*nout)++;
	}
	return out;
}

/* Pairs (person, organization) for member_of: the organization whose key
 * is the person's affil_key; else the one organization of the person's
 * stories whose name ends with those words ("Foreign Ministry" of a
 * story with the "Chinese Foreign Ministry"). An organization joined to
 * another (generic, n pairs) stands for that one. */
static long long *members(struct store *s, struct org_index *x, const long long *generic, size_t ngeneric,
			  size_t *nout)
{
	long long *out = NULL;
	size_t nout_alloc = 0;
	*nout = 0;
	sqlite3_stmt *st = store_prepare(s, "SELECT id, affil_key FROM sources WHERE affil_key LIKE 'n:%'");
	while (st && sqlite3_step(st) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1) + 2;
		long long found = org_named(x, k, id, 1, 0);
		for (size_t g = 0; g < ngeneric && found >= 0; g++)
			if (generic[2 * g] == found) {
				found = generic[2 * g + 1];
				break;
			}
		if (found >= 0) {
			ALLOC_GROW(out, 2 * (*nout + 1), nout_alloc);
			out[2 * *nout] = id;
			out[2 * *nout + 1] = found;
			(*nout)++;
		}
	}
	sqlite3_finalize(st);
	return out;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A claim with the group of claims it joins (see xref_refresh). */
struct prop_row {
	char *group;
	size_t claim;
};

static int cmp_prop_row(const void *a, const void *b)
{
	const struct prop_row *x = a, *y = b;
	int c = strcmp(x->group, y->group);
	return c ? c : x->claim < y->claim ? -1 : x->claim > y->claim;
}

/* Joins the clusters of the claims in each run of same (runs of claim
 * indexes ended by (size_t)-1) and renumbers the k clusters 0.. in order
 * of first claim; returns the new count. */
static size_t join_same_propositions(size_t *cl, size_t nc, size_t k, const size_t *same, size_t nsame)
{
	if (!nsame || !k)
		return k;
	size_t *par = xmalloc(k * sizeof(size_t));
	for (size_t i = 0; i < k; i++)
		par[i] = i;
	for (size_t i = 1; i < nsame; i++) {
		if (same[i] == (size_t)-1 || same[i - 1] == (size_t)-1)
			continue;
		size_t a = uf_find(par, cl[same[i - 1]]), b = uf_find(par, cl[same[i]]);
		if (a != b)
			par[a > b ? a : b] = a < b ? a : b;
	}
	size_t *renum = xmalloc(k * sizeof(size_t));
	for (size_t i = 0; i < k; i++)
		renum[i] = (size_t)-1;
	size_t nk = 0;
	for (size_t i = 0; i < nc; i++) {
		size_t r = uf_find(par, cl[i]);
		if (renum[r] == (size_t)-1)
			renum[r] = nk++;
		cl[i] = renum[r];
	}
	free(renum);
	free(par);
	return nk;
}

/* The terms of a claim that are names: the terms of entities ("north_korea")
 * and the stems of words the quote writes capitalized inside a sentence
 * ("it downgraded Dana Corp's debt": "dana", "corp"). A stem matches a
 * word it begins (or all but its last letter begins: "germani" for
 * "Germany"). Returns them space-separated (NULL: none; caller frees). */
static char *claim_names(const char *text, const char *terms)
{
	size_t n = text ? strlen(text) : 0;
	if (!*terms)
		return NULL;
	strbuf out = STRBUF_INIT;
	/* where the capitalized words inside a sentence start: after a
	   space that follows no end of a sentence, colon or opening
	   quotation mark (“ and ‘ end in 0x9c and 0x98) */
	size_t caps[64], ncaps = 0;
	for (const char *sp = text ? strchr(text, ' ') : NULL; sp && ncaps < 64; sp = strchr(sp + 1, ' ')) {
		if (!(sp[1] >= 'A' && sp[1] <= 'Z'))
			continue;
		const char *k = sp;
		while (k > text && k[-1] == ' ')
			k--;
		if (k == text || strchr(".!?:\"'(", k[-1]) || (unsigned char)k[-1] == 0x9c || (unsigned char)k[-1] == 0x98)
			continue;
		caps[ncaps++] = (size_t)(sp + 1 - text);
	}
	for (const char *t = terms; *t && (ncaps || strchr(t, '_'));) {
		while (*t == ' ')
			t++;
		const char *e = t;
		while (*e && *e != ' ')
			e++;
		size_t tl = (size_t)(e - t);
		int name = tl && memchr(t, '_', tl) != NULL;
		size_t m = tl >= 4 && (t[tl - 1] == 'i' || t[tl - 1] == 'e') ? tl - 1 : tl;   /* "germani" */
		for (size_t c = 0; !name && tl >= 3 && c < ncaps; c++) {
			size_t i = caps[c], j = 0;
			while (j < m && i + j < n && tolower((unsigned char)text[i + j]) == t[j])
				j++;
			name = j == m;
		}
		if (name) {
			if (out.len)
				strbuf_addch(&out, ' ');
			strbuf_add(&out, t, tl);
		}
		t = e;
	}
	if (!out.len) {
		strbuf_release(&out);
		return NULL;
	}
	return strbuf_detach(&out, NULL);
}

/* A figure a claim gives (conflicts.h: amount(DIM:VALUE)). */
struct figure_row {
	size_t claim;
	char dim[16];
	double v;
	char bound;
};

static int cmp_figure_row(const void *a, const void *b)
{
	const struct figure_row *x = a, *y = b;
	return x->claim < y->claim ? -1 : x->claim > y->claim;
}

/* "the coach was travelling at 45 km/h at Vessing bend" and "the coach had
 * been clocked at 80 km/h at Vessing bend" share their words, not their
 * claim: a cluster whose claims give figures of one dimension that do not
 * agree keeps the claims that agree with its first figure, and each other
 * set of agreeing figures becomes a cluster of its own. Renumbers the k
 * clusters in order of first claim; returns the new count. */
static size_t split_figures(size_t *cl, size_t nc, size_t k, struct figure_row *f, size_t nf)
{
	if (!nf || !k)
		return k;
	qsort(f, nf, sizeof(*f), cmp_figure_row);
	/* the first figure of each cluster and dimension, and the buckets
	   after it: (cluster, dim, value, bound) -> new cluster */
	struct bucket {
		size_t cluster, to;
		const struct figure_row *first;
	} *b = NULL;
	size_t nb = 0, ba = 0, next = k;
	for (size_t i = 0; i < nf; i++) {
		if (f[i].claim >= nc)
			continue;
		size_t c = cl[f[i].claim], j;
		int home = 0;
		for (j = 0; j < nb; j++) {
			if (b[j].cluster != c || strcmp(b[j].first->dim, f[i].dim))
				continue;
			home = 1;   /* the cluster has a figure of this dimension */
			if (conflicts_figures_agree(b[j].first->v, b[j].first->bound, f[i].v, f[i].bound))
				break;
		}
		if (j == nb) {
			ALLOC_GROW(b, nb + 1, ba);
			b[nb++] = (struct bucket){ c, home ? next++ : c, &f[i] };
		}
		cl[f[i].claim] = b[j].to;
	}
	free(b);
	if (next == k)
		return k;
	size_t *renum = xmalloc(next * sizeof(size_t));
	for (size_t i = 0; i < next; i++)
		renum[i] = (size_t)-1;
	size_t nk = 0;
	for (size_t i = 0; i < nc; i++) {
		if (renum[cl[i]] == (size_t)-1)
			renum[cl[i]] = nk++;
		cl[i] = renum[cl[i]];
	}
	free(renum);
	return nk;
}

int xref_refresh(struct store *s, double threshold, double story_threshold, struct diag *d)
{
	/* WHOSAID_TIMING: how long each step takes, on stderr */
	int timing = getenv("WHOSAID_TIMING") != NULL;
	double t0 = seconds(), t_load = 0, t_cluster = 0, t_stories = 0, t_members = 0;
	long long gen = store_meta(s, "generation");
	long long tkey = (long long)(threshold * 1000 + 0.5) * 10000 + (long long)(story_threshold * 1000 + 0.5);
	if (store_meta(s, "clusters") == gen && store_meta(s, "threshold") == tkey)
		return 0;
	(void)d;
	sqlite3 *db = store_db(s);
	int ret = -1;
	long long *cid = NULL, *cart = NULL, *aid = NULL;
	struct claim_info *cinfo = NULL;
	size_t *same_prop = NULL, nsp = 0, sp_alloc = 0;
	struct figure_row *figs = NULL;
	size_t nfigs = 0, figs_alloc = 0;
	char **terms = NULL, **aterms = NULL;
	size_t nc = 0, ca = 0, na = 0, aa = 0;
	size_t *cl = NULL, *par = NULL, *first = NULL;
	long long *mem = NULL, *gen_orgs = NULL;
	struct idmap amap = { 0 };
	sqlite3_stmt *st = NULL;

	/* a read transaction: claims and articles of one generation */
	if (store_exec(s, "BEGIN"))
		return -1;
	if (!(st = store_prepare(s, "SELECT c.id, x.article_id, c.terms, c.polarity, x.source_id, x.text FROM claims c "
				    "JOIN quotes x ON x.id = c.id ORDER BY c.id")))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (nc + 1 > ca) {
			ca = ca ? ca * 2 : 1024;
			cid = xrealloc(cid, ca * sizeof(*cid));
			cart = xrealloc(cart, ca * sizeof(*cart));
			terms = xrealloc(terms, ca * sizeof(*terms));
			cinfo = xrealloc(cinfo, ca * sizeof(*cinfo));
		}
		cid[nc] = sqlite3_column_int64(st, 0);
		cart[nc] = sqlite3_column_int64(st, 1);
		const char *t = (const char *)sqlite3_column_text(st, 2);
		const char *pol = (const char *)sqlite3_column_text(st, 3);
		/* the claim's source (a quote of no source: 0, joins none by it) */
		cinfo[nc].source = sqlite3_column_int64(st, 4);
		cinfo[nc].names = claim_names((const char *)sqlite3_column_text(st, 5), t ? t : "");
		cinfo[nc].polarity = !pol || !strcmp(pol, "assert") ? CLAIM_ASSERT
				     : !strcmp(pol, "deny")	       ? CLAIM_DENY
									       : CLAIM_HEDGE;
		terms[nc++] = xstrdup(t ? t : "");
	}
	sqlite3_finalize(st);
	/* an article a concurrent ingest stored whose rows are still pending
	   waits for the next refresh (store_flush bumps the generation) */
	if (!(st = store_prepare(s, "SELECT id, terms FROM articles WHERE id NOT IN (SELECT article_id FROM pending) "
				    "ORDER BY id")))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (na + 1 > aa) {
			aa = aa ? aa * 2 : 1024;
			aid = xrealloc(aid, aa * sizeof(*aid));
			aterms = xrealloc(aterms, aa * sizeof(*aterms));
		}
		aid[na] = sqlite3_column_int64(st, 0);
		const char *t = (const char *)sqlite3_column_text(st, 1);
		aterms[na++] = xstrdup(t ? t : "");
	}
	sqlite3_finalize(st);
	st = NULL;
	/* Claims that state one proposition on one side are one claim, in any
	   words, when one source makes them through one kind of frame (the
	   family of the frame rule: "responsible.behind" and
	   "responsible.involvement" in "denies it was behind the attack",
	   "denied involvement in the hack"), or whoever makes them when the
	   frame is a reported event. A source's arguments of other kinds
	   about the proposition stay apart. Runs of claim indexes, each run
	   ended by (size_t)-1. */
	if ((st = store_prepare(s, "SELECT p.quote_id, p.key, p.side, q.source_id, p.frame_rule, p.event "
				   "FROM propositions p JOIN quotes q ON q.id = p.quote_id "
				   "WHERE q.source_id IS NOT NULL OR p.event"))) {
		struct prop_row *rows = NULL;
		size_t nrows = 0, rows_alloc = 0;
		strbuf cur = STRBUF_INIT;
		while (sqlite3_step(st) == SQLITE_ROW) {
			long long qid = sqlite3_column_int64(st, 0);
			size_t lo = 0, hi = nc;
			while (lo < hi) {
				size_t mid = (lo + hi) / 2;
				if (cid[mid] < qid)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo == nc || cid[lo] != qid)
				continue;
			const char *rule = (const char *)sqlite3_column_text(st, 4);
			const char *pkey = (const char *)sqlite3_column_text(st, 1);
			const char *pside = (const char *)sqlite3_column_text(st, 2);
			struct figure_row fr;
			if (pside && !strcmp(pside, "for") &&
			    conflicts_figure_parse(pkey, fr.dim, sizeof(fr.dim), &fr.v, &fr.bound)) {
				fr.claim = lo;
				ALLOC_GROW(figs, nfigs + 1, figs_alloc);
				figs[nfigs++] = fr;
			}
			strbuf_reset(&cur);
			strbuf_addf(&cur, "%s|%s|", (const char *)sqlite3_column_text(st, 1),
				    (const char *)sqlite3_column_text(st, 2));
			if (sqlite3_column_int(st, 5))
				strbuf_addstr(&cur, "*|");
			else
				strbuf_addf(&cur, "%lld|", (long long)sqlite3_column_int64(st, 3));
			strbuf_add(&cur, rule, strcspn(rule, "."));
			ALLOC_GROW(rows, nrows + 1, rows_alloc);
			rows[nrows].group = xstrdup(cur.buf);
			rows[nrows].claim = lo;
			nrows++;
		}
		strbuf_release(&cur);
		sqlite3_finalize(st);
		st = NULL;
		if (nrows > 1)
			qsort(rows, nrows, sizeof(*rows), cmp_prop_row);
		for (size_t i = 0; i < nrows; i++) {
			ALLOC_GROW(same_prop, nsp + 2, sp_alloc);
			if (i && strcmp(rows[i - 1].group, rows[i].group))
				same_prop[nsp++] = (size_t)-1;
			same_prop[nsp++] = rows[i].claim;
		}
		for (size_t i = 0; i < nrows; i++)
			free(rows[i].group);
		free(rows);
	}
	gen = store_meta(s, "generation");
	store_exec(s, "COMMIT");

	t_load = seconds();
	cl = xmalloc((nc + 1) * sizeof(size_t));
	/* the claims as they stand on their words: what stories are made of
	   (the joins of claims told in other words come once member_of is
	   known, below) */
	size_t k = nc ? claims_cluster(terms, cart, nc, threshold, cl) : 0;
	k = join_same_propositions(cl, nc, k, same_prop, nsp);
	k = split_figures(cl, nc, k, figs, nfigs);
	t_cluster = seconds();
	/* cluster id: the id of its first claim */
	first = xmalloc((k + 1) * sizeof(size_t));
	for (size_t i = 0; i < k; i++)
		first[i] = (size_t)-1;
	for (size_t i = 0; i < nc; i++)
		if (first[cl[i]] == (size_t)-1)
			first[cl[i]] = i;

	/* stories: articles by the terms of their titles and claims, the
	   clusters of their claims and their named sources */
	idmap_init(&amap, na);
	par = xmalloc((na + 1) * sizeof(size_t));
	strbuf *feats = xcalloc(na + 1, sizeof(strbuf));
	for (size_t i = 0; i < na; i++) {
		*idmap_slot(&amap, aid[i], 1) = i;
		strbuf_init(&feats[i], 0);
		strbuf_addstr(&feats[i], aterms[i]);
	}
	for (size_t i = 0; i < nc; i++) {
		size_t *x = idmap_slot(&amap, cart[i], 0);
		if (!x)
			continue;
		if (terms[i][0]) {
			/* a question's terms ("?money") are words of its article
			   all the same */
			strbuf_addch(&feats[*x], ' ');
			for (const char *w = terms[i]; *w; w++)
				if (!(*w == '?' && (w == terms[i] || w[-1] == ' ')))
					strbuf_addch(&feats[*x], *w);
		}
		if (strchr(terms[i], ' '))   /* two terms or more: a claim that can join */
			strbuf_addf(&feats[*x], " c%lld", cid[first[cl[i]]]);
	}
	if (!(st = store_prepare(s, "SELECT DISTINCT m.source_id, m.article_id FROM mentions m JOIN sources s ON "
				    "s.id = m.source_id WHERE s.article_id IS NULL AND s.kind IN "
				    "('person', 'organization')")))
		goto out;
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t *x = idmap_slot(&amap, sqlite3_column_int64(st, 1), 0);
		if (x)
			strbuf_addf(&feats[*x], " s%lld", (long long)sqlite3_column_int64(st, 0));
	}
	sqlite3_finalize(st);
	st = NULL;
	{
		char **fv = xmalloc((na + 1) * sizeof(char *));
		for (size_t i = 0; i < na; i++)
			fv[i] = feats[i].buf;
		size_t nst = na ? claims_stories(fv, na, story_threshold, par) : 0;
		/* a story's first article stands for it (ids in order of first article) */
		size_t *rep = xmalloc((nst + 1) * sizeof(size_t));
		for (size_t i = 0; i < nst; i++)
			rep[i] = (size_t)-1;
		for (size_t i = 0; i < na; i++) {
			if (rep[par[i]] == (size_t)-1)
				rep[par[i]] = i;
			par[i] = rep[par[i]];
		}
		free(rep);
		free(fv);
		for (size_t i = 0; i < na; i++)
			strbuf_release(&feats[i]);
		free(feats);
	}

	t_stories = seconds();
	/* generic organization names, then member_of: the organization a
	   person's title names */
	size_t nmem = 0, ngen = 0;
	{
		struct org_index ox;
		if (org_index_init(&ox, s, par, &amap) == 0) {
			gen_orgs = generic_orgs(&ox, &ngen);
			mem = members(s, &ox, gen_orgs, ngen, &nmem);
		}
		org_index_release(&ox);
	}
	/* Claims told in other words by one source, or giving one figure,
	   join at a lower similarity (claims_cluster_with). One source: a
	   person and the organization the person speaks for (member_of), a
	   generic name and the organization it names, are one. */
	double t_lax = seconds();
	if (nc) {
		struct idmap fam = { 0 };
		idmap_init(&fam, nmem + ngen);
		for (size_t i = 0; i < ngen; i++)
			*idmap_slot(&fam, gen_orgs[2 * i], 1) = (size_t)gen_orgs[2 * i + 1];
		for (size_t i = 0; i < nmem; i++)
			*idmap_slot(&fam, mem[2 * i], 1) = (size_t)mem[2 * i + 1];
		for (size_t i = 0; i < nc; i++) {
			size_t *f = cinfo[i].source ? idmap_slot(&fam, cinfo[i].source, 0) : NULL;
			if (f)
				cinfo[i].source = (long long)*f;
		}
		idmap_release(&fam);
		k = claims_cluster_with(terms, cinfo, cl, nc, threshold, cl);
		k = join_same_propositions(cl, nc, k, same_prop, nsp);
		k = split_figures(cl, nc, k, figs, nfigs);
		first = xrealloc(first, (k + 1) * sizeof(size_t));
		for (size_t i = 0; i < k; i++)
			first[i] = (size_t)-1;
		for (size_t i = 0; i < nc; i++)
			if (first[cl[i]] == (size_t)-1)
				first[cl[i]] = i;
	}
	free(same_prop);
	same_prop = NULL;
	free(figs);
	figs = NULL;
	t_members = seconds();
	t_lax = t_members - t_lax;   /* counted with claims_cluster below */

	/* write the cache */
	if (store_begin(s))
		goto out;
	if (!(st = store_prepare(s, "UPDATE claims SET cluster = ?2 WHERE id = ?1")))
		goto fail;
	for (size_t i = 0; i < nc; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cid[i]);
		sqlite3_bind_int64(st, 2, cid[first[cl[i]]]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_error(s, "cannot store claim clusters");
			goto fail;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	/* a generic organization's mentions and quotes go to the one it names;
	   it is gone once nothing refers to it (an ingest may have added some
	   since the read, and the other one may have been replaced since) */
	for (size_t i = 0; i < ngen; i++) {
		static const char *const sql[] = {
			"UPDATE mentions SET source_id = ?2 WHERE source_id = ?1 AND EXISTS "
			"(SELECT 1 FROM sources WHERE id = ?2)",
			"UPDATE quotes SET source_id = ?2 WHERE source_id = ?1 AND EXISTS "
			"(SELECT 1 FROM sources WHERE id = ?2)",
			"DELETE FROM sources WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM mentions WHERE source_id = ?1) "
			"AND NOT EXISTS (SELECT 1 FROM quotes WHERE source_id = ?1)",
		};
		for (size_t j = 0; j < sizeof(sql) / sizeof(*sql); j++) {
			if (!(st = store_prepare(s, sql[j])))
				goto fail;
			sqlite3_bind_int64(st, 1, gen_orgs[2 * i]);
			if (sqlite3_bind_parameter_count(st) >= 2)
				sqlite3_bind_int64(st, 2, gen_orgs[2 * i + 1]);
			int rc = sqlite3_step(st);
			sqlite3_finalize(st);
			st = NULL;
			if (rc != SQLITE_DONE) {
				store_error(s, "cannot join an organization to the one it names");
				goto fail;
			}
		}
	}
	if (store_exec(s, "UPDATE sources SET member_of = NULL WHERE member_of IS NOT NULL"))
		goto fail;
	if (!(st = store_prepare(s, "UPDATE sources SET member_of = ?2 WHERE id = ?1")))
		goto fail;
	for (size_t i = 0; i < nmem; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, mem[2 * i]);
		sqlite3_bind_int64(st, 2, mem[2 * i + 1]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_error(s, "cannot store member_of");
			goto fail;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	if (store_exec(s, "DELETE FROM stories"))
		goto fail;
	if (!(st = store_prepare(s, "INSERT INTO stories(article_id, story) VALUES (?1, ?2)")))
		goto fail;
	for (size_t i = 0; i < na; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, aid[i]);
		sqlite3_bind_int64(st, 2, aid[uf_find(par, i)]);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_error(s, "cannot store stories");
			goto fail;
		}
	}
	sqlite3_finalize(st);
	st = NULL;
	char sql[160];
	snprintf(sql, sizeof(sql),
		 "UPDATE meta SET value = %lld WHERE key = 'clusters'; UPDATE meta SET value = %lld WHERE key = "
		 "'threshold'",
		 gen, tkey);
	if (store_exec(s, sql) || store_commit(s))
		goto fail;
	ret = 0;
	if (timing)
		fprintf(stderr,
			"whosaid: timing: refresh: load %zu claims, %zu articles %.3f s; claims_cluster %.3f s (%zu "
			"clusters); stories %.3f s; member_of %.3f s; cache %.3f s\n",
			nc, na, t_load - t0, t_cluster - t_load + t_lax, k, t_stories - t_cluster,
			t_members - t_stories - t_lax,
			seconds() - t_members);
	goto out;
fail:
	store_rollback(s);
out:
	sqlite3_finalize(st);
	if (!sqlite3_get_autocommit(db))
		store_rollback(s);
	for (size_t i = 0; i < nc; i++)
		free(terms[i]);
	free(terms);
	for (size_t i = 0; i < na; i++)
		free(aterms[i]);
	free(aterms);
	free(cid);
	free(cart);
	for (size_t i = 0; cinfo && i < nc; i++)
		free((char *)cinfo[i].names);
	free(cinfo);
	free(same_prop);
	free(figs);
	free(aid);
	free(cl);
	free(first);
	free(par);
	free(mem);
	free(gen_orgs);
	idmap_release(&amap);
	return ret;
}
