/*
 * test_signature.c - the images of an electronic copy, below the command
 * line: the PNG reader (input/png_file.h: size, pHYs, refusals with their
 * reason, the bytes kept as they are) and the seal's size from
 * con_dau_mm and from the file's resolution (report/signature.h), every
 * way of writing con_dau_mm, a batch's cache (the file read once, its
 * failure told for each report that uses it).
 */
#include "test_support.h"

#include "base/buf.h"
#include "input/png_file.h"
#include "input/yaml_load.h"
#include "report/signature.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIX BC_SOURCE_DIR "/tests/fixtures/images/"

static void test_png_header(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_buf why = BC_BUF_INIT;
    bc_png_file p;
    assert_int_equal(bc_png_file_read(FIX "dau.png", &a, &p, &why), 0);
    assert_int_equal(p.width, 120);
    assert_int_equal(p.height, 120);
    assert_int_equal(p.ppm_x, 3937);
    assert_int_equal(p.ppm_y, 3937);
    FILE *f = fopen(FIX "dau.png", "rb");
    assert_non_null(f);
    unsigned char disk[4096];
    size_t n = fread(disk, 1, sizeof disk, f);
    fclose(f);
    assert_int_equal(p.len, n);
    assert_memory_equal(p.bytes, disk, n);
    assert_int_equal(bc_png_file_read(FIX "ky.png", &a, &p, &why), 0);
    assert_int_equal(p.width, 200);
    assert_int_equal(p.height, 80);
    assert_int_equal(p.ppm_x, 0); /* no pHYs */
    assert_int_equal(why.len, 0);
    bc_buf_free(&why);
    bc_arena_free(&a);
}

static void refused(const char *path, const char *reason)
{
    bc_arena a = BC_ARENA_INIT;
    bc_buf why = BC_BUF_INIT;
    bc_png_file p;
    assert_int_equal(bc_png_file_read(path, &a, &p, &why), -1);
    if (!strstr(bc_buf_cstr(&why), reason))
        fail_msg("%s: \"%s\" lacks \"%s\"", path, bc_buf_cstr(&why), reason);
    assert_null(p.bytes);
    bc_buf_free(&why);
    bc_arena_free(&a);
}

static void test_png_refused(void **state)
{
    (void)state;
    refused(FIX "khong-co.png", "cannot open");
    refused(FIX "khong-phai-png.png", "is not a PNG image");
    refused(FIX "hong.png", "is a damaged PNG image");
    refused(FIX, "is not a file");
    refused("/dev/zero", "is not a file");
}

/* The signature of a report whose keys after its nguoi_ky are `top`. */
static int S_read(const char *top, const bc_signature **s, bc_diags *d, bc_arena *a)
{
    char yaml[512];
    snprintf(yaml, sizeof yaml, "nguoi_ky: {ho_ten: A}\n%s", top);
    bc_node *in = bc_yaml_load_mem(a, FIX "r.yaml", yaml, strlen(yaml), d);
    assert_non_null(in);
    return bc_signature_read(a, in, NULL, s, d);
}

static void seal_is(const char *top, long long cx, long long cy)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    const bc_signature *s;
    if (S_read(top, &s, &d, &a) != 0)
        fail_msg("%s: %s", top, d.head ? d.head->msg : "?");
    assert_non_null(s);
    assert_non_null(s->con_dau);
    assert_null(s->chu_ky);
    assert_int_equal(s->seal_cx, cx);
    assert_int_equal(s->seal_cy, cy);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void seal_refused(const char *top, int line, const char *msg)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    const bc_signature *s;
    assert_int_equal(S_read(top, &s, &d, &a), -1);
    assert_null(s);
    assert_non_null(d.head);
    if (!strstr(d.head->msg, msg) || d.head->line != line)
        fail_msg("%s: line %d \"%s\", want line %d \"%s\"", top, d.head->line,
                 d.head->msg, line, msg);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_seal_size(void **state)
{
    (void)state;
    /* pHYs: 120 px at 3937 px/m = 30.48 mm = 1097282 EMU */
    seal_is("con_dau: dau.png\n", 1097282, 1097282);
    /* con_dau_mm wins over pHYs; 36000 EMU a millimetre */
    seal_is("con_dau: dau.png\ncon_dau_mm: 36\n", 1296000, 1296000);
    seal_is("con_dau: dau.png\ncon_dau_mm: 35.5\n", 1278000, 1278000);
    seal_is("con_dau: dau.png\ncon_dau_mm: 35,25\n", 1269000, 1269000);
    seal_is("con_dau: dau.png\ncon_dau_mm: 10\n", 360000, 360000);
    seal_is("con_dau: dau.png\ncon_dau_mm: 60\n", 2160000, 2160000);
    seal_is("con_dau: dau-khong-dpi.png\ncon_dau_mm: 40\n", 1440000, 1440000);
    /* a seal is round: the height follows the width in the file's proportions */
    seal_is("con_dau: ky.png\ncon_dau_mm: 50\n", 1800000, 720000);
    seal_refused("con_dau: dau-khong-dpi.png\n", 2, "gives no resolution");
    seal_refused("con_dau: dau-to.png\n", 2, "141.1 mm wide");
    static const char *const bad_mm[] = {"9.99", "60.01", "61", "36.", ".5", "36mm",
                                         "3,5,1", "36.123", "-36", "[36]"};
    for (size_t i = 0; i < sizeof bad_mm / sizeof bad_mm[0]; i++) {
        char top[96];
        snprintf(top, sizeof top, "con_dau: dau.png\ncon_dau_mm: %s\n", bad_mm[i]);
        seal_refused(top, 3, "`con_dau_mm` must be the seal's width in millimetres");
    }
    /* no image: nothing, and no error; null and empty mean none */
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    const bc_signature *s = (const bc_signature *)&a;
    assert_int_equal(S_read("con_dau: \"\"\ncon_dau_mm: 36\n", &s, &d, &a), 0);
    assert_null(s);
    assert_int_equal(S_read("con_dau: null\n", &s, &d, &a), 0);
    assert_null(s);
    assert_null(d.head);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_cache(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    const char *yaml = "nguoi_ky: {chu_ky: ky.png}\ncon_dau: khong-co.png\n";
    bc_node *chung = bc_yaml_load_mem(&a, FIX "lo.yaml", yaml, strlen(yaml), &d);
    assert_non_null(chung);
    bc_signature_cache c;
    bc_signature_cache_fill(&c, chung);
    assert_int_equal(c.count, 2);
    /* a report sharing chung's nodes: the signature from the cache, the
     * missing seal told at chung's line */
    const bc_signature *s;
    assert_int_equal(bc_signature_read(&a, chung, &c, &s, &d), -1);
    assert_non_null(d.head);
    assert_int_equal(d.head->line, 2);
    assert_non_null(strstr(d.head->msg, "`con_dau`: cannot open"));
    assert_null(d.head->next);
    bc_diags_free(&d);
    bc_signature_cache_free(&c);
    bc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_header),
        cmocka_unit_test(test_png_refused),
        cmocka_unit_test(test_seal_size),
        cmocka_unit_test(test_cache),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
