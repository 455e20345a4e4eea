/*
 * import_docx_styles.h - what the import reader takes from a clerk's
 * word/styles.xml: per style, bold, italic, all capitals (w:caps), alignment, page break before,
 * numbering (numId, ilvl) and, for a table style, its borders, each
 * resolved once through the w:basedOn chain (a cycle stops where it
 * closes; each style is resolved once, so the work stays linear), plus the document
 * defaults (w:docDefaults) and the default paragraph and table styles.
 */
#ifndef BC_IMPORT_DOCX_STYLES_H
#define BC_IMPORT_DOCX_STYLES_H

#include <libxml/tree.h>
#include <stddef.h>

/* Table border edges: top, left/start, bottom, right/end, insideH, insideV. */
#define BC_IMPORT_DOCX_EDGES 6

/* Properties as a style or direct formatting sets them: -1 when unset. */
typedef struct bc_import_docx_props {
    signed char bold, italic;
    signed char caps;              /* w:caps: shown in capitals */
    signed char align;             /* a bc_import_align */
    signed char page_break_before;
    int num_id;                    /* 0: numbering switched off */
    int ilvl;
    signed char edge[BC_IMPORT_DOCX_EDGES]; /* 1 drawn, 0 none/nil */
} bc_import_docx_props;

typedef struct bc_import_docx_style bc_import_docx_style; /* the .c file's */

typedef struct bc_import_docx_styles {
    bc_import_docx_style *v;
    size_t count;
    size_t *slots;                 /* hash of ids: index + 1, 0 empty */
    size_t n_slots;
    bc_import_docx_props defaults; /* docDefaults */
    const char *default_para;      /* id of the default paragraph style, or NULL */
    const char *default_table;     /* id of the default table style, or NULL */
} bc_import_docx_styles;

/* Every property unset. */
void bc_import_docx_styles_unset(bc_import_docx_props *p);
/* Reads a styles part (doc may be NULL: no styles). The table keeps
 * pointers into doc, which must outlive it. */
void bc_import_docx_styles_load(bc_import_docx_styles *s, xmlDocPtr doc);
void bc_import_docx_styles_free(bc_import_docx_styles *s);
/* The properties of style id with its basedOn chain applied (not the
 * defaults), or NULL for an unknown id (or id NULL). */
const bc_import_docx_props *bc_import_docx_styles_get(bc_import_docx_styles *s,
                                                      const char *id);
/* Overlays on p what an rPr (w:b, w:i, w:caps), a pPr (w:jc, w:numPr,
 * w:pageBreakBefore) or a tblPr / tcPr (w:tblBorders, w:tcBorders) sets;
 * each may be NULL. */
void bc_import_docx_styles_read_rpr(const xmlNode *rpr, bc_import_docx_props *p);
void bc_import_docx_styles_read_ppr(const xmlNode *ppr, bc_import_docx_props *p);
void bc_import_docx_styles_read_borders(const xmlNode *borders, bc_import_docx_props *p);
/* Overlays on dst every property src sets. */
void bc_import_docx_styles_overlay(bc_import_docx_props *dst, const bc_import_docx_props *src);

#endif
