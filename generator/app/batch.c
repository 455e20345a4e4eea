/*
 * batch.c - a batch of reports (see batch.h): the run as a whole.
 *
 * The calling thread reads the entries one at a time
 * (app/batch_source.h: YAML stream or CSV rows, merged over `chung`),
 * names each entry's output file, and queues it (batch_queue.c); worker
 * threads and, when every job is taken, the reading thread itself take
 * runs of queued entries through the stages (batch_stages.c). At the end
 * the files written are put in place all at once, or all removed when two
 * entries would write one name or the batch was interrupted
 * (batch_output.c).
 */
#include "app/batch_int.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "app/batch_source.h"
#include "report/template.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char *S_entry_name(const bc_node *entry)
{
    return bc_xstrdup(bc_batch_source_entry_name(entry));
}

/* An entry would write the summary's file: nothing of the batch is. */
static void S_summary_name_taken(bc_batch_state *b, size_t index, const char *name,
                                 const bc_node *where)
{
    bc_diag_add(b->diags, BC_ERROR, where ? where->file : NULL, where ? where->line : 0,
                where ? where->col : 0,
                _("entry %zu (%s) would write %s, the file of the summary (tong_hop); "
                  "no file of this batch is written: give the entry another name "
                  "(dia_danh, or --ten)"),
                index, name, BC_BATCH_SUMMARY_FILE);
    b->duplicate = true;
}

/* A merged entry: named, checked against the names so far, queued. */
static void S_dispatch(bc_batch_state *b, bc_batch_job *j)
{
    j->name = S_entry_name(j->entry);
    j->file = bc_batch_names_for(b->pattern, j->entry, &j->diags);
    if (!j->file) {
        bc_batch_queue_fail_now(b, j);
        return;
    }
    if (b->summary_announced && strcmp(j->file, BC_BATCH_SUMMARY_FILE) == 0) {
        S_summary_name_taken(b, j->index, j->name, j->entry);
        bc_batch_queue_recycle(b, j);
        return;
    }
    const char *other = NULL;
    int other_line = 0;
    size_t first = bc_batch_names_add(&b->seen, j->file, j->index, j->name,
                                      j->entry->line, &other, &other_line);
    if (first) {
        bc_diag_add(b->diags, BC_ERROR, j->entry->file, j->entry->line,
                    j->entry->col,
                    _("entries %zu (%s) and %zu (%s) would both write %s; no file of "
                      "this batch is written (entry %zu is at line %d)"),
                    first, other, j->index, j->name, j->file, first, other_line);
        b->duplicate = true;
    }
    if (b->duplicate || bc_batch_queue_cancelled(b)) {
        bc_batch_queue_recycle(b, j); /* nothing more is rendered */
        return;
    }
    bc_batch_queue_push(b, j);
}

static void S_set_progress(bc_batch_state *b, double p)
{
    pthread_mutex_lock(&b->mu);
    b->progress = p;
    b->read++;
    pthread_mutex_unlock(&b->mu);
}

/* Reads every entry of the source into a job and dispatches it. */
static void S_read(bc_batch_state *b, bc_batch_source *src)
{
    for (size_t index = 1; !bc_batch_queue_cancelled(b); index++) {
        bc_batch_job *j = bc_batch_queue_take_free(b);
        j->index = index;
        bc_batch_source_result rc =
            bc_batch_source_next(src, &j->arena, &j->entry, &j->diags);
        if (!b->cache_filled) { /* chung is known once the list is reached */
            const bc_node *chung = bc_batch_source_chung(src);
            if (chung)
                bc_report_cache_fill(&b->cache, chung);
            b->cache_filled = true;
        }
        if (rc == BC_BATCH_SOURCE_END || rc == BC_BATCH_SOURCE_FAILED) {
            b->fatal = rc == BC_BATCH_SOURCE_FAILED;
            bc_batch_queue_recycle(b, j);
            break;
        }
        S_set_progress(b, bc_batch_source_progress(src));
        if (rc == BC_BATCH_SOURCE_BAD) {
            j->name = S_entry_name(j->entry);
            bc_batch_queue_fail_now(b, j);
            continue;
        }
        S_dispatch(b, j);
    }
}

/* The summary report, once every entry is done: its data made from the
 * entries written, then the same stages as an entry's, into
 * tong-hop.docx beside them. */
static void S_summary(bc_batch_state *b, bc_batch_source *src)
{
    const bc_node *tong_hop = bc_batch_source_summary(src);
    if (!tong_hop || b->fatal || b->duplicate || bc_batch_queue_cancelled(b))
        return;
    if (!b->summary_announced &&
        bc_batch_summary_collect(b->summary, b->o->path, b->diags) != 0) {
        b->fatal = true;
        return;
    }
    const char *other = NULL;
    int other_line = 0;
    size_t first = bc_batch_names_add(&b->seen, BC_BATCH_SUMMARY_FILE, 0, "tong_hop",
                                      tong_hop->line, &other, &other_line);
    if (first) {
        S_summary_name_taken(b, first, other, NULL);
        return;
    }
    bc_diags found = BC_DIAGS_INIT;
    bc_node *input = bc_batch_summary_input(b->summary, tong_hop, &found);
    bool ok = input && bc_batch_stages_summary(b, (bc_node *)tong_hop, input, &found);
    bc_batch_summary_move_diags(&found, b->diags);
    bc_diags_free(&found);
    if (ok)
        b->ok++;
    else
        b->failed++;
    bc_batch_summary_tell_lacking(b->summary, tong_hop, b->diags);
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The number of threads, and how many jobs they share. */
static size_t S_jobs(bc_batch_state *b, int *nthreads)
{
    int n = b->o->jobs > 0 ? b->o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    if (n > 64)
        n = 64;
    *nthreads = n;
    size_t njobs = (size_t)n * BC_JOBS_PER_THREAD;
    b->run_max = BC_BATCH_RUN;
    if (njobs > BC_JOBS_MAX) { /* many threads: shorter runs */
        njobs = BC_JOBS_MAX;
        b->run_max = BC_JOBS_MAX * BC_BATCH_RUN / BC_JOBS_PER_THREAD / (size_t)n;
        if (b->run_max < 1)
            b->run_max = 1;
    }
    return njobs;
}

int bc_batch_run(const bc_batch_opts *o, bc_batch_result *res, bc_diags *d)
{
    double t0 = S_now();
    memset(res, 0, sizeof *res);
    bc_batch_state b;
    memset(&b, 0, sizeof b);
    b.o = o;
    b.diags = d;
    if (o->name_pattern) {
        bc_mopts mo;
        memset(&mo, 0, sizeof mo);
        mo.name = "--ten";
        b.pattern = bc_mustache_compile(o->name_pattern, strlen(o->name_pattern), &mo, d);
        if (!b.pattern)
            return 1;
    }
    bc_batch_source *src = bc_batch_source_open(o->path, d);
    if (!src) {
        bc_mustache_free(b.pattern);
        return 1;
    }
    b.tpl = bc_template_load(o->template_path, d);
    if (!b.tpl || bc_batch_output_open(&b.out, o->out_dir ? o->out_dir : "out", d) != 0) {
        bc_wml_template_free(b.tpl);
        bc_batch_source_close(src);
        bc_mustache_free(b.pattern);
        return 1;
    }
    b.summary = bc_batch_summary_new();
    b.summary_announced = bc_batch_source_announces_summary(o->path);
    int nthreads;
    size_t njobs = S_jobs(&b, &nthreads);
    pthread_mutex_init(&b.mu, NULL);
    pthread_cond_init(&b.have_work, NULL);
    pthread_cond_init(&b.have_free, NULL);
    bc_batch_job *jobs = bc_xcalloc(njobs, sizeof *jobs);
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
           pthread_create(&threads[started], NULL, bc_batch_stages_worker, &b) == 0)
        started++;
    nworkers = started;

    S_read(&b, src);

    /* the reader helps to empty the queue, then waits for the workers */
    pthread_mutex_lock(&b.mu);
    b.closing = true;
    pthread_cond_broadcast(&b.have_work);
    bc_batch_job *run[BC_BATCH_RUN];
    size_t nrun;
    while ((nrun = bc_batch_queue_dequeue_run(&b, run, b.run_max)) > 0) {
        pthread_mutex_unlock(&b.mu);
        bc_batch_stages_run(&b, run, nrun);
        pthread_mutex_lock(&b.mu);
    }
    pthread_mutex_unlock(&b.mu);
    for (int i = 0; i < nworkers; i++)
        pthread_join(threads[i], NULL);
    /* the jobs' memory goes back before the summary is made, which then
     * reuses it instead of faulting in pages of its own */
    for (size_t i = 0; i < njobs; i++) {
        bc_arena_free(&jobs[i].arena);
        bc_buf_free(&jobs[i].docx);
    }
    S_summary(&b, src);

    if (o->pdf && !b.duplicate && !b.fatal && !bc_batch_queue_cancelled(&b))
        bc_batch_pdf_run(&b);
    bool keep = !b.duplicate && !b.fatal && !bc_batch_queue_cancelled(&b);
    res->written = bc_batch_output_close(&b.out, &b.seen, keep, b.ok, &b.failed, d);
    res->failed = b.failed;
    res->cancelled = bc_batch_queue_cancelled(&b);
    res->seconds = S_now() - t0;

    free(jobs);
    free(threads);
    pthread_mutex_destroy(&b.mu);
    pthread_cond_destroy(&b.have_work);
    pthread_cond_destroy(&b.have_free);
    bc_batch_names_free(&b.seen);
    bc_batch_pdf_free(&b.pdfs);
    bc_batch_summary_free(b.summary);
    bc_report_cache_free(&b.cache);
    bc_wml_template_free(b.tpl);
    bc_batch_source_close(src);
    bc_mustache_free(b.pattern);
    return keep && b.failed == 0 ? 0 : 1;
}
