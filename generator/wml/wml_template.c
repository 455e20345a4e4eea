/*
 * wml_template.c - a .docx template compiled (see wml_template.h for the
 * rules): its styles given their roles (the missing ones copied from the
 * host's reference package), then every text part compiled by
 * wml_compile.c, the main document first, and the package zipped once for
 * the parts no rendering changes.
 */
#include "wml/wml_template.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/i18n.h"
#include "package/docprops.h"
#include "package/opc.h"
#include "wml/wml.h"
#include "wml/wml_scan.h"
#include "wml/wml_styles.h"
#include "wml/wml_template_int.h"

#include <stdlib.h>
#include <string.h>

/* True for a package whose relationships are those of Strict Open XML
 * (its namespaces are purl.oclc.org's, not openxmlformats.org's). */
static bool S_is_strict(const bc_package *p)
{
    const bc_part *rels = bc_package_find(p, "_rels/.rels");
    static const char strict[] = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    if (!rels)
        return false;
    for (size_t i = 0; i + sizeof strict - 1 <= rels->len; i++)
        if (memcmp(rels->data + i, strict, sizeof strict - 1) == 0)
            return true;
    return false;
}

/* An empty host: tags render as values, no style is imported, no layout. */
static const bc_wml_host S_no_host;

/* Gives the template's styles their roles: matched to the styles of the
 * host's reference package, the missing ones copied from it first. */
static void S_styles(bc_wml_template *t)
{
    const bc_wml_host *h = t->host;
    if (!h->style_source) {
        bc_wml_styles_load(&t->styles, &t->pkg, t->main_part);
        bc_wml_styles_map_roles(&t->styles, &t->styles);
        return;
    }
    bc_package ref = BC_PACKAGE_INIT;
    bc_package_from_embedded(&ref, h->style_source);
    char *ref_main = bc_opc_main_document(&ref);
    /* the reference itself (or a copy whose styles are untouched): nothing
     * to import, and every style plays its own role */
    char *ref_name = ref_main ? bc_opc_related(&ref, ref_main, BC_REL_STYLES) : NULL;
    char *own_name = bc_opc_related(&t->pkg, t->main_part, BC_REL_STYLES);
    const bc_part *rp = ref_name ? bc_package_find(&ref, ref_name) : NULL;
    const bc_part *tp = own_name ? bc_package_find(&t->pkg, own_name) : NULL;
    bool same = rp && tp && rp->len == tp->len && memcmp(rp->data, tp->data, rp->len) == 0;
    free(ref_name);
    free(own_name);
    if (ref_main && !same && h->imported_styles)
        bc_wml_styles_import(&t->pkg, t->main_part, &ref, ref_main,
                             h->imported_styles);
    bc_wml_styles_load(&t->styles, &t->pkg, t->main_part);
    if (same) {
        bc_wml_styles_map_roles(&t->styles, &t->styles);
    } else {
        bc_styles rs;
        bc_wml_styles_load(&rs, &ref, ref_main);
        bc_wml_styles_map_roles(&t->styles, &rs);
        bc_wml_styles_free(&rs);
    }
    free(ref_main);
    bc_package_free(&ref);
}

bc_wml_template *bc_wml_template_compile(const bc_package *pkg,
                                         const char *name,
                                         const bc_wml_host *host,
                                         bc_diags *d)
{
    return bc_wml_template_compile_info(pkg, name, host, d, NULL);
}

bc_wml_template *bc_wml_template_compile_info(const bc_package *pkg,
                                              const char *name,
                                              const bc_wml_host *host,
                                              bc_diags *d, bc_tpl_info *info)
{
    bc_wml_template *t = bc_xcalloc(1, sizeof *t);
    t->name = bc_xstrdup(name);
    t->host = host ? host : &S_no_host;
    bc_package_copy(&t->pkg, pkg);
    bc_opc_make_document(&t->pkg);
    t->main_part = bc_opc_main_document(&t->pkg);
    t->core_part = bc_docprops_part(&t->pkg);
    bool strict = !t->main_part && S_is_strict(&t->pkg);
    bool no_types = t->main_part && !bc_opc_types_readable(&t->pkg);
    /* the officeDocument relationship of a theme, a drawing... names no
     * Word document */
    char *main_type = t->main_part && !no_types ? bc_opc_type_of(&t->pkg, t->main_part) : NULL;
    bool not_word = t->main_part && !no_types && !bc_opc_is_main_type(main_type);
    free(main_type);
    if (!t->main_part || !bc_package_find(&t->pkg, t->main_part) || no_types || not_word) {
        bc_diag *g;
        if (strict) {
            g = bc_diag_add(d, BC_ERROR, name, 0, 0, "%s",
                            _("the document is saved as Strict Open XML, which "
                              "baocao does not read"));
            bc_diag_set_id(g, "T023");
            bc_diag_set_hint(g, _("in Word: File > Save As, type \"Word Document "
                                  "(*.docx)\", not \"Strict Open XML Document\""));
        } else if (no_types) {
            g = bc_diag_add(d, BC_ERROR, name, 0, 0, "%s",
                            _("the package's list of content types "
                              "([Content_Types].xml) is missing or damaged, so no "
                              "part can be read as a document"));
            bc_diag_set_id(g, "T025");
            bc_diag_set_hint(g, _("open the file in Word or LibreOffice and save it "
                                  "again"));
        } else {
            g = bc_diag_add(d, BC_ERROR, name, 0, 0, "%s",
                            _("not a Word document: no main document part"));
            bc_diag_set_id(g, "T011");
        }
        if (info) {
            BC_GROW(info->marks, info->cap_marks, info->nmarks + 1);
            info->marks[info->nmarks++] = (bc_tpl_mark){g, NULL, -1};
        }
        bc_wml_template_free(t);
        return NULL;
    }
    S_styles(t);
    if (t->host->bind)
        t->host_state = t->host->bind(&t->styles);
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
                                        t->host, info, d) != 0)
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

const char *bc_wml_template_main_part(const bc_wml_template *t)
{
    return t->main_part;
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
    if (t->host_state && t->host->unbind)
        t->host->unbind(t->host_state);
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

