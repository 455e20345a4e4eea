/*
 * test_import_text.c - a report's text read into paragraphs
 * (import/import_text.h): lines broken by the page rejoined, numbering
 * without its space starting a paragraph, capitals and short lines,
 * blank lines inside a sentence, pipe lines, and the files refused.
 */
#include "test_support.h"

#include "import/import_doc.h"
#include "import/import_text.h"

#include <string.h>

static bc_import_doc S_doc;

static size_t S_read(const char *text)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_import_doc_init(&S_doc, "t.txt", 1);
    int rc = bc_import_text_read_mem("t.txt", text, strlen(text), &S_doc, &d);
    assert_int_equal(rc, 0);
    assert_null(d.head);
    return S_doc.n_blocks;
}

static const char *S_para(size_t i)
{
    assert_true(i < S_doc.n_blocks);
    assert_int_equal(S_doc.blocks[i].kind, BC_IMPORT_BLOCK_PARA);
    return S_doc.blocks[i].u.para.text;
}

static void test_numbering_patterns(void **state)
{
    (void)state;
    int sp = -1;
    assert_int_equal(bc_import_text_numbering("1.Tình hình", &sp), 2);
    assert_int_equal(sp, 0);
    assert_int_equal(bc_import_text_numbering("2.1. Tuyên", &sp), 4);
    assert_int_equal(sp, 1);
    assert_int_equal(bc_import_text_numbering("-TVĐU, TT", &sp), 1);
    assert_int_equal(sp, 0);
    assert_int_equal(bc_import_text_numbering("+Thực hiện", &sp), 1);
    assert_int_equal(bc_import_text_numbering("a) Nội dung", &sp), 2);
    assert_int_equal(bc_import_text_numbering("đ)Nội dung", &sp), 3);
    assert_int_equal(bc_import_text_numbering("II.Những", &sp), 3);
    /* not numberings: a figure, a year, a date, a negative number */
    assert_int_equal(bc_import_text_numbering("5.120 người", &sp), 0);
    assert_int_equal(bc_import_text_numbering("2021 - 2030 của", &sp), 0);
    assert_int_equal(bc_import_text_numbering("19/01/2023", &sp), 0);
    assert_int_equal(bc_import_text_numbering("-5 điểm", &sp), 0);
    assert_int_equal(bc_import_text_numbering("V/v báo cáo", &sp), 0);
}

static void test_lines_rejoined(void **state)
{
    (void)state;
    size_t n = S_read(
        "BÁO CÁO\n"
        "Kết quả công tác năm 2023\n"
        "\n"
        "1.Tình hình tổ chức triển khai:\n"
        "- Thực hiện Kế hoạch số 21/KH-UBND, ngày 19/01/2023 của UBND huyện về \n"
        "\n"
        "tuyên truyền cải cách hành chính năm 2023. Ngay từ đầu năm UBND xã ban hành Kế \n"
        "hoạch số 17/KH-UBND và các văn bản chỉ đạo các bộ phận có liên quan thực hiện.\n"
        "-TVĐU chỉ đạo thực hiện Chương trình tổng thể cải cách hành chính nhà nước giai đoạn\n"
        "2021 - 2030 của Chính phủ.\n");
    assert_int_equal(n, 5);
    assert_string_equal(S_para(0), "BÁO CÁO");
    assert_string_equal(S_para(1), "Kết quả công tác năm 2023");
    assert_string_equal(S_para(2), "1.Tình hình tổ chức triển khai:");
    assert_string_equal(S_para(3),
                        "- Thực hiện Kế hoạch số 21/KH-UBND, ngày 19/01/2023 của UBND huyện "
                        "về tuyên truyền cải cách hành chính năm 2023. Ngay từ đầu năm UBND "
                        "xã ban hành Kế hoạch số 17/KH-UBND và các văn bản chỉ đạo các bộ "
                        "phận có liên quan thực hiện.");
    assert_string_equal(S_para(4), "-TVĐU chỉ đạo thực hiện Chương trình tổng thể cải cách "
                                   "hành chính nhà nước giai đoạn 2021 - 2030 của Chính phủ.");
    assert_int_equal(S_doc.blocks[3].u.para.line, 5);
    bc_import_doc_free(&S_doc);
}

static void test_bom_crlf_tabs_and_pipes(void **state)
{
    (void)state;
    size_t n = S_read("\xEF\xBB\xBF  Nơi nhận:\r\n- Lưu:\tVT.\r\n| a | b |\r\n|---|---|\r\n"
                      "| 1 | 2 |\r\n");
    assert_int_equal(n, 5);
    assert_string_equal(S_para(0), "Nơi nhận:");
    assert_string_equal(S_para(1), "- Lưu: VT.");
    assert_string_equal(S_para(2), "| a | b |");
    assert_string_equal(S_para(4), "| 1 | 2 |");
    bc_import_doc_free(&S_doc);
}

static void S_refused(const char *bytes, size_t len, const char *needle)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_import_doc doc;
    bc_import_doc_init(&doc, "t.txt", 1);
    assert_int_equal(bc_import_text_read_mem("t.txt", bytes, len, &doc, &d), -1);
    assert_non_null(d.head);
    assert_int_equal(d.head->severity, BC_ERROR);
    assert_string_equal(d.head->file, "t.txt");
    if (!strstr(d.head->msg, needle))
        fail_msg("`%s` lacks `%s`", d.head->msg, needle);
    bc_diags_free(&d);
    bc_import_doc_free(&doc);
}

static void test_refused(void **state)
{
    (void)state;
    S_refused("%PDF-1.4\n%\xE2\xE3\n", 14, "PDF");
    S_refused("PK\3\4rest", 8, "zip");
    S_refused("\xFF\xFEh\0i\0", 6, "UTF-16");
    S_refused("B\xE1o c\xE1o\n", 8, "UTF-8");
    S_refused(" \n\t\n\r\n", 6, "empty");
    S_refused("", 0, "empty");
    S_refused("a\0b", 3, "binary");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbering_patterns),
        cmocka_unit_test(test_lines_rejoined),
        cmocka_unit_test(test_bom_crlf_tabs_and_pipes),
        cmocka_unit_test(test_refused),
    };
    return cmocka_run_group_tests_name("import_text", tests, NULL, NULL);
}
