/*
 * test_pdf.c - the pdf layer (generator/pdf/): the token level
 * (pdf_syntax), a file's structure from its cross-reference tables
 * (pdf_file), writing it whole or with an incremental update (pdf_write),
 * the clock's dates replaced by the report's (pdf_tidy), the signature
 * field placed by named destinations (pdf_field) and the finishing of an
 * exported report (pdf_finish). The PDFs are assembled here from object
 * strings by a small builder that writes a correct cross-reference table
 * (and incremental updates with /Prev); the files the fuzzer once broke
 * the layer with are kept as regression cases. Last, when soffice is
 * installed, a rendered report converted by LibreOffice twice: the same
 * finished bytes from both, and poppler opens them.
 */
#include "test_support.h"

#include "pdf/pdf_field.h"
#include "pdf/pdf_file.h"
#include "pdf/pdf_finish.h"
#include "pdf/pdf_syntax.h"
#include "pdf/pdf_tidy.h"
#include "pdf/pdf_write.h"

#include <libdeflate.h>
#include <locale.h>
#include <math.h>
#include <md5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

/* ---- a PDF builder ----------------------------------------------------------- */

#define B_MAX 160

typedef struct pdfb {
    bc_buf b;
    size_t off[B_MAX];   /* each object's latest "N 0 obj" */
    bool fresh[B_MAX];   /* written since the last cross-reference section */
    unsigned size;       /* 1 + the highest object number */
    size_t startxref;    /* the last section's offset, 0 before the first */
} pdfb;

static void B_start(pdfb *p)
{
    memset(p, 0, sizeof *p);
    p->size = 1;
    bc_buf_puts(&p->b, "%PDF-1.6\n%\xc3\xa4\xc3\xbc\xc3\xb6\xc3\x9f\n");
}

/* Object num with value (n bytes) between "num 0 obj" and "endobj". */
static void B_objn(pdfb *p, unsigned num, const void *value, size_t n)
{
    assert_true(num > 0 && num < B_MAX);
    p->off[num] = p->b.len;
    p->fresh[num] = true;
    if (num + 1 > p->size)
        p->size = num + 1;
    bc_buf_printf(&p->b, "%u 0 obj\n", num);
    bc_buf_put(&p->b, value, n);
    bc_buf_puts(&p->b, "\nendobj\n\n");
}

static void B_obj(pdfb *p, unsigned num, const char *value)
{
    B_objn(p, num, value, strlen(value));
}

/* A stream object: dict_head (without the closing >>) gets /Length. */
static void B_stream(pdfb *p, unsigned num, const char *dict_head, const void *data, size_t n)
{
    bc_buf v = BC_BUF_INIT;
    bc_buf_printf(&v, "%s/Length %zu>>\nstream\n", dict_head, n);
    bc_buf_put(&v, data, n);
    bc_buf_puts(&v, "\nendstream");
    B_objn(p, num, v.data, v.len);
    bc_buf_free(&v);
}

/* The cross-reference section of the objects written since the last one
 * (object 0 in the first), then the trailer (/Size, /Prev and extra) and
 * the file's end. */
static void B_end(pdfb *p, const char *extra)
{
    size_t xref = p->b.len;
    bc_buf_puts(&p->b, "xref\n");
    bool first = p->startxref == 0;
    for (unsigned num = first ? 0 : 1; num < p->size;) {
        if (!(num == 0 || p->fresh[num])) {
            num++;
            continue;
        }
        unsigned run = num;
        while (run < p->size && (run == 0 || p->fresh[run] || (first && !p->off[run])))
            run++;
        bc_buf_printf(&p->b, "%u %u\n", num, run - num);
        for (; num < run; num++) {
            if (num == 0)
                bc_buf_puts(&p->b, "0000000000 65535 f \n");
            else if (p->off[num])
                bc_buf_printf(&p->b, "%010zu 00000 n \n", p->off[num]);
            else
                bc_buf_puts(&p->b, "0000000000 00000 f \n");
            p->fresh[num] = false;
        }
    }
    bc_buf_printf(&p->b, "trailer\n<</Size %u", p->size);
    if (!first)
        bc_buf_printf(&p->b, "/Prev %zu", p->startxref);
    bc_buf_printf(&p->b, "%s>>\nstartxref\n%zu\n%%%%EOF\n", extra, xref);
    p->startxref = xref;
}

/* A catalog (1), its page tree (2) and one page (3). */
static void B_doc(pdfb *p, const char *catalog_extra, const char *page_extra)
{
    char v[512];
    B_start(p);
    snprintf(v, sizeof v, "<</Type/Catalog/Pages 2 0 R%s>>", catalog_extra);
    B_obj(p, 1, v);
    B_obj(p, 2, "<</Type/Pages/Kids[3 0 R]/Count 1>>");
    snprintf(v, sizeof v, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]%s>>", page_extra);
    B_obj(p, 3, v);
}

/* ---- reading and checking ------------------------------------------------------- */

static const unsigned char *U(const bc_buf *b)
{
    return (const unsigned char *)b->data;
}

static void S_parse_ok(bc_pdf_file *f, const void *data, size_t len)
{
    bc_diags d = BC_DIAGS_INIT;
    if (bc_pdf_file_parse(f, data, len, "t.pdf", &d) != 0) {
        char *m = d.head ? bc_diag_format(d.head) : NULL;
        fail_msg("parse: %s", m ? m : "(no message)");
    }
    assert_null(d.head);
    bc_diags_free(&d);
}

/* A parse that must fail with one error whose message has want. */
static void S_parse_fails(const void *data, size_t len, const char *want)
{
    bc_pdf_file f;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_file_parse(&f, data, len, "t.pdf", &d), -1);
    assert_int_equal(d.errors, 1);
    char *m = bc_diag_format(d.head);
    if (!strstr(m, want))
        fail_msg("message \"%s\" lacks \"%s\"", m, want);
    assert_non_null(strstr(m, "t.pdf"));
    free(m);
    assert_null(f.offset); /* freed on failure */
    bc_pdf_file_free(&f);  /* and freeing again is harmless */
    bc_diags_free(&d);
}

/* Object num's value as a string (valid until the next call). */
static const char *S_value(const bc_pdf_file *f, unsigned num)
{
    static char text[8192];
    bc_pdf_span v;
    if (!bc_pdf_file_object(f, num, &v))
        return NULL;
    snprintf(text, sizeof text, "%.*s", (int)(v.end - v.start), (const char *)f->data + v.start);
    return text;
}

/* /key of object num as a string, or NULL. */
static const char *S_key(const bc_pdf_file *f, unsigned num, const char *key)
{
    static char text[4096];
    bc_pdf_span v;
    if (!bc_pdf_file_get(f, num, key, &v))
        return NULL;
    snprintf(text, sizeof text, "%.*s", (int)(v.end - v.start), (const char *)f->data + v.start);
    return text;
}

static const unsigned char *S_find(const unsigned char *s, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, what, n) == 0)
            return s + i;
    return NULL;
}

static const unsigned char *S_rfind(const unsigned char *s, size_t len, const char *what)
{
    size_t n = strlen(what);
    for (size_t i = len >= n ? len - n + 1 : 0; i-- > 0;)
        if (memcmp(s + i, what, n) == 0)
            return s + i;
    return NULL;
}

/* Every cross-reference section of the file, read strictly by the book
 * (20-byte entries), followed through /Prev: each in-use entry must point
 * at "N G obj" of its number and generation. Returns the number of
 * sections. */
static int S_check_xref(const unsigned char *s, size_t len)
{
    const unsigned char *sx = S_rfind(s, len, "startxref\n");
    assert_non_null(sx);
    unsigned long long pos = strtoull((const char *)sx + 10, NULL, 10);
    int sections = 0;
    for (;;) {
        sections++;
        assert_true(pos + 5 < len);
        assert_memory_equal(s + pos, "xref\n", 5);
        size_t p = pos + 5;
        while (s[p] >= '0' && s[p] <= '9') {
            char *end;
            unsigned long first = strtoul((const char *)s + p, &end, 10);
            unsigned long count = strtoul(end + 1, &end, 10);
            assert_int_equal(*end, '\n');
            p = (size_t)(end + 1 - (const char *)s);
            for (unsigned long k = 0; k < count; k++, p += 20) {
                assert_true(p + 20 <= len);
                assert_int_equal(s[p + 10], ' ');
                assert_int_equal(s[p + 16], ' ');
                assert_memory_equal(s + p + 18, " \n", 2);
                unsigned long long off = strtoull((const char *)s + p, NULL, 10);
                unsigned gen = (unsigned)strtoul((const char *)s + p + 11, NULL, 10);
                if (s[p + 17] == 'f')
                    continue;
                assert_int_equal(s[p + 17], 'n');
                assert_true(off < len);
                char want[48], got[48];
                int n = snprintf(want, sizeof want, "%lu %u obj", first + k, gen);
                snprintf(got, sizeof got, "%.*s", n, (const char *)s + off);
                assert_string_equal(got, want);
            }
        }
        assert_memory_equal(s + p, "trailer\n", 8);
        const unsigned char *t = s + p;
        const unsigned char *t_end = S_find(t, len - p, "startxref");
        assert_non_null(t_end);
        const unsigned char *prev = S_find(t, (size_t)(t_end - t), "/Prev ");
        if (!prev)
            return sections;
        pos = strtoull((const char *)prev + 6, NULL, 10);
    }
}

/* The /ID's first half in the last trailer, as hex (33 bytes). */
static void S_id(const bc_buf *b, char *hex)
{
    const unsigned char *t = S_rfind(U(b), b->len, "trailer\n");
    assert_non_null(t);
    const unsigned char *id = S_find(t, b->len - (size_t)(t - U(b)), "/ID[<");
    assert_non_null(id);
    memcpy(hex, id + 5, 32);
    hex[32] = '\0';
    assert_memory_equal(id + 37, "><", 2);
    assert_memory_equal(id + 39, hex, 32); /* both halves the same */
}

/* ---- pdf_syntax ---------------------------------------------------------------- */

static size_t S_end(const char *s)
{
    return bc_pdf_syntax_token_end((const unsigned char *)s, strlen(s), 0);
}

static void test_syntax_tokens(void **state)
{
    (void)state;
    /* nested dictionaries and arrays, taken whole */
    const char *nested = "<</A<</B[1 [2 3] <</C(x)>>]>>/D 4>>";
    assert_int_equal(S_end(nested), strlen(nested));
    assert_int_equal(S_end("[1 [2 [3]] ]tail"), strlen("[1 [2 [3]] ]"));
    assert_int_equal(S_end("<</A [1 2>>"), BC_PDF_BAD);
    assert_int_equal(S_end("<</A 1"), BC_PDF_BAD);
    assert_int_equal(S_end("[1 2"), BC_PDF_BAD);
    /* literal strings: escaped parentheses, nested ones, an escaped
     * backslash before the closing one */
    assert_int_equal(S_end("(a\\)b(c(d))e) rest"), strlen("(a\\)b(c(d))e)"));
    assert_int_equal(S_end("(a\\\\)x"), strlen("(a\\\\)"));
    assert_int_equal(S_end("(a(b)"), BC_PDF_BAD);
    assert_int_equal(S_end("(abc\\"), BC_PDF_BAD);
    /* a string's brackets and dictionary marks are no structure */
    assert_int_equal(S_end("[(]>>) 1]"), strlen("[(]>>) 1]"));
    /* hex strings */
    assert_int_equal(S_end("<48656C6C6F>/X"), strlen("<48656C6C6F>"));
    assert_int_equal(S_end("<4865"), BC_PDF_BAD);
    /* names end at a delimiter */
    assert_int_equal(S_end("/Name#20x/Next"), strlen("/Name#20x"));
    assert_int_equal(S_end("/A(b)"), 2);
    /* numbers and keywords */
    assert_int_equal(S_end("-.5]"), 3);
    assert_int_equal(S_end("true "), 4);
    /* nothing to take */
    assert_int_equal(S_end(")"), BC_PDF_BAD);
    assert_int_equal(S_end("]"), BC_PDF_BAD);
    assert_int_equal(S_end(""), BC_PDF_BAD);
    /* nesting too deep is refused, not followed */
    char deep[300];
    memset(deep, '[', 200);
    memset(deep + 200, ']', 99);
    deep[299] = '\0';
    assert_int_equal(S_end(deep), BC_PDF_BAD);
}

static void test_syntax_skip_comments(void **state)
{
    (void)state;
    const char *s = " \r\n\t% a comment [<<(\n%another\r  /Name";
    size_t len = strlen(s);
    assert_int_equal(bc_pdf_syntax_skip((const unsigned char *)s, len, 0), len - 5);
    const char *only = "  % to the end";
    assert_int_equal(bc_pdf_syntax_skip((const unsigned char *)only, strlen(only), 0),
                     strlen(only));
    /* a comment inside a dictionary hides what it holds */
    const char *d = "<</A 1 % /B 2\n/C 3>>";
    bc_pdf_span dict = {0, strlen(d)}, v;
    assert_false(bc_pdf_syntax_dict_get((const unsigned char *)d, dict, "B", &v));
    assert_true(bc_pdf_syntax_dict_get((const unsigned char *)d, dict, "C", &v));
    assert_int_equal(d[v.start], '3');
}

static void test_syntax_dict_get(void **state)
{
    (void)state;
    const char *s = "<</Ke 1/Inner<</Key 5>>/Str(/Key 6)/Key[7 8]/Hex<4142>/R 12 0 R>>";
    const unsigned char *u = (const unsigned char *)s;
    bc_pdf_span dict = {0, strlen(s)}, v;
    /* a top-level key, not the nested one, a prefix or one in a string */
    assert_true(bc_pdf_syntax_dict_get(u, dict, "Key", &v));
    assert_int_equal(v.end - v.start, 5);
    assert_memory_equal(s + v.start, "[7 8]", 5);
    assert_true(bc_pdf_syntax_dict_get(u, dict, "Hex", &v));
    assert_memory_equal(s + v.start, "<4142>", 6);
    assert_true(bc_pdf_syntax_dict_get(u, dict, "R", &v));
    assert_memory_equal(s + v.start, "12 0 R", v.end - v.start);
    assert_int_equal(v.end - v.start, 6);
    assert_false(bc_pdf_syntax_dict_get(u, dict, "K", &v));
    assert_false(bc_pdf_syntax_dict_get(u, dict, "Missing", &v));
    /* not a dictionary */
    const char *arr = "[/Key 1]";
    bc_pdf_span a = {0, strlen(arr)};
    assert_false(bc_pdf_syntax_dict_get((const unsigned char *)arr, a, "Key", &v));
    /* a damaged one gives up rather than reading past it */
    const char *bad = "<</A (open/Key 1>>";
    bc_pdf_span b = {0, strlen(bad)};
    assert_false(bc_pdf_syntax_dict_get((const unsigned char *)bad, b, "Key", &v));
}

/* One entry set: replaced where it is (a space only where the value needs
 * one), else added before ">>", a stream after the dictionary kept. */
static void test_syntax_dict_set(void **state)
{
    (void)state;
    struct {
        const char *text, *key, *value, *want;
    } cases[] = {
        {"<</FT/Sig/T(ChuKy)>>", "V", "12 0 R", "<</FT/Sig/T(ChuKy)/V 12 0 R>>"},
        {"<</FT/Sig/V null/T(A)>>", "V", "12 0 R", "<</FT/Sig/V 12 0 R/T(A)>>"},
        {"<</FT/Sig/V/X>>", "V", "12 0 R", "<</FT/Sig/V 12 0 R>>"},
        {"<</FT/Sig/V/X>>", "V", "[1 2]", "<</FT/Sig/V[1 2]>>"},
        {"<</Type/Page>>", "Annots", "[4 0 R]", "<</Type/Page/Annots[4 0 R]>>"},
        {"<< /Fields [] >>", "SigFlags", "3", "<< /Fields [] /SigFlags 3>>"},
        {"<</Length 2>>\nstream\nab\nendstream", "Filter", "/X",
         "<</Length 2/Filter/X>>\nstream\nab\nendstream"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bc_buf b = BC_BUF_INIT;
        assert_true(bc_pdf_syntax_dict_set(&b, cases[i].text, strlen(cases[i].text),
                                           cases[i].key, cases[i].value));
        assert_string_equal(bc_buf_cstr(&b), cases[i].want);
        bc_buf_free(&b);
    }
    const char *refused[] = {"[1 2 3]", "<4142>", "<</A 1", "12"};
    for (size_t i = 0; i < sizeof refused / sizeof *refused; i++) {
        bc_buf b = BC_BUF_INIT;
        assert_false(bc_pdf_syntax_dict_set(&b, refused[i], strlen(refused[i]), "V", "1"));
        assert_int_equal(b.len, 0);
        bc_buf_free(&b);
    }
}

static void test_syntax_refs(void **state)
{
    (void)state;
    const char *s = "[12 0 R 5 6 7 0 obj 8 0 RG 9 x R -1 0 R]";
    const unsigned char *u = (const unsigned char *)s;
    size_t len = strlen(s), p = 1;
    const char *want[] = {"12 0 R", "5", "6", "7", "0", "obj", "8", "0", "RG",
                          "9",      "x", "R", "-1", "0", "R"};
    unsigned num;
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        bc_pdf_span v;
        p = bc_pdf_syntax_skip(u, len, p);
        assert_true(bc_pdf_syntax_value(u, len, p, &v));
        char got[16];
        snprintf(got, sizeof got, "%.*s", (int)(v.end - v.start), s + v.start);
        assert_string_equal(got, want[i]);
        assert_int_equal(bc_pdf_syntax_ref(u, v, &num), i == 0);
        if (i == 0)
            assert_int_equal(num, 12);
        p = v.end;
    }
    /* two numbers are no reference */
    bc_pdf_span two = {1, 4};
    assert_false(bc_pdf_syntax_ref((const unsigned char *)"[5 6]", two, &num));
    /* a number too big for an object */
    const char *big = "99999999999 0 R";
    bc_pdf_span bv = {0, strlen(big)};
    assert_false(bc_pdf_syntax_ref((const unsigned char *)big, bv, &num));
    /* names */
    const char *n = "/Page /Pages";
    bc_pdf_span p1 = {0, 5}, p2 = {6, 12};
    assert_true(bc_pdf_syntax_is_name((const unsigned char *)n, p1, "Page"));
    assert_false(bc_pdf_syntax_is_name((const unsigned char *)n, p2, "Page"));
    assert_true(bc_pdf_syntax_is_name((const unsigned char *)n, p2, "Pages"));
}

static bool S_number(const char *s, double *out)
{
    bc_pdf_span v = {0, strlen(s)};
    return bc_pdf_syntax_number((const unsigned char *)s, v, out);
}

static void S_numbers(void)
{
    double x;
    assert_true(S_number("-.5", &x));
    assert_true(x == -0.5);
    assert_true(S_number("12.25", &x));
    assert_true(x == 12.25);
    assert_true(S_number("+3", &x));
    assert_true(x == 3);
    assert_true(S_number("4.", &x));
    assert_true(x == 4);
    assert_true(S_number("0.001", &x));
    assert_true(fabs(x - 0.001) < 1e-12);
    assert_false(S_number(".", &x));
    assert_false(S_number("-", &x));
    assert_false(S_number("1.2.3", &x));
    assert_false(S_number("1,5", &x));
    assert_false(S_number("1e3", &x));
    assert_false(S_number("--1", &x));
    assert_false(S_number("", &x));
    bc_buf b = BC_BUF_INIT;
    bc_pdf_syntax_put_real(&b, -0.5);
    bc_buf_putc(&b, ' ');
    bc_pdf_syntax_put_real(&b, 12.25);
    bc_buf_putc(&b, ' ');
    bc_pdf_syntax_put_real(&b, 595.304);
    bc_buf_putc(&b, ' ');
    bc_pdf_syntax_put_real(&b, 0);
    assert_string_equal(bc_buf_cstr(&b), "-0.50 12.25 595.30 0.00");
    bc_buf_free(&b);
}

static void test_syntax_numbers_any_locale(void **state)
{
    (void)state;
    S_numbers();
    /* a locale whose decimal separator is a comma, when installed */
    const char *names[] = {"vi_VN.UTF-8", "vi_VN.utf8", "de_DE.UTF-8", "de_DE.utf8"};
    const char *set = NULL;
    for (size_t i = 0; i < 4 && !set; i++)
        set = setlocale(LC_NUMERIC, names[i]);
    if (set) {
        assert_string_equal(localeconv()->decimal_point, ",");
        S_numbers();
    } else {
        print_message("no vi_VN or de_DE locale: the numbers checked under C only\n");
    }
    setlocale(LC_NUMERIC, "C");
}

/* Found reading the code: a number of 400 digits (infinity once read) or
 * any huge value written as a real was undefined behaviour (the conversion
 * to an integer overflowed; UBSan's float-cast-overflow, in clang's
 * -fsanitize=undefined, not gcc's): clamped now, NaN written as 0. */
static void test_syntax_put_real_out_of_range(void **state)
{
    (void)state;
    char digits[401];
    memset(digits, '9', 400);
    digits[400] = '\0';
    double x;
    assert_true(S_number(digits, &x));
    assert_true(isinf(x));
    const double odd[] = {1e300, -1e300, INFINITY, -INFINITY, NAN, 1e18, x, 123456789.25};
    const char *want[] = {"1000000000000000.00", "-1000000000000000.00", "1000000000000000.00",
                          "-1000000000000000.00", "0.00", "1000000000000000.00",
                          "1000000000000000.00", "123456789.25"};
    for (size_t i = 0; i < sizeof odd / sizeof *odd; i++) {
        bc_buf b = BC_BUF_INIT;
        bc_pdf_syntax_put_real(&b, odd[i]);
        assert_string_equal(bc_buf_cstr(&b), want[i]);
        bc_buf_free(&b);
    }
}

/* ---- pdf_file: parsing ------------------------------------------------------------ */

static void test_file_parse_minimal(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "", "");
    B_obj(&p, 4, "<</Producer(test)>>");
    B_end(&p, "/Root 1 0 R/Info 4 0 R/ID[<00><00>]");
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    assert_int_equal(f.size, 5);
    assert_int_equal(f.root, 1);
    assert_int_equal(f.info, 4);
    assert_int_equal(f.revisions, 1);
    assert_int_equal(f.offset[3], p.off[3]);
    assert_string_equal(S_value(&f, 2), "<</Type/Pages/Kids[3 0 R]/Count 1>>");
    assert_string_equal(S_key(&f, 4, "Producer"), "(test)");
    assert_null(S_value(&f, 0));
    assert_null(S_value(&f, 5));
    bc_pdf_span t;
    assert_true(bc_pdf_file_object_text(&f, 2, &t));
    assert_int_equal(t.start, p.off[2]);
    assert_memory_equal(p.b.data + t.start, "2 0 obj", 7);
    assert_memory_equal(p.b.data + t.end - 6, "endobj", 6);
    /* a reference resolved, a direct value kept */
    bc_pdf_span v, r;
    assert_true(bc_pdf_file_get(&f, 1, "Pages", &v));
    assert_true(bc_pdf_file_resolve(&f, v, &r));
    assert_memory_equal(p.b.data + r.start, "<</Type/Pages", 13);
    assert_true(bc_pdf_file_get(&f, 2, "Count", &v));
    assert_true(bc_pdf_file_resolve(&f, v, &r));
    assert_true(r.start == v.start && r.end == v.end);
    assert_int_equal(S_check_xref(U(&p.b), p.b.len), 1);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

/* The file with text replaced once (for the damaged ones). */
static bc_buf S_with(const bc_buf *b, const char *from, const char *to)
{
    const unsigned char *at = S_find(U(b), b->len, from);
    assert_non_null(at);
    bc_buf out = BC_BUF_INIT;
    size_t pos = (size_t)(at - U(b));
    bc_buf_put(&out, b->data, pos);
    bc_buf_puts(&out, to);
    bc_buf_put(&out, b->data + pos + strlen(from), b->len - pos - strlen(from));
    return out;
}

static void S_fails_with(const bc_buf *b, const char *from, const char *to, const char *want)
{
    bc_buf x = S_with(b, from, to);
    S_parse_fails(x.data, x.len, want);
    bc_buf_free(&x);
}

static void test_file_parse_errors(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "", "");
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_file_free(&f);

    S_fails_with(&p.b, "%PDF-", "%PDX-", "does not start with %PDF-");
    S_parse_fails("%PDF-1.6\n", 9, "does not start with %PDF-");
    S_parse_fails("", 0, "does not start with %PDF-");
    /* cut short: before %%EOF, inside it, in the middle */
    S_parse_fails(p.b.data, p.b.len - 7, "cut short");
    S_parse_fails(p.b.data, p.b.len - 3, "cut short");
    S_parse_fails(p.b.data, p.b.len / 2, "cut short");
    /* something other than an end of line after %%EOF */
    bc_buf junk = BC_BUF_INIT;
    bc_buf_put(&junk, p.b.data, p.b.len);
    bc_buf_puts(&junk, "junk");
    S_parse_fails(junk.data, junk.len, "cut short");
    junk.len = p.b.len;
    bc_buf_puts(&junk, "\r\n\n"); /* while ends of lines are fine */
    S_parse_ok(&f, junk.data, junk.len);
    bc_pdf_file_free(&f);
    bc_buf_free(&junk);
    /* startxref past the end, or not at a table */
    char sx[64];
    snprintf(sx, sizeof sx, "startxref\n%zu\n", p.startxref);
    S_fails_with(&p.b, sx, "startxref\n999999\n", "cut short");
    S_fails_with(&p.b, sx, "startxref\n3\n", "cross-reference table is missing");
    S_fails_with(&p.b, sx, "startxref\nx\n", "cut short");
    /* a damaged table */
    S_fails_with(&p.b, "00000 n \n", "00000 x \n", "cross-reference table is damaged");
    S_fails_with(&p.b, "xref\n0 4\n", "xref\n0 4x\n", "cross-reference table is damaged");
    S_fails_with(&p.b, "xref\n0 4\n", "xref\n0 99999\n", "cross-reference table is damaged");
    S_fails_with(&p.b, "xref\n0 4\n", "xref\n0 5\n", "cross-reference table is damaged");
    S_fails_with(&p.b, "00000 n \n", "99999 n \n", "cross-reference table is damaged");
    S_fails_with(&p.b, "trailer", "trailor", "its trailer is missing");
    S_fails_with(&p.b, "trailer\n<<", "trailer\n[<", "its trailer is damaged");
    S_fails_with(&p.b, "/Root 1 0 R>>", "/Root 1 0 R", "its trailer is damaged");
    /* an object outside the file */
    char entry[32];
    snprintf(entry, sizeof entry, "%010zu 00000 n", p.off[3]);
    S_fails_with(&p.b, entry, "0099999999 00000 n", "an object lies outside the file");
    S_fails_with(&p.b, entry, "0000000000 00000 n", "an object lies outside the file");
    /* /Size missing, zero, beyond the file */
    S_fails_with(&p.b, "/Size 4", "/Sise 4", "no valid /Size");
    S_fails_with(&p.b, "/Size 4", "/Size 0", "no valid /Size");
    S_fails_with(&p.b, "/Size 4", "/Size 4000000", "no valid /Size");
    S_fails_with(&p.b, "/Size 4", "/Size -4", "no valid /Size");
    /* no catalog: absent, free, beyond /Size, not a reference */
    S_fails_with(&p.b, "/Root 1 0 R", "/Rot 1 0 R", "no catalog (/Root)");
    S_fails_with(&p.b, "/Root 1 0 R", "/Root 9 0 R", "no catalog (/Root)");
    S_fails_with(&p.b, "/Root 1 0 R", "/Root 1 0 X", "no catalog (/Root)");
    snprintf(entry, sizeof entry, "%010zu 00000 n", p.off[1]);
    S_fails_with(&p.b, entry, "0000000000 00000 f", "no catalog (/Root)");
    bc_buf_free(&p.b);
}

static void test_file_xref_stream_refused(void **state)
{
    (void)state;
    pdfb p;
    B_start(&p);
    B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    B_obj(&p, 2, "<</Type/Pages/Kids[]/Count 0>>");
    size_t at = p.b.len;
    B_stream(&p, 3, "<</Type/XRef/Size 4/W[1 2 1]/Root 1 0 R", "\x01\x00\x00\x00", 4);
    bc_buf_printf(&p.b, "startxref\n%zu\n%%%%EOF\n", at);
    S_parse_fails(p.b.data, p.b.len, "cross-reference stream is not read");
    bc_buf_free(&p.b);
}

/* An incremental update: object 3 replaced, 4 added. */
static void S_updated(pdfb *p)
{
    B_doc(p, "", "/Rotate 0");
    B_end(p, "/Root 1 0 R");
    B_obj(p, 3, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]>>");
    B_obj(p, 4, "<</Producer(update)>>");
    B_end(p, "/Root 1 0 R/Info 4 0 R");
}

static void test_file_prev(void **state)
{
    (void)state;
    pdfb p;
    S_updated(&p);
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    assert_int_equal(f.revisions, 2);
    assert_int_equal(f.size, 5);
    assert_int_equal(f.info, 4);
    assert_string_equal(S_value(&f, 3), "<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]>>");
    assert_string_equal(S_value(&f, 2), "<</Type/Pages/Kids[3 0 R]/Count 1>>");
    assert_int_equal(f.startxref, p.startxref);
    assert_int_equal(S_check_xref(U(&p.b), p.b.len), 2);
    bc_pdf_file_free(&f);

    /* /Prev to itself, and two tables naming each other */
    char prev[32], self[32];
    const unsigned char *first = S_find(U(&p.b), p.b.len, "xref\n");
    snprintf(prev, sizeof prev, "/Prev %zu", (size_t)(first - U(&p.b)));
    snprintf(self, sizeof self, "/Prev %zu", p.startxref);
    S_fails_with(&p.b, prev, self, "cross-reference tables loop");
    {
        /* the first table's trailer names the second (its offset patched
         * in at the same width) */
        pdfb q;
        B_doc(&q, "", "");
        B_end(&q, "/Root 1 0 R/Prev 0000000000");
        B_obj(&q, 3, "<</Type/Page>>");
        B_end(&q, "/Root 1 0 R");
        char second[32];
        snprintf(second, sizeof second, "/Prev %010zu", q.startxref);
        bc_buf loop = S_with(&q.b, "/Prev 0000000000", second);
        S_parse_fails(loop.data, loop.len, "cross-reference tables loop");
        bc_buf_free(&loop);
        bc_buf_free(&q.b);
    }
    /* /Prev beyond the file */
    S_fails_with(&p.b, prev, "/Prev 999999", "cross-reference table is missing");
    bc_buf_free(&p.b);
}

/* Stream objects whose data hold "endobj": their /Length says where the
 * data end, direct or in an object of its own. */
static void test_file_stream_objects(void **state)
{
    (void)state;
    const char data[] = "q 1 0 0 1 0 0 cm (endobj) Tj endobj\nendstream\n5 0 obj Q";
    pdfb p;
    B_doc(&p, "", "/Contents 4 0 R");
    B_stream(&p, 4, "<</Filter/None", data, sizeof data - 1);
    bc_buf v = BC_BUF_INIT;
    bc_buf_puts(&v, "<</Length 6 0 R>>\nstream\n");
    bc_buf_put(&v, data, sizeof data - 1);
    bc_buf_puts(&v, "\nendstream");
    B_objn(&p, 5, v.data, v.len);
    bc_buf_free(&v);
    char len[16];
    snprintf(len, sizeof len, "%zu", sizeof data - 1);
    B_obj(&p, 6, len);
    B_obj(&p, 7, "(after)");
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    for (unsigned num = 4; num <= 5; num++) {
        bc_pdf_span val, text;
        assert_true(bc_pdf_file_object(&f, num, &val));
        assert_memory_equal(p.b.data + val.start, "<</", 3);
        assert_memory_equal(p.b.data + val.end - 9, "endstream", 9);
        assert_true(bc_pdf_file_object_text(&f, num, &text));
        assert_memory_equal(p.b.data + text.end - 6, "endobj", 6);
        assert_int_equal(text.end, p.off[num + 1] - 2);
    }
    assert_string_equal(S_key(&f, 4, "Filter"), "/None");
    assert_string_equal(S_key(&f, 5, "Length"), "6 0 R");
    assert_string_equal(S_value(&f, 7), "(after)");
    bc_pdf_file_free(&f);

    /* a /Length too short (the data's "endobj" then taken for the end is
     * refused: no "endstream" there), too long, negative, missing, a
     * reference to nothing */
    const char *bad[] = {"/Length 10>>", "/Length 999>>", "/Length -1>>", "/Lenght 57>>",
                         "/Length 9 0 R>>"};
    char want[32];
    snprintf(want, sizeof want, "/Length %zu>>", sizeof data - 1);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        bc_buf x = S_with(&p.b, want, bad[i]);
        /* same width keeps the offsets; else the table is rebuilt */
        pdfb q;
        B_doc(&q, "", "/Contents 4 0 R");
        const unsigned char *at = S_find(U(&x), x.len, "4 0 obj\n");
        const unsigned char *end = S_find(at, x.len - (size_t)(at - U(&x)), "\nendobj");
        B_objn(&q, 4, at + 8, (size_t)(end - at - 8));
        B_end(&q, "/Root 1 0 R");
        S_parse_ok(&f, q.b.data, q.b.len);
        bc_pdf_span val;
        assert_false(bc_pdf_file_object(&f, 4, &val));
        assert_null(S_key(&f, 4, "Filter"));
        bc_pdf_file_free(&f);
        bc_buf_free(&q.b);
        bc_buf_free(&x);
    }
    bc_buf_free(&p.b);
}

/* An offset pointing at the wrong object, or at no object at all. */
static void test_file_object_mismatch(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "", "");
    B_obj(&p, 4, "(four)");
    B_obj(&p, 5, "(five) junk");
    p.off[4] = p.off[2]; /* the table says 4 is where 2 is */
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    assert_null(S_value(&f, 4));
    assert_null(S_value(&f, 5)); /* no endobj after the value */
    assert_non_null(S_value(&f, 2));
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

/* ---- pdf_file: pages ------------------------------------------------------------ */

static size_t S_pages(const bc_buf *b, unsigned **pages, bc_diags *d)
{
    bc_pdf_file f;
    S_parse_ok(&f, b->data, b->len);
    size_t n = bc_pdf_file_pages(&f, pages, "t.pdf", d);
    bc_pdf_file_free(&f);
    return n;
}

static void test_file_pages_in_order(void **state)
{
    (void)state;
    /* [A [p9 p4] p7 B [C [p3]] ] with the object numbers out of order
     * and an indirect /Kids array */
    pdfb p;
    B_start(&p);
    B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    B_obj(&p, 2, "<</Type/Pages/Kids 12 0 R/Count 4>>");
    B_obj(&p, 12, "[10 0 R 7 0 R 11 0 R]");
    B_obj(&p, 10, "<</Type/Pages/Parent 2 0 R/Kids[9 0 R 4 0 R]/Count 2>>");
    B_obj(&p, 11, "<</Type/Pages/Parent 2 0 R/Kids[13 0 R]/Count 1>>");
    B_obj(&p, 13, "<</Type/Pages/Parent 11 0 R/Kids[3 0 R]/Count 1>>");
    B_obj(&p, 9, "<</Type/Page/Parent 10 0 R>>");
    B_obj(&p, 4, "<</Type /Page /Parent 10 0 R>>");
    B_obj(&p, 7, "<</Parent 2 0 R/Type/Page>>");
    B_obj(&p, 3, "<</Type/Page/Parent 13 0 R>>");
    B_end(&p, "/Root 1 0 R");
    unsigned *pages;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(S_pages(&p.b, &pages, &d), 4);
    assert_null(d.head);
    assert_int_equal(pages[0], 9);
    assert_int_equal(pages[1], 4);
    assert_int_equal(pages[2], 7);
    assert_int_equal(pages[3], 3);
    free(pages);
    bc_buf_free(&p.b);
}

static void S_pages_damaged(const bc_buf *b)
{
    unsigned *pages = (unsigned *)1;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(S_pages(b, &pages, &d), 0);
    assert_null(pages);
    assert_int_equal(d.errors, 1);
    char *m = bc_diag_format(d.head);
    assert_non_null(strstr(m, "t.pdf"));
    assert_non_null(strstr(m, "page tree is damaged"));
    free(m);
    bc_diags_free(&d);
}

static void test_file_pages_damaged(void **state)
{
    (void)state;
    const char *trees[][3] = {
        /* a loop: the tree's top is its own kid */
        {"<</Type/Pages/Kids[2 0 R]/Count 1>>", "<</Type/Page>>", ""},
        /* a kid that is no reference, a node of no type, a missing kid */
        {"<</Type/Pages/Kids[3]/Count 1>>", "<</Type/Page>>", ""},
        {"<</Type/Pages/Kids[3 0 R]/Count 1>>", "<</Parent 2 0 R>>", ""},
        {"<</Type/Pages/Kids[5 0 R]/Count 1>>", "<</Type/Page>>", ""},
        /* no /Kids, /Kids not an array, no page at all */
        {"<</Type/Pages/Count 1>>", "<</Type/Page>>", ""},
        {"<</Type/Pages/Kids 3 0 R/Count 1>>", "<</Type/Page>>", ""},
        {"<</Type/Pages/Kids[]/Count 0>>", "<</Type/Page>>", ""},
        /* a page's kid that is a catalog */
        {"<</Type/Pages/Kids[1 0 R]/Count 1>>", "<</Type/Page>>", ""},
    };
    for (size_t i = 0; i < sizeof trees / sizeof *trees; i++) {
        pdfb p;
        B_start(&p);
        B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
        B_obj(&p, 2, trees[i][0]);
        B_obj(&p, 3, trees[i][1]);
        B_end(&p, "/Root 1 0 R");
        S_pages_damaged(&p.b);
        bc_buf_free(&p.b);
    }
    /* the catalog without /Pages, or /Pages not a reference */
    pdfb p;
    B_doc(&p, "", "");
    bc_buf x = S_with(&p.b, "/Pages 2 0 R", "/Pages[2 0 R]");
    bc_buf_free(&p.b);
    p.b = x;
    B_end(&p, "/Root 1 0 R");
    S_pages_damaged(&p.b);
    bc_buf_free(&p.b);

    /* too deep: 80 nested /Pages nodes */
    B_start(&p);
    B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    for (unsigned n = 2; n < 82; n++) {
        char v[64];
        snprintf(v, sizeof v, "<</Type/Pages/Kids[%u 0 R]/Count 1>>", n + 1);
        B_obj(&p, n, v);
    }
    B_obj(&p, 82, "<</Type/Page>>");
    B_end(&p, "/Root 1 0 R");
    S_pages_damaged(&p.b);
    bc_buf_free(&p.b);
}

/* Found reading the walk: a page tree that is no tree but a chain of
 * nodes each naming the next twice made 2^60 visits; the walk now refuses
 * a node met twice. */
static void test_file_pages_dag(void **state)
{
    (void)state;
    pdfb p;
    B_start(&p);
    B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    for (unsigned n = 2; n < 62; n++) {
        char v[80];
        snprintf(v, sizeof v, "<</Type/Pages/Kids[%u 0 R %u 0 R]/Count 0>>", n + 1, n + 1);
        B_obj(&p, n, v);
    }
    B_obj(&p, 62, "<</Type/Pages/Kids[63 0 R]/Count 1>>");
    B_obj(&p, 63, "<</Type/Page>>");
    B_end(&p, "/Root 1 0 R");
    time_t t0 = time(NULL);
    S_pages_damaged(&p.b);
    assert_true(time(NULL) - t0 < 5);
    bc_buf_free(&p.b);

    /* the same page twice is no tree either */
    B_start(&p);
    B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    B_obj(&p, 2, "<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>");
    B_obj(&p, 3, "<</Type/Pages/Kids[5 0 R]/Count 1>>");
    B_obj(&p, 4, "<</Type/Pages/Kids[5 0 R]/Count 1>>");
    B_obj(&p, 5, "<</Type/Page>>");
    B_end(&p, "/Root 1 0 R");
    unsigned *pages;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(S_pages(&p.b, &pages, &d), 0);
    assert_null(pages);
    assert_int_equal(d.errors, 1);
    bc_diags_free(&d);
    bc_buf_free(&p.b);
}

/* ---- pdf_write ------------------------------------------------------------------ */

/* A file like LibreOffice's: objects not in number order, a free one,
 * a stream, /Info, /ID and /DocChecksum in the trailer. */
static void S_lo_like(pdfb *p)
{
    B_start(p);
    B_obj(p, 5, "<</Type/Page/Parent 2 0 R/Contents 4 0 R>>");
    B_stream(p, 4, "<<", "BT (endobj) Tj ET", 17);
    B_obj(p, 2, "<</Type/Pages/Kids[5 0 R]/Count 1>>");
    B_obj(p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    B_obj(p, 7, "<</Producer(LibreOffice 7.4)/CreationDate(D:20261203094808Z')>>");
    B_end(p, "/Root 1 0 R\n/Info 7 0 R\n/ID [ <378874DC739F7C9447F99C31DF13E390>\n"
             "<378874DC739F7C9447F99C31DF13E390> ]\n/DocChecksum /FB758F257C8DB166E74A4FFA6EBD3DC1\n");
}

static void S_same_objects(const bc_pdf_file *a, const bc_pdf_file *b, unsigned except)
{
    for (unsigned num = 0; num < a->size; num++) {
        if (num == except)
            continue;
        const char *va = S_value(a, num);
        char *copy = va ? strdup(va) : NULL;
        const char *vb = S_value(b, num);
        if (copy)
            assert_string_equal(copy, vb ? vb : "(missing)");
        else
            assert_null(vb);
        free(copy);
    }
}

static void test_write_full_round_trip(void **state)
{
    (void)state;
    pdfb p;
    S_lo_like(&p);
    bc_pdf_file f, g;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    bc_buf out = BC_BUF_INIT;
    bc_pdf_write_full(&w, &out);
    S_parse_ok(&g, out.data, out.len);
    assert_int_equal(g.size, f.size);
    assert_int_equal(g.root, 1);
    assert_int_equal(g.info, 7);
    assert_int_equal(g.revisions, 1);
    S_same_objects(&f, &g, 0);
    assert_int_equal(S_check_xref(U(&out), out.len), 1);
    /* the header kept, objects in the old file order, the free one free */
    assert_memory_equal(out.data, p.b.data, p.off[5]);
    assert_true(g.offset[5] < g.offset[4] && g.offset[4] < g.offset[2] &&
                g.offset[2] < g.offset[1] && g.offset[1] < g.offset[7]);
    assert_int_equal(g.offset[3], 0);
    assert_int_equal(g.offset[6], 0);
    for (unsigned num = 1; num < 8; num++)
        assert_int_equal(bc_pdf_write_offset(&w, num), g.offset[num]);
    /* the old trailer's other keys dropped, the /ID the MD5 of all before
     * the trailer */
    assert_null(S_find(U(&out), out.len, "DocChecksum"));
    assert_null(S_find(U(&out), out.len, "378874DC"));
    char id[33], want[33];
    S_id(&out, id);
    const unsigned char *t = S_rfind(U(&out), out.len, "trailer\n");
    MD5_CTX md5;
    unsigned char digest[MD5_DIGEST_LENGTH];
    MD5Init(&md5);
    MD5Update(&md5, U(&out), (size_t)(t - U(&out)));
    MD5Final(digest, &md5);
    for (int i = 0; i < MD5_DIGEST_LENGTH; i++)
        snprintf(want + 2 * i, 3, "%02X", digest[i]);
    assert_string_equal(id, want);

    /* the same bytes twice */
    bc_buf again = BC_BUF_INIT;
    bc_pdf_write_full(&w, &again);
    assert_int_equal(again.len, out.len);
    assert_memory_equal(again.data, out.data, out.len);
    /* written after what out holds already: the offsets are the file's */
    bc_buf after = BC_BUF_INIT;
    bc_buf_puts(&after, "prefix");
    bc_pdf_write_full(&w, &after);
    assert_int_equal(after.len, out.len + 6);
    assert_memory_equal(after.data + 6, out.data, out.len);
    bc_buf_free(&after);
    bc_buf_free(&again);

    /* other content, another /ID; an object replaced and one added */
    bc_pdf_write_set(&w, 2, "<</Type/Pages/Kids[5 0 R]/Count 1/X 1>>", 39);
    unsigned added = bc_pdf_write_add(&w);
    assert_int_equal(added, 8);
    bc_pdf_write_set(&w, added, "(new)", 5);
    unsigned unset = bc_pdf_write_add(&w);
    bc_buf other = BC_BUF_INIT;
    bc_pdf_write_full(&w, &other);
    char id2[33];
    S_id(&other, id2);
    assert_string_not_equal(id, id2);
    bc_pdf_file h;
    S_parse_ok(&h, other.data, other.len);
    assert_int_equal(h.size, 10);
    assert_string_equal(S_value(&h, 2), "<</Type/Pages/Kids[5 0 R]/Count 1/X 1>>");
    assert_string_equal(S_value(&h, added), "(new)");
    assert_string_equal(S_value(&h, unset), "null");
    S_same_objects(&f, &h, 2);
    assert_int_equal(S_check_xref(U(&other), other.len), 1);
    bc_pdf_file_free(&h);
    bc_buf_free(&other);

    bc_pdf_write_free(&w);
    bc_pdf_file_free(&g);
    bc_pdf_file_free(&f);
    bc_buf_free(&out);
    bc_buf_free(&p.b);
}

/* Fuzzer finding: the whole file's header was the bytes before the
 * lowest offset of the table, an object there or not; one said to be at
 * offset 3 cut the header to "%PD", and the output was no PDF. */
static void test_write_full_header(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "", "");
    p.off[4] = 3;
    p.fresh[4] = true;
    p.size = 5;
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f, g;
    S_parse_ok(&f, p.b.data, p.b.len);
    assert_null(S_value(&f, 4));
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    bc_buf out = BC_BUF_INIT;
    bc_pdf_write_full(&w, &out);
    assert_memory_equal(out.data, p.b.data, p.off[1]);
    S_parse_ok(&g, out.data, out.len);
    assert_int_equal(g.offset[4], 0);
    S_same_objects(&f, &g, 0);
    assert_int_equal(S_check_xref(U(&out), out.len), 1);
    bc_pdf_file_free(&g);
    bc_buf_free(&out);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

/* A file with an incremental update written whole: one table, the
 * update's values. */
static void test_write_full_flattens_updates(void **state)
{
    (void)state;
    pdfb p;
    S_updated(&p);
    bc_pdf_file f, g;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    bc_buf out = BC_BUF_INIT;
    bc_pdf_write_full(&w, &out);
    S_parse_ok(&g, out.data, out.len);
    assert_int_equal(g.revisions, 1);
    assert_string_equal(S_value(&g, 3), "<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]>>");
    assert_null(S_find(U(&out), out.len, "/Rotate"));
    assert_null(S_find(U(&out), out.len, "/Prev"));
    S_same_objects(&f, &g, 0);
    assert_int_equal(S_check_xref(U(&out), out.len), 1);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&g);
    bc_pdf_file_free(&f);
    bc_buf_free(&out);
    bc_buf_free(&p.b);
}

/* Values set for numbers the file has free, or beyond the ones added:
 * written either way, whole or as an update (once dropped by the whole
 * file, and written past the offsets' end by the update). */
static void test_write_set_free_and_far(void **state)
{
    (void)state;
    pdfb p;
    S_lo_like(&p); /* 3 and 6 free, /Size 8 */
    bc_pdf_file f, g;
    S_parse_ok(&f, p.b.data, p.b.len);
    for (int update = 0; update < 2; update++) {
        bc_pdf_write w;
        bc_pdf_write_init(&w, &f);
        bc_pdf_write_set(&w, 3, "(three)", 7);
        bc_pdf_write_set(&w, 12, "(twelve)", 8);
        bc_buf out = BC_BUF_INIT;
        if (update)
            bc_pdf_write_update(&w, &out);
        else
            bc_pdf_write_full(&w, &out);
        S_parse_ok(&g, out.data, out.len);
        assert_int_equal(g.size, 13);
        assert_string_equal(S_value(&g, 3), "(three)");
        assert_string_equal(S_value(&g, 12), "(twelve)");
        assert_int_equal(S_check_xref(U(&out), out.len), 1 + update);
        bc_pdf_file_free(&g);
        bc_buf_free(&out);
        bc_pdf_write_free(&w);
    }
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

static void test_write_update(void **state)
{
    (void)state;
    pdfb p;
    S_lo_like(&p);
    bc_pdf_file f, g, h;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    bc_pdf_write_set(&w, 5, "<</Type/Page/Parent 2 0 R/Contents 4 0 R/Annots[8 0 R]>>", 56);
    unsigned added = bc_pdf_write_add(&w);
    bc_pdf_write_set(&w, added, "<</Type/Annot>>", 15);
    bc_buf out = BC_BUF_INIT;
    bc_pdf_write_update(&w, &out);
    /* the old bytes first, unchanged */
    assert_true(out.len > p.b.len);
    assert_memory_equal(out.data, p.b.data, p.b.len);
    S_parse_ok(&g, out.data, out.len);
    assert_int_equal(g.revisions, 2);
    assert_int_equal(g.size, 9);
    assert_int_equal(g.root, 1);
    assert_int_equal(g.info, 7);
    assert_string_equal(S_value(&g, 5),
                        "<</Type/Page/Parent 2 0 R/Contents 4 0 R/Annots[8 0 R]>>");
    assert_string_equal(S_value(&g, added), "<</Type/Annot>>");
    S_same_objects(&f, &g, 5);
    assert_int_equal(g.offset[added], bc_pdf_write_offset(&w, added));
    assert_int_equal(g.offset[4], f.offset[4]);
    /* /Prev names the old table; the /ID is the old one */
    char prev[32];
    snprintf(prev, sizeof prev, "/Prev %zu>>", f.startxref);
    const unsigned char *t = S_rfind(U(&out), out.len, "trailer\n");
    assert_non_null(S_find(t, out.len - (size_t)(t - U(&out)), prev));
    assert_non_null(S_find(t, out.len - (size_t)(t - U(&out)), "378874DC739F7C9447F99C31DF13E390"));
    assert_null(S_find(t, out.len - (size_t)(t - U(&out)), "DocChecksum"));
    assert_int_equal(S_check_xref(U(&out), out.len), 2);
    /* the section lists only what changed */
    const unsigned char *x = S_rfind(U(&out), out.len, "\nxref\n");
    assert_memory_equal(x, "\nxref\n5 1\n", 10);
    assert_non_null(S_find(x, 60, "\n8 1\n"));

    /* a second update on top of the first */
    bc_pdf_write w2;
    bc_pdf_write_init(&w2, &g);
    bc_pdf_write_set(&w2, added, "<</Type/Annot/Second true>>", 27);
    bc_pdf_write_set(&w2, 7, "<</Producer(again)>>", 20);
    bc_buf out2 = BC_BUF_INIT;
    bc_pdf_write_update(&w2, &out2);
    assert_memory_equal(out2.data, out.data, out.len);
    S_parse_ok(&h, out2.data, out2.len);
    assert_int_equal(h.revisions, 3);
    assert_string_equal(S_value(&h, added), "<</Type/Annot/Second true>>");
    assert_string_equal(S_value(&h, 7), "<</Producer(again)>>");
    assert_string_equal(S_value(&h, 5),
                        "<</Type/Page/Parent 2 0 R/Contents 4 0 R/Annots[8 0 R]>>");
    assert_string_equal(S_value(&h, 2), "<</Type/Pages/Kids[5 0 R]/Count 1>>");
    assert_int_equal(S_check_xref(U(&out2), out2.len), 3);
    snprintf(prev, sizeof prev, "/Prev %zu>>", g.startxref);
    assert_non_null(S_rfind(U(&out2), out2.len, prev));
    bc_pdf_file_free(&h);
    bc_pdf_write_free(&w2);
    bc_buf_free(&out2);

    /* nothing changed: a section with the free list's head alone (a
     * section has one subsection at least), still a good file */
    bc_pdf_write w3;
    bc_pdf_write_init(&w3, &f);
    bc_buf out3 = BC_BUF_INIT;
    bc_pdf_write_update(&w3, &out3);
    assert_memory_equal(S_rfind(U(&out3), out3.len, "\nxref\n"),
                        "\nxref\n0 1\n0000000000 65535 f \ntrailer\n", 37);
    S_parse_ok(&h, out3.data, out3.len);
    assert_int_equal(h.revisions, 2);
    S_same_objects(&f, &h, 0);
    bc_pdf_file_free(&h);
    bc_pdf_write_free(&w3);
    bc_buf_free(&out3);

    bc_pdf_write_free(&w);
    bc_pdf_file_free(&g);
    bc_pdf_file_free(&f);
    bc_buf_free(&out);
    bc_buf_free(&p.b);
}

/* Fuzzer finding: the update's trailer had "/ID" and the old /ID's value
 * with nothing between, so a value beginning with a regular character
 * ("4 0 R", or the fuzzer's "\xff") made one key "/ID4" of the two and the
 * rest of the trailer unreadable: the update was no PDF. */
static void test_write_update_id_ref(void **state)
{
    (void)state;
    const char *ids[] = {"/ID 4 0 R", "/ID \xff[<00><00>]"};
    for (int i = 0; i < 2; i++) {
        pdfb p;
        B_doc(&p, "", "");
        B_obj(&p, 4, "[<00><00>]");
        char extra[64];
        snprintf(extra, sizeof extra, "/Root 1 0 R%s", ids[i]);
        B_end(&p, extra);
        bc_pdf_file f, g;
        S_parse_ok(&f, p.b.data, p.b.len);
        bc_pdf_write w;
        bc_pdf_write_init(&w, &f);
        bc_pdf_write_set(&w, 3, "<</Type/Page>>", 14);
        bc_buf out = BC_BUF_INIT;
        bc_pdf_write_update(&w, &out);
        S_parse_ok(&g, out.data, out.len);
        assert_int_equal(g.revisions, 2);
        bc_pdf_span v;
        assert_true(bc_pdf_syntax_dict_get(g.data, g.trailer, "ID", &v));
        assert_true(bc_pdf_syntax_dict_get(g.data, g.trailer, "Prev", &v));
        assert_string_equal(S_value(&g, 3), "<</Type/Page>>");
        bc_pdf_file_free(&g);
        bc_buf_free(&out);
        bc_pdf_write_free(&w);
        bc_pdf_file_free(&f);
        bc_buf_free(&p.b);
    }
}

/* A file that does not end with an end of line gets one before the
 * update. */
static void test_write_update_no_final_eol(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "", "");
    B_end(&p, "/Root 1 0 R");
    p.b.len--; /* "%%EOF" last */
    bc_pdf_file f, g;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    bc_pdf_write_set(&w, 3, "<</Type/Page>>", 14);
    bc_buf out = BC_BUF_INIT;
    bc_pdf_write_update(&w, &out);
    assert_memory_equal(out.data, p.b.data, p.b.len);
    assert_memory_equal(out.data + p.b.len - 5, "%%EOF\n3 0 obj", 13);
    S_parse_ok(&g, out.data, out.len);
    assert_string_equal(S_value(&g, 3), "<</Type/Page>>");
    assert_int_equal(S_check_xref(U(&out), out.len), 2);
    bc_pdf_file_free(&g);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&out);
    bc_buf_free(&p.b);
}

/* ---- pdf_tidy ------------------------------------------------------------------- */

static const bc_pdf_tidy_date DATE = {2024, 7, 15};

/* A fake ICC profile: 200 bytes, a clock date in its header. */
static void S_icc(unsigned char *icc, size_t n)
{
    for (size_t i = 0; i < n; i++)
        icc[i] = (unsigned char)(i * 7 + 3);
    const unsigned char clock[12] = {0x07, 0xEA, 0, 12, 0, 3, 0, 9, 0, 48, 0, 8};
    memcpy(icc + 24, clock, 12);
}

static size_t S_deflate(const unsigned char *in, size_t n, unsigned char *out, size_t cap)
{
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(6);
    size_t z = libdeflate_zlib_compress(c, in, n, out, cap);
    libdeflate_free_compressor(c);
    assert_true(z > 0);
    return z;
}

/* The inflated data of stream object num. */
static size_t S_inflate(const bc_pdf_file *f, unsigned num, unsigned char *out, size_t cap)
{
    bc_pdf_span obj, dict, lv;
    assert_true(bc_pdf_file_object(f, num, &obj));
    assert_true(bc_pdf_syntax_value(f->data, obj.end, obj.start, &dict));
    assert_true(bc_pdf_syntax_dict_get(f->data, dict, "Length", &lv));
    assert_true(bc_pdf_file_resolve(f, lv, &lv));
    double length;
    assert_true(bc_pdf_syntax_number(f->data, lv, &length));
    const unsigned char *data = S_find(f->data + dict.end, obj.end - dict.end, "stream\n");
    assert_non_null(data);
    data += 7;
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    size_t got = 0;
    assert_int_equal(libdeflate_zlib_decompress(d, data, (size_t)length, out, cap, &got),
                     LIBDEFLATE_SUCCESS);
    libdeflate_free_decompressor(d);
    return got;
}

/* The data of stream object num, its /Length checked against the
 * "endstream" that must follow. */
static const char *S_stream_data(const bc_pdf_file *f, unsigned num, size_t *len)
{
    bc_pdf_span obj, dict, lv;
    assert_true(bc_pdf_file_object(f, num, &obj));
    assert_true(bc_pdf_syntax_value(f->data, obj.end, obj.start, &dict));
    assert_true(bc_pdf_syntax_dict_get(f->data, dict, "Length", &lv));
    assert_true(bc_pdf_file_resolve(f, lv, &lv));
    double length;
    assert_true(bc_pdf_syntax_number(f->data, lv, &length));
    const unsigned char *data = S_find(f->data + dict.end, obj.end - dict.end, "stream\n");
    data += 7;
    assert_memory_equal(data + (size_t)length, "\nendstream", 10);
    *len = (size_t)length;
    return (const char *)data;
}

static const char XMP[] =
    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF>\n"
    "<rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
    "<xmp:CreatorTool>Writer</xmp:CreatorTool>\n"
    "<xmp:CreateDate>2026-12-03T09:48:08Z</xmp:CreateDate>\n"
    "<xmp:CreateDateX>kept</xmp:CreateDateX>\n"
    "<xmp:ModifyDate>2026-12-03T09:48:09+01:00</xmp:ModifyDate>\n"
    "<xmp:MetadataDate>2026</xmp:MetadataDate>\n"
    "</rdf:Description></rdf:RDF></x:xmpmeta>\n"
    "<?xpacket end=\"w\"?>";

/* A document with Info (7), XMP (8, /Length direct or in 9) and two
 * output intents naming one deflated profile (10), one of them direct. */
static void S_tidy_doc(pdfb *p, bool xmp_length_ref)
{
    B_doc(p, "/Metadata 8 0 R/OutputIntents[11 0 R<</Type/OutputIntent/S/GTS_PDFA1/"
             "DestOutputProfile 10 0 R>>]",
          "");
    B_obj(p, 7, "<</Producer(LibreOffice 7.4)/CreationDate(D:20261203094808Z')"
                "/ModDate (D:20261203094809+01'00') /Title(x)>>");
    if (xmp_length_ref) {
        bc_buf v = BC_BUF_INIT;
        bc_buf_puts(&v, "<</Type/Metadata/Subtype/XML/Length 9 0 R>>\nstream\n");
        bc_buf_put(&v, XMP, sizeof XMP - 1);
        bc_buf_puts(&v, "\nendstream");
        B_objn(p, 8, v.data, v.len);
        bc_buf_free(&v);
        char n[16];
        snprintf(n, sizeof n, "%zu", sizeof XMP - 1);
        B_obj(p, 9, n);
    } else {
        B_stream(p, 8, "<</Type/Metadata/Subtype/XML", XMP, sizeof XMP - 1);
    }
    unsigned char icc[200], z[400];
    S_icc(icc, sizeof icc);
    size_t zn = S_deflate(icc, sizeof icc, z, sizeof z);
    B_stream(p, 10, "<</N 3/Filter/FlateDecode", z, zn);
    B_obj(p, 11, "<</Type/OutputIntent/S/GTS_PDFA1/DestOutputProfile 10 0 R>>");
    B_end(p, "/Root 1 0 R/Info 7 0 R");
}

static void test_tidy_dates(void **state)
{
    (void)state;
    for (int ref = 0; ref < 2; ref++) {
        pdfb p;
        S_tidy_doc(&p, ref);
        bc_pdf_file f, g;
        S_parse_ok(&f, p.b.data, p.b.len);
        bc_pdf_write w;
        bc_pdf_write_init(&w, &f);
        assert_true(bc_pdf_tidy_dates(&w, &DATE));
        bc_buf out = BC_BUF_INIT;
        bc_pdf_write_full(&w, &out);
        S_parse_ok(&g, out.data, out.len);
        /* Info */
        assert_string_equal(S_key(&g, 7, "CreationDate"), "(D:20240715000000+07'00')");
        assert_string_equal(S_key(&g, 7, "ModDate"), "(D:20240715000000+07'00')");
        assert_string_equal(S_key(&g, 7, "Producer"), "(LibreOffice 7.4)");
        assert_string_equal(S_key(&g, 7, "Title"), "(x)");
        /* XMP: the three dates, nothing else */
        size_t n;
        const char *x = S_stream_data(&g, 8, &n);
        char *xmp = strndup(x, n);
        assert_non_null(strstr(xmp, "<xmp:CreateDate>2024-07-15T00:00:00+07:00</xmp:CreateDate>"));
        assert_non_null(strstr(xmp, "<xmp:ModifyDate>2024-07-15T00:00:00+07:00</xmp:ModifyDate>"));
        assert_non_null(
            strstr(xmp, "<xmp:MetadataDate>2024-07-15T00:00:00+07:00</xmp:MetadataDate>"));
        assert_non_null(strstr(xmp, "<xmp:CreateDateX>kept</xmp:CreateDateX>"));
        assert_non_null(strstr(xmp, "<xmp:CreatorTool>Writer</xmp:CreatorTool>"));
        assert_null(strstr(xmp, "2026"));
        assert_int_equal(n, sizeof XMP - 1 - strlen("2026-12-03T09:48:08Z") -
                                strlen("2026-12-03T09:48:09+01:00") - strlen("2026") +
                                3 * strlen("2024-07-15T00:00:00+07:00"));
        free(xmp);
        if (ref) /* the length in its own object, the reference kept */
            assert_string_equal(S_key(&g, 8, "Length"), "9 0 R");
        assert_string_equal(S_key(&g, 8, "Subtype"), "/XML");
        /* the profile: its date the report's, the rest unchanged */
        unsigned char icc[200], got[4096];
        S_icc(icc, sizeof icc);
        assert_int_equal(S_inflate(&g, 10, got, sizeof got), sizeof icc);
        const unsigned char want[12] = {0x07, 0xE8, 0, 7, 0, 15, 0, 0, 0, 0, 0, 0};
        assert_memory_equal(got + 24, want, 12);
        assert_memory_equal(got, icc, 24);
        assert_memory_equal(got + 36, icc + 36, sizeof icc - 36);
        assert_string_equal(S_key(&g, 10, "Filter"), "/FlateDecode");
        assert_string_equal(S_key(&g, 10, "N"), "3");
        bc_pdf_file_free(&g);
        bc_buf_free(&out);
        bc_pdf_write_free(&w);
        bc_pdf_file_free(&f);
        bc_buf_free(&p.b);
    }
}

static void test_tidy_absent_parts(void **state)
{
    (void)state;
    /* no Info, no XMP, no intents: nothing to do */
    pdfb p;
    B_doc(&p, "", "");
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    assert_true(bc_pdf_tidy_dates(&w, &DATE));
    assert_int_equal(w.n, 0);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);

    /* Info without dates kept as it is; a compressed XMP and a profile
     * not deflated left alone */
    B_doc(&p, "/Metadata 5 0 R/OutputIntents 7 0 R", "");
    B_obj(&p, 4, "<</Producer(x)>>");
    B_stream(&p, 5, "<</Type/Metadata/Filter/FlateDecode", "xxxx", 4);
    B_stream(&p, 6, "<</N 3", "raw icc", 7);
    B_obj(&p, 7, "[<</DestOutputProfile 6 0 R>> <</S/GTS_PDFA1>>]");
    B_end(&p, "/Root 1 0 R/Info 4 0 R");
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write_init(&w, &f);
    assert_true(bc_pdf_tidy_dates(&w, &DATE));
    assert_null(bc_pdf_write_get(&w, 5));
    assert_null(bc_pdf_write_get(&w, 6));
    const bc_pdf_write_obj *o = bc_pdf_write_get(&w, 4);
    assert_true(!o || strcmp(o->value, "<</Producer(x)>>") == 0);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

static void S_tidy_fails(const bc_buf *b)
{
    bc_pdf_file f;
    S_parse_ok(&f, b->data, b->len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    assert_false(bc_pdf_tidy_dates(&w, &DATE));
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
}

static void test_tidy_damaged(void **state)
{
    (void)state;
    pdfb p;
    /* a profile that does not inflate, or too short for a header */
    B_doc(&p, "/OutputIntents[<</DestOutputProfile 4 0 R>>]", "");
    B_stream(&p, 4, "<</N 3/Filter/FlateDecode", "not zlib", 8);
    B_end(&p, "/Root 1 0 R");
    S_tidy_fails(&p.b);
    bc_buf_free(&p.b);
    unsigned char small[40] = {0}, z[100];
    size_t zn = S_deflate(small, sizeof small, z, sizeof z);
    B_doc(&p, "/OutputIntents[<</DestOutputProfile 4 0 R>>]", "");
    B_stream(&p, 4, "<</N 3/Filter/FlateDecode", z, zn);
    B_end(&p, "/Root 1 0 R");
    S_tidy_fails(&p.b);
    bc_buf_free(&p.b);
    /* the profile's object damaged; the intents no array */
    B_doc(&p, "/OutputIntents[<</DestOutputProfile 4 0 R>>]", "");
    B_obj(&p, 4, "<</N 3/Length 99>>\nstream\nabc\nendstream");
    B_end(&p, "/Root 1 0 R");
    S_tidy_fails(&p.b);
    bc_buf_free(&p.b);
    B_doc(&p, "/OutputIntents 4 0 R", "");
    B_obj(&p, 4, "<</DestOutputProfile 5 0 R>>");
    B_end(&p, "/Root 1 0 R");
    S_tidy_fails(&p.b);
    bc_buf_free(&p.b);
    /* the XMP no stream */
    B_doc(&p, "/Metadata 4 0 R", "");
    B_obj(&p, 4, "<</Type/Metadata>>");
    B_end(&p, "/Root 1 0 R");
    S_tidy_fails(&p.b);
    bc_buf_free(&p.b);
}

/* ---- pdf_field -------------------------------------------------------------------- */

static void S_rect_is(const bc_pdf_field_rect *r, unsigned page, double x1, double y1,
                      double x2, double y2)
{
    assert_int_equal(r->page, page);
    assert_true(fabs(r->x1 - x1) < 1e-9);
    assert_true(fabs(r->y1 - y1) < 1e-9);
    assert_true(fabs(r->x2 - x2) < 1e-9);
    assert_true(fabs(r->y2 - y2) < 1e-9);
}

static bool S_locate(const bc_buf *b, bc_pdf_field_rect *r)
{
    bc_pdf_file f;
    S_parse_ok(&f, b->data, b->len);
    bool ok = bc_pdf_field_locate(&f, r);
    bc_pdf_file_free(&f);
    return ok;
}

/* LibreOffice's way: a /Dests dictionary of its own. */
static void test_field_locate_dests(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "\n/Dests 4 0 R", "");
    B_obj(&p, 4, "<</ChuKy[3 0 R/XYZ 272.05 317.639 0]\n/HoTenKy[3 0 R/XYZ 367.05 241.089 0]\n"
                 "/HoTenKyHet 5 0 R\n/Other[3 0 R/Fit]>>");
    B_obj(&p, 5, "[3 0 R/XYZ 454.95 241.089 0]");
    B_end(&p, "/Root 1 0 R");
    bc_pdf_field_rect r;
    assert_true(S_locate(&p.b, &r));
    /* from ChuKy's left to its mirror about the name's centre (411), from
     * the name's top to ChuKy's */
    S_rect_is(&r, 3, 272.05, 241.089, 2 * 411.0 - 272.05, 317.639);
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    unsigned page;
    double left, top;
    assert_true(bc_pdf_field_dest(&f, "HoTenKyHet", &page, &left, &top));
    assert_int_equal(page, 3);
    assert_true(left == 454.95 && top == 241.089);
    assert_false(bc_pdf_field_dest(&f, "Other", &page, &left, &top)); /* no /XYZ */
    assert_false(bc_pdf_field_dest(&f, "Missing", &page, &left, &top));
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);

    /* the dictionary direct in the catalog */
    B_doc(&p, "/Dests<</ChuKy[3 0 R/XYZ 100 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]"
              "/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
          "");
    B_end(&p, "/Root 1 0 R");
    assert_true(S_locate(&p.b, &r));
    S_rect_is(&r, 3, 100, 600, 300, 700);
    bc_buf_free(&p.b);
}

/* A name tree with /Kids, string keys (literal, escaped, hexadecimal), a
 * dest as <</D [...]>> and one in an object of its own. */
static void test_field_locate_name_tree(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "/Names 10 0 R", "");
    B_obj(&p, 10, "<</Dests 11 0 R>>");
    B_obj(&p, 11, "<</Kids[12 0 R 13 0 R]>>");
    B_obj(&p, 12, "<</Limits[(Aaa)(ChuKy)]/Names[(Aaa)[3 0 R/XYZ 0 0 0](ChuKy) 14 0 R]>>");
    B_obj(&p, 13, "<</Limits[(HoTenKy)(HoTenKyHet)]/Kids[15 0 R]>>");
    B_obj(&p, 14, "<</D[3 0 R/XYZ 100 700 0]/S/GoTo>>");
    B_obj(&p, 15, "<</Names 16 0 R>>");
    /* keys with an escape and in hexadecimal, as other writers put them */
    B_obj(&p, 16, "[(HoTen\\113y)[3 0 R/XYZ 150 600 null]<486F54656E4B79486574>"
                  "<</D[3 0 R /XYZ 250.5 600 0]>>]");
    B_end(&p, "/Root 1 0 R");
    bc_pdf_field_rect r;
    assert_true(S_locate(&p.b, &r));
    S_rect_is(&r, 3, 100, 600, 300.5, 700);
    bc_buf_free(&p.b);
}

static void test_field_locate_refused(void **state)
{
    (void)state;
    const char *dests[] = {
        /* one destination missing */
        "<</ChuKy[3 0 R/XYZ 100 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]>>",
        "<</HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        /* on two pages */
        "<</ChuKy[4 0 R/XYZ 100 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        /* the space below the name, or right of its centre */
        "<</ChuKy[3 0 R/XYZ 100 500 0]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        "<</ChuKy[3 0 R/XYZ 210 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        /* not /XYZ, a missing coordinate, a page that is no reference */
        "<</ChuKy[3 0 R/FitH 700]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        "<</ChuKy[3 0 R/XYZ null 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        "<</ChuKy[3 0 R/XYZ 100]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        "<</ChuKy[0/XYZ 100 700 0]/HoTenKy[0/XYZ 150 600 0]/HoTenKyHet[0/XYZ 250 600 0]>>",
        /* a page that is no page (the catalog): nothing to put a widget on */
        "<</ChuKy[1 0 R/XYZ 100 700 0]/HoTenKy[1 0 R/XYZ 150 600 0]/HoTenKyHet[1 0 R/XYZ 250 600 0]>>",
        /* a destination that is neither an array nor <</D ...>> */
        "<</ChuKy(x)/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        "<</ChuKy<</S/GoTo>>/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ 250 600 0]>>",
        /* coordinates no PDF page has: infinity (400 digits) */
        "<</ChuKy[3 0 R/XYZ 100 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]/HoTenKyHet[3 0 R/XYZ "
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
        "99999999999999999999999999999999999999999999999999999999999999999999999999999999"
        " 600 0]>>",
    };
    for (size_t i = 0; i < sizeof dests / sizeof *dests; i++) {
        pdfb p;
        char cat[1024];
        snprintf(cat, sizeof cat, "/Dests %s", dests[i]);
        B_doc(&p, cat, "");
        B_obj(&p, 4, "<</Type/Page/Parent 2 0 R>>");
        B_end(&p, "/Root 1 0 R");
        bc_pdf_field_rect r;
        if (S_locate(&p.b, &r))
            fail_msg("case %zu: a field located", i);
        bc_buf_free(&p.b);
    }
}

/* Found reading the lookup: a name tree node that is its own kid twice
 * was followed 2^33 times; the lookup now visits no more nodes than the
 * file has objects. */
static void test_field_name_tree_loop(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "/Names<</Dests 10 0 R>>", "");
    B_obj(&p, 10, "<</Kids[10 0 R 10 0 R 11 0 R]>>");
    B_obj(&p, 11, "<</Kids[11 0 R 11 0 R 10 0 R]>>");
    B_end(&p, "/Root 1 0 R");
    time_t t0 = time(NULL);
    bc_pdf_field_rect r;
    assert_false(S_locate(&p.b, &r));
    assert_true(time(NULL) - t0 < 5);
    bc_buf_free(&p.b);
}

/* The three destinations on page 3 as LibreOffice writes them. */
#define DESTS "/Dests 9 0 R"
static void S_dests(pdfb *p)
{
    B_obj(p, 9, "<</ChuKy[3 0 R/XYZ 100 700 0]/HoTenKy[3 0 R/XYZ 150 600 0]"
                "/HoTenKyHet[3 0 R/XYZ 250.5 600 0]>>");
}

/* The field added, the output read again: catalog, widget, appearance,
 * the page's /Annots. */
static void S_field_added(const char *page_extra, void (*more)(pdfb *), const char *annots_want,
                          unsigned annots_obj)
{
    pdfb p;
    B_doc(&p, DESTS, page_extra);
    S_dests(&p);
    if (more)
        more(&p);
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f, g;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_field_rect r;
    assert_true(bc_pdf_field_locate(&f, &r));
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    assert_true(bc_pdf_field_add(&w, &r));
    bc_buf out = BC_BUF_INIT;
    bc_pdf_write_full(&w, &out);
    S_parse_ok(&g, out.data, out.len);
    assert_int_equal(S_check_xref(U(&out), out.len), 1);
    unsigned form, widget, ap;
    bc_pdf_span v;
    assert_true(bc_pdf_file_get(&g, g.root, "AcroForm", &v));
    assert_true(bc_pdf_syntax_ref(g.data, v, &form));
    assert_string_equal(S_key(&g, g.root, "Dests"), "9 0 R"); /* the rest kept */
    assert_true(bc_pdf_file_get(&g, form, "Fields", &v));
    assert_true(sscanf((const char *)g.data + v.start, "[%u 0 R]", &widget) == 1);
    assert_string_equal(S_key(&g, widget, "FT"), "/Sig");
    assert_string_equal(S_key(&g, widget, "Subtype"), "/Widget");
    assert_string_equal(S_key(&g, widget, "T"), "(" BC_PDF_FIELD_NAME ")");
    assert_string_equal(S_key(&g, widget, "Rect"), "[100.00 600.00 300.50 700.00]");
    assert_string_equal(S_key(&g, widget, "P"), "3 0 R");
    assert_string_equal(S_key(&g, widget, "F"), "132");
    assert_true(bc_pdf_file_get(&g, widget, "AP", &v));
    bc_pdf_span n;
    assert_true(bc_pdf_syntax_dict_get(g.data, v, "N", &n));
    assert_true(bc_pdf_syntax_ref(g.data, n, &ap));
    assert_string_equal(S_key(&g, ap, "BBox"), "[0 0 200.50 100.00]");
    assert_string_equal(S_key(&g, ap, "Subtype"), "/Form");
    size_t len;
    S_stream_data(&g, ap, &len);
    assert_int_equal(len, 0);
    /* the page's annotations */
    char want[128];
    snprintf(want, sizeof want, annots_want, widget);
    if (annots_obj)
        assert_string_equal(S_value(&g, annots_obj), want);
    else
        assert_string_equal(S_key(&g, 3, "Annots"), want);
    assert_string_equal(S_key(&g, 3, "MediaBox"), "[0 0 595 842]");
    /* and the page is still the one page */
    unsigned *pages;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_file_pages(&g, &pages, "t.pdf", &d), 1);
    assert_int_equal(pages[0], 3);
    free(pages);
    bc_pdf_file_free(&g);
    bc_buf_free(&out);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

static void S_annots_obj(pdfb *p)
{
    B_obj(p, 8, "[ 4 0 R ]");
    B_obj(p, 4, "<</Type/Annot/Subtype/Link/Rect[0 0 1 1]>>");
}

static void S_annot_4(pdfb *p)
{
    B_obj(p, 4, "<</Type/Annot/Subtype/Link/Rect[0 0 1 1]>>");
}

static void test_field_add(void **state)
{
    (void)state;
    /* no /Annots: one made */
    S_field_added("", NULL, "[%u 0 R]", 0);
    /* a direct array, an indirect one */
    S_field_added("/Annots[4 0 R]", S_annot_4, "[4 0 R %u 0 R]", 0);
    S_field_added("/Annots 8 0 R", S_annots_obj, "[ 4 0 R  %u 0 R]", 8);
}

static void test_field_not_added(void **state)
{
    (void)state;
    /* the catalog has an /AcroForm: nothing added */
    pdfb p;
    B_doc(&p, DESTS "/AcroForm<</Fields[]>>", "");
    S_dests(&p);
    B_end(&p, "/Root 1 0 R");
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_field_rect r;
    assert_true(bc_pdf_field_locate(&f, &r));
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    assert_false(bc_pdf_field_add(&w, &r));
    assert_int_equal(w.n, 0);
    assert_int_equal(w.next, f.size);
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);

    /* /Annots that cannot take the widget (a name; a reference to no
     * array): nothing added either, the catalog not changed (it once got
     * /AcroForm for a widget no page showed) */
    const char *annots[] = {"/Annots/X", "/Annots 8 0 R", "/Annots 4 0 R"};
    for (size_t i = 0; i < 3; i++) {
        B_doc(&p, DESTS, annots[i]);
        S_dests(&p);
        B_obj(&p, 4, "<</Type/Annot>>");
        B_end(&p, "/Root 1 0 R");
        S_parse_ok(&f, p.b.data, p.b.len);
        assert_true(bc_pdf_field_locate(&f, &r));
        bc_pdf_write_init(&w, &f);
        assert_false(bc_pdf_field_add(&w, &r));
        assert_null(bc_pdf_write_get(&w, 1));
        assert_int_equal(w.n, 0);
        bc_pdf_write_free(&w);
        bc_pdf_file_free(&f);
        bc_buf_free(&p.b);
    }

    /* a catalog that is a hex string, not a dictionary, takes no entry */
    B_start(&p);
    B_obj(&p, 1, "<436174616C6F67>");
    B_obj(&p, 3, "<</Type/Page>>");
    B_end(&p, "/Root 1 0 R");
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_field_rect fake = {3, 0, 0, 10, 10};
    bc_pdf_write_init(&w, &f);
    assert_false(bc_pdf_field_add(&w, &fake));
    assert_null(bc_pdf_write_get(&w, 1));
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

/* ---- pdf_finish ------------------------------------------------------------------- */

static const bc_pdf_finish_opts OPTS = {"bao-cao.yaml", 1, {2024, 7, 15}};

static void test_finish(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, DESTS, "");
    S_dests(&p);
    B_obj(&p, 7, "<</CreationDate(D:20261203094808Z')>>");
    B_end(&p, "/Root 1 0 R/Info 7 0 R/DocChecksum /AB");
    bc_buf out = BC_BUF_INIT, again = BC_BUF_INIT;
    bc_pdf_finish_result res;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_finish(U(&p.b), p.b.len, &OPTS, &out, &res, &d), 0);
    assert_null(d.head);
    assert_int_equal(res.pages, 1);
    assert_true(res.field);
    assert_int_equal(bc_pdf_finish(U(&p.b), p.b.len, &OPTS, &again, &res, &d), 0);
    assert_int_equal(again.len, out.len);
    assert_memory_equal(again.data, out.data, out.len);
    bc_pdf_file g;
    S_parse_ok(&g, out.data, out.len);
    assert_string_equal(S_key(&g, 7, "CreationDate"), "(D:20240715000000+07'00')");
    assert_non_null(S_key(&g, 1, "AcroForm"));
    assert_null(S_find(U(&out), out.len, "DocChecksum"));
    bc_pdf_file_free(&g);
    bc_buf_free(&again);
    bc_buf_free(&out);
    bc_buf_free(&p.b);

    /* without the destinations: finished, no field */
    B_doc(&p, "", "");
    B_end(&p, "/Root 1 0 R");
    assert_int_equal(bc_pdf_finish(U(&p.b), p.b.len, &OPTS, &out, &res, &d), 0);
    assert_false(res.field);
    assert_null(S_find(U(&out), out.len, "AcroForm"));
    bc_buf_free(&out);
    bc_buf_free(&p.b);
}

static char *S_finish_fails(const bc_buf *b, const bc_pdf_finish_opts *o)
{
    bc_buf out = BC_BUF_INIT;
    bc_buf_puts(&out, "kept");
    bc_pdf_finish_result res;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_pdf_finish(U(b), b->len, o, &out, &res, &d), -1);
    assert_string_equal(bc_buf_cstr(&out), "kept"); /* out unchanged */
    assert_false(res.field);
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.head->file, o->name);
    char *m = bc_diag_format(d.head);
    bc_diags_free(&d);
    bc_buf_free(&out);
    return m;
}

static void test_finish_errors(void **state)
{
    (void)state;
    pdfb p;
    B_doc(&p, "", "");
    B_end(&p, "/Root 1 0 R");
    /* too few pages: the body and two appendices need three */
    bc_pdf_finish_opts o = OPTS;
    o.min_pages = 3;
    char *m = S_finish_fails(&p.b, &o);
    assert_non_null(strstr(m, "bao-cao.yaml"));
    assert_non_null(strstr(m, "has 1 pages"));
    assert_non_null(strstr(m, "at least 3"));
    free(m);
    /* no PDF */
    bc_buf cut = BC_BUF_INIT;
    bc_buf_put(&cut, p.b.data, p.b.len - 6);
    m = S_finish_fails(&cut, &OPTS);
    assert_non_null(strstr(m, "cut short"));
    free(m);
    bc_buf_free(&cut);
    bc_buf_free(&p.b);
    /* no page */
    B_start(&p);
    B_obj(&p, 1, "<</Type/Catalog/Pages 2 0 R>>");
    B_obj(&p, 2, "<</Type/Pages/Kids[]/Count 0>>");
    B_end(&p, "/Root 1 0 R");
    m = S_finish_fails(&p.b, &OPTS);
    assert_non_null(strstr(m, "page tree is damaged"));
    free(m);
    bc_buf_free(&p.b);
    /* damaged metadata */
    B_doc(&p, "/Metadata 4 0 R", "");
    B_obj(&p, 4, "<</Type/Metadata/Length 5>>\nstream\nab\nendstream");
    B_end(&p, "/Root 1 0 R");
    m = S_finish_fails(&p.b, &OPTS);
    assert_non_null(strstr(m, "damaged metadata"));
    free(m);
    bc_buf_free(&p.b);
}

/* A date no report has (the ints out of range) once made the Info date
 * longer than its buffer, which was then read past its end. */
static void test_tidy_odd_date(void **state)
{
    (void)state;
    pdfb p;
    S_tidy_doc(&p, false);
    bc_pdf_file f;
    S_parse_ok(&f, p.b.data, p.b.len);
    bc_pdf_write w;
    bc_pdf_write_init(&w, &f);
    bc_pdf_tidy_date odd = {-2147483647 - 1, -2147483647 - 1, -2147483647 - 1};
    assert_false(bc_pdf_tidy_dates(&w, &odd));
    bc_pdf_write_free(&w);
    bc_pdf_file_free(&f);
    bc_buf_free(&p.b);
}

/* ---- a report through LibreOffice ------------------------------------------------ */

static bool S_have(const char *cmd)
{
    char sh[256];
    snprintf(sh, sizeof sh, "command -v %s >/dev/null 2>&1", cmd);
    return system(sh) == 0;
}

static unsigned char *S_slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        fail_msg("cannot open %s", path);
    bc_buf b = BC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        bc_buf_put(&b, chunk, n);
    fclose(fp);
    return (unsigned char *)bc_buf_detach(&b, len);
}

static void S_run(const char *cmd)
{
    int rc = system(cmd);
    if (rc != 0)
        fail_msg("failed (%d): %s", rc, cmd);
}

/* The rendered report's signature block with the bookmarks a template
 * marks the signature space with (unless it has them already). */
static void S_bookmark(const char *docx)
{
    int err;
    zip_t *z = zip_open(docx, 0, &err);
    assert_non_null(z);
    zip_stat_t st;
    assert_int_equal(zip_stat(z, "word/document.xml", 0, &st), 0);
    zip_file_t *zf = zip_fopen(z, "word/document.xml", 0);
    assert_non_null(zf);
    char *xml = malloc(st.size + 1);
    assert_int_equal(zip_fread(zf, xml, st.size), (zip_int64_t)st.size);
    xml[st.size] = '\0';
    zip_fclose(zf);
    if (strstr(xml, "w:name=\"" BC_PDF_FIELD_DEST_SPACE "\"")) {
        free(xml);
        zip_discard(z);
        return;
    }
    static const char space[] = "<w:p><w:pPr><w:pStyle w:val=\"KhoangKy\"/></w:pPr></w:p>";
    static const char name[] = "<w:p><w:pPr><w:pStyle w:val=\"HoTen\"/></w:pPr>";
    char *a = strstr(xml, space), *b = a ? strstr(a, name) : NULL;
    char *b_end = b ? strstr(b, "</w:p>") : NULL;
    if (!b_end)
        fail_msg("the signature block of %s is not where this test expects it", docx);
    bc_buf x = BC_BUF_INIT;
    bc_buf_put(&x, xml, (size_t)(a - xml));
    bc_buf_puts(&x, "<w:p><w:pPr><w:pStyle w:val=\"KhoangKy\"/><w:jc w:val=\"left\"/></w:pPr>"
                    "<w:bookmarkStart w:id=\"901\" w:name=\"ChuKy\"/><w:bookmarkEnd w:id=\"901\"/></w:p>");
    a += sizeof space - 1;
    bc_buf_put(&x, a, (size_t)(b - a));
    bc_buf_puts(&x, name);
    bc_buf_puts(&x, "<w:bookmarkStart w:id=\"902\" w:name=\"HoTenKy\"/><w:bookmarkEnd w:id=\"902\"/>");
    b += sizeof name - 1;
    bc_buf_put(&x, b, (size_t)(b_end - b));
    bc_buf_puts(&x, "<w:bookmarkStart w:id=\"903\" w:name=\"HoTenKyHet\"/><w:bookmarkEnd w:id=\"903\"/>");
    bc_buf_puts(&x, b_end);
    free(xml);
    size_t len;
    char *data = bc_buf_detach(&x, &len);
    zip_source_t *src = zip_source_buffer(z, data, len, 1);
    assert_non_null(src);
    assert_true(zip_file_add(z, "word/document.xml", src, ZIP_FL_OVERWRITE) >= 0);
    assert_int_equal(zip_close(z), 0);
}

static void test_libreoffice(void **state)
{
    (void)state;
    if (!S_have("soffice")) {
        print_message("soffice is not installed: the LibreOffice check skipped\n");
        skip();
    }
    char dir[] = "/tmp/bc-test-pdf-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char cmd[2048], path[512];
    snprintf(cmd, sizeof cmd,
             "'%s/baocao' render '%s/examples/ket-qua-tthc-2024.yaml' -o '%s/r.docx' >/dev/null 2>&1",
             BC_BUILD_DIR, BC_SOURCE_DIR, dir);
    S_run(cmd);
    snprintf(path, sizeof path, "%s/r.docx", dir);
    S_bookmark(path);
    unsigned char *pdf[2];
    size_t len[2];
    bc_buf out[2] = {BC_BUF_INIT, BC_BUF_INIT};
    bc_pdf_finish_opts o = {"ket-qua-tthc-2024.yaml", 3, {2024, 6, 15}};
    bc_pdf_finish_result res[2];
    for (int i = 0; i < 2; i++) {
        snprintf(cmd, sizeof cmd,
                 "cd '%s' && env -u VALGRIND soffice --headless -env:UserInstallation=file://%s/lo%d "
                 "--convert-to 'pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\","
                 "\"value\":\"2\"},\"ExportBookmarksToPDFDestination\":{\"type\":\"boolean\","
                 "\"value\":\"true\"}}' --outdir '%s/o%d' r.docx >'%s/lo%d.log' 2>&1",
                 dir, dir, i, dir, i, dir, i);
        /* without VALGRIND (make valgrind's), which would have the soffice
         * script start LibreOffice under valgrind --tool=$VALGRIND; its
         * messages shown when it fails */
        int rc = system(cmd);
        if (rc != 0) {
            snprintf(path, sizeof path, "cat '%s/lo%d.log'", dir, i);
            if (system(path) != 0)
                print_message("(no log)\n");
            fail_msg("soffice failed (%d): %s", rc, cmd);
        }
        snprintf(path, sizeof path, "%s/o%d/r.pdf", dir, i);
        pdf[i] = S_slurp(path, &len[i]);
        bc_diags d = BC_DIAGS_INIT;
        if (bc_pdf_finish(pdf[i], len[i], &o, &out[i], &res[i], &d) != 0) {
            char *m = bc_diag_format(d.head);
            fail_msg("LibreOffice's PDF not finished: %s", m);
        }
        assert_null(d.head);
        assert_true(res[i].field);
        assert_true(res[i].pages >= 3);
    }
    /* two exports, one file */
    assert_int_equal(res[0].pages, res[1].pages);
    assert_int_equal(out[0].len, out[1].len);
    assert_memory_equal(out[0].data, out[1].data, out[0].len);
    assert_int_equal(S_check_xref(U(&out[0]), out[0].len), 1);

    /* the clock's dates gone: Info, XMP, the profile's header */
    bc_pdf_file g;
    S_parse_ok(&g, out[0].data, out[0].len);
    assert_string_equal(S_key(&g, g.info, "CreationDate"), "(D:20240615000000+07'00')");
    assert_non_null(S_find(U(&out[0]), out[0].len,
                           "<xmp:CreateDate>2024-06-15T00:00:00+07:00</xmp:CreateDate>"));
    bc_pdf_span v, item, prof;
    assert_true(bc_pdf_file_get(&g, g.root, "OutputIntents", &v));
    assert_true(bc_pdf_syntax_value(g.data, v.end, v.start + 1, &item));
    assert_true(bc_pdf_file_resolve(&g, item, &item));
    assert_true(bc_pdf_syntax_dict_get(g.data, item, "DestOutputProfile", &prof));
    unsigned icc_num;
    assert_true(bc_pdf_syntax_ref(g.data, prof, &icc_num));
    unsigned char *icc = malloc(1 << 20);
    assert_true(S_inflate(&g, icc_num, icc, 1 << 20) >= 128);
    const unsigned char want[12] = {0x07, 0xE8, 0, 6, 0, 15, 0, 0, 0, 0, 0, 0};
    assert_memory_equal(icc + 24, want, 12);
    free(icc);
    bc_pdf_file_free(&g);

    snprintf(path, sizeof path, "%s/finished.pdf", dir);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(out[0].data, 1, out[0].len, fp), out[0].len);
    assert_int_equal(fclose(fp), 0);
    if (S_have("pdfinfo") && S_have("pdftoppm")) {
        snprintf(cmd, sizeof cmd,
                 "pdfinfo -isodates '%s' > '%s/info' && grep -q '^Form: *AcroForm' '%s/info' && "
                 "grep -q '^CreationDate: *2024-06-15T00:00:00+07' '%s/info' && "
                 "grep -q '^Pages: *%zu$' '%s/info' && ! grep -qi 'error' '%s/info'",
                 path, dir, dir, dir, res[0].pages, dir, dir);
        S_run(cmd);
        snprintf(cmd, sizeof cmd,
                 "pdftoppm -r 20 -png '%s' '%s/page' 2>'%s/err' && test -s '%s/page-1.png' && "
                 "! test -s '%s/err'",
                 path, dir, dir, dir, dir);
        S_run(cmd);
    } else {
        print_message("poppler-utils are not installed: pdfinfo and pdftoppm not run\n");
    }
    for (int i = 0; i < 2; i++) {
        free(pdf[i]);
        bc_buf_free(&out[i]);
    }
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    S_run(cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syntax_tokens),
        cmocka_unit_test(test_syntax_skip_comments),
        cmocka_unit_test(test_syntax_dict_get),
        cmocka_unit_test(test_syntax_dict_set),
        cmocka_unit_test(test_syntax_refs),
        cmocka_unit_test(test_syntax_numbers_any_locale),
        cmocka_unit_test(test_syntax_put_real_out_of_range),
        cmocka_unit_test(test_file_parse_minimal),
        cmocka_unit_test(test_file_parse_errors),
        cmocka_unit_test(test_file_xref_stream_refused),
        cmocka_unit_test(test_file_prev),
        cmocka_unit_test(test_file_stream_objects),
        cmocka_unit_test(test_file_object_mismatch),
        cmocka_unit_test(test_file_pages_in_order),
        cmocka_unit_test(test_file_pages_damaged),
        cmocka_unit_test(test_file_pages_dag),
        cmocka_unit_test(test_write_full_round_trip),
        cmocka_unit_test(test_write_full_header),
        cmocka_unit_test(test_write_full_flattens_updates),
        cmocka_unit_test(test_write_set_free_and_far),
        cmocka_unit_test(test_write_update),
        cmocka_unit_test(test_write_update_no_final_eol),
        cmocka_unit_test(test_write_update_id_ref),
        cmocka_unit_test(test_tidy_dates),
        cmocka_unit_test(test_tidy_absent_parts),
        cmocka_unit_test(test_tidy_damaged),
        cmocka_unit_test(test_tidy_odd_date),
        cmocka_unit_test(test_field_locate_dests),
        cmocka_unit_test(test_field_locate_name_tree),
        cmocka_unit_test(test_field_locate_refused),
        cmocka_unit_test(test_field_name_tree_loop),
        cmocka_unit_test(test_field_add),
        cmocka_unit_test(test_field_not_added),
        cmocka_unit_test(test_finish),
        cmocka_unit_test(test_finish_errors),
        cmocka_unit_test(test_libreoffice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
