/*
 * batch_pdf.c - `batch --pdf`: the PDF/A of every report written, made
 * once the reports are done (LibreOffice converts them in chunks, one
 * process per core: app/pdf_export.h), as temporary files beside the
 * .docx ones, so that the batch publishes both at once (batch_output.c).
 */
#include "app/batch_int.h"
#include "app/pdf_export.h"
#include "app/render.h"
#include "base/path_ext.h"
#include "base/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void bc_batch_pdf_note(bc_batch_state *b, const bc_batch_job *j, size_t index)
{
    bc_batch_pdf p = {index, bc_xstrdup(j->file), bc_xstrdup(j->name ? j->name : ""),
                      bc_render_appendices(&j->report), 0, 0, 0};
    bc_render_date(&j->report, &p.year, &p.month, &p.day);
    pthread_mutex_lock(&b->mu);
    bc_batch_pdfs *v = &b->pdfs;
    if (v->n == v->cap) {
        v->cap = v->cap ? 2 * v->cap : 64;
        v->v = bc_xrealloc(v->v, v->cap * sizeof *v->v);
    }
    v->v[v->n++] = p;
    pthread_mutex_unlock(&b->mu);
}

static int S_by_index(const void *x, const void *y)
{
    const bc_batch_pdf *a = x, *c = y;
    return a->index < c->index ? -1 : a->index > c->index;
}

void bc_batch_pdf_run(bc_batch_state *b)
{
    bc_batch_pdfs *v = &b->pdfs;
    if (v->n == 0)
        return;
    /* in the order of the batch, whichever thread wrote them */
    qsort(v->v, v->n, sizeof *v->v, S_by_index);
    bc_pdf_export_item *items = bc_xcalloc(v->n, sizeof *items);
    char **names = bc_xcalloc(v->n, sizeof *names);
    bc_buf *paths = bc_xcalloc(3 * v->n, sizeof *paths);
    for (size_t i = 0; i < v->n; i++) {
        const bc_batch_pdf *p = &v->v[i];
        bc_buf *docx = &paths[3 * i], *pdf = &paths[3 * i + 1], *shown = &paths[3 * i + 2];
        names[i] = bc_path_ext_replace(p->file, ".pdf");
        bc_batch_output_tmp_path(&b->out, p->file, docx);
        bc_batch_output_tmp_path(&b->out, names[i], pdf);
        bc_buf_printf(shown, "%s/%s", b->out.out_dir, names[i]);
        items[i] = (bc_pdf_export_item){bc_buf_cstr(docx), bc_buf_cstr(pdf), bc_buf_cstr(shown),
                                        true, 1 + p->appendices,
                                        {p->year, p->month, p->day}, false, false};
    }
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    bc_pdf_export_opts o = {NULL, b->o->pdf_timeout,
                            b->o->pdf_jobs > 0 ? b->o->pdf_jobs : (int)(cores > 0 ? cores : 1),
                            0, b->o->on_pdf_progress, b->o->closure, b->o->cancel};
    bc_pdf_export_run(&o, items, v->n, b->diags);
    for (size_t i = 0; i < v->n; i++) {
        const bc_batch_pdf *p = &v->v[i];
        if (!items[i].ok) {
            b->failed++;
            continue;
        }
        const char *other;
        int other_line;
        bc_batch_names_add(&b->seen, names[i], p->index, p->name, 0, &other, &other_line);
    }
    for (size_t i = 0; i < v->n; i++) {
        free(names[i]);
        for (int k = 0; k < 3; k++)
            bc_buf_free(&paths[3 * i + k]);
    }
    free(names);
    free(paths);
    free(items);
}

void bc_batch_pdf_free(bc_batch_pdfs *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].file);
        free(p->v[i].name);
    }
    free(p->v);
    memset(p, 0, sizeof *p);
}
