/*
 * pdf_string.h - PDF strings (ISO 32000-1 7.3.4, 7.9.2): the bytes of a
 * literal "(...)" or hexadecimal "<...>" string, a text string as UTF-8
 * (UTF-16BE with its byte order mark, else PDFDocEncoding), and UTF-8 text
 * written as a UTF-16BE hexadecimal string (what a signer's Vietnamese
 * name needs).
 */
#ifndef BC_PDF_STRING_H
#define BC_PDF_STRING_H

#include "base/buf.h"
#include "pdf/pdf_syntax.h"

#include <stdbool.h>

/* Appends the bytes of the string spanning v to out. False when v is no
 * string or is malformed (out may hold part of it then). */
bool bc_pdf_string_bytes(const unsigned char *s, bc_pdf_span v, bc_buf *out);

/* The text string spanning v as UTF-8 (malloc'd), or NULL when it is no
 * string. */
char *bc_pdf_string_text(const unsigned char *s, bc_pdf_span v);

/* Appends UTF-8 text as <FEFF...> (ASCII text as a literal string). */
void bc_pdf_string_put_text(bc_buf *out, const char *utf8);

#endif
