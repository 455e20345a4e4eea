/*
 * xml_escape.h - the one XML escaper of the program: text and attribute
 * values written into the XML parts it makes, each place with its own
 * table of what a byte becomes.
 *
 * An escaper is a table over the ASCII bytes (a replacement, "" to drop
 * the byte, BC_XML_REFUSED to refuse it, NULL to copy it) and a choice
 * to refuse U+FFFE and U+FFFF, which XML cannot carry. Escaping skips
 * the bytes no table looks at 16 or 8 at a time (base/byte_scan.h), so
 * only C0 controls, & < > ", the lead byte of U+FFFE/U+FFFF and the
 * escaper's own `also` byte may have an entry.
 *
 * The escapers every layer shares are declared here; a layer with a use
 * of its own (a WordprocessingML run: a newline as a line break) defines
 * its own table (wml/wml.h).
 */
#ifndef BC_XML_ESCAPE_H
#define BC_XML_ESCAPE_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* The replacement that refuses a byte. */
extern const char bc_xml_escape_refused[];
#define BC_XML_REFUSED bc_xml_escape_refused

typedef struct bc_xml_escaper {
    const char *ascii[128];  /* what each ASCII byte becomes (see above) */
    unsigned char also;      /* a byte beside the specials the table
                                names ("{"), or '&' for none */
    bool nonchars;           /* U+FFFE and U+FFFF refused */
} bc_xml_escaper;

/* Appends s[0..n) escaped by e. Returns 0, or the code point of the first
 * refused character, BC_UTF8_NUL for U+0000 (what comes before it is
 * appended). */
unsigned bc_xml_escape(bc_buf *out, const char *s, size_t n,
                       const bc_xml_escaper *e);

/* Element text of a part that is turned into a template: & < > as
 * entities, "{" as &#123; (so no static text looks like a {{tag}}), a
 * carriage return as &#13;. Also every part re-serialized after it. */
extern const bc_xml_escaper bc_xml_escape_text;
/* An attribute value of such a part: as text, and " tab newline as
 * references. */
extern const bc_xml_escaper bc_xml_escape_attr;
/* A one-line property (document title, author): & < > as entities, a
 * newline as a space. */
extern const bc_xml_escaper bc_xml_escape_line;

#endif
