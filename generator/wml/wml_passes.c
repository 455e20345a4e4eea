/*
 * wml_passes.c - the passes over a rendered part's tree: the output
 * invariants (wml_fixup.h) where loops may have repeated or emptied
 * structure, and the host's layout of the main document (wml_host.h);
 * on one parse of the whole part, or on each region (wml_regions.h)
 * parsed inside the part's wrapping tags, the elements kept out of its
 * parse put back afterwards.
 */
#include "base/i18n.h"
#include "package/xml_parse.h"
#include "package/xml_write.h"
#include "wml/wml.h"
#include "wml/wml_fixup.h"
#include "wml/wml_markers.h"
#include "wml/wml_template_int.h"

#include <stdlib.h>
#include <string.h>

/* The placeholders are the host paragraphs set aside while rendering and
 * the elements kept out of the regions' parse; data cannot hold one (its
 * `<` is escaped). */
void bc_wml_passes_fill(bc_buf *xml, size_t start, const char *prefix,
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
 * structure, and the host's layout of the main part. */
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
    if (part->layout && t->host->layout_tree)
        t->host->layout_tree(t->host_state, root, &t->styles);
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
        const char *open = memchr(s + pos, BC_MARK_REGION_OPEN, n - pos);
        if (!open) {
            bc_buf_put(&out, s + pos, n - pos);
            break;
        }
        bc_buf_put(&out, s + pos, (size_t)(open - (s + pos)));
        size_t from = (size_t)(open - s) + 1;
        const char *close = memchr(s + from, BC_MARK_REGION_CLOSE, n - from);
        const char *again = memchr(s + from, BC_MARK_REGION_OPEN, n - from);
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
            if (part->layout && t->host->layout_children)
                t->host->layout_children(t->host_state, parent, &t->styles,
                                         part->page_text);
            size_t start = out.len;
            for (xmlNodePtr k = parent->children; k; k = k->next)
                bc_xml_write_node(&out, k);
            if (part->kept_count)
                bc_wml_passes_fill(&out, start, BC_MARK_KEEP_PI, part->kept,
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

/* A notes part: the copies of its notes that the main part's repeated
 * references ask (wml_fixup.h), added on a parse of the whole part. */
static int S_note_copies(const bc_wml_template *t, const tpl_part *part,
                         bc_wml_ids *ids, bc_buf *xml, bc_diags *d)
{
    const char *why;
    xmlDocPtr doc = bc_xml_parse(xml->data, xml->len, part->name, &why);
    if (!doc)
        return S_not_well_formed(t, part, d, why);
    /* the part's own ids were seen when its fixup ran on the whole part */
    bc_wml_fixup_notes(xmlDocGetRootElement(doc), ids,
                       !(part->fixup && part->whole_pass));
    bc_buf_clear(xml);
    bc_buf_puts(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    bc_xml_write_node(xml, xmlDocGetRootElement(doc));
    xmlFreeDoc(doc);
    return 0;
}

int bc_wml_passes_run(const bc_wml_template *t, const tpl_part *part,
                      bc_wml_ids *ids, bc_buf *xml, bc_diags *d)
{
    int rc = 0;
    if (part->whole_pass)
        rc = S_tree_passes(t, part, ids, xml, d);
    else if (part->regions)
        rc = S_region_passes(t, part, xml, d);
    if (rc == 0 && part->notes != BC_NOTE_NONE &&
        bc_wml_fixup_notes_wanted(ids, part->notes))
        rc = S_note_copies(t, part, ids, xml, d);
    return rc;
}
