/*
 * batch_summary.c - the summary report's data (see batch_summary.h): the
 * entries kept by index as they finish, then danh_sach and tong built
 * from them in the batch's order.
 */
#include "app/batch_summary.h"
#include "app/batch_source.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/vn_number.h"
#include "base/xalloc.h"
#include "report/report.h"
#include "report/schema.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Names of lacking entries the error spells out; the rest are counted. */
#define LACK_NAMED 10

typedef struct lack {
    size_t index;
    char *name;
} lack;

/* One path of the entries' data, summed over them. */
typedef struct sum_path {
    char *path;               /* "so_lieu.tin_bai" (in the arena) */
    bc_vn_sum sum;
    bool numeric;             /* every value so far read as a number */
    bool any;                 /* one did (not only empty values) */
} sum_path;

struct bc_batch_summary {
    bc_arena arena;           /* the kept entries, the summary's input */
    bc_node **kept;           /* by index - 1; NULL: not (yet) kept */
    size_t kept_cap, kept_count;
    lack *lacking;
    size_t lack_count, lack_cap;
    bool lack_sorted;
    /* the paths being summed: open addressing, and their first-seen order */
    size_t *slots;            /* 0 free, else 1 + an index into paths */
    size_t slot_cap;
    sum_path *paths;
    size_t path_count, path_cap;
};

bc_batch_summary *bc_batch_summary_new(void)
{
    bc_batch_summary *s = bc_xcalloc(1, sizeof *s);
    s->arena = (bc_arena)BC_ARENA_INIT;
    return s;
}

void bc_batch_summary_free(bc_batch_summary *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->lack_count; i++)
        free(s->lacking[i].name);
    free(s->lacking);
    free(s->kept);
    free(s->slots);
    free(s->paths);
    bc_arena_free(&s->arena);
    free(s);
}

/* The entry's data without its documents' text: the body and the
 * appendices are what make a report large, and the summary lists figures. */
static bc_node *S_copy_entry(bc_arena *a, const bc_node *data)
{
    bc_node *c = bc_node_new(a, BC_MAP);
    c->file = data->file;
    c->line = data->line;
    c->col = data->col;
    for (size_t i = 0; i < data->count; i++) {
        const bc_entry *e = &data->entries[i];
        if (strcmp(e->key, "noi_dung") == 0 || strcmp(e->key, "phu_luc") == 0 ||
            strcmp(e->key, "stt") == 0)
            continue;
        bc_entry *ce = bc_node_set(a, c, e->key, e->key_len, bc_node_clone(a, e->value));
        ce->line = e->line;
        ce->col = e->col;
    }
    return c;
}

void bc_batch_summary_keep(bc_batch_summary *s, size_t index, const bc_node *data)
{
    if (!data || data->kind != BC_MAP || index == 0)
        return;
    if (index > s->kept_cap) {
        size_t cap = s->kept_cap ? s->kept_cap : 64;
        while (cap < index)
            cap *= 2;
        s->kept = bc_xrealloc(s->kept, cap * sizeof *s->kept);
        memset(s->kept + s->kept_cap, 0, (cap - s->kept_cap) * sizeof *s->kept);
        s->kept_cap = cap;
    }
    if (!s->kept[index - 1])
        s->kept_count++;
    s->kept[index - 1] = S_copy_entry(&s->arena, data);
}

void bc_batch_summary_lack(bc_batch_summary *s, size_t index, const char *name)
{
    if (s->lack_count == s->lack_cap) {
        s->lack_cap = s->lack_cap ? 2 * s->lack_cap : 16;
        s->lacking = bc_xrealloc(s->lacking, s->lack_cap * sizeof *s->lacking);
    }
    s->lack_sorted = false;
    s->lacking[s->lack_count].index = index;
    s->lacking[s->lack_count].name = bc_xstrdup(name ? name : "");
    s->lack_count++;
}

size_t bc_batch_summary_kept(const bc_batch_summary *s)
{
    return s->kept_count;
}

size_t bc_batch_summary_lacking(const bc_batch_summary *s)
{
    return s->lack_count;
}

/* ---- reading the batch again --------------------------------------------------- */

static int S_by_index(const void *x, const void *y)
{
    const lack *a = x, *b = y;
    return a->index < b->index ? -1 : a->index > b->index;
}

static bool S_lacks(bc_batch_summary *s, size_t index)
{
    if (!s->lack_sorted) {
        qsort(s->lacking, s->lack_count, sizeof *s->lacking, S_by_index);
        s->lack_sorted = true;
    }
    lack key = {index, NULL};
    return s->lack_count &&
           bsearch(&key, s->lacking, s->lack_count, sizeof *s->lacking, S_by_index);
}

int bc_batch_summary_collect(bc_batch_summary *s, const char *path, bc_diags *d)
{
    bc_batch_source *src = bc_batch_source_open(path, d);
    if (!src)
        return -1;
    bc_arena a = BC_ARENA_INIT;
    bc_report_text_cache texts;
    memset(&texts, 0, sizeof texts);
    bool filled = false;
    int rc = 0;
    for (size_t index = 1;; index++) {
        bc_node *entry = NULL;
        bc_diags found = BC_DIAGS_INIT;
        bc_batch_source_result r = bc_batch_source_next(src, &a, &entry, &found);
        if (!filled && bc_batch_source_chung(src))
            bc_report_text_cache_fill(&texts, bc_batch_source_chung(src));
        filled = true;
        if (r == BC_BATCH_SOURCE_ENTRY && S_lacks(s, index)) {
            ; /* it failed in the run: still left out */
        } else if (r == BC_BATCH_SOURCE_ENTRY) {
            bc_report rep;
            if (bc_report_prepare_cached(&a, entry, false, &texts, &rep, &found) == 0)
                bc_batch_summary_keep(s, index, rep.data);
        }
        if ((r == BC_BATCH_SOURCE_ENTRY || r == BC_BATCH_SOURCE_BAD) &&
            (index > s->kept_cap || !s->kept[index - 1]) && !S_lacks(s, index)) {
            const bc_node *dd = entry && entry->kind == BC_MAP
                                    ? bc_node_get(entry, "dia_danh") : NULL;
            bc_batch_summary_lack(s, index, dd && dd->kind == BC_SCALAR ? dd->str : "");
        }
        bc_diags_free(&found);
        bc_arena_reset(&a);
        if (r == BC_BATCH_SOURCE_FAILED)
            rc = -1;
        if (r == BC_BATCH_SOURCE_END || r == BC_BATCH_SOURCE_FAILED)
            break;
    }
    bc_report_text_cache_free(&texts);
    bc_arena_free(&a);
    bc_batch_source_close(src);
    return rc;
}

/* ---- the sums ------------------------------------------------------------------ */

static uint64_t S_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void S_grow_slots(bc_batch_summary *s)
{
    size_t cap = s->slot_cap ? 2 * s->slot_cap : 256;
    size_t *slots = bc_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < s->path_count; i++) {
        size_t k = (size_t)S_hash(s->paths[i].path) & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->slot_cap = cap;
}

static sum_path *S_path(bc_batch_summary *s, const char *path)
{
    if (2 * (s->path_count + 1) > s->slot_cap)
        S_grow_slots(s);
    size_t k = (size_t)S_hash(path) & (s->slot_cap - 1);
    while (s->slots[k]) {
        sum_path *p = &s->paths[s->slots[k] - 1];
        if (strcmp(p->path, path) == 0)
            return p;
        k = (k + 1) & (s->slot_cap - 1);
    }
    if (s->path_count == s->path_cap) {
        s->path_cap = s->path_cap ? 2 * s->path_cap : 32;
        s->paths = bc_xrealloc(s->paths, s->path_cap * sizeof *s->paths);
    }
    sum_path *p = &s->paths[s->path_count];
    p->path = bc_arena_strdup(&s->arena, path);
    p->sum = (bc_vn_sum)BC_VN_SUM_INIT;
    p->numeric = true;
    p->any = false;
    s->slots[k] = ++s->path_count;
    return p;
}

/* Adds one entry's values below `n` (at `path`) to the sums. */
static void S_add_values(bc_batch_summary *s, const bc_node *n, bc_buf *path)
{
    size_t at = path->len;
    if (n->kind == BC_MAP) {
        for (size_t i = 0; i < n->count; i++) {
            const bc_entry *e = &n->entries[i];
            if (at == 0 && (bc_schema_find(e->key) || strcmp(e->key, "stt") == 0))
                continue; /* a report's reserved key, or the summary's number */
            if (at)
                bc_buf_putc(path, '.');
            bc_buf_put(path, e->key, e->key_len);
            S_add_values(s, e->value, path);
            path->len = at;
            path->data[at] = '\0';
        }
        return;
    }
    if (at == 0 || n->kind == BC_LIST) /* lists are not summed */
        return;
    sum_path *p = S_path(s, bc_buf_cstr(path));
    if (n->kind == BC_NULL || (n->kind == BC_SCALAR && !bc_node_has_text(n)) ||
        (n->kind == BC_SCALAR && n->len == 1 && n->str[0] == '-'))
        return; /* nothing, as in a table's =tong */
    if (n->kind == BC_SCALAR && p->numeric && bc_vn_number_sum_text(&p->sum, n->str, n->len))
        p->any = true;
    else
        p->numeric = false;
}

/* Sets value at the dotted `path` below map `root`, making the maps on the
 * way; false when a key on the way is already something else. */
static bool S_set_path(bc_arena *a, bc_node *root, const char *path, bc_node *value)
{
    bc_node *map = root;
    for (;;) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        bc_entry *e = bc_node_entry(map, path, len);
        if (!dot) {
            if (e)
                return false;
            bc_node_set(a, map, path, len, value);
            return true;
        }
        if (!e)
            e = bc_node_set(a, map, path, len, bc_node_new(a, BC_MAP));
        if (e->value->kind != BC_MAP)
            return false;
        map = e->value;
        path = dot + 1;
    }
}

static bc_node *S_number(bc_arena *a, long long value, int decimals)
{
    bc_buf b = BC_BUF_INIT;
    bc_vn_number_write(&b, value, decimals);
    bc_node *n = bc_node_scalar(a, b.data, b.len);
    bc_buf_free(&b);
    return n;
}

static bc_node *S_totals(bc_batch_summary *s, const bc_node *tong_hop, size_t count,
                         bc_diags *d)
{
    bc_arena *a = &s->arena;
    bc_node *tong = bc_node_new(a, BC_MAP);
    for (size_t i = 0; i < s->path_count; i++) {
        const sum_path *p = &s->paths[i];
        if (!p->numeric || !p->any)
            continue;
        if (p->sum.overflow) {
            bc_diag_add(d, BC_WARNING, tong_hop->file, tong_hop->line, tong_hop->col,
                        _("the sum of `%s` over the entries has more than 18 digits: "
                          "`tong.%s` is not given"),
                        p->path, p->path);
            continue;
        }
        S_set_path(a, tong, p->path, S_number(a, p->sum.value, p->sum.decimals));
    }
    bc_node_set(a, tong, "so_muc", 6, S_number(a, (long long)count, 0));
    return tong;
}

bc_node *bc_batch_summary_input(bc_batch_summary *s, const bc_node *tong_hop,
                                bc_diags *d)
{
    bc_arena *a = &s->arena;
    for (size_t i = 0; i < tong_hop->count; i++) {
        const bc_entry *e = &tong_hop->entries[i];
        if (strcmp(e->key, "danh_sach") == 0 || strcmp(e->key, "tong") == 0) {
            bc_diag_add(d, BC_ERROR, tong_hop->file, e->line, e->col,
                        _("`tong_hop` cannot set `%s`: the summary makes it from the "
                          "entries (name the key otherwise)"),
                        e->key);
            return NULL;
        }
    }
    bc_node *in = bc_node_new(a, BC_MAP);
    *in = *tong_hop; /* its own keys, shared (tong_hop is not modified) */
    in->entries = NULL;
    in->count = in->cap = 0;
    for (size_t i = 0; i < tong_hop->count; i++) {
        const bc_entry *e = &tong_hop->entries[i];
        bc_entry *ce = bc_node_set(a, in, e->key, e->key_len, e->value);
        ce->line = e->line;
        ce->col = e->col;
    }
    bc_node *list = bc_node_new(a, BC_LIST);
    list->file = tong_hop->file;
    list->line = tong_hop->line;
    bc_buf path = BC_BUF_INIT;
    size_t stt = 0;
    for (size_t i = 0; i < s->kept_cap; i++) {
        bc_node *entry = s->kept[i];
        if (!entry)
            continue;
        bc_node_set(a, entry, "stt", 3, S_number(a, (long long)++stt, 0));
        bc_node_push(a, list, entry);
        S_add_values(s, entry, &path);
    }
    bc_buf_free(&path);
    bc_node_set(a, in, "danh_sach", 9, list);
    bc_node_set(a, in, "tong", 4, S_totals(s, tong_hop, stt, d));
    return in;
}

void bc_batch_summary_tell_lacking(bc_batch_summary *s, const bc_node *tong_hop,
                                   bc_diags *d)
{
    if (s->lack_count == 0)
        return;
    S_lacks(s, 0); /* sorts them */
    bc_buf names = BC_BUF_INIT;
    for (size_t i = 0; i < s->lack_count && i < LACK_NAMED; i++) {
        if (i)
            bc_buf_puts(&names, ", ");
        if (s->lacking[i].name[0])
            bc_buf_printf(&names, "%zu (%s)", s->lacking[i].index, s->lacking[i].name);
        else
            bc_buf_printf(&names, "%zu", s->lacking[i].index);
    }
    if (s->lack_count > LACK_NAMED)
        bc_buf_printf(&names, _(" and %zu more"), s->lack_count - LACK_NAMED);
    bc_diag_add(d, BC_ERROR, tong_hop->file, tong_hop->line, tong_hop->col,
                _("the summary (%s) is written without the entries that failed "
                  "(%zu): %s"),
                BC_BATCH_SUMMARY_FILE, s->lack_count, bc_buf_cstr(&names));
    bc_buf_free(&names);
}

size_t bc_batch_summary_move_diags(bc_diags *found, bc_diags *d)
{
    size_t errors = 0;
    for (const bc_diag *g = found->head; g; g = g->next) {
        bc_diag *n = bc_diag_add(d, g->severity, g->file, g->line, g->col,
                                 _("the summary (tong_hop): %s"), g->msg);
        bc_diag_set_id(n, g->id);
        if (g->part || g->place)
            bc_diag_set_part(n, g->part, g->place);
        if (g->hint)
            bc_diag_set_hint(n, g->hint);
        if (g->severity == BC_ERROR)
            errors++;
    }
    return errors;
}
