/*
 * test_workbook.c - package/workbook.h: the sheets of .xlsx and .ods
 * workbooks as a clerk sees them. The fixtures saved by LibreOffice Calc
 * (tests/fixtures/batch/xa.xlsx, xa.ods: a date, a grouped number, a
 * number typed as text, a list cell, a formula, a hidden column, an empty
 * trailing row, a second sheet); and packages written here for what Excel
 * writes and Calc does not: inline strings, rich-text shared strings with
 * phonetic runs, _xHHHH_ escapes, booleans, the 1904 date system, built-in
 * number formats (#,##0, 0.00%, dates), a hidden first sheet, a hidden
 * row, an error cell, a formula saved without its value, a cell naming a
 * shared string that does not exist; and files that are no workbook.
 */
#include "test_support.h"

#include "package/workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#define FIX BC_SOURCE_DIR "/tests/fixtures/batch/"

/* The text of the cell at sheet row `row`, sheet column `col` (A = 1),
 * or NULL when the row or the cell is not there. */
static const char *S_cell(const bc_workbook *w, int row, int col, bc_sheet_cell *out)
{
    static char text[4096];
    for (size_t r = 0; r < w->count; r++) {
        if (w->rows[r].row != row)
            continue;
        for (size_t c = 0; c < w->rows[r].count; c++) {
            const bc_sheet_cell *cell = &w->rows[r].cells[c];
            if (cell->col != col)
                continue;
            if (out)
                *out = *cell;
            snprintf(text, sizeof text, "%.*s", (int)cell->len, cell->text ? cell->text : "");
            return text;
        }
    }
    return NULL;
}

static void S_read_ok(bc_workbook *w, const char *path)
{
    bc_diags d = BC_DIAGS_INIT;
    int rc = bc_workbook_read(w, path, &d);
    if (rc != 0) {
        char *f = d.head ? bc_diag_format(d.head) : NULL;
        fail_msg("%s: %s", path, f ? f : "(no message)");
    }
    bc_diags_free(&d);
}

/* The first error's formatted message after a read that must fail. */
static char *S_read_fails(const char *path)
{
    bc_workbook w;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_workbook_read(&w, path, &d), -1);
    assert_non_null(d.head);
    char *msg = bc_diag_format(d.head);
    bc_diags_free(&d);
    return msg;
}

static void test_calc_first_sheet(void **state)
{
    (void)state;
    const char *books[] = {FIX "xa.xlsx", FIX "xa.ods"};
    for (int i = 0; i < 2; i++) {
        bc_workbook w;
        S_read_ok(&w, books[i]);
        assert_string_equal(w.sheet, "Ky 1");
        assert_int_equal(w.count, 3);
        assert_string_equal(S_cell(&w, 1, 4, NULL), "so_lieu.tin_bai");
        bc_sheet_cell c;
        assert_string_equal(S_cell(&w, 2, 3, &c), "17");
        assert_int_equal(c.kind, BC_SHEET_NUMBER);
        assert_string_equal(S_cell(&w, 3, 4, &c), "5.120");
        assert_int_equal(c.kind, BC_SHEET_TEXT);
        assert_string_equal(S_cell(&w, 2, 7, NULL), "có \"ngoặc\" và ; chấm phẩy");
        const char *empty = S_cell(&w, 3, 3, NULL);
        assert_true(!empty || !*empty);
        bc_workbook_free(&w);
    }
}

static void test_calc_second_sheet(void **state)
{
    (void)state;
    const char *books[] = {FIX "xa.xlsx#Ky 2", FIX "xa.ods#Ky 2"};
    for (int i = 0; i < 2; i++) {
        bc_workbook w;
        S_read_ok(&w, books[i]);
        assert_string_equal(w.sheet, "Ky 2");
        assert_int_equal(w.count, 3); /* the empty trailing row is no row */
        assert_string_equal(S_cell(&w, 2, 4, NULL), "2024-07-05");   /* a date */
        assert_string_equal(S_cell(&w, 2, 5, NULL), "5.120");        /* #,##0 */
        assert_string_equal(S_cell(&w, 2, 7, NULL), "5123");         /* a formula */
        assert_string_equal(S_cell(&w, 2, 8, NULL),
                            "TM. Ủy ban nhân dân\nKT. Chủ tịch\nPhó Chủ tịch");
        assert_null(S_cell(&w, 2, 10, NULL));                        /* hidden */
        assert_string_equal(S_cell(&w, 2, 11, NULL), "98,6");        /* 0.0 */
        assert_string_equal(S_cell(&w, 3, 11, NULL), "100,0");
        assert_string_equal(S_cell(&w, 3, 6, NULL), "0");
        bc_workbook_free(&w);
    }
}

/* ---- packages written here ----------------------------------------------------- */

typedef struct part {
    const char *name, *xml;
} part;

static const char *S_write_zip(const char *name, const part *parts, size_t n)
{
    static char path[512];
    snprintf(path, sizeof path, BC_BUILD_DIR "/test-workbook-%s", name);
    unlink(path);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *src = zip_source_buffer(z, parts[i].xml, strlen(parts[i].xml), 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return path;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char CT[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>";
static const char RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char WB_RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";
/* Excel's own built-in formats by id: 3 #,##0, 10 0.00%, 14 a date; 164 a
 * custom date */
static const char STYLES[] =
    "<?xml version=\"1.0\"?><styleSheet " NS ">"
    "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy;@\"/></numFmts>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"3\"/><xf numFmtId=\"10\"/>"
    "<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
static const char SST[] =
    "<?xml version=\"1.0\"?><sst " NS " count=\"3\" uniqueCount=\"3\">"
    "<si><t>co_quan</t></si>"
    "<si><r><rPr><b/></rPr><t>Ủy ban </t></r><r><t xml:space=\"preserve\">nhân dân xã A</t></r>"
    "<rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
    "<si><t>TM. Ủy ban nhân dân_x000D_\nChủ tịch</t></si></sst>";

static const char *S_excel_book(const char *name, const char *sheet2, bool date1904)
{
    static char wb[1024]; /* zip_source_buffer reads it at zip_close */
    snprintf(wb, sizeof wb,
             "<?xml version=\"1.0\"?><workbook " NS ">%s<sheets>"
             "<sheet name=\"Huong dan\" sheetId=\"1\" state=\"hidden\" r:id=\"rId1\"/>"
             "<sheet name=\"Ky 1\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>",
             date1904 ? "<workbookPr date1904=\"1\"/>" : "");
    const part parts[] = {
        {"[Content_Types].xml", CT},
        {"_rels/.rels", RELS},
        {"xl/workbook.xml", wb},
        {"xl/_rels/workbook.xml.rels", WB_RELS},
        {"xl/styles.xml", STYLES},
        {"xl/sharedStrings.xml", SST},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\">"
         "<c r=\"A1\" t=\"inlineStr\"><is><t>hidden sheet</t></is></c></row></sheetData></worksheet>"},
        {"xl/worksheets/sheet2.xml", sheet2},
    };
    return S_write_zip(name, parts, sizeof parts / sizeof parts[0]);
}

static const char GOOD_SHEET[] =
    "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>so</t></is></c>"
    "<c r=\"C1\" t=\"inlineStr\"><is><t>co</t></is></c><c r=\"D1\" t=\"inlineStr\"><is><t>ty_le</t></is></c>"
    "<c r=\"E1\" t=\"inlineStr\"><is><t>ngay</t></is></c><c r=\"F1\" t=\"inlineStr\"><is><t>ky</t></is></c>"
    "<c r=\"G1\" t=\"inlineStr\"><is><t>luot</t></is></c><c r=\"H1\" t=\"inlineStr\"><is><t>den</t></is></c></row>"
    "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c><c r=\"B2\" s=\"1\"><v>1234567</v></c>"
    "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" s=\"2\"><v>0.9865</v></c>"
    "<c r=\"E2\" s=\"3\"><v>45478</v></c><c r=\"F2\" t=\"s\"><v>2</v></c>"
    "<c r=\"G2\"><v>0.1</v></c><c r=\"H2\" s=\"4\"><f>E2+3</f><v>45481</v></c></row>"
    "<row r=\"3\" hidden=\"1\"><c r=\"A3\" t=\"inlineStr\"><is><t>a hidden row</t></is></c></row>"
    "<row r=\"4\"><c r=\"A4\" t=\"str\"><f>\"x\"&amp;\"y\"</f><v>xy</v></c><c r=\"C4\" t=\"b\"><v>0</v></c>"
    "<c r=\"G4\"><v>-12.5</v></c></row>"
    "</sheetData></worksheet>";

static void test_excel_cells(void **state)
{
    (void)state;
    const char *path = S_excel_book("excel.xlsx", GOOD_SHEET, false);
    bc_workbook w;
    S_read_ok(&w, path); /* the hidden first sheet is passed over */
    assert_string_equal(w.sheet, "Ky 1");
    bc_sheet_cell c;
    assert_string_equal(S_cell(&w, 1, 1, NULL), "co_quan");
    assert_string_equal(S_cell(&w, 2, 1, NULL), "Ủy ban nhân dân xã A"); /* runs, no rPh */
    assert_string_equal(S_cell(&w, 2, 2, NULL), "1.234.567");
    assert_string_equal(S_cell(&w, 2, 3, &c), "");
    assert_int_equal(c.kind, BC_SHEET_BOOL);
    assert_true(c.boolean);
    assert_string_equal(S_cell(&w, 2, 4, NULL), "98,65%");
    assert_string_equal(S_cell(&w, 2, 5, NULL), "2024-07-05");
    assert_string_equal(S_cell(&w, 2, 6, NULL), "TM. Ủy ban nhân dân\nChủ tịch"); /* _x000D_ dropped */
    assert_string_equal(S_cell(&w, 2, 7, NULL), "0,1");
    assert_string_equal(S_cell(&w, 2, 8, NULL), "2024-07-08");
    assert_null(S_cell(&w, 3, 1, NULL));
    assert_string_equal(S_cell(&w, 4, 1, NULL), "xy");
    assert_string_equal(S_cell(&w, 4, 3, &c), "");
    assert_false(c.boolean);
    assert_string_equal(S_cell(&w, 4, 7, NULL), "-12,5");
    bc_workbook_free(&w);

    /* the hidden sheet by name, and the 1904 date system */
    char spec[600];
    snprintf(spec, sizeof spec, "%s#Huong dan", path);
    S_read_ok(&w, spec);
    assert_string_equal(S_cell(&w, 1, 1, NULL), "hidden sheet");
    bc_workbook_free(&w);
    path = S_excel_book("excel1904.xlsx", GOOD_SHEET, true);
    S_read_ok(&w, path);
    assert_string_equal(S_cell(&w, 2, 5, NULL), "2028-07-06");
    bc_workbook_free(&w);
}

static void test_excel_refusals(void **state)
{
    (void)state;
    char *m = S_read_fails(S_excel_book("error.xlsx",
        "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\">"
        "<c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"5\">"
        "<c r=\"C5\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData></worksheet>", false));
    assert_non_null(strstr(m, "error.xlsx: sheet \"Ky 1\", cell C5: error: the cell holds the error #DIV/0!"));
    free(m);
    m = S_read_fails(S_excel_book("novalue.xlsx",
        "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\">"
        "<c r=\"B1\"><f>SUM(A2:A9)</f></c></row></sheetData></worksheet>", false));
    assert_non_null(strstr(m, "cell B1: error: the cell's formula was saved without its value"));
    free(m);
    m = S_read_fails(S_excel_book("badsst.xlsx",
        "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\">"
        "<c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>", false));
    assert_non_null(strstr(m, "cell A1: error: the cell names shared string 99"));
    free(m);
    m = S_read_fails(S_excel_book("badxml.xlsx", "<worksheet><sheetData><row>", false));
    assert_non_null(strstr(m, "is not well-formed XML"));
    free(m);
}

static void test_not_workbooks(void **state)
{
    (void)state;
    char *m = S_read_fails(FIX "not-a-zip.xlsx");
    assert_non_null(strstr(m, "not-a-zip.xlsx: error: is not a workbook"));
    free(m);
    m = S_read_fails(BC_BUILD_DIR "/no-such-book.xlsx");
    assert_non_null(strstr(m, "cannot open"));
    free(m);
    m = S_read_fails(BC_BUILD_DIR);
    assert_non_null(strstr(m, "is not a file"));
    free(m);
    const part word[] = {{"[Content_Types].xml", CT}, {"word/document.xml", "<w:document/>"}};
    m = S_read_fails(S_write_zip("word.xlsx", word, 2));
    assert_non_null(strstr(m, "is a Word document, not a workbook"));
    free(m);
    const part other[] = {{"hello.txt", "hi"}};
    m = S_read_fails(S_write_zip("other.ods", other, 1));
    assert_non_null(strstr(m, "is a zip but not a workbook"));
    free(m);
    FILE *fp = fopen(BC_BUILD_DIR "/test-workbook-old.xls", "wb");
    assert_non_null(fp);
    static const char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and so on";
    fwrite(ole, 1, sizeof ole - 1, fp);
    fclose(fp);
    m = S_read_fails(BC_BUILD_DIR "/test-workbook-old.xls");
    assert_non_null(strstr(m, "Excel 97-2003"));
    free(m);
    /* a workbook cut short (a download that stopped) */
    fp = fopen(FIX "xa.xlsx", "rb");
    assert_non_null(fp);
    char buf[2048];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    fp = fopen(BC_BUILD_DIR "/test-workbook-cut.xlsx", "wb");
    assert_non_null(fp);
    fwrite(buf, 1, n, fp);
    fclose(fp);
    m = S_read_fails(BC_BUILD_DIR "/test-workbook-cut.xlsx");
    assert_non_null(strstr(m, "test-workbook-cut.xlsx"));
    free(m);
}

static void test_names(void **state)
{
    (void)state;
    assert_true(bc_workbook_is_named("xa.xlsx"));
    assert_true(bc_workbook_is_named("XA.XLSX"));
    assert_true(bc_workbook_is_named("xa.ods#Ky 1"));
    assert_true(bc_workbook_is_named("xa.xlsm"));
    assert_false(bc_workbook_is_named("xa.csv"));
    assert_false(bc_workbook_is_named("xlsx"));
    assert_true(bc_workbook_sniff(FIX "xa.ods"));
    assert_false(bc_workbook_sniff(FIX "xa.csv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_calc_first_sheet),
        cmocka_unit_test(test_calc_second_sheet),
        cmocka_unit_test(test_excel_cells),
        cmocka_unit_test(test_excel_refusals),
        cmocka_unit_test(test_not_workbooks),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
