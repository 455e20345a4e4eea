/*
 * render.h - one report end to end: the template (built-in or a clerk's
 * .docx/.dotx), the prepared report data, the rendered package, the zip
 * bytes; and writing output files so that a failure never leaves a
 * partial file (a temporary file in the target folder, renamed into
 * place).
 */
#ifndef BC_RENDER_H
#define BC_RENDER_H

#include "base/buf.h"
#include "base/diag.h"
#include "report/report.h"
#include "wml/wml_template.h"

#include <stdbool.h>

#define BC_BUILTIN_TEMPLATE "bao-cao"
/* Deflate level of the rendered parts. Measured on a 19 KB report body:
 * level 1 gives 5.6 KB for 0.9M instructions, level 4 5.0 KB for 1.4M,
 * level 6 4.8 KB; a whole report is 13.4 KB at level 1, 12.8 KB at 4. */
#define BC_DEFLATE_LEVEL 1

typedef struct bc_render_opts {
    bool lenient;      /* missing interpolations render empty */
    int deflate_level; /* 1..9, 0 = default */
} bc_render_opts;

/* Loads and compiles a template: a .docx/.dotx path, or the built-in one
 * when path is NULL. Returns NULL after diagnostics. */
bc_wml_template *bc_template_load(const char *path, bc_diags *d);
/* Writes the built-in template package as .docx bytes into out. */
int bc_template_export(const char *name, bc_buf *out, bc_diags *d);

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

/* Output files are created with mode 0644 less the process's umask, as
 * open(2) would make them. */

/* Writes data to a new temporary file in dir named after `name`
 * (".NAME.tmp-XXXXXX"); *tmp gets its path (malloc'd). The caller renames
 * it into place or removes it. Returns 0 or -1 with a diagnostic. */
int bc_file_write_temp(const char *dir, const char *name, const void *data,
                  size_t len, char **tmp, bc_diags *d);

/* Writes data to a file that must not exist yet (O_EXCL); on failure the
 * file is removed. Returns 0 or -1 with a diagnostic. */
int bc_file_write_new(const char *path, const void *data, size_t len,
                      bc_diags *d);

/* Writes data to path through a temporary file renamed into place; "-"
 * writes to standard output. Returns 0 or -1 with a diagnostic. */
int bc_file_write_atomic(const char *path, const void *data, size_t len,
                         bc_diags *d);

#endif
