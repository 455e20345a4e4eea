/*
 * render.c - one prepared report into .docx bytes (see render.h).
 */
#include "app/render.h"
#include "input/node_view.h"
#include "package/docprops.h"
#include "report/signature_wml.h"
#include "wml/wml_render.h"

void bc_render_date(const bc_report *r, int *y, int *m, int *d)
{
    *y = r->year ? r->year : r->period_year;
    *m = r->year ? r->month : 1;
    *d = r->year ? r->day : 1;
    if (*y <= 0) {
        *y = 1980;
        *m = *d = 1;
    }
}

size_t bc_render_appendices(const bc_report *r)
{
    const bc_node *list = bc_node_get(r->data, "phu_luc");
    return list && list->kind == BC_LIST ? list->count : 0;
}

int bc_render_parts(const bc_wml_template *tpl, const bc_report *r,
                    const bc_render_opts *opts, bc_package *parts, bc_diags *d)
{
    /* the signature space writes the report's images, if any, and says
     * so: then they are added to the package */
    bc_signature_use use;
    bc_signature_wml_begin(&use, r->signature, bc_wml_template_package(tpl),
                           bc_wml_template_main_part(tpl));
    bc_wml_render_opts ro = {opts && opts->lenient, &use};
    if (bc_wml_render(tpl, &bc_node_view, r->data, &ro, parts, d) != 0)
        return -1;
    if (use.placed)
        bc_signature_wml_package(&use, bc_wml_template_package(tpl),
                                 bc_wml_template_main_part(tpl), parts);
    int y, m, dd;
    bc_render_date(r, &y, &m, &dd);
    bc_docprops_set(parts, bc_wml_template_core_part(tpl), r->title, r->creator, y, m, dd);
    return 0;
}

static int S_level(const bc_render_opts *opts)
{
    return opts && opts->deflate_level ? opts->deflate_level : BC_DEFLATE_LEVEL;
}

void bc_render_deflate(const bc_render_opts *opts, bc_package *parts)
{
    bc_package_deflate(parts, S_level(opts));
}

int bc_render_pack(const bc_wml_template *tpl, const bc_report *r,
                   const bc_render_opts *opts, const bc_package *parts,
                   bc_buf *out, bc_diags *d)
{
    int y, m, dd;
    bc_render_date(r, &y, &m, &dd);
    int level = S_level(opts);
    size_t zlen;
    const unsigned char *zip = bc_wml_template_base_zip(tpl, &zlen);
    return bc_package_write_over(bc_wml_template_package(tpl), zip, zlen, parts,
                                 (bc_zip_date){y < 1980 ? 1980 : y, y ? m : 1, y ? dd : 1},
                                 level, out, d);
}

int bc_render_docx(const bc_wml_template *tpl, const bc_report *r,
                   const bc_render_opts *opts, bc_buf *out, bc_diags *d)
{
    bc_package parts = BC_PACKAGE_INIT;
    int rc = bc_render_parts(tpl, r, opts, &parts, d);
    if (rc == 0)
        rc = bc_render_pack(tpl, r, opts, &parts, out, d);
    bc_package_free(&parts);
    return rc;
}
