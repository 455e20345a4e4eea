/*
 * workbook_xlsx.c - a sheet of an Excel workbook (ECMA-376 SpreadsheetML;
 * see workbook_int.h). The workbook part lists the sheets and their
 * relationships name their parts; the cell formats (styles.xml) are read
 * from its tree, the shared strings and the sheet's rows, columns and
 * merged cells as a stream of events (a sheet of every commune of the
 * country is a few hundred thousand elements: its tree would cost more
 * to make and free than to read). Elements are matched by local name, so the
 * transitional and the strict namespaces read alike.
 */
#include "package/workbook_int.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdio.h>
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

/* Appends text[0..n) with Excel's _xHHHH_ escapes undone (a carriage
 * return, _x000D_, is dropped: the line break follows it). */
static void S_unescape(const char *p, size_t n, bc_buf *out)
{
    const char *end = p + n;
    while (p < end) {
        unsigned cp;
        if (p[0] == '_' && end - p >= 7 && p[1] == 'x' && p[6] == '_' &&
            strspn(p + 2, "0123456789abcdefABCDEF") >= 4 &&
            sscanf(p + 2, "%4x", &cp) == 1 &&
            (cp < 0xD800 || cp > 0xDFFF) /* half of a pair: kept as written */) {
            if (cp == 0x0D) {
                /* dropped */
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
            p += 7;
            continue;
        }
        const char *u = memchr(p, '_', (size_t)(end - p));
        size_t run = u ? (size_t)(u - p) : (size_t)(end - p);
        if (run == 0)
            run = 1;
        bc_buf_put(out, p, run);
        p += run;
    }
}

/* ---- the parts read as events: the shared strings and the sheet ---------------- */

/* What the events of a part have opened so far. A string item (<si>, or
 * a cell's <is>) is the text of its <t>s but those of phonetic runs
 * (<rPh>); a cell <c> is its attributes, its value <v> and whether it has
 * a formula <f>. */
typedef struct events {
    xlsx *x;
    bool in_item, in_t, in_rph, in_v;
    bc_buf raw;              /* the item's <t>s, escapes not yet undone */
    bc_buf text;             /* scratch */
    /* the sheet */
    int row, next_row, col, next_col;
    char type[16];
    size_t style;
    bool has_v, has_f, has_is;
    bc_buf v;
} events;

/* The value of attribute `name` of an element (SAX2's five pointers an
 * attribute), copied into buf (size bytes, truncated); false when absent. */
static bool S_attr(const xmlChar **attrs, int n, const char *name, char *buf,
                   size_t size)
{
    for (int i = 0; i < n; i++, attrs += 5) {
        if (strcmp((const char *)attrs[0], name) != 0)
            continue;
        size_t len = (size_t)(attrs[4] - attrs[3]);
        if (len >= size)
            len = size - 1;
        memcpy(buf, attrs[3], len);
        buf[len] = '\0';
        return true;
    }
    return false;
}

static bool S_true(const char *v)
{
    return strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
}

static void S_chars(void *user, const xmlChar *ch, int len)
{
    events *e = user;
    if (e->in_v)
        bc_buf_put(&e->v, (const char *)ch, (size_t)len);
    else if (e->in_t && !e->in_rph)
        bc_buf_put(&e->raw, (const char *)ch, (size_t)len);
}

static void S_sst_start(void *user, const xmlChar *name, const xmlChar *prefix,
                        const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                        int ndefaulted, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)nattrs, (void)ndefaulted,
        (void)attrs;
    events *e = user;
    const char *n = (const char *)name;
    if (strcmp(n, "si") == 0) {
        e->in_item = true;
        bc_buf_clear(&e->raw);
    } else if (e->in_item && strcmp(n, "t") == 0) {
        e->in_t = true;
    } else if (e->in_item && strcmp(n, "rPh") == 0) {
        e->in_rph = true;
    }
}

static void S_sst_end(void *user, const xmlChar *name, const xmlChar *prefix,
                      const xmlChar *uri)
{
    (void)prefix, (void)uri;
    events *e = user;
    xlsx *x = e->x;
    const char *n = (const char *)name;
    if (strcmp(n, "t") == 0) {
        e->in_t = false;
    } else if (strcmp(n, "rPh") == 0) {
        e->in_rph = false;
    } else if (strcmp(n, "si") == 0 && e->in_item) {
        e->in_item = false;
        bc_buf_clear(&e->text);
        S_unescape(e->raw.data ? e->raw.data : "", e->raw.len, &e->text);
        BC_GROW(x->strings, x->strings_cap, x->nstrings + 1);
        x->string_lens = bc_xrealloc(x->string_lens, x->strings_cap * sizeof(size_t));
        x->strings[x->nstrings] = bc_arena_strndup(&x->b->w->text,
                                                   e->text.data ? e->text.data : "",
                                                   e->text.len);
        x->string_lens[x->nstrings++] = e->text.len;
    }
}

/* Reads a part as events through start and end (and S_chars). */
static int S_read_events(xlsx *x, const bc_package *p, const char *part,
                         startElementNsSAX2Func start, endElementNsSAX2Func end)
{
    events e;
    memset(&e, 0, sizeof e);
    e.x = x;
    e.next_row = 1;
    xmlSAXHandler h;
    memset(&h, 0, sizeof h);
    h.startElementNs = start;
    h.endElementNs = end;
    h.characters = S_chars;
    int rc = bc_workbook_parse_events(p, part, x->b, &h, &e);
    bc_buf_free(&e.raw);
    bc_buf_free(&e.text);
    bc_buf_free(&e.v);
    return rc;
}

static int S_shared_strings(xlsx *x, const bc_package *p, const char *part)
{
    if (!bc_package_find(p, part))
        return 0; /* a workbook of numbers only */
    return S_read_events(x, p, part, S_sst_start, S_sst_end);
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

/* One cell <c>, once closed: its value as shown. */
static void S_cell(events *e)
{
    xlsx *x = e->x;
    bc_wb_build *b = x->b;
    int row = e->row, col = e->col;
    const char *ty = e->type[0] ? e->type : "n";
    const char *val = bc_buf_cstr(&e->v);
    bc_buf *t = &e->text;
    bc_buf_clear(t);
    if (strcmp(ty, "inlineStr") == 0) {
        if (e->has_is) {
            S_unescape(e->raw.data ? e->raw.data : "", e->raw.len, t);
            bc_workbook_cell(b, row, col, BC_SHEET_TEXT, false, t->data ? t->data : "",
                             t->len);
        }
    } else if (e->has_f && !e->has_v) {
        bc_workbook_error(b, row, col, "%s",
                          _("the cell's formula was saved without its value: open the "
                            "workbook in Excel or LibreOffice and save it again"));
    } else if (!e->has_v) {
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
        S_unescape(val, e->v.len, t);
        bc_workbook_cell(b, row, col, BC_SHEET_TEXT, false, t->data ? t->data : "", t->len);
    } else if (strcmp(ty, "b") == 0) {
        bc_workbook_cell(b, row, col, BC_SHEET_BOOL, strcmp(val, "1") == 0, "", 0);
    } else if (strcmp(ty, "e") == 0) {
        bc_workbook_error(b, row, col,
                          _("the cell holds the error %s: correct the formula or the "
                            "value it uses, or empty the cell"),
                          val);
    } else if (strcmp(ty, "d") == 0) { /* an ISO 8601 date written as such */
        size_t n = e->v.len;
        bc_workbook_cell(b, row, col, BC_SHEET_NUMBER, false, val, n >= 10 ? 10 : n);
    } else {
        double num;
        bc_wb_format fmt = BC_WB_FORMAT_GENERAL;
        if (e->style < x->nformats)
            fmt = x->formats[e->style];
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
}

static void S_sheet_start(void *user, const xmlChar *name, const xmlChar *prefix,
                          const xmlChar *uri, int nns, const xmlChar **ns, int nattrs,
                          int ndefaulted, const xmlChar **attrs)
{
    (void)prefix, (void)uri, (void)nns, (void)ns, (void)ndefaulted;
    events *e = user;
    bc_wb_build *b = e->x->b;
    const char *n = (const char *)name;
    int na = nattrs + ndefaulted;
    char a[64], a2[64];
    if (strcmp(n, "c") == 0) {
        int rr, col;
        if (!S_attr(attrs, na, "r", a, sizeof a) || !S_ref(a, &rr, &col))
            col = e->next_col;
        e->col = col;
        e->next_col = col + 1;
        if (!S_attr(attrs, na, "t", e->type, sizeof e->type))
            e->type[0] = '\0';
        e->style = S_attr(attrs, na, "s", a, sizeof a) ? (size_t)strtoul(a, NULL, 10) : 0;
        e->has_v = e->has_f = e->has_is = false;
        bc_buf_clear(&e->v);
        bc_buf_clear(&e->raw);
    } else if (strcmp(n, "v") == 0) {
        e->in_v = true;
        e->has_v = true;
        bc_buf_clear(&e->v);
    } else if (strcmp(n, "f") == 0) {
        e->has_f = true;
    } else if (strcmp(n, "is") == 0) {
        e->in_item = true;
        e->has_is = true;
        bc_buf_clear(&e->raw);
    } else if (e->in_item && strcmp(n, "t") == 0) {
        e->in_t = true;
    } else if (e->in_item && strcmp(n, "rPh") == 0) {
        e->in_rph = true;
    } else if (strcmp(n, "row") == 0) {
        int row = S_attr(attrs, na, "r", a, sizeof a) ? atoi(a) : e->next_row;
        if (row < 1)
            row = e->next_row;
        e->row = row;
        e->next_row = row + 1;
        e->next_col = 1;
        if (S_attr(attrs, na, "hidden", a, sizeof a) && S_true(a))
            bc_workbook_hide_row(b, row);
    } else if (strcmp(n, "col") == 0) {
        if (S_attr(attrs, na, "hidden", a, sizeof a) && S_true(a)) {
            int mn = S_attr(attrs, na, "min", a, sizeof a) ? atoi(a) : 0;
            int mx = S_attr(attrs, na, "max", a2, sizeof a2) ? atoi(a2) : 0;
            bc_workbook_hide_cols(b, mn, mx);
        }
    } else if (strcmp(n, "mergeCell") == 0) {
        char ref[64];
        int r1, c1, r2, c2;
        char *colon;
        if (S_attr(attrs, na, "ref", ref, sizeof ref) && (colon = strchr(ref, ':'))) {
            *colon = '\0';
            if (S_ref(ref, &r1, &c1) && S_ref(colon + 1, &r2, &c2))
                bc_workbook_merge(b, r1, c1, r2, c2);
        }
    }
}

static void S_sheet_end(void *user, const xmlChar *name, const xmlChar *prefix,
                        const xmlChar *uri)
{
    (void)prefix, (void)uri;
    events *e = user;
    const char *n = (const char *)name;
    if (strcmp(n, "v") == 0)
        e->in_v = false;
    else if (strcmp(n, "t") == 0)
        e->in_t = false;
    else if (strcmp(n, "rPh") == 0)
        e->in_rph = false;
    else if (strcmp(n, "is") == 0)
        e->in_item = false;
    else if (strcmp(n, "c") == 0)
        S_cell(e);
}

/* The sheet's part read as events: hidden columns (<cols>), rows and
 * their cells (<sheetData>), merged cells (<mergeCells>, after the data:
 * the build checks the header once every cell is in). */
static int S_sheet(xlsx *x, const bc_package *p, const char *part)
{
    return S_read_events(x, p, part, S_sheet_start, S_sheet_end);
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
