/* emit: writes extraction results, as JSON Lines (the contract in
 * DESIGN.md) or as text for people. Writes into a caller's strbuf so a
 * caller can batch output; nothing returned is owned by the caller. */
#ifndef WHOSAID_EMIT_H
#define WHOSAID_EMIT_H

#include "sources.h"
#include "strbuf.h"

struct extraction {
	struct article *a;
	struct segmentation seg;
	struct quote_list quotes;
	struct source_table sources;
};

void emit_article_json(strbuf *out, struct article *a);
void emit_quotes_json(strbuf *out, struct extraction *x, const struct rules *r);
void emit_quotes_text(strbuf *out, struct extraction *x, const struct rules *r);

/* Quote indexes in text order (the list is built sentence by sentence);
 * caller frees. */
size_t *quote_order(const struct quote_list *ql);

/* The mention span a quote's speaker is named by (its own, or the one it
 * inherits); returns 0 when it has none. */
int quote_mention(const struct quote_list *ql, size_t i, size_t *s, size_t *e);

#endif
