/*
 * template_check.c - a template's tags against one report's data (see
 * template_check.h).
 *
 * Names are resolved statically: a context is the set of values a
 * section may push (the items of a list, a map), and a name is looked up
 * in the innermost context that has it in any of its values, as mustache
 * looks it up item by item. Data paths are written "thong_ke[].ten".
 */
#include "app/template_check.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "report/report.h"
#include "report/schema.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>

typedef struct cand {
    const bc_node *n;
    char *path;
} cand;

typedef struct level {
    cand *v;
    size_t count, cap;
    bool unknown;       /* a section whose value the data lacks */
} level;

typedef struct used {
    char *path;
    bool whole;         /* everything under the path is used */
} used;

typedef struct checker {
    used *u;
    size_t nu, cap_u;
    bc_diags *d;
    size_t findings;
} checker;

static void S_push(level *l, const bc_node *n, const char *path)
{
    BC_GROW(l->v, l->cap, l->count + 1);
    l->v[l->count++] = (cand){n, bc_xstrdup(path)};
}

static void S_level_free(level *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->v[i].path);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static char *S_join(const char *path, const char *key, size_t len)
{
    bc_buf b = BC_BUF_INIT;
    if (path[0])
        bc_buf_printf(&b, "%s.", path);
    bc_buf_put(&b, key, len);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

static void S_use(checker *c, const char *path, bool whole)
{
    for (size_t i = 0; i < c->nu; i++)
        if (strcmp(c->u[i].path, path) == 0) {
            c->u[i].whole |= whole;
            return;
        }
    BC_GROW(c->u, c->cap_u, c->nu + 1);
    c->u[c->nu++] = (used){bc_xstrdup(path), whole};
}

/* ---- resolution ---------------------------------------------------------- */

typedef enum { R_FOUND, R_MISSING, R_UNKNOWN } rkind;

/* The members `key` of the map candidates of `from`, into `to`. */
static void S_members(const level *from, const char *key, size_t len,
                      level *to)
{
    for (size_t i = 0; i < from->count; i++) {
        const bc_node *n = from->v[i].n;
        if (!n || n->kind != BC_MAP)
            continue;
        const bc_entry *e = bc_node_entry(n, key, len);
        if (!e)
            continue;
        char *p = S_join(from->v[i].path, key, len);
        S_push(to, e->value, p);
        free(p);
    }
}

/* A key of the maps of `l` equal to key[0..len) once accents and case are
 * folded, or NULL. */
static const char *S_suggest(const level *l, const char *key, size_t len)
{
    size_t fl;
    char *want = bc_utf8_fold_ascii(key, len, &fl);
    const char *found = NULL;
    for (size_t i = 0; i < l->count && !found; i++) {
        const bc_node *n = l->v[i].n;
        for (size_t k = 0; n && n->kind == BC_MAP && k < n->count && !found; k++) {
            size_t kl;
            char *f = bc_utf8_fold_ascii(n->entries[k].key, n->entries[k].key_len, &kl);
            if (kl == fl && memcmp(f, want, fl) == 0)
                found = n->entries[k].key;
            free(f);
        }
    }
    free(want);
    return found;
}

/* Resolves `name` against the context stack; on R_FOUND *out holds the
 * values; on R_MISSING *suggest may name a close key. */
static rkind S_resolve(level *const *stack, size_t depth, const char *name,
                       level *out, const char **suggest)
{
    *suggest = NULL;
    if (strcmp(name, ".") == 0) {
        const level *top = stack[depth - 1];
        if (top->unknown)
            return R_UNKNOWN;
        for (size_t i = 0; i < top->count; i++)
            S_push(out, top->v[i].n, top->v[i].path);
        return R_FOUND;
    }
    const char *dot = strchr(name, '.');
    size_t first = dot ? (size_t)(dot - name) : strlen(name);
    level cur = {0};
    size_t at = depth;
    while (at-- > 0) {
        if (stack[at]->unknown)
            return R_UNKNOWN;
        S_members(stack[at], name, first, &cur);
        if (cur.count)
            break;
    }
    if (!cur.count) {
        *suggest = S_suggest(stack[0], name, first);
        for (size_t k = depth; !*suggest && k-- > 1;)
            *suggest = S_suggest(stack[k], name, first);
        return R_MISSING;
    }
    while (dot) {
        const char *seg = dot + 1;
        dot = strchr(seg, '.');
        size_t len = dot ? (size_t)(dot - seg) : strlen(seg);
        level next = {0};
        S_members(&cur, seg, len, &next);
        if (!next.count) {
            *suggest = S_suggest(&cur, seg, len);
            S_level_free(&cur);
            return R_MISSING;
        }
        S_level_free(&cur);
        cur = next;
    }
    *out = cur;
    return R_FOUND;
}

/* The context a section pushes: the items of lists, maps, other values. */
static void S_section_level(const level *vals, level *out)
{
    for (size_t i = 0; i < vals->count; i++) {
        const bc_node *n = vals->v[i].n;
        if (n && n->kind == BC_LIST) {
            bc_buf b = BC_BUF_INIT;
            bc_buf_printf(&b, "%s[]", vals->v[i].path);
            for (size_t k = 0; k < n->count; k++)
                S_push(out, n->items[k], bc_buf_cstr(&b));
            bc_buf_free(&b);
        } else {
            S_push(out, n, vals->v[i].path);
        }
    }
}

/* ---- uses ---------------------------------------------------------------------- */

static bool S_under(const char *path, const char *prefix)
{
    size_t n = strlen(prefix);
    return strncmp(path, prefix, n) == 0 &&
           (path[n] == '\0' || path[n] == '.' || path[n] == '[');
}

/* Something at or under `path` is used (or the path is inside a value
 * used whole). */
static bool S_used_under(const checker *c, const char *path)
{
    for (size_t i = 0; i < c->nu; i++) {
        if (S_under(c->u[i].path, path))
            return true;
        if (c->u[i].whole && S_under(path, c->u[i].path))
            return true;
    }
    return false;
}

static void S_use_derived(checker *c)
{
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        if (!k->derived && k->always_used) { /* whatever the template */
            S_use(c, k->path, true);
            continue;
        }
        if (!k->derived)
            continue;
        bool on = false;
        for (size_t i = 0; i < c->nu && !on; i++)
            on = strcmp(c->u[i].path, k->path) == 0;
        if (!on)
            continue;
        const char *s = k->from;
        while (*s) {
            size_t n = strcspn(s, " ");
            char *p = bc_xstrndup(s, n);
            S_use(c, p, true);
            free(p);
            s += n;
            while (*s == ' ')
                s++;
        }
    }
}

/* The {{names}} in the data's own text templates (noi_dung...). */
static void S_use_text_templates(checker *c, const bc_node *n)
{
    if (!n)
        return;
    if (n->kind == BC_MAP) {
        for (size_t i = 0; i < n->count; i++)
            S_use_text_templates(c, n->entries[i].value);
    } else if (n->kind == BC_LIST) {
        for (size_t i = 0; i < n->count; i++)
            S_use_text_templates(c, n->items[i]);
    } else if (n->kind == BC_SCALAR && n->str) {
        const char *s = n->str;
        while ((s = strstr(s, "{{")) != NULL) {
            s += 2;
            while (*s == '{' || *s == '#' || *s == '^' || *s == '/' ||
                   *s == '&' || *s == ' ')
                s++;
            size_t len = strcspn(s, "} ");
            if (len && *s != '!') {
                char *p = bc_xstrndup(s, len);
                S_use(c, p, true);
                free(p);
            }
            s += len;
        }
    }
}

static void S_unused(checker *c, const bc_node *map, const char *path,
                     const char *data_file, const char *tpl_name)
{
    for (size_t i = 0; map && map->kind == BC_MAP && i < map->count; i++) {
        const bc_entry *e = &map->entries[i];
        char *p = S_join(path, e->key, e->key_len);
        if (!S_used_under(c, p)) {
            /* a note: a template need not show every key of the data */
            bc_diag *g = bc_diag_add(c->d, BC_NOTE,
                                     e->value && e->value->file ? e->value->file
                                                                : data_file,
                                     e->line, e->col,
                                     _("`%s` is in the data, but no tag of %s "
                                       "uses it"),
                                     p, tpl_name);
            bc_diag_set_id(g, "T013");
            bc_diag_set_hint(g, _("remove the key from the data, or show it "
                                  "in the template with a tag"));
            c->findings++;
        } else if (e->value && e->value->kind == BC_MAP) {
            S_unused(c, e->value, p, data_file, tpl_name);
        } else if (e->value && e->value->kind == BC_LIST) {
            /* the keys of the items, each reported once */
            bc_buf b = BC_BUF_INIT;
            bc_buf_printf(&b, "%s[]", p);
            bc_node merged = {0};
            merged.kind = BC_MAP;
            bc_entry *all = NULL;
            size_t n = 0, cap = 0;
            for (size_t k = 0; k < e->value->count; k++) {
                const bc_node *it = e->value->items[k];
                for (size_t m = 0; it && it->kind == BC_MAP && m < it->count; m++) {
                    bool have = false;
                    for (size_t q = 0; q < n && !have; q++)
                        have = strcmp(all[q].key, it->entries[m].key) == 0;
                    if (have)
                        continue;
                    BC_GROW(all, cap, n + 1);
                    all[n++] = it->entries[m];
                }
            }
            merged.entries = all;
            merged.count = n;
            S_unused(c, &merged, bc_buf_cstr(&b), data_file, tpl_name);
            free(all);
            bc_buf_free(&b);
        }
        free(p);
    }
}

size_t bc_template_check_data(const bc_tpl_info *info, const char *tpl_name,
                              const bc_node *input, const bc_node *data,
                              bc_diags *d)
{
    checker c = {NULL, 0, 0, d, 0};
    level root = {0};
    S_push(&root, data, "");
    level **lv = bc_xcalloc(info->ntags + 1, sizeof *lv);
    level **stack = bc_xcalloc(info->ntags + 2, sizeof *stack);
    for (size_t t = 0; t < info->ntags; t++) {
        const bc_tpl_tag *g = &info->tags[t];
        if (g->kind != 0 && g->kind != '#' && g->kind != '^')
            continue;
        /* the contexts: the root, then each enclosing section's values */
        size_t depth = 0;
        for (long a = g->parent; a >= 0; a = info->tags[a].parent)
            if (info->tags[a].kind == '#' && lv[a])
                depth++;
        size_t k = depth + 1;
        for (long a = g->parent; a >= 0; a = info->tags[a].parent)
            if (info->tags[a].kind == '#' && lv[a])
                stack[--k] = lv[a];
        stack[0] = &root;
        level vals = {0};
        const char *suggest = NULL;
        rkind r = S_resolve(stack, depth + 1, g->name, &vals, &suggest);
        if (r == R_MISSING) {
            bool section = g->kind != 0;
            bc_diag *e = bc_diag_add(
                d, section ? BC_NOTE : BC_ERROR, tpl_name, 0, 0,
                g->kind == '^' ? _("`%s`: the data has no `%s`, so what "
                                   "the inverted section holds is shown")
                : section ? _("`%s`: the data has no `%s`, so what the "
                              "section holds is left out")
                          : _("`%s`: the data has no `%s`"),
                g->text, g->name);
            bc_diag_set_part(e, g->part, g->place);
            bc_diag_set_id(e, "T012");
            if (suggest) {
                bc_buf m = BC_BUF_INIT;
                bc_buf_printf(&m, _("%s; did you mean `%s`?"), e->msg, suggest);
                free(e->msg);
                e->msg = bc_buf_detach(&m, NULL);
            }
            if (!section) {
                bc_diag_set_hint(e, _("add the key to the data, or correct "
                                      "the name in the tag"));
                c.findings++;
            }
        } else if (r == R_FOUND) {
            for (size_t i = 0; i < vals.count; i++) {
                const bc_node *n = vals.v[i].n;
                bool container = n && (n->kind == BC_LIST || n->kind == BC_MAP);
                S_use(&c, vals.v[i].path, g->kind == 0 || !container);
            }
        }
        if (g->kind == '#') {
            lv[t] = bc_xcalloc(1, sizeof **lv);
            if (r == R_FOUND)
                S_section_level(&vals, lv[t]);
            else
                lv[t]->unknown = true;
        }
        S_level_free(&vals);
    }
    S_use_derived(&c);
    S_use_text_templates(&c, input);
    S_unused(&c, input, "", input ? input->file : NULL, tpl_name);
    for (size_t t = 0; t < info->ntags; t++) {
        if (lv[t])
            S_level_free(lv[t]);
        free(lv[t]);
    }
    free(lv);
    free(stack);
    S_level_free(&root);
    for (size_t i = 0; i < c.nu; i++)
        free(c.u[i].path);
    free(c.u);
    return c.findings;
}
