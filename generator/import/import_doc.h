/*
 * import_doc.h - an existing report as read from a .docx or a text file,
 * before anything in it is recognised: its blocks in reading order, each
 * paragraph's text already in baocao's body markup (`**bold**`, `*italic*`,
 * the numbering Word shows written out), with what the recogniser needs to
 * tell a header from a heading (alignment, bold or italic throughout, the
 * table a paragraph sits in).
 *
 * Made by bc_import_docx_read (import_docx.c) and bc_import_text_read
 * (import_text.c); read by the recogniser, which turns it into the report's
 * keys. Strings and cells live in the document's arena; all goes with
 * bc_import_doc_free.
 */
#ifndef BC_IMPORT_DOC_H
#define BC_IMPORT_DOC_H

#include <stddef.h>

#include "base/arena.h"

typedef enum {
    BC_IMPORT_ALIGN_LEFT,   /* also "start", or none given */
    BC_IMPORT_ALIGN_CENTER,
    BC_IMPORT_ALIGN_RIGHT,
    BC_IMPORT_ALIGN_JUSTIFY
} bc_import_align;

/* One paragraph. */
typedef struct {
    /* UTF-8, NFC, one line: hard line breaks inside the paragraph joined
     * with a space, tabs and runs of spaces used for layout collapsed to
     * one space, leading and trailing space dropped. Emphasis inside the
     * paragraph as `**...**` and `*...*` (a paragraph bold or italic
     * throughout carries no stars: see bold, italic). Literal `*` and a
     * leading numbering pattern typed as text stay as typed. Word's
     * automatic numbering is written out at the start as Word shows it
     * ("I. ", "1. ", "2.1. ", "a) ", "- "), and numbered is set. */
    const char *text;
    bc_import_align align;
    unsigned bold : 1;        /* every non-space character bold */
    unsigned italic : 1;      /* every non-space character italic */
    unsigned numbered : 1;    /* the text's first characters came from Word's numbering */
    unsigned page_break : 1;  /* starts a new page (a page break or a new section before it) */
    /* where it is: a .docx's paragraph number in the main document part
     * (1-based, counting every w:p in document order, table cells'
     * included), or a text file's line number of its first line */
    int line;
} bc_import_para;

/* One table cell: its paragraphs, in order (possibly none). */
typedef struct {
    bc_import_para *paras;
    size_t n_paras;
} bc_import_cell;

/* One table: rows of cells, rows * cols of them, row by row. A merged
 * cell (gridSpan, vMerge continuation) is counted once where it starts;
 * the cells it covers are empty (n_paras 0). */
typedef struct {
    bc_import_cell *cells;
    size_t rows, cols;
    unsigned borders : 1;     /* drawn borders (a figures table); a header table has none */
    int line;                 /* the paragraph number of its first cell's first paragraph */
} bc_import_table;

typedef enum { BC_IMPORT_BLOCK_PARA, BC_IMPORT_BLOCK_TABLE } bc_import_block_kind;

typedef struct {
    bc_import_block_kind kind;
    union {
        bc_import_para para;
        bc_import_table table;
    } u;
} bc_import_block;

typedef struct {
    bc_arena arena;           /* every string and cell array below */
    const char *path;         /* the file read, for messages */
    int from_text;            /* 1: a text file, "line" is a line number */
    bc_import_block *blocks;  /* heap, grown by bc_import_doc_add */
    size_t n_blocks, cap_blocks;
} bc_import_doc;

/* An empty document read from path (kept, not copied). */
void bc_import_doc_init(bc_import_doc *doc, const char *path, int from_text);
/* A new zeroed block of the kind at the end; valid until the next add. */
bc_import_block *bc_import_doc_add(bc_import_doc *doc, bc_import_block_kind kind);
void bc_import_doc_free(bc_import_doc *doc);

#endif
