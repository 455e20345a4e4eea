/*
 * wml_scan.h - the tags of one part of a .docx template, found paragraph
 * by paragraph (internal to the template compiler, wml_compile.c).
 *
 * Scanning (wml_scan.c) walks a parsed part in document order and gives
 * every paragraph its place in words ("body, table 1, row 2, cell 1"), its
 * text (the w:t of its own runs, through hyperlinks, smart tags, simple
 * fields, content controls and inserted revisions; deleted text, proofing
 * marks, bookmarks and revision ids ignored), and its tags. A tag Word
 * split over several runs is moved whole into the w:t holding its "{{"
 * (the value takes that run's formatting) and its pieces are removed from
 * the other runs. A tag that crosses the paragraph's end (T001), holds a
 * tab, break, field or soft hyphen (T002), changes delimiters (T003), has
 * a filter ("{{x|upper}}", T017), or is otherwise malformed is an error, reported with the paragraph's text, the tag
 * marked, and a fix hint.
 *
 * Structure (wml_structure.c) pairs section tags and decides where each
 * one goes in the generated mustache source (bc_tplace): mustache's
 * standalone rule applied to paragraphs and table rows, paragraph, run,
 * row and list-item loops, the explicit placement suffix
 * ({{#x:row}}, :paragraph, :item, :runs), and errors for unclosed or stray
 * sections and for sections whose ends sit at different levels.
 *
 * Paragraphs inside mc:Fallback (the VML copy of a text box) are scanned
 * like the others but are "quiet": their tags are not listed and their
 * errors are only reported when nothing else explains the failure.
 */
#ifndef BC_WML_SCAN_H
#define BC_WML_SCAN_H

#include "base/diag.h"
#include "wml/wml_markers.h"
#include "package/package.h"
#include "wml/wml_styles.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* A paragraph's text marks what is not text: BC_MARK_BREAK, BC_MARK_PAGE
 * and BC_MARK_EDGE (wml_markers.h). */

/* Where the generated source has a tag. */
typedef enum bc_tplace {
    BC_TP_INLINE = 0, /* in its w:t, where it is */
    BC_TP_PARA,       /* its paragraph is standalone: the tag replaces it */
    BC_TP_BEFORE_P,   /* before its paragraph (removed from the text) */
    BC_TP_AFTER_P,    /* after its paragraph */
    BC_TP_ROW,        /* its table row is standalone: the tag replaces it */
    BC_TP_BEFORE_TR,  /* before its table row */
    BC_TP_AFTER_TR    /* after its table row */
} bc_tplace;

/* The placement suffix of a section tag ({{#x:row}}). */
typedef enum bc_tov {
    BC_OV_NONE = 0,
    BC_OV_RUNS,
    BC_OV_PARAGRAPH,
    BC_OV_ITEM,
    BC_OV_ROW
} bc_tov;

typedef struct bc_stag {
    size_t para;        /* index of its paragraph */
    size_t start, end;  /* byte range in the paragraph text */
    xmlNodePtr t;       /* the w:t holding it whole, after repair */
    size_t t_off;       /* its offset in that w:t's text */
    char sigil;         /* 0 variable, '&', '{', '#', '^', '/', '!' */
    char *name;         /* NFC, trimmed, without the suffix ("" comment) */
    bc_tov ov;
    bc_tplace place;
    long match;         /* the matching open or close tag, or -1 */
    long parent;        /* the enclosing open section tag, or -1 */
    char *src;          /* the mustache text written for it */
    bool bad;           /* reported as an error */
} bc_stag;

typedef struct bc_spara {
    xmlNodePtr p;
    xmlNodePtr container; /* the element holding it: body, cell, text box */
    xmlNodePtr tbl, tr, tc; /* the cell, row and table it is in, or NULL */
    long row;           /* index in bc_scan.rows, or -1 */
    bool row_first;     /* first paragraph of its row's first cell */
    bool row_last;      /* last paragraph of its row's last cell */
    size_t index;       /* ordinal of the w:p in the part (document order) */
    char *place;        /* "body, paragraph 3" */
    char *text;         /* its text, with the BC_SCAN_* marks */
    size_t len;
    size_t tag0, ntags; /* its tags: tags[tag0 .. tag0 + ntags) */
    bool standalone;    /* only non-output tags, whitespace, page breaks */
    bool keep;          /* standalone but kept: section or page break */
    bool break_first;   /* a page break before its first tag */
    bool numbered;      /* a list item */
    bool quiet;         /* inside mc:Fallback */
} bc_spara;

typedef struct bc_srow {
    xmlNodePtr tr, tbl;
    size_t cells;
    bool nested;        /* a cell holds a table */
    bool standalone;    /* only non-output tags and empty paragraphs */
    size_t tag0, tag_end; /* the tags inside it (nested tables included) */
} bc_srow;

/* A w:t holding tags: tags[tag0 .. tag0 + ntags). */
typedef struct bc_stext {
    xmlNodePtr t;
    size_t tag0, ntags;
} bc_stext;

typedef struct bc_scan {
    const char *file;   /* the template's name, for messages */
    const char *part;   /* the part's name in the package */
    const char *words;  /* the part in words ("body", "header of section 1") */
    const bc_styles *styles;
    bc_diags *d;
    bc_diags quiet;     /* errors found in quiet paragraphs */
    size_t errors;      /* errors added to d */
    bc_spara *paras;
    size_t npara, cap_para;
    bc_stag *tags;
    size_t ntags, cap_tags;
    bc_srow *rows;
    size_t nrows, cap_rows;
    bc_stext *texts;
    size_t ntexts, cap_texts;
    int text_boxes;     /* text boxes seen, for places */
} bc_scan;

/* Scans the part whose root element is root. s must be zeroed with file,
 * part, words, styles and d set. Returns 0, or -1 after adding errors. */
int bc_wml_scan_part(bc_scan *s, xmlNodePtr root);
/* Pairs sections and places every tag. Returns 0, or -1 after errors. */
int bc_wml_structure(bc_scan *s);
/* Points the _private field of every scanned w:p, w:tr and tag-holding
 * w:t at its record (the serializer's look-up). */
void bc_wml_scan_bind(bc_scan *s);
/* Moves the quiet errors into d when d got none from this part. */
void bc_wml_scan_finish(bc_scan *s);
void bc_wml_scan_free(bc_scan *s);

/* Adds an error at paragraph `para` (the tag marked in its text when tag
 * is not NULL), with a stable id and a fix hint. */
bc_diag *bc_wml_scan_error(bc_scan *s, size_t para, const bc_stag *tag,
                       const char *id, const char *hint, const char *fmt,
                       ...) __attribute__((format(printf, 6, 7)));
/* The paragraph's text for messages: marks shown as spaces, the tag (when
 * not NULL) between ">>" and "<<", cut around it when long (malloc'd). */
char *bc_wml_scan_shown(const bc_scan *s, size_t para, const bc_stag *tag);
/* The one inline variable tag of a paragraph otherwise blank (a block
 * paragraph: it renders once per item of a list value), or NULL. */
const bc_stag *bc_wml_scan_block_tag(const bc_scan *s, const bc_spara *p);
/* The tag as the clerk wrote it, marks shown as spaces (malloc'd). */
char *bc_wml_scan_tag_text(const bc_scan *s, const bc_stag *tag);

/* The part in words: "body", "header of section 2", "first-page footer
 * of section 1", "footnotes"... (malloc'd). main_part is the main
 * document, whose section properties name the headers and footers. */
char *bc_wml_scan_part_words(const bc_package *pkg, const char *main_part,
                         const char *part, const char *content_type);

#endif
