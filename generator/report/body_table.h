/*
 * body_table.h - pipe tables in the report body (input.md 1.3.1): the rows
 * of a block whose lines start with "|", read into cells with their
 * alignment and emphasis, "=tong" cells summed the Vietnamese way, and
 * every problem found, located in the body text.
 */
#ifndef BC_BODY_TABLE_H
#define BC_BODY_TABLE_H

#include "base/buf.h"
#include "report/body_markup.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum bc_table_align {
    BC_ALIGN_LEFT = 0,
    BC_ALIGN_CENTER,
    BC_ALIGN_RIGHT
} bc_table_align;

/* One line of the table as the body holds it. */
typedef struct bc_table_line {
    const char *s;     /* the trimmed line */
    size_t n;
    size_t offset;     /* of s[0] in the body text */
    int line;          /* 1-based line in the body text */
} bc_table_line;

struct bc_table {
    size_t cols;       /* the header's cells */
    size_t rows;       /* the header row included */
    bc_table_align *align;   /* cols */
    bc_block *cells;         /* rows * cols, row 0 the header; kind PARAGRAPH */
    bool *summed;            /* cols: the column holds a =tong cell */
};

/* A problem of a table: an error (the report is not made) or a warning. */
struct bc_table_issue {
    bool error;
    size_t offset;     /* in the body text */
    int line, col;     /* 1-based in the body text (col in characters) */
    char *msg;         /* translated */
};

/* Appends a problem at byte `offset` of line l (its column counted in
 * characters) to *v; the body's own fixes use it too (body_markup.c). */
void bc_body_table_issue_vadd(bc_table_issue **v, size_t *count, const bc_table_line *l,
                              size_t offset, bool error, const char *fmt, va_list ap);

/* True when the two lines begin a table: the first starts with "|" and
 * the second is a delimiter row ("|---|:---:|"), whatever its cell count,
 * or a row starting with "|" that holds "---" (a delimiter row with a
 * typo, whose bad cells are errors). */
bool bc_body_table_starts(const char *first, size_t first_n, const char *second,
                          size_t second_n);

/* Reads the lines of a table block (the header, the delimiter row, the
 * rows). Returns the table; the problems are appended to *issues. */
bc_table *bc_body_table_read(const bc_table_line *lines, size_t count,
                             bc_table_issue **issues, size_t *issue_count);

/* The table's text as one paragraph would hold it (cells joined by
 * spaces), for the rules that read a block's text. */
char *bc_body_table_plain(const bc_table *t, size_t *len);

void bc_body_table_free(bc_table *t);

#endif
