/*
 * node_view.h - the mustache data interface over the bc_node tree.
 *
 * Scalars interpolate as written ("5.120" stays "5.120"), booleans as
 * "true"/"false", null as "". A scalar is truthy (an empty string too, as
 * the tree only holds strings the clerk wrote); null and false are falsey.
 */
#ifndef BC_MUSTACHE_MODEL_H
#define BC_MUSTACHE_MODEL_H

#include "input/node.h"
#include "mustache/mustache.h"

extern const bc_mdata bc_node_view;

/* A text template applied to a tree as plain text (no escaping), appended
 * to out: a value's text templates, a file name pattern. Returns 0, or -1
 * after diagnostics in d. */
int bc_node_view_text(const bc_mtpl *t, const bc_node *root, bool lenient,
                      bc_buf *out, bc_diags *d);

#endif
