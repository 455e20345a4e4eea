/*
 * grow.c - arrays that double (see grow.h).
 */
#include "base/grow.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>

void *bc_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap : 8;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elem)
            abort(); /* no machine holds that array */
        c *= 2;
    }
    p = bc_xrealloc(p, c * elem);
    *cap = c;
    return p;
}
