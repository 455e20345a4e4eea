/*
 * pdf_sigfield.c - the signature fields of a PDF's form (see
 * pdf_sigfield.h).
 */
#include "pdf/pdf_sigfield.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "pdf/pdf_string.h"

#include <stdlib.h>
#include <string.h>

/* A field tree deeper than this, or more fields, is taken as a loop. */
#define S_MAX_DEPTH 32
#define S_MAX_FIELDS 10000

typedef struct walk {
    const bc_pdf_file *f;
    bc_pdf_sigfield *v;
    size_t n, cap, visited;
} walk;

static void S_add(walk *w, unsigned num, const char *name, bc_pdf_span obj)
{
    const unsigned char *s = w->f->data;
    if (w->n == w->cap) {
        w->cap = w->cap ? 2 * w->cap : 4;
        w->v = bc_xrealloc(w->v, w->cap * sizeof *w->v);
    }
    bc_pdf_sigfield *g = &w->v[w->n++];
    g->num = num;
    g->name = bc_xstrdup(name);
    bc_pdf_span v;
    g->has_value = bc_pdf_syntax_dict_get(s, obj, "V", &v) &&
                   !(v.end - v.start == 4 && memcmp(s + v.start, "null", 4) == 0);
    g->value = 0;
    if (g->has_value && !bc_pdf_syntax_ref(s, v, &g->value))
        g->value = 0;
}

/* One field node (an indirect object) and its kids; parent_name and
 * parent_sig carry what is inherited. */
static void S_node(walk *w, unsigned num, const char *parent_name, bool parent_sig, int depth)
{
    const unsigned char *s = w->f->data;
    bc_pdf_span obj, v;
    if (depth > S_MAX_DEPTH || ++w->visited > S_MAX_FIELDS ||
        !bc_pdf_file_object(w->f, num, &obj) || s[obj.start] != '<')
        return;
    bool sig = parent_sig;
    if (bc_pdf_syntax_dict_get(s, obj, "FT", &v))
        sig = bc_pdf_syntax_is_name(s, v, "Sig");
    bc_buf name = BC_BUF_INIT;
    bc_buf_puts(&name, parent_name);
    bool named = false;
    if (bc_pdf_syntax_dict_get(s, obj, "T", &v)) {
        char *t = bc_pdf_string_text(s, v);
        if (t) {
            if (name.len)
                bc_buf_putc(&name, '.');
            bc_buf_puts(&name, t);
            named = true;
            free(t);
        }
    }
    bool has_kids = false;
    if (bc_pdf_syntax_dict_get(s, obj, "Kids", &v) && bc_pdf_file_resolve(w->f, v, &v) &&
        s[v.start] == '[') {
        /* kids that are fields (with /T) rather than only widgets */
        size_t p = v.start + 1;
        for (;;) {
            bc_pdf_span kid, kid_obj, t;
            unsigned kid_num;
            p = bc_pdf_syntax_skip(s, v.end, p);
            if (p >= v.end || s[p] == ']' || !bc_pdf_syntax_value(s, v.end, p, &kid))
                break;
            p = kid.end;
            if (!bc_pdf_syntax_ref(s, kid, &kid_num) ||
                !bc_pdf_file_object(w->f, kid_num, &kid_obj))
                continue;
            if (bc_pdf_syntax_dict_get(s, kid_obj, "T", &t)) {
                has_kids = true;
                S_node(w, kid_num, bc_buf_cstr(&name), sig, depth + 1);
            }
        }
    }
    if (sig && named && !has_kids)
        S_add(w, num, bc_buf_cstr(&name), obj);
    bc_buf_free(&name);
}

size_t bc_pdf_sigfield_list(const bc_pdf_file *f, bc_pdf_sigfield **fields)
{
    const unsigned char *s = f->data;
    walk w = {f, NULL, 0, 0, 0};
    bc_pdf_span form, list;
    *fields = NULL;
    if (!bc_pdf_file_get(f, f->root, "AcroForm", &form) ||
        !bc_pdf_file_resolve(f, form, &form) || s[form.start] != '<' ||
        !bc_pdf_syntax_dict_get(s, form, "Fields", &list) ||
        !bc_pdf_file_resolve(f, list, &list) || s[list.start] != '[')
        return 0;
    size_t p = list.start + 1;
    for (;;) {
        bc_pdf_span item;
        unsigned num;
        p = bc_pdf_syntax_skip(s, list.end, p);
        if (p >= list.end || s[p] == ']' || !bc_pdf_syntax_value(s, list.end, p, &item))
            break;
        p = item.end;
        if (bc_pdf_syntax_ref(s, item, &num))
            S_node(&w, num, "", false, 0);
    }
    *fields = w.v;
    return w.n;
}

void bc_pdf_sigfield_free(bc_pdf_sigfield *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(fields[i].name);
    free(fields);
}
