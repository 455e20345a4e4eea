/*
 * import_docx.h - an existing report's .docx read into blocks
 * (import_doc.h): the main document part's paragraphs and tables in
 * reading order, Word's automatic numbering written out as it shows,
 * emphasis as body markup.
 */
#ifndef BC_IMPORT_DOCX_H
#define BC_IMPORT_DOCX_H

#include "base/diag.h"
#include "import/import_doc.h"

/* Reads the .docx at path into doc (initialised by the caller with
 * bc_import_doc_init). Returns 0, or -1 with an error in d naming the
 * file (and the part) when it is not a readable .docx: not a zip, no
 * word/document.xml, XML that does not parse. Never crashes or hangs on
 * a damaged file. */
int bc_import_docx_read(const char *path, bc_import_doc *doc, bc_diags *d);

#endif
