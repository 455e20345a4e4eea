/*
 * import_doc.c - the read document's block list: made empty, grown one
 * block at a time by the readers, freed with its arena.
 */
#include "import/import_doc.h"

#include <stdlib.h>
#include <string.h>

#include "base/grow.h"

void bc_import_doc_init(bc_import_doc *doc, const char *path, int from_text)
{
    memset(doc, 0, sizeof *doc);
    doc->arena = (bc_arena)BC_ARENA_INIT;
    doc->path = path;
    doc->from_text = from_text;
}

bc_import_block *bc_import_doc_add(bc_import_doc *doc, bc_import_block_kind kind)
{
    BC_GROW(doc->blocks, doc->cap_blocks, doc->n_blocks + 1);
    bc_import_block *b = &doc->blocks[doc->n_blocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void bc_import_doc_free(bc_import_doc *doc)
{
    free(doc->blocks);
    bc_arena_free(&doc->arena);
    memset(doc, 0, sizeof *doc);
}
