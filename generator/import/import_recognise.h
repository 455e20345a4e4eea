/*
 * import_recognise.h - an imported report's blocks (import_doc.h) turned
 * into baocao's keys (import_report.h): the header (import_header.h),
 * the type name and the summary, the addressee, the body in body markup
 * (headings with their numbering, tables as pipe tables), the closing
 * (import_closing.h), the appendices, and the reporting period
 * (import_period.h). Nothing is dropped but what the program prints by
 * itself (the motto lines, the "Nơi nhận:" label, an appendix's
 * reference line): text that fits no key goes into the body.
 */
#ifndef BC_IMPORT_RECOGNISE_H
#define BC_IMPORT_RECOGNISE_H

#include "base/diag.h"
#include "import/import_doc.h"
#include "import/import_report.h"

#include <stdbool.h>

/* Fills r (initialised by the caller) from doc. With ky_sau the period is
 * moved on by one, `so` and `ngay` left out and the body's figures listed
 * for the clerk. Returns 0, or -1 with an error naming doc's file when
 * the document holds no text or nothing a report has (no type name, no
 * summary, no heading, no "Nơi nhận"). */
int bc_import_recognise(const bc_import_doc *doc, bool ky_sau, bc_import_report *r,
                        bc_diags *d);

/* Appends the table as a pipe table of body markup (input.md 1.3.1):
 * the first row as the header, the columns' alignment from the first
 * data row's cells, `|` in a cell escaped. */
void bc_import_recognise_table(const bc_import_table *t, bc_buf *out);

#endif
