/* read: turns input paths into articles.
 *
 * Formats: plain text (first non-empty line is the title), a text header
 * block (Title:/Outlet:/Date:/URL:/Author: lines ended by a blank line),
 * Markdown with YAML front matter, JSON Lines (one article a line: id,
 * title, text, outlet, date, url), "-" for standard input, directories
 * recursed in name order.
 *
 * Every offset whosaid reports is into article.raw, which is the input as
 * given (for JSON Lines: the decoded "text" of that row). article.scan has
 * the same length; bytes that are not prose (header block, front matter,
 * Markdown syntax, HTML comments) are blanked to spaces there, so every
 * later stage reads scan and reports offsets that are valid in raw. */
#ifndef WHOSAID_READ_H
#define WHOSAID_READ_H

#include <stddef.h>

#include "diag.h"
#include "strbuf.h"

enum article_format { FORMAT_TEXT, FORMAT_MARKDOWN, FORMAT_JSONL };

struct article {
	char *doc;       /* id: base name without extension, or JSON "id"; never NULL */
	const char *path;/* the path as given (borrowed from the reader) */
	char *title, *outlet, *date, *url, *author; /* NULL when absent */
	char *raw;       /* the bytes as given; NUL-terminated */
	char *scan;      /* same length as raw; non-prose blanked */
	size_t len;
	size_t body_start;        /* first byte after header / front matter */
	enum article_format format;
	unsigned file_line;       /* JSON Lines: the row's line in the file */
	size_t *line_starts;      /* lazily built by article_linecol() */
	size_t nlines;
	size_t col_off, col_line; /* last column computed, to count on from it */
	unsigned col_val;
	char *ignore_rules;       /* reserved for check: set by segment */
	int decoded;              /* scan reads some bytes otherwise than raw
				     (HTML entities and tags, lines joined by
				     segment): read a span's words with
				     article_words() */
};

/* Called once per article; the reader owns the article and frees it after
 * the call returns. Return non-zero to stop reading. */
typedef int (*article_fn)(struct article *a, void *ctx);

struct read_opts {
	struct diag *diag;
	int quiet_skips;    /* do not warn about non-article files in dirs */
};

/* Reads every path (file, directory, or "-"), calling fn for each article.
 * Returns the number of inputs that failed (reported through diag). */
unsigned read_inputs(char *const *paths, int npaths, const struct read_opts *o,
		     article_fn fn, void *ctx);

/* Parses one article from memory; takes ownership of buf (malloc'ed,
 * NUL-terminated, len bytes). Returns NULL after reporting on failure. */
struct article *article_from_buffer(char *buf, size_t len, const char *path,
				    enum article_format fmt, struct diag *d);
void article_free(struct article *a);

/* A copy of a that the caller owns (free with article_free()): for work
 * that outlives the reader's call. path stays borrowed; the line index is
 * built again when asked for. */
struct article *article_copy(const struct article *a);

/* The 1-based line of byte off (no column: cheap in any order). */
unsigned article_line(struct article *a, size_t off);

/* 1-based line and code-point column of byte offset off in a->raw. */
void article_linecol(struct article *a, size_t off, unsigned *line, unsigned *col);
/* The line holding off: start offset and length (without the newline). */
void article_line_span(struct article *a, size_t off, size_t *start, size_t *len);

/* Appends the words of raw[start, end) as a reader sees them: HTML
 * entities decoded, HTML tags left out, a line break inside a paragraph
 * read as a space; the bytes as given when the article has none. */
void article_words(const struct article *a, size_t start, size_t end, strbuf *out);

/* The words of s[start, end) of a body of len bytes, as article_words()
 * reads them, from the bytes alone (lines stay as they are): appended to
 * out, returns 1; returns 0 and appends nothing when the span reads as
 * its bytes. */
int html_span_words(const char *s, size_t len, size_t start, size_t end, strbuf *out);

/* A name or title copied from raw, read as article_words() reads it
 * (entities decoded, tags left out, the spaces a tag leaves made one): a
 * new string, or NULL when s has nothing to decode. */
char *html_text_decode(const char *s);

/* off moved out of an HTML entity it falls inside: to the entity's end
 * for the end of a span (end != 0), to its start for a start. */
size_t article_snap(const struct article *a, size_t off, int end);

/* Base name without directory and extension; caller frees. */
char *doc_id_from_path(const char *path);

#endif
