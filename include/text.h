/* text: small UTF-8 helpers shared by every stage (no allocation). */
#ifndef WHOSAID_TEXT_H
#define WHOSAID_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Decodes the code point at s[i] (i < end); invalid bytes decode as
 * U+FFFD with length 1. Returns the length in bytes. */
size_t text_decode(const char *s, size_t i, size_t end, int32_t *cp);
/* The tests below for a character past ASCII (text.c). */
int text_is_word_char_mb(const char *s, size_t i, size_t end);
int text_is_upper_mb(const char *s, size_t i, size_t end);
int text_is_lower_mb(const char *s, size_t i, size_t end);

/* Letter, digit or combining mark at i. (Inline: most text is ASCII, and
 * an ASCII byte is answered without a call.) */
static inline int text_is_word_char(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return text_is_word_char_mb(s, i, end);
}

/* Uppercase or titlecase letter at i. */
static inline int text_is_upper(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	return text_is_upper_mb(s, i, end);
}

static inline int text_is_lower(const char *s, size_t i, size_t end)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	return text_is_lower_mb(s, i, end);
}
/* An ASCII letter (isalpha() in the C locale, without the locale's
 * table: the scans of every byte of a sentence ask it). */
static inline int text_is_ascii_letter(char ch)
{
	return (unsigned)(((unsigned char)ch | 0x20) - 'a') < 26u;
}

/* Is s[a, b) ASCII letters only, one word of a cue form ("said", not
 * "point to")? */
static inline int text_is_ascii_word(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!text_is_ascii_letter(s[i]))
			return 0;
	return 1;
}

/* Is w[0, n) one of the short words Title Case leaves in lowercase
 * ("Orange is the New Black", "Guardians of Peace")? Exact bytes. */
int text_title_small_word(const char *w, size_t n);

/* Start of the code point that ends just before i. */
size_t text_prev(const char *s, size_t start, size_t i);

/* Eight bytes at p as one word: loops that look for a few bytes skip
 * plain text eight bytes at a time with text_has_byte8(). */
static inline uint64_t text_load8(const char *p)
{
	uint64_t x;
	memcpy(&x, p, 8);
	return x;
}

#define TEXT_BYTES8(b) (0x0101010101010101ULL * (b))

/* Some byte of x is b. */
static inline int text_has_byte8(uint64_t x, unsigned char b)
{
	uint64_t v = x ^ TEXT_BYTES8(b);
	return ((v - TEXT_BYTES8(0x01)) & ~v & TEXT_BYTES8(0x80)) != 0;
}

/* Some byte of x is 0x80 or above. */
static inline int text_has_high8(uint64_t x)
{
	return (x & TEXT_BYTES8(0x80)) != 0;
}

#endif
