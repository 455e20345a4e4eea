/*
 * pdf_finish.c - LibreOffice's PDF checked and finished (see
 * pdf_finish.h).
 */
#include "pdf/pdf_finish.h"
#include "base/i18n.h"
#include "pdf/pdf_field.h"

#include <stdlib.h>

int bc_pdf_finish(const unsigned char *pdf, size_t len, const bc_pdf_finish_opts *o,
                  bc_buf *out, bc_pdf_finish_result *res, bc_diags *d)
{
    bc_pdf_file f;
    res->pages = 0;
    res->field = false;
    if (bc_pdf_file_parse(&f, pdf, len, o->name, d) != 0)
        return -1;
    unsigned *pages;
    res->pages = bc_pdf_file_pages(&f, &pages, o->name, d);
    free(pages);
    int rc = -1;
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    if (res->pages == 0) {
        /* the page tree's error is on d */
    } else if (res->pages < o->min_pages) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0,
                    _("LibreOffice's PDF has %zu pages; the report and its appendices need "
                      "at least %zu"),
                    res->pages, o->min_pages);
    } else if (!bc_pdf_tidy_dates(&w, &o->date)) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s",
                    _("LibreOffice's PDF has damaged metadata or colour profile"));
    } else {
        bc_pdf_field_rect r;
        if (bc_pdf_field_locate(&f, &r))
            res->field = bc_pdf_field_add(&w, &r);
        bc_pdf_write_full(&w, out);
        rc = 0;
    }
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    return rc;
}
