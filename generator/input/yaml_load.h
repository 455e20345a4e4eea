/*
 * yaml_load.h - reads YAML (libyaml) into the bc_node tree.
 *
 * Errors carry file, line and column: YAML syntax errors, invalid UTF-8
 * (the line and column of the bad byte, which libyaml only gives as an
 * offset), duplicate keys, and XML-illegal control characters in a value
 * (naming the key and the code point as U+0007). Scalars and keys are
 * NFC-normalised. Anchors and aliases are resolved; tags are ignored.
 */
#ifndef BC_YAML_LOAD_H
#define BC_YAML_LOAD_H

#include "base/diag.h"
#include "input/node.h"

/* Loads the first document of a file. Returns NULL after adding
 * diagnostics to d. An empty document gives a BC_NULL node. */
bc_node *bc_yaml_load_file(bc_arena *a, const char *path, bc_diags *d);
/* Same for bytes in memory; `name` is used in messages and node->file. */
bc_node *bc_yaml_load_mem(bc_arena *a, const char *name, const char *data,
                          size_t len, bc_diags *d);

#endif
