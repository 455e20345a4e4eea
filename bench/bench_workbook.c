/*
 * bench_workbook.c - how long reading a clerk's workbook takes: each file
 * named on the command line read whole (package/workbook.h) RUNS times;
 * prints the median, the fastest and the rows read. Run by
 * bench/sheet-batch.sh (`make bench`).
 * usage: bench_workbook RUNS BOOK.xlsx|BOOK.ods...
 */
#include "base/diag.h"
#include "package/workbook.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int S_by_value(const void *x, const void *y)
{
    double a = *(const double *)x, b = *(const double *)y;
    return a < b ? -1 : a > b;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: bench_workbook RUNS BOOK...\n");
        return 2;
    }
    int runs = atoi(argv[1]);
    if (runs < 1 || runs > 1000)
        runs = 5;
    double *t = calloc((size_t)runs, sizeof *t);
    for (int f = 2; f < argc; f++) {
        size_t rows = 0, cells = 0;
        for (int r = 0; r < runs; r++) {
            bc_workbook w;
            bc_diags d = BC_DIAGS_INIT;
            double t0 = S_now();
            int rc = bc_workbook_read(&w, argv[f], &d);
            t[r] = S_now() - t0;
            if (rc != 0) {
                char *m = d.head ? bc_diag_format(d.head) : NULL;
                fprintf(stderr, "bench_workbook: %s\n", m ? m : argv[f]);
                return 1;
            }
            rows = w.count;
            cells = 0;
            for (size_t i = 0; i < w.count; i++)
                cells += w.rows[i].count;
            bc_workbook_free(&w);
            bc_diags_free(&d);
        }
        qsort(t, (size_t)runs, sizeof *t, S_by_value);
        printf("%s: %zu rows, %zu cells read in %.1f ms (median of %d; fastest %.1f ms)\n",
               argv[f], rows, cells, t[runs / 2] * 1000, runs, t[0] * 1000);
    }
    free(t);
    return 0;
}
