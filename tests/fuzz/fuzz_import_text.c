/*
 * fuzz_import_text.c - fuzz target: `baocao nhap` on a text file: the
 * text reader, the recogniser (both ways: as it is and --ky-sau) and the
 * YAML writer; the YAML written must load back through baocao's own
 * loader without an error (a finding aborts).
 */
#include "fuzz_common.h"

#include "base/buf.h"
#include "import/import_doc.h"
#include "import/import_recognise.h"
#include "import/import_report.h"
#include "import/import_text.h"
#include "import/import_yaml.h"
#include "input/yaml_load.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_import_doc doc;
    bc_import_doc_init(&doc, "f.txt", 1);
    if (bc_import_text_read_mem("f.txt", (const char *)data, size, &doc, &d) == 0) {
        for (int ky_sau = 0; ky_sau < 2; ky_sau++) {
            bc_import_report r;
            bc_import_report_init(&r);
            if (bc_import_recognise(&doc, ky_sau, &r, &d) == 0) {
                bc_buf y = BC_BUF_INIT;
                bc_import_yaml_write(&r, "f.txt", &y);
                bc_arena a = BC_ARENA_INIT;
                bc_diags ld = BC_DIAGS_INIT;
                bc_node *root = bc_yaml_load_mem(&a, "f.yaml", y.data, y.len, &ld);
                if (!root || ld.errors)
                    abort(); /* the writer wrote YAML its own loader refuses */
                bc_diags_free(&ld);
                bc_arena_free(&a);
                bc_buf_free(&y);
            }
            bc_import_report_free(&r);
        }
    }
    bc_import_doc_free(&doc);
    bc_fuzz_diags_done(&d);
    (void)bc_fuzz_as_file;
    return 0;
}
