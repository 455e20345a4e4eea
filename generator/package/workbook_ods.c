/*
 * workbook_ods.c - a sheet of a LibreOffice Calc workbook (OpenDocument
 * spreadsheet; see workbook_int.h). content.xml holds the sheets
 * (table:table), their columns, rows and cells, each cell's value typed
 * (office:value-type) beside the text shown; the data styles of
 * content.xml and styles.xml say how a number is shown. Runs of equal
 * rows and cells are written once with a repeat count, the empty ones
 * that fill a sheet to its end among them: they are counted, not made.
 */
#include "package/workbook_int.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct data_style {
    char *name;              /* a data style's or a cell style's name */
    char *data;              /* a cell style: its data style's name */
    bc_wb_format f;
} data_style;

typedef struct col_style {
    int first, last;
    char *style;             /* the column's default cell style */
} col_style;

typedef struct ods {
    bc_wb_build *b;
    data_style *styles;
    size_t nstyles, cap;
    col_style *cols;
    size_t ncols, cols_cap;
} ods;

static int S_int_attr(const xmlNode *n, const char *name, int dflt)
{
    char *v = bc_workbook_attr(n, name);
    int i = v ? atoi(v) : dflt;
    xmlFree(v);
    return i > 0 ? i : dflt;
}

/* The attribute of that local name in a namespace whose URI holds `ns`. */
static char *S_attr_ns(const xmlNode *n, const char *name, const char *ns)
{
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->ns && a->ns->href &&
            strstr((const char *)a->ns->href, ns))
            return (char *)xmlNodeGetContent((const xmlNode *)a);
    return NULL;
}

/* ---- styles ------------------------------------------------------------------- */

static void S_add_style(ods *o, const xmlNode *n, const char *data, bc_wb_format f)
{
    char *name = bc_workbook_attr(n, "name");
    if (!name)
        return;
    BC_GROW(o->styles, o->cap, o->nstyles + 1);
    data_style *s = &o->styles[o->nstyles++];
    s->name = bc_xstrdup(name);
    s->data = data ? bc_xstrdup(data) : NULL;
    s->f = f;
    xmlFree(name);
}

/* The data styles and cell styles below a styles element. */
static void S_styles_in(ods *o, const xmlNode *parent)
{
    for (const xmlNode *n = parent ? parent->children : NULL; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        bc_wb_format f = BC_WB_FORMAT_GENERAL;
        const char *kind = (const char *)n->name;
        if (strcmp(kind, "style") == 0) {
            char *data = bc_workbook_attr(n, "data-style-name");
            if (data)
                S_add_style(o, n, data, f);
            xmlFree(data);
            continue;
        }
        bool number = strcmp(kind, "number-style") == 0 || strcmp(kind, "currency-style") == 0;
        bool percent = strcmp(kind, "percentage-style") == 0;
        if (strcmp(kind, "date-style") == 0 || strcmp(kind, "time-style") == 0) {
            f.date = kind[0] == 'd';
            for (const xmlNode *c = n->children; c; c = c->next)
                if (bc_workbook_is(c, "hours"))
                    f.time = true;
            S_add_style(o, n, NULL, f);
            continue;
        }
        if (!number && !percent)
            continue;
        for (const xmlNode *c = n->children; c; c = c->next) {
            if (!bc_workbook_is(c, "number"))
                continue;
            f.decimals = S_int_attr(c, "decimal-places", 0);
            char *g = bc_workbook_attr(c, "grouping");
            f.grouped = g && strcmp(g, "true") == 0;
            xmlFree(g);
        }
        f.percent = percent;
        S_add_style(o, n, NULL, f);
    }
}

static const data_style *S_find(const ods *o, const char *name)
{
    for (size_t i = o->nstyles; i-- > 0;)
        if (strcmp(o->styles[i].name, name) == 0)
            return &o->styles[i];
    return NULL;
}

/* The format of a cell style (through its data style). */
static bc_wb_format S_format(const ods *o, const char *cell_style)
{
    bc_wb_format general = BC_WB_FORMAT_GENERAL;
    const data_style *s = cell_style ? S_find(o, cell_style) : NULL;
    if (s && s->data)
        s = S_find(o, s->data);
    return s && !s->data ? s->f : general;
}

/* ---- text --------------------------------------------------------------------- */

/* The text of a paragraph's children: spaces (text:s), tabs, line
 * breaks, spans and links; comments (office:annotation) left out. */
static void S_text(const xmlNode *n, bc_buf *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            bc_buf_puts(out, (const char *)c->content);
        } else if (c->type == XML_ELEMENT_NODE) {
            const char *nm = (const char *)c->name;
            if (strcmp(nm, "annotation") == 0)
                continue;
            if (strcmp(nm, "s") == 0) {
                int k = S_int_attr(c, "c", 1);
                for (int i = 0; i < k && i < 1000; i++)
                    bc_buf_putc(out, ' ');
            } else if (strcmp(nm, "tab") == 0) {
                bc_buf_putc(out, '\t');
            } else if (strcmp(nm, "line-break") == 0) {
                bc_buf_putc(out, '\n');
            } else {
                S_text(c, out);
            }
        }
    }
}

/* ---- the sheet ------------------------------------------------------------------ */

/* The value of a cell as shown, into t; false for an empty cell. */
static bool S_value(ods *o, const xmlNode *c, int row, int col, bc_buf *t,
                    bc_sheet_kind *kind, bool *boolean)
{
    bc_wb_build *b = o->b;
    bc_buf_clear(t);
    *kind = BC_SHEET_NUMBER;
    *boolean = false;
    char *err = S_attr_ns(c, "value-type", "calcext");
    bool is_error = err && strcmp(err, "error") == 0;
    xmlFree(err);
    if (is_error) {
        bc_buf shown = BC_BUF_INIT;
        for (const xmlNode *p = c->children; p; p = p->next)
            if (bc_workbook_is(p, "p"))
                S_text(p, &shown);
        bc_workbook_error(b, row, col,
                          _("the cell holds the error %s: correct the formula or the "
                            "value it uses, or empty the cell"),
                          shown.len ? bc_buf_cstr(&shown) : "#VALUE!");
        bc_buf_free(&shown);
        return false;
    }
    char *type = S_attr_ns(c, "value-type", "office");
    bool got = true;
    if (type && (strcmp(type, "float") == 0 || strcmp(type, "percentage") == 0 ||
                 strcmp(type, "currency") == 0)) {
        char *v = bc_workbook_attr(c, "value");
        double num;
        char *style = bc_workbook_attr(c, "style-name");
        if (!style)
            for (size_t i = 0; i < o->ncols; i++)
                if (o->cols[i].first <= col && col <= o->cols[i].last && o->cols[i].style)
                    style = (char *)xmlStrdup((const xmlChar *)o->cols[i].style);
        bc_wb_format f = S_format(o, style);
        xmlFree(style);
        if (!v || !bc_workbook_format_read_double(v, &num)) {
            bc_workbook_error(b, row, col, _("the cell's number `%s` cannot be read "
                                             "(damaged)"),
                              v ? v : "");
            got = false;
        } else {
            if (strcmp(type, "percentage") == 0)
                f.percent = true;
            bc_workbook_format_number(t, num, &f);
        }
        xmlFree(v);
    } else if (type && strcmp(type, "date") == 0) {
        char *v = bc_workbook_attr(c, "date-value");
        size_t n = v ? strlen(v) : 0;
        bc_buf_put(t, v ? v : "", n >= 10 ? 10 : n);
        if (n >= 16 && v[10] == 'T' && strncmp(v + 11, "00:00", 5) != 0) {
            bc_buf_putc(t, ' ');
            bc_buf_put(t, v + 11, 5);
        }
        xmlFree(v);
    } else if (type && strcmp(type, "time") == 0) {
        char *v = bc_workbook_attr(c, "time-value"); /* PT13H30M00S */
        int h = 0, m = 0;
        if (v && sscanf(v, "PT%dH%dM", &h, &m) == 2)
            bc_buf_printf(t, "%02d:%02d", h, m);
        xmlFree(v);
    } else if (type && strcmp(type, "boolean") == 0) {
        char *v = bc_workbook_attr(c, "boolean-value");
        *kind = BC_SHEET_BOOL;
        *boolean = v && strcmp(v, "true") == 0;
        xmlFree(v);
    } else {
        *kind = BC_SHEET_TEXT;
        char *sv = type ? bc_workbook_attr(c, "string-value") : NULL;
        if (sv) {
            bc_buf_puts(t, sv);
        } else {
            bool first = true;
            for (const xmlNode *p = c->children; p; p = p->next)
                if (bc_workbook_is(p, "p")) {
                    if (!first)
                        bc_buf_putc(t, '\n');
                    S_text(p, t);
                    first = false;
                }
        }
        xmlFree(sv);
        got = t->len > 0;
    }
    xmlFree(type);
    return got;
}

static bool S_collapsed(const xmlNode *n)
{
    char *v = bc_workbook_attr(n, "visibility");
    bool hidden = v && (strcmp(v, "collapse") == 0 || strcmp(v, "filter") == 0);
    xmlFree(v);
    return hidden;
}

/* The columns below a table or a column group. */
static void S_columns(ods *o, const xmlNode *parent, int *col)
{
    for (const xmlNode *n = parent->children; n; n = n->next) {
        if (bc_workbook_is(n, "table-column")) {
            int rep = S_int_attr(n, "number-columns-repeated", 1);
            if (S_collapsed(n))
                bc_workbook_hide_cols(o->b, *col, *col + rep - 1);
            char *style = bc_workbook_attr(n, "default-cell-style-name");
            if (style && strcmp(style, "Default") != 0) {
                BC_GROW(o->cols, o->cols_cap, o->ncols + 1);
                o->cols[o->ncols++] = (col_style){*col, *col + rep - 1, bc_xstrdup(style)};
            }
            xmlFree(style);
            *col += rep;
            if (*col > BC_SHEET_MAX_CELLS + 2)
                *col = BC_SHEET_MAX_CELLS + 2;
        } else if (bc_workbook_is(n, "table-header-columns") || bc_workbook_is(n, "table-columns") ||
                   bc_workbook_is(n, "table-column-group")) {
            S_columns(o, n, col);
        }
    }
}

/* One row's cells at `row`; the number of cells added. */
static size_t S_row(ods *o, const xmlNode *r, int row, bc_buf *t)
{
    bc_wb_build *b = o->b;
    size_t before = b->count;
    int col = 1;
    for (const xmlNode *c = r->children; c && col <= BC_SHEET_MAX_CELLS + 1; c = c->next) {
        bool covered = bc_workbook_is(c, "covered-table-cell");
        if (!bc_workbook_is(c, "table-cell") && !covered)
            continue;
        int rep = S_int_attr(c, "number-columns-repeated", 1);
        if (!covered) {
            int cs = S_int_attr(c, "number-columns-spanned", 1);
            int rs = S_int_attr(c, "number-rows-spanned", 1);
            if (cs > 1 || rs > 1)
                bc_workbook_merge(b, row, col, row + rs - 1, col + cs - 1);
            bc_sheet_kind kind;
            bool boolean;
            if (S_value(o, c, row, col, t, &kind, &boolean))
                for (int k = 0; k < rep && col + k <= BC_SHEET_MAX_CELLS + 1 && !b->too_big; k++)
                    bc_workbook_cell(b, row, col + k, kind, boolean, t->data ? t->data : "",
                                     t->len);
        }
        col = rep > BC_SHEET_MAX_CELLS + 1 - col ? BC_SHEET_MAX_CELLS + 2 : col + rep;
    }
    return b->count - before;
}

/* The rows below a table or a row group, from *row on. */
static void S_rows(ods *o, const xmlNode *parent, int *row, bc_buf *t)
{
    bc_wb_build *b = o->b;
    for (const xmlNode *n = parent->children; n && !b->too_big; n = n->next) {
        if (bc_workbook_is(n, "table-row")) {
            int rep = S_int_attr(n, "number-rows-repeated", 1);
            bool hidden = S_collapsed(n);
            size_t first = b->count;
            size_t added = S_row(o, n, *row, t);
            if (hidden && added)
                bc_workbook_hide_row(b, *row);
            /* the same row again: its cells copied (an empty one only counted) */
            for (int k = 1; k < rep && added && !b->too_big; k++) {
                if (hidden)
                    bc_workbook_hide_row(b, *row + k);
                for (size_t i = 0; i < added && !b->too_big; i++) {
                    bc_wb_cell c = b->cells[first + i];
                    bc_workbook_cell(b, *row + k, c.col, c.kind, c.boolean, c.text, c.len);
                }
            }
            *row = rep > 1048576 - *row ? 1048577 : *row + rep;
        } else if (bc_workbook_is(n, "table-header-rows") || bc_workbook_is(n, "table-rows") ||
                   bc_workbook_is(n, "table-row-group")) {
            S_rows(o, n, row, t);
        }
    }
}

/* The table:table named `want` (NULL: the first); *names lists them all. */
static const xmlNode *S_table(const xmlNode *root, const char *want, bc_buf *names)
{
    const xmlNode *body = NULL, *sheet = NULL;
    for (const xmlNode *n = root->children; n && !body; n = n->next)
        if (bc_workbook_is(n, "body"))
            body = n;
    for (const xmlNode *n = body ? body->children : NULL; n && !sheet; n = n->next)
        if (bc_workbook_is(n, "spreadsheet"))
            sheet = n;
    const xmlNode *found = NULL;
    for (const xmlNode *n = sheet ? sheet->children : NULL; n; n = n->next) {
        if (!bc_workbook_is(n, "table"))
            continue;
        char *nm = bc_workbook_attr(n, "name");
        if (!found && (!want || (nm && strcmp(nm, want) == 0)))
            found = n;
        bc_buf_printf(names, "%s\"%s\"", names->len ? ", " : "", nm ? nm : "");
        xmlFree(nm);
    }
    return found;
}

int bc_workbook_ods_read(const bc_package *p, const char *sheet, bc_wb_build *b)
{
    ods o;
    memset(&o, 0, sizeof o);
    o.b = b;
    if (bc_package_find(p, "styles.xml")) {
        xmlDocPtr st = bc_workbook_parse(p, "styles.xml", b);
        if (!st)
            return -1;
        for (const xmlNode *n = xmlDocGetRootElement(st)->children; n; n = n->next)
            if (bc_workbook_is(n, "styles") || bc_workbook_is(n, "automatic-styles"))
                S_styles_in(&o, n);
        xmlFreeDoc(st);
    }
    xmlDocPtr doc = bc_workbook_parse(p, "content.xml", b);
    int rc = -1;
    if (doc) {
        const xmlNode *root = xmlDocGetRootElement(doc);
        for (const xmlNode *n = root->children; n; n = n->next)
            if (bc_workbook_is(n, "automatic-styles"))
                S_styles_in(&o, n);
        bc_buf names = BC_BUF_INIT;
        const xmlNode *table = S_table(root, sheet, &names);
        if (!table) {
            if (sheet)
                bc_diag_add(b->d, BC_ERROR, b->shown, 0, 0,
                            _("the workbook has no sheet \"%s\" (its sheets: %s)"), sheet,
                            names.len ? bc_buf_cstr(&names) : "-");
            else
                bc_diag_add(b->d, BC_ERROR, b->shown, 0, 0, "%s",
                            _("the workbook has no visible sheet"));
        } else {
            char *nm = bc_workbook_attr(table, "name");
            bc_workbook_sheet(b, nm ? nm : "");
            xmlFree(nm);
            int col = 1, row = 1;
            S_columns(&o, table, &col);
            bc_buf t = BC_BUF_INIT;
            S_rows(&o, table, &row, &t);
            bc_buf_free(&t);
            rc = 0;
        }
        bc_buf_free(&names);
        xmlFreeDoc(doc);
    }
    for (size_t i = 0; i < o.nstyles; i++) {
        free(o.styles[i].name);
        free(o.styles[i].data);
    }
    free(o.styles);
    for (size_t i = 0; i < o.ncols; i++)
        free(o.cols[i].style);
    free(o.cols);
    return rc;
}
