/*
 * pdf_write.c - writing a PDF again, whole or as an incremental update
 * (see pdf_write.h).
 */
#include "pdf/pdf_write.h"
#include "base/xalloc.h"

#include <md5.h>
#include <stdlib.h>
#include <string.h>

void bc_pdf_write_init(bc_pdf_write *w, const bc_pdf_file *f)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->next = f->size;
}

void bc_pdf_write_free(bc_pdf_write *w)
{
    for (size_t i = 0; i < w->n; i++)
        free(w->objs[i].value);
    free(w->objs);
    free(w->written);
    memset(w, 0, sizeof *w);
}

unsigned bc_pdf_write_add(bc_pdf_write *w)
{
    return w->next++;
}

static bc_pdf_write_obj *S_find(const bc_pdf_write *w, unsigned num)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->objs[i].num == num)
            return &w->objs[i];
    return NULL;
}

const bc_pdf_write_obj *bc_pdf_write_get(const bc_pdf_write *w, unsigned num)
{
    return S_find(w, num);
}

void bc_pdf_write_set(bc_pdf_write *w, unsigned num, const void *value, size_t len)
{
    bc_pdf_write_obj *o = S_find(w, num);
    /* a number past the added ones adds it (and those before it): the
     * writers size their tables by next */
    if (num >= w->next)
        w->next = num + 1;
    if (!o) {
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 8;
            w->objs = bc_xrealloc(w->objs, w->cap * sizeof *w->objs);
        }
        o = &w->objs[w->n++];
        o->num = num;
    } else {
        free(o->value);
    }
    o->value = bc_xmalloc(len + 1);
    memcpy(o->value, value, len);
    o->value[len] = '\0';
    o->len = len;
}

static unsigned S_gen(const bc_pdf_write *w, unsigned num)
{
    return num < w->f->size ? w->f->gen[num] : 0;
}

static void S_put_object(bc_pdf_write *w, bc_buf *out, unsigned num, const char *value,
                         size_t len)
{
    w->written[num] = out->len;
    bc_buf_printf(out, "%u %u obj\n", num, S_gen(w, num));
    bc_buf_put(out, value, len);
    bc_buf_puts(out, "\nendobj\n\n");
}

static void S_xref_entry(bc_buf *out, size_t offset, unsigned gen, char kind)
{
    bc_buf_put_uint(out, offset, 10);
    bc_buf_putc(out, ' ');
    bc_buf_put_uint(out, gen, 5);
    bc_buf_putc(out, ' ');
    bc_buf_putc(out, kind);
    bc_buf_puts(out, " \n");
}

static void S_trailer_refs(const bc_pdf_write *w, bc_buf *out)
{
    const bc_pdf_file *f = w->f;
    bc_buf_printf(out, "<</Size %u/Root %u %u R", w->next, f->root, f->gen[f->root]);
    if (f->info)
        bc_buf_printf(out, "/Info %u %u R", f->info, f->gen[f->info]);
}

static int S_by_offset(const void *a, const void *b, void *ctx)
{
    const size_t *off = ctx;
    size_t x = off[*(const unsigned *)a], y = off[*(const unsigned *)b];
    return x < y ? -1 : x > y;
}

/* Sorting with a context, by hand: qsort_r is not in C17. Insertion into
 * runs is enough for the few thousand objects of a report. */
static void S_sort(unsigned *v, size_t n, const size_t *off)
{
    for (size_t i = 1; i < n; i++) {
        unsigned x = v[i];
        size_t j = i;
        while (j > 0 && S_by_offset(&v[j - 1], &x, (void *)off) > 0) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

void bc_pdf_write_full(bc_pdf_write *w, bc_buf *out)
{
    const bc_pdf_file *f = w->f;
    free(w->written);
    w->written = bc_xcalloc(w->next, sizeof *w->written);
    unsigned *order = bc_xmalloc((f->size ? f->size : 1) * sizeof *order);
    size_t n = 0, first = f->len;
    /* the objects that will be written: the header is what comes before
     * the first of them (an offset the table gives for an object that is
     * not there, inside "%PDF-1.6" say, would cut it) */
    for (unsigned i = 1; i < f->size; i++) {
        bc_pdf_span v;
        if (f->offset[i] && (S_find(w, i) || bc_pdf_file_object(f, i, &v))) {
            order[n++] = i;
            if (f->offset[i] < first)
                first = f->offset[i];
        }
    }
    /* LibreOffice writes objects in increasing offsets already: the sort
     * then only checks. */
    bool sorted = true;
    for (size_t i = 1; i < n && sorted; i++)
        sorted = f->offset[order[i - 1]] < f->offset[order[i]];
    if (!sorted)
        S_sort(order, n, f->offset);
    size_t start = out->len;
    bc_buf_put(out, (const char *)f->data, first);
    for (size_t i = 0; i < n; i++) {
        unsigned num = order[i];
        const bc_pdf_write_obj *o = S_find(w, num);
        bc_pdf_span v;
        if (o)
            S_put_object(w, out, num, o->value, o->len);
        else if (bc_pdf_file_object(f, num, &v))
            S_put_object(w, out, num, (const char *)f->data + v.start, v.end - v.start);
    }
    free(order);
    /* values set for numbers the file has free */
    for (unsigned num = 1; num < f->size; num++) {
        const bc_pdf_write_obj *o = f->offset[num] ? NULL : S_find(w, num);
        if (o)
            S_put_object(w, out, num, o->value, o->len);
    }
    for (unsigned num = f->size; num < w->next; num++) {
        const bc_pdf_write_obj *o = S_find(w, num);
        S_put_object(w, out, num, o ? o->value : "null", o ? o->len : 4);
    }
    size_t xref = out->len - start;
    bc_buf_printf(out, "xref\n0 %u\n", w->next);
    S_xref_entry(out, 0, 65535, 'f');
    for (unsigned num = 1; num < w->next; num++) {
        if (w->written[num])
            S_xref_entry(out, w->written[num] - start, S_gen(w, num), 'n');
        else
            S_xref_entry(out, 0, 0, 'f');
    }
    for (unsigned num = 1; num < w->next; num++)
        if (w->written[num])
            w->written[num] -= start;

    MD5_CTX md5;
    unsigned char id[MD5_DIGEST_LENGTH];
    MD5Init(&md5);
    MD5Update(&md5, (const unsigned char *)out->data + start, out->len - start);
    MD5Final(id, &md5);
    char hex[2 * MD5_DIGEST_LENGTH + 1];
    for (size_t i = 0; i < MD5_DIGEST_LENGTH; i++) {
        hex[2 * i] = "0123456789ABCDEF"[id[i] >> 4];
        hex[2 * i + 1] = "0123456789ABCDEF"[id[i] & 15];
    }
    hex[sizeof hex - 1] = '\0';
    bc_buf_puts(out, "trailer\n");
    S_trailer_refs(w, out);
    bc_buf_printf(out, "/ID[<%s><%s>]>>\nstartxref\n%zu\n%%%%EOF\n", hex, hex, xref);
}

void bc_pdf_write_update(bc_pdf_write *w, bc_buf *out)
{
    const bc_pdf_file *f = w->f;
    free(w->written);
    w->written = bc_xcalloc(w->next, sizeof *w->written);
    size_t start = out->len;
    bc_buf_put(out, (const char *)f->data, f->len);
    if (f->len && f->data[f->len - 1] != '\n')
        bc_buf_putc(out, '\n');
    unsigned *nums = bc_xmalloc((w->n ? w->n : 1) * sizeof *nums);
    for (size_t i = 0; i < w->n; i++)
        nums[i] = w->objs[i].num;
    for (size_t i = 1; i < w->n; i++) { /* a handful: insertion sort */
        unsigned x = nums[i];
        size_t j = i;
        for (; j > 0 && nums[j - 1] > x; j--)
            nums[j] = nums[j - 1];
        nums[j] = x;
    }
    for (size_t i = 0; i < w->n; i++) {
        const bc_pdf_write_obj *o = S_find(w, nums[i]);
        S_put_object(w, out, o->num, o->value, o->len);
    }
    /* Numbers added but never set are written as null objects. */
    for (unsigned num = f->size; num < w->next; num++)
        if (!w->written[num])
            S_put_object(w, out, num, "null", 4);
    size_t xref = out->len - start;
    bc_buf_puts(out, "xref\n");
    /* a section has at least one subsection (ISO 32000-1 7.5.4): with
     * nothing else written, the head of the free list */
    bool any = false;
    for (unsigned num = 1; num < w->next && !any; num++)
        any = w->written[num] != 0;
    if (!any) {
        bc_buf_puts(out, "0 1\n");
        S_xref_entry(out, 0, 65535, 'f');
    }
    for (unsigned num = 1; num < w->next;) {
        if (!w->written[num]) {
            num++;
            continue;
        }
        unsigned run = num;
        while (run < w->next && w->written[run])
            run++;
        bc_buf_printf(out, "%u %u\n", num, run - num);
        for (; num < run; num++)
            S_xref_entry(out, w->written[num] - start, S_gen(w, num), 'n');
    }
    for (unsigned num = 1; num < w->next; num++)
        if (w->written[num])
            w->written[num] -= start;
    free(nums);
    bc_buf_puts(out, "trailer\n");
    S_trailer_refs(w, out);
    bc_pdf_span id;
    if (bc_pdf_syntax_dict_get(f->data, f->trailer, "ID", &id)) {
        /* a space: a value such as "5 0 R" would else lengthen the key */
        bc_buf_puts(out, "/ID ");
        bc_buf_put(out, (const char *)f->data + id.start, id.end - id.start);
    }
    bc_buf_printf(out, "/Prev %zu>>\nstartxref\n%zu\n%%%%EOF\n", f->startxref, xref);
}

size_t bc_pdf_write_offset(const bc_pdf_write *w, unsigned num)
{
    return w->written && num < w->next ? w->written[num] : 0;
}
