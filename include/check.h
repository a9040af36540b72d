/* check: findings on articles, for `whosaid check` (CI on new articles).
 *
 * Each finding has a stable rule id, a severity and a message that says
 * what to do. Rules that read the article alone: unattributed-quote,
 * vague-attribution, anonymous-source, unclosed-quote. Rules that compare
 * it with a store of published articles: quote-drift, attribution-drift,
 * contradicts-store.
 *
 * Data, not code, decides what English counts as vague or as a stated
 * reason for anonymity: rules/check.rules (patterns, documented there and
 * in rules/README.md). Which rules run and how severe they are:
 * rules/checks (or any file given to check_config_load).
 *
 * An article silences rules for one paragraph with a comment line just
 * before it: "<!-- whosaid: ignore RULE... -->" in Markdown, a
 * "whosaid: ignore RULE..." line in text; no rule names silences all.
 *
 * Ownership: struct checker owns its patterns and statements and borrows
 * the rules, the config and the store given to checker_new(), which must
 * outlive it. check_findings own their messages; release them with
 * check_findings_release(). A checker serves one thread. */
#ifndef WHOSAID_CHECK_H
#define WHOSAID_CHECK_H

#include <stddef.h>

#include "diag.h"
#include "extract.h"
#include "store.h"

enum check_rule {
	CHECK_UNATTRIBUTED_QUOTE,
	CHECK_VAGUE_ATTRIBUTION,
	CHECK_ANONYMOUS_SOURCE,
	CHECK_UNCLOSED_QUOTE,
	CHECK_QUOTE_DRIFT,
	CHECK_ATTRIBUTION_DRIFT,
	CHECK_CONTRADICTS_STORE,
	CHECK__N
};

struct check_rule_info {
	const char *id;          /* "quote-drift" */
	const char *name;        /* "QuoteDrift" (SARIF rule name) */
	const char *summary;     /* one sentence */
	const char *help;        /* what to do about a finding */
	int needs_store;
	enum diag_level level;   /* built-in default severity */
};

/* The seven rules, indexed by enum check_rule (static). */
extern const struct check_rule_info check_rule_info[CHECK__N];
/* CHECK__N when id names no rule. */
enum check_rule check_rule_by_id(const char *id, size_t len);
const char *check_level_name(enum diag_level l);

struct check_config {
	int enabled[CHECK__N];
	enum diag_level level[CHECK__N];
	/* anonymous-source when the article says why the source is not named */
	enum diag_level reasoned_level;
};

/* The built-in defaults (every rule on). */
void check_config_default(struct check_config *c);
/* Reads "rule-id | on|off | severity [| severity when explained]" lines
 * over the defaults; path NULL: "checks" in the default rules directory.
 * Reports problems through d as file:line:col and returns -1 if any. */
int check_config_load(struct check_config *c, const char *path, const char *rules_dir,
		      struct diag *d);

struct check_finding {
	enum check_rule rule;
	enum diag_level level;
	size_t start, end;        /* bytes of the article */
	unsigned line, col;       /* of start, col in code points */
	unsigned end_line, end_col;
	char *message;
	/* the other article a store rule compares with; NULL when none */
	char *other_doc, *other_path, *other_text;
	unsigned other_line, other_col;
};

struct check_findings {
	struct check_finding *v;
	size_t n, alloc;
};

void check_findings_release(struct check_findings *f);

struct checker;

/* Loads check.rules from the rules' directory (r->dir) and prepares the
 * store queries. st may be NULL (no store: the store rules report
 * nothing). Reports and returns NULL on error. */
struct checker *checker_new(const struct rules *r, const struct check_config *cfg, struct store *st,
			    struct diag *d);
void checker_free(struct checker *c);

/* Blanks the article's "whosaid: ignore" comment lines in a->scan (as
 * the reader blanks other non-prose), so they are no part of the text the
 * extraction reads. Call before extraction_run(). */
void check_blank_comments(struct article *a);

/* Runs every enabled rule on one extracted article, appending to out in
 * text order (offset, then rule). sd is the article as xref_doc() builds
 * it (source keys, claim terms): needed by the store rules, may be NULL
 * without a store. Problems with the store or with an ignore comment are
 * reported through d (as warnings for comments). Returns 0, or -1 after
 * an error. */
int check_article(struct checker *c, struct extraction *x, const struct store_doc *sd,
		  struct check_findings *out, struct diag *d);

#endif
