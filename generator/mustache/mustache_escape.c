/*
 * mustache_escape.c - output escaping chosen by the output side of the
 * mustache engine: none (text templates) and HTML (the specification's);
 * a .docx part's runs have their own (wml/wml.h). See mustache.h.
 */
#include "mustache/mustache_int.h"

/* ---- escaping ------------------------------------------------------------ */

unsigned bc_mustache_escape_none(bc_buf *out, const char *s, size_t n,
                                 bool raw)
{
    (void)raw;
    bc_buf_put(out, s, n);
    return 0;
}

/* The entity of one of & < > " (NULL for any other byte). */
static const char *S_entity(unsigned char c)
{
    switch (c) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    default: return NULL;
    }
}

unsigned bc_mustache_escape_html(bc_buf *out, const char *s, size_t n,
                                 bool raw)
{
    if (raw) {
        bc_buf_put(out, s, n);
        return 0;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e = S_entity((unsigned char)s[i]);
        if (!e)
            continue;
        bc_buf_put(out, s + run, i - run);
        bc_buf_puts(out, e);
        run = i + 1;
    }
    bc_buf_put(out, s + run, n - run);
    return 0;
}
