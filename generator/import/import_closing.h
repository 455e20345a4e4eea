/*
 * import_closing.h - the end of a report read back into keys: the
 * "Nơi nhận:" list into `noi_nhan` (the "- " and ";" taken off), the
 * signature block into `nguoi_ky` (its authority and title lines, the
 * signer's name in name case); and the "Kính gửi:" block into
 * `kinh_gui`.
 */
#ifndef BC_IMPORT_CLOSING_H
#define BC_IMPORT_CLOSING_H

#include "import/import_report.h"

#include <stdbool.h>
#include <stddef.h>

/* The item of a list line as baocao wants it written: "- Lưu: VT." ->
 * "Lưu: VT" (a leading dash, a final ";", "." or ",", stars of emphasis
 * taken off), in r's arena. */
char *bc_import_closing_item(bc_import_report *r, const char *s);
/* True for "Nơi nhận:" (any case, any stars, the colon optional). */
bool bc_import_closing_is_recipients(const char *s);
/* True for the line of an authority or a title ("TM. ỦY BAN NHÂN DÂN",
 * "CHỦ TỊCH", "Phó Chủ tịch"). */
bool bc_import_closing_is_title(const char *s);

/* Reads the closing's lines (n of them, stars already removed): the
 * recipients after "Nơi nhận:", then the signature block. Lines that
 * are none of these are added to unplaced. */
void bc_import_closing_read(bc_import_report *r, const char *const *lines, size_t n,
                            bc_import_list *unplaced);

/* Reads a "Kính gửi:" block: lines[0] starts with it, the dash lines after
 * it are its items. Returns the number of lines used (0 when lines[0] is
 * not one). */
size_t bc_import_closing_addressee(bc_import_report *r, const char *const *lines,
                                   size_t n);

#endif
