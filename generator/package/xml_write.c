/*
 * xml_write.c - libxml2 trees written back as XML text (see xml_write.h).
 */
#include "package/xml_write.h"
#include "package/xml_escape.h"

#include <string.h>

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
        bc_xml_escape(out, (const char *)ns->href, strlen((const char *)ns->href),
                      &bc_xml_escape_attr);
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
                bc_xml_escape(out, (const char *)v->content,
                              strlen((const char *)v->content), &bc_xml_escape_attr);
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
        bc_xml_escape(out, (const char *)n->content,
                      strlen((const char *)n->content), &bc_xml_escape_text);
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
