/*
 * import_text.h - an existing report's text file (a PDF's or an OCR's
 * text, a report saved as plain text) read into blocks (import_doc.h):
 * the lines broken by the page width rejoined into paragraphs, the
 * numbering and dash patterns that start a paragraph recognised even
 * without their space, lines typed with `|` kept as table lines.
 */
#ifndef BC_IMPORT_TEXT_H
#define BC_IMPORT_TEXT_H

#include "base/diag.h"
#include "import/import_doc.h"

#include <stddef.h>

/* Reads the text file at path into doc (initialised by the caller with
 * bc_import_doc_init, from_text 1). UTF-8 only (a UTF-8 BOM and CRLF line
 * ends are accepted); UTF-16, another encoding, a binary file or a file
 * with no text is an error naming the file. Returns 0 or -1 with an error
 * in d. */
int bc_import_text_read(const char *path, bc_import_doc *doc, bc_diags *d);
/* The same over bytes in memory; path names them in messages. */
int bc_import_text_read_mem(const char *path, const char *data, size_t len,
                            bc_import_doc *doc, bc_diags *d);

/* The length of the numbering pattern at the start of s that starts a
 * paragraph ("I.", "2.1.", "a)", "-", "+"), 0 when there is none; *space
 * gets 1 when a space already follows it. Shared with the recogniser,
 * which adds the missing space. */
size_t bc_import_text_numbering(const char *s, int *space);

#endif
