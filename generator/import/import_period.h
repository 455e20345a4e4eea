/*
 * import_period.h - the reporting period of an imported report
 * (input.md 1.2): found in its summary and body, its phrases turned into
 * `{{ky_bao_cao.ten}}` / `{{ky_bao_cao.ky_sau}}` so that the YAML renders
 * the same text and serves the next period, the period moved on by one
 * (`--ky-sau`), and the body's figures a new period must update.
 */
#ifndef BC_IMPORT_PERIOD_H
#define BC_IMPORT_PERIOD_H

#include "base/buf.h"
#include "import/import_report.h"
#include "report/text_rules.h"

#include <stdbool.h>

/* The first period phrase of s ("quý II năm 2022", "6 tháng đầu năm
 * 2023", "9 tháng đầu năm 2023", "tháng 5 năm 2024", "năm 2023"), the
 * date inside a date line ("ngày 15 tháng 12 năm 2023") not counted.
 * Returns true with *p set. */
bool bc_import_period_find(const char *s, bc_period *p);

/* Appends s to out with every phrase equal to the period's text (its
 * `ten`) as {{ky_bao_cao.ten}} and every one equal to the next period's
 * as {{ky_bao_cao.ky_sau}}, whole phrases only (never the year of a date
 * or of a longer period). A phrase that differs from them by case alone
 * ("NĂM 2023", "Năm 2023") is kept as written and added to r's
 * period_caps (once); a phrase naming another period ("năm 2022" in the
 * report of quý II năm 2022) is kept and added to period_other (once). */
void bc_import_period_template(bc_import_report *r, const bc_period *p, const char *s,
                               bc_buf *out);

/* The period after p (input.md 1.2's "next period" column, as a period
 * of its own: quý II -> quý III, 6 tháng đầu -> 6 tháng cuối, năm 2023 ->
 * năm 2024, 6 tháng cuối -> the next year, 9 tháng đầu -> the year). */
bc_period bc_import_period_next(const bc_period *p);

/* Adds to r's figures the figures of body markup s a new period must
 * update: the numbers of its sentences with the word after them ("22
 * buổi"), leaving out numberings, dates, years, document numbers. */
void bc_import_period_figures(bc_import_report *r, const char *s);

#endif
