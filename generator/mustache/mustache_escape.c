/*
 * mustache_escape.c - output escaping chosen by the output side of the
 * mustache engine: none (text templates), HTML (the specification's), and
 * XML for WordprocessingML runs (see mustache.h).
 */
#include "mustache/mustache_int.h"
#include "base/byte_scan.h"

/* ---- escaping ------------------------------------------------------------ */

unsigned bc_mustache_escape_none(bc_buf *out, const char *s, size_t n,
                                 bool raw)
{
    (void)raw;
    bc_buf_put(out, s, n);
    return 0;
}

/* The entity of one of & < > " (NULL for any other byte): the part of
 * escaping that HTML and XML share. */
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

#define XML_RESUME "<w:t xml:space=\"preserve\">"

unsigned bc_mustache_escape_xml(bc_buf *out, const char *s, size_t n,
                                bool raw)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        i += bc_byte_scan_xml_special(u + i, n - i);
        if (i == n)
            break;
        unsigned char c = u[i];
        const char *e;
        switch (c) {
        case '&':
        case '<':
        case '>':
            e = S_entity(c);
            break;
        case '"': /* {{{x}}} only skips what is HTML's own */
            if (raw)
                continue;
            e = S_entity(c);
            break;
        case '\n':
            e = "</w:t><w:br/>" XML_RESUME;
            break;
        case '\t':
            e = "</w:t><w:tab/>" XML_RESUME;
            break;
        case '\r':
            e = "";
            break;
        case 0xEF:
            if (i + 2 < n && (unsigned char)s[i + 1] == 0xBF
                && ((unsigned char)s[i + 2] == 0xBE
                    || (unsigned char)s[i + 2] == 0xBF)) {
                bc_buf_put(out, s + run, i - run);
                return (unsigned char)s[i + 2] == 0xBE ? 0xFFFEu : 0xFFFFu;
            }
            continue;
        default: /* other C0 controls */
            bc_buf_put(out, s + run, i - run);
            return c;
        }
        bc_buf_put(out, s + run, i - run);
        bc_buf_puts(out, e);
        run = i + 1;
    }
    bc_buf_put(out, s + run, n - run);
    return 0;
}
