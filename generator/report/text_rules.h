/*
 * text_rules.h - the text rules of Decree 30 that the program derives so
 * the clerk never types layout: the date line, the document number, the
 * names of reporting periods.
 */
#ifndef BC_TEXT_RULES_H
#define BC_TEXT_RULES_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Parses an ISO date "YYYY-MM-DD". Returns 0 on success, -1 when the text
 * is not of that form, -2 when the form is right but the date does not
 * exist ("2023-02-30"). */
int bc_text_rules_date_parse(const char *s, size_t n, int *y, int *m, int *d);

/* Appends the date line "Cẩm Vũ, ngày 06 tháng 7 năm 2023": day 1-9 and
 * months 1-2 zero-padded, months 3-12 not. d == 0 (no date) gives the blank
 * form "Cẩm Vũ, ngày     tháng     năm 2023", with the year blank too when
 * y == 0. */
void bc_text_rules_date_line(bc_buf *out, const char *place, int y, int m, int d);

/* Appends the number part of "Số:": "5" -> "05", "17" -> "17", "57a" ->
 * "57a", "05" -> "05"; empty -> five spaces (with the space after "Số:"
 * the blank of the decree's model "Số:      /BC-UBND"). */
void bc_text_rules_number(bc_buf *out, const char *so, size_t n);

/* Reporting period (input.md 1.2): nam with at most one of nua (1-2), quy
 * (1-4), thang (1-12) or so_thang (1-11, months from January; 6 reads as
 * nua 1); the others 0. */
typedef struct bc_period {
    int nam, nua, quy, thang, so_thang;
} bc_period;

/* Appends the period's name to ten and the next period's to ky_sau.
 * Returns 0, or -1 when a value is out of range or two are given. */
int bc_text_rules_period_names(const bc_period *p, bc_buf *ten, bc_buf *ky_sau);

/* The data cut-off window of a period (Decree 09/2019/ND-CP, Art. 12):
 * from the 15th of the month before its first month to the 14th of its
 * last month. Returns 0, or -1 as bc_text_rules_period_names. */
int bc_text_rules_period_window(const bc_period *p, int from[3], int to[3]);

/* A date as report bodies cite it: the day in two digits, the month with a
 * leading zero only for January and February ("15/12/2022", "14/02/2023",
 * "14/6/2023"). */
void bc_text_rules_short_date(bc_buf *out, int y, int m, int d);

void bc_text_rules_roman(bc_buf *out, int n);

#endif
