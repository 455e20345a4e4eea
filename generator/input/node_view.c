/*
 * node_view.c - the mustache data interface over the bc_node tree
 * (see node_view.h). Value handles are `const bc_node *`.
 */
#include "input/node_view.h"

#include <string.h>

static bc_mv_kind S_kind(void *closure, const void *v)
{
    (void)closure;
    const bc_node *n = v;
    switch (n->kind) {
    case BC_NULL:
        return BC_MV_NULL;
    case BC_BOOL:
        return n->boolean ? BC_MV_TRUE : BC_MV_FALSE;
    case BC_SCALAR:
        return BC_MV_SCALAR;
    case BC_LIST:
        return BC_MV_LIST;
    case BC_MAP:
        return BC_MV_MAP;
    }
    return BC_MV_MISSING;
}

static const void *S_member(void *closure, const void *map, const char *key,
                            size_t len)
{
    (void)closure;
    const bc_node *m = map;
    if (m->kind == BC_LIST) {
        /* an item by its index from 0: {{phu_luc.0.so}} */
        size_t i = 0;
        if (len == 0 || len > 6 || (len > 1 && key[0] == '0'))
            return NULL;
        for (size_t k = 0; k < len; k++) {
            if (key[k] < '0' || key[k] > '9')
                return NULL;
            i = i * 10 + (size_t)(key[k] - '0');
        }
        return i < m->count ? m->items[i] : NULL;
    }
    if (m->kind != BC_MAP)
        return NULL;
    const bc_entry *e = bc_node_entry(m, key, len);
    return e ? e->value : NULL;
}

static size_t S_count(void *closure, const void *v)
{
    (void)closure;
    const bc_node *n = v;
    return n->kind == BC_LIST || n->kind == BC_MAP ? n->count : 0;
}

static const void *S_item(void *closure, const void *list, size_t i)
{
    (void)closure;
    const bc_node *n = list;
    return n->kind == BC_LIST && i < n->count ? n->items[i] : NULL;
}

static const char *S_key_at(void *closure, const void *map, size_t i,
                            size_t *len)
{
    (void)closure;
    const bc_node *n = map;
    if (n->kind != BC_MAP || i >= n->count)
        return NULL;
    *len = n->entries[i].key_len;
    return n->entries[i].key;
}

static const char *S_text(void *closure, const void *v, size_t *len)
{
    (void)closure;
    const bc_node *n = v;
    switch (n->kind) {
    case BC_SCALAR:
        *len = n->len;
        return n->str ? n->str : "";
    case BC_BOOL:
        *len = n->boolean ? 4 : 5;
        return n->boolean ? "true" : "false";
    default:
        *len = 0;
        return "";
    }
}

const bc_mdata bc_node_view = {
    .closure = NULL,
    .kind = S_kind,
    .member = S_member,
    .count = S_count,
    .item = S_item,
    .key_at = S_key_at,
    .text = S_text,
};

int bc_node_view_text(const bc_mtpl *t, const bc_node *root, bool lenient,
                      bc_buf *out, bc_diags *d)
{
    bc_mapply ap;
    memset(&ap, 0, sizeof ap);
    ap.data = &bc_node_view;
    ap.root = root;
    ap.escape = bc_mustache_escape_none;
    ap.lenient = lenient;
    ap.diags = d;
    return bc_mustache_apply(t, &ap, out);
}
