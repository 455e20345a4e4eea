build-dbg/obj/input/yaml_lines.o: generator/input/yaml_lines.c \
 generator/input/yaml_int.h generator/base/arena.h generator/base/diag.h \
 generator/input/node.h generator/base/grow.h
generator/input/yaml_int.h:
generator/base/arena.h:
generator/base/diag.h:
generator/input/node.h:
generator/base/grow.h:
