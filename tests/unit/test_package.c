/*
 * test_package.c - writing a package over a base zip: parts deflated
 * ahead of the write (bc_package_deflate, as a batch does) give the very
 * bytes of parts deflated during it; a part replaced after it was deflated
 * is written from its new bytes; and the written zip reads back whole.
 */
#include "test_support.h"

#include "package/package.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const bc_zip_date S_date = {2024, 7, 5};

/* A base package of a small part and a large one, and its zip. */
static void S_base(bc_package *base, bc_buf *zip)
{
    bc_buf big = BC_BUF_INIT;
    for (int i = 0; i < 400; i++)
        bc_buf_printf(&big, "<w:p><w:r><w:t>Dòng %d của báo cáo</w:t></w:r></w:p>", i);
    bc_package_set(base, "[Content_Types].xml", "<Types/>", 8);
    bc_package_set(base, "word/document.xml", big.data, big.len);
    bc_package_set(base, "docProps/core.xml", "<core/>", 7);
    bc_buf_free(&big);
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_write(base, S_date, 6, zip, &d), 0);
    bc_diags_free(&d);
}

/* The parts a report renders: a large document and a small core part. */
static void S_over(bc_package *over, const char *word)
{
    bc_buf big = BC_BUF_INIT;
    for (int i = 0; i < 300; i++)
        bc_buf_printf(&big, "<w:p><w:r><w:t>%s %d, xã Cẩm Vũ</w:t></w:r></w:p>", word, i);
    bc_package_set(over, "word/document.xml", big.data, big.len);
    bc_package_set(over, "docProps/core.xml", "<core>x</core>", 14);
    bc_buf_free(&big);
}

static void S_write(const bc_package *base, const bc_buf *zip,
                    const bc_package *over, bc_buf *out)
{
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_write_over(base, zip->data, zip->len, over, S_date,
                                           1, out, &d),
                     0);
    bc_diags_free(&d);
}

static void test_deflated_ahead_same_bytes(void **state)
{
    (void)state;
    bc_package base = BC_PACKAGE_INIT;
    bc_buf zip = BC_BUF_INIT;
    S_base(&base, &zip);

    bc_package plain = BC_PACKAGE_INIT, ahead = BC_PACKAGE_INIT;
    S_over(&plain, "Mục");
    S_over(&ahead, "Mục");
    bc_package_deflate(&ahead, 1);
    const bc_part *doc = bc_package_find(&ahead, "word/document.xml");
    assert_non_null(doc->deflated);                 /* large: deflated */
    assert_true(doc->deflated_len < doc->len);
    assert_null(bc_package_find(&ahead, "docProps/core.xml")->deflated); /* small */

    bc_buf a = BC_BUF_INIT, b = BC_BUF_INIT;
    S_write(&base, &zip, &plain, &a);
    S_write(&base, &zip, &ahead, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);

    /* the zip reads back with the rendered parts' bytes */
    bc_package back = BC_PACKAGE_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_read_mem(&back, "out.docx", b.data, b.len, &d), 0);
    const bc_part *got = bc_package_find(&back, "word/document.xml");
    const bc_part *want = bc_package_find(&plain, "word/document.xml");
    assert_int_equal(got->len, want->len);
    assert_memory_equal(got->data, want->data, want->len);

    bc_package_free(&back);
    bc_diags_free(&d);
    bc_buf_free(&a);
    bc_buf_free(&b);
    bc_package_free(&plain);
    bc_package_free(&ahead);
    bc_package_free(&base);
    bc_buf_free(&zip);
}

/* Replacing a part drops what was deflated from its old bytes. */
static void test_replaced_part_not_stale(void **state)
{
    (void)state;
    bc_package base = BC_PACKAGE_INIT;
    bc_buf zip = BC_BUF_INIT;
    S_base(&base, &zip);

    bc_package over = BC_PACKAGE_INIT, fresh = BC_PACKAGE_INIT;
    S_over(&over, "Cũ");
    bc_package_deflate(&over, 1);
    S_over(&fresh, "Mới");
    const bc_part *nd = bc_package_find(&fresh, "word/document.xml");
    bc_package_set(&over, "word/document.xml", nd->data, nd->len);
    assert_null(bc_package_find(&over, "word/document.xml")->deflated);

    bc_buf a = BC_BUF_INIT, b = BC_BUF_INIT;
    S_write(&base, &zip, &over, &a);
    S_write(&base, &zip, &fresh, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);

    bc_buf_free(&a);
    bc_buf_free(&b);
    bc_package_free(&over);
    bc_package_free(&fresh);
    bc_package_free(&base);
    bc_buf_free(&zip);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deflated_ahead_same_bytes),
        cmocka_unit_test(test_replaced_part_not_stale),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
