/* claims: a quote's content as a normalized claim, and claims that say the
 * same thing in other words grouped into clusters. Pure functions: no
 * database, no global state.
 *
 * Rule files (in the rules directory; their language is documented in
 * rules/README.md, "Claim rules"):
 *   stopwords.txt        English function words, dropped
 *   claim-frames.txt     reporting-frame words (dropped) and hedges
 *   negation.txt         negation cues: the claim's polarity becomes deny
 *   aliases.txt          entity aliases: FBI = Federal Bureau of Investigation
 *   claim-synonyms.txt   English synonyms: oppose = be against
 *   claim-prefixes.txt   prefixes written joined or apart: cyber(-)attack
 *
 * Ownership: claim_rules_load() returns rules that own everything they
 * point to; free them with claim_rules_free(). Once loaded they are only
 * read, so one struct claim_rules may serve any number of threads at once.
 * Every other function writes into buffers the caller owns. */
#ifndef WHOSAID_CLAIMS_H
#define WHOSAID_CLAIMS_H

#include <stddef.h>

#include "diag.h"
#include "strbuf.h"

struct claim_rules;

/* Loads the six files from rules_dir (NULL: rules_default_dir()). Reports
 * every problem through d as "file:line:col: error: ..." and returns NULL
 * if there was any error; a word listed twice is a warning. */
struct claim_rules *claim_rules_load(const char *rules_dir, struct diag *d);
void claim_rules_free(struct claim_rules *cr);
/* Appends a one-line summary ("172 stop words, 61 cues, ...") to out. */
void claim_rules_describe(const struct claim_rules *cr, strbuf *out);

/* Same order as enum stance in rules.h, so a quote's stance converts by
 * a cast: (enum claim_polarity)q->stance. */
enum claim_polarity { CLAIM_ASSERT, CLAIM_DENY, CLAIM_HEDGE };

/* "assert", "deny", "hedge" (static strings). */
const char *claim_polarity_name(enum claim_polarity p);

/* Normalizes one quote's content [text, text+len) (UTF-8; invalid bytes
 * are read as spaces) into the claim's terms, replacing what *terms held:
 * content words folded (NFKC, case fold, accents removed), split at
 * hyphens and after the prefixes of claim-prefixes.txt, entity aliases
 * applied (each entity is one term, its canonical words joined by "_":
 * "north_korea"), synonyms mapped, stop words, frame, hedge and negation
 * words dropped, British spellings stemmed as American ones ("fertiliser":
 * "fertil"), the unit after a figure one term however written ("km/h",
 * "kilometres an hour": "kmh"), Snowball English stems, sorted (bytewise),
 * duplicates removed, separated by single spaces. May be empty.
 *
 * Returns the polarity: deny if stance is CLAIM_DENY or the text holds a
 * negation cue (one is enough: a negated denial stays deny, and double
 * negatives are not worked out) that is no bound on a figure ("never went
 * above 38", "no more than two tonnes" deny nothing); else hedge if stance is CLAIM_HEDGE or
 * the text holds a hedge; else assert. */
enum claim_polarity claim_normalize(const struct claim_rules *cr, const char *text, size_t len,
				    enum claim_polarity stance, strbuf *terms);

/* Memory claim_normalize_with() reuses from one claim to the next,
 * including what it learned of each word it has seen (its folded form,
 * stem and what the rules say of it), so that many claims normalize
 * several times faster. One scratch serves one thread; it may be used
 * with any rules (it forgets its words when they change). */
struct claim_scratch;
struct claim_scratch *claim_scratch_new(void);
void claim_scratch_free(struct claim_scratch *cs);

/* claim_normalize() with a scratch: the same terms and polarity. */
enum claim_polarity claim_normalize_with(struct claim_scratch *cs, const struct claim_rules *cr, const char *text,
					 size_t len, enum claim_polarity stance, strbuf *terms);

/* Clusters n claims given their term strings (as claim_normalize writes
 * them): two claims join when the Jaccard similarity of their term sets is
 * at least threshold (0 < threshold <= 1; 0.5 is a good start) and they
 * share at least two terms; clusters are the connected components of that
 * relation. Claims with fewer than two terms stay alone.
 *
 * Candidates come from MinHash signatures with LSH banding, never from
 * comparing every pair, and each band bucket compares a claim with at
 * most a few earlier claims of other clusters, so the cost grows close to
 * linearly with n; the price is that a rare pair above the threshold may
 * be missed (the bands are sized for a 98% chance to find a pair at the
 * threshold). Deterministic: the same input gives the same output.
 *
 * article_ids (may be NULL) are not needed to decide: claims in the same
 * article cluster like any others. They are taken so callers can pass what
 * they have; see claims_stories() for grouping articles.
 *
 * CLAIMS_CLAIM_THRESHOLD is the threshold measured to work (both seed
 * pairs of issue 3 join, FNC-1 stories below).
 *
 * Writes cluster ids 0..k-1, numbered in order of first member, into
 * cluster_out[0..n-1] (caller owns it); returns k. */
size_t claims_cluster(char *const *terms, const long long *article_ids, size_t n,
		      double threshold, size_t *cluster_out);

#define CLAIMS_CLAIM_THRESHOLD 0.5

/* What a caller may know of a claim beyond its terms. */
struct claim_info {
	long long source;   /* the source that makes the claim (0: none known) */
	int polarity;       /* enum claim_polarity */
	const char *names;  /* the terms of the claim that are names ("dana",
			       "north_korea"), space-separated; NULL: none */
};

/* claims_cluster(), and when info is not NULL (info[0..n-1]) the joins of
 * claims told in other words: two claims of one polarity that share a
 * source or a figure ("38", "nine") join also when the shorter is mostly
 * contained in the longer (three terms or more, three quarters of its own,
 * the longer at most 2.5 times as long) or when they share four terms or
 * more at a Jaccard similarity of 0.4, unless each names something the other
 * does not ("it downgraded Dana Corp's debt", "it downgraded Bethlehem
 * Steel Corp's debt"). Those candidates come from banding within one
 * source's claims (one row a band, the source mixed into the keys) and
 * from one bucket per figure and unit, so the cost stays near-linear.
 *
 * seed (may be NULL, or cluster_out itself): cluster ids (0..n-1) a
 * claims_cluster() of the same terms and threshold gave, perhaps joined or split further by the caller;
 * those clusters are the start, instead of clustering the terms again. */
size_t claims_cluster_with(char *const *terms, const struct claim_info *info, const size_t *seed, size_t n,
			   double threshold, size_t *cluster_out);

/* Groups n articles into stories. article_terms[i] holds what is known of
 * article i as space-separated terms, any mix of: the terms of its claims
 * and of its title or lead (claim_normalize output), one term per claim
 * cluster it quotes ("c17") and per named source it quotes ("s4"). Terms
 * found in a single article are dropped first (they link nothing and would
 * only lower every similarity); then articles join as claims do in
 * claims_cluster, with threshold (CLAIMS_STORY_THRESHOLD works: B-cubed F1
 * 0.84 on the FNC-1 development split, see tests/claims_fnc1.sh).
 * Near-linear in the total number of terms.
 *
 * Writes story ids 0..k-1, in order of first article, into story_out[0..n-1]
 * (caller owns it); returns k. */
size_t claims_stories(char *const *article_terms, size_t n, double threshold, size_t *story_out);

#define CLAIMS_STORY_THRESHOLD 0.16

#endif
