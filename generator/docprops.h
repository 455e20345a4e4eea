/*
 * docprops.h - the package's core properties (docProps/core.xml): title
 * and creator from the report, timestamps from its date, so that the same
 * input always gives the same bytes.
 */
#ifndef BC_DOCPROPS_H
#define BC_DOCPROPS_H

#include "docx_package.h"

/* Puts into `out` the core properties part that the relationships of
 * package `p` name (when they name one). year 0 means no date: 1980-01-01
 * is used. */
void bc_docprops_set(const bc_package *p, bc_package *out, const char *title,
                     const char *creator, int year, int month, int day);

#endif
