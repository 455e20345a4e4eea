/*
 * test_body_table.c - pipe tables in the body (report/body_table.h,
 * input.md 1.3.1): where a table starts and ends among the other blocks,
 * its cells, alignment and emphasis, "\|", sums written the Vietnamese
 * way, numbers read that way, and each problem with its line and column.
 */
#include "test_support.h"
#include "base/buf.h"
#include "report/body_markup.h"
#include "report/body_table.h"
#include "base/vn_number.h"

#include <stdio.h>
#include <string.h>

static const bc_block *S_cell(const bc_table *t, size_t r, size_t c)
{
    return &t->cells[r * t->cols + c];
}

static void test_table_among_blocks(void **state)
{
    (void)state;
    const char *body = "1. Số liệu\n\n"
                       "Như sau:\n"
                       "| STT | Lĩnh vực | Số |\n"
                       "|:---:|---|---:|\n"
                       "| 1 | **Hộ tịch** | 1.245 |\n"
                       "| 2 | Đất \\| nhà | 98 |\n"
                       "Đoạn sau bảng.";
    bc_body b;
    bc_body_markup_parse(body, strlen(body), &b);
    assert_int_equal(b.count, 4);
    assert_int_equal(b.blocks[0].kind, BC_BLK_ITEM_TITLE);
    assert_int_equal(b.blocks[1].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[1].text, "Như sau:");
    const bc_block *tb = &b.blocks[2];
    assert_int_equal(tb->kind, BC_BLK_TABLE);
    assert_int_equal(tb->line, 4);
    const bc_table *t = tb->table;
    assert_int_equal(t->cols, 3);
    assert_int_equal(t->rows, 3);
    assert_int_equal(t->align[0], BC_ALIGN_CENTER);
    assert_int_equal(t->align[1], BC_ALIGN_LEFT);
    assert_int_equal(t->align[2], BC_ALIGN_RIGHT);
    assert_string_equal(S_cell(t, 0, 1)->text, "Lĩnh vực");
    assert_string_equal(S_cell(t, 1, 1)->text, "Hộ tịch");
    assert_int_equal(S_cell(t, 1, 1)->span_count, 1);
    assert_true(S_cell(t, 1, 1)->spans[0].bold);
    assert_string_equal(S_cell(t, 2, 1)->text, "Đất | nhà");
    assert_string_equal(b.blocks[3].text, "Đoạn sau bảng./.");
    assert_int_equal(b.issue_count, 0);
    bc_body_markup_free(&b);
}

static void test_table_ends_body(void **state)
{
    (void)state;
    const char *body = "Kết quả:\n\n| A | B |\n|---|---|\n| 1 | 2 |\n";
    bc_body b;
    bc_body_markup_parse(body, strlen(body), &b);
    assert_int_equal(b.count, 2);
    assert_string_equal(b.blocks[0].text, "Kết quả:");   /* no ./. */
    assert_int_equal(b.blocks[1].kind, BC_BLK_TABLE);
    assert_string_equal(S_cell(b.blocks[1].table, 1, 1)->text, "2"); /* nor here */
    bc_body_markup_free(&b);
    /* pipes without a delimiter row are text; "\|" starts a literal line */
    const char *text = "| a | b |\n| c | d |\n\\| không phải bảng";
    bc_body_markup_parse(text, strlen(text), &b);
    assert_int_equal(b.count, 2);
    assert_int_equal(b.blocks[0].kind, BC_BLK_PARAGRAPH);
    assert_string_equal(b.blocks[0].text, "| a | b | | c | d |");
    assert_string_equal(b.blocks[1].text, "| không phải bảng./.");
    bc_body_markup_free(&b);
}

static void test_sums(void **state)
{
    (void)state;
    const char *body = "| Xã | Hồ sơ | Tỷ lệ |\n"
                       "|---|---:|---:|\n"
                       "| A | 1.958 | 98,6 |\n"
                       "| B | 176 | 98,65 |\n"
                       "| C | - | |\n"
                       "| **Cộng** | =tong | =tong |\n";
    bc_body b;
    bc_body_markup_parse(body, strlen(body), &b);
    assert_int_equal(b.issue_count, 0);
    const bc_table *t = b.blocks[0].table;
    assert_string_equal(S_cell(t, 4, 1)->text, "2.134");
    assert_string_equal(S_cell(t, 4, 2)->text, "197,25");
    assert_true(t->summed[1]);
    assert_false(t->summed[0]);
    bc_body_markup_free(&b);
}

static void test_numbers(void **state)
{
    (void)state;
    long long v;
    int d;
    assert_true(bc_vn_number_read("1.958", 5, &v, &d));
    assert_true(v == 1958 && d == 0);
    assert_true(bc_vn_number_read("98,6", 4, &v, &d));
    assert_true(v == 986 && d == 1);
    assert_true(bc_vn_number_read("12.345.678", 10, &v, &d));
    assert_true(v == 12345678);
    assert_true(bc_vn_number_read("-3", 2, &v, &d));
    assert_true(v == -3);
    assert_true(bc_vn_number_read("1234", 4, &v, &d)); /* grouping optional */
    assert_false(bc_vn_number_read("1.95", 4, &v, &d));   /* a "." groups three */
    assert_false(bc_vn_number_read("1958.", 5, &v, &d));
    assert_false(bc_vn_number_read("1234.567", 8, &v, &d));
    assert_false(bc_vn_number_read("98,", 3, &v, &d));
    assert_false(bc_vn_number_read("12%", 3, &v, &d));
    assert_false(bc_vn_number_read("", 0, &v, &d));
    assert_false(bc_vn_number_read("123456789012345678", 18, &v, &d));
    bc_buf b = BC_BUF_INIT;
    bc_vn_number_write(&b, 2134, 0);
    assert_string_equal(bc_buf_cstr(&b), "2.134");
    bc_buf_clear(&b);
    bc_vn_number_write(&b, 1972, 1);
    assert_string_equal(bc_buf_cstr(&b), "197,2");
    bc_buf_clear(&b);
    bc_vn_number_write(&b, -1234567, 2);
    assert_string_equal(bc_buf_cstr(&b), "-12.345,67");
    bc_buf_clear(&b);
    bc_vn_number_write(&b, 5, 2);
    assert_string_equal(bc_buf_cstr(&b), "0,05");
    bc_buf_free(&b);
}

static void S_issue_at(const bc_body *b, size_t i, bool error, int line, int col,
                       const char *needle)
{
    assert_true(i < b->issue_count);
    const bc_table_issue *is = &b->issues[i];
    if (is->error != error || is->line != line || is->col != col ||
        !strstr(is->msg, needle))
        fail_msg("issue %zu: %s %d:%d `%s`, want %s %d:%d `%s`", i,
                 is->error ? "error" : "warning", is->line, is->col, is->msg,
                 error ? "error" : "warning", line, col, needle);
}

static void test_problems_located(void **state)
{
    (void)state;
    bc_body b;
    const char *many = "Trước.\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n";
    bc_body_markup_parse(many, strlen(many), &b);
    assert_int_equal(b.issue_count, 2);
    S_issue_at(&b, 0, true, 4, 11, "3 cells but the table's header has 2");
    S_issue_at(&b, 1, false, 5, 1, "left empty");
    assert_string_equal(S_cell(b.blocks[1].table, 2, 1)->text, ""); /* padded */
    bc_body_markup_free(&b);

    const char *delim = "| A | B | C |\n|---|:-x-|\n";
    bc_body_markup_parse(delim, strlen(delim), &b);
    assert_int_equal(b.issue_count, 2);
    S_issue_at(&b, 0, true, 2, 1, "delimiter row of this table has 2 cells");
    S_issue_at(&b, 1, true, 2, 6, "`:-x-` is not a delimiter cell");
    bc_body_markup_free(&b);

    const char *text = "| Xã | Số |\n|---|---|\n| A | nhiều |\n| Cộng | =tong |\n";
    bc_body_markup_parse(text, strlen(text), &b);
    assert_int_equal(b.issue_count, 1);
    S_issue_at(&b, 0, true, 3, 7, "`nhiều` (row 1, column 2) is summed by =tong");
    bc_body_markup_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_among_blocks),
        cmocka_unit_test(test_table_ends_body),
        cmocka_unit_test(test_sums),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_problems_located),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
