build-dbg/obj/input/sheet.o: generator/input/sheet.c \
 generator/input/sheet.h generator/base/diag.h generator/input/node.h \
 generator/base/arena.h generator/base/buf.h generator/base/i18n.h \
 generator/base/utf8.h generator/base/xalloc.h
generator/input/sheet.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/utf8.h:
generator/base/xalloc.h:
