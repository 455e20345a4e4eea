/*
 * import_text.c - a text file into the block model (import_doc.h): the
 * bytes screened (UTF-8 only, a BOM and CRLF taken off; a PDF, a zip, a
 * UTF-16 or other encoding refused with the reason), the lines tidied
 * (tabs and runs of spaces made one space), then joined into paragraphs
 * the way a reader sees them on the page.
 *
 * A line starts a new paragraph when it starts with a numbering pattern
 * (even without its space: "1.Tình", "-TVĐU"), a `|` (a typed table line,
 * kept as written, one paragraph per line), is written in capitals (the
 * type name, the agency, the signer's lines), or follows a line that
 * ended one: a line ending with ":", a short line (well short of the
 * file's usual line length) ending a sentence or followed by a capital,
 * a blank line (except one that breaks a sentence: the text before it
 * does not end a sentence and the text after it starts in lower case).
 */
#include "import/import_text.h"

#include "base/buf.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t bc_import_text_numbering(const char *s, int *space)
{
    size_t i = 0;
    int sp = 0;
    size_t n = 0;
    unsigned char c = (unsigned char)s[0];
    if (c == '-' || c == '+') {
        unsigned char nx = (unsigned char)s[1];
        if (nx == '\0' || (nx >= '0' && nx <= '9') || nx == '-' || nx == '+')
            return 0;
        n = 1;
    } else if (c >= '0' && c <= '9') {
        /* 1. 2.1. 2.3.1.: components of one or two digits, each with its dot */
        for (;;) {
            size_t k = 0;
            while (k < 3 && s[i + k] >= '0' && s[i + k] <= '9')
                k++;
            if (k == 0 || k > 2 || s[i + k] != '.')
                break;
            i += k + 1;
        }
        if (i == 0 || (s[i] >= '0' && s[i] <= '9'))
            return 0;
        n = i;
    } else if (strchr("IVXL", c) && c) {
        while (s[i] && strchr("IVXL", s[i]))
            i++;
        if (s[i] != '.' || i > 5)
            return 0;
        i++;
        if (s[i] >= '0' && s[i] <= '9')
            return 0;
        n = i;
    } else if (c >= 'a' && c <= 'z' && s[1] == ')') {
        n = 2;
    } else if (strncmp(s, "đ)", 3) == 0) {
        n = 3;
    } else {
        return 0;
    }
    if (s[n] == ' ')
        sp = 1;
    else if (s[n] == '\0' && c != '-' && c != '+')
        sp = 0;
    if (space)
        *space = sp;
    return n;
}

/* ---- the screen ---------------------------------------------------------- */

static int S_refuse(bc_diags *d, const char *path, const char *msg, const char *hint)
{
    bc_diag *g = bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", msg);
    if (hint)
        bc_diag_set_hint(g, hint);
    return -1;
}

/* 0 when the bytes are UTF-8 text; else -1 with the reason. */
static int S_screen(const char *path, const char *s, size_t n, bc_diags *d)
{
    if (n >= 5 && memcmp(s, "%PDF-", 5) == 0)
        return S_refuse(d, path, _("this is a PDF, not a .docx or a text file"),
                        _("copy the PDF's text into a .txt file (UTF-8), or import the "
                          "report's .docx"));
    if (n >= 4 && memcmp(s, "PK\3\4", 4) == 0)
        return S_refuse(d, path, _("this is a zip package (a .docx or .odt), not a text file"),
                        _("give a Word file a .docx name; save an .odt as .docx first"));
    if (n >= 2 && ((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE))
        return S_refuse(d, path, _("the text is in UTF-16, not UTF-8"),
                        _("save the file again as UTF-8 text"));
    if (n >= 2 && ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF))
        return S_refuse(d, path, _("the text is in UTF-16, not UTF-8"),
                        _("save the file again as UTF-8 text"));
    if (memchr(s, '\0', n))
        return S_refuse(d, path, _("this is not a text file (it holds binary data)"), NULL);
    size_t bad = 0;
    if (!bc_utf8_valid(s, n, &bad)) {
        int line = 1, col = 1;
        for (size_t i = 0; i < bad; i++) {
            if (s[i] == '\n') {
                line++;
                col = 1;
            } else if (((unsigned char)s[i] & 0xC0) != 0x80) {
                col++;
            }
        }
        bc_diag *g = bc_diag_add(d, BC_ERROR, path, line, col, "%s",
                                 _("the text is not UTF-8 (another encoding, such as "
                                   "Windows-1258 or TCVN3)"));
        bc_diag_set_hint(g, _("save the file again as UTF-8 text"));
        return -1;
    }
    return 0;
}

/* ---- lines --------------------------------------------------------------- */

typedef struct {
    char *text;   /* tidied: one space between words, none at the ends */
    size_t len;   /* bytes */
    size_t chars; /* code points */
    int line;
} S_line;

/* The line s[0..n) tidied into out: tabs, no-break spaces and runs of
 * spaces made one space, none at either end. */
static void S_tidy(bc_buf *out, const char *s, size_t n)
{
    bc_buf_clear(out);
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        size_t w = 1;
        /* a control character (a PDF's form feed between pages) is a
         * space; U+FFFE and U+FFFF, which no XML holds, are dropped */
        bool is_space = c == ' ' || c < 0x20;
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
            ((unsigned char)s[i + 2] == 0xBE || (unsigned char)s[i + 2] == 0xBF)) {
            i += 2;
            continue;
        }
        /* no-break space and C1 controls; the line and paragraph
         * separators; a byte order mark inside the text */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0xA0) {
            is_space = true;
            w = 2;
        }
        if (c == 0x7F)
            is_space = true;
        if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
            ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            is_space = true;
            w = 3;
        }
        if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBB &&
            (unsigned char)s[i + 2] == 0xBF) {
            is_space = true;
            w = 3;
        }
        if (is_space) {
            space = true;
            i += w - 1;
            continue;
        }
        if (space && out->len)
            bc_buf_putc(out, ' ');
        space = false;
        bc_buf_putc(out, (char)c);
    }
    bc_buf_cstr(out);
}

static bool S_is_upper_cp(const char *s, size_t n, bool *lower)
{
    size_t un = 0, ln = 0;
    char *u = bc_utf8_upper(s, n, &un);
    char *l = bc_utf8_lower(s, n, &ln);
    bool same_u = un == n && memcmp(u, s, n) == 0;
    bool same_l = ln == n && memcmp(l, s, n) == 0;
    bool up = same_u && !same_l;
    *lower = same_l && !same_u;
    free(u);
    free(l);
    return up;
}

/* True when the line has at least two letters and none in lower case. */
static bool S_caps(const char *s)
{
    size_t n = strlen(s);
    char *u = bc_utf8_upper(s, n, &(size_t){0});
    char *l = bc_utf8_lower(s, n, &(size_t){0});
    bool caps = strcmp(u, s) == 0 && strcmp(l, s) != 0;
    /* at least two letters changed by lower-casing */
    size_t letters = 0;
    for (size_t i = 0; s[i] && l[i]; i++)
        if (s[i] != l[i])
            letters++;
    free(u);
    free(l);
    return caps && letters >= 2;
}

/* The first letter's case: 1 upper, -1 lower, 0 no letter first. */
static int S_first_case(const char *s)
{
    size_t k = 1;
    unsigned char c = (unsigned char)s[0];
    if (c >= 0xC0) {
        while (((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
    }
    if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
        return 0;
    bool lower = false;
    bool up = S_is_upper_cp(s, k, &lower);
    return up ? 1 : lower ? -1 : 0;
}

/* "Cẩm Vũ, ngày 15 tháng 12 năm 2023": a short line with the three words
 * after a comma. */
static bool S_date_line(const S_line *l)
{
    if (l->chars > 70)
        return false;
    const char *ngay = strstr(l->text, ", ngày ");
    return ngay && strstr(ngay, "tháng") && strstr(ngay, "năm");
}

/* A line of its own whatever surrounds it: "Số: 95/BC-UBND", "V/v ...",
 * "Kính gửi: ...". */
static bool S_own_line(const S_line *l)
{
    static const char *const starts[] = {"Số:", "Số :", "SỐ:", "SỐ :", "V/v ", "V/V ",
                                         "Kính gửi", "KÍNH GỬI", NULL};
    for (int k = 0; starts[k]; k++)
        if (strncmp(l->text, starts[k], strlen(starts[k])) == 0)
            return true;
    return false;
}

static bool S_ends_sentence(const char *s, size_t n)
{
    while (n && (s[n - 1] == '*' || s[n - 1] == ' '))
        n--;
    if (!n)
        return false;
    char c = s[n - 1];
    return c == '.' || c == ';' || c == ':' || c == '!' || c == '?';
}

static int S_cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static void S_flush(bc_import_doc *doc, bc_buf *cur, int line)
{
    if (!cur->len)
        return;
    bc_import_block *b = bc_import_doc_add(doc, BC_IMPORT_BLOCK_PARA);
    b->u.para.text = bc_arena_strndup(&doc->arena, cur->data, cur->len);
    b->u.para.align = BC_IMPORT_ALIGN_LEFT;
    b->u.para.line = line;
    bc_buf_clear(cur);
}

int bc_import_text_read_mem(const char *path, const char *data, size_t len,
                            bc_import_doc *doc, bc_diags *d)
{
    if (S_screen(path, data, len, d) != 0)
        return -1;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    size_t nfc_len = 0;
    char *text = bc_utf8_nfc(data, len, &nfc_len);
    /* the lines */
    S_line *lines = NULL;
    size_t n_lines = 0, cap = 0;
    bc_buf tidy = BC_BUF_INIT;
    int lineno = 1;
    for (size_t i = 0; i <= nfc_len;) {
        size_t e = i;
        while (e < nfc_len && text[e] != '\n' && text[e] != '\r')
            e++;
        S_tidy(&tidy, text + i, e - i);
        BC_GROW(lines, cap, n_lines + 1);
        S_line *l = &lines[n_lines++];
        l->text = bc_arena_strndup(&doc->arena, tidy.len ? tidy.data : "", tidy.len);
        l->len = tidy.len;
        l->chars = bc_utf8_length(l->text, l->len);
        l->line = lineno++;
        if (e >= nfc_len)
            break;
        if (text[e] == '\r' && e + 1 < nfc_len && text[e + 1] == '\n')
            e++;
        i = e + 1;
    }
    free(text);
    bc_buf_free(&tidy);
    /* the usual line length: the 90th percentile of the non-empty lines */
    size_t *w = bc_xmalloc((n_lines + 1) * sizeof *w);
    size_t nw = 0;
    for (size_t i = 0; i < n_lines; i++)
        if (lines[i].len)
            w[nw++] = lines[i].chars;
    if (!nw) {
        free(w);
        free(lines);
        return S_refuse(d, path, _("the file is empty: it holds no text"), NULL);
    }
    qsort(w, nw, sizeof *w, S_cmp_size);
    size_t width = w[(nw * 9) / 10 < nw ? (nw * 9) / 10 : nw - 1];
    free(w);
    if (width < 40)
        width = 40;
    size_t short_len = width * 3 / 4;

    bc_buf cur = BC_BUF_INIT;
    int cur_line = 0;
    const S_line *prev = NULL;
    bool blank = false, prev_caps = false, cur_numbered = false, prev_pipe = false;
    for (size_t i = 0; i < n_lines; i++) {
        const S_line *l = &lines[i];
        if (!l->len) {
            blank = true;
            continue;
        }
        int sp = 0;
        bool pipe = l->text[0] == '|';
        bool numbered = bc_import_text_numbering(l->text, &sp) > 0;
        bool caps = S_caps(l->text);
        bool fresh;
        bool label = l->chars < 40 && l->text[l->len - 1] == ':' && S_first_case(l->text) > 0;
        bool ended = prev && prev->len >= 3 && strcmp(prev->text + prev->len - 3, "./.") == 0;
        /* the date line stands alone, wherever the page's columns put it */
        bool dated = S_date_line(l) || S_own_line(l);
        bool after_date = prev && (S_date_line(prev) || S_own_line(prev));
        if (!prev || pipe || prev_pipe || numbered || label || ended || dated || after_date) {
            fresh = true;
        } else if (caps || prev_caps) {
            /* a heading in capitals broken over two lines stays one */
            fresh = !(caps && prev_caps && cur_numbered && !blank &&
                      !S_ends_sentence(prev->text, prev->len));
        } else if (prev->len && prev->text[prev->len - 1] == ':') {
            fresh = true;
        } else if (blank) {
            fresh = S_ends_sentence(prev->text, prev->len) || S_first_case(l->text) > 0;
        } else {
            fresh = prev->chars < short_len &&
                    (S_ends_sentence(prev->text, prev->len) || S_first_case(l->text) > 0);
        }
        if (fresh) {
            S_flush(doc, &cur, cur_line);
            cur_line = l->line;
            cur_numbered = numbered;
        } else {
            bc_buf_putc(&cur, ' ');
        }
        bc_buf_put(&cur, l->text, l->len);
        prev = l;
        prev_caps = caps;
        prev_pipe = pipe;
        blank = false;
    }
    S_flush(doc, &cur, cur_line);
    bc_buf_free(&cur);
    free(lines);
    return 0;
}

int bc_import_text_read(const char *path, bc_import_doc *doc, bc_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return -1;
    }
    bc_buf b = BC_BUF_INIT;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        bc_buf_put(&b, chunk, got);
    int err = ferror(f);
    fclose(f);
    if (err) {
        bc_buf_free(&b);
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", _("cannot read the file"));
        return -1;
    }
    int rc = bc_import_text_read_mem(path, b.len ? b.data : "", b.len, doc, d);
    bc_buf_free(&b);
    return rc;
}
