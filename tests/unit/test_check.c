/*
 * test_check.c - the Decree 30 review (check.h): for every rule one input
 * that triggers it and one that does not, with the rule id, severity, line
 * and column of the finding; the faults of seeds 001 and 004 written as
 * YAML; the examples give no error; a batch names findings by entry and
 * gives a fault of `chung` once.
 */
#include "test_support.h"

#include "report/check.h"
#include "app/batch_check.h"
#include "app/batch_source.h"
#include "input/yaml_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A report that passes every rule. */
static const char *const S_good =
    "loai: bao_cao\n"                                        /* 1 */
    "co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"                   /* 2 */
    "ky_hieu_co_quan: UBND\n"                                /* 3 */
    "so: 95\n"                                               /* 4 */
    "dia_danh: Cẩm Vũ\n"                                     /* 5 */
    "ngay: 2023-12-15\n"                                     /* 6 */
    "ky_bao_cao: {nam: 2023}\n"                              /* 7 */
    "trich_yeu: Kết quả công tác tuyên truyền {{ky_bao_cao.ten}}\n" /* 8 */
    "so_lieu: {buoi: 9}\n"                                   /* 9 */
    "noi_dung: |\n"                                          /* 10 */
    "  I. KẾT QUẢ THỰC HIỆN\n"                               /* 11 */
    "\n"                                                     /* 12 */
    "  1. Tình hình tổ chức triển khai:\n"                   /* 13 */
    "\n"                                                     /* 14 */
    "  - Đã tổ chức {{so_lieu.buoi}} buổi.\n"                /* 15 */
    "\n"                                                     /* 16 */
    "  a) Điểm một.\n"                                       /* 17 */
    "\n"                                                     /* 18 */
    "  b) Điểm hai.\n"                                       /* 19 */
    "\n"                                                     /* 20 */
    "  2. Kết quả:\n"                                        /* 21 */
    "\n"                                                     /* 22 */
    "  Nội dung.\n"                                          /* 23 */
    "\n"                                                     /* 24 */
    "  II. PHƯƠNG HƯỚNG\n"                                   /* 25 */
    "\n"                                                     /* 26 */
    "  Tiếp tục.\n"                                          /* 27 */
    "noi_nhan:\n"                                            /* 28 */
    "  - UBND huyện Cẩm Giàng (để b/c)\n"                    /* 29 */
    "  - \"Lưu: VT, VP\"\n"                                  /* 30 */
    "nguoi_ky:\n"                                            /* 31 */
    "  chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch]\n"         /* 32 */
    "  ho_ten: Nguyễn Hữu Tuấn\n";                           /* 33 */

/* text with line `line_no` replaced by `repl` (which may hold several
 * lines, or be "" to drop it); malloc'd. */
static char *S_edit_text(const char *text, int line_no, const char *repl)
{
    size_t cap = strlen(text) + strlen(repl) + 2;
    char *buf = malloc(cap);
    buf[0] = '\0';
    const char *s = text;
    for (int line = 1; *s; line++) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s + 1) : strlen(s);
        if (line == line_no) {
            strcat(buf, repl);
            if (*repl)
                strcat(buf, "\n");
        } else {
            strncat(buf, s, len);
        }
        s += len;
    }
    return buf;
}

static char *S_edit(int line_no, const char *repl)
{
    return S_edit_text(S_good, line_no, repl);
}

/* Two edits; the second line number counts in the good report too, so the
 * edit with the higher line number is made first. */
static char *S_edit2(int l1, const char *r1, int l2, const char *r2)
{
    char *once = S_edit(l1 > l2 ? l1 : l2, l1 > l2 ? r1 : r2);
    char *twice = S_edit_text(once, l1 > l2 ? l2 : l1, l1 > l2 ? r2 : r1);
    free(once);
    return twice;
}

/* Column (1-based, in characters) of `needle` on line `line` of text. */
static int S_col(const char *text, int line, const char *needle)
{
    const char *s = text;
    for (int l = 1; l < line; l++)
        s = strchr(s, '\n') + 1;
    const char *end = strchr(s, '\n');
    const char *at = strstr(s, needle);
    assert_non_null(at);
    assert_true(!end || at < end);
    int col = 1;
    for (const char *p = s; p < at; p++)
        if (((unsigned char)*p & 0xC0) != 0x80)
            col++;
    return col;
}

typedef struct run {
    bc_arena a;
    bc_diags d;
    int errors;
} run;

static void S_run(run *r, const char *yaml)
{
    memset(r, 0, sizeof *r);
    bc_node *root = bc_yaml_load_mem(&r->a, "r.yaml", yaml, strlen(yaml), &r->d);
    assert_non_null(root);
    r->errors = bc_check_report(root, &r->d);
}

static void S_done(run *r)
{
    bc_diags_free(&r->d);
    bc_arena_free(&r->a);
}

static size_t S_count(const bc_diags *d)
{
    size_t n = 0;
    for (const bc_diag *g = d->head; g; g = g->next)
        n++;
    return n;
}

static void S_dump(const bc_diags *d)
{
    for (const bc_diag *g = d->head; g; g = g->next) {
        char *s = bc_diag_format(g);
        print_message("  finding: %s\n", s);
        free(s);
    }
}

/* Asserts a finding `id` of severity sev at line:col (col 0: the column of
 * `needle` on that line), and `total` findings in all (-1: any number). */
static void S_expect_in(const char *yaml, const char *id, bc_severity sev, int line,
                        const char *needle, int total)
{
    run r;
    S_run(&r, yaml);
    int col = S_col(yaml, line, needle);
    const bc_diag *hit = NULL;
    for (const bc_diag *g = r.d.head; g; g = g->next)
        if (g->id && strcmp(g->id, id) == 0 && g->line == line && g->col == col &&
            g->severity == sev)
            hit = g;
    if (!hit || (total >= 0 && S_count(&r.d) != (size_t)total)) {
        S_dump(&r.d);
        fail_msg("want %s %s at %d:%d (%d finding(s) in all)", id,
                 sev == BC_ERROR ? "error" : "warning", line, col, total);
    }
    assert_string_equal(hit->file, "r.yaml");
    int errors = 0;
    for (const bc_diag *g = r.d.head; g; g = g->next)
        errors += g->severity == BC_ERROR;
    assert_int_equal(r.errors, errors);
    S_done(&r);
}

/* The good report with one line replaced gives exactly this finding. */
static void S_expect(int line_no, const char *repl, const char *id, bc_severity sev,
                     int line, const char *needle)
{
    char *yaml = S_edit(line_no, repl);
    S_expect_in(yaml, id, sev, line, needle, 1);
    free(yaml);
}

static void S_clean_text(const char *yaml)
{
    run r;
    S_run(&r, yaml);
    if (r.d.head) {
        S_dump(&r.d);
        fail_msg("expected no finding");
    }
    assert_int_equal(r.errors, 0);
    S_done(&r);
}

/* The good report with one line replaced gives no finding. */
static void S_clean(int line_no, const char *repl)
{
    char *yaml = S_edit(line_no, repl);
    S_clean_text(yaml);
    free(yaml);
}

/* ---- the good report ------------------------------------------------------- */

static void test_good_report_is_clean(void **state)
{
    (void)state;
    S_clean_text(S_good);
}

/* ---- L10 ------------------------------------------------------------------------ */

static void test_L10_number(void **state)
{
    (void)state;
    S_expect(4, "so: 57a", "L10", BC_WARNING, 4, "57a");
    S_expect(4, "so: 5/BC-UBND", "L10", BC_ERROR, 4, "5/");
    S_expect(4, "so: 0", "L10", BC_ERROR, 4, "0");
    S_expect(4, "so: 007", "L10", BC_ERROR, 4, "007");
    S_expect(4, "so: 57A", "L10", BC_ERROR, 4, "57A");
    S_expect(4, "so: 10000", "L10", BC_ERROR, 4, "10000");
    S_clean(4, "so: 05");
    S_clean(4, "so: 9999");
    S_clean(4, "so: \"17\"");
    S_clean(4, "so:");
}

static void test_L10_symbol(void **state)
{
    (void)state;
    S_expect(3, "ky_hieu_co_quan: UBND- VP", "L10", BC_ERROR, 3, "UBND");
    S_expect(3, "ky_hieu_co_quan: ubnd", "L10", BC_ERROR, 3, "ubnd");
    S_expect(3, "ky_hieu_co_quan: UBND-", "L10", BC_ERROR, 3, "UBND");
    S_expect(3, "ky_hieu_co_quan: BC-UBND", "L10", BC_ERROR, 3, "BC-");
    S_clean(3, "ky_hieu_co_quan: UBND-VP");
    S_clean(3, "ky_hieu_co_quan: ĐU");
    S_clean(3, "ky_hieu_co_quan: BCĐ389");
}

/* ---- L15 ------------------------------------------------------------------------ */

static void test_L15_place(void **state)
{
    (void)state;
    S_expect(5, "dia_danh: xã Cẩm Vũ", "L15", BC_WARNING, 5, "xã");
    S_expect(5, "dia_danh: Phường Điện Biên", "L15", BC_WARNING, 5, "Phường");
    S_expect(5, "dia_danh: phường 1", "L15", BC_WARNING, 5, "phường");
    S_expect(5, "dia_danh: Cẩm vũ", "L15", BC_WARNING, 5, "vũ");
    S_clean(5, "dia_danh: Phường 1");
    S_clean(5, "dia_danh: Chi Lăng Nam");
    S_clean(5, "dia_danh: Thành phố Hồ Chí Minh");
}

/* ---- L17, L19 --------------------------------------------------------------------- */

static void test_L17_summary(void **state)
{
    (void)state;
    S_expect(8, "trich_yeu: Về việc tuyên truyền cải cách hành chính", "L17",
             BC_ERROR, 8, "Về");
    S_expect(8, "trich_yeu: KẾT QUẢ CÔNG TÁC TUYÊN TRUYỀN", "L17", BC_WARNING, 8,
             "KẾT");
    S_expect(8, "trich_yeu: Kết quả công tác tuyên truyền.", "L17", BC_WARNING, 8,
             ".");
    S_expect(8, "trich_yeu: \"Kết quả công tác {{ky_bao_cao.ten}}.\"", "L17",
             BC_WARNING, 8, ".\"");
    S_clean(8, "trich_yeu: Kết quả công tác tuyên truyền CCHC năm 2023");
    S_clean(8, "trich_yeu: Tình hình thực hiện...");
}

static void test_L19_vv(void **state)
{
    (void)state;
    S_expect(8, "trich_yeu: V/v báo cáo công tác tuyên truyền", "L19", BC_ERROR, 8,
             "V/v");
    S_expect(8, "trich_yeu: v/v báo cáo công tác tuyên truyền", "L19", BC_ERROR, 8,
             "v/v");
    /* any type but công văn */
    char *yaml = S_edit2(1, "loai: ke_hoach", 8, "trich_yeu: V/v tuyên truyền");
    S_expect_in(yaml, "L19", BC_ERROR, 8, "V/v", 1);
    free(yaml);
    yaml = S_edit2(1, "loai: cong_van", 8, "trich_yeu: V/v tuyên truyền");
    S_clean_text(yaml);
    free(yaml);
}

/* ---- L22 ----------------------------------------------------------------------- */

static void test_L22_headings(void **state)
{
    (void)state;
    /* part numbers without gaps */
    S_expect(25, "  IV. PHƯƠNG HƯỚNG", "L22", BC_WARNING, 25, "IV.");
    char *two = S_edit(11, "  II. KẾT QUẢ THỰC HIỆN"); /* and II. after II. */
    S_expect_in(two, "L22", BC_WARNING, 11, "II.", 2);
    free(two);
    /* part headings in capitals: advice, a note with the clerk's own
     * heading in capitals */
    S_expect(11, "  I. Kết quả thực hiện", "L22", BC_NOTE, 11, "I.");
    S_expect(25, "  II. Phương hướng {{ky_bao_cao.ky_sau}}", "L22", BC_NOTE, 25,
             "II.");
    S_clean(25, "  II. PHƯƠNG HƯỚNG {{ky_bao_cao.ky_sau}}");
    /* items without gaps, restarting under each part */
    S_expect(21, "  3. Kết quả:", "L22", BC_WARNING, 21, "3.");
    S_expect(27, "  3. Nhiệm vụ:\n\n  Tiếp tục.", "L22", BC_WARNING, 27, "3.");
    S_clean(27, "  1. Nhiệm vụ:\n\n  Tiếp tục.");
    /* sub-items under their item */
    S_expect(23, "  2.1. Một việc.\n\n  2.3. Ba việc.", "L22", BC_WARNING, 25, "2.3.");
    S_expect(23, "  2.2. Một việc.", "L22", BC_WARNING, 23, "2.2.");
    S_clean(23, "  2.1. Một việc.\n\n  2.2. Hai việc.");
    /* points in the Vietnamese alphabet */
    S_expect(19, "  c) Điểm hai.", "L22", BC_WARNING, 19, "c)");
    two = S_edit(17, "  b) Điểm một."); /* and b) after b) */
    S_expect_in(two, "L22", BC_WARNING, 17, "b)", 2);
    free(two);
    S_clean(19, "  b) Điểm hai.\n\n  c) Ba.\n\n  d) Bốn.\n\n  đ) Năm.\n\n  e) Sáu.\n\n"
                "  g) Bảy.");
    char *yaml = S_edit(19, "  b) Điểm hai.\n\n  c) Ba.\n\n  d) Bốn.\n\n  e) Sáu.");
    S_expect_in(yaml, "L22", BC_WARNING, 25, "e)", 1);
    free(yaml);
}

/* ---- C03 -------------------------------------------------------------------------- */

static void test_C03_empty_section(void **state)
{
    (void)state;
    /* "2. Kết quả:" directly followed by "II." */
    S_expect(23, "", "C03", BC_WARNING, 21, "2.");
    /* a part heading with nothing after it */
    S_expect(27, "", "C03", BC_WARNING, 25, "II.");
    /* an item title directly followed by the next item title */
    char *once = S_edit(19, "");
    char *twice = S_edit_text(once, 17, "");
    char *yaml = S_edit_text(twice, 15, "");
    S_expect_in(yaml, "C03", BC_WARNING, 13, "1.", 1);
    free(once);
    free(twice);
    free(yaml);
    /* a short item with text after its colon is no heading */
    S_clean(23, "  3. Khó khăn: không có");
    S_clean(21, "  2. Kết quả: tốt");
}

/* ---- L23, L24, L25 -------------------------------------------------------------- */

static void test_L23_prefix(void **state)
{
    (void)state;
    char *yaml = S_edit(32, "  chuc_danh: [T.M. Ủy ban nhân dân, Chủ tịch]");
    S_expect_in(yaml, "L23", BC_ERROR, 32, "T.M.", 2); /* and L24: not "TM." */
    free(yaml);
    yaml = S_edit(32, "  chuc_danh: [TM Ủy ban nhân dân, Chủ tịch]");
    S_expect_in(yaml, "L23", BC_ERROR, 32, "TM ", 2);
    free(yaml);
    yaml = S_edit(32, "  chuc_danh: [TM.Ủy ban nhân dân, Chủ tịch]");
    S_expect_in(yaml, "L23", BC_ERROR, 32, "TM.", 2);
    free(yaml);
    S_expect(32, "  chuc_danh: [TM. Ủy ban nhân dân, K.T. Chủ tịch, Phó Chủ tịch]",
             "L23", BC_ERROR, 32, "K.T.");
    S_expect(32, "  chuc_danh: [TM. Ủy ban nhân dân, KT., Phó Chủ tịch]", "L23",
             BC_ERROR, 32, "KT.");
    S_clean(32, "  chuc_danh: [tm. Ủy ban nhân dân, Chủ tịch]");
    S_clean(32, "  chuc_danh: [Q. Chủ tịch]");
    char *other = S_edit(2, "co_quan: Văn phòng HĐND và UBND xã Cẩm Vũ");
    char *p = strstr(other, "[TM. Ủy ban nhân dân, Chủ tịch]");
    assert_non_null(p);
    /* the issuer is no People's Committee: TL./KT. lines as written */
    char *yaml2 = malloc(strlen(other) + 128);
    memcpy(yaml2, other, (size_t)(p - other));
    strcpy(yaml2 + (p - other),
           "[TL. Chủ tịch, KT. Chánh văn phòng, Phó Chánh văn phòng]\n"
           "  ho_ten: Nguyễn Hữu Tuấn\n");
    S_clean_text(yaml2);
    free(yaml2);
    free(other);
}

static void test_L24_signer(void **state)
{
    (void)state;
    S_expect(32, "  chuc_danh: [TM. Ủy ban nhân dân, Phó Chủ tịch]", "L24", BC_ERROR,
             32, "Phó");
    S_expect(32, "  chuc_danh:\n    - TM. ỦY BAN NHÂN DÂN\n    - PHÓ CHỦ TỊCH", "L24",
             BC_ERROR, 34, "PHÓ");
    S_expect(32, "  chuc_danh: [Chủ tịch]", "L24", BC_WARNING, 32, "Chủ");
    S_expect(32, "  chuc_danh: [TM. Ủy ban nhân dân, KT. Chủ tịch, Ủy viên]", "L24",
             BC_WARNING, 32, "Ủy viên");
    S_expect(32, "  chuc_danh: [TM. Ủy ban nhân dân xã Cẩm Vũ, Chủ tịch]", "L24",
             BC_WARNING, 32, "TM.");
    S_clean(32, "  chuc_danh: [TM. Ủy ban nhân dân, KT. Chủ tịch, Phó Chủ tịch]");
    S_clean(32, "  chuc_danh: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH]");
    S_clean(32, "  chuc_danh: TM. Ủy ban nhân dân");
    /* the old tone placement is the same authority (L36 points it out) */
    S_expect(32, "  chuc_danh: [TM. Uỷ ban nhân dân, Chủ tịch]", "L36", BC_WARNING, 32,
             "Uỷ");
    /* "UBND" is a People's Committee too (L37 asks for the name in full) */
    char *yaml = S_edit2(2, "co_quan: UBND xã Cẩm Vũ", 32, "  chuc_danh: [Chủ tịch]");
    S_expect_in(yaml, "L24", BC_WARNING, 32, "Chủ", 2);
    S_expect_in(yaml, "L37", BC_WARNING, 2, "UBND", 2);
    free(yaml);
}

static void test_L25_name(void **state)
{
    (void)state;
    S_expect(33, "  ho_ten: NGUYỄN HỮU TUẤN", "L25", BC_WARNING, 33, "NGUYỄN");
    S_expect(33, "  ho_ten: TS. Nguyễn Hữu Tuấn", "L25", BC_WARNING, 33, "TS.");
    S_expect(33, "  ho_ten: ThS. Nguyễn Hữu Tuấn", "L25", BC_WARNING, 33, "ThS.");
    S_clean(33, "  ho_ten: Nguyễn Thị Ts");
    S_clean(33, "  ho_ten: Hà Thị Lan");
}

/* ---- L27, L28 ------------------------------------------------------------------------ */

static void test_L27_archive(void **state)
{
    (void)state;
    S_expect(30, "  - Phòng Nội vụ huyện Cẩm Giàng", "L27", BC_WARNING, 28, "noi_nhan");
    S_expect(30, "  - Lưu VP", "L27", BC_WARNING, 30, "Lưu");
    S_expect(30, "  - \"Lưu: VP\"", "L27", BC_WARNING, 30, "\"Lưu");
    S_expect(30, "  - \"Lưu: VT\"\n  - Phòng Nội vụ", "L27", BC_WARNING, 30, "\"Lưu");
    S_clean(30, "  - \"Lưu: VT\"");
    S_clean(30, "  - \"- Lưu: VT, VP.\"");
}

static void test_L28_nhu_tren(void **state)
{
    (void)state;
    const char *kinh_gui = "kinh_gui: UBND huyện Cẩm Giàng"; /* on line 9 */
    char *yaml = S_edit2(9, kinh_gui, 29, "  - UBND huyện Cẩm Giàng (để b/c)\n  - Như trên");
    S_expect_in(yaml, "L28", BC_WARNING, 30, "Như", 1);
    free(yaml);
    S_expect(29, "  - Như trên", "L28", BC_WARNING, 29, "Như");
    yaml = S_edit2(9, kinh_gui, 29, "  - Như trên\n  - UBND huyện Cẩm Giàng (để b/c)");
    S_clean_text(yaml);
    free(yaml);
    S_clean(9, kinh_gui);
}

/* ---- L31 ---------------------------------------------------------------------------- */

static void test_L31_reform(void **state)
{
    (void)state;
    S_expect(6, "ngay: 2025-07-15", "L31", BC_WARNING, 29, "huyện");
    char *yaml = S_edit(6, "ngay: 2025-09-01\nco_quan_chu_quan: Ủy ban nhân dân quận Ba Đình");
    S_expect_in(yaml, "L31", BC_WARNING, 7, "quận", 2);
    free(yaml);
    yaml = S_edit2(2, "co_quan: Ủy ban nhân dân thị trấn Lai Cách", 6, "ngay: 2025-12-15");
    S_expect_in(yaml, "L31", BC_WARNING, 2, "thị trấn", 2);
    free(yaml);
    yaml = S_edit2(6, "ngay: 2026-01-05", 29, "  - UBND thị xã Kinh Môn");
    S_expect_in(yaml, "L31", BC_WARNING, 29, "thị xã", 1);
    free(yaml);
    yaml = S_edit2(6, "ngay: 2025-09-01", 9, "kinh_gui: [UBND huyện Cẩm Giàng]");
    S_expect_in(yaml, "L31", BC_WARNING, 9, "huyện", 2);
    free(yaml);
    /* no date: the period starts after the reform */
    yaml = S_edit2(6, "ngay:", 7, "ky_bao_cao: {nam: 2025, nua: 2}");
    S_expect_in(yaml, "L31", BC_WARNING, 29, "huyện", 1);
    free(yaml);
    S_clean(6, "ngay: 2025-06-30");
    yaml = S_edit2(6, "ngay: 2025-09-01", 29, "  - UBND tỉnh Hải Dương (để b/c)");
    S_clean_text(yaml);
    free(yaml);
}

/* ---- L33, L34: tables ------------------------------------------------------------- */

static void test_L33_body_ends_with_table(void **state)
{
    (void)state;
    /* the last block a table (rows from a section): no closing sentence */
    S_expect(27, "  | Xã | Số |\n  |---|---:|\n  {{#so_lieu}}\n  | A | {{buoi}} |\n"
                 "  {{/so_lieu}}\n  | Cộng | =tong |",
             "L33", BC_WARNING, 27, "| Xã");
    /* a table followed by the closing sentence: nothing */
    S_clean(27, "  | Xã | Số |\n  |---|---:|\n  | A | 9 |\n\n  Trên đây là báo cáo.");
}

static void test_L34_tabs(void **state)
{
    (void)state;
    S_expect(27, "  Tiếp tục.\n  STT\tXã\tSố\n  1\tA\t9", "L34", BC_WARNING, 28,
             "STT");
    /* one tab is no table */
    S_clean(27, "  Tiếp\ttục.");
}

static void test_L35_appendix_refs(void **state)
{
    (void)state;
    const char *ap = "phu_luc:\n"
                     "  - {ten: Bảng một, noi_dung: Nội dung một.}\n"
                     "  - {ten: Bảng hai, noi_dung: Nội dung hai.}\n";
    /* both named, by numeral and by tag: nothing */
    char *yaml = S_edit(27, "  Chi tiết tại Phụ lục I và Phụ lục {{phu_luc.1.so}}.");
    char *full = malloc(strlen(yaml) + strlen(ap) + 1);
    strcpy(full, yaml);
    strcat(full, ap);
    S_clean_text(full);
    free(full);
    free(yaml);
    /* one not named, one named that does not exist */
    yaml = S_edit(27, "  Chi tiết tại Phụ lục I và Phụ lục III.");
    full = malloc(strlen(yaml) + strlen(ap) + 1);
    strcpy(full, yaml);
    strcat(full, ap);
    S_expect_in(full, "L35", BC_WARNING, 27, "Phụ lục III", 2);
    S_expect_in(full, "L35", BC_WARNING, 34, "phu_luc", 2);
    free(full);
    free(yaml);
}

/* ---- L36, L37, L38: how words are written ------------------------------------ */

static void test_L36_L37_L38_spelling(void **state)
{
    (void)state;
    /* the old tone placement, named with the models' own */
    S_expect(8, "trich_yeu: Kết quả công tác hoà giải {{ky_bao_cao.ten}}", "L36",
             BC_WARNING, 8, "hoà");
    S_expect(32, "  chuc_danh: [TM. Uỷ ban nhân dân, Chủ tịch]", "L36", BC_WARNING, 32,
             "Uỷ");
    /* "quý", "hoàn", "thủy" are fine */
    S_clean(27, "  Quý một hoàn thành, thủy lợi và khỏe mạnh.");
    /* an abbreviated or capital issuer */
    S_expect(2, "co_quan: UBND xã Cẩm Vũ", "L37", BC_WARNING, 2, "UBND");
    S_expect(2, "co_quan: ỦY BAN NHÂN DÂN XÃ CẨM VŨ", "L37", BC_WARNING, 2, "ỦY");
    /* a signer name without its capitals */
    S_expect(33, "  ho_ten: nguyễn Hữu Tuấn", "L38", BC_WARNING, 33, "nguyễn");
}

/* ---- L32 ---------------------------------------------------------------------------- */

static void test_L32_spaces(void **state)
{
    (void)state;
    S_expect(8, "trich_yeu: Kết quả  công tác tuyên truyền", "L32", BC_WARNING, 8,
             "  công");
    S_expect(23, "  Nội  dung.", "L32", BC_WARNING, 23, "  dung");
    S_expect(29, "  - UBND huyện  Cẩm Giàng", "L32", BC_WARNING, 29, "  Cẩm");
    /* indentation and trailing spaces are no double spaces */
    S_clean(23, "  Nội dung.  \n      thụt thêm.");
}

/* ---- C01 ------------------------------------------------------------------------------ */

static void test_C01_keys(void **state)
{
    (void)state;
    char *yaml = S_edit(28, "noi_nhanh:");
    S_expect_in(yaml, "C01", BC_WARNING, 28, "noi_nhanh", 1);
    free(yaml);
    yaml = S_edit(8, "trich_yue: Kết quả");
    S_expect_in(yaml, "C01", BC_WARNING, 8, "trich_yue", 1);
    free(yaml);
    yaml = S_edit(4, "Số: 95");
    S_expect_in(yaml, "C01", BC_WARNING, 4, "Số", 1);
    free(yaml);
    S_expect(33, "  ho_tem: Nguyễn Hữu Tuấn", "C01", BC_WARNING, 33, "ho_tem");
    S_expect(9, "dong_ngay: x", "C01", BC_WARNING, 9, "dong_ngay");
    S_clean(9, "ke_hoach: {so: 17/KH-UBND}\nngay_ky: x\nso_lieu: {a: 1}\nnam: 2023");
}

/* ---- C02 -------------------------------------------------------------------------------- */

static void test_C02_date_before_period(void **state)
{
    (void)state;
    char *yaml = S_edit(7, "ky_bao_cao: {nam: 2023, nua: 2}");
    char *d = strstr(yaml, "2023-12-15");
    memcpy(d, "2023-06-30", 10);
    S_expect_in(yaml, "C02", BC_WARNING, 6, "2023", 1);
    memcpy(d, "2023-07-01", 10);
    S_clean_text(yaml);
    free(yaml);
    S_expect(6, "ngay: 2022-12-31", "C02", BC_WARNING, 6, "2022");
    S_clean(7, "ky_bao_cao: {nam: 2023, quy: 4}");
}

/* ---- seeds, examples, batch -------------------------------------------------------------- */

static bc_node *S_load(bc_arena *a, const char *rel, bc_diags *d)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", BC_SOURCE_DIR, rel);
    bc_node *root = bc_yaml_load_file(a, path, d);
    assert_non_null(root);
    return root;
}

static bool S_has(const bc_diags *d, const char *id, bc_severity sev, int line, int col)
{
    for (const bc_diag *g = d->head; g; g = g->next)
        if (g->id && strcmp(g->id, id) == 0 && g->severity == sev &&
            g->line == line && g->col == col)
            return true;
    print_message("no %s at %d:%d among:\n", id, line, col);
    S_dump(d);
    return false;
}

static void test_seed_001(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    int errors = bc_check_report(S_load(&a, "tests/check/seed-001.yaml", &d), &d);
    assert_int_equal(errors, 1);
    assert_true(S_has(&d, "L24", BC_ERROR, 44, 7));    /* PHÓ CHỦ TỊCH under TM. */
    assert_true(S_has(&d, "L25", BC_WARNING, 45, 11)); /* the name in capitals */
    assert_true(S_has(&d, "L27", BC_WARNING, 40, 5));  /* "Lưu VP" */
    assert_int_equal(S_count(&d), 3);
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void test_seed_004(void **state)
{
    (void)state;
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    int errors = bc_check_report(S_load(&a, "tests/check/seed-004.yaml", &d), &d);
    assert_int_equal(errors, 1);
    assert_true(S_has(&d, "L19", BC_ERROR, 19, 12));   /* V/v in a report */
    assert_true(S_has(&d, "L22", BC_NOTE, 23, 3));     /* I. Kết quả ... */
    assert_true(S_has(&d, "L32", BC_WARNING, 43, 70)); /* "cơ quan  và" */
    assert_true(S_has(&d, "L27", BC_WARNING, 49, 5));  /* "Lưu VP" */
    bc_diags_free(&d);
    bc_arena_free(&a);
}

/* The examples give no error and no warning; their only findings are the
 * notes on the lower-case part headings they keep from the originals
 * (noted in each file). */
static void test_examples(void **state)
{
    (void)state;
    static const char *const names[] = {"cam-vu-2023", "chi-lang-nam-2022",
                                        "phu-thu-2022", "ich-hau-2024", NULL};
    for (int i = 0; names[i]; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "examples/%s.yaml", names[i]);
        bc_arena a = BC_ARENA_INIT;
        bc_diags d = BC_DIAGS_INIT;
        bc_node *root = S_load(&a, rel, &d);
        assert_int_equal(bc_check_input(&a, root, &d), 0);
        for (const bc_diag *g = d.head; g; g = g->next)
            if (g->severity != BC_NOTE || strcmp(g->id, "L22") != 0 ||
                !strstr(g->msg, "capitals")) {
                            fail_msg("%s: unexpected finding", names[i]);
            }
        bc_diags_free(&d);
        bc_arena_free(&a);
    }
}

static const char *const S_batch =
    "chung:\n"                                                       /* 1 */
    "  ky_hieu_co_quan: UBND\n"                                      /* 2 */
    "  ngay: 2023-12-15\n"                                           /* 3 */
    "  ky_bao_cao: {nam: 2023}\n"                                    /* 4 */
    "  trich_yeu: Kết quả công tác tuyên truyền\n"                   /* 5 */
    "  noi_dung: |\n"                                                /* 6 */
    "    I. KẾT QUẢ\n"                                               /* 7 */
    "\n"                                                             /* 8 */
    "    Nội dung.\n"                                                /* 9 */
    "  noi_nhan: [UBND huyện Cẩm Giàng, Lưu VP]\n"                   /* 10 */
    "danh_sach:\n"                                                   /* 11 */
    "  - co_quan: Ủy ban nhân dân xã Cẩm Vũ\n"                       /* 12 */
    "    dia_danh: Cẩm Vũ\n"                                         /* 13 */
    "    nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A}\n"
    "  - co_quan: Ủy ban nhân dân xã Cẩm Đông\n"                     /* 15 */
    "    dia_danh: Cẩm Đông\n"                                       /* 16 */
    "    nguoi_ky:\n"                                                /* 17 */
    "      chuc_danh: [TM. Ủy ban nhân dân, Phó Chủ tịch]\n"         /* 18 */
    "      ho_ten: Lê Văn B\n"                                       /* 19 */
    "  - co_quan: Ủy ban nhân dân xã Cẩm Đoài\n"                     /* 20 */
    "    nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn C}\n";

/* Writes a batch file under BUILD/test-out; returns its path (static). */
static const char *S_batch_file(const char *name, const char *text)
{
    static char path[512];
    mkdir(BC_BUILD_DIR "/test-out", 0755);
    snprintf(path, sizeof path, BC_BUILD_DIR "/test-out/check-%s", name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_batch(void **state)
{
    (void)state;
    bc_diags d = BC_DIAGS_INIT;
    const char *path = S_batch_file("b.yaml", S_batch);
    assert_true(bc_batch_source_sniff(path));
    int errors = bc_batch_check_file(path, &d);
    /* the fault of `chung` once, named by the first entry */
    const bc_diag *g = d.head;
    assert_non_null(g);
    assert_string_equal(g->id, "L27");
    assert_int_equal(g->line, 10);
    assert_int_equal(g->col, S_col(S_batch, 10, "Lưu VP"));
    assert_non_null(strstr(g->msg, "entry 1 (Cẩm Vũ): "));
    /* entry 2's deputy under TM. */
    g = g->next;
    assert_non_null(g);
    assert_string_equal(g->id, "L24");
    assert_int_equal(g->severity, BC_ERROR);
    assert_int_equal(g->line, 18);
    assert_int_equal(g->col, S_col(S_batch, 18, "Phó"));
    assert_true(strncmp(g->msg, "entry 2 (Cẩm Đông): ", strlen("entry 2 (Cẩm Đông): ")) == 0);
    /* entry 3 has no dia_danh: the contract's error, named by index */
    g = g->next;
    assert_non_null(g);
    assert_null(g->id);
    assert_true(strncmp(g->msg, "entry 3: missing required key `dia_danh`",
                        strlen("entry 3: missing required key `dia_danh`")) == 0);
    assert_null(g->next);
    assert_int_equal(errors, 2);
    bc_diags_free(&d);
}

static void test_merged_entry_positions(void **state)
{
    (void)state;
    /* bc_check_report on a merged entry, as `batch` calls it */
    bc_arena a = BC_ARENA_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_node *root = bc_yaml_load_mem(&a, "b.yaml", S_batch, strlen(S_batch), &d);
    const bc_node *list = bc_node_get(root, "danh_sach");
    bc_node *entry = bc_node_merge(&a, bc_node_get(root, "chung"), list->items[1]);
    assert_int_equal(bc_check_report(entry, &d), 1);
    assert_true(S_has(&d, "L27", BC_WARNING, 10, S_col(S_batch, 10, "Lưu VP")));
    assert_true(S_has(&d, "L24", BC_ERROR, 18, S_col(S_batch, 18, "Phó")));
    bc_diags_free(&d);
    bc_arena_free(&a);
}

static void S_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_batch_csv(void **state)
{
    (void)state;
    mkdir(BC_BUILD_DIR "/test-out", 0755);
    const char *yaml_path = BC_BUILD_DIR "/test-out/check-batch.yaml";
    S_write(yaml_path, "chung:\n"
                       "  ky_hieu_co_quan: UBND\n"
                       "  ngay: 2023-12-15\n"
                       "  trich_yeu: Kết quả công tác tuyên truyền\n"
                       "  noi_dung: Nội dung.\n"
                       "  noi_nhan: [UBND huyện Cẩm Giàng, \"Lưu: VT\"]\n"
                       "  nguoi_ky: {chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch]}\n"
                       "danh_sach: check-xa.csv\n");
    S_write(BC_BUILD_DIR "/test-out/check-xa.csv",
            "co_quan,dia_danh,nguoi_ky.ho_ten\n"
            "Ủy ban nhân dân xã Cẩm Vũ,Cẩm Vũ,Lê Văn A\n"
            "Ủy ban nhân dân xã Cẩm Đông,Cẩm Đông,LÊ VĂN B\n");
    bc_diags d = BC_DIAGS_INIT;
    assert_int_equal(bc_batch_check_file(yaml_path, &d), 0);
    const bc_diag *g = d.head;
    assert_non_null(g);
    assert_string_equal(g->id, "L25");
    assert_non_null(strstr(g->file, "check-xa.csv"));
    assert_int_equal(g->line, 3);
    assert_int_equal(g->col, 38);
    assert_true(strncmp(g->msg, "entry 2 (Cẩm Đông): ", strlen("entry 2 (Cẩm Đông): ")) == 0);
    assert_null(g->next);
    bc_diags_free(&d);
}

static void test_batch_shape(void **state)
{
    (void)state;
    /* the batch file's grammar, as `batch` reads it: the first fault
     * stops the reading */
    bc_diags d = BC_DIAGS_INIT;
    const char *path = S_batch_file("shape1.yaml", "danh_sach: []\n"
                                                   "chung: {ngay: 2023-12-15}\n"
                                                   "ghi_chu: x\n");
    assert_true(bc_batch_source_sniff(path));
    assert_int_equal(bc_batch_check_file(path, &d), 1);
    assert_non_null(strstr(d.head->msg, "`chung` must come before `danh_sach`"));
    assert_int_equal(d.head->line, 2);
    assert_null(d.head->next);
    bc_diags_free(&d);
    path = S_batch_file("shape2.yaml", "chung: {ngay: 2023-12-15}\n"
                                       "danh_sach: []\n"
                                       "ghi_chu: x\n");
    assert_int_equal(bc_batch_check_file(path, &d), 1);
    assert_non_null(strstr(d.head->msg, "unknown key `ghi_chu`"));
    assert_int_equal(d.head->line, 3);
    bc_diags_free(&d);
    path = S_batch_file("shape3.yaml", "chung: {ngay: 2023-12-15}\n");
    assert_int_equal(bc_batch_check_file(path, &d), 1);
    assert_non_null(strstr(d.head->msg, "no `danh_sach`"));
    bc_diags_free(&d);
    /* a report is not a batch */
    path = S_batch_file("report.yaml", "co_quan: X\nnoi_dung: Y\n");
    assert_false(bc_batch_source_sniff(path));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_report_is_clean),
        cmocka_unit_test(test_L10_number),
        cmocka_unit_test(test_L10_symbol),
        cmocka_unit_test(test_L15_place),
        cmocka_unit_test(test_L17_summary),
        cmocka_unit_test(test_L19_vv),
        cmocka_unit_test(test_L22_headings),
        cmocka_unit_test(test_C03_empty_section),
        cmocka_unit_test(test_L23_prefix),
        cmocka_unit_test(test_L24_signer),
        cmocka_unit_test(test_L25_name),
        cmocka_unit_test(test_L27_archive),
        cmocka_unit_test(test_L28_nhu_tren),
        cmocka_unit_test(test_L31_reform),
        cmocka_unit_test(test_L32_spaces),
        cmocka_unit_test(test_L33_body_ends_with_table),
        cmocka_unit_test(test_L34_tabs),
        cmocka_unit_test(test_L35_appendix_refs),
        cmocka_unit_test(test_L36_L37_L38_spelling),
        cmocka_unit_test(test_C01_keys),
        cmocka_unit_test(test_C02_date_before_period),
        cmocka_unit_test(test_seed_001),
        cmocka_unit_test(test_seed_004),
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_merged_entry_positions),
        cmocka_unit_test(test_batch_csv),
        cmocka_unit_test(test_batch_shape),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
