/*
 * wml_styles.h - the paragraph and character styles of a template
 * (word/styles.xml), resolved through basedOn chains to the properties the
 * layout needs: bold, italic, size.
 */
#ifndef BC_WML_STYLES_H
#define BC_WML_STYLES_H

#include "docx_package.h"

#include <libxml/tree.h>
#include <stdbool.h>

typedef struct bc_style {
    char *id;
    char *based_on;
    bool paragraph;         /* w:type="paragraph" (else character/other) */
    signed char bold;       /* -1 unset, 0, 1 */
    signed char italic;
    int sz;                 /* half-points, 0 unset */
} bc_style;

typedef struct bc_styles {
    bc_style *v;
    size_t count;
    char *default_para;     /* id of the default paragraph style */
    int default_sz;         /* docDefaults, half-points (20 when absent) */
    char *part;             /* styles part name, NULL when there is none */
} bc_styles;

/* Reads the styles part related to the main document. Always succeeds
 * (a package without styles gives an empty table). */
void bc_styles_load(bc_styles *s, const bc_package *p, const char *main_part);
void bc_styles_free(bc_styles *s);
const bc_style *bc_styles_find(const bc_styles *s, const char *id);

/* Run properties in effect. */
typedef struct bc_run_props {
    bool bold, italic;
    int sz;                 /* half-points */
} bc_run_props;

/* Effective properties of run r in paragraph p: docDefaults, then the
 * paragraph style chain, then the character style, then direct w:rPr. */
bc_run_props bc_styles_run_props(const bc_styles *s, const xmlNode *p,
                                 const xmlNode *r);
/* The paragraph's style id (pStyle or the default), or NULL. */
const char *bc_styles_para_id(const bc_styles *s, const xmlNode *p);

#endif
