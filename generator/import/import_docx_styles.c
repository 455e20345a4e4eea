/*
 * import_docx_styles.c - the styles of a clerk's .docx as the import
 * reader needs them (see import_docx_styles.h): a hash of style ids, each
 * style's properties resolved once through its basedOn chain.
 */
#include "import/import_docx_styles.h"

#include "base/grow.h"
#include "base/xalloc.h"
#include "import/import_doc.h"
#include "import/import_docx_xml.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

struct bc_import_docx_style {
    const char *id;
    const char *based_on;
    bc_import_docx_props own;      /* what the style itself sets */
    bc_import_docx_props resolved; /* with its chain, once done */
    unsigned char state;           /* 0 not resolved, 1 resolved, 2 on the way */
};

void bc_import_docx_styles_unset(bc_import_docx_props *p)
{
    p->bold = p->italic = p->caps = p->align = p->page_break_before = -1;
    p->num_id = p->ilvl = -1;
    for (int e = 0; e < BC_IMPORT_DOCX_EDGES; e++)
        p->edge[e] = -1;
}

void bc_import_docx_styles_overlay(bc_import_docx_props *dst, const bc_import_docx_props *src)
{
    if (src->bold >= 0)
        dst->bold = src->bold;
    if (src->italic >= 0)
        dst->italic = src->italic;
    if (src->caps >= 0)
        dst->caps = src->caps;
    if (src->align >= 0)
        dst->align = src->align;
    if (src->page_break_before >= 0)
        dst->page_break_before = src->page_break_before;
    if (src->num_id >= 0)
        dst->num_id = src->num_id;
    if (src->ilvl >= 0)
        dst->ilvl = src->ilvl;
    for (int e = 0; e < BC_IMPORT_DOCX_EDGES; e++)
        if (src->edge[e] >= 0)
            dst->edge[e] = src->edge[e];
}

void bc_import_docx_styles_read_rpr(const xmlNode *rpr, bc_import_docx_props *p)
{
    for (xmlNodePtr c = rpr ? rpr->children : NULL; c; c = c->next) {
        if (bc_import_docx_xml_is(c, "b"))
            p->bold = (signed char)bc_import_docx_xml_on(c);
        else if (bc_import_docx_xml_is(c, "i"))
            p->italic = (signed char)bc_import_docx_xml_on(c);
        else if (bc_import_docx_xml_is(c, "caps"))
            p->caps = (signed char)bc_import_docx_xml_on(c);
    }
}

static int S_align(const char *v)
{
    if (!v)
        return -1;
    if (strcmp(v, "center") == 0)
        return BC_IMPORT_ALIGN_CENTER;
    if (strcmp(v, "right") == 0 || strcmp(v, "end") == 0)
        return BC_IMPORT_ALIGN_RIGHT;
    if (strcmp(v, "both") == 0 || strcmp(v, "distribute") == 0 ||
        strcmp(v, "thaiDistribute") == 0 || strstr(v, "Kashida"))
        return BC_IMPORT_ALIGN_JUSTIFY;
    return BC_IMPORT_ALIGN_LEFT; /* left, start, anything else */
}

void bc_import_docx_styles_read_ppr(const xmlNode *ppr, bc_import_docx_props *p)
{
    for (xmlNodePtr c = ppr ? ppr->children : NULL; c; c = c->next) {
        if (bc_import_docx_xml_is(c, "jc")) {
            int a = S_align(bc_import_docx_xml_attr(c, "val"));
            if (a >= 0)
                p->align = (signed char)a;
        } else if (bc_import_docx_xml_is(c, "pageBreakBefore")) {
            p->page_break_before = (signed char)bc_import_docx_xml_on(c);
        } else if (bc_import_docx_xml_is(c, "numPr")) {
            xmlNodePtr id = bc_import_docx_xml_child(c, "numId");
            xmlNodePtr lv = bc_import_docx_xml_child(c, "ilvl");
            if (id)
                p->num_id = (int)bc_import_docx_xml_int(id, "val", -1, 0, 1L << 30);
            if (lv)
                p->ilvl = (int)bc_import_docx_xml_int(lv, "val", -1, 0, 1L << 30);
        }
    }
}

void bc_import_docx_styles_read_borders(const xmlNode *borders, bc_import_docx_props *p)
{
    static const char *const names[][2] = {{"top", NULL},    {"left", "start"},
                                           {"bottom", NULL}, {"right", "end"},
                                           {"insideH", NULL}, {"insideV", NULL}};
    for (xmlNodePtr c = borders ? borders->children : NULL; c; c = c->next) {
        if (!bc_import_docx_xml_is_w(c))
            continue;
        for (int e = 0; e < BC_IMPORT_DOCX_EDGES; e++) {
            const char *n = (const char *)c->name;
            if (strcmp(n, names[e][0]) != 0 && !(names[e][1] && strcmp(n, names[e][1]) == 0))
                continue;
            const char *v = bc_import_docx_xml_attr(c, "val");
            p->edge[e] = (signed char)!(v && (strcmp(v, "none") == 0 || strcmp(v, "nil") == 0));
        }
    }
}

static size_t S_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static long S_find(const bc_import_docx_styles *s, const char *id)
{
    if (!id || !s->n_slots)
        return -1;
    for (size_t k = S_hash(id) & (s->n_slots - 1);; k = (k + 1) & (s->n_slots - 1)) {
        size_t v = s->slots[k];
        if (!v)
            return -1;
        if (strcmp(s->v[v - 1].id, id) == 0)
            return (long)(v - 1);
    }
}

static bool S_flag(const xmlNode *n, const char *name)
{
    const char *v = bc_import_docx_xml_attr(n, name);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0);
}

void bc_import_docx_styles_load(bc_import_docx_styles *s, xmlDocPtr doc)
{
    memset(s, 0, sizeof *s);
    bc_import_docx_styles_unset(&s->defaults);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    size_t n = 0;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
        n += bc_import_docx_xml_is(c, "style");
    s->v = n ? bc_xcalloc(n, sizeof *s->v) : NULL;
    s->n_slots = 16;
    while (s->n_slots < 2 * n)
        s->n_slots *= 2;
    s->slots = bc_xcalloc(s->n_slots, sizeof *s->slots);
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (bc_import_docx_xml_is(c, "docDefaults")) {
            xmlNodePtr rd = bc_import_docx_xml_child(c, "rPrDefault");
            xmlNodePtr pd = bc_import_docx_xml_child(c, "pPrDefault");
            bc_import_docx_styles_read_rpr(bc_import_docx_xml_child(rd, "rPr"), &s->defaults);
            bc_import_docx_styles_read_ppr(bc_import_docx_xml_child(pd, "pPr"), &s->defaults);
            continue;
        }
        if (!bc_import_docx_xml_is(c, "style"))
            continue;
        const char *id = bc_import_docx_xml_attr(c, "styleId");
        if (!id || S_find(s, id) >= 0)
            continue; /* the first of two styles with one id counts */
        bc_import_docx_style *st = &s->v[s->count];
        st->id = id;
        xmlNodePtr b = bc_import_docx_xml_child(c, "basedOn");
        st->based_on = b ? bc_import_docx_xml_attr(b, "val") : NULL;
        bc_import_docx_styles_unset(&st->own);
        bc_import_docx_styles_read_rpr(bc_import_docx_xml_child(c, "rPr"), &st->own);
        bc_import_docx_styles_read_ppr(bc_import_docx_xml_child(c, "pPr"), &st->own);
        bc_import_docx_styles_read_borders(
            bc_import_docx_xml_child(bc_import_docx_xml_child(c, "tblPr"), "tblBorders"),
            &st->own);
        const char *type = bc_import_docx_xml_attr(c, "type");
        if (S_flag(c, "default") && type) {
            if (strcmp(type, "paragraph") == 0 && !s->default_para)
                s->default_para = id;
            else if (strcmp(type, "table") == 0 && !s->default_table)
                s->default_table = id;
        }
        size_t k = S_hash(id) & (s->n_slots - 1);
        while (s->slots[k])
            k = (k + 1) & (s->n_slots - 1);
        s->slots[k] = ++s->count;
    }
}

void bc_import_docx_styles_free(bc_import_docx_styles *s)
{
    free(s->v);
    free(s->slots);
    memset(s, 0, sizeof *s);
}

const bc_import_docx_props *bc_import_docx_styles_get(bc_import_docx_styles *s,
                                                      const char *id)
{
    long i = S_find(s, id);
    if (i < 0)
        return NULL;
    bc_import_docx_style *st = &s->v[i];
    if (st->state)
        return &st->resolved;
    /* the chain, derived first, up to a resolved style, an unknown id
     * or a cycle (a style met twice: state 2); each style is resolved
     * once, so all lookups together stay linear */
    size_t n = 0, cap = 0;
    long *chain = NULL;
    const bc_import_docx_props *base = NULL;
    for (long j = i; j >= 0;) {
        if (s->v[j].state == 1) {
            base = &s->v[j].resolved;
            break;
        }
        if (s->v[j].state == 2)
            break;
        s->v[j].state = 2;
        BC_GROW(chain, cap, n + 1);
        chain[n++] = j;
        j = S_find(s, s->v[j].based_on);
    }
    bc_import_docx_props acc;
    bc_import_docx_styles_unset(&acc);
    if (base)
        acc = *base;
    while (n-- > 0) {
        bc_import_docx_style *x = &s->v[chain[n]];
        bc_import_docx_styles_overlay(&acc, &x->own);
        x->resolved = acc;
        x->state = 1;
    }
    free(chain);
    return &st->resolved;
}
