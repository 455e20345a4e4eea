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
    /* what the host's block_text is handed with each block of this
     * rendering (bc_wml_render_block_host_data); may be NULL */
    void *host_data;
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

/* The rendering's host data (bc_wml_render_opts), or NULL. */
void *bc_wml_render_block_host_data(const bc_wml_render_block *b);
/* True for a block of the main document part. */
bool bc_wml_render_block_in_main(const bc_wml_render_block *b);
/* The block paragraph's geometry (twips): the text width of its column
 * (its table cell's less the cell's margins, else the page's; 0 when
 * unknown), and its fixed or minimum line height (0 when its lines take
 * the height of their text). */
double bc_wml_render_block_width(const bc_wml_render_block *b);
int bc_wml_render_block_line(const bc_wml_render_block *b);

/* The template's own paragraph, written by pieces: true when the run
 * holding the tag was found, so that these may be used. _open writes the
 * paragraph up to that run (its properties, and whatever comes before
 * it), _close what follows the run to the paragraph's end; between them,
 * the host writes its own content (runs, bookmarks), or _value the run
 * with the value as the default writes it, and the rest of the paragraph
 * (returns 0, or -1 after a diagnostic, as bc_wml_render_block_run). */
bool bc_wml_render_block_splits(const bc_wml_render_block *b);
void bc_wml_render_block_open(bc_wml_render_block *b, bc_buf *out);
void bc_wml_render_block_close(bc_wml_render_block *b, bc_buf *out);
int bc_wml_render_block_value(bc_wml_render_block *b, bc_buf *out, const char *s,
                              size_t n);
/* bc_wml_render_block_value with a bookmark named end_mark after the value's
 * run, where the paragraph ends (the end of a centred line in a PDF). */
int bc_wml_render_block_value_marked(bc_wml_render_block *b, bc_buf *out, const char *s,
                                     size_t n, const char *end_mark);

/* An id unique in the rendered document, for a drawing (wp:docPr) the
 * host writes. */
unsigned long bc_wml_render_block_fresh_id(bc_wml_render_block *b);
/* Writes an empty bookmark named `name` (w:bookmarkStart and
 * w:bookmarkEnd) with a fresh id; a name the document has already is
 * given a suffix (`name_2`). */
void bc_wml_render_block_bookmark(bc_wml_render_block *b, bc_buf *out, const char *name);

#endif
