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

/* Reporting period (input.md 1.2). Exactly one of nua (1-2), quy (1-4),
 * thang (1-12) or none (all 0) is given with nam. Appends the period's
 * name to ten and the next period's to ky_sau. Returns 0, or -1 when a
 * value is out of range. */
int bc_text_rules_period_names(int nam, int nua, int quy, int thang, bc_buf *ten,
                    bc_buf *ky_sau);

/* Roman numeral of 1..3999 ("IV"); "" outside. Static storage per call. */
void bc_text_rules_roman(bc_buf *out, int n);

#endif
