/*
 * signature_wml.c - the signature space and the name of a rendered
 * report: their bookmarks, the signature and the seal as floating
 * drawings, the images as parts of the package (see signature_wml.h).
 *
 * Geometry (EMU: 635 a twip, 36,000 a millimetre). The space is W wide
 * (the text width of its column: the built-in template's signer cell,
 * 5670 twips less 2 x 57 of cell margins, is 5556 twips, 3,528,060 EMU)
 * and H high (its paragraph's fixed line height: KhoangKy's 1531 twips,
 * 972,185 EMU). The signature, w x h in its own proportions (pixels, or
 * pixels over the pHYs resolution when the file gives one), is scaled to
 * fit the space: cx = W and cy = W h / w when w H >= W h, else cy = H and
 * cx = H w / h; it sits at ((W - cx) / 2, (H - cy) / 2) from the column's
 * left edge and the paragraph's top. The seal (its real size from
 * signature.c) has its right edge a third of the way into the signature
 * and its middle at the signature's middle: x = sx + cx / 3 - seal_cx
 * (at least 0: it stays in the signer's column), y = sy + cy / 2 -
 * seal_cy / 2 (negative: above the space's top, over the title lines, as
 * a stamped seal is). Without a signature the space itself takes its
 * place.
 */
#include "report/signature_wml.h"
#include "base/buf.h"
#include "base/xalloc.h"
#include "package/opc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BC_EMU_PER_TWIP 635
/* A4 less Decree 30's margins, when a paragraph's column is unknown. */
#define BC_PAGE_TEXT_TWIPS 9354

#define BC_REL_IMAGE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"

static const char *const S_id_stem[2] = {"rIdBaocaoChuKy", "rIdBaocaoConDau"};
static const char *const S_file_stem[2] = {"baocao-chu-ky", "baocao-con-dau"};
static const char *const S_shown_name[2] = {"Chữ ký", "Con dấu"};

static const bc_png_file *S_png(const bc_signature *s, int i)
{
    return i == 0 ? s->chu_ky : s->con_dau;
}

/* True when the bytes hold needle. */
static bool S_holds(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++)
        if (p[i] == (unsigned char)needle[0] && memcmp(p + i, needle, k) == 0)
            return true;
    return false;
}

/* True when a relationships part has a relationship with this id. */
static bool S_has_id(const bc_part *rels, const char *id)
{
    if (!rels)
        return false;
    char dq[64], sq[64];
    snprintf(dq, sizeof dq, "Id=\"%s\"", id);
    snprintf(sq, sizeof sq, "Id='%s'", id);
    return S_holds(rels->data, rels->len, dq) || S_holds(rels->data, rels->len, sq);
}

void bc_signature_wml_begin(bc_signature_use *u, const bc_signature *sig,
                            const bc_package *tpl, const char *main_part)
{
    memset(u, 0, sizeof *u);
    u->sig = sig;
    if (!sig || !tpl || !main_part)
        return;
    char *rels_name = bc_opc_rels_name(main_part);
    const bc_part *rels = bc_package_find(tpl, rels_name);
    free(rels_name);
    const char *slash = strrchr(main_part, '/');
    int dir = slash ? (int)(slash - main_part + 1) : 0;
    for (int i = 0; i < 2; i++) {
        /* a template made from a report that had images already has
         * these: the next free number */
        for (unsigned k = 1;; k++) {
            if (k == 1) {
                snprintf(u->rid[i], sizeof u->rid[i], "%s", S_id_stem[i]);
                snprintf(u->part[i], sizeof u->part[i], "%.*smedia/%s.png", dir, main_part,
                         S_file_stem[i]);
            } else {
                snprintf(u->rid[i], sizeof u->rid[i], "%s%u", S_id_stem[i], k);
                snprintf(u->part[i], sizeof u->part[i], "%.*smedia/%s-%u.png", dir,
                         main_part, S_file_stem[i], k);
            }
            if (!S_has_id(rels, u->rid[i]) && !bc_package_find(tpl, u->part[i]))
                break;
        }
    }
}

static void S_int(bc_buf *out, int64_t v)
{
    if (v < 0) {
        bc_buf_putc(out, '-');
        v = -v;
    }
    bc_buf_put_uint(out, (unsigned long long)v, 0);
}

/* One image floating in front of the text, placed from the left edge of
 * the column and the top of the paragraph (EMU); z orders the two. */
static void S_anchor(bc_buf *out, unsigned long id, int i, const bc_signature_use *u,
                     int64_t x, int64_t y, int64_t cx, int64_t cy, unsigned long z)
{
    bc_buf_puts(out, "<w:r><w:rPr><w:noProof/></w:rPr><w:drawing>"
                     "<wp:anchor xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/"
                     "wordprocessingDrawing\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\" "
                     "simplePos=\"0\" relativeHeight=\"");
    bc_buf_put_uint(out, z, 0);
    bc_buf_puts(out, "\" behindDoc=\"0\" locked=\"0\" layoutInCell=\"1\" allowOverlap=\"1\">"
                     "<wp:simplePos x=\"0\" y=\"0\"/>"
                     "<wp:positionH relativeFrom=\"column\"><wp:posOffset>");
    S_int(out, x);
    bc_buf_puts(out, "</wp:posOffset></wp:positionH>"
                     "<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>");
    S_int(out, y);
    bc_buf_puts(out, "</wp:posOffset></wp:positionV><wp:extent cx=\"");
    S_int(out, cx);
    bc_buf_puts(out, "\" cy=\"");
    S_int(out, cy);
    bc_buf_puts(out, "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:wrapNone/>"
                     "<wp:docPr id=\"");
    bc_buf_put_uint(out, id, 0);
    bc_buf_puts(out, "\" name=\"");
    bc_buf_puts(out, S_shown_name[i]);
    bc_buf_puts(out, "\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks "
                     "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
                     "noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
                     "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">"
                     "<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/"
                     "picture\"><pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/"
                     "drawingml/2006/picture\"><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"");
    bc_buf_puts(out, strrchr(u->part[i], '/') + 1);
    bc_buf_puts(out, "\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip xmlns:r=\""
                     "http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
                     "r:embed=\"");
    bc_buf_puts(out, u->rid[i]);
    bc_buf_puts(out, "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr>"
                     "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"");
    S_int(out, cx);
    bc_buf_puts(out, "\" cy=\"");
    S_int(out, cy);
    bc_buf_puts(out, "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                     "</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:anchor>"
                     "</w:drawing></w:r>");
}

/* The signature and the seal in the space of block b. */
static void S_images(bc_signature_use *u, bc_wml_render_block *b, bc_buf *out)
{
    const bc_signature *s = u->sig;
    double width = bc_wml_render_block_width(b);
    int line = bc_wml_render_block_line(b);
    int64_t W = (int64_t)llround(width > 0 ? width : BC_PAGE_TEXT_TWIPS) * BC_EMU_PER_TWIP;
    int64_t H = (int64_t)(line > 0 ? line : BC_SIGNATURE_WML_SPACE_HEIGHT) * BC_EMU_PER_TWIP;
    /* the signature's box: the whole space when there is no signature */
    int64_t sx = 0, sy = 0, cx = W, cy = H;
    if (s->chu_ky) {
        const bc_png_file *p = s->chu_ky;
        double w = p->ppm_x ? (double)p->width / p->ppm_x : p->width;
        double h = p->ppm_y ? (double)p->height / p->ppm_y : p->height;
        if (w * (double)H >= (double)W * h) {
            cx = W;
            cy = (int64_t)llround((double)W * h / w);
        } else {
            cy = H;
            cx = (int64_t)llround((double)H * w / h);
        }
        sx = (W - cx) / 2;
        sy = (H - cy) / 2;
        S_anchor(out, bc_wml_render_block_fresh_id(b), 0, u, sx, sy, cx, cy, 251659264);
    }
    if (s->con_dau) {
        int64_t x = sx + cx / 3 - s->seal_cx;
        int64_t y = sy + cy / 2 - s->seal_cy / 2;
        S_anchor(out, bc_wml_render_block_fresh_id(b), 1, u, x > 0 ? x : 0, y, s->seal_cx,
                 s->seal_cy, 251660288);
    }
    u->placed = true;
}

int bc_signature_wml_space(bc_wml_render_block *b)
{
    if (!bc_wml_render_block_in_main(b) || !bc_wml_render_block_splits(b))
        return 0;
    bc_signature_use *u = bc_wml_render_block_host_data(b);
    bc_buf *out = bc_wml_render_block_out(b);
    bc_wml_render_block_open(b, out);
    bc_wml_render_block_bookmark(b, out, BC_SIGNATURE_WML_MARK_SPACE);
    if (u && u->sig)
        S_images(u, b, out);
    bc_wml_render_block_close(b, out);
    return 1;
}

int bc_signature_wml_name(bc_wml_render_block *b, const char *s, size_t n)
{
    if (!bc_wml_render_block_in_main(b) || !bc_wml_render_block_splits(b))
        return 0;
    bc_buf *out = bc_wml_render_block_out(b);
    bc_wml_render_block_open(b, out);
    bc_wml_render_block_bookmark(b, out, BC_SIGNATURE_WML_MARK_NAME);
    return bc_wml_render_block_value_marked(b, out, s, n, BC_SIGNATURE_WML_MARK_NAME_END) == 0
               ? 1
               : -1;
}

/* The first occurrence of needle in p[0..n) from the end, or -1. */
static long S_last(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = n >= k ? n - k + 1 : 0; i-- > 0;)
        if (memcmp(p + i, needle, k) == 0)
            return (long)i;
    return -1;
}

/* Case-insensitive: the bytes hold needle (ASCII). */
static bool S_holds_nocase(const unsigned char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; k <= n && i <= n - k; i++) {
        size_t j = 0;
        while (j < k && (p[i + j] | 0x20) == (needle[j] | 0x20))
            j++;
        if (j == k)
            return true;
    }
    return false;
}

/* `part` of tpl with `add` put before its root element's end tag
 * `</root>` (or into an empty root element), into parts; a part tpl
 * lacks is made of head, add and the end tag. */
static void S_insert(bc_package *parts, const bc_package *tpl, const char *name,
                     const char *root, const char *head, const char *add)
{
    const bc_part *p = bc_package_find(tpl, name);
    char end[48];
    snprintf(end, sizeof end, "</%s>", root);
    bc_buf b = BC_BUF_INIT;
    long at = p ? S_last(p->data, p->len, end) : -1;
    if (at >= 0) {
        bc_buf_put(&b, (const char *)p->data, (size_t)at);
        bc_buf_puts(&b, add);
        bc_buf_put(&b, (const char *)p->data + at, p->len - (size_t)at);
    } else {
        /* none, or an empty root element <Types .../> */
        char start[48];
        snprintf(start, sizeof start, "<%s", root);
        long s = p ? S_last(p->data, p->len, start) : -1;
        long close = -1;
        for (long i = s; s >= 0 && i + 1 < (long)p->len; i++)
            if (p->data[i] == '>') {
                close = p->data[i - 1] == '/' ? i - 1 : -1;
                break;
            }
        if (close >= 0) {
            bc_buf_put(&b, (const char *)p->data, (size_t)close);
            bc_buf_putc(&b, '>');
            bc_buf_puts(&b, add);
            bc_buf_puts(&b, end);
            bc_buf_put(&b, (const char *)p->data + close + 2, p->len - (size_t)close - 2);
        } else {
            bc_buf_puts(&b, head);
            bc_buf_puts(&b, add);
            bc_buf_puts(&b, end);
        }
    }
    bc_package_set(parts, name, b.data ? b.data : "", b.len);
    bc_buf_free(&b);
}

void bc_signature_wml_package(const bc_signature_use *u, const bc_package *tpl,
                              const char *main_part, bc_package *parts)
{
    if (!u->placed || !u->sig)
        return;
    const char *slash = strrchr(main_part, '/');
    size_t dir = slash ? (size_t)(slash - main_part + 1) : 0;
    bc_buf rels = BC_BUF_INIT;
    for (int i = 0; i < 2; i++) {
        const bc_png_file *png = S_png(u->sig, i);
        if (!png)
            continue;
        unsigned char *copy = bc_xmalloc(png->len ? png->len : 1);
        memcpy(copy, png->bytes, png->len);
        bc_package_put_stored(parts, u->part[i], copy, png->len);
        bc_buf_printf(&rels, "<Relationship Id=\"%s\" Type=\"" BC_REL_IMAGE "\" Target=\"%s\"/>",
                      u->rid[i], u->part[i] + dir);
    }
    char *rels_name = bc_opc_rels_name(main_part);
    S_insert(parts, tpl, rels_name, "Relationships",
             "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
             "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\">",
             bc_buf_cstr(&rels));
    free(rels_name);
    bc_buf_free(&rels);
    const bc_part *types = bc_package_find(tpl, "[Content_Types].xml");
    if (!types || !(S_holds_nocase(types->data, types->len, "Extension=\"png\"") ||
                    S_holds_nocase(types->data, types->len, "Extension='png'")))
        S_insert(parts, tpl, "[Content_Types].xml", "Types",
                 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                 "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                 "content-types\">",
                 "<Default Extension=\"png\" ContentType=\"image/png\"/>");
}
