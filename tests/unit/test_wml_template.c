/*
 * test_wml_template.c - the .docx template compiler (wml_scan.c,
 * wml_structure.c, wml_compile.c, wml_template.c, wml_render.c, wml_passes.c,
 * wml_fixup.c) on small
 * packages written here: split tags through proofing marks, bookmarks,
 * hyperlinks and revisions; the standalone rule for paragraphs and rows;
 * run, paragraph, row and list-item loops and the placement suffixes;
 * every error id with its place; values (escaping, line breaks, refused
 * characters); the output invariants (cells end with a paragraph, empty
 * rows and tables dropped, unique ids); styles taken from the built-in
 * template or matched by name; `template check` (tags, data, annotate).
 * Templates made by python-docx and LibreOffice are tested by
 * tests/templates/run.sh.
 */
#include "test_support.h"

#include "base/arena.h"
#include "wml/wml_render.h"
#include "report/template.h"
#include "base/diag.h"
#include "package/package.h"
#include "input/node_view.h"
#include "app/template_check.h"
#include "wml/wml.h"
#include "wml/wml_annotate.h"
#include "wml/wml_template.h"
#include "input/yaml_load.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- building packages ------------------------------------------------------ */

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOC_OPEN                                                               \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"            \
    "<w:document xmlns:w=\"" W_NS "\" "                                        \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"         \
    "relationships\" "                                                         \
    "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/"             \
    "wordprocessingDrawing\" "                                                 \
    "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" " \
    "xmlns:v=\"urn:schemas-microsoft-com:vml\" "                                \
    "xmlns:o=\"urn:schemas-microsoft-com:office:office\" "                      \
    "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"><w:body>"
#define DOC_CLOSE "</w:body></w:document>"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* A paragraph with one run of text. */
#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

typedef struct opts {
    const char *header;  /* header1.xml body (w:p...), or NULL */
    const char *styles;  /* styles.xml w:style elements, or NULL: no styles part */
    const char *footnotes;
    const char *endnotes;
} opts;

static void S_pkg(bc_package *p, const char *body, const opts *o)
{
    bc_buf ct = BC_BUF_INIT, rels = BC_BUF_INIT, doc = BC_BUF_INIT;
    bc_buf_puts(&ct, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\""
                     "http://schemas.openxmlformats.org/package/2006/content-types\">"
                     "<Default Extension=\"rels\" ContentType=\"application/"
                     "vnd.openxmlformats-package.relationships+xml\"/>"
                     "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                     "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_WML
                     "document.main+xml\"/>");
    bc_buf_puts(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                       "relationships\">");
    const char *sect = "";
    if (o && o->header) {
        bc_buf_puts(&ct, "<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_WML
                         "header+xml\"/>");
        bc_buf_puts(&rels, "<Relationship Id=\"rIdH\" Type=\"http://schemas."
                           "openxmlformats.org/officeDocument/2006/relationships/"
                           "header\" Target=\"header1.xml\"/>");
        bc_buf h = BC_BUF_INIT;
        bc_buf_printf(&h, "<?xml version=\"1.0\"?><w:hdr xmlns:w=\"" W_NS "\">%s</w:hdr>",
                      o->header);
        bc_package_set(p, "word/header1.xml", h.data, h.len);
        bc_buf_free(&h);
        sect = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/>"
               "</w:sectPr>";
    }
    if (o && o->footnotes) {
        bc_buf_puts(&ct, "<Override PartName=\"/word/footnotes.xml\" ContentType=\"" CT_WML
                         "footnotes+xml\"/>");
        bc_buf_puts(&rels, "<Relationship Id=\"rIdF\" Type=\"http://schemas."
                           "openxmlformats.org/officeDocument/2006/relationships/"
                           "footnotes\" Target=\"footnotes.xml\"/>");
        bc_buf h = BC_BUF_INIT;
        bc_buf_printf(&h, "<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"" W_NS "\">"
                          "%s</w:footnotes>", o->footnotes);
        bc_package_set(p, "word/footnotes.xml", h.data, h.len);
        bc_buf_free(&h);
    }
    if (o && o->endnotes) {
        bc_buf_puts(&ct, "<Override PartName=\"/word/endnotes.xml\" ContentType=\"" CT_WML
                         "endnotes+xml\"/>");
        bc_buf_puts(&rels, "<Relationship Id=\"rIdE\" Type=\"http://schemas."
                           "openxmlformats.org/officeDocument/2006/relationships/"
                           "endnotes\" Target=\"endnotes.xml\"/>");
        bc_buf h = BC_BUF_INIT;
        bc_buf_printf(&h, "<?xml version=\"1.0\"?><w:endnotes xmlns:w=\"" W_NS "\" "
                          "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/"
                          "wordml\">%s</w:endnotes>", o->endnotes);
        bc_package_set(p, "word/endnotes.xml", h.data, h.len);
        bc_buf_free(&h);
    }
    if (o && o->styles) {
        bc_buf_puts(&ct, "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_WML
                         "styles+xml\"/>");
        bc_buf_puts(&rels, "<Relationship Id=\"rIdS\" Type=\"http://schemas."
                           "openxmlformats.org/officeDocument/2006/relationships/"
                           "styles\" Target=\"styles.xml\"/>");
        bc_buf h = BC_BUF_INIT;
        bc_buf_printf(&h, "<?xml version=\"1.0\"?><w:styles xmlns:w=\"" W_NS "\">%s"
                          "</w:styles>", o->styles);
        bc_package_set(p, "word/styles.xml", h.data, h.len);
        bc_buf_free(&h);
    }
    bc_buf_puts(&ct, "</Types>");
    bc_buf_puts(&rels, "</Relationships>");
    bc_buf_printf(&doc, DOC_OPEN "%s%s" DOC_CLOSE, body, sect);
    const char *root_rels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://"
        "schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
        "Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
        "relationships/officeDocument\" Target=\"word/document.xml\"/>"
        "</Relationships>";
    bc_package_set(p, "[Content_Types].xml", ct.data, ct.len);
    bc_package_set(p, "_rels/.rels", root_rels, strlen(root_rels));
    bc_package_set(p, "word/_rels/document.xml.rels", rels.data, rels.len);
    bc_package_set(p, "word/document.xml", doc.data, doc.len);
    bc_buf_free(&ct);
    bc_buf_free(&rels);
    bc_buf_free(&doc);
}

static char *S_part_text(const bc_part *p)
{
    assert_non_null(p);
    char *s = malloc(p->len + 1);
    memcpy(s, p->data, p->len);
    s[p->len] = '\0';
    return s;
}

static bc_wml_template *S_compile(const char *body, const opts *o, bc_diags *d)
{
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, body, o);
    bc_wml_template *t = bc_wml_template_compile(&p, "t.docx", &bc_template_host, d);
    bc_package_free(&p);
    return t;
}

static void S_print(const bc_diags *d)
{
    for (const bc_diag *g = d->head; g; g = g->next) {
        char *s = bc_diag_format(g);
        print_error("%s\n", s);
        free(s);
    }
}

static bc_arena S_arena = BC_ARENA_INIT;

/* Renders body against YAML data; returns the rendered part (malloc'd),
 * or NULL with diagnostics in d. */
static char *S_render_part(const char *body, const opts *o, const char *yaml,
                           const char *part, bc_diags *d)
{
    bc_wml_template *t = S_compile(body, o, d);
    if (!t) {
        S_print(d);
        return NULL;
    }
    bc_node *data = bc_yaml_load_mem(&S_arena, "data.yaml", yaml, strlen(yaml), d);
    assert_non_null(data);
    bc_package out = BC_PACKAGE_INIT;
    bc_wml_render_opts ro = {false};
    int rc = bc_wml_render(t, &bc_node_view, data, &ro, &out, d);
    char *xml = NULL;
    bc_part *pp = bc_package_find(&out, part);
    if (rc == 0 && pp)
        xml = S_part_text(pp);
    bc_package_free(&out);
    bc_wml_template_free(t);
    return xml;
}

/* ---- reading the result ----------------------------------------------------- */

static void S_text_of(xmlNodePtr n, bc_buf *b)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "t"))
            bc_buf_puts(b, bc_wml_text(c));
        else if (bc_wml_is(c, "br"))
            bc_buf_puts(b, bc_wml_attr(c, "type") ? "<PAGE>" : "<BR>");
        else if (bc_wml_is(c, "tab"))
            bc_buf_puts(b, "<TAB>");
        else if (c->type == XML_ELEMENT_NODE && !bc_wml_is(c, "p") &&
                 !bc_wml_is(c, "tbl"))
            S_text_of(c, b);
    }
}

/* The body as text: paragraphs "|"-separated, a table as [row;row] with
 * cells ","-separated. */
static void S_flat(xmlNodePtr n, bc_buf *b)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "p")) {
            if (b->len && b->data[b->len - 1] != '[' && b->data[b->len - 1] != ';' &&
                b->data[b->len - 1] != ',')
                bc_buf_putc(b, '|');
            S_text_of(c, b);
        } else if (bc_wml_is(c, "tbl")) {
            if (b->len)
                bc_buf_putc(b, '|');
            bc_buf_putc(b, '[');
            bool first_row = true;
            for (xmlNodePtr r = c->children; r; r = r->next) {
                if (!bc_wml_is(r, "tr"))
                    continue;
                if (!first_row)
                    bc_buf_putc(b, ';');
                first_row = false;
                bool first_cell = true;
                for (xmlNodePtr tc = r->children; tc; tc = tc->next) {
                    if (!bc_wml_is(tc, "tc"))
                        continue;
                    if (!first_cell)
                        bc_buf_putc(b, ',');
                    first_cell = false;
                    size_t before = b->len;
                    S_flat(tc, b);
                    (void)before;
                }
            }
            bc_buf_putc(b, ']');
        } else if (c->type == XML_ELEMENT_NODE && !bc_wml_is(c, "sectPr")) {
            S_flat(c, b);
        }
    }
}

static char *S_flat_xml(const char *xml)
{
    xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "o.xml", NULL, 0);
    assert_non_null(doc);
    bc_buf b = BC_BUF_INIT;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr body = bc_wml_child(root, "body");
    S_flat(body ? body : root, &b);
    xmlFreeDoc(doc);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

static char *S_render(const char *body, const char *yaml)
{
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, yaml, "word/document.xml", &d);
    if (!xml)
        S_print(&d);
    assert_non_null(xml);
    bc_diags_free(&d);
    char *flat = S_flat_xml(xml);
    free(xml);
    return flat;
}

#define ASSERT_RENDERS(body, yaml, want)                                       \
    do {                                                                       \
        char *got_ = S_render(body, yaml);                                     \
        if (strcmp(got_, want) != 0)                                           \
            fail_msg("rendered \"%s\", want \"%s\"", got_, want);              \
        free(got_);                                                            \
    } while (0)

static size_t S_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

/* The first diagnostic; fails unless exactly `count` errors were found. */
static const bc_diag *S_errors(const char *body, const opts *o, size_t count,
                               bc_diags *d)
{
    bc_wml_template *t = S_compile(body, o, d);
    if (t || d->errors != count) {
        S_print(d);
        fail_msg("want %zu errors, got %zu", count, d->errors);
    }
    return d->head;
}

static void S_expect(const bc_diag *g, const char *id, const char *place,
                     const char *in_msg)
{
    assert_non_null(g);
    if (!g->id || strcmp(g->id, id) != 0)
        fail_msg("id %s, want %s: %s", g->id ? g->id : "-", id, g->msg);
    if (place && (!g->place || strcmp(g->place, place) != 0))
        fail_msg("place \"%s\", want \"%s\"", g->place ? g->place : "-", place);
    if (in_msg && !strstr(g->msg, in_msg))
        fail_msg("message \"%s\" lacks \"%s\"", g->msg, in_msg);
    assert_non_null(g->hint);
}

static const char *S_data = "ten: Cẩm Vũ\nds: [a, b]\nrong: []\n"
                            "rows: [{a: 1, b: x}, {a: 2, b: y}]\n";

/* ---- split tags ------------------------------------------------------------- */

static void test_split_tag_three_runs(void **state)
{
    (void)state;
    const char *body =
        "<w:p><w:r><w:t>Xã: </w:t></w:r>"
        "<w:r><w:rPr><w:b/></w:rPr><w:t>{{</w:t></w:r>"
        "<w:proofErr w:type=\"spellStart\"/>"
        "<w:bookmarkStart w:id=\"3\" w:name=\"bm\"/>"
        "<w:r w:rsidR=\"00AB12CD\"><w:rPr><w:i/></w:rPr><w:t>te</w:t></w:r>"
        "<w:proofErr w:type=\"spellEnd\"/>"
        "<w:r w:rsidR=\"00EF34AB\"><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t>n}} ok</w:t></w:r>"
        "<w:bookmarkEnd w:id=\"3\"/></w:p>";
    ASSERT_RENDERS(body, S_data, "Xã: Cẩm Vũ ok");
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, S_data, "word/document.xml", &d);
    assert_non_null(xml);
    /* the value is in the bold run; the italic run went, the underlined
     * one keeps " ok" */
    assert_non_null(strstr(xml, "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Cẩm Vũ</w:t></w:r>"));
    assert_null(strstr(xml, "<w:i/>"));
    assert_non_null(strstr(xml, "<w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\"> ok"));
    assert_non_null(strstr(xml, "bookmarkStart"));
    free(xml);
    bc_diags_free(&d);
}

static void test_split_through_hyperlink_and_insertion(void **state)
{
    (void)state;
    ASSERT_RENDERS("<w:p><w:r><w:t>{{t</w:t></w:r>"
                   "<w:hyperlink w:anchor=\"x\"><w:r><w:t>e</w:t></w:r></w:hyperlink>"
                   "<w:ins w:id=\"1\" w:author=\"a\"><w:r><w:t>n}}!</w:t></w:r></w:ins>"
                   "<w:del w:id=\"2\" w:author=\"a\"><w:r><w:delText>{{bo}}</w:delText></w:r></w:del>"
                   "<w:smartTag w:uri=\"u\" w:element=\"e\"><w:r><w:t>{{t</w:t></w:r></w:smartTag>"
                   "<w:r><w:t>en}} </w:t></w:r>"
                   "<w:fldSimple w:instr=\" X \"><w:r><w:t>{{ten}}</w:t></w:r></w:fldSimple></w:p>",
                   S_data, "Cẩm Vũ!Cẩm Vũ Cẩm Vũ");
}

/* A field edge inside a tag is refused (T002). */
static void test_split_across_field_is_error(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    S_expect(S_errors("<w:p><w:r><w:t>{{t</w:t></w:r><w:fldSimple w:instr=\" X \">"
                      "<w:r><w:t>en}}</w:t></w:r></w:fldSimple></w:p>",
                      NULL, 1, &d),
             "T002", "body, paragraph 1", "{{t");
    bc_diags_free(&d);
}

/* ---- the standalone rule and loops ------------------------------------------ */

static void test_standalone_paragraphs_repeat(void **state)
{
    (void)state;
    const char *body = P("Trước") P("{{#ds}}") P("- {{.}}") P("{{/ds}}") P("Sau");
    ASSERT_RENDERS(body, S_data, "Trước|- a|- b|Sau");
    ASSERT_RENDERS(body, "ds: []", "Trước|Sau");
    /* a comment alone in its paragraph goes too; spaces around are fine */
    ASSERT_RENDERS(P("  {{! ghi chú }} ") P("x"), S_data, "x");
    /* close and open in one paragraph: the paragraph still goes */
    ASSERT_RENDERS(P("{{#ds}}") P("{{.}}") P("{{/ds}}{{^ds}}") P("không có")
                       P("{{/ds}}"),
                   "ds: []", "không có");
}

static void test_runs_loop_in_one_paragraph(void **state)
{
    (void)state;
    ASSERT_RENDERS(P("Các thôn: {{#ds}}[{{.}}]{{/ds}}."), S_data,
                   "Các thôn: [a][b].");
    ASSERT_RENDERS(P("{{#ds}}{{.}}, {{/ds}}"), S_data, "a, b, ");
}

static void test_paragraph_loop_open_at_start(void **state)
{
    (void)state;
    /* open at the start of a paragraph, close at the end of a later one */
    ASSERT_RENDERS(P("{{#rows}}Số {{a}}") P("chữ {{b}}{{/rows}}") P("hết"),
                   S_data, "Số 1|chữ x|Số 2|chữ y|hết");
}

static void test_row_loop(void **state)
{
    (void)state;
    const char *body =
        "<w:tbl><w:tr><w:tc>" P("A") "</w:tc><w:tc>" P("B") "</w:tc></w:tr>"
        "<w:tr><w:tc>" P("{{#rows}}{{a}}") "</w:tc><w:tc>" P("{{b}}{{/rows}}")
        "</w:tc></w:tr></w:tbl>";
    ASSERT_RENDERS(body, S_data, "[A,B;1,x;2,y]");
    ASSERT_RENDERS(body, "rows: []", "[A,B]");
    /* the open in a paragraph of its own, first in the row */
    ASSERT_RENDERS("<w:tbl><w:tr><w:tc>" P("{{#rows}}") P("{{a}}") "</w:tc><w:tc>"
                   P("{{b}}{{/rows}}") "</w:tc></w:tr></w:tbl>",
                   S_data, "[1,x;2,y]");
}

static void test_standalone_rows(void **state)
{
    (void)state;
    const char *body =
        "<w:tbl><w:tr><w:tc>" P("A") "</w:tc><w:tc>" P("B") "</w:tc></w:tr>"
        "<w:tr><w:tc>" P("{{#rows}}") "</w:tc><w:tc><w:p/></w:tc></w:tr>"
        "<w:tr><w:tc>" P("{{a}}") "</w:tc><w:tc>" P("{{b}}") "</w:tc></w:tr>"
        "<w:tr><w:tc><w:p/></w:tc><w:tc>" P("{{/rows}}") "</w:tc></w:tr></w:tbl>";
    ASSERT_RENDERS(body, S_data, "[A,B;1,x;2,y]");
    /* a table left without rows is dropped */
    ASSERT_RENDERS(P("x") "<w:tbl><w:tr><w:tc>" P("{{#rows}}") "</w:tc></w:tr>"
                   "<w:tr><w:tc>" P("{{a}}") "</w:tc></w:tr><w:tr><w:tc>"
                   P("{{/rows}}") "</w:tc></w:tr></w:tbl>" P("y"),
                   "rows: []", "x|y");
}

static void test_cell_emptied_gets_paragraph(void **state)
{
    (void)state;
    const char *body = "<w:tbl><w:tr><w:tc>" P("{{#ds}}") P("{{.}}") P("{{/ds}}")
                       "</w:tc><w:tc>" P("B") "</w:tc></w:tr></w:tbl>";
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, "ds: []", "word/document.xml", &d);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<w:tc><w:p/></w:tc>"));
    free(xml);
    bc_diags_free(&d);
}

/* Only the top-level elements the tree passes may change are parsed again
 * after rendering (wml_regions.h). A value's quote stays the "&quot;" of
 * the mustache escaping where it was not, and is a plain '"' where the
 * serializer wrote it again. */
static void test_regions_parse_only_what_may_change(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    /* a cell with a paragraph of its own around its list: nothing to fix */
    const char *safe = "<w:tbl><w:tr><w:tc>" P("Nơi nhận:") P("{{#ds}}")
                       P("- {{.}}") P("{{/ds}}") "</w:tc><w:tc>" P("B")
                       "</w:tc></w:tr></w:tbl>" P("{{q}}");
    const char *quoted = "ds: ['a \"b\"']\nq: '\"c\"'";
    char *xml = S_render_part(safe, NULL, quoted, "word/document.xml", &d);
    assert_non_null(xml);
    assert_non_null(strstr(xml, ">- a &quot;b&quot;<"));
    assert_non_null(strstr(xml, ">&quot;c&quot;<"));
    free(xml);
    ASSERT_RENDERS(safe, "ds: []\nq: x", "[Nơi nhận:,B]|x");
    ASSERT_RENDERS(safe, "ds: [a, b]\nq: x", "[Nơi nhận:|- a|- b,B]|x");
    /* a row loop may empty the table: that table is parsed and fixed */
    const char *rows = P("{{q}}") "<w:tbl><w:tr><w:tc>" P("{{#rows}}") "</w:tc></w:tr>"
                       "<w:tr><w:tc>" P("{{a}}") "</w:tc></w:tr><w:tr><w:tc>"
                       P("{{/rows}}") "</w:tc></w:tr></w:tbl>";
    xml = S_render_part(rows, NULL, "rows: [{a: '\"1\"'}]\nq: '\"c\"'",
                        "word/document.xml", &d);
    assert_non_null(xml);
    assert_non_null(strstr(xml, ">&quot;c&quot;<"));
    assert_non_null(strstr(xml, ">\"1\"<"));
    free(xml);
    ASSERT_RENDERS(rows, "rows: []\nq: x", "x");
    /* a cell whose only paragraphs are a list's gets one when it is empty */
    const char *bare = "<w:tbl><w:tr><w:tc>" P("{{#ds}}") P("{{.}}") P("{{/ds}}")
                       "</w:tc></w:tr></w:tbl>";
    ASSERT_RENDERS(bare, "ds: []", "[]");
    ASSERT_RENDERS(bare, S_data, "[a|b]");
    /* a section at the top level around a table to fix repeats it whole */
    const char *around = P("{{#rows}}") P("r{{a}}") "<w:tbl><w:tr><w:tc>"
                         P("{{#ds}}") P("{{.}}") P("{{/ds}}") "</w:tc></w:tr></w:tbl>"
                         P("{{/rows}}") P("end");
    ASSERT_RENDERS(around, "rows: [{a: 1}, {a: 2}]\nds: []",
                   "r1|[]|r2|[]|end");
    ASSERT_RENDERS(around, "rows: [{a: 1}]\nds: [x]", "r1|[x]|end");
    bc_diags_free(&d);
}

/* A parsed table's borders, look and grid are kept out of the parse and
 * put back as they were, in their places, however the rows come out. */
static void test_regions_keep_unread_elements(void **state)
{
    (void)state;
    const char *tblpr = "<w:tblPr><w:tblW w:w=\"9355\" w:type=\"dxa\"/>"
                        "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/>"
                        "<w:insideV w:val=\"none\"/></w:tblBorders>"
                        "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\"/></w:tblPr>";
    const char *grid = "<w:tblGrid><w:gridCol w:w=\"3685\"/>"
                       "<w:gridCol w:w=\"5670\"/></w:tblGrid>";
    char body[2048];
    snprintf(body, sizeof body,
             "<w:tbl>%s%s<w:tr><w:tc>" P("{{#rows}}") "</w:tc></w:tr>"
             "<w:tr><w:tc>" P("{{a}}") "</w:tc></w:tr><w:tr><w:tc>"
             P("{{/rows}}") "</w:tc></w:tr></w:tbl>"
             "<w:tbl>%s<w:tr><w:tc>" P("{{q}}") "</w:tc></w:tr></w:tbl>",
             tblpr, grid, grid);
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, "rows: [{a: 1}, {a: 2}]\nq: z",
                              "word/document.xml", &d);
    assert_non_null(xml);
    assert_null(strstr(xml, "baocao-keep"));
    const char *t = strstr(xml, tblpr);
    assert_non_null(t);
    assert_ptr_equal(strstr(t + strlen(tblpr), grid), t + strlen(tblpr));
    char *flat = S_flat_xml(xml);
    assert_string_equal(flat, "[1;2]|[z]");
    free(flat);
    free(xml);
    /* no rows: the first table goes, the second keeps its grid */
    xml = S_render_part(body, NULL, "rows: []\nq: z", "word/document.xml", &d);
    assert_non_null(xml);
    assert_null(strstr(xml, "baocao-keep"));
    assert_null(strstr(xml, "tblBorders"));
    assert_non_null(strstr(xml, grid));
    free(xml);
    bc_diags_free(&d);
}

/* A header's table whose rows repeat is fixed like the body's. */
static void test_regions_in_a_header(void **state)
{
    (void)state;
    opts o = {"<w:tbl><w:tr><w:tc>" P("{{#rows}}") "</w:tc></w:tr><w:tr><w:tc>"
              P("{{b}}") "</w:tc></w:tr><w:tr><w:tc>" P("{{/rows}}")
              "</w:tc></w:tr></w:tbl>" P("{{q}}"), NULL, NULL, NULL};
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(P("x"), &o, "rows: [{b: x}, {b: y}]\nq: z",
                              "word/header1.xml", &d);
    assert_non_null(xml);
    char *flat = S_flat_xml(xml);
    assert_string_equal(flat, "[x;y]|z");
    free(flat);
    free(xml);
    xml = S_render_part(P("x"), &o, "rows: []\nq: '\"z\"'", "word/header1.xml", &d);
    assert_non_null(xml);
    assert_null(strstr(xml, "<w:tbl"));
    assert_non_null(strstr(xml, ">&quot;z&quot;<"));
    free(xml);
    bc_diags_free(&d);
}

static void test_list_items_repeat(void **state)
{
    (void)state;
#define NUM "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
    /* one numbered paragraph wrapped whole: the item repeats */
    const char *body = "<w:p>" NUM "<w:r><w:t>{{#ds}}{{.}}{{/ds}}</w:t></w:r></w:p>";
    ASSERT_RENDERS(body, S_data, "a|b");
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, S_data, "word/document.xml", &d);
    assert_int_equal(S_count(xml, "<w:numId w:val=\"1\"/>"), 2);
    free(xml);
    /* the first and last items of a list */
    ASSERT_RENDERS("<w:p>" NUM "<w:r><w:t>{{#rows}}{{a}}</w:t></w:r></w:p>"
                   "<w:p>" NUM "<w:r><w:t>{{b}}{{/rows}}</w:t></w:r></w:p>",
                   S_data, "1|x|2|y");
    /* not a list: the runs repeat */
    ASSERT_RENDERS(P("{{#ds}}{{.}}{{/ds}}"), S_data, "ab");
    /* :runs says so in a list too */
    ASSERT_RENDERS("<w:p>" NUM "<w:r><w:t>{{#ds:runs}}{{.}}{{/ds}}</w:t></w:r></w:p>",
                   S_data, "ab");
    bc_diags_free(&d);
#undef NUM
}

static void test_list_item_by_style(void **state)
{
    (void)state;
    opts o = {NULL,
              "<w:style w:type=\"paragraph\" w:styleId=\"ListNumber\"><w:name "
              "w:val=\"List Number\"/><w:pPr><w:numPr><w:numId w:val=\"2\"/>"
              "</w:numPr></w:pPr></w:style>",
              NULL, NULL};
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part("<w:p><w:pPr><w:pStyle w:val=\"ListNumber\"/></w:pPr>"
                              "<w:r><w:t>{{#ds}}{{.}}{{/ds}}</w:t></w:r></w:p>",
                              &o, S_data, "word/document.xml", &d);
    assert_non_null(xml);
    assert_int_equal(S_count(xml, "<w:pStyle w:val=\"ListNumber\"/>"), 2);
    free(xml);
    bc_diags_free(&d);
}

static void test_placement_suffixes(void **state)
{
    (void)state;
    /* a one-cell row repeats only when told */
    const char *one = "<w:tbl><w:tr><w:tc>" P("{{#ds}}{{.}}{{/ds}}")
                      "</w:tc></w:tr></w:tbl>";
    ASSERT_RENDERS(one, S_data, "[ab]");
    ASSERT_RENDERS("<w:tbl><w:tr><w:tc>" P("{{#ds:row}}{{.}}{{/ds}}")
                   "</w:tc></w:tr></w:tbl>",
                   S_data, "[a;b]");
    /* :paragraph repeats the whole paragraph, text before the tag too */
    ASSERT_RENDERS(P("Thôn {{#ds:paragraph}}{{.}}{{/ds:paragraph}}"), S_data,
                   "Thôn a|Thôn b");
    /* :item is the same for list items */
    ASSERT_RENDERS(P("- {{#ds:item}}{{.}}") P("{{/ds}}"), S_data, "- a|- b");
}

static void test_page_break_and_section_break_kept(void **state)
{
    (void)state;
    /* a page break in a standalone paragraph stays on its side */
    const char *body = P("{{#ds}}")
        "<w:p><w:r><w:br w:type=\"page\"/></w:r><w:r><w:t>{{.}}</w:t></w:r></w:p>"
        "<w:p><w:r><w:br w:type=\"page\"/></w:r><w:r><w:t>{{/ds}}</w:t></w:r></w:p>"
        P("hết");
    ASSERT_RENDERS(body, S_data, "<PAGE>a|<PAGE>|<PAGE>b|<PAGE>|hết");
    /* a section break holding the close is written once, after the loop */
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(P("{{#ds}}") P("{{.}}")
                              "<w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>{{/ds}}"
                              "</w:t></w:r></w:p>" P("x"),
                              NULL, S_data, "word/document.xml", &d);
    assert_non_null(xml);
    assert_int_equal(S_count(xml, "<w:sectPr/>"), 1);
    char *flat = S_flat_xml(xml);
    assert_string_equal(flat, "a|b||x");
    free(flat);
    free(xml);
    bc_diags_free(&d);
}

static void test_text_box_rendered_once_per_copy(void **state)
{
    (void)state;
    /* the drawing copy and its VML fallback both render; an error in them
     * is reported once */
    const char *tb =
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        "<w:txbxContent>" P("{{ten}}") "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>" P("{{ten}}")
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(tb, NULL, S_data, "word/document.xml", &d);
    assert_non_null(xml);
    assert_int_equal(S_count(xml, "Cẩm Vũ"), 2);
    free(xml);
    bc_diags_free(&d);
    const char *bad =
        "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing>"
        "<w:txbxContent>" P("{{ten") "</w:txbxContent></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><w:txbxContent>" P("{{ten")
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
    S_expect(S_errors(bad, NULL, 1, &d), "T001", "body, text box 1, paragraph 1", NULL);
    bc_diags_free(&d);
}

/* ---- errors: id, place, text with the tag marked, hint ------------------------ */

static void test_error_ids_and_places(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    S_expect(S_errors(P("a") P("Họ tên: {{ho_") P("ten}}"), NULL, 2, &d), "T001",
             "body, paragraph 2", "Họ tên: >>{{ho_<<");
    S_expect(d.head->next, "T008", "body, paragraph 3", "ten>>}}<<");
    bc_diags_free(&d);
    S_expect(S_errors("<w:p><w:r><w:t>{{ho</w:t><w:tab/><w:t>ten}}</w:t></w:r></w:p>",
                      NULL, 1, &d),
             "T002", "body, paragraph 1", NULL);
    bc_diags_free(&d);
    S_expect(S_errors(P("{{=&lt;% %&gt;=}}"), NULL, 1, &d), "T003", NULL, NULL);
    bc_diags_free(&d);
    S_expect(S_errors(P("x") P("{{/ds}}"), NULL, 1, &d), "T004", "body, paragraph 2",
             ">>{{/ds}}<<");
    bc_diags_free(&d);
    S_expect(S_errors(P("{{#ds}}") P("{{.}}"), NULL, 1, &d), "T005",
             "body, paragraph 1", "not closed");
    bc_diags_free(&d);
    /* open in the body, close in a table: both places named */
    S_expect(S_errors(P("{{#ds}}") "<w:tbl><w:tr><w:tc>" P("{{.}}") "</w:tc><w:tc>"
                      P("{{/ds}}") "</w:tc></w:tr></w:tbl>",
                      NULL, 1, &d),
             "T006", "body, paragraph 1", "body, table 1, row 1, cell 2");
    bc_diags_free(&d);
    /* inline open, close in another paragraph not at its end */
    S_expect(S_errors(P("a {{#ds}} b") P("c {{/ds}} d"), NULL, 1, &d), "T006",
             "body, paragraph 1", NULL);
    bc_diags_free(&d);
    S_expect(S_errors(P("{{#ds:dong}}") P("{{/ds}}"), NULL, 1, &d), "T007", NULL,
             "placement");
    bc_diags_free(&d);
    S_expect(S_errors(P("{{#ds:row}}") P("{{/ds}}"), NULL, 1, &d), "T007", NULL,
             "rows");
    bc_diags_free(&d);
    S_expect(S_errors(P("{{>phan}}"), NULL, 1, &d), "T009", NULL, NULL);
    bc_diags_free(&d);
    S_expect(S_errors(P("{{ho ten}} {{}}"), NULL, 2, &d), "T010", NULL, NULL);
    bc_diags_free(&d);
    S_expect(S_errors("<w:p><w:r><w:t>x</w:r></w:p>", NULL, 1, &d), "T011", NULL, NULL);
    bc_diags_free(&d);
    /* the compiler's own block tag is no name a clerk may write */
    S_expect(S_errors(P("a {{@ten}} b") P("{{@ten}}"), NULL, 2, &d), "T010",
             "body, paragraph 1", "`{{@ten}}` is not a valid name");
    bc_diags_free(&d);
}

/* A soft hyphen Word put invisibly inside a tag (w:softHyphen, or U+00AD
 * in the text) is named as such, shown as "-" where it is. */
static void test_soft_hyphen_in_tag_named(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    S_expect(S_errors("<w:p><w:r><w:t>{{ten</w:t><w:softHyphen/><w:t>_thon}}</w:t>"
                      "</w:r></w:p>",
                      NULL, 1, &d),
             "T002", "body, paragraph 1", "`{{ten-_thon}}` holds a soft hyphen");
    assert_null(strstr(d.head->msg, "tab, line break"));
    assert_non_null(strstr(d.head->msg, "Word does not show"));
    bc_diags_free(&d);
    S_expect(S_errors(P("Thôn: {{ten\xC2\xAD_thon}}"), NULL, 1, &d), "T002",
             "body, paragraph 1", "`{{ten-_thon}}` holds a soft hyphen");
    bc_diags_free(&d);
    /* a tab and a soft hyphen: the tab is the error */
    S_expect(S_errors("<w:p><w:r><w:t>{{a</w:t><w:softHyphen/><w:tab/><w:t>b}}</w:t>"
                      "</w:r></w:p>",
                      NULL, 1, &d),
             "T002", NULL, "tab, line break or field");
    bc_diags_free(&d);
    /* outside a tag it is text, as Word shows it */
    ASSERT_RENDERS("<w:p><w:r><w:t>{{ten}} x</w:t><w:softHyphen/><w:t>y</w:t>"
                   "</w:r></w:p>",
                   S_data, "Cẩm Vũ xy");
}

/* Filters ({{x|upper}}, docxtemplater's) are refused at once, in every
 * kind of tag, by `template check` as by render. */
static void test_filters_refused(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    S_expect(S_errors(P("Tên: {{ten|upper}}"), NULL, 1, &d), "T017",
             "body, paragraph 1", "filters (`|`");
    assert_non_null(strstr(d.head->msg, "`{{ten|upper}}`"));
    assert_non_null(strstr(d.head->hint, "YAML"));
    bc_diags_free(&d);
    S_expect(S_errors(P("{{ ds | e }}") P("{{#rows|len}}") P("x") P("{{/rows|len}}"),
                      NULL, 3, &d),
             "T017", "body, paragraph 1", NULL);
    S_expect(d.head->next, "T017", "body, paragraph 2", NULL);
    bc_diags_free(&d);
}

static void test_all_errors_at_once_in_order(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    const char *body = P("{{/a}}") P("{{#b}}") P("{{c") "<w:tbl><w:tr><w:tc>"
                       P("x") "</w:tc><w:tc>" P("{{#d}}") P("y") "</w:tc></w:tr></w:tbl>"
                       P("{{/d}}");
    opts o = {P("{{#h}}"), NULL, NULL, NULL};
    S_errors(body, &o, 5, &d);
    const char *want[][2] = {{"T004", "body, paragraph 1"},
                             {"T005", "body, paragraph 2"},
                             {"T001", "body, paragraph 3"},
                             {"T006", "body, table 1, row 1, cell 2, paragraph 1"},
                             {"T005", "header of section 1, paragraph 1"}};
    const bc_diag *g = d.head;
    for (int i = 0; i < 5; i++, g = g->next)
        S_expect(g, want[i][0], want[i][1], NULL);
    bc_diags_free(&d);
}

static void test_footnote_places(void **state)
{
    (void)state;
    opts o = {NULL, NULL,
              "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote>"
              "<w:footnote w:id=\"1\">" P("Nguồn: {{nguon") "</w:footnote>", NULL};
    bc_diags d = BC_DIAGS_INIT;
    S_expect(S_errors(P("x"), &o, 1, &d), "T001", "footnote 1, paragraph 1", NULL);
    assert_string_equal(d.head->part, "word/footnotes.xml");
    bc_diags_free(&d);
}

static void test_render_error_located(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(P("a") "<w:tbl><w:tr><w:tc>" P("Tên: {{tne}}")
                              "</w:tc></w:tr></w:tbl>",
                              NULL, S_data, "word/document.xml", &d);
    assert_null(xml);
    assert_non_null(d.head);
    assert_string_equal(d.head->place, "body, table 1, row 1, cell 1");
    assert_non_null(strstr(d.head->msg, "Tên: >>{{tne}}<<"));
    bc_diags_free(&d);
}

/* Render errors quote the tag as the clerk wrote it, never the text the
 * compiler generated for it ("{{@ten_thon 0}}" for a block paragraph). */
static void test_render_error_quotes_clerk_tag(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(P("{{ten_thon}}") P("{{{ tho }}}") P("{{&amp;raw}}")
                              P("a {{ ten_xa }} b"),
                              NULL, S_data, "word/document.xml", &d);
    assert_null(xml);
    assert_int_equal(d.errors, 4);
    const char *want[] = {"`{{ten_thon}}`: ", "`{{{ tho }}}`: ", "`{{&raw}}`: ",
                          "`{{ ten_xa }}`: "};
    int i = 0;
    for (const bc_diag *g = d.head; g; g = g->next, i++) {
        if (strncmp(g->msg, want[i], strlen(want[i])) != 0)
            fail_msg("message \"%s\" does not start with \"%s\"", g->msg, want[i]);
        assert_null(strstr(g->msg, "{{@"));
    }
    bc_diags_free(&d);
}

/* ---- values ------------------------------------------------------------------ */

static void test_values_escaped_and_broken(void **state)
{
    (void)state;
    ASSERT_RENDERS(P("[{{v}}] [{{{v}}}]"), "v: \"a & <b>\\tc\\nd\"",
                   "[a & <b><TAB>c<BR>d] [a & <b><TAB>c<BR>d]");
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{{v}}</w:t></w:r></w:p>",
                              NULL, "v: \"a\\nb\"", "word/document.xml", &d);
    /* the line break stays in the value's run (its formatting) */
    assert_non_null(strstr(xml, "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">"
                                "a</w:t><w:br/><w:t xml:space=\"preserve\">b</w:t></w:r>"));
    free(xml);
    bc_diags_free(&d);
}

static void test_illegal_character_refused(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    bc_wml_template *t = S_compile(P("Tên: {{ten}}") P("{{ds}}"), NULL, &d);
    assert_non_null(t);
    bc_node *data = bc_node_new(&S_arena, BC_MAP);
    bc_node_set(&S_arena, data, "ten", 3, bc_node_scalar(&S_arena, "a\x07" "b", 3));
    bc_node *list = bc_node_new(&S_arena, BC_LIST);
    bc_node_push(&S_arena, list, bc_node_scalar(&S_arena, "\x01", 1));
    bc_node_set(&S_arena, data, "ds", 2, list);
    bc_package out = BC_PACKAGE_INIT;
    bc_wml_render_opts ro = {false};
    assert_int_equal(bc_wml_render(t, &bc_node_view, data, &ro, &out, &d), -1);
    assert_int_equal(d.errors, 2);
    assert_non_null(strstr(d.head->msg, "ten"));
    assert_non_null(strstr(d.head->msg, "U+0007"));
    assert_non_null(strstr(d.head->next->msg, "ds"));
    assert_non_null(strstr(d.head->next->msg, "U+0001"));
    bc_package_free(&out);
    bc_wml_template_free(t);
    bc_diags_free(&d);
}

/* ---- output invariants --------------------------------------------------------- */

static void test_ids_unique_in_repeated_content(void **state)
{
    (void)state;
    const char *body =
        P("{{#ds}}")
        "<w:p w14:paraId=\"1A2B3C4D\"><w:bookmarkStart w:id=\"7\" w:name=\"muc\"/>"
        "<w:r><w:t>{{.}}</w:t></w:r><w:bookmarkEnd w:id=\"7\"/>"
        "<w:r><w:drawing><wp:inline><wp:docPr id=\"9\" name=\"h\"/>"
        "</wp:inline></w:drawing></w:r></w:p>" P("{{/ds}}");
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, "ds: [a, b, c]", "word/document.xml", &d);
    assert_non_null(xml);
    assert_int_equal(S_count(xml, "<wp:docPr id=\"9\""), 1);
    assert_int_equal(S_count(xml, "<wp:docPr"), 3);
    assert_int_equal(S_count(xml, "w:name=\"muc\""), 1);
    assert_int_equal(S_count(xml, "w:name=\"muc_2\""), 1);
    assert_int_equal(S_count(xml, "w:name=\"muc_3\""), 1);
    assert_int_equal(S_count(xml, "<w:bookmarkStart w:id=\"7\""), 1);
    assert_int_equal(S_count(xml, "<w:bookmarkEnd w:id=\"7\""), 1);
    assert_int_equal(S_count(xml, "paraId"), 1);
    /* each renumbered start ends with the same id */
    const char *s = xml;
    while ((s = strstr(s, "<w:bookmarkStart w:id=\"")) != NULL) {
        s += strlen("<w:bookmarkStart w:id=\"");
        char id[16];
        size_t n = strcspn(s, "\"");
        memcpy(id, s, n);
        id[n] = '\0';
        char end[64];
        snprintf(end, sizeof end, "<w:bookmarkEnd w:id=\"%s\"/>", id);
        assert_non_null(strstr(s, end));
    }
    free(xml);
    bc_diags_free(&d);
}

/* Content controls and VML shapes repeated by a loop get ids of their own
 * (the shape's id and o:spid alike, the embedded object naming its
 * shape); a shape type keeps its id, which shapes name. */
static void test_control_and_shape_ids_unique(void **state)
{
    (void)state;
    const char *body =
        P("{{#ds}}")
        "<w:sdt><w:sdtPr><w:id w:val=\"-1843\"/></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>{{.}}</w:t></w:r><w:r><w:pict>"
        "<v:shapetype id=\"_x0000_t202\"/>"
        "<v:shape id=\"_x0000_s1026\" o:spid=\"_x0000_s1026\" type=\"#_x0000_t202\"/>"
        "<v:rect id=\"Khung 1\"/></w:pict></w:r>"
        "<w:r><w:object><v:shape id=\"_x0000_i1025\" type=\"#_x0000_t75\"/>"
        "<o:OLEObject ShapeID=\"_x0000_i1025\"/></w:object></w:r></w:p>"
        "</w:sdtContent></w:sdt>" P("{{/ds}}");
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(body, NULL, "ds: [a, b, c]", "word/document.xml", &d);
    if (!xml)
        S_print(&d);
    assert_non_null(xml);
    assert_int_equal(S_count(xml, "<w:sdt>"), 3);
    assert_int_equal(S_count(xml, "w:val=\"-1843\""), 1);
    assert_int_equal(S_count(xml, "\"_x0000_s1026\""), 2); /* id and o:spid, once */
    assert_int_equal(S_count(xml, "\"_x0000_i1025\""), 2); /* shape and object */
    assert_int_equal(S_count(xml, "id=\"Khung 1\""), 1);
    assert_int_equal(S_count(xml, "id=\"_x0000_t202\""), 3); /* shape types kept */
    /* the o:spid and the id of a copy are one fresh value */
    const char *s = xml;
    int copies = 0;
    while ((s = strstr(s, "<v:shape id=\"_x0000_s")) != NULL) {
        s += strlen("<v:shape id=\"");
        size_t n = strcspn(s, "\"");
        char want[64];
        snprintf(want, sizeof want, "o:spid=\"%.*s\"", (int)n, s);
        assert_non_null(strstr(s, want));
        copies++;
    }
    assert_int_equal(copies, 3);
    s = xml;
    copies = 0;
    while ((s = strstr(s, "<v:shape id=\"_x0000_i")) != NULL) {
        s += strlen("<v:shape id=\"");
        size_t n = strcspn(s, "\"");
        char want[64];
        snprintf(want, sizeof want, "ShapeID=\"%.*s\"", (int)n, s);
        const char *obj = strstr(s, "ShapeID=");
        assert_non_null(obj);
        assert_int_equal(strncmp(obj, want, strlen(want)), 0);
        copies++;
    }
    assert_int_equal(copies, 3);
    assert_int_equal(S_count(xml, "id=\"Khung 1_"), 2);
    free(xml);
    bc_diags_free(&d);
}

/* Renders body with o into out; returns bc_wml_render's status. */
static int S_render_pkg(const char *body, const opts *o, const char *yaml,
                        bc_package *out, bc_diags *d)
{
    bc_wml_template *t = S_compile(body, o, d);
    assert_non_null(t);
    bc_node *data = bc_yaml_load_mem(&S_arena, "data.yaml", yaml, strlen(yaml), d);
    assert_non_null(data);
    bc_wml_render_opts ro = {false};
    int rc = bc_wml_render(t, &bc_node_view, data, &ro, out, d);
    if (rc != 0)
        S_print(d);
    bc_wml_template_free(t);
    return rc;
}

/* A footnote or endnote reference in repeated content: each copy refers to
 * a note of its own, a copy of the note (its tags rendered against the top
 * of the data) under the next free note id, its ids unique too. */
static void test_notes_copied_for_repeated_references(void **state)
{
    (void)state;
    opts o = {NULL, NULL,
              "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/>"
              "</w:r></w:p></w:footnote>"
              "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r>"
              "<w:continuationSeparator/></w:r></w:p></w:footnote>"
              "<w:footnote w:id=\"4\"><w:p><w:r><w:footnoteRef/></w:r>"
              "<w:r><w:t xml:space=\"preserve\"> Nguồn: {{ten}}</w:t></w:r></w:p></w:footnote>"
              "<w:footnote w:id=\"7\">" P("Khác") "</w:footnote>",
              "<w:endnote w:id=\"1\"><w:p w14:paraId=\"00AA00AA\">"
              "<w:bookmarkStart w:id=\"3\" w:name=\"cuoi\"/><w:r><w:t>Ghi chú cuối</w:t>"
              "</w:r><w:bookmarkEnd w:id=\"3\"/></w:p></w:endnote>"};
    const char *body =
        P("{{#ds}}")
        "<w:p><w:r><w:t>{{.}}</w:t></w:r><w:r><w:footnoteReference w:id=\"4\"/></w:r>"
        "<w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>" P("{{/ds}}")
        "<w:p><w:r><w:footnoteReference w:id=\"7\"/></w:r></w:p>";
    bc_diags d = BC_DIAGS_INIT;
    bc_package out = BC_PACKAGE_INIT;
    assert_int_equal(S_render_pkg(body, &o, "ten: Cẩm Vũ\nds: [a, b, c]", &out, &d), 0);
    char *doc = S_part_text(bc_package_find(&out, "word/document.xml"));
    char *fn = S_part_text(bc_package_find(&out, "word/footnotes.xml"));
    char *en = S_part_text(bc_package_find(&out, "word/endnotes.xml"));
    /* the references: the first keeps its note, the others the next free
     * ids after every note id (7 for footnotes, 1 for endnotes) */
    assert_non_null(strstr(doc, "a</w:t></w:r><w:r><w:footnoteReference w:id=\"4\"/>"));
    assert_non_null(strstr(doc, "b</w:t></w:r><w:r><w:footnoteReference w:id=\"8\"/>"));
    assert_non_null(strstr(doc, "c</w:t></w:r><w:r><w:footnoteReference w:id=\"9\"/>"));
    assert_int_equal(S_count(doc, "<w:footnoteReference w:id=\"7\"/>"), 1);
    assert_int_equal(S_count(doc, "<w:endnoteReference w:id=\"1\"/>"), 1);
    assert_int_equal(S_count(doc, "<w:endnoteReference w:id=\"2\"/>"), 1);
    assert_int_equal(S_count(doc, "<w:endnoteReference w:id=\"3\"/>"), 1);
    /* the notes: copies of note 4 as 8 and 9, rendered, in no new
     * namespace declaration */
    assert_int_equal(S_count(fn, "<w:footnote "), 6);
    assert_int_equal(S_count(fn, " Nguồn: Cẩm Vũ</w:t>"), 3);
    assert_non_null(strstr(fn, "<w:footnote w:id=\"8\"><w:p><w:r><w:footnoteRef/></w:r>"
                               "<w:r><w:t xml:space=\"preserve\"> Nguồn: Cẩm Vũ</w:t>"));
    assert_non_null(strstr(fn, "<w:footnote w:id=\"9\">"));
    assert_int_equal(S_count(fn, "xmlns:w="), 1);
    assert_int_equal(S_count(en, "<w:endnote "), 3);
    assert_non_null(strstr(en, "<w:endnote w:id=\"2\">"));
    assert_non_null(strstr(en, "<w:endnote w:id=\"3\">"));
    assert_int_equal(S_count(en, "Ghi chú cuối"), 3);
    /* ids inside the copies unique: bookmarks renumbered, paraId dropped */
    assert_int_equal(S_count(en, "w:name=\"cuoi\""), 1);
    assert_int_equal(S_count(en, "w:name=\"cuoi_2\""), 1);
    assert_int_equal(S_count(en, "w:name=\"cuoi_3\""), 1);
    assert_int_equal(S_count(en, "<w:bookmarkStart w:id=\"3\""), 1);
    assert_int_equal(S_count(en, "paraId"), 1);
    assert_int_equal(S_count(en, "xmlns:w14="), 1);
    free(doc);
    free(fn);
    free(en);
    /* the same bytes twice */
    bc_package again = BC_PACKAGE_INIT;
    assert_int_equal(S_render_pkg(body, &o, "ten: Cẩm Vũ\nds: [a, b, c]", &again, &d), 0);
    const bc_part *p1 = bc_package_find(&out, "word/footnotes.xml");
    const bc_part *p2 = bc_package_find(&again, "word/footnotes.xml");
    assert_int_equal(p1->len, p2->len);
    assert_memory_equal(p1->data, p2->data, p1->len);
    bc_package_free(&again);
    bc_package_free(&out);
    bc_diags_free(&d);
}

/* ---- styles --------------------------------------------------------------------- */

/* The engine without a host knows nothing of the report: the body tag is
 * a value like any other (its line breaks as w:br in one paragraph), no
 * style is imported, no layout runs. */
static void test_engine_without_host(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, P("{{noi_dung}}"), NULL);
    bc_wml_template *t = bc_wml_template_compile(&p, "t.docx", NULL, &d);
    bc_package_free(&p);
    assert_non_null(t);
    assert_null(bc_package_find(bc_wml_template_package(t), "word/styles.xml"));
    const char *yaml = "noi_dung: \"I. PHẦN\\n\\nĐoạn **đậm**.\"";
    bc_node *data = bc_yaml_load_mem(&S_arena, "data.yaml", yaml, strlen(yaml), &d);
    assert_non_null(data);
    bc_package out = BC_PACKAGE_INIT;
    bc_wml_render_opts ro = {false};
    assert_int_equal(bc_wml_render(t, &bc_node_view, data, &ro, &out, &d), 0);
    char *xml = S_part_text(bc_package_find(&out, "word/document.xml"));
    assert_null(strstr(xml, "pStyle"));
    assert_non_null(strstr(xml, "I. PHẦN</w:t><w:br/>"));
    assert_non_null(strstr(xml, "Đoạn **đậm**."));
    assert_int_equal(S_count(xml, "<w:p>") + S_count(xml, "<w:p "), 1);
    free(xml);
    bc_package_free(&out);
    bc_wml_template_free(t);
    bc_diags_free(&d);
}

static void test_styles_from_builtin(void **state)
{
    (void)state;
    /* a template with no styles part gets the built-in one */
    bc_diags d = BC_DIAGS_INIT;
    bc_wml_template *t = S_compile(P("{{noi_dung}}"), NULL, &d);
    assert_non_null(t);
    const bc_package *pkg = bc_wml_template_package(t);
    bc_part *st = bc_package_find(pkg, "word/styles.xml");
    assert_non_null(st);
    char *s = S_part_text(st);
    assert_non_null(strstr(s, "w:styleId=\"NoiDung\""));
    free(s);
    bc_wml_template_free(t);
    /* one whose styles lack the body's gets those, based on its Normal */
    opts o = {NULL,
              "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
              "<w:name w:val=\"Normal\"/></w:style>",
              NULL, NULL};
    t = S_compile(P("{{noi_dung}}"), &o, &d);
    assert_non_null(t);
    s = S_part_text(bc_package_find(bc_wml_template_package(t), "word/styles.xml"));
    assert_non_null(strstr(s, "w:styleId=\"PhanLon\""));
    assert_non_null(strstr(s, "w:styleId=\"DuongKe\""));
    assert_int_equal(S_count(s, "w:styleId=\"Normal\""), 1);
    free(s);
    bc_wml_template_free(t);
    bc_diags_free(&d);
}

static void test_styles_matched_by_name(void **state)
{
    (void)state;
    /* LibreOffice rewrites ids from names: "Nội dung" is "Nidung" */
    opts o = {NULL,
              "<w:style w:type=\"paragraph\" w:styleId=\"Nidung\"><w:name "
              "w:val=\"Nội dung\"/></w:style>"
              "<w:style w:type=\"paragraph\" w:styleId=\"McphnI\"><w:name "
              "w:val=\"Đề mục phần (I.)\"/></w:style>",
              NULL, NULL};
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(P("{{noi_dung}}"), &o,
                              "noi_dung: \"I. PHẦN\\n\\nĐoạn **đậm** văn.\"",
                              "word/document.xml", &d);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<w:pStyle w:val=\"McphnI\"/>"));
    assert_non_null(strstr(xml, "<w:pStyle w:val=\"Nidung\"/>"));
    assert_null(strstr(xml, "\"NoiDung\""));
    free(xml);
    bc_diags_free(&d);
}

static void test_emphasis_in_schema_order(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    char *xml = S_render_part(
        "<w:p><w:r><w:rPr><w:rFonts w:ascii=\"Arial\"/><w:i w:val=\"0\"/>"
        "<w:color w:val=\"FF0000\"/><w:sz w:val=\"26\"/></w:rPr><w:t>{{noi_dung}}</w:t>"
        "</w:r></w:p>",
        NULL, "noi_dung: \"a **b** *c* ***d***\"", "word/document.xml", &d);
    assert_non_null(xml);
    assert_non_null(strstr(xml, "<w:rPr><w:rFonts w:ascii=\"Arial\"/><w:b/><w:bCs/>"
                                "<w:i w:val=\"0\"/><w:color w:val=\"FF0000\"/>"
                                "<w:sz w:val=\"26\"/></w:rPr><w:t xml:space=\"preserve\">b"));
    assert_non_null(strstr(xml, "<w:rPr><w:rFonts w:ascii=\"Arial\"/><w:i/><w:iCs/>"
                                "<w:color w:val=\"FF0000\"/><w:sz w:val=\"26\"/></w:rPr>"
                                "<w:t xml:space=\"preserve\">c"));
    assert_non_null(strstr(xml, "<w:rFonts w:ascii=\"Arial\"/><w:b/><w:bCs/><w:i/>"
                                "<w:iCs/><w:color"));
    free(xml);
    bc_diags_free(&d);
}

/* ---- template check ---------------------------------------------------------------- */

static void test_check_lists_tags_and_marks(void **state)
{
    (void)state;
    bc_package p = BC_PACKAGE_INIT;
    opts o = {P("{{ten}}"), NULL, NULL, NULL};
    S_pkg(&p, P("a") "<w:tbl><w:tr><w:tc>" P("{{#rows}}{{a}}") "</w:tc><w:tc>"
              P("{{b}}{{/rows}}") "</w:tc></w:tr></w:tbl>" P("{{/x}}"),
          &o);
    bc_diags d = BC_DIAGS_INIT;
    bc_tpl_info info = BC_TPL_INFO_INIT;
    bc_wml_template *t = bc_wml_template_compile_info(&p, "t.docx", &bc_template_host, &d, &info);
    assert_null(t);
    assert_int_equal(info.ntags, 6);
    assert_string_equal(info.tags[0].place, "body, table 1, row 1, cell 1");
    assert_string_equal(info.tags[0].text, "{{#rows}}");
    assert_int_equal(info.tags[0].kind, '#');
    assert_int_equal(info.tags[1].parent, 0);
    assert_string_equal(info.tags[5].place, "header of section 1, paragraph 1");
    assert_int_equal(info.nmarks, 1);
    assert_int_equal(info.marks[0].para_index, 3);
    /* the annotated copy has a comment there, and still compiles the same */
    bc_package ann = BC_PACKAGE_INIT;
    assert_int_equal(bc_wml_annotate(&p, info.marks, info.nmarks, &ann), 1);
    char *c = S_part_text(bc_package_find(&ann, "word/comments.xml"));
    assert_non_null(strstr(c, "[T004]"));
    free(c);
    char *doc = S_part_text(bc_package_find(&ann, "word/document.xml"));
    assert_non_null(strstr(doc, "commentRangeStart"));
    free(doc);
    bc_diags d2 = BC_DIAGS_INIT;
    assert_null(bc_wml_template_compile(&ann, "ann.docx", &bc_template_host, &d2));
    assert_int_equal(d2.errors, 1);
    assert_string_equal(d2.head->id, "T004");
    bc_diags_free(&d2);
    bc_package_free(&ann);
    bc_wml_template_info_free(&info);
    bc_diags_free(&d);
    bc_package_free(&p);
}

static void test_check_against_data(void **state)
{
    (void)state;
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, P("{{ten_xa}} {{so_ky_hieu}}") P("{{#rows}}") P("{{a}} {{c}}")
              P("{{/rows}}") P("{{#tuy_chon}}") P("{{x}}") P("{{/tuy_chon}}"),
          NULL);
    bc_diags d = BC_DIAGS_INIT;
    bc_tpl_info info = BC_TPL_INFO_INIT;
    bc_wml_template *t = bc_wml_template_compile_info(&p, "t.docx", &bc_template_host, &d, &info);
    assert_non_null(t);
    const char *yaml = "Tên_xã: A\nso: 5\nthua: 1\n"
                       "rows: [{a: 1, b: 2}, {a: 3}]\nnoi_dung: \"{{dung.o_day}}\"\n"
                       "dung: {o_day: 1, khong: 2}\n";
    bc_node *in = bc_yaml_load_mem(&S_arena, "d.yaml", yaml, strlen(yaml), &d);
    bc_node *data = bc_node_clone(&S_arena, in);
    bc_node_set(&S_arena, data, "so_ky_hieu", 10, bc_node_scalar(&S_arena, "5/BC", 4));
    size_t n = bc_template_check_data(&info, "t.docx", in, data, &d);
    /* errors: ten_xa (did you mean Tên_xã), rows[].c; notes: tuy_chon,
     * and the data no tag shows (T013): Tên_xã, thua, rows[].b, noi_dung,
     * dung.khong */
    assert_int_equal(n, 7);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 0);
    const bc_diag *g = d.head;
    assert_non_null(strstr(g->msg, "did you mean `Tên_xã`"));
    assert_string_equal(g->place, "body, paragraph 1");
    bool saw_c = false, saw_note = false, saw_b = false, saw_khong = false;
    for (; g; g = g->next) {
        saw_c |= g->severity == BC_ERROR && strstr(g->msg, "`c`") != NULL;
        saw_note |= g->severity == BC_NOTE && strstr(g->msg, "tuy_chon") != NULL;
        saw_b |= g->severity == BC_NOTE && strstr(g->msg, "rows[].b") != NULL;
        saw_khong |= g->severity == BC_NOTE && strstr(g->msg, "dung.khong") != NULL &&
                     g->line == 6;
        assert_null(strstr(g->msg, "`so`")); /* used through so_ky_hieu */
        assert_null(strstr(g->msg, "dung.o_day")); /* used by noi_dung */
    }
    assert_true(saw_c && saw_note && saw_b && saw_khong);
    bc_wml_template_free(t);
    bc_wml_template_info_free(&info);
    bc_diags_free(&d);
    bc_package_free(&p);
}

/* The note of a missing section says what rendering does: a section's
 * content is left out, an inverted section's is shown. */
static void test_check_missing_section_notes(void **state)
{
    (void)state;
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, P("{{#co}}") P("a") P("{{/co}}") P("{{^vang}}") P("b") P("{{/vang}}"),
          NULL);
    bc_diags d = BC_DIAGS_INIT;
    bc_tpl_info info = BC_TPL_INFO_INIT;
    bc_wml_template *t = bc_wml_template_compile_info(&p, "t.docx", &bc_template_host,
                                                      &d, &info);
    assert_non_null(t);
    bc_node *in = bc_yaml_load_mem(&S_arena, "d.yaml", "x: 1\n", 5, &d);
    bc_template_check_data(&info, "t.docx", in, in, &d);
    assert_int_equal(d.errors, 0);
    const bc_diag *co = NULL, *vang = NULL;
    for (const bc_diag *g = d.head; g; g = g->next) {
        if (g->severity == BC_NOTE && strstr(g->msg, "`{{#co}}`"))
            co = g;
        if (g->severity == BC_NOTE && strstr(g->msg, "`{{^vang}}`"))
            vang = g;
    }
    assert_non_null(co);
    assert_non_null(vang);
    assert_string_equal(co->id, "T012");
    assert_string_equal(vang->id, "T012");
    assert_non_null(strstr(co->msg, "left out"));
    assert_null(strstr(vang->msg, "left out"));
    assert_non_null(strstr(vang->msg, "is shown"));
    bc_wml_template_free(t);
    bc_wml_template_info_free(&info);
    bc_diags_free(&d);
    bc_package_free(&p);
}

static int S_teardown(void **state)
{
    (void)state;
    bc_arena_free(&S_arena);
    return 0;
}

int main(void)
{
    xmlInitParser();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_tag_three_runs),
        cmocka_unit_test(test_split_through_hyperlink_and_insertion),
        cmocka_unit_test(test_split_across_field_is_error),
        cmocka_unit_test(test_standalone_paragraphs_repeat),
        cmocka_unit_test(test_runs_loop_in_one_paragraph),
        cmocka_unit_test(test_paragraph_loop_open_at_start),
        cmocka_unit_test(test_row_loop),
        cmocka_unit_test(test_standalone_rows),
        cmocka_unit_test(test_cell_emptied_gets_paragraph),
        cmocka_unit_test(test_regions_parse_only_what_may_change),
        cmocka_unit_test(test_regions_keep_unread_elements),
        cmocka_unit_test(test_regions_in_a_header),
        cmocka_unit_test(test_list_items_repeat),
        cmocka_unit_test(test_list_item_by_style),
        cmocka_unit_test(test_placement_suffixes),
        cmocka_unit_test(test_page_break_and_section_break_kept),
        cmocka_unit_test(test_text_box_rendered_once_per_copy),
        cmocka_unit_test(test_error_ids_and_places),
        cmocka_unit_test(test_all_errors_at_once_in_order),
        cmocka_unit_test(test_footnote_places),
        cmocka_unit_test(test_render_error_located),
        cmocka_unit_test(test_render_error_quotes_clerk_tag),
        cmocka_unit_test(test_soft_hyphen_in_tag_named),
        cmocka_unit_test(test_filters_refused),
        cmocka_unit_test(test_check_missing_section_notes),
        cmocka_unit_test(test_values_escaped_and_broken),
        cmocka_unit_test(test_illegal_character_refused),
        cmocka_unit_test(test_ids_unique_in_repeated_content),
        cmocka_unit_test(test_control_and_shape_ids_unique),
        cmocka_unit_test(test_notes_copied_for_repeated_references),
        cmocka_unit_test(test_engine_without_host),
        cmocka_unit_test(test_styles_from_builtin),
        cmocka_unit_test(test_styles_matched_by_name),
        cmocka_unit_test(test_emphasis_in_schema_order),
        cmocka_unit_test(test_check_lists_tags_and_marks),
        cmocka_unit_test(test_check_against_data),
    };
    int rc = cmocka_run_group_tests(tests, NULL, S_teardown);
    xmlCleanupParser();
    return rc;
}
