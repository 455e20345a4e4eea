/*
 * png_file.c - a PNG image read whole, its header looked at with libpng
 * (see png_file.h).
 */
#include "input/png_file.h"
#include "base/i18n.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* libpng reads from the bytes in memory; its errors jump back here with
 * the message kept. */
typedef struct png_src {
    const unsigned char *p;
    size_t n, at;
    char msg[160];
} png_src;

static void S_read(png_structp png, png_bytep out, png_size_t len)
{
    png_src *s = png_get_io_ptr(png);
    if (len > s->n - s->at)
        png_error(png, "the file ends too early");
    memcpy(out, s->p + s->at, len);
    s->at += len;
}

static void S_error(png_structp png, png_const_charp msg)
{
    png_src *s = png_get_error_ptr(png);
    snprintf(s->msg, sizeof s->msg, "%s", msg ? msg : "?");
    png_longjmp(png, 1);
}

static void S_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* The header of the bytes: size and resolution. 0, or -1 with s->msg. */
static int S_header(png_src *s, bc_png_file *out)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, s, S_error,
                                             S_warning);
    if (!png) {
        snprintf(s->msg, sizeof s->msg, "%s", "libpng cannot start");
        return -1;
    }
    png_infop info = png_create_info_struct(png);
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, info ? &info : NULL, NULL);
        if (!s->msg[0])
            snprintf(s->msg, sizeof s->msg, "%s", "libpng cannot start");
        return -1;
    }
    png_set_read_fn(png, s, S_read);
    png_read_info(png, info);
    out->width = png_get_image_width(png, info);
    out->height = png_get_image_height(png, info);
    png_uint_32 rx = 0, ry = 0;
    int unit = PNG_RESOLUTION_UNKNOWN;
    if (png_get_pHYs(png, info, &rx, &ry, &unit) && unit == PNG_RESOLUTION_METER &&
        rx > 0 && ry > 0) {
        out->ppm_x = rx;
        out->ppm_y = ry;
    }
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
}

int bc_png_file_read(const char *path, bc_arena *a, bc_png_file *out, bc_buf *why)
{
    memset(out, 0, sizeof *out);
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        bc_buf_printf(why, _("cannot open %s: %s"), path, strerror(errno));
        return -1;
    }
    /* a folder, a device or a pipe would be read for ever, or block */
    struct stat st;
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        bc_buf_printf(why, _("%s is not a file (a folder, a device or a pipe)"), path);
        fclose(fp);
        return -1;
    }
    if (st.st_size > (off_t)BC_PNG_FILE_MAX) {
        bc_buf_printf(why, _("%s is larger than %u MiB, more than a signature or a seal "
                             "needs: save it again at a lower resolution [E015]"),
                      path, BC_PNG_FILE_MAX >> 20);
        fclose(fp);
        return -1;
    }
    size_t size = (size_t)st.st_size;
    unsigned char *bytes = bc_arena_alloc(a, size ? size : 1);
    size_t got = fread(bytes, 1, size, fp);
    int read_error = ferror(fp);
    fclose(fp);
    if (read_error || got != size) {
        bc_buf_printf(why, _("cannot read %s"), path);
        return -1;
    }
    if (size < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
        bc_buf_printf(why, _("%s is not a PNG image: save the picture as PNG (with a "
                             "transparent background)"),
                      path);
        return -1;
    }
    png_src s = {bytes, size, 0, {0}};
    if (S_header(&s, out) != 0) {
        memset(out, 0, sizeof *out);
        bc_buf_printf(why, _("%s is a damaged PNG image (%s)"), path, s.msg);
        return -1;
    }
    out->bytes = bytes;
    out->len = size;
    return 0;
}
