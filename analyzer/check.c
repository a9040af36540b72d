#define _POSIX_C_SOURCE 200809L
#include "check.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <jansson.h>
#include <utf8proc.h>

#include "hash.h"
#include "strbuf.h"
#include "text.h"

const struct check_rule_info check_rule_info[CHECK__N] = {
	{ "unattributed-quote", "UnattributedQuote",
	  "A quotation that the article attributes to no one.",
	  "Name the speaker next to the quotation, or cut the quotation.", 0, DIAG_WARNING },
	{ "vague-attribution", "VagueAttribution",
	  "A claim attributed to no identifiable source, such as some experts, critics, or reports.",
	  "Name who said it, or say how the claim was established.", 0, DIAG_WARNING },
	{ "anonymous-source", "AnonymousSource",
	  "An anonymous source: a note when the article says why it is not named, a warning when it does not.",
	  "Say why the source cannot be named (who asked not to be identified because ...), or name it.", 0,
	  DIAG_WARNING },
	{ "unclosed-quote", "UnclosedQuote", "A quotation mark opened and never closed.",
	  "Close the quotation where the speaker's words end.", 0, DIAG_ERROR },
	{ "quote-drift", "QuoteDrift",
	  "The same speaker's quotation reads differently in another stored article: a likely misquote.",
	  "Check the wording against the recording or the other article, and correct the one that is wrong.", 1,
	  DIAG_ERROR },
	{ "attribution-drift", "AttributionDrift",
	  "The same quotation is attributed to a different speaker in another stored article.",
	  "Check who said it, and correct the attribution here or in the other article.", 1, DIAG_ERROR },
	{ "contradicts-store", "ContradictsStore",
	  "A claim that contradicts a claim already stored, said by someone else in another article.",
	  "Report the disagreement (say who holds the other view), or check the claim.", 1, DIAG_WARNING },
};

enum check_rule check_rule_by_id(const char *id, size_t len)
{
	for (int i = 0; i < CHECK__N; i++)
		if (strlen(check_rule_info[i].id) == len && !memcmp(check_rule_info[i].id, id, len))
			return (enum check_rule)i;
	return CHECK__N;
}

const char *check_level_name(enum diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

static int level_by_name(const char *s, size_t n, enum diag_level *l)
{
	static const enum diag_level levels[] = { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };
	for (int i = 0; i < 3; i++) {
		const char *name = check_level_name(levels[i]);
		if (strlen(name) == n && !memcmp(name, s, n)) {
			*l = levels[i];
			return 0;
		}
	}
	return -1;
}

void check_findings_release(struct check_findings *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].other_doc);
		free(f->v[i].other_path);
		free(f->v[i].other_text);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

/* ---- config: rules/checks ------------------------------------------------ */

void check_config_default(struct check_config *c)
{
	for (int i = 0; i < CHECK__N; i++) {
		c->enabled[i] = 1;
		c->level[i] = check_rule_info[i].level;
	}
	c->reasoned_level = DIAG_NOTE;
}

static const char *skip_blank(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++;
	return s;
}

static const char *trim_end(const char *s, const char *end)
{
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return end;
}

int check_config_load(struct check_config *c, const char *path, const char *rules_dir, struct diag *d)
{
	strbuf p = STRBUF_INIT, text = STRBUF_INIT;
	if (path)
		strbuf_addstr(&p, path);
	else
		strbuf_addf(&p, "%s/checks", rules_dir ? rules_dir : rules_default_dir());
	if (strbuf_read_file(&text, p.buf) < 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot read check config '%s'", p.buf);
		strbuf_release(&p);
		strbuf_release(&text);
		return -1;
	}
	int bad = 0;
	unsigned lineno = 0;
	for (const char *line = text.buf; line < text.buf + text.len; lineno++) {
		const char *nl = memchr(line, '\n', (size_t)(text.buf + text.len - line));
		const char *end = nl ? nl : text.buf + text.len;
		const char *next = nl ? nl + 1 : end;
		for (const char *h = line; h < end; h++)
			if (*h == '#' && (h == line || h[-1] == ' ' || h[-1] == '\t')) {
				end = h;
				break;
			}
		const char *f[4];
		size_t fl[4];
		int nf = 0;
		const char *s = skip_blank(line, end);
		if (s == end) {
			line = next;
			continue;
		}
		while (nf < 4) {
			const char *bar = memchr(s, '|', (size_t)(end - s));
			const char *fe = bar ? bar : end;
			f[nf] = skip_blank(s, fe);
			fl[nf] = (size_t)(trim_end(f[nf], fe) - f[nf]);
			nf++;
			if (!bar)
				break;
			s = bar + 1;
		}
		unsigned col0 = (unsigned)(f[0] - line) + 1;
		enum check_rule rule = check_rule_by_id(f[0], fl[0]);
		if (rule == CHECK__N) {
			diag_report(d, DIAG_ERROR, p.buf, lineno + 1, col0, "unknown rule '%.*s'", (int)fl[0], f[0]);
			bad = 1;
		} else if (nf < 3) {
			diag_report(d, DIAG_ERROR, p.buf, lineno + 1, col0,
				    "expected 'rule-id | on|off | error|warning|note'");
			bad = 1;
		} else {
			unsigned col1 = (unsigned)(f[1] - line) + 1, col2 = (unsigned)(f[2] - line) + 1;
			if (fl[1] == 2 && !memcmp(f[1], "on", 2))
				c->enabled[rule] = 1;
			else if (fl[1] == 3 && !memcmp(f[1], "off", 3))
				c->enabled[rule] = 0;
			else {
				diag_report(d, DIAG_ERROR, p.buf, lineno + 1, col1, "expected 'on' or 'off', not '%.*s'",
					    (int)fl[1], f[1]);
				bad = 1;
			}
			if (level_by_name(f[2], fl[2], &c->level[rule])) {
				diag_report(d, DIAG_ERROR, p.buf, lineno + 1, col2,
					    "unknown severity '%.*s' (error, warning, note)", (int)fl[2], f[2]);
				bad = 1;
			}
			if (nf == 4) {
				unsigned col3 = (unsigned)(f[3] - line) + 1;
				if (rule != CHECK_ANONYMOUS_SOURCE) {
					diag_report(d, DIAG_ERROR, p.buf, lineno + 1, col3,
						    "only anonymous-source takes a second severity");
					bad = 1;
				} else if (level_by_name(f[3], fl[3], &c->reasoned_level)) {
					diag_report(d, DIAG_ERROR, p.buf, lineno + 1, col3,
						    "unknown severity '%.*s' (error, warning, note)", (int)fl[3], f[3]);
					bad = 1;
				}
			}
		}
		line = next;
	}
	strbuf_release(&p);
	strbuf_release(&text);
	return bad ? -1 : 0;
}

/* ---- patterns: rules/check.rules ----------------------------------------- */

enum pattern_kind { PK_VAGUE, PK_REASON };

struct check_pattern {
	char *id;
	enum pattern_kind kind;
	pcre2_code *code;
	int g_at;
};

struct macro {
	char *name;
	char *body;
};

struct checker {
	const struct rules *r;
	const struct check_config *cfg;
	struct store *st;
	struct check_pattern *pats;
	size_t npats;
	pcre2_code *cue;          /* any cue form of cues.txt, as a word */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	sqlite3_stmt *by_speaker, *by_terms, *by_proposition, *by_figure, *quotes_source;
	int last_figure_found; /* check_figure() made a finding */
};

static void add_escaped_word(strbuf *sb, const char *w)
{
	for (const char *p = w; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == ' ')
			strbuf_addstr(sb, "\\s+");
		else if (ch < 0x80 && !((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			strbuf_addf(sb, "\\x{%x}", ch);
		else
			strbuf_addch(sb, (char)ch);
	}
}

static int cmp_longest_first(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la > lb ? -1 : 1;
	return strcmp(a, b);
}

/* An alternation of the keys of ws (whose value is kind, or any when kind
 * is -1), longest first, as whole words; plural adds an optional -s/-es.
 * With cues (ws is the cue forms), the forms of frame object ("endorsed")
 * are left out: they are no verbs of saying. */
static char *word_macro(const struct wordset *ws, int kind, int plural, const struct cue *cues)
{
	const char **keys = xmalloc((ws->n + 1) * sizeof(char *));
	size_t n = 0;
	for (size_t i = 0; i < ws->cap; i++)
		if (ws->keys[i] && (kind < 0 || ws->vals[i] == kind) &&
		    !(cues && cues[ws->vals[i]].frame == CUE_OBJECT))
			keys[n++] = ws->keys[i];
	qsort(keys, n, sizeof(char *), cmp_longest_first);
	strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "(?i:");
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(&sb, '|');
		add_escaped_word(&sb, keys[i]);
	}
	if (!n)
		strbuf_addstr(&sb, "(?!)");
	strbuf_addstr(&sb, plural ? ")(?:e?s)?(?![\\p{L}\\p{N}])" : ")(?![\\p{L}\\p{N}])");
	free(keys);
	return strbuf_detach(&sb, NULL);
}

static const struct macro *macro_find(const struct macro *m, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(m[i].name) == len && !memcmp(m[i].name, name, len))
			return &m[i];
	return NULL;
}

/* Appends line with every {NAME} replaced by its macro; returns -1 after
 * reporting an unknown one. */
static int expand(strbuf *out, const char *s, size_t n, const struct macro *m, size_t nm, const char *file,
		  unsigned line, unsigned col0, struct diag *d)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '{' && !(i >= 2 && s[i - 2] == '\\' && (s[i - 1] == 'p' || s[i - 1] == 'P'))) {
			size_t j = i + 1;
			while (j < n && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9') || s[j] == '_'))
				j++;
			if (j < n && s[j] == '}' && j > i + 1 && s[i + 1] >= 'A' && s[i + 1] <= 'Z') {
				const struct macro *mac = macro_find(m, nm, s + i + 1, j - i - 1);
				if (!mac) {
					diag_report(d, DIAG_ERROR, file, line, col0 + (unsigned)i, "unknown macro '%.*s'",
						    (int)(j - i - 1), s + i + 1);
					return -1;
				}
				strbuf_addf(out, "(?:%s)", mac->body);
				i = j;
				continue;
			}
		}
		strbuf_addch(out, s[i]);
	}
	strbuf_addch(out, '\n');
	return 0;
}

static int valid_id(const char *s, size_t n, int upper)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		int ok = upper ? ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_')
			       : ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-');
		if (!ok)
			return 0;
	}
	return 1;
}

struct block {
	int kind;            /* 0 define, 1 vague, 2 reason */
	char *name;
	unsigned line;
	strbuf body;
	int lines;
};

static int finish_block(struct checker *c, struct block *b, struct macro **m, size_t *nm, size_t *mcap,
			const char *file, struct diag *d)
{
	int rc = 0;
	if (!b->name)
		return 0;
	if (!b->lines) {
		diag_report(d, DIAG_ERROR, file, b->line, 1, "'%s' has no pattern lines", b->name);
		rc = -1;
	} else if (b->kind == 0) {
		ALLOC_GROW(*m, *nm + 1, *mcap);
		(*m)[(*nm)++] = (struct macro){ b->name, strbuf_detach(&b->body, NULL) };
		b->name = NULL;
	} else {
		int err;
		PCRE2_SIZE off;
		pcre2_code *code = pcre2_compile((PCRE2_SPTR)b->body.buf, b->body.len,
						 PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_EXTENDED, &err,
						 &off, NULL);
		if (!code) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(err, msg, sizeof(msg));
			diag_report(d, DIAG_ERROR, file, b->line, 1, "pattern of '%s' does not compile: %s", b->name,
				    (const char *)msg);
			rc = -1;
		} else {
			pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
			int g = pcre2_substring_number_from_name(code, (PCRE2_SPTR) "at");
			c->pats = xrealloc(c->pats, (c->npats + 1) * sizeof(*c->pats));
			c->pats[c->npats++] = (struct check_pattern){ b->name, b->kind == 1 ? PK_VAGUE : PK_REASON, code,
								     g > 0 ? g : 0 };
			b->name = NULL;
		}
	}
	free(b->name);
	b->name = NULL;
	strbuf_reset(&b->body);
	b->lines = 0;
	return rc;
}

static int load_patterns(struct checker *c, const char *dir, struct diag *d)
{
	strbuf path = STRBUF_INIT, text = STRBUF_INIT;
	strbuf_addf(&path, "%s/check.rules", dir);
	if (strbuf_read_file(&text, path.buf) < 0) {
		diag_report(d, DIAG_ERROR, NULL, 0, 0, "cannot read rule file '%s'", path.buf);
		strbuf_release(&path);
		strbuf_release(&text);
		return -1;
	}
	const struct rules *r = c->r;
	struct macro *m = NULL;
	size_t nm = 0, mcap = 0;
	static const struct {
		const char *name;
		int kind;
	} builtins[] = { { "VAGUE_NOUN", SN_VAGUE }, { "ANON_NOUN", SN_ANONYMOUS }, { "SOURCE_NOUN", -1 } };
	for (size_t i = 0; i < sizeof(builtins) / sizeof(*builtins); i++) {
		ALLOC_GROW(m, nm + 1, mcap);
		m[nm++] = (struct macro){ xstrdup(builtins[i].name), word_macro(&r->source_nouns, builtins[i].kind, 1, NULL) };
	}
	ALLOC_GROW(m, nm + 1, mcap);
	m[nm++] = (struct macro){ xstrdup("CUE"), word_macro(&r->cue_forms, -1, 0, r->cues) };
	{
		strbuf cue = STRBUF_INIT;
		strbuf_addf(&cue, "(?<![\\p{L}\\p{N}])%s", m[nm - 1].body);
		int err;
		PCRE2_SIZE off;
		c->cue = pcre2_compile((PCRE2_SPTR)cue.buf, cue.len,
				       PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_EXTENDED, &err, &off, NULL);
		strbuf_release(&cue);
		if (c->cue)
			pcre2_jit_compile(c->cue, PCRE2_JIT_COMPLETE);
	}

	struct block b = { 0, NULL, 0, STRBUF_INIT, 0 };
	int bad = 0;
	unsigned lineno = 0;
	for (const char *line = text.buf; line < text.buf + text.len; lineno++) {
		const char *nl = memchr(line, '\n', (size_t)(text.buf + text.len - line));
		const char *end = nl ? nl : text.buf + text.len;
		const char *next = nl ? nl + 1 : end;
		const char *s = skip_blank(line, end);
		if (s == end || *s == '#') {
			line = next;
			continue;
		}
		if (s == line) {
			if (finish_block(c, &b, &m, &nm, &mcap, path.buf, d))
				bad = 1;
			const char *sp = line;
			while (sp < end && *sp != ' ' && *sp != '\t')
				sp++;
			const char *name = skip_blank(sp, end);
			const char *name_end = trim_end(name, end);
			size_t kl = (size_t)(sp - line);
			int kind = kl == 6 && !memcmp(line, "define", 6) ? 0
				   : kl == 5 && !memcmp(line, "vague", 5) ? 1
				   : kl == 6 && !memcmp(line, "reason", 6) ? 2 : -1;
			if (kind < 0) {
				diag_report(d, DIAG_ERROR, path.buf, lineno + 1, 1,
					    "expected 'define NAME', 'vague ID' or 'reason ID'");
				bad = 1;
			} else if (!valid_id(name, (size_t)(name_end - name), kind == 0)) {
				diag_report(d, DIAG_ERROR, path.buf, lineno + 1, (unsigned)(name - line) + 1,
					    kind == 0 ? "a macro name is UPPER_CASE" : "an id is lower-case-with-dashes");
				bad = 1;
			} else {
				b.kind = kind;
				b.name = xstrndup(name, (size_t)(name_end - name));
				b.line = lineno + 1;
				int dup = kind == 0 ? macro_find(m, nm, b.name, strlen(b.name)) != NULL : 0;
				for (size_t i = 0; kind && i < c->npats; i++)
					dup |= !strcmp(c->pats[i].id, b.name);
				if (dup) {
					diag_report(d, DIAG_ERROR, path.buf, lineno + 1, (unsigned)(name - line) + 1,
						    "duplicate name '%s'", b.name);
					free(b.name);
					b.name = NULL;
					bad = 1;
				}
			}
		} else if (!b.name) {
			if (!bad)
				diag_report(d, DIAG_ERROR, path.buf, lineno + 1, (unsigned)(s - line) + 1,
					    "a pattern line outside a block");
			bad = 1;
		} else {
			if (expand(&b.body, s, (size_t)(end - s), m, nm, path.buf, lineno + 1, (unsigned)(s - line) + 1,
				   d))
				bad = 1;
			b.lines++;
		}
		line = next;
	}
	if (finish_block(c, &b, &m, &nm, &mcap, path.buf, d))
		bad = 1;
	strbuf_release(&b.body);
	for (size_t i = 0; i < nm; i++) {
		free(m[i].name);
		free(m[i].body);
	}
	free(m);
	strbuf_release(&path);
	strbuf_release(&text);
	return bad ? -1 : 0;
}

struct checker *checker_new(const struct rules *r, const struct check_config *cfg, struct store *st,
			    struct diag *d)
{
	struct checker *c = xcalloc(1, sizeof(*c));
	c->r = r;
	c->cfg = cfg;
	c->st = st;
	if (load_patterns(c, r->dir, d)) {
		checker_free(c);
		return NULL;
	}
	c->md = pcre2_match_data_create(32, NULL);
	c->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(c->mctx, 1000000);
	if (st) {
		/* the speaker's other quotations: sources.key is unique, then
		 * quotes_source; the article's own earlier version is left out */
		c->by_speaker = store_prepare(st,
			"SELECT q.text, q.line, q.col, a.doc, a.path, a.format, c.terms"
			" FROM sources s JOIN quotes q ON q.source_id = s.id"
			" JOIN articles a ON a.id = q.article_id LEFT JOIN claims c ON c.id = q.id"
			" WHERE s.key = ?1 AND a.doc <> ?2 AND q.kind IN ('direct','block')"
			" ORDER BY a.doc, q.n");
		/* the same claim terms with another speaker: claims_terms, which
		 * holds the claims of four terms or more by a named person
		 * (claims.drift), the only ones this can find */
		c->by_terms = store_prepare(st,
			"SELECT q.text, q.line, q.col, a.doc, a.path, a.format, s.key, s.name, s.affil_key"
			" FROM claims c JOIN quotes q ON q.id = c.id"
			" JOIN articles a ON a.id = q.article_id JOIN sources s ON s.id = q.source_id"
			" WHERE c.terms = ?1 AND c.drift AND c.polarity = ?2 AND a.doc <> ?3 AND s.article_id IS NULL"
			" AND s.kind = 'person'"
			" ORDER BY a.doc, q.n");
		/* the other side of the same proposition: propositions_key */
		c->by_proposition = store_prepare(st,
			"SELECT q.text, q.line, q.col, a.doc, a.path, a.format, COALESCE(s.name, '')"
			" FROM propositions p JOIN quotes q ON q.id = p.quote_id"
			" JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = q.source_id"
			" WHERE p.key = ?1 AND p.side = ?2 AND a.doc <> ?3 AND p.stance_rule <> 'narrative.denied'"
			" ORDER BY a.doc, q.n LIMIT 1");
		/* the figures of one dimension ("amount(speed:" .. "amount(speed;"),
		 * and whether an article quotes a source: the other figures of the
		 * story, told as the articles that quote a source this one quotes */
		c->by_figure = store_prepare(st,
			"SELECT q.text, q.line, q.col, a.doc, a.path, a.format, COALESCE(s.name, ''), p.key, p.label,"
			" a.id, COALESCE(s.key, '')"
			" FROM propositions p JOIN quotes q ON q.id = p.quote_id"
			" JOIN articles a ON a.id = q.article_id LEFT JOIN sources s ON s.id = q.source_id"
			" WHERE p.key >= ?1 AND p.key < ?2 AND p.side = 'for' AND a.doc <> ?3"
			/* (only articles that quote a source this one quotes: the
			   limit then counts the figures that matter, however many
			   other stories of the store give figures of the dimension) */
			" AND q.article_id IN (SELECT q2.article_id FROM json_each(?4) j"
			"  JOIN sources s2 ON s2.key = j.value JOIN quotes q2 ON q2.source_id = s2.id)"
			" ORDER BY a.doc, q.n LIMIT 2000");
		c->quotes_source = store_prepare(st,
			"SELECT 1 FROM quotes q JOIN sources s ON s.id = q.source_id"
			" WHERE q.article_id = ?1 AND s.key = ?2 LIMIT 1");
		if (!c->by_speaker || !c->by_terms || !c->by_proposition || !c->by_figure || !c->quotes_source) {
			checker_free(c);
			return NULL;
		}
	}
	return c;
}

void checker_free(struct checker *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->npats; i++) {
		free(c->pats[i].id);
		pcre2_code_free(c->pats[i].code);
	}
	free(c->pats);
	pcre2_code_free(c->cue);
	pcre2_match_data_free(c->md);
	pcre2_match_context_free(c->mctx);
	sqlite3_finalize(c->by_speaker);
	sqlite3_finalize(c->by_terms);
	sqlite3_finalize(c->by_proposition);
	sqlite3_finalize(c->by_figure);
	sqlite3_finalize(c->quotes_source);
	free(c);
}

/* ---- findings ------------------------------------------------------------ */

static size_t next_word(const char *t, size_t i, size_t e, size_t *ws);

static struct check_finding *add_finding(struct checker *c, struct check_findings *out, struct article *a,
					 enum check_rule rule, size_t start, size_t end)
{
	ALLOC_GROW(out->v, out->n + 1, out->alloc);
	struct check_finding *f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->rule = rule;
	f->level = c->cfg->level[rule];
	f->start = start;
	f->end = end > start ? end : start;
	article_linecol(a, f->start, &f->line, &f->col);
	article_linecol(a, f->end, &f->end_line, &f->end_col);
	return f;
}

/* Appends s[0..n) on one line, cut after max bytes (at a character). */
static void add_excerpt(strbuf *sb, const char *s, size_t n, size_t max)
{
	size_t keep = n;
	if (n > max) {
		keep = max;
		while (keep && ((unsigned char)s[keep] & 0xc0) == 0x80)
			keep--;
	}
	for (size_t i = 0; i < keep; i++)
		strbuf_addch(sb, s[i] == '\n' || s[i] == '\r' || s[i] == '\t' ? ' ' : s[i]);
	if (keep < n)
		strbuf_addstr(sb, "\xe2\x80\xa6");
}

static int overlaps(size_t s1, size_t e1, size_t s2, size_t e2)
{
	return s1 < e2 && s2 < e1;
}

/* The sentence holding off (the last one starting at or before it). */
static size_t sentence_at(const struct segmentation *seg, size_t off)
{
	size_t lo = 0, hi = seg->nsents;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (seg->sents[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static int inside_quotation(const struct segmentation *seg, const struct sentence *s, size_t off)
{
	for (unsigned k = s->first_qmark; k < s->first_qmark + s->nqmarks && k < seg->nqmarks; k++) {
		const struct qmark *qm = &seg->qmarks[k];
		if (!(qm->flags & QM_NESTED) && off >= qm->open && off < qm->close)
			return 1;
	}
	return 0;
}

/* Runs the patterns of kind over sentence s; calls fn for each match that
 * starts outside a quotation. Returns the number of matches passed on. */
static int run_patterns(struct checker *c, struct article *a, const struct segmentation *seg, size_t si,
			enum pattern_kind kind,
			void (*fn)(struct checker *c, size_t start, size_t end, void *ctx), void *ctx)
{
	const struct sentence *s = &seg->sents[si];
	const char *subject = a->scan + s->start;
	size_t len = s->end - s->start;
	int found = 0;
	for (size_t p = 0; p < c->npats; p++) {
		if (c->pats[p].kind != kind)
			continue;
		size_t from = 0;
		while (from < len) {
			int rc = pcre2_match(c->pats[p].code, (PCRE2_SPTR)subject, len, from, 0, c->md, c->mctx);
			if (rc <= 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
			size_t ms = ov[0], me = ov[1];
			int g = c->pats[p].g_at;
			if (g && g < rc && ov[2 * g] != PCRE2_UNSET) {
				ms = ov[2 * g];
				me = ov[2 * g + 1];
			}
			if (!inside_quotation(seg, s, s->start + ms)) {
				found++;
				if (fn)
					fn(c, s->start + ms, s->start + me, ctx);
			}
			from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
	}
	return found;
}

/* unclosed-quote: the segmenter already knows; report where the mark opens */
static void check_unclosed(struct checker *c, struct extraction *x, struct check_findings *out)
{
	const struct segmentation *seg = &x->seg;
	for (size_t k = 0; k < seg->nqmarks; k++) {
		const struct qmark *qm = &seg->qmarks[k];
		if (!(qm->flags & QM_UNCLOSED))
			continue;
		struct check_finding *f = add_finding(c, out, x->a, CHECK_UNCLOSED_QUOTE, qm->open,
						      qm->cstart < qm->cend ? qm->cend : qm->open + 1);
		strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "quotation mark opened and never closed: close the quotation \xe2\x80\x9c");
		add_excerpt(&sb, x->a->raw + qm->cstart, qm->cend - qm->cstart, 60);
		strbuf_addstr(&sb, "\xe2\x80\x9d where the speaker's words end");
		f->message = strbuf_detach(&sb, NULL);
	}
}

/* Is one of the three words before off (in its sentence) a cue form? A
 * quotation after "saying" or "added:" is attributed by its sentence even
 * when the extraction found no speaker. */
static int cue_before(const struct rules *r, const struct article *a, size_t sent_start, size_t off)
{
	size_t words[3][2];
	int nw = 0;
	size_t i = off;
	while (nw < 3 && i > sent_start) {
		while (i > sent_start && !text_is_word_char(a->scan, text_prev(a->scan, sent_start, i), a->len)) {
			size_t p = text_prev(a->scan, sent_start, i);
			char ch = a->scan[p];
			if (ch == '.' || ch == ';' || ch == '!' || ch == '?')
				return 0;
			i = p;
		}
		size_t e = i;
		while (i > sent_start && text_is_word_char(a->scan, text_prev(a->scan, sent_start, i), a->len))
			i = text_prev(a->scan, sent_start, i);
		if (e == i)
			break;
		words[nw][0] = i;
		words[nw][1] = e;
		nw++;
	}
	for (int n = 1; n <= nw; n++) {
		/* the last n words joined by single spaces */
		strbuf sb = STRBUF_INIT;
		for (int k = n - 1; k >= 0; k--) {
			if (sb.len)
				strbuf_addch(&sb, ' ');
			strbuf_add(&sb, a->scan + words[k][0], words[k][1] - words[k][0]);
		}
		int k = wordset_get_ci(&r->cue_forms, sb.buf, sb.len);
		int hit = k >= 0 && r->cues[k].frame != CUE_OBJECT;   /* a verb of saying */
		strbuf_release(&sb);
		if (hit)
			return 1;
	}
	return 0;
}

/* Words someone said, not a title ("Action Plan for the Development of
 * Italy") or a phrase quoted in passing ("lowest unemployment since the
 * seventies"): starts with a capital, three words or more, and either
 * ends a sentence or has a word in lower case after its first. */
static int reads_as_utterance(const char *t, size_t s, size_t e)
{
	size_t ws, we = next_word(t, s, e, &ws);
	if (we == ws || !text_is_upper(t, ws, we))
		return 0;
	int words = 1, lower = 0;
	for (size_t i = we; (we = next_word(t, i, e, &ws)) > ws; i = we) {
		words++;
		lower |= text_is_lower(t, ws, we);
	}
	size_t end = e;
	while (end > s && (t[end - 1] == ' ' || t[end - 1] == ',' || t[end - 1] == '\n'))
		end--;
	int full_stop = end > s && (t[end - 1] == '.' || t[end - 1] == '?' || t[end - 1] == '!');
	return words >= 3 && (lower || full_stop);
}

/* A cue form outside the quotations of sentence si: the sentence says who
 * speaks even when the extraction could not tell. */
static int sentence_has_cue(struct checker *c, struct extraction *x, size_t si)
{
	const struct sentence *s = &x->seg.sents[si];
	const char *subject = x->a->scan + s->start;
	size_t len = s->end - s->start, from = 0;
	while (c->cue && from < len) {
		int rc = pcre2_match(c->cue, (PCRE2_SPTR)subject, len, from, 0, c->md, c->mctx);
		if (rc <= 0)
			return 0;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
		if (!inside_quotation(&x->seg, s, s->start + ov[0]))
			return 1;
		from = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
	}
	return 0;
}

/* unattributed-quote: no speaker, no cue, and no reporting verb in its
 * sentence */
static void check_unattributed(struct checker *c, struct extraction *x, const size_t *ord,
			       struct check_findings *out)
{
	const struct quote_list *ql = &x->quotes;
	for (size_t n = 0; n < ql->n; n++) {
		const struct quote *q = &ql->v[ord[n]];
		size_t ms, me;
		if (q->source >= 0 || q->cue >= 0 || quote_mention(ql, ord[n], &ms, &me))
			continue;
		if (!reads_as_utterance(x->a->scan, q->start, q->end))
			continue;
		size_t si = sentence_at(&x->seg, q->start);
		const struct sentence *s = &x->seg.sents[si];
		if (cue_before(c->r, x->a, s->start, q->start) || sentence_has_cue(c, x, si))
			continue;
		struct check_finding *f = add_finding(c, out, x->a, CHECK_UNATTRIBUTED_QUOTE, q->start, q->end);
		strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "quotation with no speaker: say who said \xe2\x80\x9c");
		add_excerpt(&sb, x->a->raw + q->start, q->end - q->start, 60);
		strbuf_addstr(&sb, "\xe2\x80\x9d, or cut it");
		f->message = strbuf_detach(&sb, NULL);
	}
}

/* The words of [s, e): letters, digits, marks and inner . ' ’ - */
static size_t next_word(const char *t, size_t i, size_t e, size_t *ws)
{
	while (i < e && !text_is_word_char(t, i, e)) {
		int32_t cp;
		i += text_decode(t, i, e, &cp);
	}
	*ws = i;
	while (i < e) {
		int32_t cp;
		size_t l = text_decode(t, i, e, &cp);
		if (!text_is_word_char(t, i, e) && !(cp == '-' || cp == '.' || cp == '\'' || cp == 0x2019))
			break;
		i += l;
	}
	while (i > *ws && (t[i - 1] == '.' || t[i - 1] == '-' || t[i - 1] == '\''))
		i--;
	return i;
}

/* A description whose head is an organization ("the chemical company
 * blamed by regulators"): the first word that is a source noun or an
 * organization word is an organization word, and no source noun follows
 * it ("agency officials" are people). */
static int describes_organization(const struct rules *r, const char *t, size_t s, size_t e)
{
	size_t ws, we;
	for (size_t i = s; (we = next_word(t, i, e, &ws)) > ws; i = we) {
		if (wordset_has_word(&r->source_nouns, t + ws, we - ws, 1))
			return 0;
		if (wordset_has_word(&r->org_words, t + ws, we - ws, 1)) {
			size_t ws2, we2 = next_word(t, we, e, &ws2);
			return !(we2 > ws2 && wordset_has_word(&r->source_nouns, t + ws2, we2 - ws2, 1));
		}
	}
	return 0;
}

/* Capitalized words only, one to four: a name ("Martin Ravensholt"). */
static int reads_as_name(const char *t, size_t s, size_t e)
{
	size_t ws, we;
	int n = 0;
	for (size_t i = s; (we = next_word(t, i, e, &ws)) > ws; i = we) {
		if (!text_is_upper(t, ws, we) || ++n > 4)
			return 0;
	}
	return n > 0;
}

/* A role of a named organization, in the singular, with no article
 * before it ("Calder Tide's chief executive"): one identifiable person. */
static int named_role(const char *t, size_t s, size_t e)
{
	if (!text_is_upper(t, s, e))
		return 0;
	for (size_t i = s; i + 1 < e; i++) {
		int apos = t[i] == '\'' ? 1 : (i + 3 < e && !memcmp(t + i, "\xe2\x80\x99", 3)) ? 3 : 0;
		if (apos && i + (size_t)apos < e && t[i + apos] == 's' &&
		    (i + apos + 1 == e || t[i + apos + 1] == ' '))
			return t[e - 1] != 's';   /* a plural role is several people */
	}
	return 0;
}

/* "The premier", "its lawyer", "the analyst": a definite description of
 * one person refers back to someone the article names; only plurals and
 * indefinite descriptions stand for unnamed sources. The head is the first
 * source noun, else the last word. */
static int definite_singular(const struct rules *r, const char *t, size_t s, size_t e)
{
	size_t ws, we = next_word(t, s, e, &ws);
	static const char *const definite[] = { "the", "its", "his", "her", "their", "this", "that", NULL };
	static const char *const indefinite[] = { "a", "an", "another", "one", "some", "any", NULL };
	int def = 0, indef = 0;
	for (int i = 0; definite[i]; i++)
		def |= we - ws == strlen(definite[i]) && !strncasecmp(t + ws, definite[i], we - ws);
	for (int i = 0; indefinite[i]; i++)
		indef |= we - ws == strlen(indefinite[i]) && !strncasecmp(t + ws, indefinite[i], we - ws);
	if (indef)
		return 0;
	size_t hs = 0, he = 0;
	for (size_t i = def ? we : s; (we = next_word(t, i, e, &ws)) > ws; i = we) {
		hs = ws;
		he = we;
		if (wordset_has_word(&r->source_nouns, t + ws, we - ws, 1))
			break;
	}
	if (he <= hs || t[he - 1] == 's')
		return 0;
	/* without a determiner only an office names one person: "Tory leader" */
	return def || wordset_get_ci(&r->titles, t + hs, he - hs) >= 0;
}

/* Does the quote's source name no one? Descriptions of organizations and
 * roles that the article names after all are not anonymous sources. */
/* "a handful", "a few", "others": a share of a group the text named just
 * before ("Some users accused her ..., and a handful claimed ..."), no
 * source of its own */
static int quantifier_only(const char *t, size_t s, size_t e)
{
	static const char *const q[] = { "a", "handful", "few", "some", "several", "others", "many", "most", "number",
					 "couple", "dozen", NULL };
	size_t ws, we;
	int n = 0;
	for (size_t i = s; (we = next_word(t, i, e, &ws)) > ws; i = we) {
		int k;
		for (k = 0; q[k]; k++)
			if (strlen(q[k]) == we - ws && !strncasecmp(t + ws, q[k], we - ws))
				break;
		if (!q[k])
			return 0;
		n++;
	}
	return n > 0;
}

static int truly_anonymous(const struct rules *r, const struct article *a, const struct quote *q, size_t ms,
			   size_t me)
{
	if (quantifier_only(a->scan, ms, me))
		return 0;
	if (describes_organization(r, a->scan, ms, me) || named_role(a->scan, ms, me) ||
	    definite_singular(r, a->scan, ms, me))
		return 0;
	if (q->spk_start == ms && q->appos_start != NO_SPAN && reads_as_name(a->scan, q->appos_start, q->appos_end))
		return 0;
	return 1;
}

/* "the person" resolved to "a person familiar with the talks" may be an
 * entry of its own with the same name: one source all the same */
static int same_source(const struct source *a, const struct source *b)
{
	return a->kind == b->kind && a->name && b->name && !strcasecmp(a->name, b->name);
}


static uint64_t fold_hash(const char *s)
{
	uint64_t h = FNV1A_START_V1;
	for (; *s; s++) {
		unsigned char low = (unsigned char)(*s >= 'A' && *s <= 'Z' ? *s | 0x20 : *s);
		h = fnv1a(h, &low, 1);
	}
	return h;
}

/* canon[i]: the first source that is the same as source i (same_source),
 * found through a hash table so thousands of sources stay linear.
 * Caller frees. */
static size_t *source_canon(const struct source_table *t)
{
	size_t cap = 16;
	while (cap < 2 * t->n + 2)
		cap *= 2;
	size_t *slot = xmalloc(cap * sizeof(size_t));
	for (size_t i = 0; i < cap; i++)
		slot[i] = (size_t)-1;
	size_t *canon = xmalloc((t->n + 1) * sizeof(size_t));
	for (size_t i = 0; i < t->n; i++) {
		canon[i] = i;
		if (!t->v[i].name)
			continue;
		size_t h = (size_t)(fold_hash(t->v[i].name) * 31 + (uint64_t)t->v[i].kind) & (cap - 1);
		for (; slot[h] != (size_t)-1; h = (h + 1) & (cap - 1))
			if (same_source(&t->v[slot[h]], &t->v[i])) {
				canon[i] = slot[h];
				break;
			}
		if (slot[h] == (size_t)-1)
			slot[h] = i;
	}
	free(slot);
	return canon;
}

struct vague_ctx {
	struct extraction *x;
	struct check_findings *out;
	size_t first;            /* first vague finding of this article */
	size_t *anon;            /* spans of anonymous speaker mentions, pairs,
				    sorted by start before the phrases run */
	size_t nanon;
	size_t anon_max;         /* the longest of them */
	size_t phrases_from;     /* out->v index where the phrases' findings start */
	int phrases;             /* the phrases are running */
};

/* Is [start, end) overlapped by a span of the sorted pairs v[0..n)
 * (longest maxlen)? */
static int overlaps_sorted(const size_t *v, size_t n, size_t maxlen, size_t start, size_t end)
{
	size_t from = start > maxlen ? start - maxlen : 0, lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (v[2 * mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < n && v[2 * i] < end; i++)
		if (overlaps(start, end, v[2 * i], v[2 * i + 1]))
			return 1;
	return 0;
}

static int cmp_pair(const void *a, const void *b)
{
	const size_t *x = a, *y = b;
	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static int names_organization(const struct rules *r, const char *t, size_t s, size_t e);
static int word_at(const char *t, size_t i, size_t n, const char *w);

/* "According to reports in the daily Halden Post": the words after a
 * vague phrase ("in", "by", "from" and up to six words, to the next
 * comma or sentence end) name the organization it comes from. */
static int outlet_after(const struct rules *r, const char *t, size_t start, size_t end, size_t n)
{
	size_t i = end;
	while (i < n && t[i] == ' ')
		i++;
	if (!(word_at(t, i, n, "in") || word_at(t, i, n, "by") || word_at(t, i, n, "from")))
		return 0;
	size_t stop = i;
	for (int words = 0; stop < n && words < 8; words++) {
		while (stop < n && t[stop] != ' ' && t[stop] != ',' && t[stop] != ';' && t[stop] != '.')
			stop++;
		if (stop >= n || t[stop] != ' ')
			break;
		stop++;
	}
	return names_organization(r, t, start, stop);
}

static void add_vague(struct checker *c, size_t start, size_t end, void *vctx)
{
	struct vague_ctx *v = vctx;
	/* the phrases come in text order: only the latest one can overlap
	 * the next; the speakers' findings (few: one per vague source) are
	 * all looked at */
	size_t upto = v->phrases ? v->phrases_from : v->out->n;
	for (size_t i = v->first; i < upto; i++)
		if (v->out->v[i].rule == CHECK_VAGUE_ATTRIBUTION &&
		    overlaps(start, end, v->out->v[i].start, v->out->v[i].end))
			return;
	for (size_t i = v->out->n; v->phrases && i-- > v->phrases_from;) {
		if (v->out->v[i].rule != CHECK_VAGUE_ATTRIBUTION)
			continue;
		if (overlaps(start, end, v->out->v[i].start, v->out->v[i].end))
			return;
		break;
	}
	if (overlaps_sorted(v->anon, v->nanon, v->anon_max, start, end))
		return;   /* anonymous-source says it */
	if (v->phrases && outlet_after(c->r, v->x->a->scan, start, end, v->x->a->len))
		return;
	struct check_finding *f = add_finding(c, v->out, v->x->a, CHECK_VAGUE_ATTRIBUTION, start, end);
	strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "vague attribution \xe2\x80\x9c");
	add_excerpt(&sb, v->x->a->raw + start, end - start, 60);
	strbuf_addstr(&sb, "\xe2\x80\x9d: no named source; name who said it, or say how it is known");
	f->message = strbuf_detach(&sb, NULL);
}

/* "21 percent", "58% of voters": a share of a poll's answers, whose source
 * is the poll, not a group to be named */
static int poll_share(const char *t, size_t ms, size_t me)
{
	size_t i = ms;
	while (i < me && t[i] >= '0' && t[i] <= '9')
		i++;
	if (i == ms)
		return 0;
	if (i < me && (t[i] == '.' || t[i] == ',') && i + 1 < me && t[i + 1] >= '0' && t[i + 1] <= '9')
		for (i++; i < me && t[i] >= '0' && t[i] <= '9'; i++)
			;
	if (i < me && t[i] == '%')
		return 1;
	while (i < me && t[i] == ' ')
		i++;
	return (me - i >= 7 && !strncasecmp(t + i, "percent", 7)) ||
	       (me - i >= 8 && !strncasecmp(t + i, "per cent", 8));
}

/* "Several", "Some", "Others" alone: a part of a group the text named */
static int bare_quantifier(const char *t, size_t ms, size_t me)
{
	static const char *const q[] = { "some", "many", "several", "most", "others", "few", "all", "both", "one",
					 NULL };
	for (int i = 0; q[i]; i++)
		if (strlen(q[i]) == me - ms && !strncasecmp(t + ms, q[i], me - ms))
			return 1;
	return 0;
}

/* "reports in the business daily Halden Post", "reports in the Varo
 * Gazette": a description that names the outlet it comes from: past its
 * first word, a capitalized word that is a newspaper's word of
 * organizations.txt ("Gazette") or follows one ("daily Finansvik"). */
static int names_organization(const struct rules *r, const char *t, size_t s, size_t e)
{
	size_t ws, we;
	int first = 1, prev_org = 0;
	for (size_t i = s; (we = next_word(t, i, e, &ws)) > ws; i = we) {
		int org = wordset_get_ci(&r->org_words, t + ws, we - ws) == ORG_OUTLET;
		if (!first && text_is_upper(t, ws, we) && (org || prev_org))
			return 1;
		prev_org = org;
		first = 0;
	}
	return 0;
}

/* Does t[i..) start with the words w (any case), no letter before or after? */
static int word_at(const char *t, size_t i, size_t n, const char *w)
{
	size_t l = strlen(w);
	return i + l <= n && !strncasecmp(t + i, w, l) &&
	       (i + l == n || !(((t[i + l] | 0x20) >= 'a' && (t[i + l] | 0x20) <= 'z') || (unsigned char)t[i + l] >= 0x80)) &&
	       (i == 0 || !((t[i - 1] | 0x20) >= 'a' && (t[i - 1] | 0x20) <= 'z'));
}

/* Is t[i] an uppercase ASCII letter, after an optional "the "? */
static int cap_after(const char *t, size_t i, size_t n)
{
	if (word_at(t, i, n, "the"))
		i += 4;
	return i < n && t[i] >= 'A' && t[i] <= 'Z';
}

/* "The researchers" of an article that said who they are before:
 * "researchers at the University of Tallin", "researchers led by Ana
 * Ruiz", "an epidemiologist who led the research": a definite plural
 * description after words that name its people (the same noun, or its
 * activity: "research" for "researchers"). */
static int named_before(const char *t, size_t ms, size_t me)
{
	if (me - ms < 6 || strncasecmp(t + ms, "the ", 4) || t[me - 1] != 's')
		return 0;
	size_t hs = me;
	while (hs > ms && t[hs - 1] != ' ')
		hs--;
	char head[32], led[48];
	if (me - hs >= sizeof(head) || me - hs < 4)
		return 0;
	memcpy(head, t + hs, me - hs);
	head[me - hs] = 0;
	size_t hl = me - hs;
	int activity = hl > 5 && !strcmp(head + hl - 3, "ers");
	snprintf(led, sizeof(led), "led the %.*s", (int)(hl - 3), head);
	for (size_t i = 0; i < ms; i++) {
		if (activity && word_at(t, i, ms, led))
			return 1;
		if (word_at(t, i, ms, head)) {
			size_t j = i + hl + 1;
			if ((word_at(t, j, ms, "at") && cap_after(t, j + 3, ms)) ||
			    (word_at(t, j, ms, "from") && cap_after(t, j + 5, ms)) ||
			    (word_at(t, j, ms, "led by") && cap_after(t, j + 7, ms)))
				return 1;
		}
	}
	return 0;
}

/* Is there a vague finding of this article that ends shortly before at
 * ("Residents say ... Several told the Star ...": the same residents)? */
static int near_vague(const struct vague_ctx *v, size_t at)
{
	for (size_t i = v->first; i < v->out->n; i++) {
		const struct check_finding *f = &v->out->v[i];
		if (f->rule == CHECK_VAGUE_ATTRIBUTION && f->end <= at && at - f->end < 400)
			return 1;
	}
	return 0;
}

/* vague-attribution: quotes whose speaker is vague, then the phrases of
 * check.rules wherever they stand, quotation or not */
static void check_vague(struct checker *c, struct extraction *x, const size_t *ord, struct check_findings *out)
{
	const struct quote_list *ql = &x->quotes;
	size_t *anon = xmalloc((2 * ql->n + 2) * sizeof(size_t));
	struct vague_ctx v = { x, out, out->n, anon, 0, 0, 0, 0 };
	char *reported = xcalloc(x->sources.n + 1, 1);
	size_t *canons = source_canon(&x->sources);
	for (size_t n = 0; n < ql->n; n++) {
		const struct quote *q = &ql->v[ord[n]];
		size_t ms, me;
		if (q->source < 0 || !quote_mention(ql, ord[n], &ms, &me))
			continue;
		enum source_kind k = x->sources.v[q->source].kind;
		size_t canon = canons[q->source];
		if (k == SK_VAGUE && !reported[canon] && !definite_singular(c->r, x->a->scan, ms, me) &&
		    !poll_share(x->a->scan, ms, me) && !(bare_quantifier(x->a->scan, ms, me) && near_vague(&v, ms)) &&
		    !names_organization(c->r, x->a->scan, ms, me) && !named_before(x->a->scan, ms, me) &&
		    !(me - ms > 4 && !strncasecmp(x->a->scan + ms, "its ", 4))) {
			/* "its analysts": an organization's, named before */
			/* once a source, where it is first described: "they" later
			 * is the same critics */
			reported[canon] = 1;
			add_vague(c, ms, me, &v);
		}
		else if (k == SK_ANONYMOUS) {
			anon[2 * v.nanon] = ms;
			anon[2 * v.nanon + 1] = me;
			v.nanon++;
		}
	}
	if (v.nanon > 1)
		qsort(anon, v.nanon, 2 * sizeof(size_t), cmp_pair);
	for (size_t i = 0; i < v.nanon; i++)
		if (anon[2 * i + 1] - anon[2 * i] > v.anon_max)
			v.anon_max = anon[2 * i + 1] - anon[2 * i];
	v.phrases_from = out->n;
	v.phrases = 1;
	for (size_t si = 0; si < x->seg.nsents; si++)
		run_patterns(c, x->a, &x->seg, si, PK_VAGUE, add_vague, &v);
	free(reported);
	free(canons);
	free(anon);
}

/* Is the quote a question its speaker asks (cue "ask", "inquire")? */
static int asks(const struct rules *r, const struct quote *q)
{
	if (q->cue < 0)
		return 0;
	const char *l = r->cues[q->cue].lemma;
	return !strcmp(l, "ask") || !strcmp(l, "inquire") || !strcmp(l, "enquire");
}

/* anonymous-source: one finding per anonymous source, at its first
 * mention; a note when a sentence naming it (or the next) says why */
static void check_anonymous(struct checker *c, struct extraction *x, const size_t *ord,
			    struct check_findings *out)
{
	const struct quote_list *ql = &x->quotes;
	const struct segmentation *seg = &x->seg;
	/* each source's quotes in text order, as chains: first[canon] and
	 * next[n] index into ord */
	size_t *canons = source_canon(&x->sources);
	size_t *first = xmalloc((x->sources.n + 1) * sizeof(size_t));
	size_t *last = xmalloc((x->sources.n + 1) * sizeof(size_t));
	size_t *next = xmalloc((ql->n + 1) * sizeof(size_t));
	for (size_t i = 0; i <= x->sources.n; i++)
		first[i] = last[i] = (size_t)-1;
	for (size_t n = 0; n < ql->n; n++) {
		next[n] = (size_t)-1;
		int qs = ql->v[ord[n]].source;
		if (qs < 0)
			continue;
		size_t cs = canons[qs];
		if (first[cs] == (size_t)-1)
			first[cs] = n;
		else
			next[last[cs]] = n;
		last[cs] = n;
	}
	for (size_t sidx = 0; sidx < x->sources.n; sidx++) {
		const struct source *src = &x->sources.v[sidx];
		if (src->kind != SK_ANONYMOUS || canons[sidx] != sidx)
			continue;
		size_t first_s = NO_SPAN, first_e = 0;
		const struct quote *first_q = NULL;
		int reason = 0, informs = 0;
		size_t last_sent = (size_t)-1;
		for (size_t n = first[sidx]; n != (size_t)-1; n = next[n]) {
			size_t ms, me;
			if (!quote_mention(ql, ord[n], &ms, &me))
				continue;
			if (!asks(c->r, &ql->v[ord[n]]))
				informs = 1;
			if (first_s == NO_SPAN || ms < first_s) {
				first_s = ms;
				first_e = me;
				first_q = &ql->v[ord[n]];
			}
			size_t si = sentence_at(seg, ms);
			for (size_t k = si; !reason && k < seg->nsents && k <= si + 1; k++) {
				if (k == last_sent || seg->sents[k].para != seg->sents[si].para)
					continue;
				last_sent = k;
				reason = run_patterns(c, x->a, seg, k, PK_REASON, NULL, NULL) > 0;
			}
		}
		/* one who only asks ("a reporter asked the minister whether
		   ...") tells the reader nothing that needs a source */
		if (first_s == NO_SPAN || !informs || !truly_anonymous(c->r, x->a, first_q, first_s, first_e))
			continue;
		struct check_finding *f = add_finding(c, out, x->a, CHECK_ANONYMOUS_SOURCE, first_s, first_e);
		strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "anonymous source \xe2\x80\x9c");
		add_excerpt(&sb, x->a->raw + first_s, first_e - first_s, 80);
		if (reason) {
			f->level = c->cfg->reasoned_level;
			strbuf_addstr(&sb, "\xe2\x80\x9d; the article says why it is not named");
		} else {
			strbuf_addstr(&sb, "\xe2\x80\x9d: say why it cannot be named, or name it");
		}
		f->message = strbuf_detach(&sb, NULL);
	}
	free(canons);
	free(first);
	free(last);
	free(next);
}

/* ---- comparing quotations ------------------------------------------------ */

/* A quotation as folded words (case, accents and apostrophes dropped),
 * each a 64-bit hash; 0 stands for an ellipsis, where words were left out
 * on purpose. */
struct words {
	uint64_t *v;
	size_t n, alloc;
};

#define MAX_WORDS 400

static void words_of(struct words *w, const char *s, size_t n)
{
	w->n = 0;
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &folded,
					  UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
	const char *t = m >= 0 ? (const char *)folded : s;
	size_t len = m >= 0 ? (size_t)m : n;
	uint64_t h = 0;
	int in_word = 0;
	for (size_t i = 0; i < len && w->n < MAX_WORDS;) {
		int32_t cp;
		size_t l = text_decode(t, i, len, &cp);
		int apostrophe = cp == '\'' || cp == 0x2019;
		int ellipsis = cp == 0x2026 || (cp == '.' && i + 2 < len && t[i + 1] == '.' && t[i + 2] == '.');
		if (text_is_word_char(t, i, len) || (apostrophe && in_word)) {
			if (!in_word)
				h = FNV1A_START_V1;
			in_word = 1;
			if (!apostrophe)
				h = fnv1a(h, t + i, l);
		} else {
			if (in_word) {
				ALLOC_GROW(w->v, w->n + 1, w->alloc);
				w->v[w->n++] = h ? h : 1;
			}
			in_word = 0;
			if (ellipsis && (!w->n || w->v[w->n - 1] != 0)) {
				ALLOC_GROW(w->v, w->n + 1, w->alloc);
				w->v[w->n++] = 0;
			}
			if (cp == '.' && ellipsis)
				l = 3;
		}
		i += l;
	}
	if (in_word && w->n < MAX_WORDS) {
		ALLOC_GROW(w->v, w->n + 1, w->alloc);
		w->v[w->n++] = h ? h : 1;
	}
	free(folded);
}

static size_t count_words(const struct words *w)
{
	size_t n = 0;
	for (size_t i = 0; i < w->n; i++)
		n += w->v[i] != 0;
	return n;
}

/* Every run of x between ellipses occurs in y, in order. */
static int pieces_in(const struct words *x, const struct words *y)
{
	size_t from = 0, i = 0;
	while (i < x->n) {
		while (i < x->n && !x->v[i])
			i++;
		size_t j = i;
		while (j < x->n && x->v[j])
			j++;
		if (j == i)
			break;
		size_t len = j - i, found = (size_t)-1;
		for (size_t p = from; p + len <= y->n; p++)
			if (!memcmp(y->v + p, x->v + i, len * sizeof(uint64_t))) {
				found = p;
				break;
			}
		if (found == (size_t)-1)
			return 0;
		from = found + len;
		i = j;
	}
	return 1;
}

enum likeness { UNRELATED, SAME, DRIFTED };

/* SAME when one is the other or an excerpt of it (ellipses allowed);
 * DRIFTED when their best local alignment covers most of the shorter one
 * with few differences; else UNRELATED. */
static enum likeness compare_words(const struct words *a, const struct words *b, double *score)
{
	*score = 0;
	if (pieces_in(a, b) || pieces_in(b, a))
		return SAME;
	size_t na = a->n, nb = b->n;
	if (!na || !nb)
		return UNRELATED;
	/* Smith-Waterman over words: match +2, mismatch or gap -1 */
	struct cell {
		int score, matches, ai, bi;
	};
	struct cell *prev = xcalloc(nb + 1, sizeof(*prev)), *cur = xcalloc(nb + 1, sizeof(*cur));
	struct cell best = { 0, 0, 0, 0 };
	size_t best_i = 0, best_j = 0;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = (struct cell){ 0, 0, (int)i, 0 };
		for (size_t j = 1; j <= nb; j++) {
			int eq = a->v[i - 1] && a->v[i - 1] == b->v[j - 1];
			struct cell c = { 0, 0, (int)i, (int)j };
			struct cell d = prev[j - 1];
			if (d.score + (eq ? 2 : -1) > c.score) {
				c = d;
				c.score += eq ? 2 : -1;
				c.matches += eq;
				if (d.score == 0 && !d.matches) {
					c.ai = (int)i - 1;
					c.bi = (int)j - 1;
				}
			}
			if (prev[j].score - 1 > c.score) {
				c = prev[j];
				c.score--;
			}
			if (cur[j - 1].score - 1 > c.score) {
				c = cur[j - 1];
				c.score--;
			}
			if (c.score <= 0)
				c = (struct cell){ 0, 0, (int)i, (int)j };
			cur[j] = c;
			if (c.score > best.score) {
				best = c;
				best_i = i;
				best_j = j;
			}
		}
		struct cell *t = prev;
		prev = cur;
		cur = t;
	}
	free(prev);
	free(cur);
	size_t shorter = count_words(a) < count_words(b) ? count_words(a) : count_words(b);
	size_t la = best_i - (size_t)best.ai, lb = best_j - (size_t)best.bi;
	size_t span = la > lb ? la : lb;
	if (!shorter || !span)
		return UNRELATED;
	*score = (double)best.matches / (double)span;
	size_t matches = (size_t)best.matches;
	if (matches >= 4 && matches * 10 >= shorter * 7 && matches * 10 >= span * 6)
		return DRIFTED;
	return UNRELATED;
}

/* Number of space-separated terms the two sorted term strings share, and
 * the smaller term count. */
static void shared_terms(const char *x, const char *y, size_t *shared, size_t *fewer)
{
	size_t nx = 0, ny = 0, n = 0;
	const char *p = x, *q = y;
	for (const char *s = x; *s;) {
		nx++;
		s += strcspn(s, " ");
		s += *s == ' ';
	}
	for (const char *s = y; *s;) {
		ny++;
		s += strcspn(s, " ");
		s += *s == ' ';
	}
	while (*p && *q) {
		size_t lp = strcspn(p, " "), lq = strcspn(q, " ");
		size_t l = lp < lq ? lp : lq;
		int cmp = memcmp(p, q, l);
		if (!cmp)
			cmp = lp < lq ? -1 : lp > lq;
		if (!cmp) {
			n++;
			p += lp;
			q += lq;
		} else if (cmp < 0) {
			p += lp;
		} else {
			q += lq;
		}
		p += *p == ' ';
		q += *q == ' ';
	}
	*shared = n;
	*fewer = nx < ny ? nx : ny;
}

static const char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? (const char *)s : "";
}

/* "path:line" or, for an article of a JSON Lines file, "path:doc:line" */
static void add_where(strbuf *sb, const char *doc, const char *path, const char *format, unsigned line)
{
	if (!strcmp(format, "jsonl"))
		strbuf_addf(sb, "%s:%s:%u", path, doc, line);
	else
		strbuf_addf(sb, "%s:%u", path, line);
}

static void set_other(struct check_finding *f, sqlite3_stmt *st)
{
	f->other_text = xstrdup(col_str(st, 0));
	f->other_line = (unsigned)sqlite3_column_int(st, 1);
	f->other_col = (unsigned)sqlite3_column_int(st, 2);
	f->other_doc = xstrdup(col_str(st, 3));
	f->other_path = xstrdup(col_str(st, 4));
}

static int step_error(struct checker *c, int rc)
{
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	store_error(c->st, "cannot read the store");
	return -1;
}

/* quote-drift: the speaker's quotations in other stored articles; a
 * finding when none reads the same and one reads nearly the same */
static int check_quote_drift(struct checker *c, struct extraction *x, const struct store_doc *sd,
			     struct check_findings *out)
{
	struct words mine = { 0 }, other = { 0 };
	int rc = 0;
	strbuf best_text = STRBUF_INIT;
	for (size_t n = 0; n < sd->nquotes && !rc; n++) {
		const struct store_quote *sq = &sd->quotes[n];
		if (sq->source < 0 || sd->sources[sq->source].per_article ||
		    (strcmp(sq->kind, "direct") != 0 && strcmp(sq->kind, "block") != 0))
			continue;
		const struct store_source *src = &sd->sources[sq->source];
		words_of(&mine, x->a->raw + sq->start, sq->end - sq->start);
		if (count_words(&mine) < 4)
			continue;
		sqlite3_stmt *st = c->by_speaker;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, src->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, x->a->doc, -1, SQLITE_STATIC);
		int same = 0, step;
		double best = 0;
		struct check_finding pending = { 0 };
		while (!same && (step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *terms = col_str(st, 6);
			size_t shared, fewer;
			shared_terms(sq->terms, terms, &shared, &fewer);
			if (shared < 2 || shared * 2 < fewer)
				continue;
			const char *text = col_str(st, 0);
			words_of(&other, text, strlen(text));
			double score;
			enum likeness lk = compare_words(&mine, &other, &score);
			if (lk == SAME) {
				same = 1;
			} else if (lk == DRIFTED && score > best) {
				best = score;
				free(pending.other_text);
				free(pending.other_doc);
				free(pending.other_path);
				set_other(&pending, st);
				strbuf_reset(&best_text);
				add_where(&best_text, pending.other_doc, pending.other_path, col_str(st, 5),
					  pending.other_line);
			}
		}
		if (!same)
			rc = step_error(c, step);
		sqlite3_reset(st);
		if (!same && pending.other_text) {
			struct check_finding *f = add_finding(c, out, x->a, CHECK_QUOTE_DRIFT, sq->start, sq->end);
			f->other_text = pending.other_text;
			f->other_doc = pending.other_doc;
			f->other_path = pending.other_path;
			f->other_line = pending.other_line;
			f->other_col = pending.other_col;
			strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "%s is quoted differently in '%s' (%s): here \xe2\x80\x9c",
				    src->display ? src->display : src->name,
				    f->other_doc, best_text.buf);
			add_excerpt(&sb, x->a->raw + sq->start, sq->end - sq->start, 160);
			strbuf_addstr(&sb, "\xe2\x80\x9d, there \xe2\x80\x9c");
			add_excerpt(&sb, f->other_text, strlen(f->other_text), 160);
			strbuf_addstr(&sb, "\xe2\x80\x9d; check the wording against the source");
			f->message = strbuf_detach(&sb, NULL);
		} else {
			free(pending.other_text);
			free(pending.other_doc);
			free(pending.other_path);
		}
	}
	strbuf_release(&best_text);
	free(mine.v);
	free(other.v);
	return rc;
}

/* Every word of key a (after its "x:" prefix) is a word of key b: "n:obama"
 * within "n:barack obama", a name read with a stray word before it. */
static int words_within(const char *a, const char *b)
{
	const char *pa = strchr(a, ':'), *pb = strchr(b, ':');
	pa = pa ? pa + 1 : a;
	pb = pb ? pb + 1 : b;
	while (*pa) {
		size_t n = strcspn(pa, " ");
		int found = 0;
		for (const char *q = pb; *q && !found;) {
			size_t m = strcspn(q, " ");
			found = m == n && !memcmp(q, pa, n);
			q += m;
			q += *q == ' ';
		}
		if (!found)
			return 0;
		pa += n;
		pa += *pa == ' ';
	}
	return 1;
}

static int same_str(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* attribution-drift: the same claim terms and polarity stored with a named
 * speaker who is not this one (nor its organization, nor a colleague) */
static int check_attribution_drift(struct checker *c, struct extraction *x, const struct store_doc *sd,
				   struct check_findings *out)
{
	struct words mine = { 0 }, other = { 0 };
	int rc = 0;
	for (size_t n = 0; n < sd->nquotes && !rc; n++) {
		const struct store_quote *sq = &sd->quotes[n];
		/* people only: an organization is often the reporter in a
		 * chain ("the Times said the ministry said"), not a rival speaker */
		if (sq->source < 0 || sd->sources[sq->source].per_article || sd->sources[sq->source].kind != SK_PERSON)
			continue;
		size_t nterms = 0;
		for (const char *s = sq->terms; *s; s++)
			nterms += s == sq->terms || s[-1] == ' ';
		if (nterms < 4)
			continue;
		const struct store_source *src = &sd->sources[sq->source];
		words_of(&mine, x->a->raw + sq->start, sq->end - sq->start);
		sqlite3_stmt *st = c->by_terms;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, sq->terms, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, sq->polarity, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, x->a->doc, -1, SQLITE_STATIC);
		int step, found = 0;
		while (!found && (step = sqlite3_step(st)) == SQLITE_ROW) {
			const char *key = col_str(st, 6);
			const char *affil = (const char *)sqlite3_column_text(st, 8);
			if (!strcmp(key, src->key) || same_str(affil, src->key) || same_str(src->affil_key, key) ||
			    same_str(affil, src->affil_key) || words_within(key, src->key) || words_within(src->key, key))
				continue;
			const char *text = col_str(st, 0);
			words_of(&other, text, strlen(text));
			double score;
			enum likeness lk = compare_words(&mine, &other, &score);
			if (lk != SAME && !(lk == DRIFTED && score >= 0.8))
				continue;
			found = 1;
			struct check_finding *f = add_finding(c, out, x->a, CHECK_ATTRIBUTION_DRIFT, sq->start, sq->end);
			set_other(f, st);
			strbuf sb = STRBUF_INIT;
			strbuf_addf(&sb, "quotation attributed to %s here but to %s in '%s' (", src->display ? src->display : src->name,
				    col_str(st, 7), f->other_doc);
			add_where(&sb, f->other_doc, f->other_path, col_str(st, 5), f->other_line);
			strbuf_addstr(&sb, "): check who said it");
			f->message = strbuf_detach(&sb, NULL);
		}
		if (!found)
			rc = step_error(c, step);
		sqlite3_reset(st);
	}
	free(mine.v);
	free(other.v);
	return rc;
}

/* contradicts-store: each proposition this article's quotes take a side
 * on (conflicts.h, built by xref_doc) against the stored quotes on the
 * other side of the same proposition (propositions_key), unless the
 * article quotes that other side itself */
/* contradicts-store for a figure ("travelling at 38 km/h"): a stored
 * figure of the same dimension that does not agree with it, given by a
 * source this article does not quote, in an article that quotes a source
 * this article quotes (the same story); not when this article gives such
 * a figure itself */
static int check_figure(struct checker *c, struct extraction *x, const struct store_doc *sd,
			const struct proposition *p, const char *dim, double v, char bound,
			struct check_findings *out)
{
	c->last_figure_found = 0;
	for (size_t j = 0; j < sd->nprops; j++) {
		char d2[16], b2;
		double v2;
		if (sd->props[j].side == SIDE_FOR &&
		    conflicts_figure_parse(sd->props[j].key, d2, sizeof(d2), &v2, &b2) && !strcmp(d2, dim) &&
		    !conflicts_figures_agree(v, bound, v2, b2))
			return 0;   /* the article reports the disagreement */
	}
	const struct store_quote *sq = &sd->quotes[p->quote];
	const char *mykey = sq->source >= 0 ? sd->sources[sq->source].key : "";
	strbuf lo = STRBUF_INIT, hi = STRBUF_INIT;
	strbuf_addf(&lo, "amount(%s:", dim);
	strbuf_addf(&hi, "amount(%s;", dim);
	sqlite3_stmt *st = c->by_figure;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, lo.buf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, hi.buf, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, x->a->doc, -1, SQLITE_STATIC);
	strbuf_release(&lo);
	strbuf_release(&hi);
	/* the keys of the sources this article quotes, as a JSON array */
	json_t *keys = json_array();
	for (size_t k = 0; k < sd->nsources; k++)
		if (!sd->sources[k].per_article)
			json_array_append_new(keys, json_string(sd->sources[k].key));
	char *keys_json = json_dumps(keys, JSON_COMPACT);
	json_decref(keys);
	sqlite3_bind_text(st, 4, keys_json ? keys_json : "[]", -1, SQLITE_TRANSIENT);
	free(keys_json);
	int step, rc = 0;
	long long checked = -1;
	int related = 0;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		char d2[16], b2;
		double v2;
		if (!conflicts_figure_parse(col_str(st, 7), d2, sizeof(d2), &v2, &b2) || strcmp(d2, dim) ||
		    conflicts_figures_agree(v, bound, v2, b2) || !strcmp(col_str(st, 10), mykey))
			continue;
		/* a source this article quotes too: it can tell that side */
		int quoted = 0;
		for (size_t k = 0; k < sd->nquotes && !quoted; k++)
			quoted = sd->quotes[k].source >= 0 && !strcmp(sd->sources[sd->quotes[k].source].key, col_str(st, 10));
		if (quoted)
			continue;
		long long aid = sqlite3_column_int64(st, 9);
		if (aid != checked) {
			checked = aid;
			related = 0;
			for (size_t k = 0; k < sd->nsources && !related; k++) {
				if (sd->sources[k].per_article)
					continue;
				sqlite3_stmt *qs = c->quotes_source;
				sqlite3_reset(qs);
				sqlite3_bind_int64(qs, 1, aid);
				sqlite3_bind_text(qs, 2, sd->sources[k].key, -1, SQLITE_STATIC);
				int r2 = sqlite3_step(qs);
				related = r2 == SQLITE_ROW;
				if (r2 != SQLITE_ROW && (rc = step_error(c, r2)))
					break;
				sqlite3_reset(qs);
			}
			if (rc)
				break;
		}
		if (!related)
			continue;
		c->last_figure_found = 1;
		struct check_finding *f = add_finding(c, out, x->a, CHECK_CONTRADICTS_STORE, sq->start, sq->end);
		set_other(f, st);
		const char *who = col_str(st, 6);
		const char *mine = sq->source >= 0 ? (sd->sources[sq->source].display ? sd->sources[sq->source].display
											: sd->sources[sq->source].name)
						   : "this quotation";
		strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "%s gives %s \xe2\x80\x9c%s\xe2\x80\x9d here, but %s gives \xe2\x80\x9c%s\xe2\x80\x9d in '%s' (",
			    mine, dim, p->label, *who ? who : "an unattributed quotation", col_str(st, 8), f->other_doc);
		add_where(&sb, f->other_doc, f->other_path, col_str(st, 5), f->other_line);
		strbuf_addstr(&sb, "): \xe2\x80\x9c");
		add_excerpt(&sb, f->other_text, strlen(f->other_text), 160);
		strbuf_addstr(&sb, "\xe2\x80\x9d; report the disagreement, or check the figure");
		f->message = strbuf_detach(&sb, NULL);
		break;
	}
	if (!rc && step != SQLITE_ROW)
		rc = step_error(c, step);
	sqlite3_reset(st);
	return rc;
}

static int check_contradicts(struct checker *c, struct extraction *x, const struct store_doc *sd,
			     struct check_findings *out)
{
	int rc = 0;
	size_t last_quote = (size_t)-1;
	for (size_t k = 0; k < sd->nprops && !rc; k++) {
		const struct proposition *p = &sd->props[k];
		if (p->side == SIDE_HEDGE || p->quote >= sd->nquotes || p->quote == last_quote)
			continue;
		const struct store_quote *sq = &sd->quotes[p->quote];
		char dim[16], bound;
		double v;
		if (conflicts_figure_parse(p->key, dim, sizeof(dim), &v, &bound)) {
			if (p->side == SIDE_FOR) {
				rc = check_figure(c, x, sd, p, dim, v, bound, out);
				if (c->last_figure_found)
					last_quote = p->quote;
			}
			continue;
		}
		enum side other = p->side == SIDE_FOR ? SIDE_AGAINST : SIDE_FOR;
		/* an article that quotes both sides already reports the dispute */
		int balanced = 0;
		for (size_t j = 0; j < sd->nprops && !balanced; j++)
			balanced = sd->props[j].side == other && !strcmp(sd->props[j].key, p->key);
		if (balanced)
			continue;
		sqlite3_stmt *st = c->by_proposition;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, p->key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, side_name(other), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, x->a->doc, -1, SQLITE_STATIC);
		int step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			last_quote = p->quote;
			struct check_finding *f = add_finding(c, out, x->a, CHECK_CONTRADICTS_STORE, sq->start, sq->end);
			set_other(f, st);
			const char *who = col_str(st, 6);
			strbuf sb = STRBUF_INIT;
			const char *mine = sq->source >= 0 ? (sd->sources[sq->source].display ? sd->sources[sq->source].display
											    : sd->sources[sq->source].name)
							   : "this quotation";
			strbuf_addf(&sb, "%s %s \xe2\x80\x9c%s\xe2\x80\x9d here, but %s %s it in '%s' (", mine,
				    p->side == SIDE_FOR ? "says" : "disputes", p->label, *who ? who : "an unattributed quotation",
				    other == SIDE_FOR ? "says" : "disputes", f->other_doc);
			add_where(&sb, f->other_doc, f->other_path, col_str(st, 5), f->other_line);
			strbuf_addstr(&sb, "): \xe2\x80\x9c");
			add_excerpt(&sb, f->other_text, strlen(f->other_text), 160);
			strbuf_addstr(&sb, "\xe2\x80\x9d; report the disagreement, or check the claim");
			f->message = strbuf_detach(&sb, NULL);
		} else {
			rc = step_error(c, step);
		}
		sqlite3_reset(st);
	}
	return rc;
}

/* ---- suppression comments ------------------------------------------------ */

struct silence {
	size_t from, to;
	unsigned mask;       /* bit per enum check_rule */
};

static int starts_with(const char *s, const char *end, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(end - s) >= n && !memcmp(s, lit, n);
}

/* A comment line "whosaid: ignore [RULE...]" (in <!-- --> or after # or
 * //): returns the rule mask, 0 when the line is no such comment. */
static unsigned ignore_line(const char *s, const char *end, struct article *a, struct diag *d)
{
	s = skip_blank(s, end);
	end = trim_end(s, end);
	int html = starts_with(s, end, "<!--");
	if (html) {
		s = skip_blank(s + 4, end);
		if (!(end - s >= 3 && !memcmp(end - 3, "-->", 3)))
			return 0;
		end = trim_end(s, end - 3);
	} else if (starts_with(s, end, "//")) {
		s = skip_blank(s + 2, end);
	} else if (starts_with(s, end, "#")) {
		s = skip_blank(s + 1, end);
	}
	if (!starts_with(s, end, "whosaid:"))
		return 0;
	s = skip_blank(s + 8, end);
	if (!starts_with(s, end, "ignore") || (end - s > 6 && s[6] != ' ' && s[6] != '\t'))
		return 0;
	s = skip_blank(s + 6, end);
	unsigned mask = 0;
	while (s < end) {
		const char *w = s;
		while (s < end && *s != ' ' && *s != '\t' && *s != ',')
			s++;
		enum check_rule rule = check_rule_by_id(w, (size_t)(s - w));
		if (rule == CHECK__N) {
			unsigned line, col;
			article_linecol(a, (size_t)(w - a->raw), &line, &col);
			if (a->format == FORMAT_JSONL)
				diag_report(d, DIAG_WARNING, a->path, a->file_line, 0,
					    "'%s' line %u: unknown rule '%.*s' in 'whosaid: ignore'", a->doc, line,
					    (int)(s - w), w);
			else
				diag_report(d, DIAG_WARNING, a->path, line, col, "unknown rule '%.*s' in 'whosaid: ignore'",
					    (int)(s - w), w);
		} else {
			mask |= 1u << rule;
		}
		while (s < end && (*s == ' ' || *s == '\t' || *s == ','))
			s++;
	}
	return mask ? mask : (1u << CHECK__N) - 1;
}

void check_blank_comments(struct article *a)
{
	if (!strstr(a->raw, "whosaid:"))
		return;
	struct diag quiet = { 0 };
	quiet.quiet_warnings = 1;
	for (size_t off = 0; off < a->len;) {
		const char *nl = memchr(a->raw + off, '\n', a->len - off);
		size_t end = nl ? (size_t)(nl - a->raw) : a->len;
		if (ignore_line(a->raw + off, a->raw + end, a, &quiet))
			memset(a->scan + off, ' ', end - off);
		off = nl ? end + 1 : a->len;
	}
}

/* The regions silenced by comment lines: from the first text after the
 * comment (and any comment lines right after it) to the end of that
 * paragraph. */
static size_t find_silences(struct extraction *x, struct silence **out, struct diag *d)
{
	struct article *a = x->a;
	size_t n = 0, alloc = 0;
	*out = NULL;
	if (!strstr(a->raw, "whosaid:"))
		return 0;
	struct diag quiet = { 0 };
	quiet.quiet_warnings = 1;
	for (size_t off = 0; off < a->len;) {
		const char *line = a->raw + off;
		const char *nl = memchr(line, '\n', a->len - off);
		const char *end = nl ? nl : a->raw + a->len;
		size_t next = nl ? (size_t)(nl - a->raw) + 1 : a->len;
		unsigned mask = ignore_line(line, end, a, d);
		if (mask) {
			/* skip blank lines and further comments to the text silenced */
			size_t p = next;
			while (p < a->len) {
				const char *l2 = a->raw + p;
				const char *nl2 = memchr(l2, '\n', a->len - p);
				const char *e2 = nl2 ? nl2 : a->raw + a->len;
				if (skip_blank(l2, e2) != e2 && !ignore_line(l2, e2, a, &quiet))
					break;
				p = nl2 ? (size_t)(nl2 - a->raw) + 1 : a->len;
			}
			while (p < a->len && (a->raw[p] == ' ' || a->raw[p] == '\t'))
				p++;
			size_t to = a->len;
			for (size_t k = 0; k < x->seg.nparas; k++)
				if (x->seg.paras[k].end > p) {
					to = x->seg.paras[k].end;
					break;
				}
			ALLOC_GROW(*out, n + 1, alloc);
			(*out)[n++] = (struct silence){ p, to, mask };
		}
		off = next;
	}
	return n;
}

/* ---- the whole article --------------------------------------------------- */

static int cmp_findings(const void *x, const void *y)
{
	const struct check_finding *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->rule != b->rule)
		return a->rule < b->rule ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

int check_article(struct checker *c, struct extraction *x, const struct store_doc *sd,
		  struct check_findings *out, struct diag *d)
{
	const struct check_config *cfg = c->cfg;
	size_t first = out->n;
	size_t *ord = quote_order(&x->quotes);
	int rc = 0;
	if (cfg->enabled[CHECK_UNATTRIBUTED_QUOTE])
		check_unattributed(c, x, ord, out);
	if (cfg->enabled[CHECK_VAGUE_ATTRIBUTION])
		check_vague(c, x, ord, out);
	if (cfg->enabled[CHECK_ANONYMOUS_SOURCE])
		check_anonymous(c, x, ord, out);
	if (cfg->enabled[CHECK_UNCLOSED_QUOTE])
		check_unclosed(c, x, out);
	free(ord);
	if (c->st && sd) {
		if (!rc && cfg->enabled[CHECK_QUOTE_DRIFT])
			rc = check_quote_drift(c, x, sd, out);
		if (!rc && cfg->enabled[CHECK_ATTRIBUTION_DRIFT])
			rc = check_attribution_drift(c, x, sd, out);
		if (!rc && cfg->enabled[CHECK_CONTRADICTS_STORE])
			rc = check_contradicts(c, x, sd, out);
	}
	struct silence *sil;
	size_t nsil = find_silences(x, &sil, d);
	size_t keep = first;
	for (size_t i = first; i < out->n; i++) {
		struct check_finding *f = &out->v[i];
		int silenced = 0;
		for (size_t k = 0; k < nsil && !silenced; k++)
			silenced = f->start >= sil[k].from && f->start < sil[k].to && (sil[k].mask & (1u << f->rule));
		if (silenced) {
			free(f->message);
			free(f->other_doc);
			free(f->other_path);
			free(f->other_text);
		} else {
			out->v[keep++] = *f;
		}
	}
	out->n = keep;
	free(sil);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), cmp_findings);
	return rc;
}
