/*
 * test_font_metrics.c - unit tests of font_metrics.c and the generated
 * tables in fonts/metrics.c: the Decree 30 sanity widths, scaling, faces,
 * combining marks, uncovered code points; the kept advances of the code
 * points below U+1F00 against the tables searched directly, first and
 * second time, from several threads at once.
 */
#include "test_support.h"

#include "base/font_metrics.h"
#include "fonts/metrics.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#define CM 567.0            /* twips per centimetre */

static double w(const char *s, bc_face f, int hp)
{
    return bc_font_metrics_width(s, strlen(s), f, hp);
}

static void assert_near(double got, double want, double rel)
{
    if (fabs(got - want) > want * rel)
        fail_msg("width %.1f twips (%.3f cm), want %.1f (%.3f cm) within %.0f%%",
                 got, got / CM, want, want / CM, rel * 100);
}

/* nd30-layout.md 4.2: the widths a Decree 30 header is laid out with. */
static void test_sanity_widths(void **state)
{
    (void)state;
    assert_near(w("Độc lập - Tự do - Hạnh phúc", BC_FACE_BOLD, 28), 6.05 * CM, 0.02);
    assert_near(w("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BC_FACE_BOLD, 26), 9.6 * CM, 0.02);
    assert_near(w("ỦY BAN NHÂN DÂN", BC_FACE_BOLD, 26), 4.3 * CM, 0.02);
    /* "about 8.8 cm" at 12 pt, "5.6 cm" for the motto at 13 pt. */
    assert_near(w("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BC_FACE_BOLD, 24), 8.8 * CM, 0.03);
    assert_near(w("Độc lập - Tự do - Hạnh phúc", BC_FACE_BOLD, 26), 5.6 * CM, 0.03);
}

/* Exact values from the font: Times/Liberation Serif advances in 2048ths. */
static void test_exact_advances(void **state)
{
    (void)state;
    /* 'n' is 1024/2048 em in Regular: half an em. 12 pt = 240 twips/em. */
    assert_true(fabs(w("n", BC_FACE_REGULAR, 24) - 120.0) < 1e-9);
    /* Space is 512 units: a quarter em. */
    assert_true(fabs(w(" ", BC_FACE_REGULAR, 28) - 70.0) < 1e-9);
    /* 'M' regular is 1821 units. */
    assert_true(fabs(w("M", BC_FACE_REGULAR, 20) - 1821.0 * 200 / 2048) < 1e-9);
    assert_true(w("", BC_FACE_BOLD, 28) == 0.0);
}

static void test_scaling_and_faces(void **state)
{
    (void)state;
    const char *s = "Báo cáo kết quả công tác năm 2023";
    double r13 = w(s, BC_FACE_REGULAR, 26), r26 = w(s, BC_FACE_REGULAR, 52);
    assert_true(fabs(r26 - 2 * r13) < 1e-6);
    /* Bold is wider than regular for this text; the four faces differ. */
    assert_true(w(s, BC_FACE_BOLD, 26) > r13);
    assert_true(w(s, BC_FACE_BOLD_ITALIC, 26) != w(s, BC_FACE_ITALIC, 26));
    /* Additive over concatenation (no kerning). */
    double a = w("Cẩm ", BC_FACE_ITALIC, 28), b = w("Vũ", BC_FACE_ITALIC, 28);
    assert_true(fabs(w("Cẩm Vũ", BC_FACE_ITALIC, 28) - (a + b)) < 1e-9);
    /* Only n bytes are measured. */
    assert_true(fabs(bc_font_metrics_width("abc", 1, BC_FACE_REGULAR, 24) -
                     w("a", BC_FACE_REGULAR, 24)) < 1e-9);
}

static void test_combining_marks(void **state)
{
    (void)state;
    /* NFD "ệ" (e + dot below + circumflex) measures as its base "e", and a
     * precomposed ệ has the advance of e in Liberation Serif. */
    double e = w("e", BC_FACE_REGULAR, 26);
    assert_true(fabs(w("e\xCC\xA3\xCC\x82", BC_FACE_REGULAR, 26) - e) < 1e-9);
    assert_true(fabs(w("ệ", BC_FACE_REGULAR, 26) - e) < 1e-9);
    /* Every combining mark of the table range is zero wide. */
    for (unsigned cp = 0x300; cp <= 0x323; cp++) {
        char m[3] = {(char)(0xC0 | (cp >> 6)), (char)(0x80 | (cp & 0x3F)), 0};
        assert_true(w(m, BC_FACE_BOLD, 28) == 0.0);
    }
    /* Zero-width space and soft hyphen are zero. */
    assert_true(w("\xE2\x80\x8B\xC2\xAD", BC_FACE_REGULAR, 26) == 0.0);
}

static void test_coverage(void **state)
{
    (void)state;
    double n = w("n", BC_FACE_REGULAR, 26);
    /* Characters a Vietnamese report uses are in the tables, not 'n'. */
    assert_true(w("đ", BC_FACE_REGULAR, 26) > 0);
    assert_true(w("Ư", BC_FACE_REGULAR, 26) != n);
    assert_true(w("—", BC_FACE_REGULAR, 26) != n);           /* em dash */
    assert_true(w("“", BC_FACE_REGULAR, 26) != n);
    assert_true(w("…", BC_FACE_REGULAR, 26) != n);
    assert_true(w("₫", BC_FACE_REGULAR, 26) > 0);
    /* Outside the tables: counts as 'n' (CJK, emoji, a bad byte). */
    assert_true(fabs(w("中", BC_FACE_REGULAR, 26) - n) < 1e-9);
    assert_true(fabs(w("😀", BC_FACE_REGULAR, 26) - n) < 1e-9);
    assert_true(fabs(bc_font_metrics_width("\xFF", 1, BC_FACE_REGULAR, 26) - n) < 1e-9);
    /* Every precomposed Vietnamese letter U+1EA0..U+1EF9 is covered in
     * all four faces and at least as wide as 'i'. */
    for (int f = BC_FACE_REGULAR; f <= BC_FACE_BOLD_ITALIC; f++) {
        double i = w("i", (bc_face)f, 26);
        for (unsigned cp = 0x1EA0; cp <= 0x1EF9; cp++) {
            char c[4] = {(char)(0xE0 | (cp >> 12)), (char)(0x80 | ((cp >> 6) & 0x3F)),
                         (char)(0x80 | (cp & 0x3F)), 0};
            assert_true(w(c, (bc_face)f, 26) >= i);
        }
    }
}

/* The advance of cp in face f straight from the tables (0 for the
 * zero-width categories), in twips at 20 half-points. */
static double S_reference(int f, unsigned cp)
{
    switch (utf8proc_category((utf8proc_int32_t)cp)) {
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_CC:
        return 0;
    default:
        break;
    }
    const bc_metric_face *m = &bc_metric_faces[f];
    unsigned adv = m->missing_adv;
    for (unsigned r = 0; r < m->run_count; r++)
        if (cp >= m->runs[r].first && cp < m->runs[r].first + m->runs[r].count)
            adv = m->adv[m->runs[r].offset + (cp - m->runs[r].first)];
    return (double)adv * 20 * 10.0 / m->units_per_em;
}

static size_t S_encode(unsigned cp, char *out)
{
    utf8proc_ssize_t k = utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)out);
    out[k] = '\0';
    return (size_t)k;
}

/* Every code point from U+0020 to U+1FFF in every face, twice (the first
 * look-up fills the kept advance, the second reads it); returns the number
 * of mismatches (cmocka's failures cannot cross threads). */
static void *S_check_all(void *unused)
{
    (void)unused;
    uintptr_t bad = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int f = BC_FACE_REGULAR; f <= BC_FACE_BOLD_ITALIC; f++)
            for (unsigned cp = 0x20; cp < 0x2000; cp++) {
                if (cp == 0x7F)
                    continue;
                char c[8];
                size_t n = S_encode(cp, c);
                double got = bc_font_metrics_width(c, n, (bc_face)f, 20);
                if (fabs(got - S_reference(f, cp)) > 1e-9 && bad++ == 0)
                    fprintf(stderr, "U+%04X face %d: %.3f, tables say %.3f\n", cp, f,
                            got, S_reference(f, cp));
            }
    return (void *)bad;
}

static void test_kept_advances(void **state)
{
    (void)state;
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        assert_int_equal(pthread_create(&t[i], NULL, S_check_all, NULL), 0);
    uintptr_t bad = (uintptr_t)S_check_all(NULL);
    for (int i = 0; i < 3; i++) {
        void *r;
        pthread_join(t[i], &r);
        bad += (uintptr_t)r;
    }
    assert_int_equal(bad, 0);
    /* a string mixing ASCII, two- and three-byte letters and a mark */
    const char *mixed = "Xa\xCC\x81 \xC4\x91\xE1\xBB\x99i";
    double want = S_reference(0, 'X') + S_reference(0, 'a') + S_reference(0, 0x301) +
                  S_reference(0, ' ') + S_reference(0, 0x111) + S_reference(0, 0x1ED9) +
                  S_reference(0, 'i');
    assert_true(fabs(bc_font_metrics_width(mixed, strlen(mixed), BC_FACE_REGULAR, 20) - want) < 1e-9);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sanity_widths),
        cmocka_unit_test(test_exact_advances),
        cmocka_unit_test(test_scaling_and_faces),
        cmocka_unit_test(test_combining_marks),
        cmocka_unit_test(test_coverage),
        cmocka_unit_test(test_kept_advances),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
