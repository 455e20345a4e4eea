/*
 * metrics.h - private layout of the generated advance-width tables in
 * fonts/metrics.c (written by fonts/gen-metrics.py). Only
 * generator/font_metrics.c reads them; everyone else uses font_metrics.h.
 */
#ifndef BC_FONTS_METRICS_H
#define BC_FONTS_METRICS_H

#include "base/font_metrics.h"

/* A run of consecutive code points that the face covers: the advance of
 * code point first + i is adv[offset + i]. */
typedef struct bc_metric_run {
    unsigned first;
    unsigned short count;
    unsigned short offset;
} bc_metric_run;

typedef struct bc_metric_face {
    const char *file;             /* the .ttf the widths come from */
    unsigned units_per_em;
    const bc_metric_run *runs;    /* sorted by first, not overlapping */
    unsigned run_count;
    const unsigned short *adv;    /* advance widths in font units */
    unsigned missing_adv;         /* width of 'n', for uncovered code points */
} bc_metric_face;

/* Indexed by bc_face (font_metrics.h). */
extern const bc_metric_face bc_metric_faces[4];

#endif
