build-dbg/obj/template_data.o: build-dbg/gen/template_data.c \
 generator/package/embedded.h
generator/package/embedded.h:
