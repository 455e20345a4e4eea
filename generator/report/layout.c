/*
 * layout.c - measured geometry after rendering (see layout.h).
 */
#include "report/layout.h"
#include "base/buf.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/font_metrics.h"
#include "base/utf8.h"
#include "wml/wml.h"

#include <stdlib.h>
#include <string.h>

#define BC_DEFAULT_CELL_MARGIN 108 /* twips, Word's default left/right */

/* One character of a paragraph with its width and where it sits. */
typedef struct pchar {
    double width;
    xmlNodePtr t;      /* the w:t holding it, NULL for a line break */
    size_t offset;     /* byte offset in t's text */
    bool space;
} pchar;

typedef struct pline {
    pchar *v;
    size_t count, cap;
} pline;

static void S_push(pline *l, pchar c)
{
    BC_GROW(l->v, l->cap, l->count + 1);
    l->v[l->count++] = c;
}

static bc_face S_face(bc_run_props rp)
{
    return (bc_face)((rp.bold ? BC_FACE_BOLD : 0) | (rp.italic ? BC_FACE_ITALIC : 0));
}

static void S_collect_runs(const bc_styles *st, xmlNodePtr p, xmlNodePtr n,
                           pline *out)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "r")) {
            bc_run_props rp = bc_wml_styles_run_props(st, p, c);
            for (xmlNodePtr k = c->children; k; k = k->next) {
                if (bc_wml_is(k, "br") || bc_wml_is(k, "cr")) {
                    S_push(out, (pchar){0, NULL, 0, false});
                } else if (bc_wml_is(k, "tab")) {
                    S_push(out, (pchar){720, k, 0, true});
                } else if (bc_wml_is(k, "t")) {
                    const char *s = bc_wml_text(k);
                    size_t n2 = strlen(s);
                    for (size_t i = 0; i < n2;) {
                        size_t len = 1;
                        while (i + len < n2 && ((unsigned char)s[i + len] & 0xC0) == 0x80)
                            len++;
                        double w = bc_font_metrics_width(s + i, len, S_face(rp), rp.sz);
                        S_push(out, (pchar){w, k, i, s[i] == ' '});
                        i += len;
                    }
                }
            }
        } else if (bc_wml_is(c, "hyperlink") || bc_wml_is(c, "smartTag") ||
                   bc_wml_is(c, "ins") || bc_wml_is(c, "fldSimple")) {
            S_collect_runs(st, p, c, out);
        }
    }
}

/* Greedy line breaking of chars [from, to) at width `avail`: returns the
 * number of lines, the widest line in *widest, and the indices of the
 * spaces broken at in brk (when not NULL). */
static size_t S_wrap(const pline *l, size_t from, size_t to, double avail,
                     double *widest, size_t *brk, size_t *nbrk)
{
    size_t lines = 1, nb = 0;
    double cur = 0, best = 0;
    size_t line_start = from;
    size_t last_space = (size_t)-1;
    double at_space = 0;
    for (size_t i = from; i < to; i++) {
        const pchar *c = &l->v[i];
        if (c->space) {
            last_space = i;
            at_space = cur;
        }
        cur += c->width;
        if (cur > avail && last_space != (size_t)-1 && last_space > line_start) {
            if (at_space > best)
                best = at_space;
            if (brk)
                brk[nb] = last_space;
            nb++;
            lines++;
            cur -= at_space + l->v[last_space].width;
            line_start = last_space + 1;
            last_space = (size_t)-1;
        }
    }
    if (cur > best)
        best = cur;
    if (widest)
        *widest = best;
    if (nbrk)
        *nbrk = nb;
    return lines;
}

/* Widest line of a paragraph laid out at `avail`, hard breaks included. */
static double S_longest_line(const pline *l, double avail)
{
    double best = 0;
    size_t start = 0;
    for (size_t i = 0; i <= l->count; i++) {
        if (i == l->count || !l->v[i].t) {
            double w;
            S_wrap(l, start, i, avail, &w, NULL, NULL);
            if (w > best)
                best = w;
            start = i + 1;
        }
    }
    return best;
}

/* The text width available to a paragraph: its cell's, or the page's. */
static double S_avail(xmlNodePtr p, double page_text)
{
    for (xmlNodePtr n = p->parent; n; n = n->parent) {
        if (!bc_wml_is(n, "tc"))
            continue;
        xmlNodePtr tcw = bc_wml_child(bc_wml_child(n, "tcPr"), "tcW");
        const char *w = tcw ? bc_wml_attr(tcw, "w") : NULL;
        if (!w)
            return page_text;
        double width = atof(w);
        double margins = 2 * BC_DEFAULT_CELL_MARGIN;
        xmlNodePtr tbl = n->parent ? n->parent->parent : NULL;
        xmlNodePtr mar = bc_wml_child(bc_wml_child(tbl, "tblPr"), "tblCellMar");
        if (mar) {
            margins = 0;
            const char *sides[] = {"left", "right", "start", "end"};
            for (int i = 0; i < 4; i++) {
                xmlNodePtr m = bc_wml_child(mar, sides[i]);
                if (m && bc_wml_attr(m, "w"))
                    margins += atof(bc_wml_attr(m, "w"));
            }
        }
        return width - margins;
    }
    return page_text;
}

/* A paragraph's role (bc_wml_styles_para_role), kept in the node's _private
 * when first asked: the passes ask again for every paragraph, and the rules
 * for those above them. The layout runs on rendered trees only, whose
 * _private nothing else uses (the template compiler's trees do). */
static const char *S_style(const bc_styles *st, xmlNodePtr p)
{
    if (p->_private)
        return p->_private;
    const char *id = bc_wml_styles_para_role(st, p);
    p->_private = (void *)(id ? id : "");
    return p->_private;
}

/* pPr children that come after w:ind in the schema's order. */
static bool S_after_ind(const xmlNode *n)
{
    static const char *const later[] = {
        "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
        "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
        "divId", "cnfStyle", "rPr", "sectPr", "pPrChange", NULL};
    for (int i = 0; later[i]; i++)
        if (bc_wml_is(n, later[i]))
            return true;
    return false;
}

static void S_set_indents(xmlNodePtr p, long left, long right)
{
    xmlNodePtr ppr = bc_wml_child(p, "pPr");
    if (!ppr)
        ppr = bc_wml_new(p, p->children, "pPr");
    xmlNodePtr ind = bc_wml_child(ppr, "ind");
    if (!ind) {
        xmlNodePtr before = NULL;
        for (xmlNodePtr c = ppr->children; c && !before; c = c->next)
            if (S_after_ind(c))
                before = c;
        ind = bc_wml_new(ppr, before, "ind");
    }
    char v[32];
    snprintf(v, sizeof v, "%ld", left);
    bc_wml_set_attr(ind, "left", v);
    snprintf(v, sizeof v, "%ld", right);
    bc_wml_set_attr(ind, "right", v);
    xmlUnsetNsProp(ind, ind->ns, (const xmlChar *)"firstLine");
    xmlUnsetNsProp(ind, ind->ns, (const xmlChar *)"hanging");
}

static void S_rule(const bc_styles *st, xmlNodePtr p, double page_text,
                   bool full)
{
    xmlNodePtr prev = p->prev;
    while (prev && !bc_wml_is(prev, "p"))
        prev = prev->prev;
    if (!prev)
        return;
    const char *ref_style = S_style(st, prev);
    double avail = S_avail(p, page_text);
    double longest = 0;
    for (xmlNodePtr q = prev; q; q = q->prev) {
        if (!bc_wml_is(q, "p"))
            continue;
        if (strcmp(S_style(st, q), ref_style) != 0)
            break;
        pline l = {0};
        S_collect_runs(st, q, q, &l);
        double w = S_longest_line(&l, S_avail(q, page_text));
        free(l.v);
        if (w > longest)
            longest = w;
    }
    if (longest <= 0)
        longest = avail / 3;
    double rule = full ? longest : longest * BC_RULE_RATIO;
    if (rule > avail)
        rule = avail;
    long side = (long)((avail - rule) / 2 + 0.5);
    S_set_indents(p, side, side);
}

/* Splits a w:t at byte `offset` (a space, dropped), with a w:br between. */
static void S_break_at(xmlNodePtr t, size_t offset)
{
    const char *s = bc_wml_text(t);
    char *before = bc_xstrndup(s, offset);
    char *after = bc_xstrdup(s + offset + 1);
    xmlNodePtr br = xmlNewDocNode(t->doc, t->ns, (const xmlChar *)"br", NULL);
    xmlNodePtr t2 = xmlNewDocNode(t->doc, t->ns, (const xmlChar *)"t", NULL);
    xmlAddNextSibling(t, br);
    xmlAddNextSibling(br, t2);
    bc_wml_set_text(t, before);
    bc_wml_set_text(t2, after);
    free(before);
    free(after);
}

static bool S_has_break(const pline *l)
{
    for (size_t i = 0; i < l->count; i++)
        if (!l->v[i].t)
            return true;
    return false;
}

/* Removes the siblings of n before it (before=true) or after it, keeping
 * the element holding the properties of its parent (w:pPr or w:rPr). */
static void S_prune(xmlNodePtr n, bool before)
{
    xmlNodePtr c = before ? n->prev : n->next;
    while (c) {
        xmlNodePtr next = before ? c->prev : c->next;
        if (!(bc_wml_is(c, "pPr") || bc_wml_is(c, "rPr"))) {
            xmlUnlinkNode(c);
            xmlFreeNode(c);
        }
        c = next;
    }
}

/* Splits paragraph p in two at byte `offset` of its w:t `t` (a space,
 * dropped): the second paragraph is a copy of p holding what follows. */
static void S_split_para(xmlNodePtr p, xmlNodePtr t, size_t offset)
{
    size_t path[32], depth = 0;
    for (xmlNodePtr n = t; n && n != p && depth < 32; n = n->parent) {
        size_t i = 0;
        for (xmlNodePtr c = n->parent->children; c != n; c = c->next)
            i++;
        path[depth++] = i;
    }
    xmlNodePtr copy = xmlDocCopyNode(p, p->doc, 1);
    xmlAddNextSibling(p, copy);
    xmlNodePtr t2 = copy;
    for (size_t k = depth; k-- > 0;) {
        t2 = t2->children;
        for (size_t i = 0; i < path[k]; i++)
            t2 = t2->next;
    }
    /* Word wants unique paragraph ids */
    xmlAttrPtr a = copy->properties;
    while (a) {
        xmlAttrPtr next = a->next;
        if (strcmp((const char *)a->name, "paraId") == 0 ||
            strcmp((const char *)a->name, "textId") == 0)
            xmlRemoveProp(a);
        a = next;
    }
    const char *s = bc_wml_text(t);
    char *before = bc_xstrndup(s, offset);
    char *after = bc_xstrdup(s + offset + 1);
    bc_wml_set_text(t, before);
    bc_wml_set_text(t2, after);
    free(before);
    free(after);
    for (xmlNodePtr n = t; n != p; n = n->parent)
        S_prune(n, false);
    for (xmlNodePtr n = t2; n != copy; n = n->parent)
        S_prune(n, true);
}

/* Applies breaks at the given space indices (last first, so that earlier
 * offsets stay valid): line breaks, or new paragraphs when `split`. */
static void S_apply_breaks(xmlNodePtr p, const pline *l, const size_t *brk,
                           size_t n, bool split)
{
    for (size_t k = n; k-- > 0;) {
        const pchar *c = &l->v[brk[k]];
        if (!c->t || !bc_wml_is(c->t, "t"))
            continue;
        if (split)
            S_split_para(p, c->t, c->offset);
        else
            S_break_at(c->t, c->offset);
    }
}

/* Balanced breaking: the fewest lines greedy needs, then the smallest
 * width that still gives that many lines. */
static void S_balance(xmlNodePtr p, pline *l, double avail, bool split)
{
    double widest;
    size_t lines = S_wrap(l, 0, l->count, avail, &widest, NULL, NULL);
    if (lines < 2)
        return;
    double lo = 0, hi = avail;
    for (int it = 0; it < 40; it++) {
        double mid = (lo + hi) / 2;
        double w;
        size_t n = S_wrap(l, 0, l->count, mid, &w, NULL, NULL);
        bool fits = n <= lines && w <= mid + 0.01;
        if (fits)
            hi = mid;
        else
            lo = mid;
    }
    size_t *brk = bc_xcalloc(l->count + 1, sizeof *brk);
    size_t nb = 0;
    S_wrap(l, 0, l->count, hi, NULL, brk, &nb);
    S_apply_breaks(p, l, brk, nb, split);
    free(brk);
}

/* ---- word groups a line never splits ------------------------------------------ */

/* The slot whose text starts at or before byte b (start: each slot's first
 * byte, count + 1 entries). */
static size_t S_slot_of(const size_t *start, size_t count, size_t b)
{
    size_t lo = 0, hi = count;
    while (lo + 1 < hi) {
        size_t mid = (lo + hi) / 2;
        if (start[mid] <= b)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Administrative phrases kept on one line, in capitals (the lines are
 * compared in capitals): a line never ends inside one. */
static const char *const S_groups[] = {
    "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "MẶT TRẬN TỔ QUỐC",
    "VĂN PHÒNG", "ĐOÀN THANH NIÊN", "CỘNG SẢN HỒ CHÍ MINH", "HỒ CHÍ MINH",
    "LIÊN HIỆP PHỤ NỮ", "HỘI NÔNG DÂN", "HỘI CỰU CHIẾN BINH", "VIỆT NAM",
    "KẾ HOẠCH", "ĐẦU TƯ", "TÀI CHÍNH", "TÀI NGUYÊN", "MÔI TRƯỜNG", "GIÁO DỤC",
    "ĐÀO TẠO", "LAO ĐỘNG", "THƯƠNG BINH", "XÃ HỘI", "VĂN HÓA", "VĂN HOÁ", "THỂ THAO",
    "DU LỊCH", "NÔNG NGHIỆP", "PHÁT TRIỂN", "NÔNG THÔN", "KHOA HỌC",
    "CÔNG NGHỆ", "THÔNG TIN", "TRUYỀN THÔNG", "GIAO THÔNG VẬN TẢI", "VẬN TẢI",
    "XÂY DỰNG", "CÔNG THƯƠNG", "Y TẾ", "TƯ PHÁP", "NỘI VỤ", "NGOẠI VỤ", "DÂN TỘC",
    "TÔN GIÁO", "THANH TRA", "CÔNG AN", "QUÂN SỰ", "BIÊN PHÒNG", "THỊ TRẤN",
    "THÀNH PHỐ", "THỊ XÃ", "ĐẶC KHU", "CHỦ NGHĨA", "CẢI CÁCH HÀNH CHÍNH",
    "HÀNH CHÍNH", "THỦ TỤC", "NHÂN DÂN", NULL};

/* Words a line never ends with: "VÀ", and the unit before a place name
 * ("XÃ", "PHƯỜNG", "TỈNH", "HUYỆN"...), which goes with the name. */
static const char *const S_no_end[] = {"VÀ", "XÃ", "PHƯỜNG", "TỈNH", "HUYỆN", "QUẬN",
                                       "SỞ", "CỦA", "VỀ", NULL};

/* The spaces of l where a line may not break made unbreakable: inside a
 * word group, and after a word a line never ends with. */
static void S_glue(pline *l)
{
    /* the line's text in capitals, one character a slot */
    bc_buf text = BC_BUF_INIT;
    size_t *start = bc_xcalloc(l->count + 1, sizeof *start);
    for (size_t i = 0; i < l->count; i++) {
        start[i] = text.len;
        if (!l->v[i].t || !bc_wml_is(l->v[i].t, "t")) {
            bc_buf_putc(&text, '\t');
            continue;
        }
        const char *s = bc_wml_text(l->v[i].t) + l->v[i].offset;
        size_t len = 1;
        while (s[len] && ((unsigned char)s[len] & 0xC0) == 0x80)
            len++;
        size_t ul;
        char *up = bc_utf8_upper(s, len, &ul);
        bc_buf_put(&text, up, ul);
        free(up);
    }
    start[l->count] = text.len;
    const char *u = bc_buf_cstr(&text);
    /* the slot holding byte b */
    size_t slot = 0;
#define SLOT_OF(b) (slot = S_slot_of(start, l->count, (b)))
    for (int g = 0; S_groups[g]; g++) {
        size_t gl = strlen(S_groups[g]);
        for (const char *p = u; (p = strstr(p, S_groups[g])) != NULL; p += gl) {
            size_t b = (size_t)(p - u);
            bool word_start = b == 0 || u[b - 1] == ' ';
            bool word_end = b + gl == text.len || u[b + gl] == ' ' || u[b + gl] == ',';
            if (!word_start || !word_end)
                continue;
            for (size_t k = b; k < b + gl; k++)
                if (u[k] == ' ') {
                    SLOT_OF(k);
                    l->v[slot].space = false;
                }
        }
    }
    for (int w = 0; S_no_end[w]; w++) {
        size_t wl = strlen(S_no_end[w]);
        for (const char *p = u; (p = strstr(p, S_no_end[w])) != NULL; p += wl) {
            size_t b = (size_t)(p - u);
            if ((b == 0 || u[b - 1] == ' ') && b + wl < text.len && u[b + wl] == ' ') {
                SLOT_OF(b + wl);
                l->v[slot].space = false;
            }
        }
    }
#undef SLOT_OF
    (void)slot;
    free(start);
    bc_buf_free(&text);
}

/* The widest piece of l no line may break (between breakable spaces). */
static double S_widest_piece(const pline *l)
{
    double best = 0, cur = 0;
    for (size_t i = 0; i < l->count; i++) {
        if (l->v[i].space || !l->v[i].t) {
            cur = 0;
            continue;
        }
        cur += l->v[i].width;
        if (cur > best)
            best = cur;
    }
    return best;
}

/* S_glue, unless a glued piece would not fit `avail` (then the line breaks
 * at any space, as Word would). */
static void S_glue_within(pline *l, double avail)
{
    bool *was = bc_xcalloc(l->count + 1, sizeof *was);
    for (size_t i = 0; i < l->count; i++)
        was[i] = l->v[i].space;
    S_glue(l);
    if (S_widest_piece(l) > avail)
        for (size_t i = 0; i < l->count; i++)
            l->v[i].space = was[i];
    free(was);
}

/* The words that open a generic agency name, after which the name breaks. */
static const char *const S_generic_heads[] = {
    "ỦY BAN NHÂN DÂN ", "UỶ BAN NHÂN DÂN ", "HỘI ĐỒNG NHÂN DÂN ", NULL};

static void S_agency(const bc_styles *st, xmlNodePtr p, double page_text,
                     bool generic_break)
{
    pline l = {0};
    S_collect_runs(st, p, p, &l);
    if (l.count == 0 || S_has_break(&l)) {
        free(l.v);
        return;
    }
    double avail = S_avail(p, page_text);
    S_glue_within(&l, avail);
    /* the text, to find a generic head */
    bc_buf text = BC_BUF_INIT;
    for (size_t i = 0; i < l.count; i++) {
        if (!bc_wml_is(l.v[i].t, "t")) { /* a w:tab: one character */
            bc_buf_putc(&text, '\t');
            continue;
        }
        const char *s = bc_wml_text(l.v[i].t) + l.v[i].offset;
        size_t len = 1;
        while (s[len] && ((unsigned char)s[len] & 0xC0) == 0x80)
            len++;
        bc_buf_put(&text, s, len);
    }
    const char *all = bc_buf_cstr(&text);
    size_t head_chars = 0;
    for (int h = 0; generic_break && S_generic_heads[h]; h++) {
        size_t hl = strlen(S_generic_heads[h]);
        if (strncmp(all, S_generic_heads[h], hl) == 0 && text.len > hl) {
            /* index of the space ending the head, in characters */
            size_t chars = 0;
            for (size_t b = 0; b < hl - 1; b++)
                if (((unsigned char)all[b] & 0xC0) != 0x80)
                    chars++;
            head_chars = chars;
            break;
        }
    }
    bc_buf_free(&text);
    double total = 0;
    for (size_t i = 0; i < l.count; i++)
        total += l.v[i].width;
    if (head_chars > 0 && head_chars < l.count && l.v[head_chars].space) {
        /* the rest may itself be too wide: balance it as its own line */
        pline rest = {l.v + head_chars + 1, l.count - head_chars - 1, 0};
        S_balance(p, &rest, avail, true);
        size_t brk = head_chars;
        S_apply_breaks(p, &l, &brk, 1, true);
    } else if (total > avail) {
        S_balance(p, &l, avail, true);
    }
    free(l.v);
}

static void S_summary(const bc_styles *st, xmlNodePtr p, double page_text)
{
    pline l = {0};
    S_collect_runs(st, p, p, &l);
    S_glue_within(&l, S_avail(p, page_text));
    if (!S_has_break(&l))
        S_balance(p, &l, S_avail(p, page_text), false);
    free(l.v);
}

double bc_layout_page_text_width(const xmlNode *root)
{
    xmlNodePtr body = bc_wml_child(root, "body");
    xmlNodePtr sect = NULL;
    for (xmlNodePtr c = body ? body->children : NULL; c; c = c->next)
        if (bc_wml_is(c, "sectPr"))
            sect = c;
    xmlNodePtr sz = bc_wml_child(sect, "pgSz");
    xmlNodePtr mar = bc_wml_child(sect, "pgMar");
    double w = sz && bc_wml_attr(sz, "w") ? atof(bc_wml_attr(sz, "w")) : 11906;
    double l = mar && bc_wml_attr(mar, "left") ? atof(bc_wml_attr(mar, "left")) : 1701;
    double r = mar && bc_wml_attr(mar, "right") ? atof(bc_wml_attr(mar, "right")) : 851;
    return w - l - r;
}

/* Line breaks (first pass) or rules (second pass, measuring the lines
 * the first pass settled) for one paragraph, by its style. */
static void S_lines(const bc_styles *st, xmlNodePtr p, const char *style,
                    double page_text)
{
    if (strcmp(style, BC_STYLE_AGENCY) == 0)
        S_agency(st, p, page_text, true);
    else if (strcmp(style, BC_STYLE_PARENT_AGENCY) == 0)
        S_agency(st, p, page_text, false);
    else if (strcmp(style, BC_STYLE_SUMMARY) == 0)
        S_summary(st, p, page_text);
}

static void S_rules(const bc_styles *st, xmlNodePtr p, const char *style,
                    double page_text)
{
    if (strcmp(style, BC_STYLE_RULE) == 0)
        S_rule(st, p, page_text, false);
    else if (strcmp(style, BC_STYLE_RULE_FULL) == 0)
        S_rule(st, p, page_text, true);
}

typedef void (*para_fn)(const bc_styles *st, xmlNodePtr p, const char *style,
                        double page_text);

/* Calls fn on every paragraph under n, in document order. */
static void S_walk(const bc_styles *st, xmlNodePtr n, double page_text,
                   para_fn fn)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_wml_is(c, "p"))
            fn(st, c, S_style(st, c), page_text);
        else
            S_walk(st, c, page_text, fn);
    }
}

void bc_layout_children(xmlNodePtr parent, const bc_styles *styles,
                            double page_text)
{
    S_walk(styles, parent, page_text, S_lines); /* line breaks first, */
    S_walk(styles, parent, page_text, S_rules); /* then rules measure them */
}

void bc_layout_tree(xmlNodePtr root, const bc_styles *styles)
{
    xmlNodePtr body = bc_wml_child(root, "body");
    if (body)
        bc_layout_children(body, styles, bc_layout_page_text_width(root));
}

bc_wml_layout_role bc_layout_role(const char *role)
{
    if (strcmp(role, BC_STYLE_RULE) == 0 || strcmp(role, BC_STYLE_RULE_FULL) == 0)
        return BC_WML_LAYOUT_RULE;
    if (strcmp(role, BC_STYLE_AGENCY) == 0 ||
        strcmp(role, BC_STYLE_PARENT_AGENCY) == 0 ||
        strcmp(role, BC_STYLE_SUMMARY) == 0)
        return BC_WML_LAYOUT_MEASURED;
    return BC_WML_LAYOUT_NONE;
}
