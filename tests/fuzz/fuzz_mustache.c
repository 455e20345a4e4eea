/*
 * fuzz_mustache.c - fuzz target: the mustache engine. The input is a
 * template (and, after a NUL byte, partials separated by NUL bytes, named
 * p0, p1...); its first byte picks the options: host tags or not, HTML
 * escaping or none, strict or lenient. It is compiled and applied to the
 * fuzz report's data.
 */
#include "fuzz_common.h"

#include "base/buf.h"
#include "input/node_view.h"
#include "mustache/mustache.h"

typedef struct partials {
    const char *text[8];
    size_t len[8];
    size_t count;
} partials;

static int S_partial(void *closure, const char *name, size_t len,
                     const char **text, size_t *text_len)
{
    const partials *p = closure;
    if (len == 2 && name[0] == 'p' && name[1] >= '0' &&
        (size_t)(name[1] - '0') < p->count) {
        *text = p->text[name[1] - '0'];
        *text_len = p->len[name[1] - '0'];
        return 0;
    }
    *text = "";
    *text_len = 0;
    return 0;
}

static int S_host(void *closure, bc_buf *out, const void *value,
                  const char *arg, size_t arg_len)
{
    bc_buf_put(out, "[host]", 6);
    bc_buf_put(out, arg, arg_len);
    return 0;
}

static void S_visit(void *closure, char kind, const char *name, size_t len,
                    int line, int col, size_t offset)
{
    size_t *count = closure;
    *count += len + (size_t)line + (size_t)col + offset + (unsigned char)kind;
    if (len)
        *count += (unsigned char)name[len - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    unsigned flags = data[0];
    const char *src = (const char *)data + 1;
    size_t n = size - 1;
    const char *end = memchr(src, 0, n);
    size_t main_len = end ? (size_t)(end - src) : n;
    partials p = {0};
    for (const char *q = end; q && p.count < 8;) {
        const char *start = q + 1;
        const char *stop = memchr(start, 0, (size_t)(src + n - start));
        size_t len = stop ? (size_t)(stop - start) : (size_t)(src + n - start);
        p.text[p.count] = start;
        p.len[p.count++] = len;
        q = stop;
    }
    const bc_report *r = bc_fuzz_report();
    bc_mopts opts = {.name = "fuzz.mustache", .partial = S_partial,
                     .partial_closure = &p,
                     .host_sigil = (flags & 1) ? '@' : 0};
    bc_diags d = BC_DIAGS_INIT;
    bc_mtpl *t = bc_mustache_compile(src, main_len, &opts, &d);
    if (t) {
        size_t seen = 0;
        bc_mustache_visit(t, S_visit, &seen);
        bc_mapply ap = {.data = &bc_node_view, .root = r->data,
                        .escape = (flags & 2) ? bc_mustache_escape_html : NULL,
                        .lenient = (flags & 4) != 0,
                        .host = S_host, .diags = &d};
        bc_buf out = BC_BUF_INIT;
        bc_mustache_apply(t, &ap, &out);
        bc_buf_free(&out);
        bc_mustache_free(t);
    }
    bc_fuzz_diags_done(&d);
    return 0;
}
