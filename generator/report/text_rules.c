/*
 * text_rules.c - the text rules of Decree 30/2020/NĐ-CP that the program
 * derives: ISO date parsing, the place-and-date line, the zero-padded
 * document number, the names of reporting periods (input.md 1.2), Roman
 * numerals.
 *
 * Blank forms. A draft leaves the number and the date for the records
 * clerk (nd30-layout.md 4.3, 4.4):
 *   - the number is five spaces, which with the space after "Số:" gives
 *     the decree's model "Số:      /BC-UBND";
 *   - each missing part of the date (day, month, and the year when there
 *     is none) is a blank of three spaces written where the figure would
 *     be, so the words keep their single spaces around it: "ngày" + 5
 *     spaces + "tháng" + 5 spaces + "năm 2023", exactly the decree's model
 *     "Tân An, ngày     tháng     năm 2023"; with no year the line ends
 *     "năm" + 4 spaces.
 */
#include "report/text_rules.h"

#include <string.h>

/* One blank date field: with the spaces around it, five between words. */
#define DATE_BLANK "   "
/* The blank document number. */
#define NUMBER_BLANK "     "

static bool is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int number_at(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

int bc_text_rules_date_parse(const char *s, size_t n, int *y, int *m, int *d)
{
    if (!s || n != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
        !digits(s + 5, 2) || !digits(s + 8, 2))
        return -1;
    int yy = number_at(s, 4), mm = number_at(s + 5, 2), dd = number_at(s + 8, 2);
    if (yy < 1 || mm < 1 || mm > 12 || dd < 1 || dd > days_in_month(yy, mm))
        return -2;
    if (y)
        *y = yy;
    if (m)
        *m = mm;
    if (d)
        *d = dd;
    return 0;
}

void bc_text_rules_date_line(bc_buf *out, const char *place, int y, int m, int d)
{
    if (place && *place) {
        bc_buf_puts(out, place);
        bc_buf_puts(out, ", ");
    }
    if (d == 0) {
        bc_buf_puts(out, "ngày " DATE_BLANK " tháng " DATE_BLANK " năm ");
        if (y != 0)
            bc_buf_printf(out, "%d", y);
        else
            bc_buf_puts(out, DATE_BLANK);
        return;
    }
    /* Days 1-9 and months 1-2 get a leading zero, months 3-12 do not. */
    if (y < 0 || m < 0 || d < 0) { /* not a parsed date: as printf would */
        bc_buf_printf(out, "ngày %02d tháng ", d);
        bc_buf_printf(out, m <= 2 ? "%02d" : "%d", m);
        bc_buf_printf(out, " năm %d", y);
        return;
    }
    bc_buf_puts(out, "ngày ");
    bc_buf_put_uint(out, (unsigned)d, 2);
    bc_buf_puts(out, " tháng ");
    bc_buf_put_uint(out, (unsigned)m, m <= 2 ? 2 : 0);
    bc_buf_puts(out, " năm ");
    bc_buf_put_uint(out, (unsigned)y, 0);
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void bc_text_rules_number(bc_buf *out, const char *so, size_t n)
{
    if (!so)
        n = 0;
    while (n > 0 && is_space(*so))
        so++, n--;
    while (n > 0 && is_space(so[n - 1]))
        n--;
    if (n == 0) {
        bc_buf_puts(out, NUMBER_BLANK);
        return;
    }
    /* A single digit 1-9 not followed by another digit is padded, with a
     * letter suffix or not: "5" -> "05", "5a" -> "05a". "0" stays. */
    if (so[0] >= '1' && so[0] <= '9' && (n == 1 || so[1] < '0' || so[1] > '9'))
        bc_buf_putc(out, '0');
    bc_buf_put(out, so, n);
}

void bc_text_rules_roman(bc_buf *out, int n)
{
    static const struct { int v; const char *s; } tab[] = {
        {1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
        {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"},
        {5, "V"}, {4, "IV"}, {1, "I"},
    };
    if (n < 1 || n > 3999)
        return;
    for (size_t i = 0; i < sizeof tab / sizeof tab[0]; i++)
        while (n >= tab[i].v) {
            bc_buf_puts(out, tab[i].s);
            n -= tab[i].v;
        }
}

int bc_text_rules_period_names(int nam, int nua, int quy, int thang, bc_buf *ten,
                    bc_buf *ky_sau)
{
    int given = (nua != 0) + (quy != 0) + (thang != 0);
    if (nam < 1 || nam > 9999 || given > 1 || nua < 0 || nua > 2 || quy < 0 ||
        quy > 4 || thang < 0 || thang > 12)
        return -1;
    if (nua == 1) {
        bc_buf_printf(ten, "6 tháng đầu năm %d", nam);
        bc_buf_printf(ky_sau, "6 tháng cuối năm %d", nam);
    } else if (nua == 2) {
        bc_buf_printf(ten, "6 tháng cuối năm %d", nam);
        bc_buf_printf(ky_sau, "năm %d", nam + 1);
    } else if (quy) {
        bc_buf_puts(ten, "quý ");
        bc_text_rules_roman(ten, quy);
        bc_buf_printf(ten, " năm %d", nam);
        bc_buf_puts(ky_sau, "quý ");
        bc_text_rules_roman(ky_sau, quy == 4 ? 1 : quy + 1);
        bc_buf_printf(ky_sau, " năm %d", quy == 4 ? nam + 1 : nam);
    } else if (thang) {
        bc_buf_printf(ten, "tháng %d năm %d", thang, nam);
        if (thang == 12)
            bc_buf_printf(ky_sau, "tháng 1 năm %d", nam + 1);
        else
            bc_buf_printf(ky_sau, "tháng %d năm %d", thang + 1, nam);
    } else {
        bc_buf_printf(ten, "năm %d", nam);
        bc_buf_printf(ky_sau, "năm %d", nam + 1);
    }
    return 0;
}
