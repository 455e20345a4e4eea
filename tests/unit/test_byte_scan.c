/*
 * test_byte_scan.c - unit tests of byte_scan.h: each word-at-a-time scan
 * against a byte-at-a-time reference, for the searched byte at every
 * position of every length of buffer and at every alignment, with every
 * byte value before it (borrows and carries between the bytes of a word are
 * where such scans go wrong). The escaper that uses one of them is tested
 * in test_xml_escape.c.
 */
#include "test_support.h"

#include "base/byte_scan.h"

#include <string.h>

#define MAXLEN 40
#define ALIGNS 8

static size_t ref_not_printable(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] >= 0x80)
            return i;
    return n;
}

static size_t ref_xml_special(const unsigned char *p, size_t n,
                              unsigned char also)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || strchr("&<>\"", p[i]) || p[i] == 0xEF || p[i] == also)
            return i;
    return n;
}

static size_t ref_pair(const unsigned char *p, size_t n, unsigned char c)
{
    for (size_t i = 0; i + 1 < n; i++)
        if (p[i] == c && p[i + 1] == c)
            return i;
    return n;
}

/* Buffers of plain bytes with `b` at position `at` (and `before` in the
 * byte below it), every alignment and length. */
static void each_buffer(void (*check)(const unsigned char *, size_t))
{
    static unsigned char mem[MAXLEN + ALIGNS + 8];
    for (unsigned b = 0; b < 256; b++)
        for (size_t align = 0; align < ALIGNS; align++)
            for (size_t n = 0; n <= MAXLEN; n++)
                for (size_t at = 0; at <= n; at++) {
                    unsigned char *p = mem + align;
                    memset(mem, 'a', sizeof mem);
                    if (at < n)
                        p[at] = (unsigned char)b;
                    if (at + 1 < n)
                        p[at + 1] = (unsigned char)(255 - b); /* what follows */
                    check(p, n);
                }
}

static void check_not_printable(const unsigned char *p, size_t n)
{
    assert_int_equal(bc_byte_scan_not_printable(p, n), ref_not_printable(p, n));
}

static void check_xml_special(const unsigned char *p, size_t n)
{
    /* no byte of its own ('&' is one of the specials), and "{" */
    assert_int_equal(bc_byte_scan_xml_special(p, n, '&'), ref_xml_special(p, n, '&'));
    assert_int_equal(bc_byte_scan_xml_special(p, n, '{'), ref_xml_special(p, n, '{'));
}

static void check_pair(const unsigned char *p, size_t n)
{
    assert_int_equal(bc_byte_scan_pair(p, n, ' '), ref_pair(p, n, ' '));
    assert_int_equal(bc_byte_scan_pair(p, n, 0xFF), ref_pair(p, n, 0xFF));
}

static void test_not_printable(void **state)
{
    (void)state;
    each_buffer(check_not_printable);
}

static void test_xml_special(void **state)
{
    (void)state;
    each_buffer(check_xml_special);
}

/* Two searched bytes in a row at every position, and single ones next to
 * bytes a borrow would turn into a false pair (' ' then '!'). */
static void test_pair(void **state)
{
    (void)state;
    each_buffer(check_pair);
    static unsigned char mem[MAXLEN + ALIGNS];
    for (size_t align = 0; align < ALIGNS; align++)
        for (size_t n = 0; n <= MAXLEN; n++)
            for (size_t at = 0; at + 1 < n; at++) {
                unsigned char *p = mem + align;
                for (size_t i = 0; i < n; i++)
                    p[i] = i % 2 ? '!' : ' '; /* single spaces only */
                assert_int_equal(bc_byte_scan_pair(p, n, ' '), n);
                p[at] = p[at + 1] = ' ';
                assert_int_equal(bc_byte_scan_pair(p, n, ' '), ref_pair(p, n, ' '));
                assert_true(bc_byte_scan_pair(p, n, ' ') <= at);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_printable),
        cmocka_unit_test(test_xml_special),
        cmocka_unit_test(test_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
