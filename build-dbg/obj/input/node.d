build-dbg/obj/input/node.o: generator/input/node.c generator/input/node.h \
 generator/base/arena.h generator/base/i18n.h
generator/input/node.h:
generator/base/arena.h:
generator/base/i18n.h:
