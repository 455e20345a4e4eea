/*
 * render.c - one report end to end, and atomic output files (see
 * render.h).
 */
#include "render.h"
#include "docprops.h"
#include "embedded.h"
#include "i18n.h"
#include "mustache_model.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bc_docx_tpl *bc_template_load(const char *path, bc_diags *d)
{
    bc_package pkg = BC_PACKAGE_INIT;
    const char *name = path;
    if (path) {
        if (bc_package_read_file(&pkg, path, d) != 0) {
            bc_package_free(&pkg);
            return NULL;
        }
    } else {
        bc_package_from_embedded(&pkg, bc_template_bao_cao);
        name = "(built-in template " BC_BUILTIN_TEMPLATE ")";
    }
    bc_docx_tpl *t = bc_docx_tpl_compile(&pkg, name, d);
    bc_package_free(&pkg);
    return t;
}

int bc_template_export(const char *name, bc_buf *out, bc_diags *d)
{
    if (name && strcmp(name, BC_BUILTIN_TEMPLATE) != 0) {
        bc_diag_add(d, BC_ERROR, NULL, 0, 0,
                    _("no built-in template named `%s` (see `baocao template "
                      "list`)"),
                    name);
        return -1;
    }
    bc_package pkg = BC_PACKAGE_INIT;
    bc_package_from_embedded(&pkg, bc_template_bao_cao);
    int rc = bc_package_write(&pkg, (bc_zip_date){2024, 1, 1}, 6, out, d);
    bc_package_free(&pkg);
    return rc;
}

int bc_render_docx(const bc_docx_tpl *tpl, const bc_report *r,
                   const bc_render_opts *opts, bc_buf *out, bc_diags *d)
{
    bc_package pkg = BC_PACKAGE_INIT;
    bc_docx_render_opts ro = {opts && opts->lenient};
    int rc = bc_docx_tpl_render(tpl, &bc_mdata_model, r->data, &ro, &pkg, d);
    if (rc == 0) {
        int y = r->year ? r->year : r->period_year;
        int m = r->year ? r->month : 1, dd = r->year ? r->day : 1;
        bc_docprops_set(&pkg, r->title, r->creator, y, m, dd);
        int level = opts && opts->deflate_level ? opts->deflate_level : 6;
        rc = bc_package_write(&pkg, (bc_zip_date){y < 1980 ? 1980 : y, y ? m : 1,
                                                  y ? dd : 1},
                              level, out, d);
    }
    bc_package_free(&pkg);
    return rc;
}

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

int bc_write_file_atomic(const char *path, const void *data, size_t len,
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
    size_t n = strlen(path);
    char *tmp = malloc(n + 16);
    if (!tmp)
        return -1;
    snprintf(tmp, n + 16, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot create: %s"),
                    strerror(errno));
        free(tmp);
        return -1;
    }
    int err = 0;
    if (S_write_all(fd, data, len) != 0)
        err = errno;
    if (fchmod(fd, 0644) != 0 && !err)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    if (!err && rename(tmp, path) != 0)
        err = errno;
    if (err) {
        unlink(tmp);
        bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot write: %s"), strerror(err));
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}
