/*
 * check.c - the Decree 30 review of one report's input (see check.h): the
 * review's context (document type, date, reporting period), the placing
 * of findings on YAML nodes, the text tests the rules share, and findings
 * sorted by position. The rules themselves live in check_*.c, one concern
 * per file.
 */
#include "report/check.h"
#include "report/check_int.h"

#include "base/xalloc.h"
#include "report/report.h"
#include "base/buf.h"
#include "report/text_rules.h"
#include "base/utf8.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- placing findings ------------------------------------------------------ */

static void S_vadd(bc_check_ctx *c, bc_severity sev, const char *id, const char *file,
                   int line, int col, const char *fmt, va_list ap)
{
    bc_diag *g = bc_diag_vadd(c->d, sev, file, line, col, fmt, ap);
    bc_diag_set_id(g, id);
    if (sev == BC_ERROR)
        c->errors++;
}

void bc_check_at(bc_check_ctx *c, bc_severity sev, const char *id, const bc_node *at,
               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    S_vadd(c, sev, id, at->file, at->line, at->col, fmt, ap);
    va_end(ap);
}

void bc_check_pos(bc_check_ctx *c, bc_severity sev, const char *id,
                const bc_node *at_file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    S_vadd(c, sev, id, at_file->file, line, col, fmt, ap);
    va_end(ap);
}

void bc_check_key(bc_check_ctx *c, bc_severity sev, const char *id, const bc_node *map,
                const bc_entry *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    /* The value's file: a merged batch entry keeps the key of its source. */
    const char *file = e->value && e->value->file ? e->value->file : map->file;
    S_vadd(c, sev, id, file, e->line, e->col, fmt, ap);
    va_end(ap);
}

/* The convention of report.c's S_locate_in_scalar: a block scalar's text
 * starts on the line after its indicator, at its indentation; a flow
 * scalar's on its own line, after the quote if any. */
void bc_check_locate(bc_check_ctx *c, const bc_node *v, size_t off, int *line, int *col)
{
    int nl = 0;
    size_t line_start = 0;
    size_t upto = off < v->len ? off : v->len;
    const char *p;
    while ((p = memchr(v->str + line_start, '\n', upto - line_start)) != NULL) {
        nl++;
        line_start = (size_t)(p - v->str) + 1;
    }
    int chars = (int)bc_check_words_chars(v->str + line_start,
                                  (off < v->len ? off : v->len) - line_start);
    if (v->style == '|') {
        *line = v->line + 1 + nl;
        *col = v->indent + 1 + chars;
    } else if (v->style == '>') {
        /* folding joined the lines before the first empty one: past it,
         * the value's line breaks are not the file's */
        *line = v->line + 1;
        *col = v->indent + 1 + (nl ? 0 : chars);
    } else if (nl == 0) {
        *line = v->line;
        *col = v->col + (v->style == 'p' ? 0 : 1) + chars;
    } else {
        /* a line break of a quoted or plain value is an escape ("\n") or
         * an empty line, not a line of the file: the value's start */
        *line = v->line;
        *col = v->col;
    }
}

size_t bc_check_line_start(const bc_node *v, int line)
{
    size_t i = 0;
    for (int l = 1; l < line && i < v->len; l++) {
        const char *p = memchr(v->str + i, '\n', v->len - i);
        i = p ? (size_t)(p - v->str) + 1 : v->len;
    }
    while (i < v->len && (v->str[i] == ' ' || v->str[i] == '\t'))
        i++;
    return i;
}

/* ---- values ------------------------------------------------------------------ */

const bc_node *bc_check_value(const bc_node *map, const char *key)
{
    const bc_node *v = bc_node_get(map, key);
    return v && v->kind == BC_SCALAR && bc_node_has_text(v) ? v : NULL;
}

size_t bc_check_count(const bc_node *v)
{
    if (!v)
        return 0;
    if (v->kind == BC_LIST)
        return v->count;
    return v->kind == BC_SCALAR ? 1 : 0;
}

const bc_node *bc_check_item(const bc_node *v, size_t i)
{
    return v->kind == BC_LIST ? v->items[i] : v;
}

/* ---- the review ---------------------------------------------------------------- */

/* Reads a whole number of at most 4 digits; -1 otherwise. */
static int S_small_int(const bc_node *v)
{
    if (!v || v->kind != BC_SCALAR || v->len == 0 || v->len > 4)
        return -1;
    int n = 0;
    for (size_t i = 0; i < v->len; i++) {
        if (v->str[i] < '0' || v->str[i] > '9')
            return -1;
        n = n * 10 + (v->str[i] - '0');
    }
    return n;
}

/* The first month of the reporting period, when it is valid. */
static void S_period_start(bc_check_ctx *c)
{
    const bc_node *k = bc_node_get(c->in, "ky_bao_cao");
    if (!k || k->kind != BC_MAP)
        return;
    int nam = S_small_int(bc_node_get(k, "nam"));
    if (nam < 1900 || nam > 2999)
        return;
    int month = 1, given = 0;
    static const struct {
        const char *key;
        int max, width;
    } parts[] = {{"nua", 2, 6}, {"quy", 4, 3}, {"thang", 12, 1}, {"so_thang", 11, 0}};
    for (int i = 0; i < 4; i++) {
        const bc_node *v = bc_node_get(k, parts[i].key);
        if (!v || v->kind == BC_NULL)
            continue;
        int n = S_small_int(v);
        if (n < 1 || n > parts[i].max)
            return;
        month = (n - 1) * parts[i].width + 1;
        given++;
    }
    if (given > 1)
        return;
    c->py = nam;
    c->pm = month;
}

typedef struct ranked {
    bc_diag *g;
    size_t order;
} ranked;

static int S_by_position(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    int f = strcmp(a->g->file ? a->g->file : "", b->g->file ? b->g->file : "");
    if (f != 0)
        return f;
    if (a->g->line != b->g->line)
        return a->g->line < b->g->line ? -1 : 1;
    if (a->g->col != b->g->col)
        return a->g->col < b->g->col ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* Moves the findings of src into dst in the order of their positions. */
static void S_take_sorted(bc_diags *dst, bc_diags *src)
{
    size_t n = 0;
    for (bc_diag *g = src->head; g; g = g->next)
        n++;
    if (n > 1) {
        ranked *r = bc_xmalloc(n * sizeof *r);
        size_t i = 0;
        for (bc_diag *g = src->head; g; g = g->next, i++)
            r[i] = (ranked){g, i};
        qsort(r, n, sizeof *r, S_by_position);
        src->head = r[0].g;
        for (i = 0; i + 1 < n; i++)
            r[i].g->next = r[i + 1].g;
        r[n - 1].g->next = NULL;
        src->tail = r[n - 1].g;
        free(r);
    }
    bc_diags_take(dst, src);
}

int bc_check_report(const bc_node *input, bc_diags *d)
{
    if (!input || input->kind != BC_MAP)
        return 0;
    bc_diags found = BC_DIAGS_INIT;
    bc_check_ctx c;
    memset(&c, 0, sizeof c);
    c.in = input;
    c.d = &found;
    c.type = bc_doc_types_find("bao_cao");
    const bc_node *loai = bc_node_get(input, "loai");
    if (loai && loai->kind == BC_SCALAR)
        c.type = bc_doc_types_find(loai->str);
    else if (loai && loai->kind != BC_NULL)
        c.type = NULL;
    const bc_node *ngay = bc_node_get(input, "ngay");
    if (ngay && ngay->kind == BC_SCALAR &&
        bc_text_rules_date_parse(ngay->str, ngay->len, &c.y, &c.m, &c.day) != 0)
        c.y = c.m = c.day = 0;
    S_period_start(&c);

    bc_check_text_keys(&c);
    bc_check_header(&c);
    bc_check_header_summary(&c);
    bc_check_body(&c);
    bc_check_closing_signer(&c);
    bc_check_closing_recipients(&c);
    bc_check_reform(&c);
    bc_check_text_spaces(&c);
    bc_check_spelling(&c);

    S_take_sorted(d, &found);
    return c.errors;
}

int bc_check_input_cached(bc_arena *a, const bc_node *input,
                          const struct bc_report_cache *cache, bc_node **data,
                          bc_diags *d)
{
    size_t before = d->errors;
    bc_check_report(input, d);
    bc_report r;
    *data = bc_report_prepare_cached(a, input, false, cache, &r, d) == 0 ? r.data : NULL;
    return (int)(d->errors - before);
}

int bc_check_input_data(bc_arena *a, const bc_node *input, bc_node **data,
                        bc_diags *d)
{
    return bc_check_input_cached(a, input, NULL, data, d);
}

int bc_check_input(bc_arena *a, const bc_node *input, bc_diags *d)
{
    bc_node *data;
    return bc_check_input_data(a, input, &data, d);
}
