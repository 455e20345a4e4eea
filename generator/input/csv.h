/*
 * csv.h - a clerk's spreadsheet export as batch entries (input.md 2):
 * UTF-8 with or without BOM, comma or semicolon (detected from the header
 * line), RFC 4180 quoting (quoted fields may hold separators, quotes as ""
 * and line breaks), dotted column names building nested maps
 * (so_lieu.tin_bai), cells read as sheet.h says (trimmed, empty meaning
 * absent, list cells split), values kept as text as written. Rows are
 * read one at a time; errors name the file, row (line) and column.
 */
#ifndef BC_CSV_H
#define BC_CSV_H

#include "base/diag.h"
#include "input/node.h"
#include "input/sheet.h"

typedef struct bc_csv bc_csv;

/* Opens a CSV file and reads its header (is_list: sheet.h). NULL after a
 * diagnostic. */
bc_csv *bc_csv_open(const char *path, bc_sheet_is_list is_list, bc_diags *d);
/* Next row as a map: 1 with *row, 0 at the end, 2 for a bad row (reported;
 * reading goes on), -1 on a fatal error. */
int bc_csv_row(bc_csv *c, bc_arena *a, bc_node **row);
double bc_csv_progress(const bc_csv *c);
void bc_csv_close(bc_csv *c);

#endif
