/*
 * test_xml_parse.c - unit tests of xml_parse.c: documents parsed on the
 * thread's reused context stay whole after later parses (good and bad),
 * a bad one gives libxml2's message, and threads parse side by side.
 */
#include "test_support.h"

#include "package/xml_parse.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static const char S_good[] =
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body><w:p><w:r><w:t xml:space=\"preserve\">Ủy ban &amp; xã</w:t></w:r></w:p>"
    "</w:body></w:document>";

static const char *text_of(xmlDocPtr doc)
{
    xmlNodePtr n = xmlDocGetRootElement(doc);
    while (n && n->children && strcmp((const char *)n->name, "t") != 0)
        n = n->children;
    return n && n->children ? (const char *)n->children->content : NULL;
}

static void test_parse_reuse(void **state)
{
    (void)state;
    const char *why = NULL;
    xmlDocPtr first = bc_xml_parse(S_good, strlen(S_good), "a.xml", &why);
    assert_non_null(first);
    assert_string_equal(text_of(first), "Ủy ban & xã");

    /* a bad parse on the same context: NULL and the parser's message */
    const char bad[] = "<w:p xmlns:w=\"x\"><w:r></w:p>";
    assert_null(bc_xml_parse(bad, strlen(bad), "b.xml", &why));
    assert_non_null(why);
    assert_string_not_equal(why, "?");
    assert_non_null(strstr(why, "Premature end of data in tag"));

    /* the first document is untouched by the later parses, and a second
     * good one parses as well after the failure */
    xmlDocPtr second = bc_xml_parse(S_good, strlen(S_good), "c.xml", &why);
    assert_non_null(second);
    assert_string_equal(text_of(first), "Ủy ban & xã");
    xmlFreeDoc(first);
    assert_string_equal(text_of(second), "Ủy ban & xã");
    xmlFreeDoc(second);
}

static void *parse_many(void *arg)
{
    int *ok = arg;
    *ok = 1;
    for (int i = 0; i < 200; i++) {
        char buf[512];
        snprintf(buf, sizeof buf,
                 "<r xmlns:w=\"x\"><w:t>n%d</w:t><w:t>%s</w:t></r>", i,
                 i % 2 ? "một" : "hai");
        const char *why;
        xmlDocPtr d = bc_xml_parse(buf, strlen(buf), "t.xml", &why);
        char want[16];
        snprintf(want, sizeof want, "n%d", i);
        if (!d || strcmp(text_of(d), want) != 0)
            *ok = 0;
        if (d)
            xmlFreeDoc(d);
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    int ok[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, parse_many, &ok[i]), 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        assert_int_equal(ok[i], 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_reuse),
        cmocka_unit_test(test_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
