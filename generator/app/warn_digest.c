/*
 * warn_digest.c - a long batch's warnings, one kept finding and a count per
 * rule (see warn_digest.h).
 */
#include "app/warn_digest.h"
#include "base/grow.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

static bc_warn_rule *S_rule(bc_warn_digest *w, const bc_diag *g)
{
    const char *id = g->id ? g->id : "";
    for (size_t i = 0; i < w->count; i++)
        if (strcmp(w->rules[i].id, id) == 0)
            return &w->rules[i];
    BC_GROW(w->rules, w->cap, w->count + 1);
    bc_warn_rule *r = &w->rules[w->count++];
    memset(r, 0, sizeof *r);
    r->id = bc_xstrdup(id);
    return r;
}

bc_warn_verdict bc_warn_digest_add(bc_warn_digest *w, size_t index,
                                   const bc_diag *g)
{
    if (g->severity != BC_WARNING || index <= BC_WARN_FULL_ENTRIES)
        return BC_WARN_SHOW;
    bc_warn_rule *r = S_rule(w, g);
    r->findings++;
    if (r->last_index != index) {
        r->entries++;
        r->last_index = index;
    }
    if (r->first_line && index >= r->first_index)
        return BC_WARN_COUNTED;
    free(r->first_line);
    r->first_line = NULL;
    r->first_index = index;
    return BC_WARN_KEEP;
}

void bc_warn_digest_keep(bc_warn_digest *w, const bc_diag *g, const char *line)
{
    bc_warn_rule *r = S_rule(w, g);
    free(r->first_line);
    r->first_line = bc_xstrdup(line);
}

static int S_by_id(const void *a, const void *b)
{
    return strcmp(((const bc_warn_rule *)a)->id, ((const bc_warn_rule *)b)->id);
}

void bc_warn_digest_sort(bc_warn_digest *w)
{
    if (w->count > 1)
        qsort(w->rules, w->count, sizeof *w->rules, S_by_id);
}

void bc_warn_digest_free(bc_warn_digest *w)
{
    for (size_t i = 0; i < w->count; i++) {
        free(w->rules[i].id);
        free(w->rules[i].first_line);
    }
    free(w->rules);
    w->rules = NULL;
    w->count = 0;
}
