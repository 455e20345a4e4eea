build-dbg/obj/font_data.o: fonts/metrics.c fonts/metrics.h \
 generator/base/font_metrics.h
fonts/metrics.h:
generator/base/font_metrics.h:
