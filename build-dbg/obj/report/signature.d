build-dbg/obj/report/signature.o: generator/report/signature.c \
 generator/report/signature.h generator/base/arena.h \
 generator/base/diag.h generator/input/node.h generator/input/png_file.h \
 generator/base/buf.h generator/base/i18n.h generator/base/xalloc.h
generator/report/signature.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/input/png_file.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/xalloc.h:
