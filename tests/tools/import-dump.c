/*
 * import-dump.c - test tool: the blocks bc_import_docx_read (or, for a
 * .txt, bc_import_text_read when the build has it) makes of a file, one
 * line each, for the tests and for looking at a clerk's document:
 *
 *   P <tab> line <tab> flags <tab> text       a paragraph
 *   T <tab> line <tab> rows <tab> cols <tab> borders
 *   C <tab> row <tab> col <tab> line <tab> flags <tab> text   a cell's paragraph
 *
 * flags: align (L C R J) then b (bold), i (italic), n (numbered), p (page
 * break) when set. Diagnostics go to stderr ("file:part:line: error: ...");
 * exit 1 when the file could not be read.
 *
 * With -c, each text is also read back through the body markup
 * (bc_body_markup_inline): every star of it must be a marker that pairs
 * or an escaped one, so that the text without its markers is the text
 * the markup gives; a text for which it is not is named on stderr and
 * the exit status is 3.
 * usage: import-dump [-c] FILE.docx
 */
#include "base/diag.h"
#include "import/import_doc.h"
#include "import/import_docx.h"

#include "report/body_markup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int S_check;
static int S_bad;

/* The text without its markup: "\*" a star, any other star dropped. */
static char *S_plain(const char *s)
{
    size_t n = strlen(s), k = 0;
    char *o = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && s[i + 1] == '*')
            o[k++] = s[++i];
        else if (s[i] != '*')
            o[k++] = s[i];
    }
    o[k] = '\0';
    return o;
}

static void S_verify(const bc_import_para *p)
{
    if (!S_check)
        return;
    bc_block blk;
    memset(&blk, 0, sizeof blk);
    bc_body_markup_inline(p->text, strlen(p->text), &blk);
    char *plain = S_plain(p->text);
    if (strcmp(plain, blk.text) != 0) {
        fprintf(stderr, "markup: paragraph %d: %s\n  reads back as: %s\n", p->line, p->text,
                blk.text);
        S_bad = 1;
    }
    free(plain);
    free(blk.text);
    free(blk.spans);
}

static void S_flags(const bc_import_para *p, char *out)
{
    static const char align[] = "LCRJ";
    int k = 0;
    out[k++] = align[p->align & 3];
    if (p->bold)
        out[k++] = 'b';
    if (p->italic)
        out[k++] = 'i';
    if (p->numbered)
        out[k++] = 'n';
    if (p->page_break)
        out[k++] = 'p';
    out[k] = '\0';
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "-c") == 0) {
        S_check = 1;
        argv++;
        argc--;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: import-dump [-c] FILE.docx\n");
        return 2;
    }
    bc_import_doc doc;
    bc_import_doc_init(&doc, argv[1], 0);
    bc_diags d = BC_DIAGS_INIT;
    int rc = bc_import_docx_read(argv[1], &doc, &d);
    for (bc_diag *g = d.head; g; g = g->next) {
        char *s = bc_diag_format(g);
        fprintf(stderr, "%s\n", s);
        if (g->hint)
            fprintf(stderr, "  hint: %s\n", g->hint);
        free(s);
    }
    char fl[8];
    for (size_t i = 0; rc == 0 && i < doc.n_blocks; i++) {
        const bc_import_block *b = &doc.blocks[i];
        if (b->kind == BC_IMPORT_BLOCK_PARA) {
            S_flags(&b->u.para, fl);
            printf("P\t%d\t%s\t%s\n", b->u.para.line, fl, b->u.para.text);
            S_verify(&b->u.para);
            continue;
        }
        const bc_import_table *t = &b->u.table;
        printf("T\t%d\t%zu\t%zu\t%d\n", t->line, t->rows, t->cols, (int)t->borders);
        for (size_t r = 0; r < t->rows; r++)
            for (size_t c = 0; c < t->cols; c++) {
                const bc_import_cell *cell = &t->cells[r * t->cols + c];
                for (size_t k = 0; k < cell->n_paras; k++) {
                    S_flags(&cell->paras[k], fl);
                    printf("C\t%zu\t%zu\t%d\t%s\t%s\n", r + 1, c + 1, cell->paras[k].line, fl,
                           cell->paras[k].text);
                    S_verify(&cell->paras[k]);
                }
            }
    }
    bc_import_doc_free(&doc);
    bc_diags_free(&d);
    return rc != 0 ? 1 : S_bad ? 3 : 0;
}
