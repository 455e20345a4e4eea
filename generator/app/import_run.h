/*
 * import_run.h - `baocao nhap`: an existing report (.docx or text) read
 * (import/import_docx.h, import/import_text.h), recognised
 * (import/import_recognise.h), written as YAML (import/import_yaml.h)
 * next to it without overwriting anything the clerk did not name, then
 * reviewed like `baocao check` does.
 */
#ifndef BC_IMPORT_RUN_H
#define BC_IMPORT_RUN_H

#include "base/diag.h"

#include <stdbool.h>

typedef struct bc_import_run_opts {
    const char *input;
    const char *output;  /* NULL: the input's name with .yaml; "-": standard output */
    bool ky_sau;         /* start the next period from it */
} bc_import_run_opts;

/* Imports o->input. Returns 0 when the YAML was written (*written gets
 * its path, malloc'd; the review's findings of the written file are in
 * review), or -1 when nothing was written (the reason in d). An existing
 * file is overwritten only when o->output names it. */
int bc_import_run_file(const bc_import_run_opts *o, char **written, bc_diags *d,
                       bc_diags *review);

#endif
