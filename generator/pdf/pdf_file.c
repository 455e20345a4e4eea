/*
 * pdf_file.c - a PDF file's structure (see pdf_file.h).
 */
#include "pdf/pdf_file.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* More revisions than this, or a page tree deeper, is taken as a loop. */
#define S_MAX_REVISIONS 4096
#define S_MAX_TREE_DEPTH 64

static int S_fail(bc_diags *d, const char *name, const char *why)
{
    bc_diag_add(d, BC_ERROR, name, 0, 0, _("not a complete PDF: %s"), why);
    return -1;
}

/* An unsigned decimal at pos; its end in *end. */
static bool S_uint(const unsigned char *s, size_t len, size_t pos, size_t *value, size_t *end)
{
    size_t v = 0, i = pos;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        if (v > ((size_t)-1 - 9) / 10)
            return false;
        v = v * 10 + (size_t)(s[i] - '0');
    }
    if (i == pos)
        return false;
    *value = v;
    *end = i;
    return true;
}

static bool S_keyword(const unsigned char *s, size_t len, size_t pos, const char *kw)
{
    size_t n = strlen(kw);
    return pos + n <= len && memcmp(s + pos, kw, n) == 0;
}

/* The offset of the last "startxref", searched in the file's tail. */
static bool S_startxref(const unsigned char *s, size_t len, size_t *xref)
{
    size_t from = len > 2048 ? len - 2048 : 0;
    for (size_t i = len >= 9 ? len - 9 : 0; i + 1 > from; i--) {
        if (memcmp(s + i, "startxref", 9) == 0) {
            size_t p = bc_pdf_syntax_skip(s, len, i + 9), end;
            if (!S_uint(s, len, p, xref, &end))
                return false;
            /* then %%EOF (white space only between: a comment skip would
             * take %%EOF for one), and at most an end of line */
            for (p = end; p < len && (s[p] == ' ' || s[p] == '\r' || s[p] == '\n'); p++)
                ;
            if (!S_keyword(s, len, p, "%%EOF"))
                return false;
            for (p += 5; p < len; p++)
                if (s[p] != '\r' && s[p] != '\n')
                    return false;
            return true;
        }
        if (i == 0)
            break;
    }
    return false;
}

/* One cross-reference section at pos and its trailer; entries not yet
 * seen (from a later revision) are recorded. */
static int S_section(bc_pdf_file *f, size_t pos, bool *seen, size_t cap,
                     bc_pdf_span *trailer, const char *name, bc_diags *d)
{
    const unsigned char *s = f->data;
    size_t len = f->len;
    if (!S_keyword(s, len, pos, "xref")) {
        if (pos < len && s[pos] >= '0' && s[pos] <= '9')
            return S_fail(d, name, _("its cross-reference stream is not read (only tables)"));
        return S_fail(d, name, _("its cross-reference table is missing"));
    }
    size_t p = bc_pdf_syntax_skip(s, len, pos + 4);
    while (p < len && s[p] >= '0' && s[p] <= '9') {
        size_t first, count, end;
        if (!S_uint(s, len, p, &first, &end))
            return S_fail(d, name, _("its cross-reference table is damaged"));
        p = bc_pdf_syntax_skip(s, len, end);
        if (!S_uint(s, len, p, &count, &end) || count > len / 18)
            return S_fail(d, name, _("its cross-reference table is damaged"));
        p = end;
        for (size_t k = 0; k < count; k++) {
            size_t off, gen;
            p = bc_pdf_syntax_skip(s, len, p);
            if (!S_uint(s, len, p, &off, &end))
                return S_fail(d, name, _("its cross-reference table is damaged"));
            p = bc_pdf_syntax_skip(s, len, end);
            if (!S_uint(s, len, p, &gen, &end) || gen > 65535)
                return S_fail(d, name, _("its cross-reference table is damaged"));
            p = bc_pdf_syntax_skip(s, len, end);
            if (p >= len || (s[p] != 'n' && s[p] != 'f'))
                return S_fail(d, name, _("its cross-reference table is damaged"));
            bool used = s[p] == 'n';
            p++;
            size_t num = first + k;
            if (num >= cap || seen[num])
                continue;
            seen[num] = true;
            if (used) {
                if (off == 0 || off >= len)
                    return S_fail(d, name, _("an object lies outside the file"));
                f->offset[num] = off;
                f->gen[num] = (unsigned short)gen;
            }
        }
        p = bc_pdf_syntax_skip(s, len, p);
    }
    if (!S_keyword(s, len, p, "trailer"))
        return S_fail(d, name, _("its trailer is missing"));
    p = bc_pdf_syntax_skip(s, len, p + 7);
    size_t end = bc_pdf_syntax_token_end(s, len, p);
    if (end == BC_PDF_BAD || s[p] != '<')
        return S_fail(d, name, _("its trailer is damaged"));
    trailer->start = p;
    trailer->end = end;
    return 0;
}

static bool S_dict_uint(const unsigned char *s, bc_pdf_span dict, const char *key, size_t *out)
{
    bc_pdf_span v;
    size_t end;
    return bc_pdf_syntax_dict_get(s, dict, key, &v) && S_uint(s, v.end, v.start, out, &end) &&
           end == v.end;
}

int bc_pdf_file_parse(bc_pdf_file *f, const unsigned char *data, size_t len, const char *name,
                      bc_diags *d)
{
    memset(f, 0, sizeof *f);
    f->data = data;
    f->len = len;
    if (len < 32 || memcmp(data, "%PDF-", 5) != 0)
        return S_fail(d, name, _("it does not start with %PDF-"));
    size_t xref;
    if (!S_startxref(data, len, &xref) || xref >= len)
        return S_fail(d, name, _("it does not end with startxref and %%EOF (cut short?)"));
    f->startxref = xref;

    /* The latest trailer gives /Size, which bounds every section. */
    size_t size;
    {
        bc_pdf_file probe = *f;
        size_t dummy_off = 0;
        unsigned short dummy_gen = 0;
        bool dummy_seen = true;
        probe.offset = &dummy_off;
        probe.gen = &dummy_gen;
        bc_pdf_span t;
        if (S_section(&probe, xref, &dummy_seen, 0, &t, name, d) != 0)
            return -1;
        if (!S_dict_uint(data, t, "Size", &size) || size == 0 || size > len)
            return S_fail(d, name, _("its trailer has no valid /Size"));
        f->trailer = t;
    }
    f->size = (unsigned)size;
    f->offset = bc_xcalloc(size, sizeof *f->offset);
    f->gen = bc_xcalloc(size, sizeof *f->gen);
    bool *seen = bc_xcalloc(size, 1);
    /* the sections read so far: a /Prev back to one of them is a loop
     * (found at once, not after reading the loop S_MAX_REVISIONS times) */
    size_t *visited = bc_xmalloc(S_MAX_REVISIONS * sizeof *visited);
    size_t pos = xref;
    int rc = 0;
    for (f->revisions = 0;; f->revisions++) {
        bool again = false;
        for (size_t i = 0; i < f->revisions && !again; i++)
            again = visited[i] == pos;
        if (again || f->revisions == S_MAX_REVISIONS) {
            rc = S_fail(d, name, _("its cross-reference tables loop"));
            break;
        }
        visited[f->revisions] = pos;
        bc_pdf_span t;
        if ((rc = S_section(f, pos, seen, size, &t, name, d)) != 0)
            break;
        size_t prev;
        if (!S_dict_uint(data, t, "Prev", &prev)) {
            f->revisions++;
            break;
        }
        if (prev >= len) {
            rc = S_fail(d, name, _("its cross-reference table is missing"));
            break;
        }
        pos = prev;
    }
    free(visited);
    free(seen);
    bc_pdf_span v;
    if (rc == 0 && !(bc_pdf_syntax_dict_get(data, f->trailer, "Root", &v) &&
                     bc_pdf_syntax_ref(data, v, &f->root) && f->root < f->size &&
                     f->offset[f->root]))
        rc = S_fail(d, name, _("its trailer names no catalog (/Root)"));
    if (rc == 0 && bc_pdf_syntax_dict_get(data, f->trailer, "Info", &v) &&
        !(bc_pdf_syntax_ref(data, v, &f->info) && f->info < f->size))
        f->info = 0;
    if (rc != 0)
        bc_pdf_file_free(f);
    return rc;
}

void bc_pdf_file_free(bc_pdf_file *f)
{
    free(f->offset);
    free(f->gen);
    f->offset = NULL;
    f->gen = NULL;
}

/* The start of object num's value, after "N G obj". */
static bool S_value_start(const bc_pdf_file *f, unsigned num, size_t *start)
{
    if (num >= f->size || !f->offset || !f->offset[num])
        return false;
    const unsigned char *s = f->data;
    size_t len = f->len, p = f->offset[num], n, g, end;
    if (!S_uint(s, len, p, &n, &end) || n != num)
        return false;
    p = bc_pdf_syntax_skip(s, len, end);
    if (!S_uint(s, len, p, &g, &end))
        return false;
    p = bc_pdf_syntax_skip(s, len, end);
    if (!S_keyword(s, len, p, "obj"))
        return false;
    *start = bc_pdf_syntax_skip(s, len, p + 3);
    return true;
}

static bool S_value_end(const bc_pdf_file *f, size_t start, size_t *value_end, size_t *obj_end,
                        int depth);

/* The data of the stream whose dictionary is dict, when the keyword
 * "stream" follows it: from after its end of line, /Length bytes (direct
 * or an object of its own). False when there is no stream or /Length is
 * unusable. */
static bool S_stream_data(const bc_pdf_file *f, bc_pdf_span dict, int depth, bc_pdf_span *data)
{
    const unsigned char *s = f->data;
    size_t len = f->len;
    size_t p = bc_pdf_syntax_skip(s, len, dict.end);
    if (!S_keyword(s, len, p, "stream"))
        return false;
    p += 6;
    if (p < len && s[p] == '\r')
        p++;
    if (p < len && s[p] == '\n')
        p++;
    bc_pdf_span lv, num;
    double length;
    if (depth > 1 || !bc_pdf_syntax_dict_get(s, dict, "Length", &lv))
        return false;
    unsigned ref;
    if (bc_pdf_syntax_ref(s, lv, &ref)) {
        size_t ls, le, oe;
        if (!S_value_start(f, ref, &ls) || !S_value_end(f, ls, &le, &oe, depth + 1))
            return false;
        num.start = ls;
        num.end = le;
    } else {
        num = lv;
    }
    if (!bc_pdf_syntax_number(s, num, &length) || length < 0 || length > (double)(len - p))
        return false;
    data->start = p;
    data->end = p + (size_t)length;
    return true;
}

/* The end of object num's value (its stream included) and of "endobj". */
static bool S_value_end(const bc_pdf_file *f, size_t start, size_t *value_end, size_t *obj_end,
                        int depth)
{
    const unsigned char *s = f->data;
    size_t len = f->len;
    bc_pdf_span v, data;
    if (!bc_pdf_syntax_value(s, len, start, &v))
        return false;
    size_t p = bc_pdf_syntax_skip(s, len, v.end);
    *value_end = v.end;
    if (S_keyword(s, len, p, "stream")) {
        if (!S_stream_data(f, v, depth, &data))
            return false;
        p = bc_pdf_syntax_skip(s, len, data.end);
        if (!S_keyword(s, len, p, "endstream"))
            return false;
        p = bc_pdf_syntax_skip(s, len, p + 9);
        *value_end = p;
        while (*value_end > start && (s[*value_end - 1] == '\n' || s[*value_end - 1] == '\r' ||
                                      s[*value_end - 1] == ' '))
            (*value_end)--;
    }
    if (!S_keyword(s, len, p, "endobj"))
        return false;
    *obj_end = p + 6;
    return true;
}

bool bc_pdf_file_stream(const bc_pdf_file *f, unsigned num, bc_pdf_span *dict,
                        bc_pdf_span *data)
{
    bc_pdf_span obj;
    return bc_pdf_file_object(f, num, &obj) &&
           bc_pdf_syntax_value(f->data, obj.end, obj.start, dict) &&
           f->data[dict->start] == '<' && S_stream_data(f, *dict, 0, data);
}

bool bc_pdf_file_object(const bc_pdf_file *f, unsigned num, bc_pdf_span *value)
{
    size_t start, end, obj_end;
    if (!S_value_start(f, num, &start) || !S_value_end(f, start, &end, &obj_end, 0))
        return false;
    value->start = start;
    value->end = end;
    return true;
}

bool bc_pdf_file_object_text(const bc_pdf_file *f, unsigned num, bc_pdf_span *text)
{
    size_t start, end, obj_end;
    if (!S_value_start(f, num, &start) || !S_value_end(f, start, &end, &obj_end, 0))
        return false;
    text->start = f->offset[num];
    text->end = obj_end;
    return true;
}

bool bc_pdf_file_get(const bc_pdf_file *f, unsigned num, const char *key, bc_pdf_span *value)
{
    bc_pdf_span obj;
    return bc_pdf_file_object(f, num, &obj) && bc_pdf_syntax_dict_get(f->data, obj, key, value);
}

bool bc_pdf_file_resolve(const bc_pdf_file *f, bc_pdf_span v, bc_pdf_span *out)
{
    unsigned ref;
    if (bc_pdf_syntax_ref(f->data, v, &ref))
        return bc_pdf_file_object(f, ref, out);
    *out = v;
    return true;
}

typedef struct page_walk {
    const bc_pdf_file *f;
    unsigned *pages;
    size_t n, cap;
    bool *seen;             /* per object number: entered already */
} page_walk;

static bool S_walk(page_walk *w, unsigned node, int depth)
{
    const unsigned char *s = w->f->data;
    bc_pdf_span obj, type, kids;
    /* A node met twice makes no tree but a loop or a graph whose nodes are
     * shared (each level naming the next twice: 2^depth visits). */
    if (depth > S_MAX_TREE_DEPTH || !bc_pdf_file_object(w->f, node, &obj) || w->seen[node] ||
        !bc_pdf_syntax_dict_get(s, obj, "Type", &type))
        return false;
    w->seen[node] = true;
    if (bc_pdf_syntax_is_name(s, type, "Page")) {
        if (w->n == w->cap) {
            w->cap = w->cap ? 2 * w->cap : 16;
            w->pages = bc_xrealloc(w->pages, w->cap * sizeof *w->pages);
        }
        w->pages[w->n++] = node;
        return true;
    }
    if (!bc_pdf_syntax_is_name(s, type, "Pages") ||
        !bc_pdf_syntax_dict_get(s, obj, "Kids", &kids) ||
        !bc_pdf_file_resolve(w->f, kids, &kids) || s[kids.start] != '[')
        return false;
    size_t p = kids.start + 1;
    for (;;) {
        p = bc_pdf_syntax_skip(s, kids.end, p);
        if (p >= kids.end || s[p] == ']')
            return true;
        bc_pdf_span kid;
        unsigned num;
        if (!bc_pdf_syntax_value(s, kids.end, p, &kid) || !bc_pdf_syntax_ref(s, kid, &num) ||
            !S_walk(w, num, depth + 1))
            return false;
        p = kid.end;
    }
}

size_t bc_pdf_file_pages(const bc_pdf_file *f, unsigned **pages, const char *name, bc_diags *d)
{
    page_walk w = {f, NULL, 0, 0, bc_xcalloc(f->size ? f->size : 1, 1)};
    bc_pdf_span root_pages;
    unsigned top;
    *pages = NULL;
    bool ok = bc_pdf_file_get(f, f->root, "Pages", &root_pages) &&
              bc_pdf_syntax_ref(f->data, root_pages, &top) && S_walk(&w, top, 0) && w.n > 0;
    free(w.seen);
    if (!ok) {
        free(w.pages);
        S_fail(d, name, _("its page tree is damaged"));
        return 0;
    }
    *pages = w.pages;
    return w.n;
}
