/*
 * test_examples.c - renders every report in examples/ through the
 * built-in template and reads the .docx back: the document text in order
 * (against tests/golden/NAME.txt, rewritten by `make golden-update`), the
 * Decree 30 layout properties (page, margins, fonts, sizes, bold, italic,
 * alignment, indents, titlePg and the PAGE field, rule lengths within the
 * decree's ratios), and byte-identical output for the same input.
 * The rendered files are left in BUILD/test-out/ for inspection.
 */
#include "test_support.h"

#include "package/package.h"
#include "report/template.h"
#include "docx_text.h"
#include "base/font_metrics.h"
#include "app/render.h"
#include "wml/wml.h"
#include "wml/wml_styles.h"
#include "input/yaml_load.h"

#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const S_examples[] = {"cam-vu-2023", "chi-lang-nam-2022",
                                         "phu-thu-2022", "ich-hau-2024", NULL};

static bc_wml_template *S_tpl;

typedef struct doc {
    bc_buf bytes;
    bc_package pkg;
    xmlDocPtr xml;
    xmlNodePtr body;
    bc_styles styles;
    xmlDocPtr styles_xml;
} doc;

static int S_setup(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    S_tpl = bc_template_load(NULL, &d);
    bc_diags_free(&d);
    mkdir(BC_BUILD_DIR "/test-out", 0755);
    return S_tpl ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    bc_wml_template_free(S_tpl);
    return 0;
}

static void S_render_bytes(const char *yaml, bc_buf *out)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *root = bc_yaml_load_file(&a, yaml, &d);
    bc_report r;
    int rc = root ? bc_report_prepare(&a, root, false, &r, &d) : -1;
    if (rc == 0) {
        bc_render_opts ro = {false, 0};
        rc = bc_render_docx(S_tpl, &r, &ro, out, &d);
    }
    for (bc_diag *g = d.head; g; g = g->next)
        print_error("%s\n", bc_diag_format(g));
    assert_int_equal(rc, 0);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void S_load(doc *dc, const char *yaml, const char *save_as)
{
    memset(dc, 0, sizeof *dc);
    S_render_bytes(yaml, &dc->bytes);
    if (save_as) {
        FILE *f = fopen(save_as, "wb");
        assert_non_null(f);
        fwrite(dc->bytes.data, 1, dc->bytes.len, f);
        fclose(f);
    }
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_read_mem(&dc->pkg, "out.docx", dc->bytes.data,
                                         dc->bytes.len, &d), 0);
    bc_diags_free(&d);
    bc_part *p = bc_package_find(&dc->pkg, "word/document.xml");
    assert_non_null(p);
    dc->xml = xmlReadMemory((const char *)p->data, (int)p->len, "d.xml", NULL, 0);
    assert_non_null(dc->xml);
    dc->body = bc_wml_child(xmlDocGetRootElement(dc->xml), "body");
    assert_non_null(dc->body);
    bc_wml_styles_load(&dc->styles, &dc->pkg, "word/document.xml");
    bc_part *sp = bc_package_find(&dc->pkg, "word/styles.xml");
    dc->styles_xml = xmlReadMemory((const char *)sp->data, (int)sp->len, "s.xml", NULL, 0);
}

static void S_free(doc *dc)
{
    xmlFreeDoc(dc->xml);
    xmlFreeDoc(dc->styles_xml);
    bc_wml_styles_free(&dc->styles);
    bc_package_free(&dc->pkg);
    bc_buf_free(&dc->bytes);
}

/* ---- text ---------------------------------------------------------------- */

static char *S_text_of(xmlNodePtr p)
{
    bc_buf b = BC_BUF_INIT;
    bc_test_para_text(p, &b);
    return bc_buf_detach(&b, NULL);
}

/* First paragraph whose text starts with `prefix`. */
static xmlNodePtr S_find_para(xmlNodePtr n, const char *prefix)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "p")) {
            char *t = S_text_of(c);
            bool hit = strncmp(t, prefix, strlen(prefix)) == 0;
            free(t);
            if (hit)
                return c;
        } else if (c->type == XML_ELEMENT_NODE) {
            xmlNodePtr f = S_find_para(c, prefix);
            if (f)
                return f;
        }
    }
    return NULL;
}

static char *S_read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    bc_buf b = BC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bc_buf_put(&b, chunk, n);
    fclose(f);
    return bc_buf_detach(&b, NULL);
}

static void test_text_matches_golden(void **state)
{
    (void)state;
    bool update = getenv("BC_GOLDEN_UPDATE") != NULL;
    for (int i = 0; S_examples[i]; i++) {
        char yaml[512], golden[512], out[512];
        snprintf(yaml, sizeof yaml, BC_SOURCE_DIR "/examples/%s.yaml", S_examples[i]);
        snprintf(golden, sizeof golden, BC_SOURCE_DIR "/tests/golden/%s.txt", S_examples[i]);
        snprintf(out, sizeof out, BC_BUILD_DIR "/test-out/%s.docx", S_examples[i]);
        doc dc;
        S_load(&dc, yaml, out);
        bc_buf text = BC_BUF_INIT;
        bc_test_all_text(dc.body, &text);
        const char *got = bc_buf_cstr(&text);
        assert_null(strstr(got, "{{"));
        if (update) {
            FILE *f = fopen(golden, "wb");
            assert_non_null(f);
            fputs(got, f);
            fclose(f);
        } else {
            char *want = S_read_file(golden);
            if (!want)
                fail_msg("%s missing: run `make golden-update` and review", golden);
            if (strcmp(want, got) != 0) {
                size_t k = 0;
                while (want[k] && want[k] == got[k])
                    k++;
                fail_msg("%s: text differs from %s at byte %zu: got \"%.60s\", want \"%.60s\"",
                         S_examples[i], golden, k, got + k, want + k);
            }
            free(want);
        }
        bc_buf_free(&text);
        S_free(&dc);
    }
}

/* ---- layout properties ------------------------------------------------- */

/* A pPr property of a paragraph: direct, else through its style chain. */
static xmlNodePtr S_style_el(xmlDocPtr styles, const char *id)
{
    xmlNodePtr root = xmlDocGetRootElement(styles);
    for (xmlNodePtr s = root->children; s; s = s->next)
        if (bc_wml_is(s, "style") && bc_wml_attr(s, "styleId") &&
            strcmp(bc_wml_attr(s, "styleId"), id) == 0)
            return s;
    return NULL;
}

static xmlNodePtr S_ppr_el(doc *dc, xmlNodePtr p, const char *name)
{
    xmlNodePtr el = bc_wml_child(bc_wml_child(p, "pPr"), name);
    if (el)
        return el;
    const char *id = bc_wml_styles_para_id(&dc->styles, p);
    for (int depth = 0; id && depth < 10; depth++) {
        xmlNodePtr st = S_style_el(dc->styles_xml, id);
        if (!st)
            break;
        el = bc_wml_child(bc_wml_child(st, "pPr"), name);
        if (el)
            return el;
        xmlNodePtr based = bc_wml_child(st, "basedOn");
        id = based ? bc_wml_attr(based, "val") : NULL;
    }
    return NULL;
}

static const char *S_ppr_attr(doc *dc, xmlNodePtr p, const char *el, const char *attr)
{
    xmlNodePtr n = S_ppr_el(dc, p, el);
    return n ? bc_wml_attr(n, attr) : NULL;
}

/* Effective run properties of the paragraph's first text run. */
static bc_run_props S_first_run(doc *dc, xmlNodePtr p)
{
    xmlNodePtr r = bc_wml_child(p, "r");
    return bc_wml_styles_run_props(&dc->styles, p, r);
}

static void S_expect_para(doc *dc, const char *prefix, bool bold, bool italic,
                          int sz, const char *jc)
{
    xmlNodePtr p = S_find_para(dc->body, prefix);
    if (!p)
        fail_msg("no paragraph starting \"%s\"", prefix);
    bc_run_props rp = S_first_run(dc, p);
    if (rp.bold != bold || rp.italic != italic || rp.sz != sz)
        fail_msg("\"%s\": bold %d italic %d size %d, want %d %d %d", prefix,
                 rp.bold, rp.italic, rp.sz, bold, italic, sz);
    const char *j = S_ppr_attr(dc, p, "jc", "val");
    if (jc && (!j || strcmp(j, jc) != 0))
        fail_msg("\"%s\": alignment %s, want %s", prefix, j ? j : "(none)", jc);
}

static void test_page_and_fonts(void **state)
{
    (void)state;
    doc dc;
    S_load(&dc, BC_SOURCE_DIR "/examples/cam-vu-2023.yaml", NULL);
    xmlNodePtr sect = bc_wml_child(dc.body, "sectPr");
    assert_non_null(sect);
    xmlNodePtr sz = bc_wml_child(sect, "pgSz");
    assert_string_equal(bc_wml_attr(sz, "w"), "11906");
    assert_string_equal(bc_wml_attr(sz, "h"), "16838");
    assert_null(bc_wml_attr(sz, "orient"));
    xmlNodePtr mar = bc_wml_child(sect, "pgMar");
    assert_string_equal(bc_wml_attr(mar, "top"), "1134");    /* 20 mm */
    assert_string_equal(bc_wml_attr(mar, "bottom"), "1134"); /* 20 mm */
    assert_string_equal(bc_wml_attr(mar, "left"), "1701");   /* 30 mm */
    assert_string_equal(bc_wml_attr(mar, "right"), "851");   /* 15 mm */
    assert_non_null(bc_wml_child(sect, "titlePg"));
    /* fonts: the defaults name Times New Roman for all four scripts, and no
     * style or run names another font or colour */
    xmlNodePtr rd = bc_wml_child(bc_wml_child(bc_wml_child(
        xmlDocGetRootElement(dc.styles_xml), "docDefaults"), "rPrDefault"), "rPr");
    xmlNodePtr fonts = bc_wml_child(rd, "rFonts");
    const char *attrs[] = {"ascii", "hAnsi", "cs", "eastAsia"};
    for (int i = 0; i < 4; i++)
        assert_string_equal(bc_wml_attr(fonts, attrs[i]), "Times New Roman");
    assert_string_equal(bc_wml_attr(bc_wml_child(rd, "color"), "val"), "000000");
    for (size_t i = 0; i < dc.pkg.count; i++) {
        const char *data = (const char *)dc.pkg.parts[i].data;
        const char *f = data;
        while ((f = strstr(f, "w:ascii=\"")) != NULL) {
            f += 9;
            assert_int_equal(strncmp(f, "Times New Roman\"", 16), 0);
        }
        assert_null(strstr(data, "w:highlight"));
    }
    S_free(&dc);
}

static void test_header_and_page_numbers(void **state)
{
    (void)state;
    doc dc;
    S_load(&dc, BC_SOURCE_DIR "/examples/cam-vu-2023.yaml", NULL);
    xmlNodePtr sect = bc_wml_child(dc.body, "sectPr");
    const char *first = NULL, *deflt = NULL;
    for (xmlNodePtr c = sect->children; c; c = c->next)
        if (bc_wml_is(c, "headerReference")) {
            const char *type = bc_wml_attr(c, "type");
            const char *id = NULL;
            for (xmlAttrPtr a = c->properties; a; a = a->next)
                if (strcmp((const char *)a->name, "id") == 0)
                    id = (const char *)a->children->content;
            if (strcmp(type, "first") == 0)
                first = id;
            if (strcmp(type, "default") == 0)
                deflt = id;
        }
    assert_non_null(first);
    assert_non_null(deflt);
    bc_part *rels = bc_package_find(&dc.pkg, "word/_rels/document.xml.rels");
    char want[128];
    snprintf(want, sizeof want, "Id=\"%s\"", deflt);
    const char *rel = strstr((const char *)rels->data, want);
    assert_non_null(rel);
    const char *target = strstr(rel, "Target=\"") + 8;
    char part[64] = "word/";
    strncat(part, target, (size_t)(strchr(target, '"') - target));
    bc_part *hdr = bc_package_find(&dc.pkg, part);
    assert_non_null(hdr);
    assert_non_null(strstr((const char *)hdr->data, "<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    assert_non_null(strstr((const char *)hdr->data, "fldCharType=\"begin\""));
    /* the page number: centred, 14 pt, through the Header style */
    xmlNodePtr st = S_style_el(dc.styles_xml, "Header");
    assert_string_equal(bc_wml_attr(bc_wml_child(bc_wml_child(st, "pPr"), "jc"), "val"), "center");
    assert_string_equal(bc_wml_attr(bc_wml_child(bc_wml_child(st, "rPr"), "sz"), "val"), "28");
    /* the first page's header holds no text */
    snprintf(want, sizeof want, "Id=\"%s\"", first);
    rel = strstr((const char *)rels->data, want);
    target = strstr(rel, "Target=\"") + 8;
    char part1[64] = "word/";
    strncat(part1, target, (size_t)(strchr(target, '"') - target));
    bc_part *h1 = bc_package_find(&dc.pkg, part1);
    assert_null(strstr((const char *)h1->data, "<w:t"));
    assert_null(strstr((const char *)h1->data, "PAGE"));
    S_free(&dc);
}

static void test_element_formats(void **state)
{
    (void)state;
    doc dc;
    S_load(&dc, BC_SOURCE_DIR "/examples/cam-vu-2023.yaml", NULL);
    /* the agency in two paragraphs, split after the generic head */
    S_expect_para(&dc, "ỦY BAN NHÂN DÂN", true, false, 26, "center");
    xmlNodePtr xa = S_find_para(dc.body, "XÃ CẨM VŨ");
    assert_non_null(xa);
    assert_string_equal(bc_wml_styles_para_id(&dc.styles, xa), "CoQuan");
    S_expect_para(&dc, "XÃ CẨM VŨ", true, false, 26, "center");
    S_expect_para(&dc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true, false, 26, "center");
    S_expect_para(&dc, "Độc lập - Tự do - Hạnh phúc", true, false, 28, "center");
    S_expect_para(&dc, "Số: 95/BC-UBND", false, false, 26, "center");
    S_expect_para(&dc, "Cẩm Vũ, ngày 15 tháng 12 năm 2023", false, true, 28, "center");
    S_expect_para(&dc, "BÁO CÁO", true, false, 28, "center");
    S_expect_para(&dc, "Kết quả công tác tuyên truyền cải cách hành chính năm 2023", true, false, 28, "center");
    S_expect_para(&dc, "I. Kết quả thực hiện", true, false, 28, "both");
    S_expect_para(&dc, "1. Tình hình tổ chức triển khai:", true, false, 28, "both");
    S_expect_para(&dc, "2.1. Tuyên truyền cổ động trực quan:", true, true, 28, "both");
    S_expect_para(&dc, "- Thực hiện Kế hoạch số 21/KH-UBND", false, false, 28, "both");
    S_expect_para(&dc, "Nơi nhận:", true, true, 24, NULL);
    S_expect_para(&dc, "- UBND huyện Cẩm Giàng (để b/c);", false, false, 22, NULL);
    S_expect_para(&dc, "- Lưu: VT.", false, false, 22, NULL);
    S_expect_para(&dc, "TM. ỦY BAN NHÂN DÂN", true, false, 28, "center");
    S_expect_para(&dc, "CHỦ TỊCH", true, false, 28, "center");
    S_expect_para(&dc, "Nguyễn Hữu Tuấn", true, false, 28, "center");
    /* body paragraphs: justified, first-line indent 1 cm, 6 pt before,
     * line spacing between single and 1.15 */
    xmlNodePtr body = S_find_para(dc.body, "- UBND xã chỉ đạo phân công");
    assert_string_equal(S_ppr_attr(&dc, body, "ind", "firstLine"), "567");
    assert_string_equal(S_ppr_attr(&dc, body, "spacing", "before"), "120");
    int line = atoi(S_ppr_attr(&dc, body, "spacing", "line"));
    assert_true(line >= 240 && line <= 276);
    assert_string_equal(S_ppr_attr(&dc, body, "spacing", "lineRule"), "auto");
    /* emphasis: **đa dạng, phong phú** is a bold run inside the sentence */
    xmlNodePtr em = S_find_para(dc.body, "- Tiếp tục đẩy mạnh công tác tuyên truyền");
    assert_non_null(em);
    bool found = false;
    for (xmlNodePtr r = em->children; r; r = r->next) {
        if (!bc_wml_is(r, "r"))
            continue;
        char *t = S_text_of(r);
        if (strcmp(t, "đa dạng, phong phú") == 0) {
            found = true;
            assert_true(bc_wml_styles_run_props(&dc.styles, em, r).bold);
        }
        free(t);
    }
    assert_true(found);
    /* the body ends with ./. and the signature keeps with it */
    xmlNodePtr last = S_find_para(dc.body, "Trên đây là kết quả");
    char *t = S_text_of(last);
    assert_int_equal(strcmp(t + strlen(t) - 3, "./."), 0);
    free(t);
    assert_non_null(S_ppr_el(&dc, last, "keepNext"));
    S_free(&dc);
}

/* Rule length of a DuongKe paragraph and the widest line above it. */
static void S_check_rules(doc *dc, const char *name)
{
    int rules = 0;
    /* walk every paragraph (tables included) */
    xmlNodePtr stack[64];
    int sp = 0;
    stack[sp++] = dc->body;
    while (sp) {
        xmlNodePtr n = stack[--sp];
        for (xmlNodePtr c = n->last; c; c = c->prev) {
            if (c->type != XML_ELEMENT_NODE)
                continue;
            if (!bc_wml_is(c, "p")) {
                if (sp < 64)
                    stack[sp++] = c;
                continue;
            }
            const char *style = bc_wml_styles_para_id(&dc->styles, c);
            if (!style || (strcmp(style, "DuongKe") && strcmp(style, "DuongKeDai")))
                continue;
            rules++;
            bool full = strcmp(style, "DuongKeDai") == 0;
            /* the width it is centred in */
            double avail = 9355;
            if (bc_wml_is(c->parent, "tc"))
                avail = atof(bc_wml_attr(bc_wml_child(bc_wml_child(c->parent, "tcPr"), "tcW"), "w")) - 114;
            xmlNodePtr ind = S_ppr_el(dc, c, "ind");
            assert_non_null(ind);
            double left = atof(bc_wml_attr(ind, "left"));
            double right = atof(bc_wml_attr(ind, "right"));
            assert_true(left > 0 && fabs(left - right) < 1.5);
            double rule = avail - left - right;
            /* the reference: paragraphs right above in one style */
            xmlNodePtr prev = c->prev;
            while (prev && !bc_wml_is(prev, "p"))
                prev = prev->prev;
            const char *ref = bc_wml_styles_para_id(&dc->styles, prev);
            double widest = 0;
            for (xmlNodePtr q = prev; q; q = q->prev) {
                if (!bc_wml_is(q, "p"))
                    continue;
                if (strcmp(bc_wml_styles_para_id(&dc->styles, q), ref))
                    break;
                bc_run_props rp = S_first_run(dc, q);
                char *text = S_text_of(q);
                for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
                    double w = bc_font_metrics_width(line, strlen(line),
                                             (bc_face)((rp.bold ? 1 : 0) | (rp.italic ? 2 : 0)), rp.sz);
                    if (w > widest)
                        widest = w;
                }
                free(text);
            }
            double ratio = rule / widest;
            if (full ? (ratio < 0.9 || ratio > 1.1) : (ratio < 1.0 / 3 || ratio > 0.5))
                fail_msg("%s: rule under %s is %.0f twips for a %.0f-twip line (ratio %.2f)",
                         name, ref, rule, widest, ratio);
        }
    }
    assert_int_equal(rules, 3);
}

static void test_rule_lengths(void **state)
{
    (void)state;
    for (int i = 0; S_examples[i]; i++) {
        char yaml[512];
        snprintf(yaml, sizeof yaml, BC_SOURCE_DIR "/examples/%s.yaml", S_examples[i]);
        doc dc;
        S_load(&dc, yaml, NULL);
        S_check_rules(&dc, S_examples[i]);
        S_free(&dc);
    }
}

static void test_long_names_wrap(void **state)
{
    (void)state;
    doc dc;
    S_load(&dc, BC_SOURCE_DIR "/tests/fixtures/long-names.yaml",
           BC_BUILD_DIR "/test-out/long-names.docx");
    /* the parent line: caps, not bold */
    S_expect_para(&dc, "UBND XÃ TÂN AN", false, false, 26, "center");
    /* the agency, too wide for its 6.5 cm cell, splits into lines that fit */
    xmlNodePtr ag = S_find_para(dc.body, "VĂN PHÒNG");
    assert_non_null(ag);
    int lines = 0;
    bc_buf whole = BC_BUF_INIT;
    for (xmlNodePtr q = ag; q && bc_wml_is(q, "p") &&
                            strcmp(bc_wml_styles_para_id(&dc.styles, q), "CoQuan") == 0;
         q = q->next) {
        char *t = S_text_of(q);
        assert_null(strchr(t, '\n'));
        assert_true(bc_font_metrics_width(t, strlen(t), BC_FACE_BOLD, 26) <= 3685 - 114);
        bc_buf_printf(&whole, "%s%s", lines ? " " : "", t);
        free(t);
        lines++;
    }
    assert_true(lines >= 2);
    assert_string_equal(bc_buf_cstr(&whole), "VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN");
    bc_buf_free(&whole);
    char *t;
    /* the summary, wider than the page, splits into balanced lines */
    xmlNodePtr ty = S_find_para(dc.body, "Kết quả thực hiện công tác cải cách");
    t = S_text_of(ty);
    char *nl = strchr(t, '\n');
    assert_non_null(nl);
    *nl = '\0';
    double w1 = bc_font_metrics_width(t, strlen(t), BC_FACE_BOLD, 28);
    double w2 = bc_font_metrics_width(nl + 1, strlen(nl + 1), BC_FACE_BOLD, 28);
    assert_true(w1 <= 9355 && w2 <= 9355);
    assert_true(fabs(w1 - w2) < 0.35 * (w1 > w2 ? w1 : w2));
    assert_string_equal(nl + 1 + strlen(nl + 1) - strlen("quý III năm 2025"), "quý III năm 2025");
    free(t);
    /* Kính gửi with several addressees, and "Như trên" first in Nơi nhận */
    /* several addressees: the label alone, the dashes under its colon
     * ("Kính gửi" is 1000 twips wide at 14 pt) */
    S_expect_para(&dc, "Kính gửi:", false, false, 28, NULL);
    xmlNodePtr kg1 = S_find_para(dc.body, "- Ủy ban nhân dân tỉnh Hải Dương;");
    xmlNodePtr kg2 = S_find_para(dc.body, "- Sở Nội vụ tỉnh Hải Dương.");
    assert_non_null(kg1);
    assert_non_null(kg2);
    int label_left = atoi(S_ppr_attr(&dc, S_find_para(dc.body, "Kính gửi:"), "ind", "left"));
    assert_int_equal(atoi(S_ppr_attr(&dc, kg1, "ind", "left")),
                     label_left + (int)(bc_font_metrics_width("Kính gửi", strlen("Kính gửi"),
                                                      BC_FACE_REGULAR, 28) + 0.5));
    assert_string_equal(S_ppr_attr(&dc, kg2, "ind", "left"), S_ppr_attr(&dc, kg1, "ind", "left"));
    assert_non_null(S_find_para(dc.body, "- Như trên;"));
    /* escaping: & < > " reach the text intact */
    assert_non_null(S_find_para(dc.body, "a) Tiếp nhận hồ sơ & trả kết quả <đúng hạn> \"100%\"."));
    assert_non_null(S_find_para(dc.body, "+ Số hồ sơ: 5.120./."));
    /* undated: the blank date form, the year from the period */
    assert_non_null(S_find_para(dc.body, "Tân An, ngày     tháng     năm 2025"));
    assert_non_null(S_find_para(dc.body, "Số:      /BC-VP"));
    S_check_rules(&dc, "long-names");
    S_free(&dc);
}

static void test_same_input_same_bytes(void **state)
{
    (void)state;
    bc_buf a = BC_BUF_INIT, b = BC_BUF_INIT;
    S_render_bytes(BC_SOURCE_DIR "/examples/chi-lang-nam-2022.yaml", &a);
    S_render_bytes(BC_SOURCE_DIR "/examples/chi-lang-nam-2022.yaml", &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    /* the core properties come from the report */
    bc_package p = BC_PACKAGE_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_read_mem(&p, "x", a.data, a.len, &d), 0);
    const char *core = (const char *)bc_package_find(&p, "docProps/core.xml")->data;
    assert_non_null(strstr(core, "<dc:title>Kết quả công tác tuyên truyền cải cách hành chính năm 2022</dc:title>"));
    assert_non_null(strstr(core, "<dc:creator>Ủy ban nhân dân xã Chi Lăng Nam</dc:creator>"));
    assert_non_null(strstr(core, ">2022-12-09T00:00:00Z</dcterms:created>"));
    bc_package_free(&p);
    bc_diags_free(&d);
    bc_buf_free(&a);
    bc_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_matches_golden),
        cmocka_unit_test(test_page_and_fonts),
        cmocka_unit_test(test_header_and_page_numbers),
        cmocka_unit_test(test_element_formats),
        cmocka_unit_test(test_rule_lengths),
        cmocka_unit_test(test_long_names_wrap),
        cmocka_unit_test(test_same_input_same_bytes),
    };
    return cmocka_run_group_tests_name("examples", tests, S_setup, S_teardown);
}
