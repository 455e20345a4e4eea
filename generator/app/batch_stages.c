/*
 * batch_stages.c - the work of a run of queued jobs (see batch_int.h). A
 * thread takes up to BC_BATCH_RUN jobs at a time and takes them through
 * each stage together: the review of all, their rendered parts, their
 * deflated documents, their zips, then the files. Each stage's code
 * (libxml2, the layout, libdeflate, libzip, the file system) then runs
 * many times in a row and keeps the processor's caches and branch
 * predictors to itself: reports taken one at a time cost about 15 % more
 * time, and libdeflate alone takes 40 % longer when libxml2 and libyaml
 * run between its calls (docs/ARCHITECTURE.md, "Speed").
 */
#include "app/batch_int.h"
#include "app/render.h"
#include "app/batch_summary.h"
#include "base/file_write.h"

#include <stdint.h>
#include <string.h>

/* The stages of a run, each false when the entry fails. The Decree 30
 * review: */
static bool S_stage_review(bc_batch_state *b, bc_batch_job *j)
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
static bool S_stage_render(bc_batch_state *b, bc_batch_job *j)
{
    const bc_batch_opts *o = b->o;
    if (bc_report_prepare_cached(&j->arena, j->entry, o->lenient, &b->cache,
                                 &j->report, &j->diags) != 0)
        return false;
    bc_render_opts ro = {o->lenient, o->deflate_level};
    return bc_render_parts(b->tpl, &j->report, &ro, &j->parts, &j->diags) == 0;
}

/* the zipped document (after bc_render_deflate): */
static bool S_stage_pack(bc_batch_state *b, bc_batch_job *j)
{
    bc_render_opts ro = {b->o->lenient, b->o->deflate_level};
    bc_buf_clear(&j->docx);
    return bc_render_pack(b->tpl, &j->report, &ro, &j->parts, &j->docx,
                          &j->diags) == 0;
}

/* the temporary file. */
static bool S_stage_write(bc_batch_state *b, bc_batch_job *j, bc_buf *path)
{
    bc_batch_output_tmp_path(&b->out, j->file, path);
    /* errors name the file the clerk will look for */
    bc_buf shown = BC_BUF_INIT;
    bc_buf_printf(&shown, "%s/%s", b->out.out_dir, j->file);
    bool ok = bc_file_write_new(bc_buf_cstr(path), bc_buf_cstr(&shown), j->docx.data,
                                j->docx.len, &j->diags) == 0;
    bc_buf_free(&shown);
    return ok;
}

void bc_batch_stages_run(bc_batch_state *b, bc_batch_job **js, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        js[i]->parts = (bc_package)BC_PACKAGE_INIT;
        js[i]->ok = !bc_batch_queue_cancelled(b) && S_stage_review(b, js[i]);
    }
    for (size_t i = 0; i < n; i++) {
        bc_batch_job *j = js[i];
        if (j->ok)
            j->ok = !bc_batch_queue_cancelled(b) && S_stage_render(b, j);
        /* copied for the summary while its data is still in the caches
         * (later, after the run's other stages, the copy takes four times
         * as long); dropped if a later stage fails */
        j->summary_copy = j->ok && b->summary_announced
                              ? bc_batch_summary_copy(b->summary, j->index, j->report.data) : NULL;
    }
    bc_render_opts ro = {b->o->lenient, b->o->deflate_level};
    for (size_t i = 0; i < n; i++)
        if (js[i]->ok)
            bc_render_deflate(&ro, &js[i]->parts);
    for (size_t i = 0; i < n; i++) {
        if (js[i]->ok)
            js[i]->ok = !bc_batch_queue_cancelled(b) && S_stage_pack(b, js[i]);
        bc_package_free(&js[i]->parts);
    }
    bc_buf path = BC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        bc_batch_job *j = js[i];
        if (bc_batch_queue_cancelled(b)) { /* interrupted: neither written nor failed */
            bc_batch_queue_recycle(b, j);
            continue;
        }
        if (j->ok)
            j->ok = S_stage_write(b, j, &path);
        if (j->ok && b->o->pdf)
            bc_batch_pdf_note(b, j, j->index);
        pthread_mutex_lock(&b->mu);
        bc_batch_queue_finish(b, j, j->ok);
        pthread_mutex_unlock(&b->mu);
        bc_batch_queue_recycle(b, j);
    }
    bc_buf_free(&path);
}

bool bc_batch_stages_summary(bc_batch_state *b, bc_node *tong_hop, bc_node *input,
                             bc_diags *found)
{
    bc_batch_job j;
    memset(&j, 0, sizeof j);
    j.arena = (bc_arena)BC_ARENA_INIT;
    j.diags = *found; /* added to */
    j.parts = (bc_package)BC_PACKAGE_INIT;
    /* the review reads what the clerk wrote (the entries were reviewed as
     * entries), the rest reads the summary's data */
    j.entry = tong_hop;
    bool ok = S_stage_review(b, &j);
    j.entry = input;
    ok = ok && S_stage_render(b, &j);
    if (ok) {
        bc_render_opts ro = {b->o->lenient, b->o->deflate_level};
        bc_render_deflate(&ro, &j.parts);
        j.file = (char *)BC_BATCH_SUMMARY_FILE;
        ok = S_stage_pack(b, &j);
    }
    bc_package_free(&j.parts);
    bc_buf path = BC_BUF_INIT;
    if (ok)
        ok = S_stage_write(b, &j, &path);
    if (ok && b->o->pdf) {
        j.name = (char *)"tong_hop";
        bc_batch_pdf_note(b, &j, SIZE_MAX);
    }
    bc_buf_free(&path);
    bc_buf_free(&j.docx);
    bc_arena_free(&j.arena);
    *found = j.diags;
    return ok;
}

void *bc_batch_stages_worker(void *arg)
{
    bc_batch_state *b = arg;
    bc_batch_job *run[BC_BATCH_RUN];
    size_t n;
    while ((n = bc_batch_queue_pop_run(b, run)) > 0)
        bc_batch_stages_run(b, run, n);
    return NULL;
}

