build-dbg/obj/input/yaml_build.o: generator/input/yaml_build.c \
 generator/input/yaml_int.h generator/base/arena.h generator/base/diag.h \
 generator/input/node.h generator/base/buf.h generator/base/i18n.h \
 generator/base/utf8.h generator/base/xalloc.h
generator/input/yaml_int.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/utf8.h:
generator/base/xalloc.h:
