build-dbg/obj/report/body_table.o: generator/report/body_table.c \
 generator/report/body_table.h generator/base/buf.h \
 generator/report/body_markup.h generator/base/grow.h \
 generator/base/i18n.h generator/base/vn_number.h generator/base/xalloc.h
generator/report/body_table.h:
generator/base/buf.h:
generator/report/body_markup.h:
generator/base/grow.h:
generator/base/i18n.h:
generator/base/vn_number.h:
generator/base/xalloc.h:
