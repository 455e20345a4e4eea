build-dbg/obj/mustache/mustache_escape.o: \
 generator/mustache/mustache_escape.c generator/mustache/mustache_int.h \
 generator/mustache/mustache.h generator/base/buf.h generator/base/diag.h \
 generator/base/grow.h
generator/mustache/mustache_int.h:
generator/mustache/mustache.h:
generator/base/buf.h:
generator/base/diag.h:
generator/base/grow.h:
