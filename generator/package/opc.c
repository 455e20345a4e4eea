/*
 * opc.c - content types and relationships of a package (see opc.h).
 */
#include "package/opc.h"
#include "base/xalloc.h"
#include "base/buf.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

xmlDocPtr bc_opc_parse(const bc_package *p, const char *name)
{
    bc_part *part = name ? bc_package_find(p, name) : NULL;
    if (!part)
        return NULL;
    return xmlReadMemory((const char *)part->data, (int)part->len, name, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                             XML_PARSE_NOWARNING);
}
static const char *S_attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children)
            return (const char *)a->children->content;
    return NULL;
}

/* Content type of `part` by the parsed [Content_Types].xml (root): an
 * Override for the part, else the Default for its extension. */
static char *S_type_of(xmlNodePtr root, const char *part)
{
    if (part[0] == '/')
        part++;
    char *found = NULL;
    const char *ext = strrchr(part, '.');
    for (xmlNodePtr n = root ? root->children : NULL; n && !found; n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Override"))
            continue;
        const char *pn = S_attr(n, "PartName");
        if (pn && pn[0] == '/' && strcasecmp(pn + 1, part) == 0) {
            const char *ct = S_attr(n, "ContentType");
            found = ct ? bc_xstrdup(ct) : NULL;
        }
    }
    for (xmlNodePtr n = root ? root->children : NULL; n && !found && ext;
         n = n->next) {
        if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "Default"))
            continue;
        const char *e = S_attr(n, "Extension");
        if (e && strcasecmp(e, ext + 1) == 0) {
            const char *ct = S_attr(n, "ContentType");
            found = ct ? bc_xstrdup(ct) : NULL;
        }
    }
    return found;
}

char **bc_opc_content_types(const bc_package *p)
{
    char **types = bc_xcalloc(p->count + 1, sizeof *types);
    xmlDocPtr doc = bc_opc_parse(p, "[Content_Types].xml");
    if (!doc)
        return types;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (size_t i = 0; i < p->count; i++)
        types[i] = S_type_of(root, p->parts[i].name);
    xmlFreeDoc(doc);
    return types;
}

char *bc_opc_type_of(const bc_package *p, const char *part)
{
    xmlDocPtr doc = bc_opc_parse(p, "[Content_Types].xml");
    if (!doc)
        return NULL;
    char *t = S_type_of(xmlDocGetRootElement(doc), part);
    xmlFreeDoc(doc);
    return t;
}

bool bc_opc_types_readable(const bc_package *p)
{
    xmlDocPtr doc = bc_opc_parse(p, "[Content_Types].xml");
    if (!doc)
        return false;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    bool ok = root && strcmp((const char *)root->name, "Types") == 0;
    xmlFreeDoc(doc);
    return ok;
}

void bc_opc_types_free(char **types, size_t count)
{
    for (size_t i = 0; types && i < count; i++)
        free(types[i]);
    free(types);
}

/* Resolves a relationship target against the source part's folder. */
static char *S_resolve(const char *source, const char *target)
{
    bc_buf b = BC_BUF_INIT;
    if (target[0] == '/') {
        bc_buf_puts(&b, target + 1);
    } else {
        const char *slash = strrchr(source, '/');
        if (slash)
            bc_buf_put(&b, source, (size_t)(slash - source + 1));
        bc_buf_puts(&b, target);
    }
    /* fold "x/../" and "./" */
    char *s = bc_buf_detach(&b, NULL);
    char *out = bc_xmalloc(strlen(s) + 1);
    size_t o = 0;
    for (char *seg = s; *seg;) {
        char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            if (o > 0)
                o--;
            while (o > 0 && out[o - 1] != '/')
                o--;
        } else if (!(len == 1 && seg[0] == '.') && len > 0) {
            memcpy(out + o, seg, len);
            o += len;
            if (end)
                out[o++] = '/';
        }
        seg += len + (end ? 1 : 0);
    }
    out[o] = '\0';
    free(s);
    return out;
}

char *bc_opc_rels_name(const char *source)
{
    bc_buf rels = BC_BUF_INIT;
    const char *slash = strrchr(source, '/');
    if (slash) {
        bc_buf_put(&rels, source, (size_t)(slash - source + 1));
        bc_buf_printf(&rels, "_rels/%s.rels", slash + 1);
    } else {
        bc_buf_printf(&rels, "_rels/%s.rels", source);
    }
    return bc_buf_detach(&rels, NULL);
}

/* The first internal relationship of source whose attribute `attr` is
 * `value`, resolved to a part name. */
static char *S_find_rel(const bc_package *p, const char *source,
                        const char *attr, const char *value)
{
    char *rels = bc_opc_rels_name(source);
    xmlDocPtr doc = bc_opc_parse(p, rels);
    free(rels);
    if (!doc)
        return NULL;
    char *found = NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n && !found; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *v = S_attr(n, attr);
        const char *target = S_attr(n, "Target");
        const char *mode = S_attr(n, "TargetMode");
        if (v && target && strcmp(v, value) == 0 &&
            !(mode && strcmp(mode, "External") == 0))
            found = S_resolve(source, target);
    }
    xmlFreeDoc(doc);
    return found;
}

char *bc_opc_related(const bc_package *p, const char *source, const char *type)
{
    return S_find_rel(p, source, "Type", type);
}

char *bc_opc_target(const bc_package *p, const char *source, const char *id)
{
    return S_find_rel(p, source, "Id", id);
}

char *bc_opc_main_document(const bc_package *p)
{
    return bc_opc_related(p, "", BC_REL_OFFICE_DOCUMENT);
}

/* The main document's content types: a document, a template, and their
 * macro-enabled forms (.docm, .dotm). */
static const char *const S_main_types[] = {
    BC_CT_WML "document.main+xml", BC_CT_WML "template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml", NULL};

bool bc_opc_is_main_type(const char *ct)
{
    for (int i = 0; ct && S_main_types[i]; i++)
        if (strcmp(ct, S_main_types[i]) == 0)
            return true;
    return false;
}

bool bc_opc_is_text_part(const char *ct)
{
    static const char *const kinds[] = {
        "header+xml",   "footer+xml",   "footnotes+xml",
        "endnotes+xml", "comments+xml", NULL};
    if (bc_opc_is_main_type(ct))
        return true;
    if (!ct || strncmp(ct, BC_CT_WML, strlen(BC_CT_WML)) != 0)
        return false;
    for (int i = 0; kinds[i]; i++)
        if (strcmp(ct + strlen(BC_CT_WML), kinds[i]) == 0)
            return true;
    return false;
}

void bc_opc_store(bc_package *p, const char *name, xmlDocPtr doc)
{
    xmlChar *mem = NULL;
    int len = 0;
    xmlDocDumpMemoryEnc(doc, &mem, &len, "UTF-8");
    bc_package_set(p, name, mem, (size_t)len);
    xmlFree(mem);
}

char *bc_opc_add_part(bc_package *p, const char *source, const char *part,
                      const char *content_type, const char *rel_type)
{
    static const char ct_ns[] =
        "http://schemas.openxmlformats.org/package/2006/content-types";
    static const char rel_ns[] =
        "http://schemas.openxmlformats.org/package/2006/relationships";
    xmlDocPtr ct = bc_opc_parse(p, "[Content_Types].xml");
    if (!ct) {
        ct = xmlNewDoc((const xmlChar *)"1.0");
        xmlNodePtr r = xmlNewNode(NULL, (const xmlChar *)"Types");
        xmlSetNs(r, xmlNewNs(r, (const xmlChar *)ct_ns, NULL));
        xmlDocSetRootElement(ct, r);
    }
    xmlNodePtr root = xmlDocGetRootElement(ct);
    bc_buf pn = BC_BUF_INIT;
    bc_buf_printf(&pn, "/%s", part[0] == '/' ? part + 1 : part);
    /* one Override per part: a stale one (a template that lost the part
     * but kept its Override) is replaced, not doubled */
    xmlNodePtr o = NULL;
    for (xmlNodePtr n = root->children, next; n; n = next) {
        next = n->next;
        const char *v = n->type == XML_ELEMENT_NODE &&
                                strcmp((const char *)n->name, "Override") == 0
                            ? S_attr(n, "PartName")
                            : NULL;
        if (!v || strcasecmp(v, bc_buf_cstr(&pn)) != 0)
            continue;
        if (!o) {
            o = n;
        } else {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
        }
    }
    if (!o)
        o = xmlNewChild(root, root->ns, (const xmlChar *)"Override", NULL);
    xmlSetProp(o, (const xmlChar *)"PartName", (const xmlChar *)bc_buf_cstr(&pn));
    xmlSetProp(o, (const xmlChar *)"ContentType", (const xmlChar *)content_type);
    bc_buf_free(&pn);
    bc_opc_store(p, "[Content_Types].xml", ct);
    xmlFreeDoc(ct);

    char *rels_name = bc_opc_rels_name(source);
    xmlDocPtr rels = bc_opc_parse(p, rels_name);
    if (!rels) {
        rels = xmlNewDoc((const xmlChar *)"1.0");
        xmlNodePtr r = xmlNewNode(NULL, (const xmlChar *)"Relationships");
        xmlSetNs(r, xmlNewNs(r, (const xmlChar *)rel_ns, NULL));
        xmlDocSetRootElement(rels, r);
    }
    root = xmlDocGetRootElement(rels);
    /* a fresh id: rIdBc1, rIdBc2... */
    char id[32];
    for (int k = 1;; k++) {
        snprintf(id, sizeof id, "rIdBc%d", k);
        bool used = false;
        for (xmlNodePtr n = root->children; n && !used; n = n->next) {
            const char *v = n->type == XML_ELEMENT_NODE ? S_attr(n, "Id") : NULL;
            used = v && strcmp(v, id) == 0;
        }
        if (!used)
            break;
    }
    /* the target, relative to the source's folder when it is inside it */
    const char *target = part[0] == '/' ? part + 1 : part;
    const char *slash = strrchr(source, '/');
    size_t dir = slash ? (size_t)(slash - source + 1) : 0;
    bc_buf tb = BC_BUF_INIT;
    if (dir && strncmp(target, source, dir) == 0)
        bc_buf_puts(&tb, target + dir);
    else
        bc_buf_printf(&tb, "/%s", target);
    xmlNodePtr r = xmlNewChild(root, root->ns, (const xmlChar *)"Relationship", NULL);
    xmlSetProp(r, (const xmlChar *)"Id", (const xmlChar *)id);
    xmlSetProp(r, (const xmlChar *)"Type", (const xmlChar *)rel_type);
    xmlSetProp(r, (const xmlChar *)"Target", (const xmlChar *)bc_buf_cstr(&tb));
    bc_buf_free(&tb);
    bc_opc_store(p, rels_name, rels);
    xmlFreeDoc(rels);
    free(rels_name);
    return bc_xstrdup(id);
}

/* The content types of a VBA project and of its data: the parts a
 * macro-free document may not hold. */
static bool S_is_macro_type(const char *ct)
{
    return ct && (strcmp(ct, "application/vnd.ms-office.vbaProject") == 0 ||
                  strcmp(ct, "application/vnd.ms-word.vbaData+xml") == 0);
}

/* Removes from every relationships part of p the relationships whose
 * internal target is one of the `n` names of `gone`. */
static void S_drop_rels_to(bc_package *p, char **gone, size_t n)
{
    for (size_t i = 0; i < p->count; i++) {
        const char *rn = p->parts[i].name;
        size_t l = strlen(rn);
        if (l < 5 || strcmp(rn + l - 5, ".rels") != 0)
            continue;
        /* the source part of "DIR/_rels/NAME.rels" is "DIR/NAME" */
        const char *r = strstr(rn, "_rels/");
        if (!r)
            continue;
        bc_buf src = BC_BUF_INIT;
        bc_buf_put(&src, rn, (size_t)(r - rn));
        bc_buf_put(&src, r + 6, l - 5 - (size_t)(r + 6 - rn));
        xmlDocPtr doc = bc_opc_parse(p, rn);
        xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
        bool changed = false;
        for (xmlNodePtr c = root ? root->children : NULL, next; c; c = next) {
            next = c->next;
            const char *target = c->type == XML_ELEMENT_NODE ? S_attr(c, "Target") : NULL;
            const char *mode = target ? S_attr(c, "TargetMode") : NULL;
            if (!target || (mode && strcmp(mode, "External") == 0))
                continue;
            char *t = S_resolve(bc_buf_cstr(&src), target);
            for (size_t k = 0; k < n; k++)
                if (strcasecmp(t, gone[k]) == 0) {
                    xmlUnlinkNode(c);
                    xmlFreeNode(c);
                    changed = true;
                    break;
                }
            free(t);
        }
        if (changed)
            bc_opc_store(p, rn, doc);
        xmlFreeDoc(doc);
        bc_buf_free(&src);
    }
}

void bc_opc_make_document(bc_package *p)
{
    xmlDocPtr doc = bc_opc_parse(p, "[Content_Types].xml");
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        xmlFreeDoc(doc);
        return;
    }
    /* the parts of the VBA project, found by their content types */
    char **types = bc_opc_content_types(p);
    char **gone = bc_xcalloc(p->count + 1, sizeof *gone);
    size_t ngone = 0;
    for (size_t i = 0; i < p->count; i++)
        if (S_is_macro_type(types[i]))
            gone[ngone++] = bc_xstrdup(p->parts[i].name);
    bc_opc_types_free(types, p->count);
    bool changed = false;
    for (xmlNodePtr n = root->children, next; n; n = next) {
        next = n->next;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *ct = S_attr(n, "ContentType");
        const char *pn = strcmp((const char *)n->name, "Override") == 0
                             ? S_attr(n, "PartName")
                             : NULL;
        /* an Override naming no part (a stale one) goes too */
        bool stale = pn && !(pn[0] == '/' && bc_package_find(p, pn + 1));
        if (S_is_macro_type(ct) || stale) {
            xmlUnlinkNode(n);
            xmlFreeNode(n);
            changed = true;
        } else if (bc_opc_is_main_type(ct) && strcmp(ct, S_main_types[0]) != 0) {
            xmlSetProp(n, (const xmlChar *)"ContentType", (const xmlChar *)S_main_types[0]);
            changed = true;
        }
    }
    if (changed)
        bc_opc_store(p, "[Content_Types].xml", doc);
    xmlFreeDoc(doc);
    if (ngone) {
        S_drop_rels_to(p, gone, ngone);
        for (size_t k = 0; k < ngone; k++) {
            char *rels = bc_opc_rels_name(gone[k]);
            bc_package_remove(p, rels);
            bc_package_remove(p, gone[k]);
            free(rels);
            free(gone[k]);
        }
    }
    free(gone);
}
