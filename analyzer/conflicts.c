#define _GNU_SOURCE
/* conflicts: stance word lists and claim frames (see include/conflicts.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "conflicts.h"

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules.h"

/* A list entry: one id and its words, compiled into one pattern. */
struct word_rule {
	char *id;
	enum side side;
	pcre2_code *re;
	char **lemmas;     /* stance-cues.txt: exact cue lemmas */
	size_t nlemmas;
};

struct word_list {
	struct word_rule *v;
	size_t n, alloc;
};

struct frame {
	char *name;
	char *template;    /* "{agent} was responsible" */
	int event;         /* "| event": a reported event, the same claim whoever tells it */
};

struct frame_rule {
	char *id;
	int frame;         /* index into frames; -1: "*", a reference back */
	int refers;        /* for "*NAME": the frame referred to; -1: any */
	enum side side;
	pcre2_code *re;
	uint32_t agent_group; /* 0 when the pattern names no agent */
	char **needs;      /* the rule is tried only where one of these occurs
			      (lower case, any case in the text); none: always.
			      "\\bWORD": only where a word starts with WORD */
	size_t nneeds;
	uint64_t *need_bits; /* its needs as bits of conflict_rules.needs */
	uint64_t *need_ws_bits; /* its "\\b" needs, likewise */
};

struct conflict_rules {
	const struct claim_rules *cr;
	struct word_list cues, negation, doubt, hedge, refute, report;
	struct frame *frames;
	size_t nframes, frames_alloc;
	struct frame_rule *rules;
	size_t nrules, rules_alloc;
	pcre2_match_context *mctx;
	pcre2_code *rejects_ref; /* "X rejected that account": see disputes() */
	pcre2_code *denied_after; /* ", a charge its leaders deny": see narrative_denials() */
	/* every rule's needs once, by first byte (needs_at[c] .. needs_at[c +
	   1]), so a segment is read once for all of them */
	char **needs;
	size_t *need_lens, nneeds, need_words;
	size_t needs_at[257];
	uint64_t pairs[65536 / 64]; /* the first two bytes of a need (a one-byte
				       need: with every second byte) */
	/* the first three bytes of a need, by their low five bits (TRI):
	   two letters start a need at one byte in four of news text, three
	   at few (a shorter need: with every byte after it) */
	uint64_t tri[32768 / 64];
};

#define TRI(a, b, c) (((unsigned)(a) & 31) << 10 | ((unsigned)(b) & 31) << 5 | ((unsigned)(c) & 31))

#define PATTERN_OPTIONS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_CASELESS)

const char *side_name(enum side s)
{
	switch (s) {
	case SIDE_FOR: return "for";
	case SIDE_AGAINST: return "against";
	case SIDE_HEDGE: return "hedge";
	}
	return "for";
}

static int parse_side(const char *s, size_t n, enum side *out)
{
	if (n == 3 && !memcmp(s, "for", 3))
		*out = SIDE_FOR;
	else if (n == 7 && !memcmp(s, "against", 7))
		*out = SIDE_AGAINST;
	else if (n == 5 && !memcmp(s, "hedge", 5))
		*out = SIDE_HEDGE;
	else
		return -1;
	return 0;
}

/* ---- loading ------------------------------------------------------------- */

struct loader {
	const char *file;
	unsigned line;
	struct diag *d;
	int errors;
};

static void load_error(struct loader *L, unsigned col, const char *fmt, const char *arg)
{
	diag_report(L->d, DIAG_ERROR, L->file, L->line, col, fmt, arg);
	L->errors++;
}

static const char *trim(const char *s, const char *e, const char **end)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	*end = e;
	return s;
}

/* Splits [s, e) at '|' into at most max trimmed fields; returns the count. */
static size_t split_bar(const char *s, const char *e, const char **fs, const char **fe, size_t max)
{
	size_t n = 0;
	while (n < max) {
		const char *bar = memchr(s, '|', (size_t)(e - s));
		const char *stop = (bar && n + 1 < max) ? bar : e;
		fs[n] = trim(s, stop, &fe[n]);
		n++;
		if (stop == e)
			break;
		s = stop + 1;
	}
	return n;
}

static pcre2_code *compile(struct loader *L, const char *pat, size_t len, unsigned col)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, len, PATTERN_OPTIONS, &err, &off, NULL);
	if (!re) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		diag_report(L->d, DIAG_ERROR, L->file, L->line, col + (unsigned)off, "bad pattern: %s",
			    (char *)msg);
		L->errors++;
		return NULL;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

/* Words of a list as a pattern: each phrase between word boundaries; a
 * space matches any run of spaces, "*" any word ending, an apostrophe
 * either apostrophe. */
static void phrase_pattern(strbuf *pat, const char *s, const char *e)
{
	int first = 1;
	strbuf_addstr(pat, "(?<![\\w'\xe2\x80\x99])(?:");
	while (s < e) {
		const char *comma = memchr(s, ',', (size_t)(e - s));
		const char *stop = comma ? comma : e;
		const char *pe;
		const char *p = trim(s, stop, &pe);
		if (p < pe) {
			if (!first)
				strbuf_addch(pat, '|');
			first = 0;
			for (; p < pe; p++) {
				unsigned char c = (unsigned char)*p;
				if (c == ' ') {
					while (p + 1 < pe && p[1] == ' ')
						p++;
					strbuf_addstr(pat, "\\s+");
				} else if (c == '*') {
					strbuf_addstr(pat, "\\w*");
				} else if (c == '\'') {
					strbuf_addstr(pat, "['\xe2\x80\x99]");
				} else if (c == '-') {
					strbuf_addstr(pat, "[-\\s]?");
				} else if (strchr("\\^$.[]()?+{}#", c)) {
					strbuf_addch(pat, '\\');
					strbuf_addch(pat, (char)c);
				} else {
					strbuf_addch(pat, (char)c);
				}
			}
		}
		s = comma ? comma + 1 : e;
	}
	strbuf_addstr(pat, ")(?![\\w])");
}

static void list_line(struct loader *L, struct word_list *wl, const char *s, const char *e,
		      const char *line_start, int with_side, enum side side)
{
	const char *fs[3], *fe[3];
	size_t want = with_side ? 3 : 2;
	size_t n = split_bar(s, e, fs, fe, want);
	if (n != want || fs[0] == fe[0]) {
		load_error(L, 1, with_side ? "expected 'id | side | lemma, lemma, ...'"
					   : "expected 'id | word, phrase, ...'%s", "");
		return;
	}
	struct word_rule wr = { 0 };
	wr.id = xstrndup(fs[0], (size_t)(fe[0] - fs[0]));
	wr.side = side;
	const char *ws = fs[want - 1], *we = fe[want - 1];
	if (with_side) {
		if (parse_side(fs[1], (size_t)(fe[1] - fs[1]), &wr.side)) {
			load_error(L, (unsigned)(fs[1] - line_start) + 1, "unknown side '%s' (for, against, hedge)",
				   "");
			free(wr.id);
			return;
		}
		/* cue lemmas are matched exactly, not as words in text */
		while (ws < we) {
			const char *comma = memchr(ws, ',', (size_t)(we - ws));
			const char *stop = comma ? comma : we;
			const char *pe;
			const char *p = trim(ws, stop, &pe);
			if (p < pe) {
				wr.lemmas = xrealloc(wr.lemmas, (wr.nlemmas + 1) * sizeof(char *));
				wr.lemmas[wr.nlemmas++] = xstrndup(p, (size_t)(pe - p));
			}
			ws = comma ? comma + 1 : we;
		}
	} else {
		strbuf pat;
		strbuf_init(&pat, 128);
		phrase_pattern(&pat, ws, we);
		wr.re = compile(L, pat.buf, pat.len, (unsigned)(ws - line_start) + 1);
		strbuf_release(&pat);
		if (!wr.re) {
			free(wr.id);
			return;
		}
	}
	ALLOC_GROW(wl->v, wl->n + 1, wl->alloc);
	wl->v[wl->n++] = wr;
}

static int read_lines(struct loader *L, const char *dir, const char *name,
		      void (*fn)(struct loader *, const char *, const char *, void *), void *ctx)
{
	strbuf path, text;
	strbuf_init(&path, 64);
	strbuf_init(&text, 0);
	strbuf_addf(&path, "%s/%s", dir, name);
	L->file = name;
	if (strbuf_read_file(&text, path.buf)) {
		diag_report(L->d, DIAG_ERROR, path.buf, 0, 0, "cannot read rule file '%s'", name);
		L->errors++;
		strbuf_release(&path);
		strbuf_release(&text);
		return -1;
	}
	L->file = path.buf;
	const char *s = text.buf, *end = text.buf + text.len;
	L->line = 0;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		L->line++;
		const char *te;
		const char *t = trim(s, e, &te);
		if (t < te && *t != '#')
			fn(L, s, e, ctx);
		s = nl ? nl + 1 : end;
	}
	strbuf_release(&path);
	strbuf_release(&text);
	return 0;
}

struct list_ctx {
	struct word_list *wl;
	int with_side;
	enum side side;
};

static void on_list_line(struct loader *L, const char *s, const char *e, void *ctx)
{
	struct list_ctx *c = ctx;
	list_line(L, c->wl, s, e, s, c->with_side, c->side);
}

/* frames.rules: "frame NAME | template", "define NAME = pattern",
 * "rule ID | FRAME | SIDE | pattern" */
struct define {
	char *name;
	char *body;
};

struct frames_ctx {
	struct conflict_rules *cf;
	struct define *defs;
	size_t ndefs, defs_alloc;
};

static int expand(struct loader *L, struct frames_ctx *fc, const char *s, const char *e, strbuf *out,
		  const char *line_start)
{
	while (s < e) {
		/* {NAME} in capitals is a macro; {2,5} stays a quantifier */
		const char *close = *s == '{' ? memchr(s, '}', (size_t)(e - s)) : NULL;
		int is_macro = close && close > s + 1;
		for (const char *c = s + 1; is_macro && c < close; c++)
			if (!((*c >= 'A' && *c <= 'Z') || *c == '_'))
				is_macro = 0;
		if (is_macro) {
			size_t n = (size_t)(close - s - 1);
			size_t k;
			for (k = 0; k < fc->ndefs; k++)
				if (strlen(fc->defs[k].name) == n && !memcmp(fc->defs[k].name, s + 1, n))
					break;
			if (k == fc->ndefs) {
				char *name = xstrndup(s + 1, n);
				load_error(L, (unsigned)(s - line_start) + 1, "unknown macro '%s'", name);
				free(name);
				return -1;
			}
			strbuf_addstr(out, fc->defs[k].body);
			s = close + 1;
		} else {
			strbuf_addch(out, *s++);
		}
	}
	return 0;
}

static void on_frames_line(struct loader *L, const char *s, const char *e, void *ctx)
{
	struct frames_ctx *fc = ctx;
	struct conflict_rules *cf = fc->cf;
	const char *line_start = s;
	const char *te;
	s = trim(s, e, &te);
	e = te;
	if (e - s > 7 && !memcmp(s, "define ", 7)) {
		const char *eq = memchr(s, '=', (size_t)(e - s));
		if (!eq) {
			load_error(L, 1, "expected 'define NAME = pattern'%s", "");
			return;
		}
		const char *ne;
		const char *n = trim(s + 7, eq, &ne);
		const char *be;
		const char *b = trim(eq + 1, e, &be);
		strbuf body;
		strbuf_init(&body, 64);
		if (expand(L, fc, b, be, &body, line_start)) {
			strbuf_release(&body);
			return;
		}
		ALLOC_GROW(fc->defs, fc->ndefs + 1, fc->defs_alloc);
		fc->defs[fc->ndefs].name = xstrndup(n, (size_t)(ne - n));
		fc->defs[fc->ndefs].body = strbuf_detach(&body, NULL);
		fc->ndefs++;
		return;
	}
	if (e - s > 6 && !memcmp(s, "frame ", 6)) {
		const char *fs[3], *fe[3];
		size_t nf = split_bar(s + 6, e, fs, fe, 3);
		if (nf < 2 || fs[0] == fe[0] || fs[1] == fe[1]) {
			load_error(L, 1, "expected 'frame NAME | template [| event]'%s", "");
			return;
		}
		int event = 0;
		if (nf == 3) {
			if (fe[2] - fs[2] != 5 || memcmp(fs[2], "event", 5)) {
				load_error(L, (unsigned)(fs[2] - line_start) + 1, "expected 'event' or nothing%s", "");
				return;
			}
			event = 1;
		}
		ALLOC_GROW(cf->frames, cf->nframes + 1, cf->frames_alloc);
		cf->frames[cf->nframes].name = xstrndup(fs[0], (size_t)(fe[0] - fs[0]));
		cf->frames[cf->nframes].template = xstrndup(fs[1], (size_t)(fe[1] - fs[1]));
		cf->frames[cf->nframes].event = event;
		cf->nframes++;
		return;
	}
	if (e - s > 5 && !memcmp(s, "rule ", 5)) {
		const char *fs[4], *fe[4];
		if (split_bar(s + 5, e, fs, fe, 4) != 4 || fs[3] == fe[3]) {
			load_error(L, 1, "expected 'rule ID | FRAME | SIDE | pattern'%s", "");
			return;
		}
		struct frame_rule fr = { 0 };
		const char *fname = fs[1];
		size_t fl = (size_t)(fe[1] - fs[1]);
		fr.frame = -2;
		fr.refers = -2;
		if (fl >= 1 && fname[0] == '*') {
			/* "*": the latest proposition; "*NAME": the latest of that frame */
			fr.frame = -1;
			fr.refers = -1;
			fname++;
			fl--;
		}
		for (size_t k = 0; k < cf->nframes && (fr.frame == -2 || (fr.refers == -1 && fl)); k++)
			if (strlen(cf->frames[k].name) == fl && !memcmp(cf->frames[k].name, fname, fl)) {
				if (fr.frame == -1)
					fr.refers = (int)k;
				else
					fr.frame = (int)k;
			}
		if (fr.frame == -1 && fl && fr.refers == -1)
			fr.frame = -2;
		if (fr.frame == -2) {
			char *name = xstrndup(fs[1], fl);
			load_error(L, (unsigned)(fs[1] - line_start) + 1, "unknown frame '%s'", name);
			free(name);
			return;
		}
		if (parse_side(fs[2], (size_t)(fe[2] - fs[2]), &fr.side) || fr.side == SIDE_HEDGE) {
			load_error(L, (unsigned)(fs[2] - line_start) + 1, "unknown side (for, against)%s", "");
			return;
		}
		for (size_t k = 0; k < cf->nrules; k++)
			if (strlen(cf->rules[k].id) == (size_t)(fe[0] - fs[0]) &&
			    !memcmp(cf->rules[k].id, fs[0], (size_t)(fe[0] - fs[0]))) {
				load_error(L, (unsigned)(fs[0] - line_start) + 1, "duplicate rule id%s", "");
				return;
			}
		strbuf pat;
		strbuf_init(&pat, 256);
		if (expand(L, fc, fs[3], fe[3], &pat, line_start)) {
			strbuf_release(&pat);
			return;
		}
		fr.re = compile(L, pat.buf, pat.len, (unsigned)(fs[3] - line_start) + 1);
		strbuf_release(&pat);
		if (!fr.re)
			return;
		int g = pcre2_substring_number_from_name(fr.re, (PCRE2_SPTR) "agent");
		fr.agent_group = g > 0 ? (uint32_t)g : 0;
		fr.id = xstrndup(fs[0], (size_t)(fe[0] - fs[0]));
		ALLOC_GROW(cf->rules, cf->nrules + 1, cf->rules_alloc);
		cf->rules[cf->nrules++] = fr;
		return;
	}
	if (e - s > 6 && !memcmp(s, "needs ", 6)) {
		if (!cf->nrules) {
			load_error(L, 1, "'needs' before any rule%s", "");
			return;
		}
		struct frame_rule *fr = &cf->rules[cf->nrules - 1];
		for (const char *w = s + 6; w < e;) {
			while (w < e && (*w == ' ' || *w == '\t'))
				w++;
			const char *we = w;
			while (we < e && *we != ' ' && *we != '\t')
				we++;
			if (we - w == 2 && w[0] == '\\' && (w[1] | 0x20) == 'b') {
				load_error(L, (unsigned)(w - s) + 1, "'needs \\b' without a word%s", "");
			} else if (we > w) {
				char *word = xstrndup(w, (size_t)(we - w));
				for (char *c = word; *c; c++)
					if (*c >= 'A' && *c <= 'Z')
						*c = (char)(*c | 0x20);
				fr->needs = xrealloc(fr->needs, (fr->nneeds + 1) * sizeof(char *));
				fr->needs[fr->nneeds++] = word;
			}
			w = we;
		}
		return;
	}
	load_error(L, 1, "expected 'frame', 'define', 'rule' or 'needs'%s", "");
}

static void word_list_free(struct word_list *wl)
{
	for (size_t i = 0; i < wl->n; i++) {
		free(wl->v[i].id);
		pcre2_code_free(wl->v[i].re);
		for (size_t k = 0; k < wl->v[i].nlemmas; k++)
			free(wl->v[i].lemmas[k]);
		free(wl->v[i].lemmas);
	}
	free(wl->v);
}

void conflict_rules_free(struct conflict_rules *cf)
{
	if (!cf)
		return;
	word_list_free(&cf->cues);
	word_list_free(&cf->negation);
	word_list_free(&cf->doubt);
	word_list_free(&cf->hedge);
	word_list_free(&cf->refute);
	word_list_free(&cf->report);
	pcre2_code_free(cf->rejects_ref);
	pcre2_code_free(cf->denied_after);
	for (size_t i = 0; i < cf->nframes; i++) {
		free(cf->frames[i].name);
		free(cf->frames[i].template);
	}
	free(cf->frames);
	for (size_t i = 0; i < cf->nrules; i++) {
		free(cf->rules[i].id);
		pcre2_code_free(cf->rules[i].re);
		for (size_t k = 0; k < cf->rules[i].nneeds; k++)
			free(cf->rules[i].needs[k]);
		free(cf->rules[i].needs);
		free(cf->rules[i].need_bits);
		free(cf->rules[i].need_ws_bits);
	}
	free(cf->rules);
	free(cf->needs);
	free(cf->need_lens);
	pcre2_match_context_free(cf->mctx);
	free(cf);
}

/* A need's text: "\\bWORD" is WORD at the start of a word (*ws). */
static const char *need_text(const char *need, int *ws)
{
	*ws = need[0] == '\\' && need[1] == 'b';
	return *ws ? need + 2 : need;
}

static int cmp_need(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* conflict_rules.needs: the distinct needs, sorted (so by first byte),
 * and each rule's needs as bits of that list. The strings are the rules'. */
static void index_needs(struct conflict_rules *cf)
{
	size_t n = 0;
	for (size_t i = 0; i < cf->nrules; i++)
		n += cf->rules[i].nneeds;
	cf->needs = xmalloc((n + 1) * sizeof(*cf->needs));
	int ws;
	for (size_t i = 0; i < cf->nrules; i++)
		for (size_t k = 0; k < cf->rules[i].nneeds; k++)
			cf->needs[cf->nneeds++] = (char *)need_text(cf->rules[i].needs[k], &ws);
	qsort(cf->needs, cf->nneeds, sizeof(*cf->needs), cmp_need);
	size_t u = 0;
	for (size_t i = 0; i < cf->nneeds; i++)
		if (!u || strcmp(cf->needs[u - 1], cf->needs[i]))
			cf->needs[u++] = cf->needs[i];
	cf->nneeds = u;
	cf->need_lens = xmalloc((u + 1) * sizeof(*cf->need_lens));
	for (size_t i = 0; i < u; i++)
		cf->need_lens[i] = strlen(cf->needs[i]);
	for (size_t c = 0, i = 0; c <= 256; c++) {
		while (i < u && (unsigned char)cf->needs[i][0] < c)
			i++;
		cf->needs_at[c] = i;
	}
	for (size_t i = 0; i < u; i++) {
		unsigned c0 = (unsigned char)cf->needs[i][0];
		for (unsigned c1 = 0; c1 < 256; c1++) {
			if (cf->need_lens[i] > 1 && (unsigned char)cf->needs[i][1] != c1)
				continue;
			cf->pairs[(c0 << 8 | c1) / 64] |= (uint64_t)1 << ((c0 << 8 | c1) % 64);
			for (unsigned c2 = 0; c2 < 256; c2++) {
				if (cf->need_lens[i] > 2 && (unsigned char)cf->needs[i][2] != c2)
					continue;
				unsigned t = TRI(c0, c1, c2);
				cf->tri[t / 64] |= (uint64_t)1 << (t % 64);
			}
		}
	}
	cf->need_words = (u + 63) / 64;
	for (size_t i = 0; i < cf->nrules; i++) {
		struct frame_rule *fr = &cf->rules[i];
		fr->need_bits = xcalloc(cf->need_words + 1, sizeof(uint64_t));
		fr->need_ws_bits = xcalloc(cf->need_words + 1, sizeof(uint64_t));
		for (size_t k = 0; k < fr->nneeds; k++) {
			const char *text = need_text(fr->needs[k], &ws);
			char **at = bsearch(&text, cf->needs, u, sizeof(*cf->needs), cmp_need);
			size_t b = (size_t)(at - cf->needs);
			(ws ? fr->need_ws_bits : fr->need_bits)[b / 64] |= (uint64_t)1 << (b % 64);
		}
	}
}

struct conflict_rules *conflict_rules_load(const char *rules_dir, const struct claim_rules *cr,
					   struct diag *d)
{
	struct conflict_rules *cf = xcalloc(1, sizeof(*cf));
	cf->cr = cr;
	struct loader L = { .d = d };
	const char *dir = rules_dir ? rules_dir : rules_default_dir();
	struct list_ctx lc;
	lc = (struct list_ctx){ &cf->cues, 1, SIDE_FOR };
	read_lines(&L, dir, "stance-cues.txt", on_list_line, &lc);
	lc = (struct list_ctx){ &cf->negation, 0, SIDE_AGAINST };
	read_lines(&L, dir, "stance-negation.txt", on_list_line, &lc);
	lc = (struct list_ctx){ &cf->doubt, 0, SIDE_AGAINST };
	read_lines(&L, dir, "stance-doubt.txt", on_list_line, &lc);
	lc = (struct list_ctx){ &cf->hedge, 0, SIDE_HEDGE };
	read_lines(&L, dir, "stance-hedge.txt", on_list_line, &lc);
	lc = (struct list_ctx){ &cf->refute, 0, SIDE_AGAINST };
	read_lines(&L, dir, "stance-refute.txt", on_list_line, &lc);
	lc = (struct list_ctx){ &cf->report, 0, SIDE_HEDGE };
	read_lines(&L, dir, "stance-report.txt", on_list_line, &lc);
	struct frames_ctx fc = { .cf = cf };
	read_lines(&L, dir, "frames.rules", on_frames_line, &fc);
	for (size_t i = 0; i < fc.ndefs; i++) {
		free(fc.defs[i].name);
		free(fc.defs[i].body);
	}
	free(fc.defs);
	if (L.errors) {
		conflict_rules_free(cf);
		return NULL;
	}
	index_needs(cf);
	{
		/* a denial in the narrative of what was said before it, whose
		   words are the quote after it */
		static const char pat[] =
			"\\b(?:reject(?:s|ed)?|den(?:y|ies|ied)|disput(?:e|es|ed)|dismiss(?:es|ed)?|contest(?:s|ed)?|"
			"rebut(?:s|ted)?)\\s+(?:that|this|the|those|these|such)\\s+(?:\\w+\\s+)?"
			"(?:accounts?|claims?|reports?|allegations?|accusations?|charges?|suggestions?|"
			"characteri[sz]ations?|versions?|assertions?)\\b(?!\\s+(?:that|of|by|from|about)\\b)";
		int err;
		PCRE2_SIZE off;
		cf->rejects_ref = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PATTERN_OPTIONS, &err, &off, NULL);
		if (cf->rejects_ref)
			pcre2_jit_compile(cf->rejects_ref, PCRE2_JIT_COMPLETE);
	}
	{
		/* right after a claim, the narrative says who denies it: ", a
		   charge its leaders deny", ", which the company disputes" */
		static const char pat[] =
			"(?:[\"'\\x{201d}\\x{2019}\\x{bb}]\\s*)?,\\s+"
			"(?<d>(?:an?\\s+(?:charge|claim|accusation|allegation|suggestion|assertion|characteri[sz]ation|"
			"version|figure|estimate|account)\\s+(?:that\\s+)?|which\\s+)"
			"(?:(?!(?:that|who|which|and|but|has|have|had|was|were|is|are|also)\\b|den(?:y|ies|ied)\\b|reject|"
			"disput|dismiss|contest|rebut)[\\w\\x{2019}'\\-]+\\s+){1,4}?"
			"(?:(?:has|have|had|also|strongly|flatly|firmly|repeatedly|vehemently|always|long)\\s+){0,2}"
			"(?:den(?:y|ies|ied)|reject(?:s|ed)?|disput(?:e|es|ed)|dismiss(?:es|ed)?|contest(?:s|ed)?|"
			"rebut(?:s|ted)?))\\b";
		int err;
		PCRE2_SIZE off;
		cf->denied_after = pcre2_compile((PCRE2_SPTR)pat, PCRE2_ZERO_TERMINATED, PATTERN_OPTIONS | PCRE2_ANCHORED,
						 &err, &off, NULL);
		if (cf->denied_after)
			pcre2_jit_compile(cf->denied_after, PCRE2_JIT_COMPLETE);
	}
	cf->mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(cf->mctx, 1000000);
	return cf;
}

void conflict_rules_describe(const struct conflict_rules *cf, strbuf *out)
{
	strbuf_addf(out, "%zu stance cue lists, %zu negation, %zu doubt, %zu hedge, %zu refute, %zu report lists, "
		    "%zu frames, %zu frame rules", cf->cues.n, cf->negation.n, cf->doubt.n, cf->hedge.n, cf->refute.n,
		    cf->report.n, cf->nframes, cf->nrules);
}

/* ---- stance -------------------------------------------------------------- */

/* First match of any entry of wl in [text, text+len); its rule or NULL. */
static const struct word_rule *first_hit(const struct conflict_rules *cf, pcre2_match_data *md, const struct word_list *wl,
					 const char *text, size_t len, size_t *start, size_t *end)
{
	const struct word_rule *best = NULL;
	for (size_t i = 0; i < wl->n; i++) {
		int rc = pcre2_match(wl->v[i].re, (PCRE2_SPTR)text, len, 0, 0, md, cf->mctx);
		if (rc <= 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		if (!best || ov[0] < *start) {
			best = &wl->v[i];
			*start = ov[0];
			*end = ov[1];
		}
	}
	return best;
}

static unsigned count_hits(const struct conflict_rules *cf, pcre2_match_data *md, const struct word_list *wl, const char *text,
			   size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < wl->n; i++) {
		size_t at = 0;
		while (at < len) {
			int rc = pcre2_match(wl->v[i].re, (PCRE2_SPTR)text, len, at, 0, md, cf->mctx);
			if (rc <= 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			n++;
			at = ov[1] > at ? ov[1] : at + 1;
		}
	}
	return n;
}

void conflicts_blank_refute(const struct conflict_rules *cf, const char *text, size_t len, strbuf *out)
{
	strbuf_reset(out);
	strbuf_add(out, text, len);
	pcre2_match_data *md = pcre2_match_data_create(16, NULL);
	for (size_t i = 0; i < cf->refute.n; i++) {
		size_t at = 0;
		while (at < len) {
			int rc = pcre2_match(cf->refute.v[i].re, (PCRE2_SPTR)text, len, at, 0, md, cf->mctx);
			if (rc <= 0)
				break;
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			memset(out->buf + ov[0], ' ', ov[1] - ov[0]);
			at = ov[1] > at ? ov[1] : at + 1;
		}
	}
	pcre2_match_data_free(md);
}

void conflicts_count(const struct conflict_rules *cf, const char *text, size_t len, struct stance_counts *out)
{
	pcre2_match_data *md = pcre2_match_data_create(16, NULL);
	out->against = count_hits(cf, md, &cf->negation, text, len) + count_hits(cf, md, &cf->doubt, text, len);
	out->hedge = count_hits(cf, md, &cf->hedge, text, len);
	out->refute = count_hits(cf, md, &cf->refute, text, len);
	out->report = count_hits(cf, md, &cf->report, text, len);
	pcre2_match_data_free(md);
}

static void stance_md(const struct conflict_rules *cf, pcre2_match_data *md, const char *cue_lemma,
		      const char *text, size_t len, struct stance_verdict *out)
{
	const struct word_rule *cue_rule = NULL;
	if (cue_lemma)
		for (size_t i = 0; i < cf->cues.n && !cue_rule; i++)
			for (size_t k = 0; k < cf->cues.v[i].nlemmas; k++)
				if (!strcmp(cf->cues.v[i].lemmas[k], cue_lemma)) {
					cue_rule = &cf->cues.v[i];
					break;
				}
	out->start = out->end = 0;
	if (cue_rule && cue_rule->side == SIDE_AGAINST) {
		out->side = SIDE_AGAINST;
		out->rule = cue_rule->id;
		return;
	}
	size_t s1 = 0, e1 = 0, s2 = 0, e2 = 0;
	const struct word_rule *neg = first_hit(cf, md, &cf->negation, text, len, &s1, &e1);
	const struct word_rule *doubt = first_hit(cf, md, &cf->doubt, text, len, &s2, &e2);
	if (neg || doubt) {
		int use_neg = neg && (!doubt || s1 <= s2);
		out->side = SIDE_AGAINST;
		out->rule = use_neg ? neg->id : doubt->id;
		out->start = use_neg ? s1 : s2;
		out->end = use_neg ? e1 : e2;
		return;
	}
	const struct word_rule *hedge = first_hit(cf, md, &cf->hedge, text, len, &s1, &e1);
	if (hedge) {
		out->side = SIDE_HEDGE;
		out->rule = hedge->id;
		out->start = s1;
		out->end = e1;
		return;
	}
	if (cue_rule) {
		out->side = cue_rule->side;
		out->rule = cue_rule->id;
		return;
	}
	out->side = SIDE_FOR;
	out->rule = "assert";
}

void conflicts_stance(const struct conflict_rules *cf, const char *cue_lemma, const char *text, size_t len,
		      struct stance_verdict *out)
{
	pcre2_match_data *md = pcre2_match_data_create(16, NULL);
	stance_md(cf, md, cue_lemma, text, len, out);
	pcre2_match_data_free(md);
}

/* ---- propositions -------------------------------------------------------- */

/* The key of an agent: its entity term (aliases applied) if it has one,
 * else all its claim terms joined by "_". Empty when nothing is left.
 * Returns 1 when the key reads as a name (an entity's, or one term). */
static int agent_key(const struct conflict_rules *cf, const char *s, size_t n, strbuf *out)
{
	strbuf terms;
	strbuf_init(&terms, 32);
	claim_normalize(cf->cr, s, n, CLAIM_ASSERT, &terms);
	strbuf_reset(out);
	const char *p = terms.buf, *end = terms.buf + terms.len;
	const char *entity = NULL;
	size_t elen = 0;
	while (p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p));
		const char *we = sp ? sp : end;
		if (!entity && memchr(p, '_', (size_t)(we - p))) {
			entity = p;
			elen = (size_t)(we - p);
		}
		p = sp ? sp + 1 : end;
	}
	if (entity) {
		strbuf_add(out, entity, elen);
	} else {
		for (size_t i = 0; i < terms.len; i++)
			strbuf_addch(out, terms.buf[i] == ' ' ? '_' : terms.buf[i]);
	}
	strbuf_release(&terms);
	/* one term reads as a name too: "the Chinese" is China */
	return entity != NULL || !memchr(out->buf, '_', out->len);
}

/* 0: not a pronoun; 1: "we", "our", "us" (the speaker's organization
 * when the speaker has one); 2: another pronoun (the speaker). */
static int pronoun_kind(const char *s, size_t n)
{
	static const char *const pronouns[] = { "we", "our", "us", "it", "they", "he", "she", "i", "them", "its", NULL };
	for (size_t i = 0; pronouns[i]; i++)
		if (strlen(pronouns[i]) == n) {
			size_t k;
			for (k = 0; k < n; k++)
				if ((s[k] | 0x20) != pronouns[i][k])
					break;
			if (k == n)
				return i < 3 ? 1 : 2;
		}
	return 0;
}

struct hit {
	size_t start, end;
	int rule;
	char *key, *label;   /* NULL for "*" rules and unresolved agents */
	size_t agent_start, agent_end;
	size_t quote;        /* the quote it is in; nquotes: the narrative */
};

/* "north_korea" -> "North Korea": an entity key reads better than the
 * words one article happened to use ("the Chinese" for China). */
static void key_display(const char *key, strbuf *out)
{
	int start = 1;
	for (const char *p = key; *p; p++) {
		if (*p == '_') {
			strbuf_addch(out, ' ');
			start = 1;
			continue;
		}
		int small = start && (!strncmp(p, "of_", 3) || !strncmp(p, "and_", 4) || !strncmp(p, "the_", 4) ||
				      !strncmp(p, "for_", 4));
		strbuf_addch(out, start && !small && *p >= 'a' && *p <= 'z' ? (char)(*p - 32) : *p);
		start = 0;
	}
}

static void make_label(const struct frame *f, const char *agent, size_t alen, strbuf *out)
{
	strbuf_reset(out);
	const char *t = f->template;
	const char *at = strstr(t, "{agent}");
	if (!at) {
		strbuf_addstr(out, t);
		return;
	}
	strbuf_add(out, t, (size_t)(at - t));
	/* "the FBI" reads better without its article at the start of a label */
	if (at == t && alen > 4 && (agent[0] | 0x20) == 't' && (agent[1] | 0x20) == 'h' &&
	    (agent[2] | 0x20) == 'e' && agent[3] == ' ') {
		agent += 4;
		alen -= 4;
	}
	strbuf_add(out, agent, alen);
	strbuf_addstr(out, at + 7);
}

static void make_key(const struct frame *f, const char *akey, strbuf *out)
{
	strbuf_reset(out);
	strbuf_addf(out, "%s(%s)", f->name, akey);
}

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static unsigned char lower(unsigned char c)
{
	return (unsigned char)(c + ((unsigned char)(c - 'A') < 26 ? 32 : 0));
}

static int ascii_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The needs (bits of cf->needs, in lower case) that [from, to) of body
 * (len bytes) holds, ASCII case ignored, into present[cf->need_words],
 * and those it holds at the start of a word (or of the segment) into
 * present_ws. The text is not lowered first: TRI keeps five bits of a
 * byte, the same for both cases, and few places pass it. */
static void segment_needs(const struct conflict_rules *cf, const char *body, size_t len, size_t from, size_t to,
			  uint64_t *present, uint64_t *present_ws)
{
	const unsigned char *b = (const unsigned char *)body;
	memset(present, 0, cf->need_words * sizeof(*present));
	memset(present_ws, 0, cf->need_words * sizeof(*present_ws));
	for (size_t i = from; i < to; i++) {
		/* most byte triples start no need; a need ends by to, so
		   the last two bytes are tested by their pair (with the byte
		   after the segment, or 0 at the end of the text) */
		unsigned char c1;
		if (i + 2 < to) {
			unsigned t = TRI(b[i], b[i + 1], b[i + 2]);
			if (!(cf->tri[t / 64] >> (t % 64) & 1))
				continue;
			c1 = lower(b[i + 1]);
		} else {
			c1 = i + 1 < len ? lower(b[i + 1]) : 0;
			unsigned pair = (unsigned)lower(b[i]) << 8 | c1;
			if (!(cf->pairs[pair / 64] >> (pair % 64) & 1))
				continue;
		}
		unsigned char c = lower(b[i]);
		for (size_t k = cf->needs_at[c]; k < cf->needs_at[c + 1]; k++) {
			size_t nl = cf->need_lens[k], j = 1;
			if (nl > to - i || (nl > 1 && (unsigned char)cf->needs[k][1] != c1))
				continue;
			while (j < nl && lower(b[i + j]) == (unsigned char)cf->needs[k][j])
				j++;
			if (j < nl)
				continue;
			present[k / 64] |= (uint64_t)1 << (k % 64);
			if (i == from || !ascii_alnum(b[i - 1]))
				present_ws[k / 64] |= (uint64_t)1 << (k % 64);
		}
	}
}

/* Does the segment hold one of the rule's needs? */
static int segment_has_need(const struct conflict_rules *cf, const struct frame_rule *fr, const uint64_t *present,
			    const uint64_t *present_ws)
{
	if (!fr->nneeds)
		return 1;
	for (size_t w = 0; w < cf->need_words; w++)
		if ((present[w] & fr->need_bits[w]) | (present_ws[w] & fr->need_ws_bits[w]))
			return 1;
	return 0;
}

static size_t rule_index(const struct conflict_rules *cf, const char *id)
{
	for (size_t i = 0; i < cf->nrules; i++)
		if (cf->rules[i].id == id)
			return i;
	return cf->nrules;
}

/* "the company", "the agency": "the" and one word in lower case. */
static int is_definite_description(const char *s, size_t n)
{
	if (n < 5 || (s[0] | 0x20) != 't' || (s[1] | 0x20) != 'h' || (s[2] | 0x20) != 'e' || s[3] != ' ')
		return 0;
	for (size_t i = 4; i < n; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	return 1;
}

/* Does name hold the word w (any case, whole word)? */
static int name_has_word(const char *name, const char *w, size_t wl)
{
	size_t n = strlen(name);
	for (size_t i = 0; i + wl <= n; i++)
		if ((i == 0 || name[i - 1] == ' ') && (i + wl == n || name[i + wl] == ' ') && !strncasecmp(name + i, w, wl))
			return 1;
	return 0;
}

/* Does name hold every word of words? */
static int name_has_words(const char *name, const char *words)
{
	int any = 0;
	for (const char *w = words; *w;) {
		size_t wl = strcspn(w, " ");
		if (wl) {
			if (!name_has_word(name, w, wl))
				return 0;
			any = 1;
		}
		w += wl;
		w += strspn(w, " ");
	}
	return any;
}

/* The organization "the NOUN" at offset at refers to, or NULL. */
static const struct prop_org *resolve_description(const struct rules *r, const char *noun, size_t nl,
						  const struct prop_org *orgs, size_t norgs, size_t at)
{
	size_t before = 0;
	while (before < norgs && orgs[before].start < at)
		before++;
	for (size_t k = before; k-- > 0;)
		if (name_has_word(orgs[k].name, noun, nl))
			return &orgs[k];
	if (r && wordset_get_ci(&r->org_words, noun, nl) == ORG_COMPANY)
		for (size_t k = before; k-- > 0;)
			if (orgs[k].company)
				return &orgs[k];
	return NULL;
}

/* Is the speaker the one accused in [obj, obj+n) ("Environment Minister
 * Ada Kroll"): the organization it resolved to, else the speaker's last
 * name as a word of it, the only one accused ("X and Y" are two)? */
static int is_accused(const char *speaker, const char *org, const char *obj, size_t n)
{
	if (org)
		return !strcmp(speaker, org);
	const char *last = strrchr(speaker, ' ');
	last = last ? last + 1 : speaker;
	size_t ll = strlen(last);
	if (ll < 2 || !(*last >= 'A' && *last <= 'Z'))
		return 0;
	int found = 0;
	for (size_t i = 0; i + ll <= n; i++) {
		if (i + 5 <= n && !memcmp(obj + i, " and ", 5))
			return 0;
		if ((i == 0 || obj[i - 1] == ' ') && (i + ll == n || !ascii_alnum((unsigned char)obj[i + ll])) &&
		    !memcmp(obj + i, last, ll))
			found = 1;
	}
	return found;
}

/* A proposition made of another speaker's claim aq (its normalized
 * terms at) under frame f: its key, f's name and the claim's first five
 * terms; its label, what was said, cut at a word, and who said it.
 * shown is scratch. */
static void claim_key_label(const struct frame *f, const strbuf *at, const char *body,
			    const struct prop_quote *aq, strbuf *key, strbuf *shown, strbuf *label)
{
	strbuf_reset(key);
	strbuf_addf(key, "%s(", f->name);
	for (size_t k = 0, sp = 0; k < at->len && (at->buf[k] != ' ' || ++sp < 5); k++)
		strbuf_addch(key, at->buf[k] == ' ' ? '_' : at->buf[k]);
	strbuf_addch(key, ')');
	size_t n = aq->end - aq->start;
	if (n > 90) {
		n = 90;
		while (n > 40 && body[aq->start + n] != ' ')
			n--;
		while (n > 0 && ((unsigned char)body[aq->start + n] & 0xc0) == 0x80)
			n--;
	}
	strbuf_reset(shown);
	strbuf_addstr(shown, "\xe2\x80\x9c");
	strbuf_add(shown, body + aq->start, n);
	strbuf_addstr(shown, n < aq->end - aq->start ? "\xe2\x80\xa6\xe2\x80\x9d (" : "\xe2\x80\x9d (");
	strbuf_addstr(shown, aq->speaker);
	strbuf_addch(shown, ')');
	make_label(f, shown->buf, shown->len, label);
}

static struct proposition *new_prop(struct proposition **props, size_t *nprops)
{
	*props = xrealloc(*props, (*nprops + 1) * sizeof(**props));
	struct proposition *p = &(*props)[(*nprops)++];
	memset(p, 0, sizeof(*p));
	return p;
}

/* The index of the frame frames.rules names so (the last of that name),
 * or -1 when it defines none: the readings below run only for a frame
 * the rules define. */
static int frame_named(const struct conflict_rules *cf, const char *name)
{
	int found = -1;
	for (size_t f = 0; f < cf->nframes; f++)
		if (!strcmp(cf->frames[f].name, name))
			found = (int)f;
	return found;
}

/* "A accused B of X" (cue "accuse", content "B of X") and B's own words
 * after it that take the other side (a denying cue, negation, doubt: "B
 * denied that ...") are one proposition of the frame "accused" (when
 * frames.rules defines it): the accuser for, the accused against. An
 * accusation nobody answers in the article is no conflict of it. Returns
 * the number of propositions added. */
static size_t accusations(const struct conflict_rules *cf, const struct rules *r, pcre2_match_data *md,
			  const char *body, const struct prop_quote *quotes, size_t nquotes,
			  const struct prop_org *orgs, size_t norgs, struct proposition **props, size_t *nprops)
{
	int fa = frame_named(cf, "accused");
	if (fa < 0)
		return 0;
	size_t added = 0;
	strbuf akey, key, label;
	strbuf_init(&akey, 32);
	strbuf_init(&key, 32);
	strbuf_init(&label, 32);
	for (size_t i = 0; i < nquotes; i++) {
		const struct prop_quote *aq = &quotes[i];
		if (!aq->cue_lemma || strcmp(aq->cue_lemma, "accuse") || !aq->speaker)
			continue;
		/* the accused: the words before " of " that start the content */
		size_t os = aq->start, oe = 0, lim = aq->end < os + 120 ? aq->end : os + 120;
		for (size_t k = os; !oe && k + 4 <= lim; k++)
			if (!memcmp(body + k, " of ", 4))
				oe = k;
		if (!oe || pronoun_kind(body + os, oe - os))
			continue;
		const char *org = NULL;
		if (is_definite_description(body + os, oe - os)) {
			const struct prop_org *o = resolve_description(r, body + os + 4, oe - os - 4, orgs, norgs, os);
			if (!o)
				continue;
			org = o->name;
		}
		int answered = 0;
		for (size_t j = i + 1; j < nquotes && quotes[j].start < aq->end + 2000; j++) {
			const struct prop_quote *dq = &quotes[j];
			if (!dq->speaker || !strcmp(dq->speaker, aq->speaker) ||
			    !is_accused(dq->speaker, org, body + os, oe - os))
				continue;
			struct stance_verdict v;
			stance_md(cf, md, dq->cue_lemma, body + dq->start, dq->end - dq->start, &v);
			if (v.side != SIDE_AGAINST)
				continue;
			if (!answered) {
				agent_key(cf, dq->speaker, strlen(dq->speaker), &akey);
				if (!akey.len)
					break;
				make_key(&cf->frames[fa], akey.buf, &key);
				make_label(&cf->frames[fa], dq->speaker, strlen(dq->speaker), &label);
				struct proposition *p = new_prop(props, nprops);
				*p = (struct proposition){ i, xstrdup(key.buf), xstrdup(label.buf), "accused.accusation",
							   cf->frames[fa].event, "accusation", SIDE_FOR, os, oe };
				added++;
				answered = 1;
			}
			struct proposition *p = new_prop(props, nprops);
			*p = (struct proposition){ j, xstrdup(key.buf), xstrdup(label.buf), "accused.answer",
						   cf->frames[fa].event, v.rule, SIDE_AGAINST, dq->start, dq->end };
			added++;
		}
	}
	strbuf_release(&akey);
	strbuf_release(&key);
	strbuf_release(&label);
	return added;
}

/* Number of the space-separated terms of b that are terms of a (both
 * sorted, as claim_normalize writes them). */
static size_t terms_shared(const char *a, const char *b, size_t *nb)
{
	size_t shared = 0;
	*nb = 0;
	while (*b) {
		size_t bl = strcspn(b, " ");
		(*nb)++;
		for (const char *x = a; *x;) {
			size_t xl = strcspn(x, " ");
			if (xl == bl && !memcmp(x, b, bl)) {
				shared++;
				break;
			}
			x += xl;
			x += strspn(x, " ");
		}
		b += bl;
		b += strspn(b, " ");
	}
	return shared;
}

/* Is the lemma a cue of stance-cues.txt that takes the against side? */
static int cue_against(const struct conflict_rules *cf, const char *lemma)
{
	for (size_t i = 0; i < cf->cues.n; i++)
		if (cf->cues.v[i].side == SIDE_AGAINST)
			for (size_t k = 0; k < cf->cues.v[i].nlemmas; k++)
				if (!strcmp(cf->cues.v[i].lemmas[k], lemma))
					return 1;
	return 0;
}

/* Does the text read as a clause: it starts with a subject pronoun or holds
 * an auxiliary or a form of "be" ("rosters had been discussed", "he knew
 * nothing")? A bare noun phrase ("the offer") does not. */
static int clause_like(const char *s, size_t n)
{
	static const char *const aux[] = { "is", "was", "were", "are", "be", "been", "had", "has", "have",
					   "would", "will", "could", "can", "did", "does", "do", "should",
					   "may", "might", "must", "shall", NULL };
	static const char *const subj[] = { "he", "she", "it", "they", "we", "i", NULL };
	size_t i = 0, first = 1;
	while (i < n) {
		while (i < n && !ascii_alnum((unsigned char)s[i]))
			i++;
		size_t b = i;
		while (i < n && (ascii_alnum((unsigned char)s[i]) || s[i] == '\''))
			i++;
		size_t l = i - b;
		if (!l)
			break;
		for (int k = 0; aux[k]; k++)
			if (strlen(aux[k]) == l && !strncasecmp(s + b, aux[k], l))
				return 1;
		for (int k = 0; first && subj[k]; k++)
			if (strlen(subj[k]) == l && !strncasecmp(s + b, subj[k], l))
				return 1;
		first = 0;
	}
	return 0;
}

/* "The union denied that rosters had been discussed" after an official
 * said the offer hung on "changes in shift rosters": a quote whose cue
 * denies (stance-cues.txt, against) and that no frame reads, and the
 * nearest quote before it (at most 1500 bytes) of another speaker that
 * asserts half of its terms or more, are one proposition of the frame
 * "disputed" (when frames.rules defines it), what the first said: it for,
 * the denial against. from: the first proposition of this article. */
static size_t disputes(const struct conflict_rules *cf, pcre2_match_data *md, const char *body,
		       const struct prop_quote *quotes, size_t nquotes, struct proposition **props, size_t *nprops,
		       size_t from)
{
	int fd = frame_named(cf, "disputed");
	if (fd < 0)
		return 0;
	size_t added = 0;
	strbuf dt, at, key, shown, label;
	strbuf_init(&dt, 64);
	strbuf_init(&at, 64);
	strbuf_init(&key, 64);
	strbuf_init(&shown, 64);
	strbuf_init(&label, 64);
	/* "Kallis Rail rejected that account." in the narrative: the quote
	   right after it in its paragraph denies what the nearest quote of
	   another speaker before it said */
	size_t *ref_before = xmalloc((nquotes + 1) * sizeof(size_t));
	for (size_t j = 0; j < nquotes; j++)
		ref_before[j] = (size_t)-1;
	size_t blen = nquotes ? quotes[nquotes - 1].end : 0;
	for (size_t at0 = 0, q = 0; cf->rejects_ref && nquotes && at0 < blen;) {
		int rc = pcre2_match(cf->rejects_ref, (PCRE2_SPTR)body, blen, at0, 0, md, cf->mctx);
		if (rc <= 0)
			break;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t ms = ov[0], me = ov[1];
		at0 = me > at0 ? me : at0 + 1;
		while (q < nquotes && quotes[q].end <= ms)
			q++;
		if (q >= nquotes || quotes[q].start < me || quotes[q].start > me + 400)
			continue;   /* inside a quote, or no quote after it */
		int para = 0;
		for (size_t k = me; k + 1 < quotes[q].start && !para; k++)
			para = body[k] == '\n' && body[k + 1] == '\n';
		if (!para)
			ref_before[q] = ms;
	}
	for (size_t j = 0; j < nquotes; j++) {
		const struct prop_quote *dq = &quotes[j];
		if (!dq->speaker)
			continue;
		int ref = ref_before[j] != (size_t)-1;
		struct stance_verdict v;
		if (ref) {
			v = (struct stance_verdict){ SIDE_AGAINST, "reference.rejected", ref_before[j], ref_before[j] };
		} else {
			/* the cue decides first: only a denying cue needs more */
			if (!dq->cue_lemma || !cue_against(cf, dq->cue_lemma))
				continue;
			stance_md(cf, md, dq->cue_lemma, body + dq->start, dq->end - dq->start, &v);
			if (v.side != SIDE_AGAINST || strncmp(v.rule, "cue.", 4))
				continue;
		}
		int framed = 0;
		for (size_t k = from; k < *nprops && !framed; k++)
			framed = (*props)[k].quote == j;
		if (framed)
			continue;
		/* a clause is denied ("denied that rosters had been discussed");
		   "rejected the offer" refuses a thing, it disputes no claim */
		if (!ref && !clause_like(body + dq->start, dq->end - dq->start))
			continue;
		claim_normalize(cf->cr, body + dq->start, dq->end - dq->start, CLAIM_ASSERT, &dt);
		if (!dt.len)
			continue;
		size_t before = ref ? ref_before[j] : dq->start;
		for (size_t i = j; i-- > 0;) {
			const struct prop_quote *aq = &quotes[i];
			if (aq->end + 1500 < before)
				break;
			if (!aq->speaker || !strcmp(aq->speaker, dq->speaker))
				continue;
			claim_normalize(cf->cr, body + aq->start, aq->end - aq->start, CLAIM_ASSERT, &at);
			size_t nd = 0, shared = terms_shared(at.buf, dt.buf, &nd);
			/* "that account" names what it denies: the nearest claim */
			if (!ref && (!shared || 2 * shared < nd))
				continue;
			struct stance_verdict va;
			stance_md(cf, md, aq->cue_lemma, body + aq->start, aq->end - aq->start, &va);
			if (va.side != SIDE_FOR)
				break;   /* the nearest one it answers does not assert */
			claim_key_label(&cf->frames[fd], &at, body, aq, &key, &shown, &label);
			struct proposition *p = new_prop(props, nprops);
			*p = (struct proposition){ i, xstrdup(key.buf), xstrdup(label.buf), "disputed.said",
						   cf->frames[fd].event, va.rule, SIDE_FOR, aq->start, aq->end };
			p = new_prop(props, nprops);
			*p = (struct proposition){ j, xstrdup(key.buf), xstrdup(label.buf), "disputed.denied",
						   cf->frames[fd].event, v.rule, SIDE_AGAINST, dq->start, dq->end };
			added += 2;
			break;
		}
	}
	free(ref_before);
	strbuf_release(&dt);
	strbuf_release(&at);
	strbuf_release(&key);
	strbuf_release(&shown);
	strbuf_release(&label);
	return added;
}

/* "Liberal Reform is positioning itself for an early election, a charge
 * its leaders deny": a quote that asserts, followed by words of the
 * narrative that say who denies it (no quote of their own), is one
 * proposition of the frame "disputed": the quote for, the denial against.
 * The denial's row is the same quote's, its rule "narrative.denied" and
 * its span the denial's words ("a charge its leaders deny"), which name
 * who takes that side (see `whosaid conflicts`). */
static size_t narrative_denials(const struct conflict_rules *cf, pcre2_match_data *md, const char *body, size_t len,
				const struct prop_quote *quotes, size_t nquotes, struct proposition **props,
				size_t *nprops)
{
	int fd = frame_named(cf, "disputed");
	if (fd < 0 || !cf->denied_after)
		return 0;
	size_t added = 0;
	strbuf at, key, shown, label;
	strbuf_init(&at, 64);
	strbuf_init(&key, 64);
	strbuf_init(&shown, 64);
	strbuf_init(&label, 64);
	for (size_t i = 0; i < nquotes; i++) {
		const struct prop_quote *aq = &quotes[i];
		if (!aq->speaker || aq->end >= len)
			continue;
		int rc = pcre2_match(cf->denied_after, (PCRE2_SPTR)body, len, aq->end, 0, md, cf->mctx);
		if (rc <= 0)
			continue;
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
		size_t ds = ov[2], de = ov[3];
		struct stance_verdict va;
		stance_md(cf, md, aq->cue_lemma, body + aq->start, aq->end - aq->start, &va);
		if (va.side != SIDE_FOR)
			continue;
		claim_normalize(cf->cr, body + aq->start, aq->end - aq->start, CLAIM_ASSERT, &at);
		if (!at.len)
			continue;
		claim_key_label(&cf->frames[fd], &at, body, aq, &key, &shown, &label);
		int said = 0;
		for (size_t k = 0; k < *nprops && !said; k++)
			said = (*props)[k].quote == i && (*props)[k].side == SIDE_FOR && !strcmp((*props)[k].key, key.buf);
		struct proposition *p;
		if (!said) {
			p = new_prop(props, nprops);
			*p = (struct proposition){ i, xstrdup(key.buf), xstrdup(label.buf), "disputed.said",
						   cf->frames[fd].event, va.rule, SIDE_FOR, aq->start, aq->end };
			added++;
		}
		p = new_prop(props, nprops);
		*p = (struct proposition){ i, xstrdup(key.buf), xstrdup(label.buf), "disputed.narrative",
					   cf->frames[fd].event, "narrative.denied", SIDE_AGAINST, ds, de };
		added++;
	}
	strbuf_release(&at);
	strbuf_release(&key);
	strbuf_release(&shown);
	strbuf_release(&label);
	return added;
}

/* ---- figures ------------------------------------------------------------- */

/* A figure's key "amount(speed:<38)": its dimension, value and bound. */
int conflicts_figure_parse(const char *key, char *dim, size_t dimsz, double *v, char *bound)
{
	const char *colon = strchr(key, ':');
	if (strncmp(key, "amount(", 7) || !colon || (size_t)(colon - key - 7) >= dimsz)
		return 0;
	memcpy(dim, key + 7, (size_t)(colon - key - 7));
	dim[colon - key - 7] = 0;
	const char *p = colon + 1;
	*bound = *p == '<' || *p == '>' ? *p++ : 0;
	*v = strtod(p, NULL);
	return 1;
}

/* Do two figures agree: equal within a fifth, or one within the other's
 * bound ("less than two" and "1.5"; "more than 50" and "61")? */
int conflicts_figures_agree(double a, char ba, double b, char bb)
{
	if (ba && bb)
		return ba == bb || (ba == '<' ? b < a : a < b);
	if (ba)
		return ba == '<' ? b <= a : b >= a;
	if (bb)
		return bb == '<' ? a <= b : a >= b;
	double hi = a > b ? a : b, lo = a > b ? b : a;
	return hi <= 0 || lo >= hi * 0.8;
}


/* Units of a measured figure: the dimension and the factor to its base
 * unit (km/h, tonnes, litres). Counts of people are left out: a story
 * holds many of them (dead, injured, evacuated) that are no rivals. */
static const struct unit {
	const char *w1, *w2, *w3; /* the unit's words ("kilometres an hour") */
	const char *dim;
	double factor;
} units[] = {
	{ "km/h", NULL, NULL, "speed", 1 }, { "kph", NULL, NULL, "speed", 1 }, { "kmh", NULL, NULL, "speed", 1 },
	{ "kilometres", "an", "hour", "speed", 1 }, { "kilometers", "an", "hour", "speed", 1 },
	{ "kilometres", "per", "hour", "speed", 1 }, { "kilometers", "per", "hour", "speed", 1 },
	{ "mph", NULL, NULL, "speed", 1.609 }, { "miles", "an", "hour", "speed", 1.609 },
	{ "miles", "per", "hour", "speed", 1.609 }, { "knots", NULL, NULL, "speed", 1.852 },
	{ "tonnes", NULL, NULL, "mass", 1 }, { "tons", NULL, NULL, "mass", 1 }, { "tonne", NULL, NULL, "mass", 1 },
	{ "kilograms", NULL, NULL, "mass", 0.001 }, { "kg", NULL, NULL, "mass", 0.001 },
	{ "litres", NULL, NULL, "volume", 1 }, { "liters", NULL, NULL, "volume", 1 },
	{ "gallons", NULL, NULL, "volume", 3.785 }, { "barrels", NULL, NULL, "volume", 159 },
	{ "cubic", "metres", NULL, "volume", 1000 }, { "cubic", "meters", NULL, "volume", 1000 },
};

struct fword {
	size_t s, e;
};

static int fword_is(const char *t, const struct fword *w, const char *x)
{
	return x && strlen(x) == w->e - w->s && !strncasecmp(t + w->s, x, w->e - w->s);
}

static int fword_in(const char *t, const struct fword *w, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (fword_is(t, w, list[i]))
			return 1;
	return 0;
}

/* Is the number w[i] the limit named right before it ("limit 40", "the
 * limit is 40", "a limit of 40"): what a figure is compared with, not a
 * figure of its own? refs: the limit words. */
static int limit_before(const char *t, const struct fword *w, size_t i, const char *const *refs)
{
	return (i > 0 && fword_in(t, &w[i - 1], refs)) ||
	       (i > 1 && fword_in(t, &w[i - 2], refs) &&
		(fword_is(t, &w[i - 1], "is") || fword_is(t, &w[i - 1], "was") || fword_is(t, &w[i - 1], "of")));
}

/* The value of a number as written: digits ("40,000", "2.5") or a word
 * ("nine", "sixty"); -1 when it is none. */
static double number_value(const char *t, const struct fword *w)
{
	/* called for every word of every quote: the names by length, and
	   the length compared before the letters (the lists' strlen and
	   strncasecmp were 5% of an ingest) */
	static const struct {
		const char *word;
		unsigned char len;
		unsigned char value;
	} names[] = {   /* by length */
		{ "one", 3, 1 }, { "two", 3, 2 }, { "six", 3, 6 }, { "ten", 3, 10 },
		{ "zero", 4, 0 }, { "four", 4, 4 }, { "five", 4, 5 }, { "nine", 4, 9 },
		{ "three", 5, 3 }, { "seven", 5, 7 }, { "eight", 5, 8 }, { "forty", 5, 40 },
		{ "fifty", 5, 50 }, { "sixty", 5, 60 }, { "eleven", 6, 11 }, { "twelve", 6, 12 },
		{ "twenty", 6, 20 }, { "thirty", 6, 30 }, { "eighty", 6, 80 }, { "ninety", 6, 90 },
		{ "fifteen", 7, 15 }, { "sixteen", 7, 16 }, { "seventy", 7, 70 }, { "thirteen", 8, 13 },
		{ "fourteen", 8, 14 }, { "eighteen", 8, 18 }, { "nineteen", 8, 19 }, { "seventeen", 9, 17 },
	};
	size_t len = w->e - w->s;
	if (!(t[w->s] >= '0' && t[w->s] <= '9')) {
		if (len > 9)
			return -1;
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]) && names[i].len <= len; i++)
			if (names[i].len == len && (t[w->s] | 0x20) == names[i].word[0] &&
			    !strncasecmp(t + w->s, names[i].word, len))
				return names[i].value;
		return -1;
	}
	double v = 0, scale = 0;
	int digits = 0;
	for (size_t i = w->s; i < w->e; i++) {
		char c = t[i];
		if (c >= '0' && c <= '9') {
			digits++;
			if (scale) {
				v += (c - '0') * scale;
				scale /= 10;
			} else {
				v = v * 10 + (c - '0');
			}
		} else if (c == ',' && digits && !scale && i + 3 < w->e) {
			continue;
		} else if (c == '.' && digits && !scale && i + 1 < w->e) {
			scale = 0.1;
		} else {
			return -1;
		}
	}
	return digits ? v : -1;
}

/* Does w[k] open a unit or a multiplier ("km/h", "tonnes", "mln")? */
static int unit_word(const char *t, const struct fword *w, size_t k, size_t n, const char *const *mult_w)
{
	if (k >= n)
		return 0;
	if (fword_in(t, &w[k], mult_w))
		return 1;
	for (size_t u = 0; u < sizeof(units) / sizeof(units[0]); u++)
		if (fword_is(t, &w[k], units[u].w1))
			return 1;
	return 0;
}

/* Is the token w[i], which starts with a digit but has no unit after it,
 * no quantity: a clock time ("10:30", "3pm", "at 9 a.m."), a year ("in
 * 2019"), a date or a name's number ("June 5", "Route 9", "Flight 370")?
 * A quote with two quantities compares them (figures() counts them); these
 * are none. */
static int no_quantity(const char *t, const struct fword *w, size_t i, size_t n, const char *const *mult_w)
{
	static const char *const clock[] = { "am", "pm", "a.m", "p.m", "gmt", "bst", "utc", "est", "edt", NULL };
	if (unit_word(t, w, i + 1, n, mult_w))
		return 0;
	double v = number_value(t, &w[i]);
	if (v < 0)
		return 1;   /* "3pm", "1990s", "4x4" */
	size_t len = w[i].e - w[i].s;
	if (len == 4 && v >= 1800 && v <= 2100)
		return 1;   /* a year */
	if ((w[i].s > 0 && t[w[i].s - 1] == ':') || t[w[i].e] == ':' || (i + 1 < n && fword_in(t, &w[i + 1], clock)))
		return 1;   /* a time of day */
	/* a capital right before it: a month or a name ("the" that opens a
	   sentence is no name) */
	return i > 0 && t[w[i - 1].s] >= 'A' && t[w[i - 1].s] <= 'Z' && w[i - 1].e == w[i].s - 1 &&
	       !fword_is(t, &w[i - 1], "the") && !fword_is(t, &w[i - 1], "about") && !fword_is(t, &w[i - 1], "some") &&
	       !fword_is(t, &w[i - 1], "only") && !fword_is(t, &w[i - 1], "nearly") && !fword_is(t, &w[i - 1], "almost");
}

/* "the train was travelling at 38 km/h", "less than two tonnes had been
 * lost": the first measured figure of each dimension a quote states (not a
 * limit it is compared with: "below the 40 km/h limit") is a proposition
 * amount(DIM:VALUE), VALUE in the base unit with "<" or ">" for a bound
 * ("less than", "more than"), its label the figure as written. Two sources
 * of one story that give figures too far apart are a conflict:
 * `whosaid conflicts` compares them (cmd_conflicts.c); the same figure from
 * one source in two articles is one claim (xref.c). Only when frames.rules
 * defines the frame "amount". */
static size_t figures(const struct conflict_rules *cf, pcre2_match_data *md, const char *body,
		      const struct prop_quote *quotes, size_t nquotes, struct proposition **props, size_t *nprops)
{
	int fa = frame_named(cf, "amount");
	if (fa < 0)
		return 0;
	static const char *const mult_w[] = { "thousand", "million", "billion", "mln", "bln", NULL };
	static const double mult_v[] = { 1e3, 1e6, 1e9, 1e6, 1e9 };
	static const char *const refs[] = { "limit", "limits", "zone", "cap", "threshold", "maximum", "minimum",
					    "restriction", "restrictions", "quota", "quotas", "target", "targets",
					    "capacity", "allocation", NULL };
	/* a figure moved by ("stocks fell 2.7 mln barrels", "exports up
	   40,000 tonnes") or set against another ("800,000 tonnes behind
	   schedule", "three mln barrels higher") is a change, a difference:
	   no measure of the thing itself, so no rival of another source's
	   level (the market wires' figure conflicts on news.jsonl) */
	static const char *const change_before[] = { "fell",	 "rose",   "dropped", "climbed", "gained",
						     "declined", "jumped", "slipped", "grew",	 "shrank",
						     "plunged",	 "slumped", "surged", "soared",	 "tumbled",
						     "eased",	 "up",	   "down",   "increased", "decreased",
						     NULL };
	static const char *const change_after[] = { "higher", "lower", "behind", "ahead", "short",
						    "more",   "less",  "fewer",	 NULL };
	static const char *const under[] = { "under", "below", "fewer", "less", "most", NULL };
	static const char *const over[] = { "over", "above", "more", "least", "exceeding", NULL };
	size_t added = 0;
	strbuf key = STRBUF_INIT;
	for (size_t q = 0; q < nquotes; q++) {
		const struct prop_quote *pq = &quotes[q];
		if (!pq->speaker || pq->end <= pq->start)
			continue;
		struct fword w[256];
		size_t n = 0;
		for (size_t i = pq->start; i < pq->end && n < 256;) {
			while (i < pq->end && (body[i] == ' ' || body[i] == '\n' || body[i] == '\t' || body[i] == '"' ||
					       body[i] == '(' || body[i] == ')' || body[i] == ';' || body[i] == ':'))
				i++;
			size_t a = i;
			while (i < pq->end && !(body[i] == ' ' || body[i] == '\n' || body[i] == '\t' || body[i] == '"' ||
						body[i] == '(' || body[i] == ')' || body[i] == ';' || body[i] == ':'))
				i++;
			size_t e = i;
			while (e > a && (body[e - 1] == ',' || body[e - 1] == '.'))
				e--;   /* "38 km/h, below": the comma is no part of the unit */
			if (e > a)
				w[n++] = (struct fword){ a, e };
		}
		/* a quote with a series of figures ("rose to 151,800 tons in
		   January from 124,800", "390,000 tonnes, up from 223,000 at
		   end-1985") compares quantities over time, it gives none of
		   them as the fact in dispute: one figure a quote, besides a
		   limit ("below the 40 km/h limit", "where the limit is 40") */
		size_t figs = 0;
		for (size_t i = 0; i < n; i++) {
			int digit = body[w[i].s] >= '0' && body[w[i].s] <= '9' && !no_quantity(body, w, i, n, mult_w);
			if (!digit && !(number_value(body, &w[i]) >= 0 && i + 1 < n &&
					(fword_in(body, &w[i + 1], mult_w) ||
					 (body[w[i + 1].s] >= 'a' && body[w[i + 1].s] <= 'z' &&
					  (fword_is(body, &w[i + 1], "tonnes") || fword_is(body, &w[i + 1], "tons") ||
					   fword_is(body, &w[i + 1], "kilometres") || fword_is(body, &w[i + 1], "kilometers") ||
					   fword_is(body, &w[i + 1], "miles") || fword_is(body, &w[i + 1], "litres") ||
					   fword_is(body, &w[i + 1], "liters") || fword_is(body, &w[i + 1], "gallons") ||
					   fword_is(body, &w[i + 1], "barrels"))))))
				continue;
			int ref = limit_before(body, w, i, refs) ||
				  (i + 2 < n && fword_in(body, &w[i + 2], refs)) ||
				  (i + 3 < n && fword_in(body, &w[i + 3], refs) && !fword_in(body, &w[i + 2], refs));
			figs += !ref;
		}
		if (figs > 1)
			continue;
		const char *seen[4] = { NULL, NULL, NULL, NULL };
		for (size_t i = 0; i + 1 < n; i++) {
			double v = number_value(body, &w[i]);
			if (v < 0)
				continue;
			size_t u = i + 1;
			for (int m = 0; mult_w[m]; m++)
				if (fword_is(body, &w[u], mult_w[m])) {
					v *= mult_v[m];
					u++;
					break;
				}
			const struct unit *un = NULL;
			size_t ue = u;
			for (size_t k = 0; k < sizeof(units) / sizeof(units[0]) && !un && u < n; k++) {
				const struct unit *x = &units[k];
				if (!fword_is(body, &w[u], x->w1))
					continue;
				if (x->w2 && !(u + 1 < n && fword_is(body, &w[u + 1], x->w2)))
					continue;
				if (x->w3 && !(u + 2 < n && fword_is(body, &w[u + 2], x->w3)))
					continue;
				un = x;
				ue = u + (x->w3 ? 2 : x->w2 ? 1 : 0);
			}
			if (!un)
				continue;
			/* "the 40 km/h limit", "the 40 km/h speed limit": what
			   the figure is compared with */
			if ((ue + 1 < n && fword_in(body, &w[ue + 1], refs)) ||
			    (ue + 2 < n && fword_is(body, &w[ue + 1], "speed") && fword_in(body, &w[ue + 2], refs)) ||
			    limit_before(body, w, i, refs))
				continue;
			int dup = 0, slot = -1;
			for (int k = 0; k < 4; k++) {
				if (seen[k] == un->dim)
					dup = 1;
				if (!seen[k] && slot < 0)
					slot = k;
			}
			if (dup || slot < 0)
				continue;
			seen[slot] = un->dim;
			/* (the dimension is spent all the same: a quote about a
			   change gives no level of it) */
			if ((i > 0 && fword_in(body, &w[i - 1], change_before)) ||
			    (ue + 1 < n && fword_in(body, &w[ue + 1], change_after)))
				continue;
			/* a bound: "less than two", "under 40", "at most", "more than" */
			char bound = 0;
			size_t fs = i;
			if (i > 0 && fword_is(body, &w[i - 1], "than") && i > 1) {
				if (fword_in(body, &w[i - 2], under))
					bound = '<';
				else if (fword_in(body, &w[i - 2], over))
					bound = '>';
				if (bound)
					fs = i - 2;
			} else if (i > 0 && (fword_in(body, &w[i - 1], under) || fword_in(body, &w[i - 1], over))) {
				if (fword_is(body, &w[i - 1], "most") || fword_is(body, &w[i - 1], "least")) {
					if (i > 1 && fword_is(body, &w[i - 2], "at")) {
						bound = fword_is(body, &w[i - 1], "most") ? '<' : '>';
						fs = i - 2;
					}
				} else if (!fword_is(body, &w[i - 1], "less") && !fword_is(body, &w[i - 1], "more") &&
					   !fword_is(body, &w[i - 1], "fewer")) {
					bound = fword_in(body, &w[i - 1], under) ? '<' : '>';
					fs = i - 1;
				}
			}
			struct stance_verdict sv;
			stance_md(cf, md, pq->cue_lemma, body + pq->start, pq->end - pq->start, &sv);
			if (sv.side == SIDE_AGAINST)
				break;   /* a figure denied is no figure given */
			strbuf_reset(&key);
			strbuf_addf(&key, "amount(%s:", un->dim);
			if (bound)
				strbuf_addch(&key, bound);
			strbuf_addf(&key, "%.3g)", v * un->factor);
			struct proposition *p = new_prop(props, nprops);
			*p = (struct proposition){ q, xstrdup(key.buf), xstrndup(body + w[fs].s, w[ue].e - w[fs].s),
						   "amount.figure", cf->frames[fa].event, sv.rule, sv.side, w[fs].s,
						   w[ue].e };
			added++;
		}
	}
	strbuf_release(&key);
	return added;
}

size_t conflicts_article(const struct conflict_rules *cf, const struct rules *r, const char *body, size_t len,
			 const struct prop_quote *quotes, size_t nquotes, const struct prop_org *orgs, size_t norgs,
			 struct proposition **props, size_t *nprops)
{
	struct hit *hits = NULL;
	size_t nhits = 0, hits_alloc = 0;
	pcre2_match_data *md = pcre2_match_data_create(16, NULL);
	strbuf key, label;
	strbuf_init(&key, 64);
	strbuf_init(&label, 64);
	/* Segments: each quote's content, and the narrative between quotes.
	 * A frame in a quote is matched inside it, so it can take neither the
	 * narrative around it nor the period after it. */
	struct seg {
		size_t start, end;
		size_t quote;   /* nquotes for narrative */
	} *segs = xmalloc((2 * nquotes + 1) * sizeof(*segs));
	size_t nsegs = 0, pos = 0;
	for (size_t i = 0; i < nquotes; i++) {
		size_t qs = quotes[i].start > pos ? quotes[i].start : pos;
		size_t qe = quotes[i].end < len ? quotes[i].end : len;
		if (qs > pos)
			segs[nsegs++] = (struct seg){ pos, qs, nquotes };
		if (qe > qs)
			segs[nsegs++] = (struct seg){ qs, qe, i };
		if (qe > pos)
			pos = qe;
	}
	if (pos < len)
		segs[nsegs++] = (struct seg){ pos, len, nquotes };
	uint64_t *present = xmalloc((cf->need_words + 1) * sizeof(*present));
	uint64_t *present_ws = xmalloc((cf->need_words + 1) * sizeof(*present_ws));
	/* quotes first; the narrative only matters as what "that attribution"
	 * refers back to, so it is read only when a quote refers back */
	int refers_back = 0;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !refers_back)
			break;
		for (size_t g = 0; g < nsegs; g++) {
			if ((segs[g].quote == nquotes) != (pass == 1))
				continue;
			/* The narrative is read only for what a quote refers back to,
			 * and it may run on into the quote after it up to the end of
			 * the sentence: "Investigators blamed Norland for the
			 * blackout" is an accusation even when the judgment rule has
			 * taken "Norland for the blackout" as the investigators'
			 * (indirect) words. Quotes stay within themselves. */
			size_t limit = segs[g].end;
			if (pass == 1)
				while (limit < len && !strchr(".!?\n", body[limit]))
					limit++;
			segment_needs(cf, body, len, segs[g].start, limit, present, present_ws);
			for (size_t ri = 0; ri < cf->nrules; ri++) {
				const struct frame_rule *fr = &cf->rules[ri];
				if (!segment_has_need(cf, fr, present, present_ws))
					continue;
				size_t at = segs[g].start;
				while (at < segs[g].end) {
					int rc = pcre2_match(fr->re, (PCRE2_SPTR)body, limit, at, 0, md, cf->mctx);
					if (rc <= 0)
						break;
					PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
					struct hit h = { .start = ov[0], .end = ov[1], .rule = (int)ri,
							 .quote = segs[g].quote };
					h.agent_start = h.agent_end = (size_t)-1;
					if (fr->agent_group && (int)fr->agent_group < rc &&
					    ov[2 * fr->agent_group] != PCRE2_UNSET) {
						h.agent_start = ov[2 * fr->agent_group];
						h.agent_end = ov[2 * fr->agent_group + 1];
					}
					at = ov[1] > at ? ov[1] : at + 1;
					if (fr->frame < 0)
						refers_back = 1;
					ALLOC_GROW(hits, nhits + 1, hits_alloc);
					hits[nhits++] = h;
				}
			}
		}
	}
	free(present);
	free(present_ws);
	free(segs);
	/* text order, so "that attribution" finds the latest proposition */
	if (nhits > 1)
		qsort(hits, nhits, sizeof(*hits), cmp_hit);
	size_t added = 0;
	const char *last_key = NULL, *last_label = NULL;
	struct {
		const char *key, *label;
	} *last_of = xcalloc(cf->nframes + 1, sizeof(*last_of));
	for (size_t i = 0; i < nhits; i++) {
		struct hit *h = &hits[i];
		const struct frame_rule *fr = &cf->rules[h->rule];
		size_t q = h->quote;
		int in_quote = q < nquotes;
		const char *speaker = in_quote ? quotes[q].speaker : NULL;
		const char *agent = NULL;
		size_t alen = 0;
		if (fr->frame >= 0) {
			int pk = h->agent_start == (size_t)-1
					 ? 2
					 : pronoun_kind(body + h->agent_start, h->agent_end - h->agent_start);
			if (!pk && is_definite_description(body + h->agent_start, h->agent_end - h->agent_start)) {
				const struct prop_org *o = resolve_description(r, body + h->agent_start + 4,
									       h->agent_end - h->agent_start - 4, orgs,
									       norgs, h->start);
				if (o) {
					agent = o->name;
					alen = strlen(o->name);
				}
			} else if (!pk) {
				agent = body + h->agent_start;
				alen = h->agent_end - h->agent_start;
			} else if (pk == 1 && in_quote && quotes[q].affiliation) {
				/* "Tide's chief executive": the "Calder Tide Chemicals"
				 * the article names, when one holds those words */
				agent = quotes[q].affiliation;
				for (size_t k = norgs; k-- > 0;)
					if (name_has_words(orgs[k].name, agent)) {
						agent = orgs[k].name;
						break;
					}
				alen = strlen(agent);
			} else if (speaker) {
				agent = speaker;
				alen = strlen(speaker);
			}
			if (agent) {
				strbuf akey;
				strbuf_init(&akey, 32);
				int entity = agent_key(cf, agent, alen, &akey);
				if (akey.len) {
					make_key(&cf->frames[fr->frame], akey.buf, &key);
					/* an entity by its canonical name ("the Chinese":
					 * China); other agents as written */
					strbuf shown;
					strbuf_init(&shown, 32);
					if (entity)
						key_display(akey.buf, &shown);
					else
						strbuf_add(&shown, agent, alen);
					make_label(&cf->frames[fr->frame], shown.buf, shown.len, &label);
					strbuf_release(&shown);
					h->key = xstrdup(key.buf);
					h->label = xstrdup(label.buf);
					last_key = h->key;
					last_label = h->label;
				}
				strbuf_release(&akey);
			}
		} else if (fr->refers >= 0 ? last_of[fr->refers].key != NULL : last_key != NULL) {
			h->key = xstrdup(fr->refers >= 0 ? last_of[fr->refers].key : last_key);
			h->label = xstrdup(fr->refers >= 0 ? last_of[fr->refers].label : last_label);
		}
		if (fr->frame >= 0 && h->key) {
			last_of[fr->frame].key = h->key;
			last_of[fr->frame].label = h->label;
		}
		if (!in_quote || !h->key)
			continue;
		/* two rules finding the same proposition in one quote count once,
		 * as the more specific (earlier) rule has it */
		/* hits come in text order, so this quote's propositions are the
		 * last ones added */
		struct proposition *p = NULL;
		for (size_t k = *nprops; k-- > *nprops - added && (*props)[k].quote == q;)
			if (!strcmp((*props)[k].key, h->key))
				p = &(*props)[k];
		if (p && rule_index(cf, p->frame_rule) <= (size_t)h->rule)
			continue;
		/* the stance of the clause the frame is in, and the cue's */
		size_t cs = h->start, ce = h->end;
		while (cs > quotes[q].start && !strchr(";.!?", body[cs - 1]))
			cs--;
		while (ce < quotes[q].end && !strchr(";.!?", body[ce]))
			ce++;
		struct stance_verdict v;
		stance_md(cf, md, quotes[q].cue_lemma, body + cs, ce - cs, &v);
		enum side side = v.side;
		if (fr->side == SIDE_AGAINST)
			side = side == SIDE_FOR ? SIDE_AGAINST : side == SIDE_AGAINST ? SIDE_FOR : side;
		if (p) {
			free(p->key);
			free(p->label);
		} else {
			*props = xrealloc(*props, (*nprops + 1) * sizeof(**props));
			p = &(*props)[(*nprops)++];
			added++;
		}
		p->quote = q;
		p->key = xstrdup(h->key);
		p->label = xstrdup(h->label);
		p->frame_rule = fr->id;
		p->event = fr->frame >= 0 ? cf->frames[fr->frame].event
					  : fr->refers >= 0 ? cf->frames[fr->refers].event : 0;
		p->stance_rule = v.rule;
		p->side = side;
		p->start = h->start;
		p->end = h->end;
	}
	added += accusations(cf, r, md, body, quotes, nquotes, orgs, norgs, props, nprops);
	added += disputes(cf, md, body, quotes, nquotes, props, nprops, *nprops - added);
	added += narrative_denials(cf, md, body, len, quotes, nquotes, props, nprops);
	added += figures(cf, md, body, quotes, nquotes, props, nprops);
	for (size_t i = 0; i < nhits; i++) {
		free(hits[i].key);
		free(hits[i].label);
	}
	free(hits);
	free(last_of);
	pcre2_match_data_free(md);
	strbuf_release(&key);
	strbuf_release(&label);
	return added;
}

void conflicts_props_free(struct proposition *props, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(props[i].key);
		free(props[i].label);
	}
	free(props);
}
