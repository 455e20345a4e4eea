build-dbg/obj/report/report_lines.o: generator/report/report_lines.c \
 generator/report/report_lines.h generator/base/arena.h \
 generator/input/node.h generator/base/buf.h
generator/report/report_lines.h:
generator/base/arena.h:
generator/input/node.h:
generator/base/buf.h:
