/*
 * wml.h - small helpers over libxml2 trees of WordprocessingML: the
 * namespace, element tests, attribute access, and an XML serializer that
 * writes elements exactly as the template had them.
 */
#ifndef BC_WML_H
#define BC_WML_H

#include "base/buf.h"

#include <libxml/tree.h>
#include <stdbool.h>

#define BC_W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define BC_VML_NS "urn:schemas-microsoft-com:vml"
#define BC_OFFICE_NS "urn:schemas-microsoft-com:office:office"
#define BC_MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

/* True when n is an element named `name` in the WordprocessingML namespace. */
bool bc_wml_is(const xmlNode *n, const char *name);
/* First element child of n named w:name, or NULL. */
xmlNodePtr bc_wml_child(const xmlNode *n, const char *name);
/* Value of attribute w:name (or unprefixed name), or NULL. Not copied. */
const char *bc_wml_attr(const xmlNode *n, const char *name);
/* Sets attribute w:name on n. */
void bc_wml_set_attr(xmlNodePtr n, const char *name, const char *value);
/* New element w:name (using n's document w namespace) as last child of
 * parent, or before `before` when it is not NULL. */
xmlNodePtr bc_wml_new(xmlNodePtr parent, xmlNodePtr before, const char *name);
/* Text content of a leaf element (its first text child), or "". */
const char *bc_wml_text(const xmlNode *n);

/* Replaces the text of a w:t (empty text leaves it empty), with
 * xml:space="preserve" so that edge spaces survive. */
void bc_wml_set_text(xmlNodePtr t, const char *text);

/* Text for a run's w:t, the mustache escape function of a .docx part:
 * & < > always escaped (raw too), " unless raw; a newline becomes a line
 * break and a tab a tab in the same run ("</w:t><w:br/><w:t
 * xml:space=\"preserve\">"), a carriage return is dropped; XML-illegal
 * characters (C0 controls but tab and newline, U+FFFE, U+FFFF) are
 * refused: the code point is returned (see mustache.h). */
unsigned bc_wml_escape_run(bc_buf *out, const char *s, size_t n, bool raw);

#endif
