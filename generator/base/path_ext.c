/*
 * path_ext.c - a file's name with another ending (path_ext.h).
 */
#include "base/path_ext.h"

#include <string.h>

#include "base/buf.h"

char *bc_path_ext_replace(const char *path, const char *ending)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t stem = dot && dot != name ? (size_t)(dot - path) : strlen(path);
    bc_buf b = BC_BUF_INIT;
    bc_buf_put(&b, path, stem);
    bc_buf_puts(&b, ending);
    return bc_buf_detach(&b, NULL);
}
