/*
 * node.h - the data tree read from YAML or CSV: null, booleans, scalars,
 * lists and maps, each node remembering where it came from.
 *
 * Scalars keep the text exactly as written ("5.120" stays "5.120"); the
 * `plain` flag says the scalar was unquoted, which is what a typed reading
 * (the mustache spec runner) needs. Following the YAML 1.2 core schema as
 * narrowed by input.md 1.1, only true/false/null/~/empty plain scalars are
 * special; numbers are scalars.
 *
 * All nodes and strings live in a bc_arena owned by the caller. Map keys
 * and string values are NFC-normalised by the loader.
 */
#ifndef BC_MODEL_H
#define BC_MODEL_H

#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum bc_kind {
    BC_NULL,
    BC_BOOL,
    BC_SCALAR,
    BC_LIST,
    BC_MAP
} bc_kind;

typedef struct bc_node bc_node;

typedef struct bc_entry {
    const char *key;      /* NFC, NUL-terminated */
    size_t key_len;
    int line, col;        /* where the key was written */
    bc_node *value;
} bc_entry;

struct bc_node {
    bc_kind kind;
    bool plain;           /* scalar written without quotes or block style */
    char style;           /* scalar style: 'p' plain, '\'' single, '"' double,
                             '|' literal, '>' folded; 0 for other nodes */
    int indent;           /* block scalars: indentation of their lines */
    bool multiline;       /* a plain or quoted scalar written over several
                             lines (YAML joined them: its breaks are gone) */
    bool boolean;         /* BC_BOOL value */
    int line, col;        /* 1-based start of the node, 0 when synthetic */
    const char *file;     /* source file name (shared, not owned) */
    const char *str;      /* BC_SCALAR text (NFC, NUL-terminated) */
    size_t len;
    size_t weight;        /* values in the tree below, aliases counted in
                             full (bounds what an alias bomb expands to) */
    size_t count;         /* items of a list or entries of a map */
    size_t cap;
    bc_node **items;      /* BC_LIST */
    bc_entry *entries;    /* BC_MAP, in document order */
};

bc_node *bc_node_new(bc_arena *a, bc_kind kind);
bc_node *bc_node_scalar(bc_arena *a, const char *s, size_t len);
void bc_node_push(bc_arena *a, bc_node *list, bc_node *item);
/* Sets key (copied into the arena) to value, replacing an existing entry. */
bc_entry *bc_node_set(bc_arena *a, bc_node *map, const char *key, size_t klen,
                     bc_node *value);
/* Returns the entry for key or NULL. */
bc_entry *bc_node_entry(const bc_node *map, const char *key, size_t klen);
/* Returns the value for key, or NULL when absent or map is not a map. */
bc_node *bc_node_get(const bc_node *map, const char *key);
/* Follows a dotted path ("nguoi_ky.ho_ten"); NULL when any part is absent. */
bc_node *bc_node_path(const bc_node *root, const char *path);
/* True for a scalar with at least one non-space character. */
bool bc_node_has_text(const bc_node *n);
/* Deep copy into arena a. */
bc_node *bc_node_clone(bc_arena *a, const bc_node *n);
/* Merge rule of a batch (input.md 2): maps merge key by key recursively,
 * lists and scalars of `over` replace those of `base`. Returns a new tree
 * that may share unchanged subtrees with both inputs. */
bc_node *bc_node_merge(bc_arena *a, const bc_node *base, const bc_node *over);
/* Human name of a kind, for messages ("a list"). */
const char *bc_node_kind_name(bc_kind k);

#endif
