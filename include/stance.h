/* stance: which stored articles bear on a claim, and whether each is for
 * it, against it, or only reports it ("observing").
 *
 * An inverted index maps every claim term (claims.h normalization: folded,
 * stemmed, aliases applied) to the articles that hold it, weighted by
 * inverse document frequency; a claim is scored against the articles its
 * terms reach, never against every article. An article is related when
 * its terms cover enough of the claim's weight. Its stance comes from the
 * sentences closest to the claim: negation or doubt there (stance-*.txt)
 * makes it against, hedges make it observing, a close restatement for.
 *
 * Ownership: stance_index_build() copies nothing: the bodies must outlive
 * the index. The index owns its postings; free with stance_index_free().
 * stance_judge() returns rows the caller frees with free(). Not
 * thread-safe. */
#ifndef WHOSAID_STANCE_H
#define WHOSAID_STANCE_H

#include <stddef.h>

#include "claims.h"
#include "conflicts.h"

struct stance_index;

struct stance_index *stance_index_build(const struct claim_rules *cr, const struct conflict_rules *cf,
					const char *const *bodies, const size_t *lens, size_t n);
void stance_index_free(struct stance_index *ix);

enum stance_label { STANCE_FOR, STANCE_AGAINST, STANCE_OBSERVING };
const char *stance_label_name(enum stance_label l); /* "for", "against", "observing" */

#define STANCE_EVIDENCE_MAX 3

struct stance_row {
	size_t article;          /* index into the bodies given to the build */
	enum stance_label label;
	double relevance;        /* share of the claim's weight the article holds */
	size_t nev;              /* the sentences that decided, body offsets */
	size_t ev_start[STANCE_EVIDENCE_MAX], ev_end[STANCE_EVIDENCE_MAX];
};

/* The related articles of one claim, most relevant first; *rows is
 * malloc'ed (caller frees), the count is returned. */
size_t stance_judge(struct stance_index *ix, const char *claim, size_t len, struct stance_row **rows);

#endif
