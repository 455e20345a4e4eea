/*
 * yaml_load.c - libyaml events into the bc_node tree (see yaml_load.h).
 *
 * The loader checks UTF-8 itself before libyaml sees the bytes, so that a
 * bad byte is reported with its line and column (libyaml only gives an
 * offset). Values are NFC-normalised and checked for characters that XML
 * cannot carry, so that later stages never meet them.
 */
#include "input/yaml_load.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define BC_YAML_MAX_DEPTH 200
/* Values a document may expand to through aliases ("billion laughs"). */
#define BC_YAML_MAX_VALUES 1000000

typedef struct anchor {
    char *name;
    bc_node *node;
    bool open;            /* the node is still being read: an alias to it
                             would make a loop */
    struct anchor *next;
} anchor;

typedef struct loader {
    yaml_parser_t parser;
    bc_arena *arena;
    bc_diags *diags;
    const char *file;   /* file name shared by nodes (owned by `names`) */
    const char *data;   /* whole input (memory mode), NULL when streaming */
    size_t len;
    anchor *anchors;
    int depth;
    bool bombed;            /* aliases expanded past BC_YAML_MAX_VALUES */
    yaml_event_t pending;   /* one event of look-ahead */
    bool has_pending;
    bool read_failed;       /* the input handler failed (a read error) */
    /* streaming mode */
    FILE *fp;
    size_t size;            /* file size, for progress */
    size_t consumed;        /* bytes handed to libyaml */
    bc_arena names;         /* holds `file` in streaming mode */
} loader;

struct bc_yaml_reader {
    loader L;
};

/* Where a byte offset is: 1-based line and column (in characters), and the
 * byte there. With `lead`, an offset inside a multi-byte sequence (libyaml
 * points at a bad trailing byte) moves back to the sequence's first byte. */
typedef struct byte_pos {
    int line, col, byte;
} byte_pos;

static byte_pos S_pos_of(int (*next)(void *), void *src, size_t off, bool lead)
{
    byte_pos at = {1, 1, -1}, lead_at = {0, 0, -1};
    size_t lead_off = (size_t)-1;
    int ch = EOF;
    for (size_t i = 0; i <= off && (ch = next(src)) != EOF; i++) {
        if (i == off)
            break;
        if (ch >= 0xC0) {
            lead_at = at;
            lead_at.byte = ch;
            lead_off = i;
        }
        if (ch == '\n') {
            at.line++;
            at.col = 1;
        } else if ((ch & 0xC0) != 0x80) {
            at.col++;
        }
    }
    at.byte = ch;
    if (lead && lead_off != (size_t)-1 && off - lead_off <= 3)
        return lead_at;
    return at;
}

typedef struct mem_src {
    const unsigned char *p;
    size_t len, i;
} mem_src;

static int S_mem_next(void *src)
{
    mem_src *m = src;
    return m->i < m->len ? m->p[m->i++] : EOF;
}

static int S_file_next(void *src)
{
    return getc((FILE *)src);
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
        bool lead = strstr(problem, "trailing") != NULL;
        byte_pos at = {0, 0, -1};
        if (L->data) {
            mem_src m = {(const unsigned char *)L->data, L->len, 0};
            at = S_pos_of(S_mem_next, &m, p->problem_offset, lead);
        } else {
            FILE *f = fopen(L->file, "rb");
            if (f) {
                at = S_pos_of(S_file_next, f, p->problem_offset, lead);
                fclose(f);
            }
        }
        int line = at.line, col = at.col, byte = at.byte;
        /* libyaml's UTF-8 problems, in the words the loader uses elsewhere */
        if (byte >= 0 && (strstr(problem, "UTF-8") ||
                          strstr(problem, "invalid Unicode character"))) {
            bc_diag_add(L->diags, BC_ERROR, L->file, line, col,
                        _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
                        (unsigned)byte);
            return;
        }
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
    if (L->has_pending) {
        *ev = L->pending;
        L->has_pending = false;
        return true;
    }
    if (!yaml_parser_parse(&L->parser, ev)) {
        if (!L->read_failed)
            S_parser_error(L);
        return false;
    }
    return true;
}

static bool S_peek(loader *L, yaml_event_t **ev)
{
    if (!L->has_pending) {
        if (!S_next(L, &L->pending))
            return false;
        L->has_pending = true;
    }
    *ev = &L->pending;
    return true;
}

/* Indentation of the first non-empty content line of a block scalar whose
 * indicator ("|" or ">") is on 0-based line `line` (libyaml's marks count
 * characters, not bytes, so the line is found by counting newlines). */
static int S_block_indent(loader *L, size_t line)
{
    if (!L->data)
        return -1; /* streaming: bc_yaml_block_indent() on demand */
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
        bool is_nfc = true;
        unsigned cp = bc_utf8_screen(s, n, &off, &is_nfc);
        if (cp) {
            bc_diag_add(L->diags, BC_ERROR, L->file,
                        (int)ev->start_mark.line + 1,
                        (int)ev->start_mark.column + 1,
                        _("the value of `%s` contains the control character "
                          "U+%04X, which a document cannot hold"),
                        key ? key : "(item)", cp);
            return NULL;
        }
        if (is_nfc) {
            node = bc_node_scalar(L->arena, s, n);
        } else {
            size_t m;
            char *nfc = bc_utf8_nfc(s, n, &m);
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

static void S_remember_anchor(loader *L, const yaml_char_t *name, bc_node *n,
                              bool open)
{
    if (!name)
        return;
    anchor *a = bc_xcalloc(1, sizeof *a);
    a->name = bc_xstrdup((const char *)name);
    a->node = n;
    a->open = open;
    a->next = L->anchors;
    L->anchors = a;
}

/* A collection is complete: aliases to it are fine from now on. */
static void S_close_anchor(loader *L, const bc_node *n)
{
    for (anchor *a = L->anchors; a; a = a->next)
        if (a->node == n)
            a->open = false;
}

/* Consumes the rest of a node whose start event was `ev` (already read),
 * so that the reader stays in step after an error inside it. */
static bool S_skip(loader *L, const yaml_event_t *ev)
{
    if (ev->type != YAML_SEQUENCE_START_EVENT && ev->type != YAML_MAPPING_START_EVENT)
        return true;
    int depth = 1;
    while (depth > 0) {
        yaml_event_t e;
        if (!S_next(L, &e))
            return false;
        if (e.type == YAML_SEQUENCE_START_EVENT || e.type == YAML_MAPPING_START_EVENT)
            depth++;
        else if (e.type == YAML_SEQUENCE_END_EVENT || e.type == YAML_MAPPING_END_EVENT)
            depth--;
        yaml_event_delete(&e);
    }
    return true;
}

/* Adds a child's weight; false (after one diagnostic) past the bound. */
static bool S_weigh(loader *L, bc_node *parent, const bc_node *child,
                    yaml_mark_t at)
{
    parent->weight += child->weight;
    if (parent->weight <= BC_YAML_MAX_VALUES)
        return true;
    if (!L->bombed)
        bc_diag_add(L->diags, BC_ERROR, L->file, (int)at.line + 1, (int)at.column + 1,
                    _("aliases make this document more than %d values long"),
                    BC_YAML_MAX_VALUES);
    L->bombed = true;
    return false;
}

static bc_node *S_node(loader *L, yaml_event_t *ev, const char *key);

static bc_node *S_sequence(loader *L, yaml_event_t *start, const char *key)
{
    bc_node *list = bc_node_new(L->arena, BC_LIST);
    list->line = (int)start->start_mark.line + 1;
    list->col = (int)start->start_mark.column + 1;
    list->file = L->file;
    list->weight = 1;
    S_remember_anchor(L, start->data.sequence_start.anchor, list, true);
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
        yaml_mark_t at = ev.start_mark;
        yaml_event_delete(&ev);
        if (!item) {
            if (L->parser.error != YAML_NO_ERROR || L->read_failed)
                return NULL;
            ok = false;
            continue;
        }
        if (!S_weigh(L, list, item, at))
            ok = false;
        else
            bc_node_push(L->arena, list, item);
    }
    S_close_anchor(L, list);
    return ok ? list : NULL;
}

static bc_node *S_mapping(loader *L, yaml_event_t *start)
{
    bc_node *map = bc_node_new(L->arena, BC_MAP);
    map->line = (int)start->start_mark.line + 1;
    map->col = (int)start->start_mark.column + 1;
    map->file = L->file;
    map->weight = 1;
    S_remember_anchor(L, start->data.mapping_start.anchor, map, true);
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
            /* skip the key and its value, and go on with the map */
            bool in_step = S_skip(L, &kev);
            yaml_event_delete(&kev);
            yaml_event_t vev;
            if (!in_step || !S_next(L, &vev))
                return NULL;
            in_step = S_skip(L, &vev);
            yaml_event_delete(&vev);
            if (!in_step)
                return NULL;
            ok = false;
            continue;
        }
        const char *k = (const char *)kev.data.scalar.value;
        size_t klen = kev.data.scalar.length;
        char *knfc = bc_utf8_is_nfc(k, klen) ? bc_xstrndup(k, klen) : bc_utf8_nfc(k, klen, &klen);
        int kline = (int)kev.start_mark.line + 1;
        int kcol = (int)kev.start_mark.column + 1;
        yaml_event_delete(&kev);
        bc_entry *dup = bc_node_entry(map, knfc, klen);
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
        yaml_mark_t at = vev.start_mark;
        yaml_event_delete(&vev);
        if (!v) {
            free(knfc);
            if (L->parser.error != YAML_NO_ERROR || L->read_failed)
                return NULL;
            ok = false;
            continue;
        }
        if (!S_weigh(L, map, v, at))
            ok = false;
        else if (!dup) {
            bc_entry *e = bc_node_set(L->arena, map, knfc, klen, v);
            e->line = kline;
            e->col = kcol;
        }
        free(knfc);
    }
    S_close_anchor(L, map);
    return ok ? map : NULL;
}

static bc_node *S_node(loader *L, yaml_event_t *ev, const char *key)
{
    bc_node *n = NULL;
    if (++L->depth > BC_YAML_MAX_DEPTH) {
        S_error_at_mark(L, ev->start_mark, _("nesting deeper than %s levels"),
                        "200");
        S_skip(L, ev); /* stay in step with the events */
        L->depth--;
        return NULL;
    }
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
        n = S_scalar(L, ev, key);
        if (n) {
            n->weight = 1;
            S_remember_anchor(L, ev->data.scalar.anchor, n, false);
        }
        break;
    case YAML_SEQUENCE_START_EVENT:
        n = S_sequence(L, ev, key);
        break;
    case YAML_MAPPING_START_EVENT:
        n = S_mapping(L, ev);
        break;
    case YAML_ALIAS_EVENT: {
        const char *name = (const char *)ev->data.alias.anchor;
        const anchor *found = NULL;
        for (anchor *a = L->anchors; a && !found; a = a->next)
            if (strcmp(a->name, name) == 0)
                found = a;
        if (!found)
            S_error_at_mark(L, ev->start_mark, _("unknown alias `*%s`"), name);
        else if (found->open)
            S_error_at_mark(L, ev->start_mark,
                            _("the alias `*%s` stands inside the value it names "
                              "(a loop)"),
                            name);
        else
            n = found->node;
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
        mem_src m = {(const unsigned char *)data, len, 0};
        byte_pos at = S_pos_of(S_mem_next, &m, bad, false);
        bc_diag_add(d, BC_ERROR, L.file, at.line, at.col,
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

/* ---- streaming reader -------------------------------------------------- */

/* libyaml's input handler: reads the file in chunks. libyaml checks the
 * UTF-8 itself; S_parser_error gives its offset a line and column. */
static int S_read_handler(void *data, unsigned char *buffer, size_t size,
                          size_t *size_read)
{
    loader *L = data;
    size_t n = fread(buffer, 1, size, L->fp);
    if (ferror(L->fp)) {
        bc_diag_add(L->diags, BC_ERROR, L->file, 0, 0, _("cannot read: %s"),
                    strerror(errno));
        L->read_failed = true;
        return 0;
    }
    L->consumed += n;
    *size_read = n;
    return 1;
}

bc_yaml_reader *bc_yaml_reader_open(const char *path, bc_diags *d)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"),
                    strerror(errno));
        return NULL;
    }
    bc_yaml_reader *r = bc_xcalloc(1, sizeof *r);
    loader *L = &r->L;
    L->fp = fp;
    L->diags = d;
    L->file = bc_arena_strdup(&L->names, path);
    if (fseek(fp, 0, SEEK_END) == 0) {
        long end = ftell(fp);
        L->size = end > 0 ? (size_t)end : 0;
        fseek(fp, 0, SEEK_SET);
    }
    yaml_parser_initialize(&L->parser);
    yaml_parser_set_input(&L->parser, S_read_handler, L);
    return r;
}

void bc_yaml_reader_close(bc_yaml_reader *r)
{
    if (!r)
        return;
    loader *L = &r->L;
    if (L->has_pending)
        yaml_event_delete(&L->pending);
    yaml_parser_delete(&L->parser);
    for (anchor *an = L->anchors; an;) {
        anchor *next = an->next;
        free(an->name);
        free(an);
        an = next;
    }
    fclose(L->fp);
    bc_arena_free(&L->names);
    free(r);
}

const char *bc_yaml_reader_file(const bc_yaml_reader *r)
{
    return r->L.file;
}

double bc_yaml_reader_progress(const bc_yaml_reader *r)
{
    return r->L.size ? (double)r->L.consumed / (double)r->L.size : 0;
}

/* Skips stream and document starts; expects the start of a map. */
int bc_yaml_reader_begin_map(bc_yaml_reader *r)
{
    loader *L = &r->L;
    for (;;) {
        yaml_event_t ev;
        if (!S_next(L, &ev))
            return -1;
        yaml_event_type_t type = ev.type;
        yaml_mark_t m = ev.start_mark;
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_START_EVENT)
            continue;
        if (type == YAML_MAPPING_START_EVENT)
            return 0;
        S_error_at_mark(L, m, "%s",
                        _("a batch file must be a map with `chung` and `danh_sach`"));
        return -1;
    }
}

int bc_yaml_reader_key(bc_yaml_reader *r, char **key, int *line, int *col)
{
    loader *L = &r->L;
    yaml_event_t ev;
    if (!S_next(L, &ev))
        return -1;
    if (ev.type == YAML_MAPPING_END_EVENT) {
        yaml_event_delete(&ev);
        return 0;
    }
    if (ev.type != YAML_SCALAR_EVENT) {
        S_error_at_mark(L, ev.start_mark, "%s",
                        _("a key must be plain text, not a list or map"));
        yaml_event_delete(&ev);
        return -1;
    }
    size_t klen;
    *key = bc_utf8_nfc((const char *)ev.data.scalar.value, ev.data.scalar.length, &klen);
    *line = (int)ev.start_mark.line + 1;
    *col = (int)ev.start_mark.column + 1;
    yaml_event_delete(&ev);
    return 1;
}

/* Reads one whole node, forgetting afterwards the anchors it defined (their
 * nodes live in an arena the caller may reset). */
static bc_node *S_read_node(loader *L, bc_arena *a, const char *key,
                            bool forget_anchors)
{
    yaml_event_t ev;
    if (!S_next(L, &ev))
        return NULL;
    anchor *before = L->anchors;
    L->arena = a;
    bc_node *n = S_node(L, &ev, key);
    yaml_event_delete(&ev);
    if (forget_anchors) {
        while (L->anchors != before) {
            anchor *an = L->anchors;
            L->anchors = an->next;
            free(an->name);
            free(an);
        }
    }
    return n;
}

bc_node *bc_yaml_reader_value(bc_yaml_reader *r, bc_arena *a, const char *key)
{
    return S_read_node(&r->L, a, key, false);
}

int bc_yaml_reader_begin_list(bc_yaml_reader *r, bc_arena *a, const char *key,
                              bc_node **value, int *line, int *col)
{
    loader *L = &r->L;
    yaml_event_t *peek;
    if (!S_peek(L, &peek))
        return -1;
    *line = (int)peek->start_mark.line + 1;
    *col = (int)peek->start_mark.column + 1;
    if (peek->type == YAML_SEQUENCE_START_EVENT) {
        yaml_event_t ev;
        S_next(L, &ev);
        yaml_event_delete(&ev);
        return 1;
    }
    *value = S_read_node(L, a, key, false);
    return *value ? 0 : -1;
}

int bc_yaml_reader_item(bc_yaml_reader *r, bc_arena *a, bc_node **item)
{
    loader *L = &r->L;
    yaml_event_t *peek;
    if (!S_peek(L, &peek))
        return -1;
    if (peek->type == YAML_SEQUENCE_END_EVENT) {
        yaml_event_t ev;
        S_next(L, &ev);
        yaml_event_delete(&ev);
        return 0;
    }
    *item = S_read_node(L, a, NULL, true);
    if (*item)
        return 1;
    /* a bad item: the parser is still usable unless libyaml failed */
    return L->parser.error != YAML_NO_ERROR || L->read_failed ? -1 : 2;
}

int bc_yaml_block_indent(const char *path, int line)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    int l = 1, ch;
    while (l <= line && (ch = getc(f)) != EOF)
        if (ch == '\n')
            l++;
    int indent = 0;
    for (;;) {
        int n = 0;
        while ((ch = getc(f)) == ' ')
            n++;
        if (ch == EOF)
            break;
        if (ch != '\n' && ch != '\r') {
            indent = n;
            break;
        }
        while (ch != '\n' && ch != EOF)
            ch = getc(f);
    }
    fclose(f);
    return indent;
}
