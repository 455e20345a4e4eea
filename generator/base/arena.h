/*
 * arena.h - bump allocator for data that lives and dies together (one
 * document's data tree, one batch entry). Freeing the arena frees all.
 */
#ifndef BC_ARENA_H
#define BC_ARENA_H

#include <stddef.h>

typedef struct bc_arena_chunk bc_arena_chunk;

typedef struct bc_arena {
    bc_arena_chunk *chunks;
    size_t used;   /* bytes used in the current chunk */
} bc_arena;

#define BC_ARENA_INIT {NULL, 0}

void *bc_arena_alloc(bc_arena *a, size_t n);          /* zeroed, 16-aligned */
char *bc_arena_strndup(bc_arena *a, const char *s, size_t n);
char *bc_arena_strdup(bc_arena *a, const char *s);
/* Frees all but the first chunk so the arena can be reused cheaply. */
void bc_arena_reset(bc_arena *a);
void bc_arena_free(bc_arena *a);

#endif
