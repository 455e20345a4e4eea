build-dbg/obj/base/font_metrics.o: generator/base/font_metrics.c \
 generator/base/font_metrics.h fonts/metrics.h
generator/base/font_metrics.h:
fonts/metrics.h:
