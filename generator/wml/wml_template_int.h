/*
 * wml_template_int.h - what the .docx template compiler (wml_compile.c)
 * hands to the renderer (wml_template.c): one compiled part.
 */
#ifndef BC_WML_TEMPLATE_INT_H
#define BC_WML_TEMPLATE_INT_H

#include "package/package.h"
#include "mustache/mustache.h"
#include "wml/wml_styles.h"
#include "wml/wml_template.h"

#include <stdbool.h>

/* A block paragraph: its XML around the tag, and its run formatting. */
typedef struct block {
    char *pre;     /* "<w:p>...<w:t xml:space="preserve">" */
    char *post;    /* "</w:t></w:r>...</w:p>" */
    char *rpr;     /* children of the tag run's w:rPr (may be "") */
    /* the whole w:rPr for text in that run: as is, bold, italic, bold
     * italic; properties in schema order ("" when there are none) */
    char *rpr_as[4];
    char *name;    /* the tag's variable name */
} block;

/* Where a tag of the generated source came from. */
typedef struct tag_loc {
    size_t offset;
    char *place;   /* "body, table 1, row 2, cell 1" */
    char *text;    /* the paragraph's text with the tag marked */
} tag_loc;

typedef struct tpl_part {
    char *name;
    char *words;   /* the part in words ("body", "header of section 1") */
    bc_mtpl *prog;
    block *blocks;
    size_t block_count;
    tag_loc *locs;
    size_t loc_count;
    bool is_main;
    bool fixup;    /* rendering may repeat or empty structure: run wml_fixup */
    /* where the tree passes (fixup, and the layout of the main part) run:
     * on the whole rendered part, or on its regions (wml_regions.h), the
     * text between BC_REGION_OPEN and BC_REGION_CLOSE, parsed between
     * wrap_open and wrap_close (the start tags of the root down to the
     * region's parent, and their end tags) */
    bool whole_pass;
    bool regions;
    char *wrap_open, *wrap_close;
    bc_buf *kept;     /* elements kept out of the regions' parse, by number */
    size_t kept_count, kept_cap;
    double page_text; /* the main part's text width, for the layout */
    size_t size_hint; /* the compiled text's length: a rendering's first guess */
    bool compiled; /* set once compiled: later errors are render errors */
    unsigned long max_id; /* the largest drawing or bookmark id */
} tpl_part;

/* Compiles part->name of pkg into part (name, words, is_main set by the
 * caller). Tags are added to info when it is not NULL, and each error to
 * info's marks. Returns 0, or -1 after adding every error found to d. */
int bc_wml_compile_part(tpl_part *part, const bc_package *pkg,
                        const char *file, const bc_styles *styles,
                        bc_tpl_info *info, bc_diags *d);
void bc_wml_compile_free(tpl_part *part);

#endif
