/*
 * import_docx.c - a clerk's existing report read from its .docx into
 * blocks (import_docx.h): the main document part's paragraphs and tables
 * in reading order, each paragraph's text in body markup.
 *
 * What is read. The body's w:p and w:tbl, through w:sdt, w:customXml,
 * w:ins and w:moveTo wrappers and the first mc:Choice of an
 * mc:AlternateContent; inside a paragraph the runs of w:hyperlink,
 * w:smartTag, w:sdt, w:ins, w:fldSimple and any other wrapper. Dropped:
 * w:del and w:moveFrom (tracked deletions), mc:Fallback (a copy of the
 * Choice for older readers), field instructions (w:instrText, and
 * everything between a w:fldChar begin and its separate: the field's
 * result is kept), w:sym (a symbol-font character), w:softHyphen.
 * w:tab and w:ptab, w:br and w:cr are a space (hard breaks joined);
 * w:noBreakHyphen is "-"; math (m:t) is read as text. A run in all
 * capitals (w:caps, direct or from its styles) is written in capitals,
 * as Word shows it; small capitals are left as typed.
 *
 * Text boxes and shapes. The paragraphs of a w:txbxContent (or any w:p
 * or w:tbl inside a run's drawing) come right after their host paragraph
 * as paragraphs of their own, in the host's table cell when it is in one;
 * a table in a text box is flattened into its paragraphs.
 *
 * Tables. A w:tbl of the body is a table: its w:tr rows (a row wrapped in
 * w:sdt too) over max(w:tblGrid columns, the widest row counting
 * w:gridBefore, w:gridSpan and w:gridAfter) columns, each w:tc at its
 * column, the columns a span covers and the w:vMerge continuation cells
 * left without paragraphs (a continuation cell with text keeps it). A
 * table inside a cell (or a text box) is flattened: its paragraphs go,
 * row by row, into the cell holding it. A table of more than
 * BC_MAX_CELLS cells is laid out again on its w:tc counts, and failing
 * that its paragraphs are read as paragraphs of the body.
 *
 * Empty paragraphs (no text and no numbering) are left out; a page break
 * they carry goes to the next paragraph. Their numbers still count.
 */
#include "import/import_docx.h"

#include "base/grow.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "import/import_docx_numbering.h"
#include "import/import_docx_styles.h"
#include "import/import_docx_text.h"
#include "import/import_docx_xml.h"
#include "package/opc.h"
#include "package/package.h"
#include "package/xml_parse.h"

#include <errno.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define BC_MAX_CELLS (1u << 20)
#define BC_MAX_FIELDS 64
#define BC_REL_NUMBERING \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
#define S_MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"
#define S_M_NS "http://schemas.openxmlformats.org/officeDocument/2006/math"

/* Where paragraphs go: the document's blocks, or a list of them (a
 * table cell's, a text box's) kept on the heap until it is placed. */
typedef struct S_sink {
    bc_import_doc *doc;     /* the document's blocks when not NULL */
    bc_import_para *v;
    size_t n, cap;
} S_sink;

typedef struct S_rd {
    bc_import_doc *doc;
    bc_import_docx_styles styles;
    bc_import_docx_numbering num;
    int paras;              /* w:p met so far */
    int pending_break;      /* the next paragraph starts a new page */
    /* complex fields open: 1 for one still in its instruction */
    unsigned char fields[BC_MAX_FIELDS];
    int n_fields;           /* may pass BC_MAX_FIELDS: those are not kept */
    int in_instr;           /* fields among them in their instruction */
} S_rd;

/* One paragraph being read. */
typedef struct S_pc {
    bc_import_docx_text text;
    bc_import_docx_props para;  /* the defaults and the paragraph style, for its runs */
    S_sink deferred;            /* text boxes' paragraphs, after this one */
    int break_before;           /* a page break before any text */
    int break_after;            /* a page break after all the text so far */
} S_pc;

static void S_blocks(S_rd *rd, const xmlNode *parent, S_sink *sink);
static void S_para(S_rd *rd, const xmlNode *p, S_sink *sink);
static void S_table(S_rd *rd, const xmlNode *tbl, S_sink *sink);

/* ---- small helpers ------------------------------------------------------- */

static bool S_is_mc(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           strcmp((const char *)n->ns->href, S_MC_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

/* The w:p elements under n (n included), for a part of the tree that is
 * skipped: the paragraph numbers count every w:p. */
static int S_count_paras(const xmlNode *n)
{
    int k = 0;
    const xmlNode *c = n;
    while (c) {
        if (bc_import_docx_xml_is(c, "p"))
            k++;
        if (c->children && c->type == XML_ELEMENT_NODE) {
            c = c->children;
            continue;
        }
        while (c != n && !c->next)
            c = c->parent;
        if (c == n)
            break;
        c = c->next;
    }
    return k;
}

/* The text of an element (its text and CDATA children). */
static void S_node_text(const xmlNode *n, const char **s, size_t *len, bc_buf *tmp)
{
    const xmlNode *c = n->children;
    if (c && !c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
        *s = c->content ? (const char *)c->content : "";
        *len = strlen(*s);
        return;
    }
    bc_buf_clear(tmp);
    for (; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
            bc_buf_puts(tmp, (const char *)c->content);
    *s = tmp->data ? tmp->data : "";
    *len = tmp->len;
}

static void S_sink_add(S_rd *rd, S_sink *sink, const bc_import_para *para)
{
    if (sink->doc) {
        bc_import_block *b = bc_import_doc_add(sink->doc, BC_IMPORT_BLOCK_PARA);
        b->u.para = *para;
        return;
    }
    (void)rd;
    BC_GROW(sink->v, sink->cap, sink->n + 1);
    sink->v[sink->n++] = *para;
}

/* ---- fields ------------------------------------------------------------------ */

static void S_field_char(S_rd *rd, const xmlNode *fc)
{
    const char *t = bc_import_docx_xml_attr(fc, "fldCharType");
    if (!t)
        return;
    if (strcmp(t, "begin") == 0) {
        if (rd->n_fields < BC_MAX_FIELDS)
            rd->fields[rd->n_fields] = 1;
        rd->n_fields++;
        rd->in_instr++;
    } else if (strcmp(t, "separate") == 0) {
        if (rd->n_fields > 0 && rd->n_fields <= BC_MAX_FIELDS &&
            rd->fields[rd->n_fields - 1]) {
            rd->fields[rd->n_fields - 1] = 0;
            rd->in_instr--;
        }
    } else if (strcmp(t, "end") == 0) {
        if (rd->n_fields > 0) {
            rd->n_fields--;
            if (rd->n_fields < BC_MAX_FIELDS ? rd->fields[rd->n_fields] : rd->in_instr > 0)
                rd->in_instr--;
        }
    }
}

/* A paragraph's end: a field instruction never runs on into the next
 * paragraph (a damaged field without its separate would drop the rest
 * of the document). */
static void S_fields_para_end(S_rd *rd)
{
    int kept = rd->n_fields < BC_MAX_FIELDS ? rd->n_fields : BC_MAX_FIELDS;
    for (int i = 0; i < kept; i++)
        rd->fields[i] = 0;
    rd->in_instr = 0;
}

/* ---- runs ------------------------------------------------------------------------ */

static void S_inline(S_rd *rd, const xmlNode *parent, S_pc *pc);
static void S_inline_node(S_rd *rd, const xmlNode *c, S_pc *pc, bc_buf *tmp);

/* BC_IMPORT_DOCX_BOLD and _ITALIC of a run, and S_CAPS when Word shows
 * it in capitals. These are toggle properties (ECMA-376 17.7.3): a style
 * that turns one on (its basedOn chain resolved as usual) turns it over
 * from what the level below gave, docDefaults, then the paragraph
 * style, then the character style; direct formatting sets it outright.
 * pc->para holds the first two levels. */
#define S_CAPS 8

static signed char S_toggle(signed char below, signed char style)
{
    return (signed char)((below == 1) ^ (style == 1));
}

static int S_run_flags(S_rd *rd, const xmlNode *r, const S_pc *pc)
{
    bc_import_docx_props p = pc->para;
    xmlNodePtr rpr = bc_import_docx_xml_child(r, "rPr");
    xmlNodePtr rs = bc_import_docx_xml_child(rpr, "rStyle");
    const bc_import_docx_props *sp =
        rs ? bc_import_docx_styles_get(&rd->styles, bc_import_docx_xml_attr(rs, "val")) : NULL;
    if (sp) {
        p.bold = S_toggle(p.bold, sp->bold);
        p.italic = S_toggle(p.italic, sp->italic);
        p.caps = S_toggle(p.caps, sp->caps);
    }
    bc_import_docx_styles_read_rpr(rpr, &p);
    return (p.bold == 1 ? BC_IMPORT_DOCX_BOLD : 0) | (p.italic == 1 ? BC_IMPORT_DOCX_ITALIC : 0) |
           (p.caps == 1 ? S_CAPS : 0);
}

static void S_run(S_rd *rd, const xmlNode *r, S_pc *pc, bc_buf *tmp)
{
    int flags = S_run_flags(rd, r, pc);
    int caps = flags & S_CAPS;
    flags &= ~S_CAPS;
    for (xmlNodePtr c = r->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_import_docx_xml_is(c, "fldChar")) {
            S_field_char(rd, c);
            continue;
        }
        if (bc_import_docx_xml_is_w(c)) {
            const char *n = (const char *)c->name;
            if (strcmp(n, "rPr") == 0 || strcmp(n, "instrText") == 0 ||
                strcmp(n, "delText") == 0 || strcmp(n, "delInstrText") == 0 ||
                strcmp(n, "sym") == 0 || strcmp(n, "softHyphen") == 0)
                continue;
            if (rd->in_instr > 0 && (strcmp(n, "t") == 0 || strcmp(n, "tab") == 0 ||
                                     strcmp(n, "ptab") == 0 || strcmp(n, "br") == 0 ||
                                     strcmp(n, "cr") == 0 || strcmp(n, "noBreakHyphen") == 0))
                continue;
            if (strcmp(n, "t") == 0) {
                const char *s;
                size_t len;
                S_node_text(c, &s, &len, tmp);
                size_t before = pc->text.ink;
                if (caps) { /* the text as Word shows it */
                    size_t ul;
                    char *u = bc_utf8_upper(s, len, &ul);
                    bc_import_docx_text_add(&pc->text, u, ul, flags);
                    free(u);
                } else {
                    bc_import_docx_text_add(&pc->text, s, len, flags);
                }
                if (pc->text.ink > before)
                    pc->break_after = 0;
                continue;
            }
            if (strcmp(n, "tab") == 0 || strcmp(n, "ptab") == 0 || strcmp(n, "cr") == 0) {
                bc_import_docx_text_space(&pc->text);
                continue;
            }
            if (strcmp(n, "br") == 0) {
                const char *type = bc_import_docx_xml_attr(c, "type");
                if (type && strcmp(type, "page") == 0) {
                    if (pc->text.ink == 0)
                        pc->break_before = 1;
                    else
                        pc->break_after = 1;
                }
                bc_import_docx_text_space(&pc->text);
                continue;
            }
            if (strcmp(n, "noBreakHyphen") == 0) {
                bc_import_docx_text_add(&pc->text, "-", 1, flags);
                pc->break_after = 0;
                continue;
            }
        }
        /* a drawing, a picture, an embedded object, ruby text, an
         * mc:AlternateContent: what it holds */
        S_inline_node(rd, c, pc, tmp);
    }
}

/* One element inside a paragraph (a wrapper, a run's drawing...). */
static void S_inline_node(S_rd *rd, const xmlNode *c, S_pc *pc, bc_buf *tmp)
{
    if (c->type != XML_ELEMENT_NODE)
        return;
    if (S_is_mc(c, "AlternateContent")) {
        int first = 1;
        for (xmlNodePtr ch = c->children; ch; ch = ch->next) {
            if (first && S_is_mc(ch, "Choice")) {
                S_inline(rd, ch, pc);
                first = 0;
            } else {
                rd->paras += S_count_paras(ch);
            }
        }
        return;
    }
    if (c->ns && c->ns->href && strcmp((const char *)c->ns->href, S_M_NS) == 0 &&
        strcmp((const char *)c->name, "t") == 0) {
        const char *s;
        size_t len;
        S_node_text(c, &s, &len, tmp);
        bc_import_docx_text_add(&pc->text, s, len, 0);
        pc->break_after = 0;
        return;
    }
    if (bc_import_docx_xml_is_w(c)) {
        const char *n = (const char *)c->name;
        if (strcmp(n, "r") == 0) {
            S_run(rd, c, pc, tmp);
            return;
        }
        if (strcmp(n, "pPr") == 0 || strcmp(n, "rPr") == 0 || strcmp(n, "sdtPr") == 0 ||
            strcmp(n, "sdtEndPr") == 0)
            return;
        if (strcmp(n, "del") == 0 || strcmp(n, "moveFrom") == 0) {
            rd->paras += S_count_paras(c);
            return;
        }
        if (strcmp(n, "p") == 0) {
            S_para(rd, c, &pc->deferred);
            return;
        }
        if (strcmp(n, "tbl") == 0) {
            S_table(rd, c, &pc->deferred);
            return;
        }
    }
    S_inline(rd, c, pc);
}

/* The children of a paragraph or of a wrapper inside it. */
static void S_inline(S_rd *rd, const xmlNode *parent, S_pc *pc)
{
    bc_buf tmp = BC_BUF_INIT;
    for (xmlNodePtr c = parent->children; c; c = c->next)
        S_inline_node(rd, c, pc, &tmp);
    bc_buf_free(&tmp);
}

/* ---- paragraphs --------------------------------------------------------------- */

static bool S_new_page_section(const xmlNode *ppr)
{
    xmlNodePtr sect = bc_import_docx_xml_child(ppr, "sectPr");
    if (!sect)
        return false;
    xmlNodePtr type = bc_import_docx_xml_child(sect, "type");
    const char *v = type ? bc_import_docx_xml_attr(type, "val") : NULL;
    return !(v && (strcmp(v, "continuous") == 0 || strcmp(v, "nextColumn") == 0));
}

static void S_para(S_rd *rd, const xmlNode *p, S_sink *sink)
{
    /* an element of an unknown name read as a paragraph is no w:p: it
     * gets the number of the last one */
    int line = bc_import_docx_xml_is(p, "p") ? ++rd->paras : rd->paras > 0 ? rd->paras : 1;
    xmlNodePtr ppr = bc_import_docx_xml_child(p, "pPr");
    xmlNodePtr ps = bc_import_docx_xml_child(ppr, "pStyle");
    const char *style = ps ? bc_import_docx_xml_attr(ps, "val") : NULL;
    if (!style)
        style = rd->styles.default_para;
    bc_import_docx_props props = rd->styles.defaults;
    const bc_import_docx_props *sp = bc_import_docx_styles_get(&rd->styles, style);
    if (sp)
        bc_import_docx_styles_overlay(&props, sp);
    bc_import_docx_props direct;
    bc_import_docx_styles_unset(&direct);
    bc_import_docx_styles_read_ppr(ppr, &direct);
    bc_import_docx_styles_overlay(&props, &direct);

    S_pc pc;
    memset(&pc, 0, sizeof pc);
    bc_import_docx_text_init(&pc.text);
    bc_import_docx_styles_unset(&pc.para);
    signed char none = -1;
    pc.para.bold = S_toggle(rd->styles.defaults.bold, sp ? sp->bold : none);
    pc.para.italic = S_toggle(rd->styles.defaults.italic, sp ? sp->italic : none);
    pc.para.caps = S_toggle(rd->styles.defaults.caps, sp ? sp->caps : none);

    bc_buf label = BC_BUF_INIT;
    bool numbered = props.num_id > 0 &&
                    bc_import_docx_numbering_next(&rd->num, props.num_id, props.ilvl, style,
                                                  &label);
    /* a page break before this paragraph is its own, not its text boxes' */
    int page = props.page_break_before == 1 || rd->pending_break;
    rd->pending_break = 0;
    S_inline(rd, p, &pc);
    S_fields_para_end(rd);

    bc_import_para para;
    memset(&para, 0, sizeof para);
    bool bold, italic, labelled;
    para.text = bc_import_docx_text_finish(&pc.text, numbered ? label.data : NULL,
                                           &rd->doc->arena, &bold, &italic, &labelled);
    para.bold = bold;
    para.italic = italic;
    para.numbered = numbered && labelled;
    para.align = props.align >= 0 ? (bc_import_align)props.align : BC_IMPORT_ALIGN_LEFT;
    para.line = line;
    page = page || pc.break_before;
    /* the page break of an empty paragraph goes to the next one: its
     * first text box's, else the next paragraph read */
    int pending = rd->pending_break; /* set by its text boxes' paragraphs */
    rd->pending_break = 0;
    if (para.text[0]) {
        para.page_break = page;
        S_sink_add(rd, sink, &para);
    } else if (page && pc.deferred.n) {
        pc.deferred.v[0].page_break = 1;
    } else if (page) {
        rd->pending_break = 1;
    }
    for (size_t i = 0; i < pc.deferred.n; i++)
        S_sink_add(rd, sink, &pc.deferred.v[i]);
    if (pending || pc.break_after || S_new_page_section(ppr))
        rd->pending_break = 1;
    free(pc.deferred.v);
    bc_buf_free(&label);
    bc_import_docx_text_free(&pc.text);
}

/* ---- tables ------------------------------------------------------------------ */

typedef struct S_cell {
    S_sink paras;
    size_t span;
    int cont;               /* a vMerge continuation */
} S_cell;

typedef struct S_row {
    S_cell *cells;
    size_t n, cap;
    size_t before, after;   /* w:gridBefore, w:gridAfter */
} S_row;

typedef struct S_tab {
    S_row *rows;
    size_t n, cap;
    int borders;
} S_tab;

static bool S_edges_drawn(const bc_import_docx_props *p)
{
    for (int e = 0; e < BC_IMPORT_DOCX_EDGES; e++)
        if (p->edge[e] == 1)
            return true;
    return false;
}

static void S_cells(S_rd *rd, const xmlNode *parent, S_tab *t, S_row *row)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_import_docx_xml_is(c, "tc")) {
            BC_GROW(row->cells, row->cap, row->n + 1);
            S_cell *cell = &row->cells[row->n++];
            memset(cell, 0, sizeof *cell);
            xmlNodePtr tcpr = bc_import_docx_xml_child(c, "tcPr");
            xmlNodePtr gs = bc_import_docx_xml_child(tcpr, "gridSpan");
            cell->span = (size_t)bc_import_docx_xml_int(gs, "val", 1, 1, 1000);
            xmlNodePtr vm = bc_import_docx_xml_child(tcpr, "vMerge");
            const char *vv = vm ? bc_import_docx_xml_attr(vm, "val") : NULL;
            cell->cont = vm && !(vv && strcmp(vv, "restart") == 0);
            bc_import_docx_props b;
            bc_import_docx_styles_unset(&b);
            bc_import_docx_styles_read_borders(bc_import_docx_xml_child(tcpr, "tcBorders"), &b);
            if (S_edges_drawn(&b))
                t->borders = 1;
            S_blocks(rd, c, &cell->paras);
        } else if (bc_import_docx_xml_is(c, "del") || bc_import_docx_xml_is(c, "moveFrom") ||
                   S_is_mc(c, "Fallback")) {
            rd->paras += S_count_paras(c);
        } else if (!bc_import_docx_xml_is(c, "trPr") && !bc_import_docx_xml_is(c, "tblPrEx")) {
            S_cells(rd, c, t, row); /* w:sdt, w:customXml, mc:AlternateContent... */
        }
    }
}

static void S_rows(S_rd *rd, const xmlNode *parent, S_tab *t)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_import_docx_xml_is(c, "tr") &&
            bc_import_docx_xml_child(bc_import_docx_xml_child(c, "trPr"), "del")) {
            rd->paras += S_count_paras(c); /* a row deleted with changes tracked */
        } else if (bc_import_docx_xml_is(c, "tr")) {
            BC_GROW(t->rows, t->cap, t->n + 1);
            S_row *row = &t->rows[t->n++];
            memset(row, 0, sizeof *row);
            xmlNodePtr trpr = bc_import_docx_xml_child(c, "trPr");
            row->before = (size_t)bc_import_docx_xml_int(
                bc_import_docx_xml_child(trpr, "gridBefore"), "val", 0, 0, 1000);
            row->after = (size_t)bc_import_docx_xml_int(
                bc_import_docx_xml_child(trpr, "gridAfter"), "val", 0, 0, 1000);
            S_cells(rd, c, t, row);
        } else if (bc_import_docx_xml_is(c, "del") || bc_import_docx_xml_is(c, "moveFrom") ||
                   S_is_mc(c, "Fallback")) {
            rd->paras += S_count_paras(c);
        } else if (!bc_import_docx_xml_is(c, "tblPr") && !bc_import_docx_xml_is(c, "tblGrid")) {
            S_rows(rd, c, t);
        }
    }
}

/* A cell's paragraphs copied into the arena. */
static void S_place(bc_import_doc *doc, bc_import_cell *dst, const S_sink *src)
{
    if (!src->n)
        return;
    dst->paras = bc_arena_alloc(&doc->arena, src->n * sizeof *dst->paras);
    memcpy(dst->paras, src->v, src->n * sizeof *dst->paras);
    dst->n_paras = src->n;
}

static void S_table(S_rd *rd, const xmlNode *tbl, S_sink *sink)
{
    int line = rd->paras + 1;
    S_tab t;
    memset(&t, 0, sizeof t);
    xmlNodePtr tblpr = bc_import_docx_xml_child(tbl, "tblPr");
    xmlNodePtr ts = bc_import_docx_xml_child(tblpr, "tblStyle");
    const char *style = ts ? bc_import_docx_xml_attr(ts, "val") : NULL;
    const bc_import_docx_props *sp =
        bc_import_docx_styles_get(&rd->styles, style ? style : rd->styles.default_table);
    bc_import_docx_props borders;
    bc_import_docx_styles_unset(&borders);
    if (sp)
        bc_import_docx_styles_overlay(&borders, sp);
    bc_import_docx_styles_read_borders(bc_import_docx_xml_child(tblpr, "tblBorders"), &borders);
    t.borders = S_edges_drawn(&borders);
    S_rows(rd, tbl, &t);

    size_t grid = 0;
    xmlNodePtr g = bc_import_docx_xml_child(tbl, "tblGrid");
    for (xmlNodePtr c = g ? g->children : NULL; c && grid < 1000; c = c->next)
        grid += bc_import_docx_xml_is(c, "gridCol");
    size_t cols = 0, cols_tc = 0;
    for (size_t r = 0; r < t.n; r++) {
        size_t w = t.rows[r].before + t.rows[r].after;
        for (size_t k = 0; k < t.rows[r].n; k++)
            w += t.rows[r].cells[k].span;
        if (w > cols)
            cols = w;
        if (t.rows[r].n > cols_tc)
            cols_tc = t.rows[r].n;
    }
    if (grid > cols)
        cols = grid;
    int spans = 1;
    if (t.n && cols > BC_MAX_CELLS / t.n) {
        spans = 0;
        cols = cols_tc;
    }
    bool as_table = sink->doc && t.n > 0 && cols > 0 && cols <= BC_MAX_CELLS / t.n;
    if (as_table) {
        bc_import_block *b = bc_import_doc_add(sink->doc, BC_IMPORT_BLOCK_TABLE);
        bc_import_table *tab = &b->u.table;
        tab->rows = t.n;
        tab->cols = cols;
        tab->borders = t.borders;
        tab->line = line;
        tab->cells = bc_arena_alloc(&rd->doc->arena, t.n * cols * sizeof *tab->cells);
        for (size_t r = 0; r < t.n; r++) {
            S_row *row = &t.rows[r];
            size_t at = spans ? row->before : 0;
            for (size_t k = 0; k < row->n; k++) {
                S_cell *cell = &row->cells[k];
                if (at >= cols)
                    at = cols - 1; /* cannot happen: cols is the widest row */
                bc_import_cell *dst = &tab->cells[r * cols + at];
                if (dst->n_paras) { /* two cells on one place: both kept */
                    bc_import_para *v = bc_arena_alloc(
                        &rd->doc->arena, (dst->n_paras + cell->paras.n) * sizeof *v);
                    memcpy(v, dst->paras, dst->n_paras * sizeof *v);
                    memcpy(v + dst->n_paras, cell->paras.v, cell->paras.n * sizeof *v);
                    dst->paras = v;
                    dst->n_paras += cell->paras.n;
                } else {
                    S_place(rd->doc, dst, &cell->paras);
                }
                at += spans ? cell->span : 1;
            }
        }
    }
    for (size_t r = 0; r < t.n; r++) {
        for (size_t k = 0; k < t.rows[r].n; k++) {
            S_sink *ps = &t.rows[r].cells[k].paras;
            for (size_t i = 0; !as_table && i < ps->n; i++)
                S_sink_add(rd, sink, &ps->v[i]);
            free(ps->v);
        }
        free(t.rows[r].cells);
    }
    free(t.rows);
}

/* ---- the body ----------------------------------------------------------------- */

/* Wrappers of block content that hold runs only inside paragraphs. */
static bool S_known_block(const char *n)
{
    static const char *const names[] = {"sdt", "sdtContent", "customXml", "ins", "moveTo",
                                        "body", "tc", "txbxContent", "smartTag", NULL};
    for (int i = 0; names[i]; i++)
        if (strcmp(n, names[i]) == 0)
            return true;
    return false;
}

static void S_blocks(S_rd *rd, const xmlNode *parent, S_sink *sink)
{
    for (xmlNodePtr c = parent->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (S_is_mc(c, "AlternateContent")) {
            int first = 1;
            for (xmlNodePtr ch = c->children; ch; ch = ch->next) {
                if (first && S_is_mc(ch, "Choice")) {
                    S_blocks(rd, ch, sink);
                    first = 0;
                } else {
                    rd->paras += S_count_paras(ch);
                }
            }
            continue;
        }
        if (bc_import_docx_xml_is_w(c)) {
            const char *n = (const char *)c->name;
            if (strcmp(n, "p") == 0) {
                S_para(rd, c, sink);
                continue;
            }
            if (strcmp(n, "tbl") == 0) {
                S_table(rd, c, sink);
                continue;
            }
            if (strcmp(n, "del") == 0 || strcmp(n, "moveFrom") == 0) {
                rd->paras += S_count_paras(c);
                continue;
            }
            if (strcmp(n, "sectPr") == 0 || strcmp(n, "tcPr") == 0 || strcmp(n, "sdtPr") == 0 ||
                strcmp(n, "sdtEndPr") == 0)
                continue;
            /* an element Word does not know holding runs: read as a
             * paragraph, so that its text is not lost */
            if (!S_known_block(n) && (bc_import_docx_xml_child(c, "r") ||
                                      bc_import_docx_xml_child(c, "hyperlink"))) {
                S_para(rd, c, sink);
                continue;
            }
        }
        S_blocks(rd, c, sink); /* w:sdt, w:sdtContent, w:customXml, w:ins... */
    }
}

/* ---- the file ------------------------------------------------------------------ */

static bc_diag *S_error(bc_diags *d, const char *path, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bc_diag *S_error(bc_diags *d, const char *path, const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag *g = bc_diag_vadd(d, BC_ERROR, path, 0, 0, fmt, ap);
    va_end(ap);
    if (hint)
        bc_diag_set_hint(g, hint);
    return g;
}

static bool S_starts(const unsigned char *b, size_t n, const char *lit)
{
    size_t l = strlen(lit);
    return n >= l && memcmp(b, lit, l) == 0;
}

/* A file that is no zip, told by its first bytes. Returns -1. */
static int S_not_zip(const char *path, const unsigned char *head, size_t n, bc_diags *d)
{
    static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    const char *save = _("open it in Word (or LibreOffice) and save it as Word Document (.docx)");
    size_t skip = S_starts(head, n, "\xEF\xBB\xBF") ? 3 : 0;
    const unsigned char *h = head + skip;
    size_t hn = n - skip;
    while (hn && (*h == ' ' || *h == '\t' || *h == '\r' || *h == '\n')) {
        h++;
        hn--;
    }
    if (S_starts(head, n, "%PDF-")) {
        S_error(d, path,
                _("copy its text into a .txt file and import that, or open it in Word and save "
                  "it as .docx"),
                "%s", _("this is a PDF file, not a Word document (.docx)"));
    } else if (n >= 8 && memcmp(head, ole, 8) == 0) {
        S_error(d, path,
                _("remove the password (File > Info > Protect Document), or open the .doc and "
                  "save it as Word Document (.docx)"),
                "%s",
                _("this is a Word 97-2003 document (.doc) or a password-protected file, not a "
                  ".docx"));
    } else if (S_starts(h, hn, "{\\rtf")) {
        S_error(d, path, save, "%s", _("this is an RTF file, not a Word document (.docx)"));
    } else if (hn && *h == '<') {
        S_error(d, path, save, "%s",
                _("this is an XML or HTML file (a web page, or Word 2003 XML), not a Word "
                  "document (.docx)"));
    } else if (bc_utf8_valid((const char *)head, n, NULL) && !memchr(head, 0, n)) {
        S_error(d, path, _("name it .txt to import it as text"), "%s",
                _("this looks like a text file, not a Word document (.docx)"));
    } else {
        char hex[3 * 8 + 1] = "";
        size_t at = 0;
        for (size_t i = 0; i < n && i < 8; i++)
            at += (size_t)snprintf(hex + at, sizeof hex - at, "%s%02X", i ? " " : "", head[i]);
        S_error(d, path, save,
                _("this is not a Word document (.docx): a .docx is a zip file, and this file "
                  "starts with the bytes %s"),
                hex);
    }
    return -1;
}

/* A zip that is no Word document: an OpenDocument file, a workbook... */
static int S_not_word(const char *path, const bc_package *pkg, bc_diags *d)
{
    const char *save = _("open it in Word (or LibreOffice) and save it as Word Document (.docx)");
    bc_part *mt = bc_package_find(pkg, "mimetype");
    if (mt) {
        char type[128];
        size_t l = 0;
        for (; l < mt->len && l < sizeof type - 1; l++) {
            unsigned char c = mt->data[l];
            if (c < 0x21 || c > 0x7E)
                break;
            type[l] = (char)c;
        }
        type[l] = '\0';
        if (l > 35 && memcmp(type, "application/vnd.oasis.opendocument.", 35) == 0) {
            S_error(d, path, save,
                    _("this is an OpenDocument file (%s), not a Word document (.docx)"), type);
            return -1;
        }
        if (l) {
            S_error(d, path, save, _("this is a zip of type %s, not a Word document (.docx)"),
                    type);
            return -1;
        }
    }
    if (bc_package_find(pkg, "xl/workbook.xml")) {
        S_error(d, path, _("give the Word document (.docx) of the report"), "%s",
                _("this is an Excel workbook (.xlsx), not a Word document (.docx)"));
        return -1;
    }
    if (bc_package_find(pkg, "ppt/presentation.xml")) {
        S_error(d, path, _("give the Word document (.docx) of the report"), "%s",
                _("this is a PowerPoint presentation (.pptx), not a Word document (.docx)"));
        return -1;
    }
    S_error(d, path, save, "%s",
            _("this zip file holds no word/document.xml: it is not a Word document (.docx)"));
    return -1;
}

/* The first error of a parse (libxml2 keeps the last one, which for a
 * tag left open is only "premature end of data" at the end). */
static __thread struct {
    int set, line;
    char msg[200];
} S_first;

static void S_first_error(void *user, xmlErrorPtr e)
{
    (void)user;
    if (S_first.set || !e)
        return;
    S_first.set = 1;
    S_first.line = e->line;
    snprintf(S_first.msg, sizeof S_first.msg, "%s", e->message ? e->message : "");
}

/* A part parsed, or NULL with *why and *line set. */
static xmlDocPtr S_parse(const bc_part *part, const char **why, int *line, char *msg,
                         size_t msg_size)
{
    *why = NULL;
    *line = 0;
    if (part->len > INT_MAX) {
        *why = "the part is too large";
        return NULL;
    }
    xmlParserCtxtPtr c = xmlNewParserCtxt();
    if (!c) {
        *why = "out of memory";
        return NULL;
    }
    S_first.set = 0;
    if (c->sax) {
        c->sax->initialized = XML_SAX2_MAGIC;
        c->sax->serror = S_first_error;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(c, (const char *)part->data, (int)part->len, part->name,
                                      NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                          XML_PARSE_COMPACT);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(c);
        snprintf(msg, msg_size, "%s",
                 S_first.set && S_first.msg[0] ? S_first.msg
                 : e && e->message             ? e->message
                                               : "not well-formed");
        size_t n = strlen(msg);
        while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
            msg[--n] = '\0';
        *why = msg;
        *line = S_first.set ? S_first.line : e ? e->line : 0;
    }
    xmlFreeParserCtxt(c);
    return doc;
}

/* A related part: through the main part's relationship of `type`, else
 * at `fallback`. */
static bc_part *S_related(const bc_package *pkg, const char *main, const char *type,
                          const char *fallback)
{
    char *name = bc_opc_related(pkg, main, type);
    bc_part *p = name ? bc_package_find(pkg, name) : NULL;
    free(name);
    return p ? p : bc_package_find(pkg, fallback);
}

/* A styles or numbering part: its tree, or NULL with a warning when it
 * does not parse (the document is read without it). */
static xmlDocPtr S_side_part(const char *path, const bc_part *part, bc_diags *d)
{
    if (!part)
        return NULL;
    const char *why;
    int line;
    char msg[256];
    xmlDocPtr doc = S_parse(part, &why, &line, msg, sizeof msg);
    if (!doc) {
        bc_diag *g = bc_diag_add(d, BC_WARNING, path, line, 0,
                                 _("%s is not well-formed XML (%s); the document is read "
                                   "without it"),
                                 part->name, why);
        bc_diag_set_part(g, part->name, NULL);
    }
    return doc;
}

int bc_import_docx_read(const char *path, bc_import_doc *doc, bc_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return -1;
    }
    unsigned char head[512];
    size_t hn = fread(head, 1, sizeof head, f);
    int err = ferror(f) ? errno : 0;
    fclose(f);
    if (err) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(err));
        return -1;
    }
    if (hn == 0) {
        S_error(d, path, NULL, "%s", _("the file is empty; there is nothing to import"));
        return -1;
    }
    if (!S_starts(head, hn, "PK"))
        return S_not_zip(path, head, hn, d);

    bc_package pkg = BC_PACKAGE_INIT;
    bc_diags pd = BC_DIAGS_INIT;
    if (bc_package_read_file(&pkg, path, &pd) != 0) {
        /* the package reader's messages, with a hint for an import
         * rather than for a template */
        const char *tmpl = _("a template is a .docx or .dotx saved by Word or LibreOffice");
        for (bc_diag *g = pd.head; g; g = g->next)
            if (g->hint && strcmp(g->hint, tmpl) == 0)
                bc_diag_set_hint(g, _("open it in Word (or LibreOffice) and save it as Word "
                                      "Document (.docx)"));
        bc_diags_take(d, &pd);
        bc_package_free(&pkg);
        return -1;
    }
    bc_diags_free(&pd);

    char *main = bc_opc_main_document(&pkg);
    bc_part *mp = main ? bc_package_find(&pkg, main) : NULL;
    if (!mp) {
        free(main);
        main = bc_xstrdup("word/document.xml");
        mp = bc_package_find(&pkg, main);
    }
    if (!mp) {
        free(main);
        int rc = S_not_word(path, &pkg, d);
        bc_package_free(&pkg);
        return rc;
    }
    const char *why;
    int line;
    char msg[256];
    xmlDocPtr xd = S_parse(mp, &why, &line, msg, sizeof msg);
    if (!xd) {
        bc_diag *g = S_error(d, path,
                             _("the file is damaged; open it in Word, which may repair it, and "
                               "save it again"),
                             _("%s is not well-formed XML: %s"), mp->name, why);
        g->line = line;
        bc_diag_set_part(g, mp->name, NULL);
        free(main);
        bc_package_free(&pkg);
        return -1;
    }
    xmlNodePtr root = xmlDocGetRootElement(xd);
    if (!bc_import_docx_xml_is(root, "document")) {
        bc_diag *g = S_error(d, path, NULL,
                             _("%s is not a Word document part (its root element is <%s>)"),
                             mp->name, root ? (const char *)root->name : "");
        bc_diag_set_part(g, mp->name, NULL);
        xmlFreeDoc(xd);
        free(main);
        bc_package_free(&pkg);
        return -1;
    }

    xmlDocPtr sd = S_side_part(path, S_related(&pkg, main, BC_REL_STYLES, "word/styles.xml"), d);
    xmlDocPtr nd =
        S_side_part(path, S_related(&pkg, main, BC_REL_NUMBERING, "word/numbering.xml"), d);
    S_rd rd;
    memset(&rd, 0, sizeof rd);
    rd.doc = doc;
    bc_import_docx_styles_load(&rd.styles, sd);
    bc_import_docx_numbering_load(&rd.num, nd, &rd.styles);
    S_sink top = {doc, NULL, 0, 0};
    for (xmlNodePtr body = root->children; body; body = body->next)
        if (bc_import_docx_xml_is(body, "body")) /* more than one: each, in order */
            S_blocks(&rd, body, &top);
    bc_import_docx_numbering_free(&rd.num);
    bc_import_docx_styles_free(&rd.styles);
    if (nd)
        xmlFreeDoc(nd);
    if (sd)
        xmlFreeDoc(sd);
    xmlFreeDoc(xd);
    free(main);
    bc_package_free(&pkg);
    return 0;
}
