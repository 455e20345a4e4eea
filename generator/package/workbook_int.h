/*
 * workbook_int.h - what the readers of a workbook share (not a public
 * interface):
 *
 *   workbook.c         the entry point: the file's kind, the sheet named
 *                      after "#", the sheet's cells made into rows
 *                      (hidden columns out, merged header cells refused)
 *   workbook_xlsx.c    an Excel workbook's sheet
 *   workbook_ods.c     a LibreOffice Calc (OpenDocument) sheet
 *   workbook_format.c  a number cell as its format shows it, a date
 *                      serial as an ISO date
 *
 * A reader adds the sheet's cells row by row to a bc_wb_build, which
 * holds them sparse (a sheet names its cells; most of a row's are empty)
 * until bc_wb_build_finish lays the visible ones out in columns.
 */
#ifndef BC_WORKBOOK_INT_H
#define BC_WORKBOOK_INT_H

#include "base/buf.h"
#include "package/package.h"
#include "package/workbook.h"

#include <libxml/tree.h>

/* Cells a sheet may have in all: bounds what repeated rows and columns
 * (an .ods says "this row 1,048,576 times") may expand to (E013). */
#define BC_WB_MAX_CELLS (4 * 1024 * 1024)
/* Error cells reported before the rest are only counted. */
#define BC_WB_MAX_ERRORS 20

typedef struct bc_wb_cell {
    int row, col;            /* 1-based */
    bc_sheet_kind kind;
    bool boolean;
    const char *text;        /* in the workbook's arena */
    size_t len;
} bc_wb_cell;

typedef struct bc_wb_range {
    int row1, col1, row2, col2;
} bc_wb_range;

typedef struct bc_wb_build {
    bc_workbook *w;
    bc_diags *d;
    const char *shown;       /* the file as messages name it */
    bc_wb_cell *cells;       /* in reading order: rows ascending */
    size_t count, cap;
    int *hidden_rows;        /* rows hidden (ascending) */
    size_t nhidden, hidden_cap;
    bool *hidden_cols;       /* [col], 1-based, up to cols_cap */
    size_t cols_cap;
    bc_wb_range *merges;
    size_t nmerges, merges_cap;
    size_t errors;           /* error cells and other located refusals */
    bool too_big;            /* BC_WB_MAX_CELLS passed */
} bc_wb_build;

/* ---- workbook.c ------------------------------------------------------------ */

/* The sheet the reader chose: its name, and the file its cells' nodes
 * and errors carry. */
void bc_workbook_sheet(bc_wb_build *b, const char *name);
/* A cell (text copied). Empty text cells need not be added. */
void bc_workbook_cell(bc_wb_build *b, int row, int col, bc_sheet_kind kind,
                      bool boolean, const char *text, size_t len);
void bc_workbook_hide_row(bc_wb_build *b, int row);
void bc_workbook_hide_cols(bc_wb_build *b, int first, int last);
void bc_workbook_merge(bc_wb_build *b, int row1, int col1, int row2, int col2);
/* A located error of a cell: the workbook is refused (counted, the first
 * BC_WB_MAX_ERRORS reported). */
void bc_workbook_error(bc_wb_build *b, int row, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The local name of an element or attribute is `name` (namespaces are the
 * readers' business only where two share a name). */
bool bc_workbook_is(const xmlNode *n, const char *name);
/* The attribute of that local name, or NULL (libxml2's string: xmlFree). */
char *bc_workbook_attr(const xmlNode *n, const char *name);
/* A part parsed, or NULL with a diagnostic naming it. */
xmlDocPtr bc_workbook_parse(const bc_package *p, const char *part, bc_wb_build *b);
/* The same part read as a stream of events into h (package/xml_parse.h):
 * 0, or -1 after the same diagnostics. */
int bc_workbook_parse_events(const bc_package *p, const char *part, bc_wb_build *b,
                             xmlSAXHandler *h, void *user);

/* ---- workbook_xlsx.c / workbook_ods.c ------------------------------------------ */

/* Reads the sheet named `sheet` (NULL: the first visible one) into b;
 * w->sheet gets its name. 0, or -1 after a diagnostic. */
int bc_workbook_xlsx_read(const bc_package *p, const char *sheet, bc_wb_build *b);
int bc_workbook_ods_read(const bc_package *p, const char *sheet, bc_wb_build *b);

/* ---- workbook_format.c ----------------------------------------------------- */

/* How a number cell is shown. */
typedef struct bc_wb_format {
    bool date, time;         /* a date (and/or time) format */
    int decimals;            /* -1: General (as many as the value needs) */
    bool grouped;            /* thousands grouped */
    bool percent;            /* times 100, with "%" */
} bc_wb_format;

#define BC_WB_FORMAT_GENERAL {false, false, -1, false, false}

/* An Excel number format code ("#,##0.00", "dd/mm/yyyy", "0.0%"). */
void bc_workbook_format_code(const char *code, bc_wb_format *f);
/* Excel's built-in format of id (0..49; General for the others). */
void bc_workbook_format_builtin(int id, bc_wb_format *f);
/* A number in the file's own writing ("5120", "9.86E-2"), whatever the
 * locale: true with *v. */
bool bc_workbook_format_read_double(const char *s, double *v);
/* The value as the format shows it, the Vietnamese way. */
void bc_workbook_format_number(bc_buf *out, double v, const bc_wb_format *f);
/* Excel's date serial (days since 1899-12-30; 1904-01-01 with date1904)
 * as "YYYY-MM-DD" (with " HH:MM" when the format shows the time too, or
 * "HH:MM" alone for a time format). False for a serial out of range. */
bool bc_workbook_format_serial(bc_buf *out, double serial, bool date1904,
                         const bc_wb_format *f);

#endif
