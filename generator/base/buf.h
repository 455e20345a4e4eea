/*
 * buf.h - growable byte buffer used for all text and XML building.
 *
 * A bc_buf owns its bytes; data is always NUL-terminated after a
 * successful append so it can be handed to C string functions.
 * Allocation failure aborts through bc_xmalloc (see xalloc.h): the program
 * cannot do anything useful without memory, and every caller stays simple.
 */
#ifndef BC_BUF_H
#define BC_BUF_H

#include <stddef.h>
#include <stdarg.h>
#include <string.h>

typedef struct bc_buf {
    char *data;   /* NUL-terminated when len > 0 or after bc_buf_cstr() */
    size_t len;
    size_t cap;
} bc_buf;

#define BC_BUF_INIT {NULL, 0, 0}

void bc_buf_reserve(bc_buf *b, size_t extra);
/* The slow half of the appenders below: makes room for `extra` more bytes
 * and the NUL (bc_buf_reserve, out of line). */
void bc_buf_grow(bc_buf *b, size_t extra);
/* Appends n bytes (inline: the serializers call it per tag and attribute,
 * and a literal's length is then known at compile time). */
static inline void bc_buf_put(bc_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap)
        bc_buf_grow(b, n);
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void bc_buf_puts(bc_buf *b, const char *s)
{
    bc_buf_put(b, s, strlen(s));
}
/* Appends one byte (inline: the escapers and markup parsers call it per
 * character). */
static inline void bc_buf_putc(bc_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        bc_buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
/* Appends v in decimal, with leading zeros up to `width` digits (the
 * hot paths' "%zu" and "%02d", without printf's cost). */
void bc_buf_put_uint(bc_buf *b, unsigned long long v, int width);
void bc_buf_printf(bc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void bc_buf_vprintf(bc_buf *b, const char *fmt, va_list ap);
/* Returns a NUL-terminated view of the contents ("" when empty). */
const char *bc_buf_cstr(bc_buf *b);
/* Hands the bytes to the caller (who frees them) and resets the buffer. */
char *bc_buf_detach(bc_buf *b, size_t *len);
void bc_buf_clear(bc_buf *b);
void bc_buf_free(bc_buf *b);

#endif
