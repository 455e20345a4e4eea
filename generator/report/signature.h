/*
 * signature.h - the images of an electronic copy (input.md 1.1): the
 * signer's signature `nguoi_ky.chu_ky` and the agency's seal `con_dau`,
 * PNG files named relative to the folder of the file they are written in
 * (the report's YAML file, a batch file, or the CSV or workbook of a
 * batch's column), read and checked (input/png_file.h), and the seal's
 * real size: `con_dau_mm` its width in millimetres, else the resolution
 * the PNG gives. A batch reads the images of its `chung` once
 * (bc_signature_cache), not once an entry.
 *
 * Where the images go in a document is signature_wml.h's.
 */
#ifndef BC_SIGNATURE_H
#define BC_SIGNATURE_H

#include "base/arena.h"
#include "base/diag.h"
#include "input/node.h"
#include "input/png_file.h"

#include <stdint.h>

/* The seal's width a clerk may give, in millimetres: round seals of
 * agencies are 30 to 45 mm across; the bounds leave room around them. */
#define BC_SIGNATURE_SEAL_MM_MIN 10
#define BC_SIGNATURE_SEAL_MM_MAX 60

/* DrawingML's unit: 914,400 EMU an inch, 36,000 a millimetre. */
#define BC_SIGNATURE_EMU_PER_MM 36000

typedef struct bc_signature {
    const bc_png_file *chu_ky;  /* the signature, or NULL */
    const bc_png_file *con_dau; /* the seal, or NULL */
    int64_t seal_cx, seal_cy;   /* the seal's real size (EMU) */
} bc_signature;

/* The images named in a batch's `chung`, read once (with the reason when
 * one cannot be used, told for each entry that uses it). Read-only once
 * filled: the workers of a batch share it. */
typedef struct bc_signature_cache {
    struct signature_cached *v;
    size_t count;
    bc_arena arena;
} bc_signature_cache;

void bc_signature_cache_fill(bc_signature_cache *c, const bc_node *chung);
void bc_signature_cache_free(bc_signature_cache *c);

/* The images a report's input names (its root map): *out NULL when it
 * names neither. Errors are located at the key (a missing, unreadable or
 * damaged file, not a PNG, a seal whose size is unknown). `cache` may be
 * NULL. Returns 0, or -1 after adding the errors to d. */
int bc_signature_read(bc_arena *a, const bc_node *input, const bc_signature_cache *cache,
                      const bc_signature **out, bc_diags *d);

#endif
