/*
 * wml_styles.c - style table of a template (see wml_styles.h).
 */
#include "wml_styles.h"
#include "alloc.h"
#include "opc.h"
#include "wml.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#define BC_REL_STYLES_TYPE \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

/* Reads b/i/sz of an rPr into the three outputs (unchanged when absent). */
static void S_read_rpr(const xmlNode *rpr, signed char *b, signed char *i,
                       int *sz)
{
    if (!rpr)
        return;
    for (xmlNodePtr c = rpr->children; c; c = c->next) {
        const char *val = bc_wml_attr(c, "val");
        bool on = !val || !(strcmp(val, "0") == 0 || strcmp(val, "false") == 0 ||
                            strcmp(val, "off") == 0);
        if (bc_wml_is(c, "b"))
            *b = on;
        else if (bc_wml_is(c, "i"))
            *i = on;
        else if (bc_wml_is(c, "sz") && val)
            *sz = atoi(val);
    }
}

void bc_styles_load(bc_styles *s, const bc_package *p, const char *main_part)
{
    memset(s, 0, sizeof *s);
    s->default_sz = 20;
    s->part = main_part ? bc_opc_related(p, main_part, BC_REL_STYLES_TYPE) : NULL;
    bc_part *part = s->part ? bc_package_find(p, s->part) : NULL;
    if (!part)
        return;
    xmlDocPtr doc = xmlReadMemory((const char *)part->data, (int)part->len,
                                  s->part, NULL, XML_PARSE_NONET);
    if (!doc)
        return;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    size_t cap = 0;
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (bc_wml_is(n, "docDefaults")) {
            xmlNodePtr rd = bc_wml_child(n, "rPrDefault");
            signed char b = -1, i = -1;
            int sz = 0;
            S_read_rpr(bc_wml_child(rd, "rPr"), &b, &i, &sz);
            if (sz)
                s->default_sz = sz;
            continue;
        }
        if (!bc_wml_is(n, "style"))
            continue;
        const char *id = bc_wml_attr(n, "styleId");
        if (!id)
            continue;
        if (s->count == cap) {
            cap = cap ? cap * 2 : 32;
            s->v = bc_xrealloc(s->v, cap * sizeof *s->v);
        }
        bc_style *st = &s->v[s->count++];
        memset(st, 0, sizeof *st);
        st->id = bc_xstrdup(id);
        st->bold = st->italic = -1;
        const char *type = bc_wml_attr(n, "type");
        st->paragraph = type && strcmp(type, "paragraph") == 0;
        xmlNodePtr based = bc_wml_child(n, "basedOn");
        const char *bv = based ? bc_wml_attr(based, "val") : NULL;
        st->based_on = bv ? bc_xstrdup(bv) : NULL;
        S_read_rpr(bc_wml_child(n, "rPr"), &st->bold, &st->italic, &st->sz);
        const char *def = bc_wml_attr(n, "default");
        if (st->paragraph && def && (strcmp(def, "1") == 0 || strcmp(def, "true") == 0)) {
            free(s->default_para);
            s->default_para = bc_xstrdup(id);
        }
    }
    xmlFreeDoc(doc);
}

void bc_styles_free(bc_styles *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->v[i].id);
        free(s->v[i].based_on);
    }
    free(s->v);
    free(s->default_para);
    free(s->part);
    memset(s, 0, sizeof *s);
}

const bc_style *bc_styles_find(const bc_styles *s, const char *id)
{
    for (size_t i = 0; id && i < s->count; i++)
        if (strcmp(s->v[i].id, id) == 0)
            return &s->v[i];
    return NULL;
}

/* Applies a style chain, base first (depth-limited against cycles). */
static void S_apply_chain(const bc_styles *s, const char *id,
                          bc_run_props *rp, int depth)
{
    const bc_style *st = bc_styles_find(s, id);
    if (!st || depth > 20)
        return;
    if (st->based_on)
        S_apply_chain(s, st->based_on, rp, depth + 1);
    if (st->bold >= 0)
        rp->bold = st->bold;
    if (st->italic >= 0)
        rp->italic = st->italic;
    if (st->sz)
        rp->sz = st->sz;
}

const char *bc_styles_para_id(const bc_styles *s, const xmlNode *p)
{
    xmlNodePtr ppr = bc_wml_child(p, "pPr");
    xmlNodePtr ps = bc_wml_child(ppr, "pStyle");
    const char *id = ps ? bc_wml_attr(ps, "val") : NULL;
    return id ? id : s->default_para;
}

bc_run_props bc_styles_run_props(const bc_styles *s, const xmlNode *p,
                                 const xmlNode *r)
{
    bc_run_props rp = {false, false, s->default_sz};
    S_apply_chain(s, bc_styles_para_id(s, p), &rp, 0);
    xmlNodePtr rpr = r ? bc_wml_child(r, "rPr") : NULL;
    xmlNodePtr rs = bc_wml_child(rpr, "rStyle");
    if (rs)
        S_apply_chain(s, bc_wml_attr(rs, "val"), &rp, 0);
    signed char b = -1, i = -1;
    int sz = 0;
    S_read_rpr(rpr, &b, &i, &sz);
    if (b >= 0)
        rp.bold = b;
    if (i >= 0)
        rp.italic = i;
    if (sz)
        rp.sz = sz;
    return rp;
}
