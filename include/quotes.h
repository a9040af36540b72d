/* quotes: finds quotations and reported speech in a segmented article and
 * attributes each to a speaker mention by the rules of attribution.rules.
 *
 * A quote_list owns its array; the rule ids it points to are owned by the
 * struct rules they came from, which must outlive the list. */
#ifndef WHOSAID_QUOTES_H
#define WHOSAID_QUOTES_H

#include <stddef.h>

#include "read.h"
#include "rules.h"
#include "segment.h"

enum quote_kind { QK_DIRECT, QK_INDIRECT, QK_MIXED, QK_BLOCK };

#define NO_SPAN ((size_t)-1)

struct quote {
	size_t start, end;            /* content, into article.raw */
	enum quote_kind kind;
	int cue;                      /* index into rules->cues, -1 when none */
	size_t cue_start, cue_end;
	size_t spk_start, spk_end;    /* speaker mention; NO_SPAN when none */
	size_t appos_start, appos_end;/* apposition after the speaker, NO_SPAN when none */
	size_t rel_start, rel_end;    /* "who" in "Lund, who said": the word that is the
					 cue's subject, as written; 0, 0 when none */
	int asked;                    /* a question put to nobody named: the subject
					 after its comma answers (rule group 'asked') */
	int inherit;                  /* speaker taken from quotes[inherit], -1 */
	int source;                   /* filled by sources: index into sources, -1 */
	const char *rule;             /* rule id */
	enum stance stance;
	unsigned para, sent;
	int unclosed;                 /* its opening mark was never closed */
};

struct quote_list {
	struct quote *v;
	size_t n, alloc;
};

/* Per-thread scratch for matching; init once, reuse for every article. */
struct quote_scratch {
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	/* for the probes (rules.probes) a match calls: their own, as they
	 * run inside it, and with no offset limit */
	pcre2_match_data *pmd;
	pcre2_match_context *pmctx;
	/* what each probe answered at each offset of the sentence under way
	 * (quotes.c, cue_later): probe_memo[((p * 4 + form) * probe_cap) + at]
	 * is probe_gen * 2 + matched when worked out in this sentence; form
	 * is 2 * on_t + cur_ascii (its subject and its code) */
	uint32_t *probe_memo;
	size_t probe_cap, probe_n;
	uint32_t probe_gen;
	char *buf;
	size_t cap;
	/* a sentence transcoded to Latin-1 (quotes.c): its bytes, and the
	 * offsets from and into buf */
	char *tbuf;
	size_t *tmap, *tfwd;
	size_t tcap;
	/* per text of the "needs" lines (rules.nneed_texts): -1 not yet looked
	 * for in this sentence, else whether it is there */
	signed char *held;
	size_t nheld;
	/* the hashed pairs of adjacent bytes of a sentence (quotes.c,
	 * note_pairs): pair_seen[h] is pair_gen when the sentence has one */
	unsigned short *pair_seen;
	unsigned pair_gen;
	/* per text of the "needs" lines of ntf_rules: what is worked out
	 * once about it (quotes.c, holds_text) */
	struct need_text_fast *ntf;
	const struct rules *ntf_rules;
	/* per cue of ntf_rules, the rules whose "needs cue" lines name it, a
	 * bit each; rules_any: those that run whatever the cues (no such
	 * line); NULL when there are more rules than RULE_SET_BITS (quotes.c,
	 * run_rules) */
	uint64_t (*rules_of_cue)[RULE_SET_WORDS];
	uint64_t rules_any[RULE_SET_WORDS];
	int trace;        /* WHOSAID_TRACE set: print every rule match to stderr */
	const char *only_rule; /* WHOSAID_ONLY_RULE: run just this rule (profiling) */
	int no_cue_needs; /* WHOSAID_NO_CUE_NEEDS: ignore "needs cue" and "needs end"
			     lines (tests that they never change what a rule finds) */
	int slow_log;     /* WHOSAID_SLOW: print sentences whose rules take > 0.5 ms */
	int no_fast;      /* WHOSAID_NO_FAST: no fast paths (the ASCII patterns): tests
			     that they never change what a rule finds */
	int profile;      /* WHOSAID_PROFILE: time each rule (the first scratch only) */
};

void quote_scratch_init(struct quote_scratch *qs);
void quote_scratch_release(struct quote_scratch *qs);

void quote_list_release(struct quote_list *ql);
/* Appends the quotes of a to ql (cleared first), in text order. */
void quotes_find(struct quote_list *ql, struct article *a, const struct segmentation *seg,
		 const struct rules *r, struct quote_scratch *qs);

const char *quote_kind_name(enum quote_kind k);
const char *stance_name(enum stance s);

#endif
