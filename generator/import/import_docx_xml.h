/*
 * import_docx_xml.h - element and attribute tests over a clerk's .docx
 * parts for the import reader: WordprocessingML elements in the
 * transitional namespace or the Strict one (ISO 29500 Strict, which Word
 * writes on request), w:val read as a number or an on/off switch.
 */
#ifndef BC_IMPORT_DOCX_XML_H
#define BC_IMPORT_DOCX_XML_H

#include <libxml/tree.h>
#include <stdbool.h>

/* True when n is the element w:name (either namespace). */
bool bc_import_docx_xml_is(const xmlNode *n, const char *name);
/* True when n is an element in the WordprocessingML namespace. */
bool bc_import_docx_xml_is_w(const xmlNode *n);
/* First element child w:name of n (n may be NULL), or NULL. */
xmlNodePtr bc_import_docx_xml_child(const xmlNode *n, const char *name);
/* Attribute w:name (or unprefixed) of n, or NULL; not copied. */
const char *bc_import_docx_xml_attr(const xmlNode *n, const char *name);
/* w:val of a switch element (w:b, w:pageBreakBefore): 0 for "0",
 * "false", "off", "none", else 1 (also when there is no w:val). */
int bc_import_docx_xml_on(const xmlNode *n);
/* Attribute w:name of n read as a decimal integer clamped to lo..hi;
 * def when absent or not a number. */
long bc_import_docx_xml_int(const xmlNode *n, const char *name, long def, long lo,
                            long hi);

#endif
