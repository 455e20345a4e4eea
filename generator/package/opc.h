/*
 * opc.h - Open Packaging Conventions look-ups over a bc_package:
 * content types ([Content_Types].xml) and relationships (the _rels folders).
 * Parts are found through these, never by file name.
 */
#ifndef BC_OPC_H
#define BC_OPC_H

#include "package/package.h"

#include <libxml/tree.h>

#include <stdbool.h>

#define BC_CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define BC_REL_OFFICE_DOCUMENT \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
#define BC_REL_STYLES \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"

/* Parses a part of the package (NULL when absent or not well-formed; no
 * message printed). The caller frees the document. */
xmlDocPtr bc_opc_parse(const bc_package *p, const char *name);
/* Serializes doc into part `name` of p (replacing it). */
void bc_opc_store(bc_package *p, const char *name, xmlDocPtr doc);

/* The content types of every part of p (one parse of [Content_Types].xml),
 * aligned with p->parts; an entry is NULL for a part with none. Free with bc_opc_types_free(types,
 * p->count). */
char **bc_opc_content_types(const bc_package *p);
void bc_opc_types_free(char **types, size_t count);
/* The content type of one part (malloc'd), or NULL. */
char *bc_opc_type_of(const bc_package *p, const char *part);
/* True when [Content_Types].xml is there and well-formed (a <Types>). */
bool bc_opc_types_readable(const bc_package *p);
/* Name of the target of the first relationship of `type` from `source`
 * ("" for the package itself), resolved to a part name (malloc'd), or
 * NULL. */
char *bc_opc_related(const bc_package *p, const char *source, const char *type);
/* Name of the target of relationship `id` from `source`, resolved to a
 * part name (malloc'd), or NULL (unknown id, or an external target). */
char *bc_opc_target(const bc_package *p, const char *source, const char *id);
/* The relationships part name of a part ("word/_rels/document.xml.rels"),
 * malloc'd. */
char *bc_opc_rels_name(const char *source);
/* The main document part ("word/document.xml"), malloc'd, or NULL. */
char *bc_opc_main_document(const bc_package *p);
/* True for a main document's content type: .docx, .dotx, .docm, .dotm. */
bool bc_opc_is_main_type(const char *content_type);
/* True when the content type is one whose text is templated: main document
 * (document or template), header, footer, footnotes, endnotes, comments. */
bool bc_opc_is_text_part(const char *content_type);
/* Registers part `part` (already in p, or added by the caller): an
 * Override with `content_type` in [Content_Types].xml, and a relationship
 * of `rel_type` from `source` (its .rels part created when missing).
 * Returns the new relationship id (malloc'd). */
char *bc_opc_add_part(bc_package *p, const char *source, const char *part,
                      const char *content_type, const char *rel_type);
/* Makes p a macro-free .docx: the main document part's content type
 * becomes the .docx one (a .dotx, .docm or .dotm template renders into a
 * .docx), and the VBA project (vbaProject.bin, vbaData.xml, found by their
 * content types) is removed with its relationships, its own .rels and its
 * content-type entries. */
void bc_opc_make_document(bc_package *p);

#endif
