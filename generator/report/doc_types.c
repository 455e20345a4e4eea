/*
 * doc_types.c - the table of document types (see doc_types.h). Adding a
 * type is adding a row; nothing else in the program names types.
 */
#include "report/doc_types.h"

#include <string.h>

const bc_doc_type bc_doc_types[] = {
    {"bao_cao", "BÁO CÁO", "BC"},
    {"ke_hoach", "KẾ HOẠCH", "KH"},
    {"to_trinh", "TỜ TRÌNH", "TTr"},
    {"thong_bao", "THÔNG BÁO", "TB"},
    {"huong_dan", "HƯỚNG DẪN", "HD"},
    {"chuong_trinh", "CHƯƠNG TRÌNH", "CTr"},
    {"phuong_an", "PHƯƠNG ÁN", "PA"},
    {"de_an", "ĐỀ ÁN", "ĐA"},
    {"cong_van", "", ""},
    {NULL, NULL, NULL},
};

const bc_doc_type *bc_doc_types_find(const char *key)
{
    for (const bc_doc_type *t = bc_doc_types; t->key; t++)
        if (strcmp(t->key, key) == 0)
            return t;
    return NULL;
}
