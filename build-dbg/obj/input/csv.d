build-dbg/obj/input/csv.o: generator/input/csv.c generator/input/csv.h \
 generator/base/diag.h generator/input/node.h generator/base/arena.h \
 generator/input/sheet.h generator/base/grow.h generator/base/xalloc.h \
 generator/base/buf.h generator/base/i18n.h generator/base/utf8.h
generator/input/csv.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/input/sheet.h:
generator/base/grow.h:
generator/base/xalloc.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/utf8.h:
