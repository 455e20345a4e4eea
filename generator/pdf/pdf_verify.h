/*
 * pdf_verify.h - checking the signatures of a PDF (`baocao ky
 * --kiem-tra`). For each signed signature field: its /ByteRange must start
 * at 0 and leave out exactly the /Contents string, and end at the end of
 * the file (bytes after the signed part are a change after signing, even
 * a valid incremental update: baocao does not judge later updates); the
 * digest of those bytes must be the signed one and the CMS signature must
 * hold (pdf_cms.h) with a digest of SHA-256 or stronger; the /Contents
 * string must hold hexadecimal digits of one case only, and nothing but
 * zeros after the signature (those bytes are not signed); the certificate
 * must chain to a CA the NSS database trusts for signing, now and at the
 * time of signing (the signing-time attribute, else /M). A file that no longer parses because bytes
 * were added after its end is read up to its last complete revision, so
 * that its signature is still shown and the addition named.
 */
#ifndef BC_PDF_VERIFY_H
#define BC_PDF_VERIFY_H

#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_pdf_verify_sig {
    char *field;           /* the field's full name */
    char *subfilter;       /* its /SubFilter, or NULL */
    char *signer;          /* the signer's common name (UTF-8), or NULL */
    char *signer_org;      /* its organisation, or NULL */
    char *issuer;          /* the issuer's common name, or NULL */
    bool has_time;
    long long time;        /* seconds since 1970 UTC */
    bool time_signed;      /* from the CMS signing-time attribute, else /M */
    bool intact;           /* the signed bytes and the signature hold */
    bool whole;            /* and they are the whole file */
    size_t added;          /* bytes after the signed part */
    bool trusted;
    const char *problem;        /* why not intact (translated), or NULL */
    const char *trust_problem;  /* why not trusted (translated), or NULL */
} bc_pdf_verify_sig;

typedef struct bc_pdf_verify_result {
    bc_pdf_verify_sig *sigs;
    size_t n;
    size_t unsigned_fields;  /* empty signature fields */
} bc_pdf_verify_result;

/* Checks the signatures of pdf (len bytes; name names it in messages)
 * with NSS open (nss_session.h); trust: a database is open. 0 with *r
 * filled (bc_pdf_verify_result_free), or -1 with an error on d when the
 * PDF cannot be read or carries no signature. */
int bc_pdf_verify(const unsigned char *pdf, size_t len, const char *name, bool trust,
                  bc_pdf_verify_result *r, bc_diags *d);

/* Every signature intact, whole and trusted (and at least one). */
bool bc_pdf_verify_ok(const bc_pdf_verify_result *r);

void bc_pdf_verify_result_free(bc_pdf_verify_result *r);

#endif
