/*
 * batch_sums.h - the sums of a summary report's `tong` (input.md 2.1):
 * for every path of the entries' data outside a report's reserved keys
 * (schema.h) and stt, the sum of its values when every entry having it
 * holds a number written the Vietnamese way ("58", "5.120", "98,6";
 * empty or "-" counts as nothing), to the most decimals added, exactly.
 *
 * Each thread of a batch adds the entries it finishes to its own sums;
 * the summary merges them. The paths come out in the order of their first
 * appearance in the batch (the entry's index, then the place in it), so
 * the result does not depend on which thread took which entry.
 */
#ifndef BC_BATCH_SUMS_H
#define BC_BATCH_SUMS_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/node.h"

#include <stddef.h>

typedef struct bc_batch_sums bc_batch_sums;

bc_batch_sums *bc_batch_sums_new(void);
void bc_batch_sums_free(bc_batch_sums *t);

/* Adds the values of entry `index` (a map) to the sums. */
void bc_batch_sums_add(bc_batch_sums *t, size_t index, const bc_node *entry);
/* Adds every sum of `from` to `to`. */
void bc_batch_sums_merge(bc_batch_sums *to, const bc_batch_sums *from);
/* The map `tong` in arena a: each path summed, then so_muc = count. A sum
 * of more than 18 digits is left out with a warning located at `at`. */
bc_node *bc_batch_sums_node(bc_batch_sums *t, bc_arena *a, size_t count,
                            const bc_node *at, bc_diags *d);

#endif
