/*
 * batch_summary.c - the summary report's data (see batch_summary.h): the
 * entries kept by index as they finish, then danh_sach and tong built
 * from them in the batch's order.
 */
#include "app/batch_summary.h"
#include "app/batch_source.h"
#include "app/batch_sums.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "report/report.h"

#include <pthread.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Names of lacking entries the error spells out; the rest are counted. */
#define LACK_NAMED 10

typedef struct lack {
    size_t index;
    char *name;
} lack;

/* A thread's copies of the entries it finished, in its own arena, so that
 * copying needs no lock. A value the same as the thread's previous entry's
 * (the reporting period, the recipients, a signer's titles: whatever
 * `chung` or the program gives every entry alike) is that entry's node,
 * not a new one: an entry's copy costs one or two kilobytes, not six, and
 * the comparison reads what the caches hold. */
typedef struct copier {
    bc_arena arena;
    const bc_node *prev;      /* the previous entry's copy */
    bc_batch_sums *sums;      /* of the entries copied here */
    struct copier *next;
} copier;

struct bc_batch_summary {
    unsigned long id;         /* tells a thread's copier of this summary from
                                 one of an earlier summary at this address */
    pthread_mutex_t mu;       /* the list of copiers */
    copier *copiers;
    bc_arena arena;           /* the summary's input */
    bc_node **kept;           /* by index - 1; NULL: not (yet) kept */
    size_t kept_cap, kept_count;
    lack *lacking;
    size_t lack_count, lack_cap;
    bool lack_sorted;
    bool resum;               /* a copy was dropped: the copiers' sums hold
                                 it, so the sums are made again from the
                                 entries kept */
};

bc_batch_summary *bc_batch_summary_new(void)
{
    static unsigned long next_id;
    bc_batch_summary *s = bc_xcalloc(1, sizeof *s);
    s->arena = (bc_arena)BC_ARENA_INIT;
    s->id = __atomic_add_fetch(&next_id, 1, __ATOMIC_RELAXED);
    pthread_mutex_init(&s->mu, NULL);
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
    for (copier *c = s->copiers; c;) {
        copier *next = c->next;
        bc_arena_free(&c->arena);
        bc_batch_sums_free(c->sums);
        free(c);
        c = next;
    }
    pthread_mutex_destroy(&s->mu);
    bc_arena_free(&s->arena);
    free(s);
}

/* ---- copying an entry ------------------------------------------------------------ */

/* True when copy `k` holds what n holds (kind, text, children). */
static bool S_same(const bc_node *n, const bc_node *k)
{
    if (n->kind != k->kind || n->count != k->count || n->boolean != k->boolean ||
        n->plain != k->plain)
        return false;
    if (n->kind == BC_SCALAR)
        return n->len == k->len && memcmp(n->str, k->str, n->len) == 0;
    for (size_t i = 0; n->kind == BC_LIST && i < n->count; i++)
        if (!S_same(n->items[i], k->items[i]))
            return false;
    for (size_t i = 0; n->kind == BC_MAP && i < n->count; i++)
        if (n->entries[i].key_len != k->entries[i].key_len ||
            memcmp(n->entries[i].key, k->entries[i].key, n->entries[i].key_len) != 0 ||
            !S_same(n->entries[i].value, k->entries[i].value))
            return false;
    return true;
}

/* The entry of map `m` (a copy) with that key, looked for first at `at`,
 * where the same keys in the same order put it; NULL when none. */
static const bc_entry *S_hint_at(const bc_node *m, const char *key, size_t len, size_t at)
{
    if (!m || m->kind != BC_MAP)
        return NULL;
    if (at < m->count && m->entries[at].key_len == len &&
        memcmp(m->entries[at].key, key, len) == 0)
        return &m->entries[at];
    return bc_node_entry(m, key, len);
}

/* A deep copy of n, sharing `hint` (the previous entry's copy of the
 * value at the same path) or any part of it that holds the same. */
static bc_node *S_clone(copier *c, const bc_node *n, const bc_node *hint)
{
    if (hint && S_same(n, hint))
        return (bc_node *)hint;
    bc_node *k = bc_arena_alloc(&c->arena, sizeof *k);
    *k = *n;
    k->cap = n->count;
    if (n->kind == BC_SCALAR) {
        k->str = bc_arena_strndup(&c->arena, n->str, n->len);
    } else if (n->kind == BC_LIST) {
        k->items = n->count ? bc_arena_alloc(&c->arena, n->count * sizeof *k->items) : NULL;
        const bc_node *h = hint && hint->kind == BC_LIST ? hint : NULL;
        for (size_t i = 0; i < n->count; i++)
            k->items[i] = S_clone(c, n->items[i], h && i < h->count ? h->items[i] : NULL);
    } else if (n->kind == BC_MAP) {
        k->entries = n->count ? bc_arena_alloc(&c->arena, n->count * sizeof *k->entries)
                              : NULL;
        for (size_t i = 0; i < n->count; i++) {
            const bc_entry *e = &n->entries[i];
            const bc_entry *h = S_hint_at(hint, e->key, e->key_len, i);
            k->entries[i] = *e;
            k->entries[i].key = h ? h->key : bc_arena_strndup(&c->arena, e->key, e->key_len);
            k->entries[i].value = S_clone(c, e->value, h ? h->value : NULL);
        }
    } else {
        k->items = NULL;
        k->entries = NULL;
        k->count = k->cap = 0;
    }
    return k;
}

/* The calling thread's copier for summary s, made at its first copy. */
static copier *S_copier(bc_batch_summary *s)
{
    static __thread copier *mine;
    static __thread unsigned long mine_for;
    if (mine && mine_for == s->id)
        return mine;
    copier *c = bc_xcalloc(1, sizeof *c);
    c->arena = (bc_arena)BC_ARENA_INIT;
    c->sums = bc_batch_sums_new();
    pthread_mutex_lock(&s->mu);
    c->next = s->copiers;
    s->copiers = c;
    pthread_mutex_unlock(&s->mu);
    mine = c;
    mine_for = s->id;
    return c;
}

bc_node *bc_batch_summary_copy(bc_batch_summary *s, size_t index, const bc_node *data)
{
    if (!data || data->kind != BC_MAP)
        return NULL;
    copier *c = S_copier(s);
    /* without the documents' text: the body and the appendices are what
     * make a report large, and the summary lists figures; stt is the
     * summary's own */
    bc_node *k = bc_arena_alloc(&c->arena, sizeof *k);
    *k = *data;
    k->entries = bc_arena_alloc(&c->arena, (data->count + 1) * sizeof *k->entries);
    k->cap = data->count + 1; /* room for stt */
    k->count = 0;
    for (size_t i = 0; i < data->count; i++) {
        const bc_entry *e = &data->entries[i];
        if (strcmp(e->key, "noi_dung") == 0 || strcmp(e->key, "phu_luc") == 0 ||
            strcmp(e->key, "stt") == 0)
            continue;
        const bc_entry *h = S_hint_at(c->prev, e->key, e->key_len, k->count);
        bc_entry *ke = &k->entries[k->count++];
        *ke = *e;
        /* the key is the previous entry's when it is the same */
        ke->key = h ? h->key : bc_arena_strndup(&c->arena, e->key, e->key_len);
        ke->value = S_clone(c, e->value, h ? h->value : NULL);
    }
    c->prev = k;
    bc_batch_sums_add(c->sums, index, k); /* while the copy is in the caches */
    return k;
}

void bc_batch_summary_keep(bc_batch_summary *s, size_t index, bc_node *copy)
{
    if (!copy || index == 0)
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
    s->kept[index - 1] = copy;
}

void bc_batch_summary_drop(bc_batch_summary *s, bc_node *copy)
{
    if (copy)
        s->resum = true;
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
    if (s->lack_count == 0)
        return false;
    if (!s->lack_sorted) {
        qsort(s->lacking, s->lack_count, sizeof *s->lacking, S_by_index);
        s->lack_sorted = true;
    }
    lack key = {index, NULL};
    return bsearch(&key, s->lacking, s->lack_count, sizeof *s->lacking, S_by_index);
}

int bc_batch_summary_collect(bc_batch_summary *s, const char *path, bc_diags *d)
{
    bc_batch_source *src = bc_batch_source_open(path, d);
    if (!src)
        return -1;
    bc_arena a = BC_ARENA_INIT;
    bc_report_cache cache;
    memset(&cache, 0, sizeof cache);
    bool filled = false;
    int rc = 0;
    for (size_t index = 1;; index++) {
        bc_node *entry = NULL;
        bc_diags found = BC_DIAGS_INIT;
        bc_batch_source_result r = bc_batch_source_next(src, &a, &entry, &found);
        if (!filled && bc_batch_source_chung(src))
            bc_report_cache_fill(&cache, bc_batch_source_chung(src));
        filled = true;
        if (r == BC_BATCH_SOURCE_ENTRY && S_lacks(s, index)) {
            ; /* it failed in the run: still left out */
        } else if (r == BC_BATCH_SOURCE_ENTRY) {
            bc_report rep;
            if (bc_report_prepare_cached(&a, entry, false, &cache, &rep, &found) == 0)
                bc_batch_summary_keep(s, index, bc_batch_summary_copy(s, index, rep.data));
        }
        if ((r == BC_BATCH_SOURCE_ENTRY || r == BC_BATCH_SOURCE_BAD) &&
            (index > s->kept_cap || !s->kept[index - 1]) && !S_lacks(s, index)) {
            bc_batch_summary_lack(s, index, bc_batch_source_entry_name(entry));
        }
        bc_diags_free(&found);
        bc_arena_reset(&a);
        if (r == BC_BATCH_SOURCE_FAILED)
            rc = -1;
        if (r == BC_BATCH_SOURCE_END || r == BC_BATCH_SOURCE_FAILED)
            break;
    }
    bc_report_cache_free(&cache);
    bc_arena_free(&a);
    bc_batch_source_close(src);
    return rc;
}

/* ---- the summary's input ----------------------------------------------------- */

static bc_node *S_number(bc_arena *a, size_t n)
{
    char text[32];
    int len = snprintf(text, sizeof text, "%zu", n);
    return bc_node_scalar(a, text, (size_t)len);
}

/* The sums of the entries kept: the threads' merged, or made again. */
static bc_node *S_totals(bc_batch_summary *s, const bc_node *tong_hop, size_t count,
                         bc_diags *d)
{
    bc_batch_sums *sums = bc_batch_sums_new();
    if (s->resum) {
        for (size_t i = 0; i < s->kept_cap; i++)
            if (s->kept[i])
                bc_batch_sums_add(sums, i + 1, s->kept[i]);
    } else {
        for (const copier *c = s->copiers; c; c = c->next)
            bc_batch_sums_merge(sums, c->sums);
    }
    bc_node *tong = bc_batch_sums_node(sums, &s->arena, count, tong_hop, d);
    bc_batch_sums_free(sums);
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
    size_t stt = 0;
    for (size_t i = 0; i < s->kept_cap; i++) {
        bc_node *entry = s->kept[i];
        if (!entry)
            continue;
        bc_node_set(a, entry, "stt", 3, S_number(a, ++stt));
        bc_node_push(a, list, entry);
    }
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
        bc_diag_add_copy(d, g, _("the summary (tong_hop): "));
        if (g->severity == BC_ERROR)
            errors++;
    }
    return errors;
}
