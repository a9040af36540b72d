#include "text.h"

#include <string.h>
#include <utf8proc.h>

size_t text_decode(const char *s, size_t i, size_t end, int32_t *cp)
{
	unsigned char c = (unsigned char)s[i];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	utf8proc_int32_t v;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
					      (utf8proc_ssize_t)(end - i), &v);
	if (n <= 0) {
		*cp = 0xfffd;
		return 1;
	}
	*cp = v;
	return (size_t)n;
}

int text_is_word_char_mb(const char *s, size_t i, size_t end)
{
	int32_t cp;
	text_decode(s, i, end, &cp);
	utf8proc_category_t cat = utf8proc_category(cp);
	return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME) ||
	       (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO);
}

int text_is_upper_mb(const char *s, size_t i, size_t end)
{
	int32_t cp;
	text_decode(s, i, end, &cp);
	utf8proc_category_t cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
}

int text_is_lower_mb(const char *s, size_t i, size_t end)
{
	int32_t cp;
	text_decode(s, i, end, &cp);
	return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}

int text_title_small_word(const char *w, size_t n)
{
	static const char *const small[] = { "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on",
					     "at", "to", "for", "with", "by", "from", "as", "is", "vs", NULL };
	for (int k = 0; small[k]; k++)
		if (n && small[k][0] == w[0] && strlen(small[k]) == n && !memcmp(small[k], w, n))
			return 1;
	return 0;
}

size_t text_prev(const char *s, size_t start, size_t i)
{
	if (i <= start)
		return start;
	i--;
	while (i > start && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}
