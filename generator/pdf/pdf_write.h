/*
 * pdf_write.h - writing a PDF read by pdf_file.h again, with some objects
 * replaced and some added: either the whole file anew (objects in their
 * old order, one new cross-reference table, the document ID computed from
 * the content) or the old bytes unchanged followed by an incremental
 * update (ISO 32000-1 7.5.6), as a signature needs.
 */
#ifndef BC_PDF_WRITE_H
#define BC_PDF_WRITE_H

#include "base/buf.h"
#include "pdf/pdf_file.h"

typedef struct bc_pdf_write_obj {
    unsigned num;
    char *value;
    size_t len;
} bc_pdf_write_obj;

typedef struct bc_pdf_write {
    const bc_pdf_file *f;
    bc_pdf_write_obj *objs; /* replaced and added objects */
    size_t n, cap;
    unsigned next;          /* the next new object's number */
    size_t *written;        /* after writing: each object's offset in out */
} bc_pdf_write;

void bc_pdf_write_init(bc_pdf_write *w, const bc_pdf_file *f);
void bc_pdf_write_free(bc_pdf_write *w);

/* A new object's number (its value is set with bc_pdf_write_set). */
unsigned bc_pdf_write_add(bc_pdf_write *w);

/* Object num's value from now on: what goes between "N G obj" and
 * "endobj" (copied). num may be one the file has free; one past those
 * bc_pdf_write_add gave adds the numbers up to it (null when not set). */
void bc_pdf_write_set(bc_pdf_write *w, unsigned num, const void *value, size_t len);

/* The value set for num, or NULL. */
const bc_pdf_write_obj *bc_pdf_write_get(const bc_pdf_write *w, unsigned num);

/* The whole file anew into out: the bytes before the first object, then
 * every object in its old order (replaced ones replaced, free and
 * unreadable ones left out unless given a value), the added ones, one
 * cross-reference table and a trailer with /Size, /Root, /Info and an /ID
 * whose both halves are the MD5 of all bytes before the trailer. Keys of
 * the old trailer besides those (such as LibreOffice's /DocChecksum) are
 * dropped. */
void bc_pdf_write_full(bc_pdf_write *w, bc_buf *out);

/* The old bytes unchanged, then the replaced and added objects, their
 * cross-reference section and a trailer with /Prev, the same /Root, /Info
 * and /ID. */
void bc_pdf_write_update(bc_pdf_write *w, bc_buf *out);

/* After writing: where object num starts ("N G obj") in out; 0 when it
 * was not written. */
size_t bc_pdf_write_offset(const bc_pdf_write *w, unsigned num);

#endif
