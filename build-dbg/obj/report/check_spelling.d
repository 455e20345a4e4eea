build-dbg/obj/report/check_spelling.o: generator/report/check_spelling.c \
 generator/report/check_int.h generator/base/diag.h \
 generator/report/doc_types.h generator/input/node.h \
 generator/base/arena.h generator/base/buf.h generator/base/i18n.h \
 generator/base/xalloc.h
generator/report/check_int.h:
generator/base/diag.h:
generator/report/doc_types.h:
generator/input/node.h:
generator/base/arena.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/xalloc.h:
