/*
 * wml_fixup.c - invariants of rendered WordprocessingML (see wml_fixup.h).
 */
#include "wml/wml_fixup.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "wml/wml.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BC_W14_NS "http://schemas.microsoft.com/office/word/2010/wordml"

enum { K_DRAWING = 1, K_BOOKMARK, K_PARA_ID, K_TEXT_ID, K_COMMENT_START,
       K_COMMENT_END, K_COMMENT_REF, K_SDT, K_VML_ID, K_VML_SPID,
       K_FOOTNOTE_REF, K_ENDNOTE_REF };

/* ---- sets ------------------------------------------------------------------ */

static size_t S_hash(unsigned long k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdUL;
    k ^= k >> 33;
    return (size_t)k;
}

/* Adds key to the set; false when it was there already. */
static bool S_num_add(bc_wml_ids *ids, unsigned long key)
{
    if ((ids->num_count + 1) * 2 > ids->num_cap) {
        size_t cap = ids->num_cap ? ids->num_cap * 2 : 64;
        unsigned long *v = bc_xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < ids->num_cap; i++) {
            unsigned long k = ids->nums[i];
            if (!k)
                continue;
            size_t h = S_hash(k) & (cap - 1);
            while (v[h])
                h = (h + 1) & (cap - 1);
            v[h] = k;
        }
        free(ids->nums);
        ids->nums = v;
        ids->num_cap = cap;
    }
    size_t h = S_hash(key) & (ids->num_cap - 1);
    while (ids->nums[h]) {
        if (ids->nums[h] == key)
            return false;
        h = (h + 1) & (ids->num_cap - 1);
    }
    ids->nums[h] = key;
    ids->num_count++;
    return true;
}

static size_t S_str_hash(const char *s)
{
    size_t h = 1469598103934665603UL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211UL;
    return h;
}

static bool S_name_add(bc_wml_ids *ids, const char *name)
{
    if ((ids->name_count + 1) * 2 > ids->name_cap) {
        size_t cap = ids->name_cap ? ids->name_cap * 2 : 32;
        char **v = bc_xcalloc(cap, sizeof *v);
        for (size_t i = 0; i < ids->name_cap; i++) {
            if (!ids->names[i])
                continue;
            size_t h = S_str_hash(ids->names[i]) & (cap - 1);
            while (v[h])
                h = (h + 1) & (cap - 1);
            v[h] = ids->names[i];
        }
        free(ids->names);
        ids->names = v;
        ids->name_cap = cap;
    }
    size_t h = S_str_hash(name) & (ids->name_cap - 1);
    while (ids->names[h]) {
        if (strcmp(ids->names[h], name) == 0)
            return false;
        h = (h + 1) & (ids->name_cap - 1);
    }
    ids->names[h] = bc_xstrdup(name);
    ids->name_count++;
    return true;
}

/* A (kind, id) key; ids that are not numbers hash by text. */
static unsigned long S_key(int kind, const char *id)
{
    char *end;
    unsigned long v = strtoul(id, &end, 10);
    if (*end || end == id)
        v = (unsigned long)S_str_hash(id) >> 4;
    return ((v << 4) | (unsigned long)kind) | 1UL << 63;
}

void bc_wml_fixup_ids_init(bc_wml_ids *ids, unsigned long first_free,
                           const unsigned long first_note[BC_NOTE_KINDS])
{
    memset(ids, 0, sizeof *ids);
    ids->next = first_free ? first_free : 1;
    for (int k = 0; k < BC_NOTE_KINDS; k++) /* 0 and 1: the separators */
        ids->next_note[k] = first_note && first_note[k] > 2 ? first_note[k] : 2;
}

void bc_wml_fixup_ids_free(bc_wml_ids *ids)
{
    for (size_t i = 0; i < ids->name_cap; i++)
        free(ids->names[i]);
    free(ids->names);
    free(ids->nums);
    for (size_t i = 0; i < ids->copy_count; i++)
        free(ids->copies[i].from);
    free(ids->copies);
    memset(ids, 0, sizeof *ids);
}

/* ---- tables ---------------------------------------------------------------- */

static bool S_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static bool S_wrapper(const xmlNode *n)
{
    return bc_wml_is(n, "sdt") || bc_wml_is(n, "sdtContent") ||
           bc_wml_is(n, "customXml");
}

/* Counts the elements named `name` under n, through content controls. */
static size_t S_count(const xmlNode *n, const char *name)
{
    size_t k = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, name))
            k++;
        else if (S_wrapper(c))
            k += S_count(c, name);
    }
    return k;
}

static void S_remove(xmlNodePtr n)
{
    xmlUnlinkNode(n);
    xmlFreeNode(n);
}

static void S_tables(xmlNodePtr n)
{
    xmlNodePtr c = n->children;
    while (c) {
        xmlNodePtr next = c->next;
        if (c->type == XML_ELEMENT_NODE) {
            S_tables(c);
            if (bc_wml_is(c, "tr") && S_count(c, "tc") == 0) {
                S_remove(c);
            } else if (bc_wml_is(c, "tbl") && S_count(c, "tr") == 0) {
                S_remove(c);
            } else if (bc_wml_is(c, "tc")) {
                xmlNodePtr last = NULL;
                for (xmlNodePtr k = c->children; k; k = k->next)
                    if (k->type == XML_ELEMENT_NODE && !bc_wml_is(k, "tcPr"))
                        last = k;
                if (!last || bc_wml_is(last, "tbl"))
                    bc_wml_new(c, NULL, "p");
            }
        }
        c = next;
    }
}

/* ---- unique ids ------------------------------------------------------------ */

typedef struct pending {
    char *from, *to;   /* a bookmark id renumbered until its end */
} pending;

typedef struct idctx {
    bc_wml_ids *ids;
    pending *v;
    size_t count, cap;
    pending *shapes;   /* VML shape ids renumbered, for o:OLEObject/@ShapeID */
    size_t nshapes, cap_shapes;
} idctx;

static void S_set_attr(xmlNodePtr n, xmlAttrPtr a, const char *value)
{
    xmlSetNsProp(n, a->ns, a->name, (const xmlChar *)value);
}

static xmlAttrPtr S_attr(const xmlNode *n, const char *name, const char *ns)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        if (ns && !(a->ns && strcmp((const char *)a->ns->href, ns) == 0))
            continue;
        return a;
    }
    return NULL;
}

/* An attribute without a namespace (wp:docPr/@id). */
static xmlAttrPtr S_plain_attr(const xmlNode *n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (!a->ns && strcmp((const char *)a->name, name) == 0)
            return a;
    return NULL;
}

static const char *S_val(xmlAttrPtr a)
{
    return a && a->children && a->children->content
               ? (const char *)a->children->content
               : NULL;
}

static void S_fresh(idctx *x, char *buf, size_t n)
{
    snprintf(buf, n, "%lu", x->ids->next++);
}

/* name_2, name_3...: the first not taken, recorded (malloc'd); Word keeps
 * 40 characters of a bookmark's name. */
static char *S_unique_name(bc_wml_ids *ids, const char *name)
{
    for (unsigned k = 2;; k++) {
        char suffix[16];
        snprintf(suffix, sizeof suffix, "_%u", k);
        bc_buf b = BC_BUF_INIT;
        size_t keep = strlen(name);
        if (keep + strlen(suffix) > 40)
            keep = 40 - strlen(suffix);
        bc_buf_put(&b, name, keep);
        bc_buf_puts(&b, suffix);
        char *cand = bc_buf_detach(&b, NULL);
        if (S_name_add(ids, cand))
            return cand;
        free(cand);
    }
}

unsigned long bc_wml_fixup_fresh_id(bc_wml_ids *ids)
{
    return ids->next++;
}

char *bc_wml_fixup_bookmark_name(bc_wml_ids *ids, const char *name)
{
    return S_name_add(ids, name) ? bc_xstrdup(name) : S_unique_name(ids, name);
}

static void S_bookmark_start(idctx *x, xmlNodePtr n)
{
    xmlAttrPtr a = S_attr(n, "id", BC_W_NS);
    const char *id = S_val(a);
    if (id && !S_num_add(x->ids, S_key(K_BOOKMARK, id))) {
        char fresh[32];
        S_fresh(x, fresh, sizeof fresh);
        BC_GROW(x->v, x->cap, x->count + 1);
        x->v[x->count++] = (pending){bc_xstrdup(id), bc_xstrdup(fresh)};
        S_num_add(x->ids, S_key(K_BOOKMARK, fresh));
        S_set_attr(n, a, fresh);
    }
    xmlAttrPtr na = S_attr(n, "name", BC_W_NS);
    const char *name = S_val(na);
    if (name && !S_name_add(x->ids, name)) {
        char *cand = S_unique_name(x->ids, name);
        S_set_attr(n, na, cand);
        free(cand);
    }
}

static void S_bookmark_end(idctx *x, xmlNodePtr n)
{
    xmlAttrPtr a = S_attr(n, "id", BC_W_NS);
    const char *id = S_val(a);
    if (!id)
        return;
    for (size_t i = x->count; i-- > 0;) {
        if (strcmp(x->v[i].from, id) == 0) {
            S_set_attr(n, a, x->v[i].to);
            free(x->v[i].from);
            free(x->v[i].to);
            x->v[i] = x->v[--x->count];
            return;
        }
    }
}

static bool S_in_ns(const xmlNode *n, const char *ns)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, ns) == 0;
}

/* A fresh VML shape id: "_x0000_s1026" keeps its prefix ("_x0000_s" and
 * a fresh number), any other id takes "_" and one (malloc'd). */
static char *S_vml_fresh(idctx *x, const char *id)
{
    size_t n = strlen(id), k = n;
    while (k > 0 && id[k - 1] >= '0' && id[k - 1] <= '9')
        k--;
    bc_buf b = BC_BUF_INIT;
    if (k < n && k >= 8 && strncmp(id, "_x0000_", 7) == 0)
        bc_buf_put(&b, id, k);
    else
        bc_buf_printf(&b, "%s_", id);
    bc_buf_printf(&b, "%lu", x->ids->next++);
    return bc_buf_detach(&b, NULL);
}

/* A VML shape (not a shape type, whose id shapes refer to): its id and
 * o:spid made unique, the same fresh value for both when they were one. */
static void S_vml_shape(idctx *x, xmlNodePtr n)
{
    xmlAttrPtr spa = S_attr(n, "spid", BC_OFFICE_NS);
    xmlAttrPtr ida = S_plain_attr(n, "id");
    const char *spid = S_val(spa);
    char *old_spid = NULL, *new_spid = NULL;
    if (spid && !S_num_add(x->ids, S_key(K_VML_SPID, spid))) {
        old_spid = bc_xstrdup(spid);
        new_spid = S_vml_fresh(x, spid);
        S_num_add(x->ids, S_key(K_VML_SPID, new_spid));
        S_set_attr(n, spa, new_spid);
    }
    const char *id = S_val(ida);
    if (id && !S_num_add(x->ids, S_key(K_VML_ID, id))) {
        char *fresh = old_spid && strcmp(old_spid, id) == 0 ? bc_xstrdup(new_spid)
                                                           : S_vml_fresh(x, id);
        S_num_add(x->ids, S_key(K_VML_ID, fresh));
        BC_GROW(x->shapes, x->cap_shapes, x->nshapes + 1);
        x->shapes[x->nshapes++] = (pending){bc_xstrdup(id), bc_xstrdup(fresh)};
        S_set_attr(n, ida, fresh);
        free(fresh);
    }
    free(old_spid);
    free(new_spid);
}

/* An embedded object names its shape: the copy names the copy. */
static void S_ole_object(idctx *x, xmlNodePtr n)
{
    xmlAttrPtr a = S_plain_attr(n, "ShapeID");
    const char *id = S_val(a);
    for (size_t i = x->nshapes; id && i-- > 0;)
        if (strcmp(x->shapes[i].from, id) == 0) {
            S_set_attr(n, a, x->shapes[i].to);
            return;
        }
}

/* A repeated note reference: a fresh note id, and a copy of the note
 * asked of the notes part (bc_wml_fixup_notes). */
static void S_note_ref(idctx *x, xmlNodePtr n, bc_wml_note_kind kind)
{
    xmlAttrPtr a = S_attr(n, "id", BC_W_NS);
    const char *id = S_val(a);
    int k = kind == BC_NOTE_FOOT ? K_FOOTNOTE_REF : K_ENDNOTE_REF;
    if (!id || S_num_add(x->ids, S_key(k, id)))
        return;
    bc_wml_ids *ids = x->ids;
    unsigned long to = ids->next_note[kind]++;
    BC_GROW(ids->copies, ids->copy_cap, ids->copy_count + 1);
    ids->copies[ids->copy_count++] = (bc_wml_note_copy){kind, bc_xstrdup(id), to};
    char fresh[32];
    snprintf(fresh, sizeof fresh, "%lu", to);
    S_num_add(ids, S_key(k, fresh));
    S_set_attr(n, a, fresh);
}

static void S_ids(idctx *x, xmlNodePtr n)
{
    xmlNodePtr c = n->children;
    while (c) {
        xmlNodePtr next = c->next;
        if (c->type != XML_ELEMENT_NODE) {
            c = next;
            continue;
        }
        if (S_is(c, "docPr")) {
            xmlAttrPtr a = S_plain_attr(c, "id");
            const char *id = S_val(a);
            if (id && !S_num_add(x->ids, S_key(K_DRAWING, id))) {
                char fresh[32];
                S_fresh(x, fresh, sizeof fresh);
                S_num_add(x->ids, S_key(K_DRAWING, fresh));
                S_set_attr(c, a, fresh);
            }
        } else if (bc_wml_is(c, "id") && c->parent && bc_wml_is(c->parent, "sdtPr")) {
            xmlAttrPtr a = S_attr(c, "val", BC_W_NS);
            const char *id = S_val(a);
            if (id && !S_num_add(x->ids, S_key(K_SDT, id))) {
                char fresh[32];
                S_fresh(x, fresh, sizeof fresh);
                S_num_add(x->ids, S_key(K_SDT, fresh));
                S_set_attr(c, a, fresh);
            }
        } else if (S_in_ns(c, BC_VML_NS)) {
            if (strcmp((const char *)c->name, "shapetype") != 0)
                S_vml_shape(x, c);
        } else if (S_in_ns(c, BC_OFFICE_NS) &&
                   strcmp((const char *)c->name, "OLEObject") == 0) {
            S_ole_object(x, c);
        } else if (bc_wml_is(c, "footnoteReference")) {
            S_note_ref(x, c, BC_NOTE_FOOT);
        } else if (bc_wml_is(c, "endnoteReference")) {
            S_note_ref(x, c, BC_NOTE_END);
        } else if (bc_wml_is(c, "bookmarkStart")) {
            S_bookmark_start(x, c);
        } else if (bc_wml_is(c, "bookmarkEnd")) {
            S_bookmark_end(x, c);
        } else if (bc_wml_is(c, "commentRangeStart") ||
                   bc_wml_is(c, "commentRangeEnd") ||
                   bc_wml_is(c, "commentReference")) {
            int kind = bc_wml_is(c, "commentRangeStart") ? K_COMMENT_START
                       : bc_wml_is(c, "commentRangeEnd") ? K_COMMENT_END
                                                         : K_COMMENT_REF;
            const char *id = S_val(S_attr(c, "id", BC_W_NS));
            if (id && !S_num_add(x->ids, S_key(kind, id))) {
                S_remove(c);
                c = next;
                continue;
            }
        } else if (bc_wml_is(c, "p") || bc_wml_is(c, "tr")) {
            static const char *const attrs[] = {"paraId", "textId"};
            for (int k = 0; k < 2; k++) {
                xmlAttrPtr a = S_attr(c, attrs[k], BC_W14_NS);
                const char *id = S_val(a);
                if (id && !S_num_add(x->ids, S_key(k ? K_TEXT_ID : K_PARA_ID, id)))
                    xmlRemoveProp(a);
            }
        }
        S_ids(x, c);
        c = next;
    }
}

void bc_wml_fixup_tables(xmlNodePtr n)
{
    if (n)
        S_tables(n);
}

static void S_idctx_free(idctx *x)
{
    for (size_t i = 0; i < x->count; i++) {
        free(x->v[i].from);
        free(x->v[i].to);
    }
    free(x->v);
    for (size_t i = 0; i < x->nshapes; i++) {
        free(x->shapes[i].from);
        free(x->shapes[i].to);
    }
    free(x->shapes);
}

void bc_wml_fixup(xmlNodePtr root, bc_wml_ids *ids)
{
    if (!root)
        return;
    S_tables(root);
    idctx x = {ids, NULL, 0, 0, NULL, 0, 0};
    S_ids(&x, root);
    S_idctx_free(&x);
}

/* ---- notes ----------------------------------------------------------------- */

static const char *const S_note_names[BC_NOTE_KINDS][3] = {
    {"footnotes", "footnote", "footnoteReference"},
    {"endnotes", "endnote", "endnoteReference"}};

bc_wml_note_kind bc_wml_fixup_notes_kind(const xmlNode *root)
{
    for (int k = 0; root && k < BC_NOTE_KINDS; k++)
        if (bc_wml_is(root, S_note_names[k][0]))
            return (bc_wml_note_kind)k;
    return BC_NOTE_NONE;
}

bool bc_wml_fixup_notes_wanted(const bc_wml_ids *ids, bc_wml_note_kind k)
{
    for (size_t i = 0; k != BC_NOTE_NONE && i < ids->copy_count; i++)
        if (ids->copies[i].kind == k)
            return true;
    return false;
}

/* Points the nodes under n using namespace `from` at `to`. */
static void S_ns_repoint(xmlNodePtr n, xmlNsPtr from, xmlNsPtr to)
{
    if (n->ns == from)
        n->ns = to;
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->ns == from)
            a->ns = to;
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            S_ns_repoint(c, from, to);
}

/* A copied element declares the namespaces its original had in scope:
 * the declarations its new parent has in scope already are dropped. */
static void S_ns_tidy(xmlNodePtr copy)
{
    xmlNsPtr *link = &copy->nsDef;
    while (*link) {
        xmlNsPtr ns = *link;
        xmlNsPtr up = copy->parent
                          ? xmlSearchNs(copy->doc, copy->parent, ns->prefix)
                          : NULL;
        if (up && xmlStrEqual(up->href, ns->href)) {
            S_ns_repoint(copy, ns, up);
            *link = ns->next;
            ns->next = NULL;
            xmlFreeNs(ns);
        } else {
            link = &ns->next;
        }
    }
}

void bc_wml_fixup_notes(xmlNodePtr root, bc_wml_ids *ids, bool whole)
{
    bc_wml_note_kind kind = bc_wml_fixup_notes_kind(root);
    if (kind == BC_NOTE_NONE)
        return;
    xmlNodePtr *made = NULL;
    size_t nmade = 0, cap = 0;
    for (size_t i = 0; i < ids->copy_count; i++) {
        const bc_wml_note_copy *cp = &ids->copies[i];
        if (cp->kind != kind)
            continue;
        xmlNodePtr note = NULL;
        for (xmlNodePtr c = root->children; c && !note; c = c->next) {
            const char *id = bc_wml_is(c, S_note_names[kind][1])
                                 ? S_val(S_attr(c, "id", BC_W_NS))
                                 : NULL;
            if (id && strcmp(id, cp->from) == 0)
                note = c;
        }
        if (!note) /* a reference to no note: nothing to copy */
            continue;
        xmlNodePtr copy = xmlDocCopyNode(note, root->doc, 1);
        if (!copy)
            continue;
        xmlAddChild(root, copy);
        S_ns_tidy(copy);
        char fresh[32];
        snprintf(fresh, sizeof fresh, "%lu", cp->to);
        xmlAttrPtr a = S_attr(copy, "id", BC_W_NS);
        if (a)
            S_set_attr(copy, a, fresh);
        BC_GROW(made, cap, nmade + 1);
        made[nmade++] = copy;
    }
    idctx x = {ids, NULL, 0, 0, NULL, 0, 0};
    if (whole) {
        S_ids(&x, root);
    } else {
        for (size_t i = 0; i < nmade; i++)
            S_ids(&x, made[i]);
    }
    S_idctx_free(&x);
    free(made);
}

void bc_wml_fixup_max_notes(const xmlNode *root, unsigned long max[BC_NOTE_KINDS])
{
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        for (int k = 0; k < BC_NOTE_KINDS; k++) {
            if (!bc_wml_is(c, S_note_names[k][1]) && !bc_wml_is(c, S_note_names[k][2]))
                continue;
            const char *id = S_val(S_attr(c, "id", BC_W_NS));
            long v = id ? strtol(id, NULL, 10) : 0;
            if (v > 0 && (unsigned long)v > max[k])
                max[k] = (unsigned long)v;
        }
        bc_wml_fixup_max_notes(c, max);
    }
}

unsigned long bc_wml_fixup_max_id(const xmlNode *root)
{
    unsigned long best = 0;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        const char *id = NULL;
        if (S_is(c, "docPr"))
            id = S_val(S_plain_attr(c, "id"));
        else if (bc_wml_is(c, "bookmarkStart") || bc_wml_is(c, "bookmarkEnd"))
            id = S_val(S_attr(c, "id", BC_W_NS));
        else if (S_in_ns(c, BC_VML_NS)) {
            /* the number ending o:spid ("_x0000_s1026"); content control
             * ids are not counted: Word makes them random 32-bit numbers,
             * and fresh ids above one would not fit a bookmark's id */
            const char *sp = S_val(S_attr(c, "spid", BC_OFFICE_NS));
            size_t n = sp ? strlen(sp) : 0, k = n;
            while (k > 0 && sp[k - 1] >= '0' && sp[k - 1] <= '9')
                k--;
            if (k < n && n - k < 9)
                id = sp + k;
        }
        if (id) {
            unsigned long v = strtoul(id, NULL, 10);
            if (v > best)
                best = v;
        }
        unsigned long sub = bc_wml_fixup_max_id(c);
        if (sub > best)
            best = sub;
    }
    return best;
}
