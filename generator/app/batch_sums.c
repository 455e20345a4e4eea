/*
 * batch_sums.c - the sums of a summary report's `tong` (see
 * batch_sums.h): an open-addressing table of dotted paths, each with its
 * exact sum (base/vn_number.h), whether every value read as a number, and
 * where it first appeared.
 */
#include "app/batch_sums.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/vn_number.h"
#include "base/xalloc.h"
#include "report/schema.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sum_path {
    char *path;               /* "so_lieu.tin_bai" (malloc'd) */
    bc_vn_sum sum;
    bool numeric;             /* every value so far read as a number */
    bool any;                 /* one did (not only empty values) */
    bool checked, reserved;   /* a top-level key: S_reserved's answer */
    size_t first_index;       /* the entry it first appeared in */
    size_t first_place;       /* and its place among that entry's values */
} sum_path;

struct bc_batch_sums {
    size_t *slots;            /* 0 free, else 1 + an index into paths */
    size_t slot_cap;
    sum_path *paths;
    size_t count, cap;
    bc_buf path;              /* scratch: the path being walked */
    size_t index, place;      /* the entry being added, and its value's place */
};

bc_batch_sums *bc_batch_sums_new(void)
{
    return bc_xcalloc(1, sizeof(bc_batch_sums));
}

void bc_batch_sums_free(bc_batch_sums *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->count; i++)
        free(t->paths[i].path);
    free(t->paths);
    free(t->slots);
    bc_buf_free(&t->path);
    free(t);
}

static uint64_t S_hash(const char *s)
{
    uint64_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h ^ (h >> 31);
}

static void S_grow_slots(bc_batch_sums *t)
{
    size_t cap = t->slot_cap ? 2 * t->slot_cap : 256;
    size_t *slots = bc_xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < t->count; i++) {
        size_t k = (size_t)S_hash(t->paths[i].path) & (cap - 1);
        while (slots[k])
            k = (k + 1) & (cap - 1);
        slots[k] = i + 1;
    }
    free(t->slots);
    t->slots = slots;
    t->slot_cap = cap;
}

/* The path's record, made (first seen at index/place) when new. */
static sum_path *S_path(bc_batch_sums *t, const char *path, size_t index, size_t place)
{
    if (2 * (t->count + 1) > t->slot_cap)
        S_grow_slots(t);
    size_t k = (size_t)S_hash(path) & (t->slot_cap - 1);
    while (t->slots[k]) {
        sum_path *p = &t->paths[t->slots[k] - 1];
        if (strcmp(p->path, path) == 0) {
            if (index < p->first_index ||
                (index == p->first_index && place < p->first_place)) {
                p->first_index = index;
                p->first_place = place;
            }
            return p;
        }
        k = (k + 1) & (t->slot_cap - 1);
    }
    if (t->count == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 32;
        t->paths = bc_xrealloc(t->paths, t->cap * sizeof *t->paths);
    }
    sum_path *p = &t->paths[t->count];
    memset(p, 0, sizeof *p);
    p->path = bc_xstrdup(path);
    p->sum = (bc_vn_sum)BC_VN_SUM_INIT;
    p->numeric = true;
    p->first_index = index;
    p->first_place = place;
    t->slots[k] = ++t->count;
    return p;
}

/* True for a top-level key the sums leave out: a report's reserved keys
 * and stt. Asked for every key of every entry, so the answer is kept with
 * the key's record (a key never summed is a path too). */
static bool S_reserved(bc_batch_sums *t, const char *key)
{
    sum_path *p = S_path(t, key, t->index, t->place);
    if (!p->checked) {
        p->checked = true;
        p->reserved = bc_schema_find(key) || strcmp(key, "stt") == 0;
    }
    return p->reserved;
}

/* Adds the values below n (at t->path) to the sums. */
static void S_add_values(bc_batch_sums *t, const bc_node *n)
{
    bc_buf *path = &t->path;
    size_t at = path->len;
    if (n->kind == BC_MAP) {
        for (size_t i = 0; i < n->count; i++) {
            const bc_entry *e = &n->entries[i];
            if (at == 0 && S_reserved(t, e->key))
                continue;
            if (at)
                bc_buf_putc(path, '.');
            bc_buf_put(path, e->key, e->key_len);
            S_add_values(t, e->value);
            path->len = at;
            path->data[at] = '\0';
        }
        return;
    }
    if (at == 0 || n->kind == BC_LIST) /* lists are not summed */
        return;
    sum_path *p = S_path(t, bc_buf_cstr(path), t->index, t->place++);
    if (n->kind == BC_NULL || (n->kind == BC_SCALAR && !bc_node_has_text(n)) ||
        (n->kind == BC_SCALAR && n->len == 1 && n->str[0] == '-'))
        return; /* nothing, as in a table's =tong */
    if (n->kind == BC_SCALAR && p->numeric && bc_vn_number_sum_text(&p->sum, n->str, n->len))
        p->any = true;
    else
        p->numeric = false;
}

void bc_batch_sums_add(bc_batch_sums *t, size_t index, const bc_node *entry)
{
    if (!entry || entry->kind != BC_MAP)
        return;
    t->index = index;
    t->place = 0;
    bc_buf_clear(&t->path);
    S_add_values(t, entry);
}

void bc_batch_sums_merge(bc_batch_sums *to, const bc_batch_sums *from)
{
    for (size_t i = 0; i < from->count; i++) {
        const sum_path *f = &from->paths[i];
        sum_path *p = S_path(to, f->path, f->first_index, f->first_place);
        if (f->checked && !p->checked) {
            p->checked = true;
            p->reserved = f->reserved;
        }
        p->numeric = p->numeric && f->numeric;
        p->any = p->any || f->any;
        if (f->sum.overflow)
            p->sum.overflow = true;
        else if (f->any)
            bc_vn_number_sum(&p->sum, f->sum.value, f->sum.decimals);
    }
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
    bc_node *n = bc_node_scalar(a, bc_buf_cstr(&b), b.len);
    bc_buf_free(&b);
    return n;
}

static int S_by_first(const void *x, const void *y)
{
    const sum_path *a = *(const sum_path *const *)x, *b = *(const sum_path *const *)y;
    if (a->first_index != b->first_index)
        return a->first_index < b->first_index ? -1 : 1;
    if (a->first_place != b->first_place)
        return a->first_place < b->first_place ? -1 : 1;
    return strcmp(a->path, b->path);
}

bc_node *bc_batch_sums_node(bc_batch_sums *t, bc_arena *a, size_t count,
                            const bc_node *at, bc_diags *d)
{
    sum_path **order = bc_xmalloc((t->count + 1) * sizeof *order);
    for (size_t i = 0; i < t->count; i++)
        order[i] = &t->paths[i];
    qsort(order, t->count, sizeof *order, S_by_first);
    bc_node *tong = bc_node_new(a, BC_MAP);
    for (size_t i = 0; i < t->count; i++) {
        const sum_path *p = order[i];
        if (!p->numeric || !p->any || p->reserved)
            continue;
        if (p->sum.overflow) {
            bc_diag_add(d, BC_WARNING, at->file, at->line, at->col,
                        _("the sum of `%s` over the entries has more than 18 digits: "
                          "`tong.%s` is not given"),
                        p->path, p->path);
            continue;
        }
        S_set_path(a, tong, p->path, S_number(a, p->sum.value, p->sum.decimals));
    }
    free(order);
    bc_node_set(a, tong, "so_muc", 6, S_number(a, (long long)count, 0));
    return tong;
}
