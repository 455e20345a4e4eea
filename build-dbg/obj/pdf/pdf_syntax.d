build-dbg/obj/pdf/pdf_syntax.o: generator/pdf/pdf_syntax.c \
 generator/pdf/pdf_syntax.h generator/base/buf.h
generator/pdf/pdf_syntax.h:
generator/base/buf.h:
