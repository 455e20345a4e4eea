/*
 * test_report.c - the report layer: every input error with its message,
 * line and column, and the values Decree 30 derives.
 */
#include "test_support.h"

#include "report/report.h"
#include "input/yaml_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_good =
    "co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"      /* 1 */
    "ky_hieu_co_quan: UBND\n"                   /* 2 */
    "so: 5\n"                                   /* 3 */
    "dia_danh: Cẩm Vũ\n"                        /* 4 */
    "ngay: 2023-07-06\n"                        /* 5 */
    "ky_bao_cao: {nam: 2023, nua: 1}\n"         /* 6 */
    "trich_yeu: Kết quả {{ky_bao_cao.ten}}\n"   /* 7 */
    "ke_hoach: {so: 17/KH-UBND}\n"              /* 8 */
    "noi_dung: |\n"                             /* 9 */
    "  I. KẾT QUẢ\n"                            /* 10 */
    "\n"                                        /* 11 */
    "  Theo Kế hoạch số {{ke_hoach.so}}.\n"     /* 12 */
    "noi_nhan:\n"                               /* 13 */
    "  - UBND huyện Cẩm Giàng (để b/c)\n"       /* 14 */
    "  - \"Lưu: VT\"\n"                         /* 15 */
    "nguoi_ky:\n"                               /* 16 */
    "  chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch]\n" /* 17 */
    "  ho_ten: Nguyễn Hữu Tuấn\n";              /* 18 */

typedef struct fixture {
    bc_arena a;
    bc_diags d;
    bc_report r;
    int rc;
} fixture;

/* Loads src with line `line_no` (1-based) replaced by `repl` (NULL keeps
 * it, "" removes it) and prepares the report. */
static void S_prepare(fixture *f, int line_no, const char *repl)
{
    memset(f, 0, sizeof *f);
    char buf[4096] = "";
    const char *s = S_good;
    for (int line = 1; *s; line++) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);
        if (line == line_no && repl)
            strcat(buf, repl);
        else
            strncat(buf, s, len);
        s += len;
    }
    bc_node *root = bc_yaml_load_mem(&f->a, "r.yaml", buf, strlen(buf), &f->d);
    assert_non_null(root);
    f->rc = bc_report_prepare(&f->a, root, false, &f->r, &f->d);
}

static void S_done(fixture *f)
{
    bc_diags_free(&f->d);
    bc_arena_free(&f->a);
}

static void S_expect(int line_no, const char *repl, int line, int col,
                     const char *needle)
{
    fixture f;
    S_prepare(&f, line_no, repl);
    assert_int_equal(f.rc, -1);
    assert_non_null(f.d.head);
    const bc_diag *g = f.d.head;
    if (!strstr(g->msg, needle))
        fail_msg("message `%s` lacks `%s`", g->msg, needle);
    assert_string_equal(g->file, "r.yaml");
    assert_int_equal(g->line, line);
    assert_int_equal(g->col, col);
    S_done(&f);
}

static const char *S_get(const fixture *f, const char *path)
{
    const bc_node *n = bc_node_path(f->r.data, path);
    return n && n->kind == BC_SCALAR ? n->str : NULL;
}

static void test_derived(void **state)
{
    (void)state;
    fixture f;
    S_prepare(&f, 0, NULL);
    assert_int_equal(f.rc, 0);
    assert_string_equal(S_get(&f, "so_ky_hieu"), "05/BC-UBND");
    assert_string_equal(S_get(&f, "dong_ngay"), "Cẩm Vũ, ngày 06 tháng 7 năm 2023");
    assert_string_equal(S_get(&f, "co_quan_in_hoa"), "ỦY BAN NHÂN DÂN XÃ CẨM VŨ");
    assert_string_equal(S_get(&f, "ten_loai"), "BÁO CÁO");
    assert_string_equal(S_get(&f, "ky_bao_cao.ten"), "6 tháng đầu năm 2023");
    assert_string_equal(S_get(&f, "ky_bao_cao.ky_sau"), "6 tháng cuối năm 2023");
    assert_string_equal(S_get(&f, "trich_yeu"), "Kết quả 6 tháng đầu năm 2023");
    assert_string_equal(f.r.title, "Kết quả 6 tháng đầu năm 2023");
    assert_non_null(strstr(S_get(&f, "noi_dung"), "Kế hoạch số 17/KH-UBND."));
    const bc_node *nn = bc_node_get(f.r.data, "noi_nhan_dong");
    assert_int_equal(nn->count, 2);
    assert_string_equal(nn->items[0]->str, "- UBND huyện Cẩm Giàng (để b/c);");
    assert_string_equal(nn->items[1]->str, "- Lưu: VT.");
    const bc_node *cd = bc_node_path(f.r.data, "nguoi_ky.chuc_danh_in_hoa");
    assert_string_equal(cd->items[0]->str, "TM. ỦY BAN NHÂN DÂN");
    assert_string_equal(cd->items[1]->str, "CHỦ TỊCH");
    assert_int_equal(f.r.year, 2023);
    assert_int_equal(f.r.month, 7);
    assert_int_equal(f.r.day, 6);
    S_done(&f);
}

static void test_blank_number_and_date(void **state)
{
    (void)state;
    fixture f;
    S_prepare(&f, 3, "");
    assert_int_equal(f.rc, 0);
    assert_string_equal(S_get(&f, "so_ky_hieu"), "     /BC-UBND");
    S_done(&f);
    S_prepare(&f, 5, "");
    assert_int_equal(f.rc, 0);
    assert_string_equal(S_get(&f, "dong_ngay"), "Cẩm Vũ, ngày     tháng     năm 2023");
    S_done(&f);
    S_prepare(&f, 3, "so: \"57a\"\n");
    assert_string_equal(S_get(&f, "so_ky_hieu"), "57a/BC-UBND");
    S_done(&f);
}

static void test_kinh_gui_adds_nhu_tren(void **state)
{
    (void)state;
    fixture f;
    S_prepare(&f, 3, "so: 5\nkinh_gui: Ủy ban nhân dân huyện Cẩm Giàng\n");
    assert_int_equal(f.rc, 0);
    const bc_node *nn = bc_node_get(f.r.data, "noi_nhan_dong");
    assert_int_equal(nn->count, 3);
    assert_string_equal(nn->items[0]->str, "- Như trên;");
    const bc_node *kg = bc_node_get(f.r.data, "kinh_gui_dong");
    assert_string_equal(kg->items[0]->str, "Kính gửi: Ủy ban nhân dân huyện Cẩm Giàng");
    assert_string_equal(S_get(&f, "kinh_gui_mot"), "Kính gửi: Ủy ban nhân dân huyện Cẩm Giàng");
    assert_null(bc_node_get(f.r.data, "kinh_gui_nhan"));
    S_done(&f);
    /* several addressees: the label and the "- X;" lines apart */
    S_prepare(&f, 3, "so: 5\nkinh_gui: [UBND huyện A, Phòng Nội vụ]\n");
    assert_int_equal(f.rc, 0);
    assert_null(bc_node_get(f.r.data, "kinh_gui_mot"));
    assert_string_equal(S_get(&f, "kinh_gui_nhan"), "Kính gửi:");
    const bc_node *muc = bc_node_get(f.r.data, "kinh_gui_muc");
    assert_int_equal(muc->count, 2);
    assert_string_equal(muc->items[0]->str, "- UBND huyện A;");
    assert_string_equal(muc->items[1]->str, "- Phòng Nội vụ.");
    assert_int_equal(bc_node_get(f.r.data, "kinh_gui_dong")->count, 3);
    S_done(&f);
}

static void test_missing_required_key(void **state)
{
    (void)state;
    S_expect(1, "", 1, 1, "missing required key `co_quan`");
    S_expect(18, "", 17, 3, "missing required key `nguoi_ky.ho_ten`");
}

static void test_wrong_type(void **state)
{
    (void)state;
    S_expect(1, "co_quan: [a, b]\n", 1, 10, "`co_quan` must be a text, not a list");
    S_expect(16, "nguoi_ky: Nguyễn\nnguoi_ky_cu:\n", 16, 11, "`nguoi_ky` must be a map");
}

static void test_empty_value(void **state)
{
    (void)state;
    S_expect(4, "dia_danh:\n", 4, 1, "`dia_danh` is empty");
}

static void test_impossible_date(void **state)
{
    (void)state;
    S_expect(5, "ngay: 2023-02-30\n", 5, 7, "2023-02-30 is not a real date");
    S_expect(5, "ngay: 30/02/2023\n", 5, 7, "YYYY-MM-DD");
}

static void test_unknown_loai(void **state)
{
    (void)state;
    S_expect(3, "loai: bao_cao_x\n", 3, 7, "unknown `loai` `bao_cao_x`");
}

static void test_period_out_of_range(void **state)
{
    (void)state;
    S_expect(6, "ky_bao_cao: {nam: 2022, quy: 5}\n", 6, 30, "`ky_bao_cao.quy` must be a number from 1 to 4");
    S_expect(6, "ky_bao_cao: {nam: 2022, nua: 3}\n", 6, 30, "`ky_bao_cao.nua`");
    S_expect(6, "ky_bao_cao: {nam: 2022, thang: 13}\n", 6, 32, "from 1 to 12");
}

static void test_missing_tag_in_body(void **state)
{
    (void)state;
    /* the tag on line 12 at column 20 (2 spaces of indent, then 17
     * characters, several of them multi-byte) */
    S_expect(12, "  Theo Kế hoạch số {{ke_hoach.sox}}.\n", 12, 20, "ke_hoach.sox");
}

static void test_missing_tag_in_summary(void **state)
{
    (void)state;
    S_expect(7, "trich_yeu: Kết quả {{ky_bao_cao.tenn}}\n", 7, 20, "ky_bao_cao.tenn");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_derived),
        cmocka_unit_test(test_blank_number_and_date),
        cmocka_unit_test(test_kinh_gui_adds_nhu_tren),
        cmocka_unit_test(test_missing_required_key),
        cmocka_unit_test(test_wrong_type),
        cmocka_unit_test(test_empty_value),
        cmocka_unit_test(test_impossible_date),
        cmocka_unit_test(test_unknown_loai),
        cmocka_unit_test(test_period_out_of_range),
        cmocka_unit_test(test_missing_tag_in_body),
        cmocka_unit_test(test_missing_tag_in_summary),
    };
    return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
