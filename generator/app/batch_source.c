/*
 * batch_source.c - a batch file's entries as a pull iterator (see
 * batch_source.h). The top-level keys are read one by one: `chung` into
 * the source's own arena, then `danh_sach`, whose items (or the rows of
 * its CSV file or workbook sheet) are handed out one per call; the keys
 * after the list (`tong_hop`) are read when the list ends.
 */
#include "app/batch_source.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "input/csv.h"
#include "input/sheet.h"
#include "input/yaml_reader.h"
#include "package/workbook.h"
#include "report/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum state {
    S_START,     /* the top-level map not entered yet */
    S_KEYS,      /* reading top-level keys */
    S_LIST,      /* inside the YAML list of danh_sach */
    S_CSV,       /* reading the CSV file of danh_sach */
    S_SHEET,     /* reading the workbook sheet of danh_sach */
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
    bc_workbook book;        /* the sheet of danh_sach, read whole */
    bool have_book;
    bc_sheet_columns *book_cols;
    size_t book_row;         /* the next row of the sheet */
    bool have_summary;
    bc_node *summary;        /* tong_hop, once the list has ended */
};

const char *bc_batch_source_entry_name(const bc_node *entry)
{
    const bc_node *dd = bc_node_get(entry, "dia_danh");
    return dd && dd->kind == BC_SCALAR ? dd->str : "";
}

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

/* The workbook of danh_sach, read whole, and its header row. */
static bool S_open_book(bc_batch_source *s, const char *path)
{
    if (bc_workbook_read(&s->book, path, s->d) != 0)
        return false;
    s->have_book = true;
    const bc_workbook_row *h = &s->book.rows[0];
    s->book_cols = bc_sheet_columns_read(s->book.file, h->cells, h->count,
                                         bc_schema_is_list, s->d);
    s->book_row = 1;
    return s->book_cols != NULL;
}

/* The value of danh_sach: enters the list, or opens the file it names. */
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
        if (bc_workbook_is_named(value->str) || bc_workbook_sniff(path)) {
            bool ok = S_open_book(s, path);
            free(path);
            if (!ok) {
                S_broken(s, 0, 0, NULL, NULL);
                return false;
            }
            s->st = S_SHEET;
            return true;
        }
        s->csv = bc_csv_open(path, bc_schema_is_list, s->d);
        free(path);
        if (!s->csv) {
            S_broken(s, 0, 0, NULL, NULL);
            return false;
        }
        s->st = S_CSV;
        return true;
    }
    S_broken(s, line, col, "%s",
             _("`danh_sach` must be a list of reports, or the name of a CSV file or "
               "a workbook (.xlsx, .ods)"));
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
        bool is_summary = strcmp(key, "tong_hop") == 0;
        if ((is_chung && s->have_chung) || (is_list && s->have_list) ||
            (is_summary && s->have_summary)) {
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
        } else if (is_summary) {
            s->have_summary = true;
            free(key);
            if (!s->have_list)
                return S_broken(s, line, col, "%s",
                                _("`tong_hop` must come after `danh_sach`: the summary "
                                  "is made from the entries"));
            s->summary = bc_yaml_reader_value(s->r, &s->arena, "tong_hop");
            if (!s->summary)
                return S_broken(s, 0, 0, NULL, NULL);
            if (s->summary->kind != BC_MAP)
                return S_broken(s, s->summary->line, s->summary->col, "%s",
                                _("`tong_hop` must be a map: the keys of the summary "
                                  "report, as of any report"));
        } else if (is_list) {
            s->have_list = true;
            bool ok = S_begin_list(s, key);
            free(key);
            return ok ? BC_BATCH_SOURCE_ENTRY : BC_BATCH_SOURCE_FAILED;
        } else {
            S_broken(s, line, col,
                     _("unknown key `%s` in a batch file (it holds `chung`, "
                       "`danh_sach` and `tong_hop`)"),
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

/* The maps of a merged row that came from chung whole, copied and
 * placed at the row: what the row lacks (a required key) is then the
 * row's error, located in the spreadsheet, not a line of chung. */
static bc_node *S_place_maps(bc_arena *a, bc_node *m, const bc_node *row)
{
    bc_node *copy = m;
    if (m->file != row->file) {
        copy = bc_node_new(a, BC_MAP);
        *copy = *m;
        copy->entries = bc_arena_alloc(a, (m->count ? m->count : 1) * sizeof *m->entries);
        memcpy(copy->entries, m->entries, m->count * sizeof *m->entries);
        copy->cap = m->count;
        copy->file = row->file;
        copy->line = row->line;
        copy->col = row->col;
    }
    for (size_t i = 0; i < copy->count; i++)
        if (copy->entries[i].value->kind == BC_MAP)
            copy->entries[i].value = S_place_maps(a, copy->entries[i].value, row);
    return copy;
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
    if (s->st == S_CSV || s->st == S_SHEET)
        *entry = S_place_maps(a, *entry, e);
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
        case S_SHEET: {
            if (s->book_row >= s->book.count) {
                s->st = S_KEYS;
                continue;
            }
            const bc_workbook_row *r = &s->book.rows[s->book_row++];
            int rc = bc_sheet_row(s->book_cols, a, r->cells, r->count, r->row, r->too_many,
                                  entry, ed);
            return rc == 1 ? S_entry(s, a, entry, ed) : BC_BATCH_SOURCE_BAD;
        }
        }
    }
}

const bc_node *bc_batch_source_summary(const bc_batch_source *s)
{
    return s->summary;
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
    if (s->have_book)
        return s->book.count > 1 ? (double)(s->book_row - 1) / (double)(s->book.count - 1) : 1;
    return s->csv ? bc_csv_progress(s->csv) : bc_yaml_reader_progress(s->r);
}

void bc_batch_source_close(bc_batch_source *s)
{
    if (!s)
        return;
    bc_csv_close(s->csv);
    bc_sheet_columns_free(s->book_cols);
    if (s->have_book)
        bc_workbook_free(&s->book);
    bc_yaml_reader_close(s->r);
    bc_arena_free(&s->arena);
    free(s);
}

bool bc_batch_source_announces_summary(const char *path)
{
    static const char key[] = "tong_hop";
    const size_t klen = sizeof key - 1;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    char buf[65536 + 16];
    size_t keep = 1, n; /* bytes carried over: the line's start ("\n") */
    bool found = false;
    buf[0] = '\n';
    while (!found && (n = fread(buf + keep, 1, sizeof buf - keep, fp)) > 0) {
        size_t len = keep + n;
        for (const char *p = buf; !found && (p = memchr(p, '\n', len - (size_t)(p - buf)));
             p++) {
            size_t left = len - (size_t)(p + 1 - buf);
            if (left < klen + 1)
                break;
            if (memcmp(p + 1, key, klen) != 0)
                continue;
            const char *q = p + 1 + klen;
            while (q < buf + len && (*q == ' ' || *q == '\t'))
                q++;
            found = q < buf + len && *q == ':';
        }
        /* carry the tail over: a key may straddle two reads */
        keep = len < 16 ? len : 16;
        memmove(buf, buf + len - keep, keep);
    }
    fclose(fp);
    return found;
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
