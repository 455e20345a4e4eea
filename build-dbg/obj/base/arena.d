build-dbg/obj/base/arena.o: generator/base/arena.c generator/base/arena.h \
 generator/base/xalloc.h
generator/base/arena.h:
generator/base/xalloc.h:
