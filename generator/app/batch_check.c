/*
 * check_batch.c - what `baocao check FILE` reviews in a loaded file (see
 * check.h): a report, or every entry of a batch merged over `chung`
 * (input.md section 2), each with the Decree 30 review and the input
 * contract of bc_report_prepare. Findings of an entry are named by its
 * index and `dia_danh`; one that an earlier entry already gave (a fault in
 * `chung`, shared by all) is given once.
 */
#include "app/batch.h"
#include "report/check.h"

#include "base/xalloc.h"
#include "base/buf.h"
#include "input/csv.h"
#include "base/i18n.h"
#include "report/report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool bc_batch_check_is_batch(const bc_node *root)
{
    return root && root->kind == BC_MAP &&
           (bc_node_entry(root, "danh_sach", strlen("danh_sach")) ||
            bc_node_entry(root, "chung", strlen("chung")));
}

/* A report: the review, then the contract. Returns the errors added. */
static size_t S_one(bc_arena *a, const bc_node *input, bc_diags *d)
{
    size_t before = d->errors;
    bc_check_report(input, d);
    bc_report r;
    bc_report_prepare(a, input, false, &r, d);
    return d->errors - before;
}

/* ---- findings given once ------------------------------------------------------- */

#define SEEN_BUCKETS 1024

typedef struct seen_node {
    char *key;
    struct seen_node *next;
} seen_node;

typedef struct seen {
    seen_node *b[SEEN_BUCKETS];
} seen;

/* True when the finding was given before; remembers it otherwise. */
static bool S_seen(seen *s, const bc_diag *g)
{
    bc_buf k = BC_BUF_INIT;
    bc_buf_printf(&k, "%s\t%d\t%d\t%d\t%s\t%s", g->file ? g->file : "", g->line,
                  g->col, (int)g->severity, g->id ? g->id : "", g->msg);
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < k.len; i++)
        h = (h ^ (unsigned char)k.data[i]) * 16777619u;
    seen_node **slot = &s->b[h % SEEN_BUCKETS];
    for (seen_node *n = *slot; n; n = n->next)
        if (strcmp(n->key, k.data) == 0) {
            bc_buf_free(&k);
            return true;
        }
    seen_node *n = bc_xmalloc(sizeof *n);
    n->key = bc_buf_detach(&k, NULL);
    n->next = *slot;
    *slot = n;
    return false;
}

static void S_seen_free(seen *s)
{
    for (size_t i = 0; i < SEEN_BUCKETS; i++)
        for (seen_node *n = s->b[i]; n;) {
            seen_node *next = n->next;
            free(n->key);
            free(n);
            n = next;
        }
}

/* ---- a batch ------------------------------------------------------------------- */

typedef struct batch_check {
    const bc_node *chung;
    bc_diags *d;
    seen seen;
    size_t errors;
} batch_check;

static void S_entry(batch_check *b, size_t index, const bc_node *entry)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags found = BC_DIAGS_INIT;
    const bc_node *merged = bc_node_merge(&a, b->chung, entry);
    S_one(&a, merged, &found);
    const bc_node *name = bc_node_get(merged, "dia_danh");
    bc_buf label = BC_BUF_INIT;
    if (name && name->kind == BC_SCALAR && bc_node_has_text(name))
        bc_buf_printf(&label, _("entry %zu (%s): "), index, name->str);
    else
        bc_buf_printf(&label, _("entry %zu: "), index);
    for (const bc_diag *g = found.head; g; g = g->next) {
        if (S_seen(&b->seen, g))
            continue;
        bc_diag *n = bc_diag_add(b->d, g->severity, g->file, g->line, g->col,
                                 "%s%s", bc_buf_cstr(&label), g->msg);
        bc_diag_set_id(n, g->id);
        if (g->part || g->place)
            bc_diag_set_part(n, g->part, g->place);
        if (g->hint)
            bc_diag_set_hint(n, g->hint);
        if (g->severity == BC_ERROR)
            b->errors++;
    }
    bc_buf_free(&label);
    bc_diags_free(&found);
    bc_arena_free(&a);
}

static void S_csv_entries(batch_check *b, const bc_node *name)
{
    char *path = bc_batch_source_path(name->file, name->str);
    size_t before = b->d->errors;
    bc_csv *csv = bc_csv_open(path, b->d);
    free(path);
    if (!csv) {
        b->errors += b->d->errors - before;
        return;
    }
    bc_arena rows = BC_ARENA_INIT;
    for (size_t index = 1;; index++) {
        bc_node *row = NULL;
        before = b->d->errors;
        int rc = bc_csv_row(csv, &rows, &row);
        b->errors += b->d->errors - before;
        if (rc <= 0)
            break;
        if (rc == 1)
            S_entry(b, index, row);
        bc_arena_reset(&rows);
    }
    bc_arena_free(&rows);
    bc_csv_close(csv);
}

static int S_batch(const bc_node *root, bc_diags *d)
{
    batch_check b;
    memset(&b, 0, sizeof b);
    b.d = d;
    const bc_entry *chung = NULL, *list = NULL;
    for (size_t i = 0; i < root->count; i++) {
        const bc_entry *e = &root->entries[i];
        if (strcmp(e->key, "chung") == 0) {
            chung = e;
            if (list) {
                bc_diag_add(d, BC_ERROR, root->file, e->line, e->col, "%s",
                            _("`chung` must come before `danh_sach`, so that a batch "
                              "of any length can be read as a stream"));
                b.errors++;
            }
        } else if (strcmp(e->key, "danh_sach") == 0) {
            list = e;
        } else {
            bc_diag_add(d, BC_ERROR, root->file, e->line, e->col,
                        _("unknown key `%s` in a batch file (it holds `chung` and "
                          "`danh_sach`)"),
                        e->key);
            b.errors++;
        }
    }
    if (chung && chung->value->kind != BC_MAP && chung->value->kind != BC_NULL) {
        bc_diag_add(d, BC_ERROR, root->file, chung->value->line, chung->value->col,
                    "%s", _("`chung` must be a map of the keys shared by every report"));
        return (int)b.errors + 1;
    }
    b.chung = chung && chung->value->kind == BC_MAP ? chung->value : NULL;
    const bc_node *v = list ? list->value : NULL;
    if (v && v->kind == BC_LIST) {
        for (size_t i = 0; i < v->count; i++)
            S_entry(&b, i + 1, v->items[i]);
    } else if (v && v->kind == BC_SCALAR && bc_node_has_text(v)) {
        S_csv_entries(&b, v);
    } else {
        int line = v ? v->line : list ? list->line : root->line;
        int col = v ? v->col : list ? list->col : root->col;
        bc_diag_add(d, BC_ERROR, root->file, line, col, "%s",
                    _("`danh_sach` must be a list of reports or the name of a CSV "
                      "file"));
        b.errors++;
    }
    S_seen_free(&b.seen);
    return (int)b.errors;
}

int bc_batch_check_file(bc_arena *a, const bc_node *root, bc_diags *d)
{
    if (bc_batch_check_is_batch(root))
        return S_batch(root, d);
    return (int)S_one(a, root, d);
}
