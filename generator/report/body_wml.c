/*
 * body_wml.c - the report body as paragraphs (see body_wml.h).
 */
#include "report/body_wml.h"
#include "base/font_metrics.h"
#include "base/xalloc.h"
#include "report/body_table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A table's look (input.md 1.3.1): cell text 13 pt (half-points), the
 * cell margins of the table style, the narrowest a column may be. */
#define BC_TABLE_TEXT_SIZE 26
#define BC_TABLE_CELL_MARGIN 85
#define BC_TABLE_MIN_COL 567
/* The text width of the built-in template, for a part whose width is
 * unknown (A4, margins 30 and 15 mm). */
#define BC_TABLE_DEFAULT_WIDTH 9355

const char *const bc_body_wml_style_ids[BC_BLK_KIND_COUNT] = {
    [BC_BLK_PARAGRAPH] = "NoiDung",
    [BC_BLK_PART] = "PhanLon",
    [BC_BLK_ITEM_TITLE] = "MucTieuDe",
    [BC_BLK_ITEM] = "Muc",
    [BC_BLK_SUBITEM_TITLE] = "MucNhoTieuDe",
    [BC_BLK_SUBITEM] = "MucNho",
    [BC_BLK_POINT] = "Diem",
    [BC_BLK_DASH] = "GachDau",
    [BC_BLK_PLUS] = "DauCong",
    [BC_BLK_TABLE] = "BangChu",
};

/* The table style every body table takes. */
#define BC_TABLE_STYLE "BangSoLieu"

void bc_body_wml_styles_load(bc_body_wml_styles *bs, const bc_styles *styles)
{
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++) {
        const char *id = bc_wml_styles_role_id(styles, bc_body_wml_style_ids[k]);
        bs->ids[k] = bc_xstrdup(id ? id : bc_body_wml_style_ids[k]);
    }
    const char *tid = bc_wml_styles_role_id(styles, BC_TABLE_STYLE);
    bs->table_style = bc_xstrdup(tid ? tid : BC_TABLE_STYLE);
}

void bc_body_wml_styles_free(bc_body_wml_styles *bs)
{
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++)
        free(bs->ids[k]);
    free(bs->table_style);
    memset(bs, 0, sizeof *bs);
}

/* A cell's text width at the table's size (twips), and its longest word's. */
static void S_measure(const bc_block *cell, bool bold, double *all, double *word)
{
    bc_face face = bold ? BC_FACE_BOLD : BC_FACE_REGULAR;
    *word = 0;
    *all = 0;
    size_t start = 0, spaces = 0;
    for (size_t i = 0; i <= cell->len; i++) {
        if (i == cell->len || cell->text[i] == ' ') {
            double w = i > start ? bc_font_metrics_width(cell->text + start, i - start,
                                                         face, BC_TABLE_TEXT_SIZE)
                                 : 0;
            *all += w;
            if (w > *word)
                *word = w;
            start = i + 1;
            spaces += i < cell->len;
        }
    }
    if (spaces)
        *all += (double)spaces * bc_font_metrics_width(" ", 1, face, BC_TABLE_TEXT_SIZE);
}

/* Column widths (twips) summing to `total` exactly: each column's
 * content width when all fit, else the columns narrower than an even
 * share keep their width and the others share the rest by their widths,
 * never below their longest word. */
static void S_widths(const bc_table *t, double total, long *out)
{
    size_t nc = t->cols;
    double *want = bc_xcalloc(nc, sizeof *want), *least = bc_xcalloc(nc, sizeof *least);
    for (size_t c = 0; c < nc; c++) {
        for (size_t r = 0; r < t->rows; r++) {
            double all, word;
            S_measure(&t->cells[r * nc + c], r == 0, &all, &word);
            if (all > want[c])
                want[c] = all;
            if (word > least[c])
                least[c] = word;
        }
        want[c] += 2 * BC_TABLE_CELL_MARGIN + 20;
        least[c] += 2 * BC_TABLE_CELL_MARGIN + 20;
        if (want[c] < BC_TABLE_MIN_COL)
            want[c] = BC_TABLE_MIN_COL;
        if (least[c] < BC_TABLE_MIN_COL)
            least[c] = BC_TABLE_MIN_COL;
    }
    double sum = 0;
    for (size_t c = 0; c < nc; c++)
        sum += want[c];
    double *w = bc_xcalloc(nc, sizeof *w);
    if (sum <= total) {
        for (size_t c = 0; c < nc; c++)
            w[c] = want[c] * total / sum;
    } else {
        bool *fixed = bc_xcalloc(nc, sizeof *fixed);
        double left = total;
        size_t open = nc;
        for (bool changed = true; changed && open > 0;) {
            changed = false;
            double share = left / (double)open;
            for (size_t c = 0; c < nc; c++)
                if (!fixed[c] && want[c] <= share) {
                    w[c] = want[c];
                    fixed[c] = true;
                    left -= want[c];
                    open--;
                    changed = true;
                }
        }
        double rest = 0;
        for (size_t c = 0; c < nc; c++)
            if (!fixed[c])
                rest += want[c];
        for (size_t c = 0; c < nc; c++)
            if (!fixed[c]) {
                w[c] = rest > 0 ? want[c] * left / rest : left / (double)open;
                if (w[c] < least[c])
                    w[c] = least[c];
            }
        free(fixed);
        /* the longest words may overflow the width: scale all to it */
        double got = 0;
        for (size_t c = 0; c < nc; c++)
            got += w[c];
        for (size_t c = 0; c < nc; c++)
            w[c] = w[c] * total / got;
    }
    long used = 0;
    for (size_t c = 0; c < nc; c++) {
        out[c] = c + 1 < nc ? lround(w[c]) : lround(total) - used;
        used += out[c];
    }
    free(w);
    free(want);
    free(least);
}

static const char *const S_jc[] = {"left", "center", "right"};

/* One table: the table style, as wide as the text; the header row bold,
 * centred and repeated on every page; no row split across pages; the
 * last two rows kept with what follows when the table ends the body. */
static int S_table(const bc_body_wml_styles *bs, const bc_body_wml_runs *runs,
                   bc_buf *out, const bc_table *t, bool ends_body)
{
    double total = runs->page_text;
    if (total <= 0)
        total = BC_TABLE_DEFAULT_WIDTH;
    long *w = bc_xcalloc(t->cols, sizeof *w);
    S_widths(t, total, w);
    bc_buf_puts(out, "<w:tbl><w:tblPr><w:tblStyle w:val=\"");
    bc_buf_puts(out, bs->table_style);
    bc_buf_printf(out, "\"/><w:tblW w:w=\"%ld\" w:type=\"dxa\"/>"
                       "<w:tblLayout w:type=\"fixed\"/>"
                       "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" "
                       "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" "
                       "w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
                  lround(total));
    for (size_t c = 0; c < t->cols; c++)
        bc_buf_printf(out, "<w:gridCol w:w=\"%ld\"/>", w[c]);
    bc_buf_puts(out, "</w:tblGrid>");
    int status = 0;
    for (size_t r = 0; r < t->rows; r++) {
        bool keep = ends_body && r + 2 >= t->rows;
        bc_buf_puts(out, r == 0 ? "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
                                : "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (size_t c = 0; c < t->cols; c++) {
            const bc_block *cell = &t->cells[r * t->cols + c];
            bc_buf_puts(out, "<w:tc><w:tcPr><w:tcW w:w=\"");
            bc_buf_put_uint(out, (unsigned long long)w[c], 0);
            bc_buf_puts(out, "\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"");
            bc_buf_puts(out, bs->ids[BC_BLK_TABLE]);
            bc_buf_puts(out, "\"/>");
            /* rows stay together (a row's paragraphs keep with the next
             * row only at the end of the body, with the signature) */
            if (keep || r == 0)
                bc_buf_puts(out, "<w:keepNext/>");
            /* left is the cell style's own alignment */
            bc_table_align al = r == 0 ? BC_ALIGN_CENTER : t->align[c];
            if (al != BC_ALIGN_LEFT) {
                bc_buf_puts(out, "<w:jc w:val=\"");
                bc_buf_puts(out, S_jc[al]);
                bc_buf_puts(out, "\"/>");
            }
            bc_buf_puts(out, "</w:pPr>");
            size_t pos = 0;
            for (size_t k = 0; k < cell->span_count; k++) {
                const bc_span *sp = &cell->spans[k];
                status |= runs->run(runs->closure, out, cell->text + pos,
                                    sp->start - pos, r == 0, false);
                status |= runs->run(runs->closure, out, cell->text + sp->start,
                                    sp->len, sp->bold || r == 0, sp->italic);
                pos = sp->start + sp->len;
            }
            status |= runs->run(runs->closure, out, cell->text + pos,
                                cell->len - pos, r == 0, false);
            bc_buf_puts(out, "</w:p></w:tc>");
        }
        bc_buf_puts(out, "</w:tr>");
    }
    bc_buf_puts(out, "</w:tbl>");
    free(w);
    return status;
}

/* A paragraph of a block: its style, its runs. */
static int S_paragraph(const bc_body_wml_styles *bs, const bc_body_wml_runs *runs,
                       bc_buf *out, const bc_block *b, bool keep_next)
{
    int status = 0;
    bc_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"");
    bc_buf_puts(out, bs->ids[b->kind]);
    bc_buf_puts(out, keep_next ? "\"/><w:keepNext/></w:pPr>" : "\"/></w:pPr>");
    size_t pos = 0;
    for (size_t k = 0; k < b->span_count; k++) {
        const bc_span *sp = &b->spans[k];
        status |= runs->run(runs->closure, out, b->text + pos, sp->start - pos, false,
                            false);
        status |= runs->run(runs->closure, out, b->text + sp->start, sp->len, sp->bold,
                            sp->italic);
        pos = sp->start + sp->len;
    }
    status |= runs->run(runs->closure, out, b->text + pos, b->len - pos, false, false);
    bc_buf_puts(out, "</w:p>");
    return status;
}

int bc_body_wml_blocks(const bc_body_wml_styles *bs, const bc_body_wml_runs *runs,
                       const bc_body *body, bool keep_end, bc_buf *out)
{
    /* the text and, a paragraph, its style and run markup */
    int status = 0;
    for (size_t i = 0; i < body->count; i++) {
        const bc_block *b = &body->blocks[i];
        bool last = i + 1 == body->count;
        if (b->kind == BC_BLK_TABLE)
            status |= S_table(bs, runs, out, b->table, keep_end && last);
        else
            status |= S_paragraph(bs, runs, out, b, keep_end && i + 2 >= body->count);
    }
    return status ? -1 : 0;
}

static int S_block_run(void *closure, bc_buf *out, const char *s, size_t n, bool bold,
                       bool italic)
{
    return bc_wml_render_block_run(closure, out, s, n, bold, italic);
}

int bc_body_wml_write(const bc_body_wml_styles *bs, bc_wml_render_block *bl,
                      const char *text, size_t len)
{
    bc_buf *out = bc_wml_render_block_out(bl);
    const bc_body *body = bc_body_markup_parse_shared(text, len, true);
    bc_buf_reserve(out, len + body->count * 160);
    bc_body_wml_runs runs = {S_block_run, bl, bc_wml_render_block_page_text(bl)};
    int status = bc_body_wml_blocks(bs, &runs, body, true, out);
    if (runs.page_text > 0) /* the main part: the host takes the mark out */
        bc_buf_puts(out, BC_BODY_WML_END_PI);
    return status;
}

/* The end of the top-level element starting at s[i] ("<w:p" or another),
 * nested elements of the same name counted; 0 when it does not end. */
static size_t S_element_end(const char *s, size_t n, size_t i, const char *name)
{
    size_t nl = strlen(name);
    int depth = 0;
    for (size_t k = i; k < n; k++) {
        if (s[k] != '<')
            continue;
        bool close = k + 1 < n && s[k + 1] == '/';
        size_t at = k + 1 + (close ? 1 : 0);
        if (at + nl > n || memcmp(s + at, name, nl) != 0 ||
            (s[at + nl] != '>' && s[at + nl] != ' ' && s[at + nl] != '/'))
            continue;
        const char *gt = memchr(s + k, '>', n - k);
        if (!gt)
            return 0;
        if (close)
            depth--;
        else if (gt[-1] != '/')
            depth++;
        if (depth == 0)
            return (size_t)(gt + 1 - s);
        k = (size_t)(gt - s);
    }
    return 0;
}

void bc_body_wml_keep_with_next(bc_buf *xml)
{
    static const char pi[] = BC_BODY_WML_END_PI;
    size_t pl = sizeof pi - 1;
    bc_buf out = BC_BUF_INIT;
    const char *s = xml->data;
    size_t n = xml->len, from = 0;
    bool any = false;
    for (const char *m; s && (m = strstr(s + from, pi)) != NULL;) {
        any = true;
        size_t at = (size_t)(m - s);
        bc_buf_put(&out, s + from, at - from);
        size_t i = at + pl;
        /* the template's paragraphs after the body, up to the signature
         * (a table) and at most a few: each kept with the next */
        for (int count = 0; count < 6 && i < n; count++) {
            if (n - i < 5 || memcmp(s + i, "<w:p", 4) != 0 ||
                (s[i + 4] != '>' && s[i + 4] != ' ' && s[i + 4] != '/'))
                break;
            size_t end = S_element_end(s, n, i, "w:p");
            if (!end)
                break;
            const char *ppr = strstr(s + i, "<w:pPr>");
            const char *sect = strstr(s + i, "<w:sectPr");
            bool has_keep = false;
            const char *kn = strstr(s + i, "<w:keepNext/>");
            if (kn && (size_t)(kn - s) < end)
                has_keep = true;
            if (sect && (size_t)(sect - s) < end)
                break; /* a section break: the body's section ends there */
            if (has_keep) {
                bc_buf_put(&out, s + i, end - i);
            } else if (ppr && (size_t)(ppr - s) < end) {
                /* after the paragraph's style, where the schema puts it */
                size_t ins = (size_t)(ppr - s) + strlen("<w:pPr>");
                if (strncmp(s + ins, "<w:pStyle ", 10) == 0) {
                    const char *gt = strstr(s + ins, "/>");
                    if (gt && (size_t)(gt - s) < end)
                        ins = (size_t)(gt + 2 - s);
                }
                bc_buf_put(&out, s + i, ins - i);
                bc_buf_puts(&out, "<w:keepNext/>");
                bc_buf_put(&out, s + ins, end - ins);
            } else {
                const char *gt = memchr(s + i, '>', end - i);
                size_t ins = (size_t)(gt + 1 - s);
                if (gt[-1] == '/') { /* <w:p/> */
                    bc_buf_puts(&out, "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>");
                    i = end;
                    continue;
                }
                bc_buf_put(&out, s + i, ins - i);
                bc_buf_puts(&out, "<w:pPr><w:keepNext/></w:pPr>");
                bc_buf_put(&out, s + ins, end - ins);
            }
            i = end;
        }
        from = i;
    }
    if (!any) {
        bc_buf_free(&out);
        return;
    }
    bc_buf_put(&out, s + from, n - from);
    bc_buf_free(xml);
    *xml = out;
}
