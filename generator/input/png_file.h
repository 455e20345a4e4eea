/*
 * png_file.h - a clerk's PNG image (the signer's signature, the agency's
 * seal: input.md 1.1) read whole and looked at with libpng: its size in
 * pixels and its resolution (the pHYs chunk), the bytes kept unchanged to
 * be embedded in documents. Only the header is decoded (signature, IHDR,
 * and the chunks before the image data): the pixels are not, so a batch
 * with a seal per commune reads each file once at the cost of a copy.
 * Bounded (docs/limits.md, E015): a regular file of at most
 * BC_PNG_FILE_MAX bytes.
 */
#ifndef BC_PNG_FILE_H
#define BC_PNG_FILE_H

#include "base/arena.h"
#include "base/buf.h"

#include <stddef.h>
#include <stdint.h>

#define BC_PNG_FILE_MAX (4u << 20) /* 4 MiB: a seal at 600 dpi is under 1 MiB */

typedef struct bc_png_file {
    const unsigned char *bytes; /* the file as it is */
    size_t len;
    uint32_t width, height;     /* pixels */
    /* pixels per metre (pHYs with the metre as its unit); 0 when the file
     * gives no resolution */
    uint32_t ppm_x, ppm_y;
} bc_png_file;

/* Reads the PNG file at `path` into *out, its bytes in arena a. Returns 0,
 * or -1 with why it cannot be used in `why` (translated, starting with a
 * lower-case verb or noun: "no such file", "is not a PNG image..."). */
int bc_png_file_read(const char *path, bc_arena *a, bc_png_file *out, bc_buf *why);

#endif
