build-dbg/obj/pdf/pdf_sigfield.o: generator/pdf/pdf_sigfield.c \
 generator/pdf/pdf_sigfield.h generator/pdf/pdf_file.h \
 generator/base/diag.h generator/pdf/pdf_syntax.h generator/base/buf.h \
 generator/base/xalloc.h generator/pdf/pdf_string.h
generator/pdf/pdf_sigfield.h:
generator/pdf/pdf_file.h:
generator/base/diag.h:
generator/pdf/pdf_syntax.h:
generator/base/buf.h:
generator/base/xalloc.h:
generator/pdf/pdf_string.h:
