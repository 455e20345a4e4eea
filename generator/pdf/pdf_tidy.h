/*
 * pdf_tidy.h - the same PDF bytes for the same report: LibreOffice stamps
 * its export with the clock (the document information's /CreationDate,
 * the XMP packet's xmp:CreateDate, the ICC output profile's header) and a
 * random /ID. These are set from the report's own date instead; the /ID
 * is made from the content when the file is written (pdf_write.h).
 */
#ifndef BC_PDF_TIDY_H
#define BC_PDF_TIDY_H

#include "pdf/pdf_write.h"

typedef struct bc_pdf_tidy_date {
    int year, month, day; /* the report's date (ngay), at 00:00 Vietnam time */
} bc_pdf_tidy_date;

/* Replaces the clock's dates in w's file with date. Parts it does not
 * find are left alone; false only when one it found is damaged, or when
 * date is none (a year outside 1-9999, a month or day out of range). */
bool bc_pdf_tidy_dates(bc_pdf_write *w, const bc_pdf_tidy_date *date);

#endif
