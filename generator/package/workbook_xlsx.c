/*
 * workbook_xlsx.c - a sheet of an Excel workbook (ECMA-376 SpreadsheetML;
 * see workbook_int.h). The workbook part lists the sheets and their
 * relationships name their parts; the shared strings, the cell formats
 * (styles.xml) and the sheet's rows, columns and merged cells are read
 * from the parts' trees. Elements are matched by local name, so the
 * transitional and the strict namespaces read alike.
 */
#include "package/workbook_int.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

typedef struct xlsx {
    bc_wb_build *b;
    char **strings;          /* the shared strings */
    size_t *string_lens;
    size_t nstrings, strings_cap;
    bc_wb_format *formats;   /* by cell format index (the s of a cell) */
    size_t nformats;
    bool date1904;
} xlsx;

/* The first child element of that local name, or NULL. */
static xmlNode *S_child(const xmlNode *n, const char *name)
{
    for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
        if (bc_workbook_is(c, name))
            return c;
    return NULL;
}

/* Text of a string item (<si>, <is>): every <t> but those of phonetic
 * runs (<rPh>), Excel's _xHHHH_ escapes undone. */
static void S_text(const xmlNode *n, bc_buf *out)
{
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_workbook_is(c, "rPh"))
            continue;
        if (!bc_workbook_is(c, "t")) {
            S_text(c, out);
            continue;
        }
        xmlChar *t = xmlNodeGetContent(c);
        for (const char *p = (const char *)t; p && *p; p++) {
            unsigned cp;
            if (p[0] == '_' && p[1] == 'x' && strlen(p) >= 7 && p[6] == '_' &&
                sscanf(p + 2, "%4x", &cp) == 1 && strspn(p + 2, "0123456789abcdefABCDEF") >= 4 &&
                (cp < 0xD800 || cp > 0xDFFF) /* half of a pair: kept as written */) {
                if (cp == 0x0D) {
                    /* a carriage return: the line break follows */
                } else if (cp < 0x80) {
                    bc_buf_putc(out, (char)cp);
                } else if (cp < 0x800) {
                    bc_buf_putc(out, (char)(0xC0 | (cp >> 6)));
                    bc_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
                } else {
                    bc_buf_putc(out, (char)(0xE0 | (cp >> 12)));
                    bc_buf_putc(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
                    bc_buf_putc(out, (char)(0x80 | (cp & 0x3F)));
                }
                p += 6;
                continue;
            }
            bc_buf_putc(out, *p);
        }
        xmlFree(t);
    }
}

static int S_shared_strings(xlsx *x, const bc_package *p, const char *part)
{
    if (!bc_package_find(p, part))
        return 0; /* a workbook of numbers only */
    xmlDocPtr doc = bc_workbook_parse(p, part, x->b);
    if (!doc)
        return -1;
    bc_buf t = BC_BUF_INIT;
    for (xmlNode *si = xmlDocGetRootElement(doc)->children; si; si = si->next) {
        if (!bc_workbook_is(si, "si"))
            continue;
        bc_buf_clear(&t);
        S_text(si, &t);
        BC_GROW(x->strings, x->strings_cap, x->nstrings + 1);
        x->string_lens = bc_xrealloc(x->string_lens, x->strings_cap * sizeof(size_t));
        x->strings[x->nstrings] = bc_arena_strndup(&x->b->w->text, t.data ? t.data : "",
                                                   t.len);
        x->string_lens[x->nstrings++] = t.len;
    }
    bc_buf_free(&t);
    xmlFreeDoc(doc);
    return 0;
}

/* The number format of every cell format (cellXfs), custom codes from
 * numFmts, the others Excel's built-in ones. */
static int S_styles(xlsx *x, const bc_package *p, const char *part)
{
    if (!bc_package_find(p, part))
        return 0;
    xmlDocPtr doc = bc_workbook_parse(p, part, x->b);
    if (!doc)
        return -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *fmts = S_child(root, "numFmts");
    xmlNode *xfs = S_child(root, "cellXfs");
    for (xmlNode *xf = xfs ? xfs->children : NULL; xf; xf = xf->next) {
        if (!bc_workbook_is(xf, "xf"))
            continue;
        char *id_text = bc_workbook_attr(xf, "numFmtId");
        int id = id_text ? atoi(id_text) : 0;
        xmlFree(id_text);
        bc_wb_format f = BC_WB_FORMAT_GENERAL;
        bool custom = false;
        for (xmlNode *nf = fmts ? fmts->children : NULL; nf && !custom; nf = nf->next) {
            if (!bc_workbook_is(nf, "numFmt"))
                continue;
            char *nid = bc_workbook_attr(nf, "numFmtId");
            if (nid && atoi(nid) == id) {
                char *code = bc_workbook_attr(nf, "formatCode");
                bc_workbook_format_code(code, &f);
                xmlFree(code);
                custom = true;
            }
            xmlFree(nid);
        }
        if (!custom)
            bc_workbook_format_builtin(id, &f);
        x->formats = bc_xrealloc(x->formats, (x->nformats + 1) * sizeof *x->formats);
        x->formats[x->nformats++] = f;
    }
    xmlFreeDoc(doc);
    return 0;
}

/* "C5" as its column and row; false when it is not a cell reference. */
static bool S_ref(const char *r, int *row, int *col)
{
    int c = 0, n = 0;
    const char *p = r;
    while (*p >= 'A' && *p <= 'Z' && c <= 1000000)
        c = c * 26 + (*p++ - 'A' + 1);
    if (p == r)
        return false;
    while (*p >= '0' && *p <= '9' && n <= 10000000)
        n = n * 10 + (*p++ - '0');
    if (*p || n == 0)
        return false;
    *row = n;
    *col = c;
    return true;
}

/* A part named by a relationship of the workbook: "worksheets/sheet1.xml"
 * is under xl/, "/xl/worksheets/sheet1.xml" absolute. malloc'd. */
static char *S_target(const char *target)
{
    if (target[0] == '/')
        return bc_xstrdup(target + 1);
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "xl/%s", target);
    return bc_buf_detach(&b, NULL);
}

/* The part of the sheet named `want` (NULL: the first visible sheet);
 * *name gets its name. malloc'd, or NULL after a diagnostic. */
static char *S_sheet_part(xlsx *x, const bc_package *p, const char *want, char **name)
{
    xmlDocPtr wb = bc_workbook_parse(p, "xl/workbook.xml", x->b);
    if (!wb)
        return NULL;
    xmlNode *root = xmlDocGetRootElement(wb);
    xmlNode *pr = S_child(root, "workbookPr");
    char *d1904 = pr ? bc_workbook_attr(pr, "date1904") : NULL;
    x->date1904 = d1904 && (strcmp(d1904, "1") == 0 || strcmp(d1904, "true") == 0);
    xmlFree(d1904);
    char *rid = NULL;
    bc_buf names = BC_BUF_INIT;
    xmlNode *sheets = S_child(root, "sheets");
    for (xmlNode *s = sheets ? sheets->children : NULL; s && !rid; s = s->next) {
        if (!bc_workbook_is(s, "sheet"))
            continue;
        char *nm = bc_workbook_attr(s, "name");
        char *state = bc_workbook_attr(s, "state");
        bool visible = !state || strcmp(state, "visible") == 0;
        if (nm && (want ? strcmp(nm, want) == 0 : visible)) {
            rid = bc_workbook_attr(s, "id"); /* r:id */
            *name = bc_xstrdup(nm);
        }
        if (nm)
            bc_buf_printf(&names, "%s\"%s\"", names.len ? ", " : "", nm);
        xmlFree(nm);
        xmlFree(state);
    }
    xmlFreeDoc(wb);
    if (!rid) {
        if (want)
            bc_diag_add(x->b->d, BC_ERROR, x->b->shown, 0, 0,
                        _("the workbook has no sheet \"%s\" (its sheets: %s)"), want,
                        names.len ? bc_buf_cstr(&names) : "-");
        else
            bc_diag_add(x->b->d, BC_ERROR, x->b->shown, 0, 0, "%s",
                        _("the workbook has no visible sheet"));
        bc_buf_free(&names);
        return NULL;
    }
    bc_buf_free(&names);
    char *part = NULL;
    xmlDocPtr rels = bc_workbook_parse(p, "xl/_rels/workbook.xml.rels", x->b);
    if (rels) {
        for (xmlNode *r = xmlDocGetRootElement(rels)->children; r && !part; r = r->next) {
            if (!bc_workbook_is(r, "Relationship"))
                continue;
            char *id = bc_workbook_attr(r, "Id");
            char *target = bc_workbook_attr(r, "Target");
            if (id && target && strcmp(id, rid) == 0)
                part = S_target(target);
            xmlFree(id);
            xmlFree(target);
        }
        xmlFreeDoc(rels);
        if (!part)
            bc_diag_add(x->b->d, BC_ERROR, x->b->shown, 0, 0,
                        _("the workbook names no part for sheet \"%s\" (damaged)"), *name);
    }
    xmlFree(rid);
    return part;
}

/* One cell <c>: its value as shown. */
static void S_cell(xlsx *x, const xmlNode *c, int row, int col, bc_buf *t)
{
    bc_wb_build *b = x->b;
    char *type = bc_workbook_attr(c, "t");
    char *style = bc_workbook_attr(c, "s");
    xmlNode *v = S_child(c, "v");
    xmlNode *f = S_child(c, "f");
    xmlChar *value = v ? xmlNodeGetContent(v) : NULL;
    const char *val = (const char *)value;
    const char *ty = type ? type : "n";
    bc_buf_clear(t);
    if (strcmp(ty, "inlineStr") == 0) {
        xmlNode *is = S_child(c, "is");
        if (is)
            S_text(is, t);
        bc_workbook_cell(b, row, col, BC_SHEET_TEXT, false, t->data ? t->data : "", t->len);
    } else if (f && !v) {
        bc_workbook_error(b, row, col, "%s",
                          _("the cell's formula was saved without its value: open the "
                            "workbook in Excel or LibreOffice and save it again"));
    } else if (!v) {
        /* a formatted empty cell */
    } else if (strcmp(ty, "s") == 0) {
        char *end;
        unsigned long i = strtoul(val, &end, 10);
        if (*end || end == val || i >= x->nstrings)
            bc_workbook_error(b, row, col, _("the cell names shared string %s, which the "
                                             "workbook does not hold (damaged)"),
                              val);
        else
            bc_workbook_cell(b, row, col, BC_SHEET_TEXT, false, x->strings[i],
                             x->string_lens[i]);
    } else if (strcmp(ty, "str") == 0) {
        bc_workbook_cell(b, row, col, BC_SHEET_TEXT, false, val, strlen(val));
    } else if (strcmp(ty, "b") == 0) {
        bc_workbook_cell(b, row, col, BC_SHEET_BOOL, strcmp(val, "1") == 0, "", 0);
    } else if (strcmp(ty, "e") == 0) {
        bc_workbook_error(b, row, col,
                          _("the cell holds the error %s: correct the formula or the "
                            "value it uses, or empty the cell"),
                          val);
    } else if (strcmp(ty, "d") == 0) { /* an ISO 8601 date written as such */
        size_t n = strlen(val);
        bc_workbook_cell(b, row, col, BC_SHEET_NUMBER, false, val, n >= 10 ? 10 : n);
    } else {
        double num;
        size_t si = style ? (size_t)strtoul(style, NULL, 10) : 0;
        bc_wb_format fmt = BC_WB_FORMAT_GENERAL;
        if (si < x->nformats)
            fmt = x->formats[si];
        if (!bc_workbook_format_read_double(val, &num)) {
            bc_workbook_error(b, row, col, _("the cell's number `%s` cannot be read "
                                             "(damaged)"),
                              val);
        } else if (fmt.date || fmt.time) {
            if (bc_workbook_format_serial(t, num, x->date1904, &fmt))
                bc_workbook_cell(b, row, col, BC_SHEET_NUMBER, false, t->data, t->len);
            else
                bc_workbook_error(b, row, col, "%s",
                                  _("the cell is formatted as a date but its value is "
                                    "no date (before 1900 or negative)"));
        } else {
            bc_workbook_format_number(t, num, &fmt);
            bc_workbook_cell(b, row, col, BC_SHEET_NUMBER, false, t->data, t->len);
        }
    }
    xmlFree(value);
    xmlFree(type);
    xmlFree(style);
}

static int S_sheet(xlsx *x, const bc_package *p, const char *part)
{
    bc_wb_build *b = x->b;
    xmlDocPtr doc = bc_workbook_parse(p, part, b);
    if (!doc)
        return -1;
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *cols = S_child(root, "cols");
    for (xmlNode *c = cols ? cols->children : NULL; c; c = c->next) {
        if (!bc_workbook_is(c, "col"))
            continue;
        char *hidden = bc_workbook_attr(c, "hidden");
        if (hidden && (strcmp(hidden, "1") == 0 || strcmp(hidden, "true") == 0)) {
            char *mn = bc_workbook_attr(c, "min"), *mx = bc_workbook_attr(c, "max");
            bc_workbook_hide_cols(b, mn ? atoi(mn) : 0, mx ? atoi(mx) : 0);
            xmlFree(mn);
            xmlFree(mx);
        }
        xmlFree(hidden);
    }
    xmlNode *merges = S_child(root, "mergeCells");
    for (xmlNode *m = merges ? merges->children : NULL; m; m = m->next) {
        if (!bc_workbook_is(m, "mergeCell"))
            continue;
        char *ref = bc_workbook_attr(m, "ref");
        char *colon = ref ? strchr(ref, ':') : NULL;
        int r1, c1, r2, c2;
        if (colon) {
            *colon = '\0';
            if (S_ref(ref, &r1, &c1) && S_ref(colon + 1, &r2, &c2))
                bc_workbook_merge(b, r1, c1, r2, c2);
        }
        xmlFree(ref);
    }
    xmlNode *data = S_child(root, "sheetData");
    bc_buf t = BC_BUF_INIT;
    int next_row = 1;
    for (xmlNode *r = data ? data->children : NULL; r; r = r->next) {
        if (!bc_workbook_is(r, "row"))
            continue;
        char *rn = bc_workbook_attr(r, "r");
        int row = rn ? atoi(rn) : next_row;
        xmlFree(rn);
        if (row < 1)
            row = next_row;
        next_row = row + 1;
        char *hidden = bc_workbook_attr(r, "hidden");
        if (hidden && (strcmp(hidden, "1") == 0 || strcmp(hidden, "true") == 0))
            bc_workbook_hide_row(b, row);
        xmlFree(hidden);
        int next_col = 1;
        for (xmlNode *c = r->children; c; c = c->next) {
            if (!bc_workbook_is(c, "c"))
                continue;
            char *ref = bc_workbook_attr(c, "r");
            int rr, col;
            if (!ref || !S_ref(ref, &rr, &col))
                col = next_col;
            xmlFree(ref);
            next_col = col + 1;
            S_cell(x, c, row, col, &t);
        }
    }
    bc_buf_free(&t);
    xmlFreeDoc(doc);
    return 0;
}

int bc_workbook_xlsx_read(const bc_package *p, const char *sheet, bc_wb_build *b)
{
    xlsx x;
    memset(&x, 0, sizeof x);
    x.b = b;
    char *name = NULL;
    char *part = S_sheet_part(&x, p, sheet, &name);
    int rc = -1;
    if (part) {
        bc_workbook_sheet(b, name);
        if (S_shared_strings(&x, p, "xl/sharedStrings.xml") == 0 &&
            S_styles(&x, p, "xl/styles.xml") == 0)
            rc = S_sheet(&x, p, part);
    }
    free(part);
    free(name);
    free(x.strings);
    free(x.string_lens);
    free(x.formats);
    return rc;
}
