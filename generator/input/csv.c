/*
 * csv.c - spreadsheet rows as batch entries (see csv.h).
 */
#include "input/csv.h"
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

/* A cell's bytes (E012) and a record's cells (E013): a clerk's sheet has
 * a few dozen columns of short text; the bounds keep a damaged or hostile
 * file from filling the memory one row at a time. */
#define BC_CSV_MAX_FIELD (1024 * 1024)
#define BC_CSV_MAX_FIELDS 1000

typedef struct field {
    bc_buf text;
    int line, col;      /* where the field starts */
    bool too_long;      /* longer than BC_CSV_MAX_FIELD: an error */
} field;

typedef struct column {
    char **path;        /* dotted name split into parts */
    size_t parts;
    char *name;
} column;

struct bc_csv {
    FILE *fp;
    char *file;
    bc_diags *diags;
    char delim;
    column *cols;
    size_t ncols;
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

static bool S_blank_record(field *f, long n)
{
    for (long i = 0; i < n; i++)
        if (f[i].text.len)
            return false;
    return true;
}

static void S_free_fields(field *f, size_t cap)
{
    for (size_t i = 0; i < cap; i++)
        bc_buf_free(&f[i].text);
    free(f);
}

static void S_trim(bc_buf *b)
{
    size_t s = 0, e = b->len;
    while (s < e && (b->data[s] == ' ' || b->data[s] == '\t'))
        s++;
    while (e > s && (b->data[e - 1] == ' ' || b->data[e - 1] == '\t'))
        e--;
    if (s > 0)
        memmove(b->data, b->data + s, e - s);
    b->len = e - s;
    if (b->data)
        b->data[b->len] = '\0';
}

bc_csv *bc_csv_open(const char *path, bc_diags *d)
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
    /* what a clerk may have named instead of a CSV in UTF-8: a workbook,
     * or Excel's plain "CSV" of a Vietnamese Windows (Windows-1258) or
     * "Unicode text" (UTF-16): one message for the file, not one a row */
    char head[65536];
    size_t hn = fread(head, 1, sizeof head, fp);
    rewind(fp);
    size_t bad = 0;
    const char *why = NULL;
    if (hn >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
        why = _("is a workbook (.xlsx or .ods), not a CSV file: save the sheet as "
                "\"CSV UTF-8 (Comma delimited)\" (Excel) or as Text CSV with the "
                "character set Unicode (UTF-8) (LibreOffice)");
    else if (hn >= 2 && (((unsigned char)head[0] == 0xFF && (unsigned char)head[1] == 0xFE) ||
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
    c->ncols = (size_t)n;
    c->cols = bc_xcalloc(c->ncols, sizeof *c->cols);
    bool ok = true;
    for (long i = 0; i < n; i++) {
        S_trim(&f[i].text);
        const char *name = bc_buf_cstr(&f[i].text);
        if (!bc_utf8_valid(name, f[i].text.len, NULL) || f[i].text.len == 0) {
            bc_diag_add(d, BC_ERROR, path, f[i].line, f[i].col,
                        _("column %ld has no name (or not UTF-8)"), i + 1);
            ok = false;
            continue;
        }
        if (memchr(name, '\0', f[i].text.len)) {
            bc_diag_add(d, BC_ERROR, path, f[i].line, f[i].col,
                        _("column %ld's name holds the character U+0000"), i + 1);
            ok = false;
            continue;
        }
        size_t len;
        char *nfc = bc_utf8_nfc(name, f[i].text.len, &len);
        c->cols[i].name = nfc;
        for (const char *p = nfc; *p;) {
            const char *dot = strchr(p, '.');
            size_t plen = dot ? (size_t)(dot - p) : strlen(p);
            if (plen == 0) {
                bc_diag_add(d, BC_ERROR, path, f[i].line, f[i].col,
                            _("column name `%s` has an empty part"), nfc);
                ok = false;
                break;
            }
            c->cols[i].path = bc_xrealloc(c->cols[i].path,
                                          (c->cols[i].parts + 1) * sizeof(char *));
            c->cols[i].path[c->cols[i].parts++] = bc_xstrndup(p, plen);
            p += plen + (dot ? 1 : 0);
        }
        for (long j = 0; j < i && ok; j++)
            if (c->cols[j].name && strcmp(c->cols[j].name, nfc) == 0) {
                bc_diag_add(d, BC_ERROR, path, f[i].line, f[i].col,
                            _("column `%s` appears twice"), nfc);
                ok = false;
            }
    }
    S_free_fields(f, cap);
    if (!ok) {
        bc_csv_close(c);
        return NULL;
    }
    return c;
}

/* Sets a dotted path in a map, creating the inner maps. */
static bool S_set_path(bc_arena *a, bc_node *map, const column *col,
                       bc_node *value)
{
    bc_node *m = map;
    for (size_t k = 0; k + 1 < col->parts; k++) {
        bc_entry *e = bc_node_entry(m, col->path[k], strlen(col->path[k]));
        if (!e) {
            bc_node *inner = bc_node_new(a, BC_MAP);
            inner->file = value->file;
            inner->line = value->line;
            inner->col = value->col;
            e = bc_node_set(a, m, col->path[k], strlen(col->path[k]), inner);
            e->line = value->line;
            e->col = value->col;
        } else if (e->value->kind != BC_MAP) {
            return false;
        }
        m = e->value;
    }
    const char *last = col->path[col->parts - 1];
    if (bc_node_entry(m, last, strlen(last)))
        return false;
    bc_entry *e = bc_node_set(a, m, last, strlen(last), value);
    e->line = value->line;
    e->col = value->col;
    return true;
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
    } while (S_blank_record(c->fields, n));
    field *f = c->fields;
    bool ok = true;
    bc_node *map = bc_node_new(a, BC_MAP);
    map->file = c->file;
    map->line = f[0].line;
    map->col = 1;
    if (c->too_many) {
        bc_diag *g = bc_diag_add(c->diags, BC_ERROR, c->file, f[0].line, 1,
                                 _("the row has more than %d cells"), BC_CSV_MAX_FIELDS);
        bc_diag_set_id(g, "E013");
        ok = false;
    }
    for (long i = 0; i < n && (size_t)i < c->ncols && ok; i++) {
        bc_buf *t = &f[i].text;
        if (f[i].too_long) {
            bc_diag *g = bc_diag_add(c->diags, BC_ERROR, c->file, f[i].line, f[i].col,
                                     _("the cell of column `%s` is longer than 1 MB"),
                                     c->cols[i].name);
            bc_diag_set_id(g, "E012");
            ok = false;
            break;
        }
        if (t->len == 0)
            continue; /* an empty cell is absent */
        const char *s = bc_buf_cstr(t);
        size_t bad;
        if (!bc_utf8_valid(s, t->len, &bad)) {
            bc_diag_add(c->diags, BC_ERROR, c->file, f[i].line, f[i].col,
                        _("invalid UTF-8 in column `%s` (byte 0x%02X); save the "
                          "file as UTF-8"),
                        c->cols[i].name, (unsigned char)s[bad]);
            ok = false;
            break;
        }
        size_t off;
        bool is_nfc = true;
        unsigned cp = bc_utf8_screen(s, t->len, &off, &is_nfc);
        if (cp) {
            bc_diag_add(c->diags, BC_ERROR, c->file, f[i].line, f[i].col,
                        _("the value of `%s` contains the control character "
                          "U+%04X, which a document cannot hold"),
                        c->cols[i].name, bc_utf8_shown(cp));
            ok = false;
            break;
        }
        bc_node *v;
        if (is_nfc) {
            v = bc_node_scalar(a, s, t->len);
        } else {
            size_t len;
            char *nfc = bc_utf8_nfc(s, t->len, &len);
            v = bc_node_scalar(a, nfc, len);
            free(nfc);
        }
        v->plain = true;
        v->style = 'p';
        v->file = c->file;
        v->line = f[i].line;
        v->col = f[i].col;
        if (!S_set_path(a, map, &c->cols[i], v)) {
            bc_diag_add(c->diags, BC_ERROR, c->file, f[i].line, f[i].col,
                        _("column `%s` clashes with another column's name"),
                        c->cols[i].name);
            ok = false;
        }
    }
    /* cells past the header: fine when empty (spreadsheets end rows with a
     * separator), an error otherwise; the row's known columns are read
     * first so that the error can name the entry */
    for (long i = (long)c->ncols; i < n && ok; i++)
        if (f[i].text.len) {
            bc_diag_add(c->diags, BC_ERROR, c->file, f[i].line, f[i].col,
                        _("this row has %ld cells but the header names %zu columns"),
                        n, c->ncols);
            ok = false;
        }
    *row = map;
    return ok ? 1 : 2;
}

double bc_csv_progress(const bc_csv *c)
{
    return c->size ? (double)c->consumed / (double)c->size : 0;
}

void bc_csv_close(bc_csv *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ncols; i++) {
        for (size_t k = 0; k < c->cols[i].parts; k++)
            free(c->cols[i].path[k]);
        free(c->cols[i].path);
        free(c->cols[i].name);
    }
    free(c->cols);
    S_free_fields(c->fields, c->field_cap);
    if (c->fp)
        fclose(c->fp);
    free(c->file);
    free(c);
}
