/* sources: turns speaker mentions into canonical sources within one
 * article: title split ("Foreign Ministry spokeswoman Hua Chunying"),
 * kinds (person, organization, anonymous, vague, document), surname,
 * title and pronoun references, "the person" back to an earlier anonymous
 * source.
 *
 * A source_table owns its strings; release with source_table_release(). */
#ifndef WHOSAID_SOURCES_H
#define WHOSAID_SOURCES_H

#include "quotes.h"

enum source_kind { SK_PERSON, SK_ORGANIZATION, SK_ANONYMOUS, SK_VAGUE, SK_DOCUMENT };

struct source {
	char *name;          /* canonical name, or the description as first written */
	char *title;         /* role as stated, NULL if none */
	char *affiliation;   /* where the text says the source writes or speaks
				from apart from its title ("writes ... in the
				Orsel Gazette"), NULL if it does not */
	enum source_kind kind;
	size_t first;        /* offset of the first mention */
	char gender;         /* 'm', 'f' or 0: from "he"/"she" resolved to it, an
				honorific ("Mrs.") or a title ("spokeswoman");
				keeps "she" off a man quoted before */
};

struct source_table {
	struct source *v;
	size_t n, alloc;
};

void source_table_release(struct source_table *t);
/* Fills t (cleared first) and sets quotes[i].source for every quote with a
 * speaker, directly or inherited. */
void sources_resolve(struct source_table *t, struct quote_list *ql, struct article *a,
		     const struct segmentation *seg, const struct rules *r);

const char *source_kind_name(enum source_kind k);

/* Parsed mention, exposed for unit tests. Offsets relative to the text. */
struct mention {
	enum source_kind kind;
	int pronoun;         /* 0 none, 'm' he, 'f' she, 'n' it, 'p' they, 'i' I/we */
	size_t name0, name1; /* the name part */
	size_t title0, title1;
	int name_words;
	int definite;        /* "the person": refers back */
};
void mention_parse(const char *s, size_t len, const struct rules *r, struct mention *m);

#endif
