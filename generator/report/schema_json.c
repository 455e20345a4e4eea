/*
 * schema_json.c - the input contract as a JSON Schema (see schema_json.h),
 * made from the one table of keys (schema.c) and the document types
 * (doc_types.c), so that an editor with a YAML language server completes
 * and checks a report's keys. Nothing here is written by hand twice: a
 * key's type, whether it is required, and its hint come from the table.
 */
#include "report/schema_json.h"
#include "report/doc_types.h"
#include "report/schema.h"
#include "report/signature.h"

#include <string.h>

static void S_str(bc_buf *out, const char *s)
{
    bc_buf_putc(out, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            bc_buf_putc(out, '\\');
            bc_buf_putc(out, (char)c);
        } else if (c < 0x20) {
            bc_buf_printf(out, "\\u%04x", c);
        } else {
            bc_buf_putc(out, (char)c);
        }
    }
    bc_buf_putc(out, '"');
}

static void S_indent(bc_buf *out, int depth)
{
    bc_buf_putc(out, '\n');
    for (int i = 0; i < depth; i++)
        bc_buf_puts(out, "  ");
}

/* The key's value as a schema: its type, and the hint as its description. */
static void S_value(bc_buf *out, const bc_schema_key *k, int depth, bool with_required);

/* The input keys directly under `parent` ("" the root), as properties. */
static void S_properties(bc_buf *out, const char *parent, int depth, bool with_required)
{
    size_t pl = strlen(parent);
    bc_buf_puts(out, "\"properties\": {");
    bool first = true;
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        if (k->derived && !k->written_wins)
            continue;
        const char *leaf = k->path;
        if (pl) {
            if (strncmp(k->path, parent, pl) != 0 || k->path[pl] != '.')
                continue;
            leaf = k->path + pl + 1;
        }
        if (strchr(leaf, '.'))
            continue;
        bc_buf_puts(out, first ? "" : ",");
        first = false;
        S_indent(out, depth + 1);
        S_str(out, leaf);
        bc_buf_puts(out, ": ");
        S_value(out, k, depth + 1, with_required);
    }
    S_indent(out, depth);
    bc_buf_putc(out, '}');
    if (!with_required)
        return;
    bc_buf_puts(out, ",");
    S_indent(out, depth);
    bc_buf_puts(out, "\"required\": [");
    first = true;
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        const char *leaf = k->path;
        if (k->derived || !k->required)
            continue;
        if (pl) {
            if (strncmp(k->path, parent, pl) != 0 || k->path[pl] != '.')
                continue;
            leaf = k->path + pl + 1;
        }
        if (strchr(leaf, '.'))
            continue;
        bc_buf_puts(out, first ? "" : ", ");
        first = false;
        S_str(out, leaf);
    }
    bc_buf_putc(out, ']');
}

static void S_value(bc_buf *out, const bc_schema_key *k, int depth, bool with_required)
{
    bc_buf_putc(out, '{');
    if (k->hint) {
        bc_buf_puts(out, "\"description\": ");
        S_str(out, k->hint);
        bc_buf_puts(out, ", ");
    }
    switch (k->type) {
    case BC_SCHEMA_TEXT:
    case BC_SCHEMA_NUMBER: /* 17 or 57a: a number is text too */
        bc_buf_puts(out, "\"$ref\": \"#/definitions/text\"");
        break;
    case BC_SCHEMA_FILE:
        bc_buf_puts(out, "\"type\": \"string\"");
        break;
    case BC_SCHEMA_MM: /* 36, or 35.5 and 35,5 written as text */
        bc_buf_printf(out,
                      "\"anyOf\": [{\"type\": \"number\", \"minimum\": %d, \"maximum\": %d}, "
                      "{\"type\": \"string\", \"pattern\": \"^[0-9]{2}([.,][0-9]{1,2})?$\"}]",
                      BC_SIGNATURE_SEAL_MM_MIN, BC_SIGNATURE_SEAL_MM_MAX);
        break;
    case BC_SCHEMA_TEXTS:
        bc_buf_puts(out, "\"$ref\": \"#/definitions/texts\"");
        break;
    case BC_SCHEMA_INT:
        bc_buf_puts(out, "\"type\": \"integer\", \"minimum\": 1");
        break;
    case BC_SCHEMA_DATE:
        bc_buf_puts(out, "\"$ref\": \"#/definitions/date\"");
        break;
    case BC_SCHEMA_LOAI:
        bc_buf_puts(out, "\"enum\": [");
        for (const bc_doc_type *t = bc_doc_types; t->key; t++) {
            bc_buf_puts(out, t == bc_doc_types ? "" : ", ");
            S_str(out, t->key);
        }
        bc_buf_putc(out, ']');
        break;
    case BC_SCHEMA_APPENDICES:
        bc_buf_puts(out, "\"$ref\": \"#/definitions/phu_luc\"");
        break;
    case BC_SCHEMA_MAP:
        bc_buf_puts(out, "\"type\": \"object\",");
        S_indent(out, depth + 1);
        S_properties(out, k->path, depth + 1, with_required);
        /* the period takes no key it does not know (report.c) */
        if (strcmp(k->path, "ky_bao_cao") == 0) {
            bc_buf_puts(out, ",");
            S_indent(out, depth + 1);
            bc_buf_puts(out, "\"additionalProperties\": false");
        }
        S_indent(out, depth);
        break;
    }
    bc_buf_putc(out, '}');
}

void bc_schema_json_write(bc_buf *out)
{
    bc_buf_puts(out,
                "{\n"
                "  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n"
                "  \"$comment\": \"Made by `make schema` from generator/report/schema.c: "
                "do not edit.\",\n"
                "  \"title\": \"baocao: a report (docs/input-format.md) or a batch "
                "(chung, danh_sach, tong_hop)\",\n"
                "  \"definitions\": {\n"
                "    \"text\": {\"type\": [\"string\", \"number\"]},\n"
                "    \"texts\": {\"anyOf\": [{\"$ref\": \"#/definitions/text\"},\n"
                "      {\"type\": \"array\", \"minItems\": 1, \"items\": {\"$ref\": "
                "\"#/definitions/text\"}}]},\n"
                "    \"date\": {\"type\": \"string\", \"pattern\": "
                "\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"},\n"
                "    \"phu_luc\": {\"type\": \"array\", \"items\": {\"type\": \"object\",\n"
                "      \"properties\": {\"ten\": {\"$ref\": \"#/definitions/text\"}, "
                "\"noi_dung\": {\"$ref\": \"#/definitions/text\"},\n"
                "        \"ngang\": {\"type\": \"boolean\"}},\n"
                "      \"required\": [\"ten\", \"noi_dung\"]}},\n"
                "    \"report\": {\"type\": \"object\",");
    S_indent(out, 3);
    S_properties(out, "", 3, true);
    bc_buf_puts(out, "},\n    \"entry\": {\"type\": \"object\",");
    S_indent(out, 3);
    S_properties(out, "", 3, false);
    bc_buf_puts(out,
                "}\n"
                "  },\n"
                "  \"if\": {\"type\": \"object\", \"required\": [\"danh_sach\"]},\n"
                "  \"then\": {\"type\": \"object\",\n"
                "    \"properties\": {\n"
                "      \"chung\": {\"$ref\": \"#/definitions/entry\"},\n"
                "      \"danh_sach\": {\"anyOf\": [{\"type\": \"string\"},\n"
                "        {\"type\": \"array\", \"items\": {\"$ref\": \"#/definitions/entry\"}}]},\n"
                "      \"tong_hop\": {\"$ref\": \"#/definitions/report\"}\n"
                "    }},\n"
                "  \"else\": {\"$ref\": \"#/definitions/report\"}\n"
                "}\n");
}
