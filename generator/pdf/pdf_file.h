/*
 * pdf_file.h - a PDF file's structure: its cross-reference tables (the
 * first and every incremental update after it, followed through /Prev),
 * its latest trailer, and each object's bytes. Reads PDFs as LibreOffice
 * writes them and as baocao updates them: classic xref tables, no
 * cross-reference or object streams (those are refused with a message).
 * The bytes are borrowed, not copied; they must outlive the bc_pdf_file.
 */
#ifndef BC_PDF_FILE_H
#define BC_PDF_FILE_H

#include "base/diag.h"
#include "pdf/pdf_syntax.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_pdf_file {
    const unsigned char *data;
    size_t len;
    unsigned size;          /* the trailer's /Size: object numbers below it */
    size_t *offset;         /* per object number: "N G obj" offset, 0 free */
    unsigned short *gen;    /* per object number: its generation */
    bc_pdf_span trailer;    /* the latest trailer's dictionary */
    size_t startxref;       /* the latest cross-reference table's offset */
    unsigned root, info;    /* the catalog and the document information */
    size_t revisions;       /* 1 + the number of incremental updates */
} bc_pdf_file;

/* Reads the structure of data (len bytes). name names the file in
 * messages. 0 on success; -1 with an error on d when it is not a complete
 * PDF of the kind described above. */
int bc_pdf_file_parse(bc_pdf_file *f, const unsigned char *data, size_t len,
                      const char *name, bc_diags *d);

void bc_pdf_file_free(bc_pdf_file *f);

/* Object num's value: the bytes between "N G obj" and "endobj", white
 * space trimmed (a stream object's value includes its stream). False
 * when it is free or malformed. */
bool bc_pdf_file_object(const bc_pdf_file *f, unsigned num, bc_pdf_span *value);

/* Stream object num's dictionary and data (its /Length bytes, /Length
 * direct or an object of its own). False when it is no stream. */
bool bc_pdf_file_stream(const bc_pdf_file *f, unsigned num, bc_pdf_span *dict,
                        bc_pdf_span *data);

/* Object num's whole text, from "N G obj" to just after "endobj". */
bool bc_pdf_file_object_text(const bc_pdf_file *f, unsigned num, bc_pdf_span *text);

/* The value of /key in object num's dictionary (a stream's dictionary
 * too). */
bool bc_pdf_file_get(const bc_pdf_file *f, unsigned num, const char *key, bc_pdf_span *value);

/* Resolves a value that may be a reference: the referenced object's value
 * or v itself. */
bool bc_pdf_file_resolve(const bc_pdf_file *f, bc_pdf_span v, bc_pdf_span *out);

/* The pages in order: their object numbers in *pages (malloc'd, the
 * caller frees), their count returned; 0 with an error on d when the page
 * tree is broken. */
size_t bc_pdf_file_pages(const bc_pdf_file *f, unsigned **pages, const char *name, bc_diags *d);

#endif
