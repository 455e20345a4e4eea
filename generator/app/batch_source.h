/*
 * batch_source.h - the entries of a batch file (input.md section 2), one
 * at a time, for every reader of batches (`batch` and `check`): the
 * grammar read once, its errors worded once.
 *
 * A batch file is a map holding `chung` (optional, first: the keys every
 * report shares), `danh_sach`: a list of entries, or the name of a CSV
 * file or a workbook (input/csv.h, package/workbook.h) beside the batch
 * file, one entry a row, and `tong_hop` (optional, last: the summary
 * report's own keys). The file is read as a
 * stream (yaml_reader.h), each entry into an arena the caller may reset,
 * so memory stays flat however long the list. Each entry comes merged
 * over `chung` (bc_node_merge: every node keeps its own file, line and
 * column).
 */
#ifndef BC_BATCH_SOURCE_H
#define BC_BATCH_SOURCE_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/node.h"

#include <stdbool.h>

typedef struct bc_batch_source bc_batch_source;

/* What bc_batch_source_next found. */
typedef enum bc_batch_source_result {
    BC_BATCH_SOURCE_ENTRY,   /* an entry: a map merged over `chung` */
    BC_BATCH_SOURCE_BAD,     /* an entry that cannot be used (not a map, a
                                bad row, bad YAML inside it): its errors
                                are the entry's; reading goes on */
    BC_BATCH_SOURCE_END,     /* no more entries */
    BC_BATCH_SOURCE_FAILED   /* the batch file cannot be read on (its
                                grammar broken, a syntax error, the CSV
                                missing): errors added to the source's
                                diagnostics */
} bc_batch_source_result;

/* Opens a batch file; its file-level errors go to d (which must outlive
 * the source). NULL after a diagnostic when it cannot be opened. */
bc_batch_source *bc_batch_source_open(const char *path, bc_diags *d);
/* The next entry, in arena a: *entry is the merged map (ENTRY), or what
 * could be read of a bad one, maybe NULL (BAD); the entry's own errors go
 * to entry_diags. */
bc_batch_source_result bc_batch_source_next(bc_batch_source *s, bc_arena *a,
                                            bc_node **entry,
                                            bc_diags *entry_diags);
/* `chung` once the first entry (or the end) was asked for: a map, or NULL
 * when the file has none. It lives as long as the source. */
const bc_node *bc_batch_source_chung(const bc_batch_source *s);
/* The first line (1-based) of `danh_sach` in the batch file, 0 before it
 * is reached: a finding located above it is in `chung`. */
int bc_batch_source_list_line(const bc_batch_source *s);
/* `tong_hop` (a map), once the end was reached; NULL when the file has
 * none. It lives as long as the source. */
const bc_node *bc_batch_source_summary(const bc_batch_source *s);
/* The batch file's name as the nodes of its entries carry it. */
const char *bc_batch_source_file(const bc_batch_source *s);
/* The fraction of the input read so far (0..1), for progress. */
double bc_batch_source_progress(const bc_batch_source *s);
/* Closes the source; the nodes of its entries point at its file names, so
 * it must outlive them. NULL is fine. */
void bc_batch_source_close(bc_batch_source *s);

/* An entry's name in messages: its dia_danh, or "" (not a map, no text).
 * It lives as long as the entry. */
const char *bc_batch_source_entry_name(const bc_node *entry);

/* A file named in a batch file (the CSV of `danh_sach`), relative to the
 * batch file's folder unless absolute. malloc'd. */
char *bc_batch_source_path(const char *batch_path, const char *name);

/* True when the batch file may hold `tong_hop`: a line of it starts with
 * the key (block style, as clerks write). A quick scan of the bytes,
 * before the entries are read, so that they are kept for the summary only
 * when there is one; a summary found otherwise (a flow-style file) is
 * made by reading the entries again (bc_batch_summary_collect). */
bool bc_batch_source_announces_summary(const char *path);

/* True when the file is a batch: its top-level map has `chung` or
 * `danh_sach` (only the keys are read). False for a report, or when the
 * file cannot be read as YAML (loading it as a report says why). */
bool bc_batch_source_sniff(const char *path);

#endif
