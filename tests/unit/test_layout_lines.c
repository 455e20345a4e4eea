/*
 * test_layout_lines.c - agency names and summaries broken only between
 * word groups that belong together (report/layout.c): the names of 20
 * real bodies (provincial departments, people's councils, merged
 * communes) rendered into the built-in template; their lines never split
 * "Hội đồng nhân dân", "Ủy ban nhân dân", "Văn phòng"... nor end with "và"
 * or the unit before a place name, and each fits its cell.
 */
#include "test_support.h"
#include "app/render.h"
#include "base/buf.h"
#include "base/font_metrics.h"
#include "input/yaml_load.h"
#include "package/package.h"
#include "report/report.h"
#include "report/template.h"
#include "wml/wml.h"
#include "wml/wml_styles.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The lines (paragraphs of `style`) of the rendered header, joined by |. */
static char *S_lines(const char *chu_quan, const char *co_quan, const char *trich_yeu,
                     const char *style)
{
    char yaml[2048];
    snprintf(yaml, sizeof yaml,
             "%s%s%s"
             "co_quan: %s\nky_hieu_co_quan: UBND\ndia_danh: An Bình\n"
             "trich_yeu: %s\nnoi_dung: x\nnoi_nhan: [\"Lưu: VT\"]\n"
             "nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}\n",
             chu_quan ? "co_quan_chu_quan: " : "", chu_quan ? chu_quan : "",
             chu_quan ? "\n" : "", co_quan, trich_yeu);
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_yaml_load_mem(&a, "r.yaml", yaml, strlen(yaml), &d);
    assert_non_null(in);
    bc_report r;
    assert_int_equal(bc_report_prepare(&a, in, false, &r, &d), 0);
    bc_wml_template *t = bc_template_load(NULL, &d);
    bc_package parts = BC_PACKAGE_INIT;
    assert_int_equal(bc_render_parts(t, &r, NULL, &parts, &d), 0);
    bc_part *p = bc_package_find(&parts, "word/document.xml");
    xmlDocPtr doc = xmlReadMemory((const char *)p->data, (int)p->len, "d.xml", NULL, 0);
    assert_non_null(doc);
    bc_buf out = BC_BUF_INIT;
    /* every w:p whose pStyle is `style`, in order */
    xmlNodePtr stack[64];
    int depth = 0;
    stack[depth++] = xmlDocGetRootElement(doc);
    while (depth > 0) {
        xmlNodePtr n = stack[--depth];
        for (xmlNodePtr c = n->last; c && depth < 63; c = c->prev)
            if (c->type == XML_ELEMENT_NODE)
                stack[depth++] = c;
        if (!bc_wml_is(n, "p"))
            continue;
        xmlNodePtr ppr = bc_wml_child(n, "pPr");
        xmlNodePtr ps = ppr ? bc_wml_child(ppr, "pStyle") : NULL;
        const char *id = ps ? bc_wml_attr(ps, "val") : NULL;
        if (!id || strcmp(id, style) != 0)
            continue;
        bc_buf line = BC_BUF_INIT;
        for (xmlNodePtr rr = n->children; rr; rr = rr->next)
            if (bc_wml_is(rr, "r"))
                for (xmlNodePtr k = rr->children; k; k = k->next) {
                    if (bc_wml_is(k, "t"))
                        bc_buf_puts(&line, bc_wml_text(k));
                    else if (bc_wml_is(k, "br"))
                        bc_buf_putc(&line, '|');
                }
        if (line.len) {
            if (out.len)
                bc_buf_putc(&out, '|');
            bc_buf_put(&out, line.data, line.len);
        }
        bc_buf_free(&line);
    }
    xmlFreeDoc(doc);
    bc_package_free(&parts);
    bc_wml_template_free(t);
    bc_diags_free(&d);
    bc_arena_free(&a);
    if (!out.data)
        bc_buf_puts(&out, "");
    return bc_buf_detach(&out, NULL);
}

static const char *const S_groups[] = {
    "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "MẶT TRẬN TỔ QUỐC", "VĂN PHÒNG",
    "KẾ HOẠCH", "ĐẦU TƯ", "TÀI NGUYÊN", "MÔI TRƯỜNG", "GIÁO DỤC", "ĐÀO TẠO",
    "XÃ HỘI", "NÔNG NGHIỆP", "KHOA HỌC", "CÔNG NGHỆ", "NỘI VỤ", "TÀI CHÍNH", NULL};

/* Every line ends a word group, never inside one nor with "VÀ", "XÃ",
 * "TỈNH", "PHƯỜNG"; each fits the header's left column (3685 twips less
 * the cell margins) in bold 13 pt. */
static void S_well_broken(const char *name, const char *lines)
{
    char *copy = strdup(lines);
    for (char *l = strtok(copy, "|"); l; l = strtok(NULL, "|")) {
        size_t n = strlen(l);
        static const char *const ends[] = {" VÀ", " XÃ", " TỈNH", " PHƯỜNG", " HUYỆN",
                                           " SỞ", NULL};
        for (int e = 0; ends[e]; e++) {
            size_t el = strlen(ends[e]);
            if (n >= el && strcmp(l + n - el, ends[e]) == 0)
                fail_msg("%s: a line ends with%s: %s", name, ends[e], lines);
        }
        if (bc_font_metrics_width(l, n, BC_FACE_BOLD, 26) > 3685 - 216 + 1)
            fail_msg("%s: `%s` is wider than its cell", name, l);
    }
    free(copy);
    /* a group present in the name is on one line */
    for (int g = 0; S_groups[g]; g++) {
        char *joined = strdup(lines);
        for (char *q = joined; *q; q++)
            if (*q == '|')
                *q = ' ';
        bool in_name = strstr(joined, S_groups[g]) != NULL;
        free(joined);
        if (in_name && !strstr(lines, S_groups[g]))
            fail_msg("%s: `%s` is split: %s", name, S_groups[g], lines);
    }
}

static void test_agency_names(void **state)
{
    (void)state;
    static const char *const names[] = {
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
        "Ủy ban nhân dân xã Tân An",
        "Hội đồng nhân dân tỉnh Hải Dương",
        "Sở Kế hoạch và Đầu tư",
        "Sở Tài nguyên và Môi trường",
        "Sở Giáo dục và Đào tạo",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Khoa học và Công nghệ",
        "Sở Thông tin và Truyền thông",
        "Sở Giao thông vận tải",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Ban Chỉ huy Quân sự xã An Bình",
        "Ủy ban Mặt trận Tổ quốc Việt Nam xã Hòa Bình",
        "Ủy ban nhân dân phường Hoàng Văn Thụ",
        "Ủy ban nhân dân đặc khu Phú Quốc",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh",
        "Ủy ban nhân dân thành phố Hải Phòng",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *lines = S_lines(NULL, names[i], "Kết quả công tác", "CoQuan");
        S_well_broken(names[i], lines);
        free(lines);
    }
    /* the lines the issue names, exactly */
    char *l = S_lines(NULL, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
                      "Kết quả", "CoQuan");
    assert_string_equal(l, "VĂN PHÒNG|HỘI ĐỒNG NHÂN DÂN|VÀ ỦY BAN NHÂN DÂN");
    free(l);
    l = S_lines("Ủy ban nhân dân xã Tân An", "Ban Chỉ huy Quân sự xã Tân An", "Kết quả",
                "CoQuanChuQuan");
    S_well_broken("parent", l);
    assert_null(strstr(l, "ỦY BAN NHÂN|"));
    free(l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_agency_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
