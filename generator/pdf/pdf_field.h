/*
 * pdf_field.h - an empty signature field where the signer signs: its
 * rectangle comes from named destinations that the template's bookmarks
 * become in LibreOffice's export (ExportBookmarksToPDFDestination), not
 * from searching the text. `ChuKy` marks the top left of the signature
 * space, `HoTenKy` and `HoTenKyHet` the start and end of the signer's
 * centred name below it: the field spans the space, centred on the name.
 */
#ifndef BC_PDF_FIELD_H
#define BC_PDF_FIELD_H

#include "pdf/pdf_write.h"

/* The field's name (its /T), which `baocao ky` signs. */
#define BC_PDF_FIELD_NAME "ChuKy"

/* Bookmarks (and so destinations) the built-in template carries. */
#define BC_PDF_FIELD_DEST_SPACE "ChuKy"
#define BC_PDF_FIELD_DEST_NAME "HoTenKy"
#define BC_PDF_FIELD_DEST_NAME_END "HoTenKyHet"

typedef struct bc_pdf_field_rect {
    unsigned page;             /* the page object */
    double x1, y1, x2, y2;     /* in default user space */
} bc_pdf_field_rect;

/* The signature space's rectangle from the destinations; false when the
 * PDF has not all three (a template without the bookmarks) or they do not
 * make a rectangle on one page (an object of /Type /Page). */
bool bc_pdf_field_locate(const bc_pdf_file *f, bc_pdf_field_rect *r);

/* A destination's page and its /XYZ left and top; false when absent. */
bool bc_pdf_field_dest(const bc_pdf_file *f, const char *name, unsigned *page, double *left,
                       double *top);

/* Adds to w an unsigned signature field over r: a widget with an empty
 * appearance (PDF/A wants one) in the page's /Annots, and the catalog's
 * /AcroForm listing it. False, with nothing added, when the catalog has an
 * /AcroForm already, or when the catalog or the page is no dictionary or
 * the page's /Annots no array. */
bool bc_pdf_field_add(bc_pdf_write *w, const bc_pdf_field_rect *r);

#endif
