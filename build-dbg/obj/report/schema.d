build-dbg/obj/report/schema.o: generator/report/schema.c \
 generator/report/schema.h generator/base/i18n.h
generator/report/schema.h:
generator/base/i18n.h:
