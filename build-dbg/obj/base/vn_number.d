build-dbg/obj/base/vn_number.o: generator/base/vn_number.c \
 generator/base/vn_number.h generator/base/buf.h
generator/base/vn_number.h:
generator/base/buf.h:
