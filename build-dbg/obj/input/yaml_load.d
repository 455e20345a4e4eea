build-dbg/obj/input/yaml_load.o: generator/input/yaml_load.c \
 generator/input/yaml_load.h generator/base/diag.h generator/input/node.h \
 generator/base/arena.h generator/input/yaml_int.h generator/base/buf.h \
 generator/base/i18n.h generator/base/utf8.h
generator/input/yaml_load.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/arena.h:
generator/input/yaml_int.h:
generator/base/buf.h:
generator/base/i18n.h:
generator/base/utf8.h:
