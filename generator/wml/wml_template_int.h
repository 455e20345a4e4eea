/*
 * wml_template_int.h - what the files of the .docx template engine share
 * (not a public interface): a compiled template, and one compiled part as
 * the compiler (wml_compile.c) hands it to the renderer (wml_render.c)
 * and the tree passes (wml_passes.c).
 */
#ifndef BC_WML_TEMPLATE_INT_H
#define BC_WML_TEMPLATE_INT_H

#include "base/diag.h"
#include "mustache/mustache.h"
#include "package/package.h"
#include "wml/wml_fixup.h"
#include "wml/wml_host.h"
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
    /* the run holding the tag, for a host writing its own runs in its
     * place: it starts at pre[run_at] and goes on after it at
     * post[run_end]; has_run false when it was not found */
    bool has_run;
    size_t run_at, run_end;
    /* the paragraph's geometry, for a host placing drawings in it (twips):
     * the width of its column (its cell's, less the cell's margins; else
     * the page's text width; 0 when unknown), and its fixed or minimum
     * line height (0 when its lines take their text's height) */
    double width;
    int line;
} block;

/* Where a tag of the generated source came from. */
typedef struct tag_loc {
    size_t offset;
    char *place;   /* "body, table 1, row 2, cell 1" */
    char *text;    /* the paragraph's text with the tag marked */
    char *tag;     /* the tag as the clerk wrote it ("{{{raw}}}"), which
                      messages show for its generated text ("{{@raw 2}}") */
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
    bool layout;   /* the host's layout runs on it (the main part) */
    /* where the tree passes (fixup, and the layout) run: on the whole
     * rendered part, or on its regions (wml_regions.h), the text between
     * BC_MARK_REGION_OPEN and BC_MARK_REGION_CLOSE, parsed between
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
    unsigned long max_id; /* the largest drawing, bookmark or shape id */
    unsigned long max_note[BC_NOTE_KINDS]; /* the largest note ids */
    bc_wml_note_kind notes; /* the notes a notes part holds, or BC_NOTE_NONE */
} tpl_part;

struct bc_wml_template {
    char *name;
    bc_package pkg;
    unsigned char *base_zip;  /* the package zipped once: parts that are not
                                 rendered are copied from it compressed */
    size_t base_len;
    tpl_part *parts;
    size_t part_count;
    bc_styles styles;
    char *main_part;
    char *core_part;          /* docProps/core.xml, or NULL (docprops.h) */
    const bc_wml_host *host;  /* never NULL (an empty host when none) */
    void *host_state;         /* host->bind's, or NULL */
};

/* Compiles part->name of pkg into part (name, words, is_main set by the
 * caller). Tags are added to info when it is not NULL, and each error to
 * info's marks. Returns 0, or -1 after adding every error found to d. */
int bc_wml_compile_part(tpl_part *part, const bc_package *pkg,
                        const char *file, const bc_styles *styles,
                        const bc_wml_host *host, bc_tpl_info *info,
                        bc_diags *d);
void bc_wml_compile_free(tpl_part *part);

/* The tree passes over one rendered part (wml_passes.c): fixup and the
 * host's layout, on the whole part or on its regions, the kept elements
 * put back; in a notes part, the copies of notes the main part asked. Returns 0, or -1 after a diagnostic (the rendering is not
 * well-formed). */
int bc_wml_passes_run(const bc_wml_template *t, const tpl_part *part,
                      bc_wml_ids *ids, bc_buf *xml, bc_diags *d);
/* Replaces in xml, from byte `start` on, each placeholder "<prefix>N?>"
 * with texts[N] (one out of range is dropped). */
void bc_wml_passes_fill(bc_buf *xml, size_t start, const char *prefix,
                        const bc_buf *texts, size_t n);

#endif
