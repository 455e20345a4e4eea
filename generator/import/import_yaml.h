/*
 * import_yaml.h - a recognised report (import_report.h) written as
 * baocao's YAML: the keys in the order of input.md's example, the body
 * and the appendices' bodies as literal block scalars, every other
 * string plain when YAML reads it back as the same string and double
 * quoted otherwise, and a comment "# check: ..." (in the message
 * language) on each key that was guessed or not found. The output is a
 * function of the report alone.
 */
#ifndef BC_IMPORT_YAML_H
#define BC_IMPORT_YAML_H

#include "base/buf.h"
#include "import/import_report.h"

#include <stdbool.h>

/* Appends the report's YAML; source (the file read) is named in the first
 * comment line. */
void bc_import_yaml_write(const bc_import_report *r, const char *source, bc_buf *out);

/* True when s may be written as a plain scalar: read back by any YAML
 * 1.2 (or 1.1) reader as the same string, never as a number, a boolean,
 * null, a comment, a flow collection or an alias. */
bool bc_import_yaml_plain_ok(const char *s);
/* Appends s as a scalar: plain when bc_import_yaml_plain_ok, else double
 * quoted with the escapes it needs. What neither YAML nor baocao's loader
 * holds in a value (control characters, C1 controls, U+2028/U+2029, a byte
 * order mark, U+FFFE/U+FFFF) is written as a space, here and in the body. */
void bc_import_yaml_scalar(bc_buf *out, const char *s);

#endif
