/* rules: the data that drives extraction, loaded from a rules directory.
 *
 * Files (their language is documented in rules/README.md):
 *   abbreviations.txt  tokens whose final period does not end a sentence
 *   cues.txt           reporting verbs and phrases: lemma, stance, forms
 *   sources.txt        head nouns of descriptions: anonymous / vague / document
 *   titles.txt         title and role words (minister, spokeswoman, ...)
 *   organizations.txt  words that make a name an organization (Ministry, Inc.)
 *   places.txt         countries and capitals used for their governments
 *   words.txt          the word lists of speaker resolution (WL_ bits, lex_lists)
 *   attribution.rules  PCRE2 patterns with named groups, in priority order
 *
 * rules_load() returns a struct rules that owns everything it points to;
 * free it with rules_free(). The compiled patterns are shared read-only
 * between threads; each thread brings its own match data. */
#ifndef WHOSAID_RULES_H
#define WHOSAID_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum stance { STANCE_ASSERT, STANCE_DENY, STANCE_HEDGE };

/* How a cue takes its content. */
enum cue_frame {
	CUE_CLAUSE,       /* say: content may be a bare clause */
	CUE_THAT,         /* add, claim: needs "that", a colon or a quotation */
	CUE_QUOTE,        /* call, describe: only with a quotation */
	CUE_SOURCE,       /* according to: names a source; only rules that spell it out */
	CUE_OBJECT        /* endorse, hope: an attitude to a noun phrase or a clause; only
			   * rules that spell out its content (group "framed") use it */
};

struct cue {
	char *lemma;
	enum stance stance;
	enum cue_frame frame;
};

/* A set of lowercase strings (open addressing) mapping to an int value.
 * keys[i] is NULL for an empty slot; lens and hashes are kept beside the
 * keys so that a lookup rarely touches a key that is not the one. */
struct wordset {
	char **keys;
	int *vals;
	size_t cap, n;
	size_t *lens;
	unsigned *hashes;
	/* a necessary test before hashing: bit (length, first and last byte,
	 * ASCII-folded) is set for every key, and no key is longer than
	 * max_len; most words of a sentence fail it */
	unsigned long long shape[512];
	/* the same for the second and the last but one byte, for keys of two
	 * or more: a word that shares the outer letters and the length of a
	 * key ("and", "add") rarely shares these too */
	unsigned long long shape2[512];
	size_t max_len;
};

static inline unsigned wordset_shape_bit(const char *s, size_t len)
{
	return (unsigned)(len < 31 ? len : 31) * 1024u + (((unsigned char)s[0] | 0x20u) & 31u) * 32u +
	       (((unsigned char)s[len - 1] | 0x20u) & 31u);
}

static inline unsigned wordset_shape_bit2(const char *s, size_t len)
{
	return (unsigned)(len < 31 ? len : 31) * 1024u + (((unsigned char)s[1] | 0x20u) & 31u) * 32u +
	       (((unsigned char)s[len - 2] | 0x20u) & 31u);
}

/* Can a key equal s (exactly, or after ASCII lowercasing)? Inline: most
 * words looked up fail it, and then the look-up is no call. */
static inline int wordset_may_have(const struct wordset *ws, const char *s, size_t len)
{
	if (len > ws->max_len)
		return 0;
	if (!len)
		return 1;
	unsigned b = wordset_shape_bit(s, len);
	if (!(ws->shape[b / 64] >> (b % 64) & 1))
		return 0;
	if (len < 2)
		return 1;
	b = wordset_shape_bit2(s, len);
	return (int)(ws->shape2[b / 64] >> (b % 64) & 1);
}

/* ASCII-lowercases s[0, n) into low (n bytes) and returns its hash
 * (FNV-1a), the hash a wordset keeps for that key. */
static inline size_t wordset_fold_hash(const char *s, size_t n, char *low)
{
	size_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		low[i] = (char)c;
		h = (h ^ c) * 1099511628211ULL;
	}
	return h;
}

/* The look-ups below once wordset_may_have() said yes. */
int wordset_get_shaped(const struct wordset *ws, const char *s, size_t len);
int wordset_get_ci_shaped(const struct wordset *ws, const char *s, size_t len);

/* -1 if absent */
static inline int wordset_get(const struct wordset *ws, const char *s, size_t len)
{
	return wordset_may_have(ws, s, len) ? wordset_get_shaped(ws, s, len) : -1;
}

/* Case-insensitive for ASCII: looks up the lowercased word. */
static inline int wordset_get_ci(const struct wordset *ws, const char *s, size_t len)
{
	return len && wordset_may_have(ws, s, len) ? wordset_get_ci_shaped(ws, s, len) : -1;
}
/* As wordset_get_ci, also trying the singular of a plural when asked. */
int wordset_has_word(const struct wordset *ws, const char *s, size_t len, int plural);




/* words.txt: the word lists that read a speaker phrase (sources.c), one
 * bit each; the value of a word in rules.words is the set of the lists
 * that hold it, so that one look-up answers for all of them. The names
 * in words.txt are those of word_list_names in rules.c, in this order.
 * A set of lists is a 64-bit mask (lex_lists): bits 0-63 can be used. */
typedef uint64_t lex_lists;
#define WL_DETERMINER (UINT64_C(1) << 0)   /* determiner: "the", "several", "unnamed" */
#define WL_QUANTIFIER (UINT64_C(1) << 1)   /* quantifier: "some", "many": a vague group */
#define WL_JOINER (UINT64_C(1) << 2)       /* joiner: "of", "van" inside a name */
#define WL_NUMBER (UINT64_C(1) << 3)       /* number: "two" */
#define WL_SHARE_LEAD (UINT64_C(1) << 4)   /* share-lead: "about" half */
#define WL_SHARE_WHOLE (UINT64_C(1) << 5)  /* share-whole: "half", "majority" */
#define WL_SHARE_PART (UINT64_C(1) << 6)   /* share-part: two "thirds", 40 "percent" */
#define WL_CALENDAR (UINT64_C(1) << 7)     /* calendar: "Monday", "June" */
#define WL_KIN (UINT64_C(1) << 8)          /* kin: "son", "neighbour" */
#define WL_POSSESSIVE (UINT64_C(1) << 9)   /* possessive: "her" son */
#define WL_FEMALE (UINT64_C(1) << 10)      /* female: "spokeswoman", "aunt" */
#define WL_MALE (UINT64_C(1) << 11)        /* male: "uncle" */
#define WL_OPENING (UINT64_C(1) << 12)     /* opening: "To", "Despite" opening a sentence */
#define WL_NOT_NAME (UINT64_C(1) << 13)    /* not-name: "Well", "Months" as a speaker */
#define WL_OPENER (UINT64_C(1) << 14)      /* opener: "Meanwhile", no subject */
#define WL_ADVERB (UINT64_C(1) << 15)      /* adverb: he "then" said */
#define WL_NOT_ADVERB (UINT64_C(1) << 16)  /* not-adverb: "family", a noun in -ly */
#define WL_ADVERBIAL (UINT64_C(1) << 17)   /* adverbial: ", however," opening an apposition */
#define WL_TITLE_MODIFIER (UINT64_C(1) << 18) /* title-modifier: its "former" leader */
#define WL_ASKED (UINT64_C(1) << 19)       /* asked: "Asked if ..." opening a sentence */
#define WL_COUNT (UINT64_C(1) << 20)       /* count: "The two admit": a plural subject (quotes.c) */
#define WL_ELISION (UINT64_C(1) << 21)     /* elision: 'em, 'til: no quotation mark (segment.c) */
#define WL_GROUP (UINT64_C(1) << 22)       /* group: "Everyone" but Lind: a vague group */
#define WL_SEEMING (UINT64_C(1) << 23)     /* seeming: lemmas of cues with a complement of their
				     own ("it seems", "His aides seemed calm") */
#define WL_PLACE_KIND (UINT64_C(1) << 24)  /* place-kind: "Lake" Osmer, "Mount" Ebba: a place */
#define WL_WRITER (UINT64_C(1) << 25)      /* writer: "columnist", "critic": writes for an outlet */
#define WL_WINNING (UINT64_C(1) << 26)     /* winning: lemmas of cues that also mean to win or take
				     ("claimed victory") */
#define WL_PRIZE (UINT64_C(1) << 27)       /* prize: what is won or taken: "victory", "seat" */
#define WL_WORK (UINT64_C(1) << 28)        /* work: "show", "book": a quotation after one is its title */
#define WL_COMPOUND (UINT64_C(1) << 29)    /* compound: "think-tank": a cue form that opens a compound
				     noun with the word after it (quotes.c) */
#define WL_PHRASE_END (UINT64_C(1) << 30) /* phrase-end: "to", "the", "and": no noun phrase ends so */
#define WL_PREPOSITION (UINT64_C(1) << 31) /* preposition: "polling by": a noun in -ing before one */
#define WL_SUBJECT_PRONOUN (UINT64_C(1) << 32) /* subject-pronoun: "noting he": the subject */
#define WL_COMPLEMENT_LEAD (UINT64_C(1) << 33) /* complement-lead: "slamming his": a verb's object */
#define WL_CLAUSE_LEAD (UINT64_C(1) << 34) /* clause-lead: "While Democrats": opens no speaker */
#define WL_NO_SUBJECT (UINT64_C(1) << 35) /* no-subject: "It's" alone is no speaker */
#define WL_SUBJECT_VERB (UINT64_C(1) << 36) /* subject-verb: "Lund tried to": ends the subject */
#define WL_TELL (UINT64_C(1) << 37)        /* tell: "told" our reporter Farr: the listener (sources.c) */
#define WL_NOT_OWNED (UINT64_C(1) << 38)   /* not-owned: the fans' "on": no noun, no possessive (segment.c) */
#define WL_PLACE_FIRST (UINT64_C(1) << 39) /* place-first: "New" Hampshire, "North" Dakota */
#define WL_APPOSITION_LEAD (UINT64_C(1) << 40) /* apposition-lead: Granma, "the" newspaper */
#define WL_TOWN_LEAD (UINT64_C(1) << 41)   /* town-lead: a rally "in" Ames, Iowa */
#define WL_THIRD_PRONOUN (UINT64_C(1) << 42) /* third-pronoun: "He" opening a sentence (quotes.c) */
#define WL_NOT_SUBJECT (UINT64_C(1) << 43) /* not-subject: "The", "In" opening a sentence: no name */
#define WL_SCENE_LEAD (UINT64_C(1) << 44)  /* scene-lead: "On" Tuesday, Vell went ... */
#define WL_SCENE_ADVERB (UINT64_C(1) << 45) /* scene-adverb: "Meanwhile", Vell went ... */
#define WL_NARRATIVE_VERB (UINT64_C(1) << 46) /* narrative-verb: Vell "wrote", ... (quotes.c) */
#define WL_BE (UINT64_C(1) << 47)          /* be: "is", "was": a passive with a participle */
#define WL_OPEN_END (UINT64_C(1) << 48)    /* open-end: "after", "the": no clause ends so (quotes.c) */
#define WL_CLAUSE_AUX (UINT64_C(1) << 49)  /* clause-aux: "has", "would": a clause of its own (quotes.c) */
#define WL_FINITE_VERB (UINT64_C(1) << 50) /* finite-verb: The port authority "had" (sources.c) */
#define WL_APPOSITIVE_VERB (UINT64_C(1) << 51) /* appositive-verb: Vell, the sun "was": no title */
#define WL_THAT_SUBJECT (UINT64_C(1) << 52) /* that-subject: says that "is" false: "that" the subject */

/* The name of list bit (log2 of its WL_ value) in words.txt. */
const char *word_list_name(int bit);

enum source_noun_kind { SN_ANONYMOUS, SN_VAGUE, SN_DOCUMENT, SN_GENERIC };

/* organizations.txt: ORG_COMPANY marks the words of a business's name,
 * ORG_PLACE those of a place's ("Fennel Street"), which speaks for no one,
 * ORG_OUTLET those of a newspaper's ("Selm Daily"), which "the paper" means */
enum org_word_kind { ORG_ANY, ORG_COMPANY, ORG_PLACE, ORG_OUTLET };

/* "needs quote" / needs "TEXT": a rule runs only on sentences that hold a
 * quotation / that text, a test far cheaper than the pattern. "needs end":
 * only on sentences that end in one of the texts (or a quotation). */
struct rule_need {
	int quote;
	char *text;   /* alternatives: NUL-separated, ended by an empty string */
	int *ids;     /* of a text to look for (not "needs end"): each alternative's
			 number among the distinct texts of all rules, so that a
			 sentence is searched for each text once (quotes.c) */
	const char **alts; /* each alternative of text, then NULL: the test of
			      every rule on every sentence walks them without
			      a strlen() a text */
	int after_cue, before_cue; /* words a cue must have after / before it: the
				      rule's own cue, so a form with fewer neither
				      fits "needs cue" nor bounds where a match starts */
	int end;      /* text holds what the sentence ends with, not what it holds */
	int end_quote; /* "needs end quote": a quotation ends the sentence */
};

/* "needs cue ...": which cue forms a rule's cue group can match. A rule
 * with such lines runs only when an unspent cue form of the sentence fits
 * one of them, and no match starts after the last form that fits (its
 * match must hold its cue). */
#define RULE_CUE_WORDS 8
#define RULE_CUE_BITS (64 * RULE_CUE_WORDS)
#define RULE_SET_WORDS 2
#define RULE_SET_BITS (64 * RULE_SET_WORDS)

struct rule_cue_need {
	unsigned char *cue_ok; /* per index into rules.cues: its frame or lemma is named,
				  and not after "not" */
	char *then;            /* NUL-separated texts, one of which comes later
				  in the sentence; ended by an empty string; NULL: no test */
	int then_quote;        /* or a quotation comes later */
	char *next;            /* right after the form and white space, one of these
				  NUL-separated texts ended by an empty string; NULL: no test */
	unsigned char *next_len;      /* the length of each text of next, in order */
	unsigned char next_first[32]; /* the ASCII bytes one of them can fit at (a
					 bit each; 0: the end): a byte of none is
					 no fit, unless it is non-ASCII */
	/* the texts of next grouped by their first byte, ASCII-lowercased:
	 * next_order[next_from[b], next_from[b + 1]) are the indexes of those
	 * that begin with b (or its capital), next_off[i] where text i starts
	 * in next (at an ASCII byte after the form only these texts and those
	 * of "-" can fit: a list of a hundred texts is not read through) */
	unsigned next_from[129];
	unsigned *next_order, *next_off;
	char *prev;            /* right before white space and the form, likewise */
	char *unless;          /* the word right after the form and white space is none
				  of these NUL-separated words (case-sensitive), ended
				  by an empty string; NULL: no test */
	char *suffix;          /* the form ends in one of these NUL-separated texts
				  (lowercase letters), ended by an empty string;
				  NULL: no test */
};

struct rule {
	char *id;
	struct rule_need needs[4];
	int nneeds;
	struct rule_cue_need cue_needs[4];
	int ncue_needs;
	/* the cues some "needs cue" line names (cue_ok of any of them), a bit
	 * each, when there are lines and at most RULE_CUE_BITS cues: a test of
	 * a sentence's unspent forms before any other "needs" (quotes.c) */
	uint64_t cue_bits[RULE_CUE_WORDS];
	int has_cue_bits;
	pcre2_code *code;
	/* the same pattern for a sentence of ASCII bytes only, compiled without
	 * UTF and UCP (rules.c, ascii_pattern), which matches such a sentence
	 * exactly as code does, in fewer steps; NULL when there is none */
	pcre2_code *code_ascii;
	/* code_ascii also serves a sentence whose other characters are some
	 * Latin-1 symbols, transcoded one byte a character (quotes.c): the
	 * pattern has no POSIX class, which UCP widens to such symbols */
	int latin1;
	/* code (0) and code_ascii (1) are JIT-compiled on first use
	 * (rule_code): a run that meets few sentences needs few of them;
	 * 1 once compiled, 2 if the JIT could not compile it, 3 while a
	 * thread compiles it */
	atomic_int jitted[2];
	/* rules after this one in struct rules (rule_code compiles some of
	 * them while another thread compiles this one) */
	size_t jit_after;
	/* calls of code while code_ascii is there too (rule_match): the UTF
	 * form serves only the sentences the ASCII one cannot, and is
	 * interpreted for its first calls rather than JIT-compiled */
	atomic_int utf_calls;
	const char *file;
	unsigned line;
	int g_speaker, g_cue, g_content, g_obj, g_appos; /* group numbers, 0 if absent */
	int g_content2;   /* a second content sharing the cue: "A, he said, B" */
	int g_qend;       /* empty, right after a quotation that must end a clause */
	int g_qgoes;      /* empty, right before a quotation that must go on a
			     sentence begun before it (it opens in lowercase) */
	int g_scene;    /* empty: the cue is a past act ("vowed", "threatened"),
			     for the pattern's own test (?(<scene>)...);
			     the C side reads nothing from it */
	int g_rel;        /* "who"/"which" in "Lund, who said": the word that is the
			     cue's subject as written, standing for the speaker */
	int g_asked;      /* empty: a question put to nobody named ("When asked
			     about X, Lind said"): the subject after its comma was
			     asked, and answers in a quotation that follows */
	int g_framed;     /* empty: the rule spells out what its cue takes ("urged
			     residents to ..."), so the cue's frame is not tested */
};

/* A built-in word list as a callout answers it: the words made of word
 * characters only, lowercase, and whether a plural in -s or -es is one too. */
struct word_callout {
	struct wordset words;
	int plural;
	int names;   /* a list of cue forms: a word of a name is none (rules_name_word) */
};

/* callout numbers from here on are word lists (rules.wlists); below it,
 * 1 is the cue gate and 2 on the probes (quotes.c) */
#define RULE_WORDS_CALLOUT 128
/* after a form of the cue macros' UTF form: fails a single-word form that
 * is a word of a name (rules_name_callout) */
#define RULE_NAME_CALLOUT 127

struct rules {
	char *dir;
	struct wordset abbrev;        /* value 1: a courtesy title ("Mr."), 2: a rank
					 ("Sen."); neither ends a sentence */
	struct wordset cue_forms;     /* form (lowercase) -> index into cues */
	struct wordset cue_tails;     /* the last run of letters of every form that
					 has more than one ("out" of "pointed out"):
					 a phrase of several words can be a form only
					 when it ends in one (quotes.c, find_cues) */
	struct cue *cues;
	size_t ncues;
	size_t max_cue_words;
	struct wordset source_nouns;  /* noun (singular and plural) -> enum source_noun_kind */
	struct wordset titles;        /* title words, lowercase */
	struct wordset org_words;     /* lowercase -> enum org_word_kind */
	struct wordset org_kind_words; /* org-kinds.txt: a name word, lowercase -> its
					  kind's index in org_kind_heads ("guild" ->
					  "union") */
	char **org_kind_heads;
	size_t norg_kinds, org_kinds_alloc;
	struct wordset places;        /* lowercase full names */
	struct wordset words;         /* words.txt: lowercase -> its index in word_masks */
	lex_lists *word_masks;        /* the lists (WL_ bits) that hold each word */
	struct rule *rules;
	size_t nrules;
	/* "probe NAME" blocks of attribution.rules: a lookahead compiled as a
	 * pattern of its own, anchored where it is tried; a pattern names it
	 * as the callout (?C<2 + index>), which quotes.c answers by matching
	 * the probe there (the callout fails the path where the probe does
	 * not match). One copy of a big lookahead, JIT-compiled once, rather
	 * than one in every rule that uses it. Only id, code, code_ascii,
	 * latin1, jitted and utf_calls are set. */
	struct rule *probes;
	size_t nprobes;
	/* the word lists of the built-in macros (TITLE, CUE_THAT, ...) as a
	 * rule's ASCII form matches them: the callout (?C<RULE_WORDS_CALLOUT +
	 * index>) and \w++, where the UTF form has a prefix tree of the words
	 * (rules_words_callout) */
	struct word_callout *wlists;
	size_t nwlists, wlists_alloc;
	size_t nneed_texts;           /* distinct texts of "needs" lines (rule_need.ids) */
	pcre2_code *prefilter;        /* matches a sentence worth running rules on */
};

/* The head word of the kind of organization a name word makes
 * (org-kinds.txt: "Guild" -> "union"), or NULL; owned by r. */
const char *rules_org_kind(const struct rules *r, const char *word, size_t len);

/* The pattern of rl to match a sentence with: code_ascii when ascii (every
 * byte of the sentence is ASCII) and the rule has one, else code. It is
 * JIT-compiled the first time it is asked for; safe from several threads. */
const pcre2_code *rule_code(const struct rule *rl, int ascii);

/* pcre2_match of rule_code(rl, ascii) on subject[0, len) from start, with
 * pcre2_jit_match once the JIT code is there (the same results). */
int rule_match(const struct rule *rl, int ascii, const char *subject, size_t len, size_t start,
	       pcre2_match_data *md, pcre2_match_context *mctx);

/* The callout (?C<RULE_WORDS_CALLOUT + k>) of a rule's ASCII form, which
 * stands where the UTF form has (?i:\b(?:WORDS)(?:s|es)?\b) for the words
 * of wlists[k] and is followed by \w++: 0 (go on) when the run of word
 * characters at the current position starts at a word boundary and is one
 * of the words, or a plural of one, 1 (fail) when not. */
int rules_words_callout(const struct rules *r, const pcre2_callout_block *cb);

/* Is the cue form s[a, b) of the sentence s[0, len) (as the patterns see
 * it) a word of a name rather than a cue: a single word with a capital
 * initial inside a clause, next to another capitalized word ("the United
 * States", "spokeswoman Hope Varga", "Secretary of State"), outside a
 * headline in Title Case? */
int rules_name_word(const struct rules *r, const char *s, size_t len, size_t a, size_t b);

/* The callout (?C<RULE_NAME_CALLOUT>) after a cue form: 1 (fail) when the
 * form that ends at the current position is a word of a name. */
int rules_name_callout(const struct rules *r, const pcre2_callout_block *cb);

/* Loads dir (NULL: $WHOSAID_RULES, else the built-in default). Reports
 * every problem through d as file:line:col; returns NULL if any error. */
struct rules *rules_load(const char *dir, struct diag *d);
void rules_free(struct rules *r);

/* Is the lemma of cues[cue] in the words.txt list `list` (an enum
 * lex_list bit)? */
int cue_lemma_in_list(const struct rules *r, int cue, lex_lists list);

/* The words.txt lists (WL_ bits) that hold s[0, len), any case; 0 if none. */
static inline lex_lists rules_word_lists(const struct rules *r, const char *s, size_t len)
{
	int k = wordset_get_ci(&r->words, s, len);
	return k < 0 ? 0 : r->word_masks[k];
}

/* Is s[a, b) a word of the list written in lowercase letters only? */
int rules_lower_in_list(const struct rules *r, const char *s, size_t a, size_t b, lex_lists list);
/* ... written with a capital and then lowercase letters only ("New", "I";
 * not "NEW")? */
int rules_capital_in_list(const struct rules *r, const char *s, size_t a, size_t b, lex_lists list);

/* Is s[a, b) an adverb: a lowercase word in the words.txt list "adverb",
 * or one of five letters or more in "-ly" that the list "not-adverb"
 * does not hold ("family", "ally", "rally" are nouns)? */
int rules_is_adverb(const struct rules *r, const char *s, size_t a, size_t b);

/* The rules directory used when none is given. */
const char *rules_default_dir(void);

#endif
