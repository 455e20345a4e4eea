/*
 * wml_styles.c - style table of a template (see wml_styles.h).
 */
#include "wml/wml_styles.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "package/opc.h"
#include "wml/wml.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#define BC_REL_STYLES_TYPE \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

/* Reads the line height and rule of a pPr's w:spacing into *line and
 * *rule (unchanged when it sets no line height; a line without a rule is
 * auto, the schema's default). */
static void S_read_spacing(const xmlNode *ppr, int *line, signed char *rule)
{
    xmlNodePtr sp = bc_wml_child(ppr, "spacing");
    const char *l = sp ? bc_wml_attr(sp, "line") : NULL;
    if (!l)
        return;
    const char *r = bc_wml_attr(sp, "lineRule");
    *line = atoi(l);
    *rule = r && strcmp(r, "exact") == 0     ? BC_LINE_EXACT
            : r && strcmp(r, "atLeast") == 0 ? BC_LINE_AT_LEAST
                                             : BC_LINE_AUTO;
}

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

void bc_wml_styles_load(bc_styles *s, const bc_package *p, const char *main_part)
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
        BC_GROW(s->v, cap, s->count + 1);
        bc_style *st = &s->v[s->count++];
        memset(st, 0, sizeof *st);
        st->id = bc_xstrdup(id);
        xmlNodePtr nm = bc_wml_child(n, "name");
        const char *name = nm ? bc_wml_attr(nm, "val") : NULL;
        st->name = name ? bc_xstrdup(name) : NULL;
        st->bold = st->italic = st->numbered = -1;
        st->line = -1;
        st->line_rule = -1;
        S_read_spacing(bc_wml_child(n, "pPr"), &st->line, &st->line_rule);
        xmlNodePtr num = bc_wml_child(bc_wml_child(n, "pPr"), "numPr");
        if (num) {
            xmlNodePtr nid = bc_wml_child(num, "numId");
            const char *nv = nid ? bc_wml_attr(nid, "val") : NULL;
            st->numbered = !(nv && strcmp(nv, "0") == 0);
        }
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

void bc_wml_styles_free(bc_styles *s)
{
    for (size_t i = 0; i < s->count; i++) {
        free(s->v[i].id);
        free(s->v[i].name);
        free(s->v[i].role);
        free(s->v[i].based_on);
    }
    free(s->v);
    free(s->default_para);
    free(s->part);
    memset(s, 0, sizeof *s);
}

const bc_style *bc_wml_styles_find(const bc_styles *s, const char *id)
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
    const bc_style *st = bc_wml_styles_find(s, id);
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

const char *bc_wml_styles_para_id(const bc_styles *s, const xmlNode *p)
{
    xmlNodePtr ppr = bc_wml_child(p, "pPr");
    xmlNodePtr ps = bc_wml_child(ppr, "pStyle");
    const char *id = ps ? bc_wml_attr(ps, "val") : NULL;
    return id ? id : s->default_para;
}

bc_run_props bc_wml_styles_run_props(const bc_styles *s, const xmlNode *p,
                                 const xmlNode *r)
{
    bc_run_props rp = {false, false, s->default_sz};
    S_apply_chain(s, bc_wml_styles_para_id(s, p), &rp, 0);
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

const char *bc_wml_styles_para_role(const bc_styles *s, const xmlNode *p)
{
    const char *id = bc_wml_styles_para_id(s, p);
    const bc_style *st = bc_wml_styles_find(s, id);
    return st && st->role ? st->role : id;
}

bool bc_wml_styles_para_numbered(const bc_styles *s, const xmlNode *p)
{
    xmlNodePtr num = bc_wml_child(bc_wml_child(p, "pPr"), "numPr");
    if (num) {
        xmlNodePtr nid = bc_wml_child(num, "numId");
        const char *nv = nid ? bc_wml_attr(nid, "val") : NULL;
        return !(nv && strcmp(nv, "0") == 0);
    }
    const char *id = bc_wml_styles_para_id(s, p);
    for (int depth = 0; id && depth < 20; depth++) {
        const bc_style *st = bc_wml_styles_find(s, id);
        if (!st)
            break;
        if (st->numbered >= 0)
            return st->numbered == 1;
        id = st->based_on;
    }
    return false;
}

int bc_wml_styles_para_line(const bc_styles *s, const xmlNode *p)
{
    int line = -1;
    signed char rule = -1;
    S_read_spacing(bc_wml_child(p, "pPr"), &line, &rule);
    const char *id = bc_wml_styles_para_id(s, p);
    for (int depth = 0; rule < 0 && id && depth < 20; depth++) {
        const bc_style *st = bc_wml_styles_find(s, id);
        if (!st)
            break;
        line = st->line;
        rule = st->line_rule;
        id = st->based_on;
    }
    return rule == BC_LINE_EXACT || rule == BC_LINE_AT_LEAST ? (line > 0 ? line : 0) : 0;
}

static bc_style *S_find_name(const bc_styles *s, const char *name)
{
    for (size_t i = 0; name && i < s->count; i++)
        if (s->v[i].name && strcmp(s->v[i].name, name) == 0)
            return &s->v[i];
    return NULL;
}

void bc_wml_styles_map_roles(bc_styles *s, const bc_styles *ref)
{
    for (size_t i = 0; i < ref->count; i++) {
        const bc_style *r = &ref->v[i];
        bc_style *st = (bc_style *)bc_wml_styles_find(s, r->id);
        if (!st)
            st = S_find_name(s, r->name);
        if (st && !st->role && st->paragraph == r->paragraph)
            st->role = bc_xstrdup(r->id);
    }
}

const char *bc_wml_styles_role_id(const bc_styles *s, const char *role)
{
    for (size_t i = 0; i < s->count; i++)
        if (s->v[i].role && strcmp(s->v[i].role, role) == 0)
            return s->v[i].id;
    return bc_wml_styles_find(s, role) ? role : NULL;
}

/* ---- importing styles from the built-in template -------------------------- */

#define BC_CT_STYLES \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"

static xmlNodePtr S_style_node(xmlNodePtr root, const char *attr,
                               const char *value)
{
    for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
        if (!bc_wml_is(n, "style"))
            continue;
        const char *v;
        if (strcmp(attr, "name") == 0) {
            xmlNodePtr nm = bc_wml_child(n, "name");
            v = nm ? bc_wml_attr(nm, "val") : NULL;
        } else {
            v = bc_wml_attr(n, "styleId");
        }
        if (v && strcmp(v, value) == 0)
            return n;
    }
    return NULL;
}

static const char *S_node_name(xmlNodePtr style)
{
    xmlNodePtr nm = bc_wml_child(style, "name");
    return nm ? bc_wml_attr(nm, "val") : NULL;
}

/* The id the template uses for the ref style `id` (same id or same name),
 * or NULL. */
static const char *S_tpl_id(xmlNodePtr tpl_root, xmlNodePtr ref_root,
                            const char *id)
{
    if (S_style_node(tpl_root, "styleId", id))
        return id;
    xmlNodePtr r = S_style_node(ref_root, "styleId", id);
    const char *name = r ? S_node_name(r) : NULL;
    xmlNodePtr t = name ? S_style_node(tpl_root, "name", name) : NULL;
    return t ? bc_wml_attr(t, "styleId") : NULL;
}

int bc_wml_styles_import(bc_package *pkg, const char *main_part,
                     const bc_package *ref_pkg, const char *ref_main,
                     const char *const *ids)
{
    char *ref_name = bc_opc_related(ref_pkg, ref_main, BC_REL_STYLES_TYPE);
    bc_part *ref_part = ref_name ? bc_package_find(ref_pkg, ref_name) : NULL;
    char *name = bc_opc_related(pkg, main_part, BC_REL_STYLES_TYPE);
    int copied = 0;
    if (!ref_part)
        goto done;
    if (!name || !bc_package_find(pkg, name)) {
        /* no styles at all: the built-in styles part, whole */
        bc_buf nb = BC_BUF_INIT;
        const char *slash = strrchr(main_part, '/');
        if (slash)
            bc_buf_put(&nb, main_part, (size_t)(slash - main_part + 1));
        size_t dir_len = nb.len;
        bc_buf_puts(&nb, "styles.xml");
        if (bc_package_find(pkg, bc_buf_cstr(&nb))) {
            nb.len = dir_len;
            bc_buf_puts(&nb, "styles-baocao.xml");
        }
        bc_package_set(pkg, bc_buf_cstr(&nb), ref_part->data, ref_part->len);
        free(bc_opc_add_part(pkg, main_part, bc_buf_cstr(&nb), BC_CT_STYLES,
                             BC_REL_STYLES_TYPE));
        bc_buf_free(&nb);
        copied = 1;
        goto done;
    }
    xmlDocPtr ref = bc_opc_parse(ref_pkg, ref_name);
    xmlDocPtr tpl = bc_opc_parse(pkg, name);
    xmlNodePtr ref_root = ref ? xmlDocGetRootElement(ref) : NULL;
    xmlNodePtr tpl_root = tpl ? xmlDocGetRootElement(tpl) : NULL;
    if (!ref_root || !tpl_root) {
        xmlFreeDoc(ref);
        xmlFreeDoc(tpl);
        goto done;
    }
    /* the styles to copy: the wanted ones and what they are based on */
    const char *todo[64];
    size_t ntodo = 0;
    for (size_t i = 0; ids[i] && ntodo < 64; i++)
        todo[ntodo++] = ids[i];
    xmlNodePtr added[64];
    size_t nadded = 0;
    for (size_t i = 0; i < ntodo && nadded < 64; i++) {
        if (S_tpl_id(tpl_root, ref_root, todo[i]))
            continue;
        xmlNodePtr r = S_style_node(ref_root, "styleId", todo[i]);
        if (!r)
            continue;
        xmlNodePtr copy = xmlDocCopyNode(r, tpl, 1);
        xmlAddChild(tpl_root, copy);
        xmlReconciliateNs(tpl, copy);
        added[nadded++] = copy;
        xmlNodePtr based = bc_wml_child(r, "basedOn");
        const char *bv = based ? bc_wml_attr(based, "val") : NULL;
        if (bv && ntodo < 64)
            todo[ntodo++] = bv;
    }
    /* references of the copies: to the template's own ids */
    for (size_t i = 0; i < nadded; i++) {
        static const char *const refs[] = {"basedOn", "next", "link", NULL};
        for (int k = 0; refs[k]; k++) {
            xmlNodePtr e = bc_wml_child(added[i], refs[k]);
            const char *v = e ? bc_wml_attr(e, "val") : NULL;
            if (!v)
                continue;
            const char *tid = S_tpl_id(tpl_root, ref_root, v);
            if (!tid) {
                xmlUnlinkNode(e);
                xmlFreeNode(e);
            } else if (strcmp(tid, v) != 0) {
                char *keep = bc_xstrdup(tid);
                bc_wml_set_attr(e, "val", keep);
                free(keep);
            }
        }
    }
    copied = (int)nadded;
    if (nadded) {
        xmlChar *mem = NULL;
        int len = 0;
        xmlDocDumpMemoryEnc(tpl, &mem, &len, "UTF-8");
        bc_package_set(pkg, name, mem, (size_t)len);
        xmlFree(mem);
    }
    xmlFreeDoc(ref);
    xmlFreeDoc(tpl);
done:
    free(ref_name);
    free(name);
    return copied;
}
