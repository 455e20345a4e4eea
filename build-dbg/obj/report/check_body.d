build-dbg/obj/report/check_body.o: generator/report/check_body.c \
 generator/report/check_int.h generator/base/diag.h \
 generator/report/doc_types.h generator/input/node.h \
 generator/base/arena.h generator/base/xalloc.h generator/base/utf8.h \
 generator/report/body_markup.h generator/base/buf.h \
 generator/base/i18n.h generator/report/text_rules.h
generator/report/check_int.h:
generator/base/diag.h:
generator/report/doc_types.h:
generator/input/node.h:
generator/base/arena.h:
generator/base/xalloc.h:
generator/base/utf8.h:
generator/report/body_markup.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/report/text_rules.h:
