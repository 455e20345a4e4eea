/*
 * batch_queue.c - the jobs of a batch (see batch_int.h): a bounded pool,
 * recycled so that memory does not grow with the number of entries, and
 * a queue the reading thread fills and the workers empty, a run of up to
 * b->run_max jobs at a time. With -j N there are N - 1 worker threads and
 * the reading thread is the Nth: whenever every job is taken it renders
 * the oldest queued ones itself instead of waiting, so N threads share N
 * cores.
 */
#include "app/batch_int.h"

#include <string.h>

/* Removes the oldest queued bc_batch_job (called with mu held; NULL when none). */
static bc_batch_job *S_dequeue(bc_batch_state *b)
{
    bc_batch_job *j = b->queue_head;
    if (j) {
        b->queue_head = j->next;
        if (!b->queue_head)
            b->queue_tail = NULL;
        j->next = NULL;
    }
    return j;
}

size_t bc_batch_queue_dequeue_run(bc_batch_state *b, bc_batch_job **js, size_t max)
{
    size_t n = 0;
    bc_batch_job *j;
    while (n < max && (j = S_dequeue(b)) != NULL)
        js[n++] = j;
    return n;
}

/* A free bc_batch_job for the reading thread. When every bc_batch_job is taken, the reader
 * renders the oldest queued ones itself (it is the Nth of -j N); it waits
 * only when the queue is empty and the workers hold every bc_batch_job. */
bc_batch_job *bc_batch_queue_take_free(bc_batch_state *b)
{
    pthread_mutex_lock(&b->mu);
    while (!b->free_jobs) {
        bc_batch_job *run[BC_BATCH_RUN];
        size_t n = bc_batch_queue_dequeue_run(b, run, b->run_max);
        if (n) {
            pthread_mutex_unlock(&b->mu);
            bc_batch_stages_run(b, run, n);
            pthread_mutex_lock(&b->mu);
        } else {
            pthread_cond_wait(&b->have_free, &b->mu);
        }
    }
    bc_batch_job *j = b->free_jobs;
    b->free_jobs = j->next;
    pthread_mutex_unlock(&b->mu);
    j->next = NULL;
    return j;
}

void bc_batch_queue_recycle(bc_batch_state *b, bc_batch_job *j)
{
    bc_arena_reset(&j->arena);
    bc_diags_free(&j->diags);
    free(j->file);
    free(j->name);
    j->file = j->name = NULL;
    j->entry = NULL;
    j->summary_copy = NULL;
    pthread_mutex_lock(&b->mu);
    j->next = b->free_jobs;
    b->free_jobs = j;
    pthread_cond_signal(&b->have_free);
    pthread_mutex_unlock(&b->mu);
}

void bc_batch_queue_push(bc_batch_state *b, bc_batch_job *j)
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

size_t bc_batch_queue_pop_run(bc_batch_state *b, bc_batch_job **js)
{
    pthread_mutex_lock(&b->mu);
    while (!b->queue_head && !b->closing)
        pthread_cond_wait(&b->have_work, &b->mu);
    size_t n = bc_batch_queue_dequeue_run(b, js, b->run_max);
    pthread_mutex_unlock(&b->mu);
    return n;
}

void bc_batch_queue_finish(bc_batch_state *b, bc_batch_job *j, bool ok)
{
    const bc_batch_opts *o = b->o;
    if (!ok)
        b->failed++;
    else
        b->ok++;
    b->done++;
    if (!ok) {
        bc_batch_summary_drop(b->summary, j->summary_copy);
        bc_batch_summary_lack(b->summary, j->index, j->name);
    }
    else if (b->summary_announced)
        bc_batch_summary_keep(b->summary, j->index, j->summary_copy);
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

bool bc_batch_queue_cancelled(const bc_batch_state *b)
{
    return b->o->cancel && *b->o->cancel;
}

void bc_batch_queue_fail_now(bc_batch_state *b, bc_batch_job *j)
{
    pthread_mutex_lock(&b->mu);
    bc_batch_queue_finish(b, j, false);
    pthread_mutex_unlock(&b->mu);
    bc_batch_queue_recycle(b, j);
}

