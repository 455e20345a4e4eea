/*
 * wml_template.c - compiles the text parts of a .docx template into
 * mustache programs and renders them (see wml_template.h for the rules).
 *
 * Compiling a part: parse it with libxml2; repair split tags paragraph by
 * paragraph; serialize the tree back to XML text in which static text is
 * escaped, tags stay as mustache tags, standalone structural paragraphs
 * shrink to their tag, and block paragraphs become host tags
 * "{{@name N}}" whose N indexes the paragraph's saved XML; compile that
 * text with the mustache engine.
 */
#include "wml_template.h"
#include "alloc.h"
#include "body_markup.h"
#include "i18n.h"
#include "opc.h"
#include "wml.h"
#include "wml_layout.h"
#include "wml_styles.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

const char *const bc_block_style_ids[BC_BLK_KIND_COUNT] = {
    [BC_BLK_PARAGRAPH] = "NoiDung",
    [BC_BLK_PART] = "PhanLon",
    [BC_BLK_ITEM_TITLE] = "MucTieuDe",
    [BC_BLK_ITEM] = "Muc",
    [BC_BLK_SUBITEM_TITLE] = "MucNhoTieuDe",
    [BC_BLK_SUBITEM] = "MucNho",
    [BC_BLK_POINT] = "Diem",
    [BC_BLK_DASH] = "GachDau",
    [BC_BLK_PLUS] = "DauCong",
};

/* A block paragraph: its XML around the tag, and its run formatting. */
typedef struct block {
    char *pre;     /* "<w:p>...<w:t xml:space="preserve">" */
    char *post;    /* "</w:t></w:r>...</w:p>" */
    char *rpr;     /* children of the tag run's w:rPr (may be "") */
    char *name;    /* the tag's variable name */
} block;

/* Where a tag of the generated source came from. */
typedef struct tag_loc {
    size_t offset;
    int para;      /* 1-based paragraph number in the part */
    char *text;    /* the paragraph's text, for messages */
} tag_loc;

typedef struct tpl_part {
    char *name;
    bc_mtpl *prog;
    block *blocks;
    size_t block_count;
    tag_loc *locs;
    size_t loc_count;
    bool is_main;
} tpl_part;

struct bc_docx_tpl {
    char *name;
    bc_package pkg;
    unsigned char *base_zip;  /* the package zipped once: parts that are not
                                 rendered are copied from it compressed */
    size_t base_len;
    tpl_part *parts;
    size_t part_count;
    bc_styles styles;
    char *main_part;
};

/* ---- paragraph text and split-tag repair ------------------------------ */

typedef struct seg {
    xmlNodePtr t;     /* the w:t element, NULL for a breaker */
    char *text;       /* current text (malloc'd) */
    size_t start;     /* offset in the paragraph text */
    bool changed;
} seg;

typedef struct para_text {
    seg *v;
    size_t count, cap;
    bc_buf text;      /* concatenation; breakers are "\x01" */
} para_text;

static bool S_is_mc(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, BC_MC_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static void S_seg_add(para_text *pt, xmlNodePtr t, const char *text)
{
    if (pt->count == pt->cap) {
        pt->cap = pt->cap ? pt->cap * 2 : 16;
        pt->v = bc_xrealloc(pt->v, pt->cap * sizeof *pt->v);
    }
    seg *s = &pt->v[pt->count++];
    s->t = t;
    s->text = bc_xstrdup(text);
    s->start = pt->text.len;
    s->changed = false;
    bc_buf_puts(&pt->text, text);
}

static bool S_is_breaker(const xmlNode *n)
{
    static const char *const names[] = {
        "tab", "br", "cr", "fldChar", "instrText", "sym", "drawing", "pict",
        "object", "footnoteReference", "endnoteReference", "noBreakHyphen",
        "softHyphen", "ptab", "commentReference", NULL};
    for (int i = 0; names[i]; i++)
        if (bc_wml_is(n, names[i]))
            return true;
    return false;
}

/* Collects the text of paragraph p's own runs (not of nested paragraphs). */
static void S_collect(para_text *pt, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_wml_is(c, "pPr") || bc_wml_is(c, "rPr") || bc_wml_is(c, "p") ||
            bc_wml_is(c, "del") || bc_wml_is(c, "moveFrom") ||
            S_is_mc(c, "Fallback"))
            continue;
        if (bc_wml_is(c, "t")) {
            S_seg_add(pt, c, bc_wml_text(c));
        } else if (S_is_breaker(c)) {
            S_seg_add(pt, NULL, "\x01");
        } else {
            S_collect(pt, c);
        }
    }
}

static void S_para_free(para_text *pt)
{
    for (size_t i = 0; i < pt->count; i++)
        free(pt->v[i].text);
    free(pt->v);
    bc_buf_free(&pt->text);
    memset(pt, 0, sizeof *pt);
}

/* A tag found in a paragraph's text. */
typedef struct ptag {
    size_t start, end;  /* [start, end) in the paragraph text */
} ptag;

typedef struct compile_ctx {
    bc_docx_tpl *t;
    tpl_part *part;
    bc_diags *d;
    bc_buf src;
    int para_no;
    bool failed;
    size_t loc_cap, block_cap;
} compile_ctx;

/* Paragraph text for messages: breakers shown as spaces, trimmed. */
static char *S_display_text(const char *s, size_t n)
{
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        bc_buf_putc(&b, s[i] == '\x01' ? ' ' : s[i]);
    if (b.len > 200) {
        b.len = 197;
        while (b.len > 0 && ((unsigned char)b.data[b.len] & 0xC0) == 0x80)
            b.len--;
        bc_buf_puts(&b, "...");
    }
    return bc_buf_detach(&b, NULL);
}

static bc_diag *S_para_error(compile_ctx *cx, const char *ptext, size_t plen,
                             const char *id, const char *fmt, const char *arg)
{
    bc_diag *g = bc_diag_add(cx->d, BC_ERROR, cx->t->name, 0, 0, fmt, arg);
    char place[64];
    snprintf(place, sizeof place, _("paragraph %d"), cx->para_no);
    bc_diag_set_part(g, cx->part->name, place);
    bc_diag_set_id(g, id);
    char *shown = S_display_text(ptext, plen);
    bc_buf m = BC_BUF_INIT;
    bc_buf_printf(&m, "%s (in \"%s\")", g->msg, shown);
    free(g->msg);
    g->msg = bc_buf_detach(&m, NULL);
    free(shown);
    cx->failed = true;
    return g;
}

/* Finds the tags of a paragraph text. Reports unclosed tags and tags
 * holding a breaker. Returns the number found (in *out, malloc'd). */
static size_t S_find_tags(compile_ctx *cx, const char *s, size_t n, ptag **out)
{
    size_t count = 0, cap = 0;
    ptag *v = NULL;
    size_t i = 0;
    while (i + 1 < n) {
        const char *open = strstr(s + i, "{{");
        if (!open || (size_t)(open - s) >= n)
            break;
        size_t p = (size_t)(open - s);
        bool triple = p + 2 < n && s[p + 2] == '{';
        const char *closer = triple ? "}}}" : "}}";
        const char *close = strstr(s + p + 2, closer);
        const char *next_open = strstr(s + p + 2, "{{");
        if (!close || (next_open && next_open < close)) {
            size_t end = next_open ? (size_t)(next_open - s) : n;
            char *tag = bc_xstrndup(s + p, end - p > 40 ? 40 : end - p);
            S_para_error(cx, s, n, "T001",
                         _("tag `%s` is not closed in this paragraph (a tag "
                           "cannot cross a paragraph's end)"),
                         tag);
            free(tag);
            i = end;
            continue;
        }
        size_t end = (size_t)(close - s) + strlen(closer);
        if (memchr(s + p, '\x01', end - p)) {
            char *tag = S_display_text(s + p, end - p);
            S_para_error(cx, s, n, "T002",
                         _("tag `%s` holds a tab, line break or field; retype "
                           "it as plain text"),
                         tag);
            free(tag);
        } else if (s[p + 2] == '=' || (triple && s[p + 3] == '=')) {
            char *tag = bc_xstrndup(s + p, end - p);
            S_para_error(cx, s, n, "T003",
                         _("tag `%s` changes delimiters, which .docx templates "
                           "do not support"),
                         tag);
            free(tag);
        } else {
            if (count == cap) {
                cap = cap ? cap * 2 : 8;
                v = bc_xrealloc(v, cap * sizeof *v);
            }
            v[count++] = (ptag){p, end};
        }
        i = end;
    }
    *out = v;
    return count;
}

static size_t S_seg_at(const para_text *pt, size_t off)
{
    size_t k = 0;
    while (k + 1 < pt->count && pt->v[k + 1].start <= off)
        k++;
    return k;
}

static void S_set_t_text(xmlNodePtr t, const char *text)
{
    xmlNodePtr c = t->children;
    while (c) {
        xmlNodePtr next = c->next;
        xmlUnlinkNode(c);
        xmlFreeNode(c);
        c = next;
    }
    if (*text)
        xmlAddChild(t, xmlNewDocText(t->doc, (const xmlChar *)text));
    xmlNsPtr xml = xmlSearchNs(t->doc, t, (const xmlChar *)"xml");
    if (xml)
        xmlSetNsProp(t, xml, (const xmlChar *)"space", (const xmlChar *)"preserve");
}

/* Moves each split tag whole into the w:t holding its "{{". */
static void S_repair(para_text *pt, const ptag *tags, size_t ntags)
{
    for (size_t k = ntags; k-- > 0;) {
        size_t a = S_seg_at(pt, tags[k].start);
        size_t b = S_seg_at(pt, tags[k].end - 1);
        if (a == b)
            continue;
        seg *sa = &pt->v[a], *sb = &pt->v[b];
        size_t keep = tags[k].start - sa->start;
        bc_buf nt = BC_BUF_INIT;
        bc_buf_put(&nt, sa->text, keep);
        bc_buf_put(&nt, pt->text.data + tags[k].start, tags[k].end - tags[k].start);
        free(sa->text);
        sa->text = bc_buf_detach(&nt, NULL);
        sa->changed = true;
        for (size_t m = a + 1; m < b; m++) {
            pt->v[m].text[0] = '\0';
            pt->v[m].changed = true;
        }
        size_t cut = tags[k].end - sb->start;
        memmove(sb->text, sb->text + cut, strlen(sb->text + cut) + 1);
        sb->changed = true;
    }
    for (size_t m = 0; m < pt->count; m++) {
        seg *s = &pt->v[m];
        if (!s->changed || !s->t)
            continue;
        if (s->text[0]) {
            S_set_t_text(s->t, s->text);
            continue;
        }
        /* an emptied w:t goes, and its run when nothing else is left */
        xmlNodePtr run = s->t->parent;
        xmlUnlinkNode(s->t);
        xmlFreeNode(s->t);
        s->t = NULL;
        bool empty = true;
        for (xmlNodePtr c = run ? run->children : NULL; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !bc_wml_is(c, "rPr"))
                empty = false;
        if (run && bc_wml_is(run, "r") && empty) {
            xmlUnlinkNode(run);
            xmlFreeNode(run);
        }
    }
}

/* ---- serialization ------------------------------------------------------- */

static void S_add_loc(compile_ctx *cx, size_t offset, const char *ptext,
                      size_t plen)
{
    tpl_part *p = cx->part;
    if (p->loc_count == cx->loc_cap) {
        cx->loc_cap = cx->loc_cap ? cx->loc_cap * 2 : 32;
        p->locs = bc_xrealloc(p->locs, cx->loc_cap * sizeof *p->locs);
    }
    p->locs[p->loc_count++] = (tag_loc){offset, cx->para_no,
                                        S_display_text(ptext, plen)};
}

/* Writes the text of a w:t: tags raw, the rest escaped. When `hole` is
 * set, the one tag is replaced by "\x02" (block paragraphs). */
static void S_write_t_text(compile_ctx *cx, bc_buf *out, const char *s,
                           const char *ptext, size_t plen, bool hole)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        const char *open = strstr(s + i, "{{");
        if (!open) {
            bc_xml_escape_text(out, s + i, n - i);
            break;
        }
        size_t p = (size_t)(open - s);
        bool triple = s[p + 2] == '{';
        const char *close = strstr(s + p + 2, triple ? "}}}" : "}}");
        if (!close) {
            bc_xml_escape_text(out, s + i, n - i);
            break;
        }
        size_t end = (size_t)(close - s) + (triple ? 3 : 2);
        bc_xml_escape_text(out, s + i, p - i);
        if (hole) {
            bc_buf_putc(out, '\x02');
        } else {
            S_add_loc(cx, out->len, ptext, plen);
            bc_buf_put(out, s + p, end - p);
        }
        i = end;
    }
}

typedef struct para_info {
    const char *text;
    size_t len;
    bool hole;
} para_info;

static void S_write(compile_ctx *cx, bc_buf *out, xmlNodePtr n,
                    const para_info *pi);

/* Tag kinds that make a paragraph standalone (it disappears). */
static bool S_structural(char sigil)
{
    return sigil && strchr("#^/!><$", sigil) != NULL;
}

/* The first non-space character inside a tag, and the name after it. */
static char S_tag_sigil(const char *tag, size_t len, const char **name,
                        size_t *name_len)
{
    size_t i = 2;
    if (tag[2] == '{')
        i = 3;
    size_t end = len - (tag[2] == '{' ? 3 : 2);
    while (i < end && (tag[i] == ' ' || tag[i] == '\t'))
        i++;
    char sigil = tag[2] == '{' ? '{' : 0;
    if (i < end && strchr("#^/!><$&=", tag[i]))
        sigil = tag[i++];
    while (i < end && (tag[i] == ' ' || tag[i] == '\t'))
        i++;
    size_t j = end;
    while (j > i && (tag[j - 1] == ' ' || tag[j - 1] == '\t'))
        j--;
    *name = tag + i;
    *name_len = j - i;
    return sigil;
}

static bool S_blank_range(const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

/* Serializes a run's w:rPr children (the formatting a value inherits). */
static char *S_run_rpr(xmlNodePtr t)
{
    bc_buf b = BC_BUF_INIT;
    xmlNodePtr run = t ? t->parent : NULL;
    while (run && !bc_wml_is(run, "r"))
        run = run->parent;
    xmlNodePtr rpr = bc_wml_child(run, "rPr");
    for (xmlNodePtr c = rpr ? rpr->children : NULL; c; c = c->next)
        bc_xml_write_node(&b, c);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

static void S_paragraph(compile_ctx *cx, bc_buf *out, xmlNodePtr p)
{
    cx->para_no++;
    para_text pt;
    memset(&pt, 0, sizeof pt);
    S_collect(&pt, p);
    const char *s = bc_buf_cstr(&pt.text);
    ptag *tags = NULL;
    size_t ntags = S_find_tags(cx, s, pt.text.len, &tags);
    S_repair(&pt, tags, ntags);

    para_info pi = {s, pt.text.len, false};
    if (ntags == 1 && S_blank_range(s, 0, tags[0].start) &&
        S_blank_range(s, tags[0].end, pt.text.len)) {
        const char *tag = s + tags[0].start;
        size_t tlen = tags[0].end - tags[0].start;
        const char *name;
        size_t nlen;
        char sigil = S_tag_sigil(tag, tlen, &name, &nlen);
        if (S_structural(sigil)) {
            /* standalone: the paragraph shrinks to its tag */
            S_add_loc(cx, out->len, s, pt.text.len);
            bc_buf_put(out, tag, tlen);
            goto done;
        }
        if (nlen > 0 && (sigil == 0 || sigil == '&' || sigil == '{')) {
            /* a block paragraph: saved XML around a host tag */
            tpl_part *part = cx->part;
            if (part->block_count == cx->block_cap) {
                cx->block_cap = cx->block_cap ? cx->block_cap * 2 : 8;
                part->blocks = bc_xrealloc(part->blocks,
                                           cx->block_cap * sizeof *part->blocks);
            }
            block *bl = &part->blocks[part->block_count];
            bc_buf whole = BC_BUF_INIT;
            pi.hole = true;
            S_write(cx, &whole, p, &pi);
            const char *w = bc_buf_cstr(&whole);
            const char *hole = strchr(w, '\x02');
            seg *holder = &pt.v[S_seg_at(&pt, tags[0].start)];
            bl->pre = bc_xstrndup(w, (size_t)(hole - w));
            bl->post = bc_xstrdup(hole + 1);
            bl->rpr = S_run_rpr(holder->t);
            bl->name = bc_xstrndup(name, nlen);
            bc_buf_free(&whole);
            S_add_loc(cx, out->len, s, pt.text.len);
            bc_buf_printf(out, "{{@%s %zu}}", bl->name, part->block_count);
            part->block_count++;
            goto done;
        }
    }
    S_write(cx, out, p, &pi);
done:
    free(tags);
    S_para_free(&pt);
}

static void S_write(compile_ctx *cx, bc_buf *out, xmlNodePtr n,
                    const para_info *pi)
{
    if (n->type != XML_ELEMENT_NODE) {
        bc_xml_write_node(out, n);
        return;
    }
    bc_xml_write_start(out, n);
    if (bc_wml_is(n, "t") && pi && pi->text) {
        const xmlChar *space = xmlGetNsProp(n, (const xmlChar *)"space",
                                            XML_XML_NAMESPACE);
        bool hole = pi->hole && strstr(bc_wml_text(n), "{{");
        if (hole && !space)
            bc_buf_puts(out, " xml:space=\"preserve\"");
        xmlFree((xmlChar *)space);
        bc_buf_putc(out, '>');
        S_write_t_text(cx, out, bc_wml_text(n), pi->text, pi->len, hole);
        bc_buf_puts(out, "</");
        if (n->ns && n->ns->prefix)
            bc_buf_printf(out, "%s:", (const char *)n->ns->prefix);
        bc_buf_puts(out, "t>");
        return;
    }
    if (!n->children) {
        bc_buf_puts(out, "/>");
        return;
    }
    bc_buf_putc(out, '>');
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "p"))
            S_paragraph(cx, out, c);
        else
            S_write(cx, out, c, pi);
    }
    bc_buf_puts(out, "</");
    if (n->ns && n->ns->prefix)
        bc_buf_printf(out, "%s:", (const char *)n->ns->prefix);
    bc_buf_puts(out, (const char *)n->name);
    bc_buf_putc(out, '>');
}

/* ---- compiling ------------------------------------------------------------ */

static void S_locate(void *closure, size_t offset, bc_diag *g)
{
    const tpl_part *p = closure;
    const tag_loc *best = NULL;
    for (size_t i = 0; i < p->loc_count; i++) {
        if (p->locs[i].offset > offset)
            break;
        best = &p->locs[i];
    }
    char place[64] = "";
    if (best)
        snprintf(place, sizeof place, _("paragraph %d"), best->para);
    bc_diag_set_part(g, p->name, best ? place : NULL);
    g->line = g->col = 0;
    if (best && best->text[0]) {
        bc_buf m = BC_BUF_INIT;
        bc_buf_printf(&m, "%s (in \"%s\")", g->msg, best->text);
        free(g->msg);
        g->msg = bc_buf_detach(&m, NULL);
    }
}

static int S_compile_part(bc_docx_tpl *t, tpl_part *part, bc_diags *d)
{
    bc_part *data = bc_package_find(&t->pkg, part->name);
    xmlDocPtr doc = data ? xmlReadMemory((const char *)data->data,
                                         (int)data->len, part->name, NULL,
                                         XML_PARSE_NONET | XML_PARSE_NOERROR |
                                             XML_PARSE_NOWARNING | XML_PARSE_HUGE)
                         : NULL;
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        bc_diag *g = bc_diag_add(d, BC_ERROR, t->name, e ? e->line : 0, 0,
                                 _("the part is not well-formed XML: %s"),
                                 e && e->message ? e->message : "?");
        bc_diag_set_part(g, part->name, NULL);
        if (g->msg[strlen(g->msg) - 1] == '\n')
            g->msg[strlen(g->msg) - 1] = '\0';
        return -1;
    }
    compile_ctx cx;
    memset(&cx, 0, sizeof cx);
    cx.t = t;
    cx.part = part;
    cx.d = d;
    bc_buf_puts(&cx.src, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (bc_wml_is(root, "p"))
        S_paragraph(&cx, &cx.src, root);
    else
        S_write(&cx, &cx.src, root, NULL);
    xmlFreeDoc(doc);
    if (cx.failed) {
        bc_buf_free(&cx.src);
        return -1;
    }
    bc_mopts mo;
    memset(&mo, 0, sizeof mo);
    mo.name = t->name;
    mo.locate = S_locate;
    mo.locate_closure = part;
    mo.host_sigil = '@';
    part->prog = bc_mtpl_compile(cx.src.data, cx.src.len, &mo, d);
    bc_buf_free(&cx.src);
    return part->prog ? 0 : -1;
}

bc_docx_tpl *bc_docx_tpl_compile(const bc_package *pkg, const char *name,
                                 bc_diags *d)
{
    bc_docx_tpl *t = bc_xcalloc(1, sizeof *t);
    t->name = bc_xstrdup(name);
    bc_package_copy(&t->pkg, pkg);
    bc_opc_make_document(&t->pkg);
    t->main_part = bc_opc_main_document(&t->pkg);
    if (!t->main_part || !bc_package_find(&t->pkg, t->main_part)) {
        bc_diag_add(d, BC_ERROR, name, 0, 0, "%s",
                    _("not a Word document: no main document part"));
        bc_docx_tpl_free(t);
        return NULL;
    }
    bc_styles_load(&t->styles, &t->pkg, t->main_part);
    t->parts = bc_xcalloc(t->pkg.count, sizeof *t->parts);
    bool ok = true;
    for (size_t i = 0; i < t->pkg.count; i++) {
        const char *pn = t->pkg.parts[i].name;
        char *ct = bc_opc_content_type(&t->pkg, pn);
        bool text = bc_opc_is_text_part(ct);
        free(ct);
        if (!text)
            continue;
        tpl_part *part = &t->parts[t->part_count++];
        part->name = bc_xstrdup(pn);
        part->is_main = strcmp(pn, t->main_part) == 0;
        if (S_compile_part(t, part, d) != 0)
            ok = false;
    }
    if (!ok) {
        bc_docx_tpl_free(t);
        return NULL;
    }
    bc_buf zip = BC_BUF_INIT;
    if (bc_package_write(&t->pkg, (bc_zip_date){1980, 1, 1}, 9, &zip, d) != 0) {
        bc_buf_free(&zip);
        bc_docx_tpl_free(t);
        return NULL;
    }
    t->base_zip = (unsigned char *)bc_buf_detach(&zip, &t->base_len);
    return t;
}

const bc_package *bc_docx_tpl_package(const bc_docx_tpl *t)
{
    return &t->pkg;
}

const unsigned char *bc_docx_tpl_base_zip(const bc_docx_tpl *t, size_t *len)
{
    *len = t->base_len;
    return t->base_zip;
}

void bc_docx_tpl_free(bc_docx_tpl *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->part_count; i++) {
        tpl_part *p = &t->parts[i];
        bc_mtpl_free(p->prog);
        for (size_t b = 0; b < p->block_count; b++) {
            free(p->blocks[b].pre);
            free(p->blocks[b].post);
            free(p->blocks[b].rpr);
            free(p->blocks[b].name);
        }
        free(p->blocks);
        for (size_t l = 0; l < p->loc_count; l++)
            free(p->locs[l].text);
        free(p->locs);
        free(p->name);
    }
    free(t->parts);
    free(t->base_zip);
    bc_styles_free(&t->styles);
    bc_package_free(&t->pkg);
    free(t->main_part);
    free(t->name);
    free(t);
}

void bc_docx_tpl_visit(const bc_docx_tpl *t, bc_mvisit_fn fn, void *closure)
{
    for (size_t i = 0; i < t->part_count; i++)
        bc_mtpl_visit(t->parts[i].prog, fn, closure);
}

/* ---- rendering ------------------------------------------------------------- */

typedef struct render_ctx {
    const bc_docx_tpl *t;
    const tpl_part *part;
    const bc_mdata *data;
    bc_diags *d;
    /* The main part's body paragraphs are kept aside while the layout pass
     * measures the rest (it has nothing to measure in them), then spliced
     * back at their "<?baocao-body N?>" placeholders. */
    bc_buf *bodies;
    size_t nbodies;
} render_ctx;

#define BC_BODY_PI "<?baocao-body "


static int S_escape_checked(render_ctx *rc, bc_buf *out, const char *s,
                            size_t n, const char *name)
{
    unsigned cp = bc_mustache_escape_xml(out, s, n, false);
    if (!cp)
        return 0;
    bc_diag *g = bc_diag_add(rc->d, BC_ERROR, rc->t->name, 0, 0,
                             _("the value of `%s` contains the control "
                               "character U+%04X, which a document cannot hold"),
                             name, cp);
    bc_diag_set_part(g, rc->part->name, NULL);
    return -1;
}

/* Run properties: the template run's, plus bold/italic of an emphasis,
 * in schema order (rStyle and rFonts come before b and i). */
static void S_write_rpr(bc_buf *out, const char *base, bool bold, bool italic)
{
    if (!*base && !bold && !italic)
        return;
    bc_buf_puts(out, "<w:rPr>");
    const char *rest = base;
    /* keep leading rStyle / rFonts elements in front */
    for (;;) {
        if (strncmp(rest, "<w:rStyle", 9) == 0 || strncmp(rest, "<w:rFonts", 9) == 0) {
            const char *end = strstr(rest, "/>");
            const char *gt = strchr(rest, '>');
            if (!end || !gt)
                break;
            if (gt < end) { /* not self-closing */
                const char *close = strstr(rest, "</w:");
                end = close ? strchr(close, '>') : NULL;
                if (!end)
                    break;
                end += 1;
            } else {
                end += 2;
            }
            bc_buf_put(out, rest, (size_t)(end - rest));
            rest = end;
            continue;
        }
        break;
    }
    if (bold && !strstr(rest, "<w:b/>"))
        bc_buf_puts(out, "<w:b/><w:bCs/>");
    if (italic && !strstr(rest, "<w:i/>"))
        bc_buf_puts(out, "<w:i/><w:iCs/>");
    bc_buf_puts(out, rest);
    bc_buf_puts(out, "</w:rPr>");
}

static int S_write_run(render_ctx *rc, bc_buf *out, const block *bl,
                       const char *s, size_t n, bool bold, bool italic)
{
    if (n == 0)
        return 0;
    bc_buf_puts(out, "<w:r>");
    S_write_rpr(out, bl->rpr, bold, italic);
    bc_buf_puts(out, "<w:t xml:space=\"preserve\">");
    int rc_ = S_escape_checked(rc, out, s, n, bl->name);
    bc_buf_puts(out, "</w:t></w:r>");
    return rc_;
}

/* The report body: one paragraph per markup block, in the block kind's
 * style; the last two keep with the next paragraph (the signature). */
static int S_write_body(render_ctx *rc, bc_buf *out, const block *bl,
                        const char *text, size_t len)
{
    if (rc->part->is_main) {
        rc->bodies = bc_xrealloc(rc->bodies, (rc->nbodies + 1) * sizeof *rc->bodies);
        bc_buf *aside = &rc->bodies[rc->nbodies];
        memset(aside, 0, sizeof *aside);
        char pi[48];
        snprintf(pi, sizeof pi, BC_BODY_PI "%zu?>", rc->nbodies++);
        bc_buf_puts(out, pi);
        out = aside;
    }
    bc_body body;
    bc_body_parse(text, len, &body);
    int status = 0;
    for (size_t i = 0; i < body.count; i++) {
        const bc_block *b = &body.blocks[i];
        bc_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"");
        bc_buf_puts(out, bc_block_style_ids[b->kind]);
        bc_buf_puts(out, i + 2 >= body.count ? "\"/><w:keepNext/></w:pPr>"
                                             : "\"/></w:pPr>");
        size_t pos = 0;
        for (size_t k = 0; k < b->span_count; k++) {
            const bc_span *sp = &b->spans[k];
            status |= S_write_run(rc, out, bl, b->text + pos, sp->start - pos,
                                  false, false);
            status |= S_write_run(rc, out, bl, b->text + sp->start, sp->len,
                                  sp->bold, sp->italic);
            pos = sp->start + sp->len;
        }
        status |= S_write_run(rc, out, bl, b->text + pos, b->len - pos, false,
                              false);
        bc_buf_puts(out, "</w:p>");
    }
    bc_body_free(&body);
    return status ? -1 : 0;
}

static int S_host(void *closure, bc_buf *out, const void *value,
                  const char *arg, size_t arg_len)
{
    render_ctx *rc = closure;
    size_t idx = (size_t)strtoul(arg, NULL, 10);
    (void)arg_len;
    if (idx >= rc->part->block_count)
        return -1;
    const block *bl = &rc->part->blocks[idx];
    const bc_mdata *md = rc->data;
    bc_mv_kind kind = value ? md->kind(md->closure, value) : BC_MV_MISSING;
    if (kind == BC_MV_LIST) {
        size_t n = md->count(md->closure, value);
        int status = 0;
        for (size_t i = 0; i < n; i++) {
            const void *item = md->item(md->closure, value, i);
            size_t len = 0;
            const char *s = item ? md->text(md->closure, item, &len) : "";
            bc_buf_puts(out, bl->pre);
            status |= S_escape_checked(rc, out, s ? s : "", len, bl->name);
            bc_buf_puts(out, bl->post);
        }
        return status ? -1 : 0;
    }
    size_t len = 0;
    const char *s = value ? md->text(md->closure, value, &len) : "";
    if (!s)
        s = "", len = 0;
    if (strcmp(bl->name, "noi_dung") == 0 && kind == BC_MV_SCALAR)
        return S_write_body(rc, out, bl, s, len);
    bc_buf_puts(out, bl->pre);
    int status = S_escape_checked(rc, out, s, len, bl->name);
    bc_buf_puts(out, bl->post);
    return status;
}

/* Puts the body paragraphs back at their placeholders. */
static void S_splice_bodies(bc_buf *xml, bc_buf *bodies, size_t n)
{
    bc_buf out = BC_BUF_INIT;
    bc_buf_reserve(&out, xml->len + 1024);
    const char *s = bc_buf_cstr(xml);
    for (;;) {
        const char *pi = strstr(s, BC_BODY_PI);
        if (!pi) {
            bc_buf_puts(&out, s);
            break;
        }
        bc_buf_put(&out, s, (size_t)(pi - s));
        size_t k = strtoul(pi + strlen(BC_BODY_PI), NULL, 10);
        if (k < n)
            bc_buf_put(&out, bc_buf_cstr(&bodies[k]), bodies[k].len);
        const char *end = strstr(pi, "?>");
        s = end ? end + 2 : pi + strlen(pi);
    }
    bc_buf_free(xml);
    *xml = out;
}

int bc_docx_tpl_render(const bc_docx_tpl *t, const bc_mdata *data,
                       const void *root, const bc_docx_render_opts *opts,
                       bc_package *out, bc_diags *d)
{
    int status = 0;
    for (size_t i = 0; i < t->part_count; i++) {
        const tpl_part *part = &t->parts[i];
        render_ctx rc = {t, part, data, d, NULL, 0};
        bc_mapply ap;
        memset(&ap, 0, sizeof ap);
        ap.data = data;
        ap.root = root;
        ap.escape = bc_mustache_escape_xml;
        ap.lenient = opts && opts->lenient;
        ap.host = S_host;
        ap.host_closure = &rc;
        ap.diags = d;
        bc_buf xml = BC_BUF_INIT;
        int rc_apply = bc_mtpl_apply(part->prog, &ap, &xml);
        if (rc_apply == 0 && part->is_main &&
            bc_wml_layout(&xml, &t->styles, part->name, d) != 0)
            rc_apply = -1;
        if (rc_apply == 0 && rc.nbodies)
            S_splice_bodies(&xml, rc.bodies, rc.nbodies);
        for (size_t k = 0; k < rc.nbodies; k++)
            bc_buf_free(&rc.bodies[k]);
        free(rc.bodies);
        if (rc_apply != 0) {
            bc_buf_free(&xml);
            status = -1;
            continue;
        }
        size_t len;
        char *bytes = bc_buf_detach(&xml, &len);
        bc_package_put(out, part->name, (unsigned char *)bytes, len);
    }
    return status;
}
