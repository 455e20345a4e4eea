build-dbg/obj/app/batch_stages.o: generator/app/batch_stages.c \
 generator/app/batch_int.h generator/app/batch.h generator/base/diag.h \
 generator/input/node.h generator/base/arena.h \
 generator/app/batch_summary.h generator/base/buf.h \
 generator/mustache/mustache.h generator/package/package.h \
 generator/package/embedded.h generator/report/report.h \
 generator/report/report_text.h generator/report/signature.h \
 generator/input/png_file.h generator/wml/wml_template.h \
 generator/wml/wml_host.h generator/wml/wml_styles.h \
 /usr/include/libxml2/libxml/tree.h \
 /usr/include/libxml2/libxml/xmlversion.h \
 /usr/include/libxml2/libxml/xmlexports.h \
 /usr/include/libxml2/libxml/xmlstring.h \
 /usr/include/libxml2/libxml/xmlregexp.h \
 /usr/include/libxml2/libxml/dict.h \
 /usr/include/libxml2/libxml/xmlmemory.h \
 /usr/include/libxml2/libxml/threads.h \
 /usr/include/libxml2/libxml/globals.h \
 /usr/include/libxml2/libxml/parser.h /usr/include/libxml2/libxml/hash.h \
 /usr/include/libxml2/libxml/valid.h \
 /usr/include/libxml2/libxml/xmlerror.h \
 /usr/include/libxml2/libxml/list.h \
 /usr/include/libxml2/libxml/xmlautomata.h \
 /usr/include/libxml2/libxml/entities.h \
 /usr/include/libxml2/libxml/encoding.h \
 /usr/include/libxml2/libxml/xmlIO.h /usr/include/libxml2/libxml/SAX2.h \
 /usr/include/libxml2/libxml/xlink.h generator/app/render.h \
 generator/base/file_write.h
generator/app/batch_int.h:
generator/app/batch.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/app/batch_summary.h:
generator/base/buf.h:
generator/mustache/mustache.h:
generator/package/package.h:
generator/package/embedded.h:
generator/report/report.h:
generator/report/report_text.h:
generator/report/signature.h:
generator/input/png_file.h:
generator/wml/wml_template.h:
generator/wml/wml_host.h:
generator/wml/wml_styles.h:
/usr/include/libxml2/libxml/tree.h:
/usr/include/libxml2/libxml/xmlversion.h:
/usr/include/libxml2/libxml/xmlexports.h:
/usr/include/libxml2/libxml/xmlstring.h:
/usr/include/libxml2/libxml/xmlregexp.h:
/usr/include/libxml2/libxml/dict.h:
/usr/include/libxml2/libxml/xmlmemory.h:
/usr/include/libxml2/libxml/threads.h:
/usr/include/libxml2/libxml/globals.h:
/usr/include/libxml2/libxml/parser.h:
/usr/include/libxml2/libxml/hash.h:
/usr/include/libxml2/libxml/valid.h:
/usr/include/libxml2/libxml/xmlerror.h:
/usr/include/libxml2/libxml/list.h:
/usr/include/libxml2/libxml/xmlautomata.h:
/usr/include/libxml2/libxml/entities.h:
/usr/include/libxml2/libxml/encoding.h:
/usr/include/libxml2/libxml/xmlIO.h:
/usr/include/libxml2/libxml/SAX2.h:
/usr/include/libxml2/libxml/xlink.h:
generator/app/render.h:
generator/base/file_write.h:
