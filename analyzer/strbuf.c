#define _POSIX_C_SOURCE 200809L
#include "strbuf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

char strbuf_empty[1];

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "whosaid: fatal: out of memory (%zu bytes)\n", n);
		abort();
	}
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p) {
		fprintf(stderr, "whosaid: fatal: out of memory\n");
		abort();
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fprintf(stderr, "whosaid: fatal: out of memory (%zu bytes)\n", n);
		abort();
	}
	return q;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

void strbuf_init(strbuf *sb, size_t hint)
{
	sb->buf = strbuf_empty;
	sb->len = sb->alloc = 0;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
}

char *strbuf_detach(strbuf *sb, size_t *len)
{
	char *r;
	if (!sb->alloc)
		strbuf_grow(sb, 0);
	r = sb->buf;
	if (len)
		*len = sb->len;
	strbuf_init(sb, 0);
	return r;
}

void strbuf_grow_alloc(strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	if (need <= sb->alloc)
		return;
	if (!sb->alloc)
		sb->buf = NULL;
	size_t n = sb->alloc ? sb->alloc : 64;
	while (n < need)
		n *= 2;
	sb->buf = xrealloc(sb->buf, n);
	if (!sb->alloc)
		sb->buf[0] = '\0';
	sb->alloc = n;
}

void strbuf_addstr(strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_add_uint(strbuf *sb, size_t n)
{
	char tmp[24];
	size_t i = sizeof(tmp);
	do {
		tmp[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	strbuf_add(sb, tmp + i, sizeof(tmp) - i);
}

void strbuf_vaddf(strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n <= 0)
		return;
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

void strbuf_reset(strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

void strbuf_setlen(strbuf *sb, size_t len)
{
	if (!sb->alloc) {
		if (len)
			abort();
		return;
	}
	sb->len = len;
	sb->buf[len] = '\0';
}

/* Length of a valid UTF-8 sequence at s (at most n bytes), 0 if invalid. */
static size_t utf8_valid_len(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t need;
	unsigned cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) { need = 2; cp = c & 0x1f; }
	else if (c >= 0xe0 && c <= 0xef) { need = 3; cp = c & 0x0f; }
	else if (c >= 0xf0 && c <= 0xf4) { need = 4; cp = c & 0x07; }
	else return 0;
	if (n < need)
		return 0;
	for (size_t i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return need;
}

void strbuf_add_json(strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	strbuf_grow(sb, len + 8);
	while (p < end) {
		const unsigned char *run = p;
		/* eight bytes at a time while none needs an escape: no control
		 * byte, no '"', no backslash, nothing above 0x7f */
		while (end - p >= 8) {
			uint64_t x = text_load8((const char *)p);
			if (text_has_high8(x) || ((x - TEXT_BYTES8(0x20)) & ~x & TEXT_BYTES8(0x80)) ||
			    text_has_byte8(x, '"') || text_has_byte8(x, '\\'))
				break;
			p += 8;
		}
		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		strbuf_add(sb, run, (size_t)(p - run));
		if (p >= end)
			break;
		unsigned c = *p;
		if (c == '"' || c == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (int)c);
			p++;
		} else if (c < 0x20) {
			switch (c) {
			case '\n': strbuf_add(sb, "\\n", 2); break;
			case '\t': strbuf_add(sb, "\\t", 2); break;
			case '\r': strbuf_add(sb, "\\r", 2); break;
			default: {
				char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
				strbuf_add(sb, u, 6);
			}
			}
			p++;
		} else {
			size_t n = utf8_valid_len(p, (size_t)(end - p));
			if (n) {
				strbuf_add(sb, p, n);
				p += n;
			} else {
				strbuf_add(sb, "\xef\xbf\xbd", 3);
				p++;
			}
		}
	}
}

void strbuf_add_json_str(strbuf *sb, const char *s)
{
	if (!s) {
		strbuf_add(sb, "null", 4);
		return;
	}
	strbuf_addch(sb, '"');
	strbuf_add_json(sb, s, strlen(s));
	strbuf_addch(sb, '"');
}

int strbuf_read_file(strbuf *sb, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	char tmp[65536];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		strbuf_add(sb, tmp, n);
	int err = ferror(f);
	int saved = errno;
	fclose(f);
	if (err) {
		errno = saved ? saved : EIO;
		return -1;
	}
	if (!sb->alloc)
		strbuf_grow(sb, 0);
	return 0;
}
