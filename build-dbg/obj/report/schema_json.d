build-dbg/obj/report/schema_json.o: generator/report/schema_json.c \
 generator/report/schema_json.h generator/base/buf.h \
 generator/report/doc_types.h generator/report/schema.h \
 generator/report/signature.h generator/base/arena.h \
 generator/base/diag.h generator/input/node.h generator/input/png_file.h
generator/report/schema_json.h:
generator/base/buf.h:
generator/report/doc_types.h:
generator/report/schema.h:
generator/report/signature.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/input/png_file.h:
