/*
 * pdf_sign.c - signing a PDF's signature field by an incremental update
 * (see pdf_sign.h).
 */
#include "pdf/pdf_sign.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pdf/pdf_cms.h"
#include "pdf/pdf_field.h"
#include "pdf/pdf_sigfield.h"
#include "pdf/pdf_string.h"
#include "pdf/pdf_write.h"

#include <errno.h>
#include <hasht.h>
#include <sechash.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "pdf/nss_api.h" /* last: its macros name NSS's functions */

/* The /ByteRange placeholder: four numbers of up to 10 digits each. */
#define S_RANGE_PLACEHOLDER "[0 0000000000 0000000000 0000000000]"

/* The field to sign among the form's: o->field, else ChuKy, else the only
 * unsigned one. */
static const bc_pdf_sigfield *S_choose(const bc_pdf_sigfield *v, size_t n,
                                       const bc_pdf_sign_opts *o, bc_diags *d)
{
    const char *want = o->field ? o->field : BC_PDF_FIELD_NAME;
    const bc_pdf_sigfield *pick = NULL;
    for (size_t i = 0; i < n && !pick; i++)
        if (strcmp(v[i].name, want) == 0)
            pick = &v[i];
    if (!pick && !o->field) {
        size_t empty = 0;
        for (size_t i = 0; i < n; i++)
            if (!v[i].has_value) {
                pick = &v[i];
                empty++;
            }
        if (empty > 1) {
            bc_diag_add(d, BC_ERROR, o->name, 0, 0,
                        _("the PDF has %zu empty signature fields and none is named %s"), empty,
                        BC_PDF_FIELD_NAME);
            return NULL;
        }
    }
    if (!pick) {
        if (n == 0)
            bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s",
                        _("the PDF has no signature field; `baocao render --pdf` places one "
                          "where the template marks the signature"));
        else
            bc_diag_add(d, BC_ERROR, o->name, 0, 0, _("the PDF has no signature field \"%s\""),
                        want);
        return NULL;
    }
    if (pick->has_value) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0,
                    _("the signature field \"%s\" is signed already (`baocao ky --kiem-tra` "
                      "shows by whom)"),
                    pick->name);
        return NULL;
    }
    return pick;
}

/* /SigFlags 3 (signatures exist, append only) in the form, whether the
 * catalog holds it or refers to it. */
static bool S_set_sigflags(bc_pdf_write *w)
{
    const bc_pdf_file *f = w->f;
    const unsigned char *s = f->data;
    bc_pdf_span catalog, form;
    unsigned form_num;
    if (!bc_pdf_file_object(f, f->root, &catalog) ||
        !bc_pdf_syntax_dict_get(s, catalog, "AcroForm", &form))
        return false;
    bc_buf b = BC_BUF_INIT;
    bool ok;
    if (bc_pdf_syntax_ref(s, form, &form_num)) {
        bc_pdf_span fv;
        ok = bc_pdf_file_object(f, form_num, &fv) &&
             bc_pdf_syntax_dict_set(&b, (const char *)s + fv.start, fv.end - fv.start, "SigFlags", "3");
        if (ok)
            bc_pdf_write_set(w, form_num, b.data, b.len);
    } else {
        bc_buf nf = BC_BUF_INIT;
        ok = bc_pdf_syntax_dict_set(&nf, (const char *)s + form.start, form.end - form.start, "SigFlags",
                        "3");
        if (ok) {
            /* the catalog with its form replaced */
            bc_buf_put(&b, (const char *)s + catalog.start, form.start - catalog.start);
            bc_buf_put(&b, nf.data, nf.len);
            bc_buf_put(&b, (const char *)s + form.end, catalog.end - form.end);
            bc_pdf_write_set(w, f->root, b.data, b.len);
        }
        bc_buf_free(&nf);
    }
    bc_buf_free(&b);
    return ok;
}

/* "D:YYYYMMDDHHmmSS+07'00'": Vietnam's time (UTC+7, no summer time), as
 * baocao dates its PDFs. */
static void S_put_date(bc_buf *b, long long when)
{
    time_t t = (time_t)(when + 7 * 3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    bc_buf_printf(b, "(D:%04d%02d%02d%02d%02d%02d+07'00')", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The first occurrence of needle in out from `from`, or BC_PDF_BAD. */
static size_t S_find(const bc_buf *out, size_t from, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = from; i + n <= out->len; i++)
        if (memcmp(out->data + i, needle, n) == 0)
            return i;
    return BC_PDF_BAD;
}

int bc_pdf_sign_prepare(const bc_pdf_file *f, const bc_pdf_sign_opts *o, const char *signer,
                        size_t contents_size, bc_buf *out, bc_pdf_sign_layout *l,
                        char **field_name, bc_diags *d)
{
    bc_pdf_sigfield *fields;
    size_t n = bc_pdf_sigfield_list(f, &fields);
    const bc_pdf_sigfield *field = S_choose(fields, n, o, d);
    if (!field) {
        bc_pdf_sigfield_free(fields, n);
        return -1;
    }
    if (field_name)
        *field_name = bc_xstrdup(field->name);
    int rc = -1;
    bc_pdf_write w;
    bc_pdf_write_init(&w, f);
    bc_buf b = BC_BUF_INIT, ref = BC_BUF_INIT;
    unsigned sig = bc_pdf_write_add(&w);

    bc_buf_puts(&b, "<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached");
    if (signer && *signer) {
        bc_buf_puts(&b, "/Name");
        bc_pdf_string_put_text(&b, signer);
    }
    bc_buf_puts(&b, "/M");
    S_put_date(&b, o->when);
    bc_buf_puts(&b, "/ByteRange" S_RANGE_PLACEHOLDER "/Contents<");
    bc_buf_reserve(&b, 2 * contents_size + 3);
    for (size_t i = 0; i < 2 * contents_size; i++)
        bc_buf_putc(&b, '0');
    bc_buf_puts(&b, ">>>");
    bc_pdf_write_set(&w, sig, b.data, b.len);

    bc_pdf_span fv;
    bc_buf_clear(&b);
    bc_buf_printf(&ref, "%u 0 R", sig);
    if (!bc_pdf_file_object(f, field->num, &fv) ||
        !bc_pdf_syntax_dict_set(&b, (const char *)f->data + fv.start, fv.end - fv.start, "V", ref.data)) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0,
                    _("the signature field \"%s\" is damaged (object %u)"), field->name,
                    field->num);
        goto done;
    }
    bc_pdf_write_set(&w, field->num, b.data, b.len);
    if (!S_set_sigflags(&w)) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s",
                    _("the PDF's form (/AcroForm) is damaged"));
        goto done;
    }
    bc_pdf_write_update(&w, out);

    /* the placeholders, in the signature dictionary just written */
    size_t at = bc_pdf_write_offset(&w, sig);
    l->range_at = S_find(out, at, "/ByteRange" S_RANGE_PLACEHOLDER);
    l->contents_at = S_find(out, at, "/Contents<");
    if (!at || l->range_at == BC_PDF_BAD || l->contents_at == BC_PDF_BAD) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s",
                    _("internal error: the signature's placeholders were not written"));
        goto done;
    }
    l->range_at += strlen("/ByteRange");
    l->range_len = strlen(S_RANGE_PLACEHOLDER);
    l->contents_at += strlen("/Contents");
    l->contents_end = l->contents_at + 2 * contents_size + 2;
    char range[64];
    int k = snprintf(range, sizeof range, "[0 %zu %zu %zu", l->contents_at, l->contents_end,
                     out->len - l->contents_end);
    if (k < 0 || (size_t)k + 1 > l->range_len) {
        bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s",
                    _("the PDF is too large to be signed (over 9 GB)"));
        goto done;
    }
    memset(out->data + l->range_at, ' ', l->range_len);
    memcpy(out->data + l->range_at, range, (size_t)k);
    out->data[l->range_at + l->range_len - 1] = ']';
    rc = 0;
done:
    bc_buf_free(&b);
    bc_buf_free(&ref);
    bc_pdf_write_free(&w);
    bc_pdf_sigfield_free(fields, n);
    return rc;
}

bool bc_pdf_sign_fill(bc_buf *out, const bc_pdf_sign_layout *l, const unsigned char *der,
                      size_t len)
{
    size_t room = l->contents_end - l->contents_at - 2;
    if (2 * len > room)
        return false;
    static const char hex[] = "0123456789ABCDEF";
    char *p = out->data + l->contents_at + 1;
    for (size_t i = 0; i < len; i++) {
        p[2 * i] = hex[der[i] >> 4];
        p[2 * i + 1] = hex[der[i] & 15];
    }
    memset(p + 2 * len, '0', room - 2 * len);
    return true;
}

/* The SHA-256 digest of out but its /Contents string. */
static bool S_digest(const bc_buf *out, const bc_pdf_sign_layout *l,
                     unsigned char digest[SHA256_LENGTH])
{
    HASHContext *h = HASH_Create(HASH_AlgSHA256);
    if (!h)
        return false;
    unsigned n = 0;
    HASH_Begin(h);
    HASH_Update(h, (const unsigned char *)out->data, (unsigned)l->contents_at);
    HASH_Update(h, (const unsigned char *)out->data + l->contents_end,
                (unsigned)(out->len - l->contents_end));
    HASH_End(h, digest, &n, SHA256_LENGTH);
    HASH_Destroy(h);
    return n == SHA256_LENGTH;
}

int bc_pdf_sign(const unsigned char *pdf, size_t len, const bc_pdf_sign_opts *o,
                CERTCertificate *cert, void *pwarg, bc_buf *out, bc_pdf_sign_result *res,
                bc_diags *d)
{
    memset(res, 0, sizeof *res);
    bc_pdf_file f;
    if (bc_pdf_file_parse(&f, pdf, len, o->name, d) != 0)
        return -1;
    char *cn = CERT_GetCommonName(&cert->subject);
    res->signer = bc_xstrdup(cn ? cn : "");
    if (cn)
        PORT_Free(cn);
    size_t room = bc_pdf_cms_estimate(cert);
    int rc = -1;
    bc_buf der = BC_BUF_INIT;
    /* The estimate is an upper bound; should a token's signature be larger
     * still, the file is laid out again with room for it. */
    for (int attempt = 0; attempt < 2; attempt++) {
        bc_pdf_sign_layout l;
        bc_buf_clear(out);
        free(res->field);
        res->field = NULL;
        if (bc_pdf_sign_prepare(&f, o, res->signer, room, out, &l, &res->field, d) != 0)
            break;
        unsigned char digest[SHA256_LENGTH];
        if (!S_digest(out, &l, digest)) {
            bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s", _("NSS cannot compute SHA-256"));
            break;
        }
        der.len = 0;
        if (bc_pdf_cms_sign(cert, pwarg, digest, &der, d) != 0)
            break;
        if (bc_pdf_sign_fill(out, &l, (const unsigned char *)der.data, der.len)) {
            res->contents_size = room;
            res->cms_size = der.len;
            rc = 0;
            break;
        }
        room = (der.len + 1024 + 1023) / 1024 * 1024;
    }
    if (rc != 0 && d->errors == 0)
        bc_diag_add(d, BC_ERROR, o->name, 0, 0, "%s",
                    _("the signature does not fit in the room made for it"));
    bc_buf_free(&der);
    bc_pdf_file_free(&f);
    return rc;
}

void bc_pdf_sign_result_free(bc_pdf_sign_result *res)
{
    free(res->field);
    free(res->signer);
    memset(res, 0, sizeof *res);
}

int bc_pdf_sign_read_file(const char *path, bc_buf *out, bc_diags *d)
{
    FILE *fp = fopen(path, "rb");
    struct stat st;
    if (!fp) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return -1;
    }
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", _("not a regular file"));
        fclose(fp);
        return -1;
    }
    if ((unsigned long long)st.st_size > BC_PDF_SIGN_MAX_SIZE) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", _("the PDF is larger than 1 GB"));
        fclose(fp);
        return -1;
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (out->len + n > BC_PDF_SIGN_MAX_SIZE) {
            bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", _("the PDF is larger than 1 GB"));
            fclose(fp);
            return -1;
        }
        bc_buf_put(out, chunk, n);
    }
    int failed = ferror(fp);
    fclose(fp);
    if (failed) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot read: %s"), strerror(errno));
        return -1;
    }
    return 0;
}
