/*
 * import_docx_text.c - a paragraph's runs made into one line of body
 * markup (see import_docx_text.h).
 *
 * Emphasis. After the spaces are collapsed, each non-space character has
 * its emphasis (bold, italic, both or none), less what the whole
 * paragraph has. Characters of one emphasis with only spaces between them
 * make one stretch, written between markers (`**`, `*`, `***`) put
 * against its first and last non-space characters, so the spaces around
 * a stretch stay outside it and split runs ("Tình " + "hình") make one
 * stretch. Two stretches of different emphasis that touch with no space
 * between them cannot both be marked (the markers would run together
 * into one run of stars): the second one continues the first one's
 * emphasis up to the next space. A backslash takes the emphasis of the
 * character after it, so it never stands just before a marker (it would
 * make the marker a literal star); a literal star is written `\*`.
 */
#include "import/import_docx_text.h"

#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void bc_import_docx_text_init(bc_import_docx_text *t)
{
    memset(t, 0, sizeof *t);
}

void bc_import_docx_text_free(bc_import_docx_text *t)
{
    bc_buf_free(&t->raw);
    bc_buf_free(&t->fmt);
    memset(t, 0, sizeof *t);
}

static void S_put(bc_import_docx_text *t, const char *s, size_t n, int flags)
{
    bc_buf_put(&t->raw, s, n);
    for (size_t i = 0; i < n; i++)
        bc_buf_putc(&t->fmt, (char)flags);
}

void bc_import_docx_text_space(bc_import_docx_text *t)
{
    S_put(t, " ", 1, 0);
}

/* What a code point becomes: 1 a space, 0 dropped, 2 kept. */
static int S_class(utf8proc_int32_t c)
{
    if (c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 ||
        c == 0x2028 || c == 0x2029)
        return 1;
    if (c == 0xFEFF || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE)
        return 0;
    utf8proc_category_t cat = utf8proc_category(c);
    if (cat == UTF8PROC_CATEGORY_ZS)
        return 1;
    if (cat == UTF8PROC_CATEGORY_CC || cat == UTF8PROC_CATEGORY_CS)
        return 0;
    return 2;
}

void bc_import_docx_text_add(bc_import_docx_text *t, const char *s, size_t n, int flags)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        /* plain ASCII in one piece */
        size_t j = i;
        while (j < n && p[j] >= 0x20 && p[j] < 0x7F)
            j++;
        if (j > i) {
            for (size_t k = i; k < j; k++)
                t->ink += p[k] != ' ';
            S_put(t, s + i, j - i, flags);
            i = j;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
        if (l <= 0) {
            i++; /* invalid UTF-8: the byte is dropped */
            continue;
        }
        int k = S_class(c);
        if (k == 1) {
            S_put(t, " ", 1, flags);
        } else if (k == 2) {
            S_put(t, s + i, (size_t)l, flags);
            t->ink += (size_t)l;
        }
        i += (size_t)l;
    }
}

/* NFC of each stretch of one emphasis (the text is mostly NFC already). */
static void S_nfc(bc_import_docx_text *t)
{
    if (!t->raw.len || bc_utf8_is_nfc(t->raw.data, t->raw.len))
        return;
    bc_buf raw = BC_BUF_INIT, fmt = BC_BUF_INIT;
    for (size_t i = 0; i < t->raw.len;) {
        size_t j = i;
        while (j < t->raw.len && t->fmt.data[j] == t->fmt.data[i])
            j++;
        size_t ol;
        char *o = bc_utf8_nfc(t->raw.data + i, j - i, &ol);
        bc_buf_put(&raw, o, ol);
        for (size_t k = 0; k < ol; k++)
            bc_buf_putc(&fmt, t->fmt.data[i]);
        free(o);
        i = j;
    }
    bc_buf_free(&t->raw);
    bc_buf_free(&t->fmt);
    t->raw = raw;
    t->fmt = fmt;
}

static void S_escaped(bc_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '*')
            bc_buf_putc(out, '\\');
        bc_buf_putc(out, s[i]);
    }
}

/* A numbering label as the text is made: no control characters, spaces
 * collapsed and trimmed, NFC. */
static void S_clean_label(const char *label, bc_buf *out)
{
    bc_import_docx_text t;
    bc_import_docx_text_init(&t);
    bc_import_docx_text_add(&t, label, strlen(label), 0);
    S_nfc(&t);
    for (size_t i = 0; i < t.raw.len; i++)
        if (!(t.raw.data[i] == ' ' && (out->len == 0 || out->data[out->len - 1] == ' ')))
            bc_buf_putc(out, t.raw.data[i]);
    if (out->len && out->data[out->len - 1] == ' ')
        out->data[--out->len] = '\0';
    bc_import_docx_text_free(&t);
}

static const char *S_marker(int f)
{
    return f == 3 ? "***" : f == BC_IMPORT_DOCX_BOLD ? "**" : "*";
}

char *bc_import_docx_text_finish(bc_import_docx_text *t, const char *label, bc_arena *a,
                                 bool *bold, bool *italic, bool *labelled)
{
    S_nfc(t);
    /* spaces collapsed and trimmed: s[0..m) with f[] */
    size_t m = 0;
    char *s = t->raw.data, *f = t->fmt.data;
    for (size_t i = 0; i < t->raw.len; i++) {
        if (s[i] == ' ' && (m == 0 || s[m - 1] == ' '))
            continue;
        s[m] = s[i];
        f[m] = s[i] == ' ' ? 0 : f[i];
        m++;
    }
    if (m && s[m - 1] == ' ')
        m--;
    /* a backslash takes the emphasis after it (whole characters: a
     * backslash is one byte, the bytes after it up to the next space or
     * the end carry their own) */
    int next = 0;
    for (size_t i = m; i-- > 0;) {
        if (s[i] == '\\')
            f[i] = (char)next;
        else if (s[i] != ' ')
            next = f[i];
    }
    /* emphasis of the whole paragraph */
    int all = BC_IMPORT_DOCX_BOLD | BC_IMPORT_DOCX_ITALIC, any = 0;
    for (size_t i = 0; i < m; i++)
        if (s[i] != ' ') {
            all &= f[i];
            any = 1;
        }
    if (!any)
        all = 0;
    *bold = (all & BC_IMPORT_DOCX_BOLD) != 0;
    *italic = (all & BC_IMPORT_DOCX_ITALIC) != 0;

    bc_buf out = BC_BUF_INIT;
    if (label)
        S_clean_label(label, &out);
    *labelled = out.len > 0;
    if (out.len) {
        char *l = bc_arena_strndup(a, out.data, out.len);
        bc_buf_clear(&out);
        S_escaped(&out, l, strlen(l));
        if (m)
            bc_buf_putc(&out, ' ');
    }
    int open = 0;         /* the emphasis of the open stretch */
    int space = 0;        /* a space seen since the last character */
    for (size_t i = 0; i < m;) {
        if (s[i] == ' ') {
            space = 1;
            i++;
            continue;
        }
        /* one character: its lead byte and continuation bytes */
        size_t j = i + 1;
        while (j < m && ((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        int e = f[i] & ~all;
        if (e != open && (space || open == 0 || e == 0)) {
            if (open)
                bc_buf_puts(&out, S_marker(open));
            if (space)
                bc_buf_putc(&out, ' ');
            if (e)
                bc_buf_puts(&out, S_marker(e));
            open = e;
        } else if (space) {
            bc_buf_putc(&out, ' ');
        }
        space = 0;
        S_escaped(&out, s + i, j - i);
        i = j;
    }
    if (open)
        bc_buf_puts(&out, S_marker(open));
    char *r = bc_arena_strndup(a, out.data ? out.data : "", out.len);
    bc_buf_free(&out);
    bc_buf_clear(&t->raw);
    bc_buf_clear(&t->fmt);
    t->ink = 0;
    return r;
}
