build-dbg/obj/pdf/pdf_finish.o: generator/pdf/pdf_finish.c \
 generator/pdf/pdf_finish.h generator/base/buf.h generator/base/diag.h \
 generator/pdf/pdf_tidy.h generator/pdf/pdf_write.h \
 generator/pdf/pdf_file.h generator/pdf/pdf_syntax.h \
 generator/base/i18n.h generator/pdf/pdf_field.h
generator/pdf/pdf_finish.h:
generator/base/buf.h:
generator/base/diag.h:
generator/pdf/pdf_tidy.h:
generator/pdf/pdf_write.h:
generator/pdf/pdf_file.h:
generator/pdf/pdf_syntax.h:
generator/base/i18n.h:
generator/pdf/pdf_field.h:
