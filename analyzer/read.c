#define _POSIX_C_SOURCE 200809L
#include "read.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "text.h"

char *doc_id_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return xstrndup(base, n);
}

void article_free(struct article *a)
{
	if (!a)
		return;
	free(a->doc);
	free(a->title);
	free(a->outlet);
	free(a->date);
	free(a->url);
	free(a->author);
	free(a->raw);
	free(a->scan);
	free(a->line_starts);
	free(a->ignore_rules);
	free(a);
}

static void build_lines(struct article *a)
{
	size_t n = 1, alloc = 64;
	a->line_starts = xmalloc(alloc * sizeof(size_t));
	a->line_starts[0] = 0;
	for (const char *p = a->raw, *end = a->raw + a->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
		ALLOC_GROW(a->line_starts, n + 1, alloc);
		a->line_starts[n++] = (size_t)(p - a->raw) + 1;
	}
	a->nlines = n;
}

static size_t line_index(struct article *a, size_t off)
{
	if (!a->line_starts)
		build_lines(a);
	size_t lo = 0, hi = a->nlines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (a->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

unsigned article_line(struct article *a, size_t off)
{
	return (unsigned)line_index(a, off > a->len ? a->len : off) + 1;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

struct article *article_copy(const struct article *a)
{
	struct article *c = xcalloc(1, sizeof(*c));
	c->doc = xstrdup(a->doc);
	c->path = a->path;
	c->title = dup_or_null(a->title);
	c->outlet = dup_or_null(a->outlet);
	c->date = dup_or_null(a->date);
	c->url = dup_or_null(a->url);
	c->author = dup_or_null(a->author);
	c->raw = xmalloc(a->len + 1);
	memcpy(c->raw, a->raw, a->len);
	c->raw[a->len] = 0;
	c->scan = xmalloc(a->len + 1);
	memcpy(c->scan, a->scan, a->len);
	c->scan[a->len] = 0;
	c->len = a->len;
	c->body_start = a->body_start;
	c->format = a->format;
	c->file_line = a->file_line;
	c->decoded = a->decoded;
	return c;
}

void article_linecol(struct article *a, size_t off, unsigned *line, unsigned *col)
{
	if (off > a->len)
		off = a->len;
	size_t i = line_index(a, off);
	*line = (unsigned)i + 1;
	/* columns are asked for in increasing order: count on from the last
	 * one on the same line, so a 50 MB line costs one pass, not one a quote */
	if (a->col_val && a->col_line == i && a->col_off <= off)
		*col = a->col_val + utf8_count(a->raw + a->col_off, off - a->col_off);
	else
		*col = utf8_count(a->raw + a->line_starts[i], off - a->line_starts[i]) + 1;
	a->col_line = i;
	a->col_off = off;
	a->col_val = *col;
}

void article_line_span(struct article *a, size_t off, size_t *start, size_t *len)
{
	if (off > a->len)
		off = a->len;
	size_t i = line_index(a, off);
	*start = a->line_starts[i];
	const char *nl = memchr(a->raw + *start, '\n', a->len - *start);
	*len = nl ? (size_t)(nl - a->raw) - *start : a->len - *start;
}

static void blank(char *scan, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (scan[i] != '\n')
			scan[i] = ' ';
}

static char *trimmed_dup(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	if (n >= 2 && ((s[0] == '"' && s[n - 1] == '"') || (s[0] == '\'' && s[n - 1] == '\'')))
		s++, n -= 2;
	return n ? xstrndup(s, n) : NULL;
}

/* "key: value" metadata shared by the text header block and YAML front
 * matter; returns 1 when key is one we keep. */
static int set_meta(struct article *a, const char *key, size_t klen,
		    const char *val, size_t vlen)
{
	static const char *const keys[] = { "title", "outlet", "date", "url", "author" };
	char **slots[] = { &a->title, &a->outlet, &a->date, &a->url, &a->author };
	for (size_t i = 0; i < 5; i++) {
		if (strlen(keys[i]) == klen && !strncasecmp(keys[i], key, klen)) {
			free(*slots[i]);
			*slots[i] = trimmed_dup(val, vlen);
			return 1;
		}
	}
	return 0;
}

static size_t line_end(const char *s, size_t len, size_t at)
{
	const char *nl = memchr(s + at, '\n', len - at);
	return nl ? (size_t)(nl - s) : len;
}

static int is_blank_line(const char *s, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Parses a leading "Key: value" block ended by a blank line. */
static void read_header_block(struct article *a)
{
	const char *s = a->raw;
	size_t pos = a->body_start, n = 0;
	while (pos < a->len) {
		size_t e = line_end(s, a->len, pos);
		if (is_blank_line(s, pos, e)) {
			if (n)
				pos = e < a->len ? e + 1 : e;
			break;
		}
		const char *colon = memchr(s + pos, ':', e - pos);
		if (!colon || !set_meta(a, s + pos, (size_t)(colon - s - pos), colon + 1,
					(size_t)(s + e - colon - 1))) {
			if (n) {
				/* a header block must end with a blank line; otherwise
				 * the lines were prose that happened to have colons */
				free(a->title); free(a->outlet); free(a->date);
				free(a->url); free(a->author);
				a->title = a->outlet = a->date = a->url = a->author = NULL;
			}
			return;
		}
		n++;
		pos = e < a->len ? e + 1 : e;
	}
	if (!n)
		return;
	blank(a->scan, 0, pos);
	a->body_start = pos;
}

static void title_from_first_line(struct article *a)
{
	size_t pos = a->body_start;
	while (pos < a->len) {
		size_t e = line_end(a->scan, a->len, pos);
		if (!is_blank_line(a->scan, pos, e)) {
			a->title = trimmed_dup(a->raw + pos, e - pos);
			return;
		}
		pos = e + 1;
	}
}

static void read_front_matter(struct article *a)
{
	const char *s = a->raw;
	size_t b = a->body_start;   /* after a byte order mark */
	if (a->len < b + 4 || strncmp(s + b, "---", 3) != 0 || (s[b + 3] != '\n' && s[b + 3] != '\r'))
		return;
	size_t pos = line_end(s, a->len, b) + 1;
	while (pos < a->len) {
		size_t e = line_end(s, a->len, pos);
		if (e - pos >= 3 && !strncmp(s + pos, "---", 3) && is_blank_line(s, pos + 3, e)) {
			pos = e < a->len ? e + 1 : e;
			blank(a->scan, 0, pos);
			a->body_start = pos;
			return;
		}
		const char *colon = memchr(s + pos, ':', e - pos);
		if (colon && s[pos] != ' ' && s[pos] != '#')
			set_meta(a, s + pos, (size_t)(colon - s - pos), colon + 1,
				 (size_t)(s + e - colon - 1));
		pos = e + 1;
	}
	/* no closing fence: not front matter after all */
	free(a->title); free(a->outlet); free(a->date); free(a->url); free(a->author);
	a->title = a->outlet = a->date = a->url = a->author = NULL;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static size_t html_tag_at(const char *s, size_t i, size_t len, int *block);

/* Blanks Markdown syntax so that only the prose is analysed; the prose
 * bytes keep their offsets. */
static void mask_markdown(struct article *a)
{
	char *m = a->scan;
	const char *s = a->raw;
	size_t pos = a->body_start;
	int in_fence = 0;
	while (pos < a->len) {
		size_t e = line_end(s, a->len, pos);
		size_t i = pos;
		while (i < e && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (e - i >= 3 && (!strncmp(s + i, "```", 3) || !strncmp(s + i, "~~~", 3))) {
			in_fence = !in_fence;
			blank(m, pos, e);
			pos = e + 1;
			continue;
		}
		if (in_fence || (i - pos >= 4 && i < e)) {
			blank(m, pos, e);
			pos = e + 1;
			continue;
		}
		/* block markers: headings, quotes, list items, rules */
		for (;;) {
			if (i < e && s[i] == '>') {
				m[i++] = ' ';
				while (i < e && s[i] == ' ')
					i++;
				continue;
			}
			break;
		}
		if (i < e && s[i] == '#') {
			while (i < e && s[i] == '#')
				m[i++] = ' ';
		} else if (i + 1 < e && (s[i] == '-' || s[i] == '*' || s[i] == '+') && s[i + 1] == ' ') {
			m[i] = ' ';
		} else if (i < e && s[i] >= '0' && s[i] <= '9') {
			size_t j = i;
			while (j < e && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j + 1 < e && (s[j] == '.' || s[j] == ')') && s[j + 1] == ' ')
				blank(m, i, j + 1);
		}
		if (e - i >= 3 && (s[i] == '-' || s[i] == '*' || s[i] == '_' || s[i] == '=')) {
			size_t j = i;
			while (j < e && (s[j] == s[i] || s[j] == ' '))
				j++;
			if (j == e || s[j] == '\r')
				blank(m, i, e);
		}
		/* inline syntax */
		for (size_t k = i; k < e; k++) {
			char c = s[k];
			if (c == '`' || (c == '*' && m[k] != ' ')) {
				m[k] = ' ';
			} else if (c == '_' && (k == pos || !is_word_byte((unsigned char)s[k - 1]) ||
						k + 1 >= e || !is_word_byte((unsigned char)s[k + 1]))) {
				m[k] = ' ';
			} else if (c == '!' && k + 1 < e && s[k + 1] == '[') {
				/* image: blank alt text too */
				const char *close = memchr(s + k, ']', e - k);
				if (close && close + 1 < s + e && close[1] == '(') {
					const char *paren = memchr(close, ')', (size_t)(s + e - close));
					if (paren) {
						blank(m, k, (size_t)(paren - s) + 1);
						k = (size_t)(paren - s);
					}
				}
			} else if (c == '[') {
				const char *close = memchr(s + k, ']', e - k);
				if (close && close + 1 < s + e && close[1] == '(') {
					const char *paren = memchr(close, ')', (size_t)(s + e - close));
					if (paren) {
						m[k] = ' ';
						blank(m, (size_t)(close - s), (size_t)(paren - s) + 1);
					}
				}
			} else if (c == '<' && k + 1 < e && (s[k + 1] == '/' || s[k + 1] == '!' ||
							 (s[k + 1] >= 'a' && s[k + 1] <= 'z'))) {
				const char *gt = memchr(s + k, '>', a->len - k);
				if (gt) {
					size_t to = (size_t)(gt - s) + 1;
					blank(m, k, to);
					/* a block tag ends a line, as in text: "</p><p>"
					 * breaks the paragraph; article_words() leaves
					 * the tags out */
					int block;
					if (html_tag_at(s, k, a->len, &block) == to - k) {
						if (block)
							m[k] = '\n';
						a->decoded = 1;
					}
					if (to > e) {
						/* a multi-line comment or tag */
						pos = line_end(s, a->len, to);
						e = pos;
						k = to - 1;
						continue;
					}
					k = to - 1;
				}
			}
		}
		pos = e + 1;
	}
}

/* The scan copy sees every kind of space as a space, byte for byte: NUL
 * and CR, and the Unicode spaces news text is full of (no-break U+00A0,
 * the U+2000-U+200A widths, narrow no-break U+202F), so "Obama\u00a0said"
 * is two words; so are the zero-width characters (U+200B-U+200D, word
 * joiner U+2060, U+FEFF: a byte order mark at the start or a zero-width
 * no-break space later), which a word never holds in news text. */
/* Some byte of x is below 0x20 or at least 0x80 (it may say so of none:
 * a borrow runs on); most bytes of an article are printable ASCII, and
 * the loops below skip them eight at a time */
static int low_or_high8(uint64_t x)
{
	return (((x - TEXT_BYTES8(0x20)) | x) & TEXT_BYTES8(0x80)) != 0;
}

static void plain_spaces(char *scan, size_t len)
{
	unsigned char *s = (unsigned char *)scan;
	for (size_t i = 0; i < len; i++) {
		while (i + 8 <= len && !low_or_high8(text_load8((const char *)s + i)))
			i += 8;
		if (i >= len)
			break;
		/* control bytes (but tab and newline) are spaces: the
		 * extraction stages use \x01..\x08 as markers of their own */
		if (s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') {
			s[i] = ' ';
		} else if (s[i] == 0xc2 && i + 1 < len && s[i + 1] == 0xa0) {
			s[i] = s[i + 1] = ' ';
			i++;
		} else if (s[i] == 0xe2 && i + 2 < len &&
			   ((s[i + 1] == 0x80 && ((s[i + 2] >= 0x80 && s[i + 2] <= 0x8d) || s[i + 2] == 0xaf)) ||
			    (s[i + 1] == 0x81 && s[i + 2] == 0xa0))) {
			s[i] = s[i + 1] = s[i + 2] = ' ';
			i += 2;
		} else if (s[i] == 0xef && i + 2 < len && s[i + 1] == 0xbb && s[i + 2] == 0xbf) {
			/* a byte order mark, or U+FEFF as a zero-width no-break space */
			s[i] = s[i + 1] = s[i + 2] = ' ';
			i += 2;
		}
	}
}

static int hex_value(unsigned char c);

/* ---- HTML left in scraped text ------------------------------------------
 * Text taken from web pages keeps entities (&quot; &#8220; &rsquo;) and
 * tags (<p>, <em>, <a href="...">). scan reads an entity as the character
 * it stands for and a tag as nothing (a block tag as a line end, so that
 * "</p><p>" or "<br><br>" breaks a paragraph), byte for byte in place: the
 * character is written at the entity's side that touches the word it
 * belongs to ("&quot;a disaster&quot;," reads '     "a disaster"     ,'),
 * and the rest of the entity is blanked. Offsets stay those of raw. */

struct html_entity {
	const char *name;
	unsigned cp;
};

static const struct html_entity html_entities[] = {
	{ "quot", 0x22 }, { "amp", 0x26 }, { "apos", 0x27 }, { "lt", 0x3c }, { "gt", 0x3e },
	{ "nbsp", 0xa0 }, { "ensp", 0x2002 }, { "emsp", 0x2003 }, { "thinsp", 0x2009 },
	{ "zwsp", 0x200b }, { "zwnj", 0x200c }, { "zwj", 0x200d }, { "shy", 0xad },
	{ "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 }, { "minus", 0x2212 },
	{ "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "sbquo", 0x201a }, { "ldquo", 0x201c },
	{ "rdquo", 0x201d }, { "bdquo", 0x201e }, { "laquo", 0xab }, { "raquo", 0xbb },
	{ "lsaquo", 0x2039 }, { "rsaquo", 0x203a }, { "prime", 0x2032 }, { "Prime", 0x2033 },
	{ "bull", 0x2022 }, { "middot", 0xb7 }, { "deg", 0xb0 }, { "times", 0xd7 },
	{ "copy", 0xa9 }, { "reg", 0xae }, { "trade", 0x2122 }, { "euro", 0x20ac },
	{ "pound", 0xa3 }, { "yen", 0xa5 }, { "cent", 0xa2 }, { "sect", 0xa7 }, { "para", 0xb6 },
	{ "iexcl", 0xa1 }, { "iquest", 0xbf }, { "frac12", 0xbd }, { "frac14", 0xbc },
	{ "frac34", 0xbe }, { "szlig", 0xdf },
	{ "aacute", 0xe1 }, { "agrave", 0xe0 }, { "acirc", 0xe2 }, { "atilde", 0xe3 },
	{ "auml", 0xe4 }, { "aring", 0xe5 }, { "aelig", 0xe6 }, { "ccedil", 0xe7 },
	{ "eacute", 0xe9 }, { "egrave", 0xe8 }, { "ecirc", 0xea }, { "euml", 0xeb },
	{ "iacute", 0xed }, { "igrave", 0xec }, { "icirc", 0xee }, { "iuml", 0xef },
	{ "ntilde", 0xf1 }, { "oacute", 0xf3 }, { "ograve", 0xf2 }, { "ocirc", 0xf4 },
	{ "otilde", 0xf5 }, { "ouml", 0xf6 }, { "oslash", 0xf8 }, { "uacute", 0xfa },
	{ "ugrave", 0xf9 }, { "ucirc", 0xfb }, { "uuml", 0xfc }, { "yacute", 0xfd },
	{ "Aacute", 0xc1 }, { "Agrave", 0xc0 }, { "Auml", 0xc4 }, { "Aring", 0xc5 },
	{ "Ccedil", 0xc7 }, { "Eacute", 0xc9 }, { "Egrave", 0xc8 }, { "Iacute", 0xcd },
	{ "Ntilde", 0xd1 }, { "Oacute", 0xd3 }, { "Ouml", 0xd6 }, { "Oslash", 0xd8 },
	{ "Uacute", 0xda }, { "Uuml", 0xdc },
};

/* Characters that read as a space (or as nothing, between words): the
 * Unicode spaces and the zero-width characters. */
static int html_space_cp(unsigned long cp)
{
	return cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200d) || cp == 0x202f || cp == 0x205f ||
	       cp == 0x2060 || cp == 0x3000 || cp == 0xfeff || cp == 0xad;
}

/* The entity at s[i] ('&'): its length, with the code point in *cp; 0 when
 * there is none (a lone '&', "AT&T", an unknown name, a control code). */
static size_t html_entity_at(const char *s, size_t i, size_t len, unsigned long *cp)
{
	size_t j = i + 1;
	if (j < len && s[j] == '#') {
		j++;
		int hex = j < len && (s[j] == 'x' || s[j] == 'X');
		if (hex)
			j++;
		size_t d0 = j;
		unsigned long v = 0;
		while (j < len && j - d0 < 8) {
			int h = hex ? hex_value((unsigned char)s[j]) :
				(s[j] >= '0' && s[j] <= '9' ? s[j] - '0' : -1);
			if (h < 0)
				break;
			v = v * (hex ? 16 : 10) + (unsigned long)h;
			j++;
		}
		if (j == d0 || j >= len || s[j] != ';')
			return 0;
		/* (the C1 codes of a page read as Windows-1252: &#146; is ’) */
		static const unsigned short cp1252[32] = {
			0x20ac, 0, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160,
			0x2039, 0x152, 0, 0x17d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013,
			0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0, 0x17e, 0x178 };
		if (v >= 0x80 && v < 0xa0)
			v = cp1252[v - 0x80];
		if (v < 0x20 || v == 0x7f || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
			return 0;
		*cp = v;
		return j + 1 - i;
	}
	size_t n0 = j;
	while (j < len && j - n0 < 8 && text_is_ascii_letter(s[j]))
		j++;
	while (j < len && j - n0 < 8 && s[j] >= '0' && s[j] <= '9')
		j++;
	if (j == n0 || j >= len || s[j] != ';')
		return 0;
	for (size_t k = 0; k < sizeof(html_entities) / sizeof(*html_entities); k++)
		if (strlen(html_entities[k].name) == j - n0 && !memcmp(html_entities[k].name, s + n0, j - n0)) {
			*cp = html_entities[k].cp;
			return j + 1 - i;
		}
	return 0;
}

static size_t utf8_put(unsigned long v, char *u)
{
	if (v < 0x80) {
		u[0] = (char)v;
		return 1;
	}
	if (v < 0x800) {
		u[0] = (char)(0xc0 | (v >> 6));
		u[1] = (char)(0x80 | (v & 0x3f));
		return 2;
	}
	if (v < 0x10000) {
		u[0] = (char)(0xe0 | (v >> 12));
		u[1] = (char)(0x80 | ((v >> 6) & 0x3f));
		u[2] = (char)(0x80 | (v & 0x3f));
		return 3;
	}
	u[0] = (char)(0xf0 | (v >> 18));
	u[1] = (char)(0x80 | ((v >> 12) & 0x3f));
	u[2] = (char)(0x80 | ((v >> 6) & 0x3f));
	u[3] = (char)(0x80 | (v & 0x3f));
	return 4;
}

/* The tags of web pages that scraped text keeps; lowercase only, as
 * "<IBM>" or "<GE>" in wire copy is a stock ticker. 2 marks a block tag. */
static int html_tag_name(const char *s, size_t n)
{
	static const char *const inl[] = { "a", "abbr", "b", "big", "cite", "code", "del", "em",
		"font", "i", "img", "ins", "mark", "q", "s", "small", "span", "strike", "strong",
		"sub", "sup", "time", "u" };
	static const char *const block[] = { "article", "blockquote", "br", "div", "figcaption",
		"figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
		"p", "pre", "section", "table", "tbody", "td", "th", "thead", "tr", "ul" };
	for (size_t k = 0; k < sizeof(inl) / sizeof(*inl); k++)
		if (strlen(inl[k]) == n && !memcmp(inl[k], s, n))
			return 1;
	for (size_t k = 0; k < sizeof(block) / sizeof(*block); k++)
		if (strlen(block[k]) == n && !memcmp(block[k], s, n))
			return 2;
	return 0;
}

/* The tag or comment at s[i] ('<'): its length, *block set for a block
 * tag; 0 when it is none of them ("a < b", "<IBM>"). */
static size_t html_tag_at(const char *s, size_t i, size_t len, int *block)
{
	size_t j = i + 1;
	*block = 0;
	if (len - j >= 3 && !memcmp(s + j, "!--", 3)) {
		const char *e = NULL;
		/* (up to the next "<!--": an unclosed comment is none, and
		 * no byte is looked at twice) */
		for (const char *p = s + j + 3; p + 3 <= s + len && p < s + j + 4000; p++) {
			if (p[0] == '-' && p[1] == '-' && p[2] == '>') {
				e = p;
				break;
			}
			if (p[0] == '<' && p + 4 <= s + len && !memcmp(p, "<!--", 4))
				break;
		}
		return e ? (size_t)(e - s) + 3 - i : 0;
	}
	if (j < len && s[j] == '/')
		j++;
	size_t n0 = j;
	while (j < len && ((s[j] >= 'a' && s[j] <= 'z') || (j > n0 && s[j] >= '1' && s[j] <= '6')))
		j++;
	int kind = html_tag_name(s + n0, j - n0);
	if (!kind || j >= len || !(s[j] == '>' || s[j] == '/' || s[j] == ' ' || s[j] == '\n' ||
				   s[j] == '\t' || s[j] == '\r'))
		return 0;
	/* attributes up to '>', quoted values may hold one */
	char quote = 0;
	for (; j < len && j - i < 2000; j++) {
		if (quote) {
			if (s[j] == quote)
				quote = 0;
		} else if (s[j] == '"' || s[j] == '\'') {
			if (s[j - 1] == '=')
				quote = s[j];
		} else if (s[j] == '>') {
			*block = kind == 2;
			return j + 1 - i;
		} else if (s[j] == '<') {
			return 0;
		}
	}
	return 0;
}

/* A soft hyphen (U+00AD, or "&shy;") at raw[i, i + n) inside a word
 * ("com&shy;muters") marks where a line may break: the word reads whole,
 * the rest of it (letters and digits, past more soft hyphens) moved up to
 * the hyphen in scan and the bytes left over blanked; article_snap() ends
 * a span after the word's last byte in raw. Returns that end. */
static size_t soft_hyphen_walk(const char *s, char *m, size_t len, size_t i, size_t n)
{
	size_t w = i, j = i + n;
	while (j < len && j - i < 60) {
		if ((unsigned char)s[j] == 0xc2 && j + 1 < len && (unsigned char)s[j + 1] == 0xad) {
			j += 2;
			continue;
		}
		if (s[j] == '&' && len - j >= 5 && !memcmp(s + j, "&shy;", 5)) {
			j += 5;
			continue;
		}
		if (!text_is_word_char(s, j, len))
			break;
		int32_t cp;
		size_t k = text_decode(s, j, len, &cp);
		if (m)
			memmove(m + w, m + j, k);
		w += k;
		j += k;
	}
	if (m)
		blank(m, w, j);
	return j;
}

static size_t soft_hyphen_join(struct article *a, size_t i, size_t n)
{
	a->decoded = 1;
	return soft_hyphen_walk(a->raw, a->scan, a->len, i, n);
}

/* The soft hyphen at raw[i, i + n) is inside a word: a letter or digit on
 * either side. */
static int soft_hyphen_inside(const struct article *a, size_t i, size_t n)
{
	const char *s = a->raw;
	if (i == 0 || i + n >= a->len || !text_is_word_char(s, i + n, a->len))
		return 0;
	size_t b = i - 1;
	while (b > 0 && ((unsigned char)s[b] & 0xc0) == 0x80 && i - b < 4)
		b--;
	return a->scan[i - 1] == s[i - 1] && text_is_word_char(s, b, a->len);
}

/* Reads the HTML of raw into scan (see above); Markdown blanks its own
 * tags, so there only entities are read. */
static void read_html(struct article *a)
{
	const char *s = a->raw;
	char *m = a->scan;
	size_t len = a->len;
	if (a->format != FORMAT_MARKDOWN) {
		size_t run = 0, run_end = (size_t)-1;   /* tags one after another */
		for (const char *p = s + a->body_start; (p = memchr(p, '<', (size_t)(s + len - p))) != NULL; p++) {
			size_t i = (size_t)(p - s);
			int block;
			size_t n = m[i] == '<' ? html_tag_at(s, i, len, &block) : 0;
			if (!n)
				continue;
			blank(m, i, i + n);
			if (i != run_end)
				run = i;
			run_end = i + n;
			if (block) {
				m[i] = '\n';
			} else if (run_end < len && (s[run_end] == ',' || s[run_end] == ';' || s[run_end] == ':') &&
				   run > 0 && m[run - 1] != ' ' && m[run - 1] != '\n' && m[run] == ' ') {
				/* "a <em>disaster</em>, she said": the comma reads
				 * right after the word, as the rules expect it */
				m[run] = s[run_end];
				m[run_end] = ' ';
			}
			a->decoded = 1;
			p += n - 1;
		}
	}
	for (const char *p = s + a->body_start; (p = memchr(p, 0xad, (size_t)(s + len - p))) != NULL; p++) {
		size_t i = (size_t)(p - s) - 1;
		if (p > s + a->body_start && (unsigned char)p[-1] == 0xc2 && m[i] == s[i] && soft_hyphen_inside(a, i, 2))
			p = s + soft_hyphen_join(a, i, 2) - 1;
	}
	for (const char *p = s + a->body_start; (p = memchr(p, '&', (size_t)(s + len - p))) != NULL; p++) {
		size_t i = (size_t)(p - s);
		unsigned long cp;
		size_t n = m[i] == '&' ? html_entity_at(s, i, len, &cp) : 0;
		if (!n)
			continue;
		if (cp == 0xad && soft_hyphen_inside(a, i, n)) {
			p = s + soft_hyphen_join(a, i, n) - 1;
			continue;
		}
		a->decoded = 1;
		p += n - 1;
		char u[4];
		size_t k = utf8_put(cp, u);
		int before_word = i > 0 && is_word_byte((unsigned char)m[i - 1]);
		int after_word = i + n < len && is_word_byte((unsigned char)m[i + n]);
		/* a letter inside a word ("caf&eacute;", "S&atilde;o") stays as
		 * it is: written in, it would split the word or end it inside
		 * the entity; article_words() reads it */
		if (!html_space_cp(cp) && (before_word || after_word) && text_is_word_char(u, 0, k))
			continue;
		blank(m, i, i + n);
		if (html_space_cp(cp))
			continue;
		/* an apostrophe inside a word ("don&rsquo;t", "Vell&#39;s",
		 * "O&#39;Brien"): the rest of the word moves up to it, so that
		 * the word reads whole; article_snap() ends a span after
		 * the word's last byte in raw */
		size_t w = i + n;
		while (w < len && w - (i + n) < 40 && is_word_byte((unsigned char)s[w]) && s[w] != '&')
			w++;
		if ((cp == 0x27 || cp == 0x2019) && before_word && after_word && w < len &&
		    !is_word_byte((unsigned char)s[w]) && s[w] != '&') {
			memcpy(m + i, u, k);
			memmove(m + i + k, s + i + n, w - (i + n));
			blank(m, i + k + (w - (i + n)), w);
			p = s + w - 1;
			continue;
		}
		/* before a word or a mark the character opens what follows
		 * (a quotation, "’s"): written at the entity's end; else at
		 * its start, after what it closes */
		unsigned char after = i + n < len ? (unsigned char)m[i + n] : ' ';
		int opens = !(after == ' ' || after == '\n' || after == '\t' || after == ',' || after == '.' ||
			      after == ';' || after == ':' || after == '!' || after == '?' || after == ')');
		memcpy(m + (opens ? i + n - k : i), u, k);
	}
}

size_t article_snap(const struct article *a, size_t off, int end)
{
	if (!a->decoded || off == 0 || off >= a->len)
		return off;
	const char *s = a->raw;
	/* the entities of the word around off: an entity is at most 10
	 * bytes ("&#x10FFFF;"), a word moved up to an apostrophe 40 */
	size_t j = off;
	while (j > 0 && off - j < 60 && s[j - 1] != ' ' && s[j - 1] != '\n')
		j--;
	for (; j < off; j++) {
		unsigned long cp;
		size_t n;
		if ((unsigned char)s[j] == 0xc2 && j + 1 < a->len && (unsigned char)s[j + 1] == 0xad &&
		    soft_hyphen_inside(a, j, 2)) {
			size_t to = soft_hyphen_walk(s, NULL, a->len, j, 2);
			if (off < to)
				return end ? to : j;
			j = to - 1;
			continue;
		}
		if (s[j] != '&' || (n = html_entity_at(s, j, a->len, &cp)) == 0)
			continue;
		if (cp == 0xad && soft_hyphen_inside(a, j, n)) {
			size_t to = soft_hyphen_walk(s, NULL, a->len, j, n);
			if (off < to)
				return end ? to : j;
			j = to - 1;
			continue;
		}
		size_t to = j + n;
		if ((cp == 0x27 || cp == 0x2019) && j > 0 && is_word_byte((unsigned char)s[j - 1]) &&
		    to < a->len && is_word_byte((unsigned char)s[to]) && a->scan[j] != '&')
			while (to < a->len && to - (j + n) < 40 && is_word_byte((unsigned char)s[to]) && s[to] != '&')
				to++;
		if (off < to)
			return end ? to : j;
		j += n - 1;
	}
	return off;
}

/* The words of s[start, end) (see article_words()); m is the scan, or NULL
 * when only the bytes are there: then a tag is what html_tag_at() reads
 * and lines stay as they are. */
static void words_of(const char *s, const char *m, size_t len, size_t start, size_t end, strbuf *out)
{
	for (size_t i = start; i < end;) {
		size_t n;
		unsigned long cp;
		int block;
		if (s[i] == '&' && (n = html_entity_at(s, i, len, &cp)) != 0) {
			if (cp == 0xa0 || !html_space_cp(cp)) {
				char u[4];
				strbuf_add(out, u, utf8_put(cp, u));
			}
			i += n;
		} else if (s[i] == '<' && (!m || m[i] != '<') &&
			   (n = html_tag_at(s, i, len, &block)) != 0) {
			if (block && out->len && out->buf[out->len - 1] != ' ')
				strbuf_addch(out, ' ');
			i += n;
		} else if (m && s[i] == '\n' && m[i] == ' ') {
			/* a line joined to the next one reads as one space */
			if (!out->len || out->buf[out->len - 1] != ' ')
				strbuf_addch(out, ' ');
			i++;
		} else if (m && s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' && m[i + 1] == ' ') {
			i++;
		} else {
			strbuf_addch(out, s[i]);
			i++;
		}
	}
}

void article_words(const struct article *a, size_t start, size_t end, strbuf *out)
{
	if (end > a->len)
		end = a->len;
	if (!a->decoded || start >= end) {
		if (start < end)
			strbuf_add(out, a->raw + start, end - start);
		return;
	}
	words_of(a->raw, a->scan, a->len, start, end, out);
}

int html_span_words(const char *s, size_t len, size_t start, size_t end, strbuf *out)
{
	if (end > len || start >= end || (!memchr(s + start, '&', end - start) &&
					  !memchr(s + start, '<', end - start)))
		return 0;
	size_t l0 = out->len;
	words_of(s, NULL, len, start, end, out);
	if (out->len - l0 == end - start && !memcmp(out->buf + l0, s + start, end - start)) {
		out->len = l0;
		out->buf[l0] = 0;
		return 0;
	}
	return 1;
}

char *html_text_decode(const char *s)
{
	size_t len = strlen(s);
	if (!memchr(s, '&', len) && !memchr(s, '<', len))
		return NULL;
	strbuf out = STRBUF_INIT;
	int changed = 0;
	for (size_t i = 0; i < len;) {
		size_t n;
		unsigned long cp;
		int block;
		if (s[i] == '&' && (n = html_entity_at(s, i, len, &cp)) != 0) {
			if (cp == 0xa0 || (html_space_cp(cp) && cp != 0xad)) {
				if (out.len && out.buf[out.len - 1] != ' ')
					strbuf_addch(&out, ' ');
			} else if (!html_space_cp(cp)) {
				char u[4];
				strbuf_add(&out, u, utf8_put(cp, u));
			}
			i += n;
			changed = 1;
		} else if (s[i] == '<' && (n = html_tag_at(s, i, len, &block)) != 0) {
			if (block && out.len && out.buf[out.len - 1] != ' ')
				strbuf_addch(&out, ' ');
			i += n;
			changed = 1;
		} else if (s[i] == ' ' && changed && out.len && out.buf[out.len - 1] == ' ') {
			i++;
		} else {
			strbuf_addch(&out, s[i]);
			i++;
		}
	}
	while (out.len && out.buf[out.len - 1] == ' ')
		out.len--;
	if (!changed) {
		strbuf_release(&out);
		return NULL;
	}
	char *r = xstrndup(out.buf + (out.len && out.buf[0] == ' '), out.len - (out.len && out.buf[0] == ' '));
	strbuf_release(&out);
	return r;
}

static void check_utf8(struct article *a, struct diag *d)
{
	const unsigned char *s = (const unsigned char *)a->raw;
	size_t i = 0;
	while (i < a->len) {
		if (i + 8 <= a->len && !text_has_high8(text_load8((const char *)s + i))) {
			i += 8;
			continue;
		}
		unsigned c = s[i];
		if (c < 0x80) { i++; continue; }
		size_t need = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
			      c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		size_t k = 1;
		if (need && i + need <= a->len)
			for (; k < need && (s[i + k] & 0xc0) == 0x80; k++)
				;
		if (!need || k < need) {
			unsigned line, col;
			article_linecol(a, i, &line, &col);
			if (a->format == FORMAT_JSONL)
				diag_report(d, DIAG_WARNING, a->path, a->file_line, 0,
					    "invalid UTF-8 in the text of '%s' at byte %zu; "
					    "those bytes are kept as they are", a->doc, i);
			else
				diag_report(d, DIAG_WARNING, a->path, line, col,
					    "invalid UTF-8 (byte 0x%02x); those bytes are kept as they are", c);
			return;
		}
		i += need;
	}
}

struct article *article_from_buffer(char *buf, size_t len, const char *path,
				    enum article_format fmt, struct diag *d)
{
	struct article *a = xcalloc(1, sizeof(*a));
	a->raw = buf;
	a->len = len;
	a->path = path;
	a->format = fmt;
	a->scan = xmalloc(len + 1);
	memcpy(a->scan, buf, len);
	a->scan[len] = '\0';
	plain_spaces(a->scan, len);
	/* a byte order mark: the header block or the front matter follows */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		a->body_start = 3;
	if (fmt == FORMAT_MARKDOWN) {
		read_front_matter(a);
		mask_markdown(a);
	} else if (fmt == FORMAT_TEXT) {
		read_header_block(a);
	}
	read_html(a);
	if (!a->title)
		title_from_first_line(a);
	a->doc = doc_id_from_path(path);
	check_utf8(a, d);
	return a;
}

static enum article_format format_of(const char *path, const char *buf, size_t len)
{
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot && (!slash || dot > slash)) {
		if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ndjson"))
			return FORMAT_JSONL;
		if (!strcasecmp(dot, ".md") || !strcasecmp(dot, ".markdown"))
			return FORMAT_MARKDOWN;
		return FORMAT_TEXT;
	}
	size_t i = 0;
	while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\t' || buf[i] == '\r'))
		i++;
	if (i < len && buf[i] == '{')
		return FORMAT_JSONL;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		buf += 3, len -= 3;
	if (len >= 4 && !strncmp(buf, "---", 3) && (buf[3] == '\n' || buf[3] == '\r'))
		return FORMAT_MARKDOWN;
	return FORMAT_TEXT;
}

static int known_extension(const char *name)
{
	static const char *const ext[] = { ".txt", ".text", ".md", ".markdown", ".jsonl", ".ndjson" };
	const char *dot = strrchr(name, '.');
	if (!dot)
		return 0;
	for (size_t i = 0; i < sizeof(ext) / sizeof(*ext); i++)
		if (!strcasecmp(dot, ext[i]))
			return 1;
	return 0;
}

static char *json_dup_field(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_string(v))
		return xstrndup(json_string_value(v), json_string_length(v));
	if (json_is_integer(v)) {
		strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%lld", (long long)json_integer_value(v));
		return strbuf_detach(&sb, NULL);
	}
	return NULL;
}

/* ---- a fast path for the common JSON Lines row ------------------------
 * Most rows are one flat object of string values. fast_row() decodes such a
 * row by itself, exactly as jansson would; on anything else (a number, a
 * nested value, an escape in a key, a key given twice, invalid UTF-8, a
 * control character, a lone surrogate, trailing bytes) it declines and the
 * row goes to jansson, which also words the error messages. */

enum { FR_ID, FR_TITLE, FR_TEXT, FR_OUTLET, FR_DATE, FR_URL, FR_AUTHOR, FR_N };

struct fast_row {
	char *v[FR_N];       /* decoded values, NUL-terminated; NULL when absent */
	size_t len[FR_N];
};

static void fast_row_release(struct fast_row *fr)
{
	for (int i = 0; i < FR_N; i++)
		free(fr->v[i]);
}

static int json_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static long hex4(const unsigned char *p, const unsigned char *end)
{
	if (end - p < 4)
		return -1;
	long v = 0;
	for (int i = 0; i < 4; i++) {
		int h = hex_value(p[i]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* Length of the valid UTF-8 sequence at p (jansson's rules: no overlong
 * forms, no surrogates, nothing above U+10FFFF), 0 if invalid. */
static size_t utf8_valid_at(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	size_t n;
	unsigned long v;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		v = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		v = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		v = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		v = (v << 6) | (p[i] & 0x3f);
	}
	if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) || (n == 3 && v < 0x800) ||
	    (n == 4 && v < 0x10000))
		return 0;
	return n;
}

/* Parses the string whose opening quote is at *pp; when out is not NULL
 * writes the decoded bytes there (room: the encoded length + 1). Leaves
 * *pp after the closing quote. Returns the decoded length, -1 to decline. */
static long fast_string(const unsigned char **pp, const unsigned char *end, char *out)
{
	const unsigned char *p = *pp + 1;
	size_t n = 0;
	while (p < end) {
		unsigned c = *p;
		if (c == '"') {
			*pp = p + 1;
			if (out)
				out[n] = '\0';
			return (long)n;
		}
		if (c < 0x20)
			return -1;
		if (c < 0x80 && c != '\\') {
			const unsigned char *q = p + 1;
			for (uint64_t x; end - q >= 8 && !low_or_high8(x = text_load8((const char *)q)) &&
					 !text_has_byte8(x, '"') && !text_has_byte8(x, '\\');)
				q += 8;
			while (q < end && *q >= 0x20 && *q < 0x80 && *q != '"' && *q != '\\')
				q++;
			if (out)
				memcpy(out + n, p, (size_t)(q - p));
			n += (size_t)(q - p);
			p = q;
			continue;
		}
		if (c >= 0x80) {
			size_t k = utf8_valid_at(p, end);
			if (!k)
				return -1;
			if (out)
				memcpy(out + n, p, k);
			n += k;
			p += k;
			continue;
		}
		/* an escape */
		if (p + 1 >= end)
			return -1;
		static const char escapes[] = "\"\\/bfnrt", decoded[] = "\"\\/\b\f\n\r\t";
		unsigned char e = p[1];
		const char *simple = e ? strchr(escapes, e) : NULL;
		if (simple) {
			if (out)
				out[n] = decoded[simple - escapes];
			n++;
			p += 2;
			continue;
		}
		if (e != 'u')
			return -1;
		long v = hex4(p + 2, end);
		if (v < 0)
			return -1;
		p += 6;
		if (v >= 0xdc00 && v <= 0xdfff)
			return -1;
		if (v >= 0xd800 && v <= 0xdbff) {
			if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
				return -1;
			long lo = hex4(p + 2, end);
			if (lo < 0xdc00 || lo > 0xdfff)
				return -1;
			v = 0x10000 + ((v - 0xd800) << 10) + (lo - 0xdc00);
			p += 6;
		}
		unsigned char u[4];
		size_t k;
		if (v < 0x80) {
			u[0] = (unsigned char)v;
			k = 1;
		} else if (v < 0x800) {
			u[0] = (unsigned char)(0xc0 | (v >> 6));
			u[1] = (unsigned char)(0x80 | (v & 0x3f));
			k = 2;
		} else if (v < 0x10000) {
			u[0] = (unsigned char)(0xe0 | (v >> 12));
			u[1] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
			u[2] = (unsigned char)(0x80 | (v & 0x3f));
			k = 3;
		} else {
			u[0] = (unsigned char)(0xf0 | (v >> 18));
			u[1] = (unsigned char)(0x80 | ((v >> 12) & 0x3f));
			u[2] = (unsigned char)(0x80 | ((v >> 6) & 0x3f));
			u[3] = (unsigned char)(0x80 | (v & 0x3f));
			k = 4;
		}
		if (out)
			memcpy(out + n, u, k);
		n += k;
	}
	return -1;
}

/* Returns 1 with fr filled (and "text" present), 0 to leave the row to
 * jansson (fr is released then). */
static int fast_row(const char *buf, size_t len, struct fast_row *fr)
{
	static const char *const names[FR_N] = { "id", "title", "text", "outlet", "date", "url", "author" };
	const unsigned char *p = (const unsigned char *)buf, *end = p + len;
	memset(fr, 0, sizeof(*fr));
	while (p < end && json_ws(*p))
		p++;
	if (p >= end || *p != '{')
		return 0;
	p++;
	for (;;) {
		while (p < end && json_ws(*p))
			p++;
		if (p >= end || *p != '"')
			goto decline;
		/* a key: plain printable ASCII only */
		const unsigned char *k0 = ++p;
		while (p < end && *p != '"' && *p != '\\' && *p >= 0x20 && *p < 0x80)
			p++;
		if (p >= end || *p != '"')
			goto decline;
		size_t klen = (size_t)(p - k0);
		p++;
		while (p < end && json_ws(*p))
			p++;
		if (p >= end || *p != ':')
			goto decline;
		p++;
		while (p < end && json_ws(*p))
			p++;
		if (p >= end || *p != '"')
			goto decline;
		int slot = -1;
		for (int i = 0; i < FR_N; i++)
			if (strlen(names[i]) == klen && !memcmp(names[i], k0, klen))
				slot = i;
		if (slot >= 0) {
			if (fr->v[slot])
				goto decline;   /* given twice: jansson keeps the last */
			/* the decoded string is never longer than its encoding */
			const unsigned char *q = p + 1;
			const unsigned char *close = q;
			while (close < end && *close != '"') {
				for (uint64_t x; end - close >= 8 &&
						 !text_has_byte8(x = text_load8((const char *)close), '"') &&
						 !text_has_byte8(x, '\\');)
					close += 8;
				if (close >= end || *close == '"')
					break;
				if (*close == '\\' && close + 1 < end)
					close++;
				close++;
			}
			fr->v[slot] = xmalloc((size_t)(close - q) + 1);
			long n = fast_string(&p, end, fr->v[slot]);
			if (n < 0)
				goto decline;
			fr->len[slot] = (size_t)n;
		} else if (fast_string(&p, end, NULL) < 0) {
			goto decline;
		}
		while (p < end && json_ws(*p))
			p++;
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == '}') {
			p++;
			break;
		}
		goto decline;
	}
	while (p < end && json_ws(*p))
		p++;
	if (p != end || !fr->v[FR_TEXT])
		goto decline;
	return 1;
decline:
	fast_row_release(fr);
	memset(fr, 0, sizeof(*fr));
	return 0;
}

static char *fast_field(struct fast_row *fr, int slot)
{
	return fr->v[slot] ? xstrndup(fr->v[slot], fr->len[slot]) : NULL;
}

/* One JSON Lines row [pos, e) of buf; returns 1 if it failed (reported). */
static unsigned read_jsonl_row(const char *buf, size_t pos, size_t e, unsigned lineno, const char *path,
			       const struct read_opts *o, article_fn fn, void *ctx, int *stop);

/* Returns the number of failed rows (each reported). */
static unsigned read_jsonl(const char *buf, size_t len, const char *path,
			   const struct read_opts *o, article_fn fn, void *ctx, int *stop)
{
	unsigned failed = 0, lineno = 0;
	size_t pos = 0;
	while (pos < len && !*stop) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t e = nl ? (size_t)(nl - buf) : len;
		lineno++;
		failed += read_jsonl_row(buf, pos, e, lineno, path, o, fn, ctx, stop);
		pos = e + 1;
	}
	return failed;
}

/* A JSON Lines file read a row at a time, so memory does not grow with
 * the corpus. */
static unsigned read_jsonl_file(FILE *f, const char *path, const struct read_opts *o, article_fn fn,
				void *ctx, int *stop)
{
	unsigned failed = 0, lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (!*stop && (n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t e = (size_t)n;
		if (e && line[e - 1] == '\n')
			e--;
		failed += read_jsonl_row(line, 0, e, lineno, path, o, fn, ctx, stop);
	}
	if (ferror(f)) {
		diag_report(o->diag, DIAG_ERROR, path, lineno + 1, 0, "read error: %s", strerror(errno));
		failed++;
	} else if (!lineno) {
		diag_report(o->diag, DIAG_WARNING, path, 0, 0, "empty file '%s': nothing to read", path);
	}
	free(line);
	return failed;
}

/* The article of a row that fast_row() declined, read with jansson;
 * NULL after reporting when the row is malformed or has no text. */
static struct article *jansson_row(const char *buf, size_t len, unsigned lineno, const char *path,
				   const struct read_opts *o)
{
	json_error_t err;
	json_t *row = json_loadb(buf, len, JSON_ALLOW_NUL, &err);
	if (!row) {
		diag_report(o->diag, DIAG_ERROR, path, lineno, (unsigned)err.column > 0 ? (unsigned)err.column : 1,
			    "malformed JSON Lines row: %s; row skipped", err.text);
		return NULL;
	}
	json_t *text = json_object_get(row, "text");
	if (!json_is_object(row) || !json_is_string(text)) {
		diag_report(o->diag, DIAG_ERROR, path, lineno, 1,
			    "row has no string field 'text'; row skipped");
		json_decref(row);
		return NULL;
	}
	size_t tlen = json_string_length(text);
	char *body = xmalloc(tlen + 1);
	memcpy(body, json_string_value(text), tlen);
	body[tlen] = '\0';
	struct article *a = xcalloc(1, sizeof(*a));
	a->raw = body;
	a->len = tlen;
	a->doc = json_dup_field(row, "id");
	a->title = json_dup_field(row, "title");
	a->outlet = json_dup_field(row, "outlet");
	a->date = json_dup_field(row, "date");
	a->url = json_dup_field(row, "url");
	a->author = json_dup_field(row, "author");
	json_decref(row);
	return a;
}

static unsigned read_jsonl_row(const char *buf, size_t pos, size_t e, unsigned lineno, const char *path,
			       const struct read_opts *o, article_fn fn, void *ctx, int *stop)
{
	if (is_blank_line(buf, pos, e))
		return 0;
	/* WHOSAID_JSON_SLOW: every row through jansson (tests compare the two) */
	static int slow = -1;
	if (slow < 0)
		slow = getenv("WHOSAID_JSON_SLOW") != NULL;
	struct fast_row fr;
	struct article *a;
	if (!slow && fast_row(buf + pos, e - pos, &fr)) {
		a = xcalloc(1, sizeof(*a));
		a->raw = fr.v[FR_TEXT];
		a->len = fr.len[FR_TEXT];
		fr.v[FR_TEXT] = NULL;
		a->doc = fast_field(&fr, FR_ID);
		a->title = fast_field(&fr, FR_TITLE);
		a->outlet = fast_field(&fr, FR_OUTLET);
		a->date = fast_field(&fr, FR_DATE);
		a->url = fast_field(&fr, FR_URL);
		a->author = fast_field(&fr, FR_AUTHOR);
		fast_row_release(&fr);
	} else if (!(a = jansson_row(buf + pos, e - pos, lineno, path, o))) {
		return 1;
	}
	a->path = path;
	a->format = FORMAT_JSONL;
	a->file_line = lineno;
	if (!a->doc) {
		strbuf sb = STRBUF_INIT;
		char *base = doc_id_from_path(path);
		strbuf_addf(&sb, "%s-%u", base, lineno);
		free(base);
		a->doc = strbuf_detach(&sb, NULL);
	}
	a->scan = xmalloc(a->len + 1);
	memcpy(a->scan, a->raw, a->len + 1);
	plain_spaces(a->scan, a->len);
	read_html(a);
	check_utf8(a, o->diag);
	if (fn(a, ctx))
		*stop = 1;
	article_free(a);
	return 0;
}

static unsigned read_one(const char *path, const char *display, const struct read_opts *o,
			 article_fn fn, void *ctx, int *stop)
{
	strbuf sb = STRBUF_INIT;
	int from_stdin = !strcmp(path, "-");
	if (!from_stdin && format_of(path, "", 0) == FORMAT_JSONL) {
		FILE *f = fopen(path, "rb");
		if (!f) {
			diag_report(o->diag, DIAG_ERROR, display, 0, 0, "cannot read '%s': %s", path, strerror(errno));
			return 1;
		}
		unsigned failed = read_jsonl_file(f, display, o, fn, ctx, stop);
		fclose(f);
		return failed;
	}
	if (from_stdin) {
		char tmp[65536];
		size_t n;
		while ((n = fread(tmp, 1, sizeof(tmp), stdin)) > 0)
			strbuf_add(&sb, tmp, n);
		strbuf_grow(&sb, 0);
	} else if (strbuf_read_file(&sb, path) < 0) {
		diag_report(o->diag, DIAG_ERROR, display, 0, 0, "cannot read '%s': %s", path, strerror(errno));
		strbuf_release(&sb);
		return 1;
	}
	size_t len = sb.len;
	enum article_format fmt = format_of(from_stdin ? "" : path, sb.buf, len);
	if (len == 0 || is_blank_line(sb.buf, 0, len)) {
		diag_report(o->diag, DIAG_WARNING, display, 0, 0, "empty file '%s': nothing to read", path);
		strbuf_release(&sb);
		return 0;
	}
	if (fmt != FORMAT_JSONL) {
		const char *nul = memchr(sb.buf, '\0', len);
		if (nul) {
			struct article tmp = { .raw = sb.buf, .len = len };
			unsigned line, col;
			article_linecol(&tmp, (size_t)(nul - sb.buf), &line, &col);
			free(tmp.line_starts);
			diag_report(o->diag, DIAG_ERROR, display, line, col,
				    "'%s' looks like a binary file (NUL byte); skipped", path);
			strbuf_release(&sb);
			return 1;
		}
	}
	if (fmt == FORMAT_JSONL) {
		unsigned f = read_jsonl(sb.buf, len, display, o, fn, ctx, stop);
		strbuf_release(&sb);
		return f;
	}
	char *buf = strbuf_detach(&sb, &len);
	struct article *a = article_from_buffer(buf, len, display, fmt, o->diag);
	if (from_stdin) {
		free(a->doc);
		a->doc = xstrdup("stdin");
	}
	if (fn(a, ctx))
		*stop = 1;
	article_free(a);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Paths handed to articles must outlive the callback; keep directory
 * entries' paths alive until read_inputs returns. */
struct path_pool {
	char **v;
	size_t n, alloc;
};

static unsigned read_path(const char *path, const struct read_opts *o, article_fn fn,
			  void *ctx, int *stop, int top, struct path_pool *pool, int depth)
{
	struct stat st;
	if (!strcmp(path, "-"))
		return read_one(path, "-", o, fn, ctx, stop);
	if (stat(path, &st) < 0) {
		diag_report(o->diag, DIAG_ERROR, path, 0, 0, "cannot open '%s': %s", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (!top && !known_extension(path)) {
			if (!o->quiet_skips)
				diag_report(o->diag, DIAG_WARNING, path, 0, 0,
					    "skipping '%s': not an article (.txt, .md, .jsonl)", path);
			return 0;
		}
		return read_one(path, path, o, fn, ctx, stop);
	}
	if (depth > 64) {
		diag_report(o->diag, DIAG_ERROR, path, 0, 0, "directory '%s' nested too deep; skipped", path);
		return 1;
	}
	DIR *dir = opendir(path);
	if (!dir) {
		diag_report(o->diag, DIAG_ERROR, path, 0, 0, "cannot open directory '%s': %s", path, strerror(errno));
		return 1;
	}
	char **names = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		ALLOC_GROW(names, n + 1, alloc);
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof(*names), cmp_str);
	unsigned failed = 0;
	for (size_t i = 0; i < n; i++) {
		strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, path);
		if (sb.len && sb.buf[sb.len - 1] != '/')
			strbuf_addch(&sb, '/');
		strbuf_addstr(&sb, names[i]);
		char *child = strbuf_detach(&sb, NULL);
		ALLOC_GROW(pool->v, pool->n + 1, pool->alloc);
		pool->v[pool->n++] = child;
		if (!*stop)
			failed += read_path(child, o, fn, ctx, stop, 0, pool, depth + 1);
		free(names[i]);
	}
	free(names);
	return failed;
}

unsigned read_inputs(char *const *paths, int npaths, const struct read_opts *o,
		     article_fn fn, void *ctx)
{
	unsigned failed = 0;
	int stop = 0;
	struct path_pool pool = { 0 };
	for (int i = 0; i < npaths && !stop; i++) {
		failed += read_path(paths[i], o, fn, ctx, &stop, 1, &pool, 0);
		for (size_t k = 0; k < pool.n; k++)
			free(pool.v[k]);
		pool.n = 0;
	}
	free(pool.v);
	return failed;
}
