/*
 * body_wml.c - the report body as paragraphs (see body_wml.h).
 */
#include "report/body_wml.h"
#include "base/xalloc.h"

#include <string.h>

const char *const bc_body_wml_style_ids[BC_BLK_KIND_COUNT] = {
    [BC_BLK_PARAGRAPH] = "NoiDung",
    [BC_BLK_PART] = "PhanLon",
    [BC_BLK_ITEM_TITLE] = "MucTieuDe",
    [BC_BLK_ITEM] = "Muc",
    [BC_BLK_SUBITEM_TITLE] = "MucNhoTieuDe",
    [BC_BLK_SUBITEM] = "MucNho",
    [BC_BLK_POINT] = "Diem",
    [BC_BLK_DASH] = "GachDau",
    [BC_BLK_PLUS] = "DauCong",
};

void bc_body_wml_styles_load(bc_body_wml_styles *bs, const bc_styles *styles)
{
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++) {
        const char *id = bc_wml_styles_role_id(styles, bc_body_wml_style_ids[k]);
        bs->ids[k] = bc_xstrdup(id ? id : bc_body_wml_style_ids[k]);
    }
}

void bc_body_wml_styles_free(bc_body_wml_styles *bs)
{
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++)
        free(bs->ids[k]);
    memset(bs, 0, sizeof *bs);
}

int bc_body_wml_write(const bc_body_wml_styles *bs, bc_wml_render_block *bl,
                      const char *text, size_t len)
{
    bc_buf *out = bc_wml_render_block_out(bl);
    bc_body body;
    bc_body_markup_parse(text, len, &body);
    /* the text and, a paragraph, its style and run markup */
    bc_buf_reserve(out, len + body.count * 160);
    int status = 0;
    for (size_t i = 0; i < body.count; i++) {
        const bc_block *b = &body.blocks[i];
        bc_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"");
        bc_buf_puts(out, bs->ids[b->kind]);
        bc_buf_puts(out, i + 2 >= body.count ? "\"/><w:keepNext/></w:pPr>"
                                             : "\"/></w:pPr>");
        size_t pos = 0;
        for (size_t k = 0; k < b->span_count; k++) {
            const bc_span *sp = &b->spans[k];
            status |= bc_wml_render_block_run(bl, out, b->text + pos,
                                              sp->start - pos, false, false);
            status |= bc_wml_render_block_run(bl, out, b->text + sp->start,
                                              sp->len, sp->bold, sp->italic);
            pos = sp->start + sp->len;
        }
        status |= bc_wml_render_block_run(bl, out, b->text + pos, b->len - pos,
                                          false, false);
        bc_buf_puts(out, "</w:p>");
    }
    bc_body_markup_free(&body);
    return status ? -1 : 0;
}
