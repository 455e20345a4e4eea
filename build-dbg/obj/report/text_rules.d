build-dbg/obj/report/text_rules.o: generator/report/text_rules.c \
 generator/report/text_rules.h generator/base/buf.h
generator/report/text_rules.h:
generator/base/buf.h:
