/* conflicts: the stance of a quote toward what it says, and propositions
 * (claim frames) that let claims in different words meet, so sources for
 * and against the same proposition can be listed side by side.
 *
 * Rule files (in the rules directory; language in rules/README.md,
 * "Stance and frame rules"):
 *   stance-cues.txt      reporting-verb lemmas that take a side
 *                        (deny: against; confirm: for)
 *   stance-negation.txt  negation inside the content ("did not", "no proof")
 *   stance-doubt.txt     doubt about evidence ("weak", "premature", "framed")
 *   stance-hedge.txt     hedges ("may", "allegedly"): hedge, not against
 *   stance-refute.txt    an article refuting a story ("hoax", "debunked")
 *   stance-report.txt    an article relaying one ("reportedly", "said")
 *   frames.rules         claim frames: PCRE2 patterns that turn a clause
 *                        into a proposition (frame + agent) and a side
 * Every entry has an id; every verdict names the id that decided it.
 *
 * Ownership: conflict_rules_load() returns rules that own everything they
 * hold (free with conflict_rules_free()) except the claim rules, which
 * are borrowed and must outlive them; once loaded they are only read, so
 * one struct may serve any number of threads. Rule ids in verdicts and propositions are borrowed from the
 * rules; keys and labels in a struct proposition are owned by it (free
 * with conflicts_props_free()). */
#ifndef WHOSAID_CONFLICTS_H
#define WHOSAID_CONFLICTS_H

#include <stddef.h>

#include "claims.h"
#include "diag.h"
#include "rules.h"
#include "strbuf.h"

struct conflict_rules;

struct conflict_rules *conflict_rules_load(const char *rules_dir, const struct claim_rules *cr,
					   struct diag *d);
void conflict_rules_free(struct conflict_rules *cf);
void conflict_rules_describe(const struct conflict_rules *cf, strbuf *out);

enum side { SIDE_FOR, SIDE_AGAINST, SIDE_HEDGE };
const char *side_name(enum side s); /* "for", "against", "hedge" */

struct stance_verdict {
	enum side side;
	const char *rule;   /* id of the entry that decided, "assert" if none */
	size_t start, end;  /* the deciding words in the text; 0, 0 for a cue */
};

/* The stance of a speaker toward [text, text+len): the cue lemma first
 * (against or for), then negation and doubt in the text (against), then
 * hedges (hedge), else for. cue_lemma may be NULL. */
void conflicts_stance(const struct conflict_rules *cf, const char *cue_lemma, const char *text,
		      size_t len, struct stance_verdict *out);

/* Hits of the word lists in [text, text+len), counted; for weighing
 * whole articles. */
struct stance_counts {
	unsigned against;  /* stance-negation.txt and stance-doubt.txt */
	unsigned hedge;    /* stance-hedge.txt */
	unsigned refute;   /* stance-refute.txt */
	unsigned report;   /* stance-report.txt */
};
void conflicts_count(const struct conflict_rules *cf, const char *text, size_t len,
		     struct stance_counts *out);

/* Writes [text, text+len) into out with the words of stance-refute.txt
 * blanked: what a claim is about, without "hoax" or "debunked". */
void conflicts_blank_refute(const struct conflict_rules *cf, const char *text, size_t len, strbuf *out);

/* One quote of an article, as conflicts_article() needs it. */
struct prop_quote {
	size_t start, end;       /* content span in the body */
	const char *cue_lemma;   /* NULL when none */
	const char *speaker;     /* canonical name, NULL when unattributed */
	const char *affiliation; /* the speaker's organization, NULL: what
				    "we" and "our" refer to */
};

struct proposition {
	size_t quote;            /* index into the prop_quote array */
	char *key;               /* "responsible(north_korea)": meets across articles */
	char *label;             /* "North Korea was responsible" */
	const char *frame_rule;  /* the frame rule that matched */
	int event;               /* its frame is a reported event: the same
				    claim whoever tells it */
	const char *stance_rule; /* the stance entry that decided the side */
	enum side side;          /* the quote's side toward the proposition */
	size_t start, end;       /* the frame match in the body */
};

/* An organization named in the article: what "the company" or "the
 * agency" as a frame's agent refers back to. */
struct prop_org {
	size_t start;            /* where it is named */
	const char *name;        /* canonical name */
	int company;             /* a business (organizations.txt: company) */
};

/* Finds the propositions the quotes of one article state, for or against.
 * body is the article text (frames are matched over all of it, so "that
 * attribution" in a quote can refer to a proposition stated earlier in the
 * article's own words); quotes are in text order. Appends to *props, in
 * the order of the quotes
 * (realloc'ed; *nprops updated); returns the number added. orgs (in text
 * order, may be NULL) resolve an agent written as "the" and a common noun
 * to the organization named last before it whose name has that noun ("the
 * agency": "Aldmark Environment Agency"), or, for a business noun of
 * r's organizations.txt ("the company", "the firm"), the business named
 * last before it. */
size_t conflicts_article(const struct conflict_rules *cf, const struct rules *r, const char *body, size_t len,
			 const struct prop_quote *quotes, size_t nquotes, const struct prop_org *orgs,
			 size_t norgs, struct proposition **props, size_t *nprops);
void conflicts_props_free(struct proposition *props, size_t n);

/* A figure's proposition key "amount(speed:<38)" (conflicts_article): its
 * dimension (into dim, dimsz bytes), value in the base unit and bound ('<',
 * '>' or 0). Returns 0 when the key is no figure's. */
int conflicts_figure_parse(const char *key, char *dim, size_t dimsz, double *v, char *bound);
/* Do two figures agree: equal within a fifth, or one within the other's
 * bound? */
int conflicts_figures_agree(double a, char ba, double b, char bb);

#endif
