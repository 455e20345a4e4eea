/*
 * fuzz_csv.c - fuzz target: the CSV reader (a header, then rows read as
 * maps of dotted paths), every row to the end or the first fatal error.
 */
#include "fuzz_common.h"

#include "input/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = bc_fuzz_as_file(data, size);
    bc_diags d = BC_DIAGS_INIT;
    bc_csv *c = bc_csv_open(path, NULL, &d);
    if (c) {
        bc_arena a = BC_ARENA_INIT;
        bc_node *row;
        int rc;
        while ((rc = bc_csv_row(c, &a, &row)) == 1 || rc == 2)
            bc_arena_reset(&a);
        bc_arena_free(&a);
        bc_csv_close(c);
    }
    bc_fuzz_diags_done(&d);
    return 0;
}
