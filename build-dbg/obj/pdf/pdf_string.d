build-dbg/obj/pdf/pdf_string.o: generator/pdf/pdf_string.c \
 generator/pdf/pdf_string.h generator/base/buf.h \
 generator/pdf/pdf_syntax.h generator/base/xalloc.h
generator/pdf/pdf_string.h:
generator/base/buf.h:
generator/pdf/pdf_syntax.h:
generator/base/xalloc.h:
