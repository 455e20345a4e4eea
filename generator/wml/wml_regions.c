/*
 * wml_regions.c - the elements of a part the tree passes must see (see
 * wml_regions.h).
 */
#include "wml/wml_regions.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "wml/wml.h"

#include <stdlib.h>
#include <string.h>

/* ---- ids ---------------------------------------------------------------- */

static bool S_named(const xmlNode *n, const char *const *names)
{
    for (; *names; names++)
        if (strcmp((const char *)n->name, *names) == 0)
            return true;
    return false;
}

bool bc_wml_regions_has_ids(const xmlNode *root)
{
    static const char *const with_ids[] = {
        "docPr", "bookmarkStart", "bookmarkEnd", "commentRangeStart",
        "commentRangeEnd", "commentReference", "footnoteReference",
        "endnoteReference", "sdtPr", NULL};
    for (const xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (S_named(c, with_ids))
            return true;
        bool vml = c->ns && strcmp((const char *)c->ns->href, BC_VML_NS) == 0;
        for (const xmlAttr *a = c->properties; a; a = a->next)
            if (strcmp((const char *)a->name, "paraId") == 0 ||
                strcmp((const char *)a->name, "textId") == 0 ||
                strcmp((const char *)a->name, "spid") == 0 ||
                (vml && !a->ns && strcmp((const char *)a->name, "id") == 0))
                return true;
        if (bc_wml_regions_has_ids(c))
            return true;
    }
    return false;
}

/* ---- sections ------------------------------------------------------------- */

static bool S_opens(const bc_stag *g)
{
    return g->sigil == '#' || g->sigil == '^';
}

static bool S_para_level(bc_tplace p)
{
    return p == BC_TP_PARA || p == BC_TP_BEFORE_P || p == BC_TP_AFTER_P;
}

static bool S_row_level(bc_tplace p)
{
    return p == BC_TP_ROW || p == BC_TP_BEFORE_TR || p == BC_TP_AFTER_TR;
}

static const bc_spara *S_para(const xmlNode *n)
{
    return bc_wml_is(n, "p") ? n->_private : NULL;
}

/* The change in paragraph-level section depth from the tags of p placed
 * at `place`. */
static int S_depth_step(const bc_scan *s, const bc_spara *p, bc_tplace place)
{
    int step = 0;
    for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++) {
        const bc_stag *g = &s->tags[k];
        if (g->place != place)
            continue;
        if (S_opens(g))
            step++;
        else if (g->sigil == '/')
            step--;
    }
    return step;
}

/* The host's block tags that always give one paragraph (NULL: none). */
typedef bool (*once_fn)(const char *name);

/* True for a block paragraph whose count of paragraphs may vary: one
 * the host does not always write as one paragraph. */
static bool S_variable_block(const bc_scan *s, const bc_spara *p, once_fn once)
{
    const bc_stag *g = bc_wml_scan_block_tag(s, p);
    return g && !(once && g->name && once(g->name));
}

/* Marks the element children of `parent` that render exactly once: not
 * inside a paragraph-level section, not a tag-only paragraph, not a block
 * paragraph (but those the host always writes as one). Returns false when
 * the sections do not balance. */
static bool S_static_kids(const bc_scan *s, xmlNodePtr *kids, size_t n,
                          bool *fixed, once_fn once)
{
    int depth = 0;
    for (size_t i = 0; i < n; i++) {
        const bc_spara *p = S_para(kids[i]);
        if (!p) {
            fixed[i] = depth == 0;
            continue;
        }
        depth += S_depth_step(s, p, BC_TP_BEFORE_P);
        fixed[i] = depth == 0 && !p->standalone && !S_variable_block(s, p, once);
        depth += S_depth_step(s, p, BC_TP_PARA);
        depth += S_depth_step(s, p, BC_TP_AFTER_P);
        if (depth < 0)
            return false;
    }
    return depth == 0;
}

static size_t S_element_kids(xmlNodePtr parent, xmlNodePtr **out)
{
    size_t n = 0, cap = 0;
    xmlNodePtr *v = NULL;
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        BC_GROW(v, cap, n + 1);
        v[n++] = c;
    }
    *out = v;
    return n;
}

/* A cell still ends in a paragraph however its sections and block
 * paragraphs render: it holds no table and one element that renders once. */
static bool S_cell_safe(const bc_scan *s, xmlNodePtr tc, once_fn once)
{
    xmlNodePtr *kids;
    size_t n = S_element_kids(tc, &kids);
    bool *fixed = bc_xcalloc(n ? n : 1, sizeof *fixed);
    bool safe = S_static_kids(s, kids, n, fixed, once);
    bool single = false;
    for (size_t i = 0; safe && i < n; i++) {
        if (bc_wml_is(kids[i], "tbl"))
            safe = false;
        else if (!bc_wml_is(kids[i], "tcPr") && fixed[i])
            single = true;
    }
    free(fixed);
    free(kids);
    return safe && single;
}

static bool S_inside(const xmlNode *n, const xmlNode *ancestor)
{
    for (; n; n = n->parent)
        if (n == ancestor)
            return true;
    return false;
}

/* Whether the fixup pass can change table tbl (a top-level child) once
 * rendered: a row loop may empty it; a section or block paragraph in a
 * cell may leave the cell without a closing paragraph; anything in a
 * nested table is not looked into. */
static bool S_table_changes(const bc_scan *s, xmlNodePtr tbl, once_fn once)
{
    for (size_t i = 0; i < s->npara; i++) {
        const bc_spara *p = &s->paras[i];
        if (!S_inside(p->p, tbl))
            continue;
        bool variable = S_variable_block(s, p, once);
        for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++) {
            const bc_stag *g = &s->tags[k];
            if (!S_opens(g))
                continue;
            if (S_row_level(g->place))
                return true;
            if (S_para_level(g->place))
                variable = true;
        }
        if (variable && (p->tbl != tbl || !p->tc || !S_cell_safe(s, p->tc, once)))
            return true;
    }
    return false;
}

/* Whether the fixup pass can change a top-level child that is not a
 * table: only when a section or block paragraph sits inside it (a
 * paragraph's inline sections never change structure). */
static bool S_other_changes(const bc_scan *s, xmlNodePtr kid)
{
    if (bc_wml_is(kid, "p"))
        return false;
    for (size_t i = 0; i < s->npara; i++) {
        const bc_spara *p = &s->paras[i];
        if (!S_inside(p->p, kid) || p->p == kid)
            continue;
        if (bc_wml_scan_block_tag(s, p))
            return true;
        for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++)
            if (S_opens(&s->tags[k]) && s->tags[k].place != BC_TP_INLINE)
                return true;
    }
    return false;
}

/* ---- layout ----------------------------------------------------------------- */

static const char *S_role(const bc_scan *s, const xmlNode *p)
{
    const char *r = bc_wml_styles_para_role(s->styles, p);
    return r ? r : "";
}

typedef bc_wml_layout_role (*role_fn)(const char *role);

static bool S_holds_measured(const bc_scan *s, role_fn layout, const xmlNode *n)
{
    if (bc_wml_is(n, "p"))
        return layout(S_role(s, n)) != BC_WML_LAYOUT_NONE;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && S_holds_measured(s, layout, c))
            return true;
    return false;
}

/* A rule at the top level measures the paragraphs above it that share the
 * style of the nearest one: the region reaches back to the first paragraph
 * rendered once whose style differs from that of the nearest paragraph
 * rendered once (whatever renders a variable number of times in between is
 * taken in). */
static void S_rule_reach(const bc_scan *s, const bc_region_plan *pl,
                         const bool *fixed, size_t rule)
{
    const char *anchor = NULL;
    for (size_t j = rule; j-- > 0;) {
        xmlNodePtr k = pl->kids[j];
        bool para = bc_wml_is(k, "p");
        if (para && fixed[j]) {
            const char *r = S_role(s, k);
            if (!anchor)
                anchor = r;
            else if (strcmp(r, anchor) != 0)
                break;
        }
        pl->in[j] = true;
    }
}

/* ---- the plan ---------------------------------------------------------------- */

static size_t S_kid_index(const bc_region_plan *pl, const xmlNode *n)
{
    while (n && n->parent != pl->top)
        n = n->parent;
    for (size_t i = 0; n && i < pl->count; i++)
        if (pl->kids[i] == n)
            return i;
    return (size_t)-1;
}

/* A paragraph-level section at the top level lies wholly inside a region
 * or wholly outside: its markers must not repeat with it. */
static void S_whole_sections(const bc_scan *s, bc_region_plan *pl)
{
    bool changed = true;
    while (changed) {
        changed = false;
        for (size_t k = 0; k < s->ntags; k++) {
            const bc_stag *g = &s->tags[k];
            if (!S_opens(g) || !S_para_level(g->place) || g->match < 0)
                continue;
            const bc_stag *end = &s->tags[g->match];
            size_t a = S_kid_index(pl, s->paras[g->para].p);
            size_t b = S_kid_index(pl, s->paras[end->para].p);
            if (a == (size_t)-1 || b == (size_t)-1 ||
                s->paras[g->para].p->parent != pl->top)
                continue;
            if (b < a) {
                size_t t = a;
                a = b;
                b = t;
            }
            bool some = false, all = true;
            for (size_t i = a; i <= b; i++) {
                some |= pl->in[i];
                all &= pl->in[i];
            }
            if (some && !all) {
                for (size_t i = a; i <= b; i++)
                    pl->in[i] = true;
                changed = true;
            }
        }
    }
}

int bc_wml_regions_plan_make(bc_region_plan *pl, const bc_scan *s,
                             xmlNodePtr root, bool main, role_fn layout,
                             bool fixup, once_fn once)
{
    memset(pl, 0, sizeof *pl);
    xmlNodePtr top = main ? bc_wml_child(root, "body") : root;
    if (!top)
        return -1;
    pl->top = top;
    pl->count = S_element_kids(top, &pl->kids);
    pl->in = bc_xcalloc(pl->count ? pl->count : 1, sizeof *pl->in);
    bool *fixed = bc_xcalloc(pl->count ? pl->count : 1, sizeof *fixed);
    if (!S_static_kids(s, pl->kids, pl->count, fixed, once)) {
        for (size_t i = 0; i < pl->count; i++) /* unbalanced: all of it */
            pl->in[i] = true;
    }
    for (size_t i = 0; i < pl->count; i++) {
        xmlNodePtr k = pl->kids[i];
        if (fixup && (bc_wml_is(k, "tbl") ? S_table_changes(s, k, once)
                                          : S_other_changes(s, k)))
            pl->in[i] = true;
        if (layout && S_holds_measured(s, layout, k)) {
            pl->in[i] = true;
            if (bc_wml_is(k, "p") && layout(S_role(s, k)) == BC_WML_LAYOUT_RULE)
                S_rule_reach(s, pl, fixed, i);
        }
    }
    free(fixed);
    S_whole_sections(s, pl);
    for (size_t i = 0; i < pl->count; i++)
        pl->any |= pl->in[i];
    return 0;
}

static bool S_has_private(const xmlNode *n)
{
    if (n->_private)
        return true;
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && S_has_private(c))
            return true;
    return false;
}

bool bc_wml_regions_unread(const xmlNode *n)
{
    /* wml_fixup reads rows, cells and their tcPr; a layout reads tcW,
     * tblCellMar, paragraph and run properties and text */
    return (bc_wml_is(n, "tblBorders") || bc_wml_is(n, "tblLook") ||
            bc_wml_is(n, "tblGrid")) &&
           !S_has_private(n);
}

bool bc_wml_regions_opens(const bc_region_plan *pl, const xmlNode *kid)
{
    if (!pl->any || !kid || kid->parent != pl->top)
        return false;
    size_t i = S_kid_index(pl, kid);
    return i != (size_t)-1 && pl->in[i] && (i == 0 || !pl->in[i - 1]);
}

bool bc_wml_regions_closes(const bc_region_plan *pl, const xmlNode *kid)
{
    if (!pl->any || !kid || kid->parent != pl->top)
        return false;
    size_t i = S_kid_index(pl, kid);
    return i != (size_t)-1 && pl->in[i] && (i + 1 == pl->count || !pl->in[i + 1]);
}

void bc_wml_regions_plan_free(bc_region_plan *pl)
{
    free(pl->kids);
    free(pl->in);
    memset(pl, 0, sizeof *pl);
}
