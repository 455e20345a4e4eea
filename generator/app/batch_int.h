/*
 * batch_int.h - what the files of a batch run share (not a public
 * interface): the state of one run, its jobs, the table of output names,
 * the output folder.
 *
 *   batch.c         the run: reading entries (app/batch_source.h),
 *                   naming them, the threads, the end
 *   batch_queue.c   the queue of jobs and the pool they are recycled in
 *   batch_stages.c  the work of a run of queued jobs, stage by stage
 *   batch_names.c   output file names: the default, --ten, the table
 *                   that finds two entries writing one file
 *   batch_output.c  the output folder: staged and renamed whole when new,
 *                   else a temporary file per entry; published or removed
 */
#ifndef BC_BATCH_INT_H
#define BC_BATCH_INT_H

#include "app/batch.h"
#include "app/batch_summary.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "mustache/mustache.h"
#include "package/package.h"
#include "report/report.h"
#include "wml/wml_template.h"

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* Queued jobs a thread takes at once, and jobs per thread in all (so that
 * the reader still has free jobs to fill while the runs are rendered). */
#define BC_BATCH_RUN 32
#define BC_JOBS_PER_THREAD 48
/* At most this many jobs whatever -j says (about 100 KB each in flight). */
#define BC_JOBS_MAX 512
/* Longest output file name: the temporary ".NAME.TOKEN.tmp" must still fit
 * the file system's 255 bytes. */
#define BC_MAX_FILE_NAME 200

/* One entry on its way from the batch file to its output file. */
typedef struct bc_batch_job {
    size_t index;          /* 1-based */
    bc_arena arena;        /* the entry and everything derived from it */
    bc_node *entry;        /* the merged data */
    char *file;            /* final file name (malloc'd) */
    char *name;            /* dia_danh (malloc'd) */
    bc_diags diags;
    struct bc_batch_job *next;
    /* between the stages of a run (batch_stages.c) */
    bool ok;               /* no stage has failed yet */
    bc_report report;      /* prepared (in the arena) */
    bc_package parts;      /* the rendered parts */
    bc_buf docx;           /* the zipped document (kept for the next entry) */
    bc_node *summary_copy; /* its data copied for tong_hop, or NULL */
} bc_batch_job;

/* The output file names of the batch (open addressing): to find two
 * entries writing the same file, and at the end to rename every written
 * temporary file into place. A slot points at a record in an arena: the
 * entry's index and line, then "FILE\0DIA_DANH\0" (about 48 bytes), so
 * 10,000 entries cost about 600 KB with the table. */
typedef struct bc_batch_name {
    size_t index;
    int line;              /* where the entry starts */
    char text[];           /* the file name, then the entry's dia_danh */
} bc_batch_name;

typedef struct bc_batch_names {
    bc_batch_name **slot;  /* NULL: free */
    size_t cap, count;
    bc_arena strings;
} bc_batch_names;

/* Where the files go: a new folder staged beside out_dir (".DIR.TOKEN.tmp")
 * and renamed to it at the end, or, when out_dir exists, each file under a
 * temporary name in it (".FILE.TOKEN.tmp") renamed at the end; TOKEN is
 * base/file_write.h's, so a later run removes what a killed one left. */
typedef struct bc_batch_output {
    const char *out_dir;
    char *stage;           /* the staging folder, or NULL */
    char token[32];        /* this run's temporary names (file_write.h) */
} bc_batch_output;

/* A report written, whose PDF is made at the end (batch_pdf.c). */
typedef struct bc_batch_pdf {
    size_t index;          /* 1-based; the summary's: SIZE_MAX (last) */
    char *file;            /* the .docx's name (malloc'd) */
    char *name;            /* dia_danh (malloc'd) */
    size_t appendices;
    int year, month, day;  /* the report's date (render.h) */
} bc_batch_pdf;

typedef struct bc_batch_pdfs {
    bc_batch_pdf *v;
    size_t n, cap;
} bc_batch_pdfs;

typedef struct bc_batch_state {
    const bc_batch_opts *o;
    bc_wml_template *tpl;
    bc_mtpl *pattern;      /* --ten */
    bc_batch_output out;
    bc_report_cache cache;  /* chung's text templates compiled, images read, once */
    bool cache_filled;
    bc_batch_names seen;
    bool duplicate;        /* two entries share a file name */
    bool fatal;            /* a batch-level error */
    bc_batch_summary *summary; /* for tong_hop: the entries that failed,
                                  and, when the file announces a summary,
                                  the data of those written */
    bool summary_announced;
    /* queue */
    pthread_mutex_t mu;
    pthread_cond_t have_work, have_free;
    bc_batch_job *queue_head, *queue_tail;
    bc_batch_job *free_jobs;
    size_t run_max;        /* jobs a thread takes at once (<= BC_BATCH_RUN) */
    bool closing;
    /* results, under mu */
    size_t done, failed, ok, read;
    double progress;       /* fraction of the input read */
    bc_diags *diags;       /* batch-level diagnostics */
    bc_batch_pdfs pdfs;    /* with --pdf, under mu */
} bc_batch_state;

/* ---- batch_queue.c ------------------------------------------------------- */

/* A free job for the reading thread; when every job is taken it renders
 * the oldest queued ones itself (it is the Nth thread of -j N). */
bc_batch_job *bc_batch_queue_take_free(bc_batch_state *b);
/* Empties a job and puts it back in the pool. */
void bc_batch_queue_recycle(bc_batch_state *b, bc_batch_job *j);
/* Queues a job for the workers. */
void bc_batch_queue_push(bc_batch_state *b, bc_batch_job *j);
/* Waits for queued jobs and takes up to b->run_max of them into js;
 * 0 when the queue is closed and empty. */
size_t bc_batch_queue_pop_run(bc_batch_state *b, bc_batch_job **js);
/* Takes up to max queued jobs, oldest first (mu held). */
size_t bc_batch_queue_dequeue_run(bc_batch_state *b, bc_batch_job **js,
                                  size_t max);
/* Counts and reports a finished entry (mu held). */
void bc_batch_queue_finish(bc_batch_state *b, bc_batch_job *j, bool ok);
/* Fails an entry before rendering (reported like any other) and
 * recycles it. */
void bc_batch_queue_fail_now(bc_batch_state *b, bc_batch_job *j);
/* True once the batch was interrupted. */
bool bc_batch_queue_cancelled(const bc_batch_state *b);

/* ---- batch_stages.c ------------------------------------------------------ */

/* Reviews, renders, zips and writes a run of jobs, each stage over all of
 * them before the next, then reports and recycles each. */
void bc_batch_stages_run(bc_batch_state *b, bc_batch_job **js, size_t n);
/* The summary report through the same stages: the review of tong_hop as
 * written, then its input (app/batch_summary.h) rendered to its
 * temporary file; its diagnostics added to *found. */
bool bc_batch_stages_summary(bc_batch_state *b, bc_node *tong_hop, bc_node *input,
                             bc_diags *found);
/* A worker thread: runs of queued jobs until the queue closes. */
void *bc_batch_stages_worker(void *batch_state);

/* ---- batch_names.c ------------------------------------------------------- */

/* The output file name of a merged entry: its dia_danh folded
 * (bc_batch_names_default) or the --ten pattern's rendering; NULL after a
 * diagnostic in d. malloc'd. */
char *bc_batch_names_for(const bc_mtpl *pattern, const bc_node *entry,
                         bc_diags *d);
/* Adds a file name; returns the index of an earlier entry with the same
 * name (its dia_danh in *other, its line in *other_line), or 0. */
size_t bc_batch_names_add(bc_batch_names *t, const char *file, size_t index,
                          const char *name, int line, const char **other,
                          int *other_line);
void bc_batch_names_free(bc_batch_names *t);

/* ---- batch_output.c ------------------------------------------------------ */

/* Makes the staging folder when out_dir does not exist yet, else makes
 * sure out_dir does. 0, or -1 with a diagnostic. */
int bc_batch_output_open(bc_batch_output *o, const char *out_dir, bc_diags *d);
/* Where an output file is written before it is put in place. */
void bc_batch_output_tmp_path(const bc_batch_output *o, const char *file,
                              bc_buf *out);
/* Puts every written file of `names` in place (keep), or removes them
 * all; the staging folder goes into place whole, emptied when nothing is
 * kept (the output folder exists after a run either way). `ok` is the
 * number of files written. Returns the files now in place; a file that
 * cannot be renamed is a diagnostic and counted in *failed. */
size_t bc_batch_output_close(bc_batch_output *o, const bc_batch_names *names,
                             bool keep, size_t ok, size_t *failed, bc_diags *d);

/* ---- batch_pdf.c ---- */
/* With --pdf: notes a report just written (takes mu). */
void bc_batch_pdf_note(bc_batch_state *b, const bc_batch_job *j, size_t index);
/* Makes the noted reports' PDFs as temporary files beside their .docx
 * ones, to be published with them; a PDF that fails counts as a failed
 * entry. */
void bc_batch_pdf_run(bc_batch_state *b);
void bc_batch_pdf_free(bc_batch_pdfs *p);

#endif
