/*
 * wml.c - WordprocessingML tree helpers and serializer (see wml.h).
 */
#include "wml/wml.h"
#include "package/xml_escape.h"

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

/* ---- text in a run ------------------------------------------------------- */

#define RUN_RESUME "<w:t xml:space=\"preserve\">"

/* C0 controls are refused, but for the three that have a meaning in a run
 * (a tab, a line break; a carriage return is dropped). */
#define REFUSED_C0                                                           \
    [0x00] = BC_XML_REFUSED, [0x01] = BC_XML_REFUSED, [0x02] = BC_XML_REFUSED, \
    [0x03] = BC_XML_REFUSED, [0x04] = BC_XML_REFUSED, [0x05] = BC_XML_REFUSED, \
    [0x06] = BC_XML_REFUSED, [0x07] = BC_XML_REFUSED, [0x08] = BC_XML_REFUSED, \
    [0x0B] = BC_XML_REFUSED, [0x0C] = BC_XML_REFUSED, [0x0E] = BC_XML_REFUSED, \
    [0x0F] = BC_XML_REFUSED, [0x10] = BC_XML_REFUSED, [0x11] = BC_XML_REFUSED, \
    [0x12] = BC_XML_REFUSED, [0x13] = BC_XML_REFUSED, [0x14] = BC_XML_REFUSED, \
    [0x15] = BC_XML_REFUSED, [0x16] = BC_XML_REFUSED, [0x17] = BC_XML_REFUSED, \
    [0x18] = BC_XML_REFUSED, [0x19] = BC_XML_REFUSED, [0x1A] = BC_XML_REFUSED, \
    [0x1B] = BC_XML_REFUSED, [0x1C] = BC_XML_REFUSED, [0x1D] = BC_XML_REFUSED, \
    [0x1E] = BC_XML_REFUSED, [0x1F] = BC_XML_REFUSED,                         \
    ['\n'] = "</w:t><w:br/>" RUN_RESUME, ['\t'] = "</w:t><w:tab/>" RUN_RESUME, \
    ['\r'] = "", ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;"

static const bc_xml_escaper S_run = {
    .ascii = {REFUSED_C0, ['"'] = "&quot;"},
    .also = '&',
    .nonchars = true,
};
/* {{{x}}} skips only what is HTML's own: the quote */
static const bc_xml_escaper S_run_raw = {
    .ascii = {REFUSED_C0},
    .also = '&',
    .nonchars = true,
};

unsigned bc_wml_escape_run(bc_buf *out, const char *s, size_t n, bool raw)
{
    return bc_xml_escape(out, s, n, raw ? &S_run_raw : &S_run);
}
