#define _POSIX_C_SOURCE 200809L
#include "quotes.h"

#include <ctype.h>
#include <stdatomic.h>
#include <stdint.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "text.h"

const char *quote_kind_name(enum quote_kind k)
{
	static const char *const names[] = { "direct", "indirect", "mixed", "block" };
	return names[k];
}

const char *stance_name(enum stance s)
{
	static const char *const names[] = { "assert", "deny", "hedge" };
	return names[s];
}

static void print_profile(void);

/* A text of the "needs" lines (quote_scratch.ntf, by its id): the hashes
 * of its pairs of adjacent bytes (holds_text), the first NEED_PAIRS of
 * them (a text has more only rarely, and the pairs it has say no often
 * enough) */
#define NEED_PAIRS 12

struct need_text_fast {
	unsigned short pair[NEED_PAIRS];
	unsigned char npairs;
	unsigned char ready;
	unsigned char plain;   /* shorter than a pair: strstr alone */
};

static void free_rules_scratch(struct quote_scratch *qs)
{
	free(qs->ntf);
	qs->ntf = NULL;
	free(qs->rules_of_cue);
	qs->rules_of_cue = NULL;
	qs->ntf_rules = NULL;
}

/* The parts of the scratch worked out from the rules, once a scratch:
 * for the rules r. */
static void bind_rules_scratch(struct quote_scratch *qs, const struct rules *r)
{
	if (qs->ntf_rules == r)
		return;
	free_rules_scratch(qs);
	qs->ntf = xcalloc(r->nneed_texts + 1, sizeof(*qs->ntf));
	qs->ntf_rules = r;
	if (r->nrules > RULE_SET_BITS || r->ncues > RULE_CUE_BITS)
		return;
	qs->rules_of_cue = xcalloc(r->ncues ? r->ncues : 1, sizeof(*qs->rules_of_cue));
	memset(qs->rules_any, 0, sizeof(qs->rules_any));
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rule *rl = &r->rules[i];
		uint64_t bit = (uint64_t)1 << (i % 64);
		if (!rl->has_cue_bits) {
			qs->rules_any[i / 64] |= bit;
			continue;
		}
		for (size_t cue = 0; cue < r->ncues; cue++)
			if (rl->cue_bits[cue / 64] >> (cue % 64) & 1)
				qs->rules_of_cue[cue][i / 64] |= bit;
	}
}

/* A match context whose limits keep one pathological sentence from
 * stalling a run. */
static pcre2_match_context *limited_match_context(void)
{
	pcre2_match_context *mctx = pcre2_match_context_create(NULL);
	pcre2_set_match_limit(mctx, 20000000);
	pcre2_set_depth_limit(mctx, 5000);
	return mctx;
}

void quote_scratch_init(struct quote_scratch *qs)
{
	qs->md = pcre2_match_data_create(32, NULL);
	qs->mctx = limited_match_context();
	qs->pmd = pcre2_match_data_create(1, NULL);
	qs->pmctx = limited_match_context();   /* the probes' own, with the same limits */
	qs->probe_memo = NULL;
	qs->probe_cap = qs->probe_n = 0;
	qs->probe_gen = 0;
	qs->buf = NULL;
	qs->cap = 0;
	qs->tbuf = NULL;
	qs->tmap = qs->tfwd = NULL;
	qs->tcap = 0;
	qs->held = NULL;
	qs->nheld = 0;
	qs->pair_seen = NULL;
	qs->pair_gen = 0;
	qs->ntf = NULL;
	qs->ntf_rules = NULL;
	qs->rules_of_cue = NULL;
	qs->trace = getenv("WHOSAID_TRACE") != NULL;
	qs->only_rule = getenv("WHOSAID_ONLY_RULE");
	qs->no_cue_needs = getenv("WHOSAID_NO_CUE_NEEDS") != NULL;
	/* per-rule times are process-wide counters: one thread only */
	static atomic_flag profile_taken = ATOMIC_FLAG_INIT;
	qs->profile = getenv("WHOSAID_PROFILE") != NULL && !atomic_flag_test_and_set(&profile_taken);
	if (qs->profile)
		atexit(print_profile);
	qs->slow_log = getenv("WHOSAID_SLOW") != NULL;
	qs->no_fast = getenv("WHOSAID_NO_FAST") != NULL;
}

void quote_scratch_release(struct quote_scratch *qs)
{
	pcre2_match_data_free(qs->md);
	pcre2_match_context_free(qs->mctx);
	pcre2_match_data_free(qs->pmd);
	pcre2_match_context_free(qs->pmctx);
	free(qs->probe_memo);
	free(qs->buf);
	free(qs->tbuf);
	free(qs->tmap);
	free(qs->tfwd);
	free(qs->held);
	free(qs->pair_seen);
	free_rules_scratch(qs);
	memset(qs, 0, sizeof(*qs));
}

void quote_list_release(struct quote_list *ql)
{
	free(ql->v);
	memset(ql, 0, sizeof(*ql));
}

/* ---- one sentence ------------------------------------------------------ */

struct attribution {
	const struct rule *rule;
	size_t c0, c1;         /* content, sentence-relative */
	size_t cue0, cue1;
	size_t s0, s1;         /* speaker, NO_SPAN if none */
	size_t a0, a1;         /* apposition */
	size_t r0, r1;         /* the relative pronoun standing for the speaker */
	int asked;             /* the rule's (?<asked>) group matched */
	int cue;
	int quote_index;       /* the first quote record it produced */
	int block;             /* "X said:" closing a paragraph: the next one is the content */
};

#define PAIR_BITS 8192

struct sentence_ctx {
	struct article *a;
	const struct segmentation *seg;
	const struct sentence *st;
	const struct rules *r;
	struct quote_scratch *qs;
	struct quote_list *ql;
	const char *m;         /* masked sentence */
	size_t len;
	size_t base;           /* sentence start in the article */
	size_t skip_until;     /* sentences before this offset were taken as a block */
	int block_cont;        /* a block quotation that runs on into the next paragraphs, or -1 */
	int run_closed;        /* a quotation over several paragraphs closed in this sentence */
	struct attribution at[16];
	int nat;
	struct {
		size_t s, e;
		int cue, used;
		/* the words counted after and before it so far (-1: none),
		 * and whether that is all of them: a count stops at the
		 * number a rule asks for */
		int words_after, words_before;
		unsigned char after_all, before_all;
		/* the white space around it (note_spaces): where the next
		 * word starts and the previous one ends, and whether a byte of
		 * a multibyte character was on the way; spaced says which side
		 * is worked out (1 next, 2 previous) */
		unsigned char spaced, next_wide, prev_wide;
		size_t next_at, prev_at;
	} occ[32];             /* cue forms in the sentence */
	int nocc, nused;
	/* the cues of the unspent forms, a bit each (rule.cue_bits), as they
	 * were when cue_bits_nused forms were spent (-1: not yet worked out) */
	uint64_t cue_bits[RULE_CUE_WORDS];
	int cue_bits_nused;
	int occ_overflow;      /* more cue forms than occ holds */
	/* cue_with_room(c, after, before) for small counts, as some thirty
	 * rules a sentence ask the same few: the answer, good while no more
	 * cue forms are spent than nused says (a "no" stays one); entries of
	 * other sentences than room_gen are stale */
	struct {
		unsigned gen;
		int nused;
		int ok;
	} room[4][4];
	unsigned room_gen;
	int has_tokens;        /* the sentence holds a quotation */
	int ascii;             /* every byte of m is ASCII: rules may use code_ascii */
	/* not ASCII, but every other character is a Latin-1 symbol: t is m
	 * one byte a character (qs->tbuf), for the rules whose code_ascii
	 * serves it (rule.latin1); offsets map with qs->tfwd and qs->tmap */
	int latin1;
	/* or: t is m with each run of white space that holds a blanked HTML
	 * tag or entity read as one byte (squeeze_html_spaces), for every
	 * rule (its ASCII form when m is ASCII); offsets map alike */
	int squeezed;
	const char *t;
	size_t tlen;
	/* the (hashed) pairs of adjacent bytes of m are noted (in
	 * qs->pair_seen, as qs->pair_gen) when a "needs" text is first looked
	 * for */
	int have_pairs;
	/* the callout (?C1) (cue_later): no cue form starts at or after
	 * later_from, an offset into m, worked out at the first call of a
	 * sentence (later_ready); gate: this match may use it (not with a
	 * rule's UTF form); on_t: the rule matches t, not m */
	size_t later_from;
	int later_ready;
	int gate, on_t;
	int cur_ascii;         /* the match under way is by a rule's ASCII form:
				  so are the probes it calls */
};

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static int all_ascii(const char *s, size_t n)
{
	uint64_t any8 = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8)
		any8 |= text_load8(s + i);
	unsigned char any = 0;
	for (; i < n; i++)
		any |= (unsigned char)s[i];
	return any < 0x80 && !text_has_high8(any8);
}

/* The words [s, s+n) end in a comma, a sentence end, a colon or a dash. */
static int ends_in_clause_punct(const char *s, size_t n)
{
	/* spaces and the closing marks of a quotation inside: "’House of Cards,’" */
	for (;;) {
		if (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\'' || s[n - 1] == '"'))
			n--;
		else if (n >= 3 && (unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80 &&
			 ((unsigned char)s[n - 1] == 0x99 || (unsigned char)s[n - 1] == 0x9d))
			n -= 3;
		else
			break;
	}
	if (!n)
		return 0;
	unsigned char ch = (unsigned char)s[n - 1];
	if (ch == ',' || ch == '.' || ch == '!' || ch == '?' || ch == ';' || ch == ':' || ch == '-')
		return 1;
	/* U+2026 ellipsis, U+2013 and U+2014 dashes */
	return n >= 3 && (unsigned char)s[n - 3] == 0xe2 && (unsigned char)s[n - 2] == 0x80 &&
	       (ch == 0xa6 || ch == 0x93 || ch == 0x94);
}

/* The characters of U+0080..U+00FF that a pattern without a POSIX class
 * matches alike with UTF and UCP and, as one byte, without them: symbols
 * and punctuation ("£", "©", "°", "«") with no case that are neither word
 * nor space characters under UCP (not U+00A0, a space, nor "ª", "²", "µ") */
static int latin1_symbol(unsigned cp)
{
	return (cp >= 0xa1 && cp <= 0xa9) || cp == 0xab || cp == 0xac || (cp >= 0xae && cp <= 0xb1) ||
	       cp == 0xb4 || (cp >= 0xb6 && cp <= 0xb8) || cp == 0xbb || cp == 0xbf || cp == 0xd7 ||
	       cp == 0xf7;
}

/* Ends a copy of the masked sentence [0, len) built in qs->tbuf with n
 * bytes (its maps in tfwd and tmap) and has the rules match it. */
static void use_text_copy(struct sentence_ctx *c, size_t len, size_t n)
{
	struct quote_scratch *qs = c->qs;
	qs->tfwd[len] = n;
	qs->tmap[n] = len;
	qs->tbuf[n] = '\0';
	c->t = qs->tbuf;
	c->tlen = n;
}

/* Transcodes the masked sentence to Latin-1 when its only non-ASCII
 * characters are Latin-1 symbols (news copy: "£"), so that it need not
 * be matched in UTF mode: quantifiers count one byte a character there as
 * they count characters here. */
static void transcode_latin1(struct sentence_ctx *c)
{
	struct quote_scratch *qs = c->qs;
	size_t len = c->len;
	c->latin1 = 0;
	if (len + 1 > qs->tcap) {
		qs->tcap = qs->cap;
		qs->tbuf = xrealloc(qs->tbuf, qs->tcap);
		qs->tmap = xrealloc(qs->tmap, qs->tcap * sizeof(size_t));
		qs->tfwd = xrealloc(qs->tfwd, qs->tcap * sizeof(size_t));
	}
	const unsigned char *m = (const unsigned char *)c->m;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = m[i];
		qs->tfwd[i] = n;
		qs->tmap[n] = i;
		if (ch < 0x80) {
			qs->tbuf[n++] = (char)ch;
			continue;
		}
		if ((ch != 0xc2 && ch != 0xc3) || i + 1 >= len || (m[i + 1] & 0xc0) != 0x80 ||
		    !latin1_symbol((unsigned)(ch & 0x1f) << 6 | (m[i + 1] & 0x3f)))
			return;
		qs->tbuf[n++] = (char)((ch & 0x1f) << 6 | (m[i + 1] & 0x3f));
		qs->tfwd[++i] = NO_SPAN;   /* inside a character: no match starts there */
	}
	use_text_copy(c, len, n);
	c->latin1 = 1;
}

/* Scraped text keeps HTML tags and entities, which the scan blanks byte for
 * byte: "said</a> in a statement" reads "said     in a statement", and a
 * rule's "\s+(?!in\b)" gives back a space where the rules expect one. A
 * run of white space that holds a blanked '<' or '&' reads as its first
 * byte alone in t (a newline when it holds one); tfwd takes an offset of m
 * inside a run to the byte after it, tmap takes t's offsets back. Text
 * without HTML has no such run: its sentences are matched on m. */
static int squeeze_html_spaces(struct sentence_ctx *c)
{
	struct quote_scratch *qs = c->qs;
	const char *m = c->m, *raw = c->a->raw + c->base;   /* raw[i]: m[i]'s byte, i >= 1 */
	size_t len = c->len, i;
	for (i = 1; i + 1 < len; i++)
		if ((raw[i] == '<' || raw[i] == '&') && is_space(m[i]) && (is_space(m[i - 1]) || is_space(m[i + 1])))
			break;
	if (i + 1 >= len)
		return 0;
	if (len + 1 > qs->tcap) {
		qs->tcap = qs->cap;
		qs->tbuf = xrealloc(qs->tbuf, qs->tcap);
		qs->tmap = xrealloc(qs->tmap, qs->tcap * sizeof(size_t));
		qs->tfwd = xrealloc(qs->tfwd, qs->tcap * sizeof(size_t));
	}
	size_t n = 0;
	int dropped = 0;
	for (i = 0; i < len;) {
		if (i == 0 || !is_space(m[i])) {
			qs->tfwd[i] = n;
			qs->tmap[n] = i;
			qs->tbuf[n++] = m[i++];
			continue;
		}
		size_t r0 = i;
		int html = 0, nl = 0;
		for (; i < len && is_space(m[i]); i++) {
			html |= raw[i] == '<' || raw[i] == '&';
			nl |= m[i] == '\n';
		}
		if (!html || i - r0 < 2) {
			for (size_t k = r0; k < i; k++) {
				qs->tfwd[k] = n;
				qs->tmap[n] = k;
				qs->tbuf[n++] = m[k];
			}
			continue;
		}
		qs->tfwd[r0] = n;
		qs->tmap[n] = r0;
		qs->tbuf[n++] = nl ? '\n' : ' ';
		for (size_t k = r0 + 1; k < i; k++)
			qs->tfwd[k] = n;
		dropped = 1;
	}
	if (!dropped)
		return 0;
	use_text_copy(c, len, n);
	c->squeezed = 1;
	return 1;
}

/* Masks the sentence into qs->buf: every top-level quotation becomes a
 * same-length token the patterns can name ({QF} or {QS}). */
static void mask_sentence(struct sentence_ctx *c)
{
	const struct sentence *st = c->st;
	size_t len = st->end - st->start;
	/* the start byte, the sentence and its NUL */
	if (len + 2 > c->qs->cap) {
		c->qs->cap = len + 2 + len / 2;
		c->qs->buf = xrealloc(c->qs->buf, c->qs->cap);
	}
	/* m[0] is the start byte \x07 (patterns name it {START}): a pattern
	 * that may begin there or after a comma then starts with a character
	 * class, which PCRE2 scans for fast, rather than with ^ */
	c->qs->buf[0] = '\x07';
	char *m = c->qs->buf + 1;
	memcpy(m, c->a->scan + st->start, len);
	m[len] = '\0';
	for (unsigned k = 0; k < st->nqmarks; k++) {
		const struct qmark *q = &c->seg->qmarks[st->first_qmark + k];
		if (q->flags & QM_NESTED)
			continue;
		size_t o = q->open < st->start ? 0 : q->open - st->start;
		size_t e = q->close > st->end ? len : q->close - st->start;
		if (e <= o + 1)
			continue;
		int full = !(q->flags & QM_SHORT);
		m[o] = full ? '\x01' : '\x04';
		memset(m + o + 1, full ? '\x02' : '\x05', e - o - 2);
		m[e - 1] = full ? '\x03' : '\x06';
	}
	/* a thousands comma ("280,000") reads as a point to the patterns: a
	 * number inside an apposition or relative clause ("X, who has
	 * 280,000 followers, said") does not end it at the comma */
	/* (from comma to comma with memchr: a byte-by-byte look at every
	 * sentence was 0.4% of extract's instructions) */
	for (char *p = len > 4 ? memchr(m + 1, ',', len - 4) : NULL; p;
	     p = p + 1 < m + len - 3 ? memchr(p + 1, ',', (size_t)(m + len - 3 - (p + 1))) : NULL) {
		size_t i = (size_t)(p - m);
		if (isdigit((unsigned char)m[i - 1]) && isdigit((unsigned char)m[i + 1]) &&
		    isdigit((unsigned char)m[i + 2]) && isdigit((unsigned char)m[i + 3]) &&
		    (i + 4 == len || !isdigit((unsigned char)m[i + 4])))
			m[i] = '.';
	}
	c->m = c->qs->buf;
	c->len = len + 1;
	c->ascii = !c->qs->no_fast && all_ascii(m, len);
	c->latin1 = c->squeezed = 0;
	/* article offset of m[0]; unsigned arithmetic wraps back correctly
	 * when the sentence starts at offset 0 */
	c->base = st->start - 1;
	if (c->a->decoded && squeeze_html_spaces(c))
		return;
	if (!c->ascii && !c->qs->no_fast)
		transcode_latin1(c);
}

/* The entries of a byte table that mark the ASCII letters */
#define ASCII_LETTER_ENTRIES \
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1, \
	['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, \
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, \
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, \
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, \
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1

/* text_is_ascii_letter() as a table, for the scan of every byte of a sentence */
static const unsigned char letter_byte[256] = { ASCII_LETTER_ENTRIES };

/* Notes the cue form k at m[s, e) in occ[] (1), or that occ[] is full (0). */
static int add_occ(struct sentence_ctx *c, size_t s, size_t e, int k)
{
	if (c->nocc == (int)(sizeof(c->occ) / sizeof(*c->occ))) {
		c->occ_overflow = 1;
		return 0;
	}
	c->occ[c->nocc].s = s;
	c->occ[c->nocc].e = e;
	c->occ[c->nocc].cue = k;
	c->occ[c->nocc].used = 0;
	c->occ[c->nocc].words_after = c->occ[c->nocc].words_before = -1;
	c->occ[c->nocc].after_all = c->occ[c->nocc].before_all = 0;
	c->occ[c->nocc].spaced = 0;
	c->nocc++;
	return 1;
}

/* Finds every cue form among the words (also the test that decides
 * whether any pattern runs); the callouts answer from this list. */
static int find_cues(struct sentence_ctx *c)
{
	const unsigned char *m = (const unsigned char *)c->m;
	size_t len = c->len;
	const struct rules *r = c->r;
	size_t i = 0;
	size_t starts[8];
	int nw = 0;
	c->nocc = c->nused = c->occ_overflow = 0;
	c->room_gen++;
	/* a colon is a cue when cues.txt lists it ("Kovalenko: we will reopen") */
	int colon = wordset_get(&r->cue_forms, ":", 1);
	for (const unsigned char *p = colon >= 0 ? memchr(m, ':', len) : NULL; p;
	     p = memchr(p + 1, ':', len - (size_t)(p + 1 - m)))
		if (!add_occ(c, (size_t)(p - m), (size_t)(p - m) + 1, colon))
			break;
	int most = (int)r->max_cue_words;
	for (;;) {
		/* (m[len] is a NUL, no letter) */
		while (i < len && !letter_byte[m[i]])
			i++;
		size_t s = i;
		while (letter_byte[m[i]])
			i++;
		if (i == s)
			break;
		starts[nw % 8] = s;
		nw++;
		/* the word alone, then the last few words ending here as one
		 * phrase (only when this word ends a form of several); most
		 * words are no form, and the shape test says so without a call */
		int k;
		if (i - s < 64 && wordset_may_have(&r->cue_forms, (const char *)m + s, i - s) &&
		    (k = wordset_get_ci_shaped(&r->cue_forms, (const char *)m + s, i - s)) >= 0)
			add_occ(c, s, i, k);
		if (most < 2 || nw < 2 || !wordset_may_have(&r->cue_tails, (const char *)m + s, i - s) ||
		    wordset_get_ci_shaped(&r->cue_tails, (const char *)m + s, i - s) < 0)
			continue;
		for (int back = 1; back < most && back < nw && back < 8; back++) {
			size_t from = starts[(nw - 1 - back) % 8];
			if (i - from < 64 && (k = wordset_get_ci(&r->cue_forms, (const char *)m + from, i - from)) >= 0)
				add_occ(c, from, i, k);
		}
	}
	return c->nocc > 0;
}

static int overlaps(size_t a0, size_t a1, size_t b0, size_t b1)
{
	return a0 < b1 && b0 < a1;
}

static int is_token_byte(unsigned char c)
{
	return c >= 1 && c <= 6;
}

/* Is the word at m[i, end) one of words.txt's that-subject verbs? After
 * "that" it makes "that" the subject, a demonstrative ("The company says
 * that is false"), not the conjunction that opens a reported clause. */
static int that_subject_at(const struct rules *r, const char *m, size_t i, size_t end)
{
	size_t j = i;
	while (j < end && ((m[j] >= 'a' && m[j] <= 'z') || m[j] == '\''))
		j++;
	return j > i && (j == end || !isalnum((unsigned char)m[j])) &&
	       (rules_word_lists(r, m + i, j - i) & WL_THAT_SUBJECT) != 0;
}

/* Trims the content span: spaces, a leading "that" or colon, trailing
 * sentence punctuation outside quotation marks. A "that" that is the
 * clause's subject stays; returns 1 then, as the clause is still one
 * that "that" opens for the tests of the cue's frame. */
static int trim_content(const struct rules *r, const char *m, size_t *c0, size_t *c1)
{
	size_t a = *c0, b = *c1;
	int kept_that = 0;
	for (;;) {
		while (a < b && (is_space(m[a]) || m[a] == ':' || m[a] == ',' || m[a] == '\x07'))
			a++;
		if (b - a > 5 && (!strncmp(m + a, "that", 4) || !strncmp(m + a, "That", 4)) &&
		    (is_space(m[a + 4]) || is_token_byte((unsigned char)m[a + 4]))) {
			if (is_space(m[a + 4]) && that_subject_at(r, m, a + 5, b)) {
				kept_that = 1;
				break;
			}
			a += 4;
			continue;
		}
		break;
	}
	while (b > a && (is_space(m[b - 1]) || m[b - 1] == '.' || m[b - 1] == ',' ||
			 m[b - 1] == ';' || m[b - 1] == ':'))
		b--;
	*c0 = a;
	*c1 = b;
	return kept_that;
}

/* The words of m[a, b), or `most` once there are that many: the callers
 * ask whether a content has one word, or up to three, and a long one
 * need not be read to the end. */
static unsigned span_words(const char *m, size_t a, size_t b, unsigned most)
{
	unsigned n = 0;
	int in = 0;
	for (size_t i = a; i < b && n < most; i++) {
		int w = !is_space(m[i]);
		if (w && !in)
			n++;
		in = w;
	}
	return n;
}

/* Which top-level quotations lie in [a, b) of the sentence. */
static void tokens_in(const struct sentence_ctx *c, size_t a, size_t b, int *nfull, int *nshort,
		      const struct qmark **only)
{
	*nfull = *nshort = 0;
	*only = NULL;
	for (unsigned k = 0; k < c->st->nqmarks; k++) {
		const struct qmark *q = &c->seg->qmarks[c->st->first_qmark + k];
		if (q->flags & QM_NESTED)
			continue;
		size_t o = q->open - c->base, e = q->close - c->base;
		if (o >= a && e <= b) {
			if (q->flags & QM_SHORT)
				(*nshort)++;
			else
				(*nfull)++;
			*only = q;
		}
	}
}

static size_t group_start(const PCRE2_SIZE *ov, int g)
{
	return g && ov[2 * g] != PCRE2_UNSET ? ov[2 * g] : NO_SPAN;
}

static size_t group_end(const PCRE2_SIZE *ov, int g)
{
	return g && ov[2 * g] != PCRE2_UNSET ? ov[2 * g + 1] : NO_SPAN;
}

/* The cue index of the text [a, b): the longest known form it ends with,
 * so "has long said" gives "say". */
static int cue_of(const struct rules *r, const char *m, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++) {
		if (i == a || is_space(m[i - 1])) {
			int k = wordset_get_ci(&r->cue_forms, m + i, b - i);
			if (k >= 0)
				return k;
		}
	}
	return -1;
}

/* A speaker span ends at a word, not at the period that ends the sentence
 * ("... according to Liu.") unless that period belongs to an abbreviation. */
static void trim_speaker(const struct sentence_ctx *c, size_t s0, size_t *s1)
{
	size_t e = *s1;
	while (e > s0 && (c->m[e - 1] == ' ' || c->m[e - 1] == ','))
		e--;
	if (e > s0 && c->m[e - 1] == '.') {
		size_t w = e - 1;
		while (w > s0 && c->m[w - 1] != ' ')
			w--;
		if (e - w > 2 && wordset_get(&c->r->abbrev, c->m + w, e - w) < 0)
			e--;
	}
	*s1 = e;
}

static int accept_one(struct sentence_ctx *c, const struct rule *rl, const PCRE2_SIZE *ov,
		      int content_group);
static int words_in_upto(const char *m, size_t a, size_t b, int most);
static inline int form_has_room(struct sentence_ctx *c, int k, int after, int before);

/* "The original tweet was deleted": a cue in its bare form ("tweet",
 * "claim", "say") right after a singular noun phrase opened by an article
 * is a noun, not the phrase's verb (a singular subject takes "tweets") */
static int singular_noun_cue(const struct rules *r, const char *m, size_t s0, size_t s1, size_t cue0,
			     size_t cue1, const char *lemma)
{
	/* the bare form is the lemma itself ("tweet", not "tweeted"), and not
	 * also its past ("the statement read") */
	if (cue1 - cue0 != strlen(lemma) || strncasecmp(m + cue0, lemma, cue1 - cue0) != 0 ||
	    !strcmp(lemma, "read") || !strcmp(lemma, "put") || !strcmp(lemma, "cut") || !strcmp(lemma, "put it"))
		return 0;
	size_t se = s1;
	while (se > s0 && m[se - 1] == ' ')
		se--;
	if (se > cue0)
		return 0;   /* the speaker after the cue: "according to a source" */
	/* the words between the speaker and the cue must be none */
	for (size_t i = se; i < cue0; i++)
		if (m[i] != ' ')
			return 0;
	if (se == s0 || m[se - 1] == 's')
		return 0;
	/* a count is plural whatever its last letter: "The two admit", "A
	 * mere 9 percent say" (the list "count" of rules/words.txt) */
	for (size_t i = s0; i < se; i++) {
		if (m[i] >= '0' && m[i] <= '9')
			return 0;
		if (i == s0 || m[i - 1] == ' ') {
			size_t e = i;
			while (e < se && m[e] != ' ')
				e++;
			lex_lists k = rules_word_lists(r, m + i, e - i);
			if (k & WL_COUNT)
				return 0;
		}
	}
	static const char *const arts[] = { "the ", "The ", "a ", "A ", "an ", "An ", "this ", "This ", NULL };
	for (int i = 0; arts[i]; i++)
		if (!strncmp(m + s0, arts[i], strlen(arts[i])))
			return 1;
	return 0;
}


/* Does the word m[a, b) end in a possessive ("Radio's", "CBS’s")? */
static int possessive_word(const char *m, size_t a, size_t b)
{
	if (b - a >= 3 && m[b - 1] == 's' && m[b - 2] == '\'')
		return 1;
	return b - a >= 5 && m[b - 1] == 's' && !memcmp(m + b - 4, "\xe2\x80\x99", 3);
}

/* The short quotation token opening at m[open] follows "on", directly or
 * through a possessive name ("on “Selm Tonight,”", "on Harbor Radio's
 * “Morning Tide,”"): it names a programme, the occasion of what was said,
 * and is none of its words. */
static int names_programme(const char *m, size_t open)
{
	size_t i = open;
	for (int words = 0; words < 5; words++) {
		while (i > 0 && m[i - 1] == ' ')
			i--;
		size_t e = i;
		while (i > 0 && m[i - 1] != ' ' && (unsigned char)m[i - 1] > 0x07)
			i--;
		if (e == i)
			return 0;
		if (e - i == 2 && (m[i] | 0x20) == 'o' && (m[i + 1] | 0x20) == 'n' &&
		    (i == 0 || !text_is_ascii_letter(m[i - 1])))
			return 1;
		if (words == 0 && !possessive_word(m, i, e))
			return 0;
	}
	return 0;
}

/* The quotation token that ends at m[at] closes a clause: it reads like
 * speech, or its words end in punctuation, or a comma or a dash follows
 * it ("“It's over,” Dahl said", not "the ''Yes'' campaign feels"). */
static int quote_ends_clause(const struct sentence_ctx *c, size_t at)
{
	if (at == 0 || c->m[at - 1] != '\x06')
		return 1;
	/* ("Tuesday on “Morning Tide,” the mayor said": a programme's name) */
	size_t open = at - 1;
	while (open > 0 && c->m[open] != '\x04')
		open--;
	if (names_programme(c->m, open))
		return 0;
	const struct sentence *st = c->st;
	for (unsigned k = 0; k < st->nqmarks; k++) {
		const struct qmark *q = &c->seg->qmarks[st->first_qmark + k];
		if (q->close != c->base + at || (q->flags & QM_NESTED))
			continue;
		if (q->cend > q->cstart && ends_in_clause_punct(c->a->scan + q->cstart, q->cend - q->cstart))
			return 1;
		break;
	}
	size_t i = at;
	while (i < c->len && is_space(c->m[i]))
		i++;
	return c->m[i] == ',' || c->m[i] == ';' || c->m[i] == ':' ||
	       (c->m[i] == '-' && c->m[i + 1] == '-') ||
	       ((unsigned char)c->m[i] == 0xe2 && (unsigned char)c->m[i + 1] == 0x80 &&
		((unsigned char)c->m[i + 2] == 0x93 || (unsigned char)c->m[i + 2] == 0x94));
}

/* Does the quotation that opens at offset `at` of the sentence go on a
 * sentence begun outside it? Its first letter is lowercase ("The pier,
 * she said, “will open in May.”"); one that opens with a capital is a
 * sentence of its own, and the words before the cue are the writer's
 * ("On Friday, she said, “We are ready.”"). */
static int quote_goes_on(const struct sentence_ctx *c, size_t at)
{
	const struct sentence *st = c->st;
	for (unsigned k = 0; k < st->nqmarks; k++) {
		const struct qmark *q = &c->seg->qmarks[st->first_qmark + k];
		if (q->open != c->base + at || (q->flags & QM_NESTED))
			continue;
		const char *t = c->a->scan;
		size_t i = q->cstart;
		/* (past white space and an ellipsis: "“... will open”") */
		while (i < q->cend && (t[i] == ' ' || t[i] == '.'))
			i++;
		return i < q->cend && t[i] >= 'a' && t[i] <= 'z';
	}
	return 0;
}

static int accept(struct sentence_ctx *c, const struct rule *rl, const PCRE2_SIZE *ov)
{
	if (rl->g_qend && ov[2 * rl->g_qend] != PCRE2_UNSET && !quote_ends_clause(c, ov[2 * rl->g_qend]))
		return 0;
	if (rl->g_qgoes && ov[2 * rl->g_qgoes] != PCRE2_UNSET && !quote_goes_on(c, ov[2 * rl->g_qgoes]))
		return 0;
	int ok = accept_one(c, rl, ov, rl->g_content);
	if (rl->g_content2 && ov[2 * rl->g_content2] != PCRE2_UNSET &&
	    /* "Loyalty, he noted, has long been ...": a one-word subject says
	     * nothing alone, what follows the cue still does */
	    (ok || words_in_upto(c->m, ov[2 * rl->g_content], ov[2 * rl->g_content + 1], 2) < 2))
		ok = accept_one(c, rl, ov, rl->g_content2) || ok;
	return ok;
}

/* Does m[a, b) end on a word that cannot end a clause: a preposition, a
 * subordinating conjunction or an article ("... after", "... because",
 * "including", "the")? */
static int ends_open(const struct rules *r, const char *m, size_t a, size_t b)
{
	/* (words.txt: open-end, lowercase) */
	size_t w = b;
	while (w > a && !is_space(m[w - 1]))
		w--;
	if (w == a)
		return 0;   /* one word: "In particular" has two */
	return rules_lower_in_list(r, m, w, b, WL_OPEN_END);
}

/* Is the sentence span m[a, b), a name, a colon and a few words ("Rubio:
 * Finish second."), a whole paragraph that is not the article's first
 * (its title), followed by a paragraph of prose rather than another
 * "Name: ..." line of a transcript? Then it is a section heading. */
static int opens_with_label(const struct sentence_ctx *c, size_t pi);

static int colon_heading(const struct sentence_ctx *c, size_t a, size_t b)
{
	const struct segmentation *s = c->seg;
	unsigned pi = c->st->para;
	if (pi == 0 || pi + 1 >= s->nparas)
		return 0;
	const char *t = c->a->scan;
	const struct paragraph *p = &s->paras[pi];
	for (size_t i = p->start; i < c->base + a; i++)
		if (!is_space(t[i]))
			return 0;
	size_t colon = c->base + a;
	while (colon < p->end && t[colon] != ':')
		colon++;
	int words = 0, in = 0;
	for (size_t i = colon + 1; i < p->end; i++) {
		int w = isalnum((unsigned char)t[i]) || (unsigned char)t[i] >= 0x80;
		if (w && !in)
			words++;
		in = w;
	}
	if (words == 0 || words > 5 || c->base + b > p->end)
		return 0;
	/* (nor the last turn of a transcript, its label in capitals: "FERRIS:
	 * Mayor Dahl, thank you." then "MAYOR DAHL: Thank you." then prose) */
	int caps = colon > c->base + a;
	for (size_t i = c->base + a; caps && i < colon; i++)
		if (t[i] >= 'a' && t[i] <= 'z')
			caps = 0;
	if (caps && opens_with_label(c, pi - 1))
		return 0;
	/* the next paragraph: no "Name:" within its first words */
	const struct paragraph *n = &s->paras[pi + 1];
	for (size_t i = n->start; i < n->end && i < n->start + 40; i++) {
		if (t[i] == ':')
			return 0;
		if (t[i] == '.' || t[i] == '?' || t[i] == '!')
			break;
	}
	return 1;
}


/* Is the cue m[cue0, cue1), a past participle in -ed, the verb of a
 * passive: right after a form of "be", maybe with an adverb between ("was
 * also endorsed", "were widely praised", "is not explained"), all after
 * the speaker's end s1? */
static int passive_cue(const struct rules *r, const char *m, size_t s1, size_t cue0, size_t cue1)
{
	if (cue1 - cue0 < 4 || m[cue1 - 2] != 'e' || m[cue1 - 1] != 'd')
		return 0;
	for (size_t i = cue0; i < cue1; i++)
		if (is_space(m[i]))
			return 0;   /* a cue of several words: "pointed to" */
	size_t e = cue0;
	for (int words = 0; words < 2; words++) {
		while (e > s1 && is_space(m[e - 1]))
			e--;
		size_t b = e;
		while (b > s1 && !is_space(m[b - 1]))
			b--;
		if (b == e)
			return 0;
		if (rules_word_lists(r, m + b, e - b) & WL_BE)   /* any case */
			return 1;
		if (!rules_is_adverb(r, m, b, e) && !(e - b == 3 && !memcmp(m + b, "not", 3)))
			return 0;
		e = b;
	}
	return 0;
}

/* Is the content m[a, b) after a cue a phrase of how or when the words
 * were said rather than the words: one adverb ("attacked viciously",
 * "as she has noted before"), or, after a cue that takes a clause, up to
 * four words opened by "by", "into", "via", "for" or an adverb ("said by
 * telephone this week", "said pleasantly into the phone", "thought for
 * a moment")? */
static int manner_phrase(const struct rules *r, const char *m, size_t a, size_t b, int clause_cue)
{
	size_t e = a;
	while (e < b && !is_space(m[e]))
		e++;
	if (e >= b)
		return rules_is_adverb(r, m, a, e) || (e - a == 6 && !memcmp(m + a, "before", 6));
	if (!clause_cue || span_words(m, a, b, 5) > 4)
		return 0;
	static const char *const preps[] = { "by", "into", "via", "for", NULL };
	for (int i = 0; preps[i]; i++)
		if (e - a == strlen(preps[i]) && !memcmp(m + a, preps[i], e - a))
			return 1;
	return rules_is_adverb(r, m, a, e);
}

/* Is one of the first four words of m[a, b) in the list "prize" of
 * rules/words.txt ("his third victory", "the seat")? */
static int prize_ahead(const struct rules *r, const char *m, size_t a, size_t b)
{
	size_t i = a;
	for (int w = 0; w < 4 && i < b; w++) {
		size_t e = i;
		while (e < b && !is_space(m[e]) && m[e] != ',' && m[e] != '.' && m[e] != ';')
			e++;
		lex_lists k = rules_word_lists(r, m + i, e - i);
		if (k & WL_PRIZE)
			return 1;
		/* "claiming 41 percent of the vote", "claimed a majority of the
		 * votes": a share of the vote is won */
		if (((k & (WL_SHARE_PART | WL_SHARE_WHOLE)) || (e > i && m[e - 1] == '%')) &&
		    b - e > 12 && !strncmp(m + e, " of the vote", 12) &&
		    (e + 12 == b || !text_is_ascii_letter(m[e + 12]) || m[e + 12] == 's'))
			return 1;
		if (e < b && m[e] != ' ')
			return 0;   /* a comma or a stop ends the phrase */
		i = e;
		while (i < b && is_space(m[i]))
			i++;
	}
	return 0;
}

/* Does s[0, n) open with a dash set off by a space ("- ", "-- ", an en or
 * em dash)? */
static int opens_with_dash(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 3 && (unsigned char)s[0] == 0xe2 && (unsigned char)s[1] == 0x80 &&
	    ((unsigned char)s[2] == 0x93 || (unsigned char)s[2] == 0x94))
		i = 3;
	else if (n >= 2 && s[0] == '-')
		i = s[1] == '-' ? 2 : 1;
	return i > 0 && i < n && is_space(s[i]);
}

static int starts_with_article(const char *s, size_t n)
{
	static const char *const arts[] = { "the ", "a ", "an ", "its ", "his ", "her ", "their ", NULL };
	for (int i = 0; arts[i]; i++)
		if (n > strlen(arts[i]) && !strncasecmp(s, arts[i], strlen(arts[i])))
			return 1;
	return 0;
}

/* Does a top-level quotation open at offset `at`? */
static int opens_quotation(const struct sentence_ctx *c, size_t at)
{
	for (size_t k = 0; k < c->seg->nqmarks; k++) {
		const struct qmark *m = &c->seg->qmarks[k];
		if (m->open == at && !(m->flags & QM_NESTED))
			return 1;
		if (m->open > at)
			break;
	}
	return 0;
}

/* "... as earlier estimates suggested, a new study found.": a content
 * after a comma that is a short noun phrase and a cue, last in the
 * sentence, is the attribution of the whole sentence (clause-speaker-cue
 * takes it), not what the cue before the comma introduces. */
static int trailing_attribution(const struct sentence_ctx *c, size_t cue1, size_t c0, size_t c1)
{
	size_t k = cue1;
	while (k < c0 && is_space(c->m[k]))
		k++;
	if (k >= c0 || c->m[k] != ',')
		return 0;
	/* (a noun phrase opened by a determiner of words.txt: "a new study",
	 * "the survey", "two reports") */
	size_t w1 = c0;
	while (w1 < c1 && !is_space(c->m[w1]))
		w1++;
	lex_lists det = rules_word_lists(c->r, c->m + c0, w1 - c0);
	if (w1 >= c1 || !(det & WL_DETERMINER) || words_in_upto(c->m, c0, c1, 9) > 8)
		return 0;
	size_t e = c1;
	while (e > c0 && !is_space(c->m[e - 1]))
		e--;
	for (size_t i = c0; i < c1; i++)
		if (c->m[i] == ',' || c->m[i] == ';' || (unsigned char)c->m[i] < 0x07)
			return 0;
	/* last in the sentence: past the content only white space and a stop */
	for (size_t i = c1; i < c->len; i++)
		if (!is_space(c->m[i]) && c->m[i] != '.' && c->m[i] != '!' && c->m[i] != '?')
			return 0;
	return e < c1 && cue_of(c->r, c->m, e, c1) >= 0;
}

/* Is the one-word cue form m[cue0, cue1) the first word of a compound
 * noun with the word after it, joined by a space or a hyphen ("think
 * tanks", "warning signs", "fear-mongering")? The list "compound" of
 * rules/words.txt holds them, a hyphen between the words. */
static int compound_head(const struct rules *r, const char *m, size_t len, size_t cue0, size_t cue1)
{
	char buf[48];
	size_t n = cue1 - cue0;
	if (n == 0 || n + 2 >= sizeof(buf) || cue1 + 1 >= len || (m[cue1] != ' ' && m[cue1] != '-') ||
	    !text_is_ascii_word(m, cue0, cue1))
		return 0;
	memcpy(buf, m + cue0, n);
	buf[n++] = '-';
	size_t i = cue1 + 1;
	while (i < len && text_is_ascii_letter(m[i]) && n < sizeof(buf))
		buf[n++] = m[i++];
	if (i == cue1 + 1 || n == sizeof(buf))
		return 0;
	lex_lists k = rules_word_lists(r, buf, n);
	return (k & WL_COMPOUND) != 0;
}

/* Is the one-word cue form m[cue0, cue1) a noun of a work right before
 * a quotation, one space between ("star of the reality show “Harbor
 * Lights”")? The quotation is the work's title (segment.c reads it so),
 * and the form its noun, no cue. The list "work" of rules/words.txt. */
static int work_before_title(const struct rules *r, const char *m, size_t len, size_t cue0, size_t cue1)
{
	if (cue1 + 1 >= len || m[cue1] != ' ' || !is_token_byte((unsigned char)m[cue1 + 1]) ||
	    !text_is_ascii_word(m, cue0, cue1))
		return 0;
	lex_lists k = rules_word_lists(r, m + cue0, cue1 - cue0);
	return (k & WL_WORK) != 0;
}

/* Is at a transcript's speaker label ("FERRIS: ...", "MAYOR DAHL: ..."):
 * a colon cue after a speaker in capitals, two letters or more, that opens its
 * paragraph, next to another paragraph that opens with a label? Not
 * "A:" and "Q:", whose answers may report what others said. */
static int turn_label(const struct sentence_ctx *c, const struct attribution *at)
{
	if (at->block || at->s0 == NO_SPAN || at->s1 < at->s0 + 2 || c->m[at->cue0] != ':' ||
	    at->cue1 != at->cue0 + 1 || at->c0 <= at->cue1)
		return 0;
	/* (in capitals, as transcripts print them: "Superdelegates: ..." is
	 * a section's lead-in) */
	for (size_t i = at->s0; i < at->s1; i++)
		if (c->m[i] >= 'a' && c->m[i] <= 'z')
			return 0;
	size_t pi = c->st->para;
	const struct paragraph *p = &c->seg->paras[pi];
	if (c->base + at->s0 > p->start + 4 || !opens_with_label(c, pi))
		return 0;
	return (pi > 0 && opens_with_label(c, pi - 1)) || opens_with_label(c, pi + 1);
}

/* Does at, found by rule rl, clash with o, accepted before it: one cue,
 * one act of speech (unless one rule names two contents), and no span of
 * one inside the other's content? */
static int clashes(const struct attribution *at, const struct attribution *o, const struct rule *rl)
{
	return (overlaps(at->cue0, at->cue1, o->cue0, o->cue1) && (o->rule != rl || !rl->g_content2)) ||
	       overlaps(at->c0, at->c1, o->c0, o->c1) || overlaps(at->cue0, at->cue1, o->c0, o->c1) ||
	       overlaps(at->c0, at->c1, o->cue0, o->cue1) ||
	       (at->s0 != NO_SPAN && overlaps(at->s0, at->s1, o->c0, o->c1)) ||
	       (o->s0 != NO_SPAN && overlaps(at->c0, at->c1, o->s0, o->s1));
}

static int accept_one(struct sentence_ctx *c, const struct rule *rl, const PCRE2_SIZE *ov,
		      int content_group)
{
	struct attribution at;
	at.rule = rl;
	at.c0 = group_start(ov, content_group);
	at.c1 = group_end(ov, content_group);
	at.cue0 = group_start(ov, rl->g_cue);
	at.cue1 = group_end(ov, rl->g_cue);
	at.s0 = group_start(ov, rl->g_speaker);
	at.s1 = group_end(ov, rl->g_speaker);
	at.a0 = group_start(ov, rl->g_appos);
	at.a1 = group_end(ov, rl->g_appos);
	at.r0 = group_start(ov, rl->g_rel);
	at.r1 = group_end(ov, rl->g_rel);
	at.asked = rl->g_asked && ov[2 * rl->g_asked] != PCRE2_UNSET;
	if (at.c0 == NO_SPAN || at.cue0 == NO_SPAN)
		return 0;
	if (at.s0 != NO_SPAN)
		trim_speaker(c, at.s0, &at.s1);
	size_t raw0 = at.c0;
	at.block = 0;
	int kept_that = trim_content(c->r, c->m, &at.c0, &at.c1);
	at.cue = cue_of(c->r, c->m, at.cue0, at.cue1);
	if (at.cue < 0 || rules_name_word(c->r, c->m, c->len, at.cue0, at.cue1) ||
	    compound_head(c->r, c->m, c->len, at.cue0, at.cue1) ||
	    work_before_title(c->r, c->m, c->len, at.cue0, at.cue1))
		return 0;
	if (at.c1 <= at.c0) {
		/* "In a speech, he said:" ending a paragraph: the next paragraph
		 * holds what was said */
		const struct paragraph *p = &c->seg->paras[c->st->para];
		size_t e = raw0;
		while (e > 0 && is_space(c->m[e - 1]))
			e--;
		if (e == 0 || c->m[e - 1] != ':' || c->base + c->len < p->end ||
		    (size_t)c->st->para + 1 >= c->seg->nparas || c->nat)
			return 0;
		/* a bare colon as the cue ("He then listed what a nominee
		 * needs:") takes only a paragraph that opens a quotation */
		if (c->m[at.cue0] == ':' && !opens_quotation(c, c->seg->paras[c->st->para + 1].start))
			return 0;
		at.block = 1;
		at.quote_index = -1;
		c->at[c->nat++] = at;
		return 1;
	}
	if (at.s0 != NO_SPAN && singular_noun_cue(c->r, c->m, at.s0, at.s1, at.cue0, at.cue1, c->r->cues[at.cue].lemma))
		return 0;
	if (at.c0 > at.cue1 && trailing_attribution(c, at.cue1, at.c0, at.c1))
		return 0;
	int nfull, nshort;
	const struct qmark *only;
	tokens_in(c, at.c0, at.c1, &nfull, &nshort, &only);
	enum cue_frame frame = c->r->cues[at.cue].frame;
	int has_that = at.c0 > raw0 || kept_that;
	/* "that" before the content, or a colon, or a comma ("As the paper
	 * reported, the mayor ...") */
	for (size_t k = at.cue1; k < at.c0 && !has_that; k++)
		if (c->m[k] == ':' || c->m[k] == ',')
			has_that = 1;
	if (!has_that && at.c0 >= 5 && !strncmp(c->m + at.c0 - 5, "that ", 5))
		has_that = 1;
	int starts_with_quote = is_token_byte((unsigned char)c->m[at.c0]);
	/* "He crossed the border 30 years ago after, according to him, ...":
	 * words before the cue that stop on a preposition or a conjunction
	 * are a clause broken off, not what was said */
	if (at.c1 <= at.cue0 && ends_open(c->r, c->m, at.c0, at.c1))
		return 0;
	/* "Rubio: Finish second." as a paragraph of its own inside the
	 * article, then prose about him: a section heading */
	if (c->m[at.cue0] == ':' && at.c0 > at.cue1 && colon_heading(c, at.s0 != NO_SPAN ? at.s0 : at.cue0, at.c1))
		return 0;
	/* "the rise is explained by ...", "Dahl was also endorsed the day
	 * before", "he was warned against it": after "was" a participle is a
	 * passive, and its subject said nothing ("is expected to", "is
	 * convinced that", and the rules of the passive, whose content comes
	 * first, aside; "was declared the winner" still reports a
	 * declaration) */
	if (!has_that && at.c0 > at.cue1 && at.s0 != NO_SPAN && at.s1 <= at.cue0 && !starts_with_quote &&
	    strncmp(c->m + at.c0, "to ", 3) != 0 && strcmp(c->r->cues[at.cue].lemma, "declare") != 0 &&
	    passive_cue(c->r, c->m, at.s1, at.cue0, at.cue1))
		return 0;
	/* "said by telephone this week", "thought for a moment", "attacked
	 * viciously": a phrase of how or when, not what was said */
	if (!has_that && at.c0 > at.cue1 && !nfull && !nshort &&
	    manner_phrase(c->r, c->m, at.c0, at.c1, frame == CUE_CLAUSE || frame == CUE_THAT))
		return 0;
	/* "claimed victory", "claiming the seat": a cue that
	 * also means to win, with what is won as its object */
	if (!has_that && at.c0 > at.cue1 && cue_lemma_in_list(c->r, at.cue, WL_WINNING) &&
	    prize_ahead(c->r, c->m, at.c0, at.c1))
		return 0;
	/* "..., his allies believe — backers he will need": a dash right
	 * after the cue opens the writer's aside, not what was believed */
	if (at.c0 > at.cue1 && opens_with_dash(c->m + at.c0, at.c1 - at.c0)) {
		size_t k = at.cue1;
		while (k < at.c0 && is_space(c->m[k]))
			k++;
		if (k == at.c0)
			return 0;
	}
	int framed = rl->g_framed && ov[2 * rl->g_framed] != PCRE2_UNSET;
	if (frame == CUE_QUOTE && !nfull && !nshort && !framed)
		return 0;
	if (frame == CUE_OBJECT && !framed)
		return 0;   /* "endorsed the mayor": only a rule that spells it out */
	/* (a parenthetical cue frames any clause: "Loyalty, he noted, has ...") */
	if (frame == CUE_THAT && !framed && !has_that && !starts_with_quote && at.c0 > at.cue0 &&
	    content_group != rl->g_content2 &&
	    strncmp(c->m + at.c0, "to ", 3) != 0)
		return 0;   /* "added that ...", "plans to ...", but not "added the item" */
	/* (a rule with the group `framed` spells out the content's shape
	 * itself: "asked why", "endorsed the mayor" stand) */
	if (!nfull && !nshort && !framed && span_words(c->m, at.c0, at.c1, 2) < 2)
		return 0;
	/* "denied the report", "rejected the allegations", "said the same": an
	 * object, no clause (but "said the plan failed": a last word in -ed
	 * after the noun is a verb) */
	if (!nfull && !nshort && !framed && at.c0 > at.cue0 && span_words(c->m, at.c0, at.c1, 4) <= 3 &&
	    starts_with_article(c->m + at.c0, at.c1 - at.c0) &&
	    !(span_words(c->m, at.c0, at.c1, 4) == 3 && c->m[at.c1 - 2] == 'e' && c->m[at.c1 - 1] == 'd'))
		return 0;
	/* "FERRIS: The flood service said yesterday that ...": in a
	 * transcript the speaker's label takes the turn, whatever it reports
	 * (the attributions found inside it first give way) */
	int label = turn_label(c, &at);
	int drop = 0;
	for (int i = 0; i < c->nat; i++) {
		const struct attribution *o = &c->at[i];
		if (!clashes(&at, o, rl))
			continue;
		if (!label || turn_label(c, o))
			return 0;
		drop = 1;
	}
	if (drop) {
		int k = 0;
		for (int i = 0; i < c->nat; i++) {
			const struct attribution *o = &c->at[i];
			if (clashes(&at, o, rl)) {
				for (int j = 0; j < c->nocc; j++)
					if (c->occ[j].used && overlaps(c->occ[j].s, c->occ[j].e, o->cue0, o->cue1)) {
						c->occ[j].used = 0;
						c->nused--;
					}
				continue;
			}
			c->at[k++] = *o;
		}
		c->nat = k;
	}
	if (c->nat == (int)(sizeof(c->at) / sizeof(*c->at)))
		return 0;
	at.quote_index = -1;
	c->at[c->nat++] = at;
	/* one cue, one attribution: its cue forms are spent */
	for (int i = 0; i < c->nocc; i++)
		if (!c->occ[i].used && overlaps(c->occ[i].s, c->occ[i].e, at.cue0, at.cue1)) {
			c->occ[i].used = 1;
			c->nused++;
		}
	return 1;
}

/* ASCII bytes of a word for the word counts (so is every non-ASCII byte):
 * isalnum() in the C locale or a quotation token; 2 for the token that
 * opens a quotation, which stands for words enough ("saying “...”" is a
 * cue with its content). */
static const unsigned char word_ascii[128] = {
	[1] = 2, [2] = 1, [3] = 1, [4] = 2, [5] = 1, [6] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	ASCII_LETTER_ENTRIES
};

/* Is there an unspent cue with at least `after` words after it and
 * `before` words before it in the sentence? */
static int cue_with_room(struct sentence_ctx *c, int after, int before)
{
	if (c->occ_overflow)
		return 1;
	int small = after >= 0 && after < 4 && before >= 0 && before < 4;
	if (small && c->room[after][before].gen == c->room_gen &&
	    (!c->room[after][before].ok || c->room[after][before].nused == c->nused))
		return c->room[after][before].ok;
	int ok = 0;
	for (int k = 0; k < c->nocc && !ok; k++) {
		/* counted once a sentence: several rules ask */
		if (!c->occ[k].used && form_has_room(c, k, after, before))
			ok = 1;
	}
	if (small) {
		c->room[after][before].gen = c->room_gen;
		c->room[after][before].nused = c->nused;
		c->room[after][before].ok = ok;
	}
	return ok;
}

/* The words in m[a, b) (a word counts where it starts, a quotation's
 * opening token twice), or any number from `most` up once it is that
 * many: a rule asks for a few words, and the rest of the sentence need not
 * be read to find them */
static int words_in_upto(const char *m, size_t a, size_t b, int most)
{
	int n = 0;
	unsigned char in = 0;
	for (size_t i = a; i < b; i++) {
		unsigned char ch = (unsigned char)m[i];
		unsigned char w = ch >= 0x80 ? 1 : word_ascii[ch];
		if (w && (!in || w == 2)) {
			n += !in + (w == 2);
			if (n >= most)
				break;
		}
		in = w;
	}
	return n;
}

/* words_in_upto(m, 0, b, most), read backwards from b, or any number from `most`
 * up: a word counts where it starts, a quotation's opening token twice */
static int words_before_upto(const char *m, size_t b, int most)
{
	int n = 0;
	for (size_t i = b; i-- > 0;) {
		unsigned char ch = (unsigned char)m[i];
		unsigned char w = ch >= 0x80 ? 1 : word_ascii[ch];
		if (!w)
			continue;
		unsigned char p = i ? (unsigned char)m[i - 1] : 0;
		n += (i == 0 || !(p >= 0x80 ? 1 : word_ascii[p])) + (w == 2);
		if (n >= most)
			break;
	}
	return n;
}

/* Has the cue form occ[k] at least `after` words after it and `before`
 * before it (its counts kept for the other rules of the sentence)? */
static inline int form_has_room(struct sentence_ctx *c, int k, int after, int before)
{
	if (after && c->occ[k].words_after < after && !c->occ[k].after_all) {
		c->occ[k].words_after = words_in_upto(c->m, c->occ[k].e, c->len, after);
		c->occ[k].after_all = c->occ[k].words_after < after;
	}
	if (after && c->occ[k].words_after < after)
		return 0;
	if (before && c->occ[k].words_before < before && !c->occ[k].before_all) {
		c->occ[k].words_before = words_before_upto(c->m, c->occ[k].s, before);
		c->occ[k].before_all = c->occ[k].words_before < before;
	}
	return !before || c->occ[k].words_before >= before;
}

/* White space for "needs cue ... next/prev": ASCII, or any byte of a
 * multibyte character (a Unicode space is one; erring wide is safe, as the
 * texts compared are ASCII). */
static int space_or_multibyte(char ch)
{
	return is_space(ch) || ch == '\r' || ch == '\f' || ch == '\v' || (unsigned char)ch >= 0x80;
}

static unsigned pair_hash(unsigned char a, unsigned char b)
{
	return ((unsigned)a << 5 ^ b) & (PAIR_BITS - 1);
}

/* A pair is noted by writing the sentence's number in its slot, so that
 * no table is cleared a sentence (only when the numbers run out). */
static void note_pairs(struct sentence_ctx *c)
{
	struct quote_scratch *qs = c->qs;
	if (!qs->pair_seen || qs->pair_gen == 0xffff) {
		if (!qs->pair_seen)
			qs->pair_seen = xmalloc(PAIR_BITS * sizeof(*qs->pair_seen));
		memset(qs->pair_seen, 0, PAIR_BITS * sizeof(*qs->pair_seen));
		qs->pair_gen = 0;
	}
	unsigned short gen = (unsigned short)++qs->pair_gen;
	unsigned short *seen = qs->pair_seen;
	/* all of it, past any NUL: strstr may start beyond one */
	const unsigned char *p = (const unsigned char *)c->m + 1, *e = (const unsigned char *)c->m + c->len;
	for (unsigned char prev = 0; p < e; prev = *p++) {
		unsigned h = pair_hash(prev, *p);
		seen[h] = gen;
	}
	c->have_pairs = 1;
}

/* Does text occur in the sentence from `from` on (as strstr finds it: up
 * to a NUL)? Most texts looked for are not there, and a pair of their
 * bytes that the sentence lacks says so without a scan: the pairs of a
 * sentence are noted once, and some thirty texts are looked for in it. */
static void hash_need_text(struct need_text_fast *nt, const char *text)
{
	const unsigned char *t = (const unsigned char *)text;
	nt->plain = !t[0] || !t[1];
	for (size_t i = 0; !nt->plain && t[i + 1] && nt->npairs < NEED_PAIRS; i++)
		nt->pair[nt->npairs++] = (unsigned short)pair_hash(t[i], t[i + 1]);
	nt->ready = 1;
}

static inline int holds_hashed(struct sentence_ctx *c, const struct need_text_fast *nt, const char *from,
			const char *text)
{
	if (nt->plain || c->qs->no_fast)
		return strstr(from, text) != NULL;
	if (!c->have_pairs)
		note_pairs(c);
	const unsigned short *seen = c->qs->pair_seen;
	unsigned short gen = (unsigned short)c->qs->pair_gen;
	for (unsigned i = 0; i < nt->npairs; i++)
		if (seen[nt->pair[i]] != gen)
			return 0;
	return strstr(from, text) != NULL;
}

static int holds(struct sentence_ctx *c, const char *from, const char *text)
{
	struct need_text_fast nt = { 0 };
	hash_need_text(&nt, text);
	return holds_hashed(c, &nt, from, text);
}

/* holds(c, from, text) for the text of id `id` among those of the "needs"
 * lines: its pairs hashed once a run, not once a sentence. */
static int holds_text(struct sentence_ctx *c, int id, const char *from, const char *text)
{
	struct need_text_fast *nt = &c->qs->ntf[id];
	if (!nt->ready)
		hash_need_text(nt, text);
	return holds_hashed(c, nt, from, text);
}

/* tolower() and isalnum() in the C locale, without the calls */
static unsigned char ascii_lower(unsigned char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

static int ascii_alnum(unsigned char ch)
{
	return (ch >= '0' && ch <= '9') || text_is_ascii_letter((char)ch);
}

/* Is the ASCII text t[0..n) at s, without regard to case? A byte of a
 * multibyte character on the way answers yes: under UTF and UCP a caseless
 * pattern letter may match one (U+017F for s, U+212A for k), and what it
 * stands for cannot be told here, so the test errs wide. The same goes for
 * a multibyte character among the white space skipped before it (a space
 * under UCP, or not). */
static int text_at(const char *s, const char *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 0x80)
			return 1;
		if (ascii_lower(ch) != ascii_lower((unsigned char)t[i]))
			return 0;
	}
	return 1;
}

/* The white space after (side 1) or before (side 2) the cue form occ[k],
 * for "needs cue ... next/prev": worked out once a sentence, as several
 * rules ask. */
static void note_spaces(struct sentence_ctx *c, int k, unsigned char side)
{
	int wide = 0;
	if (side == 1) {
		size_t j = c->occ[k].e;   /* c->m is NUL-terminated */
		while (c->m[j] && space_or_multibyte(c->m[j]))
			wide |= (unsigned char)c->m[j++] >= 0x80;
		c->occ[k].next_at = j;
		c->occ[k].next_wide = (unsigned char)wide;
	} else {
		size_t j = c->occ[k].s;
		while (j > 0 && space_or_multibyte(c->m[j - 1]))
			wide |= (unsigned char)c->m[--j] >= 0x80;
		c->occ[k].prev_at = j;
		c->occ[k].prev_wide = (unsigned char)wide;
	}
	c->occ[k].spaced |= side;
}

/* "next" "-TEXT": at s, a word of letters that ends in the n letters t
 * ("-ed": "ruled", "expected"), compared without regard to case. A byte of
 * a multibyte character in it answers yes, as text_at does. */
static int word_ends_in(const char *s, const char *t, size_t n)
{
	size_t k = 0;
	while (text_is_ascii_letter(s[k]))
		k++;
	if ((unsigned char)s[k] >= 0x80)
		return 1;
	return k > n && text_at(s + k - n, t, n);
}

/* Does the "next" text alt[0, n) fit at `at`, j bytes of white space
 * after the form? A word needs white space before it; a mark such as "."
 * or "," may follow the form directly, and the sentence's end fits any
 * mark ("..., she added."). */
static int next_text_fits(const char *alt, size_t n, const char *at, size_t j)
{
	int mark = !ascii_alnum((unsigned char)alt[0]);
	if (alt[0] == '-' && n > 1)
		return j && word_ends_in(at, alt + 1, n - 1);
	return (j || mark) && (text_at(at, alt, n) || (mark && !*at));
}

/* Does the cue form occ[k] fit one of the rule's "needs cue" lines? */
static int cue_form_fits_slow(struct sentence_ctx *c, const struct rule *rl, int k)
{
	const char *rest = c->m + c->occ[k].e;   /* c->m is NUL-terminated */
	for (int i = 0; i < rl->ncue_needs; i++) {
		const struct rule_cue_need *cn = &rl->cue_needs[i];
		if (!cn->cue_ok[c->occ[k].cue])
			continue;
		if (cn->suffix) {
			/* the form's last letters ("saying" of "say"): find_cues
			 * found it between word boundaries, letters only */
			size_t fs = c->occ[k].s, fe = c->occ[k].e, n = 0;
			const char *alt = cn->suffix;
			for (; *alt; alt += n + 1) {
				n = strlen(alt);
				if (fe - fs >= n && !strncasecmp(c->m + fe - n, alt, n))
					break;
			}
			if (!*alt)
				continue;
		}
		if (cn->next) {
			if (!(c->occ[k].spaced & 1))
				note_spaces(c, k, 1);
			const char *at = c->m + c->occ[k].next_at;
			size_t j = (size_t)(at - rest);
			/* a word needs white space before it; a mark such as "." or ","
			 * may follow the form directly, and the sentence's end fits
			 * any mark ("..., she added.") */
			int hit = c->occ[k].next_wide;
			/* most forms are followed by a byte none of the texts fits at
			 * (*at is ASCII here: the white space skipped took every
			 * byte of a multibyte character) */
			unsigned char b = (unsigned char)*at;
			if (!hit && b < 0x80 && !(cn->next_first[b >> 3] & (1u << (b & 7))))
				continue;
			if (!hit && b && b < 0x80) {
				/* (a text whose first byte is not the one here, nor "-",
				 * fits no more than text_at finds: only the texts of
				 * this byte and of "-" are tried, a group each) */
				unsigned char lb = ascii_lower(b), group[2] = { lb, '-' };
				for (int g = 0; g < 1 + (lb != '-') && !hit; g++)
					for (unsigned q = cn->next_from[group[g]]; !hit && q < cn->next_from[group[g] + 1];
					     q++) {
						unsigned t = cn->next_order[q];
						hit = next_text_fits(cn->next + cn->next_off[t], cn->next_len[t], at, j);
					}
			}
			/* (at the end, or a multibyte character: any text may fit) */
			const unsigned char *len = cn->next_len;
			for (const char *alt = cn->next; !hit && !(b && b < 0x80) && *alt; alt += *len++ + 1)
				hit = next_text_fits(alt, *len, at, j);
			if (!hit)
				continue;
		}
		if (cn->unless) {
			/* a whole word after one white space byte, as the pattern's
			 * "\s+ (?!(?:to|that)\b)" refuses it (after two, "\s+"
			 * may give one back), before an ASCII byte that is no
			 * letter, digit or "_" (a multibyte character may be a
			 * letter) */
			size_t j = rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' ||
				   rest[0] == '\f' || rest[0] == '\v';
			int refused = 0;
			for (const char *alt = cn->unless; j && !refused && *alt; alt += strlen(alt) + 1) {
				size_t n = strlen(alt);
				if (strncmp(rest + j, alt, n))
					continue;
				unsigned char after = (unsigned char)rest[j + n];
				refused = after < 0x80 && !ascii_alnum(after) && after != '_';
			}
			if (refused)
				continue;
		}
		if (cn->prev) {
			if (!(c->occ[k].spaced & 2))
				note_spaces(c, k, 2);
			size_t j = c->occ[k].prev_at;
			int wide = c->occ[k].prev_wide;
			const char *alt = cn->prev;
			for (size_t n; !wide && *alt; alt += n + 1) {
				n = strlen(alt);
				if (j >= n && text_at(c->m + j - n, alt, n))
					break;
			}
			if (!wide && !*alt)
				continue;
		}
		if (cn->then || cn->then_quote) {
			int found = cn->then_quote && (strchr(rest, '\x01') || strchr(rest, '\x04'));
			for (const char *alt = cn->then; alt && *alt && !found; alt += strlen(alt) + 1)
				found = holds(c, rest, alt);
			if (!found)
				continue;
		}
		return 1;
	}
	return 0;
}

/* cue_form_fits(), its call spared where no line of the rule names the
 * form's cue: so it is for most pairs of a rule and a form, a test of
 * every rule on every form of a sentence (2M calls on news.jsonl) */
static inline int cue_form_fits(struct sentence_ctx *c, const struct rule *rl, int k)
{
	int cue = c->occ[k].cue;
	for (int i = 0; i < rl->ncue_needs; i++)
		if (rl->cue_needs[i].cue_ok[cue])
			return cue_form_fits_slow(c, rl, k);
	return 0;
}

static int closing_mark(char ch)
{
	return ch == '.' || ch == ',' || ch == ';' || ch == ':' || ch == '!' || ch == '?';
}

/* "needs end": does the sentence end with one of the rule's texts, or with
 * a quotation (past the marks . , ; : ! ? too), once the white space that
 * closes it is set aside? */
static int sentence_ends_with(const struct sentence_ctx *c, const struct rule_need *nd)
{
	size_t e = c->len;
	while (e > 1 && space_or_multibyte(c->m[e - 1]))
		e--;
	for (const char *alt = nd->text; alt && *alt; alt += strlen(alt) + 1) {
		size_t n = strlen(alt);
		if (e >= n + 1 && !memcmp(c->m + e - n, alt, n))
			return 1;
	}
	if (nd->end_quote) {
		while (e > 1 && (space_or_multibyte(c->m[e - 1]) || closing_mark(c->m[e - 1])))
			e--;
		if (e > 1 && (c->m[e - 1] == '\x03' || c->m[e - 1] == '\x06'))
			return 1;
	}
	return 0;
}

/* Where the callout (?C1) fails a path: from here on no form of a cue of
 * speech (a frame other than object: what {CUE} matches) can start. A cue
 * macro matches a form of cues.txt between word boundaries; find_cues finds
 * every such form
 * that is made of letters, and forms of several words only where single
 * spaces part them, so a form the patterns can match is one occ[] holds
 * unless white space other than one space comes at or after it. Only a
 * match by a rule's ASCII form is gated (the UTF form knows caseless
 * letters such as U+017F and Unicode spaces), and not in a sentence with
 * more forms than occ[] holds. */
static void note_later_from(struct sentence_ctx *c)
{
	c->later_ready = 1;
	c->later_from = (size_t)-1;
	if (c->occ_overflow)
		return;
	size_t from = 0;
	for (int k = 0; k < c->nocc; k++)
		if (c->r->cues[c->occ[k].cue].frame != CUE_OBJECT && c->occ[k].s + 1 > from)
			from = c->occ[k].s + 1;
	for (size_t i = c->len; i-- > from;) {
		char ch = c->m[i];
		if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v' ||
		    (ch == ' ' && i + 1 < c->len && c->m[i + 1] == ' ')) {
			from = i + 1;
			break;
		}
	}
	c->later_from = from;
}

/* (?C1) in a pattern: fail this path unless a form of a cue of speech may
 * start at or after the current position (a cheap test before a search
 * for a speaker and its {CUE} further on, which it spares when there is
 * none: it changes no match). (?C2) and on: the probe rules.probes[n - 2]
 * matched right here, or this path fails (an error of its match ends the
 * rule's match with that error). Any other callout number goes on. */
static int cue_later(pcre2_callout_block *cb, void *data)
{
	struct sentence_ctx *c = data;
	if (cb->callout_number >= RULE_WORDS_CALLOUT)
		return rules_words_callout(c->r, cb);
	if (cb->callout_number == RULE_NAME_CALLOUT)
		return rules_name_callout(c->r, cb);
	if (cb->callout_number >= 2) {
		size_t p = cb->callout_number - 2;
		if (p >= c->r->nprobes)
			return 0;
		/* a probe's answer at an offset is the same for every rule and
		 * every path of a sentence that asks it there (it reads only the
		 * sentence, and the cue forms (?C1) looks at): asked once. Many
		 * rules end their content with the same probe, and each retry of
		 * a rule from a later start scans the same content again. */
		struct quote_scratch *qs = c->qs;
		uint32_t *slot = NULL;
		if (cb->current_position < qs->probe_cap && p < qs->probe_n) {
			slot = &qs->probe_memo[(p * 4 + (size_t)(2 * c->on_t + c->cur_ascii)) * qs->probe_cap +
					       cb->current_position];
			if (*slot >> 1 == qs->probe_gen)
				return (*slot & 1) ? 0 : 1;
		}
		int rc = rule_match(&c->r->probes[p], c->cur_ascii, (const char *)cb->subject, cb->subject_length,
				    cb->current_position, qs->pmd, qs->pmctx);
		if (rc >= 0) {
			if (slot)
				*slot = qs->probe_gen << 1 | 1;
			return 0;
		}
		if (rc == PCRE2_ERROR_NOMATCH) {
			if (slot)
				*slot = qs->probe_gen << 1;
			return 1;
		}
		return rc;
	}
	if (cb->callout_number != 1 || !c->gate)
		return 0;
	if (!c->later_ready)
		note_later_from(c);
	size_t at = cb->current_position;
	if (c->on_t)
		at = c->qs->tmap[at];
	return at >= c->later_from;
}

/* WHOSAID_PROFILE: per rule, the time spent matching (its JIT compilation
 * aside: some milliseconds a pattern, which would swamp the rules run on
 * few sentences), the sentences it was matched on, its calls and those
 * that found no match (a rule whose calls mostly fail is one a cheaper
 * test may spare) */
#define PROFILE_RULES 512   /* rules past it are not profiled (noted at exit) */
static double rule_seconds[PROFILE_RULES], jit_seconds;
static long rule_sents[PROFILE_RULES], rule_calls[PROFILE_RULES], rule_misses[PROFILE_RULES];
static const char *rule_names[PROFILE_RULES];
static size_t rules_unprofiled;

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A call of rule i counted (and, the first in a sentence, the sentence),
 * its patterns JIT-compiled before its clock runs on (its match would
 * compile them): the seconds that took. */
static double profile_call(struct sentence_ctx *c, const struct rule *rl, size_t i, int latin1, int first)
{
	double tj = now_seconds();
	(void)rule_code(rl, c->ascii);
	if (latin1)
		(void)rule_code(rl, 1);
	tj = now_seconds() - tj;
	jit_seconds += tj;
	if (i < PROFILE_RULES) {
		rule_calls[i]++;
		rule_sents[i] += first;
	}
	return tj;
}

static void print_profile(void)
{
	for (int i = 0; i < PROFILE_RULES && rule_names[i]; i++)
		fprintf(stderr, "profile: %-28s %.3f s %7ld sentences %7ld calls %7ld without a match\n",
			rule_names[i], rule_seconds[i], rule_sents[i], rule_calls[i], rule_misses[i]);
	fprintf(stderr, "profile: %-28s %.3f s\n", "(JIT compilation)", jit_seconds);
	if (rules_unprofiled)
		fprintf(stderr, "profile: %zu rules past the first %d not profiled\n", rules_unprofiled,
			PROFILE_RULES);
}

/* Is a cue of rl's "needs cue" lines that of an unspent form? */
static inline int unspent_cue_named(struct sentence_ctx *c, const struct rule *rl)
{
	if (c->cue_bits_nused != c->nused) {
		memset(c->cue_bits, 0, sizeof(c->cue_bits));
		for (int k = 0; k < c->nocc; k++)
			if (!c->occ[k].used && (size_t)c->occ[k].cue < RULE_CUE_BITS)
				c->cue_bits[c->occ[k].cue / 64] |= (uint64_t)1 << (c->occ[k].cue % 64);
		c->cue_bits_nused = c->nused;
	}
	uint64_t any = 0;
	for (int w = 0; w < RULE_CUE_WORDS; w++)
		any |= rl->cue_bits[w] & c->cue_bits[w];
	return any != 0;
}

static void run_rules(struct sentence_ctx *c)
{
	const struct rules *r = c->r;
	int profile = c->qs->profile;
	c->later_ready = 0;
	c->cue_bits_nused = -1;
	/* a new sentence: every probe answer noted is stale (the memo is
	 * cleared when the generation would wrap, and grown to hold every
	 * offset of this sentence and of its Latin-1 form) */
	struct quote_scratch *qs = c->qs;
	if (r->nprobes) {
		size_t need = c->len + 1;
		if (need < c->tlen + 1)
			need = c->tlen + 1;
		if (need > qs->probe_cap || r->nprobes > qs->probe_n || qs->probe_gen >= 0x7fffffffu) {
			if (need < 512)
				need = 512;
			if (need < qs->probe_cap)
				need = qs->probe_cap;
			free(qs->probe_memo);
			qs->probe_memo = xcalloc(r->nprobes * 4 * need, sizeof(uint32_t));
			qs->probe_cap = need;
			qs->probe_n = r->nprobes;
			qs->probe_gen = 0;
		}
		qs->probe_gen++;
	}
	pcre2_set_callout(c->qs->mctx, cue_later, c);
	pcre2_set_callout(c->qs->pmctx, cue_later, c);
	if (profile && r->nrules > PROFILE_RULES)
		rules_unprofiled = r->nrules - PROFILE_RULES;
	/* the rules that may run: those that name the cue of a form of the
	 * sentence (or need none); the others would stop at their first
	 * test below (most of the 74 rules of a sentence). The profile
	 * counts every rule. */
	/* (of the unspent forms: when a match spends a form, the set is
	 * made again, and a rule that named only spent cues is passed over;
	 * so a rule of the set names the cue of an unspent form, the test
	 * unspent_cue_named() makes below when there is no set) */
	uint64_t may_run[RULE_SET_WORDS];
	int pick = c->qs->rules_of_cue && !profile && !c->occ_overflow && !c->qs->no_cue_needs;
	int picked_nused = -1;
	for (size_t i = 0; i < r->nrules; i++) {
		if (pick && picked_nused != c->nused) {
			memcpy(may_run, c->qs->rules_any, sizeof(may_run));
			for (int k = 0; k < c->nocc; k++)
				for (int w = 0; w < RULE_SET_WORDS && !c->occ[k].used; w++)
					may_run[w] |= c->qs->rules_of_cue[c->occ[k].cue][w];
			picked_nused = c->nused;
		}
		if (pick) {
			/* on to the next rule that may run (about a third of the
			 * rules of a sentence may not) */
			size_t w = i / 64;
			uint64_t bits = may_run[w] & (~(uint64_t)0 << (i % 64));
			while (!bits && ++w < RULE_SET_WORDS)
				bits = may_run[w];
			if (!bits)
				break;
			i = w * 64 + (size_t)__builtin_ctzll(bits);
			if (i >= r->nrules)
				break;
		}
		const struct rule *rl = &r->rules[i];
		/* every rule needs a cue, and every cue form here is spent */
		if (!c->occ_overflow && c->nused >= c->nocc)
			break;
		double t0 = profile ? now_seconds() : 0;
		if (profile && i < PROFILE_RULES && !rule_names[i])
			rule_names[i] = xstrdup(rl->id);
		size_t off = 0;
		int skip = c->qs->only_rule && strcmp(c->qs->only_rule, rl->id) != 0;
		/* no unspent form of a cue its "needs cue" lines name: no form
		 * fits (below), so the rule does not run; said before its other
		 * "needs" are looked at, as most rules of a sentence stop here
		 * (picked from the set above, a rule has passed it) */
		if (!skip && !pick && rl->has_cue_bits && !c->occ_overflow && !c->qs->no_cue_needs &&
		    !unspent_cue_named(c, rl))
			skip = 1;
		for (int k = 0; k < rl->nneeds && !skip; k++) {
			if (rl->needs[k].after_cue || rl->needs[k].before_cue) {
				skip = !cue_with_room(c, rl->needs[k].after_cue, rl->needs[k].before_cue);
			} else if (rl->needs[k].quote) {
				skip = !c->has_tokens;
			} else if (rl->needs[k].end) {
				skip = !c->qs->no_cue_needs && !sentence_ends_with(c, &rl->needs[k]);
			} else {
				/* a text several rules look for is looked for once */
				skip = 1;
				const int *id = rl->needs[k].ids;
				for (const char *const *alt = rl->needs[k].alts; *alt && skip; alt++, id++) {
					signed char *h = &c->qs->held[*id];
					if (*h < 0)
						*h = (signed char)holds_text(c, *id, c->m + 1, *alt);
					skip = !*h;
				}
			}
		}
		/* a match holds a cue and starts at or before it: no start after
		 * the last cue form not yet spent (of those the rule's "needs cue"
		 * lines allow) */
		size_t limit = 0;
		int fits = 0;
		for (int k = 0; k < c->nocc && !skip; k++) {
			if (c->occ[k].used || (rl->ncue_needs && !c->qs->no_cue_needs && !cue_form_fits(c, rl, k)))
				continue;
			/* the words a rule's cue must have after or before it: those
			 * of this form ("needs after-cue", "needs before-cue") */
			int room = 1;
			for (int j = 0; j < rl->nneeds && room && !c->qs->no_cue_needs; j++)
				if (rl->needs[j].after_cue || rl->needs[j].before_cue)
					room = form_has_room(c, k, rl->needs[j].after_cue, rl->needs[j].before_cue);
			if (!room)
				continue;
			fits = 1;
			if (c->occ[k].s > limit)
				limit = c->occ[k].s;
		}
		if (!fits && !c->occ_overflow)
			skip = 1;
		if (skip) {
			/* (most rules of a sentence end here: none of what
			 * follows, which is for the calls, is worked out) */
			if (profile && i < PROFILE_RULES)
				rule_seconds[i] += now_seconds() - t0;
			continue;
		}
		int latin1 = (c->latin1 && rl->latin1) || c->squeezed;
		while (off < c->len && (c->occ_overflow || off <= limit)) {
			int rc;
			/* (a test a call, not a rule: most rules of a sentence make none) */
			if (profile)
				t0 += profile_call(c, rl, i, latin1, off == 0);
			if (latin1 && c->qs->tfwd[off] != NO_SPAN) {
				pcre2_set_offset_limit(c->qs->mctx, c->occ_overflow ? PCRE2_UNSET : c->qs->tfwd[limit]);
				c->on_t = 1;
				c->gate = c->squeezed ? c->ascii : 1;
				c->cur_ascii = c->squeezed ? c->ascii && rl->code_ascii : 1;
				rc = rule_match(rl, c->squeezed ? c->ascii : 1, c->t, c->tlen, c->qs->tfwd[off],
						c->qs->md, c->qs->mctx);
				/* back to offsets into m: the pairs this match set (those
				 * past rc are unset up to the pattern's last group, and
				 * beyond it hold what an earlier match left there: an
				 * offset into a longer sentence, past the end of tmap) */
				PCRE2_SIZE *tv = pcre2_get_ovector_pointer(c->qs->md);
				for (uint32_t k = 0; rc > 0 && k < 2 * (uint32_t)rc; k++)
					if (tv[k] != PCRE2_UNSET)
						tv[k] = c->qs->tmap[tv[k]];
			} else {
				pcre2_set_offset_limit(c->qs->mctx, c->occ_overflow ? PCRE2_UNSET : limit);
				c->on_t = 0;
				c->gate = c->ascii;
				c->cur_ascii = c->ascii && rl->code_ascii;
				rc = rule_match(rl, c->ascii, c->m, c->len, off, c->qs->md, c->qs->mctx);
			}
			if (rc < 0) {
				if (profile && i < PROFILE_RULES)
					rule_misses[i]++;
				if (rc != PCRE2_ERROR_NOMATCH && c->qs->trace)
					fprintf(stderr, "trace: %s: match error %d\n", rl->id, rc);
				break;
			}
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->qs->md);
			int ok = accept(c, rl, ov);
			if (c->qs->trace)
				fprintf(stderr, "trace: %s %s [%zu,%zu) speaker [%zu,%zu) content [%zu,%zu)\n",
					rl->id, ok ? "accepted" : "rejected", (size_t)ov[0], (size_t)ov[1],
					group_start(ov, rl->g_speaker), group_end(ov, rl->g_speaker),
					group_start(ov, rl->g_content), group_end(ov, rl->g_content));
			size_t next = ok && ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			/* allow a second attribution that starts inside this match's
			 * content ("A said B, and C said D") */
			if (ok && rl->g_content && ov[2 * rl->g_content] != PCRE2_UNSET &&
			    ov[2 * rl->g_content] > off && ov[2 * rl->g_content] < next)
				next = ov[2 * rl->g_content];
			if (next <= off)
				next = off + 1;
			off = next;
			/* this match spent its cue: a later one must start at or
			 * before a cue form still unspent, and when none is left it
			 * has nothing to use (a rule with two contents may use its own
			 * cue again: it looks on as before) */
			if (ok && !c->occ_overflow && !rl->g_content2) {
				size_t still = 0;
				int any = 0;
				for (int k = 0; k < c->nocc; k++) {
					if (c->occ[k].used ||
					    (rl->ncue_needs && !c->qs->no_cue_needs && !cue_form_fits(c, rl, k)))
						continue;
					any = 1;
					if (c->occ[k].s > still)
						still = c->occ[k].s;
				}
				if (!any)
					break;
				limit = still;
			}
		}
		if (profile && i < PROFILE_RULES)
			rule_seconds[i] += now_seconds() - t0;
	}
}

static int cmp_attr(const void *x, const void *y)
{
	const struct attribution *a = x, *b = y;
	return a->c0 < b->c0 ? -1 : a->c0 > b->c0;
}

static struct quote *new_quote(struct quote_list *ql)
{
	ALLOC_GROW(ql->v, ql->n + 1, ql->alloc);
	struct quote *q = &ql->v[ql->n++];
	memset(q, 0, sizeof(*q));
	q->cue = -1;
	q->cue_start = q->cue_end = NO_SPAN;
	q->spk_start = q->spk_end = NO_SPAN;
	q->appos_start = q->appos_end = NO_SPAN;
	q->inherit = -1;
	q->source = -1;
	return q;
}

/* Content of a direct quotation: inside the marks, without the comma that
 * American style puts inside them. */
static void direct_content(const struct article *a, const struct qmark *q, size_t *s, size_t *e)
{
	size_t x = q->cstart, y = q->cend;
	while (x < y && is_space(a->scan[x]))
		x++;
	while (y > x && (is_space(a->scan[y - 1]) || a->scan[y - 1] == ','))
		y--;
	*s = x;
	*e = y;
}

static int qmark_in_attribution(const struct sentence_ctx *c, const struct qmark *q)
{
	size_t o = q->open - c->base, e = q->close - c->base;
	for (int i = 0; i < c->nat; i++) {
		const struct attribution *at = &c->at[i];
		if (at->quote_index < 0)
			continue;   /* dropped for want of a speaker: its quotations are free */
		if (overlaps(o, e, at->c0, at->c1))
			return 1;
		if (at->s0 != NO_SPAN && overlaps(o, e, at->s0, at->s1))
			return 1;
		if (at->a0 != NO_SPAN && overlaps(o, e, at->a0, at->a1))
			return 1;
	}
	return 0;
}

/* The speaker quote a later quote inherits from: the record itself if it
 * has a mention, else what it inherits. */
static int speaker_root(const struct quote_list *ql, int i)
{
	int guard = 0;
	while (i >= 0 && ql->v[i].spk_start == NO_SPAN && ql->v[i].inherit >= 0 && guard++ < 64)
		i = ql->v[i].inherit;
	return i;
}

/* "said the leak began at Pier 4 and that the firm knew": two reported
 * clauses under one cue, so two quotes with one speaker. (Indirect speech
 * only: PolNeAR keeps a mixed quotation with "and that" whole.) */
static void split_and_that(struct sentence_ctx *c, int qi)
{
	struct quote *q = &c->ql->v[qi];
	if (q->kind != QK_INDIRECT)
		return;
	const char *t = c->a->scan;
	/* the first " and that " or ", and that " from q->start on (ending
	 * before q->end), found by its "d": memchr skips the bytes between */
	for (size_t from = q->start + 3; from < q->end;) {
		const char *p = memchr(t + from, 'd', q->end - from);
		if (!p)
			return;
		size_t d = (size_t)(p - t), i;
		from = d + 1;
		if (d >= q->start + 4 && d + 6 < q->end && !strncmp(t + d - 4, ", and that ", 11))
			i = d - 4;
		else if (d + 7 < q->end && !strncmp(t + d - 3, " and that ", 10))
			i = d - 3;
		else
			continue;
		size_t cut = i, next = i + (t[i] == ' ' ? 10 : 11);
		struct quote *r = new_quote(c->ql);
		q = &c->ql->v[qi];   /* new_quote may move the array */
		*r = *q;
		r->start = next;
		r->spk_start = r->spk_end = NO_SPAN;
		r->appos_start = r->appos_end = NO_SPAN;
		r->inherit = qi;
		q->end = cut;
		while (q->end > q->start && (t[q->end - 1] == ',' || t[q->end - 1] == ' '))
			q->end--;
		return;
	}
}

/* Is paragraph pi a Markdown blockquote ("> ...")? */
static int blockquote_para(const struct sentence_ctx *c, size_t pi)
{
	if (c->a->format != FORMAT_MARKDOWN || pi >= c->seg->nparas)
		return 0;
	size_t ls, ll;
	article_line_span(c->a, c->seg->paras[pi].start, &ls, &ll);
	size_t i = ls;
	while (i < ls + ll && c->a->raw[i] == ' ')
		i++;
	return i < ls + ll && c->a->raw[i] == '>';
}

/* "The board said:" and a blockquote of several paragraphs: each of them
 * is what was said, one record a paragraph. */
static void more_block_paragraphs(struct sentence_ctx *c, int qi)
{
	size_t pi = c->ql->v[qi].para + 1;
	if (!blockquote_para(c, pi))
		return;
	for (pi++; blockquote_para(c, pi); pi++) {
		const struct paragraph *p = &c->seg->paras[pi];
		struct quote *q = new_quote(c->ql);
		*q = c->ql->v[qi];
		q->start = p->start;
		q->end = p->end;
		q->para = (unsigned)pi;
		q->spk_start = q->spk_end = NO_SPAN;
		q->appos_start = q->appos_end = NO_SPAN;
		q->inherit = qi;
		c->skip_until = p->end;
	}
}

/* "While Dahl said the pier was safe, the board closed it": a sentence
 * that opens with a subordinating conjunction is a subordinate clause up
 * to its first comma, and the main clause after it is the writer's. When
 * the speaker and the cue sit in that opening clause (no comma before the
 * content), the content ends at the first comma outside a quotation.
 * ("As Dahl said, the pier ..." puts its content after the comma and is
 * left alone.) */
static const char *const lead_conj[] = {
	"although ", "though ", "while ", "whereas ", "as ", "when ", "whenever ", "after ",
	"since ", "because ", "if ", "unless ", "before ", "until ", "once ", "even though ",
	"even as ", "even if ", NULL
};

static int word_at(const char *m, size_t i, size_t n, const char *w)
{
	/* (w is lowercase: most words fail at their first letter, without
	 * a call) */
	if (i >= n || ascii_lower((unsigned char)m[i]) != (unsigned char)w[0])
		return 0;
	size_t k = strlen(w);
	return i + k <= n && !strncasecmp(m + i, w, k);
}

/* Does m[a, b) hold a word that makes it a clause of its own: a form of
 * "be", "have", "will", "would" (words.txt: clause-aux) or a word in -ed?
 * ("In a September debate," holds none; "She conceded defeat in 2008,"
 * does.) */
static int holds_verb(const struct rules *r, const char *m, size_t a, size_t b)
{
	for (size_t i = a; i < b;) {
		while (i < b && !isalpha((unsigned char)m[i]))
			i++;
		size_t s = i;
		while (i < b && isalpha((unsigned char)m[i]))
			i++;
		size_t k = i - s;
		if (k >= 5 && m[i - 2] == 'e' && m[i - 1] == 'd')
			return 1;
		if (k && (rules_word_lists(r, m + s, k) & WL_CLAUSE_AUX))   /* any case */
			return 1;
	}
	return 0;
}

/* Where the clause that holds the speaker of at opens, and whether that
 * is the sentence's start: after the last comma before the speaker (not
 * one inside a number), else the sentence's start. */
static size_t clause_open(const struct sentence_ctx *c, const struct attribution *at, int *at_start)
{
	const char *m = c->m;
	size_t e = at->s0 != NO_SPAN && at->s0 < at->c0 ? at->s0 : at->cue0, i = 1;
	*at_start = 1;
	for (size_t j = e; j-- > 1;)
		if (m[j] == ',' && !(j + 1 < e && isdigit((unsigned char)m[j - 1]) && isdigit((unsigned char)m[j + 1]))) {
			i = j + 1;
			*at_start = 0;
			break;
		}
	while (i < c->len && m[i] == ' ')
		i++;
	return i;
}

static void cut_at_lead_clause(const struct sentence_ctx *c, struct attribution *at)
{
	const char *m = c->m;
	size_t n = c->len, i = 1;
	if (at->block || at->cue1 > at->c0)
		return;
	int at_start;
	i = clause_open(c, at, &at_start);
	/* ("However, while the board says ...", "In a September debate,
	 * while the mayor called for ...": after an opening adverbial, with
	 * no verb before the comma; ", and while he said ...": a clause of
	 * its own) */
	size_t open = i;
	static const char *const coord[] = { "and ", "but ", "yet ", "so ", NULL };
	int coordinated = 0;
	for (int k = 0; coord[k]; k++)
		if (word_at(m, i, n, coord[k])) {
			i += strlen(coord[k]);
			coordinated = 1;
			break;
		}
	if (!at_start && !coordinated && holds_verb(c->r, m, 1, open))
		return;
	int k;
	for (k = 0; lead_conj[k] && !word_at(m, i, n, lead_conj[k]); k++)
		;
	if (!lead_conj[k])
		return;
	/* (after a comma, only a contrast or "after" opens the clause before
	 * the main one; ", when he told ...", ", as the mayor said": a
	 * clause that trails the main one as often) */
	if (!at_start && !(!strcmp(lead_conj[k], "while ") || !strcmp(lead_conj[k], "although ") ||
			   !strcmp(lead_conj[k], "though ") || !strcmp(lead_conj[k], "whereas ") ||
			   !strcmp(lead_conj[k], "even though ") || !strcmp(lead_conj[k], "after ")))
		return;
	if (!at_start && (at->s0 == NO_SPAN || at->s1 <= at->s0 || i + strlen(lead_conj[k]) > at->s0))
		return;
	if (memchr(m + i, ',', at->c0 - i))
		return;
	for (size_t j = at->c0; j < at->c1; j++) {
		/* (a comma between digits is a thousands separator: "more than
		 * 2,400 ships, another says" is cut at its second comma) */
		if (m[j] != ',' || (j > at->c0 && j + 1 < at->c1 && isdigit((unsigned char)m[j - 1]) &&
				    isdigit((unsigned char)m[j + 1])))
			continue;
		while (j > at->c0 && m[j - 1] == ' ')
			j--;
		if (span_words(m, at->c0, j, 2) >= 2)
			at->c1 = j;
		return;
	}
}

/* Does paragraph pi open with a speaker's label, "Q:" or "JOEL DAHL:"
 * (a few words of letters, then a colon and a space)? */
static int opens_with_label(const struct sentence_ctx *c, size_t pi)
{
	if (pi >= c->seg->nparas)
		return 0;
	const char *t = c->a->scan;
	size_t i = c->seg->paras[pi].start, e = c->seg->paras[pi].end;
	while (i < e && is_space(t[i]))
		i++;
	size_t s = i;
	if (i >= e || !(t[i] >= 'A' && t[i] <= 'Z'))
		return 0;
	while (i < e && i - s < 40 && (isalpha((unsigned char)t[i]) || t[i] == ' ' || t[i] == '.' ||
				       t[i] == '-' || t[i] == '\''))
		i++;
	return i < e && i + 1 < e && t[i] == ':' && t[i + 1] == ' ';
}

/* A transcript: "Q: You open your book in 2001. What did you find?" then
 * "DAHL: I found ...". A speaker's label that opens a paragraph, next to
 * another paragraph that opens with one, gives that speaker the whole
 * paragraph (the rule, which sees one sentence, gave the first). */
static void transcript_turn(struct sentence_ctx *c, int qi, const struct attribution *at)
{
	struct quote *q = &c->ql->v[qi];
	size_t pi = c->st->para;
	const struct paragraph *p = &c->seg->paras[pi];
	if (at->block || c->m[at->cue0] != ':' || at->cue1 != at->cue0 + 1 || q->kind == QK_DIRECT ||
	    c->base + at->s0 > p->start + 4 || c->st->end >= p->end)
		return;
	if (!((pi > 0 && opens_with_label(c, pi - 1)) || opens_with_label(c, pi + 1)))
		return;
	const char *t = c->a->scan;
	size_t e = p->end;
	while (e > q->end && (is_space(t[e - 1]) || t[e - 1] == '.'))
		e--;
	q->end = e;
	/* (an interviewee's answer, "A: ...", may report what others said,
	 * "I told him ...": those are quotes of their own within it) */
	if (!(at->s1 == at->s0 + 1 && c->m[at->s0] == 'A'))
		c->skip_until = p->end;
}

static void emit_attributions(struct sentence_ctx *c, unsigned sent_index)
{
	qsort(c->at, (size_t)c->nat, sizeof(*c->at), cmp_attr);
	int prev_in_sentence = -1;
	for (int i = 0; i < c->nat; i++) {
		struct attribution *at = &c->at[i];
		cut_at_lead_clause(c, at);
		int nfull, nshort;
		const struct qmark *only;
		tokens_in(c, at->c0, at->c1, &nfull, &nshort, &only);
		struct quote *q = new_quote(c->ql);
		int qi = (int)c->ql->n - 1;
		at->quote_index = qi;
		size_t s = c->base + at->c0, e = c->base + at->c1;
		if (at->block) {
			const struct paragraph *p = &c->seg->paras[c->st->para + 1];
			q->kind = QK_BLOCK;
			q->start = p->start;
			q->end = p->end;
			for (size_t k = 0; k < c->seg->nqmarks; k++) {
				const struct qmark *m = &c->seg->qmarks[k];
				if (m->open == p->start && m->close >= p->end - 1 && !(m->flags & QM_NESTED)) {
					q->kind = QK_DIRECT;
					direct_content(c->a, m, &q->start, &q->end);
					if (m->flags & QM_CONT_NEXT)
						c->block_cont = qi;   /* its next paragraphs are the same speaker's */
				}
			}
			c->skip_until = p->end;
		} else if (nfull + nshort == 1 && only->open == s && only->close == e) {
			q->kind = QK_DIRECT;
			direct_content(c->a, only, &q->start, &q->end);
			q->unclosed = !!(only->flags & QM_UNCLOSED);
		} else {
			q->kind = nfull + nshort ? QK_MIXED : QK_INDIRECT;
			q->start = s;
			q->end = e;
			for (unsigned k = 0; k < c->st->nqmarks; k++) {
				const struct qmark *m = &c->seg->qmarks[c->st->first_qmark + k];
				if (!(m->flags & QM_NESTED) && m->open >= s && m->close <= e && (m->flags & QM_UNCLOSED))
					q->unclosed = 1;
			}
		}
		q->cue = at->cue;
		q->cue_start = c->base + at->cue0;
		q->cue_end = c->base + at->cue1;
		q->stance = c->r->cues[at->cue].stance;
		q->rule = at->rule->id;
		q->asked = at->asked;
		q->sent = sent_index;
		q->para = c->st->para;
		if (at->s0 != NO_SPAN && at->s1 > at->s0) {
			q->spk_start = c->base + at->s0;
			q->spk_end = c->base + at->s1;
			if (at->r0 != NO_SPAN && at->r1 > at->r0) {
				q->rel_start = c->base + at->r0;
				q->rel_end = c->base + at->r1;
			}
		} else if (at->s0 != NO_SPAN) {
			/* an empty speaker group: the rule says nobody is named */
		} else if (prev_in_sentence >= 0) {
			q->inherit = prev_in_sentence;
		} else {
			/* "... and noted that ..." with no speaker named before it in
			 * this sentence: nobody to give it to */
			c->ql->n--;
			at->quote_index = -1;
			continue;
		}
		if (at->a0 != NO_SPAN && at->a1 > at->a0) {
			q->appos_start = c->base + at->a0;
			q->appos_end = c->base + at->a1;
		}
		prev_in_sentence = qi;
		if (!turn_label(c, at))
			split_and_that(c, qi);
		if (at->s0 != NO_SPAN)
			transcript_turn(c, qi, at);
		if (at->block)
			more_block_paragraphs(c, qi);
	}
}

/* Does the text of quotation m open with a lowercase letter? */
static int starts_lowercase(const struct article *a, const struct qmark *m)
{
	size_t s, e;
	direct_content(a, m, &s, &e);
	return s < e && a->scan[s] >= 'a' && a->scan[s] <= 'z';
}

/* Does a subject follow quotation m in its sentence ("...," Bennett shot
 * back; "...," the crowd cried)? A capitalized word or a pronoun after
 * it, where the words that go on the quotation ("... to the rest of the
 * country", "..., which votes in June") are lowercase. */
static int words_after_quote(const struct sentence_ctx *c, const struct qmark *m)
{
	size_t i = m->close + 1 - c->base;
	while (i < c->len && (is_space(c->m[i]) || c->m[i] == ',' || (unsigned char)c->m[i] == 2 ||
			      (unsigned char)c->m[i] == 3))
		i++;
	if (i >= c->len)
		return 0;
	unsigned char ch = (unsigned char)c->m[i];
	if (ch >= 'A' && ch <= 'Z')
		return 1;
	static const char *const subjects[] = { "he ", "she ", "they ", "we ", "the ", "a ", "an ", NULL };
	for (int k = 0; subjects[k]; k++)
		if (!strncmp(c->m + i, subjects[k], strlen(subjects[k])))
			return 1;
	return 0;
}

/* Is the quotation a title with its author after it ('“Fares to rise
 * in May,” by Ada Vell: ...')? A comma closes the title, inside the marks
 * or after them, then "by" and a name: a byline, not words spoken. */
static int byline_after(const struct sentence_ctx *c, const struct qmark *m)
{
	int comma = m->cend > m->cstart && c->a->scan[m->cend - 1] == ',';
	size_t i = m->close + 1 - c->base;
	while (i < c->len && (is_space(c->m[i]) || c->m[i] == ',' || (unsigned char)c->m[i] == 2 ||
			      (unsigned char)c->m[i] == 3)) {
		if (c->m[i] == ',')
			comma = 1;
		i++;
	}
	return comma && i + 4 < c->len && !strncmp(c->m + i, "by ", 3) && c->m[i + 3] >= 'A' &&
	       c->m[i + 3] <= 'Z';
}

/* Is q's own speaker a name ("Lund", "Ms. Lund"), not a description ("A
 * senior official", "Some experts") nor a pronoun? */
static int named_speaker(const struct article *a, const struct quote *q)
{
	if (q->spk_start == NO_SPAN || q->spk_end <= q->spk_start)
		return 0;
	const char *t = a->scan + q->spk_start;
	size_t n = q->spk_end - q->spk_start;
	if (!(t[0] >= 'A' && t[0] <= 'Z'))
		return 0;
	static const char *const dets[] = { "A ", "An ", "The ", "Some ", "One ", "Two ", "Three ", "Several ",
					    "Many ", "Most ", "Other ", "Another ", NULL };
	static const char *const pronouns[] = { "He", "She", "They", "It", "We", "I", NULL };
	for (int k = 0; dets[k]; k++) {
		size_t l = strlen(dets[k]);
		if (n >= l && !strncmp(t, dets[k], l))
			return 0;
	}
	for (int k = 0; pronouns[k]; k++)
		if (n == strlen(pronouns[k]) && !strncmp(t, pronouns[k], n))
			return 0;
	return 1;
}

/* Does reported speech q close its paragraph with a colon, or with a full
 * stop when a name says it, with nothing else between it and offset to
 * ("Lund said that, given the levy:", "Lund said the levy would fall."
 * and a paragraph that opens a quotation)? (After "A senior official
 * said ..." a quotation may be nobody's.) */
static int closes_paragraph_before(const struct article *a, const struct quote *q, size_t to)
{
	if (q->end > to || to - q->end > 12 || (q->spk_start == NO_SPAN && q->inherit < 0))
		return 0;
	int nl = 0, colon = 0;
	for (size_t i = q->end; i < to; i++) {
		unsigned char ch = (unsigned char)a->scan[i];
		if (ch == '\n')
			nl++;
		else if (ch == ':')
			colon++;
		else if (!(ch == ' ' || ch == '\t' || ch == '\r' || ch == '.'))
			return 0;
	}
	return nl > 0 && (colon > 0 || named_speaker(a, q));
}

/* Is m[from, to) a short phrase after a cue that ends in a comma before a
 * quotation, with no sentence break or other quotation in it ("of the
 * plan, ", " last May, ")? */
static int short_lead_in(const struct sentence_ctx *c, size_t from, size_t to)
{
	if (to - from > 60)
		return 0;
	size_t e = to;
	while (e > from && is_space(c->m[e - 1]))
		e--;
	if (e == from || c->m[e - 1] != ',')
		return 0;
	for (size_t i = from; i + 1 < e; i++) {
		unsigned char ch = (unsigned char)c->m[i];
		if (ch == '.' || ch == ';' || ch == ':' || ch == '!' || ch == '?' || ch < 8)
			return 0;
	}
	return 1;
}

/* 'The audit found that the pier was “a hazard” to ferries.': quoted
 * words that nobody is named for, inside a "that" clause, are part of
 * what the clause reports, so the clause is the content, from "that" to
 * the end of the sentence (a mixed quotation), not the quoted words alone.
 * Only when "that" is near the quotation (100 bytes: one clause) and no
 * attribution of the sentence lies between them or after. 1 and the span
 * (article offsets) when so. */
static int that_clause(const struct sentence_ctx *c, const struct qmark *m, size_t *s, size_t *e)
{
	const char *t = c->a->scan;
	size_t lo = c->base, hi = c->base + c->len, open = m->open;
	size_t from = open - lo > 100 ? open - 100 : lo;
	size_t x = NO_SPAN;
	/* the nearest " that " before the quotation */
	for (size_t w = open; w >= from + 6;) {
		w--;
		if (w + 6 <= open && is_space(t[w]) && !memcmp(t + w + 1, "that", 4) && is_space(t[w + 5])) {
			x = w + 6;
			break;
		}
	}
	if (x == NO_SPAN)
		return 0;
	for (int i = 0; i < c->nat; i++) {
		const struct attribution *at = &c->at[i];
		if (at->c1 > x - lo || at->cue1 > x - lo || (at->s0 != NO_SPAN && at->s1 > x - lo))
			return 0;
	}
	while (x < open && is_space(t[x]))
		x++;
	/* without the final mark and closing quotation marks, curly ones
	 * (three bytes) too */
	size_t y = hi;
	for (;;) {
		if (y > x && (is_space(t[y - 1]) || t[y - 1] == '.' || t[y - 1] == '!' || t[y - 1] == '?' ||
			      t[y - 1] == ',' || t[y - 1] == '"' || t[y - 1] == '\''))
			y--;
		else if (y >= x + 3 && !memcmp(t + y - 3, "\xe2\x80\x9d", 3))
			y -= 3;
		else
			break;
	}
	if (y <= x)
		return 0;
	*s = x;
	*e = y;
	return 1;
}

/* "Asked about the levy, Lind shrugged. “Ask the council.”": the question
 * names nobody who asks it, but the subject after its comma is who was
 * asked, and so who answers in the quotation after it. The span of that
 * subject (a pronoun or a run of capitalized words before a lowercase
 * verb) into *s0, *s1; 0 when q is no such question. */
static int asked_subject(const struct article *a, const struct quote *q, size_t *s0, size_t *s1)
{
	static const char *const pronouns[] = { "he ", "she ", "they ", NULL };
	if (q->spk_start != NO_SPAN || q->inherit >= 0 || q->cue < 0 || !q->asked)
		return 0;
	const char *t = a->scan;
	size_t i = q->end, n = a->len;
	while (i < n && t[i] == ' ')
		i++;
	if (i >= n || t[i] != ',')
		return 0;
	i++;
	while (i < n && t[i] == ' ')
		i++;
	size_t b = i;
	for (int k = 0; pronouns[k]; k++) {
		size_t l = strlen(pronouns[k]);
		if (i + l < n && !strncasecmp(t + i, pronouns[k], l)) {
			*s0 = b;
			*s1 = b + l - 1;
			return 1;
		}
	}
	size_t e = b;
	while (i < n && i - b < 60 && (unsigned char)t[i] < 0x80 && isupper((unsigned char)t[i])) {
		while (i < n && t[i] != ' ' && t[i] != ',' && t[i] != '\n' && t[i] != '.')
			i++;
		if (i < n && t[i] == '.' && i - b < 60 && i + 1 < n && t[i + 1] == ' ')
			i++;   /* "Mr." */
		e = i;
		if (i + 1 >= n || t[i] != ' ')
			break;
		i++;
	}
	if (e == b || e >= n || t[e] != ' ' || !(t[e + 1] >= 'a' && t[e + 1] <= 'z'))
		return 0;
	while (e > b && t[e - 1] == '.')
		e--;
	*s0 = b;
	*s1 = e;
	return 1;
}

/* "‘A tough decision.’" alone in its paragraph, and the next paragraph
 * opens with the writer's words: a few words in single quotation marks
 * (the marks of a headline) or ending in a colon ("“Related:”") standing
 * as a paragraph of their own are a section heading (a pull quote), not
 * a quotation someone goes on with; "“Never.”" in double marks, or
 * followed by another quotation, is a reply. */
static int heading_quote(const struct sentence_ctx *c, const struct qmark *m)
{
	const struct segmentation *s = c->seg;
	if (m->words > 5 || m->para + 1 >= s->nparas || (m->flags & (QM_CONT_NEXT | QM_CONT_PREV)))
		return 0;
	const char *t = c->a->scan;
	size_t ce = m->cend;
	while (ce > m->cstart && is_space(t[ce - 1]))
		ce--;
	if (!(m->flags & QM_SINGLE) && !(ce > m->cstart && t[ce - 1] == ':'))
		return 0;
	const struct paragraph *p = &s->paras[m->para];
	for (size_t i = p->start; i < m->cstart; i++)
		if (isalnum((unsigned char)t[i]))
			return 0;
	for (size_t i = m->cend; i < p->end; i++)
		if (isalnum((unsigned char)t[i]))
			return 0;
	const struct paragraph *n = &s->paras[m->para + 1];
	for (size_t k = 0; k < s->nqmarks; k++) {
		const struct qmark *q = &s->qmarks[k];
		if (q->open >= n->start && !(q->flags & QM_NESTED)) {
			size_t i = n->start;
			while (i < q->open && !isalnum((unsigned char)t[i]))
				i++;
			if (i == q->open)
				return 0;
			break;
		}
	}
	return 1;
}

/* Reads a run of capitalized words ("Ada Vell", "Mr. Vell") from t[i]
 * up to at most lim: its end, or i when there is none. */
static size_t name_run(const char *t, size_t i, size_t lim)
{
	size_t b = i, e = i;
	while (i < lim && i - b < 60 && isupper((unsigned char)t[i])) {
		while (i < lim && (isalpha((unsigned char)t[i]) || t[i] == '-' || t[i] == '\'' ||
				   ((unsigned char)t[i] >= 0x80 && (unsigned char)t[i] != 0xe2)))
			i++;
		if (i < lim && t[i] == '.' && i + 1 < lim && t[i + 1] == ' ')
			i++;   /* "Mr." */
		e = i;
		if (i + 1 >= lim || t[i] != ' ')
			break;
		i++;
	}
	while (e > b && t[e - 1] == '.')
		e--;
	return e;
}

/* Does a word of t[b, e) (words split by spaces, a final period left
 * out) past its fourth byte end in "teen" or "ty": "Thirteen", "Forty
 * Days"? */
static int number_word_in(const char *t, size_t b, size_t e)
{
	for (size_t i = b; i < e;) {
		size_t w = i;
		while (w < e && t[w] != ' ')
			w++;
		size_t we = w;
		while (we > i && t[we - 1] == '.')
			we--;
		if (we >= b + 4 && (!strncmp(t + we - 4, "teen", 4) || !strncmp(t + we - 2, "ty", 2)))
			return 1;
		i = w + 1;
	}
	return 0;
}

/* "Sanders credited the win to “a closed primary ...”", "She signed an
 * agreement barring her from publishing a “diary, memoir ...”": a
 * quotation no rule attributes, inside a sentence whose subject is a name
 * or he/she/they and whose verb follows it, is the subject's words (the
 * verb is no verb of saying, or its clause is one no rule reads). The
 * span of the subject into *s0, *s1 (article offsets); 0 when the
 * sentence opens otherwise: with a quotation, a description ("The
 * council"), a phrase ("In May, ..."), or a function word. */
static int subject_speaker(const struct sentence_ctx *c, const struct qmark *m, size_t *s0, size_t *s1)
{
	/* the words are lists of words.txt, matched as a capital and then
	 * lowercase: third-pronoun, not-subject, scene-lead, scene-adverb;
	 * the verb's, lowercase: narrative-verb and be */
	const struct rules *r = c->r;
	const char *t = c->a->scan;
	size_t b = c->base + 1, open = m->open;
	while (b < open && is_space(t[b]))
		b++;
	if (b >= open || !isupper((unsigned char)t[b]))
		return 0;
	/* a phrase of time or place before the subject ("On Tuesday, Vell
	 * went further, ..."): skipped to its comma */
	size_t lw = b;
	while (lw < open && ((t[lw] >= 'a' && t[lw] <= 'z') || (t[lw] >= 'A' && t[lw] <= 'Z')))
		lw++;
	/* a scene-lead word and its space, or a scene-adverb opening the
	 * letters, with something after it */
	size_t ll = 0;
	if (lw + 1 < open && t[lw] == ' ' && rules_capital_in_list(r, t, b, lw, WL_SCENE_LEAD))
		ll = lw + 1 - b;
	for (size_t l = 1; !ll && b + l <= lw && b + l < open; l++)
		if (rules_capital_in_list(r, t, b, b + l, WL_SCENE_ADVERB))
			ll = l;
	if (ll) {
		size_t x = b + ll;
		while (x < open && x - b < 80 && t[x] != ',' && t[x] != '"' && (unsigned char)t[x] != 0xe2 &&
		       t[x] != '\'')
			x++;
		if (x >= open || t[x] != ',')
			return 0;
		x++;
		while (x < open && is_space(t[x]))
			x++;
		b = x;
	}
	if (b >= open || !isupper((unsigned char)t[b]))
		return 0;
	size_t e = b;
	int pron = 0;
	size_t pw = b;
	while (pw < open && ((t[pw] >= 'a' && t[pw] <= 'z') || (t[pw] >= 'A' && t[pw] <= 'Z')))
		pw++;
	if (pw < open && t[pw] == ' ' && rules_capital_in_list(r, t, b, pw, WL_THIRD_PRONOUN)) {
		e = pw;
		pron = 1;
	}
	if (!pron) {
		size_t w = b;
		while (w < open && t[w] != ' ' && t[w] != ',')
			w++;
		if (rules_capital_in_list(r, t, b, w, WL_NOT_SUBJECT))
			return 0;
		/* capitalized words of letters ("Ada Vell", "Mr. Vell", "A.
		 * Vell"); a number word ("Thirteen years later") is no name */
		e = name_run(t, b, open);
		if (number_word_in(t, b, e))
			return 0;
	}
	if (e == b || e + 1 >= open || t[e] != ' ')
		return 0;
	/* the verb: a lowercase word ending in -ed or -s, or an auxiliary,
	 * after at most one adverb */
	size_t v = e + 1;
	for (int tries = 0; tries < 2; tries++) {
		size_t w = v;
		while (w < open && t[w] >= 'a' && t[w] <= 'z')
			w++;
		if (w == v || w >= open || !(t[w] == ' ' || t[w] == ','))
			return 0;
		size_t l = w - v;
		lex_lists vl = rules_word_lists(r, t + v, l);
		if (vl & WL_NARRATIVE_VERB) {
			/* not a passive: "Dahl was asked by Vell, “...”" is
			 * Vell's question */
			if (vl & WL_BE) {
				size_t x = w + 1, y = x;
				while (y < open && t[y] >= 'a' && t[y] <= 'z')
					y++;
				if (y - x > 3 && t[y - 2] == 'e' && t[y - 1] == 'd')
					return 0;
			}
			goto verb;
		}
		if ((l > 3 && t[w - 2] == 'e' && t[w - 1] == 'd') || (l > 3 && t[w - 1] == 's' && t[w - 2] != 's'))
			goto verb;
		if (tries == 0 && ((l > 3 && t[w - 2] == 'l' && t[w - 1] == 'y') || (l == 4 && !strncmp(t + v, "also", 4)) ||
				   (l == 4 && !strncmp(t + v, "then", 4)) || (l == 5 && !strncmp(t + v, "later", 5))) && t[w] == ' ') {
			v = w + 1;
			continue;
		}
		return 0;
	}
	return 0;
verb:
	/* a label before a dash or a colon ("Harbor news - Vell: “...”") is
	 * a heading, not a clause with a subject */
	for (size_t x = e; x + 4 < open; x++)
		if (t[x] == ' ' && ((t[x + 1] == '-' && (t[x + 2] == ' ' || t[x + 2] == '-')) ||
				    !memcmp(t + x + 1, "\xe2\x80\x93 ", 4) || !memcmp(t + x + 1, "\xe2\x80\x94 ", 4)))
			return 0;
	/* another attribution in the sentence before the quotation names its
	 * own speaker: only the same subject */
	for (int k = 0; k < c->nat; k++) {
		const struct attribution *at = &c->at[k];
		if (at->s0 != NO_SPAN && at->s0 + c->base != b)
			return 0;
	}
	*s0 = b;
	*s1 = e;
	return 1;
}


/* '“The levy will fall.”' closing its paragraph, and the next paragraph
 * is '- Ada Vell.' (or '— Ada Vell, mayor'): the dash line under a
 * quotation names who said it, as under an epigraph or in a
 * fact-checker's list of claims. The span of the name into *s0, *s1. */
static int dash_byline(const struct sentence_ctx *c, const struct qmark *m, size_t *s0, size_t *s1)
{
	const struct segmentation *sg = c->seg;
	unsigned pi = c->st->para;
	if (pi + 1 >= sg->nparas)
		return 0;
	const char *t = c->a->scan;
	const struct paragraph *p = &sg->paras[pi], *n = &sg->paras[pi + 1];
	for (size_t i = p->start; i < m->open; i++)
		if (isalnum((unsigned char)t[i]))
			return 0;
	for (size_t i = m->close; i < p->end; i++)
		if (isalnum((unsigned char)t[i]))
			return 0;
	size_t i = n->start, end = n->end;
	while (end > i && is_space(t[end - 1]))
		end--;
	if (end - i > 120)
		return 0;
	if (i < end && t[i] == '-') {
		i++;
		if (i < end && t[i] == '-')
			i++;
	} else if (i + 3 <= end && (!memcmp(t + i, "\xe2\x80\x94", 3) || !memcmp(t + i, "\xe2\x80\x93", 3))) {
		i += 3;
	} else {
		return 0;
	}
	while (i < end && t[i] == ' ')
		i++;
	size_t b = i, e = name_run(t, i, end);
	/* the name ends the line, or a comma opens its description */
	if (e == b || !(e == end || (e + 1 == end && t[e] == '.') || t[e] == ','))
		return 0;
	*s0 = b;
	*s1 = e;
	return 1;
}

/* "But, said Vell, “...”", "Said Ada Vell, the mayor, “...”", "as Vell
 * put it, “...”": a verb of saying before its speaker, then a comma and
 * the quotation. The speaker's span into *s0, *s1 and the cue's
 * occurrence into *cue (an index into occ[], -1 for "put it"). */
static int cue_name_comma(const struct sentence_ctx *c, const struct qmark *m, size_t *s0, size_t *s1, int *cue)
{
	const char *t = c->a->scan;
	size_t x = m->open, lo = c->base + 1;
	while (x > lo && is_space(t[x - 1]))
		x--;
	if (x <= lo || t[x - 1] != ',')
		return 0;
	x--;   /* the comma */
	/* "as Vell put it," */
	if (x >= lo + 7 && !memcmp(t + x - 7, " put it", 7)) {
		size_t ne = x - 7;
		for (size_t b = ne; b > lo && ne - b < 60; b--) {
			if (b >= lo + 3 && (!memcmp(t + b - 3, "as ", 3) || !memcmp(t + b - 3, "As ", 3)) &&
			    (b == lo + 3 || t[b - 4] == ' ' || t[b - 4] == ',') && name_run(t, b, ne) == ne && ne > b) {
				*s0 = b;
				*s1 = ne;
				*cue = -1;
				return 1;
			}
		}
		return 0;
	}
	for (int k = 0; k < c->nocc; k++) {
		enum cue_frame f = c->r->cues[c->occ[k].cue].frame;
		if (f == CUE_OBJECT || f == CUE_SOURCE)
			continue;
		size_t b = c->base + c->occ[k].e;
		if (b + 1 >= x || t[b] != ' ')
			continue;
		b++;
		size_t e = name_run(t, b, x);
		if (e == b)
			continue;
		/* the name, or the name and its apposition between commas */
		size_t y = e;
		if (y < x && t[y] == ',') {
			for (y++; y < x; y++)
				if (t[y] == '"' || (unsigned char)t[y] == 0xe2 || t[y] == ',' || y - e > 120)
					break;
		}
		if (y != x)
			continue;
		/* a cue that opens the sentence or follows a comma or "But" */
		size_t a = c->base + c->occ[k].s;
		while (a > lo && t[a - 1] == ' ')
			a--;
		if (!(a == lo || t[a - 1] == ',' || (a >= lo + 3 && !memcmp(t + a - 3, "But", 3))))
			continue;
		*s0 = b;
		*s1 = e;
		*cue = k;
		return 1;
	}
	return 0;
}

/* A quotation no rule claimed: split quote, continuation, carried speaker,
 * or unattributed. */
static void emit_leftovers(struct sentence_ctx *c, unsigned sent_index, int *last_quote,
			   int *pending_cont)
{
	size_t clause_end = 0;   /* an unattributed "that" clause runs to here */
	for (unsigned k = 0; k < c->st->nqmarks; k++) {
		const struct qmark *m = &c->seg->qmarks[c->st->first_qmark + k];
		if ((m->flags & QM_NESTED) || (m->flags & QM_SHORT) || qmark_in_attribution(c, m))
			continue;
		size_t o = m->open - c->base;
		int parent = -1;
		const char *rule = NULL;
		/* split quotation: "A," she said, "B." */
		for (int i = 0; i < c->nat; i++) {
			const struct attribution *at = &c->at[i];
			size_t tail = at->s1 != NO_SPAN && at->s1 > at->cue1 ? at->s1 : at->cue1;
			if (at->a1 != NO_SPAN && at->a1 > tail)
				tail = at->a1;
			if (tail != NO_SPAN && tail <= o && o - tail <= 3) {
				parent = at->quote_index;
				rule = "split-quote";
			} else if (tail != NO_SPAN && tail <= o && at->quote_index >= 0 && at->c1 <= at->cue0 &&
				   c->ql->v[at->quote_index].kind == QK_DIRECT && short_lead_in(c, tail, o)) {
				/* '“A,” he said of the plan, “B.”', '“A,” Dahl
				 * wrote last May, “B.”': a short phrase after the
				 * cue, a comma, and the quotation goes on */
				parent = at->quote_index;
				rule = "split-quote";
			}
		}
		/* '"A," Thiel wrote in a statement explaining why ..., "but B."':
		 * a quotation that opens in lowercase goes on the sentence of an
		 * attributed quotation before it */
		if (parent < 0 && starts_lowercase(c->a, m)) {
			for (int i = c->nat; i-- > 0;) {
				const struct attribution *at = &c->at[i];
				if (at->quote_index >= 0 && at->c1 <= o &&
				    c->ql->v[at->quote_index].kind == QK_DIRECT) {
					parent = at->quote_index;
					rule = "split-quote";
					break;
				}
			}
		}
		if (parent < 0 && (m->flags & QM_CONT_PREV) && *pending_cont >= 0) {
			parent = *pending_cont;
			rule = "continued-quote";
			if (!(m->flags & QM_CONT_NEXT))
				c->run_closed = 1;
		}
		/* words after the quotation in its sentence ("...," Bennett shot
		 * back) attribute it in a way no rule read: carrying the last
		 * speaker to it would name the wrong person */
		if (parent < 0 && *last_quote >= 0 && !words_after_quote(c, m)) {
			const struct quote *lq = &c->ql->v[*last_quote];
			/* a quotation with no cue right after another quotation */
			if (c->st->para - lq->para <= 1 && o <= 2 &&
			    (lq->kind != QK_INDIRECT || closes_paragraph_before(c->a, lq, m->open))) {
				parent = *last_quote;
				rule = "carry-quote";
			} else if (c->st->para == lq->para && o <= 2) {
				parent = *last_quote;
				rule = "carry-quote";
			}
		}
		if ((!rule || !strcmp(rule, "carry-quote")) && heading_quote(c, m))
			continue;   /* a heading of a few quoted words */
		if (!rule && !(m->flags & QM_CONT_NEXT) && o > 2 && m->words < 5 &&
		    (m->close - m->open) * 10 < (c->len) * 6)
			continue;   /* a short quoted phrase inside a sentence nobody says */
		if (!rule && m->open < clause_end)
			continue;   /* inside the "that" clause of an earlier one */
		if (!rule && byline_after(c, m))
			continue;   /* a title and its author */
		size_t ts = 0, te = 0;
		int in_clause = !rule && o > 2 && that_clause(c, m, &ts, &te);
		struct quote *q = new_quote(c->ql);
		int qi = (int)c->ql->n - 1;
		q->kind = QK_DIRECT;
		direct_content(c->a, m, &q->start, &q->end);
		if (in_clause) {
			q->kind = QK_MIXED;
			q->start = ts;
			q->end = te > q->end ? te : q->end;
			clause_end = q->end;
		}
		q->rule = rule ? rule : "unattributed";
		q->inherit = parent >= 0 ? speaker_root(c->ql, parent) : -1;
		if (q->inherit >= 0 && !strcmp(q->rule, "carry-quote") &&
		    asked_subject(c->a, &c->ql->v[q->inherit], &q->spk_start, &q->spk_end))
			q->inherit = -1;
		int ck = -1;
		if (!rule && o > 2 && cue_name_comma(c, m, &q->spk_start, &q->spk_end, &ck)) {
			q->rule = "cue-name-quote";
			if (ck >= 0) {
				q->cue = c->occ[ck].cue;
				q->cue_start = c->base + c->occ[ck].s;
				q->cue_end = c->base + c->occ[ck].e;
				q->stance = c->r->cues[q->cue].stance;
			}
		} else if (!rule && o > 2 && subject_speaker(c, m, &q->spk_start, &q->spk_end))
			q->rule = "sentence-subject";
		else if (!rule && o <= 2 && dash_byline(c, m, &q->spk_start, &q->spk_end))
			q->rule = "dash-byline";
		if (parent >= 0) {
			const struct quote *pq = &c->ql->v[parent];
			q->stance = pq->stance;
			/* the second half of a split quotation and the next paragraph
			 * of a long one are the same act of speech: same cue. A quote
			 * carried to a later sentence has no cue of its own. */
			if (strcmp(rule, "carry-quote") != 0 && pq->cue >= 0) {
				q->cue = pq->cue;
				q->cue_start = pq->cue_start;
				q->cue_end = pq->cue_end;
			}
		}
		q->sent = sent_index;
		q->para = c->st->para;
		q->unclosed = !!(m->flags & QM_UNCLOSED);
		if (m->flags & QM_CONT_NEXT) {
			/* the speaker may come later, in the paragraph that goes on */
			*pending_cont = qi;
			if (parent < 0)
				q->rule = "continued-quote";
		}
		*last_quote = qi;
	}
}

static int quote_cmp(const void *x, const void *y)
{
	const struct quote *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

void quotes_find(struct quote_list *ql, struct article *a, const struct segmentation *seg,
		 const struct rules *r, struct quote_scratch *qs)
{
	ql->n = 0;
	int last_quote = -1, pending_cont = -1;
	struct sentence_ctx c;
	memset(&c, 0, sizeof(c));
	c.a = a;
	c.seg = seg;
	c.r = r;
	c.qs = qs;
	c.ql = ql;
	bind_rules_scratch(qs, r);
	if (qs->nheld < r->nneed_texts + 1) {
		qs->nheld = r->nneed_texts + 1;
		qs->held = xrealloc(qs->held, qs->nheld);
	}
	for (size_t si = 0; si < seg->nsents; si++) {
		c.st = &seg->sents[si];
		c.nat = 0;
		if (c.st->start < c.skip_until)
			continue;
		mask_sentence(&c);
		int any_full = 0;
		for (unsigned k = 0; k < c.st->nqmarks; k++) {
			const struct qmark *m = &seg->qmarks[c.st->first_qmark + k];
			if (!(m->flags & (QM_NESTED | QM_SHORT)))
				any_full = 1;
		}
		c.has_tokens = 0;
		c.have_pairs = 0;
		memset(qs->held, -1, r->nneed_texts);
		for (unsigned k = 0; k < c.st->nqmarks; k++)
			if (!(seg->qmarks[c.st->first_qmark + k].flags & QM_NESTED))
				c.has_tokens = 1;
		if (find_cues(&c)) {
			double t0 = qs->slow_log ? now_seconds() : 0;
			run_rules(&c);
			if (qs->slow_log) {
				double dt = now_seconds() - t0;
				if (dt > 0.0005)
					fprintf(stderr, "slow: %.2f ms %s: %.*s\n", dt * 1e3, a->doc,
						(int)(c.len > 200 ? 200 : c.len - 1), c.m + 1);
			}
		}
		size_t before = ql->n;
		c.block_cont = -1;
		c.run_closed = 0;
		emit_attributions(&c, (unsigned)si);
		if (c.block_cont >= 0)
			pending_cont = c.block_cont;
		if (ql->n > before) {
			last_quote = (int)ql->n - 1;
			/* "“A,” Dahl said, asked about the levy. “B.”": the question
			 * put to the speaker names nobody; the next quotation goes on
			 * the speaker's own quote in the sentence, not on it */
			for (size_t k = ql->n; k-- > before + 1;) {
				const struct quote *lk = &ql->v[k];
				if (lk->kind != QK_INDIRECT || lk->spk_start != NO_SPAN || lk->inherit >= 0)
					break;
				const struct quote *pk = &ql->v[k - 1];
				if (pk->spk_start != NO_SPAN || pk->inherit >= 0) {
					last_quote = (int)k - 1;
					break;
				}
			}
			/* '“A,” he said of the chief's plan to close the port. “B.”':
			 * the chief's plan is what the speaker talked about; the next
			 * quotation goes on the sentence's quotation, not on it */
			if (!strcmp(ql->v[last_quote].rule, "possessive-noun-content"))
				for (size_t k = ql->n - 1; k-- > before;)
					if (ql->v[k].kind == QK_DIRECT) {
						last_quote = (int)k;
						break;
					}
		}
		if (any_full)
			emit_leftovers(&c, (unsigned)si, &last_quote, &pending_cont);
		/* a continued quotation takes the speaker of the paragraph it
		 * runs into, once that paragraph names one */
		if (pending_cont >= 0 && ql->n > before) {
			for (size_t k = before; k < ql->n; k++) {
				if (ql->v[k].spk_start != NO_SPAN && (int)k != pending_cont) {
					int root = pending_cont;
					for (int g = 0; g < 64 && root >= 0; g++) {
						struct quote *p = &ql->v[root];
						int next = p->inherit;
						/* named, or already given an earlier quote's speaker;
						 * a speaker only carried over from the quotation
						 * before gives way to the one named where it ends */
						if (p->spk_start != NO_SPAN ||
						    (p->inherit >= 0 && p->inherit < root && strcmp(p->rule, "carry-quote") != 0))
							break;
						p->inherit = (int)k;
						if (!strcmp(p->rule, "continued-quote") || !strcmp(p->rule, "unattributed") ||
						    !strcmp(p->rule, "carry-quote"))
							p->rule = "continued-quote";
						if (p->cue < 0 && ql->v[k].cue >= 0) {
							p->cue = ql->v[k].cue;
							p->cue_start = ql->v[k].cue_start;
							p->cue_end = ql->v[k].cue_end;
							p->stance = ql->v[k].stance;
						}
						root = next;
					}
					pending_cont = -1;
					break;
				}
			}
		}
		if (si + 1 < seg->nsents && seg->sents[si + 1].para > c.st->para + 1)
			pending_cont = -1;
		/* a quotation that closed naming nobody takes no speaker from
		 * the paragraphs after it */
		if (c.run_closed)
			pending_cont = -1;
	}
	/* inherit indexes point into ql; sort would break them, and quotes are
	 * produced in sentence order already, so only fix order within a
	 * sentence by a stable pass */
	(void)quote_cmp;
}
