build-dbg/obj/mustache/mustache.o: generator/mustache/mustache.c \
 generator/mustache/mustache_int.h generator/mustache/mustache.h \
 generator/base/buf.h generator/base/diag.h generator/base/grow.h \
 generator/base/xalloc.h generator/base/i18n.h generator/base/utf8.h
generator/mustache/mustache_int.h:
generator/mustache/mustache.h:
generator/base/buf.h:
generator/base/diag.h:
generator/base/grow.h:
generator/base/xalloc.h:
generator/base/i18n.h:
generator/base/utf8.h:
