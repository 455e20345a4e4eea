/*
 * report_text.h - the text templates in a report's values: `trich_yeu`,
 * `noi_dung`, `kinh_gui` and each item of `noi_nhan` may hold {{tags}},
 * rendered against the report's data (the clerk's keys and the derived
 * ones) and replaced by their text. An error names the tag's line and
 * column in the YAML file.
 */
#ifndef BC_REPORT_TEXT_H
#define BC_REPORT_TEXT_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/node.h"

#include <stdbool.h>
#include <stddef.h>

/* The text templates of a batch's `chung` compiled once: every merged
 * entry shares those nodes, so a report looks its node up instead of
 * compiling it again. Read-only once filled: the workers of a batch share
 * it. */
typedef struct bc_report_text_cache {
    const bc_node **nodes;
    struct bc_mtpl **tpls;
    size_t count, cap;
} bc_report_text_cache;

void bc_report_text_cache_fill(bc_report_text_cache *c, const bc_node *chung);
void bc_report_text_cache_free(bc_report_text_cache *c);

/* Sets g's file, line and column to where byte `offset` of scalar v's
 * text is in its file (block scalars by their recorded indent). */
void bc_report_text_locate(const bc_node *v, size_t offset, bc_diag *g);

/* A scalar rendered against root: the scalar itself when it holds no tag,
 * else a new scalar at the same position; NULL after errors in d. `cache`
 * may be NULL. */
bc_node *bc_report_text_render(bc_arena *a, const bc_node *v,
                               const bc_node *root, bool lenient,
                               const bc_report_text_cache *cache, bc_diags *d);
/* The same for a text or each item of a list (the items that fail are
 * left out and *failed set). */
bc_node *bc_report_text_render_items(bc_arena *a, const bc_node *v,
                                     const bc_node *root, bool lenient,
                                     const bc_report_text_cache *cache,
                                     bc_diags *d, bool *failed);

#endif
