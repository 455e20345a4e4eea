/*
 * pdf_finish.h - LibreOffice's PDF of a report, checked and finished: it
 * must be a complete PDF with at least as many pages as the report has
 * parts (the body, then each appendix on a page of its own); its dates come
 * from the report (pdf_tidy.h), its /ID from its content, and it gets an
 * empty signature field where the template marks the signature space
 * (pdf_field.h).
 */
#ifndef BC_PDF_FINISH_H
#define BC_PDF_FINISH_H

#include "base/buf.h"
#include "base/diag.h"
#include "pdf/pdf_tidy.h"

typedef struct bc_pdf_finish_opts {
    const char *name;          /* the report, in messages */
    size_t min_pages;          /* 1 + the number of appendices */
    bc_pdf_tidy_date date;     /* the report's date */
} bc_pdf_finish_opts;

typedef struct bc_pdf_finish_result {
    size_t pages;
    bool field;                /* a signature field was added */
} bc_pdf_finish_result;

/* Appends the finished PDF to out. 0 on success; -1 with an error naming
 * the report on d (out unchanged then). */
int bc_pdf_finish(const unsigned char *pdf, size_t len, const bc_pdf_finish_opts *o,
                  bc_buf *out, bc_pdf_finish_result *res, bc_diags *d);

#endif
