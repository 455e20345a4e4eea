/*
 * nss_session.c - NSS opened on a certificate database, the PIN, the
 * signer's certificate and key (see nss_session.h).
 */
#include "pdf/nss_session.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <errno.h>
#include <keyhi.h>
#include <pk11pub.h>
#include <plstr.h>
#include <prerror.h>
#include <secerr.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pdf/nss_api.h" /* last: its macros name NSS's functions */

/* A PIN longer than this is refused (PKCS#11 tokens take far less). */
#define S_PIN_MAX 255

void bc_nss_session_wipe(char *secret)
{
    if (!secret)
        return;
    explicit_bzero(secret, strlen(secret));
    free(secret);
}

int bc_nss_session_read_pin(int fd, char **pin, bc_diags *d)
{
    char buf[S_PIN_MAX + 2];
    size_t n = 0;
    int rc = 0;
    *pin = NULL;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("cannot read the PIN from descriptor %d: %s"),
                        fd, strerror(errno));
            rc = -1;
            break;
        }
        if (got == 0 || c == '\n')
            break;
        if (n == S_PIN_MAX + 1) {
            bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                        _("the PIN read from descriptor %d is longer than %d bytes"), fd,
                        S_PIN_MAX);
            rc = -1;
            break;
        }
        buf[n++] = c;
    }
    if (rc == 0 && n > 0 && buf[n - 1] == '\r')
        n--;
    if (rc == 0 && n > S_PIN_MAX) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                    _("the PIN read from descriptor %d is longer than %d bytes"), fd, S_PIN_MAX);
        rc = -1;
    }
    if (rc == 0) {
        *pin = bc_xmalloc(n + 1);
        memcpy(*pin, buf, n);
        (*pin)[n] = '\0';
    }
    explicit_bzero(buf, sizeof buf);
    close(fd);
    return rc;
}

char *bc_nss_session_password(PK11SlotInfo *slot, PRBool retry, void *arg)
{
    bc_nss_session_pin *p = arg;
    if (!p)
        return NULL;
    p->asked = true;
    const char *token = slot ? PK11_GetTokenName(slot) : NULL;
    snprintf(p->token, sizeof p->token, "%s", token ? token : "");
    p->database = slot && PK11_IsInternalKeySlot(slot);
    /* One try: a second wrong PIN could lock a USB token. */
    if (retry) {
        p->rejected = true;
        return NULL;
    }
    if (p->pin)
        return PL_strdup(p->pin);
    char *asked = p->ask ? p->ask(p->ask_ctx, p->token, p->database) : NULL;
    if (!asked) {
        p->none = true;
        return NULL;
    }
    char *copy = PL_strdup(asked);
    bc_nss_session_wipe(asked);
    return copy;
}

const char *bc_nss_session_error(int code)
{
    switch (code) {
    case SEC_ERROR_BAD_PASSWORD:
        return _("the PIN is wrong");
    case SEC_ERROR_LOCKED_PASSWORD:
        return _("the token is locked after too many wrong PINs (its security officer can "
                 "unlock it)");
    case SEC_ERROR_BAD_DATABASE:
        return _("it is not an NSS database baocao can open");
    case SEC_ERROR_UNKNOWN_ISSUER:
        return _("its issuer is not in the database");
    case SEC_ERROR_UNTRUSTED_ISSUER:
    case SEC_ERROR_CA_CERT_INVALID:
        return _("its issuer is not trusted for signing in the database");
    case SEC_ERROR_UNTRUSTED_CERT:
        return _("the certificate is marked as not trusted in the database");
    case SEC_ERROR_EXPIRED_CERTIFICATE:
        return _("the certificate has expired or is not valid yet");
    case SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE:
        return _("the certificate of its issuer has expired");
    case SEC_ERROR_REVOKED_CERTIFICATE:
    case SEC_ERROR_REVOKED_CERTIFICATE_CRL:
    case SEC_ERROR_REVOKED_CERTIFICATE_OCSP:
        return _("the certificate has been revoked");
    case SEC_ERROR_INADEQUATE_KEY_USAGE:
    case SEC_ERROR_INADEQUATE_CERT_TYPE:
        return _("the certificate is not one for signing documents");
    case SEC_ERROR_BAD_SIGNATURE:
        return _("a certificate of the chain carries a bad signature");
    case SEC_ERROR_NO_TOKEN:
        return _("its token is not present (is the USB token plugged in?)");
    case SEC_ERROR_TOKEN_NOT_LOGGED_IN:
        return _("the token is not logged in");
    default: {
        const char *s = PORT_ErrorToString(code);
        return s ? s : _("an unknown NSS error");
    }
    }
}

/* "DIR" or "sql:DIR" as the folder DIR (malloc'd). */
static char *S_folder(const char *dir)
{
    if (strncmp(dir, "sql:", 4) == 0)
        dir += 4;
    return bc_xstrdup(dir);
}

int bc_nss_session_open(bc_nss_session *s, const char *dir, bc_nss_session_pin *pin,
                        bc_diags *d)
{
    memset(s, 0, sizeof *s);
    s->pin = pin;
    if (bc_nss_api_load(d) != 0)
        return -1;
    NSSInitParameters params;
    memset(&params, 0, sizeof params);
    params.length = sizeof params;
    PRUint32 flags = NSS_INIT_READONLY | NSS_INIT_NOROOTINIT;
    bc_buf config = BC_BUF_INIT;
    if (dir) {
        char *folder = S_folder(dir);
        bc_buf db = BC_BUF_INIT;
        bc_buf_printf(&db, "%s/cert9.db", folder);
        struct stat st;
        bool is_dir = stat(folder, &st) == 0 && S_ISDIR(st.st_mode);
        bool has_db = is_dir && stat(db.data, &st) == 0;
        bc_buf_free(&db);
        if (!has_db) {
            if (!is_dir)
                bc_diag_add(d, BC_ERROR, dir, 0, 0, "%s",
                            _("no such folder: the NSS database is a folder holding cert9.db "
                              "and key4.db"));
            else
                bc_diag_add(d, BC_ERROR, dir, 0, 0,
                            _("this folder holds no NSS database (cert9.db); make one with "
                              "`certutil -N -d sql:%s`"),
                            folder);
            free(folder);
            return -1;
        }
        bc_buf_printf(&config, "sql:%s", folder);
        free(folder);
        s->has_db = true;
    } else {
        flags |= NSS_INIT_NOCERTDB | NSS_INIT_NOMODDB | NSS_INIT_FORCEOPEN;
        bc_buf_puts(&config, "");
    }
    s->ctx = NSS_InitContext(bc_buf_cstr(&config), "", "", SECMOD_DB, &params, flags);
    bc_buf_free(&config);
    if (!s->ctx) {
        int code = PORT_GetError();
        bc_diag_add(d, BC_ERROR, dir, 0, 0, _("cannot open the NSS database: %s"),
                    bc_nss_session_error(code));
        s->has_db = false;
        return -1;
    }
    PK11_SetPasswordFunc(bc_nss_session_password);
    return 0;
}

int bc_nss_session_close(bc_nss_session *s)
{
    int rc = 0;
    if (s->ctx) {
        if (NSS_ShutdownContext(s->ctx) != SECSuccess)
            rc = -1;
        s->ctx = NULL;
    }
    if (s->pin) {
        bc_nss_session_wipe(s->pin->pin);
        s->pin->pin = NULL;
    }
    return rc;
}

/* The reason a login failed, from what the password function saw. */
static void S_login_error(bc_nss_session_pin *p, const char *nick, bc_diags *d)
{
    const char *token = p->token[0] ? p->token : nick;
    if (p->rejected && p->database)
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s",
                    _("wrong password of the NSS database: nothing was signed"));
    else if (p->database)
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s",
                    _("the NSS database has a password: type it at the prompt or give it "
                      "with --pin-fd N"));
    else if (p->rejected)
        bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                    _("wrong PIN for \"%s\": nothing was signed (a token locks itself after "
                      "a few wrong PINs)"),
                    token);
    else
        bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                    _("\"%s\" needs a PIN: type it at the prompt or give it with --pin-fd N"),
                    token);
}

int bc_nss_session_signer(bc_nss_session *s, const char *nick, long long when,
                          CERTCertificate **cert, SECKEYPrivateKey **key, bc_diags *d)
{
    bc_nss_session_pin none;
    memset(&none, 0, sizeof none);
    bc_nss_session_pin *p = s->pin ? s->pin : &none;
    *cert = NULL;
    *key = NULL;
    if (!s->has_db) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s",
                    _("signing needs an NSS database (--nss DIR)"));
        return -1;
    }
    CERTCertificate *c = PK11_FindCertFromNickname(nick, p);
    if (!c) {
        if (p->rejected || p->none) {
            S_login_error(p, nick, d);
        } else {
            bc_diag *g = bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                                     _("no certificate nicknamed \"%s\" in the NSS database"),
                                     nick);
            bc_diag_set_hint(g,
                             _("`certutil -L -d sql:DIR` lists the nicknames; a token's "
                               "certificate is named TOKEN:NICKNAME (`certutil -L -d "
                               "sql:DIR -h all`)"));
        }
        return -1;
    }
    SECKEYPrivateKey *k = PK11_FindKeyByAnyCert(c, p);
    if (!k) {
        int code = PORT_GetError();
        if (p->rejected || p->none)
            S_login_error(p, nick, d);
        else if (code == SEC_ERROR_LOCKED_PASSWORD || code == SEC_ERROR_NO_TOKEN)
            bc_diag_add(d, BC_ERROR, NULL, 0, 0, "\"%s\": %s", nick,
                        bc_nss_session_error(code));
        else
            bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                        _("the certificate \"%s\" has no private key here: it is someone "
                          "else's, or its token is not plugged in"),
                        nick);
        CERT_DestroyCertificate(c);
        return -1;
    }
    /* a certificate expired (or not valid yet) when the signature says it
     * was made makes a signature no one trusts */
    PRTime begin, end, at = (PRTime)when * PR_USEC_PER_SEC;
    if (CERT_CheckCertValidTimes(c, at, PR_FALSE) != secCertTimeValid &&
        CERT_GetCertTimes(c, &begin, &end) == SECSuccess) {
        bool expired = at > end;
        time_t t = (time_t)((expired ? end : begin) / PR_USEC_PER_SEC);
        struct tm tm;
        char day[16];
        gmtime_r(&t, &tm);
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                    expired ? _("the certificate \"%s\" expired on %s: nothing was signed")
                            : _("the certificate \"%s\" is valid only from %s: nothing was "
                                "signed"),
                    nick, day);
        bc_nss_session_release(c, k);
        return -1;
    }
    /* not trusted here: said, since a reader whose database does not trust
     * the issuer either will see the signature as not trusted */
    SECCertificateUsage usages = 0;
    if (CERT_VerifyCertificate(CERT_GetDefaultCertDB(), c, PR_TRUE, certificateUsageEmailSigner,
                               at, p, NULL, &usages) != SECSuccess) {
        int code = PORT_GetError();
        /* but a certificate whose key usage or extended key usage is not
         * for signing (a web server's; NSS checks it before the chain) is
         * trusted nowhere */
        if (code == SEC_ERROR_INADEQUATE_KEY_USAGE || code == SEC_ERROR_INADEQUATE_CERT_TYPE) {
            bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                        _("the certificate \"%s\" is not one for signing documents (its key "
                          "usage does not allow it): nothing was signed"),
                        nick);
            bc_nss_session_release(c, k);
            return -1;
        }
        bc_diag_add(d, BC_WARNING, NULL, 0, 0,
                    _("the certificate \"%s\" is not trusted for signing by this database "
                      "(%s): the signature is made, and is trusted where its issuer is"),
                    nick, bc_nss_session_error(code));
    }
    *cert = c;
    *key = k;
    return 0;
}

void bc_nss_session_release(CERTCertificate *cert, SECKEYPrivateKey *key)
{
    if (key)
        SECKEY_DestroyPrivateKey(key);
    if (cert)
        CERT_DestroyCertificate(cert);
}
