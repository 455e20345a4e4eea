/*
 * import_words.h - word boundaries in an imported report's text, for the
 * matches that must be whole words (a period phrase, an agency's name).
 */
#ifndef BC_IMPORT_WORDS_H
#define BC_IMPORT_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The code point that ends at s[i - 1] (0 at the start). */
int32_t bc_import_words_cp_before(const char *s, size_t i);
/* The code point that starts at s (0 at its end). */
int32_t bc_import_words_cp_at(const char *s);
/* A letter, a mark, a digit or '_': what a whole word must not run into. */
bool bc_import_words_is_word_char(int32_t cp);
/* Whether s[i, i + n) is whole words: no word character just before or
 * just after it. */
bool bc_import_words_bounded(const char *s, size_t i, size_t n);

#endif
