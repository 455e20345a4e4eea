/*
 * import_run.c - the work of `baocao nhap` (import_run.h): the reader
 * chosen by the file's first bytes (a zip is a .docx to read, anything
 * else text, so a PDF or an .odt is refused with its reason), the keys
 * recognised, the YAML written atomically (base/file_write.h), then
 * loaded back with baocao's own loader and reviewed (report/check.h).
 */
#include "app/import_run.h"

#include "base/buf.h"
#include "base/file_write.h"
#include "base/path_ext.h"
#include "base/i18n.h"
#include "import/import_doc.h"
#include "import/import_docx.h"
#include "import/import_recognise.h"
#include "import/import_report.h"
#include "import/import_text.h"
#include "import/import_yaml.h"
#include "input/yaml_load.h"
#include "report/check.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The default output is there already: an error, and how to replace it. */
static void S_exists(const char *path, bc_diags *d)
{
    bc_diag *g = bc_diag_add(d, BC_ERROR, path, 0, 0, "%s",
                             _("the file exists already; nothing written"));
    bc_diag_set_hint(g, _("name the file to write with -o (it is then replaced)"));
}

static bool S_ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcasecmp(s + n - m, tail) == 0;
}

/* 1 when the file starts as a zip does, 0 when not, -1 unreadable. */
static int S_is_zip(const char *path, bc_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return -1;
    }
    unsigned char head[4] = {0};
    size_t got = fread(head, 1, 4, f);
    fclose(f);
    return got == 4 && memcmp(head, "PK\3\4", 4) == 0;
}

static int S_read(const char *path, bc_import_doc *doc, bc_diags *d)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"), strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", _("this is a folder, not a report file"));
        return -1;
    }
    if (st.st_size == 0) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, "%s", _("the file is empty: it holds no text"));
        return -1;
    }
    int zip = S_is_zip(path, d);
    if (zip < 0)
        return -1;
    bool docx_name = S_ends_with(path, ".docx") || S_ends_with(path, ".docm") ||
                     S_ends_with(path, ".dotx");
    if (zip || docx_name) {
        bc_import_doc_init(doc, path, 0);
        return bc_import_docx_read(path, doc, d);
    }
    bc_import_doc_init(doc, path, 1);
    return bc_import_text_read(path, doc, d);
}

int bc_import_run_file(const bc_import_run_opts *o, char **written, bc_diags *d,
                       bc_diags *review)
{
    *written = NULL;
    char *out_path = o->output ? strdup(o->output) : bc_path_ext_replace(o->input, ".yaml");
    struct stat st;
    if (!o->output && stat(out_path, &st) == 0) {
        S_exists(out_path, d);
        free(out_path);
        return -1;
    }
    bc_import_doc doc;
    memset(&doc, 0, sizeof doc);
    if (S_read(o->input, &doc, d) != 0) {
        bc_import_doc_free(&doc);
        free(out_path);
        return -1;
    }
    bc_import_report r;
    bc_import_report_init(&r);
    if (bc_import_recognise(&doc, o->ky_sau, &r, d) != 0) {
        bc_import_report_free(&r);
        bc_import_doc_free(&doc);
        free(out_path);
        return -1;
    }
    bc_buf yaml = BC_BUF_INIT;
    bc_import_yaml_write(&r, o->input, &yaml);
    bc_import_report_free(&r);
    bc_import_doc_free(&doc);
    /* the default output is checked again as it is published: never a
     * file that appeared while the input was read */
    int rc = o->output ? bc_file_write_atomic(out_path, yaml.data, yaml.len, d)
                       : bc_file_write_atomic_new(out_path, yaml.data, yaml.len, d);
    if (rc == 1)
        S_exists(out_path, d);
    if (rc == 0) {
        /* the review of what was written, as `baocao check` gives it */
        bc_arena a = BC_ARENA_INIT;
        const char *name = strcmp(out_path, "-") == 0 ? "<stdout>" : out_path;
        bc_node *root = bc_yaml_load_mem(&a, name, yaml.data, yaml.len, review);
        if (root)
            bc_check_input(&a, root, review);
        bc_arena_free(&a);
        *written = out_path;
    } else {
        free(out_path);
    }
    bc_buf_free(&yaml);
    return rc == 0 ? 0 : -1;
}
