/*
 * pdf_sign.h - signing a PDF's empty signature field: an incremental
 * update (the earlier bytes unchanged) adds the signature dictionary
 * (/Filter /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached: PAdES baseline
 * B-B), the field's new version pointing to it with /V, /SigFlags 3 in the
 * form, a cross-reference section and a trailer; /ByteRange covers the
 * whole file but the /Contents string, which receives the CMS signature
 * (pdf_cms.h) of those bytes' SHA-256 digest.
 */
#ifndef BC_PDF_SIGN_H
#define BC_PDF_SIGN_H

#include "base/buf.h"
#include "base/diag.h"
#include "pdf/pdf_file.h"

#include <cert.h>

typedef struct bc_pdf_sign_opts {
    const char *name;      /* the PDF, in messages */
    const char *field;     /* the field to sign; NULL: ChuKy, else the only empty one */
    long long when;        /* the signing time (/M), seconds since 1970 UTC */
} bc_pdf_sign_opts;

/* Where the update's placeholders are in the signed file. */
typedef struct bc_pdf_sign_layout {
    size_t range_at, range_len;       /* the /ByteRange array, brackets included */
    size_t contents_at, contents_end; /* the /Contents string, < and > included */
} bc_pdf_sign_layout;

/* The signed file (f's bytes, then the update) into out, which must be
 * empty: the /Contents placeholder holds contents_size bytes (twice as
 * many hexadecimal zeros), /ByteRange is final, /Name is signer (UTF-8).
 * *field_name gets the field's name (malloc'd) when not NULL. 0, or -1
 * with an error (no signature field, the field signed already, a form
 * baocao cannot update). */
int bc_pdf_sign_prepare(const bc_pdf_file *f, const bc_pdf_sign_opts *o, const char *signer,
                        size_t contents_size, bc_buf *out, bc_pdf_sign_layout *l,
                        char **field_name, bc_diags *d);

/* Writes der in hexadecimal into the /Contents placeholder of out. False,
 * with out unchanged, when it does not fit. */
bool bc_pdf_sign_fill(bc_buf *out, const bc_pdf_sign_layout *l, const unsigned char *der,
                      size_t len);

typedef struct bc_pdf_sign_result {
    char *field;           /* the signed field's name */
    char *signer;          /* the signer's common name */
    size_t contents_size;  /* the room for the signature, bytes */
    size_t cms_size;       /* the signature's size, bytes */
} bc_pdf_sign_result;

/* Signs the PDF pdf (len bytes) with cert, whose private key NSS finds
 * with pwarg (nss_session.h), into out (empty). 0, or -1 with an error on
 * d (out may hold a part then). */
int bc_pdf_sign(const unsigned char *pdf, size_t len, const bc_pdf_sign_opts *o,
                CERTCertificate *cert, void *pwarg, bc_buf *out, bc_pdf_sign_result *res,
                bc_diags *d);

void bc_pdf_sign_result_free(bc_pdf_sign_result *res);

/* The largest PDF signed or checked: the digest is fed in pieces of at
 * most this, and a report is far smaller. */
#define BC_PDF_SIGN_MAX_SIZE ((size_t)1 << 30)

/* Reads the PDF at path into out (empty): 0, or -1 with an error naming
 * path (unreadable, not a regular file, larger than BC_PDF_SIGN_MAX_SIZE). */
int bc_pdf_sign_read_file(const char *path, bc_buf *out, bc_diags *d);

#endif
