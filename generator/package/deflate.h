/*
 * deflate.h - a package part deflated with libdeflate and handed to
 * libzip as data that is already compressed.
 *
 * libzip copies such a source as it copies a part of another archive: it
 * writes the bytes, the CRC-32 and the sizes given here, and never runs
 * zlib on them. libdeflate compresses a whole buffer about twice as fast as
 * zlib at the same level, with smaller output, and its CRC-32 is faster
 * too. One compressor per thread is kept for the thread's life.
 */
#ifndef BC_ZIP_DEFLATED_H
#define BC_ZIP_DEFLATED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

/* A source of `len` bytes deflated at `level` (1..12). The bytes are
 * compressed at once, so `data` need not outlive the call. NULL when
 * memory runs out (libzip's error is set on z). With `not_smaller` given,
 * also NULL, with *not_smaller set and no error, when deflating does not
 * make the part smaller (a tiny part: the caller stores it). */
zip_source_t *bc_deflate_zip_source(zip_t *z, const void *data, size_t len,
                                     int level, bool *not_smaller);

/* `len` bytes deflated at `level` into a new malloc'd buffer of *out_len
 * bytes, with their CRC-32 in *crc; NULL when memory runs out. */
unsigned char *bc_deflate(const void *data, size_t len, int level,
                          size_t *out_len, uint32_t *crc);

/* A source of bytes bc_deflate made from `len` bytes with CRC-32 `crc`.
 * They are borrowed: they must outlive the archive's zip_close. */
zip_source_t *bc_deflate_zip_source_of(zip_t *z, const unsigned char *bytes,
                                        size_t comp_len, size_t len,
                                        uint32_t crc);

#endif
