/*
 * buf.h - growable byte buffer used for all text and XML building.
 *
 * A bc_buf owns its bytes; data is always NUL-terminated after a
 * successful append so it can be handed to C string functions.
 * Allocation failure aborts through bc_xmalloc (see alloc.h): the program
 * cannot do anything useful without memory, and every caller stays simple.
 */
#ifndef BC_BUF_H
#define BC_BUF_H

#include <stddef.h>
#include <stdarg.h>

typedef struct bc_buf {
    char *data;   /* NUL-terminated when len > 0 or after bc_buf_cstr() */
    size_t len;
    size_t cap;
} bc_buf;

#define BC_BUF_INIT {NULL, 0, 0}

void bc_buf_reserve(bc_buf *b, size_t extra);
void bc_buf_put(bc_buf *b, const char *s, size_t n);
void bc_buf_puts(bc_buf *b, const char *s);
/* Appends one byte (inline: the escapers and markup parsers call it per
 * character). */
static inline void bc_buf_putc(bc_buf *b, char c)
{
    if (b->len + 2 > b->cap)
        bc_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
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
