/*
 * test_yaml_load.c - the YAML loader: scalars kept as written, special
 * plain words, NFC, anchors, and every error with its line and column.
 */
#include "test_support.h"

#include "input/yaml_load.h"
#include "input/yaml_int.h"
#include "input/yaml_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bc_node *S_load(bc_arena *a, bc_diags *d, const char *src)
{
    return bc_yaml_load_mem(a, "t.yaml", src, strlen(src), d);
}

/* Asserts one error at line:col whose message contains `needle`. */
static void S_expect_error(const char *src, int line, int col, const char *needle)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *n = S_load(&a, &d, src);
    assert_null(n);
    assert_non_null(d.head);
    assert_int_equal(d.head->severity, BC_ERROR);
    assert_string_equal(d.head->file, "t.yaml");
    assert_int_equal(d.head->line, line);
    assert_int_equal(d.head->col, col);
    if (!strstr(d.head->msg, needle))
        fail_msg("message `%s` lacks `%s`", d.head->msg, needle);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_scalars_as_written(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *n = S_load(&a, &d, "a: 5.120\nb: 08\nc: 1.10\nd: \"x\"\ne: true\nf: ~\ng:\nh: Null\n");
    assert_non_null(n);
    assert_int_equal(n->kind, BC_MAP);
    assert_string_equal(bc_node_get(n, "a")->str, "5.120");
    assert_true(bc_node_get(n, "a")->plain);
    assert_string_equal(bc_node_get(n, "b")->str, "08");
    assert_string_equal(bc_node_get(n, "c")->str, "1.10");
    assert_false(bc_node_get(n, "d")->plain);
    assert_int_equal(bc_node_get(n, "e")->kind, BC_BOOL);
    assert_true(bc_node_get(n, "e")->boolean);
    assert_int_equal(bc_node_get(n, "f")->kind, BC_NULL);
    assert_int_equal(bc_node_get(n, "g")->kind, BC_NULL);
    assert_int_equal(bc_node_get(n, "h")->kind, BC_NULL);
    /* positions are 1-based */
    assert_int_equal(bc_node_get(n, "c")->line, 3);
    assert_int_equal(bc_node_get(n, "c")->col, 4);
    assert_int_equal(bc_node_entry(n, "c", 1)->line, 3);
    assert_int_equal(bc_node_entry(n, "c", 1)->col, 1);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_nfc_values_and_keys(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    /* "Vũ" written decomposed (u + combining tilde) and a decomposed key */
    bc_node *n = S_load(&a, &d, "ten: \"Vu\xcc\x83\"\nte\xcc\x82n: 1\n");
    assert_non_null(n);
    assert_string_equal(bc_node_get(n, "ten")->str, "V\xc5\xa9");
    assert_non_null(bc_node_get(n, "t\xc3\xaan"));
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_block_scalar_indent(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *n = S_load(&a, &d, "noi_dung: |\n    I. Mot\n\n    - hai\n");
    assert_non_null(n);
    bc_node *v = bc_node_get(n, "noi_dung");
    assert_int_equal(v->style, '|');
    assert_int_equal(v->indent, 4);
    assert_string_equal(v->str, "I. Mot\n\n- hai\n");
    bc_diags_free(&d);
    bc_arena_free(&a);
}

/* The reference: the indent of the first non-blank line after `line`
 * (0-based), reading the whole text. */
static int S_ref_indent(const char *s, size_t line)
{
    size_t l = 0;
    for (; *s && l <= line; s++)
        if (*s == '\n')
            l++;
    while (*s) {
        int n = 0;
        while (s[n] == ' ')
            n++;
        if (s[n] && s[n] != '\n' && s[n] != '\r')
            return n;
        const char *nl = strchr(s, '\n');
        if (!nl)
            break;
        s = nl + 1;
    }
    return 0;
}

/* The line table gives what reading the whole text gives, however the
 * bytes are cut into chunks (a stream reads them as libyaml asks), and
 * after the lines above an item are forgotten. */
static void test_line_indents_in_chunks(void **state)
{
    (void)state;
    const char *text = "danh_sach:\n  - noi_dung: |\n\n      I. Mot\n  \n      hai\n"
                       "  - noi_dung: >\r\n    \r\n    \tba\r\n"
                       "  - x: 1\n    y: |\n        bon\n   ";
    size_t n = strlen(text), lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += text[i] == '\n';
    for (size_t cut1 = 0; cut1 <= n; cut1++)
        for (size_t cut2 = cut1; cut2 <= n; cut2 += 3) {
            bc_yaml_lines t;
            memset(&t, 0, sizeof t);
            bc_yaml_lines_feed(&t, text, cut1);
            bc_yaml_lines_feed(&t, text + cut1, cut2 - cut1);
            bc_yaml_lines_feed(&t, text + cut2, n - cut2);
            for (size_t l = 0; l <= lines; l++)
                assert_int_equal(bc_yaml_lines_block_indent(&t, l), S_ref_indent(text, l));
            bc_yaml_lines_forget(&t, 6);
            for (size_t l = 6; l <= lines; l++)
                assert_int_equal(bc_yaml_lines_block_indent(&t, l), S_ref_indent(text, l));
            bc_yaml_lines_free(&t);
        }
}

/* A streamed batch's block scalars carry their indent like a loaded
 * file's, with no second read of the file (it is gone when asked). */
static void test_streamed_block_indent(void **state)
{
    (void)state;
    char path[] = "/tmp/bc-yaml-stream-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("chung: {}\ndanh_sach:\n", f);
    for (int i = 0; i < 300; i++) /* past libyaml's read-ahead */
        fprintf(f, "  - dia_danh: X%d\n    noi_dung: |\n%*sI. MOT %d\n\n%*shai\n", i,
                6 + i % 5, "", i, 6 + i % 5, "");
    fclose(f);
    bc_diags d = BC_DIAGS_INIT;
    bc_yaml_reader *r = bc_yaml_reader_open(path, &d);
    assert_non_null(r);
    unlink(path);
    assert_int_equal(bc_yaml_reader_begin_map(r), 0);
    bc_arena a = BC_ARENA_INIT;
    char *key = NULL;
    int line, col;
    assert_int_equal(bc_yaml_reader_key(r, &key, &line, &col), 1);
    free(key);
    assert_non_null(bc_yaml_reader_value(r, &a, "chung"));
    assert_int_equal(bc_yaml_reader_key(r, &key, &line, &col), 1);
    free(key);
    bc_node *v = NULL;
    assert_int_equal(bc_yaml_reader_begin_list(r, &a, "danh_sach", &v, &line, &col), 1);
    bc_node *item;
    int i = 0;
    while (bc_yaml_reader_item(r, &a, &item) == 1) {
        const bc_node *body = bc_node_get(item, "noi_dung");
        assert_non_null(body);
        assert_int_equal(body->indent, 6 + i % 5);
        assert_int_equal(body->line, 3 + 5 * i + 1);
        bc_arena_reset(&a);
        i++;
    }
    assert_int_equal(i, 300);
    assert_null(d.head);
    bc_yaml_reader_close(r);
    bc_arena_free(&a);
    bc_diags_free(&d);
}

static void test_anchor_alias(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *n = S_load(&a, &d, "x: &k {a: 1}\ny: *k\n");
    assert_non_null(n);
    assert_string_equal(bc_node_path(n, "y.a")->str, "1");
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_syntax_error(void **state)
{
    (void)state;
    /* an unclosed flow map: where it opens, in the clerk's words */
    S_expect_error("a: 1\nb: {c: 2\n", 2, 4, "the map opened here with `{` is not closed");
    S_expect_error("a: 1\n  b: 2\n", 2, 4, "a colon and a space (`: `) inside a text");
    /* a list opened and not closed */
    S_expect_error("a: [x, y\n", 1, 4, "the list opened here with `[` is not closed");
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    /* line 2, column 5: after "b: " and the valid "Ư" */
    S_expect_error("a: 1\nb: \xc6\xaf\xff\n", 2, 5, "invalid UTF-8");
}

static void test_control_character(void **state)
{
    (void)state;
    S_expect_error("a: 1\nho_ten: \"Nguy\\a\"\n", 2, 9, "U+0007");
    S_expect_error("a: 1\nho_ten: \"Nguy\\a\"\n", 2, 9, "ho_ten");
}

static void test_duplicate_key(void **state)
{
    (void)state;
    S_expect_error("so: 1\nten: x\nso: 2\n", 3, 1, "duplicate key `so`");
}

static void test_empty_document(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *n = S_load(&a, &d, "");
    assert_non_null(n);
    assert_int_equal(n->kind, BC_NULL);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_missing_file(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(bc_yaml_load_file(&a, "/nonexistent/x.yaml", &d));
    assert_non_null(strstr(d.head->msg, "cannot open"));
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_merge_rule(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *base = S_load(&a, &d, "k: {a: 1, b: 2}\nl: [1, 2]\ns: x\n");
    bc_node *over = S_load(&a, &d, "k: {b: 3}\nl: [9]\n");
    bc_node *m = bc_node_merge(&a, base, over);
    assert_string_equal(bc_node_path(m, "k.a")->str, "1");
    assert_string_equal(bc_node_path(m, "k.b")->str, "3");
    assert_int_equal(bc_node_get(m, "l")->count, 1);
    assert_string_equal(bc_node_get(m, "s")->str, "x");
    /* the base is untouched */
    assert_string_equal(bc_node_path(base, "k.b")->str, "2");
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_alias_loop_and_bomb(void **state)
{
    (void)state;
    S_expect_error("m: &y {k: *y}\n", 1, 11, "(a loop)");
    /* 8 levels of 10 aliases: 10^8 values if expanded */
    char src[2048] = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 1; i < 9; i++) {
        char line[128];
        snprintf(line, sizeof line, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                 'a' + i, 'a' + i, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1,
                 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1, 'a' + i - 1);
        strcat(src, line);
    }
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(S_load(&a, &d, src));
    assert_non_null(strstr(d.head->msg, "more than 1000000 values"));
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_bad_key_reported_and_map_read_on(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(S_load(&a, &d, "? [x, y]\n: 1\nb: 2\nc: [oops\n"));
    /* the bad key, then the syntax error further on: read in step */
    assert_non_null(strstr(d.head->msg, "a key must be plain text"));
    assert_int_equal(d.head->line, 1);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scalars_as_written),
        cmocka_unit_test(test_nfc_values_and_keys),
        cmocka_unit_test(test_block_scalar_indent),
        cmocka_unit_test(test_line_indents_in_chunks),
        cmocka_unit_test(test_streamed_block_indent),
        cmocka_unit_test(test_anchor_alias),
        cmocka_unit_test(test_syntax_error),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_control_character),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_empty_document),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_merge_rule),
        cmocka_unit_test(test_alias_loop_and_bomb),
        cmocka_unit_test(test_bad_key_reported_and_map_read_on),
    };
    return cmocka_run_group_tests_name("yaml_load", tests, NULL, NULL);
}
