/*
 * wml_fixup.h - the invariants of a rendered part whose sections repeated
 * or removed structure (docxtemplater's "join-uncorrupt", generalised):
 *  - a table row with no cell, and a table with no row, are dropped;
 *  - every table cell ends with a paragraph (an empty one is added when a
 *    loop emptied the cell or left it ending with a table);
 *  - ids that must be unique are unique: drawing ids (wp:docPr/@id) and
 *    bookmarks (w:id renumbered with its end, names suffixed) in repeated
 *    content get fresh ids above every id of the template; repeated
 *    w14:paraId/textId are dropped; a repeated comment anchor is kept once.
 * Elements it adds are empty, so no property order is at stake.
 */
#ifndef BC_WML_FIXUP_H
#define BC_WML_FIXUP_H

#include <libxml/tree.h>
#include <stddef.h>

/* Ids seen so far in one rendered document (all its parts). */
typedef struct bc_wml_ids {
    unsigned long next;      /* the next fresh id */
    unsigned long *nums;     /* open-addressing set of (kind, id) keys */
    size_t num_cap, num_count;
    char **names;            /* open-addressing set of bookmark names */
    size_t name_cap, name_count;
} bc_wml_ids;

/* first_free: an id above every drawing and bookmark id of the template. */
void bc_wml_fixup_ids_init(bc_wml_ids *ids, unsigned long first_free);
void bc_wml_fixup_ids_free(bc_wml_ids *ids);

/* Applies the invariants to a parsed part (its root element). */
void bc_wml_fixup(xmlNodePtr root, bc_wml_ids *ids);
/* Only the table invariants, under n: for a part without ids to renumber
 * (wml_regions.h). */
void bc_wml_fixup_tables(xmlNodePtr n);

/* The largest drawing or bookmark id in a part (0 when none). */
unsigned long bc_wml_fixup_max_id(const xmlNode *root);

#endif
