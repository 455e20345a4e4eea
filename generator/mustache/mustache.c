/*
 * mustache.c - the mustache engine, compiling (see mustache.h; applying
 * is in mustache_apply.c, output escaping in mustache_escape.c).
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
#include "mustache/mustache_int.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/i18n.h"
#include "base/utf8.h"

/* ---- small helpers ---------------------------------------------------- */

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

void bc_mustache_cache_free(cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].name);
        S_prog_free(c->v[i].prog);
    }
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

size_t bc_mustache_cache_find(const cache *c, const char *name, size_t len)
{
    if (!c)
        return NONE;
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].len == len && memcmp(c->v[i].name, name, len) == 0)
            return i;
    return NONE;
}


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

/* The tag as written (as its author wrote it, when the source is
 * generated and says so), shortened, into b. */
static void S_put_tag(const parser *P, bc_buf *b, size_t start, size_t end)
{
    char *own = P->main && P->u->shown
                    ? P->u->shown(P->u->locate_closure, start)
                    : NULL;
    if (own)
        S_put_shown(b, own, strlen(own));
    else
        S_put_shown(b, P->src + start, end - start);
    free(own);
}

/* The tag as written, shortened: a malloc'd copy the caller frees. */
static char *S_tag_text(const parser *P, size_t start, size_t end)
{
    bc_buf b = BC_BUF_INIT;
    S_put_tag(P, &b, start, end);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

static tok *S_tok_new(parser *P, uint8_t kind, size_t start, size_t end)
{
    P->t = bc_grow(P->t, &P->ct, P->nt + 1, sizeof *P->t);
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
    if (n == 0 || bc_utf8_is_nfc(s, n)) {
        bc_buf_put(&P->names, s, n);
        *len = n;
    } else {
        size_t m = 0;
        char *c = bc_utf8_nfc(s, n, &m);
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
    size_t i = bc_mustache_cache_find(u->base, name, k->name_len);
    if (i != NONE) {
        k->bprog = u->base->v[i].prog;
        return;
    }
    i = bc_mustache_cache_find(u->own, name, k->name_len);
    if (i == NONE) {
        u->own->v = bc_grow(u->own->v, &u->own->cap, u->own->n + 1,
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
        if (ce == cs && c != '{' && c != '=' && c != '!')
            c = 0; /* the "type" was the closing delimiter's first byte: an
                      empty tag ("@@" with delimiters and host sigil "@") */
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
                bc_diag *g = S_perr_at(P, k->start, k->line, k->col,
                                       _("`%s` nests sections more than %d deep"),
                                       shown, BC_MUSTACHE_MAX_NESTING);
                if (g)
                    bc_diag_set_id(g, "E004");
                free(shown);
                deep = true;
            }
            stack = bc_grow(stack, &cap, n + 1, sizeof *stack);
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
    g->ops = bc_grow(g->ops, &B->cap_ops, g->nops + 1, sizeof *g->ops);
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
    S_put_tag(P, &tb, k->start, k->end);
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
        g->segs = bc_grow(g->segs, &B->cap_segs, g->nsegs + 1, sizeof *g->segs);
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
void bc_mustache_unit_run(unit *u, size_t first, mprog *main)
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

bc_mtpl *bc_mustache_compile(const char *src, size_t len, const bc_mopts *opts,
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
    u.shown = opts->shown;
    u.sigil = opts->host_sigil;
    u.d = d;
    t->main = S_compile_prog(&u, src, len, opts->name, true, opts->first_line,
                             opts->first_col);
    bc_mustache_unit_run(&u, 0, t->main);
    if (u.errors) {
        bc_mustache_free(t);
        return NULL;
    }
    t->is_static = !src || len == 0 || !S_find(src, len, "{{", 2);
    return t;
}

void bc_mustache_free(bc_mtpl *t)
{
    if (!t)
        return;
    S_prog_free(t->main);
    bc_mustache_cache_free(&t->partials);
    free(t);
}

bool bc_mustache_is_static(const bc_mtpl *t)
{
    return t && t->is_static;
}

void bc_mustache_visit(const bc_mtpl *t, bc_mvisit_fn fn, void *closure)
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
