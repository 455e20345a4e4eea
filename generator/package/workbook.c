/*
 * workbook.c - a workbook's sheet as rows (see workbook.h and
 * workbook_int.h): the file's kind told from its content, the sheet named
 * after "#", the cells the readers found laid out in the visible columns.
 */
#include "package/workbook_int.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "package/xml_parse.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ---- names ------------------------------------------------------------------ */

static bool S_ends_with(const char *s, size_t n, const char *ext)
{
    size_t e = strlen(ext);
    return n >= e && strncasecmp(s + n - e, ext, e) == 0;
}

static bool S_workbook_ext(const char *s, size_t n)
{
    return S_ends_with(s, n, ".xlsx") || S_ends_with(s, n, ".xlsm") ||
           S_ends_with(s, n, ".ods");
}

/* Where "#SHEET" starts in a name, or NULL. */
static const char *S_hash(const char *name)
{
    const char *h = strrchr(name, '#');
    return h && S_workbook_ext(name, (size_t)(h - name)) ? h : NULL;
}

bool bc_workbook_is_named(const char *name)
{
    return S_hash(name) || S_workbook_ext(name, strlen(name));
}

bool bc_workbook_sniff(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    unsigned char head[4];
    bool zip = fread(head, 1, 4, fp) == 4 && memcmp(head, "PK\x03\x04", 4) == 0;
    fclose(fp);
    return zip;
}

/* ---- what the readers add ------------------------------------------------------ */

void bc_workbook_sheet(bc_wb_build *b, const char *name)
{
    free(b->w->sheet);
    free(b->w->file);
    b->w->sheet = bc_xstrdup(name);
    b->w->file = bc_diag_sheet_file(b->shown, name);
}

void bc_workbook_cell(bc_wb_build *b, int row, int col, bc_sheet_kind kind,
                      bool boolean, const char *text, size_t len)
{
    if (b->too_big)
        return;
    if (b->count >= BC_WB_MAX_CELLS) {
        b->too_big = true;
        return;
    }
    BC_GROW(b->cells, b->cap, b->count + 1);
    bc_wb_cell *c = &b->cells[b->count++];
    c->row = row;
    c->col = col;
    c->kind = kind;
    c->boolean = boolean;
    c->text = bc_arena_strndup(&b->w->text, text, len);
    c->len = len;
}

void bc_workbook_hide_row(bc_wb_build *b, int row)
{
    BC_GROW(b->hidden_rows, b->hidden_cap, b->nhidden + 1);
    b->hidden_rows[b->nhidden++] = row;
}

void bc_workbook_hide_cols(bc_wb_build *b, int first, int last)
{
    if (first < 1)
        first = 1;
    if (last > BC_SHEET_MAX_CELLS + 1)
        last = BC_SHEET_MAX_CELLS + 1; /* past it every column is refused */
    if (last < first)
        return;
    if ((size_t)last + 1 > b->cols_cap) {
        size_t old = b->cols_cap;
        b->hidden_cols = bc_xrealloc(b->hidden_cols, (size_t)last + 1);
        memset(b->hidden_cols + old, 0, (size_t)last + 1 - old);
        b->cols_cap = (size_t)last + 1;
    }
    for (int c = first; c <= last; c++)
        b->hidden_cols[c] = true;
}

void bc_workbook_merge(bc_wb_build *b, int row1, int col1, int row2, int col2)
{
    BC_GROW(b->merges, b->merges_cap, b->nmerges + 1);
    b->merges[b->nmerges++] = (bc_wb_range){row1, col1, row2, col2};
}

void bc_workbook_error(bc_wb_build *b, int row, int col, const char *fmt, ...)
{
    if (b->errors++ >= BC_WB_MAX_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    bc_diag_vadd(b->d, BC_ERROR, b->w->file, row, col, fmt, ap);
    va_end(ap);
}

bool bc_workbook_is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

char *bc_workbook_attr(const xmlNode *n, const char *name)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0)
            return (char *)xmlNodeGetContent((const xmlNode *)a);
    return NULL;
}

/* The part a reader needs, or NULL after saying the workbook lacks it. */
static const bc_part *S_needed_part(const bc_package *p, const char *part, bc_wb_build *b)
{
    const bc_part *pt = bc_package_find(p, part);
    if (!pt)
        bc_diag_add(b->d, BC_ERROR, b->shown, 0, 0,
                    _("the workbook has no part %s (damaged, or not saved by a "
                      "spreadsheet program)"),
                    part);
    return pt;
}

xmlDocPtr bc_workbook_parse(const bc_package *p, const char *part, bc_wb_build *b)
{
    const bc_part *pt = S_needed_part(p, part, b);
    if (!pt)
        return NULL;
    const char *why = NULL;
    xmlDocPtr doc = bc_xml_parse((const char *)pt->data, pt->len, part, &why);
    if (!doc)
        bc_diag_add(b->d, BC_ERROR, b->shown, 0, 0,
                    _("part %s of the workbook is not well-formed XML: %s"), part,
                    why ? why : "?");
    return doc;
}

int bc_workbook_parse_events(const bc_package *p, const char *part, bc_wb_build *b,
                             xmlSAXHandler *h, void *user)
{
    const bc_part *pt = S_needed_part(p, part, b);
    if (!pt)
        return -1;
    const char *why = NULL;
    if (bc_xml_parse_events((const char *)pt->data, pt->len, part, h, user, &why) == 0)
        return 0;
    bc_diag_add(b->d, BC_ERROR, b->shown, 0, 0,
                _("part %s of the workbook is not well-formed XML: %s"), part,
                why ? why : "?");
    return -1;
}

/* ---- the rows ------------------------------------------------------------------- */

static int S_cell_order(const void *x, const void *y)
{
    const bc_wb_cell *a = x, *b = y;
    if (a->row != b->row)
        return a->row < b->row ? -1 : 1;
    return a->col < b->col ? -1 : a->col > b->col;
}

static bool S_col_hidden(const bc_wb_build *b, int col)
{
    return (size_t)col < b->cols_cap && b->hidden_cols[col];
}

/* The cells laid out in the visible columns, row by row. */
static int S_finish(bc_wb_build *b)
{
    bc_workbook *w = b->w;
    if (b->too_big) {
        bc_diag *g = bc_diag_add(b->d, BC_ERROR, b->shown, 0, 0,
                                 _("the sheet holds more than %d cells; a sheet of "
                                   "reports holds far fewer"),
                                 BC_WB_MAX_CELLS);
        bc_diag_set_id(g, "E013");
        return -1;
    }
    for (size_t i = 1; i < b->count; i++)
        if (S_cell_order(&b->cells[i - 1], &b->cells[i]) > 0) {
            qsort(b->cells, b->count, sizeof *b->cells, S_cell_order);
            break;
        }
    /* the columns: up to the last one holding a value */
    int maxcol = 0;
    for (size_t i = 0; i < b->count; i++)
        if (b->cells[i].col > maxcol && !S_col_hidden(b, b->cells[i].col))
            maxcol = b->cells[i].col;
    if (maxcol > BC_SHEET_MAX_CELLS + 1)
        maxcol = BC_SHEET_MAX_CELLS + 1;
    int *visible = bc_xcalloc((size_t)maxcol + 1, sizeof *visible); /* col -> slot+1 */
    size_t nvis = 0;
    for (int c = 1; c <= maxcol; c++)
        if (!S_col_hidden(b, c))
            visible[c] = (int)++nvis;
    size_t hidden_at = 0;
    for (size_t i = 0; i < b->count;) {
        int row = b->cells[i].row;
        size_t end = i;
        while (end < b->count && b->cells[end].row == row)
            end++;
        while (hidden_at < b->nhidden && b->hidden_rows[hidden_at] < row)
            hidden_at++;
        bool hidden = hidden_at < b->nhidden && b->hidden_rows[hidden_at] == row;
        if (!hidden) {
            bc_sheet_cell *cells = bc_arena_alloc(&w->text, (nvis ? nvis : 1) * sizeof *cells);
            for (int c = 1; c <= maxcol; c++)
                if (visible[c]) {
                    bc_sheet_cell *cell = &cells[visible[c] - 1];
                    cell->text = "";
                    cell->line = row;
                    cell->col = c;
                }
            bool too_many = false;
            for (size_t k = i; k < end; k++) {
                const bc_wb_cell *wc = &b->cells[k];
                if (S_col_hidden(b, wc->col))
                    continue;
                if (wc->col > BC_SHEET_MAX_CELLS) {
                    too_many = too_many || wc->len > 0 || wc->kind == BC_SHEET_BOOL;
                    continue;
                }
                bc_sheet_cell *cell = &cells[visible[wc->col] - 1];
                cell->text = wc->text;
                cell->len = wc->len;
                cell->kind = wc->kind;
                cell->boolean = wc->boolean;
            }
            if (!bc_sheet_row_blank(cells, nvis) || too_many) {
                BC_GROW(w->rows, w->cap, w->count + 1);
                w->rows[w->count++] = (bc_workbook_row){row, cells, nvis, too_many};
            }
        }
        i = end;
    }
    free(visible);
    if (w->count == 0) {
        bc_diag_add(b->d, BC_ERROR, w->file, 0, 0, "%s",
                    _("the sheet is empty: its first row must name the columns "
                      "(dotted keys such as so_lieu.tin_bai), one report a row below"));
        return -1;
    }
    /* a column name takes one cell: merged header cells name nothing */
    int header = w->rows[0].row;
    bool ok = true;
    for (size_t i = 0; i < b->nmerges; i++) {
        const bc_wb_range *m = &b->merges[i];
        if (m->row1 <= header && header <= m->row2) {
            char from[24], to[24];
            bc_diag_cell_name(from, sizeof from, m->row1, m->col1);
            bc_diag_cell_name(to, sizeof to, m->row2, m->col2);
            bc_diag_add(b->d, BC_ERROR, w->file, m->row1, m->col1,
                        _("cells %s:%s of the header row are merged: a column's name "
                          "takes one cell; unmerge them and name each column"),
                        from, to);
            ok = false;
        }
    }
    return ok ? 0 : -1;
}

/* ---- the entry point ----------------------------------------------------------------- */

/* The kind of a zip: 'x' (.xlsx), 'o' (.ods), or 0 with the reason. */
static int S_kind(const bc_package *p, const char **why)
{
    if (bc_package_find(p, "xl/workbook.xml"))
        return 'x';
    const bc_part *m = bc_package_find(p, "mimetype");
    static const char ods[] = "application/vnd.oasis.opendocument.spreadsheet";
    if (m && m->len >= sizeof ods - 1 && memcmp(m->data, ods, sizeof ods - 1) == 0)
        return 'o';
    if (bc_package_find(p, "word/document.xml"))
        *why = _("is a Word document, not a workbook: `danh_sach` names an .xlsx, "
                 ".ods or .csv file");
    else if (m)
        *why = _("is an OpenDocument file that is not a spreadsheet (.odt, .odp): "
                 "`danh_sach` names an .xlsx, .ods or .csv file");
    else
        *why = _("is a zip but not a workbook: `danh_sach` names an .xlsx, .ods or "
                 ".csv file");
    return 0;
}

int bc_workbook_read(bc_workbook *w, const char *spec, bc_diags *d)
{
    memset(w, 0, sizeof *w);
    const char *hash = S_hash(spec);
    char *path = hash ? bc_xstrndup(spec, (size_t)(hash - spec)) : bc_xstrdup(spec);
    const char *sheet = hash ? hash + 1 : NULL;
    int rc = -1;
    bc_package p = BC_PACKAGE_INIT;
    FILE *fp = fopen(path, "rb");
    struct stat st;
    unsigned char head[8] = {0};
    size_t got = 0;
    if (!fp) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        goto done;
    }
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s",
                    _("is not a file (a folder, a device or a pipe): `danh_sach` "
                      "names the workbook of the entries"));
        goto done;
    }
    got = fread(head, 1, sizeof head, fp);
    if (got < 4 || memcmp(head, "PK\x03\x04", 4) != 0) {
        bool xls = got == 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s",
                    xls ? _("is an Excel 97-2003 workbook (.xls), which baocao does not "
                            "read: save it as \"Excel Workbook (.xlsx)\"")
                        : _("is not a workbook: an .xlsx or .ods file is a zip, and "
                            "this one is not (damaged, or another kind of file renamed)"));
        goto done;
    }
    if (bc_package_read_file(&p, path, d) != 0)
        goto done;
    const char *why = NULL;
    int kind = S_kind(&p, &why);
    if (!kind) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", why);
        goto done;
    }
    bc_wb_build b;
    memset(&b, 0, sizeof b);
    b.w = w;
    b.d = d;
    b.shown = path;
    int read = kind == 'x' ? bc_workbook_xlsx_read(&p, sheet, &b) : bc_workbook_ods_read(&p, sheet, &b);
    if (read == 0 && b.errors > 0) {
        if (b.errors > BC_WB_MAX_ERRORS)
            bc_diag_add(d, BC_ERROR, w->file, 0, 0,
                        _("and %zu more cells like these: the workbook is not read"),
                        b.errors - BC_WB_MAX_ERRORS);
        read = -1;
    }
    if (read == 0)
        rc = S_finish(&b);
    free(b.cells);
    free(b.hidden_rows);
    free(b.hidden_cols);
    free(b.merges);
done:
    if (fp)
        fclose(fp);
    bc_package_free(&p);
    free(path);
    if (rc != 0)
        bc_workbook_free(w);
    return rc;
}

void bc_workbook_free(bc_workbook *w)
{
    free(w->file);
    free(w->sheet);
    free(w->rows);
    bc_arena_free(&w->text);
    memset(w, 0, sizeof *w);
}
