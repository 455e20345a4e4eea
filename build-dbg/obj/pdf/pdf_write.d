build-dbg/obj/pdf/pdf_write.o: generator/pdf/pdf_write.c \
 generator/pdf/pdf_write.h generator/base/buf.h generator/pdf/pdf_file.h \
 generator/base/diag.h generator/pdf/pdf_syntax.h generator/base/xalloc.h
generator/pdf/pdf_write.h:
generator/base/buf.h:
generator/pdf/pdf_file.h:
generator/base/diag.h:
generator/pdf/pdf_syntax.h:
generator/base/xalloc.h:
