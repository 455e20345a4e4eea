/*
 * test_schema.c - the one table of a report's keys (report/schema.h)
 * against everything that reads or writes keys:
 *  - the report (bc_report_prepare) derives exactly the schema's derived
 *    keys, no other, and refuses a report lacking each required key;
 *  - the review (bc_check_report) knows every key of the schema: no C01
 *    finding for a reserved key, "did you mean" for a misspelling of each
 *    (of more than two letters), "derives" for each derived key written
 *    in the input;
 *  - docs/input-format.md's key tables (2.1 and 5, in both languages)
 *    list the same keys, required where the schema says so.
 */
#include "test_support.h"

#include "base/buf.h"
#include "input/node.h"
#include "input/yaml_load.h"
#include "report/check.h"
#include "report/report.h"
#include "report/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A report with every input key; kinh_gui a list (several addressees) or
 * one text. */
static const char *S_report(bool many)
{
    return many ? "loai: bao_cao\n"
                  "co_quan_chu_quan: Ủy ban nhân dân huyện Cẩm Giàng\n"
                  "co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"
                  "ky_hieu_co_quan: UBND\n"
                  "so: 5\n"
                  "dia_danh: Cẩm Vũ\n"
                  "ngay: 2023-07-06\n"
                  "ky_bao_cao: {nam: 2023, nua: 1}\n"
                  "trich_yeu: Kết quả {{ky_bao_cao.ten}}\n"
                  "noi_dung: \"I. KẾT QUẢ\\n\\nNội dung.\"\n"
                  "kinh_gui: [UBND huyện Cẩm Giàng, Phòng Nội vụ]\n"
                  "noi_nhan: [UBND huyện Cẩm Giàng, \"Lưu: VT\"]\n"
                  "nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], "
                  "ho_ten: Nguyễn Hữu Tuấn}\n"
                : "co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"
                  "ky_hieu_co_quan: UBND\n"
                  "dia_danh: Cẩm Vũ\n"
                  "ky_bao_cao: {nam: 2023, quy: 2}\n"
                  "trich_yeu: Kết quả\n"
                  "noi_dung: Nội dung.\n"
                  "kinh_gui: UBND huyện Cẩm Giàng\n"
                  "noi_nhan: [\"Lưu: VT\"]\n"
                  "nguoi_ky: {chuc_danh: Chủ tịch, ho_ten: Nguyễn Hữu Tuấn}\n";
}

/* Adds to `seen` (a "|"-separated list) the paths of the prepared data
 * that the input lacks. */
static void S_new_paths(const bc_node *in, const bc_node *out, const char *prefix,
                        bc_buf *seen)
{
    for (size_t i = 0; i < out->count; i++) {
        const bc_entry *e = &out->entries[i];
        char path[256];
        snprintf(path, sizeof path, "%s%s", prefix, e->key);
        const bc_node *was = in ? bc_node_get(in, e->key) : NULL;
        if (!was) {
            bc_buf_printf(seen, "|%s|", path);
        } else if (e->value->kind == BC_MAP && was->kind == BC_MAP) {
            char sub[260];
            snprintf(sub, sizeof sub, "%s.", path);
            S_new_paths(was, e->value, sub, seen);
        }
    }
}

static void test_report_derives_the_schema(void **state)
{
    (void)state;
    bc_buf seen = BC_BUF_INIT;
    for (int many = 0; many < 2; many++) {
        bc_arena a = BC_ARENA_INIT;
        bc_diags d = BC_DIAGS_INIT;
        const char *src = S_report(many);
        bc_node *in = bc_yaml_load_mem(&a, "r.yaml", src, strlen(src), &d);
        assert_non_null(in);
        bc_report r;
        assert_int_equal(bc_report_prepare(&a, in, false, &r, &d), 0);
        S_new_paths(in, r.data, "", &seen);
        bc_diags_free(&d);
        bc_arena_free(&a);
    }
    const char *all = bc_buf_cstr(&seen);
    /* every derived key is made, by one of the two reports */
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        char want[128];
        snprintf(want, sizeof want, "|%s|", k->path);
        if (k->derived && !strstr(all, want))
            fail_msg("the schema's derived key `%s` is not derived", k->path);
    }
    /* and every key the report adds is a derived key of the schema */
    for (const char *p = all; (p = strchr(p, '|')) != NULL;) {
        const char *end = strchr(p + 1, '|');
        char path[128];
        snprintf(path, sizeof path, "%.*s", (int)(end - p - 1), p + 1);
        const bc_schema_key *k = bc_schema_find(path);
        if (!k || !k->derived)
            fail_msg("the report derives `%s`, which the schema lacks", path);
        p = end + 1;
    }
    bc_buf_free(&seen);
}

/* The full report without the line of `key` (a top-level key) or of its
 * nguoi_ky member. */
static void test_required_keys_are_required(void **state)
{
    (void)state;
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        if (k->derived || !k->required || strncmp(k->path, "ky_bao_cao.", 11) == 0)
            continue;
        bc_arena a = BC_ARENA_INIT;
        bc_diags d = BC_DIAGS_INIT;
        const char *src = S_report(true);
        bc_node *in = bc_yaml_load_mem(&a, "r.yaml", src, strlen(src), &d);
        assert_non_null(in);
        const char *dot = strchr(k->path, '.');
        bc_node *map = in;
        const char *leaf = k->path;
        if (dot) {
            char parent[32];
            snprintf(parent, sizeof parent, "%.*s", (int)(dot - k->path), k->path);
            map = bc_node_get(in, parent);
            leaf = dot + 1;
        }
        assert_non_null(map);
        /* drop the entry */
        size_t j = 0;
        for (size_t i = 0; i < map->count; i++)
            if (strcmp(map->entries[i].key, leaf) != 0)
                map->entries[j++] = map->entries[i];
        assert_int_equal(j + 1, map->count);
        map->count = j;
        bc_report r;
        assert_int_equal(bc_report_prepare(&a, in, false, &r, &d), -1);
        char want[128];
        snprintf(want, sizeof want, "missing required key `%s`", k->path);
        bool found = false;
        for (const bc_diag *g = d.head; g && !found; g = g->next)
            found = strstr(g->msg, want) != NULL;
        if (!found)
            fail_msg("no `%s` when `%s` is left out", want, k->path);
        bc_diags_free(&d);
        bc_arena_free(&a);
    }
}

/* The review's C01 findings for the full report with `extra` added to
 * the map at `parent` ("" the root). */
static char *S_c01(const char *parent, const char *extra)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_buf src = BC_BUF_INIT;
    bc_buf_puts(&src, S_report(true));
    if (!*parent)
        bc_buf_printf(&src, "%s: x\n", extra);
    bc_node *in = bc_yaml_load_mem(&a, "r.yaml", src.data, src.len, &d);
    assert_non_null(in);
    if (*parent) {
        bc_node *map = bc_node_get(in, parent);
        assert_non_null(map);
        bc_node_set(&a, map, extra, strlen(extra), bc_node_scalar(&a, "x", 1));
    }
    bc_check_report(in, &d);
    bc_buf out = BC_BUF_INIT;
    for (const bc_diag *g = d.head; g; g = g->next)
        if (g->id && strcmp(g->id, "C01") == 0)
            bc_buf_printf(&out, "%s\n", g->msg);
    bc_diags_free(&d);
    bc_arena_free(&a);
    bc_buf_free(&src);
    bc_buf_cstr(&out);
    return bc_buf_detach(&out, NULL);
}

static void test_review_knows_every_key(void **state)
{
    (void)state;
    char *none = S_c01("", "du_lieu_rieng");
    assert_string_equal(none, ""); /* data of the clerk's own: nothing */
    free(none);
    for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
        const char *dot = strchr(k->path, '.');
        char parent[32] = "";
        const char *leaf = k->path;
        if (dot) {
            snprintf(parent, sizeof parent, "%.*s", (int)(dot - k->path), k->path);
            leaf = dot + 1;
        }
        if (k->derived && k->written_wins) {
            /* written by the clerk, it is used: nothing to say */
            char *got = S_c01(parent, leaf);
            if (*got)
                fail_msg("the review warns of `%s`, which a clerk may write: %s",
                         k->path, got);
            free(got);
            continue;
        }
        if (k->derived) {
            char *got = S_c01(parent, leaf);
            if (!strstr(got, "derives"))
                fail_msg("the review says nothing of the derived key `%s` "
                         "written in the input: %s", k->path, got);
            free(got);
            continue;
        }
        if (strlen(leaf) <= 2)
            continue; /* `so`: no edit is close enough to mean it */
        /* one letter doubled: `co_quann` */
        char typo[64];
        snprintf(typo, sizeof typo, "%s%c", leaf, leaf[strlen(leaf) - 1]);
        if (bc_schema_has(parent, typo, NULL))
            continue;
        char *got = S_c01(parent, typo);
        char want[96];
        snprintf(want, sizeof want, "did you mean `%s%s%s`", parent,
                 *parent ? "." : "", leaf);
        if (!strstr(got, want))
            fail_msg("`%s` under `%s`: the review lacks \"%s\": %s", typo,
                     parent, want, got);
        free(got);
    }
}

/* ---- docs/input-format.md --------------------------------------------------- */

static char *S_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    bc_buf b = BC_BUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        bc_buf_put(&b, chunk, n);
    fclose(f);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

/* The table rows of the section whose heading starts with `heading`, up
 * to the next heading of its level or higher: "|key|required|" for each
 * backquoted name of a row's first cell (required: the second cell). */
static void S_table_keys(const char *doc, const char *heading, bc_buf *out)
{
    const char *s = strstr(doc, heading);
    assert_non_null(s);
    size_t level = strspn(s, "#");
    s = strchr(s, '\n');
    while (s && *++s) {
        if (*s == '#' && strspn(s, "#") <= level)
            break;
        const char *eol = strchr(s, '\n');
        size_t len = eol ? (size_t)(eol - s) : strlen(s);
        if (len > 3 && s[0] == '|' && s[1] == ' ' && s[2] == '`') {
            const char *cell_end = memchr(s + 1, '|', len - 1);
            const char *second = cell_end + 1;
            bool required = strncmp(second, " có ", 4) == 0 ||
                            strncmp(second, " yes ", 5) == 0;
            for (const char *q = s + 1; q < cell_end;) {
                const char *open = memchr(q, '`', (size_t)(cell_end - q));
                if (!open)
                    break;
                const char *close = memchr(open + 1, '`', (size_t)(cell_end - open - 1));
                bc_buf_printf(out, "|%.*s|%s\n", (int)(close - open - 1), open + 1,
                              required ? "required" : "");
                q = close + 1;
            }
        }
        s = eol;
    }
}

static void test_docs_list_the_schema(void **state)
{
    (void)state;
    char *doc = S_read(BC_SOURCE_DIR "/docs/input-format.md");
    const char *const input_tables[] = {"#### 2.1. Các khóa", "#### 2.1. Keys"};
    const char *const derived_tables[] = {"### 5. Dữ liệu mẫu .docx nhìn thấy",
                                          "### 5. What a .docx template sees"};
    for (int lang = 0; lang < 2; lang++) {
        bc_buf in = BC_BUF_INIT, der = BC_BUF_INIT;
        S_table_keys(doc, input_tables[lang], &in);
        S_table_keys(doc, derived_tables[lang], &der);
        const char *ins = bc_buf_cstr(&in), *ders = bc_buf_cstr(&der);
        for (const bc_schema_key *k = bc_schema_keys; k->path; k++) {
            char want[128];
            if (k->derived) {
                snprintf(want, sizeof want, "|%s|", k->path);
                if (!strstr(ders, want))
                    fail_msg("%s: the derived key `%s` is not in the table",
                             derived_tables[lang], k->path);
            } else if (strncmp(k->path, "ky_bao_cao.", 11) != 0 &&
                       strcmp(k->path, "nguoi_ky") != 0) {
                snprintf(want, sizeof want, "|%s|%s\n", k->path,
                         k->required ? "required" : "");
                if (!strstr(ins, want))
                    fail_msg("%s: `%s` is not in the table, or not marked %s",
                             input_tables[lang], k->path,
                             k->required ? "required" : "optional");
            }
        }
        /* and the tables name no key the schema lacks */
        for (int t = 0; t < 2; t++) {
            const char *rows = t ? ders : ins;
            for (const char *p = rows; *p;) {
                const char *end = strchr(p + 1, '|');
                char path[128];
                snprintf(path, sizeof path, "%.*s", (int)(end - p - 1), p + 1);
                const bc_schema_key *k = bc_schema_find(path);
                if (!k)
                    fail_msg("the docs list `%s`, which the schema lacks", path);
                if (t == 0 && k->derived)
                    fail_msg("the input table lists the derived key `%s`", path);
                p = strchr(p, '\n') + 1;
            }
        }
        bc_buf_free(&in);
        bc_buf_free(&der);
    }
    free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_derives_the_schema),
        cmocka_unit_test(test_required_keys_are_required),
        cmocka_unit_test(test_review_knows_every_key),
        cmocka_unit_test(test_docs_list_the_schema),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
