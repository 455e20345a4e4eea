/*
 * xml_parse.h - parsing rendered XML into a libxml2 tree with one parser
 * context per thread, kept for the thread's life.
 *
 * A batch parses a few kilobytes of each report (wml/wml_passes.c); making
 * and freeing a parser context and its name dictionary for each costs
 * about a tenth of the parse. The documents share the thread's dictionary
 * (libxml2 counts its references), so a document may outlive the next
 * parse and be freed on any thread.
 */
#ifndef BC_XML_PARSE_H
#define BC_XML_PARSE_H

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stddef.h>

/* Initialises libxml2 once per process and keeps it from printing: its
 * errors reach baocao's diagnostics only. Called by main.c before any
 * thread starts, and by every package read (idempotent). */
void bc_xml_parse_init(void);

/* The document, or NULL with *why set to libxml2's message (valid until
 * the thread's next parse) when data is not well-formed XML. No network,
 * no messages printed, no size limit but the part's. */
xmlDocPtr bc_xml_parse(const char *data, size_t len, const char *name,
                       const char **why);

/* Parses data as a stream of events into handler h (SAX2: its
 * startElementNs, endElementNs and characters; h->initialized is set
 * here), building no tree: for parts of many thousand elements (a
 * workbook's sheet), where making and freeing the tree costs more than
 * reading it. 0, or -1 with *why set (as bc_xml_parse) when data is not
 * well-formed XML. No network, no DTD loaded, nothing printed. */
int bc_xml_parse_events(const char *data, size_t len, const char *name,
                        xmlSAXHandler *h, void *user, const char **why);

#endif
