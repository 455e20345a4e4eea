build-dbg/obj/pdf/pdf_file.o: generator/pdf/pdf_file.c \
 generator/pdf/pdf_file.h generator/base/diag.h \
 generator/pdf/pdf_syntax.h generator/base/buf.h generator/base/i18n.h \
 generator/base/xalloc.h
generator/pdf/pdf_file.h:
generator/base/diag.h:
generator/pdf/pdf_syntax.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/xalloc.h:
