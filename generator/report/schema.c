/*
 * schema.c - the keys of a report (see schema.h).
 */
#include "report/schema.h"
#include "base/i18n.h"

#include <string.h>

#define IN(path, type, req, always, hint) {path, false, req, always, NULL, hint, false, type}
#define DERIVED(path, from) {path, true, false, false, from, NULL, false, BC_SCHEMA_TEXT}
/* derived unless the clerk writes it */
#define DERIVED_OR_WRITTEN(path, from) {path, true, false, false, from, NULL, true, BC_SCHEMA_DATE}

const bc_schema_key bc_schema_keys[] = {
    IN("loai", BC_SCHEMA_LOAI, false, true, NULL),
    IN("co_quan_chu_quan", BC_SCHEMA_TEXT, false, false, NULL),
    IN("co_quan", BC_SCHEMA_TEXT, true, true, N_("the issuing agency, e.g. \"Ủy ban nhân dân xã Cẩm Vũ\"")),
    IN("ky_hieu_co_quan", BC_SCHEMA_TEXT, true, false, N_("the agency's abbreviation, e.g. \"UBND\"")),
    IN("so", BC_SCHEMA_NUMBER, false, false, NULL),
    IN("dia_danh", BC_SCHEMA_TEXT, true, false, N_("the place of the date line, e.g. \"Cẩm Vũ\"")),
    IN("ngay", BC_SCHEMA_DATE, false, true, NULL),
    IN("ky_bao_cao", BC_SCHEMA_MAP, false, true, NULL),
    IN("ky_bao_cao.nam", BC_SCHEMA_INT, true, false, NULL), /* when ky_bao_cao is given */
    IN("ky_bao_cao.nua", BC_SCHEMA_INT, false, false, NULL),
    IN("ky_bao_cao.quy", BC_SCHEMA_INT, false, false, NULL),
    IN("ky_bao_cao.thang", BC_SCHEMA_INT, false, false, NULL),
    IN("ky_bao_cao.so_thang", BC_SCHEMA_INT, false, false, NULL),
    IN("trich_yeu", BC_SCHEMA_TEXT, true, true, N_("the summary line under the type name")),
    IN("noi_dung", BC_SCHEMA_TEXT, true, false, N_("the body of the report")),
    IN("kinh_gui", BC_SCHEMA_TEXTS, false, false, NULL),
    IN("noi_nhan", BC_SCHEMA_TEXTS, true, false, N_("the list of recipients, ending with \"Lưu: VT\"")),
    IN("nguoi_ky", BC_SCHEMA_MAP, true, false, N_("the signer: chuc_danh and ho_ten")),
    IN("nguoi_ky.chuc_danh", BC_SCHEMA_TEXTS, true, false,
       N_("the authority and title lines, e.g. [TM. Ủy ban nhân dân, Chủ tịch]")),
    IN("nguoi_ky.ho_ten", BC_SCHEMA_TEXT, true, false, N_("the signer's full name")),
    IN("nguoi_ky.chu_ky", BC_SCHEMA_FILE, false, false,
       N_("the signature image, a PNG file (blue, transparent), e.g. ky.png")),
    IN("con_dau", BC_SCHEMA_FILE, false, false,
       N_("the seal image, a PNG file (red, transparent), e.g. dau.png")),
    IN("con_dau_mm", BC_SCHEMA_MM, false, false,
       N_("the seal's width in millimetres, from 10 to 60, e.g. 36")),
    IN("phu_luc", BC_SCHEMA_APPENDICES, false, false, NULL),
    DERIVED("ten_loai", "loai"),
    DERIVED("ky_hieu_loai", "loai"),
    DERIVED("so_ky_hieu", "so ky_hieu_co_quan loai"),
    DERIVED("dong_ngay", "dia_danh ngay ky_bao_cao"),
    DERIVED("co_quan_in_hoa", "co_quan"),
    DERIVED("co_quan_chu_quan_in_hoa", "co_quan_chu_quan"),
    DERIVED("ky_bao_cao.ten", "ky_bao_cao"),
    DERIVED("ky_bao_cao.ky_sau", "ky_bao_cao"),
    DERIVED_OR_WRITTEN("ky_bao_cao.tu_ngay", "ky_bao_cao"),
    DERIVED_OR_WRITTEN("ky_bao_cao.den_ngay", "ky_bao_cao"),
    DERIVED("noi_nhan_dong", "noi_nhan kinh_gui"),
    DERIVED("kinh_gui_dong", "kinh_gui"),
    DERIVED("kinh_gui_mot", "kinh_gui"),
    DERIVED("kinh_gui_nhan", "kinh_gui"),
    DERIVED("kinh_gui_muc", "kinh_gui"),
    DERIVED("nguoi_ky.chuc_danh_in_hoa", "nguoi_ky.chuc_danh"),
    DERIVED("nguoi_ky.khoang_ky", "nguoi_ky.chu_ky con_dau con_dau_mm"),
    {NULL, false, false, false, NULL, NULL, false, BC_SCHEMA_TEXT},
};

const bc_schema_key *bc_schema_find(const char *path)
{
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++)
        if (strcmp(k->path, path) == 0)
            return k;
    return NULL;
}

bool bc_schema_is_list(const char *path)
{
    const bc_schema_key *k = bc_schema_find(path);
    return k && k->type == BC_SCHEMA_TEXTS;
}

const char *bc_schema_hint(const char *path)
{
    const bc_schema_key *k = bc_schema_find(path);
    return k && k->hint ? _(k->hint) : "";
}

bool bc_schema_has(const char *parent, const char *key, bool *derived)
{
    size_t pl = strlen(parent);
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        const char *leaf = k->path;
        if (pl) {
            if (strncmp(k->path, parent, pl) != 0 || k->path[pl] != '.')
                continue;
            leaf = k->path + pl + 1;
        } else if (strchr(k->path, '.')) {
            continue;
        }
        if (strcmp(leaf, key) == 0) {
            if (derived)
                *derived = k->derived && !k->written_wins;
            return true;
        }
    }
    return false;
}
