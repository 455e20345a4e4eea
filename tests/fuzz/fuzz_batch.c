/*
 * fuzz_batch.c - fuzz target: a batch file (a YAML stream of `chung` and
 * `danh_sach`, or a CSV sniffed as one) read entry by entry, each entry
 * merged over `chung` and prepared leniently, as `baocao batch` does.
 */
#include "fuzz_common.h"

#include "app/batch_source.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = bc_fuzz_as_file(data, size);
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_source *s = bc_batch_source_open(path, &d);
    if (s) {
        bc_arena a = BC_ARENA_INIT;
        for (int n = 0; n < 10000; n++) {
            bc_node *entry = NULL;
            bc_diags ed = BC_DIAGS_INIT;
            bc_batch_source_result res = bc_batch_source_next(s, &a, &entry, &ed);
            if (res == BC_BATCH_SOURCE_ENTRY && entry) {
                bc_report r;
                bc_report_prepare(&a, entry, true, &r, &ed);
            }
            bc_fuzz_diags_done(&ed);
            bc_arena_reset(&a);
            if (res == BC_BATCH_SOURCE_END || res == BC_BATCH_SOURCE_FAILED)
                break;
        }
        bc_arena_free(&a);
        bc_batch_source_close(s);
    }
    bc_fuzz_diags_done(&d);
    return 0;
}
