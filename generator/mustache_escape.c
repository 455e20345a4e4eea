/*
 * mustache_escape.c - output escaping chosen by the output side of the
 * mustache engine: none (text templates), HTML (the specification's), and
 * XML for WordprocessingML runs (see mustache.h).
 */
#include "mustache_int.h"

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

/* The bytes XML escaping looks at: C0 controls, & < > ", and 0xEF (the
 * lead of U+FFFE and U+FFFF); one table load a byte. */
static const bool S_xml_special[256] = {
    [0x00] = 1, [0x01] = 1, [0x02] = 1, [0x03] = 1, [0x04] = 1, [0x05] = 1,
    [0x06] = 1, [0x07] = 1, [0x08] = 1, [0x09] = 1, [0x0A] = 1, [0x0B] = 1,
    [0x0C] = 1, [0x0D] = 1, [0x0E] = 1, [0x0F] = 1, [0x10] = 1, [0x11] = 1,
    [0x12] = 1, [0x13] = 1, [0x14] = 1, [0x15] = 1, [0x16] = 1, [0x17] = 1,
    [0x18] = 1, [0x19] = 1, [0x1A] = 1, [0x1B] = 1, [0x1C] = 1, [0x1D] = 1,
    [0x1E] = 1, [0x1F] = 1, ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1,
    [0xEF] = 1};

unsigned bc_mustache_escape_xml(bc_buf *out, const char *s, size_t n,
                                bool raw)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e;
        if (!S_xml_special[c])
            continue;
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
