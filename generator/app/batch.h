/*
 * batch.h - every report of a batch file (input.md section 2) in one run.
 *
 * `chung` (first in the file) is merged under each entry of `danh_sach`
 * (a list, or a CSV file name relative to the batch file); entries are
 * read as a stream (app/batch_source.h) and rendered by worker threads
 * sharing the template, compiled once, read-only. Every file is written under a temporary name
 * and renamed into place at the end, so an interrupted batch leaves no
 * partial file, and two entries that would write the same name leave no
 * file at all. An entry that fails is reported and does not stop the
 * others.
 */
#ifndef BC_BATCH_H
#define BC_BATCH_H

#include "base/diag.h"
#include "input/node.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct bc_batch_event {
    size_t index;            /* 1-based entry index */
    const char *name;        /* the entry's dia_danh, or "" */
    const char *file;        /* output file name, or NULL */
    bool ok;
    const bc_diags *diags;   /* the entry's diagnostics */
} bc_batch_event;

typedef struct bc_batch_opts {
    const char *path;           /* BATCH.yaml */
    const char *template_path;  /* NULL: the built-in template */
    const char *out_dir;        /* NULL: "out" */
    const char *name_pattern;   /* --ten; NULL: dia_danh folded to ASCII */
    int jobs;                   /* workers; 0: the number of cores */
    bool lenient;
    int deflate_level;          /* 0: the default */
    /* Called once per finished entry, never two at a time. */
    void (*on_entry)(void *closure, const bc_batch_event *ev);
    /* Called after each entry: done so far, estimated total. */
    void (*on_progress)(void *closure, size_t done, size_t total);
    /* Checks an entry's input before rendering (the Decree 30 review):
     * adds diagnostics, returns the number of errors; may be NULL. With
     * `strict`, warnings fail the entry too. */
    int (*check)(const bc_node *entry, bc_diags *d);
    bool strict;
    void *closure;
    volatile sig_atomic_t *cancel; /* non-zero: stop, write nothing */
    /* --pdf: each report's PDF/A beside its .docx, made when the entries
     * are done, published with them (app/pdf_export.h) */
    bool pdf;
    int pdf_timeout;            /* seconds per LibreOffice call; 0: 120 */
    int pdf_jobs;               /* LibreOffice processes; 0: the cores */
    /* Called after each chunk of PDFs: done so far, of total. */
    void (*on_pdf_progress)(void *closure, size_t done, size_t total);
} bc_batch_opts;

typedef struct bc_batch_result {
    size_t written;
    size_t failed;
    double seconds;
    bool cancelled;
} bc_batch_result;

/* Runs the batch. Returns 0 when every entry was written, 1 otherwise
 * (failed entries, duplicate names, a batch-level error in d). */
int bc_batch_run(const bc_batch_opts *o, bc_batch_result *res, bc_diags *d);

/* The default output name of an entry: dia_danh folded to ASCII, lower
 * case, words joined by hyphens, ".docx" ("Cẩm Vũ" -> "cam-vu.docx").
 * malloc'd; NULL when nothing is left. */
char *bc_batch_names_default(const char *dia_danh);

#endif
