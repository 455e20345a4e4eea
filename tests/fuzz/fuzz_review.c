/*
 * fuzz_review.c - fuzz target: the Decree 30 review (`baocao check`) of a
 * report YAML: the loader, then bc_check_input (the review rules and the
 * input contract).
 */
#include "fuzz_common.h"

#include "report/check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_yaml_load_mem(&a, "fuzz.yaml", (const char *)data, size, &d);
    if (in)
        bc_check_input(&a, in, &d);
    bc_fuzz_diags_done(&d);
    bc_arena_free(&a);
    return 0;
}
