/*
 * pdf_export.c - reports' .docx files made PDF/A-2b through LibreOffice,
 * checked and finished (see pdf_export.h).
 *
 * The work happens in a private folder under $TMPDIR: chunk K's inputs are
 * symbolic links K/in/N.docx to the reports (so LibreOffice's lock files
 * and its outputs K/out/N.pdf never touch the clerk's folders), and the
 * folder goes when the run ends, whatever happened.
 */
#include "app/pdf_export.h"
#include "app/office.h"
#include "base/buf.h"
#include "base/file_write.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "pdf/pdf_finish.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define S_DEFAULT_CHUNK 25

typedef struct export_run {
    const bc_pdf_export_opts *o;
    bc_pdf_export_item *items;
    size_t n, chunks, chunk;
    char *work;               /* the private folder */
    pthread_mutex_t lock;     /* next, done, d, on_progress */
    size_t next, done;
    bc_diags *d;
} export_run;

/* Removes a folder and what it holds (the private folder only). */
static void S_remove_tree(const char *path)
{
    DIR *dir = opendir(path);
    if (dir) {
        struct dirent *e;
        bc_buf sub = BC_BUF_INIT;
        while ((e = readdir(dir)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            bc_buf_clear(&sub);
            bc_buf_printf(&sub, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(bc_buf_cstr(&sub), &st) == 0 && S_ISDIR(st.st_mode))
                S_remove_tree(bc_buf_cstr(&sub));
            else
                unlink(bc_buf_cstr(&sub));
        }
        bc_buf_free(&sub);
        closedir(dir);
    }
    rmdir(path);
}

static bool S_read_file(const char *path, bc_buf *out)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return false;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0)
        bc_buf_put(out, chunk, got);
    bool ok = !ferror(fp);
    fclose(fp);
    return ok;
}

/* The last non-empty line LibreOffice printed, for a message. */
static char *S_last_line(const char *text)
{
    if (!text)
        return NULL;
    const char *end = text + strlen(text);
    while (end > text && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' '))
        end--;
    const char *start = end;
    while (start > text && start[-1] != '\n')
        start--;
    return end > start ? bc_xstrndup(start, (size_t)(end - start)) : NULL;
}

/* Finishes and writes one converted item; its errors go to d. */
static void S_finish(bc_pdf_export_item *it, const char *converted, const char *said,
                     bc_diags *d)
{
    bc_buf raw = BC_BUF_INIT, done = BC_BUF_INIT;
    struct stat st;
    if (stat(converted, &st) != 0) {
        char *line = S_last_line(said);
        bc_diag *g = bc_diag_add(d, BC_ERROR, it->shown, 0, 0, "%s",
                                 _("LibreOffice made no PDF of this report"));
        if (line)
            bc_diag_set_hint(g, line);
        free(line);
    } else if (!S_read_file(converted, &raw)) {
        bc_diag_add(d, BC_ERROR, it->shown, 0, 0, _("cannot read LibreOffice's PDF: %s"),
                    strerror(errno));
    } else {
        bc_pdf_finish_opts fo = {it->shown, it->min_pages, it->date};
        bc_pdf_finish_result fr;
        if (bc_pdf_finish((const unsigned char *)raw.data, raw.len, &fo, &done, &fr, d) == 0) {
            int rc = it->staged ? bc_file_write_new(it->pdf, it->shown, done.data, done.len, d)
                                : bc_file_write_atomic(it->pdf, done.data, done.len, d);
            it->ok = rc == 0;
            it->field = fr.field;
        }
    }
    bc_buf_free(&raw);
    bc_buf_free(&done);
}

/* Converts chunk k with office; the items' results and errors set. */
static void S_chunk(export_run *r, bc_office *office, size_t k, bc_diags *d)
{
    size_t first = k * r->chunk, last = first + r->chunk;
    if (last > r->n)
        last = r->n;
    bc_buf in = BC_BUF_INIT, out = BC_BUF_INIT, path = BC_BUF_INIT;
    bc_buf_printf(&in, "%s/%zu-in", r->work, k);
    bc_buf_printf(&out, "%s/%zu-out", r->work, k);
    const char **inputs = bc_xcalloc(last - first, sizeof *inputs);
    size_t m = 0;
    bool made = mkdir(bc_buf_cstr(&in), 0700) == 0 && mkdir(bc_buf_cstr(&out), 0700) == 0;
    for (size_t i = first; made && i < last; i++) {
        char real[PATH_MAX];
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%zu.docx", bc_buf_cstr(&in), i - first);
        if (!realpath(r->items[i].docx, real) || symlink(real, bc_buf_cstr(&path)) != 0) {
            bc_diag_add(d, BC_ERROR, r->items[i].shown, 0, 0,
                        _("cannot prepare the conversion: %s"), strerror(errno));
            continue;
        }
        inputs[m++] = bc_xstrdup(bc_buf_cstr(&path));
    }
    if (!made)
        bc_diag_add(d, BC_ERROR, r->work, 0, 0, _("cannot prepare the conversion: %s"),
                    strerror(errno));
    bc_diags said = BC_DIAGS_INIT;
    bool ran = m > 0 && bc_office_convert(office, BC_PDF_EXPORT_FILTER, inputs, m,
                                          bc_buf_cstr(&out), &said) == 0;
    if (m > 0 && !ran) {
        /* the whole call failed (time limit, no LibreOffice): each report
         * of the chunk is named, with LibreOffice's own message */
        for (size_t i = first; i < last; i++)
            for (const bc_diag *g = said.head; g; g = g->next)
                bc_diag_add_copy(d, g, r->items[i].shown);
    }
    bc_diags_free(&said);
    for (size_t i = first; ran && i < last; i++) {
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%zu.pdf", bc_buf_cstr(&out), i - first);
        S_finish(&r->items[i], bc_buf_cstr(&path), bc_office_output(office), d);
    }
    for (size_t i = 0; i < m; i++)
        free((char *)inputs[i]);
    free(inputs);
    bc_buf_free(&in);
    bc_buf_free(&out);
    bc_buf_free(&path);
}

static void *S_worker(void *arg)
{
    export_run *r = arg;
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts oo = {r->o->soffice, r->o->timeout};
    bc_office *office = bc_office_open(&oo, &d);
    for (;;) {
        pthread_mutex_lock(&r->lock);
        bool stop = r->o->cancel && *r->o->cancel;
        size_t k = r->next < r->chunks && !stop ? r->next++ : r->chunks;
        pthread_mutex_unlock(&r->lock);
        if (k == r->chunks)
            break;
        size_t first = k * r->chunk;
        size_t count = first + r->chunk > r->n ? r->n - first : r->chunk;
        if (office) {
            S_chunk(r, office, k, &d);
        } else if (d.errors == 0) {
            bc_diag_add(&d, BC_ERROR, r->items[first].shown, 0, 0, "%s",
                        _("LibreOffice could not be started"));
        }
        pthread_mutex_lock(&r->lock);
        r->done += count;
        if (r->o->on_progress)
            r->o->on_progress(r->o->closure, r->done, r->n);
        pthread_mutex_unlock(&r->lock);
    }
    if (office)
        bc_office_close(office);
    pthread_mutex_lock(&r->lock);
    bc_diags_take(r->d, &d);
    pthread_mutex_unlock(&r->lock);
    bc_diags_free(&d);
    return NULL;
}

static char *S_work_folder(void)
{
    const char *tmp = getenv("TMPDIR");
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "%s/baocao-pdf-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *path = bc_buf_detach(&b, NULL);
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

size_t bc_pdf_export_run(const bc_pdf_export_opts *o, bc_pdf_export_item *items, size_t n,
                         bc_diags *d)
{
    for (size_t i = 0; i < n; i++)
        items[i].ok = items[i].field = false;
    if (n == 0)
        return 0;
    export_run r = {0};
    r.o = o;
    r.items = items;
    r.n = n;
    r.d = d;
    r.chunk = o->chunk ? o->chunk : S_DEFAULT_CHUNK;
    r.chunks = (n + r.chunk - 1) / r.chunk;
    r.work = S_work_folder();
    if (!r.work) {
        bc_diag_add(d, BC_ERROR, items[0].shown, 0, 0, _("cannot prepare the conversion: %s"),
                    strerror(errno));
        return n;
    }
    pthread_mutex_init(&r.lock, NULL);
    if (o->on_progress)
        o->on_progress(o->closure, 0, n);
    size_t jobs = o->jobs > 0 ? (size_t)o->jobs : 1;
    if (jobs > r.chunks)
        jobs = r.chunks;
    pthread_t *threads = bc_xcalloc(jobs, sizeof *threads);
    size_t started = 0;
    for (size_t j = 1; j < jobs; j++) /* this thread is the first worker */
        if (pthread_create(&threads[started], NULL, S_worker, &r) == 0)
            started++;
    S_worker(&r);
    for (size_t j = 0; j < started; j++)
        pthread_join(threads[j], NULL);
    free(threads);
    pthread_mutex_destroy(&r.lock);
    S_remove_tree(r.work);
    free(r.work);
    size_t failed = 0;
    for (size_t i = 0; i < n; i++)
        failed += !items[i].ok;
    return failed;
}
