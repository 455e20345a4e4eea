/*
 * import_docx_text.h - one paragraph's text as the import reader gathers
 * it, run by run with each run's bold and italic, and made into one line
 * of body markup at the end: NFC, no control characters, layout spaces
 * (tabs, no-break and other wide spaces, line breaks) collapsed to one
 * space and trimmed, emphasis as `**...**`, `*...*`, `***...***` (none
 * for what holds for the whole paragraph, which the caller gets as
 * flags), literal stars escaped (`\*`), Word's numbering label first.
 */
#ifndef BC_IMPORT_DOCX_TEXT_H
#define BC_IMPORT_DOCX_TEXT_H

#include "base/arena.h"
#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>

#define BC_IMPORT_DOCX_BOLD 1
#define BC_IMPORT_DOCX_ITALIC 2

typedef struct bc_import_docx_text {
    bc_buf raw;   /* the text so far, spaces of every kind as ' ' */
    bc_buf fmt;   /* one byte per byte of raw: BC_IMPORT_DOCX_BOLD | _ITALIC */
    size_t ink;   /* bytes of raw that are not spaces */
} bc_import_docx_text;

void bc_import_docx_text_init(bc_import_docx_text *t);
void bc_import_docx_text_free(bc_import_docx_text *t);
/* Appends n bytes of a run's text with its emphasis flags: invalid UTF-8
 * and control characters dropped, tabs, line ends and Unicode spaces
 * (no-break space included) as a space. */
void bc_import_docx_text_add(bc_import_docx_text *t, const char *s, size_t n, int flags);
/* Appends a space (a tab, a line break). */
void bc_import_docx_text_space(bc_import_docx_text *t);
/* The paragraph's line of body markup in a (label: Word's numbering
 * label, or NULL, cleaned like the text and written first with one space
 * after it; *labelled set when anything of it was left to write); *bold
 * and *italic set when every non-space character of the text (the label
 * aside) is bold or italic, which then gets no stars. The builder is
 * left empty. */
char *bc_import_docx_text_finish(bc_import_docx_text *t, const char *label, bc_arena *a,
                                 bool *bold, bool *italic, bool *labelled);

#endif
