build-dbg/obj/base/xalloc.o: generator/base/xalloc.c \
 generator/base/xalloc.h
generator/base/xalloc.h:
