/*
 * office.c - LibreOffice headless with a private, locked profile, a time
 * limit, its whole process group stopped and its leftovers removed (see
 * office.h).
 */
#define _GNU_SOURCE /* pipe2, posix_spawn_file_actions_addclosefrom_np */
#include "app/office.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

struct bc_office {
    char *soffice;   /* the program's path */
    int timeout_s;
    char *dir;       /* the slot's folder, or the temporary folder */
    char *profile;   /* dir/profile: UserInstallation */
    char *tmp;       /* dir/tmp: TMPDIR of a convert */
    char *url;       /* file:// URL of profile */
    int lock_fd;     /* dir/lock, flock'ed; -1 for a temporary profile */
    bool temporary;
    bc_buf out;      /* the last convert's output */
    size_t dropped;  /* output bytes past BC_OFFICE_OUTPUT_MAX */
};

/* The process groups of the converts running now (0: a free entry), for
 * bc_office_cancel_all; a group not listed (more than this many at once)
 * is stopped by its convert when it sees S_cancelled. */
#define S_RUNNING_MAX 64
static atomic_int S_running[S_RUNNING_MAX];
static volatile sig_atomic_t S_cancelled;

static const char *S_install_hint(void)
{
    return _("install the Debian package libreoffice-writer-nogui "
             "(apt-get install libreoffice-writer-nogui)");
}

/* ---- the program ---------------------------------------------------------- */

/* 0 when path is a regular file this process may execute, else an errno. */
static int S_runnable(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return errno;
    if (!S_ISREG(st.st_mode))
        return S_ISDIR(st.st_mode) ? EISDIR : EACCES;
    return access(path, X_OK) == 0 ? 0 : errno;
}

static char *S_find_program(const char *name, bc_diags *d)
{
    if (strchr(name, '/')) {
        int e = S_runnable(name);
        if (e == 0)
            return bc_xstrdup(name);
        bc_diag *g = bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                                 _("cannot run LibreOffice: %s: %s"), name, strerror(e));
        bc_diag_set_hint(g, S_install_hint());
        return NULL;
    }
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    bc_buf b = BC_BUF_INIT;
    for (const char *p = path;; p++) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        bc_buf_clear(&b);
        if (len == 0)
            bc_buf_puts(&b, ".");
        else
            bc_buf_put(&b, p, len);
        bc_buf_putc(&b, '/');
        bc_buf_puts(&b, name);
        if (S_runnable(b.data) == 0)
            return bc_buf_detach(&b, NULL);
        if (!end)
            break;
        p = end;
    }
    bc_buf_free(&b);
    bc_diag *g = bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                             _("LibreOffice (%s) was not found on PATH"), name);
    bc_diag_set_hint(g, S_install_hint());
    return NULL;
}

/* ---- folders ---------------------------------------------------------------- */

static int S_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    remove(path);
    return 0;
}

/* Removes path and everything under it; errors are ignored. */
static void S_remove_tree(const char *path)
{
    nftw(path, S_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Makes path and its missing parents, each with mode 0700. 0, or -1 with
 * errno. */
static int S_make_dirs(const char *path)
{
    char *p = bc_xstrdup(path);
    int rc = 0;
    for (char *s = p + 1;; s++) {
        if (*s != '/' && *s != '\0')
            continue;
        char c = *s;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            rc = -1;
        *s = c;
        if (rc != 0 || c == '\0')
            break;
    }
    struct stat st;
    if (rc == 0 && stat(p, &st) != 0)
        rc = -1;
    else if (rc == 0 && !S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        rc = -1;
    }
    free(p);
    return rc;
}

/* A descriptor of the same file, close-on-exec, numbered 10 or more (so
 * the spawn's dup2 onto 0..3 never overwrites it); fd is closed. */
static int S_high_fd(int fd)
{
    int h = fcntl(fd, F_DUPFD_CLOEXEC, 10);
    if (h < 0)
        return fd;
    close(fd);
    return h;
}

/* "file://" and path, every byte but unreserved ones and '/' as %XX. */
static char *S_file_url(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "file://");
    for (const unsigned char *s = (const unsigned char *)path; *s; s++) {
        unsigned char c = *s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
            bc_buf_putc(&b, (char)c);
        } else {
            bc_buf_putc(&b, '%');
            bc_buf_putc(&b, hex[c >> 4]);
            bc_buf_putc(&b, hex[c & 15]);
        }
    }
    return bc_buf_detach(&b, NULL);
}

static char *S_join(const char *dir, const char *name)
{
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "%s/%s", dir, name);
    return bc_buf_detach(&b, NULL);
}

/* Sets o's folders below dir. */
static void S_set_dir(bc_office *o, char *dir)
{
    o->dir = dir;
    o->profile = S_join(dir, "profile");
    o->tmp = S_join(dir, "tmp");
    o->url = S_file_url(o->profile);
}

/* The folder of the cached slots, or NULL: $XDG_CACHE_HOME/baocao/office
 * or $HOME/.cache/baocao/office (absolute paths only). */
static char *S_cache_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME");
    if (x && x[0] == '/')
        return S_join(x, "baocao/office");
    const char *h = getenv("HOME");
    if (h && h[0] == '/')
        return S_join(h, ".cache/baocao/office");
    return NULL;
}

/* Takes the first free slot of the cache. 0, or -1 when the cache cannot
 * be used (not writable, every slot taken). */
static int S_take_slot(bc_office *o)
{
    char *base = S_cache_dir();
    if (!base || S_make_dirs(base) != 0) {
        free(base);
        return -1;
    }
    int rc = -1;
    for (int i = 0; i < BC_OFFICE_SLOTS; i++) {
        bc_buf b = BC_BUF_INIT;
        bc_buf_printf(&b, "%s/%d", base, i);
        char *dir = bc_buf_detach(&b, NULL);
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
            free(dir);
            break;
        }
        char *lock = S_join(dir, "lock");
        int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        free(lock);
        if (fd < 0) {
            free(dir);
            break;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(fd);
            free(dir);
            if (e == EWOULDBLOCK || e == EINTR)
                continue;
            break;
        }
        char *profile = S_join(dir, "profile");
        bool usable = (mkdir(profile, 0700) == 0 || errno == EEXIST) &&
                      access(dir, W_OK | X_OK) == 0 && access(profile, W_OK | X_OK) == 0;
        free(profile);
        if (!usable) {
            close(fd);
            free(dir);
            break;
        }
        o->lock_fd = S_high_fd(fd);
        S_set_dir(o, dir);
        S_remove_tree(o->tmp); /* a crashed run's, ours now */
        rc = 0;
        break;
    }
    free(base);
    return rc;
}

/* A temporary profile: baocao-office-XXXXXX under $TMPDIR, else /tmp. */
static int S_take_temporary(bc_office *o, bc_diags *d)
{
    const char *t = getenv("TMPDIR");
    const char *bases[2] = {t && t[0] == '/' ? t : "/tmp", "/tmp"};
    int e = 0;
    for (int i = 0; i < 2; i++) {
        if (i == 1 && strcmp(bases[0], bases[1]) == 0)
            break;
        char *dir = S_join(bases[i], "baocao-office-XXXXXX");
        if (mkdtemp(dir)) {
            S_set_dir(o, dir);
            if (mkdir(o->profile, 0700) == 0) {
                o->temporary = true;
                return 0;
            }
            e = errno;
            S_remove_tree(dir);
            free(o->profile);
            free(o->tmp);
            free(o->url);
            free(o->dir);
            o->dir = o->profile = o->tmp = o->url = NULL;
            continue;
        }
        e = errno;
        free(dir);
    }
    bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                _("cannot make a LibreOffice profile folder in %s: %s"), bases[0], strerror(e));
    return -1;
}

bc_office *bc_office_open(const bc_office_opts *opts, bc_diags *d)
{
    const char *name = opts && opts->soffice ? opts->soffice : "soffice";
    char *prog = S_find_program(name, d);
    if (!prog)
        return NULL;
    bc_office *o = bc_xcalloc(1, sizeof *o);
    o->soffice = prog;
    o->timeout_s = opts && opts->timeout_s > 0 ? opts->timeout_s : BC_OFFICE_TIMEOUT;
    o->lock_fd = -1;
    if (S_take_slot(o) != 0 && S_take_temporary(o, d) != 0) {
        bc_office_close(o);
        return NULL;
    }
    return o;
}

void bc_office_close(bc_office *o)
{
    if (!o)
        return;
    if (o->dir) {
        if (o->temporary)
            S_remove_tree(o->dir);
        else
            S_remove_tree(o->tmp);
    }
    if (o->lock_fd >= 0)
        close(o->lock_fd);
    bc_buf_free(&o->out);
    free(o->soffice);
    free(o->dir);
    free(o->profile);
    free(o->tmp);
    free(o->url);
    free(o);
}

const char *bc_office_output(const bc_office *o)
{
    return o->out.len ? o->out.data : "";
}

const char *bc_office_profile(const bc_office *o)
{
    return o->profile;
}

char *bc_office_target(const char *input, const char *filter, const char *outdir)
{
    const char *base = strrchr(input, '/');
    base = base ? base + 1 : input;
    const char *dot = strrchr(base, '.');
    size_t blen = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    const char *colon = strchr(filter, ':');
    size_t elen = colon ? (size_t)(colon - filter) : strlen(filter);
    size_t olen = strlen(outdir);
    bc_buf b = BC_BUF_INIT;
    bc_buf_put(&b, outdir, olen);
    if (olen && outdir[olen - 1] != '/')
        bc_buf_putc(&b, '/');
    bc_buf_put(&b, base, blen);
    bc_buf_putc(&b, '.');
    bc_buf_put(&b, filter, elen);
    return bc_buf_detach(&b, NULL);
}

/* ---- LibreOffice's leftovers --------------------------------------------------- */

/* The lock file LibreOffice makes for path: ".~lock.NAME#" beside it. */
static char *S_lock_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    bc_buf b = BC_BUF_INIT;
    if (slash)
        bc_buf_put(&b, path, (size_t)(slash - path + 1));
    bc_buf_printf(&b, ".~lock.%s#", slash ? slash + 1 : path);
    return bc_buf_detach(&b, NULL);
}

/* Removes the lock file at path when it names this profile
 * (",USER,HOST,DATE,URL;"). Whether it did. */
static bool S_remove_our_lock(const bc_office *o, const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return false;
    char buf[4096];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = '\0';
    bc_buf want = BC_BUF_INIT;
    bc_buf_printf(&want, ",%s;", o->url);
    bool ours = strstr(buf, want.data) != NULL;
    bc_buf_free(&want);
    return ours && unlink(path) == 0;
}

/* LibreOffice's temporary files in a folder ("lu*.tmp"), one name a line. */
static void S_temp_names(const char *dir, bc_buf *names)
{
    DIR *dp = opendir(dir);
    if (!dp)
        return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t len = strlen(e->d_name);
        if (len > 6 && strncmp(e->d_name, "lu", 2) == 0 &&
            strcmp(e->d_name + len - 4, ".tmp") == 0) {
            bc_buf_puts(names, e->d_name);
            bc_buf_putc(names, '\n');
        }
    }
    closedir(dp);
}

static bool S_has_line(const bc_buf *names, const char *name)
{
    size_t len = strlen(name);
    for (const char *p = names->len ? names->data : ""; *p;) {
        const char *nl = strchr(p, '\n');
        if ((size_t)(nl - p) == len && memcmp(p, name, len) == 0)
            return true;
        p = nl + 1;
    }
    return false;
}

/* After the process: our lock files beside the inputs and the outputs
 * go; an output whose lock was left was being written and goes too, and
 * then the temporary files that were not in OUTDIR before (`before`). */
static void S_tidy(const bc_office *o, const char *const *inputs, size_t n,
                   const char *filter, const char *outdir, const bc_buf *before)
{
    bool partial = false;
    for (size_t i = 0; i < n; i++) {
        char *lock = S_lock_of(inputs[i]);
        S_remove_our_lock(o, lock);
        free(lock);
        char *target = bc_office_target(inputs[i], filter, outdir);
        lock = S_lock_of(target);
        if (S_remove_our_lock(o, lock)) {
            unlink(target);
            partial = true;
        }
        free(lock);
        free(target);
    }
    if (!partial)
        return;
    bc_buf now = BC_BUF_INIT;
    S_temp_names(outdir, &now);
    for (char *p = now.len ? now.data : ""; *p;) {
        char *nl = strchr(p, '\n');
        *nl = '\0';
        if (!S_has_line(before, p)) {
            char *path = S_join(outdir, p);
            unlink(path);
            free(path);
        }
        p = nl + 1;
    }
    bc_buf_free(&now);
}

/* ---- the process ---------------------------------------------------------------- */

static long long S_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Whether pid has ended, without reaping it (its zombie keeps the
 * process group's number from being reused). */
static bool S_ended(pid_t pid)
{
    siginfo_t si;
    si.si_pid = 0;
    if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0)
        return errno == ECHILD;
    return si.si_pid == pid;
}

/* Whether a process of group pgid other than a zombie is left (Linux's
 * /proc; without it, after SIGKILL, none is assumed). */
static bool S_group_alive(pid_t pgid)
{
    if (kill(-pgid, 0) != 0 && errno == ESRCH)
        return false;
    DIR *dp = opendir("/proc");
    if (!dp)
        return false;
    bool alive = false;
    struct dirent *e;
    while (!alive && (e = readdir(dp))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char path[300], buf[512];
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf - 1);
        close(fd);
        if (n <= 0)
            continue;
        buf[n] = '\0';
        char *rp = strrchr(buf, ')'); /* after "PID (COMM" */
        char state;
        int ppid, pgrp;
        if (rp && sscanf(rp + 1, " %c %d %d", &state, &ppid, &pgrp) == 3 &&
            pgrp == pgid && state != 'Z' && state != 'X')
            alive = true;
    }
    closedir(dp);
    return alive;
}

static int S_pidfd(pid_t pid)
{
#ifdef SYS_pidfd_open
    int fd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (fd >= 0) {
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        return fd;
    }
#endif
    (void)pid;
    return -1;
}

static void S_keep(bc_office *o, const char *s, size_t n)
{
    size_t room = BC_OFFICE_OUTPUT_MAX - o->out.len;
    size_t k = n < room ? n : room;
    bc_buf_put(&o->out, s, k);
    o->dropped += n - k;
}

/* Reads what is there on *fd (closed and -1 at its end). */
static void S_read_output(bc_office *o, int *fd)
{
    char buf[16384];
    for (;;) {
        ssize_t n = read(*fd, buf, sizeof buf);
        if (n > 0) {
            S_keep(o, buf, (size_t)n);
            continue;
        }
        if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
            close(*fd);
            *fd = -1;
        }
        if (n < 0 && errno == EINTR)
            continue;
        return;
    }
}

/* Waits up to ms for output or the process's end (pidfd: -1 when the
 * system has none, then the wait is cut short to look again). */
static void S_poll(bc_office *o, int *out_fd, int pidfd, long long ms)
{
    long long cap = pidfd >= 0 ? 200 : 20; /* to look at S_cancelled */
    if (ms > cap)
        ms = cap;
    if (ms < 0)
        ms = 0;
    struct pollfd p[2];
    nfds_t n = 0;
    if (*out_fd >= 0)
        p[n++] = (struct pollfd){.fd = *out_fd, .events = POLLIN};
    if (pidfd >= 0)
        p[n++] = (struct pollfd){.fd = pidfd, .events = POLLIN};
    if (poll(p, n, (int)ms) > 0 && *out_fd >= 0 && p[0].revents)
        S_read_output(o, out_fd);
}

/* Waits for pid: to its end, or to the limit or a cancel, when its group
 * is stopped (SIGTERM, the grace, SIGKILL). Returns with no process of the
 * group alive and pid reaped; *status its wait status. */
static bc_office_end S_wait(bc_office *o, pid_t pid, int slot, int out_fd, int *status)
{
    int pidfd = S_pidfd(pid);
    long long deadline = S_now_ms() + (long long)o->timeout_s * 1000;
    bc_office_end end = BC_OFFICE_ENDED;
    for (;;) {
        if (S_ended(pid))
            break;
        if (S_cancelled) {
            end = BC_OFFICE_CANCELLED;
            break;
        }
        long long now = S_now_ms();
        if (now >= deadline) {
            end = BC_OFFICE_TIMED_OUT;
            break;
        }
        S_poll(o, &out_fd, pidfd, deadline - now);
    }
    if (end != BC_OFFICE_ENDED) {
        kill(-pid, end == BC_OFFICE_CANCELLED ? SIGKILL : SIGTERM);
        long long until = S_now_ms() + BC_OFFICE_GRACE_MS;
        for (long long now; !S_ended(pid) && (now = S_now_ms()) < until;)
            S_poll(o, &out_fd, pidfd, until - now);
    }
    if (slot >= 0)
        atomic_store(&S_running[slot], 0);
    /* Whatever is left of the group goes, while pid's zombie holds the
     * group's number. */
    kill(-pid, SIGKILL);
    long long until = S_now_ms() + 5000;
    while (S_group_alive(pid) && S_now_ms() < until) {
        kill(-pid, SIGKILL);
        struct timespec ts = {0, 2000000};
        nanosleep(&ts, NULL);
    }
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
    if (out_fd >= 0) /* every writer is gone: the rest, to its end */
        S_read_output(o, &out_fd);
    if (out_fd >= 0)
        close(out_fd);
    if (pidfd >= 0)
        close(pidfd);
    if (end == BC_OFFICE_ENDED && WIFSIGNALED(*status))
        end = S_cancelled ? BC_OFFICE_CANCELLED : BC_OFFICE_CRASHED;
    return end;
}

/* An argument LibreOffice takes for a path, never for an option or a URL:
 * a relative path gets "./". */
static char *S_path_arg(const char *p)
{
    if (p[0] == '/' || strncmp(p, "./", 2) == 0)
        return bc_xstrdup(p);
    return S_join(".", p);
}

/* The child's environment: the caller's, with TMPDIR the private folder,
 * the headless VCL plug-in and GSettings kept in memory; without an
 * XDG_RUNTIME_DIR, the private folder is that too (dconf, which
 * LibreOffice's configuration reads, would otherwise write under HOME's
 * cache). own[0..2) are the strings allocated here. */
static char **S_child_env(const char *tmp, char **own)
{
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = bc_xcalloc(n + 5, sizeof *env);
    size_t k = 0;
    bool runtime = false;
    for (size_t i = 0; i < n; i++) {
        const char *e = environ[i];
        if (strncmp(e, "TMPDIR=", 7) == 0 || strncmp(e, "SAL_USE_VCLPLUGIN=", 18) == 0 ||
            strncmp(e, "GSETTINGS_BACKEND=", 18) == 0)
            continue;
        if (strncmp(e, "XDG_RUNTIME_DIR=", 16) == 0) {
            if (!e[16])
                continue;
            runtime = true;
        }
        env[k++] = (char *)e;
    }
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "TMPDIR=%s", tmp);
    own[0] = bc_buf_detach(&b, NULL);
    env[k++] = own[0];
    own[1] = NULL;
    if (!runtime) {
        bc_buf_printf(&b, "XDG_RUNTIME_DIR=%s", tmp);
        own[1] = bc_buf_detach(&b, NULL);
        env[k++] = own[1];
    }
    env[k++] = (char *)"SAL_USE_VCLPLUGIN=svp";
    env[k++] = (char *)"GSETTINGS_BACKEND=memory";
    env[k] = NULL;
    return env;
}

/* Starts argv with out_w as stdout and stderr, in a new process group.
 * 0, or an errno. */
static int S_spawn(const bc_office *o, char **argv, char **env, int out_w, pid_t *pid)
{
    posix_spawnattr_t at;
    posix_spawn_file_actions_t fa;
    posix_spawnattr_init(&at);
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                      POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&at, 0);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    sigdelset(&all, SIGKILL);
    sigdelset(&all, SIGSTOP);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &all);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out_w, 1);
    posix_spawn_file_actions_adddup2(&fa, out_w, 2);
    /* The profile's lock goes with LibreOffice: should this process die,
     * the slot stays taken while a LibreOffice on it runs. */
    if (o->lock_fd >= 0)
        posix_spawn_file_actions_adddup2(&fa, o->lock_fd, 3);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    posix_spawn_file_actions_addclosefrom_np(&fa, o->lock_fd >= 0 ? 4 : 3);
#endif
    int rc = posix_spawn(pid, o->soffice, &fa, &at, argv, env);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return rc;
}

bc_office_end bc_office_convert(bc_office *o, const char *filter,
                                const char *const *inputs, size_t n,
                                const char *outdir, bc_diags *d)
{
    bc_buf_clear(&o->out);
    o->dropped = 0;
    if (S_cancelled) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("LibreOffice was not started: interrupted"));
        return BC_OFFICE_CANCELLED;
    }
    if (n == 0)
        return BC_OFFICE_ENDED;
    S_remove_tree(o->tmp);
    if (mkdir(o->tmp, 0700) != 0) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("cannot make a folder for LibreOffice: %s: %s"),
                    o->tmp, strerror(errno));
        return BC_OFFICE_NOT_STARTED;
    }
    bc_buf before = BC_BUF_INIT;
    S_temp_names(outdir, &before);

    size_t argc = 0;
    char **argv = bc_xcalloc(n + 16, sizeof *argv);
    char *own[4];
    argv[argc++] = o->soffice;
    bc_buf b = BC_BUF_INIT;
    bc_buf_printf(&b, "-env:UserInstallation=%s", o->url);
    own[0] = bc_buf_detach(&b, NULL);
    argv[argc++] = own[0];
    static const char *const flags[] = {"--headless", "--invisible", "--nologo", "--norestore",
                                        "--nodefault", "--nolockcheck", "--convert-to"};
    for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
        argv[argc++] = (char *)flags[i];
    argv[argc++] = (char *)filter;
    argv[argc++] = (char *)"--outdir";
    own[1] = S_path_arg(outdir);
    argv[argc++] = own[1];
    size_t first_input = argc;
    for (size_t i = 0; i < n; i++)
        argv[argc++] = S_path_arg(inputs[i]);
    argv[argc] = NULL;
    char **env = S_child_env(o->tmp, &own[2]);

    bc_office_end end = BC_OFFICE_NOT_STARTED;
    int fds[2];
    int rc = pipe2(fds, O_CLOEXEC) == 0 ? 0 : errno;
    if (rc == 0) {
        int out_r = S_high_fd(fds[0]), out_w = S_high_fd(fds[1]);
        fcntl(out_r, F_SETFL, fcntl(out_r, F_GETFL) | O_NONBLOCK);
        pid_t pid;
        rc = S_spawn(o, argv, env, out_w, &pid);
        close(out_w);
        if (rc == 0) {
            int slot = -1;
            for (int i = 0; i < S_RUNNING_MAX && slot < 0; i++) {
                int zero = 0;
                if (atomic_compare_exchange_strong(&S_running[i], &zero, (int)pid))
                    slot = i;
            }
            int status = 0;
            end = S_wait(o, pid, slot, out_r, &status);
            if (end == BC_OFFICE_TIMED_OUT)
                bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                            _("LibreOffice (%s) did not finish within %d s and was stopped"),
                            o->soffice, o->timeout_s);
            else if (end == BC_OFFICE_CANCELLED)
                bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("LibreOffice (%s) was stopped: interrupted"),
                            o->soffice);
            else if (end == BC_OFFICE_CRASHED)
                bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("LibreOffice (%s) ended by signal %d (%s)"),
                            o->soffice, WTERMSIG(status), strsignal(WTERMSIG(status)));
        } else {
            close(out_r);
        }
    }
    if (rc != 0)
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("cannot start LibreOffice (%s): %s"), o->soffice,
                    strerror(rc));
    if (o->dropped) {
        bc_buf_printf(&o->out, "\n[");
        bc_buf_printf(&o->out, _("%zu more bytes of output not kept"), o->dropped);
        bc_buf_printf(&o->out, "]\n");
    }

    S_tidy(o, inputs, n, filter, outdir, &before);
    if (end != BC_OFFICE_ENDED && end != BC_OFFICE_NOT_STARTED) {
        /* A stopped LibreOffice may have left its profile half written:
         * the next convert starts a fresh one. */
        S_remove_tree(o->profile);
        mkdir(o->profile, 0700);
    }
    S_remove_tree(o->tmp);

    for (size_t i = first_input; i < argc; i++)
        free(argv[i]);
    free(argv);
    free(env);
    for (size_t i = 0; i < 4; i++)
        free(own[i]);
    bc_buf_free(&before);
    return end;
}

void bc_office_cancel_all(void)
{
    int saved = errno;
    S_cancelled = 1;
    for (int i = 0; i < S_RUNNING_MAX; i++) {
        int g = atomic_load(&S_running[i]);
        if (g > 0)
            kill(-g, SIGKILL);
    }
    errno = saved;
}
