build-dbg/obj/input/png_file.o: generator/input/png_file.c \
 generator/input/png_file.h generator/base/arena.h generator/base/buf.h \
 generator/base/i18n.h /usr/include/libpng16/png.h \
 /usr/include/libpng16/pnglibconf.h /usr/include/libpng16/pngconf.h
generator/input/png_file.h:
generator/base/arena.h:
generator/base/buf.h:
generator/base/i18n.h:
/usr/include/libpng16/png.h:
/usr/include/libpng16/pnglibconf.h:
/usr/include/libpng16/pngconf.h:
