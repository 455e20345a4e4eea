/*
 * embedded.h - files compiled into the binary (the built-in templates).
 * The tables are generated at build time by tools/embed.c.
 */
#ifndef BC_EMBEDDED_H
#define BC_EMBEDDED_H

#include <stddef.h>

typedef struct bc_embedded_file {
    const char *name;               /* path inside the package tree */
    const unsigned char *data;
    size_t size;
} bc_embedded_file;

/* The built-in report template "bao-cao" (templates/bao-cao/), ending with
 * a {NULL, NULL, 0} entry. */
extern const bc_embedded_file bc_embedded_bao_cao[];

#endif
