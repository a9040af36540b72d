/* diag: the one diagnostic sink. Library code reports here and returns an
 * error; only main() turns the counts into an exit status.
 *
 * Messages are lowercase with the subject in quotes, printed as
 * "file:line:col: severity: message" (line/col omitted when 0). */
#ifndef WHOSAID_DIAG_H
#define WHOSAID_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_NOTE, DIAG_WARNING, DIAG_ERROR };

struct diag {
	FILE *out;           /* where messages go; stderr by default */
	unsigned errors;
	unsigned warnings;
	int quiet_warnings;  /* count warnings but do not print them */
};

extern struct diag diag_default;

void diag_report(struct diag *d, enum diag_level level, const char *file,
		 unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* As diag_report, then prints the source line [line_start, line_end) and a
 * caret under column col (jq style). */
void diag_report_caret(struct diag *d, enum diag_level level, const char *file,
		       unsigned line, unsigned col, const char *line_text,
		       size_t line_len, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

/* Code points in [s, s+n): how a byte offset becomes a column. */
unsigned utf8_count(const char *s, size_t n);

#endif
