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
#include "report/report_text.h"
#include "report/signature.h"

typedef struct bc_report {
    bc_node *data;          /* input plus derived keys (in the arena) */
    const bc_signature *signature; /* the signature and seal images, or NULL */
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

/* What the reports of a batch share, made once from its `chung` and
 * read-only afterwards (the workers share it): the text templates
 * compiled, the images read. */
typedef struct bc_report_cache {
    bc_report_text_cache texts;
    bc_signature_cache images;
} bc_report_cache;

void bc_report_cache_fill(bc_report_cache *c, const bc_node *chung);
void bc_report_cache_free(bc_report_cache *c);

/* bc_report_prepare with what `cache` holds (may be NULL). */
int bc_report_prepare_cached(bc_arena *a, const bc_node *input, bool lenient,
                             const bc_report_cache *cache, bc_report *out,
                             bc_diags *d);

#endif
