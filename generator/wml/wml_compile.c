/*
 * wml_compile.c - one part of a .docx template into one mustache program.
 *
 * The part is parsed with libxml2 and scanned (wml_scan.h: places, tags,
 * split-tag repair, structure). The tree is then serialized back to XML
 * text in which static text is escaped ("{" as &#123;, so nothing static
 * looks like a tag), tags stay tags where they are, or move before or
 * after their paragraph or table row, or replace a standalone paragraph or
 * row; and a paragraph holding only one variable tag becomes a block: a
 * host tag "{{@name N}}" whose N indexes the paragraph's XML saved around
 * the tag. That text is compiled once by the mustache engine; its errors
 * come back located through the recorded tag places.
 */
#include "base/xalloc.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "wml/wml.h"
#include "wml/wml_markers.h"
#include "package/xml_escape.h"
#include "package/xml_write.h"
#include "wml/wml_fixup.h"
#include "wml/wml_regions.h"
#include "wml/wml_scan.h"
#include "wml/wml_template_int.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

typedef struct cctx {
    bc_scan *s;
    tpl_part *part;
    const bc_wml_host *host;  /* may be NULL */
    size_t loc_cap, block_cap;
    bc_region_plan plan; /* the top-level elements the tree passes see */
    bool in_region;      /* writing the text of a region */
} cctx;

static void S_element(cctx *c, bc_buf *out, xmlNodePtr n, const bc_stag *hole);

static void S_loc(cctx *c, size_t offset, const bc_stag *g)
{
    tpl_part *p = c->part;
    BC_GROW(p->locs, c->loc_cap, p->loc_count + 1);
    const bc_spara *sp = &c->s->paras[g->para];
    p->locs[p->loc_count++] = (tag_loc){offset, bc_xstrdup(sp->place),
                                        bc_wml_scan_shown(c->s, g->para, g),
                                        bc_wml_scan_tag_text(c->s, g)};
}

static void S_emit(cctx *c, bc_buf *out, size_t k)
{
    S_loc(c, out->len, &c->s->tags[k]);
    bc_buf_puts(out, c->s->tags[k].src);
}

/* Emits the tags of [from, to) placed at `place` whose paragraph is in
 * row tr (any row when tr is NULL). */
static void S_emit_placed(cctx *c, bc_buf *out, size_t from, size_t to,
                          bc_tplace place, xmlNodePtr tr)
{
    for (size_t k = from; k < to; k++) {
        const bc_stag *g = &c->s->tags[k];
        if (g->place == place && (!tr || c->s->paras[g->para].tr == tr))
            S_emit(c, out, k);
    }
}

static void S_close_tag(bc_buf *out, const xmlNode *n)
{
    bc_buf_puts(out, "</");
    if (n->ns && n->ns->prefix) {
        bc_buf_puts(out, (const char *)n->ns->prefix);
        bc_buf_putc(out, ':');
    }
    bc_buf_puts(out, (const char *)n->name);
    bc_buf_putc(out, '>');
}

/* A w:t holding tags: inline tags where they are, the others removed;
 * the block's tag (hole) becomes BC_MARK_HOLE. */
static void S_text(cctx *c, bc_buf *out, xmlNodePtr t, const bc_stag *hole)
{
    const bc_stext *st = t->_private;
    bool inline_tags = false;
    for (size_t k = st->tag0; k < st->tag0 + st->ntags; k++)
        inline_tags |= c->s->tags[k].place == BC_TP_INLINE;
    xmlChar *space = xmlGetNsProp(t, (const xmlChar *)"space", XML_XML_NAMESPACE);
    if (inline_tags && !space)
        bc_buf_puts(out, " xml:space=\"preserve\"");
    xmlFree(space);
    bc_buf_putc(out, '>');
    const char *s = bc_wml_text(t);
    size_t n = strlen(s), pos = 0;
    for (size_t k = st->tag0; k < st->tag0 + st->ntags; k++) {
        const bc_stag *g = &c->s->tags[k];
        size_t len = g->end - g->start;
        if (g->t_off < pos || g->t_off + len > n)
            continue;
        bc_xml_escape(out, s + pos, g->t_off - pos, &bc_xml_escape_text);
        if (g == hole)
            bc_buf_putc(out, BC_MARK_HOLE);
        else if (g->place == BC_TP_INLINE)
            S_emit(c, out, k);
        pos = g->t_off + len;
    }
    bc_xml_escape(out, s + pos, n - pos, &bc_xml_escape_text);
    S_close_tag(out, t);
}

/* ---- blocks ------------------------------------------------------------------ */

/* rPr children in the schema's order (CT_RPr). */
static const char *const S_rpr_order[] = {
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
    "dstrike", "outline", "shadow", "emboss", "imprint", "noProof",
    "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd",
    "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath", "rPrChange", NULL};

static int S_rank(const xmlNode *n)
{
    for (int i = 0; S_rpr_order[i]; i++)
        if (bc_wml_is(n, S_rpr_order[i]))
            return i;
    return -1;
}

static bool S_on(const xmlNode *n)
{
    const char *v = bc_wml_attr(n, "val");
    return !v || !(strcmp(v, "0") == 0 || strcmp(v, "false") == 0 ||
                   strcmp(v, "off") == 0);
}

/* The w:rPr of the run holding t, with bold and/or italic added where the
 * schema puts them; "" when empty. */
static char *S_rpr_variant(xmlNodePtr rpr, bool bold, bool italic)
{
    const char *want[4] = {bold ? "b" : NULL, bold ? "bCs" : NULL,
                           italic ? "i" : NULL, italic ? "iCs" : NULL};
    bc_buf b = BC_BUF_INIT;
    int next = 0; /* index into want of the next to insert */
    bool seen[4] = {false, false, false, false};
    for (xmlNodePtr c = rpr ? rpr->children : NULL; c; c = c->next)
        for (int w = 0; w < 4; w++)
            if (want[w] && bc_wml_is(c, want[w]))
                seen[w] = true;
    for (xmlNodePtr c = rpr ? rpr->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        int rank = S_rank(c);
        for (; next < 4 && rank >= 0; next++) {
            if (!want[next] || seen[next])
                continue;
            int wr = 0;
            while (strcmp(S_rpr_order[wr], want[next]) != 0)
                wr++;
            if (wr > rank)
                break;
            bc_buf_printf(&b, "<w:%s/>", want[next]);
        }
        bool replace = false;
        for (int w = 0; w < 4; w++)
            if (want[w] && bc_wml_is(c, want[w]) && !S_on(c))
                replace = true;
        if (replace)
            bc_buf_printf(&b, "<w:%s/>", (const char *)c->name);
        else
            bc_xml_write_node(&b, c);
    }
    for (; next < 4; next++)
        if (want[next] && !seen[next])
            bc_buf_printf(&b, "<w:%s/>", want[next]);
    if (b.len == 0)
        return bc_xstrdup("");
    bc_buf out = BC_BUF_INIT;
    bc_buf_printf(&out, "<w:rPr>%s</w:rPr>", bc_buf_cstr(&b));
    bc_buf_free(&b);
    return bc_buf_detach(&out, NULL);
}

static xmlNodePtr S_run_rpr(xmlNodePtr t)
{
    xmlNodePtr run = t ? t->parent : NULL;
    while (run && !bc_wml_is(run, "r"))
        run = run->parent;
    return bc_wml_child(run, "rPr");
}

/* Word's left and right cell margin when a table sets none (twips). */
#define BC_WORD_CELL_MARGIN 108

/* The sum of the left and right (or start and end) widths of a
 * w:tblCellMar or w:tcMar; -1 when it sets neither side. */
static double S_side_margins(const xmlNode *mar)
{
    static const char *const sides[] = {"left", "right", "start", "end"};
    double sum = 0;
    bool any = false;
    for (int i = 0; mar && i < 4; i++) {
        xmlNodePtr m = bc_wml_child(mar, sides[i]);
        const char *w = m ? bc_wml_attr(m, "w") : NULL;
        if (w) {
            sum += atof(w);
            any = true;
        }
    }
    return any ? sum : -1;
}

/* The text width of the column paragraph p is in (twips): its cell's
 * width (w:tcW in twips) less the cell's margins, else the page's text
 * width as the host measures it; 0 when unknown. */
static double S_column_width(cctx *c, xmlNodePtr p)
{
    for (xmlNodePtr n = p->parent; n; n = n->parent) {
        if (!bc_wml_is(n, "tc"))
            continue;
        xmlNodePtr tcpr = bc_wml_child(n, "tcPr");
        xmlNodePtr tcw = bc_wml_child(tcpr, "tcW");
        const char *w = tcw ? bc_wml_attr(tcw, "w") : NULL;
        const char *type = tcw ? bc_wml_attr(tcw, "type") : NULL;
        if (!w || (type && strcmp(type, "dxa") != 0))
            return 0;
        double margins = S_side_margins(bc_wml_child(tcpr, "tcMar"));
        if (margins < 0) {
            xmlNodePtr tbl = n->parent ? n->parent->parent : NULL;
            margins = S_side_margins(bc_wml_child(bc_wml_child(tbl, "tblPr"), "tblCellMar"));
        }
        double width = atof(w) - (margins < 0 ? 2 * BC_WORD_CELL_MARGIN : margins);
        return width > 0 ? width : 0;
    }
    const bc_wml_host *h = c->host;
    xmlNodePtr root = p->doc ? xmlDocGetRootElement(p->doc) : NULL;
    return c->part->is_main && h && h->page_text_width && root ? h->page_text_width(root) : 0;
}

/* Where the run holding the tag starts in pre and ends in post (w is the
 * paragraph's XML, pre its first `hole` bytes). */
static void S_block_run(block *bl, const char *w, size_t hole, const bc_stag *g)
{
    xmlNodePtr run = g->t ? g->t->parent : NULL;
    while (run && !bc_wml_is(run, "r"))
        run = run->parent;
    if (!run)
        return;
    bc_buf start = BC_BUF_INIT, end = BC_BUF_INIT;
    bc_xml_write_start(&start, run);
    bc_buf_putc(&start, '>');
    S_close_tag(&end, run);
    /* the nearest start tag before the hole: runs do not nest, and what
     * the run holds before its text (w:rPr) is not a run */
    const char *st = bc_buf_cstr(&start);
    for (size_t i = hole; i-- > 0;) {
        if (i + start.len <= hole && memcmp(w + i, st, start.len) == 0) {
            const char *e = strstr(w + hole + 1, bc_buf_cstr(&end));
            if (e) {
                bl->has_run = true;
                bl->run_at = i;
                bl->run_end = (size_t)(e - (w + hole + 1)) + end.len;
            }
            break;
        }
    }
    bc_buf_free(&start);
    bc_buf_free(&end);
}

static void S_block(cctx *c, bc_buf *out, xmlNodePtr p, const bc_stag *g)
{
    tpl_part *part = c->part;
    BC_GROW(part->blocks, c->block_cap, part->block_count + 1);
    block *bl = &part->blocks[part->block_count];
    bc_buf whole = BC_BUF_INIT;
    S_element(c, &whole, p, g);
    const char *w = bc_buf_cstr(&whole);
    const char *hole = strchr(w, BC_MARK_HOLE);
    bl->pre = bc_xstrndup(w, hole ? (size_t)(hole - w) : whole.len);
    bl->post = bc_xstrdup(hole ? hole + 1 : "");
    bl->has_run = false;
    if (hole)
        S_block_run(bl, w, (size_t)(hole - w), g);
    bl->width = S_column_width(c, p);
    bl->line = c->s->styles ? bc_wml_styles_para_line(c->s->styles, p) : 0;
    xmlNodePtr rpr = S_run_rpr(g->t);
    bc_buf rb = BC_BUF_INIT;
    for (xmlNodePtr k = rpr ? rpr->children : NULL; k; k = k->next)
        bc_xml_write_node(&rb, k);
    bc_buf_cstr(&rb);
    bl->rpr = bc_buf_detach(&rb, NULL);
    for (int v = 0; v < 4; v++)
        bl->rpr_as[v] = S_rpr_variant(rpr, v & 1, v & 2);
    bl->name = bc_xstrdup(g->name);
    bc_buf_free(&whole);
    S_loc(c, out->len, g);
    bc_buf_printf(out, "{{@%s %zu}}", bl->name, part->block_count);
    part->block_count++;
}

/* ---- paragraphs and rows ----------------------------------------------------- */

static void S_paragraph(cctx *c, bc_buf *out, xmlNodePtr p)
{
    const bc_spara *sp = p->_private;
    size_t from = sp->tag0, to = sp->tag0 + sp->ntags;
    if (sp->standalone) {
        /* its tags, but for those a row loop moved around its row */
        if (!sp->keep) {
            S_emit_placed(c, out, from, to, BC_TP_PARA, NULL);
            return;
        }
        /* a section or page break stays, on its side of the tags */
        char first = c->s->tags[from].sigil;
        bool para_first = sp->break_first ||
                          (!memchr(sp->text, BC_MARK_PAGE, sp->len) &&
                           (first == '#' || first == '^'));
        if (para_first)
            S_element(c, out, p, NULL);
        S_emit_placed(c, out, from, to, BC_TP_PARA, NULL);
        if (!para_first)
            S_element(c, out, p, NULL);
        return;
    }
    S_emit_placed(c, out, from, to, BC_TP_BEFORE_P, NULL);
    const bc_stag *g = bc_wml_scan_block_tag(c->s, sp);
    if (g)
        S_block(c, out, p, g);
    else
        S_element(c, out, p, NULL);
    S_emit_placed(c, out, from, to, BC_TP_AFTER_P, NULL);
}

static void S_row(cctx *c, bc_buf *out, xmlNodePtr tr)
{
    const bc_srow *row = tr->_private;
    if (row->standalone) {
        S_emit_placed(c, out, row->tag0, row->tag_end, BC_TP_ROW, tr);
        return;
    }
    S_emit_placed(c, out, row->tag0, row->tag_end, BC_TP_BEFORE_TR, tr);
    S_element(c, out, tr, NULL);
    S_emit_placed(c, out, row->tag0, row->tag_end, BC_TP_AFTER_TR, tr);
}

/* A comment baocao added to a template (`template check --annotate`) is
 * not part of the template: written as it is. */
static bool S_own_comment(const xmlNode *n)
{
    if (!bc_wml_is(n, "comment"))
        return false;
    const char *author = bc_wml_attr(n, "author");
    return author && strcmp(author, "baocao") == 0;
}

static void S_node(cctx *c, bc_buf *out, xmlNodePtr n, const bc_stag *hole)
{
    if (n->type == XML_ELEMENT_NODE && n->_private) {
        if (bc_wml_is(n, "p")) {
            S_paragraph(c, out, n);
            return;
        }
        if (bc_wml_is(n, "tr")) {
            S_row(c, out, n);
            return;
        }
    }
    if (n->type != XML_ELEMENT_NODE || S_own_comment(n)) {
        bc_xml_write_node(out, n);
        return;
    }
    if (c->in_region && bc_wml_regions_unread(n)) {
        tpl_part *p = c->part;
        bc_buf kept = BC_BUF_INIT;
        c->in_region = false;
        S_element(c, &kept, n, hole);
        c->in_region = true;
        BC_GROW(p->kept, p->kept_cap, p->kept_count + 1);
        p->kept[p->kept_count] = kept;
        bc_buf_printf(out, BC_MARK_KEEP_PI "%zu?>", p->kept_count++);
        return;
    }
    S_element(c, out, n, hole);
}

static void S_element(cctx *c, bc_buf *out, xmlNodePtr n, const bc_stag *hole)
{
    bc_xml_write_start(out, n);
    if (bc_wml_is(n, "t") && n->_private) {
        S_text(c, out, n, hole);
        return;
    }
    if (!n->children) {
        bc_buf_puts(out, "/>");
        return;
    }
    bc_buf_putc(out, '>');
    bool top = c->plan.any && n == c->plan.top;
    for (xmlNodePtr k = n->children; k; k = k->next) {
        if (top && bc_wml_regions_opens(&c->plan, k)) {
            bc_buf_putc(out, BC_MARK_REGION_OPEN);
            c->in_region = true;
        }
        S_node(c, out, k, hole);
        if (top && bc_wml_regions_closes(&c->plan, k)) {
            bc_buf_putc(out, BC_MARK_REGION_CLOSE);
            c->in_region = false;
        }
    }
    S_close_tag(out, n);
}

static bool S_has_element(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE &&
            (bc_wml_is(c, name) || S_has_element(c, name)))
            return true;
    return false;
}

/* Decides which tree passes the rendered part needs, and where (see
 * wml_regions.h): part->fixup, part->whole_pass or part->regions with the
 * text that wraps a region into a document of its own. */
static void S_plan_passes(cctx *c, xmlNodePtr root)
{
    const bc_scan *s = c->s;
    tpl_part *part = c->part;
    bool loops = false, blocks = false;
    for (size_t k = 0; k < s->ntags; k++)
        loops |= s->tags[k].sigil == '#' || s->tags[k].sigil == '^';
    for (size_t i = 0; i < s->npara && !blocks; i++)
        blocks = bc_wml_scan_block_tag(s, &s->paras[i]) != NULL;
    bool ids = bc_wml_regions_has_ids(root);
    const bc_wml_host *h = c->host;
    part->fixup = (loops || blocks) && (ids || S_has_element(root, "tbl"));
    part->layout = part->is_main && h && h->layout_role &&
                   (h->layout_tree || h->layout_children);
    if (!part->fixup && !part->layout)
        return;
    if ((part->fixup && ids) ||
        bc_wml_regions_plan_make(&c->plan, s, root, part->is_main,
                                 part->layout ? h->layout_role : NULL,
                                 part->fixup, h ? h->block_once : NULL) != 0) {
        part->whole_pass = true;
        return;
    }
    part->regions = c->plan.any;
    if (!part->regions)
        return;
    part->page_text = part->layout && h->page_text_width ? h->page_text_width(root) : 0;
    bc_buf open = BC_BUF_INIT, close = BC_BUF_INIT;
    for (xmlNodePtr n = c->plan.top; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        bc_buf start = BC_BUF_INIT;
        bc_xml_write_start(&start, n);
        bc_buf_putc(&start, '>');
        bc_buf_puts(&start, bc_buf_cstr(&open));
        bc_buf_free(&open);
        open = start;
        S_close_tag(&close, n);
    }
    part->wrap_open = bc_buf_detach(&open, NULL);
    part->wrap_close = bc_buf_detach(&close, NULL);
}

/* ---- compiling ------------------------------------------------------------------ */

static void S_locate(void *closure, size_t offset, bc_diag *g)
{
    const tpl_part *p = closure;
    const tag_loc *best = NULL;
    for (size_t i = 0; i < p->loc_count; i++) {
        if (p->locs[i].offset > offset)
            break;
        best = &p->locs[i];
    }
    bc_diag_set_part(g, p->name, best ? best->place : p->words);
    g->line = g->col = 0;
    if (!p->compiled && !g->id)
        bc_diag_set_id(g, "T010");
    if (best && best->text[0]) {
        bc_buf m = BC_BUF_INIT;
        bc_buf_printf(&m, _("%s (in \"%s\")"), g->msg, best->text);
        free(g->msg);
        g->msg = bc_buf_detach(&m, NULL);
    }
}

/* The clerk's text of the tag the generated source has at offset. */
static char *S_shown(void *closure, size_t offset)
{
    const tpl_part *p = closure;
    size_t lo = 0, hi = p->loc_count;
    while (lo < hi) { /* the locations are in source order */
        size_t mid = lo + (hi - lo) / 2;
        if (p->locs[mid].offset < offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < p->loc_count && p->locs[lo].offset == offset && p->locs[lo].tag)
        return bc_xstrdup(p->locs[lo].tag);
    return NULL;
}

static void S_info_tags(const bc_scan *s, const tpl_part *part,
                        bc_tpl_info *info)
{
    long *map = bc_xmalloc((s->ntags + 1) * sizeof *map);
    for (size_t k = 0; k < s->ntags; k++) {
        const bc_stag *g = &s->tags[k];
        map[k] = -1;
        if (s->paras[g->para].quiet)
            continue;
        BC_GROW(info->tags, info->cap_tags, info->ntags + 1);
        map[k] = (long)info->ntags;
        bc_tpl_tag *t = &info->tags[info->ntags++];
        t->part = bc_xstrdup(part->name);
        t->place = bc_xstrdup(s->paras[g->para].place);
        t->text = bc_wml_scan_tag_text(s, g);
        t->kind = g->sigil == '&' || g->sigil == '{' ? 0 : g->sigil;
        t->name = bc_xstrdup(g->name ? g->name : "");
        t->parent = g->parent >= 0 ? map[g->parent] : -1;
        t->para_index = s->paras[g->para].index;
    }
    free(map);
}

/* Puts the errors added since `last` in document order (by paragraph),
 * the order a clerk reads the template in. */
static void S_sort_diags(const bc_scan *s, bc_diags *d, bc_diag *last)
{
    bc_diag *first = last ? last->next : d->head;
    size_t n = 0;
    for (bc_diag *g = first; g; g = g->next)
        n++;
    if (n < 2)
        return;
    bc_diag **v = bc_xmalloc(n * sizeof *v);
    size_t *key = bc_xmalloc(n * sizeof *key);
    n = 0;
    for (bc_diag *g = first; g; g = g->next) {
        size_t k = (size_t)-1;
        for (size_t i = 0; g->place && i < s->npara; i++)
            if (strcmp(s->paras[i].place, g->place) == 0) {
                k = s->paras[i].index;
                break;
            }
        v[n] = g;
        key[n++] = k;
    }
    for (size_t i = 1; i < n; i++) { /* stable insertion sort */
        bc_diag *g = v[i];
        size_t k = key[i], j = i;
        for (; j > 0 && key[j - 1] > k; j--) {
            v[j] = v[j - 1];
            key[j] = key[j - 1];
        }
        v[j] = g;
        key[j] = k;
    }
    if (last)
        last->next = v[0];
    else
        d->head = v[0];
    for (size_t i = 0; i + 1 < n; i++)
        v[i]->next = v[i + 1];
    v[n - 1]->next = NULL;
    d->tail = v[n - 1];
    free(v);
    free(key);
}

static void S_info_marks(const bc_scan *s, const char *part_name,
                         const bc_diag *from, bc_tpl_info *info)
{
    for (const bc_diag *g = from; g; g = g->next) {
        if (g->severity != BC_ERROR)
            continue;
        long para = -1;
        for (size_t i = 0; s && g->place && i < s->npara && para < 0; i++)
            if (!s->paras[i].quiet && strcmp(s->paras[i].place, g->place) == 0)
                para = (long)s->paras[i].index;
        BC_GROW(info->marks, info->cap_marks, info->nmarks + 1);
        info->marks[info->nmarks++] =
            (bc_tpl_mark){g, bc_xstrdup(part_name), para};
    }
}

int bc_wml_compile_part(tpl_part *part, const bc_package *pkg,
                        const char *file, const bc_styles *styles,
                        const bc_wml_host *host, bc_tpl_info *info,
                        bc_diags *d)
{
    bc_diag *last = d->tail;
    bc_part *data = bc_package_find(pkg, part->name);
    xmlDocPtr doc = data ? xmlReadMemory((const char *)data->data,
                                         (int)data->len, part->name, NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                                             XML_PARSE_NOWARNING)
                         : NULL;
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        bc_diag *g = bc_diag_add(d, BC_ERROR, file, e ? e->line : 0, 0,
                                 _("the part is not well-formed XML: %s"),
                                 e && e->message ? e->message : "?");
        bc_diag_set_part(g, part->name, NULL);
        bc_diag_set_id(g, "T011");
        bc_diag_set_hint(g, _("open the file in Word or LibreOffice and save "
                              "it again"));
        size_t n = strlen(g->msg);
        if (n && g->msg[n - 1] == '\n')
            g->msg[n - 1] = '\0';
        if (info)
            S_info_marks(NULL, part->name, last ? last->next : d->head, info);
        return -1;
    }
    bc_scan s;
    memset(&s, 0, sizeof s);
    s.file = file;
    s.part = part->name;
    s.words = part->words;
    s.styles = styles;
    s.d = d;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    part->max_id = bc_wml_fixup_max_id(root);
    bc_wml_fixup_max_notes(root, part->max_note);
    part->notes = bc_wml_fixup_notes_kind(root);
    int rc = bc_wml_scan_part(&s, root);
    if (bc_wml_structure(&s) != 0)
        rc = -1;
    bc_wml_scan_finish(&s);
    S_sort_diags(&s, d, last);
    if (info)
        S_info_tags(&s, part, info);
    bc_buf src = BC_BUF_INIT;
    if (rc == 0) {
        bc_wml_scan_bind(&s);
        cctx c;
        memset(&c, 0, sizeof c);
        c.s = &s;
        c.part = part;
        c.host = host;
        S_plan_passes(&c, root);
        bc_buf_puts(&src, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
                          "standalone=\"yes\"?>\n");
        S_node(&c, &src, root, NULL);
        bc_wml_regions_plan_free(&c.plan);
    }
    if (rc == 0) {
        bc_mopts mo;
        memset(&mo, 0, sizeof mo);
        mo.name = file;
        mo.locate = S_locate;
        mo.locate_closure = part;
        mo.shown = S_shown;
        mo.host_sigil = BC_MARK_HOST_SIGIL;
        part->prog = bc_mustache_compile(src.data, src.len, &mo, d);
        part->size_hint = src.len;
        part->compiled = true;
        if (!part->prog)
            rc = -1;
    }
    if (info)
        S_info_marks(&s, part->name, last ? last->next : d->head, info);
    bc_buf_free(&src);
    bc_wml_scan_free(&s);
    xmlFreeDoc(doc);
    return rc;
}

void bc_wml_compile_free(tpl_part *p)
{
    bc_mustache_free(p->prog);
    for (size_t b = 0; b < p->block_count; b++) {
        free(p->blocks[b].pre);
        free(p->blocks[b].post);
        free(p->blocks[b].rpr);
        for (int v = 0; v < 4; v++)
            free(p->blocks[b].rpr_as[v]);
        free(p->blocks[b].name);
    }
    free(p->blocks);
    for (size_t l = 0; l < p->loc_count; l++) {
        free(p->locs[l].place);
        free(p->locs[l].text);
        free(p->locs[l].tag);
    }
    free(p->locs);
    free(p->wrap_open);
    free(p->wrap_close);
    for (size_t k = 0; k < p->kept_count; k++)
        bc_buf_free(&p->kept[k]);
    free(p->kept);
    free(p->name);
    free(p->words);
    memset(p, 0, sizeof *p);
}
