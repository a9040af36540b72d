/* The store's commands: ingest, db check, and the queries sources, claims,
 * quotes and stories. The queries read the tables store.h describes. */
#define _GNU_SOURCE   /* gettid */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "extract.h"
#include "hash.h"
#include "read.h"
#include "store.h"
#include "xref.h"

#define DEFAULT_DB "out/whosaid.db"

/* CPU seconds of the calling thread (WHOSAID_TIMING reports them). */
static double thread_cpu(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- a bounded queue between threads ------------------------------------- */

/* A thread that waits is woken for a batch, not for every item: a full
 * queue's pusher when it is half empty, a popper when wake_at items are
 * there, the queue is closed, or POP_WAIT_MS have passed with an item
 * there (an article that comes alone is not held back). Waking a thread
 * per article cost five context switches an article, on cores the
 * threads share. */
#define POP_WAIT_MS 20
struct queue {
	void **v;
	size_t *sizes;             /* bytes of each item */
	size_t cap, head, n;
	size_t bytes, max_bytes;   /* held; past max_bytes a pusher waits */
	size_t wake_at;            /* items that wake a waiting popper */
	int closed;
	int pushers, poppers;      /* waiting */
	double push_wait, pop_wait;/* seconds pushers, poppers waited (all
				      threads; WHOSAID_TIMING) */
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
};

static void queue_init(struct queue *q, size_t cap, size_t max_bytes, size_t wake_at)
{
	memset(q, 0, sizeof(*q));
	q->cap = cap;
	q->max_bytes = max_bytes;
	q->sizes = xcalloc(cap, sizeof(size_t));
	q->wake_at = wake_at < 1 ? 1 : wake_at > cap ? cap : wake_at;
	q->v = xcalloc(cap, sizeof(void *));
	pthread_mutex_init(&q->mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q->not_empty, &ca);
	pthread_condattr_destroy(&ca);
	pthread_cond_init(&q->not_full, NULL);
}

static void queue_release(struct queue *q)
{
	free(q->v);
	free(q->sizes);
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->not_empty);
	pthread_cond_destroy(&q->not_full);
}

static int queue_full(const struct queue *q)
{
	return q->n == q->cap || (q->n && q->bytes >= q->max_bytes);
}

static void queue_push(struct queue *q, void *item, size_t size)
{
	pthread_mutex_lock(&q->mu);
	if (queue_full(q)) {
		double t0 = now();
		while (queue_full(q)) {
			q->pushers++;
			pthread_cond_wait(&q->not_full, &q->mu);
			q->pushers--;
		}
		q->push_wait += now() - t0;
	}
	q->sizes[(q->head + q->n) % q->cap] = size;
	q->v[(q->head + q->n++) % q->cap] = item;
	q->bytes += size;
	if (q->poppers && q->n >= q->wake_at)
		pthread_cond_broadcast(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
}

/* NULL once the queue is closed and empty. */
/* Takes the item at the head of a queue that holds one (q->mu held). */
static void *queue_take_head(struct queue *q)
{
	void *item = q->v[q->head];
	q->bytes -= q->sizes[q->head];
	q->head = (q->head + 1) % q->cap;
	q->n--;
	return item;
}

/* Wakes the pushers once the queue has room for a batch again, not at
 * every item taken (q->mu held). */
static void queue_wake_pushers(struct queue *q)
{
	if (q->pushers && q->n <= q->cap / 2 && q->bytes <= q->max_bytes / 2)
		pthread_cond_broadcast(&q->not_full);
}

static void *queue_pop(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	double t0 = !q->n && !q->closed ? now() : 0;
	while (!q->n && !q->closed) {
		q->poppers++;
		if (q->wake_at > 1) {
			struct timespec t;
			clock_gettime(CLOCK_MONOTONIC, &t);
			t.tv_nsec += POP_WAIT_MS * 1000000L;
			if (t.tv_nsec >= 1000000000L) {
				t.tv_sec++;
				t.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&q->not_empty, &q->mu, &t);
		} else {
			pthread_cond_wait(&q->not_empty, &q->mu);
		}
		q->poppers--;
	}
	if (t0)
		q->pop_wait += now() - t0;
	void *item = NULL;
	if (q->n) {
		item = queue_take_head(q);
		queue_wake_pushers(q);
	}
	pthread_mutex_unlock(&q->mu);
	return item;
}

/* Pops what queue_pop() pops, then as many more items as are there, up
 * to max items, max_bytes (the first is taken whatever its size) and one
 * share'th of those there, which the other share - 1 poppers may want.
 * 0 once the queue is closed and empty. */
static size_t queue_pop_some(struct queue *q, void **out, size_t max, size_t max_bytes, size_t share)
{
	void *first = queue_pop(q);
	if (!first)
		return 0;
	out[0] = first;
	size_t n = 1;
	pthread_mutex_lock(&q->mu);
	size_t bytes = 0, want = q->n / (share ? share : 1);
	while (n < max && want-- && q->n && bytes + q->sizes[q->head] <= max_bytes) {
		bytes += q->sizes[q->head];
		out[n++] = queue_take_head(q);
	}
	queue_wake_pushers(q);
	pthread_mutex_unlock(&q->mu);
	return n;
}

static void queue_close(struct queue *q)
{
	pthread_mutex_lock(&q->mu);
	q->closed = 1;
	pthread_cond_broadcast(&q->not_empty);
	pthread_mutex_unlock(&q->mu);
}

/* ---- stored hashes: doc id -> hash, to skip unchanged articles early ---- */

struct hashes {
	char **docs;
	unsigned char (*h)[STORE_HASH_BYTES];
	size_t cap, n;
};

static size_t doc_hash(const char *s)
{
	return (size_t)fnv1a(FNV1A_START_V1, s, strlen(s));
}

static void hashes_put(const char *doc, const unsigned char *hash, void *ctx)
{
	struct hashes *m = ctx;
	if ((m->n + 1) * 2 > m->cap) {
		struct hashes old = *m;
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->docs = xcalloc(m->cap, sizeof(char *));
		m->h = xcalloc(m->cap, STORE_HASH_BYTES);
		m->n = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.docs[i]) {
				hashes_put(old.docs[i], old.h[i], m);
				free(old.docs[i]);
			}
		free(old.docs);
		free(old.h);
	}
	size_t i = doc_hash(doc) & (m->cap - 1);
	while (m->docs[i] && strcmp(m->docs[i], doc))
		i = (i + 1) & (m->cap - 1);
	if (!m->docs[i]) {
		m->docs[i] = xstrdup(doc);
		m->n++;
	}
	memcpy(m->h[i], hash, STORE_HASH_BYTES);
}

static const unsigned char *hashes_get(const struct hashes *m, const char *doc)
{
	if (!m->cap)
		return NULL;
	size_t i = doc_hash(doc) & (m->cap - 1);
	for (; m->docs[i]; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->docs[i], doc))
			return m->h[i];
	return NULL;
}

/* doc id -> the path it was stored from in this run */
struct seen {
	char **docs, **paths;
	size_t cap, n;
	char *prev;   /* the path seen_put() last returned */
};

/* Records that doc was stored from path; returns the other path it was
 * stored from earlier in this run (valid until the next call), or NULL. */
static const char *seen_put(struct seen *m, const char *doc, const char *path)
{
	if ((m->n + 1) * 2 > m->cap) {
		struct seen old = *m;
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->docs = xcalloc(m->cap, sizeof(char *));
		m->paths = xcalloc(m->cap, sizeof(char *));
		for (size_t i = 0; i < old.cap; i++)
			if (old.docs[i]) {
				size_t j = doc_hash(old.docs[i]) & (m->cap - 1);
				while (m->docs[j])
					j = (j + 1) & (m->cap - 1);
				m->docs[j] = old.docs[i];
				m->paths[j] = old.paths[i];
			}
		free(old.docs);
		free(old.paths);
	}
	size_t i = doc_hash(doc) & (m->cap - 1);
	for (; m->docs[i]; i = (i + 1) & (m->cap - 1))
		if (!strcmp(m->docs[i], doc)) {
			if (!strcmp(m->paths[i], path))
				return NULL;   /* the same file twice: no surprise */
			free(m->prev);
			m->prev = m->paths[i];
			m->paths[i] = xstrdup(path);
			return m->prev;
		}
	m->docs[i] = xstrdup(doc);
	m->paths[i] = xstrdup(path);
	m->n++;
	return NULL;
}

static void seen_release(struct seen *m)
{
	for (size_t i = 0; i < m->cap; i++) {
		free(m->docs[i]);
		free(m->paths[i]);
	}
	free(m->docs);
	free(m->paths);
	free(m->prev);
}

static void hashes_release(struct hashes *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->docs[i]);
	free(m->docs);
	free(m->h);
}

/* ---- ingest -------------------------------------------------------------- */

/* Extracted articles waiting for the writer: as many as the writer
 * flushes at a time (store.c), in at most so many bytes of text. With
 * 48, the extraction threads of news.jsonl waited 3 to 4.5 s (wall) for
 * the writer in a run of 9 to 12 s. */
#define DONE_ARTICLES 4096
#define DONE_BYTES (32u << 20)
/* Articles read ahead for each extraction thread: the reader, woken when
 * half are left, may wait for a core that long (with 16 the extraction
 * threads waited 0.1 to 0.7 s for articles on a busy machine; with 128,
 * not at all). */
#define WORK_ARTICLES 128
#define WORK_BYTES (16u << 20)
/* The writer stores articles in the order they were read, whichever
 * thread finishes first, so that --jobs 2 writes the database --jobs 1
 * writes (article ids, and the first title seen of a source). The reader
 * holds back while this many articles, or bytes of them, are read and not
 * yet stored: the articles that wait for a slow one before them are no
 * more than that. */
#define INFLIGHT_ARTICLES 8192
#define INFLIGHT_BYTES (64u << 20)

struct work {
	struct article *a;
	char *path;
	unsigned long seq;        /* its place in the order of reading */
	size_t len;               /* bytes it counts in flight */
	struct store_doc *sd;     /* what the extraction made of it */
};

struct ingest {
	const struct rules *r;
	const struct xref_rules *xr;
	struct store *st;
	const char *db;            /* its path */
	int open_late;             /* a new database: the writer opens it */
	struct hashes known;
	struct seen stored;        /* the writer's */
	struct diag *store_diag;
	struct queue work, done;
	/* read and not yet stored (guarded by mu): the reader waits on
	   window_open while too many are */
	unsigned long read_seq, stored_seq;
	size_t inflight_bytes;
	int reader_waits;
	pthread_cond_t window_open;
	struct work **reorder;     /* the writer's: INFLIGHT_ARTICLES slots by seq */
	int force, verbose, progress, quiet, timing;
	size_t jobs;               /* extraction threads */
	double put_seconds;
	pthread_mutex_t mu;        /* guards the counters below and stop */
	int stop;
	unsigned seen, skipped, added, replaced, unchanged, failed;
	unsigned long long bytes, quotes;
	unsigned warnings;
	double t0, last_progress;
};


static int ingest_stopped(struct ingest *g)
{
	pthread_mutex_lock(&g->mu);
	int stop = g->stop;
	pthread_mutex_unlock(&g->mu);
	return stop;
}

static int on_ingest_article(struct article *a, void *ctx)
{
	struct ingest *g = ctx;
	if (ingest_stopped(g))
		return 1;
	pthread_mutex_lock(&g->mu);
	g->seen++;
	pthread_mutex_unlock(&g->mu);
	if (!g->force) {
		const unsigned char *old = hashes_get(&g->known, a->doc);
		unsigned char h[STORE_HASH_BYTES];
		if (old) {
			store_article_hash(a, h);
			if (!memcmp(old, h, STORE_HASH_BYTES)) {
				pthread_mutex_lock(&g->mu);
				g->skipped++;
				pthread_mutex_unlock(&g->mu);
				if (g->verbose) {
					/* the writer prints too: keep stdout lines whole */
					pthread_mutex_lock(&g->mu);
					printf("unchanged %s\n", a->doc);
					fflush(stdout);
					pthread_mutex_unlock(&g->mu);
				}
				return 0;
			}
		}
	}
	struct work *w = xmalloc(sizeof(*w));
	w->path = xstrdup(a->path ? a->path : "-");
	w->a = article_copy(a);
	w->a->path = w->path;   /* the reader's path is gone after this call */
	w->sd = NULL;
	w->len = a->len;
	pthread_mutex_lock(&g->mu);
	while (g->read_seq - g->stored_seq >= INFLIGHT_ARTICLES ||
	       (g->read_seq > g->stored_seq && g->inflight_bytes + w->len > INFLIGHT_BYTES)) {
		g->reader_waits = 1;
		pthread_cond_wait(&g->window_open, &g->mu);
	}
	w->seq = g->read_seq++;
	g->inflight_bytes += w->len;
	pthread_mutex_unlock(&g->mu);
	queue_push(&g->work, w, w->a->len);
	return 0;
}

/* Articles an extraction thread takes at once, and their bytes: it
 * extracts them all, then builds their rows. Extraction (the rules' JIT
 * code and tables) and xref (claim words, frame rules) each keep their
 * data in the caches for a run of articles, not for one in turn: with
 * 64, not 1, news.jsonl --jobs 2 took 0.2-0.3 s (6-8%) less CPU in the
 * extraction threads, a fifth of xref's and a few percent of
 * extraction's. The bytes bound the buffers the batch's extractions
 * keep (the first article is taken whatever its size). */
#define EXTRACT_BATCH 64
#define EXTRACT_BATCH_BYTES (1u << 20)

/* How many steps of nice each extraction thread steps back, behind the
 * writer, with --jobs 2 or more. Three busy threads on two cores (--jobs 2) shared them evenly: the
 * writer fell behind during each write-out and caught up slowly, and what
 * it had left when the extraction threads finished was stored on one core
 * while the other idled (news.jsonl --jobs 2, busy machine: the last
 * article stored 0.23-0.42 s after the extraction ended; with the writer
 * five steps ahead, 0.01-0.04 s). The extraction threads step back rather
 * than the writer stepping forward, because raising a nice value needs no
 * privilege; the writer takes the same CPU either way, only sooner. */
#define EXTRACT_NICE_BEHIND 5

static void extract_thread_step_back(size_t jobs)
{
	if (jobs < 2)
		return;
	/* Linux sets the nice value of one thread by its id */
	errno = 0;
	int nice_now = getpriority(PRIO_PROCESS, (id_t)gettid());
	if (!errno)
		(void)setpriority(PRIO_PROCESS, (id_t)gettid(), nice_now + EXTRACT_NICE_BEHIND);
}

static void *extract_thread(void *ctx)
{
	struct ingest *g = ctx;
	extract_thread_step_back(g->jobs);
	struct quote_scratch qs;
	struct extraction x[EXTRACT_BATCH];
	struct work *batch[EXTRACT_BATCH];
	struct claim_scratch *cs = claim_scratch_new();
	quote_scratch_init(&qs);
	for (size_t i = 0; i < EXTRACT_BATCH; i++)
		extraction_init(&x[i]);
	size_t n;
	double t_extract = 0, t_xref = 0;
	/* one stream for the thread, rewound for each article: a stream of
	   its own (a zeroed buffer of 8 KB each) cost every article some
	   9,000 instructions, for the few that print anything */
	char *mbuf = NULL;
	size_t mbuf_len = 0;
	FILE *ms = open_memstream(&mbuf, &mbuf_len);
	while ((n = queue_pop_some(&g->work, (void **)batch, EXTRACT_BATCH, EXTRACT_BATCH_BYTES, g->jobs))) {
		char *msgs[EXTRACT_BATCH];
		size_t msgs_len[EXTRACT_BATCH];
		unsigned warnings = 0;
		double t0 = g->timing ? thread_cpu() : 0;
		for (size_t i = 0; i < n; i++) {
			struct work *w = batch[i];
			struct diag wd = { ms ? ms : stderr, 0, 0, g->quiet };
			w->a->path = w->path;
			if (ms)
				rewind(ms);
			extraction_run(&x[i], w->a, g->r, &qs, &wd);
			long msglen = ms && !fflush(ms) ? ftell(ms) : 0;
			msgs[i] = msglen > 0 ? xstrndup(mbuf, (size_t)msglen) : NULL;
			msgs_len[i] = msglen > 0 ? (size_t)msglen : 0;
			warnings += wd.warnings;
		}
		double t1 = g->timing ? thread_cpu() : 0;
		for (size_t i = 0; i < n; i++) {
			struct store_doc *sd = xref_doc(&x[i], batch[i]->path, g->r, g->xr, cs);
			sd->messages = msgs[i];
			sd->messages_len = msgs_len[i];
			batch[i]->sd = sd;
		}
		if (g->timing) {
			t_extract += t1 - t0;
			t_xref += thread_cpu() - t1;
		}
		pthread_mutex_lock(&g->mu);
		g->warnings += warnings;
		pthread_mutex_unlock(&g->mu);
		for (size_t i = 0; i < n; i++)
			queue_push(&g->done, batch[i], batch[i]->sd->a->len);
	}
	if (ms)
		fclose(ms);
	free(mbuf);
	for (size_t i = 0; i < EXTRACT_BATCH; i++)
		extraction_release(&x[i]);
	quote_scratch_release(&qs);
	claim_scratch_free(cs);
	if (g->timing)
		fprintf(stderr, "whosaid: timing: extraction thread: %.3f s CPU (extract %.3f s, xref and claims %.3f s), "
				"done at %.3f s\n",
			thread_cpu(), t_extract, t_xref, now() - g->t0);
	return NULL;
}

static void show_progress(struct ingest *g, int last)
{
	double t = now();
	if (!last && t - g->last_progress < 0.25)
		return;
	g->last_progress = t;
	double mb = (double)g->bytes / 1e6, secs = t - g->t0;
	fprintf(stderr, "\rwhosaid: ingest: %u articles (%u new, %u replaced, %u unchanged), %.1f MB, %.1f MB/s%s",
		g->added + g->replaced + g->unchanged + g->skipped, g->added, g->replaced, g->unchanged + g->skipped,
		mb, secs > 0 ? mb / secs : 0.0, last ? "\n" : "");
	fflush(stderr);
}

static void store_one(struct ingest *g, struct store_doc *sd)
{
	if (sd->messages_len && g->st)   /* not for an ingest that could not open its database */
		fwrite(sd->messages, 1, sd->messages_len, stderr);
	if (!ingest_stopped(g)) {
		double t0 = g->timing ? now() : 0;
		enum store_put_result res = store_put(g->st, sd, g->force);
		if (g->timing)
			g->put_seconds += now() - t0;
		pthread_mutex_lock(&g->mu);
		switch (res) {
		case STORE_ADDED: g->added++; break;
		case STORE_REPLACED: g->replaced++; break;
		case STORE_UNCHANGED: g->unchanged++; break;
		case STORE_ERROR:
			g->failed++;
			g->stop = 1;   /* the database is in trouble: stop reading */
			break;
		}
		if (res == STORE_ADDED || res == STORE_REPLACED) {
			const char *prev = seen_put(&g->stored, sd->a->doc, sd->path);
			if (prev)
				diag_report(g->store_diag, DIAG_WARNING, sd->path, 0, 0,
					    "article id '%s' was stored from '%s' earlier in this run: replaced",
					    sd->a->doc, prev);
		}
		if (res != STORE_ERROR) {
			g->bytes += sd->a->len;
			g->quotes += sd->nquotes;
			if (g->verbose) {
				printf("%s %s\n", res == STORE_ADDED ? "added" : res == STORE_REPLACED ? "replaced"
						  : "unchanged", sd->a->doc);
				fflush(stdout);
			}
		}
		pthread_mutex_unlock(&g->mu);
		if (g->progress)
			show_progress(g, 0);
	}
	store_doc_free(sd);
}

static int open_store(struct ingest *g, struct diag *d);

static void *write_thread(void *ctx)
{
	struct ingest *g = ctx;
	struct work *w;
	unsigned long next = 0;
	if (g->open_late && open_store(g, g->store_diag)) {
		/* what was read is let through unstored */
		pthread_mutex_lock(&g->mu);
		g->failed++;
		g->stop = 1;
		pthread_mutex_unlock(&g->mu);
	}
	while ((w = queue_pop(&g->done))) {
		g->reorder[w->seq % INFLIGHT_ARTICLES] = w;
		while ((w = g->reorder[next % INFLIGHT_ARTICLES]) && w->seq == next) {
			g->reorder[next % INFLIGHT_ARTICLES] = NULL;
			next++;
			store_one(g, w->sd);
			pthread_mutex_lock(&g->mu);
			g->stored_seq = next;
			g->inflight_bytes -= w->len;
			/* the reader is woken when half the window is free (or all
			   of it, for an article bigger than half), not for each
			   article: a wake-up costs context switches */
			if (g->reader_waits && (next == g->read_seq ||
						(g->read_seq - next <= INFLIGHT_ARTICLES / 2 &&
						 g->inflight_bytes <= INFLIGHT_BYTES / 2))) {
				g->reader_waits = 0;
				pthread_cond_signal(&g->window_open);
			}
			pthread_mutex_unlock(&g->mu);
			free(w);
		}
	}
	/* the rows of the last articles stored */
	double t0 = g->timing ? now() : 0;
	double t_last = t0 - g->t0;
	if (!g->st)
		return NULL;
	if (store_flush(g->st)) {
		pthread_mutex_lock(&g->mu);
		g->failed++;
		pthread_mutex_unlock(&g->mu);
	}
	if (g->timing)
		g->put_seconds += now() - t0;
	if (g->timing) {
		int hit = 0, miss = 0, wr = 0, hw = 0;
		sqlite3_db_status(store_db(g->st), SQLITE_DBSTATUS_CACHE_HIT, &hit, &hw, 0);
		sqlite3_db_status(store_db(g->st), SQLITE_DBSTATUS_CACHE_MISS, &miss, &hw, 0);
		sqlite3_db_status(store_db(g->st), SQLITE_DBSTATUS_CACHE_WRITE, &wr, &hw, 0);
		fprintf(stderr, "whosaid: timing: page cache: %d hits, %d misses, %d writes\n", hit, miss, wr);
		fprintf(stderr, "whosaid: timing: writer thread: %.3f s CPU (writing out rows %.3f s), %.3f s in store_put; "
				"last article stored at %.3f s, its rows written out at %.3f s\n",
			thread_cpu(), store_flush_cpu(g->st), g->put_seconds, t_last, now() - g->t0);
	}
	return NULL;
}

/* mkdir -p of the directory that will hold path */
static int make_parent_dir(const char *path, struct diag *d)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int ret = 0;
	if (slash && slash != dir) {
		*slash = 0;
		for (char *p = dir + 1;; p++) {
			if (*p == '/' || !*p) {
				char c = *p;
				*p = 0;
				if (mkdir(dir, 0777) && errno != EEXIST) {
					diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot create directory '%s': %s", dir,
						    strerror(errno));
					ret = -1;
					break;
				}
				*p = c;
				if (!c)
					break;
			}
		}
	}
	free(dir);
	return ret;
}

/* Opens (creates) g->db for writing and, unless the writer opens it
 * (the reader reads them meanwhile), reads the hashes of the articles it
 * holds; an article stored since by another ingest is found unchanged
 * by store_put() instead. Reports to d. 0, or -1 (g->st NULL). */
static int open_store(struct ingest *g, struct diag *d)
{
	if (make_parent_dir(g->db, d) || !(g->st = store_open(g->db, STORE_CREATE, d)) ||
	    (!g->force && !g->open_late && store_each_hash(g->st, hashes_put, &g->known))) {
		store_close(g->st);
		g->st = NULL;
		return -1;
	}
	store_tune_for_writing(g->st);
	return 0;
}

static void ingest_usage(FILE *f)
{
	fprintf(f, "usage: whosaid ingest [--db PATH] [--jobs N] [--rules DIR] [--force] [-v] [-q] FILE|DIR|-...\n"
		   "  --db PATH     the database (default " DEFAULT_DB "; created when missing)\n"
		   "  --jobs N      extract in N threads (default 1); one thread writes, in the order read\n"
		   "  --rules DIR   rule files (default: the rules/ next to the binary)\n"
		   "  --force       extract and store again articles whose content is unchanged\n"
		   "  -v            print 'added|replaced|unchanged DOC' for every article once committed\n"
		   "  -q            do not print warnings\n");
}

static int parse_jobs(const char *v, int *jobs)
{
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < 1 || n > 256) {
		fprintf(stderr, "whosaid: error: '--jobs' needs a number from 1 to 256, not '%s'\n", v);
		return -1;
	}
	*jobs = (int)n;
	return 0;
}

/* What a second thread loads while the main thread loads the rules: the
 * cross-reference rules (claims, frames), which need only the directory,
 * with SQLite's set-up; its messages wait in a buffer of their own. */
struct side_load {
	const char *dir;
	struct xref_rules *xr;
	struct diag d;
	char *msgs;
	size_t msgs_len;
};

static void *side_load(void *ctx)
{
	struct side_load *sl = ctx;
	store_config_for_writing();
	sl->xr = xref_rules_load(sl->dir, NULL, &sl->d);
	return NULL;
}

int cmd_ingest(int argc, char **argv)
{
	double t_start = now();
	const char *db = DEFAULT_DB, *rules_dir = NULL;
	int jobs = 1;
	struct ingest g;
	memset(&g, 0, sizeof(g));
	char **files = xcalloc((size_t)argc + 1, sizeof(char *));
	int nfiles = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			ingest_usage(stdout);
			free(files);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--db"))) {
			db = v;
		} else if ((v = opt_value(argc, argv, &i, "--rules"))) {
			rules_dir = v;
		} else if ((v = opt_value(argc, argv, &i, "--jobs"))) {
			if (parse_jobs(v, &jobs)) {
				free(files);
				return 2;
			}
		} else if (!strcmp(argv[i], "--force")) {
			g.force = 1;
		} else if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--verbose")) {
			g.verbose = 1;
		} else if (!strcmp(argv[i], "-q")) {
			g.quiet = 1;
			diag_default.quiet_warnings = 1;
		} else if (opt_file(argv[i], files, &nfiles, ingest_usage)) {
			free(files);
			return 2;
		}
	}
	if (opt_default_stdin(files, &nfiles, ingest_usage)) {
		free(files);
		return 2;
	}
	/* The extraction rules, and (on the core that would be idle
	   meanwhile) SQLite's page cache, a first touch of each of its pages,
	   and the cross-reference rules. Their messages come after the
	   extraction rules', and not at all when those failed, as when one
	   was loaded after the other. */
	struct side_load sl = { rules_dir ? rules_dir : rules_default_dir(), NULL,
				{ NULL, 0, 0, diag_default.quiet_warnings }, NULL, 0 };
	sl.d.out = open_memstream(&sl.msgs, &sl.msgs_len);
	pthread_t side;
	int side_started = sl.d.out && !pthread_create(&side, NULL, side_load, &sl);
	if (!side_started) {
		store_config_for_writing();
		if (sl.d.out)
			fclose(sl.d.out);
		sl.d.out = NULL;
	}
	struct rules *r = rules_load(sl.dir, &diag_default);
	struct xref_rules *xr = NULL;
	if (side_started) {
		pthread_join(side, NULL);
		fclose(sl.d.out);
		xr = sl.xr;
		if (r) {
			fwrite(sl.msgs, 1, sl.msgs_len, stderr);
			diag_default.errors += sl.d.errors;
			diag_default.warnings += sl.d.warnings;
		} else {
			xref_rules_free(xr);
			xr = NULL;
		}
		free(sl.msgs);
	} else if (r) {
		xr = xref_rules_load(sl.dir, r, &diag_default);
	}
	/* the writer thread reports through its own sink: the reader's is
	   diag_default, and their counts must not race */
	struct diag store_diag = { stderr, 0, 0, 0 };
	/* A database that is not there yet holds no article to skip: the
	   writer thread creates it while the input is read and extracted
	   (some 20 ms sooner). One that is there is opened first, for the
	   hashes of its articles. */
	struct stat db_st;
	g.db = db;
	g.open_late = stat(db, &db_st) && errno == ENOENT;
	if (!xr || (!g.open_late && open_store(&g, &store_diag))) {
		hashes_release(&g.known);
		xref_rules_free(xr);
		rules_free(r);
		free(files);
		return 2;
	}
	g.store_diag = &store_diag;
	store_diag.quiet_warnings = g.quiet;
	g.r = r;
	g.xr = xr;
	g.progress = isatty(2);
	g.timing = getenv("WHOSAID_TIMING") != NULL;
	g.t0 = now();
	pthread_mutex_init(&g.mu, NULL);
	pthread_cond_init(&g.window_open, NULL);
	g.reorder = xcalloc(INFLIGHT_ARTICLES, sizeof(*g.reorder));
	/* the extraction threads take work as it comes; the writer, which
	   keeps up, in batches. The writer stops now and then (a flush of
	   pending rows, a checkpoint and its fsync): extracted articles wait
	   for it in a queue long enough that the extraction threads do not */
	queue_init(&g.work, (size_t)jobs * WORK_ARTICLES, WORK_BYTES, 1);
	queue_init(&g.done, DONE_ARTICLES, DONE_BYTES, (size_t)jobs * 8 + 8);
	g.jobs = (size_t)jobs;
	pthread_t *workers = xcalloc((size_t)jobs, sizeof(pthread_t));
	pthread_t writer;
	int started = 0;
	for (; started < jobs; started++)
		if (pthread_create(&workers[started], NULL, extract_thread, &g))
			break;
	int writer_ok = started > 0 && !pthread_create(&writer, NULL, write_thread, &g);
	unsigned failed = 0;
	double t_read = 0;
	if (writer_ok) {
		struct read_opts ro = { &diag_default, 0 };
		failed = read_inputs(files, nfiles, &ro, on_ingest_article, &g);
		t_read = now() - g.t0;
	} else {
		diag_report(&diag_default, DIAG_ERROR, NULL, 0, 0, "cannot start threads: %s", strerror(errno));
	}
	queue_close(&g.work);
	for (int i = 0; i < started; i++)
		pthread_join(workers[i], NULL);
	queue_close(&g.done);
	if (writer_ok)
		pthread_join(writer, NULL);
	if (g.progress)
		show_progress(&g, 1);
	if (g.timing) {
		fprintf(stderr, "whosaid: timing: reader (main) thread: %.3f s CPU; %.3f s wall; the rules loaded and "
				"the database opened in %.3f s before that, the input read at %.3f s\n",
			thread_cpu(), now() - g.t0, g.t0 - t_start, t_read);
		fprintf(stderr, "whosaid: timing: waits: reader %.3f s for a full queue, extraction threads %.3f s "
				"for articles and %.3f s for the writer, writer %.3f s for articles\n",
			g.work.push_wait, g.work.pop_wait, g.done.push_wait, g.done.pop_wait);
	}
	int status = failed || g.failed || diag_default.errors || store_diag.errors || !writer_ok ? 2 : 0;
	free(workers);
	queue_release(&g.work);
	queue_release(&g.done);
	pthread_mutex_destroy(&g.mu);
	pthread_cond_destroy(&g.window_open);
	free(g.reorder);
	double t_close = now();
	store_close(g.st);
	if (g.timing)
		fprintf(stderr, "whosaid: timing: closing the database (its last checkpoint): %.3f s wall; %.3f s from the "
				"start\n", now() - t_close, now() - g.t0);
	hashes_release(&g.known);
	seen_release(&g.stored);
	xref_rules_free(xr);
	rules_free(r);
	free(files);
	return status;
}

/* ---- db check ------------------------------------------------------------ */

int cmd_db(int argc, char **argv)
{
	const char *db = DEFAULT_DB;
	const char *sub = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = opt_value(argc, argv, &i, "--db")))
			db = v;
		else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			sub = "help";
		else if (!sub && argv[i][0] != '-')
			sub = argv[i];
		else {
			fprintf(stderr, "whosaid: error: unknown argument '%s'\n", argv[i]);
			sub = NULL;
			break;
		}
	}
	if (!sub || strcmp(sub, "check") != 0) {
		int help = sub && !strcmp(sub, "help");
		fprintf(help ? stdout : stderr,
			"usage: whosaid db check [--db PATH]\n"
			"  runs SQLite's integrity and foreign key checks on the database (default " DEFAULT_DB ")\n");
		return help ? 0 : 2;
	}
	struct store *s = store_open(db, STORE_READ, &diag_default);
	if (!s)
		return 2;
	long problems = store_check(s);
	if (problems == 0) {
		sqlite3_stmt *st = store_prepare(s, "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM "
						    "sources), (SELECT count(*) FROM quotes), (SELECT count(*) FROM claims)");
		if (st && sqlite3_step(st) == SQLITE_ROW)
			printf("%s: ok: %lld articles, %lld sources, %lld quotes, %lld claims\n", db,
			       (long long)sqlite3_column_int64(st, 0), (long long)sqlite3_column_int64(st, 1),
			       (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3));
		sqlite3_finalize(st);
	} else if (problems > 0) {
		fprintf(stderr, "whosaid: error: '%s': %ld problem%s found\n", db, problems, problems == 1 ? "" : "s");
	}
	store_close(s);
	return problems == 0 && !diag_default.errors ? 0 : 2;
}

/* ---- queries ------------------------------------------------------------- */

enum query_kind { Q_SOURCES, Q_CLAIMS, Q_QUOTES, Q_STORIES };

struct query {
	enum query_kind kind;
	const char *db;
	const char *source, *doc, *claim;
	int json;
	double threshold, story_threshold;
	struct store *s;
	strbuf out;
};

static void flush_out(struct query *q, int force)
{
	if (force || q->out.len > (1 << 16)) {
		fwrite(q->out.buf, 1, q->out.len, stdout);
		strbuf_reset(&q->out);
	}
}

static const char *col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void add_json_col(strbuf *out, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL) {
		strbuf_addstr(out, "null");
		return;
	}
	const char *t = col_text(st, i);
	strbuf_addch(out, '"');
	strbuf_add_json(out, t ? t : "", (size_t)sqlite3_column_bytes(st, i));
	strbuf_addch(out, '"');
}

static void add_id_or_null(strbuf *out, sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		strbuf_addstr(out, "null");
	else
		strbuf_addf(out, "%lld", (long long)sqlite3_column_int64(st, i));
}

/* Text on one line, at most max code points ("..." when cut). */
static void add_oneline(strbuf *out, const char *s, size_t n, size_t max)
{
	size_t cps = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xc0) != 0x80 && ++cps > max) {
			strbuf_addstr(out, "...");
			return;
		}
		strbuf_addch(out, c == '\n' || c == '\t' || c == '\r' ? ' ' : (char)c);
	}
}

/* Pads to width code points. */
static void add_padded(strbuf *out, const char *s, size_t width)
{
	strbuf_addstr(out, s);
	size_t cps = utf8_count(s, strlen(s));
	for (; cps < width; cps++)
		strbuf_addch(out, ' ');
}

/* The WHERE clause of the filters, as SQL over:
 *   src: a source id expression; art: an article id expression;
 *   clu: a claim cluster id expression (NULL where a filter does not apply
 *   directly; the EXISTS forms are used then). Parameters: ?1 source,
 *   ?2 doc, ?3 claim. */
static const char source_match[] =
	"(CAST(?1 AS TEXT) = CAST(s.id AS TEXT) OR s.name LIKE ?1 OR EXISTS (SELECT 1 FROM mentions fm WHERE "
	"fm.source_id = s.id AND (fm.name LIKE ?1 OR fm.text LIKE ?1)))";

static void bind_filters(struct query *q, sqlite3_stmt *st)
{
	if (q->source)
		sqlite3_bind_text(st, 1, q->source, -1, SQLITE_STATIC);
	if (q->doc)
		sqlite3_bind_text(st, 2, q->doc, -1, SQLITE_STATIC);
	if (q->claim)
		sqlite3_bind_int64(st, 3, strtoll(q->claim, NULL, 10));
}

static int step_error(struct query *q, int rc)
{
	if (rc != SQLITE_DONE) {
		store_error(q->s, "query failed");
		return -1;
	}
	return 0;
}

static int query_sources(struct query *q)
{
	strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql,
		      "SELECT s.id, s.name, s.kind, s.title, s.affiliation, s.member_of, "
		      "(SELECT count(*) FROM quotes x WHERE x.source_id = s.id), "
		      "(SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.source_id = s.id), "
		      "(SELECT o.name FROM sources o WHERE o.id = s.member_of) "
		      "FROM sources s WHERE 1");
	if (q->source) {
		strbuf_addstr(&sql, " AND ");
		strbuf_addstr(&sql, source_match);
	}
	if (q->doc)
		strbuf_addstr(&sql, " AND EXISTS (SELECT 1 FROM mentions m JOIN articles a ON a.id = m.article_id "
				    "WHERE m.source_id = s.id AND a.doc = ?2)");
	if (q->claim)
		strbuf_addstr(&sql, " AND EXISTS (SELECT 1 FROM quotes x JOIN claims c ON c.id = x.id "
				    "WHERE x.source_id = s.id AND coalesce(c.cluster, c.id) = ?3)");
	strbuf_addstr(&sql, q->json ? " ORDER BY s.id" : " ORDER BY 7 DESC, 8 DESC, s.id");
	sqlite3_stmt *st = store_prepare(q->s, sql.buf);
	sqlite3_stmt *ms = store_prepare(q->s, "SELECT a.doc, m.start, m.end, m.text, m.line, m.title, m.speaker "
					       "FROM mentions m JOIN articles a ON a.id = m.article_id "
					       "WHERE m.source_id = ?1 ORDER BY a.id, m.start");
	strbuf_release(&sql);
	if (!st || !ms) {
		sqlite3_finalize(st);
		sqlite3_finalize(ms);
		return -1;
	}
	bind_filters(q, st);
	int rc;
	if (!q->json)
		strbuf_addf(&q->out, "%6s  %-12s %6s %8s  %s\n", "ID", "KIND", "QUOTES", "ARTICLES", "NAME (TITLE)");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long id = sqlite3_column_int64(st, 0);
		if (q->json) {
			strbuf_addf(&q->out, "{\"id\":%lld,\"name\":", id);
			add_json_col(&q->out, st, 1);
			strbuf_addstr(&q->out, ",\"kind\":");
			add_json_col(&q->out, st, 2);
			strbuf_addstr(&q->out, ",\"title\":");
			add_json_col(&q->out, st, 3);
			strbuf_addstr(&q->out, ",\"member_of\":");
			add_id_or_null(&q->out, st, 5);
			strbuf_addf(&q->out, ",\"quotes\":%lld,\"articles\":%lld,\"affiliation\":",
				    (long long)sqlite3_column_int64(st, 6), (long long)sqlite3_column_int64(st, 7));
			add_json_col(&q->out, st, 4);
			strbuf_addstr(&q->out, ",\"mentions\":[");
		} else {
			strbuf_addf(&q->out, "%6lld  %-12s %6lld %8lld  %s", id, col_text(st, 2),
				    (long long)sqlite3_column_int64(st, 6), (long long)sqlite3_column_int64(st, 7),
				    col_text(st, 1));
			if (sqlite3_column_type(st, 3) != SQLITE_NULL)
				strbuf_addf(&q->out, " (%s)", col_text(st, 3));
			if (sqlite3_column_type(st, 5) != SQLITE_NULL)
				strbuf_addf(&q->out, ", member of %s [%lld]", col_text(st, 8),
					    (long long)sqlite3_column_int64(st, 5));
			strbuf_addch(&q->out, '\n');
		}
		sqlite3_reset(ms);
		sqlite3_bind_int64(ms, 1, id);
		int n = 0;
		while ((rc = sqlite3_step(ms)) == SQLITE_ROW) {
			if (q->json) {
				strbuf_addstr(&q->out, n ? ",{\"doc\":" : "{\"doc\":");
				add_json_col(&q->out, ms, 0);
				strbuf_addf(&q->out, ",\"start\":%lld,\"end\":%lld,\"line\":%lld,\"text\":",
					    (long long)sqlite3_column_int64(ms, 1), (long long)sqlite3_column_int64(ms, 2),
					    (long long)sqlite3_column_int64(ms, 4));
				add_json_col(&q->out, ms, 3);
				strbuf_addf(&q->out, ",\"speaker\":%s}", sqlite3_column_int(ms, 6) ? "true" : "false");
			} else {
				strbuf_addstr(&q->out, "          ");
				strbuf_grow(&q->out, 64);
				char where[256];
				snprintf(where, sizeof(where), "%s:%lld", col_text(ms, 0),
					 (long long)sqlite3_column_int64(ms, 4));
				add_padded(&q->out, where, 24);
				strbuf_addstr(&q->out, sqlite3_column_int(ms, 6) ? " said   " : " named  ");
				add_oneline(&q->out, col_text(ms, 3), (size_t)sqlite3_column_bytes(ms, 3), 100);
				strbuf_addch(&q->out, '\n');
			}
			n++;
		}
		if (step_error(q, rc))
			break;
		if (q->json)
			strbuf_addstr(&q->out, "]}\n");
		flush_out(q, 0);
	}
	sqlite3_finalize(st);
	sqlite3_finalize(ms);
	return rc == SQLITE_DONE ? 0 : step_error(q, rc);
}

/* Filters on a claim cluster expression cl (claims c, quotes x). */
static void claim_filters(struct query *q, strbuf *sql, const char *cl)
{
	if (q->source)
		strbuf_addf(sql, " AND %s IN (SELECT coalesce(c2.cluster, c2.id) FROM claims c2 JOIN quotes x2 ON "
				 "x2.id = c2.id WHERE x2.source_id IN (SELECT s.id FROM sources s WHERE %s))",
			    cl, source_match);
	if (q->doc)
		strbuf_addf(sql, " AND %s IN (SELECT coalesce(c2.cluster, c2.id) FROM claims c2 JOIN quotes x2 ON "
				 "x2.id = c2.id JOIN articles a2 ON a2.id = x2.article_id WHERE a2.doc = ?2)",
			    cl);
	if (q->claim)
		strbuf_addf(sql, " AND %s = ?3", cl);
}

static int query_quotes(struct query *q)
{
	strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql,
		      "SELECT a.doc, x.n, x.start, x.end, x.line, x.col, x.text, x.kind, x.cue_text, x.cue_lemma, "
		      "x.cue_start, x.cue_end, m.name, m.text, m.kind, m.title, m.start, m.end, x.stance, x.rule, "
		      "x.unclosed, x.source_id, coalesce(c.cluster, c.id), a.path, a.format "
		      "FROM quotes x JOIN articles a ON a.id = x.article_id "
		      "LEFT JOIN mentions m ON m.id = x.mention_id LEFT JOIN claims c ON c.id = x.id WHERE 1");
	if (q->source)
		strbuf_addf(&sql, " AND x.source_id IN (SELECT s.id FROM sources s WHERE %s)", source_match);
	if (q->doc)
		strbuf_addstr(&sql, " AND a.doc = ?2");
	if (q->claim)
		strbuf_addstr(&sql, " AND coalesce(c.cluster, c.id) = ?3");
	strbuf_addstr(&sql, " ORDER BY a.id, x.n");
	sqlite3_stmt *st = store_prepare(q->s, sql.buf);
	strbuf_release(&sql);
	if (!st)
		return -1;
	bind_filters(q, st);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		strbuf *o = &q->out;
		if (q->json) {
			strbuf_addstr(o, "{\"type\":\"quote\",\"doc\":");
			add_json_col(o, st, 0);
			strbuf_addstr(o, ",\"id\":\"");
			strbuf_add_json(o, col_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
			strbuf_addf(o, "#q%lld\",\"start\":%lld,\"end\":%lld,\"line\":%lld,\"col\":%lld,\"text\":",
				    (long long)sqlite3_column_int64(st, 1), (long long)sqlite3_column_int64(st, 2),
				    (long long)sqlite3_column_int64(st, 3), (long long)sqlite3_column_int64(st, 4),
				    (long long)sqlite3_column_int64(st, 5));
			add_json_col(o, st, 6);
			strbuf_addf(o, ",\"kind\":\"%s\",\"cue\":", col_text(st, 7));
			if (sqlite3_column_type(st, 9) != SQLITE_NULL) {
				strbuf_addstr(o, "{\"text\":");
				add_json_col(o, st, 8);
				strbuf_addstr(o, ",\"lemma\":");
				add_json_col(o, st, 9);
				strbuf_addf(o, ",\"start\":%lld,\"end\":%lld}", (long long)sqlite3_column_int64(st, 10),
					    (long long)sqlite3_column_int64(st, 11));
			} else {
				strbuf_addstr(o, "null");
			}
			strbuf_addstr(o, ",\"speaker\":");
			if (sqlite3_column_type(st, 12) != SQLITE_NULL) {
				strbuf_addstr(o, "{\"name\":");
				add_json_col(o, st, 12);
				strbuf_addstr(o, ",\"mention\":");
				add_json_col(o, st, 13);
				strbuf_addf(o, ",\"kind\":\"%s\",\"title\":", col_text(st, 14));
				add_json_col(o, st, 15);
				strbuf_addf(o, ",\"start\":%lld,\"end\":%lld}", (long long)sqlite3_column_int64(st, 16),
					    (long long)sqlite3_column_int64(st, 17));
			} else {
				strbuf_addstr(o, "null");
			}
			strbuf_addf(o, ",\"stance\":\"%s\",\"rule\":", col_text(st, 18));
			add_json_col(o, st, 19);
			if (sqlite3_column_int(st, 20))
				strbuf_addstr(o, ",\"unclosed\":true");
			strbuf_addstr(o, ",\"source\":");
			add_id_or_null(o, st, 21);
			strbuf_addstr(o, ",\"claim\":");
			add_id_or_null(o, st, 22);
			strbuf_addstr(o, "}\n");
		} else {
			char where[512];
			snprintf(where, sizeof(where), "%s:%lld:%lld", col_text(st, 0), (long long)sqlite3_column_int64(st, 4),
				 (long long)sqlite3_column_int64(st, 5));
			add_padded(o, where, 28);
			strbuf_addch(o, ' ');
			if (sqlite3_column_type(st, 12) != SQLITE_NULL) {
				strbuf_addf(o, "%s", col_text(st, 12));
				if (sqlite3_column_type(st, 15) != SQLITE_NULL)
					strbuf_addf(o, " (%s)", col_text(st, 15));
				if (strcmp(col_text(st, 14), "person") != 0)
					strbuf_addf(o, " <%s>", col_text(st, 14));
				strbuf_addf(o, " [source %lld]", (long long)sqlite3_column_int64(st, 21));
			} else {
				strbuf_addstr(o, "(unattributed)");
			}
			if (sqlite3_column_type(st, 8) != SQLITE_NULL) {
				strbuf_addstr(o, " [");
				add_oneline(o, col_text(st, 8), (size_t)sqlite3_column_bytes(st, 8), 40);
				strbuf_addch(o, ']');
			}
			if (strcmp(col_text(st, 18), "assert") != 0)
				strbuf_addf(o, " {%s}", col_text(st, 18));
			strbuf_addf(o, " (claim %lld): ", (long long)sqlite3_column_int64(st, 22));
			add_oneline(o, col_text(st, 6), (size_t)sqlite3_column_bytes(st, 6), (size_t)-1);
			strbuf_addch(o, '\n');
		}
		flush_out(q, 0);
	}
	sqlite3_finalize(st);
	return step_error(q, rc);
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;
	return x < y ? -1 : x > y;
}

struct claim_group {
	long long id;
	strbuf text;                     /* representative wording */
	strbuf quotes_json, docs_json, lines;
	long long *sources;
	size_t nsources, sources_alloc;
	char **docs;
	size_t ndocs, docs_alloc;
	size_t nquotes;
};

static void group_reset(struct claim_group *g)
{
	strbuf_reset(&g->text);
	strbuf_reset(&g->quotes_json);
	strbuf_reset(&g->docs_json);
	strbuf_reset(&g->lines);
	g->nsources = 0;
	for (size_t i = 0; i < g->ndocs; i++)
		free(g->docs[i]);
	g->ndocs = 0;
	g->nquotes = 0;
}

static void group_emit(struct query *q, struct claim_group *g)
{
	if (!g->nquotes)
		return;
	if (g->nsources)
		qsort(g->sources, g->nsources, sizeof(long long), cmp_ll);
	strbuf *o = &q->out;
	if (q->json) {
		strbuf_addf(o, "{\"id\":%lld,\"text\":\"", g->id);
		strbuf_add_json(o, g->text.buf, g->text.len);
		strbuf_addf(o, "\",\"quotes\":[%s],\"docs\":[%s],\"sources\":[", g->quotes_json.buf, g->docs_json.buf);
		for (size_t i = 0, n = 0; i < g->nsources; i++) {
			if (i && g->sources[i] == g->sources[i - 1])
				continue;
			strbuf_addf(o, n++ ? ",%lld" : "%lld", g->sources[i]);
		}
		strbuf_addstr(o, "]}\n");
	} else {
		size_t ns = 0;
		for (size_t i = 0; i < g->nsources; i++)
			ns += !i || g->sources[i] != g->sources[i - 1];
		strbuf_addf(o, "claim %lld: %zu quote%s, %zu article%s, %zu source%s: ", g->id, g->nquotes,
			    g->nquotes == 1 ? "" : "s", g->ndocs, g->ndocs == 1 ? "" : "s", ns, ns == 1 ? "" : "s");
		add_oneline(o, g->text.buf, g->text.len, 160);
		strbuf_addch(o, '\n');
		strbuf_add(o, g->lines.buf, g->lines.len);
	}
	flush_out(q, 0);
}

static int query_claims(struct query *q)
{
	strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT coalesce(c.cluster, c.id) AS cl, a.doc, x.n, x.text, x.source_id, c.polarity, "
			    "x.line, x.col, m.name, a.title FROM claims c JOIN quotes x ON x.id = c.id "
			    "JOIN articles a ON a.id = x.article_id LEFT JOIN mentions m ON m.id = x.mention_id WHERE 1");
	claim_filters(q, &sql, "coalesce(c.cluster, c.id)");
	strbuf_addstr(&sql, " ORDER BY cl, c.id");
	sqlite3_stmt *st = store_prepare(q->s, sql.buf);
	strbuf_release(&sql);
	if (!st)
		return -1;
	bind_filters(q, st);
	struct claim_group g;
	memset(&g, 0, sizeof(g));
	strbuf_init(&g.text, 0);
	strbuf_init(&g.quotes_json, 0);
	strbuf_init(&g.docs_json, 0);
	strbuf_init(&g.lines, 0);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long cl = sqlite3_column_int64(st, 0);
		if (g.nquotes && cl != g.id) {
			group_emit(q, &g);
			group_reset(&g);
		}
		const char *doc = col_text(st, 1);
		if (!g.nquotes) {
			g.id = cl;
			strbuf_add(&g.text, col_text(st, 3), (size_t)sqlite3_column_bytes(st, 3));
		}
		strbuf_addstr(&g.quotes_json, g.nquotes ? ",\"" : "\"");
		strbuf_add_json(&g.quotes_json, doc, strlen(doc));
		strbuf_addf(&g.quotes_json, "#q%lld\"", (long long)sqlite3_column_int64(st, 2));
		g.nquotes++;
		int seen = 0;
		for (size_t i = 0; i < g.ndocs && !seen; i++)
			seen = !strcmp(g.docs[i], doc);
		if (!seen) {
			ALLOC_GROW(g.docs, g.ndocs + 1, g.docs_alloc);
			g.docs[g.ndocs++] = xstrdup(doc);
			strbuf_addstr(&g.docs_json, g.ndocs > 1 ? ",\"" : "\"");
			strbuf_add_json(&g.docs_json, doc, strlen(doc));
			strbuf_addch(&g.docs_json, '"');
		}
		if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
			ALLOC_GROW(g.sources, g.nsources + 1, g.sources_alloc);
			g.sources[g.nsources++] = sqlite3_column_int64(st, 4);
		}
		if (!q->json) {
			char where[512];
			snprintf(where, sizeof(where), "%s:%lld:%lld", doc, (long long)sqlite3_column_int64(st, 6),
				 (long long)sqlite3_column_int64(st, 7));
			strbuf_addstr(&g.lines, "    ");
			add_padded(&g.lines, where, 28);
			strbuf_addch(&g.lines, ' ');
			const char *name = sqlite3_column_type(st, 8) != SQLITE_NULL ? col_text(st, 8) : "(unattributed)";
			strbuf addname = STRBUF_INIT;
			add_oneline(&addname, name, strlen(name), 28);
			add_padded(&g.lines, addname.buf, 30);
			strbuf_release(&addname);
			const char *pol = col_text(st, 5);
			strbuf_addf(&g.lines, "%-7s ", strcmp(pol, "assert") ? pol : "");
			add_oneline(&g.lines, col_text(st, 3), (size_t)sqlite3_column_bytes(st, 3), 100);
			strbuf_addch(&g.lines, '\n');
		}
	}
	group_emit(q, &g);
	group_reset(&g);
	strbuf_release(&g.text);
	strbuf_release(&g.quotes_json);
	strbuf_release(&g.docs_json);
	strbuf_release(&g.lines);
	free(g.sources);
	free(g.docs);
	sqlite3_finalize(st);
	return step_error(q, rc);
}

static int query_stories(struct query *q)
{
	strbuf sql = STRBUF_INIT;
	strbuf_addstr(&sql, "SELECT y.story, a.doc, a.title, a.outlet, a.date, k.n "
			    "FROM stories y JOIN articles a ON a.id = y.article_id "
			    "JOIN (SELECT story, count(*) AS n FROM stories GROUP BY story) k ON k.story = y.story WHERE 1");
	if (q->source)
		strbuf_addf(&sql, " AND y.story IN (SELECT y2.story FROM stories y2 JOIN mentions m ON m.article_id = "
				  "y2.article_id WHERE m.source_id IN (SELECT s.id FROM sources s WHERE %s))",
			    source_match);
	if (q->doc)
		strbuf_addstr(&sql, " AND y.story IN (SELECT y2.story FROM stories y2 JOIN articles a2 ON a2.id = "
				    "y2.article_id WHERE a2.doc = ?2)");
	if (q->claim)
		strbuf_addstr(&sql, " AND y.story IN (SELECT y2.story FROM stories y2 JOIN quotes x ON x.article_id = "
				    "y2.article_id JOIN claims c ON c.id = x.id WHERE coalesce(c.cluster, c.id) = ?3)");
	strbuf_addstr(&sql, q->json ? " ORDER BY a.id" : " ORDER BY 6 DESC, y.story, a.id");
	sqlite3_stmt *st = store_prepare(q->s, sql.buf);
	strbuf_release(&sql);
	if (!st)
		return -1;
	bind_filters(q, st);
	int rc;
	long long prev = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long story = sqlite3_column_int64(st, 0);
		if (q->json) {
			strbuf_addstr(&q->out, "{\"article\":");
			add_json_col(&q->out, st, 1);
			strbuf_addf(&q->out, ",\"cluster\":%lld}\n", story);
		} else {
			if (story != prev) {
				long long n = sqlite3_column_int64(st, 5);
				strbuf_addf(&q->out, "%sstory %lld: %lld article%s\n", prev < 0 ? "" : "\n", story, n,
					    n == 1 ? "" : "s");
			}
			strbuf_addstr(&q->out, "    ");
			add_padded(&q->out, col_text(st, 1), 24);
			/* date, outlet */
			for (int k = 4; k >= 3; k--) {
				strbuf cell = STRBUF_INIT;
				if (sqlite3_column_type(st, k) != SQLITE_NULL)
					add_oneline(&cell, col_text(st, k), (size_t)sqlite3_column_bytes(st, k), 20);
				strbuf_addch(&q->out, ' ');
				add_padded(&q->out, cell.buf, k == 4 ? 10 : 20);
				strbuf_release(&cell);
			}
			strbuf_addch(&q->out, ' ');
			if (sqlite3_column_type(st, 2) != SQLITE_NULL)
				add_oneline(&q->out, col_text(st, 2), (size_t)sqlite3_column_bytes(st, 2), 90);
			else
				strbuf_addstr(&q->out, "(no title)");
			strbuf_addch(&q->out, '\n');
		}
		prev = story;
		flush_out(q, 0);
	}
	sqlite3_finalize(st);
	return step_error(q, rc);
}

static const char *const query_names[] = { "sources", "claims", "quotes", "stories" };

static void query_usage(FILE *f, enum query_kind k)
{
	fprintf(f, "usage: whosaid %s [--db PATH] [--source NAME] [--doc ID] [--claim ID] [--format text|json]\n",
		query_names[k]);
	fprintf(f, "  --db PATH        the database (default " DEFAULT_DB ")\n"
		   "  --source NAME    only what involves that source: its id, or a name (SQL LIKE, any case)\n"
		   "  --doc ID         only what involves that article\n"
		   "  --claim ID       only what involves that claim cluster\n"
		   "  --format json    JSON Lines, one record a line (the contract in DESIGN.md)\n"
		   "  --format text    aligned text for people (default)\n"
		   "  --threshold X    claim similarity (Jaccard of terms) that joins a cluster (default %.2f)\n",
		XREF_DEFAULT_THRESHOLD);
}

static int run_query(enum query_kind kind, int argc, char **argv)
{
	struct query q;
	memset(&q, 0, sizeof(q));
	q.kind = kind;
	q.db = DEFAULT_DB;
	q.threshold = XREF_DEFAULT_THRESHOLD;
	const char *env = getenv("WHOSAID_THRESHOLD");
	if (env && *env)
		q.threshold = strtod(env, NULL);
	q.story_threshold = XREF_STORY_THRESHOLD;
	env = getenv("WHOSAID_STORY_THRESHOLD");
	if (env && *env)
		q.story_threshold = strtod(env, NULL);
	for (int i = 1; i < argc; i++) {
		const char *v;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			query_usage(stdout, kind);
			return 0;
		} else if ((v = opt_value(argc, argv, &i, "--db"))) {
			q.db = v;
		} else if ((v = opt_value(argc, argv, &i, "--source"))) {
			q.source = v;
		} else if ((v = opt_value(argc, argv, &i, "--doc"))) {
			q.doc = v;
		} else if ((v = opt_value(argc, argv, &i, "--claim"))) {
			char *end;
			strtoll(v, &end, 10);
			if (!*v || *end) {
				fprintf(stderr, "whosaid: error: '--claim' needs a claim id (a number), not '%s'\n", v);
				return 2;
			}
			q.claim = v;
		} else if ((v = opt_value(argc, argv, &i, "--threshold"))) {
			char *end;
			q.threshold = strtod(v, &end);
			if (!*v || *end || q.threshold <= 0 || q.threshold > 1) {
				fprintf(stderr, "whosaid: error: '--threshold' needs a number in (0, 1], not '%s'\n", v);
				return 2;
			}
		} else if ((v = opt_value(argc, argv, &i, "--format"))) {
			if (!strcmp(v, "json"))
				q.json = 1;
			else if (strcmp(v, "text") != 0) {
				fprintf(stderr, "whosaid: error: unknown format '%s' (json, text)\n", v);
				return 2;
			}
		} else {
			opt_unknown(argv[i]);
			query_usage(stderr, kind);
			return 2;
		}
	}
	q.s = store_open(q.db, STORE_READ, &diag_default);
	if (!q.s)
		return 2;
	int ret = xref_refresh(q.s, q.threshold, q.story_threshold, &diag_default);
	strbuf_init(&q.out, 1 << 17);
	if (!ret) {
		switch (kind) {
		case Q_SOURCES: ret = query_sources(&q); break;
		case Q_CLAIMS: ret = query_claims(&q); break;
		case Q_QUOTES: ret = query_quotes(&q); break;
		case Q_STORIES: ret = query_stories(&q); break;
		}
	}
	flush_out(&q, 1);
	fflush(stdout);
	strbuf_release(&q.out);
	store_close(q.s);
	return ret || diag_default.errors ? 2 : 0;
}

int cmd_sources(int argc, char **argv)
{
	return run_query(Q_SOURCES, argc, argv);
}

int cmd_claims(int argc, char **argv)
{
	return run_query(Q_CLAIMS, argc, argv);
}

int cmd_quotes(int argc, char **argv)
{
	return run_query(Q_QUOTES, argc, argv);
}

int cmd_stories(int argc, char **argv)
{
	return run_query(Q_STORIES, argc, argv);
}
