/*
 * wml_styles.h - the paragraph and character styles of a template
 * (word/styles.xml), resolved through basedOn chains to the properties the
 * layout needs: bold, italic, size, numbering.
 *
 * Roles: the program's styles (NoiDung, DuongKe, CoQuan...) are the
 * built-in template's style ids. A clerk's template may carry them under
 * other ids (LibreOffice rewrites ids from style names: "Nội dung" becomes
 * "Nidung"), so a template style is matched to a built-in one by id, else
 * by name, and the built-in id is its role. A template that lacks a style
 * the program needs gets it copied from the built-in template.
 */
#ifndef BC_WML_STYLES_H
#define BC_WML_STYLES_H

#include "package/package.h"

#include <libxml/tree.h>
#include <stdbool.h>

typedef struct bc_style {
    char *id;
    char *name;             /* w:name, or NULL */
    char *role;             /* the built-in style id it plays, or NULL */
    char *based_on;
    bool paragraph;         /* w:type="paragraph" (else character/other) */
    signed char bold;       /* -1 unset, 0, 1 */
    signed char italic;
    int sz;                 /* half-points, 0 unset */
    signed char numbered;   /* -1 unset, 0 (numId 0), 1 (w:numPr) */
    /* w:spacing's line height (twips) and rule: -1 unset, else
     * BC_LINE_AUTO, BC_LINE_EXACT or BC_LINE_AT_LEAST */
    int line;
    signed char line_rule;
} bc_style;

enum { BC_LINE_AUTO = 0, BC_LINE_EXACT = 1, BC_LINE_AT_LEAST = 2 };

typedef struct bc_styles {
    bc_style *v;
    size_t count;
    char *default_para;     /* id of the default paragraph style */
    int default_sz;         /* docDefaults, half-points (20 when absent) */
    char *part;             /* styles part name, NULL when there is none */
} bc_styles;

/* Reads the styles part related to the main document. Always succeeds
 * (a package without styles gives an empty table). */
void bc_wml_styles_load(bc_styles *s, const bc_package *p, const char *main_part);
void bc_wml_styles_free(bc_styles *s);
const bc_style *bc_wml_styles_find(const bc_styles *s, const char *id);

/* Run properties in effect. */
typedef struct bc_run_props {
    bool bold, italic;
    int sz;                 /* half-points */
} bc_run_props;

/* Effective properties of run r in paragraph p: docDefaults, then the
 * paragraph style chain, then the character style, then direct w:rPr. */
bc_run_props bc_wml_styles_run_props(const bc_styles *s, const xmlNode *p,
                                 const xmlNode *r);
/* The paragraph's style id (pStyle or the default), or NULL. */
const char *bc_wml_styles_para_id(const bc_styles *s, const xmlNode *p);
/* The role of the paragraph's style (the built-in id it maps to, else its
 * own id), or NULL. */
const char *bc_wml_styles_para_role(const bc_styles *s, const xmlNode *p);
/* True when the paragraph is a list item: w:numPr on it or on its style
 * chain (a numId of 0 switches numbering off). */
bool bc_wml_styles_para_numbered(const bc_styles *s, const xmlNode *p);
/* The paragraph's line height when it is fixed (exact) or a minimum
 * (at least), in twips: from its own w:spacing, else its style chain; 0
 * when its lines take the height of their text (auto, or unset). */
int bc_wml_styles_para_line(const bc_styles *s, const xmlNode *p);

/* Gives each style of s that matches a style of ref (same id, else same
 * name) that style's id as its role. */
void bc_wml_styles_map_roles(bc_styles *s, const bc_styles *ref);
/* The id of the style of s playing `role`, or NULL. */
const char *bc_wml_styles_role_id(const bc_styles *s, const char *role);
/* Copies into pkg's styles part the styles of ref_pkg (main part
 * ref_main) named in `ids` (NULL-terminated) that pkg lacks by id and by
 * name, with the styles they are based on; creates the styles part when
 * pkg has none. Returns the number of styles copied. */
int bc_wml_styles_import(bc_package *pkg, const char *main_part,
                     const bc_package *ref_pkg, const char *ref_main,
                     const char *const *ids);

#endif
