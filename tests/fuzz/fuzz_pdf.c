/*
 * fuzz_pdf.c - fuzz target: the pdf layer (generator/pdf/) on bytes taken
 * for a PDF LibreOffice wrote. Every token of the input through the token
 * level (values, references, numbers written back as reals); then the
 * file's structure, its pages, the signature field's destinations, the
 * clock's dates replaced and the field added, the file written whole and
 * as an incremental update, and each output read again. What must hold,
 * beyond no crash, hang or leak: an update of a file that was read is read
 * again, with one more revision; so is the file written whole when its
 * catalog was written; unchanged, either has the input's pages.
 */
#include "fuzz_common.h"

#include "pdf/pdf_field.h"
#include "pdf/pdf_file.h"
#include "pdf/pdf_finish.h"
#include "pdf/pdf_tidy.h"
#include "pdf/pdf_write.h"

static const bc_pdf_tidy_date S_DATE = {2024, 7, 15};

/* Every value of the input read as a token, a reference and a number. */
static void S_tokens(const unsigned char *s, size_t len)
{
    bc_buf b = BC_BUF_INIT;
    size_t p = 0;
    for (int n = 0; n < 4096; n++) {
        p = bc_pdf_syntax_skip(s, len, p);
        if (p >= len)
            break;
        bc_pdf_span v;
        if (!bc_pdf_syntax_value(s, len, p, &v)) {
            p++;
            continue;
        }
        unsigned num;
        double x;
        bc_pdf_syntax_ref(s, v, &num);
        if (bc_pdf_syntax_number(s, v, &x))
            bc_pdf_syntax_put_real(&b, x);
        bc_pdf_span got;
        if (s[v.start] == '<')
            bc_pdf_syntax_dict_get(s, v, "Type", &got);
        p = v.end > p ? v.end : p + 1;
    }
    bc_buf_free(&b);
}

/* The output read again: it must be a PDF when must is set. */
static void S_reread(const bc_buf *out, bool must, size_t revisions, size_t pages)
{
    bc_pdf_file g;
    bc_diags d = BC_DIAGS_INIT;
    int rc = bc_pdf_file_parse(&g, (const unsigned char *)out->data, out->len, "out.pdf", &d);
    if (rc != 0 && must)
        abort();
    if (rc == 0) {
        if (revisions && g.revisions != revisions)
            abort();
        unsigned *p;
        size_t n = bc_pdf_file_pages(&g, &p, "out.pdf", &d);
        free(p);
        if (pages && n != pages)
            abort();
        bc_pdf_field_rect r;
        bc_pdf_field_locate(&g, &r);
        bc_pdf_file_free(&g);
    }
    bc_fuzz_diags_done(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    S_tokens(data, size);
    bc_pdf_file f;
    bc_diags d = BC_DIAGS_INIT;
    if (bc_pdf_file_parse(&f, data, size, "in.pdf", &d) == 0) {
        unsigned *pages;
        size_t n = bc_pdf_file_pages(&f, &pages, "in.pdf", &d);
        free(pages);
        bool more = f.revisions + 1 < 4096; /* room for one more revision */
        bc_buf out = BC_BUF_INIT;
        bc_pdf_write w;

        /* unchanged: the same pages, whole or updated */
        bc_pdf_write_init(&w, &f);
        bc_pdf_write_full(&w, &out);
        S_reread(&out, bc_pdf_write_offset(&w, f.root) != 0, 1, n);
        bc_buf_free(&out);
        bc_pdf_write_update(&w, &out);
        S_reread(&out, more, f.revisions + 1, n);
        bc_buf_free(&out);
        bc_pdf_write_free(&w);

        /* tidied, the field added: still PDFs */
        bc_pdf_field_rect r;
        bool field = bc_pdf_field_locate(&f, &r);
        bc_pdf_write_init(&w, &f);
        bc_pdf_tidy_dates(&w, &S_DATE);
        if (field)
            bc_pdf_field_add(&w, &r);
        bc_pdf_write_update(&w, &out);
        S_reread(&out, more, f.revisions + 1, 0);
        bc_buf_free(&out);
        bc_pdf_write_full(&w, &out);
        S_reread(&out, bc_pdf_write_offset(&w, f.root) != 0, 1, 0);
        bc_buf_free(&out);
        bc_pdf_write_free(&w);
        bc_pdf_file_free(&f);
    }
    bc_fuzz_diags_done(&d);

    /* the whole of pdf_finish too */
    bc_buf out = BC_BUF_INIT;
    bc_pdf_finish_opts o = {"in.yaml", 1 + (size ? data[0] % 3 : 0), S_DATE};
    bc_pdf_finish_result res;
    bc_diags d2 = BC_DIAGS_INIT;
    bc_pdf_finish(data, size, &o, &out, &res, &d2);
    bc_buf_free(&out);
    bc_fuzz_diags_done(&d2);
    return 0;
}
