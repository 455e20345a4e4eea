build-dbg/obj/app/batch_source.o: generator/app/batch_source.c \
 generator/app/batch_source.h generator/base/arena.h \
 generator/base/diag.h generator/input/node.h generator/base/buf.h \
 generator/base/i18n.h generator/base/xalloc.h generator/input/csv.h \
 generator/input/sheet.h generator/input/yaml_reader.h \
 generator/package/workbook.h generator/report/schema.h
generator/app/batch_source.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/xalloc.h:
generator/input/csv.h:
generator/input/sheet.h:
generator/input/yaml_reader.h:
generator/package/workbook.h:
generator/report/schema.h:
