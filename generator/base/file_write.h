/*
 * file_write.h - output files written so that a failure never leaves a
 * partial file: the bytes go to a temporary file in the target's folder,
 * renamed into place. Files are created with mode 0644 less the process's
 * umask, as open(2) would make them.
 */
#ifndef BC_FILE_WRITE_H
#define BC_FILE_WRITE_H

#include "base/diag.h"

#include <stddef.h>

/* Writes data to a new temporary file in dir named after `name`
 * (".NAME.tmp-XXXXXX"); *tmp gets its path (malloc'd). The caller renames
 * it into place or removes it. Returns 0 or -1 with a diagnostic. */
int bc_file_write_temp(const char *dir, const char *name, const void *data,
                  size_t len, char **tmp, bc_diags *d);

/* Writes data to a file that must not exist yet (O_EXCL); on failure the
 * file is removed. Returns 0 or -1 with a diagnostic. */
int bc_file_write_new(const char *path, const void *data, size_t len,
                      bc_diags *d);

/* Writes data to path through a temporary file renamed into place; "-"
 * writes to standard output. Returns 0 or -1 with a diagnostic. */
int bc_file_write_atomic(const char *path, const void *data, size_t len,
                         bc_diags *d);

#endif
