/*
 * yaml_build.c - libyaml events into the bc_node tree, for a whole file
 * and for a stream alike (see yaml_load.h and yaml_reader.h): scalars
 * (the special plain words, NFC, the XML-illegal check, a block scalar's
 * indent), lists and maps (duplicate keys, keys that are not text),
 * anchors and aliases (loops, the expansion bound), the nesting bound,
 * and libyaml's errors in the loader's words with a line and column.
 */
#include "input/yaml_int.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

bc_diag *bc_yaml_build_error_at(bc_yaml_loader *L, yaml_mark_t m, const char *fmt,
                                const char *arg)
{
    return bc_diag_add(L->diags, BC_ERROR, L->file, (int)m.line + 1,
                       (int)m.column + 1, fmt, arg);
}

/* True when line `line` (0-based) of the input starts with white space
 * holding a tab. */
static bool S_tab_indent(bc_yaml_loader *L, size_t line)
{
    FILE *f = L->data ? NULL : fopen(L->file, "rb");
    if (!L->data && !f)
        return false;
    mem_src m = {(const unsigned char *)L->data, L->len, 0};
    size_t at = 0;
    int c;
    bool tab = false;
    while ((c = L->data ? S_mem_next(&m) : S_file_next(f)) != EOF) {
        if (at < line) {
            at += c == '\n';
            continue;
        }
        if (c == '\t')
            tab = true;
        else if (c != ' ')
            break;
    }
    if (f)
        fclose(f);
    return tab;
}

static void S_parser_error(bc_yaml_loader *L)
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
    const char *context = p->context ? p->context : "";
    int line = (int)m.line + 1, col = (int)m.column + 1;
    /* the slips clerks make, in words they can act on (libyaml's own
     * text is never shown bare) */
    const char *msg = NULL, *hint = NULL;
    if (strstr(problem, "cannot start any token") && S_tab_indent(L, m.line)) {
        msg = _("a tab indents this line; YAML indents with spaces only");
        hint = _("replace the tab with spaces (two for each level)");
    } else if (strstr(problem, "mapping values are not allowed")) {
        msg = _("a colon and a space (`: `) inside a text without quotes, so the "
                "text reads as a key and a value");
        hint = _("a text of several lines: write `noi_dung: |` and indent its "
                 "lines by two spaces; a one-line text: put it in double quotes, "
                 "e.g. - \"Lưu: VT\"");
    } else if (strstr(problem, "could not find expected ':'")) {
        msg = _("this line is neither `key: value` nor part of a text");
        hint = _("a text of several lines needs `|` after its key, e.g. "
                 "`noi_dung: |`, and its lines indented by two spaces");
    } else if (strstr(problem, "did not find expected key") ||
               strstr(problem, "did not find expected '-' indicator")) {
        msg = _("this line is indented differently from the lines of its block");
        hint = _("indent the lines of one block (the items of a list, the lines "
                 "of a `|` text) by the same number of spaces");
    } else if (strstr(problem, "did not find expected ',' or ']'") ||
               strstr(problem, "did not find expected ',' or '}'")) {
        msg = strchr(problem, ']') ? _("the list opened here with `[` is not closed "
                                       "with `]`")
                                   : _("the map opened here with `{` is not closed "
                                       "with `}`");
        hint = _("close it on the same line, or put a text holding a comma or a "
                 "bracket in double quotes");
        line = (int)p->context_mark.line + 1;
        col = (int)p->context_mark.column + 1;
    } else if (strstr(problem, "end of stream") && strstr(context, "quoted scalar")) {
        msg = _("the quote opened here is never closed");
        hint = _("end the text with the same quote mark (\")");
        line = (int)p->context_mark.line + 1;
        col = (int)p->context_mark.column + 1;
    }
    bc_diag *g;
    if (msg) {
        g = bc_diag_add(L->diags, BC_ERROR, L->file, line, col, "%s", msg);
        bc_diag_set_hint(g, hint);
    } else if (p->context) {
        g = bc_diag_add(L->diags, BC_ERROR, L->file, line, col,
                        _("the file is not valid YAML here (%s %s, line %d)"), problem,
                        p->context, (int)p->context_mark.line + 1);
    } else {
        g = bc_diag_add(L->diags, BC_ERROR, L->file, line, col,
                        _("the file is not valid YAML here (%s)"), problem);
    }
}

bool bc_yaml_build_next(bc_yaml_loader *L, yaml_event_t *ev)
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

bool bc_yaml_build_peek(bc_yaml_loader *L, yaml_event_t **ev)
{
    if (!L->has_pending) {
        if (!bc_yaml_build_next(L, &L->pending))
            return false;
        L->has_pending = true;
    }
    *ev = &L->pending;
    return true;
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
static bc_node *S_scalar(bc_yaml_loader *L, yaml_event_t *ev, const char *key)
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
        if (n > BC_YAML_MAX_BYTES) {
            bc_diag *g = bc_diag_add(L->diags, BC_ERROR, L->file,
                                     (int)ev->start_mark.line + 1,
                                     (int)ev->start_mark.column + 1,
                                     _("the value of `%s` is larger than %d MiB"),
                                     key ? key : "(item)", BC_YAML_MAX_BYTES >> 20);
            bc_diag_set_id(g, "E001");
            L->stopped = true;
            return NULL;
        }
        size_t off;
        bool is_nfc = true;
        unsigned cp = bc_utf8_screen(s, n, &off, &is_nfc);
        if (cp) {
            bc_diag_add(L->diags, BC_ERROR, L->file,
                        (int)ev->start_mark.line + 1,
                        (int)ev->start_mark.column + 1,
                        _("the value of `%s` contains the control character "
                          "U+%04X, which a document cannot hold"),
                        key ? key : "(item)", bc_utf8_shown(cp));
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
    node->multiline = node->style != '|' && node->style != '>' &&
                      ev->end_mark.line > ev->start_mark.line;
    if (node->style == '|' || node->style == '>')
        node->indent = bc_yaml_lines_block_indent(&L->lines,
                                                  (size_t)ev->start_mark.line);
    node->line = (int)ev->start_mark.line + 1;
    node->col = (int)ev->start_mark.column + 1;
    node->file = L->file;
    return node;
}

static void S_remember_anchor(bc_yaml_loader *L, const yaml_char_t *name, bc_node *n,
                              bool open)
{
    if (!name)
        return;
    bc_yaml_anchor *a = bc_xcalloc(1, sizeof *a);
    a->name = bc_xstrdup((const char *)name);
    a->node = n;
    a->open = open;
    a->next = L->anchors;
    L->anchors = a;
}

/* A collection is complete: aliases to it are fine from now on. */
static void S_close_anchor(bc_yaml_loader *L, const bc_node *n)
{
    for (bc_yaml_anchor *a = L->anchors; a; a = a->next)
        if (a->node == n)
            a->open = false;
}

/* Consumes the rest of a node whose start event was `ev` (already read),
 * so that the reader stays in step after an error inside it; a node
 * nested deeper than the loader allows stops the reading instead. */
bool bc_yaml_build_skip(bc_yaml_loader *L, const yaml_event_t *ev)
{
    if (ev->type != YAML_SEQUENCE_START_EVENT && ev->type != YAML_MAPPING_START_EVENT)
        return true;
    int depth = 1;
    while (depth > 0) {
        if (L->depth + depth > BC_YAML_MAX_DEPTH) {
            bc_diag_set_id(bc_yaml_build_error_at(L, ev->start_mark,
                                                  _("nesting deeper than %s levels"),
                                                  "200"),
                           "E002");
            L->stopped = true;
            return false;
        }
        yaml_event_t e;
        if (!bc_yaml_build_next(L, &e))
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
static bool S_weigh(bc_yaml_loader *L, bc_node *parent, const bc_node *child,
                    yaml_mark_t at)
{
    parent->weight += child->weight;
    if (parent->weight <= BC_YAML_MAX_VALUES)
        return true;
    if (!L->bombed) {
        bc_diag *g;
        if (L->aliased)
            g = bc_diag_add(L->diags, BC_ERROR, L->file, (int)at.line + 1,
                        (int)at.column + 1,
                        _("aliases make this document more than %d values long"),
                        BC_YAML_MAX_VALUES);
        else
            g = bc_diag_add(L->diags, BC_ERROR, L->file, (int)at.line + 1,
                        (int)at.column + 1,
                        _("this document holds more than %d values; a report "
                          "holds far fewer (split a long list into a batch)"),
                        BC_YAML_MAX_VALUES);
        bc_diag_set_id(g, "E003");
    }
    L->bombed = true;
    L->stopped = true; /* nothing more is read */
    return false;
}


static bc_node *S_sequence(bc_yaml_loader *L, yaml_event_t *start, const char *key)
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
        if (!bc_yaml_build_next(L, &ev))
            return NULL;
        if (ev.type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&ev);
            break;
        }
        bc_node *item = bc_yaml_build_node(L, &ev, key);
        yaml_mark_t at = ev.start_mark;
        yaml_event_delete(&ev);
        if (!item) {
            if (L->parser.error != YAML_NO_ERROR || L->read_failed || L->stopped)
                return NULL;
            ok = false;
            continue;
        }
        if (!S_weigh(L, list, item, at))
            return NULL; /* reading stops */
        else
            bc_node_push(L->arena, list, item);
    }
    S_close_anchor(L, list);
    return ok ? list : NULL;
}

static bc_node *S_mapping(bc_yaml_loader *L, yaml_event_t *start)
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
        if (!bc_yaml_build_next(L, &kev))
            return NULL;
        if (kev.type == YAML_MAPPING_END_EVENT) {
            yaml_event_delete(&kev);
            break;
        }
        if (kev.type != YAML_SCALAR_EVENT) {
            bc_yaml_build_error_at(L, kev.start_mark, "%s",
                            _("a key must be plain text, not a list or map"));
            /* skip the key and its value, and go on with the map */
            bool in_step = bc_yaml_build_skip(L, &kev);
            yaml_event_delete(&kev);
            yaml_event_t vev;
            if (!in_step || !bc_yaml_build_next(L, &vev))
                return NULL;
            in_step = bc_yaml_build_skip(L, &vev);
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
        if (!bc_yaml_build_next(L, &vev)) {
            free(knfc);
            return NULL;
        }
        bc_node *v = bc_yaml_build_node(L, &vev, knfc);
        yaml_mark_t at = vev.start_mark;
        yaml_event_delete(&vev);
        if (!v) {
            free(knfc);
            if (L->parser.error != YAML_NO_ERROR || L->read_failed || L->stopped)
                return NULL;
            ok = false;
            continue;
        }
        if (!S_weigh(L, map, v, at)) {
            free(knfc);
            return NULL; /* reading stops */
        } else if (!dup) {
            bc_entry *e = bc_node_set(L->arena, map, knfc, klen, v);
            e->line = kline;
            e->col = kcol;
        }
        free(knfc);
    }
    S_close_anchor(L, map);
    return ok ? map : NULL;
}

bc_node *bc_yaml_build_node(bc_yaml_loader *L, yaml_event_t *ev, const char *key)
{
    bc_node *n = NULL;
    if (++L->depth > BC_YAML_MAX_DEPTH) {
        bc_diag_set_id(bc_yaml_build_error_at(L, ev->start_mark,
                                              _("nesting deeper than %s levels"),
                                              "200"),
                       "E002");
        /* nothing more is read: skipping the rest of a deep nesting would
         * cost libyaml seconds */
        L->stopped = true;
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
        const bc_yaml_anchor *found = NULL;
        for (bc_yaml_anchor *a = L->anchors; a && !found; a = a->next)
            if (strcmp(a->name, name) == 0)
                found = a;
        if (!found)
            bc_yaml_build_error_at(L, ev->start_mark, _("unknown alias `*%s`"), name);
        else if (found->open)
            bc_yaml_build_error_at(L, ev->start_mark,
                            _("the alias `*%s` stands inside the value it names "
                              "(a loop)"),
                            name);
        else {
            n = found->node;
            L->aliased = true;
        }
        break;
    }
    default:
        bc_yaml_build_error_at(L, ev->start_mark, "%s", _("unexpected YAML event"));
        break;
    }
    L->depth--;
    return n;
}


void bc_yaml_build_bad_utf8(bc_yaml_loader *L, size_t off)
{
    mem_src m = {(const unsigned char *)L->data, L->len, 0};
    byte_pos at = S_pos_of(S_mem_next, &m, off, false);
    bc_diag_add(L->diags, BC_ERROR, L->file, at.line, at.col,
                _("invalid UTF-8 (byte 0x%02X); save the file as UTF-8"),
                (unsigned char)L->data[off]);
}

void bc_yaml_build_forget_anchors(bc_yaml_loader *L, bc_yaml_anchor *keep)
{
    while (L->anchors && L->anchors != keep) {
        bc_yaml_anchor *an = L->anchors;
        L->anchors = an->next;
        free(an->name);
        free(an);
    }
}
