/*
 * docx_text.h - test helper: the text of a rendered .docx, one line per
 * paragraph of the main document in order (table cells included), a line
 * break as "\n" inside a line, a tab as "\t".
 */
#ifndef BC_TEST_DOCX_TEXT_H
#define BC_TEST_DOCX_TEXT_H

#include "base/buf.h"
#include "package/package.h"
#include "wml/wml.h"

#include <libxml/parser.h>
#include <stdlib.h>

static inline void bc_test_para_text(xmlNodePtr n, bc_buf *out)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "t"))
            bc_buf_puts(out, bc_wml_text(c));
        else if (bc_wml_is(c, "br"))
            bc_buf_putc(out, '\n');
        else if (bc_wml_is(c, "tab"))
            bc_buf_putc(out, '\t');
        else if (c->type == XML_ELEMENT_NODE && !bc_wml_is(c, "p"))
            bc_test_para_text(c, out);
    }
}

static inline void bc_test_all_text(xmlNodePtr n, bc_buf *out)
{
    for (xmlNodePtr c = n->children; c; c = c->next) {
        if (bc_wml_is(c, "p")) {
            bc_test_para_text(c, out);
            bc_buf_putc(out, '\n');
        } else if (c->type == XML_ELEMENT_NODE) {
            bc_test_all_text(c, out);
        }
    }
}

/* The text of the main document of a package; NULL when unreadable. */
static inline char *bc_test_package_text(const bc_package *p)
{
    bc_part *part = bc_package_find(p, "word/document.xml");
    if (!part)
        return NULL;
    xmlDocPtr doc = xmlReadMemory((const char *)part->data, (int)part->len,
                                  "d.xml", NULL, 0);
    if (!doc)
        return NULL;
    bc_buf b = BC_BUF_INIT;
    bc_test_all_text(xmlDocGetRootElement(doc), &b);
    xmlFreeDoc(doc);
    bc_buf_cstr(&b);
    return bc_buf_detach(&b, NULL);
}

/* The text of a .docx file; NULL when unreadable. */
static inline char *bc_test_docx_text(const char *path)
{
    bc_package p = BC_PACKAGE_INIT;
    bc_diags d = BC_DIAGS_INIT;
    char *text = bc_package_read_file(&p, path, &d) == 0 ? bc_test_package_text(&p) : NULL;
    bc_package_free(&p);
    bc_diags_free(&d);
    return text;
}

#endif
