/*
 * test_pdf_sign.c - the PDF side of `baocao ky`, without keys: PDF text
 * strings both ways; the signature fields of a form (merged widgets,
 * fields under a parent, none); the signing update (the input's bytes
 * kept, a second revision that parses, /V, /SigFlags 3 in an indirect and
 * in a direct /AcroForm, /ByteRange leaving out exactly /Contents, /M);
 * the placeholder's filling; refusals (no field, a field signed already, a
 * field not there); the checks the verifier makes before any
 * cryptography (an empty /Contents, a /ByteRange that leaves bytes out,
 * bytes added after signing); the length of a BER signature; a signed
 * fixture checked without a database (intact, not trusted) and the
 * changes to its /Contents no digest sees (a digit's case, a space); a
 * CMS of another content type refused before NSS decodes it (NSS lost
 * memory on one); NSS shut down with nothing held; the PIN read from a
 * descriptor. Signing with keys in an NSS database and on a token, and
 * forgeries signed again with the signer's key, are in tests/sign/run.sh.
 */
#include "test_support.h"

#include "base/buf.h"
#include "base/diag.h"
#include "pdf/nss_session.h"
#include "pdf/pdf_cms.h"
#include "pdf/pdf_file.h"
#include "pdf/pdf_sigfield.h"
#include "pdf/pdf_sign.h"
#include "pdf/pdf_string.h"
#include "pdf/pdf_verify.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX BC_SOURCE_DIR "/tests/fixtures/sign/"

/* 2023-11-14 22:13:20 UTC: 2023-11-15 05:13:20 in Vietnam */
#define WHEN 1700000000LL

static void S_read(const char *path, bc_buf *out)
{
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_sign_read_file(path, out, &d), 0);
    bc_diags_free(&d);
}

static bool S_has(const bc_buf *b, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0)
            return true;
    return false;
}

static size_t S_count(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle), c = 0;
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0)
            c++;
    return c;
}

static bool S_diag_says(const bc_diags *d, const char *text)
{
    for (const bc_diag *g = d->head; g; g = g->next)
        if (strstr(g->msg, text))
            return true;
    return false;
}

/* A PDF of the objects values[1..n-1] (values[0] unused), catalog 1. */
static void S_pdf(bc_buf *out, const char *const *values, unsigned n)
{
    size_t *off = calloc(n, sizeof *off);
    bc_buf_puts(out, "%PDF-1.7\n");
    for (unsigned i = 1; i < n; i++) {
        off[i] = out->len;
        bc_buf_printf(out, "%u 0 obj\n%s\nendobj\n", i, values[i]);
    }
    size_t xref = out->len;
    bc_buf_printf(out, "xref\n0 %u\n0000000000 65535 f \n", n);
    for (unsigned i = 1; i < n; i++)
        bc_buf_printf(out, "%010zu 00000 n \n", off[i]);
    bc_buf_printf(out, "trailer\n<</Size %u/Root 1 0 R>>\nstartxref\n%zu\n%%%%EOF\n", n, xref);
    free(off);
}

static void test_text_strings(void **state)
{
    (void)state;
    const unsigned char lit[] = "(a\\(b\\)\\101\\n\\\\c(d)e)";
    bc_pdf_span v = {0, sizeof lit - 1};
    char *t = bc_pdf_string_text(lit, v);
    assert_string_equal(t, "a(b)A\n\\c(d)e");
    free(t);
    /* a name with Vietnamese letters goes out as UTF-16BE and comes back */
    const char *names[] = {"Nguyễn Văn An", "Trần Thị Bình", "Ủy ban nhân dân xã Cẩm Vũ",
                           "A (B) \\ C", "𝐀 outside the BMP"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        bc_buf b = BC_BUF_INIT;
        bc_pdf_string_put_text(&b, names[i]);
        if (i == 3)
            assert_string_equal(b.data, "(A \\(B\\) \\\\ C)");
        else
            assert_memory_equal(b.data, "<FEFF", 5);
        bc_pdf_span s = {0, b.len};
        t = bc_pdf_string_text((const unsigned char *)b.data, s);
        assert_string_equal(t, names[i]);
        free(t);
        bc_buf_free(&b);
    }
    const unsigned char hex[] = "<FEFF004E 0067 1EC5>";
    bc_pdf_span h = {0, sizeof hex - 1};
    t = bc_pdf_string_text(hex, h);
    assert_string_equal(t, "Ngễ");
    free(t);
    const unsigned char name[] = "/Sig";
    bc_pdf_span nv = {0, 4};
    assert_null(bc_pdf_string_text(name, nv));
}

static void test_fields(void **state)
{
    (void)state;
    const char *files[] = {FIX "unsigned.pdf", FIX "unsigned-updated.pdf"};
    for (int i = 0; i < 2; i++) {
        bc_buf b = BC_BUF_INIT;
        bc_diags d = BC_DIAGS_INIT;
        bc_pdf_file f;
        S_read(files[i], &b);
        assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)b.data, b.len, "t", &d), 0);
        bc_pdf_sigfield *v;
        size_t n = bc_pdf_sigfield_list(&f, &v);
        assert_int_equal(n, 1);
        assert_string_equal(v[0].name, "ChuKy");
        assert_false(v[0].has_value);
        assert_int_equal(v[0].num, 7);
        bc_pdf_sigfield_free(v, n);
        bc_pdf_file_free(&f);
        bc_buf_free(&b);
        bc_diags_free(&d);
    }
    /* a field under a parent, its type inherited; a text field; a widget
     * kid without a name */
    const char *objs[] = {NULL,
                          "<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[4 0 R 7 0 R]>>>>",
                          "<</Type/Pages/Kids[3 0 R]/Count 1>>",
                          "<</Type/Page/Parent 2 0 R/MediaBox[0 0 10 10]>>",
                          "<</T(KyDuyet)/FT/Sig/Kids[5 0 R 6 0 R]>>",
                          "<</T(Truong)/Parent 4 0 R/V 8 0 R/Kids[9 0 R]>>",
                          "<</T(Pho)/Parent 4 0 R>>",
                          "<</T(GhiChu)/FT/Tx/V(x)>>",
                          "<</Type/Sig>>",
                          "<</Type/Annot/Subtype/Widget/Parent 5 0 R/Rect[0 0 1 1]>>"};
    bc_buf b = BC_BUF_INIT;
    S_pdf(&b, objs, 10);
    bc_diags d = BC_DIAGS_INIT;
    bc_pdf_file f;
    assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)b.data, b.len, "t", &d), 0);
    bc_pdf_sigfield *v;
    size_t n = bc_pdf_sigfield_list(&f, &v);
    assert_int_equal(n, 2);
    assert_string_equal(v[0].name, "KyDuyet.Truong");
    assert_true(v[0].has_value);
    assert_int_equal(v[0].value, 8);
    assert_string_equal(v[1].name, "KyDuyet.Pho");
    assert_false(v[1].has_value);
    bc_pdf_sigfield_free(v, n);
    bc_pdf_file_free(&f);
    bc_buf_clear(&b);
    S_read(FIX "no-field.pdf", &b);
    assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)b.data, b.len, "t", &d), 0);
    assert_int_equal(bc_pdf_sigfield_list(&f, &v), 0);
    assert_null(v);
    bc_pdf_file_free(&f);
    bc_buf_free(&b);
    bc_diags_free(&d);
}

/* The prepared file of path: checks what every prepared file holds. */
static void S_prepare(const char *path, bc_buf *in, bc_buf *out, bc_pdf_sign_layout *l)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_pdf_file f;
    S_read(path, in);
    assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)in->data, in->len, "t", &d), 0);
    bc_pdf_sign_opts o = {"t", NULL, WHEN};
    char *field = NULL;
    assert_int_equal(bc_pdf_sign_prepare(&f, &o, "Nguyễn Văn An", 1024, out, l, &field, &d), 0);
    assert_string_equal(field, "ChuKy");
    free(field);
    bc_pdf_file_free(&f);
    assert_int_equal(d.errors, 0);
    bc_diags_free(&d);

    /* the input's bytes unchanged, then the update */
    assert_true(out->len > in->len);
    assert_memory_equal(out->data, in->data, in->len);
    /* /ByteRange [0 a b c]: all but /Contents<...>, to the end */
    assert_int_equal(out->data[l->contents_at], '<');
    assert_int_equal(out->data[l->contents_end - 1], '>');
    assert_int_equal(l->contents_end - l->contents_at, 2 * 1024 + 2);
    for (size_t i = l->contents_at + 1; i + 1 < l->contents_end; i++)
        assert_int_equal(out->data[i], '0');
    char want[80];
    snprintf(want, sizeof want, "/ByteRange[0 %zu %zu %zu", l->contents_at, l->contents_end,
             out->len - l->contents_end);
    assert_true(S_has(out, want));
    assert_true(S_has(out, "/SubFilter/ETSI.CAdES.detached"));
    assert_true(S_has(out, "/Filter/Adobe.PPKLite"));
    assert_true(S_has(out, "/M(D:20231115051320+07'00')"));
    assert_true(S_has(out, "/Name<FEFF004E0067007500791EC5006E00200056010300"));

    /* a second revision that reads back, its field signed */
    bc_pdf_file g;
    d = (bc_diags)BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_file_parse(&g, (unsigned char *)out->data, out->len, "t", &d), 0);
    assert_true(g.revisions >= 2);
    bc_pdf_sigfield *v;
    size_t n = bc_pdf_sigfield_list(&g, &v);
    assert_int_equal(n, 1);
    assert_true(v[0].has_value);
    bc_pdf_span sig, form;
    assert_true(bc_pdf_file_object(&g, v[0].value, &sig));
    assert_true(sig.start <= l->contents_at && l->contents_end <= sig.end);
    /* /SigFlags 3 in the form, once */
    assert_true(bc_pdf_file_get(&g, g.root, "AcroForm", &form));
    assert_true(bc_pdf_file_resolve(&g, form, &form));
    assert_int_equal(S_count(out->data + form.start, form.end - form.start, "/SigFlags"), 1);
    bc_pdf_span flags;
    assert_true(bc_pdf_syntax_dict_get((unsigned char *)out->data, form, "SigFlags", &flags));
    assert_int_equal(flags.end - flags.start, 1);
    assert_int_equal(out->data[flags.start], '3');
    bc_pdf_sigfield_free(v, n);
    bc_pdf_file_free(&g);
    bc_diags_free(&d);
}

static void test_prepare(void **state)
{
    (void)state;
    const char *files[] = {FIX "unsigned.pdf", FIX "unsigned-updated.pdf"};
    for (int i = 0; i < 2; i++) {
        bc_buf in = BC_BUF_INIT, out = BC_BUF_INIT;
        bc_pdf_sign_layout l;
        S_prepare(files[i], &in, &out, &l);
        bc_buf_free(&in);
        bc_buf_free(&out);
    }
}

static void test_fill(void **state)
{
    (void)state;
    bc_buf in = BC_BUF_INIT, out = BC_BUF_INIT;
    bc_pdf_sign_layout l;
    S_prepare(FIX "unsigned.pdf", &in, &out, &l);
    unsigned char *big = calloc(1025, 1);
    char *before = malloc(out.len);
    memcpy(before, out.data, out.len);
    assert_false(bc_pdf_sign_fill(&out, &l, big, 1025));
    assert_memory_equal(before, out.data, out.len);
    const unsigned char der[] = {0x30, 0x03, 0x02, 0x01, 0xAB};
    assert_true(bc_pdf_sign_fill(&out, &l, der, sizeof der));
    assert_memory_equal(out.data + l.contents_at, "<30030201AB0000", 15);
    assert_int_equal(out.data[l.contents_end - 1], '>');
    assert_int_equal(out.data[l.contents_end - 2], '0');
    /* only the placeholder changed */
    assert_memory_equal(before, out.data, l.contents_at + 1);
    assert_memory_equal(before + l.contents_end, out.data + l.contents_end,
                        out.len - l.contents_end);
    free(big);
    free(before);
    bc_buf_free(&in);
    bc_buf_free(&out);
}

static void test_refusals(void **state)
{
    (void)state;
    bc_buf in = BC_BUF_INIT, out = BC_BUF_INIT, again = BC_BUF_INIT;
    bc_pdf_sign_layout l;
    S_prepare(FIX "unsigned.pdf", &in, &out, &l);
    bc_diags d = BC_DIAGS_INIT;
    bc_pdf_file f;
    bc_pdf_sign_opts o = {"t", NULL, WHEN};
    /* the field signed already */
    assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)out.data, out.len, "t", &d), 0);
    assert_int_equal(bc_pdf_sign_prepare(&f, &o, "X", 1024, &again, &l, NULL, &d), -1);
    assert_true(S_diag_says(&d, "is signed already"));
    bc_pdf_file_free(&f);
    bc_diags_free(&d);
    /* a field not there */
    assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)in.data, in.len, "t", &d), 0);
    o.field = "KyDuyet";
    bc_buf_clear(&again);
    assert_int_equal(bc_pdf_sign_prepare(&f, &o, "X", 1024, &again, &l, NULL, &d), -1);
    assert_true(S_diag_says(&d, "no signature field \"KyDuyet\""));
    bc_pdf_file_free(&f);
    bc_diags_free(&d);
    /* no form */
    bc_buf nf = BC_BUF_INIT;
    S_read(FIX "no-field.pdf", &nf);
    assert_int_equal(bc_pdf_file_parse(&f, (unsigned char *)nf.data, nf.len, "t", &d), 0);
    o.field = NULL;
    bc_buf_clear(&again);
    assert_int_equal(bc_pdf_sign_prepare(&f, &o, "X", 1024, &again, &l, NULL, &d), -1);
    assert_true(S_diag_says(&d, "has no signature field"));
    bc_pdf_file_free(&f);
    bc_diags_free(&d);
    bc_buf_free(&nf);
    bc_buf_free(&in);
    bc_buf_free(&out);
    bc_buf_free(&again);
}

/* What the verifier says of data, with NSS open on no database. */
static const bc_pdf_verify_sig *S_verify(const bc_buf *data, bc_pdf_verify_result *r)
{
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_verify((unsigned char *)data->data, data->len, "t", false, r, &d), 0);
    assert_int_equal(r->n, 1);
    bc_diags_free(&d);
    return &r->sigs[0];
}

static void test_verify_before_cryptography(void **state)
{
    (void)state;
    bc_nss_session s;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_nss_session_open(&s, NULL, NULL, &d), 0);
    assert_false(s.has_db);

    bc_buf in = BC_BUF_INIT, out = BC_BUF_INIT;
    bc_pdf_sign_layout l;
    S_prepare(FIX "unsigned.pdf", &in, &out, &l);
    bc_pdf_verify_result r;
    /* the placeholder's zeros: no signature, but the field, its kind and
     * its time are read */
    const bc_pdf_verify_sig *v = S_verify(&out, &r);
    assert_string_equal(v->field, "ChuKy");
    assert_string_equal(v->subfilter, "ETSI.CAdES.detached");
    assert_true(v->has_time);
    assert_false(v->time_signed);
    assert_int_equal(v->time, WHEN);
    assert_false(v->intact);
    assert_false(v->whole);
    assert_non_null(strstr(v->problem, "no CMS signature"));
    assert_false(bc_pdf_verify_ok(&r));
    bc_pdf_verify_result_free(&r);

    /* a /ByteRange that leaves out more than /Contents */
    bc_buf bad = BC_BUF_INIT;
    bc_buf_put(&bad, out.data, out.len);
    char *range = strstr(bad.data + in.len, "/ByteRange[0 ");
    assert_non_null(range);
    range[13] = range[13] == '1' ? '2' : '1'; /* the first digit of a */
    v = S_verify(&bad, &r);
    assert_non_null(strstr(v->problem, "does not cover the file"));
    bc_pdf_verify_result_free(&r);

    /* something after %%EOF: the last revision still read, the addition
     * named */
    bc_buf_clear(&bad);
    bc_buf_put(&bad, out.data, out.len);
    bc_buf_puts(&bad, "garbage after the end\n");
    v = S_verify(&bad, &r);
    assert_int_equal(v->added, strlen("garbage after the end\n"));
    bc_pdf_verify_result_free(&r);

    /* nothing signed */
    assert_int_equal(bc_pdf_verify((unsigned char *)in.data, in.len, "t", false, &r, &d), -1);
    assert_true(S_diag_says(&d, "carries no signature"));
    bc_diags_free(&d);
    bc_buf_free(&bad);
    bc_buf_free(&in);
    bc_buf_free(&out);
    assert_int_equal(bc_nss_session_close(&s), 0);
}

static void test_ber_length(void **state)
{
    (void)state;
    static const unsigned char der[] = {0x30, 0x03, 0x02, 0x01, 0x05, 0, 0, 0};
    static const unsigned char ber[] = {0x30, 0x80, 0x02, 0x01, 0x05, 0, 0, 0, 0, 0};
    static const unsigned char nested[] = {0x30, 0x80, 0xA0, 0x80, 0x02, 0x01, 0x05,
                                           0, 0, 0, 0, 0, 0};
    static const unsigned char cut[] = {0x30, 0x05, 0x02, 0x01};
    static const unsigned char no_end[] = {0x30, 0x80, 0x02, 0x01, 0x05};
    static const unsigned char prim_indef[] = {0x04, 0x80, 0x00, 0x00};
    assert_int_equal(bc_pdf_cms_ber_length(der, sizeof der), 5);
    assert_int_equal(bc_pdf_cms_ber_length(ber, sizeof ber), 7);
    assert_int_equal(bc_pdf_cms_ber_length(nested, sizeof nested), 11);
    assert_int_equal(bc_pdf_cms_ber_length(cut, sizeof cut), 0);
    assert_int_equal(bc_pdf_cms_ber_length(no_end, sizeof no_end), 0);
    assert_int_equal(bc_pdf_cms_ber_length(prim_indef, sizeof prim_indef), 0);
}

/* The first hexadecimal digit of the last /Contents string of b. */
static size_t S_contents_at(const bc_buf *b)
{
    size_t at = 0;
    for (size_t i = 0; i + 10 <= b->len; i++)
        if (memcmp(b->data + i, "/Contents<", 10) == 0)
            at = i + 10;
    assert_true(at > 0);
    return at;
}

static void test_verify_signed(void **state)
{
    (void)state;
    bc_nss_session s;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_nss_session_open(&s, NULL, NULL, &d), 0);
    bc_buf in = BC_BUF_INIT, bad = BC_BUF_INIT;
    S_read(FIX "signed.pdf", &in);
    bc_pdf_verify_result r;
    const bc_pdf_verify_sig *v = S_verify(&in, &r);
    assert_true(v->intact);
    assert_true(v->whole);
    assert_null(v->problem);
    assert_string_equal(v->signer, "Nguyễn Văn An");
    assert_string_equal(v->issuer, "Baocao Test CA");
    assert_false(v->trusted);
    assert_non_null(strstr(v->trust_problem, "no NSS database"));
    assert_false(bc_pdf_verify_ok(&r));
    bc_pdf_verify_result_free(&r);

    size_t at = S_contents_at(&in);
    /* a hexadecimal letter of the signature in the other case: the same
     * byte, but a changed one */
    bc_buf_put(&bad, in.data, in.len);
    size_t k = at;
    while (!(bad.data[k] >= 'A' && bad.data[k] <= 'F'))
        k++;
    bad.data[k] = (char)(bad.data[k] + 32);
    v = S_verify(&bad, &r);
    assert_false(v->intact);
    assert_non_null(strstr(v->problem, "mixes upper- and lower-case"));
    assert_non_null(strstr(v->trust_problem, "not checked"));
    bc_pdf_verify_result_free(&r);
    /* a space among the zeros after it */
    bc_buf_clear(&bad);
    bc_buf_put(&bad, in.data, in.len);
    k = at;
    while (bad.data[k] != '>')
        k++;
    assert_int_equal(bad.data[k - 3], '0');
    bad.data[k - 3] = ' ';
    v = S_verify(&bad, &r);
    assert_false(v->intact);
    assert_non_null(strstr(v->problem, "other bytes than hexadecimal digits"));
    bc_pdf_verify_result_free(&r);
    /* the last zero made 1: bytes after the signature */
    bad.data[k - 3] = '0';
    bad.data[k - 1] = '1';
    v = S_verify(&bad, &r);
    assert_non_null(strstr(v->problem, "bytes after the signature"));
    bc_pdf_verify_result_free(&r);

    /* a SignedData whose content type is no id-data (an OID cut short):
     * refused before NSS's decoder, which lost memory on it */
    bc_buf_clear(&bad);
    S_read(BC_SOURCE_DIR "/tests/fuzz/regressions/pdf_sign/nss-decoder-leak-bad-content-type.pdf",
           &bad);
    v = S_verify(&bad, &r);
    assert_non_null(strstr(v->problem, "no CMS signature"));
    bc_pdf_verify_result_free(&r);

    /* nothing of NSS's still held */
    assert_int_equal(bc_nss_session_close(&s), 0);
    bc_buf_free(&in);
    bc_buf_free(&bad);
    bc_diags_free(&d);
}

static void test_read_pin(void **state)
{
    (void)state;
    struct {
        const char *written, *pin;
    } cases[] = {{"1234\nrest", "1234"}, {"abc\r\n", "abc"}, {"no end of line", "no end of line"},
                 {"", ""}, {"\n", ""}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int p[2];
        assert_int_equal(pipe(p), 0);
        assert_int_equal(write(p[1], cases[i].written, strlen(cases[i].written)),
                         (ssize_t)strlen(cases[i].written));
        close(p[1]);
        char *pin;
        bc_diags d = BC_DIAGS_INIT;
        assert_int_equal(bc_nss_session_read_pin(p[0], &pin, &d), 0);
        assert_string_equal(pin, cases[i].pin);
        assert_int_equal(fcntl(p[0], F_GETFD), -1); /* closed */
        bc_nss_session_wipe(pin);
        bc_diags_free(&d);
    }
    /* too long */
    int p[2];
    assert_int_equal(pipe(p), 0);
    char longer[300];
    memset(longer, '7', sizeof longer);
    assert_int_equal(write(p[1], longer, sizeof longer), (ssize_t)sizeof longer);
    close(p[1]);
    char *pin;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_nss_session_read_pin(p[0], &pin, &d), -1);
    assert_null(pin);
    assert_true(S_diag_says(&d, "longer than 255"));
    bc_diags_free(&d);
    /* not open */
    assert_int_equal(bc_nss_session_read_pin(987, &pin, &d), -1);
    assert_true(S_diag_says(&d, "descriptor 987"));
    bc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_strings),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_prepare),
        cmocka_unit_test(test_fill),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_verify_before_cryptography),
        cmocka_unit_test(test_ber_length),
        cmocka_unit_test(test_verify_signed),
        cmocka_unit_test(test_read_pin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
