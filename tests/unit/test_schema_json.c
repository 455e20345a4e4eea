/*
 * test_schema_json.c - docs/baocao.schema.json is what `make schema` makes
 * from the table of keys (report/schema_json.h), so the shipped schema
 * never drifts from the program; and it holds every input key.
 */
#include "test_support.h"
#include "base/buf.h"
#include "report/schema.h"
#include "report/schema_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_shipped_schema_is_made_from_the_table(void **state)
{
    (void)state;
    bc_buf made = BC_BUF_INIT;
    bc_schema_json_write(&made);
    FILE *f = fopen(BC_SOURCE_DIR "/docs/baocao.schema.json", "rb");
    assert_non_null(f);
    bc_buf file = BC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bc_buf_put(&file, chunk, n);
    fclose(f);
    if (file.len != made.len || memcmp(file.data, made.data, made.len) != 0)
        fail_msg("docs/baocao.schema.json is stale: run `make schema`");
    /* every key a clerk writes is a property of the report */
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        if (k->derived && !k->written_wins)
            continue;
        const char *leaf = strrchr(k->path, '.');
        char want[96];
        snprintf(want, sizeof want, "\"%s\": {", leaf ? leaf + 1 : k->path);
        if (!strstr(made.data, want))
            fail_msg("the schema lacks `%s`", k->path);
    }
    bc_buf_free(&made);
    bc_buf_free(&file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_schema_is_made_from_the_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
