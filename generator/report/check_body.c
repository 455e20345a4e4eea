/*
 * check_body.c - the review of the headings in `noi_dung` (see check.h),
 * read from the raw text as the clerk wrote it (bc_body_markup_parse, before any
 * tag is filled in):
 *   L22  part headings run I, II, III without gaps; items 1, 2 ... restart
 *        under each part, sub-items 2.1, 2.2 ... under their item; points
 *        follow the Vietnamese alphabet a b c d đ e g h ... (no f j w z);
 *        part headings are written in capitals, as in Decree 30's models;
 *   C03  a heading followed directly by a heading of the same or a higher
 *        level (or by nothing) heads an empty section.
 * A finding is placed on the block's first line inside the block scalar.
 */
#include "report/check_int.h"

#include "base/xalloc.h"
#include "base/utf8.h"
#include "report/body_markup.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "report/text_rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4

static const char *const S_points[] = {"a", "b", "c", "d", "đ", "e", "g", "h",
                                       "i", "k", "l", "m", "n", "o", "p", "q",
                                       "r", "s", "t", "u", "v", "x", "y", NULL};

/* A numbering read from a block's text. */
typedef struct label {
    int nums[MAX_DEPTH];  /* the part's value, the item path, or the point's index */
    int depth;            /* numbers in an item path */
    size_t end;           /* bytes of the label in the text */
} label;

static const char *S_skip_stars(const char *s)
{
    while (*s == '*')
        s++;
    return s;
}

static int S_roman_value(const char *s, size_t n)
{
    for (int v = 1; v < 40; v++) {
        bc_buf b = BC_BUF_INIT;
        bc_text_rules_roman(&b, v);
        bool same = b.len == n && memcmp(b.data, s, n) == 0;
        bc_buf_free(&b);
        if (same)
            return v;
    }
    return 0;
}

static bool S_read_label(const bc_block *blk, label *l)
{
    memset(l, 0, sizeof *l);
    const char *s = S_skip_stars(blk->text);
    const char *p = s;
    switch (blk->kind) {
    case BC_BLK_PART:
        while (*p == 'I' || *p == 'V' || *p == 'X')
            p++;
        l->nums[0] = S_roman_value(s, (size_t)(p - s));
        l->depth = 1;
        l->end = (size_t)(p - blk->text) + (*p == '.');
        return l->nums[0] > 0;
    case BC_BLK_ITEM:
    case BC_BLK_ITEM_TITLE:
    case BC_BLK_SUBITEM:
    case BC_BLK_SUBITEM_TITLE:
        while (l->depth < MAX_DEPTH && *p >= '0' && *p <= '9') {
            int v = 0;
            while (*p >= '0' && *p <= '9')
                v = v * 10 + (*p++ - '0');
            l->nums[l->depth++] = v;
            if (*p != '.')
                break;
            p++;
        }
        l->end = (size_t)(p - blk->text);
        return l->depth > 0;
    case BC_BLK_POINT:
        for (int i = 0; S_points[i]; i++) {
            size_t k = strlen(S_points[i]);
            if (strncmp(s, S_points[i], k) == 0 && s[k] == ')') {
                l->nums[0] = i;
                l->depth = 1;
                l->end = (size_t)(s - blk->text) + k + 1;
                return true;
            }
        }
        return false;
    default:
        return false;
    }
}

static void S_part_text(bc_buf *b, int v)
{
    bc_text_rules_roman(b, v);
    bc_buf_putc(b, '.');
}

static void S_path_text(bc_buf *b, const int *nums, int depth)
{
    for (int i = 0; i < depth; i++)
        bc_buf_printf(b, "%d.", nums[i]);
}

typedef struct walk {
    bc_check_ctx *c;
    const bc_node *v;
    int part;                 /* last part heading's value, 0 before any */
    int path[MAX_DEPTH];      /* last item path under it */
    int depth;
    int point;                /* last point's index, -1 before any */
} walk;

static void S_at_block(walk *w, const bc_block *blk, int *line, int *col)
{
    bc_check_locate(w->c, w->v, bc_check_line_start(w->v, blk->line), line, col);
}

static void S_gap(walk *w, const bc_block *blk, const char *prev, const char *got,
                  const char *want)
{
    int line, col;
    S_at_block(w, blk, &line, &col);
    if (prev && *prev)
        bc_check_pos(w->c, BC_WARNING, "L22", w->v, line, col,
                   _("numbering jumps from `%s` to `%s`; expected `%s`"), prev,
                   got, want);
    else
        bc_check_pos(w->c, BC_WARNING, "L22", w->v, line, col,
                   _("numbering starts at `%s`; expected `%s`"), got, want);
}

static void S_part(walk *w, const bc_block *blk, const label *l)
{
    if (l->nums[0] != w->part + 1) {
        bc_buf prev = BC_BUF_INIT, got = BC_BUF_INIT, want = BC_BUF_INIT;
        if (w->part)
            S_part_text(&prev, w->part);
        S_part_text(&got, l->nums[0]);
        S_part_text(&want, w->part + 1);
        S_gap(w, blk, bc_buf_cstr(&prev), bc_buf_cstr(&got), bc_buf_cstr(&want));
        bc_buf_free(&prev);
        bc_buf_free(&got);
        bc_buf_free(&want);
    }
    w->part = l->nums[0];
    w->depth = 0;
    w->point = -1;
    /* Written in capitals, as the decree's models do. */
    char *t = bc_check_words_untagged(blk->text + l->end, strlen(blk->text + l->end));
    if (bc_check_words_has_lower(t, strlen(t))) {
        /* advice, not a fault: most clerks write headings in sentence
         * case; a note (shown with --notes) with their own in capitals */
        char *q = bc_check_words_quote(blk->text, strlen(blk->text));
        size_t ul;
        char *up = bc_utf8_upper(blk->text, strlen(blk->text), &ul);
        char *uq = bc_check_words_quote(up, ul);
        int line, col;
        S_at_block(w, blk, &line, &col);
        bc_check_pos(w->c, BC_NOTE, "L22", w->v, line, col,
                     _("part heading `%s`: Decree 30's models write part headings "
                       "in capitals: `%s`"),
                     q, uq);
        free(uq);
        free(up);
        free(q);
    }
    free(t);
}

static void S_item(walk *w, const bc_block *blk, const label *l)
{
    int k = l->depth;
    int want[MAX_DEPTH];
    int known = k - 1 < w->depth ? k - 1 : w->depth;
    for (int i = 0; i < known; i++)
        want[i] = w->path[i];
    for (int i = known; i < k; i++)
        want[i] = 1;
    if (known == k - 1)
        want[k - 1] = (w->depth >= k ? w->path[k - 1] : 0) + 1;
    if (memcmp(want, l->nums, (size_t)k * sizeof *want) != 0) {
        bc_buf prev = BC_BUF_INIT, got = BC_BUF_INIT, exp = BC_BUF_INIT;
        if (w->depth >= k)
            S_path_text(&prev, w->path, k);
        S_path_text(&got, l->nums, k);
        S_path_text(&exp, want, k);
        S_gap(w, blk, bc_buf_cstr(&prev), bc_buf_cstr(&got), bc_buf_cstr(&exp));
        bc_buf_free(&prev);
        bc_buf_free(&got);
        bc_buf_free(&exp);
    }
    memcpy(w->path, l->nums, sizeof w->path);
    w->depth = k;
    w->point = -1;
}

static void S_point(walk *w, const bc_block *blk, const label *l)
{
    int i = l->nums[0];
    if (i != w->point + 1 && S_points[w->point + 1]) {
        char prev[8] = "", got[8], want[8];
        if (w->point >= 0)
            snprintf(prev, sizeof prev, "%s)", S_points[w->point]);
        snprintf(got, sizeof got, "%s)", S_points[i]);
        snprintf(want, sizeof want, "%s)", S_points[w->point + 1]);
        S_gap(w, blk, prev, got, want);
    }
    w->point = i;
}

/* The level of a heading (1 part, 2 item, 3 sub-item ...), 0 for a block
 * that is not one. An item title with text after a colon ("1. Thuận lợi:
 * tốt") is a short item, not a heading. */
static int S_heading_level(const bc_block *blk, const label *l, bool has_label)
{
    if (!has_label)
        return 0;
    if (blk->kind == BC_BLK_PART)
        return 1;
    if (blk->kind != BC_BLK_ITEM_TITLE && blk->kind != BC_BLK_SUBITEM_TITLE)
        return 0;
    const char *colon = strchr(blk->text + l->end, ':');
    if (colon) {
        const char *p = colon + 1;
        while (*p == ' ' || *p == '*')
            p++;
        if (*p && strcmp(p, "./.") != 0)
            return 0;
    }
    return 1 + l->depth;
}

static void S_empty_sections(walk *w, const bc_body *body, const label *labels,
                             const bool *has)
{
    for (size_t i = 0; i < body->count; i++) {
        const bc_block *blk = &body->blocks[i];
        int level = S_heading_level(blk, &labels[i], has[i]);
        if (!level)
            continue;
        int next = i + 1 < body->count
                       ? S_heading_level(&body->blocks[i + 1], &labels[i + 1], has[i + 1])
                       : -1;
        if (next == 0 || next > level)
            continue;
        size_t len = strlen(blk->text);
        if (i + 1 == body->count && len >= 3 && strcmp(blk->text + len - 3, "./.") == 0)
            len -= 3;
        char *q = bc_check_words_quote(blk->text, len);
        int line, col;
        S_at_block(w, blk, &line, &col);
        if (next < 0) {
            bc_check_pos(w->c, BC_WARNING, "C03", w->v, line, col,
                       _("`%s` heads an empty section at the end of the body"), q);
        } else {
            const bc_block *nb = &body->blocks[i + 1];
            char *nq = bc_check_words_quote(nb->text, labels[i + 1].end);
            bc_check_pos(w->c, BC_WARNING, "C03", w->v, line, col,
                       _("`%s` heads an empty section: the heading `%s` follows "
                         "it directly"),
                       q, nq);
            free(nq);
        }
        free(q);
    }
}

/* Tables (input.md 1.3.1): a body ending with a table (the report has no
 * closing sentence, and no "./."), and rows pasted from a spreadsheet
 * with tabs between the cells, which the table syntax would lay out. */
static void S_tables(walk *w, const bc_node *v, const bc_body *body)
{
    if (body->count && body->blocks[body->count - 1].kind == BC_BLK_TABLE) {
        int line, col;
        S_at_block(w, &body->blocks[body->count - 1], &line, &col);
        bc_check_pos(w->c, BC_WARNING, "L33", w->v, line, col, "%s",
                     _("the body ends with a table: a report ends with its closing "
                       "sentence (\"Trên đây là ...\") and \"./.\" after the table"));
    }
    /* the first line holding two tabs between words */
    for (size_t i = 0; i < v->len;) {
        const char *nl = memchr(v->str + i, '\n', v->len - i);
        size_t e = nl ? (size_t)(nl - v->str) : v->len;
        size_t tabs = 0, a = i;
        while (a < e && (v->str[a] == ' ' || v->str[a] == '\t'))
            a++;
        for (size_t k = a; k < e; k++)
            if (v->str[k] == '\t' && k + 1 < e && v->str[k + 1] != '\t')
                tabs++;
        if (tabs >= 2 && v->str[a] != '|') {
            int line, col;
            bc_check_locate(w->c, v, a, &line, &col);
            bc_check_pos(w->c, BC_WARNING, "L34", w->v, line, col, "%s",
                         _("cells separated by tabs, as pasted from a spreadsheet: "
                           "write them as a table (| STT | Tên | Số |, then "
                           "|---|---|---:|, then one row a line)"));
            break;
        }
        i = e + 1;
    }
}

/* The Roman numeral at s[0..n) (I..XXXIX, as body_markup reads part
 * headings), its length in *len; 0 when none. */
static int S_roman_at(const char *s, size_t n, size_t *len)
{
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII",
                                       "VIII", "IX"};
    static const char *const tens[] = {"", "X", "XX", "XXX"};
    size_t r = 0;
    while (r < n && (s[r] == 'I' || s[r] == 'V' || s[r] == 'X'))
        r++;
    if (r == 0 || (r < n && ((s[r] >= 'A' && s[r] <= 'Z') || (s[r] >= 'a' && s[r] <= 'z'))))
        return 0;
    for (int v = 1; v < 40; v++) {
        const char *t = tens[v / 10], *o = ones[v % 10];
        size_t tl = strlen(t), ol = strlen(o);
        if (tl + ol == r && memcmp(s, t, tl) == 0 && memcmp(s + tl, o, ol) == 0) {
            *len = r;
            return v;
        }
    }
    return 0;
}

/* L35 (input.md 1.3.2): the body names each appendix ("Phụ lục I", "phụ
 * lục {{phu_luc.1.so}}", "Phụ lục" when there is one) and none that does
 * not exist. */
static void S_appendix_refs(bc_check_ctx *c, const bc_node *v)
{
    const bc_entry *pe = bc_node_entry(c->in, "phu_luc", 7);
    size_t count = pe && pe->value->kind == BC_LIST ? pe->value->count : 0;
    bool named[40] = {false};
    static const char *const forms[] = {"Phụ lục", "phụ lục", "PHỤ LỤC"};
    for (int f = 0; f < 3; f++) {
        size_t fl = strlen(forms[f]);
        for (const char *p = v->str; (p = strstr(p, forms[f])) != NULL; p += fl) {
            const char *q = p + fl;
            size_t left = v->len - (size_t)(q - v->str);
            size_t sp = 0;
            while (sp < left && q[sp] == ' ')
                sp++;
            size_t rl;
            int k = sp ? S_roman_at(q + sp, left - sp, &rl) : 0;
            static const char tag[] = "{{phu_luc.";
            if (!k && sp && left - sp > sizeof tag && memcmp(q + sp, tag, sizeof tag - 1) == 0) {
                const char *d = q + sp + sizeof tag - 1;
                int idx = 0, digits = 0;
                while (*d >= '0' && *d <= '9' && digits < 3) {
                    idx = idx * 10 + (*d++ - '0');
                    digits++;
                }
                if (digits && strncmp(d, ".so}}", 5) == 0)
                    k = idx + 1;
            }
            if (k == 0) {
                if (count == 1)
                    named[1] = true; /* "Phụ lục" alone: the one */
                continue;
            }
            if (k < 40)
                named[k] = true;
            if ((size_t)k > count) {
                int line, col;
                bc_check_locate(c, v, (size_t)(p - v->str), &line, &col);
                bc_check_pos(c, BC_WARNING, "L35", v, line, col,
                             _("the body names appendix %d, but `phu_luc` has %zu"), k,
                             count);
            }
        }
    }
    for (size_t i = 1; i <= count && i < 40; i++)
        if (!named[i]) {
            bc_buf b = BC_BUF_INIT;
            if (count > 1)
                bc_text_rules_roman(&b, (int)i);
            bc_check_key(c, BC_WARNING, "L35", c->in, pe,
                         count > 1 ? _("the body does not name Phụ lục %s: a report "
                                       "refers to each of its appendices")
                                   : _("the body does not name its Phụ lục%s: a report "
                                       "refers to each of its appendices"),
                         bc_buf_cstr(&b));
            bc_buf_free(&b);
        }
}

void bc_check_body(bc_check_ctx *c)
{
    const bc_node *v = bc_check_value(c->in, "noi_dung");
    if (!v)
        return;
    if (v->multiline) /* written over lines without `|`: YAML joined them */
        bc_check_at(c, BC_WARNING, "C04", v, "%s",
                    _("`noi_dung` is written over several lines without `|`, so its "
                      "line breaks are joined and its blocks lost: write `noi_dung: |` "
                      "and indent its lines by two spaces"));
    bc_body body;
    bc_body_markup_parse(v->str, v->len, &body);
    walk w = {c, v, 0, {0}, 0, -1};
    label *labels = body.count ? bc_xcalloc(body.count, sizeof *labels) : NULL;
    bool *has = body.count ? bc_xcalloc(body.count, sizeof *has) : NULL;
    for (size_t i = 0; i < body.count; i++) {
        const bc_block *blk = &body.blocks[i];
        if (blk->kind == BC_BLK_TABLE) {
            has[i] = false; /* a table's cells are no heading */
            continue;
        }
        has[i] = S_read_label(blk, &labels[i]);
        if (!has[i])
            continue;
        if (blk->kind == BC_BLK_PART)
            S_part(&w, blk, &labels[i]);
        else if (blk->kind == BC_BLK_POINT)
            S_point(&w, blk, &labels[i]);
        else
            S_item(&w, blk, &labels[i]);
    }
    S_empty_sections(&w, &body, labels, has);
    S_tables(&w, v, &body);
    S_appendix_refs(c, v);
    free(labels);
    free(has);
    bc_body_markup_free(&body);
}
