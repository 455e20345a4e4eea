/*
 * mustache.c - the mustache engine (see mustache.h).
 *
 * Compiling runs in passes over one template source:
 *
 *   1. tokenize: text (split after every newline, so a text token holds at
 *      most one line end, at its end) and tags, with set-delimiter tags
 *      applied as they come; tag names are normalised (no-break space and
 *      Word's smart quotes folded, NFC);
 *   2. match: section/inverted/parent/block tags are paired with their
 *      closing tags (every mismatch is reported, parsing goes on);
 *   3. standalone: a line holding only whitespace and non-output tags loses
 *      its whitespace and line end; partial and parent tags on it keep the
 *      whitespace as their indentation;
 *   4. build: a flat array of operations per template; a section knows the
 *      index just past its body, so applying jumps by index. Static text
 *      is copied into the program's pool, block content de-indented.
 *
 * Partials named in the template are compiled at compile time into a
 * name-keyed cache owned by the template (a worklist, so recursive
 * partials are compiled once and no C recursion follows partial chains).
 * Dynamic names ({{>*name}}) are resolved at apply time: a name the cache
 * holds uses it, others are compiled into storage owned by that one apply.
 *
 * Applying is an iterative interpreter over an explicit frame stack, so a
 * hostile template cannot overflow the C stack; the context stack, frames
 * and indentation live in small arrays inside the apply state that only
 * move to the heap when a template nests deeply. The compiled template is
 * never written during apply.
 *
 * Indentation (standalone partials and parents, blocks) is applied at
 * output time: an operation that starts a template line carries F_BOL, and
 * a text operation that holds further template lines gets the indentation
 * after each of its inner line ends. Newlines inside interpolated values
 * are never indented.
 */
#include "mustache.h"
#include "alloc.h"
#include "i18n.h"
#include "unicode_text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)
#define MAX_APPLY_ERRORS 100  /* per apply; then a note says how many more */
#define TAG_SHOWN 60          /* bytes of a tag quoted in a message */

/* ---- compiled program --------------------------------------------------- */

enum {
    OP_TEXT,
    OP_VAR,
    OP_SECTION,
    OP_INVERTED,
    OP_PARTIAL,
    OP_PARENT,
    OP_BLOCK,
    OP_HOST
};

enum {
    F_BOL = 1,    /* starts a template line: indentation goes before it */
    F_RAW = 2,    /* {{{x}}} or {{&x}} */
    F_DYN = 4,    /* partial or parent whose name is looked up in the data */
    F_INLINE = 8  /* block whose first content line follows its tag */
};

typedef struct mprog mprog;

typedef struct mop {
    uint8_t kind;
    uint8_t flags;
    uint32_t nseg;       /* name segments; 0 for "." */
    size_t end;          /* SECTION..BLOCK: index just past the body */
    size_t str, len;     /* TEXT: the text; others: the name (pool) */
    size_t seg;          /* first name segment */
    size_t aux, aux_len; /* PARTIAL/PARENT/BLOCK: indentation; HOST: arg */
    size_t tag, tag_len; /* the tag as written, for messages (pool) */
    size_t slot;         /* static PARTIAL/PARENT: slot of the unit */
    const mprog *prog;   /* static PARTIAL/PARENT: resolved program */
    size_t offset;       /* byte offset of the tag in its source */
    int line, col;
} mop;

typedef struct mseg {
    size_t off, len;
} mseg;

struct mprog {
    mop *ops;
    size_t nops;
    char *pool;
    size_t pool_len;
    mseg *segs;
    size_t nsegs;
    char *name;  /* diagnostics "file": template name or partial name */
    bool main;   /* offsets are those of the caller's source */
};

typedef struct slot {
    char *name;
    size_t len;
    mprog *prog;  /* NULL: no such partial (renders empty) or broken */
    bool pending; /* registered, not compiled yet */
} slot;

typedef struct cache {
    slot *v;
    size_t n, cap;
} cache;

struct bc_mtpl {
    mprog *main;
    cache partials;
    bc_mpartial_fn partial;
    void *partial_closure;
    bc_mlocate_fn locate;
    void *locate_closure;
    char host_sigil;
    bool is_static;
};

/* ---- small helpers ---------------------------------------------------- */

static void *S_grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 16;
    while (c < need)
        c *= 2;
    p = bc_xrealloc(p, c * elem);
    *cap = c;
    return p;
}

static bool S_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static const char *S_find(const char *s, size_t n, const char *pat,
                          size_t m)
{
    if (m == 0 || m > n)
        return NULL;
    const char *end = s + n - m + 1;
    while (s < end) {
        const char *p = memchr(s, pat[0], (size_t)(end - s));
        if (!p)
            return NULL;
        if (memcmp(p, pat, m) == 0)
            return p;
        s = p + 1;
    }
    return NULL;
}

static void S_put_shown(bc_buf *b, const char *s, size_t n)
{
    if (n <= TAG_SHOWN) {
        bc_buf_put(b, s, n);
        return;
    }
    size_t k = TAG_SHOWN;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    bc_buf_put(b, s, k);
    bc_buf_puts(b, "\xE2\x80\xA6"); /* … */
}

static mprog *S_prog_free(mprog *g)
{
    if (g) {
        free(g->ops);
        free(g->pool);
        free(g->segs);
        free(g->name);
        free(g);
    }
    return NULL;
}

static void S_cache_free(cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        S_prog_free(c->v[i].prog);
    }
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

static size_t S_cache_find(const cache *c, const char *name, size_t len)
{
    if (!c)
        return NONE;
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].len == len && memcmp(c->v[i].name, name, len) == 0)
            return i;
    return NONE;
}

/* ---- compiling: the unit ------------------------------------------------ */

/* One compilation: the main template at compile time, or the partials a
 * dynamic name needs at apply time. New partials go into `own`; `base`
 * (the template's cache, read only) is looked in first. */
typedef struct unit {
    cache *own;
    const cache *base;
    bc_mpartial_fn load;
    void *load_closure;
    bc_mlocate_fn locate;
    void *locate_closure;
    char sigil;
    bc_diags *d;
    size_t errors;
} unit;

enum { T_TEXT, T_TAG };

typedef struct tok {
    uint8_t kind;
    char type;         /* 'v' '&' '#' '^' '/' '!' '=' '>' '<' '$' '@', 'E' */
    bool removed;      /* text of a standalone line */
    bool bol;          /* text starting a source line */
    bool standalone;   /* tag on a standalone line */
    bool dyn;          /* '>' or '<' with a dynamic name */
    bool in_parent;    /* '$' directly inside a parent tag pair */
    bool inline_site;  /* '$' site preceded only by whitespace, not standalone */
    size_t start, end; /* source range of the text, or of the whole tag */
    size_t name, name_len; /* normalised name (parser names buffer) */
    size_t arg, arg_len;   /* host argument */
    size_t ind, ind_len;   /* indentation (source range) */
    size_t match;          /* paired open/close token */
    size_t slot;           /* static partial: slot in the unit's cache */
    const mprog *bprog;    /* static partial found in the base cache */
    int line, col;
} tok;

typedef struct parser {
    unit *u;
    const char *src;
    size_t len;
    const char *name; /* diagnostics */
    bool main;
    int line0, col0;
    /* position cursor (monotonic) */
    size_t cpos;
    int cline, ccol;
    tok *t;
    size_t nt, ct;
    bc_buf names;
    bc_buf tmp;
    size_t errors;
} parser;

static void S_where(parser *P, size_t pos, int *line, int *col)
{
    const char *s = P->src;
    while (P->cpos < pos) {
        unsigned char c = (unsigned char)s[P->cpos++];
        if (c == '\n') {
            P->cline++;
            P->ccol = 0;
        } else if ((c & 0xC0) != 0x80) {
            P->ccol++;
        }
    }
    *line = P->line0 + P->cline;
    *col = P->ccol + 1 + (P->cline == 0 ? P->col0 - 1 : 0);
}

static bc_diag *S_perr_at(parser *P, size_t offset, int line, int col,
                          const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static bc_diag *S_perr_at(parser *P, size_t offset, int line, int col,
                          const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag *g = bc_diag_vadd(P->u->d, BC_ERROR, P->name, line, col, fmt, ap);
    va_end(ap);
    if (P->main && P->u->locate)
        P->u->locate(P->u->locate_closure, offset, g);
    P->errors++;
    return g;
}

/* The tag as written, shortened: a malloc'd copy the caller frees. */
static char *S_tag_text(const parser *P, size_t start, size_t end)
{
    bc_buf b = BC_BUF_INIT;
    S_put_shown(&b, P->src + start, end - start);
    return bc_buf_detach(&b, NULL);
}

static tok *S_tok_new(parser *P, uint8_t kind, size_t start, size_t end)
{
    P->t = S_grow(P->t, &P->ct, P->nt + 1, sizeof *P->t);
    tok *k = &P->t[P->nt++];
    memset(k, 0, sizeof *k);
    k->kind = kind;
    k->start = start;
    k->end = end;
    k->match = NONE;
    k->slot = NONE;
    return k;
}

static void S_add_text(parser *P, size_t a, size_t b)
{
    while (a < b) {
        const char *nl = memchr(P->src + a, '\n', b - a);
        size_t e = nl ? (size_t)(nl - P->src) + 1 : b;
        tok *k = S_tok_new(P, T_TEXT, a, e);
        k->bol = a == 0 || P->src[a - 1] == '\n';
        a = e;
    }
}

/* Copies s[0..n) into P->tmp with a no-break space read as a space and
 * Word's smart quotes as ASCII quotes. */
static void S_norm_tag(parser *P, const char *s, size_t n)
{
    bc_buf_clear(&P->tmp);
    bc_buf_reserve(&P->tmp, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            bc_buf_putc(&P->tmp, ' ');
            i++;
        } else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            if (d == 0x98 || d == 0x99) {
                bc_buf_putc(&P->tmp, '\'');
                i += 2;
            } else if (d == 0x9C || d == 0x9D) {
                bc_buf_putc(&P->tmp, '"');
                i += 2;
            } else {
                bc_buf_putc(&P->tmp, (char)c);
            }
        } else {
            bc_buf_putc(&P->tmp, (char)c);
        }
    }
}

static void S_trim(const char **s, size_t *n)
{
    while (*n && S_space(**s))
        (*s)++, (*n)--;
    while (*n && S_space((*s)[*n - 1]))
        (*n)--;
}

/* Stores name s[0..n) NFC-normalised into P->names; returns its offset. */
static size_t S_store_name(parser *P, const char *s, size_t n, size_t *len)
{
    size_t off = P->names.len;
    if (n == 0 || bc_is_nfc(s, n)) {
        bc_buf_put(&P->names, s, n);
        *len = n;
    } else {
        size_t m = 0;
        char *c = bc_nfc(s, n, &m);
        bc_buf_put(&P->names, c, m);
        free(c);
        *len = m;
    }
    return off;
}

static bool S_has_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (S_space(s[i]))
            return true;
    return false;
}

bool bc_mustache_name_ok(const char *s, size_t n)
{
    if (n == 1 && s[0] == '.')
        return true;
    if (s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '.' && s[i - 1] == '.')
            return false;
    return true;
}

/* Registers static partial `name` for token k. */
static void S_partial_ref(parser *P, tok *k)
{
    unit *u = P->u;
    const char *name = P->names.data + k->name;
    size_t i = S_cache_find(u->base, name, k->name_len);
    if (i != NONE) {
        k->bprog = u->base->v[i].prog;
        return;
    }
    i = S_cache_find(u->own, name, k->name_len);
    if (i == NONE) {
        u->own->v = S_grow(u->own->v, &u->own->cap, u->own->n + 1,
                           sizeof *u->own->v);
        i = u->own->n++;
        slot *s = &u->own->v[i];
        s->name = bc_xstrndup(name, k->name_len);
        s->len = k->name_len;
        s->prog = NULL;
        s->pending = true;
    }
    k->slot = i;
}

/* Finishes tag token k, whose content (after the type character) is
 * s[0..n) in P->tmp. */
static void S_tag_name(parser *P, tok *k, const char *s, size_t n)
{
    S_trim(&s, &n);
    char *shown = NULL;
    if (k->type == '@') {
        size_t i = 0;
        while (i < n && !S_space(s[i]))
            i++;
        const char *arg = s + i;
        size_t alen = n - i;
        S_trim(&arg, &alen);
        n = i;
        k->arg = P->names.len;
        bc_buf_put(&P->names, arg, alen);
        k->arg_len = alen;
    }
    if ((k->type == '>' || k->type == '<' || k->type == '/') && n
        && s[0] == '*') {
        k->dyn = true;
        s++, n--;
        S_trim(&s, &n);
    }
    if (n == 0) {
        shown = S_tag_text(P, k->start, k->end);
        S_perr_at(P, k->start, k->line, k->col, _("empty tag name in `%s`"),
                  shown);
        k->type = 'E';
    } else if (S_has_space(s, n)) {
        shown = S_tag_text(P, k->start, k->end);
        S_perr_at(P, k->start, k->line, k->col,
                  _("the tag name in `%s` contains a space"), shown);
        k->type = 'E';
    } else if ((k->type != '>' && k->type != '<' && k->type != '$'
                && k->type != '/')
               || k->dyn) {
        if (!bc_mustache_name_ok(s, n)) {
            shown = S_tag_text(P, k->start, k->end);
            S_perr_at(P, k->start, k->line, k->col,
                      _("bad name in `%s`: a name is `.` or words joined "
                        "by single dots"),
                      shown);
            k->type = 'E';
        }
    }
    free(shown);
    if (k->type == 'E')
        return;
    /* s points into P->tmp, which S_store_name does not touch */
    k->name = S_store_name(P, s, n, &k->name_len);
    if ((k->type == '>' || k->type == '<') && !k->dyn)
        S_partial_ref(P, k);
}

typedef struct delims {
    char *o, *c;
    size_t ol, cl;
} delims;

/* {{=<% %>=}}: content s[0..n) between the two '='. */
static bool S_set_delims(parser *P, delims *dl, const char *s, size_t n)
{
    S_norm_tag(P, s, n);
    const char *a = P->tmp.data ? P->tmp.data : "";
    size_t m = P->tmp.len;
    S_trim(&a, &m);
    size_t i = 0;
    while (i < m && !S_space(a[i]))
        i++;
    size_t l1 = i;
    while (i < m && S_space(a[i]))
        i++;
    const char *b = a + i;
    size_t l2 = m - i;
    if (l1 == 0 || l2 == 0 || S_has_space(b, l2) || memchr(a, '=', l1)
        || memchr(b, '=', l2))
        return false;
    free(dl->o);
    free(dl->c);
    dl->o = bc_xstrndup(a, l1);
    dl->ol = l1;
    dl->c = bc_xstrndup(b, l2);
    dl->cl = l2;
    return true;
}

static void S_tokenize(parser *P)
{
    const char *src = P->src;
    size_t len = P->len;
    delims dl = {bc_xstrdup("{{"), bc_xstrdup("}}"), 2, 2};
    size_t pos = 0;
    while (pos < len) {
        const char *p = S_find(src + pos, len - pos, dl.o, dl.ol);
        if (!p) {
            S_add_text(P, pos, len);
            break;
        }
        size_t ts = (size_t)(p - src);
        S_add_text(P, pos, ts);
        size_t cs = ts + dl.ol; /* content start */
        /* "{{ #a }}": spaces (a no-break space too) may come before the
         * type character; a triple mustache keeps its braces together */
        size_t ty = cs;
        while (ty < len && (src[ty] == ' ' || src[ty] == '\t'
                            || (src[ty] == '\xC2' && ty + 1 < len
                                && src[ty + 1] == '\xA0')))
            ty += src[ty] == '\xC2' ? 2 : 1;
        if (ty < len && ty > cs
            && src[ty] && (strchr("#^/><$&!=", src[ty])
                || (P->u->sigil && src[ty] == P->u->sigil)))
            cs = ty;
        char c = cs < len ? src[cs] : 0;
        size_t ce = 0, te = 0;  /* content end, tag end */
        bool found = false;
        size_t from = c == '{' || c == '=' ? cs + 1 : cs;
        while (from <= len) {
            const char *q = S_find(src + from, len - from, dl.c, dl.cl);
            if (!q)
                break;
            size_t k = (size_t)(q - src);
            if (c == '{') {
                if (k > cs + 1 && src[k - 1] == '}') {
                    ce = k - 1;
                    te = k + dl.cl;
                    found = true;
                    break;
                }
                from = k + 1;
                continue;
            }
            ce = k;
            te = k + dl.cl;
            found = true;
            break;
        }
        int line, col;
        S_where(P, ts, &line, &col);
        if (!found) {
            char *shown = S_tag_text(P, ts, len);
            S_perr_at(P, ts, line, col,
                      c == '{' ? _("unclosed tag `%s`: no `}%s` closes it")
                               : _("unclosed tag `%s`: no `%s` closes it"),
                      shown, dl.c);
            free(shown);
            S_add_text(P, ts, len);
            break;
        }
        tok *k = S_tok_new(P, T_TAG, ts, te);
        k->line = line;
        k->col = col;
        pos = te;
        const char *s = src + cs;
        size_t n = ce - cs;
        switch (c) {
        case '!':
            k->type = '!';
            continue;
        case '=':
            k->type = '=';
            while (n > 1 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
            if (n < 2 || s[n - 1] != '=' || !S_set_delims(P, &dl, s + 1, n - 2)) {
                char *shown = S_tag_text(P, ts, te);
                S_perr_at(P, ts, line, col,
                          _("bad delimiter change `%s`: write it as "
                            "`%s=OPEN CLOSE=%s` with two delimiters that "
                            "hold no space and no `=`"),
                          shown, dl.o, dl.c);
                free(shown);
                k->type = 'E';
            }
            continue;
        case '{':
        case '&':
            k->type = '&';
            s++, n--;
            break;
        case '#':
        case '^':
        case '/':
        case '>':
        case '<':
        case '$':
            k->type = c;
            s++, n--;
            break;
        default:
            if (P->u->sigil && c == P->u->sigil) {
                k->type = '@';
                s++, n--;
            } else {
                k->type = 'v';
            }
            break;
        }
        S_norm_tag(P, s, n);
        S_tag_name(P, k, P->tmp.data ? P->tmp.data : "", P->tmp.len);
    }
    free(dl.o);
    free(dl.c);
}

/* ---- compiling: matching sections ---------------------------------------- */

static bool S_opens(char type)
{
    return type == '#' || type == '^' || type == '<' || type == '$';
}

/* Open tag a is closed by b (a dynamic close only closes a dynamic open). */
static bool S_same_name(const parser *P, const tok *a, const tok *b)
{
    return a->name_len == b->name_len && (!b->dyn || a->dyn)
           && memcmp(P->names.data + a->name, P->names.data + b->name,
                     a->name_len)
                  == 0;
}

static void S_unclosed(parser *P, const tok *o)
{
    char *shown = S_tag_text(P, o->start, o->end);
    S_perr_at(P, o->start, o->line, o->col,
              _("`%s` is not closed (no matching `{{/%.*s}}`)"), shown,
              (int)o->name_len, P->names.data + o->name);
    free(shown);
}

static void S_match(parser *P)
{
    size_t *stack = NULL, n = 0, cap = 0;
    bool deep = false;
    for (size_t i = 0; i < P->nt; i++) {
        tok *k = &P->t[i];
        if (k->kind != T_TAG)
            continue;
        if (S_opens(k->type)) {
            k->in_parent = n && P->t[stack[n - 1]].type == '<';
            if (n >= BC_MUSTACHE_MAX_NESTING && !deep) {
                char *shown = S_tag_text(P, k->start, k->end);
                S_perr_at(P, k->start, k->line, k->col,
                          _("`%s` nests sections more than %d deep"), shown,
                          BC_MUSTACHE_MAX_NESTING);
                free(shown);
                deep = true;
            }
            stack = S_grow(stack, &cap, n + 1, sizeof *stack);
            stack[n++] = i;
        } else if (k->type == '/') {
            size_t j = n;
            while (j > 0 && !S_same_name(P, &P->t[stack[j - 1]], k))
                j--;
            if (n == 0) {
                char *shown = S_tag_text(P, k->start, k->end);
                S_perr_at(P, k->start, k->line, k->col,
                          _("`%s` closes a section that is not open"), shown);
                free(shown);
                k->type = 'E';
            } else if (j == 0) {
                const tok *o = &P->t[stack[n - 1]];
                char *shown = S_tag_text(P, k->start, k->end);
                char *oshown = S_tag_text(P, o->start, o->end);
                S_perr_at(P, k->start, k->line, k->col,
                          _("`%s` does not match the open `%s` "
                            "(line %d, column %d)"),
                          shown, oshown, o->line, o->col);
                free(shown);
                free(oshown);
                k->type = 'E';
            } else {
                /* everything opened after the matching tag is unclosed */
                for (size_t m = n; m > j; m--) {
                    const tok *o = &P->t[stack[m - 1]];
                    char *shown = S_tag_text(P, k->start, k->end);
                    char *oshown = S_tag_text(P, o->start, o->end);
                    S_perr_at(P, k->start, k->line, k->col,
                              _("`%s` does not match the open `%s` "
                                "(line %d, column %d)"),
                              shown, oshown, o->line, o->col);
                    free(shown);
                    free(oshown);
                }
                size_t o = stack[j - 1];
                P->t[o].match = i;
                k->match = o;
                n = j - 1;
            }
        }
    }
    while (n > 0)
        S_unclosed(P, &P->t[stack[--n]]);
    free(stack);
}

/* ---- compiling: standalone lines --------------------------------------- */

/* Whitespace-only text (spaces and tabs, then an optional line end). */
static bool S_blank(const char *s, size_t n)
{
    if (n && s[n - 1] == '\n') {
        n--;
        if (n && s[n - 1] == '\r')
            n--;
    }
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static size_t S_lead_ws(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

static bool S_ends_nl(const parser *P, const tok *k)
{
    return k->kind == T_TEXT && k->end > k->start && P->src[k->end - 1] == '\n';
}

static void S_standalone(parser *P)
{
    size_t a = 0;
    while (a < P->nt) {
        size_t b = a;
        while (b < P->nt && !S_ends_nl(P, &P->t[b]))
            b++;
        if (b == P->nt)
            b--;
        /* the line is tokens a..b */
        bool tags = false, ok = true;
        for (size_t i = a; i <= b && ok; i++) {
            const tok *k = &P->t[i];
            if (k->kind == T_TEXT)
                ok = S_blank(P->src + k->start, k->end - k->start);
            else if (strchr("#^/!=><$", k->type))
                tags = true;
            else
                ok = false;
        }
        /* A block site opened and closed on one line keeps its whitespace:
         * only its content is indented (a standalone pair, not tags). */
        for (size_t i = a; i <= b && ok && tags; i++) {
            const tok *k = &P->t[i];
            if (k->kind == T_TAG && k->type == '$' && !k->in_parent
                && k->match != NONE && k->match <= b)
                ok = false;
        }
        /* leading whitespace of the line */
        size_t ind = P->t[a].start, ind_len = 0;
        bool lead_ws = P->t[a].kind == T_TEXT && !S_ends_nl(P, &P->t[a])
                       && S_blank(P->src + P->t[a].start,
                                  P->t[a].end - P->t[a].start);
        if (lead_ws)
            ind_len = P->t[a].end - P->t[a].start;
        if (ok && tags) {
            /* the next line's indentation, for block tags */
            size_t nind = b + 1 < P->nt ? P->t[b + 1].start : P->len;
            size_t nind_len = 0;
            if (b + 1 < P->nt && P->t[b + 1].kind == T_TEXT)
                nind_len = S_lead_ws(P->src + P->t[b + 1].start,
                                     P->t[b + 1].end - P->t[b + 1].start);
            for (size_t i = a; i <= b; i++) {
                tok *k = &P->t[i];
                if (k->kind == T_TEXT) {
                    k->removed = true;
                    continue;
                }
                k->standalone = true;
                if (k->type == '>' || k->type == '<') {
                    k->ind = ind;
                    k->ind_len = ind_len;
                } else if (k->type == '$') {
                    k->ind = nind;
                    k->ind_len = nind_len;
                }
            }
        } else {
            for (size_t i = a; i <= b; i++) {
                tok *k = &P->t[i];
                if (k->kind != T_TAG || k->type != '$' || k->in_parent)
                    continue;
                if (i == a || (i == a + 1 && lead_ws)) {
                    k->inline_site = true;
                    k->ind = ind;
                    k->ind_len = i == a ? 0 : ind_len;
                }
            }
        }
        a = b + 1;
    }
}

/* ---- compiling: building the program ------------------------------------ */

typedef struct builder {
    mprog *g;
    size_t cap_ops, cap_segs;
    bc_buf pool;
    size_t last_text; /* op index text may be appended to, or NONE */
} builder;

static size_t S_pool_put(builder *B, const char *s, size_t n)
{
    size_t off = B->pool.len;
    bc_buf_put(&B->pool, s, n);
    return off;
}

static mop *S_op_new(builder *B, uint8_t kind)
{
    mprog *g = B->g;
    g->ops = S_grow(g->ops, &B->cap_ops, g->nops + 1, sizeof *g->ops);
    mop *o = &g->ops[g->nops++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    o->slot = NONE;
    B->last_text = NONE;
    return o;
}

/* An operation for tag k: name, segments, tag text, location. */
static mop *S_tag_op(builder *B, const parser *P, const tok *k, uint8_t kind)
{
    mop *o = S_op_new(B, kind);
    const char *name = P->names.data + k->name;
    o->str = S_pool_put(B, name, k->name_len);
    o->len = k->name_len;
    bc_buf tb = BC_BUF_INIT;
    S_put_shown(&tb, P->src + k->start, k->end - k->start);
    o->tag = S_pool_put(B, tb.data, tb.len);
    o->tag_len = tb.len;
    bc_buf_free(&tb);
    o->offset = k->start;
    o->line = k->line;
    o->col = k->col;
    o->seg = B->g->nsegs;
    if (k->name_len == 1 && name[0] == '.')
        return o;
    size_t i = 0;
    while (i <= k->name_len) {
        size_t j = i;
        while (j < k->name_len && name[j] != '.')
            j++;
        mprog *g = B->g;
        g->segs = S_grow(g->segs, &B->cap_segs, g->nsegs + 1, sizeof *g->segs);
        g->segs[g->nsegs].off = o->str + i;
        g->segs[g->nsegs].len = j - i;
        g->nsegs++;
        o->nseg++;
        i = j + 1;
    }
    return o;
}

static void S_text_op(builder *B, const char *s, size_t n, bool bol)
{
    mprog *g = B->g;
    if (B->last_text != NONE) {
        mop *o = &g->ops[B->last_text];
        if (o->str + o->len == B->pool.len) {
            bc_buf_put(&B->pool, s, n);
            o->len += n;
            return;
        }
    }
    mop *o = S_op_new(B, OP_TEXT);
    o->str = S_pool_put(B, s, n);
    o->len = n;
    o->flags = bol ? F_BOL : 0;
    B->last_text = g->nops - 1;
}

typedef struct bframe {
    size_t op;     /* open operation */
    size_t tok;    /* its token */
    size_t strip;  /* de-indentation to restore at the close */
    bool parent;
} bframe;

static mprog *S_build(parser *P)
{
    builder B = {0};
    B.g = bc_xcalloc(1, sizeof *B.g);
    B.last_text = NONE;
    bframe st[BC_MUSTACHE_MAX_NESTING + 1];
    size_t depth = 0;
    size_t strip = 0; /* leading whitespace removed from content lines */
    bool ls = true;   /* the next operation starts a template line */
    for (size_t i = 0; i < P->nt; i++) {
        const tok *k = &P->t[i];
        bool pbody = depth && st[depth - 1].parent;
        if (k->kind == T_TEXT) {
            if (k->removed || pbody) {
                if (S_ends_nl(P, k))
                    ls = true;
                else if (!k->removed)
                    ls = false;
                continue;
            }
            const char *s = P->src + k->start;
            size_t n = k->end - k->start;
            if (k->bol && strip) {
                size_t m = S_lead_ws(s, n < strip ? n : strip);
                s += m;
                n -= m;
            }
            if (n == 0)
                continue;
            S_text_op(&B, s, n, ls);
            ls = s[n - 1] == '\n';
            continue;
        }
        if (pbody && k->type != '$' && !(k->type == '/' && k->match == st[depth - 1].tok)) {
            /* a parent's content other than blocks is ignored */
            if (S_opens(k->type) && k->match != NONE)
                i = k->match;
            if (!k->standalone)
                ls = false;
            continue;
        }
        uint8_t fl = !k->standalone && ls ? F_BOL : 0;
        mop *o;
        switch (k->type) {
        case 'v':
        case '&':
            o = S_tag_op(&B, P, k, OP_VAR);
            o->flags = fl | (k->type == '&' ? F_RAW : 0);
            break;
        case '@':
            o = S_tag_op(&B, P, k, OP_HOST);
            o->flags = fl;
            o->aux = S_pool_put(&B, P->names.data + k->arg, k->arg_len);
            o->aux_len = k->arg_len;
            break;
        case '#':
        case '^':
        case '<':
        case '$':
            o = S_tag_op(&B, P, k, k->type == '#'   ? OP_SECTION
                                   : k->type == '^' ? OP_INVERTED
                                   : k->type == '<' ? OP_PARENT
                                                    : OP_BLOCK);
            o->flags = fl;
            st[depth].op = B.g->nops - 1;
            st[depth].tok = i;
            st[depth].strip = strip;
            st[depth].parent = k->type == '<';
            depth++;
            if (k->type == '<') {
                if (k->dyn)
                    o->flags |= F_DYN;
                o->slot = k->slot;
                o->prog = k->bprog;
                if (k->standalone) {
                    o->aux = S_pool_put(&B, P->src + k->ind, k->ind_len);
                    o->aux_len = k->ind_len;
                }
            } else if (k->type == '$' && (k->standalone || k->inline_site)) {
                /* content lines lose the block's own indentation (relative
                 * to the enclosing block's), and get the site's back when
                 * rendered */
                size_t keep = strip < k->ind_len ? strip : k->ind_len;
                o->aux = S_pool_put(&B, P->src + k->ind + keep,
                                    k->ind_len - keep);
                o->aux_len = k->ind_len - keep;
                if (k->ind_len > strip)
                    strip = k->ind_len;
                if (k->inline_site && !k->standalone)
                    o->flags |= F_INLINE;
            }
            break;
        case '>':
            o = S_tag_op(&B, P, k, OP_PARTIAL);
            o->flags = fl | (k->dyn ? F_DYN : 0);
            o->slot = k->slot;
            o->prog = k->bprog;
            if (k->standalone) {
                o->aux = S_pool_put(&B, P->src + k->ind, k->ind_len);
                o->aux_len = k->ind_len;
            }
            break;
        case '/':
            if (depth) {
                depth--;
                B.g->ops[st[depth].op].end = B.g->nops;
                strip = st[depth].strip;
                B.last_text = NONE;
            }
            continue;
        default: /* comments, delimiters */
            continue;
        }
        if (!k->standalone)
            ls = false;
    }
    mprog *g = B.g;
    g->pool = bc_buf_detach(&B.pool, &g->pool_len);
    return g;
}

static mprog *S_compile_prog(unit *u, const char *src, size_t len,
                             const char *name, bool main, int line0, int col0)
{
    parser P = {0};
    P.u = u;
    P.src = src ? src : "";
    P.len = src ? len : 0;
    P.name = name;
    P.main = main;
    P.line0 = line0 > 0 ? line0 : 1;
    P.col0 = col0 > 0 ? col0 : 1;
    S_tokenize(&P);
    S_match(&P);
    mprog *g = NULL;
    if (P.errors == 0) {
        S_standalone(&P);
        g = S_build(&P);
        g->name = name ? bc_xstrdup(name) : NULL;
        g->main = main;
    }
    u->errors += P.errors;
    free(P.t);
    bc_buf_free(&P.names);
    bc_buf_free(&P.tmp);
    return g;
}

static void S_resolve(mprog *g, const cache *own)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nops; i++) {
        mop *o = &g->ops[i];
        if ((o->kind == OP_PARTIAL || o->kind == OP_PARENT)
            && !(o->flags & F_DYN) && o->slot != NONE)
            o->prog = own->v[o->slot].prog;
    }
}

/* Compiles every pending partial of u->own from index `first` on (the
 * worklist grows as partials name further partials), then points the
 * operations of the programs compiled here at their partials. */
static void S_unit_run(unit *u, size_t first, mprog *main)
{
    for (size_t i = first; i < u->own->n; i++) {
        if (!u->own->v[i].pending)
            continue;
        u->own->v[i].pending = false;
        const char *text = NULL;
        size_t tl = 0;
        if (!u->load
            || u->load(u->load_closure, u->own->v[i].name, u->own->v[i].len,
                       &text, &tl)
                   != 0)
            continue;
        char *name = bc_xstrdup(u->own->v[i].name);
        mprog *g = S_compile_prog(u, text, tl, name, false, 1, 1);
        free(name);
        u->own->v[i].prog = g;
    }
    S_resolve(main, u->own);
    for (size_t i = first; i < u->own->n; i++)
        S_resolve(u->own->v[i].prog, u->own);
}

bc_mtpl *bc_mtpl_compile(const char *src, size_t len, const bc_mopts *opts,
                         bc_diags *d)
{
    static const bc_mopts none = {0};
    if (!opts)
        opts = &none;
    bc_mtpl *t = bc_xcalloc(1, sizeof *t);
    t->partial = opts->partial;
    t->partial_closure = opts->partial_closure;
    t->locate = opts->locate;
    t->locate_closure = opts->locate_closure;
    t->host_sigil = opts->host_sigil;
    unit u = {0};
    u.own = &t->partials;
    u.load = opts->partial;
    u.load_closure = opts->partial_closure;
    u.locate = opts->locate;
    u.locate_closure = opts->locate_closure;
    u.sigil = opts->host_sigil;
    u.d = d;
    t->main = S_compile_prog(&u, src, len, opts->name, true, opts->first_line,
                             opts->first_col);
    S_unit_run(&u, 0, t->main);
    if (u.errors) {
        bc_mtpl_free(t);
        return NULL;
    }
    t->is_static = !src || len == 0 || !S_find(src, len, "{{", 2);
    return t;
}

void bc_mtpl_free(bc_mtpl *t)
{
    if (!t)
        return;
    S_prog_free(t->main);
    S_cache_free(&t->partials);
    free(t);
}

bool bc_mtpl_is_static(const bc_mtpl *t)
{
    return t && t->is_static;
}

void bc_mtpl_visit(const bc_mtpl *t, bc_mvisit_fn fn, void *closure)
{
    if (!t || !t->main)
        return;
    const mprog *g = t->main;
    for (size_t i = 0; i < g->nops; i++) {
        const mop *o = &g->ops[i];
        char kind;
        switch (o->kind) {
        case OP_VAR:
            kind = '{';
            break;
        case OP_SECTION:
            kind = '#';
            break;
        case OP_INVERTED:
            kind = '^';
            break;
        case OP_HOST:
            kind = '@';
            break;
        case OP_PARTIAL:
        case OP_PARENT:
            /* a dynamic name is a data name: visited as a variable */
            kind = o->flags & F_DYN ? '{' : '>';
            break;
        default:
            continue;
        }
        fn(closure, kind, g->pool + o->str, o->len, o->line, o->col,
           o->offset);
    }
}

/* ---- escaping ------------------------------------------------------------ */

unsigned bc_mustache_escape_none(bc_buf *out, const char *s, size_t n,
                                 bool raw)
{
    (void)raw;
    bc_buf_put(out, s, n);
    return 0;
}

unsigned bc_mustache_escape_html(bc_buf *out, const char *s, size_t n,
                                 bool raw)
{
    if (raw) {
        bc_buf_put(out, s, n);
        return 0;
    }
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        const char *e;
        switch (s[i]) {
        case '&':
            e = "&amp;";
            break;
        case '<':
            e = "&lt;";
            break;
        case '>':
            e = "&gt;";
            break;
        case '"':
            e = "&quot;";
            break;
        default:
            continue;
        }
        bc_buf_put(out, s + run, i - run);
        bc_buf_puts(out, e);
        run = i + 1;
    }
    bc_buf_put(out, s + run, n - run);
    return 0;
}

#define XML_RESUME "<w:t xml:space=\"preserve\">"

unsigned bc_mustache_escape_xml(bc_buf *out, const char *s, size_t n,
                                bool raw)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e;
        if (c >= 0x20 && c != '&' && c != '<' && c != '>' && c != '"'
            && c != 0xEF)
            continue;
        switch (c) {
        case '&':
            e = "&amp;";
            break;
        case '<':
            e = "&lt;";
            break;
        case '>':
            e = "&gt;";
            break;
        case '"':
            if (raw)
                continue;
            e = "&quot;";
            break;
        case '\n':
            e = "</w:t><w:br/>" XML_RESUME;
            break;
        case '\t':
            e = "</w:t><w:tab/>" XML_RESUME;
            break;
        case '\r':
            e = "";
            break;
        case 0xEF:
            if (i + 2 < n && (unsigned char)s[i + 1] == 0xBF
                && ((unsigned char)s[i + 2] == 0xBE
                    || (unsigned char)s[i + 2] == 0xBF)) {
                bc_buf_put(out, s + run, i - run);
                return (unsigned char)s[i + 2] == 0xBE ? 0xFFFEu : 0xFFFFu;
            }
            continue;
        default: /* other C0 controls */
            bc_buf_put(out, s + run, i - run);
            return c;
        }
        bc_buf_put(out, s + run, i - run);
        bc_buf_puts(out, e);
        run = i + 1;
    }
    bc_buf_put(out, s + run, n - run);
    return 0;
}

/* ---- applying ------------------------------------------------------------ */

typedef struct ctxe {
    const void *v;
    bc_mv_kind kind;
    const mprog *prog; /* the section that pushed it (NULL: the root) */
    const mop *op;
    size_t idx;        /* list item, or NONE */
} ctxe;

typedef struct frame {
    const mprog *prog;
    size_t pc, start, end;
    size_t ctx_n;    /* context height to restore */
    size_t ind_len;  /* indentation to restore */
    size_t ov_n;     /* parent overrides to restore */
    size_t suppress; /* indentation suppression to restore */
    const void *list; /* iterated list, or NULL */
    size_t idx, count;
    bool depth;      /* counts toward BC_MUSTACHE_MAX_DEPTH */
} frame;

typedef struct ovr {
    const mprog *prog;
    const mop *op; /* the parent operation: its body holds the blocks */
} ovr;

enum { INL_CTX = 32, INL_FR = 32, INL_OV = 8, INL_IND = 64 };

typedef struct apply_st {
    const bc_mtpl *t;
    const bc_mapply *a;
    const bc_mdata *d;
    void *dc;
    bc_buf *out;
    bc_mescape_fn esc;
    ctxe *ctx;
    size_t nctx, cctx;
    frame *fr;
    size_t nfr, cfr;
    ovr *ov;
    size_t nov, cov;
    char *ind;
    size_t nind, cind;
    size_t suppress; /* out->len at which indentation is skipped, or NONE */
    int depth;
    size_t nerr, shown;
    bool fatal;
    cache dyn;       /* partials compiled during this apply */
    ctxe ctx0[INL_CTX];
    frame fr0[INL_FR];
    ovr ov0[INL_OV];
    char ind0[INL_IND];
} apply_st;

/* Grows an array that starts in the apply state's inline storage. */
static void *S_agrow(void *p, void *inl, size_t *cap, size_t need,
                     size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap * 2;
    while (c < need)
        c *= 2;
    if (p == inl) {
        void *q = bc_xmalloc(c * elem);
        memcpy(q, p, *cap * elem);
        p = q;
    } else {
        p = bc_xrealloc(p, c * elem);
    }
    *cap = c;
    return p;
}

static bc_diag *S_aerr(apply_st *S, const mprog *g, const mop *o,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bc_diag *S_aerr(apply_st *S, const mprog *g, const mop *o,
                       const char *fmt, ...)
{
    S->nerr++;
    if (S->shown >= MAX_APPLY_ERRORS)
        return NULL;
    S->shown++;
    va_list ap;
    va_start(ap, fmt);
    bc_diag *d = bc_diag_vadd(S->a->diags, BC_ERROR, g->name, o->line,
                              o->col, fmt, ap);
    va_end(ap);
    if (g->main && S->t->locate)
        S->t->locate(S->t->locate_closure, o->offset, d);
    return d;
}

static void S_push_ctx(apply_st *S, const void *v, bc_mv_kind kind,
                       const mprog *g, const mop *o, size_t idx)
{
    S->ctx = S_agrow(S->ctx, S->ctx0, &S->cctx, S->nctx + 1, sizeof *S->ctx);
    ctxe *c = &S->ctx[S->nctx++];
    c->v = v;
    c->kind = kind;
    c->prog = g;
    c->op = o;
    c->idx = idx;
}

static void S_push_ind(apply_st *S, const char *s, size_t n)
{
    if (!n)
        return;
    S->ind = S_agrow(S->ind, S->ind0, &S->cind, S->nind + n, 1);
    memcpy(S->ind + S->nind, s, n);
    S->nind += n;
}

/* Pushes a frame running ops [start, end) of g. The caller has already
 * moved its own frame's pc (the frames array may move). */
static frame *S_push_frame(apply_st *S, const mprog *g, size_t start,
                           size_t end, size_t ctx_n)
{
    S->fr = S_agrow(S->fr, S->fr0, &S->cfr, S->nfr + 1, sizeof *S->fr);
    frame *f = &S->fr[S->nfr++];
    f->prog = g;
    f->pc = f->start = start;
    f->end = end;
    f->ctx_n = ctx_n;
    f->ind_len = S->nind;
    f->ov_n = S->nov;
    f->suppress = S->suppress;
    f->list = NULL;
    f->idx = f->count = 0;
    f->depth = false;
    return f;
}

static void S_indent(apply_st *S)
{
    if (S->nind && S->out->len != S->suppress)
        bc_buf_put(S->out, S->ind, S->nind);
}

/* Static text; inner template lines get the indentation. */
static void S_put_text(apply_st *S, const char *s, size_t n, bool bol)
{
    if (!S->nind) {
        bc_buf_put(S->out, s, n);
        return;
    }
    if (bol && s[0] != '\n' && !(s[0] == '\r' && n > 1 && s[1] == '\n'))
        S_indent(S);
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t k = nl ? (size_t)(nl - s) + 1 : n;
        bc_buf_put(S->out, s, k);
        s += k;
        n -= k;
        if (n && s[0] != '\n' && !(s[0] == '\r' && n > 1 && s[1] == '\n'))
            bc_buf_put(S->out, S->ind, S->nind);
    }
}

typedef struct miss {
    size_t seg;       /* the part that failed */
    const void *map;  /* where a later part failed (NULL: the first part) */
} miss;

static const void *S_lookup(apply_st *S, const mprog *g, const mop *o,
                            miss *m)
{
    if (o->nseg == 0)
        return S->ctx[S->nctx - 1].v;
    const mseg *sg = &g->segs[o->seg];
    const void *v = NULL;
    for (size_t i = S->nctx; i-- > 0;) {
        if (S->ctx[i].kind != BC_MV_MAP)
            continue;
        v = S->d->member(S->dc, S->ctx[i].v, g->pool + sg[0].off, sg[0].len);
        if (v)
            break;
    }
    if (!v) {
        m->seg = 0;
        m->map = NULL;
        return NULL;
    }
    for (uint32_t s = 1; s < o->nseg; s++) {
        const void *w = S->d->kind(S->dc, v) == BC_MV_MAP
                            ? S->d->member(S->dc, v, g->pool + sg[s].off,
                                           sg[s].len)
                            : NULL;
        if (!w) {
            m->seg = s;
            m->map = v;
            return NULL;
        }
        v = w;
    }
    return v;
}

/* First key of map that folds like key (diacritics and case ignored). */
static bool S_suggest_in(apply_st *S, const void *map, const char *fold,
                         size_t flen, bc_buf *out)
{
    if (!S->d->key_at || !S->d->count)
        return false;
    size_t n = S->d->count(S->dc, map);
    for (size_t i = 0; i < n; i++) {
        size_t kl = 0;
        const char *k = S->d->key_at(S->dc, map, i, &kl);
        if (!k)
            continue;
        size_t fl = 0;
        char *f = bc_fold_ascii(k, kl, &fl);
        bool same = f && fl == flen && memcmp(f, fold, flen) == 0;
        free(f);
        if (same) {
            bc_buf_put(out, k, kl);
            return true;
        }
    }
    return false;
}

static void S_report_missing(apply_st *S, const mprog *g, const mop *o,
                             const miss *m)
{
    if (S->shown >= MAX_APPLY_ERRORS) {
        S->nerr++;
        return;
    }
    if (o->nseg == 0) {
        S_aerr(S, g, o, _("`%.*s`: there is no current value"),
               (int)o->tag_len, g->pool + o->tag);
        return;
    }
    const mseg *sg = &g->segs[o->seg];
    const char *part = g->pool + sg[m->seg].off;
    size_t plen = sg[m->seg].len;
    bc_buf msg = BC_BUF_INIT;
    if (m->map) {
        /* a.b.c: a found, a.b has no c */
        size_t prefix = (size_t)(part - (g->pool + o->str)) - 1;
        bc_buf_printf(&msg, _("no value for `%.*s`: `%.*s` has no `%.*s`"),
                      (int)o->len, g->pool + o->str, (int)prefix,
                      g->pool + o->str, (int)plen, part);
    } else {
        bc_buf path = BC_BUF_INIT;
        for (size_t i = S->nctx; i-- > 0;) {
            const ctxe *c = &S->ctx[i];
            if (path.len)
                bc_buf_puts(&path, ", ");
            if (!c->op)
                bc_buf_puts(&path, _("the top level"));
            else if (c->idx != NONE)
                bc_buf_printf(&path, _("`%.*s` item %zu"), (int)c->op->len,
                              c->prog->pool + c->op->str, c->idx + 1);
            else
                bc_buf_printf(&path, "`%.*s`", (int)c->op->len,
                              c->prog->pool + c->op->str);
        }
        bc_buf_printf(&msg, _("no value for `%.*s` (looked up in %s)"),
                      (int)o->len, g->pool + o->str, bc_buf_cstr(&path));
        bc_buf_free(&path);
    }
    /* did you mean */
    size_t flen = 0;
    char *fold = bc_fold_ascii(part, plen, &flen);
    bc_buf sug = BC_BUF_INIT;
    bool found = false;
    if (fold && flen) {
        if (m->map) {
            found = S_suggest_in(S, m->map, fold, flen, &sug);
        } else {
            for (size_t i = S->nctx; i-- > 0 && !found;)
                if (S->ctx[i].kind == BC_MV_MAP)
                    found = S_suggest_in(S, S->ctx[i].v, fold, flen, &sug);
        }
    }
    free(fold);
    if (found)
        bc_buf_printf(&msg, _("; did you mean `%s`?"), bc_buf_cstr(&sug));
    bc_buf_free(&sug);
    S_aerr(S, g, o, "`%.*s`: %s", (int)o->tag_len, g->pool + o->tag,
           bc_buf_cstr(&msg));
    bc_buf_free(&msg);
}

static void S_do_var(apply_st *S, const mprog *g, const mop *o)
{
    miss m;
    const void *v = S_lookup(S, g, o, &m);
    if (!v) {
        if (o->nseg == 0 || S->a->lenient)
            return;
        S_report_missing(S, g, o, &m);
        return;
    }
    bc_mv_kind k = S->d->kind(S->dc, v);
    if (k == BC_MV_LIST || k == BC_MV_MAP) {
        if (!S->a->lenient)
            S_aerr(S, g, o,
                   k == BC_MV_LIST
                       ? _("`%.*s`: `%.*s` is a list, not text (use a "
                           "section to go through it)")
                       : _("`%.*s`: `%.*s` is a map, not text (name one of "
                           "its keys)"),
                   (int)o->tag_len, g->pool + o->tag, (int)o->len,
                   g->pool + o->str);
        return;
    }
    size_t n = 0;
    const char *s = S->d->text(S->dc, v, &n);
    if (!s || !n)
        return;
    unsigned cp = S->esc(S->out, s, n, (o->flags & F_RAW) != 0);
    if (cp)
        S_aerr(S, g, o,
               _("`%.*s`: the value of `%.*s` contains the control "
                 "character U+%04X"),
               (int)o->tag_len, g->pool + o->tag, (int)o->len,
               g->pool + o->str, cp);
}

static void S_do_section(apply_st *S, const mprog *g, size_t i)
{
    const mop *o = &g->ops[i];
    miss m;
    const void *v = S_lookup(S, g, o, &m);
    bc_mv_kind k = v ? S->d->kind(S->dc, v) : BC_MV_MISSING;
    size_t n = 0;
    if (k == BC_MV_LIST)
        n = S->d->count(S->dc, v);
    if (o->kind == OP_INVERTED) {
        if (k == BC_MV_MISSING || k == BC_MV_NULL || k == BC_MV_FALSE
            || (k == BC_MV_LIST && n == 0))
            S_push_frame(S, g, i + 1, o->end, S->nctx);
        return;
    }
    size_t ctx_n = S->nctx;
    switch (k) {
    case BC_MV_TRUE:
        S_push_frame(S, g, i + 1, o->end, ctx_n);
        break;
    case BC_MV_SCALAR:
    case BC_MV_MAP:
        S_push_ctx(S, v, k, g, o, NONE);
        S_push_frame(S, g, i + 1, o->end, ctx_n);
        break;
    case BC_MV_LIST:
        if (n) {
            const void *it = S->d->item(S->dc, v, 0);
            S_push_ctx(S, it, it ? S->d->kind(S->dc, it) : BC_MV_MISSING, g,
                       o, 0);
            frame *f = S_push_frame(S, g, i + 1, o->end, ctx_n);
            f->list = v;
            f->count = n;
        }
        break;
    default:
        break;
    }
}

static bool S_enter(apply_st *S, const mprog *g, const mop *o)
{
    if (S->depth >= BC_MUSTACHE_MAX_DEPTH) {
        S_aerr(S, g, o,
               _("`%.*s`: partials, parents and blocks nested more than %d "
                 "deep (a partial that includes itself for ever?)"),
               (int)o->tag_len, g->pool + o->tag, BC_MUSTACHE_MAX_DEPTH);
        S->fatal = true;
        return false;
    }
    return true;
}

/* The program a partial or parent operation names, or NULL. */
static const mprog *S_partial_prog(apply_st *S, const mprog *g, const mop *o)
{
    if (!(o->flags & F_DYN))
        return o->prog;
    miss m;
    const void *v = S_lookup(S, g, o, &m);
    if (!v) {
        if (!S->a->lenient && o->nseg)
            S_report_missing(S, g, o, &m);
        return NULL;
    }
    if (S->d->kind(S->dc, v) != BC_MV_SCALAR)
        return NULL;
    size_t n = 0;
    const char *name = S->d->text(S->dc, v, &n);
    if (!name)
        return NULL;
    size_t i = S_cache_find(&S->t->partials, name, n);
    if (i != NONE)
        return S->t->partials.v[i].prog;
    i = S_cache_find(&S->dyn, name, n);
    if (i != NONE)
        return S->dyn.v[i].prog;
    /* compile it (and what it names) into this apply's storage */
    unit u = {0};
    u.own = &S->dyn;
    u.base = &S->t->partials;
    u.load = S->t->partial;
    u.load_closure = S->t->partial_closure;
    u.sigil = S->t->host_sigil;
    u.d = S->a->diags;
    size_t first = S->dyn.n;
    S->dyn.v = S_grow(S->dyn.v, &S->dyn.cap, S->dyn.n + 1, sizeof *S->dyn.v);
    slot *s = &S->dyn.v[S->dyn.n++];
    s->name = bc_xstrndup(name, n);
    s->len = n;
    s->prog = NULL;
    s->pending = true;
    S_unit_run(&u, first, NULL);
    S->nerr += u.errors;
    return S->dyn.v[first].prog;
}

static void S_do_partial(apply_st *S, const mprog *g, size_t i)
{
    const mop *o = &g->ops[i];
    const mprog *p = S_partial_prog(S, g, o);
    if (!p || !S_enter(S, g, o))
        return;
    size_t ind_len = S->nind;
    if (o->kind == OP_PARENT) {
        S->ov = S_agrow(S->ov, S->ov0, &S->cov, S->nov + 1, sizeof *S->ov);
        S->ov[S->nov].prog = g;
        S->ov[S->nov].op = o;
        S->nov++;
    }
    frame *f = S_push_frame(S, p, 0, p->nops, S->nctx);
    f->ind_len = ind_len;
    f->ov_n = o->kind == OP_PARENT ? S->nov - 1 : S->nov;
    f->depth = true;
    S->depth++;
    S_push_ind(S, g->pool + o->aux, o->aux_len);
}

static void S_do_block(apply_st *S, const mprog *g, size_t i)
{
    const mop *o = &g->ops[i];
    const mprog *bg = g;
    size_t start = i + 1, end = o->end;
    bool over = false;
    /* the outermost parent call that overrides this block wins */
    for (size_t v = 0; v < S->nov && !over; v++) {
        const mprog *pg = S->ov[v].prog;
        const mop *po = S->ov[v].op;
        size_t j = (size_t)(po - pg->ops) + 1;
        while (j < po->end) {
            const mop *b = &pg->ops[j];
            if (b->kind == OP_BLOCK && b->len == o->len
                && memcmp(pg->pool + b->str, g->pool + o->str, o->len) == 0) {
                bg = pg;
                start = j + 1;
                end = b->end;
                over = true;
                break;
            }
            j = b->end; /* a parent's body holds only blocks */
        }
    }
    if (over && !S_enter(S, g, o))
        return;
    frame *f = S_push_frame(S, bg, start, end, S->nctx);
    if (over) {
        f->depth = true;
        S->depth++;
    }
    S_push_ind(S, g->pool + o->aux, o->aux_len);
    if (o->flags & F_INLINE)
        S->suppress = S->out->len;
}

static void S_do_host(apply_st *S, const mprog *g, const mop *o)
{
    miss m;
    const void *v = S_lookup(S, g, o, &m);
    if (!v) {
        if (!S->a->lenient)
            S_report_missing(S, g, o, &m);
        return;
    }
    if (!S->a->host) {
        S_aerr(S, g, o, _("`%.*s`: no handler for this tag"), (int)o->tag_len,
               g->pool + o->tag);
        return;
    }
    if (S->a->host(S->a->host_closure, S->out, v, g->pool + o->aux,
                   o->aux_len)
        != 0)
        S->nerr++;
}

static void S_run(apply_st *S)
{
    while (S->nfr && !S->fatal) {
        frame *f = &S->fr[S->nfr - 1];
        if (f->pc >= f->end) {
            if (f->list && ++f->idx < f->count) {
                const void *it = S->d->item(S->dc, f->list, f->idx);
                ctxe *c = &S->ctx[f->ctx_n];
                c->v = it;
                c->kind = it ? S->d->kind(S->dc, it) : BC_MV_MISSING;
                c->idx = f->idx;
                f->pc = f->start;
                continue;
            }
            S->nctx = f->ctx_n;
            S->nind = f->ind_len;
            S->nov = f->ov_n;
            S->suppress = f->suppress;
            if (f->depth)
                S->depth--;
            S->nfr--;
            continue;
        }
        const mprog *g = f->prog;
        size_t i = f->pc;
        const mop *o = &g->ops[i];
        if (o->kind != OP_TEXT && (o->flags & F_BOL) && S->nind)
            S_indent(S);
        switch (o->kind) {
        case OP_TEXT:
            f->pc++;
            S_put_text(S, g->pool + o->str, o->len, (o->flags & F_BOL) != 0);
            break;
        case OP_VAR:
            f->pc++;
            S_do_var(S, g, o);
            break;
        case OP_SECTION:
        case OP_INVERTED:
            f->pc = o->end;
            S_do_section(S, g, i);
            break;
        case OP_PARTIAL:
            f->pc++;
            S_do_partial(S, g, i);
            break;
        case OP_PARENT:
            f->pc = o->end;
            S_do_partial(S, g, i);
            break;
        case OP_BLOCK:
            f->pc = o->end;
            S_do_block(S, g, i);
            break;
        case OP_HOST:
            f->pc++;
            S_do_host(S, g, o);
            break;
        default:
            f->pc++;
            break;
        }
    }
}

int bc_mtpl_apply(const bc_mtpl *t, const bc_mapply *a, bc_buf *out)
{
    apply_st *S = bc_xmalloc(sizeof *S);
    S->t = t;
    S->a = a;
    S->d = a->data;
    S->dc = a->data ? a->data->closure : NULL;
    S->out = out;
    S->esc = a->escape ? a->escape : bc_mustache_escape_none;
    S->ctx = S->ctx0;
    S->cctx = INL_CTX;
    S->nctx = 0;
    S->fr = S->fr0;
    S->cfr = INL_FR;
    S->nfr = 0;
    S->ov = S->ov0;
    S->cov = INL_OV;
    S->nov = 0;
    S->ind = S->ind0;
    S->cind = INL_IND;
    S->nind = 0;
    S->suppress = NONE;
    S->depth = 0;
    S->nerr = S->shown = 0;
    S->fatal = false;
    memset(&S->dyn, 0, sizeof S->dyn);
    bc_buf_reserve(out, 0);
    if (t && t->main) {
        const void *root = a->root;
        S_push_ctx(S, root, root && S->d ? S->d->kind(S->dc, root)
                                         : BC_MV_MISSING,
                   NULL, NULL, NONE);
        S_push_frame(S, t->main, 0, t->main->nops, 0);
        S_run(S);
    }
    if (S->nerr > S->shown && a->diags)
        bc_diag_add(a->diags, BC_NOTE, t->main->name, 0, 0,
                    _("%zu more errors in this template are not shown"),
                    S->nerr - S->shown);
    int rc = S->nerr ? -1 : 0;
    if (S->ctx != S->ctx0)
        free(S->ctx);
    if (S->fr != S->fr0)
        free(S->fr);
    if (S->ov != S->ov0)
        free(S->ov);
    if (S->ind != S->ind0)
        free(S->ind);
    S_cache_free(&S->dyn);
    free(S);
    return rc;
}
