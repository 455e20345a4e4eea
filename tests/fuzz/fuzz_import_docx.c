/*
 * fuzz_import_docx.c - fuzz target: the import's .docx reader
 * (import/import_docx.c). Input starting with "PK" is read as the .docx
 * file itself (the zip, the refusals); any other input is split at the
 * first two "\x01\x01" into word/document.xml, word/numbering.xml and
 * word/styles.xml of a package made here, so that the fuzzer works on the
 * XML the reader walks (runs, fields, numbering, styles, tables) rather
 * than on deflated bytes.
 */
#include "fuzz_common.h"

#include "import/import_doc.h"
#include "import/import_docx.h"
#include "package/package.h"

static void S_read(const char *path)
{
    bc_import_doc doc;
    bc_import_doc_init(&doc, path, 0);
    bc_diags d = BC_DIAGS_INIT;
    if (bc_import_docx_read(path, &doc, &d) == 0) {
        /* every string is there and NUL-terminated */
        size_t total = 0;
        for (size_t i = 0; i < doc.n_blocks; i++) {
            const bc_import_block *b = &doc.blocks[i];
            if (b->kind == BC_IMPORT_BLOCK_PARA) {
                total += strlen(b->u.para.text);
                continue;
            }
            for (size_t c = 0; c < b->u.table.rows * b->u.table.cols; c++)
                for (size_t k = 0; k < b->u.table.cells[c].n_paras; k++)
                    total += strlen(b->u.table.cells[c].paras[k].text);
        }
        (void)total;
    }
    bc_import_doc_free(&doc);
    bc_fuzz_diags_done(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size >= 2 && data[0] == 'P' && data[1] == 'K') {
        S_read(bc_fuzz_as_file(data, size));
        return 0;
    }
    static const char *const names[3] = {"word/document.xml", "word/numbering.xml",
                                          "word/styles.xml"};
    bc_package p = BC_PACKAGE_INIT;
    const uint8_t *at = data, *end = data + size;
    for (int k = 0; k < 3 && at <= end; k++) {
        const uint8_t *sep = k < 2 ? memmem(at, (size_t)(end - at), "\x01\x01", 2) : NULL;
        const uint8_t *stop = sep ? sep : end;
        bc_package_set(&p, names[k], at, (size_t)(stop - at));
        if (!sep)
            break;
        at = sep + 2;
    }
    bc_buf zip = BC_BUF_INIT;
    bc_diags d = BC_DIAGS_INIT;
    if (bc_package_write(&p, (bc_zip_date){2024, 1, 1}, 1, &zip, &d) == 0)
        S_read(bc_fuzz_as_file((const uint8_t *)zip.data, zip.len));
    bc_buf_free(&zip);
    bc_package_free(&p);
    bc_fuzz_diags_done(&d);
    return 0;
}
