/*
 * test_hostile_templates.c - templates shaped like files of the corpus run
 * (tests/corpus/run.sh) that baocao once got wrong, each rebuilt here from
 * a few parts: a macro-enabled document or template (.docm, .dotm) and a
 * .dotx render into a macro-free .docx with their tags processed; a stale
 * Override in [Content_Types].xml is not doubled when baocao adds the part,
 * and one naming a missing part is dropped; a package whose main part is
 * no Word document (a theme) is refused (T011); a paragraph inside a
 * paragraph is refused with its place (T014), never rendered to an empty
 * body.
 */
#include "test_support.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "input/node_view.h"
#include "input/yaml_load.h"
#include "package/package.h"
#include "report/template.h"
#include "wml/wml_render.h"
#include "wml/wml_template.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_DOCM "application/vnd.ms-word.document.macroEnabled.main+xml"
#define CT_DOTM "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
#define CT_VBA "application/vnd.ms-office.vbaProject"
#define CT_VBA_DATA "application/vnd.ms-word.vbaData+xml"

typedef struct pkg_opts {
    const char *main_type;   /* the main part's content type */
    const char *main_target; /* the officeDocument target, default word/document.xml */
    bool vba;                /* vbaProject.bin, its .rels and vbaData.xml */
    const char *overrides;   /* more Override elements */
    const char *body;        /* the document's body */
} pkg_opts;

static void S_set(bc_package *p, const char *name, const char *text)
{
    bc_package_set(p, name, text, strlen(text));
}

static void S_pkg(bc_package *p, const pkg_opts *o)
{
    bc_buf ct = BC_BUF_INIT, rels = BC_BUF_INIT, doc = BC_BUF_INIT, root = BC_BUF_INIT;
    bc_buf_printf(&ct, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\""
                       "http://schemas.openxmlformats.org/package/2006/content-types\">"
                       "<Default Extension=\"rels\" ContentType=\"application/"
                       "vnd.openxmlformats-package.relationships+xml\"/>"
                       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                       "%s<Override PartName=\"/word/document.xml\" ContentType=\"%s\"/>"
                       "%s%s</Types>",
                  o->vba ? "<Default Extension=\"bin\" ContentType=\"" CT_VBA "\"/>" : "",
                  o->main_type,
                  o->vba ? "<Override PartName=\"/word/vbaData.xml\" ContentType=\"" CT_VBA_DATA
                           "\"/>"
                         : "",
                  o->overrides ? o->overrides : "");
    bc_buf_printf(&rels, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                         "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                         "relationships\">%s</Relationships>",
                  o->vba ? "<Relationship Id=\"rId1\" Type=\"http://schemas.microsoft."
                           "com/office/2006/relationships/vbaProject\" "
                           "Target=\"vbaProject.bin\"/>"
                         : "");
    bc_buf_printf(&doc, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document "
                        "xmlns:w=\"" W_NS "\"><w:body>%s</w:body></w:document>",
                  o->body);
    bc_buf_printf(&root, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                         "xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                         "relationships\"><Relationship Id=\"rId1\" Type=\"" REL
                         "officeDocument\" Target=\"%s\"/></Relationships>",
                  o->main_target ? o->main_target : "word/document.xml");
    S_set(p, "[Content_Types].xml", bc_buf_cstr(&ct));
    S_set(p, "_rels/.rels", bc_buf_cstr(&root));
    S_set(p, "word/_rels/document.xml.rels", bc_buf_cstr(&rels));
    S_set(p, "word/document.xml", bc_buf_cstr(&doc));
    if (o->vba) {
        S_set(p, "word/vbaProject.bin", "\xD0\xCF\x11\xE0 not really a VBA project");
        S_set(p, "word/_rels/vbaProject.bin.rels",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://"
              "schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
              "Id=\"rId1\" Type=\"http://schemas.microsoft.com/office/2006/relationships/"
              "wordVbaData\" Target=\"vbaData.xml\"/></Relationships>");
        S_set(p, "word/vbaData.xml",
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?><wne:vbaSuppData xmlns:wne=\""
              "http://schemas.microsoft.com/office/word/2006/wordml\"/>");
    }
    bc_buf_free(&ct);
    bc_buf_free(&rels);
    bc_buf_free(&doc);
    bc_buf_free(&root);
}

static void S_print(const bc_diags *d)
{
    for (const bc_diag *g = d->head; g; g = g->next) {
        char *s = bc_diag_format(g);
        print_error("%s\n", s);
        free(s);
    }
}

static char *S_text(const bc_package *p, const char *name)
{
    bc_part *part = bc_package_find(p, name);
    if (!part)
        return NULL;
    char *s = malloc(part->len + 1);
    memcpy(s, part->data, part->len);
    s[part->len] = '\0';
    return s;
}

static size_t S_count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *q = hay; (q = strstr(q, needle)) != NULL; q += strlen(needle))
        n++;
    return n;
}

static bc_arena S_arena = BC_ARENA_INIT;

/* Compiles the package of o and renders it against a little data; checks
 * the tag was rendered and hands back the template's package's content
 * types and the document's relationships (malloc'd). */
static void S_render(const pkg_opts *o, char **ct, char **rels)
{
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, o);
    bc_diags d = BC_DIAGS_INIT;
    bc_wml_template *t = bc_wml_template_compile(&p, "t.docm", &bc_template_host, &d);
    bc_package_free(&p);
    if (!t)
        S_print(&d);
    assert_non_null(t);
    const char *yaml = "ten: Cẩm Vũ\n";
    bc_node *data = bc_yaml_load_mem(&S_arena, "data.yaml", yaml, strlen(yaml), &d);
    assert_non_null(data);
    bc_package out = BC_PACKAGE_INIT;
    bc_wml_render_opts ro = {false};
    assert_int_equal(bc_wml_render(t, &bc_node_view, data, &ro, &out, &d), 0);
    char *xml = S_text(&out, "word/document.xml");
    assert_non_null(xml);
    if (!strstr(xml, "Xã Cẩm Vũ") || strstr(xml, "{{"))
        fail_msg("the tag was not rendered: %s", xml);
    free(xml);
    const bc_package *tp = bc_wml_template_package(t);
    *ct = S_text(tp, "[Content_Types].xml");
    *rels = S_text(tp, "word/_rels/document.xml.rels");
    assert_non_null(*ct);
    assert_non_null(*rels);
    /* no part of the VBA project is left */
    assert_null(bc_package_find(tp, "word/vbaProject.bin"));
    assert_null(bc_package_find(tp, "word/_rels/vbaProject.bin.rels"));
    assert_null(bc_package_find(tp, "word/vbaData.xml"));
    bc_package_free(&out);
    bc_wml_template_free(t);
    bc_diags_free(&d);
}

#define BODY "<w:p><w:r><w:t xml:space=\"preserve\">Xã {{ten}}</w:t></w:r></w:p>"

static void S_expect_docx(const char *main_type, bool vba)
{
    pkg_opts o = {.main_type = main_type, .vba = vba, .body = BODY};
    char *ct, *rels;
    S_render(&o, &ct, &rels);
    if (!strstr(ct, "<Override PartName=\"/word/document.xml\" ContentType=\"" CT_WML
                    "document.main+xml\"/>"))
        fail_msg("the main part is not a .docx document: %s", ct);
    if (strstr(ct, "macroEnabled") || strstr(ct, "vba") || strstr(ct, "template.main"))
        fail_msg("macro or template content types left: %s", ct);
    if (strstr(rels, "vbaProject"))
        fail_msg("the VBA project's relationship is left: %s", rels);
    free(ct);
    free(rels);
}

static void test_docm_renders_into_macro_free_docx(void **state)
{
    (void)state;
    S_expect_docx(CT_DOCM, true);
}

static void test_dotm_renders_into_macro_free_docx(void **state)
{
    (void)state;
    S_expect_docx(CT_DOTM, true);
    S_expect_docx(CT_DOTM, false);
}

static void test_dotx_renders_into_docx(void **state)
{
    (void)state;
    S_expect_docx(CT_WML "template.main+xml", false);
}

/* A template whose styles part is gone but whose Override stayed: the
 * report imports a styles part, with one Override; an Override naming no
 * part is dropped. */
static void test_stale_override_not_doubled(void **state)
{
    (void)state;
    pkg_opts o = {.main_type = CT_WML "document.main+xml",
                  .overrides = "<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_WML
                               "styles+xml\"/><Override PartName=\"/word/stylesWithEffects."
                               "xml\" ContentType=\"application/vnd.ms-word.stylesWithEffects"
                               "+xml\"/>",
                  .body = BODY};
    char *ct, *rels;
    S_render(&o, &ct, &rels);
    assert_int_equal(S_count(ct, "PartName=\"/word/styles.xml\""), 1);
    assert_int_equal(S_count(ct, "stylesWithEffects"), 0);
    assert_int_equal(S_count(rels, "relationships/styles\""), 1);
    free(ct);
    free(rels);
}

static const bc_diag *S_refused(const pkg_opts *o, bc_diags *d)
{
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, o);
    bc_wml_template *t = bc_wml_template_compile(&p, "t.docx", &bc_template_host, d);
    bc_package_free(&p);
    if (t) {
        bc_wml_template_free(t);
        fail_msg("compiled; want a refusal");
    }
    assert_non_null(d->head);
    return d->head;
}

/* A theme package (its officeDocument relationship names a theme
 * manager): no main document, not an empty one. */
static void test_theme_package_is_no_document(void **state)
{
    (void)state;
    pkg_opts o = {.main_type = CT_WML "document.main+xml",
                  .main_target = "theme/theme/themeManager.xml",
                  .overrides = "<Override PartName=\"/theme/theme/themeManager.xml\" "
                               "ContentType=\"application/vnd.openxmlformats-officedocument."
                               "themeManager+xml\"/>",
                  .body = BODY};
    bc_package p = BC_PACKAGE_INIT;
    S_pkg(&p, &o);
    S_set(&p, "theme/theme/themeManager.xml",
          "<?xml version=\"1.0\"?><a:themeManager xmlns:a=\"http://schemas."
          "openxmlformats.org/drawingml/2006/main\"/>");
    bc_diags d = BC_DIAGS_INIT;
    bc_wml_template *t = bc_wml_template_compile(&p, "t.docx", &bc_template_host, &d);
    bc_package_free(&p);
    assert_null(t);
    assert_non_null(d.head);
    assert_string_equal(d.head->id, "T011");
    bc_diags_free(&d);
}

/* docxtemplater's regression-par-in-par.docx in small: a loop's paragraph
 * holding the paragraphs it repeats. */
static void test_paragraph_in_paragraph_refused(void **state)
{
    (void)state;
    pkg_opts o = {.main_type = CT_WML "document.main+xml",
                  .body = "<w:p><w:r><w:t>{{#ds}}</w:t></w:r><w:p/>"
                          "<w:p><w:r><w:t>Tên {{ten}}</w:t></w:r></w:p></w:p>"
                          "<w:p><w:r><w:t>{{/ds}}</w:t></w:r></w:p>"};
    bc_diags d = BC_DIAGS_INIT;
    const bc_diag *g = S_refused(&o, &d);
    assert_string_equal(g->id, "T014");
    assert_string_equal(g->part, "word/document.xml");
    assert_string_equal(g->place, "body, paragraph 1");
    assert_non_null(strstr(g->msg, "a paragraph inside a paragraph"));
    bc_diags_free(&d);
}

/* A text box's paragraphs are inside a paragraph too, and fine. */
static void test_text_box_paragraphs_are_fine(void **state)
{
    (void)state;
    pkg_opts o = {.main_type = CT_WML "document.main+xml",
                  .body = "<w:p><w:r><w:pict><w:txbxContent>" BODY
                          "</w:txbxContent></w:pict></w:r></w:p>"};
    char *ct, *rels;
    S_render(&o, &ct, &rels);
    free(ct);
    free(rels);
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
        cmocka_unit_test(test_docm_renders_into_macro_free_docx),
        cmocka_unit_test(test_dotm_renders_into_macro_free_docx),
        cmocka_unit_test(test_dotx_renders_into_docx),
        cmocka_unit_test(test_stale_override_not_doubled),
        cmocka_unit_test(test_theme_package_is_no_document),
        cmocka_unit_test(test_paragraph_in_paragraph_refused),
        cmocka_unit_test(test_text_box_paragraphs_are_fine),
    };
    int rc = cmocka_run_group_tests(tests, NULL, S_teardown);
    xmlCleanupParser();
    return rc;
}
