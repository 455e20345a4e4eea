/*
 * utf8.h - Unicode operations through utf8proc: validation,
 * NFC normalisation, Vietnamese-correct upper case, ASCII folding.
 * Results are malloc'd (the caller frees them) and NUL-terminated.
 */
#ifndef BC_UNICODE_TEXT_H
#define BC_UNICODE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s[0..n) is valid UTF-8; otherwise *bad (may be NULL) gets the
 * byte offset of the first invalid sequence. */
bool bc_utf8_valid(const char *s, size_t n, size_t *bad);
/* True when s is already NFC (a fast quick check; most text is). */
bool bc_utf8_is_nfc(const char *s, size_t n);
/* NFC form of s (a copy even when s is already NFC). */
char *bc_utf8_nfc(const char *s, size_t n, size_t *out_len);
/* Upper case by Unicode case mapping, NFC: "ủy ban" -> "ỦY BAN", đ -> Đ. */
char *bc_utf8_upper(const char *s, size_t n, size_t *out_len);
/* Lower case, NFC. */
char *bc_utf8_lower(const char *s, size_t n, size_t *out_len);
/* ASCII fold: diacritics removed, đ/Đ -> d, lower case: "Cẩm Vũ" -> "cam vu".
 * Characters with no ASCII form are dropped. */
char *bc_utf8_fold_ascii(const char *s, size_t n, size_t *out_len);
/* First XML-illegal code point in s (C0 controls other than tab, LF, CR;
 * U+FFFE; U+FFFF), or 0 when there is none; *offset gets its byte offset. */
unsigned bc_utf8_xml_illegal(const char *s, size_t n, size_t *offset);
/* What the screens and escapers return for U+0000, which 0 ("none")
 * cannot stand for; bc_utf8_shown gives the code point to print. */
#define BC_UTF8_NUL 0x110000u
static inline unsigned bc_utf8_shown(unsigned cp)
{
    return cp == BC_UTF8_NUL ? 0 : cp;
}
/* Both checks a value gets when read, in one pass: returns what
 * bc_utf8_xml_illegal returns (with *offset), and when that is 0 sets *nfc to
 * what bc_utf8_is_nfc returns. */
unsigned bc_utf8_screen(const char *s, size_t n, size_t *offset, bool *nfc);
/* Number of code points in s. */
size_t bc_utf8_length(const char *s, size_t n);

/* Optimal string alignment distance of two byte strings (edits and
 * adjacent transpositions), 99 past 40 bytes. */
size_t bc_utf8_distance(const char *a, size_t n, const char *b, size_t m);
/* The distance of two names as a clerk would confuse them: both folded
 * (diacritics and case, bc_utf8_fold_ascii) and without underscores. */
size_t bc_utf8_name_distance(const char *a, size_t n, const char *b, size_t m);

#endif
