/*
 * wml_regions.h - which top-level elements of a template part the tree
 * passes (wml_fixup.h, and the host's layout, wml_host.h) must see after
 * rendering.
 *
 * Most of a rendered part is text the passes leave as it is, so the plan
 * marks the children of w:body (the main part) or of the root (headers,
 * footers) that the passes may change: a paragraph the layout measures or
 * sizes (by its style's role, as the host says), the paragraphs a rule
 * measures, and a table whose sections or block paragraphs could leave a
 * row without cells, a table without rows or a cell without a closing
 * paragraph. A paragraph-level section at the top level is kept whole
 * inside or outside a region. The compiler writes BC_MARK_REGION_OPEN
 * before and BC_MARK_REGION_CLOSE after each run of marked elements
 * (wml_markers.h); the renderer parses only the text between them. When
 * the part holds ids the fixup pass renumbers (drawings, bookmarks,
 * comments, paragraph ids, content controls, VML shapes, note references)
 * and may repeat them, the whole part is parsed.
 */
#ifndef BC_WML_REGIONS_H
#define BC_WML_REGIONS_H

#include "wml/wml_host.h"
#include "wml/wml_scan.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>


typedef struct bc_region_plan {
    xmlNodePtr top;     /* w:body of the main part, else the root */
    xmlNodePtr *kids;   /* top's element children, in order */
    bool *in;           /* kids[i] belongs to a region */
    size_t count;
    bool any;           /* some kid does */
} bc_region_plan;

/* True when the part holds an element whose id the fixup pass renumbers
 * when rendering repeats it. */
bool bc_wml_regions_has_ids(const xmlNode *root);

/* Plans the regions of a scanned and bound part (bc_wml_scan_bind) whose
 * root element is root: `main` for the main document (its regions are
 * children of w:body), `layout` the host's role of a paragraph style
 * (NULL: no layout pass), `fixup` when its loops may repeat or empty
 * tables, `once` the host's block tags that always give one paragraph
 * (wml_host.h's block_once; NULL: none). Returns 0 with the plan filled, or -1 when the main part has no
 * w:body (the plan is empty then and the whole part must be parsed). */
int bc_wml_regions_plan_make(bc_region_plan *pl, const bc_scan *s,
                             xmlNodePtr root, bool main,
                             bc_wml_layout_role (*layout)(const char *role),
                             bool fixup, bool (*once)(const char *name));
/* Inside a region: true for a table's borders, look and grid, which no
 * tree pass reads. The compiler keeps such an element out of the parsed
 * text (BC_MARK_KEEP_PI "N?>" in its place, put back after the passes),
 * which makes the parse of the heading table a third shorter. */
bool bc_wml_regions_unread(const xmlNode *n);
/* Whether kids[i] opens (first of a run) or closes (last of a run) a
 * region; false for a node that is not one of the kids. */
bool bc_wml_regions_opens(const bc_region_plan *pl, const xmlNode *kid);
bool bc_wml_regions_closes(const bc_region_plan *pl, const xmlNode *kid);
void bc_wml_regions_plan_free(bc_region_plan *pl);

#endif
