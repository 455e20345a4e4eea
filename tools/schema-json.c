/*
 * schema-json.c - writes the JSON Schema of the input contract (made from
 * generator/report/schema.c) to the file named, for `make schema`.
 * usage: schema-json OUT.json
 */
#include "base/buf.h"
#include "report/schema_json.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: schema-json OUT.json\n");
        return 2;
    }
    bc_buf b = BC_BUF_INIT;
    bc_schema_json_write(&b);
    FILE *f = fopen(argv[1], "wb");
    if (!f || fwrite(b.data, 1, b.len, f) != b.len || fclose(f) != 0) {
        perror(argv[1]);
        return 1;
    }
    bc_buf_free(&b);
    return 0;
}
