/*
 * bench_mustache.c - how fast the mustache engine applies a compiled
 * template: a 40-paragraph report body (the shape of the batch workload)
 * and sections of 1,000 and 10,000 items (cost must grow linearly).
 * Prints one line per measurement; run by `make bench`.
 */
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "input/node.h"
#include "mustache/mustache.h"
#include "wml/wml.h"
#include "input/node_view.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static bc_node *S_text(bc_arena *a, const char *s)
{
    return bc_node_scalar(a, s, strlen(s));
}

/* Applies t to root repeatedly for about `seconds`; returns applies/s. */
static double S_rate(const bc_mtpl *t, const bc_node *root, double seconds,
                     size_t *out_len)
{
    bc_buf out = BC_BUF_INIT;
    bc_diags d = BC_DIAGS_INIT;
    bc_mapply ap;
    memset(&ap, 0, sizeof ap);
    ap.data = &bc_node_view;
    ap.root = root;
    ap.escape = bc_wml_escape_run;
    ap.diags = &d;
    size_t n = 0;
    double t0 = S_now(), t1;
    do {
        bc_buf_clear(&out);
        if (bc_mustache_apply(t, &ap, &out) != 0) {
            fprintf(stderr, "bench: apply failed\n");
            return 0;
        }
        n++;
        t1 = S_now();
    } while (t1 - t0 < seconds);
    *out_len = out.len;
    bc_buf_free(&out);
    bc_diags_free(&d);
    return (double)n / (t1 - t0);
}

static bc_mtpl *S_compile(const char *src)
{
    bc_diags d = BC_DIAGS_INIT;
    bc_mopts mo;
    memset(&mo, 0, sizeof mo);
    mo.name = "bench";
    bc_mtpl *t = bc_mustache_compile(src, strlen(src), &mo, &d);
    bc_diags_free(&d);
    return t;
}

int main(void)
{
    bc_arena a = BC_ARENA_INIT;
    /* a report body: 40 paragraphs, each with a few figures */
    bc_buf src = BC_BUF_INIT;
    for (int i = 0; i < 40; i++)
        bc_buf_printf(&src,
                      "- Trong kỳ, UBND xã {{dia_danh}} đã tổ chức {{so_lieu.buoi}} buổi "
                      "tuyên truyền, đăng {{so_lieu.tin_bai}} tin, bài trên trang thông tin "
                      "điện tử; tỷ lệ hồ sơ trực tuyến đạt {{so_lieu.ty_le}}%% "
                      "({{ky_bao_cao.ten}}).\n\n");
    bc_node *root = bc_node_new(&a, BC_MAP);
    bc_node_set(&a, root, "dia_danh", 8, S_text(&a, "Cẩm Vũ"));
    bc_node *sl = bc_node_new(&a, BC_MAP);
    bc_node_set(&a, sl, "buoi", 4, S_text(&a, "9"));
    bc_node_set(&a, sl, "tin_bai", 7, S_text(&a, "5.120"));
    bc_node_set(&a, sl, "ty_le", 5, S_text(&a, "87,5"));
    bc_node_set(&a, root, "so_lieu", 7, sl);
    bc_node *kbc = bc_node_new(&a, BC_MAP);
    bc_node_set(&a, kbc, "ten", 3, S_text(&a, "6 tháng đầu năm 2024"));
    bc_node_set(&a, root, "ky_bao_cao", 10, kbc);
    bc_mtpl *body = S_compile(bc_buf_cstr(&src));
    size_t len;
    double r = S_rate(body, root, 1.0, &len);
    printf("mustache: 40-paragraph report body (%zu bytes out): %.0f applies/s, %.1f us each\n",
           len, r, 1e6 / r);

    /* sections of n items */
    bc_mtpl *list = S_compile("{{#xa}}<w:p><w:r><w:t>{{ten}}: {{so}} tin, bài; "
                              "{{ty_le}}%</w:t></w:r></w:p>{{/xa}}");
    double per_item[2] = {0, 0};
    size_t sizes[2] = {1000, 10000};
    for (int k = 0; k < 2; k++) {
        bc_node *data = bc_node_new(&a, BC_MAP);
        bc_node *items = bc_node_new(&a, BC_LIST);
        for (size_t i = 0; i < sizes[k]; i++) {
            bc_node *it = bc_node_new(&a, BC_MAP);
            char buf[32];
            snprintf(buf, sizeof buf, "Xã số %zu", i);
            bc_node_set(&a, it, "ten", 3, S_text(&a, buf));
            snprintf(buf, sizeof buf, "%zu", i * 7 % 1000);
            bc_node_set(&a, it, "so", 2, S_text(&a, buf));
            bc_node_set(&a, it, "ty_le", 5, S_text(&a, "92,1"));
            bc_node_push(&a, items, it);
        }
        bc_node_set(&a, data, "xa", 2, items);
        double rate = S_rate(list, data, 1.0, &len);
        per_item[k] = 1.0 / rate;
        printf("mustache: %zu-item section (%zu bytes out): %.1f applies/s, %.2f ms each\n",
               sizes[k], len, rate, 1e3 / rate);
    }
    printf("mustache: 10x the items costs %.1fx the time (linear: about 10)\n",
           per_item[1] / per_item[0]);
    bc_mustache_free(body);
    bc_mustache_free(list);
    bc_buf_free(&src);
    bc_arena_free(&a);
    return 0;
}
