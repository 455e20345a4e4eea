build-dbg/obj/base/diag.o: generator/base/diag.c generator/base/diag.h \
 generator/base/xalloc.h generator/base/buf.h generator/base/i18n.h
generator/base/diag.h:
generator/base/xalloc.h:
generator/base/buf.h:
generator/base/i18n.h:
