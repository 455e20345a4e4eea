/*
 * pdf_syntax.c - the token level of PDF (see pdf_syntax.h).
 */
#include "pdf/pdf_syntax.h"

#include <math.h>
#include <string.h>

/* Nesting deeper than this is refused rather than followed. */
#define S_MAX_DEPTH 64

static bool S_space(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static bool S_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' ||
           c == '{' || c == '}' || c == '/' || c == '%';
}

size_t bc_pdf_syntax_skip(const unsigned char *s, size_t len, size_t pos)
{
    while (pos < len) {
        if (S_space(s[pos])) {
            pos++;
        } else if (s[pos] == '%') {
            while (pos < len && s[pos] != '\n' && s[pos] != '\r')
                pos++;
        } else {
            break;
        }
    }
    return pos;
}

static size_t S_regular_end(const unsigned char *s, size_t len, size_t pos)
{
    while (pos < len && !S_space(s[pos]) && !S_delim(s[pos]))
        pos++;
    return pos;
}

static size_t S_literal_end(const unsigned char *s, size_t len, size_t pos)
{
    size_t depth = 0;
    for (pos++; pos < len; pos++) {
        if (s[pos] == '\\')
            pos++;
        else if (s[pos] == '(')
            depth++;
        else if (s[pos] == ')' && depth-- == 0)
            return pos + 1;
    }
    return BC_PDF_BAD;
}

static size_t S_token_end(const unsigned char *s, size_t len, size_t pos, int depth)
{
    if (pos >= len || depth > S_MAX_DEPTH)
        return BC_PDF_BAD;
    unsigned char c = s[pos];
    if (c == '<' && pos + 1 < len && s[pos + 1] == '<') {
        size_t p = pos + 2;
        for (;;) {
            p = bc_pdf_syntax_skip(s, len, p);
            if (p + 1 < len && s[p] == '>' && s[p + 1] == '>')
                return p + 2;
            p = S_token_end(s, len, p, depth + 1);
            if (p == BC_PDF_BAD)
                return BC_PDF_BAD;
        }
    }
    if (c == '[') {
        size_t p = pos + 1;
        for (;;) {
            p = bc_pdf_syntax_skip(s, len, p);
            if (p < len && s[p] == ']')
                return p + 1;
            p = S_token_end(s, len, p, depth + 1);
            if (p == BC_PDF_BAD)
                return BC_PDF_BAD;
        }
    }
    if (c == '(')
        return S_literal_end(s, len, pos);
    if (c == '<') {
        const unsigned char *gt = memchr(s + pos, '>', len - pos);
        return gt ? (size_t)(gt - s) + 1 : BC_PDF_BAD;
    }
    if (c == '/')
        return S_regular_end(s, len, pos + 1);
    if (S_space(c) || S_delim(c))
        return BC_PDF_BAD;
    return S_regular_end(s, len, pos);
}

size_t bc_pdf_syntax_token_end(const unsigned char *s, size_t len, size_t pos)
{
    return S_token_end(s, len, pos, 0);
}

static bool S_unsigned(const unsigned char *s, size_t start, size_t end)
{
    if (start >= end)
        return false;
    for (size_t i = start; i < end; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

bool bc_pdf_syntax_value(const unsigned char *s, size_t len, size_t pos, bc_pdf_span *value)
{
    size_t end = bc_pdf_syntax_token_end(s, len, pos);
    if (end == BC_PDF_BAD)
        return false;
    value->start = pos;
    value->end = end;
    if (!S_unsigned(s, pos, end))
        return true;
    /* N G R: two unsigned integers and the keyword R. */
    size_t g = bc_pdf_syntax_skip(s, len, end);
    size_t g_end = g < len ? S_regular_end(s, len, g) : g;
    if (!S_unsigned(s, g, g_end))
        return true;
    size_t r = bc_pdf_syntax_skip(s, len, g_end);
    if (r < len && s[r] == 'R' && S_regular_end(s, len, r) == r + 1)
        value->end = r + 1;
    return true;
}

bool bc_pdf_syntax_dict_get(const unsigned char *s, bc_pdf_span dict, const char *key,
                            bc_pdf_span *value)
{
    size_t len = dict.end, klen = strlen(key);
    if (dict.start + 1 >= len || s[dict.start] != '<' || s[dict.start + 1] != '<')
        return false;
    size_t p = dict.start + 2;
    for (;;) {
        p = bc_pdf_syntax_skip(s, len, p);
        if (p >= len || s[p] != '/')
            return false; /* ">>" or malformed */
        size_t key_end = S_regular_end(s, len, p + 1);
        bool match = key_end - (p + 1) == klen && memcmp(s + p + 1, key, klen) == 0;
        p = bc_pdf_syntax_skip(s, len, key_end);
        bc_pdf_span v;
        if (!bc_pdf_syntax_value(s, len, p, &v))
            return false;
        if (match) {
            *value = v;
            return true;
        }
        p = v.end;
    }
}

/* value needs a space before it after a name: it starts with a regular
 * character ("12 0 R", "true"), not a delimiter ("[", "<", "(", "/"). */
static bool S_needs_space(const char *value)
{
    return value[0] && !S_delim((unsigned char)value[0]);
}

bool bc_pdf_syntax_dict_set(bc_buf *out, const char *text, size_t len, const char *key,
                            const char *value)
{
    const unsigned char *s = (const unsigned char *)text;
    bc_pdf_span dict, v;
    if (len < 4 || text[0] != '<' || text[1] != '<' || !bc_pdf_syntax_value(s, len, 0, &dict))
        return false;
    if (bc_pdf_syntax_dict_get(s, dict, key, &v)) {
        bc_buf_put(out, text, v.start);
        /* a value directly after the key's name needs no space: "/V[...]" */
        if (v.start > 0 && !S_space(s[v.start - 1]) && S_needs_space(value))
            bc_buf_putc(out, ' ');
        bc_buf_puts(out, value);
        bc_buf_put(out, text + v.end, len - v.end);
    } else {
        bc_buf_put(out, text, dict.end - 2);
        bc_buf_printf(out, "/%s", key);
        if (S_needs_space(value))
            bc_buf_putc(out, ' ');
        bc_buf_puts(out, value);
        bc_buf_put(out, text + dict.end - 2, len - (dict.end - 2));
    }
    return true;
}

bool bc_pdf_syntax_ref(const unsigned char *s, bc_pdf_span v, unsigned *num)
{
    if (v.start >= v.end || s[v.end - 1] != 'R')
        return false;
    unsigned long n = 0;
    size_t i = v.start;
    for (; i < v.end && s[i] >= '0' && s[i] <= '9'; i++) {
        n = n * 10 + (unsigned long)(s[i] - '0');
        if (n > 0x7FFFFFFFUL)
            return false;
    }
    if (i == v.start)
        return false;
    *num = (unsigned)n;
    return true;
}

/* By hand rather than strtod, which follows LC_NUMERIC (a decimal comma
 * under vi_VN). */
bool bc_pdf_syntax_number(const unsigned char *s, bc_pdf_span v, double *out)
{
    size_t i = v.start;
    double sign = 1, value = 0, scale = 0;
    bool digits = false;
    if (i < v.end && (s[i] == '+' || s[i] == '-'))
        sign = s[i++] == '-' ? -1 : 1;
    for (; i < v.end; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            value = value * 10 + (s[i] - '0');
            if (scale > 0)
                scale *= 10;
            digits = true;
        } else if (s[i] == '.' && scale == 0) {
            scale = 1;
        } else {
            return false;
        }
    }
    if (!digits)
        return false;
    *out = sign * (scale > 0 ? value / scale : value);
    return true;
}

bool bc_pdf_syntax_is_name(const unsigned char *s, bc_pdf_span v, const char *name)
{
    size_t n = strlen(name);
    return v.end - v.start == n + 1 && s[v.start] == '/' &&
           memcmp(s + v.start + 1, name, n) == 0;
}

/* Larger magnitudes are written as this (and NaN as 0): the hundredths
 * must fit an unsigned long long, or the conversion is undefined. A PDF
 * reader's limit for reals is far below (about 3.4e38 only in theory,
 * 32767 for a page's coordinates in practice). */
#define S_MAX_REAL 1e15

void bc_pdf_syntax_put_real(bc_buf *b, double v)
{
    if (isnan(v))
        v = 0;
    else if (v > S_MAX_REAL)
        v = S_MAX_REAL;
    else if (v < -S_MAX_REAL)
        v = -S_MAX_REAL;
    if (v < 0) {
        bc_buf_putc(b, '-');
        v = -v;
    }
    unsigned long long hundredths = (unsigned long long)(v * 100 + 0.5);
    bc_buf_put_uint(b, hundredths / 100, 0);
    bc_buf_putc(b, '.');
    bc_buf_put_uint(b, hundredths % 100, 2);
}
