/*
 * fuzz_workbook.c - fuzz target: the workbook reader (package/workbook.h)
 * on sheets a fuzzer writes. The first byte picks the kind: even, the
 * rest is an Excel sheet part (xl/worksheets/sheet1.xml), then, after a
 * NUL byte, its shared strings (fixed ones when there is no NUL), in a
 * package with fixed styles; odd, the rest is a LibreOffice content.xml. Zipped here (a fuzzer that mutated the zip itself would
 * mostly meet bad checksums), then read whole, its rows turned into
 * entries as a batch does.
 */
#include "fuzz_common.h"

#include "input/sheet.h"
#include "package/workbook.h"
#include "report/schema.h"

#include <string.h>
#include <zip.h>

static const char CT[] =
    "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char WB[] =
    "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<sheets><sheet name=\"Ky 1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
static const char WB_RELS[] =
    "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";
static const char SST[] =
    "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<si><t>dia_danh</t></si><si><t>so_lieu.tin_bai</t></si><si><t>nguoi_ky.chuc_danh</t></si>"
    "<si><r><t>Cẩm </t></r><r><t>Vũ_x000D_\n</t></r><rPh><t>x</t></rPh></si></sst>";
static const char STYLES[] =
    "<?xml version=\"1.0\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<numFmts><numFmt numFmtId=\"164\" formatCode=\"#,##0.0;[Red]-#,##0.0\"/></numFmts>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"3\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/>"
    "<xf numFmtId=\"10\"/></cellXfs></styleSheet>";
static const char ODS_MIME[] = "application/vnd.oasis.opendocument.spreadsheet";

static void S_add(zip_t *z, const char *name, const void *data, size_t len)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    if (!s || zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) < 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    bool ods = data[0] & 1;
    const char *base = bc_fuzz_as_file(NULL, 0);
    char path[160];
    snprintf(path, sizeof path, "%s.%s", base, ods ? "ods" : "xlsx");
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        abort();
    if (ods) {
        S_add(z, "mimetype", ODS_MIME, sizeof ODS_MIME - 1);
        S_add(z, "content.xml", data + 1, size - 1);
    } else {
        S_add(z, "[Content_Types].xml", CT, sizeof CT - 1);
        S_add(z, "_rels/.rels", RELS, sizeof RELS - 1);
        S_add(z, "xl/workbook.xml", WB, sizeof WB - 1);
        S_add(z, "xl/_rels/workbook.xml.rels", WB_RELS, sizeof WB_RELS - 1);
        const uint8_t *nul = memchr(data + 1, 0, size - 1);
        size_t sheet_len = nul ? (size_t)(nul - (data + 1)) : size - 1;
        if (nul)
            S_add(z, "xl/sharedStrings.xml", nul + 1, size - 1 - sheet_len - 1);
        else
            S_add(z, "xl/sharedStrings.xml", SST, sizeof SST - 1);
        S_add(z, "xl/styles.xml", STYLES, sizeof STYLES - 1);
        S_add(z, "xl/worksheets/sheet1.xml", data + 1, sheet_len);
    }
    if (zip_close(z) != 0)
        abort();
    bc_workbook w;
    bc_diags d = BC_DIAGS_INIT;
    if (bc_workbook_read(&w, path, &d) == 0) {
        /* the rows as entries, as the batch source takes them */
        bc_sheet_columns *cols = w.count
            ? bc_sheet_columns_read(w.file, w.rows[0].cells, w.rows[0].count,
                                    bc_schema_is_list, &d)
            : NULL;
        bc_arena a = BC_ARENA_INIT;
        for (size_t i = 1; cols && i < w.count; i++) {
            bc_node *row = NULL;
            bc_sheet_row(cols, &a, w.rows[i].cells, w.rows[i].count, w.rows[i].row,
                         w.rows[i].too_many, &row, &d);
            bc_arena_reset(&a);
        }
        bc_arena_free(&a);
        bc_sheet_columns_free(cols);
        bc_workbook_free(&w);
    }
    bc_fuzz_diags_done(&d);
    return 0;
}
