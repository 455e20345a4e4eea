/*
 * fuzz_docx.c - fuzz target: a clerk's .docx template as bytes: the zip
 * reader and its refusals, the package checks, the template compiler, and
 * the rendering of the fuzz report into it (strict, then lenient).
 */
#include "fuzz_common.h"

#include "app/render.h"
#include "package/package.h"
#include "report/template.h"
#include "wml/wml_template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const bc_report *r = bc_fuzz_report();
    bc_diags d = BC_DIAGS_INIT;
    bc_package p = BC_PACKAGE_INIT;
    if (bc_package_read_mem(&p, "fuzz.docx", data, size, &d) == 0) {
        bc_wml_template *t = bc_template_compile(&p, "fuzz.docx", &d, NULL);
        if (t) {
            for (int lenient = 0; lenient < 2; lenient++) {
                bc_render_opts opts = {.lenient = lenient};
                bc_buf out = BC_BUF_INIT;
                bc_render_docx(t, r, &opts, &out, &d);
                bc_buf_free(&out);
            }
            bc_wml_template_free(t);
        }
    }
    bc_package_free(&p);
    bc_fuzz_diags_done(&d);
    return 0;
}
