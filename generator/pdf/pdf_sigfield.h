/*
 * pdf_sigfield.h - the signature fields of a PDF's interactive form
 * (ISO 32000-1 12.7.2, 12.7.4.5): the catalog's /AcroForm /Fields walked
 * through /Kids, the fields whose type (/FT, inherited) is /Sig, with their
 * full names and their value (the signature dictionary, /V) when signed.
 */
#ifndef BC_PDF_SIGFIELD_H
#define BC_PDF_SIGFIELD_H

#include "pdf/pdf_file.h"

typedef struct bc_pdf_sigfield {
    unsigned num;      /* the field's object (with /T; a widget too when merged) */
    char *name;        /* its full name ("ChuKy", "A.B"), UTF-8 */
    bool has_value;    /* /V is there: the field is signed */
    unsigned value;    /* /V's object, 0 when /V is not a reference */
} bc_pdf_sigfield;

/* The signature fields in the order of the form, into *fields (malloc'd;
 * bc_pdf_sigfield_free). Their count; 0 when the PDF has no form or no
 * signature field. */
size_t bc_pdf_sigfield_list(const bc_pdf_file *f, bc_pdf_sigfield **fields);

void bc_pdf_sigfield_free(bc_pdf_sigfield *fields, size_t n);

#endif
