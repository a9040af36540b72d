#define _POSIX_C_SOURCE 200809L
#include "patcache.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "strbuf.h"

/* The file: MAGIC, then the body's length and checksum (8 bytes each),
 * then the body: the number of patterns n; n entries of (options, 4
 * bytes; 4 zero bytes; text length, 8 bytes); the n texts one after
 * another; the length of the serialized codes (8 bytes) and the codes,
 * as pcre2_serialize_encode wrote them, in the order of the entries. */
static const char MAGIC[8] = { 'W', 'S', 'P', 'C', '0', '0', '0', '1' };
#define HEAD (sizeof(MAGIC) + 16)

struct entry {
	const char *text;     /* into file, or owned */
	char *owned;
	size_t len;
	uint32_t options;
	pcre2_code *code;     /* loaded: not yet handed out; recorded: the code */
	int keep;             /* recorded: the cache frees the code */
};

struct patcache {
	char *dir;
	char *file;           /* the cache file's bytes, or NULL */
	struct entry *loaded;
	size_t nloaded;
	struct entry *rec;    /* what this load compiled or took, in order */
	size_t nrec, arec;
	int misses;
};

static uint64_t checksum(const unsigned char *p, size_t n)
{
	uint64_t h = 0x243f6a8885a308d3ull;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, p + i, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ull;
		h ^= h >> 29;
	}
	for (; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h ^ n;
}

static uint64_t get64(const char *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

static char *cache_dir(void)
{
	const char *env = getenv("WHOSAID_NO_CACHE");
	if (env && *env && strcmp(env, "0") != 0)
		return NULL;
	env = getenv("WHOSAID_CACHE_DIR");
	if (env && *env)
		return xstrdup(env);
	strbuf sb = STRBUF_INIT;
	env = getenv("XDG_CACHE_HOME");
	if (env && *env == '/') {
		strbuf_addf(&sb, "%s/whosaid", env);
		return strbuf_detach(&sb, NULL);
	}
	env = getenv("HOME");
	if (env && *env == '/') {
		strbuf_addf(&sb, "%s/.cache/whosaid", env);
		return strbuf_detach(&sb, NULL);
	}
	strbuf_release(&sb);
	return NULL;
}

/* Reads and checks the file; on any doubt, leaves the cache empty. */
static void load_file(struct patcache *pc)
{
	strbuf path = STRBUF_INIT, data = STRBUF_INIT;
	strbuf_addf(&path, "%s/patterns.bin", pc->dir);
	int ok = strbuf_read_file(&data, path.buf) == 0 && data.len >= HEAD + 8 &&
		 !memcmp(data.buf, MAGIC, sizeof(MAGIC));
	strbuf_release(&path);
	size_t body_len = ok ? (size_t)get64(data.buf + sizeof(MAGIC)) : 0;
	const char *body = data.buf + HEAD;
	if (ok)
		ok = body_len == data.len - HEAD &&
		     checksum((const unsigned char *)body, body_len) == get64(data.buf + sizeof(MAGIC) + 8);
	size_t n = ok ? (size_t)get64(body) : 0;
	/* entries, texts and the codes' length must fit in the body */
	if (ok && (n > 100000 || 8 + n * 16 + 8 > body_len))
		ok = 0;
	size_t at = 8 + n * 16;
	struct entry *e = ok ? xcalloc(n ? n : 1, sizeof(*e)) : NULL;
	for (size_t i = 0; ok && i < n; i++) {
		const char *p = body + 8 + i * 16;
		uint32_t opt;
		memcpy(&opt, p, 4);
		e[i].options = opt;
		e[i].len = (size_t)get64(p + 8);
		if (e[i].len > body_len - at - 8) {
			ok = 0;
			break;
		}
		e[i].text = body + at;
		at += e[i].len;
	}
	size_t ser_len = ok ? (size_t)get64(body + at) : 0;
	if (ok && ser_len != body_len - at - 8)
		ok = 0;
	if (ok && n) {
		const uint8_t *ser = (const uint8_t *)body + at + 8;
		pcre2_code **codes = xcalloc(n, sizeof(*codes));
		/* another PCRE2 build's codes are refused here */
		if (pcre2_serialize_get_number_of_codes(ser) != (int32_t)n ||
		    pcre2_serialize_decode(codes, (int32_t)n, ser, NULL) != (int32_t)n) {
			ok = 0;
		} else {
			for (size_t i = 0; i < n; i++)
				e[i].code = codes[i];
		}
		free(codes);
	}
	if (!ok) {
		free(e);
		strbuf_release(&data);
		return;
	}
	pc->file = strbuf_detach(&data, NULL);
	pc->loaded = e;
	pc->nloaded = n;
}

struct patcache *patcache_open(void)
{
	char *dir = cache_dir();
	if (!dir)
		return NULL;
	struct patcache *pc = xcalloc(1, sizeof(*pc));
	pc->dir = dir;
	load_file(pc);
	return pc;
}

static void record(struct patcache *pc, const char *text, char *owned, size_t len, uint32_t options,
		   pcre2_code *code, int keep)
{
	if (pc->nrec == pc->arec) {
		pc->arec = pc->arec ? 2 * pc->arec : 64;
		pc->rec = xrealloc(pc->rec, pc->arec * sizeof(*pc->rec));
	}
	struct entry *e = &pc->rec[pc->nrec++];
	e->text = owned ? owned : text;
	e->owned = owned;
	e->len = len;
	e->options = options;
	e->code = code;
	e->keep = keep;
}

static pcre2_code *take(struct patcache *pc, const char *pat, size_t len, uint32_t options, int keep,
			int *err, PCRE2_SIZE *erroff)
{
	if (!pc)
		return pcre2_compile((PCRE2_SPTR)pat, len, options, err, erroff, NULL);
	for (size_t i = 0; i < pc->nloaded; i++) {
		struct entry *e = &pc->loaded[i];
		if (e->code && e->len == len && e->options == options && !memcmp(e->text, pat, len)) {
			pcre2_code *code = e->code;
			e->code = NULL;
			record(pc, e->text, NULL, len, options, code, keep);
			return code;
		}
	}
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, len, options, err, erroff, NULL);
	if (code) {
		pc->misses++;
		record(pc, NULL, xstrndup(pat, len), len, options, code, keep);
	}
	return code;
}

pcre2_code *patcache_compile(struct patcache *pc, const char *pat, size_t len, uint32_t options,
			     int *err, PCRE2_SIZE *erroff)
{
	return take(pc, pat, len, options, 0, err, erroff);
}

int patcache_check(struct patcache *pc, const char *pat, size_t len, uint32_t options,
		   int *err, PCRE2_SIZE *erroff)
{
	pcre2_code *code = take(pc, pat, len, options, 1, err, erroff);
	if (!code)
		return -1;
	if (!pc)
		pcre2_code_free(code);
	return 0;
}

static void put64(strbuf *sb, uint64_t v)
{
	strbuf_add(sb, &v, 8);
}

/* Writes beside the file and renames it into place: a reader sees the old
 * file or the new one, never part of one. */
static void write_file(struct patcache *pc)
{
	/* the codes taken from the old file carry its copy of the character
	 * tables, and pcre2_serialize_encode takes codes of one set of
	 * tables only: those are compiled again, from their texts */
	const pcre2_code **codes = xmalloc((pc->nrec ? pc->nrec : 1) * sizeof(*codes));
	pcre2_code **fresh = xcalloc(pc->nrec ? pc->nrec : 1, sizeof(*fresh));
	int ok = 1;
	for (size_t i = 0; i < pc->nrec && ok; i++) {
		codes[i] = pc->rec[i].code;
		if (!pc->rec[i].owned) {
			int err;
			PCRE2_SIZE off;
			fresh[i] = pcre2_compile((PCRE2_SPTR)pc->rec[i].text, pc->rec[i].len, pc->rec[i].options,
						 &err, &off, NULL);
			codes[i] = fresh[i];
			ok = fresh[i] != NULL;
		}
	}
	uint8_t *ser = NULL;
	PCRE2_SIZE ser_len = 0;
	int32_t rc = ok ? pcre2_serialize_encode(codes, (int32_t)pc->nrec, &ser, &ser_len, NULL) : -1;
	for (size_t i = 0; i < pc->nrec; i++)
		pcre2_code_free(fresh[i]);
	free(fresh);
	free(codes);
	if (rc != (int32_t)pc->nrec)
		return;
	strbuf body = STRBUF_INIT;
	put64(&body, pc->nrec);
	for (size_t i = 0; i < pc->nrec; i++) {
		uint32_t opt[2] = { pc->rec[i].options, 0 };
		strbuf_add(&body, opt, 8);
		put64(&body, pc->rec[i].len);
	}
	for (size_t i = 0; i < pc->nrec; i++)
		strbuf_add(&body, pc->rec[i].text, pc->rec[i].len);
	put64(&body, ser_len);
	strbuf_add(&body, ser, ser_len);
	pcre2_serialize_free(ser);

	strbuf head = STRBUF_INIT;
	strbuf_add(&head, MAGIC, sizeof(MAGIC));
	put64(&head, body.len);
	put64(&head, checksum((const unsigned char *)body.buf, body.len));

	/* $HOME/.cache may not exist yet */
	char *slash = strrchr(pc->dir, '/');
	if (slash && slash != pc->dir) {
		*slash = '\0';
		(void)mkdir(pc->dir, 0700);   /* (if it fails, so does the next one) */
		*slash = '/';
	}
	strbuf tmp = STRBUF_INIT, path = STRBUF_INIT;
	strbuf_addf(&tmp, "%s/patterns.bin.%ld.tmp", pc->dir, (long)getpid());
	strbuf_addf(&path, "%s/patterns.bin", pc->dir);
	if (mkdir(pc->dir, 0700) == 0 || errno == EEXIST) {
		FILE *f = fopen(tmp.buf, "wb");
		if (f) {
			int bad = fwrite(head.buf, 1, head.len, f) != head.len ||
				  fwrite(body.buf, 1, body.len, f) != body.len;
			bad |= fclose(f) != 0;
			if (bad || rename(tmp.buf, path.buf) != 0)
				unlink(tmp.buf);
		}
	}
	strbuf_release(&tmp);
	strbuf_release(&path);
	strbuf_release(&head);
	strbuf_release(&body);
}

void patcache_finish(struct patcache *pc, int write)
{
	if (!pc)
		return;
	if (write && pc->misses)
		write_file(pc);
	for (size_t i = 0; i < pc->nrec; i++) {
		free(pc->rec[i].owned);
		if (pc->rec[i].keep)
			pcre2_code_free(pc->rec[i].code);
	}
	for (size_t i = 0; i < pc->nloaded; i++)
		pcre2_code_free(pc->loaded[i].code);
	free(pc->rec);
	free(pc->loaded);
	free(pc->file);
	free(pc->dir);
	free(pc);
}
