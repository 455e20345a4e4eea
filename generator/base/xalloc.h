/*
 * xalloc.h - allocation wrappers with one out-of-memory policy: abort with a
 * message. Library code never checks malloc results itself.
 */
#ifndef BC_ALLOC_H
#define BC_ALLOC_H

#include <stddef.h>

void *bc_xmalloc(size_t n);
void *bc_xcalloc(size_t n, size_t size);
void *bc_xrealloc(void *p, size_t n);
char *bc_xstrdup(const char *s);
char *bc_xstrndup(const char *s, size_t n);

#endif
