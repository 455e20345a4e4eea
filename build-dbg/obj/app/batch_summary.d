build-dbg/obj/app/batch_summary.o: generator/app/batch_summary.c \
 generator/app/batch_summary.h generator/base/diag.h \
 generator/input/node.h generator/base/arena.h \
 generator/app/batch_source.h generator/app/batch_sums.h \
 generator/base/buf.h generator/base/i18n.h generator/base/xalloc.h \
 generator/report/report.h generator/report/report_text.h \
 generator/report/signature.h generator/input/png_file.h
generator/app/batch_summary.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/app/batch_source.h:
generator/app/batch_sums.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/xalloc.h:
generator/report/report.h:
generator/report/report_text.h:
generator/report/signature.h:
generator/input/png_file.h:
