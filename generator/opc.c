/*
 * opc.c - content types and relationships of a package (see opc.h).
 */
#include "opc.h"
#include "alloc.h"
#include "buf.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static xmlDocPtr S_parse(const bc_package *p, const char *name)
{
    bc_part *part = bc_package_find(p, name);
    if (!part)
        return NULL;
    return xmlReadMemory((const char *)part->data, (int)part->len, name, NULL,
                         XML_PARSE_NONET | XML_PARSE_NOBLANKS);
}

static const char *S_attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children)
            return (const char *)a->children->content;
    return NULL;
}

char *bc_opc_content_type(const bc_package *p, const char *part)
{
    if (part[0] == '/')
        part++;
    xmlDocPtr doc = S_parse(p, "[Content_Types].xml");
    if (!doc)
        return NULL;
    char *found = NULL;
    const char *ext = strrchr(part, '.');
    xmlNodePtr root = xmlDocGetRootElement(doc);
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
    xmlFreeDoc(doc);
    return found;
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

char *bc_opc_related(const bc_package *p, const char *source, const char *type)
{
    bc_buf rels = BC_BUF_INIT;
    const char *slash = strrchr(source, '/');
    if (slash) {
        bc_buf_put(&rels, source, (size_t)(slash - source + 1));
        bc_buf_printf(&rels, "_rels/%s.rels", slash + 1);
    } else {
        bc_buf_printf(&rels, "_rels/%s.rels", source);
    }
    xmlDocPtr doc = S_parse(p, bc_buf_cstr(&rels));
    bc_buf_free(&rels);
    if (!doc)
        return NULL;
    char *found = NULL;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    for (xmlNodePtr n = root ? root->children : NULL; n && !found; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        const char *t = S_attr(n, "Type");
        const char *target = S_attr(n, "Target");
        const char *mode = S_attr(n, "TargetMode");
        if (t && target && strcmp(t, type) == 0 &&
            !(mode && strcmp(mode, "External") == 0))
            found = S_resolve(source, target);
    }
    xmlFreeDoc(doc);
    return found;
}

char *bc_opc_main_document(const bc_package *p)
{
    return bc_opc_related(p, "", BC_REL_OFFICE_DOCUMENT);
}

bool bc_opc_is_text_part(const char *ct)
{
    static const char *const kinds[] = {
        "document.main+xml", "template.main+xml", "header+xml",
        "footer+xml",        "footnotes+xml",     "endnotes+xml",
        "comments+xml",      NULL};
    if (!ct || strncmp(ct, BC_CT_WML, strlen(BC_CT_WML)) != 0)
        return false;
    for (int i = 0; kinds[i]; i++)
        if (strcmp(ct + strlen(BC_CT_WML), kinds[i]) == 0)
            return true;
    return strcmp(ct, "application/vnd.ms-word.document.macroEnabled.main+xml") == 0;
}

void bc_opc_make_document(bc_package *p)
{
    bc_part *ct = bc_package_find(p, "[Content_Types].xml");
    if (!ct)
        return;
    const char *from = BC_CT_WML "template.main+xml";
    const char *to = BC_CT_WML "document.main+xml";
    char *hit = strstr((char *)ct->data, from);
    if (!hit)
        return;
    bc_buf b = BC_BUF_INIT;
    bc_buf_put(&b, (const char *)ct->data, (size_t)(hit - (char *)ct->data));
    bc_buf_puts(&b, to);
    bc_buf_puts(&b, hit + strlen(from));
    size_t len;
    char *data = bc_buf_detach(&b, &len);
    bc_package_put(p, "[Content_Types].xml", (unsigned char *)data, len);
}
