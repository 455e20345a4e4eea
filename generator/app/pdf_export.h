/*
 * pdf_export.h - reports' .docx files made PDF/A-2b: LibreOffice converts
 * them in chunks (app/office.h: its own profile, a time limit, its own
 * process group), one LibreOffice per worker, in a private folder; each PDF
 * is then checked and finished (pdf/pdf_finish.h) and written where the
 * caller says. A report whose PDF fails is named in an error; the others
 * are still written.
 */
#ifndef BC_PDF_EXPORT_H
#define BC_PDF_EXPORT_H

#include "base/diag.h"
#include "pdf/pdf_tidy.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

/* LibreOffice's PDF export: PDF/A-2b, fonts embedded (always, in PDF/A),
 * bookmarks as named destinations (the signature field's place). */
#define BC_PDF_EXPORT_FILTER                                                                 \
    "pdf:writer_pdf_Export:{"                                                               \
    "\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"},"                             \
    "\"ExportBookmarksToPDFDestination\":{\"type\":\"boolean\",\"value\":\"true\"},"        \
    "\"UseTaggedPDF\":{\"type\":\"boolean\",\"value\":\"true\"},"                  \
    "\"UseLosslessCompression\":{\"type\":\"boolean\",\"value\":\"true\"}}"

typedef struct bc_pdf_export_item {
    const char *docx;         /* the .docx to convert */
    const char *pdf;          /* where its PDF goes */
    const char *shown;        /* the PDF as the clerk knows it, in messages */
    bool staged;              /* pdf is a batch's temporary name: written as
                                 is, put in place by the batch; else written
                                 atomically */
    size_t min_pages;         /* 1 + the report's appendices */
    bc_pdf_tidy_date date;    /* the report's date */
    bool ok;                  /* set: the PDF was written */
    bool field;               /* set: it has a signature field */
} bc_pdf_export_item;

typedef struct bc_pdf_export_opts {
    const char *soffice;      /* NULL: soffice on PATH */
    int timeout;              /* seconds per LibreOffice call; <= 0: 120 */
    int jobs;                 /* LibreOffice processes at once; <= 0: 1 */
    size_t chunk;             /* reports per LibreOffice call; 0: 25 */
    /* After each chunk: PDFs done so far, of total; never two at a time. */
    void (*on_progress)(void *closure, size_t done, size_t total);
    void *closure;
    volatile sig_atomic_t *cancel; /* non-zero: stop after the running chunks */
} bc_pdf_export_opts;

/* Converts every item. Returns the number that failed (each with an error
 * on d). */
size_t bc_pdf_export_run(const bc_pdf_export_opts *o, bc_pdf_export_item *items, size_t n,
                         bc_diags *d);

#endif
