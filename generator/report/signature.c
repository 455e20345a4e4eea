/*
 * signature.c - the signature and seal images a report names, read and
 * checked, the seal sized (see signature.h).
 */
#include "report/signature.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* An image of `chung`: the node naming it, and the file or why not. */
typedef struct signature_cached {
    const bc_node *key;
    bool ok;
    bc_png_file png;
    char *why;
} signature_cached;

/* The path a value names, relative to the folder of the file it was
 * written in (a workbook's file name carries its sheet after
 * BC_DIAG_SHEET), malloc'd. */
static char *S_resolve(const bc_node *v, const char *fallback_file)
{
    const char *file = v->file ? v->file : fallback_file;
    if (v->str[0] == '/' || !file)
        return bc_xstrdup(v->str);
    const char *sheet = strchr(file, BC_DIAG_SHEET);
    size_t flen = sheet ? (size_t)(sheet - file) : strlen(file);
    size_t dir = flen;
    while (dir > 0 && file[dir - 1] != '/')
        dir--;
    bc_buf b = BC_BUF_INIT;
    bc_buf_put(&b, file, dir);
    bc_buf_puts(&b, v->str);
    return bc_buf_detach(&b, NULL);
}

/* The value of an image key: a scalar with text, else NULL (absent,
 * null or empty: no image). *bad after an error for another kind. */
static const bc_node *S_image_key(const bc_node *map, const char *key, const char *path,
                                  const bc_entry **at, bc_diags *d, bool *bad)
{
    const bc_entry *e = map && map->kind == BC_MAP ? bc_node_entry(map, key, strlen(key)) : NULL;
    *at = e;
    if (!e || e->value->kind == BC_NULL)
        return NULL;
    if (e->value->kind != BC_SCALAR) {
        bc_diag_add(d, BC_ERROR, e->value->file, e->line, e->col,
                    _("`%s` must be the name of a PNG file, not %s"), path,
                    _(bc_node_kind_name(e->value->kind)));
        *bad = true;
        return NULL;
    }
    return bc_node_has_text(e->value) ? e->value : NULL;
}

static void S_read_into(signature_cached *c, const bc_node *v, bc_arena *a,
                        const char *fallback_file)
{
    char *path = S_resolve(v, fallback_file);
    bc_buf why = BC_BUF_INIT;
    c->key = v;
    c->ok = bc_png_file_read(path, a, &c->png, &why) == 0;
    c->why = c->ok ? NULL : bc_buf_detach(&why, NULL);
    bc_buf_free(&why);
    free(path);
}

void bc_signature_cache_fill(bc_signature_cache *c, const bc_node *chung)
{
    memset(c, 0, sizeof *c);
    if (!chung || chung->kind != BC_MAP)
        return;
    bc_diags quiet = BC_DIAGS_INIT; /* told for each entry, not here */
    bool bad = false;
    const bc_entry *at;
    const bc_node *keys[2] = {
        S_image_key(bc_node_get(chung, "nguoi_ky"), "chu_ky", "nguoi_ky.chu_ky", &at, &quiet,
                    &bad),
        S_image_key(chung, "con_dau", "con_dau", &at, &quiet, &bad)};
    bc_diags_free(&quiet);
    c->v = bc_xcalloc(2, sizeof *c->v);
    for (int i = 0; i < 2; i++)
        if (keys[i])
            S_read_into(&c->v[c->count++], keys[i], &c->arena, chung->file);
}

void bc_signature_cache_free(bc_signature_cache *c)
{
    for (size_t i = 0; i < c->count; i++)
        free(c->v[i].why);
    free(c->v);
    bc_arena_free(&c->arena);
    memset(c, 0, sizeof *c);
}

/* The image a key names, from the cache or read now; NULL after an
 * error located at the key. */
static const bc_png_file *S_image(bc_arena *a, const bc_node *v, const bc_entry *at,
                                  const char *path, const char *input_file,
                                  const bc_signature_cache *cache, bc_diags *d)
{
    const signature_cached *hit = NULL;
    for (size_t i = 0; cache && i < cache->count && !hit; i++)
        if (cache->v[i].key == v)
            hit = &cache->v[i];
    signature_cached own;
    if (!hit) {
        S_read_into(&own, v, a, input_file);
        hit = &own;
    }
    const bc_png_file *png = NULL;
    if (hit->ok) {
        bc_png_file *copy = bc_arena_alloc(a, sizeof *copy);
        *copy = hit->png;
        png = copy;
    } else {
        bc_diag *g = bc_diag_add(d, BC_ERROR, v->file ? v->file : input_file,
                                 at->line ? at->line : v->line, at->line ? at->col : v->col,
                                 "`%s`: %s", path, hit->why);
        bc_diag_set_hint(g, _("the file's name is relative to the folder of the file "
                              "that names it"));
    }
    if (hit == &own)
        free(own.why);
    return png;
}

/* con_dau_mm in hundredths of a millimetre: 36, 35.5 or 35,5; -1 when it
 * is not such a number, or out of bounds. */
static long S_mm(const bc_node *v)
{
    if (v->kind != BC_SCALAR || v->len == 0 || v->len > 8)
        return -1;
    long whole = 0, frac = 0;
    int digits = 0, fdigits = -1;
    for (size_t i = 0; i < v->len; i++) {
        char ch = v->str[i];
        if ((ch == '.' || ch == ',') && fdigits < 0 && digits > 0) {
            fdigits = 0;
        } else if (ch >= '0' && ch <= '9' && fdigits < 0) {
            whole = whole * 10 + (ch - '0');
            digits++;
        } else if (ch >= '0' && ch <= '9' && fdigits < 2) {
            frac = frac * 10 + (ch - '0');
            fdigits++;
        } else {
            return -1;
        }
    }
    if (fdigits == 0)
        return -1; /* "36." */
    if (fdigits == 1)
        frac *= 10;
    long mm = whole * 100 + (fdigits > 0 ? frac : 0);
    return mm >= BC_SIGNATURE_SEAL_MM_MIN * 100 && mm <= BC_SIGNATURE_SEAL_MM_MAX * 100 ? mm
                                                                                        : -1;
}

/* The seal's size (EMU) from con_dau_mm (hundredths of a mm; -1: none)
 * or the file's resolution; -1 after an error located at `at`. */
static int S_seal_size(bc_signature *s, long mm, const bc_node *v, const bc_entry *at,
                       const char *input_file, bc_diags *d)
{
    const bc_png_file *p = s->con_dau;
    /* a pixel's size: the file's resolution, square pixels without one */
    double px_w = p->ppm_x ? 1.0 / p->ppm_x : 1, px_h = p->ppm_y ? 1.0 / p->ppm_y : 1;
    if (mm >= 0) {
        s->seal_cx = (int64_t)mm * BC_SIGNATURE_EMU_PER_MM / 100;
        s->seal_cy = (int64_t)llround((double)s->seal_cx * p->height * px_h /
                                      (p->width * px_w));
        return 0;
    }
    const char *file = v->file ? v->file : input_file;
    int line = at->line ? at->line : v->line, col = at->line ? at->col : v->col;
    if (!p->ppm_x) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, file, line, col,
                                 _("`con_dau`: %s gives no resolution, so the seal's real "
                                   "size is unknown"),
                                 v->str);
        bc_diag_set_hint(g, _("give the seal's width in millimetres: con_dau_mm: 36"));
        return -1;
    }
    double width_mm = p->width * 1000.0 / p->ppm_x;
    if (width_mm < BC_SIGNATURE_SEAL_MM_MIN || width_mm > BC_SIGNATURE_SEAL_MM_MAX) {
        bc_diag *g = bc_diag_add(d, BC_ERROR, file, line, col,
                                 _("`con_dau`: at the resolution %s gives (%.0f dpi) the "
                                   "seal is %.1f mm wide, not %d to %d mm as a seal is"),
                                 v->str, p->ppm_x * 0.0254, width_mm,
                                 BC_SIGNATURE_SEAL_MM_MIN, BC_SIGNATURE_SEAL_MM_MAX);
        bc_diag_set_hint(g, _("give the seal's width in millimetres: con_dau_mm: 36"));
        return -1;
    }
    s->seal_cx = (int64_t)llround(p->width * (BC_SIGNATURE_EMU_PER_MM * 1000.0) / p->ppm_x);
    s->seal_cy = (int64_t)llround(p->height * (BC_SIGNATURE_EMU_PER_MM * 1000.0) / p->ppm_y);
    return 0;
}

int bc_signature_read(bc_arena *a, const bc_node *input, const bc_signature_cache *cache,
                      const bc_signature **out, bc_diags *d)
{
    *out = NULL;
    bool bad = false;
    const bc_entry *ky_at, *dau_at;
    const bc_node *ky = S_image_key(bc_node_get(input, "nguoi_ky"), "chu_ky",
                                    "nguoi_ky.chu_ky", &ky_at, d, &bad);
    const bc_node *dau = S_image_key(input, "con_dau", "con_dau", &dau_at, d, &bad);
    long mm = -1;
    const bc_entry *mm_at = bc_node_entry(input, "con_dau_mm", 10);
    bool mm_bad = false;
    if (mm_at && mm_at->value->kind != BC_NULL) {
        mm = S_mm(mm_at->value);
        mm_bad = mm < 0;
    }
    bc_signature *s = ky || dau ? bc_arena_alloc(a, sizeof *s) : NULL;
    if (ky) {
        s->chu_ky = S_image(a, ky, ky_at, "nguoi_ky.chu_ky", input->file, cache, d);
        bad |= !s->chu_ky;
    }
    if (dau) {
        s->con_dau = S_image(a, dau, dau_at, "con_dau", input->file, cache, d);
        bad |= !s->con_dau;
    }
    if (mm_bad) {
        const bc_node *v = mm_at->value;
        bc_diag_add(d, BC_ERROR, v->file ? v->file : input->file, mm_at->line, mm_at->col,
                    _("`con_dau_mm` must be the seal's width in millimetres, from %d to %d "
                      "(e.g. 36 or 35.5), not `%s`"),
                    BC_SIGNATURE_SEAL_MM_MIN, BC_SIGNATURE_SEAL_MM_MAX,
                    v->kind == BC_SCALAR ? v->str : _(bc_node_kind_name(v->kind)));
        bad = true;
    }
    if (s && s->con_dau && !mm_bad && S_seal_size(s, mm, dau, dau_at, input->file, d) != 0)
        bad = true;
    if (bad)
        return -1;
    *out = s; /* NULL: no image */
    return 0;
}
