#include "extract.h"

#include <string.h>

void extraction_init(struct extraction *x)
{
	memset(x, 0, sizeof(*x));
	segmentation_init(&x->seg);
}

void extraction_release(struct extraction *x)
{
	segmentation_release(&x->seg);
	quote_list_release(&x->quotes);
	source_table_release(&x->sources);
}

void extraction_run(struct extraction *x, struct article *a, const struct rules *r,
		    struct quote_scratch *qs, struct diag *d)
{
	x->a = a;
	segment_article(&x->seg, a, r, d);
	quotes_find(&x->quotes, a, &x->seg, r, qs);
	/* the previous article's sources: their strings go, the array stays */
	for (size_t i = 0; i < x->sources.n; i++) {
		free(x->sources.v[i].name);
		free(x->sources.v[i].title);
		free(x->sources.v[i].affiliation);
	}
	x->sources.n = 0;
	sources_resolve(&x->sources, &x->quotes, a, &x->seg, r);
	/* a span that ends inside an HTML entity read as its character
	 * ends after the entity; one that starts in it, before */
	if (a->decoded) {
		for (size_t i = 0; i < x->quotes.n; i++) {
			struct quote *q = &x->quotes.v[i];
			q->start = article_snap(a, q->start, 0);
			q->end = article_snap(a, q->end, 1);
			if (q->cue >= 0) {
				q->cue_start = article_snap(a, q->cue_start, 0);
				q->cue_end = article_snap(a, q->cue_end, 1);
			}
			if (q->spk_start != NO_SPAN) {
				q->spk_start = article_snap(a, q->spk_start, 0);
				q->spk_end = article_snap(a, q->spk_end, 1);
			}
		}
	}
}
