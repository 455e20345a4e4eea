/*
 * body_markup.h - the light markup of the report body (input.md 1.3):
 * blocks of non-empty lines, numbering patterns that start a block,
 * **bold** and *italic* emphasis, backslash escapes, and the "./." ending.
 */
#ifndef BC_BODY_MARKUP_H
#define BC_BODY_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

typedef enum bc_block_kind {
    BC_BLK_PARAGRAPH = 0,  /* anything else: justified, first-line indent */
    BC_BLK_PART,           /* "I." "II." ... part heading, bold */
    BC_BLK_ITEM_TITLE,     /* "1." title: one short line, no final full stop */
    BC_BLK_ITEM,           /* "1." sentence: a normal body paragraph */
    BC_BLK_SUBITEM_TITLE,  /* "2.1." "2.3.1." title: bold italic */
    BC_BLK_SUBITEM,        /* "2.1." sentence */
    BC_BLK_POINT,          /* "a)" ... "đ)" ... */
    BC_BLK_DASH,           /* "- " item, the dash kept */
    BC_BLK_PLUS,           /* "+ " item, the plus kept */
    BC_BLK_TABLE,          /* "| ... |" lines with a delimiter row (body_table.h);
                              its style is the cells' paragraphs' */
    BC_BLK_KIND_COUNT
} bc_block_kind;

/* An emphasis span over the block's text (after markers were removed). */
typedef struct bc_span {
    size_t start, len;     /* byte range in bc_block.text */
    bool bold, italic;
} bc_span;

typedef struct bc_table bc_table;             /* body_table.h */
typedef struct bc_table_issue bc_table_issue; /* body_table.h */

typedef struct bc_block {
    bc_block_kind kind;
    char *text;            /* the block's text, lines joined with a space,
                              markers and escapes removed, NUL-terminated */
    size_t len;
    bc_span *spans;        /* emphasis spans, in order, not overlapping */
    size_t span_count;
    int line;              /* 1-based line of the block in the body text */
    bc_table *table;       /* BC_BLK_TABLE: its rows (text: its cells'
                                text, for the rules that read text) */
} bc_block;

typedef struct bc_body {
    bc_block *blocks;
    size_t count;
    bc_table_issue *issues; /* the tables' errors and warnings */
    size_t issue_count;
} bc_body;

/* Splits rendered body text into blocks and classifies them; the last
 * block gets the "./." ending (a final "." becomes "./.", any other ending
 * gets "./." appended, nothing when it already ends with "./."; a table
 * gets none). A line starting with "|" starts a block running to the
 * first line that does not; with a delimiter row as its second line it is
 * a table (body_table.h), whose problems go to out->issues. */
void bc_body_markup_parse(const char *text, size_t n, bc_body *out);
/* bc_body_markup_parse, the "./." ending only when `ending` (an
 * appendix's body has none). */
void bc_body_markup_parse_opts(const char *text, size_t n, bool ending, bc_body *out);
void bc_body_markup_free(bc_body *b);

/* bc_body_markup_parse_opts of a text, shared with the next call on the
 * same thread for the same text (the report checks the body's tables,
 * then the renderer writes it): valid until the thread's next call with
 * another text; not to be freed. */
const bc_body *bc_body_markup_parse_shared(const char *text, size_t n, bool ending);

/* The text of a piece of a block (a table cell): "\*" escapes and
 * **bold** / *italic* emphasis resolved into out's text and spans; out's
 * kind is PARAGRAPH. */
void bc_body_markup_inline(const char *s, size_t n, bc_block *out);
/* A short English name of a kind ("part heading"), for messages. */
const char *bc_body_markup_kind_name(bc_block_kind k);

#endif
