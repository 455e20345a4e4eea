/*
 * test_body_markup.c - unit tests of body_markup.c (input.md 1.3): block
 * splitting and joining of hard-wrapped lines, every block kind, titles,
 * emphasis spans, escapes, source lines, and the "./." ending.
 */
#include "test_support.h"

#include "report/body_markup.h"
#include "report/body_table.h"

#include <stdio.h>
#include <string.h>

static bc_body parse(const char *s)
{
    bc_body b;
    bc_body_markup_parse(s, strlen(s), &b);
    return b;
}

/* The kind of a one-block body (no interest in the ending here). */
static bc_block_kind kind_of(const char *s)
{
    bc_body b = parse(s);
    assert_int_equal(b.count, 1);
    bc_block_kind k = b.blocks[0].kind;
    bc_body_markup_free(&b);
    return k;
}

static void expect_kind(const char *s, bc_block_kind want)
{
    bc_block_kind k = kind_of(s);
    if (k != want)
        fail_msg("\"%s\": %s, want %s", s, bc_body_markup_kind_name(k), bc_body_markup_kind_name(want));
}

static void test_kinds(void **state)
{
    (void)state;
    expect_kind("I. KẾT QUẢ THỰC HIỆN", BC_BLK_PART);
    expect_kind("II. NHIỆM VỤ", BC_BLK_PART);
    expect_kind("IV. KIẾN NGHỊ", BC_BLK_PART);
    expect_kind("IX. A", BC_BLK_PART);
    expect_kind("XIV. A", BC_BLK_PART);
    expect_kind("XX. A", BC_BLK_PART);
    expect_kind("I. Một câu dài kết thúc bằng dấu chấm.", BC_BLK_PART);
    expect_kind("1. Tình hình tổ chức triển khai:", BC_BLK_ITEM_TITLE);
    expect_kind("2. Kết quả đạt được", BC_BLK_ITEM_TITLE);
    expect_kind("1. Ủy ban nhân dân xã đã ban hành kế hoạch.", BC_BLK_ITEM);
    expect_kind("12. Khác", BC_BLK_ITEM_TITLE);
    expect_kind("01. Khác", BC_BLK_ITEM_TITLE);
    expect_kind("2.1. Công tác chỉ đạo", BC_BLK_SUBITEM_TITLE);
    expect_kind("2.3.1. Tuyên truyền trên hệ thống truyền thanh:", BC_BLK_SUBITEM_TITLE);
    expect_kind("2.1. Xã đã tổ chức 9 buổi tuyên truyền lưu động.", BC_BLK_SUBITEM);
    expect_kind("2.1 Công tác chỉ đạo", BC_BLK_SUBITEM_TITLE);
    expect_kind("a) Tuyên truyền trên hệ thống truyền thanh.", BC_BLK_POINT);
    expect_kind("b) Ngắn", BC_BLK_POINT);
    expect_kind("đ) Điểm đ", BC_BLK_POINT);
    expect_kind("y) Điểm cuối", BC_BLK_POINT);
    expect_kind("- Ngay từ đầu năm UBND xã ban hành Kế hoạch.", BC_BLK_DASH);
    expect_kind("– Gạch ngang dài (en dash).", BC_BLK_DASH);
    expect_kind("+ Tin bài trên trang thông tin điện tử: 26 tin.", BC_BLK_PLUS);
    expect_kind("Thực hiện Kế hoạch số 17/KH-UBND, UBND xã báo cáo như sau:",
                BC_BLK_PARAGRAPH);
    /* Emphasis around the whole line does not hide the numbering. */
    expect_kind("**I. KẾT QUẢ**", BC_BLK_PART);
    expect_kind("*2.1. Công tác chỉ đạo*", BC_BLK_SUBITEM_TITLE);
}

static void test_not_numbering(void **state)
{
    (void)state;
    static const char *const plain[] = {
        "1.5 tỷ đồng đã được giải ngân trong năm",  /* decimal number */
        "2023. Năm bản lề",                          /* 4 digits: not an item */
        "100. Một trăm",
        "V.I. Lênin đã nói",                         /* initials */
        "IIII. Không phải số La Mã",
        "IC. Không phải",
        "L. Quá lớn",                                /* only I V X recognised */
        "i. chữ thường",
        "f) Không có f trong bảng chữ cái",
        "A) Chữ hoa",
        "-5 độ C",
        "+5 điểm",
        "-Không có dấu cách",
        "1) Ngoặc sau số",
        "1.2.3.4.5. Quá sâu",
        "1,5 triệu đồng",
        "Số 1. Không ở đầu dòng",
    };
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
        expect_kind(plain[i], BC_BLK_PARAGRAPH);
}

static void test_no_space_after_number(void **state)
{
    (void)state;
    /* "1.Tình hình" as clerks type it: an item, printed with the space the
     * clerk meant, each fix a warning at its line */
    bc_body b = parse("1.Tình hình chung\nII.KẾT QUẢ\n2.1.Chỉ đạo");
    assert_int_equal(b.count, 3);
    assert_int_equal(b.blocks[0].kind, BC_BLK_ITEM_TITLE);
    assert_string_equal(b.blocks[0].text, "1. Tình hình chung");
    assert_int_equal(b.blocks[1].kind, BC_BLK_PART);
    assert_string_equal(b.blocks[1].text, "II. KẾT QUẢ");
    assert_int_equal(b.blocks[2].kind, BC_BLK_SUBITEM_TITLE);
    assert_string_equal(b.blocks[2].text, "2.1. Chỉ đạo./.");
    assert_int_equal(b.issue_count, 3);
    assert_false(b.issues[0].error);
    assert_int_equal(b.issues[1].line, 2);
    assert_non_null(strstr(b.issues[0].msg, "`1.Tình` is read as `1. Tình`"));
    bc_body_markup_free(&b);
    /* "1.958 hộ" is a number, not a numbering */
    b = parse("1.958 hộ dân");
    assert_int_equal(b.blocks[0].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[0].text, "1.958 hộ dân./.");
    assert_int_equal(b.issue_count, 0);
    bc_body_markup_free(&b);
    /* other slips: I -, II/, bullets, a tab, an invisible character */
    b = parse("I - KẾT QUẢ\n\n• Một\n\n* Hai\n\nII/ TỒN TẠI\n\nBa\tbốn\xe2\x80\x8b.");
    assert_int_equal(b.count, 5);
    assert_int_equal(b.blocks[0].kind, BC_BLK_PART);
    assert_string_equal(b.blocks[0].text, "I. KẾT QUẢ");
    assert_int_equal(b.blocks[1].kind, BC_BLK_DASH);
    assert_string_equal(b.blocks[1].text, "- Một");
    assert_string_equal(b.blocks[2].text, "- Hai");
    assert_string_equal(b.blocks[3].text, "II. TỒN TẠI");
    assert_string_equal(b.blocks[4].text, "Ba bốn./.");
    assert_int_equal(b.issue_count, 6);
    bc_body_markup_free(&b);
    /* emphasis stars keep their meaning */
    b = parse("**Đậm** và *nghiêng*");
    assert_int_equal(b.issue_count, 0);
    assert_int_equal(b.blocks[0].span_count, 2);
    bc_body_markup_free(&b);
    /* "1.5 tỷ" on a wrapped line continues the paragraph. */
    b = parse("Tổng kinh phí là\n1.5 tỷ đồng.");
    assert_int_equal(b.count, 1);
    assert_string_equal(b.blocks[0].text, "Tổng kinh phí là 1.5 tỷ đồng./.");
    bc_body_markup_free(&b);
}

static void test_titles(void **state)
{
    (void)state;
    /* Exactly at the threshold (120 code points, Vietnamese letters count
     * one each) is a title; one more is an item. */
    char line[512];
    strcpy(line, "1. ");
    while (strlen(line) < 3 + 117 * 2)
        strcat(line, "ư");          /* 2 bytes, 1 code point */
    expect_kind(line, BC_BLK_ITEM_TITLE);
    strcat(line, "x");
    expect_kind(line, BC_BLK_ITEM);
    /* A title spread over two source lines is a sentence item. */
    bc_body b = parse("1. Tình hình\nchung\n\nx");
    assert_int_equal(b.blocks[0].kind, BC_BLK_ITEM);
    assert_string_equal(b.blocks[0].text, "1. Tình hình chung");
    bc_body_markup_free(&b);
    /* The final full stop is judged after emphasis markers go. */
    expect_kind("1. **Kết quả.**", BC_BLK_ITEM);
    expect_kind("1. **Kết quả**", BC_BLK_ITEM_TITLE);
    expect_kind("1.", BC_BLK_ITEM_TITLE);
    expect_kind("2.1. Có dấu hai chấm:", BC_BLK_SUBITEM_TITLE);
}

static void test_joining(void **state)
{
    (void)state;
    const char *src =
        "Thực hiện Kế hoạch số 17/KH-UBND ngày 20/02/2023 của UBND xã\n"
        "   về công tác tuyên truyền,   \n"
        "\tUBND xã báo cáo như sau:\n"
        "\n"
        "\n"
        "I. KẾT QUẢ\n"
        "1. Tình hình:\n"
        "- Ban hành kế hoạch;\n"
        "tiếp tục dòng gạch\n"
        "+ Tin bài: 58 tin\n"
        "a) Điểm a\n"
        "\n"
        "Đoạn cuối";
    bc_body b = parse(src);
    assert_int_equal(b.count, 7);
    assert_int_equal(b.blocks[0].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[0].text,
                        "Thực hiện Kế hoạch số 17/KH-UBND ngày 20/02/2023 của UBND xã "
                        "về công tác tuyên truyền, UBND xã báo cáo như sau:");
    assert_int_equal(b.blocks[0].line, 1);
    assert_int_equal(b.blocks[1].kind, BC_BLK_PART);
    assert_int_equal(b.blocks[1].line, 6);
    assert_int_equal(b.blocks[2].kind, BC_BLK_ITEM_TITLE);
    assert_int_equal(b.blocks[2].line, 7);
    assert_int_equal(b.blocks[3].kind, BC_BLK_DASH);
    assert_string_equal(b.blocks[3].text, "- Ban hành kế hoạch; tiếp tục dòng gạch");
    assert_int_equal(b.blocks[3].line, 8);
    assert_int_equal(b.blocks[4].kind, BC_BLK_PLUS);
    assert_int_equal(b.blocks[4].line, 10);
    assert_int_equal(b.blocks[5].kind, BC_BLK_POINT);
    assert_int_equal(b.blocks[5].line, 11);
    assert_int_equal(b.blocks[6].kind, BC_BLK_PARAGRAPH);
    assert_int_equal(b.blocks[6].line, 13);
    assert_string_equal(b.blocks[6].text, "Đoạn cuối./.");
    for (size_t i = 0; i < b.count; i++) {
        assert_int_equal(b.blocks[i].len, strlen(b.blocks[i].text));
        assert_int_equal(b.blocks[i].span_count, 0);
        assert_null(b.blocks[i].spans);
    }
    bc_body_markup_free(&b);
    assert_int_equal(b.count, 0);
    assert_null(b.blocks);
}

static void test_line_endings(void **state)
{
    (void)state;
    bc_body b = parse("a\r\nb\r\n\r\nc\rd\n\n\xC2\xA0\xC2\xA0\ne  \xC2\xA0");
    assert_int_equal(b.count, 3);
    assert_string_equal(b.blocks[0].text, "a b");
    assert_int_equal(b.blocks[0].line, 1);
    assert_string_equal(b.blocks[1].text, "c d");
    assert_int_equal(b.blocks[1].line, 4);
    assert_string_equal(b.blocks[2].text, "e./.");
    assert_int_equal(b.blocks[2].line, 8);
    bc_body_markup_free(&b);
}

static void test_empty(void **state)
{
    (void)state;
    bc_body b = parse("");
    assert_int_equal(b.count, 0);
    bc_body_markup_free(&b);
    b = parse("\n  \n\t\n");
    assert_int_equal(b.count, 0);
    bc_body_markup_free(&b);
    bc_body_markup_parse(NULL, 0, &b);
    assert_int_equal(b.count, 0);
    bc_body_markup_free(&b);
}

/* The ending of the last block, and only the last. */
static void ending_is(const char *src, const char *last)
{
    bc_body b = parse(src);
    assert_true(b.count > 0);
    assert_string_equal(b.blocks[b.count - 1].text, last);
    assert_int_equal(b.blocks[b.count - 1].len, strlen(last));
    bc_body_markup_free(&b);
}

static void test_ending(void **state)
{
    (void)state;
    ending_is("Trân trọng báo cáo.", "Trân trọng báo cáo./.");
    ending_is("Trân trọng báo cáo./.", "Trân trọng báo cáo./.");
    ending_is("Trân trọng báo cáo", "Trân trọng báo cáo./.");
    ending_is("Trân trọng báo cáo!", "Trân trọng báo cáo!./.");
    ending_is("Trân trọng báo cáo.  \n\n\n", "Trân trọng báo cáo./.");
    ending_is("*Trân trọng.*", "Trân trọng./.");
    ending_is("Số liệu: 5 \\*", "Số liệu: 5 *./.");
    bc_body b = parse("Đoạn một.\n\nĐoạn hai.");
    assert_string_equal(b.blocks[0].text, "Đoạn một.");
    assert_string_equal(b.blocks[1].text, "Đoạn hai./.");
    bc_body_markup_free(&b);
    /* The kind is decided before the ending is added. */
    b = parse("x\n\n3. Kiến nghị");
    assert_int_equal(b.blocks[1].kind, BC_BLK_ITEM_TITLE);
    assert_string_equal(b.blocks[1].text, "3. Kiến nghị./.");
    bc_body_markup_free(&b);
}

/* One block, its text, and its spans given as "b:start:len" strings. */
static void emph_is(const char *src, const char *text, const char *spans)
{
    bc_body b = parse(src);
    assert_int_equal(b.count, 1);
    bc_block *k = &b.blocks[0];
    /* Strip the ending for comparison. */
    size_t tl = strlen(text);
    assert_true(k->len >= tl);
    if (strncmp(k->text, text, tl) != 0)
        fail_msg("\"%s\": text \"%s\", want \"%s\"", src, k->text, text);
    char got[256] = "";
    for (size_t i = 0; i < k->span_count; i++) {
        char one[48];
        const bc_span *s = &k->spans[i];
        snprintf(one, sizeof one, "%s%s%s:%zu:%zu", i ? " " : "",
                 s->bold ? "b" : "", s->italic ? "i" : "", s->start, s->len);
        strcat(got, one);
        assert_true(s->start + s->len <= k->len);
        if (i > 0)
            assert_true(k->spans[i - 1].start + k->spans[i - 1].len <= s->start);
    }
    if (strcmp(got, spans) != 0)
        fail_msg("\"%s\": spans \"%s\", want \"%s\"", src, got, spans);
    bc_body_markup_free(&b);
}

static void test_emphasis(void **state)
{
    (void)state;
    emph_is("a **đậm** b", "a đậm b", "b:2:6");
    emph_is("a *nghiêng* b", "a nghiêng b", "i:2:8");
    emph_is("***cả hai*** x", "cả hai x", "bi:0:8");
    emph_is("**đậm *cả hai* đậm**", "đậm cả hai đậm", "b:0:7 bi:7:8 b:15:7");
    emph_is("*nghiêng **cả hai** nghiêng*", "nghiêng cả hai nghiêng", "i:0:9 bi:9:8 i:17:9");
    emph_is("**a** và *b*", "a và b", "b:0:1 i:6:1");
    /* Across the join of two lines of one block. */
    emph_is("**dòng một\ndòng hai** hết", "dòng một dòng hai hết", "b:0:21");
    /* Unmatched and spaced stars stay literal. */
    emph_is("5 * 3 = 15", "5 * 3 = 15", "");
    emph_is("**chưa đóng", "**chưa đóng", "");
    emph_is("mở* đóng", "mở* đóng", "");
    emph_is("a ** b", "a ** b", "");
    emph_is("****", "****", "");
    emph_is("** x **", "** x **", "");
    emph_is("*a **b* c", "a **b c", "i:0:5");
    /* Literal stars inside a span keep the span's state. */
    emph_is("**x * y**", "x * y", "b:0:5");
    /* Intraword emphasis. */
    emph_is("Kế**hoạch**số", "Kếhoạchsố", "b:4:7");
}

static void test_escapes(void **state)
{
    (void)state;
    emph_is("\\*không nghiêng\\*", "*không nghiêng*", "");
    /* One escaped star of "**" leaves a lone, unmatched "*": no bold. */
    emph_is("\\**đậm?**", "**đậm?**", "");
    emph_is("a \\* b *c*", "a * b c", "i:6:1");
    emph_is("C:\\thu_muc\\tep", "C:\\thu_muc\\tep", "");
    /* An escaped numbering is ordinary text and joins what precedes it. */
    bc_body b = parse("Tổng số người tham gia là\n\\2023. Năm nay\n\\- không phải gạch\n"
                      "\n\\I. Không phải phần\n\n\\a) không phải điểm\n\n\\+ cộng");
    assert_int_equal(b.count, 4);
    assert_int_equal(b.blocks[0].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[0].text,
                        "Tổng số người tham gia là 2023. Năm nay - không phải gạch");
    assert_int_equal(b.blocks[1].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[1].text, "I. Không phải phần");
    assert_int_equal(b.blocks[2].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[2].text, "a) không phải điểm");
    assert_int_equal(b.blocks[3].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[3].text, "+ cộng./.");
    bc_body_markup_free(&b);
    b = parse("Dòng trước\n\\1. Không phải mục");
    assert_int_equal(b.count, 1);
    assert_string_equal(b.blocks[0].text, "Dòng trước 1. Không phải mục./.");
    bc_body_markup_free(&b);
}

static void test_kind_names(void **state)
{
    (void)state;
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++) {
        const char *n = bc_body_markup_kind_name((bc_block_kind)k);
        assert_non_null(n);
        assert_true(strlen(n) > 0);
        assert_string_not_equal(n, "unknown");
    }
    assert_string_equal(bc_body_markup_kind_name(BC_BLK_PART), "part heading");
    assert_string_equal(bc_body_markup_kind_name(BC_BLK_KIND_COUNT), "unknown");
}

/* A realistic body in the shape of input.md's example. */
static void test_report_body(void **state)
{
    (void)state;
    const char *src =
        "I. KẾT QUẢ THỰC HIỆN CÔNG TÁC TUYÊN TRUYỀN CẢI CÁCH HÀNH CHÍNH NĂM 2023\n"
        "\n"
        "1. Tình hình tổ chức triển khai:\n"
        "\n"
        "- Ngay từ đầu năm UBND xã ban hành Kế hoạch số 17/KH-UBND ngày 20/02/2023\n"
        "về tuyên truyền cải cách hành chính năm 2023.\n"
        "2. Kết quả thực hiện\n"
        "2.1. Tuyên truyền trên hệ thống truyền thanh: **58** tin, bài.\n"
        "a) Tin bài trên trang thông tin điện tử: *26* tin.\n"
        "+ Tuyên truyền lưu động: 9 buổi\n"
        "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024\n"
        "\n"
        "Tiếp tục đẩy mạnh công tác tuyên truyền";
    bc_body b = parse(src);
    static const bc_block_kind want[] = {
        BC_BLK_PART, BC_BLK_ITEM_TITLE, BC_BLK_DASH, BC_BLK_ITEM_TITLE,
        BC_BLK_SUBITEM, BC_BLK_POINT, BC_BLK_PLUS, BC_BLK_PART, BC_BLK_PARAGRAPH,
    };
    static const int lines[] = {1, 3, 5, 7, 8, 9, 10, 11, 13};
    assert_int_equal(b.count, sizeof want / sizeof want[0]);
    for (size_t i = 0; i < b.count; i++) {
        assert_int_equal(b.blocks[i].kind, want[i]);
        assert_int_equal(b.blocks[i].line, lines[i]);
    }
    assert_string_equal(b.blocks[4].text,
                        "2.1. Tuyên truyền trên hệ thống truyền thanh: 58 tin, bài.");
    assert_int_equal(b.blocks[4].span_count, 1);
    assert_true(b.blocks[4].spans[0].bold);
    assert_memory_equal(b.blocks[4].text + b.blocks[4].spans[0].start, "58", 2);
    assert_int_equal(b.blocks[4].spans[0].len, 2);
    assert_true(b.blocks[5].spans[0].italic);
    assert_false(b.blocks[5].spans[0].bold);
    /* The final paragraph ends the body. */
    assert_string_equal(b.blocks[8].text, "Tiếp tục đẩy mạnh công tác tuyên truyền./.");
    bc_body_markup_free(&b);
    /* Without a blank line, a plain line joins the heading before it: a
     * block is a run of non-empty lines (a hard-wrapped heading). */
    b = parse("II. PHƯƠNG HƯỚNG, NHIỆM VỤ\nNĂM 2024\n\nx");
    assert_int_equal(b.count, 2);
    assert_int_equal(b.blocks[0].kind, BC_BLK_PART);
    assert_string_equal(b.blocks[0].text, "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024");
    bc_body_markup_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_not_numbering),
        cmocka_unit_test(test_no_space_after_number),
        cmocka_unit_test(test_titles),
        cmocka_unit_test(test_joining),
        cmocka_unit_test(test_line_endings),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_ending),
        cmocka_unit_test(test_emphasis),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_report_body),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
