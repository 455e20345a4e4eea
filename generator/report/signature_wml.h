/*
 * signature_wml.h - the signature block of a rendered report: the block
 * paragraph `{{nguoi_ky.khoang_ky}}` (the signature space; the built-in
 * template's empty KhoangKy paragraph between the title lines and the
 * name) and `{{nguoi_ky.ho_ten}}` (the name), as the report's host writes
 * them (template.c):
 *  - a bookmark `ChuKy` at the start of the signature space and one
 *    `HoTenKy` at the start of the name, always (a PDF signature field is
 *    placed by them; LibreOffice exports them as named destinations);
 *  - in the signature space, when the report names them
 *    (signature.h), the signature scaled into the space (its column's
 *    width by its fixed line height), centred, its aspect ratio kept; and
 *    the seal at its real size, its right part over the left third of
 *    the signature (Decree 30 Appendix I), vertically centred on it; both
 *    floating in front of the text (wp:anchor, wrapNone), so that the
 *    page's layout is the same as without them;
 *  - the images then embedded unchanged as parts of the package
 *    (word/media/baocao-chu-ky.png, baocao-con-dau.png), with their
 *    relationships and the png content type.
 */
#ifndef BC_SIGNATURE_WML_H
#define BC_SIGNATURE_WML_H

#include "package/package.h"
#include "report/signature.h"
#include "wml/wml_render.h"

#include <stdbool.h>

/* The block tags the host writes. */
#define BC_SIGNATURE_WML_SPACE "nguoi_ky.khoang_ky"
#define BC_SIGNATURE_WML_NAME "nguoi_ky.ho_ten"
/* The bookmarks. */
#define BC_SIGNATURE_WML_MARK_SPACE "ChuKy"
#define BC_SIGNATURE_WML_MARK_NAME "HoTenKy"
/* ...and at its end: the name is centred, so the two give the centre of
 * the signer's column (pdf/pdf_field.h). */
#define BC_SIGNATURE_WML_MARK_NAME_END "HoTenKyHet"
/* The signature space's height when its paragraph has no fixed line
 * height (twips): the built-in template's KhoangKy, 2.7 cm. */
#define BC_SIGNATURE_WML_SPACE_HEIGHT 1531

/* One rendering's use of a report's images, the host data of
 * bc_wml_render (app/render.c): each image's relationship id and part
 * name in the template's package, and whether the signature space placed
 * them. */
typedef struct bc_signature_use {
    const bc_signature *sig; /* NULL: no image */
    char rid[2][40];         /* [0] the signature's, [1] the seal's */
    char part[2][80];
    bool placed;
} bc_signature_use;

/* Makes u ready for a rendering of a report with images sig (may be
 * NULL) through a template whose package is tpl (main part main_part):
 * relationship ids and part names the package does not have yet. */
void bc_signature_wml_begin(bc_signature_use *u, const bc_signature *sig,
                            const bc_package *tpl, const char *main_part);
/* The block paragraphs: the signature space, and the name with value
 * s[0..n). Return 1 when written, 0 to leave the block to the default, -1
 * after a diagnostic (wml_host.h's block_text). */
int bc_signature_wml_space(bc_wml_render_block *b);
int bc_signature_wml_name(bc_wml_render_block *b, const char *s, size_t n);
/* After a rendering that placed images (u->placed): the images, the main
 * part's relationships and the content types added to `parts` (the parts
 * written over the template's package). */
void bc_signature_wml_package(const bc_signature_use *u, const bc_package *tpl,
                              const char *main_part, bc_package *parts);

#endif
