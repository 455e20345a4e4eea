build-dbg/obj/report/check_closing.o: generator/report/check_closing.c \
 generator/report/check_int.h generator/base/diag.h \
 generator/report/doc_types.h generator/input/node.h \
 generator/base/arena.h generator/report/report_lines.h \
 generator/base/xalloc.h generator/base/i18n.h generator/base/utf8.h
generator/report/check_int.h:
generator/base/diag.h:
generator/report/doc_types.h:
generator/input/node.h:
generator/base/arena.h:
generator/report/report_lines.h:
generator/base/xalloc.h:
generator/base/i18n.h:
generator/base/utf8.h:
