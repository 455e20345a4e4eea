build-dbg/obj/base/file_write.o: generator/base/file_write.c \
 generator/base/file_write.h generator/base/buf.h generator/base/diag.h \
 generator/base/i18n.h generator/base/xalloc.h
generator/base/file_write.h:
generator/base/buf.h:
generator/base/diag.h:
generator/base/i18n.h:
generator/base/xalloc.h:
