/*
 * file_write.c - output files written whole or not at all (see
 * file_write.h).
 */
#include "base/file_write.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BC_FILE_MODE 0644

static int S_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

void bc_file_write_token(char token[32])
{
    static atomic_uint calls;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    unsigned nonce = ((unsigned)now.tv_nsec ^ (atomic_fetch_add(&calls, 1) * 2654435761u)) &
                     0xFFFFFu;
    snprintf(token, 32, "bc%lx-%05x", (unsigned long)getpid(), nonce);
}

void bc_file_write_temp_path(bc_buf *out, const char *dir, const char *name,
                             const char *token)
{
    bc_buf_clear(out);
    if (dir && *dir) {
        bc_buf_puts(out, dir);
        if (out->data[out->len - 1] != '/')
            bc_buf_putc(out, '/');
    }
    size_t n = strlen(name);
    if (n > BC_FILE_TEMP_NAME_MAX) { /* whole characters */
        n = BC_FILE_TEMP_NAME_MAX;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
            n--;
    }
    bc_buf_putc(out, '.');
    bc_buf_put(out, name, n);
    bc_buf_putc(out, '.');
    bc_buf_puts(out, token);
    bc_buf_puts(out, ".tmp");
}

/* Whether files and folders are flushed to the disk (bc_file_write_set_flush). */
static bool S_flush = true;

void bc_file_write_set_flush(bool on)
{
    S_flush = on;
}

bool bc_file_write_flushes(void)
{
    return S_flush;
}

/* Writes all of data to a new file descriptor, flushed when asked, closes
 * it, and on failure removes `path`; errors name `shown`. */
static int S_fill(int fd, const char *path, const char *shown, const void *data,
                  size_t len, bool flush, bc_diags *d)
{
    int err = 0;
    if (S_write_all(fd, data, len) != 0)
        err = errno;
    if (!err && flush && S_flush && fsync(fd) != 0 && errno != EINVAL && errno != EROFS)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (err) {
        unlink(path);
        bc_diag_add(d, BC_ERROR, shown, 0, 0, _("cannot write: %s"), strerror(err));
        return -1;
    }
    return 0;
}

int bc_file_write_new(const char *path, const char *shown, const void *data,
                      size_t len, bc_diags *d)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, BC_FILE_MODE);
    if (fd < 0) {
        bc_diag_add(d, BC_ERROR, shown, 0, 0, _("cannot create: %s"), strerror(errno));
        return -1;
    }
    return S_fill(fd, path, shown, data, len, false, d);
}

/* Flushes a folder's entries (a rename) to the disk; failures are
 * ignored (not every file system can). */
static void S_sync_dir(const char *dir)
{
    if (!S_flush)
        return;
    int fd = open(dir && *dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* The temporary file's name published as path: renamed over it, or, with
 * keep_existing, linked (link(2) refuses an existing name), then the
 * temporary name removed. 1 when keep_existing found path there. */
static int S_publish(const char *tmp, const char *path, bool keep_existing, bc_diags *d)
{
    if (!keep_existing) {
        if (rename(tmp, path) == 0)
            return 0;
    } else if (link(tmp, path) == 0) {
        unlink(tmp);
        return 0;
    } else if (errno == EEXIST) {
        unlink(tmp);
        return 1;
    } else if ((errno == EPERM || errno == ENOTSUP) && access(path, F_OK) != 0 &&
               rename(tmp, path) == 0) {
        /* a file system without hard links (FAT): checked, then renamed */
        return 0;
    }
    int err = errno;
    unlink(tmp);
    bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot write: %s"), strerror(err));
    return -1;
}

static int S_atomic(const char *path, const void *data, size_t len, bool keep_existing,
                    bc_diags *d)
{
    if (strcmp(path, "-") == 0) {
        if (S_write_all(STDOUT_FILENO, data, len) != 0) {
            bc_diag_add(d, BC_ERROR, "(stdout)", 0, 0, _("cannot write: %s"),
                        strerror(errno));
            return -1;
        }
        return 0;
    }
    /* the temporary file goes in the target's folder, so rename is atomic */
    char *dir = bc_xstrdup(path);
    char *slash = strrchr(dir, '/');
    const char *name = path;
    if (slash) {
        slash[slash == dir ? 1 : 0] = '\0';
        name = path + (strrchr(path, '/') - path) + 1;
    } else {
        dir[0] = '\0';
    }
    bc_file_write_clean(dir);
    bc_buf tmp = BC_BUF_INIT;
    int fd = -1;
    for (int tries = 0; fd < 0 && tries < 16; tries++) {
        char token[32];
        bc_file_write_token(token);
        bc_file_write_temp_path(&tmp, dir, name, token);
        fd = open(bc_buf_cstr(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                  BC_FILE_MODE);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    int rc = -1;
    if (fd < 0) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot create: %s"), strerror(errno));
    } else if (S_fill(fd, bc_buf_cstr(&tmp), path, data, len, true, d) == 0) {
        rc = S_publish(bc_buf_cstr(&tmp), path, keep_existing, d);
        if (rc == 0)
            S_sync_dir(dir);
    }
    bc_buf_free(&tmp);
    free(dir);
    return rc;
}

int bc_file_write_atomic(const char *path, const void *data, size_t len,
                         bc_diags *d)
{
    return S_atomic(path, data, len, false, d);
}

int bc_file_write_atomic_new(const char *path, const void *data, size_t len,
                             bc_diags *d)
{
    return S_atomic(path, data, len, true, d);
}

/* The pid of a temporary name ".NAME.bcPID-NONCE.tmp", or 0. */
static pid_t S_temp_pid(const char *n)
{
    size_t len = strlen(n);
    if (n[0] != '.' || len < 12 || strcmp(n + len - 4, ".tmp") != 0)
        return 0;
    const char *bc = NULL;
    for (const char *p = n + 1; (p = strstr(p, ".bc")) != NULL; p++)
        bc = p; /* the last ".bc": the name may hold one */
    if (!bc)
        return 0;
    char *end;
    unsigned long pid = strtoul(bc + 3, &end, 16);
    if (end == bc + 3 || *end != '-' || pid == 0)
        return 0;
    const char *q = end + 1;
    while (*q && *q != '.' && ((*q >= '0' && *q <= '9') || (*q >= 'a' && *q <= 'f')))
        q++;
    return strcmp(q, ".tmp") == 0 ? (pid_t)pid : 0;
}

/* Removes a folder of files (a batch's staging folder). */
static void S_remove_tree(const char *path)
{
    DIR *dh = opendir(path);
    if (dh) {
        struct dirent *e;
        bc_buf p = BC_BUF_INIT;
        while ((e = readdir(dh)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            bc_buf_clear(&p);
            bc_buf_printf(&p, "%s/%s", path, e->d_name);
            unlink(bc_buf_cstr(&p));
        }
        bc_buf_free(&p);
        closedir(dh);
    }
    rmdir(path);
}

void bc_file_write_clean(const char *dir)
{
    DIR *dh = opendir(dir && *dir ? dir : ".");
    if (!dh)
        return;
    struct dirent *e;
    bc_buf p = BC_BUF_INIT;
    while ((e = readdir(dh)) != NULL) {
        pid_t pid = S_temp_pid(e->d_name);
        if (!pid || pid == getpid() || kill(pid, 0) == 0 || errno != ESRCH)
            continue; /* not ours, or its process is alive */
        bc_buf_clear(&p);
        if (dir && *dir)
            bc_buf_printf(&p, "%s/", dir);
        bc_buf_puts(&p, e->d_name);
        struct stat st;
        if (lstat(bc_buf_cstr(&p), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            S_remove_tree(bc_buf_cstr(&p));
        else if (S_ISREG(st.st_mode))
            unlink(bc_buf_cstr(&p));
    }
    bc_buf_free(&p);
    closedir(dh);
}
