/*
 * import_words.c - where a word starts and ends in an imported report's
 * text (import_words.h): code points read with utf8proc, a letter, mark
 * or digit being part of a word.
 */
#include "import/import_words.h"

#include <utf8proc.h>

/* The code point that ends at s[i - 1] (0 at the start). */
int32_t bc_import_words_cp_before(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    utf8proc_int32_t cp = 0;
    utf8proc_iterate((const utf8proc_uint8_t *)s + k, (utf8proc_ssize_t)(i - k), &cp);
    return cp;
}

int32_t bc_import_words_cp_at(const char *s)
{
    if (!*s)
        return 0;
    utf8proc_int32_t cp = 0;
    utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    return cp;
}

/* A letter or a digit: what a phrase must not run into. */
bool bc_import_words_is_word_char(int32_t cp)
{
    if (cp <= 0)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) || cp == '_';
}

bool bc_import_words_bounded(const char *s, size_t i, size_t n)
{
    return !bc_import_words_is_word_char(bc_import_words_cp_before(s, i)) &&
           !bc_import_words_is_word_char(bc_import_words_cp_at(s + i + n));
}
