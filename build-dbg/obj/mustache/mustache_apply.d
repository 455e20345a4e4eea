build-dbg/obj/mustache/mustache_apply.o: \
 generator/mustache/mustache_apply.c generator/mustache/mustache_int.h \
 generator/mustache/mustache.h generator/base/buf.h generator/base/diag.h \
 generator/base/grow.h generator/base/xalloc.h generator/base/i18n.h \
 generator/base/utf8.h
generator/mustache/mustache_int.h:
generator/mustache/mustache.h:
generator/base/buf.h:
generator/base/diag.h:
generator/base/grow.h:
generator/base/xalloc.h:
generator/base/i18n.h:
generator/base/utf8.h:
