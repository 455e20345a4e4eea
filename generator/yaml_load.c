/*
 * yaml_load.c - libyaml events into the bc_node tree (see yaml_load.h).
 *
 * The loader checks UTF-8 itself before libyaml sees the bytes, so that a
 * bad byte is reported with its line and column (libyaml only gives an
 * offset). Values are NFC-normalised and checked for characters that XML
 * cannot carry, so that later stages never meet them.
 */
#include "yaml_load.h"
#include "alloc.h"
#include "buf.h"
#include "i18n.h"
#include "unicode_text.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define BC_YAML_MAX_DEPTH 200

typedef struct anchor {
    char *name;
    bc_node *node;
    struct anchor *next;
} anchor;

typedef struct loader {
    yaml_parser_t parser;
    bc_arena *arena;
    bc_diags *diags;
    const char *file;   /* arena copy, shared by nodes */
    const char *data;
    size_t len;
    anchor *anchors;
    int depth;
} loader;

/* Line and column (1-based, column in characters) of a byte offset. */
static void S_offset_pos(const char *data, size_t len, size_t off, int *line,
                         int *col)
{
    int l = 1, c = 1;
    for (size_t i = 0; i < off && i < len; i++) {
        unsigned char ch = (unsigned char)data[i];
        if (ch == '\n') {
            l++;
            c = 1;
        } else if ((ch & 0xC0) != 0x80) {
            c++;
        }
    }
    *line = l;
    *col = c;
}

static void S_error_at_mark(loader *L, yaml_mark_t m, const char *fmt,
                            const char *arg)
{
    bc_diag_add(L->diags, BC_ERROR, L->file, (int)m.line + 1,
                (int)m.column + 1, fmt, arg);
}

static void S_parser_error(loader *L)
{
    yaml_parser_t *p = &L->parser;
    const char *problem = p->problem ? p->problem : "unknown problem";
    if (p->error == YAML_READER_ERROR) {
        int line, col;
        S_offset_pos(L->data, L->len, p->problem_offset, &line, &col);
        if (p->problem_value != -1)
            bc_diag_add(L->diags, BC_ERROR, L->file, line, col,
                        _("YAML: %s (U+%04X)"), problem,
                        (unsigned)p->problem_value);
        else
            bc_diag_add(L->diags, BC_ERROR, L->file, line, col, _("YAML: %s"),
                        problem);
        return;
    }
    yaml_mark_t m = p->problem_mark;
    if (p->context)
        bc_diag_add(L->diags, BC_ERROR, L->file, (int)m.line + 1,
                    (int)m.column + 1, _("YAML: %s %s (line %d)"), problem,
                    p->context, (int)p->context_mark.line + 1);
    else
        bc_diag_add(L->diags, BC_ERROR, L->file, (int)m.line + 1,
                    (int)m.column + 1, _("YAML: %s"), problem);
}

static bool S_next(loader *L, yaml_event_t *ev)
{
    if (!yaml_parser_parse(&L->parser, ev)) {
        S_parser_error(L);
        return false;
    }
    return true;
}

/* Indentation of the first non-empty content line of a block scalar whose
 * indicator ("|" or ">") is on 0-based line `line` (libyaml's marks count
 * characters, not bytes, so the line is found by counting newlines). */
static int S_block_indent(loader *L, size_t line)
{
    size_t i = 0;
    for (size_t l = 0; l < line && i < L->len; i++)
        if (L->data[i] == '\n')
            l++;
    while (i < L->len && L->data[i] != '\n')
        i++;
    while (i < L->len) {
        i++; /* past the newline */
        int n = 0;
        while (i + n < L->len && L->data[i + n] == ' ')
            n++;
        if (i + n < L->len && L->data[i + n] != '\n' && L->data[i + n] != '\r')
            return n;
        i += n;
        while (i < L->len && L->data[i] != '\n')
            i++;
    }
    return 0;
}

static bool S_plain_is(const char *s, size_t n, const char *const *words)
{
    for (; *words; words++)
        if (strlen(*words) == n && memcmp(*words, s, n) == 0)
            return true;
    return false;
}

static const char *const S_nulls[] = {"null", "Null", "NULL", "~", NULL};
static const char *const S_trues[] = {"true", "True", "TRUE", NULL};
static const char *const S_falses[] = {"false", "False", "FALSE", NULL};

/* Makes a scalar node: special plain words, NFC, XML-legal check. */
static bc_node *S_scalar(loader *L, yaml_event_t *ev, const char *key)
{
    const char *s = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    bool plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    bc_node *node;
    if (plain && (n == 0 || S_plain_is(s, n, S_nulls))) {
        node = bc_node_new(L->arena, BC_NULL);
    } else if (plain && S_plain_is(s, n, S_trues)) {
        node = bc_node_new(L->arena, BC_BOOL);
        node->boolean = true;
    } else if (plain && S_plain_is(s, n, S_falses)) {
        node = bc_node_new(L->arena, BC_BOOL);
        node->boolean = false;
    } else {
        size_t off;
        unsigned cp = bc_xml_illegal(s, n, &off);
        if (cp) {
            bc_diag_add(L->diags, BC_ERROR, L->file,
                        (int)ev->start_mark.line + 1,
                        (int)ev->start_mark.column + 1,
                        _("the value of `%s` contains the control character "
                          "U+%04X, which a document cannot hold"),
                        key ? key : "(item)", cp);
            return NULL;
        }
        if (bc_is_nfc(s, n)) {
            node = bc_node_scalar(L->arena, s, n);
        } else {
            size_t m;
            char *nfc = bc_nfc(s, n, &m);
            node = bc_node_scalar(L->arena, nfc, m);
            free(nfc);
        }
    }
    node->plain = plain;
    switch (ev->data.scalar.style) {
    case YAML_SINGLE_QUOTED_SCALAR_STYLE: node->style = '\''; break;
    case YAML_DOUBLE_QUOTED_SCALAR_STYLE: node->style = '"'; break;
    case YAML_LITERAL_SCALAR_STYLE: node->style = '|'; break;
    case YAML_FOLDED_SCALAR_STYLE: node->style = '>'; break;
    default: node->style = 'p'; break;
    }
    if (node->style == '|' || node->style == '>')
        node->indent = S_block_indent(L, (size_t)ev->start_mark.line);
    node->line = (int)ev->start_mark.line + 1;
    node->col = (int)ev->start_mark.column + 1;
    node->file = L->file;
    return node;
}

static void S_remember_anchor(loader *L, const yaml_char_t *name, bc_node *n)
{
    if (!name)
        return;
    anchor *a = bc_xcalloc(1, sizeof *a);
    a->name = bc_xstrdup((const char *)name);
    a->node = n;
    a->next = L->anchors;
    L->anchors = a;
}

static bc_node *S_node(loader *L, yaml_event_t *ev, const char *key);

static bc_node *S_sequence(loader *L, yaml_event_t *start, const char *key)
{
    bc_node *list = bc_node_new(L->arena, BC_LIST);
    list->line = (int)start->start_mark.line + 1;
    list->col = (int)start->start_mark.column + 1;
    list->file = L->file;
    S_remember_anchor(L, start->data.sequence_start.anchor, list);
    bool ok = true;
    for (;;) {
        yaml_event_t ev;
        if (!S_next(L, &ev))
            return NULL;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        bc_node *item = S_node(L, &ev, key);
        yaml_event_delete(&ev);
        if (!item) {
            if (L->parser.error != YAML_NO_ERROR || L->depth > BC_YAML_MAX_DEPTH)
                return NULL;
            ok = false;
            continue;
        }
        bc_list_push(L->arena, list, item);
    }
    return ok ? list : NULL;
}

static bc_node *S_mapping(loader *L, yaml_event_t *start)
{
    bc_node *map = bc_node_new(L->arena, BC_MAP);
    map->line = (int)start->start_mark.line + 1;
    map->col = (int)start->start_mark.column + 1;
    map->file = L->file;
    S_remember_anchor(L, start->data.mapping_start.anchor, map);
    bool ok = true;
    for (;;) {
        yaml_event_t kev;
        if (!S_next(L, &kev))
            return NULL;
        if (kev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&kev);
            break;
        }
        if (kev.type != YAML_SCALAR_EVENT) {
            S_error_at_mark(L, kev.start_mark, "%s",
                            _("a key must be plain text, not a list or map"));
            yaml_event_delete(&kev);
            return NULL;
        }
        const char *k = (const char *)kev.data.scalar.value;
        size_t klen = kev.data.scalar.length;
        char *knfc = bc_nfc(k, klen, &klen);
        int kline = (int)kev.start_mark.line + 1;
        int kcol = (int)kev.start_mark.column + 1;
        yaml_event_delete(&kev);
        bc_entry *dup = bc_map_entry(map, knfc, klen);
        if (dup) {
            bc_diag_add(L->diags, BC_ERROR, L->file, kline, kcol,
                        _("duplicate key `%s` (first written at line %d)"),
                        knfc, dup->line);
            ok = false;
        }
        yaml_event_t vev;
        if (!S_next(L, &vev)) {
            free(knfc);
            return NULL;
        }
        bc_node *v = S_node(L, &vev, knfc);
        yaml_event_delete(&vev);
        if (!v) {
            free(knfc);
            if (L->parser.error != YAML_NO_ERROR || L->depth > BC_YAML_MAX_DEPTH)
                return NULL;
            ok = false;
            continue;
        }
        if (!dup) {
            bc_entry *e = bc_map_set(L->arena, map, knfc, klen, v);
            e->line = kline;
            e->col = kcol;
        }
        free(knfc);
    }
    return ok ? map : NULL;
}

static bc_node *S_node(loader *L, yaml_event_t *ev, const char *key)
{
    bc_node *n = NULL;
    if (++L->depth > BC_YAML_MAX_DEPTH) {
        if (L->depth == BC_YAML_MAX_DEPTH + 1)
            S_error_at_mark(L, ev->start_mark,
                            _("nesting deeper than %s levels"), "200");
        L->depth--;
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = S_scalar(L, ev, key);
        if (n)
            S_remember_anchor(L, ev->data.scalar.anchor, n);
        break;
    case YAML_SEQUENCE_START_EVENT:
        n = S_sequence(L, ev, key);
        break;
    case YAML_MAPPING_START_EVENT:
        n = S_mapping(L, ev);
        break;
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        for (anchor *a = L->anchors; a; a = a->next)
            if (strcmp(a->name, name) == 0) {
                n = a->node;
                break;
            }
        if (!n)
            S_error_at_mark(L, ev->start_mark, _("unknown alias `*%s`"), name);
        break;
    }
    default:
        S_error_at_mark(L, ev->start_mark, "%s", _("unexpected YAML event"));
        break;
    }
    L->depth--;
    return n;
}

bc_node *bc_yaml_load_mem(bc_arena *a, const char *name, const char *data,
                          size_t len, bc_diags *d)
{
    loader L;
    memset(&L, 0, sizeof L);
    L.arena = a;
    L.diags = d;
    L.file = bc_arena_strdup(a, name);
    L.data = data;
    L.len = len;

    size_t bad;
    if (!bc_utf8_valid(data, len, &bad)) {
        int line, col;
        S_offset_pos(data, len, bad, &line, &col);
        bc_diag_add(d, BC_ERROR, L.file, line, col,
                    _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
                    (unsigned char)data[bad]);
        return NULL;
    }

    yaml_parser_initialize(&L.parser);
    yaml_parser_set_input_string(&L.parser, (const unsigned char *)data, len);
    bc_node *root = NULL;
    bool done = false, failed = false;
    while (!done) {
        yaml_event_t ev;
        if (!S_next(&L, &ev)) {
            failed = true;
            break;
        }
        switch (ev.type) {
        case YAML_STREAM_END_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            done = true;
            break;
        case YAML_SCALAR_EVENT:
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
        case YAML_ALIAS_EVENT:
            root = S_node(&L, &ev, NULL);
            if (!root)
                failed = true;
            done = true;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&L.parser);
    for (anchor *an = L.anchors; an;) {
        anchor *next = an->next;
        free(an->name);
        free(an);
        an = next;
    }
    if (failed)
        return NULL;
    if (!root) {
        root = bc_node_new(a, BC_NULL);
        root->file = L.file;
        root->line = root->col = 1;
    }
    return root;
}

bc_node *bc_yaml_load_file(bc_arena *a, const char *path, bc_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"),
                    strerror(errno));
        return NULL;
    }
    bc_buf b = BC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bc_buf_put(&b, chunk, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot read: %s"),
                    strerror(errno));
        bc_buf_free(&b);
        return NULL;
    }
    bc_node *root = bc_yaml_load_mem(a, path, b.data ? b.data : "", b.len, d);
    bc_buf_free(&b);
    return root;
}
