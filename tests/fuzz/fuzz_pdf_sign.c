/*
 * fuzz_pdf_sign.c - fuzz target: a hostile PDF through what `baocao ky`
 * reads before any key is used: the verifier (cross-reference tables
 * followed through /Prev or, when the end is broken, up to an earlier
 * %%EOF; the form's signature fields through /Kids; /ByteRange,
 * /Contents, /M; the CMS decoding and checks of NSS on no database) and
 * the signing update (the field's new version, /SigFlags in the form, the
 * placeholders).
 */
#include "fuzz_common.h"

#include "pdf/nss_session.h"
#include "pdf/pdf_file.h"
#include "pdf/pdf_sign.h"
#include "pdf/pdf_verify.h"

static bc_nss_session S_nss;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    bc_diags d = BC_DIAGS_INIT;
    if (bc_nss_session_open(&S_nss, NULL, NULL, &d) != 0)
        abort();
    bc_diags_free(&d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_pdf_verify_result r;
    if (bc_pdf_verify(data, size, "fuzz.pdf", false, &r, &d) == 0) {
        (void)bc_pdf_verify_ok(&r);
        bc_pdf_verify_result_free(&r);
    }
    bc_pdf_file f;
    if (bc_pdf_file_parse(&f, data, size, "fuzz.pdf", &d) == 0) {
        bc_pdf_sign_opts o = {"fuzz.pdf", NULL, 1700000000};
        bc_pdf_sign_layout l;
        bc_buf out = BC_BUF_INIT;
        char *field = NULL;
        if (bc_pdf_sign_prepare(&f, &o, "Nguyễn Văn An", 64, &out, &l, &field, &d) == 0) {
            static const unsigned char der[] = {0x30, 0x00};
            bc_pdf_sign_fill(&out, &l, der, sizeof der);
        }
        free(field);
        bc_buf_free(&out);
        bc_pdf_file_free(&f);
    }
    bc_fuzz_diags_done(&d);
    return 0;
}
