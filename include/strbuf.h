/* strbuf: the one growable byte buffer of whosaid (after git's strbuf).
 *
 * A strbuf is never NULL-data: after strbuf_init() `buf` points at a
 * NUL-terminated string (possibly a shared empty one), so it can always be
 * printed. The buffer owns its memory; strbuf_detach() is the one way to
 * take ownership of the bytes (the caller then frees them with free()). */
#ifndef WHOSAID_STRBUF_H
#define WHOSAID_STRBUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

typedef struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
} strbuf;

#define STRBUF_INIT { strbuf_empty, 0, 0 }
extern char strbuf_empty[];

void strbuf_init(strbuf *sb, size_t hint);
void strbuf_release(strbuf *sb);
/* Returns the bytes (NUL-terminated, caller frees) and resets sb to empty. */
char *strbuf_detach(strbuf *sb, size_t *len);
/* strbuf_grow() when the buffer is too small (strbuf.c) */
void strbuf_grow_alloc(strbuf *sb, size_t extra);

/* The three below are inline: the output of a run is built a few bytes
 * at a time, and a call a piece cost more than the copying. */
static inline void strbuf_grow(strbuf *sb, size_t extra)
{
	if (sb->len + extra + 1 > sb->alloc)
		strbuf_grow_alloc(sb, extra);
}

static inline void strbuf_add(strbuf *sb, const void *data, size_t len)
{
	if (!len)
		return;
	strbuf_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

static inline void strbuf_addch(strbuf *sb, int c)
{
	strbuf_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void strbuf_addstr(strbuf *sb, const char *s);
void strbuf_addf(strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void strbuf_vaddf(strbuf *sb, const char *fmt, va_list ap);
/* Appends n in decimal, as "%zu" would (without printf's parsing). */
void strbuf_add_uint(strbuf *sb, size_t n);
void strbuf_reset(strbuf *sb);
void strbuf_setlen(strbuf *sb, size_t len);
/* Appends s as the inside of a JSON string (no surrounding quotes); invalid
 * UTF-8 bytes become U+FFFD so the output is always valid JSON. */
void strbuf_add_json(strbuf *sb, const char *s, size_t len);
/* Appends "s" (with quotes) or null when s is NULL. */
void strbuf_add_json_str(strbuf *sb, const char *s);

/* Reads a whole file; returns 0, or -1 with errno set. */
int strbuf_read_file(strbuf *sb, const char *path);

/* xmalloc family: abort with a message on out-of-memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#define ALLOC_GROW(p, nr, alloc) do { \
	if ((nr) > (alloc)) { \
		(alloc) = (alloc) ? (alloc) * 2 : 16; \
		if ((alloc) < (nr)) (alloc) = (nr); \
		(p) = xrealloc((p), (alloc) * sizeof(*(p))); \
	} } while (0)

#endif
