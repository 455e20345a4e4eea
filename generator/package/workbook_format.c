/*
 * workbook_format.c - a number cell as the clerk sees it (see
 * workbook_int.h): Excel's number format codes read as far as they change
 * what a report shows (a date, the decimals, grouped thousands, a percent
 * sign), the value written the Vietnamese way (base/vn_number.h), a date
 * serial made an ISO date. The file's own numbers ("98.6") are read, and
 * General's written, in the C locale whatever the user's is.
 */
#include "package/workbook_int.h"
#include "base/vn_number.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The C locale, made once (the first workbook is read before any thread
 * starts; a batch reads its sheet on one thread). */
static locale_t S_c_locale(void)
{
    static locale_t c = (locale_t)0;
    if (c == (locale_t)0)
        c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    return c;
}

bool bc_workbook_format_read_double(const char *s, double *v)
{
    if (!s || !*s)
        return false;
    locale_t c = S_c_locale();
    locale_t old = c ? uselocale(c) : (locale_t)0;
    char *end;
    double x = strtod(s, &end);
    if (c)
        uselocale(old);
    while (*end == ' ')
        end++;
    if (end == s || *end || !isfinite(x))
        return false;
    *v = x;
    return true;
}

void bc_workbook_format_code(const char *code, bc_wb_format *f)
{
    *f = (bc_wb_format)BC_WB_FORMAT_GENERAL;
    if (!code || strncasecmp(code, "General", 7) == 0 || strcmp(code, "@") == 0)
        return;
    bool date = false, time = false, point = false, sci = false, grouped = false;
    bool digits_before = false, percent = false;
    int decimals = 0;
    for (const char *p = code; *p && *p != ';'; p++) {
        char ch = *p;
        if (ch == '"') { /* a literal */
            while (p[1] && p[1] != '"')
                p++;
            if (p[1])
                p++;
            continue;
        }
        if (ch == '\\' || ch == '_' || ch == '*') { /* the next character, literal */
            if (p[1])
                p++;
            continue;
        }
        if (ch == '[') { /* a colour, a locale, a condition; [h] [mm] [ss]: elapsed time */
            const char *e = strchr(p, ']');
            if (!e)
                break;
            if (p[1] == 'h' || p[1] == 'H' || p[1] == 's' || p[1] == 'S' ||
                ((p[1] == 'm' || p[1] == 'M') && (p[2] == ']' || p[2] == 'm' || p[2] == 'M')))
                time = true;
            p = e;
            continue;
        }
        switch (ch) {
        case 'd': case 'D': case 'y': case 'Y': case 'b': case 'B':
            date = true;
            break;
        case 'h': case 'H': case 's': case 'S':
            time = true;
            break;
        case 'm': case 'M':
            date = true; /* months; minutes when next to h or s (below) */
            break;
        case 'e': case 'E':
            if (p[1] == '+' || p[1] == '-')
                sci = true;
            else
                date = true; /* the year */
            break;
        case '.':
            point = true;
            break;
        case ',':
            if (digits_before && !point && (p[1] == '0' || p[1] == '#' || p[1] == '?'))
                grouped = true;
            break;
        case '%':
            percent = true;
            break;
        case '0': case '#': case '?':
            if (point)
                decimals++;
            else
                digits_before = true;
            break;
        default:
            break;
        }
    }
    if (date || time) {
        /* "mm:ss", "h:mm": m between h and s is minutes */
        bool real_date = false;
        for (const char *p = code; *p && *p != ';'; p++)
            if (strchr("dDyYbB", *p))
                real_date = true;
        f->date = real_date || !time;
        f->time = time;
        return;
    }
    if (sci)
        return;
    f->decimals = decimals;
    f->grouped = grouped;
    f->percent = percent;
}

void bc_workbook_format_builtin(int id, bc_wb_format *f)
{
    static const char *const codes[] = {
        [1] = "0", [2] = "0.00", [3] = "#,##0", [4] = "#,##0.00",
        [5] = "#,##0", [6] = "#,##0", [7] = "#,##0.00", [8] = "#,##0.00",
        [9] = "0%", [10] = "0.00%", [14] = "yyyy-mm-dd", [15] = "d-mmm-yy",
        [16] = "d-mmm", [17] = "mmm-yy", [18] = "h:mm AM/PM", [19] = "h:mm:ss AM/PM",
        [20] = "h:mm", [21] = "h:mm:ss", [22] = "yyyy-mm-dd h:mm",
        [37] = "#,##0", [38] = "#,##0", [39] = "#,##0.00", [40] = "#,##0.00",
        [41] = "#,##0", [42] = "#,##0", [43] = "#,##0.00", [44] = "#,##0.00",
        [45] = "mm:ss", [46] = "[h]:mm:ss", [47] = "mm:ss",
    };
    /* 27-36 and 50-58: the dates of East Asian locales */
    if ((id >= 27 && id <= 36) || (id >= 50 && id <= 58)) {
        bc_workbook_format_code("yyyy-mm-dd", f);
        return;
    }
    bc_workbook_format_code(id > 0 && (size_t)id < sizeof codes / sizeof *codes ? codes[id] : NULL,
                      f);
}

/* A whole number or the shortest of 15 significant digits, "." made ",". */
static void S_general(bc_buf *out, double v)
{
    if (v == floor(v) && fabs(v) < 1e15) {
        bc_vn_number_write_as(out, (long long)v, 0, false);
        return;
    }
    char text[64];
    locale_t c = S_c_locale();
    locale_t old = c ? uselocale(c) : (locale_t)0;
    snprintf(text, sizeof text, "%.15g", v);
    if (c)
        uselocale(old);
    for (char *p = text; *p; p++)
        if (*p == '.')
            *p = ',';
    bc_buf_puts(out, text);
}

void bc_workbook_format_number(bc_buf *out, double v, const bc_wb_format *f)
{
    if (f->percent)
        v *= 100;
    double scaled = f->decimals >= 0 ? v * pow(10, f->decimals) : 0;
    if (f->decimals < 0 || fabs(scaled) >= 9e17)
        S_general(out, v);
    else
        bc_vn_number_write_as(out, llround(scaled), f->decimals, f->grouped);
    if (f->percent)
        bc_buf_putc(out, '%');
}

/* The civil date of a day count from 1970-01-01 (H. Hinnant's algorithm). */
static void S_civil(long long z, int *y, int *m, int *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (*m <= 2));
}

bool bc_workbook_format_serial(bc_buf *out, double serial, bool date1904, const bc_wb_format *f)
{
    if (!(serial >= 0 && serial < 2958466))
        return false;
    long long seconds = llround(serial * 86400.0);
    long long days = seconds / 86400;
    long long secs = seconds % 86400;
    /* 25569: the serial of 1970-01-01; the 1900 system counts a
     * 29 February 1900 that was not (serial 60), so days before it are one
     * later */
    long long from_epoch = date1904 ? days + 1462 - 25569 : days - 25569;
    if (!date1904 && days < 61)
        from_epoch += 1;
    if (f->date) {
        int y, m, d;
        S_civil(from_epoch, &y, &m, &d);
        bc_buf_printf(out, "%04d-%02d-%02d", y, m, d);
    }
    if (f->time)
        bc_buf_printf(out, "%s%02lld:%02lld", f->date ? " " : "", secs / 3600,
                      secs / 60 % 60);
    return true;
}
