/*
 * test_import_docx.c - the .docx reader of the import (import/import_docx.c)
 * on small documents made here: split runs and emphasis stretches (their
 * markers outside spaces, whole-paragraph flags, the markup parsing back to
 * the same emphasis), bold from styles through basedOn chains and
 * docDefaults, Word's numbering written out (multi-level "%1.%2.",
 * upperRoman, lowerLetter "%1)", restarts, startOverride, bullets),
 * centring by spaces collapsed, hard breaks joined, tables (a header table
 * without borders, a figures table with borders and merged cells, a nested
 * table), tracked changes and field codes, page breaks, paragraph numbers,
 * text boxes, escapes and NFC, bounds (cyclic styles, levels out of
 * range, huge counters), a report typed the way clerks type it (header
 * table with drawn rules, auto-numbered headings, centring by spaces, a
 * figures table, Nơi nhận with a bulleted list), and the errors for
 * files that are no .docx.
 */
#include "test_support.h"

#include "base/diag.h"
#include "import/import_doc.h"
#include "import/import_docx.h"
#include "import/import_docx_numbering.h"
#include "package/package.h"
#include "report/body_markup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define DOC_OPEN                                                                       \
    HEAD "<w:document xmlns:w=\"" W_NS "\" "                                           \
         "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "   \
         "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" " \
         "xmlns:v=\"urn:schemas-microsoft-com:vml\"><w:body>"
#define DOC_CLOSE "</w:body></w:document>"

#define P(x) "<w:p>" x "</w:p>"
#define PP(ppr, x) "<w:p><w:pPr>" ppr "</w:pPr>" x "</w:p>"
#define R(t) "<w:r><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define RB(t) "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define RI(t) "<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define RBI(t) "<w:r><w:rPr><w:b/><w:i/></w:rPr><w:t xml:space=\"preserve\">" t "</w:t></w:r>"
#define NUM(id, lvl) "<w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #id "\"/></w:numPr>"

static char S_dir[] = "/tmp/test_import_docx.XXXXXX";
static int S_files;

/* Writes bytes to a new file of the temporary folder; its path (static). */
static const char *S_file(const char *name, const void *data, size_t len)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%d-%s", S_dir, ++S_files, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
    return path;
}

/* A .docx of the parts given (NULL: left out) as a file. */
static const char *S_docx_parts(const char *document, const char *styles, const char *numbering)
{
    bc_package p = BC_PACKAGE_INIT;
    static const char types[] =
        HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
             "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
             "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd."
             "openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    static const char rels[] =
        HEAD "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats."
             "org/officeDocument/2006/relationships/officeDocument\" "
             "Target=\"word/document.xml\"/></Relationships>";
    bc_package_set(&p, "[Content_Types].xml", types, strlen(types));
    bc_package_set(&p, "_rels/.rels", rels, strlen(rels));
    if (document)
        bc_package_set(&p, "word/document.xml", document, strlen(document));
    if (styles)
        bc_package_set(&p, "word/styles.xml", styles, strlen(styles));
    if (numbering)
        bc_package_set(&p, "word/numbering.xml", numbering, strlen(numbering));
    bc_buf zip = BC_BUF_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_write(&p, (bc_zip_date){2024, 1, 1}, 6, &zip, &d), 0);
    const char *path = S_file("report.docx", zip.data, zip.len);
    bc_buf_free(&zip);
    bc_diags_free(&d);
    bc_package_free(&p);
    return path;
}

#define STYLES_OPEN HEAD "<w:styles xmlns:w=\"" W_NS "\">"
#define STYLES_CLOSE "</w:styles>"
#define NUMBERING_OPEN HEAD "<w:numbering xmlns:w=\"" W_NS "\">"
#define NUMBERING_CLOSE "</w:numbering>"

/* Reads a document of that body (styles, numbering: whole parts or NULL). */
static void S_read(bc_import_doc *doc, const char *body, const char *styles,
                   const char *numbering)
{
    bc_buf x = BC_BUF_INIT;
    bc_buf_puts(&x, DOC_OPEN);
    bc_buf_puts(&x, body);
    bc_buf_puts(&x, DOC_CLOSE);
    const char *path = S_docx_parts(x.data, styles, numbering);
    bc_buf_free(&x);
    bc_import_doc_init(doc, "report.docx", 0);
    bc_diags d = BC_DIAGS_INIT;
    int rc = bc_import_docx_read(path, doc, &d);
    if (rc != 0 && d.head)
        fprintf(stderr, "%s\n", d.head->msg);
    assert_int_equal(rc, 0);
    assert_int_equal(d.errors, 0);
    bc_diags_free(&d);
}

static const bc_import_para *S_p(const bc_import_doc *doc, size_t i)
{
    assert_true(i < doc->n_blocks);
    assert_int_equal(doc->blocks[i].kind, BC_IMPORT_BLOCK_PARA);
    return &doc->blocks[i].u.para;
}

static const bc_import_table *S_t(const bc_import_doc *doc, size_t i)
{
    assert_true(i < doc->n_blocks);
    assert_int_equal(doc->blocks[i].kind, BC_IMPORT_BLOCK_TABLE);
    return &doc->blocks[i].u.table;
}

/* The texts of every paragraph of the body, "|"-joined (cells aside). */
static char *S_texts(const bc_import_doc *doc)
{
    bc_buf b = BC_BUF_INIT;
    for (size_t i = 0; i < doc->n_blocks; i++) {
        if (i)
            bc_buf_putc(&b, '|');
        if (doc->blocks[i].kind == BC_IMPORT_BLOCK_PARA)
            bc_buf_puts(&b, doc->blocks[i].u.para.text);
        else
            bc_buf_puts(&b, "<table>");
    }
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

#define ASSERT_TEXTS(doc, want)                \
    do {                                       \
        char *got_ = S_texts(doc);             \
        assert_string_equal(got_, want);       \
        free(got_);                            \
    } while (0)

/* ---- text and emphasis ------------------------------------------------------- */

static void test_split_runs_and_stretches(void **state)
{
    (void)state;
    bc_import_doc doc;
    S_read(&doc,
           P(RB("Tình ") RB("hình") R(" chung của xã"))
           P(R("Kết quả ") RB("nổi ") RB(" bật ") R("và ") RI("đáng") RI(" chú ý") R(", ")
             RBI("rất") R(" tốt."))
           P(R("Giữa") RB("từ") R("ngữ"))
           P(RB("Tình hình ") R("x"))
           P(R("Chữ ") RB("đậm") RBI("nghiêng") R(" sau")),
           NULL, NULL);
    ASSERT_TEXTS(&doc, "**Tình hình** chung của xã|"
                       "Kết quả **nổi bật** và *đáng chú ý*, ***rất*** tốt.|"
                       "Giữa**từ**ngữ|"
                       "**Tình hình** x|"
                       "Chữ **đậmnghiêng** sau");
    for (size_t i = 0; i < doc.n_blocks; i++) {
        assert_false(S_p(&doc, i)->bold);
        assert_false(S_p(&doc, i)->italic);
        assert_false(S_p(&doc, i)->numbered);
        assert_int_equal(S_p(&doc, i)->line, (int)i + 1);
    }
    /* the markup reads back as the emphasis the runs had */
    bc_block blk;
    memset(&blk, 0, sizeof blk);
    const char *t = S_p(&doc, 1)->text;
    bc_body_markup_inline(t, strlen(t), &blk);
    assert_string_equal(blk.text, "Kết quả nổi bật và đáng chú ý, rất tốt.");
    assert_int_equal(blk.span_count, 3);
    assert_true(blk.spans[0].bold && !blk.spans[0].italic);
    assert_int_equal(blk.spans[0].len, strlen("nổi bật"));
    assert_true(!blk.spans[1].bold && blk.spans[1].italic);
    assert_int_equal(blk.spans[1].len, strlen("đáng chú ý"));
    assert_true(blk.spans[2].bold && blk.spans[2].italic);
    free(blk.text);
    free(blk.spans);
    bc_import_doc_free(&doc);
}

static void test_whole_paragraph_flags(void **state)
{
    (void)state;
    bc_import_doc doc;
    S_read(&doc,
           P(RB("  BÁO CÁO ") RB("TÌNH HÌNH  "))
           P(RI("Kính gửi: ") RBI("Ủy ban") RI(" nhân dân huyện"))
           P(RBI("Nơi nhận:"))
           P(RB("Đậm") R("   ")),
           NULL, NULL);
    ASSERT_TEXTS(&doc, "BÁO CÁO TÌNH HÌNH|Kính gửi: **Ủy ban** nhân dân huyện|Nơi nhận:|Đậm");
    assert_true(S_p(&doc, 0)->bold);
    assert_false(S_p(&doc, 0)->italic);
    assert_false(S_p(&doc, 1)->bold);
    assert_true(S_p(&doc, 1)->italic);
    assert_true(S_p(&doc, 2)->bold);
    assert_true(S_p(&doc, 2)->italic);
    assert_true(S_p(&doc, 3)->bold); /* spaces do not count */
    bc_import_doc_free(&doc);
}

static void test_style_inherited_emphasis(void **state)
{
    (void)state;
    static const char styles[] =
        STYLES_OPEN
        "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"28\"/></w:rPr></w:rPrDefault>"
        "<w:pPrDefault><w:pPr><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Base\"><w:basedOn w:val=\"Normal\"/>"
        "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading\"><w:basedOn w:val=\"Base\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:basedOn w:val=\"Heading\"/>"
        "<w:rPr><w:b w:val=\"0\"/><w:i/></w:rPr></w:style>"
        "<w:style w:type=\"character\" w:styleId=\"Strong\"><w:rPr><w:b w:val=\"true\"/></w:rPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"CoQuan\"><w:rPr><w:caps/><w:b/></w:rPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"LoopA\"><w:basedOn w:val=\"LoopB\"/><w:rPr><w:i/></w:rPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"LoopB\"><w:basedOn w:val=\"LoopA\"/></w:style>"
        STYLES_CLOSE;
    bc_import_doc doc;
    S_read(&doc,
           PP("<w:pStyle w:val=\"Heading\"/>", R("KẾT QUẢ"))
           PP("<w:pStyle w:val=\"Heading\"/>",
              R("Tiêu ") "<w:r><w:rPr><w:b w:val=\"off\"/></w:rPr><w:t>đề</w:t></w:r>")
           PP("<w:pStyle w:val=\"Quote\"/>", R("Trích dẫn"))
           P(R("Một ") "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>từ</w:t></w:r>"
             R(" mạnh"))
           PP("<w:pStyle w:val=\"LoopA\"/><w:jc w:val=\"right\"/>", R("Vòng"))
           P(R("Thường"))
           PP("<w:pStyle w:val=\"CoQuan\"/>", R("Ủy ban nhân dân ")
              "<w:r><w:rPr><w:caps w:val=\"0\"/></w:rPr><w:t>xã</w:t></w:r>")
           P(R("đường ") "<w:r><w:rPr><w:caps/></w:rPr><w:t>đi</w:t></w:r>")
           PP("<w:pStyle w:val=\"Heading\"/>",
              R("Đậm, ") "<w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>lật</w:t></w:r>"),
           styles, NULL);
    ASSERT_TEXTS(&doc, "KẾT QUẢ|**Tiêu** đề|Trích dẫn|Một **từ** mạnh|Vòng|Thường|"
                       "ỦY BAN NHÂN DÂN xã|đường ĐI|**Đậm,** lật");
    assert_true(S_p(&doc, 6)->bold);
    assert_false(S_p(&doc, 8)->bold); /* a bold character style in a bold paragraph style */
    assert_true(S_p(&doc, 0)->bold);
    assert_int_equal(S_p(&doc, 0)->align, BC_IMPORT_ALIGN_CENTER);
    assert_false(S_p(&doc, 1)->bold);
    assert_false(S_p(&doc, 2)->bold);
    assert_true(S_p(&doc, 2)->italic);
    assert_int_equal(S_p(&doc, 2)->align, BC_IMPORT_ALIGN_CENTER);
    assert_false(S_p(&doc, 3)->bold);
    assert_true(S_p(&doc, 4)->italic); /* a cycle of basedOn ends */
    assert_int_equal(S_p(&doc, 4)->align, BC_IMPORT_ALIGN_RIGHT);
    assert_int_equal(S_p(&doc, 5)->align, BC_IMPORT_ALIGN_JUSTIFY); /* docDefaults */
    bc_import_doc_free(&doc);
}

static void test_spaces_breaks_escapes(void **state)
{
    (void)state;
    bc_import_doc doc;
    S_read(&doc,
           PP("<w:jc w:val=\"center\"/>",
              R("            CỘNG HÒA\u00a0\u00a0 XÃ HỘI") "<w:r><w:tab/><w:tab/></w:r>"
              R("CHỦ NGHĨA VIỆT NAM      "))
           P(R("dòng một") "<w:r><w:br/></w:r>" R("dòng hai") "<w:r><w:cr/><w:t>ba</w:t></w:r>")
           P(R("3 * 4 = 12, C:\\thư mục, *** sao"))
           P(R("Hà Nội") "<w:r><w:noBreakHyphen/></w:r>" R("Huế")
             "<w:r><w:sym w:font=\"Symbol\" w:char=\"F0B7\"/><w:softHyphen/></w:r>")
           P(R("Tie\xcc\x82\xcc\x81n đo\xcc\x9b\xcc\x80i"))
           P(R("a&#x9;b\u200b c"))
           PP("<w:jc w:val=\"distribute\"/>", R("1.Tình hình")),
           NULL, NULL);
    ASSERT_TEXTS(&doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|dòng một dòng hai ba|"
                       "3 \\* 4 = 12, C:\\thư mục, \\*\\*\\* sao|Hà Nội-Huế|"
                       "Tiến đời|a b\u200b c|1.Tình hình");
    assert_int_equal(S_p(&doc, 0)->align, BC_IMPORT_ALIGN_CENTER);
    assert_int_equal(S_p(&doc, 6)->align, BC_IMPORT_ALIGN_JUSTIFY);
    assert_false(S_p(&doc, 6)->numbered); /* typed numbering stays as typed */
    /* the escapes read back as literal stars */
    bc_block blk;
    memset(&blk, 0, sizeof blk);
    const char *t = S_p(&doc, 2)->text;
    bc_body_markup_inline(t, strlen(t), &blk);
    assert_string_equal(blk.text, "3 * 4 = 12, C:\\thư mục, *** sao");
    assert_int_equal(blk.span_count, 0);
    free(blk.text);
    free(blk.spans);
    bc_import_doc_free(&doc);

    /* stars and backslashes against the markers */
    S_read(&doc,
           P(RB("a*") R(" và ") RI("*") R(" rồi ") RB("\\x") R("y\\") RB("z") R(" C:\\") RI("d")),
           NULL, NULL);
    t = S_p(&doc, 0)->text;
    assert_string_equal(t, "**a\\*** và *\\** rồi **\\x**y**\\z** C:*\\d*");
    memset(&blk, 0, sizeof blk);
    bc_body_markup_inline(t, strlen(t), &blk);
    assert_string_equal(blk.text, "a* và * rồi \\xy\\z C:\\d");
    assert_int_equal(blk.span_count, 5);
    assert_true(blk.spans[0].bold && blk.spans[0].len == 2);     /* a* */
    assert_true(blk.spans[1].italic && blk.spans[1].len == 1);   /* * */
    assert_true(blk.spans[2].bold && blk.spans[2].len == 2);     /* \x */
    assert_true(blk.spans[3].bold && blk.spans[3].len == 2);     /* \z: the backslash goes with z */
    assert_true(blk.spans[4].italic && blk.spans[4].len == 2);   /* \d */
    free(blk.text);
    free(blk.spans);
    bc_import_doc_free(&doc);
}

static void test_tracked_changes_and_fields(void **state)
{
    (void)state;
    bc_import_doc doc;
    S_read(&doc,
           P(R("Giữ ") "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>bỏ </w:delText></w:r></w:del>"
             "<w:ins w:id=\"2\" w:author=\"A\">" R("thêm") "</w:ins>"
             "<w:moveFrom w:id=\"3\">" R(" dời đi") "</w:moveFrom>"
             "<w:moveTo w:id=\"4\">" R(" dời đến") "</w:moveTo>")
           P(R("Trang ") "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
             "<w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("3")
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" R(" trên 9"))
           P("<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
             "<w:r><w:instrText> IF </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("2024")
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
             "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>" R("Kết quả")
             "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>")
           P("<w:fldSimple w:instr=\" NUMPAGES \">" R("9") "</w:fldSimple>"
             "<w:hyperlink r:id=\"x\" xmlns:r=\"urn:r\">" R(" liên kết") "</w:hyperlink>"
             "<w:smartTag>" R(" thẻ") "</w:smartTag>"
             "<w:sdt><w:sdtPr><w:alias w:val=\"x\"/></w:sdtPr><w:sdtContent>" R(" ô")
             "</w:sdtContent></w:sdt>")
           /* a field never closed: the next paragraph is still read */
           P(R("Hỏng ") "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>" R("mã"))
           P(R("Sau đó")),
           NULL, NULL);
    ASSERT_TEXTS(&doc, "Giữ thêm dời đến|Trang 3 trên 9|Kết quả|9 liên kết thẻ ô|Hỏng|Sau đó");
    bc_import_doc_free(&doc);
}

/* ---- numbering ---------------------------------------------------------------- */

static const char S_numbering[] =
    NUMBERING_OPEN
    "<w:abstractNum w:abstractNumId=\"0\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.%3.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%4)\"/></w:lvl>"
    "<w:lvl w:ilvl=\"4\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/></w:lvl>"
    "<w:lvl w:ilvl=\"5\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"+\"/></w:lvl>"
    "<w:lvl w:ilvl=\"6\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xef\x82\xb7\"/></w:lvl>"
    "<w:lvl w:ilvl=\"7\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xe2\x80\x93\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"1\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%3)\"/>"
    "<w:lvlRestart w:val=\"1\"/></w:lvl>"
    "<w:lvl w:ilvl=\"3\"><w:start w:val=\"999999998\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%4/\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"2\">"
    "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/><w:lvlText w:val=\"%1.\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.%2.\"/><w:isLgl/></w:lvl>"
    "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"none\"/><w:lvlText w:val=\"\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:abstractNum w:abstractNumId=\"3\">"
    "<w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"&#160;Điều&#9; %1.&#9;\"/></w:lvl>"
    "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"&#160;&#9;\"/></w:lvl>"
    "</w:abstractNum>"
    "<w:num w:numId=\"6\"><w:abstractNumId w:val=\"3\"/></w:num>"
    "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
    "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
    "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/>"
    "<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
    "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/></w:num>"
    "<w:num w:numId=\"5\"><w:abstractNumId w:val=\"77\"/></w:num>"
    NUMBERING_CLOSE;

static void test_numbering(void **state)
{
    (void)state;
    static const char styles[] =
        STYLES_OPEN
        "<w:style w:type=\"paragraph\" w:styleId=\"Muc\"><w:pPr>" NUM(1, 1) "</w:pPr>"
        "<w:rPr><w:b/></w:rPr></w:style>"
        STYLES_CLOSE;
    bc_import_doc doc;
    S_read(&doc,
           PP(NUM(1, 0), R("KẾT QUẢ"))
           PP("<w:pStyle w:val=\"Muc\"/>", R("Tình hình"))
           PP(NUM(1, 1), R("Kết quả"))
           PP(NUM(1, 2), R("Nông nghiệp"))
           PP(NUM(1, 2), R("Công nghiệp"))
           PP(NUM(1, 3), R("lúa"))
           PP(NUM(1, 3), R("màu"))
           PP(NUM(1, 4), R("gạch"))
           PP(NUM(1, 5), R("cộng"))
           PP(NUM(1, 6), R("chấm"))
           PP(NUM(1, 7), R("gạch ngang"))
           PP(NUM(1, 0), R("PHƯƠNG HƯỚNG"))
           PP(NUM(1, 1), R("Mục tiêu"))
           PP(NUM(1, 3), R("điểm"))
           PP(NUM(2, 0), R("Một"))
           PP(NUM(2, 1), R("Một một"))
           PP(NUM(2, 2), R("điểm a"))
           PP(NUM(2, 1), R("Một hai"))
           PP(NUM(2, 2), R("điểm b: không bắt đầu lại"))
           PP(NUM(2, 0), R("Hai"))
           PP(NUM(2, 2), R("điểm a lại"))
           PP(NUM(3, 0), R("Năm"))
           PP(NUM(3, 1), R("Năm một"))
           PP(NUM(2, 0), R("Sáu"))
           PP(NUM(4, 0), R("La Mã"))
           PP(NUM(4, 1), R("Lgl"))
           PP(NUM(4, 2), R("không nhãn"))
           PP(NUM(5, 0), R("danh sách không có"))
           PP(NUM(0, 0), R("tắt"))
           PP(NUM(2, 3), R("lớn"))
           PP(NUM(2, 3), R("lớn hơn"))
           PP(NUM(2, 3), R("lớn nhất"))
           PP(NUM(2, 99), R("cấp ngoài"))
           PP(NUM(1, 0), "")
           PP(NUM(6, 0), R("Phạm vi"))
           PP(NUM(6, 1), R("Khoảng trắng")),
           styles, S_numbering);
    ASSERT_TEXTS(&doc,
                 "I. KẾT QUẢ|1. Tình hình|2. Kết quả|2.1. Nông nghiệp|2.2. Công nghiệp|a) lúa|"
                 "b) màu|- gạch|+ cộng|- chấm|- gạch ngang|II. PHƯƠNG HƯỚNG|1. Mục tiêu|"
                 "a) điểm|1. Một|1.1. Một một|a) điểm a|1.2. Một hai|"
                 "b) điểm b: không bắt đầu lại|2. Hai|a) điểm a lại|5. Năm|5.1. Năm một|"
                 "6. Sáu|I. La Mã|1.1. Lgl|không nhãn|danh sách không có|tắt|"
                 "999999998/ lớn|999999999/ lớn hơn|1000000000/ lớn nhất|"
                 "cấp ngoài|III.|Điều 1. Phạm vi|Khoảng trắng");
    assert_true(S_p(&doc, 0)->numbered);
    assert_true(S_p(&doc, 1)->numbered);
    assert_true(S_p(&doc, 1)->bold); /* the style's bold; the label is not counted */
    assert_false(S_p(&doc, 26)->numbered);
    assert_false(S_p(&doc, 27)->numbered);
    assert_false(S_p(&doc, 28)->numbered);
    assert_false(S_p(&doc, 32)->numbered); /* ilvl 99: level 8, not defined */
    assert_true(S_p(&doc, 33)->numbered);
    assert_true(S_p(&doc, 34)->numbered);
    assert_false(S_p(&doc, 35)->numbered); /* a label of spaces only */
    bc_import_doc_free(&doc);
}

static void test_numbering_formats(void **state)
{
    (void)state;
    static const struct {
        const char *fmt;
        long v;
        const char *want;
    } cases[] = {
        {"upperRoman", 4, "IV"},    {"upperRoman", 1994, "MCMXCIV"}, {"lowerRoman", 9, "ix"},
        {"upperRoman", 4000, "4000"}, {"upperRoman", 0, "0"},        {"lowerLetter", 1, "a"},
        {"lowerLetter", 4, "d"},    {"lowerLetter", 5, "e"},         {"lowerLetter", 27, "aa"},
        {"upperLetter", 53, "AAA"}, {"lowerLetter", 0, "0"},         {"decimalZero", 7, "07"},
        {"decimalZero", 12, "12"},  {"decimal", 42, "42"},           {"none", 3, ""},
        {"ordinal", 3, "3"},        {NULL, 8, "8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bc_buf b = BC_BUF_INIT;
        bc_import_docx_numbering_format(&b, cases[i].fmt, cases[i].v);
        assert_string_equal(bc_buf_cstr(&b), cases[i].want);
        bc_buf_free(&b);
    }
}

/* ---- tables -------------------------------------------------------------------- */

static void test_tables(void **state)
{
    (void)state;
    static const char styles[] =
        STYLES_OPEN
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:tblPr/></w:style>"
        "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:basedOn w:val=\"TableNormal\"/>"
        "<w:tblPr><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\"/>"
        "<w:bottom w:val=\"single\"/><w:right w:val=\"single\"/><w:insideH w:val=\"single\"/>"
        "<w:insideV w:val=\"single\"/></w:tblBorders></w:tblPr></w:style>"
        STYLES_CLOSE;
#define TC(x) "<w:tc>" x "</w:tc>"
#define TCP(pr, x) "<w:tc><w:tcPr>" pr "</w:tcPr>" x "</w:tc>"
    bc_import_doc doc;
    S_read(&doc,
           "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"nil\"/><w:bottom w:val=\"none\"/>"
           "</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
           "<w:tr>" TC(P(R("ỦY BAN NHÂN DÂN")) P(RB("XÃ CẨM VŨ")))
           TC(P(RB("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))) "</w:tr>"
           "<w:tr>" TC(P(R("Số: 95/BC-UBND"))) TC(P("") P(RI("Cẩm Vũ, ngày 5 tháng 7 năm 2024")))
           "</w:tr></w:tbl>"
           P(R("Giữa hai bảng"))
           "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>"
           "<w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
           "<w:tr>" TCP("<w:vMerge w:val=\"restart\"/>", P(RB("STT")))
           TCP("<w:gridSpan w:val=\"2\"/>", P(RB("Chỉ tiêu"))) "</w:tr>"
           "<w:tr>" TCP("<w:vMerge/>", P("")) TC(P(R("Tên"))) TC(P(R("Số"))) "</w:tr>"
           "<w:tr>" TC(P(R("1"))) TC(P(R("Lúa")) "<w:tbl><w:tr>" TC(P(R("trong"))) TC(P(R("bảng")))
           "</w:tr></w:tbl>" P(R("sau"))) TC(P(R("1.234"))) "</w:tr>"
           "<w:sdt><w:sdtContent><w:tr>" TC(P(R("2"))) "</w:tr></w:sdtContent></w:sdt>"
           "<w:tr><w:trPr><w:del w:id=\"9\" w:author=\"A\"/></w:trPr>"
           TC(P("<w:del w:id=\"8\"><w:r><w:delText>3</w:delText></w:r></w:del>")) "</w:tr>"
           "</w:tbl>"
           "<w:tbl><w:tr>" TCP("<w:tcBorders><w:bottom w:val=\"single\"/></w:tcBorders>", P(R("kẻ")))
           "</w:tr></w:tbl>"
           "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>" TC(P(R("lùi"))) "</w:tr>"
           "<w:tr>" TC(P(R("a"))) TC(P(R("b"))) "</w:tr></w:tbl>",
           styles, NULL);
    assert_int_equal(doc.n_blocks, 5);
    const bc_import_table *t = S_t(&doc, 0);
    assert_int_equal(t->rows, 2);
    assert_int_equal(t->cols, 2);
    assert_false(t->borders);
    assert_int_equal(t->line, 1);
    assert_int_equal(t->cells[0].n_paras, 2);
    assert_string_equal(t->cells[0].paras[0].text, "ỦY BAN NHÂN DÂN");
    assert_int_equal(t->cells[0].paras[0].line, 1);
    assert_string_equal(t->cells[0].paras[1].text, "XÃ CẨM VŨ");
    assert_true(t->cells[0].paras[1].bold);
    assert_int_equal(t->cells[0].paras[1].line, 2);
    assert_string_equal(t->cells[1].paras[0].text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_int_equal(t->cells[1].paras[0].line, 3);
    assert_string_equal(t->cells[2].paras[0].text, "Số: 95/BC-UBND");
    assert_int_equal(t->cells[3].n_paras, 1); /* the empty paragraph left out */
    assert_string_equal(t->cells[3].paras[0].text, "Cẩm Vũ, ngày 5 tháng 7 năm 2024");
    assert_true(t->cells[3].paras[0].italic);
    assert_int_equal(t->cells[3].paras[0].line, 6);
    assert_int_equal(S_p(&doc, 1)->line, 7);

    t = S_t(&doc, 2);
    assert_int_equal(t->rows, 4);
    assert_int_equal(t->cols, 3);
    assert_true(t->borders);
    assert_int_equal(t->line, 8);
    assert_string_equal(t->cells[0].paras[0].text, "STT");
    assert_string_equal(t->cells[1].paras[0].text, "Chỉ tiêu");
    assert_int_equal(t->cells[2].n_paras, 0);  /* covered by the span */
    assert_int_equal(t->cells[3].n_paras, 0);  /* vMerge continuation */
    assert_string_equal(t->cells[4].paras[0].text, "Tên");
    assert_string_equal(t->cells[5].paras[0].text, "Số");
    assert_string_equal(t->cells[6].paras[0].text, "1");
    /* the nested table's paragraphs in the cell holding it */
    const bc_import_cell *c = &t->cells[7];
    assert_int_equal(c->n_paras, 4);
    assert_string_equal(c->paras[0].text, "Lúa");
    assert_string_equal(c->paras[1].text, "trong");
    assert_string_equal(c->paras[2].text, "bảng");
    assert_string_equal(c->paras[3].text, "sau");
    assert_int_equal(c->paras[1].line, 15);
    assert_int_equal(c->paras[3].line, 17);
    assert_string_equal(t->cells[8].paras[0].text, "1.234");
    assert_string_equal(t->cells[9].paras[0].text, "2"); /* a row in a w:sdt */
    assert_int_equal(t->cells[10].n_paras, 0);

    assert_true(S_t(&doc, 3)->borders); /* a cell's border */
    assert_int_equal(S_t(&doc, 3)->line, 21); /* the deleted row's paragraph counted */
    t = S_t(&doc, 4);
    assert_false(t->borders);           /* no style given: the default, none */
    assert_int_equal(t->cols, 2);
    assert_int_equal(t->cells[0].n_paras, 0);
    assert_string_equal(t->cells[1].paras[0].text, "lùi");
    assert_string_equal(t->cells[2].paras[0].text, "a");
    bc_import_doc_free(&doc);
}

/* ---- page breaks, numbers, text boxes ----------------------------------------- */

static void test_page_breaks_and_numbers(void **state)
{
    (void)state;
    static const char styles[] =
        STYLES_OPEN
        "<w:style w:type=\"paragraph\" w:styleId=\"PL\"><w:pPr><w:pageBreakBefore/></w:pPr></w:style>"
        STYLES_CLOSE;
    bc_import_doc doc;
    S_read(&doc,
           P(R("Một"))                                                /* 1 */
           P("<w:r><w:br w:type=\"page\"/></w:r>" R("Hai"))            /* 2 */
           P(R("Ba") "<w:r><w:br w:type=\"page\"/></w:r>")             /* 3 */
           P(R("Bốn"))                                                /* 4 */
           P("<w:r><w:br w:type=\"page\"/></w:r>")                     /* 5, empty */
           P("")                                                      /* 6 */
           P(R("Bảy"))                                                /* 7 */
           PP("<w:sectPr><w:type w:val=\"continuous\"/></w:sectPr>", R("Tám"))
           P(R("Chín"))                                               /* 9 */
           PP("<w:sectPr/>", R("Mười"))                               /* 10 */
           P(R("Mười một"))                                           /* 11 */
           PP("<w:pStyle w:val=\"PL\"/>", R("Phụ lục"))                /* 12 */
           PP("<w:pageBreakBefore w:val=\"0\"/><w:pStyle w:val=\"PL\"/>", R("Không"))
           P(R("Chữ") "<w:r><w:br w:type=\"page\"/></w:r>" R("giữa"))  /* 14 */
           "<w:del><w:p/></w:del>"                                    /* 15 */
           P(R("Mười sáu"))
           P(R("Chủ ") "<w:r><w:drawing><wps:wsp><wps:txbx><w:txbxContent>" P(R("Hộp một"))
             P(R("Hộp hai")) "</w:txbxContent></wps:txbx></wps:wsp></w:drawing></w:r>" R("đề"))
           "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp>"
           "<wps:txbx><w:txbxContent>" P(R("Chọn")) "</w:txbxContent></wps:txbx></wps:wsp>"
           "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
           P(R("Chọn")) "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
           "</mc:AlternateContent></w:r></w:p>"
           P(R("Cuối"))
           "<w:p><w:r><w:br w:type=\"page\"/></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
           P(R("Hộp sau ngắt trang")) "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>"
           "<w:p><w:pPr><w:pageBreakBefore/></w:pPr>" R("Chủ hộp")
           "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
           P(R("Hộp không ngắt")) "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>",
           styles, NULL);
    ASSERT_TEXTS(&doc, "Một|Hai|Ba|Bốn|Bảy|Tám|Chín|Mười|Mười một|Phụ lục|Không|Chữ giữa|"
                       "Mười sáu|Chủ đề|Hộp một|Hộp hai|Chọn|Cuối|Hộp sau ngắt trang|"
                       "Chủ hộp|Hộp không ngắt");
    static const int page[] = {0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0};
    static const int line[] = {1,  2,  3,  4,  7,  8,  9,  10, 11, 12, 13,
                               14, 16, 17, 18, 19, 21, 23, 25, 26, 27};
    assert_int_equal(doc.n_blocks, 21);
    for (size_t i = 0; i < doc.n_blocks; i++) {
        assert_int_equal(S_p(&doc, i)->page_break, page[i]);
        assert_int_equal(S_p(&doc, i)->line, line[i]);
    }
    bc_import_doc_free(&doc);
}

static void test_text_box_in_cell_and_strict(void **state)
{
    (void)state;
    bc_import_doc doc;
    S_read(&doc,
           "<w:tbl><w:tr><w:tc>"
           P(R("Ô") "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" P(R("hộp"))
             "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
           "</w:tc></w:tr></w:tbl>",
           NULL, NULL);
    const bc_import_table *t = S_t(&doc, 0);
    assert_int_equal(t->cells[0].n_paras, 2);
    assert_string_equal(t->cells[0].paras[0].text, "Ô");
    assert_string_equal(t->cells[0].paras[1].text, "hộp");
    assert_int_equal(t->cells[0].paras[1].line, 2);
    bc_import_doc_free(&doc);

    /* ISO 29500 Strict: another namespace, the same reading */
    const char *strict =
        HEAD "<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
        "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>Nghiêm</w:t>"
        "</w:r></w:p></w:body></w:document>";
    const char *path = S_docx_parts(strict, NULL, NULL);
    bc_import_doc_init(&doc, path, 0);
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_import_docx_read(path, &doc, &d), 0);
    assert_int_equal(doc.n_blocks, 1);
    assert_string_equal(S_p(&doc, 0)->text, "Nghiêm");
    assert_true(S_p(&doc, 0)->bold);
    assert_int_equal(S_p(&doc, 0)->align, BC_IMPORT_ALIGN_CENTER);
    bc_import_doc_free(&doc);
    bc_diags_free(&d);
}

/* ---- a report typed the way clerks type -------------------------------------- */

static void test_clerk_report(void **state)
{
    (void)state;
    static const char styles[] =
        STYLES_OPEN
        "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val=\"28\"/></w:rPr></w:rPrDefault></w:docDefaults>"
        "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:basedOn w:val=\"Normal\"/>"
        "<w:pPr><w:ind w:left=\"720\"/></w:pPr></w:style>"
        "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:basedOn w:val=\"Normal\"/>"
        "<w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr><w:jc w:val=\"both\"/></w:pPr>"
        "<w:rPr><w:b/></w:rPr></w:style>"
        "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"/>"
        "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:tblPr><w:tblBorders>"
        "<w:top w:val=\"single\"/><w:bottom w:val=\"single\"/><w:insideH w:val=\"single\"/>"
        "</w:tblBorders></w:tblPr></w:style>"
        STYLES_CLOSE;
    static const char numbering[] =
        NUMBERING_OPEN
        "<w:abstractNum w:abstractNumId=\"10\"><w:multiLevelType w:val=\"hybridMultilevel\"/>"
        "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
        "<w:lvlText w:val=\"%1.\"/><w:pStyle w:val=\"Heading1\"/></w:lvl>"
        "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%2.\"/></w:lvl>"
        "<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/><w:lvlText w:val=\"%3)\"/></w:lvl>"
        "</w:abstractNum>"
        "<w:abstractNum w:abstractNumId=\"11\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/>"
        "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"-\"/><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr></w:lvl>"
        "</w:abstractNum>"
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"10\"/></w:num>"
        "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"11\"/></w:num>"
        NUMBERING_CLOSE;
    bc_import_doc doc;
    S_read(&doc,
           /* the header: a table, its rules drawn lines */
           "<w:tbl><w:tblPr><w:tblW w:w=\"9356\" w:type=\"dxa\"/></w:tblPr>"
           "<w:tblGrid><w:gridCol w:w=\"3686\"/><w:gridCol w:w=\"5670\"/></w:tblGrid>"
           "<w:tr><w:tc>" PP("<w:jc w:val=\"center\"/>", R("ỦY BAN NHÂN DÂN"))
           PP("<w:jc w:val=\"center\"/>", RB("XÃ CẨM VŨ"))
           PP("<w:jc w:val=\"center\"/>", "<w:r><w:pict><v:line from=\"40pt,2pt\" to=\"100pt,2pt\"/></w:pict></w:r>")
           PP("<w:jc w:val=\"center\"/>", R("Số: 95/BC-UBND")) "</w:tc>"
           "<w:tc>" PP("<w:jc w:val=\"center\"/>", RB("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
           PP("<w:jc w:val=\"center\"/>", RB("Độc lập - Tự do - Hạnh phúc"))
           PP("<w:jc w:val=\"center\"/>", "<w:r><w:pict><v:line from=\"40pt,2pt\" to=\"200pt,2pt\"/></w:pict></w:r>")
           PP("<w:jc w:val=\"right\"/>", RI("Cẩm Vũ, ngày  15  tháng 12 năm 2023"))
           "</w:tc></w:tr></w:tbl>"
           /* the title centred by spaces */
           P(RB("                              BÁO CÁO"))
           P(RB("\t\tKết quả công tác ") RB("tuyên truyền") RB(" năm 2023"))
           PP("<w:pStyle w:val=\"Heading1\"/>", R("KẾT QUẢ THỰC HIỆN"))
           PP("<w:pStyle w:val=\"ListParagraph\"/>" NUM(1, 1), RB("Tình hình ") RB("tổ chức:"))
           PP(NUM(1, 2), R("Ban hành ") RB("Kế hoạch số 17/KH-UBND") R(" ngày 20/02/2023;"))
           PP(NUM(1, 2), R("Tổ chức 9 buổi tuyên truyền lưu động."))
           "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>"
           "<w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
           "<w:tr>" TC(PP("<w:jc w:val=\"center\"/>", RB("Nội dung")))
           TC(PP("<w:jc w:val=\"center\"/>", RB("Số buổi"))) "</w:tr>"
           "<w:tr>" TC(P(R("Lưu động"))) TC(PP("<w:jc w:val=\"right\"/>", R("9"))) "</w:tr></w:tbl>"
           PP("<w:pStyle w:val=\"Heading1\"/>", R("PHƯƠNG HƯỚNG NĂM 2024"))
           P(R("Trên đây là báo cáo./."))
           "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr><w:tc>"
           P(RBI("Nơi nhận:"))
           PP(NUM(2, 0), R("UBND huyện Cẩm Giàng;"))
           PP(NUM(2, 0), R("Lưu: VT."))
           "</w:tc><w:tc>" PP("<w:jc w:val=\"center\"/>", RB("TM. ỦY BAN NHÂN DÂN"))
           PP("<w:jc w:val=\"center\"/>", RB("CHỦ TỊCH")) P("") P("")
           PP("<w:jc w:val=\"center\"/>", RB("NGUYỄN HỮU TUẤN")) "</w:tc></w:tr></w:tbl>",
           styles, numbering);
    assert_int_equal(doc.n_blocks, 11);
    const bc_import_table *h = S_t(&doc, 0);
    assert_false(h->borders);
    assert_int_equal(h->rows, 1);
    assert_int_equal(h->cols, 2);
    assert_int_equal(h->cells[0].n_paras, 3); /* the drawn line's paragraph left out */
    assert_string_equal(h->cells[0].paras[1].text, "XÃ CẨM VŨ");
    assert_true(h->cells[0].paras[1].bold);
    assert_int_equal(h->cells[0].paras[1].align, BC_IMPORT_ALIGN_CENTER);
    assert_string_equal(h->cells[0].paras[2].text, "Số: 95/BC-UBND");
    assert_int_equal(h->cells[0].paras[2].line, 4);
    assert_int_equal(h->cells[1].n_paras, 3);
    assert_string_equal(h->cells[1].paras[2].text, "Cẩm Vũ, ngày 15 tháng 12 năm 2023");
    assert_true(h->cells[1].paras[2].italic);
    assert_int_equal(h->cells[1].paras[2].align, BC_IMPORT_ALIGN_RIGHT);
    ASSERT_TEXTS(&doc, "<table>|BÁO CÁO|Kết quả công tác tuyên truyền năm 2023|"
                       "I. KẾT QUẢ THỰC HIỆN|1. Tình hình tổ chức:|"
                       "a) Ban hành **Kế hoạch số 17/KH-UBND** ngày 20/02/2023;|"
                       "b) Tổ chức 9 buổi tuyên truyền lưu động.|<table>|"
                       "II. PHƯƠNG HƯỚNG NĂM 2024|Trên đây là báo cáo./.|<table>");
    assert_true(S_p(&doc, 1)->bold);
    assert_true(S_p(&doc, 3)->bold && S_p(&doc, 3)->numbered);
    assert_int_equal(S_p(&doc, 3)->align, BC_IMPORT_ALIGN_JUSTIFY);
    assert_true(S_p(&doc, 4)->bold && S_p(&doc, 4)->numbered);
    assert_false(S_p(&doc, 5)->bold);
    const bc_import_table *f = S_t(&doc, 7);
    assert_true(f->borders);
    assert_int_equal(f->rows, 2);
    assert_string_equal(f->cells[3].paras[0].text, "9");
    assert_int_equal(f->cells[3].paras[0].align, BC_IMPORT_ALIGN_RIGHT);
    const bc_import_table *k = S_t(&doc, 10);
    assert_false(k->borders);
    assert_int_equal(k->cells[0].n_paras, 3);
    assert_string_equal(k->cells[0].paras[0].text, "Nơi nhận:");
    assert_true(k->cells[0].paras[0].bold && k->cells[0].paras[0].italic);
    assert_string_equal(k->cells[0].paras[1].text, "- UBND huyện Cẩm Giàng;");
    assert_true(k->cells[0].paras[1].numbered);
    assert_string_equal(k->cells[0].paras[2].text, "- Lưu: VT.");
    assert_int_equal(k->cells[1].n_paras, 3);
    assert_string_equal(k->cells[1].paras[2].text, "NGUYỄN HỮU TUẤN");
    bc_import_doc_free(&doc);
}

/* ---- errors -------------------------------------------------------------------- */

/* Reads path, which must fail; the first error's formatted text. */
static char *S_fails(const char *path)
{
    bc_import_doc doc;
    bc_import_doc_init(&doc, path, 0);
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_import_docx_read(path, &doc, &d), -1);
    assert_true(d.errors >= 1);
    assert_int_equal(doc.n_blocks, 0);
    char *s = bc_diag_format(d.head);
    bc_diags_free(&d);
    bc_import_doc_free(&doc);
    return s;
}

static void S_expect(const char *path, const char *part)
{
    char *s = S_fails(path);
    if (!strstr(s, part))
        fprintf(stderr, "got: %s\n", s);
    assert_non_null(strstr(s, part));
    assert_non_null(strstr(s, path)); /* names the file */
    free(s);
}

static void test_errors(void **state)
{
    (void)state;
    S_expect(S_file("empty.docx", "", 0), "the file is empty");
    static const char pdf[] = "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
    S_expect(S_file("pdf.docx", pdf, sizeof pdf - 1), "this is a PDF file");
    static const unsigned char ole[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0};
    S_expect(S_file("old.docx", ole, sizeof ole), "Word 97-2003 document (.doc)");
    S_expect(S_file("text.docx", "BÁO CÁO\nTình hình\n", 22), "looks like a text file");
    S_expect(S_file("rtf.docx", "{\\rtf1\\ansi hello}", 18), "this is an RTF file");
    S_expect(S_file("html.docx", "<html><body>x</body></html>", 27), "XML or HTML file");
    static const unsigned char junk[] = {0x00, 0x01, 0x02, 0xFF, 0xFE};
    S_expect(S_file("junk.docx", junk, sizeof junk), "starts with the bytes 00 01 02 FF FE");

    /* an .odt renamed: a zip with its mimetype part */
    bc_package p = BC_PACKAGE_INIT;
    const char *mt = "application/vnd.oasis.opendocument.text";
    bc_package_set(&p, "mimetype", mt, strlen(mt));
    bc_package_set(&p, "content.xml", "<office:document-content/>", 27);
    bc_buf zip = BC_BUF_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_write(&p, (bc_zip_date){2024, 1, 1}, 6, &zip, &d), 0);
    S_expect(S_file("odt.docx", zip.data, zip.len),
             "this is an OpenDocument file (application/vnd.oasis.opendocument.text)");
    bc_buf_free(&zip);
    bc_package_free(&p);

    /* an .xlsx renamed, a zip of something else */
    bc_package_set(&p, "xl/workbook.xml", "<workbook/>", 11);
    assert_int_equal(bc_package_write(&p, (bc_zip_date){2024, 1, 1}, 6, &zip, &d), 0);
    S_expect(S_file("xlsx.docx", zip.data, zip.len), "Excel workbook");
    bc_buf_free(&zip);
    bc_package_free(&p);
    bc_package_set(&p, "a.txt", "x", 1);
    assert_int_equal(bc_package_write(&p, (bc_zip_date){2024, 1, 1}, 6, &zip, &d), 0);
    S_expect(S_file("zip.docx", zip.data, zip.len), "holds no word/document.xml");
    bc_buf_free(&zip);
    bc_package_free(&p);
    bc_diags_free(&d);

    /* a main part that does not parse: the part and its line */
    S_expect(S_docx_parts(HEAD "<w:document xmlns:w=\"" W_NS "\">\n<w:body>\n<w:p>\n</w:body>"
                               "</w:document>",
                          NULL, NULL),
             ":word/document.xml:5: error: word/document.xml is not well-formed XML: "
             "Opening and ending tag mismatch: p line 4 and body");
    S_expect(S_docx_parts(HEAD "<root/>", NULL, NULL),
             "word/document.xml is not a Word document part (its root element is <root>)");
    /* a damaged zip: the package reader's message */
    static const char trunc[] = "PK\x03\x04\x14\x00\x00\x00\x08\x00";
    S_expect(S_file("trunc.docx", trunc, sizeof trunc - 1), "cannot open as a .docx");
    S_expect("/nonexistent/dir/report.docx", "cannot open");
    S_expect(S_dir, "cannot open: Is a directory");

    /* styles that do not parse: a warning, the text still read */
    bc_import_doc doc;
    const char *path = S_docx_parts(DOC_OPEN P(RB("Đọc được")) DOC_CLOSE, "<w:styles", NULL);
    bc_import_doc_init(&doc, path, 0);
    assert_int_equal(bc_import_docx_read(path, &doc, &d), 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 1);
    assert_non_null(strstr(d.head->msg, "word/styles.xml is not well-formed XML"));
    assert_string_equal(S_p(&doc, 0)->text, "Đọc được");
    bc_import_doc_free(&doc);
    bc_diags_free(&d);
}

/* ---- bounds ------------------------------------------------------------------------ */

static void test_bounds(void **state)
{
    (void)state;
    /* a basedOn chain of 5000 styles, and 100 nested w:sdt */
    bc_buf st = BC_BUF_INIT, body = BC_BUF_INIT;
    bc_buf_puts(&st, STYLES_OPEN);
    for (int i = 0; i < 5000; i++)
        bc_buf_printf(&st,
                      "<w:style w:type=\"paragraph\" w:styleId=\"S%d\"><w:basedOn w:val=\"S%d\"/>"
                      "%s</w:style>",
                      i, i + 1, i == 4999 ? "<w:rPr><w:b/></w:rPr>" : "");
    bc_buf_puts(&st, STYLES_CLOSE);
    for (int i = 0; i < 100; i++)
        bc_buf_puts(&body, "<w:sdt><w:sdtContent>");
    bc_buf_puts(&body, PP("<w:pStyle w:val=\"S0\"/>", R("sâu")));
    for (int i = 0; i < 100; i++)
        bc_buf_puts(&body, "</w:sdtContent></w:sdt>");
    for (int i = 0; i < 3000; i++)
        bc_buf_printf(&body, "<w:p><w:pPr><w:pStyle w:val=\"S%d\"/></w:pPr>" R("p") "</w:p>", i);
    bc_import_doc doc;
    S_read(&doc, body.data, st.data, NULL);
    assert_int_equal(doc.n_blocks, 3001);
    assert_string_equal(S_p(&doc, 0)->text, "sâu");
    assert_true(S_p(&doc, 0)->bold);    /* S0, 5000 styles away from S4999's bold */
    assert_true(S_p(&doc, 3000)->bold);
    bc_import_doc_free(&doc);
    bc_buf_free(&st);
    bc_buf_free(&body);
}

static int S_setup(void **state)
{
    (void)state;
    return mkdtemp(S_dir) ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", S_dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_runs_and_stretches),
        cmocka_unit_test(test_whole_paragraph_flags),
        cmocka_unit_test(test_style_inherited_emphasis),
        cmocka_unit_test(test_spaces_breaks_escapes),
        cmocka_unit_test(test_tracked_changes_and_fields),
        cmocka_unit_test(test_numbering),
        cmocka_unit_test(test_numbering_formats),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_page_breaks_and_numbers),
        cmocka_unit_test(test_text_box_in_cell_and_strict),
        cmocka_unit_test(test_clerk_report),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_bounds),
    };
    return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
