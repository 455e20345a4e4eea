/*
 * report_lines.h - the lines Decree 30 makes of a report's lists: the
 * recipients as "- item;" lines ending with ".", "- Như trên;" first when
 * the report has addressees; "Kính gửi:" with one addressee on its line,
 * or the label and a dash line each.
 */
#ifndef BC_REPORT_LINES_H
#define BC_REPORT_LINES_H

#include "base/arena.h"
#include "input/node.h"

#include <stdbool.h>
#include <stddef.h>

/* A list item (a recipient, an addressee) as the clerk wrote it, without
 * a leading "- " and a final ";" or "." (the program adds those). */
void bc_report_lines_item_text(const bc_node *it, const char **s, size_t *n);
/* True for the item "Như trên". */
bool bc_report_lines_is_nhu_tren(const bc_node *it);
/* "- item;" lines of a text or list, the last ending with "."; with
 * nhu_tren, "- Như trên;" first. A new list in a. */
bc_node *bc_report_lines_dash(bc_arena *a, const bc_node *items, bool nhu_tren);
/* The addressee lines of kinh_gui (rendered) set in root: kinh_gui_mot
 * ("Kính gửi: X", one addressee) or kinh_gui_nhan and kinh_gui_muc (the
 * label and the dash lines, whose dashes stand under its colon), and
 * kinh_gui_dong with them all. */
void bc_report_lines_kinh_gui(bc_arena *a, bc_node *root, const bc_node *kg);

#endif
