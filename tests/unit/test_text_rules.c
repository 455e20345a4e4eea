/*
 * test_text_rules.c - unit tests of text_rules.c: ISO dates, the Decree 30
 * date line and its blank form, number padding, reporting period names
 * (every row of input.md 1.2 and the out-of-range cases), Roman numerals.
 */
#include "test_support.h"

#include "report/text_rules.h"

#include <stdio.h>
#include <string.h>

static void date_ok(const char *s, int y, int m, int d)
{
    int yy = -1, mm = -1, dd = -1;
    assert_int_equal(bc_text_rules_date_parse(s, strlen(s), &yy, &mm, &dd), 0);
    assert_int_equal(yy, y);
    assert_int_equal(mm, m);
    assert_int_equal(dd, d);
}

static void test_date_parse(void **state)
{
    (void)state;
    date_ok("2023-12-15", 2023, 12, 15);
    date_ok("2020-01-05", 2020, 1, 5);
    date_ok("2024-02-29", 2024, 2, 29);   /* leap year */
    date_ok("2000-02-29", 2000, 2, 29);   /* divisible by 400 */
    date_ok("2023-04-30", 2023, 4, 30);
    date_ok("2023-12-31", 2023, 12, 31);
    int y, m, d;
    /* Not the form. */
    static const char *const bad_form[] = {
        "", "2023-1-05", "2023-01-5", "23-01-05", "2023/01/05", "2023-01-05 ",
        " 2023-01-05", "2023-01-05T00", "2023-0a-05", "2023-01--5", "05/01/2023",
        "+023-01-05",
    };
    for (size_t i = 0; i < sizeof bad_form / sizeof bad_form[0]; i++)
        assert_int_equal(bc_text_rules_date_parse(bad_form[i], strlen(bad_form[i]), &y, &m, &d), -1);
    assert_int_equal(bc_text_rules_date_parse(NULL, 0, &y, &m, &d), -1);
    /* Only the first n bytes count. */
    assert_int_equal(bc_text_rules_date_parse("2023-01-05xyz", 10, &y, &m, &d), 0);
    /* The form, but no such date. */
    static const char *const bad_date[] = {
        "2023-02-29", "1900-02-29", "2023-02-30", "2023-04-31", "2023-13-01",
        "2023-00-10", "2023-01-00", "2023-01-32", "0000-01-01",
    };
    for (size_t i = 0; i < sizeof bad_date / sizeof bad_date[0]; i++)
        assert_int_equal(bc_text_rules_date_parse(bad_date[i], strlen(bad_date[i]), &y, &m, &d), -2);
}

static void line_is(const char *place, int y, int m, int d, const char *want)
{
    bc_buf b = BC_BUF_INIT;
    bc_text_rules_date_line(&b, place, y, m, d);
    assert_string_equal(bc_buf_cstr(&b), want);
    bc_buf_free(&b);
}

static void test_date_line(void **state)
{
    (void)state;
    line_is("Cẩm Vũ", 2023, 7, 6, "Cẩm Vũ, ngày 06 tháng 7 năm 2023");
    line_is("Tân An", 2023, 12, 15, "Tân An, ngày 15 tháng 12 năm 2023");
    line_is("Hà Nội", 2020, 1, 5, "Hà Nội, ngày 05 tháng 01 năm 2020");
    line_is("Hà Nội", 2019, 6, 29, "Hà Nội, ngày 29 tháng 6 năm 2019");
    line_is("Phường 1", 2024, 2, 10, "Phường 1, ngày 10 tháng 02 năm 2024");
    line_is("X", 2024, 3, 1, "X, ngày 01 tháng 3 năm 2024");
    line_is("X", 2024, 10, 9, "X, ngày 09 tháng 10 năm 2024");
    line_is("X", 2024, 11, 30, "X, ngày 30 tháng 11 năm 2024");
    /* Padding rule over every day and month. */
    for (int m = 1; m <= 12; m++)
        for (int d = 1; d <= 28; d++) {
            char want[64];
            snprintf(want, sizeof want, "A, ngày %02d tháng %s%d năm 2023", d,
                     m <= 2 ? "0" : "", m);
            line_is("A", 2023, m, d, want);
        }
    /* Blank form: five spaces between the words, year kept or blank. */
    line_is("Tân An", 2023, 0, 0, "Tân An, ngày     tháng     năm 2023");
    line_is("Tân An", 2023, 5, 0, "Tân An, ngày     tháng     năm 2023");
    line_is("Tân An", 0, 0, 0, "Tân An, ngày     tháng     năm    ");
    /* No place: the date alone. */
    line_is(NULL, 2023, 7, 6, "ngày 06 tháng 7 năm 2023");
    line_is("", 2023, 7, 6, "ngày 06 tháng 7 năm 2023");
    /* Appends. */
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "[");
    bc_text_rules_date_line(&b, "Cẩm Vũ", 2023, 1, 2);
    bc_buf_puts(&b, "]");
    assert_string_equal(bc_buf_cstr(&b), "[Cẩm Vũ, ngày 02 tháng 01 năm 2023]");
    bc_buf_free(&b);
}

static void number_is(const char *so, const char *want)
{
    bc_buf b = BC_BUF_INIT;
    bc_text_rules_number(&b, so, so ? strlen(so) : 0);
    assert_string_equal(bc_buf_cstr(&b), want);
    bc_buf_free(&b);
}

static void test_number_text(void **state)
{
    (void)state;
    number_is("5", "05");
    number_is("1", "01");
    number_is("9", "09");
    number_is("05", "05");
    number_is("17", "17");
    number_is("10", "10");
    number_is("125", "125");
    number_is("57a", "57a");
    number_is("5a", "05a");
    number_is("0", "0");
    number_is(" 7 ", "07");
    number_is("", "     ");
    number_is("   ", "     ");
    number_is(NULL, "     ");
    /* Only n bytes. */
    bc_buf b = BC_BUF_INIT;
    bc_text_rules_number(&b, "512", 1);
    assert_string_equal(bc_buf_cstr(&b), "05");
    bc_buf_free(&b);
}

static void period_is5(int nam, int nua, int quy, int thang, int so_thang,
                       const char *ten, const char *ky_sau, const char *window)
{
    bc_period p = {nam, nua, quy, thang, so_thang};
    bc_buf t = BC_BUF_INIT, k = BC_BUF_INIT;
    assert_int_equal(bc_text_rules_period_names(&p, &t, &k), 0);
    assert_string_equal(bc_buf_cstr(&t), ten);
    assert_string_equal(bc_buf_cstr(&k), ky_sau);
    if (window) {
        int from[3], to[3];
        assert_int_equal(bc_text_rules_period_window(&p, from, to), 0);
        bc_buf w = BC_BUF_INIT;
        bc_text_rules_short_date(&w, from[0], from[1], from[2]);
        bc_buf_puts(&w, " - ");
        bc_text_rules_short_date(&w, to[0], to[1], to[2]);
        assert_string_equal(bc_buf_cstr(&w), window);
        bc_buf_free(&w);
    }
    bc_buf_free(&t);
    bc_buf_free(&k);
}

static void period_is(int nam, int nua, int quy, int thang, const char *ten,
                      const char *ky_sau)
{
    bc_period p = {nam, nua, quy, thang, 0};
    bc_buf t = BC_BUF_INIT, k = BC_BUF_INIT;
    assert_int_equal(bc_text_rules_period_names(&p, &t, &k), 0);
    assert_string_equal(bc_buf_cstr(&t), ten);
    assert_string_equal(bc_buf_cstr(&k), ky_sau);
    bc_buf_free(&t);
    bc_buf_free(&k);
}

static void period_bad5(int nam, int nua, int quy, int thang, int so_thang)
{
    bc_period p = {nam, nua, quy, thang, so_thang};
    bc_buf t = BC_BUF_INIT, k = BC_BUF_INIT;
    int from[3], to[3];
    assert_int_equal(bc_text_rules_period_names(&p, &t, &k), -1);
    assert_int_equal(bc_text_rules_period_window(&p, from, to), -1);
    assert_int_equal(t.len, 0);
    assert_int_equal(k.len, 0);
    bc_buf_free(&t);
    bc_buf_free(&k);
}

static void period_bad(int nam, int nua, int quy, int thang)
{
    period_bad5(nam, nua, quy, thang, 0);
}

static void test_period_names(void **state)
{
    (void)state;
    /* input.md 1.2, row by row. */
    period_is(2023, 0, 0, 0, "năm 2023", "năm 2024");
    period_is(2023, 1, 0, 0, "6 tháng đầu năm 2023", "6 tháng cuối năm 2023");
    period_is(2023, 2, 0, 0, "6 tháng cuối năm 2023", "năm 2024");
    period_is(2022, 0, 2, 0, "quý II năm 2022", "quý III năm 2022");
    period_is(2024, 0, 0, 5, "tháng 5 năm 2024", "tháng 6 năm 2024");
    /* The other quarters and the year boundaries. */
    period_is(2022, 0, 1, 0, "quý I năm 2022", "quý II năm 2022");
    period_is(2022, 0, 3, 0, "quý III năm 2022", "quý IV năm 2022");
    period_is(2022, 0, 4, 0, "quý IV năm 2022", "quý I năm 2023");
    period_is(2024, 0, 0, 1, "tháng 1 năm 2024", "tháng 2 năm 2024");
    period_is(2024, 0, 0, 11, "tháng 11 năm 2024", "tháng 12 năm 2024");
    period_is(2024, 0, 0, 12, "tháng 12 năm 2024", "tháng 1 năm 2025");
    /* Out of range. */
    period_bad(2023, 3, 0, 0);
    period_bad(2023, 0, 5, 0);
    period_bad(2023, 0, 0, 13);
    period_bad(2023, -1, 0, 0);
    period_bad(2023, 0, -2, 0);
    period_bad(2023, 0, 0, -1);
    period_bad(0, 0, 0, 0);
    period_bad(-5, 0, 0, 0);
    /* More than one of nua, quy, thang. */
    period_bad(2023, 1, 2, 0);
    period_bad(2023, 0, 1, 1);
    period_bad5(2023, 1, 0, 0, 9);
    period_bad5(2023, 0, 0, 0, 12);
    period_bad5(2023, 0, 0, 0, -1);
}

/* input.md 1.2: every row of the table with its data cut-off window
 * (Decree 09/2019/ND-CP, Art. 12), and the months of the date form. */
static void test_period_windows(void **state)
{
    (void)state;
    period_is5(2023, 0, 0, 0, 0, "năm 2023", "năm 2024", "15/12/2022 - 14/12/2023");
    period_is5(2023, 1, 0, 0, 0, "6 tháng đầu năm 2023", "6 tháng cuối năm 2023",
               "15/12/2022 - 14/6/2023");
    period_is5(2023, 2, 0, 0, 0, "6 tháng cuối năm 2023", "năm 2024",
               "15/6/2023 - 14/12/2023");
    period_is5(2022, 0, 2, 0, 0, "quý II năm 2022", "quý III năm 2022",
               "15/3/2022 - 14/6/2022");
    period_is5(2024, 0, 0, 5, 0, "tháng 5 năm 2024", "tháng 6 năm 2024",
               "15/4/2024 - 14/5/2024");
    period_is5(2023, 0, 0, 0, 9, "9 tháng đầu năm 2023", "3 tháng cuối năm 2023",
               "15/12/2022 - 14/9/2023");
    period_is5(2023, 0, 0, 0, 3, "3 tháng đầu năm 2023", "9 tháng cuối năm 2023",
               "15/12/2022 - 14/3/2023");
    /* so_thang: 6 reads as nua: 1 */
    period_is5(2023, 0, 0, 0, 6, "6 tháng đầu năm 2023", "6 tháng cuối năm 2023",
               "15/12/2022 - 14/6/2023");
    /* January and February take a leading zero, as Decree 30 writes dates */
    period_is5(2024, 0, 0, 1, 0, "tháng 1 năm 2024", "tháng 2 năm 2024",
               "15/12/2023 - 14/01/2024");
    period_is5(2024, 0, 0, 3, 0, "tháng 3 năm 2024", "tháng 4 năm 2024",
               "15/02/2024 - 14/3/2024");
    period_is5(2024, 0, 1, 0, 0, "quý I năm 2024", "quý II năm 2024",
               "15/12/2023 - 14/3/2024");
    /* More than one of nua, quy, thang. */
    period_bad(2023, 1, 0, 6);
    /* Appends to what is there. */
    bc_period half = {2023, 1, 0, 0, 0};
    bc_buf t = BC_BUF_INIT, k = BC_BUF_INIT;
    bc_buf_puts(&t, "Báo cáo ");
    assert_int_equal(bc_text_rules_period_names(&half, &t, &k), 0);
    assert_string_equal(bc_buf_cstr(&t), "Báo cáo 6 tháng đầu năm 2023");
    bc_buf_free(&t);
    bc_buf_free(&k);
}

static void roman_is(int n, const char *want)
{
    bc_buf b = BC_BUF_INIT;
    bc_text_rules_roman(&b, n);
    assert_string_equal(bc_buf_cstr(&b), want);
    bc_buf_free(&b);
}

static void test_roman(void **state)
{
    (void)state;
    roman_is(1, "I");
    roman_is(2, "II");
    roman_is(3, "III");
    roman_is(4, "IV");
    roman_is(5, "V");
    roman_is(9, "IX");
    roman_is(14, "XIV");
    roman_is(19, "XIX");
    roman_is(20, "XX");
    roman_is(40, "XL");
    roman_is(90, "XC");
    roman_is(400, "CD");
    roman_is(1994, "MCMXCIV");
    roman_is(2024, "MMXXIV");
    roman_is(3999, "MMMCMXCIX");
    roman_is(0, "");
    roman_is(-1, "");
    roman_is(4000, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_parse),
        cmocka_unit_test(test_date_line),
        cmocka_unit_test(test_number_text),
        cmocka_unit_test(test_period_names),
        cmocka_unit_test(test_period_windows),
        cmocka_unit_test(test_roman),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
