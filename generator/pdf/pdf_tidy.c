/*
 * pdf_tidy.c - the clock's dates in LibreOffice's PDF replaced by the
 * report's date (see pdf_tidy.h).
 */
#include "pdf/pdf_tidy.h"
#include "base/xalloc.h"

#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An ICC profile larger than this is not LibreOffice's sRGB one. */
#define S_MAX_ICC (1u << 20)

/* Rebuilds a dictionary's text with key's value replaced by value. */
static void S_dict_with(bc_buf *out, const unsigned char *s, bc_pdf_span dict, bc_pdf_span old,
                        const char *value, size_t len)
{
    bc_buf_put(out, (const char *)s + dict.start, old.start - dict.start);
    bc_buf_put(out, value, len);
    bc_buf_put(out, (const char *)s + old.end, dict.end - old.end);
}

/* Sets stream object num to its dictionary with the new data, /Length
 * (direct or in an object of its own) following. */
static void S_set_stream(bc_pdf_write *w, unsigned num, bc_pdf_span dict, const void *data,
                         size_t len)
{
    const unsigned char *s = w->f->data;
    bc_pdf_span len_value;
    bc_buf b = BC_BUF_INIT;
    char number[24];
    int n = snprintf(number, sizeof number, "%zu", len);
    unsigned len_obj;
    bc_pdf_syntax_dict_get(s, dict, "Length", &len_value); /* bc_pdf_file_stream found it */
    if (bc_pdf_syntax_ref(s, len_value, &len_obj)) {
        bc_pdf_write_set(w, len_obj, number, (size_t)n);
        bc_buf_put(&b, (const char *)s + dict.start, dict.end - dict.start);
    } else {
        S_dict_with(&b, s, dict, len_value, number, (size_t)n);
    }
    bc_buf_puts(&b, "\nstream\n");
    bc_buf_put(&b, data, len);
    bc_buf_puts(&b, "\nendstream");
    bc_pdf_write_set(w, num, b.data, b.len);
    bc_buf_free(&b);
}

static bool S_info_dates(bc_pdf_write *w, const bc_pdf_tidy_date *t)
{
    const bc_pdf_file *f = w->f;
    bc_pdf_span info;
    if (!f->info || !bc_pdf_file_object(f, f->info, &info))
        return true;
    char date[40];
    int n = snprintf(date, sizeof date, "(D:%04d%02d%02d000000+07'00')", t->year, t->month,
                     t->day);
    bc_buf b = BC_BUF_INIT;
    bc_buf_put(&b, (const char *)f->data + info.start, info.end - info.start);
    for (int k = 0; k < 2; k++) {
        const char *key = k ? "ModDate" : "CreationDate";
        bc_pdf_span dict = {0, b.len}, v;
        if (!bc_pdf_syntax_dict_get((const unsigned char *)b.data, dict, key, &v))
            continue;
        bc_buf next = BC_BUF_INIT;
        S_dict_with(&next, (const unsigned char *)b.data, dict, v, date, (size_t)n);
        bc_buf_free(&b);
        b = next;
    }
    bc_pdf_write_set(w, f->info, b.data, b.len);
    bc_buf_free(&b);
    return true;
}

/* The XMP packet's dates, when it is stored uncompressed (LibreOffice's
 * is: PDF/A readers look for it). */
static bool S_xmp_dates(bc_pdf_write *w, const bc_pdf_tidy_date *t)
{
    const bc_pdf_file *f = w->f;
    const unsigned char *s = f->data;
    bc_pdf_span meta, dict, data, filter;
    unsigned num;
    if (!bc_pdf_file_get(f, f->root, "Metadata", &meta) || !bc_pdf_syntax_ref(s, meta, &num))
        return true;
    if (!bc_pdf_file_stream(f, num, &dict, &data))
        return false;
    if (bc_pdf_syntax_dict_get(s, dict, "Filter", &filter))
        return true;
    char date[32];
    snprintf(date, sizeof date, "%04d-%02d-%02dT00:00:00+07:00", t->year, t->month, t->day);
    static const char *const tags[] = {"xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"};
    bc_buf b = BC_BUF_INIT;
    size_t p = data.start;
    while (p < data.end) {
        const char *lt = memchr(s + p, '<', data.end - p);
        if (!lt)
            break;
        size_t at = (size_t)(lt - (const char *)s);
        bool done = false;
        for (size_t k = 0; k < sizeof tags / sizeof *tags && !done; k++) {
            size_t n = strlen(tags[k]);
            if (at + n + 2 > data.end || memcmp(s + at + 1, tags[k], n) != 0 ||
                s[at + 1 + n] != '>')
                continue;
            size_t open_end = at + n + 2;
            const char *close = memchr(s + open_end, '<', data.end - open_end);
            if (!close)
                break;
            bc_buf_put(&b, (const char *)s + p, open_end - p);
            bc_buf_puts(&b, date);
            p = (size_t)(close - (const char *)s);
            done = true;
        }
        if (!done) {
            bc_buf_put(&b, (const char *)s + p, at + 1 - p);
            p = at + 1;
        }
    }
    bc_buf_put(&b, (const char *)s + p, data.end - p);
    S_set_stream(w, num, dict, b.data, b.len);
    bc_buf_free(&b);
    return true;
}

/* The ICC profile's creation date (its header's bytes 24-35, ICC.1 7.2.1)
 * in each output intent's deflated profile. */
static bool S_icc_date(bc_pdf_write *w, unsigned num, const bc_pdf_tidy_date *t)
{
    const bc_pdf_file *f = w->f;
    const unsigned char *s = f->data;
    bc_pdf_span dict, data, filter;
    if (bc_pdf_write_get(w, num))
        return true; /* two intents, one profile */
    if (!bc_pdf_file_stream(f, num, &dict, &data))
        return false;
    if (!bc_pdf_syntax_dict_get(s, dict, "Filter", &filter) ||
        !bc_pdf_syntax_is_name(s, filter, "FlateDecode"))
        return true;
    struct libdeflate_decompressor *dec = libdeflate_alloc_decompressor();
    unsigned char *icc = bc_xmalloc(S_MAX_ICC);
    size_t icc_len = 0;
    enum libdeflate_result r = libdeflate_zlib_decompress(dec, s + data.start,
                                                          data.end - data.start, icc,
                                                          S_MAX_ICC, &icc_len);
    libdeflate_free_decompressor(dec);
    bool ok = r == LIBDEFLATE_SUCCESS && icc_len >= 128;
    if (ok) {
        const unsigned v[6] = {(unsigned)t->year, (unsigned)t->month, (unsigned)t->day, 0, 0, 0};
        for (int i = 0; i < 6; i++) {
            icc[24 + 2 * i] = (unsigned char)(v[i] >> 8);
            icc[25 + 2 * i] = (unsigned char)v[i];
        }
        struct libdeflate_compressor *c = libdeflate_alloc_compressor(9);
        size_t bound = libdeflate_zlib_compress_bound(c, icc_len);
        unsigned char *z = bc_xmalloc(bound);
        size_t zlen = libdeflate_zlib_compress(c, icc, icc_len, z, bound);
        libdeflate_free_compressor(c);
        ok = zlen > 0;
        if (ok)
            S_set_stream(w, num, dict, z, zlen);
        free(z);
    }
    free(icc);
    return ok;
}

static bool S_output_intents(bc_pdf_write *w, const bc_pdf_tidy_date *t)
{
    const bc_pdf_file *f = w->f;
    const unsigned char *s = f->data;
    bc_pdf_span arr;
    if (!bc_pdf_file_get(f, f->root, "OutputIntents", &arr))
        return true;
    if (!bc_pdf_file_resolve(f, arr, &arr) || s[arr.start] != '[')
        return false;
    size_t p = arr.start + 1;
    for (;;) {
        bc_pdf_span item, intent, profile;
        unsigned num;
        p = bc_pdf_syntax_skip(s, arr.end, p);
        if (p >= arr.end || s[p] == ']')
            return true;
        if (!bc_pdf_syntax_value(s, arr.end, p, &item) ||
            !bc_pdf_file_resolve(f, item, &intent))
            return false;
        if (bc_pdf_syntax_dict_get(s, intent, "DestOutputProfile", &profile) &&
            bc_pdf_syntax_ref(s, profile, &num) && !S_icc_date(w, num, t))
            return false;
        p = item.end;
    }
}

bool bc_pdf_tidy_dates(bc_pdf_write *w, const bc_pdf_tidy_date *date)
{
    /* the formats below hold four-digit years and two-digit months and
     * days: more digits would overrun the Info date's buffer */
    if (date->year < 1 || date->year > 9999 || date->month < 1 || date->month > 12 ||
        date->day < 1 || date->day > 31)
        return false;
    return S_info_dates(w, date) && S_xmp_dates(w, date) && S_output_intents(w, date);
}
