/*
 * pdf_string.c - PDF strings and text strings (see pdf_string.h).
 */
#include "pdf/pdf_string.h"
#include "base/xalloc.h"

#include <utf8proc.h>

static int S_hex(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool S_hex_bytes(const unsigned char *s, bc_pdf_span v, bc_buf *out)
{
    int high = -1;
    for (size_t i = v.start + 1; i + 1 < v.end; i++) {
        unsigned char c = s[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0)
            continue;
        int h = S_hex(c);
        if (h < 0)
            return false;
        if (high < 0) {
            high = h;
        } else {
            bc_buf_putc(out, (char)(high << 4 | h));
            high = -1;
        }
    }
    if (high >= 0) /* an odd digit count: the last one followed by 0 */
        bc_buf_putc(out, (char)(high << 4));
    return s[v.end - 1] == '>';
}

static bool S_literal_bytes(const unsigned char *s, bc_pdf_span v, bc_buf *out)
{
    if (s[v.end - 1] != ')')
        return false;
    for (size_t i = v.start + 1; i + 1 < v.end; i++) {
        unsigned char c = s[i];
        if (c == '\r') { /* an end of line is a line feed, whatever its form */
            if (i + 2 < v.end && s[i + 1] == '\n')
                i++;
            bc_buf_putc(out, '\n');
            continue;
        }
        if (c != '\\') {
            bc_buf_putc(out, (char)c);
            continue;
        }
        if (i + 2 >= v.end)
            return false;
        c = s[++i];
        switch (c) {
        case 'n': bc_buf_putc(out, '\n'); break;
        case 'r': bc_buf_putc(out, '\r'); break;
        case 't': bc_buf_putc(out, '\t'); break;
        case 'b': bc_buf_putc(out, '\b'); break;
        case 'f': bc_buf_putc(out, '\f'); break;
        case '\r': /* a line continued */
            if (i + 2 < v.end && s[i + 1] == '\n')
                i++;
            break;
        case '\n':
            break;
        default:
            if (c >= '0' && c <= '7') {
                unsigned value = (unsigned)(c - '0');
                for (int k = 0; k < 2 && i + 2 < v.end && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
                    value = value * 8 + (unsigned)(s[++i] - '0');
                bc_buf_putc(out, (char)(value & 0xFF));
            } else {
                bc_buf_putc(out, (char)c); /* \( \) \\ and any other: the character */
            }
        }
    }
    return true;
}

bool bc_pdf_string_bytes(const unsigned char *s, bc_pdf_span v, bc_buf *out)
{
    if (v.end < v.start + 2)
        return false;
    if (s[v.start] == '<' && s[v.start + 1] != '<')
        return S_hex_bytes(s, v, out);
    if (s[v.start] == '(')
        return S_literal_bytes(s, v, out);
    return false;
}

static void S_put_cp(bc_buf *out, utf8proc_int32_t cp)
{
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, enc);
    bc_buf_put(out, (const char *)enc, (size_t)n);
}

char *bc_pdf_string_text(const unsigned char *s, bc_pdf_span v)
{
    bc_buf raw = BC_BUF_INIT, text = BC_BUF_INIT;
    if (!bc_pdf_string_bytes(s, v, &raw)) {
        bc_buf_free(&raw);
        return NULL;
    }
    const unsigned char *r = (const unsigned char *)raw.data;
    if (raw.len >= 2 && r[0] == 0xFE && r[1] == 0xFF) {
        for (size_t i = 2; i + 1 < raw.len; i += 2) {
            utf8proc_int32_t cp = r[i] << 8 | r[i + 1];
            if (cp >= 0xD800 && cp < 0xDC00 && i + 3 < raw.len) {
                utf8proc_int32_t lo = r[i + 2] << 8 | r[i + 3];
                if (lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 2;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD; /* a lone surrogate */
            S_put_cp(&text, cp);
        }
    } else {
        /* PDFDocEncoding: ASCII and, above, Latin-1 (its 0x80-0x9F
         * punctuation shown as the replacement character) */
        for (size_t i = 0; i < raw.len; i++)
            S_put_cp(&text, r[i] >= 0x80 && r[i] < 0xA0 ? 0xFFFD : r[i]);
    }
    bc_buf_free(&raw);
    if (!text.data)
        return bc_xstrdup("");
    return bc_buf_detach(&text, NULL);
}

void bc_pdf_string_put_text(bc_buf *out, const char *utf8)
{
    bool ascii = true;
    for (const char *p = utf8; *p; p++)
        if ((unsigned char)*p >= 0x80 || *p < 0x20)
            ascii = false;
    if (ascii) {
        bc_buf_putc(out, '(');
        for (const char *p = utf8; *p; p++) {
            if (*p == '(' || *p == ')' || *p == '\\')
                bc_buf_putc(out, '\\');
            bc_buf_putc(out, *p);
        }
        bc_buf_putc(out, ')');
        return;
    }
    static const char hex[] = "0123456789ABCDEF";
    bc_buf_puts(out, "<FEFF");
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)utf8;
    utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(utf8);
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) { /* not UTF-8: the byte replaced */
            cp = 0xFFFD;
            n = 1;
        }
        p += n;
        left -= n;
        unsigned units[2];
        int count = 1;
        if (cp >= 0x10000) {
            units[0] = 0xD800 + ((unsigned)(cp - 0x10000) >> 10);
            units[1] = 0xDC00 + ((unsigned)(cp - 0x10000) & 0x3FF);
            count = 2;
        } else {
            units[0] = (unsigned)cp;
        }
        for (int k = 0; k < count; k++)
            for (int shift = 12; shift >= 0; shift -= 4)
                bc_buf_putc(out, hex[(units[k] >> shift) & 15]);
    }
    bc_buf_putc(out, '>');
}
