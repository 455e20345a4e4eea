/*
 * test_warn_digest.c - unit tests of warn_digest.c: errors and the first
 * entries' warnings shown, later warnings counted per rule, the kept
 * finding the lowest entry's whatever the order they arrive in.
 */
#include "test_support.h"

#include "app/warn_digest.h"

#include <string.h>

static bc_diag S_diag(bc_severity sev, const char *id)
{
    bc_diag g;
    memset(&g, 0, sizeof g);
    g.severity = sev;
    g.id = (char *)id;
    g.msg = (char *)"m";
    return g;
}

static void test_shown(void **state)
{
    (void)state;
    bc_warn_digest w = BC_WARN_DIGEST_INIT;
    bc_diag warn = S_diag(BC_WARNING, "L22"), err = S_diag(BC_ERROR, "L24");
    for (size_t i = 1; i <= BC_WARN_FULL_ENTRIES; i++)
        assert_int_equal(bc_warn_digest_add(&w, i, &warn), BC_WARN_SHOW);
    assert_int_equal(bc_warn_digest_add(&w, 500, &err), BC_WARN_SHOW);
    assert_int_equal(w.count, 0);
    bc_warn_digest_free(&w);
}

static void test_counted_and_kept(void **state)
{
    (void)state;
    bc_warn_digest w = BC_WARN_DIGEST_INIT;
    bc_diag l22 = S_diag(BC_WARNING, "L22"), l31 = S_diag(BC_WARNING, "L31");
    /* workers finish out of order: 9, then 7 (twice), then 12 */
    assert_int_equal(bc_warn_digest_add(&w, 9, &l22), BC_WARN_KEEP);
    bc_warn_digest_keep(&w, &l22, "nine");
    assert_int_equal(bc_warn_digest_add(&w, 7, &l22), BC_WARN_KEEP);
    bc_warn_digest_keep(&w, &l22, "seven");
    assert_int_equal(bc_warn_digest_add(&w, 7, &l22), BC_WARN_COUNTED);
    assert_int_equal(bc_warn_digest_add(&w, 12, &l22), BC_WARN_COUNTED);
    assert_int_equal(bc_warn_digest_add(&w, 20, &l31), BC_WARN_KEEP);
    bc_warn_digest_keep(&w, &l31, "twenty");
    bc_warn_digest_sort(&w);
    assert_int_equal(w.count, 2);
    assert_string_equal(w.rules[0].id, "L22");
    assert_string_equal(w.rules[0].first_line, "seven");
    assert_int_equal(w.rules[0].first_index, 7);
    assert_int_equal(w.rules[0].findings, 4);
    assert_int_equal(w.rules[0].entries, 3);
    assert_string_equal(w.rules[1].first_line, "twenty");
    assert_int_equal(w.rules[1].findings, 1);
    bc_warn_digest_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shown),
        cmocka_unit_test(test_counted_and_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
