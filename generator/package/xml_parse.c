/*
 * xml_parse.c - one libxml2 parser context per thread (see xml_parse.h).
 */
#include "package/xml_parse.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <pthread.h>

/* libxml2 reports some errors (a wrong encoding declaration, an encoder
 * failing) to stderr itself, whatever the parse options say; baocao
 * reports them through its diagnostics instead. */
static void S_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void S_silent_structured(void *ctx, const xmlError *e)
{
    (void)ctx;
    (void)e;
}

static pthread_once_t S_init_once = PTHREAD_ONCE_INIT;

static void S_init(void)
{
    xmlInitParser();
    xmlSetGenericErrorFunc(NULL, S_silent);
    xmlThrDefSetGenericErrorFunc(NULL, S_silent);
    xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)S_silent_structured);
    xmlThrDefSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)S_silent_structured);
}

void bc_xml_parse_init(void)
{
    pthread_once(&S_init_once, S_init);
}

static pthread_key_t S_key;
static pthread_once_t S_once = PTHREAD_ONCE_INIT;

static void S_free_ctxt(void *p)
{
    xmlFreeParserCtxt(p);
}

static void S_make_key(void)
{
    pthread_key_create(&S_key, S_free_ctxt);
}

static xmlParserCtxtPtr S_ctxt(void)
{
    pthread_once(&S_once, S_make_key);
    xmlParserCtxtPtr c = pthread_getspecific(S_key);
    if (!c) {
        c = xmlNewParserCtxt();
        if (c)
            pthread_setspecific(S_key, c);
    }
    return c;
}

xmlDocPtr bc_xml_parse(const char *data, size_t len, const char *name,
                       const char **why)
{
    *why = "?";
    xmlParserCtxtPtr c = S_ctxt();
    if (!c) {
        *why = "out of memory";
        return NULL;
    }
    if (len > INT_MAX) {
        *why = "the part is too large";
        return NULL;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(c, data, (int)len, name, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR |
                                          XML_PARSE_NOWARNING |
                                          XML_PARSE_COMPACT);
    if (!doc) {
        const xmlError *e = xmlCtxtGetLastError(c);
        if (e && e->message)
            *why = e->message;
    }
    return doc;
}

/* Errors are read from the context at the end, never printed. */
static void S_quiet(void *user, const xmlError *e)
{
    (void)user;
    (void)e;
}

int bc_xml_parse_events(const char *data, size_t len, const char *name,
                        xmlSAXHandler *h, void *user, const char **why)
{
    static __thread char message[256];
    *why = "?";
    if (len > INT_MAX) {
        *why = "the part is too large";
        return -1;
    }
    bc_xml_parse_init();
    h->initialized = XML_SAX2_MAGIC;
    h->serror = (xmlStructuredErrorFunc)S_quiet;
    h->warning = NULL;
    h->error = NULL;
    h->fatalError = NULL;
    xmlParserCtxtPtr c = xmlCreatePushParserCtxt(h, user, NULL, 0, name);
    if (!c) {
        *why = "out of memory";
        return -1;
    }
    xmlCtxtUseOptions(c, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    int rc = xmlParseChunk(c, data, (int)len, 1);
    bool ok = rc == 0 && c->wellFormed;
    if (!ok) {
        const xmlError *e = xmlCtxtGetLastError(c);
        snprintf(message, sizeof message, "%s",
                 e && e->message ? e->message : "not well-formed");
        size_t n = strlen(message);
        while (n > 0 && message[n - 1] == '\n')
            message[--n] = '\0';
        *why = message;
    }
    xmlFreeParserCtxt(c);
    return ok ? 0 : -1;
}
