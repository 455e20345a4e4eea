/*
 * report.c - checks one report's data and derives what Decree 30 dictates
 * (see report.h).
 */
#include "report/report.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "report/doc_types.h"
#include "report/schema.h"
#include "base/i18n.h"
#include "mustache/mustache.h"
#include "input/node_view.h"
#include "report/text_rules.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct prep {
    bc_arena *a;
    bc_diags *d;
    const bc_node *in;
    const char *file;
    bool lenient;
    bool failed;
    const bc_report_text_cache *cache; /* compiled text templates of `chung` */
} prep;

static void S_err(prep *p, const bc_node *at, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void S_err(prep *p, const bc_node *at, int line, int col,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (at && !line) {
        line = at->line;
        col = at->col;
    }
    bc_diag_vadd(p->d, BC_ERROR, at && at->file ? at->file : p->file, line,
                 col, fmt, ap);
    va_end(ap);
    p->failed = true;
}

/* ---- shape checks ---------------------------------------------------------- */

/* Returns the scalar for a required text key, or NULL after an error. */
static const bc_node *S_need_text(prep *p, const bc_node *map, const char *key,
                                  const char *path)
{
    const bc_entry *e = bc_node_entry(map, key, strlen(key));
    if (!e) {
        S_err(p, map, 0, 0, _("missing required key `%s` (%s)"), path,
              bc_schema_hint(path));
        return NULL;
    }
    if (e->value->kind == BC_SCALAR && bc_node_has_text(e->value))
        return e->value;
    if (e->value->kind == BC_SCALAR || e->value->kind == BC_NULL)
        S_err(p, e->value, e->line, e->col,
              _("`%s` is empty; a report cannot leave it blank (%s)"), path,
              bc_schema_hint(path));
    else
        S_err(p, e->value, 0, 0, _("`%s` must be a text, not %s"), path,
              _(bc_node_kind_name(e->value->kind)));
    return NULL;
}

static const bc_node *S_opt_text(prep *p, const bc_node *map, const char *key)
{
    const bc_node *v = bc_node_get(map, key);
    if (!v || v->kind == BC_NULL)
        return NULL;
    if (v->kind != BC_SCALAR) {
        S_err(p, v, 0, 0, _("`%s` must be a text, not %s"), key,
              _(bc_node_kind_name(v->kind)));
        return NULL;
    }
    return v;
}

/* A text or a list of texts (chuc_danh, kinh_gui, noi_nhan). */
static bool S_text_or_list(prep *p, const bc_node *v, const char *path)
{
    if (v->kind == BC_SCALAR)
        return true;
    if (v->kind != BC_LIST) {
        S_err(p, v, 0, 0, _("`%s` must be a text or a list of texts, not %s"),
              path, _(bc_node_kind_name(v->kind)));
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < v->count; i++) {
        const bc_node *it = v->items[i];
        if (it->kind != BC_SCALAR || !bc_node_has_text(it)) {
            S_err(p, it, 0, 0, _("item %zu of `%s` must be a non-empty text"),
                  i + 1, path);
            ok = false;
        }
    }
    if (v->count == 0) {
        S_err(p, v, 0, 0, _("`%s` is an empty list"), path);
        ok = false;
    }
    return ok;
}

/* Reads a whole number from a scalar; false when it is not one. */
static bool S_int(const bc_node *v, int *out)
{
    if (!v || v->kind != BC_SCALAR || v->len == 0 || v->len > 6)
        return false;
    int n = 0;
    for (size_t i = 0; i < v->len; i++) {
        if (v->str[i] < '0' || v->str[i] > '9')
            return false;
        n = n * 10 + (v->str[i] - '0');
    }
    *out = n;
    return true;
}

/* ---- copy-on-write helpers ----------------------------------------------- */

static bc_node *S_copy_map(bc_arena *a, const bc_node *m)
{
    bc_node *c = bc_node_new(a, BC_MAP);
    c->line = m->line;
    c->col = m->col;
    c->file = m->file;
    for (size_t i = 0; i < m->count; i++) {
        bc_entry *e = bc_node_set(a, c, m->entries[i].key, m->entries[i].key_len,
                                 m->entries[i].value);
        e->line = m->entries[i].line;
        e->col = m->entries[i].col;
    }
    return c;
}

static void S_set_text(bc_arena *a, bc_node *map, const char *key,
                       const char *s, size_t n)
{
    bc_node *v = bc_node_scalar(a, s, n);
    bc_node_set(a, map, key, strlen(key), v);
}

static void S_set_buf(bc_arena *a, bc_node *map, const char *key, bc_buf *b)
{
    S_set_text(a, map, key, bc_buf_cstr(b), b->len);
}

static char *S_upper(const bc_node *v)
{
    size_t n;
    return bc_utf8_upper(v->str, v->len, &n);
}

/* ---- text templates in values ---------------------------------------------- */

/* Maps an offset of a scalar's text to its line and column in the file. */
static void S_locate_in_scalar(void *closure, size_t offset, bc_diag *g)
{
    const bc_node *v = closure;
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

/* Renders a scalar as a mustache text template against root. Returns a new
 * scalar node (same position), or NULL after errors. */
/* Compiles a scalar as a text template, its errors located in the file. */
static bc_mtpl *S_compile_text(const bc_node *v, bc_diags *d)
{
    bc_mopts mo;
    memset(&mo, 0, sizeof mo);
    mo.name = v->file;
    mo.locate = S_locate_in_scalar;
    mo.locate_closure = (void *)v;
    return bc_mustache_compile(v->str, v->len, &mo, d);
}

/* The cached program of node v, when the cache holds this very node. */
static const bc_mtpl *S_cached(const bc_report_text_cache *c, const bc_node *v)
{
    for (size_t i = 0; c && i < c->count; i++)
        if (c->nodes[i] == v)
            return c->tpls[i];
    return NULL;
}

static bc_node *S_render_text(prep *p, const bc_node *v, const bc_node *root)
{
    if (!memchr(v->str, '{', v->len))
        return (bc_node *)v;
    const bc_mtpl *cached = S_cached(p->cache, v);
    bc_mtpl *own = cached ? NULL : S_compile_text(v, p->d);
    const bc_mtpl *t = cached ? cached : own;
    if (!t) {
        p->failed = true;
        return NULL;
    }
    bc_buf out = BC_BUF_INIT;
    bc_mapply ap;
    memset(&ap, 0, sizeof ap);
    ap.data = &bc_node_view;
    ap.root = root;
    ap.escape = bc_mustache_escape_none;
    ap.lenient = p->lenient;
    ap.diags = p->d;
    int rc = bc_mustache_apply(t, &ap, &out);
    bc_mustache_free(own);
    if (rc != 0) {
        bc_buf_free(&out);
        p->failed = true;
        return NULL;
    }
    bc_node *n = bc_node_scalar(p->a, bc_buf_cstr(&out), out.len);
    n->line = v->line;
    n->col = v->col;
    n->file = v->file;
    n->style = v->style;
    n->indent = v->indent;
    bc_buf_free(&out);
    return n;
}

/* Renders a text or each item of a list. */
static bc_node *S_render_text_or_list(prep *p, const bc_node *v,
                                      const bc_node *root)
{
    if (v->kind == BC_SCALAR)
        return S_render_text(p, v, root);
    bc_node *list = bc_node_new(p->a, BC_LIST);
    list->line = v->line;
    list->col = v->col;
    list->file = v->file;
    for (size_t i = 0; i < v->count; i++) {
        bc_node *it = S_render_text(p, v->items[i], root);
        if (it)
            bc_node_push(p->a, list, it);
    }
    return list;
}

/* ---- derived lines ------------------------------------------------------------ */

void bc_report_lines_item_text(const bc_node *it, const char **s, size_t *n)
{
    const char *t = it->str;
    size_t len = it->len;
    while (len && (*t == ' ' || *t == '\t'))
        t++, len--;
    if (len >= 2 && t[0] == '-' && t[1] == ' ')
        t += 2, len -= 2;
    while (len && (t[len - 1] == ' ' || t[len - 1] == '\t' || t[len - 1] == '\n'))
        len--;
    if (len && (t[len - 1] == ';' || t[len - 1] == '.'))
        len--;
    *s = t;
    *n = len;
}

static bool S_is_nhu_tren(const bc_node *it)
{
    const char *s;
    size_t n;
    bc_report_lines_item_text(it, &s, &n);
    return n == strlen("Như trên") && memcmp(s, "Như trên", n) == 0;
}

/* "- item;" lines, the last ending with "." */
static bc_node *S_dash_lines(bc_arena *a, const bc_node *items, bool nhu_tren)
{
    bc_node *list = bc_node_new(a, BC_LIST);
    size_t n = items->kind == BC_LIST ? items->count : 1;
    size_t total = n + (nhu_tren ? 1 : 0);
    for (size_t i = 0; i < total; i++) {
        bc_buf b = BC_BUF_INIT;
        const char *s = "Như trên";
        size_t len = strlen(s);
        if (!nhu_tren || i > 0) {
            const bc_node *it = items->kind == BC_LIST
                                    ? items->items[i - (nhu_tren ? 1 : 0)]
                                    : items;
            bc_report_lines_item_text(it, &s, &len);
        }
        bc_buf_puts(&b, "- ");
        bc_buf_put(&b, s, len);
        bc_buf_putc(&b, i + 1 == total ? '.' : ';');
        bc_node_push(a, list, bc_node_scalar(a, bc_buf_cstr(&b), b.len));
        bc_buf_free(&b);
    }
    return list;
}

static void S_period(prep *p, bc_node *root)
{
    bc_entry *e = bc_node_entry(root, "ky_bao_cao", 10);
    if (!e || e->value->kind == BC_NULL)
        return;
    const bc_node *k = e->value;
    if (k->kind != BC_MAP) {
        S_err(p, k, 0, 0, "%s",
              _("`ky_bao_cao` must be a map such as {nam: 2023, nua: 1}"));
        return;
    }
    int nam = 0, nua = 0, quy = 0, thang = 0, given = 0;
    const bc_node *v = bc_node_get(k, "nam");
    if (!v) {
        S_err(p, k, 0, 0, "%s", _("`ky_bao_cao` needs `nam` (the year)"));
        return;
    }
    if (!S_int(v, &nam) || nam < 1900 || nam > 2999) {
        S_err(p, v, 0, 0, _("`ky_bao_cao.nam` must be a year such as 2024, not "
                            "`%s`"),
              v->kind == BC_SCALAR ? v->str : bc_node_kind_name(v->kind));
        return;
    }
    struct {
        const char *key;
        int *dst, max;
    } parts[] = {{"nua", &nua, 2}, {"quy", &quy, 4}, {"thang", &thang, 12}};
    for (int i = 0; i < 3; i++) {
        const bc_node *pv = bc_node_get(k, parts[i].key);
        if (!pv || pv->kind == BC_NULL)
            continue;
        given++;
        if (!S_int(pv, parts[i].dst) || *parts[i].dst < 1 ||
            *parts[i].dst > parts[i].max) {
            S_err(p, pv, 0, 0,
                  _("`ky_bao_cao.%s` must be a number from 1 to %d, not `%s`"),
                  parts[i].key, parts[i].max,
                  pv->kind == BC_SCALAR ? pv->str : bc_node_kind_name(pv->kind));
            return;
        }
    }
    if (given > 1) {
        S_err(p, k, 0, 0, "%s",
              _("`ky_bao_cao` takes only one of `nua`, `quy` and `thang`"));
        return;
    }
    bc_buf ten = BC_BUF_INIT, sau = BC_BUF_INIT;
    bc_text_rules_period_names(nam, nua, quy, thang, &ten, &sau);
    bc_node *copy = S_copy_map(p->a, k);
    S_set_buf(p->a, copy, "ten", &ten);
    S_set_buf(p->a, copy, "ky_sau", &sau);
    e->value = copy;
    bc_buf_free(&ten);
    bc_buf_free(&sau);
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

int bc_report_prepare(bc_arena *a, const bc_node *input, bool lenient,
                      bc_report *out, bc_diags *d)
{
    return bc_report_prepare_cached(a, input, lenient, NULL, out, d);
}

int bc_report_prepare_cached(bc_arena *a, const bc_node *input, bool lenient,
                             const bc_report_text_cache *cache, bc_report *out,
                             bc_diags *d)
{
    prep p = {a, d, input, input ? input->file : NULL, lenient, false, cache};
    memset(out, 0, sizeof *out);
    if (!input || input->kind != BC_MAP) {
        S_err(&p, input, input ? 0 : 1, input ? 0 : 1, "%s",
              _("a report must be a map of keys (co_quan: ..., noi_dung: ...)"));
        return -1;
    }
    /* the required shape */
    const bc_node *co_quan = S_need_text(&p, input, "co_quan", "co_quan");
    const bc_node *ky_hieu = S_need_text(&p, input, "ky_hieu_co_quan", "ky_hieu_co_quan");
    const bc_node *dia_danh = S_need_text(&p, input, "dia_danh", "dia_danh");
    const bc_node *trich_yeu = S_need_text(&p, input, "trich_yeu", "trich_yeu");
    const bc_node *noi_dung = S_need_text(&p, input, "noi_dung", "noi_dung");
    const bc_node *chu_quan = S_opt_text(&p, input, "co_quan_chu_quan");
    const bc_node *noi_nhan = bc_node_get(input, "noi_nhan");
    if (!noi_nhan || noi_nhan->kind == BC_NULL) {
        S_err(&p, noi_nhan ? noi_nhan : input, 0, 0,
              _("missing required key `%s` (%s)"), "noi_nhan", bc_schema_hint("noi_nhan"));
        noi_nhan = NULL;
    } else if (!S_text_or_list(&p, noi_nhan, "noi_nhan")) {
        noi_nhan = NULL;
    }
    const bc_node *kinh_gui = bc_node_get(input, "kinh_gui");
    if (kinh_gui && (kinh_gui->kind == BC_NULL ||
                     !S_text_or_list(&p, kinh_gui, "kinh_gui")))
        kinh_gui = NULL;
    const bc_node *nguoi_ky = bc_node_get(input, "nguoi_ky");
    const bc_node *chuc_danh = NULL, *ho_ten = NULL;
    if (!nguoi_ky || nguoi_ky->kind != BC_MAP) {
        if (nguoi_ky && nguoi_ky->kind != BC_NULL)
            S_err(&p, nguoi_ky, 0, 0, _("`nguoi_ky` must be a map with "
                                        "`chuc_danh` and `ho_ten`, not %s"),
                  _(bc_node_kind_name(nguoi_ky->kind)));
        else
            S_err(&p, nguoi_ky ? nguoi_ky : input, 0, 0,
                  _("missing required key `%s` (%s)"), "nguoi_ky",
                  bc_schema_hint("nguoi_ky"));
        nguoi_ky = NULL;
    } else {
        chuc_danh = bc_node_get(nguoi_ky, "chuc_danh");
        if (!chuc_danh || chuc_danh->kind == BC_NULL) {
            S_err(&p, nguoi_ky, 0, 0, _("missing required key `%s` (%s)"),
                  "nguoi_ky.chuc_danh", bc_schema_hint("nguoi_ky.chuc_danh"));
            chuc_danh = NULL;
        } else if (!S_text_or_list(&p, chuc_danh, "nguoi_ky.chuc_danh")) {
            chuc_danh = NULL;
        }
        ho_ten = S_need_text(&p, nguoi_ky, "ho_ten", "nguoi_ky.ho_ten");
    }
    /* the document type */
    const bc_doc_type *type = bc_doc_types_find("bao_cao");
    const bc_node *loai = S_opt_text(&p, input, "loai");
    if (loai) {
        type = bc_doc_types_find(loai->str);
        if (!type) {
            bc_buf known = BC_BUF_INIT;
            for (const bc_doc_type *t = bc_doc_types; t->key; t++)
                bc_buf_printf(&known, "%s%s", known.len ? ", " : "", t->key);
            S_err(&p, loai, 0, 0, _("unknown `loai` `%s` (known: %s)"), loai->str,
                  bc_buf_cstr(&known));
            bc_buf_free(&known);
        }
    }
    /* the date */
    const bc_node *ngay = bc_node_get(input, "ngay");
    if (ngay && ngay->kind != BC_NULL) {
        int rc = ngay->kind == BC_SCALAR
                     ? bc_text_rules_date_parse(ngay->str, ngay->len, &out->year,
                                     &out->month, &out->day)
                     : -1;
        if (rc == -1)
            S_err(&p, ngay, 0, 0,
                  _("`ngay` must be a date written YYYY-MM-DD, e.g. 2023-12-15"));
        else if (rc == -2)
            S_err(&p, ngay, 0, 0, _("`ngay` %s is not a real date"), ngay->str);
    }
    const bc_node *so = bc_node_get(input, "so");
    if (so && so->kind != BC_NULL && so->kind != BC_SCALAR) {
        S_err(&p, so, 0, 0, _("`so` must be a number such as 17 or 57a, not %s"),
              _(bc_node_kind_name(so->kind)));
        so = NULL;
    }

    bc_node *root = S_copy_map(a, input);
    S_period(&p, root);
    if (p.failed)
        return -1;

    /* derived lines */
    const bc_node *kbc = bc_node_get(root, "ky_bao_cao");
    int nam = 0;
    if (kbc && kbc->kind == BC_MAP)
        S_int(bc_node_get(kbc, "nam"), &nam);
    out->period_year = nam;
    S_set_text(a, root, "ten_loai", type->name, strlen(type->name));
    S_set_text(a, root, "ky_hieu_loai", type->code, strlen(type->code));
    bc_buf b = BC_BUF_INIT;
    bc_text_rules_number(&b, so && so->kind == BC_SCALAR ? so->str : "",
                   so && so->kind == BC_SCALAR ? so->len : 0);
    bc_buf_putc(&b, '/');
    if (type->code[0])
        bc_buf_printf(&b, "%s-", type->code);
    bc_buf_put(&b, ky_hieu->str, ky_hieu->len);
    S_set_buf(a, root, "so_ky_hieu", &b);
    bc_buf_clear(&b);
    bc_text_rules_date_line(&b, dia_danh->str, out->year ? out->year : nam, out->month,
                 out->day);
    S_set_buf(a, root, "dong_ngay", &b);
    bc_buf_free(&b);
    char *up = S_upper(co_quan);
    S_set_text(a, root, "co_quan_in_hoa", up, strlen(up));
    free(up);
    if (chu_quan && bc_node_has_text(chu_quan)) {
        up = S_upper(chu_quan);
        S_set_text(a, root, "co_quan_chu_quan_in_hoa", up, strlen(up));
        free(up);
    }
    bc_node *signer = S_copy_map(a, nguoi_ky);
    bc_node *titles = bc_node_new(a, BC_LIST);
    for (size_t i = 0; i < (chuc_danh->kind == BC_LIST ? chuc_danh->count : 1); i++) {
        const bc_node *line = chuc_danh->kind == BC_LIST ? chuc_danh->items[i] : chuc_danh;
        up = S_upper(line);
        bc_node_push(a, titles, bc_node_scalar(a, up, strlen(up)));
        free(up);
    }
    bc_node_set(a, signer, "chuc_danh_in_hoa", 16, titles);
    bc_node_set(a, root, "nguoi_ky", 8, signer);
    (void)ho_ten;

    /* text templates, each rendered against the data so far */
    bc_node *ty = S_render_text(&p, trich_yeu, root);
    if (ty)
        bc_node_set(a, root, "trich_yeu", 9, ty);
    if (kinh_gui) {
        bc_node *kg = S_render_text_or_list(&p, kinh_gui, root);
        bc_node_set(a, root, "kinh_gui", 8, kg);
        /* one addressee: "Kính gửi: X" on one line (kinh_gui_mot); several:
         * the label alone (kinh_gui_nhan) and "- X;" lines whose dashes
         * stand under its colon (kinh_gui_muc); kinh_gui_dong has them all */
        bc_node *lines = bc_node_new(a, BC_LIST);
        if (kg->kind == BC_SCALAR || kg->count == 1) {
            const bc_node *one = kg->kind == BC_SCALAR ? kg : kg->items[0];
            const char *s;
            size_t n;
            bc_report_lines_item_text(one, &s, &n);
            bc_buf kb = BC_BUF_INIT;
            bc_buf_puts(&kb, "Kính gửi: ");
            bc_buf_put(&kb, s, n);
            bc_node *line = bc_node_scalar(a, bc_buf_cstr(&kb), kb.len);
            bc_node_push(a, lines, line);
            bc_node_set(a, root, "kinh_gui_mot", 12, line);
            bc_buf_free(&kb);
        } else {
            bc_node *label = bc_node_scalar(a, "Kính gửi:", strlen("Kính gửi:"));
            bc_node_push(a, lines, label);
            bc_node_set(a, root, "kinh_gui_nhan", 13, label);
            bc_node *dl = S_dash_lines(a, kg, false);
            for (size_t i = 0; i < dl->count; i++)
                bc_node_push(a, lines, dl->items[i]);
            bc_node_set(a, root, "kinh_gui_muc", 12, dl);
        }
        bc_node_set(a, root, "kinh_gui_dong", 13, lines);
    }
    bc_node *nn = S_render_text_or_list(&p, noi_nhan, root);
    bc_node_set(a, root, "noi_nhan", 8, nn);
    bool nhu_tren = kinh_gui != NULL;
    if (nhu_tren && nn->kind == BC_LIST && nn->count && S_is_nhu_tren(nn->items[0]))
        nhu_tren = false;
    if (nhu_tren && nn->kind == BC_SCALAR && S_is_nhu_tren(nn))
        nhu_tren = false;
    bc_node_set(a, root, "noi_nhan_dong", 13, S_dash_lines(a, nn, nhu_tren));
    bc_node *body = S_render_text(&p, noi_dung, root);
    if (body)
        bc_node_set(a, root, "noi_dung", 8, body);
    if (p.failed)
        return -1;
    out->data = root;
    out->title = ty ? ty->str : "";
    out->creator = co_quan->str;
    return 0;
}
