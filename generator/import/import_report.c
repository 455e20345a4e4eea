/*
 * import_report.c - the recognised report's storage: made empty, its
 * lists grown, freed with its arena.
 */
#include "import/import_report.h"

#include "base/grow.h"

#include <stdlib.h>
#include <string.h>

void bc_import_report_init(bc_import_report *r)
{
    memset(r, 0, sizeof *r);
    r->arena = (bc_arena)BC_ARENA_INIT;
}

void bc_import_report_push(bc_import_report *r, bc_import_list *l, const char *s, size_t n)
{
    BC_GROW(l->items, l->cap, l->n + 1);
    l->items[l->n++] = bc_arena_strndup(&r->arena, s, n);
}

bc_import_appendix *bc_import_report_add_appendix(bc_import_report *r)
{
    BC_GROW(r->phu_luc, r->cap_phu_luc, r->n_phu_luc + 1);
    bc_import_appendix *p = &r->phu_luc[r->n_phu_luc++];
    memset(p, 0, sizeof *p);
    return p;
}

void bc_import_report_free(bc_import_report *r)
{
    free(r->kinh_gui_items.items);
    free(r->noi_nhan.items);
    free(r->chuc_danh.items);
    free(r->period_caps.items);
    free(r->period_other.items);
    free(r->figures.items);
    free(r->phu_luc);
    bc_arena_free(&r->arena);
    memset(r, 0, sizeof *r);
}
