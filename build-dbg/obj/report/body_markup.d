build-dbg/obj/report/body_markup.o: generator/report/body_markup.c \
 generator/report/body_markup.h generator/report/body_table.h \
 generator/base/buf.h generator/base/grow.h generator/base/i18n.h \
 generator/base/xalloc.h
generator/report/body_markup.h:
generator/report/body_table.h:
generator/base/buf.h:
generator/base/grow.h:
generator/base/i18n.h:
generator/base/xalloc.h:
