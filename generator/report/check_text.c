/*
 * check_text.c - the review of keys and of the text of every value (see
 * check.h):
 *   C01  a key that is not reserved but looks like a misspelling of one
 *        (within 2 edits after ASCII folding: `noi_nhanh`, `trich_yue`,
 *        `Số`) is only data, so the report silently lacks it: "did you
 *        mean"; a key named like a value the program derives is replaced
 *        (the keys of both kinds are schema.h's);
 *   L32  no double space inside a line of any value. Text is NFC in the
 *        output whatever the input (the loader normalises it), so the NFC
 *        half of the rule holds by construction.
 */
#include "report/check_int.h"

#include "base/buf.h"
#include "base/byte_scan.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "report/schema.h"

#include <stdio.h>

#include <stdlib.h>
#include <string.h>

/* ---- C01: keys ------------------------------------------------------------------ */


/* The keys of the map at `parent` ("" the root, else "nguoi_ky." or
 * "ky_bao_cao."): each is reserved, derived, or data that may be a
 * misspelt reserved key. */
static void S_keys_of(bc_check_ctx *c, const bc_node *map, const char *where)
{
    if (!map || map->kind != BC_MAP)
        return;
    size_t wl = strlen(where);
    char parent[32];
    snprintf(parent, sizeof parent, "%.*s", (int)(wl ? wl - 1 : 0), where);
    for (size_t i = 0; i < map->count; i++) {
        const bc_entry *e = &map->entries[i];
        bool derived = false;
        if (bc_schema_has(parent, e->key, &derived) && !derived)
            continue;
        if (derived) {
            bc_check_key(c, BC_WARNING, "C01", map, e,
                       _("`%s%s` is a value the program derives: what is written "
                         "here is replaced (give your data another name)"),
                       where, e->key);
            continue;
        }
        size_t fl;
        char *folded = bc_utf8_fold_ascii(e->key, e->key_len, &fl);
        const char *best = NULL;
        size_t best_d = 99;
        for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
            /* the input keys of the same map */
            if ((k->derived && !k->written_wins) || strncmp(k->path, where, wl) != 0 ||
                strchr(k->path + wl, '.'))
                continue;
            const char *r = k->path + wl;
            size_t len = strlen(r);
            size_t limit = len <= 2 ? 0 : len <= 4 ? 1 : 2;
            size_t dist = bc_utf8_distance(folded, strlen(folded), r, strlen(r));
            if (dist <= limit && dist < best_d) {
                best = r;
                best_d = dist;
            }
        }
        free(folded);
        if (best)
            bc_check_key(c, BC_WARNING, "C01", map, e,
                       _("`%s%s` is not a key of the report (it is kept as data "
                         "for {{tags}}); did you mean `%s%s`?"),
                       where, e->key, where, best);
    }
}

void bc_check_text_keys(bc_check_ctx *c)
{
    S_keys_of(c, c->in, "");
    S_keys_of(c, bc_node_get(c->in, "nguoi_ky"), "nguoi_ky.");
    S_keys_of(c, bc_node_get(c->in, "ky_bao_cao"), "ky_bao_cao.");
}

/* ---- L32: double spaces ------------------------------------------------------------ */

/* The first two spaces in a row in s[0..n), or NULL. */
static const char *S_double_space(const char *s, size_t n)
{
    size_t i = bc_byte_scan_pair((const unsigned char *)s, n, ' ');
    return i < n ? s + i : NULL;
}

static void S_spaces_in(bc_check_ctx *c, const bc_node *v, const char *path)
{
    const char *s = v->str;
    size_t n = v->len;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t end = nl ? (size_t)(nl - s) : n;
        size_t a = i;
        while (a < end && (s[a] == ' ' || s[a] == '\t'))
            a++;
        /* the line's first double space, unless only spaces follow it */
        const char *dbl = S_double_space(s + a, end - a);
        if (dbl) {
            size_t k = (size_t)(dbl - s), r = k;
            while (r < end && s[r] == ' ')
                r++;
            if (r < end) {
                int line, col;
                bc_check_locate(c, v, k, &line, &col);
                bc_check_pos(c, BC_WARNING, "L32", v, line, col,
                           _("double space in `%s`; one space is enough"), path);
            }
        }
        i = end + 1;
    }
}

static void S_truncate(bc_buf *b, size_t len)
{
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

static void S_walk(bc_check_ctx *c, const bc_node *v, bc_buf *path)
{
    if (!v)
        return;
    size_t mark = path->len;
    if (v->kind == BC_SCALAR) {
        S_spaces_in(c, v, bc_buf_cstr(path));
    } else if (v->kind == BC_LIST) {
        for (size_t i = 0; i < v->count; i++) {
            bc_buf_putc(path, '[');
            bc_buf_put_uint(path, i + 1, 0);
            bc_buf_putc(path, ']');
            S_walk(c, v->items[i], path);
            S_truncate(path, mark);
        }
    } else if (v->kind == BC_MAP) {
        for (size_t i = 0; i < v->count; i++) {
            if (mark)
                bc_buf_putc(path, '.');
            bc_buf_puts(path, v->entries[i].key);
            S_walk(c, v->entries[i].value, path);
            S_truncate(path, mark);
        }
    }
}

void bc_check_text_spaces(bc_check_ctx *c)
{
    bc_buf path = BC_BUF_INIT;
    S_walk(c, c->in, &path);
    bc_buf_free(&path);
}
