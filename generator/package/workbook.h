/*
 * workbook.h - one sheet of a clerk's workbook (input.md 2): an Excel
 * .xlsx or a LibreOffice Calc .ods, read with libzip and libxml2 (the
 * package reader's limits apply), as rows of cells the way the clerk sees
 * them in the spreadsheet:
 *
 *   - text as typed, shared and inline strings alike, a cell's line breaks
 *     (Alt+Enter) kept;
 *   - numbers as shown: whole numbers without ".0", the Vietnamese
 *     separators ("5.120" when the cell's format groups thousands, "98,6"),
 *     the decimals and the percent sign of the cell's format;
 *   - a cell formatted as a date as an ISO date (2024-07-05);
 *   - TRUE/FALSE cells as booleans; a formula by the value saved with it;
 *   - hidden rows and columns left out, as a printout leaves them out.
 *
 * Refused with a located error (the file, the sheet and the cell): an
 * error value (#N/A, #DIV/0!), a formula saved without its value, header
 * cells merged. The whole sheet is read at once: a clerk's sheet of every
 * commune of the country (3,321 rows) takes a few megabytes.
 */
#ifndef BC_WORKBOOK_H
#define BC_WORKBOOK_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/sheet.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_workbook_row {
    int row;                 /* the row's number in the sheet (1-based) */
    bc_sheet_cell *cells;    /* the visible columns, in order: cell->line
                                is the row, cell->col the sheet's column */
    size_t count;
    bool too_many;           /* more than BC_SHEET_MAX_CELLS columns */
} bc_workbook_row;

typedef struct bc_workbook {
    char *file;              /* what the cells' nodes carry: the file and the
                                sheet (bc_diag_sheet_file) */
    char *sheet;             /* the sheet's name */
    bc_workbook_row *rows;   /* the visible, non-empty rows */
    size_t count, cap;
    bc_arena text;           /* the cells' texts and arrays */
} bc_workbook;

/* True when `name` names a workbook by its extension (.xlsx, .xlsm, .ods;
 * maybe followed by "#SHEET"), or the file starts as a zip does. */
bool bc_workbook_is_named(const char *name);
bool bc_workbook_sniff(const char *path);

/* Reads the sheet `spec` names: "FILE" (its first visible sheet) or
 * "FILE#SHEET". `path` is spec with FILE resolved (relative to the batch
 * file); the messages name the file as `path` does. 0, or -1 after a
 * diagnostic. */
int bc_workbook_read(bc_workbook *w, const char *path, bc_diags *d);
void bc_workbook_free(bc_workbook *w);

#endif
