/* xref: cross-references across articles.
 *
 * At ingest, xref_doc() turns one article's extraction into a store_doc:
 * every in-article source gets a key that is its identity across
 * articles (a full name without titles, aliases applied; a bare surname,
 * "the minister" or "the agency" only through a named source of the same
 * article; anonymous, vague and unnamed sources one per article); the
 * places where the article names a source without quoting it (its full
 * name, surname or aliases) become mentions too; a person's title gives
 * the key of the organization it names (member_of); and every quote
 * becomes a claim (normalized terms and polarity, by the claims library).
 *
 * At query time, xref_refresh() clusters every stored claim (claims
 * library, MinHash/LSH) and groups articles into stories by what they
 * share: title terms, claim terms, claim clusters and named sources
 * (claims_stories); it caches both, and each person's member_of, in the
 * store until the next ingest changes its generation.
 *
 * struct xref_rules owns everything it holds; xref_doc() returns a
 * store_doc the caller frees with store_doc_free(). */
#ifndef WHOSAID_XREF_H
#define WHOSAID_XREF_H

#include "claims.h"
#include "extract.h"
#include "store.h"

/* Jaccard similarity of claim terms at which two claims are the same. */
#define XREF_DEFAULT_THRESHOLD CLAIMS_CLAIM_THRESHOLD
/* Similarity of articles' terms at which they are one story. */
#define XREF_STORY_THRESHOLD CLAIMS_STORY_THRESHOLD

struct xref_rules;

/* Loads the claim rules and aliases from dir (NULL: the default rules
 * directory). r must outlive the result. Reports and returns NULL on
 * error. */
struct xref_rules *xref_rules_load(const char *dir, const struct rules *r, struct diag *d);
void xref_rules_free(struct xref_rules *xr);

/* Builds the rows of x's article; takes ownership of a (x->a), which must
 * have been allocated as an article (article_free frees it) and path, a
 * malloc'ed copy of its path. Safe to call from several threads at once
 * with the same rules, each with its own claim scratch (NULL: one for this
 * article only; a thread that builds many articles keeps one). */
struct store_doc *xref_doc(struct extraction *x, char *path, const struct rules *r,
			   const struct xref_rules *xr, struct claim_scratch *cs);

/* The identity key of a name: folded (case, marks), titles and
 * honorifics dropped, aliases applied. Caller frees. Exposed for tests. */
char *xref_name_key(const char *name, size_t len, enum source_kind kind, const struct rules *r,
		    const struct xref_rules *xr);

/* Brings the cached claim clusters, member_of and stories up to date
 * (nothing to do when no ingest ran since the last refresh with the same
 * thresholds). Returns 0, or -1 after reporting. */
int xref_refresh(struct store *s, double threshold, double story_threshold, struct diag *d);

#endif
