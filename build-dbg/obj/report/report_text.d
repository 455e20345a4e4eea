build-dbg/obj/report/report_text.o: generator/report/report_text.c \
 generator/report/report_text.h generator/base/arena.h \
 generator/base/diag.h generator/input/node.h generator/base/i18n.h \
 generator/base/buf.h generator/base/grow.h generator/base/xalloc.h \
 generator/input/node_view.h generator/mustache/mustache.h
generator/report/report_text.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/i18n.h:
generator/base/buf.h:
generator/base/grow.h:
generator/base/xalloc.h:
generator/input/node_view.h:
generator/mustache/mustache.h:
