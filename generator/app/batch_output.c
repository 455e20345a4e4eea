/*
 * batch_output.c - the output folder of a batch (see batch_int.h): when it
 * does not exist yet, the files are written under their own names in a
 * new hidden folder beside it (".DIR.TOKEN.tmp"), renamed to DIR at the
 * end (one rename instead of one per file: renames in one folder take its
 * lock one at a time while the other cores wait); otherwise each file is
 * written as ".FILE.TOKEN.tmp" in DIR and renamed into place at the end.
 * An interrupted batch, or one where two entries would write one name,
 * leaves no file of its own.
 */
#define _GNU_SOURCE /* syncfs */
#include "app/batch_int.h"
#include "base/file_write.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
        bc_buf prefix = b;
        b = (bc_buf)BC_BUF_INIT;
        bc_file_write_temp_path(&b, bc_buf_cstr(&prefix), base, token);
        bc_buf_free(&prefix);
        stage = bc_buf_detach(&b, NULL);
        if (mkdir(stage, 0755) != 0) {
            free(stage);
            stage = NULL;
        }
    }
    free(dir);
    return stage;
}

/* Flushes every file of the file system holding dir (the files a batch
 * wrote) to the disk. */
static void S_sync_folder(const char *dir)
{
    if (!bc_file_write_flushes())
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        syncfs(fd);
        close(fd);
    }
}

/* Where an output file is written before it is put in place: under its
 * own name in the staging folder, else hidden in the output folder. */
void bc_batch_output_tmp_path(const bc_batch_output *o, const char *file,
                              bc_buf *out)
{
    bc_buf_clear(out);
    if (o->stage) {
        bc_buf_puts(out, o->stage);
        bc_buf_putc(out, '/');
        bc_buf_puts(out, file);
    } else {
        bc_file_write_temp_path(out, o->out_dir, file, o->token);
    }
}

int bc_batch_output_open(bc_batch_output *o, const char *out_dir, bc_diags *d)
{
    memset(o, 0, sizeof *o);
    o->out_dir = out_dir;
    struct stat st;
    if (stat(out_dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        bc_diag_add(d, BC_ERROR, out_dir, 0, 0, "%s",
                    _("is a file, not a folder: -o names the folder the reports "
                      "go to"));
        return -1;
    }
    /* what a killed or crashed run left: its staging folder beside
     * out_dir, its temporary files in it */
    char *parent = bc_xstrdup(out_dir);
    char *slash = strrchr(parent, '/');
    if (slash)
        slash[slash == parent ? 1 : 0] = '\0';
    bc_file_write_clean(slash ? parent : ".");
    free(parent);
    bc_file_write_clean(out_dir);
    bc_file_write_token(o->token);
    o->stage = S_make_stage(out_dir, o->token);
    if (!o->stage && S_mkdir_p(out_dir) != 0) {
        bc_diag_add(d, BC_ERROR, out_dir, 0, 0, _("cannot create the folder: %s"),
                    strerror(errno));
        return -1;
    }
    return 0;
}

size_t bc_batch_output_close(bc_batch_output *o, const bc_batch_names *names,
                             bool keep, size_t ok, size_t *failed, bc_diags *d)
{
    size_t written = 0;
    bc_buf tmp = BC_BUF_INIT, path = BC_BUF_INIT;
    bool placed = false; /* the staging folder is the output folder now */
    if (keep) /* on the disk before they are put in place (one call) */
        S_sync_folder(o->stage ? o->stage : o->out_dir);
    if (o->stage && keep) {
        if (rename(o->stage, o->out_dir) == 0) {
            placed = true;
            written = ok;
        } else if (S_mkdir_p(o->out_dir) != 0) { /* DIR appeared meanwhile */
            bc_diag_add(d, BC_ERROR, o->out_dir, 0, 0,
                        _("cannot create the folder: %s"), strerror(errno));
            keep = false;
        }
    }
    /* every written entry left a temporary file named after its output
     * file: rename them all into place, or remove them all */
    for (size_t i = 0; !placed && i < names->cap; i++) {
        const bc_batch_name *sl = names->slot[i];
        if (!sl)
            continue;
        bc_batch_output_tmp_path(o, sl->text, &tmp);
        if (!keep) {
            unlink(bc_buf_cstr(&tmp));
            continue;
        }
        bc_buf_clear(&path);
        bc_buf_printf(&path, "%s/%s", o->out_dir, sl->text);
        if (rename(bc_buf_cstr(&tmp), bc_buf_cstr(&path)) == 0) {
            /* reports are counted, not the PDFs beside them */
            size_t n = strlen(sl->text);
            written += n < 4 || strcmp(sl->text + n - 4, ".pdf") != 0;
        } else if (errno != ENOENT) { /* ENOENT: the entry failed */
            bc_diag_add(d, BC_ERROR, bc_buf_cstr(&path), 0, 0,
                        _("cannot write: %s"), strerror(errno));
            unlink(bc_buf_cstr(&tmp));
            (*failed)++;
        }
    }
    /* a staging folder not renamed: emptied above; it becomes the (empty)
     * output folder when nothing is kept, else it goes */
    if (o->stage && !placed && (keep || rename(o->stage, o->out_dir) != 0))
        rmdir(o->stage);
    free(o->stage);
    o->stage = NULL;
    bc_buf_free(&tmp);
    bc_buf_free(&path);
    return written;
}
