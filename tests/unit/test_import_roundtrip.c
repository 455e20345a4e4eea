/*
 * test_import_roundtrip.c - every report of examples/ rendered, the .docx
 * imported back (`baocao nhap`'s library path: the .docx reader, the
 * recogniser, the YAML writer) and compared with the YAML it came from:
 * the same reserved keys with the same values (images aside: a .docx
 * gives no file name for them), and the imported YAML rendering a
 * document whose text is the original's, text templates and data keys
 * included (they come back as the text they rendered).
 */
#include "test_support.h"

#include "app/render.h"
#include "base/buf.h"
#include "docx_text.h"
#include "import/import_doc.h"
#include "import/import_docx.h"
#include "import/import_recognise.h"
#include "import/import_report.h"
#include "import/import_yaml.h"
#include "input/yaml_load.h"
#include "report/template.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bc_wml_template *S_tpl;

static int S_setup(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    S_tpl = bc_template_load(NULL, &d);
    bc_diags_free(&d);
    mkdir(BC_BUILD_DIR "/test-out", 0755);
    return S_tpl ? 0 : -1;
}

static int S_teardown(void **state)
{
    (void)state;
    bc_wml_template_free(S_tpl);
    return 0;
}

/* Renders the YAML file into a .docx at out_path; returns its text. */
static char *S_render(const char *yaml, const char *out_path)
{
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *root = bc_yaml_load_file(&a, yaml, &d);
    bc_report r;
    int rc = root ? bc_report_prepare(&a, root, false, &r, &d) : -1;
    bc_buf out = BC_BUF_INIT;
    if (rc == 0) {
        bc_render_opts ro = {false, 0};
        rc = bc_render_docx(S_tpl, &r, &ro, &out, &d);
    }
    for (bc_diag *g = d.head; g; g = g->next)
        if (g->severity == BC_ERROR)
            print_error("%s\n", bc_diag_format(g));
    assert_int_equal(rc, 0);
    FILE *f = fopen(out_path, "wb");
    assert_non_null(f);
    fwrite(out.data, 1, out.len, f);
    fclose(f);
    bc_buf_free(&out);
    bc_diags_free(&d);
    bc_arena_free(&a);
    char *text = bc_test_docx_text(out_path);
    assert_non_null(text);
    return text;
}

/* A scalar's text, "" for null or absent. */
static const char *S_str(const bc_node *n)
{
    return n && n->kind == BC_SCALAR ? n->str : "";
}

/* A string or a list of strings as lines joined with "\n". */
static void S_lines(const bc_node *n, bc_buf *out)
{
    bc_buf_clear(out);
    if (!n)
        return;
    if (n->kind == BC_SCALAR) {
        bc_buf_puts(out, n->str);
        return;
    }
    if (n->kind == BC_LIST)
        for (size_t k = 0; k < n->count; k++) {
            if (k)
                bc_buf_putc(out, '\n');
            bc_buf_puts(out, S_str(n->items[k]));
        }
    bc_buf_cstr(out);
}

/* Takes a final ";" or "." off every line of b. */
static void S_strip_ends(bc_buf *b)
{
    bc_buf o = BC_BUF_INIT;
    const char *p = bc_buf_cstr(b);
    while (*p) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        size_t m = n;
        while (m && (p[m - 1] == ';' || p[m - 1] == '.'))
            m--;
        bc_buf_put(&o, p, m);
        if (!e)
            break;
        bc_buf_putc(&o, '\n');
        p = e + 1;
    }
    bc_buf_clear(b);
    bc_buf_puts(b, bc_buf_cstr(&o));
    bc_buf_free(&o);
}

static void S_same(const char *name, const char *key, const char *want, const char *got)
{
    if (strcmp(want, got) != 0)
        fail_msg("%s: %s: `%s` came back as `%s`", name, key, want, got);
}

static int S_period_key(const bc_node *root, const char *key)
{
    const bc_node *k = bc_node_get(root, "ky_bao_cao");
    const bc_node *v = k ? bc_node_get(k, key) : NULL;
    return v && v->kind == BC_SCALAR ? atoi(v->str) : 0;
}

static void S_roundtrip(const char *name)
{
    char src[512], docx[512], yaml[512], again[512];
    snprintf(src, sizeof src, "%s/examples/%s.yaml", BC_SOURCE_DIR, name);
    snprintf(docx, sizeof docx, "%s/test-out/import-%s.docx", BC_BUILD_DIR, name);
    snprintf(yaml, sizeof yaml, "%s/test-out/import-%s.yaml", BC_BUILD_DIR, name);
    snprintf(again, sizeof again, "%s/test-out/import-%s.again.docx", BC_BUILD_DIR, name);
    char *text1 = S_render(src, docx);
    /* the import */
    bc_diags d = BC_DIAGS_INIT;
    bc_import_doc doc;
    bc_import_doc_init(&doc, docx, 0);
    assert_int_equal(bc_import_docx_read(docx, &doc, &d), 0);
    bc_import_report r;
    bc_import_report_init(&r);
    assert_int_equal(bc_import_recognise(&doc, false, &r, &d), 0);
    bc_buf y = BC_BUF_INIT;
    bc_import_yaml_write(&r, docx, &y);
    FILE *f = fopen(yaml, "wb");
    assert_non_null(f);
    fwrite(y.data, 1, y.len, f);
    fclose(f);
    bc_import_report_free(&r);
    bc_import_doc_free(&doc);
    /* the reserved keys */
    bc_arena a = BC_ARENA_INIT;
    bc_node *orig = bc_yaml_load_file(&a, src, &d);
    bc_node *imp = bc_yaml_load_file(&a, yaml, &d);
    assert_non_null(orig);
    assert_non_null(imp);
    assert_int_equal(d.errors, 0);
    static const char *const scalars[] = {"co_quan_chu_quan", "co_quan", "ky_hieu_co_quan",
                                          "so", "dia_danh", "ngay", NULL};
    for (int k = 0; scalars[k]; k++)
        S_same(name, scalars[k], S_str(bc_node_get(orig, scalars[k])),
               S_str(bc_node_get(imp, scalars[k])));
    const char *loai = S_str(bc_node_get(orig, "loai"));
    S_same(name, "loai", *loai ? loai : "bao_cao", S_str(bc_node_get(imp, "loai")));
    static const char *const period[] = {"nam", "nua", "quy", "thang", "so_thang", NULL};
    for (int k = 0; period[k]; k++)
        if (S_period_key(orig, period[k]) != S_period_key(imp, period[k]))
            fail_msg("%s: ky_bao_cao.%s: %d came back as %d", name, period[k],
                     S_period_key(orig, period[k]), S_period_key(imp, period[k]));
    bc_buf w = BC_BUF_INIT, g = BC_BUF_INIT;
    static const char *const lists[] = {"kinh_gui", "noi_nhan", "nguoi_ky.chuc_danh",
                                        "nguoi_ky.ho_ten", NULL};
    /* a Nơi nhận item written with the punctuation the program adds
     * (";", ".") comes back without it: the same line is printed */
    for (int k = 0; lists[k]; k++) {
        S_lines(bc_node_path(orig, lists[k]), &w);
        if (strcmp(lists[k], "noi_nhan") == 0)
            S_strip_ends(&w);
        S_lines(bc_node_path(imp, lists[k]), &g);
        S_same(name, lists[k], bc_buf_cstr(&w), bc_buf_cstr(&g));
    }
    const bc_node *p1 = bc_node_get(orig, "phu_luc"), *p2 = bc_node_get(imp, "phu_luc");
    assert_int_equal(p1 ? p1->count : 0, p2 ? p2->count : 0);
    for (size_t k = 0; p1 && k < p1->count; k++) {
        const bc_node *n1 = bc_node_get(p1->items[k], "ngang");
        const bc_node *n2 = bc_node_get(p2->items[k], "ngang");
        assert_int_equal(n1 && n1->boolean, n2 && n2->boolean);
    }
    /* the document it renders */
    char *text2 = S_render(yaml, again);
    if (strcmp(text1, text2) != 0) {
        size_t i = 0;
        while (text1[i] && text1[i] == text2[i])
            i++;
        size_t from = i > 60 ? i - 60 : 0;
        fail_msg("%s: the re-rendered text differs at byte %zu:\n  `%.120s`\n  `%.120s`",
                 name, i, text1 + from, text2 + from);
    }
    free(text1);
    free(text2);
    bc_buf_free(&w);
    bc_buf_free(&g);
    bc_buf_free(&y);
    bc_arena_free(&a);
    bc_diags_free(&d);
}

static void test_examples(void **state)
{
    (void)state;
    DIR *dir = opendir(BC_SOURCE_DIR "/examples");
    assert_non_null(dir);
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < 64) {
        size_t len = strlen(e->d_name);
        if (len > 5 && strcmp(e->d_name + len - 5, ".yaml") == 0)
            names[n++] = strndup(e->d_name, len - 5);
    }
    closedir(dir);
    assert_true(n >= 6);
    for (size_t k = 0; k < n; k++) {
        S_roundtrip(names[k]);
        free(names[k]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_examples),
    };
    return cmocka_run_group_tests_name("import_roundtrip", tests, S_setup, S_teardown);
}
