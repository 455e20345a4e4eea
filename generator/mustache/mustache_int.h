/*
 * mustache_int.h - the mustache engine's private view of a compiled
 * template: the program (flat operations with jump indices), the partial
 * caches, and what compiling (mustache.c) and applying (mustache_apply.c)
 * share. Nothing outside the engine includes it.
 */
#ifndef BC_MUSTACHE_INT_H
#define BC_MUSTACHE_INT_H

#include "mustache/mustache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>


#define NONE ((size_t)-1)
#define MAX_APPLY_ERRORS 100  /* per apply; then a note says how many more */
#define TAG_SHOWN 60          /* bytes of a tag quoted in a message */

/* ---- compiled program --------------------------------------------------- */

enum {
    OP_TEXT,
    OP_VAR,
    OP_SECTION,
    OP_INVERTED,
    OP_PARTIAL,
    OP_PARENT,
    OP_BLOCK,
    OP_HOST
};

enum {
    F_BOL = 1,    /* starts a template line: indentation goes before it */
    F_RAW = 2,    /* {{{x}}} or {{&x}} */
    F_DYN = 4,    /* partial or parent whose name is looked up in the data */
    F_INLINE = 8  /* block whose first content line follows its tag */
};

typedef struct mprog mprog;

typedef struct mop {
    uint8_t kind;
    uint8_t flags;
    uint32_t nseg;       /* name segments; 0 for "." */
    size_t end;          /* SECTION..BLOCK: index just past the body */
    size_t str, len;     /* TEXT: the text; others: the name (pool) */
    size_t seg;          /* first name segment */
    size_t aux, aux_len; /* PARTIAL/PARENT/BLOCK: indentation; HOST: arg */
    size_t tag, tag_len; /* the tag as written, for messages (pool) */
    size_t slot;         /* static PARTIAL/PARENT: slot of the unit */
    const mprog *prog;   /* static PARTIAL/PARENT: resolved program */
    size_t offset;       /* byte offset of the tag in its source */
    int line, col;
} mop;

typedef struct mseg {
    size_t off, len;
} mseg;

struct mprog {
    mop *ops;
    size_t nops;
    char *pool;
    size_t pool_len;
    mseg *segs;
    size_t nsegs;
    char *name;  /* diagnostics "file": template name or partial name */
    bool main;   /* offsets are those of the caller's source */
};

typedef struct slot {
    char *name;
    size_t len;
    mprog *prog;  /* NULL: no such partial (renders empty) or broken */
    bool pending; /* registered, not compiled yet */
} slot;

typedef struct cache {
    slot *v;
    size_t n, cap;
} cache;

struct bc_mtpl {
    mprog *main;
    cache partials;
    bc_mpartial_fn partial;
    void *partial_closure;
    bc_mlocate_fn locate;
    void *locate_closure;
    char host_sigil;
    bool is_static;
};

/* ---- compiling: the unit ------------------------------------------------ */

/* One compilation: the main template at compile time, or the partials a
 * dynamic name needs at apply time. New partials go into `own`; `base`
 * (the template's cache, read only) is looked in first. */
typedef struct unit {
    cache *own;
    const cache *base;
    bc_mpartial_fn load;
    void *load_closure;
    bc_mlocate_fn locate;
    void *locate_closure;
    bc_mshown_fn shown;
    char sigil;
    bc_diags *d;
    size_t errors;
} unit;

#include "base/grow.h"
/* Index of partial `name` in a cache, or NONE. */
size_t bc_mustache_cache_find(const cache *c, const char *name, size_t len);
void bc_mustache_cache_free(cache *c);
/* Compiles every pending partial of u->own from index `first` on, then
 * points the operations at their partials (main may be NULL). */
void bc_mustache_unit_run(unit *u, size_t first, mprog *main);

#endif
