/*
 * wml_host.h - what a kind of document built on the .docx template engine
 * hands it: the engine knows WordprocessingML, tags and structure; the
 * kind (report/template.c: the Decree 30 report) knows which styles its
 * templates need, which tag values it writes as paragraphs of its own
 * (the body), and the layout pass it runs over a rendered main document.
 *
 * Every member may be NULL: a template compiled without a host (or with
 * an empty one) renders tags as values, imports no style and runs no
 * layout.
 */
#ifndef BC_WML_HOST_H
#define BC_WML_HOST_H

#include "package/embedded.h"
#include "wml/wml_styles.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* One block tag being written (wml_render.h): where its paragraphs go and
 * how its text is written in its run's formatting. */
typedef struct bc_wml_render_block bc_wml_render_block;

/* What a paragraph style means to the layout pass, by its role (the
 * reference style id it plays, wml_styles.h). */
typedef enum bc_wml_layout_role {
    BC_WML_LAYOUT_NONE = 0,  /* the layout leaves such paragraphs alone */
    BC_WML_LAYOUT_MEASURED,  /* measured or sized by the layout */
    BC_WML_LAYOUT_RULE       /* sized from the paragraphs right above it */
} bc_wml_layout_role;

typedef struct bc_wml_host {
    /* The package whose styles are the roles (the kind's built-in
     * template, compiled in), and the style ids a template lacking them
     * gets copied from it (NULL-terminated). */
    const bc_embedded_file *style_source;
    const char *const *imported_styles;
    /* State of one template, made once it is compiled from its styles
     * (which id plays which role), read-only afterwards; NULL: none. */
    void *(*bind)(const bc_styles *styles);
    void (*unbind)(void *state);
    /* A block tag (a paragraph holding only {{name}}) whose value is a
     * text: writes it as paragraphs of its own through b and returns 1,
     * or returns 0 for the default (the value in the paragraph), or -1
     * after a diagnostic. */
    int (*block_text)(void *state, bc_wml_render_block *b, const char *name,
                      const char *s, size_t n);
    /* True for a block tag whose value is always one text the host writes
     * as exactly one paragraph (the report's signature space and signer's
     * name): the tree passes then count its paragraph as rendered once
     * (wml_regions.h), as if it held no tag. */
    bool (*block_once)(const char *name);
    /* The layout of a rendered main document: what it reads, the text
     * width of a main part's page (from its w:sectPr, kept when the part
     * is compiled), and the pass over the whole part or over some
     * children of w:body (a region, wml_regions.h). */
    bc_wml_layout_role (*layout_role)(const char *role);
    double (*page_text_width)(const xmlNode *root);
    void (*layout_tree)(void *state, xmlNodePtr root, const bc_styles *styles);
    void (*layout_children)(void *state, xmlNodePtr parent,
                            const bc_styles *styles, double page_text);
    /* The main part, rendered and laid out (xml: its whole text), before
     * it is stored: the host may add to it what no tag of the template
     * places (the report's appendices, in sections of their own before the
     * body's final w:sectPr). root is the data as given to bc_wml_render;
     * page_text the part's text width (0: unknown). Returns 0, or -1 after
     * a diagnostic; NULL: nothing to add. */
    int (*finish_main)(void *state, bc_buf *xml, const void *root, double page_text,
                       bc_diags *d);
} bc_wml_host;

#endif
