/*
 * wml_template.c - compiles the text parts of a .docx template into
 * mustache programs and renders them (see wml_template.h for the rules).
 *
 * Compiling a part: parse it with libxml2; repair split tags paragraph by
 * paragraph; serialize the tree back to XML text in which static text is
 * escaped, tags stay as mustache tags, standalone structural paragraphs
 * shrink to their tag, and block paragraphs become host tags
 * "{{@name N}}" whose N indexes the paragraph's saved XML; compile that
 * text with the mustache engine.
 */
#include "wml/wml_template.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "report/body_markup.h"
#include "package/docprops.h"
#include "package/embedded.h"
#include "base/i18n.h"
#include "package/opc.h"
#include "wml/wml.h"
#include "package/xml_write.h"
#include "wml/wml_fixup.h"
#include "report/layout.h"
#include "wml/wml_regions.h"
#include "wml/wml_scan.h"
#include "wml/wml_styles.h"
#include "wml/wml_template_int.h"
#include "package/xml_parse.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

const char *const bc_block_style_ids[BC_BLK_KIND_COUNT] = {
    [BC_BLK_PARAGRAPH] = "NoiDung",
    [BC_BLK_PART] = "PhanLon",
    [BC_BLK_ITEM_TITLE] = "MucTieuDe",
    [BC_BLK_ITEM] = "Muc",
    [BC_BLK_SUBITEM_TITLE] = "MucNhoTieuDe",
    [BC_BLK_SUBITEM] = "MucNho",
    [BC_BLK_POINT] = "Diem",
    [BC_BLK_DASH] = "GachDau",
    [BC_BLK_PLUS] = "DauCong",
};

struct bc_wml_template {
    char *name;
    bc_package pkg;
    unsigned char *base_zip;  /* the package zipped once: parts that are not
                                 rendered are copied from it compressed */
    size_t base_len;
    tpl_part *parts;
    size_t part_count;
    bc_styles styles;
    char *main_part;
    char *core_part;          /* docProps/core.xml, or NULL (docprops.h) */
    /* the template's style id for each body block kind (its own, or the
     * built-in style copied in) */
    char *block_styles[BC_BLK_KIND_COUNT];
};

/* Styles a clerk's template gets from the built-in one when it lacks them:
 * the body's blocks, and the rules (an empty paragraph in DuongKe). */
static const char *const S_imported_styles[] = {
    "NoiDung", "PhanLon", "MucTieuDe", "Muc", "MucNhoTieuDe", "MucNho",
    "Diem", "GachDau", "DauCong", "DuongKe", "DuongKeDai", NULL};

/* Maps the template's styles to the program's roles, copying the missing
 * ones from the built-in template first. */
static void S_styles(bc_wml_template *t)
{
    bc_package ref = BC_PACKAGE_INIT;
    bc_package_from_embedded(&ref, bc_embedded_bao_cao);
    char *ref_main = bc_opc_main_document(&ref);
    /* the built-in template itself (or a copy whose styles are untouched):
     * nothing to import, and every style plays its own role */
    char *ref_name = ref_main ? bc_opc_related(&ref, ref_main, BC_REL_STYLES) : NULL;
    char *own_name = bc_opc_related(&t->pkg, t->main_part, BC_REL_STYLES);
    const bc_part *rp = ref_name ? bc_package_find(&ref, ref_name) : NULL;
    const bc_part *tp = own_name ? bc_package_find(&t->pkg, own_name) : NULL;
    bool same = rp && tp && rp->len == tp->len && memcmp(rp->data, tp->data, rp->len) == 0;
    free(ref_name);
    free(own_name);
    if (ref_main && !same)
        bc_wml_styles_import(&t->pkg, t->main_part, &ref, ref_main,
                         S_imported_styles);
    bc_wml_styles_load(&t->styles, &t->pkg, t->main_part);
    if (same) {
        bc_wml_styles_map_roles(&t->styles, &t->styles);
    } else {
        bc_styles rs;
        bc_wml_styles_load(&rs, &ref, ref_main);
        bc_wml_styles_map_roles(&t->styles, &rs);
        bc_wml_styles_free(&rs);
    }
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++) {
        const char *id = bc_wml_styles_role_id(&t->styles, bc_block_style_ids[k]);
        t->block_styles[k] = bc_xstrdup(id ? id : bc_block_style_ids[k]);
    }
    free(ref_main);
    bc_package_free(&ref);
}

bc_wml_template *bc_wml_template_compile(const bc_package *pkg, const char *name,
                                 bc_diags *d)
{
    return bc_wml_template_compile_info(pkg, name, d, NULL);
}

bc_wml_template *bc_wml_template_compile_info(const bc_package *pkg, const char *name,
                                      bc_diags *d, bc_tpl_info *info)
{
    bc_wml_template *t = bc_xcalloc(1, sizeof *t);
    t->name = bc_xstrdup(name);
    bc_package_copy(&t->pkg, pkg);
    bc_opc_make_document(&t->pkg);
    t->main_part = bc_opc_main_document(&t->pkg);
    t->core_part = bc_docprops_part(&t->pkg);
    if (!t->main_part || !bc_package_find(&t->pkg, t->main_part)) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, name, 0, 0, "%s",
                                 _("not a Word document: no main document part"));
        bc_diag_set_id(g, "T011");
        if (info) {
            BC_GROW(info->marks, info->cap_marks, info->nmarks + 1);
            info->marks[info->nmarks++] = (bc_tpl_mark){g, NULL, -1};
        }
        bc_wml_template_free(t);
        return NULL;
    }
    S_styles(t);
    t->parts = bc_xcalloc(t->pkg.count, sizeof *t->parts);
    char **types = bc_opc_content_types(&t->pkg);
    size_t nparts = t->pkg.count;
    bool ok = true;
    /* the main document first, then the other text parts in package order */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < nparts; i++) {
            const char *pn = t->pkg.parts[i].name;
            bool is_main = strcmp(pn, t->main_part) == 0;
            if (is_main != (pass == 0))
                continue;
            const char *ct = types[i];
            bool text = bc_opc_is_text_part(ct);
            if (text) {
                tpl_part *part = &t->parts[t->part_count++];
                part->name = bc_xstrdup(pn);
                part->words = bc_wml_scan_part_words(&t->pkg, t->main_part, pn, ct);
                part->is_main = is_main;
                if (bc_wml_compile_part(part, &t->pkg, t->name, &t->styles,
                                        info, d) != 0)
                    ok = false;
            }
        }
    }
    bc_opc_types_free(types, nparts);
    if (!ok) {
        bc_wml_template_free(t);
        return NULL;
    }
    bc_buf zip = BC_BUF_INIT;
    if (bc_package_write(&t->pkg, (bc_zip_date){1980, 1, 1}, 9, &zip, d) != 0) {
        bc_buf_free(&zip);
        bc_wml_template_free(t);
        return NULL;
    }
    t->base_zip = (unsigned char *)bc_buf_detach(&zip, &t->base_len);
    return t;
}

void bc_wml_template_info_free(bc_tpl_info *info)
{
    for (size_t i = 0; i < info->ntags; i++) {
        free(info->tags[i].part);
        free(info->tags[i].place);
        free(info->tags[i].text);
        free(info->tags[i].name);
    }
    for (size_t i = 0; i < info->nmarks; i++)
        free(info->marks[i].part);
    free(info->tags);
    free(info->marks);
    memset(info, 0, sizeof *info);
}

const bc_package *bc_wml_template_package(const bc_wml_template *t)
{
    return &t->pkg;
}

const char *bc_wml_template_core_part(const bc_wml_template *t)
{
    return t->core_part;
}

const unsigned char *bc_wml_template_base_zip(const bc_wml_template *t, size_t *len)
{
    *len = t->base_len;
    return t->base_zip;
}

void bc_wml_template_free(bc_wml_template *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->part_count; i++)
        bc_wml_compile_free(&t->parts[i]);
    free(t->parts);
    for (int k = 0; k < BC_BLK_KIND_COUNT; k++)
        free(t->block_styles[k]);
    free(t->base_zip);
    bc_wml_styles_free(&t->styles);
    bc_package_free(&t->pkg);
    free(t->main_part);
    free(t->core_part);
    free(t->name);
    free(t);
}

void bc_wml_template_visit(const bc_wml_template *t, bc_mvisit_fn fn, void *closure)
{
    for (size_t i = 0; i < t->part_count; i++)
        bc_mustache_visit(t->parts[i].prog, fn, closure);
}

/* ---- rendering ------------------------------------------------------------- */

typedef struct render_ctx {
    const bc_wml_template *t;
    const tpl_part *part;
    const bc_mdata *data;
    bc_diags *d;
    /* The main part's body paragraphs are kept aside while the layout pass
     * measures the rest (it has nothing to measure in them), then spliced
     * back at their "<?baocao-body N?>" placeholders. */
    bc_buf *bodies;
    size_t nbodies, cap_bodies;
} render_ctx;

#define BC_BODY_PI "<?baocao-body "


static int S_escape_checked(render_ctx *rc, bc_buf *out, const char *s,
                            size_t n, const char *name)
{
    unsigned cp = bc_wml_escape_run(out, s, n, false);
    if (!cp)
        return 0;
    bc_diag *g = bc_diag_add(rc->d, BC_ERROR, rc->t->name, 0, 0,
                             _("the value of `%s` contains the control "
                               "character U+%04X, which a document cannot hold"),
                             name, cp);
    bc_diag_set_part(g, rc->part->name, NULL);
    return -1;
}

static int S_write_run(render_ctx *rc, bc_buf *out, const block *bl,
                       const char *s, size_t n, bool bold, bool italic)
{
    if (n == 0)
        return 0;
    bc_buf_puts(out, "<w:r>");
    /* the template run's properties, with an emphasis in schema order */
    bc_buf_puts(out, bl->rpr_as[(bold ? 1 : 0) | (italic ? 2 : 0)]);
    bc_buf_puts(out, "<w:t xml:space=\"preserve\">");
    int rc_ = S_escape_checked(rc, out, s, n, bl->name);
    bc_buf_puts(out, "</w:t></w:r>");
    return rc_;
}

/* The report body: one paragraph per markup block, in the block kind's
 * style; the last two keep with the next paragraph (the signature). */
static int S_write_body(render_ctx *rc, bc_buf *out, const block *bl,
                        const char *text, size_t len)
{
    if (rc->part->is_main) {
        BC_GROW(rc->bodies, rc->cap_bodies, rc->nbodies + 1);
        bc_buf *aside = &rc->bodies[rc->nbodies];
        memset(aside, 0, sizeof *aside);
        char pi[48];
        snprintf(pi, sizeof pi, BC_BODY_PI "%zu?>", rc->nbodies++);
        bc_buf_puts(out, pi);
        out = aside;
    }
    bc_body body;
    bc_body_markup_parse(text, len, &body);
    /* the text and, a paragraph, its style and run markup */
    bc_buf_reserve(out, len + body.count * 160);
    int status = 0;
    for (size_t i = 0; i < body.count; i++) {
        const bc_block *b = &body.blocks[i];
        bc_buf_puts(out, "<w:p><w:pPr><w:pStyle w:val=\"");
        bc_buf_puts(out, rc->t->block_styles[b->kind]);
        bc_buf_puts(out, i + 2 >= body.count ? "\"/><w:keepNext/></w:pPr>"
                                             : "\"/></w:pPr>");
        size_t pos = 0;
        for (size_t k = 0; k < b->span_count; k++) {
            const bc_span *sp = &b->spans[k];
            status |= S_write_run(rc, out, bl, b->text + pos, sp->start - pos,
                                  false, false);
            status |= S_write_run(rc, out, bl, b->text + sp->start, sp->len,
                                  sp->bold, sp->italic);
            pos = sp->start + sp->len;
        }
        status |= S_write_run(rc, out, bl, b->text + pos, b->len - pos, false,
                              false);
        bc_buf_puts(out, "</w:p>");
    }
    bc_body_markup_free(&body);
    return status ? -1 : 0;
}

static int S_host(void *closure, bc_buf *out, const void *value,
                  const char *arg, size_t arg_len)
{
    render_ctx *rc = closure;
    size_t idx = (size_t)strtoul(arg, NULL, 10);
    (void)arg_len;
    if (idx >= rc->part->block_count)
        return -1;
    const block *bl = &rc->part->blocks[idx];
    const bc_mdata *md = rc->data;
    bc_mv_kind kind = value ? md->kind(md->closure, value) : BC_MV_MISSING;
    if (kind == BC_MV_LIST) {
        size_t n = md->count(md->closure, value);
        int status = 0;
        for (size_t i = 0; i < n; i++) {
            const void *item = md->item(md->closure, value, i);
            size_t len = 0;
            const char *s = item ? md->text(md->closure, item, &len) : "";
            bc_buf_puts(out, bl->pre);
            status |= S_escape_checked(rc, out, s ? s : "", len, bl->name);
            bc_buf_puts(out, bl->post);
        }
        return status ? -1 : 0;
    }
    size_t len = 0;
    const char *s = value ? md->text(md->closure, value, &len) : "";
    if (!s)
        s = "", len = 0;
    if (strcmp(bl->name, "noi_dung") == 0 && kind == BC_MV_SCALAR)
        return S_write_body(rc, out, bl, s, len);
    bc_buf_puts(out, bl->pre);
    int status = S_escape_checked(rc, out, s, len, bl->name);
    bc_buf_puts(out, bl->post);
    return status;
}

/* Replaces in xml, from byte `start` on, each placeholder "<prefix>N?>"
 * with texts[N] (one out of range is dropped): the body paragraphs set
 * aside while rendering, and the elements kept out of the regions' parse
 * (data cannot hold a placeholder: its `<` is escaped). */
static void S_fill_placeholders(bc_buf *xml, size_t start, const char *prefix,
                                const bc_buf *texts, size_t n)
{
    const size_t pl = strlen(prefix);
    bc_buf out = BC_BUF_INIT;
    bc_buf_reserve(&out, xml->len + 1024);
    bc_buf_put(&out, bc_buf_cstr(xml), start);
    const char *s = xml->data + start;
    for (;;) {
        const char *pi = strstr(s, prefix); /* xml is NUL-terminated */
        if (!pi) {
            bc_buf_puts(&out, s);
            break;
        }
        bc_buf_put(&out, s, (size_t)(pi - s));
        size_t k = strtoul(pi + pl, NULL, 10);
        if (k < n)
            bc_buf_put(&out, texts[k].data, texts[k].len);
        const char *end = strstr(pi, "?>");
        s = end ? end + 2 : pi + strlen(pi);
    }
    bc_buf_free(xml);
    *xml = out;
}

static int S_not_well_formed(const bc_wml_template *t, const tpl_part *part,
                             bc_diags *d, const char *why)
{
    bc_diag *g = bc_diag_add(d, BC_ERROR, t->name, 0, 0,
                             _("the rendered document is not well-formed "
                               "(a section of the template cuts across "
                               "paragraphs or tables): %s"),
                             why);
    bc_diag_set_part(g, part->name, part->words);
    size_t n = strlen(g->msg);
    if (n && g->msg[n - 1] == '\n')
        g->msg[n - 1] = '\0';
    return -1;
}

/* The passes over a rendered part's tree, on one parse: the output
 * invariants (wml_fixup.h) of a part whose loops may repeat or empty
 * structure, and the measured layout (wml_layout.h) of the main part. */
static int S_tree_passes(const bc_wml_template *t, const tpl_part *part,
                         bc_wml_ids *ids, bc_buf *xml, bc_diags *d)
{
    const char *why;
    xmlDocPtr doc = bc_xml_parse(xml->data, xml->len, part->name, &why);
    if (!doc)
        return S_not_well_formed(t, part, d, why);
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (part->fixup)
        bc_wml_fixup(root, ids);
    if (part->is_main)
        bc_layout_tree(root, &t->styles);
    bc_buf_clear(xml);
    bc_buf_puts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    bc_xml_write_node(xml, root);
    xmlFreeDoc(doc);
    return 0;
}

/* The tree passes on the regions of a rendered part (wml_regions.h): each
 * run of marked top-level elements is parsed inside the part's wrapping
 * start and end tags, fixed up and laid out, and written back in place of
 * its text; the rest is copied as rendered. */
static int S_region_passes(const bc_wml_template *t, const tpl_part *part,
                           bc_buf *xml, bc_diags *d)
{
    bc_buf out = BC_BUF_INIT, doc = BC_BUF_INIT;
    bc_buf_reserve(&out, xml->len);
    const char *s = xml->data;
    size_t n = xml->len, pos = 0;
    int status = 0;
    while (pos < n) {
        const char *open = memchr(s + pos, BC_REGION_OPEN, n - pos);
        if (!open) {
            bc_buf_put(&out, s + pos, n - pos);
            break;
        }
        bc_buf_put(&out, s + pos, (size_t)(open - (s + pos)));
        size_t from = (size_t)(open - s) + 1;
        const char *close = memchr(s + from, BC_REGION_CLOSE, n - from);
        const char *again = memchr(s + from, BC_REGION_OPEN, n - from);
        if (!close || (again && again < close)) {
            status = S_not_well_formed(t, part, d, _("a region of the part is "
                                                     "not closed"));
            break;
        }
        bc_buf_clear(&doc);
        bc_buf_puts(&doc, part->wrap_open);
        bc_buf_put(&doc, s + from, (size_t)(close - (s + from)));
        bc_buf_puts(&doc, part->wrap_close);
        const char *why;
        xmlDocPtr tree = bc_xml_parse(doc.data, doc.len, part->name, &why);
        if (!tree) {
            status = S_not_well_formed(t, part, d, why);
            break;
        }
        xmlNodePtr root = xmlDocGetRootElement(tree);
        xmlNodePtr parent = part->is_main ? bc_wml_child(root, "body") : root;
        if (parent) {
            if (part->fixup) /* regions: no ids to renumber */
                bc_wml_fixup_tables(parent);
            if (part->is_main)
                bc_layout_children(parent, &t->styles, part->page_text);
            size_t start = out.len;
            for (xmlNodePtr k = parent->children; k; k = k->next)
                bc_xml_write_node(&out, k);
            if (part->kept_count)
                S_fill_placeholders(&out, start, BC_KEEP_PI, part->kept,
                                    part->kept_count);
        }
        xmlFreeDoc(tree);
        pos = (size_t)(close - s) + 1;
    }
    bc_buf_free(&doc);
    if (status != 0) {
        bc_buf_free(&out);
        return -1;
    }
    bc_buf_free(xml);
    *xml = out;
    return 0;
}

int bc_wml_render(const bc_wml_template *t, const bc_mdata *data,
                       const void *root, const bc_wml_render_opts *opts,
                       bc_package *out, bc_diags *d)
{
    int status = 0;
    unsigned long max_id = 0;
    for (size_t i = 0; i < t->part_count; i++)
        if (t->parts[i].max_id > max_id)
            max_id = t->parts[i].max_id;
    bc_wml_ids ids;
    bc_wml_fixup_ids_init(&ids, max_id + 1);
    for (size_t i = 0; i < t->part_count; i++) {
        const tpl_part *part = &t->parts[i];
        render_ctx rc = {t, part, data, d, NULL, 0, 0};
        bc_mapply ap;
        memset(&ap, 0, sizeof ap);
        ap.data = data;
        ap.root = root;
        ap.escape = bc_wml_escape_run;
        ap.lenient = opts && opts->lenient;
        ap.host = S_host;
        ap.host_closure = &rc;
        ap.diags = d;
        bc_buf xml = BC_BUF_INIT;
        bc_buf_reserve(&xml, part->size_hint + part->size_hint / 2);
        int rc_apply = bc_mustache_apply(part->prog, &ap, &xml);
        if (rc_apply == 0 && part->whole_pass)
            rc_apply = S_tree_passes(t, part, &ids, &xml, d);
        else if (rc_apply == 0 && part->regions)
            rc_apply = S_region_passes(t, part, &xml, d);
        if (rc_apply == 0 && rc.nbodies)
            S_fill_placeholders(&xml, 0, BC_BODY_PI, rc.bodies, rc.nbodies);
        for (size_t k = 0; k < rc.nbodies; k++)
            bc_buf_free(&rc.bodies[k]);
        free(rc.bodies);
        if (rc_apply != 0) {
            bc_buf_free(&xml);
            status = -1;
            continue;
        }
        size_t len;
        char *bytes = bc_buf_detach(&xml, &len);
        bc_package_put(out, part->name, (unsigned char *)bytes, len);
    }
    bc_wml_fixup_ids_free(&ids);
    return status;
}
