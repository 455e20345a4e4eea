/*
 * batch_check.c - `baocao check BATCH.yaml` (see batch_check.h): every
 * entry of the batch, read by the same source as `batch`
 * (app/batch_source.h), merged over `chung`, reviewed and held to the
 * input contract (bc_check_input). An entry's findings are named by its
 * index and `dia_danh`; a finding located in `chung` (above `danh_sach`
 * in the batch file), which every entry shares, is given once.
 */
#include "app/batch_check.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "app/batch.h"
#include "app/batch_source.h"
#include "app/batch_summary.h"
#include "report/check.h"
#include "report/report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
    const char *path;     /* the batch file, as its nodes name it */
    int list_line;        /* danh_sach's first line: above it is chung */
    bc_diags *d;
    seen seen;
    size_t errors;
    bool summary_named;   /* the file has tong_hop (as far as a scan tells) */
} batch_check;

/* A finding every entry shares: in `chung`, above `danh_sach`. */
static bool S_in_chung(const batch_check *b, const bc_diag *g)
{
    return g->file && g->line > 0 && b->list_line > 0 && g->line < b->list_line &&
           strcmp(g->file, b->path) == 0;
}

/* Moves an entry's findings into the batch's, named by the entry. */
static void S_report(batch_check *b, size_t index, const bc_node *entry,
                     bc_diags *found)
{
    const bc_node *name = entry && entry->kind == BC_MAP ? bc_node_get(entry, "dia_danh")
                                                         : NULL;
    bc_buf label = BC_BUF_INIT;
    if (name && name->kind == BC_SCALAR && bc_node_has_text(name))
        bc_buf_printf(&label, _("entry %zu (%s): "), index, name->str);
    else
        bc_buf_printf(&label, _("entry %zu: "), index);
    for (const bc_diag *g = found->head; g; g = g->next) {
        if (S_in_chung(b, g) && S_seen(&b->seen, g))
            continue;
        bc_diag_add_copy(b->d, g, bc_buf_cstr(&label));
        if (g->severity == BC_ERROR)
            b->errors++;
    }
    bc_buf_free(&label);
}

/* An entry whose default file name is the summary's. */
static void S_check_name(const batch_check *b, const bc_node *entry, bc_diags *found)
{
    char *file = bc_batch_names_default(bc_batch_source_entry_name(entry));
    if (file && strcmp(file, BC_BATCH_SUMMARY_FILE) == 0 && b->summary_named)
        bc_diag_add(found, BC_ERROR, entry->file, entry->line, entry->col,
                    _("would write %s, the file of the summary (tong_hop): give the "
                      "entry another name (dia_danh, or --ten)"),
                    BC_BATCH_SUMMARY_FILE);
    free(file);
}

/* The summary report, as `batch` would make it from the entries that
 * pass: reviewed and held to the contract. */
static void S_check_summary(batch_check *b, bc_batch_summary *summary,
                            const bc_node *tong_hop)
{
    bc_diags found = BC_DIAGS_INIT;
    bc_node *input = bc_batch_summary_input(summary, tong_hop, &found);
    bc_arena a = BC_ARENA_INIT;
    if (input) { /* the review of tong_hop as written, the contract of the data */
        bc_check_report(tong_hop, &found);
        bc_report r;
        bc_report_prepare(&a, input, false, &r, &found);
    }
    b->errors += bc_batch_summary_move_diags(&found, b->d);
    bc_diags_free(&found);
    bc_arena_free(&a);
}

int bc_batch_check_file(const char *path, bc_diags *d)
{
    size_t before = d->errors;
    bc_batch_source *src = bc_batch_source_open(path, d);
    if (!src)
        return (int)(d->errors - before);
    batch_check b;
    memset(&b, 0, sizeof b);
    b.d = d;
    b.path = bc_batch_source_file(src);
    b.summary_named = bc_batch_source_announces_summary(path);
    bc_batch_summary *summary = bc_batch_summary_new();
    bc_arena a = BC_ARENA_INIT;
    bc_report_cache cache; /* chung's images, read once */
    memset(&cache, 0, sizeof cache);
    bool filled = false;
    for (size_t index = 1;; index++) {
        bc_node *entry = NULL, *data = NULL;
        bc_diags found = BC_DIAGS_INIT;
        bc_batch_source_result rc = bc_batch_source_next(src, &a, &entry, &found);
        if (!filled && bc_batch_source_chung(src))
            bc_report_cache_fill(&cache, bc_batch_source_chung(src));
        filled = true;
        b.list_line = bc_batch_source_list_line(src);
        if (rc == BC_BATCH_SOURCE_ENTRY &&
            bc_check_input_cached(&a, entry, &cache, &data, &found) == 0) {
            if (b.summary_named)
                bc_batch_summary_keep(summary, index, bc_batch_summary_copy(summary, index, data));
            S_check_name(&b, entry, &found);
        } else if (rc == BC_BATCH_SOURCE_ENTRY || rc == BC_BATCH_SOURCE_BAD) {
            bc_batch_summary_lack(summary, index, bc_batch_source_entry_name(entry));
        }
        if (rc == BC_BATCH_SOURCE_ENTRY || rc == BC_BATCH_SOURCE_BAD)
            S_report(&b, index, entry, &found);
        bc_diags_free(&found);
        bc_arena_reset(&a);
        if (rc == BC_BATCH_SOURCE_END || rc == BC_BATCH_SOURCE_FAILED)
            break;
    }
    const bc_node *tong_hop = bc_batch_source_summary(src);
    if (tong_hop && (b.summary_named || bc_batch_summary_collect(summary, path, d) == 0))
        S_check_summary(&b, summary, tong_hop);
    bc_batch_summary_free(summary);
    bc_report_cache_free(&cache);
    bc_arena_free(&a);
    S_seen_free(&b.seen);
    bc_batch_source_close(src);
    return (int)(d->errors - before);
}
