/*
 * import_docx_xml.c - element and attribute tests for the import reader
 * (see import_docx_xml.h).
 */
#include "import/import_docx_xml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define S_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define S_W_STRICT_NS "http://purl.oclc.org/ooxml/wordprocessingml/main"

bool bc_import_docx_xml_is_w(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->ns || !n->ns->href)
        return false;
    const char *h = (const char *)n->ns->href;
    return strcmp(h, S_W_NS) == 0 || strcmp(h, S_W_STRICT_NS) == 0;
}

bool bc_import_docx_xml_is(const xmlNode *n, const char *name)
{
    return bc_import_docx_xml_is_w(n) && strcmp((const char *)n->name, name) == 0;
}

xmlNodePtr bc_import_docx_xml_child(const xmlNode *n, const char *name)
{
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
        if (bc_import_docx_xml_is(c, name))
            return c;
    return NULL;
}

const char *bc_import_docx_xml_attr(const xmlNode *n, const char *name)
{
    if (!n || n->type != XML_ELEMENT_NODE)
        return NULL;
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (strcmp((const char *)a->name, name) != 0)
            continue;
        if (a->ns && a->ns->href && strcmp((const char *)a->ns->href, S_W_NS) != 0 &&
            strcmp((const char *)a->ns->href, S_W_STRICT_NS) != 0)
            continue;
        xmlNodePtr t = a->children;
        return t && t->type == XML_TEXT_NODE && t->content ? (const char *)t->content : "";
    }
    return NULL;
}

int bc_import_docx_xml_on(const xmlNode *n)
{
    const char *v = bc_import_docx_xml_attr(n, "val");
    if (!v)
        return 1;
    return !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 || strcmp(v, "off") == 0 ||
             strcmp(v, "none") == 0);
}

long bc_import_docx_xml_int(const xmlNode *n, const char *name, long def, long lo,
                            long hi)
{
    const char *v = bc_import_docx_xml_attr(n, name);
    if (!v)
        return def;
    char *end;
    errno = 0;
    long x = strtol(v, &end, 10);
    if (end == v)
        return def;
    if (errno == ERANGE)
        x = x < 0 ? lo : hi;
    return x < lo ? lo : x > hi ? hi : x;
}
