/*
 * csv.c - spreadsheet rows as batch entries (see csv.h).
 */
#include "input/csv.h"
#include "input/sheet.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BC_CSV_MAX_FIELD BC_SHEET_MAX_CELL
#define BC_CSV_MAX_FIELDS BC_SHEET_MAX_CELLS

typedef struct field {
    bc_buf text;
    int line, col;      /* where the field starts */
    bool too_long;      /* longer than BC_CSV_MAX_FIELD: an error */
} field;

struct bc_csv {
    FILE *fp;
    char *file;
    bc_diags *diags;
    char delim;
    bc_sheet_columns *cols;
    bc_sheet_cell *cells;   /* the current record as cells */
    size_t cell_cap;
    size_t size, consumed;
    int line;           /* line of the next character */
    int peeked;         /* a character pushed back */
    bool have_peek;
    field *fields;      /* the current record */
    size_t field_cap;
    int open_line, open_col; /* where an unclosed quoted field starts */
    bool too_many;      /* the record has more than BC_CSV_MAX_FIELDS cells */
};

static int S_getc(bc_csv *c)
{
    if (c->have_peek) {
        c->have_peek = false;
        return c->peeked;
    }
    int ch = getc(c->fp);
    if (ch != EOF)
        c->consumed++;
    return ch;
}

static void S_ungetc(bc_csv *c, int ch)
{
    c->peeked = ch;
    c->have_peek = true;
}

/* Reads one record into fields. Returns the number of fields, 0 at end of
 * file, -1 on an unterminated quote. */
static long S_record(bc_csv *c, field **fields, size_t *cap)
{
    int ch = S_getc(c);
    if (ch == EOF)
        return 0;
    S_ungetc(c, ch);
    size_t n = 0;
    int col = 1;
    c->too_many = false;
    for (;;) {
        if (n == BC_CSV_MAX_FIELDS) { /* the cells past it overwrite the last */
            c->too_many = true;
            n--;
        }
        if (n == *cap) {
            *fields = bc_grow(*fields, cap, n + 1, sizeof **fields);
            for (size_t i = n; i < *cap; i++)
                memset(&(*fields)[i].text, 0, sizeof(bc_buf));
        }
        field *f = &(*fields)[n++];
        bc_buf_clear(&f->text);
        f->line = c->line;
        f->col = col;
        f->too_long = false;
        ch = S_getc(c);
        if (ch == '"') {
            col++;
            for (;;) {
                ch = S_getc(c);
                if (ch == EOF) {
                    c->open_line = f->line;
                    c->open_col = f->col;
                    return -1;
                }
                if (ch == '"') {
                    int next = S_getc(c);
                    if (next == '"') {
                        bc_buf_putc(&f->text, '"');
                        col += 2;
                        continue;
                    }
                    S_ungetc(c, next);
                    col++;
                    break;
                }
                if (ch == '\n') {
                    c->line++;
                    col = 1;
                } else if ((ch & 0xC0) != 0x80) {
                    col++;
                }
                if (f->text.len < BC_CSV_MAX_FIELD)
                    bc_buf_putc(&f->text, (char)ch);
                else
                    f->too_long = true;
            }
            ch = S_getc(c);
            /* text after a closing quote is kept as written */
            while (ch != EOF && ch != c->delim && ch != '\n' && ch != '\r') {
                if (f->text.len < BC_CSV_MAX_FIELD)
                    bc_buf_putc(&f->text, (char)ch);
                else
                    f->too_long = true;
                col++;
                ch = S_getc(c);
            }
        } else {
            while (ch != EOF && ch != c->delim && ch != '\n' && ch != '\r') {
                if (f->text.len < BC_CSV_MAX_FIELD)
                    bc_buf_putc(&f->text, (char)ch);
                else
                    f->too_long = true;
                if ((ch & 0xC0) != 0x80)
                    col++;
                ch = S_getc(c);
            }
        }
        if (ch == c->delim) {
            col++;
            continue;
        }
        if (ch == '\r') {
            int next = S_getc(c);
            if (next != '\n')
                S_ungetc(c, next);
        }
        c->line++;
        return (long)n;
    }
}

static void S_free_fields(field *f, size_t cap)
{
    for (size_t i = 0; i < cap; i++)
        bc_buf_free(&f[i].text);
    free(f);
}

/* The record's fields as the cells sheet.h reads. */
static bc_sheet_cell *S_cells(bc_csv *c, const field *f, long n)
{
    if ((size_t)n > c->cell_cap)
        c->cells = bc_grow(c->cells, &c->cell_cap, (size_t)n, sizeof *c->cells);
    for (long i = 0; i < n; i++) {
        bc_sheet_cell *cell = &c->cells[i];
        memset(cell, 0, sizeof *cell);
        cell->text = f[i].text.data ? f[i].text.data : "";
        cell->len = f[i].text.len;
        cell->too_long = f[i].too_long;
        cell->line = f[i].line;
        cell->col = f[i].col;
    }
    return c->cells;
}

bc_csv *bc_csv_open(const char *path, bc_sheet_is_list is_list, bc_diags *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return NULL;
    }
    /* a pipe or a device would be read for ever (or block): a spreadsheet
     * is a file */
    struct stat st;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s",
                    _("is not a file (a folder, a device or a pipe): `danh_sach` "
                      "names the CSV file of the entries"));
        fclose(fp);
        return NULL;
    }
    /* what a clerk may have saved instead of a CSV in UTF-8: Excel's
     * plain "CSV" of a Vietnamese Windows (Windows-1258) or "Unicode
     * text" (UTF-16): one message for the file, not one a row (a workbook
     * is read as one: batch_source.c) */
    char head[65536];
    size_t hn = fread(head, 1, sizeof head, fp);
    rewind(fp);
    size_t bad = 0;
    const char *why = NULL;
    if (hn >= 2 && (((unsigned char)head[0] == 0xFF && (unsigned char)head[1] == 0xFE) ||
                    ((unsigned char)head[0] == 0xFE && (unsigned char)head[1] == 0xFF)))
        why = _("is written in UTF-16 (Excel's \"Unicode Text\"), not UTF-8: save the "
                "sheet as \"CSV UTF-8 (Comma delimited)\"");
    else if (!bc_utf8_valid(head, hn, &bad) && !(hn == sizeof head && bad + 4 > hn))
        why = _("is not UTF-8 (it looks like Windows-1258, what Excel's plain \"CSV\" "
                "writes on a Vietnamese Windows): save the sheet as \"CSV UTF-8 (Comma "
                "delimited)\" in Excel, or choose Unicode (UTF-8) in LibreOffice");
    if (why) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", why);
        fclose(fp);
        return NULL;
    }
    bc_csv *c = bc_xcalloc(1, sizeof *c);
    c->fp = fp;
    c->file = bc_xstrdup(path);
    c->diags = d;
    c->line = 1;
    if (fseek(fp, 0, SEEK_END) == 0) {
        long end = ftell(fp);
        c->size = end > 0 ? (size_t)end : 0;
        fseek(fp, 0, SEEK_SET);
    }
    /* BOM */
    unsigned char bom[3];
    size_t got = fread(bom, 1, 3, fp);
    if (!(got == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF))
        fseek(fp, 0, SEEK_SET);
    else
        c->consumed = 3;
    /* the separator: whichever of , and ; the header line has more of,
     * outside quotes */
    long start = ftell(fp);
    int commas = 0, semis = 0, ch;
    bool quoted = false;
    while ((ch = getc(fp)) != EOF && (quoted || (ch != '\n' && ch != '\r'))) {
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == ',')
            commas++;
        else if (!quoted && ch == ';')
            semis++;
    }
    fseek(fp, start, SEEK_SET);
    c->delim = semis > commas ? ';' : ',';

    field *f = NULL;
    size_t cap = 0;
    long n = S_record(c, &f, &cap);
    if (n <= 0) {
        bc_diag_add(d, BC_ERROR, path, 1, 1, "%s",
                    n == 0 ? _("the CSV file is empty: its first line must name "
                               "the columns")
                           : _("a quoted field is not closed"));
        S_free_fields(f, cap);
        bc_csv_close(c);
        return NULL;
    }
    if (c->too_many) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, path, 1, 1,
                                 _("the CSV header names more than %d columns"),
                                 BC_CSV_MAX_FIELDS);
        bc_diag_set_id(g, "E013");
        S_free_fields(f, cap);
        bc_csv_close(c);
        return NULL;
    }
    c->cols = bc_sheet_columns_read(c->file, S_cells(c, f, n), (size_t)n, is_list, d);
    S_free_fields(f, cap);
    if (!c->cols) {
        bc_csv_close(c);
        return NULL;
    }
    return c;
}

int bc_csv_row(bc_csv *c, bc_arena *a, bc_node **row)
{
    long n;
    do {
        n = S_record(c, &c->fields, &c->field_cap);
        if (n < 0) {
            bc_diag_add(c->diags, BC_ERROR, c->file, c->open_line, c->open_col, "%s",
                        _("a quoted field is not closed before the end of the file"));
            return -1;
        }
        if (n == 0)
            return 0;
    } while (bc_sheet_row_blank(S_cells(c, c->fields, n), (size_t)n));
    return bc_sheet_row(c->cols, a, c->cells, (size_t)n, c->fields[0].line, c->too_many,
                        row, c->diags);
}

double bc_csv_progress(const bc_csv *c)
{
    return c->size ? (double)c->consumed / (double)c->size : 0;
}

void bc_csv_close(bc_csv *c)
{
    if (!c)
        return;
    bc_sheet_columns_free(c->cols);
    free(c->cells);
    S_free_fields(c->fields, c->field_cap);
    if (c->fp)
        fclose(c->fp);
    free(c->file);
    free(c);
}
