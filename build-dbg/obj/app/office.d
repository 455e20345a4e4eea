build-dbg/obj/app/office.o: generator/app/office.c generator/app/office.h \
 generator/base/diag.h generator/base/buf.h generator/base/i18n.h \
 generator/base/xalloc.h
generator/app/office.h:
generator/base/diag.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/xalloc.h:
