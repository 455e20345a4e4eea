build-dbg/obj/pdf/pdf_tidy.o: generator/pdf/pdf_tidy.c \
 generator/pdf/pdf_tidy.h generator/pdf/pdf_write.h generator/base/buf.h \
 generator/pdf/pdf_file.h generator/base/diag.h \
 generator/pdf/pdf_syntax.h generator/base/xalloc.h
generator/pdf/pdf_tidy.h:
generator/pdf/pdf_write.h:
generator/base/buf.h:
generator/pdf/pdf_file.h:
generator/base/diag.h:
generator/pdf/pdf_syntax.h:
generator/base/xalloc.h:
