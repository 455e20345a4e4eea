/*
 * import_docx_numbering.h - Word's automatic numbering of a clerk's .docx
 * (word/numbering.xml) turned into the text Word shows: w:num instances
 * over w:abstractNum definitions (w:lvlOverride with w:startOverride or a
 * whole w:lvl, w:numStyleLink followed once), nine levels each with its
 * w:start, w:numFmt, w:lvlText ("%1.", "%1.%2.", "%2)"), w:lvlRestart and
 * w:isLgl; counters kept per abstract list, lower levels restarting when
 * a higher one advances, as Word counts them in document order.
 */
#ifndef BC_IMPORT_DOCX_NUMBERING_H
#define BC_IMPORT_DOCX_NUMBERING_H

#include "base/buf.h"
#include "import/import_docx_styles.h"

#include <libxml/tree.h>
#include <stdbool.h>

#define BC_IMPORT_DOCX_LEVELS 9

typedef struct bc_import_docx_abstract bc_import_docx_abstract; /* the .c file's */
typedef struct bc_import_docx_num bc_import_docx_num;

typedef struct bc_import_docx_numbering {
    bc_import_docx_abstract *abs; /* sorted by abstractNumId */
    size_t n_abs;
    bc_import_docx_num *nums;     /* sorted by numId */
    size_t n_nums;
} bc_import_docx_numbering;

/* Reads a numbering part (doc may be NULL: no numbering); styles resolve
 * w:numStyleLink. Keeps pointers into doc, which must outlive it. */
void bc_import_docx_numbering_load(bc_import_docx_numbering *n, xmlDocPtr doc,
                                   bc_import_docx_styles *styles);
void bc_import_docx_numbering_free(bc_import_docx_numbering *n);

/* The next paragraph of list num_id at level ilvl (out of 0..8: clamped):
 * advances the counters and appends to out the label Word shows for it
 * ("I.", "2.1.", "a)"; a bullet as "-" or "+"), without the space after
 * it. para_style: the paragraph's style id, for a level chosen by its
 * w:pStyle when ilvl is negative (unset). Returns false (nothing
 * appended) when num_id names no list (nothing counted then), the level
 * is not defined, or its label is empty (w:numFmt none, an empty
 * w:lvlText). */
bool bc_import_docx_numbering_next(bc_import_docx_numbering *n, int num_id, int ilvl,
                                   const char *para_style, bc_buf *out);

/* A number as numFmt `fmt` writes it ("decimal", "upperRoman", "lowerLetter"...),
 * appended to out; an unknown format, or a number too large or small
 * for it, in decimal. */
void bc_import_docx_numbering_format(bc_buf *out, const char *fmt, long v);

#endif
