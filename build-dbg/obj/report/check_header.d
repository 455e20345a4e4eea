build-dbg/obj/report/check_header.o: generator/report/check_header.c \
 generator/report/check_int.h generator/base/diag.h \
 generator/report/doc_types.h generator/input/node.h \
 generator/base/arena.h generator/base/i18n.h
generator/report/check_int.h:
generator/base/diag.h:
generator/report/doc_types.h:
generator/input/node.h:
generator/base/arena.h:
generator/base/i18n.h:
