/*
 * wml_annotate.c - a template copy with Word comments at its errors (see
 * wml_annotate.h).
 */
#include "wml/wml_annotate.h"
#include "base/grow.h"
#include "base/xalloc.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "package/opc.h"
#include "wml/wml.h"

#include <libxml/parser.h>
#include <stdlib.h>
#include <string.h>

#define BC_REL_COMMENTS \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
#define BC_CT_COMMENTS \
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"

/* Every w:p under n, in document order. */
static void S_paras(xmlNodePtr n, xmlNodePtr **v, size_t *count, size_t *cap)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_wml_is(c, "p")) {
            *v = bc_grow(*v, cap, *count + 1, sizeof **v);
            (*v)[(*count)++] = c;
        }
        S_paras(c, v, count, cap);
    }
}

/* The largest comment id used under n. */
static long S_max_comment_id(xmlNodePtr n)
{
    long best = -1;
    for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE)
            continue;
        if (bc_wml_is(c, "comment") || bc_wml_is(c, "commentRangeStart") ||
            bc_wml_is(c, "commentReference")) {
            const char *id = bc_wml_attr(c, "id");
            if (id && atol(id) > best)
                best = atol(id);
        }
        long sub = S_max_comment_id(c);
        if (sub > best)
            best = sub;
    }
    return best;
}

static void S_text_para(xmlNodePtr parent, const char *text)
{
    xmlNodePtr p = bc_wml_new(parent, NULL, "p");
    xmlNodePtr r = bc_wml_new(p, NULL, "r");
    xmlNodePtr t = bc_wml_new(r, NULL, "t");
    xmlAddChild(t, xmlNewDocText(t->doc, (const xmlChar *)text));
    xmlNsPtr xml = xmlSearchNs(t->doc, t, (const xmlChar *)"xml");
    if (xml)
        xmlSetNsProp(t, xml, (const xmlChar *)"space", (const xmlChar *)"preserve");
}

static void S_anchor(xmlNodePtr p, const char *id)
{
    xmlNodePtr first = p->children;
    while (first && (first->type != XML_ELEMENT_NODE || bc_wml_is(first, "pPr")))
        first = first->next;
    xmlNodePtr start = bc_wml_new(p, first, "commentRangeStart");
    bc_wml_set_attr(start, "id", id);
    xmlNodePtr end = bc_wml_new(p, NULL, "commentRangeEnd");
    bc_wml_set_attr(end, "id", id);
    xmlNodePtr r = bc_wml_new(p, NULL, "r");
    xmlNodePtr ref = bc_wml_new(r, NULL, "commentReference");
    bc_wml_set_attr(ref, "id", id);
}

size_t bc_wml_annotate(const bc_package *pkg, const bc_tpl_mark *marks,
                       size_t nmarks, bc_package *out)
{
    bc_package_copy(out, pkg);
    char *main = bc_opc_main_document(out);
    xmlDocPtr doc = bc_opc_parse(out, main);
    if (!doc) {
        free(main);
        return 0;
    }
    xmlNodePtr root = xmlDocGetRootElement(doc);
    xmlNodePtr *paras = NULL;
    size_t np = 0, cap = 0;
    S_paras(root, &paras, &np, &cap);
    xmlNodePtr body = bc_wml_child(root, "body");
    xmlNodePtr first = NULL;
    for (size_t i = 0; i < np && !first; i++)
        for (xmlNodePtr up = paras[i]->parent; up && !first; up = up->parent)
            if (up == body)
                first = paras[i];

    char *cname = bc_opc_related(out, main, BC_REL_COMMENTS);
    bool fresh = false;
    xmlDocPtr cdoc = cname ? bc_opc_parse(out, cname) : NULL;
    if (!cdoc) {
        free(cname);
        const char *slash = strrchr(main, '/');
        bc_buf nb = BC_BUF_INIT;
        if (slash)
            bc_buf_put(&nb, main, (size_t)(slash - main + 1));
        bc_buf_puts(&nb, bc_package_find(out, "word/comments.xml") ? "comments-baocao.xml"
                                                                   : "comments.xml");
        cname = bc_buf_detach(&nb, NULL);
        cdoc = xmlNewDoc((const xmlChar *)"1.0");
        xmlNodePtr cr = xmlNewNode(NULL, (const xmlChar *)"comments");
        xmlSetNs(cr, xmlNewNs(cr, (const xmlChar *)BC_W_NS, (const xmlChar *)"w"));
        xmlDocSetRootElement(cdoc, cr);
        fresh = true;
    }
    xmlNodePtr croot = xmlDocGetRootElement(cdoc);
    long next = S_max_comment_id(croot);
    long in_doc = S_max_comment_id(root);
    if (in_doc > next)
        next = in_doc;
    next++;

    size_t added = 0;
    for (size_t m = 0; m < nmarks; m++) {
        const bc_tpl_mark *k = &marks[m];
        bool exact = k->part && strcmp(k->part, main) == 0 && k->para_index >= 0 &&
                     (size_t)k->para_index < np;
        xmlNodePtr target = exact ? paras[k->para_index] : first;
        if (!target)
            continue;
        char id[32];
        snprintf(id, sizeof id, "%ld", next++);
        xmlNodePtr c = bc_wml_new(croot, NULL, "comment");
        bc_wml_set_attr(c, "id", id);
        bc_wml_set_attr(c, "author", "baocao");
        bc_wml_set_attr(c, "initials", "BC");
        bc_buf b = BC_BUF_INIT;
        if (k->diag->id)
            bc_buf_printf(&b, "[%s] ", k->diag->id);
        if (k->diag->place)
            bc_buf_printf(&b, "%s: ", k->diag->place);
        else if (k->part && !exact)
            bc_buf_printf(&b, "%s: ", k->part);
        bc_buf_puts(&b, k->diag->msg);
        S_text_para(c, bc_buf_cstr(&b));
        bc_buf_free(&b);
        if (k->diag->hint) {
            bc_buf_printf(&b, "%s: %s", _("hint"), k->diag->hint);
            S_text_para(c, bc_buf_cstr(&b));
            bc_buf_free(&b);
        }
        S_anchor(target, id);
        added++;
    }
    if (added) {
        bc_opc_store(out, main, doc);
        bc_opc_store(out, cname, cdoc);
        if (fresh)
            free(bc_opc_add_part(out, main, cname, BC_CT_COMMENTS,
                                 BC_REL_COMMENTS));
    }
    xmlFreeDoc(cdoc);
    xmlFreeDoc(doc);
    free(paras);
    free(cname);
    free(main);
    return added;
}
