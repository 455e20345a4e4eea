/*
 * batch_summary.h - the data of a batch's summary report `tong_hop`
 * (input.md 2.1): its own keys, plus
 *
 *   danh_sach  every entry that was written, in the batch's order, as
 *              prepared (merged over `chung`, derived keys added, text
 *              templates rendered), without its noi_dung and phu_luc,
 *              with `stt` 1, 2, 3...;
 *   tong       the sums of the entries' figures (app/batch_sums.h), and
 *              `so_muc`, the number of entries.
 *
 * Entries are copied by the threads that finish them, then kept, in any
 * order; the caller serialises the calls but bc_batch_summary_copy. Memory grows with the entries' data
 * (about 2 KB an entry), never with their documents.
 */
#ifndef BC_BATCH_SUMMARY_H
#define BC_BATCH_SUMMARY_H

#include "base/diag.h"
#include "input/node.h"

#include <stdbool.h>
#include <stddef.h>

/* The summary's output file, beside the entries' files. */
#define BC_BATCH_SUMMARY_FILE "tong-hop.docx"

typedef struct bc_batch_summary bc_batch_summary;

bc_batch_summary *bc_batch_summary_new(void);
void bc_batch_summary_free(bc_batch_summary *s);

/* A copy of an entry's prepared data for the summary, made on the calling
 * thread without a lock (each thread copies into its own arena, which the
 * summary frees). */
bc_node *bc_batch_summary_copy(bc_batch_summary *s, size_t index, const bc_node *data);
/* A copy that will not be kept (its entry failed after it was made). */
void bc_batch_summary_drop(bc_batch_summary *s, bc_node *copy);
/* Keeps entry `index`'s (1-based) copy. */
void bc_batch_summary_keep(bc_batch_summary *s, size_t index, bc_node *copy);
/* Notes that entry `index` (dia_danh `name`, maybe "") failed: the
 * summary lacks it. */
void bc_batch_summary_lack(bc_batch_summary *s, size_t index, const char *name);
/* The number of entries kept, and of entries lacking. */
size_t bc_batch_summary_kept(const bc_batch_summary *s);
size_t bc_batch_summary_lacking(const bc_batch_summary *s);

/* Reads the batch file at `path` again and keeps every entry not
 * lacking that prepares without error (the others are lacking): for a
 * summary found only at the end of a file that did not announce it (a
 * flow-style batch). 0, or -1 when the file cannot be read (diagnostics in d). */
int bc_batch_summary_collect(bc_batch_summary *s, const char *path, bc_diags *d);

/* The summary report's input: the keys of `tong_hop` with danh_sach and
 * tong added, in the summary's arena. NULL after an error in d (tong_hop
 * writing danh_sach or tong itself). A sum too long to be exact (more
 * than 18 digits) is left out with a warning. */
bc_node *bc_batch_summary_input(bc_batch_summary *s, const bc_node *tong_hop,
                                bc_diags *d);

/* Adds the error that names the entries the summary lacks (the first
 * ten, then how many more), located at `tong_hop`. Nothing when none. */
void bc_batch_summary_tell_lacking(bc_batch_summary *s,
                                   const bc_node *tong_hop, bc_diags *d);

/* Moves the diagnostics of the summary report into d, each message
 * starting "the summary (tong_hop): ". Returns the errors moved. */
size_t bc_batch_summary_move_diags(bc_diags *found, bc_diags *d);

#endif
