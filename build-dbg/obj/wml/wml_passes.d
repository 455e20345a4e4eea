build-dbg/obj/wml/wml_passes.o: generator/wml/wml_passes.c \
 generator/base/i18n.h generator/package/xml_parse.h \
 /usr/include/libxml2/libxml/parser.h \
 /usr/include/libxml2/libxml/xmlversion.h \
 /usr/include/libxml2/libxml/xmlexports.h \
 /usr/include/libxml2/libxml/tree.h \
 /usr/include/libxml2/libxml/xmlstring.h \
 /usr/include/libxml2/libxml/xmlregexp.h \
 /usr/include/libxml2/libxml/dict.h /usr/include/libxml2/libxml/hash.h \
 /usr/include/libxml2/libxml/valid.h \
 /usr/include/libxml2/libxml/xmlerror.h \
 /usr/include/libxml2/libxml/list.h \
 /usr/include/libxml2/libxml/xmlautomata.h \
 /usr/include/libxml2/libxml/entities.h \
 /usr/include/libxml2/libxml/encoding.h \
 /usr/include/libxml2/libxml/xmlIO.h \
 /usr/include/libxml2/libxml/globals.h /usr/include/libxml2/libxml/SAX2.h \
 /usr/include/libxml2/libxml/xlink.h \
 /usr/include/libxml2/libxml/xmlmemory.h \
 /usr/include/libxml2/libxml/threads.h generator/package/xml_write.h \
 generator/base/buf.h generator/wml/wml.h generator/wml/wml_fixup.h \
 generator/wml/wml_markers.h generator/wml/wml_template_int.h \
 generator/base/diag.h generator/mustache/mustache.h \
 generator/package/package.h generator/package/embedded.h \
 generator/wml/wml_host.h generator/wml/wml_styles.h \
 generator/wml/wml_template.h
generator/base/i18n.h:
generator/package/xml_parse.h:
/usr/include/libxml2/libxml/parser.h:
/usr/include/libxml2/libxml/xmlversion.h:
/usr/include/libxml2/libxml/xmlexports.h:
/usr/include/libxml2/libxml/tree.h:
/usr/include/libxml2/libxml/xmlstring.h:
/usr/include/libxml2/libxml/xmlregexp.h:
/usr/include/libxml2/libxml/dict.h:
/usr/include/libxml2/libxml/hash.h:
/usr/include/libxml2/libxml/valid.h:
/usr/include/libxml2/libxml/xmlerror.h:
/usr/include/libxml2/libxml/list.h:
/usr/include/libxml2/libxml/xmlautomata.h:
/usr/include/libxml2/libxml/entities.h:
/usr/include/libxml2/libxml/encoding.h:
/usr/include/libxml2/libxml/xmlIO.h:
/usr/include/libxml2/libxml/globals.h:
/usr/include/libxml2/libxml/SAX2.h:
/usr/include/libxml2/libxml/xlink.h:
/usr/include/libxml2/libxml/xmlmemory.h:
/usr/include/libxml2/libxml/threads.h:
generator/package/xml_write.h:
generator/base/buf.h:
generator/wml/wml.h:
generator/wml/wml_fixup.h:
generator/wml/wml_markers.h:
generator/wml/wml_template_int.h:
generator/base/diag.h:
generator/mustache/mustache.h:
generator/package/package.h:
generator/package/embedded.h:
generator/wml/wml_host.h:
generator/wml/wml_styles.h:
generator/wml/wml_template.h:
