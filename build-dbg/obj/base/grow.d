build-dbg/obj/base/grow.o: generator/base/grow.c generator/base/grow.h \
 generator/base/xalloc.h
generator/base/grow.h:
generator/base/xalloc.h:
