/*
 * diag.h - diagnostics collected by library code and printed by main.c.
 *
 * Every error caused by a user's file carries where it happened: the file,
 * for a .docx template the part ("word/document.xml") and a human place
 * ("paragraph 12"), and for text sources the 1-based line and column.
 * Library functions append to a bc_diags list and return a failure status;
 * they never print.
 */
#ifndef BC_DIAG_H
#define BC_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef enum bc_severity {
    BC_ERROR,
    BC_WARNING,
    BC_NOTE
} bc_severity;

typedef struct bc_diag {
    bc_severity severity;
    char *file;     /* may be NULL */
    char *part;     /* zip part inside a .docx, or NULL */
    char *place;    /* human place inside a part ("paragraph 3"), or NULL */
    int line;       /* 1-based, 0 when unknown */
    int col;        /* 1-based, 0 when unknown */
    char *id;       /* stable rule/error id ("T003", "L24"), or NULL */
    char *msg;      /* the message, already translated */
    char *hint;     /* a one-line fix hint, already translated, or NULL */
    struct bc_diag *next;
} bc_diag;

typedef struct bc_diags {
    bc_diag *head;
    bc_diag *tail;
    size_t errors;
    size_t warnings;
} bc_diags;

#define BC_DIAGS_INIT {NULL, NULL, 0, 0}

/* Appends a diagnostic; file/part/place/id may be NULL. Returns it so the
 * caller may fill more fields. */
bc_diag *bc_diag_add(bc_diags *d, bc_severity sev, const char *file,
                     int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
bc_diag *bc_diag_vadd(bc_diags *d, bc_severity sev, const char *file,
                      int line, int col, const char *fmt, va_list ap);
void bc_diag_set_part(bc_diag *g, const char *part, const char *place);

/* A spreadsheet's cells are located by sheet and cell, not by line and
 * column (input.md 2: `xa.xlsx: sheet "Ky 1", cell C5: ...`). The file
 * name bc_diag_sheet_file makes ("FILE", BC_DIAG_SHEET, "SHEET") is one a
 * node may carry like any other: a diagnostic added with it gets FILE as
 * its file and the cell as its place, its line read as the row and its
 * column as the column (A = 1). malloc'd. */
#define BC_DIAG_SHEET '\x1f'
char *bc_diag_sheet_file(const char *file, const char *sheet);
/* The name of the cell at row, col ("C5"; "C" when row is 0) in buf. */
void bc_diag_cell_name(char *buf, size_t size, int row, int col);
void bc_diag_set_id(bc_diag *g, const char *id);
void bc_diag_set_hint(bc_diag *g, const char *hint);
/* Adds a copy of g to d, its message after `prefix` ("entry 2 (Cẩm Vũ): "):
 * the same severity, file, line, column, part, place, id and hint. */
bc_diag *bc_diag_add_copy(bc_diags *d, const bc_diag *g, const char *prefix);
/* Moves every diagnostic of src to the end of dst. */
void bc_diags_take(bc_diags *dst, bc_diags *src);
/* Formats one diagnostic as "file:line:col: error: msg [id]" (no newline;
 * the hint is not included). */
char *bc_diag_format(const bc_diag *g);
void bc_diags_free(bc_diags *d);

#endif
