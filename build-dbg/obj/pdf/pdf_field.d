build-dbg/obj/pdf/pdf_field.o: generator/pdf/pdf_field.c \
 generator/pdf/pdf_field.h generator/pdf/pdf_write.h generator/base/buf.h \
 generator/pdf/pdf_file.h generator/base/diag.h \
 generator/pdf/pdf_syntax.h
generator/pdf/pdf_field.h:
generator/pdf/pdf_write.h:
generator/base/buf.h:
generator/pdf/pdf_file.h:
generator/base/diag.h:
generator/pdf/pdf_syntax.h:
