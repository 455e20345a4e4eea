build-dbg/obj/report/check_words.o: generator/report/check_words.c \
 generator/report/check_int.h generator/base/diag.h \
 generator/report/doc_types.h generator/input/node.h \
 generator/base/arena.h generator/base/buf.h generator/base/utf8.h \
 generator/base/xalloc.h
generator/report/check_int.h:
generator/base/diag.h:
generator/report/doc_types.h:
generator/input/node.h:
generator/base/arena.h:
generator/base/buf.h:
generator/base/utf8.h:
generator/base/xalloc.h:
