build-dbg/obj/input/yaml_reader.o: generator/input/yaml_reader.c \
 generator/input/yaml_reader.h generator/base/diag.h \
 generator/input/node.h generator/base/arena.h generator/input/yaml_int.h \
 generator/base/i18n.h generator/base/utf8.h generator/base/xalloc.h
generator/input/yaml_reader.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/input/yaml_int.h:
generator/base/i18n.h:
generator/base/utf8.h:
generator/base/xalloc.h:
