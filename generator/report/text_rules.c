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

/* The first and last month of a valid period (1-12), or -1. */
static int S_period_months(const bc_period *p, int *first, int *last)
{
    int given = (p->nua != 0) + (p->quy != 0) + (p->thang != 0) + (p->so_thang != 0);
    if (p->nam < 1 || p->nam > 9999 || given > 1 || p->nua < 0 || p->nua > 2 ||
        p->quy < 0 || p->quy > 4 || p->thang < 0 || p->thang > 12 ||
        p->so_thang < 0 || p->so_thang > 11)
        return -1;
    *first = 1;
    *last = 12;
    if (p->nua) {
        *first = p->nua == 1 ? 1 : 7;
        *last = *first + 5;
    } else if (p->quy) {
        *first = 3 * p->quy - 2;
        *last = 3 * p->quy;
    } else if (p->thang) {
        *first = *last = p->thang;
    } else if (p->so_thang) {
        *last = p->so_thang;
    }
    return 0;
}

int bc_text_rules_period_names(const bc_period *p, bc_buf *ten, bc_buf *ky_sau)
{
    int first, last;
    if (S_period_months(p, &first, &last) != 0)
        return -1;
    int nam = p->nam;
    if (p->nua == 1 || p->so_thang == 6) {
        bc_buf_printf(ten, "6 tháng đầu năm %d", nam);
        bc_buf_printf(ky_sau, "6 tháng cuối năm %d", nam);
    } else if (p->nua == 2) {
        bc_buf_printf(ten, "6 tháng cuối năm %d", nam);
        bc_buf_printf(ky_sau, "năm %d", nam + 1);
    } else if (p->so_thang) {
        bc_buf_printf(ten, "%d tháng đầu năm %d", p->so_thang, nam);
        bc_buf_printf(ky_sau, "%d tháng cuối năm %d", 12 - p->so_thang, nam);
    } else if (p->quy) {
        bc_buf_puts(ten, "quý ");
        bc_text_rules_roman(ten, p->quy);
        bc_buf_printf(ten, " năm %d", nam);
        bc_buf_puts(ky_sau, "quý ");
        bc_text_rules_roman(ky_sau, p->quy == 4 ? 1 : p->quy + 1);
        bc_buf_printf(ky_sau, " năm %d", p->quy == 4 ? nam + 1 : nam);
    } else if (p->thang) {
        bc_buf_printf(ten, "tháng %d năm %d", p->thang, nam);
        if (p->thang == 12)
            bc_buf_printf(ky_sau, "tháng 1 năm %d", nam + 1);
        else
            bc_buf_printf(ky_sau, "tháng %d năm %d", p->thang + 1, nam);
    } else {
        bc_buf_printf(ten, "năm %d", nam);
        bc_buf_printf(ky_sau, "năm %d", nam + 1);
    }
    return 0;
}

int bc_text_rules_period_window(const bc_period *p, int from[3], int to[3])
{
    int first, last;
    if (S_period_months(p, &first, &last) != 0)
        return -1;
    from[0] = first == 1 ? p->nam - 1 : p->nam;
    from[1] = first == 1 ? 12 : first - 1;
    from[2] = 15;
    to[0] = p->nam;
    to[1] = last;
    to[2] = 14;
    return 0;
}

void bc_text_rules_short_date(bc_buf *out, int y, int m, int d)
{
    bc_buf_printf(out, m <= 2 ? "%02d/%02d/%d" : "%02d/%d/%d", d, m, y);
}
