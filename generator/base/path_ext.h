/*
 * path_ext.h - a file's name with another ending, beside it: the output a
 * command writes by default (REPORT.yaml -> REPORT.docx, REPORT.docx ->
 * REPORT.pdf, REPORT.pdf -> REPORT-da-ky.pdf).
 */
#ifndef BC_PATH_EXT_H
#define BC_PATH_EXT_H

/* path without the extension of its last component (from its last dot;
 * a dot that begins the name, as in ".bao-cao", starts no extension),
 * followed by ending. malloc'd. */
char *bc_path_ext_replace(const char *path, const char *ending);

#endif
