/*
 * deflate.c - parts deflated by libdeflate, given to libzip as
 * already-compressed sources (see deflate.h).
 */
#include "package/deflate.h"

#include <libdeflate.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- one compressor per thread and level ------------------------------ */

typedef struct compressor {
    int level;
    struct libdeflate_compressor *c;
} compressor;

static pthread_key_t S_key;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_free_compressor(void *p)
{
    compressor *k = p;
    libdeflate_free_compressor(k->c);
    free(k);
}

static void S_make_key(void)
{
    pthread_key_create(&S_key, S_free_compressor);
}

static struct libdeflate_compressor *S_compressor(int level)
{
    pthread_once(&S_once, S_make_key);
    compressor *k = pthread_getspecific(S_key);
    if (k && k->level == level)
        return k->c;
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c)
        return NULL;
    if (k) {
        libdeflate_free_compressor(k->c);
    } else {
        k = malloc(sizeof *k);
        if (!k) {
            libdeflate_free_compressor(c);
            return NULL;
        }
        pthread_setspecific(S_key, k);
    }
    k->level = level;
    k->c = c;
    return c;
}

/* ---- the source --------------------------------------------------------- */

typedef struct deflated {
    unsigned char *bytes;   /* raw DEFLATE stream */
    bool owned;             /* freed with the source */
    size_t comp_len, len;   /* compressed and original sizes */
    size_t pos;             /* read position */
    uint32_t crc;           /* CRC-32 of the original */
    zip_error_t error;
} deflated;

static zip_int64_t S_callback(void *user, void *data, zip_uint64_t n,
                              zip_source_cmd_t cmd)
{
    deflated *s = user;
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        s->pos = 0;
        return 0;
    case ZIP_SOURCE_READ: {
        size_t left = s->comp_len - s->pos;
        size_t k = n < left ? (size_t)n : left;
        memcpy(data, s->bytes + s->pos, k);
        s->pos += k;
        return (zip_int64_t)k;
    }
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_STAT: {
        zip_stat_t *st = data;
        if (n < sizeof *st) {
            zip_error_set(&s->error, ZIP_ER_INVAL, 0);
            return -1;
        }
        zip_stat_init(st);
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
                    ZIP_STAT_CRC | ZIP_STAT_ENCRYPTION_METHOD;
        st->size = s->len;
        st->comp_size = s->comp_len;
        st->comp_method = ZIP_CM_DEFLATE;
        st->encryption_method = ZIP_EM_NONE;
        st->crc = s->crc;
        return sizeof *st;
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&s->error, data, n);
    case ZIP_SOURCE_FREE:
        if (s->owned)
            free(s->bytes);
        zip_error_fini(&s->error);
        free(s);
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
                                              ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
                                              ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

unsigned char *bc_deflate(const void *data, size_t len, int level,
                          size_t *out_len, uint32_t *crc)
{
    struct libdeflate_compressor *c = S_compressor(level);
    size_t cap = c ? libdeflate_deflate_compress_bound(c, len) : 0;
    unsigned char *bytes = c ? malloc(cap ? cap : 1) : NULL;
    if (!bytes)
        return NULL;
    *out_len = libdeflate_deflate_compress(c, data, len, bytes, cap);
    *crc = (uint32_t)libdeflate_crc32(0, data, len);
    return bytes;
}

/* A source over s (taken: freed when the source cannot be made). */
static zip_source_t *S_source(zip_t *z, deflated *s)
{
    zip_error_init(&s->error);
    zip_source_t *src = zip_source_function(z, S_callback, s);
    if (!src) {
        if (s->owned)
            free(s->bytes);
        zip_error_fini(&s->error);
        free(s);
    }
    return src;
}

zip_source_t *bc_deflate_zip_source(zip_t *z, const void *data, size_t len,
                                     int level, bool *not_smaller)
{
    if (not_smaller)
        *not_smaller = false;
    deflated *s = calloc(1, sizeof *s);
    unsigned char *bytes = s ? bc_deflate(data, len, level, &s->comp_len, &s->crc)
                             : NULL;
    if (!bytes) {
        free(s);
        zip_error_set(zip_get_error(z), ZIP_ER_MEMORY, 0);
        return NULL;
    }
    if (not_smaller && s->comp_len >= len) {
        *not_smaller = true;
        free(bytes);
        free(s);
        return NULL;
    }
    s->bytes = bytes;
    s->owned = true;
    s->len = len;
    return S_source(z, s);
}

zip_source_t *bc_deflate_zip_source_of(zip_t *z, const unsigned char *bytes,
                                        size_t comp_len, size_t len,
                                        uint32_t crc)
{
    deflated *s = calloc(1, sizeof *s);
    if (!s) {
        zip_error_set(zip_get_error(z), ZIP_ER_MEMORY, 0);
        return NULL;
    }
    s->bytes = (unsigned char *)bytes; /* borrowed: never written */
    s->owned = false;
    s->comp_len = comp_len;
    s->len = len;
    s->crc = crc;
    return S_source(z, s);
}
