/*
 * yaml_reader.c - a batch file read as a stream, key by key and item by
 * item (see yaml_reader.h); yaml_build.c makes the nodes.
 */
#include "input/yaml_reader.h"
#include "input/yaml_int.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bc_yaml_reader {
    bc_yaml_loader L;
};

/* libyaml's input handler: reads the file in chunks. libyaml checks the
 * UTF-8 itself (yaml_build.c gives its offset a line and column); the
 * lines' indents are recorded on the way. */
static int S_read_handler(void *data, unsigned char *buffer, size_t size,
                          size_t *size_read)
{
    bc_yaml_loader *L = data;
    size_t n = fread(buffer, 1, size, L->fp);
    if (ferror(L->fp)) {
        bc_diag_add(L->diags, BC_ERROR, L->file, 0, 0, _("cannot read: %s"),
                    strerror(errno));
        L->read_failed = true;
        return 0;
    }
    L->consumed += n;
    bc_yaml_lines_feed(&L->lines, (const char *)buffer, n);
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
    bc_yaml_loader *L = &r->L;
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
    bc_yaml_loader *L = &r->L;
    if (L->has_pending)
        yaml_event_delete(&L->pending);
    yaml_parser_delete(&L->parser);
    bc_yaml_build_forget_anchors(L, NULL);
    bc_yaml_lines_free(&L->lines);
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
    bc_yaml_loader *L = &r->L;
    for (;;) {
        yaml_event_t ev;
        if (!bc_yaml_build_next(L, &ev))
            return -1;
        yaml_event_type_t type = ev.type;
        yaml_mark_t m = ev.start_mark;
        yaml_event_delete(&ev);
        if (type == YAML_STREAM_START_EVENT || type == YAML_DOCUMENT_START_EVENT)
            continue;
        if (type == YAML_MAPPING_START_EVENT)
            return 0;
        bc_yaml_build_error_at(L, m, "%s",
                        _("a batch file must be a map with `chung` and `danh_sach`"));
        return -1;
    }
}

int bc_yaml_reader_key(bc_yaml_reader *r, char **key, int *line, int *col)
{
    bc_yaml_loader *L = &r->L;
    yaml_event_t ev;
    if (!bc_yaml_build_next(L, &ev))
        return -1;
    if (ev.type == YAML_MAPPING_END_EVENT) {
        yaml_event_delete(&ev);
        return 0;
    }
    if (ev.type != YAML_SCALAR_EVENT) {
        bc_yaml_build_error_at(L, ev.start_mark, "%s",
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
static bc_node *S_read_node(bc_yaml_loader *L, bc_arena *a, const char *key,
                            bool forget_anchors)
{
    yaml_event_t ev;
    if (!bc_yaml_build_next(L, &ev))
        return NULL;
    bc_yaml_anchor *before = L->anchors;
    L->arena = a;
    bc_node *n = bc_yaml_build_node(L, &ev, key);
    yaml_event_delete(&ev);
    if (forget_anchors)
        bc_yaml_build_forget_anchors(L, before);
    return n;
}

int bc_yaml_reader_skip(bc_yaml_reader *r)
{
    yaml_event_t ev;
    if (!bc_yaml_build_next(&r->L, &ev))
        return -1;
    bool ok = bc_yaml_build_skip(&r->L, &ev);
    yaml_event_delete(&ev);
    return ok ? 0 : -1;
}

bc_node *bc_yaml_reader_value(bc_yaml_reader *r, bc_arena *a, const char *key)
{
    return S_read_node(&r->L, a, key, false);
}

int bc_yaml_reader_begin_list(bc_yaml_reader *r, bc_arena *a, const char *key,
                              bc_node **value, int *line, int *col)
{
    bc_yaml_loader *L = &r->L;
    yaml_event_t *peek;
    if (!bc_yaml_build_peek(L, &peek))
        return -1;
    *line = (int)peek->start_mark.line + 1;
    *col = (int)peek->start_mark.column + 1;
    if (peek->type == YAML_SEQUENCE_START_EVENT) {
        yaml_event_t ev;
        bc_yaml_build_next(L, &ev);
        yaml_event_delete(&ev);
        return 1;
    }
    *value = S_read_node(L, a, key, false);
    return *value ? 0 : -1;
}

int bc_yaml_reader_item(bc_yaml_reader *r, bc_arena *a, bc_node **item)
{
    bc_yaml_loader *L = &r->L;
    yaml_event_t *peek;
    if (!bc_yaml_build_peek(L, &peek))
        return -1;
    if (peek->type == YAML_SEQUENCE_END_EVENT) {
        yaml_event_t ev;
        bc_yaml_build_next(L, &ev);
        yaml_event_delete(&ev);
        return 0;
    }
    /* the lines above the item are done with */
    bc_yaml_lines_forget(&L->lines, (size_t)peek->start_mark.line);
    *item = S_read_node(L, a, NULL, true);
    if (*item)
        return 1;
    /* a bad item: the parser is still usable unless libyaml failed */
    return L->parser.error != YAML_NO_ERROR || L->read_failed || L->stopped ? -1 : 2;
}

