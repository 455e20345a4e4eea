/*
 * report.h - one report's data: the clerk's YAML checked against the input
 * contract (spec input.md section 1), and everything Decree 30 derives
 * added to it, so that any template (built-in or a clerk's) sees finished
 * values.
 *
 * The keys, input and derived, are schema.h's (documented in
 * docs/input-format.md). The text templates trich_yeu, kinh_gui, each
 * noi_nhan item and noi_dung are rendered against the data (strictly) and
 * replaced by their text.
 */
#ifndef BC_REPORT_H
#define BC_REPORT_H

#include "base/diag.h"
#include "input/node.h"

typedef struct bc_report {
    bc_node *data;          /* input plus derived keys (in the arena) */
    const char *title;      /* the rendered summary (docProps title) */
    const char *creator;    /* the agency as written (docProps creator) */
    int year, month, day;   /* the document date, 0 when absent */
    int period_year;        /* ky_bao_cao.nam, 0 when absent */
} bc_report;

/* Checks and derives. `input` is not modified (it may be shared with
 * other reports of a batch). Returns 0, or -1 after adding every error
 * found to d. */
int bc_report_prepare(bc_arena *a, const bc_node *input, bool lenient,
                      bc_report *out, bc_diags *d);

/* The text templates of a batch's `chung` (trich_yeu, noi_dung, kinh_gui,
 * noi_nhan items) compiled once: every merged entry shares those nodes, so
 * a report looks its node up instead of compiling it again. Read-only once
 * filled: the workers of a batch share it. */
typedef struct bc_report_text_cache {
    const bc_node **nodes;
    struct bc_mtpl **tpls;
    size_t count, cap;
} bc_report_text_cache;

void bc_report_text_cache_fill(bc_report_text_cache *c, const bc_node *chung);
void bc_report_text_cache_free(bc_report_text_cache *c);
/* bc_report_prepare with the compiled templates of `cache` (may be NULL). */
int bc_report_prepare_cached(bc_arena *a, const bc_node *input, bool lenient,
                             const bc_report_text_cache *cache, bc_report *out,
                             bc_diags *d);

/* A list item (a recipient, an addressee) as the clerk wrote it, without
 * a leading "- " and a final ";" or "." (the program adds those). */
void bc_report_lines_item_text(const bc_node *it, const char **s, size_t *n);

#endif
