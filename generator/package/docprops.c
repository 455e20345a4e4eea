/*
 * docprops.c - deterministic core properties (see docprops.h).
 */
#include "package/docprops.h"
#include "base/buf.h"
#include "package/opc.h"
#include "package/xml_escape.h"

#include <stdlib.h>
#include <string.h>

#define BC_REL_CORE \
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

/* A property's text: one line, XML-escaped. */
static void S_line(bc_buf *b, const char *s)
{
    if (s)
        bc_xml_escape(b, s, strlen(s), &bc_xml_escape_line);
}

/* YYYY-MM-DDT00:00:00Z (W3CDTF). */
static void S_date(bc_buf *b, int year, int month, int day)
{
    if (year < 0 || month < 0 || day < 0) { /* never from a parsed date */
        bc_buf_printf(b, "%04d-%02d-%02dT00:00:00Z", year, month, day);
        return;
    }
    bc_buf_put_uint(b, (unsigned)year, 4);
    bc_buf_putc(b, '-');
    bc_buf_put_uint(b, (unsigned)month, 2);
    bc_buf_putc(b, '-');
    bc_buf_put_uint(b, (unsigned)day, 2);
    bc_buf_puts(b, "T00:00:00Z");
}

char *bc_docprops_part(const bc_package *p)
{
    return bc_opc_related(p, "", BC_REL_CORE);
}

void bc_docprops_set(bc_package *out, const char *part, const char *title,
                     const char *creator, int year, int month, int day)
{
    if (!part)
        return;
    if (year <= 0) {
        year = 1980;
        month = day = 1;
    }
    bc_buf b = BC_BUF_INIT;
    bc_buf_puts(&b,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
                "package/2006/metadata/core-properties\" "
                "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" "
                "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    bc_buf_puts(&b, "<dc:title>");
    S_line(&b, title);
    bc_buf_puts(&b, "</dc:title><dc:creator>");
    S_line(&b, creator);
    bc_buf_puts(&b, "</dc:creator><cp:lastModifiedBy>baocao</cp:lastModifiedBy>");
    bc_buf_puts(&b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
    S_date(&b, year, month, day);
    bc_buf_puts(&b, "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">");
    S_date(&b, year, month, day);
    bc_buf_puts(&b, "</dcterms:modified>");
    bc_buf_puts(&b, "</cp:coreProperties>");
    size_t len;
    char *data = bc_buf_detach(&b, &len);
    bc_package_put(out, part, (unsigned char *)data, len);
}
