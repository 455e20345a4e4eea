/*
 * nss_api.h - NSS and NSPR as `baocao ky` uses them, loaded when it signs
 * or checks a signature (bc_nss_api_load) rather than linked: the other
 * commands then start without loading six libraries and binding their
 * symbols (about 1 ms of every start, a third of a report's).
 *
 * Each function of NSS the pdf layer calls is a pointer in bc_nss_api_fn,
 * and its name a macro calling through it, so the code reads as NSS's
 * own. Include this header after the NSS headers a file needs (it includes
 * the ones it names itself). The two templates NSS exports as data are
 * pointers too; a template of our own refers to them through a chooser
 * (SEC_ASN1_DYNAMIC), as NSS does on systems without data imports.
 */
#ifndef BC_NSS_API_H
#define BC_NSS_API_H

#include <cert.h>
#include <cms.h>
#include <hasht.h>
#include <keyhi.h>
#include <nss.h>
#include <pk11pub.h>
#include <plstr.h>
#include <prerror.h>
#include <prtime.h>
#include <secasn1.h>
#include <secerr.h>
#include <sechash.h>
#include <secitem.h>
#include <secoid.h>

#include "base/diag.h"

/* Every NSS and NSPR function baocao calls. */
#define BC_NSS_API_FUNCTIONS(X) \
    X(CERT_CertChainFromCert) \
    X(CERT_CheckCertValidTimes) \
    X(CERT_DestroyCertificate) \
    X(CERT_DestroyCertificateList) \
    X(CERT_GetCertTimes) \
    X(CERT_GetCommonName) \
    X(CERT_GetDefaultCertDB) \
    X(CERT_GetOrgName) \
    X(CERT_VerifyCertificate) \
    X(HASH_Begin) \
    X(HASH_Create) \
    X(HASH_Destroy) \
    X(HASH_End) \
    X(HASH_GetHashObject) \
    X(HASH_GetHashTypeByOidTag) \
    X(HASH_Update) \
    X(NSS_CMSContentInfo_GetContent) \
    X(NSS_CMSContentInfo_GetContentTypeTag) \
    X(NSS_CMSContentInfo_SetContent_Data) \
    X(NSS_CMSContentInfo_SetContent_SignedData) \
    X(NSS_CMSEncoder_Finish) \
    X(NSS_CMSEncoder_Start) \
    X(NSS_CMSMessage_ContentLevel) \
    X(NSS_CMSMessage_Create) \
    X(NSS_CMSMessage_CreateFromDER) \
    X(NSS_CMSMessage_Destroy) \
    X(NSS_CMSMessage_GetContentInfo) \
    X(NSS_CMSMessage_IsSigned) \
    X(NSS_CMSSignedData_AddSignerInfo) \
    X(NSS_CMSSignedData_Create) \
    X(NSS_CMSSignedData_GetContentInfo) \
    X(NSS_CMSSignedData_GetDigestAlgs) \
    X(NSS_CMSSignedData_GetSignerInfo) \
    X(NSS_CMSSignedData_ImportCerts) \
    X(NSS_CMSSignedData_SetDigestValue) \
    X(NSS_CMSSignedData_SignerInfoCount) \
    X(NSS_CMSSignerInfo_Create) \
    X(NSS_CMSSignerInfo_Destroy) \
    X(NSS_CMSSignerInfo_GetSigningCertificate) \
    X(NSS_CMSSignerInfo_GetSigningTime) \
    X(NSS_CMSSignerInfo_GetVerificationStatus) \
    X(NSS_CMSSignerInfo_IncludeCerts) \
    X(NSS_CMSSignerInfo_Verify) \
    X(NSS_InitContext) \
    X(NSS_ShutdownContext) \
    X(PK11_FindCertFromNickname) \
    X(PK11_FindKeyByAnyCert) \
    X(PK11_GetTokenName) \
    X(PK11_HashBuf) \
    X(PK11_IsInternalKeySlot) \
    X(PK11_SetPasswordFunc) \
    X(PL_strdup) \
    X(PORT_ArenaAlloc) \
    X(PORT_ArenaZAlloc) \
    X(PORT_Free) \
    X(PORT_FreeArena) \
    X(PORT_GetError) \
    X(PORT_NewArena) \
    X(PR_ErrorToString) \
    X(PR_Now) \
    X(SECITEM_ItemsAreEqual) \
    X(SECKEY_DestroyPrivateKey) \
    X(SECOID_FindOIDByTag) \
    X(SECOID_GetAlgorithmTag) \
    X(SEC_ASN1DecodeItem) \
    X(SEC_ASN1EncodeItem)

#define BC_NSS_API_FIELD(name) __typeof__(name) *name;

typedef struct bc_nss_api_table {
    BC_NSS_API_FUNCTIONS(BC_NSS_API_FIELD)
    const SEC_ASN1Template *SEC_AnyTemplate_;
    const SEC_ASN1Template *SECOID_AlgorithmIDTemplate_;
} bc_nss_api_table;

/* The functions once bc_nss_api_load has succeeded. */
extern bc_nss_api_table bc_nss_api_fn;

/* Loads NSS, its S/MIME library and NSPR (their Debian packages' sonames:
 * libnss3.so, libsmime3.so, libnssutil3.so, libplc4.so, libnspr4.so) and
 * finds every function. Returns 0 (also when loaded already), or -1 with
 * an error naming what is missing and the package to install. */
int bc_nss_api_load(bc_diags *d);

/* Whether bc_nss_api_load has succeeded. */
int bc_nss_api_loaded(void);

#ifndef BC_NSS_API_IMPL
#define CERT_CertChainFromCert (*bc_nss_api_fn.CERT_CertChainFromCert)
#define CERT_CheckCertValidTimes (*bc_nss_api_fn.CERT_CheckCertValidTimes)
#define CERT_DestroyCertificate (*bc_nss_api_fn.CERT_DestroyCertificate)
#define CERT_DestroyCertificateList (*bc_nss_api_fn.CERT_DestroyCertificateList)
#define CERT_GetCertTimes (*bc_nss_api_fn.CERT_GetCertTimes)
#define CERT_GetCommonName (*bc_nss_api_fn.CERT_GetCommonName)
#define CERT_GetDefaultCertDB (*bc_nss_api_fn.CERT_GetDefaultCertDB)
#define CERT_GetOrgName (*bc_nss_api_fn.CERT_GetOrgName)
#define CERT_VerifyCertificate (*bc_nss_api_fn.CERT_VerifyCertificate)
#define HASH_Begin (*bc_nss_api_fn.HASH_Begin)
#define HASH_Create (*bc_nss_api_fn.HASH_Create)
#define HASH_Destroy (*bc_nss_api_fn.HASH_Destroy)
#define HASH_End (*bc_nss_api_fn.HASH_End)
#define HASH_GetHashObject (*bc_nss_api_fn.HASH_GetHashObject)
#define HASH_GetHashTypeByOidTag (*bc_nss_api_fn.HASH_GetHashTypeByOidTag)
#define HASH_Update (*bc_nss_api_fn.HASH_Update)
#define NSS_CMSContentInfo_GetContent (*bc_nss_api_fn.NSS_CMSContentInfo_GetContent)
#define NSS_CMSContentInfo_GetContentTypeTag (*bc_nss_api_fn.NSS_CMSContentInfo_GetContentTypeTag)
#define NSS_CMSContentInfo_SetContent_Data (*bc_nss_api_fn.NSS_CMSContentInfo_SetContent_Data)
#define NSS_CMSContentInfo_SetContent_SignedData (*bc_nss_api_fn.NSS_CMSContentInfo_SetContent_SignedData)
#define NSS_CMSEncoder_Finish (*bc_nss_api_fn.NSS_CMSEncoder_Finish)
#define NSS_CMSEncoder_Start (*bc_nss_api_fn.NSS_CMSEncoder_Start)
#define NSS_CMSMessage_ContentLevel (*bc_nss_api_fn.NSS_CMSMessage_ContentLevel)
#define NSS_CMSMessage_Create (*bc_nss_api_fn.NSS_CMSMessage_Create)
#define NSS_CMSMessage_CreateFromDER (*bc_nss_api_fn.NSS_CMSMessage_CreateFromDER)
#define NSS_CMSMessage_Destroy (*bc_nss_api_fn.NSS_CMSMessage_Destroy)
#define NSS_CMSMessage_GetContentInfo (*bc_nss_api_fn.NSS_CMSMessage_GetContentInfo)
#define NSS_CMSMessage_IsSigned (*bc_nss_api_fn.NSS_CMSMessage_IsSigned)
#define NSS_CMSSignedData_AddSignerInfo (*bc_nss_api_fn.NSS_CMSSignedData_AddSignerInfo)
#define NSS_CMSSignedData_Create (*bc_nss_api_fn.NSS_CMSSignedData_Create)
#define NSS_CMSSignedData_GetContentInfo (*bc_nss_api_fn.NSS_CMSSignedData_GetContentInfo)
#define NSS_CMSSignedData_GetDigestAlgs (*bc_nss_api_fn.NSS_CMSSignedData_GetDigestAlgs)
#define NSS_CMSSignedData_GetSignerInfo (*bc_nss_api_fn.NSS_CMSSignedData_GetSignerInfo)
#define NSS_CMSSignedData_ImportCerts (*bc_nss_api_fn.NSS_CMSSignedData_ImportCerts)
#define NSS_CMSSignedData_SetDigestValue (*bc_nss_api_fn.NSS_CMSSignedData_SetDigestValue)
#define NSS_CMSSignedData_SignerInfoCount (*bc_nss_api_fn.NSS_CMSSignedData_SignerInfoCount)
#define NSS_CMSSignerInfo_Create (*bc_nss_api_fn.NSS_CMSSignerInfo_Create)
#define NSS_CMSSignerInfo_Destroy (*bc_nss_api_fn.NSS_CMSSignerInfo_Destroy)
#define NSS_CMSSignerInfo_GetSigningCertificate (*bc_nss_api_fn.NSS_CMSSignerInfo_GetSigningCertificate)
#define NSS_CMSSignerInfo_GetSigningTime (*bc_nss_api_fn.NSS_CMSSignerInfo_GetSigningTime)
#define NSS_CMSSignerInfo_GetVerificationStatus (*bc_nss_api_fn.NSS_CMSSignerInfo_GetVerificationStatus)
#define NSS_CMSSignerInfo_IncludeCerts (*bc_nss_api_fn.NSS_CMSSignerInfo_IncludeCerts)
#define NSS_CMSSignerInfo_Verify (*bc_nss_api_fn.NSS_CMSSignerInfo_Verify)
#define NSS_InitContext (*bc_nss_api_fn.NSS_InitContext)
#define NSS_ShutdownContext (*bc_nss_api_fn.NSS_ShutdownContext)
#define PK11_FindCertFromNickname (*bc_nss_api_fn.PK11_FindCertFromNickname)
#define PK11_FindKeyByAnyCert (*bc_nss_api_fn.PK11_FindKeyByAnyCert)
#define PK11_GetTokenName (*bc_nss_api_fn.PK11_GetTokenName)
#define PK11_HashBuf (*bc_nss_api_fn.PK11_HashBuf)
#define PK11_IsInternalKeySlot (*bc_nss_api_fn.PK11_IsInternalKeySlot)
#define PK11_SetPasswordFunc (*bc_nss_api_fn.PK11_SetPasswordFunc)
#define PL_strdup (*bc_nss_api_fn.PL_strdup)
#define PORT_ArenaAlloc (*bc_nss_api_fn.PORT_ArenaAlloc)
#define PORT_ArenaZAlloc (*bc_nss_api_fn.PORT_ArenaZAlloc)
#define PORT_Free (*bc_nss_api_fn.PORT_Free)
#define PORT_FreeArena (*bc_nss_api_fn.PORT_FreeArena)
#define PORT_GetError (*bc_nss_api_fn.PORT_GetError)
#define PORT_NewArena (*bc_nss_api_fn.PORT_NewArena)
#define PR_ErrorToString (*bc_nss_api_fn.PR_ErrorToString)
#define PR_Now (*bc_nss_api_fn.PR_Now)
#define SECITEM_ItemsAreEqual (*bc_nss_api_fn.SECITEM_ItemsAreEqual)
#define SECKEY_DestroyPrivateKey (*bc_nss_api_fn.SECKEY_DestroyPrivateKey)
#define SECOID_FindOIDByTag (*bc_nss_api_fn.SECOID_FindOIDByTag)
#define SECOID_GetAlgorithmTag (*bc_nss_api_fn.SECOID_GetAlgorithmTag)
#define SEC_ASN1DecodeItem (*bc_nss_api_fn.SEC_ASN1DecodeItem)
#define SEC_ASN1EncodeItem (*bc_nss_api_fn.SEC_ASN1EncodeItem)
#endif

#endif
