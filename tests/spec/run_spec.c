/*
 * run_spec.c - runs the official mustache specification tests.
 *
 *   build/run_spec DIR
 *
 * DIR holds the spec's NAME.yml files (../shared/mustache-spec). Each file
 * is read with the project's YAML loader; each test is compiled with its
 * `partials` map and applied leniently with HTML escaping, as the spec
 * asks. One line per module, a diff per failure, then a last line
 * "N passed, M failed, K skipped". Exit status 1 when anything failed.
 *
 * The spec's data is typed JSON-like data; the project's tree keeps
 * scalars as written. This runner reads it through its own adapter: a
 * plain (unquoted) scalar that looks like a YAML 1.2 number interpolates
 * as that number (1.210 -> 1.21), booleans and null come typed from the
 * tree, quoted scalars are strings.
 *
 * ~lambdas needs code in the data, which YAML cannot hold: skipped.
 *
 * The runner is pinned to one version of the spec: mustache/spec commit
 * 9cb20c3d6ed32f4b800fd9db36b0706aec485b6a (v1.4.2 and three commits on
 * sections), with the number of tests of each module of that version. A
 * spec of another version (other counts) fails the run, saying so: a
 * newer spec is taken on on purpose, by updating S_pinned.
 */
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "input/node.h"
#include "mustache/mustache.h"
#include "input/node_view.h"
#include "input/yaml_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const S_modules[] = {
    "comments", "delimiters",     "interpolation", "inverted", "partials",
    "sections", "~inheritance", "~dynamic-names", "~lambdas",
};

/* ---- typed reading of the data ------------------------------------------ */

typedef struct typed {
    bc_arena *arena;
} typed;

static bool S_digits(const char *s, const char *set, size_t *n)
{
    size_t i = 0;
    while (s[i] && strchr(set, s[i]))
        i++;
    *n = i;
    return i > 0;
}

/* Formats s as a number when it is one in the YAML 1.2 core schema;
 * returns NULL otherwise. */
static char *S_number(bc_arena *a, const char *s)
{
    char buf[64];
    size_t n;
    if ((s[0] == '0' && s[1] == 'o' && S_digits(s + 2, "01234567", &n)
         && !s[2 + n])
        || (s[0] == '0' && s[1] == 'x'
            && S_digits(s + 2, "0123456789abcdefABCDEF", &n) && !s[2 + n])) {
        errno = 0;
        long long v = strtoll(s + 2, NULL, s[1] == 'o' ? 8 : 16);
        if (errno)
            return NULL;
        snprintf(buf, sizeof buf, "%lld", v);
        return bc_arena_strdup(a, buf);
    }
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!strcmp(p, ".inf") || !strcmp(p, ".Inf") || !strcmp(p, ".INF"))
        return bc_arena_strdup(a, s[0] == '-' ? "-Infinity" : "Infinity");
    if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN"))
        return bc_arena_strdup(a, "NaN");
    size_t ni = 0, nf = 0;
    bool dot = false;
    S_digits(p, "0123456789", &ni);
    p += ni;
    if (*p == '.') {
        dot = true;
        p++;
        S_digits(p, "0123456789", &nf);
        p += nf;
    }
    if (ni == 0 && nf == 0)
        return NULL;
    bool exp = false;
    if (*p == 'e' || *p == 'E') {
        exp = true;
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!S_digits(p, "0123456789", &n))
            return NULL;
        p += n;
    }
    if (*p)
        return NULL;
    if (!dot && !exp) {
        errno = 0;
        long long v = strtoll(s, NULL, 10);
        if (errno)
            return NULL;
        snprintf(buf, sizeof buf, "%lld", v);
        return bc_arena_strdup(a, buf);
    }
    double d = strtod(s, NULL);
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    return bc_arena_strdup(a, buf);
}

static bc_mv_kind S_kind(void *c, const void *v)
{
    (void)c;
    return bc_node_view.kind(bc_node_view.closure, v);
}

static const void *S_member(void *c, const void *map, const char *k, size_t n)
{
    (void)c;
    return bc_node_view.member(bc_node_view.closure, map, k, n);
}

static size_t S_count(void *c, const void *v)
{
    (void)c;
    return bc_node_view.count(bc_node_view.closure, v);
}

static const void *S_item(void *c, const void *list, size_t i)
{
    (void)c;
    return bc_node_view.item(bc_node_view.closure, list, i);
}

static const char *S_key_at(void *c, const void *map, size_t i, size_t *n)
{
    (void)c;
    return bc_node_view.key_at(bc_node_view.closure, map, i, n);
}

static const char *S_text(void *c, const void *v, size_t *len)
{
    typed *ty = c;
    const bc_node *n = v;
    if (n->kind == BC_SCALAR && n->plain && n->str) {
        char *num = S_number(ty->arena, n->str);
        if (num) {
            *len = strlen(num);
            return num;
        }
    }
    return bc_node_view.text(bc_node_view.closure, v, len);
}

/* ---- partials -------------------------------------------------------- */

static int S_partial(void *closure, const char *name, size_t len,
                     const char **text, size_t *text_len)
{
    const bc_node *map = closure;
    const bc_entry *e = map ? bc_node_entry(map, name, len) : NULL;
    if (!e || !e->value || e->value->kind != BC_SCALAR)
        return 1;
    *text = e->value->str;
    *text_len = e->value->len;
    return 0;
}

/* ---- output -------------------------------------------------------------- */

static void S_line(char mark, const char *s, size_t n)
{
    putchar(mark);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\r')
            fputs("\\r", stdout);
        else if (s[i] == '\t')
            fputs("\\t", stdout);
        else
            putchar(s[i]);
    }
    putchar('\n');
}

typedef struct lines {
    const char **p;
    size_t *n;
    size_t count;
    bool final_nl;
} lines;

static lines S_split(const char *s, size_t n)
{
    lines l = {NULL, NULL, 0, n > 0 && s[n - 1] == '\n'};
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += s[i] == '\n';
    l.p = calloc(cap, sizeof *l.p);
    l.n = calloc(cap, sizeof *l.n);
    size_t a = 0;
    while (a < n) {
        const char *nl = memchr(s + a, '\n', n - a);
        size_t e = nl ? (size_t)(nl - s) : n;
        l.p[l.count] = s + a;
        l.n[l.count++] = e - a;
        a = e + 1;
    }
    return l;
}

static bool S_same_line(const lines *a, size_t i, const lines *b, size_t j)
{
    return a->n[i] == b->n[j] && memcmp(a->p[i], b->p[j], a->n[i]) == 0;
}

static void S_diff(const char *exp, size_t en, const char *got, size_t gn)
{
    lines a = S_split(exp, en), b = S_split(got, gn);
    size_t pre = 0;
    while (pre < a.count && pre < b.count && S_same_line(&a, pre, &b, pre))
        pre++;
    size_t suf = 0;
    while (suf < a.count - pre && suf < b.count - pre
           && S_same_line(&a, a.count - 1 - suf, &b, b.count - 1 - suf))
        suf++;
    puts("--- expected");
    puts("+++ got");
    size_t ctx = pre > 3 ? pre - 3 : 0;
    for (size_t i = ctx; i < pre; i++)
        S_line(' ', a.p[i], a.n[i]);
    for (size_t i = pre; i < a.count - suf; i++)
        S_line('-', a.p[i], a.n[i]);
    for (size_t i = pre; i < b.count - suf; i++)
        S_line('+', b.p[i], b.n[i]);
    for (size_t i = a.count - suf; i < a.count && i < a.count - suf + 3; i++)
        S_line(' ', a.p[i], a.n[i]);
    if (a.final_nl != b.final_nl)
        printf("(expected %s a final newline, got %s)\n",
               a.final_nl ? "ends with" : "ends without",
               b.final_nl ? "one" : "none");
    free(a.p);
    free(a.n);
    free(b.p);
    free(b.n);
}

static void S_print_diags(bc_diags *d)
{
    for (const bc_diag *g = d->head; g; g = g->next) {
        char *s = bc_diag_format(g);
        printf("    %s\n", s);
        free(s);
    }
}

/* ---- running ----------------------------------------------------------- */

static const bc_node *S_get(const bc_node *map, const char *key)
{
    return map && map->kind == BC_MAP ? bc_node_get(map, key) : NULL;
}

static const char *S_str(const bc_node *n, size_t *len)
{
    if (!n || n->kind != BC_SCALAR) {
        *len = 0;
        return n && n->kind == BC_NULL ? "" : NULL;
    }
    *len = n->len;
    return n->str;
}

/* Runs one test; returns true when it passed. */
static bool S_run_test(const char *module, const bc_node *test, bc_arena *a)
{
    size_t nlen, tlen, elen;
    const char *name = S_str(S_get(test, "name"), &nlen);
    const char *tpl = S_str(S_get(test, "template"), &tlen);
    const char *exp = S_str(S_get(test, "expected"), &elen);
    if (!name)
        name = "(unnamed)";
    if (!tpl || !exp) {
        printf("FAIL %s: %s: the test has no template or expected text\n",
               module, name);
        return false;
    }
    const bc_node *data = S_get(test, "data");
    bc_diags d = BC_DIAGS_INIT;
    bc_mopts opts = {0};
    opts.name = "template";
    opts.partial = S_partial;
    opts.partial_closure = (void *)S_get(test, "partials");
    bc_mtpl *t = bc_mustache_compile(tpl, tlen, &opts, &d);
    bc_buf out = BC_BUF_INIT;
    bool ok = false;
    if (t) {
        typed ty = {a};
        bc_mdata md = {&ty,   S_kind,   S_member, S_count,
                       S_item, S_key_at, S_text};
        bc_mapply ap = {0};
        ap.data = &md;
        ap.root = data;
        ap.escape = bc_mustache_escape_html;
        ap.lenient = true;
        ap.diags = &d;
        int rc = bc_mustache_apply(t, &ap, &out);
        ok = rc == 0 && out.len == elen && memcmp(bc_buf_cstr(&out), exp, elen) == 0;
        bc_mustache_free(t);
    }
    if (!ok) {
        printf("FAIL %s: %s\n", module, name);
        if (t || out.len)
            S_diff(exp, elen, bc_buf_cstr(&out), out.len);
        else
            puts("    (the template did not compile)");
        S_print_diags(&d);
    }
    bc_buf_free(&out);
    bc_diags_free(&d);
    return ok;
}

/* The tests of each module in the pinned version. */
static const struct {
    const char *module;
    size_t tests;
} S_pinned[] = {
    {"comments", 12}, {"delimiters", 14}, {"interpolation", 42},
    {"inverted", 22}, {"partials", 12}, {"sections", 34},
    {"~inheritance", 27}, {"~dynamic-names", 21}, {"~lambdas", 10},
};
#define SPEC_COMMIT "9cb20c3d6ed32f4b800fd9db36b0706aec485b6a"

static size_t S_pinned_count(const char *mod)
{
    for (size_t i = 0; i < sizeof S_pinned / sizeof *S_pinned; i++)
        if (strcmp(S_pinned[i].module, mod) == 0)
            return S_pinned[i].tests;
    return 0;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/mustache-spec";
    size_t all_pass = 0, all_fail = 0, all_skip = 0;
    bc_buf summary = BC_BUF_INIT;
    for (size_t m = 0; m < sizeof S_modules / sizeof *S_modules; m++) {
        const char *mod = S_modules[m];
        bc_buf path = BC_BUF_INIT;
        bc_buf_printf(&path, "%s/%s.yml", dir, mod);
        bc_arena a = BC_ARENA_INIT;
        bc_diags d = BC_DIAGS_INIT;
        const bc_node *root = bc_yaml_load_file(&a, bc_buf_cstr(&path), &d);
        const bc_node *tests = S_get(root, "tests");
        size_t pass = 0, fail = 0, skip = 0;
        if (!tests || tests->kind != BC_LIST) {
            printf("FAIL %s: cannot read the tests of %s\n", mod,
                   bc_buf_cstr(&path));
            S_print_diags(&d);
            fail = 1;
        } else if (tests->count != S_pinned_count(mod)) {
            printf("FAIL %s: %zu tests, the pinned spec (commit %s) has %zu: "
                   "%s is another version of the spec\n",
                   mod, tests->count, SPEC_COMMIT, S_pinned_count(mod), dir);
            fail = 1;
        } else if (!strcmp(mod, "~lambdas")) {
            skip = tests->count;
        } else {
            for (size_t i = 0; i < tests->count; i++) {
                if (S_run_test(mod, tests->items[i], &a))
                    pass++;
                else
                    fail++;
            }
        }
        bc_buf_printf(&summary, "%s: %zu passed, %zu failed, %zu skipped\n",
                      mod, pass, fail, skip);
        all_pass += pass;
        all_fail += fail;
        all_skip += skip;
        bc_diags_free(&d);
        bc_arena_free(&a);
        bc_buf_free(&path);
    }
    fputs(bc_buf_cstr(&summary), stdout);
    printf("%zu passed, %zu failed, %zu skipped\n", all_pass, all_fail,
           all_skip);
    bc_buf_free(&summary);
    return all_fail ? 1 : 0;
}
