/*
 * pdf_syntax.h - the token level of PDF (ISO 32000-1 7.2-7.3): skipping
 * white space and comments, the extent of one object value, a key's value
 * in a dictionary, references and numbers, and a dictionary with one entry
 * set. Everything reads spans of a byte buffer; nothing is copied or
 * allocated but what is appended to a bc_buf.
 */
#ifndef BC_PDF_SYNTAX_H
#define BC_PDF_SYNTAX_H

#include "base/buf.h"

#include <stdbool.h>
#include <stddef.h>

/* Bytes [start, end) of a buffer. */
typedef struct bc_pdf_span {
    size_t start, end;
} bc_pdf_span;

#define BC_PDF_BAD ((size_t)-1)

/* The first byte at or after pos that is neither white space nor part of
 * a comment (len when there is none). */
size_t bc_pdf_syntax_skip(const unsigned char *s, size_t len, size_t pos);

/* The end of the object value that starts at pos (a dictionary, array,
 * string, name, number, keyword), or BC_PDF_BAD when it is malformed or
 * runs past len. "N G R" is three values; see bc_pdf_syntax_value. */
size_t bc_pdf_syntax_token_end(const unsigned char *s, size_t len, size_t pos);

/* The value at pos as a span, an "N G R" reference taken whole. False when
 * malformed. */
bool bc_pdf_syntax_value(const unsigned char *s, size_t len, size_t pos, bc_pdf_span *value);

/* The value of /key (given without the slash) among the top-level entries
 * of the dictionary that starts at dict.start ("<<"). */
bool bc_pdf_syntax_dict_get(const unsigned char *s, bc_pdf_span dict, const char *key,
                            bc_pdf_span *value);

/* Appends the text (len bytes) that starts with a dictionary with /key
 * (without the slash) set to value: its value replaced where the key is,
 * else the entry added before the closing ">>"; what follows the
 * dictionary (a stream) is kept. False, with nothing appended, when the
 * text does not start with a dictionary. */
bool bc_pdf_syntax_dict_set(bc_buf *out, const char *text, size_t len, const char *key,
                            const char *value);

/* The object number of a reference "N G R" spanning v. */
bool bc_pdf_syntax_ref(const unsigned char *s, bc_pdf_span v, unsigned *num);

/* A number (integer or real) spanning v. */
bool bc_pdf_syntax_number(const unsigned char *s, bc_pdf_span v, double *out);

/* True when span v holds exactly the name /name. */
bool bc_pdf_syntax_is_name(const unsigned char *s, bc_pdf_span v, const char *name);

/* Appends v with two decimals and a point, whatever LC_NUMERIC says
 * (magnitudes beyond 1e15 as 1e15, NaN as 0). */
void bc_pdf_syntax_put_real(bc_buf *b, double v);

#endif
