/*
 * test_import_yaml.c - the imported report's YAML (import/import_yaml.h):
 * what may stay plain, and every value written reading back through
 * baocao's own loader as the same string.
 */
#include "test_support.h"

#include "base/buf.h"
#include "import/import_report.h"
#include "import/import_yaml.h"
#include "input/node.h"
#include "input/yaml_load.h"

#include <stdio.h>
#include <string.h>

static void test_plain_or_quoted(void **state)
{
    (void)state;
    assert_true(bc_import_yaml_plain_ok("Ủy ban nhân dân xã Cẩm Vũ"));
    assert_true(bc_import_yaml_plain_ok("Kết quả {{ky_bao_cao.ten}}"));
    assert_true(bc_import_yaml_plain_ok("UBND huyện Cẩm Giàng (để b/c)"));
    assert_true(bc_import_yaml_plain_ok("a:b"));
    static const char *const quoted[] = {
        "Lưu: VT", "95", "5.120", "08", "1.10", "-TVĐU", "- Lưu", "{{ky_bao_cao.ten}}",
        "# số", "a #b", "true", "No", "null", "~", "", " lead", "trail ", "end:", "[x]",
        "*x", "&a", "!t", "|", ">", "'q", "\"q", "%x", "@x", "`x", "?x", ",x", "1e3",
        "0x1F", ".5", "12:30", "tab\there", "line\nbreak", NULL};
    for (int k = 0; quoted[k]; k++)
        if (bc_import_yaml_plain_ok(quoted[k]))
            fail_msg("`%s` should be quoted", quoted[k]);
}

/* Every string written as a scalar reads back as itself. */
static void test_scalars_read_back(void **state)
{
    (void)state;
    static const char *const values[] = {
        "Lưu: VT", "Lưu: VT, VP", "95", "57a", "5.120", "08", "-TVĐU", "- x", "{{a}}",
        "# x", "a #b", "true", "false", "null", "~", " lead", "trail ", "end:",
        "\"quoted\" and \\ back", "tab\there", "Như trên", "x: y: z", "[1, 2]", "{a: 1}",
        "*bold*", "**đậm**", "100%", "ngày 15/12/2023", "a\x01" "b", "a\x7F" "b",
        "a\xC2\x85" "b", "a\xE2\x80\xA8" "b", "a\xEF\xBB\xBF" "b", NULL};
    for (int k = 0; values[k]; k++) {
        bc_buf y = BC_BUF_INIT;
        bc_buf_puts(&y, "v: ");
        bc_import_yaml_scalar(&y, values[k]);
        bc_buf_puts(&y, "\nl:\n  - ");
        bc_import_yaml_scalar(&y, values[k]);
        bc_buf_putc(&y, '\n');
        bc_arena a = BC_ARENA_INIT;
        bc_diags d = BC_DIAGS_INIT;
        bc_node *root = bc_yaml_load_mem(&a, "t.yaml", y.data, y.len, &d);
        if (!root || d.errors)
            fail_msg("`%s` written as `%s` does not load", values[k], y.data);
        /* what no YAML value holds comes back as a space */
        const bc_node *v = bc_node_get(root, "v");
        assert_non_null(v);
        assert_int_equal(v->kind, BC_SCALAR);
        const char *want = strncmp(values[k], "a\x01", 2) == 0 || strncmp(values[k], "a\x7F", 2) == 0 ||
                                   strncmp(values[k], "a\xC2", 2) == 0 ||
                                   strncmp(values[k], "a\xE2", 2) == 0 ||
                                   strncmp(values[k], "a\xEF", 2) == 0
                               ? "a b"
                               : values[k];
        if (strcmp(v->str, want) != 0)
            fail_msg("`%s` read back as `%s` (from %s)", values[k], v->str, y.data);
        const bc_node *l = bc_node_get(root, "l");
        assert_string_equal(l->items[0]->str, want);
        bc_diags_free(&d);
        bc_arena_free(&a);
        bc_buf_free(&y);
    }
}

static void S_push(bc_import_report *r, bc_import_list *l, const char *s)
{
    bc_import_report_push(r, l, s, strlen(s));
}

/* A whole report: the keys in order, the notes as comments, the body as
 * a block scalar, and every value loaded back. */
static void test_report_written(void **state)
{
    (void)state;
    bc_import_report r;
    bc_import_report_init(&r);
    r.loai.value = "bao_cao";
    r.co_quan.value = "Ủy ban nhân dân xã Cẩm Vũ";
    r.co_quan.note = "check: printed in capitals; check the case";
    r.ky_hieu_co_quan.value = "UBND";
    r.so.value = "95";
    r.dia_danh.value = "Cẩm Vũ";
    r.ngay.value = "2023-12-15";
    r.has_period = true;
    r.period.nam = 2022;
    r.period.quy = 2;
    r.trich_yeu.value = "Kết quả {{ky_bao_cao.ten}}";
    r.noi_dung.value = "I. Phần một\n\n- Nội dung: 5.120 # không phải chú thích\n\n"
                       "| STT | Tên |\n|---|---|\n| 1 | a \\| b |";
    S_push(&r, &r.noi_nhan, "UBND huyện (để b/c)");
    S_push(&r, &r.noi_nhan, "Lưu: VT");
    S_push(&r, &r.chuc_danh, "TM. Ủy ban nhân dân");
    S_push(&r, &r.chuc_danh, "Chủ tịch");
    r.ho_ten.value = "Nguyễn Hữu Tuấn";
    bc_import_appendix *p = bc_import_report_add_appendix(&r);
    p->ten = "Kết quả {{ky_bao_cao.ten}}";
    p->ngang = true;
    p->noi_dung = "| a | b |\n|---|---|\n| 1 | 2 |";
    bc_buf y = BC_BUF_INIT;
    bc_import_yaml_write(&r, "dir/bao-cao.docx", &y);
    /* deterministic */
    bc_buf y2 = BC_BUF_INIT;
    bc_import_yaml_write(&r, "dir/bao-cao.docx", &y2);
    assert_string_equal(y.data, y2.data);
    assert_non_null(strstr(y.data, "# Imported from bao-cao.docx"));
    assert_non_null(strstr(y.data, "co_quan: Ủy ban nhân dân xã Cẩm Vũ  # check: printed in "
                                   "capitals"));
    assert_non_null(strstr(y.data, "\nso: 95\n"));
    assert_non_null(strstr(y.data, "\nngay: 2023-12-15\n"));
    assert_non_null(strstr(y.data, "ky_bao_cao:\n  nam: 2022\n  quy: 2\n"));
    assert_non_null(strstr(y.data, "noi_dung: |\n  I. Phần một\n\n  - Nội dung"));
    assert_non_null(strstr(y.data, "  - \"Lưu: VT\"\n"));
    const char *order[] = {"\nloai:", "\nco_quan:", "\nky_hieu_co_quan:", "\nso:",
                           "\ndia_danh:", "\nngay:", "\nky_bao_cao:", "\ntrich_yeu:",
                           "\nnoi_dung:", "\nnoi_nhan:", "\nnguoi_ky:", "\nphu_luc:", NULL};
    const char *at = y.data;
    for (int k = 0; order[k]; k++) {
        const char *f = strstr(at, order[k]);
        if (!f)
            fail_msg("%s missing or out of order in\n%s", order[k], y.data);
        at = f;
    }
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *root = bc_yaml_load_mem(&a, "t.yaml", y.data, y.len, &d);
    assert_non_null(root);
    assert_int_equal(d.errors, 0);
    assert_string_equal(bc_node_path(root, "co_quan")->str, r.co_quan.value);
    assert_string_equal(bc_node_path(root, "so")->str, "95");
    assert_string_equal(bc_node_path(root, "trich_yeu")->str, r.trich_yeu.value);
    bc_buf body = BC_BUF_INIT;
    bc_buf_puts(&body, r.noi_dung.value);
    bc_buf_putc(&body, '\n');
    assert_string_equal(bc_node_path(root, "noi_dung")->str, body.data);
    const bc_node *nn = bc_node_get(root, "noi_nhan");
    assert_int_equal(nn->count, 2);
    assert_string_equal(nn->items[1]->str, "Lưu: VT");
    assert_string_equal(bc_node_path(root, "nguoi_ky.ho_ten")->str, "Nguyễn Hữu Tuấn");
    const bc_node *pl = bc_node_get(root, "phu_luc");
    assert_int_equal(pl->count, 1);
    assert_true(bc_node_get(pl->items[0], "ngang")->boolean);
    assert_string_equal(bc_node_get(pl->items[0], "ten")->str, p->ten);
    bc_buf_free(&body);
    bc_diags_free(&d);
    bc_arena_free(&a);
    bc_buf_free(&y);
    bc_buf_free(&y2);
    bc_import_report_free(&r);
}

/* What was not found is written so that the file still loads. */
static void test_missing_keys(void **state)
{
    (void)state;
    bc_import_report r;
    bc_import_report_init(&r);
    r.loai.value = "bao_cao";
    r.noi_dung.value = " starts with a space\n\nthen text";
    bc_buf y = BC_BUF_INIT;
    bc_import_yaml_write(&r, "x.txt", &y);
    assert_non_null(strstr(y.data, "co_quan: \"\"  # check: not found"));
    assert_non_null(strstr(y.data, "noi_nhan: []  # check:"));
    assert_non_null(strstr(y.data, "noi_dung: |2\n"));
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *root = bc_yaml_load_mem(&a, "t.yaml", y.data, y.len, &d);
    assert_non_null(root);
    assert_string_equal(bc_node_path(root, "noi_dung")->str,
                        " starts with a space\n\nthen text\n");
    assert_null(bc_node_get(root, "so"));
    bc_diags_free(&d);
    bc_arena_free(&a);
    bc_buf_free(&y);
    bc_import_report_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_or_quoted),
        cmocka_unit_test(test_scalars_read_back),
        cmocka_unit_test(test_report_written),
        cmocka_unit_test(test_missing_keys),
    };
    return cmocka_run_group_tests_name("import_yaml", tests, NULL, NULL);
}
