/*
 * package.h - an OPC package (.docx) held in memory: read through
 * libzip, parts replaced or added, written back deterministically (fixed
 * order with [Content_Types].xml first, fixed DOS timestamps, no extra
 * fields), so the same input gives the same bytes.
 */
#ifndef BC_DOCX_PACKAGE_H
#define BC_DOCX_PACKAGE_H

#include "base/buf.h"
#include "base/diag.h"
#include "package/embedded.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct bc_part {
    char *name;              /* part name without leading "/" */
    unsigned char *data;     /* owned bytes (not NUL-terminated necessarily) */
    size_t len;
    /* data deflated ahead of writing (bc_package_deflate; owned), or NULL;
     * dropped whenever data is replaced */
    unsigned char *deflated;
    size_t deflated_len;
    uint32_t crc;            /* CRC-32 of data, with `deflated` */
    bool stored;             /* written as it is, never deflated (an image:
                                compressed already) */
} bc_part;

typedef struct bc_package {
    bc_part *parts;
    size_t count;
    size_t cap;
} bc_package;

#define BC_PACKAGE_INIT {NULL, 0, 0}

/* Reads every part of a zip file. Returns 0, or -1 with a diagnostic. */
int bc_package_read_file(bc_package *p, const char *path, bc_diags *d);
/* Reads a package from zip bytes in memory. */
int bc_package_read_mem(bc_package *p, const char *name, const void *data,
                        size_t len, bc_diags *d);
/* Copies a package tree compiled into the binary. */
void bc_package_from_embedded(bc_package *p, const bc_embedded_file *files);
void bc_package_copy(bc_package *dst, const bc_package *src);
bc_part *bc_package_find(const bc_package *p, const char *name);
/* Replaces (or adds) a part with a copy of data. */
void bc_package_set(bc_package *p, const char *name, const void *data,
                    size_t len);
/* Replaces (or adds) a part, taking ownership of malloc'd data. */
void bc_package_put(bc_package *p, const char *name, unsigned char *data,
                    size_t len);
/* bc_package_put for a part written as it is, never deflated. */
void bc_package_put_stored(bc_package *p, const char *name, unsigned char *data,
                           size_t len);
void bc_package_remove(bc_package *p, const char *name);

/* A DOS date for every zip entry (deterministic output). */
typedef struct bc_zip_date {
    int year, month, day; /* 1980..2107, 1..12, 1..31 */
} bc_zip_date;

/* Writes the package as a zip into out. level: deflate level 1..9. */
int bc_package_write(const bc_package *p, bc_zip_date date, int level,
                     bc_buf *out, bc_diags *d);
/* Writes the parts of `base` in its order, each taken from `over` when it
 * has it (compressed at `level`), else copied compressed from base_zip (the
 * same package zipped before) without recompressing; then the parts of
 * `over` that base lacks, in over's order (a report's images). */
int bc_package_write_over(const bc_package *base, const void *base_zip,
                          size_t base_len, const bc_package *over,
                          bc_zip_date date, int level, bc_buf *out,
                          bc_diags *d);
/* Deflates now, at `level`, the parts bc_package_write_over would deflate
 * when it writes `p` as its `over` (those large enough to gain from it),
 * and keeps the result with each part for the write to copy. A batch
 * deflates the documents of several reports in a row this way. */
void bc_package_deflate(bc_package *p, int level);
void bc_package_free(bc_package *p);

#endif
