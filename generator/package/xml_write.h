/*
 * xml_write.h - a libxml2 tree written back as XML text, elements exactly
 * as they were read (prefixes, namespace declarations where they were,
 * attributes in order), text through the template-safe escaper
 * (xml_escape.h: "{" as &#123;).
 */
#ifndef BC_XML_WRITE_H
#define BC_XML_WRITE_H

#include "base/buf.h"

#include <libxml/tree.h>

/* Writes the start tag of an element (name, namespace declarations,
 * attributes) without the closing ">" so callers may add attributes. */
void bc_xml_write_start(bc_buf *out, const xmlNode *n);
/* Serializes a whole subtree. Whitespace-only text between elements is
 * dropped; text of leaf elements is kept. */
void bc_xml_write_node(bc_buf *out, const xmlNode *n);

#endif
