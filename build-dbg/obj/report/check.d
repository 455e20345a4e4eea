build-dbg/obj/report/check.o: generator/report/check.c \
 generator/report/check.h generator/base/arena.h generator/base/diag.h \
 generator/input/node.h generator/report/check_int.h \
 generator/report/doc_types.h generator/base/xalloc.h \
 generator/report/report.h generator/report/report_text.h \
 generator/report/signature.h generator/input/png_file.h \
 generator/base/buf.h generator/report/text_rules.h generator/base/utf8.h
generator/report/check.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/report/check_int.h:
generator/report/doc_types.h:
generator/base/xalloc.h:
generator/report/report.h:
generator/report/report_text.h:
generator/report/signature.h:
generator/input/png_file.h:
generator/base/buf.h:
generator/report/text_rules.h:
generator/base/utf8.h:
