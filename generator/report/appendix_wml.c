/*
 * appendix_wml.c - the report's appendices as WordprocessingML (see
 * appendix_wml.h; input.md 1.3.2, nd30-layout.md section 9).
 *
 * The main document ends with its w:sectPr, the properties of its last
 * section. Appendices are added before it, each in a section of its own:
 *
 *   ...report...  <w:p><w:pPr><w:sectPr>REPORT</w:sectPr></w:pPr></w:p>
 *   appendix 1    <w:p><w:pPr><w:sectPr>APPENDIX 1</w:sectPr></w:pPr></w:p>
 *   ...
 *   appendix N    <w:sectPr>APPENDIX N</w:sectPr></w:body>
 *
 * REPORT is the body's w:sectPr as the template has it. An appendix's
 * section is a copy of it with its page numbering restarting at 1
 * (w:pgNumType w:start="1"), a first page without a number (w:titlePg:
 * the header of the report's first page, which shows none), and, for
 * `ngang: true`, the page turned (w:pgSz w:orient="landscape", width and
 * height swapped, the margins turned with it so that the binding margin
 * stays at the top). The report's own headers are referred to again, so a
 * clerk's template keeps its page numbers.
 *
 * An appendix: "Phụ lục" or "Phụ lục I" (PhuLucSo), the title in capitals
 * (PhuLucTen), the italic reference line (PhuLucKemTheo), a short rule
 * (a third of the reference line, DuongKe), then its body in the body's
 * markup, tables included, without "./.".
 */
#include "report/appendix_wml.h"
#include "base/buf.h"
#include "base/font_metrics.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "report/body_markup.h"
#include "report/layout.h"
#include "wml/wml.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The paragraph styles of an appendix's head. */
const char *const bc_appendix_wml_style_ids[] = {"PhuLucSo", "PhuLucTen", "PhuLucKemTheo",
                                              NULL};

/* The body's last w:sectPr: [*start, *end) in xml, or false. */
static bool S_final_sect(const bc_buf *xml, size_t *start, size_t *end)
{
    const char *body_end = NULL;
    for (const char *p = xml->data; p && (p = strstr(p, "</w:body>")) != NULL; p++)
        body_end = p;
    if (!body_end)
        return false;
    const char *s = NULL;
    for (const char *p = xml->data; (p = strstr(p, "<w:sectPr")) != NULL && p < body_end;
         p++)
        s = p;
    if (!s)
        return false;
    const char *close = strstr(s, "</w:sectPr>");
    const char *gt = strchr(s, '>');
    if (!gt || gt > body_end)
        return false;
    if (gt[-1] == '/') { /* <w:sectPr/> */
        *start = (size_t)(s - xml->data);
        *end = (size_t)(gt + 1 - xml->data);
    } else {
        if (!close || close > body_end)
            return false;
        *start = (size_t)(s - xml->data);
        *end = (size_t)(close + strlen("</w:sectPr>") - xml->data);
    }
    /* nothing but white space between it and </w:body> */
    for (const char *q = xml->data + *end; q < body_end; q++)
        if (*q != ' ' && *q != '\n' && *q != '\r' && *q != '\t')
            return false;
    return true;
}

/* The value of attribute `name` in the element text e[0..n), or -1. */
static long S_attr(const char *e, size_t n, const char *name)
{
    size_t nl = strlen(name);
    for (size_t i = 0; i + nl + 2 < n; i++)
        if ((e[i] == ' ' || e[i] == '\t') && memcmp(e + i + 1, name, nl) == 0 &&
            e[i + 1 + nl] == '=' && (e[i + 2 + nl] == '"' || e[i + 2 + nl] == '\''))
            return strtol(e + i + 3 + nl, NULL, 10);
    return -1;
}

/* The child element `tag` ("w:pgSz") of a w:sectPr's text: [*s, *e). */
static bool S_child(const char *sect, size_t n, const char *tag, size_t *s, size_t *e)
{
    size_t tl = strlen(tag);
    for (size_t i = 0; i + tl + 1 < n; i++)
        if (sect[i] == '<' && memcmp(sect + i + 1, tag, tl) == 0 &&
            (sect[i + 1 + tl] == ' ' || sect[i + 1 + tl] == '/' ||
             sect[i + 1 + tl] == '>')) {
            const char *gt = memchr(sect + i, '>', n - i);
            if (!gt)
                return false;
            *s = i;
            *e = (size_t)(gt + 1 - sect);
            if (gt[-1] != '/') { /* a start tag: to its end tag */
                char close[64];
                snprintf(close, sizeof close, "</%s>", tag);
                const char *c = strstr(sect + *e, close);
                if (!c || (size_t)(c - sect) > n)
                    return false;
                *e = (size_t)(c - sect) + strlen(close);
            }
            return true;
        }
    return false;
}

/* The schema's order of a w:sectPr's children, to insert in. */
static const char *const S_sect_order[] = {
    "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
    "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange", NULL};

static int S_rank(const char *tag, size_t n)
{
    for (int i = 0; S_sect_order[i]; i++)
        if (strlen(S_sect_order[i]) == n && memcmp(S_sect_order[i], tag, n) == 0)
            return i;
    return 99;
}

/* An appendix's section: the report's (sect[0..n), a whole w:sectPr) with
 * a next-page break, the numbering restarting at 1, titlePg, and turned
 * when landscape; its other children copied, all in the schema's order. */
static void S_appendix_sect(bc_buf *out, const char *sect, size_t n, bool landscape)
{
    long w = 11906, h = 16838, top = 1134, bottom = 1134, left = 1701, right = 850;
    long header = 567, footer = 567, gutter = 0;
    size_t ps, pe;
    if (S_child(sect, n, "w:pgSz", &ps, &pe)) {
        long v;
        if ((v = S_attr(sect + ps, pe - ps, "w:w")) > 0)
            w = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:h")) > 0)
            h = v;
    }
    if (S_child(sect, n, "w:pgMar", &ps, &pe)) {
        long v;
        if ((v = S_attr(sect + ps, pe - ps, "w:top")) >= 0)
            top = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:bottom")) >= 0)
            bottom = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:left")) >= 0)
            left = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:right")) >= 0)
            right = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:header")) >= 0)
            header = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:footer")) >= 0)
            footer = v;
        if ((v = S_attr(sect + ps, pe - ps, "w:gutter")) >= 0)
            gutter = v;
    }
    if (w > h) { /* the portrait sizes, whatever the report's */
        long t = w;
        w = h;
        h = t;
        if (landscape) { /* the report itself was turned: its margins too */
            long l = left;
            left = top;
            top = right;
            right = bottom;
            bottom = l;
        }
    }
    /* the children as they are, by rank */
    struct child {
        int rank;
        size_t s, e;
    } kids[64];
    size_t nk = 0;
    const char *gt = memchr(sect, '>', n);
    size_t from = gt && gt[-1] != '/' ? (size_t)(gt + 1 - sect) : n;
    size_t to = from < n ? n - strlen("</w:sectPr>") : n;
    for (size_t i = from; i < to && nk < 64;) {
        if (sect[i] != '<') {
            i++;
            continue;
        }
        size_t tn = 1;
        while (i + tn < to && sect[i + tn] != ' ' && sect[i + tn] != '/' &&
               sect[i + tn] != '>')
            tn++;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(tn - 1 < 60 ? tn - 1 : 60), sect + i + 1);
        size_t cs, ce;
        if (!S_child(sect + i, to - i, name, &cs, &ce))
            break;
        kids[nk++] = (struct child){S_rank(name, strlen(name)), i + cs, i + ce};
        i += ce;
    }
    if (from < n)
        bc_buf_put(out, sect, from); /* the start tag, its namespaces */
    else
        bc_buf_puts(out, "<w:sectPr>");
    for (int r = 0; S_sect_order[r]; r++) {
        const char *tag = S_sect_order[r];
        if (strcmp(tag, "w:type") == 0) {
            bc_buf_puts(out, "<w:type w:val=\"nextPage\"/>");
        } else if (strcmp(tag, "w:pgSz") == 0) {
            if (landscape)
                bc_buf_printf(out, "<w:pgSz w:w=\"%ld\" w:h=\"%ld\" w:orient=\"landscape\"/>",
                              h, w);
            else
                bc_buf_printf(out, "<w:pgSz w:w=\"%ld\" w:h=\"%ld\"/>", w, h);
        } else if (strcmp(tag, "w:pgMar") == 0) {
            /* turned: the binding margin (left) goes to the top */
            if (landscape)
                bc_buf_printf(out,
                              "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" "
                              "w:left=\"%ld\" w:header=\"%ld\" w:footer=\"%ld\" "
                              "w:gutter=\"%ld\"/>",
                              left, bottom, right, top, header, footer, gutter);
            else
                bc_buf_printf(out,
                              "<w:pgMar w:top=\"%ld\" w:right=\"%ld\" w:bottom=\"%ld\" "
                              "w:left=\"%ld\" w:header=\"%ld\" w:footer=\"%ld\" "
                              "w:gutter=\"%ld\"/>",
                              top, right, bottom, left, header, footer, gutter);
        } else if (strcmp(tag, "w:pgNumType") == 0) {
            bc_buf_puts(out, "<w:pgNumType w:start=\"1\"/>");
        } else if (strcmp(tag, "w:titlePg") == 0) {
            bc_buf_puts(out, "<w:titlePg/>");
        } else if (strcmp(tag, "w:sectPrChange") != 0) {
            for (size_t k = 0; k < nk; k++)
                if (kids[k].rank == r)
                    bc_buf_put(out, sect + kids[k].s, kids[k].e - kids[k].s);
        }
    }
    bc_buf_puts(out, "</w:sectPr>");
}

/* The text width of a section (twips). */
static double S_text_width(const char *sect, size_t n, bool landscape, double page_text)
{
    size_t s, e;
    long w = -1, h = -1, left = -1, right = -1, top = -1, bottom = -1;
    if (S_child(sect, n, "w:pgSz", &s, &e)) {
        w = S_attr(sect + s, e - s, "w:w");
        h = S_attr(sect + s, e - s, "w:h");
    }
    if (S_child(sect, n, "w:pgMar", &s, &e)) {
        left = S_attr(sect + s, e - s, "w:left");
        right = S_attr(sect + s, e - s, "w:right");
        top = S_attr(sect + s, e - s, "w:top");
        bottom = S_attr(sect + s, e - s, "w:bottom");
    }
    if (w <= 0 || h <= 0 || left < 0 || right < 0)
        return page_text;
    long pw = w < h ? w : h, ph = w < h ? h : w;
    if (!landscape)
        return (double)(pw - left - right);
    return (double)(ph - (bottom >= 0 ? bottom : 0) - (top >= 0 ? top : 0));
}

/* A run in the paragraph style's formatting, bold and italic as asked. */
static int S_run(void *closure, bc_buf *out, const char *s, size_t n, bool bold,
                 bool italic)
{
    bc_diags *d = closure;
    if (n == 0)
        return 0;
    bc_buf_puts(out, "<w:r>");
    if (bold || italic) {
        bc_buf_puts(out, "<w:rPr>");
        if (bold)
            bc_buf_puts(out, "<w:b/><w:bCs/>");
        if (italic)
            bc_buf_puts(out, "<w:i/><w:iCs/>");
        bc_buf_puts(out, "</w:rPr>");
    }
    bc_buf_puts(out, "<w:t xml:space=\"preserve\">");
    unsigned cp = bc_wml_escape_run(out, s, n, false);
    bc_buf_puts(out, "</w:t></w:r>");
    if (cp) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                    _("an appendix contains the control character U+%04X, which a "
                      "document cannot hold"),
                    cp);
        return -1;
    }
    return 0;
}

static void S_head(bc_buf *out, const char *style, const char *s, size_t n,
                   bool keep, bc_diags *d, int *status)
{
    bc_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"");
    bc_buf_puts(out, style);
    bc_buf_puts(out, keep ? "\"/><w:keepNext/></w:pPr>" : "\"/></w:pPr>");
    *status |= S_run(d, out, s, n, false, false);
    bc_buf_puts(out, "</w:p>");
}

static const char *S_text(const bc_node *map, const char *key, size_t *n)
{
    const bc_node *v = bc_node_get(map, key);
    if (!v || v->kind != BC_SCALAR) {
        *n = 0;
        return "";
    }
    *n = v->len;
    return v->str;
}

int bc_appendix_wml_finish(const bc_appendix_wml_styles *as, const bc_body_wml_styles *bs,
                           bc_buf *xml, const bc_node *root, double page_text,
                           bc_diags *d)
{
    const bc_node *list = bc_node_get(root, "phu_luc");
    if (!list || list->kind != BC_LIST || list->count == 0)
        return 0;
    size_t ss, se;
    if (!S_final_sect(xml, &ss, &se)) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s",
                    _("the template's main document does not end with its section "
                      "properties (w:sectPr), so the appendices cannot follow it"));
        return -1;
    }
    const char *sect = xml->data + ss;
    size_t sn = se - ss;
    bc_buf add = BC_BUF_INIT;
    int status = 0;
    for (size_t i = 0; i < list->count; i++) {
        const bc_node *ap = list->items[i];
        /* the section that ends here: the report's, or the appendix before */
        bc_buf_puts(&add, "<w:p><w:pPr>");
        if (i == 0) {
            bc_buf_put(&add, sect, sn);
        } else {
            const bc_node *prev = bc_node_get(list->items[i - 1], "ngang");
            S_appendix_sect(&add, sect, sn, prev && prev->kind == BC_BOOL && prev->boolean);
        }
        bc_buf_puts(&add, "</w:pPr></w:p>");
        const bc_node *ng = bc_node_get(ap, "ngang");
        bool landscape = ng && ng->kind == BC_BOOL && ng->boolean;
        size_t n;
        const char *s = S_text(ap, "tieu_de", &n);
        S_head(&add, as->so, s, n, true, d, &status);
        s = S_text(ap, "ten_in_hoa", &n);
        S_head(&add, as->ten, s, n, true, d, &status);
        s = S_text(ap, "kem_theo", &n);
        S_head(&add, as->kem_theo, s, n, true, d, &status);
        /* the short rule: a third of the reference line, centred */
        double text = S_text_width(sect, sn, landscape, page_text);
        double ref = bc_font_metrics_width(s, n, BC_FACE_ITALIC, 28);
        if (ref > text)
            ref = text;
        double len = ref / 3 < 1134 ? 1134 : ref / 3;
        long side = lround((text - len) / 2);
        bc_buf_printf(&add,
                      "<w:p><w:pPr><w:pStyle w:val=\"%s\"/><w:spacing w:after=\"240\"/>"
                      "<w:ind w:left=\"%ld\" w:right=\"%ld\"/></w:pPr></w:p>",
                      as->rule, side < 0 ? 0 : side, side < 0 ? 0 : side);
        /* the body */
        const bc_node *body = bc_node_get(ap, "noi_dung");
        bc_body parsed;
        bc_body_markup_parse_opts(body && body->kind == BC_SCALAR ? body->str : "",
                                  body && body->kind == BC_SCALAR ? body->len : 0, false,
                                  &parsed);
        bc_body_wml_runs runs = {S_run, d, text};
        status |= bc_body_wml_blocks(bs, &runs, &parsed, false, &add);
        bc_body_markup_free(&parsed);
    }
    /* the last appendix's section: the body's final one, rewritten */
    const bc_node *last = bc_node_get(list->items[list->count - 1], "ngang");
    bc_buf fin = BC_BUF_INIT;
    S_appendix_sect(&fin, sect, sn, last && last->kind == BC_BOOL && last->boolean);
    /* xml = before + add + fin + after */
    bc_buf outb = BC_BUF_INIT;
    bc_buf_reserve(&outb, xml->len + add.len + fin.len);
    bc_buf_put(&outb, xml->data, ss);
    bc_buf_put(&outb, add.data ? add.data : "", add.len);
    bc_buf_put(&outb, fin.data ? fin.data : "", fin.len);
    bc_buf_put(&outb, xml->data + se, xml->len - se);
    bc_buf_free(&add);
    bc_buf_free(&fin);
    bc_buf_free(xml);
    *xml = outb;
    return status ? -1 : 0;
}

void bc_appendix_wml_styles_load(bc_appendix_wml_styles *as, const bc_styles *styles)
{
    const char *id;
    id = bc_wml_styles_role_id(styles, "PhuLucSo");
    as->so = bc_xstrdup(id ? id : "PhuLucSo");
    id = bc_wml_styles_role_id(styles, "PhuLucTen");
    as->ten = bc_xstrdup(id ? id : "PhuLucTen");
    id = bc_wml_styles_role_id(styles, "PhuLucKemTheo");
    as->kem_theo = bc_xstrdup(id ? id : "PhuLucKemTheo");
    id = bc_wml_styles_role_id(styles, BC_STYLE_RULE);
    as->rule = bc_xstrdup(id ? id : BC_STYLE_RULE);
}

void bc_appendix_wml_styles_free(bc_appendix_wml_styles *as)
{
    free(as->so);
    free(as->ten);
    free(as->kem_theo);
    free(as->rule);
    memset(as, 0, sizeof *as);
}
