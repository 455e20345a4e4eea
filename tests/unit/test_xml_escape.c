/*
 * test_xml_escape.c - unit tests of the one XML escaper (package/
 * xml_escape.h) and of each table the program escapes with: template
 * text and attributes, one-line properties, and a WordprocessingML run
 * (wml/wml.h), each against a byte-by-byte reference with every special
 * byte at every position of a Vietnamese text (the scan skips 8 or 16
 * bytes at a time, so a byte at a block's edge is where it would go
 * wrong).
 */
#include "test_support.h"

#include "base/buf.h"
#include "package/xml_escape.h"
#include "wml/wml.h"

#include <string.h>

typedef enum { TEXT, ATTR, LINE, RUN, RUN_RAW } table;

/* The reference: what each byte becomes, one at a time. Returns the
 * refused code point or 0. */
static unsigned ref_escape(table t, bc_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        bool run = t == RUN || t == RUN_RAW;
        if (run && c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF))
            return (unsigned char)s[i + 2] == 0xBE ? 0xFFFE : 0xFFFF;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = t == ATTR || t == RUN ? "&quot;" : NULL; break;
        case '{': rep = t == TEXT || t == ATTR ? "&#123;" : NULL; break;
        case '\r': rep = t == TEXT || t == ATTR ? "&#13;" : run ? "" : NULL; break;
        case '\n':
            rep = t == ATTR ? "&#10;" : t == LINE ? " "
                : run ? "</w:t><w:br/><w:t xml:space=\"preserve\">" : NULL;
            break;
        case '\t':
            rep = t == ATTR ? "&#9;"
                : run ? "</w:t><w:tab/><w:t xml:space=\"preserve\">" : NULL;
            break;
        default:
            if (run && c < 0x20)
                return c;
            break;
        }
        if (rep)
            bc_buf_puts(out, rep);
        else
            bc_buf_putc(out, (char)c);
    }
    return 0;
}

static unsigned escape(table t, bc_buf *out, const char *s, size_t n)
{
    switch (t) {
    case TEXT: return bc_xml_escape(out, s, n, &bc_xml_escape_text);
    case ATTR: return bc_xml_escape(out, s, n, &bc_xml_escape_attr);
    case LINE: return bc_xml_escape(out, s, n, &bc_xml_escape_line);
    case RUN: return bc_wml_escape_run(out, s, n, false);
    default: return bc_wml_escape_run(out, s, n, true);
    }
}

static void test_every_table_every_position(void **state)
{
    (void)state;
    const char *specials[] = {"&", "<", ">", "\"", "{", "\n", "\t", "\r", "\x01",
                              "\x1F", "\xEF\xBB\xBF", "\xE1\xBB\x99", "\xEF\xBF\xBE",
                              "\xEF\xBF\xBF", "}"};
    const char text[] = "Ki\xE1\xBB\x83m tra s\xE1\xBB\x91 li\xE1\xBB\x87u 2024 c\xE1\xBB\xA7"
                        "a x\xC3\xA3";
    for (table t = TEXT; t <= RUN_RAW; t++)
        for (size_t k = 0; k < sizeof specials / sizeof *specials; k++)
            for (size_t at = 0; at <= sizeof text - 1; at++) {
                char in[96];
                size_t sl = strlen(specials[k]);
                memcpy(in, text, at);
                memcpy(in + at, specials[k], sl);
                memcpy(in + at + sl, text + at, sizeof text - 1 - at);
                size_t n = sizeof text - 1 + sl;
                bc_buf got = BC_BUF_INIT, want = BC_BUF_INIT;
                unsigned cp = escape(t, &got, in, n);
                unsigned want_cp = ref_escape(t, &want, in, n);
                assert_int_equal(cp, want_cp);
                assert_string_equal(bc_buf_cstr(&got), bc_buf_cstr(&want));
                bc_buf_free(&got);
                bc_buf_free(&want);
            }
}

/* A refused character stops the escaping where it is, with what came
 * before it written. */
static void test_refused_stops_there(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    assert_int_equal(bc_wml_escape_run(&b, "a<b\x07tail", 8, false), 0x07);
    assert_string_equal(bc_buf_cstr(&b), "a&lt;b");
    bc_buf_clear(&b);
    assert_int_equal(bc_wml_escape_run(&b, "x\xEF\xBF\xBFy", 5, true), 0xFFFF);
    assert_string_equal(bc_buf_cstr(&b), "x");
    bc_buf_clear(&b);
    /* the tables outside a run copy what a run refuses */
    assert_int_equal(bc_xml_escape(&b, "\x07\xEF\xBF\xBE", 4, &bc_xml_escape_text), 0);
    assert_string_equal(bc_buf_cstr(&b), "\x07\xEF\xBF\xBE");
    bc_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_table_every_position),
        cmocka_unit_test(test_refused_stops_there),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
