/*
 * test_office.c - the LibreOffice runner (app/office.c), first with fake
 * `soffice` scripts written here: the command line, the environment and
 * the profile lock the program gets; an exit without output and a
 * truncated output both "ended" (the caller checks the files); a program
 * that hangs, with children, one of them deaf to SIGTERM, stopped at a
 * 2 s limit with no process left and its partial output and lock files
 * removed, those of others kept; a cancel from a signal handler; a
 * program that is not executable or not on PATH; profile slots; the
 * temporary profile when the cache cannot be written. Then with the real
 * LibreOffice (skipped when soffice is not installed): a PDF/A conversion
 * of two files and a missing one in one call; a conversion while a
 * LibreOffice of the user's runs, which is still running afterwards; one
 * with a read-only HOME. No lock file, temporary file or process is left.
 *
 * Run as root, the program first gives up CAP_DAC_OVERRIDE and
 * CAP_DAC_READ_SEARCH (for itself and what it starts) so that a folder of
 * mode 0555 is read-only to it as to a clerk.
 */
#define _GNU_SOURCE /* memmem */
#include "test_support.h"

#include "app/office.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static char S_root[256];  /* everything of the run is under it */
static char S_tmpdir[300]; /* TMPDIR of the run: must stay empty */

#define PDFA "pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"}," \
             "\"ExportBookmarksToPDFDestination\":{\"type\":\"boolean\",\"value\":\"true\"}}"

/* ---- helpers ---------------------------------------------------------------- */

static char *S_path(const char *fmt, const char *a)
{
    char *p = malloc(1024);
    snprintf(p, 1024, fmt, S_root, a);
    return p;
}

static void S_write(const char *path, const char *text, mode_t mode)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    chmod(path, mode);
}

/* The first MiB of a file, NUL-terminated; its length in *len. */
static char *S_read_len(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *s = calloc(1, 1 << 20);
    size_t n = fread(s, 1, (1 << 20) - 1, f);
    s[n] = '\0';
    fclose(f);
    if (len)
        *len = n;
    return s;
}

static char *S_read(const char *path)
{
    return S_read_len(path, NULL);
}

static bool S_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

static void S_mkdir(const char *path, mode_t mode)
{
    assert_true(mkdir(path, mode) == 0 || errno == EEXIST);
    chmod(path, mode);
}

/* The names in dir, sorted, one a line ("" when empty or missing). */
static char *S_names(const char *dir)
{
    struct dirent **list;
    char *s = calloc(1, 65536);
    int n = scandir(dir, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, "..")) {
            strcat(s, list[i]->d_name);
            strcat(s, "\n");
        }
        free(list[i]);
    }
    if (n >= 0)
        free(list);
    return s;
}

static void S_assert_names(const char *dir, const char *want)
{
    char *got = S_names(dir);
    if (strcmp(got, want) != 0)
        fail_msg("%s holds:\n%s\nwanted:\n%s", dir, got, want);
    free(got);
}

/* A fake soffice: a shell script root/fake/NAME. */
static char *S_fake(const char *name, const char *body, mode_t mode)
{
    char *dir = S_path("%s/fake", "");
    S_mkdir(dir, 0755);
    free(dir);
    char *path = S_path("%s/fake/%s", name);
    char *text = malloc(16384);
    snprintf(text, 16384, "#!/bin/sh\nR='%s'\n%s", S_root, body);
    S_write(path, text, mode);
    free(text);
    return path;
}

/* Shell lines that set $out (the --outdir), $url (the profile's URL) and
 * $last (the last argument). */
#define FAKE_ARGS \
    "prev=; for a in \"$@\"; do\n" \
    "  [ \"$prev\" = --outdir ] && out=$a\n" \
    "  case $a in -env:UserInstallation=*) url=${a#-env:UserInstallation=};; esac\n" \
    "  prev=$a; last=$a\n" \
    "done\n"

/* Whether pid is a live process (not gone, not a zombie). */
static bool S_alive(pid_t pid)
{
    if (kill(pid, 0) != 0)
        return false;
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *rp = strrchr(buf, ')');
    return rp && rp[1] == ' ' && rp[2] != 'Z' && rp[2] != 'X';
}

/* Live processes whose command line holds `marker`. */
static int S_count_marked(const char *marker)
{
    DIR *dp = opendir("/proc");
    if (!dp)
        return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] < '1' || e->d_name[0] > '9')
            continue;
        char path[300];
        snprintf(path, sizeof path, "/proc/%s/cmdline", e->d_name);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        char buf[4096];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        for (size_t i = 0; i < n; i++)
            if (buf[i] == '\0')
                buf[i] = ' ';
        buf[n] = '\0';
        if (strstr(buf, marker) && atoi(e->d_name) != getpid() && S_alive(atoi(e->d_name)))
            count++;
    }
    closedir(dp);
    return count;
}

/* Every pid of root/pids (written by a fake) is dead. */
static void S_assert_pids_dead(int at_least)
{
    char *p = S_path("%s/pids", "");
    char *text = S_read(p);
    free(p);
    assert_non_null(text);
    int n = 0;
    for (char *s = strtok(text, "\n"); s; s = strtok(NULL, "\n"), n++)
        if (S_alive(atoi(s)))
            fail_msg("process %s of the fake is still alive", s);
    assert_true(n >= at_least);
    free(text);
}

static bool S_has_diag(const bc_diags *d, const char *part)
{
    for (const bc_diag *g = d->head; g; g = g->next)
        if (strstr(g->msg, part))
            return true;
    return false;
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *S_real_soffice(void)
{
    const char *path = getenv("PATH");
    char buf[1024];
    for (const char *p = path ? path : ""; *p;) {
        const char *end = strchr(p, ':');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        snprintf(buf, sizeof buf, "%.*s/soffice", (int)len, p);
        if (len && access(buf, X_OK) == 0)
            return strdup(buf);
        p = end ? end + 1 : p + len;
    }
    return NULL;
}

static void S_remove_tree(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' 2>/dev/null; rm -rf '%s'", path, path);
    assert_int_equal(system(cmd), 0);
}

/* A fresh cache folder for one test, set as XDG_CACHE_HOME. */
static char *S_cache(const char *name)
{
    char *c = S_path("%s/%s", name);
    S_remove_tree(c);
    setenv("XDG_CACHE_HOME", c, 1);
    return c;
}

/* The run's TMPDIR holds nothing. */
static void S_assert_no_temp(void)
{
    S_assert_names(S_tmpdir, "");
}

/* ---- with fakes ----------------------------------------------------------------- */

/* A program that writes nothing and exits 0: ended; its output kept; the
 * flags, the encoded profile URL, the filter untouched, relative paths
 * with "./", TMPDIR private and gone after, the lock on fd 3. */
static void test_fake_nothing(void **state)
{
    (void)state;
    char *cache = S_cache("cache dir ă");
    char *fake = S_fake("nothing",
                        "log=$R/args\n: > \"$log\"\n"
                        "for a in \"$@\"; do printf '%s\\n' \"$a\" >> \"$log\"; done\n"
                        "printf 'TMPDIR=%s\\n' \"$TMPDIR\" >> \"$log\"\n"
                        "[ -d \"$TMPDIR\" ] && [ -w \"$TMPDIR\" ] && echo tmpdir-writable >> \"$log\"\n"
                        "printf 'SAL=%s GS=%s HOME=%s\\n' \"$SAL_USE_VCLPLUGIN\" "
                        "\"$GSETTINGS_BACKEND\" \"$HOME\" >> \"$log\"\n"
                        "printf 'fd3=%s\\n' \"$(readlink /proc/$$/fd/3)\" >> \"$log\"\n"
                        "[ -e /proc/$$/fd/4 ] && echo fd4-open >> \"$log\"\n"
                        "read x && echo stdin-not-empty >> \"$log\"\n"
                        "echo 'convert something'\n"
                        "echo 'Error: source file could not be loaded' >&2\n"
                        "exit 0\n",
                        0755);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {fake, 30};
    bc_office *o = bc_office_open(&opts, &d);
    assert_non_null(o);
    assert_string_equal(bc_office_output(o), "");
    char *profile = S_path("%s/cache dir ă/baocao/office/0/profile", "");
    assert_string_equal(bc_office_profile(o), profile);
    struct stat st;
    char *office = S_path("%s/cache dir ă/baocao%s", "");
    assert_int_equal(stat(office, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);

    const char *inputs[] = {"/abs/a.docx", "sub/b.docx", "-c.docx"};
    char *outdir = S_path("%s/out1", "");
    S_mkdir(outdir, 0755);
    assert_int_equal(bc_office_convert(o, PDFA, inputs, 3, outdir, &d), BC_OFFICE_ENDED);
    assert_int_equal(d.errors, 0);
    assert_non_null(strstr(bc_office_output(o), "convert something\n"));
    assert_non_null(strstr(bc_office_output(o), "Error: source file could not be loaded\n"));
    S_assert_names(outdir, "");

    char *args_path = S_path("%s/args", "");
    char *args = S_read(args_path);
    char want[4096];
    char *tmp = S_path("%s/cache dir ă/baocao/office/0/tmp", "");
    snprintf(want, sizeof want,
             "-env:UserInstallation=file://%s/cache%%20dir%%20%%C4%%83/baocao/office/0/profile\n"
             "--headless\n--invisible\n--nologo\n--norestore\n--nodefault\n--nolockcheck\n"
             "--convert-to\n%s\n--outdir\n%s\n/abs/a.docx\n./sub/b.docx\n./-c.docx\n"
             "TMPDIR=%s\ntmpdir-writable\nSAL=svp GS=memory HOME=%s\n"
             "fd3=%s/cache dir ă/baocao/office/0/lock\n",
             S_root, PDFA, outdir, tmp, getenv("HOME"), S_root);
    assert_string_equal(args, want);
    assert_false(S_exists(tmp));
    S_assert_no_temp();

    /* nothing to convert: nothing run */
    unlink(args_path);
    assert_int_equal(bc_office_convert(o, "pdf", inputs, 0, outdir, &d), BC_OFFICE_ENDED);
    assert_false(S_exists(args_path));
    bc_office_close(o);
    assert_true(S_exists(profile)); /* a cached profile stays */
    bc_diags_free(&d);
    free(args);
    free(args_path);
    free(tmp);
    free(outdir);
    free(office);
    free(profile);
    free(fake);
    free(cache);
}

/* A program that writes a truncated output: ended all the same; the file
 * is there for the caller to judge. */
static void test_fake_truncated(void **state)
{
    (void)state;
    char *cache = S_cache("cache-trunc");
    char *fake = S_fake("truncated",
                        FAKE_ARGS "b=${last##*/}\nprintf '%%PDF-1.7\\n' > \"$out/${b%.*}.pdf\"\n",
                        0755);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {fake, 30};
    bc_office *o = bc_office_open(&opts, &d);
    assert_non_null(o);
    char *outdir = S_path("%s/out2", "");
    S_mkdir(outdir, 0755);
    const char *in[] = {"/x/report.v2.docx"};
    assert_int_equal(bc_office_convert(o, "pdf", in, 1, outdir, &d), BC_OFFICE_ENDED);
    char *target = bc_office_target(in[0], "pdf", outdir);
    char *text = S_read(target);
    assert_non_null(text);
    assert_string_equal(text, "%PDF-1.7\n");
    S_assert_names(outdir, "report.v2.pdf\n");
    bc_office_close(o);
    S_assert_no_temp();
    assert_int_equal(d.errors, 0);
    bc_diags_free(&d);
    free(text);
    free(target);
    free(outdir);
    free(fake);
    free(cache);
}

/* The hanging program of test_fake_hangs and test_cancel: it writes half
 * an output with its lock file (naming our profile), a temporary file, a
 * lock beside an input, then waits with two children, itself and one
 * child deaf to SIGTERM; every pid goes to root/pids. */
static char *S_hanging_fake(void)
{
    return S_fake("hang",
                  FAKE_ARGS
                  "trap '' TERM\n"
                  "echo $$ > \"$R/pids\"\n"
                  "printf ',u,h,d,%s;' \"$url\" > \"$out/.~lock.in1.pdf#\"\n"
                  "printf '%%PDF-1.7 partial' > \"$out/in1.pdf\"\n"
                  "printf 'x' > \"$out/lu1234abc.tmp\"\n"
                  "printf ',u,h,d,%s;' \"$url\" > \"$R/in/.~lock.in1.docx#\"\n"
                  "sh -c 'echo $$ >> \"$1/pids\"; exec sleep 1000' sh \"$R\" &\n"
                  "sh -c 'echo $$ >> \"$1/pids\"; exec sleep 1000' sh \"$R\" &\n"
                  "echo started\n"
                  "wait\n",
                  0755);
}

/* Inputs in root/in and an outdir with what was there before. */
static void S_hang_setup(char **indir, char **outdir, const char **inputs)
{
    *indir = S_path("%s/in", "");
    *outdir = S_path("%s/out3", "");
    S_remove_tree(*indir);
    S_remove_tree(*outdir);
    S_mkdir(*indir, 0755);
    S_mkdir(*outdir, 0755);
    char *p = S_path("%s/in/.~lock.in2.docx#", "");
    S_write(p, ",clerk,pc,01.01.2025 08:00,file:///home/clerk/.config/libreoffice/4;", 0644);
    free(p);
    p = S_path("%s/out3/lu9999old.tmp", "");
    S_write(p, "old", 0644);
    free(p);
    p = S_path("%s/out3/in2.pdf", "");
    S_write(p, "%PDF-1.7 earlier", 0644);
    free(p);
    static char a[512], b[512];
    snprintf(a, sizeof a, "%s/in/in1.docx", S_root);
    snprintf(b, sizeof b, "%s/in/in2.docx", S_root);
    inputs[0] = a;
    inputs[1] = b;
}

static void S_hang_check(const char *indir, const char *outdir)
{
    S_assert_pids_dead(3);
    assert_int_equal(S_count_marked(S_root), 0);
    /* the partial output, its lock, the new temporary file and our lock
     * beside the input are gone; the rest stays */
    S_assert_names(outdir, "in2.pdf\nlu9999old.tmp\n");
    S_assert_names(indir, ".~lock.in2.docx#\n");
}

/* A program that hangs: stopped at the 2 s limit, SIGKILL for those deaf
 * to SIGTERM, within about 3 s; no process left; leftovers removed; the
 * cached profile reset. */
static void test_fake_hangs(void **state)
{
    (void)state;
    char *cache = S_cache("cache-hang");
    char *fake = S_hanging_fake();
    char *indir, *outdir;
    const char *inputs[2];
    S_hang_setup(&indir, &outdir, inputs);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {fake, 2};
    bc_office *o = bc_office_open(&opts, &d);
    assert_non_null(o);
    char *stale = S_path("%s/cache-hang/baocao/office/0/profile/user", "");
    S_mkdir(stale, 0700);
    double t0 = S_now();
    assert_int_equal(bc_office_convert(o, "pdf", inputs, 2, outdir, &d), BC_OFFICE_TIMED_OUT);
    double t = S_now() - t0;
    assert_true(t >= 2.0);
    assert_true(t < 3.8);
    assert_true(S_has_diag(&d, "within 2 s"));
    assert_non_null(strstr(bc_office_output(o), "started"));
    S_hang_check(indir, outdir);
    assert_false(S_exists(stale));
    assert_true(S_exists(bc_office_profile(o)));
    bc_office_close(o);
    S_assert_no_temp();
    bc_diags_free(&d);
    free(stale);
    free(indir);
    free(outdir);
    free(fake);
    free(cache);
}

static void S_on_alarm(int sig)
{
    (void)sig;
    bc_office_cancel_all();
}

/* bc_office_cancel_all from a signal handler, in a child process: the
 * convert returns at once, cancelled, with no process left; the next
 * convert does not start. */
static void test_cancel(void **state)
{
    (void)state;
    char *cache = S_cache("cache-cancel");
    char *fake = S_hanging_fake();
    char *indir, *outdir;
    const char *inputs[2];
    S_hang_setup(&indir, &outdir, inputs);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = S_on_alarm;
        sigaction(SIGALRM, &sa, NULL);
        bc_diags d = BC_DIAGS_INIT;
        bc_office_opts opts = {fake, 60};
        bc_office *o = bc_office_open(&opts, &d);
        if (!o)
            _exit(10);
        struct itimerval it = {{0, 0}, {0, 700000}};
        setitimer(ITIMER_REAL, &it, NULL);
        double t0 = S_now();
        bc_office_end end = bc_office_convert(o, "pdf", inputs, 2, outdir, &d);
        double t = S_now() - t0;
        int rc = end != BC_OFFICE_CANCELLED ? 11 : t > 2.0 ? 12
                 : !S_has_diag(&d, "interrupted") ? 13 : 0;
        unlink(fake); /* the next convert must not even try */
        if (rc == 0 && bc_office_convert(o, "pdf", inputs, 1, outdir, &d) != BC_OFFICE_CANCELLED)
            rc = 14;
        bc_office_close(o);
        bc_diags_free(&d);
        _exit(rc);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    S_hang_check(indir, outdir);
    S_assert_no_temp();
    free(indir);
    free(outdir);
    free(fake);
    free(cache);
}

/* Not executable, not on PATH, made not executable after open. */
static void test_not_runnable(void **state)
{
    (void)state;
    char *cache = S_cache("cache-norun");
    char *fake = S_fake("noexec", "exit 0\n", 0644);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {fake, 5};
    assert_null(bc_office_open(&opts, &d));
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.head->msg, fake));
    assert_non_null(strstr(d.head->msg, strerror(EACCES)));
    assert_non_null(strstr(d.head->hint, "libreoffice-writer-nogui"));
    bc_diags_free(&d);

    /* on PATH: a soffice without the x bit is not one */
    char *bin = S_path("%s/bin", "");
    S_mkdir(bin, 0755);
    char *soffice = S_path("%s/bin/soffice", "");
    S_write(soffice, "#!/bin/sh\nexit 0\n", 0644);
    char *path = strdup(getenv("PATH"));
    setenv("PATH", bin, 1);
    assert_null(bc_office_open(NULL, &d));
    assert_non_null(strstr(d.head->msg, "(soffice) was not found on PATH"));
    assert_non_null(strstr(d.head->hint, "apt-get install libreoffice-writer-nogui"));
    bc_diags_free(&d);

    /* found on PATH, then not runnable: could not start */
    chmod(soffice, 0755);
    bc_office *o = bc_office_open(NULL, &d);
    setenv("PATH", path, 1);
    assert_non_null(o);
    chmod(soffice, 0644);
    const char *in[] = {"/x/a.docx"};
    assert_int_equal(bc_office_convert(o, "pdf", in, 1, S_root, &d), BC_OFFICE_NOT_STARTED);
    assert_true(S_has_diag(&d, "cannot start LibreOffice"));
    assert_true(S_has_diag(&d, soffice));
    bc_office_close(o);
    S_assert_no_temp();
    bc_diags_free(&d);
    free(path);
    free(soffice);
    free(bin);
    free(fake);
    free(cache);
}

static bool S_ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

/* Two runners at once get two slots (the first holds its lock); a slot
 * freed is taken again. */
static void test_slots(void **state)
{
    (void)state;
    char *cache = S_cache("cache-slots");
    char *fake = S_fake("ok", "exit 0\n", 0755);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {fake, 5};
    bc_office *a = bc_office_open(&opts, &d), *b = bc_office_open(&opts, &d);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(S_ends_with(bc_office_profile(a), "/baocao/office/0/profile"));
    assert_true(S_ends_with(bc_office_profile(b), "/baocao/office/1/profile"));
    char *lock = S_path("%s/cache-slots/baocao/office/0/lock", "");
    int fd = open(lock, O_RDWR);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), -1);
    bc_office_close(a);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    close(fd);
    bc_office *c = bc_office_open(&opts, &d);
    assert_true(S_ends_with(bc_office_profile(c), "/baocao/office/0/profile"));
    bc_office_close(b);
    bc_office_close(c);
    assert_int_equal(d.errors, 0);
    free(lock);
    free(fake);
    free(cache);
}

/* A cache that cannot be written: a temporary profile under TMPDIR,
 * removed on close. */
static void test_temporary_profile(void **state)
{
    (void)state;
    char *cache = S_cache("cache-ro");
    S_mkdir(cache, 0555);
    if (access(cache, W_OK) == 0)
        skip();
    char *fake = S_fake("ok", "exit 0\n", 0755);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {fake, 5};
    bc_office *o = bc_office_open(&opts, &d);
    assert_non_null(o);
    char *prefix = S_path("%s/tmpdir/baocao-office-%s", "");
    assert_memory_equal(bc_office_profile(o), prefix, strlen(prefix));
    assert_true(S_exists(bc_office_profile(o)));
    const char *in[] = {"/x/a.docx"};
    assert_int_equal(bc_office_convert(o, "pdf", in, 1, S_root, &d), BC_OFFICE_ENDED);
    bc_office_close(o);
    S_assert_no_temp();
    S_assert_names(cache, "");
    assert_int_equal(d.errors, 0);
    free(prefix);
    free(fake);
    free(cache);
}

static void test_target(void **state)
{
    (void)state;
    const char *cases[][4] = {
        {"x/a.docx", "pdf", "out", "out/a.pdf"},
        {"/x/y/b.v2.docx", PDFA, "/o/", "/o/b.v2.pdf"},
        {"noext", "odt", "o", "o/noext.odt"},
        {"Báo cáo.docx", "pdf:writer_pdf_Export", ".", "./Báo cáo.pdf"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *t = bc_office_target(cases[i][0], cases[i][1], cases[i][2]);
        assert_string_equal(t, cases[i][3]);
        free(t);
    }
}

/* ---- with the real LibreOffice ------------------------------------------------------ */

static char *S_real;

/* A real report, rendered by baocao. */
static void S_docx(const char *path)
{
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "'%s/baocao' render '%s/examples/ket-qua-tthc-2024.yaml' -o '%s' 2>/dev/null",
             BC_BUILD_DIR, BC_SOURCE_DIR, path);
    assert_int_equal(system(cmd), 0);
}

static void S_assert_pdf(const char *path, bool pdfa)
{
    size_t n;
    char *s = S_read_len(path, &n);
    if (!s)
        fail_msg("no %s", path);
    assert_memory_equal(s, "%PDF-", 5);
    if (pdfa) /* the filter's options reached LibreOffice */
        assert_non_null(memmem(s, n, "pdfaid:part>2<", 14));
    free(s);
}

/* Two files and a missing one in one call, PDF/A: two PDFs, LibreOffice's
 * error line in the output, nothing else left anywhere. */
static void test_real(void **state)
{
    (void)state;
    if (!S_real)
        skip();
    char *cache = S_cache("cache-real");
    char *in = S_path("%s/real-in", "");
    char *out = S_path("%s/real-out", "");
    S_mkdir(in, 0755);
    S_mkdir(out, 0755);
    char *a = S_path("%s/real-in/Báo cáo 1.docx", ""), *b = S_path("%s/real-in/b.docx", "");
    char *gone = S_path("%s/real-in/gone.docx", "");
    S_docx(a);
    S_docx(b);
    bc_diags d = BC_DIAGS_INIT;
    bc_office_opts opts = {NULL, 60};
    bc_office *o = bc_office_open(&opts, &d);
    assert_non_null(o);
    const char *inputs[] = {a, gone, b};
    assert_int_equal(bc_office_convert(o, PDFA, inputs, 3, out, &d), BC_OFFICE_ENDED);
    if (!strstr(bc_office_output(o), "Error: source file could not be loaded"))
        fail_msg("output:\n%s", bc_office_output(o));
    char *pa = S_path("%s/real-out/Báo cáo 1.pdf", ""), *pb = S_path("%s/real-out/b.pdf", "");
    S_assert_pdf(pa, true);
    S_assert_pdf(pb, true);
    S_assert_names(out, "Báo cáo 1.pdf\nb.pdf\n");
    S_assert_names(in, "Báo cáo 1.docx\nb.docx\n");
    /* again, the profile warm: plain PDF */
    assert_int_equal(bc_office_convert(o, "pdf", inputs, 1, out, &d), BC_OFFICE_ENDED);
    S_assert_pdf(pa, false);
    char *slot = S_path("%s/cache-real/baocao/office/0", "");
    S_assert_names(slot, "lock\nprofile\n");
    bc_office_close(o);
    S_assert_no_temp();
    assert_int_equal(d.errors, 0);
    bc_diags_free(&d);
    free(slot);
    free(pa);
    free(pb);
    free(a);
    free(b);
    free(gone);
    free(in);
    free(out);
    free(cache);
}

/* A LibreOffice of the user's runs (the default profile of HOME): plain
 * `soffice --convert-to` would hand it the job; ours converts by itself
 * (profile under HOME's .cache) and the user's is still running after. */
static void test_real_user_instance(void **state)
{
    (void)state;
    if (!S_real)
        skip();
    char *home = S_path("%s/userhome", "");
    S_remove_tree(home);
    S_mkdir(home, 0755);
    char *old_home = strdup(getenv("HOME"));
    setenv("HOME", home, 1);
    unsetenv("XDG_CACHE_HOME");
    /* the user's LibreOffice has a TMPDIR of its own (stopped, it leaves
     * its temporary files) */
    char *user_tmp = S_path("%s/userhome/tmp", "");
    S_mkdir(user_tmp, 0700);
    setenv("TMPDIR", user_tmp, 1);
    char *argv[] = {S_real, "--headless", "--invisible", "--norestore", "--nologo", NULL};
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&at, 0);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t user;
    assert_int_equal(posix_spawn(&user, S_real, &fa, &at, argv, environ), 0);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    setenv("TMPDIR", S_tmpdir, 1);
    /* up: its profile made */
    char *made = S_path("%s/userhome/.config/libreoffice/4/user/registrymodifications.xcu", "");
    for (int i = 0; i < 200 && !S_exists(made); i++)
        usleep(50000);
    usleep(500000);
    assert_true(S_alive(user));

    char *in = S_path("%s/user-in.docx", ""), *out = S_path("%s/user-out", "");
    S_docx(in);
    S_mkdir(out, 0755);
    bc_diags d = BC_DIAGS_INIT;
    bc_office *o = bc_office_open(NULL, &d);
    assert_non_null(o);
    char *profile = S_path("%s/userhome/.cache/baocao/office/0/profile", "");
    assert_string_equal(bc_office_profile(o), profile);
    const char *inputs[] = {in};
    assert_int_equal(bc_office_convert(o, "pdf", inputs, 1, out, &d), BC_OFFICE_ENDED);
    char *pdf = S_path("%s/user-out/user-in.pdf", "");
    S_assert_pdf(pdf, false);
    bc_office_close(o);
    assert_true(S_alive(user));
    assert_int_equal(waitpid(user, NULL, WNOHANG), 0);

    kill(-user, SIGTERM);
    for (int i = 0; i < 100 && waitpid(user, NULL, WNOHANG) == 0; i++)
        usleep(50000);
    kill(-user, SIGKILL);
    waitpid(user, NULL, WNOHANG);
    setenv("HOME", old_home, 1);
    S_assert_no_temp();
    assert_int_equal(d.errors, 0);
    free(pdf);
    free(profile);
    free(in);
    free(out);
    free(made);
    free(user_tmp);
    free(old_home);
    free(home);
}

/* HOME read-only and no XDG_CACHE_HOME (where LibreOffice's own profile
 * cannot be made): the conversion works through a temporary profile,
 * which is gone after; HOME is left empty. */
static void test_real_readonly_home(void **state)
{
    (void)state;
    if (!S_real)
        skip();
    char *home = S_path("%s/rohome", "");
    S_mkdir(home, 0555);
    if (access(home, W_OK) == 0)
        skip();
    char *old_home = strdup(getenv("HOME"));
    setenv("HOME", home, 1);
    unsetenv("XDG_CACHE_HOME");
    char *in = S_path("%s/ro-in.docx", ""), *out = S_path("%s/ro-out", "");
    S_docx(in);
    S_mkdir(out, 0755);
    bc_diags d = BC_DIAGS_INIT;
    bc_office *o = bc_office_open(NULL, &d);
    assert_non_null(o);
    char *prefix = S_path("%s/tmpdir/baocao-office-%s", "");
    assert_memory_equal(bc_office_profile(o), prefix, strlen(prefix));
    const char *inputs[] = {in};
    assert_int_equal(bc_office_convert(o, "pdf", inputs, 1, out, &d), BC_OFFICE_ENDED);
    char *pdf = S_path("%s/ro-out/ro-in.pdf", "");
    S_assert_pdf(pdf, false);
    if (strstr(bc_office_output(o), "CRITICAL"))
        fail_msg("output:\n%s", bc_office_output(o));
    bc_office_close(o);
    setenv("HOME", old_home, 1);
    S_assert_no_temp();
    S_assert_names(home, "");
    assert_int_equal(d.errors, 0);
    free(pdf);
    free(prefix);
    free(in);
    free(out);
    free(old_home);
    free(home);
}

/* ---- setup ------------------------------------------------------------------------ */

static void S_drop_dac_override(void)
{
    if (geteuid() != 0)
        return;
    prctl(PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, 0, 0, 0);
    prctl(PR_CAPBSET_DROP, CAP_DAC_READ_SEARCH, 0, 0, 0);
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct c[2];
    if (syscall(SYS_capget, &h, c) != 0)
        return;
    unsigned drop = (1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH);
    c[0].effective &= ~drop;
    c[0].permitted &= ~drop;
    c[0].inheritable &= ~drop;
    syscall(SYS_capset, &h, c);
}

int main(void)
{
    S_drop_dac_override();
    const char *t = getenv("TMPDIR");
    snprintf(S_root, sizeof S_root, "%s/bc-office-test-XXXXXX", t && t[0] == '/' ? t : "/tmp");
    if (!mkdtemp(S_root))
        return 1;
    snprintf(S_tmpdir, sizeof S_tmpdir, "%s/tmpdir", S_root);
    mkdir(S_tmpdir, 0700);
    setenv("TMPDIR", S_tmpdir, 1);
    S_real = S_real_soffice();
    if (!S_real)
        fprintf(stderr, "test_office: the real LibreOffice tests skipped (no soffice on PATH)\n");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fake_nothing),
        cmocka_unit_test(test_fake_truncated),
        cmocka_unit_test(test_fake_hangs),
        cmocka_unit_test(test_cancel),
        cmocka_unit_test(test_not_runnable),
        cmocka_unit_test(test_slots),
        cmocka_unit_test(test_temporary_profile),
        cmocka_unit_test(test_target),
        cmocka_unit_test(test_real),
        cmocka_unit_test(test_real_user_instance),
        cmocka_unit_test(test_real_readonly_home),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", S_root, S_root);
    if (system(cmd) != 0)
        rc = 1;
    free(S_real);
    return rc;
}
