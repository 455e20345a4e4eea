build-dbg/obj/app/batch_sums.o: generator/app/batch_sums.c \
 generator/app/batch_sums.h generator/base/arena.h generator/base/diag.h \
 generator/input/node.h generator/base/buf.h generator/base/i18n.h \
 generator/base/vn_number.h generator/base/xalloc.h \
 generator/report/schema.h
generator/app/batch_sums.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/vn_number.h:
generator/base/xalloc.h:
generator/report/schema.h:
