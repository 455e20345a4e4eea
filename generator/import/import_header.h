/*
 * import_header.h - the lines of a report's header (Decree 30 Art. 8-10)
 * read back into keys: the national motto lines told apart, the "Số:"
 * line into `so`, the type's code and `ky_hieu_co_quan`, the date line
 * into `dia_danh` and `ngay`, the type name into `loai`.
 */
#ifndef BC_IMPORT_HEADER_H
#define BC_IMPORT_HEADER_H

#include "import/import_report.h"
#include "report/doc_types.h"

#include <stdbool.h>

/* True for the Quốc hiệu, the Tiêu ngữ (or both in one line) and a rule
 * drawn with underscores or dashes: lines the program prints itself. */
bool bc_import_header_is_motto(const char *s);
/* Reads "Số: 95/BC-UBND" (any spacing; a blank number kept blank) into
 * r's so and ky_hieu_co_quan; *code gets the type's code ("BC") in r's
 * arena, *rest where the line goes on after the symbol (a date line
 * typed on the same line). Returns false when s is no such line. */
bool bc_import_header_number(bc_import_report *r, const char *s, const char **code,
                             const char **rest);
/* Reads "Cẩm Vũ, ngày 15 tháng 12 năm 2023" (any spacing; blank day and
 * month kept blank) into r's dia_danh and ngay. Returns false when s is
 * no date line. */
bool bc_import_header_date(bc_import_report *r, const char *s);
/* The document type whose name s is ("BÁO CÁO", any spacing), or NULL. */
const bc_doc_type *bc_import_header_type(const char *s);

#endif
