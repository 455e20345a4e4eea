/*
 * docprops.h - the package's core properties (docProps/core.xml): title
 * and creator from the report, timestamps from its date, so that the same
 * input always gives the same bytes.
 */
#ifndef BC_DOCPROPS_H
#define BC_DOCPROPS_H

#include "package/package.h"

/* The name of the core properties part that the relationships of package
 * `p` name, or NULL when they name none (the caller frees it). */
char *bc_docprops_part(const bc_package *p);
/* Puts into `out` the core properties as part `part` (from
 * bc_docprops_part; nothing when NULL). year 0 means no date: 1980-01-01
 * is used. */
void bc_docprops_set(bc_package *out, const char *part, const char *title,
                     const char *creator, int year, int month, int day);

#endif
