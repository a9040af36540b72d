#include "emit.h"

#include <stdlib.h>
#include <string.h>

/* a string literal, its length known when compiled (no strlen a key) */
#define add_lit(out, lit) strbuf_add((out), "" lit, sizeof(lit) - 1)

/* key is ',"name":', written out by the caller (no printf on the hot
 * path: extraction prints several numbers and keys a quote) */
static void add_key_str_n(strbuf *out, const char *key, size_t klen, const char *val)
{
	strbuf_add(out, key, klen);
	strbuf_add_json_str(out, val);
}

/* ,"key":n */
static void add_key_uint_n(strbuf *out, const char *key, size_t klen, size_t n)
{
	strbuf_add(out, key, klen);
	strbuf_add_uint(out, n);
}

#define add_key_str(out, key, val) add_key_str_n((out), "" key, sizeof(key) - 1, (val))
#define add_key_uint(out, key, n) add_key_uint_n((out), "" key, sizeof(key) - 1, (n))

void emit_article_json(strbuf *out, struct article *a)
{
	add_lit(out, "{\"type\":\"article\",\"doc\":");
	strbuf_add_json_str(out, a->doc);
	add_key_str(out, ",\"title\":", a->title);
	add_key_str(out, ",\"outlet\":", a->outlet);
	add_key_str(out, ",\"date\":", a->date);
	add_key_str(out, ",\"url\":", a->url);
	add_key_str(out, ",\"author\":", a->author);
	add_key_str(out, ",\"file\":", a->path);
	add_key_uint(out, ",\"bytes\":", a->len);
	add_lit(out, "}\n");
}

struct order_key {
	size_t start, index;
};

static int cmp_order(const void *x, const void *y)
{
	const struct order_key *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

/* Sorts (start, index) pairs, so no state is shared between threads. */
size_t *quote_order(const struct quote_list *ql)
{
	struct order_key *keys = xmalloc((ql->n + 1) * sizeof(*keys));
	for (size_t i = 0; i < ql->n; i++)
		keys[i] = (struct order_key){ ql->v[i].start, i };
	qsort(keys, ql->n, sizeof(*keys), cmp_order);
	size_t *ord = xmalloc((ql->n + 1) * sizeof(size_t));
	for (size_t i = 0; i < ql->n; i++)
		ord[i] = keys[i].index;
	free(keys);
	return ord;
}

int quote_mention(const struct quote_list *ql, size_t i, size_t *s, size_t *e)
{
	int k = (int)i;
	for (int guard = 0; k >= 0 && guard < 64; guard++) {
		const struct quote *q = &ql->v[k];
		if (q->spk_start != NO_SPAN) {
			*s = q->spk_start;
			*e = q->spk_end;
			return 1;
		}
		k = q->inherit;
	}
	return 0;
}

/* "Lund, who said ...": the mention as written is "who", as it is "he" in
 * "he said"; the name stays the one it stands for. */
static void relative_mention(const struct quote_list *ql, size_t i, size_t *s, size_t *e)
{
	int k = (int)i;
	for (int guard = 0; k >= 0 && guard < 64; guard++) {
		const struct quote *q = &ql->v[k];
		if (q->spk_start != NO_SPAN) {
			if (q->rel_end > q->rel_start) {
				*s = q->rel_start;
				*e = q->rel_end;
			}
			return;
		}
		k = q->inherit;
	}
}

/* Appends raw[start, end) with add() as a reader sees it: the decoded
 * words (article_words()) when the article has HTML or joined lines. */
static void add_words(strbuf *out, const struct article *a, size_t start, size_t end,
		      void (*add)(strbuf *, const char *, size_t))
{
	if (a->decoded) {
		strbuf words = STRBUF_INIT;
		article_words(a, start, end, &words);
		add(out, words.buf, words.len);
		strbuf_release(&words);
	} else {
		add(out, a->raw + start, end - start);
	}
}

void emit_quotes_json(strbuf *out, struct extraction *x, const struct rules *r)
{
	struct article *a = x->a;
	size_t *ord = quote_order(&x->quotes);
	for (size_t n = 0; n < x->quotes.n; n++) {
		size_t i = ord[n];
		const struct quote *q = &x->quotes.v[i];
		unsigned line, col;
		article_linecol(a, q->start, &line, &col);
		add_lit(out, "{\"type\":\"quote\",\"doc\":");
		strbuf_add_json_str(out, a->doc);
		add_lit(out, ",\"id\":\"");
		strbuf_add_json(out, a->doc, strlen(a->doc));
		add_lit(out, "#q");
		strbuf_add_uint(out, n + 1);
		add_key_uint(out, "\",\"start\":", q->start);
		add_key_uint(out, ",\"end\":", q->end);
		add_key_uint(out, ",\"line\":", line);
		add_key_uint(out, ",\"col\":", col);
		add_lit(out, ",\"text\":\"");
		add_words(out, a, q->start, q->end, strbuf_add_json);
		add_lit(out, "\",\"kind\":\"");
		strbuf_addstr(out, quote_kind_name(q->kind));
		add_lit(out, "\",\"cue\":");
		if (q->cue >= 0) {
			add_lit(out, "{\"text\":\"");
			add_words(out, a, q->cue_start, q->cue_end, strbuf_add_json);
			add_lit(out, "\",\"lemma\":");
			strbuf_add_json_str(out, r->cues[q->cue].lemma);
			add_key_uint(out, ",\"start\":", q->cue_start);
			add_key_uint(out, ",\"end\":", q->cue_end);
			strbuf_addch(out, '}');
		} else {
			add_lit(out, "null");
		}
		add_lit(out, ",\"speaker\":");
		size_t ms, me;
		if (q->source >= 0 && quote_mention(&x->quotes, i, &ms, &me)) {
			const struct source *src = &x->sources.v[q->source];
			relative_mention(&x->quotes, i, &ms, &me);
			add_lit(out, "{\"name\":");
			strbuf_add_json_str(out, src->name);
			add_lit(out, ",\"mention\":\"");
			add_words(out, a, ms, me, strbuf_add_json);
			add_lit(out, "\",\"kind\":\"");
			strbuf_addstr(out, source_kind_name(src->kind));
			add_lit(out, "\",\"title\":");
			strbuf_add_json_str(out, src->title);
			/* (a field beyond the contract, only when the text says) */
			if (src->affiliation) {
				add_lit(out, ",\"affiliation\":");
				strbuf_add_json_str(out, src->affiliation);
			}
			add_key_uint(out, ",\"start\":", ms);
			add_key_uint(out, ",\"end\":", me);
			strbuf_addch(out, '}');
		} else {
			add_lit(out, "null");
		}
		add_lit(out, ",\"stance\":\"");
		strbuf_addstr(out, stance_name(q->stance));
		add_lit(out, "\",\"rule\":");
		strbuf_add_json_str(out, q->rule);
		if (q->unclosed)
			add_lit(out, ",\"unclosed\":true");
		add_lit(out, "}\n");
	}
	free(ord);
}

static void add_oneline(strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strbuf_addch(out, s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
}

/* Is quote nq, right after the question q in its paragraph, the answer
 * of a named speaker? */
static int answered_by(const struct extraction *x, const struct quote *q, const struct quote *nq)
{
	if (nq->source < 0 || nq->start < q->end || nq->start - q->end > 200)
		return 0;
	const char *t = x->a->raw + q->end;
	size_t n = nq->start - q->end;
	for (size_t i = 0; i + 1 < n; i++)
		if (t[i] == '\n' && (t[i + 1] == '\n' || t[i + 1] == '\r'))
			return 0;
	return 1;
}

void emit_quotes_text(strbuf *out, struct extraction *x, const struct rules *r)
{
	struct article *a = x->a;
	size_t *ord = quote_order(&x->quotes);
	for (size_t n = 0; n < x->quotes.n; n++) {
		const struct quote *q = &x->quotes.v[ord[n]];
		unsigned line, col;
		article_linecol(a, q->start, &line, &col);
		if (a->format == FORMAT_JSONL)
			strbuf_addf(out, "%s:%s:%u:%u: ", a->path, a->doc, line, col);
		else
			strbuf_addf(out, "%s:%u:%u: ", a->path, line, col);
		if (q->source >= 0) {
			const struct source *src = &x->sources.v[q->source];
			strbuf_addstr(out, src->name);
			if (src->title && src->affiliation)
				strbuf_addf(out, " (%s, %s)", src->title, src->affiliation);
			else if (src->title || src->affiliation)
				strbuf_addf(out, " (%s)", src->title ? src->title : src->affiliation);
			if (src->kind != SK_PERSON)
				strbuf_addf(out, " <%s>", source_kind_name(src->kind));
		} else if (q->cue >= 0 && !strcmp(r->cues[q->cue].lemma, "ask") && n + 1 < x->quotes.n &&
			   answered_by(x, q, &x->quotes.v[ord[n + 1]])) {
			/* "Asked about the levy, Lind said ...": nobody named asks;
			 * who was asked is what a reader wants to see */
			strbuf_addf(out, "(question to %s)", x->sources.v[x->quotes.v[ord[n + 1]].source].name);
		} else {
			add_lit(out, "(unattributed)");
		}
		if (q->cue >= 0) {
			add_lit(out, " [");
			add_words(out, a, q->cue_start, q->cue_end, add_oneline);
			strbuf_addch(out, ']');
		}
		if (q->stance != STANCE_ASSERT)
			strbuf_addf(out, " {%s}", stance_name(q->stance));
		add_lit(out, ": ");
		size_t end = q->end;
		/* "The council is expected to approve ...": the subject and
		 * the infinitive are two records of one frame around its cue;
		 * a reader wants the one clause, not a fragment "The council" */
		if (n + 1 < x->quotes.n) {
			const struct quote *nq = &x->quotes.v[ord[n + 1]];
			if (q->cue >= 0 && q->kind == QK_INDIRECT && nq->kind == QK_INDIRECT &&
			    nq->cue == q->cue && nq->cue_start == q->cue_start &&
			    nq->source == q->source && q->end <= q->cue_start && nq->start >= q->cue_end &&
			    nq->start - q->end < 80 && !memchr(a->raw + q->end, '\n', nq->start - q->end) &&
			    !memchr(a->raw + q->end, ',', nq->start - q->end)) {
				end = nq->end;
				n++;
			}
		}
		add_words(out, a, q->start, end, add_oneline);
		strbuf_addch(out, '\n');
	}
	free(ord);
}
