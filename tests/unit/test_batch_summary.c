/*
 * test_batch_summary.c - app/batch_summary.h: the data of a batch's
 * summary report. Entries kept out of order come out in the batch's
 * order with stt 1, 2, 3; a failed one is left out and named; tong sums
 * the values that read as numbers the Vietnamese way in every entry
 * having them ("5.120", "98,6"; empty and "-" count as nothing), to the
 * most decimals, never a reserved key of a report (so, ky_bao_cao.nam),
 * never a list, never a path some entry holds text at; tong.so_muc counts
 * the entries; a sum past 18 digits is left out with a warning; tong_hop
 * may not set danh_sach or tong; the list of lacking entries names ten.
 */
#include "test_support.h"

#include "app/batch_summary.h"
#include "input/yaml_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bc_node *S_yaml(bc_arena *a, const char *text)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_node *n = bc_yaml_load_mem(a, "t.yaml", text, strlen(text), &d);
    assert_non_null(n);
    assert_int_equal(d.errors, 0);
    bc_diags_free(&d);
    return n;
}

static const char *S_at(const bc_node *root, const char *path)
{
    const bc_node *n = bc_node_path(root, path);
    return n && n->kind == BC_SCALAR ? n->str : NULL;
}

static void test_order_stt_and_sums(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_batch_summary *s = bc_batch_summary_new();
    /* finished out of order, as the batch's threads finish them */
    bc_batch_summary_keep(s, 3, bc_batch_summary_copy(s, 3, S_yaml(&a,
        "dia_danh: C\nso: 9\nstt: 77\nnoi_dung: long text\nphu_luc: [x]\n"
        "ky_bao_cao: {nam: 2024}\n"
        "so_lieu: {tin_bai: '1.250', ty_le: '87,25', ghi: '-', ds: [1, 2], chu: abc}\n")));
    bc_batch_summary_keep(s, 1, bc_batch_summary_copy(s, 1, S_yaml(&a,
        "dia_danh: A\nso: 17\nky_bao_cao: {nam: 2024}\n"
        "so_lieu: {tin_bai: 58, ty_le: '98,6', ghi: 4, ds: [3], chu: 5}\n")));
    bc_batch_summary_lack(s, 2, "B");
    bc_batch_summary_keep(s, 4, bc_batch_summary_copy(s, 4, S_yaml(&a,
        "dia_danh: D\nso: 1\nso_lieu: {tin_bai: '5.120', ty_le: , ghi: ''}\n")));
    assert_int_equal(bc_batch_summary_kept(s), 3);
    assert_int_equal(bc_batch_summary_lacking(s), 1);

    bc_node *tong_hop = S_yaml(&a, "co_quan: Sở Nội vụ\nso: 102\n");
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_batch_summary_input(s, tong_hop, &d);
    assert_non_null(in);
    assert_int_equal(d.errors + d.warnings, 0);
    assert_string_equal(S_at(in, "co_quan"), "Sở Nội vụ");
    assert_string_equal(S_at(in, "so"), "102");
    const bc_node *list = bc_node_get(in, "danh_sach");
    assert_non_null(list);
    assert_int_equal(list->kind, BC_LIST);
    assert_int_equal(list->count, 3);
    const char *names[] = {"A", "C", "D"}, *stt[] = {"1", "2", "3"};
    for (int i = 0; i < 3; i++) {
        assert_string_equal(S_at(list->items[i], "dia_danh"), names[i]);
        assert_string_equal(S_at(list->items[i], "stt"), stt[i]);
        assert_null(bc_node_get(list->items[i], "noi_dung"));
        assert_null(bc_node_get(list->items[i], "phu_luc"));
    }
    assert_string_equal(S_at(in, "tong.so_lieu.tin_bai"), "6.428");
    assert_string_equal(S_at(in, "tong.so_lieu.ty_le"), "185,85");
    assert_string_equal(S_at(in, "tong.so_lieu.ghi"), "4");     /* - and '' are nothing */
    assert_null(bc_node_path(in, "tong.so_lieu.ds"));            /* a list */
    assert_null(bc_node_path(in, "tong.so_lieu.chu"));           /* text in one entry */
    assert_null(bc_node_path(in, "tong.so"));                    /* reserved */
    assert_null(bc_node_path(in, "tong.ky_bao_cao"));
    assert_null(bc_node_path(in, "tong.stt"));
    assert_string_equal(S_at(in, "tong.so_muc"), "3");
    /* tong_hop itself is left as it was */
    assert_null(bc_node_get(tong_hop, "danh_sach"));

    bc_batch_summary_tell_lacking(s, tong_hop, &d);
    assert_int_equal(d.errors, 1);
    assert_non_null(strstr(d.head->msg, "without the entries that failed (1): 2 (B)"));
    bc_diags_free(&d);
    bc_batch_summary_free(s);
    bc_arena_free(&a);
}

static void test_overflow_and_reserved_names(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_batch_summary *s = bc_batch_summary_new();
    for (size_t i = 1; i <= 20; i++)
        bc_batch_summary_keep(s, i, bc_batch_summary_copy(s, i, S_yaml(&a, "x: 99999999999999999\ny: 1\n")));
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_batch_summary_input(s, S_yaml(&a, "co_quan: A\n"), &d);
    assert_non_null(in);
    assert_null(bc_node_path(in, "tong.x"));
    assert_string_equal(S_at(in, "tong.y"), "20");
    assert_int_equal(d.warnings, 1);
    assert_non_null(strstr(d.head->msg, "more than 18 digits: `tong.x` is not given"));
    bc_diags_free(&d);

    bc_diags d2 = BC_DIAGS_INIT;
    assert_null(bc_batch_summary_input(s, S_yaml(&a, "co_quan: A\ntong: 5\n"), &d2));
    assert_int_equal(d2.errors, 1);
    assert_non_null(strstr(d2.head->msg, "`tong_hop` cannot set `tong`"));
    assert_int_equal(d2.head->line, 2);
    bc_diags_free(&d2);
    bc_batch_summary_free(s);
    bc_arena_free(&a);
}

/* An entry copied, then failing (its file could not be written): its
 * values leave the sums again. */
static void test_dropped_copy(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_batch_summary *s = bc_batch_summary_new();
    bc_batch_summary_keep(s, 1, bc_batch_summary_copy(s, 1, S_yaml(&a, "x: 1\nz: a\n")));
    bc_node *dropped = bc_batch_summary_copy(s, 2, S_yaml(&a, "x: 10\ny: 5\nz: b\n"));
    bc_batch_summary_drop(s, dropped);
    bc_batch_summary_lack(s, 2, "B");
    bc_batch_summary_keep(s, 3, bc_batch_summary_copy(s, 3, S_yaml(&a, "x: 100\nz: 7\n")));
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_batch_summary_input(s, S_yaml(&a, "co_quan: A\n"), &d);
    assert_string_equal(S_at(in, "tong.x"), "101");
    assert_null(bc_node_path(in, "tong.y"));
    assert_null(bc_node_path(in, "tong.z"));
    assert_string_equal(S_at(in, "tong.so_muc"), "2");
    /* the same values copied alike share their nodes, and stay right */
    const bc_node *list = bc_node_get(in, "danh_sach");
    assert_string_equal(S_at(list->items[0], "z"), "a");
    assert_string_equal(S_at(list->items[1], "z"), "7");
    bc_diags_free(&d);
    bc_batch_summary_free(s);
    bc_arena_free(&a);
}

static void test_many_lacking(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_batch_summary *s = bc_batch_summary_new();
    for (size_t i = 14; i >= 1; i--) {
        char name[16];
        snprintf(name, sizeof name, "X%zu", i);
        bc_batch_summary_lack(s, i, i == 3 ? "" : name);
    }
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_summary_tell_lacking(s, S_yaml(&a, "co_quan: A\n"), &d);
    assert_non_null(strstr(d.head->msg, "(14): 1 (X1), 2 (X2), 3, 4 (X4), "));
    assert_non_null(strstr(d.head->msg, "10 (X10) and 4 more"));
    bc_diags_free(&d);
    bc_batch_summary_free(s);
    bc_arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_stt_and_sums),
        cmocka_unit_test(test_overflow_and_reserved_names),
        cmocka_unit_test(test_dropped_copy),
        cmocka_unit_test(test_many_lacking),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
