/*
 * sheet.c - a spreadsheet's header and rows as batch entries (see
 * sheet.h).
 */
#include "input/sheet.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct column {
    char **path;        /* the dotted name split into parts */
    size_t parts;
    char *name;         /* NFC */
    bool list;          /* a list-valued key: one item a line */
} column;

struct bc_sheet_columns {
    char *file;
    column *cols;
    size_t count;
};

/* The cell without the spaces around it (and without U+00A0, which
 * Excel's cells often end with). */
static void S_trim(const char **s, size_t *n)
{
    const unsigned char *p = (const unsigned char *)*s;
    size_t b = 0, e = *n;
    for (;;) {
        if (b < e && (p[b] == ' ' || p[b] == '\t' || p[b] == '\r' || p[b] == '\n'))
            b++;
        else if (b + 1 < e && p[b] == 0xC2 && p[b + 1] == 0xA0)
            b += 2;
        else
            break;
    }
    for (;;) {
        if (e > b && (p[e - 1] == ' ' || p[e - 1] == '\t' || p[e - 1] == '\r' ||
                      p[e - 1] == '\n'))
            e--;
        else if (e >= b + 2 && p[e - 2] == 0xC2 && p[e - 1] == 0xA0)
            e -= 2;
        else
            break;
    }
    *s += b;
    *n = e - b;
}

bool bc_sheet_row_blank(const bc_sheet_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (cells[i].kind == BC_SHEET_BOOL)
            return false;
        const char *s = cells[i].text;
        size_t len = cells[i].len;
        S_trim(&s, &len);
        if (len)
            return false;
    }
    return true;
}

bc_sheet_columns *bc_sheet_columns_read(const char *file, const bc_sheet_cell *cells,
                                        size_t n, bc_sheet_is_list is_list,
                                        bc_diags *d)
{
    /* the header ends at its last name: the empty cells a spreadsheet
     * leaves after it are no columns */
    size_t named = n;
    while (named > 0) {
        const char *s = cells[named - 1].text;
        size_t len = cells[named - 1].len;
        S_trim(&s, &len);
        if (len)
            break;
        named--;
    }
    if (named == 0) {
        bc_diag_add(d, BC_ERROR, file, 1, 1, "%s",
                    _("the first row must name the columns (dotted keys such as "
                      "so_lieu.tin_bai), and it is empty"));
        return NULL;
    }
    if (named > BC_SHEET_MAX_CELLS) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, file, cells[0].line, cells[0].col,
                                 _("the header names more than %d columns"),
                                 BC_SHEET_MAX_CELLS);
        bc_diag_set_id(g, "E013");
        return NULL;
    }
    bc_sheet_columns *c = bc_xcalloc(1, sizeof *c);
    c->file = bc_xstrdup(file);
    c->count = named;
    c->cols = bc_xcalloc(named, sizeof *c->cols);
    bool ok = true;
    for (size_t i = 0; i < named; i++) {
        const bc_sheet_cell *h = &cells[i];
        const char *name = h->text;
        size_t len = h->len;
        S_trim(&name, &len);
        if (len == 0 || !bc_utf8_valid(name, len, NULL)) {
            bc_diag_add(d, BC_ERROR, file, h->line, h->col,
                        len ? _("column %zu's name is not UTF-8")
                            : _("column %zu has no name, and a column after it has "
                                "one: name every column, or delete the empty one"),
                        i + 1);
            ok = false;
            continue;
        }
        if (memchr(name, '\0', len)) {
            bc_diag_add(d, BC_ERROR, file, h->line, h->col,
                        _("column %zu's name holds the character U+0000"), i + 1);
            ok = false;
            continue;
        }
        size_t nfc_len;
        char *nfc = bc_utf8_nfc(name, len, &nfc_len);
        c->cols[i].name = nfc;
        for (const char *p = nfc; *p;) {
            const char *dot = strchr(p, '.');
            size_t plen = dot ? (size_t)(dot - p) : strlen(p);
            if (plen == 0 || (dot && !dot[1])) {
                bc_diag_add(d, BC_ERROR, file, h->line, h->col,
                            _("column name `%s` has an empty part"), nfc);
                ok = false;
                break;
            }
            c->cols[i].path = bc_xrealloc(c->cols[i].path,
                                          (c->cols[i].parts + 1) * sizeof(char *));
            c->cols[i].path[c->cols[i].parts++] = bc_xstrndup(p, plen);
            p += plen + (dot ? 1 : 0);
        }
        c->cols[i].list = is_list && is_list(nfc);
        for (size_t j = 0; j < i && ok; j++)
            if (c->cols[j].name && strcmp(c->cols[j].name, nfc) == 0) {
                bc_diag_add(d, BC_ERROR, file, h->line, h->col,
                            _("column `%s` appears twice"), nfc);
                ok = false;
            }
    }
    if (!ok) {
        bc_sheet_columns_free(c);
        return NULL;
    }
    return c;
}

size_t bc_sheet_columns_count(const bc_sheet_columns *c)
{
    return c->count;
}

/* Sets a dotted path in a map, creating the inner maps. */
static bool S_set_path(bc_arena *a, bc_node *map, const column *col, bc_node *value)
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

/* A text scalar of the cell: checked (UTF-8, characters a document can
 * hold), NFC, its line ends made "\n". NULL after a diagnostic. */
static bc_node *S_text(bc_arena *a, const char *file, const column *col,
                       const bc_sheet_cell *cell, const char *s, size_t n, bc_diags *d)
{
    size_t bad;
    if (!bc_utf8_valid(s, n, &bad)) {
        bc_diag_add(d, BC_ERROR, file, cell->line, cell->col,
                    _("invalid UTF-8 in column `%s` (byte 0x%02X); save the file as "
                      "UTF-8"),
                    col->name, (unsigned char)s[bad]);
        return NULL;
    }
    bc_buf lf = BC_BUF_INIT;
    if (memchr(s, '\r', n)) {
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '\r') {
                bc_buf_putc(&lf, '\n');
                if (i + 1 < n && s[i + 1] == '\n')
                    i++;
            } else {
                bc_buf_putc(&lf, s[i]);
            }
        }
        s = bc_buf_cstr(&lf);
        n = lf.len;
    }
    size_t off;
    bool is_nfc = true;
    unsigned cp = bc_utf8_screen(s, n, &off, &is_nfc);
    bc_node *v = NULL;
    if (cp) {
        bc_diag_add(d, BC_ERROR, file, cell->line, cell->col,
                    _("the value of `%s` contains the control character U+%04X, which "
                      "a document cannot hold"),
                    col->name, bc_utf8_shown(cp));
    } else if (is_nfc) {
        v = bc_node_scalar(a, s, n);
    } else {
        size_t len;
        char *nfc = bc_utf8_nfc(s, n, &len);
        v = bc_node_scalar(a, nfc, len);
        free(nfc);
    }
    bc_buf_free(&lf);
    if (v) {
        v->plain = true;
        v->style = 'p';
        v->file = file;
        v->line = cell->line;
        v->col = cell->col;
    }
    return v;
}

/* The node of a cell, NULL after a diagnostic; *absent for an empty one. */
static bc_node *S_cell(bc_arena *a, const char *file, const column *col,
                       const bc_sheet_cell *cell, bool *absent, bc_diags *d)
{
    *absent = false;
    if (cell->too_long) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, file, cell->line, cell->col,
                                 _("the cell of column `%s` is longer than 1 MB"),
                                 col->name);
        bc_diag_set_id(g, "E012");
        return NULL;
    }
    if (cell->kind == BC_SHEET_BOOL) {
        bc_node *v = bc_node_new(a, BC_BOOL);
        v->boolean = cell->boolean;
        v->plain = true;
        v->file = file;
        v->line = cell->line;
        v->col = cell->col;
        return v;
    }
    const char *s = cell->text;
    size_t n = cell->len;
    S_trim(&s, &n);
    if (n == 0) {
        *absent = true; /* an empty cell is absent */
        return NULL;
    }
    if (!col->list || (!memchr(s, '\n', n) && !memchr(s, '\r', n)))
        return S_text(a, file, col, cell, s, n, d);
    /* Alt+Enter in a list-valued key's cell: one item a line */
    bc_node *list = bc_node_new(a, BC_LIST);
    list->file = file;
    list->line = cell->line;
    list->col = cell->col;
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && s[e] != '\n' && s[e] != '\r')
            e++;
        const char *item = s + i;
        size_t len = e - i;
        S_trim(&item, &len);
        if (len) {
            bc_node *v = S_text(a, file, col, cell, item, len, d);
            if (!v)
                return NULL;
            bc_node_push(a, list, v);
        }
        i = e + 1;
    }
    return list;
}

int bc_sheet_row(const bc_sheet_columns *c, bc_arena *a, const bc_sheet_cell *cells,
                 size_t n, int row_line, bool too_many, bc_node **row, bc_diags *d)
{
    const char *file = c->file;
    bool ok = true;
    bc_node *map = bc_node_new(a, BC_MAP);
    map->file = file;
    map->line = row_line;
    /* a CSV row at its first character; a workbook's row as a row (what
     * it lacks is in no one cell) */
    map->col = n > 0 && cells[0].line == row_line && !strchr(file, BC_DIAG_SHEET) ? 1 : 0;
    *row = map;
    if (too_many) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, file, row_line, map->col,
                                 _("the row has more than %d cells"), BC_SHEET_MAX_CELLS);
        bc_diag_set_id(g, "E013");
        ok = false;
    }
    for (size_t i = 0; i < n && i < c->count && ok; i++) {
        bool absent;
        bc_node *v = S_cell(a, file, &c->cols[i], &cells[i], &absent, d);
        if (absent)
            continue;
        if (!v) {
            ok = false;
            break;
        }
        if (!S_set_path(a, map, &c->cols[i], v)) {
            bc_diag_add(d, BC_ERROR, file, cells[i].line, cells[i].col,
                        _("column `%s` clashes with another column's name"),
                        c->cols[i].name);
            ok = false;
        }
    }
    /* cells past the header's last name: fine when empty, an error
     * otherwise; the row's named columns are read first so that the
     * error can name the entry */
    for (size_t i = c->count; i < n && ok; i++) {
        const char *s = cells[i].text;
        size_t len = cells[i].len;
        S_trim(&s, &len);
        if (len || cells[i].kind == BC_SHEET_BOOL) {
            bc_diag_add(d, BC_ERROR, file, cells[i].line, cells[i].col,
                        _("this cell holds a value, but the header row names only "
                          "%zu columns: name its column, or empty the cell"),
                        c->count);
            ok = false;
        }
    }
    return ok ? 1 : 2;
}

void bc_sheet_columns_free(bc_sheet_columns *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->count; i++) {
        for (size_t k = 0; k < c->cols[i].parts; k++)
            free(c->cols[i].path[k]);
        free(c->cols[i].path);
        free(c->cols[i].name);
    }
    free(c->cols);
    free(c->file);
    free(c);
}
