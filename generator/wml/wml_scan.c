/*
 * wml_scan.c - paragraphs, places and tags of one template part, with
 * split-tag repair (see wml_scan.h).
 */
#include "wml/wml_scan.h"
#include "wml/wml_markers.h"
#include "base/grow.h"
#include "mustache/mustache.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "package/opc.h"
#include "base/utf8.h"
#include "wml/wml.h"

#include <libxml/parser.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BC_R_NS \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* ---- records ----------------------------------------------------------- */

static size_t S_new_para(bc_scan *s)
{
    s->paras = bc_grow(s->paras, &s->cap_para, s->npara + 1, sizeof *s->paras);
    bc_spara *p = &s->paras[s->npara];
    memset(p, 0, sizeof *p);
    p->row = -1;
    return s->npara++;
}

static size_t S_new_row(bc_scan *s)
{
    s->rows = bc_grow(s->rows, &s->cap_rows, s->nrows + 1, sizeof *s->rows);
    memset(&s->rows[s->nrows], 0, sizeof *s->rows);
    return s->nrows++;
}

/* ---- messages ------------------------------------------------------------ */

static bool S_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* True when s[i] starts a soft hyphen: U+00AD, or the mark of a
 * w:softHyphen. */
static bool S_soft_hyphen_at(const char *s, size_t i, size_t n)
{
    return s[i] == BC_MARK_SOFT_HYPHEN ||
           (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
            (unsigned char)s[i + 1] == 0xAD);
}

static void S_shown_range(bc_buf *b, const char *s, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) {
        char c = s[i];
        if (c == BC_MARK_EDGE)
            continue;
        if (S_soft_hyphen_at(s, i, to)) { /* shown where it is */
            bc_buf_putc(b, '-');
            if (c != BC_MARK_SOFT_HYPHEN)
                i++;
            continue;
        }
        bc_buf_putc(b, c == BC_MARK_BREAK || c == BC_MARK_PAGE || c == '\t' ||
                               c == '\n' || c == '\r'
                           ? ' '
                           : c);
    }
}

char *bc_wml_scan_shown(const bc_scan *s, size_t para, const bc_stag *tag)
{
    const bc_spara *p = &s->paras[para];
    const char *t = p->text ? p->text : "";
    size_t n = p->len;
    bc_buf b = BC_BUF_INIT;
    enum { AROUND = 60, WHOLE = 160 };
    size_t from = 0, to = n;
    if (tag && n > WHOLE) {
        from = tag->start > AROUND ? tag->start - AROUND : 0;
        to = tag->end + AROUND < n ? tag->end + AROUND : n;
    } else if (!tag && n > WHOLE) {
        to = WHOLE;
    }
    while (from > 0 && S_cont((unsigned char)t[from]))
        from--;
    while (to < n && S_cont((unsigned char)t[to]))
        to++;
    if (from > 0)
        bc_buf_puts(&b, "...");
    if (tag) {
        S_shown_range(&b, t, from, tag->start);
        bc_buf_puts(&b, ">>");
        S_shown_range(&b, t, tag->start, tag->end);
        bc_buf_puts(&b, "<<");
        S_shown_range(&b, t, tag->end, to);
    } else {
        S_shown_range(&b, t, from, to);
    }
    if (to < n)
        bc_buf_puts(&b, "...");
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

const bc_stag *bc_wml_scan_block_tag(const bc_scan *s, const bc_spara *p)
{
    const bc_stag *only = NULL;
    for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++) {
        const bc_stag *g = &s->tags[k];
        if (g->place != BC_TP_INLINE)
            continue;
        if (only || !(g->sigil == 0 || g->sigil == '&' || g->sigil == '{') ||
            !g->name || !g->name[0])
            return NULL;
        only = g;
    }
    if (!only)
        return NULL;
    for (size_t i = 0; i < p->len;) {
        bool skipped = false;
        for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++) {
            if (s->tags[k].start == i) {
                i = s->tags[k].end;
                skipped = true;
                break;
            }
        }
        if (skipped)
            continue;
        if (p->text[i] != ' ' && p->text[i] != '\t')
            return NULL;
        i++;
    }
    return only;
}

char *bc_wml_scan_tag_text(const bc_scan *s, const bc_stag *tag)
{
    bc_buf b = BC_BUF_INIT;
    S_shown_range(&b, s->paras[tag->para].text, tag->start, tag->end);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

bc_diag *bc_wml_scan_error(bc_scan *s, size_t para, const bc_stag *tag,
                       const char *id, const char *hint, const char *fmt, ...)
{
    const bc_spara *p = &s->paras[para];
    bc_diags *into = p->quiet ? &s->quiet : s->d;
    va_list ap;
    va_start(ap, fmt);
    bc_diag *g = bc_diag_vadd(into, BC_ERROR, s->file, 0, 0, fmt, ap);
    va_end(ap);
    bc_diag_set_part(g, s->part, p->place);
    bc_diag_set_id(g, id);
    bc_diag_set_hint(g, hint);
    char *shown = bc_wml_scan_shown(s, para, tag);
    if (shown[0]) {
        bc_buf m = BC_BUF_INIT;
        bc_buf_printf(&m, _("%s (in \"%s\")"), g->msg, shown);
        free(g->msg);
        g->msg = bc_buf_detach(&m, NULL);
    }
    free(shown);
    if (!p->quiet)
        s->errors++;
    return g;
}

/* ---- the text of a paragraph -------------------------------------------- */

typedef struct seg {
    xmlNodePtr t;     /* the w:t, NULL for a mark */
    char *text;       /* its text (malloc'd), changed by repair */
    size_t start;     /* offset in the paragraph text */
    bool changed;
} seg;

typedef struct ptext {
    seg *v;
    size_t count, cap;
    bc_buf text;
} ptext;

static bool S_is_mc(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns &&
           strcmp((const char *)n->ns->href, BC_MC_NS) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static void S_seg_add(ptext *pt, xmlNodePtr t, const char *text)
{
    pt->v = bc_grow(pt->v, &pt->cap, pt->count + 1, sizeof *pt->v);
    seg *g = &pt->v[pt->count++];
    g->t = t;
    g->text = bc_xstrdup(text);
    g->start = pt->text.len;
    g->changed = false;
    bc_buf_puts(&pt->text, text);
}

/* The mark an element stands for in the text, or 0 when it is not one. */
static char S_mark(const xmlNode *n)
{
    static const char *const breaks[] = {
        "br", "cr", "fldChar", "instrText", "sym", "drawing", "pict",
        "object", "footnoteReference", "endnoteReference", "noBreakHyphen",
        "ptab", "commentReference", "separator",
        "continuationSeparator", "delInstrText", NULL};
    if (bc_wml_is(n, "tab"))
        return '\t';
    if (bc_wml_is(n, "softHyphen"))
        return BC_MARK_SOFT_HYPHEN;
    if (bc_wml_is(n, "br")) {
        const char *type = bc_wml_attr(n, "type");
        if (type && strcmp(type, "page") == 0)
            return BC_MARK_PAGE;
    }
    for (int i = 0; breaks[i]; i++)
        if (bc_wml_is(n, breaks[i]))
            return BC_MARK_BREAK;
    return 0;
}

/* Collects the text of paragraph n's own runs (not of nested paragraphs,
 * which text boxes hold). */
static void S_collect(ptext *pt, xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_wml_is(c, "pPr") || bc_wml_is(c, "rPr") || bc_wml_is(c, "p") ||
            bc_wml_is(c, "del") || bc_wml_is(c, "moveFrom") ||
            bc_wml_is(c, "sdtPr") || bc_wml_is(c, "sdtEndPr") ||
            bc_wml_is(c, "smartTagPr") || bc_wml_is(c, "customXmlPr") ||
            bc_wml_is(c, "rt") || S_is_mc(c, "Fallback"))
            continue;
        char mark;
        if (bc_wml_is(c, "t")) {
            S_seg_add(pt, c, bc_wml_text(c));
        } else if ((mark = S_mark(c)) != 0) {
            char m[2] = {mark, '\0'};
            S_seg_add(pt, NULL, m);
        } else if (bc_wml_is(c, "fldSimple")) {
            char m[2] = {BC_MARK_EDGE, '\0'};
            S_seg_add(pt, NULL, m);
            S_collect(pt, c);
            S_seg_add(pt, NULL, m);
        } else {
            S_collect(pt, c);
        }
    }
}

static void S_ptext_free(ptext *pt)
{
    for (size_t i = 0; i < pt->count; i++)
        free(pt->v[i].text);
    free(pt->v);
    bc_buf_free(&pt->text);
    memset(pt, 0, sizeof *pt);
}

static size_t S_seg_at(const ptext *pt, size_t off)
{
    size_t k = 0;
    while (k + 1 < pt->count && pt->v[k + 1].start <= off)
        k++;
    return k;
}

typedef struct span {
    size_t start, end;
} span;

/* Moves each split tag whole into the w:t holding its "{{"; the pieces
 * go from the other w:t, and a run left with nothing goes too. Tags are
 * done last first, so the offsets of earlier ones stay valid. */
static void S_repair(ptext *pt, const span *tags, size_t ntags)
{
    bool any = false;
    for (size_t k = ntags; k-- > 0;) {
        size_t a = S_seg_at(pt, tags[k].start);
        size_t b = S_seg_at(pt, tags[k].end - 1);
        if (a == b)
            continue;
        any = true;
        seg *sa = &pt->v[a], *sb = &pt->v[b];
        size_t keep = tags[k].start - sa->start;
        bc_buf nt = BC_BUF_INIT;
        bc_buf_put(&nt, sa->text, keep);
        bc_buf_put(&nt, pt->text.data + tags[k].start,
                   tags[k].end - tags[k].start);
        bc_buf_cstr(&nt);
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
    if (!any)
        return;
    for (size_t m = 0; m < pt->count; m++) {
        seg *g = &pt->v[m];
        if (!g->changed || !g->t)
            continue;
        if (g->text[0]) {
            bc_wml_set_text(g->t, g->text);
            continue;
        }
        xmlNodePtr run = g->t->parent;
        xmlUnlinkNode(g->t);
        xmlFreeNode(g->t);
        g->t = NULL;
        bool empty = true;
        for (xmlNodePtr c = run ? run->children : NULL; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && !bc_wml_is(c, "rPr"))
                empty = false;
        if (run && bc_wml_is(run, "r") && empty) {
            xmlNodePtr up = run->parent;
            xmlUnlinkNode(run);
            xmlFreeNode(run);
            /* and a hyperlink, insertion or smart tag left empty */
            while (up && (bc_wml_is(up, "hyperlink") || bc_wml_is(up, "ins") ||
                          bc_wml_is(up, "smartTag"))) {
                bool bare = true;
                for (xmlNodePtr c = up->children; c; c = c->next)
                    if (c->type == XML_ELEMENT_NODE && !bc_wml_is(c, "smartTagPr"))
                        bare = false;
                if (!bare)
                    break;
                xmlNodePtr next_up = up->parent;
                xmlUnlinkNode(up);
                xmlFreeNode(up);
                up = next_up;
            }
        }
    }
}

/* ---- tags ------------------------------------------------------------------ */

static bool S_is_mark(char c)
{
    return c == BC_MARK_BREAK || c == BC_MARK_PAGE || c == BC_MARK_EDGE ||
           c == '\t' || c == '\n' || c == '\r';
}

/* Length of the white space at s[i] (space, tab, no-break space), or 0. */
static size_t S_space_at(const char *s, size_t i, size_t n)
{
    if (s[i] == ' ' || s[i] == '\t')
        return 1;
    if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

static void S_trim(const char **s, size_t *n)
{
    size_t k;
    while (*n && (k = S_space_at(*s, 0, *n)) != 0)
        *s += k, *n -= k;
    while (*n) {
        if ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t')
            (*n)--;
        else if (*n >= 2 && (unsigned char)(*s)[*n - 2] == 0xC2 &&
                 (unsigned char)(*s)[*n - 1] == 0xA0)
            *n -= 2;
        else
            break;
    }
}

/* A tag's name: no spaces inside, not the compiler's block tag
 * (wml_markers.h), and a data name by mustache's rule. */
static bool S_name_ok(const char *s, size_t n)
{
    if (n && s[0] == BC_MARK_HOST_SIGIL)
        return false;
    for (size_t i = 0; i < n; i++)
        if (S_space_at(s, i, n))
            return false;
    return bc_mustache_name_ok(s, n);
}

static const struct {
    const char *word;
    bc_tov ov;
} S_suffixes[] = {{"row", BC_OV_ROW},
                  {"paragraph", BC_OV_PARAGRAPH},
                  {"item", BC_OV_ITEM},
                  {"runs", BC_OV_RUNS},
                  {NULL, BC_OV_NONE}};

/* Reads the tag text[start, end) into a record. Returns false (after an
 * error) when it is malformed. */
static bool S_read_tag(bc_scan *s, size_t para, bc_stag *g)
{
    const char *text = s->paras[para].text;
    bool triple = text[g->start + 2] == '{';
    const char *in = text + g->start + (triple ? 3 : 2);
    size_t n = g->end - g->start - (triple ? 6 : 4);
    S_trim(&in, &n);
    char sigil = 0;
    if (triple)
        sigil = '{';
    else if (n && strchr("#^/!&><$=", in[0])) {
        sigil = in[0];
        in++, n--;
        S_trim(&in, &n);
    }
    g->sigil = sigil;
    char *shown = bc_wml_scan_tag_text(s, g);
    bool ok = true;
    if (sigil == '>' || sigil == '<' || sigil == '$') {
        bc_wml_scan_error(s, para, g, "T009",
                      _("copy the text in, or use a section {{#name}}...{{/name}}"),
                      _("`%s`: partials and template inheritance are not "
                        "available in .docx templates"),
                      shown);
        ok = false;
    } else if (sigil == '!') {
        g->name = bc_xstrdup("");
        g->src = bc_xstrdup("{{!}}");
    } else {
        const char *colon = NULL;
        if (sigil == '#' || sigil == '^' || sigil == '/')
            colon = memchr(in, ':', n);
        if (colon) {
            const char *w = colon + 1;
            size_t wl = n - (size_t)(w - in);
            S_trim(&w, &wl);
            for (int i = 0; S_suffixes[i].word; i++)
                if (strlen(S_suffixes[i].word) == wl &&
                    memcmp(S_suffixes[i].word, w, wl) == 0)
                    g->ov = S_suffixes[i].ov;
            n = (size_t)(colon - in);
            S_trim(&in, &n);
            if (g->ov == BC_OV_NONE) {
                bc_wml_scan_error(s, para, g, "T007",
                              _("the placements are :row, :paragraph, :item "
                                "and :runs, e.g. {{#ds:row}}"),
                              _("`%s`: unknown placement after `:`"), shown);
                g->bad = true; /* kept, so that its close pairs with it */
            }
        }
        if (ok && memchr(in, '|', n)) {
            bc_wml_scan_error(s, para, g, "T017",
                          _("prepare the value in the YAML data as it must be "
                            "shown, and write only its name in the tag, e.g. "
                            "{{ten_in_hoa}} instead of {{ten|upper}}"),
                          _("`%s`: filters (`|` after a name, as in "
                            "docxtemplater) are not supported"),
                          shown);
            ok = false;
        } else if (ok && n == 0) {
            bc_wml_scan_error(s, para, g, "T010",
                          _("write a name between the braces, e.g. {{ho_ten}}"),
                          _("`%s` names nothing"), shown);
            ok = false;
        } else if (ok && !S_name_ok(in, n)) {
            bc_wml_scan_error(s, para, g, "T010",
                          _("a name is words joined by dots, without spaces, "
                            "e.g. {{nguoi_ky.ho_ten}}"),
                          _("`%s` is not a valid name"), shown);
            ok = false;
        }
        if (ok) {
            size_t len;
            g->name = bc_utf8_nfc(in, n, &len);
            bc_buf src = BC_BUF_INIT;
            if (sigil == '{')
                bc_buf_printf(&src, "{{{%s}}}", g->name);
            else if (sigil)
                bc_buf_printf(&src, "{{%c%s}}", sigil, g->name);
            else
                bc_buf_printf(&src, "{{%s}}", g->name);
            g->src = bc_buf_detach(&src, NULL);
        }
    }
    free(shown);
    return ok;
}

/* Reports "}}" in text[from, to) that closes no tag. */
static bool S_stray_close(bc_scan *s, size_t para, size_t from, size_t to)
{
    const char *t = s->paras[para].text;
    for (size_t i = from; i + 1 < to; i++) {
        if (t[i] == '}' && t[i + 1] == '}') {
            bc_stag g = {.para = para, .start = i, .end = i + 2};
            bc_wml_scan_error(s, para, &g, "T008",
                          _("a tag starts with {{: add the missing brace, or "
                            "delete the }}"),
                          "%s", _("`}}` closes no tag"));
            return true;
        }
    }
    return false;
}

/* Finds the tags of paragraph `para`: their spans go to *out (malloc'd),
 * errors are reported. Returns the number of well-formed tags. */
static size_t S_find(bc_scan *s, size_t para, span **out, bool *bad)
{
    const char *t = s->paras[para].text;
    size_t n = s->paras[para].len;
    span *v = NULL;
    size_t count = 0, cap = 0, i = 0;
    *bad = false;
    while (i < n) {
        const char *open = strstr(t + i, "{{");
        size_t p = open ? (size_t)(open - t) : n;
        if (p > n)
            p = n;
        if (S_stray_close(s, para, i, p))
            *bad = true;
        if (p >= n)
            break;
        bool triple = p + 2 < n && t[p + 2] == '{';
        const char *closer = triple ? "}}}" : "}}";
        const char *close = strstr(t + p + 2, closer);
        const char *next = strstr(t + p + 2, "{{");
        if (!close || (next && next < close)) {
            size_t end = next ? (size_t)(next - t) : n;
            bc_stag g = {.para = para, .start = p, .end = end};
            char *shown = bc_wml_scan_tag_text(s, &g);
            bc_wml_scan_error(s, para, &g, "T001",
                          _("a tag must start and end in the same paragraph: "
                            "type it again in one go, e.g. {{ho_ten}}"),
                          _("tag `%s` is not closed in this paragraph"), shown);
            free(shown);
            *bad = true;
            i = end;
            continue;
        }
        size_t end = (size_t)(close - t) + strlen(closer);
        bool mark = false, soft = false;
        for (size_t k = p; k < end; k++) {
            mark |= S_is_mark(t[k]);
            soft |= S_soft_hyphen_at(t, k, end);
        }
        bc_stag g = {.para = para, .start = p, .end = end};
        if (soft && !mark) {
            /* Word's hyphenation or a copy from a web page or a PDF put it
             * there, and Word does not show it: the name looks right */
            char *shown = bc_wml_scan_tag_text(s, &g);
            bc_wml_scan_error(s, para, &g, "T002",
                          _("delete the tag and type it again; Word shows the "
                            "hidden hyphen with Show/Hide ¶ (Ctrl+Shift+8)"),
                          _("tag `%s` holds a soft hyphen (shown here as `-`), "
                            "which Word does not show: the name looks right but "
                            "is not"),
                          shown);
            free(shown);
            *bad = true;
        } else if (mark) {
            char *shown = bc_wml_scan_tag_text(s, &g);
            bc_wml_scan_error(s, para, &g, "T002",
                          _("delete the tag and type it again, without Tab, "
                            "Shift+Enter or a field inside"),
                          _("tag `%s` holds a tab, line break or field"), shown);
            free(shown);
            *bad = true;
        } else if (t[p + 2] == '=' || (triple && t[p + 3] == '=')) {
            char *shown = bc_wml_scan_tag_text(s, &g);
            bc_wml_scan_error(s, para, &g, "T003",
                          _("delete it: .docx templates always use {{ and }}"),
                          _("tag `%s` changes the delimiters"), shown);
            free(shown);
            *bad = true;
        } else {
            v = bc_grow(v, &cap, count + 1, sizeof *v);
            v[count++] = (span){p, end};
        }
        i = end;
    }
    *out = v;
    return count;
}

/* ---- places ------------------------------------------------------------------ */

typedef struct frame {
    char *prefix;           /* the place of the frame ("body, table 1, ...") */
    int paras;              /* paragraphs seen in it */
    int tables;             /* tables seen in it */
    int cell_paras;         /* paragraphs of the cell, -1 outside cells */
    xmlNodePtr container;
    xmlNodePtr tbl, tr, tc;
    long row;
    bool quiet;
} frame;

static void S_walk(bc_scan *s, xmlNodePtr n, frame *f);

static char *S_join(const char *prefix, const char *what)
{
    bc_buf b = BC_BUF_INIT;
    if (prefix && prefix[0])
        bc_buf_printf(&b, "%s, %s", prefix, what);
    else
        bc_buf_puts(&b, what);
    return bc_buf_detach(&b, NULL);
}

static char *S_para_place(const frame *f)
{
    if (f->cell_paras >= 0 && f->cell_paras <= 1)
        return bc_xstrdup(f->prefix);
    char what[64];
    snprintf(what, sizeof what, _("paragraph %d"), f->paras);
    return S_join(f->prefix, what);
}

/* Counts the paragraphs of a cell (block content controls included). */
static int S_count_paras(xmlNodePtr n)
{
    int k = 0;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "p"))
            k++;
        else if (bc_wml_is(c, "sdt") || bc_wml_is(c, "sdtContent") ||
                 bc_wml_is(c, "customXml"))
            k += S_count_paras(c);
    }
    return k;
}

static bool S_has_table(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "tbl"))
            return true;
        if ((bc_wml_is(c, "sdt") || bc_wml_is(c, "sdtContent") ||
             bc_wml_is(c, "customXml")) && S_has_table(c))
            return true;
    }
    return false;
}

/* The elements named `name` under n, through content controls and custom
 * XML (rows of a table, cells of a row). */
static size_t S_children(xmlNodePtr n, const char *name, xmlNodePtr **v,
                         size_t *cap, size_t count)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, name)) {
            *v = bc_grow(*v, cap, count + 1, sizeof **v);
            (*v)[count++] = c;
        } else if (bc_wml_is(c, "sdt") || bc_wml_is(c, "sdtContent") ||
                   bc_wml_is(c, "customXml")) {
            count = S_children(c, name, v, cap, count);
        }
    }
    return count;
}

/* True when a paragraph holds another one outside a text box (no valid
 * document does; the renderer would drop both). */
static bool S_nested_para(xmlNodePtr n)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE || bc_wml_is(c, "txbxContent"))
            continue;
        if (bc_wml_is(c, "p") || S_nested_para(c))
            return true;
    }
    return false;
}

static void S_paragraph(bc_scan *s, xmlNodePtr p, frame *f)
{
    size_t idx = S_new_para(s);
    size_t ordinal = idx;
    bc_spara *sp = &s->paras[idx];
    f->paras++;
    sp->p = p;
    sp->container = f->container;
    sp->tbl = f->tbl;
    sp->tr = f->tr;
    sp->tc = f->tc;
    sp->row = f->row;
    sp->index = ordinal;
    sp->quiet = f->quiet;
    sp->place = S_para_place(f);
    sp->numbered = s->styles && bc_wml_styles_para_numbered(s->styles, p);
    sp->keep = bc_wml_child(bc_wml_child(p, "pPr"), "sectPr") != NULL;

    ptext pt;
    memset(&pt, 0, sizeof pt);
    S_collect(&pt, p);
    sp->len = pt.text.len;
    sp->text = bc_xstrndup(bc_buf_cstr(&pt.text), pt.text.len);
    if (S_nested_para(p))
        bc_wml_scan_error(s, idx, NULL, "T014",
                          _("open the template in Word and save it again (Word "
                            "writes each paragraph on its own)"),
                          "%s",
                          _("a paragraph inside a paragraph, which no valid "
                            "document holds; its text would be lost"));
    span *spans = NULL;
    bool bad = false;
    size_t nspans = S_find(s, idx, &spans, &bad);
    S_repair(&pt, spans, nspans);
    S_ptext_free(&pt);
    S_collect(&pt, p); /* after repair: every tag inside one w:t */

    size_t tag0 = s->ntags;
    for (size_t k = 0; k < nspans; k++) {
        s->tags = bc_grow(s->tags, &s->cap_tags, s->ntags + 1, sizeof *s->tags);
        bc_stag *g = &s->tags[s->ntags];
        memset(g, 0, sizeof *g);
        g->para = idx;
        g->start = spans[k].start;
        g->end = spans[k].end;
        g->match = g->parent = -1;
        size_t a = S_seg_at(&pt, g->start);
        g->t = pt.v[a].t;
        g->t_off = g->start - pt.v[a].start;
        if (!S_read_tag(s, idx, g)) {
            free(g->name);
            free(g->src);
            bad = true;
            continue;
        }
        s->ntags++;
    }
    sp = &s->paras[idx];
    sp->tag0 = tag0;
    sp->ntags = s->ntags - tag0;
    free(spans);
    S_ptext_free(&pt);
    (void)bad;
    /* text boxes anchored in the paragraph */
    S_walk(s, p, f);
}

static void S_table(bc_scan *s, xmlNodePtr tbl, frame *f)
{
    f->tables++;
    int tno = f->tables;
    xmlNodePtr *rows = NULL, *cells = NULL;
    size_t rcap = 0, ccap = 0;
    size_t nrows = S_children(tbl, "tr", &rows, &rcap, 0);
    for (size_t r = 0; r < nrows; r++) {
        size_t ri = S_new_row(s);
        size_t ncells = S_children(rows[r], "tc", &cells, &ccap, 0);
        s->rows[ri].tr = rows[r];
        s->rows[ri].tbl = tbl;
        s->rows[ri].cells = ncells;
        s->rows[ri].tag0 = s->ntags;
        size_t para0 = s->npara;
        for (size_t c = 0; c < ncells; c++) {
            char what[96];
            snprintf(what, sizeof what, _("table %d, row %zu, cell %zu"), tno,
                     r + 1, c + 1);
            frame cf;
            memset(&cf, 0, sizeof cf);
            cf.prefix = S_join(f->prefix, what);
            cf.cell_paras = S_count_paras(cells[c]);
            cf.container = cells[c];
            cf.tbl = tbl;
            cf.tr = rows[r];
            cf.tc = cells[c];
            cf.row = (long)ri;
            cf.quiet = f->quiet;
            if (S_has_table(cells[c]))
                s->rows[ri].nested = true;
            S_walk(s, cells[c], &cf);
            free(cf.prefix);
        }
        s->rows[ri].tag_end = s->ntags;
        /* the first paragraph of the first cell, the last of the last */
        long first = -1, last = -1;
        for (size_t k = para0; k < s->npara; k++) {
            if (s->paras[k].tr != rows[r])
                continue;
            if (first < 0 && ncells && s->paras[k].tc == cells[0])
                first = (long)k;
            if (ncells && s->paras[k].tc == cells[ncells - 1])
                last = (long)k;
        }
        if (first >= 0)
            s->paras[first].row_first = true;
        if (last >= 0)
            s->paras[last].row_last = true;
    }
    free(rows);
    free(cells);
}

static void S_walk(bc_scan *s, xmlNodePtr n, frame *f)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_wml_is(c, "p")) {
            S_paragraph(s, c, f);
        } else if (bc_wml_is(c, "tbl")) {
            S_table(s, c, f);
        } else if (S_is_mc(c, "Fallback")) {
            bool q = f->quiet;
            f->quiet = true;
            S_walk(s, c, f);
            f->quiet = q;
        } else if (bc_wml_is(c, "txbxContent")) {
            if (!f->quiet)
                s->text_boxes++;
            char what[64];
            snprintf(what, sizeof what, _("text box %d"), s->text_boxes);
            frame tf;
            memset(&tf, 0, sizeof tf);
            tf.prefix = S_join(s->words, what);
            tf.cell_paras = -1;
            tf.container = c;
            tf.row = -1;
            tf.quiet = f->quiet;
            S_walk(s, c, &tf);
            free(tf.prefix);
        } else if (bc_wml_is(c, "comment") && bc_wml_attr(c, "author") &&
                   strcmp(bc_wml_attr(c, "author"), "baocao") == 0) {
            continue; /* `template check --annotate` wrote it */
        } else if (bc_wml_is(c, "footnote") || bc_wml_is(c, "endnote") ||
                   bc_wml_is(c, "comment")) {
            const char *id = bc_wml_attr(c, "id");
            char what[64];
            snprintf(what, sizeof what,
                     bc_wml_is(c, "footnote") ? _("footnote %s")
                     : bc_wml_is(c, "endnote") ? _("endnote %s")
                                               : _("comment %s"),
                     id ? id : "?");
            frame nf;
            memset(&nf, 0, sizeof nf);
            nf.prefix = bc_xstrdup(what);
            nf.cell_paras = -1;
            nf.container = c;
            nf.row = -1;
            nf.quiet = f->quiet;
            S_walk(s, c, &nf);
            free(nf.prefix);
        } else if (bc_wml_is(c, "sdtContent") || bc_wml_is(c, "customXml")) {
            xmlNodePtr keep = f->container;
            f->container = c;
            S_walk(s, c, f);
            f->container = keep;
        } else {
            S_walk(s, c, f);
        }
    }
}

int bc_wml_scan_part(bc_scan *s, xmlNodePtr root)
{
    frame f;
    memset(&f, 0, sizeof f);
    f.prefix = bc_xstrdup(s->words ? s->words : "");
    f.cell_paras = -1;
    f.container = root;
    f.row = -1;
    if (bc_wml_is(root, "p"))
        S_paragraph(s, root, &f);
    else
        S_walk(s, root, &f);
    free(f.prefix);
    return s->errors || s->quiet.errors ? -1 : 0;
}

void bc_wml_scan_bind(bc_scan *s)
{
    for (size_t i = 0; i < s->npara; i++)
        s->paras[i].p->_private = &s->paras[i];
    for (size_t i = 0; i < s->nrows; i++)
        s->rows[i].tr->_private = &s->rows[i];
    /* the w:t holding tags, each with its run of tags */
    s->ntexts = 0;
    for (size_t k = 0; k < s->ntags; k++) {
        xmlNodePtr t = s->tags[k].t;
        if (!t)
            continue;
        if (s->ntexts && s->texts[s->ntexts - 1].t == t) {
            s->texts[s->ntexts - 1].ntags++;
            continue;
        }
        s->texts = bc_grow(s->texts, &s->cap_texts, s->ntexts + 1,
                          sizeof *s->texts);
        s->texts[s->ntexts++] = (bc_stext){t, k, 1};
    }
    for (size_t i = 0; i < s->ntexts; i++)
        s->texts[i].t->_private = &s->texts[i];
}

void bc_wml_scan_finish(bc_scan *s)
{
    if (s->errors == 0 && s->quiet.errors)
        bc_diags_take(s->d, &s->quiet);
}

void bc_wml_scan_free(bc_scan *s)
{
    for (size_t i = 0; i < s->npara; i++) {
        if (s->paras[i].p)
            s->paras[i].p->_private = NULL;
        free(s->paras[i].place);
        free(s->paras[i].text);
    }
    for (size_t i = 0; i < s->nrows; i++)
        s->rows[i].tr->_private = NULL;
    for (size_t i = 0; i < s->ntexts; i++)
        s->texts[i].t->_private = NULL;
    for (size_t k = 0; k < s->ntags; k++) {
        free(s->tags[k].name);
        free(s->tags[k].src);
    }
    free(s->paras);
    free(s->tags);
    free(s->rows);
    free(s->texts);
    bc_diags_free(&s->quiet);
    memset(s, 0, sizeof *s);
}

/* ---- the part in words ---------------------------------------------------- */

static void S_find_refs(xmlNodePtr n, const bc_package *pkg, const char *main,
                        const char *part, bool header, int *section,
                        char **found)
{
    for (xmlNodePtr c = n->children; c && !*found; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (!bc_wml_is(c, "sectPr")) {
            S_find_refs(c, pkg, main, part, header, section, found);
            continue;
        }
        (*section)++;
        for (xmlNodePtr r = c->children; r && !*found; r = r->next) {
            if (!bc_wml_is(r, header ? "headerReference" : "footerReference"))
                continue;
            const char *id = NULL;
            for (xmlAttrPtr a = r->properties; a; a = a->next)
                if (a->ns && strcmp((const char *)a->ns->href, BC_R_NS) == 0 &&
                    strcmp((const char *)a->name, "id") == 0 && a->children)
                    id = (const char *)a->children->content;
            char *target = id ? bc_opc_target(pkg, main, id) : NULL;
            if (target && strcmp(target, part) == 0) {
                const char *type = bc_wml_attr(r, "type");
                const char *fmt;
                if (type && strcmp(type, "first") == 0)
                    fmt = header ? _("first-page header of section %d")
                                 : _("first-page footer of section %d");
                else if (type && strcmp(type, "even") == 0)
                    fmt = header ? _("even-page header of section %d")
                                 : _("even-page footer of section %d");
                else
                    fmt = header ? _("header of section %d")
                                 : _("footer of section %d");
                bc_buf b = BC_BUF_INIT;
                bc_buf_printf(&b, fmt, *section);
                *found = bc_buf_detach(&b, NULL);
            }
            free(target);
        }
    }
}

char *bc_wml_scan_part_words(const bc_package *pkg, const char *main_part,
                         const char *part, const char *content_type)
{
    if (main_part && strcmp(part, main_part) == 0)
        return bc_xstrdup(_("body"));
    const char *kind = content_type && strncmp(content_type, BC_CT_WML,
                                                strlen(BC_CT_WML)) == 0
                           ? content_type + strlen(BC_CT_WML)
                           : "";
    if (strcmp(kind, "footnotes+xml") == 0)
        return bc_xstrdup(_("footnotes"));
    if (strcmp(kind, "endnotes+xml") == 0)
        return bc_xstrdup(_("endnotes"));
    if (strcmp(kind, "comments+xml") == 0)
        return bc_xstrdup(_("comments"));
    bool header = strcmp(kind, "header+xml") == 0;
    bool footer = strcmp(kind, "footer+xml") == 0;
    char *found = NULL;
    bc_part *m = main_part && (header || footer) ? bc_package_find(pkg, main_part)
                                                 : NULL;
    xmlDocPtr doc = m ? xmlReadMemory((const char *)m->data, (int)m->len,
                                      main_part, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR |
                                          XML_PARSE_NOWARNING)
                      : NULL;
    if (doc) {
        int section = 0;
        S_find_refs(xmlDocGetRootElement(doc), pkg, main_part, part, header,
                    &section, &found);
        xmlFreeDoc(doc);
    }
    if (found)
        return found;
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, header ? _("header %s") : footer ? _("footer %s") : "%s",
                  part);
    return bc_buf_detach(&b, NULL);
}
