/*
 * render.h - one prepared report (report/report.h) through a compiled
 * template (report/template.h) into .docx bytes: the rendered parts, the
 * document properties, the zip; in steps a batch runs over several
 * reports at once.
 */
#ifndef BC_RENDER_H
#define BC_RENDER_H

#include "base/buf.h"
#include "base/diag.h"
#include "report/report.h"
#include "package/package.h"
#include "wml/wml_template.h"

#include <stdbool.h>

/* Deflate level of the rendered parts. Measured on a 19 KB report body:
 * level 1 gives 5.6 KB for 0.9M instructions, level 4 5.0 KB for 1.4M,
 * level 6 4.8 KB; a whole report is 13.4 KB at level 1, 12.8 KB at 4. */
#define BC_DEFLATE_LEVEL 1

typedef struct bc_render_opts {
    bool lenient;      /* missing interpolations render empty */
    int deflate_level; /* 1..9, 0 = default */
} bc_render_opts;

/* Renders a prepared report into .docx bytes (appended to out): the two
 * halves below, one after the other. */
int bc_render_docx(const bc_wml_template *tpl, const bc_report *r,
                   const bc_render_opts *opts, bc_buf *out, bc_diags *d);

/* The first half: the template's rendered parts and the document
 * properties, added to `parts`. Returns 0, or -1 with diagnostics. */
int bc_render_parts(const bc_wml_template *tpl, const bc_report *r,
                    const bc_render_opts *opts, bc_package *parts, bc_diags *d);
/* Optional, between the halves: deflates the parts the second half would
 * deflate, ahead of it (bc_package_deflate). */
void bc_render_deflate(const bc_render_opts *opts, bc_package *parts);
/* The second half: `parts` over the template's package, zipped into .docx
 * bytes appended to out. A batch runs each step over several reports in a
 * row (batch.c). Returns 0, or -1 with diagnostics. */
int bc_render_pack(const bc_wml_template *tpl, const bc_report *r,
                   const bc_render_opts *opts, const bc_package *parts,
                   bc_buf *out, bc_diags *d);

/* The date the report's files carry (document properties, zip entry
 * times, the PDF's dates): the report's own, else 1 January of its
 * period's year, else 1 January 1980. */
void bc_render_date(const bc_report *r, int *y, int *m, int *d);

/* The number of the report's appendices (each on a page of its own). */
size_t bc_render_appendices(const bc_report *r);

#endif
