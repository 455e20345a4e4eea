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

/* Writes the body text s[0..n) through the block being rendered. Returns
 * 0, or -1 after a diagnostic. */
int bc_body_wml_write(const bc_body_wml_styles *bs, bc_wml_render_block *b,
                      const char *s, size_t n);

#endif
