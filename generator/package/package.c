/*
 * package.c - OPC package in memory, read and written with libzip
 * (see package.h).
 */
#include "package/package.h"
#include "package/xml_parse.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/i18n.h"
#include "package/deflate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

/* The bounds of a package read (docs/limits.md, E007-E011, E014): a part's size
 * unzipped, the package's, a part's compression ratio (from 1 MiB on:
 * Word's XML shrinks 5 to 20 times, a zip bomb millions), and the tags
 * of an XML part (libxml2 keeps about 47 bytes a byte of markup). */
#define BC_MAX_PART_SIZE (32u * 1024 * 1024)
#define BC_MAX_PACKAGE_SIZE (256u * 1024 * 1024)
#define BC_MAX_RATIO 1000
#define BC_RATIO_FROM (1024 * 1024)
#define BC_MAX_XML_ELEMENTS 2000000
#define BC_MAX_XML_DEPTH 256
#define BC_STORE_BELOW 2048

static void S_add(bc_package *p, const char *name, unsigned char *data,
                  size_t len)
{
    BC_GROW(p->parts, p->cap, p->count + 1);
    bc_part *part = &p->parts[p->count++];
    memset(part, 0, sizeof *part);
    part->name = bc_xstrdup(name);
    part->data = data;
    part->len = len;
}

static void S_drop_deflated(bc_part *part)
{
    free(part->deflated);
    part->deflated = NULL;
    part->deflated_len = 0;
}

bc_part *bc_package_find(const bc_package *p, const char *name)
{
    if (name[0] == '/')
        name++;
    for (size_t i = 0; i < p->count; i++)
        if (strcmp(p->parts[i].name, name) == 0)
            return &p->parts[i];
    /* part names are compared case-insensitively by OPC */
    for (size_t i = 0; i < p->count; i++)
        if (strcasecmp(p->parts[i].name, name) == 0)
            return &p->parts[i];
    return NULL;
}

void bc_package_put(bc_package *p, const char *name, unsigned char *data,
                    size_t len)
{
    bc_part *part = bc_package_find(p, name);
    if (part) {
        free(part->data);
        S_drop_deflated(part);
        part->data = data;
        part->len = len;
        part->stored = false;
        return;
    }
    S_add(p, name[0] == '/' ? name + 1 : name, data, len);
}

void bc_package_put_stored(bc_package *p, const char *name, unsigned char *data,
                           size_t len)
{
    bc_package_put(p, name, data, len);
    bc_package_find(p, name)->stored = true;
}

void bc_package_set(bc_package *p, const char *name, const void *data,
                    size_t len)
{
    unsigned char *copy = bc_xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    bc_package_put(p, name, copy, len);
}

void bc_package_remove(bc_package *p, const char *name)
{
    bc_part *part = bc_package_find(p, name);
    if (!part)
        return;
    free(part->name);
    free(part->data);
    S_drop_deflated(part);
    size_t i = (size_t)(part - p->parts);
    memmove(part, part + 1, (p->count - i - 1) * sizeof *part);
    p->count--;
}

void bc_package_from_embedded(bc_package *p, const bc_embedded_file *files)
{
    bc_xml_parse_init();
    for (; files->name; files++)
        bc_package_set(p, files->name, files->data, files->size);
}

void bc_package_copy(bc_package *dst, const bc_package *src)
{
    for (size_t i = 0; i < src->count; i++)
        bc_package_set(dst, src->parts[i].name, src->parts[i].data,
                       src->parts[i].len);
}

/* An error of the package as a whole, with its id and a hint. */
static int S_refuse(bc_diags *d, const char *file, const char *id,
                    const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int S_refuse(bc_diags *d, const char *file, const char *id,
                    const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    bc_diag *g = bc_diag_vadd(d, BC_ERROR, file, 0, 0, fmt, ap);
    va_end(ap);
    bc_diag_set_id(g, id);
    if (hint)
        bc_diag_set_hint(g, hint);
    return -1;
}

/* True for a name a part may have: no absolute path, no "." or ".."
 * segment, no backslash, no empty segment (OPC part names; a "../" entry
 * would be written outside the folder of whoever unzips the output). */
static bool S_part_name_ok(const char *n)
{
    if (n[0] == '/' || strchr(n, '\\'))
        return false;
    for (const char *seg = n; *seg;) {
        const char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 0 || (len == 1 && seg[0] == '.') ||
            (len == 2 && seg[0] == '.' && seg[1] == '.'))
            return false;
        if (!end)
            break;
        seg = end + 1;
    }
    return true;
}

static bool S_is_xml_part(const char *n)
{
    size_t l = strlen(n);
    return (l > 4 && strcasecmp(n + l - 4, ".xml") == 0) ||
           (l > 5 && strcasecmp(n + l - 5, ".rels") == 0);
}

/* What an XML part may hold: no document type declaration (Word never
 * writes one; entities are how XML bombs expand), at most
 * BC_MAX_XML_ELEMENTS tags, and elements nested at most BC_MAX_XML_DEPTH
 * deep (libxml2's own bound, which would otherwise stop the parse with a
 * message of its own). Comments, CDATA sections and processing
 * instructions are stepped over. Returns NULL when fine, else the id. */
static const char *S_xml_bounds(const unsigned char *data, size_t len)
{
    size_t tags = 0;
    long depth = 0;
    const unsigned char *end = data + len;
    for (const unsigned char *q = data;
         (q = memchr(q, '<', (size_t)(end - q))) != NULL;) {
        if (++tags > BC_MAX_XML_ELEMENTS)
            return "E010";
        size_t left = (size_t)(end - q);
        const char *close = NULL;
        if (left > 1 && q[1] == '!') {
            if ((left >= 9 && memcmp(q, "<!DOCTYPE", 9) == 0) ||
                (left >= 8 && memcmp(q, "<!ENTITY", 8) == 0))
                return "E011";
            close = left >= 4 && memcmp(q, "<!--", 4) == 0 ? "-->"
                    : left >= 9 && memcmp(q, "<![CDATA[", 9) == 0 ? "]]>"
                                                                  : ">";
        } else if (left > 1 && q[1] == '?') {
            close = "?>";
        }
        if (close) {
            size_t cl = strlen(close);
            const unsigned char *c = q + 1;
            while (c + cl <= end && memcmp(c, close, cl) != 0)
                c++;
            q = c + cl <= end ? c + cl : end;
            continue;
        }
        if (left > 1 && q[1] == '/') {
            depth--;
            q++;
            continue;
        }
        /* a start tag: to its '>' (quoted attribute values may hold one) */
        const unsigned char *c = q + 1;
        unsigned char quote = 0;
        for (; c < end; c++) {
            if (quote) {
                if (*c == quote)
                    quote = 0;
            } else if (*c == '"' || *c == '\'') {
                quote = *c;
            } else if (*c == '>' || *c == '<') {
                break;
            }
        }
        bool empty = c < end && *c == '>' && c[-1] == '/';
        if (!empty && ++depth > BC_MAX_XML_DEPTH)
            return "E014";
        q = c;
    }
    return NULL;
}

static int S_read_zip(bc_package *p, zip_t *z, const char *name, bc_diags *d)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    size_t total = 0;
    const char *crafted = _("the file was damaged or made to break programs; "
                            "open it in Word and save it again");
    /* the sizes the zip declares, summed before anything is unzipped, so
     * that a package too large costs no memory (the sizes are checked
     * again below, as each entry is read) */
    zip_uint64_t declared = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) == 0 &&
            (st.valid & ZIP_STAT_SIZE) && st.size <= BC_MAX_PART_SIZE)
            declared += st.size; /* a larger one is E007, below */
        if (declared > BC_MAX_PACKAGE_SIZE)
            return S_refuse(d, name, "E008", NULL,
                            _("the document holds more than %u MiB once "
                              "unzipped; baocao reads at most that much"),
                            BC_MAX_PACKAGE_SIZE >> 20);
    }
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t st;
        if (zip_stat_index(z, (zip_uint64_t)i, 0, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE))
            return S_refuse(d, name, "T020", crafted,
                            _("cannot read entry %lld of the zip (damaged zip)"),
                            (long long)i + 1);
        size_t nl = strlen(st.name);
        if (nl == 0 || st.name[nl - 1] == '/')
            continue; /* a folder entry */
        if (!S_part_name_ok(st.name))
            return S_refuse(d, name, "T022", crafted,
                            _("the zip holds an entry named `%s`, which is not a "
                              "part of a document"),
                            st.name);
        if (bc_package_find(p, st.name))
            return S_refuse(d, name, "T021", crafted,
                            _("the zip holds two entries named `%s` (a document "
                              "has one of each part)"),
                            st.name);
        if (st.size > BC_MAX_PART_SIZE)
            return S_refuse(d, name, "E007", NULL,
                            _("part %s holds %llu MiB once unzipped; a part of a "
                              "document holds at most %u MiB"),
                            st.name, (unsigned long long)(st.size >> 20),
                            BC_MAX_PART_SIZE >> 20);
        total += (size_t)st.size;
        if (total > BC_MAX_PACKAGE_SIZE)
            return S_refuse(d, name, "E008", NULL,
                            _("the document holds more than %u MiB once "
                              "unzipped; baocao reads at most that much"),
                            BC_MAX_PACKAGE_SIZE >> 20);
        if ((st.valid & ZIP_STAT_COMP_SIZE) && st.size > BC_RATIO_FROM &&
            st.size / (st.comp_size ? st.comp_size : 1) > BC_MAX_RATIO)
            return S_refuse(d, name, "E009", crafted,
                            _("part %s unzips to %llu times its size; a real "
                              "document's parts shrink at most %d times"),
                            st.name,
                            (unsigned long long)(st.size / (st.comp_size ? st.comp_size : 1)),
                            BC_MAX_RATIO);
        zip_file_t *f = zip_fopen_index(z, (zip_uint64_t)i, 0);
        if (!f)
            return S_refuse(d, name, "T020", crafted, _("cannot read part %s: %s"),
                            st.name, zip_strerror(z));
        unsigned char *data = bc_xmalloc((size_t)st.size + 1);
        zip_int64_t got = zip_fread(f, data, st.size);
        /* one more read: the end of the entry, where libzip checks the
         * CRC (and finds an entry longer than it says) */
        unsigned char more;
        zip_int64_t tail = got >= 0 ? zip_fread(f, &more, 1) : -1;
        zip_fclose(f);
        if (got < 0 || (zip_uint64_t)got != st.size || tail != 0) {
            free(data);
            return S_refuse(d, name, "T020", crafted,
                            _("part %s is damaged (its checksum or size is wrong)"),
                            st.name);
        }
        data[st.size] = '\0';
        const char *bound = S_is_xml_part(st.name) ? S_xml_bounds(data, (size_t)st.size) : NULL;
        if (bound) {
            free(data);
            if (strcmp(bound, "E011") == 0)
                return S_refuse(d, name, "E011", crafted,
                                _("part %s declares a document type (<!DOCTYPE> or "
                                  "<!ENTITY>), which Word never writes"),
                                st.name);
            if (strcmp(bound, "E014") == 0)
                return S_refuse(d, name, "E014", crafted,
                                _("part %s nests XML elements more than %d deep; "
                                  "a document nests far fewer"),
                                st.name, BC_MAX_XML_DEPTH);
            return S_refuse(d, name, "E010", NULL,
                            _("part %s holds more than %d XML elements; a document "
                              "holds far fewer"),
                            st.name, BC_MAX_XML_ELEMENTS);
        }
        S_add(p, st.name, data, (size_t)st.size);
    }
    return 0;
}

/* ---- names a zip gives twice ---------------------------------------------- */

/* The bytes of a zip, in memory or in a file. */
typedef struct zbytes {
    const unsigned char *mem;
    FILE *f;
    size_t len;
} zbytes;

static bool S_zread(const zbytes *z, size_t off, size_t n, unsigned char *buf)
{
    if (off > z->len || n > z->len - off)
        return false;
    if (z->mem) {
        memcpy(buf, z->mem + off, n);
        return true;
    }
    return fseeko(z->f, (off_t)off, SEEK_SET) == 0 && fread(buf, 1, n, z->f) == n;
}

static unsigned S_u16(const unsigned char *b) { return b[0] | (unsigned)b[1] << 8; }
static unsigned long S_u32(const unsigned char *b)
{
    return b[0] | (unsigned long)b[1] << 8 | (unsigned long)b[2] << 16 |
           (unsigned long)b[3] << 24;
}

/* A name as a message shows it: bytes below 0x20 as '?'. */
static char *S_shown_name(const unsigned char *n, size_t len)
{
    char *s = bc_xmalloc(len + 1);
    for (size_t i = 0; i < len; i++)
        s[i] = n[i] < 0x20 || n[i] == 0x7f ? '?' : (char)n[i];
    s[len] = '\0';
    return s;
}

/* An entry of the central directory whose Unicode path extra field
 * (0x7075) names another part than the entry's own name: libzip reads the
 * one, Word and other readers the other, so two programs would see two
 * different documents in one file. A name differing only by its encoding
 * (a non-ASCII name in a code page, not flagged UTF-8) is no such case.
 * Returns -1 with the error (T022), else 0; a zip this cannot read is left
 * to libzip. */
static int S_check_unicode_paths(const zbytes *z, const char *file, bc_diags *d)
{
    enum { EOCD = 22, TAIL = 22 + 65535, CD_MAX = 64 << 20 };
    if (z->len < EOCD)
        return 0;
    size_t tail = z->len < TAIL ? z->len : TAIL;
    unsigned char *t = bc_xmalloc(tail);
    long at = -1;
    if (S_zread(z, z->len - tail, tail, t))
        for (long i = (long)tail - EOCD; i >= 0 && at < 0; i--)
            if (memcmp(t + i, "PK\5\6", 4) == 0)
                at = i;
    unsigned long cd_size = at >= 0 ? S_u32(t + at + 12) : 0;
    unsigned long cd_off = at >= 0 ? S_u32(t + at + 16) : 0;
    free(t);
    if (at < 0 || cd_size == 0xFFFFFFFFul || cd_off == 0xFFFFFFFFul || cd_size > CD_MAX ||
        cd_off > z->len || cd_size > z->len - cd_off)
        return 0;
    unsigned char *cd = bc_xmalloc(cd_size ? cd_size : 1);
    int rc = 0;
    if (!S_zread(z, cd_off, cd_size, cd)) {
        free(cd);
        return 0;
    }
    for (size_t q = 0; rc == 0 && q + 46 <= cd_size && memcmp(cd + q, "PK\1\2", 4) == 0;) {
        unsigned flags = S_u16(cd + q + 8);
        size_t nl = S_u16(cd + q + 28), el = S_u16(cd + q + 30), cl = S_u16(cd + q + 32);
        if (q + 46 + nl + el > cd_size)
            break;
        const unsigned char *name = cd + q + 46, *ex = name + nl, *ex_end = ex + el;
        bool ascii = true;
        for (size_t i = 0; i < nl; i++)
            ascii = ascii && name[i] < 0x80;
        while (ex + 4 <= ex_end) {
            unsigned id = S_u16(ex);
            size_t sz = S_u16(ex + 2);
            if ((size_t)(ex_end - ex - 4) < sz)
                break;
            if (id == 0x7075 && sz >= 5 && (ascii || (flags & 0x800)) &&
                (sz - 5 != nl || memcmp(ex + 9, name, nl) != 0)) {
                char *own = S_shown_name(name, nl), *other = S_shown_name(ex + 9, sz - 5);
                S_refuse(d, file, "T022",
                         _("the file was damaged or made to break programs; open it "
                           "in Word and save it again"),
                         _("the zip gives entry `%s` a second name, `%s` (a Unicode "
                           "path field), so programs would read different parts"),
                         own, other);
                free(own);
                free(other);
                rc = -1;
                break;
            }
            ex += 4 + sz;
        }
        q += 46 + nl + el + cl;
    }
    free(cd);
    return rc;
}

/* An OLE compound file: a Word 97-2003 .doc, or a .docx encrypted with a
 * password (Word wraps those in OLE). */
static bool S_is_ole(const unsigned char *b, size_t n)
{
    static const unsigned char sig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    return n >= 8 && memcmp(b, sig, 8) == 0;
}

static int S_not_zip(const char *name, const unsigned char *head, size_t n,
                     const char *why, bc_diags *d)
{
    if (S_is_ole(head, n))
        return S_refuse(d, name, "T024",
                        _("remove the password (File > Info > Protect Document), or "
                          "open the .doc and save it as Word Document (.docx)"),
                        "%s",
                        _("this is a password-protected document or a Word "
                          "97-2003 .doc, not a .docx"));
    return S_refuse(d, name, "T020",
                    _("a template is a .docx or .dotx saved by Word or LibreOffice"),
                    _("cannot open as a .docx (zip) file: %s"), why);
}

int bc_package_read_file(bc_package *p, const char *path, bc_diags *d)
{
    bc_xml_parse_init();
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        unsigned char head[8] = {0};
        size_t hn = 0;
        FILE *f = fopen(path, "rb");
        if (f) {
            hn = fread(head, 1, sizeof head, f);
            fclose(f);
        }
        int rc = err == ZIP_ER_OPEN || err == ZIP_ER_READ
                     ? (bc_diag_add(d, BC_ERROR, path, 0, 0, _("cannot open: %s"),
                                    zip_error_strerror(&ze)), -1)
                     : S_not_zip(path, head, hn, zip_error_strerror(&ze), d);
        zip_error_fini(&ze);
        return rc;
    }
    int rc = 0;
    FILE *f = fopen(path, "rb");
    if (f && fseeko(f, 0, SEEK_END) == 0) {
        off_t size = ftello(f);
        zbytes zb = {NULL, f, size > 0 ? (size_t)size : 0};
        rc = S_check_unicode_paths(&zb, path, d);
    }
    if (f)
        fclose(f);
    if (rc == 0)
        rc = S_read_zip(p, z, path, d);
    zip_discard(z);
    return rc;
}

int bc_package_read_mem(bc_package *p, const char *name, const void *data,
                        size_t len, bc_diags *d)
{
    bc_xml_parse_init();
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
    if (!src) {
        bc_diag_add(d, BC_ERROR, name, 0, 0, "%s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return -1;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (!z) {
        S_not_zip(name, data, len, zip_error_strerror(&ze), d);
        zip_source_free(src);
        zip_error_fini(&ze);
        return -1;
    }
    zbytes zb = {data, NULL, len};
    int rc = S_check_unicode_paths(&zb, name, d);
    if (rc == 0)
        rc = S_read_zip(p, z, name, d);
    zip_discard(z);
    zip_error_fini(&ze);
    return rc;
}

static int S_order(const bc_part *part)
{
    if (strcmp(part->name, "[Content_Types].xml") == 0)
        return 0;
    if (strcmp(part->name, "_rels/.rels") == 0)
        return 1;
    return 2;
}

/* Adds one part to z: base's entry bidx copied compressed (bidx >= 0),
 * else `own`'s bytes, deflated or stored. */
static int S_add_one(zip_t *z, zip_t *base, zip_int64_t bidx, const char *name,
                     const bc_part *own, bool per_report, zip_uint16_t dosdate,
                     int level, bc_diags *d)
{
    /* A part written once (a whole package: the template's base zip, an
     * export) is deflated whenever that makes it smaller, so copies of it
     * from the base are copied compressed, with no CRC to compute. A part
     * made for each report is stored when small: deflate's set-up costs
     * more than the few hundred bytes it would save. An image is stored
     * whatever its size: it is compressed already. */
    bool deflate = bidx < 0 && !own->stored && (!per_report || own->len >= BC_STORE_BELOW);
    bool not_smaller = false;
    zip_source_t *s = NULL;
    if (bidx >= 0)
        s = zip_source_zip(z, base, (zip_uint64_t)bidx, ZIP_FL_COMPRESSED, 0, -1);
    else if (deflate && per_report && own->deflated)
        s = bc_deflate_zip_source_of(z, own->deflated, own->deflated_len, own->len,
                                     own->crc);
    else if (deflate)
        s = bc_deflate_zip_source(z, own->data, own->len, level,
                                  per_report ? NULL : &not_smaller);
    if (not_smaller)
        deflate = false;
    if (bidx < 0 && !deflate)
        s = zip_source_buffer(z, own->data, own->len, 0);
    zip_int64_t idx = s ? zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
        zip_source_free(s);
        bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("cannot add part %s: %s"), name,
                    zip_strerror(z));
        return -1;
    }
    /* a stored part stays stored (libzip would deflate a stored source
     * otherwise); a deflated one is copied as it is */
    zip_stat_t bst;
    if (bidx >= 0 && zip_stat_index(base, (zip_uint64_t)bidx, 0, &bst) == 0 &&
        bst.comp_method == ZIP_CM_STORE)
        zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    else if (bidx < 0 && !deflate)
        zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
    zip_file_set_dostime(z, (zip_uint64_t)idx, 0, dosdate, 0);
    zip_file_set_external_attributes(z, (zip_uint64_t)idx, 0, ZIP_OPSYS_DOS, 0);
    return 0;
}

/* Adds every part of `order` (in its order, [Content_Types].xml and the
 * package relationships first): from `over` when it has the part, else
 * copied compressed from the base archive (when there is one), else from
 * `order` itself, compressed at `level`; then the parts of `over` that
 * `order` lacks, in over's order. */
static int S_add_parts(zip_t *z, zip_t *base, const bc_package *order,
                       const bc_package *over, zip_uint16_t dosdate, int level,
                       bc_diags *d)
{
    size_t used = 0; /* the parts of over written in order's place */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = 0; i < order->count; i++) {
            const bc_part *part = &order->parts[i];
            if (S_order(part) != pass)
                continue;
            const bc_part *fresh = over ? bc_package_find(over, part->name) : NULL;
            zip_int64_t bidx = base && !fresh ? zip_name_locate(base, part->name, 0) : -1;
            used += fresh != NULL;
            if (S_add_one(z, base, bidx, part->name, fresh ? fresh : part, over != NULL,
                          dosdate, level, d) != 0)
                return -1;
        }
    }
    for (size_t i = 0; over && used < over->count && i < over->count; i++) {
        const bc_part *extra = &over->parts[i];
        if (!bc_package_find(order, extra->name) &&
            S_add_one(z, base, -1, extra->name, extra, true, dosdate, level, d) != 0)
            return -1;
    }
    return 0;
}

static int S_write(const bc_package *order, const void *base_zip, size_t base_len,
                   const bc_package *over, bc_zip_date date, int level,
                   bc_buf *out, bc_diags *d)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_t *base = NULL;
    if (base_zip) {
        zip_source_t *bs = zip_source_buffer_create(base_zip, base_len, 0, &ze);
        base = bs ? zip_open_from_source(bs, ZIP_RDONLY, &ze) : NULL;
        if (!base) {
            zip_source_free(bs);
            goto zerr;
        }
    }
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (!src) {
        if (base)
            zip_discard(base);
        goto zerr;
    }
    zip_source_keep(src);
    zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (!z) {
        zip_source_free(src); /* the reference zip_source_keep added */
        zip_source_free(src);
        if (base)
            zip_discard(base);
        goto zerr;
    }
    /* a DOS date holds the years 1980 to 2107 */
    if (date.year < 1980)
        date = (bc_zip_date){1980, 1, 1};
    else if (date.year > 2107)
        date = (bc_zip_date){2107, 12, 31};
    zip_uint16_t dosdate = (zip_uint16_t)(((date.year - 1980) << 9) |
                                          (date.month << 5) | date.day);
    bool added = S_add_parts(z, base, order, over, dosdate, level, d) == 0;
    if (!added || zip_close(z) != 0) {
        if (added)
            bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("cannot write the zip: %s"),
                        zip_strerror(z));
        zip_discard(z);
        zip_source_free(src);
        if (base)
            zip_discard(base);
        zip_error_fini(&ze);
        return -1;
    }
    if (base)
        zip_discard(base);
    if (zip_source_open(src) != 0)
        goto srcerr;
    zip_source_seek(src, 0, SEEK_END);
    zip_int64_t size = zip_source_tell(src);
    zip_source_seek(src, 0, SEEK_SET);
    if (size < 0) {
        zip_source_close(src);
        goto srcerr;
    }
    bc_buf_reserve(out, (size_t)size);
    zip_int64_t got = zip_source_read(src, out->data + out->len, (zip_uint64_t)size);
    zip_source_close(src);
    if (got != size)
        goto srcerr;
    out->len += (size_t)size;
    out->data[out->len] = '\0';
    zip_source_free(src);
    zip_error_fini(&ze);
    return 0;
srcerr:
    bc_diag_add(d, BC_ERROR, NULL, 0, 0, "%s", _("cannot read back the zip"));
    zip_source_free(src);
    zip_error_fini(&ze);
    return -1;
zerr:
    bc_diag_add(d, BC_ERROR, NULL, 0, 0, _("cannot create the zip: %s"),
                zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return -1;
}

int bc_package_write(const bc_package *p, bc_zip_date date, int level,
                     bc_buf *out, bc_diags *d)
{
    return S_write(p, NULL, 0, NULL, date, level, out, d);
}

int bc_package_write_over(const bc_package *base, const void *base_zip,
                          size_t base_len, const bc_package *over,
                          bc_zip_date date, int level, bc_buf *out, bc_diags *d)
{
    return S_write(base, base_zip, base_len, over, date, level, out, d);
}

void bc_package_deflate(bc_package *p, int level)
{
    for (size_t i = 0; i < p->count; i++) {
        bc_part *part = &p->parts[i];
        if (part->len < BC_STORE_BELOW || part->deflated || part->stored)
            continue;
        part->deflated = bc_deflate(part->data, part->len, level,
                                    &part->deflated_len, &part->crc);
    }
}

void bc_package_free(bc_package *p)
{
    for (size_t i = 0; i < p->count; i++) {
        free(p->parts[i].name);
        free(p->parts[i].data);
        free(p->parts[i].deflated);
    }
    free(p->parts);
    p->parts = NULL;
    p->count = p->cap = 0;
}
