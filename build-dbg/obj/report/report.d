build-dbg/obj/report/report.o: generator/report/report.c \
 generator/report/report.h generator/base/diag.h generator/input/node.h \
 generator/base/arena.h generator/report/report_text.h \
 generator/report/signature.h generator/input/png_file.h \
 generator/base/buf.h generator/report/body_table.h \
 generator/report/body_markup.h generator/base/grow.h \
 generator/base/xalloc.h generator/report/doc_types.h \
 generator/report/report_lines.h generator/report/schema.h \
 generator/base/i18n.h generator/mustache/mustache.h \
 generator/input/node_view.h generator/report/text_rules.h \
 generator/base/utf8.h
generator/report/report.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/report/report_text.h:
generator/report/signature.h:
generator/input/png_file.h:
generator/base/buf.h:
generator/report/body_table.h:
generator/report/body_markup.h:
generator/base/grow.h:
generator/base/xalloc.h:
generator/report/doc_types.h:
generator/report/report_lines.h:
generator/report/schema.h:
generator/base/i18n.h:
generator/mustache/mustache.h:
generator/input/node_view.h:
generator/report/text_rules.h:
generator/base/utf8.h:
