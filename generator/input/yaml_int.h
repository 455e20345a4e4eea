/*
 * yaml_int.h - what the YAML loader's files share (not a public
 * interface): the state of one load (a whole file in memory,
 * yaml_load.c, or a stream, yaml_reader.c), the events-to-nodes builder
 * (yaml_build.c) and the indents of the lines read (yaml_lines.c).
 */
#ifndef BC_YAML_INT_H
#define BC_YAML_INT_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/node.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <yaml.h>

#define BC_YAML_MAX_DEPTH 200
/* Values a document may expand to through aliases ("billion laughs"). */
#define BC_YAML_MAX_VALUES 1000000
/* A file read whole (a report, not a streamed batch). */
#define BC_YAML_MAX_BYTES (32 * 1024 * 1024)

/* The indentation of the lines read so far, from line `first` on (0-based,
 * counted by "\n"): a block scalar's node takes the indentation of its
 * first non-blank content line, which the review needs to place findings
 * inside it. A stream forgets the lines before the item it reads, so the
 * table holds a window of the file, not the file. */
typedef struct bc_yaml_lines {
    int *indent;          /* leading spaces of each line, -1 for a blank one */
    size_t first;         /* the line of indent[0] */
    size_t count, cap;
    size_t spaces;        /* the current line's leading spaces so far */
    bool decided;         /* the current line's entry is recorded */
} bc_yaml_lines;

/* Records the lines of the next n bytes of the input. */
void bc_yaml_lines_feed(bc_yaml_lines *t, const char *p, size_t n);
/* The indentation of the first non-blank line after 0-based line `line`
 * (a block scalar's indicator), 0 when there is none. */
int bc_yaml_lines_block_indent(const bc_yaml_lines *t, size_t line);
/* Lines before `line` will not be asked about again. */
void bc_yaml_lines_forget(bc_yaml_lines *t, size_t line);
void bc_yaml_lines_free(bc_yaml_lines *t);

typedef struct bc_yaml_anchor {
    char *name;
    bc_node *node;
    bool open;            /* the node is still being read: an alias to it
                             would make a loop */
    struct bc_yaml_anchor *next;
} bc_yaml_anchor;

typedef struct bc_yaml_loader {
    yaml_parser_t parser;
    bc_arena *arena;
    bc_diags *diags;
    const char *file;   /* file name shared by nodes (owned by `names`) */
    const char *data;   /* whole input (memory mode), NULL when streaming */
    size_t len;
    bc_yaml_anchor *anchors;
    int depth;
    bool bombed;            /* values past BC_YAML_MAX_VALUES */
    bool aliased;           /* an alias was expanded */
    bool stopped;           /* reading gave up (too deep, too many values):
                               the input is not read further */
    yaml_event_t pending;   /* one event of look-ahead */
    bool has_pending;
    bool read_failed;       /* the input handler failed (a read error) */
    bc_yaml_lines lines;    /* the indent of each line read (block scalars) */
    /* streaming mode */
    FILE *fp;
    size_t size;            /* file size, for progress */
    size_t consumed;        /* bytes handed to libyaml */
    bc_arena names;         /* holds `file` in streaming mode */
} bc_yaml_loader;


/* The next event (or the look-ahead one); false after a diagnostic. */
bool bc_yaml_build_next(bc_yaml_loader *L, yaml_event_t *ev);
/* The next event, left to be read again; false after a diagnostic. */
bool bc_yaml_build_peek(bc_yaml_loader *L, yaml_event_t **ev);
/* The node whose first event is ev (already read), its errors added;
 * NULL when it is bad. `key` names it in messages (NULL: an item). */
bc_node *bc_yaml_build_node(bc_yaml_loader *L, yaml_event_t *ev, const char *key);
/* Consumes the rest of a node whose first event was ev (already read), so
 * that the reader stays in step; false when libyaml failed. */
bool bc_yaml_build_skip(bc_yaml_loader *L, const yaml_event_t *ev);
/* An error at a libyaml mark. */
bc_diag *bc_yaml_build_error_at(bc_yaml_loader *L, yaml_mark_t m, const char *fmt,
                                const char *arg);
/* An error at byte `off` of the input (invalid UTF-8 found before libyaml
 * sees the bytes). */
void bc_yaml_build_bad_utf8(bc_yaml_loader *L, size_t off);
/* Forgets the anchors defined after `keep` (their nodes live in an arena
 * the caller resets); NULL: all. */
void bc_yaml_build_forget_anchors(bc_yaml_loader *L, bc_yaml_anchor *keep);

#endif
