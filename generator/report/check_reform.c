/*
 * check_reform.c - L31, the two-level local government of 1 July 2025
 * (nd30-layout.md 13.2): a document dated on or after that day (or, with
 * no date, whose reporting period starts then or later) names no
 * district-level body (huyện, quận, thị xã) in `co_quan`,
 * `co_quan_chu_quan`, `kinh_gui` or a recipient, and no "thị trấn" as
 * issuer or place.
 */
#include "report/check_int.h"

#include "base/i18n.h"

#include <string.h>

#define REFORM_DAY 20250701

static const char *const S_district[] = {"huyện", "quận", "thị xã", NULL};

/* Warns when v names a district-level body; true when it did. */
static bool S_district_body(bc_check_ctx *c, const bc_node *v, const char *key)
{
    for (const char *const *w = S_district; *w; w++) {
        long at = bc_check_words_find(v->str, v->len, *w);
        if (at < 0)
            continue;
        int line, col;
        bc_check_locate(c, v, (size_t)at, &line, &col);
        bc_check_pos(c, BC_WARNING, "L31", v, line, col,
                   _("%s `%s` names a district-level body (`%.*s`); the district "
                     "level was abolished on 1 July 2025, before this report's "
                     "date"),
                   key, v->str, (int)strlen(*w), v->str + at);
        return true;
    }
    return false;
}

static void S_township(bc_check_ctx *c, const bc_node *v, const char *key)
{
    long at = bc_check_words_find(v->str, v->len, "thị trấn");
    if (at < 0)
        return;
    int line, col;
    bc_check_locate(c, v, (size_t)at, &line, &col);
    bc_check_pos(c, BC_WARNING, "L31", v, line, col,
               _("%s `%s` names a \"thị trấn\"; since 1 July 2025 the "
                 "commune-level units are xã, phường and đặc khu"),
               key, v->str);
}

void bc_check_reform(bc_check_ctx *c)
{
    int when = c->y ? c->y * 10000 + c->m * 100 + c->day
                    : c->py ? c->py * 10000 + c->pm * 100 + 1 : 0;
    if (when < REFORM_DAY)
        return;
    const bc_node *v = bc_check_value(c->in, "co_quan_chu_quan");
    if (v)
        S_district_body(c, v, "co_quan_chu_quan");
    v = bc_check_value(c->in, "co_quan");
    if (v && !S_district_body(c, v, "co_quan"))
        S_township(c, v, "co_quan");
    v = bc_check_value(c->in, "dia_danh");
    if (v)
        S_township(c, v, "dia_danh");
    static const char *const lists[] = {"kinh_gui", "noi_nhan", NULL};
    for (int k = 0; lists[k]; k++) {
        const bc_node *list = bc_node_get(c->in, lists[k]);
        size_t n = bc_check_count(list);
        for (size_t i = 0; i < n; i++) {
            const bc_node *it = bc_check_item(list, i);
            if (bc_node_has_text(it))
                S_district_body(c, it, lists[k]);
        }
    }
}
