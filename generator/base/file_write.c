/*
 * file_write.c - output files written whole or not at all (see
 * file_write.h).
 */
#include "base/file_write.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

#define BC_FILE_MODE 0644

/* BC_FILE_MODE less the umask, read from /proc (umask(2) cannot read it
 * without setting it, which other threads would see); BC_FILE_MODE when
 * /proc does not tell. */
static mode_t S_file_mode(void)
{
    mode_t mode = BC_FILE_MODE;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return mode;
    char line[128];
    while (fgets(line, sizeof line, f)) {
        unsigned mask;
        if (sscanf(line, "Umask: %o", &mask) == 1) {
            mode = BC_FILE_MODE & ~(mode_t)mask;
            break;
        }
    }
    fclose(f);
    return mode;
}

/* Writes all of data to a new file descriptor, closes it, and on failure
 * removes `path`. A mkstemp() file (0600) is given the mode open(2) would
 * have given; a file made by open(2) has it already. */
static int S_fill(int fd, const char *path, const void *data, size_t len,
                  bool set_mode, bc_diags *d)
{
    int err = 0;
    if (S_write_all(fd, data, len) != 0)
        err = errno;
    if (set_mode && fchmod(fd, S_file_mode()) != 0 && !err)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (err) {
        unlink(path);
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot write: %s"), strerror(err));
        return -1;
    }
    return 0;
}

int bc_file_write_new(const char *path, const void *data, size_t len,
                      bc_diags *d)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, BC_FILE_MODE);
    if (fd < 0) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot create: %s"), strerror(errno));
        return -1;
    }
    return S_fill(fd, path, data, len, false, d);
}

int bc_file_write_temp(const char *dir, const char *name, const void *data,
                  size_t len, char **tmp, bc_diags *d)
{
    bc_buf path = BC_BUF_INIT;
    if (dir && *dir)
        bc_buf_printf(&path, "%s/", dir);
    bc_buf_printf(&path, ".%s.tmp-XXXXXX", name);
    char *p = bc_buf_detach(&path, NULL);
    int fd = mkstemp(p);
    if (fd < 0) {
        bc_diag_add(d, BC_ERROR, p, 0, 0, _("cannot create: %s"), strerror(errno));
        free(p);
        return -1;
    }
    if (S_fill(fd, p, data, len, true, d) != 0) {
        free(p);
        return -1;
    }
    *tmp = p;
    return 0;
}

int bc_file_write_atomic(const char *path, const void *data, size_t len,
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
        *slash = '\0';
        name = path + (slash - dir) + 1;
    } else {
        dir[0] = '\0';
    }
    char *tmp = NULL;
    int rc = bc_file_write_temp(slash ? (dir[0] ? dir : "/") : "", name, data, len, &tmp, d);
    free(dir);
    if (rc != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot write: %s"), strerror(err));
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
