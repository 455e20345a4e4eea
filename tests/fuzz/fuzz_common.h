/*
 * fuzz_common.h - what the fuzz targets share: the bytes libFuzzer gives
 * turned into a file (for the readers that take a path), and the one
 * report every rendering target renders against.
 *
 * Each target is one tests/fuzz/fuzz_*.c with LLVMFuzzerTestOneInput; the
 * Makefile's `fuzz` goal builds them with clang's libFuzzer, ASan and
 * UBSan (docs/ARCHITECTURE.md, "Fuzzing").
 */
#ifndef BC_FUZZ_COMMON_H
#define BC_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "input/yaml_load.h"
#include "report/report.h"

/* The data are written to a file of their own in a private temporary
 * folder (nothing shared between workers; a CSV a batch names is looked
 * for beside it, in that empty folder, not among /proc/self/fd's open
 * descriptors). Returns the name, valid until the next call. */
static inline const char *bc_fuzz_as_file(const uint8_t *data, size_t size)
{
    static char name[128];
    if (!name[0]) {
        char dir[] = "/tmp/bc-fuzz-XXXXXX";
        if (!mkdtemp(dir))
            abort();
        snprintf(name, sizeof name, "%s/input", dir);
    }
    FILE *f = fopen(name, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        abort();
    return name;
}

/* Formats (and drops) every diagnostic, so that their text is built from
 * the hostile input too. */
static inline void bc_fuzz_diags_done(bc_diags *d)
{
    for (const bc_diag *g = d->head; g; g = g->next)
        free(bc_diag_format(g));
    bc_diags_free(d);
}

/* A complete report's YAML, the data of the rendering targets. */
static const char bc_fuzz_report_yaml[] =
    "co_quan_chu_quan: Ủy ban nhân dân tỉnh Hải Dương\n"
    "co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"
    "ky_hieu_co_quan: UBND\n"
    "so: 12\n"
    "dia_danh: Cẩm Vũ\n"
    "ngay: 2024-06-15\n"
    "trich_yeu: Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024\n"
    "ky_bao_cao: {nam: 2024, so_thang: 6}\n"
    "noi_dung: |\n"
    "  I. KẾT QUẢ\n"
    "  1. Công tác chỉ đạo\n"
    "  Ủy ban nhân dân xã đã ban hành **03** kế hoạch & <hướng dẫn>.\n"
    "  - Tuyên truyền\n"
    "  - Kiểm tra\n"
    "noi_nhan: [\"UBND huyện Cẩm Giàng;\", \"Lưu: VT.\"]\n"
    "kinh_gui: Ủy ban nhân dân huyện Cẩm Giàng\n"
    "nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}\n"
    "thon: [{ten: Thôn 1, so_ho: 120}, {ten: Thôn 2, so_ho: 98}]\n"
    "muc: {a: {b: {c: sâu}}}\n";

/* The prepared report (built once, kept for the whole run). */
static inline const bc_report *bc_fuzz_report(void)
{
    static bc_arena a = BC_ARENA_INIT;
    static bc_report r;
    static int ready;
    if (!ready) {
        bc_diags d = BC_DIAGS_INIT;
        bc_node *in = bc_yaml_load_mem(&a, "report.yaml", bc_fuzz_report_yaml,
                                       sizeof bc_fuzz_report_yaml - 1, &d);
        if (!in || bc_report_prepare(&a, in, false, &r, &d) != 0)
            abort();
        bc_diags_free(&d);
        ready = 1;
    }
    return &r;
}

#endif
