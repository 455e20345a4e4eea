/*
 * test_limits.c - hostile and broken input (docs/limits.md): each bound
 * refused with its id and a message, each defect found by trying the
 * program as an attacker or an unlucky clerk would, on a small input of
 * the same shape made here:
 *  - YAML: a file or value over 32 MiB (E001), nesting past 200 levels
 *    (E002, the reading stops at once), more than 1,000,000 values with
 *    and without aliases (E003), U+0000 named as such;
 *  - mustache: a rendering past 20,000,000 steps (E006) or 64 MiB (E005),
 *    named by the section that repeats; an empty tag whose type byte is
 *    the closing delimiter;
 *  - packages, from zips written byte by byte: a part over 32 MiB (E007),
 *    a package over 256 MiB by its declared sizes (E008), a zip bomb
 *    (E009), a DOCTYPE (E011), elements nested past 256 levels (E014), a
 *    `../` entry (T022), two entries of one name (T021), a wrong CRC
 *    (T020), an OLE file (T024), no [Content_Types].xml (T025), an entry given a second name by a
 *    Unicode path field (T022);
 *  - CSV: a cell over 1 MiB (E012), a row of more than 1,000 cells (E013),
 *    a header cell of U+0000 and empty cells (found by fuzzing);
 *  - a tab inside the agency name, through the layout;
 *  - output files: a 250-byte name, what a dead process left removed.
 */
#include "test_support.h"

#include "app/render.h"
#include "base/buf.h"
#include "base/file_write.h"
#include "base/utf8.h"
#include "input/csv.h"
#include "package/workbook.h"
#include "input/node_view.h"
#include "input/yaml_load.h"
#include "mustache/mustache.h"
#include "package/package.h"
#include "report/report.h"
#include "report/template.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* The first diagnostic's id is `id` and its message holds `needle`. */
static void S_expect(const bc_diags *d, const char *id, const char *needle)
{
    const bc_diag *g = d->head;
    if (!g)
        fail_msg("no diagnostic (want %s: %s)", id ? id : "-", needle ? needle : "");
    if (id && (!g->id || strcmp(g->id, id) != 0))
        fail_msg("id %s, want %s (%s)", g->id ? g->id : "none", id, g->msg);
    if (needle && !strstr(g->msg, needle))
        fail_msg("message `%s` lacks `%s`", g->msg, needle);
}

/* ---- YAML ---------------------------------------------------------------- */

static void test_yaml_nesting_stops_at_once(void **state)
{
    (void)state;
    /* 100,000 brackets: libyaml would take seconds to skip the rest */
    size_t n = 100000;
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "a: ");
    for (size_t i = 0; i < n; i++)
        bc_buf_putc(&b, '[');
    for (size_t i = 0; i < n; i++)
        bc_buf_putc(&b, ']');
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(bc_yaml_load_mem(&a, "deep.yaml", b.data, b.len, &d));
    S_expect(&d, "E002", "nesting deeper than 200 levels");
    assert_null(d.head->next); /* one error, nothing read after it */
    bc_diags_free(&d);
    bc_arena_free(&a);
    bc_buf_free(&b);
}

static void test_yaml_values_bound(void **state)
{
    (void)state;
    /* a plain list longer than the bound: not blamed on aliases */
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "noi_nhan: [");
    for (int i = 0; i < 1000001; i++)
        bc_buf_puts(&b, "x,");
    bc_buf_puts(&b, "x]\n");
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(bc_yaml_load_mem(&a, "long.yaml", b.data, b.len, &d));
    S_expect(&d, "E003", "holds more than 1000000 values");
    assert_null(strstr(d.head->msg, "aliases"));
    bc_diags_free(&d);
    bc_arena_free(&a);
    bc_buf_free(&b);
    /* aliases that expand past it: "billion laughs" */
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                       "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                       "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                       "g: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
    assert_null(bc_yaml_load_mem(&a, "bomb.yaml", bomb, strlen(bomb), &d));
    S_expect(&d, "E003", "aliases make this document");
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_yaml_size_and_nul(void **state)
{
    (void)state;
    size_t big = 33u * 1024 * 1024;
    char *s = malloc(big);
    memset(s, 'x', big);
    memcpy(s, "a: ", 3);
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_null(bc_yaml_load_mem(&a, "big.yaml", s, big, &d));
    S_expect(&d, "E001", "larger than 32 MiB");
    bc_diags_free(&d);
    free(s);
    const char *nul = "dia_danh: \"\\u0000x\"\n";
    assert_null(bc_yaml_load_mem(&a, "nul.yaml", nul, strlen(nul), &d));
    S_expect(&d, NULL, "U+0000");
    bc_diags_free(&d);
    bc_arena_free(&a);
}

/* ---- mustache -------------------------------------------------------------- */

static int S_apply(const char *tpl, const char *yaml, bc_diags *d, bc_buf *out)
{
    bc_arena a = BC_ARENA_INIT;
    bc_node *root = bc_yaml_load_mem(&a, "data.yaml", yaml, strlen(yaml), d);
    assert_non_null(root);
    bc_mopts mo;
    memset(&mo, 0, sizeof mo);
    mo.name = "t";
    bc_mtpl *t = bc_mustache_compile(tpl, strlen(tpl), &mo, d);
    assert_non_null(t);
    int rc = bc_node_view_text(t, root, false, out, d);
    bc_mustache_free(t);
    bc_arena_free(&a);
    return rc;
}

static void test_mustache_work_and_size(void **state)
{
    (void)state;
    const char *l = "l: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n";
    bc_diags d = BC_DIAGS_INIT;
    bc_buf out = BC_BUF_INIT;
    /* nine nested sections over ten items: 10^9 iterations */
    assert_int_equal(S_apply("{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}x"
                             "{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}",
                             l, &d, &out),
                     -1);
    S_expect(&d, "E006", "`{{#l}}`");
    assert_true(out.len < BC_MUSTACHE_MAX_OUTPUT);
    bc_diags_free(&d);
    bc_buf_clear(&out);
    /* a long value repeated: the output bound comes first */
    bc_buf y = BC_BUF_INIT;
    bc_buf_puts(&y, l);
    bc_buf_puts(&y, "v: ");
    for (int i = 0; i < 100000; i++)
        bc_buf_putc(&y, 'v');
    bc_buf_putc(&y, '\n');
    assert_int_equal(S_apply("{{#l}}{{#l}}{{#l}}{{#l}}{{v}}{{/l}}{{/l}}{{/l}}{{/l}}",
                             bc_buf_cstr(&y), &d, &out),
                     -1);
    S_expect(&d, "E005", "64 MiB");
    assert_true(out.len < BC_MUSTACHE_MAX_OUTPUT + 200000);
    bc_diags_free(&d);
    bc_buf_free(&out);
    bc_buf_free(&y);
}

/* "@@" with the delimiters and the host sigil "@": an empty tag, not a
 * host tag whose content starts one byte past its end. */
static void test_mustache_sigil_delimiter(void **state)
{
    (void)state;
    const char *const srcs[] = {"{{=@ @=}}@@x@", "{{=@ @=}}@@", "{{=@@ @@=}}@@@@@@"};
    for (size_t i = 0; i < sizeof srcs / sizeof *srcs; i++) {
        bc_diags d = BC_DIAGS_INIT;
        bc_mopts mo;
        memset(&mo, 0, sizeof mo);
        mo.host_sigil = '@';
        /* the source with no byte after it: ASan sees a read past it */
        size_t n = strlen(srcs[i]);
        char *exact = malloc(n);
        memcpy(exact, srcs[i], n);
        bc_mtpl *t = bc_mustache_compile(exact, n, &mo, &d);
        bc_mustache_free(t);
        free(exact);
        bc_diags_free(&d);
    }
}

/* ---- packages ------------------------------------------------------------ */

static char S_dir[256]; /* BUILD/test-limits: the files tests write */

typedef struct zentry {
    const char *name;
    const unsigned char *data;
    size_t len;
    bool deflate;
    bool bad_crc;
    unsigned long says; /* the size the zip declares, when not 0 */
    const char *upath; /* a Unicode path extra field (0x7075) naming this */
} zentry;

/* zlib's raw deflate at level 9: its long runs reach 1,030 to 1 (a zip
 * bomb's ratio), which libdeflate's do not. */
static unsigned char *S_raw_deflate(const unsigned char *data, size_t len,
                                    size_t *out_len, uint32_t *crc)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&zs, (uLong)len) + 16;
    unsigned char *out = malloc(cap);
    zs.next_in = (unsigned char *)data;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
    *out_len = zs.total_out;
    deflateEnd(&zs);
    *crc = (uint32_t)crc32(0, data, (uInt)len);
    return out;
}

static void S_le16(bc_buf *b, unsigned v)
{
    bc_buf_putc(b, (char)(v & 0xFF));
    bc_buf_putc(b, (char)((v >> 8) & 0xFF));
}

static void S_le32(bc_buf *b, unsigned long v)
{
    S_le16(b, (unsigned)(v & 0xFFFF));
    S_le16(b, (unsigned)((v >> 16) & 0xFFFF));
}

/* A zip written byte by byte: whatever names, duplicates and CRCs the
 * test asks for, which libzip would not write. */
static void S_zip(bc_buf *out, const zentry *e, size_t n)
{
    bc_buf cd = BC_BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        size_t clen;
        uint32_t crc;
        unsigned char *c = S_raw_deflate(e[i].data, e[i].len, &clen, &crc);
        const unsigned char *body = e[i].deflate ? c : e[i].data;
        size_t blen = e[i].deflate ? clen : e[i].len;
        if (e[i].bad_crc)
            crc ^= 0x5A5A5A5Au;
        unsigned long off = (unsigned long)out->len;
        size_t nl = strlen(e[i].name);
        bc_buf ex = BC_BUF_INIT;
        if (e[i].upath) {
            S_le16(&ex, 0x7075);
            S_le16(&ex, (unsigned)(5 + strlen(e[i].upath)));
            bc_buf_putc(&ex, 1);
            S_le32(&ex, (unsigned long)crc32(0, (const unsigned char *)e[i].name, (uInt)nl));
            bc_buf_puts(&ex, e[i].upath);
        }
        S_le32(out, 0x04034b50);
        S_le16(out, 20);
        S_le16(out, 0);
        S_le16(out, e[i].deflate ? 8 : 0);
        S_le16(out, 0);
        S_le16(out, 0x21);
        S_le32(out, crc);
        unsigned long says = e[i].says ? e[i].says : (unsigned long)e[i].len;
        S_le32(out, (unsigned long)blen);
        S_le32(out, says);
        S_le16(out, (unsigned)nl);
        S_le16(out, (unsigned)ex.len);
        bc_buf_put(out, e[i].name, nl);
        bc_buf_put(out, ex.data, ex.len);
        bc_buf_put(out, (const char *)body, blen);
        S_le32(&cd, 0x02014b50);
        S_le16(&cd, 20);
        S_le16(&cd, 20);
        S_le16(&cd, 0);
        S_le16(&cd, e[i].deflate ? 8 : 0);
        S_le16(&cd, 0);
        S_le16(&cd, 0x21);
        S_le32(&cd, crc);
        S_le32(&cd, (unsigned long)blen);
        S_le32(&cd, says);
        S_le16(&cd, (unsigned)nl);
        S_le16(&cd, (unsigned)ex.len);
        S_le16(&cd, 0);
        S_le16(&cd, 0);
        S_le16(&cd, 0);
        S_le32(&cd, 0);
        S_le32(&cd, off);
        bc_buf_put(&cd, e[i].name, nl);
        bc_buf_put(&cd, ex.data, ex.len);
        bc_buf_free(&ex);
        free(c);
    }
    unsigned long cd_off = (unsigned long)out->len;
    bc_buf_put(out, cd.data, cd.len);
    S_le32(out, 0x06054b50);
    S_le16(out, 0);
    S_le16(out, 0);
    S_le16(out, (unsigned)n);
    S_le16(out, (unsigned)n);
    S_le32(out, (unsigned long)cd.len);
    S_le32(out, cd_off);
    S_le16(out, 0);
    bc_buf_free(&cd);
}

#define CT "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/" \
           "package/2006/content-types\"><Default Extension=\"rels\" ContentType=" \
           "\"application/vnd.openxmlformats-package.relationships+xml\"/><Default " \
           "Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=" \
           "\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-" \
           "officedocument.wordprocessingml.document.main+xml\"/></Types>"
#define RELS "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas." \
             "openxmlformats.org/package/2006/relationships\"><Relationship Id=" \
             "\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/" \
             "2006/relationships/officeDocument\" Target=\"word/document.xml\"/>" \
             "</Relationships>"
#define DOC "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas." \
            "openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>" \
            "<w:t>{{noi_dung}}</w:t></w:r></w:p></w:body></w:document>"

/* A template from entries; returns the first diagnostic of reading and
 * compiling it (the template itself freed). */
static void S_template(const zentry *e, size_t n, bc_diags *d)
{
    bc_buf z = BC_BUF_INIT;
    S_zip(&z, e, n);
    bc_package p = BC_PACKAGE_INIT;
    if (bc_package_read_mem(&p, "t.docx", z.data, z.len, d) == 0) {
        bc_wml_template *t = bc_template_compile(&p, "t.docx", d, NULL);
        bc_wml_template_free(t);
    }
    bc_package_free(&p);
    bc_buf_free(&z);
}

#define E(name, text) {name, (const unsigned char *)(text), sizeof(text) - 1, true, false, 0, NULL}

static void test_package_well_formed_accepted(void **state)
{
    (void)state;
    zentry e[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                  E("word/document.xml", DOC)};
    bc_diags d = BC_DIAGS_INIT;
    S_template(e, 3, &d);
    assert_int_equal(d.errors, 0); /* the writer itself is right */
    bc_diags_free(&d);
}

/* A document.xml of `n` nested w:customXml around a paragraph, with a
 * comment holding unclosed tags and an attribute holding a '>'. */
static char *S_deep_doc(int n)
{
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "<?xml version=\"1.0\"?><!-- <a> <b> --><w:document xmlns:w=\""
                    "http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                    "<w:body>");
    for (int i = 0; i < n; i++)
        bc_buf_puts(&b, "<w:customXml w:element=\"a>b\">");
    bc_buf_puts(&b, "<w:p><w:r><w:t>{{noi_dung}}</w:t><w:br/></w:r></w:p>");
    for (int i = 0; i < n; i++)
        bc_buf_puts(&b, "</w:customXml>");
    bc_buf_puts(&b, "</w:body></w:document>");
    return b.data;
}

/* Elements nested past libxml2's 256 levels: refused by the package
 * reader with its id, not by the parser with a message of libxml2's; 256
 * levels (document, body, 251 customXml, p, r, t) still read. */
static void test_package_depth(void **state)
{
    (void)state;
    for (int n = 251; n <= 252; n++) {
        char *doc = S_deep_doc(n);
        zentry e[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                      {"word/document.xml", (const unsigned char *)doc, strlen(doc),
                       true, false, 0, NULL}};
        bc_diags d = BC_DIAGS_INIT;
        S_template(e, 3, &d);
        if (n == 251)
            assert_int_equal(d.errors, 0);
        else
            S_expect(&d, "E014", "more than 256 deep");
        bc_diags_free(&d);
        free(doc);
    }
    /* 30,000 levels (16 KB): refused at once, no stack overflow */
    char *doc = S_deep_doc(30000);
    zentry e[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                  {"word/document.xml", (const unsigned char *)doc, strlen(doc),
                   true, false, 0, NULL}};
    bc_diags d = BC_DIAGS_INIT;
    S_template(e, 3, &d);
    S_expect(&d, "E014", "word/document.xml");
    bc_diags_free(&d);
    free(doc);
}

/* Found by fuzzing: a part declaring an encoding its bytes are not in made
 * libxml2 print "encoding error" lines to stderr on its own. The error is
 * baocao's (T011), and nothing else is printed. */
static void test_package_wrong_encoding_quiet(void **state)
{
    (void)state;
    static const char doc[] =
        "<?xml version=\"1.0\" encoding=\"ISO-2022-JP\"?><w:document xmlns:w=\""
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
        "<w:p><w:r><w:t>{{noi_dung}} Kính gửi</w:t></w:r></w:p></w:body></w:document>";
    zentry e[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                  E("word/document.xml", doc)};
    char path[1024];
    snprintf(path, sizeof path, "%s/stderr.txt", S_dir);
    fflush(stderr);
    int saved = dup(2);
    FILE *f = freopen(path, "w", stderr);
    assert_non_null(f);
    bc_diags d = BC_DIAGS_INIT;
    S_template(e, 3, &d);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    S_expect(&d, "T011", "not well-formed");
    bc_diags_free(&d);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 0);
}

static void test_package_names(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    zentry slip[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                     E("word/document.xml", DOC), E("../../evil", "x")};
    S_template(slip, 4, &d);
    S_expect(&d, "T022", "`../../evil`");
    bc_diags_free(&d);
    zentry dup[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                    E("word/document.xml", DOC), E("word/document.xml", DOC)};
    S_template(dup, 4, &d);
    S_expect(&d, "T021", "two entries named `word/document.xml`");
    bc_diags_free(&d);
    zentry crc[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                    {"word/document.xml", (const unsigned char *)DOC, sizeof DOC - 1,
                     true, true, 0, NULL}};
    S_template(crc, 3, &d);
    S_expect(&d, "T020", "damaged");
    bc_diags_free(&d);
    zentry noct[] = {E("_rels/.rels", RELS), E("word/document.xml", DOC)};
    S_template(noct, 2, &d);
    S_expect(&d, "T025", "[Content_Types].xml");
    bc_diags_free(&d);
    /* POI's unicode-path.docx: two entries whose Unicode path fields swap
     * their names (libzip reads one document.xml, other readers the other) */
    zentry swap[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                     {"word/document.xml", (const unsigned char *)DOC, sizeof DOC - 1,
                      true, false, 0, "zip-test-additional-file"},
                     {"zip-test-additional-file", (const unsigned char *)DOC,
                      sizeof DOC - 1, true, false, 0, "word/document.xml"}};
    S_template(swap, 4, &d);
    S_expect(&d, "T022", "a second name, `zip-test-additional-file`");
    bc_diags_free(&d);
    /* a Unicode path field that says the entry's own name is fine */
    zentry same[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                     {"word/document.xml", (const unsigned char *)DOC, sizeof DOC - 1,
                      true, false, 0, "word/document.xml"}};
    S_template(same, 3, &d);
    assert_int_equal(d.errors, 0);
    bc_diags_free(&d);
}

static void test_package_bombs(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    size_t n = 40u * 1024 * 1024;
    unsigned char *zeros = calloc(1, n);
    zentry big[] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                    E("word/document.xml", DOC),
                    {"word/media/a.bin", zeros, n, true, false, 0, NULL}};
    S_template(big, 4, &d);
    S_expect(&d, "E007", "32 MiB");
    bc_diags_free(&d);
    big[3].len = 4u * 1024 * 1024; /* under the size, far over the ratio */
    S_template(big, 4, &d);
    S_expect(&d, "E009", "times its size");
    bc_diags_free(&d);
    free(zeros);
    /* nine parts of 30 MiB each, as the zip says: refused from the sizes
     * alone, before any is unzipped (the data here are a few bytes) */
    zentry many[12] = {E("[Content_Types].xml", CT), E("_rels/.rels", RELS),
                       E("word/document.xml", DOC)};
    char names[9][32];
    for (int i = 0; i < 9; i++) {
        snprintf(names[i], sizeof names[i], "word/media/m%d.bin", i);
        many[3 + i] = (zentry){names[i], (const unsigned char *)"x", 1, false, false,
                               30ul << 20, NULL};
    }
    S_template(many, 12, &d);
    S_expect(&d, "E008", "more than 256 MiB");
    bc_diags_free(&d);
    const char ct_dtd[] = "<?xml version=\"1.0\"?><!DOCTYPE t [<!ENTITY a \"aaaa\">]>"
                          "<Types xmlns=\"x\"/>";
    zentry dtd[] = {E("[Content_Types].xml", ct_dtd), E("_rels/.rels", RELS),
                    E("word/document.xml", DOC)};
    S_template(dtd, 3, &d);
    S_expect(&d, "E011", "document type");
    bc_diags_free(&d);
}

static void test_package_ole(void **state)
{
    (void)state;
    unsigned char ole[512] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    bc_package p = BC_PACKAGE_INIT;
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_package_read_mem(&p, "old.docx", ole, sizeof ole, &d), -1);
    S_expect(&d, "T024", "password-protected document or a Word 97-2003 .doc");
    bc_diags_free(&d);
    bc_package_free(&p);
}

/* ---- CSV ----------------------------------------------------------------- */

static const char *S_file(const char *name, const char *text, size_t len)
{
    static char path[1024];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, len, f);
    fclose(f);
    return path;
}

static void test_csv_bounds(void **state)
{
    (void)state;
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b, "dia_danh,ghi_chu\nA,");
    for (int i = 0; i < 1100000; i++)
        bc_buf_putc(&b, 'x');
    bc_buf_putc(&b, '\n');
    bc_diags d = BC_DIAGS_INIT;
    bc_csv *c = bc_csv_open(S_file("cell.csv", b.data, b.len), NULL, &d);
    assert_non_null(c);
    bc_arena a = BC_ARENA_INIT;
    bc_node *row;
    assert_int_equal(bc_csv_row(c, &a, &row), 2);
    S_expect(&d, "E012", "longer than 1 MB");
    bc_csv_close(c);
    bc_diags_free(&d);
    bc_buf_clear(&b);
    for (int i = 0; i < 1500; i++)
        bc_buf_printf(&b, "c%d,", i);
    bc_buf_puts(&b, "x\n");
    assert_null(bc_csv_open(S_file("wide.csv", b.data, b.len), NULL, &d));
    S_expect(&d, "E013", "more than 1000 columns");
    bc_diags_free(&d);
    /* a device or a pipe is no spreadsheet: refused, never read for ever
     * (found by fuzzing: a batch naming a descriptor that blocks) */
    assert_null(bc_csv_open("/dev/zero", NULL, &d));
    S_expect(&d, NULL, "is not a file");
    bc_diags_free(&d);
    /* what a clerk names instead of a CSV in UTF-8: one message each */
    static const char cp1258[] = "ma,ten\n1,C\xe1m V\xf5\n";
    assert_null(bc_csv_open(S_file("w1258.csv", cp1258, sizeof cp1258 - 1), NULL, &d));
    S_expect(&d, NULL, "Windows-1258");
    assert_int_equal(d.errors, 1);
    bc_diags_free(&d);
    static const char u16[] = "\xff\xfem\0a\0";
    assert_null(bc_csv_open(S_file("u16.csv", u16, sizeof u16 - 1), NULL, &d));
    S_expect(&d, NULL, "UTF-16");
    bc_diags_free(&d);
    /* a zip named as the CSV is read as a workbook, and this one is damaged */
    static const char zip[] = "PK\x03\x04rest";
    const char *book = S_file("book.csv", zip, sizeof zip - 1);
    assert_true(bc_workbook_sniff(book));
    bc_workbook w;
    assert_int_equal(bc_workbook_read(&w, book, &d), -1);
    assert_true(d.errors > 0);
    bc_diags_free(&d);
    bc_buf_free(&b);
    bc_arena_free(&a);
}

/* Found by fuzzing: a header cell of one NUL byte made a column of no path
 * (csv.c read path[-1]); empty cells went through memmove(NULL, NULL, 0). */
static void test_csv_nul_header_and_empty_cells(void **state)
{
    (void)state;
    static const char nul[] = "dia_danh,\0\nA,B\n";
    bc_diags d = BC_DIAGS_INIT;
    assert_null(bc_csv_open(S_file("nul.csv", nul, sizeof nul - 1), NULL, &d));
    S_expect(&d, NULL, "U+0000");
    assert_int_equal(d.head->line, 1);
    assert_int_equal(d.head->col, 10);
    bc_diags_free(&d);
    static const char empty[] = "a,b,c\n,,\n , ,x\n";
    bc_csv *c = bc_csv_open(S_file("empty.csv", empty, sizeof empty - 1), NULL, &d);
    assert_non_null(c);
    bc_arena a = BC_ARENA_INIT;
    bc_node *row;
    assert_int_equal(bc_csv_row(c, &a, &row), 1);
    const bc_entry *e = bc_node_entry(row, "c", 1);
    assert_non_null(e);
    assert_string_equal(e->value->str, "x");
    assert_int_equal(bc_csv_row(c, &a, &row), 0);
    assert_null(d.head);
    bc_csv_close(c);
    bc_arena_free(&a);
}

/* ---- the layout ------------------------------------------------------------ */

static void test_tab_in_agency(void **state)
{
    (void)state;
    const char *yaml = "co_quan: \"Ủy ban nhân dân\\txã Cẩm Vũ\"\n"
                       "co_quan_chu_quan: \"Ủy ban nhân dân\\thuyện Cẩm Giàng\"\n"
                       "ky_hieu_co_quan: UBND\ndia_danh: Cẩm Vũ\n"
                       "trich_yeu: Kết quả\nnoi_dung: Nội dung.\n"
                       "noi_nhan: [\"Lưu: VT\"]\n"
                       "nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], "
                       "ho_ten: Lê Văn A}\n";
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *in = bc_yaml_load_mem(&a, "r.yaml", yaml, strlen(yaml), &d);
    assert_non_null(in);
    bc_report r;
    assert_int_equal(bc_report_prepare(&a, in, false, &r, &d), 0);
    bc_wml_template *t = bc_template_load(NULL, &d);
    assert_non_null(t);
    bc_buf out = BC_BUF_INIT;
    assert_int_equal(bc_render_docx(t, &r, NULL, &out, &d), 0);
    assert_true(out.len > 1000);
    bc_buf_free(&out);
    bc_wml_template_free(t);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

/* ---- output files ------------------------------------------------------------ */

static bool S_exists(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    struct stat st;
    return lstat(path, &st) == 0;
}

static void test_output_files(void **state)
{
    (void)state;
    /* a 250-byte name: the temporary name still fits 255 bytes */
    char name[300], path[1024];
    memset(name, 'x', 245);
    strcpy(name + 245, ".docx");
    snprintf(path, sizeof path, "%s/%s", S_dir, name);
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_file_write_atomic(path, "abc", 3, &d), 0);
    assert_true(S_exists(name));
    /* what dead processes left (pid 0x7ffffffe does not run), and a live
     * one's file (this process's parent) */
    char live[128];
    snprintf(live, sizeof live, ".a.docx.bc%lx-00001.tmp", (unsigned long)getppid());
    S_file(".r.docx.bc7ffffffe-12345.tmp", "x", 1);
    S_file(live, "x", 1);
    char stage[512];
    snprintf(stage, sizeof stage, "%s/.out.bc7ffffffe-00002.tmp", S_dir);
    mkdir(stage, 0755);
    S_file(".out.bc7ffffffe-00002.tmp/a.docx", "x", 1);
    S_file(".not.ours.tmp", "x", 1);
    bc_file_write_clean(S_dir);
    assert_false(S_exists(".r.docx.bc7ffffffe-12345.tmp"));
    assert_false(S_exists(".out.bc7ffffffe-00002.tmp"));
    assert_true(S_exists(live));
    assert_true(S_exists(".not.ours.tmp"));
    /* a write error names the file asked for */
    assert_int_equal(bc_file_write_atomic("/nonexistent-dir/r.docx", "x", 1, &d), -1);
    assert_string_equal(d.head->file, "/nonexistent-dir/r.docx");
    bc_diags_free(&d);
}

/* A file that must not exist: written when it does not, left as it was
 * (and no temporary file left) when it does. */
static void test_output_file_new(void **state)
{
    (void)state;
    char path[1024];
    snprintf(path, sizeof path, "%s/new.yaml", S_dir);
    unlink(path);
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_file_write_atomic_new(path, "first", 5, &d), 0);
    assert_int_equal(bc_file_write_atomic_new(path, "second", 6, &d), 1);
    assert_int_equal(d.errors, 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char got[16] = {0};
    assert_int_equal(fread(got, 1, sizeof got, f), 5);
    fclose(f);
    assert_string_equal(got, "first");
    DIR *dh = opendir(S_dir);
    struct dirent *e;
    while ((e = readdir(dh)) != NULL)
        assert_null(strstr(e->d_name, "new.yaml.bc"));
    closedir(dh);
    assert_int_equal(bc_file_write_atomic_new("/nonexistent-dir/n.yaml", "x", 1, &d), -1);
    assert_int_equal(d.errors, 1);
    bc_diags_free(&d);
}

static int S_setup(void **state)
{
    (void)state;
    snprintf(S_dir, sizeof S_dir, "%s/test-limits", BC_BUILD_DIR);
    mkdir(S_dir, 0755);
    DIR *dh = opendir(S_dir);
    struct dirent *e;
    char p[600];
    while (dh && (e = readdir(dh)) != NULL) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || e->d_name[1] == '.'))
            continue;
        snprintf(p, sizeof p, "%s/%s", S_dir, e->d_name);
        unlink(p);
    }
    if (dh)
        closedir(dh);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_nesting_stops_at_once),
        cmocka_unit_test(test_yaml_values_bound),
        cmocka_unit_test(test_yaml_size_and_nul),
        cmocka_unit_test(test_mustache_work_and_size),
        cmocka_unit_test(test_mustache_sigil_delimiter),
        cmocka_unit_test(test_package_well_formed_accepted),
        cmocka_unit_test(test_package_names),
        cmocka_unit_test(test_package_depth),
        cmocka_unit_test(test_package_wrong_encoding_quiet),
        cmocka_unit_test(test_package_bombs),
        cmocka_unit_test(test_package_ole),
        cmocka_unit_test(test_csv_bounds),
        cmocka_unit_test(test_csv_nul_header_and_empty_cells),
        cmocka_unit_test(test_tab_in_agency),
        cmocka_unit_test(test_output_files),
        cmocka_unit_test(test_output_file_new),
    };
    return cmocka_run_group_tests(tests, S_setup, NULL);
}
