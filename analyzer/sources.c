#include "sources.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "text.h"

const char *source_kind_name(enum source_kind k)
{
	static const char *const names[] = { "person", "organization", "anonymous", "vague", "document" };
	return names[k];
}

void source_table_release(struct source_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i].name);
		free(t->v[i].title);
		free(t->v[i].affiliation);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* ---- mention parsing --------------------------------------------------- */

struct word {
	size_t s, e;
};

#define MAX_WORDS 48

static int word_is(const char *s, const struct word *w, const char *lit)
{
	size_t n = strlen(lit);
	return w->e - w->s == n && !strncasecmp(s + w->s, lit, n);
}

/* The word lists of mention parsing are data (rules/words.txt, WL_ bits,
 * lex_lists): each word (any case) is looked up once in one table that
 * says which lists hold it, not compared with each word of each list in
 * turn. */
static lex_lists lists_of(const struct rules *r, const char *s, const struct word *w)
{
	return rules_word_lists(r, s + w->s, w->e - w->s);
}

static int word_in_list(const struct rules *r, const char *s, const struct word *w, lex_lists list)
{
	return (lists_of(r, s, w) & list) != 0;
}

static int is_cap(const char *s, const struct word *w)
{
	/* ("Quenby-based", "London-listed": a name made an adjective by a
	 * lowercase participle after its hyphen is no capitalized word) */
	for (size_t i = w->e; i > w->s + 1; i--)
		if (s[i - 1] == '-') {
			if (w->e - i >= 3 && s[w->e - 2] == 'e' && s[w->e - 1] == 'd' && islower((unsigned char)s[i]))
				return 0;
			break;
		}
	return text_is_upper(s, w->s, w->e);
}

/* How many of the words w[from..n) are capitalized. */
static int caps_after(const char *s, const struct word *w, int n, int from)
{
	int caps = 0;
	for (int i = from; i < n; i++)
		caps += is_cap(s, &w[i]);
	return caps;
}

static int in_set(const struct wordset *ws, const char *s, const struct word *w)
{
	size_t n = w->e - w->s;
	if (wordset_get_ci(ws, s + w->s, n) >= 0)
		return 1;
	/* plural */
	if (n > 3 && s[w->e - 1] == 's' && wordset_get_ci(ws, s + w->s, n - 1) >= 0)
		return 1;
	if (n > 4 && s[w->e - 1] == 's' && s[w->e - 2] == 'e' && wordset_get_ci(ws, s + w->s, n - 2) >= 0)
		return 1;
	return 0;
}

/* Is w an organization word (organizations.txt), or its plural? Not a
 * capitalized plural of a business's word, which the file lists when it
 * is one ("Holdings"): "Waters" is a surname, "Corveth Water" a utility. */
static int in_org(const struct rules *r, const char *s, const struct word *w)
{
	size_t n = w->e - w->s;
	if (wordset_get_ci(&r->org_words, s + w->s, n) >= 0)
		return 1;
	if (n <= 3 || s[w->e - 1] != 's')
		return 0;
	int v = wordset_get_ci(&r->org_words, s + w->s, n - 1);
	if (v < 0 && n > 4 && s[w->e - 2] == 'e')
		v = wordset_get_ci(&r->org_words, s + w->s, n - 2);
	return v >= 0 && !(v == ORG_COMPANY && isupper((unsigned char)s[w->s]));
}

/* The last word of s[0..n), trailing spaces aside: [*start, *end). */
static void last_word(const char *s, size_t n, size_t *start, size_t *end)
{
	size_t e = n;
	while (e && s[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b && s[b - 1] != ' ')
		b--;
	*start = b;
	*end = e;
}

/* The value ws holds for word w, also for its plural (-s, -es, as in_set
 * reads it); -1 if none. *plural tells which form it was. */
static int set_value(const struct wordset *ws, const char *s, const struct word *w, int *plural)
{
	size_t n = w->e - w->s;
	int k = wordset_get_ci(ws, s + w->s, n);
	*plural = 0;
	if (k >= 0 || n < 3 || s[w->e - 1] != 's')
		return k;
	*plural = 1;
	k = wordset_get_ci(ws, s + w->s, n - 1);
	if (k < 0 && s[w->e - 2] == 'e')
		k = wordset_get_ci(ws, s + w->s, n - 2);
	return k;
}

static int determiner(const struct rules *r, const char *s, const struct word *w)
{
	return word_in_list(r, s, w, WL_DETERMINER);
}

static int quantifier(const struct rules *r, const char *s, const struct word *w)
{
	return word_in_list(r, s, w, WL_QUANTIFIER);
}

static int joiner(const struct rules *r, const char *s, const struct word *w)
{
	return word_in_list(r, s, w, WL_JOINER);
}

/* "Mr.", "Dr." (courtesy titles) and "Sen.", "Gov." (ranks): a title
 * word that comes before a name */
static int honorific(const char *s, const struct word *w, const struct rules *r)
{
	int k = wordset_get(&r->abbrev, s + w->s, w->e - w->s);
	return k == 1 || k == 2;
}

/* A courtesy title only: never reported as the speaker's title (Mr.
 * Brekke has no title "Mr."; Sen. Lind has the title "Sen.") */
static int courtesy(const char *s, const struct word *w, const struct rules *r)
{
	return wordset_get(&r->abbrev, s + w->s, w->e - w->s) == 1;
}

/* Is w a closed compound whose head, at least four letters after at
 * least three, is a title or a noun for a source ("Shop|keeper" with
 * "keeper", "Dock|worker" with "worker")? English writes an occupation
 * so, and a name seldom ends in one. */
static int compound_occupation(const struct rules *r, const char *s, const struct word *w)
{
	size_t n = w->e - w->s;
	for (size_t k = 3; k + 4 <= n; k++) {
		const char *h = s + w->s + k;
		if (!islower((unsigned char)h[0]))
			continue;
		if (wordset_get_ci(&r->titles, h, n - k) >= 0 || wordset_get_ci(&r->source_nouns, h, n - k) >= 0)
			return 1;
	}
	return 0;
}

static int acronym(const char *s, const struct word *w)
{
	size_t n = 0;
	for (size_t i = w->s; i < w->e; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			n++;
		else if (c != '.' && c != '&')
			return 0;
	}
	return n >= 2;
}

static int split_words(const char *s, size_t len, struct word *w)
{
	/* the bytes that part words (a table: one test a byte, not four) */
	static const unsigned char parts[256] = { [' '] = 1, ['\n'] = 1, ['\t'] = 1, [','] = 1 };
	int n = 0;
	size_t i = 0;
	while (i < len && n < MAX_WORDS) {
		while (i < len && parts[(unsigned char)s[i]])
			i++;
		size_t a = i;
		while (i < len && !parts[(unsigned char)s[i]])
			i++;
		if (i > a)
			w[n++] = (struct word){ a, i };
	}
	return n;
}

/* "China’s" -> the possessive suffix length, 0 if none. */
static size_t possessive(const char *s, const struct word *w)
{
	size_t n = w->e - w->s;
	if (n > 2 && s[w->e - 2] == '\'' && s[w->e - 1] == 's')
		return 2;
	if (n > 4 && !strncmp(s + w->e - 4, "\xe2\x80\x99s", 4))
		return 4;
	return 0;
}

/* "engineers", "fishermen", "people": a plural (not "ss", "us", "is":
 * "press", "census", "analysis"). */
static int plural_noun(const char *s, const struct word *w)
{
	size_t n = w->e - w->s;
	const char *p = s + w->s;
	if (n >= 3 && !strncmp(p + n - 3, "men", 3))
		return 1;
	if (n == 6 && !strncmp(p, "people", 6))
		return 1;
	return n >= 4 && p[n - 1] == 's' && p[n - 2] != 's' && p[n - 2] != 'u' && p[n - 2] != 'i';
}

/* A plural of a noun for people by their trade or part, told by its
 * suffix ("farmers", "economists", "historians", "protesters",
 * "investors", "residents", "locals", "neighbours"), in one word of lowercase letters after the
 * first: "Reuters" is in the organization list, "NATO" no plural. */
static int people_noun(const char *s, const struct word *w)
{
	/* ("locals", "neighbours": a place's people, no one in particular) */
	static const char *const suffixes[] = { "ers", "ists", "ians", "ors", "ants", "ents", "cals", "bours", NULL };
	size_t n = w->e - w->s;
	const char *p = s + w->s;
	if (n < 5)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (p[i] < 'a' || p[i] > 'z')
			return 0;
	for (int k = 0; suffixes[k]; k++) {
		size_t l = strlen(suffixes[k]);
		if (!strncmp(p + n - l, suffixes[k], l))
			return 1;
	}
	return 0;
}

static int number_word(const struct rules *r, const char *s, const struct word *w)
{
	if (word_in_list(r, s, w, WL_NUMBER))
		return 1;
	for (size_t i = w->s; i < w->e; i++)
		if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '.' && s[i] != ',' && s[i] != '%')
			return 0;
	return w->e > w->s;
}

/* A share of people counted in a poll: "46 percent of voters", "Six in
 * 10", "More than half of respondents", "About a third". Unnamed, counted
 * only as a share: vague. */
static int share_phrase(const struct rules *r, const char *s, const struct word *w, int n)
{
	int i = 0;
	while (i < n && word_in_list(r, s, &w[i], WL_SHARE_LEAD))
		i++;
	if (i < n && word_is(s, &w[i], "a"))
		i++;
	if (i >= n)
		return 0;
	if (word_in_list(r, s, &w[i], WL_SHARE_WHOLE))
		return 1;   /* ("per" and "percent" only after a number: "Per Dahl") */
	if (!number_word(r, s, &w[i]))
		return 0;
	if (s[w[i].e - 1] == '%')
		return 1;
	return i + 1 < n && (word_in_list(r, s, &w[i + 1], WL_SHARE_PART) ||
			     (word_is(s, &w[i + 1], "in") && i + 2 < n && number_word(r, s, &w[i + 2])));
}

static int calendar_word(const struct rules *r, const char *s, const struct word *w)
{
	return word_in_list(r, s, w, WL_CALENDAR);
}

static int pronoun_of(const char *s, const struct word *w)
{
	/* (and their possessives: "his promise to ...", "their call for ...") */
	if (word_is(s, w, "he") || word_is(s, w, "his")) return 'm';
	if (word_is(s, w, "she") || word_is(s, w, "her")) return 'f';
	if (word_is(s, w, "it") || word_is(s, w, "its")) return 'n';
	if (word_is(s, w, "they") || word_is(s, w, "their")) return 'p';
	if (word_is(s, w, "i") || word_is(s, w, "we") || word_is(s, w, "my") || word_is(s, w, "our")) return 'i';
	return 0;
}

static int place(const char *s, size_t a, size_t b, const struct rules *r)
{
	return b > a && wordset_get_ci(&r->places, s + a, b - a) >= 0;
}

/* Is the head of a description an organization's word: the last word
 * ("the council") or the last two together ("the coast guard", where
 * "guard" alone is a person)? */
static int org_head(const char *s, const struct word *w, int n, const struct rules *r)
{
	if (in_org(r, s, &w[n - 1]))
		return 1;
	return n >= 2 && w[n - 1].s == w[n - 2].e + 1 &&
	       wordset_get_ci(&r->org_words, s + w[n - 2].s, w[n - 1].e - w[n - 2].s) >= 0;
}

/* Is s[0, len) a description without its article, as a headline writes
 * it ("union", "port authority"): lowercase words, none a determiner or
 * a possessive, ending in a singular organization noun? */
static int headline_org(const struct rules *r, const char *s, size_t len)
{
	struct word w[MAX_WORDS];
	int n = split_words(s, len, w);
	if (n < 1 || n > 3 || !org_head(s, w, n, r) || plural_noun(s, &w[n - 1]))
		return 0;
	for (int i = 0; i < n; i++)
		if (is_cap(s, &w[i]) || determiner(r, s, &w[i]) || quantifier(r, s, &w[i]) || possessive(s, &w[i]) ||
		    word_in_list(r, s, &w[i], WL_POSSESSIVE) || pronoun_of(s, &w[i]))
			return 0;
	return 1;
}

/* Could the one capitalized word `name` that no earlier full name
 * explains be a surname ("Varga said")? A surname has lowercase letters
 * after its capital, save after Mc/Mac, an apostrophe or a hyphen
 * ("McAllen", "O'Dea", "Lind-Berg"); "HuffPost", "3M" or "Ekko.com" are
 * names of businesses. */
static int surname_shape(const char *name, size_t n)
{
	if (n < 2 || !text_is_upper(name, 0, n))
		return 0;
	for (size_t i = 1; i < n; i++) {
		unsigned char c = (unsigned char)name[i];
		if (c >= 0x80 || (c >= 'a' && c <= 'z'))
			continue;
		if (c == '\'' || c == '-') {
			if (i + 1 == n)
				return 0;
			continue;
		}
		if (c >= 'A' && c <= 'Z') {
			unsigned char p = (unsigned char)name[i - 1];
			if (p == '\'' || p == '-' || (i == 2 && !strncmp(name, "Mc", 2)) ||
			    (i == 3 && !strncmp(name, "Mac", 3)))
				continue;
		}
		return 0;
	}
	return 1;
}

/* Is a capitalized word, alone as a speaker, plainly no name: a day or
 * month, a word that opens a sentence ("What", "Well": a rule took the
 * sentence's first word)? */
static int not_a_name(const struct rules *r, const char *name, size_t n)
{
	struct word w = { 0, n };
	if (lists_of(r, name, &w) & (WL_CALENDAR | WL_OPENING | WL_QUANTIFIER | WL_NOT_NAME))
		return 1;
	/* ("Reached", "Continuing": a participle, but so end "Fleming" and
	 * "Ahmed") */
	return 0;
}

/* Where " who " opens a clause that says why a source goes unnamed ("A
 * firefighter who was not authorized to speak", "officials who spoke on
 * condition of anonymity"), else 0. */
static size_t anonymity_clause(const char *s, size_t len)
{
	static const char *const why[] = { "anonym", "authori", "named", "identified", NULL };
	for (size_t i = 1; i + 5 <= len; i++) {
		if (memcmp(s + i, " who ", 5))
			continue;
		for (int k = 0; why[k]; k++)
			for (size_t j = i + 5; j + strlen(why[k]) <= len; j++)
				if (!memcmp(s + j, why[k], strlen(why[k])))
					return i;
		return 0;
	}
	return 0;
}

static void mention_parse_words(const char *s, size_t len, const struct rules *r, struct mention *m);

void mention_parse(const char *s, size_t len, const struct rules *r, struct mention *m)
{
	size_t cut = anonymity_clause(s, len);
	mention_parse_words(s, cut ? cut : len, r, m);
	if (cut && m->kind != SK_PERSON && m->kind != SK_VAGUE && !m->pronoun)
		m->kind = SK_ANONYMOUS;
	size_t who = 0;
	for (size_t i = 1; !cut && m->kind == SK_ORGANIZATION && i + 5 <= len && !who; i++)
		if (!memcmp(s + i, " who ", 5))
			who = i;
	if (who) {
		/* "A surveyor who works on the line": the kind is the head's,
		 * before the relative clause, not that of a word inside it
		 * ("line" of a shipping line); the name keeps the clause */
		struct mention head;
		mention_parse_words(s, who, r, &head);
		if (head.kind == SK_ANONYMOUS || head.kind == SK_VAGUE) {
			m->kind = head.kind;
			m->name0 = head.name0;
			m->name_words = 0;
		}
	}
}

static void mention_parse_words(const char *s, size_t len, const struct rules *r, struct mention *m)
{
	struct word w[MAX_WORDS];
	memset(m, 0, sizeof(*m));
	m->name0 = 0;
	m->name1 = len;
	m->title0 = m->title1 = 0;
	int n = split_words(s, len, w);
	if (!n) {
		m->kind = SK_VAGUE;
		return;
	}
	/* "Everyone but Lind", "All except the mayor": a group less someone
	 * is a vague source, not the one taken out */
	if (n >= 3 && word_in_list(r, s, &w[0], WL_GROUP) && (word_is(s, &w[1], "but") || word_is(s, &w[1], "except"))) {
		m->kind = SK_VAGUE;
		return;
	}
	/* "data compiled by Tallis Market Research", "a memo circulated by the
	 * town engineer": a document, whoever made it */
	for (int i = 1; i + 1 < n; i++) {
		if (!word_is(s, &w[i], "by"))
			continue;
		for (int k = 0; k < i; k++) {
			int plural;
			if (set_value(&r->source_nouns, s, &w[k], &plural) == SN_DOCUMENT && !is_cap(s, &w[k])) {
				m->kind = SK_DOCUMENT;
				return;
			}
		}
		break;
	}
	if (n == 1 && (m->pronoun = pronoun_of(s, &w[0])) != 0) {
		m->kind = m->pronoun == 'n' || m->pronoun == 'p' ? SK_ORGANIZATION : SK_PERSON;
		return;
	}
	if (n == 1 && wordset_get_ci(&r->titles, s + w[0].s, w[0].e - w[0].s) >= 0 &&
	    !in_org(r, s, &w[0])) {
		/* "Minister vows ...": a title alone, in a headline, is one
		 * unnamed person ("Residents say": many, below) */
		m->kind = SK_ANONYMOUS;
		return;
	}
	/* "Q: What will you change?" in an interview transcript: the
	 * interviewer, one unnamed person, no organization called "Q" */
	/* (and "A:", when the introduction names no one, one unnamed person
	 * interviewed) */
	if (n == 1 && ((len == 1 && (s[0] == 'Q' || s[0] == 'A')) || (len == 8 && !strncmp(s, "Question", 8)))) {
		m->kind = SK_ANONYMOUS;
		return;
	}
	if (n == 1 && (word_is(s, &w[0], "another") || word_is(s, &w[0], "one"))) {
		/* "“Nobody slept,” said another.": one more unnamed person of
		 * those just quoted, no organization */
		m->kind = SK_ANONYMOUS;
		return;
	}
	if (n == 1 && quantifier(r, s, &w[0])) {
		/* "Some say ...", "Many argue ...": a quantity of unnamed people */
		m->kind = SK_VAGUE;
		return;
	}
	if (share_phrase(r, s, w, n)) {
		m->kind = SK_VAGUE;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	/* "Her neighbour", "Ek's son": one unnamed person */
	if (n >= 2 && word_in_list(r, s, &w[n - 1], WL_KIN) && !is_cap(s, &w[n - 1]) &&
	    (word_in_list(r, s, &w[n - 2], WL_POSSESSIVE) || possessive(s, &w[n - 2]))) {
		m->kind = SK_ANONYMOUS;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	/* "One of the dockers", "one of them", "one of the unions": one
	 * unnamed member of a group, kept whole ("of the dockers" is no
	 * organization) and, like every unnamed source, not the same as
	 * another article's */
	if (n >= 3 && word_is(s, &w[0], "one") && word_is(s, &w[1], "of")) {
		m->kind = SK_ANONYMOUS;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	/* "Her son Erik", "Lindqvist's wife Karin": a first name after a
	 * noun of family or friendship and whose it is */
	for (int k = 1; k + 1 < n && k + 4 >= n; k++) {
		if (!word_in_list(r, s, &w[k], WL_KIN) || is_cap(s, &w[k]) ||
		    !(word_in_list(r, s, &w[k - 1], WL_POSSESSIVE) || possessive(s, &w[k - 1])))
			continue;
		int names = 1;
		for (int i = k + 1; i < n; i++)
			if (!is_cap(s, &w[i]) || in_set(&r->titles, s, &w[i]) || in_org(r, s, &w[i]))
				names = 0;
		if (!names)
			break;
		m->kind = SK_PERSON;
		m->name0 = w[k + 1].s;
		m->name1 = w[n - 1].e;
		m->name_words = n - k - 1;
		m->title0 = w[0].s;
		m->title1 = w[k].e;
		return;
	}
	int first = 0;
	/* start after the last possessive: "China's Foreign Minister Wang Yi" */
	/* (but one word after it makes a name with it: "the Fishermen's
	 * Federation", "Children's Hospital") */
	for (int i = 0; i < n - 2; i++)
		if (possessive(s, &w[i]) && is_cap(s, &w[i + 1]))
			first = i + 1;
	while (first < n - 1 && determiner(r, s, &w[first]))
		first++;
	int quant = 0;
	for (int i = 0; i < first; i++)
		quant |= quantifier(r, s, &w[i]);
	/* "Many in the shipping industry", "some at the agency": a quantity
	 * of unnamed people somewhere is vague, however the place is named */
	/* ("All in all, Vell said": an adverbial, no group) */
	if (quant && first + 1 < n && word_is(s, &w[first], "in") && word_is(s, &w[first + 1], "all"))
		quant = 0;
	if (quant && first < n && (word_is(s, &w[first], "in") || word_is(s, &w[first], "at") ||
				   word_is(s, &w[first], "within") || word_is(s, &w[first], "inside") ||
				   word_is(s, &w[first], "among") || word_is(s, &w[first], "across") ||
				   word_is(s, &w[first], "of"))) {
		m->kind = SK_VAGUE;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	/* "Marta Kovalenko of the Harbor Authority": a name, then where the
	 * person works; parse the name alone and keep the rest as the title */
	/* ("Gov. Elin Hartvik of Aske Province", "Mayor Per Dahl of Selm":
	 * titles first, then the name; the title is then the words before it) */
	int lead = first;
	while (lead < n && is_cap(s, &w[lead]) && (in_set(&r->titles, s, &w[lead]) || honorific(s, &w[lead], r)))
		lead++;
	for (int k = lead + 1; k < n - 1; k++) {
		if (!(word_is(s, &w[k], "of") || word_is(s, &w[k], "at") || word_is(s, &w[k], "from")))
			continue;
		int names = k - lead >= 2 || (k - lead == 1 && lead > first);
		for (int i = lead; i < k; i++)
			if (!is_cap(s, &w[i]) || in_set(&r->titles, s, &w[i]) || in_org(r, s, &w[i]) ||
			    honorific(s, &w[i], r))
				names = 0;
		if (names && !place(s, w[lead].s, w[k - 1].e, r)) {
			m->kind = SK_PERSON;
			m->name0 = w[lead].s;
			m->name1 = w[k - 1].e;
			m->name_words = k - lead;
			/* (an honorific alone, "Mr.", is no title) */
			int t0 = first;
			while (t0 < lead && courtesy(s, &w[t0], r) && !in_set(&r->titles, s, &w[t0]))
				t0++;
			if (t0 < lead) {
				m->title0 = w[t0].s;
				m->title1 = w[lead - 1].e;
			} else {
				t0 = k + 1;
				if (t0 < n - 1 && word_is(s, &w[t0], "the"))
					t0++;
				m->title0 = w[t0].s;
				m->title1 = w[n - 1].e;
			}
			return;
		}
		break;
	}
	/* trailing run of name words */
	int run = n;
	while (run > first && is_cap(s, &w[run - 1]) && !in_set(&r->titles, s, &w[run - 1]) &&
	       !in_org(r, s, &w[run - 1]) && !honorific(s, &w[run - 1], r) &&
	       !determiner(r, s, &w[run - 1]) && !acronym(s, &w[run - 1]))
		run--;
	int title_before = run > first && (in_set(&r->titles, s, &w[run - 1]) || honorific(s, &w[run - 1], r));
	/* "a spokesman for Mr. Marr", "a memo to Ivo Marr": a name after
	 * "for" or "to" is the complement of the head before it, which is
	 * the speaker (a capitalized head is a title the name holds:
	 * "Minister for Transport Ana Bright", "the MP for ...") */
	/* (and after "at", "from", "of", "in", "with", perhaps with "the":
	 * "a strategist at Kestrel Securities", "analysts from Tollby
	 * Partners", "a spokesman for the Tollby Fed", "supporters of Ada
	 * Vell": the people of the head noun, not the body or person named) */
	int before_name = run;
	while (before_name > first && honorific(s, &w[before_name - 1], r))
		before_name--;
	if (before_name > first + 2 && word_is(s, &w[before_name - 1], "the"))
		before_name--;
	int complement = before_name > first + 1 &&
			 (word_is(s, &w[before_name - 1], "for") || word_is(s, &w[before_name - 1], "to") ||
			  word_is(s, &w[before_name - 1], "at") || word_is(s, &w[before_name - 1], "from") ||
			  word_is(s, &w[before_name - 1], "of") || word_is(s, &w[before_name - 1], "in") ||
			  word_is(s, &w[before_name - 1], "with")) &&
			 (!is_cap(s, &w[before_name - 2]) ||
			  /* ("Analysts from ...": a source noun capitalized as
			   * the sentence opens; "Minister for Transport" is a
			   * title) */
			  (before_name - 2 == 0 && in_set(&r->source_nouns, s, &w[0]) && !in_set(&r->titles, s, &w[0]))) &&
			 !is_cap(s, &w[before_name - 1]);
	/* "Shopkeeper Lotta Berin", "Dockworker Ivo Brant": a closed compound
	 * whose head is a noun of occupation is one too, a title before a
	 * full name rather than a first name of three */
	if (!title_before && run < n && n - run >= 3 && compound_occupation(r, s, &w[run])) {
		run++;
		title_before = 1;
	}
	/* "an Iowa Democrat", "two Senate Republicans": a capitalized noun
	 * of the lists after an article or a number is no name */
	int counted_noun = first > 0 && n >= 2 && is_cap(s, &w[n - 1]) &&
			   (quantifier(r, s, &w[0]) || word_is(s, &w[0], "a") || word_is(s, &w[0], "an") ||
			    word_is(s, &w[0], "one") || word_is(s, &w[0], "two") || word_is(s, &w[0], "three")) &&
			   in_set(&r->source_nouns, s, &w[n - 1]);
	int has_org = 0, has_source_noun = -1;
	for (int i = first; i < n; i++) {
		if (in_org(r, s, &w[i]) && (is_cap(s, &w[i]) || i == n - 1))
			has_org = 1;
		/* (capitalized only as a sentence opens: "Residents trying to
		 * save the pier", not "Residents Association") */
		/* (or last after an article or a number: "an Iowa Democrat") */
		if (has_source_noun < 0 &&
		    (!is_cap(s, &w[i]) || (i == 0 && (n <= 3 || !is_cap(s, &w[1]))) ||
		     (i == n - 1 && counted_noun)) &&
		    in_set(&r->source_nouns, s, &w[i]))
			has_source_noun = i;
	}
	int all_cap = 1;
	for (int i = first; i < n; i++)
		if (!is_cap(s, &w[i]) && !joiner(r, s, &w[i]))
			all_cap = 0;
	size_t whole0 = w[first].s, whole1 = w[n - 1].e;
	if (run < n && (title_before || n - run >= 2) && !counted_noun && !complement &&
	    !(has_org && !title_before) && !place(s, whole0, whole1, r) &&
	    !place(s, w[run].s, w[n - 1].e, r)) {
		m->kind = SK_PERSON;
		int name_first = run;
		/* ("Secretary of State Ana Holm", "Minister for Transport Ana
		 * Holm": the capitalized word after "of" or "for" ends the
		 * title, the name is the last two) */
		if (run > first && (word_is(s, &w[run - 1], "of") || word_is(s, &w[run - 1], "for")) && n - run >= 3)
			name_first = n - 2;
		m->name0 = w[name_first].s;
		m->name1 = w[n - 1].e;
		m->name_words = n - name_first;
		/* title: the words before the name, without honorifics */
		int t0 = first, t1 = name_first;
		while (t1 > t0 && courtesy(s, &w[t1 - 1], r))
			t1--;
		while (t0 < t1 && courtesy(s, &w[t0], r))
			t0++;
		if (t1 > t0) {
			m->title0 = w[t0].s;
			m->title1 = w[t1 - 1].e;
		}
		if (first > 0 && possessive(s, &w[first - 1]) && t1 > t0)
			m->title0 = w[first - 1].s;  /* "China's Foreign Minister" */
		return;
	}
	if (has_source_noun >= 0 && (!all_cap || has_source_noun == 0 || counted_noun)) {
		int plural;
		enum source_noun_kind k = (enum source_noun_kind)set_value(&r->source_nouns, s, &w[has_source_noun],
									   &plural);
		int singular = !plural;
		int one = singular && (word_is(s, &w[0], "a") || word_is(s, &w[0], "an") || word_is(s, &w[0], "one") ||
				       word_is(s, &w[0], "another"));
		if (one && k == SN_VAGUE)
			m->kind = SK_ANONYMOUS;   /* "one resident", "another critic": one unnamed person */
		else if (k == SN_VAGUE || (quant && k != SN_ANONYMOUS) || (quant && first == 0 && k == SN_DOCUMENT))
			m->kind = SK_VAGUE;
		else if (k == SN_DOCUMENT)
			m->kind = SK_DOCUMENT;
		else
			m->kind = SK_ANONYMOUS;
		m->definite = word_is(s, &w[0], "the") && has_source_noun <= 2;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	/* "the mayor", "the foreign minister": a person named earlier by that
	 * title, or else an unnamed official; so is "harbor chief says" (a
	 * headline drops its article) if no other word is a name */
	/* (singular: "the organizers" are people of a kind, below; "its
	 * chairman", "their treasurer": the holder of a body's office,
	 * unnamed, not the body) */
	if (wordset_get_ci(&r->titles, s + w[n - 1].s, w[n - 1].e - w[n - 1].s) >= 0 &&
	    !org_head(s, w, n, r) &&
	    ((!all_cap && first > 0 && (word_is(s, &w[0], "the") || word_is(s, &w[0], "its") ||
					word_is(s, &w[0], "their") || word_is(s, &w[0], "our"))) ||
	     (first == 0 && n <= 3 && !is_cap(s, &w[n - 1]) && !caps_after(s, w, n, 1)))) {
		m->kind = SK_ANONYMOUS;
		m->definite = 2;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		m->title0 = w[first].s;
		m->title1 = w[n - 1].e;
		return;
	}
	/* ("their union": the workers' union, named before or just after) */
	if (first > 0 && (word_is(s, &w[0], "the") || (n == 2 && word_is(s, &w[0], "their") && word_is(s, &w[1], "union"))) &&
	    !is_cap(s, &w[n - 1]) && org_head(s, w, n, r)) {
		/* "the company", "the agency": an organization named earlier */
		if (!caps_after(s, w, n, 1)) {
			m->kind = SK_ORGANIZATION;
			m->definite = 3;
			m->name0 = w[first].s;
			m->name1 = w[n - 1].e;
			m->title0 = w[n - 1].s;   /* the head word, for the look-up */
			m->title1 = w[n - 1].e;
			if (n - first >= 2 && !in_org(r, s, &w[n - 1]))
				m->title0 = w[n - 2].s;   /* "coast guard" */
			m->name_words = n - first;
			return;
		}
	}
	int prep = 0;   /* "the head of the delegation to the talks": the head is not last */
	for (int i = first; i < n - 1; i++)
		prep |= word_is(s, &w[i], "of") || word_is(s, &w[i], "to") || word_is(s, &w[i], "in") ||
			word_is(s, &w[i], "at") || word_is(s, &w[i], "for") || word_is(s, &w[i], "from") ||
			word_is(s, &w[i], "with") || word_is(s, &w[i], "on");
	if (!prep && first > 0 && !is_cap(s, &w[n - 1]) && !org_head(s, w, n, r) &&
	    !plural_noun(s, &w[n - 1]) &&
	    (word_is(s, &w[0], "a") || word_is(s, &w[0], "an") || word_is(s, &w[0], "one") ||
	     word_is(s, &w[0], "another"))) {
		/* "One docker", "a local fisherman", "another skipper": one unnamed person */
		m->kind = SK_ANONYMOUS;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	if (!prep && first > 0 && word_is(s, &w[0], "the") && !is_cap(s, &w[n - 1]) &&
	    !org_head(s, w, n, r) && !plural_noun(s, &w[n - 1])) {
		if (!caps_after(s, w, n, 1)) {
			/* "the 34-year-old diver", "the woman": one person the text
			 * describes and does not name (the one described before with
			 * that noun, if any: "the pathologist" after "The pathologist
			 * who carried out the examination") */
			m->kind = SK_ANONYMOUS;
			m->definite = 1;
			m->name0 = w[0].s;
			m->name1 = w[n - 1].e;
			return;
		}
	}
	if (!prep && !is_cap(s, &w[n - 1]) && !org_head(s, w, n, r) && plural_noun(s, &w[n - 1])) {
		/* "engineers", "local fishermen": people of a kind the lists do
		 * not name, unnamed and uncounted */
		m->kind = SK_VAGUE;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	if (n == 1 && is_cap(s, &w[0]) && !in_org(r, s, &w[0]) && people_noun(s, &w[0])) {
		/* "Farmers said", "Meteorologists warn": a sentence opens with
		 * people of a kind, capitalized only there */
		m->kind = SK_VAGUE;
		m->name0 = w[0].s;
		m->name1 = w[0].e;
		return;
	}
	if (!prep && !is_cap(s, &w[n - 1]) && in_org(r, s, &w[n - 1]) && plural_noun(s, &w[n - 1]) && !word_is(s, &w[0], "the") && !caps_after(s, w, n, 1) &&
	    (first == 0 || quant)) {
		/* "Shipping lines", "Several airlines", "Local banks": bodies of a
		 * kind, none named, as "Farmers" are people of a kind */
		m->kind = SK_VAGUE;
		m->name0 = w[0].s;
		m->name1 = w[n - 1].e;
		return;
	}
	m->kind = SK_ORGANIZATION;
	m->name0 = whole0;
	m->name1 = whole1;
	m->name_words = n - first;
	if (n - first == 1 && run == first && !acronym(s, &w[first]) && !place(s, whole0, whole1, r))
		m->name_words = -1;   /* a bare capitalized word: maybe a surname */
}

/* ---- names introduced in the article ----------------------------------- */

/* How far back a name or pronoun may refer: enough for any article, and
 * bounded so that a pathological one stays linear. */
#define LOOKBACK 400

struct entity {
	size_t off;
	size_t name0, name1;   /* into article.raw */
	size_t title0, title1;
	enum source_kind kind;
	int words;
	/* where the name's last word starts and its first word ends: the
	 * surname look-ups compare them with every later single name */
	size_t last0, first1;
	char gender;   /* 'f' or 'm' from a "She"/"He" that follows, else 0 */
	char kin;      /* introduced by a noun of kinship, here or at an earlier
			* mention of the same full name ("Her daughter, Mia Tarn") */
};

/* Sets e's last0 and first1 from its name in s. */
static void entity_name_words(struct entity *e, const char *s)
{
	size_t ln = e->name1;
	while (ln > e->name0 && s[ln - 1] != ' ')
		ln--;
	size_t fe = e->name0;
	while (fe < e->name1 && s[fe] != ' ')
		fe++;
	e->last0 = ln;
	e->first1 = fe;
}

struct entities {
	struct entity *v;
	size_t n, alloc;
};

static int cap_word_at(const char *s, size_t i, size_t end)
{
	return i < end && text_is_upper(s, i, end);
}

/* "marine biologist", "senior economist", "political scientist": a
 * lowercase adjective of the kind that names a field or a rank is part of
 * the role; a verb or a preposition before the role ("led by", "fired",
 * "told") is not, and those do not end so. */
static int role_adjective(const struct rules *r, const char *s, const struct word *w)
{
	static const char *const ends[] = { "al", "ic", "ine", "ior", "ary", NULL };
	size_t n = w->e - w->s;
	if (is_cap(s, w))
		return 0;
	if (word_in_list(r, s, w, WL_TITLE_MODIFIER))
		return 1;   /* "former", "acting" */
	if (n < 4 || (lists_of(r, s, w) & (WL_DETERMINER | WL_QUANTIFIER | WL_JOINER | WL_NUMBER)))
		return 0;
	for (int k = 0; ends[k]; k++) {
		size_t l = strlen(ends[k]);
		if (!memcmp(s + w->e - l, ends[k], l))
			return 1;
	}
	return 0;
}

/* "Aldmark's environment minister, Tomas Brekke": a title written before
 * the name, set off by a comma, is the person's title too. */
static void title_before_comma(struct entity *e, const char *s, size_t sent_start, const struct rules *r)
{
	size_t i = e->name0;
	if (i < sent_start + 3 || s[i - 1] != ' ')
		return;
	/* "the harbor director, Ada Vell" or, with no comma, "fired head
	 * coach Rolf Nygard" (lowercase title words are no part of the run) */
	size_t end = s[i - 2] == ',' ? i - 2 : i - 1, start = end;
	int titles = 0, modifiers = 0;
	/* "marine biologist Dr. Elin Sward", "film director Sir Ivo Lund":
	 * the honorific between the role and the name is neither */
	if (end > sent_start + 3 && s[end - 1] != ',') {
		struct word h = { end, end };
		while (h.s > sent_start && s[h.s - 1] != ' ')
			h.s--;
		if (h.s + 1 < h.e && honorific(s, &h, r) && !in_set(&r->titles, s, &h) && h.s > sent_start + 1) {
			end = h.s - 1;
			start = end;
		}
	}
	while (start > sent_start) {
		size_t w1 = start;
		while (w1 > sent_start && s[w1 - 1] == ' ')
			w1--;
		size_t w0 = w1;
		while (w0 > sent_start && s[w0 - 1] != ' ' && s[w0 - 1] != ',' && s[w0 - 1] != '(')
			w0--;
		if (w0 == w1)
			break;
		struct word w = { w0, w1 };
		if (in_set(&r->titles, s, &w))
			titles++;
		else if (titles && modifiers < 2 && role_adjective(r, s, &w))
			modifiers++;
		else if (!(possessive(s, &w) || (titles && is_cap(s, &w))))
			break;
		start = w0;
		if (possessive(s, &w))
			break;   /* "Aldmark's" opens the title */
	}
	/* the owner's whole name: "Calder Tide's chief executive", not "Tide's" */
	if (titles && start > sent_start) {
		size_t w1 = start;
		while (w1 > sent_start && s[w1 - 1] == ' ')
			w1--;
		struct word first_word = { start, start };
		while (first_word.e < end && s[first_word.e] != ' ')
			first_word.e++;
		while (w1 < start && possessive(s, &first_word) && w1 > sent_start) {
			size_t w0 = w1;
			while (w0 > sent_start && s[w0 - 1] != ' ' && s[w0 - 1] != ',' && s[w0 - 1] != '(')
				w0--;
			struct word w = { w0, w1 };
			if (w0 == w1 || !is_cap(s, &w) || in_set(&r->titles, s, &w) || determiner(r, s, &w))
				break;
			start = w0;
			w1 = w0;
			while (w1 > sent_start && s[w1 - 1] == ' ')
				w1--;
		}
	}
	/* (a no-break space before the name leaves its lead byte behind) */
	while (end > start && ((unsigned char)s[end - 1] >= 0xC0 || s[end - 1] == ' '))
		end--;
	if (titles && end > start && end - start < 120) {
		e->title0 = start;
		e->title1 = end;
	}
}

static void appos_title(const struct rules *r, const char *s, size_t a, size_t b, size_t *t0, size_t *t1);
static int described_person(const char *s, size_t n, const struct rules *r);

/* "Ada Vell, the harbour master, arrived at noon": a description set off
 * by commas after the name is the person's title, in a sentence with no
 * quotation as in one with a quotation, and a later "Vell" or "she" keeps
 * it. Only a noun phrase: its head a title word, or an article first and
 * no verb in it ("When I met Ada Vell, the sun was up, ..." is a clause). */
static void title_after_comma(struct entity *e, const char *s, size_t sent_end, const struct rules *r)
{
	size_t a = e->name1;
	if (a + 4 >= sent_end || s[a] != ',' || s[a + 1] != ' ')
		return;
	a += 2;
	const char *comma = memchr(s + a, ',', sent_end - a);
	if (!comma || (size_t)(comma - s) - a > 80)
		return;
	size_t b = (size_t)(comma - s);
	if (!described_person(s + a, b - a, r))
		return;
	/* (no verb in it: words.txt appositive-verb, lowercase) */
	int article = !strncmp(s + a, "the ", 4) || !strncmp(s + a, "a ", 2) || !strncmp(s + a, "an ", 3);
	for (size_t w0 = a; w0 < b;) {
		size_t w1 = w0;
		while (w1 < b && s[w1] != ' ')
			w1++;
		if (rules_lower_in_list(r, s, w0, w1, WL_APPOSITIVE_VERB))
			return;
		w0 = w1 + 1;
	}
	size_t h0, h1;
	last_word(s, b, &h0, &h1);
	/* the head before a complement: "a spokeswoman for the board" */
	for (size_t i = a; i + 5 < b; i++)
		if (!strncmp(s + i, " for ", 5) || !strncmp(s + i, " of ", 4) || !strncmp(s + i, " at ", 4)) {
			last_word(s, i, &h0, &h1);
			break;
		}
	if (!article && wordset_get_ci(&r->titles, s + h0, h1 - h0) < 0)
		return;
	size_t t0, t1;
	appos_title(r, s, a, b, &t0, &t1);
	if (t1 > t0) {
		e->title0 = t0;
		e->title1 = t1;
	}
}

/* Prepositions and conjunctions, capitalized only because they open a
 * sentence or clause. */
static int opening_word(const struct rules *r, const char *s, size_t i, size_t end)
{
	size_t e = i;
	while (e < end && s[e] != ' ' && s[e] != ',')
		e++;
	/* as written in the list: a capital, then lowercase letters */
	if (s[i] < 'A' || s[i] > 'Z')
		return 0;
	for (size_t k = i + 1; k < e; k++)
		if (s[k] < 'a' || s[k] > 'z')
			return 0;
	struct word w = { i, e };
	return word_in_list(r, s, &w, WL_OPENING);
}

/* Is s[i..e), a capital then lowercase letters, a word that opens a
 * clause or a question and names nobody ("While", "Does", "What",
 * "Then")? It is no part of a name: "the U.S. While Brekke ..." names
 * Brekke, "Does Holm support it?" names Holm. */
static int lead_word(const struct rules *r, const char *s, size_t i, size_t e)
{
	if (e <= i + 1 || s[i] < 'A' || s[i] > 'Z')
		return 0;
	for (size_t k = i + 1; k < e; k++)
		if (s[k] < 'a' || s[k] > 'z')
			return 0;
	struct word w = { i, e };
	return !joiner(r, s, &w) && (lists_of(r, s, &w) & (WL_CLAUSE_LEAD | WL_NOT_NAME));
}

/* In "Aldmark's environment agency" (a capitalized first word, its
 * possessive, then lowercase words), the length of "Aldmark"; else 0. */
static size_t possessive_len(const char *name, size_t n)
{
	size_t e = 0;
	while (e < n && name[e] != ' ')
		e++;
	if (e + 1 >= n || !isupper((unsigned char)name[0]) || !islower((unsigned char)name[e + 1]))
		return 0;
	struct word fw = { 0, e };
	size_t pl = possessive(name, &fw);
	return pl && e - pl >= 2 ? e - pl : 0;
}

/* Does a kinship noun after a possessive come right before s[at] ("Her
 * son, Erik," / "his wife Anna")? Then the one capitalized word at `at`
 * names a person. */
static int after_kin_noun(const struct rules *r, const char *s, size_t at, size_t sent_start)
{
	size_t e = at;
	while (e > sent_start && s[e - 1] == ' ')
		e--;
	if (e > sent_start && s[e - 1] == ',')
		e--;
	size_t b = e;
	while (b > sent_start && isalpha((unsigned char)s[b - 1]))
		b--;
	struct word w = { b, e };
	if (b == e || !word_in_list(r, s, &w, WL_KIN))
		return 0;
	size_t pe = b;
	while (pe > sent_start && s[pe - 1] == ' ')
		pe--;
	size_t pb = pe;
	while (pb > sent_start && s[pb - 1] != ' ')
		pb--;
	struct word pw = { pb, pe };
	return pe > pb && (word_in_list(r, s, &pw, WL_POSSESSIVE) ||
			   (pe - pb > 2 && s[pe - 1] == 's' && (s[pe - 2] == '\'' || (unsigned char)s[pe - 2] == 0x99)));
}

/* Scans capitalized runs ("U.S. Secretary of State John Kerry") and keeps
 * the people and organizations they name. */
/* Does the word w (lowercase, as written) end right before s[at], one
 * space between? */
static int word_ends_before(const char *s, size_t at, const char *w)
{
	size_t n = strlen(w);
	if (at < n + 1 || s[at - 1] != ' ' || strncmp(s + at - 1 - n, w, n))
		return 0;
	return at == n + 1 || s[at - 2 - n] == ' ' || s[at - 2 - n] == '\n' || s[at - 2 - n] == '(';
}

static int gender_hint(const struct rules *r, const char *s, size_t n, int names_ok);
struct entities;
static void set_kin(const struct rules *r, const char *s, const struct entities *es, struct entity *e);
static const struct entity *find_surname(const struct rules *r, const struct entities *es, const char *s,
					 const char *name, size_t len, size_t before,
					 const struct source_table *t, const char *raw, int gender);

/* "Teodora Mirsk took over on Monday. She spoke to the Gazette ...": a
 * sentence that opens with "He" or "She" right after one that opens
 * with a person's name (and names no other) tells that person's gender, which a later
 * pronoun needs when the person has not been quoted yet (learn_gender()
 * learns it from quotations). */
static void learn_entity_gender(struct entities *es, const char *s, const struct segmentation *seg, size_t si)
{
	if (si == 0 || seg->sents[si].para - seg->sents[si - 1].para > 1)
		return;
	size_t p = seg->sents[si].start, end = seg->sents[si].end;
	while (p < end && (s[p] == ' ' || s[p] == '\n' || (unsigned char)s[p] < 0x20))
		p++;
	char g;
	if (end - p > 4 && !strncmp(s + p, "She ", 4))
		g = 'f';
	else if (end - p > 3 && !strncmp(s + p, "He ", 3))
		g = 'm';
	else
		return;
	size_t from = seg->sents[si - 1].start;
	const struct entity *one = NULL;
	for (size_t k = es->n; k-- > 0 && es->v[k].off >= from;) {
		const struct entity *e = &es->v[k];
		if (e->kind != SK_PERSON)
			continue;
		if (one && (one->name1 - one->name0 != e->name1 - e->name0 ||
			    memcmp(s + one->name0, s + e->name0, e->name1 - e->name0)))
			return;   /* two people: "he" may be either */
		one = e;
	}
	if (!one || one->gender)
		return;
	/* (and that person opens it, as its subject: only a dateline before,
	 * no lowercase word; "Aides to Ek met the board. He said ..." may be
	 * anyone) */
	for (size_t k = from; k < one->off; k++)
		if (s[k] >= 'a' && s[k] <= 'z')
			return;
	/* (a pronoun of the other gender there names someone else, who may
	 * be the "She": "Vell prevented his wife, Ivana, from writing. She
	 * signed ...") */
	static const char *const his[] = { "he", "him", "his", "himself", NULL };
	static const char *const her[] = { "she", "her", "hers", "herself", NULL };
	const char *const *other = g == 'f' ? his : her;
	for (size_t k = from; k < seg->sents[si - 1].end;) {
		size_t e = k;
		while (e < seg->sents[si - 1].end && ((s[e] >= 'a' && s[e] <= 'z') || (s[e] >= 'A' && s[e] <= 'Z')))
			e++;
		for (int o = 0; e > k && other[o]; o++)
			if (e - k == strlen(other[o]) && !strncasecmp(s + k, other[o], e - k))
				return;
		k = e + 1;
	}
	/* every mention of that name so far, so a surname's copy has it too */
	size_t n0 = one->name0, nl = one->name1 - one->name0;
	for (size_t k = es->n, lim = 0; k-- > 0 && lim++ < LOOKBACK;)
		if (es->v[k].kind == SK_PERSON && es->v[k].name1 - es->v[k].name0 == nl &&
		    !memcmp(s + es->v[k].name0, s + n0, nl))
			es->v[k].gender = g;
}

static int title_has_head(const char *title, size_t n, const char *head, size_t hl);

/* "Judge Maren Tollak told the court ... The judge was not persuaded.":
 * a sentence that opens with "The" and a title word names the person
 * who had that title, for a pronoun in the next sentence ("The theft,
 * she said, ..."). The most recent such person; a copy of that entity
 * stands at the sentence's start. */
static void definite_title(struct entities *es, const char *s, size_t start, size_t end, const struct rules *r)
{
	while (start < end && (s[start] == ' ' || s[start] == '\n' || (unsigned char)s[start] < 0x20))
		start++;
	if (end - start < 8 || strncmp(s + start, "The ", 4))
		return;
	size_t h0 = start + 4, h1 = h0;
	while (h1 < end && s[h1] >= 'a' && s[h1] <= 'z')
		h1++;
	/* (one lowercase title word, then the verb: "The judge was", not
	 * "The judge's ruling" nor "The harbour master") */
	if (h1 == h0 || h1 >= end || s[h1] != ' ' || wordset_get_ci(&r->titles, s + h0, h1 - h0) < 0)
		return;
	for (size_t k = es->n, lim = 0; k-- > 0 && lim++ < LOOKBACK;) {
		const struct entity *e = &es->v[k];
		if (e->kind != SK_PERSON || !e->title1 ||
		    !title_has_head(s + e->title0, e->title1 - e->title0, s + h0, h1 - h0))
			continue;
		struct entity copy = *e;
		copy.off = start;
		ALLOC_GROW(es->v, es->n + 1, es->alloc);
		es->v[es->n++] = copy;
		return;
	}
}

/* The length of a straight double quote or of the curly one given (its
 * three UTF-8 bytes) at p, or 0. */
static size_t double_quote_at(const char *s, size_t p, size_t end, const char *curly)
{
	if (s[p] == '"')
		return 1;
	return p + 3 < end && !memcmp(s + p, curly, 3) ? 3 : 0;
}

/* After a first name ending at p: a nickname of one to three capitalized
 * words in quotation marks, then the surname (Teodor "The Wall" Vasko)?
 * The surname's start, or 0. */
static size_t nickname_after(const char *s, size_t p, size_t end)
{
	if (p + 8 >= end || s[p] != ' ')
		return 0;
	p++;
	size_t mark = double_quote_at(s, p, end, "\xE2\x80\x9C");
	if (!mark)
		return 0;
	p += mark;
	size_t q = p;
	int words = 0;
	while (q < end && q - p < 40) {
		if (!(s[q] >= 'A' && s[q] <= 'Z'))
			return 0;
		words++;
		while (q < end && ((s[q] >= 'a' && s[q] <= 'z') || (s[q] >= 'A' && s[q] <= 'Z') || s[q] == '-'))
			q++;
		if (q < end && s[q] == ' ') {
			q++;
			continue;
		}
		break;
	}
	if (!words || words > 3 || q >= end)
		return 0;
	mark = double_quote_at(s, q, end, "\xE2\x80\x9D");
	if (!mark)
		return 0;
	q += mark;
	if (q + 2 >= end || s[q] != ' ' || !(s[q + 1] >= 'A' && s[q + 1] <= 'Z'))
		return 0;
	return q + 1;
}

/* Eight bytes with no capital A-Z and nothing past ASCII (which may be
 * one)? */
static int no_capital8(const char *s)
{
	uint64_t x;
	memcpy(&x, s, 8);
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	if (x & high)
		return 0;
	/* each byte + (128 - 'A') has its high bit from 'A' on, each byte +
	   (127 - 'Z') from past 'Z' on (no carries: every byte is < 128) */
	return !((x + ones * (128 - 'A')) & ~(x + ones * (127 - 'Z')) & high);
}

/* From i on, where the next word that starts with a capital starts (at
 * the sentence's start or after one of opens), or end. Capitals are rarer
 * than word starts: eight bytes without one are passed at once. */
static size_t next_cap_word(const char *s, size_t i, size_t start, size_t end)
{
	/* the bytes after which a word starts */
	static const unsigned char opens[256] = { [' '] = 1, ['\n'] = 1, ['('] = 1 };
	while (i < end) {
		if (i + 8 <= end && no_capital8(s + i)) {
			i += 8;
			continue;
		}
		if ((i == start || opens[(unsigned char)s[i - 1]]) && cap_word_at(s, i, end))
			return i;
		i++;
	}
	return end;
}

/* Is s[at] inside brackets opened in its sentence (from start on): is
 * the last bracket before it an opening one? The sentence is read
 * forwards once, not back from each word asked about: `pos` is where
 * the reading stopped and `open` its answer there (both 0 at the
 * sentence's start); a word before pos is read back as before. */
static int in_parens(const char *s, size_t at, size_t start, size_t *pos, int *open)
{
	if (*pos < start || at < *pos) {
		for (size_t i = at; i-- > start;) {
			if (s[i] == ')')
				return 0;
			if (s[i] == '(')
				return 1;
		}
		return 0;
	}
	for (size_t i = *pos; i < at; i++) {
		/* (eight bytes at a time while they hold no bracket: most
		 * sentences have none) */
		for (uint64_t x; i + 8 <= at && !text_has_byte8(x = text_load8(s + i), '(') &&
				 !text_has_byte8(x, ')');)
			i += 8;
		if (i >= at)
			break;
		if (s[i] == ')')
			*open = 0;
		else if (s[i] == '(')
			*open = 1;
	}
	*pos = at;
	return *open;
}

/* Does an age between commas follow the word that ends at `at`
 * ("Hamish, 71, was one of them": a person named by a first name)? */
static int age_after(const char *s, size_t at, size_t end)
{
	if (at + 4 >= end || s[at] != ',' || s[at + 1] != ' ')
		return 0;
	size_t d = at + 2, n = 0;
	while (d < end && isdigit((unsigned char)s[d]) && n < 4)
		d++, n++;
	return n >= 1 && n <= 2 && d < end && s[d] == ',';
}

static void collect_entities(struct entities *es, struct article *a, const struct segmentation *seg,
			     const struct rules *r, const struct source_table *t)
{
	const char *s = a->scan;
	for (size_t si = 0; si < seg->nsents; si++) {
		size_t i = seg->sents[si].start, end = seg->sents[si].end;
		size_t paren_pos = i;   /* in_parens()'s reading of this sentence */
		int paren_open = 0;
		learn_entity_gender(es, s, seg, si);
		definite_title(es, s, i, end, r);
		while (i < end) {
			i = next_cap_word(s, i, seg->sents[si].start, end);
			if (i >= end)
				break;
			size_t fe = i;
			while (fe < end && s[fe] != ' ' && s[fe] != ',')
				fe++;
			/* (not in a headline's capitalized words: "Video That
			 * Hillary Can't Hide From" is no name at "Hillary") */
			size_t pw = i;
			while (pw > seg->sents[si].start && s[pw - 1] == ' ')
				pw--;
			while (pw > seg->sents[si].start && s[pw - 1] != ' ' && s[pw - 1] != '\n')
				pw--;
			int after_cap = pw < i && s[pw] >= 'A' && s[pw] <= 'Z';
			if (opening_word(r, s, i, end) || (!after_cap && lead_word(r, s, i, fe))) {
				/* "To Sexton, ...", "For Brekke, ...": a capital that only
				 * opens the sentence is no part of a name */
				while (i < end && s[i] != ' ')
					i++;
				continue;
			}
			size_t run0 = i, run1 = i, k = i;
			int words = 0;
			while (k < end) {
				size_t ws = k;
				/* ("told Norland Radio: ..." -- a colon ends a name too,
				 * and so does "!" or "?": "chanting 'Trump! Trump!'") */
				/* (the bytes that end a word of a name, a table: one
				 * test a byte, not ten) */
				static const unsigned char ends_word[256] = {
					[' '] = 1, ['\n'] = 1, [','] = 1, [';'] = 1, ['('] = 1, [')'] = 1,
					['"'] = 1, [':'] = 1, ['!'] = 1, ['?'] = 1 };
				while (k < end && !ends_word[(unsigned char)s[k]])
					k++;
				struct word wd = { ws, k };
				/* strip trailing period unless an abbreviation */
				size_t we = k;
				if (we > ws && s[we - 1] == '.' && wordset_get(&r->abbrev, s + ws, we - ws) < 0 &&
				    !(we - ws == 2))
					we--;
				wd.e = we;
				int cap = cap_word_at(s, ws, we);
				/* ("Friends of the River": "the" after "of" joins a name) */
				int lower_ok = joiner(r, s, &wd) || in_set(&r->titles, s, &wd) ||
					       (word_is(s, &wd, "the") && ws >= 3 && !strncasecmp(s + ws - 3, "of ", 3));
				if (!(cap || lower_ok) || we == ws)
					break;
				/* "Eva Lund on Wednesday": a day or a month ends a name */
				if (cap && words && calendar_word(r, s, &wd))
					break;
				/* ("the U.S. While Brekke": a clause's first word too;
				 * after two capitalized words it is a headline's, "Lund
				 * Just Let Something Slip That ...", and the run no name) */
				if (cap && words && lead_word(r, s, ws, we)) {
					if (words >= 2) {
						run1 = run0;
						/* (and so are the capitalized words after it) */
						while (k < end && s[k] == ' ' && k + 1 < end && s[k + 1] >= 'A' &&
						       s[k + 1] <= 'Z') {
							k++;
							while (k < end && s[k] != ' ')
								k++;
						}
					}
					break;
				}
				if (word_is(s, &wd, "and") && words >= 2) {
					/* "Harbor Director Marta Kovalenko and Captain Nils
					 * Ekdahl": two people, not one name */
					struct mention pm;
					mention_parse(s + run0, run1 - run0, r, &pm);
					if (pm.kind == SK_PERSON && pm.name_words >= 2)
						break;
				}
				if (cap)
					run1 = we;
				words++;
				size_t pz = possessive(s, &wd);
				if (we < k || k >= end || s[k] != ' ' || pz) {
					/* ("over Pellucid Data's plan": an organization's
					 * name is read without its possessive ending, whose
					 * last word makes it one; a person's is left as it
					 * was, the possessor seldom the next "he") */
					if (pz && cap && words >= 2) {
						struct mention pm;
						mention_parse(s + run0, we - pz - run0, r, &pm);
						if (pm.kind == SK_ORGANIZATION)
							run1 = we - pz;
					}
					break;
				}
				k++;
			}
			size_t sur = run1 > run0 ? nickname_after(s, run1, end) : 0;
			if (sur) {
				/* (the first name is the run's last word: "Goalkeeper
				 * Teodor", the title before it) */
				size_t f0 = run1;
				while (f0 > run0 && s[f0 - 1] != ' ')
					f0--;
				/* Teodor "The Wall" Vasko: one person, a later "Vasko"
				 * (the name is one span of the text, nickname and all) */
				size_t se = sur;
				while (se < end && s[se] != ' ' && s[se] != ',' && s[se] != '.' && s[se] != ';' &&
				       s[se] != ':' && s[se] != '\'' && (unsigned char)s[se] != 0xE2)
					se++;
				ALLOC_GROW(es->v, es->n + 1, es->alloc);
				es->v[es->n++] = (struct entity){ run0, f0, se, 0, 0, SK_PERSON, 2, 0, 0, 0, 0 };
				entity_name_words(&es->v[es->n - 1], s);
				title_before_comma(&es->v[es->n - 1], s, seg->sents[si].start, r);
				i = se;
				continue;
			}
			if (run1 > run0 && words == 1 && after_kin_noun(r, s, run0, seg->sents[si].start)) {
				/* "Her son, Erik, ...": a person named by a first name */
				ALLOC_GROW(es->v, es->n + 1, es->alloc);
				es->v[es->n++] = (struct entity){ run0, run0, run1, 0, 0, SK_PERSON, 1, 0, 0, 0, 0 };
				entity_name_words(&es->v[es->n - 1], s);
			} else if (run1 > run0 && words == 1 &&
				   !(run0 > seg->sents[si].start && s[run0 - 1] != '(' &&
				     in_parens(s, run0, seg->sents[si].start, &paren_pos, &paren_open))) {
				/* a surname of someone introduced earlier: a later mention
				 * of that person, for pronouns (not a word further in
				 * brackets: "Councillor Stefan Mirow (Independent,
				 * Coldharrow)" names his ward, "(to back Clinton if he
				 * lost)" is an aside; but "He (Petraeus) said" names
				 * who "he" is) */
				size_t wl = run1 - run0;
				if (wl > 2 && s[run1 - 1] == 's' && run1 - run0 > 3 &&
				    ((unsigned char)s[run1 - 2] == 0x99 || s[run1 - 2] == '\''))
					wl -= s[run1 - 2] == '\'' ? 2 : 4;
				for (size_t k2 = es->n, lim = 0; k2-- > 0 && lim++ < LOOKBACK;) {
					const struct entity *e = &es->v[k2];
					if (e->kind != SK_PERSON || e->words < 2)
						continue;
					size_t ln = e->last0;
					if (e->name1 - ln == wl && !memcmp(s + ln, s + run0, wl)) {
						/* (a relative named by the kinship is called by
						 * the full name: the surname alone is another
						 * person of that name named before, if any) */
						if (e->kin) {
							for (size_t k3 = k2, lim3 = 0; k3-- > 0 && lim3++ < LOOKBACK;) {
								const struct entity *o = &es->v[k3];
								if (o->kind == SK_PERSON && o->words >= 2 && o->name0 != e->name0 &&
								    o->name1 - o->last0 == wl && !memcmp(s + o->last0, s + run0, wl) &&
								    !o->kin) {
									e = o;
									break;
								}
							}
						}
						struct entity copy = *e;
						copy.off = run0;
						ALLOC_GROW(es->v, es->n + 1, es->alloc);
						es->v[es->n++] = copy;
						wl = 0;
						break;
					}
				}
				/* (no one so named before: "Hamish, 71, was one of them",
				 * a person named by a first name and an age) */
				if (wl && age_after(s, run1, end)) {
					ALLOC_GROW(es->v, es->n + 1, es->alloc);
					es->v[es->n++] = (struct entity){ run0, run0, run1, 0, 0, SK_PERSON, 1, 0, 0, 0, 0 };
					entity_name_words(&es->v[es->n - 1], s);
				}
			}
			size_t lw0, lw1;   /* the run's last word */
			last_word(s + run0, run1 - run0, &lw0, &lw1);
			int a_place = wordset_get_ci(&r->org_words, s + run0 + lw0, lw1 - lw0) == ORG_PLACE;
			/* ("Lake Osmer froze early. She said ...": a place's name may
			 * open with its kind, and no "she" means it) */
			struct word fw = { run0, run0 };
			while (fw.e < run1 && s[fw.e] != ' ')
				fw.e++;
			a_place |= fw.e < run1 && is_cap(s, &fw) && word_in_list(r, s, &fw, WL_PLACE_KIND);
			/* ("The board wants ...": "board" may follow a name as a
			 * title, but a capital article alone before it names
			 * nothing, and a later "it" must not take "The") */
			int article_only = fw.e >= run1 && determiner(r, s, &fw);
			if (run1 > run0 && words >= 2 && !a_place && !article_only) {
				struct mention m;
				mention_parse(s + run0, run1 - run0, r, &m);
				/* "the Middle East", "the Geneva Convention", "in Las
				 * Vegas": two capitalized words after an article or a
				 * preposition of place name no one "he" can mean */
				if (m.kind == SK_PERSON && m.title1 <= m.title0 && !possessive_len(s + run0, run1 - run0) &&
				    (word_ends_before(s, run0, "the") || word_ends_before(s, run0, "in") ||
				     word_ends_before(s, run0, "near") || word_ends_before(s, run0, "across") ||
				     word_ends_before(s, run0, "outside")))
					m.kind = SK_VAGUE;
				/* ("Mr. Varga" is a person a later "he" can mean, with
				 * no first name ever written) */
				struct word w0 = { run0, run0 };
				while (w0.e < run1 && s[w0.e] != ' ')
					w0.e++;
				int courteous = m.kind == SK_PERSON && m.name_words == 1 && m.name0 > 0 &&
						courtesy(s, &w0, r);
				/* (who was named in full before is that person: "Mr.
				 * Brekke" after "Tomas Brekke") */
				const struct entity *full = courteous ?
					find_surname(r, es, s, s + run0 + m.name0, m.name1 - m.name0, run0, t, a->raw,
						     gender_hint(r, s + run0, run1 - run0, 1)) : NULL;
				if (full) {
					struct entity copy = *full;
					copy.off = run0;
					ALLOC_GROW(es->v, es->n + 1, es->alloc);
					es->v[es->n++] = copy;
				} else if ((m.kind == SK_PERSON && m.name_words >= 2) || courteous ||
				    (m.kind == SK_ORGANIZATION && m.name_words >= 1)) {
					ALLOC_GROW(es->v, es->n + 1, es->alloc);
					es->v[es->n++] = (struct entity){ run0, run0 + m.name0, run0 + m.name1,
						m.title1 > m.title0 ? run0 + m.title0 : 0,
						m.title1 > m.title0 ? run0 + m.title1 : 0, m.kind, m.name_words, 0, 0, 0, 0 };
					entity_name_words(&es->v[es->n - 1], s);
					if (m.kind == SK_PERSON && m.name_words >= 2)
						set_kin(r, s, es, &es->v[es->n - 1]);
					/* ("marine biologist Elin Sward of the University of
					 * Korsvik": the role before the name is her title,
					 * the place she works only its complement) */
					if (m.kind == SK_PERSON && (m.title1 <= m.title0 || m.title0 >= m.name1))
						title_before_comma(&es->v[es->n - 1], s, seg->sents[si].start, r);
					else if (m.kind == SK_PERSON && run0 >= seg->sents[si].start + 3 && s[run0 - 2] == ',') {
						/* ("the committee's chair, Councillor Ada Vell": a
						 * role before the comma and a title in the run are
						 * both hers, and a later "the chair" means her) */
						struct entity tmp = es->v[es->n - 1];
						tmp.name0 = run0;
						tmp.title0 = tmp.title1 = 0;
						title_before_comma(&tmp, s, seg->sents[si].start, r);
						if (tmp.title1)
							es->v[es->n - 1].title0 = tmp.title0;
					}
					if (m.kind == SK_PERSON && !es->v[es->n - 1].title1)
						title_after_comma(&es->v[es->n - 1], s, end, r);
				}
			}
			i = k > i ? k : i + 1;
			while (i < end && s[i] != ' ')
				i++;
		}
	}
}

/* Entities are in text order: the index of the first at or after off. */
static size_t entities_before(const struct entities *es, size_t off)
{
	size_t lo = 0, hi = es->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (es->v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}


static int add_source(struct source_table *t, const char *name, size_t nlen, const char *title,
		      size_t tlen, enum source_kind kind, size_t first)
{
	/* the most recent sources first: the same speaker recurs nearby; the
	 * bound keeps a pathological article linear (a far repeat then gets a
	 * second row, which the store merges by name anyway) */
	for (size_t i = t->n, lim = 0; i-- > 0 && lim++ < LOOKBACK;) {
		if (t->v[i].kind == kind && strlen(t->v[i].name) == nlen && !memcmp(t->v[i].name, name, nlen)) {
			if (!t->v[i].title && tlen)
				t->v[i].title = xstrndup(title, tlen);
			return (int)i;
		}
	}
	ALLOC_GROW(t->v, t->n + 1, t->alloc);
	struct source *src = &t->v[t->n];
	src->name = xstrndup(name, nlen);
	src->title = tlen ? xstrndup(title, tlen) : NULL;
	src->affiliation = NULL;
	src->kind = kind;
	src->first = first;
	src->gender = 0;
	return (int)t->n++;
}

/* An organization described, not named ("company", "regional water
 * board"): written with its article, "the company", as the text writes
 * it in a sentence, also where a headline drops the article. */
static int add_described_source(struct source_table *t, const char *desc, size_t len, enum source_kind kind,
				size_t first)
{
	strbuf nb = STRBUF_INIT;
	strbuf_addstr(&nb, "the ");
	strbuf_add(&nb, desc, len);
	int src = add_source(t, nb.buf, nb.len, NULL, 0, kind, first);
	strbuf_release(&nb);
	return src;
}

/* The recent source of that name, or -1; creates none. */
static int find_source(const struct source_table *t, const char *name, size_t nlen)
{
	for (size_t i = t->n, lim = 0; i-- > 0 && lim++ < LOOKBACK;)
		if (strlen(t->v[i].name) == nlen && !memcmp(t->v[i].name, name, nlen))
			return (int)i;
	return -1;
}

/* Would "he" (g 'm') or "she" ('f') refer to source src against what is
 * known of it? */
static int gender_clash(const struct source_table *t, int src, int g)
{
	if (src < 0)
		return 0;
	/* (the writer, "I" or "we" outside a quotation, is nobody a "he",
	 * "she", "it" or "they" of the text refers to) */
	const char *n = t->v[src].name;
	if (g != 'i' && (!strcasecmp(n, "i") || !strcasecmp(n, "we")))
		return 1;
	return (g == 'm' || g == 'f') && t->v[src].gender && t->v[src].gender != g;
}

/* 'f' or 'm' when a word of s[0..n) says so, else 0: an honorific before
 * a name ("Mrs. Lund", "Mr. Dahl"; honorifics only when names_ok) or a
 * title made with -woman ("the spokeswoman"). Titles made with -man say
 * nothing: many papers write "spokesman" for a woman too; nor does "Miss."
 * after a town (Mississippi). */
static int gender_hint(const struct rules *r, const char *s, size_t n, int names_ok)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && !isalpha((unsigned char)s[i]))
			i++;
		size_t w = i;
		while (i < n && isalpha((unsigned char)s[i]))
			i++;
		size_t len = i - w;
		struct word wd = { w, i };
		lex_lists lists = lists_of(r, s, &wd);
		if (lists & WL_FEMALE)
			return 'f';
		if (lists & WL_MALE)
			return 'm';
		if (!names_ok || !len)
			continue;
		/* an honorific: then a space and a capital */
		size_t after = i + (i < n && s[i] == '.');
		if (after + 1 >= n || s[after] != ' ' || !isupper((unsigned char)s[after + 1]))
			continue;
		if ((len == 3 && !strncmp(s + w, "Mrs", 3)) || (len == 2 && !strncmp(s + w, "Ms", 2)) ||
		    (len == 4 && !strncmp(s + w, "Miss", 4) && i < n && s[i] == ' ') ||
		    (len == 4 && !strncmp(s + w, "Dame", 4)))
			return 'f';
		if ((len == 2 && !strncmp(s + w, "Mr", 2)) || (len == 3 && !strncmp(s + w, "Sir", 3)))
			return 'm';
	}
	return 0;
}

/* Is the name written at raw[at] a possessor ("Vesterlund's absence",
 * "Ada Vell's aide"): its capitalized words, then 's or ’s? */
static int possessor_at(const char *raw, size_t at)
{
	size_t j = at;
	for (;;) {
		for (;;) {
			unsigned char c = (unsigned char)raw[j];
			if (isalpha(c) || c == '.' || c == '-')
				j++;
			else if (c >= 0xC0 && !(c == 0xE2 && (unsigned char)raw[j + 1] == 0x80 &&
						 (unsigned char)raw[j + 2] == 0x99)) {
				j++;
				while (((unsigned char)raw[j] & 0xC0) == 0x80)
					j++;
			} else
				break;
		}
		if (raw[j] == ' ' && isupper((unsigned char)raw[j + 1]))
			j++;
		else
			break;
	}
	if (raw[j] == '\'' && raw[j + 1] == 's' && !isalpha((unsigned char)raw[j + 2]))
		return 1;
	return (unsigned char)raw[j] == 0xE2 && (unsigned char)raw[j + 1] == 0x80 && (unsigned char)raw[j + 2] == 0x99 &&
	       raw[j + 3] == 's' && !isalpha((unsigned char)raw[j + 4]);
}

/* The source of an earlier quote of q's paragraph (q is ql->v[i]), in
 * the sentence before q's or in q's, whose content holds entity e and
 * whose speaker is one unnamed person described with a relative clause
 * ("the pathologist who carried out the examination") of no gender
 * against g; else -1. */
static int anon_said_about(const struct rules *r, const struct source_table *t, const struct quote_list *ql,
			   size_t i, const struct entity *e, int g)
{
	const struct quote *q = &ql->v[i];
	for (size_t k = i; k-- > 0;) {
		const struct quote *p = &ql->v[k];
		if (p->para != q->para || p->sent + 1 < q->sent)
			break;
		if (p->source < 0 || t->v[p->source].kind != SK_ANONYMOUS || e->off < p->start || e->off >= p->end)
			continue;
		const char *n = t->v[p->source].name;
		const char *who = strstr(n, " who ");
		/* (one told apart by a restrictive relative clause: "the
		 * candidate" may be anyone named before) */
		if (!who)
			continue;
		size_t nl = (size_t)(who - n);
		if (gender_clash(t, p->source, g) || (gender_hint(r, n, nl, 0) && gender_hint(r, n, nl, 0) != g) ||
		    !described_person(n, nl, r))
			continue;
		return p->source;
	}
	return -1;
}

/* Does the sentence [a, b) open with a possessive and a noun of kinship
 * of gender g ("My daughter, who ...", "Her husband said"), then a comma
 * or a lowercase word? The end of the noun, else 0. */
static size_t kin_subject(const struct rules *r, const char *s, size_t a, size_t b, int g)
{
	while (a < b && (s[a] == ' ' || s[a] == '\n'))
		a++;
	size_t e = a;
	while (e < b && isalpha((unsigned char)s[e]))
		e++;
	struct word pw = { a, e };
	if (e == a || e >= b || s[e] != ' ' || !word_in_list(r, s, &pw, WL_POSSESSIVE))
		return 0;
	size_t k0 = e + 1, k1 = k0;
	while (k1 < b && isalpha((unsigned char)s[k1]))
		k1++;
	struct word kw = { k0, k1 };
	if (k1 == k0 || k1 + 2 >= b || !word_in_list(r, s, &kw, WL_KIN) || gender_hint(r, s + k0, k1 - k0, 0) != g)
		return 0;
	if (s[k1] == ',' || (s[k1] == ' ' && s[k1 + 1] >= 'a' && s[k1 + 1] <= 'z'))
		return k1;
	return 0;
}

/* "he told our reporter Lene Farr that ...": a person named right after
 * "told" (a lowercase word of the words.txt list "tell"; up to three
 * lowercase words between: a determiner, a title) is the listener, whom a
 * later "he" or "she" does not mean. */
static int listener(const struct rules *r, const char *raw, const struct entity *e)
{
	size_t i = e->title1 > e->title0 && e->title0 < e->name0 ? e->title0 : e->name0;
	if (e->off < i)
		i = e->off;
	for (int n = 0; n < 4 && i > 0; n++) {
		size_t end = i;
		while (end > 0 && raw[end - 1] == ' ')
			end--;
		if (end == i)
			return 0;
		size_t st = end;
		while (st > 0 && raw[st - 1] >= 'a' && raw[st - 1] <= 'z')
			st--;
		if (st == end || (st > 0 && raw[st - 1] != ' ' && raw[st - 1] != '\n'))
			return 0;
		if (rules_word_lists(r, raw + st, end - st) & WL_TELL)   /* lowercase: see above */
			return 1;
		i = st;
	}
	return 0;
}

/* "A neighbour says she heard ...": reported speech whose subject is a
 * pronoun of gender g, which names the speaker itself. */
static int reports_self(const char *raw, const struct quote *p, int g)
{
	const char *w = g == 'f' ? "she " : g == 'm' ? "he " : NULL;
	size_t n = w ? strlen(w) : 0;
	if (w && p->kind != QK_DIRECT && p->end - p->start > n && !strncmp(raw + p->start, w, n))
		return 1;
	/* ("A sports doctor who ..., and who asked not to be named because
	 * of his contracts, said ...": a relative clause of the speaker,
	 * before the cue, says whose gender with "his" or "her" alone) */
	if (!w || p->spk_start == NO_SPAN || p->cue_start < p->spk_start || p->cue_start - p->spk_start > 300)
		return 0;
	size_t a = p->spk_start, b = p->cue_start, who = SIZE_MAX;
	int mine = 0, other = 0;
	for (size_t i = a; i + 5 <= b; i++) {
		if (raw[i] != ' ')
			continue;
		if (!strncmp(raw + i, " who ", 5) && who == SIZE_MAX)
			who = i;
		if (who == SIZE_MAX)
			continue;
		int his = !strncmp(raw + i, " his ", 5) || !strncmp(raw + i, " he ", 4) || !strncmp(raw + i, " him", 4);
		int her = !strncmp(raw + i, " her ", 5) || !strncmp(raw + i, " she ", 5) || !strncmp(raw + i, " her,", 5);
		mine += g == 'm' ? his : her;
		other += g == 'm' ? her : his;
	}
	return mine && !other;
}

/* What quote q's speaker phrase and apposition say of its source's gender. */
static void learn_gender(const struct rules *r, struct source_table *t, const struct quote *q, const char *s)
{
	if (q->source < 0 || t->v[q->source].kind != SK_PERSON || t->v[q->source].gender ||
	    q->spk_start == NO_SPAN)
		return;
	int g = gender_hint(r, s + q->spk_start, q->spk_end - q->spk_start, 1);
	if (!g && q->appos_start != NO_SPAN)
		g = gender_hint(r, s + q->appos_start, q->appos_end - q->appos_start, 0);
	t->v[q->source].gender = (char)g;
}

/* The gender known of entity e: its source's, else its title's. */
static int entity_gender(const struct rules *r, const struct source_table *t, const struct entity *e,
			 const char *raw)
{
	int src = find_source(t, raw + e->name0, e->name1 - e->name0);
	if (src >= 0 && t->v[src].gender)
		return t->v[src].gender;
	if (e->gender)
		return e->gender;
	/* ("Ms. Holm": the honorific before the name) */
	if (e->off < e->name0) {
		int g = gender_hint(r, raw + e->off, e->name1 - e->off, 1);
		if (g)
			return g;
	}
	return e->title1 > e->title0 ? gender_hint(r, raw + e->title0, e->title1 - e->title0, 0) : 0;
}

/* The person introduced before `before` whose last (or, for family-name
 * first names, first) word is the surname; most recent wins. gender: 'f'
 * or 'm' from an honorific ("Ms. Aronsen" is not her son), else 0. */
/* Was the person e names introduced right after a noun of kinship ("Her
 * daughter, Marisol Rosslyn"), at this mention or an earlier one of the
 * same full name? */
static int kin_at(const struct rules *r, const char *s, size_t at)
{
	size_t lo = at > 40 ? at - 40 : 0;
	for (size_t k = at; k > lo; k--)
		if (s[k - 1] == '\n' || (s[k - 1] == ' ' && k >= 2 && s[k - 2] == '.')) {
			lo = k;
			break;
		}
	return after_kin_noun(r, s, at, lo);
}

/* Sets e's kin: introduced right after a noun of kinship, or named so
 * at an earlier mention of the same full name (the last LOOKBACK). */
static void set_kin(const struct rules *r, const char *s, const struct entities *es, struct entity *e)
{
	e->kin = (char)kin_at(r, s, e->name0);
	size_t n = e->name1 - e->name0, k = (size_t)(e - es->v);
	for (size_t lim = 0; !e->kin && k-- > 0 && lim++ < LOOKBACK;) {
		const struct entity *o = &es->v[k];
		if (o->kin && o->name1 - o->name0 == n && !memcmp(s + o->name0, s + e->name0, n))
			e->kin = 1;
	}
}

static const struct entity *find_surname(const struct rules *r, const struct entities *es, const char *s,
					 const char *name, size_t len, size_t before,
					 const struct source_table *t, const char *raw, int gender)
{
	const struct entity *best = NULL;
	int best_last = 0;
	size_t end = entities_before(es, before);
	for (size_t i = end > LOOKBACK ? end - LOOKBACK : 0; i < end; i++) {
		const struct entity *e = &es->v[i];
		if (e->kind != SK_PERSON || e->words < 2)
			continue;
		if (gender) {
			int eg = entity_gender(r, t, e, raw);
			if (eg && eg != gender)
				continue;
		}
		size_t ln = e->last0;
		int last = e->name1 - ln == len && !memcmp(s + ln, name, len);
		size_t fe = e->first1;
		int firstw = fe - e->name0 == len && !memcmp(s + e->name0, name, len);
		/* ("Her daughter, Marisol Rosslyn, said ... Rosslyn once said":
		 * a relative introduced by the kinship is called by her full name,
		 * the surname alone is the other person of that name) */
		if (last && best_last && e->kin && !best->kin &&
		    best->name0 != e->name0)
			continue;
		if (last || (firstw && !best_last)) {
			best = e;
			best_last = last;
		}
	}
	return best;
}

/* Is the last word of s[0..n) in ws (any case)? "the transport minister" */
static int last_word_in(const struct wordset *ws, const char *s, size_t n)
{
	while (n && s[n - 1] == ' ')
		n--;
	size_t b = n;
	while (b && s[b - 1] != ' ')
		b--;
	return n > b && wordset_get_ci(ws, s + b, n - b) >= 0;
}

/* A description tying a role to a body: "the council's planning officer",
 * "a clerk for the board", "an official at the port", "the head of
 * ...". */
static int role_of_body(const char *name)
{
	return strstr(name, "'s ") || strstr(name, "\xe2\x80\x99s ") || strstr(name, " for ") ||
	       strstr(name, " at ") || strstr(name, " of ");
}

/* "the transport minister", "Ek's neighbour": one person described by a
 * title or a lower-case noun, not a group ("officials") nor a body ("the
 * operator", "the agency"). */
static int described_person(const char *s, size_t n, const struct rules *r)
{
	/* the head noun comes before its complement: "a spokesman for the
	 * authority" describes a person */
	static const char *const preps[] = { " for ", " of ", " at ", " with ", " to ", NULL };
	/* "One of the fishermen, Jonas Berg, said": one person of a group */
	if (n > 7 && !strncasecmp(s, "one of ", 7))
		return 1;
	for (size_t i = 1; i + 4 < n; i++)
		for (int k = 0; preps[k]; k++)
			if (s[i] == ' ' && !strncmp(s + i, preps[k], strlen(preps[k]))) {
				n = i;
				goto head;
			}
head:
	while (n && s[n - 1] == ' ')
		n--;
	size_t b = n;
	while (b && s[b - 1] != ' ')
		b--;
	if (n == b || wordset_get_ci(&r->org_words, s + b, n - b) >= 0)
		return 0;
	if (wordset_get_ci(&r->titles, s + b, n - b) >= 0)
		return 1;
	struct word w = { b, n };
	return s[b] >= 'a' && s[b] <= 'z' && !plural_noun(s, &w);
}

/* How many bytes of s[a..b) the courtesy titles before a name take:
 * "the committee's chair, Dame Ida Lund," and "the head of the board,
 * Mrs Ida Lund," name the person as a bare name does. */
static size_t courtesy_len(const struct rules *r, const char *s, size_t a, size_t b)
{
	size_t i = a;
	for (;;) {
		size_t e = i;
		while (e < b && s[e] != ' ')
			e++;
		if (e == i || e == b || wordset_get(&r->abbrev, s + i, e - i) != 1)
			return i - a;
		while (e < b && s[e] == ' ')
			e++;
		i = e;
	}
}

/* Title from an apposition: "director of the Center ..." or "a former
 * adviser to ...", cut before a relative clause. */
static void appos_title(const struct rules *r, const char *s, size_t a, size_t b, size_t *t0, size_t *t1)
{
	*t0 = *t1 = 0;
	while (a < b && s[a] == ' ')
		a++;
	/* ", 62, a farmer from Varby,": the age first */
	size_t d = a;
	while (d < b && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > a && d - a <= 3 && d + 1 < b && s[d] == ',') {
		a = d + 1;
		while (a < b && s[a] == ' ')
			a++;
	}
	if (b - a < 3 || !text_is_lower(s, a, b))
		return;
	static const char *const skip[] = { "a ", "an ", "the ", NULL };
	for (int i = 0; skip[i]; i++)
		if (!strncmp(s + a, skip[i], strlen(skip[i])))
			a += strlen(skip[i]);
	if (!strncmp(s + a, "who ", 4) || !strncmp(s + a, "which ", 6) || !strncmp(s + a, "whose ", 6))
		return;
	/* ", speaking to reporters at the quay,": what the speaker did, not a title */
	size_t w = a;
	while (w < b && s[w] >= 'a' && s[w] <= 'z')
		w++;
	if (w - a > 4 && !strncmp(s + w - 3, "ing", 3))
		return;
	/* ", for his part,", ", in turn,", ", however,": an adverbial, not a
	 * title (a word of lowercase letters: the list's case) */
	struct word aw = { a, w };
	if (word_in_list(r, s, &aw, WL_ADVERBIAL))
		return;
	size_t e = a;
	for (int again = 1; again >= 0; again--) {
		size_t from = e;
		while (e < b) {
			if (!strncmp(s + e, " who ", 5) || !strncmp(s + e, " which ", 7) || s[e] == ',' ||
			    (unsigned char)s[e] == 0x01 || s[e] == '"')
				break;
			e++;
		}
		/* "the brusque, silver-haired mayor": one word that is no title
		 * nor source noun, then more lowercase words after the comma,
		 * is the first of coordinate adjectives, not the description */
		struct word one = { from, e };
		int plural;
		if (!again || from != a || e + 3 >= b || s[e] != ',' || s[e + 1] != ' ' ||
		    !(s[e + 2] >= 'a' && s[e + 2] <= 'z') || memchr(s + a, ' ', e - a) ||
		    in_set(&r->titles, s, &one) || set_value(&r->source_nouns, s, &one, &plural) >= 0 ||
		    people_noun(s, &one) || in_org(r, s, &one))
			break;
		e += 2;
	}
	while (e > a && s[e - 1] == ' ')
		e--;
	if (e - a > 160)
		return;
	*t0 = a;
	*t1 = e;
}

/* A name with a word of that kind in it: a business's, "Calder Tide
 * Chemicals", "Acme Inc."; an outlet's, "Selm Daily" */
static int org_kind_name(const char *name, size_t n, const struct rules *r, int kind)
{
	size_t i = 0;
	while (i < n) {
		while (i < n && name[i] == ' ')
			i++;
		size_t w = i;
		while (i < n && name[i] != ' ')
			i++;
		if (i > w && wordset_get_ci(&r->org_words, name + w, i - w) == kind)
			return 1;
	}
	return 0;
}

/* Is entity e alone in its paragraph, a line of the article's header
 * ("Business and Law Desk", an outlet's name) rather than a body's
 * mention? */
static int alone_in_para(const struct segmentation *seg, const char *s, const struct entity *e)
{
	/* (the paragraphs are in text order: the last one starting at or
	 * before the name) */
	size_t lo = 0, hi = seg->nparas;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (seg->paras[mid].start <= e->name0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0) {
		const struct paragraph *p = &seg->paras[lo - 1];
		if (e->name0 >= p->end)
			return 0;
		size_t a = p->start, b = p->end;
		while (a < b && (s[a] == ' ' || s[a] == '\n'))
			a++;
		while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
			b--;
		return a == e->name0 && b == e->name1;
	}
	return 0;
}

static int company_name(const char *name, size_t n, const struct rules *r)
{
	return org_kind_name(name, n, r, ORG_COMPANY);
}

/* Does hay hold the word w (any case, starting at a word)? */
static int has_word(const char *hay, size_t n, const char *w, size_t wl)
{
	for (size_t i = 0; i + wl <= n; i++)
		if ((i == 0 || hay[i - 1] == ' ') && !strncasecmp(hay + i, w, wl))
			return 1;
	return 0;
}

/* Does every capitalized word of the description d[0, dn) ("Vermont
 * senator", "NATO's secretary general") come in the title t[0, tn)?
 * "The Vermont senator" is no "former senator ... from Massachusetts". */
static int same_modifiers(const char *d, size_t dn, const char *t, size_t tn)
{
	for (size_t i = 0; i < dn;) {
		size_t e = i;
		while (e < dn && d[e] != ' ')
			e++;
		struct word dw = { i, e };
		size_t we = e - possessive(d, &dw);
		if (isupper((unsigned char)d[i]) && !has_word(t, tn, d + i, we - i))
			return 0;
		i = e + 1;
	}
	return 1;
}

/* Where a possessive name at s[at] ("Kestrel Review's") goes on with a
 * few lowercase words that end in the head word w ("editorial board"):
 * the end of that word, before `lim`; else 0. The body named so is
 * what a later "the board" refers to. */
static size_t possessed_head(const char *s, size_t at, size_t lim, const char *w, size_t wl)
{
	size_t i = at;
	/* (the name may end in its possessive already) */
	struct word name_end = { 0, at };
	if (possessive(s, &name_end) && i + 1 <= lim && s[i] == ' ')
		i += 1;
	else if (i + 3 <= lim && s[i] == '\'' && s[i + 1] == 's' && s[i + 2] == ' ')
		i += 3;
	else if (i + 5 <= lim && !memcmp(s + i, "\xe2\x80\x99s ", 5))
		i += 5;
	else
		return 0;
	for (int words = 0; words < 3 && i < lim && islower((unsigned char)s[i]); words++) {
		size_t b = i;
		while (i < lim && isalpha((unsigned char)s[i]))
			i++;
		if (i - b == wl && !strncasecmp(s + b, w, wl))
			return i;
		if (i >= lim || s[i] != ' ')
			break;
		i++;
	}
	return 0;
}

/* Is the word right before s[at] (one space between) the word w? */
static int word_before(const char *s, size_t at, const char *w, size_t wl)
{
	if (at < wl + 1 || s[at - 1] != ' ')
		return 0;
	size_t b = at - 1 - wl;
	return !strncasecmp(s + b, w, wl) && (b == 0 || s[b - 1] == ' ' || s[b - 1] == '\n');
}


/* Does a title name the role `head`, in full or abbreviated ("Sen." for
 * "the senator", "Gov." for "the governor")? */
static int title_has_head(const char *title, size_t n, const char *head, size_t hl)
{
	if (has_word(title, n, head, hl))
		return 1;
	/* ("Justice Ada Vell ... the judge wrote": a judge of a higher
	 * court is titled Justice) */
	if (hl == 5 && !strncasecmp(head, "judge", 5) && has_word(title, n, "justice", 7))
		return 1;
	for (size_t i = 0; i < n;) {
		size_t w = i;
		while (i < n && title[i] != ' ')
			i++;
		/* "Sen.": at least three letters, then the period */
		if (i - w >= 4 && title[i - 1] == '.' && i - 1 - w < hl && !strncasecmp(title + w, head, i - 1 - w))
			return 1;
		while (i < n && title[i] == ' ')
			i++;
	}
	return 0;
}

/* Where a sentence opening with a question put to the subject ("Asked
 * if ...", "When pressed about ...") begins, if the pronoun at `at` ends
 * it; else SIZE_MAX. */
static size_t asked_clause(const struct rules *r, const char *s, size_t sent_start, size_t at)
{
	size_t i = sent_start;
	while (i < at && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '"' || s[i] == '\x07'))
		i++;
	/* "Asked", or "asked" after "When" or "If"; a space after it */
	size_t p = i;
	int lead = 0;
	if (at - p > 5 && !strncmp(s + p, "When ", 5))
		p += 5, lead = 1;
	else if (at - p > 3 && !strncmp(s + p, "If ", 3))
		p += 3, lead = 1;
	size_t e = p;
	if (!lead) {
		if (e >= at || s[e] < 'A' || s[e] > 'Z')
			return SIZE_MAX;
		e++;
	}
	while (e < at && s[e] >= 'a' && s[e] <= 'z')
		e++;
	struct word w = { p, e };
	if (e >= at || s[e] != ' ' || !word_in_list(r, s, &w, WL_ASKED))
		return SIZE_MAX;
	return i;
}

/* A description in parentheses right after the name at `at` ("Saga Lind
 * (its leader) said"), as a title: [*t0, *t1), else both 0. A party and
 * state ("(R-Texas)") or a nickname opens with a capital and is none. */
static void paren_title(const char *s, size_t len, size_t at, size_t *t0, size_t *t1)
{
	static const char *const lead[] = { "a ", "an ", "the ", "Its ", "His ", "Her ", "Their ", NULL };
	*t0 = *t1 = 0;
	while (at < len && s[at] == ' ')
		at++;
	if (at >= len || s[at] != '(')
		return;
	size_t a = at + 1, e = a;
	while (e < len && e - a < 80 && s[e] != ')' && s[e] != '(' && s[e] != '\n' && (unsigned char)s[e] >= 0x20)
		e++;
	if (e >= len || s[e] != ')')
		return;
	while (a < e && s[a] == ' ')
		a++;
	while (e > a && s[e - 1] == ' ')
		e--;
	for (int i = 0; lead[i]; i++) {
		size_t n = strlen(lead[i]);
		if (e - a > n && !strncmp(s + a, lead[i], n)) {
			if (i < 3)
				a += n;
			else
				goto take;   /* "(Its leader)" */
		}
	}
	if (e - a < 3 || !text_is_lower(s, a, e))
		return;
take:
	*t0 = a;
	*t1 = e;
}

/* Does a word that reads as a finite verb start at raw[i] ("had",
 * "met", "raised", "says": words.txt finite-verb, or in -ed or -s)? The
 * noun phrase before it ends there: "The port authority had", not "The
 * union hall was". */
static int verb_like(const struct rules *r, const char *raw, size_t i, size_t at)
{
	size_t e = i;
	while (e < at && raw[e] >= 'a' && raw[e] <= 'z')
		e++;
	if (e - i < 2)
		return 0;
	if (rules_word_lists(r, raw + i, e - i) & WL_FINITE_VERB)   /* lowercase: raw[i, e) is */
		return 1;
	return (e - i > 3 && raw[e - 1] == 'd' && raw[e - 2] == 'e') || (e - i > 3 && raw[e - 1] == 's' && raw[e - 2] != 's');
}

/* The organization a sentence at raw[from] opens with when it is
 * described, not named: lowercase words ending in a singular
 * organization noun, after "The" ("The port authority had offered") or
 * a possessive name ("Lenmark's environment ministry said"). Into `out`
 * as a source is named, without the article or the possessive's "'s";
 * 0 when the sentence opens otherwise. (Only the subject: "its" means
 * the one the sentence was about, not "the union hall" inside it.) */
static int org_description(const struct rules *r, strbuf *out, const char *raw, size_t from, size_t at)
{
	while (from < at && (raw[from] == ' ' || raw[from] == '\n'))
		from++;
	size_t i = from, d0, pos0 = 0, pos1 = 0;
	while (i < at && raw[i] != ' ')
		i++;
	if (i - from == 3 && !strncmp(raw + from, "The", 3)) {
		d0 = i + 1;
	} else {
		struct word fw = { from, i };
		size_t pl = possessive(raw, &fw);
		if (!pl || !(raw[from] >= 'A' && raw[from] <= 'Z'))
			return 0;
		d0 = from;
		pos0 = i - pl;
		pos1 = i;
	}
	/* up to four lowercase words, the last an organization noun */
	size_t w0 = i + 1;
	for (int n = 0; n < 4 && w0 < at; n++) {
		size_t e = w0;
		while (e < at && raw[e] >= 'a' && raw[e] <= 'z')
			e++;
		if (e == w0 || (e < at && raw[e] != ' ' && raw[e] != ','))
			return 0;
		if (wordset_get_ci(&r->org_words, raw + w0, e - w0) >= 0 && (raw[e] == ',' || verb_like(r, raw, e + 1, at))) {
			strbuf_reset(out);
			strbuf_add(out, raw + d0, (pos1 > pos0 ? pos0 : e) - d0);
			if (pos1 > pos0)
				strbuf_add(out, raw + pos1, e - pos1);
			return 1;
		}
		w0 = e + 1;
	}
	return 0;
}

/* Does the article name, as an organization, what name[0..n) names with
 * its possessive's "'s" (or "’s") after name[0..pl) left out ("Aldmark's
 * environment agency" and "Aldmark Environment Agency"), any case? */
static int named_without_possessive(const struct entities *es, const char *raw, const char *name, size_t n,
				    size_t pl)
{
	size_t skip = name[pl] == '\'' ? 2 : 4;
	if (pl + skip > n)
		return 0;
	size_t rest = n - pl - skip;
	for (size_t k = 0; k < es->n; k++) {
		const struct entity *e = &es->v[k];
		if (e->kind != SK_ORGANIZATION || e->name1 - e->name0 != pl + rest)
			continue;
		if (!strncasecmp(raw + e->name0, name, pl) && !strncasecmp(raw + e->name0 + pl, name + pl + skip, rest))
			return 1;
	}
	return 0;
}

/* Title `title` of a person (`self`), when it opens with "its" ("its
 * leader"): the organization named last before `at` in the same or the
 * previous sentence takes the place of "its", written before the role as
 * news writes it ("Kellmore Sailing Union leader"); with "his" or "her",
 * the person named last. Into `out`; 0 when nobody is at hand. */
static int its_title(const struct rules *r, strbuf *out, const char *title, size_t tlen, const char *raw,
		     const struct entities *es, size_t at, size_t from, const char *self, size_t self_len)
{
	if (tlen > 4 && (!strncasecmp(title, "his ", 4) || !strncasecmp(title, "her ", 4))) {
		/* "Her son, Erik,", "His spokesman, Per Dahl,": the person
		 * named last before, other than the speaker; as news writes
		 * it, "Jo Marsh's son" */
		const struct entity *p = NULL;
		for (size_t k = entities_before(es, at); k-- > 0 && es->v[k].off >= from;)
			if (es->v[k].kind == SK_PERSON && es->v[k].words >= 2 &&
			    !(es->v[k].name1 - es->v[k].name0 == self_len &&
			      !memcmp(raw + es->v[k].name0, self, self_len))) {
				p = &es->v[k];
				break;
			}
		if (!p)
			return 0;
		strbuf_reset(out);
		strbuf_add(out, raw + p->name0, p->name1 - p->name0);
		strbuf_addstr(out, "'s ");
		strbuf_add(out, title + 4, tlen - 4);
		return 1;
	}
	if (tlen < 5 || strncasecmp(title, "its ", 4))
		return 0;
	const struct entity *org = NULL;
	for (size_t k = entities_before(es, at); k-- > 0 && es->v[k].off >= from;)
		if (es->v[k].kind == SK_ORGANIZATION) {
			org = &es->v[k];
			break;
		}
	/* (or an organization described, not named: "The port authority
	 * had offered ... Its director, Arne Solbakk," is the "port
	 * authority director") */
	strbuf desc = STRBUF_INIT;
	if (!org && !org_description(r, &desc, raw, from, at))
		return 0;
	const char *name = org ? raw + org->name0 : desc.buf;
	size_t nl = org ? org->name1 - org->name0 : desc.len;
	if (nl > 4 && !strncasecmp(name, "the ", 4)) {
		name += 4;
		nl -= 4;
	}
	title += 4;
	tlen -= 4;
	strbuf_reset(out);
	/* "its former leader": the modifier stays before the role, in
	 * lowercase as listed */
	size_t m = 0;
	while (m < tlen && title[m] >= 'a' && title[m] <= 'z')
		m++;
	struct word mw = { 0, m };
	if (m + 1 < tlen && title[m] == ' ' && word_in_list(r, title, &mw, WL_TITLE_MODIFIER)) {
		strbuf_add(out, title, m + 1);
		title += m + 1;
		tlen -= m + 1;
	}
	strbuf_add(out, name, nl);
	strbuf_addch(out, ' ');
	strbuf_add(out, title, tlen);
	strbuf_release(&desc);
	return 1;
}

/* A speaker span a rule took with an adverb in it: "Sanders probably"
 * is Sanders; "then" alone (from "he then said") is the subject before
 * it, a pronoun or a run of capitalized words in the same sentence (from
 * `floor` on). 1 when *ms, *me changed. */
/* Is s[p, e) a subject pronoun, "he" or "He", not "HE"? */
static int subject_pronoun(const char *s, size_t p, size_t e)
{
	static const char *const pronouns[] = { "he", "she", "they", "it", "we", NULL };
	for (int k = 0; pronouns[k]; k++)
		if (e - p == strlen(pronouns[k]) && (s[p] | 0x20) == pronouns[k][0] &&
		    !strncmp(s + p + 1, pronouns[k] + 1, e - p - 1))
			return 1;
	return 0;
}

/* The subject a sentence opens with, before a (the span [floor, a)): a
 * pronoun, or a run of capitalized words followed by a lowercase word or
 * a comma ("Vell rubbed", "Vell, tired,"); not an opener ("Meanwhile"),
 * a day or an adverb in -ly. 1 with its span in *ps, *pe. */
static int opening_subject(const struct rules *r, const char *s, size_t floor, size_t a, size_t *ps, size_t *pe)
{
	size_t p = floor, e;
	while (p < a && (s[p] == ' ' || s[p] == '\n' || (unsigned char)s[p] < 0x20))
		p++;
	e = p;
	while (e < a && s[e] != ' ' && s[e] != ',')
		e++;
	if (e >= a)
		return 0;
	if (subject_pronoun(s, p, e)) {
		*ps = p;
		*pe = e;
		return 1;
	}
	/* an opener as the list has it: a capital, then lowercase */
	struct word fw = { p, e };
	size_t k = p + 1;
	while (k < e && s[k] >= 'a' && s[k] <= 'z')
		k++;
	if (k == e && s[p] >= 'A' && s[p] <= 'Z' && word_in_list(r, s, &fw, WL_OPENER))
		return 0;
	if (!text_is_upper(s, p, e) || calendar_word(r, s, &fw) || (e - p > 4 && s[e - 2] == 'l' && s[e - 1] == 'y'))
		return 0;
	while (e + 1 < a && s[e] == ' ' && text_is_upper(s, e + 1, a)) {
		e++;
		while (e < a && s[e] != ' ' && s[e] != ',')
			e++;
	}
	/* (a name, then a verb or an apposition: "Vell rubbed",
	 * "Vell, tired,") */
	if (e >= a || (s[e] != ' ' && s[e] != ',') || s[e - 1] == '.' ||
	    (s[e] == ' ' && !(s[e + 1] >= 'a' && s[e + 1] <= 'z')))
		return 0;
	*ps = p;
	*pe = e;
	return 1;
}

static int drop_adverbs(const struct rules *r, const char *s, size_t floor, size_t *ms, size_t *me)
{
	size_t a = *ms, b = *me;
	while (b > a && s[b - 1] == ' ')
		b--;
	size_t w = b;
	while (w > a && s[w - 1] != ' ')
		w--;
	if (!rules_is_adverb(r, s, w, b))
		return 0;
	if (w > a) {
		/* "Sanders probably": the words before it */
		while (w > a && s[w - 1] == ' ')
			w--;
		*me = w;
		return 1;
	}
	/* "then" alone: one space, then the subject before it */
	if (a < floor + 2 || s[a - 1] != ' ' || s[a - 2] == ' ')
		return 0;
	size_t e = a - 1, p = e;
	while (p > floor && s[p - 1] != ' ' && s[p - 1] != '\n')
		p--;
	int cap_before = text_is_upper(s, p, e) && s[e - 1] != ',' && s[e - 1] != '.';
	int pron_before = subject_pronoun(s, p, e);
	if (!cap_before && !pron_before) {
		/* "Lund rubbed his chin, and then said", "Vell, tired,
		 * famously replied", "Holm has also broadly called": the
		 * subject of the sentence, when it opens with a pronoun or a
		 * name */
		if (!opening_subject(r, s, floor, a, &p, &e))
			return 0;
		*ms = p;
		*me = e;
		return 1;
	}
	if (pron_before) {
		*ms = p;
		*me = e;
		return 1;
	}
	if (!text_is_upper(s, p, e) || s[e - 1] == ',' || s[e - 1] == '.')
		return 0;
	/* "Sen. Ada Vell then said": back over the capitalized words */
	size_t first = p;
	for (int words = 1; words < 5 && first > floor + 1 && s[first - 1] == ' ';) {
		size_t q = first - 1;
		while (q > floor && s[q - 1] != ' ' && s[q - 1] != '\n')
			q--;
		if (!text_is_upper(s, q, first - 1) || s[first - 2] == ',')
			break;
		first = q;
		words++;
	}
	*ms = first;
	*me = e;
	return 1;
}

/* ---- speaker spans that are no noun phrase ------------------------------ */

/* The words these read are lists of rules/words.txt: phrase-end (no noun
 * phrase ends in one), preposition, subject-pronoun, complement-lead (a
 * verb in -ing or -ed before one takes it as object), clause-lead (opens
 * a clause, not a speaker), no-subject ("It's" alone), subject-verb (ends
 * the subject before it). */

static int verb_form(const char *s, const struct word *w)
{
	size_t n = w->e - w->s;
	const char *t = s + w->s;
	if (n < 4)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (t[i] < 'a' || t[i] > 'z')
			return 0;
	return (n >= 5 && !strncmp(t + n - 3, "ing", 3)) || !strncmp(t + n - 2, "ed", 2);
}

static int lower_word(const char *s, const struct word *w)
{
	return s[w->s] >= 'a' && s[w->s] <= 'z';
}

/* A verb in -ing or -ed with its object or complement after it
 * ("referencing a super PAC", "slamming his", "trying to", "Alarmed by
 * the unrest"; a noun in -ing takes a preposition: "polling by the
 * union", "funding for schools") */
static int verb_phrase(const struct rules *r, const char *s, const struct word *w)
{
	if (!verb_form(s, &w[0]) || (!lower_word(s, &w[0]) && w[0].e - w[0].s < 6))
		return 0;
	if (s[w[0].e - 1] == 'd')
		return word_in_list(r, s, &w[1], WL_COMPLEMENT_LEAD);
	return word_in_list(r, s, &w[1], WL_COMPLEMENT_LEAD) && !word_in_list(r, s, &w[1], WL_PREPOSITION);
}

/* A capitalized word with an adverb's ending few names have
 * ("Grudgingly", "Reportedly", "Essentially", "Seriously") */
static int adverb_ending(const char *s, const struct word *w)
{
	static const char *const ends[] = { "ingly", "edly", "ously", "ently", "antly", "ately", "ively", "fully",
		"ably", "ibly", "ically", "tially", "cially", NULL };
	size_t n = w->e - w->s;
	if (n < 7)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[w->s + i] < 'a' || s[w->s + i] > 'z')
			return 0;
	for (int k = 0; ends[k]; k++) {
		size_t l = strlen(ends[k]);
		if (n > l + 2 && !strncmp(s + w->e - l, ends[k], l))
			return 1;
	}
	return 0;
}

/* A speaker span [*ms, *me) that is no noun phrase: a fragment a rule took
 * where the subject is elsewhere or cut short ("Lund tried to", "noting
 * he", "though Mrs. Vell", "referencing a super PAC", "implicitly").
 * 0: a noun phrase, left as it is; 1: *ms, *me now hold the noun phrase
 * inside it; 2: the subject is elsewhere: the caller looks for it; 3:
 * none. */
static int junk_mention(const struct rules *r, const char *s, size_t *ms, size_t *me)
{
	struct word w[MAX_WORDS];
	int n = 0;
	for (size_t i = *ms; i < *me && n < MAX_WORDS;) {
		while (i < *me && (s[i] == ' ' || s[i] == '\n'))
			i++;
		if (i >= *me)
			break;
		size_t b = i;
		while (i < *me && s[i] != ' ' && s[i] != '\n')
			i++;
		w[n].s = b;
		w[n].e = i;
		n++;
	}
	if (n == 0 || n >= MAX_WORDS)
		return 0;
	int upper0 = s[w[0].s] >= 'A' && s[w[0].s] <= 'Z';
	if (n == 1) {
		/* "implicitly", "then", "announced", "cited" */
		if (lower_word(s, &w[0]) && (rules_is_adverb(r, s, w[0].s, w[0].e) || verb_form(s, &w[0])))
			return 2;
		if (word_in_list(r, s, &w[0], WL_NO_SUBJECT))
			return 3;
		/* "What do you think of ...", "These calls have ...", "Friday":
		 * a capitalized word that opens a sentence or names a day */
		if (upper0 && (lists_of(r, s, &w[0]) & (WL_NOT_NAME | WL_CALENDAR)))
			return 3;
		/* "Grudgingly, ...", "Essentially": a capitalized adverb, by
		 * endings no surname has ("Kelly", "Connally" are names) */
		if (upper0 && adverb_ending(s, &w[0]))
			return 2;
		/* "Reached by phone, ...": a participle opening the sentence,
		 * its complement after it (not "Fleming said") */
		if (upper0 && verb_form(s, &w[0]) && w[0].e - w[0].s >= 6) {
			struct word nx[2] = { w[0], { w[0].e + 1, w[0].e + 1 } };
			while (s[nx[1].e] >= 'a' && s[nx[1].e] <= 'z')
				nx[1].e++;
			if (s[w[0].e] == ' ' && verb_phrase(r, s, nx))
				return 3;
		}
		return 0;
	}
	if (verb_phrase(r, s, w))
		return 2;
	/* "though Mrs. Vell", "What Romney", "How Paul Ryan" */
	int k0 = 0;
	while (k0 < n - 1 && word_in_list(r, s, &w[k0], WL_CLAUSE_LEAD))
		k0++;
	/* "noting he", "Lund beamed as she", "One of the things he", "when
	 * she appeared before supporters" (the first pronoun: "he offers
	 * them what they", "late Saturday he announced he") */
	if (word_in_list(r, s, &w[n - 1], WL_SUBJECT_PRONOUN) || (k0 > 0 && word_in_list(r, s, &w[k0], WL_SUBJECT_PRONOUN))) {
		int k = 0;
		while (!word_in_list(r, s, &w[k], WL_SUBJECT_PRONOUN))
			k++;
		*ms = w[k].s;
		*me = w[k].e;
		return 1;
	}
	int k1 = n;
	/* (a headline's capitalized words are not read so: "Lund Wades In") */
	if (lower_word(s, &w[n - 1]) && word_in_list(r, s, &w[n - 1], WL_PHRASE_END)) {
		/* "Lund tried to", "Ramos used his speech to", "the ad then
		 * cuts to", "a poll that shows": the words before the verb */
		for (int k = k0 + 1; k < n - 1; k++)
			if (lower_word(s, &w[k]) && (word_in_list(r, s, &w[k], WL_SUBJECT_VERB) || verb_form(s, &w[k]) ||
						     rules_is_adverb(r, s, w[k].s, w[k].e))) {
				k1 = k;
				break;
			}
		/* (not one that leaves a preposition last: "articles from
		 * noted scholars to") */
		if (k1 < n && word_in_list(r, s, &w[k1 - 1], WL_PHRASE_END))
			k1 = n;
		if (k1 == n) {
			/* "terrorist attacks to": a subject before it, or the
			 * span without its last words ("A spokesman for") */
			k1 = n - 1;
			while (k1 > k0 && word_in_list(r, s, &w[k1 - 1], WL_PHRASE_END))
				k1--;
			if (k1 == k0)
				return 2;
			if (word_is(s, &w[n - 1], "to") && !upper0)
				return 2;
		}
		if (lower_word(s, &w[k0]) && verb_form(s, &w[k0]))
			return 2;
	}
	if (k0 == 0 && k1 == n)
		return 0;
	if (k1 <= k0)
		return 3;
	*ms = w[k0].s;
	*me = w[k1 - 1].e;
	return 1;
}

/* Is s[a, b) one lowercase word that no list knows as a source, a body,
 * a role or a pronoun ("seldom", "run", "more", "technology")? A rule took
 * a word of the sentence for its subject ("Lund, whose ..., seldom speaks
 * of", "positions, current or past, run counter to"): it names nobody. */
static int lone_common_word(const struct rules *r, const char *s, size_t a, size_t b)
{
	static const char *const keep[] = { "you", "who", "whom", "which", "that", "one", "others", "them", "each", "both", NULL };
	if (b <= a)
		return 0;
	for (size_t k = a; k < b; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] == '-' && k > a && k + 1 < b)))
			return 0;
	struct word w = { a, b };
	for (int k = 0; keep[k]; k++)
		if (word_is(s, &w, keep[k]))
			return 0;
	/* (an abstract noun may be said to show or speak: "history suggests
	 * ...", "technology will change ...": by the endings of nouns) */
	static const char *const noun_end[] = { "ism", "ogy", "ory", "icy", "ity", "ion", "ment", "ness",
						"ance", "ence", "ship", "ure", NULL };
	for (int k = 0; noun_end[k]; k++) {
		size_t l = strlen(noun_end[k]);
		if (b - a > l + 2 && !memcmp(s + b - l, noun_end[k], l))
			return 0;
	}
	return !in_set(&r->titles, s, &w) && !in_org(r, s, &w) &&
	       !(lists_of(r, s, &w) & (WL_DETERMINER | WL_QUANTIFIER | WL_GROUP | WL_POSSESSIVE));
}

/* A sentence's opening subject fit to stand for a fragment's: not a
 * lone possessive ("California's"), count or quantifier ("Four", "All"),
 * day or opening word */
static int plain_subject(const struct rules *r, const char *s, size_t p, size_t e)
{
	if (subject_pronoun(s, p, e))
		return 1;
	if (e - p > 2 && (s[e - 1] == 's' && (s[e - 2] == '\'' || !strncmp(s + e - 4, "’", 3))))
		return 0;
	/* (not a label and what follows it: "Editor's Note: An") */
	if (memchr(s + p, ':', e - p))
		return 0;
	size_t lw = e;
	while (lw > p && s[lw - 1] != ' ')
		lw--;
	struct word last = { lw, e };
	if (lw > p)
		return !word_in_list(r, s, &last, WL_PHRASE_END);
	struct word w = { p, e };
	return !(lists_of(r, s, &w) & (WL_CALENDAR | WL_OPENING | WL_QUANTIFIER | WL_NOT_NAME | WL_NUMBER | WL_OPENER));
}

/* Is the span [ms, me), one or two capitalized words between commas, the
 * state or country after a town ("a rally in Ames, Iowa, on Sunday", "a
 * voter from Jackson, Miss., said"): a place, no speaker? */
static int place_after_town(const struct rules *r, const char *s, size_t floor, size_t ms, size_t me)
{
	if (s[me] != ',' || ms < floor + 8 || s[ms - 1] != ' ' || s[ms - 2] != ',' || !text_is_upper(s, ms, me))
		return 0;
	/* (one word, or two of a place's shape: "New Hampshire", "North
	 * Dakota"; "Ada Vell" is a name) */
	const char *sp = memchr(s + ms, ' ', me - ms);
	if (sp) {
		if (!rules_capital_in_list(r, s, ms, (size_t)(sp - s), WL_PLACE_FIRST) || memchr(sp + 1, ' ', me - (size_t)(sp + 1 - s)))
			return 0;
	}
	/* (what follows is no apposition of its own: "near Havana, Granma,
	 * the official newspaper, said" names a speaker; "in Ames, Iowa, on
	 * Sunday" and "from Jackson, Miss., said" a place) */
	size_t nx = me + 1;
	while (s[nx] == ' ')
		nx++;
	struct word nw = { nx, nx };
	while (s[nw.e] >= 'a' && s[nw.e] <= 'z')
		nw.e++;
	if (nw.e == nx || word_in_list(r, s, &nw, WL_APPOSITION_LEAD))
		return 0;
	/* the town: capitalized words after a lowercase preposition */
	size_t p = ms - 2;
	for (int k = 0; k < 3; k++) {
		size_t e = p;
		while (p > floor && s[p - 1] != ' ')
			p--;
		struct word tw = { p, e };
		if (p == e || !text_is_upper(s, p, e) || p < floor + 2 || calendar_word(r, s, &tw))
			return 0;
		size_t q = p - 1, w = q;
		while (w > floor && s[w - 1] != ' ')
			w--;
		if (rules_lower_in_list(r, s, w, q, WL_TOWN_LEAD))
			return 1;
		p = q;
	}
	return 0;
}

/* A speaker span a rule took with a sentence adverbial before the
 * subject and no comma after it ("All in all Ada Vell said", "Above all
 * the mayor said"): the phrase is no title and no part of the name. These
 * are fixed phrases of several words, which words.txt cannot hold. 1 when
 * *ms moved. */
static int drop_lead_adverbial(const char *s, size_t *ms, size_t me)
{
	static const char *const phrases[] = { "all in all ", "above all ", "after all ", "all told ",
		"by and large ", "of course ", "in short ", "in fact ", "in the end ", "at last ",
		"at first ", "first of all ", "most of all ", "on balance ", "in sum ", "in general ",
		"in turn ", "in all ", NULL };
	for (int k = 0; phrases[k]; k++) {
		size_t n = strlen(phrases[k]);
		/* (the rest must hold a subject: "Of course" alone is left as it is) */
		if (me - *ms > n + 1 && !strncasecmp(s + *ms, phrases[k], n)) {
			*ms += n;
			while (*ms < me && s[*ms] == ' ')
				(*ms)++;
			return 1;
		}
	}
	return 0;
}

/* Is "it" before the cue at [c0, c1) the empty subject of a passive or of
 * "seem" ("it was revealed that", "it is assumed that", "it has been
 * known that", "it seems that"), no organization that speaks? */
static int expletive_it(const struct rules *r, const char *s, size_t me, size_t c0, int cue)
{
	static const char *const be[] = { "is", "was", "be", "been", "being", "are", "'s", NULL };
	if (c0 == NO_SPAN || c0 < me || c0 - me > 40)
		return 0;
	if (cue_lemma_in_list(r, cue, WL_SEEMING))
		return c0 - me <= 2;
	for (size_t i = me; i < c0;) {
		while (i < c0 && s[i] == ' ')
			i++;
		size_t b = i;
		while (i < c0 && s[i] != ' ')
			i++;
		for (int k = 0; be[k]; k++)
			if (i - b == strlen(be[k]) && !strncmp(s + b, be[k], i - b))
				return 1;
		if (b == me && i - b == 2 && !strncmp(s + b, "'s", 2))
			return 1;
	}
	return 0;
}

static int is_anonymous_noun(const char *s, const struct word *w, const struct rules *r)
{
	int plural;
	return set_value(&r->source_nouns, s, w, &plural) == SN_ANONYMOUS;
}

static int is_org_word(const char *s, const struct word *w, const struct rules *r)
{
	return in_org(r, s, w);
}

/* Does a word of s[0, n) pass test? */
static int any_word(const char *s, size_t n, const struct rules *r,
		    int (*test)(const char *, const struct word *, const struct rules *))
{
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t b = i;
		while (i < n && s[i] != ' ')
			i++;
		struct word w = { b, i };
		if (i > b && test(s, &w, r))
			return 1;
	}
	return 0;
}

/* Does s[0, n) hold the noun of an unnamed source ("the person familiar",
 * "the official who ..."), not of a role ("the owner")? */
static int has_source_noun(const char *s, size_t n, const struct rules *r)
{
	return any_word(s, n, r, is_anonymous_noun);
}

/* Does s[0, n) hold a word of an organization ("company", "group")? */
static int has_org_word(const char *s, size_t n, const struct rules *r)
{
	return any_word(s, n, r, is_org_word);
}

static int is_person_kind(enum source_kind k)
{
	return k == SK_PERSON;
}

/* The word that ends right before s[e], past one space, from `floor` on:
 * [*b, e - 1); 0 when there is none. */
static int word_before_space(const char *s, size_t floor, size_t e, struct word *w)
{
	if (e < floor + 2 || s[e - 1] != ' ')
		return 0;
	size_t b = --e;
	while (b > floor && isalpha((unsigned char)s[b - 1]))
		b--;
	*w = (struct word){ b, e };
	return b < e;
}

/* Where "Everyone but " or "All except for " opens right before the
 * speaker span at ms ("Everyone but Lind said yes": a rule took "Lind"),
 * so that the span takes in the group, which is the speaker; else ms. */
static size_t group_but_start(const struct rules *r, const char *s, size_t floor, size_t ms)
{
	struct word w;
	if (!word_before_space(s, floor, ms, &w))
		return ms;
	if (word_is(s, &w, "for") && !(word_before_space(s, floor, w.s, &w) && word_is(s, &w, "except")))
		return ms;
	if (!word_is(s, &w, "but") && !word_is(s, &w, "except"))
		return ms;
	if (!word_before_space(s, floor, w.s, &w) || !word_in_list(r, s, &w, WL_GROUP))
		return ms;
	return w.s;
}

/* "a move that critics called “...”": in an object relative clause the
 * cue's subject is what follows "that", "which" or "who(m)", not the head
 * noun before it. When a rule took the head, the pronoun and the subject
 * as the speaker, the speaker is the subject: a pronoun, a name, or a
 * noun of sources.txt or titles.txt, alone or after a determiner or a
 * number. (A subject relative, "a group that represents farmers", has a
 * verb after the pronoun and is left alone.) 1 when *ms changed. */
static int relative_subject(const struct rules *r, const char *s, size_t *ms, size_t me)
{
	struct word w[MAX_WORDS];
	int n = split_words(s + *ms, me - *ms, w);
	int k = n - 2;
	while (k > 0 && !word_is(s + *ms, &w[k], "that") && !word_is(s + *ms, &w[k], "which") &&
	       !word_is(s + *ms, &w[k], "whom") && !word_is(s + *ms, &w[k], "who"))
		k--;
	/* (as written in a clause: lowercase) */
	if (k <= 0 || !text_is_lower(s + *ms, w[k].s, w[k].e))
		return 0;
	const char *t = s + *ms;
	const struct word *first = &w[k + 1], *last = &w[n - 1];
	int ok;
	if (first == last)
		ok = pronoun_of(t, first) || is_cap(t, first) || in_set(&r->source_nouns, t, first) ||
		     in_set(&r->titles, t, first);
	else if (lists_of(r, t, first) & (WL_DETERMINER | WL_QUANTIFIER | WL_NUMBER))
		ok = !is_cap(t, last) && (in_set(&r->source_nouns, t, last) || in_set(&r->titles, t, last));
	else
		ok = caps_after(t, w, n, k + 1) == n - k - 1;   /* a name */
	/* (a pronoun only as a subject: "that his", "that its" are none) */
	if (!ok || (first == last && pronoun_of(t, first) && !subject_pronoun(t, first->s, first->e) &&
		    !word_is(t, first, "i")))
		return 0;
	*ms += first->s;
	return 1;
}

/* Is s[a0..a1) one or two lowercase words of a description ("student",
 * "dock worker") and then a capitalized name? No verb form nor
 * preposition: "speaking to Ana Berg" names someone else. */
static int lower_title_then_name(const struct rules *r, const char *s, size_t a0, size_t a1)
{
	size_t i = a0;
	int words = 0;
	while (i < a1 && islower((unsigned char)s[i])) {
		size_t w = i;
		while (i < a1 && (islower((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i >= a1 || s[i] != ' ' || ++words > 2)
			return 0;
		struct word wd = { w, i };
		if ((i - w > 3 && !strncmp(s + i - 3, "ing", 3)) || (i - w > 2 && !strncmp(s + i - 2, "ed", 2)) ||
		    joiner(r, s, &wd) || word_is(s, &wd, "to") || word_is(s, &wd, "with") ||
		    word_is(s, &wd, "by") || word_is(s, &wd, "from") || word_is(s, &wd, "in") ||
		    word_is(s, &wd, "at") || word_is(s, &wd, "on"))
			return 0;
		i++;
	}
	return words && i < a1 && isupper((unsigned char)s[i]);
}

/* "Ada Vell, the brusque, silver-haired mayor, said ...": the rule took
 * "the brusque" between the first two commas for the subject, but an
 * article and one word that is no title or source noun, then a comma and
 * more lowercase words, is the first of coordinate adjectives; the
 * person is the name before it, the description to the next comma the
 * title. */
static const struct entity *coordinate_appos(const struct rules *r, const struct entities *es, const char *s,
					     size_t ms, size_t me, size_t sent_end, size_t *t0, size_t *t1)
{
	if (ms < 4 || me + 4 >= sent_end || strncmp(s + ms, "the ", 4) || s[ms - 2] != ',' || s[ms - 1] != ' ' ||
	    s[me] != ',' || s[me + 1] != ' ' || !(s[me + 2] >= 'a' && s[me + 2] <= 'z'))
		return NULL;
	struct word w = { ms + 4, me };
	for (size_t k = w.s; k < w.e; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || s[k] == '-'))
			return NULL;
	int plural;
	if (w.e - w.s < 3 || in_set(&r->titles, s, &w) || set_value(&r->source_nouns, s, &w, &plural) >= 0 ||
	    people_noun(s, &w) || in_org(r, s, &w))
		return NULL;
	const char *comma = memchr(s + me + 2, ',', sent_end - me - 2);
	if (!comma || (size_t)(comma - s) - me > 80)
		return NULL;
	for (size_t k = entities_before(es, ms); k-- > 0;) {
		const struct entity *e = &es->v[k];
		if (e->name1 + 2 < ms)
			break;
		if (e->kind == SK_PERSON && e->name1 + 2 == ms) {
			*t0 = w.s;
			*t1 = (size_t)(comma - s);
			return e;
		}
	}
	return NULL;
}

/* "A: ..." in an interview transcript: the person the introduction, the
 * paragraph before the first question, names first ("Teodora Mirsk took
 * over ... She spoke to the Gazette." / "Q: ..."; not the reporter named
 * after, "spoke with senior writer ..."), or NULL. A byline ("By ...",
 * "Interview by ...") is no introduction. */
/* A short line with "By" or "by" before a name: "By Ada Vell, Staff",
 * "Interview by Ada Vell". */
static int byline(const char *p, size_t n)
{
	if (n > 80)
		return 0;
	for (size_t i = 0; i + 3 <= n; i++)
		if ((i == 0 || p[i - 1] == ' ') && (p[i] == 'B' || p[i] == 'b') && p[i + 1] == 'y' && p[i + 2] == ' ')
			return 1;
	return 0;
}

/* The index of the first paragraph that opens with "Q:" (an interview
 * transcript's first question), or seg->nparas. */
static size_t first_question_para(const char *s, const struct segmentation *seg)
{
	for (size_t pi = 0; pi < seg->nparas; pi++) {
		size_t i = seg->paras[pi].start;
		while (i < seg->paras[pi].end && (s[i] == ' ' || s[i] == '\n'))
			i++;
		if (i + 2 < seg->paras[pi].end && s[i] == 'Q' && s[i + 1] == ':')
			return pi;
	}
	return seg->nparas;
}

static const struct entity *interviewee(const struct entities *es, const char *s,
					const struct segmentation *seg)
{
	size_t pi = first_question_para(s, seg);
	for (size_t back = 1; pi < seg->nparas && back <= 2 && back <= pi; back++) {
		const struct paragraph *p = &seg->paras[pi - back];
		if (byline(s + p->start, p->end - p->start))
			continue;
		for (size_t k = entities_before(es, p->start); k < es->n && es->v[k].off < p->end; k++)
			if (es->v[k].kind == SK_PERSON && es->v[k].words >= 2)
				return &es->v[k];
	}
	return NULL;
}

/* "Q: ..." in an interview transcript: the reporter the introduction (or
 * a byline, "Interview by Ada Vell") names after "spoke to", "spoke
 * with", "talked to", "talked with", "sat down with" or "by" (the first
 * person named within 60 bytes after it), or NULL. */
static const struct entity *interviewer(const struct entities *es, const char *s,
					const struct segmentation *seg)
{
	static const char *const leads[] = { "spoke to ", "spoke with ", "talked to ", "talked with ",
					     "sat down with ", "by ", NULL };
	size_t pi = first_question_para(s, seg);
	for (size_t back = 1; pi < seg->nparas && back <= 2 && back <= pi; back++) {
		const struct paragraph *p = &seg->paras[pi - back];
		for (size_t j = p->start; j < p->end; j++) {
			if (j > p->start && s[j - 1] != ' ')
				continue;
			for (int l = 0; leads[l]; l++) {
				size_t n = strlen(leads[l]);
				if (j + n > p->end || strncmp(s + j, leads[l], n))
					continue;
				/* ("by" only in a byline: "supported by ..." is no interviewer) */
				if (l == 5 && !byline(s + p->start, p->end - p->start))
					continue;
				for (size_t k = entities_before(es, j + n); k < es->n && es->v[k].off < p->end &&
					     es->v[k].off < j + n + 60; k++)
					if (es->v[k].kind == SK_PERSON && es->v[k].words >= 2)
						return &es->v[k];
			}
		}
	}
	return NULL;
}

/* The length of "in the Orsel Gazette" at s (a run of capitalized
 * words, "of" inside, after "in the" or "in The"), else 0;
 * the run itself in *n0, *n1. */
static size_t in_outlet(const char *s, size_t len, size_t *n0, size_t *n1)
{
	size_t i = 0;
	if (len < 6 || strncmp(s, "in ", 3))
		return 0;
	i = 3;
	/* (an outlet's name takes "the": "in the Orsel Gazette", "in The
	 * Atlantic"; "in December", "in Washington" are a time and a place) */
	if (i + 4 <= len && !strncmp(s + i, "the ", 4))
		i += 4;
	else if (!(i + 4 <= len && !strncmp(s + i, "The ", 4)))
		return 0;
	*n0 = *n1 = i;
	while (i < len && isupper((unsigned char)s[i])) {
		while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '\'' || s[i] == '-' || s[i] == '.' ||
				   s[i] == '&'))
			i++;
		while (*n1 < i && s[i - 1] == '.')
			i--;   /* a full stop ends the sentence */
		*n1 = i;
		if (i + 1 < len && s[i] == ' ' && isupper((unsigned char)s[i + 1]))
			i++;
		else if (i + 5 < len && !strncmp(s + i, " of ", 4) && isupper((unsigned char)s[i + 4]))
			i += 4;
		else
			break;
	}
	return *n1 > *n0 ? *n1 : 0;
}

/* Where a person writes ("writes Ada Vell in the Orsel Gazette", "she
 * writes in the Orsel Gazette that", "Ada Vell, writing in the Velmar
 * Post, says"): the outlet, recorded as the source's affiliation. Only
 * "write" and "writing" say so; "said in the council chamber" names a
 * place, not an outlet. */
/* Is the last word of `title` a trade that writes for an outlet
 * ("columnist", "the paper's chief critic": the `writer` list)? */
static int writer_title(const char *title, const struct rules *r)
{
	size_t n = strlen(title), w0 = n;
	while (w0 > 0 && title[w0 - 1] != ' ')
		w0--;
	struct word w = { .s = w0, .e = n };
	return n > w0 && word_in_list(r, title, &w, WL_WRITER);
}

static void outlets(struct source_table *t, const struct quote_list *ql, const struct article *a,
		    const struct segmentation *seg, const struct rules *r)
{
	const char *s = a->scan;
	for (size_t i = 0; i < ql->n; i++) {
		const struct quote *q = &ql->v[i];
		if (q->source < 0 || q->spk_start == NO_SPAN || q->cue < 0)
			continue;
		struct source *src = &t->v[q->source];
		if (src->kind != SK_PERSON || src->affiliation)
			continue;
		int writes = !strcmp(r->cues[q->cue].lemma, "write");
		size_t at[3] = { q->spk_end + 1, q->cue_end + 1, 0 };
		if (q->spk_end + 10 < a->len && !strncmp(s + q->spk_end, ", writing ", 10))
			at[2] = q->spk_end + 10;
		for (int k = 0; k < 3; k++) {
			size_t n0, n1;
			if (!at[k] || (k < 2 && !writes) || at[k] >= a->len || s[at[k] - 1] != ' ')
				continue;
			if (in_outlet(s + at[k], a->len - at[k], &n0, &n1)) {
				src->affiliation = xstrndup(a->raw + at[k] + n0, n1 - n0);
				break;
			}
		}
		/* "In the Northern Ledger, columnist Ada Vell counters ...": a
		 * sentence that opens with the outlet, the writer its subject;
		 * only a writer's trade says the place is an outlet ("In the
		 * Senate, Sen. Dahl argued" names a chamber) */
		size_t ss = seg->sents[q->sent].start, n0, n1;
		if (!src->affiliation && src->title && writer_title(src->title, r) && ss + 1 < q->spk_start &&
		    s[ss] == 'I') {
			/* (in_outlet() reads "in" as written inside a clause) */
			strbuf lc = STRBUF_INIT;
			strbuf_addstr(&lc, "i");
			strbuf_add(&lc, s + ss + 1, q->spk_start - ss - 1);
			if (in_outlet(lc.buf, lc.len, &n0, &n1) && n1 + 2 == lc.len && !strncmp(lc.buf + n1, ", ", 2))
				src->affiliation = xstrndup(a->raw + ss + n0, n1 - n0);
			strbuf_release(&lc);
		}
	}
}

/* Is name[0, n) the name of a body of the kind head[0, hl) by a word
 * org-kinds.txt gives that kind ("Quenby Athletic" for "the club"), or,
 * with head_too, by the head word itself ("Dockers' Union")? */
static int kind_name(const char *name, size_t n, const struct rules *r, const char *head, size_t hl, int head_too)
{
	for (size_t i = 0; i < n;) {
		while (i < n && !isalpha((unsigned char)name[i]))
			i++;
		size_t w = i;
		while (i < n && isalpha((unsigned char)name[i]))
			i++;
		if (i == w)
			break;
		if (head_too && i - w == hl && !strncasecmp(name + w, head, hl))
			return 1;
		const char *k = rules_org_kind(r, name + w, i - w);
		if (k && strlen(k) == hl && !strncasecmp(k, head, hl))
			return 1;
	}
	return 0;
}

/* Is name[0, n) the name of a body of workers ("Federation of Rail
 * and Transit Workers", "Dockers' Union", "Pilots Guild"): a word of it
 * "union" or a word org-kinds.txt gives that kind? */
static int union_name(const char *name, size_t n, const struct rules *r)
{
	return kind_name(name, n, r, "union", 5, 1);
}

/* "a spokesperson for Orrin Freight", "an official at the Harbour
 * Board": the body an unnamed person speaks for, a capitalized name
 * after "for", "at" or "from" to the end, into [*o0, *o1) of name (not
 * a titled person: "a spokesman for Mayor Holt") */
static int spoke_for(const struct rules *r, const char *name, size_t *o0, size_t *o1)
{
	static const char *const preps[] = { " for ", " at ", " from " };
	for (size_t k = 0; k < sizeof(preps) / sizeof(*preps); k++) {
		const char *p = strstr(name, preps[k]);
		if (!p)
			continue;
		p += strlen(preps[k]);
		if (!strncmp(p, "the ", 4))
			p += 4;
		if (!isupper((unsigned char)*p))
			return 0;
		size_t w = strcspn(p, " ");
		if (wordset_get_ci(&r->titles, p, w) >= 0)
			return 0;
		*o0 = (size_t)(p - name);
		*o1 = strlen(name);
		return 1;
	}
	return 0;
}

/* Is the person named at raw[at] in apposition to a noun that a
 * possessive of pronoun g's gender owns, opening the sentence ("Her
 * predecessor, Jon Aberg, retired": "her" is someone else, so he is not
 * a later "she"; "In his statement, Sanders said" is no apposition)?
 * from: the sentence start. */
static int owned_by_pronoun(const char *raw, size_t from, size_t at, int g)
{
	while (from < at && (raw[from] == ' ' || raw[from] == '\n'))
		from++;
	if (at < from + 6 || strncasecmp(raw + from, g == 'f' ? "her " : "his ", 4) != 0 ||
	    raw[at - 1] != ' ' || raw[at - 2] != ',')
		return 0;
	/* one or two words between: "Her predecessor,", "His former deputy," */
	int spaces = 0;
	for (size_t k = from + 4; k < at - 2; k++) {
		if (raw[k] == ',' || raw[k] == '.')
			return 0;
		spaces += raw[k] == ' ';
	}
	return spaces <= 1;
}

/* "MAYOR HALLORAN: ..." in a transcript: a label in capitals (letters,
 * spaces, periods) opening its paragraph before a colon is the person
 * named before it whose surname is the label's last word ("the mayor of
 * Brindlemoor, Petra Halloran"), the latest such, or NULL. */
static const struct entity *label_person(const struct entities *es, const char *s,
					 const struct segmentation *seg, size_t para, size_t ms, size_t me)
{
	if (s[me] != ':' || me - ms < 2 || para >= seg->nparas)
		return NULL;
	size_t p = seg->paras[para].start;
	while (p < ms && (s[p] == ' ' || s[p] == '\n'))
		p++;
	if (p != ms)
		return NULL;
	size_t lw = ms;
	for (size_t i = ms; i < me; i++) {
		if (s[i] == ' ')
			lw = i + 1;
		else if (!(s[i] >= 'A' && s[i] <= 'Z') && s[i] != '.' && s[i] != '-' && s[i] != '\'')
			return NULL;
	}
	if (me - lw < 2)
		return NULL;
	for (size_t k = entities_before(es, ms), lim = 0; k-- > 0 && lim++ < LOOKBACK;) {
		const struct entity *e = &es->v[k];
		if (e->kind == SK_PERSON && e->words >= 2 && e->name1 - e->last0 == me - lw &&
		    !strncasecmp(s + e->last0, s + lw, me - lw))
			return e;
	}
	return NULL;
}

void sources_resolve(struct source_table *t, struct quote_list *ql, struct article *a,
		     const struct segmentation *seg, const struct rules *r)
{
	t->n = 0;
	struct entities es = { 0 };
	strbuf its = STRBUF_INIT;
	collect_entities(&es, a, seg, r, t);
	const char *s = a->scan;
	const char *raw = a->raw;
	for (size_t i = 0; i < ql->n; i++) {
		struct quote *q = &ql->v[i];
		if (i > 0)
			learn_gender(r, t, &ql->v[i - 1], s);
		if (q->spk_start == NO_SPAN) {
			if (q->inherit >= 0 && (size_t)q->inherit < i)
				q->source = ql->v[q->inherit].source;
			continue;
		}
		struct mention m;
		size_t ms = q->spk_start, me = q->spk_end;
		if (drop_adverbs(r, s, seg->sents[q->sent].start, &ms, &me)) {
			q->spk_start = ms;
			q->spk_end = me;
		}
		if (relative_subject(r, s, &ms, me))
			q->spk_start = ms;
		if (drop_lead_adverbial(s, &ms, me))
			q->spk_start = ms;
		ms = q->spk_start = group_but_start(r, s, seg->sents[q->sent].start, ms);
		int junk = junk_mention(r, s, &ms, &me);
		if (!junk && q->appos_start == NO_SPAN && lone_common_word(r, s, ms, me)) {
			/* (a word of the sentence, as if a body: the subject the
			 * sentence opens with, else none) */
			struct mention lm;
			mention_parse(s + ms, me - ms, r, &lm);
			if (lm.kind == SK_ORGANIZATION && !lm.pronoun)
				junk = 2;
		}
		if (!junk && place_after_town(r, s, seg->sents[q->sent].start, ms, me) &&
		    !find_surname(r, &es, s, s + ms, me - ms, ms, t, raw, 0)) {
			/* "Federal officials familiar with the server taken from
			 * her house in Chappaqua, N.Y., said": the place ends
			 * the subject the sentence opens with, which runs with no
			 * comma to the town; else the subject is elsewhere */
			size_t p = seg->sents[q->sent].start;
			while (p < ms && (s[p] == ' ' || s[p] == '\n' || (unsigned char)s[p] < 0x20))
				p++;
			/* (the bound: the town's own comma, two bytes before ms,
			 * is not looked at; nothing when the span is shorter) */
			size_t before_town = ms > p + 2 ? ms - 2 - p : 0;
			const char *comma = before_town ? memchr(s + p, ',', before_town) : NULL;
			size_t fe = p;
			while (fe < ms && s[fe] != ' ')
				fe++;
			struct word fw = { p, fe };
			if (!comma && fe < ms && text_is_upper(s, p, fe) && !verb_form(s, &fw) &&
			    !(lists_of(r, s, &fw) & (WL_OPENER | WL_OPENING | WL_NOT_NAME))) {
				ms = q->spk_start = p;
			} else {
				junk = 2;
			}
		}
		if (junk == 1) {
			q->spk_start = ms;
			q->spk_end = me;
		} else if (junk >= 2) {
			/* a fragment, no speaker: the subject the sentence opens
			 * with, if it has one before the fragment; else none
			 * ("She invoked the attacks to defend ...": "she") */
			size_t p, e, p2, e2;
			if (junk == 2 && opening_subject(r, s, seg->sents[q->sent].start, ms, &p, &e) &&
			    (p2 = p, e2 = e, junk_mention(r, s, &p2, &e2) == 0) && plain_subject(r, s, p, e) &&
			    /* (one capitalized word: a surname of someone named
			     * before, not "Specific sites were ...") */
			    (subject_pronoun(s, p, e) || memchr(s + p, ' ', e - p) ||
			     find_surname(r, &es, s, s + p, e - p, p, t, raw, 0))) {
				ms = q->spk_start = p;
				me = q->spk_end = e;
			} else {
				q->spk_start = q->spk_end = NO_SPAN;
				q->source = -1;
				continue;
			}
		}
		size_t ct0 = 0, ct1 = 0;
		const struct entity *ce = coordinate_appos(r, &es, s, ms, me, seg->sents[q->sent].end, &ct0, &ct1);
		if (ce) {
			ms = q->spk_start = ce->name0;
			me = q->spk_end = ce->name1;
		}
		if (me == ms + 1 && (s[ms] == 'A' || s[ms] == 'Q') && s[me] == ':') {
			const struct entity *e = s[ms] == 'A' ? interviewee(&es, s, seg) : interviewer(&es, s, seg);
			if (e) {
				q->source = add_source(t, raw + e->name0, e->name1 - e->name0,
						       e->title1 ? raw + e->title0 : NULL,
						       e->title1 ? e->title1 - e->title0 : 0, SK_PERSON, e->off);
				continue;
			}
		}
		const struct entity *le = label_person(&es, s, seg, q->para, ms, me);
		if (le) {
			q->source = add_source(t, raw + le->name0, le->name1 - le->name0,
					       le->title1 ? raw + le->title0 : NULL,
					       le->title1 ? le->title1 - le->title0 : 0, SK_PERSON, le->off);
			continue;
		}
		mention_parse(s + ms, me - ms, r, &m);
		const char *name = raw + ms + m.name0;
		size_t nlen = m.name1 - m.name0;
		const char *title = raw + ms + m.title0;
		size_t tlen = m.title1 - m.title0;
		if (ce) {
			title = raw + ct0;
			tlen = ct1 - ct0;
		}
		enum source_kind kind = m.kind;
		int src = -1;
		/* "The Quenby-based food and drinks group said": the speaker
		 * phrase starts after "and", a bare lowercase description of a
		 * business ("drinks group") after "the ... and": the business
		 * named before, as "the group" is */
		if (kind == SK_ORGANIZATION && !m.definite && !m.pronoun && ms >= 10 && !strncmp(s + ms - 5, " and ", 5) &&
		    !text_is_upper(s, ms, me)) {
			size_t hs, hw, b = ms - 5;
			last_word(s + ms, me - ms, &hs, &hw);
			while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
				b--;
			size_t d = b >= 1 ? b - 1 : 0;
			int the = 0;
			for (size_t k = d, n = 0; k > 0 && n < 4 && !the; k--)
				if (s[k - 1] == ' ' || s[k - 1] == '\n') {
					n++;
					the = k + 4 <= ms && (!strncmp(s + k, "the ", 4) || !strncmp(s + k, "The ", 4));
				}
			if (the && !memchr(s + ms, ' ', hs ? hs - 1 : 0) &&
			    wordset_get_ci(&r->org_words, s + ms + hs, hw - hs) == ORG_COMPANY) {
				m.definite = 3;
				m.title0 = hs;
				m.title1 = hw;
			}
		}
		/* "A neighbour who gave only her first name, Ysolde, said": the
		 * one capitalized word between the commas is her name */
		if (q->appos_start != NO_SPAN && !m.pronoun && me - ms > 9 && !strncmp(s + me - 4, "name", 4) &&
		    has_word(s + ms, me - ms, "who gave ", 9)) {
			size_t a0 = q->appos_start, a1 = q->appos_end;
			while (a0 < a1 && (s[a0] == ' ' || s[a0] == ','))
				a0++;
			while (a1 > a0 && (s[a1 - 1] == ' ' || s[a1 - 1] == ','))
				a1--;
			int one = a1 > a0 + 1 && a1 - a0 < 30 && isupper((unsigned char)s[a0]);
			for (size_t k = a0 + 1; one && k < a1; k++)
				if (!isalpha((unsigned char)s[k]) && s[k] != '-' && s[k] != '\'')
					one = 0;
			if (one) {
				q->source = add_source(t, raw + a0, a1 - a0, NULL, 0, SK_PERSON, a0);
				continue;
			}
		}
		/* "The industry's trade body, Water Dravonia, said", "The dam's
		 * owner, Corveth Water, said": a body described, then its name
		 * between the commas, is that body */
		if (q->appos_start != NO_SPAN && !m.pronoun && kind != SK_PERSON && me - ms > 4 &&
		    (!strncasecmp(s + ms, "the ", 4) || !strncasecmp(s + ms, "its ", 4) || !strncasecmp(s + ms, "a ", 2) ||
		     !strncasecmp(s + ms, "an ", 3))) {
			size_t a0 = q->appos_start, a1 = q->appos_end;
			while (a0 < a1 && (s[a0] == ' ' || s[a0] == ','))
				a0++;
			while (a1 > a0 && (s[a1 - 1] == ' ' || s[a1 - 1] == ','))
				a1--;
			struct mention om;
			if (a1 > a0 && a1 - a0 < 60 && isupper((unsigned char)s[a0]) && !memchr(s + a0, ',', a1 - a0)) {
				mention_parse(s + a0, a1 - a0, r, &om);
				if (om.kind == SK_ORGANIZATION && !om.pronoun && om.name0 == 0 && om.name1 == a1 - a0 &&
				    om.name_words >= 2) {
					q->source = add_source(t, raw + a0, a1 - a0, NULL, 0, SK_ORGANIZATION, a0);
					continue;
				}
			}
		}
		/* "The union's general secretary, Marta Kovalenko, said": the
		 * description is the title, the name between the commas the
		 * speaker */
		if (q->appos_start != NO_SPAN && kind != SK_PERSON && kind != SK_VAGUE && kind != SK_DOCUMENT && !m.pronoun &&
		    described_person(s + ms, me - ms, r)) {
			size_t a0 = q->appos_start, a1 = q->appos_end;
			while (a0 < a1 && s[a0] == ' ')
				a0++;
			/* "His daughter, Mai Trinh, a nurse in Boston,": the name
			 * is what comes before a second description */
			const char *comma = memchr(s + a0, ',', a1 - a0);
			if (comma && (size_t)(comma - s) > a0 + 3)
				a1 = (size_t)(comma - s);
			while (a1 > a0 && (s[a1 - 1] == ' ' || s[a1 - 1] == ','))
				a1--;
			struct mention am;
			/* "Lindqvist's wife, Karin,": after a noun of family or
			 * friendship one first name is a name */
			int kin = after_kin_noun(r, s, a0, ms);
			/* ("the retired welder Olof Strand": an article, a
			 * description, then the name) */
			int art = !strncmp(s + a0, "the ", 4) || !strncmp(s + a0, "a ", 2) || !strncmp(s + a0, "an ", 3);
			/* ("The tourist, 23-year-old student Lena Okafor,": an
			 * age, then a description or the name) */
			size_t age = a0;
			while (age < a1 && isdigit((unsigned char)s[age]))
				age++;
			if (age > a0 && a1 - age > 10 && !strncmp(s + age, "-year-old ", 10)) {
				a0 = age + 10;
				art = 1;
			}
			/* ("The tourist, student Lena Okafor,": a bare description
			 * of a word or two, then the name) */
			if (!art && a1 > a0 && lower_title_then_name(r, s, a0, a1))
				art = 1;
			if (a1 > a0 && a1 - a0 < 80 && (art || text_is_upper(s, a0, a1))) {
				mention_parse(s + a0, a1 - a0, r, &am);
				if (kin && am.name_words == -1) {
					am.kind = SK_PERSON;
					am.name_words = 1;
				}
				/* "Her counterpart, Deputy Trade Minister Kim Soo-yeon,":
				 * the name after its own title; that title says more */
				/* ("a company called Norra Paper" is no person) */
				if (art && am.kind == SK_PERSON && am.title1 > am.title0 &&
				    (has_org_word(s + a0 + am.title0, am.title1 - am.title0, r) ||
				     has_word(s + a0 + am.title0, am.title1 - am.title0, "called", 6) ||
				     has_word(s + a0 + am.title0, am.title1 - am.title0, "named", 5)))
					am.kind = SK_ORGANIZATION;
				if (am.kind == SK_PERSON && am.title1 > am.title0 && am.name1 == a1 - a0 &&
				    am.name_words >= 2 && !m.pronoun) {
					name = raw + a0 + am.name0;
					nlen = am.name1 - am.name0;
					title = raw + a0 + am.title0;
					tlen = am.title1 - am.title0;
					kind = SK_PERSON;
					m.name_words = am.name_words;
				} else if (am.kind == SK_PERSON && am.name0 == courtesy_len(r, s, a0, a1) &&
				    am.name1 == a1 - a0 &&
				    (am.name_words >= 2 || (kin && am.name_words == 1)) && !am.title1) {
					/* the title: the description without its article */
					size_t d0 = ms, d1 = me;
					if (!strncasecmp(s + d0, "the ", 4) || !strncasecmp(s + d0, "a ", 2) ||
					    !strncasecmp(s + d0, "an ", 3)) {
						while (d0 < d1 && s[d0] != ' ')
							d0++;
						while (d0 < d1 && s[d0] == ' ')
							d0++;
					}
					if (d1 > d0) {
						name = raw + a0 + am.name0;
						nlen = am.name1 - am.name0;
						title = raw + d0;
						tlen = d1 - d0;
						kind = SK_PERSON;
						m.name_words = am.name_words;
					}
				}
			}
		}
		/* a description says more than a bare rank: "Rep. Brandt, chair of
		 * the harbor committee," has that title */
		int rank_only = tlen && tlen < 8 && wordset_get(&r->abbrev, title, tlen) == 2;
		if (q->appos_start != NO_SPAN && (!tlen || rank_only) && (kind == SK_PERSON || m.name_words == -1)) {
			size_t t0, t1;
			appos_title(r, s, q->appos_start, q->appos_end, &t0, &t1);
			if (t1 > t0) {
				title = raw + t0;
				tlen = t1 - t0;
				if (m.name_words == -1)
					kind = SK_PERSON;   /* "Kovalenko, the harbor director," */
			}
			/* "Ostby, who has run the ferry for 30 years,": "who" is
			 * said of people, "which" of organizations */
			size_t ap = q->appos_start;
			while (ap < q->appos_end && s[ap] == ' ')
				ap++;
			if (m.name_words == -1 && q->appos_end - ap > 4 && !strncmp(s + ap, "who", 3) &&
			    (s[ap + 3] == ' ' || !strncmp(s + ap + 3, "se ", 3)))
				kind = SK_PERSON;
		}
		if (!tlen && kind == SK_PERSON && !m.pronoun && q->appos_start == NO_SPAN) {
			size_t t0, t1;
			paren_title(s, a->len, me, &t0, &t1);
			if (t1 > t0) {
				title = raw + t0;
				tlen = t1 - t0;
			}
		}
		if (tlen > 4 && kind == SK_PERSON &&
		    its_title(r, &its, title, tlen, raw, &es, ms, seg->sents[q->sent > 0 ? q->sent - 1 : 0].start, name,
			      nlen)) {
			title = its.buf;
			tlen = its.len;
		}
		/* "two people familiar with the matter said ... One of them
		 * said": one member of the group quoted just before, whose
		 * description says more than "one of them" */
		if (kind == SK_ANONYMOUS && me - ms == 11 && !strncasecmp(raw + ms, "one of them", 11)) {
			int grp = -1;
			for (size_t k = i; k-- > 0;) {
				const struct quote *p = &ql->v[k];
				if (q->para - p->para > 1)
					break;
				if (p->source < 0)
					continue;
				enum source_kind pk = t->v[p->source].kind;
				/* (a group, not one person: "One of the dockers
				 * said ... one of them added" may be another) */
				const char *gn = t->v[p->source].name;
				if ((pk == SK_ANONYMOUS || pk == SK_VAGUE) && strncasecmp(gn, "one ", 4) &&
				    strncasecmp(gn, "a ", 2) && strncasecmp(gn, "an ", 3))
					grp = p->source;
				break;
			}
			if (grp >= 0) {
				q->source = grp;
				continue;
			}
		}
		if (m.pronoun == 'i') {
			/* "I" or "we" outside a quotation is the writer, never
			 * someone quoted earlier */
			q->source = add_source(t, raw + ms, me - ms, NULL, 0, SK_PERSON, ms);
			continue;
		}
		if (m.pronoun == 'n' && expletive_it(r, s, me, q->cue_start, q->cue)) {
			/* "it seems that", "it was revealed that": nobody says it */
			q->source = -1;
			continue;
		}
		if (m.pronoun) {
			/* a person (for "it", an organization) named earlier in the
			 * same or the previous sentence, then the most recent
			 * compatible speaker, then the most recent name */
			size_t sent_start = seg->sents[q->sent > 0 ? q->sent - 1 : 0].start;
			if (q->sent > 0 && seg->sents[q->sent - 1].para != seg->sents[q->sent].para)
				sent_start = seg->sents[q->sent].start;
			int want_person = m.pronoun == 'm' || m.pronoun == 'f';
			size_t before_ms = entities_before(&es, ms);
			/* "Asked if Jan Ek was on the list, she said": whoever was
			 * asked is the pronoun; no name in that question is */
			size_t asked_from = asked_clause(r, s, seg->sents[q->sent].start, ms);
			size_t poss = SIZE_MAX;
			for (size_t k = before_ms; k-- > 0 && es.v[k].off >= sent_start;) {
				/* "The pathologist who ... testified that Reyne had died.
				 * She told the jury ...": a person named inside what an
				 * unnamed person said in the sentence before is not the
				 * pronoun; that speaker is */
				int said_by = want_person && es.v[k].off < ms ? anon_said_about(r, t, ql, i, &es.v[k], m.pronoun) : -1;
				if (said_by >= 0) {
					src = said_by;
					break;
				}
				if (es.v[k].off < ms && es.v[k].off < asked_from &&
				    (want_person ? es.v[k].kind == SK_PERSON && !listener(r, raw, &es.v[k])
						 : m.pronoun == 'n' && es.v[k].kind == SK_ORGANIZATION) &&
				    !gender_clash(t, find_source(t, raw + es.v[k].name0, es.v[k].name1 - es.v[k].name0),
						  m.pronoun) &&
				    !(want_person && es.v[k].name0 > es.v[k].off &&
				      entity_gender(r, t, &es.v[k], raw) == (m.pronoun == 'm' ? 'f' : 'm')) &&
				    !(want_person && es.v[k].gender && es.v[k].gender != m.pronoun)) {
					/* ("Maddox refused to use Vesterlund's absence as an
					 * excuse. She said ...": a possessor is the pronoun only
					 * when no other person of the window is) */
					if (want_person && possessor_at(raw, es.v[k].off)) {
						if (poss == SIZE_MAX)
							poss = k;
						continue;
					}
					src = add_source(t, raw + es.v[k].name0, es.v[k].name1 - es.v[k].name0,
							 es.v[k].title1 ? raw + es.v[k].title0 : NULL,
							 es.v[k].title1 - es.v[k].title0, es.v[k].kind, es.v[k].off);
					break;
				}
			}
			if (src < 0 && poss != SIZE_MAX)
				src = add_source(t, raw + es.v[poss].name0, es.v[poss].name1 - es.v[poss].name0,
						 es.v[poss].title1 ? raw + es.v[poss].title0 : NULL,
						 es.v[poss].title1 - es.v[poss].title0, es.v[poss].kind, es.v[poss].off);
			/* "Their manager, Fenna Morrow, admitted as much." then a
			 * paragraph that opens "'...,' she said": the person a
			 * paragraph without quotations ends on (the subject of its
			 * last sentence, the first person named there) is the
			 * pronoun, before the last one quoted */
			if (src < 0 && want_person && q->sent > 0 && seg->sents[q->sent - 1].para != seg->sents[q->sent].para &&
			    seg->sents[q->sent - 1].para + 1 == seg->sents[q->sent].para) {
				int quoted = 0;
				for (size_t k = i; !quoted && k-- > 0 && ql->v[k].para + 1 >= q->para;)
					if (ql->v[k].para + 1 == q->para)
						quoted = 1;
				size_t p0 = seg->sents[q->sent - 1].start, first = SIZE_MAX;
				for (size_t k = before_ms; !quoted && k-- > 0 && es.v[k].off >= p0;)
					if (es.v[k].off < ms && es.v[k].kind == SK_PERSON)
						first = k;
				if (!quoted && first != SIZE_MAX && !listener(r, raw, &es.v[first]) &&
				    !gender_clash(t, find_source(t, raw + es.v[first].name0, es.v[first].name1 - es.v[first].name0),
						  m.pronoun) &&
				    !(es.v[first].name0 > es.v[first].off &&
				      entity_gender(r, t, &es.v[first], raw) == (m.pronoun == 'm' ? 'f' : 'm')) &&
				    !(es.v[first].gender && es.v[first].gender != m.pronoun) &&
				    !owned_by_pronoun(raw, p0, es.v[first].off, m.pronoun))
					src = add_source(t, raw + es.v[first].name0, es.v[first].name1 - es.v[first].name0,
							 es.v[first].title1 ? raw + es.v[first].title0 : NULL,
							 es.v[first].title1 - es.v[first].title0, es.v[first].kind, es.v[first].off);
			}
			/* "My daughter, who is thirteen, put it more bluntly than I
			 * can. "...," she said": a relative named by a possessive and
			 * a noun of kinship of the pronoun's gender opening the
			 * sentence before, in the same paragraph, with no one named
			 * there */
			if (src < 0 && want_person && q->sent > 0 && seg->sents[q->sent - 1].para == seg->sents[q->sent].para) {
				size_t k0 = seg->sents[q->sent - 1].start, k1;
				int named = 0;
				for (size_t k = before_ms; !named && k-- > 0 && es.v[k].off >= k0;)
					named = es.v[k].kind == SK_PERSON;
				if (!named && (k1 = kin_subject(r, s, k0, seg->sents[q->sent - 1].end, m.pronoun)))
					src = add_source(t, raw + k0, k1 - k0, NULL, 0, SK_ANONYMOUS, k0);
			}
			for (size_t k = i; src < 0 && k-- > 0;) {
				const struct quote *p = &ql->v[k];
				if (q->para - p->para > 3)
					break;
				if (p->source < 0 || gender_clash(t, p->source, m.pronoun))
					continue;
				enum source_kind pk = t->v[p->source].kind;
				/* "a spokeswoman for the board told ... She said": a
				 * pronoun right after an unnamed source whose words say
				 * its gender is that source, not a name further up */
				if (want_person && pk == SK_ANONYMOUS && p->para == q->para && p->sent + 1 >= q->sent &&
				    (gender_hint(r, t->v[p->source].name, strlen(t->v[p->source].name), 0) == m.pronoun ||
				     reports_self(raw, p, m.pronoun))) {
					src = p->source;
					break;
				}
				/* (and one person so described, of no known gender, who
				 * spoke in the sentence before, with no one named there:
				 * "the council's principal planning officer told the
				 * committee that ... One of those conditions, she said,
				 * ..."; a role of a body, "X's officer", "a clerk for X",
				 * not an epithet, "the billionaire businessman", that may
				 * stand for someone named) */
				if (want_person && pk == SK_ANONYMOUS && p->para == q->para && p->sent + 1 == q->sent &&
				    !t->v[p->source].gender && role_of_body(t->v[p->source].name) &&
				    !gender_hint(r, t->v[p->source].name, strlen(t->v[p->source].name), 0) &&
				    described_person(t->v[p->source].name, strlen(t->v[p->source].name), r)) {
					src = p->source;
					break;
				}
				if (want_person ? is_person_kind(pk)
						: (m.pronoun == 'n' ? pk == SK_ORGANIZATION || pk == SK_DOCUMENT
								    : pk != SK_PERSON)) {
					src = p->source;
				}
			}
			/* (a person of unknown gender is taken unless someone
			 * named in the last two paragraphs is known to be of the
			 * pronoun's: "Her predecessor, Jon Aberg, retired. ... she
			 * said" after "Teodora Mirsk ... She spoke") */
			size_t near = seg->paras[q->para >= 2 ? q->para - 2 : 0].start;
			size_t pick = SIZE_MAX, unknown = SIZE_MAX;
			for (size_t k = before_ms, lim = 0; src < 0 && pick == SIZE_MAX && k-- > 0 && lim++ < LOOKBACK;) {
				if (unknown != SIZE_MAX && es.v[k].off < near)
					break;
				if (es.v[k].off < ms && es.v[k].off < asked_from && (want_person ? es.v[k].kind == SK_PERSON
								     : es.v[k].kind == SK_ORGANIZATION) &&
				    !gender_clash(t, find_source(t, raw + es.v[k].name0, es.v[k].name1 - es.v[k].name0),
						  m.pronoun)) {
					int eg = want_person ? entity_gender(r, t, &es.v[k], raw) : 0;
					if (!want_person || eg == m.pronoun)
						pick = k;
					else if (!eg && unknown == SIZE_MAX)
						unknown = k;
				}
			}
			if (pick == SIZE_MAX)
				pick = unknown;
			if (src < 0 && pick != SIZE_MAX)
				src = add_source(t, raw + es.v[pick].name0, es.v[pick].name1 - es.v[pick].name0,
						 es.v[pick].title1 ? raw + es.v[pick].title0 : NULL,
						 es.v[pick].title1 - es.v[pick].title0, es.v[pick].kind, es.v[pick].off);
			if (src < 0)
				src = add_source(t, raw + ms, me - ms, NULL, 0, kind, ms);
			/* a pronoun left as written has its own gender; one that
			 * was resolved teaches nothing (a wrong guess would then
			 * turn every later pronoun away from the right person) */
			if (want_person && !t->v[src].gender && t->v[src].name[0] &&
			    (size_t)src + 1 == t->n && t->v[src].first == ms)
				t->v[src].gender = (char)m.pronoun;
			q->source = src;
			continue;
		}
		if ((kind == SK_PERSON && m.name_words == 1) || m.name_words == -1) {
			const struct entity *e = find_surname(r, &es, s, s + ms + m.name0, nlen, ms, t, raw,
							      gender_hint(r, s + ms, me - ms, 1));
			if (e) {
				kind = SK_PERSON;
				name = raw + e->name0;
				nlen = e->name1 - e->name0;
				if (!tlen && e->title1) {
					title = raw + e->title0;
					tlen = e->title1 - e->title0;
				}
			} else if (m.name_words == -1 && surname_shape(name, nlen) && !not_a_name(r, name, nlen)) {
				/* "Varga said" with no full name before it: news names
				 * a body by more than a bare capitalized word, a person
				 * by the surname alone */
				kind = SK_PERSON;
			}
		}
		/* (a name in apposition says who it is: "Norland's prime minister,
		 * Eva Holm," is no earlier minister) */
		if (m.definite == 2 && kind != SK_PERSON) {
			/* "the mayor": the latest person whose title has that word */
			size_t hw = m.title1;
			size_t hs = hw;
			while (hs > m.title0 && s[ms + hs - 1] != ' ')
				hs--;
			for (size_t k = entities_before(&es, ms), lim = 0; k-- > 0 && lim++ < LOOKBACK;) {
				const struct entity *e = &es.v[k];
				if (e->kind != SK_PERSON || !e->title1)
					continue;
				if (title_has_head(s + e->title0, e->title1 - e->title0, s + ms + hs, hw - hs))
					src = add_source(t, raw + e->name0, e->name1 - e->name0, raw + e->title0,
							 e->title1 - e->title0, SK_PERSON, e->off);
				if (src >= 0)
					break;
			}
			/* (or a person quoted earlier with that title: "harbor chief
			 * Ada Holm said", whose title is the speaker's, not a name's) */
			for (size_t k = t->n, lim = 0; src < 0 && k-- > 0 && lim++ < LOOKBACK;) {
				const struct source *o = &t->v[k];
				if (o->kind == SK_PERSON && o->title && o->first < ms &&
				    title_has_head(o->title, strlen(o->title), s + ms + hs, hw - hs))
					src = (int)k;
			}
			/* (or, no one so titled before, the first person so titled
			 * up to the end of the next paragraph: a lead says "the
			 * union's chairwoman said" and names her after, "Chairwoman
			 * Ida Sorn" or "Ida Sorn, the union's chairwoman") */
			/* (only a description with more than its head: a bare "the
			 * senator" refers back to someone never so titled) */
			size_t fwd_end = seg->paras[q->para + 1 < seg->nparas ? q->para + 1 : q->para].end;
			if (hs == m.title0)
				fwd_end = 0;
			for (size_t k = entities_before(&es, me); src < 0 && k < es.n && es.v[k].off < fwd_end; k++) {
				const struct entity *e = &es.v[k];
				if (e->kind == SK_PERSON && e->title1 &&
				    title_has_head(s + e->title0, e->title1 - e->title0, s + ms + hs, hw - hs) &&
				    same_modifiers(s + ms + m.title0, hs - m.title0, s + e->title0, e->title1 - e->title0))
					src = add_source(t, raw + e->name0, e->name1 - e->name0, raw + e->title0,
							 e->title1 - e->title0, SK_PERSON, e->off);
			}
			if (src >= 0) {
				q->source = src;
				continue;
			}
		}
		if (m.definite == 3 && kind != SK_PERSON) {
			/* the latest organization whose name has the head word ("the
			 * agency" -> "Aldmark Environment Agency"); "the company" with no
			 * company so named stays as written */
			size_t hs = m.title0, hl = m.title1 - m.title0;
			int company = wordset_get_ci(&r->org_words, s + ms + hs, hl) == ORG_COMPANY;
			/* ("the newspaper", "the paper": the latest outlet named,
			 * "The editorial page of the state-run Sanhe Daily went
			 * further. Varnland, the newspaper said, ...") */
			int paper = (hl == 9 && !strncasecmp(s + ms + hs, "newspaper", 9)) ||
				    (hl == 5 && !strncasecmp(s + ms + hs, "paper", 5));
			/* ("the union": a body of workers by any of its names, "the
			 * Federation of Rail Workers") */
			int uni = hl == 5 && !strncasecmp(s + ms + hs, "union", 5);
			for (size_t k = t->n, lim = 0; k-- > 0 && lim++ < LOOKBACK;) {
				const struct source *o = &t->v[k];
				if (o->kind != SK_ORGANIZATION || o->first >= ms)
					continue;
				if (has_word(o->name, strlen(o->name), s + ms + hs, hl))
					src = (int)k;
				if (src >= 0)
					break;
			}
			/* "A spokesperson for Orrin Freight said ... the company
			 * said": the body the last unnamed speaker, in this or the
			 * previous paragraph, spoke for */
			if (src < 0 && i > 0 && ql->v[i - 1].para + 1 >= q->para && ql->v[i - 1].source >= 0 &&
			    t->v[ql->v[i - 1].source].kind == SK_ANONYMOUS) {
				const char *pn = t->v[ql->v[i - 1].source].name;
				size_t o0, o1, from = ql->v[i - 1].end;
				if (ql->v[i - 1].spk_start != NO_SPAN && ql->v[i - 1].spk_end > from)
					from = ql->v[i - 1].spk_end;
				/* (no organization named since: "The editorial page of the
				 * Sanhe Daily went further. ..., the newspaper said") */
				int named = paper;
				for (size_t k = entities_before(&es, ms); !named && k-- > 0 && es.v[k].off >= from;)
					if (es.v[k].kind == SK_ORGANIZATION)
						named = 1;
				if (!named && spoke_for(r, pn, &o0, &o1)) {
					/* (by its full name if it was named so before: "Orrin"
					 * after "Orrin Freight") */
					for (size_t k = entities_before(&es, ms); src < 0 && k-- > 0;) {
						const struct entity *e = &es.v[k];
						if (e->kind == SK_ORGANIZATION && e->name1 - e->name0 > o1 - o0 &&
						    !strncmp(raw + e->name0, pn + o0, o1 - o0) && raw[e->name0 + o1 - o0] == ' ')
							src = add_source(t, raw + e->name0, e->name1 - e->name0, NULL, 0,
									 SK_ORGANIZATION, e->off);
					}
					if (src < 0) {
						char *body = xstrndup(pn + o0, o1 - o0);
						src = add_source(t, body, o1 - o0, NULL, 0, SK_ORGANIZATION, ms);
						free(body);
					}
				}
			}
			/* "the company": the latest business named before it, a
			 * speaker or not ("Calder Tide Chemicals"); "the group": the
			 * latest organization introduced with that word ("the
			 * campaign group Friends of the River") */
			/* (first a name right after the head word: that organization
			 * whatever it looks like, "the oil company Norra Petro") */
			for (size_t k = entities_before(&es, ms), lim = 0; src < 0 && k-- > 0 && lim++ < LOOKBACK;) {
				const struct entity *e = &es.v[k];
				if (word_before(s, e->name0, s + ms + hs, hl))
					src = add_source(t, raw + e->name0, e->name1 - e->name0, NULL, 0,
							 SK_ORGANIZATION, e->off);
			}
			for (size_t k = entities_before(&es, ms), lim = 0; src < 0 && k-- > 0 && lim++ < LOOKBACK;) {
				const struct entity *e = &es.v[k];
				if (e->kind == SK_ORGANIZATION &&
				    ((company && company_name(raw + e->name0, e->name1 - e->name0, r) &&
				      !alone_in_para(seg, s, e)) ||
				     (uni && union_name(raw + e->name0, e->name1 - e->name0, r)) ||
				     /* ("the club": "Quenby Athletic", by org-kinds.txt) */
				     (!uni && kind_name(raw + e->name0, e->name1 - e->name0, r, s + ms + hs, hl, 0)) ||
				     (paper && org_kind_name(raw + e->name0, e->name1 - e->name0, r, ORG_OUTLET))))
					src = add_source(t, raw + e->name0, e->name1 - e->name0, NULL, 0,
							 SK_ORGANIZATION, e->off);
			}
			/* (then one whose name has the head word, "the ministry" after
			 * a "Ministry of Harbours" that said nothing, or one with the
			 * head word after its possessive, "the board" after "the
			 * Kestrel Review's editorial board") */
			for (size_t k = entities_before(&es, ms), lim = 0; src < 0 && k-- > 0 && lim++ < LOOKBACK;) {
				const struct entity *e = &es.v[k];
				size_t pe;
				/* (a name of a few words: a headline in Title Case is none) */
				if (e->kind == SK_ORGANIZATION && e->words <= 5 &&
				    has_word(raw + e->name0, e->name1 - e->name0, s + ms + hs, hl))
					src = add_source(t, raw + e->name0, e->name1 - e->name0, NULL, 0,
							 SK_ORGANIZATION, e->off);
				/* (whoever the possessor: "Ada Vell's legal team") */
				else if ((pe = possessed_head(s, e->name1, ms, s + ms + hs, hl)))
					src = add_source(t, raw + e->name0, pe - e->name0, NULL, 0,
							 SK_ORGANIZATION, e->off);
			}
			/* (no such body before: a lead's "their union said" names it
			 * in the next paragraph) */
			size_t fwd = seg->paras[q->para + 1 < seg->nparas ? q->para + 1 : q->para].end;
			for (size_t k = entities_before(&es, me); uni && src < 0 && k < es.n && es.v[k].off < fwd; k++) {
				const struct entity *e = &es.v[k];
				if (e->kind == SK_ORGANIZATION && union_name(raw + e->name0, e->name1 - e->name0, r))
					src = add_source(t, raw + e->name0, e->name1 - e->name0, NULL, 0,
							 SK_ORGANIZATION, e->off);
			}
			if (src >= 0) {
				q->source = src;
				continue;
			}
			tlen = 0;
			/* "The company declined to comment" with no company named:
			 * the description as written, "the company", "the harbor
			 * board", not a bare noun phrase that reads as the
			 * organization's name (the store keys both alike, so a
			 * "Harbor Board" elsewhere is still met) */
			if (m.name0 >= 4 && !strncasecmp(s + ms + m.name0 - 4, "the ", 4)) {
				src = add_described_source(t, name, nlen, kind, ms);
				q->source = src;
				continue;
			}
		}
		if (m.definite == 1 && kind == SK_ANONYMOUS && last_word_in(&r->titles, s + ms, me - ms)) {
			/* "the spokesman": a person quoted earlier with that title
			 * ("Holt's spokesman, Per Dahl, said") */
			size_t hs, hw;
			last_word(s + ms, me - ms, &hs, &hw);
			for (size_t k = t->n, lim = 0; k-- > 0 && lim++ < LOOKBACK;) {
				const struct source *o = &t->v[k];
				if (o->kind == SK_PERSON && o->title && o->first < ms &&
				    title_has_head(o->title, strlen(o->title), s + ms + hs, hw - hs)) {
					src = (int)k;
					break;
				}
			}
		}
		if (src < 0 && m.definite == 1 && (kind == SK_ANONYMOUS || kind == SK_DOCUMENT)) {
			/* "the official", "the report": the latest source of that kind
			 * named with the same noun; else, for a person, the latest
			 * unnamed one ("the person" after "two people familiar"); a
			 * document of another name ("the indictment" after "court
			 * documents") is a document of its own */
			size_t hs, hw;
			last_word(s + ms, me - ms, &hs, &hw);
			int any = -1;
			for (size_t k = t->n, lim = 0; k-- > 0 && lim++ < LOOKBACK;) {
				if (t->v[k].kind != kind || t->v[k].first >= ms)
					continue;
				if (any < 0)
					any = (int)k;
				if (hw - hs >= 3 && has_word(t->v[k].name, strlen(t->v[k].name), s + ms + hs, hw - hs)) {
					src = (int)k;
					break;
				}
			}
			/* (only a source noun: "the owner of the mill" is no
			 * "person" of the earlier ones) */
			if (src < 0 && kind == SK_ANONYMOUS && has_source_noun(s + ms, me - ms, r))
				src = any;
		}
		if (src < 0 && kind == SK_ORGANIZATION && q->para == 0 && !m.definite && headline_org(r, raw + ms, me - ms)) {
			/* "Port strike ends, union says": a headline drops the
			 * article the body writes ("the union said"), and the
			 * description is written with it as everywhere else */
			src = add_described_source(t, raw + ms, me - ms, kind, ms);
		}
		if (src < 0) {
			/* strip a leading "the" from organization names */
			if (kind == SK_ORGANIZATION && nlen > 4 && !strncasecmp(name, "the ", 4)) {
				name += 4;
				nlen -= 4;
			}
			/* "Aldmark's environment agency" is the Aldmark environment
			 * agency: without the possessive, its name matches the one
			 * written in capitals elsewhere */
			size_t pl = kind == SK_ORGANIZATION ? possessive_len(name, nlen) : 0;
			/* (a body's name, its kind in two words or more, "Aldmark's
			 * environment agency", "Selm's foreign ministry", or one the
			 * article names so; one noun after the possessive is what
			 * someone or something has, "Tenhai's government",
			 * "Brandvold's office", and stays as written) */
			size_t after = pl ? pl + (name[pl] == '\'' ? 2 : 4) + 1 : 0;
			if (pl && after < nlen && !memchr(name + after, ' ', nlen - after) &&
			    !named_without_possessive(&es, raw, name, nlen, pl))
				pl = 0;
			if (pl) {
				strbuf nb = STRBUF_INIT;
				strbuf_add(&nb, name, pl);
				strbuf_add(&nb, name + pl + (name[pl] == '\'' ? 2 : 4), nlen - pl - (name[pl] == '\'' ? 2 : 4));
				src = add_source(t, nb.buf, nb.len, tlen ? title : NULL, tlen, kind, ms);
				strbuf_release(&nb);
			} else {
				src = add_source(t, name, nlen, tlen ? title : NULL, tlen, kind, ms);
			}
		}
		q->source = src;
	}
	if (ql->n)
		learn_gender(r, t, &ql->v[ql->n - 1], s);
	/* quotes inheriting from later ones (continued quotations) */
	for (size_t i = 0; i < ql->n; i++) {
		struct quote *q = &ql->v[i];
		if (q->source < 0 && q->inherit >= 0)
			q->source = ql->v[q->inherit].source;
	}
	outlets(t, ql, a, seg, r);
	/* names and titles are copied from raw: read as the words are */
	for (size_t i = 0; a->decoded && i < t->n; i++) {
		char **f[3] = { &t->v[i].name, &t->v[i].title, &t->v[i].affiliation };
		for (int k = 0; k < 3; k++) {
			char *d = *f[k] ? html_text_decode(*f[k]) : NULL;
			if (d) {
				free(*f[k]);
				*f[k] = d;
			}
		}
	}
	strbuf_release(&its);
	free(es.v);
}
