/* extract: runs the per-article pipeline (segment, quotes, attribute,
 * sources) into a struct extraction, reusing its buffers across articles.
 * The extraction borrows the article; it owns everything else. */
#ifndef WHOSAID_EXTRACT_H
#define WHOSAID_EXTRACT_H

#include "emit.h"

void extraction_init(struct extraction *x);
void extraction_release(struct extraction *x);
/* Warnings (unclosed quotation marks) go to d when d is not NULL. */
void extraction_run(struct extraction *x, struct article *a, const struct rules *r,
		    struct quote_scratch *qs, struct diag *d);

#endif
