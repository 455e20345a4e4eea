/*
 * pdf_cms.c - a PDF signature's CMS SignedData, made and checked with NSS
 * (see pdf_cms.h).
 */
#include "pdf/pdf_cms.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pdf/nss_session.h"

#include <cms.h>
#include <hasht.h>
#include <pk11pub.h>
#include <secasn1.h>
#include <secerr.h>
#include <sechash.h>
#include <secitem.h>
#include <secoid.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/nss_api.h" /* last: its macros name NSS's functions */

/* id-aa-signingCertificateV2 (RFC 5035) and id-aa-signingCertificate
 * (RFC 2634), 1.2.840.113549.1.9.16.2.47 and .12, as DER contents. */
static const unsigned char S_oid_ess_v2[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                             0x01, 0x09, 0x10, 0x02, 0x2f};
static const unsigned char S_oid_ess_v1[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d,
                                             0x01, 0x09, 0x10, 0x02, 0x0c};

/* ---- SigningCertificateV2 as written ----------------------------------------
 * SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
 * ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (so left out, as
 *     DER wants), certHash OCTET STRING, issuerSerial IssuerSerial }
 * IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber INTEGER }
 * GeneralNames ::= SEQUENCE OF GeneralName, here one directoryName [4]
 *     (explicit: Name is a CHOICE) holding the issuer's DER name. */

typedef struct s_issuer_serial {
    SECItem issuer; /* the issuer's Name, DER */
    SECItem serial;
} s_issuer_serial;

typedef struct s_cert_id {
    SECItem hash;
    s_issuer_serial issuer_serial;
} s_cert_id;

typedef struct s_signing_cert {
    s_cert_id **certs;
} s_signing_cert;

/* NSS's own templates our templates hold, found when NSS was loaded
 * (nss_api.h): a chooser gives each (SEC_ASN1_DYNAMIC), as on systems
 * where NSS's data cannot be referred to directly. */
static const SEC_ASN1Template *S_any(void *arg, PRBool enc)
{
    (void)arg;
    (void)enc;
    return bc_nss_api_fn.SEC_AnyTemplate_;
}

static const SEC_ASN1Template *S_algorithm_id(void *arg, PRBool enc)
{
    (void)arg;
    (void)enc;
    return bc_nss_api_fn.SECOID_AlgorithmIDTemplate_;
}

static const SEC_ASN1TemplateChooserPtr S_any_chooser = S_any;
static const SEC_ASN1TemplateChooserPtr S_algorithm_id_chooser = S_algorithm_id;

static const SEC_ASN1Template S_general_names_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(SECItem)},
    {SEC_ASN1_EXPLICIT | SEC_ASN1_CONSTRUCTED | SEC_ASN1_CONTEXT_SPECIFIC | SEC_ASN1_DYNAMIC | 4,
     0, &S_any_chooser, 0},
    {0, 0, NULL, 0}};

static const SEC_ASN1Template S_issuer_serial_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_issuer_serial)},
    {SEC_ASN1_INLINE, offsetof(s_issuer_serial, issuer), S_general_names_tpl, 0},
    {SEC_ASN1_INTEGER, offsetof(s_issuer_serial, serial), NULL, 0},
    {0, 0, NULL, 0}};

static const SEC_ASN1Template S_cert_id_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_cert_id)},
    {SEC_ASN1_OCTET_STRING, offsetof(s_cert_id, hash), NULL, 0},
    {SEC_ASN1_INLINE, offsetof(s_cert_id, issuer_serial), S_issuer_serial_tpl, 0},
    {0, 0, NULL, 0}};

static const SEC_ASN1Template S_signing_cert_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_signing_cert)},
    {SEC_ASN1_SEQUENCE_OF, offsetof(s_signing_cert, certs), S_cert_id_tpl, 0},
    {0, 0, NULL, 0}};

/* ---- and as read: the first certificate's hash (and its algorithm in v2),
 * issuerSerial and policies skipped (SEC_ASN1_SKIP_REST would leave the
 * list unfilled, NSS 3.87) ----------------------------------------------------- */

typedef struct s_cert_id_in {
    SECAlgorithmID alg;
    SECItem hash;
} s_cert_id_in;

typedef struct s_signing_cert_in {
    s_cert_id_in **certs;
} s_signing_cert_in;

static const SEC_ASN1Template S_cert_id_v2_in_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_cert_id_in)},
    {SEC_ASN1_INLINE | SEC_ASN1_OPTIONAL | SEC_ASN1_DYNAMIC, offsetof(s_cert_id_in, alg),
     &S_algorithm_id_chooser, 0},
    {SEC_ASN1_OCTET_STRING, offsetof(s_cert_id_in, hash), NULL, 0},
    {SEC_ASN1_SKIP | SEC_ASN1_OPTIONAL, 0, NULL, 0},
    {0, 0, NULL, 0}};

static const SEC_ASN1Template S_cert_id_v1_in_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_cert_id_in)},
    {SEC_ASN1_OCTET_STRING, offsetof(s_cert_id_in, hash), NULL, 0},
    {SEC_ASN1_SKIP | SEC_ASN1_OPTIONAL, 0, NULL, 0},
    {0, 0, NULL, 0}};

static const SEC_ASN1Template S_signing_cert_v2_in_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_signing_cert_in)},
    {SEC_ASN1_SEQUENCE_OF, offsetof(s_signing_cert_in, certs), S_cert_id_v2_in_tpl, 0},
    {SEC_ASN1_SKIP | SEC_ASN1_OPTIONAL, 0, NULL, 0},
    {0, 0, NULL, 0}};

static const SEC_ASN1Template S_signing_cert_v1_in_tpl[] = {
    {SEC_ASN1_SEQUENCE, 0, NULL, sizeof(s_signing_cert_in)},
    {SEC_ASN1_SEQUENCE_OF, offsetof(s_signing_cert_in, certs), S_cert_id_v1_in_tpl, 0},
    {SEC_ASN1_SKIP | SEC_ASN1_OPTIONAL, 0, NULL, 0},
    {0, 0, NULL, 0}};

size_t bc_pdf_cms_estimate(CERTCertificate *cert)
{
    /* the structure, algorithm identifiers and attributes */
    size_t n = 1024;
    CERTCertificateList *chain = CERT_CertChainFromCert(cert, certUsageEmailSigner, PR_FALSE);
    if (chain) {
        for (int i = 0; i < chain->len; i++)
            n += chain->certs[i].len;
        CERT_DestroyCertificateList(chain);
    } else {
        n += cert->derCert.len;
    }
    /* the signer named by issuer and serial number twice (SignerInfo and
     * the ESS reference), and a signature no longer than twice the
     * public key's encoding (an ECDSA pair of integers) */
    n += 2 * (cert->derIssuer.len + cert->serialNumber.len);
    n += 2 * cert->derPublicKey.len;
    return (n + 1023) / 1024 * 1024;
}

/* Adds attr to the signer's signed attributes: NSS does it with a
 * function libsmime3 does not export, so the array (in the message's
 * arena, as NSS keeps it) is grown here. */
static bool S_add_auth_attr(NSSCMSSignerInfo *si, NSSCMSAttribute *attr)
{
    PLArenaPool *pool = si->cmsg->poolp;
    size_t n = 0;
    while (si->authAttr && si->authAttr[n])
        n++;
    NSSCMSAttribute **v = PORT_ArenaZAlloc(pool, (n + 2) * sizeof *v);
    if (!v)
        return false;
    for (size_t i = 0; i < n; i++)
        v[i] = si->authAttr[i];
    v[n] = attr;
    si->authAttr = v;
    return true;
}

/* Appends the BER value at the start of ber (len bytes) with every
 * indefinite length made definite, in DER's shortest form, the rest
 * unchanged; with out NULL, only measures it. Returns the bytes it took
 * from ber, 0 when malformed. */
static size_t S_definite(const unsigned char *ber, size_t len, int depth, bc_buf *out)
{
    if (len < 2 || depth > 32)
        return 0;
    size_t p = 1;
    if ((ber[0] & 0x1F) == 0x1F) { /* a tag of several bytes */
        while (p < len && (ber[p] & 0x80))
            p++;
        p++;
    }
    if (p >= len)
        return 0;
    size_t tag_len = p;
    bool constructed = ber[0] & 0x20;
    unsigned char l0 = ber[p++];
    bool indefinite = l0 == 0x80;
    size_t content = 0;
    if (l0 & 0x80 && !indefinite) {
        size_t bytes = l0 & 0x7F;
        if (bytes > sizeof(size_t) || bytes > len - p)
            return 0;
        for (size_t i = 0; i < bytes; i++)
            content = content << 8 | ber[p++];
        if (content > len - p)
            return 0;
    } else if (!indefinite) {
        content = l0;
        if (content > len - p)
            return 0;
    }
    if (indefinite && !constructed)
        return 0;
    bc_buf body = BC_BUF_INIT;
    bc_buf *inner = out ? &body : NULL;
    size_t q = p;
    if (!constructed) {
        if (inner)
            bc_buf_put(inner, (const char *)ber + p, content);
        q = p + content;
    } else {
        size_t end = indefinite ? len : p + content;
        for (;;) {
            if (indefinite && q + 2 <= end && ber[q] == 0 && ber[q + 1] == 0) {
                q += 2; /* the end of contents */
                break;
            }
            if (!indefinite && q == end)
                break;
            size_t used = S_definite(ber + q, end - q, depth + 1, inner);
            if (used == 0) {
                bc_buf_free(&body);
                return 0;
            }
            q += used;
        }
    }
    if (!out)
        return q;
    bc_buf_put(out, (const char *)ber, tag_len);
    if (body.len < 0x80) {
        bc_buf_putc(out, (char)body.len);
    } else {
        unsigned char n[sizeof(size_t)];
        int k = 0;
        for (size_t v = body.len; v; v >>= 8)
            n[k++] = (unsigned char)(v & 0xFF);
        bc_buf_putc(out, (char)(0x80 | k));
        while (k--)
            bc_buf_putc(out, (char)n[k]);
    }
    bc_buf_put(out, body.data ? body.data : "", body.len);
    bc_buf_free(&body);
    return q;
}

size_t bc_pdf_cms_ber_length(const unsigned char *ber, size_t len)
{
    return S_definite(ber, len, 0, NULL);
}

static void S_nss_error(bc_diags *d, const char *what)
{
    bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s: %s", what, bc_nss_session_error(PORT_GetError()));
}

/* The ESS signing-certificate-v2 attribute naming cert, allocated in
 * arena. */
static NSSCMSAttribute *S_ess_attribute(PLArenaPool *arena, CERTCertificate *cert)
{
    unsigned char *hash = PORT_ArenaAlloc(arena, SHA256_LENGTH);
    if (!hash || PK11_HashBuf(SEC_OID_SHA256, hash, cert->derCert.data,
                              (PRInt32)cert->derCert.len) != SECSuccess)
        return NULL;
    s_cert_id id;
    memset(&id, 0, sizeof id);
    id.hash.type = siBuffer;
    id.hash.data = hash;
    id.hash.len = SHA256_LENGTH;
    id.issuer_serial.issuer = cert->derIssuer;
    id.issuer_serial.serial = cert->serialNumber;
    id.issuer_serial.serial.type = siBuffer; /* DER contents as they are */
    s_cert_id *ids[2] = {&id, NULL};
    s_signing_cert sc = {ids};
    SECItem *value = SEC_ASN1EncodeItem(arena, NULL, &sc, S_signing_cert_tpl);
    if (!value)
        return NULL;
    NSSCMSAttribute *attr = PORT_ArenaZAlloc(arena, sizeof *attr);
    SECItem **values = PORT_ArenaZAlloc(arena, 2 * sizeof *values);
    if (!attr || !values)
        return NULL;
    values[0] = value;
    attr->type.type = siDEROID;
    attr->type.data = (unsigned char *)S_oid_ess_v2;
    attr->type.len = sizeof S_oid_ess_v2;
    attr->values = values;
    attr->encoded = PR_TRUE;
    return attr;
}

int bc_pdf_cms_sign(CERTCertificate *cert, void *pwarg, const unsigned char digest[32],
                    bc_buf *der, bc_diags *d)
{
    int rc = -1;
    PLArenaPool *arena = PORT_NewArena(4096);
    NSSCMSMessage *cmsg = NSS_CMSMessage_Create(NULL);
    NSSCMSSignerInfo *si = NULL;
    bool si_added = false;
    if (!arena || !cmsg) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    NSSCMSSignedData *sigd = NSS_CMSSignedData_Create(cmsg);
    NSSCMSContentInfo *cinfo = NSS_CMSMessage_GetContentInfo(cmsg);
    if (!sigd || NSS_CMSContentInfo_SetContent_SignedData(cmsg, cinfo, sigd) != SECSuccess) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    /* detached: the signed bytes are the PDF's, not inside */
    cinfo = NSS_CMSSignedData_GetContentInfo(sigd);
    if (NSS_CMSContentInfo_SetContent_Data(cmsg, cinfo, NULL, PR_TRUE) != SECSuccess) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    si = NSS_CMSSignerInfo_Create(cmsg, cert, SEC_OID_SHA256);
    if (!si) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    /* the chain when the database knows the issuers, else the
     * certificate alone */
    CERTCertificateList *chain = CERT_CertChainFromCert(cert, certUsageEmailSigner, PR_FALSE);
    NSSCMSCertChainMode mode = chain ? NSSCMSCM_CertChain : NSSCMSCM_CertOnly;
    if (chain)
        CERT_DestroyCertificateList(chain);
    NSSCMSAttribute *ess = S_ess_attribute(arena, cert);
    if (NSS_CMSSignerInfo_IncludeCerts(si, mode, certUsageEmailSigner) != SECSuccess || !ess ||
        !S_add_auth_attr(si, ess)) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    if (NSS_CMSSignedData_AddSignerInfo(sigd, si) != SECSuccess) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    si_added = true;
    SECItem dig = {siBuffer, (unsigned char *)digest, SHA256_LENGTH};
    if (NSS_CMSSignedData_SetDigestValue(sigd, SEC_OID_SHA256, &dig) != SECSuccess) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    SECItem out = {siBuffer, NULL, 0};
    NSSCMSEncoderContext *ecx = NSS_CMSEncoder_Start(cmsg, NULL, NULL, &out, arena,
                                                     bc_nss_session_password, pwarg, NULL,
                                                     NULL, NULL, NULL);
    if (!ecx) {
        S_nss_error(d, _("cannot make the signature"));
        goto done;
    }
    if (NSS_CMSEncoder_Finish(ecx) != SECSuccess || !out.data) {
        S_nss_error(d, _("the token or database did not sign"));
        goto done;
    }
    /* NSS's encoder streams: indefinite lengths, which DER (what PDF and
     * PAdES want) writes out */
    size_t at = der->len;
    if (S_definite(out.data, out.len, 0, der) != out.len) {
        der->len = at;
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s",
                    _("internal error: NSS's signature could not be written as DER"));
        goto done;
    }
    rc = 0;
done:
    if (si && !si_added)
        NSS_CMSSignerInfo_Destroy(si);
    if (cmsg)
        NSS_CMSMessage_Destroy(cmsg);
    if (arena)
        PORT_FreeArena(arena, PR_FALSE);
    return rc;
}

/* ---- checking ---------------------------------------------------------- */

static char *S_name_copy(char *nss)
{
    if (!nss)
        return NULL;
    char *s = bc_xstrdup(nss);
    PORT_Free(nss);
    return s;
}

/* The attribute of type oid (DER contents) among attrs: the only one, or
 * NULL (none, or several). */
static NSSCMSAttribute *S_attr(NSSCMSAttribute **attrs, const unsigned char *oid, size_t len,
                               int *count)
{
    NSSCMSAttribute *found = NULL;
    *count = 0;
    for (; attrs && *attrs; attrs++)
        if ((*attrs)->type.len == len && memcmp((*attrs)->type.data, oid, len) == 0) {
            found = *attrs;
            ++*count;
        }
    return *count == 1 ? found : NULL;
}

/* The ESS reference names cert: the hash of its first entry is cert's. */
static bool S_ess_matches(NSSCMSSignerInfo *si, CERTCertificate *cert)
{
    int v1n, v2n;
    NSSCMSAttribute *v2 = S_attr(si->authAttr, S_oid_ess_v2, sizeof S_oid_ess_v2, &v2n);
    NSSCMSAttribute *v1 = S_attr(si->authAttr, S_oid_ess_v1, sizeof S_oid_ess_v1, &v1n);
    NSSCMSAttribute *attr = v2 ? v2 : v1;
    if (v1n + v2n != 1 || !attr || !attr->values || !attr->values[0] || attr->values[1])
        return false;
    PLArenaPool *arena = PORT_NewArena(1024);
    if (!arena)
        return false;
    bool ok = false;
    s_signing_cert_in in;
    memset(&in, 0, sizeof in);
    if (SEC_ASN1DecodeItem(arena, &in, v2 ? S_signing_cert_v2_in_tpl : S_signing_cert_v1_in_tpl,
                           attr->values[0]) == SECSuccess &&
        in.certs && in.certs[0] && in.certs[0]->hash.data) {
        SECOidTag alg = SEC_OID_SHA1;
        if (v2)
            alg = in.certs[0]->alg.algorithm.len ? SECOID_GetAlgorithmTag(&in.certs[0]->alg)
                                                 : SEC_OID_SHA256;
        HASH_HashType type = HASH_GetHashTypeByOidTag(alg);
        const SECHashObject *h = type != HASH_AlgNULL ? HASH_GetHashObject(type) : NULL;
        unsigned char hash[HASH_LENGTH_MAX];
        if (h && in.certs[0]->hash.len == h->length &&
            PK11_HashBuf(alg, hash, cert->derCert.data, (PRInt32)cert->derCert.len) ==
                SECSuccess)
            ok = memcmp(hash, in.certs[0]->hash.data, h->length) == 0;
    }
    PORT_FreeArena(arena, PR_FALSE);
    return ok;
}

/* An algorithm's parameters absent or NULL, as hash, RSA PKCS #1 v1.5
 * and ECDSA algorithms have them: anything else there would be bytes the
 * signature does not cover (RSA-PSS has real parameters). */
static bool S_plain_params(const SECAlgorithmID *a)
{
    if (SECOID_GetAlgorithmTag(a) == SEC_OID_PKCS1_RSA_PSS_SIGNATURE)
        return true;
    const SECItem *p = &a->parameters;
    return p->len == 0 || (p->len == 2 && p->data[0] == 0x05 && p->data[1] == 0x00);
}

/* The versions RFC 5652 5.1 and 5.3 give a signature of data: SignedData
 * 1 (3 allowed, as some signers write), SignerInfo 1 for a signer named by
 * issuer and serial number, 3 by key identifier. */
static bool S_versions(NSSCMSSignedData *sigd, NSSCMSSignerInfo *si)
{
    if (sigd->version.len != 1 || si->version.len != 1)
        return false;
    long v = sigd->version.data[0], w = si->version.data[0];
    long want = si->signerIdentifier.identifierType == NSSCMSSignerID_IssuerSN ? 1 : 3;
    return (v == 1 || v == 3) && w == want;
}

/* The SignedData's list of digest algorithms is the signer's one. */
static bool S_digest_algs_match(NSSCMSSignedData *sigd, SECOidTag alg)
{
    SECAlgorithmID **algs = NSS_CMSSignedData_GetDigestAlgs(sigd);
    if (!algs || !algs[0] || algs[1])
        return false;
    return SECOID_GetAlgorithmTag(algs[0]) == alg && S_plain_params(algs[0]);
}

/* The element at the start of p (len bytes): a one-byte tag, its
 * header's length and its whole length; false when malformed. */
static bool S_tlv(const unsigned char *p, size_t len, unsigned char tag, size_t *head,
                  size_t *total)
{
    if (len < 2 || p[0] != tag || (*total = S_definite(p, len, 0, NULL)) == 0)
        return false;
    *head = p[1] & 0x80 && p[1] != 0x80 ? 2 + (size_t)(p[1] & 0x7F) : 2;
    return *head <= *total;
}

/* der is a ContentInfo of a SignedData whose encapsulated content is of
 * type data (RFC 5652 5.1; ISO 32000-1 12.8.3.3: what a PDF signs), read
 * before NSS decodes it: NSS's decoder loses memory on some other content
 * types it cannot parse. */
static bool S_signed_data_of_data(const unsigned char *der, size_t len)
{
    static const unsigned char signed_data[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7,
                                                0x0d, 0x01, 0x07, 0x02};
    static const unsigned char data[] = {0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                         0xf7, 0x0d, 0x01, 0x07, 0x01};
    size_t head, total, h2, t2;
    /* ContentInfo ::= SEQUENCE { contentType, [0] EXPLICIT SignedData } */
    if (!S_tlv(der, len, 0x30, &head, &total))
        return false;
    const unsigned char *p = der + head;
    size_t left = total - head;
    if (left < sizeof signed_data || memcmp(p, signed_data, sizeof signed_data) != 0)
        return false;
    p += sizeof signed_data;
    left -= sizeof signed_data;
    if (!S_tlv(p, left, 0xA0, &head, &total) || !S_tlv(p + head, total - head, 0x30, &h2, &t2))
        return false;
    /* SignedData ::= SEQUENCE { version, digestAlgorithms SET,
     * encapContentInfo SEQUENCE { eContentType, ... }, ... } */
    p += head + h2;
    left = t2 - h2;
    if (!S_tlv(p, left, 0x02, &head, &total))
        return false;
    p += total;
    left -= total;
    if (!S_tlv(p, left, 0x31, &head, &total))
        return false;
    p += total;
    left -= total;
    if (!S_tlv(p, left, 0x30, &head, &total))
        return false;
    return total - head >= sizeof data && memcmp(p + head, data, sizeof data) == 0;
}

/* A digest good for a signature today: SHA-256 or stronger (SHA-1 and
 * MD5 collide; ETSI TS 119 312). */
static bool S_strong_digest(SECOidTag alg)
{
    return alg == SEC_OID_SHA256 || alg == SEC_OID_SHA384 || alg == SEC_OID_SHA512;
}

/* The certificate chains to a CA the database trusts for signing at
 * time t; else false with the reason. */
static bool S_trusted_at(CERTCertDBHandle *db, CERTCertificate *cert, PRTime t,
                         const char **problem)
{
    SECCertificateUsage usages = 0;
    if (CERT_VerifyCertificate(db, cert, PR_TRUE, certificateUsageEmailSigner, t, NULL, NULL,
                               &usages) == SECSuccess)
        return true;
    *problem = bc_nss_session_error(PORT_GetError());
    return false;
}

void bc_pdf_cms_verify(const unsigned char *der, size_t len, const bc_pdf_cms_piece *pieces,
                       size_t npieces, bool cades, const long long *claimed, bool trust,
                       bc_pdf_cms_check *c)
{
    memset(c, 0, sizeof *c);
    SECItem item = {siBuffer, (unsigned char *)der, (unsigned)len};
    NSSCMSMessage *cmsg =
        S_signed_data_of_data(der, len)
            ? NSS_CMSMessage_CreateFromDER(&item, NULL, NULL, NULL, NULL, NULL, NULL)
            : NULL;
    if (!cmsg || !NSS_CMSMessage_IsSigned(cmsg)) {
        c->problem = _("its /Contents holds no CMS signature NSS can read");
        if (cmsg)
            NSS_CMSMessage_Destroy(cmsg);
        return;
    }
    NSSCMSContentInfo *cinfo = NSS_CMSMessage_ContentLevel(cmsg, 0);
    NSSCMSSignedData *sigd = cinfo ? NSS_CMSContentInfo_GetContent(cinfo) : NULL;
    if (!sigd || NSS_CMSSignedData_SignerInfoCount(sigd) != 1) {
        c->problem = _("its CMS signature does not have exactly one signer");
        NSS_CMSMessage_Destroy(cmsg);
        return;
    }
    NSSCMSContentInfo *inner = NSS_CMSSignedData_GetContentInfo(sigd);
    if (inner && inner->content.data && inner->content.data->data) {
        c->problem = _("its CMS signature holds the signed content instead of being detached");
        NSS_CMSMessage_Destroy(cmsg);
        return;
    }
    CERTCertDBHandle *db = CERT_GetDefaultCertDB();
    NSS_CMSSignedData_ImportCerts(sigd, db, certUsageEmailSigner, PR_FALSE);
    NSSCMSSignerInfo *si = NSS_CMSSignedData_GetSignerInfo(sigd, 0);
    CERTCertificate *cert = si ? NSS_CMSSignerInfo_GetSigningCertificate(si, db) : NULL;
    if (!cert) {
        c->problem = _("its CMS signature does not carry the signer's certificate");
        NSS_CMSMessage_Destroy(cmsg);
        return;
    }
    /* the certificate carried, unchanged: NSS may have found the
     * database's copy by issuer and serial number */
    bool carried = false;
    for (SECItem **raw = sigd->rawCerts; raw && *raw && !carried; raw++)
        carried = SECITEM_ItemsAreEqual(*raw, &cert->derCert);
    c->decoded = true;
    c->signer = S_name_copy(CERT_GetCommonName(&cert->subject));
    c->signer_org = S_name_copy(CERT_GetOrgName(&cert->subject));
    c->issuer = S_name_copy(CERT_GetCommonName(&cert->issuer));
    PRTime when;
    if (NSS_CMSSignerInfo_GetSigningTime(si, &when) == SECSuccess) {
        c->has_time = true;
        c->time = (long long)(when / PR_USEC_PER_SEC);
    }

    /* the digest of the signed bytes, by the signer's algorithm */
    SECOidTag alg = SECOID_GetAlgorithmTag(&si->digestAlg);
    HASH_HashType type = HASH_GetHashTypeByOidTag(alg);
    HASHContext *h = type != HASH_AlgNULL ? HASH_Create(type) : NULL;
    unsigned char digest[HASH_LENGTH_MAX];
    unsigned dlen = 0;
    if (!h) {
        c->problem = _("its CMS signature uses a digest algorithm NSS does not know");
    } else if (!S_strong_digest(alg)) {
        HASH_Destroy(h);
        c->problem = _("its CMS signature uses a digest weaker than SHA-256 (such as SHA-1), "
                       "which forgers can match");
    } else {
        HASH_Begin(h);
        for (size_t i = 0; i < npieces; i++)
            HASH_Update(h, pieces[i].data, (unsigned)pieces[i].len);
        HASH_End(h, digest, &dlen, sizeof digest);
        HASH_Destroy(h);
        SECItem dig = {siBuffer, digest, dlen};
        SECOidData *type_oid = SECOID_FindOIDByTag(NSS_CMSContentInfo_GetContentTypeTag(inner));
        if (NSS_CMSSignerInfo_Verify(si, &dig, type_oid ? &type_oid->oid : NULL) !=
            SECSuccess) {
            NSSCMSVerificationStatus vs = NSS_CMSSignerInfo_GetVerificationStatus(si);
            if (vs == NSSCMSVS_DigestMismatch)
                c->problem = _("the signed bytes have changed since signing");
            else if (vs == NSSCMSVS_BadSignature)
                c->problem = _("the signature does not match the signer's certificate");
            else
                c->problem = _("NSS could not check the signature");
        } else if (!S_plain_params(&si->digestAlg) || !S_plain_params(&si->digestEncAlg) ||
                   !S_digest_algs_match(sigd, alg) || !S_versions(sigd, si)) {
            c->problem = _("its CMS signature has unexpected versions or algorithm parameters");
        } else if (!carried) {
            c->problem = _("the signer's certificate carried in the signature has changed");
        } else if (cades && !S_ess_matches(si, cert)) {
            c->problem = _("its signed attributes do not name the signer's certificate "
                           "(ESS signing-certificate), as ETSI.CAdES.detached requires");
        } else {
            c->intact = true;
        }
    }

    /* the time of signing: the signed attribute, else what the PDF claims */
    bool has_when = c->has_time || claimed;
    PRTime signed_at = c->has_time ? (PRTime)c->time * PR_USEC_PER_SEC
                                   : claimed ? (PRTime)*claimed * PR_USEC_PER_SEC : 0;
    if (!trust) {
        c->trust_problem = _("no NSS database was given to trust its issuer (--nss DIR)");
    } else if (S_trusted_at(db, cert, PR_Now(), &c->trust_problem)) {
        const char *then = NULL;
        if (has_when && !S_trusted_at(db, cert, signed_at, &then)) {
            if (CERT_CheckCertValidTimes(cert, signed_at, PR_FALSE) != secCertTimeValid)
                c->trust_problem = _("the certificate was not valid at the time the file "
                                     "says it was signed");
            else
                c->trust_problem = then;
        } else {
            c->trusted = true;
        }
    }
    NSS_CMSMessage_Destroy(cmsg);
}

void bc_pdf_cms_check_free(bc_pdf_cms_check *c)
{
    free(c->signer);
    free(c->signer_org);
    free(c->issuer);
    memset(c, 0, sizeof *c);
}
