/*
 * pdf_field.c - an empty signature field placed by named destinations
 * (see pdf_field.h).
 */
#include "pdf/pdf_field.h"
#include "pdf/pdf_string.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A name tree's depth beyond this is taken as a loop. */
#define S_MAX_DEPTH 32

/* A string's bytes (literal or hexadecimal, escapes read) equal to name. */
static bool S_string_is(const unsigned char *s, bc_pdf_span v, const char *name)
{
    bc_buf b = BC_BUF_INIT;
    size_t n = strlen(name);
    bool is = bc_pdf_string_bytes(s, v, &b) && b.len == n && memcmp(b.data, name, n) == 0;
    bc_buf_free(&b);
    return is;
}

/* Looks name up in a name tree node (ISO 32000-1 7.9.6). *budget is
 * the nodes left to visit: a tree has no more nodes than objects, while a
 * node that is its own kid twice would be visited 2^S_MAX_DEPTH times. */
static bool S_name_tree(const bc_pdf_file *f, bc_pdf_span node, const char *name,
                        bc_pdf_span *value, int depth, size_t *budget)
{
    const unsigned char *s = f->data;
    bc_pdf_span arr;
    if (depth > S_MAX_DEPTH || *budget == 0)
        return false;
    --*budget;
    if (bc_pdf_syntax_dict_get(s, node, "Names", &arr) && bc_pdf_file_resolve(f, arr, &arr) &&
        s[arr.start] == '[') {
        size_t p = arr.start + 1;
        for (;;) {
            bc_pdf_span key, v;
            p = bc_pdf_syntax_skip(s, arr.end, p);
            if (p >= arr.end || s[p] == ']' || !bc_pdf_syntax_value(s, arr.end, p, &key))
                break;
            p = bc_pdf_syntax_skip(s, arr.end, key.end);
            if (!bc_pdf_syntax_value(s, arr.end, p, &v))
                break;
            if (S_string_is(s, key, name)) {
                *value = v;
                return true;
            }
            p = v.end;
        }
    }
    if (bc_pdf_syntax_dict_get(s, node, "Kids", &arr) && bc_pdf_file_resolve(f, arr, &arr) &&
        s[arr.start] == '[') {
        size_t p = arr.start + 1;
        for (;;) {
            bc_pdf_span kid, obj;
            p = bc_pdf_syntax_skip(s, arr.end, p);
            if (p >= arr.end || s[p] == ']' || !bc_pdf_syntax_value(s, arr.end, p, &kid))
                break;
            if (bc_pdf_file_resolve(f, kid, &obj) &&
                S_name_tree(f, obj, name, value, depth + 1, budget))
                return true;
            p = kid.end;
        }
    }
    return false;
}

bool bc_pdf_field_dest(const bc_pdf_file *f, const char *name, unsigned *page, double *left,
                       double *top)
{
    const unsigned char *s = f->data;
    bc_pdf_span catalog, dests, names, v;
    bool found = false;
    if (!bc_pdf_file_object(f, f->root, &catalog))
        return false;
    if (bc_pdf_syntax_dict_get(s, catalog, "Dests", &dests) &&
        bc_pdf_file_resolve(f, dests, &dests) && bc_pdf_syntax_dict_get(s, dests, name, &v))
        found = true;
    size_t budget = f->size;
    if (!found && bc_pdf_syntax_dict_get(s, catalog, "Names", &names) &&
        bc_pdf_file_resolve(f, names, &names) &&
        bc_pdf_syntax_dict_get(s, names, "Dests", &dests) &&
        bc_pdf_file_resolve(f, dests, &dests))
        found = S_name_tree(f, dests, name, &v, 0, &budget);
    if (!found || !bc_pdf_file_resolve(f, v, &v))
        return false;
    bc_pdf_span d;
    if (s[v.start] == '<' && bc_pdf_syntax_dict_get(s, v, "D", &d)) /* <</D [...]>> */
        v = d;
    if (s[v.start] != '[')
        return false;
    /* [page /XYZ left top zoom] */
    bc_pdf_span item[4];
    size_t p = v.start + 1;
    for (int i = 0; i < 4; i++) {
        p = bc_pdf_syntax_skip(s, v.end, p);
        if (!bc_pdf_syntax_value(s, v.end, p, &item[i]))
            return false;
        p = item[i].end;
    }
    return bc_pdf_syntax_ref(s, item[0], page) && bc_pdf_syntax_is_name(s, item[1], "XYZ") &&
           bc_pdf_syntax_number(s, item[2], left) && bc_pdf_syntax_number(s, item[3], top);
}

bool bc_pdf_field_locate(const bc_pdf_file *f, bc_pdf_field_rect *r)
{
    unsigned p1, p2, p3;
    double space_x, space_y, name_x, name_y, end_x, end_y;
    if (!bc_pdf_field_dest(f, BC_PDF_FIELD_DEST_SPACE, &p1, &space_x, &space_y) ||
        !bc_pdf_field_dest(f, BC_PDF_FIELD_DEST_NAME, &p2, &name_x, &name_y) ||
        !bc_pdf_field_dest(f, BC_PDF_FIELD_DEST_NAME_END, &p3, &end_x, &end_y))
        return false;
    double centre = (name_x + end_x) / 2;
    bc_pdf_span type;
    /* the space above the name, as wide on the right of the name's centre
     * as it begins on its left, on a page (the widget goes in its /Annots);
     * no infinity (a number of 400 digits) */
    if (p1 != p2 || p2 != p3 || !isfinite(space_x) || !isfinite(space_y) ||
        !isfinite(name_x) || !isfinite(end_x) || space_y <= name_y || centre <= space_x ||
        !isfinite(2 * centre - space_x) || !bc_pdf_file_get(f, p1, "Type", &type) ||
        !bc_pdf_syntax_is_name(f->data, type, "Page"))
        return false;
    r->page = p1;
    r->x1 = space_x;
    r->x2 = 2 * centre - space_x;
    r->y1 = name_y;
    r->y2 = space_y;
    return true;
}

/* The value text of object num as w has it now (replaced or original). */
static bool S_current(const bc_pdf_write *w, unsigned num, const char **text, size_t *len)
{
    const bc_pdf_write_obj *o = bc_pdf_write_get(w, num);
    bc_pdf_span v;
    if (o) {
        *text = o->value;
        *len = o->len;
        return true;
    }
    if (!bc_pdf_file_object(w->f, num, &v))
        return false;
    *text = (const char *)w->f->data + v.start;
    *len = v.end - v.start;
    return true;
}

/* Sets /key to value in num's dictionary (as w has it now). */
static bool S_set_entry(bc_pdf_write *w, unsigned num, const char *key, const char *value)
{
    const char *text;
    size_t len;
    if (!S_current(w, num, &text, &len))
        return false;
    bc_buf b = BC_BUF_INIT;
    bool ok = bc_pdf_syntax_dict_set(&b, text, len, key, value);
    if (ok)
        bc_pdf_write_set(w, num, b.data, b.len);
    bc_buf_free(&b);
    return ok;
}

/* Whether num's value, as w has it now, is a dictionary. */
static bool S_is_dict(const bc_pdf_write *w, unsigned num)
{
    const char *text;
    size_t len;
    bc_pdf_span v;
    return S_current(w, num, &text, &len) &&
           bc_pdf_syntax_value((const unsigned char *)text, len, 0, &v) && v.end >= 4 &&
           text[0] == '<' && text[1] == '<';
}

/* Whether S_add_annot can add to the page: a dictionary whose /Annots is
 * absent, an array or an array object of its own. */
static bool S_annots_ok(const bc_pdf_write *w, unsigned page)
{
    const unsigned char *s = w->f->data;
    bc_pdf_span annots, arr;
    unsigned arr_num;
    if (!S_is_dict(w, page))
        return false;
    if (!bc_pdf_file_get(w->f, page, "Annots", &annots))
        return true;
    if (bc_pdf_syntax_ref(s, annots, &arr_num))
        return bc_pdf_file_object(w->f, arr_num, &arr) && s[arr.start] == '[';
    return s[annots.start] == '[';
}

/* Adds ref to the page's /Annots, direct or indirect, or makes one. */
static bool S_add_annot(bc_pdf_write *w, unsigned page, unsigned widget)
{
    const unsigned char *s = w->f->data;
    char ref[32];
    snprintf(ref, sizeof ref, " %u 0 R", widget);
    bc_pdf_span annots;
    if (!bc_pdf_file_get(w->f, page, "Annots", &annots)) {
        char value[48];
        snprintf(value, sizeof value, "[%u 0 R]", widget);
        return S_set_entry(w, page, "Annots", value);
    }
    unsigned arr_num;
    bc_buf b = BC_BUF_INIT;
    bool ok = false;
    if (bc_pdf_syntax_ref(s, annots, &arr_num)) { /* an array object of its own */
        bc_pdf_span arr;
        if (bc_pdf_file_object(w->f, arr_num, &arr) && s[arr.start] == '[') {
            bc_buf_put(&b, (const char *)s + arr.start, arr.end - arr.start - 1);
            bc_buf_puts(&b, ref);
            bc_buf_putc(&b, ']');
            bc_pdf_write_set(w, arr_num, b.data, b.len);
            ok = true;
        }
    } else if (s[annots.start] == '[') { /* in the page's dictionary */
        bc_pdf_span page_obj;
        if (bc_pdf_file_object(w->f, page, &page_obj)) {
            bc_buf_put(&b, (const char *)s + page_obj.start, annots.end - 1 - page_obj.start);
            bc_buf_puts(&b, ref);
            bc_buf_put(&b, (const char *)s + annots.end - 1, page_obj.end - (annots.end - 1));
            bc_pdf_write_set(w, page, b.data, b.len);
            ok = true;
        }
    }
    bc_buf_free(&b);
    return ok;
}

bool bc_pdf_field_add(bc_pdf_write *w, const bc_pdf_field_rect *r)
{
    bc_pdf_span existing;
    /* checked first, so that a failure adds nothing (not an /AcroForm
     * for a widget no page shows) */
    if (bc_pdf_file_get(w->f, w->f->root, "AcroForm", &existing) || !S_is_dict(w, w->f->root) ||
        !S_annots_ok(w, r->page))
        return false;
    unsigned widget = bc_pdf_write_add(w), appearance = bc_pdf_write_add(w),
             form = bc_pdf_write_add(w);
    bc_buf b = BC_BUF_INIT;
    double width = r->x2 - r->x1, height = r->y2 - r->y1;
    bc_buf_puts(&b, "<</Type/XObject/Subtype/Form/BBox[0 0 ");
    bc_pdf_syntax_put_real(&b, width);
    bc_buf_putc(&b, ' ');
    bc_pdf_syntax_put_real(&b, height);
    bc_buf_puts(&b, "]/Resources<<>>/Length 0>>\nstream\n\nendstream");
    bc_pdf_write_set(w, appearance, b.data, b.len);
    b.len = 0;
    /* print (4) and locked (128): shown, printed, not moved by a reader */
    bc_buf_puts(&b, "<</Type/Annot/Subtype/Widget/FT/Sig/T(" BC_PDF_FIELD_NAME ")/F 132/Rect[");
    const double corner[4] = {r->x1, r->y1, r->x2, r->y2};
    for (int i = 0; i < 4; i++) {
        if (i)
            bc_buf_putc(&b, ' ');
        bc_pdf_syntax_put_real(&b, corner[i]);
    }
    bc_buf_printf(&b, "]/P %u 0 R/AP<</N %u 0 R>>>>", r->page, appearance);
    bc_pdf_write_set(w, widget, b.data, b.len);
    b.len = 0;
    bc_buf_printf(&b, "<</Fields[%u 0 R]>>", widget);
    bc_pdf_write_set(w, form, b.data, b.len);
    b.len = 0;
    bc_buf_printf(&b, "%u 0 R", form);
    bool ok = S_set_entry(w, w->f->root, "AcroForm", b.data) && S_add_annot(w, r->page, widget);
    bc_buf_free(&b);
    return ok;
}
