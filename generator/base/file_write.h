/*
 * file_write.h - output files written so that a failure never leaves a
 * partial file, and a crash leaves nothing a later run does not remove.
 *
 * The bytes go to a temporary file in the target's folder, named
 * ".NAME.bcPID-NONCE.tmp" (NAME cut to 200 bytes, PID the writing
 * process in hex), are flushed to the disk, and the file is renamed into
 * place. A temporary file or folder of that form whose process is gone
 * (killed, crashed, the machine stopped) is removed by the next run that
 * writes into the folder (bc_file_write_clean). Files are created with
 * mode 0644 less the process's umask, as open(2) would make them.
 */
#ifndef BC_FILE_WRITE_H
#define BC_FILE_WRITE_H

#include "base/buf.h"
#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* The longest part of a name kept in a temporary name. */
#define BC_FILE_TEMP_NAME_MAX 200

/* This process's part of temporary names, "bcPID-NONCE" (NONCE differs
 * between calls); at most 31 bytes. */
void bc_file_write_token(char token[32]);
/* The temporary name of `name` in `dir` ("" or NULL: the current folder)
 * for `token`: "DIR/.NAME.TOKEN.tmp", into out. */
void bc_file_write_temp_path(bc_buf *out, const char *dir, const char *name,
                             const char *token);

/* Writes data to a file that must not exist yet (O_EXCL), without
 * flushing it (a batch flushes its folder once); on failure the file is
 * removed and the error names `shown` (the file the clerk asked for).
 * Returns 0 or -1 with a diagnostic. */
int bc_file_write_new(const char *path, const char *shown, const void *data,
                      size_t len, bc_diags *d);

/* Writes data to path through a temporary file in its folder, flushed to
 * the disk and renamed into place; "-" writes to standard output. Stale
 * temporary files of dead processes in the folder are removed first.
 * Returns 0 or -1 with a diagnostic naming path. */
int bc_file_write_atomic(const char *path, const void *data, size_t len,
                         bc_diags *d);

/* bc_file_write_atomic for a file that must not exist: 1, with nothing
 * written and no diagnostic, when path exists (also when it appears
 * while the data is written: the file is linked into place, which
 * refuses an existing name). "-" is standard output. */
int bc_file_write_atomic_new(const char *path, const void *data, size_t len,
                             bc_diags *d);

/* Whether written files are flushed to the disk before they are renamed
 * into place (on by default). Off only to measure what flushing costs
 * (`make bench`, BAOCAO_NO_FLUSH in main.c); a batch asks before its
 * syncfs. */
void bc_file_write_set_flush(bool on);
bool bc_file_write_flushes(void);

/* Removes from `dir` the temporary files and folders
 * (".NAME.bcPID-NONCE.tmp") whose process no longer runs. Errors are
 * ignored: what cannot be removed stays for a later run. */
void bc_file_write_clean(const char *dir);

#endif
