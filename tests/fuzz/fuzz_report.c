/*
 * fuzz_report.c - fuzz target: a clerk's report YAML through the loader,
 * the input contract and the derived values (bc_report_prepare, strict
 * and lenient), and, when it is a report, its rendering into the built-in
 * template's parts.
 */
#include "fuzz_common.h"

#include "app/render.h"
#include "package/package.h"
#include "report/template.h"
#include "wml/wml_template.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bc_wml_template *tpl;
    if (!tpl) {
        bc_diags d = BC_DIAGS_INIT;
        tpl = bc_template_load(NULL, &d);
        if (!tpl)
            abort();
        bc_diags_free(&d);
    }
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_yaml_load_mem(&a, "fuzz.yaml", (const char *)data, size, &d);
    if (in) {
        bc_report r;
        for (int lenient = 0; lenient < 2; lenient++) {
            if (bc_report_prepare(&a, in, lenient, &r, &d) != 0)
                continue;
            bc_render_opts opts = {.lenient = lenient};
            bc_package parts = BC_PACKAGE_INIT;
            bc_render_parts(tpl, &r, &opts, &parts, &d);
            bc_package_free(&parts);
        }
    }
    bc_fuzz_diags_done(&d);
    bc_arena_free(&a);
    return 0;
}
