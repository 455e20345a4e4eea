/*
 * buf.c - growable byte buffer (see buf.h).
 */
#include "base/buf.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void bc_buf_reserve(bc_buf *b, size_t extra)
{
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    b->data = bc_xrealloc(b->data, cap);
    b->cap = cap;
}

void bc_buf_grow(bc_buf *b, size_t extra)
{
    bc_buf_reserve(b, extra);
}

/* Formats into the room the buffer has (made 64 bytes at least) and only
 * when that is too small formats again, into exactly enough. */
void bc_buf_vprintf(bc_buf *b, const char *fmt, va_list ap)
{
    bc_buf_reserve(b, 64);
    size_t room = b->cap - b->len;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(b->data + b->len, room, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->data[b->len] = '\0';
        return;
    }
    if ((size_t)n >= room) {
        bc_buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    }
    b->len += (size_t)n;
}

void bc_buf_put_uint(bc_buf *b, unsigned long long v, int width)
{
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n < width && n < (int)sizeof digits)
        digits[n++] = '0';
    if (b->len + (size_t)n + 1 > b->cap)
        bc_buf_grow(b, (size_t)n);
    while (n)
        b->data[b->len++] = digits[--n];
    b->data[b->len] = '\0';
}

void bc_buf_printf(bc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

const char *bc_buf_cstr(bc_buf *b)
{
    if (!b->data)
        bc_buf_reserve(b, 0), b->data[0] = '\0';
    return b->data;
}

char *bc_buf_detach(bc_buf *b, size_t *len)
{
    bc_buf_cstr(b);
    char *p = b->data;
    if (len)
        *len = b->len;
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void bc_buf_clear(bc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void bc_buf_free(bc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
