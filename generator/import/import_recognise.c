/*
 * import_recognise.c - from the read document's blocks to the report's
 * keys (import_recognise.h).
 *
 * The blocks are first laid out in reading order as items: a table
 * without borders (the header's, the signature's) gives its cells'
 * paragraphs one after the other, a table with borders stays a table.
 * The items then fall into regions: the header (before the type name),
 * the type name and the summary, an addressee block, the body, the
 * closing (from "Nơi nhận:"), and the appendices (from a line "Phụ lục
 * ..." standing alone).
 */
#include "import/import_recognise.h"

#include "base/buf.h"
#include "base/grow.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "import/import_case.h"
#include "import/import_closing.h"
#include "import/import_header.h"
#include "import/import_period.h"
#include "import/import_text.h"
#include "import/import_words.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const bc_import_para *para;   /* or NULL for a table */
    const bc_import_table *table;
    const char *plain;            /* the paragraph's text without stars */
} S_item;

typedef struct {
    S_item *items;
    size_t n, cap;
    bc_arena *a;
} S_items;

static const char *S_plain(bc_arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = bc_arena_alloc(a, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '*')
            o[k++] = s[i];
    o[k] = '\0';
    /* trim, and one space between words */
    size_t b = 0, e = k;
    while (b < e && o[b] == ' ')
        b++;
    while (e > b && o[e - 1] == ' ')
        e--;
    size_t w = 0;
    for (size_t i = b; i < e; i++) {
        if (o[i] == ' ' && w && o[w - 1] == ' ')
            continue;
        o[w++] = o[i];
    }
    o[w] = '\0';
    return o;
}

static void S_add_para(S_items *l, const bc_import_para *p)
{
    BC_GROW(l->items, l->cap, l->n + 1);
    S_item *it = &l->items[l->n++];
    it->para = p;
    it->table = NULL;
    it->plain = S_plain(l->a, p->text ? p->text : "");
}

static void S_flatten(const bc_import_doc *doc, S_items *l)
{
    for (size_t i = 0; i < doc->n_blocks; i++) {
        const bc_import_block *b = &doc->blocks[i];
        if (b->kind == BC_IMPORT_BLOCK_PARA) {
            S_add_para(l, &b->u.para);
            continue;
        }
        const bc_import_table *t = &b->u.table;
        if (t->borders) {
            BC_GROW(l->items, l->cap, l->n + 1);
            S_item *it = &l->items[l->n++];
            it->para = NULL;
            it->table = t;
            it->plain = "";
            continue;
        }
        for (size_t c = 0; c < t->rows * t->cols; c++)
            for (size_t k = 0; k < t->cells[c].n_paras; k++)
                S_add_para(l, &t->cells[c].paras[k]);
    }
}

/* ---- text that must stay text ---------------------------------------------- */

/* What a literal "{{" of the document becomes in a text template: the
 * delimiters switched away for it and back (the mustache way to write
 * one), so that rendering gives the "{{" back. */
#define S_LITERAL_OPEN "{{=<% %>=}}{{<%={{ }}=%>"

static void S_put_text(bc_buf *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '{' && i + 1 < n && s[i + 1] == '{') {
            bc_buf_puts(out, S_LITERAL_OPEN);
            i++;
            continue;
        }
        bc_buf_putc(out, s[i]);
    }
}

/* s with a literal "{{" kept literal (in a's memory; s itself when it has
 * none). */
static const char *S_literal(bc_arena *a, const char *s)
{
    if (!s || !strstr(s, "{{"))
        return s;
    bc_buf b = BC_BUF_INIT;
    S_put_text(&b, s, strlen(s));
    const char *t = bc_arena_strdup(a, bc_buf_cstr(&b));
    bc_buf_free(&b);
    return t;
}

/* ---- tables --------------------------------------------------------------- */

static void S_cell_text(const bc_import_cell *c, bool header, bc_buf *out)
{
    for (size_t k = 0; k < c->n_paras; k++) {
        const bc_import_para *p = &c->paras[k];
        if (!p->text || !*p->text)
            continue;
        bc_buf_putc(out, ' ');
        const char *mark = "";
        if (!header && p->bold && p->italic)
            mark = "***";
        else if (!header && p->bold)
            mark = "**";
        else if (!header && p->italic)
            mark = "*";
        bc_buf_puts(out, mark);
        for (const char *s = p->text; *s; s++) {
            if (*s == '|')
                bc_buf_putc(out, '\\');
            if (s[0] == '{' && s[1] == '{') {
                bc_buf_puts(out, S_LITERAL_OPEN);
                s++;
                continue;
            }
            bc_buf_putc(out, *s);
        }
        bc_buf_puts(out, mark);
    }
    bc_buf_puts(out, " |");
}

void bc_import_recognise_table(const bc_import_table *t, bc_buf *out)
{
    if (!t->rows || !t->cols)
        return;
    for (size_t row = 0; row < t->rows; row++) {
        bc_buf_putc(out, '|');
        for (size_t c = 0; c < t->cols; c++)
            S_cell_text(&t->cells[row * t->cols + c], row == 0, out);
        bc_buf_putc(out, '\n');
        if (row == 0) {
            bc_buf_putc(out, '|');
            for (size_t c = 0; c < t->cols; c++) {
                bc_import_align al = BC_IMPORT_ALIGN_LEFT;
                if (t->rows > 1) {
                    const bc_import_cell *cell = &t->cells[t->cols + c];
                    if (cell->n_paras)
                        al = cell->paras[0].align;
                }
                bc_buf_puts(out, al == BC_IMPORT_ALIGN_CENTER  ? ":---:|"
                                 : al == BC_IMPORT_ALIGN_RIGHT ? "---:|"
                                                               : "---|");
            }
            bc_buf_putc(out, '\n');
        }
    }
}

/* ---- the body ------------------------------------------------------------- */

static bool S_rule_line(const char *s)
{
    if (strlen(s) < 3)
        return false;
    for (; *s; s++)
        if (*s != '_' && *s != '-' && *s != '=' && *s != ' ')
            return false;
    return true;
}

/* One paragraph as a line of body markup: a missing space after its
 * numbering added, emphasis throughout written as stars unless the
 * numbering's kind gives it. */
static void S_body_line(const bc_import_para *p, bc_buf *out)
{
    const char *t = p->text;
    int sp = 1;
    size_t num = bc_import_text_numbering(t, &sp);
    const char *mark = "";
    if (!num && !p->numbered) {
        if (p->bold && p->italic)
            mark = "***";
        else if (p->bold)
            mark = "**";
        else if (p->italic)
            mark = "*";
    }
    bc_buf_puts(out, mark);
    if (num && !sp && t[num]) {
        bc_buf_put(out, t, num);
        bc_buf_putc(out, ' ');
        S_put_text(out, t + num, strlen(t + num));
    } else {
        S_put_text(out, t, strlen(t));
    }
    bc_buf_puts(out, mark);
}

/* Items [from, to) as body markup into out; with ending, a final "./."
 * goes back to the "." from which the program makes it. */
static void S_body(const S_items *l, size_t from, size_t to, bool ending, bc_buf *out)
{
    bool prev_pipe = false;
    bool last_para = false;
    for (size_t i = from; i < to; i++) {
        const S_item *it = &l->items[i];
        if (it->table) {
            if (out->len)
                bc_buf_puts(out, prev_pipe ? "\n" : "\n\n");
            bc_import_recognise_table(it->table, out);
            /* the table's last line ends with its newline: drop it */
            if (out->len && out->data[out->len - 1] == '\n')
                out->data[--out->len] = '\0';
            prev_pipe = false;
            last_para = false;
            continue;
        }
        const char *t = it->para->text;
        if (!t || !*t || S_rule_line(t))
            continue;
        bool pipe = t[0] == '|';
        if (out->len)
            bc_buf_puts(out, pipe && prev_pipe ? "\n" : "\n\n");
        S_body_line(it->para, out);
        prev_pipe = pipe;
        last_para = !pipe;
    }
    if (ending && last_para && out->len >= 3 &&
        strcmp(out->data + out->len - 3, "./.") == 0) {
        out->len -= 2;
        out->data[out->len] = '\0';
    }
    bc_buf_cstr(out);
}

/* ---- regions -------------------------------------------------------------- */

static bool S_is_appendix(const char *plain)
{
    char *f = bc_utf8_fold_ascii(plain, strlen(plain), &(size_t){0});
    bool yes = strncmp(f, "phu luc", 7) == 0;
    if (yes) {
        const char *p = f + 7;
        while (*p == ' ')
            p++;
        while (*p == 'i' || *p == 'v' || *p == 'x' || (*p >= '0' && *p <= '9'))
            p++;
        while (*p == ' ' || *p == ':' || *p == '.')
            p++;
        yes = *p == '\0';
    }
    free(f);
    return yes;
}

static bool S_is_vv(const char *plain)
{
    return strncmp(plain, "V/v", 3) == 0 || strncmp(plain, "V/V", 3) == 0;
}

static const char *S_after_vv(const char *plain)
{
    const char *p = plain + 3;
    while (*p == ' ' || *p == ':')
        p++;
    return p;
}

static bool S_unit_word(const char *s)
{
    static const char *const units[] = {"XÃ ", "PHƯỜNG ", "THỊ TRẤN ", "HUYỆN ", "QUẬN ",
                                        "THỊ XÃ ", "THÀNH PHỐ ", "TỈNH ", NULL};
    for (int k = 0; units[k]; k++)
        if (strncmp(s, units[k], strlen(units[k])) == 0)
            return true;
    return false;
}

/* The agency lines of the header: co_quan_chu_quan and co_quan. */
static void S_agency(bc_import_report *r, const S_item *const *lines, size_t n)
{
    if (!n)
        return;
    bc_buf top = BC_BUF_INIT, main = BC_BUF_INIT;
    bool bold_known = false;
    for (size_t k = 0; k < n; k++)
        if (lines[k]->para->bold)
            bold_known = true;
    size_t split; /* lines [0, split) are the parent agency's */
    if (bold_known) {
        split = 0;
        while (split < n && !lines[split]->para->bold)
            split++;
    } else if (n >= 2 && S_unit_word(lines[n - 1]->plain) &&
               !S_unit_word(lines[n - 2]->plain)) {
        split = n - 2;
    } else {
        split = n - 1;
    }
    for (size_t k = 0; k < n; k++) {
        bc_buf *b = k < split ? &top : &main;
        if (b->len)
            bc_buf_putc(b, ' ');
        bc_buf_puts(b, lines[k]->plain);
    }
    if (!top.len && main.len) {
        /* one line holding both agencies ("Ủy ban nhân dân huyện X Ủy ban
         * nhân dân xã Y", a text file's two lines joined): split before
         * the second agency's head word */
        static const char *const heads[] = {" Ủy ban nhân dân ", " ỦY BAN NHÂN DÂN ", " UBND ",
                                            NULL};
        const char *m = bc_buf_cstr(&main);
        for (int k = 0; heads[k]; k++) {
            const char *second = strstr(m, heads[k]);
            bool first_is_one = false; /* the line starts with an agency too */
            for (int j = 0; heads[j]; j++)
                if (strncmp(m, heads[j] + 1, strlen(heads[j] + 1)) == 0)
                    first_is_one = true;
            if (second && second > m && first_is_one) {
                bc_buf_put(&top, m, (size_t)(second - m));
                bc_buf tail = BC_BUF_INIT;
                bc_buf_puts(&tail, second + 1);
                bc_buf_free(&main);
                main = tail;
                break;
            }
        }
    }
    if (top.len) {
        const char *s = bc_buf_cstr(&top);
        r->co_quan_chu_quan.value = bc_import_case_is_caps(s)
                                        ? bc_import_case_clerk(&r->arena, s)
                                        : bc_arena_strdup(&r->arena, s);
        if (bc_import_case_is_caps(s))
            r->co_quan_chu_quan.note = N_("check: printed in capitals; check the case");
    }
    if (main.len) {
        const char *s = bc_buf_cstr(&main);
        r->co_quan.value = bc_import_case_is_caps(s) ? bc_import_case_clerk(&r->arena, s)
                                                     : bc_arena_strdup(&r->arena, s);
        if (bc_import_case_is_caps(s))
            r->co_quan.note = N_("check: printed in capitals; check the case");
    }
    bc_buf_free(&top);
    bc_buf_free(&main);
}

/* The header's items [0, end): the motto dropped, the number, the date
 * and the agency read; the rest to unplaced. */
static void S_header(bc_import_report *r, const S_items *l, size_t end,
                     const char **code, bc_import_list *unplaced)
{
    const S_item **agency = NULL;
    size_t n_agency = 0, cap = 0;
    bool after_number = false;
    for (size_t i = 0; i < end; i++) {
        const S_item *it = &l->items[i];
        if (it->table) {
            /* a drawn table in the header: kept in the body */
            continue;
        }
        const char *s = it->plain;
        if (!*s || bc_import_header_is_motto(s))
            continue;
        /* the motto may share a paragraph with the date or the agency */
        const char *rest = NULL;
        if (bc_import_header_number(r, s, code, &rest)) {
            after_number = true;
            if (*rest && !bc_import_header_date(r, rest))
                bc_import_report_push(r, unplaced, rest, strlen(rest));
            continue;
        }
        if (bc_import_header_date(r, s))
            continue;
        /* before the number: the agency, in capitals, centred, or a short
         * line typed as it is ("Ủy ban nhân dân xã Cẩm Vũ") */
        size_t len = strlen(s);
        if (!after_number &&
            (bc_import_case_is_caps(s) || it->para->align == BC_IMPORT_ALIGN_CENTER ||
             (len < 90 && !strchr(".;:", s[len - 1]) && !strpbrk(s, "0123456789")))) {
            BC_GROW(agency, cap, n_agency + 1);
            agency[n_agency++] = it;
            continue;
        }
        bc_import_report_push(r, unplaced, s, strlen(s));
    }
    S_agency(r, agency, n_agency);
    free(agency);
}

static bool S_headerish(const S_item *it)
{
    if (it->table)
        return false;
    const char *s = it->plain;
    return !*s || bc_import_header_is_motto(s) || bc_import_case_is_caps(s) ||
           strncmp(s, "Số", 4) == 0 || strncmp(s, "SỐ", 4) == 0 ||
           (strstr(s, "ngày") && strstr(s, "tháng") && strstr(s, "năm") && strlen(s) < 90);
}

/* ---- the period ------------------------------------------------------------ */

static const char *S_templated(bc_import_report *r, const char *s)
{
    if (!s || !r->has_period)
        return s;
    bc_buf b = BC_BUF_INIT;
    bc_import_period_template(r, &r->period, s, &b);
    const char *t = bc_arena_strdup(&r->arena, bc_buf_cstr(&b));
    bc_buf_free(&b);
    return t;
}

static void S_period(bc_import_report *r, bool ky_sau)
{
    bc_period p;
    const char *where[2] = {r->trich_yeu.value, r->noi_dung.value};
    bool found = false;
    for (int k = 0; k < 2 && !found; k++)
        if (where[k] && bc_import_period_find(where[k], &p))
            found = true;
    for (size_t k = 0; k < r->n_phu_luc && !found; k++)
        if (r->phu_luc[k].ten && bc_import_period_find(r->phu_luc[k].ten, &p))
            found = true;
    if (!found) {
        r->period_note = N_("check: no reporting period found (quý II năm 2022, năm 2023...)");
        return;
    }
    if (!(r->trich_yeu.value && bc_import_period_find(r->trich_yeu.value, &p)))
        r->period_note = N_("check: the period was read from the body, not the summary");
    r->has_period = true;
    r->period = p;
    r->trich_yeu.value = S_templated(r, r->trich_yeu.value);
    r->noi_dung.value = S_templated(r, r->noi_dung.value);
    for (size_t k = 0; k < r->n_phu_luc; k++) {
        r->phu_luc[k].ten = S_templated(r, r->phu_luc[k].ten);
        r->phu_luc[k].noi_dung = S_templated(r, r->phu_luc[k].noi_dung);
    }
    if (ky_sau) {
        r->period = bc_import_period_next(&p);
        r->period_note = N_("check: the period moved on by one (--ky-sau)");
        if (r->noi_dung.value)
            bc_import_period_figures(r, r->noi_dung.value);
    }
}

/* ---- the whole ------------------------------------------------------------- */

static const char *S_join_unplaced(bc_import_report *r, const bc_import_list *u,
                                   const char *body, bool before)
{
    if (!u->n)
        return body;
    bc_buf b = BC_BUF_INIT;
    if (!before && body && *body) {
        bc_buf_puts(&b, body);
        bc_buf_puts(&b, "\n\n");
    }
    for (size_t k = 0; k < u->n; k++) {
        S_put_text(&b, u->items[k], strlen(u->items[k]));
        bc_buf_puts(&b, "\n\n");
    }
    if (before && body && *body)
        bc_buf_puts(&b, body);
    while (b.len && b.data[b.len - 1] == '\n')
        b.data[--b.len] = '\0';
    r->unplaced += u->n;
    const char *s = bc_arena_strdup(&r->arena, bc_buf_cstr(&b));
    bc_buf_free(&b);
    return s;
}

/* ---- an agency's case from the document's own text -------------------------- */

/* A header line printed in capitals names its agency as the text may
 * write it too ("... của Sở Nội vụ" in an appendix's reference line,
 * "Ủy ban nhân dân xã Chi Lăng Nam báo cáo ..."): the first such
 * occurrence, not in capitals, gives the case in place of the guessed
 * one. Bytes compared in lower case, where the lower case is as long. */
static void S_case_from_text(bc_import_report *r, const S_items *l, bc_import_field *f)
{
    if (!f->value || !f->note)
        return;
    size_t vn;
    char *want = bc_utf8_lower(f->value, strlen(f->value), &vn);
    for (size_t i = 0; i < l->n && vn; i++) {
        const char *t = l->items[i].plain;
        size_t tn = strlen(t), ln;
        if (tn < vn)
            continue;
        char *low = bc_utf8_lower(t, tn, &ln);
        const char *hit = ln == tn ? strstr(low, want) : NULL;
        while (hit) {
            size_t at = (size_t)(hit - low);
            if (bc_import_words_bounded(low, at, vn)) {
                char *found = bc_arena_strndup(&r->arena, t + at, vn);
                if (!bc_import_case_is_caps(found) && strcmp(found, f->value) != 0) {
                    f->value = found;
                    f->note = N_("check: printed in capitals; the case is the text's");
                    free(low);
                    free(want);
                    return;
                }
            }
            hit = strstr(hit + 1, want);
        }
        free(low);
    }
    free(want);
}

int bc_import_recognise(const bc_import_doc *doc, bool ky_sau, bc_import_report *r,
                        bc_diags *d)
{
    S_items l = {NULL, 0, 0, &r->arena};
    S_flatten(doc, &l);
    size_t texts = 0;
    for (size_t i = 0; i < l.n; i++)
        if (l.items[i].table || *l.items[i].plain)
            texts++;
    if (!texts) {
        bc_diag_add(d, BC_ERROR, doc->path, 0, 0, "%s",
                    _("the document holds no text: nothing to import"));
        free(l.items);
        return -1;
    }
    /* the type name, or a "V/v" summary, among the first items */
    size_t type_at = l.n, vv_at = l.n;
    const bc_doc_type *type = NULL;
    for (size_t i = 0; i < l.n && i < 40; i++) {
        if (l.items[i].table)
            continue;
        const char *s = l.items[i].plain;
        if (!type && (type = bc_import_header_type(s)) != NULL) {
            type_at = i;
            break;
        }
        if (vv_at == l.n && S_is_vv(s)) {
            vv_at = i;
            break;
        }
    }
    bc_import_list unplaced_top = {0}, unplaced_end = {0};
    const char *code = NULL;
    size_t body_from;
    if (type) {
        r->loai.value = type->key;
        S_header(r, &l, type_at, &code, &unplaced_top);
        body_from = type_at + 1;
        while (body_from < l.n && !l.items[body_from].table &&
               (!*l.items[body_from].plain || S_rule_line(l.items[body_from].plain)))
            body_from++;
        if (body_from < l.n && !l.items[body_from].table) {
            const S_item *it = &l.items[body_from];
            int sp;
            bool numbered = bc_import_text_numbering(it->plain, &sp) > 0;
            if (!numbered && strlen(it->plain) < 400 &&
                strncmp(it->plain, "Kính gửi", strlen("Kính gửi")) != 0) {
                r->trich_yeu.value = S_is_vv(it->plain) ? S_after_vv(it->plain) : it->plain;
                body_from++;
            }
        }
    } else if (vv_at < l.n) {
        r->loai.value = "cong_van";
        S_header(r, &l, vv_at, &code, &unplaced_top);
        /* a công văn's summary keeps its "V/v" (the program prints it as
         * written) */
        r->trich_yeu.value = l.items[vv_at].plain;
        body_from = vv_at + 1;
    } else {
        size_t h = 0;
        while (h < l.n && h < 12 && S_headerish(&l.items[h]))
            h++;
        S_header(r, &l, h, &code, &unplaced_top);
        body_from = h;
        r->loai.value = "bao_cao";
        r->loai.note = N_("check: no type name (BÁO CÁO...) found; bao_cao assumed");
    }
    if (!type && code && *code) {
        for (const bc_doc_type *t = bc_doc_types; t->key; t++)
            if (t->code[0] && strcmp(t->code, code) == 0) {
                r->loai.value = t->key;
                r->loai.note = N_("check: the type was read from the number's symbol");
            }
    }
    /* header lines the page's columns put after the summary (a date line
     * beside a công văn's "V/v") */
    while (body_from < l.n && !l.items[body_from].table) {
        const char *s = l.items[body_from].plain;
        const char *c2 = NULL, *rest = NULL;
        if (!*s || bc_import_header_is_motto(s) ||
            (!r->dia_danh.value && bc_import_header_date(r, s)) ||
            (!r->ky_hieu_co_quan.value && bc_import_header_number(r, s, &c2, &rest) && !*rest))
            body_from++;
        else
            break;
    }
    /* the addressee */
    {
        size_t m = l.n - body_from;
        const char **lines = malloc((m + 1) * sizeof *lines);
        size_t k = 0;
        for (size_t i = body_from; i < l.n && !l.items[i].table; i++)
            lines[k++] = l.items[i].plain;
        body_from += bc_import_closing_addressee(r, lines, k);
        free(lines);
    }
    /* the closing and the appendices */
    size_t closing_at = l.n, appendix_at = l.n;
    for (size_t i = body_from; i < l.n; i++) {
        if (l.items[i].table)
            continue;
        if (closing_at == l.n && bc_import_closing_is_recipients(l.items[i].plain))
            closing_at = i;
        if (S_is_appendix(l.items[i].plain)) {
            appendix_at = i;
            break;
        }
    }
    size_t body_to = closing_at < appendix_at ? closing_at : appendix_at;
    if (closing_at == l.n) {
        /* no "Nơi nhận:": a signature block may still end the text */
        size_t k = body_to;
        while (k > body_from && !l.items[k - 1].table &&
               (!*l.items[k - 1].plain ||
                (strlen(l.items[k - 1].plain) < 80 &&
                 (bc_import_closing_is_title(l.items[k - 1].plain) ||
                  bc_import_case_is_caps(l.items[k - 1].plain) ||
                  (k == body_to && strchr(l.items[k - 1].plain, '.') == NULL &&
                   bc_import_text_numbering(l.items[k - 1].plain, NULL) == 0)))))
            k--;
        /* a title line must be in what was found, else it was body text */
        bool title = false;
        for (size_t i = k; i < body_to; i++)
            if (!l.items[i].table && bc_import_closing_is_title(l.items[i].plain))
                title = true;
        closing_at = title ? k : body_to;
        body_to = closing_at;
    }
    bc_buf body = BC_BUF_INIT;
    S_body(&l, body_from, body_to, true, &body);
    r->noi_dung.value = bc_arena_strdup(&r->arena, bc_buf_cstr(&body));
    bc_buf_free(&body);
    size_t closing_end = appendix_at;
    {
        size_t m = closing_end > closing_at ? closing_end - closing_at : 0;
        const char **lines = malloc((m + 1) * sizeof *lines);
        size_t k = 0;
        for (size_t i = closing_at; i < closing_end; i++) {
            if (l.items[i].table)
                continue; /* a drawn table after the body: an appendix's? kept below */
            if (*l.items[i].plain)
                lines[k++] = l.items[i].plain;
        }
        bc_import_closing_read(r, lines, k, &unplaced_end);
        free(lines);
    }
    /* the appendices */
    for (size_t i = appendix_at; i < l.n;) {
        size_t next = i + 1;
        while (next < l.n && (l.items[next].table || !S_is_appendix(l.items[next].plain)))
            next++;
        bc_import_appendix *ap = bc_import_report_add_appendix(r);
        size_t j = i + 1;
        while (j < next && !l.items[j].table && !*l.items[j].plain)
            j++;
        if (j < next && !l.items[j].table) {
            const char *t = l.items[j].plain;
            if (bc_import_case_is_caps(t)) {
                ap->ten = bc_import_case_clerk(&r->arena, t);
                ap->ten_note = N_("check: printed in capitals; check the case");
            } else {
                ap->ten = t;
            }
            j++;
        }
        while (j < next && !l.items[j].table &&
               (!*l.items[j].plain || strncmp(l.items[j].plain, "(Kèm theo", 10) == 0 ||
                S_rule_line(l.items[j].plain)))
            j++;
        for (size_t k = j; k < next; k++)
            if (l.items[k].table && l.items[k].table->cols >= 6) {
                ap->ngang = true;
                ap->ngang_note = N_("check: a wide table: landscape page assumed");
            }
        bc_buf b = BC_BUF_INIT;
        S_body(&l, j, next, false, &b);
        ap->noi_dung = bc_arena_strdup(&r->arena, bc_buf_cstr(&b));
        bc_buf_free(&b);
        i = next;
    }
    r->noi_dung.value = S_join_unplaced(r, &unplaced_top, r->noi_dung.value, true);
    r->noi_dung.value = S_join_unplaced(r, &unplaced_end, r->noi_dung.value, false);
    free(unplaced_top.items);
    free(unplaced_end.items);
    /* Như trên: the program adds it when there is an addressee */
    if ((r->kinh_gui.value || r->kinh_gui_items.n) && r->noi_nhan.n &&
        strcmp(r->noi_nhan.items[0], "Như trên") == 0) {
        memmove(r->noi_nhan.items, r->noi_nhan.items + 1,
                (r->noi_nhan.n - 1) * sizeof *r->noi_nhan.items);
        r->noi_nhan.n--;
    }
    bool headings = false;
    for (size_t i = body_from; i < body_to; i++)
        if (!l.items[i].table && bc_import_text_numbering(l.items[i].plain, NULL) > 0 &&
            l.items[i].plain[0] != '-' && l.items[i].plain[0] != '+')
            headings = true;
    S_case_from_text(r, &l, &r->co_quan);
    S_case_from_text(r, &l, &r->co_quan_chu_quan);
    free(l.items);
    if (!type && vv_at == l.n && !r->trich_yeu.value && !headings && !r->noi_nhan.n) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, doc->path, 0, 0, "%s",
                                 _("no report found: no type name (BÁO CÁO...), no "
                                   "numbered heading, no \"Nơi nhận\" list"));
        bc_diag_set_hint(g, _("import a report written to Decree 30/2020/NĐ-CP"));
        return -1;
    }
    if (!r->trich_yeu.value)
        r->trich_yeu.note = N_("check: no summary found under the type name");
    /* what the header lacked, from what it has */
    if (!r->ky_hieu_co_quan.value && r->co_quan.value &&
        strncmp(r->co_quan.value, "Ủy ban nhân dân", strlen("Ủy ban nhân dân")) == 0) {
        r->ky_hieu_co_quan.value = "UBND";
        r->ky_hieu_co_quan.note = N_("check: guessed from the agency's name");
    }
    /* the text templates: a literal "{{" kept literal */
    r->trich_yeu.value = S_literal(&r->arena, r->trich_yeu.value);
    r->kinh_gui.value = S_literal(&r->arena, r->kinh_gui.value);
    for (size_t k = 0; k < r->kinh_gui_items.n; k++)
        r->kinh_gui_items.items[k] = S_literal(&r->arena, r->kinh_gui_items.items[k]);
    for (size_t k = 0; k < r->noi_nhan.n; k++)
        r->noi_nhan.items[k] = S_literal(&r->arena, r->noi_nhan.items[k]);
    for (size_t k = 0; k < r->n_phu_luc; k++)
        r->phu_luc[k].ten = S_literal(&r->arena, r->phu_luc[k].ten);
    S_period(r, ky_sau);
    if (ky_sau) {
        r->so.value = NULL;
        r->so.note = N_("check: the new report's number: left blank for the records clerk");
        r->ngay.value = NULL;
        r->ngay.note = N_("check: the new report's date: fill it in when it is signed");
    }
    return 0;
}
