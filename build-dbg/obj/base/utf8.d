build-dbg/obj/base/utf8.o: generator/base/utf8.c generator/base/utf8.h \
 generator/base/xalloc.h generator/base/byte_scan.h
generator/base/utf8.h:
generator/base/xalloc.h:
generator/base/byte_scan.h:
