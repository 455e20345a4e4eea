build-dbg/obj/input/node_view.o: generator/input/node_view.c \
 generator/input/node_view.h generator/input/node.h \
 generator/base/arena.h generator/mustache/mustache.h \
 generator/base/buf.h generator/base/diag.h
generator/input/node_view.h:
generator/input/node.h:
generator/base/arena.h:
generator/mustache/mustache.h:
generator/base/buf.h:
generator/base/diag.h:
