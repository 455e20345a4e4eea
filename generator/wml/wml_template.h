/*
 * wml_template.h - a .docx template compiled once and rendered many times.
 *
 * Every part that holds text (main document, headers, footers, footnotes,
 * endnotes, comments; found through [Content_Types].xml and the
 * relationships, never by file name; text boxes included) is turned into
 * one mustache program (wml_scan.h, wml_compile.c):
 *  - per paragraph, a {{tag}} that Word split over several runs (through
 *    hyperlinks, smart tags, simple fields, inserted revisions; proofing
 *    marks, bookmarks and revision ids ignored) is moved whole into the run
 *    holding its opening "{{" (the value takes that run's formatting); a
 *    tag crossing the paragraph's end, or holding a tab, break or field,
 *    is an error;
 *  - structure follows mustache's standalone rule: a paragraph (or table
 *    row) holding only section, inverted, closing or comment tags
 *    disappears; open and close in separate paragraphs repeat the
 *    paragraphs between them, in one paragraph the runs, in the first and
 *    last cells of rows the rows, in the first and last list items the
 *    items; {{#x:row}}, :paragraph, :item and :runs say it explicitly; ends
 *    at different levels are an error naming both places;
 *  - a paragraph holding only one variable tag is a block: a list value
 *    gives one paragraph per item in that paragraph's formatting, a text
 *    the host writes itself gives its paragraphs (wml_host.h: the report
 *    body, one paragraph per markup block), any other value gives the
 *    paragraph with the value;
 *  - styles play roles: a template's style is matched to the host's
 *    reference style by id, else by name (an editor may have renamed its
 *    id), and a template lacking a style the host needs gets it copied.
 * Values are always XML-escaped; a newline gives a line break and a tab a
 * tab in the same run; XML-illegal characters are errors naming the key
 * and the code point. Rendered parts keep Word's invariants (wml_fixup.h).
 * Errors carry a stable id (T001...), the part and place in words, the
 * paragraph's text with the tag marked, and a fix hint.
 */
#ifndef BC_WML_TEMPLATE_H
#define BC_WML_TEMPLATE_H

#include "base/diag.h"
#include "package/package.h"
#include "mustache/mustache.h"
#include "wml/wml_host.h"

#include <stdbool.h>

typedef struct bc_wml_template bc_wml_template;

/* Compiles a template package (copied; the caller keeps pkg) for a host
 * (wml_host.h; NULL: none; it must outlive the template). `name` is the
 * template's file name for messages. Returns NULL after adding every
 * error found to d. Rendering is wml_render.h's. */
bc_wml_template *bc_wml_template_compile(const bc_package *pkg,
                                         const char *name,
                                         const bc_wml_host *host,
                                         bc_diags *d);
void bc_wml_template_free(bc_wml_template *t);

/* The template's package, and the same zipped once (level 9): parts that
 * are not rendered are copied from it without recompressing. */
const bc_package *bc_wml_template_package(const bc_wml_template *t);
const unsigned char *bc_wml_template_base_zip(const bc_wml_template *t, size_t *len);
/* The package's core properties part (docprops.h), NULL when it has none. */
const char *bc_wml_template_core_part(const bc_wml_template *t);
/* The main document part's name ("word/document.xml"). */
const char *bc_wml_template_main_part(const bc_wml_template *t);

/* What `template check` shows: every tag with its place, and where each
 * error is (for a copy of the template annotated with Word comments). */
typedef struct bc_tpl_tag {
    char *part;        /* the part's name in the package */
    char *place;       /* "body, table 1, row 2, cell 1" */
    char *text;        /* the tag as written: "{{#thon}}" */
    char kind;         /* 0 variable, '#', '^', '/', '!' */
    char *name;        /* the name looked up ("" for a comment) */
    long parent;       /* index of the enclosing section's open tag, or -1 */
    size_t para_index; /* ordinal of its paragraph (every w:p of the part) */
} bc_tpl_tag;

typedef struct bc_tpl_mark {
    const bc_diag *diag;
    char *part;        /* NULL: the template as a whole */
    long para_index;   /* -1: the part as a whole */
} bc_tpl_mark;

typedef struct bc_tpl_info {
    bc_tpl_tag *tags;
    size_t ntags, cap_tags;
    bc_tpl_mark *marks;
    size_t nmarks, cap_marks;
} bc_tpl_info;

#define BC_TPL_INFO_INIT {NULL, 0, 0, NULL, 0, 0}

/* bc_wml_template_compile that also fills info (even when compiling fails). */
bc_wml_template *bc_wml_template_compile_info(const bc_package *pkg,
                                              const char *name,
                                              const bc_wml_host *host,
                                              bc_diags *d, bc_tpl_info *info);
void bc_wml_template_info_free(bc_tpl_info *info);

/* The names of every tag the template uses, for `template check`. */
void bc_wml_template_visit(const bc_wml_template *t, bc_mvisit_fn fn, void *closure);

#endif
