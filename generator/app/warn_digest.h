/*
 * warn_digest.h - the review's warnings of a long batch, digested.
 *
 * A district's batch repeats the same report shape hundreds of times, so a
 * warning about the shape (a part heading not in capitals, say) comes once
 * per entry: thousands of identical lines that would bury the errors. The
 * digest lets the warnings of the first few entries through in full; past
 * them it keeps, for each rule, the first finding (the lowest entry index,
 * whatever order the workers finish in) and counts the rest, so the tail
 * the caller prints is the same on every run.
 */
#ifndef BC_WARN_DIGEST_H
#define BC_WARN_DIGEST_H

#include "base/diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Entries whose warnings are always shown in full (1-based indexes). */
#define BC_WARN_FULL_ENTRIES 3

typedef struct bc_warn_rule {
    char *id;             /* the rule id ("L22"); "" for none */
    size_t first_index;   /* entry of the kept finding */
    char *first_line;     /* the kept finding, formatted by the caller */
    size_t findings;      /* digested findings, the kept one included */
    size_t entries;       /* entries with at least one of them */
    size_t last_index;    /* the latest entry counted in `entries` */
} bc_warn_rule;

typedef struct bc_warn_digest {
    bc_warn_rule *rules;
    size_t count, cap;
} bc_warn_digest;

#define BC_WARN_DIGEST_INIT {NULL, 0, 0}

typedef enum bc_warn_verdict {
    BC_WARN_SHOW,     /* print it now */
    BC_WARN_KEEP,     /* digested, and its rule's first finding so far: pass
                         its formatted text to bc_warn_digest_keep */
    BC_WARN_COUNTED   /* digested */
} bc_warn_verdict;

/* What to do with a diagnostic of entry `index`. Errors and the warnings
 * of the first BC_WARN_FULL_ENTRIES entries are shown; any other warning is
 * counted under its rule. */
bc_warn_verdict bc_warn_digest_add(bc_warn_digest *w, size_t index,
                                   const bc_diag *g);
/* Keeps `line` as the first finding of g's rule (after BC_WARN_KEEP). */
void bc_warn_digest_keep(bc_warn_digest *w, const bc_diag *g, const char *line);
/* The rules with digested findings, sorted by id. */
void bc_warn_digest_sort(bc_warn_digest *w);
void bc_warn_digest_free(bc_warn_digest *w);

#endif
