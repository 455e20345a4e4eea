/*
 * node.c - the data tree (see node.h): construction, lookup, dotted
 * paths, cloning and the batch merge rule.
 */
#include "input/node.h"
#include "base/i18n.h"

#include <string.h>

/* Marked for translation; callers translate with _(bc_node_kind_name(k)). */
static const char *const S_kind_names[] = {
    [BC_NULL] = N_("null"), [BC_BOOL] = N_("a boolean"), [BC_SCALAR] = N_("a text"),
    [BC_LIST] = N_("a list"), [BC_MAP] = N_("a map")};

const char *bc_node_kind_name(bc_kind k)
{
    return S_kind_names[k];
}

bc_node *bc_node_new(bc_arena *a, bc_kind kind)
{
    bc_node *n = bc_arena_alloc(a, sizeof *n);
    n->kind = kind;
    if (kind == BC_SCALAR)
        n->str = "";
    return n;
}

bc_node *bc_node_scalar(bc_arena *a, const char *s, size_t len)
{
    bc_node *n = bc_node_new(a, BC_SCALAR);
    n->str = bc_arena_strndup(a, s, len);
    n->len = len;
    n->plain = false;
    return n;
}

static void S_grow(bc_arena *a, bc_node *n, size_t elem)
{
    if (n->count < n->cap)
        return;
    size_t cap = n->cap ? n->cap * 2 : 4;
    void *p = bc_arena_alloc(a, cap * elem);
    void *old = n->kind == BC_LIST ? (void *)n->items : (void *)n->entries;
    if (old)
        memcpy(p, old, n->count * elem);
    if (n->kind == BC_LIST)
        n->items = p;
    else
        n->entries = p;
    n->cap = cap;
}

void bc_node_push(bc_arena *a, bc_node *list, bc_node *item)
{
    S_grow(a, list, sizeof *list->items);
    list->items[list->count++] = item;
}

bc_entry *bc_node_entry(const bc_node *map, const char *key, size_t klen)
{
    if (!map || map->kind != BC_MAP)
        return NULL;
    for (size_t i = 0; i < map->count; i++) {
        bc_entry *e = &map->entries[i];
        if (e->key_len == klen && memcmp(e->key, key, klen) == 0)
            return e;
    }
    return NULL;
}

bc_entry *bc_node_set(bc_arena *a, bc_node *map, const char *key, size_t klen,
                     bc_node *value)
{
    bc_entry *e = bc_node_entry(map, key, klen);
    if (!e) {
        S_grow(a, map, sizeof *map->entries);
        e = &map->entries[map->count++];
        e->key = bc_arena_strndup(a, key, klen);
        e->key_len = klen;
        e->line = e->col = 0;
    }
    e->value = value;
    return e;
}

bc_node *bc_node_get(const bc_node *map, const char *key)
{
    bc_entry *e = bc_node_entry(map, key, strlen(key));
    return e ? e->value : NULL;
}

bc_node *bc_node_path(const bc_node *root, const char *path)
{
    const bc_node *n = root;
    while (n && *path) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        bc_entry *e = bc_node_entry(n, path, len);
        n = e ? e->value : NULL;
        path += len + (dot ? 1 : 0);
    }
    return (bc_node *)n;
}

bool bc_node_has_text(const bc_node *n)
{
    if (!n || n->kind != BC_SCALAR)
        return false;
    for (size_t i = 0; i < n->len; i++)
        if (n->str[i] != ' ' && n->str[i] != '\t' && n->str[i] != '\n' &&
            n->str[i] != '\r')
            return true;
    return false;
}

bc_node *bc_node_clone(bc_arena *a, const bc_node *n)
{
    if (!n)
        return NULL;
    bc_node *c = bc_arena_alloc(a, sizeof *c);
    *c = *n;
    c->items = NULL;
    c->entries = NULL;
    c->count = c->cap = 0;
    if (n->kind == BC_SCALAR)
        c->str = bc_arena_strndup(a, n->str, n->len);
    for (size_t i = 0; n->kind == BC_LIST && i < n->count; i++)
        bc_node_push(a, c, bc_node_clone(a, n->items[i]));
    for (size_t i = 0; n->kind == BC_MAP && i < n->count; i++) {
        const bc_entry *e = &n->entries[i];
        bc_entry *ce = bc_node_set(a, c, e->key, e->key_len,
                                  bc_node_clone(a, e->value));
        ce->line = e->line;
        ce->col = e->col;
    }
    return c;
}

bc_node *bc_node_merge(bc_arena *a, const bc_node *base, const bc_node *over)
{
    if (!over)
        return (bc_node *)base;
    if (!base || base->kind != BC_MAP || over->kind != BC_MAP)
        return (bc_node *)over;
    bc_node *m = bc_node_new(a, BC_MAP);
    m->line = over->line;
    m->col = over->col;
    m->file = over->file;
    for (size_t i = 0; i < base->count; i++) {
        const bc_entry *e = &base->entries[i];
        bc_entry *ne = bc_node_set(a, m, e->key, e->key_len, e->value);
        ne->line = e->line;
        ne->col = e->col;
    }
    for (size_t i = 0; i < over->count; i++) {
        const bc_entry *e = &over->entries[i];
        bc_entry *old = bc_node_entry(m, e->key, e->key_len);
        bc_node *v = bc_node_merge(a, old ? old->value : NULL, e->value);
        bc_entry *ne = bc_node_set(a, m, e->key, e->key_len, v);
        ne->line = e->line;
        ne->col = e->col;
    }
    return m;
}
