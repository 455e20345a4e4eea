/*
 * wml_fixup.h - the invariants of a rendered part whose sections repeated
 * or removed structure (docxtemplater's "join-uncorrupt", generalised):
 *  - a table row with no cell, and a table with no row, are dropped;
 *  - every table cell ends with a paragraph (an empty one is added when a
 *    loop emptied the cell or left it ending with a table);
 *  - ids that must be unique are unique: drawing ids (wp:docPr/@id),
 *    bookmarks (w:id renumbered with its end, names suffixed), content
 *    controls (w:sdtPr/w:id) and VML shapes (@id and o:spid, with the
 *    o:OLEObject/@ShapeID naming the shape; not shape types, which shapes
 *    name) in repeated content get fresh ids above every drawing, bookmark
 *    and shape id of the template; repeated w14:paraId/textId are
 *    dropped; a repeated comment anchor is kept once;
 *  - each repeated footnote or endnote reference gets a note of its own:
 *    a fresh note id (above every note id of the template), and a copy of
 *    the note under that id in the notes part (the note as rendered: its
 *    tags are rendered once, against the top of the data, like every tag
 *    of that part).
 * Elements it adds are empty or copies, so no property order is at stake.
 */
#ifndef BC_WML_FIXUP_H
#define BC_WML_FIXUP_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* The kinds of notes, and their parts' root elements. */
typedef enum bc_wml_note_kind {
    BC_NOTE_NONE = -1,
    BC_NOTE_FOOT = 0, /* w:footnotes, w:footnote, w:footnoteReference */
    BC_NOTE_END,      /* w:endnotes, w:endnote, w:endnoteReference */
    BC_NOTE_KINDS
} bc_wml_note_kind;

/* A note to copy: note `from` of its part as note `to`. */
typedef struct bc_wml_note_copy {
    bc_wml_note_kind kind;
    char *from;
    unsigned long to;
} bc_wml_note_copy;

/* Ids seen so far in one rendered document (all its parts). */
typedef struct bc_wml_ids {
    unsigned long next;      /* the next fresh id */
    unsigned long *nums;     /* open-addressing set of (kind, id) keys */
    size_t num_cap, num_count;
    char **names;            /* open-addressing set of bookmark names */
    size_t name_cap, name_count;
    /* notes: the next fresh footnote and endnote id, and the copies a
     * repeated reference asks of the notes parts */
    unsigned long next_note[BC_NOTE_KINDS];
    struct bc_wml_note_copy *copies;
    size_t copy_count, copy_cap;
} bc_wml_ids;

/* first_free: an id above every drawing, bookmark and VML shape id of
 * the template (content control ids are made unique among themselves); first_note[k]: above every note id of
 * kind k (bc_wml_note_kind), or 0 when there is none. */
void bc_wml_fixup_ids_init(bc_wml_ids *ids, unsigned long first_free,
                           const unsigned long first_note[BC_NOTE_KINDS]);
void bc_wml_fixup_ids_free(bc_wml_ids *ids);

/* For what a renderer writes itself (a host's drawing or bookmark,
 * wml_render.h): an id above every id of the template and every fresh one
 * given so far; and a bookmark name unique in the document, `name` or,
 * when taken, `name_2`, `name_3`... (malloc'd), recorded as taken. */
unsigned long bc_wml_fixup_fresh_id(bc_wml_ids *ids);
char *bc_wml_fixup_bookmark_name(bc_wml_ids *ids, const char *name);

/* Applies the invariants to a parsed part (its root element). */
void bc_wml_fixup(xmlNodePtr root, bc_wml_ids *ids);
/* Only the table invariants, under n: for a part without ids to renumber
 * (wml_regions.h). */
void bc_wml_fixup_tables(xmlNodePtr n);

/* The largest drawing, bookmark or VML shape (o:spid) id in a part (0
 * when none). */
unsigned long bc_wml_fixup_max_id(const xmlNode *root);
/* Raises max[k] to the largest note id of kind k in a part: its notes, or
 * its references to them. */
void bc_wml_fixup_max_notes(const xmlNode *root, unsigned long max[BC_NOTE_KINDS]);
/* The kind of notes a part's root element holds (BC_NOTE_NONE when it is
 * no notes part). */
bc_wml_note_kind bc_wml_fixup_notes_kind(const xmlNode *root);
/* True when the rendered main part asked copies of notes of kind k. */
bool bc_wml_fixup_notes_wanted(const bc_wml_ids *ids, bc_wml_note_kind k);
/* Adds to a notes part (root: w:footnotes or w:endnotes) the copies of its
 * notes the main part asked, in the order asked, and makes the ids inside
 * them unique: over the whole part when `whole` (its own ids were not
 * seen yet), else over the copies only. */
void bc_wml_fixup_notes(xmlNodePtr root, bc_wml_ids *ids, bool whole);

#endif
