/*
 * report.c - checks one report's data and derives what Decree 30 dictates
 * (see report.h).
 */
#include "report/report.h"
#include "report/body_table.h"
#include "report/body_markup.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "report/doc_types.h"
#include "report/report_lines.h"
#include "report/report_text.h"
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

void bc_report_cache_fill(bc_report_cache *c, const bc_node *chung)
{
    memset(c, 0, sizeof *c);
    bc_report_text_cache_fill(&c->texts, chung);
    bc_signature_cache_fill(&c->images, chung);
}

void bc_report_cache_free(bc_report_cache *c)
{
    bc_report_text_cache_free(&c->texts);
    bc_signature_cache_free(&c->images);
}

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
        if (it->kind == BC_MAP && it->count == 1 && it->entries[0].value->kind == BC_SCALAR) {
            /* - Lưu: VT, unquoted: read as a key and a value */
            const bc_entry *e = &it->entries[0];
            S_err(p, it, 0, 0,
                  _("item %zu of `%s` was read as a key and a value (`%s: %s`): a "
                    "text holding a colon and a space goes in double quotes: - \"%s: "
                    "%s\""),
                  i + 1, path, e->key, e->value->str, e->key, e->value->str);
            ok = false;
        } else if (it->kind == BC_LIST) {
            /* - - Phòng Nội vụ: a list inside the list */
            S_err(p, it, 0, 0,
                  _("item %zu of `%s` is a list inside the list (two dashes, `- - `): "
                    "write one dash; the program adds the \"- \" of each line itself"),
                  i + 1, path);
            ok = false;
        } else if (it->kind != BC_SCALAR || !bc_node_has_text(it)) {
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

/* A text template rendered against root (report_text.h). */
static bc_node *S_render(prep *p, const bc_node *v, const bc_node *root)
{
    bc_node *n = bc_report_text_render(p->a, v, root, p->lenient, p->cache, p->d);
    if (!n)
        p->failed = true;
    return n;
}

/* ky_bao_cao.tu_ngay or den_ngay as the clerk wrote it (an ISO date):
 * 1 with the date, 0 when absent, -1 after an error. */
static int S_period_date(prep *p, const bc_node *k, const char *key, int ymd[3])
{
    const bc_node *v = bc_node_get(k, key);
    if (!v || v->kind == BC_NULL)
        return 0;
    int rc = v->kind == BC_SCALAR
                 ? bc_text_rules_date_parse(v->str, v->len, &ymd[0], &ymd[1], &ymd[2])
                 : -1;
    if (rc == -1) {
        S_err(p, v, 0, 0,
              _("`ky_bao_cao.%s` must be a date written YYYY-MM-DD, e.g. 2023-12-14"),
              key);
        return -1;
    }
    if (rc == -2) {
        S_err(p, v, 0, 0, _("`ky_bao_cao.%s` %s is not a real date"), key, v->str);
        return -1;
    }
    return 1;
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
    /* every key is one the program knows: `so_thang: 9` misspelt, or a
     * kind of period it has no name for, must not give "năm 2023" */
    bool bad_key = false;
    for (size_t i = 0; i < k->count; i++) {
        const bc_entry *ke = &k->entries[i];
        /* a derived key (ten, ky_sau) is replaced; the review says so */
        if (bc_schema_has("ky_bao_cao", ke->key, NULL))
            continue;
        S_err(p, k, ke->line, ke->col,
              _("`ky_bao_cao` has no key `%s`: a period is `nam` with at most "
                "one of `nua`, `quy`, `thang` and `so_thang` (and `tu_ngay`, "
                "`den_ngay` for another cut-off)"),
              ke->key);
        bad_key = true;
    }
    if (bad_key)
        return;
    bc_period per = {0};
    const bc_node *v = bc_node_get(k, "nam");
    if (!v) {
        S_err(p, k, 0, 0, "%s", _("`ky_bao_cao` needs `nam` (the year)"));
        return;
    }
    if (!S_int(v, &per.nam) || per.nam < 1900 || per.nam > 2999) {
        S_err(p, v, 0, 0, _("`ky_bao_cao.nam` must be a year such as 2024, not "
                            "`%s`"),
              v->kind == BC_SCALAR ? v->str : bc_node_kind_name(v->kind));
        return;
    }
    struct {
        const char *key;
        int *dst, max;
    } parts[] = {{"nua", &per.nua, 2},
                 {"quy", &per.quy, 4},
                 {"thang", &per.thang, 12},
                 {"so_thang", &per.so_thang, 11}};
    const bc_node *first = NULL;
    for (int i = 0; i < 4; i++) {
        const bc_node *pv = bc_node_get(k, parts[i].key);
        if (!pv || pv->kind == BC_NULL)
            continue;
        if (first) {
            S_err(p, pv, 0, 0, "%s",
                  _("`ky_bao_cao` takes only one of `nua`, `quy`, `thang` and "
                    "`so_thang`"));
            return;
        }
        first = pv;
        if (!S_int(pv, parts[i].dst) || *parts[i].dst < 1 ||
            *parts[i].dst > parts[i].max) {
            S_err(p, pv, 0, 0,
                  _("`ky_bao_cao.%s` must be a number from 1 to %d, not `%s`"),
                  parts[i].key, parts[i].max,
                  pv->kind == BC_SCALAR ? pv->str : bc_node_kind_name(pv->kind));
            return;
        }
    }
    int from[3], to[3];
    bc_text_rules_period_window(&per, from, to);
    int wf = S_period_date(p, k, "tu_ngay", from);
    int wt = S_period_date(p, k, "den_ngay", to);
    if (wf < 0 || wt < 0)
        return;
    if (from[0] * 10000 + from[1] * 100 + from[2] > to[0] * 10000 + to[1] * 100 + to[2]) {
        const bc_node *at = bc_node_get(k, wt ? "den_ngay" : "tu_ngay");
        S_err(p, at ? at : k, 0, 0, "%s",
              _("the data cut-off ends before it starts (`ky_bao_cao.den_ngay` is "
                "before `tu_ngay`)"));
        return;
    }
    bc_buf ten = BC_BUF_INIT, sau = BC_BUF_INIT, tu = BC_BUF_INIT, den = BC_BUF_INIT;
    bc_text_rules_period_names(&per, &ten, &sau);
    bc_text_rules_short_date(&tu, from[0], from[1], from[2]);
    bc_text_rules_short_date(&den, to[0], to[1], to[2]);
    bc_node *copy = S_copy_map(p->a, k);
    S_set_buf(p->a, copy, "ten", &ten);
    S_set_buf(p->a, copy, "ky_sau", &sau);
    S_set_buf(p->a, copy, "tu_ngay", &tu);
    S_set_buf(p->a, copy, "den_ngay", &den);
    e->value = copy;
    bc_buf_free(&ten);
    bc_buf_free(&sau);
    bc_buf_free(&tu);
    bc_buf_free(&den);
}

static void S_body_tables(prep *p, const bc_node *src, const bc_node *out, bool ending);

/* ---- appendices (input.md 1.3.2) ----------------------------------------------- */

/* "Báo cáo" from "BÁO CÁO": the type's name as a sentence writes it. */
static void S_sentence_case(bc_buf *out, const char *name)
{
    size_t n;
    char *low = bc_utf8_lower(name, strlen(name), &n);
    size_t first = 1;
    while (first < n && ((unsigned char)low[first] & 0xC0) == 0x80)
        first++;
    size_t un;
    char *up = bc_utf8_upper(low, first < n ? first : n, &un);
    bc_buf_put(out, up, un);
    if (first < n)
        bc_buf_put(out, low + first, n - first);
    free(up);
    free(low);
}

/* phu_luc checked, and what each appendix derives before the body is
 * rendered (so that the body can cite {{phu_luc.0.so}}): so ("I", "II"...;
 * "" for a single appendix), tieu_de ("Phụ lục", "Phụ lục I") and kem_theo,
 * the reference line "(Kèm theo Báo cáo số 95/BC-UBND ngày 15 tháng 12
 * năm 2023 của Ủy ban nhân dân xã Cẩm Vũ)". */
static void S_appendices(prep *p, bc_node *root, const bc_doc_type *type,
                         const bc_report *r, const bc_node *co_quan)
{
    bc_entry *e = bc_node_entry(root, "phu_luc", 7);
    if (!e || e->value->kind == BC_NULL)
        return;
    const bc_node *list = e->value;
    if (list->kind != BC_LIST) {
        S_err(p, list, 0, 0, "%s",
              _("`phu_luc` must be a list of appendices, each with `ten` and "
                "`noi_dung`"));
        return;
    }
    bc_node *copy = bc_node_new(p->a, BC_LIST);
    copy->file = list->file;
    copy->line = list->line;
    copy->col = list->col;
    /* the reference line, the same for every appendix */
    bc_buf ref = BC_BUF_INIT;
    bc_buf_puts(&ref, "(Kèm theo ");
    if (type->name[0])
        S_sentence_case(&ref, type->name);
    else
        bc_buf_puts(&ref, "Công văn");
    bc_buf_puts(&ref, " số ");
    const bc_node *sk = bc_node_get(root, "so_ky_hieu");
    if (sk)
        bc_buf_put(&ref, sk->str, sk->len);
    bc_buf_putc(&ref, ' ');
    bc_text_rules_date_line(&ref, NULL, r->year ? r->year : r->period_year, r->month,
                            r->day);
    bc_buf_puts(&ref, " của ");
    bc_buf_put(&ref, co_quan->str, co_quan->len);
    bc_buf_putc(&ref, ')');
    for (size_t i = 0; i < list->count; i++) {
        const bc_node *it = list->items[i];
        if (it->kind != BC_MAP) {
            S_err(p, it, 0, 0,
                  _("appendix %zu of `phu_luc` must be a map with `ten` and "
                    "`noi_dung`"),
                  i + 1);
            continue;
        }
        static const char *const need[] = {"ten", "noi_dung"};
        bool ok = true;
        for (int k = 0; k < 2; k++) {
            const bc_node *v = bc_node_get(it, need[k]);
            if (!v || v->kind != BC_SCALAR || !bc_node_has_text(v)) {
                S_err(p, v ? v : it, 0, 0,
                      _("appendix %zu of `phu_luc` needs `%s`, a text (%s)"), i + 1,
                      need[k],
                      k == 0 ? _("its title, e.g. \"Kết quả giải quyết thủ tục hành "
                                 "chính\"")
                             : _("its content, written as the body is"));
                ok = false;
            }
        }
        const bc_node *ngang = bc_node_get(it, "ngang");
        if (ngang && ngang->kind != BC_NULL && ngang->kind != BC_BOOL) {
            S_err(p, ngang, 0, 0, "%s",
                  _("`ngang` of an appendix is true (a landscape page) or false"));
            ok = false;
        }
        if (!ok)
            continue;
        bc_node *c = S_copy_map(p->a, it);
        bc_buf b = BC_BUF_INIT;
        if (list->count > 1)
            bc_text_rules_roman(&b, (int)i + 1);
        S_set_buf(p->a, c, "so", &b);
        bc_buf_clear(&b);
        bc_buf_puts(&b, "Phụ lục");
        if (list->count > 1) {
            bc_buf_putc(&b, ' ');
            bc_text_rules_roman(&b, (int)i + 1);
        }
        S_set_buf(p->a, c, "tieu_de", &b);
        bc_buf_clear(&b);
        bc_buf_put(&b, ref.data, ref.len);
        S_set_buf(p->a, c, "kem_theo", &b);
        bc_buf_free(&b);
        bc_node_push(p->a, copy, c);
    }
    bc_buf_free(&ref);
    e->value = copy;
}

/* Each appendix's title and body rendered against the finished data, the
 * title's capitals derived (ten_in_hoa), the body's tables checked. */
static void S_appendix_texts(prep *p, bc_node *root)
{
    bc_node *list = (bc_node *)bc_node_get(root, "phu_luc");
    if (!list || list->kind != BC_LIST)
        return;
    for (size_t i = 0; i < list->count; i++) {
        bc_node *c = list->items[i];
        const bc_node *ten = bc_node_get(c, "ten");
        const bc_node *nd = bc_node_get(c, "noi_dung");
        bc_node *t = S_render(p, ten, root);
        if (t) {
            bc_node_set(p->a, c, "ten", 3, t);
            char *up = S_upper(t);
            S_set_text(p->a, c, "ten_in_hoa", up, strlen(up));
            free(up);
        }
        bc_node *body = S_render(p, nd, root);
        if (body) {
            bc_node_set(p->a, c, "noi_dung", 8, body);
            S_body_tables(p, nd, body, false);
        }
    }
}

/* Where a byte of the rendered body was written in the source: the
 * rendered line found as it is among the source's lines (a row written
 * out, not made by a section), else the source line holding the table's
 * header, else the start of the value. */
static size_t S_source_offset(const bc_node *src, const bc_node *out, size_t at,
                              size_t header_at)
{
    const char *r = out->str;
    size_t ls = at;
    while (ls > 0 && r[ls - 1] != '\n')
        ls--;
    size_t le = at;
    while (le < out->len && r[le] != '\n')
        le++;
    /* the line, trimmed as the body reader trims it */
    size_t a = ls, b = le;
    while (a < b && (r[a] == ' ' || r[a] == '\t' || r[a] == '\r'))
        a++;
    while (b > a && (r[b - 1] == ' ' || r[b - 1] == '\t' || r[b - 1] == '\r'))
        b--;
    if (src == out)
        return at;
    for (const char *p = src->str; b > a && (p = strstr(p, "|")) != NULL; p++) {
        size_t left = src->len - (size_t)(p - src->str);
        if (left >= b - a && memcmp(p, r + a, b - a) == 0 &&
            (p == src->str || p[-1] == '\n' || p[-1] == ' ' || p[-1] == '\t') &&
            (left == b - a || p[b - a] == '\n' || p[b - a] == '\r' ||
             p[b - a] == ' '))
            return (size_t)(p - src->str) + (at >= a ? at - a : 0);
    }
    return header_at;
}

/* The body read as the document will show it (after the mustache pass):
 * its tables' errors and warnings and the fixes made to its text, located
 * in the YAML file (the parse is the renderer's, shared). */
static void S_body_tables(prep *p, const bc_node *src, const bc_node *out, bool ending)
{
    const bc_body *bp = bc_body_markup_parse_shared(out->str, out->len, ending);
    const bc_body body = *bp;
    for (size_t i = 0; i < body.issue_count; i++) {
        const bc_table_issue *is = &body.issues[i];
        /* the table's header line, as a fallback place */
        size_t header_at = 0;
        for (size_t k = 0; k < body.count; k++)
            if (body.blocks[k].kind == BC_BLK_TABLE && body.blocks[k].line <= is->line) {
                size_t off = 0;
                for (int l = 1; l < body.blocks[k].line && off < out->len; off++)
                    if (out->str[off] == '\n')
                        l++;
                header_at = S_source_offset(src, out, off, 0);
            }
        size_t at = S_source_offset(src, out, is->offset, header_at);
        bc_diag *g = bc_diag_add(p->d, is->error ? BC_ERROR : BC_WARNING, p->file, 0, 0,
                                 "%s", is->msg);
        bc_report_text_locate(src, at, g);
        if (is->error)
            p->failed = true;
    }
}

int bc_report_prepare(bc_arena *a, const bc_node *input, bool lenient,
                      bc_report *out, bc_diags *d)
{
    return bc_report_prepare_cached(a, input, lenient, NULL, out, d);
}

int bc_report_prepare_cached(bc_arena *a, const bc_node *input, bool lenient,
                             const bc_report_cache *shared, bc_report *out,
                             bc_diags *d)
{
    const bc_report_text_cache *cache = shared ? &shared->texts : NULL;
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
    /* the signature space: what a template's paragraph {{nguoi_ky.khoang_ky}}
     * holds is written by the host (signature_wml.h); as text, nothing */
    bc_node_set(a, signer, "khoang_ky", 9, bc_node_scalar(a, "", 0));
    bc_node_set(a, root, "nguoi_ky", 8, signer);
    (void)ho_ten;
    if (bc_signature_read(a, input, shared ? &shared->images : NULL, &out->signature, d) != 0)
        p.failed = true;
    S_appendices(&p, root, type, out, co_quan);

    /* text templates, each rendered against the data so far */
    bc_node *ty = S_render(&p, trich_yeu, root);
    if (ty)
        bc_node_set(a, root, "trich_yeu", 9, ty);
    if (kinh_gui) {
        bc_node *kg = bc_report_text_render_items(a, kinh_gui, root, lenient, cache,
                                                  d, &p.failed);
        if (kg) { /* NULL after its errors */
            bc_node_set(a, root, "kinh_gui", 8, kg);
            bc_report_lines_kinh_gui(a, root, kg);
        }
    }
    bc_node *nn = bc_report_text_render_items(a, noi_nhan, root, lenient, cache, d,
                                              &p.failed);
    if (nn) { /* NULL after its errors */
        bc_node_set(a, root, "noi_nhan", 8, nn);
        bool nhu_tren = kinh_gui != NULL;
        if (nhu_tren && nn->kind == BC_LIST && nn->count &&
            bc_report_lines_is_nhu_tren(nn->items[0]))
            nhu_tren = false;
        if (nhu_tren && nn->kind == BC_SCALAR && bc_report_lines_is_nhu_tren(nn))
            nhu_tren = false;
        bc_node_set(a, root, "noi_nhan_dong", 13, bc_report_lines_dash(a, nn, nhu_tren));
    }
    bc_node *body = S_render(&p, noi_dung, root);
    if (body) {
        bc_node_set(a, root, "noi_dung", 8, body);
        S_body_tables(&p, noi_dung, body, true);
    }
    S_appendix_texts(&p, root);
    if (p.failed)
        return -1;
    out->data = root;
    out->title = ty ? ty->str : "";
    out->creator = co_quan->str;
    return 0;
}
