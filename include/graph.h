/* graph: the source graph (the "outputs" stage): who said what, who
 * reported it, who belongs to whom and which claims conflict, built with
 * libcgraph from the store and written as DOT (cgraph's writer) or laid
 * out by libgvc's dot layout and rendered as SVG.
 *
 * Nodes: sources (shape and colour by kind, labelled with name and
 * title), claim clusters (boxes with the representative wording, wrapped
 * and cut), articles (outlet, title, date) and a legend. Edges: source to
 * claim (the cue, coloured by stance), claim to article ("reported in"),
 * person to organization (member of: drawn from the organization with
 * the arrow back at it, so organizations sit left of their members),
 * claim to claim (conflict, red, both directions: two claim clusters
 * with quotes on opposite sides of one proposition of the conflicts
 * stage, read from the propositions table). Node names are s<source id>, c<claim cluster id>,
 * a<article id> and "legend"; nodes and edges are created in id order, so
 * one store always gives the same DOT.
 *
 * Views choose the claims shown: the whole store, or the neighbourhood of
 * an article, a source or a claim (depth 1: its claims with their sources
 * and articles; each further step adds the claims of those sources and
 * articles; a claim brings the claims it conflicts with), optionally
 * only the claims of the top N sources by quote count and only claims reported by at least N articles. A view larger
 * than the budget (max_claims, max_articles, max_sources) is pruned,
 * keeping the claims closest to the seed, then each source's claims in
 * turn, most reported first; what was left out is counted in the
 * summary and in the labels of the nodes that lost neighbours.
 *
 * Every text from an article goes through graph_escape_html() (labels)
 * or graph_escape_text() (tooltips, URLs): no article can inject DOT
 * syntax or SVG markup.
 *
 * Ownership: graph_build() returns a cgraph graph the caller closes with
 * agclose(); everything in it is cgraph's. */
#ifndef WHOSAID_GRAPH_H
#define WHOSAID_GRAPH_H

#include <graphviz/cgraph.h>
#include <stdio.h>

#include "diag.h"
#include "store.h"
#include "strbuf.h"

#define GRAPH_DEFAULT_MAX_CLAIMS 100
#define GRAPH_DEFAULT_MAX_ARTICLES 40
#define GRAPH_DEFAULT_MAX_SOURCES 60

struct graph_view {
	const char *doc;       /* article doc id, or NULL */
	const char *source;    /* source id or name (SQL LIKE, any case), or NULL */
	long long claim;       /* a claim id (any claim of a cluster), or 0 */
	int depth;             /* neighbourhood depth, >= 1 */
	int top;               /* only the claims of the top N sources; 0: all */
	int min_articles;      /* only claims reported by >= N articles */
	int max_claims, max_articles, max_sources;  /* the budget */
};

/* Fills v with the defaults: the whole store, depth 1, the default budget. */
void graph_view_init(struct graph_view *v);

struct graph_summary {
	/* in the view (after the filters) and shown (after the budget) */
	size_t view_claims, view_sources, view_articles;
	size_t claims, sources, articles;
	size_t conflicts;     /* conflict edges drawn */
	int seed_found;       /* the --doc/--source/--claim matched something */
};

/* Reads the store (call xref_refresh() first) and builds the graph of the
 * view. Returns NULL after reporting through d. */
Agraph_t *graph_build(struct store *s, const struct graph_view *v, struct graph_summary *sum,
		      struct diag *d);

enum graph_format { GRAPH_DOT, GRAPH_SVG };

/* Writes g to out: DOT through agwrite(), or SVG laid out with the dot
 * layout through the layout and core plugins linked into the binary (no
 * plugin configuration file needed). Returns 0, or -1 after reporting
 * (Graphviz's own errors included). */
int graph_write(Agraph_t *g, enum graph_format f, FILE *out, struct diag *d);

/* Appends [s, s+len) for an HTML-like label: invalid UTF-8 becomes U+FFFD,
 * control characters and line breaks become spaces (runs of them one),
 * & < > " ' become entities and a backslash is doubled (Graphviz reads
 * \N, \G... in HTML labels too). At most max code points are kept (then
 * "…"); (size_t)-1: all. */
void graph_escape_html(strbuf *out, const char *s, size_t len, size_t max);
/* Appends [s, s+len) wrapped at width code points per line into at most
 * lines lines (the last cut with "…"), escaped as graph_escape_html()
 * does, lines separated by <BR/>. Returns the longest line's code points. */
size_t graph_wrap_html(strbuf *out, const char *s, size_t len, size_t width, size_t lines);
/* Appends [s, s+len) for a plain Graphviz string: a tooltip (url = 0) or
 * a URL (url = 1). Invalid UTF-8 becomes U+FFFD, control characters
 * spaces, & becomes &amp; (Graphviz passes entities through to SVG), and
 * each backslash is written so that Graphviz's escapes (\N, \G, \n...)
 * stay text: four of them in a tooltip (Graphviz 2.42 unescapes tooltips
 * twice), two in a URL. The caller makes sure a value never ends with a
 * backslash (cgraph's writer would escape the closing quote). */
void graph_escape_text(strbuf *out, const char *s, size_t len, int url);

/* Conflict edges (claim to claim, red, both directions) between the
 * claims shown; see graph.c. Returns the number of edges added. */
size_t graph_add_conflict_edges(Agraph_t *g, struct store *s, struct diag *d);

#endif
