/*
 * batch_names.c - the output file names of a batch (see batch_int.h): an
 * entry's default name from its dia_danh, or the --ten pattern rendered
 * against it, each checked to be a plain file name; and the table that
 * finds two entries writing one file.
 */
#include "app/batch_int.h"
#include "base/i18n.h"
#include "base/utf8.h"
#include "base/xalloc.h"
#include "input/node_view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *bc_batch_names_default(const char *dia_danh)
{
    size_t n;
    char *ascii = bc_utf8_fold_ascii(dia_danh, strlen(dia_danh), &n);
    bc_buf b = BC_BUF_INIT;
    bool dash = false;
    for (size_t i = 0; i < n; i++) {
        char c = ascii[i];
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (dash && b.len)
                bc_buf_putc(&b, '-');
            bc_buf_putc(&b, c);
            dash = false;
        } else if (c >= 'A' && c <= 'Z') {
            if (dash && b.len)
                bc_buf_putc(&b, '-');
            bc_buf_putc(&b, (char)(c - 'A' + 'a'));
            dash = false;
        } else {
            dash = true;
        }
    }
    free(ascii);
    if (b.len == 0) {
        bc_buf_free(&b);
        return NULL;
    }
    bc_buf_puts(&b, ".docx");
    return bc_buf_detach(&b, NULL);
}

static size_t S_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

size_t bc_batch_names_add(bc_batch_names *t, const char *file, size_t index,
                          const char *name, int line, const char **other,
                          int *other_line)
{
    if ((t->count + 1) * 4 > t->cap * 3) {
        bc_batch_names old = *t;
        t->cap = old.cap ? old.cap * 2 : 1024;
        t->slot = bc_xcalloc(t->cap, sizeof *t->slot);
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i]) {
                size_t h = S_hash(old.slot[i]->text) & (t->cap - 1);
                while (t->slot[h])
                    h = (h + 1) & (t->cap - 1);
                t->slot[h] = old.slot[i];
            }
        free(old.slot);
    }
    size_t h = S_hash(file) & (t->cap - 1);
    while (t->slot[h]) {
        if (strcmp(t->slot[h]->text, file) == 0) {
            *other = t->slot[h]->text + strlen(t->slot[h]->text) + 1;
            *other_line = t->slot[h]->line;
            return t->slot[h]->index;
        }
        h = (h + 1) & (t->cap - 1);
    }
    size_t flen = strlen(file), nlen = strlen(name);
    bc_batch_name *r = bc_arena_alloc(&t->strings, sizeof *r + flen + nlen + 2);
    r->index = index;
    r->line = line;
    memcpy(r->text, file, flen + 1);
    memcpy(r->text + flen + 1, name, nlen + 1);
    t->slot[h] = r;
    t->count++;
    return 0;
}

void bc_batch_names_free(bc_batch_names *t)
{
    free(t->slot);
    bc_arena_free(&t->strings);
}

/* Checks an output file name; NULL when fine, else the reason. */
static const char *S_bad_file_name(const char *s, size_t n)
{
    if (n > BC_MAX_FILE_NAME)
        return _("it is longer than 200 bytes");
    if (n == 0 || s[0] == '.')
        return _("it is empty or starts with a dot");
    bool blank = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '/' || c < 0x20 || c == 0x7F)
            return _("it holds a slash or a control character");
        if (c != ' ')
            blank = false;
    }
    if (blank || (n >= 5 && strspn(s, " ") == n - 5))
        return _("it has no name before .docx");
    return NULL;
}

char *bc_batch_names_for(const bc_mtpl *pattern, const bc_node *entry,
                         bc_diags *d)
{
    if (!pattern) {
        const bc_node *dd = bc_node_get(entry, "dia_danh");
        char *f = dd && dd->kind == BC_SCALAR ? bc_batch_names_default(dd->str) : NULL;
        const char *why = f ? S_bad_file_name(f, strlen(f)) : NULL;
        if (!f)
            bc_diag_add(d, BC_ERROR, entry->file, entry->line,
                        entry->col, "%s",
                        _("the entry has no `dia_danh` to name its file (or use --ten)"));
        else if (why)
            bc_diag_add(d, BC_ERROR, dd->file, dd->line, dd->col,
                        _("`dia_danh` gives the file name `%s`, which cannot be used: %s "
                          "(use --ten)"),
                        f, why);
        if (why) {
            free(f);
            f = NULL;
        }
        return f;
    }
    bc_buf out = BC_BUF_INIT;
    if (bc_node_view_text(pattern, entry, false, &out, d) != 0) {
        bc_buf_free(&out);
        return NULL;
    }
    if (out.len < 5 || strcasecmp(bc_buf_cstr(&out) + out.len - 5, ".docx") != 0)
        bc_buf_puts(&out, ".docx");
    const char *s = bc_buf_cstr(&out);
    const char *why = S_bad_file_name(s, out.len);
    if (why) {
        bc_diag_add(d, BC_ERROR, entry->file, entry->line,
                    entry->col,
                    _("--ten gives the file name `%s`, which is not a plain file name: %s"),
                    s, why);
        bc_buf_free(&out);
        return NULL;
    }
    return bc_buf_detach(&out, NULL);
}

