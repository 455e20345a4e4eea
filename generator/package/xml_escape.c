/*
 * xml_escape.c - the one XML escaper and the tables the layers share (see
 * xml_escape.h).
 */
#include "package/xml_escape.h"
#include "base/byte_scan.h"
#include "base/utf8.h"

const char bc_xml_escape_refused[] = "";

const bc_xml_escaper bc_xml_escape_text = {
    .ascii = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
              ['{'] = "&#123;", ['\r'] = "&#13;"},
    .also = '{',
};

const bc_xml_escaper bc_xml_escape_attr = {
    .ascii = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
              ['{'] = "&#123;", ['\r'] = "&#13;", ['"'] = "&quot;",
              ['\n'] = "&#10;", ['\t'] = "&#9;"},
    .also = '{',
};

const bc_xml_escaper bc_xml_escape_line = {
    .ascii = {['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['\n'] = " "},
    .also = '&',
};

unsigned bc_xml_escape(bc_buf *out, const char *s, size_t n,
                       const bc_xml_escaper *e)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        i += bc_byte_scan_xml_special(u + i, n - i, e->also);
        if (i == n)
            break;
        unsigned char c = u[i];
        if (c >= 0x80) { /* 0xEF: U+FFFE and U+FFFF are EF BF BE/BF */
            if (e->nonchars && i + 2 < n && u[i + 1] == 0xBF &&
                (u[i + 2] == 0xBE || u[i + 2] == 0xBF)) {
                bc_buf_put(out, s + run, i - run);
                return u[i + 2] == 0xBE ? 0xFFFEu : 0xFFFFu;
            }
            continue;
        }
        const char *rep = e->ascii[c];
        if (!rep)
            continue;
        bc_buf_put(out, s + run, i - run);
        if (rep == BC_XML_REFUSED)
            return c ? c : BC_UTF8_NUL;
        bc_buf_puts(out, rep);
        run = i + 1;
    }
    bc_buf_put(out, s + run, n - run);
    return 0;
}
