/*
 * fuzz_wml.c - fuzz target: WordprocessingML without the zip around it.
 * The input is the text of word/document.xml (and, after a NUL byte, of
 * word/header1.xml), put into the built-in template's package; the
 * template is compiled (tags found across runs, loops, checks) and the
 * fuzz report rendered into it, strict and lenient. Most template
 * defects live here, where a mutated zip seldom reaches.
 */
#include "fuzz_common.h"

#include "app/render.h"
#include "package/package.h"
#include "report/template.h"
#include "wml/wml_template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bc_package base = BC_PACKAGE_INIT;
    static int ready;
    if (!ready) {
        bc_diags d = BC_DIAGS_INIT;
        bc_buf zip = BC_BUF_INIT;
        if (bc_template_export(NULL, &zip, &d) != 0 ||
            bc_package_read_mem(&base, "bao-cao.docx", zip.data, zip.len, &d) != 0)
            abort();
        bc_buf_free(&zip);
        bc_diags_free(&d);
        ready = 1;
    }
    const bc_report *r = bc_fuzz_report();
    const char *doc = (const char *)data;
    const char *nul = memchr(doc, 0, size);
    size_t doc_len = nul ? (size_t)(nul - doc) : size;

    bc_package p = BC_PACKAGE_INIT;
    bc_package_copy(&p, &base);
    bc_package_set(&p, "word/document.xml", doc, doc_len);
    if (nul)
        bc_package_set(&p, "word/header1.xml", nul + 1, size - doc_len - 1);
    bc_diags d = BC_DIAGS_INIT;
    bc_wml_template *t = bc_template_compile(&p, "fuzz.docx", &d, NULL);
    if (t) {
        for (int lenient = 0; lenient < 2; lenient++) {
            bc_render_opts opts = {.lenient = lenient};
            bc_package parts = BC_PACKAGE_INIT;
            bc_render_parts(t, r, &opts, &parts, &d);
            bc_package_free(&parts);
        }
        bc_wml_template_free(t);
    }
    bc_package_free(&p);
    bc_fuzz_diags_done(&d);
    return 0;
}
