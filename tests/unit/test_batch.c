/*
 * test_batch.c - batches (input.md section 2): an inline list and a CSV
 * (BOM, semicolons, quoted fields with ";" and quotes, dotted columns, an
 * empty cell) give the expected files and text; a bad entry is reported
 * with its index and name while the others are written; two entries with
 * the same file name leave no file at all; -j 1 and -j 4 give the same
 * bytes; `chung` must come first; an unclosed quote names its row. Output
 * goes to a new folder (staged beside it, renamed whole) or an existing
 * one (each file renamed); neither leaves a temporary file or folder, also
 * when the batch is interrupted halfway (no file of it appears).
 */
#include "test_support.h"

#include "app/batch.h"
#include "report/check.h"
#include "docx_text.h"

#include <dirent.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FIX BC_SOURCE_DIR "/tests/fixtures/batch/"

typedef struct seen {
    size_t index[16];
    char name[16][64];
    bool ok[16];
    char msg[16][512];
    size_t n;
} seen;

static void S_on_entry(void *closure, const bc_batch_event *ev)
{
    seen *s = closure;
    if (s->n >= 16)
        return;
    s->index[s->n] = ev->index;
    snprintf(s->name[s->n], sizeof s->name[0], "%s", ev->name);
    s->ok[s->n] = ev->ok;
    s->msg[s->n][0] = '\0';
    for (const bc_diag *g = ev->diags->head; g; g = g->next) {
        char *f = bc_diag_format(g);
        strncat(s->msg[s->n], f, sizeof s->msg[0] - strlen(s->msg[s->n]) - 1);
        free(f);
    }
    s->n++;
}

/* A fresh, empty output folder. */
static char *S_outdir(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, BC_BUILD_DIR "/test-batch/%s", name);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fail_msg("cannot clear %s", path);
    return path;
}

static bool S_with_check; /* run the Decree 30 review on each entry */

static int S_run(const char *batch, const char *out, int jobs, const char *pattern,
                 seen *s, bc_diags *d, bc_batch_result *res)
{
    bc_batch_opts o;
    memset(&o, 0, sizeof o);
    o.path = batch;
    o.out_dir = out;
    o.jobs = jobs;
    o.name_pattern = pattern;
    o.on_entry = S_on_entry;
    o.closure = s;
    o.check = S_with_check ? bc_check_report : NULL;
    memset(s, 0, sizeof *s);
    return bc_batch_run(&o, res, d);
}

/* The names in a folder, sorted, joined by spaces; with hidden_only, the
 * hidden ones alone (temporary files and staging folders). */
static char *S_names(const char *dir, bool hidden_only)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' 2>/dev/null %s| tr '\\n' ' '", dir,
             hidden_only ? "| grep '^\\.' " : "");
    FILE *p = popen(cmd, "r");
    static char buf[4096];
    size_t n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    pclose(p);
    return buf;
}

static char *S_listing(const char *dir)
{
    return S_names(dir, false);
}

static char *S_hidden(const char *dir)
{
    return S_names(dir, true);
}

static bool S_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* An existing output folder holding one file of its own. */
static char *S_existing_outdir(const char *name)
{
    char *out = S_outdir(name);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s' && echo mine > '%s/notes.txt'", out, out);
    if (system(cmd) != 0)
        fail_msg("cannot make %s", out);
    return out;
}

static char *S_text(const char *dir, const char *file)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    char *t = bc_test_docx_text(path);
    if (!t)
        fail_msg("cannot read %s", path);
    return t;
}

static void S_contains(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("text lacks \"%s\":\n%s", want, text);
}

static void test_inline_list(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("inline");
    assert_int_equal(S_run(FIX "inline.yaml", out, 2, NULL, &s, &d, &res), 0);
    assert_int_equal(res.written, 2);
    assert_int_equal(res.failed, 0);
    assert_string_equal(S_listing(out), "cam-vu.docx duc-chinh.docx ");
    char *t = S_text(out, "cam-vu.docx");
    S_contains(t, "XÃ CẨM VŨ\n");
    S_contains(t, "Số: 17/BC-UBND\n");
    S_contains(t, "Cẩm Vũ, ngày 05 tháng 7 năm 2024\n");
    S_contains(t, "Công tác tuyên truyền cải cách hành chính 6 tháng đầu năm 2024\n");
    S_contains(t, "Trong kỳ, xã Cẩm Vũ đăng 58 tin, bài; tổ chức 0 buổi./.\n");
    S_contains(t, "Nguyễn Hữu Tuấn");
    free(t);
    t = S_text(out, "duc-chinh.docx");
    S_contains(t, "XÃ ĐỨC CHÍNH\n");
    S_contains(t, "Số:      /BC-UBND\n");
    /* an entry's map merges with chung's; its scalars as written */
    S_contains(t, "Trong kỳ, xã Đức Chính đăng 5.120 tin, bài; tổ chức 9 buổi./.\n");
    S_contains(t, "- UBND huyện Cẩm Giàng;\n- Lưu: VT.\n");
    free(t);
    bc_diags_free(&d);
}

static void test_csv(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("csv");
    int rc = S_run(FIX "csv.yaml", out, 1, NULL, &s, &d, &res);
    for (size_t i = 0; i < s.n; i++)
        if (s.msg[i][0])
            print_error("%s\n", s.msg[i]);
    assert_int_equal(rc, 0);
    assert_int_equal(res.written, 2);
    assert_string_equal(S_listing(out), "cam-vu.docx lai-cach.docx ");
    char *t = S_text(out, "cam-vu.docx");
    S_contains(t, "Xã Cẩm Vũ: 58 tin, bài, 3 buổi. Ghi chú: có \"ngoặc\" và ; chấm phẩy./.\n");
    S_contains(t, "Số: 17/BC-UBND\n");
    free(t);
    /* empty cells are absent: no number, no buoi, no ghi_chu */
    t = S_text(out, "lai-cach.docx");
    S_contains(t, "Xã Lai Cách: 5.120 tin, bài, chưa tổ chức buổi nào./.\n");
    S_contains(t, "Số:      /BC-UBND\n");
    S_contains(t, "Lê Văn An");
    free(t);
    bc_diags_free(&d);
}

static void test_bad_entry_others_written(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("bad-date");
    assert_int_equal(S_run(FIX "bad-date.yaml", out, 2, NULL, &s, &d, &res), 1);
    assert_int_equal(res.written, 2);
    assert_int_equal(res.failed, 1);
    /* only complete files, no temporary one */
    assert_string_equal(S_listing(out), "an-binh.docx phu-my.docx ");
    bool reported = false;
    for (size_t i = 0; i < s.n; i++)
        if (!s.ok[i]) {
            reported = true;
            assert_int_equal(s.index[i], 2);
            assert_string_equal(s.name[i], "Tân Hòa");
            assert_non_null(strstr(s.msg[i], "bad-date.yaml:9:"));
            assert_non_null(strstr(s.msg[i], "2023-02-30 is not a real date"));
        }
    assert_true(reported);
    bc_diags_free(&d);
}

static void test_duplicate_names_write_nothing(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("duplicate");
    assert_int_equal(S_run(FIX "duplicate.yaml", out, 2, NULL, &s, &d, &res), 1);
    assert_int_equal(res.written, 0);
    assert_true(S_is_dir(out)); /* created, and left empty */
    assert_string_equal(S_listing(out), "");
    assert_string_equal(S_hidden(BC_BUILD_DIR "/test-batch"), "");
    assert_non_null(d.head);
    assert_non_null(strstr(d.head->msg, "entries 1 (An Bình) and 3 (An  bình) would both write an-binh.docx"));
    assert_non_null(strstr(d.head->msg, "(entry 1 is at line 8)"));
    assert_int_equal(d.head->line, 10);
    bc_diags_free(&d);
}

/* An existing folder: the files are renamed into it one by one, its own
 * file stays, no temporary file is left. */
static void test_existing_folder(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_existing_outdir("existing");
    assert_int_equal(S_run(FIX "inline.yaml", out, 2, NULL, &s, &d, &res), 0);
    assert_int_equal(res.written, 2);
    assert_string_equal(S_listing(out), "cam-vu.docx duc-chinh.docx notes.txt ");
    char *t = S_text(out, "cam-vu.docx");
    S_contains(t, "XÃ CẨM VŨ\n");
    free(t);
    /* a bad entry: the others written, no temporary file */
    out = S_existing_outdir("existing-bad");
    assert_int_equal(S_run(FIX "bad-date.yaml", out, 2, NULL, &s, &d, &res), 1);
    assert_int_equal(res.written, 2);
    assert_int_equal(res.failed, 1);
    assert_string_equal(S_listing(out), "an-binh.docx notes.txt phu-my.docx ");
    /* duplicate names: nothing of the batch, the folder's own file kept */
    out = S_existing_outdir("existing-dup");
    assert_int_equal(S_run(FIX "duplicate.yaml", out, 2, NULL, &s, &d, &res), 1);
    assert_int_equal(res.written, 0);
    assert_string_equal(S_listing(out), "notes.txt ");
    assert_string_equal(S_hidden(BC_BUILD_DIR "/test-batch"), "");
    bc_diags_free(&d);
}

/* A new folder two levels down: its parents are made, the staging folder
 * beside it is renamed into place and nothing hidden is left anywhere. */
static void test_new_nested_folder(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char top[512], out[600], mid[600];
    snprintf(top, sizeof top, "%s", S_outdir("nested"));
    snprintf(mid, sizeof mid, "%s/a", top);
    snprintf(out, sizeof out, "%s/a/b/", top); /* a trailing slash too */
    assert_int_equal(S_run(FIX "bad-date.yaml", out, 1, NULL, &s, &d, &res), 1);
    assert_int_equal(res.written, 2);
    assert_int_equal(res.failed, 1);
    assert_string_equal(S_listing(out), "an-binh.docx phu-my.docx ");
    assert_string_equal(S_listing(mid), "b ");
    assert_string_equal(S_listing(top), "a ");
    bc_diags_free(&d);
}

static volatile sig_atomic_t S_interrupt;

/* Interrupts the batch when its first entry is done. */
static void S_interrupt_after_one(void *closure, const bc_batch_event *ev)
{
    (void)closure;
    (void)ev;
    S_interrupt = 1;
}

/* A batch of n communes (more than a thread takes at once). */
static const char *S_long_batch(int n)
{
    static char path[512];
    snprintf(path, sizeof path, BC_BUILD_DIR "/test-batch-long.yaml");
    FILE *f = fopen(path, "w");
    if (!f)
        fail_msg("cannot write %s", path);
    fputs("chung:\n  loai: bao_cao\n  ky_hieu_co_quan: UBND\n  ngay: 2024-07-05\n"
          "  trich_yeu: Công tác tuyên truyền\n  noi_dung: Nội dung.\n"
          "  noi_nhan: [\"Lưu: VT\"]\n"
          "  nguoi_ky: { chuc_danh: [TM. Ủy ban nhân dân, Chủ tịch], ho_ten: Lê Văn A }\n"
          "danh_sach:\n", f);
    for (int i = 1; i <= n; i++)
        fprintf(f, "  - { co_quan: Ủy ban nhân dân xã Số %d, dia_danh: Số %d }\n", i, i);
    fclose(f);
    return path;
}

/* Interrupted after its first entry: no file of the batch appears, in a
 * new folder (left empty) or an existing one (its own file kept), and no
 * temporary file or staging folder is left. */
static void test_interrupted_writes_nothing(void **state)
{
    (void)state;
    const char *yaml = S_long_batch(100);
    for (int existing = 0; existing < 2; existing++) {
        char *out = existing ? S_existing_outdir("interrupted-existing")
                             : S_outdir("interrupted-new");
        bc_batch_opts o;
        memset(&o, 0, sizeof o);
        o.path = yaml;
        o.out_dir = out;
        o.jobs = 2;
        o.on_entry = S_interrupt_after_one;
        o.cancel = &S_interrupt;
        S_interrupt = 0;
        bc_diags d = BC_DIAGS_INIT;
        bc_batch_result res;
        assert_int_equal(bc_batch_run(&o, &res, &d), 1);
        assert_true(res.cancelled);
        assert_int_equal(res.written, 0);
        assert_true(S_is_dir(out));
        assert_string_equal(S_listing(out), existing ? "notes.txt " : "");
        assert_string_equal(S_hidden(BC_BUILD_DIR "/test-batch"), "");
        bc_diags_free(&d);
    }
    /* the same batch uninterrupted writes every file */
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("long");
    assert_int_equal(S_run(yaml, out, 2, NULL, &s, &d, &res), 0);
    assert_int_equal(res.written, 100);
    bc_diags_free(&d);
}

static void test_same_bytes_any_jobs(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char one[512], four[512];
    snprintf(one, sizeof one, "%s", S_outdir("j1"));
    snprintf(four, sizeof four, "%s", S_outdir("j4"));
    assert_int_equal(S_run(FIX "inline.yaml", one, 1, "{{so_lieu.tin_bai}}-{{dia_danh}}", &s, &d, &res), 0);
    assert_int_equal(S_run(FIX "inline.yaml", four, 4, "{{so_lieu.tin_bai}}-{{dia_danh}}", &s, &d, &res), 0);
    assert_string_equal(S_listing(one), "5.120-Đức Chính.docx 58-Cẩm Vũ.docx ");
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "diff -r '%s' '%s' > /dev/null", one, four);
    assert_int_equal(system(cmd), 0);
    bc_diags_free(&d);
}

static void test_bad_name_pattern(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("slash");
    assert_int_equal(S_run(FIX "inline.yaml", out, 1, "x/{{dia_danh}}", &s, &d, &res), 1);
    assert_int_equal(res.failed, 2);
    assert_non_null(strstr(s.msg[0], "not a plain file name"));
    assert_string_equal(S_listing(out), "");
    bc_diags_free(&d);
}

static void test_chung_first(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("order");
    assert_int_equal(S_run(FIX "order.yaml", out, 1, NULL, &s, &d, &res), 1);
    assert_non_null(d.head);
    assert_int_equal(d.head->line, 3);
    assert_non_null(strstr(d.head->msg, "`chung` must come before `danh_sach`"));
    bc_diags_free(&d);
}

static void test_csv_unclosed_quote(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("quote");
    assert_int_equal(S_run(FIX "open-quote.yaml", out, 1, NULL, &s, &d, &res), 1);
    assert_non_null(d.head);
    assert_non_null(strstr(d.head->file, "open-quote.csv"));
    assert_non_null(strstr(d.head->msg, "quoted field is not closed"));
    assert_int_equal(d.head->line, 2);
    assert_int_equal(d.head->col, 3);
    assert_string_equal(S_listing(out), "");
    bc_diags_free(&d);
}

static void test_file_names(void **state)
{
    (void)state;
    char *n = bc_batch_names_default("Cẩm Vũ");
    assert_string_equal(n, "cam-vu.docx");
    free(n);
    n = bc_batch_names_default("Đồng Tâm - Phường 1");
    assert_string_equal(n, "dong-tam-phuong-1.docx");
    free(n);
    assert_null(bc_batch_names_default(" - "));
}

static void test_csv_many_rows_with_warnings(void **state)
{
    (void)state;
    /* 12 rows, each with a warning that names the CSV file, rendered while
     * the reader has already finished the file (ASan checks the file name
     * outlives it); a row ending with an empty extra cell is fine */
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("many");
    S_with_check = true;
    assert_int_equal(S_run(FIX "many.yaml", out, 2, NULL, &s, &d, &res), 0);
    S_with_check = false;
    assert_int_equal(res.written, 12);
    assert_int_equal(s.n, 12);
    for (size_t i = 0; i < s.n; i++)
        assert_non_null(strstr(s.msg[i], "many.csv:"));
    bc_diags_free(&d);
}

static void test_bad_key_keeps_the_stream_in_step(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("bad-key");
    assert_int_equal(S_run(FIX "bad-key.yaml", out, 1, NULL, &s, &d, &res), 1);
    assert_int_equal(res.written, 1);
    assert_int_equal(res.failed, 1);
    assert_null(d.head); /* no phantom batch-level error */
    assert_string_equal(S_listing(out), "xa-b.docx ");
    bc_diags_free(&d);
}

static void test_keys_once(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("twice");
    assert_int_equal(S_run(FIX "twice.yaml", out, 1, NULL, &s, &d, &res), 1);
    assert_non_null(d.head);
    assert_int_equal(d.head->line, 3);
    assert_non_null(strstr(d.head->msg, "duplicate key `danh_sach`"));
    bc_diags_free(&d);
}

static void test_output_name_rules(void **state)
{
    (void)state;
    seen s;
    bc_diags d = BC_DIAGS_INIT;
    bc_batch_result res;
    char *out = S_outdir("names");
    /* a hidden name, and an upper-case extension kept as is */
    assert_int_equal(S_run(FIX "inline.yaml", out, 1, ".docx", &s, &d, &res), 1);
    assert_int_equal(res.failed, 2);
    assert_non_null(strstr(s.msg[0], "starts with a dot"));
    out = S_outdir("names2");
    assert_int_equal(S_run(FIX "inline.yaml", out, 1, "{{so_lieu.tin_bai}}.DOCX", &s, &d, &res), 0);
    assert_string_equal(S_listing(out), "5.120.DOCX 58.DOCX ");
    /* a name the temporary file could not hold */
    char longp[400] = "";
    for (int i = 0; i < 8; i++)
        strcat(longp, "{{co_quan}}");
    out = S_outdir("names3");
    assert_int_equal(S_run(FIX "inline.yaml", out, 1, longp, &s, &d, &res), 1);
    assert_int_equal(res.written, 0);
    assert_int_equal(res.failed, 2);
    assert_non_null(strstr(s.msg[0], "longer than 200 bytes"));
    bc_diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_inline_list),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_bad_entry_others_written),
        cmocka_unit_test(test_duplicate_names_write_nothing),
        cmocka_unit_test(test_existing_folder),
        cmocka_unit_test(test_new_nested_folder),
        cmocka_unit_test(test_interrupted_writes_nothing),
        cmocka_unit_test(test_same_bytes_any_jobs),
        cmocka_unit_test(test_bad_name_pattern),
        cmocka_unit_test(test_chung_first),
        cmocka_unit_test(test_csv_unclosed_quote),
        cmocka_unit_test(test_file_names),
        cmocka_unit_test(test_csv_many_rows_with_warnings),
        cmocka_unit_test(test_bad_key_keeps_the_stream_in_step),
        cmocka_unit_test(test_keys_once),
        cmocka_unit_test(test_output_name_rules),
    };
    return cmocka_run_group_tests_name("batch", tests, NULL, NULL);
}
