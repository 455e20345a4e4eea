/*
 * batch_source.c - a batch file's entries as a pull iterator (see
 * batch_source.h). The top-level keys are read one by one: `chung` into
 * the source's own arena, then `danh_sach`, whose items (or CSV rows) are
 * handed out one per call; the keys after the list are read when the list
 * ends.
 */
#include "input/batch_source.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "input/csv.h"
#include "input/yaml_reader.h"

#include <stdlib.h>
#include <string.h>

typedef enum state {
    S_START,     /* the top-level map not entered yet */
    S_KEYS,      /* reading top-level keys */
    S_LIST,      /* inside the YAML list of danh_sach */
    S_CSV,       /* reading the CSV file of danh_sach */
    S_DONE,      /* the end was reached */
    S_BROKEN     /* a file-level error was reported */
} state;

struct bc_batch_source {
    bc_yaml_reader *r;
    bc_diags *d;             /* file-level errors */
    const char *file;        /* the batch file's name (the reader's) */
    state st;
    bool have_chung, have_list;
    bc_arena arena;          /* chung, and the value of danh_sach */
    bc_node *chung;
    int list_line;
    bc_csv *csv;
};

char *bc_batch_source_path(const char *batch_path, const char *name)
{
    if (name[0] == '/' || !batch_path)
        return bc_xstrdup(name);
    const char *slash = strrchr(batch_path, '/');
    bc_buf b = BC_BUF_INIT;
    if (slash)
        bc_buf_put(&b, batch_path, (size_t)(slash - batch_path + 1));
    bc_buf_puts(&b, name);
    return bc_buf_detach(&b, NULL);
}

bc_batch_source *bc_batch_source_open(const char *path, bc_diags *d)
{
    bc_yaml_reader *r = bc_yaml_reader_open(path, d);
    if (!r)
        return NULL;
    bc_batch_source *s = bc_xcalloc(1, sizeof *s);
    s->r = r;
    s->d = d;
    s->file = bc_yaml_reader_file(r);
    return s;
}

/* A file-level error at a position of the batch file. */
static bc_batch_source_result S_broken(bc_batch_source *s, int line, int col,
                                       const char *fmt, const char *arg)
{
    if (fmt)
        bc_diag_add(s->d, BC_ERROR, s->file, line, col, fmt, arg);
    s->st = S_BROKEN;
    return BC_BATCH_SOURCE_FAILED;
}

/* The value of danh_sach: enters the list, or opens the CSV it names. */
static bool S_begin_list(bc_batch_source *s, const char *key)
{
    bc_node *value = NULL;
    int line, col;
    int rc = bc_yaml_reader_begin_list(s->r, &s->arena, key, &value, &line, &col);
    s->list_line = line;
    if (rc < 0) {
        S_broken(s, 0, 0, NULL, NULL);
        return false;
    }
    if (rc == 1) {
        s->st = S_LIST;
        return true;
    }
    if (value->kind == BC_SCALAR && bc_node_has_text(value)) {
        char *path = bc_batch_source_path(s->file, value->str);
        s->csv = bc_csv_open(path, s->d);
        free(path);
        if (!s->csv) {
            S_broken(s, 0, 0, NULL, NULL);
            return false;
        }
        s->st = S_CSV;
        return true;
    }
    S_broken(s, line, col, "%s",
             _("`danh_sach` must be a list of reports or the name of a CSV file"));
    return false;
}

/* Reads top-level keys up to danh_sach's first entry, or the end. */
static bc_batch_source_result S_keys(bc_batch_source *s)
{
    for (;;) {
        char *key = NULL;
        int line, col;
        int rc = bc_yaml_reader_key(s->r, &key, &line, &col);
        if (rc < 0)
            return S_broken(s, 0, 0, NULL, NULL);
        if (rc == 0) {
            if (!s->have_list)
                return S_broken(s, 1, 1, "%s", _("the batch file has no `danh_sach`"));
            s->st = S_DONE;
            return BC_BATCH_SOURCE_END;
        }
        bool is_chung = strcmp(key, "chung") == 0;
        bool is_list = strcmp(key, "danh_sach") == 0;
        if ((is_chung && s->have_chung) || (is_list && s->have_list)) {
            S_broken(s, line, col, _("duplicate key `%s` in the batch file"), key);
            free(key);
            return BC_BATCH_SOURCE_FAILED;
        }
        if (is_chung) {
            s->have_chung = true;
            free(key);
            if (s->have_list)
                return S_broken(s, line, col, "%s",
                                _("`chung` must come before `danh_sach`, so that a "
                                  "batch of any length can be read as a stream"));
            s->chung = bc_yaml_reader_value(s->r, &s->arena, "chung");
            if (!s->chung)
                return S_broken(s, 0, 0, NULL, NULL);
            if (s->chung->kind == BC_NULL) {
                s->chung = NULL;
            } else if (s->chung->kind != BC_MAP) {
                return S_broken(s, s->chung->line, s->chung->col, "%s",
                                _("`chung` must be a map of the keys shared by every "
                                  "report"));
            }
        } else if (is_list) {
            s->have_list = true;
            bool ok = S_begin_list(s, key);
            free(key);
            return ok ? BC_BATCH_SOURCE_ENTRY : BC_BATCH_SOURCE_FAILED;
        } else {
            S_broken(s, line, col,
                     _("unknown key `%s` in a batch file (it holds `chung` and "
                       "`danh_sach`)"),
                     key);
            free(key);
            return BC_BATCH_SOURCE_FAILED;
        }
    }
}

/* Moves the diagnostics added to `from` after `mark` (NULL: all) to `to`:
 * they belong to the entry being read. */
static void S_take_since(bc_diags *from, bc_diag *mark, bc_diags *to)
{
    bc_diag *first = mark ? mark->next : from->head;
    if (!first)
        return;
    for (bc_diag *g = first; g; g = g->next) {
        if (g->severity == BC_ERROR)
            from->errors--, to->errors++;
        else if (g->severity == BC_WARNING)
            from->warnings--, to->warnings++;
    }
    if (to->tail)
        to->tail->next = first;
    else
        to->head = first;
    to->tail = from->tail;
    if (mark)
        mark->next = NULL;
    else
        from->head = NULL;
    from->tail = mark;
}

/* An entry as read: merged over chung when it is a map. */
static bc_batch_source_result S_entry(bc_batch_source *s, bc_arena *a,
                                      bc_node **entry, bc_diags *ed)
{
    bc_node *e = *entry;
    if (!e || e->kind != BC_MAP) {
        bc_diag_add(ed, BC_ERROR, e ? e->file : s->file, e ? e->line : 0,
                    e ? e->col : 0, "%s", _("an entry of `danh_sach` must be a map of keys"));
        *entry = NULL;
        return BC_BATCH_SOURCE_BAD;
    }
    *entry = bc_node_merge(a, s->chung, e);
    return BC_BATCH_SOURCE_ENTRY;
}

bc_batch_source_result bc_batch_source_next(bc_batch_source *s, bc_arena *a,
                                            bc_node **entry, bc_diags *ed)
{
    *entry = NULL;
    for (;;) {
        switch (s->st) {
        case S_BROKEN:
            return BC_BATCH_SOURCE_FAILED;
        case S_DONE:
            return BC_BATCH_SOURCE_END;
        case S_START:
            if (bc_yaml_reader_begin_map(s->r) != 0)
                return S_broken(s, 0, 0, NULL, NULL);
            s->st = S_KEYS;
            continue;
        case S_KEYS: {
            bc_batch_source_result rc = S_keys(s);
            if (rc != BC_BATCH_SOURCE_ENTRY)
                return rc;
            continue; /* in the list now */
        }
        case S_LIST: {
            bc_diag *mark = s->d->tail;
            int rc = bc_yaml_reader_item(s->r, a, entry);
            if (rc == 1)
                return S_entry(s, a, entry, ed);
            if (rc == 2) {
                S_take_since(s->d, mark, ed);
                *entry = NULL;
                return BC_BATCH_SOURCE_BAD;
            }
            if (rc < 0)
                return S_broken(s, 0, 0, NULL, NULL);
            s->st = S_KEYS; /* the list ended: the keys after it */
            continue;
        }
        case S_CSV: {
            bc_diag *mark = s->d->tail;
            int rc = bc_csv_row(s->csv, a, entry);
            if (rc == 1)
                return S_entry(s, a, entry, ed);
            if (rc == 2) {
                S_take_since(s->d, mark, ed);
                return BC_BATCH_SOURCE_BAD; /* *entry: the row as read */
            }
            if (rc < 0)
                return S_broken(s, 0, 0, NULL, NULL);
            s->st = S_KEYS;
            continue;
        }
        }
    }
}

const bc_node *bc_batch_source_chung(const bc_batch_source *s)
{
    return s->chung;
}

const char *bc_batch_source_file(const bc_batch_source *s)
{
    return s->file;
}

int bc_batch_source_list_line(const bc_batch_source *s)
{
    return s->list_line;
}

double bc_batch_source_progress(const bc_batch_source *s)
{
    return s->csv ? bc_csv_progress(s->csv) : bc_yaml_reader_progress(s->r);
}

void bc_batch_source_close(bc_batch_source *s)
{
    if (!s)
        return;
    bc_csv_close(s->csv);
    bc_yaml_reader_close(s->r);
    bc_arena_free(&s->arena);
    free(s);
}

bool bc_batch_source_sniff(const char *path)
{
    bc_diags quiet = BC_DIAGS_INIT;
    bc_yaml_reader *r = bc_yaml_reader_open(path, &quiet);
    bool batch = false;
    if (r && bc_yaml_reader_begin_map(r) == 0) {
        char *key = NULL;
        int line, col;
        while (!batch && bc_yaml_reader_key(r, &key, &line, &col) == 1) {
            batch = strcmp(key, "chung") == 0 || strcmp(key, "danh_sach") == 0;
            free(key);
            key = NULL;
            if (!batch && bc_yaml_reader_skip(r) != 0)
                break;
        }
    }
    bc_yaml_reader_close(r);
    bc_diags_free(&quiet);
    return batch;
}
