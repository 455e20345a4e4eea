/*
 * wml_render.h - a compiled .docx template (wml_template.h) rendered
 * against data: each text part's program applied, block tags written
 * (a list: one paragraph per item; a text the host takes: its own
 * paragraphs, wml_host.h), then the tree passes (wml_passes.c). Several
 * threads may render one template at once.
 */
#ifndef BC_WML_RENDER_H
#define BC_WML_RENDER_H

#include "base/buf.h"
#include "base/diag.h"
#include "mustache/mustache.h"
#include "package/package.h"
#include "wml/wml_host.h"
#include "wml/wml_template.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_wml_render_opts {
    bool lenient;
} bc_wml_render_opts;

/* Renders the template's text parts against data into out (only those
 * parts; the others stay as in bc_wml_template_package), the main
 * document laid out by the host. Returns 0, or -1 after adding
 * diagnostics to d. */
int bc_wml_render(const bc_wml_template *t, const bc_mdata *data,
                  const void *root, const bc_wml_render_opts *opts,
                  bc_package *out, bc_diags *d);

/* ---- for a host's block_text (wml_host.h) ------------------------------- */

/* Where the block's paragraphs go: in the main part, a buffer set aside
 * from the tree passes (nothing the layout measures) and put back after
 * them; elsewhere the part's output. */
bc_buf *bc_wml_render_block_out(bc_wml_render_block *b);
/* The text width (twips) of the part the block is in, as the host's
 * page_text_width measured it at compile time; 0 when unknown (a part
 * that is not laid out). */
double bc_wml_render_block_page_text(const bc_wml_render_block *b);
/* Appends to out a run of s[0..n) in the block's run formatting, with
 * bold and italic added in schema order, its text escaped
 * (bc_wml_escape_run). Returns 0, or -1 after a diagnostic naming the
 * value (an XML-illegal character). */
int bc_wml_render_block_run(bc_wml_render_block *b, bc_buf *out,
                            const char *s, size_t n, bool bold, bool italic);

#endif
