/*
 * appendix_wml.h - the report's appendices (`phu_luc`, input.md 1.3.2) as
 * WordprocessingML: each in a section of its own after the report, its
 * page numbering from 1, landscape when asked, its head laid out as
 * nd30-layout.md section 9 says and its body in the body's markup. The
 * report's host adds them to the main part once it is rendered (any
 * template: no tag places them).
 */
#ifndef BC_APPENDIX_WML_H
#define BC_APPENDIX_WML_H

#include "base/buf.h"
#include "base/diag.h"
#include "input/node.h"
#include "report/body_wml.h"
#include "wml/wml_styles.h"

/* The paragraph styles of an appendix's head (imported into a clerk's
 * template lacking them), NULL-terminated. */
extern const char *const bc_appendix_wml_style_ids[];

/* The style ids a template uses for an appendix's head and rule. */
typedef struct bc_appendix_wml_styles {
    char *so, *ten, *kem_theo, *rule;
} bc_appendix_wml_styles;

void bc_appendix_wml_styles_load(bc_appendix_wml_styles *as, const bc_styles *styles);
void bc_appendix_wml_styles_free(bc_appendix_wml_styles *as);

/* Adds the appendices of the prepared data `root` (its phu_luc list) to
 * the main part's text xml, before the body's final w:sectPr. Nothing
 * when there are none. Returns 0, or -1 after a diagnostic. */
int bc_appendix_wml_finish(const bc_appendix_wml_styles *as, const bc_body_wml_styles *bs,
                           bc_buf *xml, const bc_node *root, double page_text,
                           bc_diags *d);

#endif
