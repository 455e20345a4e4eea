/*
 * mustache_apply.c - applying a compiled mustache template: an iterative
 * interpreter over an explicit frame stack (a hostile template cannot
 * overflow the C stack), strict or lenient lookups with "did you mean"
 * suggestions, partials and parents, indentation at output time, and host
 * tags. The compiled template is never written: several threads may apply
 * it at once (see mustache.h and mustache_int.h).
 */
#include "mustache/mustache_int.h"
#include "base/xalloc.h"
#include "base/i18n.h"
#include "base/utf8.h"

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
    size_t steps;    /* operations run, against BC_MUSTACHE_MAX_STEPS */
    size_t out0;     /* out->len when the apply began */
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
        /* a list's member is its item by index when the data gives one
         * ({{phu_luc.0.so}}) */
        bc_mv_kind vk = S->d->kind(S->dc, v);
        const void *w = vk == BC_MV_MAP || vk == BC_MV_LIST
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

/* The key of map a clerk most likely meant by `part`: one that folds like
 * it (diacritics and case ignored), else the nearest within one edit for a
 * short name and two for a longer one (underscores free: `tinbai`,
 * `tin_ba`, `solieu`, `ky_sauu`). */
static bool S_suggest_in(apply_st *S, const void *map, const char *part, size_t plen,
                         bc_buf *out)
{
    if (!S->d->key_at || !S->d->count)
        return false;
    size_t n = S->d->count(S->dc, map);
    size_t limit = plen <= 4 ? 1 : 2, best = limit + 1;
    const char *bk = NULL;
    size_t bl = 0;
    for (size_t i = 0; i < n && best > 0; i++) {
        size_t kl = 0;
        const char *k = S->d->key_at(S->dc, map, i, &kl);
        if (!k || (kl == plen && memcmp(k, part, plen) == 0))
            continue;
        size_t dist = bc_utf8_name_distance(k, kl, part, plen);
        if (dist < best) {
            best = dist;
            bk = k;
            bl = kl;
        }
    }
    if (!bk)
        return false;
    bc_buf_put(out, bk, bl);
    return true;
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
    bc_buf sug = BC_BUF_INIT;
    bool found = false;
    if (plen) {
        if (m->map) {
            found = S_suggest_in(S, m->map, part, plen, &sug);
        } else {
            for (size_t i = S->nctx; i-- > 0 && !found;)
                if (S->ctx[i].kind == BC_MV_MAP)
                    found = S_suggest_in(S, S->ctx[i].v, part, plen, &sug);
        }
    }
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
               g->pool + o->str, bc_utf8_shown(cp));
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
        bc_diag *e = S_aerr(S, g, o,
                            _("`%.*s`: partials, parents and blocks nested more "
                              "than %d deep (a partial that includes itself for "
                              "ever?)"),
                            (int)o->tag_len, g->pool + o->tag, BC_MUSTACHE_MAX_DEPTH);
        if (e)
            bc_diag_set_id(e, "E004");
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
    size_t i = bc_mustache_cache_find(&S->t->partials, name, n);
    if (i != NONE)
        return S->t->partials.v[i].prog;
    i = bc_mustache_cache_find(&S->dyn, name, n);
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
    S->dyn.v = bc_grow(S->dyn.v, &S->dyn.cap, S->dyn.n + 1, sizeof *S->dyn.v);
    slot *s = &S->dyn.v[S->dyn.n++];
    s->name = bc_xstrndup(name, n);
    s->len = n;
    s->prog = NULL;
    s->pending = true;
    bc_mustache_unit_run(&u, first, NULL);
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

/* A rendering past the engine's bounds (mustache.h): one error, and the
 * apply stops. */
static void S_over_limit(apply_st *S, const mprog *g, const mop *o, bool size)
{
    /* named by the innermost section that repeats */
    for (size_t k = S->nfr; k-- > 0;) {
        const frame *fr = &S->fr[k];
        if (fr->list && fr->start > 0 && fr->prog->ops[fr->start - 1].kind == OP_SECTION) {
            g = fr->prog;
            o = &g->ops[fr->start - 1];
            break;
        }
    }
    bc_diag *e =
        size ? S_aerr(S, g, o,
                      _("the rendering grows past %d MiB at `%.*s` (sections "
                        "repeating inside one another?)"),
                      BC_MUSTACHE_MAX_OUTPUT >> 20, (int)o->tag_len, g->pool + o->tag)
             : S_aerr(S, g, o,
                      _("the rendering takes more than %d steps at `%.*s` "
                        "(sections repeating inside one another over long lists?)"),
                      BC_MUSTACHE_MAX_STEPS, (int)o->tag_len, g->pool + o->tag);
    if (e)
        bc_diag_set_id(e, size ? "E005" : "E006");
    S->fatal = true;
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
        if (++S->steps > BC_MUSTACHE_MAX_STEPS ||
            S->out->len - S->out0 > BC_MUSTACHE_MAX_OUTPUT) {
            S_over_limit(S, g, o, S->steps <= BC_MUSTACHE_MAX_STEPS);
            break;
        }
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

int bc_mustache_apply(const bc_mtpl *t, const bc_mapply *a, bc_buf *out)
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
    S->steps = 0;
    S->out0 = out->len;
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
    bc_mustache_cache_free(&S->dyn);
    free(S);
    return rc;
}

