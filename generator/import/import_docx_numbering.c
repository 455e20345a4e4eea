/*
 * import_docx_numbering.c - Word's automatic numbering written out as the
 * text Word shows (see import_docx_numbering.h).
 *
 * Bounds: levels 0..8 (an ilvl out of range is clamped), counters stop
 * at BC_COUNTER_MAX, a w:lvlText is read up to BC_LABEL_MAX bytes, Roman
 * numerals up to 3999 and letters up to 26 * 50 (decimal past them).
 */
#include "import/import_docx_numbering.h"

#include "base/xalloc.h"
#include "import/import_docx_xml.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BC_COUNTER_MAX 1000000000L
#define BC_LABEL_MAX 256

typedef struct S_lvl {
    int set;
    long start;
    const char *fmt;       /* w:numFmt, NULL: decimal */
    const char *text;      /* w:lvlText, NULL: none */
    int restart;           /* -1 default (after any higher level), 0 never, else 1-based level */
    int is_lgl;
    const char *pstyle;
} S_lvl;

struct bc_import_docx_abstract {
    long id;
    size_t order;          /* place in the part: the first of two ids counts */
    S_lvl lvl[BC_IMPORT_DOCX_LEVELS];
    const char *num_style_link;
    const char *style_link;
    size_t alias;          /* the list it counts with (itself, or a linked one) */
    long cur[BC_IMPORT_DOCX_LEVELS];
    int started[BC_IMPORT_DOCX_LEVELS];
};

struct bc_import_docx_num {
    long id;
    size_t order;
    long abs_id;
    size_t abs;            /* index into abs, SIZE_MAX when unknown */
    int has_start[BC_IMPORT_DOCX_LEVELS];
    long start[BC_IMPORT_DOCX_LEVELS];
    S_lvl lvl[BC_IMPORT_DOCX_LEVELS]; /* w:lvlOverride/w:lvl */
    int applied;           /* its overrides restarted the list already */
};

static void S_read_lvl(const xmlNode *n, S_lvl *l)
{
    memset(l, 0, sizeof *l);
    l->set = 1;
    l->start = 1;
    l->restart = -1;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_import_docx_xml_is(c, "start"))
            l->start = bc_import_docx_xml_int(c, "val", 1, 0, BC_COUNTER_MAX);
        else if (bc_import_docx_xml_is(c, "numFmt"))
            l->fmt = bc_import_docx_xml_attr(c, "val");
        else if (bc_import_docx_xml_is(c, "lvlText"))
            l->text = bc_import_docx_xml_attr(c, "val");
        else if (bc_import_docx_xml_is(c, "lvlRestart"))
            l->restart = (int)bc_import_docx_xml_int(c, "val", -1, 0, 99);
        else if (bc_import_docx_xml_is(c, "isLgl"))
            l->is_lgl = bc_import_docx_xml_on(c);
        else if (bc_import_docx_xml_is(c, "pStyle"))
            l->pstyle = bc_import_docx_xml_attr(c, "val");
    }
}

static int S_level_of(const xmlNode *lvl)
{
    return (int)bc_import_docx_xml_int(lvl, "ilvl", -1, -1, 99);
}

static int S_cmp_abs(const void *a, const void *b)
{
    const bc_import_docx_abstract *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static int S_cmp_num(const void *a, const void *b)
{
    const bc_import_docx_num *x = a, *y = b;
    if (x->id != y->id)
        return x->id < y->id ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The first entry with id (the arrays are sorted by id, then order). */
static size_t S_find_abs(const bc_import_docx_numbering *n, long id)
{
    size_t lo = 0, hi = n->n_abs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (n->abs[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n->n_abs && n->abs[lo].id == id ? lo : SIZE_MAX;
}

static bc_import_docx_num *S_find_num(const bc_import_docx_numbering *n, long id)
{
    size_t lo = 0, hi = n->n_nums;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (n->nums[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n->n_nums && n->nums[lo].id == id ? &n->nums[lo] : NULL;
}

void bc_import_docx_numbering_load(bc_import_docx_numbering *n, xmlDocPtr doc,
                                   bc_import_docx_styles *styles)
{
    memset(n, 0, sizeof *n);
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    size_t na = 0, nn = 0;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        na += bc_import_docx_xml_is(c, "abstractNum");
        nn += bc_import_docx_xml_is(c, "num");
    }
    n->abs = na ? bc_xcalloc(na, sizeof *n->abs) : NULL;
    n->nums = nn ? bc_xcalloc(nn, sizeof *n->nums) : NULL;
    for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next) {
        if (bc_import_docx_xml_is(c, "abstractNum")) {
            bc_import_docx_abstract *a = &n->abs[n->n_abs];
            a->order = n->n_abs++;
            a->id = bc_import_docx_xml_int(c, "abstractNumId", -1, -1, LONG_MAX);
            for (xmlNodePtr l = c->children; l; l = l->next) {
                int k = S_level_of(l);
                if (bc_import_docx_xml_is(l, "lvl") && k >= 0 && k < BC_IMPORT_DOCX_LEVELS &&
                    !a->lvl[k].set)
                    S_read_lvl(l, &a->lvl[k]);
                else if (bc_import_docx_xml_is(l, "numStyleLink"))
                    a->num_style_link = bc_import_docx_xml_attr(l, "val");
                else if (bc_import_docx_xml_is(l, "styleLink"))
                    a->style_link = bc_import_docx_xml_attr(l, "val");
            }
        } else if (bc_import_docx_xml_is(c, "num")) {
            bc_import_docx_num *m = &n->nums[n->n_nums];
            m->order = n->n_nums++;
            m->id = bc_import_docx_xml_int(c, "numId", -1, -1, LONG_MAX);
            xmlNodePtr an = bc_import_docx_xml_child(c, "abstractNumId");
            m->abs_id = an ? bc_import_docx_xml_int(an, "val", -1, -1, LONG_MAX) : -1;
            for (xmlNodePtr o = c->children; o; o = o->next) {
                int k = S_level_of(o);
                if (!bc_import_docx_xml_is(o, "lvlOverride") || k < 0 ||
                    k >= BC_IMPORT_DOCX_LEVELS)
                    continue;
                xmlNodePtr so = bc_import_docx_xml_child(o, "startOverride");
                if (so) {
                    m->has_start[k] = 1;
                    m->start[k] = bc_import_docx_xml_int(so, "val", 1, 0, BC_COUNTER_MAX);
                }
                xmlNodePtr lv = bc_import_docx_xml_child(o, "lvl");
                if (lv)
                    S_read_lvl(lv, &m->lvl[k]);
            }
        }
    }
    if (n->n_abs)
        qsort(n->abs, n->n_abs, sizeof *n->abs, S_cmp_abs);
    if (n->n_nums)
        qsort(n->nums, n->n_nums, sizeof *n->nums, S_cmp_num);
    for (size_t i = 0; i < n->n_nums; i++)
        n->nums[i].abs = n->nums[i].abs_id >= 0 ? S_find_abs(n, n->nums[i].abs_id) : SIZE_MAX;
    /* a list defined through a numbering style: its levels and counters
     * are those of the list the style's w:num names (one step) */
    for (size_t i = 0; i < n->n_abs; i++) {
        bc_import_docx_abstract *a = &n->abs[i];
        a->alias = i;
        if (!a->num_style_link)
            continue;
        const bc_import_docx_props *p = bc_import_docx_styles_get(styles, a->num_style_link);
        bc_import_docx_num *m = p && p->num_id > 0 ? S_find_num(n, p->num_id) : NULL;
        if (m && m->abs != SIZE_MAX && m->abs != i && !n->abs[m->abs].num_style_link)
            a->alias = m->abs;
    }
}

void bc_import_docx_numbering_free(bc_import_docx_numbering *n)
{
    free(n->abs);
    free(n->nums);
    memset(n, 0, sizeof *n);
}

static void S_roman(bc_buf *out, long v, int upper)
{
    static const char *const u[] = {"M", "CM", "D", "CD", "C", "XC", "L", "XL",
                                    "X", "IX", "V", "IV", "I"};
    static const char *const l[] = {"m", "cm", "d", "cd", "c", "xc", "l", "xl",
                                    "x", "ix", "v", "iv", "i"};
    static const long val[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    for (int i = 0; i < 13; i++)
        while (v >= val[i]) {
            bc_buf_puts(out, upper ? u[i] : l[i]);
            v -= val[i];
        }
}

void bc_import_docx_numbering_format(bc_buf *out, const char *fmt, long v)
{
    if (!fmt || strcmp(fmt, "decimal") == 0) {
        bc_buf_printf(out, "%ld", v);
    } else if (strcmp(fmt, "none") == 0 || strcmp(fmt, "bullet") == 0) {
        /* nothing */
    } else if ((strcmp(fmt, "upperRoman") == 0 || strcmp(fmt, "lowerRoman") == 0) && v >= 1 &&
               v <= 3999) {
        S_roman(out, v, fmt[0] == 'u');
    } else if ((strcmp(fmt, "upperLetter") == 0 || strcmp(fmt, "lowerLetter") == 0) &&
               v >= 1 && v <= 26 * 50) {
        char c = (char)((fmt[0] == 'u' ? 'A' : 'a') + (v - 1) % 26);
        for (long r = (v - 1) / 26 + 1; r > 0; r--)
            bc_buf_putc(out, c);
    } else if (strcmp(fmt, "decimalZero") == 0 && v >= 0 && v < 10) {
        bc_buf_printf(out, "0%ld", v);
    } else {
        bc_buf_printf(out, "%ld", v);
    }
}

/* The definition of level k of list m (its override, else its abstract's). */
static const S_lvl *S_level(const bc_import_docx_num *m, const bc_import_docx_abstract *a,
                            int k)
{
    return m->lvl[k].set ? &m->lvl[k] : &a->lvl[k];
}

static long S_start(const bc_import_docx_num *m, const bc_import_docx_abstract *a, int k)
{
    return m->has_start[k] ? m->start[k] : S_level(m, a, k)->start;
}

bool bc_import_docx_numbering_next(bc_import_docx_numbering *n, int num_id, int ilvl,
                                   const char *para_style, bc_buf *out)
{
    bc_import_docx_num *m = num_id > 0 ? S_find_num(n, num_id) : NULL;
    if (!m || m->abs == SIZE_MAX)
        return false;
    bc_import_docx_abstract *a = &n->abs[n->abs[m->abs].alias];
    int k = ilvl;
    if (k < 0) {
        k = 0;
        for (int j = 0; para_style && j < BC_IMPORT_DOCX_LEVELS; j++)
            if (S_level(m, a, j)->pstyle && strcmp(S_level(m, a, j)->pstyle, para_style) == 0) {
                k = j;
                break;
            }
    }
    if (k >= BC_IMPORT_DOCX_LEVELS)
        k = BC_IMPORT_DOCX_LEVELS - 1;
    if (!m->applied) {
        m->applied = 1;
        for (int j = 0; j < BC_IMPORT_DOCX_LEVELS; j++)
            if (m->has_start[j])
                a->started[j] = 0;
    }
    const S_lvl *lv = S_level(m, a, k);
    if (!lv->set)
        return false;
    if (a->started[k]) {
        if (a->cur[k] < BC_COUNTER_MAX)
            a->cur[k]++;
    } else {
        a->cur[k] = S_start(m, a, k);
        a->started[k] = 1;
    }
    for (int j = k + 1; j < BC_IMPORT_DOCX_LEVELS; j++) {
        int r = S_level(m, a, j)->restart;
        if (r < 0 || (r > 0 && k + 1 <= r))
            a->started[j] = 0;
    }
    const char *t = lv->text ? lv->text : "";
    size_t tl = strnlen(t, BC_LABEL_MAX);
    size_t at = out->len;
    if (lv->fmt && strcmp(lv->fmt, "bullet") == 0) {
        size_t i = 0;
        while (i < tl && t[i] == ' ')
            i++;
        bc_buf_putc(out, t[i] == '+' ? '+' : '-');
        return true;
    }
    for (size_t i = 0; i < tl; i++) {
        if (t[i] == '%' && i + 1 < tl && t[i + 1] >= '1' && t[i + 1] <= '9') {
            int j = t[i + 1] - '1';
            const S_lvl *lj = S_level(m, a, j);
            long v = a->started[j] || j == k ? a->cur[j] : S_start(m, a, j);
            const char *fmt = lj->fmt;
            if (lv->is_lgl && !(fmt && (strcmp(fmt, "none") == 0 ||
                                                  strcmp(fmt, "bullet") == 0)))
                fmt = "decimal";
            bc_import_docx_numbering_format(out, fmt, v);
            i++;
        } else {
            bc_buf_putc(out, t[i]);
        }
    }
    /* only spaces: no label */
    size_t i = at;
    while (i < out->len && (out->data[i] == ' ' || out->data[i] == '\t'))
        i++;
    if (i == out->len) {
        out->len = at;
        if (out->data)
            out->data[at] = '\0';
        return false;
    }
    return true;
}
