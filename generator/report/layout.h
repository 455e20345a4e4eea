/*
 * layout.h - the Decree 30 layout pass run on a rendered main document
 * part (the report's host of the template engine runs it, template.c).
 *
 * Decree 30 sizes some lines by the text around them, which only exists
 * after rendering, and tags cannot live in attributes, so the template
 * marks those places with paragraph styles and this pass measures the
 * text with Times New Roman metrics (font_metrics.h) and sets the
 * geometry:
 *  - DuongKe: an empty paragraph whose bottom border is a rule 2/5 of the
 *    longest line of the paragraphs right above it that share one style
 *    (the agency name, the summary): within the decree's 1/3 to 1/2;
 *  - DuongKeDai: the same, as long as that line (the Tiêu ngữ rule);
 *  - CoQuan: the agency name is split into paragraphs after a generic
 *    head ("ỦY BAN NHÂN DÂN" / "XÃ CẨM VŨ", as Decree 30 practice writes
 *    it), and a name too wide for its cell into balanced lines;
 *  - CoQuanChuQuan: the parent line is split only when too wide;
 *  - TrichYeu: a summary wider than the page is split into balanced lines.
 * The rule indents are (width of the cell - rule length) / 2 each side.
 */
#ifndef BC_WML_LAYOUT_H
#define BC_WML_LAYOUT_H

#include "wml/wml_host.h"
#include "wml/wml_styles.h"

#include <libxml/tree.h>

#define BC_STYLE_RULE "DuongKe"
#define BC_STYLE_RULE_FULL "DuongKeDai"
#define BC_STYLE_AGENCY "CoQuan"
#define BC_STYLE_PARENT_AGENCY "CoQuanChuQuan"
#define BC_STYLE_SUMMARY "TrichYeu"
#define BC_RULE_RATIO 0.4

/* Lays out a rendered main document part, parsed (its root element); the
 * renderer serializes it afterwards. Styles are compared by role
 * (wml_styles.h). */
void bc_layout_tree(xmlNodePtr root, const bc_styles *styles);
/* The same for some children of w:body (a region, wml_regions.h) under
 * `parent`, with the page's text width given (twips). */
void bc_layout_children(xmlNodePtr parent, const bc_styles *styles,
                            double page_text);
/* The text width of the page of the last section: the page width less the
 * left and right margins of w:body's w:sectPr (A4 and Decree 30's
 * margins when absent), in twips. */
double bc_layout_page_text_width(const xmlNode *root);
/* What the pass does with a paragraph of a style playing `role`: the
 * rules are sized from the paragraphs above them; the agency lines and
 * the summary are measured and broken. */
bc_wml_layout_role bc_layout_role(const char *role);

#endif
