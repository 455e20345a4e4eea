/*
 * doc_types.h - document types of Decree 30 (Art. 7, Appendix III):
 * the `loai` key, the type name printed above the summary, and the code
 * used in the number symbol ("BC" in "Số: 17/BC-UBND").
 */
#ifndef BC_DOC_TYPES_H
#define BC_DOC_TYPES_H

#include <stdbool.h>

typedef struct bc_doc_type {
    const char *key;    /* value of `loai` ("bao_cao") */
    const char *name;   /* printed name ("BÁO CÁO"), "" for công văn */
    const char *code;   /* symbol code ("BC"), "" for công văn */
} bc_doc_type;

/* The type for a `loai` value, or NULL when unknown. */
const bc_doc_type *bc_doc_types_find(const char *key);
/* The known types, ending with a {NULL} entry. */
extern const bc_doc_type bc_doc_types[];

#endif
