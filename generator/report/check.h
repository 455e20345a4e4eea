/*
 * check.h - the Decree 30 review of what a clerk writes (`baocao check`,
 * and the first step of `render` and `batch`): the rules of
 * nd30-layout.md section 14 that concern the input, plus consistency
 * checks of the program's own (ids C01-C03). docs/check-rules.md lists
 * every rule with an example.
 *
 * Findings are diagnostics with a rule id ("L24") at the line and column
 * of the YAML node concerned (the map key for something missing; the line
 * inside a block scalar for a body heading). Errors are what makes a
 * document wrong (a "V/v" in a report, an unknown authority prefix, a
 * deputy signing under "TM." without "KT."); everything else is a warning.
 *
 * The review does not repeat the input contract of bc_report_prepare
 * (missing keys, wrong types, impossible dates): a value that fails the
 * contract is skipped here. Library code: nothing is printed; no state is
 * shared, so entries of a batch may be checked from several threads.
 */
#ifndef BC_CHECK_H
#define BC_CHECK_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/node.h"

#include <stdbool.h>

/* Reviews one report's input: a file's root map, or a batch entry merged
 * over `chung` (every node keeps its own file, line and column). Adds
 * BC_ERROR and BC_WARNING diagnostics, in the order of their positions,
 * and returns the number of errors added. */
int bc_check_report(const bc_node *input, bc_diags *d);

/* What `baocao check` does with one report's input: the review
 * (bc_check_report), then the input contract (bc_report_prepare, its
 * errors added; the prepared data goes with the arena). Returns the
 * number of errors added. */
int bc_check_input(bc_arena *a, const bc_node *input, bc_diags *d);
/* bc_check_input, giving the prepared data in *data (in a; NULL when the
 * contract failed). */
int bc_check_input_data(bc_arena *a, const bc_node *input, bc_node **data,
                        bc_diags *d);
struct bc_report_cache;
/* bc_check_input_data with what a batch's reports share (report.h's
 * bc_report_cache: chung's images read once; may be NULL). */
int bc_check_input_cached(bc_arena *a, const bc_node *input,
                          const struct bc_report_cache *cache, bc_node **data,
                          bc_diags *d);

#endif
