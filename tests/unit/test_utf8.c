/*
 * test_utf8.c - unit tests of base/utf8.c: validation, NFC,
 * Vietnamese upper/lower case on NFC and NFD input, ASCII folding, XML
 * legality, code point counting.
 */
#include "test_support.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* NFD spellings built from base letters and combining marks. */
#define U_GRAVE "\xCC\x80"      /* U+0300 */
#define U_ACUTE "\xCC\x81"      /* U+0301 */
#define U_CIRC "\xCC\x82"       /* U+0302 */
#define U_TILDE "\xCC\x83"      /* U+0303 */
#define U_BREVE "\xCC\x86"      /* U+0306 */
#define U_HOOK "\xCC\x89"       /* U+0309 */
#define U_HORN "\xCC\x9B"       /* U+031B */
#define U_DOT "\xCC\xA3"        /* U+0323 */

typedef char *(*xform)(const char *, size_t, size_t *);

static void check(xform f, const char *in, const char *want)
{
    size_t len = 12345;
    char *got = f(in, strlen(in), &len);
    assert_non_null(got);
    assert_string_equal(got, want);
    assert_int_equal(len, strlen(want));
    free(got);
}

static void test_valid(void **state)
{
    (void)state;
    size_t bad = 99;
    assert_true(bc_utf8_valid("", 0, &bad));
    assert_true(bc_utf8_valid("abc", 3, &bad));
    const char *vi = "Ủy ban nhân dân xã Cẩm Vũ 😀";
    assert_true(bc_utf8_valid(vi, strlen(vi), NULL));
    assert_false(bc_utf8_valid("ab\xC3", 3, &bad));         /* truncated */
    assert_int_equal(bad, 2);
    assert_false(bc_utf8_valid("a\xC0\x80", 3, &bad));      /* overlong NUL */
    assert_int_equal(bad, 1);
    assert_false(bc_utf8_valid("\xED\xA0\x80", 3, &bad));   /* surrogate */
    assert_int_equal(bad, 0);
    assert_false(bc_utf8_valid("xy\xF4\x90\x80\x80", 6, &bad)); /* > U+10FFFF */
    assert_int_equal(bad, 2);
    assert_false(bc_utf8_valid("\x80", 1, NULL));
    /* Length is honoured: the cut sequence is outside. */
    assert_true(bc_utf8_valid("ab\xC3\xA1", 2, NULL));
    /* An embedded NUL is a valid code point. */
    assert_true(bc_utf8_valid("a\0b", 3, NULL));
    /* the byte-level fast path stops at what it cannot vouch for */
    assert_false(bc_utf8_valid("ạ\xE1\xBA", 5, &bad));        /* cut 3-byte */
    assert_int_equal(bad, 3);
    assert_false(bc_utf8_valid("ạ\xE1\xBA\x41", 6, &bad));    /* bad third */
    assert_int_equal(bad, 3);
    assert_false(bc_utf8_valid("Việt\xC3\x41", 8, &bad));      /* bad second */
    assert_int_equal(bad, 6);
    assert_false(bc_utf8_valid("ạ\xE0\x80\x80", 6, &bad));    /* overlong */
    assert_int_equal(bad, 3);
}

static void test_is_nfc(void **state)
{
    (void)state;
    assert_true(bc_utf8_is_nfc("", 0));
    assert_true(bc_utf8_is_nfc("plain ASCII", 11));
    const char *nfc = "Cộng hòa xã hội chủ nghĩa Việt Nam – “Độc lập”";
    assert_true(bc_utf8_is_nfc(nfc, strlen(nfc)));
    const char *nfd = "Co" U_DOT U_CIRC "ng";
    assert_false(bc_utf8_is_nfc(nfd, strlen(nfd)));
    const char *wrong_order = "o" U_CIRC U_DOT;  /* canonical order is dot first */
    assert_false(bc_utf8_is_nfc(wrong_order, strlen(wrong_order)));
    /* Precomposed letter followed by a mark that composes with it. */
    const char *ae = "\xE1\xBA\xA1" U_CIRC;     /* ạ + ̂ = ậ */
    assert_false(bc_utf8_is_nfc(ae, strlen(ae)));
    /* A mark that has nothing to compose with is still NFC. */
    const char *lone = "x" U_HOOK;
    assert_true(bc_utf8_is_nfc(lone, strlen(lone)));
    /* U+2126 OHM SIGN is not NFC (singleton decomposition to U+03A9). */
    assert_false(bc_utf8_is_nfc("\xE2\x84\xA6", 3));
    assert_false(bc_utf8_is_nfc("\xC3", 1));
}

/* The fast path of bc_utf8_is_nfc assumes every code point below U+0300, in
 * U+1E00..U+1EFF, U+2002..U+206F and U+20A0..U+20CF is NFC on its own and
 * never combines with what precedes it: check that against utf8proc. */
static void test_is_nfc_fast_path_sound(void **state)
{
    (void)state;
    for (utf8proc_int32_t cp = 1; cp < 0x20D0; cp++) {
        if (cp == 0x300)
            cp = 0x1E00;
        if (cp == 0x1F00)
            cp = 0x2002;
        if (cp == 0x2070)
            cp = 0x20A0;
        if (!utf8proc_codepoint_valid(cp) ||
            utf8proc_get_property(cp)->category == UTF8PROC_CATEGORY_CN)
            continue;
        const utf8proc_property_t *p = utf8proc_get_property(cp);
        assert_int_equal(p->combining_class, 0);
        utf8proc_uint8_t one[8], pair[16];
        utf8proc_ssize_t l = utf8proc_encode_char(cp, one);
        one[l] = 0;
        size_t got_len;
        char *got = bc_utf8_nfc((const char *)one, (size_t)l, &got_len);
        assert_int_equal(got_len, (size_t)l);
        assert_memory_equal(got, one, (size_t)l);
        free(got);
        /* Never the second of a composition: after a few bases. */
        static const utf8proc_int32_t bases[] = {'a', 'e', 'o', 'u', 'A', 'O', 0x1EA1};
        for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
            utf8proc_ssize_t bl = utf8proc_encode_char(bases[b], pair);
            memcpy(pair + bl, one, (size_t)l);
            got = bc_utf8_nfc((const char *)pair, (size_t)(bl + l), &got_len);
            assert_int_equal(got_len, (size_t)(bl + l));
            assert_memory_equal(got, pair, (size_t)(bl + l));
            free(got);
        }
    }
}

static void test_nfc(void **state)
{
    (void)state;
    check(bc_utf8_nfc, "", "");
    check(bc_utf8_nfc, "abc", "abc");
    check(bc_utf8_nfc, "Co" U_DOT U_CIRC "ng ho" U_GRAVE "a", "Cộng hòa");
    check(bc_utf8_nfc, "o" U_CIRC U_DOT, "ộ");           /* marks reordered */
    check(bc_utf8_nfc, "\xE1\xBA\xA1" U_CIRC, "ậ");
    check(bc_utf8_nfc, "Vie" U_CIRC U_DOT "t Nam", "Việt Nam");
    check(bc_utf8_nfc, "\xE2\x84\xA6", "\xCE\xA9");     /* Ω ohm -> omega */
    /* Invalid bytes become U+FFFD. */
    check(bc_utf8_nfc, "a\xFF" "b", "a\xEF\xBF\xBD" "b");
    /* Embedded NUL is kept; the length says so. */
    size_t len;
    char *got = bc_utf8_nfc("a\0b", 3, &len);
    assert_int_equal(len, 3);
    assert_memory_equal(got, "a\0b", 4);
    free(got);
    /* out_len may be NULL. */
    got = bc_utf8_nfc("x", 1, NULL);
    assert_string_equal(got, "x");
    free(got);
}

static void test_upper(void **state)
{
    (void)state;
    check(bc_utf8_upper, "ủy ban nhân dân xã cẩm vũ", "ỦY BAN NHÂN DÂN XÃ CẨM VŨ");
    check(bc_utf8_upper, "Ủy ban nhân dân xã Cẩm Vũ", "ỦY BAN NHÂN DÂN XÃ CẨM VŨ");
    check(bc_utf8_upper, "đ", "Đ");
    check(bc_utf8_upper, "ơ ư ă â ê ô", "Ơ Ư Ă Â Ê Ô");
    check(bc_utf8_upper, "cộng hòa xã hội chủ nghĩa việt nam",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    check(bc_utf8_upper, "tm. ủy ban nhân dân", "TM. ỦY BAN NHÂN DÂN");
    check(bc_utf8_upper, "phó chủ tịch", "PHÓ CHỦ TỊCH");
    check(bc_utf8_upper, "thường trực huyện ủy", "THƯỜNG TRỰC HUYỆN ỦY");
    check(bc_utf8_upper, "ỹ ỵ ữ ợ ặ ẩ", "Ỹ Ỵ Ữ Ợ Ặ Ẩ");
    check(bc_utf8_upper, "ABC 123 – “x”", "ABC 123 – “X”");
    check(bc_utf8_upper, "", "");
    /* NFD input gives NFC output. */
    check(bc_utf8_upper, "u" U_HOOK "y ban", "ỦY BAN");
    check(bc_utf8_upper, "o" U_HORN, "Ơ");
    check(bc_utf8_upper, "o" U_HORN U_DOT "c", "ỢC");
    check(bc_utf8_upper, "o" U_DOT U_HORN "c", "ỢC");    /* marks out of order */
    check(bc_utf8_upper, "ca" U_CIRC U_HOOK "m vu" U_TILDE, "CẨM VŨ");
    check(bc_utf8_upper, "a" U_BREVE U_ACUTE, "Ắ");
    /* Mixed: precomposed ạ followed by a combining circumflex. */
    check(bc_utf8_upper, "\xE1\xBA\xA1" U_CIRC, "Ậ");
}

static void test_lower(void **state)
{
    (void)state;
    check(bc_utf8_lower, "ỦY BAN NHÂN DÂN XÃ CẨM VŨ", "ủy ban nhân dân xã cẩm vũ");
    check(bc_utf8_lower, "Đ Ơ Ư", "đ ơ ư");
    check(bc_utf8_lower, "U" U_HOOK "Y", "ủy");
    check(bc_utf8_lower, "", "");
}

static void test_fold_ascii(void **state)
{
    (void)state;
    check(bc_utf8_fold_ascii, "Cẩm Vũ", "cam vu");
    check(bc_utf8_fold_ascii, "Đồng", "dong");
    check(bc_utf8_fold_ascii, "đường Điện Biên Phủ", "duong dien bien phu");
    check(bc_utf8_fold_ascii, "Chi Lăng Nam", "chi lang nam");
    check(bc_utf8_fold_ascii, "Phường 1", "phuong 1");
    check(bc_utf8_fold_ascii, "ỦY BAN NHÂN DÂN", "uy ban nhan dan");
    check(bc_utf8_fold_ascii, "Hạnh phúc - Tự do", "hanh phuc - tu do");
    /* NFD input. */
    check(bc_utf8_fold_ascii, "Ca" U_CIRC U_HOOK "m Vu" U_TILDE, "cam vu");
    check(bc_utf8_fold_ascii, "o" U_HORN U_DOT, "o");
    /* No ASCII form: dropped. Compatibility forms do have one. */
    check(bc_utf8_fold_ascii, "a😀b中c", "abc");
    check(bc_utf8_fold_ascii, "\xEF\xAC\x81le", "file");              /* ﬁ ligature */
    check(bc_utf8_fold_ascii, "Ａｂ", "ab");                          /* full width */
    check(bc_utf8_fold_ascii, "x\xC2\xADy", "xy");                    /* soft hyphen */
    check(bc_utf8_fold_ascii, "", "");
}

static void test_xml_illegal(void **state)
{
    (void)state;
    size_t off = 77;
    assert_int_equal(bc_utf8_xml_illegal("", 0, &off), 0);
    assert_int_equal(bc_utf8_xml_illegal("ok\t\n\r tiếng Việt", strlen("ok\t\n\r tiếng Việt"), &off), 0);
    assert_int_equal(off, 77);
    assert_int_equal(bc_utf8_xml_illegal("ab\x01", 3, &off), 1);
    assert_int_equal(off, 2);
    assert_int_equal(bc_utf8_xml_illegal("ạ\x1F", strlen("ạ\x1F"), &off), 0x1F);
    assert_int_equal(off, 3);
    assert_int_equal(bc_utf8_xml_illegal("x\xEF\xBF\xBE", 4, &off), 0xFFFE);
    assert_int_equal(off, 1);
    assert_int_equal(bc_utf8_xml_illegal("\xEF\xBF\xBF", 3, NULL), 0xFFFF);
    /* U+FFFD itself and astral characters are legal. */
    assert_int_equal(bc_utf8_xml_illegal("\xEF\xBF\xBD😀", 7, &off), 0);
    /* U+0000 is BC_UTF8_NUL (0 means none), shown as U+0000; a bad byte
     * is reported as U+FFFD. */
    assert_int_equal(bc_utf8_xml_illegal("ab\0", 3, &off), BC_UTF8_NUL);
    assert_int_equal(bc_utf8_shown(BC_UTF8_NUL), 0);
    assert_int_equal(off, 2);
    assert_int_equal(bc_utf8_xml_illegal("a\xC3", 2, &off), 0xFFFD);
    assert_int_equal(off, 1);
    /* DEL and C1 controls are allowed by XML 1.0. */
    assert_int_equal(bc_utf8_xml_illegal("\x7F\xC2\x85", 3, &off), 0);
    /* past the fast path: a cut sequence, U+FFFF after Vietnamese */
    assert_int_equal(bc_utf8_xml_illegal("ạ\xE1\xBA", 5, &off), 0xFFFD);
    assert_int_equal(off, 3);
    assert_int_equal(bc_utf8_xml_illegal("ỹ\xEF\xBF\xBF", 6, &off), 0xFFFF);
    assert_int_equal(off, 3);
}

static void test_length(void **state)
{
    (void)state;
    assert_int_equal(bc_utf8_length("", 0), 0);
    assert_int_equal(bc_utf8_length("abc", 3), 3);
    const char *s = "Cẩm Vũ";
    assert_int_equal(bc_utf8_length(s, strlen(s)), 6);
    const char *nfd = "Ca" U_CIRC U_HOOK "m";
    assert_int_equal(bc_utf8_length(nfd, strlen(nfd)), 5);
    assert_int_equal(bc_utf8_length("😀x", 5), 2);
    assert_int_equal(bc_utf8_length("a\xFF\xFE" "b", 4), 4);   /* bad bytes count one */
}

/* The one-pass screen agrees with the two checks it replaces, wherever
 * the odd byte sits relative to the eight-byte ASCII stride. */
static void test_text_screen_agrees(void **state)
{
    (void)state;
    static const char *const cores[] = {
        "", "plain ascii text", "tab\there", "line\nbreak\r\n", "bell\a",
        "nul\0x", "Cẩm Vũ, ngày 12 tháng 3", "“Hỏi & Đáp”", "e\xCC\x81 combining",
        "\xEF\xBF\xBE", "\xEF\xBF\xBF", "bad \xC3", "bad \xC3\x28", "\xE1\xBA",
        "Ω \xE2\x84\xA6 ohm", "\xE2\x80\x80 quad", "ok \xF0\x9F\x98\x80"};
    static const size_t lens[] = {0, 16, 8, 13, 5, 5, 0, 0, 0, 3, 3, 5, 6, 2,
                                  0, 0, 0};
    for (size_t c = 0; c < sizeof cores / sizeof *cores; c++) {
        size_t core = lens[c] ? lens[c] : strlen(cores[c]);
        for (size_t pad = 0; pad < 10; pad++) {
            char buf[128];
            memset(buf, 'a', pad);
            memcpy(buf + pad, cores[c], core);
            memcpy(buf + pad + core, "tail of ascii", 13);
            size_t n = pad + core + 13;
            size_t off1 = 99, off2 = 99;
            bool nfc = false;
            unsigned a = bc_utf8_xml_illegal(buf, n, &off1);
            unsigned b = bc_utf8_screen(buf, n, &off2, &nfc);
            if (a != b || (a && off1 != off2))
                fail_msg("core %zu pad %zu: illegal %04X@%zu, screen %04X@%zu", c,
                         pad, a, off1, b, off2);
            if (!a && nfc != bc_utf8_is_nfc(buf, n))
                fail_msg("core %zu pad %zu: nfc %d", c, pad, nfc);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid),
        cmocka_unit_test(test_is_nfc),
        cmocka_unit_test(test_is_nfc_fast_path_sound),
        cmocka_unit_test(test_nfc),
        cmocka_unit_test(test_upper),
        cmocka_unit_test(test_lower),
        cmocka_unit_test(test_fold_ascii),
        cmocka_unit_test(test_xml_illegal),
        cmocka_unit_test(test_text_screen_agrees),
        cmocka_unit_test(test_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
