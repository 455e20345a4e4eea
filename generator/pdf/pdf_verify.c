/*
 * pdf_verify.c - checking a PDF's signatures (see pdf_verify.h).
 */
#include "pdf/pdf_verify.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pdf/pdf_cms.h"
#include "pdf/pdf_file.h"
#include "pdf/pdf_sigfield.h"
#include "pdf/pdf_string.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pdf/nss_api.h" /* last: its macros name NSS's functions */

/* How many earlier ends of file (%%EOF) are tried when the file does not
 * parse as it is. */
#define S_MAX_EOF_TRIES 16

/* Four unsigned integers in the array spanning v. */
static bool S_byte_range(const unsigned char *s, bc_pdf_span v, size_t r[4])
{
    if (v.end - v.start < 2 || s[v.start] != '[' || s[v.end - 1] != ']')
        return false;
    size_t p = v.start + 1;
    for (int i = 0; i < 4; i++) {
        p = bc_pdf_syntax_skip(s, v.end - 1, p);
        size_t x = 0, start = p;
        for (; p < v.end - 1 && s[p] >= '0' && s[p] <= '9'; p++) {
            if (x > ((size_t)-1 - 9) / 10)
                return false;
            x = x * 10 + (size_t)(s[p] - '0');
        }
        if (p == start)
            return false;
        r[i] = x;
    }
    return bc_pdf_syntax_skip(s, v.end - 1, p) == v.end - 1;
}

/* The /Contents string spanning v is hexadecimal digits only, all of one
 * case: what it holds besides the signature is not signed, so a space, or
 * a digit written in the other case (the same byte), would be a change no
 * digest sees. */
static const char *S_contents_problem(const unsigned char *s, bc_pdf_span v)
{
    bool upper = false, lower = false;
    for (size_t i = v.start + 1; i + 1 < v.end; i++) {
        unsigned char c = s[i];
        if (c >= 'A' && c <= 'F')
            upper = true;
        else if (c >= 'a' && c <= 'f')
            lower = true;
        else if (c < '0' || c > '9')
            return _("its /Contents holds other bytes than hexadecimal digits");
    }
    if (upper && lower)
        return _("its /Contents mixes upper- and lower-case hexadecimal digits");
    if ((v.end - v.start) % 2 != 0)
        return _("its /Contents holds an odd number of hexadecimal digits");
    return NULL;
}

static int S_digits(const unsigned char *p, size_t n, size_t *used, int count, int *out)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (*used >= n || p[*used] < '0' || p[*used] > '9')
            return i == 0 ? 0 : -1;
        v = v * 10 + (p[(*used)++] - '0');
    }
    *out = v;
    return 1;
}

/* A PDF date "D:YYYYMMDDHHmmSSOHH'mm'" (ISO 32000-1 7.9.4; the fields
 * after the year optional) as seconds since 1970 UTC. */
static bool S_date(const char *text, long long *when)
{
    const unsigned char *p = (const unsigned char *)text;
    size_t n = strlen(text), i = 0;
    if (n >= 2 && p[0] == 'D' && p[1] == ':')
        i = 2;
    int f[6] = {0, 1, 1, 0, 0, 0};
    const int width[6] = {4, 2, 2, 2, 2, 2};
    if (S_digits(p, n, &i, 4, &f[0]) != 1)
        return false;
    for (int k = 1; k < 6; k++) {
        int r = S_digits(p, n, &i, width[k], &f[k]);
        if (r < 0)
            return false;
        if (r == 0)
            break;
    }
    if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 60)
        return false;
    long long offset = 0;
    if (i < n && (p[i] == '+' || p[i] == '-')) {
        int sign = p[i++] == '-' ? -1 : 1, hh = 0, mm = 0;
        if (S_digits(p, n, &i, 2, &hh) != 1)
            return false;
        if (i < n && p[i] == '\'')
            i++;
        if (S_digits(p, n, &i, 2, &mm) < 0)
            return false;
        offset = sign * (hh * 3600LL + mm * 60LL);
    }
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = f[0] - 1900;
    tm.tm_mon = f[1] - 1;
    tm.tm_mday = f[2];
    tm.tm_hour = f[3];
    tm.tm_min = f[4];
    tm.tm_sec = f[5];
    *when = (long long)timegm(&tm) - offset;
    return true;
}

static char *S_text(const unsigned char *s, bc_pdf_span dict, const char *key)
{
    bc_pdf_span v;
    if (!bc_pdf_syntax_dict_get(s, dict, key, &v))
        return NULL;
    if (s[v.start] == '/') {
        bc_buf b = BC_BUF_INIT;
        bc_buf_put(&b, (const char *)s + v.start + 1, v.end - v.start - 1);
        return bc_buf_detach(&b, NULL);
    }
    return bc_pdf_string_text(s, v);
}

/* One signature: the field g of f, whose bytes may be the first part of
 * the file's len (S_parse). */
static void S_check_signature(const bc_pdf_file *f, size_t len, const bc_pdf_sigfield *g,
                              bool trust, bc_pdf_verify_sig *v)
{
    const unsigned char *s = f->data;
    v->field = bc_xstrdup(g->name);
    bc_pdf_span dict, range_v, contents;
    if (!g->value || !bc_pdf_file_object(f, g->value, &dict) || s[dict.start] != '<' ||
        s[dict.start + 1] != '<') {
        v->problem = _("its signature dictionary is missing or damaged");
        return;
    }
    v->subfilter = S_text(s, dict, "SubFilter");
    bool cades = v->subfilter && strcmp(v->subfilter, "ETSI.CAdES.detached") == 0;
    bool pkcs7 = v->subfilter && strcmp(v->subfilter, "adbe.pkcs7.detached") == 0;
    char *m = S_text(s, dict, "M");
    if (m && S_date(m, &v->time))
        v->has_time = true;
    free(m);
    if (!cades && !pkcs7) {
        v->problem = _("baocao checks ETSI.CAdES.detached and adbe.pkcs7.detached "
                       "signatures only");
        return;
    }
    size_t r[4];
    if (!bc_pdf_syntax_dict_get(s, dict, "ByteRange", &range_v) ||
        !bc_pdf_file_resolve(f, range_v, &range_v) || !S_byte_range(s, range_v, r) ||
        !bc_pdf_syntax_dict_get(s, dict, "Contents", &contents) || s[contents.start] != '<') {
        v->problem = _("its /ByteRange or /Contents is missing or damaged");
        return;
    }
    /* [0 a b c]: from the start to the /Contents string, from its end to
     * the end of the signed revision */
    if (r[0] != 0 || r[1] != contents.start || r[2] != contents.end) {
        v->problem = _("its /ByteRange does not cover the file all but its signature");
        return;
    }
    if (r[3] > len || r[2] > len - r[3]) {
        v->problem = _("the file is shorter than the bytes signed (cut short?)");
        return;
    }
    size_t end = r[2] + r[3];
    bc_buf der = BC_BUF_INIT;
    if ((v->problem = S_contents_problem(s, contents)) != NULL)
        return;
    if (!bc_pdf_string_bytes(s, contents, &der)) {
        v->problem = _("its /Contents is damaged");
        bc_buf_free(&der);
        return;
    }
    bc_pdf_cms_piece pieces[2] = {{s, r[1]}, {s + r[2], r[3]}};
    bc_pdf_cms_check c;
    size_t der_len = bc_pdf_cms_ber_length((const unsigned char *)der.data, der.len);
    if (der_len == 0) {
        v->problem = _("its /Contents holds no CMS signature NSS can read");
        bc_buf_free(&der);
        return;
    }
    /* the room after the signature holds zeros only */
    for (size_t i = der_len; i < der.len; i++)
        if (der.data[i] != 0) {
            v->problem = _("its /Contents holds bytes after the signature");
            bc_buf_free(&der);
            return;
        }
    bc_pdf_cms_verify((const unsigned char *)der.data, der_len, pieces, 2, cades,
                      v->has_time ? &v->time : NULL, trust, &c);
    bc_buf_free(&der);
    v->signer = c.signer;
    v->signer_org = c.signer_org;
    v->issuer = c.issuer;
    c.signer = c.signer_org = c.issuer = NULL;
    if (c.has_time) {
        v->has_time = true;
        v->time = c.time;
        v->time_signed = true;
    }
    v->intact = c.intact;
    v->problem = c.problem;
    v->trusted = c.trusted;
    v->trust_problem = c.trust_problem;
    v->whole = v->intact && end == len;
    v->added = len - end;
    bc_pdf_cms_check_free(&c);
}

/* S_check_signature, and a reason for "not trusted" when the signature
 * did not get as far as its certificate. */
static void S_check(const bc_pdf_file *f, size_t len, const bc_pdf_sigfield *g, bool trust,
                    bc_pdf_verify_sig *v)
{
    S_check_signature(f, len, g, trust, v);
    if (!v->trusted && !v->trust_problem)
        v->trust_problem = _("not checked: the signature itself does not hold");
}

/* The file parsed as it is or, when bytes after its end break it, up to
 * one of its last ends of file (the signatures' ranges then say how much
 * was added). */
static int S_parse(bc_pdf_file *f, const unsigned char *pdf, size_t len, const char *name,
                   bc_diags *d)
{
    bc_diags first = BC_DIAGS_INIT;
    if (bc_pdf_file_parse(f, pdf, len, name, &first) == 0) {
        bc_diags_free(&first);
        return 0;
    }
    size_t cut = len;
    for (int tries = 0; tries < S_MAX_EOF_TRIES && cut >= 5; tries++) {
        size_t i = cut - 5;
        for (;; i--) {
            if (memcmp(pdf + i, "%%EOF", 5) == 0)
                break;
            if (i == 0)
                goto fail;
        }
        size_t end = i + 5;
        if (end < len && pdf[end] == '\r')
            end++;
        if (end < len && pdf[end] == '\n')
            end++;
        bc_diags quiet = BC_DIAGS_INIT;
        int rc = end < len ? bc_pdf_file_parse(f, pdf, end, name, &quiet) : -1;
        bc_diags_free(&quiet);
        if (rc == 0) {
            bc_diags_free(&first);
            return 0;
        }
        cut = i;
    }
fail:
    bc_diags_take(d, &first);
    return -1;
}

int bc_pdf_verify(const unsigned char *pdf, size_t len, const char *name, bool trust,
                  bc_pdf_verify_result *r, bc_diags *d)
{
    memset(r, 0, sizeof *r);
    bc_pdf_file f;
    if (S_parse(&f, pdf, len, name, d) != 0)
        return -1;
    bc_pdf_sigfield *fields;
    size_t n = bc_pdf_sigfield_list(&f, &fields);
    for (size_t i = 0; i < n; i++)
        if (fields[i].has_value)
            r->n++;
    r->unsigned_fields = n - r->n;
    int rc = 0;
    if (r->n == 0) {
        if (n == 0)
            bc_diag_add(d, BC_ERROR, name, 0, 0, "%s",
                        _("the PDF carries no signature (it has no signature field)"));
        else
            bc_diag_add(d, BC_ERROR, name, 0, 0,
                        _("the PDF carries no signature (its field \"%s\" is empty)"),
                        fields[0].name);
        rc = -1;
    } else {
        r->sigs = bc_xcalloc(r->n, sizeof *r->sigs);
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            if (fields[i].has_value)
                S_check(&f, len, &fields[i], trust, &r->sigs[k++]);
    }
    bc_pdf_sigfield_free(fields, n);
    bc_pdf_file_free(&f);
    return rc;
}

bool bc_pdf_verify_ok(const bc_pdf_verify_result *r)
{
    if (r->n == 0)
        return false;
    for (size_t i = 0; i < r->n; i++)
        if (!r->sigs[i].intact || !r->sigs[i].whole || !r->sigs[i].trusted)
            return false;
    return true;
}

void bc_pdf_verify_result_free(bc_pdf_verify_result *r)
{
    for (size_t i = 0; i < r->n && r->sigs; i++) {
        bc_pdf_verify_sig *v = &r->sigs[i];
        free(v->field);
        free(v->subfilter);
        free(v->signer);
        free(v->signer_org);
        free(v->issuer);
    }
    free(r->sigs);
    memset(r, 0, sizeof *r);
}
