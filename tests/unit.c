/* Unit tests of the whosaid library (everything in analyzer/ but main.c).
 *
 * Run from the repository root (the real rules are read from "rules"):
 *     make build/release/unit && build/release/unit
 * Prints one line per failed check, "file:line: FAILED: expr" (with the
 * values for the _EQ forms), then exactly one line "N passed, M failed";
 * exits 1 if any check failed.
 *
 * All the text below is made up: people, places and quotations. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "claims.h"
#include "diag.h"
#include "emit.h"
#include "extract.h"
#include "quotes.h"
#include "read.h"
#include "rules.h"
#include "segment.h"
#include "sources.h"
#include "store.h"
#include "strbuf.h"
#include "walvfs.h"
#include "xref.h"

/* ---- harness ----------------------------------------------------------- */

static unsigned n_passed, n_failed;

static void check(int ok, const char *file, int line, const char *expr)
{
	if (ok) {
		n_passed++;
		return;
	}
	n_failed++;
	printf("%s:%d: FAILED: %s\n", file, line, expr);
}

#define CHECK(cond) check(!!(cond), __FILE__, __LINE__, #cond)

static void check_str(const char *got, const char *want, const char *file, int line,
		      const char *expr)
{
	int ok = got && want ? !strcmp(got, want) : got == want;
	check(ok, file, line, expr);
	if (!ok)
		printf("    got:  %s%s%s\n    want: %s%s%s\n", got ? "'" : "", got ? got : "NULL",
		       got ? "'" : "", want ? "'" : "", want ? want : "NULL", want ? "'" : "");
}

/* got and want are strings (want may be NULL) */
#define CHECK_STR(got, want) check_str((got), (want), __FILE__, __LINE__, #got " == " #want)

static void check_long(long long got, long long want, const char *file, int line, const char *expr)
{
	check(got == want, file, line, expr);
	if (got != want)
		printf("    got:  %lld\n    want: %lld\n", got, want);
}

#define CHECK_INT(got, want) check_long((long long)(got), (long long)(want), __FILE__, __LINE__, \
					#got " == " #want)

/* A span of a buffer as a NUL-terminated string, in a small ring of static
 * buffers so that several can appear in one expression. */
static const char *span(const char *s, size_t a, size_t b)
{
	static char ring[8][1024];
	static int next;
	char *out = ring[next++ & 7];
	if (b < a || b == (size_t)-1)
		return "<no span>";
	size_t n = b - a < 1023 ? b - a : 1023;
	memcpy(out, s + a, n);
	out[n] = '\0';
	return out;
}

/* Everything written to a diag sink's tmpfile, as a malloc'ed string. */
static char *slurp(FILE *f)
{
	strbuf sb = STRBUF_INIT;
	char tmp[4096];
	size_t n;
	fflush(f);
	rewind(f);
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		strbuf_add(&sb, tmp, n);
	return strbuf_detach(&sb, NULL);
}

static void quiet_diag(struct diag *d)
{
	memset(d, 0, sizeof(*d));
	d->out = tmpfile();
	if (!d->out) {
		perror("tmpfile");
		exit(2);
	}
}

static struct rules *the_rules;   /* the real rules, loaded once */

/* ---- strbuf ------------------------------------------------------------ */

static void test_strbuf_basics(void)
{
	strbuf sb = STRBUF_INIT;
	CHECK(sb.buf != NULL);
	CHECK_STR(sb.buf, "");
	CHECK_INT(sb.len, 0);

	strbuf_add(&sb, "pier", 4);
	strbuf_addstr(&sb, " and ");
	strbuf_addch(&sb, 'q');
	strbuf_addf(&sb, "%d-%s-%03u", 42, "gull", 7u);
	CHECK_STR(sb.buf, "pier and q42-gull-007");
	CHECK_INT(sb.len, strlen("pier and q42-gull-007"));
	CHECK(sb.alloc > sb.len);
	CHECK_INT(sb.buf[sb.len], '\0');

	/* growth past the first allocation keeps earlier bytes */
	for (int i = 0; i < 500; i++)
		strbuf_addf(&sb, "%c", 'a' + i % 26);
	CHECK_INT(sb.len, 21 + 500);
	CHECK(!strncmp(sb.buf, "pier and q42-gull-007abc", 24));
	CHECK_INT(sb.buf[sb.len - 1], 'a' + 499 % 26);

	strbuf_setlen(&sb, 4);
	CHECK_STR(sb.buf, "pier");
	strbuf_reset(&sb);
	CHECK_STR(sb.buf, "");
	CHECK_INT(sb.len, 0);

	/* adding nothing to an empty buffer keeps the shared empty string */
	strbuf e = STRBUF_INIT;
	strbuf_add(&e, "x", 0);
	CHECK(e.buf == strbuf_empty);
	CHECK_INT(e.alloc, 0);
	strbuf_release(&e);
	strbuf_release(&sb);
	CHECK(sb.buf == strbuf_empty);
	CHECK_INT(sb.len, 0);
}

static void test_strbuf_detach(void)
{
	strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "harbor");
	size_t len = 99;
	char *s = strbuf_detach(&sb, &len);
	CHECK_STR(s, "harbor");
	CHECK_INT(len, 6);
	/* sb is empty and usable again; s is ours */
	CHECK(sb.buf != s);
	CHECK_STR(sb.buf, "");
	CHECK_INT(sb.len, 0);
	CHECK_INT(sb.alloc, 0);
	strbuf_addstr(&sb, "again");
	CHECK_STR(sb.buf, "again");
	CHECK_STR(s, "harbor");
	free(s);
	strbuf_release(&sb);

	/* detaching an empty buffer still gives a malloc'ed "" (never the
	 * shared empty string, which must not be freed) */
	strbuf e = STRBUF_INIT;
	char *z = strbuf_detach(&e, &len);
	CHECK(z != strbuf_empty);
	CHECK_STR(z, "");
	CHECK_INT(len, 0);
	free(z);
}

/* The escaped text must be valid JSON that decodes to want (want_len bytes). */
static void check_json_roundtrip(const char *in, size_t in_len, const char *want, size_t want_len,
				 const char *file, int line)
{
	strbuf sb = STRBUF_INIT;
	strbuf_addch(&sb, '"');
	strbuf_add_json(&sb, in, in_len);
	strbuf_addch(&sb, '"');
	json_error_t err;
	json_t *v = json_loadb(sb.buf, sb.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	check(v != NULL, file, line, "strbuf_add_json output parses as JSON");
	if (!v) {
		printf("    %s: %s\n", sb.buf, err.text);
	} else {
		int ok = json_is_string(v) && json_string_length(v) == want_len &&
			 !memcmp(json_string_value(v), want, want_len);
		check(ok, file, line, "strbuf_add_json output decodes to the input (U+FFFD for bad bytes)");
		if (!ok)
			printf("    encoded: %s\n", sb.buf);
		json_decref(v);
	}
	strbuf_release(&sb);
}

#define CHECK_JSON_ROUNDTRIP(in, want) \
	check_json_roundtrip((in), sizeof(in) - 1, (want), sizeof(want) - 1, __FILE__, __LINE__)

static void test_strbuf_json(void)
{
	strbuf sb = STRBUF_INIT;
	strbuf_add_json(&sb, "say \"no\" \\ now", 14);
	CHECK_STR(sb.buf, "say \\\"no\\\" \\\\ now");

	strbuf_reset(&sb);
	strbuf_add_json(&sb, "a\nb\tc\rd", 7);
	CHECK_STR(sb.buf, "a\\nb\\tc\\rd");

	/* other control characters as \u00XX; NUL included (length-based) */
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "x\x01y\x1f\x7f" "z\0w", 8);
	CHECK_STR(sb.buf, "x\\u0001y\\u001f\x7fz\\u0000w");

	/* valid UTF-8 passes through unchanged: é “ ” € 𝄞 */
	strbuf_reset(&sb);
	const char *utf = "caf\xc3\xa9 \xe2\x80\x9cok\xe2\x80\x9d \xe2\x82\xac \xf0\x9d\x84\x9e";
	strbuf_add_json(&sb, utf, strlen(utf));
	CHECK_STR(sb.buf, utf);

	/* invalid UTF-8: each bad byte becomes U+FFFD (EF BF BD) */
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "a\xff" "b", 3);
	CHECK_STR(sb.buf, "a\xef\xbf\xbd" "b");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "\xe2\x80", 2);            /* truncated sequence */
	CHECK_STR(sb.buf, "\xef\xbf\xbd\xef\xbf\xbd");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "\xc0\xaf", 2);            /* overlong */
	CHECK_STR(sb.buf, "\xef\xbf\xbd\xef\xbf\xbd");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "\xed\xa0\x80", 3);        /* UTF-16 surrogate */
	CHECK_STR(sb.buf, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "\xf4\x90\x80\x80", 4);    /* above U+10FFFF */
	CHECK(!strncmp(sb.buf, "\xef\xbf\xbd", 3));
	CHECK(strstr(sb.buf, "\xf4") == NULL);
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "\x80q", 2);               /* lone continuation byte */
	CHECK_STR(sb.buf, "\xef\xbf\xbdq");

	/* strbuf_add_json_str: quotes, or null */
	strbuf_reset(&sb);
	strbuf_add_json_str(&sb, "a\"b");
	strbuf_addch(&sb, ',');
	strbuf_add_json_str(&sb, NULL);
	CHECK_STR(sb.buf, "\"a\\\"b\",null");
	strbuf_release(&sb);

	/* whatever goes in, what comes out is JSON that decodes back */
	CHECK_JSON_ROUNDTRIP("plain \"quoted\" \\ \x01\x02\n\t",
			     "plain \"quoted\" \\ \x01\x02\n\t");
	CHECK_JSON_ROUNDTRIP("bad \xff\xfe end \xe2\x80\x9c",
			     "bad \xef\xbf\xbd\xef\xbf\xbd end \xe2\x80\x9c");
}

static void test_strbuf_read_file(void)
{
	char path[] = "/tmp/whosaid-unit-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK(write(fd, "line one\nline two\n", 18) == 18);
	close(fd);
	strbuf sb = STRBUF_INIT;
	CHECK_INT(strbuf_read_file(&sb, path), 0);
	CHECK_STR(sb.buf, "line one\nline two\n");
	CHECK_INT(sb.len, 18);
	strbuf_release(&sb);
	unlink(path);
	CHECK_INT(strbuf_read_file(&sb, path), -1);
	CHECK_INT(errno, ENOENT);
	strbuf_release(&sb);
}

/* ---- read -------------------------------------------------------------- */

static struct article *article_text(const char *text, enum article_format fmt, struct diag *d)
{
	size_t len = strlen(text);
	return article_from_buffer(xstrndup(text, len), len, "unit.txt", fmt, d);
}

/* Every scan byte equals the raw byte or is a blank; newlines stay put. */
static int scan_matches_raw(const struct article *a)
{
	if (strlen(a->scan) != a->len)
		return 0;
	for (size_t i = 0; i < a->len; i++) {
		if (a->raw[i] == '\n' && a->scan[i] != '\n')
			return 0;
		if (a->scan[i] != a->raw[i] && a->scan[i] != ' ')
			return 0;
	}
	return 1;
}

static void test_read_header_block(void)
{
	struct diag d;
	quiet_diag(&d);
	const char *text = "Title: Ferry fares to rise\n"
			   "Outlet: The Gull Island Gazette\n"
			   "Date: 2031-04-02\n"
			   "Author: Pell Ostrander\n"
			   "\n"
			   "Fares on the Gull Island ferry will rise in May.\n";
	struct article *a = article_text(text, FORMAT_TEXT, &d);
	CHECK(a != NULL);
	CHECK_STR(a->title, "Ferry fares to rise");
	CHECK_STR(a->outlet, "The Gull Island Gazette");
	CHECK_STR(a->date, "2031-04-02");
	CHECK_STR(a->author, "Pell Ostrander");
	CHECK_STR(a->url, NULL);
	CHECK_INT(a->len, strlen(text));
	CHECK_INT(a->body_start, strstr(text, "Fares") - text);
	CHECK(scan_matches_raw(a));
	/* the header is blanked in scan, the body is not */
	CHECK(strncmp(a->scan, "     ", 5) == 0);
	CHECK(strstr(a->scan, "Gazette") == NULL);
	CHECK_STR(a->scan + a->body_start, "Fares on the Gull Island ferry will rise in May.\n");

	unsigned line, col;
	article_linecol(a, a->body_start + 6, &line, &col);
	CHECK_INT(line, 6);
	CHECK_INT(col, 7);
	article_free(a);

	/* "Key: value" lines not ended by a blank line are prose, and the
	 * title comes from the first line */
	a = article_text("Title: Tides\nThe tide came in early on Monday.\n", FORMAT_TEXT, &d);
	CHECK_STR(a->title, "Title: Tides");
	CHECK_INT(a->body_start, 0);
	CHECK_STR(a->scan, a->raw);
	article_free(a);

	/* control bytes are blanks in scan (the later stages mark quotations
	 * with \x01..\x08), tabs and newlines stay */
	a = article_text("Gull\n\n\x01Yes\x03 said\tthe \x07man\x08.\n", FORMAT_TEXT, &d);
	CHECK(scan_matches_raw(a));
	CHECK_STR(a->scan, "Gull\n\n Yes  said\tthe  man .\n");
	CHECK_INT(a->raw[6], '\x01');
	article_free(a);

	/* plain text: the first non-empty line is the title */
	a = article_text("\n\nStorm closes the harbor\n\nBoats stayed in port.\n", FORMAT_TEXT, &d);
	CHECK_STR(a->title, "Storm closes the harbor");
	CHECK_STR(a->outlet, NULL);
	article_free(a);

	CHECK_INT(d.errors, 0);
	CHECK_INT(d.warnings, 0);
	fclose(d.out);

	/* invalid UTF-8 is kept as it is, with one warning at its line:col */
	quiet_diag(&d);
	a = article_text("Gull Island\n\nThe caf\xe9 on the quay \xff closed.\n", FORMAT_TEXT, &d);
	CHECK_INT(a->len, 44);
	CHECK_INT((unsigned char)a->raw[20], 0xe9);
	CHECK_INT(d.errors, 0);
	CHECK_INT(d.warnings, 1);
	{
		char *msgs = slurp(d.out);
		CHECK_STR(msgs, "unit.txt:3:8: warning: invalid UTF-8 (byte 0xe9); those bytes are kept as they are\n");
		free(msgs);
	}
	article_free(a);
	fclose(d.out);
}

static void test_read_markdown(void)
{
	struct diag d;
	quiet_diag(&d);
	const char *text =
		"---\n"
		"title: \"Dock strike ends: what next?\"\n"
		"outlet: Varnholm Weekly\n"
		"date: 2031-05-01\n"
		"---\n"
		"# The deal\n"
		"\n"
		"The **union** said [the deal](https://example.org/deal) was `final`.\n"
		"\n"
		"<!-- editor: check the date -->\n"
		"- a list item with *emphasis*\n"
		"> quoted block line\n";
	struct article *a = article_text(text, FORMAT_MARKDOWN, &d);
	CHECK_STR(a->title, "Dock strike ends: what next?");
	CHECK_STR(a->outlet, "Varnholm Weekly");
	CHECK_STR(a->date, "2031-05-01");
	CHECK_INT(a->body_start, strstr(text, "# The") - text);
	/* same length, offsets kept: scan differs from raw only by blanks */
	CHECK_INT(a->len, strlen(text));
	CHECK(scan_matches_raw(a));
	size_t body = (size_t)(strstr(text, "The **union**") - text);
	CHECK_STR(span(a->scan, body, body + 68),
		  "The   union   said  the deal                            was  final .");
	/* prose keeps its offsets */
	size_t un = (size_t)(strstr(text, "union") - text);
	CHECK(!strncmp(a->scan + un, "union", 5));
	/* front matter, heading mark, comment, list and blockquote markers blanked */
	CHECK(strstr(a->scan, "Varnholm") == NULL);
	CHECK(strstr(a->scan, "editor") == NULL);
	CHECK(strchr(a->scan, '#') == NULL);
	CHECK(strchr(a->scan, '>') == NULL);
	CHECK(strchr(a->scan, '*') == NULL);
	CHECK(strstr(a->scan, "example.org") == NULL);
	size_t item = (size_t)(strstr(text, "- a list") - text);
	CHECK_INT(a->scan[item], ' ');
	CHECK(!strncmp(a->scan + item + 2, "a list item with  emphasis ", 27));
	size_t q = (size_t)(strstr(text, "quoted block") - text);
	CHECK(!strncmp(a->scan + q, "quoted block line", 17));
	article_free(a);

	/* a "---" line with no closing fence is not front matter */
	a = article_text("---\ntitle: x\nThe ferry left.\n", FORMAT_MARKDOWN, &d);
	CHECK_INT(a->body_start, 0);
	CHECK_STR(a->outlet, NULL);
	article_free(a);

	CHECK_INT(d.errors, 0);
	fclose(d.out);
}

struct collected {
	char *doc[8];
	char *text[8];
	char *title[8];
	unsigned line[8];
	int n;
};

static int collect(struct article *a, void *ctx)
{
	struct collected *c = ctx;
	if (c->n < 8) {
		c->doc[c->n] = xstrdup(a->doc ? a->doc : "(null)");
		c->text[c->n] = xstrndup(a->raw, a->len);
		c->title[c->n] = a->title ? xstrdup(a->title) : NULL;
		c->line[c->n] = a->file_line;
	}
	c->n++;
	return 0;
}

static void test_read_jsonl(void)
{
	char path[] = "/tmp/whosaid-unit-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	const char *rows =
		"{\"id\":\"gz-1\",\"title\":\"Ferry\",\"text\":\"\\u201cWe sail at dawn,\\u201d said Ada Vell.\"}\n"
		"{\"id\":\"gz-2\",\"text\": }\n"
		"\n"
		"{\"id\":\"gz-3\",\"title\":\"no text\"}\n"
		"{\"id\":7,\"text\":\"Para one.\\n\\nPara two.\"}\n"
		"{\"text\":\"No id here.\"}\n";
	CHECK(write(fd, rows, strlen(rows)) == (ssize_t)strlen(rows));
	close(fd);

	struct diag d;
	quiet_diag(&d);
	struct read_opts o = { &d, 1 };
	struct collected c = { 0 };
	char *paths[] = { path };
	unsigned failed = read_inputs(paths, 1, &o, collect, &c);
	CHECK_INT(failed, 2);          /* the malformed row and the row without text */
	CHECK_INT(d.errors, 2);
	CHECK_INT(c.n, 3);
	if (c.n == 3) {
		CHECK_STR(c.doc[0], "gz-1");
		CHECK_STR(c.title[0], "Ferry");
		CHECK_STR(c.text[0], "\xe2\x80\x9cWe sail at dawn,\xe2\x80\x9d said Ada Vell.");
		CHECK_INT(c.line[0], 1);
		CHECK_STR(c.doc[1], "7");  /* a numeric id becomes a string */
		CHECK_STR(c.text[1], "Para one.\n\nPara two.");
		CHECK_INT(c.line[1], 5);
		/* no id: base name and line */
		char *base = doc_id_from_path(path);
		strbuf want = STRBUF_INIT;
		strbuf_addf(&want, "%s-6", base);
		CHECK_STR(c.doc[2], want.buf);
		strbuf_release(&want);
		free(base);
	}
	for (int i = 0; i < c.n && i < 8; i++) {
		free(c.doc[i]);
		free(c.text[i]);
		free(c.title[i]);
	}
	char *msgs = slurp(d.out);
	strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s:2:", path);
	CHECK(strstr(msgs, want.buf) != NULL);
	CHECK(strstr(msgs, "error: malformed JSON Lines row") != NULL);
	strbuf_reset(&want);
	strbuf_addf(&want, "%s:4:1: error: row has no string field 'text'", path);
	CHECK(strstr(msgs, want.buf) != NULL);
	strbuf_release(&want);
	free(msgs);
	fclose(d.out);

	/* a missing file is one failed input, reported with its name */
	quiet_diag(&d);
	o.diag = &d;
	c.n = 0;
	unlink(path);
	CHECK_INT(read_inputs(paths, 1, &o, collect, &c), 1);
	CHECK_INT(c.n, 0);
	msgs = slurp(d.out);
	CHECK(strstr(msgs, "error: cannot open '") != NULL);
	free(msgs);
	fclose(d.out);
}

static void test_doc_id(void)
{
	char *s;
	CHECK_STR(s = doc_id_from_path("news/2031/ferry-fares.md"), "ferry-fares"); free(s);
	CHECK_STR(s = doc_id_from_path("ferry.txt"), "ferry"); free(s);
	CHECK_STR(s = doc_id_from_path("ferry"), "ferry"); free(s);
	CHECK_STR(s = doc_id_from_path("a/b.c.jsonl"), "b.c"); free(s);
	CHECK_STR(s = doc_id_from_path("dir.d/notes"), "notes"); free(s);
	CHECK_STR(s = doc_id_from_path("dir/.hidden"), ".hidden"); free(s);
}


static int collect_scan(struct article *a, void *ctx)
{
	strbuf_add((strbuf *)ctx, a->scan, a->len);
	return 0;
}

/* CRLF line ends, a byte order mark, HTML entities and tags: the metadata
 * read, scan reading them as what they stand for, every offset still into
 * the bytes as given, and article_words() giving the decoded words. */
static void test_read_inputs_as_given(void)
{
	struct diag d;
	quiet_diag(&d);
	/* a byte order mark before a header block, and CRLF line ends */
	const char *hb = "\xef\xbb\xbfTitle: Pier to reopen\r\nOutlet: Dorrin Post\r\n\r\nThe pier reopens.\r\n";
	struct article *a = article_text(hb, FORMAT_TEXT, &d);
	CHECK_STR(a->title, "Pier to reopen");
	CHECK_STR(a->outlet, "Dorrin Post");
	CHECK_INT(a->body_start, strstr(hb, "The pier") - hb);
	article_free(a);
	/* a byte order mark before front matter */
	const char *fm = "\xef\xbb\xbf---\ntitle: Pier to reopen\n---\n\nThe pier reopens.\n";
	a = article_text(fm, FORMAT_MARKDOWN, &d);
	CHECK_STR(a->title, "Pier to reopen");
	CHECK_INT(a->body_start, strstr(fm, "---\n\n") + 4 - fm);
	article_free(a);
	/* no header: the title is the first line without the mark; the
	 * zero-width characters read as spaces */
	const char *zw = "\xef\xbb\xbfPier to reopen\n\nThe\xe2\x80\x8bpier\xe2\x81\xa0reopens.\n";
	a = article_text(zw, FORMAT_TEXT, &d);
	CHECK_STR(a->title, "Pier to reopen");
	CHECK(!memcmp(a->scan, "   Pier", 7));
	CHECK(strstr(a->scan, "The   pier   reopens.") != NULL);
	article_free(a);

	/* entities: the character at the side of the word it belongs to */
	const char *ent = "It was &quot;a disaster&quot;, said Rask of AT&T in the caf&eacute;.";
	a = article_text(ent, FORMAT_TEXT, &d);
	CHECK_INT(a->len, strlen(ent));
	CHECK_STR(a->scan, "It was      \"a disaster\"     , said Rask of AT&T in the caf&eacute;.");
	CHECK(a->decoded);
	strbuf sb = STRBUF_INIT;
	article_words(a, 0, a->len, &sb);
	CHECK_STR(sb.buf, "It was \"a disaster\", said Rask of AT&T in the café.");
	/* a span ending inside an entity ends after it; one starting in it, before */
	size_t q = (size_t)(strstr(ent, "&quot;,") - ent);
	CHECK_INT(article_snap(a, q + 1, 1), q + 6);
	CHECK_INT(article_snap(a, q + 1, 0), q);
	CHECK_INT(article_snap(a, q, 1), q);
	article_free(a);
	/* an apostrophe inside a word: the word reads whole, a span over it
	 * ends after its last byte */
	const char *apo = "The mayor&rsquo;s aide spoke.";
	a = article_text(apo, FORMAT_TEXT, &d);
	CHECK_STR(a->scan, "The mayor\xe2\x80\x99s     aide spoke.");
	CHECK_INT(article_snap(a, strlen("The mayor\xe2\x80\x99s"), 1), strlen("The mayor&rsquo;s"));
	article_free(a);
	/* tags: left out, a block tag a line end; "<IBM>" is a ticker */
	const char *tags = "<p>Rask said <em>no</em>.</p><p>Shares of Big Blue <IBM> fell.</p>";
	a = article_text(tags, FORMAT_TEXT, &d);
	CHECK_STR(a->scan, "\n  Rask said     no     .\n   \n  Shares of Big Blue <IBM> fell.\n   ");
	strbuf_reset(&sb);
	article_words(a, 0, a->len, &sb);
	CHECK_STR(sb.buf, "Rask said no. Shares of Big Blue <IBM> fell. ");
	article_free(a);
	/* nothing to read otherwise: the bytes as given */
	a = article_text("Rask said no.\r\nThen he left.", FORMAT_TEXT, &d);
	CHECK(!a->decoded);
	strbuf_reset(&sb);
	article_words(a, 0, a->len, &sb);
	CHECK_STR(sb.buf, "Rask said no.\r\nThen he left.");
	article_free(a);
	/* the text of a JSON Lines row is read the same way */
	char path[] = "/tmp/whosaid-unit-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	if (fd >= 0) {
		const char *row = "{\"id\":\"h-1\",\"text\":\"<p>It was &quot;a disaster&quot;, said Rask.</p>\"}\n";
		CHECK(write(fd, row, strlen(row)) == (ssize_t)strlen(row));
		close(fd);
		struct read_opts o = { &d, 1 };
		char *paths[] = { path };
		strbuf_reset(&sb);
		CHECK_INT(read_inputs(paths, 1, &o, collect_scan, &sb), 0);
		CHECK_STR(sb.buf, "\n  It was      \"a disaster\"     , said Rask.\n   ");
		unlink(path);
	}
	strbuf_release(&sb);
	fclose(d.out);
}

/* ---- segment ----------------------------------------------------------- */

struct seg_fixture {
	struct article *a;
	struct segmentation s;
	struct diag d;
};

static void seg_open(struct seg_fixture *f, const char *text)
{
	quiet_diag(&f->d);
	f->a = article_text(text, FORMAT_TEXT, &f->d);
	free(f->a->doc);
	f->a->doc = xstrdup("unit");
	segmentation_init(&f->s);
	segment_article(&f->s, f->a, the_rules, &f->d);
}

static void seg_close(struct seg_fixture *f)
{
	segmentation_release(&f->s);
	article_free(f->a);
	fclose(f->d.out);
}

static const char *sent(const struct seg_fixture *f, size_t i)
{
	if (i >= f->s.nsents)
		return "<no sentence>";
	return span(f->a->raw, f->s.sents[i].start, f->s.sents[i].end);
}

static const char *para(const struct seg_fixture *f, size_t i)
{
	if (i >= f->s.nparas)
		return "<no paragraph>";
	return span(f->a->raw, f->s.paras[i].start, f->s.paras[i].end);
}

static const char *qcontent(const struct seg_fixture *f, size_t i)
{
	if (i >= f->s.nqmarks)
		return "<no quotation>";
	return span(f->a->raw, f->s.qmarks[i].cstart, f->s.qmarks[i].cend);
}

static const char *qwhole(const struct seg_fixture *f, size_t i)
{
	if (i >= f->s.nqmarks)
		return "<no quotation>";
	return span(f->a->raw, f->s.qmarks[i].open, f->s.qmarks[i].close);
}

static void test_segment_paragraphs(void)
{
	struct seg_fixture f;
	seg_open(&f, "The tide rose.\n\nBoats stayed in port.\n\n\n  The ferry left at noon.  \n");
	CHECK_INT(f.s.nparas, 3);
	CHECK_STR(para(&f, 0), "The tide rose.");
	CHECK_STR(para(&f, 1), "Boats stayed in port.");
	CHECK_STR(para(&f, 2), "The ferry left at noon.");
	CHECK_INT(f.s.paras[2].first_sentence, 2);
	CHECK_INT(f.s.paras[2].nsentences, 1);
	seg_close(&f);

	/* a long line that stops mid-sentence wraps softly into the next */
	seg_open(&f, "The harbor commission met on Tuesday to discuss the\n"
		     "new ferry timetable for the winter.\n");
	CHECK_INT(f.s.nparas, 1);
	CHECK_INT(f.s.nsents, 1);
	seg_close(&f);

	/* a short line without final punctuation (a heading) stands alone */
	seg_open(&f, "Ferry news\nThe ferry left at noon.\n");
	CHECK_INT(f.s.nparas, 2);
	CHECK_STR(para(&f, 0), "Ferry news");
	seg_close(&f);
}

static void test_segment_sentences(void)
{
	struct seg_fixture f;
	seg_open(&f, "Mr. Olsen arrived at the pier. He left by boat.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "Mr. Olsen arrived at the pier.");
	CHECK_STR(sent(&f, 1), "He left by boat.");
	seg_close(&f);

	seg_open(&f, "The U.S. consulate in Varnholm shut on Jan. 5 after the storm. Staff went home.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "The U.S. consulate in Varnholm shut on Jan. 5 after the storm.");
	seg_close(&f);

	seg_open(&f, "The ferry was run by J. R. Olsen for a decade. Nobody else wanted it.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "The ferry was run by J. R. Olsen for a decade.");
	seg_close(&f);

	seg_open(&f, "Fares rose 3.5 percent in May. Rents fell 0.8 percent.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "Fares rose 3.5 percent in May.");
	CHECK_STR(sent(&f, 1), "Rents fell 0.8 percent.");
	seg_close(&f);

	/* ellipsis: ends a sentence before a capital, not before a lower-case word */
	seg_open(&f, "The engine coughed... Then it stopped. It coughed \xe2\x80\xa6 and went on.");
	CHECK_INT(f.s.nsents, 3);
	CHECK_STR(sent(&f, 0), "The engine coughed...");
	CHECK_STR(sent(&f, 1), "Then it stopped.");
	CHECK_STR(sent(&f, 2), "It coughed \xe2\x80\xa6 and went on.");
	seg_close(&f);

	/* a sentence can end inside a closing quotation mark */
	seg_open(&f, "\xe2\x80\x9cWe are done here.\xe2\x80\x9d Then the hall emptied.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "\xe2\x80\x9cWe are done here.\xe2\x80\x9d");
	CHECK_STR(sent(&f, 1), "Then the hall emptied.");
	seg_close(&f);

	seg_open(&f, "Ada Vell said \"the vote is over.\" The hall emptied.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "Ada Vell said \"the vote is over.\"");
	seg_close(&f);

	/* never inside a quotation */
	seg_open(&f, "\"Stop. Think again. Then vote,\" said Ada Vell. The hall emptied.");
	CHECK_INT(f.s.nsents, 2);
	CHECK_STR(sent(&f, 0), "\"Stop. Think again. Then vote,\" said Ada Vell.");
	CHECK_INT(f.s.sents[0].nqmarks, 1);
	CHECK_INT(f.s.sents[1].nqmarks, 0);
	seg_close(&f);
}

/* One quotation in text; checks its content and flags. */
static void check_one_qmark(const char *text, const char *content, unsigned flags,
			    const char *file, int line)
{
	struct seg_fixture f;
	seg_open(&f, text);
	check(f.s.nqmarks == 1, file, line, "exactly one quotation");
	if (f.s.nqmarks != 1)
		printf("    %zu quotations in: %s\n", f.s.nqmarks, text);
	if (f.s.nqmarks >= 1) {
		const char *got = qcontent(&f, 0);
		int ok = !strcmp(got, content);
		check(ok, file, line, "quotation content");
		if (!ok)
			printf("    got:  '%s'\n    want: '%s'\n", got, content);
		check(f.s.qmarks[0].flags == flags, file, line, "quotation flags");
		if (f.s.qmarks[0].flags != flags)
			printf("    got:  %u\n    want: %u\n", f.s.qmarks[0].flags, flags);
	}
	seg_close(&f);
}

#define CHECK_ONE_QMARK(text, content, flags) check_one_qmark((text), (content), (flags), __FILE__, __LINE__)

static void test_segment_qmarks(void)
{
	const char *content = "We will rebuild the pier by spring,";
	/* curly */
	CHECK_ONE_QMARK("\xe2\x80\x9cWe will rebuild the pier by spring,\xe2\x80\x9d said Ada Vell.", content, 0);
	/* straight */
	CHECK_ONE_QMARK("\"We will rebuild the pier by spring,\" said Ada Vell.", content, 0);
	/* guillemets */
	CHECK_ONE_QMARK("\xc2\xabWe will rebuild the pier by spring,\xc2\xbb said Ada Vell.", content, 0);
	/* low-9 opening, closed by U+201C (German style) */
	CHECK_ONE_QMARK("\xe2\x80\x9eWe will rebuild the pier by spring,\xe2\x80\x9c said Ada Vell.", content, 0);
	/* two apostrophes open and close */
	CHECK_ONE_QMARK("''We will rebuild the pier by spring,'' said Ada Vell.", content, 0);
	/* TeX style: `` ... '' */
	CHECK_ONE_QMARK("``We will rebuild the pier by spring,'' said Ada Vell.", content, 0);
	/* single quotation marks */
	CHECK_ONE_QMARK("Ada Vell called it 'a plan that cannot fail' at the meeting.",
			"a plan that cannot fail", QM_SINGLE);
	CHECK_ONE_QMARK("Ada Vell called it \xe2\x80\x98" "a plan that cannot fail\xe2\x80\x99 at the meeting.",
			"a plan that cannot fail", QM_SINGLE);

	/* the curly quote's span: marks included in [open, close) */
	struct seg_fixture f;
	seg_open(&f, "She said \xe2\x80\x9cwe sail at dawn today.\xe2\x80\x9d");
	CHECK_INT(f.s.nqmarks, 1);
	CHECK_INT(f.s.qmarks[0].open, 9);
	CHECK_INT(f.s.qmarks[0].cstart, 12);
	CHECK_INT(f.s.qmarks[0].close, f.a->len);
	CHECK_INT(f.s.qmarks[0].cend, f.a->len - 3);
	CHECK_INT(f.s.qmarks[0].words, 5);
	seg_close(&f);

	/* apostrophes are not quotation marks */
	seg_open(&f, "The mayor doesn't like Kerry's plan, and the '90s pier isn't safe, Olsen's crew said.");
	CHECK_INT(f.s.nqmarks, 0);
	seg_close(&f);
	/* an elided year, with a plausible closing mark later on */
	seg_open(&f, "Back in the '90s the pier was busy, the sailors' guild said.");
	CHECK_INT(f.s.nqmarks, 0);
	seg_close(&f);
	seg_open(&f, "The mayor doesn\xe2\x80\x99t like Kerry\xe2\x80\x99s plan for the pier.");
	CHECK_INT(f.s.nqmarks, 0);
	seg_close(&f);
	/* a plural possessive before a real closing mark */
	seg_open(&f, "She called it 'the sailors' best season in years' on Monday.");
	CHECK_INT(f.s.nqmarks, 1);
	CHECK_STR(qcontent(&f, 0), "the sailors' best season in years");
	seg_close(&f);

	/* nested: single inside double */
	seg_open(&f, "\"He told me 'we will win the vote today' before noon,\" said Ada Vell.");
	CHECK_INT(f.s.nqmarks, 2);
	CHECK_STR(qcontent(&f, 0), "He told me 'we will win the vote today' before noon,");
	CHECK_INT(f.s.qmarks[0].flags, 0);
	CHECK_STR(qwhole(&f, 1), "'we will win the vote today'");
	CHECK_INT(f.s.qmarks[1].flags, QM_NESTED | QM_SINGLE);
	CHECK_INT(f.s.nsents, 1);
	/* the sentence's range holds one top-level quotation (and its nested one) */
	{
		unsigned top = 0;
		for (unsigned k = 0; k < f.s.sents[0].nqmarks; k++)
			top += !(f.s.qmarks[f.s.sents[0].first_qmark + k].flags & QM_NESTED);
		CHECK_INT(top, 1);
	}
	seg_close(&f);

	/* nested curly: ‘…’ inside “…” */
	seg_open(&f, "\xe2\x80\x9cThey said it was \xe2\x80\x98" "fine,\xe2\x80\x99\xe2\x80\x9d Olsen said.");
	CHECK_INT(f.s.nqmarks, 2);
	CHECK_STR(qcontent(&f, 1), "fine,");
	CHECK(f.s.qmarks[1].flags & QM_NESTED);
	CHECK_INT(f.s.qmarks[0].flags & QM_NESTED, 0);
	seg_close(&f);

	/* a quotation running over two paragraphs */
	seg_open(&f, "\"The river rose faster than any model predicted, and the levee held.\n"
		     "\n"
		     "\"We owe the volunteers everything,\" said Ada Vell.\n");
	CHECK_INT(f.s.nparas, 2);
	CHECK_INT(f.s.nqmarks, 2);
	CHECK_INT(f.s.qmarks[0].flags, QM_CONT_NEXT);
	CHECK_STR(qcontent(&f, 0), "The river rose faster than any model predicted, and the levee held.");
	CHECK_INT(f.s.qmarks[0].close, f.s.paras[0].end);
	CHECK_INT(f.s.qmarks[1].flags, QM_CONT_PREV);
	CHECK_INT(f.s.qmarks[1].para, 1);
	CHECK_STR(qcontent(&f, 1), "We owe the volunteers everything,");
	CHECK_INT(f.d.warnings, 0);
	seg_close(&f);

	/* unclosed: recovered at the end of its sentence, with a warning */
	seg_open(&f, "Ada Vell said \"the pier will hold this winter. Nobody believed her.\n");
	CHECK_INT(f.s.nqmarks, 1);
	CHECK_INT(f.s.qmarks[0].flags, QM_UNCLOSED);
	CHECK_STR(qcontent(&f, 0), "the pier will hold this winter");
	CHECK_INT(f.d.warnings, 1);
	{
		char *msgs = slurp(f.d.out);
		CHECK(strstr(msgs, "unit.txt:1:15: warning: quotation mark opened and never closed") != NULL);
		free(msgs);
	}
	seg_close(&f);

	/* short: titles, names, scare quotes */
	CHECK_ONE_QMARK("The report, titled \"Tidewater\", came out on Monday.", "Tidewater", QM_SHORT);
	CHECK_ONE_QMARK("The so-called \"green levy\" was dropped.", "green levy", QM_SHORT);
	/* Title Case leaves its short words in lower case */
	CHECK_ONE_QMARK("She hosts \xe2\x80\x9cMorning at the Quay\xe2\x80\x9d on local radio.",
			"Morning at the Quay", QM_SHORT);
	CHECK_ONE_QMARK("The plan was \"dead,\" she said.", "dead,", 0);
}

/* ---- rules ------------------------------------------------------------- */

static int find_rule(const struct rules *r, const char *id)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (!strcmp(r->rules[i].id, id))
			return (int)i;
	return -1;
}

static const char *cue_lemma(const struct rules *r, const char *form)
{
	int k = wordset_get_ci(&r->cue_forms, form, strlen(form));
	return k >= 0 && (size_t)k < r->ncues ? r->cues[k].lemma : NULL;
}

static void test_rules_real(void)
{
	struct diag d;
	quiet_diag(&d);
	struct rules *r = rules_load("rules", &d);
	CHECK(r != NULL);
	CHECK_INT(d.errors, 0);
	if (!r) {
		char *msgs = slurp(d.out);
		printf("    rules_load(\"rules\"):\n%s", msgs);
		free(msgs);
		fclose(d.out);
		return;
	}
	CHECK_STR(r->dir, "rules");
	CHECK(r->nrules >= 5);
	CHECK(find_rule(r, "quote-cue-speaker") >= 0);
	CHECK(find_rule(r, "speaker-cue-clause") >= 0);
	for (size_t i = 0; i < r->nrules; i++) {
		CHECK(r->rules[i].g_cue > 0);
		CHECK(r->rules[i].g_content > 0);
		CHECK(r->rules[i].line > 0);
	}
	CHECK_STR(cue_lemma(r, "said"), "say");
	CHECK_STR(cue_lemma(r, "SAID"), "say");
	CHECK_STR(cue_lemma(r, "told"), "tell");
	CHECK_STR(cue_lemma(r, "pointed out"), "point out");
	CHECK_STR(cue_lemma(r, "according to"), "according to");
	CHECK_STR(cue_lemma(r, "sailed"), NULL);
	int k = wordset_get_ci(&r->cue_forms, "denied", 6);
	CHECK(k >= 0 && r->cues[k].stance == STANCE_DENY);
	k = wordset_get_ci(&r->cue_forms, "claimed", 7);
	CHECK(k >= 0 && r->cues[k].stance == STANCE_HEDGE && r->cues[k].frame == CUE_CLAUSE);
	k = wordset_get_ci(&r->cue_forms, "added", 5);
	CHECK(k >= 0 && r->cues[k].stance == STANCE_ASSERT && r->cues[k].frame == CUE_THAT);
	k = wordset_get_ci(&r->cue_forms, "said", 4);
	CHECK(k >= 0 && r->cues[k].stance == STANCE_ASSERT && r->cues[k].frame == CUE_CLAUSE);
	CHECK(r->max_cue_words >= 2);
	CHECK_INT(wordset_get(&r->abbrev, "Mr.", 3), 1);      /* title-like */
	CHECK_INT(wordset_get(&r->abbrev, "Jan.", 4), 0);
	CHECK_INT(wordset_get(&r->abbrev, "Olsen.", 6), -1);
	CHECK(wordset_get_ci(&r->titles, "Minister", 8) >= 0);
	CHECK_INT(wordset_get_ci(&r->source_nouns, "official", 8), SN_ANONYMOUS);
	CHECK_INT(wordset_get_ci(&r->source_nouns, "analyst", 7), SN_VAGUE);
	CHECK_INT(wordset_get_ci(&r->source_nouns, "report", 6), SN_DOCUMENT);
	CHECK(wordset_get_ci(&r->org_words, "authority", 9) >= 0);
	rules_free(r);
	rules_free(NULL);
	fclose(d.out);
}

struct tmp_rules {
	char dir[64];
};

static void write_file(const char *dir, const char *name, const char *text)
{
	strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s", dir, name);
	FILE *f = fopen(p.buf, "w");
	if (!f) {
		perror(p.buf);
		exit(2);
	}
	fputs(text, f);
	fclose(f);
	strbuf_release(&p);
}

static const char *const tmp_rule_files[] = {
	"abbreviations.txt", "cues.txt", "sources.txt", "titles.txt", "organizations.txt",
	"places.txt", "words.txt", "attribution.rules", NULL
};

/* A minimal, self-contained rules directory (independent of the real
 * rules, which are being tuned) with the given attribution.rules. */
static void tmp_rules_make(struct tmp_rules *t, const char *attribution)
{
	strcpy(t->dir, "/tmp/whosaid-rules-XXXXXX");
	if (!mkdtemp(t->dir)) {
		perror("mkdtemp");
		exit(2);
	}
	write_file(t->dir, "abbreviations.txt", "Mr. | title\nJan.\n");
	write_file(t->dir, "cues.txt", "say | assert | clause | say, says, said\n"
				       "deny | deny | clause | deny, denies, denied\n");
	write_file(t->dir, "sources.txt", "official | anonymous\nanalyst | vague\n");
	write_file(t->dir, "titles.txt", "minister\n");
	write_file(t->dir, "organizations.txt", "ministry\n");
	write_file(t->dir, "places.txt", "varnholm\n");
	/* every word list must be there: the real ones */
	strbuf words = STRBUF_INIT;
	if (strbuf_read_file(&words, "rules/words.txt") < 0) {
		perror("rules/words.txt");
		exit(2);
	}
	write_file(t->dir, "words.txt", words.buf);
	strbuf_release(&words);
	write_file(t->dir, "attribution.rules", attribution);
}

static void tmp_rules_remove(struct tmp_rules *t)
{
	strbuf p = STRBUF_INIT;
	for (int i = 0; tmp_rule_files[i]; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", t->dir, tmp_rule_files[i]);
		unlink(p.buf);
	}
	strbuf_release(&p);
	rmdir(t->dir);
}

/* Loads a temporary rules directory; returns the diagnostics (caller frees)
 * and whether loading succeeded. */
static char *load_tmp_rules(const char *attribution, int *ok, unsigned *errors)
{
	struct tmp_rules t;
	tmp_rules_make(&t, attribution);
	struct diag d;
	quiet_diag(&d);
	struct rules *r = rules_load(t.dir, &d);
	*ok = r != NULL;
	*errors = d.errors;
	rules_free(r);
	char *msgs = slurp(d.out);
	fclose(d.out);
	/* make messages independent of the temporary directory's name */
	strbuf sb = STRBUF_INIT;
	size_t dl = strlen(t.dir);
	for (const char *p = msgs; *p;) {
		const char *hit = strstr(p, t.dir);
		if (!hit) {
			strbuf_addstr(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_addstr(&sb, "RULES");
		p = hit + dl;
	}
	free(msgs);
	tmp_rules_remove(&t);
	return strbuf_detach(&sb, NULL);
}

/* Every match of code a and code b, from every start offset: rc and all
 * offsets. what names b's variant in the first disagreement's message.
 * Returns the number of disagreements. */
/* The word lists of an ASCII form are callouts (rules_words_callout);
 * the other callouts go on, as with no callout function at all. */
static int words_callout(pcre2_callout_block *cb, void *data)
{
	if (cb->callout_number >= RULE_WORDS_CALLOUT)
		return rules_words_callout(data, cb);
	return 0;
}

static int code_disagreements(const struct rules *r, const char *id, const pcre2_code *ca, const pcre2_code *cb,
			      const char *what, const char *const *subjects)
{
	pcre2_match_data *a = pcre2_match_data_create(32, NULL), *b = pcre2_match_data_create(32, NULL);
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);
	pcre2_set_callout(mctx, words_callout, (void *)r);
	int bad = 0;
	for (int i = 0; subjects[i]; i++) {
		size_t n = strlen(subjects[i]);
		for (size_t off = 0; off <= n; off++) {
			int ra = pcre2_match(ca, (PCRE2_SPTR)subjects[i], n, off, 0, a, mctx);
			int rb = pcre2_match(cb, (PCRE2_SPTR)subjects[i], n, off, 0, b, mctx);
			int same = ra == rb;
			PCRE2_SIZE *va = pcre2_get_ovector_pointer(a), *vb = pcre2_get_ovector_pointer(b);
			for (int g = 0; same && ra > 0 && g < 2 * ra; g++)
				same = va[g] == vb[g];
			if (!same) {
				if (!bad)
					printf("    %s on \"%s\" from %zu: %d vs %d (%s)\n", id, subjects[i] + 1, off,
					       ra, rb, what);
				bad++;
			}
		}
	}
	pcre2_match_data_free(a);
	pcre2_match_data_free(b);
	pcre2_match_context_free(mctx);
	return bad;
}

static void test_rules_ascii(void)
{
	/* what changes meaning without UTF: a multibyte character under a
	 * quantifier or ending a range, \x{...} above 0xff, \p{..}, caseless
	 * k and s (which have non-ASCII case partners) */
	struct tmp_rules t;
	tmp_rules_make(&t, "rule names\n"
			   "    (?<speaker>\\p{Lu}[\\p{L}'’.\\-]*’?s?) \\s+ (?<cue>(?i:said|says)) \\s+\n"
			   "    (?<content>[^\\x00\\x{2014}]{2,}?) \\s*[.\\x{2014}—]?\\s*$\n"
			   "rule dashes\n"
			   "    (?<content>\\w+(?:\\s+\\w+)*?) \\s*(?:,|\\x{2014}+|—|--)\\s* (?<cue>(?i:SAID))\n"
			   "    \\s+ (?<speaker>(?i:k\\w*|s\\w*)|[a-\\x{2019}]+) é*\n"
			   "rule escaped\n"
			   "    (?<speaker>\\w+)\\’? \\s (?<cue>said) \\s (?<content>\\w+\\s\\w+)\n"
			   "rule own-options\n"
			   "    (*UTF)(?<speaker>\\w+) \\s (?<cue>said) \\s (?<content>\\w+\\s\\w+)\n"
			   "rule quoted\n"
			   "    \\Q’\\E? (?<speaker>\\w+) \\s (?<cue>said) \\s (?<content>\\w+\\s\\w+)\n");
	struct diag d;
	quiet_diag(&d);
	struct rules *r = rules_load(t.dir, &d);
	CHECK(r != NULL);
	static const char *const subjects[] = {
		"\x07Kim said the plan failed.", "\x07Nobody knows, said skov today",
		"\x07Ana's aide said it works -- SAID Kelvin", "\x07it was fine -- SAID kelvin",
		"\x07Mr. O'Neil says they will wait", "\x07Lars' plan, said Sven, is off.",
		"\x07ok said  no one", "\x07", "\x07\x01\x02\x02\x03 said Kim", NULL
	};
	for (size_t i = 0; r && i < r->nrules; i++) {
		const struct rule *rl = &r->rules[i];
		if (!strcmp(rl->id, "own-options") || !strcmp(rl->id, "quoted")) {
			/* left to the UTF pattern */
			CHECK(rl->code_ascii == NULL);
			continue;
		}
		CHECK(rl->code_ascii != NULL);
		if (rl->code_ascii)
			CHECK_INT(code_disagreements(r, rl->id, rl->code, rl->code_ascii, "ASCII", subjects), 0);
	}
	rules_free(r);
	fclose(d.out);
	tmp_rules_remove(&t);

	/* the real rules: every one has its ASCII pattern, and it agrees */
	static const char *const real[] = {
		"\x07Ilse Marr, a spokeswoman for the agency, said on Monday that the pier would reopen.",
		"\x07\x01\x02\x02\x02\x03 Brekke told reporters, adding that the tank was safe.",
		"\x07The samples matched the tank, according to two people familiar with the tests.",
		"\x07But officials said the leak, which began at Pier 4, had been contained.",
		"\x07PORT HALDEN -- The ministry denied claims that it hid the report.",
		"\x07Kovalenko is expected to resign: \x01\x02\x02\x03",
		"\x07Asked whether the pier was safe, Ravensholt said he did not know.",
		/* word lists: words with a hyphen or a period, plurals, a word
		 * run on by a digit or an underscore, caps */
		"\x07The co-founder of Tessel Inc., Vera Holt, wrote in an e-mail that the pier was shut.",
		"\x07Sen. Ola Berg's spokeswomen2 and two MINISTRIES_ said the officials had been told.",
		"\x07Spokespeople for the harbormasters warned that the quays would flood.",
		"\x07\x01\x02\x02\x03 Holt cried out, and the pilots cried \x01\x02\x03 at the dock.", NULL
	};
	for (size_t i = 0; the_rules && i < the_rules->nrules; i++) {
		const struct rule *rl = &the_rules->rules[i];
		CHECK(rl->code_ascii != NULL);
		if (rl->code_ascii)
			CHECK_INT(code_disagreements(the_rules, rl->id, rl->code, rl->code_ascii, "ASCII", real), 0);
	}
}

static void test_rules_trees(void)
{
	/* word lists rewritten as prefix trees (rules.c, trie_words) match as
	 * written, in the same order on backtracking: words that are prefixes
	 * of others, an empty word, "\s+" inside words, caseless groups, a
	 * group under a quantifier, and a continuation that takes the second
	 * or third word offered */
	struct tmp_rules t;
	tmp_rules_make(&t, "rule order\n"
			   "    (?<speaker>(?:ab|a|abc|b|ba|abd)+?) (?<cue>(?:c|cd|d|dc)) \\s (?<content>\\w+)\n"
			   "rule empty\n"
			   "    (?<speaker>x(?:said|say||s|sa|says|said\\s+so)) (?<cue>so|o|aid|ays)? \\s+ (?<content>\\w+)\n"
			   "rule mixed\n"
			   "    (?<speaker>(?:\\w+x|ab|a|abc|b|ba|\\d+|c|cd|d|dc|e|[xy]z|f|fo|foo|g # a comment (with parentheses)\n"
			   "                 |go)+?) \\s (?<cue>said|says) \\s (?<content>\\w+)\n"
			   "rule caseless\n"
			   "    (?<speaker>\\w+) \\s (?<cue>(?i:has|have|had|has\\s+been|is|was|are)) \\s\n"
			   "    (?<content>(?:the|a|an|they|them|then|there|their|a)\\b.*)\n");
	struct diag d;
	quiet_diag(&d);
	struct rules *fast = rules_load(t.dir, &d);
	setenv("WHOSAID_NO_FAST", "1", 1);
	struct rules *plain = rules_load(t.dir, &d);
	unsetenv("WHOSAID_NO_FAST");
	CHECK(fast != NULL && plain != NULL);
	static const char *const subjects[] = {
		"\x07""abcd x", "\x07""ababcdc y", "\x07""abdc z", "\x07""bad x", "\x07""xsaid so well",
		"\x07""xsays so", "\x07""x so", "\x07""xsa ys", "\x07""xsaid  so long", "\x07""Kim HAS BEEN there",
		"\x07""they Have them then", "\x07""it was a the", "\x07""abcfoo said x", "\x07""12cdgo says y",
		"\x07""wxyzfo said z", "\x07", NULL
	};
	for (size_t i = 0; fast && plain && i < fast->nrules && i < plain->nrules; i++)
		CHECK_INT(code_disagreements(fast, fast->rules[i].id, fast->rules[i].code, plain->rules[i].code, "trees", subjects), 0);
	rules_free(fast);
	rules_free(plain);
	fclose(d.out);
	tmp_rules_remove(&t);

	/* the real rules, with and without the trees */
	setenv("WHOSAID_NO_FAST", "1", 1);
	plain = rules_load("rules", &diag_default);
	unsetenv("WHOSAID_NO_FAST");
	static const char *const real[] = {
		"\x07Ilse Marr, a spokeswoman for the agency, said on Monday that the pier would reopen.",
		"\x07The mayor has repeatedly said the plan was a mistake, and has been criticized since.",
		"\x07Officials, who asked not to be identified, told reporters that the tank was safe.",
		"\x07He said in a statement released by his office that the talks would continue.",
		"\x07But the minister, speaking in Selm, denied claims that the ministry hid the report.", NULL
	};
	for (size_t i = 0; plain && the_rules && i < the_rules->nrules && i < plain->nrules; i++)
		CHECK_INT(code_disagreements(the_rules, the_rules->rules[i].id, the_rules->rules[i].code, plain->rules[i].code, "trees", real), 0);
	rules_free(plain);
}

static void test_rules_errors(void)
{
	int ok;
	unsigned errors;
	char *msgs;

	/* control: the minimal directory loads */
	msgs = load_tmp_rules("define NAME\n"
			      "    \\p{Lu}\\w+\n"
			      "rule simple-say\n"
			      "    (?<speaker>{NAME}) \\s+ (?<cue>{CUE}) \\s+ (?<content>.+)\n", &ok, &errors);
	CHECK(ok);
	CHECK_INT(errors, 0);
	CHECK_STR(msgs, "");
	free(msgs);

	/* a bad pattern: reported at the line and column of the bad bytes */
	msgs = load_tmp_rules("# a comment line\n"
			      "rule bad-class\n"
			      "    (?<cue>said) \\s+ (?<content>[a-z)\n", &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 1);
	CHECK(!strncmp(msgs, "RULES/attribution.rules:3:", 26));
	CHECK(strstr(msgs, ": error: bad pattern in 'bad-class': missing terminating ]") != NULL);
	{
		/* the column points into the pattern line */
		unsigned col = 0;
		CHECK(sscanf(msgs, "RULES/attribution.rules:3:%u: error:", &col) == 1);
		CHECK(col >= 33 && col <= 39);  /* from the '[' to the end of the line */
	}
	free(msgs);

	/* a bad pattern inside a macro points into the define */
	msgs = load_tmp_rules("define BROKEN\n"
			      "    (?:said|says\n"
			      "rule uses-it\n"
			      "    (?<cue>{BROKEN}) (?<content>.+)\n", &ok, &errors);
	CHECK(!ok);
	CHECK(!strncmp(msgs, "RULES/attribution.rules:2:", 26));
	CHECK(strstr(msgs, "error: bad pattern in 'BROKEN'") != NULL);
	free(msgs);

	/* an unknown group name */
	msgs = load_tmp_rules("rule odd-group\n"
			      "    (?<cue>said) \\s+ (?<contents>.+)\n", &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 1);
	CHECK(!strncmp(msgs, "RULES/attribution.rules:1:1: error: rule 'odd-group': unknown group name 'contents'",
		       strlen("RULES/attribution.rules:1:1: error: rule 'odd-group': unknown group name 'contents'")));
	free(msgs);

	/* a duplicate rule id, reported at the second one */
	msgs = load_tmp_rules("rule same-id\n"
			      "    (?<cue>said) \\s+ (?<content>.+)\n"
			      "\n"
			      "rule same-id\n"
			      "    (?<content>.+) \\s+ (?<cue>said)\n", &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 1);
	CHECK_STR(msgs, "RULES/attribution.rules:4:6: error: duplicate rule id 'same-id' (first at line 1)\n");
	free(msgs);

	/* an unknown macro */
	msgs = load_tmp_rules("rule no-macro\n"
			      "    (?<cue>{NOPE}) (?<content>.+)\n", &ok, &errors);
	CHECK(!ok);
	CHECK(strstr(msgs, "RULES/attribution.rules:2:12: error: unknown macro '{NOPE}'") != NULL);
	free(msgs);

	/* "@words" that does not open its line is no word list, and an error */
	msgs = load_tmp_rules("rule words-late\n"
			      "    (?<cue>\n"
			      "        @words said says\n"
			      "      | @words told tells\n"
			      "    ) \\s+ (?<content>.+)\n", &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 1);
	CHECK(strstr(msgs, "RULES/attribution.rules:4:9: error: '@words' must open its line") != NULL);
	free(msgs);

	/* a rule without the content group */
	msgs = load_tmp_rules("rule no-content\n"
			      "    (?<cue>said) .+\n", &ok, &errors);
	CHECK(!ok);
	CHECK(strstr(msgs, "RULES/attribution.rules:1:1: error: rule 'no-content' needs the groups 'cue' and 'content'") != NULL);
	free(msgs);

	/* a missing rules directory */
	struct diag d;
	quiet_diag(&d);
	CHECK(rules_load("/nonexistent/whosaid-rules", &d) == NULL);
	CHECK(d.errors >= 1);
	msgs = slurp(d.out);
	CHECK(strstr(msgs, "error: cannot read rule file '/nonexistent/whosaid-rules/") != NULL);
	free(msgs);
	fclose(d.out);
}

static void test_rules_wordlist_errors(void)
{
	struct tmp_rules t;
	tmp_rules_make(&t, "rule simple-say\n    (?<cue>{CUE}) \\s+ (?<content>.+)\n");
	write_file(t.dir, "cues.txt", "say | assert | clause | say, said\n"
					"shout | loud | quote | shout, shouted\n");
	struct diag d;
	quiet_diag(&d);
	struct rules *r = rules_load(t.dir, &d);
	CHECK(r == NULL);
	CHECK_INT(d.errors, 1);
	char *msgs = slurp(d.out);
	strbuf want = STRBUF_INIT;
	strbuf_addf(&want, "%s/cues.txt:2:9: error: unknown stance 'loud'\n", t.dir);
	CHECK_STR(msgs, want.buf);
	free(msgs);
	fclose(d.out);
	rules_free(r);

	/* words.txt: a word of two words, an empty word, an unknown list, a
	 * line without '|', a word twice (a warning) and a missing list */
	write_file(t.dir, "cues.txt", "say | assert | clause | say, said\n");
	strbuf words = STRBUF_INIT;
	for (int i = 0; word_list_name(i); i++)
		if (strcmp(word_list_name(i), "asked"))
			strbuf_addf(&words, "%s | then\n", word_list_name(i));
	strbuf_addstr(&words, "kin | son, step son, , aunt, son\n"
			      "colour | red\n"
			      "calendar\n");
	write_file(t.dir, "words.txt", words.buf);
	unsigned base = 0;
	while (word_list_name((int)base))
		base++;   /* the kin line is the one after the lists but "asked" */
	quiet_diag(&d);
	r = rules_load(t.dir, &d);
	CHECK(r == NULL);
	CHECK_INT(d.errors, 5);
	CHECK_INT(d.warnings, 1);
	msgs = slurp(d.out);
	strbuf_reset(&want);
	strbuf_addf(&want, "%s/words.txt:%u:12: error: 'step son' is not one word (words are separated by commas)\n"
			   "%s/words.txt:%u:22: error: empty word in list 'kin'\n"
			   "%s/words.txt:%u:30: warning: duplicate entry 'son' in list 'kin'\n"
			   "%s/words.txt:%u:1: error: unknown word list 'colour'\n"
			   "%s/words.txt:%u:1: error: expected 'list | word, word, ...'\n"
			   "%s/words.txt: error: no word list 'asked' (a line 'asked | word, ...')\n",
		    t.dir, base, t.dir, base, t.dir, base, t.dir, base + 1, t.dir, base + 2, t.dir);
	CHECK_STR(msgs, want.buf);
	strbuf_release(&want);
	free(msgs);
	fclose(d.out);
	rules_free(r);

	/* every list a word of its own ("wbv" for bit 47): a set of lists is
	 * 64 bits wide, and the case a list asks for is checked */
	strbuf_reset(&words);
	int nlists = 0;
	for (; word_list_name(nlists); nlists++)
		strbuf_addf(&words, "%s | w%c%c\n", word_list_name(nlists), 'a' + nlists / 26, 'a' + nlists % 26);
	CHECK(nlists > 32 && nlists <= 64);
	write_file(t.dir, "words.txt", words.buf);
	quiet_diag(&d);
	r = rules_load(t.dir, &d);
	CHECK(r != NULL);
	if (r) {
		for (int i = 0; i < nlists; i++) {
			char w[4] = { 'w', (char)('a' + i / 26), (char)('a' + i % 26), 0 };
			CHECK(rules_word_lists(r, w, 3) == (lex_lists)1 << i);
			CHECK(rules_lower_in_list(r, w, 0, 3, (lex_lists)1 << i));
			w[0] = 'W';
			CHECK(rules_word_lists(r, w, 3) == (lex_lists)1 << i);
			CHECK(!rules_lower_in_list(r, w, 0, 3, (lex_lists)1 << i));
			CHECK(rules_capital_in_list(r, w, 0, 3, (lex_lists)1 << i));
			w[2] = (char)(w[2] - 'a' + 'A');
			CHECK(!rules_capital_in_list(r, w, 0, 3, (lex_lists)1 << i));
		}
		CHECK(rules_word_lists(r, "wzz", 3) == 0);
	}
	fclose(d.out);
	strbuf_release(&words);
	rules_free(r);
	tmp_rules_remove(&t);
}

/* ---- mention_parse ----------------------------------------------------- */

struct parsed {
	struct mention m;
	char name[256], title[256];
};

static void parse(const char *s, struct parsed *p)
{
	mention_parse(s, strlen(s), the_rules, &p->m);
	snprintf(p->name, sizeof(p->name), "%s", span(s, p->m.name0, p->m.name1));
	snprintf(p->title, sizeof(p->title), "%s",
		 p->m.title1 > p->m.title0 ? span(s, p->m.title0, p->m.title1) : "");
}

static void test_mention_parse(void)
{
	struct parsed p;

	parse("Deputy Environment Minister Tomas Brekke", &p);
	CHECK_INT(p.m.kind, SK_PERSON);
	CHECK_STR(p.name, "Tomas Brekke");
	CHECK_STR(p.title, "Deputy Environment Minister");
	CHECK_INT(p.m.name_words, 2);
	CHECK_INT(p.m.pronoun, 0);

	parse("Harbor Commissioner Ada Vell", &p);
	CHECK_INT(p.m.kind, SK_PERSON);
	CHECK_STR(p.name, "Ada Vell");
	CHECK_STR(p.title, "Harbor Commissioner");

	parse("Mr. Olsen", &p);
	CHECK_INT(p.m.kind, SK_PERSON);
	CHECK_STR(p.name, "Olsen");
	CHECK_INT(p.m.name_words, 1);
	CHECK_STR(p.title, "");

	parse("a person with direct knowledge of the talks", &p);
	CHECK_INT(p.m.kind, SK_ANONYMOUS);
	CHECK_STR(p.name, "a person with direct knowledge of the talks");
	CHECK_INT(p.m.definite, 0);

	parse("two officials familiar with the matter", &p);
	CHECK_INT(p.m.kind, SK_ANONYMOUS);

	parse("the person", &p);
	CHECK_INT(p.m.kind, SK_ANONYMOUS);
	CHECK_INT(p.m.definite, 1);

	parse("some analysts", &p);
	CHECK_INT(p.m.kind, SK_VAGUE);
	parse("critics", &p);
	CHECK_INT(p.m.kind, SK_VAGUE);

	parse("a report", &p);
	CHECK_INT(p.m.kind, SK_DOCUMENT);

	parse("the Harbor Authority", &p);
	CHECK_INT(p.m.kind, SK_ORGANIZATION);
	CHECK_STR(p.name, "Harbor Authority");
	CHECK_INT(p.m.pronoun, 0);

	parse("he", &p);
	CHECK_INT(p.m.kind, SK_PERSON);
	CHECK_INT(p.m.pronoun, 'm');
	parse("She", &p);
	CHECK_INT(p.m.kind, SK_PERSON);
	CHECK_INT(p.m.pronoun, 'f');
	parse("it", &p);
	CHECK_INT(p.m.pronoun, 'n');
	parse("they", &p);
	CHECK_INT(p.m.pronoun, 'p');

	/* a bare capitalized word may be a surname, resolved later against the
	 * names introduced earlier in the article (see test_extraction): either
	 * a one-word person name or flagged with name_words -1 */
	parse("Vell", &p);
	CHECK_STR(p.name, "Vell");
	CHECK((p.m.kind == SK_PERSON && p.m.name_words == 1) || p.m.name_words == -1);
	CHECK_INT(p.m.pronoun, 0);
}

/* ---- end to end -------------------------------------------------------- */

struct e2e {
	struct article *a;
	struct extraction x;
	struct quote_scratch qs;
	struct diag d;
	size_t *ord;
};

static void e2e_run(struct e2e *e, const char *text)
{
	quiet_diag(&e->d);
	e->a = article_text(text, FORMAT_TEXT, &e->d);
	free(e->a->doc);
	e->a->doc = xstrdup("unit");
	extraction_init(&e->x);
	quote_scratch_init(&e->qs);
	extraction_run(&e->x, e->a, the_rules, &e->qs, &e->d);
	e->ord = quote_order(&e->x.quotes);
}

static void e2e_done(struct e2e *e)
{
	free(e->ord);
	quote_scratch_release(&e->qs);
	extraction_release(&e->x);
	article_free(e->a);
	fclose(e->d.out);
}

/* The n-th quote in text order, or NULL. */
static const struct quote *e2e_quote(const struct e2e *e, size_t n)
{
	return n < e->x.quotes.n ? &e->x.quotes.v[e->ord[n]] : NULL;
}

static const char *e2e_text(const struct e2e *e, const struct quote *q)
{
	return q ? span(e->a->raw, q->start, q->end) : "<no quote>";
}

static const char *e2e_speaker(const struct e2e *e, const struct quote *q)
{
	if (!q || q->source < 0 || (size_t)q->source >= e->x.sources.n)
		return NULL;
	return e->x.sources.v[q->source].name;
}

static void test_extraction(void)
{
	struct e2e e;
	e2e_run(&e, "Varnholm dam inspection passes\n"
		    "\n"
		    "\"The spillway will hold through the spring floods,\" said Ada Vell, the county director.\n"
		    "\n"
		    "\"We checked every gate twice,\" Vell said.\n"
		    "\n"
		    "An official with knowledge of the inspection said two gates had been repaired in secret.\n");
	CHECK_INT(e.x.quotes.n, 3);
	const struct quote *q = e2e_quote(&e, 0);
	CHECK(q != NULL);
	if (q) {
		CHECK_INT(q->kind, QK_DIRECT);
		CHECK_STR(e2e_text(&e, q), "The spillway will hold through the spring floods");
		CHECK_STR(e2e_speaker(&e, q), "Ada Vell");
		CHECK(q->source >= 0 && e.x.sources.v[q->source].kind == SK_PERSON);
		CHECK_STR(q->source >= 0 ? e.x.sources.v[q->source].title : NULL, "county director");
		CHECK(q->cue >= 0 && !strcmp(the_rules->cues[q->cue].lemma, "say"));
		CHECK_STR(span(e.a->raw, q->cue_start, q->cue_end), "said");
		CHECK_STR(span(e.a->raw, q->spk_start, q->spk_end), "Ada Vell");
		CHECK_STR(span(e.a->raw, q->appos_start, q->appos_end), "the county director");
		CHECK_STR(q->rule, "quote-cue-speaker");
		CHECK_INT(q->stance, STANCE_ASSERT);
		CHECK_INT(q->para, 1);
	}
	q = e2e_quote(&e, 1);
	if (q) {
		/* surname reference resolved to the full name, same source */
		CHECK_STR(e2e_text(&e, q), "We checked every gate twice");
		CHECK_STR(e2e_speaker(&e, q), "Ada Vell");
		CHECK_INT(q->source, e2e_quote(&e, 0)->source);
		CHECK_STR(q->rule, "quote-speaker-cue");
	}
	q = e2e_quote(&e, 2);
	if (q) {
		CHECK_INT(q->kind, QK_INDIRECT);
		CHECK_STR(e2e_text(&e, q), "two gates had been repaired in secret");
		CHECK_STR(e2e_speaker(&e, q), "An official with knowledge of the inspection");
		CHECK(q->source >= 0 && e.x.sources.v[q->source].kind == SK_ANONYMOUS);
	}
	CHECK_INT(e.x.sources.n, 2);

	/* the JSON Lines record of the first quote, as the contract has it */
	strbuf out = STRBUF_INIT;
	emit_quotes_json(&out, &e.x, the_rules);
	char *nl = strchr(out.buf, '\n');
	json_error_t err;
	json_t *rec = nl ? json_loadb(out.buf, (size_t)(nl - out.buf), 0, &err) : NULL;
	CHECK(rec != NULL);
	if (rec) {
		CHECK_STR(json_string_value(json_object_get(rec, "type")), "quote");
		CHECK_STR(json_string_value(json_object_get(rec, "id")), "unit#q1");
		CHECK_STR(json_string_value(json_object_get(rec, "kind")), "direct");
		CHECK_INT(json_integer_value(json_object_get(rec, "line")), 3);
		CHECK_INT(json_integer_value(json_object_get(rec, "col")), 2);
		json_t *sp = json_object_get(rec, "speaker");
		CHECK_STR(json_string_value(json_object_get(sp, "name")), "Ada Vell");
		CHECK_STR(json_string_value(json_object_get(sp, "kind")), "person");
		CHECK_STR(json_string_value(json_object_get(json_object_get(rec, "cue"), "lemma")), "say");
		json_decref(rec);
	}
	strbuf_release(&out);
	e2e_done(&e);

	/* a pronoun and a denial */
	e2e_run(&e, "Harbor Commissioner Ada Vell spoke on Monday. She denied that the pier was unsafe.\n");
	q = e2e_quote(&e, 0);
	CHECK_INT(e.x.quotes.n, 1);
	if (q) {
		CHECK_STR(e2e_text(&e, q), "the pier was unsafe");
		CHECK_STR(e2e_speaker(&e, q), "Ada Vell");
		CHECK_INT(q->stance, STANCE_DENY);
		CHECK_STR(span(e.a->raw, q->spk_start, q->spk_end), "She");
	}
	e2e_done(&e);
}

/* Quotes that the rules of a temporary directory with the given
 * attribution.rules attribute in text; -1 if they do not load. */
static int tmp_rules_quotes(const char *attribution, const char *text)
{
	struct tmp_rules t;
	tmp_rules_make(&t, attribution);
	struct diag d;
	quiet_diag(&d);
	struct rules *r = rules_load(t.dir, &d);
	fclose(d.out);
	tmp_rules_remove(&t);
	if (!r)
		return -1;
	struct rules *saved = the_rules;
	the_rules = r;
	struct e2e e;
	e2e_run(&e, text);
	int n = 0;
	for (size_t i = 0; i < e.x.quotes.n; i++)
		n += e.x.quotes.v[i].cue >= 0;   /* attributed by a rule */
	e2e_done(&e);
	the_rules = saved;
	rules_free(r);
	return n;
}

/* "needs end" and several "next" texts: read, checked, and each keeps the
 * rule off the sentences it names and no other; WHOSAID_NO_CUE_NEEDS turns
 * them off. */
static void test_rules_needs(void)
{
	int ok;
	unsigned errors;
	char *msgs = load_tmp_rules("rule colon-end\n"
				    "needs end \":\" quote\n"
				    "needs cue clause next \"the\" \"a\" prev \"Vell\" \"Marr\"\n"
				    "    (?<cue>said) \\s+ (?<content>.+)\n", &ok, &errors);
	CHECK(ok);
	CHECK_STR(msgs, "");
	free(msgs);
	/* a text with a space, an empty text, an unknown word, nothing at all */
	msgs = load_tmp_rules("rule bad-end\n"
			      "needs end \":\" \"a b\"\n"
			      "needs end \"\"\n"
			      "needs end quotes\n"
			      "needs end\n"
			      "    (?<cue>said) \\s+ (?<content>.+)\n", &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 4);
	CHECK(strstr(msgs, "RULES/attribution.rules:2:15: error: expected 'needs end \"TEXT\"|quote ...'") != NULL);
	CHECK(strstr(msgs, "RULES/attribution.rules:3:11: error: expected 'needs end") != NULL);
	CHECK(strstr(msgs, "RULES/attribution.rules:4:11: error: expected 'needs end") != NULL);
	CHECK(strstr(msgs, "RULES/attribution.rules:5:10: error: expected 'needs end") != NULL);
	free(msgs);
	msgs = load_tmp_rules("rule bad-next\n"
			      "needs cue clause next \"the\" \"tw o\"\n"
			      "    (?<cue>said) \\s+ (?<content>.+)\n", &ok, &errors);
	CHECK(!ok);
	CHECK(strstr(msgs, "RULES/attribution.rules:2:11: error: expected 'needs cue") != NULL);
	free(msgs);

	/* the same pattern with and without the lines: they keep out only
	 * sentences the pattern cannot match the way the lines describe */
	static const char *const text =
		"Gates inspected\n\n"
		"Vell said the old gates held firm:\n\n"          /* ends with ":" */
		"Vell said the old gates held firm.\n\n"          /* does not */
		"Vell said \"the old gates held firm\".\n\n"      /* a quotation, then a period */
		"Vell said \"the old gates\" held firm.\n\n"      /* a quotation, not last */
		"Vell said, the old gates held firm:\n\n"         /* ":" but no "the" or "a" after "said" */
		"Vell said a small gate held firm:\n";
	const char *plain = "rule any-said\n"
			    "    {START} (?<speaker>\\p{Lu}\\w+) \\s+ (?<cue>said) ,? \\s+ (?<content>[^\\x00]+?) [.:]? $\n";
	CHECK_INT(tmp_rules_quotes(plain, text), 6);
	CHECK_INT(tmp_rules_quotes("rule colon-said\n"
				   "needs end \":\"\n"
				   "    {START} (?<speaker>\\p{Lu}\\w+) \\s+ (?<cue>said) ,? \\s+ (?<content>[^\\x00]+?) [.:]? $\n",
				   text), 3);
	CHECK_INT(tmp_rules_quotes("rule quote-said\n"
				   "needs end quote\n"
				   "    {START} (?<speaker>\\p{Lu}\\w+) \\s+ (?<cue>said) ,? \\s+ (?<content>[^\\x00]+?) [.:]? $\n",
				   text), 1);
	CHECK_INT(tmp_rules_quotes("rule next-said\n"
				   "needs end \":\"\n"
				   "needs cue clause next \"the\" \"a\"\n"
				   "    {START} (?<speaker>\\p{Lu}\\w+) \\s+ (?<cue>said) ,? \\s+ (?<content>[^\\x00]+?) [.:]? $\n",
				   text), 2);
	/* the slow path runs the patterns on every sentence */
	setenv("WHOSAID_NO_CUE_NEEDS", "1", 1);
	CHECK_INT(tmp_rules_quotes("rule next-said\n"
				   "needs end \":\" quote\n"
				   "needs cue clause next \"the\" \"a\"\n"
				   "    {START} (?<speaker>\\p{Lu}\\w+) \\s+ (?<cue>said) ,? \\s+ (?<content>[^\\x00]+?) [.:]? $\n",
				   text), 6);
	unsetenv("WHOSAID_NO_CUE_NEEDS");
}

/* ---- claims: normalization, rule files, clustering ---------------------- */

static struct claim_rules *the_claim_rules;   /* the real claim rules, loaded once */

/* The terms of text as claim_normalize writes them (a ring of static
 * buffers, as span() uses), and its polarity in *pol. */
static const char *claim_terms(const char *text, enum claim_polarity stance, enum claim_polarity *pol)
{
	static char ring[8][1024];
	static int next;
	char *out = ring[next++ & 7];
	strbuf sb = STRBUF_INIT;
	enum claim_polarity p = claim_normalize(the_claim_rules, text, strlen(text), stance, &sb);
	if (pol)
		*pol = p;
	snprintf(out, 1024, "%s", sb.buf);
	strbuf_release(&sb);
	return out;
}

static enum claim_polarity claim_pol(const char *text, enum claim_polarity stance)
{
	enum claim_polarity p;
	claim_terms(text, stance, &p);
	return p;
}

static void test_claims_normalize(void)
{
	/* folding: case, compatibility forms (fullwidth letters), accents */
	CHECK_STR(claim_terms("CAFÉ Ｐérez", CLAIM_ASSERT, NULL), "cafe perez");
	/* stop words out; Snowball stems; sorted, once each */
	CHECK_STR(claim_terms("The investigations of the investigators were investigated.", CLAIM_ASSERT, NULL),
		  "investig");
	CHECK_STR(claim_terms("of the and to", CLAIM_ASSERT, NULL), "");
	CHECK_STR(claim_terms("", CLAIM_ASSERT, NULL), "");
	/* numbers keep their decimal point and lose thousands commas */
	CHECK_STR(claim_terms("1,200 boats and 3.5 tonnes", CLAIM_ASSERT, NULL), "1200 3.5 boat tonn");
	/* hyphens split; a listed prefix is split when written joined */
	CHECK_STR(claim_terms("cyber-attacks", CLAIM_ASSERT, NULL), "attack cyber");
	CHECK_STR(claim_terms("cyberattacks", CLAIM_ASSERT, NULL), "attack cyber");
	CHECK_STR(claim_terms("cyber attacks", CLAIM_ASSERT, NULL), "attack cyber");
	CHECK_STR(claim_terms("Cyber–attacks", CLAIM_ASSERT, NULL), "attack cyber");   /* en dash */
	CHECK_STR(claim_terms("ferry-boat", CLAIM_ASSERT, NULL), "boat ferri");
	/* aliases: multiword, longest first, one term per entity */
	CHECK_STR(claim_terms("the FBI", CLAIM_ASSERT, NULL), "federal_bureau_of_investigation");
	CHECK_STR(claim_terms("the Federal Bureau of Investigation", CLAIM_ASSERT, NULL),
		  "federal_bureau_of_investigation");
	CHECK_STR(claim_terms("U.S. ships", CLAIM_ASSERT, NULL), "ship united_states");
	CHECK_STR(claim_terms("United States ships", CLAIM_ASSERT, NULL), "ship united_states");
	CHECK_STR(claim_terms("North Koreans", CLAIM_ASSERT, NULL), "north_korea");
	CHECK_STR(claim_terms("the Democratic People’s Republic of Korea", CLAIM_ASSERT, NULL), "north_korea");
	/* a form in capitals matches only in capitals: the pronoun stays one */
	CHECK_STR(claim_terms("tell us about ships", CLAIM_ASSERT, NULL), "ship");
	/* frames out: "said", "according to" */
	CHECK_STR(claim_terms("the harbor closed, according to the pilots, who said so", CLAIM_ASSERT, NULL),
		  "close harbor pilot");
	/* synonyms, mapped before stemming, phrases through "be" */
	CHECK_STR(claim_terms("Aldmark is against all forms of cyber-attacks and cyber-terrorism",
			      CLAIM_ASSERT, NULL),
		  claim_terms("Aldmark opposes all forms of cyberattacks and cyber terrorism", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_terms("Aldmark opposes all forms of cyberattacks and cyber terrorism", CLAIM_ASSERT, NULL),
		  "aldmark attack cyber form oppos terror");
	CHECK_STR(claim_terms("the council objected to the tolls", CLAIM_ASSERT, NULL), "council oppos toll");
	CHECK_STR(claim_terms("Brenna asked Tollis to assist", CLAIM_ASSERT, NULL),
		  claim_terms("Brenna asked Tollis for help", CLAIM_ASSERT, NULL));
	/* clitics: n't is a negation, 's is dropped */
	CHECK_STR(claim_terms("the ferry isn't Vell's", CLAIM_ASSERT, NULL), "ferri vell");
	/* an irregular verb's past and participle are the verb */
	CHECK_STR(claim_terms("the pier's rail broke", CLAIM_ASSERT, NULL),
		  claim_terms("the pier's rail was broken", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_terms("tolls rose and ferries went", CLAIM_ASSERT, NULL), "ferri go rise toll");
	/* British and American spellings give one stem */
	CHECK_STR(claim_terms("nine tonnes of fertiliser", CLAIM_ASSERT, NULL),
		  claim_terms("nine tons of fertilizer", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_terms("the kilometres of harbour the council analysed", CLAIM_ASSERT, NULL),
		  claim_terms("the kilometers of harbor the council analyzed", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_terms("the centre of the colour favourites", CLAIM_ASSERT, NULL),
		  claim_terms("the center of the color favorites", CLAIM_ASSERT, NULL));
	/* words in -our that are no British spelling keep it */
	CHECK_STR(claim_terms("the contour of the tour took four hours", CLAIM_ASSERT, NULL), "contour four hour take tour");
	/* a figure's unit, however written, is one term */
	CHECK_STR(claim_terms("the ferry was doing 38 km/h", CLAIM_ASSERT, NULL),
		  claim_terms("the ferry was doing 38 kilometres an hour", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_terms("the ferry was doing 38 km/h", CLAIM_ASSERT, NULL), "38 ferri kmh");
	CHECK_STR(claim_terms("a 20 km walk and 12 miles per hour", CLAIM_ASSERT, NULL), "12 20 km mph walk");
	/* a unit word with no figure before it stays a word */
	CHECK_STR(claim_terms("hours of work", CLAIM_ASSERT, NULL), "hour work");
	/* invalid UTF-8 is read as spaces, not dropped with its neighbours */
	CHECK_STR(claim_terms("pier\xff\xfe tolls", CLAIM_ASSERT, NULL), "pier toll");

	/* polarity: the quote's stance, then negation and hedge cues */
	CHECK_INT(claim_pol("the pier is safe", CLAIM_ASSERT), CLAIM_ASSERT);
	CHECK_INT(claim_pol("the pier is safe", CLAIM_DENY), CLAIM_DENY);
	CHECK_INT(claim_pol("the pier is safe", CLAIM_HEDGE), CLAIM_HEDGE);
	CHECK_INT(claim_pol("the pier is not safe", CLAIM_ASSERT), CLAIM_DENY);
	CHECK_INT(claim_pol("the pier isn't safe", CLAIM_ASSERT), CLAIM_DENY);
	CHECK_INT(claim_pol("the agency had nothing to do with the spill", CLAIM_ASSERT), CLAIM_DENY);
	CHECK_INT(claim_pol("the agency denies the spill", CLAIM_ASSERT), CLAIM_DENY);
	CHECK_INT(claim_pol("the pier may be unsafe", CLAIM_ASSERT), CLAIM_HEDGE);
	CHECK_INT(claim_pol("the pier was reportedly closed", CLAIM_ASSERT), CLAIM_HEDGE);
	/* a negation that bounds a figure denies nothing: "never went above
	 * 38" says the ferry was at 38 or under */
	CHECK_INT(claim_pol("the ferry never went above 38", CLAIM_ASSERT), CLAIM_ASSERT);
	CHECK_INT(claim_pol("no more than two tonnes of grain were lost", CLAIM_ASSERT), CLAIM_ASSERT);
	CHECK_INT(claim_pol("the ferry was not going faster than 40 km/h", CLAIM_ASSERT), CLAIM_ASSERT);
	CHECK_INT(claim_pol("the ferry never went above the limit", CLAIM_ASSERT), CLAIM_DENY);
	CHECK_INT(claim_pol("the ferry did not carry 38 tonnes", CLAIM_ASSERT), CLAIM_DENY);
	/* a negated denial stays deny; deny wins over hedge */
	CHECK_INT(claim_pol("the pier was not unsafe", CLAIM_DENY), CLAIM_DENY);
	CHECK_INT(claim_pol("the pier may not be safe", CLAIM_ASSERT), CLAIM_DENY);
	/* the proposition is the same whatever the polarity */
	CHECK_STR(claim_terms("the pier is not safe", CLAIM_ASSERT, NULL),
		  claim_terms("the pier is safe", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_terms("the pier might be safe", CLAIM_ASSERT, NULL),
		  claim_terms("the pier is safe", CLAIM_ASSERT, NULL));
	CHECK_STR(claim_polarity_name(CLAIM_HEDGE), "hedge");
}

static const char *const claim_rule_files[] = {
	"stopwords.txt", "claim-frames.txt", "negation.txt", "aliases.txt", "claim-synonyms.txt",
	"claim-prefixes.txt", NULL
};

/* Loads a temporary claim rules directory holding the six files (texts in
 * the order of claim_rule_files; NULL: the file is missing). Returns the
 * messages with the directory written as RULES (caller frees). */
static char *load_tmp_claim_rules(const char *const *texts, int *ok, unsigned *errors)
{
	char dir[64];
	strcpy(dir, "/tmp/whosaid-claims-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		exit(2);
	}
	for (int i = 0; claim_rule_files[i]; i++)
		if (texts[i])
			write_file(dir, claim_rule_files[i], texts[i]);
	struct diag d;
	quiet_diag(&d);
	struct claim_rules *cr = claim_rules_load(dir, &d);
	*ok = cr != NULL;
	*errors = d.errors;
	claim_rules_free(cr);
	char *msgs = slurp(d.out);
	fclose(d.out);
	strbuf sb = STRBUF_INIT;
	size_t dl = strlen(dir);
	for (const char *p = msgs; *p;) {
		const char *hit = strstr(p, dir);
		if (!hit) {
			strbuf_addstr(&sb, p);
			break;
		}
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_addstr(&sb, "RULES");
		p = hit + dl;
	}
	free(msgs);
	strbuf p = STRBUF_INIT;
	for (int i = 0; claim_rule_files[i]; i++) {
		strbuf_reset(&p);
		strbuf_addf(&p, "%s/%s", dir, claim_rule_files[i]);
		unlink(p.buf);
	}
	strbuf_release(&p);
	rmdir(dir);
	return strbuf_detach(&sb, NULL);
}

static void test_claims_rules(void)
{
	int ok;
	unsigned errors;
	char *msgs;
	const char *good[] = { "the\nof  # a comment\n", "say\nmay | hedge\n", "not\nno proof\n",
			       "harbor authority = HA = the port\n", "oppose = be against\nbe = is = are\n",
			       "cyber\n" };
	msgs = load_tmp_claim_rules(good, &ok, &errors);
	CHECK(ok);
	CHECK_INT(errors, 0);
	CHECK_STR(msgs, "");
	free(msgs);

	/* an unknown kind, at its column */
	const char *kind[] = { "the\n", "say\nmay | maybe\n", "not\n", "a = b\n", "x = y\n", "cyber\n" };
	msgs = load_tmp_claim_rules(kind, &ok, &errors);
	CHECK(!ok);
	CHECK_STR(msgs, "RULES/claim-frames.txt:2:7: error: unknown kind 'maybe' (expected 'frame' or 'hedge')\n");
	free(msgs);

	/* a group of one form; a form in two groups; an empty form */
	const char *groups[] = { "the\n", "say\n", "not\n",
				 "harbor authority\nport = harbor\n  pier = port\nquay = = dock\n", "x = y\n",
				 "cyber\n" };
	msgs = load_tmp_claim_rules(groups, &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 3);
	CHECK_STR(msgs, "RULES/aliases.txt:1:1: error: a group needs at least two forms: 'a = b'\n"
			"RULES/aliases.txt:3:10: error: 'port' is already a form of 'port'\n"
			"RULES/aliases.txt:4:8: error: empty form in a group\n");
	free(msgs);

	/* a cue of two kinds; a stop word listed twice is a warning only */
	const char *cues[] = { "the\nThe\n", "say\n", "not\nsay\n", "a = b\n", "x = y\n", "cyber\n" };
	msgs = load_tmp_claim_rules(cues, &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 1);
	CHECK_STR(msgs, "RULES/stopwords.txt:2:1: warning: 'the' is listed twice\n"
			"RULES/negation.txt:2:1: error: 'say' is already a cue of another kind\n");
	free(msgs);

	/* a prefix that is not letters; a missing file */
	const char *prefix[] = { "the\n", "say\n", "not\n", "a = b\n", NULL, "cyber-\n" };
	msgs = load_tmp_claim_rules(prefix, &ok, &errors);
	CHECK(!ok);
	CHECK_INT(errors, 2);
	CHECK(strstr(msgs, "RULES/claim-prefixes.txt:1:6: error: a prefix is ASCII letters only: 'cyber-'\n") != NULL);
	CHECK(strstr(msgs, "RULES/claim-synonyms.txt: error: cannot read 'RULES/claim-synonyms.txt'\n") != NULL);
	free(msgs);
}

static double unit_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void test_claims_cluster(void)
{
	/* paraphrases join; unrelated claims, one-term claims and empty ones
	 * stay alone; ids count from 0 in order of first member */
	const char *texts[] = {
		"Aldmark is against all forms of cyber-attacks and cyber-terrorism",
		"The ferry to Tollis will stop running in March",
		"Aldmark opposes all forms of cyberattacks and cyber terrorism.",
		"The Tollis ferry will stop running in March, the operator said",
		"tolls",
		"tolls",
		"",
		"Harbor tolls will double next year",
	};
	size_t n = sizeof(texts) / sizeof(*texts);
	char *terms[8];
	long long arts[8] = { 1, 1, 2, 2, 3, 4, 5, 6 };
	size_t cl[8];
	for (size_t i = 0; i < n; i++) {
		strbuf sb = STRBUF_INIT;
		claim_normalize(the_claim_rules, texts[i], strlen(texts[i]), CLAIM_ASSERT, &sb);
		terms[i] = strbuf_detach(&sb, NULL);
	}
	size_t k = claims_cluster(terms, arts, n, CLAIMS_CLAIM_THRESHOLD, cl);
	CHECK_INT(k, 6);
	CHECK_INT(cl[0], 0);
	CHECK_INT(cl[1], 1);
	CHECK_INT(cl[2], 0);
	CHECK_INT(cl[3], 1);
	CHECK_INT(cl[4], 2);
	CHECK_INT(cl[5], 3);
	CHECK_INT(cl[6], 4);
	CHECK_INT(cl[7], 5);
	/* no article ids, NULL terms, n = 0 */
	char *none[2] = { NULL, terms[0] };
	CHECK_INT(claims_cluster(none, NULL, 2, 0.5, cl), 2);
	CHECK_INT(claims_cluster(terms, NULL, 0, 0.5, cl), 0);

	/* told in other words: with what is known of each claim, a shorter
	 * claim mostly contained in a longer one joins it when they share a
	 * source or a figure and their polarity; so do claims that share four
	 * terms or more at a Jaccard similarity of 0.4 */
	{
		const char *para[] = {
			/* 0, 1: a figure in common, the longer has more detail */
			"about nine tonnes of grain had spilled from the capsized barge at Wexmoor quay into the estuary on Tuesday",
			"About nine tonnes of grain spilled",
			/* 2, 3: one source, no figure, one claim in more words */
			"the Wexmoor ferry would stay closed until the harbour board had cleared it",
			"The ferry stays closed until then at least",
			/* 4, 5: as 2, 3 but of other sources and no figure */
			"the Wexmoor ferry would stay closed until the harbour board had cleared it",
			"The ferry stays closed until then at least",
			/* 6, 7: as 0, 1 but a denial */
			"about nine tonnes of grain had spilled from the capsized barge at Wexmoor quay into the estuary on Tuesday",
			"About nine tonnes of grain spilled",
			/* 8, 9: one source; the longer is two claims (too long) */
			"the barge ran aground off the Orlen bank at dusk and the crew were taken off by the lifeboat "
			"before the grain spilled into the estuary",
			"the grain spilled into the estuary",
			/* 10, 11: one source, six terms shared of fifteen */
			"the harbour board warned Tollis Shipping in a letter in March that its barges were unsafe and should be "
			"withdrawn",
			"the board had written to Tollis Shipping in March last year to say its barges were unsafe and needed urgent "
			"repairs",
			/* 12, 13: one source, four terms of ten; 14, 15: the same,
			 * but each names a company the other does not */
			"the agency downgraded Varlo Shipping's debt securities",
			"the agency downgraded the debt securities of Tessit Ferries and its harbour unit",
			"the agency downgraded Varlo Shipping's debt securities",
			"the agency downgraded the debt securities of Tessit Ferries and its harbour unit",
			/* 16, 17: one source, five terms of twelve, but other figures */
			"its grain sales at the Wexmoor quay rose 4 pct in March",
			"grain sales rose 9 pct in March on higher prices for barley",
		};
		struct claim_info info[] = {
			{ 1, CLAIM_ASSERT, NULL }, { 2, CLAIM_ASSERT, NULL }, { 3, CLAIM_ASSERT, NULL },
			{ 3, CLAIM_ASSERT, NULL }, { 4, CLAIM_ASSERT, NULL }, { 5, CLAIM_ASSERT, NULL },
			{ 6, CLAIM_ASSERT, NULL }, { 7, CLAIM_DENY, NULL },   { 8, CLAIM_ASSERT, NULL },
			{ 8, CLAIM_ASSERT, NULL }, { 9, CLAIM_ASSERT, NULL }, { 9, CLAIM_ASSERT, NULL },
			{ 10, CLAIM_ASSERT, NULL }, { 10, CLAIM_ASSERT, NULL },
			{ 10, CLAIM_ASSERT, "ship varlo" }, { 10, CLAIM_ASSERT, "ferri tessit" },
			{ 11, CLAIM_ASSERT, NULL }, { 11, CLAIM_ASSERT, NULL },
		};
		size_t np = sizeof(para) / sizeof(*para);
		char *pt[18];
		size_t pc[18], plain[18];
		for (size_t i = 0; i < np; i++) {
			strbuf sb = STRBUF_INIT;
			claim_normalize(the_claim_rules, para[i], strlen(para[i]), CLAIM_ASSERT, &sb);
			pt[i] = strbuf_detach(&sb, NULL);
		}
		/* each pair alone (the pairs repeat texts) */
		int want[] = { 1, 1, 0, 0, 0, 1, 1, 0, 0 };
		for (size_t i = 0; i < np; i += 2) {
			claims_cluster(pt + i, NULL, 2, CLAIMS_CLAIM_THRESHOLD, plain);
			CHECK(plain[0] != plain[1]);   /* below the threshold */
			claims_cluster_with(pt + i, info + i, NULL, 2, CLAIMS_CLAIM_THRESHOLD, pc);
			if ((pc[0] == pc[1]) != want[i / 2])
				fprintf(stderr, "pair %zu: %s / %s\n", i, pt[i], pt[i + 1]);
			CHECK_INT(pc[0] == pc[1], want[i / 2]);
			claims_cluster_with(pt + i, NULL, NULL, 2, CLAIMS_CLAIM_THRESHOLD, pc);
			CHECK(pc[0] != pc[1]);   /* no info: claims_cluster itself */
		}
		/* all at once, seeded with claims_cluster's clusters (in place):
		 * the same clusters as from the terms alone */
		size_t seeded[18];
		claims_cluster(pt, NULL, np, CLAIMS_CLAIM_THRESHOLD, seeded);
		claims_cluster_with(pt, info, seeded, np, CLAIMS_CLAIM_THRESHOLD, seeded);
		claims_cluster_with(pt, info, NULL, np, CLAIMS_CLAIM_THRESHOLD, pc);
		int same_partition = 1;
		for (size_t i = 0; i < np; i++)
			for (size_t j = 0; j < np; j++)
				same_partition &= (pc[i] == pc[j]) == (seeded[i] == seeded[j]);
		CHECK(same_partition);
		for (size_t i = 0; i < np; i++)
			free(pt[i]);
	}

	/* stories: articles sharing claims and words join */
	char *arts_terms[3] = { "c1 ferri tolli stop march", "c1 ferri tolli march run", "harbor toll doubl" };
	CHECK_INT(claims_stories(arts_terms, 3, CLAIMS_STORY_THRESHOLD, cl), 2);
	CHECK_INT(cl[0], 0);
	CHECK_INT(cl[1], 0);
	CHECK_INT(cl[2], 1);
	for (size_t i = 0; i < n; i++)
		free(terms[i]);

	/* 20,000 random claims, with a paraphrase (one word more) of every
	 * tenth: all the paraphrases are found, nothing else joins, and it is
	 * quick (the bound is loose for sanitizer builds) */
	size_t big = 20000;
	char **bt = xmalloc(big * sizeof(*bt));
	size_t *bc = xmalloc(big * sizeof(*bc));
	unsigned long long x = 42;
	for (size_t i = 0; i < big; i++) {
		strbuf sb = STRBUF_INIT;
		if (i % 10 == 9) {
			strbuf_addf(&sb, "%s extra%zu", bt[i - 5], i);
		} else {
			for (int w = 0; w < 8; w++) {
				x = x * 6364136223846793005ull + 1442695040888963407ull;
				strbuf_addf(&sb, "%sw%llu", w ? " " : "", (x >> 33) % 50000);
			}
		}
		bt[i] = strbuf_detach(&sb, NULL);
	}
	double t0 = unit_now();
	k = claims_cluster(bt, NULL, big, CLAIMS_CLAIM_THRESHOLD, bc);
	double secs = unit_now() - t0;
	CHECK(secs < 10.0);
	CHECK_INT(k, big - big / 10);
	int paired = 1;
	for (size_t i = 9; i < big; i += 10)
		if (bc[i] != bc[i - 5])
			paired = 0;
	CHECK(paired);
	for (size_t i = 0; i < big; i++)
		free(bt[i]);
	free(bt);
	free(bc);
}

/* ---- store and cross-references (store.h, xref.h) ---------------------- */

static struct xref_rules *the_xref_rules;

static char *name_key(const char *name, enum source_kind kind)
{
	return xref_name_key(name, strlen(name), kind, the_rules, the_xref_rules);
}

#define CHECK_KEY(name, kind, want) do { \
		char *k_ = name_key((name), (kind)); \
		CHECK_STR(k_, (want)); \
		free(k_); \
	} while (0)

static void test_xref_name_key(void)
{
	/* titles and honorifics are not part of a person's identity */
	CHECK_KEY("Barack Obama", SK_PERSON, "n:barack obama");
	CHECK_KEY("President Barack Obama", SK_PERSON, "n:barack obama");
	CHECK_KEY("Mr. Brekke", SK_PERSON, "n:brekke");
	/* case, marks, typographic apostrophes and periods fold */
	CHECK_KEY("Jos\xc3\xa9 \xc3\x81lvarez", SK_PERSON, "n:jose alvarez");
	CHECK_KEY("J. R. Olsen", SK_PERSON, "n:j r olsen");
	/* organizations: "the" and possessives go, aliases apply */
	CHECK_KEY("the Federal Bureau of Investigation", SK_ORGANIZATION, "n:federal bureau of investigation");
	CHECK_KEY("FBI", SK_ORGANIZATION, "n:federal bureau of investigation");
	CHECK_KEY("the DPRK", SK_ORGANIZATION, "n:north korea");
	CHECK_KEY("Aldmark\xe2\x80\x99s environment agency", SK_ORGANIZATION, "n:aldmark environment agency");
	/* a form in capitals matches only capitals */
	CHECK_KEY("WHO", SK_ORGANIZATION, "n:world health organization");
	CHECK_KEY("Who", SK_ORGANIZATION, "n:who");
}

/* An article from text, extracted and turned into rows. */
static struct store_doc *doc_from(const char *path, const char *text, struct extraction *x,
				  struct quote_scratch *qs)
{
	struct diag d;
	quiet_diag(&d);
	struct article *a = article_from_buffer(xstrdup(text), strlen(text), path, FORMAT_TEXT, &d);
	fclose(d.out);
	if (!a)
		return NULL;
	extraction_run(x, a, the_rules, qs, NULL);
	return xref_doc(x, xstrdup(path), the_rules, the_xref_rules, NULL);
}

static long long count_rows(struct store *s, const char *sql)
{
	sqlite3_stmt *st = store_prepare(s, sql);
	long long n = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static const struct store_source *doc_source(const struct store_doc *sd, const char *name)
{
	for (size_t i = 0; i < sd->nsources; i++)
		if (!strcmp(sd->sources[i].name, name))
			return &sd->sources[i];
	return NULL;
}

static void test_xref_doc(void)
{
	struct extraction x;
	struct quote_scratch qs;
	extraction_init(&x);
	quote_scratch_init(&qs);
	struct store_doc *sd = doc_from("brekke.txt",
		"Title: Inquiry\n\nEnvironment Minister Tomas Brekke visited the river on Monday.\n\n"
		"\"We will find out who did this,\" Brekke said.\n\n"
		"\"The water is safe,\" said a person familiar with the tests.\n", &x, &qs);
	CHECK(sd != NULL);
	if (sd) {
		/* a bare surname takes the full name its own article gives */
		const struct store_source *b = doc_source(sd, "Brekke");
		if (!b)
			b = doc_source(sd, "Tomas Brekke");
		CHECK(b != NULL);
		if (b) {
			CHECK_STR(b->key, "n:tomas brekke");
			CHECK(!b->per_article);
		}
		/* an anonymous source belongs to its article */
		int anon = 0;
		for (size_t i = 0; i < sd->nsources; i++)
			if (sd->sources[i].kind == SK_ANONYMOUS) {
				anon = 1;
				CHECK(sd->sources[i].per_article);
				CHECK(!strncmp(sd->sources[i].key, "a:brekke\x1f", 9));
			}
		CHECK(anon);
		/* quotes in text order, each with its claim terms */
		CHECK_INT(sd->nquotes, 2);
		for (size_t i = 0; i < sd->nquotes; i++) {
			CHECK_INT(sd->quotes[i].n, i + 1);
			CHECK(sd->quotes[i].terms != NULL && sd->quotes[i].terms[0]);
			if (i)
				CHECK(sd->quotes[i].start > sd->quotes[i - 1].start);
		}
	}
	store_doc_free(sd);
	extraction_release(&x);
	quote_scratch_release(&qs);
}

static void test_store_put(void)
{
	char dir[] = "/tmp/whosaid-unit-XXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	char path[64];
	snprintf(path, sizeof(path), "%s/t.db", dir);
	struct diag d;
	quiet_diag(&d);
	struct store *s = store_open(path, STORE_CREATE, &d);
	CHECK(s != NULL);
	struct extraction x;
	struct quote_scratch qs;
	extraction_init(&x);
	quote_scratch_init(&qs);
	const char *v1 = "Title: Pier\n\n\"We will rebuild the pier,\" said Mayor Ana Holt.\n\n"
			 "\"It will take a year,\" said Ola Berg, the harbor engineer.\n";
	const char *v2 = "Title: Pier\n\n\"We will rebuild the pier by June,\" said Mayor Ana Holt.\n";
	if (s) {
		CHECK_INT(count_rows(s, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
		struct store_doc *sd = doc_from("pier.txt", v1, &x, &qs);
		CHECK_INT(store_put(s, sd, 0), STORE_ADDED);
		CHECK_INT(store_put(s, sd, 0), STORE_UNCHANGED);
		store_doc_free(sd);
		/* stored, its rows pending until a flush */
		CHECK_INT(count_rows(s, "SELECT count(*) FROM articles"), 1);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM pending"), 1);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM quotes"), 0);
		CHECK_INT(store_flush(s), 0);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM pending"), 0);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM quotes"), 2);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM claims"), 2);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM sources"), 2);
		long long gen = store_meta(s, "generation");
		/* the same bytes again: same hash, nothing to do */
		sd = doc_from("other/pier.txt", v1, &x, &qs);
		CHECK_INT(store_put(s, sd, 0), STORE_UNCHANGED);
		store_doc_free(sd);
		CHECK_INT(store_meta(s, "generation"), gen);
		/* changed: its rows are replaced; a speaker no longer quoted goes */
		sd = doc_from("pier.txt", v2, &x, &qs);
		CHECK_INT(store_put(s, sd, 0), STORE_REPLACED);
		store_doc_free(sd);
		/* a replaced article's rows are written with it */
		CHECK_INT(count_rows(s, "SELECT count(*) FROM pending"), 0);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM articles"), 1);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM quotes"), 1);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM sources"), 1);
		CHECK_INT(store_meta(s, "generation"), gen + 1);
		CHECK_INT(store_check(s), 0);
		/* clusters and stories are cached for this generation */
		CHECK_INT(xref_refresh(s, XREF_DEFAULT_THRESHOLD, XREF_STORY_THRESHOLD, &d), 0);
		CHECK_INT(store_meta(s, "clusters"), gen + 1);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM stories"), 1);
		CHECK_INT(count_rows(s, "SELECT count(*) FROM claims WHERE cluster IS NULL"), 0);
		/* rows left pending (a killed ingest) are written by the next open */
		sd = doc_from("quay.txt", v1, &x, &qs);
		CHECK_INT(store_put(s, sd, 0), STORE_ADDED);
		store_doc_free(sd);
		store_close(s);
		s = store_open(path, STORE_READ, &d);
		CHECK(s != NULL);
		if (s) {
			CHECK_INT(count_rows(s, "SELECT count(*) FROM pending"), 0);
			CHECK_INT(count_rows(s, "SELECT count(*) FROM quotes"), 3);
			CHECK_INT(store_meta(s, "generation"), gen + 2);
			CHECK_INT(store_check(s), 0);
		}
	}
	store_close(s);
	/* the hash covers the metadata and the bytes */
	struct article *a1 = article_from_buffer(xstrdup(v1), strlen(v1), "a.txt", FORMAT_TEXT, &d);
	struct article *a2 = article_from_buffer(xstrdup(v1), strlen(v1), "b/a.txt", FORMAT_TEXT, &d);
	struct article *a3 = article_from_buffer(xstrdup(v2), strlen(v2), "a.txt", FORMAT_TEXT, &d);
	if (a1 && a2 && a3) {
		unsigned char h1[STORE_HASH_BYTES], h2[STORE_HASH_BYTES], h3[STORE_HASH_BYTES];
		store_article_hash(a1, h1);
		store_article_hash(a2, h2);
		store_article_hash(a3, h3);
		CHECK(!memcmp(h1, h2, sizeof(h1)));
		CHECK(memcmp(h1, h3, sizeof(h1)) != 0);
	}
	article_free(a1);
	article_free(a2);
	article_free(a3);
	/* the hash every stored database holds for this article (whatever
	 * SHA-256 rounds this machine runs: WHOSAID_NO_FAST for the portable
	 * ones) */
	strbuf story = STRBUF_INIT;
	if (strbuf_read_file(&story, "tests/story/harbor-courier.txt") == 0) {
		size_t len = story.len;
		struct article *hc = article_from_buffer(strbuf_detach(&story, NULL), len, "tests/story/harbor-courier.txt",
							 FORMAT_TEXT, &d);
		CHECK(hc != NULL);
		if (hc) {
			unsigned char h[STORE_HASH_BYTES];
			char hex[2 * STORE_HASH_BYTES + 1];
			store_article_hash(hc, h);
			for (size_t i = 0; i < STORE_HASH_BYTES; i++)
				snprintf(hex + 2 * i, 3, "%02X", h[i]);
			CHECK_STR(hex, "61DD5AA1747240F23E6246C4BE69884B974C93C3CBFBB135F9650A022244758C");
		}
		article_free(hc);
	} else {
		CHECK(!"cannot read tests/story/harbor-courier.txt");
	}
	strbuf_release(&story);
	/* a newer schema is refused */
	if ((s = store_open(path, STORE_READ, &d))) {
		store_exec(s, "PRAGMA user_version = 99");
		store_close(s);
	}
	unsigned errors = d.errors;
	s = store_open(path, STORE_READ, &d);
	CHECK(s == NULL);
	CHECK(d.errors == errors + 1);
	char *msgs = slurp(d.out);
	CHECK(strstr(msgs, "has schema version 99, newer than this whosaid knows") != NULL);
	free(msgs);
	fclose(d.out);
	store_close(s);
	extraction_release(&x);
	quote_scratch_release(&qs);
	const char *const suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/t.db%s", dir, suffix[i]);
		unlink(path);
	}
	CHECK(rmdir(dir) == 0);
}

/* walvfs: a transaction's WAL frames reach the file in one write, before
 * its commit returns: another connection (SQLite's own VFS) sees it at
 * once; a transaction larger than the buffer is written in pieces. */
static void test_walvfs(void)
{
	char dir[] = "/tmp/whosaid-unit-XXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(!"mkdtemp");
		return;
	}
	char path[64], wal[80];
	snprintf(path, sizeof(path), "%s/w.db", dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	struct diag d;
	quiet_diag(&d);
	struct store *s = store_open(path, STORE_CREATE, &d);
	CHECK(s != NULL);
	CHECK(walvfs_name() != NULL);
	sqlite3 *other = NULL;
	CHECK(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
	if (s && other) {
		CHECK_INT(store_exec(s, "CREATE TABLE t(x TEXT)"), 0);
		/* one row of three pages and an index: several frames, one write */
		long before = walvfs_wal_writes();
		CHECK_INT(store_exec(s, "BEGIN IMMEDIATE; CREATE INDEX t_x ON t(substr(x, 1, 8));"
					"INSERT INTO t VALUES (printf('%.10000c', 'q')); COMMIT"), 0);
		CHECK_INT(walvfs_wal_writes() - before, 1);
		struct stat stw;
		CHECK(stat(wal, &stw) == 0);
		/* the WAL header and whole frames of 4096 + 24 bytes */
		CHECK(stw.st_size > 32 + 3 * 4120 && (stw.st_size - 32) % 4120 == 0);
		sqlite3_stmt *st = NULL;
		long long n = -1;
		if (sqlite3_prepare_v2(other, "SELECT count(*), sum(length(x)) FROM t", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			n = sqlite3_column_int64(st, 0);
			CHECK_INT(sqlite3_column_int64(st, 1), 10000);
		}
		sqlite3_finalize(st);
		CHECK_INT(n, 1);
		/* about 600 KB of frames: more than one write holds */
		before = walvfs_wal_writes();
		CHECK_INT(store_exec(s, "BEGIN IMMEDIATE; WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 "
					"FROM k WHERE i < 150) INSERT INTO t SELECT printf('%d%.3000c', i, 'w') FROM k; "
					"COMMIT"), 0);
		CHECK(walvfs_wal_writes() - before >= 5);
		st = NULL;
		n = -1;
		if (sqlite3_prepare_v2(other, "SELECT count(*) FROM t", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		CHECK_INT(n, 151);
		/* the checkpoint copies some 150 adjacent pages to the database
		   file in a few writes, and the other connection reads them
		   there once the WAL is emptied */
		before = walvfs_db_writes();
		CHECK_INT(store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)"), 0);
		long db_writes = walvfs_db_writes() - before;
		CHECK(db_writes >= 1 && db_writes <= 20);
		CHECK(stat(wal, &stw) == 0);
		CHECK_INT(stw.st_size, 0);
		st = NULL;
		n = -1;
		if (sqlite3_prepare_v2(other, "SELECT count(*), sum(length(x)) FROM t", -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			n = sqlite3_column_int64(st, 0);
			CHECK_INT(sqlite3_column_int64(st, 1), 10000 + 150 * 3000 + 9 + 90 * 2 + 51 * 3);
		}
		sqlite3_finalize(st);
		CHECK_INT(n, 151);
		CHECK_INT(store_check(s), 0);
	}
	sqlite3_close(other);
	store_close(s);
	fclose(d.out);
	const char *const suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/w.db%s", dir, suffix[i]);
		unlink(path);
	}
	CHECK(rmdir(dir) == 0);
}

/* Hard-wrapped text joins its lines (the line break read as a space);
 * paragraphs parted by blank lines, or one a line, stay apart. */
static void test_segment_wrapped(void)
{
	struct seg_fixture f;
	seg_open(&f, "The harbour board voted on Monday to rebuild the pier. \"We are ready,\"\r\n"
		     "she told reporters after the vote, which came a year after the storm.\r\n"
		     "\r\n"
		     "Work starts in May, the board of the harbour said in its statement.\r\n");
	CHECK_INT(f.s.nparas, 2);
	CHECK(f.a->decoded);
	CHECK(strstr(f.a->scan, "\"We are ready,\"  she told") != NULL);
	strbuf sb = STRBUF_INIT;
	article_words(f.a, f.s.paras[0].start, f.s.paras[0].end, &sb);
	CHECK(strstr(sb.buf, "\"We are ready,\" she told") != NULL);
	strbuf_release(&sb);
	seg_close(&f);
	/* one paragraph a line, lines longer than any wrapping width */
	seg_open(&f, "The harbour board of Dorrin voted on Monday to rebuild the pier that the storm of last March tore apart.\n"
		     "Work will begin in May, the board said in a statement on Monday, and the pier will reopen next spring.\n");
	CHECK_INT(f.s.nparas, 2);
	seg_close(&f);
}

int main(void)
{
	struct diag d;
	quiet_diag(&d);
	the_rules = rules_load("rules", &d);
	if (!the_rules) {
		char *msgs = slurp(d.out);
		printf("unit: cannot load the rules in ./rules (run from the repository root):\n%s", msgs);
		free(msgs);
	}
	fclose(d.out);

	test_strbuf_basics();
	test_strbuf_detach();
	test_strbuf_json();
	test_strbuf_read_file();
	test_read_header_block();
	test_read_markdown();
	test_read_jsonl();
	test_read_inputs_as_given();
	test_doc_id();
	test_rules_errors();
	test_rules_wordlist_errors();
	test_rules_real();
	test_rules_ascii();
	test_rules_trees();
	if (the_rules) {
		test_segment_paragraphs();
		test_segment_sentences();
		test_segment_qmarks();
		test_segment_wrapped();
		test_mention_parse();
		test_extraction();
		test_rules_needs();
	} else {
		n_failed++;
		printf("%s:%d: FAILED: rules_load(\"rules\") (segment, mention and extraction tests skipped)\n",
		       __FILE__, __LINE__);
	}
	rules_free(the_rules);

	quiet_diag(&d);
	the_claim_rules = claim_rules_load("rules", &d);
	if (the_claim_rules) {
		test_claims_normalize();
		test_claims_cluster();
	} else {
		char *msgs = slurp(d.out);
		n_failed++;
		printf("%s:%d: FAILED: claim_rules_load(\"rules\") (claim tests skipped):\n%s", __FILE__, __LINE__,
		       msgs);
		free(msgs);
	}
	fclose(d.out);
	claim_rules_free(the_claim_rules);
	test_claims_rules();

	/* the store and cross-references */
	quiet_diag(&d);
	the_rules = rules_load("rules", &d);
	the_xref_rules = the_rules ? xref_rules_load("rules", the_rules, &d) : NULL;
	fclose(d.out);
	if (the_xref_rules) {
		test_xref_name_key();
		test_xref_doc();
		test_store_put();
		test_walvfs();
	} else {
		n_failed++;
		printf("%s:%d: FAILED: xref_rules_load(\"rules\") (store tests skipped)\n", __FILE__, __LINE__);
	}
	xref_rules_free(the_xref_rules);
	rules_free(the_rules);
	the_rules = NULL;

	printf("%u passed, %u failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}
