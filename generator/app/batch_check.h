/*
 * batch_check.h - what `baocao check BATCH.yaml` does: every entry of a
 * batch file merged over `chung`, reviewed and held to the input
 * contract, each finding's message starting "entry N (dia_danh): ", a
 * finding in `chung` (which every entry shares) given once. The batch is
 * read as a stream, as `batch` reads it.
 */
#ifndef BC_BATCH_CHECK_H
#define BC_BATCH_CHECK_H

#include "base/diag.h"

/* Reviews every entry of the batch file at `path`; findings, and the
 * batch file's own errors, go to d. Returns the number of errors added. */
int bc_batch_check_file(const char *path, bc_diags *d);

#endif
