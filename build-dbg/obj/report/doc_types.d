build-dbg/obj/report/doc_types.o: generator/report/doc_types.c \
 generator/report/doc_types.h
generator/report/doc_types.h:
