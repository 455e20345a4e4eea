/*
 * schema_json.h - the input contract (a report, or a batch of `chung` and
 * `danh_sach`) as a JSON Schema, made from the table of keys (schema.h):
 * docs/baocao.schema.json, for editors with a YAML language server.
 */
#ifndef BC_SCHEMA_JSON_H
#define BC_SCHEMA_JSON_H

#include "base/buf.h"

/* Appends the JSON Schema (draft-07) to out. */
void bc_schema_json_write(bc_buf *out);

#endif
