/*
 * sheet.h - the rows of a spreadsheet as batch entries (input.md 2): one
 * home for what a CSV file and a workbook's sheet share. The first row
 * names the columns (dotted paths building nested maps: so_lieu.tin_bai);
 * each further row is one entry. Cells are taken as a clerk sees them:
 * trimmed of the spaces around them, empty meaning absent, a cell with
 * line breaks (Alt+Enter) of a list-valued key (nguoi_ky.chuc_danh,
 * noi_nhan, kinh_gui) one item a line. Empty trailing header cells (what
 * a spreadsheet leaves after its last column) are no columns. Every error
 * names the cell: its file, and its line and column (CSV) or its sheet and
 * cell (a workbook: the file name of base/diag.h's bc_diag_sheet_file).
 */
#ifndef BC_SHEET_H
#define BC_SHEET_H

#include "base/diag.h"
#include "input/node.h"

#include <stdbool.h>
#include <stddef.h>

/* A cell's bytes (E012) and a row's cells (E013): a clerk's sheet has a
 * few dozen columns of short text; the bounds keep a damaged or hostile
 * file from filling the memory one row at a time. */
#define BC_SHEET_MAX_CELL (1024 * 1024)
#define BC_SHEET_MAX_CELLS 1000

typedef enum bc_sheet_kind {
    BC_SHEET_TEXT,      /* text as typed (a CSV cell is always text) */
    BC_SHEET_NUMBER,    /* a number (or date) cell, already written as shown */
    BC_SHEET_BOOL       /* a TRUE/FALSE cell: `boolean` */
} bc_sheet_kind;

typedef struct bc_sheet_cell {
    const char *text;   /* UTF-8 as read (not NUL-terminated necessarily) */
    size_t len;
    bc_sheet_kind kind;
    bool boolean;
    bool too_long;      /* longer than BC_SHEET_MAX_CELL: an error */
    int line, col;      /* CSV: line and character column; a workbook: row
                           and column (A = 1) */
} bc_sheet_cell;

/* Which dotted paths hold lists (the report's schema says): a cell of
 * such a column with line breaks gives one item a line. */
typedef bool (*bc_sheet_is_list)(const char *path);

typedef struct bc_sheet_columns bc_sheet_columns;

/* The columns named by the header row's cells. NULL after diagnostics
 * (an empty name before the last one, a duplicate, a name with an empty
 * part, too many columns). `file` is what the cells' nodes will carry. */
bc_sheet_columns *bc_sheet_columns_read(const char *file, const bc_sheet_cell *cells,
                                        size_t n, bc_sheet_is_list is_list,
                                        bc_diags *d);
/* The number of named columns. */
size_t bc_sheet_columns_count(const bc_sheet_columns *c);
/* True when a row of these cells has nothing in it (skipped). */
bool bc_sheet_row_blank(const bc_sheet_cell *cells, size_t n);
/* A row's cells as a map in arena a, located at row_line (the row's
 * first line or its number). 1, or 2 for a bad row (reported to d; *row
 * is what could be read, so the error can name the entry). */
int bc_sheet_row(const bc_sheet_columns *c, bc_arena *a, const bc_sheet_cell *cells,
                 size_t n, int row_line, bool too_many, bc_node **row, bc_diags *d);
void bc_sheet_columns_free(bc_sheet_columns *c);

#endif
