/*
 * xalloc.c - allocation wrappers: abort on out-of-memory (see xalloc.h).
 */
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void S_oom(size_t n)
{
    fprintf(stderr, "baocao: out of memory (%zu bytes)\n", n);
    abort();
}

void *bc_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        S_oom(n);
    return p;
}

void *bc_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        S_oom(n * size);
    return p;
}

void *bc_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        S_oom(n);
    return q;
}

char *bc_xstrndup(const char *s, size_t n)
{
    char *p = bc_xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *bc_xstrdup(const char *s)
{
    return bc_xstrndup(s, strlen(s));
}
