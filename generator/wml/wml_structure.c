/*
 * wml_structure.c - where the section tags of a part go (see wml_scan.h).
 *
 * Mustache removes a line holding only section, inverted, closing or
 * comment tags; in Word a "line" is a paragraph, a table row or a list
 * item. So:
 *  - a paragraph holding only such tags (and spaces, tabs, page breaks)
 *    is standalone: the tags replace it (a section break or page break in
 *    it is kept, on the side of the tags where it was);
 *  - a table row whose cells hold only such tags and empty paragraphs is
 *    standalone: the tags replace the row;
 *  - open and close in one paragraph repeat the runs between them, except
 *    in a list item that they wrap whole, which repeats;
 *  - open at the start of a paragraph (or standalone) and close at the
 *    end of a later paragraph (or standalone) of the same body, cell or
 *    text box repeat those paragraphs (list items included);
 *  - open at the start of a row's first cell and close at the end of a
 *    row's last cell (or standalone rows) of one table repeat the rows;
 *  - a placement suffix on the open tag says it explicitly: {{#x:row}},
 *    {{#x:paragraph}}, {{#x:item}} (the same, for list items),
 *    {{#x:runs}}; the close may repeat it.
 * Anything else is an error naming both places (T006), never a document
 * cut across its structure. Ids: T004 a close with no open, T005 an open
 * never closed, T006 the two ends at different levels, T007 a placement
 * suffix that does not fit.
 */
#include "wml/wml_scan.h"
#include "wml/wml_markers.h"
#include "base/xalloc.h"
#include "base/i18n.h"

#include <stdlib.h>
#include <string.h>

static bool S_section(char sigil)
{
    return sigil == '#' || sigil == '^';
}

/* A tag that outputs nothing by itself. */
static bool S_silent(char sigil)
{
    return sigil == '#' || sigil == '^' || sigil == '/' || sigil == '!';
}

static size_t S_blank_at(const char *t, size_t i, size_t n)
{
    if (t[i] == ' ' || t[i] == '\t' || t[i] == BC_MARK_PAGE ||
        t[i] == BC_MARK_EDGE)
        return 1;
    if (i + 1 < n && (unsigned char)t[i] == 0xC2 && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* True when text[from, to) of paragraph p holds only blanks and tags whose
 * place is one of the two given. */
static bool S_only(const bc_scan *s, const bc_spara *p, size_t from, size_t to,
                   bc_tplace a, bc_tplace b)
{
    size_t i = from;
    while (i < to) {
        bool in_tag = false;
        for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++) {
            const bc_stag *g = &s->tags[k];
            if (g->start == i) {
                if (g->place != a && g->place != b)
                    return false;
                i = g->end;
                in_tag = true;
                break;
            }
        }
        if (in_tag)
            continue;
        size_t adv = S_blank_at(p->text, i, p->len);
        if (!adv)
            return false;
        i += adv;
    }
    return true;
}

static bool S_at_start(const bc_scan *s, const bc_stag *g)
{
    return S_only(s, &s->paras[g->para], 0, g->start, BC_TP_BEFORE_P,
                  BC_TP_BEFORE_TR);
}

static bool S_at_end(const bc_scan *s, const bc_stag *g)
{
    const bc_spara *p = &s->paras[g->para];
    return S_only(s, p, g->end, p->len, BC_TP_AFTER_P, BC_TP_AFTER_TR);
}

/* The open tag starts its row: first in the row's first cell, in a row of
 * two cells or more. */
static bool S_row_start(const bc_scan *s, const bc_stag *g)
{
    const bc_spara *p = &s->paras[g->para];
    return p->row >= 0 && p->row_first && s->rows[p->row].cells >= 2 &&
           S_only(s, p, 0, g->start, BC_TP_BEFORE_TR, BC_TP_BEFORE_TR);
}

static bool S_row_end(const bc_scan *s, const bc_stag *g)
{
    const bc_spara *p = &s->paras[g->para];
    return p->row >= 0 && p->row_last && s->rows[p->row].cells >= 2 &&
           S_only(s, p, g->end, p->len, BC_TP_AFTER_TR, BC_TP_AFTER_TR);
}

/* ---- standalone paragraphs and rows ---------------------------------------- */

static void S_standalone(bc_scan *s)
{
    for (size_t i = 0; i < s->npara; i++) {
        bc_spara *p = &s->paras[i];
        if (!p->ntags)
            continue;
        bool silent = true;
        for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++)
            silent &= S_silent(s->tags[k].sigil);
        if (!silent || !S_only(s, p, 0, p->len, BC_TP_INLINE, BC_TP_INLINE))
            continue;
        p->standalone = true;
        const char *page = memchr(p->text, BC_MARK_PAGE, p->len);
        if (page) {
            p->keep = true;
            p->break_first = (size_t)(page - p->text) < s->tags[p->tag0].start;
        }
        for (size_t k = p->tag0; k < p->tag0 + p->ntags; k++)
            s->tags[k].place = BC_TP_PARA;
    }
    for (size_t r = 0; r < s->nrows; r++) {
        bc_srow *row = &s->rows[r];
        if (row->nested || row->tag0 == row->tag_end)
            continue;
        bool ok = true;
        for (size_t i = 0; i < s->npara && ok; i++) {
            const bc_spara *p = &s->paras[i];
            if (p->tr != row->tr)
                continue;
            if (p->ntags ? !p->standalone
                         : !S_only(s, p, 0, p->len, BC_TP_INLINE, BC_TP_INLINE))
                ok = false;
        }
        if (!ok)
            continue;
        row->standalone = true;
        for (size_t k = row->tag0; k < row->tag_end; k++)
            if (s->paras[s->tags[k].para].tr == row->tr)
                s->tags[k].place = BC_TP_ROW;
    }
}

/* ---- pairing ----------------------------------------------------------------- */

static void S_unclosed(bc_scan *s, bc_stag *o, const bc_stag *by)
{
    char *shown = bc_wml_scan_tag_text(s, o);
    char hint[256];
    snprintf(hint, sizeof hint,
             _("add {{/%s}} where the part to repeat or hide ends: in a "
               "paragraph of its own to repeat paragraphs"),
             o->name);
    if (by) {
        char *bys = bc_wml_scan_tag_text(s, by);
        bc_wml_scan_error(s, o->para, o, "T005", hint,
                      _("section `%s` is not closed: `%s` (%s) closes an "
                        "outer section first"),
                      shown, bys, s->paras[by->para].place);
        free(bys);
    } else {
        bc_wml_scan_error(s, o->para, o, "T005", hint,
                      _("section `%s` is not closed: no `{{/%s}}` after it"),
                      shown, o->name);
    }
    free(shown);
    o->bad = true;
}

static void S_pair(bc_scan *s)
{
    size_t *stack = bc_xmalloc((s->ntags + 1) * sizeof *stack);
    size_t depth = 0;
    for (size_t k = 0; k < s->ntags; k++) {
        bc_stag *g = &s->tags[k];
        g->parent = depth ? (long)stack[depth - 1] : -1;
        if (S_section(g->sigil)) {
            stack[depth++] = k;
            continue;
        }
        if (g->sigil != '/')
            continue;
        size_t at = depth;
        while (at > 0 && strcmp(s->tags[stack[at - 1]].name, g->name) != 0)
            at--;
        if (at == 0) {
            char *shown = bc_wml_scan_tag_text(s, g);
            char hint[256];
            snprintf(hint, sizeof hint,
                     _("delete this tag, or add {{#%s}} where the part to "
                       "repeat or hide begins"),
                     g->name);
            if (depth) {
                const bc_stag *o = &s->tags[stack[depth - 1]];
                char *os = bc_wml_scan_tag_text(s, o);
                bc_wml_scan_error(s, g->para, g, "T004", hint,
                              _("`%s` closes a section that is not open (the "
                                "open one is `%s`, %s)"),
                              shown, os, s->paras[o->para].place);
                free(os);
            } else {
                bc_wml_scan_error(s, g->para, g, "T004", hint,
                              _("`%s` closes a section that is not open"),
                              shown);
            }
            free(shown);
            g->bad = true;
            continue;
        }
        while (depth > at)
            S_unclosed(s, &s->tags[stack[--depth]], g);
        size_t o = stack[--depth];
        s->tags[o].match = (long)k;
        g->match = (long)o;
        g->parent = depth ? (long)stack[depth - 1] : -1;
    }
    while (depth > 0)
        S_unclosed(s, &s->tags[stack[--depth]], NULL);
    free(stack);
}

/* ---- placement -------------------------------------------------------------- */

static void S_levels_error(bc_scan *s, bc_stag *o, const bc_stag *c,
                           const char *hint)
{
    char *os = bc_wml_scan_tag_text(s, o);
    char *cs = bc_wml_scan_tag_text(s, c);
    bc_wml_scan_error(s, o->para, o, "T006", hint,
                  _("`%s` opens here and `%s` closes it in %s: the two ends "
                    "are at different levels"),
                  os, cs, s->paras[c->para].place);
    free(os);
    free(cs);
    o->bad = true;
}

static void S_suffix_error(bc_scan *s, bc_stag *o, const bc_stag *c,
                           const char *msg, const char *hint)
{
    char *os = bc_wml_scan_tag_text(s, o);
    char *cs = bc_wml_scan_tag_text(s, c);
    bc_wml_scan_error(s, o->para, o, "T007", hint, msg, os, cs,
                  s->paras[c->para].place);
    free(os);
    free(cs);
    o->bad = true;
}

static bc_tplace S_or(const bc_stag *g, bc_tplace keep, bc_tplace other)
{
    return g->place == keep ? keep : other;
}

static void S_place(bc_scan *s, bc_stag *o, bc_stag *c)
{
    const bc_spara *po = &s->paras[o->para], *pc = &s->paras[c->para];
    bc_tov ov = o->ov;
    if (c->ov && c->ov != ov) {
        S_suffix_error(s, o, c,
                       _("`%s` and its close `%s` (%s) ask for different "
                         "placements"),
                       _("write the placement on the open tag only"));
        return;
    }
    switch (ov) {
    case BC_OV_ROW:
        if (!po->tr || !pc->tr || po->tbl != pc->tbl) {
            S_suffix_error(s, o, c,
                           _("`%s` repeats table rows, but its close `%s` "
                             "(%s) is not in a row of the same table"),
                           _("put both tags in rows of one table, or remove "
                             ":row"));
            return;
        }
        o->place = S_or(o, BC_TP_ROW, BC_TP_BEFORE_TR);
        c->place = S_or(c, BC_TP_ROW, BC_TP_AFTER_TR);
        return;
    case BC_OV_PARAGRAPH:
    case BC_OV_ITEM:
        if (po->container != pc->container || o->place == BC_TP_ROW ||
            c->place == BC_TP_ROW) {
            S_suffix_error(s, o, c,
                           _("`%s` repeats paragraphs, but its close `%s` "
                             "(%s) is not in the same body, cell or text box"),
                           _("put both tags in paragraphs of the same body, "
                             "cell or text box"));
            return;
        }
        o->place = S_or(o, BC_TP_PARA, BC_TP_BEFORE_P);
        c->place = S_or(c, BC_TP_PARA, BC_TP_AFTER_P);
        return;
    case BC_OV_RUNS:
        if (o->para != c->para) {
            S_suffix_error(s, o, c,
                           _("`%s` repeats text inside one paragraph, but "
                             "its close `%s` is in %s"),
                           _("put both tags in the same paragraph, or remove "
                             ":runs"));
            return;
        }
        return;
    case BC_OV_NONE:
        break;
    }
    const char *hint_levels =
        _("put both tags in paragraphs of their own in the same body, cell "
          "or text box; or first in a row's first cell and last in a row's "
          "last cell; or say it with {{#name:row}} or {{#name:paragraph}}");
    if (o->place == BC_TP_ROW || c->place == BC_TP_ROW) {
        xmlNodePtr ao = o->place == BC_TP_ROW || S_row_start(s, o) ? po->tbl : NULL;
        xmlNodePtr ac = c->place == BC_TP_ROW || S_row_end(s, c) ? pc->tbl : NULL;
        if (ao && ao == ac) {
            o->place = S_or(o, BC_TP_ROW, BC_TP_BEFORE_TR);
            c->place = S_or(c, BC_TP_ROW, BC_TP_AFTER_TR);
        } else {
            S_levels_error(s, o, c, hint_levels);
        }
        return;
    }
    if (o->para == c->para) {
        if (po->standalone)
            return;
        if (po->numbered && S_at_start(s, o) && S_at_end(s, c)) {
            o->place = BC_TP_BEFORE_P;
            c->place = BC_TP_AFTER_P;
        }
        return;
    }
    if (po->tbl && po->tbl == pc->tbl && po->tc != pc->tc && S_row_start(s, o) &&
        S_row_end(s, c)) {
        o->place = BC_TP_BEFORE_TR;
        c->place = BC_TP_AFTER_TR;
        return;
    }
    if (po->container == pc->container) {
        bool ok_o = po->standalone || S_at_start(s, o);
        bool ok_c = pc->standalone || S_at_end(s, c);
        if (ok_o && ok_c) {
            o->place = S_or(o, BC_TP_PARA, BC_TP_BEFORE_P);
            c->place = S_or(c, BC_TP_PARA, BC_TP_AFTER_P);
            return;
        }
        S_levels_error(s, o, c,
                       _("to repeat whole paragraphs, put the open tag at the "
                         "start of its paragraph and the close at the end of "
                         "its paragraph (or each in a paragraph of its own); "
                         "to repeat words, put both in one paragraph"));
        return;
    }
    S_levels_error(s, o, c, hint_levels);
}

int bc_wml_structure(bc_scan *s)
{
    size_t before = s->errors + s->quiet.errors;
    S_standalone(s);
    S_pair(s);
    for (size_t k = 0; k < s->ntags; k++) {
        bc_stag *o = &s->tags[k];
        if (S_section(o->sigil) && o->match >= 0)
            S_place(s, o, &s->tags[o->match]);
    }
    return s->errors + s->quiet.errors > before ? -1 : 0;
}
