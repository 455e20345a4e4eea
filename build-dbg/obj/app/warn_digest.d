build-dbg/obj/app/warn_digest.o: generator/app/warn_digest.c \
 generator/app/warn_digest.h generator/base/diag.h generator/base/grow.h \
 generator/base/xalloc.h
generator/app/warn_digest.h:
generator/base/diag.h:
generator/base/grow.h:
generator/base/xalloc.h:
