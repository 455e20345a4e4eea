/*
 * check_words.c - the text tests the review's rules share (see
 * check_int.h): letters and case, whole words, tags left out, short
 * quotations for messages.
 */
#include "report/check_int.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

size_t bc_check_words_chars(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            k++;
    return k;
}

char *bc_check_words_untagged(const char *s, size_t n)
{
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < n;) {
        if (i + 1 < n && s[i] == '{' && s[i + 1] == '{') {
            const char *end = NULL;
            for (size_t j = i + 2; j + 1 < n; j++)
                if (s[j] == '}' && s[j + 1] == '}') {
                    end = s + j;
                    break;
                }
            if (end) {
                i = (size_t)(end - s) + 2;
                while (i < n && s[i] == '}')
                    i++;
                continue;
            }
        }
        bc_buf_putc(&b, s[i]);
        i++;
    }
    size_t len;
    char *t = bc_buf_detach(&b, &len);
    if (!t)
        return bc_xstrdup("");
    size_t a = 0;
    while (a < len && (t[a] == ' ' || t[a] == '\t' || t[a] == '\n'))
        a++;
    while (len > a && (t[len - 1] == ' ' || t[len - 1] == '\t' || t[len - 1] == '\n'))
        len--;
    memmove(t, t + a, len - a);
    t[len - a] = '\0';
    return t;
}

char *bc_check_words_quote(const char *s, size_t n)
{
    enum { MAX = 48 };
    size_t i = 0, k = 0;
    while (i < n && k < MAX) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        k++;
    }
    bc_buf b = BC_BUF_INIT;
    bc_buf_put(&b, s, i);
    if (i < n)
        bc_buf_puts(&b, "…");
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

bool bc_check_words_has_lower(const char *s, size_t n)
{
    bool ascii = true;
    for (size_t i = 0; i < n && ascii; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x80)
            ascii = false;
        else if (ch >= 'a' && ch <= 'z')
            return true;
    }
    if (ascii)
        return false;
    size_t m;
    char *up = bc_utf8_upper(s, n, &m);
    bool differs = m != n || memcmp(up, s, n) != 0;
    free(up);
    return differs;
}

bool bc_check_words_all_caps(const char *s, size_t n)
{
    if (bc_check_words_has_lower(s, n))
        return false;
    size_t m;
    char *low = bc_utf8_lower(s, n, &m);
    bool letters = m != n || memcmp(low, s, n) != 0;
    free(low);
    return letters;
}

bool bc_check_words_starts_upper(const char *s, size_t n)
{
    if (n == 0)
        return false;
    size_t k = 1;
    while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return !bc_check_words_has_lower(s, k) && bc_check_words_all_caps(s, k);
}

static bool S_word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch >= 0x80 || ch == '_';
}

long bc_check_words_find(const char *s, size_t n, const char *w)
{
    size_t m;
    char *low = bc_utf8_lower(s, n, &m);
    size_t wl = strlen(w);
    long found = -1;
    for (const char *p = low; (p = strstr(p, w)) != NULL; p++) {
        size_t at = (size_t)(p - low);
        bool before = at == 0 || !S_word_byte((unsigned char)low[at - 1]);
        bool after = at + wl >= m || !S_word_byte((unsigned char)low[at + wl]);
        if (before && after) {
            /* Lower-casing keeps Vietnamese text's byte lengths, so the
             * offset holds in s; clamp in case it did not. */
            found = (long)(at < n ? at : n);
            break;
        }
    }
    free(low);
    return found;
}

bool bc_check_words_starts_word(const char *s, size_t n, const char *w)
{
    /* only the first letters matter: lower-case a prefix a little longer
     * than w (whole characters), not the whole text */
    size_t k = strlen(w) * 2 + 8;
    if (k < n) {
        while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
        n = k;
    }
    size_t m;
    char *low = bc_utf8_lower(s, n, &m);
    size_t wl = strlen(w);
    bool yes = m >= wl && memcmp(low, w, wl) == 0 &&
               (m == wl || low[wl] == ' ' || low[wl] == '\t');
    free(low);
    return yes;
}

