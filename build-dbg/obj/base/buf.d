build-dbg/obj/base/buf.o: generator/base/buf.c generator/base/buf.h \
 generator/base/xalloc.h
generator/base/buf.h:
generator/base/xalloc.h:
