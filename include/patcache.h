/* patcache: compiled PCRE2 patterns kept between runs.
 *
 * Compiling the attribution rules costs more than reading a few megabytes
 * of news (pcre2_compile spends ~9 M instructions on a rule of 20 KB). A
 * load that compiled a pattern writes every pattern it compiled, with its
 * text and options, to one cache file (pcre2_serialize_encode); the next
 * load takes a pattern from there when its text and options are the same
 * byte for byte, and compiles it otherwise. JIT code is not kept: it is
 * made on first use, as before.
 *
 * Where: $WHOSAID_CACHE_DIR, else $XDG_CACHE_HOME/whosaid, else
 * $HOME/.cache/whosaid; WHOSAID_NO_CACHE=1 turns the cache off. A file
 * that cannot be read, is damaged (checksum) or was written by another
 * PCRE2 build is ignored; one that cannot be written is not written.
 * Nothing of this changes what a pattern matches.
 *
 * Ownership: patcache_compile returns a code the caller owns (free it with
 * pcre2_code_free); patcache_check keeps the code it compiles. Codes
 * handed out must stay alive until patcache_finish, which writes the file
 * (unless told not to) and frees the cache. */
#ifndef WHOSAID_PATCACHE_H
#define WHOSAID_PATCACHE_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

struct patcache;

/* Opens the cache (NULL when it is off; every function accepts NULL). */
struct patcache *patcache_open(void);

/* pcre2_compile, through the cache. */
pcre2_code *patcache_compile(struct patcache *pc, const char *pat, size_t len, uint32_t options,
			     int *err, PCRE2_SIZE *erroff);

/* Compiles only to see that the pattern compiles (0, else -1 with *err and
 * *erroff); the cache keeps the code, so the next load need not compile it. */
int patcache_check(struct patcache *pc, const char *pat, size_t len, uint32_t options,
		   int *err, PCRE2_SIZE *erroff);

/* Writes the file when this load compiled anything and `write` is set (a
 * load without errors), then frees the cache. */
void patcache_finish(struct patcache *pc, int write);

#endif
