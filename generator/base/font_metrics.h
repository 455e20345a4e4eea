/*
 * font_metrics.h - text widths in Times New Roman metrics, from the
 * advance-width tables of Liberation Serif (metric-compatible) generated
 * into fonts/ by fonts/gen-metrics.py. Used to size the Decree 30 rules and
 * to decide where long header lines wrap.
 */
#ifndef BC_FONT_METRICS_H
#define BC_FONT_METRICS_H

#include <stddef.h>

typedef enum bc_face {
    BC_FACE_REGULAR = 0,
    BC_FACE_BOLD = 1,
    BC_FACE_ITALIC = 2,
    BC_FACE_BOLD_ITALIC = 3
} bc_face;

/* Width of UTF-8 text s[0..n) in twips (1/20 pt) at `half_points` size
 * (w:sz units: 28 = 14 pt). A character the tables lack (outside the
 * font's coverage) counts as the width of 'n' in that face. Combining marks
 * have zero advance; text is measured as given (callers pass NFC). */
double bc_font_metrics_width(const char *s, size_t n, bc_face face, int half_points);

#endif
