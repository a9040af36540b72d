#include "segment.h"

#include <ctype.h>
#include <string.h>

#include "strbuf.h"
#include "text.h"

void segmentation_init(struct segmentation *s)
{
	memset(s, 0, sizeof(*s));
}

void segmentation_release(struct segmentation *s)
{
	free(s->paras);
	free(s->qmarks);
	free(s->sents);
	segmentation_init(s);
}

/* ---- paragraphs ------------------------------------------------------- */

static int blank_range(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

static int md_block_start(const char *raw, size_t a, size_t b)
{
	while (a < b && raw[a] == ' ')
		a++;
	if (a >= b)
		return 0;
	char c = raw[a];
	if (c == '#' || c == '>' || c == '|')
		return 1;
	if ((c == '-' || c == '*' || c == '+') && a + 1 < b && raw[a + 1] == ' ')
		return 1;
	if (c >= '0' && c <= '9') {
		while (a < b && raw[a] >= '0' && raw[a] <= '9')
			a++;
		return a + 1 < b && (raw[a] == '.' || raw[a] == ')') && raw[a + 1] == ' ';
	}
	return 0;
}

/* Whether a single newline between two lines of plain text is a soft wrap
 * (the paragraph goes on) rather than a paragraph break: wrapped text has
 * long lines that stop mid-sentence, though none longer than a wrapping
 * width (a line of 200 characters without a final period is a headline or
 * a label run on, and the next line starts afresh). */
static int soft_wrap(const char *scan, size_t la, size_t lb, size_t next_a, size_t next_b)
{
	while (lb > la && scan[lb - 1] == ' ')
		lb--;
	if (lb - la < 40 || lb - la > 120 || next_a >= next_b)
		return 0;
	unsigned char last = (unsigned char)scan[lb - 1];
	if (strchr(".!?:\"'", last) || last >= 0x80)
		return 0;
	return 1;
}

/* Code points of scan[a, b) without the spaces at its ends. */
static size_t line_width(const char *scan, size_t a, size_t b)
{
	while (a < b && (scan[a] == ' ' || scan[a] == '\t'))
		a++;
	while (b > a && (scan[b - 1] == ' ' || scan[b - 1] == '\t'))
		b--;
	size_t n = b - a;
	for (size_t i = a; i < b; i++) {
		while (i + 8 <= b && !text_has_high8(text_load8(scan + i)))
			i += 8;
		if (i < b)
			n -= ((unsigned char)scan[i] & 0xc0) == 0x80;
	}
	return n;
}

/* Hard-wrapped text: lines broken at a width (72 columns, 80) inside the
 * paragraphs. It is told by its lines, none longer than a wrapping width
 * and some of them near it, and two lines in a row at least once. */
struct wrap_style {
	int wrapped;
	int blank_sep;    /* blank lines part its paragraphs */
	size_t width;     /* its longest line, in code points */
};

#define WRAP_MAX 100      /* no wrapping width is wider */

static int is_alnum_before(const char *s, size_t start, size_t i);

static void find_wrap_style(const struct article *a, struct wrap_style *w)
{
	const char *scan = a->scan;
	size_t pos = a->body_start, longish = 0, pairs = 0, blanks = 0, prev_nonblank = 0, seen = 0;
	size_t midbreaks = 0, prev_mid = 0;
	memset(w, 0, sizeof(*w));
	while (pos <= a->len) {
		const char *nl = pos < a->len ? memchr(scan + pos, '\n', a->len - pos) : NULL;
		size_t e = nl ? (size_t)(nl - scan) : a->len;
		if (e - pos > 4 * WRAP_MAX + 8)
			return;   /* (bytes: a line this long is no wrapped line) */
		/* (code points only counted where the bytes are too many) */
		size_t n = e - pos > WRAP_MAX ? line_width(scan, pos, e) : !blank_range(scan, pos, e) ? e - pos : 0;
		if (n) {
			if (n > WRAP_MAX)
				return;
			if (n > w->width)
				w->width = n;
			longish += n >= 40;
			pairs += prev_nonblank;
			midbreaks += prev_mid;
			/* (a line that stops mid-sentence: on a word or a comma) */
			size_t b = e;
			while (b > pos && (scan[b - 1] == ' ' || scan[b - 1] == '\t'))
				b--;
			prev_mid = b > pos && (scan[b - 1] == ',' || is_alnum_before(scan, pos, b));
			blanks += !prev_nonblank && seen;
			seen = 1;
		}
		prev_nonblank = n != 0;
		if (!n)
			prev_mid = 0;
		if (!nl)
			break;
		pos = e + 1;
	}
	/* (short paragraphs one a line end in a period each: a line that
	 * stops mid-sentence tells the wrapping) */
	w->wrapped = pairs >= 1 && longish >= 2 && midbreaks >= 1;
	w->blank_sep = blanks >= 1;
}

/* A line of capitals and no lowercase letter: a headline or a label. */
static int all_caps_line(const char *scan, size_t a, size_t b)
{
	unsigned upper = 0;
	for (size_t i = a; i < b; i++) {
		if (text_is_lower(scan, i, b))
			return 0;
		if (text_is_upper(scan, i, b))
			upper++;
	}
	return upper >= 2;
}

/* Three words or more in capitals and no lowercase letter. */
static int all_caps_words(const char *scan, size_t a, size_t b)
{
	unsigned words = 0;
	for (size_t i = a; i < b; i++) {
		if (text_is_lower(scan, i, b))
			return 0;
		if (text_is_upper(scan, i, b) && (i == a || scan[i - 1] == ' ') && i + 1 < b && text_is_upper(scan, i + 1, b))
			words++;
	}
	return words >= 3;
}

/* A plain-text list item: "- ", "* ", "• ", "1. ". */
static int list_item(const char *scan, size_t a, size_t b)
{
	while (a < b && scan[a] == ' ')
		a++;
	if (a + 1 < b && (scan[a] == '-' || scan[a] == '*' || scan[a] == '+') && scan[a + 1] == ' ')
		return 1;
	if (a + 3 < b && !memcmp(scan + a, "\xe2\x80\xa2", 3))
		return 1;
	size_t k = a;
	while (k < b && scan[k] >= '0' && scan[k] <= '9')
		k++;
	return k > a && k + 1 < b && (scan[k] == '.' || scan[k] == ')') && scan[k + 1] == ' ';
}

/* Does the line [next_a, next_b) go on with the paragraph of the line
 * [la, lb) in hard-wrapped text? Yes unless one of the two is a headline
 * or the next one a list item; where blank lines do not part the
 * paragraphs, only when the line before was full (its next word would
 * not have fitted). */
static int wrapped_join(const struct wrap_style *w, const char *scan, size_t la, size_t lb,
			size_t next_a, size_t next_b)
{
	if (all_caps_line(scan, la, lb) || all_caps_line(scan, next_a, next_b) ||
	    list_item(scan, next_a, next_b))
		return 0;
	if (w->blank_sep)
		return 1;
	size_t k = next_a;
	while (k < next_b && scan[k] == ' ')
		k++;
	size_t word = k;
	while (word < next_b && scan[word] != ' ')
		word++;
	return line_width(scan, la, lb) + 1 + line_width(scan, k, word) + 8 > w->width;
}

/* A line that starts with a lowercase letter goes on with the one before:
 * no paragraph of news starts so ('"We are ready,"' then 'she told
 * reporters.' on the next line). */
static int lowercase_start(const char *scan, size_t a, size_t b)
{
	while (a < b && scan[a] == ' ')
		a++;
	return a < b && scan[a] >= 'a' && scan[a] <= 'z';
}

static void add_para(struct segmentation *s, const char *scan, size_t a, size_t b)
{
	while (a < b && (scan[a] == ' ' || scan[a] == '\t' || scan[a] == '\n'))
		a++;
	while (b > a && (scan[b - 1] == ' ' || scan[b - 1] == '\t' || scan[b - 1] == '\n'))
		b--;
	if (a >= b)
		return;
	/* a headline in capitals ("PIER TO REOPEN, MAYOR SAYS") is no prose
	 * the rules can read: its names and words look alike */
	if (b - a <= 200 && all_caps_words(scan, a, b))
		return;
	ALLOC_GROW(s->paras, s->nparas + 1, s->paras_alloc);
	s->paras[s->nparas++] = (struct paragraph){ a, b, 0, 0 };
}

/* Is the line [a, b) a time stamp alone: "13:02", "9.45", "14:05 GMT"? */
static int time_line(const char *scan, size_t a, size_t b)
{
	while (a < b && scan[a] == ' ')
		a++;
	while (b > a && (scan[b - 1] == ' ' || scan[b - 1] == '\t'))
		b--;
	size_t k = a;
	while (k < b && k - a < 2 && isdigit((unsigned char)scan[k]))
		k++;
	if (k == a || k + 3 > b || (scan[k] != ':' && scan[k] != '.') || !isdigit((unsigned char)scan[k + 1]) ||
	    !isdigit((unsigned char)scan[k + 2]))
		return 0;
	k += 3;
	if (k == b)
		return 1;
	if (scan[k] != ' ' || b - k > 5)
		return 0;
	for (k++; k < b; k++)
		if (!isalpha((unsigned char)scan[k]))
			return 0;
	return 1;
}

/* Does the line [a, b) end a sentence (. ! ? or a closing quotation
 * mark after one)? */
static int sentence_end_at(const char *scan, size_t a, size_t b)
{
	while (b > a && (scan[b - 1] == ' ' || scan[b - 1] == '\t'))
		b--;
	return b > a && (scan[b - 1] == '.' || scan[b - 1] == '!' || scan[b - 1] == '?' || scan[b - 1] == '"' ||
			 (b - a >= 3 && (unsigned char)scan[b - 3] == 0xE2));
}

static void find_paragraphs(struct segmentation *s, struct article *a)
{
	char *scan = a->scan;
	const char *raw = a->raw;
	size_t pos = a->body_start, para_start = (size_t)-1, prev_a = 0, prev_b = 0;
	int prev_heading = 0;
	struct wrap_style ws = { 0, 0, 0 };
	if (a->format != FORMAT_MARKDOWN)
		find_wrap_style(a, &ws);
	while (pos <= a->len) {
		const char *nl = pos < a->len ? memchr(scan + pos, '\n', a->len - pos) : NULL;
		size_t e = nl ? (size_t)(nl - scan) : a->len;
		int blank = blank_range(scan, pos, e);
		if (blank) {
			if (para_start != (size_t)-1)
				add_para(s, scan, para_start, prev_b);
			para_start = (size_t)-1;
		} else if (para_start == (size_t)-1) {
			para_start = pos;
		} else {
			int join = a->format == FORMAT_MARKDOWN
				? !md_block_start(raw, pos, e) && !prev_heading
				: ws.wrapped ? wrapped_join(&ws, scan, prev_a, prev_b, pos, e)
				: soft_wrap(scan, prev_a, prev_b, pos, e) || lowercase_start(scan, pos, e);
			/* (a bulleted list in plain text, "- The authority says
			 * ...": each item after an item, or after a short line that
			 * ends in no period, its heading, is a line of its own) */
			int item = a->format != FORMAT_MARKDOWN && list_item(raw, pos, e) &&
				   (list_item(raw, prev_a, prev_b) ||
				    (prev_b - prev_a < 40 && !sentence_end_at(scan, prev_a, prev_b)));
			if (item) {
				join = 0;
				/* (its marker is no word of the sentence: the item reads
				 * as one, "The authority says ...") */
				size_t k = pos;
				while (k < e && scan[k] == ' ')
					k++;
				if (scan[k] == '-' || scan[k] == '*' || scan[k] == '+')
					scan[k] = ' ';
				else if (!memcmp(scan + k, "\xe2\x80\xa2", 3))
					memset(scan + k, ' ', 3);
				a->decoded = 1;
			}
			/* (a live page's time stamp on a line of its own, "13:02",
			 * is no word of the entry's first sentence) */
			if (join && a->format != FORMAT_MARKDOWN && time_line(scan, prev_a, prev_b))
				join = 0;
			if (!join) {
				add_para(s, scan, para_start, prev_b);
				para_start = pos;
			} else if (a->format != FORMAT_MARKDOWN && pos == prev_b + 1) {
				/* the line break reads as a space */
				scan[prev_b] = ' ';
				a->decoded = 1;
			}
		}
		if (!blank) {
			prev_a = pos;
			prev_b = e;
			size_t k = pos;
			while (k < e && raw[k] == ' ')
				k++;
			prev_heading = a->format == FORMAT_MARKDOWN && k < e && raw[k] == '#';
		}
		if (!nl)
			break;
		pos = e + 1;
	}
	if (para_start != (size_t)-1)
		add_para(s, scan, para_start, prev_b);
}

/* ---- quotation marks -------------------------------------------------- */

enum family { F_NONE, F_DOUBLE, F_SINGLE };
enum role { R_OPEN = 1, R_CLOSE = 2, R_EITHER = 3 };

struct mark {
	enum family fam;
	enum role role;
	unsigned len;
	unsigned kind;   /* which character, to pair „ with “ and « with » */
};

enum { K_LDQ = 1, K_RDQ, K_LOW9, K_GUIL_L, K_GUIL_R, K_STRAIGHT, K_TWO_APOS, K_BACKTICKS,
       K_LSQ, K_RSQ, K_APOS, K_LOW9_S };

static struct mark mark_at(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '"')
		return (struct mark){ F_DOUBLE, R_EITHER, 1, K_STRAIGHT };
	if (c == '\'') {
		if (i + 1 < end && s[i + 1] == '\'')
			return (struct mark){ F_DOUBLE, R_EITHER, 2, K_TWO_APOS };
		return (struct mark){ F_SINGLE, R_EITHER, 1, K_APOS };
	}
	if (c == '`' && i + 1 < end && s[i + 1] == '`')
		return (struct mark){ F_DOUBLE, R_OPEN, 2, K_BACKTICKS };
	if (c == 0xc2 && i + 1 < end) {
		if ((unsigned char)s[i + 1] == 0xab)
			return (struct mark){ F_DOUBLE, R_OPEN, 2, K_GUIL_L };
		if ((unsigned char)s[i + 1] == 0xbb)
			return (struct mark){ F_DOUBLE, R_CLOSE, 2, K_GUIL_R };
	}
	if (c == 0xe2 && i + 2 < end && (unsigned char)s[i + 1] == 0x80) {
		switch ((unsigned char)s[i + 2]) {
		case 0x9c: return (struct mark){ F_DOUBLE, R_OPEN, 3, K_LDQ };
		case 0x9d: return (struct mark){ F_DOUBLE, R_CLOSE, 3, K_RDQ };
		case 0x9e: return (struct mark){ F_DOUBLE, R_OPEN, 3, K_LOW9 };
		case 0x98: return (struct mark){ F_SINGLE, R_OPEN, 3, K_LSQ };
		case 0x99: return (struct mark){ F_SINGLE, R_EITHER, 3, K_RSQ };
		case 0x9a: return (struct mark){ F_SINGLE, R_OPEN, 3, K_LOW9_S };
		}
	}
	return (struct mark){ F_NONE, 0, 0, 0 };
}

/* Whether the character before i is a boundary an opening mark may follow. */
static int open_context(const char *s, size_t start, size_t i)
{
	if (i <= start)
		return 1;
	unsigned char p = (unsigned char)s[i - 1];
	if (p == ' ' || p == '\t' || p == '\n' || p == '(' || p == '[' || p == '{' || p == '/' ||
	    p == '-' || p == '"' || p == '\'' || p == ':' || p == ';' || p == ',')
		return 1;
	/* after a dash, an opening typographic mark or a guillemet */
	if (i - start >= 3 && (unsigned char)s[i - 3] == 0xe2 && (unsigned char)s[i - 2] == 0x80) {
		unsigned char q = (unsigned char)s[i - 1];
		return q == 0x93 || q == 0x94 || q == 0x9c || q == 0x98 || q == 0x9e;
	}
	if (i - start >= 2 && (unsigned char)s[i - 2] == 0xc2 && p == 0xab)
		return 1;
	return 0;
}

static int is_alnum_at(const char *s, size_t i, size_t end)
{
	if (i >= end)
		return 0;
	return text_is_word_char(s, i, end);
}

static int is_alnum_before(const char *s, size_t start, size_t i)
{
	if (i <= start)
		return 0;
	size_t k = i - 1;
	while (k > start && ((unsigned char)s[k] & 0xc0) == 0x80)
		k--;
	return text_is_word_char(s, k, i);
}

/* 'em, 'til, '90s: an apostrophe that opens a word is not a quotation
 * mark. The words are the list "elision" of rules/words.txt, written in
 * lowercase as there. */
static int elision(const char *s, size_t i, size_t end, const struct rules *r)
{
	if (i < end && s[i] >= '0' && s[i] <= '9')
		return 1;
	size_t e = i;
	while (e < end && s[e] >= 'a' && s[e] <= 'z')
		e++;
	if (e == i || is_alnum_at(s, e, end))
		return 0;
	lex_lists k = rules_word_lists(r, s + i, e - i);
	return (k & WL_ELISION) != 0;
}

/* Single-quote closer: not between two letters (doesn't, Kerry's). */
static int single_can_close(const char *s, size_t start, size_t i, size_t len, size_t end)
{
	return !(is_alnum_before(s, start, i) && is_alnum_at(s, i + len, end)) &&
	       !(i > start && s[i - 1] == ' ');
}

/* "the players' union": a single mark after s or z may be the apostrophe
 * of a plural possessive, not the end of a quotation. Not when a comma,
 * period, semicolon, colon, '!' or '?' follows it ('... for 80 minutes',
 * but ...): a possessive is followed by what it owns. */
static int possessive_plural(const struct rules *r, const char *s, size_t start, size_t i, size_t len,
			     size_t end)
{
	if (i + len < end && strchr(",.;:!?", s[i + len]) && s[i + len])
		return 0;
	/* nor when a lowercase word that is no noun follows ("the anthem
	 * 'Red Lanterns' on the bus"): a preposition, an article, a
	 * conjunction (words.txt: not-owned) */
	if (i + len + 1 < end && s[i + len] == ' ') {
		size_t w = i + len + 1, e = w;
		while (e < end && s[e] >= 'a' && s[e] <= 'z')
			e++;
		if (e > w && (e == end || !is_alnum_at(s, e, end)) && (rules_word_lists(r, s + w, e - w) & WL_NOT_OWNED))
			return 0;
	}
	return i > start && (s[i - 1] == 's' || s[i - 1] == 'z');
}

/* Where the paragraph's last plausible single closing mark starts, or
 * (size_t)-1: found once per paragraph, so that asking "is there a
 * closer ahead?" at every opening mark costs nothing (a scan from each
 * one was quadratic on a paragraph of unmatched marks). A double
 * quotation inside a single one ('We call it "the tax",') is no reason
 * to stop looking. */
static size_t last_single_closer(const char *s, size_t start, size_t end)
{
	size_t last = (size_t)-1;
	for (size_t k = start; k < end; k++) {
		for (uint64_t x; k + 8 <= end && !text_has_byte8(x = text_load8(s + k), '\'') &&
				 !text_has_byte8(x, 0xe2);)
			k += 8;
		if (k >= end)
			break;
		if (s[k] != '\'' && (unsigned char)s[k] != 0xe2)
			continue;
		struct mark m = mark_at(s, k, end);
		if (m.fam == F_SINGLE && m.kind != K_LSQ && m.kind != K_LOW9_S &&
		    single_can_close(s, start, k, m.len, end))
			last = k;
		if (m.len > 1)
			k += m.len - 1;
	}
	return last;
}

static unsigned count_words(const char *s, size_t a, size_t b)
{
	unsigned n = 0;
	int in = 0;
	for (size_t i = a; i < b; i++) {
		int sp = s[i] == ' ' || s[i] == '\n' || s[i] == '\t';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* The short words Title Case leaves in lower case ("Orange is the New
 * Black", "Friends of the River"). */
static int title_small_word(const char *s, size_t i, size_t b)
{
	size_t e = i;
	while (e < b && s[e] != ' ' && s[e] != '\n')
		e++;
	return e > i && text_title_small_word(s + i, e - i);
}

/* Title Case: the first word and most others capitalized, the short
 * ones aside ("Aske River Release: Preliminary Findings", "Guardians of
 * Peace"): a title or a name, not speech. Returns 2 when every word but
 * the short ones is capitalized. */
static int title_case(const char *s, size_t a, size_t b, unsigned words)
{
	/* (a title has a few words: a longer quotation is not read) */
	if (words < 2 || words > 12)
		return 0;
	unsigned caps = 0, counted = 0;
	for (size_t i = a; i < b; i++) {
		if (i != a && s[i - 1] != ' ')
			continue;
		if (text_is_upper(s, i, b))
			caps++, counted++;
		else if (i == a)
			return 0;
		else if (!title_small_word(s, i, b))
			counted++;
	}
	if (caps * 10 < counted * 7)
		return 0;
	return caps == counted ? 2 : 1;
}

/* Does the quotation opening at `open` follow a noun of a work, one
 * space between ("the TV show “Harbor Lights”")? The list "work" of
 * rules/words.txt. */
static int after_work_noun(const char *s, size_t start, size_t open, const struct rules *r)
{
	if (open < start + 2 || s[open - 1] != ' ')
		return 0;
	size_t e = open - 1, b = e;
	while (b > start && text_is_ascii_letter(s[b - 1]))
		b--;
	if (b == e)
		return 0;
	lex_lists k = rules_word_lists(r, s + b, e - b);
	return (k & WL_WORK) != 0;
}

/* The content reads like speech rather than a title or scare quote. */
static int reads_like_speech(const char *s, size_t a, size_t b, unsigned words)
{
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
		b--;
	/* (a title may end in the sentence's period, American style: “... with
	 * Larry Wilmore.” when every word of three or more is capitalized) */
	int tc = title_case(s, a, b, words);
	if (tc && b > a && ((s[b - 1] != '.' && s[b - 1] != '?' && s[b - 1] != '!') ||
			    (tc == 2 && words >= 3 && s[b - 1] == '.')))
		return 0;
	if (words >= 4)
		return 1;
	if (b == a)
		return 0;
	unsigned char last = (unsigned char)s[b - 1];
	if (strchr(",.!?;:", last))
		return 1;
	/* … and — */
	if (b - a >= 3 && (unsigned char)s[b - 3] == 0xe2 && (unsigned char)s[b - 2] == 0x80 &&
	    ((unsigned char)s[b - 1] == 0xa6 || (unsigned char)s[b - 1] == 0x94))
		return 1;
	return 0;
}

struct open_mark {
	size_t at;
	struct mark m;
	size_t qi;  /* index in s->qmarks reserved at open */
};


static int next_para_opens(struct segmentation *s, struct article *a, size_t pi)
{
	if (pi + 1 >= s->nparas)
		return 0;
	size_t i = s->paras[pi + 1].start, end = s->paras[pi + 1].end;
	struct mark m = mark_at(a->scan, i, end);
	return m.fam == F_DOUBLE && (m.role & R_OPEN);
}

static void pair_quotes(struct segmentation *s, struct article *a, const struct rules *r,
			size_t pi, int *cont_prev, unsigned *warned, struct diag *d)
{
	size_t first_q = s->nqmarks;
	const char *t = a->scan;
	size_t start = s->paras[pi].start, end = s->paras[pi].end;
	struct open_mark stack[8];
	int depth = 0;
	/* the first bytes of every quotation mark mark_at() knows */
	static const unsigned char lead[256] = { ['"'] = 1, ['\''] = 1, ['`'] = 1, [0xc2] = 1, [0xe2] = 1 };
	size_t closer = last_single_closer(t, start, end);
	for (size_t i = start; i < end; i++) {
		for (uint64_t x; i + 8 <= end && !text_has_high8(x = text_load8(t + i)) && !text_has_byte8(x, '"') &&
				 !text_has_byte8(x, '\'') && !text_has_byte8(x, '`');)
			i += 8;
		if (i >= end)
			break;
		if (!lead[(unsigned char)t[i]])
			continue;
		struct mark m = mark_at(t, i, end);
		if (m.fam == F_NONE)
			continue;
		int top_fam = depth ? stack[depth - 1].m.fam : F_NONE;
		int closed = 0;
		if (m.fam == F_DOUBLE) {
			/* close the innermost double quotation, dropping unclosed singles */
			int k = depth - 1;
			while (k >= 0 && stack[k].m.fam != F_DOUBLE)
				k--;
			int can_close = m.role & R_CLOSE;
			if (k >= 0 && stack[k].m.kind == K_LOW9 && m.kind == K_LDQ)
				can_close = 1;
			if (k >= 0 && stack[k].m.kind == K_BACKTICKS && m.kind == K_TWO_APOS)
				can_close = 1;
			if (k >= 0 && can_close && !(m.kind == K_STRAIGHT && stack[k].m.kind != K_STRAIGHT &&
						      open_context(t, start, i) && is_alnum_at(t, i + 1, end))) {
				depth = k;
				struct qmark *q = &s->qmarks[stack[k].qi];
				q->close = i + m.len;
				q->cend = i;
				closed = 1;
			} else if (k < 0 && (m.role & R_OPEN) && (m.role == R_OPEN || open_context(t, start, i)) &&
				   /* (not the closing mark of a markup attribute,
				    * '<post date="May 2 ">': no quotation opens
				    * with '>') */
				   !(i + m.len < end && t[i + m.len] == '>')) {
				(void)top_fam;
			} else {
				i += m.len - 1;
				continue;
			}
		} else {
			int between = is_alnum_before(t, start, i) && is_alnum_at(t, i + m.len, end);
			if (between) {
				i += m.len - 1;
				continue;
			}
			if (top_fam == F_SINGLE && m.kind != K_LSQ && m.kind != K_LOW9_S &&
			    single_can_close(t, start, i, m.len, end)) {
				if (possessive_plural(r, t, start, i, m.len, end) && closer != (size_t)-1 && closer >= i + m.len) {
					i += m.len - 1;
					continue;
				}
				/* "‘We’re not leavin’,’ she said": a word's elided end,
				 * then the punctuation and the mark that close */
				if (is_alnum_before(t, start, i) && i + m.len + 1 < end && t[i + m.len] &&
				    strchr(",.!?", t[i + m.len])) {
					struct mark m2 = mark_at(t, i + m.len + 1, end);
					if (m2.fam == F_SINGLE && m2.kind != K_LSQ && m2.kind != K_LOW9_S) {
						i += m.len - 1;
						continue;
					}
				}
				depth--;
				struct qmark *q = &s->qmarks[stack[depth].qi];
				q->close = i + m.len;
				q->cend = i;
				closed = 1;
			} else if ((m.role & R_OPEN) && open_context(t, start, i) && is_alnum_at(t, i + m.len, end) &&
				   !elision(t, i + m.len, end, r) && closer != (size_t)-1 && closer >= i + m.len) {
				/* opens a single quotation */
			} else {
				i += m.len - 1;
				continue;
			}
		}
		if (!closed) {
			if (depth == (int)(sizeof(stack) / sizeof(*stack))) {
				i += m.len - 1;
				continue;
			}
			ALLOC_GROW(s->qmarks, s->nqmarks + 1, s->qmarks_alloc);
			struct qmark *q = &s->qmarks[s->nqmarks];
			memset(q, 0, sizeof(*q));
			q->open = i;
			q->cstart = i + m.len;
			q->close = q->cend = (size_t)-1;
			q->para = (unsigned)pi;
			if (depth)
				q->flags |= QM_NESTED;
			if (m.fam == F_SINGLE)
				q->flags |= QM_SINGLE;
			if (!depth && *cont_prev) {
				q->flags |= QM_CONT_PREV;
				*cont_prev = 0;
			}
			stack[depth++] = (struct open_mark){ i, m, s->nqmarks };
			s->nqmarks++;
		}
		i += m.len - 1;
	}
	*cont_prev = 0;
	/* quotations still open at the paragraph end */
	for (int k = 0; k < depth; k++) {
		struct qmark *q = &s->qmarks[stack[k].qi];
		if (stack[k].m.fam == F_SINGLE || k > 0) {
			q->close = (size_t)-2; /* dropped below */
			continue;
		}
		if (next_para_opens(s, a, pi)) {
			q->flags |= QM_CONT_NEXT;
			q->cend = q->close = end;
			*cont_prev = 1;
		} else {
			q->flags |= QM_UNCLOSED;
			size_t e = sentence_end_from(t, start, q->cstart, end, r);
			q->cend = q->close = e;
			if (d && ++*warned == 21) {
				diag_report(d, DIAG_WARNING, a->path, a->format == FORMAT_JSONL ? a->file_line : 0, 0,
					    "more quotation marks opened and never closed in '%s'; not listed",
					    a->doc);
			} else if (d && *warned <= 20) {
				unsigned line, col;
				size_t ls, ll;
				article_linecol(a, q->open, &line, &col);
				article_line_span(a, q->open, &ls, &ll);
				diag_report_caret(d, DIAG_WARNING, a->path, a->format == FORMAT_JSONL ? a->file_line : line,
						  a->format == FORMAT_JSONL ? 0 : col,
						  a->format == FORMAT_JSONL ? NULL : a->raw + ls, ll,
						  "quotation mark opened and never closed%s%s%s; read up to the end of its sentence",
						  a->format == FORMAT_JSONL ? " in '" : "",
						  a->format == FORMAT_JSONL ? a->doc : "",
						  a->format == FORMAT_JSONL ? "'" : "");
			}
		}
	}
	/* drop dropped ones (only possible at the tail of the array) and set sizes */
	size_t w = first_q;
	for (size_t i = first_q; i < s->nqmarks; i++) {
		struct qmark *q = &s->qmarks[i];
		if (q->para == pi && (q->close == (size_t)-2 || q->close == (size_t)-1))
			continue;
		if (q->para == pi) {
			q->words = count_words(t, q->cstart, q->cend);
			if (!(q->flags & (QM_CONT_NEXT | QM_CONT_PREV | QM_UNCLOSED)) &&
			    (!reads_like_speech(t, q->cstart, q->cend, q->words) ||
			     (q->words <= 12 && after_work_noun(t, start, q->open, r))))
				q->flags |= QM_SHORT;
		}
		s->qmarks[w++] = *q;
	}
	s->nqmarks = w;
}

/* ---- sentences -------------------------------------------------------- */

static int sentence_starter(const char *s, size_t i, size_t end)
{
	if (i >= end)
		return 1;
	unsigned char c = (unsigned char)s[i];
	if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '(' || c == '[')
		return 1;
	if (c >= 0x80)
		return text_is_upper(s, i, end) || mark_at(s, i, end).role & R_OPEN;
	if (c == '"' || c == '\'' || c == '`')
		return 1;
	return 0;
}

/* The token before a period at i ("Mr", "U.S", "J") is an abbreviation
 * or an initial, so the period does not end the sentence. Returns 2 for
 * an abbreviation that may also end one ("Calif.", "Inc.": not a title,
 * not an initial), 1 for one that never does. */
static int abbreviation_before(const char *s, size_t start, size_t i, const struct rules *r)
{
	size_t k = i;
	while (k > start && s[k - 1] != ' ' && s[k - 1] != '\n' && s[k - 1] != '(' && s[k - 1] != '"')
		k--;
	/* skip opening punctuation glued to the word */
	while (k < i && !text_is_word_char(s, k, i) && s[k] != '.')
		k += ((unsigned char)s[k] >= 0xc0) ? (((unsigned char)s[k] >= 0xe0) ? 3 : 2) : 1;
	if (k >= i)
		return 0;
	size_t n = i - k + 1;  /* with the period */
	if (n == 2 && text_is_upper(s, k, i))
		return 1;      /* an initial: George W. Bush */
	int kind = wordset_get(&r->abbrev, s + k, n);
	if (kind >= 0)
		return kind == 1 || kind == 2 ? 1 : 2;
	/* "then-Sen. Lind", "ex-Gov. Marr": a title after a hyphenated
	 * prefix is still a title; only a title or a rank, as after a hyphen
	 * a place or a month ("mid-Jan.", "Minneapolis-St.") may end one */
	for (size_t h = i - 1; h > k; h--) {
		if (s[h] != '-')
			continue;
		if (h + 2 < i && text_is_upper(s, h + 1, i)) {
			kind = wordset_get(&r->abbrev, s + h + 1, i - h);
			if (kind == 1 || kind == 2)
				return 1;
		}
		break;
	}
	/* U.S.A.-style dotted capitals */
	if (n >= 4 && s[i - 2] == '.' && text_is_upper(s, i - 1, i))
		return 1;
	return 0;
}

/* An opening quotation mark at i followed by a capital letter. */
static int opens_capital_quote(const char *s, size_t i, size_t end)
{
	struct mark m = mark_at(s, i, end);
	if (m.fam == F_NONE || !(m.role & R_OPEN))
		return 0;
	size_t k = i + m.len;
	return k < end && text_is_upper(s, k, end);
}

static int terminator_at(const char *s, size_t i, size_t end, size_t *len)
{
	unsigned char c = (unsigned char)s[i];
	if (c == '.' || c == '!' || c == '?') {
		*len = 1;
		return 1;
	}
	if (c == 0xe2 && i + 2 < end && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0xa6) {
		*len = 3;
		return 1;
	}
	return 0;
}

/* After a terminator at i (len bytes): closing brackets, then space, then a
 * sentence starter. Returns the sentence end (exclusive) or 0. */
static size_t break_after(const char *s, size_t start, size_t i, size_t len, size_t end,
			  const struct rules *r)
{
	size_t k = i + len;
	while (k < end && (s[k] == '.' || s[k] == '!' || s[k] == '?' || s[k] == ')' || s[k] == ']'))
		k++;
	size_t sent_end = k;
	if (k >= end)
		return end;
	if (s[k] != ' ' && s[k] != '\n' && s[k] != '\t')
		return 0;
	while (k < end && (s[k] == ' ' || s[k] == '\n' || s[k] == '\t'))
		k++;
	if (!sentence_starter(s, k, end))
		return 0;
	/* "... in Santa Monica, Calif. “The reality is ...": a place or a
	 * company abbreviation ends the sentence when a quotation opens with
	 * a capital after it; a title ("Gov. “Pat” Lee") never does */
	int abbr = s[i] == '.' && len == 1 ? abbreviation_before(s, start, i, r) : 0;
	if (abbr == 2 && opens_capital_quote(s, k, end))
		return sent_end;
	if (abbr)
		return 0;
	return sent_end;
}

size_t sentence_end_from(const char *scan, size_t start, size_t from, size_t to,
			 const struct rules *r)
{
	for (size_t i = from; i < to; i++) {
		size_t len;
		if (terminator_at(scan, i, to, &len)) {
			size_t e = break_after(scan, start, i, len, to, r);
			if (e && e < to)
				return i;   /* the period stays outside the recovered quotation */
			i += len - 1;
		}
	}
	return to;
}

static void add_sentence(struct segmentation *s, const char *scan, size_t a, size_t b, unsigned para)
{
	while (a < b && (scan[a] == ' ' || scan[a] == '\n' || scan[a] == '\t'))
		a++;
	while (b > a && (scan[b - 1] == ' ' || scan[b - 1] == '\n' || scan[b - 1] == '\t'))
		b--;
	if (a >= b)
		return;
	ALLOC_GROW(s->sents, s->nsents + 1, s->sents_alloc);
	s->sents[s->nsents++] = (struct sentence){ a, b, para, 0, 0 };
}

static int content_ends_sentence(const char *s, size_t a, size_t b)
{
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
		b--;
	if (b == a)
		return 0;
	unsigned char c = (unsigned char)s[b - 1];
	if (c == '.' || c == '!' || c == '?')
		return 1;
	return b - a >= 3 && c == 0xa6 && (unsigned char)s[b - 2] == 0x80;
}

/* After the space at k, a word that opens a clause of its own: a subject
 * pronoun or "that". */
static int clause_opener(const char *t, size_t k, size_t end)
{
	static const char *const words[] = { "he", "she", "they", "it", "we", "I", "you", "that", NULL };
	if (k >= end || t[k] != ' ')
		return 0;
	k++;
	for (int i = 0; words[i]; i++) {
		size_t n = strlen(words[i]);
		if (k + n < end && !strncmp(t + k, words[i], n) && t[k + n] == ' ')
			return 1;
	}
	return 0;
}

/* Does the quotation's content end in "?" or "!" (a question or an
 * exclamation, whose own mark ends no sentence of the writer's)? */
static int ends_asked(const char *t, size_t cs, size_t ce)
{
	while (ce > cs && (t[ce - 1] == ' ' || t[ce - 1] == ',' || t[ce - 1] == '\''))
		ce--;
	return ce > cs && (t[ce - 1] == '?' || t[ce - 1] == '!');
}

/* "Is the pier safe?" Kovalenko asked. -- a short tail with a cue after a
 * quotation that ends in . ? or ! belongs to the quotation's sentence:
 * up to three words after the cue, six after a question or an
 * exclamation (asked), whose mark ends no sentence of the writer's ('“Is
 * it safe?” Vell asked reporters during a briefing on Monday.'), unless
 * a quotation of its own opens in the tail. */
static int cue_tail_follows(const char *t, size_t k, size_t end, const struct rules *r, int asked)
{
	for (int words = 0; words < 8 && k < end; words++) {
		size_t w = k;
		while (k < end && ((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z')))
			k++;
		int cue = k > w ? wordset_get_ci(&r->cue_forms, t + w, k - w) : -1;
		/* (a verb of saying: "endorsed" after a quotation tells nothing;
		 * nor does a verb of seeming, which takes a complement of its
		 * own: "“Absurd.” His aides seemed calm.") */
		if (cue >= 0 && r->cues[cue].frame != CUE_OBJECT && !cue_lemma_in_list(r, cue, WL_SEEMING)) {
			/* a clause after the cue is what it reports: "“... a
			 * disgrace.” Vell said she would appeal." starts a sentence */
			if (clause_opener(t, k, end))
				return 0;
			/* and the sentence ends soon after the cue: "Kovalenko asked." */
			int after = 0;
			int most = asked ? 6 : 3;
			while (k < end && t[k] != '.' && t[k] != '!' && t[k] != '?' && t[k] != ';' && after <= most + 1) {
				if (t[k] == ' ')
					after++;
				/* ("“Why now?” Vell writes back, “...”" is the next sentence) */
				if (asked && (t[k] == '"' || (t[k] == '\xe2' && k + 2 < end && t[k + 1] == '\x80' &&
								   t[k + 2] == '\x9c')))
					return 0;
				k++;
			}
			return after <= most && (k >= end || t[k] == '.' || t[k] == '!' || t[k] == '?');
		}
		/* "Mrs. Lund asked.": a title's or an initial's period goes on */
		if (k < end && t[k] == '.' && k > w &&
		    (k - w == 1 || wordset_get(&r->abbrev, t + w, k - w + 1) >= 0))
			k++;
		else if (k >= end || t[k] == '.' || t[k] == '!' || t[k] == '?' || t[k] == ';')
			return 0;
		while (k < end && !((t[k] >= 'a' && t[k] <= 'z') || (t[k] >= 'A' && t[k] <= 'Z')) &&
		       t[k] != '.' && t[k] != '!' && t[k] != '?' && t[k] != ';' && t[k] != '\x01')
			k++;
		if (k < end && (t[k] == '.' || t[k] == '!' || t[k] == '?' || t[k] == ';'))
			return 0;
	}
	return 0;
}

static void split_sentences(struct segmentation *s, struct article *a, const struct rules *r,
			    size_t pi, size_t q_from, size_t q_to)
{
	const char *t = a->scan;
	size_t start = s->paras[pi].start, end = s->paras[pi].end;
	size_t sent_start = start, last_space = 0;
	size_t qi = q_from;
	s->paras[pi].first_sentence = (unsigned)s->nsents;
	for (size_t i = start; i < end; i++) {
		/* skip over top-level quotations */
		while (qi < q_to && (s->qmarks[qi].flags & QM_NESTED))
			qi++;
		/* on to the next byte that can matter: a space, a terminator, the
		 * next quotation, or where a long sentence gets cut */
		size_t stop = end;
		if (qi < q_to && s->qmarks[qi].open >= i && s->qmarks[qi].open < stop)
			stop = s->qmarks[qi].open;
		if (last_space > sent_start && sent_start + MAX_SENTENCE_BYTES + 1 < stop)
			stop = sent_start + MAX_SENTENCE_BYTES + 1;
		static const unsigned char matters[256] = { [' '] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1, [0xe2] = 1 };
		while (i < stop && !matters[(unsigned char)t[i]])
			i++;
		if (i >= end)
			break;
		if (qi < q_to && s->qmarks[qi].open == i) {
			struct qmark *q = &s->qmarks[qi++];
			size_t after = q->close;
			if (content_ends_sentence(t, q->cstart, q->cend)) {
				size_t k = after;
				while (k < end && (t[k] == ' ' || t[k] == '\n'))
					k++;
				if (k > after && sentence_starter(t, k, end) &&
				    !cue_tail_follows(t, k, end, r, ends_asked(t, q->cstart, q->cend))) {
					add_sentence(s, t, sent_start, after, (unsigned)pi);
					sent_start = k;
				}
			}
			i = after - 1;
			continue;
		}
		if (t[i] == ' ')
			last_space = i;
		size_t len;
		if (terminator_at(t, i, end, &len)) {
			size_t e = break_after(t, start, i, len, end, r);
			if (e && e < end) {
				add_sentence(s, t, sent_start, e, (unsigned)pi);
				sent_start = e;
			}
			i += len - 1;
		}
		if (i - sent_start > MAX_SENTENCE_BYTES && last_space > sent_start) {
			add_sentence(s, t, sent_start, last_space, (unsigned)pi);
			sent_start = last_space;
		}
	}
	add_sentence(s, t, sent_start, end, (unsigned)pi);
	s->paras[pi].nsentences = (unsigned)(s->nsents - s->paras[pi].first_sentence);
}

void segment_article(struct segmentation *s, struct article *a, const struct rules *r,
		     struct diag *d)
{
	s->nparas = s->nqmarks = s->nsents = 0;
	find_paragraphs(s, a);
	int cont_prev = 0;
	unsigned warned = 0;
	for (size_t pi = 0; pi < s->nparas; pi++) {
		size_t q_from = s->nqmarks;
		pair_quotes(s, a, r, pi, &cont_prev, &warned, d);
		split_sentences(s, a, r, pi, q_from, s->nqmarks);
	}
	/* index top-level quotations per sentence */
	size_t qi = 0;
	for (size_t si = 0; si < s->nsents; si++) {
		struct sentence *st = &s->sents[si];
		while (qi < s->nqmarks && s->qmarks[qi].open < st->start)
			qi++;
		st->first_qmark = (unsigned)qi;
		size_t k = qi;
		while (k < s->nqmarks && s->qmarks[k].open < st->end)
			k++;
		st->nqmarks = (unsigned)(k - qi);
	}
}
