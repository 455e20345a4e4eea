/*
 * template_check.h - a template's tags against one report's data, for
 * `baocao template check TEMPLATE.docx DATA.yaml`:
 *  - every name the template uses that the data lacks (T012): an error
 *    for a value (rendering would fail), a note for a section (its
 *    content is left out), with a suggestion when a key differs only in
 *    accents or case; a name is looked up as mustache would, in the items
 *    of the sections around it first;
 *  - every key of the data that no tag uses (T013, a warning), counting
 *    the keys the program derives from (so_ky_hieu uses so...), the keys
 *    it always uses (ngay, trich_yeu...) and the {{names}} inside the
 *    data's own text templates (noi_dung...).
 */
#ifndef BC_TEMPLATE_CHECK_H
#define BC_TEMPLATE_CHECK_H

#include "base/diag.h"
#include "input/node.h"
#include "wml/wml_template.h"

/* input: the YAML as read (its keys and their lines); data: the same with
 * the derived keys (bc_report_prepare), or input when preparing failed.
 * Adds findings to d; returns the number of errors and warnings added. */
size_t bc_template_check_data(const bc_tpl_info *info, const char *tpl_name,
                              const bc_node *input, const bc_node *data,
                              bc_diags *d);

#endif
