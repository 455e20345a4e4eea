/*
 * schema.h - the keys of a report, in one table: the keys a clerk writes
 * (reserved: the program gives them a meaning), the keys the program
 * derives from them, and for each its hint. The input contract
 * (report.c), the review (check_text.c: misspelt and overwritten keys)
 * and `template check` (the keys a derived key is made from) read it;
 * docs/input-format.md's key tables are checked against it
 * (tests/unit/test_schema.c).
 *
 * A key is named by its path from the report's root: "co_quan",
 * "nguoi_ky.ho_ten", "ky_bao_cao.ten".
 */
#ifndef BC_SCHEMA_H
#define BC_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

/* What a key holds, as the input contract reads it (docs/input-format.md,
 * and the JSON Schema made from this table, schema_json.c). */
typedef enum bc_schema_type {
    BC_SCHEMA_TEXT,       /* a text (a number written there is text too) */
    BC_SCHEMA_TEXTS,      /* a text, or a list of texts */
    BC_SCHEMA_NUMBER,     /* a number or a text such as 57a (`so`) */
    BC_SCHEMA_INT,        /* a whole number */
    BC_SCHEMA_DATE,       /* a date, YYYY-MM-DD */
    BC_SCHEMA_MAP,        /* a map of the keys below it */
    BC_SCHEMA_LOAI,       /* one of the document types (doc_types.h) */
    BC_SCHEMA_APPENDICES, /* a list of appendices: ten, noi_dung, ngang */
    BC_SCHEMA_FILE,       /* the name of a file (a PNG image) */
    BC_SCHEMA_MM          /* a length in millimetres (the seal's width) */
} bc_schema_type;

typedef struct bc_schema_key {
    const char *path;
    bool derived;      /* made by the program (what a clerk writes there is
                          replaced) */
    bool required;     /* a report cannot be made without it (input keys;
                          a key under an optional one: when that is
                          given) */
    bool always_used;  /* the program uses it whatever the template shows:
                          document properties, dates, the document type */
    const char *from;  /* derived keys: the input keys it is made from,
                          space-separated */
    const char *hint;  /* what to write, untranslated (N_()); NULL: none */
    bool written_wins; /* derived keys: a clerk may write it instead, and
                          what is written is used (ky_bao_cao.tu_ngay) */
    bc_schema_type type;
} bc_schema_key;

/* Every key, input keys first, ending with {NULL}. */
extern const bc_schema_key bc_schema_keys[];

/* The key at `path`, or NULL. */
const bc_schema_key *bc_schema_find(const char *path);
/* True for a key that holds a text or a list of texts (kinh_gui,
 * noi_nhan, nguoi_ky.chuc_danh): a spreadsheet cell of it with line
 * breaks is one item a line (input/sheet.h). */
bool bc_schema_is_list(const char *path);
/* The translated hint of the key at `path` ("" when it has none). */
const char *bc_schema_hint(const char *path);
/* True when `key` is a key of the map at `parent` ("" for the root,
 * "nguoi_ky", "ky_bao_cao") in the schema; *derived tells which kind (a
 * derived key a clerk may write instead counts as an input key). */
bool bc_schema_has(const char *parent, const char *key, bool *derived);

#endif
