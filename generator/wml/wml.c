/*
 * wml.c - WordprocessingML tree helpers and serializer (see wml.h).
 */
#include "wml/wml.h"

#include <string.h>

bool bc_wml_is(const xmlNode *n, const char *name)
{
    /* the name first: it differs far more often than the namespace */
    return n && n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->name, name) == 0 &&
           strcmp((const char *)n->ns->href, BC_W_NS) == 0;
}

xmlNodePtr bc_wml_child(const xmlNode *n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (bc_wml_is(c, name))
            return c;
    return NULL;
}

const char *bc_wml_attr(const xmlNode *n, const char *name)
{
    for (xmlAttrPtr a = n ? n->properties : NULL; a; a = a->next)
        if (strcmp((const char *)a->name, name) == 0 && a->children &&
            a->children->content)
            return (const char *)a->children->content;
    return NULL;
}

void bc_wml_set_attr(xmlNodePtr n, const char *name, const char *value)
{
    xmlNsPtr ns = xmlSearchNsByHref(n->doc, n, (const xmlChar *)BC_W_NS);
    xmlSetNsProp(n, ns, (const xmlChar *)name, (const xmlChar *)value);
}

xmlNodePtr bc_wml_new(xmlNodePtr parent, xmlNodePtr before, const char *name)
{
    xmlNsPtr ns = xmlSearchNsByHref(parent->doc, parent, (const xmlChar *)BC_W_NS);
    xmlNodePtr n = xmlNewDocNode(parent->doc, ns, (const xmlChar *)name, NULL);
    if (before)
        xmlAddPrevSibling(before, n);
    else
        xmlAddChild(parent, n);
    return n;
}

void bc_wml_set_text(xmlNodePtr t, const char *text)
{
    xmlNodePtr c = t->children;
    while (c) {
        xmlNodePtr next = c->next;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
        c = next;
    }
    if (*text)
        xmlAddChild(t, xmlNewDocText(t->doc, (const xmlChar *)text));
    xmlNsPtr xml = xmlSearchNs(t->doc, t, (const xmlChar *)"xml");
    if (xml)
        xmlSetNsProp(t, xml, (const xmlChar *)"space", (const xmlChar *)"preserve");
}

const char *bc_wml_text(const xmlNode *n)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) &&
            c->content)
            return (const char *)c->content;
    return "";
}

static void S_escape(bc_buf *out, const char *s, size_t n, bool attr)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        const char *rep = NULL;
        switch (s[i]) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '{': rep = "&#123;"; break;
        case '"': rep = attr ? "&quot;" : NULL; break;
        case '\n': rep = attr ? "&#10;" : NULL; break;
        case '\r': rep = "&#13;"; break;
        case '\t': rep = attr ? "&#9;" : NULL; break;
        default: break;
        }
        if (rep) {
            bc_buf_put(out, s + start, i - start);
            bc_buf_puts(out, rep);
            start = i + 1;
        }
    }
    bc_buf_put(out, s + start, n - start);
}

void bc_xml_escape_text(bc_buf *out, const char *s, size_t n)
{
    S_escape(out, s, n, false);
}

void bc_xml_escape_attr(bc_buf *out, const char *s, size_t n)
{
    S_escape(out, s, n, true);
}

static void S_qname(bc_buf *out, const xmlNode *n)
{
    if (n->ns && n->ns->prefix) {
        bc_buf_puts(out, (const char *)n->ns->prefix);
        bc_buf_putc(out, ':');
    }
    bc_buf_puts(out, (const char *)n->name);
}

/* True when an ancestor declares the same prefix for the same namespace
 * (a copied node carries its own declaration; writing it again is noise). */
static bool S_declared_above(const xmlNode *n, const xmlNs *ns)
{
    for (const xmlNode *a = n->parent; a && a->type == XML_ELEMENT_NODE; a = a->parent)
        for (const xmlNs *d = a->nsDef; d; d = d->next) {
            bool same_prefix = (!d->prefix && !ns->prefix) ||
                               (d->prefix && ns->prefix &&
                                strcmp((const char *)d->prefix, (const char *)ns->prefix) == 0);
            if (same_prefix)
                return strcmp((const char *)d->href, (const char *)ns->href) == 0;
        }
    return false;
}

void bc_xml_write_start(bc_buf *out, const xmlNode *n)
{
    bc_buf_putc(out, '<');
    S_qname(out, n);
    for (xmlNsPtr ns = n->nsDef; ns; ns = ns->next) {
        if (S_declared_above(n, ns))
            continue;
        if (ns->prefix) {
            bc_buf_puts(out, " xmlns:");
            bc_buf_puts(out, (const char *)ns->prefix);
            bc_buf_puts(out, "=\"");
        } else
            bc_buf_puts(out, " xmlns=\"");
        bc_xml_escape_attr(out, (const char *)ns->href, strlen((const char *)ns->href));
        bc_buf_putc(out, '"');
    }
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        bc_buf_putc(out, ' ');
        if (a->ns && a->ns->prefix) {
            bc_buf_puts(out, (const char *)a->ns->prefix);
            bc_buf_putc(out, ':');
        }
        bc_buf_puts(out, (const char *)a->name);
        bc_buf_puts(out, "=\"");
        for (xmlNodePtr v = a->children; v; v = v->next)
            if (v->content)
                bc_xml_escape_attr(out, (const char *)v->content,
                                   strlen((const char *)v->content));
        bc_buf_putc(out, '"');
    }
}

static bool S_has_element_child(const xmlNode *n)
{
    for (xmlNodePtr c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE)
            return true;
    return false;
}

static bool S_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

void bc_xml_write_node(bc_buf *out, const xmlNode *n)
{
    switch (n->type) {
    case XML_ELEMENT_NODE:
        bc_xml_write_start(out, n);
        if (!n->children) {
            bc_buf_puts(out, "/>");
            return;
        }
        bc_buf_putc(out, '>');
        for (xmlNodePtr c = n->children; c; c = c->next)
            bc_xml_write_node(out, c);
        bc_buf_puts(out, "</");
        S_qname(out, n);
        bc_buf_putc(out, '>');
        return;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        if (!n->content)
            return;
        if (n->parent && S_has_element_child(n->parent) &&
            S_blank((const char *)n->content))
            return;
        bc_xml_escape_text(out, (const char *)n->content,
                           strlen((const char *)n->content));
        return;
    case XML_PI_NODE: /* kept: the renderer's own placeholders are PIs */
        bc_buf_puts(out, "<?");
        bc_buf_puts(out, (const char *)n->name);
        if (n->content) {
            bc_buf_putc(out, ' ');
            bc_buf_puts(out, (const char *)n->content);
        }
        bc_buf_puts(out, "?>");
        return;
    default:
        return; /* comments */
    }
}
