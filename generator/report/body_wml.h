/*
 * body_wml.h - the report body (`noi_dung`) as WordprocessingML: one
 * paragraph per markup block (body_markup.h), in the template's style for
 * the block kind, emphasis as bold and italic runs in the formatting of
 * the body tag's run; the last two paragraphs keep with the next (the
 * signature block). The report's host of the template engine writes the
 * body this way (template.c).
 */
#ifndef BC_BODY_WML_H
#define BC_BODY_WML_H

#include "report/body_markup.h"
#include "wml/wml_render.h"
#include "wml/wml_styles.h"

#include <stdbool.h>
#include <stddef.h>

/* The built-in style ids of the block kinds (their roles), by
 * bc_block_kind. */
extern const char *const bc_body_wml_style_ids[BC_BLK_KIND_COUNT];

/* The style id a template uses for each block kind: its own style playing
 * the role, else the built-in id. */
typedef struct bc_body_wml_styles {
    char *ids[BC_BLK_KIND_COUNT];  /* paragraph styles (a table: its cells') */
    char *table_style;             /* the body tables' table style */
} bc_body_wml_styles;

void bc_body_wml_styles_load(bc_body_wml_styles *bs, const bc_styles *styles);
void bc_body_wml_styles_free(bc_body_wml_styles *bs);

/* How a block's runs are written: fn appends a run of s[0..n), bold and
 * italic as asked, its text escaped (0, or -1 after a diagnostic). The
 * body tag's runs take the tag's formatting (bc_wml_render_block_run);
 * an appendix's take their paragraph style's. page_text: the text width
 * in twips (0: unknown), for tables. */
typedef struct bc_body_wml_runs {
    int (*run)(void *closure, bc_buf *out, const char *s, size_t n, bool bold,
               bool italic);
    void *closure;
    double page_text;
} bc_body_wml_runs;

/* Writes the blocks of a parsed body: a paragraph per block in its
 * kind's style, a table per table; with keep_end, what ends the body (the
 * last two paragraphs, a table's last two rows) keeps with what follows
 * (the signature). Returns 0, or -1 after a diagnostic. */
int bc_body_wml_blocks(const bc_body_wml_styles *bs, const bc_body_wml_runs *runs,
                       const bc_body *body, bool keep_end, bc_buf *out);

/* Writes the body text s[0..n) through the block being rendered. Returns
 * 0, or -1 after a diagnostic. */
int bc_body_wml_write(const bc_body_wml_styles *bs, bc_wml_render_block *b,
                      const char *s, size_t n);

/* Where the body ends in the rendered main part, for
 * bc_body_wml_keep_with_next (which removes it). */
#define BC_BODY_WML_END_PI "<?baocao-body-end?>"

/* The paragraphs a template has between the body and the signature (a
 * table; at most six, up to a section break) keep with the next, as the
 * body's last paragraphs do, so that the signature never stands alone on
 * a page; the body-end marks removed. */
void bc_body_wml_keep_with_next(bc_buf *xml);

#endif
