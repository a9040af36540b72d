/* text: small UTF-8 helpers shared by every stage (no allocation). */
#ifndef WHOSAID_TEXT_H
#define WHOSAID_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the code point at s[i] (i < end); invalid bytes decode as
 * U+FFFD with length 1. Returns the length in bytes. */
size_t text_decode(const char *s, size_t i, size_t end, int32_t *cp);
/* Letter, digit or combining mark at i. */
int text_is_word_char(const char *s, size_t i, size_t end);
/* Uppercase or titlecase letter at i. */
int text_is_upper(const char *s, size_t i, size_t end);
int text_is_lower(const char *s, size_t i, size_t end);
/* Start of the code point that ends just before i. */
size_t text_prev(const char *s, size_t start, size_t i);

#endif
