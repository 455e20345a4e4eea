/*
 * vn_number.h - numbers written the Vietnamese way: "." groups thousands,
 * "," marks the decimals ("1.958", "98,6", "12.345.678"). One home for
 * reading them (a table's =tong, the sums of a summary report), writing
 * them (the sums; a spreadsheet's number cells as a clerk sees them) and
 * adding them exactly (as scaled integers, never in floating point).
 */
#ifndef BC_VN_NUMBER_H
#define BC_VN_NUMBER_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Digits a number may have (the sums stay within 18). */
#define BC_VN_NUMBER_MAX_DIGITS 17

/* A number written the Vietnamese way ("1.958", "98,6", "-3", "1234"):
 * true with its digits scaled by 10^*decimals in *value. */
bool bc_vn_number_read(const char *s, size_t n, long long *value, int *decimals);

/* Writes value / 10^decimals the Vietnamese way ("2.134", "197,2"); with
 * `grouped` false the thousands are not grouped ("2134"). */
void bc_vn_number_write_as(bc_buf *out, long long value, int decimals, bool grouped);
/* bc_vn_number_write_as, grouped. */
void bc_vn_number_write(bc_buf *out, long long value, int decimals);

/* A sum of such numbers, to the largest number of decimals added. */
typedef struct bc_vn_sum {
    long long value;
    int decimals;
    bool overflow;    /* more than 18 digits: the sum is not valid */
} bc_vn_sum;

#define BC_VN_SUM_INIT {0, 0, false}

void bc_vn_number_sum(bc_vn_sum *s, long long value, int decimals);
/* Adds the number s[0..n) when it reads as one; false (nothing added)
 * when it does not. */
bool bc_vn_number_sum_text(bc_vn_sum *sum, const char *s, size_t n);

#endif
