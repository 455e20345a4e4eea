build-dbg/obj/report/check_text.o: generator/report/check_text.c \
 generator/report/check_int.h generator/base/diag.h \
 generator/report/doc_types.h generator/input/node.h \
 generator/base/arena.h generator/base/buf.h generator/base/byte_scan.h \
 generator/base/i18n.h generator/base/utf8.h generator/report/schema.h
generator/report/check_int.h:
generator/base/diag.h:
generator/report/doc_types.h:
generator/input/node.h:
generator/base/arena.h:
generator/base/buf.h:
generator/base/byte_scan.h:
generator/base/i18n.h:
generator/base/utf8.h:
generator/report/schema.h:
