build-dbg/obj/package/deflate.o: generator/package/deflate.c \
 generator/package/deflate.h
generator/package/deflate.h:
