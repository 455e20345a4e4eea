/*
 * test_appendix.c - the report's appendices (input.md 1.3.2, nd30-layout.md
 * section 9) and its body tables, rendered into the built-in template and
 * read back: one section per appendix after the report's, each numbered
 * from 1 with an unnumbered first page, the landscape one turned, the head
 * ("Phụ lục I", the title in capitals, the reference line), the body's
 * figures summed, the body citing {{phu_luc.0.so}}; a single appendix is
 * "Phụ lục"; the derived keys a template sees.
 */
#include "test_support.h"
#include "app/render.h"
#include "base/buf.h"
#include "input/yaml_load.h"
#include "package/package.h"
#include "report/report.h"
#include "report/template.h"

#include <stdlib.h>
#include <string.h>

static const char *const S_head =
    "co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"
    "ky_hieu_co_quan: UBND\n"
    "so: 95\n"
    "dia_danh: Cẩm Vũ\n"
    "ngay: 2023-12-15\n"
    "ky_bao_cao: {nam: 2023}\n"
    "trich_yeu: Kết quả {{ky_bao_cao.ten}}\n"
    "noi_nhan: [\"Lưu: VT\"]\n"
    "nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}\n";

/* The rendered document.xml of a report (head + rest), or NULL. */
static char *S_render(const char *rest, bc_diags *d)
{
    bc_buf y = BC_BUF_INIT;
    bc_buf_puts(&y, S_head);
    bc_buf_puts(&y, rest);
    bc_arena a = BC_ARENA_INIT;
    char *xml = NULL;
    bc_node *in = bc_yaml_load_mem(&a, "r.yaml", y.data, y.len, d);
    bc_report r;
    if (in && bc_report_prepare(&a, in, false, &r, d) == 0) {
        bc_wml_template *t = bc_template_load(NULL, d);
        bc_package parts = BC_PACKAGE_INIT;
        if (t && bc_render_parts(t, &r, NULL, &parts, d) == 0) {
            bc_part *p = bc_package_find(&parts, "word/document.xml");
            if (p)
                xml = strndup((const char *)p->data, p->len);
        }
        bc_package_free(&parts);
        bc_wml_template_free(t);
    }
    bc_arena_free(&a);
    bc_buf_free(&y);
    return xml;
}

static size_t S_count(const char *s, const char *needle)
{
    size_t n = 0;
    for (const char *p = s; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The i-th w:sectPr (0-based) of xml, as a string of its own. */
static char *S_sect(const char *xml, size_t i)
{
    const char *p = xml;
    for (size_t k = 0; p && k <= i; k++) {
        p = strstr(p, "<w:sectPr");
        if (p && k < i)
            p++;
    }
    if (!p)
        return NULL;
    const char *e = strstr(p, "</w:sectPr>");
    return e ? strndup(p, (size_t)(e - p)) : NULL;
}

static void test_two_appendices(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render(
        "noi_dung: |\n"
        "  Kết quả chi tiết tại Phụ lục {{phu_luc.0.so}} và Phụ lục {{phu_luc.1.so}}.\n"
        "phu_luc:\n"
        "  - ten: Số liệu {{ky_bao_cao.ten}}\n"
        "    ngang: true\n"
        "    noi_dung: |\n"
        "      | Xã | Số |\n"
        "      |---|---:|\n"
        "      | A | 1.958 |\n"
        "      | B | 176 |\n"
        "      | Cộng | =tong |\n"
        "  - ten: Ghi chú\n"
        "    noi_dung: Không có.\n",
        &d);
    if (!xml) {
        for (const bc_diag *g = d.head; g; g = g->next)
            print_message("%s\n", g->msg);
        fail();
    }
    assert_non_null(strstr(xml, "Phụ lục I và Phụ lục II"));
    /* three sections: the report's, then one per appendix */
    assert_int_equal(S_count(xml, "<w:sectPr"), 3);
    char *s0 = S_sect(xml, 0), *s1 = S_sect(xml, 1), *s2 = S_sect(xml, 2);
    assert_null(strstr(s0, "w:pgNumType"));
    assert_non_null(strstr(s1, "<w:pgNumType w:start=\"1\"/>"));
    assert_non_null(strstr(s1, "<w:titlePg/>"));
    assert_non_null(strstr(s1, "w:orient=\"landscape\""));
    assert_non_null(strstr(s1, "<w:pgSz w:w=\"16838\" w:h=\"11906\""));
    assert_non_null(strstr(s2, "<w:pgNumType w:start=\"1\"/>"));
    assert_null(strstr(s2, "landscape"));
    /* in the schema's order: the break, the size, the margins, the
     * numbering, titlePg */
    assert_true(strstr(s1, "w:type") < strstr(s1, "w:pgSz"));
    assert_true(strstr(s1, "w:pgMar") < strstr(s1, "w:pgNumType"));
    assert_true(strstr(s1, "w:pgNumType") < strstr(s1, "w:titlePg"));
    free(s0);
    free(s1);
    free(s2);
    /* the heads, and the figures summed */
    assert_non_null(strstr(xml, ">Phụ lục I</w:t>"));
    assert_non_null(strstr(xml, ">Phụ lục II</w:t>"));
    assert_non_null(strstr(xml, ">SỐ LIỆU NĂM 2023</w:t>"));
    assert_non_null(strstr(xml, ">(Kèm theo Báo cáo số 95/BC-UBND ngày 15 tháng 12 năm "
                                "2023 của Ủy ban nhân dân xã Cẩm Vũ)</w:t>"));
    assert_non_null(strstr(xml, ">2.134</w:t>"));
    assert_non_null(strstr(xml, "<w:tblHeader/>"));
    /* the body ends with ./., an appendix's body does not */
    assert_non_null(strstr(xml, "Phụ lục II./.</w:t>"));
    assert_null(strstr(xml, "Không có./."));
    free(xml);
    bc_diags_free(&d);
}

static void test_one_appendix_and_errors(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render("noi_dung: Chi tiết tại Phụ lục.\n"
                         "phu_luc: [{ten: Danh sách, noi_dung: Một.}]\n",
                         &d);
    assert_non_null(xml);
    assert_non_null(strstr(xml, ">Phụ lục</w:t>"));
    assert_int_equal(S_count(xml, "<w:sectPr"), 2);
    free(xml);
    bc_diags_free(&d);
    /* an appendix without its body, one that is no map, ngang not a boolean */
    xml = S_render("noi_dung: x\n"
                   "phu_luc:\n"
                   "  - {ten: A}\n"
                   "  - B\n"
                   "  - {ten: C, noi_dung: c, ngang: co}\n",
                   &d);
    assert_null(xml);
    assert_int_equal(d.errors, 3);
    assert_non_null(strstr(d.head->msg, "appendix 1 of `phu_luc` needs `noi_dung`"));
    assert_int_equal(d.head->line, 12);
    assert_non_null(strstr(d.head->next->msg, "appendix 2 of `phu_luc` must be a map"));
    assert_non_null(strstr(d.tail->msg, "`ngang`"));
    bc_diags_free(&d);
    /* a table error inside an appendix, at its line in the file */
    xml = S_render("noi_dung: x\n"
                   "phu_luc:\n"
                   "  - ten: A\n"
                   "    noi_dung: |\n"
                   "      | a | b |\n"
                   "      |---|---|\n"
                   "      | 1 | 2 | 3 |\n",
                   &d);
    assert_null(xml);
    assert_int_equal(d.errors, 1);
    assert_int_equal(d.head->line, 16);
    assert_int_equal(d.head->col, 17);
    bc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_appendices),
        cmocka_unit_test(test_one_appendix_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
