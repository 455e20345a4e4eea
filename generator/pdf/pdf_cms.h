/*
 * pdf_cms.h - the CMS SignedData in a PDF signature's /Contents, made and
 * checked with NSS (libsmime3). Made as PAdES baseline B-B wants
 * (ETSI EN 319 142-1 with the CAdES signed attributes of EN 319 122-1):
 * detached (no content inside), SHA-256, the signer's certificate and its
 * chain (the root left out: a verifier trusts its own copy), the signed attributes content-type,
 * message-digest and ESS signing-certificate-v2, and no signing-time (in
 * PAdES the claimed time is the signature dictionary's /M). Checked: one
 * signer, the digest of the signed bytes, the signature, the ESS
 * certificate reference, and the certificate's chain to a CA the NSS
 * database trusts for signing (certificateUsageEmailSigner, as pdfsig
 * and e-mail clients check), now and at the time of signing.
 */
#ifndef BC_PDF_CMS_H
#define BC_PDF_CMS_H

#include "base/buf.h"
#include "base/diag.h"

#include <cert.h>
#include <stdbool.h>
#include <stddef.h>

/* An upper bound of the DER size of a signature by cert (its chain, its
 * key's signature, the attributes), in bytes, a multiple of 1024. */
size_t bc_pdf_cms_estimate(CERTCertificate *cert);

/* The detached SignedData over the SHA-256 digest (32 bytes) by cert,
 * whose private key NSS finds (logging in with pwarg, the PIN state of
 * nss_session.h), appended to der. 0, or -1 with an error. */
int bc_pdf_cms_sign(CERTCertificate *cert, void *pwarg, const unsigned char digest[32],
                    bc_buf *der, bc_diags *d);

/* The bytes a signature covers: pieces of one buffer. */
typedef struct bc_pdf_cms_piece {
    const unsigned char *data;
    size_t len;
} bc_pdf_cms_piece;

typedef struct bc_pdf_cms_check {
    bool decoded;        /* a CMS SignedData with one signer and its certificate */
    bool intact;         /* digest and signature good (and the ESS reference with cades) */
    bool trusted;        /* the certificate chains to a trusted CA now and then */
    const char *problem;       /* why not intact (translated, static), or NULL */
    const char *trust_problem; /* why not trusted (translated, static), or NULL */
    char *signer;        /* the signer's common name (UTF-8), or NULL */
    char *signer_org;    /* its organisation, or NULL */
    char *issuer;        /* its issuer's common name, or NULL */
    bool has_time;       /* a signing-time attribute was there */
    long long time;      /* then: seconds since 1970 UTC */
} bc_pdf_cms_check;

/* The length of the BER value at the start of ber (its header and
 * contents, an indefinite length followed to its end of contents), or 0
 * when it is malformed or runs past len: what follows it in a PDF's
 * /Contents is room, not signature. */
size_t bc_pdf_cms_ber_length(const unsigned char *ber, size_t len);

/* Checks the SignedData der over the pieces. cades: the ESS
 * signing-certificate(-v2) attribute is required and must name the
 * signer's certificate (ETSI.CAdES.detached). claimed (NULL: none): the
 * signing time the PDF claims (its /M), used when the signature carries
 * no signing-time attribute. trust: a database is open (else the
 * certificate is not trusted, with a message saying there is none); the
 * certificate must chain to a trusted CA both now and at the signing
 * time. The digest must be SHA-256 or stronger. Fills *c
 * (bc_pdf_cms_check_free). */
void bc_pdf_cms_verify(const unsigned char *der, size_t len, const bc_pdf_cms_piece *pieces,
                       size_t npieces, bool cades, const long long *claimed, bool trust,
                       bc_pdf_cms_check *c);

void bc_pdf_cms_check_free(bc_pdf_cms_check *c);

#endif
