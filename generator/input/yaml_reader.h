/*
 * yaml_reader.h - a batch file of any length read as a stream: key by key
 * and item by item, each item into an arena the caller may reset, so
 * memory stays flat however long the list. Nodes are those of
 * yaml_load.h (NFC, positions, a block scalar's indent recorded while
 * reading, so nothing needs the file again); UTF-8 is checked on the way,
 * with the line and column of a bad byte.
 */
#ifndef BC_YAML_READER_H
#define BC_YAML_READER_H

#include "base/diag.h"
#include "input/node.h"

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
/* Passes over the value after a key without reading it into nodes. 0,
 * or -1 on error. */
int bc_yaml_reader_skip(bc_yaml_reader *r);
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

#endif
