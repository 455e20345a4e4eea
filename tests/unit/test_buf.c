/*
 * test_buf.c - the growable buffer: formatted appends of every length
 * around the room the buffer has (formatted once in place, or again after
 * growing), and decimal appends with zero padding, both against snprintf.
 */
#include "test_support.h"

#include "base/buf.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Appends "%s|%d" of every length from 0 to 300 after a prefix of every
 * length from 0 to 130, and compares the whole buffer with snprintf's. */
static void test_printf_every_length(void **state)
{
    (void)state;
    char text[301], prefix[131], want[600];
    memset(text, 'x', sizeof text);
    memset(prefix, 'p', sizeof prefix);
    for (size_t plen = 0; plen <= 130; plen += 1) {
        for (size_t tlen = 0; tlen <= 300; tlen += (tlen < 80 ? 1 : 37)) {
            bc_buf b = BC_BUF_INIT;
            bc_buf_put(&b, prefix, plen);
            bc_buf_printf(&b, "%.*s|%d", (int)tlen, text, -42);
            int n = snprintf(want, sizeof want, "%.*s%.*s|%d", (int)plen, prefix,
                             (int)tlen, text, -42);
            assert_int_equal(b.len, (size_t)n);
            assert_string_equal(bc_buf_cstr(&b), want);
            assert_true(b.cap > b.len);
            bc_buf_free(&b);
        }
    }
}

/* Several appends in a row keep what came before. */
static void test_printf_appends(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    char want[4096] = "";
    for (int i = 0; i < 100; i++) {
        bc_buf_printf(&b, "[%d:%s]", i, i % 7 ? "ab" : "a long piece of text, longer than sixty-four bytes on its own");
        size_t w = strlen(want);
        snprintf(want + w, sizeof want - w, "[%d:%s]", i, i % 7 ? "ab" : "a long piece of text, longer than sixty-four bytes on its own");
    }
    assert_string_equal(bc_buf_cstr(&b), want);
    assert_int_equal(b.len, strlen(want));
    bc_buf_free(&b);
}

static void S_uint_is(unsigned long long v, int width)
{
    char want[64];
    snprintf(want, sizeof want, "%0*llu", width, v);
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "<");
    bc_buf_put_uint(&b, v, width);
    bc_buf_puts(&b, ">");
    char got[80];
    snprintf(got, sizeof got, "<%s>", want);
    assert_string_equal(bc_buf_cstr(&b), got);
    assert_int_equal(b.len, strlen(got));
    bc_buf_free(&b);
}

static void test_put_uint(void **state)
{
    (void)state;
    const unsigned long long values[] = {0, 1, 9, 10, 99, 100, 2024, 65535, 4294967295ULL,
                                         1234567890123ULL, ULLONG_MAX};
    for (size_t i = 0; i < sizeof values / sizeof *values; i++)
        for (int width = 0; width <= 22; width++)
            S_uint_is(values[i], width);
    /* every value below 100000 unpadded, and padded to 2 and 4 */
    for (unsigned long long v = 0; v < 100000; v++) {
        S_uint_is(v, 0);
        if (v < 200) {
            S_uint_is(v, 2);
            S_uint_is(v, 4);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printf_every_length),
        cmocka_unit_test(test_printf_appends),
        cmocka_unit_test(test_put_uint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
