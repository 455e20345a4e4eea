/*
 * vn_number.c - Vietnamese numbers read, written and summed (see
 * vn_number.h).
 */
#include "base/vn_number.h"

#include <stdio.h>

#define S_MAX 999999999999999999LL

bool bc_vn_number_read(const char *s, size_t n, long long *value, int *decimals)
{
    size_t i = 0;
    bool neg = false;
    if (i < n && (s[i] == '-' || s[i] == '+')) {
        neg = s[i] == '-';
        i++;
    }
    if (i >= n || s[i] < '0' || s[i] > '9')
        return false;
    long long v = 0;
    int digits = 0, group = 0;
    bool grouped = false;
    for (; i < n && s[i] != ','; i++) {
        if (s[i] == '.') {
            /* a "." groups three digits: 1.958, 12.345.678 */
            if (group == 0 || (grouped && group != 3) || (!grouped && group > 3))
                return false;
            grouped = true;
            group = 0;
            continue;
        }
        if (s[i] < '0' || s[i] > '9')
            return false;
        if (++digits > BC_VN_NUMBER_MAX_DIGITS)
            return false;
        v = v * 10 + (s[i] - '0');
        group++;
    }
    if (grouped && group != 3)
        return false;
    int dec = 0;
    if (i < n) { /* the "," and the decimals */
        i++;
        if (i >= n)
            return false;
        for (; i < n; i++) {
            if (s[i] < '0' || s[i] > '9' || ++digits > BC_VN_NUMBER_MAX_DIGITS)
                return false;
            v = v * 10 + (s[i] - '0');
            dec++;
        }
    }
    *value = neg ? -v : v;
    *decimals = dec;
    return true;
}

void bc_vn_number_write_as(bc_buf *out, long long value, int decimals, bool grouped)
{
    unsigned long long mag = value < 0 ? 0ULL - (unsigned long long)value
                                       : (unsigned long long)value;
    if (value < 0)
        bc_buf_putc(out, '-');
    char digits[40];
    int n = snprintf(digits, sizeof digits, "%0*llu", decimals + 1, mag);
    int whole = n - decimals;
    for (int i = 0; i < whole; i++) {
        if (grouped && i > 0 && (whole - i) % 3 == 0)
            bc_buf_putc(out, '.');
        bc_buf_putc(out, digits[i]);
    }
    if (decimals > 0) {
        bc_buf_putc(out, ',');
        bc_buf_put(out, digits + whole, (size_t)decimals);
    }
}

void bc_vn_number_write(bc_buf *out, long long value, int decimals)
{
    bc_vn_number_write_as(out, value, decimals, true);
}

/* v * 10^e, false when it leaves 18 digits. */
static bool S_scale(long long *v, int e)
{
    while (e-- > 0) {
        if (*v > S_MAX / 10 || *v < -S_MAX / 10)
            return false;
        *v *= 10;
    }
    return true;
}

void bc_vn_number_sum(bc_vn_sum *s, long long value, int decimals)
{
    /* to the larger number of decimals */
    if (decimals > s->decimals) {
        if (!S_scale(&s->value, decimals - s->decimals))
            s->overflow = true;
        s->decimals = decimals;
    } else if (decimals < s->decimals && !S_scale(&value, s->decimals - decimals)) {
        s->overflow = true;
    }
    if ((value > 0 && s->value > S_MAX - value) || (value < 0 && s->value < -S_MAX - value))
        s->overflow = true;
    if (!s->overflow)
        s->value += value;
}

bool bc_vn_number_sum_text(bc_vn_sum *sum, const char *s, size_t n)
{
    long long v;
    int d;
    if (!bc_vn_number_read(s, n, &v, &d))
        return false;
    bc_vn_number_sum(sum, v, d);
    return true;
}
