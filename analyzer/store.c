#define _DEFAULT_SOURCE   /* madvise, MAP_ANONYMOUS */
#include "store.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "hash.h"
#include "strbuf.h"
#include "walvfs.h"

/* ---- SHA-256 (FIPS 180-4) ------------------------------------------------ */

struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t n;
};

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(struct sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, cc, d, e, f, g, h;
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 | (uint32_t)p[4 * i + 2] << 8 |
		       (uint32_t)p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3];
	e = c->h[4], f = c->h[5], g = c->h[6], h = c->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + sha_k[i] + w[i];
		uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
		h = g, g = f, f = e, e = d + t1;
		d = cc, cc = b, b = a, a = t1 + t2;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d;
	c->h[4] += e, c->h[5] += f, c->h[6] += g, c->h[7] += h;
}

static void sha256_init(struct sha256 *c)
{
	static const uint32_t iv[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
					0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->n = 0;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

/* The same rounds with the SHA extensions of x86 (about ten times as
 * fast: every article is hashed, see store_article_hash). */
__attribute__((target("sha,sse4.1,ssse3")))
static void sha256_blocks_ni(uint32_t h[8], const unsigned char *p, size_t nblocks)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
	__m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xB1);   /* CDAB */
	__m128i st1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1B);   /* EFGH */
	__m128i st0 = _mm_alignr_epi8(tmp, st1, 8);                                      /* ABEF */
	st1 = _mm_blend_epi16(st1, tmp, 0xF0);                                           /* CDGH */
	for (; nblocks; nblocks--, p += 64) {
		__m128i abef = st0, cdgh = st1, m[4];
		for (int i = 0; i < 4; i++)
			m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), bswap);
		for (int i = 0; i < 16; i++) {
			__m128i wk = _mm_add_epi32(m[i & 3], _mm_loadu_si128((const __m128i *)&sha_k[4 * i]));
			st1 = _mm_sha256rnds2_epu32(st1, st0, wk);
			st0 = _mm_sha256rnds2_epu32(st0, st1, _mm_shuffle_epi32(wk, 0x0E));
			if (i < 12) {
				/* w[t] of the words 16 on: m[i & 3] becomes words 4i+16 .. 4i+19 */
				__m128i t = _mm_sha256msg1_epu32(m[i & 3], m[(i + 1) & 3]);
				t = _mm_add_epi32(t, _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3], 4));
				m[i & 3] = _mm_sha256msg2_epu32(t, m[(i + 3) & 3]);
			}
		}
		st0 = _mm_add_epi32(st0, abef);
		st1 = _mm_add_epi32(st1, cdgh);
	}
	tmp = _mm_shuffle_epi32(st0, 0x1B);                                               /* FEBA */
	st1 = _mm_shuffle_epi32(st1, 0xB1);                                               /* DCHG */
	_mm_storeu_si128((__m128i *)&h[0], _mm_blend_epi16(tmp, st1, 0xF0));              /* DCBA */
	_mm_storeu_si128((__m128i *)&h[4], _mm_alignr_epi8(st1, tmp, 8));                 /* HGFE */
}

static int sha_ni(void)
{
	static _Atomic int have = -1;   /* cpuid once: a hypervisor may trap it */
	int v = have;
	if (v < 0) {
		unsigned a, b, c, d;
		/* WHOSAID_NO_FAST: the portable rounds (tests that both agree) */
		v = !getenv("WHOSAID_NO_FAST") && __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSE4_1) &&
		    (c & bit_SSSE3) && __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & (1u << 29));
		have = v;
	}
	return v;
}
#endif

static void sha256_blocks(struct sha256 *c, const unsigned char *p, size_t nblocks)
{
#if defined(__x86_64__) && defined(__GNUC__)
	if (sha_ni()) {
		sha256_blocks_ni(c->h, p, nblocks);
		return;
	}
#endif
	for (; nblocks; nblocks--, p += 64)
		sha256_block(c, p);
}

static void sha256_add(struct sha256 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	c->len += len;
	if (c->n) {
		size_t take = 64 - c->n < len ? 64 - c->n : len;
		memcpy(c->buf + c->n, p, take);
		c->n += take, p += take, len -= take;
		if (c->n < 64)
			return;
		sha256_blocks(c, c->buf, 1);
		c->n = 0;
	}
	sha256_blocks(c, p, len / 64);
	p += len / 64 * 64;
	len %= 64;
	memcpy(c->buf, p, len);
	c->n = len;
}

static void sha256_done(struct sha256 *c, unsigned char out[32])
{
	uint64_t bits = c->len * 8;
	unsigned char pad[72] = { 0x80 };
	size_t padlen = (c->n < 56 ? 56 : 120) - c->n;
	for (int i = 0; i < 8; i++)
		pad[padlen + (size_t)i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_add(c, pad, padlen + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
}

static void hash_field(struct sha256 *c, const char *s, size_t len)
{
	unsigned char head[9];
	head[0] = s ? 1 : 0;
	for (int i = 0; i < 8; i++)
		head[1 + i] = (unsigned char)((uint64_t)len >> (8 * i));
	sha256_add(c, head, s ? 9 : 1);
	if (s)
		sha256_add(c, s, len);
}

void store_article_hash(const struct article *a, unsigned char out[STORE_HASH_BYTES])
{
	struct sha256 c;
	sha256_init(&c);
	const char *meta[] = { a->doc, a->title, a->outlet, a->date, a->url, a->author };
	for (size_t i = 0; i < sizeof(meta) / sizeof(*meta); i++)
		hash_field(&c, meta[i], meta[i] ? strlen(meta[i]) : 0);
	hash_field(&c, a->raw, a->len);
	sha256_done(&c, out);
}

/* ---- connection ---------------------------------------------------------- */

enum stmt_id {
	ST_FIND_ARTICLE,
	ST_OLD_SOURCES,
	ST_DELETE_ARTICLE,
	ST_DELETE_ORPHAN,
	ST_INSERT_ARTICLE,
	ST_FIND_SOURCE,
	ST_UPDATE_SOURCE,
	ST_INSERT_SOURCE,
	ST_INSERT_PROP,
	ST_INSERT_PENDING,
	ST_PENDING,
	ST_CLEAR_PENDING,
	ST_ANY_PENDING,
	ST_BUMP,
	ST_LAST_IDS,
	ST_DATA_VERSION,
	ST_ALL_SOURCES,
	ST_BEGIN,
	ST_COMMIT,
	ST__N
};

static const char *const stmt_sql[ST__N] = {
	[ST_FIND_ARTICLE] = "SELECT id, hash FROM articles WHERE doc = ?1",
	[ST_OLD_SOURCES] = "SELECT DISTINCT source_id FROM mentions WHERE article_id = ?1",
	[ST_DELETE_ARTICLE] = "DELETE FROM articles WHERE id = ?1",
	[ST_DELETE_ORPHAN] = "DELETE FROM sources WHERE id = ?1 AND NOT EXISTS "
			     "(SELECT 1 FROM mentions WHERE source_id = ?1)",
	/* DO NOTHING: an article stored before is looked up then (store_put) */
	[ST_INSERT_ARTICLE] = "INSERT INTO articles(doc, path, title, outlet, date, url, author, format, "
			      "bytes, hash, body, terms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
			      "ON CONFLICT(doc) DO NOTHING",
	/* found, then added or filled in: an upsert with RETURNING costs
	 * SQLite several times as much */
	[ST_FIND_SOURCE] = "SELECT id, (title IS NULL AND ?2 IS NOT NULL) OR (affiliation IS NULL AND ?3 IS NOT NULL) "
			   "OR (affil_key IS NULL AND ?4 IS NOT NULL), kind = 'person' AND article_id IS NULL "
			   "FROM sources WHERE key = ?1",
	[ST_UPDATE_SOURCE] = "UPDATE sources SET title = coalesce(title, ?2), affiliation = coalesce(affiliation, ?3), "
			     "affil_key = coalesce(affil_key, ?4) WHERE id = ?1",
	[ST_INSERT_SOURCE] = "INSERT INTO sources(key, name, kind, title, affiliation, affil_key, article_id) "
			     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[ST_INSERT_PROP] = "INSERT INTO propositions(quote_id, key, label, side, frame_rule, stance_rule, start, end, "
			   "event) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[ST_INSERT_PENDING] = "INSERT INTO pending(article_id, rows) VALUES (?1, ?2)",
	[ST_PENDING] = "SELECT p.article_id, p.rows, a.body FROM pending p JOIN articles a ON a.id = p.article_id "
		       "ORDER BY p.article_id",
	[ST_CLEAR_PENDING] = "DELETE FROM pending",
	[ST_ANY_PENDING] = "SELECT EXISTS (SELECT 1 FROM pending)",
	[ST_BUMP] = "UPDATE meta SET value = value + 1 WHERE key = 'generation'",
	[ST_LAST_IDS] = "SELECT (SELECT max(id) FROM mentions), (SELECT max(id) FROM quotes)",
	[ST_DATA_VERSION] = "PRAGMA data_version",
	/* what ST_FIND_SOURCE would say of every row (struct known_sources) */
	[ST_ALL_SOURCES] = "SELECT key, id, title IS NULL, affiliation IS NULL, affil_key IS NULL, "
			   "kind = 'person' AND article_id IS NULL FROM sources",
	/* prepared once: an ingest runs them for every article */
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
};

enum multi_id { MI_MENTION, MI_QUOTE, MI_CLAIM, MI__N };

/* Every row of sources by key, with what put_source() asks of it: a
 * source is looked up once for every article that mentions it (47,000
 * times for news.jsonl, 34,000 of them for a key that is not there), a
 * statement each. Valid while no other connection has written (PRAGMA
 * data_version, read in the write transaction that uses it) and nothing
 * here but put_source() has changed sources since it was loaded. */
enum {
	KS_NO_TITLE = 1,
	KS_NO_AFFILIATION = 2,
	KS_NO_AFFIL_KEY = 4,
	KS_PERSON = 8,    /* a named person's row (kind 'person', shared) */
};

struct known_source {
	char *key;        /* NULL: an empty slot */
	long long id;
	unsigned flags;   /* KS_* */
};

struct known_sources {
	struct known_source *slot;
	size_t cap, n;
	int valid;
	long long version;   /* PRAGMA data_version when it was last valid */
};

static void known_clear(struct known_sources *ks);
#define MULTI_ROWS 32   /* a power of two (next_rows) */

struct store {
	sqlite3 *db;
	char *path;
	struct diag *d;
	sqlite3_stmt *st[ST__N];
	sqlite3_stmt *multi[MI__N][MULTI_ROWS];   /* [table][rows - 1] (put_rows) */
	size_t npending;     /* articles this connection left pending */
	long long written[2];/* mentions, quotes put_rows wrote (check_new_rows) */
	double flush_cpu;    /* thread CPU seconds in store_flush (WHOSAID_TIMING) */
	strbuf rows;         /* scratch: one article's rows, encoded */
	struct known_sources known;
};

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

char *store_column_dup(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return NULL;
	const unsigned char *t = sqlite3_column_text(st, i);
	return xstrndup(t ? (const char *)t : "", (size_t)sqlite3_column_bytes(st, i));
}

void store_error(struct store *s, const char *what)
{
	diag_report(s->d, DIAG_ERROR, s->path, 0, 0, "%s: %s", what, sqlite3_errmsg(s->db));
}

sqlite3_stmt *store_prepare(struct store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_error(s, "cannot prepare a statement");
		return NULL;
	}
	return st;
}

void store_tune_for_writing(struct store *s)
{
	/* index pages stay in memory. Checkpoints every 8 MB of log: the
	 * writer's checkpoints keep pace with the extraction threads (the
	 * queue before the writer takes up its stops), and the last one, when
	 * the database is closed and nothing else runs, copies at most that
	 * much (with 64 MB, 0.12 to 0.17 s at the end of news.jsonl; with 4 MB,
	 * under 0.02 s, for no more writer CPU). SQLite
	 * builds a temporary b-tree for every "kind IN (...)" CHECK of every
	 * row it inserts, which was half the writer's instructions; the values
	 * the writer binds are the static names of enums, and `whosaid db
	 * check` (PRAGMA integrity_check) still verifies every CHECK. */
	/* A statement that writes several rows keeps a copy of every page it
	 * changes (its statement journal), to undo itself on a constraint
	 * error: in memory, not in a temporary file (Debian's SQLite spills
	 * it to one past 64 KB: a write system call per page). Debian's
	 * SQLite also zeroes deleted content (SQLITE_SECURE_DELETE), which
	 * the pending rows of every flush pay for: nothing here is secret. */
	sqlite3_exec(s->db, "PRAGMA wal_autocheckpoint=2048; PRAGMA cache_size=-65536; "
			    "PRAGMA ignore_check_constraints=ON; PRAGMA temp_store=MEMORY; "
			    "PRAGMA secure_delete=OFF", NULL, NULL, NULL);
}

int store_exec(struct store *s, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &err) != SQLITE_OK) {
		diag_report(s->d, DIAG_ERROR, s->path, 0, 0, "%s", err ? err : sqlite3_errmsg(s->db));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

/* BEGIN IMMEDIATE, waiting out other writers: busy_timeout covers one
 * wait; a long ingest next door may need a few. */
static sqlite3_stmt *stmt(struct store *s, enum stmt_id id);

int store_begin(struct store *s)
{
	for (int tries = 0;; tries++) {
		sqlite3_stmt *st = stmt(s, ST_BEGIN);
		int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
		if (st)
			sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return 0;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries >= 30) {
			store_error(s, "cannot start a transaction");
			return -1;
		}
	}
}

int store_commit(struct store *s)
{
	for (int tries = 0;; tries++) {
		sqlite3_stmt *st = stmt(s, ST_COMMIT);
		int rc = st ? sqlite3_step(st) : SQLITE_ERROR;
		if (st)
			sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_BUSY || tries >= 30) {
			store_error(s, "cannot commit");
			return -1;
		}
	}
}

void store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static long long pragma_int(struct store *s, const char *sql, int *ok)
{
	sqlite3_stmt *st = NULL;
	long long v = 0;
	*ok = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v = sqlite3_column_int64(st, 0);
		*ok = 1;
	} else if (rc == SQLITE_DONE) {
		*ok = 1;
	}
	sqlite3_finalize(st);
	return v;
}

long long store_meta(struct store *s, const char *key)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT value FROM meta WHERE key = ?1");
	long long v = 0;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* ---- schema and migrations ----------------------------------------------- */

/* migrations[v] takes a database from user_version v to v + 1. Never edit
 * a released step: add one. */
static const char *const migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;"
	"INSERT INTO meta(key, value) VALUES ('generation', 0), ('clusters', -1), ('threshold', 0);"
	"CREATE TABLE articles("
	"  id INTEGER PRIMARY KEY,"
	"  doc TEXT NOT NULL UNIQUE,"
	"  path TEXT, title TEXT, outlet TEXT, date TEXT, url TEXT, author TEXT,"
	"  format TEXT NOT NULL,"
	"  bytes INTEGER NOT NULL,"
	"  hash BLOB NOT NULL,"
	"  terms TEXT NOT NULL DEFAULT '',"
	"  body TEXT NOT NULL);"
	"CREATE TABLE sources("
	"  id INTEGER PRIMARY KEY,"
	"  key TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('person','organization','anonymous','vague','document')),"
	"  title TEXT,"
	"  affiliation TEXT,"
	"  affil_key TEXT,"
	"  article_id INTEGER REFERENCES articles(id) ON DELETE CASCADE,"
	"  member_of INTEGER REFERENCES sources(id) ON DELETE SET NULL);"
	"CREATE INDEX sources_article ON sources(article_id);"
	"CREATE INDEX sources_member ON sources(member_of);"
	"CREATE TABLE mentions("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  source_id INTEGER NOT NULL REFERENCES sources(id),"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  title TEXT,"
	"  speaker INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX mentions_article ON mentions(article_id);"
	"CREATE INDEX mentions_source ON mentions(source_id);"
	"CREATE TABLE quotes("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL,"
	"  line INTEGER NOT NULL, col INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('direct','indirect','mixed','block')),"
	"  cue_text TEXT, cue_lemma TEXT, cue_start INTEGER, cue_end INTEGER,"
	"  mention_id INTEGER REFERENCES mentions(id),"
	"  source_id INTEGER REFERENCES sources(id),"
	"  stance TEXT NOT NULL CHECK (stance IN ('assert','deny','hedge')),"
	"  rule TEXT NOT NULL,"
	"  unclosed INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (article_id, n));"
	"CREATE INDEX quotes_source ON quotes(source_id);"
	"CREATE INDEX quotes_mention ON quotes(mention_id);"
	"CREATE TABLE claims("
	"  id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,"
	"  terms TEXT NOT NULL,"
	"  polarity TEXT NOT NULL CHECK (polarity IN ('assert','deny','hedge')),"
	"  cluster INTEGER);"
	"CREATE TABLE stories("
	"  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
	"  story INTEGER NOT NULL);"
	"CREATE INDEX stories_story ON stories(story);",
	/* 1 -> 2: propositions (claim frames) for conflicts and stance */
	"CREATE TABLE propositions("
	"  id INTEGER PRIMARY KEY,"
	"  quote_id INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,"
	"  key TEXT NOT NULL,"
	"  label TEXT NOT NULL,"
	"  side TEXT NOT NULL CHECK (side IN ('for','against','hedge')),"
	"  frame_rule TEXT NOT NULL,"
	"  stance_rule TEXT NOT NULL,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL);"
	"CREATE INDEX propositions_key ON propositions(key);"
	"CREATE INDEX propositions_quote ON propositions(quote_id);",
	/* 2 -> 3: claims by their terms, so `whosaid check` finds the same
	 * quotation stored under another speaker without a scan */
	"CREATE INDEX IF NOT EXISTS claims_terms ON claims(terms);",
	/* 3 -> 4: a proposition of a reported-event frame is the same claim
	 * whoever tells it (frames.rules "| event") */
	"ALTER TABLE propositions ADD COLUMN event INTEGER NOT NULL DEFAULT 0;",
	/* 4 -> 5: indexes that every article paid a page of its commit for,
	 * for rows no query looks up: claims_terms only over the claims
	 * `whosaid check` can find (four terms or more, by a named person:
	 * claims.drift), sources_member and sources_article without their
	 * NULLs (foreign key actions look them up by value) */
	"ALTER TABLE claims ADD COLUMN drift INTEGER NOT NULL DEFAULT 0;"
	"UPDATE claims SET drift = 1 WHERE terms GLOB '* * * *' AND id IN (SELECT q.id FROM quotes q "
	"  JOIN sources s ON s.id = q.source_id WHERE s.kind = 'person' AND s.article_id IS NULL);"
	"DROP INDEX IF EXISTS claims_terms;"
	"CREATE INDEX claims_terms ON claims(terms) WHERE drift;"
	"DROP INDEX sources_member;"
	"CREATE INDEX sources_member ON sources(member_of) WHERE member_of IS NOT NULL;"
	"DROP INDEX sources_article;"
	"CREATE INDEX sources_article ON sources(article_id) WHERE article_id IS NOT NULL;",
	/* 5 -> 6: articles whose rows are not written out yet (store_flush) */
	"CREATE TABLE pending("
	"  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
	"  rows BLOB NOT NULL);",
};

static int migrate(struct store *s, long long from)
{
	if (from == 0) {
		/* WAL is a property of the file: set once, when it is made */
		sqlite3_stmt *st = NULL;
		if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st, NULL) == SQLITE_OK) {
			sqlite3_step(st);
			sqlite3_finalize(st);
		}
	}
	if (store_begin(s))
		return -1;
	int ok;
	long long v = pragma_int(s, "PRAGMA user_version", &ok);
	if (!ok) {
		store_error(s, "cannot read the schema version");
		store_rollback(s);
		return -1;
	}
	for (; v < STORE_SCHEMA_VERSION; v++) {
		char *err = NULL;
		if (sqlite3_exec(s->db, migrations[v], NULL, NULL, &err) != SQLITE_OK) {
			diag_report(s->d, DIAG_ERROR, s->path, 0, 0,
				    "cannot migrate the database from schema version %lld to %lld: %s", v, v + 1,
				    err ? err : sqlite3_errmsg(s->db));
			sqlite3_free(err);
			store_rollback(s);
			return -1;
		}
	}
	char sql[64];
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", STORE_SCHEMA_VERSION);
	if (store_exec(s, sql)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

static int configured;
static const char *vfs_name;   /* walvfs.h; NULL: SQLite's default */

/* Before SQLite starts (the first open): no global mutex and counters
 * around every allocation, which nothing here reads. Then the VFS every
 * connection opens its database with (walvfs.h: a transaction's WAL
 * frames in one write). */
static void configure(void)
{
	if (!configured) {
		configured = 1;
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		vfs_name = walvfs_name();
	}
}

/* The slots of the page cache store_config_for_writing() sets up: the
 * writer's 64 MB (cache_size, store_tune_for_writing) of 4 KB pages, and
 * some. A database of other pages has them from malloc as before. */
#define CACHE_SLOTS 16640
#define CACHE_PAGE 4096

void store_config_for_writing(void)
{
	if (configured)
		return;
	/* The writer's page cache grew a page at a time in its thread's
	 * malloc arena: a system call to extend the arena (12,000 on
	 * news.jsonl) and a page fault for each page, and the b-tree
	 * descents of a flush went to pages all over 64 MB through 4 KB
	 * TLB entries. One mapping, on huge pages where the system gives
	 * them on request, holds the cache instead. SQLite threads its free
	 * list through every slot when it starts, which is why it starts
	 * here, in a thread of the caller's choosing. */
	int hdr = 0;
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &hdr) == SQLITE_OK && hdr > 0) {
		size_t slot = ((size_t)CACHE_PAGE + (size_t)hdr + 7) & ~(size_t)7;
		size_t bytes = slot * CACHE_SLOTS;
		void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
#ifdef MADV_HUGEPAGE
			madvise(p, bytes, MADV_HUGEPAGE);
#endif
			/* kept to the end of the process, as SQLite needs it */
			if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, p, (int)slot, CACHE_SLOTS) != SQLITE_OK)
				munmap(p, bytes);
		}
	}
	configure();
	sqlite3_initialize();
}

struct store *store_open(const char *path, enum store_mode mode, struct diag *d)
{
	/* store_open is called from one thread at a time at start-up */
	configure();
	struct store *s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->d = d;
	strbuf_init(&s->rows, 0);
	/* one thread at a time uses a store (store.h): no mutex per call */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, flags, vfs_name) != SQLITE_OK) {
		if (s->db && mode == STORE_READ && sqlite3_errcode(s->db) == SQLITE_CANTOPEN)
			diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot open database '%s': no such file "
				    "(run 'whosaid ingest --db %s FILE...' first)", path, path);
		else
			diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot open database '%s': %s", path,
				    s->db ? sqlite3_errmsg(s->db) : "out of memory");
		store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 0);
	sqlite3_busy_timeout(s->db, 10000);
	int ok;
	/* fails on a file that is not a database */
	long long v = pragma_int(s, "PRAGMA user_version", &ok);
	if (!ok) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot open database '%s': %s", path,
			    sqlite3_errmsg(s->db));
		store_close(s);
		return NULL;
	}
	if (store_exec(s, "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL")) {
		store_close(s);
		return NULL;
	}
	if (v > STORE_SCHEMA_VERSION) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0,
			    "database '%s' has schema version %lld, newer than this whosaid knows (%d)", path, v,
			    STORE_SCHEMA_VERSION);
		store_close(s);
		return NULL;
	}
	if (v < STORE_SCHEMA_VERSION && migrate(s, v)) {
		store_close(s);
		return NULL;
	}
	/* rows a killed run (or one still running) left pending: every
	   reader sees whole articles */
	if (store_flush(s)) {
		store_close(s);
		return NULL;
	}
	return s;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (int i = 0; i < ST__N; i++)
		sqlite3_finalize(s->st[i]);
	for (int i = 0; i < MI__N; i++)
		for (int k = 0; k < MULTI_ROWS; k++)
			sqlite3_finalize(s->multi[i][k]);
	known_clear(&s->known);
	if (s->db) {
		store_rollback(s);
		sqlite3_close(s->db);
	}
	free(s->path);
	strbuf_release(&s->rows);
	free(s);
}

/* The statement, prepared on first use and reset for reuse. */
static sqlite3_stmt *stmt(struct store *s, enum stmt_id id)
{
	if (!s->st[id]) {
		if (sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL) !=
		    SQLITE_OK) {
			store_error(s, "cannot prepare a statement");
			return NULL;
		}
	} else {
		sqlite3_reset(s->st[id]);
		sqlite3_clear_bindings(s->st[id]);
	}
	return s->st[id];
}

int store_each_hash(struct store *s, void (*fn)(const char *doc, const unsigned char *hash, void *ctx),
		    void *ctx)
{
	sqlite3_stmt *st = store_prepare(s, "SELECT doc, hash FROM articles");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_bytes(st, 1) == STORE_HASH_BYTES)
			fn((const char *)sqlite3_column_text(st, 0), sqlite3_column_blob(st, 1), ctx);
	}
	if (rc != SQLITE_DONE)
		store_error(s, "cannot read the stored articles");
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- writing ------------------------------------------------------------- */

void store_doc_free(struct store_doc *sd)
{
	if (!sd)
		return;
	article_free(sd->a);
	free(sd->path);
	for (size_t i = 0; i < sd->nsources; i++) {
		struct store_source *src = &sd->sources[i];
		free(src->name);
		free(src->title);
		free(src->key);
		free(src->display);
		free(src->affiliation);
		free(src->affil_key);
	}
	free(sd->sources);
	free(sd->mentions);
	for (size_t i = 0; i < sd->nquotes; i++)
		free(sd->quotes[i].terms);
	free(sd->quotes);
	conflicts_props_free(sd->props, sd->nprops);
	free(sd->messages);
	free(sd->title_terms);
	free(sd);
}

static void bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The body an article's rows were made from: their spans are its bytes. */
struct body {
	const char *raw;
	size_t len;
};

/* The span's words, as extract writes them: HTML entities decoded, tags
 * left out (html_span_words()); the bytes themselves when there are none. */
static void bind_span(sqlite3_stmt *st, int i, const struct body *a, size_t start, size_t end)
{
	strbuf w = STRBUF_INIT;
	if (start <= end && end <= a->len && html_span_words(a->raw, a->len, start, end, &w))
		sqlite3_bind_text(st, i, w.buf, (int)w.len, SQLITE_TRANSIENT);
	else if (start <= end && end <= a->len)
		sqlite3_bind_text(st, i, a->raw + start, (int)(end - start), SQLITE_STATIC);
	else
		sqlite3_bind_text(st, i, "", 0, SQLITE_STATIC);
	strbuf_release(&w);
}

/* Steps a write statement; 0 or -1. */
static int step_done(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	store_error(s, what);
	return -1;
}

static const char *format_name(enum article_format f)
{
	return f == FORMAT_MARKDOWN ? "markdown" : f == FORMAT_JSONL ? "jsonl" : "text";
}

/* Deletes an article's rows and the shared sources only it mentioned. */
static int delete_article(struct store *s, long long id)
{
	long long *old = NULL;
	size_t nold = 0, alloc = 0;
	sqlite3_stmt *st = stmt(s, ST_OLD_SOURCES);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		ALLOC_GROW(old, nold + 1, alloc);
		old[nold++] = sqlite3_column_int64(st, 0);
	}
	int ret = -1;
	if (rc != SQLITE_DONE) {
		store_error(s, "cannot read an article's sources");
		goto out;
	}
	if (!(st = stmt(s, ST_DELETE_ARTICLE)))
		goto out;
	sqlite3_bind_int64(st, 1, id);
	if (step_done(s, st, "cannot delete the old rows of an article"))
		goto out;
	for (size_t i = 0; i < nold; i++) {
		if (!(st = stmt(s, ST_DELETE_ORPHAN)))
			goto out;
		sqlite3_bind_int64(st, 1, old[i]);
		if (step_done(s, st, "cannot delete an unused source"))
			goto out;
	}
	ret = 0;
out:
	free(old);
	return ret;
}

/* ---- known sources ------------------------------------------------------ */

static size_t key_hash(const char *k)
{
	uint64_t h = fnv1a(FNV1A_START_V1, k, strlen(k));
	return (size_t)(h ^ h >> 32);
}

/* The slot of key: its own, or the empty one where it would go. */
static struct known_source *known_slot(const struct known_sources *ks, const char *key)
{
	size_t i = key_hash(key) & (ks->cap - 1);
	while (ks->slot[i].key && strcmp(ks->slot[i].key, key))
		i = (i + 1) & (ks->cap - 1);
	return &ks->slot[i];
}

static void known_clear(struct known_sources *ks)
{
	for (size_t i = 0; i < ks->cap; i++)
		free(ks->slot[i].key);
	free(ks->slot);
	memset(ks, 0, sizeof(*ks));
}

static void known_add(struct known_sources *ks, const char *key, long long id, unsigned flags)
{
	if ((ks->n + 1) * 2 > ks->cap) {
		struct known_sources old = *ks;
		ks->cap = old.cap * 2;
		ks->slot = xcalloc(ks->cap, sizeof(*ks->slot));
		for (size_t i = 0; i < old.cap; i++)
			if (old.slot[i].key)
				*known_slot(ks, old.slot[i].key) = old.slot[i];
		free(old.slot);
	}
	struct known_source *e = known_slot(ks, key);
	if (!e->key) {
		e->key = xstrdup(key);
		ks->n++;
	}
	e->id = id;
	e->flags = flags;
}

/* The rows of sources a write that is under way may have left out (a
 * rollback) or deleted: loaded again when next needed. */
static void known_forget(struct store *s)
{
	s->known.valid = 0;
}

/* Inside a write transaction: makes the known sources those of the
 * database, loading them again when another connection has written
 * since they were (or they are not valid). 0, or -1 after reporting. */
static int known_check(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_DATA_VERSION);
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		store_error(s, "cannot read the data version");
		return -1;
	}
	long long version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (s->known.valid && s->known.version == version)
		return 0;
	known_clear(&s->known);
	s->known.cap = 4096;   /* a power of two (known_slot), never full */
	s->known.slot = xcalloc(s->known.cap, sizeof(*s->known.slot));
	if (!(st = stmt(s, ST_ALL_SOURCES)))
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		unsigned flags = (sqlite3_column_int(st, 2) ? KS_NO_TITLE : 0) |
				 (sqlite3_column_int(st, 3) ? KS_NO_AFFILIATION : 0) |
				 (sqlite3_column_int(st, 4) ? KS_NO_AFFIL_KEY : 0) |
				 (sqlite3_column_int(st, 5) ? KS_PERSON : 0);
		if (key)
			known_add(&s->known, key, sqlite3_column_int64(st, 1), flags);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		known_clear(&s->known);
		store_error(s, "cannot read the sources");
		return -1;
	}
	s->known.valid = 1;
	s->known.version = version;
	return 0;
}

/* The id of the shared row of src when there is one (its title and
 * affiliation filled in when it had none), 0 when there is none, -1
 * after reporting; *person: the row is a named person's. */
static long long find_source(struct store *s, const struct store_source *src, char *person)
{
	long long id;
	int more;
	if (s->known.valid) {
		struct known_source *e = known_slot(&s->known, src->key);
		if (!e->key)
			return 0;
		unsigned fill = (src->title ? KS_NO_TITLE : 0) | (src->affiliation ? KS_NO_AFFILIATION : 0) |
				(src->affil_key ? KS_NO_AFFIL_KEY : 0);
		id = e->id;
		*person = (e->flags & KS_PERSON) != 0;
		more = (e->flags & fill) != 0;
		e->flags &= ~fill;
	} else {
		sqlite3_stmt *st = stmt(s, ST_FIND_SOURCE);
		if (!st)
			return -1;
		bind_str(st, 1, src->key);
		bind_str(st, 2, src->title);
		bind_str(st, 3, src->affiliation);
		bind_str(st, 4, src->affil_key);
		int rc = sqlite3_step(st);
		if (rc != SQLITE_ROW) {
			sqlite3_reset(st);
			if (rc == SQLITE_DONE)
				return 0;
			store_error(s, "cannot look up a source");
			return -1;
		}
		id = sqlite3_column_int64(st, 0);
		more = sqlite3_column_int(st, 1);
		*person = (char)sqlite3_column_int(st, 2);
		sqlite3_reset(st);
	}
	if (!more)
		return id;
	sqlite3_stmt *st = stmt(s, ST_UPDATE_SOURCE);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	bind_str(st, 2, src->title);
	bind_str(st, 3, src->affiliation);
	bind_str(st, 4, src->affil_key);
	return step_done(s, st, "cannot store a source") ? -1 : id;
}

/* The id of the shared row of src, found (find_source) or added;
 * *person: the row is a named person's. -1 after reporting. */
static long long put_source(struct store *s, const struct store_source *src, long long article_id, char *person)
{
	long long id = find_source(s, src, person);
	if (id)
		return id;
	sqlite3_stmt *st = stmt(s, ST_INSERT_SOURCE);
	if (!st)
		return -1;
	bind_str(st, 1, src->key);
	bind_str(st, 2, src->display ? src->display : src->name);
	bind_str(st, 3, source_kind_name(src->row_kind));
	bind_str(st, 4, src->title);
	bind_str(st, 5, src->affiliation);
	bind_str(st, 6, src->affil_key);
	if (src->per_article)
		sqlite3_bind_int64(st, 7, article_id);
	if (step_done(s, st, "cannot store a source"))
		return -1;
	*person = src->row_kind == SK_PERSON && !src->per_article;
	id = sqlite3_last_insert_rowid(s->db);
	if (s->known.valid)
		known_add(&s->known, src->key, id, (src->title ? 0 : KS_NO_TITLE) |
			  (src->affiliation ? 0 : KS_NO_AFFILIATION) | (src->affil_key ? 0 : KS_NO_AFFIL_KEY) |
			  (*person ? KS_PERSON : 0));
	return id;
}

/* The number of terms of a claim (claims.h: separated by single spaces). */
static size_t claim_terms(const char *terms)
{
	size_t n = terms && *terms;
	for (; terms && *terms; terms++)
		n += *terms == ' ';
	return n;
}

/* Rows of one table inserted by one statement, up to MULTI_ROWS at a time:
 * SQLite's cost is mostly per statement (cursors opened and closed on the
 * table and each index), not per row. Rows get consecutive ids, in order,
 * as they would one statement each. OR FAIL: a statement that may stop
 * half way with ABORT keeps a copy of every page it changes (a statement
 * journal), to undo its own rows, which was a tenth of a flush's
 * instructions; a failed write undoes them anyway (the flush's rollback,
 * a replaced article's rollback). */

static const struct {
	const char *head;
	int ncols;
} multi_sql[MI__N] = {
	[MI_MENTION] = { "INSERT OR FAIL INTO mentions(article_id, source_id, start, end, text, name, kind, title, line, "
			 "speaker) VALUES ", 10 },
	[MI_QUOTE] = { "INSERT OR FAIL INTO quotes(article_id, n, start, end, line, col, text, kind, cue_text, cue_lemma, "
		       "cue_start, cue_end, mention_id, source_id, stance, rule, unclosed) VALUES ", 17 },
	[MI_CLAIM] = { "INSERT OR FAIL INTO claims(id, terms, polarity, drift) VALUES ", 4 },
};

/* The statement that inserts rows rows into table id, prepared on first
 * use and reset for reuse. */
static sqlite3_stmt *multi_stmt(struct store *s, enum multi_id id, size_t rows)
{
	sqlite3_stmt **st = &s->multi[id][rows - 1];
	if (*st) {
		/* its bindings are not cleared: put_rows binds every parameter */
		sqlite3_reset(*st);
		return *st;
	}
	strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, multi_sql[id].head);
	for (size_t r = 0; r < rows; r++) {
		strbuf_addstr(&sql, r ? ", (" : "(");
		for (int c = 0; c < multi_sql[id].ncols; c++)
			strbuf_addstr(&sql, c ? ", ?" : "?");
		strbuf_addch(&sql, ')');
	}
	if (sqlite3_prepare_v3(s->db, sql.buf, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		store_error(s, "cannot prepare a statement");
		*st = NULL;
	}
	strbuf_release(&sql);
	return *st;
}

/* One article whose rows put_rows() writes, with the ids they get. */
struct art_rows {
	const struct store_doc *sd;
	struct body body;
	long long id;
	long long *sid, *mid, *qid;   /* ids of its sources, mentions, quotes */
	char *person;                 /* the source's row is a named person's */
};

/* The next rows of a table, across the articles of a batch: (article,
 * index) pairs in article order, then index order. As many as a power
 * of two, up to MULTI_ROWS: a statement for every count up to MULTI_ROWS
 * cost every ingest some hundred statements to prepare, and to prepare
 * again after each flush (PRAGMA foreign_keys expires them), for the
 * last rows of each batch. */
struct row_ref {
	size_t a, i;
};

static size_t next_rows(const struct art_rows *arts, size_t narts, size_t (*count)(const struct store_doc *),
			size_t *a, size_t *i, struct row_ref *out)
{
	size_t left = 0;
	for (size_t k = *a; k < narts && left < MULTI_ROWS; k++)
		left += count(arts[k].sd) - (k == *a ? *i : 0);
	size_t max = MULTI_ROWS;
	while (max > left)
		max /= 2;
	size_t n = 0;
	while (n < max && *a < narts) {
		if (*i < count(arts[*a].sd)) {
			out[n++] = (struct row_ref){ *a, (*i)++ };
		} else {
			++*a;
			*i = 0;
		}
	}
	return n;
}

static size_t count_mentions(const struct store_doc *sd)
{
	return sd->nmentions;
}

static size_t count_quotes(const struct store_doc *sd)
{
	return sd->nquotes;
}

/* Writes the rows of a batch of articles: each table's rows in article
 * order, so every row gets the id that writing the articles one by one
 * gives; a statement takes rows of several articles (SQLite's cost is
 * mostly per statement, and per page a statement changes: its statement
 * journal keeps a copy of each). */
static int put_rows(struct store *s, struct art_rows *arts, size_t narts)
{
	int ret = -1;
	sqlite3_stmt *st;
	for (size_t a = 0; a < narts; a++) {
		const struct store_doc *sd = arts[a].sd;
		arts[a].sid = xcalloc(sd->nsources + 1, sizeof(long long));
		arts[a].mid = xcalloc(sd->nmentions + 1, sizeof(long long));
		arts[a].qid = xcalloc(sd->nquotes + 1, sizeof(long long));
		arts[a].person = xcalloc(sd->nsources + 1, 1);
	}
	/* the sources in order of first mention, as the mentions need them */
	for (size_t a = 0; a < narts; a++) {
		const struct store_doc *sd = arts[a].sd;
		for (size_t k = 0; k < sd->nmentions; k++) {
			const struct store_mention *m = &sd->mentions[k];
			if (!arts[a].sid[m->source] &&
			    (arts[a].sid[m->source] = put_source(s, &sd->sources[m->source], arts[a].id,
								 &arts[a].person[m->source])) < 0)
				goto out;
		}
	}
	struct row_ref rr[MULTI_ROWS];
	size_t n, ra = 0, ri = 0;
	while ((n = next_rows(arts, narts, count_mentions, &ra, &ri, rr))) {
		if (!(st = multi_stmt(s, MI_MENTION, n)))
			goto out;
		for (size_t r = 0; r < n; r++) {
			const struct art_rows *ar = &arts[rr[r].a];
			const struct store_mention *m = &ar->sd->mentions[rr[r].i];
			const struct store_source *src = &ar->sd->sources[m->source];
			int c = (int)r * multi_sql[MI_MENTION].ncols;
			sqlite3_bind_int64(st, c + 1, ar->id);
			sqlite3_bind_int64(st, c + 2, ar->sid[m->source]);
			sqlite3_bind_int64(st, c + 3, (sqlite3_int64)m->start);
			sqlite3_bind_int64(st, c + 4, (sqlite3_int64)m->end);
			bind_span(st, c + 5, &ar->body, m->start, m->end);
			bind_str(st, c + 6, src->name);
			bind_str(st, c + 7, source_kind_name(src->kind));
			bind_str(st, c + 8, src->title);
			sqlite3_bind_int64(st, c + 9, m->line);
			sqlite3_bind_int(st, c + 10, m->speaker);
		}
		if (step_done(s, st, "cannot store a mention"))
			goto out;
		long long last = sqlite3_last_insert_rowid(s->db);
		for (size_t r = 0; r < n; r++)
			arts[rr[r].a].mid[rr[r].i] = last - (long long)(n - 1 - r);
		s->written[0] += (long long)n;
	}
	ra = ri = 0;
	while ((n = next_rows(arts, narts, count_quotes, &ra, &ri, rr))) {
		if (!(st = multi_stmt(s, MI_QUOTE, n)))
			goto out;
		for (size_t r = 0; r < n; r++) {
			const struct art_rows *ar = &arts[rr[r].a];
			const struct store_quote *q = &ar->sd->quotes[rr[r].i];
			int c = (int)r * multi_sql[MI_QUOTE].ncols;
			sqlite3_bind_int64(st, c + 1, ar->id);
			sqlite3_bind_int64(st, c + 2, q->n);
			sqlite3_bind_int64(st, c + 3, (sqlite3_int64)q->start);
			sqlite3_bind_int64(st, c + 4, (sqlite3_int64)q->end);
			sqlite3_bind_int64(st, c + 5, q->line);
			sqlite3_bind_int64(st, c + 6, q->col);
			bind_span(st, c + 7, &ar->body, q->start, q->end);
			bind_str(st, c + 8, q->kind);
			if (q->cue_lemma) {
				bind_span(st, c + 9, &ar->body, q->cue_start, q->cue_end);
				bind_str(st, c + 10, q->cue_lemma);
				sqlite3_bind_int64(st, c + 11, (sqlite3_int64)q->cue_start);
				sqlite3_bind_int64(st, c + 12, (sqlite3_int64)q->cue_end);
			} else {
				for (int k = 9; k <= 12; k++)
					sqlite3_bind_null(st, c + k);
			}
			if (q->mention >= 0 && q->source >= 0) {
				sqlite3_bind_int64(st, c + 13, ar->mid[q->mention]);
				sqlite3_bind_int64(st, c + 14, ar->sid[ar->sd->mentions[q->mention].source]);
			} else {
				sqlite3_bind_null(st, c + 13);
				sqlite3_bind_null(st, c + 14);
			}
			bind_str(st, c + 15, q->stance);
			bind_str(st, c + 16, q->rule ? q->rule : "");
			sqlite3_bind_int(st, c + 17, q->unclosed);
		}
		if (step_done(s, st, "cannot store a quote"))
			goto out;
		long long last = sqlite3_last_insert_rowid(s->db);
		for (size_t r = 0; r < n; r++)
			arts[rr[r].a].qid[rr[r].i] = last - (long long)(n - 1 - r);
		s->written[1] += (long long)n;
		if (!(st = multi_stmt(s, MI_CLAIM, n)))
			goto out;
		for (size_t r = 0; r < n; r++) {
			const struct art_rows *ar = &arts[rr[r].a];
			const struct store_quote *q = &ar->sd->quotes[rr[r].i];
			int c = (int)r * multi_sql[MI_CLAIM].ncols;
			sqlite3_bind_int64(st, c + 1, ar->qid[rr[r].i]);
			bind_str(st, c + 2, q->terms ? q->terms : "");
			bind_str(st, c + 3, q->polarity);
			sqlite3_bind_int(st, c + 4, q->mention >= 0 && q->source >= 0 &&
							ar->person[ar->sd->mentions[q->mention].source] &&
							claim_terms(q->terms) >= 4);
		}
		if (step_done(s, st, "cannot store a claim"))
			goto out;
	}
	/* propositions come in quote order (conflicts_article) */
	for (size_t a = 0; a < narts; a++) {
		const struct store_doc *sd = arts[a].sd;
		for (size_t i = 0; i < sd->nprops; i++) {
			const struct proposition *p = &sd->props[i];
			if (!(st = stmt(s, ST_INSERT_PROP)))
				goto out;
			sqlite3_bind_int64(st, 1, arts[a].qid[p->quote]);
			bind_str(st, 2, p->key);
			bind_str(st, 3, p->label);
			bind_str(st, 4, side_name(p->side));
			bind_str(st, 5, p->frame_rule);
			bind_str(st, 6, p->stance_rule);
			sqlite3_bind_int64(st, 7, (sqlite3_int64)p->start);
			sqlite3_bind_int64(st, 8, (sqlite3_int64)p->end);
			sqlite3_bind_int(st, 9, p->event);
			if (step_done(s, st, "cannot store a proposition"))
				goto out;
		}
	}
	ret = 0;
out:
	for (size_t a = 0; a < narts; a++) {
		free(arts[a].sid);
		free(arts[a].mid);
		free(arts[a].qid);
		free(arts[a].person);
		arts[a].sid = arts[a].mid = arts[a].qid = NULL;
		arts[a].person = NULL;
	}
	return ret;
}

/* ---- pending rows -------------------------------------------------------- */

/* An article is committed with its rows (sources, mentions, quotes, claims,
 * propositions) encoded in one pending row; store_flush() writes the rows
 * of many pending articles in one transaction, in article order, so that
 * rows and ids are those an article-by-article write would give. An
 * article's commit then writes a few pages instead of one in every table
 * and index (most of what an ingest cost). */

#define ROWS_FORMAT 1
/* A flush rewrites most leaves of the indexes whose keys come in no
 * order (sources' keys, mentions and quotes by source, claims by terms)
 * whatever its size: with 4096 articles, not 1024, news.jsonl is written
 * with 12% fewer pwrite calls and 7% less writer CPU. */
#define FLUSH_EVERY 4096

static void put_uint(strbuf *b, uint64_t v)
{
	/* room for the longest (ten bytes) at once: a strbuf_addch() per
	   byte was a ninth of store_put()'s instructions */
	strbuf_grow(b, 10);
	unsigned char *p = (unsigned char *)b->buf + b->len;
	while (v >= 0x80) {
		*p++ = (unsigned char)((v & 0x7f) | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	b->len = (size_t)((char *)p - b->buf);
	b->buf[b->len] = 0;
}

/* length + 1 (0: NULL), the bytes, a NUL: decoded strings point into the
 * decoded copy */
static void put_str(strbuf *b, const char *str)
{
	if (!str) {
		put_uint(b, 0);
		return;
	}
	size_t n = strlen(str);
	put_uint(b, (uint64_t)n + 1);
	strbuf_add(b, str, n + 1);
}

static void encode_rows(strbuf *b, const struct store_doc *sd)
{
	strbuf_reset(b);
	put_uint(b, ROWS_FORMAT);
	put_uint(b, sd->nsources);
	for (size_t i = 0; i < sd->nsources; i++) {
		const struct store_source *src = &sd->sources[i];
		put_str(b, src->name);
		put_uint(b, (uint64_t)src->kind);
		put_uint(b, (uint64_t)src->row_kind);
		put_str(b, src->title);
		put_str(b, src->key);
		put_str(b, src->display);
		put_str(b, src->affiliation);
		put_str(b, src->affil_key);
		put_uint(b, (uint64_t)src->per_article);
	}
	put_uint(b, sd->nmentions);
	for (size_t i = 0; i < sd->nmentions; i++) {
		const struct store_mention *m = &sd->mentions[i];
		put_uint(b, m->start);
		put_uint(b, m->end);
		put_uint(b, m->line);
		put_uint(b, (uint64_t)m->source);
		put_uint(b, (uint64_t)m->speaker);
	}
	put_uint(b, sd->nquotes);
	for (size_t i = 0; i < sd->nquotes; i++) {
		const struct store_quote *q = &sd->quotes[i];
		put_uint(b, q->n);
		put_uint(b, q->start);
		put_uint(b, q->end);
		put_uint(b, q->line);
		put_uint(b, q->col);
		put_str(b, q->kind);
		put_str(b, q->cue_lemma);
		put_uint(b, q->cue_start);
		put_uint(b, q->cue_end);
		put_uint(b, (uint64_t)(q->mention + 1));
		put_uint(b, (uint64_t)(q->source + 1));
		put_str(b, q->stance);
		put_str(b, q->rule);
		put_uint(b, (uint64_t)q->unclosed);
		put_str(b, q->terms);
		put_str(b, q->polarity);
	}
	put_uint(b, sd->nprops);
	for (size_t i = 0; i < sd->nprops; i++) {
		const struct proposition *p = &sd->props[i];
		put_uint(b, p->quote);
		put_str(b, p->key);
		put_str(b, p->label);
		put_str(b, p->frame_rule);
		put_uint(b, (uint64_t)p->event);
		put_str(b, p->stance_rule);
		put_uint(b, (uint64_t)p->side);
		put_uint(b, p->start);
		put_uint(b, p->end);
	}
}

struct reader {
	char *p, *end;
	int bad;
};

static uint64_t get_uint(struct reader *r)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			break;
		unsigned char c = (unsigned char)*r->p++;
		v |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

/* A count of items of at least min bytes each: no more than the bytes left. */
static size_t get_count(struct reader *r, size_t min)
{
	uint64_t n = get_uint(r);
	if (n > (uint64_t)(r->end - r->p) / min) {
		r->bad = 1;
		return 0;
	}
	return (size_t)n;
}

static char *get_str(struct reader *r)
{
	uint64_t n = get_uint(r);
	if (!n)
		return NULL;
	if (n > (uint64_t)(r->end - r->p) || r->p[n - 1]) {
		r->bad = 1;
		return NULL;
	}
	char *str = r->p;
	r->p += n;
	return str;
}

/* The rows of buf[0..len) (which must stay alive while they are used) into
 * sd's arrays; their strings point into buf. Returns 0, or -1 when buf is
 * not rows this whosaid wrote. Free with release_rows(). */
static int decode_rows(char *buf, size_t len, struct store_doc *sd)
{
	struct reader r = { buf, buf + len, 0 };
	memset(sd, 0, sizeof(*sd));
	if (get_uint(&r) != ROWS_FORMAT)
		return -1;
	sd->nsources = get_count(&r, 9);
	sd->sources = xcalloc(sd->nsources + 1, sizeof(*sd->sources));
	for (size_t i = 0; i < sd->nsources && !r.bad; i++) {
		struct store_source *src = &sd->sources[i];
		src->name = get_str(&r);
		src->kind = (enum source_kind)get_uint(&r);
		src->row_kind = (enum source_kind)get_uint(&r);
		src->title = get_str(&r);
		src->key = get_str(&r);
		src->display = get_str(&r);
		src->affiliation = get_str(&r);
		src->affil_key = get_str(&r);
		src->per_article = (int)get_uint(&r);
		if (!src->name || !src->key || (unsigned)src->kind > SK_DOCUMENT || (unsigned)src->row_kind > SK_DOCUMENT)
			r.bad = 1;
	}
	sd->nmentions = get_count(&r, 5);
	sd->mentions = xcalloc(sd->nmentions + 1, sizeof(*sd->mentions));
	for (size_t i = 0; i < sd->nmentions && !r.bad; i++) {
		struct store_mention *m = &sd->mentions[i];
		m->start = (size_t)get_uint(&r);
		m->end = (size_t)get_uint(&r);
		m->line = (unsigned)get_uint(&r);
		uint64_t src = get_uint(&r);
		m->speaker = (int)get_uint(&r);
		if (src >= sd->nsources)
			r.bad = 1;
		m->source = (int)src;
	}
	sd->nquotes = get_count(&r, 16);
	sd->quotes = xcalloc(sd->nquotes + 1, sizeof(*sd->quotes));
	for (size_t i = 0; i < sd->nquotes && !r.bad; i++) {
		struct store_quote *q = &sd->quotes[i];
		q->n = (unsigned)get_uint(&r);
		q->start = (size_t)get_uint(&r);
		q->end = (size_t)get_uint(&r);
		q->line = (unsigned)get_uint(&r);
		q->col = (unsigned)get_uint(&r);
		q->kind = get_str(&r);
		q->cue_lemma = get_str(&r);
		q->cue_start = (size_t)get_uint(&r);
		q->cue_end = (size_t)get_uint(&r);
		uint64_t mention = get_uint(&r), src = get_uint(&r);
		q->stance = get_str(&r);
		q->rule = get_str(&r);
		q->unclosed = (int)get_uint(&r);
		q->terms = get_str(&r);
		q->polarity = get_str(&r);
		if (mention > sd->nmentions || src > sd->nsources || !q->kind || !q->stance || !q->terms ||
		    !q->polarity)
			r.bad = 1;
		q->mention = (int)mention - 1;
		q->source = (int)src - 1;
	}
	sd->nprops = get_count(&r, 9);
	sd->props = xcalloc(sd->nprops + 1, sizeof(*sd->props));
	for (size_t i = 0; i < sd->nprops && !r.bad; i++) {
		struct proposition *p = &sd->props[i];
		p->quote = (size_t)get_uint(&r);
		p->key = get_str(&r);
		p->label = get_str(&r);
		p->frame_rule = get_str(&r);
		p->event = (int)get_uint(&r);
		p->stance_rule = get_str(&r);
		uint64_t side = get_uint(&r);
		p->start = (size_t)get_uint(&r);
		p->end = (size_t)get_uint(&r);
		if (p->quote >= sd->nquotes || !p->key || !p->label || !p->frame_rule || !p->stance_rule ||
		    side > SIDE_HEDGE)
			r.bad = 1;
		p->side = (enum side)side;
	}
	return r.bad || r.p != r.end ? -1 : 0;
}

static void release_rows(struct store_doc *sd)
{
	free(sd->sources);
	free(sd->mentions);
	free(sd->quotes);
	free(sd->props);
}

/* Articles whose rows put_rows() writes at once (write_pending). */
#define ROWS_BATCH 64

/* Writes the rows of every pending article, inside a transaction. */
static int write_pending(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_PENDING);
	if (!st)
		return -1;
	size_t n = 0, nb = 0;
	int rc, failed = 0;
	strbuf buf[ROWS_BATCH];
	struct store_doc rows[ROWS_BATCH];
	struct art_rows arts[ROWS_BATCH];
	for (size_t i = 0; i < ROWS_BATCH; i++)
		strbuf_init(&buf[i], 0);
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			long long id = sqlite3_column_int64(st, 0);
			/* copies: the other statements write while this one reads */
			strbuf *b = &buf[nb];
			strbuf_reset(b);
			strbuf_add(b, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1));
			size_t rows_len = b->len;
			const void *raw = sqlite3_column_blob(st, 2);
			size_t body_len = (size_t)sqlite3_column_bytes(st, 2);
			strbuf_add(b, raw ? raw : "", body_len);
			if (decode_rows(b->buf, rows_len, &rows[nb])) {
				diag_report(s->d, DIAG_ERROR, s->path, 0, 0, "the pending rows of article %lld are damaged",
					    id);
				release_rows(&rows[nb]);
				failed = 1;
				break;
			}
			arts[nb] = (struct art_rows){ .sd = &rows[nb], .body = { b->buf + rows_len, body_len }, .id = id };
			nb++;
			n++;
		}
		if (nb && (nb == ROWS_BATCH || rc != SQLITE_ROW)) {
			failed = put_rows(s, arts, nb) != 0;
			for (size_t i = 0; i < nb; i++)
				release_rows(&rows[i]);
			nb = 0;
			if (failed)
				break;
		}
		if (rc != SQLITE_ROW)
			break;
	}
	for (size_t i = 0; i < nb; i++)
		release_rows(&rows[i]);
	for (size_t i = 0; i < ROWS_BATCH; i++)
		strbuf_release(&buf[i]);
	sqlite3_reset(st);
	if (failed)
		return -1;
	if (rc != SQLITE_DONE) {
		store_error(s, "cannot read the pending articles");
		return -1;
	}
	if (!n)
		return 0;
	if (!(st = stmt(s, ST_CLEAR_PENDING)) || step_done(s, st, "cannot clear the pending articles"))
		return -1;
	if (!(st = stmt(s, ST_BUMP)) || step_done(s, st, "cannot update the generation"))
		return -1;
	return 0;
}

/* Are there pending rows (no write lock taken to find out)? */
static int any_pending(struct store *s)
{
	sqlite3_stmt *st = stmt(s, ST_ANY_PENDING);
	int any = st && sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return any;
}

/* The greatest ids of mentions and quotes (0 for none). */
static int last_ids(struct store *s, long long last[2])
{
	sqlite3_stmt *st = stmt(s, ST_LAST_IDS);
	if (!st || sqlite3_step(st) != SQLITE_ROW) {
		store_error(s, "cannot read the last row ids");
		return -1;
	}
	for (int i = 0; i < 2; i++)
		last[i] = sqlite3_column_int64(st, i);
	sqlite3_reset(st);
	return 0;
}

/* A flush writes its rows with foreign_keys=OFF (flush()); what the
 * check would have found is a reference to a row that is not there. The
 * rows refer to the article of a pending row (joined with articles), to
 * sources found or written in the same transaction, and to mentions and
 * quotes by the ids put_rows() counts from sqlite3_last_insert_rowid(),
 * which are those rows' ids when SQLite gave the rows of each table
 * consecutive ids after the greatest before. It did if the greatest id
 * is now the one before plus the rows written: two look-ups, not one a
 * reference (a query that looked up every reference of the new rows
 * cost half of what SQLite's checks cost). Claims and propositions refer
 * to those quotes; nothing refers to them. */
static int check_new_rows(struct store *s, const long long last[2])
{
	long long now_last[2];
	if (last_ids(s, now_last))
		return -1;
	for (int i = 0; i < 2; i++) {
		if (now_last[i] != last[i] + s->written[i]) {
			diag_report(s->d, DIAG_ERROR, s->path, 0, 0,
				    "the rows written out did not get the ids expected (%lld rows after id %lld, "
				    "the last id is %lld): not stored", s->written[i], last[i], now_last[i]);
			return -1;
		}
	}
	return 0;
}

static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double store_flush_cpu(const struct store *s)
{
	return s->flush_cpu;
}

static int flush(struct store *s);

int store_flush(struct store *s)
{
	double t0 = thread_cpu();
	int ret = flush(s);
	s->flush_cpu += thread_cpu() - t0;
	return ret;
}

static int flush(struct store *s)
{
	/* nothing to write: a run of unchanged articles takes no write lock */
	if (!any_pending(s)) {
		s->npending = 0;
		return 0;
	}
	/* SQLite looks up the parent of every reference of every row it
	 * inserts (a b-tree search each: a fifth of a flush's instructions);
	 * the rows of a flush refer to rows it has just found or written, as
	 * check_new_rows() makes sure before the commit. Only the flush's own
	 * transaction runs without the checks: deleting an article (a
	 * replaced one) needs their cascades. */
	if (store_exec(s, "PRAGMA foreign_keys=OFF"))
		return -1;
	int ret = -1;
	long long last[2];
	memset(s->written, 0, sizeof(s->written));
	if (!store_begin(s)) {
		if (!known_check(s) && !last_ids(s, last) && !write_pending(s) && !check_new_rows(s, last) &&
		    !store_commit(s)) {
			ret = 0;
		} else {
			store_rollback(s);
			known_forget(s);
		}
	}
	if (store_exec(s, "PRAGMA foreign_keys=ON"))
		ret = -1;
	if (!ret)
		s->npending = 0;
	return ret;
}

/* The article's row: 1 when added, 0 when its doc id is stored already
 * (nothing written), -1 after reporting. */
static int insert_article(struct store *s, const struct store_doc *sd)
{
	const struct article *a = sd->a;
	sqlite3_stmt *st = stmt(s, ST_INSERT_ARTICLE);
	if (!st)
		return -1;
	bind_str(st, 1, a->doc);
	bind_str(st, 2, a->path);
	bind_str(st, 3, a->title);
	bind_str(st, 4, a->outlet);
	bind_str(st, 5, a->date);
	bind_str(st, 6, a->url);
	bind_str(st, 7, a->author);
	bind_str(st, 8, format_name(a->format));
	sqlite3_bind_int64(st, 9, (sqlite3_int64)a->len);
	sqlite3_bind_blob(st, 10, sd->hash, STORE_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, a->raw, (int)a->len, SQLITE_STATIC);
	bind_str(st, 12, sd->title_terms ? sd->title_terms : "");
	if (step_done(s, st, "cannot store an article"))
		return -1;
	return sqlite3_changes(s->db) > 0;
}

enum store_put_result store_put(struct store *s, const struct store_doc *sd, int force)
{
	const struct article *a = sd->a;
	if (store_begin(s))
		return STORE_ERROR;
	enum store_put_result res = STORE_ADDED;
	/* most articles are new: added at once, without a look-up first
	   (a statement: a look-up on doc, some 8,000 instructions) */
	int added = insert_article(s, sd);
	if (added < 0)
		goto fail;
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_DONE;
	if (!added) {
		if (!(st = stmt(s, ST_FIND_ARTICLE)))
			goto fail;
		sqlite3_bind_text(st, 1, a->doc, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			sqlite3_reset(st);
			store_error(s, "an article that is there is not found");
			goto fail;
		}
	}
	if (rc == SQLITE_ROW) {
		long long old = sqlite3_column_int64(st, 0);
		int same = sqlite3_column_bytes(st, 1) == STORE_HASH_BYTES &&
			   !memcmp(sqlite3_column_blob(st, 1), sd->hash, STORE_HASH_BYTES);
		sqlite3_reset(st);
		if (same && !force) {
			store_rollback(s);
			return STORE_UNCHANGED;
		}
		/* the known sources are not those of the database once this
		   transaction deletes some (or fails); without them, sources
		   are looked up */
		known_forget(s);
		/* the rows of the articles before it first: the ids are those
		   of writing each article's rows as it came */
		if (write_pending(s) || delete_article(s, old))
			goto fail;
		if (!(st = stmt(s, ST_BUMP)) || step_done(s, st, "cannot update the generation"))
			goto fail;
		res = STORE_REPLACED;
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		store_error(s, "cannot look up an article");
		goto fail;
	}
	/* the old one deleted, the new one gets the next id */
	if (!added && insert_article(s, sd) != 1)
		goto fail;
	long long id = sqlite3_last_insert_rowid(s->db);
	if (res == STORE_REPLACED) {
		/* a reader never sees the article without rows */
		struct art_rows ar = { .sd = sd, .body = { a->raw, a->len }, .id = id };
		if (put_rows(s, &ar, 1))
			goto fail;
		if (store_commit(s))
			goto fail;
		return res;
	}
	encode_rows(&s->rows, sd);
	if (!(st = stmt(s, ST_INSERT_PENDING)))
		goto fail;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob(st, 2, s->rows.buf, (int)s->rows.len, SQLITE_STATIC);
	if (step_done(s, st, "cannot store an article's rows"))
		goto fail;
	if (store_commit(s))
		goto fail;
	/* stored: a failure to write out the rows leaves them pending, for
	   the next store_open */
	if (++s->npending >= FLUSH_EVERY && store_flush(s))
		return STORE_ERROR;
	return res;
fail:
	diag_report(s->d, DIAG_NOTE, s->path, 0, 0, "article '%s' was not stored", a->doc);
	store_rollback(s);
	return STORE_ERROR;
}

/* ---- checks -------------------------------------------------------------- */

long store_check(struct store *s)
{
	long problems = 0;
	sqlite3_stmt *st = store_prepare(s, "PRAGMA integrity_check");
	if (!st)
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *msg = (const char *)sqlite3_column_text(st, 0);
		if (msg && strcmp(msg, "ok") != 0) {
			diag_report(s->d, DIAG_ERROR, s->path, 0, 0, "integrity check: %s", msg);
			problems++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_error(s, "integrity check failed to run");
		return -1;
	}
	if (!(st = store_prepare(s, "PRAGMA foreign_key_check")))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		diag_report(s->d, DIAG_ERROR, s->path, 0, 0,
			    "foreign key check: row %lld of '%s' refers to a missing row of '%s'",
			    (long long)sqlite3_column_int64(st, 1), (const char *)sqlite3_column_text(st, 0),
			    (const char *)sqlite3_column_text(st, 2));
		problems++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_error(s, "foreign key check failed to run");
		return -1;
	}
	int ok;
	long long v = pragma_int(s, "PRAGMA user_version", &ok);
	if (!ok || v != STORE_SCHEMA_VERSION) {
		diag_report(s->d, DIAG_ERROR, s->path, 0, 0, "schema version is %lld, expected %d", v,
			    STORE_SCHEMA_VERSION);
		problems++;
	}
	return problems;
}
