/*
 * test_path_ext.c - default output names: the last component's extension
 * replaced, folders with dots and names beginning with a dot left alone.
 */
#include "test_support.h"

#include "base/path_ext.h"

#include <stdlib.h>
#include <string.h>

static void S_expect(const char *path, const char *ending, const char *want)
{
    char *got = bc_path_ext_replace(path, ending);
    assert_string_equal(got, want);
    free(got);
}

static void test_extension_replaced(void **state)
{
    (void)state;
    S_expect("bao-cao.yaml", ".docx", "bao-cao.docx");
    S_expect("out/cam-vu.docx", ".pdf", "out/cam-vu.pdf");
    S_expect("bao-cao.PDF", "-da-ky.pdf", "bao-cao-da-ky.pdf");
    S_expect("bc.v2.txt", ".yaml", "bc.v2.yaml");
}

static void test_no_extension(void **state)
{
    (void)state;
    S_expect("bao-cao", ".docx", "bao-cao.docx");
    S_expect("nam.2023/bao-cao", ".docx", "nam.2023/bao-cao.docx");
    S_expect(".bao-cao", ".yaml", ".bao-cao.yaml");
    S_expect("dir/.bao-cao", ".yaml", "dir/.bao-cao.yaml");
    S_expect("", ".docx", ".docx");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extension_replaced),
        cmocka_unit_test(test_no_extension),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
