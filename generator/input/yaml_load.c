/*
 * yaml_load.c - a whole YAML file or buffer into the bc_node tree (see
 * yaml_load.h). The loader checks UTF-8 itself before libyaml sees the
 * bytes, so that a bad byte is reported with its line and column (libyaml
 * only gives an offset); yaml_build.c makes the nodes.
 */
#include "input/yaml_load.h"
#include "input/yaml_int.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool S_too_large(const char *name, size_t len, bc_diags *d);

bc_node *bc_yaml_load_mem(bc_arena *a, const char *name, const char *data,
                          size_t len, bc_diags *d)
{
    bc_yaml_loader L;
    memset(&L, 0, sizeof L);
    L.arena = a;
    L.diags = d;
    L.file = bc_arena_strdup(a, name);
    L.data = data;
    L.len = len;

    if (S_too_large(name, len, d))
        return NULL;
    size_t bad;
    if (!bc_utf8_valid(data, len, &bad)) {
        bc_yaml_build_bad_utf8(&L, bad);
        return NULL;
    }
    bc_yaml_lines_feed(&L.lines, data, len);

    yaml_parser_initialize(&L.parser);
    yaml_parser_set_input_string(&L.parser, (const unsigned char *)data, len);
    bc_node *root = NULL;
    bool done = false, failed = false;
    while (!done) {
        yaml_event_t ev;
        if (!bc_yaml_build_next(&L, &ev)) {
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
            root = bc_yaml_build_node(&L, &ev, NULL);
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
    bc_yaml_build_forget_anchors(&L, NULL);
    bc_yaml_lines_free(&L.lines);
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
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        bc_buf_put(&b, chunk, n);
        if (b.len > BC_YAML_MAX_BYTES)
            break;
    }
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

/* A whole file or buffer larger than BC_YAML_MAX_BYTES: one error. */
static bool S_too_large(const char *name, size_t len, bc_diags *d)
{
    if (len <= BC_YAML_MAX_BYTES)
        return false;
    bc_diag *g = bc_diag_add(d, BC_ERROR, name, 0, 0,
                             _("the file is larger than %d MiB; a report is a few "
                               "kilobytes (a batch of any length is read as a "
                               "stream: `baocao batch`)"),
                             BC_YAML_MAX_BYTES >> 20);
    bc_diag_set_id(g, "E001");
    return true;
}

