/*
 * test_mustache.c - unit tests of the mustache engine (mustache.c) and of
 * its adapter over the data tree (input/node_view.c): template errors with
 * their locations, strict and lenient lookup, "did you mean", NFC names,
 * the depth limits, XML escaping, host tags, immutability (the same
 * compiled template applied twice and from several threads) and visit.
 * The specification's own tests run in tests/spec/run_spec.c.
 */
#include "test_support.h"

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "input/node.h"
#include "mustache/mustache.h"
#include "wml/wml.h"
#include "input/node_view.h"
#include "input/yaml_load.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ------------------------------------------------------------- */

typedef struct partials {
    const char *names[8];
    const char *texts[8];
    int loads; /* how many times a partial was loaded */
} partials;

static int load_partial(void *closure, const char *name, size_t len,
                        const char **text, size_t *text_len)
{
    partials *p = closure;
    for (int i = 0; i < 8 && p->names[i]; i++) {
        if (strlen(p->names[i]) == len && memcmp(p->names[i], name, len) == 0) {
            *text = p->texts[i];
            *text_len = strlen(p->texts[i]);
            __atomic_fetch_add(&p->loads, 1, __ATOMIC_RELAXED);
            return 0;
        }
    }
    return 1;
}

static bc_arena S_arena = BC_ARENA_INIT;

static const bc_node *data(const char *yaml)
{
    bc_diags d = BC_DIAGS_INIT;
    const bc_node *n = bc_yaml_load_mem(&S_arena, "data.yaml", yaml,
                                        strlen(yaml), &d);
    if (!n) {
        for (const bc_diag *g = d.head; g; g = g->next)
            print_error("%s\n", g->msg);
        fail_msg("bad test data: %s", yaml);
    }
    bc_diags_free(&d);
    return n;
}

static bc_mtpl *compile(const char *src, const bc_mopts *o, bc_diags *d)
{
    bc_mopts def = {0};
    def.name = "t.mustache";
    return bc_mustache_compile(src, strlen(src), o ? o : &def, d);
}

typedef struct result {
    int rc;
    char *out;
    bc_diags d;
} result;

static result run_with(const char *src, const bc_mopts *o, const char *yaml,
                       bool lenient, bc_mescape_fn esc)
{
    result r = {0, NULL, BC_DIAGS_INIT};
    bc_mtpl *t = compile(src, o, &r.d);
    if (!t) {
        for (const bc_diag *g = r.d.head; g; g = g->next)
            print_error("%s\n", g->msg);
        fail_msg("template did not compile: %s", src);
    }
    bc_mapply ap = {0};
    ap.data = &bc_node_view;
    ap.root = data(yaml);
    ap.escape = esc;
    ap.lenient = lenient;
    ap.diags = &r.d;
    bc_buf out = BC_BUF_INIT;
    r.rc = bc_mustache_apply(t, &ap, &out);
    r.out = bc_buf_detach(&out, NULL);
    bc_mustache_free(t);
    return r;
}

static result run(const char *src, const char *yaml, bool lenient)
{
    return run_with(src, NULL, yaml, lenient, bc_mustache_escape_html);
}

static void result_free(result *r)
{
    free(r->out);
    bc_diags_free(&r->d);
}

/* Asserts that some error of d is at line:col and mentions every string. */
static void expect_error(const bc_diags *d, int line, int col, const char *a,
                         const char *b)
{
    for (const bc_diag *g = d->head; g; g = g->next) {
        if (g->severity != BC_ERROR || g->line != line || g->col != col)
            continue;
        if (a && !strstr(g->msg, a))
            continue;
        if (b && !strstr(g->msg, b))
            continue;
        char *f = bc_diag_format(g);
        char want[32];
        snprintf(want, sizeof want, ":%d:%d:", line, col);
        bool at = strstr(f, want) != NULL;
        free(f);
        assert_true(at);
        return;
    }
    for (const bc_diag *g = d->head; g; g = g->next) {
        char *f = bc_diag_format(g);
        print_error("  have: %s\n", f);
        free(f);
    }
    fail_msg("no error at %d:%d mentioning \"%s\"%s%s", line, col,
             a ? a : "", b ? " and " : "", b ? b : "");
}

static void expect_compile_error(const char *src, int line, int col,
                                 const char *a, const char *b)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_mtpl *t = compile(src, NULL, &d);
    assert_null(t);
    assert_true(d.errors > 0);
    expect_error(&d, line, col, a, b);
    bc_diags_free(&d);
}

/* ---- template errors ----------------------------------------------------- */

static void test_error_kinds(void **state)
{
    (void)state;
    expect_compile_error("a\n  {{#sec}}x", 2, 3, "{{#sec}}", "not closed");
    expect_compile_error("{{#a}}\nx {{/b}}", 2, 3, "{{/b}}", "{{#a}}");
    expect_compile_error("{{#a}}\nx {{/b}}", 2, 3, "line 1, column 1", NULL);
    expect_compile_error("x {{/a}}", 1, 3, "{{/a}}", "not open");
    expect_compile_error("ok\n {{=<% %>}}", 2, 2, "{{=<% %>}}", "delimiter");
    expect_compile_error("{{= <% =}}", 1, 1, "{{= <% =}}", "delimiter");
    expect_compile_error("ab\n{{foo", 2, 1, "{{foo", "unclosed");
    expect_compile_error("ab {{{foo}} cd", 1, 4, "{{{foo}} cd", "unclosed");
    expect_compile_error("x{{ }}", 1, 2, "{{ }}", "empty");
    expect_compile_error("x{{#}}{{/}}", 1, 2, "{{#}}", "empty");
    expect_compile_error("{{>}}", 1, 1, "{{>}}", "empty");
    expect_compile_error("{{a b}}", 1, 1, "{{a b}}", "space");
    expect_compile_error("{{a..b}}", 1, 1, "{{a..b}}", NULL);
    /* columns count characters, not bytes */
    expect_compile_error("Tiếng Việt {{/x}}", 1, 12, "{{/x}}", NULL);
    /* delimiters in effect are named in messages */
    expect_compile_error("{{=<% %>=}}<%#a%>", 1, 12, "<%#a%>", NULL);
}

static void test_every_error_reported(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    const char *src = "{{#a}}\n{{/b}}\n{{}}\n{{/c}}\n{{#d}}\n{{=x}}\n";
    assert_null(compile(src, NULL, &d));
    expect_error(&d, 2, 1, "{{/b}}", "{{#a}}");
    expect_error(&d, 3, 1, "{{}}", NULL);
    expect_error(&d, 4, 1, "{{/c}}", NULL);
    expect_error(&d, 6, 1, "{{=x}}", NULL);
    expect_error(&d, 5, 1, "{{#d}}", "not closed");
    expect_error(&d, 1, 1, "{{#a}}", "not closed");
    assert_int_equal(d.errors, 6);
    bc_diags_free(&d);
}

static void S_locate(void *closure, size_t offset, bc_diag *g)
{
    bc_diag_set_part(g, "word/document.xml", "paragraph 7");
    *(size_t *)closure = offset;
}

static void test_error_location_options(void **state)
{
    (void)state;
    bc_mopts o = {0};
    o.name = "bao-cao.yaml";
    o.first_line = 10;
    o.first_col = 5;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(compile("ab {{/x}}\n  {{/y}}", &o, &d));
    expect_error(&d, 10, 8, "{{/x}}", NULL);
    expect_error(&d, 11, 3, "{{/y}}", NULL);
    char *f = bc_diag_format(d.head);
    assert_non_null(strstr(f, "bao-cao.yaml:10:8"));
    free(f);
    bc_diags_free(&d);

    size_t off = 0;
    o.locate = S_locate;
    o.locate_closure = &off;
    assert_null(compile("abc{{/x}}", &o, &d));
    assert_int_equal(off, 3);
    assert_string_equal(d.head->part, "word/document.xml");
    assert_string_equal(d.head->place, "paragraph 7");
    bc_diags_free(&d);
}

static void test_partial_errors(void **state)
{
    (void)state;
    partials p = {{"bad", "ok"}, {"x\n{{#open}}", "fine {{>bad}}"}, 0};
    bc_mopts o = {0};
    o.name = "main";
    o.partial = load_partial;
    o.partial_closure = &p;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(compile("{{>ok}}", &o, &d));
    expect_error(&d, 2, 1, "{{#open}}", NULL);
    assert_string_equal(d.head->file, "bad");
    bc_diags_free(&d);
}

/* ---- lookup ------------------------------------------------------------- */

static void test_strict_and_lenient(void **state)
{
    (void)state;
    result r = run("Kính gửi: {{noi_nhan}}.", "noi_nhan: UBND huyện", false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "Kính gửi: UBND huyện.");
    result_free(&r);

    r = run("a\n  {{thieu}} {{co}} {{khong}}", "co: 1", false);
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.d.errors, 2); /* every missing name */
    expect_error(&r.d, 2, 3, "{{thieu}}", "no value for `thieu`");
    expect_error(&r.d, 2, 20, "{{khong}}", "the top level");
    result_free(&r);

    r = run("[{{thieu}}]", "co: 1", true);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "[]");
    assert_int_equal(r.d.errors, 0);
    result_free(&r);

    /* a missing section is false, a missing inverted section true */
    r = run("[{{#thieu}}x{{/thieu}}{{^thieu}}y{{/thieu}}]", "co: 1", false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "[y]");
    result_free(&r);

    /* null is present: empty, no error */
    r = run("[{{rong}}]", "rong: null", false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "[]");
    result_free(&r);

    /* dotted names: the first part found, a later one missing */
    r = run("{{nguoi_ky.ho_ten}} {{nguoi_ky.chuc_vu}}",
            "nguoi_ky: {ho_ten: Nguyễn Văn A}", false);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 1, 21, "{{nguoi_ky.chuc_vu}}", "has no `chuc_vu`");
    result_free(&r);
    r = run("[{{nguoi_ky.chuc_vu}}]", "nguoi_ky: {ho_ten: A}", true);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "[]");
    result_free(&r);

    /* the data path names the section context */
    r = run("{{#ds}}\n{{ten}}\n{{/ds}}", "ds: [{ten: a}, {x: 1}]", false);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 2, 1, "{{ten}}", "`ds` item 2");
    result_free(&r);

    /* a list is not text */
    r = run("{{ds}}", "ds: [1, 2]", false);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 1, 1, "{{ds}}", "list");
    result_free(&r);
}

static void test_did_you_mean(void **state)
{
    (void)state;
    result r = run("Nơi nhận:\n- {{noi_nhận}}", "noi_nhan: Như trên", false);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 2, 3, "{{noi_nhận}}", "did you mean `noi_nhan`?");
    result_free(&r);

    /* in a section, from a lower map of the context stack */
    r = run("{{#a}}{{Ten_Xa}}{{/a}}", "tên_xã: Cẩm Vũ\na: {b: 1}", false);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 1, 7, "{{Ten_Xa}}", "did you mean `tên_xã`?");
    result_free(&r);

    /* no suggestion when nothing is close */
    r = run("{{zzz}}", "noi_nhan: x", false);
    assert_null(strstr(r.d.head->msg, "did you mean"));
    result_free(&r);

    /* by edit distance, underscores free: the typos clerks make */
    static const struct {
        const char *tag, *want;
    } typos[] = {{"{{tinbai}}", "did you mean `tin_bai`?"},
                 {"{{tin_ba}}", "did you mean `tin_bai`?"},
                 {"{{solieu.buoi}}", "did you mean `so_lieu`?"},
                 {"{{ky.ky_sauu}}", "did you mean `ky_sau`?"},
                 {"{{so_lieu.buoii}}", "did you mean `buoi`?"}};
    for (size_t i = 0; i < sizeof typos / sizeof typos[0]; i++) {
        r = run(typos[i].tag, "tin_bai: 5\nso_lieu: {buoi: 3}\nky: {ky_sau: x}", false);
        assert_int_equal(r.rc, -1);
        if (!strstr(r.d.head->msg, typos[i].want))
            fail_msg("%s: `%s`, want `%s`", typos[i].tag, r.d.head->msg, typos[i].want);
        result_free(&r);
    }
    /* a short name takes one edit at most */
    r = run("{{abxy}}", "abcd: 1", false);
    assert_null(strstr(r.d.head->msg, "did you mean"));
    result_free(&r);
}

static void test_nfc_names(void **state)
{
    (void)state;
    const char *yaml = "t\xC3\xAAn_x\xC3\xA3: C\xE1\xBA\xA9m V\xC5\xA9";
    /* NFC tag */
    result r = run("{{t\xC3\xAAn_x\xC3\xA3}}", yaml, false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "C\xE1\xBA\xA9m V\xC5\xA9");
    result_free(&r);
    /* NFD tag (e + U+0302, a + U+0303) */
    r = run("{{te\xCC\x82n_xa\xCC\x83}}", yaml, false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "C\xE1\xBA\xA9m V\xC5\xA9");
    result_free(&r);
    /* sections close with the other form */
    r = run("{{#te\xCC\x82n_xa\xCC\x83}}ok{{/t\xC3\xAAn_x\xC3\xA3}}", yaml, false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "ok");
    result_free(&r);
    /* a no-break space inside a tag is a space */
    r = run("[{{\xC2\xA0tên_xã\xC2\xA0}}]", yaml, false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "[Cẩm Vũ]");
    result_free(&r);
}

static void test_word_typed_tags(void **state)
{
    (void)state;
    /* spaces (no-break ones too) before the type character */
    result r = run("{{ #ds }}<{{ . }}>{{\xC2\xA0/ds }}{{ ^ds }}none{{ /ds }}"
                   "{{ ! note }}{{ = <% %> = }}<% x %>",
                   "ds: [a, b]\nx: x", false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "<a><b>x");
    result_free(&r);
    /* a triple mustache keeps its braces together */
    r = run("{{ {x} }}", "'{x}': 1", false);
    assert_string_equal(r.out, "1");
    result_free(&r);
}

/* ---- limits -------------------------------------------------------------- */

static char *nested(int n)
{
    bc_buf b = BC_BUF_INIT;
    for (int i = 0; i < n; i++)
        bc_buf_puts(&b, "{{#a}}");
    bc_buf_puts(&b, "x");
    for (int i = 0; i < n; i++)
        bc_buf_puts(&b, "{{/a}}");
    return bc_buf_detach(&b, NULL);
}

static void test_nesting_limit(void **state)
{
    (void)state;
    char *ok = nested(BC_MUSTACHE_MAX_NESTING);
    result r = run(ok, "a: true", false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "x");
    result_free(&r);
    free(ok);

    char *deep = nested(BC_MUSTACHE_MAX_NESTING + 1);
    bc_diags d = BC_DIAGS_INIT;
    assert_null(compile(deep, NULL, &d));
    expect_error(&d, 1, 1 + 6 * BC_MUSTACHE_MAX_NESTING, "{{#a}}", "64");
    assert_int_equal(d.errors, 1);
    assert_string_equal(d.head->id, "E004");
    bc_diags_free(&d);
    free(deep);

    /* hostile: many thousand levels give errors, not a crash */
    char *hostile = nested(100000);
    assert_null(compile(hostile, NULL, &d));
    bc_diags_free(&d);
    free(hostile);
}

static void test_recursion_limit(void **state)
{
    (void)state;
    partials p = {{"p"}, {"x{{#a}}{{>p}}{{/a}}"}, 0};
    bc_mopts o = {0};
    o.name = "main";
    o.partial = load_partial;
    o.partial_closure = &p;
    /* finite recursion through data works */
    result r = run_with("{{>p}}", &o, "a: {a: {a: false}}", false,
                        bc_mustache_escape_html);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "xxx");
    assert_int_equal(p.loads, 1); /* compiled once */
    result_free(&r);
    /* data that always recurses ends with an error */
    r = run_with("{{>p}}", &o, "a: true", false, bc_mustache_escape_html);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 1, 8, "{{>p}}", "100");
    assert_string_equal(r.d.head->id, "E004");
    assert_string_equal(r.d.head->file, "p");
    assert_int_equal(strlen(r.out), BC_MUSTACHE_MAX_DEPTH);
    result_free(&r);

    /* a doubly recursive partial stops at once, not after 2^100 calls */
    partials p2 = {{"q"}, {"{{>q}}{{>q}}"}, 0};
    o.partial_closure = &p2;
    r = run_with("{{>q}}", &o, "{}", false, bc_mustache_escape_html);
    assert_int_equal(r.rc, -1);
    assert_int_equal(r.d.errors, 1);
    result_free(&r);

    /* a block that overrides itself */
    partials p3 = {{"par"}, {"{{$b}}d{{/b}}"}, 0};
    o.partial_closure = &p3;
    r = run_with("{{<par}}{{$b}}{{$b}}{{/b}}{{/b}}{{/par}}", &o, "{}", false,
                 bc_mustache_escape_html);
    assert_int_equal(r.rc, -1);
    result_free(&r);
}

/* ---- escaping ----------------------------------------------------------- */

static void test_xml_escape(void **state)
{
    (void)state;
    const char *yaml = "x: 'a & b < c > d \"e\" f''g'";
    result r = run_with("{{x}}|{{{x}}}|{{&x}}", NULL, yaml, false,
                        bc_wml_escape_run);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out,
                        "a &amp; b &lt; c &gt; d &quot;e&quot; f'g|"
                        "a &amp; b &lt; c &gt; d \"e\" f'g|"
                        "a &amp; b &lt; c &gt; d \"e\" f'g");
    result_free(&r);

    r = run_with("<w:t>{{x}}</w:t>", NULL, "x: \"m\\u1ed9t\\r\\nhai\\tba\"", false,
                 bc_wml_escape_run);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out,
                        "<w:t>một</w:t><w:br/><w:t xml:space=\"preserve\">hai"
                        "</w:t><w:tab/><w:t xml:space=\"preserve\">ba</w:t>");
    result_free(&r);

    bc_buf b = BC_BUF_INIT;
    assert_int_equal(bc_mustache_escape_html(&b, "<&\">'", 5, false), 0);
    assert_string_equal(bc_buf_cstr(&b), "&lt;&amp;&quot;&gt;'");
    bc_buf_clear(&b);
    assert_int_equal(bc_mustache_escape_html(&b, "<&\">'", 5, true), 0);
    assert_string_equal(bc_buf_cstr(&b), "<&\">'");
    bc_buf_clear(&b);
    assert_int_equal(bc_mustache_escape_none(&b, "<&\n", 3, false), 0);
    assert_string_equal(bc_buf_cstr(&b), "<&\n");
    bc_buf_clear(&b);
    assert_int_equal(bc_wml_escape_run(&b, "a\xEF\xBF\xBE", 4, true),
                     0xFFFE);
    bc_buf_clear(&b);
    assert_int_equal(bc_wml_escape_run(&b, "\x1B", 1, false), 0x1B);
    bc_buf_free(&b);
}

/* The YAML loader refuses control characters: such data is built here. */
static result run_value(const char *src, const char *key, const char *value,
                        bool lenient)
{
    bc_node *root = bc_node_new(&S_arena, BC_MAP);
    bc_node_set(&S_arena, root, key, strlen(key),
               bc_node_scalar(&S_arena, value, strlen(value)));
    result r = {0, NULL, BC_DIAGS_INIT};
    bc_mtpl *t = compile(src, NULL, &r.d);
    assert_non_null(t);
    bc_mapply ap = {0};
    ap.data = &bc_node_view;
    ap.root = root;
    ap.escape = bc_wml_escape_run;
    ap.lenient = lenient;
    ap.diags = &r.d;
    bc_buf out = BC_BUF_INIT;
    r.rc = bc_mustache_apply(t, &ap, &out);
    r.out = bc_buf_detach(&out, NULL);
    bc_mustache_free(t);
    return r;
}

static void test_control_character(void **state)
{
    (void)state;
    result r = run_value("A\n  {{ghi_chu}}", "ghi_chu", "a\x07" "b", false);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 2, 3,
                 "value of `ghi_chu` contains the control character U+0007",
                 "{{ghi_chu}}");
    char *f = bc_diag_format(r.d.head);
    assert_non_null(strstr(f, "t.mustache:2:3:"));
    free(f);
    result_free(&r);
    /* reported in lenient mode too (it is no missing value), raw too */
    r = run_value("{{{x}}}", "x", "\xEF\xBF\xBF", true);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 1, 1, "U+FFFF", NULL);
    result_free(&r);
}

/* ---- host tags ----------------------------------------------------------- */

typedef struct host_log {
    int calls;
    char arg[32];
    char text[64];
} host_log;

static int host_cb(void *closure, bc_buf *out, const void *value,
                   const char *arg, size_t arg_len)
{
    host_log *h = closure;
    h->calls++;
    snprintf(h->arg, sizeof h->arg, "%.*s", (int)arg_len, arg);
    size_t n = 0;
    const char *s = bc_node_view.text(NULL, value, &n);
    snprintf(h->text, sizeof h->text, "%.*s", (int)n, s);
    bc_buf_printf(out, "<%s:%.*s>", h->arg, (int)n, s);
    return 0;
}

static result run_host(const char *src, const char *yaml, bool lenient,
                       host_log *h)
{
    bc_mopts o = {0};
    o.name = "document.xml";
    o.host_sigil = '@';
    result r = {0, NULL, BC_DIAGS_INIT};
    bc_mtpl *t = compile(src, &o, &r.d);
    assert_non_null(t);
    bc_mapply ap = {0};
    ap.data = &bc_node_view;
    ap.root = data(yaml);
    ap.escape = bc_wml_escape_run;
    ap.lenient = lenient;
    ap.host = host_cb;
    ap.host_closure = h;
    ap.diags = &r.d;
    bc_buf out = BC_BUF_INIT;
    r.rc = bc_mustache_apply(t, &ap, &out);
    r.out = bc_buf_detach(&out, NULL);
    bc_mustache_free(t);
    return r;
}

static void test_host_tags(void **state)
{
    (void)state;
    host_log h = {0};
    result r = run_host("x{{@nguoi_ky.ho_ten 3}}y\n{{@so  \xE2\x80\x9C" "a b\xE2\x80\x9D}}",
                        "nguoi_ky: {ho_ten: Trần Thị B}\nso: 12", false, &h);
    assert_int_equal(r.rc, 0);
    assert_int_equal(h.calls, 2);
    assert_string_equal(r.out, "x<3:Trần Thị B>y\n<\"a b\":12>");
    result_free(&r);

    /* strict: missing is an error, the callback is not called */
    memset(&h, 0, sizeof h);
    r = run_host("{{@thieu 1}}", "a: 1", false, &h);
    assert_int_equal(r.rc, -1);
    assert_int_equal(h.calls, 0);
    expect_error(&r.d, 1, 1, "{{@thieu 1}}", "no value for `thieu`");
    result_free(&r);

    /* lenient: skipped */
    r = run_host("[{{@thieu 1}}]", "a: 1", true, &h);
    assert_int_equal(r.rc, 0);
    assert_int_equal(h.calls, 0);
    assert_string_equal(r.out, "[]");
    result_free(&r);

    /* a host tag is never standalone */
    r = run_host("a\n  {{@a 0}}\nb", "a: v", false, &h);
    assert_string_equal(r.out, "a\n  <0:v>\nb");
    result_free(&r);

    /* without a sigil "@x" is an ordinary name */
    r = run("[{{@x}}]", "'@x': 1", false);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "[1]");
    result_free(&r);
}

/* ---- compile once, apply many --------------------------------------------- */

static const char *const S_tpl =
    "BÁO CÁO {{tieu_de}}\n"
    "{{#muc}}\n"
    "  {{> dong}}\n"
    "{{/muc}}\n"
    "{{^muc}}(trống){{/muc}}\n"
    "{{>*kieu}}|";

static partials S_tpl_partials = {{"dong", "a", "b"},
                                   {"- {{ten}}\n  {{#con}}{{.}};{{/con}}\n",
                                    "[A {{tieu_de}}]", "[B]"},
                                   0};

static bc_mtpl *compile_shared(bc_diags *d)
{
    bc_mopts o = {0};
    o.name = "shared";
    o.partial = load_partial;
    o.partial_closure = &S_tpl_partials;
    return compile(S_tpl, &o, d);
}

static char *apply_shared(const bc_mtpl *t, const bc_node *root, int *rc)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_mapply ap = {0};
    ap.data = &bc_node_view;
    ap.root = root;
    ap.escape = bc_mustache_escape_html;
    ap.diags = &d;
    bc_buf out = BC_BUF_INIT;
    *rc = bc_mustache_apply(t, &ap, &out);
    bc_diags_free(&d);
    return bc_buf_detach(&out, NULL);
}

static const char *const S_expected =
    "BÁO CÁO Q3\n"
    "  - X\n"
    "    1;2;\n"
    "  - Y\n"
    "    \n"
    "\n"
    "[A Q3]|";

static void test_apply_twice(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    bc_mtpl *t = compile_shared(&d);
    assert_non_null(t);
    assert_false(bc_mustache_is_static(t));
    const bc_node *root = data("tieu_de: Q3\nkieu: a\n"
                               "muc: [{ten: X, con: [1, 2]}, {ten: Y, con: []}]");
    int rc;
    char *a = apply_shared(t, root, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(a, S_expected);
    char *b = apply_shared(t, root, &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(a, b);
    free(b);
    /* other data, same template */
    b = apply_shared(t, data("tieu_de: Q4\nkieu: b\nmuc: []"), &rc);
    assert_int_equal(rc, 0);
    assert_string_equal(b, "BÁO CÁO Q4\n(trống)\n[B]|");
    free(b);
    b = apply_shared(t, root, &rc);
    assert_string_equal(a, b);
    free(a);
    free(b);
    bc_mustache_free(t);
    bc_diags_free(&d);

    bc_mtpl *s = compile("no tags at all\n", NULL, &d);
    assert_true(bc_mustache_is_static(s));
    bc_mustache_free(s);
}

typedef struct thread_arg {
    const bc_mtpl *t;
    const bc_node *root;
    int ok;
} thread_arg;

static void *thread_main(void *p)
{
    thread_arg *ta = p;
    ta->ok = 1;
    for (int i = 0; i < 200; i++) {
        int rc;
        char *s = apply_shared(ta->t, ta->root, &rc);
        if (rc != 0 || strcmp(s, S_expected) != 0)
            ta->ok = 0;
        free(s);
    }
    return NULL;
}

static void test_apply_from_threads(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    bc_mtpl *t = compile_shared(&d);
    assert_non_null(t);
    const bc_node *root = data("tieu_de: Q3\nkieu: a\n"
                               "muc: [{ten: X, con: [1, 2]}, {ten: Y, con: []}]");
    pthread_t th[4];
    thread_arg ta[4];
    for (int i = 0; i < 4; i++) {
        ta[i] = (thread_arg){t, root, 0};
        assert_int_equal(pthread_create(&th[i], NULL, thread_main, &ta[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_true(ta[i].ok);
    }
    bc_mustache_free(t);
    bc_diags_free(&d);
}

static void test_dynamic_partials(void **state)
{
    (void)state;
    /* a name no static tag uses is compiled during the apply, each time */
    partials p = {{"x", "y"}, {"<{{v}}{{>y}}>", "!"}, 0};
    bc_mopts o = {0};
    o.name = "main";
    o.partial = load_partial;
    o.partial_closure = &p;
    result r = run_with("{{#ds}}{{>*k}}{{/ds}}", &o,
                        "ds: [{k: x, v: 1}, {k: x, v: 2}, {k: none}]", false,
                        bc_mustache_escape_html);
    assert_int_equal(r.rc, 0);
    assert_string_equal(r.out, "<1!><2!>");
    assert_int_equal(p.loads, 2); /* x and y, once for the apply */
    result_free(&r);

    /* an error in a partial compiled at apply time is reported */
    partials bad = {{"x"}, {"{{#oops}}"}, 0};
    o.partial_closure = &bad;
    r = run_with("{{>*k}}", &o, "k: x", true, bc_mustache_escape_html);
    assert_int_equal(r.rc, -1);
    expect_error(&r.d, 1, 1, "{{#oops}}", NULL);
    result_free(&r);
}

static void test_partial_indentation(void **state)
{
    (void)state;
    partials p = {{"p"}, {"một\n{{{v}}}\n\nhai\n"}, 0};
    bc_mopts o = {0};
    o.name = "main";
    o.partial = load_partial;
    o.partial_closure = &p;
    result r = run_with("<\n  {{>p}}\n>", &o, "v: \"x\\ny\"", false,
                        bc_mustache_escape_none);
    assert_int_equal(r.rc, 0);
    /* template lines are indented, lines inside a value are not */
    assert_string_equal(r.out, "<\n  một\n  x\ny\n\n  hai\n>");
    result_free(&r);
}

/* ---- visit ---------------------------------------------------------------- */

typedef struct visit_log {
    bc_buf b;
} visit_log;

static void visit_cb(void *closure, char kind, const char *name, size_t len,
                     int line, int col, size_t offset)
{
    visit_log *v = closure;
    bc_buf_printf(&v->b, "%c%.*s@%d:%d+%zu ", kind, (int)len, name, line, col,
                  offset);
}

static void test_visit(void **state)
{
    (void)state;
    bc_mopts o = {0};
    o.name = "v";
    o.host_sigil = '@';
    bc_diags d = BC_DIAGS_INIT;
    bc_mtpl *t = compile("{{a}} {{{b.c}}}\n{{#s}}{{^i}}{{! c }}{{/i}}{{/s}}\n"
                         "{{@h 2}}{{>p}}{{>*dyn}}{{&tên}}",
                         &o, &d);
    assert_non_null(t);
    visit_log v = {BC_BUF_INIT};
    bc_mustache_visit(t, visit_cb, &v);
    assert_string_equal(bc_buf_cstr(&v.b),
                        "{a@1:1+0 {b.c@1:7+6 #s@2:1+16 ^i@2:7+22 @h@3:1+49 "
                        ">p@3:9+57 {dyn@3:15+63 {tên@3:24+72 ");
    bc_buf_free(&v.b);
    bc_mustache_free(t);
    bc_diags_free(&d);
}

/* ---- the data adapter ------------------------------------------------------ */

static void test_model_adapter(void **state)
{
    (void)state;
    const bc_mdata *m = &bc_node_view;
    const bc_node *root =
        data("s: '5.120'\ne: ''\nt: true\nf: false\nn: null\nl: [a]\nm: {k: v}");
    assert_int_equal(m->kind(m->closure, root), BC_MV_MAP);
    const void *v;
    size_t len;
    v = m->member(m->closure, root, "s", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_SCALAR);
    assert_string_equal(m->text(m->closure, v, &len), "5.120");
    v = m->member(m->closure, root, "e", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_SCALAR);
    assert_string_equal(m->text(m->closure, v, &len), "");
    assert_int_equal(len, 0);
    v = m->member(m->closure, root, "t", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_TRUE);
    assert_string_equal(m->text(m->closure, v, &len), "true");
    v = m->member(m->closure, root, "f", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_FALSE);
    assert_string_equal(m->text(m->closure, v, &len), "false");
    v = m->member(m->closure, root, "n", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_NULL);
    assert_string_equal(m->text(m->closure, v, &len), "");
    v = m->member(m->closure, root, "l", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_LIST);
    assert_int_equal(m->count(m->closure, v), 1);
    assert_string_equal(m->text(m->closure, m->item(m->closure, v, 0), &len),
                        "a");
    v = m->member(m->closure, root, "m", 1);
    assert_int_equal(m->kind(m->closure, v), BC_MV_MAP);
    assert_string_equal(m->key_at(m->closure, v, 0, &len), "k");
    assert_null(m->member(m->closure, root, "zz", 2));
    assert_int_equal(m->count(m->closure, root), 7);

    /* an empty string is truthy: the tree only holds what the clerk wrote */
    result r = run("{{#e}}yes{{/e}}", "e: ''", false);
    assert_string_equal(r.out, "yes");
    result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_kinds),
        cmocka_unit_test(test_every_error_reported),
        cmocka_unit_test(test_error_location_options),
        cmocka_unit_test(test_partial_errors),
        cmocka_unit_test(test_strict_and_lenient),
        cmocka_unit_test(test_did_you_mean),
        cmocka_unit_test(test_nfc_names),
        cmocka_unit_test(test_word_typed_tags),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_recursion_limit),
        cmocka_unit_test(test_xml_escape),
        cmocka_unit_test(test_control_character),
        cmocka_unit_test(test_host_tags),
        cmocka_unit_test(test_apply_twice),
        cmocka_unit_test(test_apply_from_threads),
        cmocka_unit_test(test_dynamic_partials),
        cmocka_unit_test(test_partial_indentation),
        cmocka_unit_test(test_visit),
        cmocka_unit_test(test_model_adapter),
    };
    int rc = cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
    bc_arena_free(&S_arena);
    return rc;
}
