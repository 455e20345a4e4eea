/*
 * template.c - the report's templates and the report as the template
 * engine's host (see template.h).
 */
#include "report/template.h"
#include "base/i18n.h"
#include "base/xalloc.h"
#include "package/embedded.h"
#include "report/appendix_wml.h"
#include "report/body_wml.h"
#include "report/layout.h"
#include "report/signature_wml.h"

#include <stdlib.h>
#include <string.h>

/* Styles a clerk's template gets from the built-in one when it lacks them:
 * the body's blocks, its tables (the table style and its cells'
 * paragraphs), the head of an appendix, and the rules (an empty paragraph
 * in DuongKe). */
static const char *const S_imported_styles[] = {
    "NoiDung", "PhanLon", "MucTieuDe", "Muc", "MucNhoTieuDe", "MucNho",
    "Diem", "GachDau", "DauCong", "BangChu", "BangSoLieu", "PhuLucSo",
    "PhuLucTen", "PhuLucKemTheo", BC_STYLE_RULE, BC_STYLE_RULE_FULL, NULL};

/* A template's state: the style of each body block kind, and of an
 * appendix's head. */
typedef struct tpl_state {
    bc_body_wml_styles body;
    bc_appendix_wml_styles appendix;
} tpl_state;

static void *S_bind(const bc_styles *styles)
{
    tpl_state *st = bc_xcalloc(1, sizeof *st);
    bc_body_wml_styles_load(&st->body, styles);
    bc_appendix_wml_styles_load(&st->appendix, styles);
    return st;
}

static void S_unbind(void *state)
{
    tpl_state *st = state;
    bc_body_wml_styles_free(&st->body);
    bc_appendix_wml_styles_free(&st->appendix);
    free(st);
}

/* What follows the body keeps with the signature; the appendices, after
 * the report, whatever the template. */
static int S_finish_main(void *state, bc_buf *xml, const void *root, double page_text,
                         bc_diags *d)
{
    tpl_state *st = state;
    bc_body_wml_keep_with_next(xml);
    return bc_appendix_wml_finish(&st->appendix, &st->body, xml, root, page_text, d);
}

/* The body `noi_dung`, one paragraph per markup block; the signature
 * space (its bookmark, the signature and seal images) and the signer's
 * name (its bookmark), signature_wml.h; other values as they are. */
static int S_block_text(void *state, bc_wml_render_block *b, const char *name,
                        const char *s, size_t n)
{
    if (strcmp(name, "noi_dung") == 0)
        return bc_body_wml_write(&((tpl_state *)state)->body, b, s, n) == 0 ? 1 : -1;
    if (strcmp(name, BC_SIGNATURE_WML_SPACE) == 0)
        return bc_signature_wml_space(b);
    if (strcmp(name, BC_SIGNATURE_WML_NAME) == 0)
        return bc_signature_wml_name(b, s, n);
    return 0;
}

static bool S_block_once(const char *name)
{
    return strcmp(name, BC_SIGNATURE_WML_SPACE) == 0 || strcmp(name, BC_SIGNATURE_WML_NAME) == 0;
}

static void S_layout_tree(void *state, xmlNodePtr root, const bc_styles *styles)
{
    (void)state;
    bc_layout_tree(root, styles);
}

static void S_layout_children(void *state, xmlNodePtr parent,
                              const bc_styles *styles, double page_text)
{
    (void)state;
    bc_layout_children(parent, styles, page_text);
}

const bc_wml_host bc_template_host = {
    .style_source = bc_embedded_bao_cao,
    .imported_styles = S_imported_styles,
    .bind = S_bind,
    .unbind = S_unbind,
    .block_text = S_block_text,
    .block_once = S_block_once,
    .layout_role = bc_layout_role,
    .page_text_width = bc_layout_page_text_width,
    .layout_tree = S_layout_tree,
    .layout_children = S_layout_children,
    .finish_main = S_finish_main,
};

bc_wml_template *bc_template_compile(const bc_package *pkg, const char *name,
                                     bc_diags *d, bc_tpl_info *info)
{
    return bc_wml_template_compile_info(pkg, name, &bc_template_host, d, info);
}

bc_wml_template *bc_template_load(const char *path, bc_diags *d)
{
    bc_package pkg = BC_PACKAGE_INIT;
    const char *name = path;
    if (path) {
        if (bc_package_read_file(&pkg, path, d) != 0) {
            bc_package_free(&pkg);
            return NULL;
        }
    } else {
        bc_package_from_embedded(&pkg, bc_embedded_bao_cao);
        name = "(built-in template " BC_BUILTIN_TEMPLATE ")";
    }
    bc_wml_template *t = bc_template_compile(&pkg, name, d, NULL);
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
    bc_package_from_embedded(&pkg, bc_embedded_bao_cao);
    int rc = bc_package_write(&pkg, (bc_zip_date){2024, 1, 1}, 6, out, d);
    bc_package_free(&pkg);
    return rc;
}
