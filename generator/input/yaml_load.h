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

/* ---- streaming (batch files of any length) ------------------------------
 * A batch file is read key by key and item by item, each item into an
 * arena the caller may reset, so memory stays flat however long the list.
 * UTF-8 is checked on the way, with the line and column of a bad byte. */
typedef struct bc_yaml_reader bc_yaml_reader;

bc_yaml_reader *bc_yaml_reader_open(const char *path, bc_diags *d);
void bc_yaml_reader_close(bc_yaml_reader *r);
const char *bc_yaml_reader_file(const bc_yaml_reader *r);
/* Fraction of the file read so far (0..1), for progress. */
double bc_yaml_reader_progress(const bc_yaml_reader *r);
/* Enters the top-level map. 0, or -1 with a diagnostic. */
int bc_yaml_reader_begin_map(bc_yaml_reader *r);
/* Next key of the map: 1 with *key (malloc'd, NFC) and its position, 0 at
 * the end of the map, -1 on error. */
int bc_yaml_reader_key(bc_yaml_reader *r, char **key, int *line, int *col);
/* The whole value after a key (NULL on error). */
bc_node *bc_yaml_reader_value(bc_yaml_reader *r, bc_arena *a,
                              const char *key);
/* When the value after a key is a list, enters it and returns 1; otherwise
 * reads the value into *value and returns 0; -1 on error. *line and *col
 * give the value's position either way. */
int bc_yaml_reader_begin_list(bc_yaml_reader *r, bc_arena *a, const char *key,
                              bc_node **value, int *line, int *col);
/* Next item of the entered list: 1 with *item, 0 at the end, 2 when the
 * item was bad (diagnostics added; reading may go on), -1 on a fatal
 * error. Anchors defined inside an item do not outlive it. */
int bc_yaml_reader_item(bc_yaml_reader *r, bc_arena *a, bc_node **item);
/* Indentation of the block scalar whose indicator is on `line` (1-based)
 * of a file; streamed nodes carry indent -1 until asked. */
int bc_yaml_block_indent(const char *path, int line);

#endif
