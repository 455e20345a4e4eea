/*
 * import_case.h - letter case as the recogniser needs it: telling a line
 * in capitals, and giving back the case a clerk writes to what Decree 30
 * prints in capitals (a signer's name, an agency's name, a title line).
 * Results are in the arena given.
 */
#ifndef BC_IMPORT_CASE_H
#define BC_IMPORT_CASE_H

#include "base/arena.h"

#include <stdbool.h>
#include <stddef.h>

/* True when s holds at least two letters and none in lower case. */
bool bc_import_case_is_caps(const char *s);
/* Name case, every word's first letter upper and the rest lower:
 * "NGUYỄN HỮU TUẤN" -> "Nguyễn Hữu Tuấn". */
char *bc_import_case_name(bc_arena *a, const char *s);
/* The case a clerk writes a line printed in capitals: the first word
 * capitalised and the rest lower, authority prefixes ("TM.", "KT.", "Q.",
 * "TL.", "TUQ.") and known abbreviations ("UBND", "HĐND") kept, the place
 * name after a unit word (xã, phường, huyện, tỉnh...) in name case, "Chủ"
 * of "Phó Chủ tịch" capitalised: "TM. ỦY BAN NHÂN DÂN" -> "TM. Ủy ban nhân
 * dân", "ỦY BAN NHÂN DÂN XÃ CẨM VŨ" -> "Ủy ban nhân dân xã Cẩm Vũ". */
char *bc_import_case_clerk(bc_arena *a, const char *s);
/* s with its first letter upper ("năm 2023" -> "Năm 2023"). */
char *bc_import_case_capitalise(bc_arena *a, const char *s);

#endif
