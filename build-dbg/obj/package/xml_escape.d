build-dbg/obj/package/xml_escape.o: generator/package/xml_escape.c \
 generator/package/xml_escape.h generator/base/buf.h \
 generator/base/byte_scan.h generator/base/utf8.h
generator/package/xml_escape.h:
generator/base/buf.h:
generator/base/byte_scan.h:
generator/base/utf8.h:
