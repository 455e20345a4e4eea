/*
 * byte_scan.h - word-at-a-time searches for the first byte of a class,
 * shared by the value screen (base/utf8.c), the XML escaper
 * (package/xml_escape.c) and the double-space check (report/check_text.c),
 * which look at every byte of every value.
 *
 * Eight bytes are tested at once with borrow tricks on a 64-bit word. In
 * the fast tests a borrow only ever carries from a byte that is itself in
 * the class towards higher addresses, so the lowest flagged byte is always
 * a true one and its index is the count of trailing zero bits / 8
 * (little-endian machines; elsewhere the byte-at-a-time loop alone is
 * used). A test that looks at two neighbouring bytes needs every flag
 * exact, and uses bc_byte_scan_word_eq_exact.
 *
 * Where SSE2 is there (every x86-64), the two scans that run over long
 * stretches of text (the escaper's and the double-space check's) test 16
 * bytes at once with byte compares, before the word loop takes the tail.
 */
#ifndef BC_BYTE_SCAN_H
#define BC_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define BC_BYTE_SCAN_WORDS 1
#else
#define BC_BYTE_SCAN_WORDS 0
#endif

#if defined(__SSE2__)
#include <emmintrin.h>
#define BC_BYTE_SCAN_SSE2 1
#else
#define BC_BYTE_SCAN_SSE2 0
#endif

#define BC_BYTES8(b) (0x0101010101010101ULL * (uint64_t)(b))

/* The top bit of every byte of w equal to b (and possibly of bytes above
 * the first such one). */
static inline uint64_t bc_byte_scan_word_eq(uint64_t w, unsigned char b)
{
    uint64_t x = w ^ BC_BYTES8(b);
    return (x - BC_BYTES8(0x01)) & ~x & BC_BYTES8(0x80);
}

/* The top bit of every byte of w equal to b, and of no other byte (no
 * borrow crosses bytes: the sum of the low seven bits stays in its byte). */
static inline uint64_t bc_byte_scan_word_eq_exact(uint64_t w, unsigned char b)
{
    uint64_t x = w ^ BC_BYTES8(b);
    uint64_t t = (x & BC_BYTES8(0x7F)) + BC_BYTES8(0x7F);
    return ~(t | x | BC_BYTES8(0x7F));
}

/* Index of the first of two bytes equal to c in a row in p[0..n), or n. */
static inline size_t bc_byte_scan_pair(const unsigned char *p, size_t n, unsigned char c)
{
    size_t i = 0;
#if BC_BYTE_SCAN_SSE2
    /* bytes i..i+16, pairs starting at i..i+15 */
    const __m128i cc = _mm_set1_epi8((char)c);
    for (; i + 17 <= n; i += 16) {
        __m128i a = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i)), cc);
        __m128i b = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i + 1)), cc);
        int m = _mm_movemask_epi8(_mm_and_si128(a, b));
        if (m)
            return i + (size_t)__builtin_ctz((unsigned)m);
    }
#endif
#if BC_BYTE_SCAN_WORDS
    /* bytes i..i+7, pairs starting at i..i+6; the next word starts at i+7 */
    for (; i + 8 <= n; i += 7) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        uint64_t m = bc_byte_scan_word_eq_exact(w, c);
        m &= m >> 8;
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    for (; i + 1 < n; i++)
        if (p[i] == c && p[i + 1] == c)
            return i;
    return n;
}

/* Index of the first byte of p[0..n) that is not printable ASCII
 * (0x20..0x7F), or n. */
static inline size_t bc_byte_scan_not_printable(const unsigned char *p, size_t n)
{
    size_t i = 0;
#if BC_BYTE_SCAN_WORDS
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        uint64_t m = ((w - BC_BYTES8(0x20)) | w) & BC_BYTES8(0x80);
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    for (; i < n; i++)
        if (p[i] < 0x20 || p[i] >= 0x80)
            return i;
    return n;
}

/* Index of the first byte of p[0..n) that XML escaping looks at: a C0
 * control, & < > ", 0xEF (the lead of U+FFFE and U+FFFF), or `also` (an
 * ASCII byte one escaper gives a meaning of its own: "{" in template
 * text); or n. */
static inline size_t bc_byte_scan_xml_special(const unsigned char *p, size_t n,
                                              unsigned char also)
{
    size_t i = 0;
#if BC_BYTE_SCAN_SSE2
    const __m128i below = _mm_set1_epi8(0x1F);
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        /* v <= 0x1F unsigned: min(v, 0x1F) == v */
        __m128i m = _mm_cmpeq_epi8(_mm_min_epu8(v, below), v);
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('&')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('<')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('>')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xEF)));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, _mm_set1_epi8((char)also)));
        int bits = _mm_movemask_epi8(m);
        if (bits)
            return i + (size_t)__builtin_ctz((unsigned)bits);
    }
#endif
#if BC_BYTE_SCAN_WORDS
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, sizeof w);
        uint64_t m = ((w - BC_BYTES8(0x20)) & ~w & BC_BYTES8(0x80)) |
                     bc_byte_scan_word_eq(w, '&') | bc_byte_scan_word_eq(w, '<') |
                     bc_byte_scan_word_eq(w, '>') | bc_byte_scan_word_eq(w, '"') |
                     bc_byte_scan_word_eq(w, 0xEF) | bc_byte_scan_word_eq(w, also);
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
#endif
    for (; i < n; i++) {
        unsigned char c = p[i];
        if (c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == 0xEF ||
            c == also)
            return i;
    }
    return n;
}

#endif
