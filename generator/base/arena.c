/*
 * arena.c - bump allocator (see arena.h).
 */
#include "base/arena.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

#define BC_ARENA_CHUNK (64 * 1024)

struct bc_arena_chunk {
    bc_arena_chunk *next;
    size_t size;
    _Alignas(16) unsigned char data[];
};

static bc_arena_chunk *S_chunk_new(size_t size)
{
    bc_arena_chunk *c = bc_xmalloc(sizeof *c + size);
    c->next = NULL;
    c->size = size;
    return c;
}

/* n bytes, not cleared. */
static void *S_alloc(bc_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!a->chunks || a->used + n > a->chunks->size) {
        size_t size = n > BC_ARENA_CHUNK / 4 ? n : BC_ARENA_CHUNK;
        bc_arena_chunk *c = S_chunk_new(size);
        if (a->chunks && size != BC_ARENA_CHUNK) {
            /* a big block: keep the current chunk current */
            c->next = a->chunks->next;
            a->chunks->next = c;
            return c->data;
        }
        c->next = a->chunks;
        a->chunks = c;
        a->used = 0;
    }
    void *p = a->chunks->data + a->used;
    a->used += n;
    return p;
}

void *bc_arena_alloc(bc_arena *a, size_t n)
{
    void *p = S_alloc(a, n);
    memset(p, 0, n);
    return p;
}

char *bc_arena_strndup(bc_arena *a, const char *s, size_t n)
{
    char *p = S_alloc(a, n + 1); /* every byte is written */
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bc_arena_strdup(bc_arena *a, const char *s)
{
    return bc_arena_strndup(a, s, strlen(s));
}

void bc_arena_reset(bc_arena *a)
{
    if (!a->chunks)
        return;
    bc_arena_chunk *keep = a->chunks;
    bc_arena_chunk *c = keep->next;
    while (c) {
        bc_arena_chunk *n = c->next;
        free(c);
        c = n;
    }
    if (keep->size != BC_ARENA_CHUNK) {
        free(keep);
        a->chunks = NULL;
    } else {
        keep->next = NULL;
    }
    a->used = 0;
}

void bc_arena_free(bc_arena *a)
{
    bc_arena_chunk *c = a->chunks;
    while (c) {
        bc_arena_chunk *n = c->next;
        free(c);
        c = n;
    }
    a->chunks = NULL;
    a->used = 0;
}
