/*
 * check_int.h - what the files of the Decree 30 review share (check.c and
 * check_*.c; not a public interface): the review's context, the way a
 * finding is placed on a YAML node, and small text tests on the clerk's
 * values.
 */
#ifndef BC_CHECK_INT_H
#define BC_CHECK_INT_H

#include "base/diag.h"
#include "report/doc_types.h"
#include "input/node.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct bc_check_ctx {
    const bc_node *in;           /* the report's map */
    bc_diags *d;                 /* findings of this review (sorted later) */
    const bc_doc_type *type;     /* from `loai`; NULL when unknown */
    int y, m, day;               /* `ngay` when valid, else 0 */
    int py, pm;                  /* first month of `ky_bao_cao`, else 0 */
    int errors;
} bc_check_ctx;

/* A finding on a node (its file, line and column). */
void bc_check_at(bc_check_ctx *c, bc_severity sev, const char *id, const bc_node *at,
               const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A finding at a position of file `at_file` (the file of a node). */
void bc_check_pos(bc_check_ctx *c, bc_severity sev, const char *id,
                const bc_node *at_file, int line, int col, const char *fmt,
                ...) __attribute__((format(printf, 7, 8)));
/* A finding at the key of a map entry (for something missing from it). */
void bc_check_key(bc_check_ctx *c, bc_severity sev, const char *id,
                const bc_node *map, const bc_entry *e, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Line and column in the file of byte `off` of a scalar's text. */
void bc_check_locate(bc_check_ctx *c, const bc_node *v, size_t off, int *line,
                   int *col);
/* Byte offset in v->str of the first non-blank character of line `line`
 * (1-based) of the scalar's text. */
size_t bc_check_line_start(const bc_node *v, int line);

/* A scalar with some text under key, or NULL. */
const bc_node *bc_check_value(const bc_node *map, const char *key);
/* A text-or-list value as items: a text is one item, a list its items. */
size_t bc_check_count(const bc_node *v);
const bc_node *bc_check_item(const bc_node *v, size_t i);

/* The text without mustache tags ({{...}} removed), trimmed, malloc'd. */
char *bc_check_words_untagged(const char *s, size_t n);
/* A short quotation of a text for a message (at most 48 characters, "…"
 * when cut), malloc'd. */
char *bc_check_words_quote(const char *s, size_t n);
/* True when s has letters and none of them is lower case ("KẾT QUẢ"). */
bool bc_check_words_all_caps(const char *s, size_t n);
/* True when s holds a lower-case letter. */
bool bc_check_words_has_lower(const char *s, size_t n);
/* True when the first character of s is an upper-case letter. */
bool bc_check_words_starts_upper(const char *s, size_t n);
/* True when s, lower-cased, starts with the (lower-case) word w followed
 * by a space or the end. */
bool bc_check_words_starts_word(const char *s, size_t n, const char *w);
/* Case-insensitive search of a whole word or phrase (lower-case w) in s;
 * byte offset of the first match, or -1. */
long bc_check_words_find(const char *s, size_t n, const char *w);
/* Number of code points of s[0..n). */
size_t bc_check_words_chars(const char *s, size_t n);

/* The rules, by concern. */
void bc_check_text_keys(bc_check_ctx *c);        /* check_text.c: C01 */
void bc_check_header(bc_check_ctx *c);      /* check_header.c: L10, L15, C02 */
void bc_check_header_summary(bc_check_ctx *c);     /* check_header.c: L17, L19 */
void bc_check_body(bc_check_ctx *c);        /* check_body.c: L22, C03 */
void bc_check_spelling(bc_check_ctx *c);    /* check_spelling.c: L36, L37, L38 */
void bc_check_closing_signer(bc_check_ctx *c);      /* check_closing.c: L23, L24, L25 */
void bc_check_closing_recipients(bc_check_ctx *c);  /* check_closing.c: L27, L28 */
void bc_check_reform(bc_check_ctx *c);      /* check_reform.c: L31 */
void bc_check_text_spaces(bc_check_ctx *c);      /* check_text.c: L32 */

#endif
