/*
 * batch.c - a batch of reports through a pool of workers (see batch.h).
 *
 * The main thread reads entries one at a time (YAML stream or CSV rows),
 * merges `chung` under each, names its output file, and hands it to a
 * bounded queue; workers prepare, render and write each to a temporary
 * file in the output folder. With -j N there are N - 1 worker threads, and
 * the reading thread makes the Nth report: whenever every job is taken it
 * renders the oldest queued ones itself instead of waiting, so N threads
 * share N cores (a reader and N workers would crowd them). Jobs and their
 * arenas are recycled, so memory does not grow with the number of entries.
 *
 * A thread takes up to BC_BATCH_RUN queued jobs at a time and takes them
 * through each stage together: the review of all, their rendered parts,
 * their deflated documents, their zips, then the files. Each stage's code
 * (libxml2, the layout, libdeflate, libzip, the file system) then runs
 * many times in a row and keeps the processor's caches and branch
 * predictors to itself.
 * Reports taken one at a time, mixing them all, cost about 15 % more time
 * (the 2,000-report batch of `make bench`: 310 ms against 270 ms with runs
 * of 32, 16 giving 275 ms and 8 giving 290 ms); libdeflate alone takes 40 %
 * longer when libxml2 and libyaml run between its calls.
 * At the end the temporary files are renamed into place, or all removed
 * when two entries would write the same name or the batch was interrupted.
 *
 * When the output folder does not exist yet, the files are written under
 * their own names in a new hidden folder beside it (".DIR.TOKEN.tmp"),
 * which is renamed to DIR at the end: one rename instead of one per file
 * (renames in one folder take its lock, one at a time, while the other
 * cores wait). Otherwise each file is written as ".FILE.TOKEN.tmp" in DIR.
 */
#include "app/batch.h"
#include "base/file_write.h"
#include "report/template.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "input/csv.h"
#include "base/i18n.h"
#include "mustache/mustache.h"
#include "input/node_view.h"
#include "app/render.h"
#include "report/report.h"
#include "base/utf8.h"
#include "input/yaml_reader.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct job {
    size_t index;
    bc_arena arena;       /* the entry and everything derived from it */
    bc_node *entry;       /* the merged data */
    char *file;           /* final file name (malloc'd) */
    char *name;           /* dia_danh (malloc'd) */
    bc_diags diags;
    struct job *next;
    /* between the stages of a run (S_run_jobs) */
    bool ok;              /* no stage has failed yet */
    bc_report report;     /* prepared (in the arena) */
    bc_package parts;     /* the rendered parts */
    bc_buf docx;          /* the zipped document (kept for the next entry) */
} job;

/* Queued jobs a thread takes at once, and jobs per thread in all (so that
 * the reader still has free jobs to fill while the runs are rendered). */
#define BC_BATCH_RUN 32
#define BC_JOBS_PER_THREAD 48
/* At most this many jobs whatever -j says (about 100 KB each in flight). */
#define BC_JOBS_MAX 512

/* The output file names of the batch (open addressing): to find two
 * entries writing the same file, and at the end to rename every written
 * temporary file into place. A slot points at a record in an arena: the
 * entry's index and line, then "FILE\0DIA_DANH\0" (about 48 bytes), so
 * 10,000 entries cost about 600 KB with the table. */
typedef struct name_rec {
    size_t index;
    int line;             /* where the entry starts */
    char text[];          /* the file name, then the entry's dia_danh */
} name_rec;

typedef struct names {
    name_rec **slot;      /* NULL: free */
    size_t cap, count;
    bc_arena strings;
} names;

static const char *S_rec_name(const name_rec *r)
{
    return r->text + strlen(r->text) + 1;
}

typedef struct batch {
    const bc_batch_opts *o;
    bc_wml_template *tpl;
    bc_mtpl *pattern;     /* --ten */
    const char *out_dir;
    char *stage;          /* a new folder renamed to out_dir at the end, or
                             NULL: temporary names in out_dir */
    bc_node *chung;
    bc_arena chung_arena;
    bc_report_text_cache texts;  /* chung's text templates, compiled once */
    names seen;
    bool duplicate;       /* two entries share a file name */
    bc_csv *csv;          /* `danh_sach` from a CSV file; closed after the
                             workers: its entries point at its file name */
    bool fatal;           /* a batch-level error */
    /* queue */
    pthread_mutex_t mu;
    pthread_cond_t have_work, have_free;
    job *queue_head, *queue_tail;
    job *free_jobs;
    size_t run_max;       /* jobs a thread takes at once (<= BC_BATCH_RUN) */
    bool closing;
    char token[24];       /* this run's temporary names: .FILE.TOKEN.tmp */
    /* results, under mu */
    size_t done, failed, ok, total_estimate, read;
    double progress;      /* fraction of the input read */
    bc_diags *diags;      /* batch-level diagnostics */
} batch;

/* ---- file names ------------------------------------------------------------- */

char *bc_batch_names_default(const char *dia_danh)
{
    size_t n;
    char *ascii = bc_utf8_fold_ascii(dia_danh, strlen(dia_danh), &n);
    bc_buf b = BC_BUF_INIT;
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = ascii[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && b.len)
                bc_buf_putc(&b, '-');
            bc_buf_putc(&b, c);
            dash = false;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && b.len)
                bc_buf_putc(&b, '-');
            bc_buf_putc(&b, (char)(c - 'A' + 'a'));
            dash = false;
        } else {
            dash = true;
        }
    }
    free(ascii);
    if (b.len == 0) {
        bc_buf_free(&b);
        return NULL;
    }
    bc_buf_puts(&b, ".docx");
    return bc_buf_detach(&b, NULL);
}

static size_t S_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

/* Adds a file name; returns the index of an earlier entry with the same
 * name (and its dia_danh in *other), or 0. */
static size_t S_names_add(names *t, const char *file, size_t index,
                          const char *name, int line, const char **other,
                          int *other_line)
{
    if ((t->count + 1) * 4 > t->cap * 3) {
        names old = *t;
        t->cap = old.cap ? old.cap * 2 : 1024;
        t->slot = bc_xcalloc(t->cap, sizeof *t->slot);
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i]) {
                size_t h = S_hash(old.slot[i]->text) & (t->cap - 1);
                while (t->slot[h])
                    h = (h + 1) & (t->cap - 1);
                t->slot[h] = old.slot[i];
            }
        free(old.slot);
    }
    size_t h = S_hash(file) & (t->cap - 1);
    while (t->slot[h]) {
        if (strcmp(t->slot[h]->text, file) == 0) {
            *other = S_rec_name(t->slot[h]);
            *other_line = t->slot[h]->line;
            return t->slot[h]->index;
        }
        h = (h + 1) & (t->cap - 1);
    }
    size_t flen = strlen(file), nlen = strlen(name);
    name_rec *r = bc_arena_alloc(&t->strings, sizeof *r + flen + nlen + 2);
    r->index = index;
    r->line = line;
    memcpy(r->text, file, flen + 1);
    memcpy(r->text + flen + 1, name, nlen + 1);
    t->slot[h] = r;
    t->count++;
    return 0;
}

static void S_names_free(names *t)
{
    free(t->slot);
    bc_arena_free(&t->strings);
}

/* Where an output file is written before it is put in place: under its
 * own name in the staging folder, else hidden in the output folder. */
static void S_tmp_path(const batch *b, const char *file, bc_buf *out)
{
    bc_buf_clear(out);
    if (b->stage) {
        bc_buf_puts(out, b->stage);
        bc_buf_putc(out, '/');
        bc_buf_puts(out, file);
    } else {
        bc_buf_printf(out, "%s/.%s.%s.tmp", b->out_dir, file, b->token);
    }
}

/* ---- the queue ------------------------------------------------------------- */

static void S_run_jobs(batch *b, job **js, size_t n);

/* Removes the oldest queued job (called with mu held; NULL when none). */
static job *S_dequeue(batch *b)
{
    job *j = b->queue_head;
    if (j) {
        b->queue_head = j->next;
        if (!b->queue_head)
            b->queue_tail = NULL;
        j->next = NULL;
    }
    return j;
}

/* Moves up to `max` queued jobs, oldest first, into js (called with mu
 * held); returns how many. */
static size_t S_dequeue_run(batch *b, job **js, size_t max)
{
    size_t n = 0;
    job *j;
    while (n < max && (j = S_dequeue(b)) != NULL)
        js[n++] = j;
    return n;
}

/* A free job for the reading thread. When every job is taken, the reader
 * renders the oldest queued ones itself (it is the Nth of -j N); it waits
 * only when the queue is empty and the workers hold every job. */
static job *S_take_free(batch *b)
{
    pthread_mutex_lock(&b->mu);
    while (!b->free_jobs) {
        job *run[BC_BATCH_RUN];
        size_t n = S_dequeue_run(b, run, b->run_max);
        if (n) {
            pthread_mutex_unlock(&b->mu);
            S_run_jobs(b, run, n);
            pthread_mutex_lock(&b->mu);
        } else {
            pthread_cond_wait(&b->have_free, &b->mu);
        }
    }
    job *j = b->free_jobs;
    b->free_jobs = j->next;
    pthread_mutex_unlock(&b->mu);
    j->next = NULL;
    return j;
}

static void S_recycle(batch *b, job *j)
{
    bc_arena_reset(&j->arena);
    bc_diags_free(&j->diags);
    free(j->file);
    free(j->name);
    j->file = j->name = NULL;
    j->entry = NULL;
    pthread_mutex_lock(&b->mu);
    j->next = b->free_jobs;
    b->free_jobs = j;
    pthread_cond_signal(&b->have_free);
    pthread_mutex_unlock(&b->mu);
}

static void S_push(batch *b, job *j)
{
    pthread_mutex_lock(&b->mu);
    if (b->queue_tail)
        b->queue_tail->next = j;
    else
        b->queue_head = j;
    b->queue_tail = j;
    pthread_cond_signal(&b->have_work);
    pthread_mutex_unlock(&b->mu);
}

/* Waits for queued jobs and takes up to b->run_max of them into js;
 * returns 0 when the queue is closed and empty. */
static size_t S_pop_run(batch *b, job **js)
{
    pthread_mutex_lock(&b->mu);
    while (!b->queue_head && !b->closing)
        pthread_cond_wait(&b->have_work, &b->mu);
    size_t n = S_dequeue_run(b, js, b->run_max);
    pthread_mutex_unlock(&b->mu);
    return n;
}

/* Reports a finished entry (called with mu held). */
static void S_finish(batch *b, job *j, bool ok)
{
    const bc_batch_opts *o = b->o;
    if (!ok)
        b->failed++;
    else
        b->ok++;
    b->done++;
    if (o->on_entry) {
        bc_batch_event ev = {j->index, j->name ? j->name : "", j->file, ok,
                             &j->diags};
        o->on_entry(o->closure, &ev);
    }
    if (o->on_progress) {
        size_t est = b->done;
        if (b->progress > 0.001)
            est = (size_t)((double)b->read / b->progress + 0.5);
        if (est < b->read)
            est = b->read;
        o->on_progress(o->closure, b->done, est);
    }
}

static bool S_cancelled(const batch *b)
{
    return b->o->cancel && *b->o->cancel;
}

/* ---- the work of the entries ------------------------------------------- */

/* The stages of a run (S_run_jobs), each false when the entry fails. The
 * Decree 30 review: */
static bool S_stage_review(batch *b, job *j)
{
    const bc_batch_opts *o = b->o;
    if (o->check) {
        size_t warnings = j->diags.warnings;
        if (o->check(j->entry, &j->diags) > 0)
            return false;
        if (o->strict && j->diags.warnings > warnings)
            return false;
    }
    return true;
}

/* the prepared report and the rendered parts: */
static bool S_stage_render(batch *b, job *j)
{
    const bc_batch_opts *o = b->o;
    if (bc_report_prepare_cached(&j->arena, j->entry, o->lenient, &b->texts,
                                 &j->report, &j->diags) != 0)
        return false;
    bc_render_opts ro = {o->lenient, o->deflate_level};
    return bc_render_parts(b->tpl, &j->report, &ro, &j->parts, &j->diags) == 0;
}

/* the zipped document (after bc_render_deflate): */
static bool S_stage_pack(batch *b, job *j)
{
    bc_render_opts ro = {b->o->lenient, b->o->deflate_level};
    bc_buf_clear(&j->docx);
    return bc_render_pack(b->tpl, &j->report, &ro, &j->parts, &j->docx,
                          &j->diags) == 0;
}

/* the temporary file. */
static bool S_stage_write(batch *b, job *j, bc_buf *path)
{
    S_tmp_path(b, j->file, path);
    return bc_file_write_new(bc_buf_cstr(path), j->docx.data, j->docx.len,
                             &j->diags) == 0;
}

/* Renders and writes queued jobs, stage by stage across them all (see the
 * top of the file), then reports and recycles each. */
static void S_run_jobs(batch *b, job **js, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        js[i]->parts = (bc_package)BC_PACKAGE_INIT;
        js[i]->ok = !S_cancelled(b) && S_stage_review(b, js[i]);
    }
    for (size_t i = 0; i < n; i++)
        if (js[i]->ok)
            js[i]->ok = !S_cancelled(b) && S_stage_render(b, js[i]);
    bc_render_opts ro = {b->o->lenient, b->o->deflate_level};
    for (size_t i = 0; i < n; i++)
        if (js[i]->ok)
            bc_render_deflate(&ro, &js[i]->parts);
    for (size_t i = 0; i < n; i++) {
        if (js[i]->ok)
            js[i]->ok = !S_cancelled(b) && S_stage_pack(b, js[i]);
        bc_package_free(&js[i]->parts);
    }
    bc_buf path = BC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        job *j = js[i];
        if (S_cancelled(b)) { /* interrupted: neither written nor failed */
            S_recycle(b, j);
            continue;
        }
        if (j->ok)
            j->ok = S_stage_write(b, j, &path);
        pthread_mutex_lock(&b->mu);
        S_finish(b, j, j->ok);
        pthread_mutex_unlock(&b->mu);
        S_recycle(b, j);
    }
    bc_buf_free(&path);
}

static void *S_worker(void *arg)
{
    batch *b = arg;
    job *run[BC_BATCH_RUN];
    size_t n;
    while ((n = S_pop_run(b, run)) > 0)
        S_run_jobs(b, run, n);
    return NULL;
}

/* ---- reading entries (main thread) ------------------------------------------ */

static char *S_entry_name(const bc_node *entry)
{
    const bc_node *dd = bc_node_get(entry, "dia_danh");
    return dd && dd->kind == BC_SCALAR ? bc_xstrdup(dd->str) : bc_xstrdup("");
}

/* Fails an entry before rendering (reported like any other). */
static void S_fail_now(batch *b, job *j)
{
    pthread_mutex_lock(&b->mu);
    S_finish(b, j, false);
    pthread_mutex_unlock(&b->mu);
    S_recycle(b, j);
}

/* The output file name of a merged entry, or NULL after a diagnostic. */
/* Longest output file name: the temporary ".NAME.TOKEN.tmp" must still fit
 * the file system's 255 bytes. */
#define BC_MAX_FILE_NAME 200

/* Checks an output file name; NULL when fine, else the reason. */
static const char *S_bad_file_name(const char *s, size_t n)
{
    if (n > BC_MAX_FILE_NAME)
        return _("it is longer than 200 bytes");
    if (n == 0 || s[0] == '.')
        return _("it is empty or starts with a dot");
    bool blank = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '/' || c < 0x20 || c == 0x7F)
            return _("it holds a slash or a control character");
        if (c != ' ')
            blank = false;
    }
    if (blank || (n >= 5 && strspn(s, " ") == n - 5))
        return _("it has no name before .docx");
    return NULL;
}

static char *S_file_for(batch *b, job *j)
{
    if (!b->pattern) {
        const bc_node *dd = bc_node_get(j->entry, "dia_danh");
        char *f = dd && dd->kind == BC_SCALAR ? bc_batch_names_default(dd->str) : NULL;
        const char *why = f ? S_bad_file_name(f, strlen(f)) : NULL;
        if (!f)
            bc_diag_add(&j->diags, BC_ERROR, j->entry->file, j->entry->line,
                        j->entry->col, "%s",
                        _("the entry has no `dia_danh` to name its file (or use --ten)"));
        else if (why)
            bc_diag_add(&j->diags, BC_ERROR, dd->file, dd->line, dd->col,
                        _("`dia_danh` gives the file name `%s`, which cannot be used: %s "
                          "(use --ten)"),
                        f, why);
        if (why) {
            free(f);
            f = NULL;
        }
        return f;
    }
    bc_buf out = BC_BUF_INIT;
    bc_mapply ap;
    memset(&ap, 0, sizeof ap);
    ap.data = &bc_node_view;
    ap.root = j->entry;
    ap.escape = bc_mustache_escape_none;
    ap.diags = &j->diags;
    if (bc_mustache_apply(b->pattern, &ap, &out) != 0) {
        bc_buf_free(&out);
        return NULL;
    }
    if (out.len < 5 || strcasecmp(bc_buf_cstr(&out) + out.len - 5, ".docx") != 0)
        bc_buf_puts(&out, ".docx");
    const char *s = bc_buf_cstr(&out);
    const char *why = S_bad_file_name(s, out.len);
    if (why) {
        bc_diag_add(&j->diags, BC_ERROR, j->entry->file, j->entry->line,
                    j->entry->col,
                    _("--ten gives the file name `%s`, which is not a plain file name: %s"),
                    s, why);
        bc_buf_free(&out);
        return NULL;
    }
    return bc_buf_detach(&out, NULL);
}

static void S_dispatch(batch *b, job *j)
{
    if (!j->entry || j->entry->kind != BC_MAP) {
        const bc_node *e = j->entry;
        bc_diag_add(&j->diags, BC_ERROR, e ? e->file : b->o->path, e ? e->line : 0,
                    e ? e->col : 0, "%s", _("an entry of `danh_sach` must be a map of keys"));
        S_fail_now(b, j);
        return;
    }
    j->entry = bc_node_merge(&j->arena, b->chung, j->entry);
    j->name = S_entry_name(j->entry);
    j->file = S_file_for(b, j);
    if (!j->file) {
        S_fail_now(b, j);
        return;
    }
    const char *other = NULL;
    int other_line = 0;
    size_t first = S_names_add(&b->seen, j->file, j->index, j->name,
                               j->entry->line, &other, &other_line);
    if (first) {
        bc_diag_add(b->diags, BC_ERROR, j->entry->file, j->entry->line,
                    j->entry->col,
                    _("entries %zu (%s) and %zu (%s) would both write %s; no file of "
                      "this batch is written (entry %zu is at line %d)"),
                    first, other, j->index, j->name, j->file, first, other_line);
        b->duplicate = true;
    }
    if (b->duplicate || S_cancelled(b)) {
        S_recycle(b, j); /* nothing more is rendered */
        return;
    }
    S_push(b, j);
}

static void S_set_progress(batch *b, double p)
{
    pthread_mutex_lock(&b->mu);
    b->progress = p;
    b->read++;
    pthread_mutex_unlock(&b->mu);
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

/* Moves the diagnostics added to b->diags after `mark` (NULL: all) to the
 * job: they belong to the entry that was being read. */
static void S_take_since(batch *b, bc_diag *mark, job *j)
{
    bc_diags *from = b->diags;
    bc_diag *first = mark ? mark->next : from->head;
    if (!first)
        return;
    for (bc_diag *g = first; g; g = g->next) {
        if (g->severity == BC_ERROR)
            from->errors--, j->diags.errors++;
        else if (g->severity == BC_WARNING)
            from->warnings--, j->diags.warnings++;
    }
    if (j->diags.tail)
        j->diags.tail->next = first;
    else
        j->diags.head = first;
    j->diags.tail = from->tail;
    if (mark)
        mark->next = NULL;
    else
        from->head = NULL;
    from->tail = mark;
}

static void S_read_csv(batch *b, const bc_node *value)
{
    char *path = bc_batch_source_path(b->o->path, value->str);
    bc_csv *csv = bc_csv_open(path, b->diags);
    free(path);
    if (!csv) {
        b->fatal = true;
        return;
    }
    b->csv = csv;
    for (size_t index = 1; !S_cancelled(b); index++) {
        job *j = S_take_free(b);
        j->index = index;
        bc_diag *mark = b->diags->tail;
        int rc = bc_csv_row(csv, &j->arena, &j->entry);
        if (rc <= 0) {
            if (rc < 0)
                b->fatal = true;
            S_recycle(b, j);
            break;
        }
        S_set_progress(b, bc_csv_progress(csv));
        if (rc == 2) {
            S_take_since(b, mark, j);
            j->name = S_entry_name(j->entry);
            S_fail_now(b, j);
            continue;
        }
        S_dispatch(b, j);
    }
}

static void S_read_batch(batch *b, bc_yaml_reader *r)
{
    const char *file = bc_yaml_reader_file(r);
    bool have_list = false, have_chung = false;
    if (bc_yaml_reader_begin_map(r) != 0) {
        b->fatal = true;
        return;
    }
    for (;;) {
        char *key = NULL;
        int line, col;
        int rc = bc_yaml_reader_key(r, &key, &line, &col);
        if (rc <= 0) {
            if (rc < 0)
                b->fatal = true;
            free(key);
            break;
        }
        if ((strcmp(key, "chung") == 0 && have_chung) ||
            (strcmp(key, "danh_sach") == 0 && have_list)) {
            bc_diag_add(b->diags, BC_ERROR, file, line, col,
                        _("duplicate key `%s` in the batch file"), key);
            b->fatal = true;
            free(key);
            break;
        }
        if (strcmp(key, "chung") == 0) {
            have_chung = true;
            if (have_list) {
                bc_diag_add(b->diags, BC_ERROR, file, line, col, "%s",
                            _("`chung` must come before `danh_sach`, so that a batch "
                              "of any length can be read as a stream"));
                b->fatal = true;
                free(key);
                break;
            }
            b->chung = bc_yaml_reader_value(r, &b->chung_arena, key);
            if (!b->chung) {
                b->fatal = true;
                free(key);
                break;
            }
            if (b->chung->kind == BC_MAP)
                bc_report_text_cache_fill(&b->texts, b->chung);
            if (b->chung->kind != BC_MAP && b->chung->kind != BC_NULL) {
                bc_diag_add(b->diags, BC_ERROR, file, b->chung->line, b->chung->col,
                            "%s", _("`chung` must be a map of the keys shared by "
                                    "every report"));
                b->fatal = true;
                free(key);
                break;
            }
        } else if (strcmp(key, "danh_sach") == 0) {
            have_list = true;
            bc_node *value = NULL;
            int vl, vc;
            rc = bc_yaml_reader_begin_list(r, &b->chung_arena, key, &value, &vl, &vc);
            if (rc < 0) {
                b->fatal = true;
                free(key);
                break;
            }
            if (rc == 0) {
                if (value->kind == BC_SCALAR && bc_node_has_text(value)) {
                    S_read_csv(b, value);
                } else {
                    bc_diag_add(b->diags, BC_ERROR, file, vl, vc, "%s",
                                _("`danh_sach` must be a list of reports or the name "
                                  "of a CSV file"));
                    b->fatal = true;
                }
            } else {
                for (size_t index = 1; !S_cancelled(b); index++) {
                    job *j = S_take_free(b);
                    j->index = index;
                    bc_diag *mark = b->diags->tail;
                    int ir = bc_yaml_reader_item(r, &j->arena, &j->entry);
                    if (ir <= 0 || ir == 2) {
                        if (ir == 2) {
                            S_take_since(b, mark, j);
                            S_fail_now(b, j);
                            continue;
                        }
                        if (ir < 0)
                            b->fatal = true;
                        S_recycle(b, j);
                        break;
                    }
                    S_set_progress(b, bc_yaml_reader_progress(r));
                    S_dispatch(b, j);
                }
            }
        } else {
            bc_diag_add(b->diags, BC_ERROR, file, line, col,
                        _("unknown key `%s` in a batch file (it holds `chung` and "
                          "`danh_sach`)"),
                        key);
            b->fatal = true;
            free(key);
            break;
        }
        free(key);
        if (b->fatal || S_cancelled(b))
            break;
    }
    if (!have_list && !b->fatal) {
        bc_diag_add(b->diags, BC_ERROR, file, 1, 1, "%s",
                    _("the batch file has no `danh_sach`"));
        b->fatal = true;
    }
}

/* ---- the run ------------------------------------------------------------------- */

/* Creates a folder and its missing parents. */
static int S_mkdir_p(const char *path)
{
    if (!*path) {
        errno = ENOENT;
        return -1;
    }
    char *p = bc_xstrdup(path);
    int rc = 0;
    for (char *s = p + 1; ; s++) {
        if (*s == '/' || *s == '\0') {
            char c = *s;
            *s = '\0';
            if (mkdir(p, 0755) != 0 && errno != EEXIST) {
                rc = -1;
                break;
            }
            *s = c;
            if (!c)
                break;
        }
    }
    free(p);
    return rc;
}

/* A new, empty staging folder beside `out_dir` when out_dir does not exist
 * yet (its parents are created), else NULL. malloc'd. */
static char *S_make_stage(const char *out_dir, const char *token)
{
    struct stat st;
    if (lstat(out_dir, &st) == 0 || errno != ENOENT)
        return NULL;
    char *dir = bc_xstrdup(out_dir);
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        dir[--n] = '\0';
    char *slash = strrchr(dir, '/');
    const char *base = slash ? slash + 1 : dir;
    char *stage = NULL;
    if (*base && strcmp(base, ".") != 0 && strcmp(base, "..") != 0) {
        bc_buf b = BC_BUF_INIT;
        bc_buf_put(&b, dir, (size_t)(base - dir));
        if (slash && slash > dir) { /* the parents, when missing */
            *slash = '\0';
            if (S_mkdir_p(dir) != 0) {
                bc_buf_free(&b);
                free(dir);
                return NULL;
            }
        }
        bc_buf_printf(&b, ".%s.%s.tmp", base, token);
        stage = bc_buf_detach(&b, NULL);
        if (mkdir(stage, 0755) != 0) {
            free(stage);
            stage = NULL;
        }
    }
    free(dir);
    return stage;
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bc_batch_run(const bc_batch_opts *o, bc_batch_result *res, bc_diags *d)
{
    double t0 = S_now();
    memset(res, 0, sizeof *res);
    batch b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.diags = d;
    b.out_dir = o->out_dir ? o->out_dir : "out";
    if (o->name_pattern) {
        bc_mopts mo;
        memset(&mo, 0, sizeof mo);
        mo.name = "--ten";
        b.pattern = bc_mustache_compile(o->name_pattern, strlen(o->name_pattern), &mo, d);
        if (!b.pattern)
            return 1;
    }
    bc_yaml_reader *r = bc_yaml_reader_open(o->path, d);
    if (!r) {
        bc_mustache_free(b.pattern);
        return 1;
    }
    b.tpl = bc_template_load(o->template_path, d);
    if (!b.tpl) {
        bc_yaml_reader_close(r);
        bc_mustache_free(b.pattern);
        return 1;
    }
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    snprintf(b.token, sizeof b.token, "%lx%05lx", (unsigned long)getpid(),
             (unsigned long)(now.tv_nsec & 0xFFFFF));
    b.stage = S_make_stage(b.out_dir, b.token);
    if (!b.stage && S_mkdir_p(b.out_dir) != 0) {
        bc_diag_add(d, BC_ERROR, b.out_dir, 0, 0, _("cannot create the folder: %s"),
                    strerror(errno));
        bc_wml_template_free(b.tpl);
        bc_yaml_reader_close(r);
        bc_mustache_free(b.pattern);
        return 1;
    }
    int nthreads = o->jobs > 0 ? o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (nthreads < 1)
        nthreads = 1;
    if (nthreads > 64)
        nthreads = 64;
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.have_work, NULL);
    pthread_cond_init(&b.have_free, NULL);
    size_t njobs = (size_t)nthreads * BC_JOBS_PER_THREAD;
    b.run_max = BC_BATCH_RUN;
    if (njobs > BC_JOBS_MAX) { /* many threads: shorter runs */
        njobs = BC_JOBS_MAX;
        b.run_max = BC_JOBS_MAX * BC_BATCH_RUN / BC_JOBS_PER_THREAD / (size_t)nthreads;
        if (b.run_max < 1)
            b.run_max = 1;
    }
    job *jobs = bc_xcalloc(njobs, sizeof *jobs);
    for (size_t i = 0; i < njobs; i++) {
        jobs[i].next = b.free_jobs;
        b.free_jobs = &jobs[i];
    }
    /* the reading thread is the last of the N; with fewer workers than
     * asked (a thread that cannot start) it renders the more */
    int nworkers = nthreads - 1;
    pthread_t *threads = bc_xcalloc((size_t)nthreads, sizeof *threads);
    int started = 0;
    while (started < nworkers &&
           pthread_create(&threads[started], NULL, S_worker, &b) == 0)
        started++;
    nworkers = started;

    S_read_batch(&b, r);

    /* the reader helps to empty the queue, then waits for the workers */
    pthread_mutex_lock(&b.mu);
    b.closing = true;
    pthread_cond_broadcast(&b.have_work);
    job *run[BC_BATCH_RUN];
    size_t nrun;
    while ((nrun = S_dequeue_run(&b, run, b.run_max)) > 0) {
        pthread_mutex_unlock(&b.mu);
        S_run_jobs(&b, run, nrun);
        pthread_mutex_lock(&b.mu);
    }
    pthread_mutex_unlock(&b.mu);
    for (int i = 0; i < nworkers; i++)
        pthread_join(threads[i], NULL);

    /* every written entry left a temporary file named after its output
     * file: rename them all into place, or remove them all; a staging
     * folder goes into place whole, emptied when nothing is kept (the
     * output folder exists after a run either way) */
    bool keep = !b.duplicate && !b.fatal && !S_cancelled(&b);
    size_t written = 0;
    bc_buf tmp = BC_BUF_INIT, path = BC_BUF_INIT;
    bool placed = false; /* the staging folder is the output folder now */
    if (b.stage && keep) {
        if (rename(b.stage, b.out_dir) == 0) {
            placed = true;
            written = b.ok;
        } else if (S_mkdir_p(b.out_dir) != 0) { /* DIR appeared meanwhile */
            bc_diag_add(d, BC_ERROR, b.out_dir, 0, 0,
                        _("cannot create the folder: %s"), strerror(errno));
            keep = false;
        }
    }
    for (size_t i = 0; !placed && i < b.seen.cap; i++) {
        const name_rec *sl = b.seen.slot[i];
        if (!sl)
            continue;
        S_tmp_path(&b, sl->text, &tmp);
        if (!keep) {
            unlink(bc_buf_cstr(&tmp));
            continue;
        }
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s", b.out_dir, sl->text);
        if (rename(bc_buf_cstr(&tmp), bc_buf_cstr(&path)) == 0) {
            written++;
        } else if (errno != ENOENT) { /* ENOENT: the entry failed */
            bc_diag_add(d, BC_ERROR, bc_buf_cstr(&path), 0, 0,
                        _("cannot write: %s"), strerror(errno));
            unlink(bc_buf_cstr(&tmp));
            b.failed++;
        }
    }
    if (b.stage && !placed && (keep || rename(b.stage, b.out_dir) != 0))
        rmdir(b.stage); /* emptied above */
    free(b.stage);
    bc_buf_free(&tmp);
    bc_buf_free(&path);
    res->written = written;
    res->failed = b.failed;
    res->cancelled = S_cancelled(&b);
    res->seconds = S_now() - t0;

    for (size_t i = 0; i < njobs; i++) {
        bc_arena_free(&jobs[i].arena);
        bc_buf_free(&jobs[i].docx);
    }
    free(jobs);
    free(threads);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.have_work);
    pthread_cond_destroy(&b.have_free);
    S_names_free(&b.seen);
    bc_report_text_cache_free(&b.texts);
    bc_arena_free(&b.chung_arena);
    bc_wml_template_free(b.tpl);
    bc_csv_close(b.csv);
    bc_yaml_reader_close(r);
    bc_mustache_free(b.pattern);
    return keep && b.failed == 0 ? 0 : 1;
}
