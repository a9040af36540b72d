#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

struct diag diag_default;

static const char *level_name(enum diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

static void vreport(struct diag *d, enum diag_level level, const char *file,
		    unsigned line, unsigned col, const char *fmt, va_list ap)
{
	FILE *out = d->out ? d->out : stderr;
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;
	if (level != DIAG_ERROR && d->quiet_warnings)
		return;
	if (file) {
		fputs(file, out);
		if (line) {
			fprintf(out, ":%u", line);
			if (col)
				fprintf(out, ":%u", col);
		}
		fputs(": ", out);
	} else {
		fputs("whosaid: ", out);
	}
	fprintf(out, "%s: ", level_name(level));
	vfprintf(out, fmt, ap);
	fputc('\n', out);
}

void diag_report(struct diag *d, enum diag_level level, const char *file,
		 unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, level, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_report_caret(struct diag *d, enum diag_level level, const char *file,
		       unsigned line, unsigned col, const char *line_text,
		       size_t line_len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, level, file, line, col, fmt, ap);
	va_end(ap);
	if ((level != DIAG_ERROR && d->quiet_warnings) || !line_text)
		return;
	FILE *out = d->out ? d->out : stderr;
	if (line_len > 300)
		line_len = 300;
	fputs("    ", out);
	for (size_t i = 0; i < line_len; i++) {
		unsigned char c = (unsigned char)line_text[i];
		fputc(c == '\t' || c < 0x20 ? ' ' : c, out);
	}
	fputs("\n    ", out);
	for (unsigned i = 1; i < col && i < 300; i++)
		fputc(' ', out);
	fputs("^\n", out);
}

/* Eight bytes at a time (every stored quote's column is counted from the
 * start of its line, which in JSON Lines text is the whole article). */
unsigned utf8_count(const char *s, size_t n)
{
	unsigned c = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t v;
		memcpy(&v, s + i, 8);
		/* continuation bytes: 10xxxxxx */
		uint64_t cont = v & ~(v << 1) & 0x8080808080808080ull;
		c += 8 - (unsigned)__builtin_popcountll(cont);
	}
	for (; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}
