/*
 * import_report.h - what the recogniser found in an imported report: the
 * values of baocao's keys (input.md 1), each with a note for the clerk
 * when it was guessed or not found, ready for the YAML writer
 * (import_yaml.h).
 *
 * Strings live in the report's arena; lists grow on the heap; all goes
 * with bc_import_report_free.
 */
#ifndef BC_IMPORT_REPORT_H
#define BC_IMPORT_REPORT_H

#include "base/arena.h"
#include "report/text_rules.h"

#include <stdbool.h>
#include <stddef.h>

/* One key's value (NULL: not found) and its note (an untranslated
 * message, N_(); NULL: read as it is). */
typedef struct {
    const char *value;
    const char *note;
    const char *detail;   /* a word the note names (a phrase, a number), or NULL */
} bc_import_field;

typedef struct {
    const char **items;
    size_t n, cap;
    const char *note;
} bc_import_list;

typedef struct {
    const char *ten;
    const char *ten_note;
    const char *noi_dung;    /* body markup, tables included */
    bool ngang;
    const char *ngang_note;
} bc_import_appendix;

typedef struct bc_import_report {
    bc_arena arena;
    bc_import_field loai, co_quan_chu_quan, co_quan, ky_hieu_co_quan, so, dia_danh,
        ngay, trich_yeu, kinh_gui, noi_dung, ho_ten;
    bc_import_list kinh_gui_items;  /* kinh_gui written as a list */
    bc_import_list noi_nhan, chuc_danh;
    bool has_period;
    bc_period period;
    const char *period_note;
    bc_import_list period_caps;     /* period phrases left as written */
    bc_import_list period_other;    /* phrases naming another period, kept as written */
    bc_import_list figures;         /* --ky-sau: the body's figures to update */
    bc_import_appendix *phu_luc;
    size_t n_phu_luc, cap_phu_luc;
    size_t unplaced;                /* paragraphs put into the body's end */
} bc_import_report;

void bc_import_report_init(bc_import_report *r);
void bc_import_report_free(bc_import_report *r);
/* Appends a copy of s[0..n) to the list. */
void bc_import_report_push(bc_import_report *r, bc_import_list *l, const char *s, size_t n);
bc_import_appendix *bc_import_report_add_appendix(bc_import_report *r);

#endif
