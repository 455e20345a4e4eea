/*
 * nss_session.h - NSS for signing and checking signatures: opening a
 * certificate database (an NSS file database, the PKCS#11 modules it
 * lists such as a USB token's, none at all), the PIN of a token or of a
 * database with a password (read from a file descriptor or asked for
 * through a caller's function, never from a command line; one try, so
 * that a token is never locked by baocao), finding a certificate by its
 * nickname ("Nick" or "Token:Nick") with its private key, and NSS's
 * errors as sentences.
 *
 * NSS is one per process: one session is open at a time.
 */
#ifndef BC_NSS_SESSION_H
#define BC_NSS_SESSION_H

#include "base/diag.h"

#include <cert.h>
#include <keythi.h>
#include <nss.h>
#include <stdbool.h>

/* Asks for the PIN of token (its name, UTF-8; database: it is the NSS
 * database's own password): a malloc'd string the session wipes and
 * frees, or NULL when none is given (no terminal, the user gave up). */
typedef char *(*bc_nss_session_ask_fn)(void *ctx, const char *token, bool database);

typedef struct bc_nss_session_pin {
    char *pin;                      /* from --pin-fd; wiped and freed by the session */
    bc_nss_session_ask_fn ask;      /* else asked for, when NSS needs it */
    void *ask_ctx;
    /* what happened, for the messages */
    bool asked;                     /* NSS wanted a PIN */
    bool rejected;                  /* the PIN given was wrong */
    bool none;                      /* NSS wanted a PIN and there was none */
    bool database;                  /* the one asking was the database, not a token */
    char token[128];                /* the token that asked */
} bc_nss_session_pin;

typedef struct bc_nss_session {
    NSSInitContext *ctx;
    bool has_db;                    /* a database is open (not the empty one) */
    bc_nss_session_pin *pin;
} bc_nss_session;

/* Opens NSS on the database in dir ("DIR" or "sql:DIR"), read only, or on
 * no database when dir is NULL (signatures can then be checked but no
 * certificate is trusted). The root certificates NSS ships for the web are
 * not loaded: only what the database holds is trusted. pin may be NULL
 * (checking needs none). 0, or -1 with an error naming dir. */
int bc_nss_session_open(bc_nss_session *s, const char *dir, bc_nss_session_pin *pin,
                        bc_diags *d);

/* Shuts NSS down and wipes the PIN. Safe on a session that failed to open.
 * 0, or -1 when NSS refused to shut down because certificates, keys or
 * contexts were still held (a leak; the tests check for it). */
int bc_nss_session_close(bc_nss_session *s);

/* Reads a PIN from descriptor fd up to its first line end or its end (at
 * most 255 bytes), then closes fd. *pin is malloc'd (wipe it with
 * bc_nss_session_wipe). 0, or -1 with an error. */
int bc_nss_session_read_pin(int fd, char **pin, bc_diags *d);

/* Overwrites and frees a secret (NULL is fine). */
void bc_nss_session_wipe(char *secret);

/* The certificate nicknamed nick and its private key, logging in to its
 * token with the session's PIN when needed; when (seconds since 1970 UTC)
 * is the signing time the signature will claim, at which the certificate
 * must be valid. 0 with *cert and *key (the caller destroys them), or -1
 * with an error: no such certificate, no key for it here, a wrong PIN, no
 * PIN, a locked token, a certificate not valid then or not for signing
 * (its key usage). */
int bc_nss_session_signer(bc_nss_session *s, const char *nick, long long when,
                          CERTCertificate **cert, SECKEYPrivateKey **key, bc_diags *d);

/* Destroys what bc_nss_session_signer gave (NULL is fine). */
void bc_nss_session_release(CERTCertificate *cert, SECKEYPrivateKey *key);

/* NSS's last error as a sentence, translated when baocao knows it (a
 * static string or NSS's own English text). */
const char *bc_nss_session_error(int code);

/* The password function NSS calls with the session's PIN state as its
 * argument (what the CMS encoder is given too). */
char *bc_nss_session_password(PK11SlotInfo *slot, PRBool retry, void *arg);

#endif
