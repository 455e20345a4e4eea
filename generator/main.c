/*
 * main.c - the baocao command line: parses arguments, calls the library,
 * prints diagnostics and maps results to exit codes. The only file that
 * prints or exits.
 *
 * Exit status: 0 success; 1 an input or template error; 2 a usage error.
 */
#include "base/xalloc.h"
#include "base/file_write.h"
#include "base/path_ext.h"
#include "report/template.h"
#include "app/batch.h"
#include "app/batch_check.h"
#include "app/batch_source.h"
#include "base/buf.h"
#include "report/check.h"
#include "base/diag.h"
#include "package/embedded.h"
#include "package/xml_parse.h"
#include "base/i18n.h"
#include "mustache/mustache.h"
#include "app/render.h"
#include "report/report.h"
#include "app/template_check.h"
#include "wml/wml_annotate.h"
#include "app/warn_digest.h"
#include "input/yaml_load.h"
#include "app/pdf_export.h"
#include "app/office.h"
#include "pdf/nss_session.h"
#include "pdf/pdf_sign.h"
#include "pdf/pdf_verify.h"
#include "app/import_run.h"

#include <libxml/parser.h>
#include <signal.h>
#include <time.h>
#include <locale.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <errno.h>
#include <strings.h>
#include <termios.h>
#include <unistd.h>

#define BC_VERSION "0.1.0"

enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

extern char **environ;

/* Notes (the review's advice, a template's optional sections) are printed
 * only with --notes; they never change the exit status. */
static bool S_show_notes;

static void S_print_diags(const bc_diags *d)
{
    for (const bc_diag *g = d->head; g; g = g->next) {
        if (g->severity == BC_NOTE && !S_show_notes)
            continue;
        char *s = bc_diag_format(g);
        fprintf(stderr, "baocao: %s\n", s);
        if (g->hint)
            fprintf(stderr, "baocao:   %s: %s\n", _("hint"), g->hint);
        free(s);
    }
}

static int S_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "baocao: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s\n", _("Try `baocao --help`."));
    return EXIT_USAGE;
}

static void S_help(void)
{
    printf("%s", _("Usage: baocao COMMAND [OPTIONS]\n"
                   "Official Vietnamese administrative reports (Decree 30/2020/NĐ-CP) "
                   "from YAML.\n\n"
                   "Commands:\n"
                   "  render REPORT.yaml [-t TEMPLATE.docx] [-o OUT.docx] [--pdf]\n"
                   "                      one report; -o - writes to standard output\n"
                   "  batch BATCH.yaml [-t TEMPLATE.docx] [-o DIR] [-j N] [--ten PATTERN] [--pdf]\n"
                   "                      every report of a batch (chung + danh_sach)\n"
                   "  check REPORT.yaml... or check BATCH.yaml\n"
                   "                      the Decree 30 review alone, nothing written\n"
                   "  template list       the built-in templates\n"
                   "  template export [NAME] -o FILE.docx\n"
                   "                      a built-in template as a .docx to edit in Word\n"
                   "  template check TEMPLATE.docx [DATA.yaml] [--annotate OUT.docx]\n"
                   "                      every tag and every error of a template\n"
                   "  ky REPORT.pdf --nss DIR --chung-thu NICKNAME [-o SIGNED.pdf] [--pin-fd N]\n"
                   "                      signs the PDF's signature field (NSS, a USB token)\n"
                   "  ky --kiem-tra FILE.pdf [--nss DIR]\n"
                   "                      checks its signatures: signer, time, integrity, trust\n"
                   "  nhap REPORT.docx|REPORT.txt [-o REPORT.yaml] [--ky-sau]\n"
                   "                      an existing report (Word or text) as YAML\n"
                   "  --help, COMMAND --help, --version\n\n"
                   "Options:\n"
                   "  -t, --template FILE  a .docx/.dotx template with {{tags}}\n"
                   "  -o, --output FILE    where to write (default: next to the input)\n"
                   "  --pdf                also a PDF/A-2b beside the .docx (LibreOffice "
                   "headless)\n"
                   "  --pdf-timeout SECONDS  the time LibreOffice may take (default 120)\n"
                   "  --lenient            a missing value renders empty instead of failing\n"
                   "  --strict             warnings of the Decree 30 review stop the render too\n"
                   "  --notes              also print notes (advice; never changes the exit status)\n\n"
                   "Exit status: 0 success, 1 input or template error, 2 usage error.\n"));
}

static void S_render_help(void)
{
    printf("%s", _("Usage: baocao render REPORT.yaml [-t TEMPLATE.docx] [-o OUT.docx] "
                   "[--pdf [--pdf-timeout SECONDS]] [--lenient] [--strict]\n"
                   "Writes one report as a .docx (default: REPORT.docx next to the "
                   "input; -o - for standard output).\n"
                   "The Decree 30 review (`baocao check`) runs first: its errors stop "
                   "the render, its warnings are printed; with --strict they stop it "
                   "too.\n"));
}

static void S_template_help(void)
{
    printf("%s", _("Usage: baocao template list\n"
                   "       baocao template export [NAME] -o FILE.docx\n"
                   "       baocao template check TEMPLATE.docx [DATA.yaml] "
                   "[--annotate OUT.docx]\n"
                   "The built-in template is an ordinary .docx with {{tags}}: edit it "
                   "in Word or LibreOffice and pass it back with -t.\n"
                   "`template check` lists every tag with its place and every error "
                   "with a fix hint; with DATA.yaml also the names the data lacks and "
                   "the data keys no tag uses; --annotate writes a copy of the "
                   "template with a Word comment at each error.\n"));
}

/* Set by SIGINT and SIGTERM: a batch stops and writes nothing; a PDF
 * conversion ends its LibreOffice. */
static volatile sig_atomic_t S_cancel;

static void S_on_signal(int sig)
{
    (void)sig;
    S_cancel = 1;
    bc_office_cancel_all(); /* a LibreOffice running ends now */
}

/* SIGINT and SIGTERM set S_cancel instead of ending the process, so that
 * what is half done is removed. */
static void S_catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = S_on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* --pdf-timeout SECONDS: 1 to a day. */
static bool S_parse_timeout(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (end == s || *end || v < 1 || v > 86400)
        return false;
    *out = (int)v;
    return true;
}

/* The PDF/A of one rendered report beside its .docx. A PDF that fails
 * leaves none: an older one of the same name is removed, so that the
 * .docx and the PDF never disagree. */
static int S_to_pdf(const char *docx, const bc_report *report, int timeout)
{
    char *pdf = bc_path_ext_replace(docx, ".pdf");
    int y, m, dd;
    bc_render_date(report, &y, &m, &dd);
    bc_pdf_export_item item = {docx, pdf, pdf, false, 1 + bc_render_appendices(report),
                               {y, m, dd}, false, false};
    bc_pdf_export_opts o = {NULL, timeout, 1, 1, NULL, NULL, &S_cancel};
    S_catch_signals();
    bc_diags d = BC_DIAGS_INIT;
    bc_pdf_export_run(&o, &item, 1, &d);
    S_print_diags(&d);
    bc_diags_free(&d);
    if (item.ok)
        fprintf(stderr, _("baocao: wrote %s\n"), pdf);
    else if (unlink(pdf) == 0)
        fprintf(stderr, _("baocao: removed the older %s: it was not made from this .docx\n"),
                pdf);
    free(pdf);
    return item.ok ? EXIT_OK : EXIT_INPUT;
}

static int S_cmd_render(int argc, char **argv)
{
    const char *input = NULL, *tpl_path = NULL, *output = NULL;
    bool pdf = false, lenient = false, strict = false;
    int timeout = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_render_help();
            return EXIT_OK;
        } else if (strcmp(a, "-t") == 0 || strcmp(a, "--template") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a file name"), a);
            tpl_path = argv[i];
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a file name"), a);
            output = argv[i];
        } else if (strcmp(a, "--pdf") == 0) {
            pdf = true;
        } else if (strcmp(a, "--pdf-timeout") == 0) {
            if (++i >= argc || !S_parse_timeout(argv[i], &timeout))
                return S_usage_error(_("%s needs a number of seconds (1 to 86400)"), a);
        } else if (strcmp(a, "--lenient") == 0) {
            lenient = true;
        } else if (strcmp(a, "--strict") == 0) {
            strict = true; /* warnings stop; --lenient is about values */
        } else if (a[0] == '-' && a[1] != '\0') {
            return S_usage_error(_("unknown option `%s`"), a);
        } else if (!input) {
            input = a;
        } else {
            return S_usage_error(_("render takes one report file, got also `%s`"), a);
        }
    }
    if (!input)
        return S_usage_error("%s", _("render needs a REPORT.yaml file"));
    if (pdf && output && strcmp(output, "-") == 0)
        return S_usage_error("%s", _("--pdf cannot write to standard output"));

    bc_diags d = BC_DIAGS_INIT;
    bc_arena arena = BC_ARENA_INIT;
    bc_wml_template *tpl = NULL;
    char *out_path = output ? bc_xstrdup(output) : bc_path_ext_replace(input, ".docx");
    int status = EXIT_INPUT;
    bc_buf docx = BC_BUF_INIT;
    bc_node *root = bc_yaml_load_file(&arena, input, &d);
    bc_report report;
    /* The Decree 30 review first: errors stop, warnings stop with --strict. */
    bool review_ok = !root || bc_check_report(root, &d) == 0;
    bool held_by_warnings = review_ok && strict && d.warnings > 0;
    if (root && bc_report_prepare(&arena, root, lenient, &report, &d) == 0 &&
        review_ok && !held_by_warnings &&
        (tpl = bc_template_load(tpl_path, &d)) != NULL) {
        bc_render_opts ro = {lenient, 0};
        if (bc_render_docx(tpl, &report, &ro, &docx, &d) == 0 &&
            bc_file_write_atomic(out_path, docx.data, docx.len, &d) == 0)
            status = EXIT_OK;
    }
    S_print_diags(&d);
    if (held_by_warnings && d.errors == 0)
        fprintf(stderr, "baocao: %s\n",
                _("nothing written: with --strict, warnings stop the render"));
    if (status == EXIT_OK && strcmp(out_path, "-") != 0)
        fprintf(stderr, _("baocao: wrote %s\n"), out_path);
    if (status == EXIT_OK && pdf)
        status = S_to_pdf(out_path, &report, timeout);
    bc_buf_free(&docx);
    bc_wml_template_free(tpl);
    bc_arena_free(&arena);
    bc_diags_free(&d);
    free(out_path);
    return status;
}

/* ---- check ---------------------------------------------------------------- */

static void S_check_help(void)
{
    printf("%s", _("Usage: baocao check REPORT.yaml...\n"
                   "       baocao check BATCH.yaml\n"
                   "Reviews reports against Decree 30/2020/NĐ-CP and the input format, "
                   "writing nothing: one finding per line on standard output,\n"
                   "  FILE:LINE:COLUMN: error|warning: message [rule]\n"
                   "A batch has every entry merged over `chung` and named by its "
                   "number and `dia_danh`.\n"
                   "Exit status: 0 nothing found, 1 findings, 2 usage error.\n"));
}

static int S_cmd_check(int argc, char **argv)
{
    int files = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_check_help();
            return EXIT_OK;
        }
        if (a[0] == '-' && a[1] != '\0')
            return S_usage_error(_("unknown option `%s`"), a);
        files++;
    }
    if (!files)
        return S_usage_error("%s", _("check needs REPORT.yaml files or a BATCH.yaml"));
    size_t found = 0;
    for (int i = 0; i < argc; i++) {
        bc_diags d = BC_DIAGS_INIT;
        bc_arena arena = BC_ARENA_INIT;
        if (bc_batch_source_sniff(argv[i])) {
            bc_batch_check_file(argv[i], &d);
        } else {
            bc_node *root = bc_yaml_load_file(&arena, argv[i], &d);
            if (root)
                bc_check_input(&arena, root, &d);
        }
        for (const bc_diag *g = d.head; g; g = g->next) {
            if (g->severity == BC_NOTE && !S_show_notes)
                continue;
            char *s = bc_diag_format(g);
            printf("%s\n", s);
            free(s);
        }
        found += d.errors + d.warnings;
        bc_arena_free(&arena);
        bc_diags_free(&d);
    }
    return found ? EXIT_INPUT : EXIT_OK;
}

/* ---- nhap (import) ----------------------------------------------------------- */

static void S_nhap_help(void)
{
    printf("%s", _("Usage: baocao nhap REPORT.docx|REPORT.txt [-o REPORT.yaml] [--ky-sau]\n"
                   "Imports an existing report (a Word file, or its text) as baocao's YAML: "
                   "the header, the summary, the body in body markup, Nơi nhận, the "
                   "signer, the appendices and the reporting period, with a comment "
                   "\"# check: ...\" on each key that was guessed or not found.\n"
                   "  -o FILE    where to write (default: REPORT.yaml next to the input; an "
                   "existing file is replaced only when -o names it; - for standard output)\n"
                   "  --ky-sau   start the next period from it: the period moved on by one, "
                   "the number and date left out, the figures listed for updating\n"
                   "The written YAML is then reviewed as `baocao check` does and the "
                   "findings printed.\n"
                   "Exit status: 0 written (whatever the review finds), 1 nothing written, "
                   "2 usage error.\n"));
}

static int S_cmd_nhap(int argc, char **argv)
{
    bc_import_run_opts o = {0};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_nhap_help();
            return EXIT_OK;
        }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc || !argv[i][0])
                return S_usage_error(_("%s needs a file name"), a);
            o.output = argv[i];
        } else if (strcmp(a, "--ky-sau") == 0) {
            o.ky_sau = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            return S_usage_error(_("unknown option `%s`"), a);
        } else if (o.input) {
            return S_usage_error(_("nhap takes one report file, got also `%s`"), a);
        } else {
            o.input = a;
        }
    }
    if (!o.input)
        return S_usage_error("%s", _("nhap needs a REPORT.docx or REPORT.txt file"));
    bc_diags d = BC_DIAGS_INIT, review = BC_DIAGS_INIT;
    char *written = NULL;
    int rc = bc_import_run_file(&o, &written, &d, &review);
    S_print_diags(&d);
    if (rc == 0) {
        if (strcmp(written, "-") != 0)
            fprintf(stderr, _("baocao: wrote %s\n"), written);
        S_print_diags(&review);
    }
    free(written);
    bc_diags_free(&d);
    bc_diags_free(&review);
    return rc == 0 ? EXIT_OK : EXIT_INPUT;
}

/* ---- batch ---------------------------------------------------------------- */


static void S_batch_help(void)
{
    printf("%s", _("Usage: baocao batch BATCH.yaml [-t TEMPLATE.docx] [-o DIR] [-j N] "
                   "[--ten PATTERN] [--pdf [--pdf-timeout SECONDS]] [--lenient] [--strict]\n"
                   "Writes one report per entry of `danh_sach` (a list, a CSV file, or "
                   "a workbook: xa.xlsx, xa.ods, xa.xlsx#Sheet), with `chung` merged "
                   "under each, and the summary `tong_hop` (when the file has one) "
                   "to tong-hop.docx.\n"
                   "  -o DIR         output folder (default: out/), created when missing\n"
                   "  -j N           reports made at the same time (default: the number of cores)\n"
                   "  --ten PATTERN  a mustache pattern for file names, e.g. "
                   "'{{so}}-{{dia_danh}}'\n"
                   "  --pdf          also a PDF/A-2b beside each .docx (LibreOffice, one "
                   "process per core)\n"
                   "  --pdf-timeout SECONDS\n"
                   "                 the time LibreOffice may take for one call "
                   "(default 120)\n"
                   "Files appear only when the batch ends; an entry that fails is "
                   "reported and the others are written (exit status 1).\n"));
}

typedef struct batch_ui {
    bool tty;
    double start;
    double pdf_start;         /* when the PDFs began, 0 before */
    bool bar_shown;
    bc_warn_digest warnings;  /* past the first entries, a count per rule */
} batch_ui;

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void S_clear_bar(batch_ui *ui)
{
    if (ui->bar_shown) {
        fputs("\r\033[K", stderr);
        ui->bar_shown = false;
    }
}

static void S_batch_entry(void *closure, const bc_batch_event *ev)
{
    batch_ui *ui = closure;
    if (!ev->diags->head && ev->ok)
        return;
    for (const bc_diag *g = ev->diags->head; g; g = g->next) {
        if (g->severity == BC_NOTE && !S_show_notes)
            continue;
        bc_warn_verdict v = bc_warn_digest_add(&ui->warnings, ev->index, g);
        if (v == BC_WARN_COUNTED)
            continue;
        char *s = bc_diag_format(g);
        bc_buf line = BC_BUF_INIT;
        if (ev->name[0])
            bc_buf_printf(&line, _("baocao: entry %zu (%s): %s\n"), ev->index,
                          ev->name, s);
        else
            bc_buf_printf(&line, _("baocao: entry %zu: %s\n"), ev->index, s);
        if (v == BC_WARN_KEEP) {
            bc_warn_digest_keep(&ui->warnings, g, bc_buf_cstr(&line));
        } else {
            S_clear_bar(ui);
            fputs(bc_buf_cstr(&line), stderr);
        }
        bc_buf_free(&line);
        free(s);
    }
    if (!ev->ok && !ev->diags->errors) {
        S_clear_bar(ui);
        fprintf(stderr, _("baocao: entry %zu (%s): not written\n"), ev->index, ev->name);
    }
}

/* The digested warnings: each rule's first finding and how many more. */
static void S_batch_warnings(batch_ui *ui, const char *path)
{
    bc_warn_digest_sort(&ui->warnings);
    for (size_t i = 0; i < ui->warnings.count; i++) {
        const bc_warn_rule *r = &ui->warnings.rules[i];
        fputs(r->first_line, stderr);
        if (r->findings > 1)
            fprintf(stderr,
                    _("baocao:   %zu warnings [%s] like this one in %zu entries "
                      "(past the first %d); `baocao check %s` lists each\n"),
                    r->findings, r->id, r->entries, BC_WARN_FULL_ENTRIES, path);
    }
}

/* One progress bar on the terminal: lead before it, the rate since start
 * with `decimals` decimals, the time left at that rate. */
static void S_draw_bar(batch_ui *ui, const char *lead, double start, int decimals,
                       size_t done, size_t total)
{
    double elapsed = S_now() - start;
    double rate = elapsed > 0 ? (double)done / elapsed : 0;
    if (total < done)
        total = done;
    int width = 30, filled = total ? (int)((double)done * width / (double)total) : 0;
    char bar[64];
    for (int i = 0; i < width; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[width] = '\0';
    double left = rate > 0 ? (double)(total - done) / rate : 0;
    fprintf(stderr, "%s[%s] %zu/%zu  %.*f/s  %s %.0f s ", lead, bar, done, total, decimals,
            rate, _("left"), left);
    ui->bar_shown = true;
}

static void S_batch_progress(void *closure, size_t done, size_t total)
{
    batch_ui *ui = closure;
    if (ui->tty)
        S_draw_bar(ui, "\r", ui->start, 0, done, total);
}

/* The PDFs' own bar, after the reports': LibreOffice's pace differs. */
static void S_pdf_progress(void *closure, size_t done, size_t total)
{
    batch_ui *ui = closure;
    if (!ui->tty)
        return;
    if (ui->pdf_start == 0)
        ui->pdf_start = S_now();
    S_draw_bar(ui, "\r\033[KPDF ", ui->pdf_start, 1, done, total);
}

static int S_cmd_batch(int argc, char **argv)
{
    bc_batch_opts o;
    memset(&o, 0, sizeof o);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_batch_help();
            return EXIT_OK;
        } else if (strcmp(a, "-t") == 0 || strcmp(a, "--template") == 0 ||
                   strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 ||
                   strcmp(a, "-j") == 0 || strcmp(a, "--jobs") == 0 ||
                   strncmp(a, "-j", 2) == 0 || strcmp(a, "--ten") == 0) {
            /* "-j4" carries its value; the others take the next argument */
            const char *val = strncmp(a, "-j", 2) == 0 && a[2] ? a + 2 : NULL;
            if (!val && ++i >= argc)
                return S_usage_error(_("%s needs a value"), a);
            if (!val)
                val = argv[i];
            if (a[1] == 't' || strcmp(a, "--template") == 0) {
                o.template_path = val;
            } else if (a[1] == 'o' || strcmp(a, "--output") == 0) {
                if (!*val)
                    return S_usage_error("%s", _("-o needs a folder name"));
                o.out_dir = val;
            } else if (strcmp(a, "--ten") == 0) {
                o.name_pattern = val;
            } else {
                char *end;
                long n = strtol(val, &end, 10);
                if (*end || n < 1 || n > 64)
                    return S_usage_error(_("-j takes a number from 1 to 64, not `%s`"),
                                         val);
                o.jobs = (int)n;
            }
        } else if (strcmp(a, "--lenient") == 0) {
            o.lenient = true;
        } else if (strcmp(a, "--strict") == 0) {
            o.strict = true;
        } else if (strcmp(a, "--pdf") == 0) {
            o.pdf = true;
        } else if (strcmp(a, "--pdf-timeout") == 0) {
            if (++i >= argc || !S_parse_timeout(argv[i], &o.pdf_timeout))
                return S_usage_error(_("%s needs a number of seconds (1 to 86400)"), a);
        } else if (a[0] == '-' && a[1] != '\0') {
            return S_usage_error(_("unknown option `%s`"), a);
        } else if (!o.path) {
            o.path = a;
        } else {
            return S_usage_error(_("batch takes one batch file, got also `%s`"), a);
        }
    }
    if (!o.path)
        return S_usage_error("%s", _("batch needs a BATCH.yaml file"));
    if (o.name_pattern) {
        /* a pattern that does not compile is a usage error */
        bc_diags pd = BC_DIAGS_INIT;
        bc_mopts mo;
        memset(&mo, 0, sizeof mo);
        mo.name = "--ten";
        bc_mtpl *pt = bc_mustache_compile(o.name_pattern, strlen(o.name_pattern), &mo, &pd);
        S_print_diags(&pd);
        bc_diags_free(&pd);
        if (!pt)
            return EXIT_USAGE;
        bc_mustache_free(pt);
    }
    batch_ui ui = {isatty(STDERR_FILENO) != 0, S_now(), 0, false, BC_WARN_DIGEST_INIT};
    o.on_entry = S_batch_entry;
    o.on_progress = S_batch_progress;
    o.on_pdf_progress = S_pdf_progress;
    o.closure = &ui;
    o.cancel = &S_cancel;
    o.check = bc_check_report; /* the Decree 30 review of each entry */
    S_catch_signals();
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    int rc = bc_batch_run(&o, &res, &d);
    S_clear_bar(&ui);
    S_batch_warnings(&ui, o.path);
    bc_warn_digest_free(&ui.warnings);
    S_print_diags(&d);
    bc_diags_free(&d);
    if (res.cancelled)
        fprintf(stderr, "baocao: %s\n", _("interrupted: no file of this batch was written"));
    fprintf(stderr, _("%zu written, %zu failed in %.2f s\n"), res.written, res.failed,
            res.seconds);
    return rc == 0 ? EXIT_OK : EXIT_INPUT;
}

/* baocao template check TEMPLATE.docx [DATA.yaml] [--annotate OUT.docx]:
 * the tags with their places on standard output, the findings on standard
 * error; exit 1 on any error or warning. */
static int S_cmd_template_check(int argc, char **argv)
{
    const char *tpl_path = NULL, *data_path = NULL, *annotate = NULL;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_template_help();
            return EXIT_OK;
        } else if (strcmp(a, "--annotate") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a file name"), a);
            annotate = argv[i];
        } else if (a[0] == '-' && a[1] != '\0') {
            return S_usage_error(_("unknown option `%s`"), a);
        } else if (!tpl_path) {
            tpl_path = a;
        } else if (!data_path) {
            data_path = a;
        } else {
            return S_usage_error(_("template check takes a template and one data "
                                   "file, got also `%s`"), a);
        }
    }
    if (!tpl_path)
        return S_usage_error("%s", _("template check needs a TEMPLATE.docx"));
    bc_diags d = BC_DIAGS_INIT;
    bc_package pkg = BC_PACKAGE_INIT;
    bc_tpl_info info = BC_TPL_INFO_INIT;
    bc_arena arena = BC_ARENA_INIT;
    bc_wml_template *tpl = NULL;
    int status = EXIT_INPUT;
    if (bc_package_read_file(&pkg, tpl_path, &d) == 0) {
        tpl = bc_template_compile(&pkg, tpl_path, &d, &info);
        for (size_t i = 0; i < info.ntags; i++)
            printf("%s: %s\n", info.tags[i].place, info.tags[i].text);
        bool ok = true;
        if (data_path) {
            bc_node *input = bc_yaml_load_file(&arena, data_path, &d);
            bc_report report;
            if (input) {
                bc_diags rd = BC_DIAGS_INIT;
                bool prepared = bc_report_prepare(&arena, input, false, &report,
                                                  &rd) == 0;
                bc_diags_take(&d, &rd);
                bc_template_check_data(&info, tpl_path, input,
                                       prepared ? report.data : input, &d);
            } else {
                ok = false;
            }
        }
        if (annotate) {
            bc_package ann = BC_PACKAGE_INIT;
            bc_buf bytes = BC_BUF_INIT;
            bc_wml_annotate(&pkg, info.marks, info.nmarks, &ann);
            if (bc_package_write(&ann, (bc_zip_date){2024, 1, 1}, 6, &bytes, &d) != 0 ||
                bc_file_write_atomic(annotate, bytes.data, bytes.len, &d) != 0)
                ok = false;
            bc_buf_free(&bytes);
            bc_package_free(&ann);
        }
        printf(_("%zu tags, %zu errors, %zu warnings\n"), info.ntags, d.errors,
               d.warnings);
        if (ok && tpl && d.errors == 0 && d.warnings == 0)
            status = EXIT_OK;
    }
    fflush(stdout);
    S_print_diags(&d);
    bc_wml_template_free(tpl);
    bc_wml_template_info_free(&info);
    bc_package_free(&pkg);
    bc_arena_free(&arena);
    bc_diags_free(&d);
    return status;
}

static int S_cmd_template(int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        S_template_help();
        return argc < 1 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[0], "list") == 0) {
        printf("%s\t%s\n", BC_BUILTIN_TEMPLATE,
               _("báo cáo (report), Decree 30 Mẫu 1.4 layout"));
        return EXIT_OK;
    }
    if (strcmp(argv[0], "export") == 0) {
        const char *name = NULL, *output = NULL;
        for (int i = 1; i < argc; i++) {
            if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
                if (++i >= argc)
                    return S_usage_error(_("%s needs a file name"), argv[i - 1]);
                output = argv[i];
            } else if (argv[i][0] == '-' && argv[i][1]) {
                return S_usage_error(_("unknown option `%s`"), argv[i]);
            } else {
                name = argv[i];
            }
        }
        if (!output)
            return S_usage_error("%s", _("template export needs -o FILE.docx"));
        bc_diags d = BC_DIAGS_INIT;
        bc_buf b = BC_BUF_INIT;
        int rc = bc_template_export(name, &b, &d) == 0 &&
                         bc_file_write_atomic(output, b.data, b.len, &d) == 0
                     ? EXIT_OK
                     : EXIT_INPUT;
        S_print_diags(&d);
        bc_diags_free(&d);
        bc_buf_free(&b);
        return rc;
    }
    if (strcmp(argv[0], "check") == 0)
        return S_cmd_template_check(argc - 1, argv + 1);
    return S_usage_error(_("unknown template command `%s`"), argv[0]);
}

/* ---- ky: signing a PDF and checking its signature ------------------------ */

static void S_ky_help(void)
{
    printf("%s", _("Usage: baocao ky REPORT.pdf [-o SIGNED.pdf] --nss DIR --chung-thu NICKNAME "
                   "[--pin-fd N]\n"
                   "       baocao ky --kiem-tra FILE.pdf [--nss DIR]\n"
                   "Signs the PDF's signature field (ChuKy, which `render --pdf` places) with "
                   "a certificate of the NSS database DIR (a USB token's too, once its PKCS#11 "
                   "module is added to DIR with modutil): a PAdES B-B signature in an "
                   "incremental update, written to REPORT-da-ky.pdf beside the input unless "
                   "-o says otherwise.\n"
                   "The PIN is asked for on the terminal, or read from descriptor N "
                   "(--pin-fd 3 3<pin-file); it never goes on a command line. A database "
                   "without a password needs none.\n"
                   "--kiem-tra checks every signature of FILE.pdf: signer, time, integrity, "
                   "and trust in the CAs that DIR trusts (default ~/.pki/nssdb).\n"
                   "Exit status: 0 signed, or intact and trusted; 1 otherwise; 2 usage "
                   "error.\n"));
}

/* The PIN typed on the terminal, without echo; NULL without a terminal,
 * or when the line is longer than a PIN can be (then said on the
 * terminal: a PIN cut short would be a wrong one, a try of the token's
 * few). */
static char *S_ky_ask_pin(void *ctx, const char *token, bool database)
{
    (void)ctx;
    int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct termios old, quiet;
    bool echo_off = tcgetattr(fd, &old) == 0;
    if (echo_off) {
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
        quiet.c_lflag |= ICANON;
        echo_off = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
    }
    bc_buf prompt = BC_BUF_INIT;
    if (database)
        bc_buf_puts(&prompt, _("Password of the NSS database: "));
    else
        bc_buf_printf(&prompt, _("PIN of the token \"%s\": "), token);
    if (write(fd, prompt.data, prompt.len) < 0) {
        /* no prompt shown: the read below still takes the PIN */
    }
    bc_buf_free(&prompt);
    char buf[256];
    size_t n = 0;
    bool ended = false, too_long = false;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0 || c == '\n') {
            ended = got > 0;
            break;
        }
        if (n + 1 < sizeof buf)
            buf[n++] = c;
        else
            too_long = true; /* the rest of the line read and dropped */
    }
    if (echo_off)
        tcsetattr(fd, TCSAFLUSH, &old);
    if (write(fd, "\n", 1) < 0) {
        /* the line end after the hidden PIN is cosmetic */
    }
    if (too_long) {
        bc_buf msg = BC_BUF_INIT;
        bc_buf_printf(&msg, _("baocao: the PIN typed is longer than %d bytes: it was not "
                              "given to the token\n"),
                      (int)sizeof buf - 1);
        if (write(fd, msg.data, msg.len) < 0) {
            /* the error below says the PIN is missing anyway */
        }
        bc_buf_free(&msg);
    }
    close(fd);
    char *pin = NULL;
    if (!too_long && (ended || n > 0)) {
        pin = bc_xmalloc(n + 1);
        memcpy(pin, buf, n);
        pin[n] = '\0';
    }
    explicit_bzero(buf, sizeof buf);
    return pin;
}

/* Shuts NSS down; a refusal means baocao still held a certificate, a key
 * or a context: a bug, said so that the tests see it. */
static void S_ky_close(bc_nss_session *s, bc_diags *d)
{
    if (bc_nss_session_close(s) != 0)
        bc_diag_add(d, BC_WARNING, NULL, 0, 0, "%s",
                    _("internal error: NSS still held certificates or keys when it was shut "
                      "down"));
}

/* A time as the signer's clock or the CMS gave it, in Vietnam's time. */
static void S_ky_print_time(long long when)
{
    time_t t = (time_t)(when + 7 * 3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    printf("%04d-%02d-%02d %02d:%02d:%02d (UTC+07:00)", tm.tm_year + 1900, tm.tm_mon + 1,
           tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static int S_ky_verify(const char *input, const char *nss)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_buf pdf = BC_BUF_INIT;
    bc_nss_session s;
    char *home_db = NULL;
    if (!nss) {
        /* the user's own database, as Chromium and poppler's tools use it */
        const char *home = getenv("HOME");
        if (home && *home) {
            bc_buf b = BC_BUF_INIT;
            bc_buf_printf(&b, "%s/.pki/nssdb", home);
            home_db = bc_buf_detach(&b, NULL);
            bc_buf db = BC_BUF_INIT;
            bc_buf_printf(&db, "%s/cert9.db", home_db);
            struct stat st;
            if (stat(db.data, &st) == 0)
                nss = home_db;
            bc_buf_free(&db);
        }
    }
    int status = EXIT_INPUT;
    bc_pdf_verify_result r;
    memset(&r, 0, sizeof r);
    if (bc_pdf_sign_read_file(input, &pdf, &d) == 0 &&
        bc_nss_session_open(&s, nss, NULL, &d) == 0) {
        if (bc_pdf_verify((const unsigned char *)pdf.data, pdf.len, input, s.has_db, &r, &d) ==
            0) {
            for (size_t i = 0; i < r.n; i++) {
                const bc_pdf_verify_sig *v = &r.sigs[i];
                printf(_("%s: signature \"%s\"\n"), input, v->field);
                printf("  %s ", _("signer:"));
                printf("%s", v->signer ? v->signer : _("(unknown)"));
                if (v->signer_org)
                    printf(" (%s)", v->signer_org);
                printf("\n");
                if (v->issuer)
                    printf("  %s %s\n", _("issued by:"), v->issuer);
                if (v->has_time) {
                    printf("  %s ", _("signed at:"));
                    S_ky_print_time(v->time);
                    printf(" %s\n", v->time_signed ? _("(a signed attribute)")
                                                   : _("(the signer's clock: no timestamp)"));
                }
                if (!v->intact)
                    printf("  %s %s: %s\n", _("integrity:"), _("FAILED"),
                           v->problem ? v->problem : "");
                else if (!v->whole)
                    printf(_("  integrity: CHANGED: %zu bytes were added to the file after "
                             "it was signed\n"),
                           v->added);
                else
                    printf("  %s %s\n", _("integrity:"),
                           _("intact: the file has not changed since it was signed"));
                if (v->trusted)
                    printf("  %s %s\n", _("trust:"),
                           _("trusted: the certificate chains to a CA the database trusts"));
                else
                    printf("  %s %s: %s\n", _("trust:"), _("NOT TRUSTED"),
                           v->trust_problem ? v->trust_problem : "");
            }
            if (r.unsigned_fields)
                printf(_("%s: %zu signature field(s) not signed\n"), input, r.unsigned_fields);
            status = bc_pdf_verify_ok(&r) ? EXIT_OK : EXIT_INPUT;
        }
        bc_pdf_verify_result_free(&r);
        S_ky_close(&s, &d);
    }
    fflush(stdout);
    S_print_diags(&d);
    bc_diags_free(&d);
    bc_buf_free(&pdf);
    free(home_db);
    return status;
}

/* The signing time: now, or SOURCE_DATE_EPOCH when set (reproducible
 * files for tests and builds). */
static long long S_ky_now(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (errno == 0 && *end == '\0' && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}

static int S_cmd_ky(int argc, char **argv)
{
    const char *input = NULL, *output = NULL, *nss = NULL, *nick = NULL;
    bool verify = false;
    int pin_fd = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            S_ky_help();
            return EXIT_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a file name"), a);
            output = argv[i];
        } else if (strcmp(a, "--nss") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a folder"), a);
            nss = argv[i];
        } else if (strcmp(a, "--chung-thu") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a certificate's nickname"), a);
            nick = argv[i];
        } else if (strcmp(a, "--pin-fd") == 0) {
            if (++i >= argc)
                return S_usage_error(_("%s needs a file descriptor number"), a);
            char *end;
            errno = 0;
            long v = strtol(argv[i], &end, 10);
            if (errno || *end || end == argv[i] || v < 0 || v > 1023)
                return S_usage_error(_("--pin-fd needs a file descriptor number, not `%s`"),
                                     argv[i]);
            pin_fd = (int)v;
        } else if (strcmp(a, "--kiem-tra") == 0) {
            verify = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            return S_usage_error(_("unknown option `%s`"), a);
        } else if (!input) {
            input = a;
        } else {
            return S_usage_error(_("ky takes one PDF file, got also `%s`"), a);
        }
    }
    if (!input)
        return S_usage_error("%s", _("ky needs a PDF file"));
    if (verify) {
        if (output || nick || pin_fd >= 0)
            return S_usage_error("%s", _("--kiem-tra takes only the PDF and --nss DIR"));
        return S_ky_verify(input, nss);
    }
    if (!nss)
        return S_usage_error("%s", _("ky needs --nss DIR, the NSS database of the certificate"));
    if (!nick)
        return S_usage_error("%s", _("ky needs --chung-thu NICKNAME, the certificate to sign "
                                     "with (`certutil -L -d sql:DIR` lists them)"));
    char *out_path = output ? bc_xstrdup(output) : bc_path_ext_replace(input, "-da-ky.pdf");
    struct stat in_st, out_st;
    if (stat(input, &in_st) == 0 && stat(out_path, &out_st) == 0 &&
        in_st.st_dev == out_st.st_dev && in_st.st_ino == out_st.st_ino) {
        free(out_path);
        return S_usage_error("%s", _("-o names the PDF to sign: the signed file is a new "
                                     "file"));
    }
    bc_diags d = BC_DIAGS_INIT;
    bc_buf pdf = BC_BUF_INIT, out = BC_BUF_INIT, done = BC_BUF_INIT;
    bc_nss_session_pin pin;
    memset(&pin, 0, sizeof pin);
    pin.ask = S_ky_ask_pin;
    bc_nss_session s;
    memset(&s, 0, sizeof s);
    int status = EXIT_INPUT;
    bool opened = false;
    if (bc_pdf_sign_read_file(input, &pdf, &d) == 0 &&
        (pin_fd < 0 || bc_nss_session_read_pin(pin_fd, &pin.pin, &d) == 0) &&
        bc_nss_session_open(&s, nss, &pin, &d) == 0) {
        opened = true;
        CERTCertificate *cert;
        SECKEYPrivateKey *key;
        long long when = S_ky_now();
        if (bc_nss_session_signer(&s, nick, when, &cert, &key, &d) == 0) {
            bc_pdf_sign_opts o = {input, NULL, when};
            bc_pdf_sign_result res;
            if (bc_pdf_sign((const unsigned char *)pdf.data, pdf.len, &o, cert, &pin, &out,
                            &res, &d) == 0 &&
                bc_file_write_atomic(out_path, out.data, out.len, &d) == 0) {
                status = EXIT_OK;
                bc_buf_printf(&done, _("baocao: signed the field \"%s\" as %s: wrote %s\n"),
                              res.field, res.signer, out_path);
            }
            bc_pdf_sign_result_free(&res);
            bc_nss_session_release(cert, key);
        }
    }
    if (opened)
        S_ky_close(&s, &d);
    else
        bc_nss_session_wipe(pin.pin);
    S_print_diags(&d);
    if (done.len)
        fputs(done.data, stderr);
    bc_diags_free(&d);
    bc_buf_free(&pdf);
    bc_buf_free(&out);
    bc_buf_free(&done);
    free(out_path);
    return status;
}

/* Binds the message catalogue: `locale/` beside the binary when there is
 * one (build/baocao before `make install`), else the installed
 * BC_LOCALEDIR. */
static void S_bind_textdomain(void)
{
    char exe[4096];
    const char *dir = BC_LOCALEDIR;
    char *beside = NULL;
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (slash) {
        *slash = '\0';
        bc_buf b = BC_BUF_INIT;
        bc_buf_printf(&b, "%s/locale", exe);
        beside = bc_buf_detach(&b, NULL);
        struct stat st;
        if (stat(beside, &st) == 0 && S_ISDIR(st.st_mode))
            dir = beside;
    }
    bindtextdomain(BC_TEXTDOMAIN, dir);
    bind_textdomain_codeset(BC_TEXTDOMAIN, "UTF-8");
    free(beside);
}

/* Process settings for speed and sameness: zip entry times are given as
 * DOS dates, but libzip converts through mktime(), which with TZ unset
 * re-reads /etc/localtime on every call (20 times a report); UTC makes it
 * cache and keeps the conversion free of daylight-saving shifts. (The heap
 * is jemalloc's, linked in place of malloc: see the Makefile's ALLOC.) */
static void S_tune_process(void)
{
    setenv("TZ", "UTC", 1);
    tzset();
}

int main(int argc, char **argv)
{
    S_tune_process();
    /* a benchmark's knob: what flushing files to the disk costs */
    const char *no_flush = getenv("BAOCAO_NO_FLUSH");
    if (no_flush && strcmp(no_flush, "1") == 0)
        bc_file_write_set_flush(false);
    setlocale(LC_ALL, "");
    S_bind_textdomain();
    bc_xml_parse_init();
    /* --notes, wherever it stands: the notes of the review are printed */
    int kept = 1;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--notes") == 0)
            S_show_notes = true;
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    argv[argc] = NULL;
    int rc;
    if (argc < 2) {
        S_help();
        rc = EXIT_USAGE;
    } else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        S_help();
        rc = EXIT_OK;
    } else if (strcmp(argv[1], "--version") == 0) {
        printf("baocao %s\n", BC_VERSION);
        rc = EXIT_OK;
    } else if (strcmp(argv[1], "render") == 0) {
        rc = S_cmd_render(argc - 2, argv + 2);
    } else if (strcmp(argv[1], "check") == 0) {
        rc = S_cmd_check(argc - 2, argv + 2);
    } else if (strcmp(argv[1], "batch") == 0) {
        rc = S_cmd_batch(argc - 2, argv + 2);
    } else if (strcmp(argv[1], "nhap") == 0) {
        rc = S_cmd_nhap(argc - 2, argv + 2);
    } else if (strcmp(argv[1], "template") == 0) {
        rc = S_cmd_template(argc - 2, argv + 2);
    } else if (strcmp(argv[1], "ky") == 0) {
        rc = S_cmd_ky(argc - 2, argv + 2);
    } else {
        rc = S_usage_error(_("unknown command `%s`"), argv[1]);
    }
    xmlCleanupParser();
    return rc;
}
