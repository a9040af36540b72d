/* store: the SQLite database of articles, sources, mentions, quotes and
 * claims (the "store" stage of the pipeline).
 *
 * Every connection runs with foreign_keys=ON, synchronous=NORMAL and a
 * busy timeout (store_flush turns the foreign key checks off for its own
 * transaction, which checks its rows' references itself); the database
 * is put in WAL mode once, when it is created.
 * The schema is versioned by PRAGMA user_version and brought up to
 * STORE_SCHEMA_VERSION by the migrations in store.c when a database is
 * opened for writing. Each article is written in one BEGIN IMMEDIATE
 * transaction: a failure loses nothing already stored and leaves no half
 * article. Statements are prepared once per connection and reused.
 *
 * Tables (version 1):
 *   meta(key, value)             "generation": bumped by every article
 *                                change; "clusters", "threshold": the
 *                                generation and threshold the cached
 *                                claims.cluster, sources.member_of and
 *                                stories rows are for
 *   articles(id, doc, path, title, outlet, date, url, author, format,
 *            bytes, hash, terms, body)
 *                                one row per doc id; hash is SHA-256 of
 *                                the metadata and the bytes; terms are
 *                                the title's normalized claim terms
 *   sources(id, key, name, kind, title, affiliation, affil_key, article_id,
 *           member_of)           one row per real-world speaker; key is the
 *                                identity across articles; article_id is
 *                                set for sources that belong to one article
 *                                (anonymous, vague, unnamed); member_of
 *                                (cached) is the organization named by
 *                                affil_key
 *   mentions(id, article_id, source_id, start, end, line, text, name, kind,
 *            title, speaker)
 *                                a source as written in one article, with
 *                                the article's own name, kind and title;
 *                                speaker = 0 where it is named but quotes
 *                                nothing
 *   quotes(id, article_id, n, start, end, line, col, text, kind, cue_text,
 *          cue_lemma, cue_start, cue_end, mention_id, source_id, stance,
 *          rule, unclosed)       n is the text order: the quote id is doc#qn
 *   claims(id, terms, polarity, cluster)
 *                                one per quote, with the quote's id;
 *                                cluster is the id of the first claim of
 *                                its cluster (cached)
 *   stories(article_id, story)   story = id of its first article (cached)
 *
 * Version 2 adds:
 *   propositions(id, quote_id, key, label, side, frame_rule, stance_rule,
 *                start, end)     a quote's side (for, against, hedge)
 *                                toward a proposition (claim frame +
 *                                agent, see conflicts.h); indexed by key
 *                                so a new article finds its conflicts
 *                                without a scan. Articles stored before
 *                                version 2 have none until re-ingested
 *                                (ingest --force).
 *
 * Version 3 adds the index claims_terms on claims(terms): the same
 * quotation under another speaker (whosaid check, attribution-drift).
 *
 * Version 4 adds propositions.event: 1 when the proposition's frame is a
 * reported event ("X asked Y for help"), which is one claim whoever
 * tells it (xref_refresh joins such claims across sources).
 *
 * Version 6 adds pending(article_id, rows): an article's rows, encoded,
 * until store_flush() writes them out. A reader never sees them: every
 * store_open() writes them out first.
 *
 * Version 5 adds claims.drift: 1 when the claim has four terms or more and
 * its quote's source is a named person (a shared source of kind person),
 * the only claims `whosaid check` looks up by terms (attribution drift);
 * claims_terms indexes those only ("WHERE drift"). sources_member and
 * sources_article leave out their NULLs. Each was a page written in every
 * article's commit for rows no query looks up.
 *
 * Ownership: struct store owns its connection and statements; a
 * store_doc owns everything it points to except the rule ids and cue
 * lemmas, which belong to the struct rules the extraction ran with. */
#ifndef WHOSAID_STORE_H
#define WHOSAID_STORE_H

#include <sqlite3.h>
#include <stddef.h>

#include "conflicts.h"
#include "diag.h"
#include "read.h"
#include "sources.h"

#define STORE_SCHEMA_VERSION 6
#define STORE_HASH_BYTES 32

/* One in-article source (the extraction's, one to one), with its identity
 * across articles. */
struct store_source {
	char *name;          /* the article's canonical name (speaker.name) */
	enum source_kind kind;      /* as the article has it (speaker.kind) */
	enum source_kind row_kind;  /* for the shared row */
	char *title;         /* NULL when none */
	char *key;           /* identity across articles (never NULL) */
	char *display;       /* name for the shared row: a surname resolved to
				the full name; the wording of an anonymous one */
	char *affiliation;   /* organization named in the title, NULL */
	char *affil_key;     /* key of that organization, NULL */
	int per_article;     /* never shared with another article */
};

struct store_mention {
	size_t start, end;   /* span as written */
	unsigned line;
	int source;          /* index into store_doc.sources */
	int speaker;         /* 1: a quote's speaker; 0: named elsewhere */
};

struct store_quote {
	unsigned n;          /* 1-based text order: the id is doc#qn */
	size_t start, end;
	unsigned line, col;
	const char *kind;    /* "direct", ... (static) */
	const char *cue_lemma; /* NULL when no cue; borrowed from the rules */
	size_t cue_start, cue_end;
	int mention;         /* index into store_doc.mentions, -1 */
	int source;          /* index into store_doc.sources, -1 */
	const char *stance;  /* "assert", "deny", "hedge" (static) */
	const char *rule;    /* borrowed from the rules */
	int unclosed;
	char *terms;         /* normalized claim terms, never NULL */
	const char *polarity;/* claim polarity (static) */
};

struct store_doc {
	struct article *a;   /* owned; a->path points at path */
	char *path;
	unsigned char hash[STORE_HASH_BYTES];
	char *title_terms;   /* the title as claim terms, NULL */
	struct store_source *sources;
	size_t nsources;
	struct store_mention *mentions;
	size_t nmentions, mentions_alloc;
	struct store_quote *quotes;
	size_t nquotes;
	struct proposition *props; /* owned; props[i].quote indexes quotes */
	size_t nprops;
	char *messages;      /* warnings the extraction printed, to replay */
	size_t messages_len;
};

void store_doc_free(struct store_doc *sd);

struct store;

enum store_mode {
	STORE_READ,     /* must exist; migrated if older (needs write access) */
	STORE_CREATE    /* created when missing */
};

/* Opens (and creates, migrates) the database at path. Reports through d
 * and returns NULL on failure. The struct store may be used by one thread
 * at a time. */
struct store *store_open(const char *path, enum store_mode mode, struct diag *d);
void store_close(struct store *s);
sqlite3 *store_db(struct store *s);
const char *store_path(const struct store *s);

/* SHA-256 of the article's id, metadata and bytes. */
void store_article_hash(const struct article *a, unsigned char out[STORE_HASH_BYTES]);

/* Calls fn for every stored article's doc id and hash. Returns 0, or -1
 * after reporting. */
int store_each_hash(struct store *s, void (*fn)(const char *doc, const unsigned char *hash, void *ctx),
		    void *ctx);

enum store_put_result { STORE_ERROR = -1, STORE_UNCHANGED, STORE_ADDED, STORE_REPLACED };

/* Stores one article in one BEGIN IMMEDIATE transaction, with its sources,
 * mentions, quotes, claims and propositions as one pending row, which
 * store_flush() writes out with those of other articles (store_put calls
 * it every so many articles; the caller once at the end). An article with
 * the same doc id and hash is left alone (unless force); a changed one has
 * its rows replaced. */
enum store_put_result store_put(struct store *s, const struct store_doc *sd, int force);

/* Writes out the rows of every pending article (this connection's and any
 * other's) in one transaction, in article order: the rows and ids that
 * writing each article's rows in its own commit would give. store_open()
 * does it for what a killed or a concurrent run left. 0, or -1 after
 * reporting (the articles stay pending). */
int store_flush(struct store *s);
/* Thread CPU seconds store_flush has taken on this connection. */
double store_flush_cpu(const struct store *s);

/* integrity_check and foreign_key_check; each problem is reported through
 * d. Returns the number of problems, or -1 if the checks could not run. */
long store_check(struct store *s);

/* meta values; 0 when absent. */
long long store_meta(struct store *s, const char *key);

/* For a long run of writes (ingest): a larger cache, checkpoints every
 * 8 MB of log (the last, at close, stays short). */
void store_tune_for_writing(struct store *s);

/* For a process that writes (ingest), before its first store_open() and
 * while no other thread uses SQLite: SQLite's page cache in one mapping
 * set up at once (some 70 MB, most of which a long ingest fills anyway),
 * and SQLite started. */
void store_config_for_writing(void);

/* Transactions (BEGIN IMMEDIATE, waiting out other writers) and plain
 * statements (several, no results); 0 or -1 after reporting. */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
int store_exec(struct store *s, const char *sql);

/* Prepares sql on the connection, reporting a failure; the caller
 * finalizes. */
sqlite3_stmt *store_prepare(struct store *s, const char *sql);
/* Column i of the current row as a string the caller frees; NULL for a
 * NULL column. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* Reports the connection's last error with what was being done. */
void store_error(struct store *s, const char *what);

#endif
