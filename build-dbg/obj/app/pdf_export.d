build-dbg/obj/app/pdf_export.o: generator/app/pdf_export.c \
 generator/app/pdf_export.h generator/base/diag.h \
 generator/pdf/pdf_tidy.h generator/pdf/pdf_write.h generator/base/buf.h \
 generator/pdf/pdf_file.h generator/pdf/pdf_syntax.h \
 generator/app/office.h generator/base/file_write.h generator/base/i18n.h \
 generator/base/xalloc.h generator/pdf/pdf_finish.h
generator/app/pdf_export.h:
generator/base/diag.h:
generator/pdf/pdf_tidy.h:
generator/pdf/pdf_write.h:
generator/base/buf.h:
generator/pdf/pdf_file.h:
generator/pdf/pdf_syntax.h:
generator/app/office.h:
generator/base/file_write.h:
generator/base/i18n.h:
generator/base/xalloc.h:
generator/pdf/pdf_finish.h:
