/*
 * office.h - LibreOffice run headless to convert documents (.docx to PDF),
 * with a profile of baocao's own, a time limit, and nothing left behind.
 *
 * A bc_office holds one private LibreOffice profile, locked for as long as
 * it is open: slot N of $XDG_CACHE_HOME/baocao/office/ (or
 * ~/.cache/baocao/office/, folders made with mode 0700), the first slot
 * whose N/lock no other runner holds (flock; the LibreOffice it starts
 * inherits the lock, so a LibreOffice left running by a baocao that died
 * keeps its slot taken). Slot layout: N/lock, N/profile (the
 * -env:UserInstallation), N/tmp (TMPDIR of one convert). Kept between
 * runs, the profile spares LibreOffice's first start. When the cache is
 * not writable (HOME read-only, no HOME) the profile is a temporary
 * folder, baocao-office-XXXXXX under $TMPDIR or /tmp, removed on close.
 * The user's own profile is never used, so a LibreOffice the user has
 * open is never handed the job, and one LibreOffice of another runner
 * never gets ours.
 *
 * One convert is one LibreOffice process for any number of files:
 *   soffice -env:UserInstallation=file:///...profile --headless --invisible
 *     --nologo --norestore --nodefault --nolockcheck
 *     --convert-to FILTER --outdir OUTDIR INPUT...
 * in a process group of its own, stdin from /dev/null, stdout and stderr
 * captured (the first BC_OFFICE_OUTPUT_MAX bytes), with TMPDIR the
 * slot's private tmp folder, SAL_USE_VCLPLUGIN=svp, GSETTINGS_BACKEND=
 * memory (so nothing is written under HOME, which is left as it is: the
 * user's fonts stay visible). At the time limit the whole group gets
 * SIGTERM, BC_OFFICE_GRACE_MS later SIGKILL, and the convert returns only
 * when no process of the group is alive. Afterwards the lock files
 * LibreOffice left (".~lock.NAME#" next to each input and each output,
 * only those naming this profile) are removed, and so is the tmp folder;
 * an output LibreOffice was still writing (its lock file still there) is
 * removed, and after a stop also the temporary "lu*.tmp" files it made in
 * OUTDIR and the cached profile (the next convert starts it afresh).
 *
 * LibreOffice's exit status says nothing (0 when a file cannot be loaded
 * or its output cannot be written), so the caller checks each expected
 * output, bc_office_target(), and may show bc_office_output()'s "Error:"
 * lines. Inputs of one convert should have distinct base names (their
 * outputs would overwrite each other); two converts running at the same
 * time should not share an OUTDIR.
 *
 * Threads: one bc_office is used by one thread at a time; several, one
 * per thread, run in parallel. The caller must not set SIGCHLD to
 * SIG_IGN (the runner waits for its child).
 */
#ifndef BC_OFFICE_H
#define BC_OFFICE_H

#include "base/diag.h"

#include <stddef.h>

/* The default limit of one convert, seconds. */
#define BC_OFFICE_TIMEOUT 120
/* Between SIGTERM and SIGKILL when a convert is stopped. */
#define BC_OFFICE_GRACE_MS 1000
/* Profile slots tried before falling back to a temporary profile. */
#define BC_OFFICE_SLOTS 64
/* What bc_office_output keeps of one convert's output. */
#define BC_OFFICE_OUTPUT_MAX (1024 * 1024)

typedef struct bc_office_opts {
    const char *soffice; /* the program: a path, or a name searched on
                            PATH; NULL: "soffice" */
    int timeout_s;       /* limit of one convert; <= 0: BC_OFFICE_TIMEOUT */
} bc_office_opts;

typedef struct bc_office bc_office;

/* How a convert's LibreOffice ended. */
typedef enum bc_office_end {
    BC_OFFICE_ENDED = 0,   /* it exited by itself within the limit */
    BC_OFFICE_NOT_STARTED, /* it could not be started */
    BC_OFFICE_TIMED_OUT,   /* stopped at the time limit */
    BC_OFFICE_CANCELLED,   /* stopped by bc_office_cancel_all */
    BC_OFFICE_CRASHED      /* ended by a signal nobody here sent */
} bc_office_end;

/* Finds the program and takes a profile. NULL opts: the defaults.
 * Returns NULL with an error (LibreOffice not found, with the Debian
 * package to install as hint; no profile could be made). */
bc_office *bc_office_open(const bc_office_opts *opts, bc_diags *d);

/* Converts inputs[0..n) with one LibreOffice process into outdir (which
 * must exist) through `filter`, given to --convert-to as it is ("pdf",
 * or "pdf:writer_pdf_Export:{...JSON options...}"). Returns
 * BC_OFFICE_ENDED, or another bc_office_end with an error naming what
 * failed; after bc_office_cancel_all, always BC_OFFICE_CANCELLED. n == 0
 * runs nothing. */
bc_office_end bc_office_convert(bc_office *o, const char *filter,
                                const char *const *inputs, size_t n,
                                const char *outdir, bc_diags *d);

/* What LibreOffice printed (stdout and stderr) during the last convert;
 * "" before any. Valid until the next convert or close. */
const char *bc_office_output(const bc_office *o);

/* The profile folder given to LibreOffice as UserInstallation. */
const char *bc_office_profile(const bc_office *o);

/* The file LibreOffice writes for `input` through `filter` into outdir:
 * outdir/BASE.EXT, BASE the input's name less its last extension, EXT the
 * filter up to its first ':' ("out/a.pdf" for "x/a.docx", "pdf:..."). 
 * malloc'd. */
char *bc_office_target(const char *input, const char *filter,
                       const char *outdir);

/* Unlocks the profile (a temporary one is removed) and frees o; NULL is
 * fine. */
void bc_office_close(bc_office *o);

/* Async-signal-safe, for a SIGINT/SIGTERM handler: kills (SIGKILL) the
 * process group of every convert running in this process and makes every
 * convert, running or to come, return BC_OFFICE_CANCELLED once it has
 * cleaned up. Let the converts return (do not _exit in the handler) so
 * their files are removed. There is no undoing it. */
void bc_office_cancel_all(void);

#endif
