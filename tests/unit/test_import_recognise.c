/*
 * test_import_recognise.c - the recogniser's pieces: case restoration
 * (import_case.h), the header lines (import_header.h), the closing
 * (import_closing.h), the period (import_period.h), and a whole text
 * report through bc_import_recognise.
 */
#include "test_support.h"

#include "base/buf.h"
#include "import/import_case.h"
#include "import/import_closing.h"
#include "import/import_doc.h"
#include "import/import_header.h"
#include "import/import_period.h"
#include "import/import_recognise.h"
#include "import/import_report.h"
#include "import/import_text.h"

#include <stdlib.h>
#include <string.h>

static void test_case(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    assert_string_equal(bc_import_case_name(&a, "NGUYỄN HỮU TUẤN"), "Nguyễn Hữu Tuấn");
    assert_string_equal(bc_import_case_name(&a, "TRƯƠNG THỊ BỒN"), "Trương Thị Bồn");
    assert_string_equal(bc_import_case_clerk(&a, "ỦY BAN NHÂN DÂN XÃ CẨM VŨ"),
                        "Ủy ban nhân dân xã Cẩm Vũ");
    assert_string_equal(bc_import_case_clerk(&a, "ỦY BAN NHÂN DÂN XÃ CHI LĂNG NAM"),
                        "Ủy ban nhân dân xã Chi Lăng Nam");
    assert_string_equal(bc_import_case_clerk(&a, "ỦY BAN NHÂN DÂN TỈNH HẢI DƯƠNG"),
                        "Ủy ban nhân dân tỉnh Hải Dương");
    assert_string_equal(bc_import_case_clerk(&a, "TM. ỦY BAN NHÂN DÂN"), "TM. Ủy ban nhân dân");
    assert_string_equal(bc_import_case_clerk(&a, "KT. CHỦ TỊCH"), "KT. Chủ tịch");
    assert_string_equal(bc_import_case_clerk(&a, "PHÓ CHỦ TỊCH"), "Phó Chủ tịch");
    assert_string_equal(bc_import_case_clerk(&a, "CHỦ TỊCH"), "Chủ tịch");
    assert_string_equal(bc_import_case_clerk(&a, "UBND THỊ TRẤN LAI CÁCH"),
                        "UBND thị trấn Lai Cách");
    assert_string_equal(bc_import_case_clerk(&a, "KẾT QUẢ CỦA XÃ CẨM VŨ NĂM 2023"),
                        "Kết quả của xã Cẩm Vũ năm 2023");
    assert_true(bc_import_case_is_caps("BÁO CÁO"));
    assert_true(bc_import_case_is_caps("TM. ỦY BAN NHÂN DÂN"));
    assert_false(bc_import_case_is_caps("Chủ tịch"));
    assert_false(bc_import_case_is_caps("2023"));
    assert_false(bc_import_case_is_caps("I."));
    bc_arena_free(&a);
}

static void test_header_lines(void **state)
{
    (void)state;
    bc_import_report r;
    bc_import_report_init(&r);
    const char *code = NULL, *rest = NULL;
    assert_true(bc_import_header_number(&r, "Số: 95/BC-UBND", &code, &rest));
    assert_string_equal(r.so.value, "95");
    assert_string_equal(r.ky_hieu_co_quan.value, "UBND");
    assert_string_equal(code, "BC");
    assert_string_equal(rest, "");
    assert_true(bc_import_header_number(&r, "Số:   /BC - UBND  Cẩm Vũ, ngày 06 tháng 7 năm 2023",
                                        &code, &rest));
    assert_null(r.so.value);
    assert_string_equal(rest, "Cẩm Vũ, ngày 06 tháng 7 năm 2023");
    assert_false(bc_import_header_number(&r, "Số liệu: 5/7", &code, &rest));
    assert_true(bc_import_header_date(&r, "Cẩm Vũ, ngày 15 tháng 12 năm 2023"));
    assert_string_equal(r.dia_danh.value, "Cẩm Vũ");
    assert_string_equal(r.ngay.value, "2023-12-15");
    assert_true(bc_import_header_date(&r, "Chi Lăng Nam ,  ngày  6  tháng  7  năm  2023"));
    assert_string_equal(r.dia_danh.value, "Chi Lăng Nam");
    assert_string_equal(r.ngay.value, "2023-07-06");
    r.ngay.value = NULL;
    assert_true(bc_import_header_date(&r, "Phú Thứ, ngày     tháng     năm 2022"));
    assert_null(r.ngay.value);
    assert_non_null(r.ngay.note);
    assert_true(bc_import_header_date(&r, "Thử Nghiệm, ngày     tháng     năm"));
    assert_string_equal(r.dia_danh.value, "Thử Nghiệm");
    assert_false(bc_import_header_date(&r, "Thực hiện Kế hoạch ngày 20/02/2023"));
    assert_true(bc_import_header_is_motto("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_true(bc_import_header_is_motto("Độc lập - Tự do - Hạnh phúc"));
    assert_true(bc_import_header_is_motto("_______________"));
    assert_false(bc_import_header_is_motto("BÁO CÁO"));
    const bc_doc_type *t = bc_import_header_type("BÁO  CÁO");
    assert_non_null(t);
    assert_string_equal(t->key, "bao_cao");
    assert_null(bc_import_header_type("Báo cáo"));
    bc_import_report_free(&r);
}

static void test_closing(void **state)
{
    (void)state;
    bc_import_report r;
    bc_import_report_init(&r);
    assert_string_equal(bc_import_closing_item(&r, "- UBND huyện Cẩm Giàng (để b/c);"),
                        "UBND huyện Cẩm Giàng (để b/c)");
    assert_string_equal(bc_import_closing_item(&r, "-TVĐU, TT HĐND xã;"), "TVĐU, TT HĐND xã");
    assert_string_equal(bc_import_closing_item(&r, "- Lưu: VT."), "Lưu: VT");
    assert_true(bc_import_closing_is_recipients("Nơi nhận:"));
    assert_true(bc_import_closing_is_recipients("*** Nơi nhận:**"));
    assert_false(bc_import_closing_is_recipients("Nơi nhận báo cáo là UBND huyện"));
    const char *lines[] = {"Nơi nhận:", "- UBND huyện;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN",
                           "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "NGUYỄN VĂN NHƯNG"};
    bc_import_list unplaced = {0};
    bc_import_closing_read(&r, lines, 7, &unplaced);
    assert_int_equal(r.noi_nhan.n, 2);
    assert_string_equal(r.noi_nhan.items[1], "Lưu: VT");
    assert_int_equal(r.chuc_danh.n, 3);
    assert_string_equal(r.chuc_danh.items[0], "TM. Ủy ban nhân dân");
    assert_string_equal(r.chuc_danh.items[1], "KT. Chủ tịch");
    assert_string_equal(r.chuc_danh.items[2], "Phó Chủ tịch");
    assert_string_equal(r.ho_ten.value, "Nguyễn Văn Nhưng");
    assert_non_null(r.ho_ten.note);
    assert_int_equal(unplaced.n, 0);
    /* a name in name case whose first word folds like a title's */
    bc_import_report r2;
    bc_import_report_init(&r2);
    const char *l2[] = {"TM. ỦY BAN NHÂN DÂN PHƯỜNG", "Chủ tịch", "Trương Thị Bồn"};
    bc_import_closing_read(&r2, l2, 3, &unplaced);
    assert_int_equal(r2.chuc_danh.n, 2);
    assert_string_equal(r2.ho_ten.value, "Trương Thị Bồn");
    assert_null(r2.ho_ten.note);
    const char *kg[] = {"Kính gửi:", "- UBND huyện Cẩm Giàng;", "- Phòng Nội vụ huyện.", "I. X"};
    assert_int_equal(bc_import_closing_addressee(&r2, kg, 4), 3);
    assert_int_equal(r2.kinh_gui_items.n, 2);
    assert_string_equal(r2.kinh_gui_items.items[1], "Phòng Nội vụ huyện");
    free(unplaced.items);
    bc_import_report_free(&r);
    bc_import_report_free(&r2);
}

static void S_find(const char *s, int nam, int nua, int quy, int thang, int so_thang)
{
    bc_period p;
    if (!bc_import_period_find(s, &p))
        fail_msg("no period in `%s`", s);
    assert_int_equal(p.nam, nam);
    assert_int_equal(p.nua, nua);
    assert_int_equal(p.quy, quy);
    assert_int_equal(p.thang, thang);
    assert_int_equal(p.so_thang, so_thang);
}

static void test_period_find(void **state)
{
    (void)state;
    S_find("Kết quả công tác quý II năm 2022", 2022, 0, 2, 0, 0);
    S_find("báo cáo 6 tháng đầu năm 2023 như sau", 2023, 1, 0, 0, 0);
    S_find("6 tháng cuối năm 2023", 2023, 2, 0, 0, 0);
    S_find("9 tháng đầu năm 2023", 2023, 0, 0, 0, 9);
    S_find("tình hình tháng 5 năm 2024", 2024, 0, 0, 5, 0);
    S_find("Kết quả năm 2023", 2023, 0, 0, 0, 0);
    S_find("KẾT QUẢ QUÝ III NĂM 2022", 2022, 0, 3, 0, 0);
    /* a date is no period */
    S_find("Cẩm Vũ, ngày 15 tháng 12 năm 2023, kết quả năm 2022", 2022, 0, 0, 0, 0);
    bc_period p;
    assert_false(bc_import_period_find("Kế hoạch số 17/KH-UBND ngày 20/02/2023", &p));
    assert_false(bc_import_period_find("6 tháng đầu năm như sau", &p));
}

static void S_tpl(const bc_period *p, const char *in, const char *want, size_t caps)
{
    bc_import_report r;
    bc_import_report_init(&r);
    bc_buf b = BC_BUF_INIT;
    bc_import_period_template(&r, p, in, &b);
    if (strcmp(bc_buf_cstr(&b), want) != 0)
        fail_msg("`%s` gave `%s`, want `%s`", in, b.data, want);
    assert_int_equal(r.period_caps.n, caps);
    bc_buf_free(&b);
    bc_import_report_free(&r);
}

/* Phrases naming another period are kept and listed once; dates and
 * the period's own phrases are not among them. */
static void test_period_other(void **state)
{
    (void)state;
    bc_period q2 = {0};
    q2.nam = 2022;
    q2.quy = 2;
    bc_import_report r;
    bc_import_report_init(&r);
    bc_buf b = BC_BUF_INIT;
    bc_import_period_template(&r, &q2,
                              "Kế hoạch năm 2022 ngày 15 tháng 3 năm 2022: quý II năm 2022, "
                              "6 tháng đầu năm 2022 và năm 2022.",
                              &b);
    assert_string_equal(bc_buf_cstr(&b), "Kế hoạch năm 2022 ngày 15 tháng 3 năm 2022: "
                                         "{{ky_bao_cao.ten}}, 6 tháng đầu năm 2022 và năm 2022.");
    assert_int_equal(r.period_other.n, 2);
    assert_string_equal(r.period_other.items[0], "năm 2022");
    assert_string_equal(r.period_other.items[1], "6 tháng đầu năm 2022");
    assert_int_equal(r.period_caps.n, 0);
    bc_buf_free(&b);
    bc_import_report_free(&r);
}

static void test_period_template(void **state)
{
    (void)state;
    bc_period year = {.nam = 2023};
    S_tpl(&year, "cải cách hành chính năm 2023 và phương hướng năm 2024.",
          "cải cách hành chính {{ky_bao_cao.ten}} và phương hướng {{ky_bao_cao.ky_sau}}.", 0);
    /* dates, document numbers and longer periods keep their year */
    S_tpl(&year, "Kế hoạch số 21/KH-UBND, ngày 19/01/2023 và ngày 15 tháng 12 năm 2023",
          "Kế hoạch số 21/KH-UBND, ngày 19/01/2023 và ngày 15 tháng 12 năm 2023", 0);
    S_tpl(&year, "6 tháng đầu năm 2023; năm 20234; quý II năm 2023",
          "6 tháng đầu năm 2023; năm 20234; quý II năm 2023", 0);
    /* capitals and a capital N left as written, and listed */
    S_tpl(&year, "I. KẾT QUẢ NĂM 2023. Năm 2023 Đoàn thanh niên; NĂM 2023",
          "I. KẾT QUẢ NĂM 2023. Năm 2023 Đoàn thanh niên; NĂM 2023", 2);
    bc_period q2 = {.nam = 2022, .quy = 2};
    S_tpl(&q2, "kết quả quý II năm 2022, nhiệm vụ quý III năm 2022; năm 2022",
          "kết quả {{ky_bao_cao.ten}}, nhiệm vụ {{ky_bao_cao.ky_sau}}; năm 2022", 0);
    bc_period h1 = {.nam = 2024, .nua = 1};
    S_tpl(&h1, "(6 tháng đầu năm 2024) và 6 tháng cuối năm 2024",
          "({{ky_bao_cao.ten}}) và {{ky_bao_cao.ky_sau}}", 0);
}

static void test_period_next(void **state)
{
    (void)state;
    bc_period p = {.nam = 2022, .quy = 2}, q = bc_import_period_next(&p);
    assert_int_equal(q.quy, 3);
    assert_int_equal(q.nam, 2022);
    p = (bc_period){.nam = 2022, .quy = 4};
    q = bc_import_period_next(&p);
    assert_int_equal(q.quy, 1);
    assert_int_equal(q.nam, 2023);
    p = (bc_period){.nam = 2023, .nua = 1};
    q = bc_import_period_next(&p);
    assert_int_equal(q.nua, 2);
    p = (bc_period){.nam = 2023};
    q = bc_import_period_next(&p);
    assert_int_equal(q.nam, 2024);
    assert_int_equal(q.nua + q.quy + q.thang + q.so_thang, 0);
    p = (bc_period){.nam = 2024, .thang = 12};
    q = bc_import_period_next(&p);
    assert_int_equal(q.thang, 1);
    assert_int_equal(q.nam, 2025);
    p = (bc_period){.nam = 2023, .so_thang = 9};
    q = bc_import_period_next(&p);
    assert_int_equal(q.so_thang + q.nua + q.quy, 0);
    assert_int_equal(q.nam, 2023);
}

static void test_figures(void **state)
{
    (void)state;
    bc_import_report r;
    bc_import_report_init(&r);
    bc_import_period_figures(&r, "1. Tình hình\n\nNgày 29/3/2023 tổ chức hội nghị (22 buổi), "
                                 "Kế hoạch số 17/KH-UBND, 1.245 hồ sơ, giai đoạn 2021 - 2030, "
                                 "{{so_lieu.x}} tin, đạt 98,5%.");
    assert_int_equal(r.figures.n, 3);
    assert_string_equal(r.figures.items[0], "22 buổi");
    assert_string_equal(r.figures.items[1], "1.245 hồ");
    assert_string_equal(r.figures.items[2], "98,5%");
    bc_import_report_free(&r);
}

/* A report's text through the reader and the recogniser. */
static void test_text_report(void **state)
{
    (void)state;
    const char *text =
        "ỦY BAN NHÂN DÂN\n"
        "XÃ CẨM VŨ\n"
        "Số: 95/BC-UBND\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Cẩm Vũ, ngày 15 tháng 12 năm 2023\n"
        "BÁO CÁO\n"
        "Kết quả công tác quý II năm 2022\n"
        "\n"
        "I. KẾT QUẢ QUÝ II NĂM 2022\n"
        "1.Tình hình:\n"
        "-Thực hiện kế hoạch quý II năm 2022 đạt 12 buổi./.\n"
        "Nơi nhận:\n"
        "- UBND huyện;\n"
        "- Lưu: VT.\n"
        "TM. ỦY BAN NHÂN DÂN\n"
        "CHỦ TỊCH\n"
        "\n"
        "NGUYỄN HỮU TUẤN\n";
    bc_import_doc doc;
    bc_diags d = BC_DIAGS_INIT;
    bc_import_doc_init(&doc, "t.txt", 1);
    assert_int_equal(bc_import_text_read_mem("t.txt", text, strlen(text), &doc, &d), 0);
    bc_import_report r;
    bc_import_report_init(&r);
    assert_int_equal(bc_import_recognise(&doc, false, &r, &d), 0);
    assert_null(d.head);
    assert_string_equal(r.loai.value, "bao_cao");
    assert_string_equal(r.co_quan.value, "Ủy ban nhân dân xã Cẩm Vũ");
    assert_null(r.co_quan_chu_quan.value);
    assert_string_equal(r.so.value, "95");
    assert_string_equal(r.ky_hieu_co_quan.value, "UBND");
    assert_string_equal(r.dia_danh.value, "Cẩm Vũ");
    assert_string_equal(r.ngay.value, "2023-12-15");
    assert_true(r.has_period);
    assert_int_equal(r.period.quy, 2);
    assert_string_equal(r.trich_yeu.value, "Kết quả công tác {{ky_bao_cao.ten}}");
    assert_string_equal(r.noi_dung.value,
                        "I. KẾT QUẢ QUÝ II NĂM 2022\n\n1. Tình hình:\n\n"
                        "- Thực hiện kế hoạch {{ky_bao_cao.ten}} đạt 12 buổi.");
    assert_int_equal(r.period_caps.n, 1);
    assert_string_equal(r.period_caps.items[0], "QUÝ II NĂM 2022");
    assert_int_equal(r.noi_nhan.n, 2);
    assert_string_equal(r.ho_ten.value, "Nguyễn Hữu Tuấn");
    bc_import_report_free(&r);
    /* the next period */
    bc_import_report_init(&r);
    assert_int_equal(bc_import_recognise(&doc, true, &r, &d), 0);
    assert_int_equal(r.period.quy, 3);
    assert_null(r.so.value);
    assert_null(r.ngay.value);
    assert_int_equal(r.figures.n, 1);
    assert_string_equal(r.figures.items[0], "12 buổi");
    bc_import_report_free(&r);
    bc_import_doc_free(&doc);
    /* no report at all */
    bc_import_doc_init(&doc, "t.txt", 1);
    assert_int_equal(bc_import_text_read_mem("t.txt", "Xin chào.\nHẹn gặp lại.\n", 24, &doc,
                                             &d), 0);
    bc_import_report_init(&r);
    assert_int_equal(bc_import_recognise(&doc, false, &r, &d), -1);
    assert_non_null(d.head);
    assert_string_equal(d.head->file, "t.txt");
    bc_diags_free(&d);
    bc_import_report_free(&r);
    bc_import_doc_free(&doc);
}

/* Header lines typed in the case a clerk writes, joined or not. */
static void S_header_of(const char *text, const char *ccq, const char *cq, const char *kh)
{
    bc_import_doc doc;
    bc_diags d = BC_DIAGS_INIT;
    bc_import_doc_init(&doc, "t.txt", 1);
    assert_int_equal(bc_import_text_read_mem("t.txt", text, strlen(text), &doc, &d), 0);
    bc_import_report r;
    bc_import_report_init(&r);
    assert_int_equal(bc_import_recognise(&doc, false, &r, &d), 0);
    if (ccq)
        assert_string_equal(r.co_quan_chu_quan.value, ccq);
    else
        assert_null(r.co_quan_chu_quan.value);
    assert_string_equal(r.co_quan.value, cq);
    assert_string_equal(r.ky_hieu_co_quan.value, kh);
    bc_import_report_free(&r);
    bc_import_doc_free(&doc);
    bc_diags_free(&d);
}

static void test_header_typed(void **state)
{
    (void)state;
    S_header_of("Ủy ban nhân dân huyện Cẩm Giàng\nỦy ban nhân dân xã Cẩm Vũ\nSố: 7/BC-UBND\n"
                "Cẩm Vũ, ngày 02 tháng 3 năm 2024\nBÁO CÁO\nTình hình\n\nI. Kết quả\n",
                "Ủy ban nhân dân huyện Cẩm Giàng", "Ủy ban nhân dân xã Cẩm Vũ", "UBND");
    S_header_of("Văn phòng Ủy ban nhân dân tỉnh\nSố: 7/BC-VP\nA, ngày 02 tháng 3 năm 2024\n"
                "BÁO CÁO\nTình hình\n\nI. Kết quả\n",
                NULL, "Văn phòng Ủy ban nhân dân tỉnh", "VP");
    S_header_of("UBND HUYỆN TỨ KỲ\nỦY BAN NHÂN DÂN XÃ ÍCH HẬU\nSố:    /BC-UBND\nBÁO CÁO\n"
                "Tình hình\n\nI. Kết quả\n",
                "UBND huyện Tứ Kỳ", "Ủy ban nhân dân xã Ích Hậu", "UBND");
    /* an agency in capitals takes the case the text writes it in: the
     * first mention not in capitals, as whole words */
    S_header_of("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSỞ NỘI VỤ\nSố: 215/BC-SNV\nBÁO CÁO\n"
                "Tình hình\n\nI. KẾT QUẢ CỦA SỞ NỘI VỤ\n\nBan Sở Nội vụ Lạng Sơn họp. Sở Nội vụ báo cáo.\n"
                "Ủy ban nhân dân tỉnh Lạng Sơn chỉ đạo.\n",
                "Ủy ban nhân dân tỉnh Lạng Sơn", "Sở Nội vụ", "SNV");
    /* no mention: the guess stays ("UBND" is kept as written) */
    S_header_of("UBND TỈNH LẠNG SƠN\nSỞ NỘI VỤ\nSố: 215/BC-SNV\nBÁO CÁO\nTình hình\n\n"
                "I. Kết quả\n\nBan Sởnội vụ họp.\n",
                "UBND tỉnh Lạng Sơn", "Sở nội vụ", "SNV");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case),
        cmocka_unit_test(test_header_lines),
        cmocka_unit_test(test_closing),
        cmocka_unit_test(test_period_find),
        cmocka_unit_test(test_period_template),
        cmocka_unit_test(test_period_other),
        cmocka_unit_test(test_period_next),
        cmocka_unit_test(test_figures),
        cmocka_unit_test(test_text_report),
        cmocka_unit_test(test_header_typed),
    };
    return cmocka_run_group_tests_name("import_recognise", tests, NULL, NULL);
}
