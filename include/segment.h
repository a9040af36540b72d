/* segment: paragraphs, quotation-mark spans and sentences of one article.
 *
 * Everything is a span into article.raw/scan; nothing is copied. The
 * struct segmentation owns its arrays; release with segmentation_release().
 * Quotation marks are part of segmentation because a sentence can end
 * inside a closing mark and must never end inside a quotation. */
#ifndef WHOSAID_SEGMENT_H
#define WHOSAID_SEGMENT_H

#include <stddef.h>

#include "read.h"
#include "rules.h"

struct paragraph {
	size_t start, end;
	unsigned first_sentence, nsentences;
};

enum qmark_flags {
	QM_UNCLOSED = 1,    /* opened and never closed: recovered, warn */
	QM_CONT_NEXT = 2,   /* runs on into the next paragraph */
	QM_CONT_PREV = 4,   /* continues a quotation of the previous paragraph */
	QM_SHORT = 8,       /* reads like a title, a name or a scare quote */
	QM_NESTED = 16,     /* inside another quotation */
	QM_SINGLE = 32      /* delimited by single quotation marks */
};

struct qmark {
	size_t open, close;     /* [open, close): marks included */
	size_t cstart, cend;    /* content, marks excluded */
	unsigned para;
	unsigned flags;
	unsigned words;
};

struct sentence {
	size_t start, end;
	unsigned para;
	unsigned first_qmark, nqmarks; /* quotations inside it, nested ones included
					  (callers skip QM_NESTED) */
};

struct segmentation {
	struct paragraph *paras;
	size_t nparas, paras_alloc;
	struct qmark *qmarks;          /* top-level and nested, in text order */
	size_t nqmarks, qmarks_alloc;
	struct sentence *sents;
	size_t nsents, sents_alloc;
};

#define MAX_SENTENCE_BYTES 3000

/* Offset of the terminator that ends the first sentence in [from, to) of a
 * paragraph starting at start, or to when none does (abbreviations and
 * initials do not end sentences). */
size_t sentence_end_from(const char *scan, size_t start, size_t from, size_t to,
			 const struct rules *r);

void segmentation_init(struct segmentation *s);
void segmentation_release(struct segmentation *s);
/* Segments a into s (cleared first). Unclosed quotations are reported as
 * warnings through d (unless d is NULL). */
void segment_article(struct segmentation *s, struct article *a, const struct rules *r,
		     struct diag *d);

#endif
