/*
 * test_byte_scan.c - unit tests of byte_scan.h: each word-at-a-time scan
 * against a byte-at-a-time reference, for the searched byte at every
 * position of every length of buffer and at every alignment, with every
 * byte value before it (borrows and carries between the bytes of a word are
 * where such scans go wrong); and the XML escaper that uses one of them,
 * against a reference escaper at every position.
 */
#include "test_support.h"

#include "base/buf.h"
#include "base/byte_scan.h"
#include "mustache/mustache.h"

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

static size_t ref_xml_special(const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || strchr("&<>\"", p[i]) || p[i] == 0xEF)
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
    assert_int_equal(bc_byte_scan_xml_special(p, n), ref_xml_special(p, n));
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

/* The reference: the entity or the run break of each byte, in order. */
static void ref_escape(bc_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '&': bc_buf_puts(out, "&amp;"); break;
        case '<': bc_buf_puts(out, "&lt;"); break;
        case '>': bc_buf_puts(out, "&gt;"); break;
        case '"': bc_buf_puts(out, "&quot;"); break;
        case '\n':
            bc_buf_puts(out, "</w:t><w:br/><w:t xml:space=\"preserve\">");
            break;
        case '\t':
            bc_buf_puts(out, "</w:t><w:tab/><w:t xml:space=\"preserve\">");
            break;
        case '\r': break;
        default: bc_buf_putc(out, s[i]); break;
        }
    }
}

static void test_escape_every_position(void **state)
{
    (void)state;
    const char *specials[] = {"&", "<", ">", "\"", "\n", "\t", "\r",
                              "\xEF\xBB\xBF", "\xE1\xBB\x99", "\xEF\xBF\xBE"};
    const char text[] = "Ki\xE1\xBB\x83m tra s\xE1\xBB\x91 li\xE1\xBB\x87u 2024";
    for (size_t k = 0; k < sizeof specials / sizeof *specials; k++)
        for (size_t at = 0; at <= sizeof text - 1; at++) {
            char in[64];
            size_t sl = strlen(specials[k]);
            memcpy(in, text, at);
            memcpy(in + at, specials[k], sl);
            memcpy(in + at + sl, text + at, sizeof text - 1 - at);
            size_t n = sizeof text - 1 + sl;
            bc_buf got = BC_BUF_INIT, want = BC_BUF_INIT;
            unsigned cp = bc_mustache_escape_xml(&got, in, n, false);
            if (strcmp(specials[k], "\xEF\xBF\xBE") == 0) {
                assert_int_equal(cp, 0xFFFE); /* U+FFFE is refused */
            } else {
                assert_int_equal(cp, 0);
                ref_escape(&want, in, n);
                assert_string_equal(bc_buf_cstr(&got), bc_buf_cstr(&want));
            }
            bc_buf_free(&got);
            bc_buf_free(&want);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_printable),
        cmocka_unit_test(test_xml_special),
        cmocka_unit_test(test_pair),
        cmocka_unit_test(test_escape_every_position),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
