/*
 * report_text.c - the text templates inside a report's values (see
 * report_text.h): each compiled as a mustache template whose errors are
 * located at their line and column in the YAML file, rendered strictly
 * (or leniently) against the report's data; a batch's `chung` compiled
 * once for every entry.
 */
#include "report/report_text.h"
#include "base/i18n.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "input/node_view.h"
#include "mustache/mustache.h"

#include <stdlib.h>
#include <string.h>

void bc_report_text_locate(const bc_node *v, size_t offset, bc_diag *g)
{
    int nl = 0;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < v->len; i++)
        if (v->str[i] == '\n') {
            nl++;
            line_start = i + 1;
        }
    int chars = 0;
    for (size_t i = line_start; i < offset && i < v->len; i++)
        if (((unsigned char)v->str[i] & 0xC0) != 0x80)
            chars++;
    if (v->style == '|' || v->style == '>') {
        g->line = v->line + 1 + nl;
        g->col = v->indent + 1 + chars;
    } else {
        g->line = v->line + nl;
        g->col = (nl ? 1 : v->col + (v->style == 'p' ? 0 : 1)) + chars;
    }
    free(g->file);
    g->file = v->file ? bc_xstrdup(v->file) : NULL;
}

static void S_locate_in_scalar(void *closure, size_t offset, bc_diag *g)
{
    bc_report_text_locate(closure, offset, g);
}

/* Compiles a scalar as a text template, its errors located in the file. */
/* A partial in a YAML text is an error: there is no partial source, so it
 * would render as a silent blank. */
typedef struct partial_check {
    const bc_node *v;
    bc_diags *d;
    bool found;
} partial_check;

static void S_no_partial(void *closure, char kind, const char *name, size_t len,
                         int line, int col, size_t offset)
{
    partial_check *pc = closure;
    (void)line;
    (void)col;
    if (kind != '>')
        return;
    bc_diag *g = bc_diag_add(pc->d, BC_ERROR, pc->v->file, 0, 0,
                             _("`{{>%.*s}}`: a YAML text has no partials to include "
                               "(it would print nothing); write the text itself, or "
                               "keep it in the data and write its {{name}}"),
                             (int)len, name);
    bc_report_text_locate(pc->v, offset, g);
    pc->found = true;
}

static bc_mtpl *S_compile_text(const bc_node *v, bc_diags *d)
{
    bc_mopts mo;
    memset(&mo, 0, sizeof mo);
    mo.name = v->file;
    mo.locate = S_locate_in_scalar;
    mo.locate_closure = (void *)v;
    bc_mtpl *t = bc_mustache_compile(v->str, v->len, &mo, d);
    if (t && !bc_mustache_is_static(t)) {
        partial_check pc = {v, d, false};
        bc_mustache_visit(t, S_no_partial, &pc);
        if (pc.found) {
            bc_mustache_free(t);
            return NULL;
        }
    }
    return t;
}

/* The cached program of node v, when the cache holds this very node. */
static const bc_mtpl *S_cached(const bc_report_text_cache *c, const bc_node *v)
{
    for (size_t i = 0; c && i < c->count; i++)
        if (c->nodes[i] == v)
            return c->tpls[i];
    return NULL;
}

bc_node *bc_report_text_render(bc_arena *a, const bc_node *v,
                               const bc_node *root, bool lenient,
                               const bc_report_text_cache *cache, bc_diags *d)
{
    if (!memchr(v->str, '{', v->len))
        return (bc_node *)v;
    const bc_mtpl *cached = S_cached(cache, v);
    bc_mtpl *own = cached ? NULL : S_compile_text(v, d);
    const bc_mtpl *t = cached ? cached : own;
    if (!t)
        return NULL;
    bc_buf out = BC_BUF_INIT;
    int rc = bc_node_view_text(t, root, lenient, &out, d);
    bc_mustache_free(own);
    if (rc != 0) {
        bc_buf_free(&out);
        return NULL;
    }
    bc_node *n = bc_node_scalar(a, bc_buf_cstr(&out), out.len);
    n->line = v->line;
    n->col = v->col;
    n->file = v->file;
    n->style = v->style;
    n->indent = v->indent;
    bc_buf_free(&out);
    return n;
}

bc_node *bc_report_text_render_items(bc_arena *a, const bc_node *v,
                                     const bc_node *root, bool lenient,
                                     const bc_report_text_cache *cache,
                                     bc_diags *d, bool *failed)
{
    if (v->kind == BC_SCALAR) {
        bc_node *n = bc_report_text_render(a, v, root, lenient, cache, d);
        if (!n)
            *failed = true;
        return n;
    }
    bc_node *list = bc_node_new(a, BC_LIST);
    list->line = v->line;
    list->col = v->col;
    list->file = v->file;
    for (size_t i = 0; i < v->count; i++) {
        bc_node *it = bc_report_text_render(a, v->items[i], root, lenient, cache, d);
        if (it)
            bc_node_push(a, list, it);
        else
            *failed = true;
    }
    return list;
}

static void S_cache_add(bc_report_text_cache *c, const bc_node *v)
{
    if (!v || v->kind != BC_SCALAR || !memchr(v->str, '{', v->len))
        return;
    bc_diags quiet = BC_DIAGS_INIT; /* each entry reports its own errors */
    bc_mtpl *t = S_compile_text(v, &quiet);
    bc_diags_free(&quiet);
    if (!t)
        return;
    size_t cap = c->cap;
    BC_GROW(c->nodes, c->cap, c->count + 1);
    BC_GROW(c->tpls, cap, c->count + 1);
    c->nodes[c->count] = v;
    c->tpls[c->count++] = t;
}

void bc_report_text_cache_fill(bc_report_text_cache *c, const bc_node *chung)
{
    static const char *const keys[] = {"trich_yeu", "noi_dung", "kinh_gui",
                                       "noi_nhan", NULL};
    for (int k = 0; keys[k]; k++) {
        const bc_node *v = bc_node_get(chung, keys[k]);
        if (v && v->kind == BC_LIST)
            for (size_t i = 0; i < v->count; i++)
                S_cache_add(c, v->items[i]);
        else
            S_cache_add(c, v);
    }
}

void bc_report_text_cache_free(bc_report_text_cache *c)
{
    for (size_t i = 0; i < c->count; i++)
        bc_mustache_free(c->tpls[i]);
    free(c->nodes);
    free(c->tpls);
    memset(c, 0, sizeof *c);
}

