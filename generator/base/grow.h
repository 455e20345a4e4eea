/*
 * grow.h - the one way arrays grow: a capacity that doubles (from 8) until
 * it holds what is needed, through bc_xrealloc (xalloc.h: out of memory
 * aborts).
 *
 *     BC_GROW(list->items, list->cap, list->count + 1);
 *     list->items[list->count++] = item;
 */
#ifndef BC_GROW_H
#define BC_GROW_H

#include <stddef.h>

/* Returns p grown to hold at least `need` items of `elem` bytes, *cap set
 * to its new capacity; p itself when it holds them already. */
void *bc_grow(void *p, size_t *cap, size_t need, size_t elem);

/* bc_grow on an array variable and its capacity variable. */
#define BC_GROW(arr, cap, need) \
    ((arr) = bc_grow((arr), &(cap), (need), sizeof *(arr)))

#endif
