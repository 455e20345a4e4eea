/*
 * docprops.h - the package's core properties (docProps/core.xml): title
 * and creator from the report, timestamps from its date, so that the same
 * input always gives the same bytes.
 */
#ifndef BC_DOCPROPS_H
#define BC_DOCPROPS_H

#include "docx_package.h"

/* Replaces the core properties part the package's relationships name (when
 * there is one). year 0 means no date: 1980-01-01 is used. */
void bc_docprops_set(bc_package *p, const char *title, const char *creator,
                     int year, int month, int day);

#endif
