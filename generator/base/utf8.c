/*
 * utf8.c - Unicode operations through utf8proc: UTF-8 validation,
 * NFC, Vietnamese-correct upper/lower case, ASCII folding, XML legality.
 *
 * Every transformation decodes to code points with utf8proc, works there
 * and re-encodes with utf8proc; no case or normalisation table lives here.
 * The one hand-written mapping is đ/Đ -> d in bc_utf8_fold_ascii: Unicode gives
 * đ no decomposition (it is a letter of its own, not d plus a mark), yet
 * every Vietnamese file name writes it as "d".
 *
 * Input that is not valid UTF-8 is never rejected by these functions: each
 * byte of an invalid sequence is read as U+FFFD first. Callers that must
 * refuse such input check bc_utf8_valid (the YAML loader does).
 * Allocation goes through bc_xmalloc (aborts on exhaustion).
 */
#include "base/utf8.h"

#include "base/xalloc.h"
#include "base/byte_scan.h"

#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#define NFC_OPTS ((utf8proc_option_t)(UTF8PROC_COMPOSE | UTF8PROC_STABLE))

/* utf8proc takes signed lengths; clamp (strings that long do not occur). */
static utf8proc_ssize_t slen(size_t n)
{
    return n > (size_t)0x3fffffff ? 0x3fffffff : (utf8proc_ssize_t)n;
}

/* ---- byte-level fast paths ---------------------------------------------------
 * Most text is ASCII, Latin letters and Vietnamese letters. A two-byte
 * sequence with lead C2..DF and a three-byte one with lead E1..EC or EE and
 * two continuation bytes are well-formed whatever they hold (E0 and ED,
 * which can be overlong or surrogates, and EF, which holds U+FFFE/FFFF, are
 * left to utf8proc), so these tests skip them without decoding. */
static bool S_cont(utf8proc_uint8_t b)
{
    return (b & 0xC0) == 0x80;
}

/* Bytes of the sequence at p[0..left) when it is a well-formed two- or
 * three-byte sequence that cannot be U+FFFE/U+FFFF, else 0. */
static size_t S_plain_multibyte(const utf8proc_uint8_t *p, size_t left)
{
    utf8proc_uint8_t b = p[0];
    if (b >= 0xC2 && b <= 0xDF && left >= 2 && S_cont(p[1]))
        return 2;
    if (((b >= 0xE1 && b <= 0xEC) || b == 0xEE) && left >= 3 && S_cont(p[1]) &&
        S_cont(p[2]))
        return 3;
    return 0;
}

bool bc_utf8_valid(const char *s, size_t n, size_t *bad)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t plain = S_plain_multibyte(p + i, n - i);
        if (plain) {
            i += plain;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, slen(n - i), &cp);
        if (k <= 0) {
            if (bad)
                *bad = i;
            return false;
        }
        i += (size_t)k;
    }
    return true;
}

/* A copy of s in which every byte of an invalid sequence is U+FFFD. */
static char *sanitize(const char *s, size_t n, size_t *out_n)
{
    char *out = bc_xmalloc(n * 3 + 1);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, slen(n - i), &cp);
        if (k <= 0) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(out + o, s + i, (size_t)k);
            o += (size_t)k;
            i += (size_t)k;
        }
    }
    out[o] = '\0';
    *out_n = o;
    return out;
}

/* Decodes s into code points with utf8proc_decompose(opts). The buffer has
 * one spare entry so utf8proc_reencode can work in place. */
static utf8proc_int32_t *decompose(const char *s, size_t n, utf8proc_option_t opts,
                                   utf8proc_ssize_t *len)
{
    char *clean = NULL;
    if (!bc_utf8_valid(s, n, NULL)) {
        clean = sanitize(s, n, &n);
        s = clean;
    }
    utf8proc_ssize_t cap = slen(n) + 8;
    utf8proc_int32_t *buf = bc_xmalloc(((size_t)cap + 1) * sizeof *buf);
    for (;;) {
        utf8proc_ssize_t r = utf8proc_decompose((const utf8proc_uint8_t *)s, slen(n),
                                                buf, cap, opts);
        if (r < 0) {            /* cannot happen on valid UTF-8 */
            r = 0;
        }
        if (r <= cap) {
            *len = r;
            break;
        }
        cap = r;
        buf = bc_xrealloc(buf, ((size_t)cap + 1) * sizeof *buf);
    }
    free(clean);
    return buf;
}

/* Turns the code point buffer (len + 1 entries) into a NUL-terminated UTF-8
 * string in place, composing when opts says so. */
static char *reencode(utf8proc_int32_t *buf, utf8proc_ssize_t len, utf8proc_option_t opts,
                      size_t *out_len)
{
    utf8proc_ssize_t r = utf8proc_reencode(buf, len, opts);
    if (r < 0)
        r = 0;
    char *out = (char *)buf;
    out[r] = '\0';
    if (out_len)
        *out_len = (size_t)r;
    return out;
}

/* Code points that are NFC on their own and never take part in a
 * composition with what precedes them (no combining class, not a second
 * character of any canonical pair): everything below the combining marks,
 * Latin Extended Additional (the precomposed Vietnamese letters), general
 * punctuation but the two singletons U+2000 and U+2001 (quotes, dashes,
 * ellipsis), and currency signs (₫). test_utf8 checks every one. */
static bool nfc_safe(utf8proc_int32_t cp)
{
    return cp < 0x300 || (cp >= 0x1E00 && cp <= 0x1EFF) ||
           (cp >= 0x2002 && cp <= 0x206F) || (cp >= 0x20A0 && cp <= 0x20CF);
}

/* Bytes of the sequence at p[0..left) when it is a well-formed character
 * of U+0080..U+02FF (lead C2..CB) or U+1E00..U+1EFF (E1 B8..BB): legal,
 * and NFC without decoding; else 0. Inlined: a call per letter cost the
 * value screen a third of its time. */
static inline __attribute__((always_inline)) size_t
S_nfc_multibyte(const utf8proc_uint8_t *p, size_t left)
{
    if (p[0] >= 0xC2 && p[0] <= 0xCB && left >= 2 && S_cont(p[1]))
        return 2;
    if (p[0] == 0xE1 && left >= 3 && p[1] >= 0xB8 && p[1] <= 0xBB && S_cont(p[2]))
        return 3;
    return 0;
}

bool bc_utf8_is_nfc(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    bool simple = true;
    while (i < n) {
        utf8proc_uint8_t b = p[i];
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t safe = S_nfc_multibyte(p + i, n - i);
        if (safe) {
            i += safe;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, slen(n - i), &cp);
        if (k <= 0)
            return false;       /* not UTF-8, so not NFC UTF-8 */
        if (!nfc_safe(cp)) {
            simple = false;
            break;
        }
        i += (size_t)k;
    }
    if (simple)
        return true;
    size_t m;
    char *t = bc_utf8_nfc(s, n, &m);
    bool same = m == n && memcmp(t, s, n) == 0;
    free(t);
    return same;
}

char *bc_utf8_nfc(const char *s, size_t n, size_t *out_len)
{
    utf8proc_ssize_t len;
    utf8proc_int32_t *buf = decompose(s, n, NFC_OPTS, &len);
    return reencode(buf, len, NFC_OPTS, out_len);
}

/* NFC, then a simple case mapping of every code point, then NFC again (the
 * mapping may leave a base and a mark that compose). Working on NFC code
 * points gives the same result for NFC and NFD input. */
static char *map_case(const char *s, size_t n, utf8proc_int32_t (*f)(utf8proc_int32_t),
                      size_t *out_len)
{
    /* Fast path: valid NFC input (Vietnamese text is precomposed) mapped
     * code point by code point; kept when the result is NFC as well,
     * which is what the slow path below would give. */
    if (bc_utf8_valid(s, n, NULL) && bc_utf8_is_nfc(s, n)) {
        char *out = malloc(n * 2 + 8);
        if (!out)
            abort();
        size_t o = 0;
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
        /* ASCII letters map to ASCII letters: no table look-up for them */
        const bool upper = f == utf8proc_toupper;
        size_t i = 0;
        while (i < n) {
            if (p[i] < 0x80) {
                char ch = (char)p[i++];
                if (upper && ch >= 'a' && ch <= 'z')
                    ch = (char)(ch - 'a' + 'A');
                else if (!upper && ch >= 'A' && ch <= 'Z')
                    ch = (char)(ch - 'A' + 'a');
                out[o++] = ch;
                continue;
            }
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p + i, slen(n - i), &cp);
            if (k <= 0)
                break;
            utf8proc_int32_t m = f(cp);
            if (o + 4 > n * 2 + 4) /* a mapping grew too much: slow path */
                break;
            o += (size_t)utf8proc_encode_char(m, (utf8proc_uint8_t *)out + o);
            i += (size_t)k;
        }
        if (i == n) {
            out[o] = '\0';
            if (bc_utf8_is_nfc(out, o)) {
                *out_len = o;
                return out;
            }
        }
        free(out);
    }
    utf8proc_ssize_t len;
    utf8proc_int32_t *buf = decompose(s, n, NFC_OPTS, &len);
    len = utf8proc_normalize_utf32(buf, len, NFC_OPTS);
    if (len < 0)
        len = 0;
    for (utf8proc_ssize_t i = 0; i < len; i++)
        buf[i] = f(buf[i]);
    size_t mid_len;
    char *mid = reencode(buf, len, 0, &mid_len);
    char *out = bc_utf8_nfc(mid, mid_len, out_len);
    free(mid);
    return out;
}

char *bc_utf8_upper(const char *s, size_t n, size_t *out_len)
{
    return map_case(s, n, utf8proc_toupper, out_len);
}

char *bc_utf8_lower(const char *s, size_t n, size_t *out_len)
{
    return map_case(s, n, utf8proc_tolower, out_len);
}

char *bc_utf8_fold_ascii(const char *s, size_t n, size_t *out_len)
{
    /* Compatibility decomposition (ﬁ -> fi, full-width -> ASCII, NBSP ->
     * space), marks stripped, case folded (Đ -> đ, ß -> ss), default
     * ignorables (soft hyphen, zero-width space) removed. */
    const utf8proc_option_t opts = (utf8proc_option_t)(
        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
        UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STABLE);
    utf8proc_ssize_t len;
    utf8proc_int32_t *buf = decompose(s, n, opts, &len);
    char *out = (char *)buf;    /* at most one byte per code point */
    size_t o = 0;
    for (utf8proc_ssize_t i = 0; i < len; i++) {
        utf8proc_int32_t cp = buf[i];
        if (cp == 0x0111 || cp == 0x0110)   /* đ Đ: no decomposition */
            cp = 'd';
        if (cp < 0x80)
            out[o++] = (char)cp;    /* o <= i: never overtakes the reads */
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

/* The XML-illegal check, and with nfc the NFC quick check on the way.
 * Vietnamese text puts a multi-byte letter every few bytes: the ASCII up
 * to the next one is skipped a word at a time, then that letter is taken
 * by the two precomposed ranges when it is in them. */
static unsigned S_screen(const char *s, size_t n, size_t *offset, bool *nfc)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    bool simple = true;
    while (i < n) {
        i += bc_byte_scan_not_printable(p + i, n - i);
        if (i == n)
            break;
        size_t safe = S_nfc_multibyte(p + i, n - i);
        if (safe) {
            i += safe;
            continue;
        }
        utf8proc_uint8_t b = p[i];
        if (b < 0x20) {
            if (b == '\t' || b == '\n' || b == '\r') {
                i++;
                continue;
            }
            if (offset)
                *offset = i;
            return b ? b : BC_UTF8_NUL;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, slen(n - i), &cp);
        if (k <= 0 || cp == 0xFFFE || cp == 0xFFFF) {
            if (offset)
                *offset = i;
            return k <= 0 ? 0xFFFDu : (unsigned)cp;
        }
        if (nfc && simple && !nfc_safe(cp))
            simple = false;
        i += (size_t)k;
    }
    if (nfc)
        *nfc = simple || bc_utf8_is_nfc(s, n);
    return 0;
}

/* U+0000 cannot be returned as itself (0 means "none"): it is
 * BC_UTF8_NUL; a byte of an invalid UTF-8 sequence has no code point and
 * is reported as U+FFFD, which is never otherwise illegal. */
unsigned bc_utf8_xml_illegal(const char *s, size_t n, size_t *offset)
{
    return S_screen(s, n, offset, NULL);
}

unsigned bc_utf8_screen(const char *s, size_t n, size_t *offset, bool *nfc)
{
    bool ignored;
    return S_screen(s, n, offset, nfc ? nfc : &ignored);
}

size_t bc_utf8_length(const char *s, size_t n)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0, count = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate(p + i, slen(n - i), &cp);
            i += k > 0 ? (size_t)k : 1;     /* an invalid byte counts one */
        }
        count++;
    }
    return count;
}

/* Optimal string alignment distance (edits and adjacent transpositions) of
 * two byte strings, capped at 99 past 40 bytes. */
size_t bc_utf8_distance(const char *a, size_t n, const char *b, size_t m)
{
    if (n > 40 || m > 40)
        return 99;
    size_t d[41][41];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < best)
                best = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}

size_t bc_utf8_name_distance(const char *a, size_t n, const char *b, size_t m)
{
    size_t fa, fb;
    char *x = bc_utf8_fold_ascii(a, n, &fa), *y = bc_utf8_fold_ascii(b, m, &fb);
    size_t d = 99;
    if (x && y) {
        /* underscores are free: `tinbai` is `tin_bai` */
        size_t w = 0;
        for (size_t i = 0; i < fa; i++)
            if (x[i] != '_')
                x[w++] = x[i];
        fa = w;
        w = 0;
        for (size_t i = 0; i < fb; i++)
            if (y[i] != '_')
                y[w++] = y[i];
        fb = w;
        d = bc_utf8_distance(x, fa, y, fb);
    }
    free(x);
    free(y);
    return d;
}
